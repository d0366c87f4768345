"""Rich rendering for people at a terminal. Knowledge text is always printed as Text (markup off)."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Literal, TextIO, cast

from rich.cells import cell_len
from rich.console import Console, Group
from rich.table import Table as RichTable
from rich.text import Text

from .blocks import (
    Bar,
    BulletList,
    Cell,
    Chart,
    Document,
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
    share,
)
from .styles import terminal_styles

if TYPE_CHECKING:
    from rich.console import RenderableType

    from .formats import Context

STYLES = terminal_styles()  # style name -> Rich style, from the one table in styles.py


def make_console(stream: TextIO | None = None) -> Console:
    """A console for `stream` (stdout by default), created per call so tests can swap streams."""
    no_color = bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"
    return Console(
        file=stream or sys.stdout,
        width=_width(),
        markup=False,
        emoji=False,
        highlight=False,
        no_color=no_color,
        color_system=None if no_color else "auto",
        soft_wrap=False,
    )


MIN_WIDTH = 40


def _width() -> int | None:
    """COLUMNS when it is a usable number (at least MIN_WIDTH, so tables keep their content), else Rich's own."""
    raw = os.environ.get("COLUMNS")
    if raw is None:
        return None
    try:
        columns = int(raw)
    except ValueError:
        return 80  # set but meaningless: Rich would read it too, so decide here
    return max(columns, MIN_WIDTH) if columns > 0 else 80


def _style(name: str) -> str:
    return STYLES.get(name, "")


def _bar(bar: Bar, width: int = 12) -> Text:
    full = round(share(bar.value, bar.maximum) * width)
    solid, empty = bar_chars()
    text = Text(solid * full, style="cyan")
    text.append(empty * (width - full), style="dim")
    if bar.label:
        text.append(" " + bar.label)
    return text


def _cell(cell: Cell) -> Text:
    if isinstance(cell, Lines):
        text = Text()
        for n, part in enumerate(cell.parts):
            if n:
                text.append("\n")
            text.append_text(_cell(part))
        return text
    if isinstance(cell, Bar):
        return _bar(cell)
    if isinstance(cell, Styled):
        return Text(cell.text, style=_style(cell.style))
    return Text(cell)


def _renderables(doc: Document) -> list[RenderableType]:
    parts: list[RenderableType] = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            style = "bold underline" if block.level == 1 else "bold"
            parts.append(Text(block.text, style=style))
        elif isinstance(block, Paragraph):
            parts.append(Text(block.text, style=_style(block.style)))
        elif isinstance(block, Fields):
            grid = RichTable(show_header=False, box=None, pad_edge=False, title=block.title or None,
                             title_justify="left", title_style="bold", expand=False)
            grid.add_column(style="bold", no_wrap=True, max_width=28, overflow="fold")
            grid.add_column(ratio=1, overflow="fold")
            for label, value in block.pairs:
                grid.add_row(Text(label), _cell(value))
            parts.append(grid)
        elif isinstance(block, Table) and len(block.rows) > LONG_TABLE:
            parts.append(_Plain(_plain_table(block)))
        elif isinstance(block, Table):
            table = RichTable(title=block.title or None, caption=block.caption or None, title_justify="left",
                              title_style="bold", caption_justify="left", show_lines=False, expand=False)
            for col in block.columns:
                justify = cast("Literal['default', 'left', 'center', 'right', 'full']", col.justify)
                table.add_column(col.header, justify=justify,
                                 no_wrap=col.no_wrap, overflow="ellipsis" if col.no_wrap else "fold")
            for row in block.rows:
                table.add_row(*(_cell(c) for c in row))
            parts.append(table)
        elif isinstance(block, BulletList | Notes):
            style = "yellow" if isinstance(block, Notes) else ""
            if block.title:
                parts.append(Text(block.title, style="bold " + style))
            for item in block.items:
                parts.append(Text("• " + item, style=style))
        elif isinstance(block, Chart):
            table = RichTable(title=block.title, title_justify="left", title_style="bold", box=None,
                              show_header=False, pad_edge=False)
            table.add_column(overflow="fold")
            table.add_column(justify="right", no_wrap=True)
            table.add_column(no_wrap=True)
            top = max((v for _, v, _ in block.items), default=0)
            for label, amount, shown in block.items:
                table.add_row(Text(label), Text(shown), _bar(Bar(amount, top)))
            parts.append(table)
        elif isinstance(block, PageBreak):
            parts.append(Text(""))
        else:
            raise TypeError(f"no terminal rendering for {type(block).__name__}")
        parts.append(Text(""))
    if parts:
        parts.pop()
    return parts


LONG_TABLE = 200  # rows; Rich lays out ~1 ms per row, so longer tables are written by _plain_table


class _Plain(str):
    """Text written as it is, outside Rich (a long table)."""


def _wrap(text: str, width: int) -> list[str]:
    if len(text) <= width and (text.isascii() or cell_len(text) <= width):
        return [text]
    lines: list[str] = []
    line = ""
    for word in text.split():
        while cell_len(word) > width:  # fold words longer than the column
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:width])
            word = word[width:]
        candidate = f"{line} {word}" if line else word
        if cell_len(candidate) <= width:
            line = candidate
        else:
            lines.append(line)
            line = word
    lines.append(line)
    return lines or [""]


def _plain_table(block: Table, width: int | None = None) -> str:
    """The table in Rich's default box style, laid out once for all rows: O(cells), no per-cell measuring."""
    width = width or _console_width()
    headers = [col.header for col in block.columns]
    rows = [[cell_text(c) for c in row] for row in block.rows]
    natural = [max([cell_len(h)] + [max((cell_len(w) for w in r[i].split()), default=0) for r in rows])
               for i, h in enumerate(headers)]
    widest = [max([cell_len(h)] + [cell_len(r[i]) for r in rows]) for i, h in enumerate(headers)]
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
        return text + " " * (w - cell_len(text))

    def edge(left: str, mid: str, right: str, fill: str) -> str:
        return left + mid.join(fill * (w + 2) for w in widths) + right

    out = []
    if block.title:
        out.append(block.title)
    out.append(edge("┏", "┳", "┓", "━"))
    out.append("┃ " + " ┃ ".join(pad(h, w) for h, w in zip(headers, widths, strict=True)) + " ┃")
    out.append(edge("┡", "╇", "┩", "━"))
    for row in rows:
        cells = [_wrap(text, w) for text, w in zip(row, widths, strict=True)]
        for j in range(max(len(c) for c in cells)):
            out.append("│ " + " │ ".join(pad(c[j] if j < len(c) else "", w) for c, w in zip(cells, widths, strict=True)) + " │")
    out.append(edge("└", "┴", "┘", "─"))
    if block.caption:
        out.append(block.caption)
    return "\n".join(out) + "\n"


def _console_width() -> int:
    return make_console().width


def render(doc: Document, stream: TextIO | None = None) -> None:
    console = make_console(stream)
    pending: list[RenderableType] = []
    for part in _renderables(doc):
        if isinstance(part, _Plain):
            if pending:
                console.print(Group(*pending))
                pending = []
            console.file.write(part)
        else:
            pending.append(part)
    if pending:
        console.print(Group(*pending))


def render_to(doc: Document, context: Context) -> None:
    render(doc, context.stream)
