"""Options every command shares, and the one function that writes a command's document."""

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import click
import typer

from ..lang import resolve_lang
from ..render.blocks import Document


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class Lang(str, Enum):
    da = "da"
    en = "en"


class VocabChoice(click.ParamType):
    """A choice option that takes the English id or the Danish word, in any case, with or without Danish
    letters (see vocab.py), and lists its values in the chosen language."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.name = kind

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        from ..lang import current
        from ..vocab import shown

        return "[" + "|".join(shown(self.kind, current())) + "]"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> object:
        if isinstance(value, Enum):
            return value.value
        from ..lang import current
        from ..vocab import lookup, shown

        found = lookup(self.kind, str(value))
        if found is None:
            from click.types import _  # Click's gettext: Danish when the language is Danish

            self.fail(_("{value!r} is not one of {choices}.").format(
                value=value, choices=", ".join(shown(self.kind, current()))), param, ctx)
        return found


FormatOpt = Annotated[
    Format, typer.Option("--format", "-f", click_type=VocabChoice("format"), help="Output format: table for people; json, csv, markdown for files and scripts.")
]
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
    import click

    ctx = click.get_current_context(silent=True)
    root = ctx.find_root() if ctx else None
    return root.obj.get("kb") if root is not None and isinstance(root.obj, dict) else None


def load_kb(kb: Path | None):  # noqa: ANN201 - returns loader.Knowledge
    from ..loader import load

    return load(chosen_kb(kb))


def emit(doc: Document, fmt: Format) -> None:
    """Write `doc` to stdout in `fmt`. JSON and CSV carry the data; table and Markdown carry the blocks."""
    if callable(doc.data):
        doc.data = doc.data() if fmt in (Format.json, Format.csv) else None
    if fmt is Format.json:
        from ..render.machine import to_json

        sys.stdout.write(to_json(doc.data))
    elif fmt is Format.csv:
        from ..render.machine import to_csv

        rows = doc.rows if doc.rows is not None else doc.data
        if not isinstance(rows, list):
            rows = [rows]
        sys.stdout.write(to_csv(rows))
    elif fmt is Format.markdown:
        from ..render.blocks import bar_chars
        from ..render.markdown import render

        sys.stdout.write(render(doc, solid=bar_chars()[0]))
    else:
        from ..render.terminal import render

        render(doc)
    sys.stdout.flush()
