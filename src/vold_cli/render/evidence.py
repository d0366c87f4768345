"""`vold evidence` and `vold map`: the evidence scale, and the gap map of target group × prevention phase."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..lang import pick
from ..lang import tr as _t
from ..query import evidence_counts, localize
from .blocks import Column, Document, Paragraph, Styled, Table
from .common import evidence_cell, labelled, names

if TYPE_CHECKING:
    from ..kb import KnowledgeBase


def evidence_doc(knowledge: KnowledgeBase, lang: str) -> Document:
    counts = evidence_counts(knowledge)
    scale = [knowledge.evidence_level(level) for level in counts]  # strongest first
    doc = Document(data=[localize(lv, lang) | {"interventions": counts[lv["id"]]} for lv in scale])
    doc.add(Paragraph(pick(knowledge.evidence["intro"], lang)))
    doc.add(Table(
        [Column(_t(lang, "Niveau", "Level"), ratio=1, min_width=10),
         Column(_t(lang, "Kriterier", "Criteria"), ratio=3),
         Column(_t(lang, "Anbefalet handling", "Recommended action"), ratio=2),
         Column("#", justify="right", no_wrap=True)],
        [[evidence_cell(knowledge, lv["id"], lang), pick(lv["criteria"], lang), pick(lv["action"], lang),
          str(counts[lv["id"]])] for lv in scale],
        title=_t(lang, "Evidensskala (stærkest først)", "Evidence scale (strongest first)"),
        caption=_t(lang, "#: antal indsatser på niveauet. Filtrér: vold interventions --min-evidence promising",
                   "#: number of interventions at the level. Filter: vold interventions --min-evidence promising"),
    ))
    return doc


def map_doc(knowledge: KnowledgeBase, cells: list[dict[str, Any]], lang: str) -> Document:
    n = names(knowledge, lang)
    records = [{"id": f"{cell['target_group']}/{cell['phase']}"} | cell for cell in cells]  # the input stays as it is
    doc = Document(data=lambda: labelled(records, knowledge, lang))
    groups = [t["id"] for t in knowledge.target_groups["target_groups"]]
    rows = []
    for group in groups:
        row: list[Any] = [Styled(n["target"][group], "strong")]
        for phase in knowledge.phase_ids:
            cell = next(c for c in cells if c["target_group"] == group and c["phase"] == phase)
            if not cell["interventions"]:
                row.append(Styled(_t(lang, "— ingen indsats (hul)", "— none (gap)"), "gap"))
                continue
            best = n["evidence"][cell["strongest"]]
            listed = ", ".join(pick(knowledge.intervention(i["id"])["name"], lang) for i in cell["interventions"])
            mark = "" if not cell["gap"] else _t(lang, " · ingen dokumenteret", " · none documented")
            row.append(Styled(f"{best}{mark}: {listed}", cell["strongest"]))
        rows.append(row)
    doc.add(Table(
        [Column(_t(lang, "Målgruppe", "Target group"), ratio=1, min_width=10)]
        + [Column(n["phase"][p], ratio=2) for p in knowledge.phase_ids],
        rows, title=_t(lang, "Evidenskort: målgruppe × forebyggelsesfase", "Evidence gap map: target group × prevention phase"),
        caption=_t(lang, "Hver celle: stærkeste evidens og indsatserne. Hul = ingen indsats med dokumenteret effekt.",
                   "Each cell: strongest evidence, then the interventions. Gap = no intervention with documented effect."),
    ))
    gaps = sum(1 for c in cells if c["gap"])
    doc.add(Paragraph(_t(lang, f"{gaps} af {len(cells)} celler har ingen indsats med dokumenteret effekt.",
                         f"{gaps} of {len(cells)} cells have no intervention with documented effect."), style="warn"))
    return doc
