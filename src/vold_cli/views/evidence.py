"""`vold evidence` and `vold map`: the evidence scale, and the gap map of target group × prevention phase.

Wherever a grade is shown, it is the intervention's OWN level, as a mark and a word, with the design beside it
(render/common.grade_text). The map's cells never put an intervention under another's level: each line of a cell is
one intervention with its own grade, and the cell's gap summary stands on a line of its own."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vold_cli.core.query import evidence_counts
from vold_cli.i18n.lang import pick
from vold_cli.i18n.lang import tr as _t
from vold_cli.output.blocks import Cell, Column, Document, Lines, Paragraph, Styled, Table
from vold_cli.views.common import (
    MARKS,
    design_text,
    evidence_cell,
    grade_text,
    labelled,
    localize_record,
    names,
)

if TYPE_CHECKING:
    import datetime

    from vold_cli.core.results import MapCell
    from vold_cli.kb.facade import KnowledgeBase
    from vold_cli.views.pages import Listing
    from vold_cli.views.records import MapItem, MapRecord

def legend(knowledge: KnowledgeBase, lang: str) -> str:
    """'● Dokumenteret effekt, ◐ Lovende, …': what each mark stands for."""
    return ", ".join(f"{MARKS[lv]} {pick(knowledge.evidence_name(lv), lang)}" for lv in knowledge.evidence_ids if lv in MARKS)


def evidence_doc(knowledge: KnowledgeBase, lang: str) -> Document:
    counts = evidence_counts(knowledge)
    scale = [knowledge.evidence_level(level) for level in counts]  # strongest first
    members = {lv["id"]: [i for i in knowledge.interventions["interventions"] if i["evidence"] == lv["id"]]
               for lv in scale}
    doc = Document(data=[localize_record(lv, lang) | {
        "interventions": counts[lv["id"]],
        "members": [{"id": i["id"], "name": pick(i["name"], lang), "designs": list(i["designs"]),
                     "design_label": design_text(i["designs"], lang)} for i in members[lv["id"]]],
    } for lv in scale])
    doc.add(Paragraph(pick(knowledge.evidence["intro"], lang)))
    doc.add(Table(
        [Column(_t(lang, "Niveau", "Level"), ratio=1, min_width=10),
         Column(_t(lang, "Kriterier", "Criteria"), ratio=3),
         Column(_t(lang, "Notatet siger", "What the note says"), ratio=2),
         Column("#", justify="right", no_wrap=True)],
        [[evidence_cell(knowledge, lv["id"], lang), pick(lv["criteria"], lang), pick(lv["action"], lang),
          str(counts[lv["id"]])] for lv in scale],
        title=_t(lang, "Evidensskala (stærkest først)", "Evidence scale (strongest first)"),
        caption=_t(lang, "#: antal indsatser på niveauet. Filtrér: vold interventions --min-evidence promising",
                   "#: number of interventions at the level. Filter: vold interventions --min-evidence promising"),
    ))
    rows: list[list[Cell]] = []
    for lv in scale:
        for item in members[lv["id"]]:
            rows.append([evidence_cell(knowledge, lv["id"], lang),
                         Lines([Styled(pick(item["name"], lang), "strong"), Styled(item["id"], "muted")]),
                         design_text(item["designs"], lang)])
    doc.add(Table(
        [Column(_t(lang, "Niveau", "Level"), ratio=1, min_width=10),
         Column(_t(lang, "Indsats (id)", "Intervention (id)"), ratio=3),
         Column(_t(lang, "Design, som notatet oplyser det", "Design, as the note states it"), ratio=2)],
        rows, title=_t(lang, "Indsatserne på hvert niveau, med designet ved siden af",
                       "The interventions at each level, with the design beside it"),
        caption=_t(lang, "Niveau og design er to forskellige ting: niveauet følger notatets omtale, designet er "
                         "undersøgelsernes, som notatet oplyser det. Se én: vold interventions ID",
                   "Level and design are two separate things: the level follows how the note speaks of the "
                   "intervention, the design is that of the studies as the note states it. Show one: "
                   "vold interventions ID"),
    ))
    return doc


def map_records(knowledge: KnowledgeBase, cells: list[MapCell], lang: str) -> list[MapRecord]:
    """The map's JSON: per cell its interventions, each with its own level (id and label) and designs; the gap flag
    and the strongest level are the cell's summary, apart from the list."""
    out: list[MapRecord] = []
    for cell in cells:
        items: list[MapItem] = []
        for entry in cell["interventions"]:
            item = knowledge.intervention(entry["id"])
            items.append({"id": item["id"], "name": pick(item["name"], lang), "level": item["evidence"],
                          "level_label": pick(knowledge.evidence_name(item["evidence"]), lang),
                          "not_recommended": item["evidence"] == "not-recommended",
                          "designs": list(item["designs"]), "design_label": design_text(item["designs"], lang)})
        out.append({"id": f"{cell['target_group']}/{cell['phase']}", "target_group": cell["target_group"],
                    "phase": cell["phase"], "interventions": items, "strongest": cell["strongest"],
                    "gap": cell["gap"]})
    return out


