"""`vold initiatives`: the note's list of ongoing national initiatives, and one in full."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..lang import pick
from ..lang import tr as _t
from ..query import law_label, localize, related_interventions, source_text
from .blocks import BulletList, Column, Document, Fields, Heading, Paragraph, Styled, Table
from .common import names

if TYPE_CHECKING:
    from ..kb import KnowledgeBase
    from ..models import Initiative

def initiatives_list(knowledge: KnowledgeBase, items: list[Initiative], lang: str) -> Document:
    n = names(knowledge, lang)
    doc = Document(data=[localize(i, lang) for i in items])
    doc.add(Paragraph(pick(knowledge.initiatives["intro"], lang)))
    if not items:
        doc.add(Paragraph(_t(lang, "Ingen initiativer matcher.", "No initiatives match.")))
        return doc
    doc.add(Table(
        [Column(_t(lang, "Initiativ", "Initiative"), ratio=3),
         Column("id", ratio=2),
         Column(_t(lang, "Periode", "Period"), no_wrap=True),
         Column(_t(lang, "Målgrupper", "Target groups"), ratio=2),
         Column(_t(lang, "Kontakt", "Contact"), ratio=2)],
        [[Styled(pick(i["name"], lang), "strong"), i["id"], i["period"] or "—",
          ", ".join(n["target"][t] for t in i["target_groups"]), ", ".join(i["contacts"])] for i in items],
        title=_t(lang, "Igangværende initiativer (notatets liste)", "Ongoing initiatives (the note's list)"),
    ))
    return doc


def initiative_view(knowledge: KnowledgeBase, item: Initiative, lang: str) -> Document:
    n = names(knowledge, lang)
    linked = related_interventions(knowledge, item)
    data = localize(item, lang) | {"source_text": source_text(knowledge, item["source"], lang),
                                   "related_interventions": [i["id"] for i in linked]}
    doc = Document(data=data)
    doc.add(Heading(pick(item["name"], lang)))
    pairs: list[tuple[str, Any]] = [
        ("id", item["id"]),
        (_t(lang, "Periode", "Period"), item["period"] or "—"),
        (_t(lang, "Målgruppe", "Target group"), pick(item["audience"], lang)),
        (_t(lang, "Målgrupper (kategorier)", "Target groups (categories)"),
         ", ".join(n["target"][t] for t in item["target_groups"])),
        (_t(lang, "Formål", "Purpose"), pick(item["purpose"], lang)),
        (_t(lang, "Dokumentation og effekt", "Documentation and effect"), pick(item["documentation"], lang)),
        (_t(lang, "Kontakt", "Contact"), ", ".join(item["contacts"])),
    ]
    if item.get("commissioner"):
        pairs.append((_t(lang, "Opdragsgiver", "Commissioned by"), pick(item["commissioner"], lang)))
    if linked:
        pairs.append((_t(lang, "Indsatser", "Interventions"),
                      "; ".join(f"{pick(i['name'], lang)} (vold interventions {i['id']})" for i in linked)))
    if item["law"]:
        entries = knowledge.law_entries(item["law"])
        pairs.append((_t(lang, "Lovgivning", "Law"), "; ".join(law_label(knowledge, e) for e in entries)))
    pairs.append((_t(lang, "Kilde", "Source"), source_text(knowledge, item["source"], lang)))
    doc.add(Fields(pairs))
    if item["indicators"]:
        doc.add(BulletList([pick(t, lang) for t in item["indicators"]], title=_t(lang, "Indikatorer", "Indicators")))
    return doc
