"""The per-user cache of validated knowledge folders (a `--kb` / VOLD_KB folder, or the repository's copy in an
editable install; the wheel's bundled knowledge needs none: it ships validated, as generated data).

A cache that cannot lie:

- What: the validated data of one set of knowledge files, as JSON.
- Key: BLAKE2b-256 of every file's name, length and bytes, and of the schema fingerprint (SHA-256 of the source
  bytes of every core module of this package, so any change to the schema or the validator, and `__version__`
  and CACHE_FORMAT). The entry's name holds the full 64-hex-digit key; the entry repeats key and schema and
  carries a BLAKE2b digest of its data, checked on every read, and the data must have the shape of the
  knowledge (every section, each a mapping). Anything else is a clean miss, and the entry is replaced.
- Where: VOLD_CACHE_DIR, else $XDG_CACHE_HOME/vold, else ~/.cache/vold (a relative XDG_CACHE_HOME or HOME is
  ignored). Used only when that folder is not a
  symbolic link, is owned by the current user and is not writable by group or others.
- Reading: relative to an open handle of the folder, with O_NOFOLLOW and O_NONBLOCK (a symbolic link is not
  followed, a FIFO cannot block), fstat'ed to be a regular file owned by the user, under a size cap.
- Writing: an exclusively created temporary file (`tempfile.mkstemp`, mode 0600) in the same folder, then a rename
  within it; nothing outside the folder is ever written.
- Pruning: after each write, only the MAX_ENTRIES most recently used entries are kept (a hit marks its entry
  used), and leftover temporary files older than an hour are removed.
- Unchanged files are not re-read (issue 24): beside the entries, a small stat index per knowledge folder
  (`st-<hash of folder and schema>.json`) records each file's size, mtime, ctime, inode and device and the key
  their bytes had. When every file is a regular file (not a link) whose stat is exactly as recorded, the key is
  taken from the index and the YAML is neither read nor hashed; any difference, and the content digest decides
  as before. An index is written only when no file changed in the 2 seconds before (a change within the file
  system's timestamp tick could otherwise keep its stat: git's "racily clean" rule), and only after the files'
  stat was the same before and after they were read.
- Off: VOLD_NO_CACHE set to anything; and wherever the calls these rules need are missing (Windows).

Cheap to import (the bundled case only needs `Status`): hashlib and tempfile are imported where they are used.
Every failure is only a cache miss: the cache can cost speed, never correctness. This module never prints;
`Status` says what happened, for `vold kb info`.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vold_cli import __version__
from vold_cli.i18n.bilingual import Bilingual
from vold_cli.kb.cachestatus import Status as Status  # re-exported: cache.Status
from vold_cli.kb.cachestatus import shape_ok as shape_ok

CACHE_FORMAT = 3  # 3: the data's digest SHA-256 (was BLAKE2b); a stat index per folder; derived data
BODY_CODEC = "json"
STAT_PREFIX = "st-"
DERIVED_PREFIX = "dx-"  # data derived from a knowledge folder (the search index), keyed by its files' key
#: an index is written only when no file changed within this many nanoseconds ("racily clean", see above)
RACY_NS = 2_000_000_000
MAX_ENTRIES = 8
MAX_ENTRY_BYTES = 64 * 1024 * 1024
STALE_TEMP_SECONDS = 3600
PREFIX = "kb-"
SUFFIX = ".json"
TEMP_PREFIX = ".kb-"
TEMP_SUFFIX = ".tmp"

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_BINARY = getattr(os, "O_BINARY", 0)
#: Without these the rules above cannot be kept, so the cache is off: on Windows, which has no O_NOFOLLOW, no
#: handle-relative calls and no owner to compare (os.geteuid), a `--kb` folder is validated on every run.
SUPPORTED = (bool(_NOFOLLOW and _DIRECTORY) and hasattr(os, "geteuid")
             and {os.open, os.rename, os.unlink} <= os.supports_dir_fd
             and {os.stat, os.scandir, os.utime} <= os.supports_fd)


#: Why the cache was not used, in words (`vold kb info` shows them).
WHY: dict[str, Bilingual] = {
    "folder-link": Bilingual("cache-mappen er et symbolsk link", "the cache folder is a symbolic link"),
    "folder-owner": Bilingual("cache-mappen ejes af en anden bruger", "the cache folder is owned by another user"),
    "folder-mode": Bilingual("andre end ejeren kan skrive i cache-mappen", "the cache folder is writable by group or others"),
    "not-a-folder": Bilingual("cache-mappens sti er ikke en mappe", "the cache folder's path is not a folder"),
    "cannot-create": Bilingual("cache-mappen kan ikke oprettes", "the cache folder cannot be created"),
    "cannot-open": Bilingual("cache-mappen kan ikke åbnes", "the cache folder cannot be opened"),
    "folder-gone": Bilingual("cache-mappen forsvandt", "the cache folder disappeared"),
    "folder-replaced": Bilingual("cache-mappen blev udskiftet undervejs", "the cache folder was replaced while in use"),
    "cannot-write": Bilingual("cache-filen kan ikke skrives", "the cache entry cannot be written"),
    "entry-link": Bilingual("cache-filen var et symbolsk link", "the cache entry was a symbolic link"),
    "entry-not-regular": Bilingual("cache-filen var ikke en almindelig fil", "the cache entry was not a regular file"),
    "entry-owner": Bilingual("cache-filen ejes af en anden bruger", "the cache entry was owned by another user"),
    "entry-too-large": Bilingual("cache-filen var større end grænsen", "the cache entry was larger than the size cap"),
    "entry-unreadable": Bilingual("cache-filen kunne ikke læses", "the cache entry could not be read"),
    "entry-damaged": Bilingual("cache-filen var beskadiget", "the cache entry was damaged"),
    "entry-format": Bilingual("cache-filen havde et andet format", "the cache entry was of another cache format"),
    "entry-schema": Bilingual("cache-filen var lavet efter et andet skema", "the cache entry was made by another schema"),
    "entry-key": Bilingual("cache-filen hørte til andre filer", "the cache entry was for other files"),
    "entry-shape": Bilingual("cache-filen havde ikke vidensbasens form", "the cache entry did not have the knowledge's shape"),
}


def describe(status: Status) -> Bilingual:
    """One line for `vold kb info`: was a cache used, and if not, why."""
    why = WHY.get(status.why, Bilingual.same(status.why))
    if status.detail:
        why += f" ({status.detail})"
    at = status.folder
    texts = {
        "hit": Bilingual("brugt", "used") if not at else Bilingual(f"brugt ({at})", f"used ({at})"),
        "stored": Bilingual(f"ikke brugt: intet gemt for disse filer; valideret og gemt i {at}",
                            f"not used: nothing stored for these files; validated and stored in {at}"),
        "replaced": Bilingual(f"ikke brugt: {why.da}; valideret og erstattet i {at}",
                              f"not used: {why.en}; validated and replaced in {at}"),
        "generated": Bilingual(
            "ikke nødvendig: den medfølgende vidensbase er valideret, da pakken blev bygget (genererede data)",
            "not needed: the bundled knowledge was validated when the package was built (generated data)"),
        "validate": Bilingual("ikke brugt: fuld validering", "not used: full validation"),
        "disabled": Bilingual("slået fra (VOLD_NO_CACHE)", "disabled (VOLD_NO_CACHE)"),
        "unsafe": Bilingual(f"ikke brugt, usikker: {why.da} ({at})", f"not used, unsafe: {why.en} ({at})"),
        "unwritable": Bilingual(f"ikke brugt: {why.da} ({at})", f"not used: {why.en} ({at})"),
        "unsupported": Bilingual("slået fra på denne platform: cachens sikkerhedstjek (filer åbnet uden at følge links, "
                                 "filens ejer) kræver POSIX-kald, som den ikke har (fx Windows); en --kb-mappe "
                                 "valideres ved hver kørsel",
                                 "off on this platform: the cache's safety checks (files opened without following "
                                 "links, the file's owner) need POSIX calls it lacks (e.g. Windows); a --kb folder is "
                                 "validated on every run"),
        "no-folder": Bilingual("ikke brugt: ingen absolut sti til cache-mappen (HOME og XDG_CACHE_HOME er relative "
                               "eller ikke sat; sæt VOLD_CACHE_DIR)",
                               "not used: no absolute path for the cache folder (HOME and XDG_CACHE_HOME are relative "
                               "or unset; set VOLD_CACHE_DIR)"),
        "no-schema": Bilingual("ikke brugt: skemaets kildefiler kan ikke læses",
                               "not used: the schema's source files cannot be read"),
    }
    return texts.get(status.code, Bilingual.same(status.code))


# --- the key ---------------------------------------------------------------------------------------

_schema: list[str | None] = []


def schema_fingerprint() -> str | None:
    """SHA-256 over `__version__`, CACHE_FORMAT and the source bytes of every module of the knowledge layer (schema, validate,
    yamlsafe, loader, ... : every `*.py` in kb/, in name order); None if one cannot be read."""
    if not _schema:
        _schema.append(_compute_schema())
    return _schema[0]


def _compute_schema() -> str | None:
    import hashlib

    here = Path(__file__).resolve().parent
    digest = hashlib.sha256(f"vold {__version__} cache {CACHE_FORMAT}\0".encode())
    try:
        names = sorted(entry.name for entry in os.scandir(here) if entry.name.endswith(".py") and entry.is_file())
        if "schema.py" not in names or "validate.py" not in names:
            return None
        for name in names:
            blob = (here / name).read_bytes()
            digest.update(f"{name}\0{len(blob)}\0".encode())
            digest.update(blob)
    except OSError:
        return None
    return digest.hexdigest()


def key_of(raw: dict[str, bytes], schema: str) -> str:
    """BLAKE2b-256 of the schema fingerprint and every file's name, length and bytes."""
    import hashlib

    digest = hashlib.blake2b(digest_size=32)
    digest.update(schema.encode("ascii"))
    for stem, blob in raw.items():
        digest.update(f"\0{stem}\0{len(blob)}\0".encode("utf-8", "surrogatepass"))
        digest.update(blob)
    return digest.hexdigest()


