"""Text for a stdout in a narrow encoding: Windows' cp1252 (a redirected stdout before Python 3.15) or cp850 (the
old console's code page), or whatever PYTHONIOENCODING says.

The tables people read are written in that encoding. A character it lacks is never an error: a symbol becomes
its ASCII look-alike (→ as ->, ≈ as ~, ● as *, a box-drawing line as - or |) or, failing one, '?'. A letter is
the exception: text whose letters cannot be shown (æ, ø, å in ASCII) would read wrong, so that stays the one-line
error that says how to get a UTF-8 output. Danish letters are in both cp1252 and cp850. JSON, CSV, Markdown and
HTML never come here: they are written to stdout as UTF-8 bytes (formats.emit).
"""

from __future__ import annotations

import codecs
from typing import TextIO

HANDLER = "vold-lookalike"

#: What a character becomes where the encoding lacks it (the evidence marks as blocks.MARKS_ASCII).
FALLBACKS: dict[str, str] = {
    "●": "*", "◐": "+", "○": "o", "✕": "x", "✓": "v", "·": "-", "█": "#", "•": "*",
    "→": "->", "←": "<-", "≈": "~", "≥": ">=", "≤": "<=", "×": "x", "−": "-",
    "–": "-", "—": "-", "‘": "'", "’": "'", "‚": ",", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"',
    "…": "...", "\u00a0": " ", "\u202f": " ", "\u2009": " ",
    **dict.fromkeys("─━┄┅═", "-"), **dict.fromkeys("│┃┆┇║", "|"),
    **dict.fromkeys("┌┏┐┓└┗┘┛├┣┡┤┫┩┬┳┴┻┼╋╇╔╗╚╝", "+"),
}


def _lookalike(exc: UnicodeError) -> tuple[str, int]:
    """The codec error handler: each character the encoding lacks as its look-alike, '?' for a symbol without one;
    a letter raises the error again (for that letter alone)."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    out = []
    for at in range(exc.start, exc.end):
        char = exc.object[at]
        if char in FALLBACKS:
            out.append(FALLBACKS[char])
        elif char.isalpha():
            raise UnicodeEncodeError(exc.encoding, exc.object, at, at + 1, exc.reason)
        else:
            out.append("?")
    return "".join(out), exc.end


def narrow(encoding: str | None) -> bool:
    """Whether an encoding is not UTF (cheap: no codec lookup for the usual 'utf-8')."""
    name = (encoding or "utf-8").lower().replace("-", "").replace("_", "")
    return not name.startswith("utf")


def tolerate(stream: TextIO) -> None:
    """Let `stream` write what its encoding lacks as look-alikes (see the module's docstring). Nothing changes for
    a UTF stream, a stream the user gave its own error handling (PYTHONIOENCODING=cp850:replace), or one that
    cannot be reconfigured."""
    if not narrow(getattr(stream, "encoding", None)) or getattr(stream, "errors", "strict") != "strict":
        return
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is None:
        return
    try:
        codecs.lookup_error(HANDLER)
    except LookupError:
        codecs.register_error(HANDLER, _lookalike)
    try:
        reconfigure(errors=HANDLER)
    except (ValueError, OSError, AttributeError):
        pass
