"""The Typer application, and the single place where errors become one line on stderr and an exit code."""

import errno
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import click
import typer

from vold_cli import __version__
from vold_cli.commands.common import LangOpt
from vold_cli.commands.registry import Entry, LazyGroup, localize
from vold_cli.errors import EXIT_INTERRUPTED, EXIT_NOT_FOUND, EXIT_OK, EXIT_USAGE, INTERRUPTED, VoldError
from vold_cli.i18n.bilingual import Bilingual

#: The root's help: what vold is for, the examples, the exit codes (its options carry their own words below).
ROOT = Entry(
    "vold", order=0, summary=Bilingual(da="", en=""),
    help=Bilingual(da="Beslutningsstøtte til planlægning af den sociale indsats mod vold i nære relationer mellem voksne "
                 "(partnervold), bygget på Socialstyrelsens vidensnotat (2013).",
              en="Decision support for planning the social effort against violence in close relationships between "
                 "adults (partner violence), from Socialstyrelsen's knowledge note (2013)."),
    examples=(
        ("vold estimate --population 43000", Bilingual(da="notatets tal for 43.000 borgere",
                                                  en="the note's figures for 43,000 citizens")),
        ("vold estimate --municipality Aarhus", Bilingual(da="det samme for en kommune (2024)",
                                                     en="the same for a municipality (2024)")),
        (Bilingual(da="vold interventions --phase sekundær", en="vold interventions --phase secondary"),
         Bilingual(da="indsatser mod volden, stærkest først", en="what stops violence, strongest first")),
        ("vold interventions safe-dates", Bilingual(da="alt om én indsats", en="all about one intervention")),
        ("vold law 109", Bilingual(da="serviceloven § 109 og ændringerne", en="Serviceloven § 109, and what changed")),
        ("vold map", Bilingual(da="evidenskort: fase x målgruppe", en="evidence gap map: phase x target group")),
        (Bilingual(da="vold search kaerestevold", en="vold search kaerestevold -l da"),
         Bilingual(da="søg, danske bogstaver valgfri", en="search Danish, Danish letters optional")),
        ("vold report -m Viborg -o plan.html", Bilingual(da="et planlægningsgrundlag som én HTML-fil",
                                                    en="a planning brief as one HTML file")),
        ("vold check tilbud.csv -m Viborg", Bilingual(da="egne tilbud holdt op mod notatet",
                                                 en="your own offers against the note")),
    ),
    after=Bilingual(da="Afslutningskoder: 0 udført, 1 ikke fundet eller ugyldig vidensbase, 2 forkert brug, 130 afbrudt.",
               en="Exit codes: 0 success, 1 not found or invalid knowledge base, 2 usage error, 130 interrupted."))


def _say(line: str) -> None:
    if sys.stderr is None:  # started with stderr closed (2>&-): the exit code still tells
        return
    try:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _fail(message: Bilingual, code: int) -> int:
    """The one place an error becomes a line on stderr: 'Fejl: …' / 'Error: …' in the user's language."""
    from vold_cli.errors import ERROR
    from vold_cli.i18n.lang import current, pick
    from vold_cli.sanitize import one_line

    # one harmless line: controls shown as \x1b, long values cut
    _say(one_line(pick(ERROR + message, current())))
    return code


def _fail_english(message: Bilingual, code: int) -> int:
    from vold_cli.errors import ERROR
    from vold_cli.i18n.lang import pick
    from vold_cli.sanitize import one_line

    _say(one_line(pick(ERROR + message, "en")))
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
    if language == "da" or "vold_cli.i18n.click_gettext" in sys.modules:  # English needs nothing unless Danish was on
        from vold_cli.i18n import click_gettext

        click_gettext.activate(language)  # Click's and Typer's own messages: the gettext catalogue
    localize(group, _root, language)


def _narrow(stream: object) -> bool:
    """Whether `stream` is in an encoding other than UTF (as Windows' redirected stdout, cp1252)."""
    name = str(getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "").replace("_", "")
    return not name.startswith("utf")


