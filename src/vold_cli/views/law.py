"""`vold law`: the legal references of the note, and what has changed since (kept apart, dated, sourced)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vold_cli.core.newer import real_changes, sorted_changes
from vold_cli.core.query import law_changes, law_label, short_ref
from vold_cli.i18n.lang import pick
from vold_cli.i18n.lang import tr as _t
from vold_cli.i18n.localize import attribution, when
from vold_cli.output.blocks import (
    Block,
    Cell,
    Column,
    Document,
    Fields,
    Heading,
    Notes,
    Paragraph,
    Styled,
    Table,
)
from vold_cli.views.common import data_cite, data_title, localize, localize_record, source_text

if TYPE_CHECKING:
    import datetime

    from vold_cli.kb.facade import KnowledgeBase
    from vold_cli.kb.schema import Act, Change, Duty, LawEntry, Source
    from vold_cli.views.pages import Detail, Entry, Listing

def changed_cell(own: list[Change], act: list[Change], lang: str) -> Styled | str:
    """'yes (2)' counting only real changes (kind changed) of the provision itself, with the act's own changes
    named apart ('the act otherwise: 1'), so a paragraph is not read as changed because another one was; else
    'no; confirmed in force (...)' for items that only confirm it, 'no; only background from before the note',
    or 'not checked after the note' when nothing after the note was recorded for it."""
    from vold_cli.i18n.localize import date

    mine, whole = real_changes(own), real_changes(act)
    if mine:
        extra = _t(lang, f"; loven i øvrigt: {len(whole)}", f"; the act otherwise: {len(whole)}") if whole else ""
        return Styled(_t(lang, f"ja ({len(mine)})", f"yes ({len(mine)})") + extra, "warn")
    if whole:
        return _t(lang, f"ikke denne bestemmelse; loven i øvrigt: {len(whole)}",
                  f"not this provision; the act otherwise: {len(whole)}")
    both = [*own, *act]
    confirmed = [c["date"] or "" for c in both if c["kind"] == "unchanged"]
    if confirmed:
        dated = [date(d, lang) for d in confirmed if d[:4].isdigit()]
        when = f" ({', '.join(dated)})" if dated else ""
        return _t(lang, f"nej; bekræftet gældende{when}", f"no; confirmed in force{when}")
    if both:
        return _t(lang, "nej; kun baggrund fra før notatet", "no; only background from before the note")
    return _t(lang, "ikke efterprøvet efter notatet", "not checked after the note")  # nothing looked up: not 'no'


def _labelled(data: object, knowledge: KnowledgeBase, lang: str) -> object:
    """The JSON/CSV records with labels beside the ids (render/common.labelled; imported only then)."""
    from vold_cli.views.common import labelled

    return labelled(data, knowledge, lang)


def change_counts(changes: list[Change]) -> dict[str, int]:
    return {kind: sum(1 for c in changes if c["kind"] == kind) for kind in ("changed", "unchanged", "background")}


def law_list(knowledge: KnowledgeBase, lang: str) -> Document:
    entries = knowledge.law["entries"]
    data = [localize_record(e, lang) | {"ref": short_ref(knowledge, e), "label": law_label(knowledge, e),
                                 "changes_since_note": [localize(c, lang) for c in law_changes(knowledge, e)],
                                 "changed_since_note": len(real_changes(law_changes(knowledge, e))),
                                 "changed_provision": len(real_changes(list(e["changes_since"]))),
                                 "change_counts": change_counts(law_changes(knowledge, e))} for e in entries]
    doc = Document(data=lambda: _labelled(data, knowledge, lang))
    doc.add(Paragraph(pick(knowledge.law["intro"], lang)))

    def rows(chosen: list[LawEntry]) -> list[list[Cell]]:
        return [[Styled(law_label(knowledge, e), "strong"), short_ref(knowledge, e), pick(e["title"], lang),
                 changed_cell(list(e["changes_since"]), list(knowledge.act(e["act"])["changes_since"]), lang)]
                for e in chosen]

    columns = [Column(_t(lang, "Henvisning", "Reference"), ratio=3), Column(_t(lang, "Skriv", "Type"), no_wrap=True),
               Column(_t(lang, "Titel", "Title"), ratio=3),
               Column(_t(lang, "Ændret siden notatet", "Changed since the note"), ratio=1)]
    duties = _t(lang, " Kommunens pligter i dag: vold law duties", " The municipality's duties today: vold law duties") \
        if knowledge.law["duties"] else ""
    doc.add(Table(
        columns, rows([e for e in entries if e["in_note"]]),
        title=_t(lang, "Lovgivning nævnt i notatet", "Legal references in the note"),
        caption=_t(lang, "Kun egentlige ændringer tælles: bestemmelsens egne, og lovens øvrige for sig. "
                         "Vis én: vold law 109, vold law tilhold 3, vold law cpr 28.",
                   "Only real changes are counted: the provision's own, and the act's other changes apart. "
                   "Show one: vold law 109, vold law tilhold 3, vold law cpr 28.") + duties,
    ))
    later = [e for e in entries if not e["in_note"]]
    if later:
        doc.add(Table(
            columns, rows(later),
            title=_t(lang, "Lovgivning efter notatet (ikke fra notatet)", "Law after the note (not from the note)"),
            caption=_t(lang, "Bestemmelser, som notatet ikke nævner. Vis én: vold law ",
                       "Provisions the note does not name. Show one: vold law ")
            + ", vold law ".join(short_ref(knowledge, e) for e in later),
        ))
    return doc


def _where(knowledge: KnowledgeBase, source: Source, lang: str) -> str:
    return data_cite(knowledge, source, lang) or source_text(knowledge, source, lang)


def law_view(knowledge: KnowledgeBase, entry: LawEntry, lang: str) -> Document:
    act = knowledge.act(entry["act"])
    changes = law_changes(knowledge, entry)
    data = localize_record(entry, lang) | {
        "ref": short_ref(knowledge, entry), "label": law_label(knowledge, entry),
        "act_name": act["name"], "act_kind": act["kind"],
        "changes_since_note": [localize(c, lang) for c in changes],
        "changed_since_note": len(real_changes(changes)),
        "source_text": source_text(knowledge, entry["source"], lang),
    }
    doc = Document(data=lambda: _labelled(data, knowledge, lang))
    doc.add(Heading(f"{law_label(knowledge, entry)}: {pick(entry['title'], lang)}"))
    title = (_t(lang, "Ifølge notatet (2013)", "According to the note (2013)") if entry["in_note"] else
             _t(lang, "Efter notatet — ikke fra notatet", "After the note — not from the note"))
    doc.add(Fields([
        (_t(lang, "Lov/regel", "Act"), f"{act['name']} ({pick(act['description'], lang)})"),
        (_t(lang, "Indhold", "Provides"), pick(entry["provides"], lang)),
        (_t(lang, "For kommunen", "For the municipality"), pick(entry["municipality"], lang)),
        (_t(lang, "Notatet siger", "The note says"), pick(entry["note_says"], lang)),
        (_t(lang, "Kilde", "Source"), source_text(knowledge, entry["source"], lang)),
    ], title=title))
    if changes:
        doc.blocks += change_blocks(knowledge, changes, lang)
    else:
        doc.add(Paragraph(_t(lang, "Ingen ændringer registreret siden notatet.", "No changes recorded since the note."),
                          style="muted"))
    return doc


_KIND_TITLES = {
    "changed": ("Ændret siden notatet — ikke fra notatet", "Changed since the note — not from the note"),
    "unchanged": ("Bekræftet gældende efter notatet (ingen ændring) — ikke fra notatet",
                  "Confirmed in force after the note (no change) — not from the note"),
    "background": ("Baggrund fra før notatet — ikke fra notatet",
                   "Background from before the note — not from the note"),
}


def change_source(knowledge: KnowledgeBase, change: Change, lang: str) -> str:
    """The document an item after the note comes from, by its title only ('Changes after the note (...)'; no
    file or lines: the brief is for people)."""
    return data_title(knowledge, change["source"], lang) or source_text(knowledge, change["source"], lang)


def change_line(knowledge: KnowledgeBase, change: Change, lang: str, *, source: bool = True) -> str:
    """One dated item: '2024-07-01: ...', 'confirmed in force (2024-07-03): ...', 'before the note (2012-02-03): ...'.
    `source=False` where the list's title names the source once (the brief)."""
    date = when(change["date"], lang)
    lead = {"changed": date,
            "unchanged": _t(lang, f"bekræftet gældende ({date})", f"confirmed in force ({date})"),
            "background": _t(lang, f"før notatet ({date})", f"before the note ({date})")}[change["kind"]]
    who = attribution(change["authority"], change["reported_by"], lang)
    where = f"; {_where(knowledge, change['source'], lang)}" if source else ""
    return f"{lead}: {pick(change['text'], lang)} ({who}{where})"


