"""The one registry of output formats, and the contract every renderer keeps.

A renderer turns a `Document` into text (or, for the terminal, writes it): `render(doc, context)`. Each format
says which part of the document it carries (the blocks people read, or the data scripts read) and where it is
offered (`--format` of every command, `vold report --format`, or both). Each format is registered with a
function that imports its renderer, called only when the format is used, so a format costs nothing at start-up. To add one, see CONTRIBUTING.md.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Protocol, TextIO

if TYPE_CHECKING:
    from collections.abc import Callable

    from .blocks import Document


class Context:
    """What a renderer may need besides the document: where the text goes, the page title and language."""

    __slots__ = ("stream", "title", "lang", "solid", "footer", "page_word")

    def __init__(self, stream: TextIO, *, title: str = "", lang: str = "en", solid: str | None = None,
                 footer: str = "", page_word: str = "page") -> None:
        from .blocks import bar_chars

        self.stream = stream
        self.title = title
        self.lang = lang
        self.footer = footer  # printed pages' footer (HTML)
        self.page_word = page_word
        self.solid = solid if solid is not None else bar_chars(stream)[0]  # '█', or '#' where it cannot be shown


class Renderer(Protocol):
    """Write `doc` to `context.stream`."""

    def __call__(self, doc: Document, context: Context) -> None: ...


class Format:
    __slots__ = ("name", "load", "carries", "commands", "report", "_renderer")

    def __init__(self, name: str, load: Callable[[], Renderer], *, carries: str = "blocks", commands: bool = True,
                 report: bool = False) -> None:
        self.name = name
        self.load = load  # imports and returns the renderer, on first use
        self.carries = carries  # "blocks" (what people read) or "data" (JSON/CSV: what scripts read)
        self.commands = commands  # offered by --format of every command
        self.report = report  # offered by `vold report --format`
        self._renderer: Renderer | None = None

    def renderer(self) -> Renderer:
        if self._renderer is None:
            self._renderer = self.load()
        return self._renderer

    def write(self, doc: Document, context: Context) -> None:
        if callable(doc.data):  # the JSON answer is built only for the formats that carry it
            doc.data = doc.data() if self.carries == "data" else None
        self.renderer()(doc, context)


FORMATS: dict[str, Format] = {}


def register(fmt: Format) -> Format:
    FORMATS[fmt.name] = fmt
    return fmt


def unregister(name: str) -> None:
    FORMATS.pop(name, None)


def names(*, report: bool = False) -> list[str]:
    return [f.name for f in FORMATS.values() if (f.report if report else f.commands)]


def get(name: str) -> Format:
    try:
        return FORMATS[name]
    except KeyError:
        from ..errors import UsageError

        raise UsageError(f"Unknown output format {name!r}.", hint=f"Choose from: {', '.join(FORMATS)}.") from None


def emit(doc: Document, name: str, *, stream: TextIO | None = None, title: str = "", lang: str = "en",
         solid: str | None = None, footer: str = "", page_word: str = "page") -> None:
    """Write `doc` in the format called `name` (stdout by default): the one dispatch every command uses."""
    from ..sanitize import clean_document
    from ..sanitize import text as visible

    out = stream or sys.stdout
    # Sanitised once, here, for every format: a text from a knowledge folder, a file or an argument never reaches a
    # terminal or a file with its control characters raw (see sanitize.py; JSON and CSV escape their data too).
    doc = clean_document(doc)
    get(name).write(doc, Context(out, title=visible(title), lang=lang, solid=solid, footer=visible(footer),
                                 page_word=page_word))
    out.flush()


def _table() -> Renderer:
    from .terminal import render_to

    return render_to


def _json() -> Renderer:
    from .machine import write_json

    return write_json


def _csv() -> Renderer:
    from .machine import write_csv

    return write_csv


def _markdown() -> Renderer:
    from .markdown import render_to

    return render_to


def _html() -> Renderer:
    from .html import render_to

    return render_to


register(Format("table", _table))
register(Format("json", _json, carries="data"))
register(Format("csv", _csv, carries="data"))
register(Format("markdown", _markdown, report=True))
register(Format("html", _html, commands=False, report=True))
