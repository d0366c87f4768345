"""One sanitiser for every text vold writes that came from a knowledge folder, a file or an argument.

A knowledge folder loaded with --kb, a file name or an argument may hold anything. Written raw, a control
character can clear the screen, move the cursor, set the window title, erase "Error:" from a line, or hide the
rest of the output in an unterminated escape sequence; a bidirectional override can make text read differently
from what it is. So before any format writes a text, these characters are made *visible and harmless*:

* C0 controls U+0000–U+001F (ESC, BEL, backspace, carriage return, ...) and DEL U+007F,
* C1 controls U+0080–U+009F (among them U+009B, the one-character CSI),
* bidirectional marks, embeddings, overrides and isolates: U+061C, U+200E, U+200F, U+202A–U+202E,
  U+2066–U+2069,
* the line and paragraph separators U+2028 and U+2029, and lone surrogates (undecodable bytes of an argument).

The chosen form is the one Python's repr() uses, written as plain text: ESC becomes the four characters `\\x1b`,
U+202E becomes `\\u202e`. Replacing each character is enough to defuse whole escape sequences: once ESC (or U+009B)
is text, `[2J` or `]0;title` that followed it is ordinary text too, terminated or not. Newline and tab are kept
where the format allows them (`keep`); error messages keep neither, so an error is always one line.

Which function each format uses:

* terminal (Rich and the plain long-table writer), Markdown, HTML: `clean_document(doc)` before rendering
  (`text(s)` for a single string), keeping newline and tab; the format's own escaping (Markdown backslashes,
  HTML entities) comes after and also escapes the backslash of `\\x1b`;
* CSV: `clean_rows(rows)` (keys and values), keeping newline and tab (the csv module quotes them);
* JSON: `json_safe(json.dumps(..., ensure_ascii=False))` — lossless: the characters become JSON `\\uXXXX` escapes,
  so a reader gets the same string back;
* error messages: `quote(value)` for a value or key inside a message (repr-style quotes, cut at 80 characters with
  the length said), and `one_line(message)` for the whole line as it is written to stderr.

Core-safe: no rich or typer, and nothing heavy at import (only `re`).
"""

from __future__ import annotations

import re
from typing import Any

_OTHERS = (
    "\x7f-\x9f"  # DEL, C1
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidirectional marks, embeddings, overrides, isolates
    "\u2028\u2029"  # line and paragraph separators
    "\ud800-\udfff"  # lone surrogates
)
_PATTERNS: dict[str, re.Pattern[str]] = {}  # compiled on first need: start-up time is measured
_SOURCES = {
    "all": f"[\x00-\x1f{_OTHERS}]",
    "text": f"[\x00-\x08\x0b-\x1f{_OTHERS}]",  # what a knowledge text may not hold: all but newline and tab
    "json": f"[{_OTHERS}]",  # json.dumps already escapes U+0000-U+001F; these are the rest
    "long": r"\S{" + str(240 + 1) + ",}",
}


def _pattern(name: str) -> re.Pattern[str]:
    pattern = _PATTERNS.get(name)
    if pattern is None:
        pattern = _PATTERNS[name] = re.compile(_SOURCES[name])
    return pattern


MAX_QUOTED = 80  # characters of a value shown in an error message
MAX_LINE = 1000  # characters of a whole error line


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(value: str, *, keep_newlines: bool = False) -> str:
    """`value` with every control, bidi mark and separator written as `\\xNN` / `\\uNNNN` text; newline and tab
    kept only with `keep_newlines`."""
    if value.isprintable():  # the common case, without a regular expression
        return value
    pattern = _pattern("text" if keep_newlines else "all")
    return value if pattern.search(value) is None else pattern.sub(_escape, value)


def text(value: str) -> str:
    """A text for a document (terminal, Markdown, HTML, CSV): newline and tab kept, the rest made visible."""
    return visible(value, keep_newlines=True)


