"""Which language to answer in, and the interface's own words in both languages."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import Text

LANGS = ("da", "en")


def resolve_lang(option: str | None) -> str:
    """--lang, else VOLD_LANG, else Danish when the locale says Danish, else English."""
    if option:
        return option
    env = os.environ.get("VOLD_LANG", "").strip().lower()
    if env in LANGS:
        return env
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "da" if value.lower().startswith("da") else "en"
    return "en"


def pick(text: Text | None, lang: str) -> str:
    """One language of a bilingual text; empty when there is no text."""
    if not text:
        return ""
    return (text["da"] if lang == "da" else text["en"]) or text["en"] or ""


def tr(lang: str, da: str, en: str) -> str:
    """The interface's own words: Danish or English."""
    return da if lang == "da" else en
