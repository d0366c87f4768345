"""`vold search`: hits grouped by section of the knowledge base, each with the command that shows it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vold_cli.i18n.lang import pick
from vold_cli.i18n.lang import tr as _t
from vold_cli.kb.sections import label
from vold_cli.output.blocks import Column, Document, Paragraph, Styled, Table

if TYPE_CHECKING:
    from vold_cli.core.results import SearchHit


def search_doc(hits: list[SearchHit], text: str, lang: str) -> Document:
    doc = Document(data=hits)
    if not hits:
        doc.add(Paragraph(_t(lang, f"Intet fundet for {text!r} i de danske tekster (prøv --lang en).",
                             f"Nothing found for {text!r} in the English texts (try --lang da).")))
        return doc
    sections: list[str] = []
    for hit in hits:
        if hit["section"] not in sections:
            sections.append(hit["section"])
    for section in sections:
        group = [h for h in hits if h["section"] == section]
        doc.add(Table(
            [Column(_t(lang, "Fund", "Hit"), ratio=2), Column(_t(lang, "Uddrag", "Excerpt"), ratio=4),
             Column(_t(lang, "Vis med", "Show with"), ratio=2)],
            [[Styled(h["title"], "strong"), h["snippet"], h["command"]] for h in group],
            title=f"{pick(label(section), lang)} ({len(group)})",
        ))
    return doc
