"""The `table` format without Rich, in a pipe and at a terminal, colour included.

Rich is the biggest import of a command (about a third of its start-up). This module lays a document out exactly
as output/terminal.py's Rich calls do (same wrapping, same column widths, same box characters), byte for byte,
and imports nothing of Rich. At a terminal it also writes Rich's colours and weights: every piece of text carries
its style the way Rich's Text does (a base style and spans), a table cell the style of its column or header, and
each run of one style is written as Rich writes a Segment (`ESC[<codes>m` text `ESC[0m`). Whatever it cannot
reproduce with certainty (a character whose width is not one cell, a word cut with '…', a centred column, a
forced colour, Windows' console) makes `render_plain` return False, and the caller uses Rich.
tests/test_plain.py renders every command both ways, in a pipe and at a (simulated) terminal, and compares.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, TextIO

from vold_cli.output.blocks import (
    Bar,
    BulletList,
    Cell,
    Chart,
    Fields,
    Heading,
    Lines,
    Notes,
    PageBreak,
    Paragraph,
    Styled,
    Table,
    bar_chars,
    cell_text,
    handler,
    share,
)

if TYPE_CHECKING:
    import re
    from collections.abc import Callable

    from vold_cli.output.blocks import Document
    from vold_cli.output.formats import Context

ENABLED = True  # tests switch it off to compare with Rich


class _Unsure(Exception):
    """Rich might lay this out differently: let Rich do it."""


# --- styles, as Rich combines and writes them --------------------------------------------------------------

#: A style: (attribute bits, colour code or 0). NULL writes no escape codes.
Style = tuple[int, int]
NULL: Style = (0, 0)
_ATTRIBUTES = {"bold": 1, "dim": 2, "italic": 4, "underline": 8}  # Rich writes them in this order: 1, 2, 3, 4
_COLOURS = {"red": 31, "green": 32, "yellow": 33, "cyan": 36}


def style_of(name: str) -> Style:
    """A Rich style string of the few words the views and output/terminal.py use ('bold green', 'dim')."""
    bits, colour = 0, 0
    for word in name.split():
        if word in _ATTRIBUTES:
            bits |= _ATTRIBUTES[word]
        elif word in _COLOURS:
            colour = _COLOURS[word]
        else:
            raise _Unsure
    return bits, colour


def _plus(under: Style, over: Style) -> Style:
    """Rich's `under + over`: attributes add up, the later colour wins."""
    return under[0] | over[0], over[1] or under[1]


def _sgr(style: Style) -> str:
    codes = [str(n) for n, bit in ((1, 1), (2, 2), (3, 4), (4, 8)) if style[0] & bit]
    if style[1]:
        codes.append(str(style[1]))
    return ";".join(codes)


class _T:
    """A text as Rich's Text holds it: the characters, a base style and spans (start, end, style)."""

    __slots__ = ("text", "base", "spans")

    def __init__(self, text: str, base: Style = NULL, spans: list[tuple[int, int, Style]] | None = None) -> None:
        self.text = text
        self.base = base
        self.spans = spans or []

    def append(self, other: _T) -> None:
        """Text.append_text: the other's base style becomes a span over its part."""
        offset = len(self.text)
        self.text += other.text
        if other.base != NULL:
            self.spans.append((offset, offset + len(other.text), other.base))
        self.spans.extend((offset + a, offset + b, st) for a, b, st in other.spans)


#: A line as Rich writes it: runs of (text, style).
Run = tuple[str, Style]


def _runs(t: _T, start: int, end: int, left: int, right: int, under: Style) -> list[Run]:
    """One wrapped line of `t` (t.text[start:end], padded inside the text by `left`/`right` spaces, as Rich's
    justify pads) as Rich's Text.render makes its segments after Text.join (the base style is a span over the
    whole line), each with the cell's style `under` applied beneath."""
    line = " " * left + t.text[start:end] + " " * right
    if not line:
        return []
    shift = left - start
    spans = [(0, len(line), t.base)] if t.base != NULL else []
    spans += [(max(a, start) + shift, min(b, end) + shift, st) for a, b, st in t.spans if a < end and b > start]
    if not spans:
        return [(line, under)]
    cuts = sorted({0, len(line), *(a for a, _, _ in spans), *(b for _, b, _ in spans)})
    out: list[Run] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        style = under
        for x, y, st in spans:  # in span order, as Rich stacks them
            if x <= a and b <= y:
                style = _plus(style, st)
        out.append((line[a:b], style))
    return out


