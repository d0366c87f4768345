"""Read a municipality's own list of offers (its portfolio) from CSV, YAML or xlsx: pure parsing, no printing.

A planner keeps the list in a spreadsheet, so the CSV reader takes what Excel saves: comma, semicolon or tab
separated (sniffed from the header line), UTF-8 with or without a byte-order mark, CRLF or LF line ends. YAML is
a list of mappings with the same keys, parsed with the project's safe loader. xlsx is read with
openpyxl. Headers may be Danish or English in any letter case, Danish letters optional (`maalgruppe`).

Every problem with the file is a `PortfolioError` (exit 1) naming the file, the line and the column, with a
"did you mean" where there is a near miss. Matching an offer to the note's interventions is `check.py`'s job:
here the `indsats` and `lov` cells are kept as written."""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from vold_cli.errors import EXIT_NOT_FOUND, VoldError
from vold_cli.i18n.bilingual import Bilingual
from vold_cli.text import did_you_mean, loose

if TYPE_CHECKING:
    import yaml

    from vold_cli.kb import schema as models

MAX_BYTES = 1024 * 1024  # a municipality's list of offers is a few kilobytes
MAX_ROWS = 5000


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
)
_EXTRA_ALIASES = {"målgrupper": "target", "targets": "target", "target group": "target", "target groups": "target",
                  "faser": "phase", "phases": "phase", "plads": "places", "laws": "law"}
ALIASES: dict[str, str] = {loose(da): key for key, da, _, _ in COLUMNS}
ALIASES.update({loose(en): key for key, _, en, _ in COLUMNS})
ALIASES.update({loose(alias): key for alias, key in _EXTRA_ALIASES.items()})


def valid_columns() -> str:
    return ", ".join(f"{da}/{en}" for _, da, en, _ in COLUMNS)




@dataclass(frozen=True)
class Vocabulary:
    """What the `fase` and `målgruppe` cells may say: for each id, the words that name it."""

    phases: dict[str, tuple[str, ...]]
    targets: dict[str, tuple[str, ...]]


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


@dataclass(frozen=True)
class Offer:
    """One row of the file: the offer as written, with phase and target groups resolved to ids."""

    line: int
    name: str
    intervention: str | None
    phases: tuple[str, ...]
    targets: tuple[str, ...]
    places: int | None
    law: tuple[str, ...]


@dataclass(frozen=True)
class Portfolio:
    file: str
    kind: str  # "csv", "yaml" or "xlsx"
    columns: tuple[str, ...]  # column keys present, in the file's order
    offers: tuple[Offer, ...]


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
        from vold_cli.i18n.localize import number

        raise PortfolioError(
            Bilingual(f"{name}: {number(info.st_size, 'da')} byte er over grænsen på {number(MAX_BYTES, 'da')} byte.",
                      f"{name}: {info.st_size:,} bytes is larger than the limit of {MAX_BYTES:,} bytes."),
            hint=Bilingual("En liste over tilbud fylder få kilobyte; kontrollér, at det er den rigtige fil.",
                           "A list of offers is a few kilobytes; check that this is the right file."))
    try:
        with path.open("rb") as handle:
            blob = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise _unreadable(name, exc) from None
    if len(blob) > MAX_BYTES:
        from vold_cli.i18n.localize import number

        raise PortfolioError(Bilingual(f"{name}: større end grænsen på {number(MAX_BYTES, 'da')} byte.",
                                       f"{name}: larger than the limit of {MAX_BYTES:,} bytes."))
    return blob


def _unreadable(name: str, exc: OSError) -> PortfolioError:
    reason = exc.strerror or exc
    return PortfolioError(Bilingual(f"{name}: kan ikke læses ({reason}).", f"{name}: cannot be read ({reason})."))


def _empty(name: str, hint: Bilingual | None = None) -> PortfolioError:
    return PortfolioError(Bilingual(f"{name}: filen er tom.", f"{name}: the file is empty."), hint=hint)


def _too_many_rows(name: str) -> PortfolioError:
    from vold_cli.i18n.localize import number

    return PortfolioError(Bilingual(f"{name}: mere end {number(MAX_ROWS, 'da')} rækker.",
                                    f"{name}: more than {MAX_ROWS:,} rows."))


