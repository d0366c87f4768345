"""Which language to answer in, and the interface's own words in both languages."""

from __future__ import annotations

import os

from vold_cli.i18n.bilingual import LANGS as LANGS
from vold_cli.i18n.bilingual import Bilingual
from vold_cli.i18n.bilingual import pick as pick  # the one function that picks a language (re-exported)
from vold_cli.i18n.bilingual import tr as tr

# The language named on the command line (`--lang` before or after the command), found by the CLI's pre-scan of
# argv before help is built; None when not given.
_chosen: str | None = None


def parse_lang(value: str, where: str = "--lang") -> str:
    """'da', 'DA', ' En ' -> 'da'/'en'; anything else is a usage error naming the valid values."""
    wanted = value.strip().casefold()
    if wanted in LANGS:
        return wanted
    from vold_cli.errors import UsageError

    raise UsageError(Bilingual(f"Ukendt sprog {value!r} i {where}.", f"Unknown language {value!r} for {where}."),
                     hint=Bilingual("Vælg da eller en.", "Choose da or en."))


def choose(lang: str | None) -> None:
    """Remember the language given on the command line (None: not given)."""
    global _chosen
    _chosen = lang


def from_environment() -> str:
    """VOLD_LANG (any case; unknown values are a usage error), else Danish when the locale says Danish, else English.

    The locale: the first of LC_ALL, LC_MESSAGES and LANG that is set (`da_DK.UTF-8`); when none is, as on
    Windows, the user's locale as Python reports it (`Danish_Denmark` on Windows, `da_DK` elsewhere)."""
    env = os.environ.get("VOLD_LANG", "").strip()
    if env:
        return parse_lang(env, "VOLD_LANG")
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "da" if value.lower().startswith("da") else "en"
    return "da" if is_danish(_system_locale()) else "en"


def _system_locale() -> str:
    """The locale's name as Python reports it ('' when it cannot tell). `locale` is imported only here: it costs
    start-up time, and Linux and macOS sessions set LANG, so only Windows (which sets none) gets this far."""
    import locale

    try:
        name = locale.getlocale()[0]
    except (ValueError, TypeError, AttributeError):  # an unparsable locale name
        return ""
    return name or ""


def is_danish(name: str) -> bool:
    """Whether a locale name is Danish: `da`, `da_DK`, `da-DK`, `da_DK.UTF-8` (POSIX, BCP 47) or Windows'
    `Danish_Denmark` / `Danish`. Not another language whose name begins with "da" (Windows' `Dari_Afghanistan`)."""
    lowered = name.strip().lower()
    return lowered == "da" or lowered.startswith(("da_", "da-", "da.", "danish"))


def resolve_lang(option: str | None) -> str:
    """--lang, else VOLD_LANG, else Danish when the locale says Danish, else English."""
    if option:
        return parse_lang(option)
    if _chosen:
        return _chosen
    return from_environment()


def current() -> str:
    """The language to speak in right now, never failing (used for error messages themselves)."""
    if _chosen:
        return _chosen
    try:
        return from_environment()
    except Exception:  # an unknown VOLD_LANG: say so in English
        return "en"