def change_blocks(knowledge: KnowledgeBase, changes: list[Change], lang: str) -> list[Block]:
    """The items after the note, one list per kind (changes first), each in date order."""
    blocks: list[Block] = []
    for kind, (da, en) in _KIND_TITLES.items():
        items = [change_line(knowledge, c, lang) for c in sorted_changes(changes) if c["kind"] == kind]
        if items:
            blocks.append(Notes(items, title=_t(lang, da, en)))
    return blocks


def act_view(knowledge: KnowledgeBase, act: Act, lang: str) -> Document:
    """An act as a whole (`vold law tilhold`): what the note says of it, its provisions in the knowledge base,
    and what changed for the act after the note."""
    entries = [e for e in knowledge.law["entries"] if e["act"] == act["id"]]
    data = localize_record(act, lang) | {
        "provisions": [{"id": e["id"], "ref": short_ref(knowledge, e), "label": law_label(knowledge, e),
                        "title": pick(e["title"], lang), "in_note": e["in_note"],
                        "changed_since_note": len(real_changes(list(e["changes_since"])))} for e in entries],
        "changes_since_note": [localize(c, lang) for c in sorted_changes(list(act["changes_since"]))],
    }
    doc = Document(data=lambda: _labelled(data, knowledge, lang), table=("provisions",))
    doc.add(Heading(act["name"]))
    doc.add(Paragraph(pick(act["description"], lang)))
    doc.add(Table(
        [Column(_t(lang, "Henvisning", "Reference"), ratio=3), Column(_t(lang, "Skriv", "Type"), no_wrap=True),
         Column(_t(lang, "Titel", "Title"), ratio=3),
         Column(_t(lang, "Ændret siden notatet", "Changed since the note"), ratio=1)],
        [[Styled(law_label(knowledge, e), "strong"), short_ref(knowledge, e), pick(e["title"], lang),
          changed_cell(list(e["changes_since"]), list(act["changes_since"]), lang)] for e in entries],
        title=_t(lang, f"Bestemmelser i {act['name']}", f"Provisions of {act['name']}"),
        caption=_t(lang, "Vis én: vold law ", "Show one: vold law ")
        + ", vold law ".join(short_ref(knowledge, e) for e in entries),
    ))
    doc.blocks += change_blocks(knowledge, list(act["changes_since"]), lang)
    return doc


