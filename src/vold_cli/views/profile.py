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

    year = knowledge.meta["year"]

    for figures, title in (
            (profile["crisis_centre_key_figures"],
             _t(lang, f"Nøgletal om kvinder på krisecenter (notatets tal, {year})",
                f"Key figures on women at crisis centres (the note's figures, {year})")),
            (profile["partner_reports"],
             _t(lang, f"Kvinder på krisecenter om deres partner (notatets tal, {year})",
                f"What women at crisis centres report about their partner (the note's figures, {year})"))):
        doc.add(Table(
            [Column(_t(lang, "Andel", "Share"), justify="right", no_wrap=True),
             Column(_t(lang, "Nøgletal", "Figure"), ratio=4), Column(_t(lang, "Kilde", "Source"), ratio=2)],
            [[Styled(percent(p["percent"], lang), "strong"), pick(p["label"], lang), source_text(knowledge, p["source"], lang)]
             for p in figures],
            title=title,
            caption=_t(lang, f"Som notatet gav tallene i {year}; notatet oplyser ikke, hvilket år dataene er fra. "
                             "Nyere tal for kvinder på krisecenter: vold figures.",
                       f"As the note gave the figures in {year}; the note does not say which year the data are "
                       "from. Newer figures on women at crisis centres: vold figures."),
        ))
    return doc


#: What search reads of this view: the command that prints it (views/pages.py).
PAGES: dict[str, Listing] = {"vold profile": lambda knowledge, lang, today: profile_doc(knowledge, lang)}
