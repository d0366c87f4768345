"""Blocks shared by the views that link the note to what came after it: the note's national figure for a group
beside the newer national figures (prevalence `newer_figures` with `compares_with`), and an entry's dated items
after the note (`after_note`). Kept apart from the note's own text and marked as not from the note."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vold_cli.core.query import data_file
from vold_cli.i18n.bilingual import Bilingual
from vold_cli.i18n.lang import pick
from vold_cli.i18n.lang import tr as _t
from vold_cli.i18n.localize import number as fmt_int
from vold_cli.i18n.localize import percent as fmt_pct
from vold_cli.output.blocks import Block, Cell, Column, Notes, Styled, Table
from vold_cli.views.common import data_title

if TYPE_CHECKING:
    from vold_cli.kb.facade import KnowledgeBase
    from vold_cli.kb.schema import Change
    from vold_cli.views.records import FigureRecord

#: The note's figures the profile and the men's entries compare with newer figures.
MEN = "men-physical-partner-violence"
WOMEN = "women-physical-partner-violence"

_MEASURE = {"physical": Bilingual("fysisk", "physical"),
            "physical-or-psychological": Bilingual("fysisk og/eller psykisk (bredere mål)",
                                                   "physical and/or psychological (broader measure)")}


def figure_records(knowledge: KnowledgeBase, figure_id: str, lang: str) -> list[FigureRecord]:
    """The note's national figure and the newer ones that compare with it, oldest first (for JSON)."""
    from vold_cli.core.newer import newer_for

    fig = next((f for f in knowledge.prevalence["figures"] if f["id"] == figure_id), None)
    if fig is None:
        return []
    year = int(knowledge.prevalence["reference_population"]["date"][:4])
    out: list[FigureRecord] = [{"id": fig["id"], "year": year, "from_note": True, "measure": "physical",
                                  "label": pick(fig["label"], lang), "national": fig["value"], "percent": None,
                                  "source": "note", "source_title": _t(lang, "notatet", "the note")}]
    out += [{"id": n["id"], "year": n["year"], "from_note": False, "measure": n["measure"],
             "label": pick(n["label"], lang), "national": n["value"], "percent": n["percent"],
             "source": data_file(knowledge, n["source"]),
             "source_title": data_title(knowledge, n["source"], lang)} for n in newer_for(knowledge, figure_id)]
    return out


def figures_table(knowledge: KnowledgeBase, figure_ids: list[str], lang: str) -> list[Block]:
    """Per group, one row per year and measure: the note's figure (2013) and the newer national figures,
    unscaled."""
    blocks: list[Block] = []
    for figure_id in figure_ids:
        records = figure_records(knowledge, figure_id, lang)
        fig = next((f for f in knowledge.prevalence["figures"] if f["id"] == figure_id), None)
        if len(records) < 2 or fig is None:
            continue
        rows: list[list[Cell]] = []
        for item in records:
            measure = pick(_MEASURE.get(item["measure"] or "physical"), lang)
            share = f" ({fmt_pct(item['percent'], lang, 1)})" if item["percent"] is not None else ""
            # a note's figure given as a range has no single value: a dash (only a --kb folder can have one here)
            national = "—" if item["national"] is None else f"ca. {fmt_int(item['national'], lang)}"
            rows.append([str(item["year"]) + (_t(lang, " (notatet)", " (the note)") if item["from_note"] else ""),
                         measure, Styled(f"{national}{share}", "strong"),
                         item["source_title"]])
        unit = pick(fig["unit"], lang)
        group = unit[:1].upper() + unit[1:]
        blocks.append(Table(
            [Column(_t(lang, "År", "Year"), no_wrap=True), Column(_t(lang, "Partnervold", "Partner violence"), ratio=3),
             Column(_t(lang, "Antal pr. år, landsplan", "Number per year, national"), justify="right", no_wrap=True),
             Column(_t(lang, "Kilde", "Source"), ratio=2)],
            rows,
            title=_t(lang, f"{group} udsat for partnervold: notatets tal og nyere landstal (nyere: ikke fra notatet)",
                     f"{group} exposed to partner violence: the note's figure and newer national figures "
                     "(newer: not from the note)"),
            caption=_t(lang, "De nyere tal kommer fra hver sin undersøgelsesrunde; tallene for 2021 blev indsamlet "
                             "under covid-19. Skaleret til en kommune: vold estimate.",
                       "The newer figures come from separate survey rounds; the 2021 figures were collected during "
                       "COVID-19. Scaled to a municipality: vold estimate."),
        ))
    return blocks


def after_note_blocks(knowledge: KnowledgeBase, changes: list[Change], lang: str) -> list[Block]:
    """An entry's items after the note, dated and in date order, apart from the note's text."""
    from vold_cli.core.newer import sorted_changes

    if not changes:
        return []
    from vold_cli.i18n.localize import attribution, when

    return [Notes([f"{when(c['date'], lang)}: {pick(c['text'], lang)} "
                   f"({attribution(c['authority'], c['reported_by'], lang)}; "
                   f"{data_title(knowledge, c['source'], lang) or _t(lang, 'notatet', 'the note')})"
                   for c in sorted_changes(changes)],
                  title=_t(lang, "Efter notatet — ikke fra notatet", "After the note — not from the note"))]
