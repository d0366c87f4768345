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

    from vold_cli.i18n.bilingual import Bilingual
    from vold_cli.output.blocks import Document

#: Where a format's output may go: "optional" (stdout, or a file with -o FILE), "only" (a binary file format,
#: written only to a file: the renderer writes bytes to `context.binary`), "never" (for a terminal only).
Files = Literal["optional", "only", "never"]


class Context:
    """What a renderer may need besides the document: where the text goes (`binary`: where the bytes of a file
    format go), the page title and language."""

    __slots__ = ("stream", "title", "lang", "solid", "footer", "page_word", "binary", "subject", "creator")

    def __init__(self, stream: TextIO, *, title: str = "", lang: str = "en", solid: str | None = None,
                 footer: str = "", page_word: str = "page", binary: BinaryIO | None = None, subject: str = "",
                 creator: str = "") -> None:
        from vold_cli.output.blocks import bar_chars

        self.stream = stream
        self.binary = binary
        self.title = title
        self.lang = lang
        self.footer = footer  # printed pages' footer (HTML, Word, PDF)
        self.page_word = page_word
        self.subject = subject  # a document's properties (Word, PDF): what it is about, and who made it
        self.creator = creator
        self.solid = solid if solid is not None else bar_chars(stream)[0]  # '█', or '#' where it cannot be shown


class Renderer(Protocol):
    """Write `doc` to `context.stream`."""

    def __call__(self, doc: Document, context: Context) -> None: ...


class Needs:
    """An optional package a format imports (only when it is used): the module, the package's name, and what to
    install when it is missing (the package, or the extra of vold-cli that brings it)."""

    __slots__ = ("module", "package", "install", "system")

    def __init__(self, module: str, package: str, install: str, *, system: tuple[str, str] | None = None) -> None:
        self.module = module
        self.package = package
        self.install = install
        # a library of the system it loads, and the Debian packages that bring it ("Pango", "libpango-1.0-0 ...")
        self.system = system


class Format:
    """A format: its name, what it is for ({da, en}: "for people", the words of every --format help), the word
    Danish help shows for it (`da`, e.g. "tabel"; also accepted), other names accepted (`aliases`, e.g. "md"),
    the function that loads its renderer, where it is offered, the file endings that name it, the optional package
    it needs and whether it is a paged document."""

    __slots__ = ("name", "load", "purpose", "da", "aliases", "carries", "commands", "tables", "report", "files",
                 "suffixes", "needs", "pages", "_renderer")

    def __init__(self, name: str, load: Callable[[], Renderer], *, purpose: dict[str, str], da: str | None = None,
                 aliases: tuple[str, ...] = (), carries: str = "blocks", commands: bool = True,
                 tables: bool | None = None, report: bool = False, files: Files = "optional",
                 suffixes: tuple[str, ...] = (), needs: Needs | None = None, pages: bool = False) -> None:
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
        # the file name endings that say this format (-o plan.docx): a file of another format is never written
        # under one of them, and `vold report -o FILE` picks its format by them
        self.suffixes = suffixes
        self.needs = needs  # an optional package it imports, checked before any work (see Needs)
        self.pages = pages  # a paged document (Word, PDF): its footer and properties are filled in for it
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


def by_suffix(output: Path | None) -> Format | None:
    """The format whose name the file's ending says (`plan.docx`: docx), or None (no file, or an ending no format
    claims, such as .txt)."""
    if output is None:
        return None
    suffix = output.suffix.lower()
    return next((f for f in FORMATS.values() if suffix in f.suffixes), None) if suffix else None


def emit(doc: Document, name: str, *, stream: TextIO | None = None, output: Path | None = None,
         force: bool = False, title: str = "", lang: str = "en", solid: str | None = None, footer: str = "",
         page_word: str = "page", subject: str = "", creator: str = "") -> int | None:
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
        fmt.write(doc, Context(out, title=title, lang=lang, solid=solid, footer=footer, page_word=page_word,
                               subject=visible(subject), creator=visible(creator)))
        out.flush()
        return None
    text = io.StringIO()
    if output is None:
        fmt.write(doc, Context(text, title=title, lang=lang, solid=solid or "█", footer=footer,
                               page_word=page_word, subject=visible(subject), creator=visible(creator)))
        write_utf8(out, text.getvalue())
        return None
    from vold_cli.output import files

    if fmt.files == "only":
        data = io.BytesIO()
        fmt.write(doc, Context(text, title=title, lang=lang, solid="█", footer=footer, page_word=page_word,
                               binary=data, subject=visible(subject), creator=visible(creator)))
        files.write_bytes_atomic(output, data.getvalue(), force=force)
        return len(data.getvalue())
    fmt.write(doc, Context(text, title=title, lang=lang, solid="█", footer=footer, page_word=page_word,
                           subject=visible(subject), creator=visible(creator)))
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
    """Before any work: UsageError (exit 2) when the format cannot go where it is asked to: a file format without
    -o FILE (never bytes to a terminal), -o FILE with a format made only for the terminal, or a file whose name
    says another format (`-f markdown -o plan.pdf`: a file of one format is never written under another's name);
    VoldError (exit 1) when the optional package the format needs is not installed."""
    from vold_cli.errors import UsageError
    from vold_cli.i18n.bilingual import Bilingual
    from vold_cli.sanitize import quote

    if fmt.files == "only" and output is None:
        raise UsageError(Bilingual(f"--format {fmt.name} skriver en fil og kræver -o FIL.",
                                   f"--format {fmt.name} writes a file and needs -o FILE."),
                         hint=Bilingual(f"Fx: -f {fmt.name} -o skøn.{fmt.name}",
                                        f"Example: -f {fmt.name} -o estimate.{fmt.name}"))
    named = by_suffix(output)
    if fmt.files == "never" and output is not None:
        choose = ", ".join(f.name for f in FORMATS.values() if f.tables and f.files != "never")
        raise UsageError(Bilingual(f"-o skriver en fil: vælg --format {choose}.",
                                   f"-o writes a file: choose --format {choose}."),
                         hint=Bilingual(f"Fx: --format {named.name} -o {quote(output.name)}",
                                        f"Example: --format {named.name} -o {quote(output.name)}")
                         if named and named.tables else None)
    if output is not None and named is not None and named is not fmt:
        ending = fmt.suffixes[0] if fmt.suffixes else ".txt"
        other = Bilingual(f", eller vælg --format {named.name}", f", or choose --format {named.name}") \
            if named.tables and fmt.tables else Bilingual("", "")
        raise UsageError(
            Bilingual(f"Filnavnet {quote(output.name)} siger {named.name}, men formatet er {fmt.name}.",
                      f"The file name {quote(output.name)} says {named.name}, but the format is {fmt.name}."),
            hint=Bilingual(f"Giv filen endelsen {ending}{other.da}.", f"Name the file *{ending}{other.en}."))
    if fmt.needs is not None and output is not None:
        require(fmt)


