"""Writing files for the user: never over something that exists unless asked, only ever over a regular file
(or a symlink to one), and always atomically."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import tempfile
from pathlib import Path

from vold_cli.errors import OutputError
from vold_cli.i18n.bilingual import Bilingual
from vold_cli.kb.loader import SECTIONS, Knowledge, resolve

#: How the temporary files and folders vold writes beside a target begin (then mkstemp's random part).
TEMP_PREFIX = ".vold-"
_PENDING: set[str] = set()  # temporary files and folders being written: removed on Ctrl-C (see __main__)


def discard_pending() -> None:
    """Remove every temporary file or folder still being written (the SIGINT handler calls this)."""
    for path in list(_PENDING):
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path, ignore_errors=True)
        else:
            try:
                os.unlink(path)
            except OSError:
                pass
    _PENDING.clear()


def _parent_ok(target: Path) -> Path:
    parent = target.absolute().parent
    if not parent.is_dir():
        if parent.exists():
            raise OutputError(Bilingual(f"Kan ikke skrive {target}: {parent} er ikke en mappe.",
                                        f"Cannot write {target}: folder {parent} is not a folder."))
        raise OutputError(Bilingual(f"Kan ikke skrive {target}: mappen {parent} findes ikke.",
                                    f"Cannot write {target}: folder {parent} does not exist."))
    if not os.access(parent, os.W_OK):
        raise OutputError(Bilingual(f"Kan ikke skrive {target}: der kan ikke skrives i mappen {parent}.",
                                    f"Cannot write {target}: folder {parent} is not writable."))
    return parent


def _cannot(target: Path, exc: OSError) -> OutputError:
    reason = exc.strerror or exc
    return OutputError(Bilingual(f"Kan ikke skrive {target}: {reason}.", f"Cannot write {target}: {reason}."))


def _umasked(mode: int) -> int:
    """`mode` less the process umask: what open() and mkdir() would have given (mkstemp and mkdtemp give
    0600 and 0700, which would hide a report or a knowledge folder from everyone else)."""
    mask = os.umask(0)
    os.umask(mask)
    return mode & ~mask


_FOLDER = Bilingual("en mappe", "a folder")
_KINDS = ((stat.S_ISDIR, _FOLDER), (stat.S_ISFIFO, Bilingual("en FIFO (navngivet rør)", "a FIFO (named pipe)")),
          (stat.S_ISCHR, Bilingual("en tegnenhed", "a character device")),
          (stat.S_ISBLK, Bilingual("en blokenhed", "a block device")), (stat.S_ISSOCK, Bilingual("en socket", "a socket")))


def special_kind(mode: int) -> Bilingual | None:
    """What a file of this st_mode is when it is not a regular file ('a FIFO (named pipe)', ...); None if regular."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), Bilingual("ikke en almindelig fil", "not a regular file"))


def refuse_special(target: Path) -> None:
    """Refuse a target that exists and is not a regular file or a symlink to one: --force replaces a file, never
    a folder, a device (as root, /dev/null would be replaced), a FIFO or a socket. A dangling symlink may go."""
    try:
        info = os.stat(target)  # follows a symlink: what it points at decides
    except (FileNotFoundError, NotADirectoryError):  # nothing there (the folder check comes later)
        return
    except OSError as exc:
        raise _cannot(target, exc) from None
    kind = special_kind(info.st_mode)
    if kind == _FOLDER:
        raise OutputError(Bilingual(f"Kan ikke skrive {target}: det er en mappe.", f"Cannot write {target}: it is a folder."),
                          hint=Bilingual("Giv et filnavn.", "Give a file name."))
    if kind:
        raise OutputError(Bilingual(f"Kan ikke skrive {target}: det er {kind.da}, og vold skriver kun over almindelige "
                                    "filer.",
                                    f"Cannot write {target}: it is {kind.en}, and vold writes only over regular files."),
                          hint=Bilingual("Vælg et andet navn, eller - for standardoutput.",
                                         "Choose another name, or - for standard output."))


def refuse_existing(target: Path, *, force: bool) -> None:
    """The check `write_text_atomic` makes, for callers that want to fail before doing the work."""
    refuse_special(target)
    if not force and (target.exists() or target.is_symlink()):
        raise _exists(target)


def _exists(target: Path) -> OutputError:
    return OutputError(Bilingual(f"{target} findes allerede.", f"{target} already exists."),
                       hint=Bilingual("Brug --force for at overskrive den, eller vælg et andet navn.",
                                      "Use --force to overwrite it, or choose another name."))


def write_text_atomic(target: Path, text: str, *, force: bool = False) -> None:
    """Write `text` (UTF-8, newlines as written) to `target` atomically: see `write_bytes_atomic`."""
    write_bytes_atomic(target, text.encode("utf-8"), force=force)