def _data_digest(body: bytes) -> str:
    """SHA-256 of an entry's data (checked before the data is decoded). SHA-256, not BLAKE2b: with the CPU's SHA
    instructions it hashes a 29 MB entry in 17 ms against 44 ms (measured for issue 24)."""
    import hashlib

    return hashlib.sha256(body).hexdigest()


def encode_body(data: dict[str, object]) -> bytes:
    """The entry's data as compact UTF-8 JSON. (marshal decodes 10,000 interventions in 0.12 s against JSON's
    0.21 s, measured for issue 24, but it is a code-loading module, which nothing in vold may import:
    tests/test_robustness_cli.py. The stat index below saves more, without that.)"""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# --- the folder ------------------------------------------------------------------------------------


def cache_folder() -> Path | None:
    """VOLD_CACHE_DIR, else $XDG_CACHE_HOME/vold, else ~/.cache/vold. A relative XDG_CACHE_HOME is ignored (the
    XDG rules say so), and so is a relative HOME (the account's home from the password database instead): either
    would put the cache in whatever folder vold runs from. None when no absolute folder is left."""
    base = os.environ.get("VOLD_CACHE_DIR")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):
        return Path(xdg, "vold")
    home = os.path.expanduser("~")
    if not os.path.isabs(home):
        home = _account_home()
    return Path(home, ".cache", "vold") if home else None


