"""What a paged document (Word, PDF, the printed HTML brief) carries besides its blocks: the footer of every page
(the title, the knowledge base's version and date, the day it was made), its properties (subject: the note it
rests on; creator: the tool) and the word before the page number. One place, so the brief and the table
commands' documents say the same."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vold_cli import __version__
from vold_cli.i18n.lang import tr as _t

if TYPE_CHECKING:
    from vold_cli.kb.facade import KnowledgeBase


class Paper:
    __slots__ = ("footer", "subject", "creator", "page_word")

    def __init__(self, footer: str, subject: str, creator: str, page_word: str) -> None:
        self.footer = footer
        self.subject = subject
        self.creator = creator
        self.page_word = page_word


def kb_date(knowledge: KnowledgeBase) -> str:
    """The knowledge base's date for the footer: the date the sources after the note were last checked
    (newer.latest_checked), else the note's year."""
    from vold_cli.core.newer import latest_checked

    return latest_checked(knowledge) or str(knowledge.meta["year"])


def citation(knowledge: KnowledgeBase, lang: str) -> str:
    """The note as published, for a document's subject: 'Stenager, K. og Stevenson, G. (2013): Voksne, som lever med
    vold i nære relationer. Sociale indsatser, der virker. Socialstyrelsen' (the full reference, with the ISBN, is
    the brief's 'Cite as')."""
    from vold_cli.i18n.localize import join

    meta = knowledge.meta
    c = meta["citation"]
    return f"{join(c['authors'], lang)} ({meta['year']}): {c['title']}. {c['subtitle']}. {meta['publisher']}"


def paper(knowledge: KnowledgeBase, lang: str, title: str, today: str) -> Paper:
    version = knowledge.meta["knowledge_base_version"]
    footer = _t(lang, f"{title} · vidensbase {version} efterprøvet {kb_date(knowledge)} · {today}",
                f"{title} · knowledge base {version} checked {kb_date(knowledge)} · {today}")
    return Paper(footer=footer, subject=citation(knowledge, lang), creator=f"vold {__version__}",
                 page_word=_t(lang, "side", "page"))
