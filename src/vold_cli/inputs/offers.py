"""Read a municipality's own list of offers (its portfolio) from CSV, YAML or xlsx: pure parsing, no printing.

A planner keeps the list in a spreadsheet, so the CSV reader takes what Danish Excel saves: "CSV
(semikolonsepareret)" in Windows-1252, "CSV UTF-8" with a byte-order mark, "Unicode-tekst" (UTF-16 with a
byte-order mark, tab-separated); comma, semicolon or tab (sniffed from the header line, or named by Excel's
`sep=;` first line); blank lines (or rows of bare separators) before the header; CRLF or LF. The CSV is parsed
strictly: a quote that is never closed is an error naming its line, not a file swallowed into one cell. YAML is a
list of mappings with the same keys, parsed with the project's safe loader. xlsx is read by `workbook.py`.

Headers may be Danish or English in any letter case, Danish letters optional (`maalgruppe`). A column vold does
not know is the municipality's own (`Udbyder`, `Kontakt`) and is kept beside each offer, unless its header is a
near miss of one of vold's (`pladsr`), which is refused with "did you mean". One own column may hold amounts
(`AMOUNT_WORDS`); its cells are read as Danish or English numbers and summed by the check.

Limits hold before anything large is built (`MAX_*` below, each in the README). Every problem with the file is a
`PortfolioError` (exit 1) naming the file, the line (or sheet and row) and the column. Matching an offer to the
note's interventions is `core/check.py`'s job: here the `indsats`, `lov` and `kommune` cells are kept as written."""

from __future__ import annotations

import re
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from vold_cli.errors import EXIT_NOT_FOUND, VoldError
from vold_cli.i18n.bilingual import Bilingual, pick
from vold_cli.text import did_you_mean, loose

if TYPE_CHECKING:
    import yaml

    from vold_cli.kb import schema as models

MAX_BYTES = 1024 * 1024  # the file as stored (an xlsx: compressed); a municipality's list is a few kilobytes
MAX_ROWS = 5_000  # offers (filled rows below the header), the same for CSV, xlsx and YAML
MAX_COLUMNS = 50  # columns with a header (vold's and the municipality's own)
MAX_HEADER_CELLS = 16_384  # cells of the header line, trailing empty ones included (Excel's last column, XFD)
MAX_CELLS = 50_000  # filled cells below the header (an xlsx: cells stored in the sheet, see workbook.py)
MAX_CELL_CHARS = 5_000  # characters in one cell


class PortfolioError(VoldError):
    """The offers file is missing, unreadable or has invalid content."""

    exit_code = EXIT_NOT_FOUND


#: (key, Danish header, English header, required), in the order the template writes them.
COLUMNS: tuple[tuple[str, str, str, bool], ...] = (
    ("offer", "tilbud", "offer", True),
    ("intervention", "indsats", "intervention", False),
    ("phase", "fase", "phase", False),
    ("target", "målgruppe", "target", False),
    ("places", "pladser", "places", False),
    ("law", "lov", "law", False),
    ("municipality", "kommune", "municipality", False),
)
TEMPLATE_COLUMNS = 6  # the template writes the first six
_EXTRA_ALIASES = {"målgrupper": "target", "targets": "target", "target group": "target", "target groups": "target",
                  "faser": "phase", "phases": "phase", "plads": "places", "laws": "law", "kommunenavn": "municipality"}
ALIASES: dict[str, str] = {loose(da): key for key, da, _, _ in COLUMNS}
ALIASES.update({loose(en): key for key, _, en, _ in COLUMNS})
ALIASES.update({loose(alias): key for alias, key in _EXTRA_ALIASES.items()})

#: An own column is the amount column when a word of its header (letter case and Danish letters ignored) begins
#: with one of these, or is 'kr' or 'dkk': 'Årlig udgift (kr.)', 'Budget 2025', 'Cost (DKK)'.
AMOUNT_WORDS = ("udgift", "omkostning", "beloeb", "belob", "budget", "cost", "amount", "expense", "expenditure")
AMOUNT_UNITS = ("kr", "dkk")
#: When several headers look like amounts, the one headed exactly so is summed.
AMOUNT_EXACT = ("udgift", "amount")
#: How close (difflib ratio of the loose forms) an unknown header must be to one of vold's to be a near miss.
NEAR_MISS = 0.75


def valid_columns() -> str:
    return ", ".join(f"{da}/{en}" for _, da, en, _ in COLUMNS)


def _valid_columns(before: Bilingual | None = None) -> Bilingual:
    """'Did you mean: …? Valid columns: tilbud/offer, …' (the hint after `before`, if any)."""
    hint = Bilingual(f"Gyldige kolonner: {valid_columns()}.", f"Valid columns: {valid_columns()}.")
    return before + " " + hint if before else hint


def _n(value: int) -> Bilingual:
    """A whole number grouped as each language writes it: 5.000 / 5,000."""
    from vold_cli.i18n.localize import number

    return Bilingual(number(value, "da"), f"{value:,}")


def header_names() -> list[Bilingual]:
    """The template's column headers."""
    return [Bilingual(da, en) for _, da, en, _ in COLUMNS[:TEMPLATE_COLUMNS]]


class Vocabulary:
    """What the `fase` and `målgruppe` cells may say: for each id, the words that name it. A plain class: it is no
    result, and each dataclass costs import time."""

    __slots__ = ("phases", "targets")

    def __init__(self, phases: dict[str, tuple[str, ...]], targets: dict[str, tuple[str, ...]]) -> None:
        self.phases = phases
        self.targets = targets


