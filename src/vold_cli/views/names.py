"""Names shown in views that come from the knowledge: official municipality names, the filters of a listing in
words. Apart from i18n/localize.py, which formats plain values and knows no knowledge."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vold_cli.i18n.localize import join

if TYPE_CHECKING:
    from collections.abc import Mapping

    from vold_cli.kb.facade import KnowledgeBase


def municipality(name: str) -> str:
    """The official name: 'Københavns Kommune', 'Bornholms Regionskommune', otherwise '<navn> Kommune'
    (Danmarks Statistik's short name in, official name out; the same in both languages)."""
    from vold_cli.core.vocab import official_municipality

    return official_municipality(name)


def filters(applied: Mapping[str, object], lang: str, knowledge: KnowledgeBase | None = None) -> str:
    """The filters of a listing in words: 'fase sekundær; målgruppe unge' / 'phase secondary; target group
    young-people' (no Python list syntax)."""
    from vold_cli.core.vocab import label

    words = {"phase": ("fase", "phase"), "target": ("målgruppe", "target group"),
             "evidence": ("evidens", "evidence"), "min-evidence": ("mindst", "at least"),
             "tested-in-denmark": ("afprøvet i Danmark", "tested in Denmark"), "search": ("søgning", "search")}
    kinds = {"phase": "phase", "target": "target", "evidence": "evidence", "min-evidence": "evidence"}
    da = lang == "da"
    parts = []
    for key, value in applied.items():
        word = words.get(key, (key, key))[0 if da else 1]
        if isinstance(value, bool):
            shown = ("ja" if da else "yes") if value else ("nej" if da else "no")
        elif isinstance(value, list):
            shown = join([label(kinds.get(key, ""), str(v), lang, knowledge) for v in value], lang,
                         word="eller" if da else "or")
        elif key in kinds:
            shown = label(kinds[key], str(value), lang, knowledge)
        else:
            shown = repr(value)
        parts.append(f"{word} {shown}")
    return "; ".join(parts)
