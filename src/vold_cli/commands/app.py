"""The Typer application, and the single place where errors become one line on stderr and an exit code."""

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import click
import typer
from typer.core import TyperGroup

from vold_cli import __version__
from vold_cli.commands.common import LangOpt
from vold_cli.errors import EXIT_INTERRUPTED, EXIT_NOT_FOUND, EXIT_OK, EXIT_USAGE, VoldError

HELP = """\
Decision support for planning the social effort against violence in close relationships between adults
(partner violence), from Socialstyrelsen's knowledge note (2013).

\b
Examples:
  vold estimate --population 43000      the note's figures for 43,000 citizens
  vold estimate --municipality Aarhus   the same for a municipality (2024)
  vold interventions --phase secondary  what stops violence, strongest first
  vold interventions safe-dates         all about one intervention
  vold law 109                          Serviceloven § 109, and what changed
  vold map                              evidence gap map: phase x target group
  vold search kaerestevold              search, Danish letters optional
  vold report -m Viborg -o plan.html    a planning brief as one HTML file
  vold check tilbud.csv -m Viborg       your own offers against the note

Exit codes: 0 success, 1 not found or invalid knowledge base, 2 usage error, 130 interrupted.
"""

# One line each in `vold --help` (Click would cut the docstrings' first sentences with "...").
SUMMARIES = {
    "estimate": "How many are likely affected locally, with costs and caveats",
    "interventions": "Interventions by phase, target group and evidence",
    "law": "Legal references in the note, and what has changed since",
    "initiatives": "Initiatives the note listed (2013), with a status by today",
    "phases": "The three prevention phases and their strongest evidence",
    "map": "Evidence gap map: target group x prevention phase",
    "evidence": "The evidence scale and what each level suggests doing",
    "profile": "Who is more often exposed or uses violence; crisis centres",
    "definition": "The definition, the forms of violence, the two kinds of data",
    "implementation": "Drivers, factors and the four implementation strategies",
    "documentation": "Goals -> indicators -> data sources, and where none exist",
    "economy": "National annual costs by item, and what they leave out",
    "figures": "The note's national figures, each with the note's own reservation",
    "search": "Search the chosen language's texts; each hit names the command that shows it",
    "report": "A planning brief as Markdown or one self-contained HTML file",
    "check": "Your own offers held against the evidence, the law and the need",
    "kb": "Validate, describe or copy the knowledge base",
}


def _say(line: str) -> None:
    if sys.stderr is None:  # started with stderr closed (2>&-): the exit code still tells
        return
    try:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _fail(message: str, code: int) -> int:
    from vold_cli.i18n.lang import current
    from vold_cli.i18n.messages import translate
    from vold_cli.sanitize import one_line

    language = current()
    # one harmless line: controls shown as \x1b, long values cut
    _say(("Fejl: " if language == "da" else "Error: ") + one_line(translate(message, language)))
    return code


def _fail_english(message: str, code: int) -> int:
    from vold_cli.sanitize import one_line

    _say(f"Error: {one_line(message)}")
    return code


def _lang_in_argv(argv: list[str]) -> str | None:
    """The value of the last --lang/-l on the command line, before or after the command (None: not given)."""
    found = None
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            break
        if arg in ("--lang", "-l"):
            if i + 1 < len(argv):
                found = argv[i + 1]
            i += 2
            continue
        if arg.startswith("--lang="):
            found = arg[len("--lang="):]
        elif arg.startswith("-l") and not arg.startswith("--") and len(arg) > 2:
            found = arg[2:]
        i += 1
    return found


def _choose_language(group: click.Group, argv: list[str]) -> None:
    """Settle the language before Click builds any help or message: --lang, else VOLD_LANG, else the locale.
    An unknown value is a usage error naming da and en."""
    from vold_cli.i18n.lang import choose, from_environment, parse_lang

    choose(None)
    given = _lang_in_argv(argv)
    language = parse_lang(given) if given is not None else from_environment()
    choose(language)
    if language == "da" or "vold_cli.i18n.click_catalog" in sys.modules:  # English needs nothing unless Danish was on
        from vold_cli.i18n import click_catalog as i18n

        i18n.activate(language)
    if language == "da":
        from vold_cli.i18n.help_da import translate_help

        translate_help(group)