def _line(event: yaml.Event) -> int:
    """The 1-based line where a YAML event starts (0 when the parser gives no mark)."""
    return event.start_mark.line + 1 if event.start_mark is not None else 0


def vocabulary(phases: list[models.PhaseEntry], target_groups: list[models.TargetGroup]) -> Vocabulary:
    """From the knowledge base's phases and target groups: ids, names in both languages, the first word of a
    phase's name ('primær') and its number ('1')."""
    def words(item: models.PhaseEntry | models.TargetGroup, first_word: bool) -> tuple[str, ...]:
        out = [item["id"], item["name"]["da"], item["name"]["en"]]
        if first_word:
            out += [item["name"]["da"].split()[0], item["name"]["en"].split()[0]]
        number = item.get("number")
        if number is not None:
            out.append(str(number))
        return tuple(out)

    return Vocabulary(phases={p["id"]: words(p, True) for p in phases},
                      targets={t["id"]: words(t, False) for t in target_groups})


class Offer:
    """One row of the file: the offer as written, with phase and target groups resolved to ids. A plain slotted
    class (read-only by convention): an input, not a result, and the dataclasses module costs import time."""

    __slots__ = ("line", "name", "intervention", "phases", "targets", "places", "law", "municipality", "own",
                 "amount")

    def __init__(self, *, line: int, name: str, intervention: str | None, phases: tuple[str, ...],
                 targets: tuple[str, ...], places: int | None, law: tuple[str, ...], municipality: str | None = None,
                 own: tuple[str, ...] = (), amount: float | None = None) -> None:
        self.line = line
        self.name = name
        self.intervention = intervention
        self.phases = phases
        self.targets = targets
        self.places = places
        self.law = law
        self.municipality = municipality  # the `kommune` cell as written
        self.own = own  # the values of the municipality's own columns, in `Portfolio.own` order
        self.amount = amount  # the amount column's value, read as a number

    def __repr__(self) -> str:
        return f"Offer(line={self.line!r}, name={self.name!r}, intervention={self.intervention!r})"


class Portfolio:
    """The file's offers, its own columns and how it was read (a plain slotted class, as `Offer`)."""

    __slots__ = ("file", "kind", "columns", "offers", "own", "amount", "encoding", "where", "sheet")

    def __init__(self, *, file: str, kind: str, columns: tuple[str, ...], offers: tuple[Offer, ...],
                 own: tuple[str, ...] = (), amount: str | None = None, encoding: str = "utf-8",
                 where: str = "line", sheet: str = "") -> None:
        self.file = file
        self.kind = kind  # "csv", "yaml" or "xlsx"
        self.columns = columns  # vold's column keys present, in the file's order
        self.offers = offers
        self.own = own  # the headers of the municipality's own columns, as written
        self.amount = amount  # the header of the own column holding amounts (also in `own`)
        self.encoding = encoding  # utf-8, utf-8-sig, utf-16, windows-1252 (CSV and YAML); "" for xlsx
        self.where = where  # what a row number is: "line" (CSV, YAML) or "row" (xlsx, with `sheet`)
        self.sheet = sheet


# --- reading the bytes --------------------------------------------------------------------------------


def _read(path: Path) -> bytes:
    name = str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise PortfolioError(Bilingual(f"{name}: filen findes ikke.", f"{name}: no such file."),
                             hint=Bilingual("Kontrollér stien; `vold check --template -o tilbud.csv` skriver en fil at "
                                            "begynde med.",
                                            "Check the path; `vold check --template -o tilbud.csv` writes a file to "
                                            "start from.")) from None
    except OSError as exc:
        raise _unreadable(name, exc) from None
    give = Bilingual("Giv CSV-, YAML- eller xlsx-filen med tilbuddene.", "Give the CSV, YAML or xlsx file of offers.")
    if stat.S_ISDIR(info.st_mode):
        raise PortfolioError(Bilingual(f"{name}: er en mappe, ikke en fil.", f"{name}: is a folder, not a file."),
                             hint=give)
    if not stat.S_ISREG(info.st_mode):
        raise PortfolioError(Bilingual(f"{name}: er ikke en almindelig fil.", f"{name}: is not a regular file."),
                             hint=give)
    if info.st_size > MAX_BYTES:
        raise PortfolioError(
            Bilingual("{name}: {size} byte er over grænsen på {limit} byte.",
                      "{name}: {size} bytes is larger than the limit of {limit} bytes.").format(
                name=name, size=_n(info.st_size), limit=_n(MAX_BYTES)),
            hint=Bilingual("En liste over tilbud fylder få kilobyte; kontrollér, at det er den rigtige fil.",
                           "A list of offers is a few kilobytes; check that this is the right file."))
    try:
        with path.open("rb") as handle:
            blob = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise _unreadable(name, exc) from None
    if len(blob) > MAX_BYTES:
        raise PortfolioError(Bilingual("{name}: større end grænsen på {limit} byte.",
                                       "{name}: larger than the limit of {limit} bytes.").format(
                                           name=name, limit=_n(MAX_BYTES)))
    return blob


def _unreadable(name: str, exc: OSError) -> PortfolioError:
    reason = exc.strerror or exc
    return PortfolioError(Bilingual(f"{name}: kan ikke læses ({reason}).", f"{name}: cannot be read ({reason})."))


_SAVE_AS = Bilingual("Gem den som 'CSV UTF-8' fra regnearket, eller giv en .xlsx-fil.",
                     "Save it as 'CSV UTF-8' from the spreadsheet, or give an .xlsx file.")