def gap_text(lang: str) -> str:
    return _t(lang, "Hul: ingen indsats med dokumenteret effekt", "Gap: no intervention with documented effect")


def map_doc(knowledge: KnowledgeBase, cells: list[MapCell], lang: str, *, groups_table: bool = True) -> Document:
    """The map; `groups_table` adds who each target group is (`vold map`; the printed report leaves it out)."""
    n = names(knowledge, lang)
    records = map_records(knowledge, cells, lang)
    doc = Document(data=lambda: labelled(records, knowledge, lang), table=("cells", "cells.interventions"))
    groups = [t["id"] for t in knowledge.target_groups["target_groups"]]
    rows: list[list[Cell]] = []
    for group in groups:
        row: list[Cell] = [Styled(n["target"][group], "strong")]
        for phase in knowledge.phase_ids:
            cell = next(c for c in records if c["target_group"] == group and c["phase"] == phase)
            if not cell["interventions"]:
                row.append(Styled(_t(lang, "— ingen indsats (hul)", "— none (gap)"), "gap"))
                continue
            # one line per intervention, styled and named by its own level; the gap summary on a line of its own
            parts: list[str | Styled] = [Styled(f"{MARKS[i['level']]} {i['name']} "
                                       f"({grade_text(knowledge, i['level'], i['designs'], lang, with_mark=False)})",
                                       i["level"]) for i in cell["interventions"]]
            if cell["gap"]:
                parts.append(Styled(gap_text(lang), "gap"))
            row.append(Lines(parts))
        rows.append(row)
    doc.add(Table(
        [Column(_t(lang, "Målgruppe", "Target group"), ratio=1, min_width=10)]
        + [Column(n["phase"][p], ratio=2) for p in knowledge.phase_ids],
        rows, title=_t(lang, "Evidenskort: målgruppe × forebyggelsesfase", "Evidence gap map: target group × prevention phase"),
        caption=_t(lang, f"Hver linje: én indsats med sit eget evidensniveau og design ({legend(knowledge, lang)}). "
                         "Hul = ingen indsats i cellen har dokumenteret effekt.",
                   f"Each line: one intervention with its own evidence level and design ({legend(knowledge, lang)}). "
                   "Gap = no intervention in the cell has documented effect."),
    ))
    if groups_table:
        doc.add(Table(
            [Column(_t(lang, "Målgruppe", "Target group"), ratio=1), Column(_t(lang, "Hvem", "Who"), ratio=3)],
            [[Styled(pick(t["name"], lang), "strong"), pick(t["description"], lang)]
             for t in knowledge.target_groups["target_groups"]],
            title=_t(lang, "Målgrupperne", "The target groups")))
    gaps = sum(1 for c in cells if c["gap"])
    doc.add(Paragraph(_t(lang, f"{gaps} af {len(cells)} celler har ingen indsats med dokumenteret effekt.",
                         f"{gaps} of {len(cells)} cells have no intervention with documented effect."), style="warn"))
    return doc


# --- what search reads of this view (views/pages.py) ---------------------------------------------------------

def _scale_page(knowledge: KnowledgeBase, lang: str, today: datetime.date) -> Document:
    return evidence_doc(knowledge, lang)


def _map_page(knowledge: KnowledgeBase, lang: str, today: datetime.date) -> Document:
    from vold_cli.core.query import evidence_map

    return map_doc(knowledge, evidence_map(knowledge, lambda i: pick(i["name"], lang)), lang)


PAGES: dict[str, Listing] = {"vold evidence": _scale_page, "vold map": _map_page}
