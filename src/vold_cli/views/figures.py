"""`vold figures`: every national figure of the note with the note's own reservation beside it (“godt 29.000”,
“det antages”, stays are not distinct persons), the note's worked examples and caveats, the newer figures published
after the note (apart from the note's own) and the planning benchmarks from outside the note. `vold estimate` scales
the figures; this view shows what the knowledge base says about each one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vold_cli.i18n.lang import pick
from vold_cli.i18n.lang import tr as _t
from vold_cli.i18n.localize import number as fmt_int
from vold_cli.output.blocks import (
    Block,
    BulletList,
    Cell,
    Column,
    Document,
    Lines,
    Notes,
    Paragraph,
    Styled,
    Table,
)
from vold_cli.views.common import localize, localize_record

if TYPE_CHECKING:
    from vold_cli.kb.facade import KnowledgeBase
    from vold_cli.kb.schema import Figure
    from vold_cli.views.pages import Listing

def _value(figure: Figure, lang: str) -> str:
    approx = {"about": _t(lang, "ca. ", "about "), "just-under": _t(lang, "knap ", "just under "),
              "just-over": _t(lang, "godt ", "just over ")}.get(str(figure["approx"]), "")
    if figure["value"] is not None:
        return approx + fmt_int(figure["value"], lang)
    if figure["low"] is not None and figure["high"] is not None:
        return f"{approx}{fmt_int(figure['low'], lang)}–{fmt_int(figure['high'], lang)}"
    return "—"


def figures_doc(knowledge: KnowledgeBase, lang: str) -> Document:
    prevalence = knowledge.prevalence
    benchmarks = knowledge.benchmarks["benchmarks"]
    stats = prevalence["crisis_centre_statistics"]
    doc = Document(data={**localize_record(prevalence, lang), "benchmarks": localize(benchmarks, lang),
                         "crisis_centre_counts": localize(stats["counts"], lang) if stats else []},
                   table=("figures", "newer_figures", "broader_figures", "crisis_centre_counts", "benchmarks"))
    reference = prevalence["reference_population"]
    doc.add(Paragraph(pick(reference["description"], lang)))
    doc.add(Table(
        [Column(_t(lang, "Tal i notatet", "Figure in the note"), ratio=3),
         Column(_t(lang, "Værdi", "Value"), justify="right", no_wrap=True),
         Column(_t(lang, "Notatets forbehold", "The note's reservation"), ratio=4)],
        [[Lines([Styled(pick(f["label"], lang), "strong"), Styled(pick(f["group"], lang), "muted")]),
          f"{_value(f, lang)} {pick(f['unit'], lang)} {pick(f['period'], lang)}".strip(),
          pick(f["note"], lang) or "—"] for f in prevalence["figures"]],
        title=_t(lang, "Notatets landstal (2013)", "The note's national figures (2013)"),
        caption=_t(lang, "Skalér til en kommune: vold estimate --population 43000",
                   "Scale to a municipality: vold estimate --population 43000"),
    ))
    if prevalence["worked_examples"]:
        doc.add(BulletList([pick(w["text"], lang) for w in prevalence["worked_examples"]],
                           title=_t(lang, "Notatets regneeksempler", "The note's worked examples")))
    if prevalence["statements"]:
        doc.add(BulletList([pick(s["text"], lang) for s in prevalence["statements"]],
                           title=_t(lang, "Notatet om tallene", "The note on the figures")))
    if prevalence["caveats"]:
        doc.add(Notes([pick(c["text"], lang) for c in prevalence["caveats"]],
                      title=_t(lang, "Forbehold", "Caveats")))
    if prevalence["newer_figures"]:
        rows: list[list[Cell]] = [[Styled(pick(f["label"], lang), "strong"), str(f["year"]), fmt_int(f["value"], lang),
                                  pick(f["text"], lang)] for f in prevalence["newer_figures"]]
        doc.add(Table(
            [Column(_t(lang, "Nyere tal (efter notatet)", "Newer figure (after the note)"), ratio=3),
             Column(_t(lang, "År", "Year"), no_wrap=True), Column(_t(lang, "Antal", "Number"), justify="right"),
             Column(_t(lang, "Om tallet", "About the figure"), ratio=4)],
            rows, title=_t(lang, "Tal offentliggjort efter notatet", "Figures published after the note")))
    if prevalence["newer_caveats"]:
        doc.add(Notes([pick(c["text"], lang) for c in prevalence["newer_caveats"]],
                      title=_t(lang, "Forbehold ved de nyere tal", "Caveats with the newer figures")))
    doc.blocks += broader_blocks(knowledge, lang)
    doc.blocks += crisis_centre_blocks(knowledge, lang)
    if benchmarks:
        doc.add(Table(
            [Column(_t(lang, "Pejlemærke (uden for notatet)", "Benchmark (outside the note)"), ratio=2),
             Column(_t(lang, "Hvad det siger", "What it says"), ratio=4),
             Column(_t(lang, "Status", "Status"), ratio=2)],
            [[Styled(pick(b["name"], lang), "strong"), pick(b["text"], lang), pick(b["status"], lang)]
             for b in benchmarks],
            title=_t(lang, "Pejlemærker", "Benchmarks")))
    return doc


#: What search reads of this view: the command that prints it (views/pages.py).
PAGES: dict[str, Listing] = {"vold figures": lambda knowledge, lang, today: figures_doc(knowledge, lang)}


def broader_blocks(knowledge: KnowledgeBase, lang: str) -> list[Block]:
    """The broader measures (partner violence in four forms), national, apart from the note's physical-violence
    figures and never in a trend with them."""
    from vold_cli.i18n.localize import percent
    from vold_cli.views.common import data_cite

    figures = knowledge.prevalence["broader_figures"]
    if not figures:
        return []
    return [Table(
        [Column(_t(lang, "Bredere mål (efter notatet)", "Broader measure (after the note)"), ratio=3),
         Column(_t(lang, "Antal, landsplan", "Number, national"), justify="right", no_wrap=True),
         Column(_t(lang, "Andel", "Share"), justify="right", no_wrap=True),
         Column(_t(lang, "Grundlag", "Basis"), ratio=3)],
        [[Styled(pick(f["label"], lang), "strong"), _t(lang, "ca. ", "about ") + fmt_int(f["value"], lang),
          percent(f["percent"], lang, 1) if f["percent"] is not None else "—", pick(f["period"], lang)]
         for f in figures],
        title=_t(lang, "Partnervold i fire former (VIVE og Lev Uden Vold): et bredere mål, ikke fra notatet",
                 "Partner violence in four forms (VIVE and Lev Uden Vold): a broader measure, not from the note"),
        caption=_t(lang, "Fysisk, psykisk, seksuel eller økonomisk vold fra en partner. Kan ikke sættes i en udvikling "
                         "med notatets tal for fysisk vold og skaleres ikke. Kilde: ",
                   "Physical, psychological, sexual or economic violence from a partner. Cannot be put in a trend "
                   "with the note's figures for physical violence, and is not scaled. Source: ")
        + "; ".join(dict.fromkeys(data_cite(knowledge, f["source"], lang) for f in figures)) + ".",
    )]


def _count(value: int | None, lang: str) -> str:
    return "—" if value is None else fmt_int(value, lang)


def crisis_centre_blocks(knowledge: KnowledgeBase, lang: str) -> list[Block]:
    """Danmarks Statistik's crisis-centre counts beside the note's ca. 2,000 stays: women (persons), not stays;
    the two releases that differ for 2020 both shown."""
    from vold_cli.views.common import data_cite

    stats = knowledge.prevalence["crisis_centre_statistics"]
    if stats is None:
        return []
    note = next((f for f in knowledge.prevalence["figures"] if f["id"] == stats["compares_with"]), None)
    rows: list[list[Cell]] = []
    if note is not None:
        rows.append([Styled(_t(lang, "Notatet (omkring 2013)", "The note (around 2013)"), "strong"), "—", "—",
                     Styled(_value(note, lang), "strong"), pick(note["note"], lang) or ""])
    for c in stats["counts"]:
        women = _count(c["women"], lang)
        if c["women_other_release"] is not None:
            women += _t(lang, " eller ", " or ") + fmt_int(c["women_other_release"], lang)
        rows.append([Styled(str(c["year"]), "strong"), Styled(women, "strong"), _count(c["children"], lang),
                     _count(c["stays"], lang), pick(c["note"], lang)])
    missing = _t(lang, "— = ikke fundet", "— = not found")
    return [Table(
        [Column(_t(lang, "År", "Year"), no_wrap=True),
         Column(_t(lang, "Kvinder (personer)", "Women (persons)"), justify="right", no_wrap=True),
         Column(_t(lang, "Børn", "Children"), justify="right", no_wrap=True),
         Column(_t(lang, "Ophold", "Stays"), justify="right", no_wrap=True),
         Column(_t(lang, "Bemærkning", "Note"), ratio=3)],
        rows,
        title=_t(lang, "Kvindekrisecentre: notatets ophold og Danmarks Statistiks landstal (efter notatet)",
                 "Women's crisis centres: the note's stays and Statistics Denmark's national counts (after the note)"),
        caption=pick(stats["description"], lang) + " " + " ".join(pick(c["text"], lang) for c in stats["caveats"])
        + f" {missing}. " + pick(stats["where_local"], lang) + " " + _t(lang, "Kilde: ", "Source: ")
        + data_cite(knowledge, stats["source"], lang) + ".",
    )]