def _account_home() -> str:
    """The home folder the password database gives this user ("" where there is none, or it is relative)."""
    try:
        import pwd

        home = pwd.getpwuid(os.getuid()).pw_dir
    except (ImportError, KeyError, AttributeError, OSError):
        return ""
    return home if os.path.isabs(home) else ""


def _open_folder(folder: Path, *, create: bool) -> tuple[int | None, Status | None]:
    """A handle of the cache folder if it is safe to use, else the Status saying why not (None, None: absent)."""
    if create:
        try:
            os.makedirs(folder, mode=0o700, exist_ok=True)
        except OSError as exc:
            if not os.path.lexists(folder):
                return None, Status("unwritable", str(folder), "cannot-create", exc.strerror or str(exc))
    try:
        fd = os.open(folder, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC)
    except FileNotFoundError:
        return None, None
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENOTDIR) and os.path.islink(folder):
            return None, Status("unsafe", str(folder), "folder-link")
        if exc.errno == errno.ENOTDIR:
            return None, Status("unwritable", str(folder), "not-a-folder")
        return None, Status("unwritable", str(folder), "cannot-open", exc.strerror or str(exc))
    info = os.fstat(fd)
    why = ""
    if info.st_uid != os.geteuid():
        why = "folder-owner"
    elif info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        why = "folder-mode"
    if why:
        os.close(fd)
        return None, Status("unsafe", str(folder), why)
    return fd, None


# --- reading ---------------------------------------------------------------------------------------


def _entry_name(key: str) -> str:
    return f"{PREFIX}{key}{SUFFIX}"


