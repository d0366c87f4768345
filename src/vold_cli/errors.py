"""Errors the core raises; the CLI turns each into one line on stderr and the exit code it carries.

Exit codes (documented in the README): 0 success; 1 something asked for does not exist or the knowledge
base is invalid; 2 usage error (bad option or value); 130 interrupted (Ctrl-C).

A message may carry a value from a knowledge folder or an argument: put it in with `sanitize.quote(value)`
(quoted, control characters escaped, cut at 80 characters with the length said). `str()` of an error is always
one harmless line (`sanitize.one_line`), whatever went into it.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_NOT_FOUND = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class VoldError(Exception):
    """Base class: a message meant for the user, and the exit code that goes with it."""

    exit_code = EXIT_NOT_FOUND

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        from vold_cli.sanitize import one_line

        return one_line(f"{self.message} {self.hint}" if self.hint else self.message)


class KnowledgeError(VoldError):
    """The knowledge folder is missing, unreadable or does not validate."""

    exit_code = EXIT_NOT_FOUND


class NotFound(VoldError, LookupError):
    """An id, reference or municipality asked for does not exist."""

    exit_code = EXIT_NOT_FOUND


class UsageError(VoldError, ValueError):
    """A value given on the command line cannot be used."""

    exit_code = EXIT_USAGE


class OutputError(VoldError):
    """A file cannot be written (exists, or the place is not writable)."""

    exit_code = EXIT_NOT_FOUND
