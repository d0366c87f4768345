"""Options every command shares, and the one function that writes a command's document."""

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import click
import typer

from ..lang import resolve_lang
from ..render.blocks import Document

if TYPE_CHECKING:
    from ..kb import KnowledgeBase


class FormatChoice(click.Choice):  # type: ignore[type-arg]  # click 8.2 made Choice generic
    """The formats of the registry (render/formats.py), read when the option is parsed or shown; any case, and
    the Danish words of vocab.py ('tabel') beside the names."""

    def __init__(self, *, report: bool = False) -> None:
        self.report = report
        super().__init__([], case_sensitive=False)

    @property  # type: ignore[override]
    def choices(self) -> list[str]:
        from ..render.formats import names

        return names(report=self.report)

    @choices.setter
    def choices(self, value: object) -> None:
        pass

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        from ..lang import current
        from ..vocab import label

        return "[" + "|".join(label("format", name, current()) for name in self.choices) + "]"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> object:
        if value in self.choices:  # the name itself (and the default): nothing more to load
            return value
        from ..vocab import lookup

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
    from ..kb import KnowledgeBase
    from ..loader import load

    return KnowledgeBase(load(chosen_kb(kb)))


def emit(doc: Document, fmt: str) -> None:
    """Write `doc` to stdout in `fmt`, through the format registry (JSON and CSV carry the data; the others
    the blocks)."""
    from ..render.formats import emit as write

    write(doc, fmt)