def _write(runs: list[Run], colour: bool) -> str:
    if not colour:
        return "".join(text for text, _ in runs)
    parts = []
    for text, style in runs:
        codes = _sgr(style) if text else ""
        parts.append(f"\x1b[{codes}m{text}\x1b[0m" if codes else text)
    return "".join(parts)


_PATTERNS: dict[str, re.Pattern[str]] = {}


def _pattern(name: str) -> re.Pattern[str]:
    """The renderer's regular expressions, compiled on first use (nothing is done at import):
    `narrow`, text made only of characters `_one_cell` accepts without looking further (not the soft hyphen
    U+00AD); `word`, Rich's words (rich._wrap.re_word): whitespace, a run of non-space, the whitespace after it."""
    found = _PATTERNS.get(name)
    if found is None:
        import re

        source = {"narrow": "[\x20-\x7e\n\xa0-\xac\xae-\u02ff\u2010-\u2027\u2030-\u205e\u20a0-\u20c0"
                            "\u2190-\u22ff\u2500-\u259f]*\\Z",
                  "word": r"\s*\S+\s*"}[name]
        found = _PATTERNS[name] = re.compile(source)
    return found


def _one_cell(text: str) -> bool:
    """Every character is one cell wide in Rich (so a string's width is its length): printable Latin, general
    punctuation, currency, arrows, maths, box drawing, and the narrow geometric shapes and dingbats (○ ◐ ● ✕).
    Anything else (wide, combining, zero-width) is left to
    Rich's own tables."""
    if _pattern("narrow").match(text):  # the common case, in one pass of the regular expression engine
        return True
    if text.isascii():
        return False
    for c in text:
        o = ord(c)
        if 0x25A0 <= o <= 0x25FF or 0x2700 <= o <= 0x27BF:  # geometric shapes, dingbats: narrow unless wide
            import unicodedata

            if unicodedata.east_asian_width(c) in ("W", "F"):
                return False
        elif not (0x20 <= o < 0x7F or c == "\n" or 0xA0 <= o < 0x300 or 0x2010 <= o <= 0x2027
                  or 0x2030 <= o <= 0x205E or 0x20A0 <= o <= 0x20C0 or 0x2190 <= o <= 0x22FF
                  or 0x2500 <= o <= 0x259F) or o == 0xAD:
            return False
    return True


def _check(text: str) -> str:
    if not _one_cell(text):
        raise _Unsure
    return text


def _words(text: str) -> list[tuple[int, str]]:
    """(start, word with the whitespace before and after it), as Rich's `\\s*\\S+\\s*` words."""
    return [(m.start(), m.group()) for m in _pattern("word").finditer(text)]


def _divide(text: str, width: int, fold: bool) -> list[int]:
    """Where Rich breaks a line of `text` to fit `width` cells (rich._wrap.divide_line, for one-cell characters)."""
    breaks: list[int] = []
    offset = 0
    for start, word in _words(text):
        length = len(word.rstrip())
        if width - offset >= length:
            offset += len(word)
        elif length > width:
            if not fold:
                raise _Unsure  # Rich would crop the word with '…'
            pieces = [word[k:k + width] for k in range(0, len(word), width)]
            for n, piece in enumerate(pieces):
                if start:
                    breaks.append(start)
                if n == len(pieces) - 1:
                    offset = len(piece)
                else:
                    start += len(piece)
        elif offset and start:
            breaks.append(start)
            offset = len(word)
    return breaks


def _wrap(text: str, width: int, *, fold: bool = True, no_wrap: bool = False, justify: str = "default",
          pad: bool = False) -> list[str]:
    """The lines Rich's Text.wrap makes (then padded to `width` when `pad`, as a table cell is)."""
    return [" " * left + text[a:b] + " " * right
            for a, b, left, right in _wrap_at(text, width, fold=fold, no_wrap=no_wrap, justify=justify, pad=pad)]


