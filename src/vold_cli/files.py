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
        raise OutputError(f"Cannot write {target}: folder {parent} does not exist.")
    if not os.access(parent, os.W_OK):
        raise OutputError(f"Cannot write {target}: folder {parent} is not writable.")
    return parent


def write_text_atomic(target: Path, text: str, *, force: bool = False) -> None:
    """Write `text` to `target` via a temporary file in the same folder and a rename."""
    if target.is_dir():
        raise OutputError(f"Cannot write {target}: it is a folder.")
    if (target.exists() or target.is_symlink()) and not force:
        raise OutputError(f"{target} already exists.", hint="Use --force to overwrite it, or choose another name.")
    parent = _parent_ok(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, target)
    except BaseException as exc:
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
    staging = Path(tempfile.mkdtemp(prefix=f".{directory.name}.", dir=parent))
    try:
        for stem in SECTIONS:
            (staging / f"{stem}.yaml").write_bytes((source / f"{stem}.yaml").read_bytes())
        os.rename(staging, directory)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise OutputError(f"Cannot write {directory}: {exc.strerror or exc}.") from None
    return [directory / f"{stem}.yaml" for stem in SECTIONS]
