"""Options every command shares, and the one function that writes a command's document."""

import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import click
import typer

from vold_cli.i18n.lang import resolve_lang
from vold_cli.output.blocks import Document

if TYPE_CHECKING:
    import datetime

    from vold_cli.kb.facade import KnowledgeBase


class FormatChoice(click.Choice):  # type: ignore[type-arg]  # click 8.2 made Choice generic
    """The formats of the registry (render/formats.py), read when the option is parsed or shown; any case, and
    the Danish words of vocab.py ('tabel') beside the names."""

    def __init__(self, *, report: bool = False, tables: bool = False) -> None:
        self.report = report
        self.tables = tables  # the formats of a command whose result is a table (also xlsx)
        super().__init__([], case_sensitive=False)

    @property  # type: ignore[override]
    def choices(self) -> list[str]:
        from vold_cli.output.formats import names

        return names(report=self.report, tables=self.tables)

    @choices.setter
    def choices(self, value: object) -> None:
        pass

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        from vold_cli.core.vocab import label
        from vold_cli.i18n.lang import current

        return "[" + "|".join(label("format", name, current()) for name in self.choices) + "]"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> object:
        if value in self.choices:  # the name itself (and the default): nothing more to load
            return value
        from vold_cli.core.vocab import lookup

        found = lookup("format", str(value))
        if found is not None and found in self.choices:
            return found
        return super().convert(value, param, ctx)


class Format:
    """The default format names (the registry holds them all)."""

    table = "table"
    markdown = "markdown"


class Lang(str, Enum):
    da = "da"
    en = "en"


FormatOpt = Annotated[
    str, typer.Option("--format", "-f", click_type=FormatChoice(), help="Output format: table for people; json, csv, markdown for files and scripts.")
]
TableFormatOpt = Annotated[
    str, typer.Option("--format", "-f", click_type=FormatChoice(tables=True),
                      help="Output format: table for people; json, csv, markdown for files and scripts; xlsx for "
                           "Excel (needs -o FILE).")
]
OutputOpt = Annotated[
    str | None,
    typer.Option("--output", "-o", metavar="FILE", show_default=False,
                 help="Write to FILE instead of stdout (- is stdout; required for xlsx; never over an existing file "
                      "without --force)."),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists and is a regular file.")]
LangOpt = Annotated[
    Lang | None,
    typer.Option("--lang", "-l", case_sensitive=False, help="Language of the answer: da or en. Default: VOLD_LANG, else the locale (da_* -> da), else en.",
                 show_default=False),
]
KbOpt = Annotated[
    Path | None,
    typer.Option("--kb", help="Use the knowledge folder at PATH instead of the bundled one (also VOLD_KB).",
                 metavar="PATH", show_default=False),
]


def lang_of(option: Lang | None) -> str:
    return resolve_lang(option.value if option else None)


def chosen_kb(kb: Path | None) -> Path | None:
    """The command's --kb, else `vold --kb` given before the command (None: VOLD_KB or the bundled one)."""
    if kb is not None:
        return kb
    ctx = click.get_current_context(silent=True)
    root = ctx.find_root() if ctx else None
    return root.obj.get("kb") if root is not None and isinstance(root.obj, dict) else None


def load_kb(kb: Path | None) -> "KnowledgeBase":
    from vold_cli.kb.facade import KnowledgeBase
    from vold_cli.kb.loader import load

    return KnowledgeBase(load(chosen_kb(kb)))


def output_path(output: str | None) -> Path | None:
    """-o FILE as a path; None for stdout (no -o, or -o -). An empty name is a usage error, not '.'."""
    if output is None or output == "-":
        return None
    if not output:
        from vold_cli.errors import UsageError

        raise UsageError("--output is empty.", hint="Give a file name, or - for standard output.")
    return Path(output)


def check_output(fmt: str, output: str | None, force: bool, lang: str) -> Path | None:
    """Before any work: the format can go where it is asked to (xlsx only to a file, table only to the terminal:
    UsageError, exit 2) and FILE is not in the way (exists without --force, or is not a regular file: exit 1).
    Returns the file to write, or None for stdout."""
    from vold_cli.output.formats import check_output as check_format
    from vold_cli.output.formats import get

    target = output_path(output)
    check_format(get(fmt), target, lang)
    if target is not None:
        from vold_cli.output.files import refuse_existing

        refuse_existing(target, force=force)
    return target


def emit(doc: Document, fmt: str, *, output: Path | None = None, force: bool = False, title: str = "",
         lang: str = "en") -> None:
    """Write `doc` in `fmt` through the format registry (JSON, CSV and xlsx carry the data; the others the
    blocks): to stdout, or atomically to `output` (then one line on stderr saying so). `title` names the
    workbook's sheet."""
    from vold_cli.output.formats import emit as write

    size = write(doc, fmt, output=output, force=force, title=title, lang=lang)
    if output is not None and size is not None and sys.stderr is not None:
        from vold_cli.sanitize import visible

        sys.stderr.write(f"Wrote {visible(str(output))} ({size:,} bytes).\n")


def today() -> "datetime.date":
    """Today's date, or VOLD_TODAY=YYYY-MM-DD when set (for tests, and to see a status as of another day).
    Only the command line reads it; the core takes the date as a parameter."""
    import datetime
    import os

    value = os.environ.get("VOLD_TODAY", "").strip()
    if not value:
        return datetime.date.today()
    try:
        return datetime.date.fromisoformat(value) if len(value) == 10 else _bad_today(value)
    except ValueError:
        return _bad_today(value)


def _bad_today(value: str) -> "datetime.date":
    from vold_cli.errors import UsageError
    from vold_cli.sanitize import quote

    raise UsageError(f"Invalid VOLD_TODAY {quote(value)}: not a date.",
                     hint="Set it as YYYY-MM-DD, e.g. VOLD_TODAY=2026-01-15, or unset it to use today's date.")
