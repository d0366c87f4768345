"""Errors the core raises; the CLI turns each into one line on stderr and the exit code it carries.

Exit codes (documented in the README): 0 success; 1 something asked for does not exist or the knowledge
base is invalid; 2 usage error (bad option or value); 130 interrupted (Ctrl-C).

A message and its hint are `Bilingual` texts (i18n/bilingual.py), written in both languages where the error is
raised; the CLI's error edge picks the user's language (`text(lang)`). A message may carry a value from a knowledge
folder or an argument: put it in with `sanitize.quote(value)` (quoted, control characters escaped, cut at 80
characters with the length said). `text(lang)` is always one harmless line (`sanitize.one_line`), whatever went
into it; `str()` of an error is its English line.
"""

from __future__ import annotations

from vold_cli.i18n.bilingual import Bilingual, pick

EXIT_OK = 0
EXIT_NOT_FOUND = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

#: What goes before every error line, and the message for Ctrl-C (the CLI's edge and __main__'s signal handler).
ERROR = Bilingual("Fejl: ", "Error: ")
INTERRUPTED = Bilingual("Afbrudt.", "Interrupted.")


class VoldError(Exception):
    """Base class: a message meant for the user, and the exit code that goes with it."""

    exit_code = EXIT_NOT_FOUND

    def __init__(self, message: Bilingual, *, hint: Bilingual | None = None) -> None:
        # mypy holds every caller to Bilingual; a plain string that slipped through still gives its one line
        message = message if isinstance(message, Bilingual) else Bilingual.same(str(message))
        hint = hint if hint is None or isinstance(hint, Bilingual) else Bilingual.same(str(hint))
        super().__init__(message.en)
        self.message = message
        self.hint = hint

    @property
    def full(self) -> Bilingual:
        """The message followed by its hint."""
        return self.message + " " + self.hint if self.hint else self.message

    def text(self, lang: str) -> str:
        """The message and its hint in `lang`, as one harmless line."""
        from vold_cli.sanitize import one_line

        return one_line(pick(self.full, lang))

    def __str__(self) -> str:
        return self.text("en")


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
