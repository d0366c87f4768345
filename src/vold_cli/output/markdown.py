"""GitHub-flavoured Markdown for the document blocks."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

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
    handler,
    share,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from vold_cli.output.formats import Context

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|#&~])")
_LIST_START = re.compile(r"^(\s*)([-+]|\d+[.)])(\s)")
_RULE = re.compile(r"^(\s*)(?=-[-\s]*$)")  # '---', '- - -': a horizontal rule (or a heading underline)


def escape(text: str) -> str:
    """Text from the knowledge base shown literally: no accidental emphasis, links, HTML, entities,
    strike-through or table breaks."""
    return _SPECIAL.sub(r"\\\1", text).replace("\n", " ")


def escape_block(text: str) -> str:
    """`escape`, and for text that starts a line (paragraph, list item): no accidental list or rule either."""
    text = _LIST_START.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1] + m.group(3),
                           escape(text))
    return _RULE.sub(lambda m: m.group(1) + "\\", text, count=1)


def _bar(cell: Bar, solid: str) -> str:
    part = share(cell.value, cell.maximum)
    return (solid * max(1, round(part * 10)) if part > 0 else "") + (" " + escape(cell.label) if cell.label else "")


def _styled(cell: Styled, solid: str) -> str:
    return f"**{escape(cell.text)}**" if cell.style == "strong" else escape(cell.text)


#: Each kind of cell (output/blocks.CELLS) in Markdown; `solid` draws bars.
CELLS: dict[type, Callable[..., str]] = {
    str: lambda cell, solid: escape(cell), Styled: _styled, Bar: _bar,
    Lines: lambda cell, solid: " · ".join(_cell(part, solid) for part in cell.parts),
}


def _cell(cell: Cell, solid: str = "█") -> str:
    return handler(CELLS, cell, "Markdown")(cell, solid)


def _table(columns: list[str], rows: list[list[str]], aligns: list[str]) -> list[str]:
    sep = {"right": "---:", "center": ":---:"}
    lines = ["| " + " | ".join(columns) + " |", "| " + " | ".join(sep.get(a, "---") for a in aligns) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def _heading(block: Heading, solid: str) -> list[str]:
    return ["#" * min(block.level, 6) + " " + escape(block.text), ""]


def _paragraph(block: Paragraph, solid: str) -> list[str]:
    text = escape_block(block.text)
    return [{"muted": f"*{text}*", "strong": f"**{text}**"}.get(block.style, text), ""]


def _title(title: str) -> list[str]:
    return [f"**{escape(title)}**", ""] if title else []


def _fields(block: Fields, solid: str) -> list[str]:
    return _title(block.title) + [f"- **{escape(label)}:** {_cell(value, solid)}" for label, value in block.pairs] + [""]


def _table_block(block: Table, solid: str) -> list[str]:
    rows = [[_cell(c, solid) for c in row] for row in block.rows]
    out = _title(block.title) + _table([escape(c.header) for c in block.columns], rows, [c.justify for c in block.columns])
    return out + [""] + ([f"*{escape(block.caption)}*", ""] if block.caption else [])


def _bullets(block: BulletList, solid: str) -> list[str]:
    return _title(block.title) + ["- " + escape_block(item) for item in block.items] + [""]


def _notes(block: Notes, solid: str) -> list[str]:
    return _title(block.title) + ["> - " + escape_block(item) for item in block.items] + [""]


def _chart(block: Chart, solid: str) -> list[str]:
    top = max((v for _, v, _ in block.items), default=0) or 1
    rows = [[escape(label), shown, solid * max(1, round(20 * v / top)) if v > 0 else ""]
            for label, v, shown in block.items]
    return [f"**{escape(block.title)}**", ""] + _table(["", escape(block.unit), ""], rows, ["left", "right", "left"]) + [""]


def _page_break(block: PageBreak, solid: str) -> list[str]:
    return ["---", ""]


#: Each kind of block (output/blocks.BLOCKS) as Markdown lines.
BLOCKS: dict[type, Callable[..., list[str]]] = {
    Heading: _heading, Paragraph: _paragraph, Fields: _fields, Table: _table_block, BulletList: _bullets,
    Notes: _notes, Chart: _chart, PageBreak: _page_break,
}


def render(doc: Document, *, solid: str = "█") -> str:
    """The document as GFM; `solid` draws bars (pass '#' where the output encoding lacks '█')."""
    out: list[str] = []
    for block in doc.blocks:
        out += handler(BLOCKS, block, "Markdown")(block, solid)
    return "\n".join(out).rstrip() + "\n"


def render_to(doc: Document, context: Context) -> None:
    context.stream.write(render(doc, solid=context.solid))
