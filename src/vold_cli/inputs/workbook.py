"""Read the first sheet of an .xlsx workbook of offers, safely: the limits hold before anything large is built.

An xlsx file is a zip archive of XML parts, so a file of less than a megabyte can unpack to gigabytes (a sheet of
110 million empty rows, one row of 32 million cells, 22 million shared strings, one cell of 900 MB). So, in order:

1. the zip directory is checked before any part is read: at most MAX_ENTRIES entries, at most MAX_UNPACKED bytes
   unpacked in all, and no part larger than RATIO_FROM bytes compressed more than MAX_RATIO times (zipfile never
   unpacks a part beyond the size its directory entry gives, so these numbers bound what is read);
2. the workbook part names the first sheet; the shared strings and that sheet are streamed (never held whole)
   and their elements counted: at most `max_cells` cells and shared strings, at most MAX_SHEET_ROWS rows;
3. only then openpyxl opens the workbook, in read-only mode (the sheet is parsed row by row), and the rows are
   read up to the row cap, without padding rows to a width the file claims.

Anything openpyxl cannot read (a non-number in a number cell, a bad date, a shared-string index out of range, a
bad cell reference, broken XML) is one PortfolioError naming the file, the sheet and the row where known."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from vold_cli.i18n.bilingual import Bilingual
from vold_cli.inputs.offers import MAX_CELL_CHARS, PortfolioError

if TYPE_CHECKING:
    import zipfile
    from pathlib import Path

MAX_ENTRIES = 1_000  # parts in the zip archive (Excel writes about 10 for a one-sheet workbook)
MAX_UNPACKED = 20 * 1024 * 1024  # bytes, all parts unpacked together
MAX_RATIO = 100  # how many times a large part may be compressed
RATIO_FROM = 1024 * 1024  # parts smaller than this may be compressed more (small XML compresses well)
MAX_SHEET_ROWS = 10_000  # rows of the first sheet, empty ones included (the offers themselves: offers.MAX_ROWS)
MAX_SHEET_COLUMNS = 100  # columns of the first sheet (A to CV); the named ones: offers.MAX_COLUMNS
_CHUNK = 1024 * 1024

_NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NS_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def _bad(name: str, why: Bilingual) -> PortfolioError:
    return PortfolioError(Bilingual("{name}: ikke en læsbar xlsx-projektmappe ({why}).",
                                    "{name}: not a readable xlsx workbook ({why}).").format(name=name, why=why),
                          hint=Bilingual("Åbn og gem den igen i regnearket, eller gem den som 'CSV UTF-8'.",
                                         "Open and save it again in the spreadsheet, or save it as 'CSV UTF-8'."))


def _n(value: int) -> Bilingual:
    from vold_cli.i18n.localize import number

    return Bilingual(number(value, "da"), f"{value:,}")


_ALONE = Bilingual("Gem listen over tilbud alene i en ny projektmappe.", "Save the list of offers alone in a new workbook.")
_EMPTY_ROWS = Bilingual("Slet de tomme rækker under listen, eller gem den som 'CSV UTF-8'.",
                        "Delete the empty rows below the list, or save it as 'CSV UTF-8'.")
_NO_SHEET = Bilingual("Læg listen over tilbud i det første ark, og gem den igen.",
                      "Put the list of offers on the first sheet and save it again.")


def _no_sheet(name: str) -> PortfolioError:
    return PortfolioError(Bilingual(f"{name}: projektmappen har intet ark.", f"{name}: the workbook has no sheet."),
                          hint=_NO_SHEET)


def _sheet(title: str) -> Bilingual:
    from vold_cli.sanitize import quote

    return Bilingual(f"arket {quote(title)}", f"sheet {quote(title)}")


def _directory(name: str, archive: zipfile.ZipFile) -> None:
    entries = archive.infolist()
    if len(entries) > MAX_ENTRIES:
        raise PortfolioError(Bilingual("{name}: projektmappen har {count} dele, flere end grænsen på {limit}.",
                                       "{name}: the workbook has {count} parts, more than the limit of "
                                       "{limit}.").format(name=name, count=_n(len(entries)), limit=_n(MAX_ENTRIES)),
                             hint=_ALONE)
    total = sum(entry.file_size for entry in entries)
    if total > MAX_UNPACKED:
        raise PortfolioError(Bilingual("{name}: projektmappen fylder {size} byte udpakket, mere end grænsen på "
                                       "{limit}.",
                                       "{name}: the workbook unpacks to {size} bytes, more than the limit of "
                                       "{limit}.").format(name=name, size=_n(total), limit=_n(MAX_UNPACKED)),
                             hint=Bilingual("En liste over tilbud er langt mindre; slet tomme rækker og kolonner under "
                                            "og ved siden af den, eller gem den som 'CSV UTF-8'.",
                                            "A list of offers is far smaller; delete empty rows and columns below "
                                            "and beside it, or save it as 'CSV UTF-8'."))
    for entry in entries:
        if entry.file_size > RATIO_FROM and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
            from vold_cli.sanitize import quote

            ratio = entry.file_size // max(entry.compress_size, 1)
            raise PortfolioError(Bilingual("{name}: delen {part} er pakket {ratio} gange sammen, mere end grænsen på "
                                           "{limit} (en zip-bombe eller et ark med tomme rækker).",
                                           "{name}: the part {part} is compressed {ratio} times, more than the limit "
                                           "of {limit} (a zip bomb, or a sheet of empty rows).").format(
                                               name=name, part=quote(entry.filename), ratio=_n(ratio),
                                               limit=_n(MAX_RATIO)),
                                 hint=Bilingual("Slet de tomme rækker og kolonner under og ved siden af listen, eller "
                                                "gem den som 'CSV UTF-8'.",
                                                "Delete the empty rows and columns below and beside the list, or save "
                                                "it as 'CSV UTF-8'."))


def _missing(name: str, part: str) -> PortfolioError:
    from vold_cli.sanitize import quote

    return _bad(name, Bilingual(f"delen {quote(part)} mangler", f"the part {quote(part)} is missing"))


def _xml(name: str, archive: zipfile.ZipFile, part: str) -> object:
    """A small XML part (the workbook, its relationships), parsed whole: its size is within MAX_UNPACKED."""
    import xml.etree.ElementTree as ET

    from vold_cli.sanitize import quote

    try:
        with archive.open(part) as handle:
            return ET.fromstring(handle.read())
    except KeyError:
        raise _missing(name, part) from None
    except ET.ParseError as exc:
        line, column = exc.position
        raise _bad(name, Bilingual(f"{quote(part)}: ødelagt XML i linje {line}, kolonne {column}",
                                   f"{quote(part)}: broken XML at line {line}, column {column}")) from None
    except Exception as exc:  # a damaged part (bad CRC, bad compression)
        raise _bad(name, _damaged(part, exc)) from None


def _first_sheet_part(name: str, archive: zipfile.ZipFile) -> tuple[str, str]:
    """(the first worksheet's name, the zip part holding it), from xl/workbook.xml and its relationships (a chart
    sheet before it is passed over, as openpyxl's `worksheets` does)."""
    import posixpath
    import xml.etree.ElementTree as ET

    from vold_cli.sanitize import quote

    book = _xml(name, archive, "xl/workbook.xml")
    rels = _xml(name, archive, "xl/_rels/workbook.xml.rels")
    assert isinstance(book, ET.Element) and isinstance(rels, ET.Element)
    targets = {r.get("Id"): (r.get("Type") or "", r.get("Target") or "") for r in rels.iter(f"{{{_NS_PKG}}}Relationship")}
    for sheet in book.iter(f"{{{_NS_MAIN}}}sheet"):
        kind, target = targets.get(sheet.get(f"{{{_NS_REL}}}id"), ("", ""))
        if not kind.endswith("/worksheet"):
            continue
        title = sheet.get("name") or "?"
        if not target:
            raise _bad(name, Bilingual(f"arket {quote(title)} har ingen del", f"sheet {quote(title)} has no part"))
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        return title, part
    raise _no_sheet(name)


_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s>/]")
_ROW = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s>/]")
_STRING = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s>/]")
_REF = re.compile(rb"\sr=[\"']([A-Za-z]+)[0-9]*[\"']")  # a cell's reference (a row's has no letters)