#: Encodings as `decode` names them (and the notice on stderr says, when not UTF-8).
ENCODINGS = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "utf-16": "UTF-16", "windows-1252": "Windows-1252"}
_PATTERNS: dict[str, re.Pattern[str]] = {}  # compiled on first use: start-up time is measured
_SOURCES = {
    "binary": r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]",
    "sep": r"(?i)\s*sep=(.)\s*",
    "amount": r"(?i)^(?:kr\.?|dkk)?\s*([-−]?)\s*([0-9][0-9., ]*?)\s*(?:kr\.?|dkk|,-|\.-)?$",
    "grouped": r"[0-9]{1,3}(?:X[0-9]{3})+",
}


def _pattern(name: str) -> re.Pattern[str]:
    found = _PATTERNS.get(name)
    if found is None:
        found = _PATTERNS[name] = re.compile(_SOURCES[name])
    return found


def decode(name: str, blob: bytes) -> tuple[str, str]:
    """The text of a CSV or YAML file, and the encoding it was read in: UTF-8 with or without a byte-order mark,
    UTF-16 with a byte-order mark (Excel's "Unicode-tekst"), else Windows-1252 (Excel's "CSV
    (semikolonsepareret)"). A file holding control characters other than tab and line ends is binary."""
    import codecs

    encoding = "utf-8"
    if blob.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif blob.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif b"\x00" in blob[:8192]:
        raise PortfolioError(Bilingual(f"{name}: linje 1: ligner en binær fil (eller UTF-16-tekst uden byte-order "
                                       "mark), ikke CSV eller YAML.",
                                       f"{name}: line 1: looks like a binary file (or UTF-16 text without a "
                                       "byte-order mark), not CSV or YAML."), hint=_SAVE_AS)
    try:
        text = blob.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding != "utf-8":
            raise _undecodable(name, blob, exc, Bilingual.same(ENCODINGS[encoding])) from None
        encoding = "windows-1252"
        try:
            text = blob.decode("cp1252")
        except UnicodeDecodeError as again:
            raise _undecodable(name, blob, again, Bilingual("UTF-8 eller Windows-1252",
                                                            "UTF-8 or Windows-1252")) from None
    if encoding == "utf-8-sig" or encoding == "utf-16":
        text = text.removeprefix("\ufeff")
    found = _pattern("binary").search(text)
    if found is not None:
        line = text.count("\n", 0, found.start()) + 1
        char = f"0x{ord(found.group()):02x}"
        raise PortfolioError(Bilingual(f"{name}: linje {line}: ligner en binær fil, ikke CSV eller YAML "
                                       f"(kontroltegn {char}).",
                                       f"{name}: line {line}: looks like a binary file, not CSV or YAML "
                                       f"(control character {char})."), hint=_SAVE_AS)
    if not text.strip():
        raise _empty(name, Bilingual("Skriv en overskriftslinje (tilbud;indsats;...) og én linje pr. tilbud; "
                                     "`vold check --template` viser en.",
                                     "Write a header line (tilbud;indsats;...) and one line per offer; "
                                     "`vold check --template` shows one."))
    return text, encoding


def _empty(name: str, hint: Bilingual | None = None) -> PortfolioError:
    return PortfolioError(Bilingual(f"{name}: filen er tom.", f"{name}: the file is empty."), hint=hint)


def _undecodable(name: str, blob: bytes, exc: UnicodeDecodeError, tried: Bilingual) -> PortfolioError:
    line = blob[: exc.start].count(b"\n") + 1
    byte = f"0x{blob[exc.start]:02x}"
    return PortfolioError(Bilingual("{name}: linje {line}: ikke {tried} (byte {byte}).",
                                    "{name}: line {line}: not {tried} (byte {byte}).").format(
                              name=name, line=line, tried=tried, byte=byte),
                          hint=Bilingual("Gem den som 'CSV UTF-8' (Excel: Gem som > 'CSV UTF-8 (kommasepareret)').",
                                         "Save it as 'CSV UTF-8' (Excel: Save as > 'CSV UTF-8 (kommasepareret)')."))


# --- rows -> offers ---------------------------------------------------------------------------------


class _Where:
    """How a place in the file is named: 'line 3' (CSV, YAML) or "sheet 'Ark1', row 3" (xlsx)."""

    __slots__ = ("name", "unit", "sheet")

    def __init__(self, name: str, unit: str = "line", sheet: str = "") -> None:
        self.name = name
        self.unit = unit
        self.sheet = sheet

    def at(self, number: int, column: str | None = None) -> Bilingual:
        from vold_cli.sanitize import quote

        if self.unit == "row":
            place = Bilingual(f"ark {quote(self.sheet)}, række {number}", f"sheet {quote(self.sheet)}, row {number}")
        else:
            place = Bilingual(f"linje {number}", f"line {number}")
        return place + (Bilingual(f", kolonne {quote(column)}", f", column {quote(column)}") if column is not None
                        else "")

    def fail(self, number: int, column: str | None, problem: Bilingual,
             hint: Bilingual | None = None) -> PortfolioError:
        return PortfolioError(Bilingual.same("{name}: {where}: {problem}").format(
            name=self.name, where=self.at(number, column), problem=problem), hint=hint)


def _fail(name: str, line: int, column: str | None, problem: Bilingual,
          hint: Bilingual | None = None) -> PortfolioError:
    return _Where(name).fail(line, column, problem, hint)


def is_amount_header(header: str) -> bool:
    """Whether an own column's header names amounts (AMOUNT_WORDS, AMOUNT_UNITS)."""
    from vold_cli.text import fold

    words = re.findall(r"[a-z0-9]+", fold(header))
    return any(w.startswith(AMOUNT_WORDS) or w in AMOUNT_UNITS for w in words)