def _wrap_at(text: str, width: int, *, fold: bool = True, no_wrap: bool = False, justify: str = "default",
             pad: bool = False) -> list[tuple[int, int, int, int]]:
    """Rich's Text.wrap as (start, end, spaces before, spaces after) per line: each line is text[start:end]
    with the padding Rich's justify adds inside the text."""
    if "\t" in text or width < 1:
        raise _Unsure
    out: list[tuple[int, int, int, int]] = []
    base = 0
    for line in text.split("\n"):
        cuts = [0, len(line)] if no_wrap else [0, *_divide(line, width, fold), len(line)]
        for a, b in zip(cuts, cuts[1:], strict=False):
            if not no_wrap and b - a > width:  # whitespace beyond the width is dropped
                b = a + max(len(line[a:b].rstrip()), width)
            if justify == "right":
                b = a + len(line[a:b].rstrip())
            if b - a > width:
                if not fold:
                    raise _Unsure  # cut with '…'
                b = a + width
            left = right = 0
            if justify == "right":
                left = width - (b - a)
            elif pad or justify == "left":
                right = width - (b - a)
            out.append((base + a, base + b, left, right))
        base += len(line) + 1
    return out


class _Col:
    __slots__ = ("justify", "no_wrap", "fold", "max_width")

    def __init__(self, justify: str = "left", no_wrap: bool = False, fold: bool = False,
                 max_width: int | None = None) -> None:
        if justify not in ("left", "right", "default"):
            raise _Unsure
        self.justify = justify
        self.no_wrap = no_wrap
        self.fold = fold
        self.max_width = max_width


def _ratio_reduce(total: int, ratios: list[int], maximums: list[int], values: list[int]) -> list[int]:
    ratios = [r if m else 0 for r, m in zip(ratios, maximums, strict=True)]
    total_ratio = sum(ratios)
    if not total_ratio:
        return values[:]
    remaining = total
    out = []
    for ratio, maximum, value in zip(ratios, maximums, values, strict=True):
        if ratio and total_ratio > 0:
            given = min(maximum, round(ratio * remaining / total_ratio))
            out.append(value - given)
            remaining -= given
            total_ratio -= ratio
        else:
            out.append(value)
    return out


def _collapse(widths: list[int], wrapable: list[bool], max_width: int) -> list[int]:
    total = sum(widths)
    excess = total - max_width
    if any(wrapable):
        while total and excess > 0:
            top = max(w for w, ok in zip(widths, wrapable, strict=True) if ok)
            second = max(w if ok and w != top else 0 for w, ok in zip(widths, wrapable, strict=True))
            difference = top - second
            ratios = [1 if (w == top and ok) else 0 for w, ok in zip(widths, wrapable, strict=True)]
            if not any(ratios) or not difference:
                break
            widths = _ratio_reduce(excess, ratios, [min(excess, difference)] * len(widths), widths)
            total = sum(widths)
            excess = total - max_width
    return widths


