"""`vold phases`: the three prevention phases with their interventions and strongest evidence."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..lang import pick
from ..lang import tr as _t
from ..query import localize
from .blocks import Column, Document, Paragraph, Styled, Table
from .common import evidence_cell, labelled

if TYPE_CHECKING:
    from ..kb import KnowledgeBase


def phases_doc(knowledge: KnowledgeBase, summary: list[dict[str, Any]], lang: str) -> Document:
    data = [localize(p, lang) for p in summary]
    doc = Document(data=lambda: labelled(data, knowledge, lang))
    doc.add(Paragraph(pick(knowledge.phases["intro"], lang)))
    doc.add(Table(
        [Column(_t(lang, "Fase", "Phase"), ratio=1),
         Column(_t(lang, "Formål", "Purpose"), ratio=4),
         Column(_t(lang, "Indsatser", "Interventions"), justify="right", no_wrap=True),
         Column(_t(lang, "Stærkeste evidens", "Strongest evidence"), ratio=1)],
        [[Styled(f"{p['number']}. {pick(p['name'], lang)}", "strong"), pick(p["purpose"], lang), str(p["count"]),
          evidence_cell(knowledge, p["strongest"], lang)] for p in summary],
        title=_t(lang, "Forebyggelsesfaser", "Prevention phases"),
        caption=_t(lang, "Se indsatserne: vold interventions --phase primary|secondary|tertiary",
                   "See the interventions: vold interventions --phase primary|secondary|tertiary"),
    ))
    return doc