def _near_miss(header: str) -> str | None:
    """One of vold's column names that `header` looks like a misspelling of (difflib ratio >= NEAR_MISS)."""
    import difflib

    key = loose(header)
    if len(key) < 3:
        return None
    names = [n for _, da, en, _ in COLUMNS for n in (da, en)] + list(_EXTRA_ALIASES)
    best = max(names, key=lambda n: difflib.SequenceMatcher(None, key, loose(n)).ratio())
    return best if difflib.SequenceMatcher(None, key, loose(best)).ratio() >= NEAR_MISS else None


class _Header:
    """What the header line says: per header cell vold's key, "own" or None (an empty header); the own headers as
    written; the own header holding amounts."""

    __slots__ = ("keys", "own", "amount")

    def __init__(self, keys: tuple[str | None, ...], own: tuple[str, ...], amount: str | None) -> None:
        self.keys = keys
        self.own = own
        self.amount = amount


def _keys(where: _Where, headers: list[str], line: int, lines: list[int] | None = None) -> _Header:
    """Column keys for the headers as written. `lines`: the line of each header (YAML keys), else all are on
    `line`. An unknown header is the municipality's own column, unless it is a near miss of one of vold's."""
    keys: list[str | None] = []
    seen: dict[str, str] = {}
    own: list[str] = []
    own_seen: dict[str, str] = {}
    for index, header in enumerate(headers):
        at = lines[index] if lines else line
        text = header.strip()
        if not text:
            keys.append(None)
            continue
        if len(text) > 200:
            raise where.fail(at, text[:40] + "…", Bilingual("en overskrift på {count} tegn.",
                                                             "a header of {count} characters.").format(
                                                                 count=_n(len(text))),
                             Bilingual("En overskrift er et kort navn; se efter i filens første linje.",
                                       "A header is a short name; check the first line of the file."))
        key = ALIASES.get(loose(text))
        if key is None:
            near = _near_miss(text)
            if near is not None:
                from vold_cli.text import suggest

                own_column = Bilingual("En kolonne, I selv har tilføjet, beholdes ved hvert tilbud: giv den et navn, "
                                       "der ikke ligger så tæt på en af disse.",
                                       "A column of your own is kept beside each offer: give it a name that is not "
                                       "so close to one of these.")
                raise where.fail(at, text, Bilingual("ukendt kolonne.", "unknown column."),
                                 _valid_columns(suggest([near])) + " " + own_column)
            folded = loose(text) or text
            if folded in own_seen:
                other = repr(own_seen[folded])
                raise where.fail(at, text, Bilingual(f"samme kolonne som {other} (dobbelt overskrift).",
                                                     f"the same column as {other} (duplicate header)."),
                                 Bilingual("Behold én af dem, eller omdøb den ene.", "Keep one of them, or rename one."))
            own_seen[folded] = text
            own.append(text)
            keys.append("own")
            continue
        if key in seen:
            other = repr(seen[key])
            raise where.fail(at, text, Bilingual(f"samme kolonne som {other} (dobbelt overskrift).",
                                                 f"the same column as {other} (duplicate header)."),
                             Bilingual("Behold én af dem.", "Keep one of them."))
        seen[key] = text
        keys.append(key)
    if "offer" not in seen:
        raise where.fail(line, None, _MISSING_OFFER, _valid_columns())
    if len(seen) + len(own) > MAX_COLUMNS:
        raise where.fail(line, None, Bilingual(f"{len(seen) + len(own)} kolonner, flere end grænsen på {MAX_COLUMNS}.",
                                               f"{len(seen) + len(own)} columns, more than the limit of "
                                               f"{MAX_COLUMNS}."),
                         Bilingual(f"Behold de kolonner, listen har brug for; vold læser højst {MAX_COLUMNS}.",
                                   f"Keep the columns the list needs; vold reads at most {MAX_COLUMNS}."))
    amounts = [h for h in own if is_amount_header(h)]
    amount = amounts[0] if len(amounts) == 1 else None
    if len(amounts) > 1:
        exact = [h for h in amounts if loose(h) in AMOUNT_EXACT]
        if len(exact) != 1:
            listed = ", ".join(map(repr, amounts))
            raise where.fail(line, None, Bilingual(f"{len(amounts)} kolonner ligner beløb ({listed}); vold lægger én "
                                                   "sammen.",
                                                   f"{len(amounts)} columns look like amounts ({listed}); vold sums "
                                                   "one."),
                             Bilingual("Giv den, der skal lægges sammen, overskriften 'udgift' (eller 'amount'), eller "
                                       "omdøb de andre.",
                                       "Head the one to sum 'udgift' (or 'amount'), or rename the others."))
        amount = exact[0]
    return _Header(tuple(keys), tuple(own), amount)


def _split(value: str) -> list[str]:
    return [part.strip() for part in re.split(r"[;,]", value) if part.strip()]


def _lookup(word: str, table: dict[str, tuple[str, ...]]) -> str | None:
    key = loose(word)
    for ident, names in table.items():
        if any(loose(n) == key for n in names):
            return ident
    return None


