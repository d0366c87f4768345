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
    cell_text,
    share,
)

if TYPE_CHECKING:
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


def _cell(cell: Cell, solid: str = "█") -> str:
    if isinstance(cell, Lines):
        return " · ".join(_cell(part, solid) for part in cell.parts)
    if isinstance(cell, Bar):
        part = share(cell.value, cell.maximum)
        return (solid * max(1, round(part * 10)) if part > 0 else "") + (" " + escape(cell.label) if cell.label else "")
    if isinstance(cell, Styled) and cell.style == "strong":
        return f"**{escape(cell.text)}**"
    return escape(cell_text(cell))


def _table(columns: list[str], rows: list[list[str]], aligns: list[str]) -> list[str]:
    sep = {"right": "---:", "center": ":---:"}
    lines = ["| " + " | ".join(columns) + " |", "| " + " | ".join(sep.get(a, "---") for a in aligns) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def render(doc: Document, *, solid: str = "█") -> str:
    """The document as GFM; `solid` draws bars (pass '#' where the output encoding lacks '█')."""
    out: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            out += ["#" * min(block.level, 6) + " " + escape(block.text), ""]
        elif isinstance(block, Paragraph):
            text = escape_block(block.text)
            styled = {"muted": f"*{text}*", "strong": f"**{text}**"}.get(block.style, text)
            out += [styled, ""]
        elif isinstance(block, Fields):
            if block.title:
                out += [f"**{escape(block.title)}**", ""]
            out += [f"- **{escape(label)}:** {_cell(value, solid)}" for label, value in block.pairs] + [""]
        elif isinstance(block, Table):
            if block.title:
                out += [f"**{escape(block.title)}**", ""]
            rows = [[_cell(c, solid) for c in row] for row in block.rows]
            out += _table([escape(c.header) for c in block.columns], rows, [c.justify for c in block.columns])
            out += [""] + ([f"*{escape(block.caption)}*", ""] if block.caption else [])
        elif isinstance(block, BulletList | Notes):
            if block.title:
                out += [f"**{escape(block.title)}**", ""]
            prefix = "> - " if isinstance(block, Notes) else "- "
            out += [prefix + escape_block(item) for item in block.items] + [""]
        elif isinstance(block, Chart):
            top = max((v for _, v, _ in block.items), default=0) or 1
            rows = [[escape(label), shown, solid * max(1, round(20 * v / top)) if v > 0 else ""]
                    for label, v, shown in block.items]
            out += [f"**{escape(block.title)}**", ""]
            out += _table(["", escape(block.unit), ""], rows, ["left", "right", "left"]) + [""]
        elif isinstance(block, PageBreak):
            out += ["---", ""]
        else:
            raise TypeError(f"no Markdown for {type(block).__name__}")
    return "\n".join(out).rstrip() + "\n"


def render_to(doc: Document, context: Context) -> None:
    context.stream.write(render(doc, solid=context.solid))
