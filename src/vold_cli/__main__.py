"""`python -m vold_cli` and the `vold` console script."""

import _signal  # type: ignore[import-not-found]  # the C module: `signal` imports enum, functools and collections, time in which Ctrl-C would
import os  # still give a traceback (os and sys are loaded before any program runs)
import sys


def _interrupted(signum: int, frame: object) -> None:
    """Ctrl-C at any moment: one line, exit 130. Nothing is raised into the running code (a KeyboardInterrupt
    raised inside an import, a weak-reference callback or a destructor prints a traceback Python cannot stop);
    instead the temporary files and folders being written are removed here (files.discard_pending) and the
    process ends at once."""
    _signal.signal(_signal.SIGINT, _signal.SIG_IGN)
    files = sys.modules.get("vold_cli.output.files")
    if files is not None:
        try:
            files.discard_pending()
        except BaseException:  # noqa: S110 - best effort; the exit below must happen
            pass
    try:
        os.write(2, _interrupted_line().encode("utf-8", "replace"))
    except OSError:
        pass
    os._exit(130)


def _interrupted_line() -> str:
    """'Fejl: Afbrudt.' / 'Error: Interrupted.' in the language chosen so far (English before it is chosen): read
    from the modules already loaded, so that nothing is imported while the process is being stopped."""
    errors = sys.modules.get("vold_cli.errors")
    lang = sys.modules.get("vold_cli.i18n.lang")
    language = "en"
    try:
        language = lang.current() if lang is not None else "en"
    except BaseException:  # noqa: S110 - best effort; the line must be written
        pass
    bilingual = sys.modules.get("vold_cli.i18n.bilingual")
    if errors is None or bilingual is None:
        return "Error: Interrupted.\n"
    return str(bilingual.pick(errors.ERROR + errors.INTERRUPTED, language)) + "\n"


# Installed when this module is imported, before any other import: Ctrl-C during start-up gives one line and 130.
_signal.signal(_signal.SIGINT, _interrupted)


def main() -> None:
    _signal.signal(_signal.SIGINT, _interrupted)  # again: main() may be called after a handler was changed
    try:
        import gc

        gc.disable()  # a short-lived process: the cyclic collector only re-walks what the imports and the data create
        from vold_cli.commands.app import app

        app()  # builds the root group only; the command asked for is imported and built when Click resolves it
    except KeyboardInterrupt:  # raised by other means than SIGINT (the CLI itself maps it inside a command)
        if sys.stderr is not None:
            try:
                sys.stderr.write(_interrupted_line())
                sys.stderr.flush()
            except (OSError, ValueError):
                pass
        raise SystemExit(130) from None
    finally:
        # The answer is written. Python's shutdown resets a Python-level SIGINT handler to the default action, so a
        # Ctrl-C in those last milliseconds would kill the process (exit -2) instead of giving the one line; with
        # nothing left to stop, it is ignored and the command's own exit code stands.
        _signal.signal(_signal.SIGINT, _signal.SIG_IGN)


def run() -> None:
    """The `vold` script and `python -m vold_cli`: `main`, then the process ends at once with its exit code.

    The answer is written and flushed by then (the app flushes stdout inside its own error handling, so a closed
    pipe or a full disk is reported there), and the files vold writes are closed and renamed. What Python would do
    next, tearing down every module and object one by one, takes about 15-25 ms of a 100-160 ms command (issue 24)
    and changes nothing the user sees, so it is skipped. `main` itself returns normally (tests import it)."""
    code = 0
    try:
        main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):  # already reported by the app, or nowhere left to report it
            pass
    os._exit(code)


if __name__ == "__main__":
    run()
