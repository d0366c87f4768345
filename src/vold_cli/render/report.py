"""The planning brief: one document a coordinator can hand to a manager, built from the same blocks as the
individual commands so the report never says something the commands do not."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import __version__
from ..kb import KnowledgeBase
from ..lang import pick
from ..lang import tr as _t
from ..query import evidence_map, filter_interventions, law_label, short_ref
from .blocks import BulletList, Column, Document, Fields, Heading, Notes, Paragraph, Styled, Table
from .common import evidence_cell, names, tried_text
from .documentation import documentation_doc
from .evidence import map_doc
from .implementation import implementation_doc
from .localize import attribution, when

if TYPE_CHECKING:
    from ..check import CheckResult
from .estimate import (
    benchmark_blocks,
    caveat_blocks,
    chart_block,
    cost_blocks,
    expectation_blocks,
    figure_blocks,
    title_text,
)


def _interventions(knowledge: KnowledgeBase, lang: str) -> list[Any]:
    n = names(knowledge, lang)
    levels = {lv["id"]: lv for lv in knowledge.evidence["levels"]}
    blocks: list[Any] = [Paragraph(_t(
        lang, "Indsatserne står efter forebyggelsesfase og med den stærkeste evidens først. Kolonnen 'Det betyder' "
              "siger, hvad evidensniveauet lægger op til.",
        "Interventions by prevention phase, strongest evidence first. The column 'What to do' says what the "
        "evidence level suggests."))]
    for phase in knowledge.phase_ids:
        items = filter_interventions(knowledge, phases=[phase], lang=lang)
        blocks.append(Table(
            [Column(_t(lang, "Indsats", "Intervention"), ratio=3), Column(_t(lang, "Evidens", "Evidence"), ratio=1),
             Column(_t(lang, "Det betyder", "What to do"), ratio=3), Column(_t(lang, "Afprøvet i DK", "Tried in DK"))],
            [[Styled(pick(i["name"], lang), "strong"), evidence_cell(knowledge, i["evidence"], lang),
              pick(levels[i["evidence"]]["action"], lang), tried_text(i["tried_in_denmark"], lang)] for i in items],
            title=n["phase"][phase],
        ))
    weakest = knowledge.evidence_ids[-1]  # not recommended: the bottom of the scale
    avoid = [i for i in knowledge.interventions["interventions"] if i["evidence"] == weakest]
    if avoid:
        blocks.append(Notes([f"{pick(i['name'], lang)}: {pick(i['evidence_reason'], lang)}" for i in avoid],
                            title=_t(lang, "Brug ikke", "Do not use")))
    return blocks


def _law(knowledge: KnowledgeBase, lang: str) -> list[Any]:
    entries = knowledge.law["entries"]
    blocks: list[Any] = [Table(
        [Column(_t(lang, "Henvisning", "Reference"), ratio=1), Column(_t(lang, "Indhold", "Provides"), ratio=3),
         Column(_t(lang, "For kommunen", "For the municipality"), ratio=2)],
        [[Styled(law_label(knowledge, e), "strong"), pick(e["provides"], lang), pick(e["municipality"], lang)]
         for e in entries],
        title=_t(lang, "Ifølge notatet (2013)", "According to the note (2013)"),
    )]
    changes = []
    for act in knowledge.law["acts"]:
        for change in act["changes_since"]:
            changes.append(f"{act['name']} — {when(change.get('date'), lang)}: {pick(change['text'], lang)} "
                           f"({attribution(change.get('authority'), change['reported_by'], lang)})")
        for entry in (e for e in entries if e["act"] == act["id"]):
            for change in entry["changes_since"]:
                changes.append(f"{law_label(knowledge, entry)} — {when(change.get('date'), lang)}: "
                               f"{pick(change['text'], lang)} "
                               f"({attribution(change.get('authority'), change['reported_by'], lang)})")
    if changes:
        blocks.append(Notes(changes, title=_t(lang, "Ændret siden notatet — ikke fra notatet (kilde: data/after-the-note.md)",
                                              "Changed since the note — not from the note (source: data/after-the-note.md)")))
    blocks.append(Paragraph(_t(lang, "Detaljer: vold law ", "Details: vold law ")
                            + ", ".join(short_ref(knowledge, e) for e in entries), style="muted"))
    return blocks


def _initiatives(knowledge: KnowledgeBase, lang: str) -> list[Any]:
    items = knowledge.initiatives["initiatives"]
    return [Paragraph(pick(knowledge.initiatives["intro"], lang)), Table(
        [Column(_t(lang, "Initiativ", "Initiative"), ratio=3), Column(_t(lang, "Periode", "Period")),
         Column(_t(lang, "Formål", "Purpose"), ratio=3), Column(_t(lang, "Kontakt", "Contact"), ratio=2)],
        [[Styled(pick(i["name"], lang), "strong"), i["period"] or "—", pick(i["purpose"], lang), ", ".join(i["contacts"])]
         for i in items],
    )]


def _sources(knowledge: KnowledgeBase, lang: str, today: str) -> list[Any]:
    meta = knowledge.meta
    title = pick(meta["title"], "da")
    cite = _t(lang,
              f"Citér som: {meta['publisher']} ({meta['year']}): {title}. Udtræk med vold {__version__} "
              f"(vidensbase {meta['knowledge_base_version']}) den {today}.",
              f"Cite as: {meta['publisher']} ({meta['year']}): {title}. Extracted with vold {__version__} "
              f"(knowledge base {meta['knowledge_base_version']}) on {today}.")
    data = [f"{pick(d['title'], lang)}: {pick(d['attribution'], lang)} ({d['date']}; {d['file']})"
            for d in meta["data_sources"]]
    return [
        Fields([
            (_t(lang, "Kilde", "Source"), f"{meta['publisher']} ({meta['year']}): {pick(meta['title'], lang)}"),
            (_t(lang, "Metode", "Method"), pick(meta["method"], lang)),
            (_t(lang, "Opdatering", "Updates"), _t(lang, f"Notatet opdateres hvert {meta['update_interval_years']}. år.",
                                                    f"The note is updated every {meta['update_interval_years']} years.")),
            (_t(lang, "Vidensbasens version", "Knowledge base version"), meta["knowledge_base_version"]),
            (_t(lang, "Rapportens dato", "Date of report"), today),
        ]),
        BulletList(data, title=_t(lang, "Data uden for notatet", "Data from outside the note")),
        Paragraph(cite, style="strong"),
    ]


def report_document(knowledge: KnowledgeBase, result: dict[str, Any], lang: str, today: str,
                    offers: CheckResult | None = None) -> Document:
    """The brief in the order a manager reads it: who, how many, what works, gaps, law, how, cost, who else.
    `offers` (a check.CheckResult from `vold report --offers FILE`) adds the municipality's own offers."""
    doc = Document()
    doc.add(Heading(_t(lang, "Planlægningsgrundlag: vold i nære relationer", "Planning brief: violence in close relationships")))
    doc.add(Paragraph(title_text(result, lang), style="strong"))
    doc.add(Paragraph(_t(lang, f"Grundlag: {knowledge.meta['publisher']}s vidensnotat ({knowledge.meta['year']}). "
                               f"Udarbejdet {today}.",
                         f"Based on {knowledge.meta['publisher']}'s knowledge note ({knowledge.meta['year']}). "
                         f"Prepared {today}."), style="muted"))

    doc.add(Heading(_t(lang, "1. Skøn over antal berørte", "1. Estimated number affected"), 2))
    doc.blocks += figure_blocks(knowledge, result, lang)
    doc.add(chart_block(result, lang))
    doc.blocks += expectation_blocks(result, lang)
    doc.blocks += benchmark_blocks(knowledge, result, lang)
    doc.blocks += caveat_blocks(result, lang)

    doc.add(Heading(_t(lang, "2. Indsatser og evidens", "2. Interventions and evidence"), 2))
    doc.blocks += _interventions(knowledge, lang)

    doc.add(Heading(_t(lang, "3. Evidenskort", "3. Evidence gap map"), 2))
    doc.blocks += map_doc(knowledge, evidence_map(knowledge), lang).blocks

    doc.add(Heading(_t(lang, "4. Lovgivning", "4. Law"), 2))
    doc.blocks += _law(knowledge, lang)

    doc.add(Heading(_t(lang, "5. Implementeringsstrategier", "5. Implementation strategies"), 2))
    doc.blocks += [b for b in implementation_doc(knowledge, "strategies", lang).blocks if not isinstance(b, Heading)]

    doc.add(Heading(_t(lang, "6. Dokumentation: mål og indikatorer", "6. Documentation: goals and indicators"), 2))
    doc.blocks += documentation_doc(knowledge, lang).blocks

    doc.add(Heading(_t(lang, "7. Økonomi", "7. Costs"), 2))
    doc.blocks += cost_blocks(result, lang)

    doc.add(Heading(_t(lang, "8. Igangværende initiativer og kontakter", "8. Ongoing initiatives and contacts"), 2))
    doc.blocks += _initiatives(knowledge, lang)

    if offers is not None:
        from .check import check_blocks

        doc.add(Heading(_t(lang, "Kommunens egne tilbud holdt op mod notatet", "The municipality's own offers against the note"), 2))
        doc.blocks += check_blocks(offers, lang, level=3)

    doc.add(Heading(_t(lang, "9. Kilder", "9. Sources"), 2))
    doc.blocks += _sources(knowledge, lang, today)
    doc.data = {"population": result["population"], "municipality": result["municipality"], "date": today}
    return doc

