"""The one registry of output formats, and the contract every renderer keeps.

A renderer turns a `Document` into text (or, for the terminal, writes it): `render(doc, context)`. Each format
says which part of the document it carries (the blocks people read, or the data scripts read) and where it is
offered (`--format` of every command, of the commands whose result is a table, `vold report --format`) and
whether it may go to a file (`-o FILE`), only to a file (a binary format such as xlsx: never to a terminal), or only
to the terminal. Each format is registered with a function that imports its renderer, called only when the format
is used, so a format costs nothing at start-up. To add one, see CONTRIBUTING.md.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, BinaryIO, Literal, Protocol, TextIO

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from vold_cli.output.blocks import Document

#: Where a format's output may go: "optional" (stdout, or a file with -o FILE), "only" (a binary file format,
#: written only to a file: the renderer writes bytes to `context.binary`), "never" (for a terminal only).
Files = Literal["optional", "only", "never"]


class Context:
    """What a renderer may need besides the document: where the text goes (`binary`: where the bytes of a file
    format go), the page title and language."""

    __slots__ = ("stream", "title", "lang", "solid", "footer", "page_word", "binary")

    def __init__(self, stream: TextIO, *, title: str = "", lang: str = "en", solid: str | None = None,
                 footer: str = "", page_word: str = "page", binary: BinaryIO | None = None) -> None:
        from vold_cli.output.blocks import bar_chars

        self.stream = stream
        self.binary = binary
        self.title = title
        self.lang = lang
        self.footer = footer  # printed pages' footer (HTML)
        self.page_word = page_word
        self.solid = solid if solid is not None else bar_chars(stream)[0]  # '█', or '#' where it cannot be shown


class Renderer(Protocol):
    """Write `doc` to `context.stream`."""

    def __call__(self, doc: Document, context: Context) -> None: ...


class Format:
    """A format: its name, what it is for ({da, en}: "for people", the words of every --format help), the word
    Danish help shows for it (`da`, e.g. "tabel"; also accepted), other names accepted (`aliases`, e.g. "md"),
    the function that loads its renderer, and where it is offered."""

    __slots__ = ("name", "load", "purpose", "da", "aliases", "carries", "commands", "tables", "report", "files",
                 "_renderer")

    def __init__(self, name: str, load: Callable[[], Renderer], *, purpose: dict[str, str], da: str | None = None,
                 aliases: tuple[str, ...] = (), carries: str = "blocks", commands: bool = True,
                 tables: bool | None = None, report: bool = False, files: Files = "optional") -> None:
        self.name = name
        self.load = load  # imports and returns the renderer, on first use
        self.purpose = purpose  # {"da": ..., "en": ...}: what the format is for, in the --format help
        self.da = da  # its word in Danish help and metavars (None: the name)
        self.aliases = aliases
        self.carries = carries  # "blocks" (what people read: also xlsx) or "data" (JSON/CSV: what scripts read)
        self.commands = commands  # offered by --format of every command
        # offered by --format of the commands whose result is a table (estimate and the listings); default: commands
        self.tables = commands if tables is None else tables
        self.report = report  # offered by `vold report --format`
        self.files = files  # where its output may go (see Files)
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


def offered(*, report: bool = False, tables: bool = False) -> list[Format]:
    """The formats `vold report` offers (report), a command whose result is a table (tables), or any command."""
    return [f for f in FORMATS.values() if (f.report if report else f.tables if tables else f.commands)]


def names(*, report: bool = False, tables: bool = False) -> list[str]:
    return [f.name for f in offered(report=report, tables=tables)]


def get(name: str) -> Format:
    try:
        return FORMATS[name]
    except KeyError:
        from vold_cli.errors import UsageError
        from vold_cli.i18n.bilingual import Bilingual

        listed = ", ".join(FORMATS)
        raise UsageError(Bilingual(f"Ukendt format {name!r}.", f"Unknown output format {name!r}."),
                         hint=Bilingual(f"Vælg mellem: {listed}.", f"Choose from: {listed}.")) from None


def emit(doc: Document, name: str, *, stream: TextIO | None = None, output: Path | None = None,
         force: bool = False, title: str = "", lang: str = "en", solid: str | None = None, footer: str = "",
         page_word: str = "page") -> int | None:
    """Write `doc` in the format called `name`: the one dispatch every command uses. To `stream` (stdout by
    default), or with `output` atomically to that file (never over an existing one without `force`, only ever
    over a regular file: files.py); returns the number of bytes written to the file (None for a stream)."""
    from vold_cli.sanitize import clean_document
    from vold_cli.sanitize import text as visible

    fmt = get(name)
    check_output(fmt, output)
    # Sanitised once, here, for every format: a text from a knowledge folder, a file or an argument never reaches a
    # terminal or a file with its control characters raw (see sanitize.py; JSON and CSV escape their data too).
    if fmt.carries != "data":  # JSON and CSV write only the data, which they clean their own way
        doc = clean_document(doc)
    title, footer = visible(title), visible(footer)
    import io

    out = stream or sys.stdout
    # Made for the terminal, or a stream that takes only text (a test's StringIO): in the stream's own encoding.
    # A file's format otherwise goes to stdout as the bytes its -o FILE would hold (UTF-8, its own line ends).
    if output is None and (fmt.files == "never" or getattr(out, "buffer", None) is None):
        from vold_cli.output.blocks import ascii_marks

        doc = ascii_marks(doc, out)  # the evidence marks, as ASCII where the encoding lacks them
        fmt.write(doc, Context(out, title=title, lang=lang, solid=solid, footer=footer, page_word=page_word))
        out.flush()
        return None
    text = io.StringIO()
    if output is None:
        fmt.write(doc, Context(text, title=title, lang=lang, solid=solid or "█", footer=footer,
                               page_word=page_word))
        write_utf8(out, text.getvalue())
        return None
    from vold_cli.output import files

    if fmt.files == "only":
        data = io.BytesIO()
        fmt.write(doc, Context(text, title=title, lang=lang, solid="█", footer=footer, page_word=page_word,
                               binary=data))
        files.write_bytes_atomic(output, data.getvalue(), force=force)
        return len(data.getvalue())
    fmt.write(doc, Context(text, title=title, lang=lang, solid="█", footer=footer, page_word=page_word))
    files.write_text_atomic(output, text.getvalue(), force=force)
    return len(text.getvalue().encode("utf-8"))


def write_utf8(out: TextIO, text: str) -> None:
    """`text` as UTF-8 bytes to the binary stream under `out` (its text layer flushed first), whatever `out`'s
    encoding and newline translation: Windows' redirected stdout is cp1252 and turns "\\n" into "\\r\\n", which
    would break JSON's promise of UTF-8 and turn CSV's CRLF into CR CR LF. A stream with no binary layer (a test's
    StringIO) takes the text as it is."""
    binary = getattr(out, "buffer", None)
    if binary is None:
        out.write(text)
        out.flush()
        return
    out.flush()
    binary.write(text.encode("utf-8"))
    binary.flush()


def check_output(fmt: Format, output: Path | None) -> None:
    """UsageError (exit 2) when the format cannot go where it is asked to: a file format without -o FILE (never
    bytes to a terminal), or -o FILE with a format made only for the terminal."""
    from vold_cli.errors import UsageError
    from vold_cli.i18n.bilingual import Bilingual

    if fmt.files == "only" and output is None:
        raise UsageError(Bilingual(f"--format {fmt.name} skriver en fil og kræver -o FIL.",
                                   f"--format {fmt.name} writes a file and needs -o FILE."),
                         hint=Bilingual(f"Fx: -f {fmt.name} -o skøn.{fmt.name}",
                                        f"Example: -f {fmt.name} -o estimate.{fmt.name}"))
    if fmt.files == "never" and output is not None:
        choose = ", ".join(f.name for f in FORMATS.values() if f.tables and f.files != "never")
        raise UsageError(Bilingual(f"-o skriver en fil: vælg --format {choose}.",
                                   f"-o writes a file: choose --format {choose}."))


def _table() -> Renderer:
    from vold_cli.output.plain import (
        render_to,  # Rich (terminal.py) only where the output is a terminal or plain is unsure
    )

    return render_to


def _json() -> Renderer:
    from vold_cli.output.machine import write_json

    return write_json


def _csv() -> Renderer:
    from vold_cli.output.machine import write_csv

    return write_csv


def _markdown() -> Renderer:
    from vold_cli.output.markdown import render_to

    return render_to


def _html() -> Renderer:
    from vold_cli.output.html import render_to

    return render_to


def _xlsx() -> Renderer:
    from vold_cli.output.xlsx import render_to

    return render_to


def word(fmt: Format, lang: str) -> str:
    """The format's name as `lang`'s help shows it ('tabel' in Danish)."""
    from vold_cli.i18n.bilingual import Bilingual, pick

    return pick(Bilingual(fmt.da or fmt.name, fmt.name), lang)


_SCRIPTS = {"da": "til filer og scripts", "en": "for files and scripts"}

register(Format("table", _table, purpose={"da": "til mennesker", "en": "for people"}, da="tabel", files="never"))
register(Format("json", _json, purpose=_SCRIPTS, carries="data"))
register(Format("csv", _csv, purpose=_SCRIPTS, carries="data"))
register(Format("markdown", _markdown, purpose=_SCRIPTS, aliases=("md",), report=True))
register(Format("html", _html, purpose={"da": "til browseren og til print", "en": "for a browser and for print"},
                commands=False, report=True))
register(Format("xlsx", _xlsx, purpose={"da": "til Excel (kræver -o FIL)", "en": "for Excel (needs -o FILE)"},
                commands=False, tables=True, files="only"))  # blocks: a workbook for people