def require(fmt: Format) -> None:
    """VoldError (exit 1) naming what to install when the optional package of `fmt` is missing (found without
    importing it, so the check costs nothing)."""
    if fmt.needs is None:
        return
    import importlib.util

    try:
        found = importlib.util.find_spec(fmt.needs.module) is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        raise missing(fmt)


def destination(name: str, context: Context) -> BinaryIO:
    """For the renderer of a file format: where its bytes go (TypeError without one: formats.emit gives one for
    -o FILE)."""
    if context.binary is None:
        raise TypeError(f"{name} is a file format: it needs a binary destination (formats.emit gives one for -o FILE).")
    return context.binary


def load_error(name: str, exc: ImportError | OSError) -> Exception:
    """The one-line error (exit 1) for a renderer whose optional package failed to import: missing (ImportError),
    or there but unable to load the system library it needs (OSError); each names what to install."""
    from vold_cli.i18n.bilingual import Bilingual

    fmt = get(name)
    if isinstance(exc, ImportError):
        return missing(fmt, Bilingual.same(str(exc)))
    library, packages = (fmt.needs.system if fmt.needs else None) or ("?", "?")
    detail = str(exc)[:80]
    return missing(fmt, Bilingual(f"biblioteket {library} mangler; på Debian/Ubuntu: apt-get install {packages}: "
                                  f"{detail}", f"the {library} library is missing; on Debian/Ubuntu: apt-get install "
                                               f"{packages}: {detail}"))


def missing(fmt: Format, reason: Bilingual | None = None) -> Exception:
    """The one-line error for a format whose optional package (or a library it loads) is not there."""
    from vold_cli.errors import VoldError
    from vold_cli.i18n.bilingual import Bilingual

    package, install = (fmt.needs.package, fmt.needs.install) if fmt.needs else ("?", "?")
    da, en = (f" ({reason.da})", f" ({reason.en})") if reason else ("", "")
    return VoldError(Bilingual(f"Formatet {fmt.name} kræver {package}, som ikke er installeret{da}.",
                               f"The {fmt.name} format needs {package}, which is not installed{en}."),
                     hint=Bilingual(f"Installér det med: pip install {install}", f"Install it with: pip install {install}"))


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


def _docx() -> Renderer:
    from vold_cli.output.docx import render_to

    return render_to


def _pdf() -> Renderer:
    from vold_cli.output.pdf import render_to

    return render_to


_SCRIPTS = {"da": "til filer og scripts", "en": "for files and scripts"}

register(Format("table", _table, purpose={"da": "til mennesker", "en": "for people"}, da="tabel", files="never"))
register(Format("json", _json, purpose=_SCRIPTS, carries="data", suffixes=(".json",)))
register(Format("csv", _csv, purpose=_SCRIPTS, carries="data", suffixes=(".csv",)))
register(Format("markdown", _markdown, purpose=_SCRIPTS, aliases=("md",), report=True, suffixes=(".md", ".markdown")))
register(Format("html", _html, purpose={"da": "til browseren og til print", "en": "for a browser and for print"},
                commands=False, report=True, suffixes=(".html", ".htm", ".xhtml")))
register(Format("xlsx", _xlsx, purpose={"da": "til Excel (kræver -o FIL)", "en": "for Excel (needs -o FILE)"},
                commands=False, tables=True, files="only", suffixes=(".xlsx",)))  # blocks: a workbook for people
# Word: the brief, the check and the table commands' answers as an editable document (python-docx)
register(Format("docx", _docx, purpose={"da": "til Word (kræver -o FIL)", "en": "for Word (needs -o FILE)"},
                commands=False, tables=True, report=True, files="only", suffixes=(".docx",),
                needs=Needs("docx", "python-docx", "python-docx"), pages=True))
# a tagged PDF (PDF/UA-1) of the brief, through WeasyPrint: an optional extra
register(Format("pdf", _pdf, purpose={"da": "til tilgængelig PDF (kræver -o FIL og vold-cli[pdf])",
                                      "en": "for an accessible PDF (needs -o FILE and vold-cli[pdf])"},
                commands=False, report=True, files="only", suffixes=(".pdf",),
                needs=Needs("weasyprint", "WeasyPrint", '"vold-cli[pdf]"',
                            system=("Pango", "libpango-1.0-0 libpangoft2-1.0-0")), pages=True))