def _drop_stdout() -> None:
    """Point stdout at the null device, so that Python's own flush at exit does not fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _usage_line(exc: click.UsageError) -> str:
    message = " ".join(exc.format_message().split())
    path = exc.ctx.command_path if exc.ctx else "vold"
    end = "" if message.endswith(("?", "!")) else "."
    return f"{message.rstrip('.')}{end} Try '{path} --help'."


def _null_stdout() -> None:
    """Give a closed stdout the null device (on fd 1, so no file opened later gets fd 1 and the answer)."""
    fd = os.open(os.devnull, os.O_WRONLY)
    if fd != 1:
        os.dup2(fd, 1)
        os.close(fd)
    sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115 - lives as long as the process


def _writes_to_file(argv: list[str]) -> bool:
    """Whether the command line writes its result to a file, not stdout: `kb init DIR`, `report -o FILE`."""
    name = _wanted(argv)
    if name is None or name not in argv:
        return False
    rest = argv[argv.index(name) + 1:]
    if name == "kb":
        return [a for a in rest if not a.startswith("-")][:1] == ["init"]
    if name != "report":
        return False
    for i, arg in enumerate(rest):
        if arg in ("-o", "--output"):
            value = rest[i + 1] if i + 1 < len(rest) else None
        elif arg.startswith("--output="):
            value = arg.split("=", 1)[1]
        elif arg.startswith("-o") and not arg.startswith("--"):
            value = arg[2:]
        else:
            continue
        return value not in (None, "", "-")
    return False


class WholeSummaries(TyperGroup):
    """A group whose command list shows each summary whole, wrapped to the terminal."""

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list with whole summaries, wrapped to the terminal, never cut with '...'."""
        # Click's gettext: Danish when the language is Danish (cli/i18n.py)
        translate: Callable[[str], str] = getattr(click.core, "_")  # noqa: B009

        from vold_cli.i18n.lang import current

        summaries = SUMMARIES if current() != "da" else {}  # Danish: cli/help_da.py put them in short_help
        rows = []
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is None or cmd.hidden:
                continue
            rows.append((name, summaries.get(name) or cmd.short_help or cmd.get_short_help_str(limit=10_000)))
        if rows:
            with formatter.section(translate("Commands")):
                formatter.write_dl(rows)