def _resolve(where: _Where, line: int, column: str, value: str, table: dict[str, tuple[str, ...]],
             what: Bilingual) -> tuple[str, ...]:
    out: list[str] = []
    for word in _split(value):
        ident = _lookup(word, table)
        if ident is None:
            shown = [f"{names[1]}" for names in table.values()] + [f"{names[2]}" for names in table.values()]
            near = did_you_mean(word, shown)
            choices = ", ".join(f"{names[1]}/{names[0]}" for names in table.values())
            listed = Bilingual(f"Vælg mellem: {choices}.", f"Choose from: {choices}.")
            raise where.fail(line, column, Bilingual("ukendt {what} {word}.", "unknown {what} {word}.").format(
                what=what, word=repr(word[:80])), near + " " + listed if near else listed)
        if ident not in out:
            out.append(ident)
    return tuple(out)


def _places(where: _Where, line: int, column: str, value: str) -> int | None:
    text = value.strip().replace("\u00a0", "").replace(" ", "")
    if not text:
        return None
    if re.fullmatch(r"[0-9]{1,6}", text):
        return int(text)
    if re.fullmatch(r"[0-9]{1,6}[.,]0+", text):  # a spreadsheet's 12.0
        return int(re.split(r"[.,]", text)[0])
    shown = repr(value.strip()[:40])
    raise where.fail(line, column, Bilingual(f"{shown} er ikke et helt antal pladser.",
                                             f"{shown} is not a whole number of places."),
                     Bilingual("Skriv kun cifre, fx 12, eller lad cellen stå tom.",
                               "Write digits only, e.g. 12, or leave the cell empty."))




def parse_amount(text: str) -> float | None:
    """An amount as a planner writes it, Danish or English: '1.250.000', '1250000', '12,5', '1,250,000.50',
    '1.250.000,50 kr.', 'kr. 1 250 000', '1.250,-'. A single separator followed by exactly three digits
    ('1.250', '1,250') is a thousands separator; otherwise it is the decimal separator ('12,5', '12.50'). With
    both, the last one is the decimal separator. None when the text is not such a number."""
    match = _pattern("amount").match(text.strip().replace("\u00a0", " "))
    if match is None:
        return None
    sign, body = match.group(1), match.group(2).replace(" ", "")
    if not body or body[-1] in ".,":
        return None
    dots, commas = body.count("."), body.count(",")
    whole, fraction = body, ""
    if dots and commas:
        decimal = "." if body.rfind(".") > body.rfind(",") else ","
        whole, _, fraction = body.rpartition(decimal)
        thousands = "," if decimal == "." else "."
        if not _pattern("grouped").fullmatch(whole.replace(thousands, "X")) and not whole.isdigit():
            return None
        whole = whole.replace(thousands, "")
    elif dots > 1 or commas > 1:
        separator = "." if dots else ","
        if not _pattern("grouped").fullmatch(body.replace(separator, "X")):
            return None
        whole = body.replace(separator, "")
    elif dots or commas:
        separator = "." if dots else ","
        head, _, tail = body.partition(separator)
        if len(tail) == 3 and 1 <= len(head) <= 3 and head != "0":
            whole = head + tail
        else:
            whole, fraction = head, tail
    if not whole.isdigit() or (fraction and not fraction.isdigit()):
        return None
    value = float(f"{whole}.{fraction}" if fraction else whole)
    return -value if sign else value


def _amount(where: _Where, line: int, column: str, value: object) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    text = str(value).strip()
    if not text:
        return None
    found = parse_amount(text)
    if found is None:
        shown = repr(text[:40])
        raise where.fail(line, column, Bilingual(f"{shown} er ikke et beløb.", f"{shown} is not an amount."),
                         Bilingual("Skriv et tal som 1.250.000, 1250000 eller 12,5 (gerne med kr.), eller lad cellen "
                                   "stå tom.",
                                   "Write a number such as 1.250.000, 1250000 or 12,5 (kr. may stand beside it), or "
                                   "leave the cell empty."))
    return found


Cells = dict[str, tuple[str, object, int]]  # key (or own header) -> (header as written, value, line of the value)


def _offer(where: _Where, line: int, cells: Cells, own: tuple[str, ...], amount: str | None,
           vocab: Vocabulary) -> Offer:
    def value(key: str) -> str:
        return str(cells[key][1]).strip() if key in cells else ""

    def at(key: str) -> tuple[_Where, int, str]:
        return where, cells[key][2], cells[key][0]

    title = value("offer")
    if not title:
        raise where.fail(cells["offer"][2] if "offer" in cells else line,
                         cells["offer"][0] if "offer" in cells else "tilbud",
                         Bilingual("tom: hver række skal have tilbuddets eget navn.",
                                   "empty: every row needs the offer's own name."),
                         Bilingual("Skriv navnet, eller slet rækken.", "Fill in the name, or delete the row."))
    phases = (_resolve(*at("phase"), value("phase"), vocab.phases, Bilingual("fase", "phase"))
              if value("phase") else ())
    targets = (_resolve(*at("target"), value("target"), vocab.targets, Bilingual("målgruppe", "target group"))
               if value("target") else ())
    places = _places(*at("places"), value("places")) if value("places") else None
    law = tuple(p.strip() for p in value("law").split(";") if p.strip())
    own_values = tuple(str(cells["own:" + h][1]).strip() if "own:" + h in cells else "" for h in own)
    money = _amount(where, cells["own:" + amount][2], amount, cells["own:" + amount][1]) \
        if amount is not None and "own:" + amount in cells else None
    return Offer(line=line, name=title[:200], intervention=value("intervention")[:200] or None, phases=phases,
                 targets=targets, places=places, law=law, municipality=value("municipality")[:100] or None,
                 own=own_values, amount=money)


_SHORTEN = Bilingual("Gør den kortere; en celle rummer et navn, et tal eller en kort note.",
                     "Shorten it; a cell holds a name, a number or a short note.")