def _read_entry(dir_fd: int, name: str) -> tuple[bytes | None, str]:
    """The bytes of one entry, or None and why not ("" when there is none)."""
    try:
        fd = os.open(name, os.O_RDONLY | _BINARY | _NOFOLLOW | _NONBLOCK | _CLOEXEC, dir_fd=dir_fd)
    except FileNotFoundError:
        return None, ""
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return None, "entry-link"
        return None, "entry-unreadable"
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None, "entry-not-regular"
        if info.st_uid != os.geteuid():
            return None, "entry-owner"
        if info.st_size > MAX_ENTRY_BYTES:
            return None, "entry-too-large"
        from vold_cli.kb.loader import read_capped

        blob = read_capped(fd, MAX_ENTRY_BYTES)
        if len(blob) > MAX_ENTRY_BYTES:
            return None, "entry-too-large"
        try:
            os.utime(fd)  # most recently used: pruning keeps it
        except OSError:
            pass
        return blob, ""
    except OSError:
        return None, "entry-unreadable"
    finally:
        os.close(fd)


def _decode(blob: bytes, key: str, schema: str, sections: tuple[str, ...] | None
            ) -> tuple[dict[str, Any] | None, str]:
    """An entry's data after its header, digest and shape are checked (`sections` None: derived data, a mapping)."""
    head, sep, body = blob.partition(b"\n")
    if not sep:
        return None, "entry-damaged"
    try:
        header = json.loads(head)
    except (ValueError, RecursionError):
        return None, "entry-damaged"
    if not isinstance(header, dict) or header.get("format") != CACHE_FORMAT or header.get("codec") != BODY_CODEC:
        return None, "entry-format"
    if header.get("schema") != schema:
        return None, "entry-schema"
    if header.get("key") != key:
        return None, "entry-key"
    if header.get("data_bytes") != len(body) or header.get("data_sha256") != _data_digest(body):
        return None, "entry-damaged"
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        return None, "entry-damaged"
    if not (shape_ok(data, sections) if sections is not None else isinstance(data, dict)):
        return None, "entry-shape"
    return data, ""


# --- writing ---------------------------------------------------------------------------------------


def _write_entry(folder: Path, dir_fd: int, key: str, schema: str, data: dict[str, Any]) -> str:
    """Store `data`; "" on success, else why not (a cache that cannot be written only costs speed)."""
    body = encode_body(data)
    header = {"format": CACHE_FORMAT, "codec": BODY_CODEC, "version": __version__, "schema": schema, "key": key,
              "data_bytes": len(body), "data_sha256": _data_digest(body)}
    head = json.dumps(header, separators=(",", ":")).encode("ascii") + b"\n"
    return _write_file(folder, dir_fd, _entry_name(key), [head, body])


def _write_file(folder: Path, dir_fd: int, name: str, chunks: list[bytes]) -> str:
    """Write `name` in the cache folder atomically; "" on success, else why not."""
    import tempfile

    tmp_name = None
    try:
        here = os.fstat(dir_fd)
        now = os.stat(folder, follow_symlinks=False)
        if (now.st_dev, now.st_ino) != (here.st_dev, here.st_ino):
            return "folder-replaced"
        # O_CREAT | O_EXCL | O_NOFOLLOW, mode 0600, a random name: never opens anything that exists
        fd, tmp_path = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=folder)
        tmp_name = os.path.basename(tmp_path)
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:  # several writes: no second copy of a large body in memory
                handle.write(chunk)
        # both names relative to the folder's handle: the rename stays inside the folder we checked
        os.replace(tmp_name, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
        tmp_name = None
    except OSError as exc:
        return "cannot-write:" + (exc.strerror or str(exc))
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name, dir_fd=dir_fd)
            except OSError:
                pass
    prune(dir_fd)
    return ""


def prune(dir_fd: int, keep: int | None = None) -> None:
    """Keep the `keep` (MAX_ENTRIES) most recently used entries; remove stale temporary files. Only names this
    module makes are touched, and unlinking never follows a link."""
    import time

    keep = MAX_ENTRIES if keep is None else keep
    entries: list[tuple[float, str]] = []
    indexes: list[tuple[float, str]] = []  # stat indexes and derived data: twice as many as entries are kept
    stale = time.time() - STALE_TEMP_SECONDS
    try:
        with os.scandir(dir_fd) as listing:
            for entry in listing:
                name = entry.name
                try:
                    info = entry.stat(follow_symlinks=False)
                except OSError:
                    continue
                if stat.S_ISDIR(info.st_mode):
                    continue
                if name.startswith(PREFIX) and name.endswith(SUFFIX):
                    entries.append((info.st_mtime, name))
                elif name.startswith((STAT_PREFIX, DERIVED_PREFIX)) and name.endswith(SUFFIX):
                    indexes.append((info.st_mtime, name))
                elif name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX) and info.st_mtime < stale:
                    entries.append((float("-inf"), name))  # always removed
    except OSError:
        return
    entries.sort(reverse=True)
    indexes.sort(reverse=True)
    doomed = [name for _, name in indexes[2 * keep:]]
    kept = 0
    for mtime, name in entries:
        if mtime != float("-inf") and kept < keep:
            kept += 1
            continue
        doomed.append(name)
    for name in doomed:
        try:
            os.unlink(name, dir_fd=dir_fd)
        except OSError:
            pass


