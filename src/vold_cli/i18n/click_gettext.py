"""Click's and Typer's own messages ("Usage:", "Missing option", "No such command", ...) in Danish, from a gettext
catalogue kept in the repository.

Click and Typer mark their messages with the standard library's global gettext functions (`from gettext import
gettext as _`, `ngettext`): the process's current text domain, in the languages the environment names (LANGUAGE,
LC_ALL, LC_MESSAGES, LANG, in that order). `activate("da")` binds vold's domain to the catalogue's folder with
`gettext.bindtextdomain`, makes it the current domain (`gettext.textdomain`) and names Danish in LANGUAGE;
`activate("en")` puts back the domain and the LANGUAGE that were there before (the tests run both languages in one
process). Nothing of click or typer is imported or changed here.

The catalogue is `locale/da/LC_MESSAGES/vold.po` (the source, in git), compiled to `vold.mo` beside it:
- the wheel: the build hook (hatch_build.py) compiles it into the wheel, and ships no .po;
- an editable install: the build hook compiles it into the source tree (git ignores the .mo);
- a .mo that is missing, or older than the .po (the .po was edited since): compiled at first use, into the
  source tree when it can be written, else into a private temporary folder for this process only.
`tools/click_msgids.py` lists the msgids of the installed click and typer; tests/test_language.py checks that the
.po has Danish for each one.
"""

from __future__ import annotations

import os

DOMAIN = "vold"
_HERE = os.path.dirname(os.path.abspath(__file__))
LOCALE = os.path.join(_HERE, "locale")
PO = os.path.join(LOCALE, "da", "LC_MESSAGES", f"{DOMAIN}.po")
MO = os.path.join(LOCALE, "da", "LC_MESSAGES", f"{DOMAIN}.mo")

#: What `activate("da")` replaced: the text domain and LANGUAGE before it (None: Danish is not active).
_saved: tuple[str, str | None] | None = None
_bound: str | None = None  # the folder the domain is bound to, once found


def activate(lang: str) -> None:
    """Click's and Typer's messages in Danish ("da"), or as they were before (anything else)."""
    global _saved
    import gettext

    if lang == "da":
        if _saved is None:
            _saved = (gettext.textdomain(), os.environ.get("LANGUAGE"))
        gettext.bindtextdomain(DOMAIN, locale_dir())
        gettext.textdomain(DOMAIN)
        os.environ["LANGUAGE"] = "da"
        return
    if _saved is not None:
        domain, language = _saved
        gettext.textdomain(domain)
        if language is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = language
        _saved = None


def locale_dir() -> str:
    """The folder holding da/LC_MESSAGES/vold.mo compiled from the .po as it is now."""
    global _bound
    if _bound is not None:
        return _bound
    try:
        po_time = os.stat(PO).st_mtime_ns
    except OSError:  # no .po beside it (the wheel): the .mo the build hook compiled is the catalogue
        _bound = LOCALE
        return _bound
    try:
        fresh = os.stat(MO).st_mtime_ns >= po_time
    except OSError:
        fresh = False
    _bound = LOCALE if fresh else _compile_now()
    return _bound


def _compile_now() -> str:
    """Compile the .po at first use: beside it when the folder can be written, else into a private temporary
    folder that lives as long as this process."""
    with open(PO, encoding="utf-8") as handle:
        data = compile_po(handle.read())
    import tempfile

    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{DOMAIN}.", suffix=".mo", dir=os.path.dirname(MO))
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o644 & ~mask)  # as the build hook would have written it (mkstemp makes it 0600)
        os.replace(tmp, MO)
        return LOCALE
    except OSError:
        import atexit
        import shutil

        private = tempfile.mkdtemp(prefix="vold-locale-")
        atexit.register(shutil.rmtree, private, True)
        os.makedirs(os.path.join(private, "da", "LC_MESSAGES"))
        with open(os.path.join(private, "da", "LC_MESSAGES", f"{DOMAIN}.mo"), "wb") as out:
            out.write(data)
        return private


