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
    from vold_cli.core.vocab import word
    from vold_cli.i18n.bilingual import Bilingual, pick

    def label(kind: str, ident: str) -> str:
        return pick(word(kind, ident, knowledge), lang)

    words = {"phase": Bilingual("fase", "phase"), "target": Bilingual("målgruppe", "target group"),
             "evidence": Bilingual("evidens", "evidence"), "min-evidence": Bilingual("mindst", "at least"),
             "tested-in-denmark": Bilingual("afprøvet i Danmark", "tested in Denmark"),
             "search": Bilingual("søgning", "search")}
    kinds = {"phase": "phase", "target": "target", "evidence": "evidence", "min-evidence": "evidence"}
    parts = []
    for key, value in applied.items():
        name = pick(words.get(key), lang) or key
        if isinstance(value, bool):
            shown = pick(Bilingual("ja", "yes") if value else Bilingual("nej", "no"), lang)
        elif isinstance(value, list):
            shown = join([label(kinds.get(key, ""), str(v)) for v in value], lang,
                         word=pick(Bilingual("eller", "or"), lang))
        elif key in kinds:
            shown = label(kinds[key], str(value))
        else:
            shown = repr(value)
        parts.append(f"{name} {shown}")
    return "; ".join(parts)