def _table(cols: list[_Col], rows: list[list[_T]], *, header: list[_T] | None, boxed: bool, pad_edge: bool,
           title: _T, caption: _T, width: int, column_styles: list[Style] | None = None) -> list[list[Run]]:
    """Rich's Table (padding (0, 1), no lines between rows): the heavy-headed box with a header, or a grid. Header
    cells are bold (Rich's table.header), a column's style lies under its cells, the title is bold and the caption
    dim italic, as output/terminal.py sets them."""
    n = len(cols)
    if not n:
        raise _Unsure
    pads = [(0 if (not pad_edge and i == 0) else 1, 0 if (not pad_edge and i == n - 1) else 1) for i in range(n)]
    extra = (2 + n - 1) if boxed else 0
    room = width - extra
    cells = ([header] if header is not None else []) + rows
    under = column_styles or [NULL] * n

    def measure(i: int, limit: int) -> int:
        left, right = pads[i]
        lows, highs = [], []
        for row in cells:
            text = row[i].text
            if limit - left - right < 1:
                low = high = limit
            else:
                words = text.split()
                high = max((len(line) for line in text.splitlines()), default=0)
                low = max((len(w) for w in words), default=high)
                low, high = min(low, limit - left - right), min(high, limit - left - right)  # Text, at its maximum
                low, high = min(max(0, low), high), max(0, high)
                if high < 1:
                    low = high = 0
                low, high = min(low + left + right, limit), min(high + left + right, limit)
            lows.append(low)
            highs.append(high)
        low, high = (max(lows) if lows else 1), (max(highs) if highs else limit)
        low, high = min(low, limit), min(high, limit)
        if cols[i].max_width is not None:
            cap = cols[i].max_width + left + right  # type: ignore[operator]
            low, high = min(low, cap), min(high, cap)
        return high

    if room < 1:
        raise _Unsure
    widths = [measure(i, room) or 1 for i in range(n)]
    if sum(widths) > room:
        widths = _collapse(widths, [not c.no_wrap for c in cols], room)
        if sum(widths) > room:
            widths = _ratio_reduce(sum(widths) - room, [1] * n, widths, widths)
        widths = [measure(i, w) for i, w in enumerate(widths)]
    total = sum(widths) + extra

    out: list[list[Run]] = []
    if title.text:
        out.extend(_runs(title, a, b, left, right, NULL) for a, b, left, right in
                   _wrap_at(title.text, total, justify="left"))
    if boxed:
        out.append([("┏" + "┳".join("━" * w for w in widths) + "┓", NULL)])
    for r, row in enumerate(cells):
        is_header = header is not None and r == 0
        rendered: list[list[list[Run]]] = []
        for i, cell in enumerate(row):
            left, right = pads[i]
            inner = widths[i] - left - right
            if inner < 1:
                raise _Unsure
            col = cols[i]
            if col.justify == "default":
                raise _Unsure  # Rich pads such a cell outside the text, in the cell's style
            style = _plus(under[i], HEADER) if is_header else under[i]
            lines = _wrap_at(cell.text, inner, fold=col.fold, no_wrap=col.no_wrap, justify=col.justify, pad=True)
            rendered.append([[(" " * left, style), *_runs(cell, a, b, lp, rp, style), (" " * right, style)]
                             for a, b, lp, rp in lines])
        height = max(len(c) for c in rendered)
        for i, lines_of_cell in enumerate(rendered):
            style = _plus(under[i], HEADER) if is_header else under[i]
            blank = [[(" " * widths[i], style)]] * (height - len(lines_of_cell))
            rendered[i] = blank + lines_of_cell if is_header else lines_of_cell + blank  # a header sits at the bottom
        bar = ("┃" if is_header else "│") if boxed else ""
        for k in range(height):
            line: list[Run] = [(bar, NULL)]
            for i, cell_lines in enumerate(rendered):
                if i:
                    line.append((bar, NULL))
                line.extend(cell_lines[k])
            line.append((bar, NULL))
            out.append(line)
        if boxed and is_header:
            out.append([("┡" + "╇".join("━" * w for w in widths) + "┩", NULL)])
    if boxed:
        out.append([("└" + "┴".join("─" * w for w in widths) + "┘", NULL)])
    if caption.text:
        out.extend(_runs(caption, a, b, left, right, NULL) for a, b, left, right in
                   _wrap_at(caption.text, total, justify="left"))
    return out


HEADER = (1, 0)  # Rich's table.header: bold
TITLE = (1, 0)  # title_style="bold"
CAPTION = (2 | 4, 0)  # Rich's table.caption: dim italic


LONG_TABLE = 200  # rows; Rich lays out ~1 ms per row, so longer tables are laid out by long_table


def _fold_words(text: str, width: int, measure: Callable[[str], int]) -> list[str]:
    if len(text) <= width and (text.isascii() or measure(text) <= width):
        return [text]
    lines: list[str] = []
    line = ""
    for word in text.split():
        while measure(word) > width:  # fold words longer than the column
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:width])
            word = word[width:]
        candidate = f"{line} {word}" if line else word
        if measure(candidate) <= width:
            line = candidate
        else:
            lines.append(line)
            line = word
    lines.append(line)
    return lines or [""]


