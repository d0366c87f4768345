"""JSON and CSV, written with the standard library (never through Rich, which wraps and parses markup)."""

from __future__ import annotations

import json
from typing import Any


def to_json(data: Any) -> str:
    from ..sanitize import json_safe

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


def to_csv(rows: list[dict[str, Any]]) -> str:
    """One header row with the union of keys (first-seen order), lists joined with '; '."""
    import csv
    import io

    from ..sanitize import clean_rows

    rows = clean_rows(rows)  # hostile text: controls and bidi marks shown as \x1b, \u202e (see sanitize.py)
    columns: list[str] = []
    for row in rows:
        columns.extend(key for key in row if key not in columns)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _flat(row.get(key)) for key in columns})
    return out.getvalue()
