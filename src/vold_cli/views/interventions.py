"""`vold interventions`: the list by prevention phase, and one intervention in full."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vold_cli.core.query import related_initiatives, short_ref
from vold_cli.i18n.bilingual import Bilingual
from vold_cli.i18n.lang import pick
from vold_cli.i18n.lang import tr as _t
from vold_cli.output.blocks import (
    Block,
    Cell,
    Column,
    Document,
    Fields,
    Heading,
    Lines,
    Paragraph,
    Styled,
    Table,
)
from vold_cli.views.common import (
    design_text,
    evidence_cell,
    labelled,
    localize,
    localize_record,
    names,
    refs_text,
    source_text,
    tried_text,
)

if TYPE_CHECKING:
    import datetime

    from vold_cli.core.results import Filters
    from vold_cli.kb.facade import KnowledgeBase
    from vold_cli.kb.schema import Declaration, Intervention, LaterIntervention
    from vold_cli.views.pages import Detail, Entry, Listing
    from vold_cli.views.records import FigureRecord

def interventions_list(knowledge: KnowledgeBase, items: list[Intervention], lang: str,
                       filters: Filters) -> Document:
    n = names(knowledge, lang)
    doc = Document(data=lambda: labelled([localize(item, lang) for item in items], knowledge, lang))
    from vold_cli.views.names import filters as filters_text

    applied = filters_text(filters, lang, knowledge)
    title = _t(lang, "Indsatser", "Interventions") + (f" ({applied})" if applied else "")
    if not items:
        doc.add(Paragraph(_t(lang, f"Ingen indsatser passer til filtrene: {applied}.",
                             f"No interventions match the filters: {applied}.")))
        return doc
    doc.add(Paragraph(pick(knowledge.interventions["intro"], lang)))
    for phase in knowledge.phase_ids:  # one table per prevention phase: the list is sorted by phase already
        members = [i for i in items if phase in i["phases"]]
        if not members:
            continue
        doc.add(Table(
            [Column(_t(lang, "Indsats (id)", "Intervention (id)"), ratio=3),
             Column(_t(lang, "Målgrupper", "Target groups"), ratio=2),
             Column(_t(lang, "Evidens", "Evidence"), ratio=2),
             Column(_t(lang, "Afprøvet i DK", "Tried in DK"), ratio=1)],
            [[Lines([Styled(pick(i["name"], lang), "strong"), Styled(i["id"], "muted")]),
              ", ".join(n["target"][t] for t in i["target_groups"]),
              evidence_cell(knowledge, i["evidence"], lang, i["designs"]),
              tried_text(i["tried_in_denmark"], lang)] for i in members],
            title=f"{title}: {n['phase'][phase]}",
        ))
    statements = knowledge.interventions["statements"]
    if statements:
        doc.add(Paragraph(_t(lang, "Notatet om evidensen generelt:", "The note on the evidence in general:"), style="strong"))
        doc.add(*[Paragraph(pick(s["text"], lang)) for s in statements])
    if not filters:  # the list of the note's interventions, unfiltered: those not in the note follow it
        doc.blocks += not_in_note_blocks(knowledge, lang)
    doc.add(Paragraph(_t(lang, f"{len(items)} indsatser. Vis én: vold interventions ID",
                         f"{len(items)} interventions. Show one: vold interventions ID"), style="muted"))
    return doc


def not_in_note_blocks(knowledge: KnowledgeBase, lang: str) -> list[Block]:
    """The interventions known only from sources after the note, marked as not in the note and not graded."""
    later = knowledge.interventions["not_in_note"]
    if not later:
        return []
    return [Table(
        [Column(_t(lang, "Indsats (id)", "Intervention (id)"), ratio=2), Column(_t(lang, "Hvad", "What"), ratio=5)],
        [[Lines([Styled(pick(i["name"], lang), "strong"), Styled(i["id"], "muted")]), pick(i["summary"], lang)]
         for i in later],
        title=_t(lang, "Ikke i notatet: indsatser kendt fra kilder efter notatet (uden notatets vurdering)",
                 "Not in the note: interventions known from sources after it (without the note's grade)"),
        caption=_t(lang, "Vis én: vold interventions ", "Show one: vold interventions ")
        + ", ".join(i["id"] for i in later))]


def intervention_view(knowledge: KnowledgeBase, item: Intervention, lang: str) -> Document:
    n = names(knowledge, lang)
    level = knowledge.evidence_level(item["evidence"])
    initiatives = related_initiatives(knowledge, item)
    law = knowledge.law_entries(item["law"])
    data = localize_record(item, lang) | {
        "evidence_name": pick(level["name"], lang),
        "design_label": design_text(item["designs"], lang),
        "evidence_action": pick(level["action"], lang),
        "related_initiatives": [{"id": i["id"], "name": pick(i["name"], lang)} for i in initiatives],
        "related_law": [{"id": e["id"], "ref": short_ref(knowledge, e), "title": pick(e["title"], lang)} for e in law],
        "source_text": source_text(knowledge, item["source"], lang),
    }
    data.update(_in_time_data(knowledge, item, lang))
    doc = Document(data=lambda: labelled(data, knowledge, lang))
    doc.add(Heading(pick(item["name"], lang)))
    pairs: list[tuple[str, Cell]] = [
        ("id", item["id"]),
        (_t(lang, "Forebyggelsesfase", "Prevention phase"), ", ".join(n["phase"][p] for p in item["phases"])),
        (_t(lang, "Målgrupper", "Target groups"), ", ".join(n["target"][t] for t in item["target_groups"])),
        (_t(lang, "Hvad det er", "What it is"), pick(item["summary"], lang)),
    ]
    if item.get("delivery"):
        pairs.append((_t(lang, "Levering", "Delivery"), pick(item["delivery"], lang)))
    pairs += [
        (_t(lang, "Evidens", "Evidence"), evidence_cell(knowledge, item["evidence"], lang, item["designs"])),
        (_t(lang, "Begrundelse", "Reason"), pick(item["evidence_reason"], lang)),
        (_t(lang, "Notatet siger", "What the note says"), Styled(note_says(knowledge, item, lang), "strong")),
        (_t(lang, "Undersøgelsesdesign", "Study design"), pick(item["study_design"], lang)),
        (_t(lang, "Undersøgt i", "Studied in"), pick(item["studied_in"], lang)),
        (_t(lang, "Afprøvet i Danmark", "Tried in Denmark"), tried_text(item["tried_in_denmark"], lang)),
    ]
    if item["providers"]:
        pairs.append((_t(lang, "Danske udbydere", "Danish providers"), ", ".join(item["providers"])))
    if law:
        pairs.append((_t(lang, "Lovgivning", "Law"),
                      "; ".join(f"{pick(e['title'], lang)} (vold law {short_ref(knowledge, e)})" for e in law)))
    if initiatives:
        pairs.append((_t(lang, "Initiativer", "Initiatives"),
                      "; ".join(f"{pick(i['name'], lang)} (vold initiatives {i['id']})" for i in initiatives)))
    pairs.append((_t(lang, "Kilde", "Source"), source_text(knowledge, item["source"], lang)))
    doc.add(Fields(pairs))
    if item["outcomes"]:
        doc.add(Table(
            [Column(_t(lang, "Resultat", "Outcome"), ratio=4),
             Column(_t(lang, "Evidens", "Evidence"), ratio=1, min_width=9),
             Column("ref.", no_wrap=True)],
            [[pick(o["text"], lang), evidence_cell(knowledge, o["evidence"], lang), refs_text(o["refs"])]
             for o in item["outcomes"]],
            title=_t(lang, "Resultater", "Outcomes"),
        ))
    doc.blocks += _in_time_blocks(knowledge, item, lang)
    doc.blocks += declaration_blocks(knowledge, item["declarations"], item["evidence"], lang)
    return doc


def note_says(knowledge: KnowledgeBase, item: Intervention, lang: str) -> str:
    """What the note says about the intervention's level, and what it recommends for this intervention in
    particular (nothing it does not link to it)."""
    level = knowledge.evidence_level(item["evidence"])
    text = pick(level["action"], lang)
    return f"{text} {pick(item['recommendation'], lang)}" if item["recommendation"] else text


_DIMENSIONS = (("target_group", Bilingual("målgruppe", "target group")), ("method", Bilingual("metode", "method")),
               ("implementation", Bilingual("implementering", "implementation")),
               ("effect", Bilingual("effekt", "effect")), ("economy", Bilingual("økonomi", "economy")))


def declaration_scores(declaration: Declaration, lang: str) -> str:
    """'målgruppe A · metode A · implementering C · effekt C · økonomi: ikke fundet'."""
    parts = []
    for key, words in _DIMENSIONS:
        grade = declaration[key]  # type: ignore[literal-required]
        name = pick(words, lang)
        parts.append(f"{name} {grade}" if grade else f"{name}: " + _t(lang, "ikke fundet", "not found"))
    return " · ".join(parts)


def declaration_blocks(knowledge: KnowledgeBase, declarations: list[Declaration], evidence: str | None,
                       lang: str) -> list[Block]:
    """Vidensportalen's later ratings, dated and apart from the note's grade, never converted into its levels."""
    if not declarations:
        return []
    from vold_cli.i18n.localize import date
    from vold_cli.views.common import data_cite

    grade = (_t(lang, " Notatets vurdering er stadig: ", " The note's grade stays: ")
             + pick(knowledge.evidence_name(evidence), lang) + ".") if evidence else ""
    return [Table(
        [Column(_t(lang, "Vurderet", "Rated"), ratio=2), Column(_t(lang, "Scorer (A bedst, D dårligst)",
                                                                    "Scores (A best, D worst)"), ratio=3),
         Column(_t(lang, "Om vurderingen", "About the rating"), ratio=4)],
        [[Lines([Styled(pick(d["subject"], lang), "strong"), Styled(date(d["date"], lang), "muted")]),
          declaration_scores(d, lang), pick(d["text"], lang)] for d in declarations],
        title=_t(lang, "Vidensportalens vidensdeklaration — efter notatet, ikke fra notatet",
                 "Vidensportalen's knowledge declaration — after the note, not from the note"),
        caption=_t(lang, "En senere og selvstændig vurdering i fem dimensioner (A-D); den omsættes ikke til notatets "
                         "niveauer.", "A later, separate rating on five dimensions (A-D); it is not converted into the "
                         "note's levels.") + grade + " " + _t(lang, "Kilde: ", "Source: ")
        + "; ".join(dict.fromkeys(data_cite(knowledge, d["source"], lang) for d in declarations)) + ".",
    )]


def later_view(knowledge: KnowledgeBase, item: LaterIntervention, lang: str) -> Document:
    """An intervention the note does not discuss (`vold interventions cti`): marked so, with no grade."""
    n = names(knowledge, lang)
    data = localize_record(item, lang) | {"in_note": False, "evidence": None,
                                          "source_text": source_text(knowledge, item["source"], lang)}
    doc = Document(data=lambda: labelled(data, knowledge, lang))
    doc.add(Heading(pick(item["name"], lang) + _t(lang, " — ikke i notatet", " — not in the note")))
    doc.add(Fields([
        ("id", item["id"]),
        (_t(lang, "Målgrupper", "Target groups"), ", ".join(n["target"][t] for t in item["target_groups"])),
        (_t(lang, "Hvad det er", "What it is"), pick(item["summary"], lang)),
        (_t(lang, "Fund", "Finding"), pick(item["finding"], lang)),
        (_t(lang, "Evidens (notatets skala)", "Evidence (the note's scale)"),
         Styled(_t(lang, "ingen: indsatsen er ikke i notatet", "none: the intervention is not in the note"), "muted")),
        (_t(lang, "Kilde", "Source"), source_text(knowledge, item["source"], lang)),
    ], title=_t(lang, "Efter notatet — ikke fra notatet", "After the note — not from the note")))
    doc.blocks += declaration_blocks(knowledge, item["declarations"], None, lang)
    return doc


# --- what changed after the note, and the newer figures for the group (render/newer.py) -----------------------

def _newer_figure_ids(item: Intervention) -> list[str]:
    """The note's figure a men's entry (people exposed to violence, men) is compared with in newer figures."""
    from vold_cli.views.newer import MEN

    groups = set(item["target_groups"])
    return [MEN] if {"victims", "men"} <= groups else []


def _in_time_data(knowledge: KnowledgeBase, item: Intervention, lang: str) -> dict[str, list[FigureRecord]]:
    from vold_cli.views.newer import figure_records

    ids = _newer_figure_ids(item)
    return {"newer_figures": [r for i in ids for r in figure_records(knowledge, i, lang)]} if ids else {}


def _in_time_blocks(knowledge: KnowledgeBase, item: Intervention, lang: str) -> list[Block]:
    from vold_cli.views.newer import after_note_blocks, figures_table

    return after_note_blocks(knowledge, item["after_note"], lang) + figures_table(knowledge, _newer_figure_ids(item), lang)


# --- what search reads of this view (views/pages.py) ---------------------------------------------------------

def _page(knowledge: KnowledgeBase, lang: str, today: datetime.date) -> Document:
    from vold_cli.core.query import applied_filters, filter_interventions

    filters = applied_filters(phases=[], targets=[], evidence=[], min_evidence=None, tried_in_denmark=None,
                              search=None)
    return interventions_list(knowledge, filter_interventions(knowledge, name=lambda i: pick(i["name"], lang)), lang, filters)


def _entry_page(knowledge: KnowledgeBase, entry: Entry, lang: str, today: datetime.date) -> Document:
    return intervention_view(knowledge, knowledge.intervention(str(entry["id"])), lang)


PAGES: dict[str, Listing] = {"vold interventions": _page}
ENTRY_PAGES: dict[str, tuple[str, Detail]] = {"vold interventions {id}": ("interventions", _entry_page)}