def long_table(block: Table, rows: list[list[str]], width: int, measure: Callable[[str], int]) -> str:
    """A long table in Rich's default box style, laid out once for all rows: O(cells), no per-cell measuring
    (not Rich's own layout: Rich's costs about a millisecond a row). `measure` gives a text's width in cells."""
    headers = [col.header for col in block.columns]
    natural = [max([measure(h)] + [max((measure(w) for w in r[i].split()), default=0) for r in rows])
               for i, h in enumerate(headers)]
    widest = [max([measure(h)] + [measure(r[i]) for r in rows]) for i, h in enumerate(headers)]
    room = width - 3 * len(headers) - 1
    widths = list(widest)
    if sum(widths) > room:  # shrink the widest columns first, never below their longest word
        while sum(widths) > room:
            i = max(range(len(widths)), key=lambda k: widths[k] - natural[k])
            if widths[i] <= natural[i]:  # every column at its longest word: fold the widest
                i = max(range(len(widths)), key=lambda k: widths[k])
                if widths[i] <= 4:
                    break
            widths[i] -= 1

    def pad(text: str, w: int) -> str:
        return text + " " * (w - measure(text))

    def edge(left: str, mid: str, right: str, fill: str) -> str:
        return left + mid.join(fill * (w + 2) for w in widths) + right

    out = []
    if block.title:
        out.append(block.title)
    out.append(edge("┏", "┳", "┓", "━"))
    out.append("┃ " + " ┃ ".join(pad(h, w) for h, w in zip(headers, widths, strict=True)) + " ┃")
    out.append(edge("┡", "╇", "┩", "━"))
    for row in rows:
        cells = [_fold_words(text, w, measure) for text, w in zip(row, widths, strict=True)]
        for j in range(max(len(c) for c in cells)):
            out.append("│ " + " │ ".join(pad(c[j] if j < len(c) else "", w) for c, w in zip(cells, widths, strict=True)) + " │")
    out.append(edge("└", "┴", "┘", "─"))
    if block.caption:
        out.append(block.caption)
    return "\n".join(out) + "\n"


def _lines_cell(cell: Lines) -> _T:
    text = _T("")
    for n, part in enumerate(cell.parts):
        if n:
            text.append(_T("\n"))
        text.append(_cell(part))
    return text


def _styled_cell(cell: Styled) -> _T:
    return _T(_check(cell.text), _style(cell.style))


def _str_cell(cell: str) -> _T:
    return _T(_check(cell))


#: Each kind of cell (output/blocks.CELLS) as output/terminal.py's `_cell` makes its Text.
CELLS: dict[type, Callable[..., _T]] = {str: _str_cell, Styled: _styled_cell, Bar: lambda cell: _bar(cell),
                                        Lines: _lines_cell}


def _cell(cell: Cell) -> _T:
    return handler(CELLS, cell, "plain")(cell)


def _style(name: str) -> Style:
    from vold_cli.output.styles import terminal_styles

    return style_of(terminal_styles().get(name, ""))


def _bar(bar: Bar, width: int = 12) -> _T:
    """Text(solid, style="cyan"), then the empty part appended dim and the label appended plain (so it keeps the
    base cyan), as output/terminal.py's `_bar`."""
    full = round(share(bar.value, bar.maximum) * width)
    solid, empty = bar_chars()
    text = _check(solid * full + empty * (width - full) + (" " + bar.label if bar.label else ""))
    return _T(text, style_of("cyan"), [(full, width, style_of("dim"))] if width - full else [])


def _text_lines(t: _T, width: int) -> list[list[Run]]:
    """A Text printed on its own (justify default: no padding), line by line."""
    return [_runs(t, a, b, left, right, NULL) for a, b, left, right in _wrap_at(t.text, width)]


def _heading(block: Heading, width: int) -> list[list[Run]]:
    return _text_lines(_T(_check(block.text), style_of("bold underline" if block.level == 1 else "bold")), width)


def _paragraph(block: Paragraph, width: int) -> list[list[Run]]:
    return _text_lines(_T(_check(block.text), _style(block.style)), width)


def _fields(block: Fields, width: int) -> list[list[Run]]:
    return _table([_Col(no_wrap=True, fold=True, max_width=28), _Col(fold=True)],
                  [[_T(_check(label)), _cell(value)] for label, value in block.pairs],
                  header=None, boxed=False, pad_edge=False, title=_T(_check(block.title), TITLE),
                  caption=_T(""), width=width, column_styles=[style_of("bold"), NULL])


def _table_block(block: Table, width: int) -> list[list[Run]]:
    if len(block.rows) > LONG_TABLE:  # as output/terminal.py: written as it is, without styles
        texts = [[_check(cell_text(c)) for c in row] for row in block.rows]
        for c in block.columns:
            _check(c.header)
        _check(block.title)
        _check(block.caption)
        return [[(line, NULL)] for line in long_table(block, texts, width, len).rstrip("\n").split("\n")]
    if not block.rows and not block.columns:
        raise _Unsure
    cols = [_Col(c.justify, c.no_wrap, fold=not c.no_wrap) for c in block.columns]
    return _table(cols, [[_cell(c) for c in row] for row in block.rows],
                  header=[_T(_check(c.header)) for c in block.columns], boxed=True, pad_edge=True,
                  title=_T(_check(block.title), TITLE), caption=_T(_check(block.caption), CAPTION), width=width)


