"""Text helpers shared by lookup and search: folding Danish letters and finding near misses."""

from __future__ import annotations

import unicodedata

from vold_cli.i18n.bilingual import Bilingual


def fold(text: str) -> str:
    """Lower-case, Danish letters spelled out (æ->ae, ø->oe, å->aa), other accents dropped.

    Built from str.replace rather than str.translate with a mapping: search folds every text of the knowledge
    base on each run, and the per-character mapping lookup was most of its time."""
    text = text.casefold()
    if text.isascii():
        return text
    text = text.replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    for mark in [ch for ch in set(decomposed) if unicodedata.combining(ch)]:
        decomposed = decomposed.replace(mark, "")
    return decomposed


def loose(text: str) -> str:
    """A key that also matches names typed without Danish letters: 'Aero', 'Aeroe' and 'Ærø' agree."""
    folded = fold(text)
    for pair, single in (("aa", "a"), ("ae", "a"), ("oe", "o")):
        folded = folded.replace(pair, single)
    return "".join(ch for ch in folded if ch.isalnum())


def closest(word: str, candidates: list[str], *, limit: int = 3) -> list[str]:
    """The candidates nearest to `word`, compared on their loose keys."""
    import difflib

    keyed = {loose(c): c for c in candidates}
    hits = difflib.get_close_matches(loose(word), list(keyed), n=limit, cutoff=0.5)
    prefix = [c for k, c in keyed.items() if k.startswith(loose(word)) and loose(word)]
    out: list[str] = []
    for name in prefix + [keyed[h] for h in hits]:
        if name not in out:
            out.append(name)
    return out[:limit]


def did_you_mean(word: str, candidates: list[str]) -> Bilingual | None:
    """The hint naming the candidates closest to `word` ('Mente du: …?' / 'Did you mean: …?'), or None when
    nothing is close. The one place vold words this hint."""
    near = closest(word, candidates)
    return suggest(near) if near else None


def suggest(names: list[str]) -> Bilingual:
    """'Mente du: a, b?' / 'Did you mean: a, b?' for names already chosen."""
    shown = ", ".join(names)
    return Bilingual(f"Mente du: {shown}?", f"Did you mean: {shown}?")
