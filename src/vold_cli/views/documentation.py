"""`vold documentation`: the goals, their indicators and data sources, and where no indicator exists."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vold_cli.i18n.lang import pick
from vold_cli.i18n.lang import tr as _t
from vold_cli.output.blocks import Cell, Column, Document, Notes, Paragraph, Styled, Table
from vold_cli.views.common import localize, refs_text

if TYPE_CHECKING:
    from vold_cli.kb.facade import KnowledgeBase
    from vold_cli.views.pages import Listing

def documentation_doc(knowledge: KnowledgeBase, lang: str) -> Document:
    d = knowledge.documentation
    src_names = {s["id"]: pick(s["name"], lang) for s in d["data_sources"]}
    doc = Document(data=localize(d, lang), table=("goals.indicators", "data_sources"))
    doc.add(Paragraph(pick(d["intro"], lang)))
    rows: list[list[Cell]] = []
    for goal in d["goals"]:
        label = Styled(f"{goal['number']}. {pick(goal['text'], lang)}", "strong")
        if not goal["indicators"]:
            rows.append([label, Styled(_t(lang, "Ingen indikator: ", "No indicator: ") + pick(goal["no_indicator"], lang),
                                       "gap"), "—", ""])
        for n, ind in enumerate(goal["indicators"]):
            rows.append([label if n == 0 else "", pick(ind["text"], lang),
                         ", ".join(src_names.get(s, s) for s in ind["data_sources"]) or "—",
                         pick(ind.get("caveat"), lang)])
    doc.add(Table(
        [Column(_t(lang, "Mål", "Goal"), ratio=2), Column(_t(lang, "Indikator", "Indicator"), ratio=3),
         Column(_t(lang, "Datakilde", "Data source"), ratio=1), Column(_t(lang, "Forbehold", "Caveat"), ratio=2)],
        rows, title=_t(lang, "Mål, indikatorer og datakilder", "Goals, indicators and data sources"),
    ))
    doc.add(Table(
        [Column(_t(lang, "Central kilde", "Central source"), ratio=1), Column(_t(lang, "Beskrivelse", "Description"), ratio=3),
         Column("ref.", no_wrap=True)],
        [[Styled(pick(s["name"], lang), "strong"), pick(s["description"], lang), refs_text(s["source"]["refs"])]
         for s in d["data_sources"]],
        title=_t(lang, "Centrale kilder til viden", "Central sources of knowledge"),
    ))
    cpr = d["cpr_response_rate"]
    from vold_cli.i18n.localize import percent

    doc.add(Notes([f"{pick(cpr['label'], lang)}: {percent(cpr['percent'], lang)} ({pick(cpr['of'], lang)})"]
                  + [pick(r["text"], lang) for r in d["reports"]],
                  title=_t(lang, "Værd at vide", "Worth knowing")))
    if d["after_note"]:
        from vold_cli.views.common import data_cite

        doc.add(Notes([f"{pick(r['text'], lang)} ({data_cite(knowledge, r['source'], lang)})" for r in d["after_note"]],
                      title=_t(lang, "Efter notatet: nyere undersøgelsesrunder og statistik (ikke fra notatet)",
                               "After the note: newer survey rounds and statistics (not from the note)")))
    return doc


#: What search reads of this view: the command that prints it (views/pages.py).
PAGES: dict[str, Listing] = {"vold documentation": lambda knowledge, lang, today: documentation_doc(knowledge, lang)}
