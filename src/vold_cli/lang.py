"""Which language to answer in, and the interface's own words in both languages."""

from __future__ import annotations

import os

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


def pick(text: dict[str, str] | None, lang: str) -> str:
    """One language of a bilingual text; empty when there is no text."""
    if not text:
        return ""
    return text.get(lang) or text.get("en") or ""


def tr(lang: str, da: str, en: str) -> str:
    """The interface's own words: Danish or English."""
    return da if lang == "da" else en