def _decode(name: str, blob: bytes) -> str:
    if b"\x00" in blob[:8192]:
        raise PortfolioError(Bilingual(f"{name}: linje 1: ligner en binær fil (eller UTF-16-tekst), ikke CSV eller YAML.",
                                       f"{name}: line 1: looks like a binary file (or UTF-16 text), not CSV or YAML."),
                             hint=Bilingual("Gem den som 'CSV UTF-8' fra regnearket, eller giv en .xlsx-fil.",
                                            "Save it as 'CSV UTF-8' from the spreadsheet, or give an .xlsx file."))
    try:
        text = blob.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = blob[: exc.start].count(b"\n") + 1
        byte = f"0x{blob[exc.start]:02x}"
        raise PortfolioError(
            Bilingual(f"{name}: linje {line}: ikke UTF-8 (byte {byte}).", f"{name}: line {line}: not UTF-8 (byte {byte})."),
            hint=Bilingual("Gem den som 'CSV UTF-8' (Excel: Gem som > 'CSV UTF-8 (kommasepareret)').",
                           "Save it as 'CSV UTF-8' (Excel: Save as > 'CSV UTF-8 (kommasepareret)')."),
        ) from None
    if not text.strip():
        raise _empty(name, Bilingual("Skriv en overskriftslinje (tilbud;indsats;...) og én linje pr. tilbud; "
                                     "`vold check --template` viser en.",
                                     "Write a header line (tilbud;indsats;...) and one line per offer; "
                                     "`vold check --template` shows one."))
    return text


# --- rows -> offers ---------------------------------------------------------------------------------


def _fail(name: str, line: int, column: str | None, problem: Bilingual, hint: Bilingual | None = None) -> PortfolioError:
    """`name: line 3, column 'fase': problem`."""
    where = Bilingual(f"linje {line}" + (f", kolonne {column!r}" if column is not None else ""),
                      f"line {line}" + (f", column {column!r}" if column is not None else ""))
    return PortfolioError(Bilingual.same("{name}: {where}: {problem}").format(
        name=name, where=where, problem=problem), hint=hint)


def _valid_columns(before: Bilingual | None = None) -> Bilingual:
    """'Did you mean: …? Valid columns: tilbud/offer, …' (the hint after `before`, if any)."""
    hint = Bilingual(f"Gyldige kolonner: {valid_columns()}.", f"Valid columns: {valid_columns()}.")
    return before + " " + hint if before else hint


def _keys(name: str, headers: list[str], line: int, lines: list[int] | None = None) -> list[str | None]:
    """Column keys for the headers as written; None for an empty header (a trailing separator). `lines`: the
    line of each header (YAML keys), else all are on `line`."""
    keys: list[str | None] = []
    seen: dict[str, str] = {}
    for index, header in enumerate(headers):
        at = lines[index] if lines else line
        text = header.strip()
        if not text:
            keys.append(None)
            continue
        key = ALIASES.get(loose(text))
        if key is None:
            names = [n for _, da, en, _ in COLUMNS for n in (da, en)]
            near = did_you_mean(text, names)
            raise _fail(name, at, text, Bilingual("ukendt kolonne.", "unknown column."), _valid_columns(near))
        if key in seen:
            other = repr(seen[key])
            raise _fail(name, at, text, Bilingual(f"samme kolonne som {other} (dobbelt overskrift).",
                                                  f"the same column as {other} (duplicate header)."),
                        Bilingual("Behold én af dem.", "Keep one of them."))
        seen[key] = text
        keys.append(key)
    if "offer" not in seen:
        raise _fail(name, line, None, Bilingual("mangler den påkrævede kolonne tilbud/offer (tilbuddets eget navn).",
                                                "missing the required column tilbud/offer (the offer's own name)."),
                    _valid_columns())
    return keys


def _split(value: str) -> list[str]:
    return [part.strip() for part in re.split(r"[;,]", value) if part.strip()]


def _lookup(word: str, table: dict[str, tuple[str, ...]]) -> str | None:
    key = loose(word)
    for ident, names in table.items():
        if any(loose(n) == key for n in names):
            return ident
    return None


