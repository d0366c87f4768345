"""The one command registry: every command of `vold` and all a person reads about it, beside its function.

A command is the module of this folder that bears its name: `vold law` is `commands/law.py`, which declares it with
`@command("law", ...)`: its place in `vold --help`, its one-line summary, its help and its examples, each in Danish
and English (`Bilingual`). Its options carry their help and metavar as `Bilingual` inside `typer.Option(...)`, so the two
languages of every text stand side by side. A group of commands (`vold kb`) is `group("kb", ...)`, its
subcommands `@kb.command("info", ...)`. CONTRIBUTING.md has the recipe.

Nothing else lists the commands. The root group loads them lazily, as Click's documented ways do (a group whose
`list_commands` and `get_command` find the commands in a folder, importing one only when it is asked for): `vold law
109` imports `commands/law.py` and no other command module and builds only that command's Click object; `vold
--help`, shell completion and a misspelt command import every module of this folder to read the entries, without
building them. `vold --help`, completion, the Danish help, the README's command table check and the tests read the
entries; a module of this folder that declares no command (common.py, complete.py, this one) is not a command.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import click
from typer.core import TyperGroup

from vold_cli.i18n.bilingual import Bilingual, pick

if TYPE_CHECKING:
    from typer.models import ParameterInfo

F = TypeVar("F", bound=Callable[..., object])


#: An example of a command's help: a command line (the same in both languages, or `Bilingual`), with a note or without.
Example = str | tuple[str, Bilingual]

#: Words of Click's usage line and help, which Click takes as attributes (its messages come through gettext).
EXAMPLES = Bilingual(da="Eksempler:", en="Examples:")
OPTIONS_METAVAR = Bilingual(da="[TILVALG]", en="[OPTIONS]")
SUBCOMMAND_METAVAR = Bilingual(da="KOMMANDO [ARGUMENTER]...", en="COMMAND [ARGS]...")


class Entry:
    """A command (a function, built by Typer) or a group of commands (`children`), and its words."""

    __slots__ = ("name", "order", "summary", "help", "examples", "after", "callback", "children", "module")

    def __init__(self, name: str, *, order: int, summary: Bilingual, help: Bilingual,  # noqa: A002 - Typer's word
                 examples: Sequence[Example] = (), after: Bilingual | None = None, module: str = "",
                 callback: Callable[..., object] | None = None, children: dict[str, Entry] | None = None) -> None:
        self.name = name
        self.order = order
        self.summary = summary  # one line in `vold --help` (and the group's help)
        self.help = help  # what the command does, before the examples
        self.examples = tuple(examples)
        self.after = after  # a paragraph after the examples
        self.module = module  # the module that declares it
        self.callback = callback
        self.children = children

    def text(self, lang: str) -> str:
        """The whole help in `lang`: what it does, the examples (notes lined up), the paragraph after them."""
        parts = [pick(self.help, lang)]
        lines = [(_pick(line, lang), _pick(note, lang) if note else "") for line, note in map(_split, self.examples)]
        if lines:
            width = max(len(line) for line, note in lines if note) + 2 if any(note for _, note in lines) else 0
            shown = "\n".join(f"  {line.ljust(width)}{note}".rstrip() for line, note in lines)
            parts.append(f"\b\n{pick(EXAMPLES, lang)}\n{shown}")
        if self.after is not None:
            parts.append(pick(self.after, lang))
        return "\n\n".join(parts)

    def example_lines(self, lang: str) -> list[str]:
        """The command lines of the examples in `lang` (what the tests run)."""
        return [_pick(_split(example)[0], lang) for example in self.examples]

    def command(self, name: str, *, summary: Bilingual, help: Bilingual,  # noqa: A002 - Typer's word
                examples: Sequence[Example] = (), after: Bilingual | None = None) -> Callable[[F], F]:
        """Declare a subcommand of this group (`@kb.command("info", ...)`), listed in the order declared."""
        assert self.children is not None, f"{self.name} is a command, not a group"
        children = self.children

        def declare(callback: F) -> F:
            children[name] = Entry(name, order=len(children), summary=summary, help=help, examples=examples,
                                   after=after, module=callback.__module__, callback=callback)
            return callback

        return declare

    def __repr__(self) -> str:
        return f"Entry({self.name!r})"


def _split(example: Example) -> tuple[str, Bilingual | None]:
    return (example[0], example[1]) if isinstance(example, tuple) else (example, None)


def _pick(text: str, lang: str) -> str:
    return pick(text, lang) if isinstance(text, Bilingual) else text


#: The commands declared so far, by name (a module adds its own when it is imported).
ENTRIES: dict[str, Entry] = {}

PACKAGE = "vold_cli.commands"


def _declare(entry: Entry) -> None:
    home = f"{PACKAGE}.{entry.name}"
    if entry.module != home:
        raise RuntimeError(f"the command {entry.name!r} must be declared in {home} (found in {entry.module}), "
                           "so that `vold` finds it without importing every command")
    ENTRIES[entry.name] = entry


def command(name: str, *, order: int, summary: Bilingual, help: Bilingual,  # noqa: A002 - Typer's word
            examples: Sequence[Example] = (), after: Bilingual | None = None) -> Callable[[F], F]:
    """Declare the function as the command `vold <name>`; it must live in `commands/<name>.py`. `order` places it
    in `vold --help` (and the README's table), smallest first."""

    def declare(callback: F) -> F:
        _declare(Entry(name, order=order, summary=summary, help=help, examples=examples, after=after,
                       module=callback.__module__, callback=callback))
        return callback

    return declare


def group(name: str, *, module: str, order: int, summary: Bilingual, help: Bilingual,  # noqa: A002 - Typer's word
          examples: Sequence[Example] = (), after: Bilingual | None = None) -> Entry:
    """Declare the group `vold <name>` (in `commands/<name>.py`, whose `__name__` is `module`); its subcommands
    are declared with `@<group>.command(...)`."""
    entry = Entry(name, order=order, summary=summary, help=help, examples=examples, after=after, module=module,
                  children={})
    _declare(entry)
    return entry


def module_names() -> list[str]:
    """The modules of this folder (each may declare a command of its name), read from the folder itself."""
    import os

    return sorted(name[:-3] for name in os.listdir(os.path.dirname(__file__))
                  if name.endswith(".py") and not name.startswith("_"))


def find(name: str) -> Entry | None:
    """The command called `name`, importing only its module (one of this folder's own files, never another name
    typed on the command line); None when there is none."""
    if name not in ENTRIES and name in module_names():
        import importlib

        importlib.import_module(f"{PACKAGE}.{name}")
    return ENTRIES.get(name)


def entries() -> list[Entry]:
    """Every command, in the order of `vold --help` (imports every module of this folder)."""
    for name in module_names():
        find(name)
    return sorted(ENTRIES.values(), key=lambda entry: (entry.order, entry.name))


def paths(entry: Entry | None = None) -> list[list[str]]:
    """Every command line that names a command or group, `[]` (the root) first: ['law'], ['kb'], ['kb', 'info']."""
    if entry is None:
        return [[], *[path for top in entries() for path in paths(top)]]
    return [[entry.name], *[[entry.name, *path] for child in (entry.children or {}).values() for path in paths(child)]]


# --- building the Click objects, in the chosen language --------------------------------------------------------

def build(entry: Entry, lang: str) -> click.Command:
    """The Click command (or group) of `entry`, with its help, summary, options' help and metavars in `lang`."""
    if entry.children is not None:
        built: click.Command = LazyGroup(name=entry.name, children=entry.children, help=entry.text(lang),
                                         short_help=pick(entry.summary, lang), no_args_is_help=True,
                                         rich_markup_mode=None)
    else:
        from typer.main import get_command_from_info
        from typer.models import CommandInfo

        built = get_command_from_info(
            CommandInfo(name=entry.name, callback=entry.callback, help=entry.text(lang),
                        short_help=pick(entry.summary, lang)),
            pretty_exceptions_short=True, rich_markup_mode=None)
    localize(built, entry.callback, lang)
    _format_from_ending(built)
    return built


def _format_from_ending(command: click.Command) -> None:
    """`vold check tilbud.csv -o svar.docx` writes Word, as `vold report -o plan.docx` does: when --format is not
    given (its default is the terminal's table) and the -o file's ending names a format the command writes, that
    format is chosen. Given explicitly, --format wins and a contradiction stays a usage error (check_output); an
    ending no format claims (.txt) keeps the table, which check_output refuses with the formats to choose from."""
    fmt = next((p for p in command.params if p.name == "fmt"), None)
    if fmt is None or not any(p.name == "output" for p in command.params):
        return
    parse = command.parse_args

    def parse_args(ctx: click.Context, args: list[str]) -> list[str]:
        rest = parse(ctx, args)
        output = ctx.params.get("output")
        if (ctx.params.get("fmt") != "table" or not isinstance(output, str) or output in ("", "-")
                or ctx.get_parameter_source("fmt") is not click.core.ParameterSource.DEFAULT):
            return rest
        from pathlib import Path

        from vold_cli.output.formats import by_suffix

        named = by_suffix(Path(output))
        if named is not None:
            try:
                ctx.params["fmt"] = fmt.type.convert(named.name, fmt, ctx)
            except click.BadParameter:  # a format this command does not write: the table's own refusal follows
                pass
        return rest

    command.parse_args = parse_args  # type: ignore[method-assign]


def _parameter_infos(callback: Callable[..., object] | None) -> dict[str, ParameterInfo]:
    """The `typer.Option`/`typer.Argument` of each parameter of `callback`, by name."""
    if callback is None:
        return {}
    import inspect

    from typer.models import ParameterInfo

    out = {}
    for name, parameter in inspect.signature(callback, eval_str=True).parameters.items():
        found = [m for m in getattr(parameter.annotation, "__metadata__", ()) if isinstance(m, ParameterInfo)]
        if found:
            out[name] = found[0]
    return out


def localize(built: click.Command, callback: Callable[..., object] | None, lang: str) -> None:
    """Put `lang`'s words into the options of `built` (whose function is `callback`): each option's help and
    metavar from its `Bilingual`, the --format help from the format registry, Click's usage words. In English Typer
    has put them there already (a `Bilingual` is the English), all but the --format help."""
    import inspect

    infos = _parameter_infos(callback) if lang != "en" else {}
    for param in built.params:
        info = infos.get(param.name or "")
        shown_help = getattr(param.type, "help_text", None)  # the format registry's formats (common.FormatChoice)
        if callable(shown_help):
            own = info.help if info is not None else param.help  # an option's own words after the formats'
            extra = pick(own, lang) if isinstance(own, Bilingual) else own or ""
            param.help = " ".join(filter(None, (shown_help(lang), extra)))
            _show_default(param, lang)
        elif info is not None and isinstance(info.help, Bilingual):
            param.help = inspect.cleandoc(pick(info.help, lang))
        if info is not None and isinstance(info.metavar, Bilingual):
            param.metavar = pick(info.metavar, lang)
    built.options_metavar = pick(OPTIONS_METAVAR, lang)
    if isinstance(built, click.Group):
        built.subcommand_metavar = pick(SUBCOMMAND_METAVAR, lang)


def _show_default(param: click.Parameter, lang: str) -> None:
    """Typer shows an option's default as the value ('[default: table]'): shown as the format's word in `lang`."""
    word = getattr(param.type, "word", None)
    if callable(word) and isinstance(param.default, str):
        shown = word(param.default, lang)
        param._get_default_string = lambda **_: shown  # type: ignore[attr-defined]  # Typer's hook, see typer.core


class LazyGroup(TyperGroup):
    """A group whose commands are registry entries, each built (in the chosen language) only when asked for:
    `children`, or for the root (None) the commands of this folder."""

    def __init__(self, *args: Any, children: dict[str, Entry] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.children = children
        self._built: dict[str, click.Command] = {}

    def entries(self) -> list[Entry]:
        return list(self.children.values()) if self.children is not None else entries()

    def entry(self, name: str) -> Entry | None:
        return self.children.get(name) if self.children is not None else find(name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [entry.name for entry in self.entries()]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        built = self._built.get(cmd_name)
        if built is None:
            entry = self.entry(cmd_name)
            if entry is None:
                return None
            from vold_cli.i18n.lang import current

            built = self._built[cmd_name] = build(entry, current())
        return built

    def resolve_command(self, ctx: click.Context, args: list[str]) -> tuple[str | None, click.Command | None,
                                                                            list[str]]:
        """Click's, with "did you mean" drawn from every command (Click would look only at those built)."""
        unknown = getattr(click.exceptions, "NoSuchCommand", None)  # click >= 8.4
        name = args[0] if args else ""
        if (unknown is not None and not ctx.resilient_parsing and not name.startswith("-")
                and self.get_command(ctx, name) is None):
            raise unknown(name, possibilities=self.list_commands(ctx), ctx=ctx)
        return super().resolve_command(ctx, args)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list with each summary whole (in the chosen language), wrapped, never cut with '...'."""
        from vold_cli.i18n.lang import current

        translate: Callable[[str], str] = getattr(click.core, "_")  # noqa: B009 - Click's gettext, in the language
        language = current()
        rows = [(entry.name, pick(entry.summary, language)) for entry in self.entries()]
        if rows:
            with formatter.section(translate("Commands")):
                formatter.write_dl(rows)