# --- what the municipality must provide today (after the note) -----------------------------------------------

def _since(duty: Duty, lang: str) -> str:
    from vold_cli.i18n.localize import date

    if duty["since"] is None:
        return _t(lang, "allerede i notatet (2013)", "already in the note (2013)")
    return date(duty["since"], lang)


def _provision(knowledge: KnowledgeBase, duty: Duty, lang: str) -> str:
    """'Serviceloven § 109, stk. 8 (...)': the act of the duty's provision and the paragraph as the source gives it."""
    entry = next(e for e in knowledge.law["entries"] if e["id"] == duty["provision"])
    return f"{knowledge.act(entry['act'])['name']} {pick(duty['paragraph'], lang)}"


def duties_table(knowledge: KnowledgeBase, lang: str, *, caption: str = "", files: bool = True) -> Table:
    """The duties after the note, one row each: provision, since when, for whom, source. `files=False` (the
    brief, for people, on A4) names the sources once, by title, after the caption, without files and lines."""
    law = knowledge.law
    rows: list[list[Cell]] = [[Styled(pick(d["title"], lang), "strong"), _provision(knowledge, d, lang),
                               _since(d, lang), pick(d["for_whom"], lang)] for d in law["duties"]]
    columns = [Column(_t(lang, "Pligt", "Duty"), ratio=2), Column(_t(lang, "Bestemmelse", "Provision"), ratio=2),
               Column(_t(lang, "Siden", "Since"), no_wrap=True), Column(_t(lang, "For hvem", "For whom"), ratio=3)]
    if files:
        columns.append(Column(_t(lang, "Kilde", "Source"), ratio=2))
        for row, duty in zip(rows, law["duties"], strict=True):
            row.append(data_cite(knowledge, duty["source"], lang) or source_text(knowledge, duty["source"], lang))
    else:
        titles = dict.fromkeys(data_title(knowledge, d["source"], lang) or source_text(knowledge, d["source"], lang)
                               for d in law["duties"])
        caption = (caption + " " if caption else "") + _t(lang, "Kilde: ", "Source: ") + "; ".join(titles) + "."
    return Table(columns, rows, title=_t(lang, "Hvad kommunen skal tilbyde", "What the municipality must provide"),
                 caption=caption)