_MISSING_OFFER = Bilingual("mangler den påkrævede kolonne tilbud/offer (tilbuddets eget navn).",
                           "missing the required column tilbud/offer (the offer's own name).")


def _long_cell(where: _Where, line: int, column: str | None, length: int) -> PortfolioError:
    return where.fail(line, column, Bilingual("en celle på {count} tegn, flere end grænsen på {limit}.",
                                              "a cell of {count} characters, more than the limit of {limit}.").format(
                                                  count=_n(length), limit=_n(MAX_CELL_CHARS)), _SHORTEN)


def _too_many(where: _Where, line: int, what: Bilingual, limit: int, file_or_sheet: bool) -> PortfolioError:
    hint = (Bilingual("En liste over tilbud har langt færre rækker; kontrollér, at det er den rigtige fil eller det "
                      "rigtige ark.",
                      "A list of offers has far fewer rows; check that this is the right file or sheet.")
            if file_or_sheet else
            Bilingual("En liste over tilbud har langt færre rækker; kontrollér, at det er den rigtige fil.",
                      "A list of offers has far fewer rows; check that this is the right file."))
    return where.fail(line, None, Bilingual("mere end {limit} {what}, som er grænsen.",
                                            "more than {limit} {what}, the limit.").format(limit=_n(limit), what=what),
                      hint)


_OFFERS = Bilingual("tilbud", "offers")
_FILLED = Bilingual("udfyldte celler", "filled cells")


def _from_table(where: _Where, rows: list[tuple[int, list[object]]],
                vocab: Vocabulary) -> tuple[list[str], list[Offer], _Header]:
    """rows: (line or row number, cells), the header first (blank rows before it already dropped)."""
    header_line, header_cells = rows[0]
    headers = [str(h) if h is not None else "" for h in header_cells]
    while headers and not headers[-1].strip():
        headers.pop()  # Excel writes trailing ';;;' for columns that were only formatted
    head = _keys(where, headers, header_line)
    width = len(head.keys)
    offers: list[Offer] = []
    filled = 0
    for line, row in rows[1:]:
        if not any(str(cell).strip() for cell in row if cell is not None):
            continue  # Excel writes ';;;;' for rows that were only formatted
        if len(offers) >= MAX_ROWS:
            raise _too_many(where, line, _OFFERS, MAX_ROWS, True)
        if len(row) > width and any(cell is not None and str(cell).strip() for cell in row[width:]):
            raise where.fail(line, None, Bilingual(f"{len(row)} celler, men kun {width} kolonner i overskriftslinjen.",
                                                   f"{len(row)} cells but only {width} columns in the header."),
                             Bilingual("Skriv kun værdier under en overskrift, eller sæt anførselstegn om en værdi, "
                                       "der rummer skilletegnet.",
                                       "Put values only under a header, or quote a value that holds the separator."))
        cells: Cells = {}
        for index, key in enumerate(head.keys):
            cell = row[index] if index < len(row) else ""
            cell = "" if cell is None else cell
            text = cell if isinstance(cell, str) else str(cell)
            if len(text) > MAX_CELL_CHARS:
                raise _long_cell(where, line, headers[index].strip() or f"#{index + 1}", len(text))
            if text.strip():
                filled += 1
            if key is None:
                if text.strip():
                    raise where.fail(line, f"#{index + 1}",
                                     Bilingual("en værdi under en kolonne uden overskrift.",
                                               "a value under a column without a header."),
                                     Bilingual(f"Tilføj en overskrift; gyldige kolonner: {valid_columns()}.",
                                               f"Add a header; valid columns: {valid_columns()}."))
                continue
            slot = "own:" + headers[index].strip() if key == "own" else key
            cells[slot] = (headers[index].strip(), cell, line)
        if filled > MAX_CELLS:
            raise _too_many(where, line, _FILLED, MAX_CELLS, True)
        offers.append(_offer(where, line, cells, head.own, head.amount, vocab))
    if not offers:
        raise PortfolioError(Bilingual("{name}: ingen tilbud under overskriftslinjen ({place}).",
                                       "{name}: no offers below the header ({place}).").format(
                                           name=where.name, place=where.at(header_line)),
                             hint=Bilingual("Skriv én linje pr. tilbud under overskriftslinjen.",
                                            "Write one line per offer under the header."))
    return [k for k in head.keys if k is not None and k != "own"], offers, head


_SEPARATORS = (";", ",", "\t")