def write_bytes_atomic(target: Path, data: bytes, *, force: bool = False) -> None:
    """Write `data` to `target` via a temporary file in the same folder and a rename (clean-up on Ctrl-C).

    Only over a regular file, and only with `force`. Without `force` the temporary file is hard-linked to
    `target`, which fails if `target` has appeared in the meantime, so nothing is ever replaced that was not
    there when we looked (rename would replace it)."""
    refuse_existing(target, force=force)
    parent = _parent_ok(target)
    tmp = None
    fd = -1
    try:
        # a short name of its own (not the target's: a name near the system's limit would leave no room for a
        # suffix); mkstemp opens it O_EXCL, with O_BINARY on Windows
        fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".tmp", dir=parent)
        _PENDING.add(tmp)
        if hasattr(os, "fchmod"):  # Windows has it only from Python 3.13: chmod by name below, once closed
            os.fchmod(fd, _umasked(0o666))
        with os.fdopen(fd, "wb") as handle:
            fd = -1  # the handle owns it now, and closes it
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # closed before the rename or the removal: Windows cannot rename or remove a file that is open
        if not hasattr(os, "fchmod"):
            os.chmod(tmp, _umasked(0o666))
        if force:
            refuse_special(target)  # again, just before: it may have been swapped for a FIFO meanwhile
            os.replace(tmp, target)
        else:
            try:
                os.link(tmp, target)
            except FileExistsError:
                raise _exists(target) from None
            except OSError:  # no hard links on this file system (FAT, some shares): the check above must do
                if target.exists() or target.is_symlink():
                    raise _exists(target) from None
                os.replace(tmp, target)
            else:
                os.unlink(tmp)
        _PENDING.discard(tmp)
    except BaseException as exc:
        if fd >= 0:  # failed before the handle took it: close it, or Windows keeps the file from being removed
            os.close(fd)
        if tmp is not None:
            _PENDING.discard(tmp)
            try:
                os.unlink(tmp)
            except OSError:
                pass
        if isinstance(exc, OSError):
            raise _cannot(target, exc) from None
        raise


_NEW_FOLDER = Bilingual("Vælg et nyt mappenavn; vold overskriver aldrig en mappe.",
                        "Choose a new folder name; vold never overwrites it.")


def copy_knowledge(knowledge: Knowledge, directory: Path) -> list[Path]:
    """Copy the knowledge files of `knowledge` into a new folder `directory` (which must not exist)."""
    if directory.exists() or directory.is_symlink():
        raise OutputError(Bilingual(f"{directory} findes allerede.", f"{directory} already exists."), hint=_NEW_FOLDER)
    parent = _parent_ok(directory)
    source, _ = resolve(None if knowledge.origin in ("bundled", "repository") else knowledge.location)
    staging = None
    try:
        staging = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=parent))
        _PENDING.add(str(staging))
        for stem in SECTIONS:
            (staging / f"{stem}.yaml").write_bytes((source / f"{stem}.yaml").read_bytes())
        staging.chmod(_umasked(0o777))
        _rename_noreplace(staging, directory)
        _PENDING.discard(str(staging))
    except BaseException as exc:  # also Ctrl-C: leave no half-made staging folder behind
        if staging is not None:
            _PENDING.discard(str(staging))
            shutil.rmtree(staging, ignore_errors=True)
        if isinstance(exc, FileExistsError):
            raise OutputError(Bilingual(f"Kan ikke skrive {directory}: den dukkede op, mens kopien blev lavet; den er "
                                        "ikke rørt.",
                                        f"Cannot write {directory}: it appeared while the copy was made; it was left "
                                        "as it is."), hint=_NEW_FOLDER) from None
        if isinstance(exc, OSError):
            raise _cannot(directory, exc) from None
        raise
    return [directory / f"{stem}.yaml" for stem in SECTIONS]


_RENAME_NOREPLACE = 1
_AT_FDCWD = -100


def _renameat2(source: Path, target: Path) -> bool:
    """Linux renameat2(RENAME_NOREPLACE): True when done; False when this system or file system lacks it.
    Raises FileExistsError when `target` exists (whatever it is, an empty folder too)."""
    if not hasattr(os, "sched_getaffinity"):  # not Linux: no renameat2
        return False
    try:
        import ctypes
        import ctypes.util

        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        call = libc.renameat2
    except (OSError, AttributeError):  # no libc by that name, or glibc older than 2.28
        return False
    call.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if call(_AT_FDCWD, os.fsencode(source), _AT_FDCWD, os.fsencode(target), _RENAME_NOREPLACE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):  # kernel or file system without the flag
        return False
    raise OSError(err, os.strerror(err), str(target))


def _rename_noreplace(staging: Path, directory: Path) -> None:
    """Move the finished folder `staging` to `directory`, never replacing anything that appeared there meanwhile
    (os.rename would replace an empty folder). Without renameat2: mkdir (atomic, fails if anything is there),
    then move the files into the folder we just made, then drop the staging folder."""
    if _renameat2(staging, directory):
        return
    os.mkdir(directory, 0o700)  # FileExistsError if anything is there now
    _PENDING.add(str(directory))  # ours now: Ctrl-C before it is complete removes it
    try:
        for entry in sorted(os.listdir(staging)):
            os.rename(staging / entry, directory / entry)
        os.chmod(directory, stat.S_IMODE(os.stat(staging).st_mode))
        os.rmdir(staging)
    except BaseException:
        shutil.rmtree(directory, ignore_errors=True)  # only what we made a moment ago
        raise
    finally:
        _PENDING.discard(str(directory))