def duties_view(knowledge: KnowledgeBase, lang: str) -> Document:
    """`vold law duties`: each duty the sources after the note describe, with its provision, since when, for whom
    and its source, the dated steps after the note, and what was looked for as a right in law and not found."""
    law = knowledge.law
    entries = {e["id"]: e for e in law["entries"]}

    def provision(duty: Duty) -> str:
        return _provision(knowledge, duty, lang)

    data = {
        "intro": pick(law["duties_intro"], lang),
        "duties": [localize_record(d, lang) | {
            "provision_name": provision(d), "provision_ref": short_ref(knowledge, entries[d["provision"]]),
            "since_text": _since(d, lang), "source_text": source_text(knowledge, d["source"], lang)}
            for d in law["duties"]],
        "no_right_found": [localize_record(n, lang) | {"source_text": source_text(knowledge, n["source"], lang)}
                           for n in law["no_right_found"]],
    }
    doc = Document(data=data, table=("duties", "no_right_found"))
    doc.add(Heading(_t(lang, "Kommunens pligter i dag (efter notatet; ikke fra notatet)",
                       "The municipality's duties today (after the note; not from the note)")))
    if law["duties_intro"]:
        doc.add(Paragraph(pick(law["duties_intro"], lang)))
    if not law["duties"]:
        doc.add(Paragraph(_t(lang, "Vidensbasen har ingen pligter registreret.",
                             "The knowledge base records no duties."), style="muted"))
    doc.add(duties_table(knowledge, lang, caption=_t(
        lang, "Bestemmelsen i detaljer: vold law 109, vold law 110, vold law 10.",
        "The provision in detail: vold law 109, vold law 110, vold law 10.")))
    for duty in law["duties"]:
        items = [pick(duty["text"], lang)] + [change_line(knowledge, c, lang) for c in sorted_changes(list(duty["steps"]))]
        doc.add(Notes(items, title=f"{pick(duty['title'], lang)} ({provision(duty)})"))
    if law["no_right_found"]:
        doc.add(Table(
            [Column(_t(lang, "Ledt efter som ret i loven", "Looked for as a right in law"), ratio=2),
             Column(_t(lang, "Fundet", "Found"), ratio=4), Column(_t(lang, "Kilde", "Source"), ratio=2)],
            [[Styled(pick(n["looked_for"], lang), "strong"), pick(n["found"], lang),
              data_cite(knowledge, n["source"], lang) or source_text(knowledge, n["source"], lang)]
             for n in law["no_right_found"]],
            title=_t(lang, "Ingen ret fundet i loven", "No legal right found"),
            caption=_t(lang, "Det, kilderne efter notatet blev gennemgået for, uden at en ret i loven blev fundet.",
                       "What the sources after the note were searched for without a right in law being found."),
        ))
    return doc

# --- what search reads of this view (views/pages.py) ---------------------------------------------------------

def _page(knowledge: KnowledgeBase, lang: str, today: datetime.date) -> Document:
    return law_list(knowledge, lang)


def _entry_page(knowledge: KnowledgeBase, entry: Entry, lang: str, today: datetime.date) -> Document:
    from vold_cli.core.query import find_law

    return law_view(knowledge, find_law(knowledge, str(entry["id"])), lang)


def _duties_page(knowledge: KnowledgeBase, lang: str, today: datetime.date) -> Document:
    return duties_view(knowledge, lang)


PAGES: dict[str, Listing] = {"vold law": _page, "vold law duties": _duties_page}
ENTRY_PAGES: dict[str, tuple[str, Detail]] = {"vold law {ref}": ("entries", _entry_page)}