def _csv_rows(name: str, text: str) -> list[tuple[int, list[object]]]:
    """The rows of a CSV text as (line where the row starts, cells), from the header on. Blank lines and rows of
    bare separators before the header are skipped, as is Excel's `sep=;` line (which names the separator);
    otherwise the separator is the one of ';', ',' and tab the header line holds most of."""
    import csv
    import io

    lines = text.split("\n")
    start = 0  # index of the first line that holds anything but separators and spaces
    delimiter: str | None = None
    while start < len(lines) and not lines[start].strip(" \t\r;,"):
        start += 1
    if start < len(lines):
        sep = _pattern("sep").fullmatch(lines[start].rstrip("\r"))
        if sep is not None:
            delimiter = sep.group(1)
            start += 1
            while start < len(lines) and not lines[start].strip(" \t\r;,"):
                start += 1
    if start >= len(lines):
        raise PortfolioError(Bilingual(f"{name}: ingen overskriftslinje.", f"{name}: no header line."),
                             hint=Bilingual("Skriv en overskriftslinje (tilbud;indsats;...) og én linje pr. tilbud; "
                                            "`vold check --template` viser en.",
                                            "Write a header line (tilbud;indsats;...) and one line per offer; "
                                            "`vold check --template` shows one."))
    header = lines[start]
    if delimiter is None:
        counts = {sep: header.count(sep) for sep in _SEPARATORS}
        delimiter = max(counts, key=lambda sep: counts[sep]) if any(counts.values()) else ","
    if header.count(delimiter) + 1 > MAX_HEADER_CELLS:  # refused before the CSV reader makes a cell of each
        raise _fail(name, start + 1, None, Bilingual("overskriftslinjen har {count} celler, flere end grænsen på "
                                                     "{limit}.",
                                                     "the header line has {count} cells, more than the limit of "
                                                     "{limit}.").format(count=_n(header.count(delimiter) + 1),
                                                                        limit=_n(MAX_HEADER_CELLS)),
                    Bilingual("Kontrollér, at det er en liste over tilbud med én overskriftslinje.",
                              "Check that this is a list of offers with one header line."))
    body = "\n".join(lines[start:])
    old_limit = csv.field_size_limit()
    csv.field_size_limit(MAX_CELL_CHARS)
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[object]]] = []
    first = start + 1  # the line where the next row starts
    try:
        for row in reader:
            if not rows or any(cell.strip() for cell in row):  # blank rows (';;;;') are dropped here already
                if len(rows) > MAX_ROWS:
                    raise _too_many(_Where(name), first, _OFFERS, MAX_ROWS, False)
                rows.append((first, list(row)))
            first = start + reader.line_num + 1
    except csv.Error as exc:
        message = str(exc)
        if "field larger than field limit" in message:
            raise _fail(name, first, None, Bilingual("en celle på mere end {limit} tegn, som er grænsen.",
                                                     "a cell of more than {limit} characters, the limit.").format(
                                                         limit=_n(MAX_CELL_CHARS)), _SHORTEN) from None
        if "unexpected end of data" in message or "newline inside string" in message:
            raise _fail(name, first, None, Bilingual("et anførselstegn (\"), der åbnes på denne linje, lukkes aldrig.",
                                                     "a quote (\") opened on this line is never closed."),
                        Bilingual("Luk anførselstegnet, eller fjern det; et anførselstegn inde i en værdi i "
                                  "anførselstegn skrives to gange (\"\").",
                                  "Close the quote, or remove it; a quote inside a quoted value is written twice "
                                  "(\"\").")) from None
        raise _fail(name, first, None, Bilingual("ikke gyldig CSV ({reason}).", "not valid CSV ({reason}).").format(
            reason=message), Bilingual("Se efter anførselstegnene på denne linje.",
                                       "Check the quotes on this line.")) from None
    finally:
        csv.field_size_limit(old_limit)
    return rows


def _yaml_lines(name: str, text: str) -> tuple[list[int], list[dict[str, int]]]:
    """The line of each item of the top-level list, and of each of its keys. Read from the parser's events
    before anything is built, so a list of more than MAX_ROWS items is refused as soon as the parser reaches the
    item after the limit."""
    import yaml

    from vold_cli.kb.yamlsafe import _Base

    parser = _Base(text)
    lines: list[int] = []
    keys: list[dict[str, int]] = []
    depth = 0
    expect_key = False
    try:
        while parser.check_event():
            event = parser.get_event()
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth == 2:  # an item of the top-level list
                    lines.append(_line(event))
                    keys.append({})
                    expect_key = isinstance(event, yaml.MappingStartEvent)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
                if depth == 2:
                    expect_key = True  # a nested list or mapping was a value; the next scalar is a key
            elif isinstance(event, yaml.ScalarEvent):
                if depth == 1:
                    lines.append(_line(event))
                    keys.append({})
                elif depth == 2:
                    if expect_key:
                        keys[-1][event.value] = _line(event)
                    expect_key = not expect_key
            if len(lines) > MAX_ROWS:
                raise _too_many(_Where(name), lines[-1], _OFFERS, MAX_ROWS, False)
    finally:
        parser.dispose()
    return lines, keys


