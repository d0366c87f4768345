"""`vold phases`: the three prevention phases with their interventions and strongest evidence."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vold_cli.i18n.lang import pick
from vold_cli.i18n.lang import tr as _t
from vold_cli.output.blocks import Cell, Column, Document, Lines, Paragraph, Styled, Table
from vold_cli.views.common import design_text, evidence_cell, labelled, localize

if TYPE_CHECKING:
    import datetime

    from vold_cli.core.results import PhaseSummary
    from vold_cli.kb.facade import KnowledgeBase
    from vold_cli.views.pages import Listing

def _strongest(knowledge: KnowledgeBase, phase: PhaseSummary, lang: str) -> Cell:
    """The phase's strongest level, then only the interventions that have that level, each with its design."""
    level = phase["strongest"]
    if level is None:
        return evidence_cell(knowledge, None, lang)
    members = [knowledge.intervention(i) for i in phase["interventions"]]
    parts: list[str | Styled] = [evidence_cell(knowledge, level, lang)]
    parts += [Styled(f"{pick(i['name'], lang)} ({design_text(i['designs'], lang)})", "muted")
              for i in members if i["evidence"] == level]
    return Lines(parts)


def phases_doc(knowledge: KnowledgeBase, summary: list[PhaseSummary], lang: str) -> Document:
    data = [localize(p, lang) for p in summary]
    doc = Document(data=lambda: labelled(data, knowledge, lang))
    doc.add(Paragraph(pick(knowledge.phases["intro"], lang)))
    doc.add(Table(
        [Column(_t(lang, "Fase", "Phase"), ratio=1),
         Column(_t(lang, "Formål", "Purpose"), ratio=4),
         Column(_t(lang, "Indsatser", "Interventions"), justify="right", no_wrap=True),
         Column(_t(lang, "Stærkeste evidens", "Strongest evidence"), ratio=1)],
        [[Styled(f"{p['number']}. {pick(p['name'], lang)}", "strong"), pick(p["purpose"], lang), str(p["count"]),
          _strongest(knowledge, p, lang)] for p in summary],
        title=_t(lang, "Forebyggelsesfaser", "Prevention phases"),
        caption=_t(lang, "Stærkeste evidens: niveauet og de indsatser, der har det, hver med sit design. "
                         "Se alle indsatserne: vold interventions --phase primary|secondary|tertiary",
                   "Strongest evidence: the level and the interventions that have it, each with its design. "
                   "See all the interventions: vold interventions --phase primary|secondary|tertiary"),
    ))
    return doc


# --- what search reads of this view (views/pages.py) ---------------------------------------------------------

def _page(knowledge: KnowledgeBase, lang: str, today: datetime.date) -> Document:
    from vold_cli.core.query import phase_summary

    return phases_doc(knowledge, phase_summary(knowledge), lang)


PAGES: dict[str, Listing] = {"vold phases": _page}
