"""Rich rendering for people at a terminal. Knowledge text is always printed as Text (markup off)."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Literal, TextIO, cast

from rich.cells import cell_len
from rich.console import Console, Group
from rich.table import Table as RichTable
from rich.text import Text

from vold_cli.output import plain
from vold_cli.output.blocks import (
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
    handler,
    share,
)
from vold_cli.output.styles import terminal_styles

if TYPE_CHECKING:
    from collections.abc import Callable

    from rich.console import RenderableType

    from vold_cli.output.formats import Context

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


MIN_WIDTH = plain.MIN_WIDTH


def _width() -> int | None:
    """COLUMNS when it is a usable number (at least MIN_WIDTH, so tables keep their content), else Rich's own."""
    return plain.columns_width()


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


def _lines_cell(cell: Lines) -> Text:
    text = Text()
    for n, part in enumerate(cell.parts):
        if n:
            text.append("\n")
        text.append_text(_cell(part))
    return text


#: Each kind of cell (output/blocks.CELLS) as Rich Text.
CELLS: dict[type, Callable[..., Text]] = {
    str: Text, Styled: lambda cell: Text(cell.text, style=_style(cell.style)), Bar: lambda cell: _bar(cell),
    Lines: _lines_cell,
}


def _cell(cell: Cell) -> Text:
    return handler(CELLS, cell, "terminal")(cell)


def _heading(block: Heading) -> list[RenderableType]:
    return [Text(block.text, style="bold underline" if block.level == 1 else "bold")]


def _paragraph(block: Paragraph) -> list[RenderableType]:
    return [Text(block.text, style=_style(block.style))]


def _fields(block: Fields) -> list[RenderableType]:
    grid = RichTable(show_header=False, box=None, pad_edge=False, title=block.title or None,
                     title_justify="left", title_style="bold", expand=False)
    grid.add_column(style="bold", no_wrap=True, max_width=28, overflow="fold")
    grid.add_column(ratio=1, overflow="fold")
    for label, value in block.pairs:
        grid.add_row(Text(label), _cell(value))
    return [grid]


def _table(block: Table) -> list[RenderableType]:
    if len(block.rows) > LONG_TABLE:
        return [_Plain(_plain_table(block))]
    table = RichTable(title=block.title or None, caption=block.caption or None, title_justify="left",
                      title_style="bold", caption_justify="left", show_lines=False, expand=False)
    for col in block.columns:
        justify = cast("Literal['default', 'left', 'center', 'right', 'full']", col.justify)
        table.add_column(col.header, justify=justify,
                         no_wrap=col.no_wrap, overflow="ellipsis" if col.no_wrap else "fold")
    for row in block.rows:
        table.add_row(*(_cell(c) for c in row))
    return [table]


def _items(block: BulletList | Notes, style: str = "") -> list[RenderableType]:
    head: list[RenderableType] = [Text(block.title, style="bold " + style)] if block.title else []
    return head + [Text("• " + item, style=style) for item in block.items]


def _notes(block: Notes) -> list[RenderableType]:
    return _items(block, "yellow")  # caveats stand apart from results


def _chart(block: Chart) -> list[RenderableType]:
    table = RichTable(title=block.title, title_justify="left", title_style="bold", box=None,
                      show_header=False, pad_edge=False)
    table.add_column(overflow="fold")
    table.add_column(justify="right", no_wrap=True)
    table.add_column(no_wrap=True)
    top = max((v for _, v, _ in block.items), default=0)
    for label, amount, shown in block.items:
        table.add_row(Text(label), Text(shown), _bar(Bar(amount, top)))
    return [table]


def _page_break(block: PageBreak) -> list[RenderableType]:
    return [Text("")]


#: Each kind of block (output/blocks.BLOCKS) as Rich renderables.
BLOCKS: dict[type, Callable[..., list[RenderableType]]] = {
    Heading: _heading, Paragraph: _paragraph, Fields: _fields, Table: _table, BulletList: _items, Notes: _notes,
    Chart: _chart, PageBreak: _page_break,
}


def _renderables(doc: Document) -> list[RenderableType]:
    parts: list[RenderableType] = []
    for block in doc.blocks:
        parts.extend(handler(BLOCKS, block, "terminal")(block))
        parts.append(Text(""))
    if parts:
        parts.pop()
    return parts


LONG_TABLE = plain.LONG_TABLE  # rows; Rich lays out ~1 ms per row, so longer tables are written by _plain_table


class _Plain(str):
    """Text written as it is, outside Rich (a long table)."""


def _plain_table(block: Table, width: int | None = None) -> str:
    """The table in Rich's default box style, laid out once for all rows: O(cells), no per-cell measuring."""
    rows = [[cell_text(c) for c in row] for row in block.rows]
    return plain.long_table(block, rows, width or _console_width(), cell_len)


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