def _drop_stdout() -> None:
    """Point stdout at the null device, so that Python's own flush at exit does not fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY | getattr(os, "O_BINARY", 0))
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _usage_line(exc: click.UsageError) -> Bilingual:
    """Click's message (already in the user's language: its gettext catalogue) and where to read more."""
    message = " ".join(exc.format_message().split())
    path = exc.ctx.command_path if exc.ctx else "vold"
    end = "" if message.endswith(("?", "!")) else "."
    return Bilingual.same(f"{message.rstrip('.')}{end} ") + Bilingual(f"Prøv '{path} --help'.", f"Try '{path} --help'.")


def _null_stdout() -> None:
    """Give a closed stdout the null device (on fd 1, so no file opened later gets fd 1 and the answer)."""
    fd = os.open(os.devnull, os.O_WRONLY | getattr(os, "O_BINARY", 0))
    if fd != 1:
        os.dup2(fd, 1)
        os.close(fd)
    sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115 - lives as long as the process


def _writes_to_file(argv: list[str]) -> bool:
    """Whether the command line writes its result to a file, not stdout: `kb init DIR`, or any command's
    `-o FILE` (`report`, `estimate`, the listings, `check`, `check --template`)."""
    name = _wanted(argv)
    if name is None or name not in argv:
        return False
    rest = argv[argv.index(name) + 1:]
    if name == "kb":
        return [a for a in rest if not a.startswith("-")][:1] == ["init"]
    value = None  # the last -o counts, as for Click
    for i, arg in enumerate(rest):
        if arg == "--":
            break
        if arg in ("-o", "--output"):
            value = rest[i + 1] if i + 1 < len(rest) else None
        elif arg.startswith("--output="):
            value = arg.split("=", 1)[1]
        elif arg.startswith("-o") and not arg.startswith("--"):
            value = arg[2:]
    return value not in (None, "", "-")


class VoldGroup(LazyGroup):
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

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        from vold_cli.i18n.lang import current

        self.help = ROOT.text(current())  # built only when the help is shown
        super().format_help_text(ctx, formatter)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:  # Typer would turn it into a silent exit 130; say "Interrupted." in _run
            raise click.Abort() from None

    def _run(self, argv: list[str], prog_name: str, complete_var: str | None, **extra: Any) -> int:
        if sys.stdout is None:  # started with stdout closed (>&-): nowhere to put the answer
            if not _writes_to_file(argv):
                return _fail(Bilingual("standardoutput er lukket, så svaret kan ikke skrives.",
                                       "standard output is closed, so the answer cannot be written."), EXIT_NOT_FOUND)
            _null_stdout()  # `-o FILE`, `kb init DIR` write a file; fd 1 must not become that file
        elif _narrow(sys.stdout):  # cp1252, cp850 (Windows): what the encoding lacks is never an error
            from vold_cli.output.console import tolerate

            tolerate(sys.stdout)
        try:
            _choose_language(self, argv)
            result = super().main(args=argv, prog_name=prog_name, complete_var=complete_var,
                                  standalone_mode=False, **extra)
            if sys.stdout is not None:
                sys.stdout.flush()  # here, so that a closed pipe or a full disk is handled below (__main__.run)
            return result if isinstance(result, int) else EXIT_OK
        except click.exceptions.NoArgsIsHelpError as exc:  # `vold kb` alone: show its help
            sys.stdout.write(exc.ctx.get_help() + "\n")
            return EXIT_OK
        except click.exceptions.Exit as exc:
            if isinstance(exc.__cause__, KeyboardInterrupt):  # Typer's silent 130 for Ctrl-C
                return _fail(INTERRUPTED, EXIT_INTERRUPTED)
            return exc.exit_code
        except click.UsageError as exc:
            return _fail(_usage_line(exc), EXIT_USAGE)
        except click.ClickException as exc:  # Click's words, already in the user's language
            return _fail(Bilingual.same(" ".join(exc.format_message().split())), exc.exit_code)
        except VoldError as exc:
            return _fail(exc.full, exc.exit_code)
        except (click.Abort, KeyboardInterrupt):
            return _fail(INTERRUPTED, EXIT_INTERRUPTED)
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
            if exc.filename is None and exc.errno == errno.EINVAL:  # the same on Windows, which says EINVAL
                _drop_stdout()
                return EXIT_OK
            if exc.filename is None:  # writing the answer failed, e.g. a full disk (`vold map > /dev/full`)
                _drop_stdout()
                reason = exc.strerror or exc
                return _fail(Bilingual(f"kan ikke skrive svaret ({reason}).", f"cannot write the output ({reason})."),
                             EXIT_NOT_FOUND)
            return _fail(Bilingual.same(f"{exc.filename}: {exc.strerror or exc}."), EXIT_NOT_FOUND)
        except UnicodeEncodeError as exc:
            encoding = getattr(sys.stdout, "encoding", None) or exc.encoding
            shown = exc.object[exc.start:exc.end]
            # In English on purpose: a terminal that cannot show Danish letters cannot show the Danish message.
            return _fail_english(
                Bilingual(f"outputtets tegnsæt {encoding!r} kan ikke vise {shown!r}. "
                          "Brug en UTF-8-terminal, eller sæt PYTHONIOENCODING=utf-8.",
                          f"the output encoding {encoding!r} cannot show {shown!r}. "
                          "Use a UTF-8 terminal or set PYTHONIOENCODING=utf-8."),
                EXIT_NOT_FOUND,
            )
        except Exception as exc:  # a bug: still no traceback unless asked for
            if os.environ.get("VOLD_DEBUG"):
                raise
            detail = f"{type(exc).__name__}: {exc}"
            return _fail(
                Bilingual(f"intern fejl ({detail}). Sæt VOLD_DEBUG=1 for at se hele forløbet, og meld gerne fejlen.",
                          f"internal error ({detail}). Set VOLD_DEBUG=1 to see the traceback, and please report it."),
                EXIT_NOT_FOUND,
            )


app = typer.Typer(
    cls=VoldGroup,
    name="vold",
    help=None,  # ROOT's text, in the chosen language, when the help is shown (VoldGroup.format_help_text)
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
    from vold_cli.errors import UsageError

    if value and value != "auto":
        name = value.lower()
    else:
        from typer._completion_shared import _get_shell_name

        name = _get_shell_name() or os.path.basename(os.environ.get("SHELL", "")).lower()
        if not name:
            raise UsageError(Bilingual("kan ikke se, hvilken skal dette er. Navngiv den: --show-completion bash, zsh "
                                       "eller fish",
                                       "cannot tell which shell this is. Name it: --show-completion bash, zsh or fish"))
    if name not in SHELLS:
        listed = ", ".join(SHELLS)
        raise UsageError(Bilingual(f"ingen fuldførelse for skallen {name!r}. Brug en af: {listed}",
                                   f"no completion for the shell {name!r}. Use one of: {listed}"))
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


SHELL = Bilingual(da="[SKAL]", en="[SHELL]")


@app.callback()
def _root(
    ctx: typer.Context,
    version: Annotated[bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help=Bilingual(
        da="Vis versionen og afslut.", en="Show the version and exit."))] = False,
    kb: Annotated[Path | None, typer.Option("--kb", metavar=Bilingual(da="STI", en="PATH"), show_default=False, help=Bilingual(
        da="Vidensmappe til alle kommandoer (også VOLD_KB; en kommandos egen --kb går forud).",
        en="Knowledge folder for every command (also VOLD_KB; a command's own --kb wins)."))] = None,
    lang: LangOpt = None,
    install_completion: Annotated[str | None, typer.Option(
        "--install-completion", metavar=SHELL, expose_value=False, is_eager=True, callback=_completion("install"),
        show_default=False, help=Bilingual(
            da="Installér fuldførelse for SKAL (bash, zsh, fish; standard: den aktuelle skal).",
            en="Install completion for SHELL (bash, zsh, fish; default: the current shell)."))] = None,
    show_completion: Annotated[str | None, typer.Option(
        "--show-completion", metavar=SHELL, expose_value=False, is_eager=True, callback=_completion("show"),
        show_default=False, help=Bilingual(
            da="Skriv fuldførelsesscriptet for SKAL (standard: den aktuelle skal).",
            en="Print the completion script for SHELL (default: the current shell)."))] = None,
) -> None:
    """Decision support for planning against violence in close relationships."""
    ctx.obj = {"kb": kb}


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
