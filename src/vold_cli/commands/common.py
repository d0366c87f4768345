"""Options every command shares, and the one function that writes a command's document."""

import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import click
import typer

from vold_cli.i18n.bilingual import Bilingual, pick
from vold_cli.i18n.lang import resolve_lang
from vold_cli.output.blocks import Document

if TYPE_CHECKING:
    import datetime

    from vold_cli.kb.facade import KnowledgeBase
    from vold_cli.output.formats import Format as OutputFormat


class FormatChoice(click.Choice):  # type: ignore[type-arg]  # click 8.2 made Choice generic
    """The formats of the registry (output/formats.py), read when the option is parsed or shown: its names, any
    case, and each format's Danish word and aliases ('tabel', 'md'). The option's help is built from the registry
    too (`help_text`), in the chosen language."""

    def __init__(self, *, report: bool = False, tables: bool = False) -> None:
        self.report = report
        self.tables = tables  # the formats of a command whose result is a table (also xlsx)
        super().__init__([], case_sensitive=False)

    def offered(self) -> "list[OutputFormat]":
        from vold_cli.output.formats import offered

        return offered(report=self.report, tables=self.tables)

    @property  # type: ignore[override]
    def choices(self) -> list[str]:
        return [fmt.name for fmt in self.offered()]

    @choices.setter
    def choices(self, value: object) -> None:
        pass

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        from vold_cli.i18n.lang import current
        from vold_cli.output.formats import word

        return "[" + "|".join(word(fmt, current()) for fmt in self.offered()) + "]"

    def help_text(self, lang: str) -> str:
        """'Output format: table for people; json, csv, markdown for files and scripts' in `lang`: the formats
        offered, those for the same purpose together."""
        from vold_cli.output.formats import word

        groups: list[tuple[str, list[str]]] = []
        for fmt in self.offered():
            purpose = pick(fmt.purpose, lang)
            if groups and groups[-1][0] == purpose:
                groups[-1][1].append(word(fmt, lang))
            else:
                groups.append((purpose, [word(fmt, lang)]))
        return pick(FORMAT_HELP, lang) + " " + "; ".join(f"{', '.join(names)} {purpose}" for purpose, names in groups) + "."

    def word(self, name: str, lang: str) -> str:
        """The word `lang`'s help shows for the format `name`."""
        from vold_cli.output.formats import FORMATS, word

        return word(FORMATS[name], lang) if name in FORMATS else name

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> object:
        if value in self.choices:  # the name itself (and the default): nothing more to compare
            return value
        from vold_cli.text import loose

        key = loose(str(value))
        for fmt in self.offered():
            if key and key in {loose(fmt.name), loose(fmt.da or ""), *(loose(alias) for alias in fmt.aliases)}:
                return fmt.name
        return super().convert(value, param, ctx)


FORMAT_HELP = Bilingual(da="Format:", en="Output format:")


class Format:
    """The default format names (the registry holds them all)."""

    table = "table"
    markdown = "markdown"


class Lang(str, Enum):
    da = "da"
    en = "en"


FormatOpt = Annotated[str, typer.Option("--format", "-f", click_type=FormatChoice())]
TableFormatOpt = Annotated[str, typer.Option("--format", "-f", click_type=FormatChoice(tables=True))]
FILE = Bilingual(da="FIL", en="FILE")
YEAR = Bilingual(da="ÅR", en="YEAR")
NAME_OR_CODE = Bilingual(da="NAVN_ELLER_KODE", en="NAME_OR_CODE")
OutputOpt = Annotated[
    str | None,
    typer.Option("--output", "-o", metavar=FILE, show_default=False, help=Bilingual(
        da="Skriv til FIL i stedet for standardoutput ('-' er standardoutput; kræves for xlsx; aldrig over en "
           "eksisterende fil uden --force).",
        en="Write to FILE instead of stdout (- is stdout; required for xlsx; never over an existing file without "
           "--force).")),
]
ForceOpt = Annotated[bool, typer.Option("--force", help=Bilingual(
    da="Overskriv FIL, hvis den findes og er en almindelig fil.",
    en="Overwrite FILE if it exists and is a regular file."))]
LangOpt = Annotated[
    Lang | None,
    typer.Option("--lang", "-l", case_sensitive=False, show_default=False, help=Bilingual(
        da="Svarets sprog: da eller en. Standard: VOLD_LANG, ellers systemets sprog (da_* -> da), ellers en.",
        en="Language of the answer: da or en. Default: VOLD_LANG, else the locale (da_* -> da), else en.")),
]
KbOpt = Annotated[
    Path | None,
    typer.Option("--kb", metavar=Bilingual(da="STI", en="PATH"), show_default=False, help=Bilingual(
        da="Brug vidensmappen STI i stedet for den medfølgende (også VOLD_KB).",
        en="Use the knowledge folder at PATH instead of the bundled one (also VOLD_KB).")),
]
PhaseOpt = Annotated[list[str] | None, typer.Option(
    "--phase", metavar=Bilingual(da="FASE", en="PHASE"), show_default=False, help=Bilingual(
        da="primær, sekundær eller tertiær (også primary, secondary, tertiary); gentag for flere (ELLER).",
        en="primary, secondary or tertiary; repeat for several (OR)."))]
TargetOpt = Annotated[list[str] | None, typer.Option(
    "--target", metavar=Bilingual(da="MÅLGRUPPE", en="GROUP"), show_default=False, help=Bilingual(
        da="Målgruppe, fx unge, voldsudsatte, fagpersoner (se `vold map`); gentag for flere (ELLER).",
        en="Target group, e.g. young-people, victims, professionals (see `vold map`); repeat for several (OR)."))]


def lang_of(option: Lang | None) -> str:
    return resolve_lang(option.value if option else None)


