"""JSON and CSV, written with the standard library (never through Rich, which wraps and parses markup)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vold_cli.output.blocks import Document
    from vold_cli.output.formats import Context


def to_json(data: Any) -> str:
    from vold_cli.sanitize import json_safe

    # json.dumps escapes U+0000-U+001F itself; C1 controls, bidi marks and U+2028/2029 become \uXXXX too
    return json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"


def _flat(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "; ".join(str(_flat(v)) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


#: What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection"): such a text cell gets a leading '.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """A CSV cell that Excel or Google Sheets would not run as a formula: a text beginning with =, +, -, @, tab or
    carriage return gets a leading apostrophe. Numbers vold writes stay numbers (-2 is written -2): only text is a
    formula's way in."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(rows: list[dict[str, Any]]) -> str:
    """One header row with the union of keys (first-seen order), lists joined with '; ', every text cell (the
    header too) neutralised against formula injection (`neutralise`). Lines end in CRLF, as RFC 4180 says, on
    stdout and in files alike (formats.emit writes stdout's bytes past any newline translation)."""
    import csv
    import io

    from vold_cli.sanitize import clean_rows

    rows = clean_rows(rows)  # hostile text: controls and bidi marks shown as \x1b, \u202e (see sanitize.py)
    columns: list[str] = []
    for row in rows:
        columns.extend(key for key in row if key not in columns)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralise(key) for key in columns])
    for row in rows:
        writer.writerow([neutralise(_flat(row.get(key))) for key in columns])
    return out.getvalue()


def write_json(doc: Document, context: Context) -> None:
    context.stream.write(to_json(doc.data))


def _singular(key: str) -> str:
    return key[:-1] if key.endswith("s") else key


def records(data: Any, table: str | tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """The records a CSV file holds, taken from the JSON answer itself: `data` when it is a list of objects (or
    one object), else the lists named by `table`. A name "a.b" takes every item of the list `b` inside each
    item of `a`, with a column naming the item of `a` it came from (an item of `a` whose `b` is empty is kept
    as a row of its own). With several names, a first column `part` says which list a row comes from. When `data`
    is itself a list, the first name's outer part names it ("cells.interventions": one row per intervention of
    each cell of the list)."""
    if not table:
        return data if isinstance(data, list) else [data]
    names = (table,) if isinstance(table, str) else table
    if isinstance(data, list):
        data = {names[0].partition(".")[0]: data}
    out: list[dict[str, Any]] = []
    for name in names:
        outer, _, inner = name.partition(".")
        part = {"part": inner or outer} if len(names) > 1 else {}
        for item in data.get(outer) or []:
            if not inner:
                out.append(part | item)
                continue
            children = item.get(inner) or []
            parent = {_singular(outer): item.get("id")}
            if not children:
                out.append(part | parent | {k: v for k, v in item.items() if k not in (inner, "id")})
            out.extend(part | parent | child for child in children)
    return out


def flatten(record: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """One CSV row from a record: nested objects become `parent.child` columns, a list of entries becomes
    their ids (else their JSON), a list of values stays a list (written joined with '; ')."""
    row: dict[str, Any] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            row.update(flatten(value, f"{name}."))
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            ids = [v.get("id") for v in value]
            row[name] = ids if all(isinstance(i, str) for i in ids) else json.dumps(value, ensure_ascii=False)
        else:
            row[name] = value
    return row


def csv_rows(doc: Document) -> list[dict[str, Any]]:
    if doc.rows is not None:
        return doc.rows
    return [flatten(record) for record in records(doc.data, doc.table)]


def write_csv(doc: Document, context: Context) -> None:
    """The document's records, flattened: the same records the JSON answer is made of."""
    context.stream.write(to_csv(csv_rows(doc)))