def _damaged(part: str, exc: BaseException) -> Bilingual:
    from vold_cli.sanitize import quote

    kind = type(exc).__name__
    return Bilingual(f"{quote(part)}: en beskadiget del, {kind}", f"{quote(part)}: a damaged part, {kind}")


def _column(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number


def _scan(name: str, archive: zipfile.ZipFile, part: str, pattern: re.Pattern[bytes], limit: int,
          refs: bool = False) -> tuple[int, int, bytes]:
    """(how many elements `pattern` finds in a part, the number of the rightmost column a cell reference names,
    that reference's letters), read in chunks, never held whole; the count stops growing soon after `limit`."""
    found = 0
    rightmost, letters = 0, b""
    tail = b""
    try:
        with archive.open(part) as handle:
            while found <= limit:
                chunk = handle.read(_CHUNK)
                data = tail + chunk
                # an element split across two chunks is counted with the next one: keep the last bytes back
                cut = max(len(data) - 64, 0) if chunk else len(data)
                found += len(pattern.findall(data, 0, cut))
                if refs:
                    for ref in _REF.findall(data, 0, cut):
                        if len(ref) > len(letters) or (len(ref) == len(letters) and ref.upper() > letters.upper()):
                            rightmost, letters = _column(ref), ref
                tail = data[cut:]
                if not chunk:
                    break
    except KeyError:
        raise _missing(name, part) from None
    except Exception as exc:  # a damaged part (bad CRC, bad compression)
        raise _bad(name, _damaged(part, exc)) from None
    return found, rightmost, letters


def _value(value: object) -> object:
    """A cell's value as the offers reader takes it: text, a number (a whole float as an int), a date as
    YYYY-MM-DD, or '' for an empty cell."""
    import datetime

    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    if isinstance(value, (int, float, str)):
        return value
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, (datetime.date, datetime.time, datetime.timedelta)):
        return str(value)
    return str(value)