def chosen_kb(kb: Path | None) -> Path | None:
    """The command's --kb, else `vold --kb` given before the command (None: VOLD_KB or the bundled one)."""
    if kb is not None:
        return kb
    ctx = click.get_current_context(silent=True)
    root = ctx.find_root() if ctx else None
    return root.obj.get("kb") if root is not None and isinstance(root.obj, dict) else None


_LOADED: list["KnowledgeBase"] = []  # the knowledge this run loaded: a paged document's footer names its date


def load_kb(kb: Path | None) -> "KnowledgeBase":
    from vold_cli.kb.facade import KnowledgeBase
    from vold_cli.kb.loader import load

    knowledge = KnowledgeBase(load(chosen_kb(kb)))
    _LOADED[:] = [knowledge]
    return knowledge


def output_path(output: str | None) -> Path | None:
    """-o FILE as a path; None for stdout (no -o, or -o -). An empty name is a usage error, not '.'."""
    if output is None or output == "-":
        return None
    if not output:
        from vold_cli.errors import UsageError

        raise UsageError(Bilingual("--output er tom.", "--output is empty."),
                         hint=Bilingual("Giv et filnavn, eller - for standardoutput.",
                                        "Give a file name, or - for standard output."))
    import os

    if output.endswith(tuple(sep for sep in (os.sep, os.altsep) if sep)):  # Path() would drop the separator
        from vold_cli.errors import OutputError

        sep = output[-1]
        raise OutputError(Bilingual(f"Kan ikke skrive {output}: et navn, der ender på {sep}, er navnet på en mappe.",
                                    f"Cannot write {output}: a name ending in {sep} names a folder."),
                          hint=Bilingual(f"Tilføj et filnavn efter {sep}.", f"Add a file name after the {sep}."))
    return Path(output)


def check_output(fmt: str, output: str | None, force: bool) -> Path | None:
    """Before any work: the format can go where it is asked to (xlsx only to a file, table only to the terminal:
    UsageError, exit 2) and FILE is not in the way (exists without --force, or is not a regular file: exit 1).
    Returns the file to write, or None for stdout."""
    from vold_cli.output.formats import check_output as check_format
    from vold_cli.output.formats import get

    target = output_path(output)
    check_format(get(fmt), target)
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
    from vold_cli.output.formats import get

    if get(fmt).pages and _LOADED:  # Word: the footer (knowledge base's date, page numbers) and properties
        from vold_cli.views.paper import paper

        sheet = paper(_LOADED[-1], lang, title, today().isoformat())
        size = write(doc, fmt, output=output, force=force, title=title, lang=lang, footer=sheet.footer,
                     page_word=sheet.page_word, subject=sheet.subject, creator=sheet.creator)
    else:
        size = write(doc, fmt, output=output, force=force, title=title, lang=lang)
    if output is not None and size is not None:
        notice(wrote(output, size), lang)


def wrote(output: Path, size: int | None = None) -> Bilingual:
    """'Skrev FIL (1.234 byte).' / 'Wrote FILE (1,234 bytes).' (without the size when None)."""
    from vold_cli.i18n.localize import number
    from vold_cli.sanitize import visible

    shown = visible(str(output))
    if size is None:
        return Bilingual(f"Skrev {shown}.", f"Wrote {shown}.")
    return Bilingual(f"Skrev {shown} ({number(size, 'da')} byte).", f"Wrote {shown} ({number(size, 'en')} bytes).")


def notice(text: Bilingual, lang: str) -> None:
    """One line on stderr, in `lang`: a notice beside the answer (a file written, nothing found)."""
    if sys.stderr is not None:
        from vold_cli.i18n.lang import pick

        sys.stderr.write(pick(text, lang) + "\n")


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

    raise UsageError(Bilingual(f"Ugyldig VOLD_TODAY {quote(value)}: ikke en dato.",
                               f"Invalid VOLD_TODAY {quote(value)}: not a date."),
                     hint=Bilingual("Sæt den som ÅÅÅÅ-MM-DD, fx VOLD_TODAY=2026-01-15, eller fjern den for at bruge "
                                    "dagens dato.",
                                    "Set it as YYYY-MM-DD, e.g. VOLD_TODAY=2026-01-15, or unset it to use today's date."))


def choices(values: list[str] | None, kind: str, option: str | Bilingual, knowledge: "KnowledgeBase | None") -> list[str]:
    """Ids for the values typed for a choice option (English ids or Danish words, Danish letters optional; see
    core/vocab.py); a usage error naming the valid values for one that is none of them."""
    from vold_cli.core.vocab import normalise_all

    return normalise_all(kind, values, option=option, knowledge=knowledge)


def start_table(kb: Path | None, fmt: str, output: str | None, force: bool,
                lang: Lang | None) -> "tuple[str, Path | None, KnowledgeBase]":
    """The start of a command whose result is a table: the language, the file to write (checked before any work,
    see check_output; None for stdout) and then the knowledge base."""
    language = lang_of(lang)
    target = check_output(fmt, output, force)
    return language, target, load_kb(kb)


def emit_table(doc: Document, fmt: str, knowledge: "KnowledgeBase", language: str, target: Path | None,
               force: bool, title_da: str, title_en: str) -> None:
    """emit for a listing whose result is a table: also to -o FILE, and as a workbook with the note and the
    data sources beside the records (built only when a workbook is written)."""
    from vold_cli.i18n.lang import tr

    if doc.about is None:
        def about() -> list[tuple[str, str]]:
            from vold_cli.views.common import file_about

            return file_about(knowledge, language, data_sources=["after-the-note", "after-the-note-2026"])

        doc.about = about
    emit(doc, fmt, output=target, force=force, title=tr(language, title_da, title_en), lang=language)