def has_control(value: str) -> re.Match[str] | None:
    """The first character validation refuses in a knowledge text (newline and tab are allowed), or None."""
    return None if value.isprintable() else _pattern("text").search(value)


def clean(value: Any, *, keep_newlines: bool = True) -> Any:
    """`value` with every string in it made visible: str, list, tuple, dict (keys too), and the document
    blocks (objects with `__slots__`, rebuilt through their constructor by slot name). Numbers, None and
    anything else are returned as they are; so is any container in which nothing had to change (no copy)."""
    if isinstance(value, str):
        return visible(value, keep_newlines=keep_newlines)
    if isinstance(value, list | tuple):
        items = [clean(v, keep_newlines=keep_newlines) for v in value]
        if all(a is b for a, b in zip(items, value, strict=True)):
            return value
        return items if isinstance(value, list) else tuple(items)
    if isinstance(value, dict):
        pairs = [(clean(k, keep_newlines=keep_newlines), clean(v, keep_newlines=keep_newlines))
                 for k, v in value.items()]
        if all(k is k0 and v is v0 for (k, v), (k0, v0) in zip(pairs, value.items(), strict=True)):
            return value
        return dict(pairs)
    slots = getattr(type(value), "__slots__", None)
    if slots and not isinstance(value, int | float):
        old = {name: getattr(value, name) for name in slots}
        new = {name: clean(v, keep_newlines=keep_newlines) for name, v in old.items()}
        if all(new[name] is old[name] for name in slots):
            return value
        try:
            return type(value)(**new)
        except TypeError:  # not a block built from its slots: leave it
            return value
    return value


def clean_document(doc: Any) -> Any:
    """A copy of a render.blocks.Document (or anything with `blocks`) whose blocks' texts are made visible.
    The document's data is left alone (JSON and CSV clean it their own way)."""
    blocks = clean(list(doc.blocks))
    if blocks is doc.blocks or all(a is b for a, b in zip(blocks, doc.blocks, strict=True)):
        return doc
    import copy

    out = copy.copy(doc)
    out.blocks = blocks
    return out


def clean_rows(rows: list[Any]) -> list[Any]:
    """CSV rows (dicts) with keys and values made visible; newline and tab kept (the csv module quotes them)."""
    return [clean(row) for row in rows]


def json_safe(dumped: str) -> str:
    """Output of json.dumps(..., ensure_ascii=False) with C1 controls, DEL, bidi marks, U+2028/2029 and lone
    surrogates written as JSON escapes. Outside strings json.dumps writes only ASCII, so every match is inside a
    string, and the escape is exact: loading the result gives the same data."""
    if dumped.isascii() or dumped.replace("\n", "").isprintable():  # every character escaped is unprintable
        return dumped
    return _pattern("json").sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


def cut(value: str, limit: int = MAX_QUOTED) -> tuple[str, str]:
    """`value` cut to `limit` characters ending in "…", and the note to add after it ("" when not cut)."""
    if len(value) <= limit:
        return value, ""
    return value[: limit - 1] + "…", f" ({len(value):,} characters)"


def quote(value: Any, limit: int = MAX_QUOTED) -> str:
    """A value or key for an error message: in quotes the way repr() writes them (controls, bidi marks and
    newlines escaped), cut at `limit` characters with the full length said: `'xxxx…' (100,000 characters)`."""
    shown, note = cut(value if isinstance(value, str) else str(value), limit)
    return visible(repr(shown)) + note


MAX_WORD = 240  # a run of non-blank characters in an error line (long enough for a deep path); see _SOURCES


def one_line(message: str) -> str:
    """A whole error message as one harmless line: controls and newlines made visible, any run of more than
    240 non-blank characters cut (an echoed argument of 100,000 characters), and the line cut at 1,000."""
    line = visible(message)
    line = _pattern("long").sub(lambda m: "".join(cut(m.group(), MAX_WORD)), line)
    if len(line) > MAX_LINE:
        shown, note = cut(line, MAX_LINE)
        line = shown + note
    return line