class VoldGroup(WholeSummaries):
    """Runs the app without Click's standalone handling, so every failure is mapped here exactly once."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:  # `--show-completion` alone detects the shell; Typer cannot say "value optional"
            if param.name in ("install_completion", "show_completion") and isinstance(param, click.Option):
                param._flag_needs_value = True
                param.flag_value = "auto"

    def main(self, args: Any = None, prog_name: str | None = None,  # type: ignore[override]  # click's overloads
             complete_var: str | None = None, standalone_mode: bool = True, **extra: Any) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        if os.environ.get(complete_var or "_VOLD_COMPLETE"):  # the shell asks for completions
            from typer.completion import completion_init  # type: ignore[attr-defined]  # imported there from _completion_shared

            completion_init()  # Typer's bash/zsh/fish/powershell protocol
        if not argv:
            argv = ["--help"]
        code = self._run(argv, prog_name or "vold", complete_var, **extra)
        if not standalone_mode:
            return code
        sys.exit(code)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:  # Typer would turn it into a silent exit 130; say "Interrupted." in _run
            raise click.Abort() from None

    def _run(self, argv: list[str], prog_name: str, complete_var: str | None, **extra: Any) -> int:
        if sys.stdout is None:  # started with stdout closed (>&-): nowhere to put the answer
            if not _writes_to_file(argv):
                return _fail("standard output is closed, so the answer cannot be written.", EXIT_NOT_FOUND)
            _null_stdout()  # `report -o FILE`, `kb init DIR` write a file; fd 1 must not become that file
        try:
            _choose_language(self, argv)
            result = super().main(args=argv, prog_name=prog_name, complete_var=complete_var,
                                  standalone_mode=False, **extra)
            return result if isinstance(result, int) else EXIT_OK
        except click.exceptions.NoArgsIsHelpError as exc:  # `vold kb` alone: show its help
            sys.stdout.write(exc.ctx.get_help() + "\n")
            return EXIT_OK
        except click.exceptions.Exit as exc:
            if isinstance(exc.__cause__, KeyboardInterrupt):  # Typer's silent 130 for Ctrl-C
                return _fail("Interrupted.", EXIT_INTERRUPTED)
            return exc.exit_code
        except click.UsageError as exc:
            return _fail(_usage_line(exc), EXIT_USAGE)
        except click.ClickException as exc:
            return _fail(" ".join(exc.format_message().split()), exc.exit_code)
        except VoldError as exc:
            return _fail(str(exc), exc.exit_code)
        except (click.Abort, KeyboardInterrupt):
            return _fail("Interrupted.", EXIT_INTERRUPTED)
        except SystemExit as exc:
            # Rich meets a closed pipe itself: it points stdout at the null device and exits with 1
            # (Console.on_broken_pipe). For vold a reader that goes away is not an error.
            if isinstance(exc.__context__, BrokenPipeError):
                return EXIT_OK
            raise
        except BrokenPipeError:
            # The reader went away (`vold ... | head`): stop quietly, and keep Python from
            # complaining again when it flushes stdout at exit.
            _drop_stdout()
            return EXIT_OK
        except OSError as exc:
            if exc.filename is None:  # writing the answer failed, e.g. a full disk (`vold map > /dev/full`)
                _drop_stdout()
                return _fail(f"cannot write the output ({exc.strerror or exc}).", EXIT_NOT_FOUND)
            return _fail(f"{exc.filename}: {exc.strerror or exc}.", EXIT_NOT_FOUND)
        except UnicodeEncodeError as exc:
            encoding = getattr(sys.stdout, "encoding", None) or exc.encoding
            # In English on purpose: a terminal that cannot show Danish letters cannot show the Danish message.
            return _fail_english(
                f"the output encoding {encoding!r} cannot show {exc.object[exc.start:exc.end]!r}. "
                "Use a UTF-8 terminal or set PYTHONIOENCODING=utf-8.",
                EXIT_NOT_FOUND,
            )
        except Exception as exc:  # a bug: still no traceback unless asked for
            if os.environ.get("VOLD_DEBUG"):
                raise
            return _fail(
                f"internal error ({type(exc).__name__}: {exc}). Set VOLD_DEBUG=1 to see the traceback, "
                "and please report it.",
                EXIT_NOT_FOUND,
            )


app = typer.Typer(
    cls=VoldGroup,
    name="vold",
    help=HELP,
    no_args_is_help=True,
    add_completion=False,  # our own --install-completion/--show-completion below take a shell name
    suggest_commands=False,  # Click suggests already (in the chosen language); Typer's would say it twice
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 120},
)


SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


def _shell(value: str) -> str:
    """The shell named, else the one vold runs under (detected, else $SHELL); a usage error if unknown."""
    if value and value != "auto":
        name = value.lower()
    else:
        from typer._completion_shared import _get_shell_name

        name = _get_shell_name() or os.path.basename(os.environ.get("SHELL", "")).lower()
        if not name:
            raise click.UsageError("cannot tell which shell this is. Name it: --show-completion bash, zsh or fish")
    if name not in SHELLS:
        raise click.UsageError(f"no completion for the shell {name!r}. Use one of: {', '.join(SHELLS)}")
    return name


def _completion(action: str) -> Callable[[click.Context, click.Parameter, str | None], None]:
    def callback(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
        if value is None or ctx.resilient_parsing:
            return
        from typer.completion import (  # type: ignore[attr-defined]  # re-exported from _completion_shared
            completion_init,
            install_callback,
            show_callback,
        )

        completion_init()
        shell = _shell(value)
        (show_callback if action == "show" else install_callback)(ctx, param, shell)

    return callback


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"vold {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    version: Annotated[bool, typer.Option("--version", "-V", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
    kb: Annotated[Path | None, typer.Option("--kb", metavar="PATH", show_default=False,
                  help="Knowledge folder for every command (also VOLD_KB; a command's own --kb wins).")] = None,
    lang: LangOpt = None,
    install_completion: Annotated[str | None, typer.Option(
        "--install-completion", metavar="[SHELL]", expose_value=False,
        is_eager=True, callback=_completion("install"), show_default=False,
        help="Install completion for SHELL (bash, zsh, fish; default: the current shell).")] = None,
    show_completion: Annotated[str | None, typer.Option(
        "--show-completion", metavar="[SHELL]", expose_value=False,
        is_eager=True, callback=_completion("show"), show_default=False,
        help="Print the completion script for SHELL (default: the current shell).")] = None,
) -> None:
    """Decision support for planning against violence in close relationships."""
    ctx.obj = {"kb": kb}


#: The module that defines each command (browse: every other one). `vold` imports only the one it runs.
_HOMES = {"kb": "kb", "estimate": "estimate", "report": "report", "check": "check"}


def _register(only: str | None = None) -> None:
    """Register the commands, in the order of `vold --help`; with `only` (a command's name, as __main__ passes
    it) just the module that defines it, so running one command does not import the others'."""
    wanted = _HOMES.get(only, "browse") if only in SUMMARIES else None
    if wanted in (None, "kb"):
        from vold_cli.commands import kb

        app.add_typer(kb.app, name="kb", cls=WholeSummaries)
    if wanted in (None, "estimate"):
        from vold_cli.commands import estimate

        estimate.register(app)
    if wanted in (None, "browse"):
        from vold_cli.commands import browse

        browse.register(app)
    if wanted in (None, "report"):
        from vold_cli.commands import report

        report.register(app)
    if wanted in (None, "check"):
        from vold_cli.commands import check

        check.register(app)


def _only() -> str | None:
    """The command __main__ is about to run (vold_cli.commands.RUNNING), None when imported otherwise (tests)."""
    from vold_cli.commands import RUNNING

    return _wanted(RUNNING) if RUNNING is not None else None


_ROOT_OPTIONS_WITH_VALUE = {"--kb", "--lang", "-l"}


def _wanted(argv: list[str]) -> str | None:
    """The subcommand named on the command line, skipping the root's own options; None if unclear."""
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in _ROOT_OPTIONS_WITH_VALUE:
            i += 2
            continue
        if arg.split("=", 1)[0] in _ROOT_OPTIONS_WITH_VALUE:
            i += 1
            continue
        return None if arg.startswith("-") else arg
    return None


_register(_only())


def keep_only(argv: list[str]) -> None:
    """Let Typer build Click objects only for the command being run (all of them for help, errors, unknown names)."""
    name = _wanted(argv)
    commands = [c for c in app.registered_commands if c.name == name]
    groups = [g for g in app.registered_groups if g.name == name]
    if commands or groups:
        app.registered_commands = commands
        app.registered_groups = groups
