"""JSON and CSV, written with the standard library (never through Rich, which wraps and parses markup)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .blocks import Document
    from .formats import Context


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


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


def to_csv(rows: list[dict[str, Any]]) -> str:
    """One header row with the union of keys (first-seen order), lists joined with '; '."""
    import csv
    import io

    columns: list[str] = []
    for row in rows:
        columns.extend(key for key in row if key not in columns)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _flat(row.get(key)) for key in columns})
    return out.getvalue()


def write_json(doc: Document, context: Context) -> None:
    context.stream.write(to_json(doc.data))


def write_csv(doc: Document, context: Context) -> None:
    """The rows of the document, else its data: the same records the JSON answer is made of."""
    rows = doc.rows if doc.rows is not None else doc.data
    context.stream.write(to_csv(rows if isinstance(rows, list) else [rows]))