def first_sheet(name: str, path: Path, *, max_rows: int, max_cells: int) -> tuple[str, list[tuple[int, list[object]]]]:
    """(the first sheet's name, its rows from the first non-empty one on, as (row number, values)). Empty rows
    are dropped; at most `max_rows` filled rows below the first are read before the limit is reported."""
    import zipfile


    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        kind = type(exc).__name__
        raise _bad(name, Bilingual(f"et beskadiget zip-arkiv: {kind}", f"a damaged zip archive: {kind}")) from None
    with archive:
        _directory(name, archive)
        title, part = _first_sheet_part(name, archive)
        names = set(archive.namelist())
        if "xl/sharedStrings.xml" in names:
            strings = _scan(name, archive, "xl/sharedStrings.xml", _STRING, max_cells)[0]
            if strings > max_cells:
                raise PortfolioError(Bilingual("{name}: projektmappen rummer mere end {limit} delte tekster, som er "
                                               "grænsen.",
                                               "{name}: the workbook holds more than {limit} shared texts, the "
                                               "limit.").format(name=name, limit=_n(max_cells)), hint=_ALONE)
        if part not in names:
            raise _missing(name, part)
        rows = _scan(name, archive, part, _ROW, MAX_SHEET_ROWS)[0]
        if rows > MAX_SHEET_ROWS:
            raise _too_many_rows(name, title)
        cells, rightmost, letters = _scan(name, archive, part, _CELL, max_cells, refs=True)
        if cells > max_cells:
            raise PortfolioError(Bilingual("{name}: {sheet} rummer mere end {limit} celler, som er grænsen.",
                                           "{name}: {sheet} holds more than {limit} cells, the limit.").format(
                                               name=name, sheet=_sheet(title), limit=_n(max_cells)),
                                 hint=Bilingual("Slet de tomme rækker og kolonner under og ved siden af listen "
                                                "(formaterede celler tæller også med), eller gem den som 'CSV UTF-8'.",
                                                "Delete the empty rows and columns below and beside the list "
                                                "(formatted cells count too), or save it as 'CSV UTF-8'."))
        if rightmost > MAX_SHEET_COLUMNS:
            column, last = letters.decode("ascii", "replace")[:10], _letters(MAX_SHEET_COLUMNS)
            raise PortfolioError(Bilingual("{name}: {sheet}, kolonne {column}: efter kolonne {last}, den sidste vold "
                                           "læser.",
                                           "{name}: {sheet}, column {column}: beyond column {last}, the last one "
                                           "vold reads.").format(name=name, sheet=_sheet(title), column=column,
                                                                 last=last),
                                 hint=Bilingual("Flyt listens kolonner til venstre, eller slet det, der står langt til "
                                                "højre for den.",
                                                "Move the list's columns to the left, or delete what stands far to "
                                                "the right of it."))
    return title, _rows(name, path, title, max_rows)


def _too_many_rows(name: str, title: str) -> PortfolioError:
    return PortfolioError(Bilingual("{name}: {sheet} har mere end {limit} rækker, som er grænsen.",
                                    "{name}: {sheet} has more than {limit} rows, the limit.").format(
                                        name=name, sheet=_sheet(title), limit=_n(MAX_SHEET_ROWS)), hint=_EMPTY_ROWS)


def _letters(number: int) -> str:
    out = ""
    while number:
        number, rest = divmod(number - 1, 26)
        out = chr(65 + rest) + out
    return out