def _resolve(name: str, line: int, column: str, value: str, table: dict[str, tuple[str, ...]],
             what: Bilingual) -> tuple[str, ...]:
    out: list[str] = []
    for word in _split(value):
        ident = _lookup(word, table)
        if ident is None:
            shown = [f"{names[1]}" for names in table.values()] + [f"{names[2]}" for names in table.values()]
            near = did_you_mean(word, shown)
            choices = ", ".join(f"{names[1]}/{names[0]}" for names in table.values())
            listed = Bilingual(f"Vælg mellem: {choices}.", f"Choose from: {choices}.")
            raise _fail(name, line, column, Bilingual("ukendt {what} {word}.", "unknown {what} {word}.").format(
                what=what, word=repr(word)), near + " " + listed if near else listed)
        if ident not in out:
            out.append(ident)
    return tuple(out)


def _places(name: str, line: int, column: str, value: str) -> int | None:
    text = value.strip().replace("\u00a0", "").replace(" ", "")
    if not text:
        return None
    if re.fullmatch(r"[0-9]{1,6}", text):
        return int(text)
    if re.fullmatch(r"[0-9]{1,6}[.,]0+", text):  # a spreadsheet's 12.0
        return int(re.split(r"[.,]", text)[0])
    shown = repr(value.strip()[:40])
    raise _fail(name, line, column, Bilingual(f"{shown} er ikke et helt antal pladser.",
                                              f"{shown} is not a whole number of places."),
                Bilingual("Skriv kun cifre, fx 12, eller lad cellen stå tom.",
                          "Write digits only, e.g. 12, or leave the cell empty."))