def _yaml_offers(name: str, text: str, vocab: Vocabulary) -> tuple[list[str], list[Offer], _Header]:
    import yaml

    from vold_cli.errors import KnowledgeError
    from vold_cli.kb.yamlsafe import EMPTY, build

    where = _Where(name)
    try:
        lines, key_lines = _yaml_lines(name, text)
        data = build(name, text)
    except KnowledgeError as exc:  # already "name: line N, column M: problem", in both languages
        raise PortfolioError(exc.message, hint=exc.hint) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        place = (Bilingual(f"linje {mark.line + 1}, kolonne {mark.column + 1}: ",
                           f"line {mark.line + 1}, column {mark.column + 1}: ") if mark is not None
                 else Bilingual.same(""))
        problem = (exc.problem or exc.context or "invalid YAML").replace("\n", " ")
        raise PortfolioError(Bilingual.same("{name}: {place}{problem}.").format(
            name=name, place=place, problem=Bilingual.same(problem)),  # PyYAML's own words, in English
            hint=Bilingual("Se efter indrykning og anførselstegn dér.",
                           "Check the indentation and quotes there.")) from None
    except yaml.YAMLError as exc:
        first = str(exc).splitlines()[0]
        raise PortfolioError(Bilingual(f"{name}: ugyldig YAML ({first}).", f"{name}: invalid YAML ({first}).")) from None
    if data is EMPTY or data is None:
        raise _empty(name)
    if not isinstance(data, list) or not data:
        raise PortfolioError(Bilingual(f"{name}: linje 1: forventede en liste over tilbud, én afbildning pr. tilbud.",
                                       f"{name}: line 1: expected a list of offers, one mapping per offer."),
                             hint=Bilingual("Skriv fx '- tilbud: Krisecenter' efterfulgt af dets andre nøgler.",
                                            "Write e.g. '- tilbud: Krisecenter' followed by its other keys."))
    # the columns are the union of the keys, in the order first met
    headers: list[str] = []
    header_lines: list[int] = []
    for index, item in enumerate(data):
        if not isinstance(item, dict):
            raise where.fail(lines[index] if index < len(lines) else index + 1, None,
                             Bilingual("forventede en afbildning (tilbud: ..., indsats: ...).",
                                       "expected a mapping (tilbud: ..., indsats: ...)."))
        own_lines = key_lines[index] if index < len(key_lines) else {}
        for raw in item:
            if str(raw) not in headers:
                headers.append(str(raw))
                header_lines.append(own_lines.get(str(raw), lines[index] if index < len(lines) else 1))
    head = _keys(where, headers, lines[0] if lines else 1, header_lines)
    key_of = dict(zip(headers, head.keys, strict=True))
    offers: list[Offer] = []
    present: list[str] = []
    filled = 0
    for index, item in enumerate(data):
        line = lines[index] if index < len(lines) else index + 1
        own_lines = key_lines[index] if index < len(key_lines) else {}
        cells: Cells = {}
        for raw, value in item.items():
            header = str(raw)
            key = key_of[header]
            if key is None:
                continue
            at = own_lines.get(header, line)
            if isinstance(value, list):
                cell: object = "; ".join(str(v) for v in value if v is not None)
            elif isinstance(value, dict):
                raise where.fail(at, header, Bilingual("forventede en tekst eller en liste, ikke en afbildning.",
                                                       "expected a text or a list, not a mapping."))
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                cell = value
            else:
                cell = "" if value is None else str(value)
            if len(str(cell)) > MAX_CELL_CHARS:
                raise _long_cell(where, at, header, len(str(cell)))
            if str(cell).strip():
                filled += 1
            slot = "own:" + header.strip() if key == "own" else key
            cells[slot] = (header, cell, at)
            if key != "own" and key not in present:
                present.append(key)
        if filled > MAX_CELLS:
            raise _too_many(where, line, _FILLED, MAX_CELLS, False)
        offers.append(_offer(where, line, cells, head.own, head.amount, vocab))
    return present, offers, head


def read_offers(path: str | Path, vocab: Vocabulary) -> Portfolio:
    """The offers in `path` (CSV, YAML by the extension .yaml/.yml, xlsx by its zip signature), or a
    PortfolioError naming file, line (or sheet and row) and column."""
    path = Path(path)
    name = str(path)
    blob = _read(path)
    if blob[:4] == b"PK\x03\x04":
        if path.suffix.lower() not in (".xlsx", ".xlsm"):
            raise PortfolioError(Bilingual(f"{name}: linje 1: et zip-arkiv, ikke CSV eller YAML.",
                                           f"{name}: line 1: a zip archive, not CSV or YAML."),
                                 hint=Bilingual("Giv en CSV-, YAML- eller .xlsx-fil.",
                                                "Give a CSV, YAML or .xlsx file."))
        from vold_cli.inputs.workbook import first_sheet

        sheet, rows = first_sheet(name, path, max_rows=MAX_ROWS, max_cells=MAX_CELLS)
        if not rows:
            raise PortfolioError(Bilingual(f"{name}: arket {sheet!r} er tomt.", f"{name}: sheet {sheet!r} is empty."),
                                 hint=Bilingual("vold læser projektmappens første ark: læg listen over tilbud dér.",
                                                "vold reads the first sheet of the workbook: put the list of offers "
                                                "there."))
        where = _Where(name, "row", sheet)
        columns, offers, head = _from_table(where, rows, vocab)
        return Portfolio(file=name, kind="xlsx", columns=tuple(columns), offers=tuple(offers), own=head.own,
                         amount=head.amount, encoding="", where="row", sheet=sheet)
    text, encoding = decode(name, blob)
    if path.suffix.lower() in (".yaml", ".yml"):
        columns, offers, head = _yaml_offers(name, text, vocab)
        return Portfolio(file=name, kind="yaml", columns=tuple(columns), offers=tuple(offers), own=head.own,
                         amount=head.amount, encoding=encoding)
    columns, offers, head = _from_table(_Where(name), _csv_rows(name, text), vocab)
    return Portfolio(file=name, kind="csv", columns=tuple(columns), offers=tuple(offers), own=head.own,
                     amount=head.amount, encoding=encoding)


# --- the template ------------------------------------------------------------------------------------

_EXAMPLES = {
    "da": [["Krisecenter for kvinder", "Kvindekrisecentre", "sekundær", "voldsudsatte, kvinder", "12", "sel 109"],
           ["Kærestevoldsforløb i 8. klasse", "Safe Dates", "primær", "unge", "", ""]],
    "en": [["Women's crisis centre", "womens-crisis-centres", "secondary", "victims, women", "12", "sel 109"],
           ["Dating-violence course in 8th grade", "Safe Dates", "primary", "young-people", "", ""]],
}


def template() -> Bilingual:
    """A small CSV file of offers in each language: the headers (the first six columns) and two example rows.
    Danish uses ';' as Danish Excel does, English ','."""
    import csv
    import io

    def written(lang: str) -> str:
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";" if lang == "da" else ",", lineterminator="\r\n")
        writer.writerow([pick(name, lang) for name in header_names()])
        writer.writerows(_EXAMPLES[lang])
        return out.getvalue()

    return Bilingual(written("da"), written("en"))
