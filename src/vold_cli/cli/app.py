"""The Typer application, and the single place where errors become one line on stderr and an exit code."""

import os
import sys
from pathlib import Path
from typing import Annotated, Any

import click
import typer
from typer.core import TyperGroup

from .. import __version__
from ..errors import EXIT_NOT_FOUND, EXIT_OK, EXIT_USAGE, VoldError
from .common import LangOpt

HELP = """\
Decision support for planning the social effort against violence in close relationships between adults
(partner violence), from Socialstyrelsen's knowledge note (2013).

\b
Examples:
  vold estimate --population 43000          what the national figures mean for 43,000 citizens
  vold estimate --municipality Aarhus       the same for a municipality (population 2024)
  vold interventions --phase secondary      interventions that stop violence, strongest evidence first
  vold interventions safe-dates             everything known about one intervention
  vold law 109                              Serviceloven § 109, and what has changed since the note
  vold map                                  evidence gap map: prevention phase x target group
  vold search kaerestevold                  search every section, with or without Danish letters
  vold report --municipality Viborg --format html -o plan.html
  vold check tilbud.csv -m Viborg           the municipality's own offers against the note

Exit codes: 0 success, 1 not found or invalid knowledge base, 2 usage error.
"""


def _say(line: str) -> None:
    if sys.stderr is None:  # started with stderr closed (2>&-): the exit code still tells
        return
    try:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _fail(message: str, code: int) -> int:
    from ..lang import current
    from ..messages import translate

    language = current()
    _say(("Fejl: " if language == "da" else "Error: ") + translate(message, language))
    return code


def _fail_english(message: str, code: int) -> int:
    _say(f"Error: {message}")
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
    from ..lang import choose, from_environment, parse_lang

    choose(None)
    given = _lang_in_argv(argv)
    language = parse_lang(given) if given is not None else from_environment()
    choose(language)
    if language == "da" or "vold_cli.cli.i18n" in sys.modules:  # English needs nothing unless Danish was on
        from . import i18n

        i18n.activate(language)
    if language == "da":
        from .help_da import translate_help

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


class VoldGroup(TyperGroup):
    """Runs the app without Click's standalone handling, so every failure is mapped here exactly once."""

    def main(self, args: Any = None, prog_name: str | None = None,  # type: ignore[override]  # click's overloads
             complete_var: str | None = None, standalone_mode: bool = True, **extra: Any) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        if not argv:
            argv = ["--help"]
        code = self._run(argv, prog_name or "vold", complete_var, **extra)
        if not standalone_mode:
            return code
        sys.exit(code)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:  # Typer would turn it into a silent exit 130; say "Aborted." in _run
            raise click.Abort() from None

    def _run(self, argv: list[str], prog_name: str, complete_var: str | None, **extra: Any) -> int:
        if sys.stdout is None:  # started with stdout closed (>&-): nowhere to put the answer
            return _fail("standard output is closed, so the answer cannot be written.", EXIT_NOT_FOUND)
        try:
            _choose_language(self, argv)
            result = super().main(args=argv, prog_name=prog_name, complete_var=complete_var,
                                  standalone_mode=False, **extra)
            return result if isinstance(result, int) else EXIT_OK
        except click.exceptions.NoArgsIsHelpError as exc:  # `vold kb` alone: show its help
            sys.stdout.write(exc.ctx.get_help() + "\n")
            return EXIT_OK
        except click.exceptions.Exit as exc:
            return exc.exit_code
        except click.UsageError as exc:
            return _fail(_usage_line(exc), EXIT_USAGE)
        except click.ClickException as exc:
            return _fail(" ".join(exc.format_message().split()), exc.exit_code)
        except VoldError as exc:
            return _fail(str(exc), exc.exit_code)
        except (click.Abort, KeyboardInterrupt):
            from ..lang import current

            _say("Afbrudt." if current() == "da" else "Aborted.")
            return 130
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
    add_completion=False,
    suggest_commands=False,  # Click suggests already (in the chosen language); Typer's would say it twice
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 120},
)


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
) -> None:
    """Decision support for planning against violence in close relationships."""
    ctx.obj = {"kb": kb}


def _register() -> None:
    from . import browse, check, estimate, kb, report

    app.add_typer(kb.app, name="kb")
    for module in (estimate, browse, report, check):
        module.register(app)


_register()


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


def keep_only(argv: list[str]) -> None:
    """Let Typer build Click objects only for the command being run (all of them for help, errors, unknown names)."""
    name = _wanted(argv)
    commands = [c for c in app.registered_commands if c.name == name]
    groups = [g for g in app.registered_groups if g.name == name]
    if commands or groups:
        app.registered_commands = commands
        app.registered_groups = groups
