"""A small document model every human format renders: headings, paragraphs, fields, tables, lists, notes.

Commands describe what to show once; Rich (terminal), Markdown and HTML each render the same blocks, so the
formats never disagree about content."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from typing import TypeAlias

    #: (topic, text) rows, or a function that makes them.
    About: TypeAlias = list[tuple[str, str]] | Callable[[], list[tuple[str, str]]]


class _Block:
    """Tiny immutable record. Plain classes, not dataclasses: building a dataclass costs about a millisecond at
    import, and every command imports this module."""

    __slots__ = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        names: tuple[str, ...] = self.__slots__
        values = dict(zip(names, args, strict=False))
        values.update(kwargs)
        for name in names:
            if name not in values:
                default = self._defaults.get(name, _REQUIRED)  # type: ignore[attr-defined]
                if default is _REQUIRED:
                    raise TypeError(f"{type(self).__name__} needs {name}")
                values[name] = default() if callable(default) else default
            object.__setattr__(self, name, values[name])

    def _names(self) -> tuple[str, ...]:
        return self.__slots__

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and all(getattr(self, n) == getattr(other, n) for n in self._names())

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        inner = ", ".join(f"{n}={getattr(self, n)!r}" for n in self._names())
        return f"{type(self).__name__}({inner})"


_REQUIRED = object()


class Styled(_Block):
    """A cell or value with a style name (colour for terminals, a class in HTML, plain in Markdown)."""

    __slots__ = ("text", "style")
    _defaults = {"style": ""}
    text: str
    style: str


class Bar(_Block):
    """A horizontal bar: `value` relative to `maximum`, with a label printed beside it."""

    __slots__ = ("value", "maximum", "label")
    _defaults = {"label": ""}
    value: float
    maximum: float
    label: str


class Lines(_Block):
    """A cell of several lines, each plain or styled (e.g. a name, and its id below it)."""

    __slots__ = ("parts",)
    _defaults: dict[str, Any] = {}
    parts: list[Any]


Cell = str | Styled | Bar | Lines


class Heading(_Block):
    __slots__ = ("text", "level")
    _defaults = {"level": 1}
    text: str
    level: int


class Paragraph(_Block):
    __slots__ = ("text", "style")
    _defaults = {"style": ""}
    text: str
    style: str


class Fields(_Block):
    """Label/value pairs, e.g. the full view of one entry."""

    __slots__ = ("pairs", "title")
    _defaults = {"title": ""}
    pairs: list[tuple[str, Cell]]
    title: str


class Column(_Block):
    __slots__ = ("header", "justify", "ratio", "min_width", "no_wrap")
    _defaults = {"justify": "left", "ratio": None, "min_width": None, "no_wrap": False}
    header: str
    justify: str
    ratio: int | None
    min_width: int | None
    no_wrap: bool


class Table(_Block):
    __slots__ = ("columns", "rows", "title", "caption")
    _defaults = {"title": "", "caption": ""}
    columns: list[Column]
    rows: list[list[Cell]]
    title: str
    caption: str


class BulletList(_Block):
    __slots__ = ("items", "title")
    _defaults = {"title": ""}
    items: list[str]
    title: str


class Notes(_Block):
    """Caveats and limits: shown apart from results, never dropped from any format."""

    __slots__ = ("items", "title")
    _defaults = {"title": ""}
    items: list[str]
    title: str


class Chart(_Block):
    """A bar chart of labelled values (bars in terminals, SVG in HTML, a table in Markdown)."""

    __slots__ = ("title", "items", "unit")
    _defaults = {"unit": ""}
    title: str
    items: list[tuple[str, float, str]]  # label, value, printed value
    unit: str


class PageBreak(_Block):
    __slots__ = ()
    _defaults: dict[str, Any] = {}


Block = Heading | Paragraph | Fields | Table | BulletList | Notes | Chart | PageBreak

#: Every kind of block and of cell. Each writer (output/plain.py, terminal.py, markdown.py, html.py, and search's
#: reader views/pages.py) has one function per kind, in one table keyed by the class, found with `handler`.
BLOCKS: tuple[type, ...] = (Heading, Paragraph, Fields, Table, BulletList, Notes, Chart, PageBreak)
CELLS: tuple[type, ...] = (str, Styled, Bar, Lines)

H = TypeVar("H")


def handler(table: Mapping[type, H], item: object, writer: str) -> H:
    """The function of a writer's `table` for `item`'s class (or the nearest class it derives from); TypeError
    naming the class when the writer has none, so a new kind of block cannot be skipped silently."""
    for cls in type(item).__mro__:
        found = table.get(cls)
        if found is not None:
            return found
    raise TypeError(f"no {writer} rendering for {type(item).__name__}")


class Document:
    """What a command shows to people, plus the data it gives to scripts."""

    __slots__ = ("blocks", "data", "rows", "table", "about")

    def __init__(self, blocks: list[Any] | None = None, data: Any = None,
                 rows: list[dict[str, Any]] | None = None, table: str | tuple[str, ...] = (),
                 about: About | None = None) -> None:
        self.blocks: list[Any] = list(blocks or [])
        self.data = data  # JSON document, or a function that makes it (built only when JSON is asked for)
        # CSV is made from the same records as JSON (`machine.records`): the data itself when it is a list (or one
        # entry), else the lists of `data` named by `table` ("cost_items", or "groups.traits" for nested ones).
        self.table = table
        self.rows = rows  # explicit CSV rows, only where a view's table is not a part of its JSON answer
        # what a file format (xlsx) puts beside the records: (topic, text) rows of method, caveats and sources, or a
        # function that makes them (built only when such a file is written)
        self.about = about

    def add(self, *blocks: Any) -> Document:
        self.blocks.extend(blocks)
        return self


def _lines_text(cell: Lines) -> str:
    return " · ".join(cell_text(part) for part in cell.parts)


_TEXT: dict[type, Callable[..., str]] = {str: str, Styled: lambda cell: cell.text, Bar: lambda cell: cell.label,
                                         Lines: _lines_text}


def cell_text(cell: Cell) -> str:
    """A cell as one line of plain text (a cell of several lines joined with ' · ')."""
    return handler(_TEXT, cell, "text")(cell)


def share(value: float, maximum: float) -> float:
    """How much of a bar is filled: value / maximum, clamped to 0..1 (0 when there is no maximum)."""
    return 0.0 if maximum <= 0 else max(0.0, min(1.0, value / maximum))


def bar_chars(stream: TextIO | None = None) -> tuple[str, str]:
    """Full and empty bar characters the output encoding can show ('█·', else '#.')."""
    encoding = getattr(stream or sys.stdout, "encoding", None) or "utf-8"
    try:
        "█·".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return "#", "."
    return "█", "·"


#: What the evidence marks (render/common.MARKS) and the separator beside a grade become where the output encoding
#: cannot show them.
MARKS_ASCII: dict[str, str] = {"●": "*", "◐": "+", "○": "o", "✕": "x", "·": "-"}


def _swap_marks(value: Any, swap: dict[str, str]) -> Any:
    if isinstance(value, str):
        for char, plain in swap.items():
            value = value.replace(char, plain)
        return value
    if isinstance(value, list | tuple):
        items = [_swap_marks(v, swap) for v in value]
        return items if isinstance(value, list) else tuple(items)
    slots = getattr(type(value), "__slots__", None)
    if isinstance(value, _Block) and slots:
        return type(value)(**{name: _swap_marks(getattr(value, name), swap) for name in slots})
    return value


def ascii_marks(doc: Document, stream: TextIO | None = None) -> Document:
    """`doc` itself when the output encoding shows the evidence marks (●◐○✕) and '·', else a copy whose blocks use
    the ASCII marks of MARKS_ASCII for those it cannot show (the level's name always stands beside its mark, so no
    meaning is lost)."""
    encoding = getattr(stream or sys.stdout, "encoding", None) or "utf-8"
    swap: dict[str, str] = {}
    for char, plain in MARKS_ASCII.items():
        try:
            char.encode(encoding)
        except (UnicodeEncodeError, LookupError):
            swap[char] = plain
    if not swap:
        return doc
    return Document(blocks=_swap_marks(list(doc.blocks), swap), data=doc.data, rows=doc.rows, table=doc.table)
