"""`vold law`: the legal references of the note, and what has changed since (kept apart, dated, sourced)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vold_cli.core.newer import real_changes, sorted_changes
from vold_cli.core.query import law_changes, law_label, short_ref
from vold_cli.i18n.lang import pick
from vold_cli.i18n.lang import tr as _t
from vold_cli.i18n.localize import attribution, when
from vold_cli.output.blocks import Block, Column, Document, Fields, Heading, Notes, Paragraph, Styled, Table
from vold_cli.views.common import data_title, localize, localize_record, source_text

if TYPE_CHECKING:
    import datetime

    from vold_cli.kb.facade import KnowledgeBase
    from vold_cli.kb.schema import Change, LawEntry, Source
    from vold_cli.views.pages import Detail, Entry, Listing

def changed_cell(own: list[Change], act: list[Change], lang: str) -> Styled | str:
    """'yes (2)' counting only real changes (kind changed) of the provision itself, with the act's own changes
    named apart ('the act otherwise: 1'), so a paragraph is not read as changed because another one was; else
    'no; confirmed in force (...)' for items that only confirm it, 'no; only background from before the note',
    or 'none recorded'."""
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
    return _t(lang, "intet registreret", "none recorded")


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
    rows = [[
        Styled(law_label(knowledge, e), "strong"), short_ref(knowledge, e), pick(e["title"], lang),
        changed_cell(list(e["changes_since"]), list(knowledge.act(e["act"])["changes_since"]), lang),
    ] for e in entries]
    doc.add(Table(
        [Column(_t(lang, "Henvisning", "Reference"), ratio=3),
         Column(_t(lang, "Skriv", "Type"), no_wrap=True),
         Column(_t(lang, "Titel", "Title"), ratio=3),
         Column(_t(lang, "Ændret siden notatet", "Changed since the note"), ratio=1)],
        rows, title=_t(lang, "Lovgivning nævnt i notatet", "Legal references in the note"),
        caption=_t(lang, "Kun egentlige ændringer tælles: bestemmelsens egne, og lovens øvrige for sig. "
                         "Vis én: vold law 109, vold law tilhold 3, vold law cpr 28",
                   "Only real changes are counted: the provision's own, and the act's other changes apart. "
                   "Show one: vold law 109, vold law tilhold 3, vold law cpr 28"),
    ))
    return doc


def _where(knowledge: KnowledgeBase, source: Source, lang: str) -> str:
    return data_title(knowledge, source, lang) or source_text(knowledge, source, lang)


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
    doc.add(Fields([
        (_t(lang, "Lov/regel", "Act"), f"{act['name']} ({pick(act['description'], lang)})"),
        (_t(lang, "Indhold", "Provides"), pick(entry["provides"], lang)),
        (_t(lang, "For kommunen", "For the municipality"), pick(entry["municipality"], lang)),
        (_t(lang, "Notatet siger", "The note says"), pick(entry["note_says"], lang)),
        (_t(lang, "Kilde", "Source"), source_text(knowledge, entry["source"], lang)),
    ], title=_t(lang, "Ifølge notatet (2013)", "According to the note (2013)")))
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


def change_line(knowledge: KnowledgeBase, change: Change, lang: str) -> str:
    """One dated item: '2024-07-01: ...', 'confirmed in force (2024-07-03): ...', 'before the note (2012-02-03): ...'."""
    date = when(change["date"], lang)
    lead = {"changed": date,
            "unchanged": _t(lang, f"bekræftet gældende ({date})", f"confirmed in force ({date})"),
            "background": _t(lang, f"før notatet ({date})", f"before the note ({date})")}[change["kind"]]
    who = attribution(change["authority"], change["reported_by"], lang)
    return f"{lead}: {pick(change['text'], lang)} ({who}; {_where(knowledge, change['source'], lang)})"


def change_blocks(knowledge: KnowledgeBase, changes: list[Change], lang: str) -> list[Block]:
    """The items after the note, one list per kind (changes first), each in date order."""
    blocks: list[Block] = []
    for kind, (da, en) in _KIND_TITLES.items():
        items = [change_line(knowledge, c, lang) for c in sorted_changes(changes) if c["kind"] == kind]
        if items:
            blocks.append(Notes(items, title=_t(lang, da, en)))
    return blocks


# --- what search reads of this view (views/pages.py) ---------------------------------------------------------

def _page(knowledge: KnowledgeBase, lang: str, today: datetime.date) -> Document:
    return law_list(knowledge, lang)


def _entry_page(knowledge: KnowledgeBase, entry: Entry, lang: str, today: datetime.date) -> Document:
    from vold_cli.core.query import find_law

    return law_view(knowledge, find_law(knowledge, str(entry["id"])), lang)


PAGES: dict[str, Listing] = {"vold law": _page}
ENTRY_PAGES: dict[str, tuple[str, Detail]] = {"vold law {ref}": ("entries", _entry_page)}
