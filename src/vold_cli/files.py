"""Writing files for the user: never over something that exists unless asked, and always atomically."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from .errors import OutputError
from .loader import SECTIONS, Knowledge, resolve


def _parent_ok(target: Path) -> Path:
    parent = target.absolute().parent
    if not parent.is_dir():
        what = "is not a folder" if parent.exists() else "does not exist"
        raise OutputError(f"Cannot write {target}: folder {parent} {what}.")
    if not os.access(parent, os.W_OK):
        raise OutputError(f"Cannot write {target}: folder {parent} is not writable.")
    return parent


def _umasked(mode: int) -> int:
    """`mode` less the process umask: what open() and mkdir() would have given (mkstemp and mkdtemp give
    0600 and 0700, which would hide a report or a knowledge folder from everyone else)."""
    mask = os.umask(0)
    os.umask(mask)
    return mode & ~mask


def refuse_existing(target: Path, *, force: bool) -> None:
    """The check `write_text_atomic` makes, for callers that want to fail before doing the work."""
    if not force and (target.exists() or target.is_symlink()):
        raise _exists(target)


def _exists(target: Path) -> OutputError:
    return OutputError(f"{target} already exists.", hint="Use --force to overwrite it, or choose another name.")


def write_text_atomic(target: Path, text: str, *, force: bool = False) -> None:
    """Write `text` to `target` via a temporary file in the same folder and a rename.

    Without `force` the temporary file is hard-linked to `target`, which fails if `target` has appeared in the
    meantime, so nothing is ever replaced that was not there when we looked (rename would replace it)."""
    if target.is_dir():
        raise OutputError(f"Cannot write {target}: it is a folder.")
    if (target.exists() or target.is_symlink()) and not force:
        raise _exists(target)
    parent = _parent_ok(target)
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent)
        os.fchmod(fd, _umasked(0o666))
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if force:
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
    except BaseException as exc:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        if isinstance(exc, OSError):
            raise OutputError(f"Cannot write {target}: {exc.strerror or exc}.") from None
        raise


def copy_knowledge(knowledge: Knowledge, directory: Path) -> list[Path]:
    """Copy the knowledge files of `knowledge` into a new folder `directory` (which must not exist)."""
    if directory.exists() or directory.is_symlink():
        raise OutputError(f"{directory} already exists.", hint="Choose a new folder name; vold never overwrites it.")
    parent = _parent_ok(directory)
    source, _ = resolve(None if knowledge.origin in ("bundled", "repository") else knowledge.location)
    staging = None
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{directory.name}.", dir=parent))
        for stem in SECTIONS:
            (staging / f"{stem}.yaml").write_bytes((source / f"{stem}.yaml").read_bytes())
        staging.chmod(_umasked(0o777))
        os.rename(staging, directory)
    except BaseException as exc:  # also Ctrl-C: leave no half-made staging folder behind
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        if isinstance(exc, OSError):
            raise OutputError(f"Cannot write {directory}: {exc.strerror or exc}.") from None
        raise
    return [directory / f"{stem}.yaml" for stem in SECTIONS]
