"""`vold definition`: the definition, the Council of Europe's forms of violence and the two kinds of data."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vold_cli.i18n.lang import pick
from vold_cli.i18n.lang import tr as _t
from vold_cli.output.blocks import Column, Document, Heading, Notes, Paragraph, Styled, Table
from vold_cli.views.common import localize

if TYPE_CHECKING:
    from vold_cli.kb.facade import KnowledgeBase
    from vold_cli.views.pages import Listing

def definition_doc(knowledge: KnowledgeBase, lang: str) -> Document:
    d = knowledge.definition
    doc = Document(data=localize(d, lang), table=("forms", "data_kinds"))
    doc.add(Heading(_t(lang, "Definition af vold i nære relationer", "Definition of violence in close relationships")))
    doc.add(Paragraph(pick(d["definition"], lang)), Paragraph(pick(d["scope"], lang)),
            Paragraph(pick(d["council_of_europe"], lang)))
    doc.add(Table([Column(_t(lang, "Voldsform", "Form"), ratio=1), Column(_t(lang, "Beskrivelse", "Description"), ratio=4)],
                  [[Styled(pick(f["name"], lang), "strong"), pick(f["description"], lang)] for f in d["forms"]],
                  title=_t(lang, "Europarådets former for vold", "The Council of Europe's forms of violence")))
    doc.add(Table([Column(_t(lang, "Datakilde", "Kind of data"), ratio=1), Column(_t(lang, "Viser", "Shows"), ratio=4)],
                  [[Styled(pick(k["name"], lang), "strong"), pick(k["description"], lang)] for k in d["data_kinds"]],
                  title=_t(lang, "To slags data", "Two kinds of data")))
    doc.add(Notes([pick(d["uncertainty"], lang)], title=_t(lang, "Usikkerhed", "Uncertainty")))
    return doc


#: What search reads of this view: the command that prints it (views/pages.py).
PAGES: dict[str, Listing] = {"vold definition": lambda knowledge, lang, today: definition_doc(knowledge, lang)}
