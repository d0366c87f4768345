"""`vold figures`: every national figure of the note with the note's own reservation beside it (“godt 29.000”,
“det antages”, stays are not distinct persons), the note's worked examples and caveats, the newer figures published
after the note (apart from the note's own) and the planning benchmarks from outside the note. `vold estimate` scales
the figures; this view shows what the knowledge base says about each one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vold_cli.i18n.lang import pick
from vold_cli.i18n.lang import tr as _t
from vold_cli.i18n.localize import number as fmt_int
from vold_cli.output.blocks import BulletList, Cell, Column, Document, Lines, Notes, Paragraph, Styled, Table
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
    doc = Document(data={**localize_record(prevalence, lang), "benchmarks": localize(benchmarks, lang)},
                   table=("figures", "newer_figures", "benchmarks"))
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
