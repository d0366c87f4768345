"""`vold economy`: the national annual costs by item, what they leave out, and the cost analyses."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vold_cli.i18n.lang import pick
from vold_cli.i18n.lang import tr as _t
from vold_cli.output.blocks import Column, Document, Fields, Heading, Notes, Paragraph, Styled, Table
from vold_cli.views.common import localize, source_text

if TYPE_CHECKING:
    from vold_cli.kb.facade import KnowledgeBase
    from vold_cli.views.pages import Listing

def economy_doc(knowledge: KnowledgeBase, lang: str) -> Document:
    e = knowledge.economy
    from vold_cli.i18n.localize import number as fmt_int

    doc = Document(data=localize(e, lang), table="cost_items")
    doc.add(Heading(_t(lang, "Økonomi", "Economy")), Paragraph(pick(e["study"], lang)), Paragraph(pick(e["basis"], lang)))
    doc.add(Table(
        [Column(_t(lang, "Post", "Item"), ratio=2), Column(_t(lang, "Mio. kr. pr. år", "DKK m per year"), justify="right",
                                                           no_wrap=True),
         Column(_t(lang, "Hvad der indgår", "What it covers"), ratio=4)],
        [[Styled(pick(c["name"], lang), "strong"), fmt_int(c["amount_mdkk"], lang),
          pick(c["description"], lang) + (f" {pick(c['note'], lang)}" if c.get("note") else "")] for c in e["cost_items"]],
        title=_t(lang, "Årlige omkostninger ved vold mod kvinder, landsplan", "Annual national costs of violence against women"),
        caption=source_text(knowledge, e["source"], lang),
    ))
    if e["price_level"]:  # the amounts are the 2010 report's, not adjusted to a later price level
        doc.add(Notes([pick(e["price_level"], lang)], title=_t(lang, "Prisniveau", "Price level")))
    doc.add(Notes([pick(t, lang) for t in e["excluded"]], title=_t(lang, "Ikke medregnet", "Not included")))
    doc.add(Paragraph(pick(e["who_review"], lang)))
    # labelled as the note titles these sections (meta.yaml: cost-effectiveness, cost-benefit)
    doc.add(Fields([(_t(lang, "Cost-effectiveness-analyser", "Cost-effectiveness analyses"), pick(e["cost_effectiveness"], lang)),
                    (_t(lang, "Cost-benefit-analyser", "Cost-benefit analyses"), pick(e["cost_benefit"], lang))]))
    return doc


#: What search reads of this view: the command that prints it (views/pages.py).
PAGES: dict[str, Listing] = {"vold economy": lambda knowledge, lang, today: economy_doc(knowledge, lang)}