# --- the catalogue ------------------------------------------------------------------------------------


class Entry:
    """One message of a .po file: msgid, msgid_plural (None for a plain message) and the msgstr(s)."""

    __slots__ = ("msgid", "plural", "msgstr")

    def __init__(self, msgid: str, plural: str | None, msgstr: list[str]) -> None:
        self.msgid = msgid
        self.plural = plural
        self.msgstr = msgstr

    def __repr__(self) -> str:
        return f"Entry({self.msgid!r}, {self.plural!r}, {self.msgstr!r})"


_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}


def _unquote(text: str, where: int) -> str:
    """The C string of one quoted .po line ("a\\tb" -> a<TAB>b)."""
    text = text.strip()
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        raise ValueError(f"line {where}: expected a quoted string, got {text[:40]!r}")
    out: list[str] = []
    body = iter(text[1:-1])
    for ch in body:
        if ch == "\\":
            nxt = next(body, "")
            if nxt not in _ESCAPES:
                raise ValueError(f"line {where}: unknown escape \\{nxt}")
            out.append(_ESCAPES[nxt])
        else:
            out.append(ch)
    return "".join(out)


def parse_po(text: str) -> list[Entry]:
    """The entries of a .po file (the header is the entry with the empty msgid); fuzzy entries are left out.
    Only what this catalogue uses: msgid, msgid_plural, msgstr and msgstr[N], comments, no msgctxt."""
    entries: list[Entry] = []
    fields: dict[str, str] = {}
    current: str | None = None
    fuzzy = flagged = False  # this entry is fuzzy; a "#, fuzzy" comment was seen for the next one

    def finish() -> None:
        if "msgid" in fields and not fuzzy:
            strs = sorted((k for k in fields if k.startswith("msgstr")), key=lambda k: int(k[7:-1]) if "[" in k else 0)
            entries.append(Entry(fields["msgid"], fields.get("msgid_plural"), [fields[k] for k in strs]))
        fields.clear()

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            flagged = flagged or (line.startswith("#,") and "fuzzy" in line)
            continue
        if line.startswith('"'):
            if current is None:
                raise ValueError(f"line {number}: a string outside an entry")
            fields[current] += _unquote(line, number)
            continue
        keyword, _, rest = line.partition(" ")
        if keyword not in ("msgid", "msgid_plural", "msgstr") and not (keyword.startswith("msgstr[")
                                                                      and keyword.endswith("]")):
            raise ValueError(f"line {number}: unknown keyword {keyword!r}")
        if keyword == "msgid":
            finish()
            fuzzy, flagged = flagged, False
        current = keyword
        fields[current] = _unquote(rest, number)
    finish()
    return entries


def compile_po(text: str) -> bytes:
    """A GNU .mo file (what `gettext.GNUTranslations` reads) from the text of a .po file; entries without a
    translation are left out, so gettext falls back to the English."""
    import struct

    messages: dict[bytes, bytes] = {}
    for entry in parse_po(text):
        if not any(entry.msgstr) and entry.msgid:
            continue
        original = entry.msgid if entry.plural is None else f"{entry.msgid}\0{entry.plural}"
        messages[original.encode("utf-8")] = "\0".join(entry.msgstr).encode("utf-8")
    keys = sorted(messages)
    ids = strs = b""
    spans = []
    for key in keys:
        spans.append((len(ids), len(key), len(strs), len(messages[key])))
        ids += key + b"\0"
        strs += messages[key] + b"\0"
    start = 7 * 4 + 16 * len(keys)  # header, then the two tables of (length, offset)
    originals = [n for at, size, _, _ in spans for n in (size, start + at)]
    translations = [n for _, _, at, size in spans for n in (size, start + len(ids) + at)]
    header = struct.pack("<7I", 0x950412DE, 0, len(keys), 7 * 4, 7 * 4 + 8 * len(keys), 0, 0)
    return header + struct.pack(f"<{len(originals)}I", *originals) + struct.pack(
        f"<{len(translations)}I", *translations) + ids + strs
