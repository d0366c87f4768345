"""`vold implementation`: the drivers, the factors on four levels and the strategies compared."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vold_cli.i18n.lang import pick
from vold_cli.i18n.lang import tr as _t
from vold_cli.output.blocks import BulletList, Column, Document, Heading, Paragraph, Styled, Table
from vold_cli.views.common import localize, source_text

if TYPE_CHECKING:
    from vold_cli.kb.facade import KnowledgeBase
    from vold_cli.views.pages import Listing

def implementation_doc(knowledge: KnowledgeBase, part: str | None, lang: str) -> Document:
    imp = knowledge.implementation
    parts = [part] if part else ["drivers", "factors", "strategies"]
    data: dict[str, object] = {}
    doc = Document()
    if part is None:
        doc.add(Heading(_t(lang, "Implementering", "Implementation")))
        doc.add(Paragraph(pick(imp["definition"], lang)), Paragraph(pick(imp["hardware_software"], lang)))
        data.update(definition=pick(imp["definition"], lang), hardware_software=pick(imp["hardware_software"], lang))
    if "drivers" in parts:
        data["drivers"] = localize(imp["drivers"], lang)
        doc.add(Heading(_t(lang, "Drivkræfter", "Drivers"), 2), Paragraph(pick(imp["drivers_intro"], lang)))
        doc.add(Table(
            [Column(_t(lang, "Drivkraft", "Driver"), ratio=1), Column(_t(lang, "Komponenter", "Components"), ratio=2),
             Column(_t(lang, "Hvad det kræver", "What it takes"), ratio=4)],
            [[Styled(pick(d["name"], lang), "strong"), ", ".join(pick(c["name"], lang) for c in d["components"]),
              pick(d["description"], lang)] for d in imp["drivers"]],
        ))
    if "factors" in parts:
        data["factor_levels"] = localize(imp["factor_levels"], lang)
        doc.add(Heading(_t(lang, "Faktorer på fire niveauer", "Factors on four levels"), 2),
                Paragraph(pick(imp["factors_intro"], lang)))
        doc.add(Table(
            [Column(_t(lang, "Niveau", "Level"), ratio=1), Column(_t(lang, "Hvad", "What"), ratio=3),
             Column(_t(lang, "Eksempel fra notatet", "Example from the note"), ratio=4)],
            [[Styled(pick(f["name"], lang), "strong"), pick(f["description"], lang), pick(f["example"], lang)]
             for f in imp["factor_levels"]],
        ))
        doc.add(BulletList(imp["treatment_providers"], title=pick(imp["treatment_providers_text"], lang)))
        data["treatment_providers"] = imp["treatment_providers"]
    if "strategies" in parts:
        data["strategies"] = localize(imp["strategies"], lang)
        scope = {"whole": _t(lang, "hele organisationen", "whole organisation"),
                 "part": _t(lang, "en del af organisationen", "part of the organisation")}
        pace = {"at-once": _t(lang, "på én gang", "all at once"), "phased": _t(lang, "i faser", "in phases")}
        doc.add(Heading(_t(lang, "Implementeringsstrategier", "Implementation strategies"), 2),
                Paragraph(pick(imp["strategies_intro"], lang)))
        doc.add(Table(
            [Column(_t(lang, "Strategi", "Strategy"), ratio=1), Column(_t(lang, "Omfang", "Scope"), ratio=1),
             Column(_t(lang, "Tempo", "Pace"), ratio=1), Column(_t(lang, "Fordele", "Advantages"), ratio=3),
             Column(_t(lang, "Ulemper", "Drawbacks"), ratio=3)],
            [[Styled(pick(s["name"], lang), "strong"), scope[s["scope"]], pace[s["pace"]],
              " • ".join(pick(a, lang) for a in s["advantages"]), " • ".join(pick(d, lang) for d in s["drawbacks"])]
             for s in imp["strategies"]],
        ))
        doc.add(Paragraph(pick(imp["strategies_conclusion"], lang), style="muted"))
    doc.add(Paragraph(_t(lang, "Kilde: ", "Source: ") + source_text(knowledge, imp["source"], lang), style="muted"))
    doc.data = data
    doc.table = ("drivers", "factor_levels", "strategies")  # those of the part shown
    return doc


#: What search reads of this view: the command that prints it (views/pages.py).
PAGES: dict[str, Listing] = {"vold implementation": lambda knowledge, lang, today: implementation_doc(knowledge, None, lang)}