# --- the two calls the loader makes ------------------------------------------------------------------


@dataclass
class Lookup:
    """The state between `fetch` (a miss) and `store`."""

    folder: Path
    key: str
    schema: str
    why: str


def fetch(raw: dict[str, bytes], sections: tuple[str, ...]) -> tuple[dict[str, Any] | None, Status, Lookup | None]:
    """The cached data for these files, or None with the Status saying why, and what `store` needs."""
    if os.environ.get("VOLD_NO_CACHE"):
        return None, Status("disabled"), None
    if not SUPPORTED:
        return None, Status("unsupported"), None
    schema = schema_fingerprint()
    if schema is None:
        return None, Status("no-schema"), None
    folder = cache_folder()
    if folder is None:
        return None, Status("no-folder"), None
    key = key_of(raw, schema)
    fd, refused = _open_folder(folder, create=False)
    if refused is not None:
        return None, refused, None
    lookup = Lookup(folder, key, schema, "")
    if fd is None:
        return None, Status("stored", str(folder)), lookup
    try:
        blob, why = _read_entry(fd, _entry_name(key))
    finally:
        os.close(fd)
    if blob is not None:
        data, why = _decode(blob, key, schema, sections)
        if data is not None:
            return data, Status("hit", str(folder)), lookup
    lookup.why = why
    return None, Status("replaced" if why else "stored", str(folder), why), lookup


def stat_signature(location: str, sections: tuple[str, ...]) -> list[list[int]] | None:
    """Size, mtime, ctime, inode and device of every knowledge file of `location` (a folder path), or None when
    one is missing or is not a regular file (a link included): then only the content decides."""
    out = []
    for stem in sections:
        try:
            info = os.lstat(os.path.join(location, f"{stem}.yaml"))
        except (OSError, ValueError):
            return None
        if not stat.S_ISREG(info.st_mode):
            return None
        out.append([info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev])
    return out


def _stat_name(location: str, schema: str) -> str:
    import hashlib

    digest = hashlib.blake2b(f"{location}\0{schema}".encode("utf-8", "surrogatepass"), digest_size=16)
    return f"{STAT_PREFIX}{digest.hexdigest()}{SUFFIX}"


def _recorded_key(fd: int, location: str, sections: tuple[str, ...], schema: str) -> str:
    """The key recorded for `location` when every one of its files is exactly as it was then (size, times,
    inode, device); "" otherwise."""
    signature = stat_signature(location, sections)
    if signature is None:
        return ""
    blob, _ = _read_entry(fd, _stat_name(location, schema))
    if blob is None or len(blob) > 1 << 20:
        return ""
    try:
        index = json.loads(blob)
    except (ValueError, RecursionError):
        return ""
    key = index.get("key") if isinstance(index, dict) else None
    if (not isinstance(key, str) or len(key) != 64 or index.get("format") != CACHE_FORMAT
            or index.get("schema") != schema or index.get("folder") != location
            or index.get("files") != signature):
        return ""
    return key


def unchanged_key(location: str, sections: tuple[str, ...]) -> str:
    """The key of the folder's files when none has changed since it was recorded, read from the stat index alone
    (neither the files nor the cached knowledge are read): what a search needs to find its kept index."""
    if os.environ.get("VOLD_NO_CACHE") or not SUPPORTED:
        return ""
    schema = schema_fingerprint()
    folder = cache_folder() if schema else None
    if schema is None or folder is None:
        return ""
    fd, _ = _open_folder(folder, create=False)
    if fd is None:
        return ""
    try:
        return _recorded_key(fd, location, sections, schema)
    finally:
        os.close(fd)


