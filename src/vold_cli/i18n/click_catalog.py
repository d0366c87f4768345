"""Click's and Typer's own messages in Danish.

Click and Typer mark their user-facing strings with gettext (`from gettext import gettext as _`, `ngettext`).
`activate("da")` rebinds those two names in the click and typer modules that are already imported, so every
message they build from then on ("Usage:", "Missing option", "No such command", ...) comes from `DA` below;
`activate("en")` puts the standard gettext functions back (the tests run both languages in one process).
Nothing is imported or read from disk: the catalogue is a plain dict. `tools/click_msgids.py` lists the msgids
of the installed click and typer, and tests/test_language.py checks that each one a user can meet is here.
"""

from __future__ import annotations

import gettext as _gettext
import sys

# Words click puts into a template as a value (`number_type=self.name`, `param_type=...`): translated when the
# Danish template is formatted.
WORDS = {
    "integer": "heltal",
    "float": "decimaltal",
    "integer range": "heltalsinterval",
    "float range": "decimaltalsinterval",
    "boolean": "sandhedsværdi",
    "text": "tekst",
    "option": "tilvalg",
    "argument": "argument",
    "parameter": "parameter",
    "file": "fil",
    "directory": "mappe",
    "path": "sti",
}

DA: dict[str, str] = {
    # click.core
    "Aborted!": "Afbrudt.",
    "deprecated": "forældet",
    "Missing command.": "Der mangler en kommando.",
    "Options": "Tilvalg",
    "Positional arguments": "Argumenter",
    "Arguments": "Argumenter",
    "Commands": "Kommandoer",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}":
        "Advarsel: kommandoen {name!r} er forældet.{extra_message}",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}":
        "Advarsel: {param_type} {name!r} er forældet.{extra_message}",
    "Got unexpected extra argument ({args})": "Uventet ekstra argument ({args})",
    "Got unexpected extra arguments ({args})": "Uventede ekstra argumenter ({args})",
    "Value must be an iterable.": "Værdien skal være en række værdier.",
    "Could not determine name for option with declarations {decls!r}":
        "Kan ikke finde navnet på tilvalget ud fra {decls!r}",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument instead? "
    "Did you mean to pass '--{name}'?":
        "Ingen tilvalg angivet, men et navn ({name}). Skulle det være et argument, eller '--{name}'?",
    "env var: {var}": "miljøvariabel: {var}",
    "default: {default}": "standard: {default}",
    "required": "skal angives",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.":
        "Et argument har præcis én erklæring, men fik {length}: {decls}.",
    "(dynamic)": "(beregnes)",
    "Name '{name}' defined twice": "Navnet '{name}' er angivet to gange",
    "Takes {nargs} values but 1 was given.": "Kræver {nargs} værdier, men fik 1.",
    "Takes {nargs} values but {len} were given.": "Kræver {nargs} værdier, men fik {len}.",
    "Boolean option {decl!r} cannot use the same flag for true/false.":
        "Ja/nej-tilvalget {decl!r} kan ikke bruge samme flag til begge dele.",
    # click.decorators
    "Do you want to continue?": "Vil du fortsætte?",
    "Confirm the action without prompting.": "Bekræft handlingen uden at spørge.",
    "%(prog)s, version %(version)s": "%(prog)s, version %(version)s",
    "Show the version and exit.": "Vis versionen og afslut.",
    "Show this message and exit.": "Vis denne hjælp og afslut.",
    # click.exceptions
    "Did you mean {possibility}?": "Mente du {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Mente du en af: {possibilities}?)",
    "(Possible options: {possibilities})": "(Mulige tilvalg: {possibilities})",
    "Missing argument": "Mangler argumentet",
    "Missing option": "Mangler tilvalget",
    "Missing parameter": "Mangler parameteren",
    "Missing parameter: {param_name}": "Mangler parameteren: {param_name}",
    "Missing {param_type}": "Mangler {param_type}",
    "unknown error": "ukendt fejl",
    "Invalid value for {param_hint}: {message}": "Ugyldig værdi for {param_hint}: {message}",
    "Invalid value: {message}": "Ugyldig værdi: {message}",
    "Could not open file {filename!r}: {message}": "Kan ikke åbne filen {filename!r}: {message}",
    "Error: {message}": "Fejl: {message}",
    "Try '{command} {option}' for help.": "Prøv '{command} {option}' for at få hjælp.",
    "No such option {name!r}.": "Ukendt tilvalg {name!r}.",
    "No such option: {name}": "Ukendt tilvalg: {name}",
    "No such command {name!r}.": "Ukendt kommando {name!r}.",
    # click.formatting
    "Usage:": "Brug:",
    # click.parser
    "Invalid start character for option ({option})": "Ugyldigt første tegn i tilvalget ({option})",
    "Option {name!r} does not take a value.": "Tilvalget {name!r} tager ingen værdi.",
    "Option {name!r} requires an argument.": "Tilvalget {name!r} skal have en værdi.",
    "Option {name!r} requires {nargs} arguments.": "Tilvalget {name!r} skal have {nargs} værdier.",
    "Argument {name!r} takes {nargs} values.": "Argumentet {name!r} skal have {nargs} værdier.",
    # click.shell_completion
    "Couldn't detect Bash version, shell completion is not supported.":
        "Kan ikke se Bash-versionen; fuldførelse i skallen virker ikke.",
    "Shell completion is not supported for Bash versions older than 4.4.":
        "Fuldførelse i skallen kræver Bash 4.4 eller nyere.",
    # click.termui, click._termui_impl
    "Press any key to continue...": "Tryk på en tast for at fortsætte …",
    "Repeat for confirmation": "Gentag for at bekræfte",
    "Error: The two entered values do not match.": "Fejl: De to indtastede værdier er forskellige.",
    "Unknown color {colour!r}": "Ukendt farve {colour!r}",
    "Error: invalid input": "Fejl: ugyldig indtastning",
    "{editor}: Editing failed": "{editor}: Redigeringen mislykkedes",
    "{editor}: Editing failed: {e}": "{editor}: Redigeringen mislykkedes: {e}",
    # click.types
    "file": "fil",
    "directory": "mappe",
    "path": "sti",
    "Choose from:\n\t{choices}": "Vælg mellem:\n\t{choices}",
    "{value!r} is not {choice}.": "{value!r} er ikke {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} er ikke en af {choices}.",
    "Choice({choices})": "Valg({choices})",
    "{value!r} does not match the format {format}.": "{value!r} passer ikke til formatet {format}.",
    "{value!r} does not match the formats {formats}.": "{value!r} passer ikke til nogen af formaterne {formats}.",
    "{value} is not in the range {range}.": "{value} ligger ikke i intervallet {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} er ikke en gyldig ja/nej-værdi. Gyldige værdier: {states}",
    "{len_type} values are required, but {len_value} was given.": "Der kræves {len_type} værdier, men fik {len_value}.",
    "{len_type} values are required, but {len_value} were given.": "Der kræves {len_type} værdier, men fik {len_value}.",
    "{value!r} is not a valid {number_type}.": "{value!r} er ikke et gyldigt {number_type}.",
    "{value!r} is not a valid UUID.": "{value!r} er ikke et gyldigt UUID.",
    "{name} {filename!r} is a file.": "{name} {filename!r} er en fil.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} er en mappe.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} kan ikke læses.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} kan ikke skrives.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} kan ikke køres.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} findes ikke.",
    # click.utils, click._winconsole
    "Unknown standard stream '{name}'": "Ukendt standardstrøm '{name}'",
    "Windows error: {error}": "Windows-fejl: {error}",
    # typer.core, typer.rich_utils
    "(deprecated) ": "(forældet) ",
    "[default: {}]": "[standard: {}]",
    "[env var: {}]": "[miljøvariabel: {}]",
    "[required]": "[skal angives]",
    "Error": "Fejl",
    "Aborted.": "Afbrudt.",
    "Try [blue]'{command_path} {help_option}'[/] for help.": "Prøv [blue]'{command_path} {help_option}'[/] for at få hjælp.",
}

