"""`python -m vold_cli` and the `vold` console script."""

import gc
import signal
import sys


def _interrupted(signum: int, frame: object) -> None:
    """Ctrl-C: the first one becomes KeyboardInterrupt, so files being written are cleaned up and the CLI says
    one line; a second one while that happens ends at once, still with one line and 130."""
    signal.signal(signal.SIGINT, _now)
    raise KeyboardInterrupt


def _now(signum: int, frame: object) -> None:
    import os

    try:
        os.write(2, b"Error: Interrupted.\n")
    except OSError:
        pass
    os._exit(130)


def main() -> None:
    # Before the imports: Ctrl-C during start-up must give one line and 130, never a traceback from an import.
    signal.signal(signal.SIGINT, _interrupted)
    try:
        gc.disable()  # a short-lived process: the cyclic collector only re-walks what the imports and the data create
        from .cli.app import app, keep_only

        keep_only(sys.argv[1:])
        app()
    except KeyboardInterrupt:  # before or after the CLI's own handling (imports, keep_only)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        if sys.stderr is not None:
            try:
                sys.stderr.write("Error: Interrupted.\n")
                sys.stderr.flush()
            except (OSError, ValueError):
                pass
        raise SystemExit(130) from None
    finally:
        # The exit code is decided: a Ctrl-C now (while Python flushes and exits) must not print a traceback.
        signal.signal(signal.SIGINT, signal.SIG_IGN)


if __name__ == "__main__":
    main()
