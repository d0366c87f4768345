"""Excel workbooks (.xlsx) for people, written with openpyxl from the same blocks the table format shows.

A workbook is read by a planner, not a script (scripts take `json` or `csv`), so it holds what the terminal shows,
in the chosen language, one sheet per table:

* each `Table` of the document is a sheet named by the table's title (or the heading above it): the column headers
  as the table has them, one row per table row; a `Fields` block (one entry in full) is a sheet of two columns;
* numbers are stored as numbers where the table right-aligns a column of figures: '97.392' / '97,392' is 97392,
  '9,7' is 9.7, and 'ca. 500', '36 pct.' or 'ca. 36.000.000 kr.' keep their words as the cell's number format
  ('"ca. "#,##0'), so Excel can sort and add them and shows them as the table does (rounded as the note rounds);
  a range ('ca. 6.800-8.000') stays text;
* ids shown for the terminal (a muted line 'safe-dates' under a name) are left out, and a header's '(id)' with them;
* the last sheet, "Metode og kilder" / "Method and sources", holds the document's `about` rows (the note, the
  method, the caveats, the data sources), then every caption, paragraph and list of the document, each under the
  sheet or heading it belongs to;
* every text cell is stored as text, never as a formula, whatever it starts with (a --kb may come from anyone).

openpyxl is imported only inside `workbook_bytes`, and this module only when xlsx is asked for (the format
registry's loader), so no command pays for it otherwise. The renderer writes the workbook's bytes to
`context.binary`; `formats.emit` writes them to the -o file (`files.write_bytes_atomic`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from vold_cli.output.blocks import (
    Bar,
    BulletList,
    Cell,
    Chart,
    Fields,
    Heading,
    Lines,
    Notes,
    PageBreak,
    Paragraph,
    Styled,
    Table,
    cell_text,
    handler,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from vold_cli.output.blocks import Document
    from vold_cli.output.formats import Context

MAX_WIDTH = 60  # characters; longer texts wrap inside the cell
SHEET_NAME_MAX = 31  # Excel's limit
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_NO_ID = re.compile(r"\s*\(id\)")

#: Words around a number in a right-aligned cell, kept as the cell's number format: (before, after) per language.
_AROUND = {
    "da": (("ca. ", "godt ", "knap ", "over ", "under "), (" kr.", " pct.", " mio. kr.")),
    "en": (("ca. ", "about ", "just over ", "just under ", "over ", "under ", "DKK "), (" %", " per cent")),
}
_NUMBER = {
    "da": re.compile(r"-?(?:[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?:,[0-9]+)?"),
    "en": re.compile(r"-?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"),
}


class Sheet:
    """One sheet to write: its name, column headers, rows of values (text, numbers, or (number, format))."""

    __slots__ = ("name", "headers", "rows")

    def __init__(self, name: str, headers: list[str]) -> None:
        self.name = name
        self.headers = headers
        self.rows: list[list[object]] = []


def number_in(text: str, lang: str) -> tuple[float | int, str] | None:
    """A number written the way the tables write it in `lang`, with its Excel number format; None if `text` is not
    just a number (with 'ca.', 'kr.' and the like around it)."""
    before = after = ""
    rest = text.strip()
    prefixes, suffixes = _AROUND["da" if lang == "da" else "en"]
    for word in prefixes:
        if rest.startswith(word):
            before, rest = word, rest[len(word):]
            break
    for word in suffixes:
        if rest.endswith(word):
            after, rest = word, rest[: -len(word)]
            break
    if not _NUMBER["da" if lang == "da" else "en"].fullmatch(rest):
        return None
    thousands, decimal = (".", ",") if lang == "da" else (",", ".")
    plain = rest.replace(thousands, "").replace(decimal, ".")
    digits = len(plain.partition(".")[2])
    value: float | int = float(plain) if digits else int(plain)
    if after.strip() == "mio. kr.":
        return None  # '147 mio. kr.' stays as the note writes it
    shape = "#,##0" + ("." + "0" * digits if digits else "")
    quoted = (f'"{before}"' if before else "") + shape + (f'"{after}"' if after else "")
    return value, quoted


def _styled(part: Styled) -> str:
    return "" if part.style == "muted" and _ID.fullmatch(part.text) else part.text


#: A cell's text for a sheet, one function per kind of cell (output/blocks.handler: an unknown kind is an error).
CELLS: dict[type, Callable[..., str]] = {
    str: str, Styled: _styled, Bar: cell_text,
    # the parts of a multi-line cell on lines of their own, ids left out
    Lines: lambda cell: "\n".join(t for t in (cell_text(p) if isinstance(p, Lines) else _text(p)
                                               for p in cell.parts) if t),
}


def _text(cell: Cell) -> str:
    return handler(CELLS, cell, "xlsx")(cell)


def _value(cell: Cell, numeric: bool, lang: str) -> object:
    text = _text(cell)
    if numeric:
        found = number_in(text, lang)
        if found is not None:
            return found
    return text


def _unique(name: str, taken: set[str]) -> str:
    cleaned = " ".join("".join(" " if ch in "[]:*?/\\" else ch for ch in name).split()).strip("'") or "vold"
    base = cleaned[:SHEET_NAME_MAX]
    candidate, number = base, 1
    while candidate.casefold() in taken:
        number += 1
        suffix = f" ({number})"
        candidate = base[: SHEET_NAME_MAX - len(suffix)] + suffix
    taken.add(candidate.casefold())
    return candidate


class _Sheets:
    """What `sheets_of` gathers while it walks the blocks: the sheets, the notes, the sheet names taken and the
    heading the blocks stand under."""

    def __init__(self, lang: str, title: str) -> None:
        self.lang, self.title, self.heading = lang, title, ""
        self.sheets: list[Sheet] = []
        self.notes: list[tuple[str, str]] = []
        self.taken: set[str] = set()

    def under(self, own: str = "") -> str:
        return own or self.heading or self.title


def _heading(block: Heading, at: _Sheets) -> None:
    if block.level <= 1 and not at.title:
        at.title = block.text
    at.heading = block.text


def _table(block: Table, at: _Sheets) -> None:
    name = _unique(at.under(block.title) or "vold", at.taken)
    has_ids = any(isinstance(c, Lines) and any(isinstance(p, Styled) and p.style == "muted" and _ID.fullmatch(p.text)
                                               for p in c.parts)
                  for row in block.rows for c in row)
    sheet = Sheet(name, [_NO_ID.sub("", col.header) if has_ids else col.header for col in block.columns])
    numeric = [col.justify == "right" for col in block.columns]
    for row in block.rows:
        sheet.rows.append([_value(c, numeric[i] if i < len(numeric) else False, at.lang) for i, c in enumerate(row)])
    at.sheets.append(sheet)
    if block.title and (len(block.title) > SHEET_NAME_MAX or block.caption):
        at.notes.append((name, block.title + (f": {block.caption}" if block.caption else "")))
    elif block.caption:
        at.notes.append((name, block.caption))


def _fields(block: Fields, at: _Sheets) -> None:
    sheet = Sheet(_unique(at.under(block.title) or "vold", at.taken),
                  ["Emne", "Tekst"] if at.lang == "da" else ["Topic", "Text"])
    # the entry's id, shown for the terminal, is left out with the other ids
    sheet.rows = [[label, _text(value)] for label, value in block.pairs
                  if not (label.casefold() == "id" and _ID.fullmatch(_text(value)))]
    at.sheets.append(sheet)


def _items(block: BulletList | Notes, at: _Sheets) -> None:
    at.notes += [(at.under(block.title), item) for item in block.items]


def _nothing(block: Chart | PageBreak, at: _Sheets) -> None:
    """A chart draws the figures of a table beside it, which has its sheet; a page break has no place in a sheet."""


#: One function per kind of block (output/blocks.handler: an unknown kind is an error, never skipped).
BLOCKS: dict[type, Callable[..., None]] = {
    Heading: _heading, Table: _table, Fields: _fields, Paragraph: lambda block, at: at.notes.append(
        (at.under(), block.text)),
    BulletList: _items, Notes: _items, Chart: _nothing, PageBreak: _nothing,
}


def sheets_of(doc: Document, lang: str, title: str = "") -> tuple[list[Sheet], list[tuple[str, str]]]:
    """The sheets of a document (one per table and per block of fields) and the (topic, text) rows of its
    captions, paragraphs and lists, each under the sheet or heading it belongs to (`title` for those before any
    heading)."""
    at = _Sheets(lang, title)
    for block in doc.blocks:
        handler(BLOCKS, block, "xlsx")(block, at)
    return at.sheets, at.notes


def workbook_bytes(sheets: Sequence[Sheet], *, lang: str, title: str, about: list[tuple[str, str]]) -> bytes:
    """The workbook as bytes: `sheets`, then the sheet of method and sources holding `about`."""
    import io

    from openpyxl import Workbook  # type: ignore[import-untyped]
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # type: ignore[import-untyped]
    from openpyxl.styles import Alignment, Font  # type: ignore[import-untyped]

    book = Workbook()
    book.remove(book.active)
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    method = Sheet(_unique("Metode og kilder" if lang == "da" else "Method and sources", {s.name.casefold() for s in sheets}),
                   ["Emne", "Tekst"] if lang == "da" else ["Topic", "Text"])
    method.rows = [[topic, text] for topic, text in about]
    for data in [*sheets, method]:
        sheet = book.create_sheet(data.name)
        widths: dict[int, int] = {}
        for index, label in enumerate(data.headers, start=1):
            _put(sheet, 1, index, label, ILLEGAL_CHARACTERS_RE).font = bold
            widths[index] = min(len(label), 30)
        for r, values in enumerate(data.rows, start=2):
            for index, value in enumerate(values, start=1):
                shape = None
                if isinstance(value, tuple):
                    value, shape = value
                cell = _put(sheet, r, index, value, ILLEGAL_CHARACTERS_RE)
                if shape is not None:
                    cell.number_format = shape
                elif isinstance(value, str) and (len(value) > MAX_WIDTH or "\n" in value):
                    cell.alignment = wrap
                widths[index] = max(widths.get(index, 0), _text_width(value, shape))
        sheet.freeze_panes = "A2"
        if data.rows and data.headers:
            sheet.auto_filter.ref = sheet.dimensions
        _fit(sheet, widths)
    book.properties.title = title
    book.properties.language = "da-DK" if lang == "da" else "en"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _put(sheet: Any, row: int, column: int, value: object, illegal: re.Pattern[str]) -> Any:
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        value = illegal.sub("", value)
        cell.value = value
        cell.data_type = "s"  # never a formula, whatever the text starts with (a --kb may come from anyone)
    else:
        cell.value = value
    return cell


def _fit(sheet: Any, widths: dict[int, int]) -> None:
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = min(max(width, 6), MAX_WIDTH) + 2


def _text_width(value: object, shape: str | None) -> int:
    if value is None:
        return 0
    if shape is not None and isinstance(value, int | float):
        return len(f"{value:,}") + len(re.sub(r'[#,0.]', "", shape))
    return max((len(line) for line in str(value).splitlines()), default=0)


def render_to(doc: Document, context: Context) -> None:
    """The format registry's renderer: the document's tables as sheets, and its `about` rows with its notes."""
    from vold_cli.sanitize import clean_rows

    if context.binary is None:
        raise TypeError("xlsx is a file format: it needs a binary destination (formats.emit gives one for -o FILE).")
    sheets, notes = sheets_of(doc, context.lang, context.title or "vold")
    about = list((doc.about() if callable(doc.about) else doc.about) or [])
    seen = {text for _, text in about}
    for topic, text in notes:  # a caveat the view put in `about` and in a list is written once
        if text not in seen:
            seen.add(text)
            about.append((topic, text))
    about = [(str(topic), str(text)) for topic, text in clean_rows([[topic, text] for topic, text in about])]
    context.binary.write(workbook_bytes(sheets, lang=context.lang, title=context.title or "vold", about=about))
