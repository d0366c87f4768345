"""Options every command shares, and the one function that writes a command's document."""

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ..lang import resolve_lang
from ..render.blocks import Document


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class TableFormat(str, Enum):
    """Formats of the commands whose result is a table: also an Excel workbook."""

    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    xlsx = "xlsx"


class Lang(str, Enum):
    da = "da"
    en = "en"


FormatOpt = Annotated[
    Format, typer.Option("--format", "-f", help="Output format: table for people; json, csv, markdown for files and scripts.")
]
TableFormatOpt = Annotated[
    TableFormat, typer.Option("--format", "-f", help="Output format: table for people; json, csv, markdown for files and "
                              "scripts; xlsx for Excel (needs -o FILE).")
]
OutputOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", metavar="FILE", show_default=False,
                 help="Write to FILE instead of stdout (required for xlsx; never over an existing file without --force)."),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")]
LangOpt = Annotated[
    Lang | None,
    typer.Option("--lang", "-l", help="Language of the answer: da or en. Default: VOLD_LANG, else the locale (da_* -> da), else en.",
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
    import click

    ctx = click.get_current_context(silent=True)
    root = ctx.find_root() if ctx else None
    return root.obj.get("kb") if root is not None and isinstance(root.obj, dict) else None


def load_kb(kb: Path | None):  # noqa: ANN201 - returns loader.Knowledge
    from ..loader import load

    return load(chosen_kb(kb))


def check_output(fmt: Format | TableFormat, output: Path | None, force: bool, lang: str) -> None:
    """Before any work: xlsx needs -o (never binary to a terminal), -o needs a file format, and FILE must not exist
    unless --force (UsageError exit 2, OutputError exit 1)."""
    from ..errors import UsageError
    from ..lang import tr

    if fmt.value == "xlsx" and output is None:
        raise UsageError(tr(lang, "--format xlsx skriver en Excel-fil og kræver -o FIL.",
                            "--format xlsx writes an Excel file and needs -o FILE."),
                         hint=tr(lang, "Fx: -f xlsx -o skøn.xlsx", "Example: -f xlsx -o estimate.xlsx"))
    if output is not None and fmt.value == "table":
        raise UsageError(tr(lang, "-o skriver en fil: vælg --format xlsx, csv, json eller markdown.",
                            "-o writes a file: choose --format xlsx, csv, json or markdown."))
    if output is not None:
        from ..files import refuse_existing

        refuse_existing(output, force=force)


def _records(doc: Document) -> list:
    rows = doc.rows if doc.rows is not None else doc.data
    return rows if isinstance(rows, list) else [rows]


def emit(doc: Document, fmt: Format | TableFormat, *, output: Path | None = None, force: bool = False,
         lang: str = "en", title: str = "vold", about: list[tuple[str, str]] | None = None) -> None:
    """Write `doc` to stdout (or `output`) in `fmt`. JSON, CSV and xlsx carry the data; table and Markdown carry the
    blocks. `title` and `about` (method, caveats, sources) are for the workbook."""
    kind = fmt.value
    if callable(doc.data):
        doc.data = doc.data() if kind in ("json", "csv", "xlsx") else None
    if kind == "xlsx":
        if output is None:
            check_output(fmt, output, force, lang)
            return
        from ..render.xlsx import write_workbook

        records = getattr(doc, "records", None)
        size = write_workbook(output, records if records is not None else _records(doc), lang=lang, title=title, about=about or [], force=force)
        sys.stderr.write(f"Wrote {output} ({size:,} bytes).\n")
        return
    if kind == "json":
        from ..render.machine import to_json

        text = to_json(doc.data)
    elif kind == "csv":
        from ..render.machine import to_csv

        text = to_csv(_records(doc))
    elif kind == "markdown":
        from ..render.blocks import bar_chars
        from ..render.markdown import render

        text = render(doc, solid="█" if output is not None else bar_chars()[0])
    else:
        text = None
    if text is not None:
        if output is None:
            sys.stdout.write(text)
        else:
            from ..files import write_text_atomic

            write_text_atomic(output, text, force=force)
            sys.stderr.write(f"Wrote {output} ({len(text.encode('utf-8')):,} bytes).\n")
    else:
        from ..render.terminal import render

        render(doc)
    sys.stdout.flush()
