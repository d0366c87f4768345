"""`vold profile`: who is more often exposed or uses violence, and the crisis-centre key figures."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vold_cli.i18n.lang import pick
from vold_cli.i18n.lang import tr as _t
from vold_cli.output.blocks import BulletList, Column, Document, Paragraph, Styled, Table
from vold_cli.views.common import localize_record, refs_text, source_text

if TYPE_CHECKING:
    from vold_cli.kb.facade import KnowledgeBase
    from vold_cli.views.pages import Listing

def profile_doc(knowledge: KnowledgeBase, lang: str) -> Document:
    profile = knowledge.profile
    from vold_cli.views.newer import MEN, WOMEN, figure_records, figures_table

    doc = Document(data=localize_record(profile, lang) | {"newer_figures": {
                       "women": figure_records(knowledge, WOMEN, lang), "men": figure_records(knowledge, MEN, lang)}},
                   table=("groups.traits", "crisis_centre_key_figures", "partner_reports"))
    doc.add(Paragraph(pick(profile["intro"], lang)))
    for group in profile["groups"]:
        items = [pick(t["text"], lang) + (f" (ref. {refs_text(t['refs'])})" if t["refs"] else "") for t in group["traits"]]
        doc.add(BulletList(items, title=f"{pick(group['title'], lang)} — {pick(group['compared_with'], lang)}"))
        if group["id"] == "exposed-men":  # the 2017 and 2021 figures for men beside the note's
            doc.blocks += figures_table(knowledge, [MEN], lang)
    from vold_cli.i18n.localize import percent

    for figures, title in (
            (profile["crisis_centre_key_figures"],
             _t(lang, "Nøgletal om kvinder på krisecenter", "Key figures on women at crisis centres")),
            (profile["partner_reports"],
             _t(lang, "Kvinder på krisecenter om deres partner",
                "What women at crisis centres report about their partner"))):
        doc.add(Table(
            [Column(_t(lang, "Andel", "Share"), justify="right", no_wrap=True),
             Column(_t(lang, "Nøgletal", "Figure"), ratio=4), Column(_t(lang, "Kilde", "Source"), ratio=2)],
            [[Styled(percent(p["percent"], lang), "strong"), pick(p["label"], lang), source_text(knowledge, p["source"], lang)]
             for p in figures],
            title=title,
        ))
    return doc


#: What search reads of this view: the command that prints it (views/pages.py).
PAGES: dict[str, Listing] = {"vold profile": lambda knowledge, lang, today: profile_doc(knowledge, lang)}
