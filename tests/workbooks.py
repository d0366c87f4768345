"""Workbooks for the tests, made part by part as an .xlsx file is (a zip archive of XML parts), so that a test can
build the damaged and hostile ones Excel never writes: a non-number in a number cell, a bad date, a shared-string
index out of range, no sheet, bad cell references, broken XML, a missing part, and zip bombs (a sheet of empty
rows, one huge row, many shared strings, one huge cell). Large parts are written in chunks, never held whole."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    '</Types>'
)
ROOT_RELS = (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">'
             '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
             'officeDocument" Target="xl/workbook.xml"/></Relationships>')
WORKBOOK = (f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
            '<sheet name="Ark1" sheetId="1" r:id="rId1"/></sheets></workbook>')
WORKBOOK_RELS = (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">'
                 '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                 'worksheet" Target="worksheets/sheet1.xml"/>'
                 '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                 'sharedStrings" Target="sharedStrings.xml"/></Relationships>')
HEADER_ROW = '<row r="1"><c r="A1" t="inlineStr"><is><t>Tilbud</t></is></c>' \
             '<c r="B1" t="inlineStr"><is><t>Pladser</t></is></c></row>'


def sheet(rows: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>{rows}</sheetData></worksheet>'


def shared(strings: list[str]) -> str:
    items = "".join(f"<si><t>{s}</t></si>" for s in strings)
    return f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" count="{len(strings)}">{items}</sst>'


def book(parts: dict[str, str | bytes | Iterable[bytes]], *, leave_out: tuple[str, ...] = (),
         stored: bool = False) -> bytes:
    """An xlsx file: the standard parts, `parts` over them (a part may be an iterable of byte chunks, written as
    it comes), and `leave_out` left out; `stored`: not compressed (so no compression ratio gives it away)."""
    every: dict[str, str | bytes | Iterable[bytes]] = {
        "[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": ROOT_RELS, "xl/workbook.xml": WORKBOOK,
        "xl/_rels/workbook.xml.rels": WORKBOOK_RELS, "xl/sharedStrings.xml": shared([]),
        "xl/worksheets/sheet1.xml": sheet(HEADER_ROW),
    }
    every.update(parts)
    out = io.BytesIO()
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(out, "w", method, compresslevel=None if stored else 9) as archive:
        for name, content in every.items():
            if name in leave_out:
                continue
            if isinstance(content, (str, bytes)):
                archive.writestr(name, content)
                continue
            with archive.open(name, "w", force_zip64=True) as handle:
                for chunk in content:
                    handle.write(chunk)
    return out.getvalue()


def with_rows(rows: str, strings: list[str] | None = None) -> bytes:
    """A workbook whose first sheet holds the header row (Tilbud, Pladser) and `rows`."""
    parts: dict[str, str | bytes | Iterable[bytes]] = {"xl/worksheets/sheet1.xml": sheet(HEADER_ROW + rows)}
    if strings is not None:
        parts["xl/sharedStrings.xml"] = shared(strings)
    return book(parts)


def _offer(row: int, places: str) -> str:
    return f'<row r="{row}"><c r="A{row}" t="inlineStr"><is><t>Krisecenter</t></is></c>{places}</row>'


# --- the malformed workbooks (each one line naming file, sheet and row: never an internal error) -------------

def non_number() -> bytes:
    """A number cell (no type: a number) that holds text."""
    return with_rows(_offer(2, '<c r="B2"><v>tolv</v></c>'))


def bad_date() -> bytes:
    """A date cell (t="d") whose date does not exist."""
    return with_rows(_offer(2, '<c r="B2" t="d"><v>2024-13-45</v></c>'))


def shared_out_of_range() -> bytes:
    """A shared-string cell pointing past the end of the shared strings."""
    return with_rows(_offer(2, '<c r="B2" t="s"><v>99</v></c>'), strings=["a", "b"])


def no_sheet() -> bytes:
    return book({"xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" '
                                    f'xmlns:r="{REL}"><sheets/></workbook>'})


def bad_reference() -> bytes:
    """A cell whose reference is not a cell reference."""
    return with_rows(_offer(2, '<c r="2B"><v>4</v></c>'))


def far_column() -> bytes:
    """A cell in a column no sheet has (beyond XFD)."""
    return with_rows(_offer(2, '<c r="ZZZZ2"><v>4</v></c>'))


def broken_xml() -> bytes:
    """The sheet's XML stops in the middle of a row."""
    return book({"xl/worksheets/sheet1.xml": sheet(HEADER_ROW)[:-40] + '<row r="2"><c r="A2"'})


def missing_part() -> bytes:
    """The workbook names a sheet whose part is not in the archive."""
    return book({}, leave_out=("xl/worksheets/sheet1.xml",))


def bad_boolean() -> bytes:
    """A boolean cell (t="b") holding a word."""
    return with_rows(_offer(2, '<c r="B2" t="b"><v>kanske</v></c>'))


MALFORMED = {"non-number": non_number, "bad-date": bad_date, "shared-string-out-of-range": shared_out_of_range,
             "no-sheet": no_sheet, "bad-cell-reference": bad_reference, "column-beyond-xfd": far_column,
             "broken-xml": broken_xml, "missing-part": missing_part, "bad-boolean": bad_boolean}


# --- hostile workbooks: small files that unpack to far more than a list of offers -----------------------------

def _repeat(unit: bytes, count: int, head: bytes = b"", tail: bytes = b"") -> Iterable[bytes]:
    yield head
    block = unit * 65_536
    whole, rest = divmod(count, 65_536)
    for _ in range(whole):
        yield block
    yield unit * rest
    yield tail