def _offer(name: str, line: int, cells: dict[str, tuple[str, str, int]], vocab: Vocabulary) -> Offer:
    """`cells`: key -> (header as written, value, line of the value)."""
    def value(key: str) -> str:
        return cells[key][1].strip() if key in cells else ""

    def at(key: str) -> tuple[str, int, str]:
        return name, cells[key][2], cells[key][0]

    title = value("offer")
    if not title:
        raise _fail(name, cells["offer"][2] if "offer" in cells else line,
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
    return Offer(line=line, name=title[:200], intervention=value("intervention")[:200] or None, phases=phases,
                 targets=targets, places=places, law=law)


def _from_table(name: str, rows: list[tuple[int, list[str]]], vocab: Vocabulary) -> tuple[list[str], list[Offer]]:
    """rows: (line number, cells), the header first."""
    header_line, headers = rows[0]
    keys = _keys(name, headers, header_line)
    offers = []
    for line, row in rows[1:]:
        if not any(cell.strip() for cell in row):
            continue  # Excel writes ';;;;' for rows that were only formatted
        if len(row) > len(keys) and any(cell.strip() for cell in row[len(keys):]):
            raise _fail(name, line, None, Bilingual(f"{len(row)} celler, men kun {len(keys)} kolonner i overskriftslinjen.",
                                                    f"{len(row)} cells but only {len(keys)} columns in the header."),
                        Bilingual("Skriv kun værdier under en overskrift, eller sæt anførselstegn om en værdi, der "
                                  "rummer skilletegnet.",
                                  "Put values only under a header, or quote a value that holds the separator."))
        cells: dict[str, tuple[str, str, int]] = {}
        for index, key in enumerate(keys):
            cell = row[index] if index < len(row) else ""
            if key is None:
                if cell.strip():
                    raise _fail(name, line, f"#{index + 1}",
                                Bilingual("en værdi under en kolonne uden overskrift.",
                                          "a value under a column without a header."),
                                Bilingual(f"Tilføj en overskrift; gyldige kolonner: {valid_columns()}.",
                                          f"Add a header; valid columns: {valid_columns()}."))
                continue
            cells[key] = (headers[index].strip(), cell, line)
        offers.append(_offer(name, line, cells, vocab))
    if not offers:
        raise PortfolioError(Bilingual(f"{name}: ingen tilbud under overskriftslinjen (linje {header_line}).",
                                       f"{name}: no offers below the header (line {header_line})."),
                             hint=Bilingual("Skriv én linje pr. tilbud under overskriftslinjen.",
                                            "Write one line per offer under the header."))
    return [k for k in keys if k is not None], offers


def _csv_rows(name: str, text: str) -> list[tuple[int, list[str]]]:
    import csv
    import io

    first = text.lstrip("\r\n").splitlines()[0]
    counts = {sep: first.count(sep) for sep in (";", ",", "\t")}
    delimiter = max(counts, key=lambda sep: counts[sep]) if any(counts.values()) else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for row in reader:
            if len(rows) > MAX_ROWS:
                raise _too_many_rows(name)
            if rows or any(cell.strip() for cell in row):  # blank lines before the header are skipped
                rows.append((start, row))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise _fail(name, reader.line_num, None, Bilingual(f"ikke gyldig CSV ({exc}).", f"not valid CSV ({exc})."),
                    Bilingual("Kontrollér anførselstegnene på denne linje.", "Check the quotes on this line.")) from None
    return rows


def _yaml_lines(text: str) -> tuple[list[int], list[dict[str, int]]]:
    """The line of each item of the top-level list, and of each of its keys. Read from the parser's events
    after `yamlsafe.build` has accepted the text (so no anchors, aliases or tags): nothing is constructed."""
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
    finally:
        parser.dispose()
    return lines, keys


def _yaml_offers(name: str, text: str, vocab: Vocabulary) -> tuple[list[str], list[Offer]]:
    import yaml

    from vold_cli.errors import KnowledgeError
    from vold_cli.kb.yamlsafe import EMPTY, build

    try:
        data = build(name, text)
    except KnowledgeError as exc:  # already "name: line N, column M: problem"
        raise PortfolioError(exc.message, hint=exc.hint) from None
    except yaml.MarkedYAMLError as exc:
        # PyYAML's own words for a syntax error, in English in both languages
        mark = exc.problem_mark or exc.context_mark
        where = Bilingual(f"linje {mark.line + 1}, kolonne {mark.column + 1}: ",
                          f"line {mark.line + 1}, column {mark.column + 1}: ") if mark is not None else ""
        problem = (exc.problem or exc.context or "invalid YAML").replace("\n", " ")
        raise PortfolioError(Bilingual.same("{name}: {where}{problem}.").format(
                                 name=name, where=where, problem=problem),
                             hint=Bilingual("Kontrollér indrykning og anførselstegn der.",
                                            "Check the indentation and quotes there.")) from None
    except yaml.YAMLError as exc:
        detail = str(exc).splitlines()[0]
        raise PortfolioError(Bilingual(f"{name}: ugyldig YAML ({detail}).", f"{name}: invalid YAML ({detail}).")) from None
    if data is EMPTY or data is None:
        raise _empty(name)
    if not isinstance(data, list) or not data:
        raise PortfolioError(Bilingual(f"{name}: linje 1: forventede en liste over tilbud, én afbildning pr. tilbud.",
                                       f"{name}: line 1: expected a list of offers, one mapping per offer."),
                             hint=Bilingual("Skriv fx '- tilbud: Krisecenter' efterfulgt af dets andre nøgler.",
                                            "Write e.g. '- tilbud: Krisecenter' followed by its other keys."))
    lines, key_lines = _yaml_lines(text)
    offers = []
    present: list[str] = []
    for index, item in enumerate(data):
        line = lines[index] if index < len(lines) else index + 1
        if not isinstance(item, dict):
            raise _fail(name, line, None, Bilingual("forventede en afbildning (tilbud: ..., indsats: ...).",
                                                    "expected a mapping (tilbud: ..., indsats: ...)."))
        own = key_lines[index] if index < len(key_lines) else {}
        keys = _keys(name, [str(k) for k in item], line, [own.get(str(k), line) for k in item])
        cells: dict[str, tuple[str, str, int]] = {}
        for (raw, value), key in zip(item.items(), keys, strict=True):
            if key is None:
                continue
            at = own.get(str(raw), line)
            if isinstance(value, list):
                text_value = "; ".join(str(v) for v in value if v is not None)
            elif isinstance(value, dict):
                raise _fail(name, at, str(raw), Bilingual("forventede en tekst eller en liste, ikke en afbildning.",
                                                          "expected a text or a list, not a mapping."))
            else:
                text_value = "" if value is None else str(value)
            cells[key] = (str(raw), text_value, at)
            if key not in present:
                present.append(key)
        offers.append(_offer(name, line, cells, vocab))
    return present, offers


def _xlsx_rows(name: str, path: Path) -> list[tuple[int, list[str]]]:
    try:
        import openpyxl  # type: ignore[import-untyped]
    except ImportError:
        raise PortfolioError(Bilingual(f"{name}: at læse .xlsx kræver pakken openpyxl (som vold afhænger af), men den "
                                       "mangler i denne installation.",
                                       f"{name}: reading .xlsx needs the package openpyxl (a dependency of vold), "
                                       "which is missing from this installation."),
                             hint=Bilingual("Installér den (pip install openpyxl), eller gem arket som 'CSV UTF-8'.",
                                            "Install it (pip install openpyxl), or save the sheet as 'CSV UTF-8'.")
                             ) from None
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        kind = type(exc).__name__
        raise PortfolioError(Bilingual(f"{name}: ikke en xlsx-projektmappe, der kan læses ({kind}).",
                                       f"{name}: not a readable xlsx workbook ({kind})."),
                             hint=Bilingual("Åbn og gem den igen i regnearket, eller gem den som 'CSV UTF-8'.",
                                            "Open and save it again in the spreadsheet, or save it as 'CSV UTF-8'.")
                             ) from None
    try:
        sheet = book.worksheets[0]
        rows: list[tuple[int, list[str]]] = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > MAX_ROWS:
                raise _too_many_rows(name)
            cells = []
            for value in values[:50]:
                if value is None:
                    cells.append("")
                elif isinstance(value, float) and value.is_integer():
                    cells.append(str(int(value)))
                else:
                    cells.append(str(value))
            if rows or any(c.strip() for c in cells):
                rows.append((number, cells))
    finally:
        book.close()
    if not rows:
        raise PortfolioError(Bilingual(f"{name}: det første ark er tomt.", f"{name}: the first sheet is empty."))
    return rows


def read_offers(path: str | Path, vocab: Vocabulary) -> Portfolio:
    """The offers in `path` (CSV, YAML by the extension .yaml/.yml, xlsx by its zip signature), or a
    PortfolioError naming file, line and column."""
    path = Path(path)
    name = str(path)
    blob = _read(path)
    if blob[:4] == b"PK\x03\x04":
        if path.suffix.lower() not in (".xlsx", ".xlsm"):
            raise PortfolioError(Bilingual(f"{name}: linje 1: et zip-arkiv, ikke CSV eller YAML.",
                                           f"{name}: line 1: a zip archive, not CSV or YAML."),
                                 hint=Bilingual("Giv en CSV-, YAML- eller .xlsx-fil.", "Give a CSV, YAML or .xlsx file."))
        columns, offers = _from_table(name, _xlsx_rows(name, path), vocab)
        return Portfolio(file=name, kind="xlsx", columns=tuple(columns), offers=tuple(offers))
    text = _decode(name, blob)
    if path.suffix.lower() in (".yaml", ".yml"):
        columns, offers = _yaml_offers(name, text, vocab)
        return Portfolio(file=name, kind="yaml", columns=tuple(columns), offers=tuple(offers))
    columns, offers = _from_table(name, _csv_rows(name, text), vocab)
    return Portfolio(file=name, kind="csv", columns=tuple(columns), offers=tuple(offers))


# --- the template ------------------------------------------------------------------------------------

_EXAMPLES = {
    "da": [["Krisecenter for kvinder", "Kvindekrisecentre", "sekundær", "voldsudsatte, kvinder", "12", "sel 109"],
           ["Kærestevoldsforløb i 8. klasse", "Safe Dates", "primær", "unge", "", ""]],
    "en": [["Women's crisis centre", "womens-crisis-centres", "secondary", "victims, women", "12", "sel 109"],
           ["Dating-violence course in 8th grade", "Safe Dates", "primary", "young-people", "", ""]],
}


def template() -> Bilingual:
    """A small CSV file of offers in each language: the headers and two example rows. Danish uses ';' as Danish
    Excel does, English ','."""
    import csv
    import io

    def written(lang: str) -> str:
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";" if lang == "da" else ",", lineterminator="\r\n")
        writer.writerow([da if lang == "da" else en for _, da, en, _ in COLUMNS])
        writer.writerows(_EXAMPLES[lang])
        return out.getvalue()

    return Bilingual(written("da"), written("en"))
