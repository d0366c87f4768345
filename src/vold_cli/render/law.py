"""`vold law`: the legal references of the note, and what has changed since (kept apart, dated, sourced)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lang import pick
from ..lang import tr as _t
from ..query import data_file, law_changes, law_label, localize, short_ref, source_text
from .blocks import Column, Document, Fields, Heading, Notes, Paragraph, Styled, Table
from .localize import attribution, when

if TYPE_CHECKING:
    from ..kb import KnowledgeBase
    from ..models import LawEntry, Source

def law_list(knowledge: KnowledgeBase, lang: str) -> Document:
    entries = knowledge.law["entries"]
    data = [localize(e, lang) | {"ref": short_ref(knowledge, e), "label": law_label(knowledge, e)} for e in entries]
    doc = Document(data=data)
    doc.add(Paragraph(pick(knowledge.law["intro"], lang)))
    rows = [[
        Styled(law_label(knowledge, e), "strong"), short_ref(knowledge, e), pick(e["title"], lang),
        Styled(_t(lang, f"ja ({len(law_changes(knowledge, e))})", f"yes ({len(law_changes(knowledge, e))})"), "warn")
        if law_changes(knowledge, e) else _t(lang, "intet registreret", "none recorded"),
    ] for e in entries]
    doc.add(Table(
        [Column(_t(lang, "Henvisning", "Reference"), ratio=3),
         Column(_t(lang, "Skriv", "Type"), no_wrap=True),
         Column(_t(lang, "Titel", "Title"), ratio=3),
         Column(_t(lang, "Ændret siden notatet", "Changed since the note"), ratio=1)],
        rows, title=_t(lang, "Lovgivning nævnt i notatet", "Legal references in the note"),
        caption=_t(lang, "Vis én: vold law 109, vold law tilhold 3, vold law cpr 28",
                   "Show one: vold law 109, vold law tilhold 3, vold law cpr 28"),
    ))
    return doc


def _where(knowledge: KnowledgeBase, source: Source, lang: str) -> str:
    return data_file(knowledge, source) or source_text(knowledge, source, lang)


def law_view(knowledge: KnowledgeBase, entry: LawEntry, lang: str) -> Document:
    act = knowledge.act(entry["act"])
    changes = law_changes(knowledge, entry)
    data = localize(entry, lang) | {
        "ref": short_ref(knowledge, entry), "label": law_label(knowledge, entry),
        "act_name": act["name"], "act_kind": act["kind"],
        "changes_since_note": [localize(c, lang) for c in changes],
        "source_text": source_text(knowledge, entry["source"], lang),
    }
    doc = Document(data=data)
    doc.add(Heading(f"{law_label(knowledge, entry)}: {pick(entry['title'], lang)}"))
    doc.add(Fields([
        (_t(lang, "Lov/regel", "Act"), f"{act['name']} ({pick(act['description'], lang)})"),
        (_t(lang, "Indhold", "Provides"), pick(entry["provides"], lang)),
        (_t(lang, "For kommunen", "For the municipality"), pick(entry["municipality"], lang)),
        (_t(lang, "Notatet siger", "The note says"), pick(entry["note_says"], lang)),
        (_t(lang, "Kilde", "Source"), source_text(knowledge, entry["source"], lang)),
    ], title=_t(lang, "Ifølge notatet (2013)", "According to the note (2013)")))
    if changes:
        doc.add(Notes(
            [f"{when(c.get('date'), lang)}: {pick(c['text'], lang)} "
             f"({attribution(c.get('authority'), c['reported_by'], lang)}; {_where(knowledge, c['source'], lang)})"
             for c in changes],
            title=_t(lang, "Ændret siden notatet — ikke fra notatet", "Changed since the note — not from the note"),
        ))
    else:
        doc.add(Paragraph(_t(lang, "Ingen ændringer registreret siden notatet.", "No changes recorded since the note."),
                          style="muted"))
    return doc
