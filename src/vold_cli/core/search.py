"""`vold search` over an index of what the commands print (views/pages.py builds it): pure matching, no I/O.

The index is plain JSON-shaped data, so the bundled knowledge's index can be made when the wheel is built and read
with one `json.loads`. Each unit is one text a command prints, who it belongs to (a section of the knowledge, and an
entry of it or the section itself, with the title people see), the command that prints it and its rank (0: the
command that shows that owner best, its own page). Each text carries its words folded (`fold`: lower case, Danish
letters spelled out), so a search checks word starts with a substring test and looks closer only at the texts that
pass it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from vold_cli.errors import UsageError
from vold_cli.text import fold

if TYPE_CHECKING:
    from vold_cli.core.results import Index, SearchHit


def tokens(text: str) -> list[tuple[str, int, int]]:
    """The words of `text` (letters and digits), each folded, with its place in the original text."""
    return [(fold(m.group()), m.start(), m.end()) for m in re.finditer(r"\w+", text)]


def folded_words(text: str) -> str:
    """The words of `text` folded, each after a space: ' word word' (what a unit stores as `words`)."""
    return "".join(" " + token for token, _, _ in tokens(text))


def find(text: str, words: list[str]) -> tuple[int, int] | None:
    """Where `text` holds every query word as the start of one of its words (Danish letters optional: both sides
    folded): the span from the first word matched to the last, or None. Consecutive words are preferred, so a
    phrase ("entydig evidens") is found as the phrase."""
    found = tokens(text)
    if not found:
        return None
    for n in range(len(found) - len(words) + 1):  # the words in a row
        if all(found[n + k][0].startswith(w) for k, w in enumerate(words)):
            return found[n][1], found[n + len(words) - 1][2]
    places = []
    for word in words:
        at = next((t for t in found if t[0].startswith(word)), None)
        if at is None:
            return None
        places.append(at)
    return places[0][1], places[0][2]


def snippet(text: str, span: tuple[int, int], width: int = 110) -> str:
    """`text` around the match, cut at word boundaries."""
    if len(text) <= width:
        return text
    start = max(0, span[0] - width // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < span[0] else start
    end = min(len(text), max(start + width, span[1]))
    if end < len(text):
        space = text.rfind(" ", span[1], end)
        end = space if space > span[1] else end
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def query_words(text: str) -> list[str]:
    """The words of a search, folded; UsageError when there are none."""
    words = [token for token, _, _ in tokens(text)]
    if not words:
        from vold_cli.i18n.bilingual import Bilingual

        raise UsageError(Bilingual("Tom søgning.", "Empty search."),
                         hint=Bilingual("Giv et eller flere ord, fx vold search kaerestevold",
                                        "Give one or more words, e.g. vold search kaerestevold"))
    return words


def search(index: Index, text: str) -> list[SearchHit]:
    """The owners some printed text of which holds every word of `text` as the start of a word, ignoring case and
    Danish letters ('kaerestevold' finds 'kærestevold', 'antages' does not find 'advantages'): one hit per owner,
    from its best-ranked matching text (its own page before a listing), in the index's order. Each hit gives the
    text matched (`match`), a snippet of it, and the command that prints it."""
    words = query_words(text)
    first, *rest = sorted((" " + word for word in words), key=len, reverse=True)
    lines = index["words"].split("\n")
    matching = [n for n, line in enumerate(lines) if first in line and all(needle in line for needle in rest)]
    if not matching:
        return []
    best: dict[int, tuple[int, int, int]] = {}  # owner -> (rank, text, command)
    for text_at in matching:
        for place in index["printed"][text_at].split(","):
            owner, command, rank = map(int, place.split("."))
            if owner not in best or best[owner][0] > rank:
                best[owner] = (rank, text_at, command)
    hits: list[SearchHit] = []
    for owner in sorted(best):
        _, text_at, command = best[owner]
        printed = index["texts"][text_at]
        span = find(printed, words)
        if span is None:
            continue
        section, ident, title = index["owners"][owner]
        hits.append({"section": section, "id": ident, "title": title, "match": printed[span[0]:span[1]],
                     "snippet": snippet(printed, span), "command": index["commands"][command]})
    return hits