def fetch_unchanged(location: str, sections: tuple[str, ...]
                    ) -> tuple[dict[str, Any] | None, Status | None, str]:
    """The cached data when every file of the folder is exactly as it was when its key was recorded, without
    reading or hashing the files; (None, None) otherwise, and the loader takes the content path."""
    if os.environ.get("VOLD_NO_CACHE") or not SUPPORTED:
        return None, None, ""
    schema = schema_fingerprint()
    folder = cache_folder() if schema else None
    if schema is None or folder is None:
        return None, None, ""
    fd, _ = _open_folder(folder, create=False)
    if fd is None:
        return None, None, ""
    try:
        key = _recorded_key(fd, location, sections, schema)
        if not key:
            return None, None, ""
        blob, _ = _read_entry(fd, _entry_name(key))
        if blob is None:
            return None, None, ""
        data, _ = _decode(blob, key, schema, sections)  # key, schema, SHA-256 of the data and shape, as always
        return (data, Status("hit", str(folder)), key) if data is not None else (None, None, "")
    finally:
        os.close(fd)


def remember(lookup: Lookup | None, location: str, before: list[list[int]] | None,
             sections: tuple[str, ...]) -> None:
    """Record the key of the files just read under their stat (see the module's docstring for when)."""
    import time

    if lookup is None or before is None or stat_signature(location, sections) != before:
        return
    recent = time.time_ns() - RACY_NS
    if any(mtime > recent or ctime > recent for _, mtime, ctime, _, _ in before):
        return
    fd, refused = _open_folder(lookup.folder, create=False)
    if fd is None:
        return
    try:
        index = {"format": CACHE_FORMAT, "schema": lookup.schema, "folder": location, "files": before,
                 "key": lookup.key}
        _write_file(lookup.folder, fd, _stat_name(location, lookup.schema),
                    [json.dumps(index, separators=(",", ":")).encode("ascii")])
    finally:
        os.close(fd)


def _derived_name(kind: str, key: str, schema: str) -> str:
    import hashlib

    digest = hashlib.blake2b(f"{kind}\0{key}\0{schema}".encode("utf-8", "surrogatepass"), digest_size=16)
    return f"{DERIVED_PREFIX}{digest.hexdigest()}{SUFFIX}"


def fetch_derived(kind: str, key: str) -> dict[str, object] | None:
    """Data derived from the knowledge files whose key is `key` (e.g. kind "search-da-2026-12-06"), stored by
    `store_derived`; None when there is none or it cannot be trusted (the same checks as an entry's)."""
    if not key or os.environ.get("VOLD_NO_CACHE") or not SUPPORTED:
        return None
    schema = schema_fingerprint()
    folder = cache_folder()
    if schema is None or folder is None:
        return None
    fd, _ = _open_folder(folder, create=False)
    if fd is None:
        return None
    try:
        blob, _ = _read_entry(fd, _derived_name(kind, key, schema))
    finally:
        os.close(fd)
    if blob is None:
        return None
    data, _ = _decode(blob, f"{kind}:{key}", schema, None)
    return data


def store_derived(kind: str, key: str, data: dict[str, object]) -> None:
    """Keep `data` beside the entry of the files whose key is `key`; a failure only costs speed next time."""
    if not key or os.environ.get("VOLD_NO_CACHE") or not SUPPORTED:
        return
    schema = schema_fingerprint()
    folder = cache_folder()
    if schema is None or folder is None:
        return
    fd, _ = _open_folder(folder, create=False)
    if fd is None:
        return
    try:
        body = encode_body(data)
        header = {"format": CACHE_FORMAT, "codec": BODY_CODEC, "version": __version__, "schema": schema,
                  "key": f"{kind}:{key}", "data_bytes": len(body), "data_sha256": _data_digest(body)}
        _write_file(folder, fd, _derived_name(kind, key, schema),
                    [json.dumps(header, separators=(",", ":")).encode("ascii") + b"\n", body])
    finally:
        os.close(fd)


def store(lookup: Lookup | None, data: dict[str, Any], status: Status) -> Status:
    """Write the freshly validated data; the Status to report."""
    if lookup is None:
        return status
    fd, refused = _open_folder(lookup.folder, create=True)
    if refused is not None:
        return refused
    if fd is None:
        return Status("unwritable", str(lookup.folder), "folder-gone")
    try:
        why = _write_entry(lookup.folder, fd, lookup.key, lookup.schema, data)
    finally:
        os.close(fd)
    if why:
        why, _, detail = why.partition(":")
        return Status("unwritable", str(lookup.folder), why, detail)
    return status