def _rows(name: str, path: Path, title: str, max_rows: int) -> list[tuple[int, list[object]]]:
    try:
        import openpyxl  # type: ignore[import-untyped]
    except ImportError:
        raise PortfolioError(Bilingual(f"{name}: .xlsx-filer læses med pakken openpyxl (en afhængighed af vold), som "
                                       "mangler i denne installation.",
                                       f"{name}: reading .xlsx needs the package openpyxl (a dependency of vold), "
                                       "which is missing from this installation."),
                             hint=Bilingual("Installér den (pip install openpyxl), eller gem arket som 'CSV UTF-8'.",
                                            "Install it (pip install openpyxl), or save the sheet as 'CSV UTF-8'.")
                             ) from None
    import warnings

    from vold_cli.sanitize import quote

    # the file is opened here and closed in every case: openpyxl leaves its own handle open when it fails
    handle = path.open("rb")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about features it drops (data validation, ...)
            book = openpyxl.load_workbook(handle, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        handle.close()
        raise _bad(name, _why(exc)) from None
    rows: list[tuple[int, list[object]]] = []
    number = 0
    try:
        if not book.worksheets:
            raise _no_sheet(name)
        sheet = book.worksheets[0]
        if sheet.title != title:  # never read a sheet other than the one whose size was checked
            raise _bad(name, Bilingual(f"det første ark er {quote(sheet.title)} for openpyxl, men {quote(title)} i "
                                       "projektmappens del",
                                       f"the first sheet is {quote(sheet.title)} to openpyxl but {quote(title)} in "
                                       "the workbook part"))
        sheet.reset_dimensions()  # never pad rows to the width or height the file claims
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for values in sheet.iter_rows(max_col=MAX_SHEET_COLUMNS, values_only=True):
                number += 1
                if number > MAX_SHEET_ROWS:
                    raise _too_many_rows(name, title)
                if values.count(None) == len(values):
                    continue  # an empty row (also one openpyxl makes for a row the file skips)
                cells = [_value(v) for v in values]
                while cells and cells[-1] == "":
                    cells.pop()
                if not any(str(c).strip() for c in cells):
                    continue
                for column, cell in enumerate(cells, start=1):
                    if isinstance(cell, str) and len(cell) > MAX_CELL_CHARS:
                        from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

                        cell_ref = f"{get_column_letter(column)}{number}"
                        raise PortfolioError(
                            Bilingual("{name}: {sheet}, celle {cell}: {count} tegn, flere end grænsen på {limit}.",
                                      "{name}: {sheet}, cell {cell}: {count} characters, more than the limit of "
                                      "{limit}.").format(name=name, sheet=_sheet(title), cell=cell_ref,
                                                         count=_n(len(cell)), limit=_n(MAX_CELL_CHARS)),
                            hint=Bilingual("Gør den kortere; en celle rummer et navn, et tal eller en kort note.",
                                           "Shorten it; a cell holds a name, a number or a short note."))
                rows.append((number, cells))
                if len(rows) > max_rows + 1:
                    raise PortfolioError(Bilingual("{name}: {sheet}, række {row}: mere end {limit} tilbud, som er "
                                                   "grænsen.",
                                                   "{name}: {sheet}, row {row}: more than {limit} offers, the "
                                                   "limit.").format(name=name, sheet=_sheet(title), row=number,
                                                                    limit=_n(max_rows)),
                                         hint=Bilingual("En liste over tilbud har langt færre rækker; kontrollér, at "
                                                        "det er den rigtige fil eller det rigtige ark.",
                                                        "A list of offers has far fewer rows; check that this is the "
                                                        "right file or sheet."))
    except PortfolioError:
        raise
    except Exception as exc:  # a cell openpyxl cannot read: name the row after the last one read
        place = (Bilingual(f"efter række {number}", f"after row {number}") if number
                 else Bilingual("i dens første række", "in its first row"))
        raise PortfolioError(Bilingual("{name}: {sheet}, {place}: en celle kan ikke læses ({why}).",
                                       "{name}: {sheet}, {place}: a cell cannot be read ({why}).").format(
                                           name=name, sheet=_sheet(title), place=place, why=_why(exc)),
                             hint=Bilingual("Åbn arket i regnearket, og skriv rækkens værdier igen, eller gem den som "
                                            "'CSV UTF-8'.",
                                            "Open the sheet in the spreadsheet and retype that row's values, or save "
                                            "it as 'CSV UTF-8'.")) from None
    finally:
        book.close()
        handle.close()
    return rows


def _why(exc: BaseException) -> Bilingual:
    """What kind of damage an exception from openpyxl means, in words of our own (its messages are English and
    about its internals); the exception's type name says the rest."""
    kind = type(exc).__name__
    if isinstance(exc, IndexError):
        return Bilingual(f"en henvisning til en delt tekst, der ikke findes, {kind}",
                         f"a reference to a shared text that does not exist, {kind}")
    if isinstance(exc, (ValueError, TypeError, OverflowError, ArithmeticError)):
        return Bilingual(f"en værdi, der ikke passer til cellens type eller henvisning, {kind}",
                         f"a value that does not fit its cell's type or reference, {kind}")
    if isinstance(exc, KeyError):
        return Bilingual(f"en henvisning til en del eller typografi, der ikke findes, {kind}",
                         f"a reference to a part or style that does not exist, {kind}")
    return Bilingual(f"beskadiget indhold, {kind}", f"damaged content, {kind}")