def _items(block: BulletList | Notes, width: int) -> list[list[Run]]:
    style = "yellow" if isinstance(block, Notes) else ""
    out = _text_lines(_T(_check(block.title), style_of("bold " + style)), width) if block.title else []
    for item in block.items:
        out.extend(_text_lines(_T("• " + _check(item), style_of(style)), width))
    return out


def _chart(block: Chart, width: int) -> list[list[Run]]:
    top = max((v for _, v, _ in block.items), default=0)
    return _table([_Col(fold=True), _Col("right", no_wrap=True), _Col(no_wrap=True)],
                  [[_T(_check(label)), _T(_check(shown)), _bar(Bar(amount, top))]
                   for label, amount, shown in block.items],
                  header=None, boxed=False, pad_edge=False, title=_T(_check(block.title), TITLE),
                  caption=_T(""), width=width)


def _page_break(block: PageBreak, width: int) -> list[list[Run]]:
    return [[]]


#: The lines of each kind of block (output/blocks.BLOCKS), as Rich would lay them out `width` cells wide, each
#: line as runs of (text, style).
BLOCKS: dict[type, Callable[..., list[list[Run]]]] = {
    Heading: _heading, Paragraph: _paragraph, Fields: _fields, Table: _table_block, BulletList: _items,
    Notes: _items, Chart: _chart, PageBreak: _page_break,
}


def _lines(doc: Document, width: int) -> list[list[Run]]:
    out: list[list[Run]] = []
    for n, block in enumerate(doc.blocks):
        if n:
            out.append([])
        out.extend(handler(BLOCKS, block, "table")(block, width))
    return out


def _plain_width(stream: TextIO) -> tuple[int, bool] | None:
    """The width Rich would use for `stream` and whether Rich would write colours there (a terminal whose TERM
    is not dumb, without NO_COLOR); None when Rich might do something this module does not reproduce."""
    if not ENABLED or sys.platform == "win32":
        return None
    env = os.environ
    if any(name in env for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "JUPYTER_COLUMNS",
                                    "JUPYTER_LINES")):
        return None
    if "IPython" in sys.modules or "idlelib" in sys.modules:
        return None
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower()
    if not encoding.startswith("utf"):  # Rich would draw ASCII boxes
        return None
    isatty = getattr(stream, "isatty", None)
    try:
        terminal = isatty is not None and bool(isatty())
    except ValueError:
        return None
    term = env.get("TERM", "").strip().lower()
    colour = terminal and not env.get("NO_COLOR") and term not in ("dumb", "unknown")
    if terminal and term in ("dumb", "unknown"):
        return None  # Rich's dumb terminal: 80 columns whatever COLUMNS says
    width = columns_width()
    if width is None:  # Rich's own: the first standard stream that is a terminal, else 80
        for fd in (0, 1, 2):
            try:
                width = os.get_terminal_size(fd)[0]
            except (AttributeError, ValueError, OSError):
                continue
            break
        width = width or 80
    return width, colour


MIN_WIDTH = 40


def columns_width() -> int | None:
    """COLUMNS when it is a usable number (at least MIN_WIDTH, so tables keep their content), else None (Rich's
    own width)."""
    raw = os.environ.get("COLUMNS")
    if raw is None:
        return None
    try:
        columns = int(raw)
    except ValueError:
        return 80  # set but meaningless: Rich would read it too, so decide here
    return max(columns, MIN_WIDTH) if columns > 0 else 80


def render_plain(doc: Document, stream: TextIO) -> bool:
    """Write `doc` as Rich would to `stream`, colours included at a terminal; False (nothing written) when
    unsure."""
    found = _plain_width(stream)
    if found is None:
        return False
    width, colour = found
    try:
        lines = _lines(doc, width)
    except _Unsure:
        return False
    if lines:
        stream.write("\n".join(_write(line, colour) for line in lines) + "\n")
    return True


def render_to(doc: Document, context: Context) -> None:
    """The `table` format: plain when that is exact, else Rich (render/terminal.py)."""
    if not render_plain(doc, context.stream):
        from vold_cli.output.terminal import render_to as rich_render_to

        rich_render_to(doc, context)
