"""Excel workbooks (.xlsx) from the same records the CSV output gets (`machine.csv_rows`), written with openpyxl.

openpyxl is imported only inside `workbook_bytes`, and this module only when xlsx is asked for (the format
registry's loader), so no command pays for it otherwise.

The workbook has two sheets: the records, less the caveat rows of the CSV (one header row, frozen, with labels in the chosen language; numbers
stored as numbers; widths fitted to the content) and "Metode og kilder" / "Method and sources" (method, caveats and
sources, one per row). A real Office Open XML file: Excel in any locale opens it without an import dialog, with its
own decimal separator.

The renderer writes the workbook's bytes to `context.binary`; `formats.emit` writes them to the -o file
(`files.write_bytes_atomic`: never over a file unasked, only over a regular file, atomically).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vold_cli.i18n.bilingual import Bilingual, pick

if TYPE_CHECKING:
    import re
    from collections.abc import Mapping, Sequence

    from vold_cli.output.blocks import Document
    from vold_cli.output.formats import Context

#: Column labels for the record keys vold uses. Unknown keys are shown as they are.
HEADERS: dict[str, Bilingual] = {
    "kind": Bilingual("Art", "Kind"),
    "id": Bilingual("Id", "Id"),
    "label": Bilingual("Betegnelse", "Label"),
    "national": Bilingual("Landstal", "National"),
    "national_low": Bilingual("Landstal, lav", "National, low"),
    "national_high": Bilingual("Landstal, høj", "National, high"),
    "local": Bilingual("Lokalt", "Local"),
    "local_low": Bilingual("Lokalt, lav", "Local, low"),
    "local_high": Bilingual("Lokalt, høj", "Local, high"),
    "rounded": Bilingual("Afrundet", "Rounded"),
    "source": Bilingual("Kilde", "Source"),
    "source_text": Bilingual("Kilde", "Source"),
    "level": Bilingual("Niveau", "Level"),
    "code": Bilingual("Kode", "Code"),
    "name": Bilingual("Navn", "Name"),
    "region": Bilingual("Region", "Region"),
    "population": Bilingual("Folketal", "Population"),
    "women": Bilingual("Kvinder udsat for fysisk partnervold", "Women exposed to physical partner violence"),
    "women_rounded": Bilingual("Kvinder, afrundet", "Women, rounded"),
    "women_national": Bilingual("Kvinder, landstal", "Women, national figure"),
    "men": Bilingual("Mænd udsat for fysisk partnervold", "Men exposed to physical partner violence"),
    "men_rounded": Bilingual("Mænd, afrundet", "Men, rounded"),
    "men_national": Bilingual("Mænd, landstal", "Men, national figure"),
    "stays": Bilingual("Ophold på kvindekrisecentre", "Stays at women's crisis centres"),
    "stays_rounded": Bilingual("Ophold, afrundet", "Stays, rounded"),
    "stays_national": Bilingual("Ophold, landstal", "Stays, national figure"),
    "places": Bilingual("Familiepladser (Europarådets norm)", "Family places (Council of Europe benchmark)"),
    "phases": Bilingual("Faser", "Phases"),
    "phase": Bilingual("Fase", "Phase"),
    "target_groups": Bilingual("Målgrupper", "Target groups"),
    "target_group": Bilingual("Målgruppe", "Target group"),
    "evidence": Bilingual("Evidens", "Evidence"),
    "evidence_reason": Bilingual("Begrundelse for evidens", "Reason for evidence level"),
    "evidence_name": Bilingual("Evidensniveau", "Evidence level"),
    "evidence_action": Bilingual("Hvad niveauet tilsiger", "What the level suggests"),
    "tried_in_denmark": Bilingual("Afprøvet i Danmark", "Tried in Denmark"),
    "summary": Bilingual("Resumé", "Summary"),
    "delivery": Bilingual("Udførelse", "Delivery"),
    "study_design": Bilingual("Undersøgelsesdesign", "Study design"),
    "studied_in": Bilingual("Undersøgt i", "Studied in"),
    "ref": Bilingual("Henvisning", "Reference"),
    "title": Bilingual("Titel", "Title"),
    "changes_since_note": Bilingual("Ændret siden notatet", "Changed since the note"),
    "act": Bilingual("Lov", "Act"),
    "act_name": Bilingual("Lovens navn", "Name of the act"),
    "act_kind": Bilingual("Lovens art", "Kind of act"),
    "section": Bilingual("Bestemmelse", "Provision"),
    "provides": Bilingual("Giver", "Provides"),
    "municipality": Bilingual("Kommunen", "The municipality"),
    "note_says": Bilingual("Notatet siger", "The note says"),
    "period": Bilingual("Periode", "Period"),
    "contacts": Bilingual("Kontakter", "Contacts"),
    "interventions": Bilingual("Indsatser", "Interventions"),
    "strongest": Bilingual("Stærkeste evidens", "Strongest evidence"),
    "gap": Bilingual("Hul i viden", "Gap in knowledge"),
    # the other keys of the listings' records (tests/test_labels.py finds every key a workbook shows)
    "after_note": Bilingual("Efter notatet", "After the note"),
    "audience": Bilingual("Målgruppe", "Target group"),
    "cell": Bilingual("Felt (målgruppe/fase)", "Cell (target group/phase)"),
    "part": Bilingual("Del", "Part"),
    "change_counts.changed": Bilingual("Antal ændret", "Number changed"),
    "change_counts.unchanged": Bilingual("Antal bekræftet uændret", "Number confirmed unchanged"),
    "change_counts.background": Bilingual("Antal baggrundspunkter", "Number of background items"),
    "changed_since_note": Bilingual("Antal ændringer siden notatet", "Number of changes since the note"),
    "changed_provision": Bilingual("Ændringer i selve bestemmelsen", "Changes to the provision itself"),
    "changes_since": Bilingual("Bestemmelsens egne punkter efter notatet", "The provision's own items after the note"),
    "commissioner": Bilingual("Opdragsgiver", "Commissioned by"),
    "contacts_as_of": Bilingual("Kontakternes år", "Year of the contacts"),
    "design": Bilingual("Designtyper", "Design types"),
    "designs": Bilingual("Designtyper", "Design types"),
    "documentation": Bilingual("Dokumentation og effekt", "Documentation and effect"),
    "indicators": Bilingual("Indikatorer", "Indicators"),
    "initiatives": Bilingual("Initiativer", "Initiatives"),
    "law": Bilingual("Lovgivning", "Law"),
    "measure": Bilingual("Opgørelse", "Measure"),
    "not_recommended": Bilingual("Frarådes", "Not recommended"),
    "outcomes": Bilingual("Effekter", "Outcomes"),
    "period_end": Bilingual("Periodens sidste år", "Last year of the period"),
    "period_note": Bilingual("Om perioden", "On the period"),
    "providers": Bilingual("Udbydere", "Providers"),
    "purpose": Bilingual("Formål", "Purpose"),
    "reference_date": Bilingual("Referencedato", "Reference date"),
    "reference_population": Bilingual("Referencefolketal", "Reference population"),
    "related_initiatives": Bilingual("Tilknyttede initiativer", "Related initiatives"),
    "related_interventions": Bilingual("Tilknyttede indsatser", "Related interventions"),
    "related_law": Bilingual("Tilknyttet lovgivning", "Related law"),
    "source.section": Bilingual("Kilde: notatets afsnit", "Source: the note's section"),
    "source.refs": Bilingual("Kilde: referencer", "Source: references"),
    "source.data": Bilingual("Kilde: datafil", "Source: data file"),
    "source.detail": Bilingual("Kilde: uddybning", "Source: detail"),
    "status": Bilingual("Status", "Status"),
    "status_date": Bilingual("Status pr. dato", "Status as of"),
    "status_text": Bilingual("Status i ord", "Status in words"),
    "year": Bilingual("År", "Year"),
    # after the note (issue 26)
    "in_note": Bilingual("Nævnt i notatet", "Named in the note"),
    "source.lines": Bilingual("Kilde: linjer i datafilen", "Source: lines of the data file"),
    "recommendation": Bilingual("Notatets anbefaling", "The note's recommendation"),
    "declarations": Bilingual("Vidensportalens vurderinger", "Vidensportalen's ratings"),
    "provision": Bilingual("Lovhenvisning", "Legal reference"),
    "paragraph": Bilingual("Hvor i bestemmelsen", "Where in the provision"),
    "since": Bilingual("Siden", "Since"),
    "since_text": Bilingual("Siden, i ord", "Since, in words"),
    "for_whom": Bilingual("For hvem", "For whom"),
    "text": Bilingual("Tekst", "Text"),
    "steps": Bilingual("Trin efter notatet", "Steps after the note"),
    "provision_name": Bilingual("Bestemmelsens navn", "Name of the provision"),
    "provision_ref": Bilingual("Skriv", "Type"),
    "looked_for": Bilingual("Ledt efter som ret i loven", "Looked for as a right in law"),
    "found": Bilingual("Fundet", "Found"),
    "date": Bilingual("Dato", "Date"),
    "publisher": Bilingual("Udgivet af", "Published by"),
    "points": Bilingual("Punkter", "Points"),
    "finding": Bilingual("Fund", "Finding"),
    "observed": Bilingual("Observeret", "Observed"),
}

#: Values of the `level` and `kind` columns (ids in JSON and CSV) as words in the workbook.
VALUES: dict[str, Bilingual] = {
    "municipality": Bilingual("kommune", "municipality"),
    "region": Bilingual("region", "region"),
    "country": Bilingual("land", "country"),
    "caveat": Bilingual("forbehold", "caveat"),
    "estimate": Bilingual("skøn", "estimate"),
    "expectation": Bilingual("afledt forventning", "derived expectation"),
    "cost": Bilingual("omkostning", "cost"),
    "benchmark": Bilingual("norm", "benchmark"),
    "newer-figure": Bilingual("nyere landstal", "newer national figure"),
    "summary": Bilingual("kort fortalt", "in short"),
    "observed": Bilingual("observeret", "observed"),
    "expected": Bilingual("forventet", "expected"),
    "observed-where": Bilingual("hvor det observerede tal findes", "where the observed figure is found"),
}
WORD_COLUMNS = ("level", "kind")

MAX_WIDTH = 60  # characters; longer texts wrap inside the cell
SHEET_NAME_MAX = 31  # Excel's limit


def header_label(key: str, lang: str) -> str:
    """A record key as a column header in `lang`: its line in HEADERS, or a known key with a suffix vold adds
    ('national_low'; 'evidence_label', the words beside an id; 'phase_labels', those beside a list of ids)."""
    if key in HEADERS:
        return pick(HEADERS[key], lang)
    for suffix, base, words in (("_low", "", Bilingual(", lav", ", low")), ("_high", "", Bilingual(", høj", ", high")),
                                ("_labels", "s", Bilingual(", i ord", ", in words")),
                                ("_label", "", Bilingual(", i ord", ", in words"))):
        if key.endswith(suffix) and key[: -len(suffix)] + base in HEADERS:
            return header_label(key[: -len(suffix)] + base, lang) + pick(words, lang)
    return key


def _columns(records: Sequence[Mapping[str, object]]) -> list[str]:
    columns: list[str] = []
    for row in records:
        columns.extend(key for key in row if key not in columns)
    return columns


def _cell_value(value: object, lang: str) -> object:
    """A number stays a number; lists are joined with '; '; mappings and other values become text."""
    import json

    if value is None:
        return None
    if isinstance(value, bool):
        return ("ja" if value else "nej") if lang == "da" else ("yes" if value else "no")
    if isinstance(value, int | float):
        return value
    if isinstance(value, list | tuple):
        return "; ".join(str(_cell_value(v, lang)) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


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


def _text_width(value: object) -> int:
    if value is None:
        return 0
    text = f"{value:,}" if isinstance(value, int | float) and not isinstance(value, bool) else str(value)
    return max((len(line) for line in text.splitlines()), default=0)


def workbook_bytes(records: Sequence[Mapping[str, object]], *, lang: str, title: str,
                   about: list[tuple[str, str]]) -> bytes:
    """The workbook as bytes: `records` on the first sheet (named `title`), `about` on the second."""
    import io

    from openpyxl import Workbook  # type: ignore[import-untyped]
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # type: ignore[import-untyped]
    from openpyxl.styles import Alignment, Font  # type: ignore[import-untyped]

    book = Workbook()
    sheet = book.active
    sheet.title = _sheet_name(title)
    columns = _columns(records)
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    widths: dict[int, int] = {}
    for index, key in enumerate(columns, start=1):
        label = header_label(key, lang)
        _put(sheet, 1, index, label, ILLEGAL_CHARACTERS_RE).font = bold
        widths[index] = min(len(label), 30)
    for r, record in enumerate(records, start=2):
        for index, key in enumerate(columns, start=1):
            value = _cell_value(record.get(key), lang)
            if key in WORD_COLUMNS and value in VALUES:
                value = pick(VALUES[value], lang)
            cell = _put(sheet, r, index, value, ILLEGAL_CHARACTERS_RE)
            if isinstance(value, float):
                cell.number_format = "#,##0.0"
            elif isinstance(value, int):
                cell.number_format = "#,##0"
            elif isinstance(value, str) and len(value) > MAX_WIDTH:
                cell.alignment = wrap
            widths[index] = max(widths[index], _text_width(value))
    sheet.freeze_panes = "A2"
    if columns:
        sheet.auto_filter.ref = sheet.dimensions
    _fit(sheet, widths)

    notes = book.create_sheet(_sheet_name("Metode og kilder" if lang == "da" else "Method and sources"))
    for index, label in enumerate(("Emne", "Tekst") if lang == "da" else ("Topic", "Text"), start=1):
        _put(notes, 1, index, label, ILLEGAL_CHARACTERS_RE).font = bold
    for r, (heading, text) in enumerate(about, start=2):
        _put(notes, r, 1, heading, ILLEGAL_CHARACTERS_RE).alignment = wrap
        _put(notes, r, 2, text, ILLEGAL_CHARACTERS_RE).alignment = wrap
    notes.freeze_panes = "A2"
    notes.column_dimensions["A"].width = min(max((_text_width(h) for h, _ in about), default=10), 40) + 2
    notes.column_dimensions["B"].width = 100
    book.properties.title = title
    book.properties.language = "da-DK" if lang == "da" else "en"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet_name(title: str) -> str:
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in title).strip() or "vold"
    return cleaned[:SHEET_NAME_MAX]


def render_to(doc: Document, context: Context) -> None:
    """The format registry's renderer: the document's records (the CSV's rows) and its `about` rows."""
    from vold_cli.output.machine import csv_rows
    from vold_cli.sanitize import clean_rows

    if context.binary is None:
        raise TypeError("xlsx is a file format: it needs a binary destination (formats.emit gives one for -o FILE).")
    about = list((doc.about() if callable(doc.about) else doc.about) or [])
    records = csv_rows(doc)
    if about:  # the caveats are on the second sheet, with the method and sources: the first holds only numbers
        records = [r for r in records if "caveat" not in (r.get("kind"), r.get("level"))]
    records = clean_rows(records)  # hostile text: controls shown as in the CSV (see sanitize.py)
    context.binary.write(workbook_bytes(records, lang=context.lang, title=context.title or "vold",
                                        about=clean_rows(about)))
