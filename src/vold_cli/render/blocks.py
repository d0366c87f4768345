"""A small document model every human format renders: headings, paragraphs, fields, tables, lists, notes.

Commands describe what to show once; Rich (terminal), Markdown and HTML each render the same blocks, so the
formats never disagree about content."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Styled:
    """A cell or value with a style name (colour for terminals, a class in HTML, plain in Markdown)."""

    text: str
    style: str = ""


@dataclass(frozen=True)
class Bar:
    """A horizontal bar: `value` relative to `maximum`, with a label printed beside it."""

    value: float
    maximum: float
    label: str = ""


Cell = str | Styled | Bar


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: str = ""


@dataclass(frozen=True)
class Fields:
    """Label/value pairs, e.g. the full view of one entry."""

    pairs: list[tuple[str, Cell]]
    title: str = ""


@dataclass(frozen=True)
class Column:
    header: str
    justify: str = "left"
    ratio: int | None = None
    min_width: int | None = None
    no_wrap: bool = False


@dataclass(frozen=True)
class Table:
    columns: list[Column]
    rows: list[list[Cell]]
    title: str = ""
    caption: str = ""


@dataclass(frozen=True)
class BulletList:
    items: list[str]
    title: str = ""


@dataclass(frozen=True)
class Notes:
    """Caveats and limits: shown apart from results, never dropped from any format."""

    items: list[str]
    title: str = ""


@dataclass(frozen=True)
class Chart:
    """A bar chart of labelled values (rendered as bars in terminals, SVG in HTML, a table in Markdown)."""

    title: str
    items: list[tuple[str, float, str]]  # label, value, printed value
    unit: str = ""


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Paragraph | Fields | Table | BulletList | Notes | Chart | PageBreak


@dataclass
class Document:
    """What a command shows to people, plus the data it gives to scripts."""

    blocks: list[Block] = field(default_factory=list)
    data: Any = None  # JSON document
    rows: list[dict[str, Any]] | None = None  # CSV rows; defaults to data when that is a list of objects

    def add(self, *blocks: Block) -> Document:
        self.blocks.extend(blocks)
        return self


def cell_text(cell: Cell) -> str:
    if isinstance(cell, Styled):
        return cell.text
    if isinstance(cell, Bar):
        return cell.label
    return cell