_SHEET_HEAD = (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>{HEADER_ROW}').encode()
_SHEET_TAIL = b"</sheetData></worksheet>"


def bomb(rows: int = 8_000_000) -> bytes:
    """A sheet of `rows` empty rows: about 50 bytes per row unpacked, a few hundred kilobytes packed."""
    return book({"xl/worksheets/sheet1.xml": _repeat(b"<row/>", rows, _SHEET_HEAD, _SHEET_TAIL)})


def empty_rows_within_size(rows: int = 300_000) -> bytes:
    """Empty rows below the limit on unpacked size but above the limit on rows."""
    return book({"xl/worksheets/sheet1.xml": _repeat(b"<row/>", rows, _SHEET_HEAD, _SHEET_TAIL)})


def far_row() -> bytes:
    """Two rows, the second at Excel's last row: a reader that fills the gap makes a million empty rows."""
    return with_rows(_offer(1_048_576, '<c r="B1048576"><v>4</v></c>'))


def huge_row(cells: int = 3_000_000) -> bytes:
    """One row of `cells` empty cells."""
    return book({"xl/worksheets/sheet1.xml": _repeat(b"<c/>", cells, _SHEET_HEAD + b'<row r="2">',
                                                     b"</row>" + _SHEET_TAIL)})


def wide_row_within_size(cells: int = 60_000) -> bytes:
    """One row of more cells than the limit, small enough unpacked."""
    return book({"xl/worksheets/sheet1.xml": _repeat(b"<c/>", cells, _SHEET_HEAD + b'<row r="2">',
                                                     b"</row>" + _SHEET_TAIL)})


def many_strings(count: int = 2_000_000) -> bytes:
    """`count` shared strings (only two of them used)."""
    head = f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}">'.encode()
    return book({"xl/sharedStrings.xml": _repeat(b"<si><t>x</t></si>", count, head, b"</sst>")})


def huge_cell(size: int = 64 * 1024 * 1024) -> bytes:
    """One shared string of `size` characters."""
    head = f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}"><si><t>'.encode()
    return book({"xl/sharedStrings.xml": _repeat(b"x", size, head, b"</t></si></sst>"),
                 "xl/worksheets/sheet1.xml": sheet(HEADER_ROW + _offer(2, '<c r="B2" t="s"><v>0</v></c>'))})


def long_cell_within_size(size: int = 2 * 1024 * 1024) -> bytes:
    """One cell of `size` characters: within the limit on unpacked size, beyond the limit on a cell's length."""
    head = f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}"><si><t>'.encode()
    return book({"xl/sharedStrings.xml": _repeat(b"x", size, head, b"</t></si></sst>"),
                 "xl/worksheets/sheet1.xml": sheet(HEADER_ROW + _offer(2, '<c r="B2" t="s"><v>0</v></c>'))})


def stored_rows(rows: int = 150_000) -> bytes:
    """Empty rows, stored uncompressed (within 1 MiB): only the count of rows gives them away."""
    return book({"xl/worksheets/sheet1.xml": _repeat(b"<row/>", rows, _SHEET_HEAD, _SHEET_TAIL)}, stored=True)


def stored_cells(cells: int = 200_000) -> bytes:
    """One row of empty cells, stored uncompressed: only the count of cells gives them away."""
    return book({"xl/worksheets/sheet1.xml": _repeat(b"<c/>", cells, _SHEET_HEAD + b'<row r="2">',
                                                     b"</row>" + _SHEET_TAIL)}, stored=True)


def stored_strings(count: int = 55_000) -> bytes:
    """More shared strings than the limit, stored uncompressed."""
    head = f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}">'.encode()
    return book({"xl/sharedStrings.xml": _repeat(b"<si><t>x</t></si>", count, head, b"</sst>")}, stored=True)


def stored_long_cell(size: int = 900_000) -> bytes:
    """One cell of `size` characters, stored uncompressed: openpyxl reads it, the cell's length refuses it."""
    head = f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}"><si><t>'.encode()
    return book({"xl/sharedStrings.xml": _repeat(b"x", size, head, b"</t></si></sst>"),
                 "xl/worksheets/sheet1.xml": sheet(HEADER_ROW + _offer(2, '<c r="B2" t="s"><v>0</v></c>'))},
                stored=True)


def many_parts(count: int = 2_000) -> bytes:
    return book({f"xl/media/image{n}.xml": "<x/>" for n in range(count)})


HOSTILE = {"empty-rows-bomb": bomb, "empty-rows": empty_rows_within_size, "far-row": far_row, "huge-row": huge_row,
           "wide-row": wide_row_within_size, "many-shared-strings": many_strings, "huge-cell": huge_cell,
           "long-cell": long_cell_within_size, "many-parts": many_parts, "stored-rows": stored_rows,
           "stored-cells": stored_cells, "stored-strings": stored_strings, "stored-long-cell": stored_long_cell}


def commands_offering(fmt: str) -> list[str]:
    """The commands (as 'kb info') whose --format offers `fmt`, read from the command registry."""
    from vold_cli.commands import registry
    from vold_cli.commands.common import FormatChoice

    found = []
    for path in registry.paths():
        if not path:
            continue
        entry = registry.find(path[0])
        assert entry is not None
        for name in path[1:]:
            assert entry.children is not None
            entry = entry.children[name]
        if entry.children is not None:
            continue
        params = registry.build(entry, "en").params
        if any(isinstance(p.type, FormatChoice) and fmt in p.type.choices for p in params):
            found.append(" ".join(path))
    return found