# Msgids in the installed sources that are not words for a user: a one-letter key code, and messages a
# programmer meets while defining commands (never raised by vold's finished commands).
NOT_FOR_USERS = frozenset({"d"})

# Modules that call `_`/`ngettext`; only those already imported are touched (activation imports nothing).
MODULES = ("click.core", "click.decorators", "click.exceptions", "click.formatting", "click.parser",
           "click.shell_completion", "click.termui", "click._termui_impl", "click.types", "click.utils",
           "click._winconsole", "typer.core", "typer.rich_utils")


class _Template(str):
    """A Danish template that also translates the English words click passes in as values."""

    __slots__ = ()

    def format(self, *args: object, **kwargs: object) -> str:  # noqa: A003 - str.format
        kwargs = {k: WORDS.get(v, v) if isinstance(v, str) else v for k, v in kwargs.items()}
        return str.format(self, *args, **kwargs)


def gettext_da(message: str) -> str:
    found = DA.get(message)
    if found is None:
        return WORDS.get(message, message)
    return _Template(found)


def ngettext_da(singular: str, plural: str, n: int) -> str:
    return gettext_da(singular if n == 1 else plural)


_active = "en"


def activate(lang: str) -> None:
    """Make click's and typer's messages Danish ("da") or English (anything else)."""
    global _active
    da = lang == "da"
    one, many = (gettext_da, ngettext_da) if da else (_gettext.gettext, _gettext.ngettext)
    for name in MODULES:
        module = sys.modules.get(name)
        if module is None:
            continue
        if hasattr(module, "_"):
            module._ = one  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = many  # type: ignore[attr-defined]
    _active = "da" if da else "en"
