"""Find, read, validate and cache the knowledge base.

A command needs the knowledge base in a few milliseconds, but YAML parsing and pydantic validation cost more
than the rest of the command together. So the first load of a folder validates it fully (schema, then
cross-references) and stores the validated data as JSON in a cache keyed by the folder's location; later
loads compare a fingerprint of every file's bytes (size and CRC-32) and reuse the cache only when nothing
changed. Commands therefore work on plain JSON-shaped data (dicts and lists), which is exactly what
`model_dump(mode="json")` of the validated models gives.
"""

from __future__ import annotations

import json
import os
import stat
import zlib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from . import __version__
from .errors import KnowledgeError

#: The files of a knowledge folder, in the order `kb info` reports them (models.FILES has the same keys).
SECTIONS: tuple[str, ...] = (
    "meta",
    "definition",
    "prevalence",
    "municipalities",
    "regions",
    "profile",
    "phases",
    "evidence",
    "target_groups",
    "law",
    "interventions",
    "initiatives",
    "documentation",
    "implementation",
    "economy",
    "benchmarks",
)

MAX_FILE_BYTES = 64 * 1024 * 1024
CACHE_FORMAT = 1


@dataclass(frozen=True)
class Knowledge:
    """The validated knowledge base as plain data, and where it came from."""

    data: dict[str, Any]
    location: str
    origin: str  # "bundled", "repository", "--kb", "VOLD_KB"
    cached: bool

    def __getitem__(self, section: str) -> Any:
        return self.data[section]


# --- locating -------------------------------------------------------------------------------------


def bundled_folder() -> Any:
    """The knowledge shipped inside the wheel, or the repository's `knowledge/` for an editable install."""
    packaged = resources.files("vold_cli") / "knowledge"
    if packaged.is_dir():
        return packaged
    repository = Path(__file__).resolve().parents[2] / "knowledge"
    if repository.is_dir():
        return repository
    raise KnowledgeError(
        "The bundled knowledge base is missing from this installation.",
        hint="Reinstall vold, or point --kb / VOLD_KB at a knowledge folder.",
    )


def resolve(path: str | os.PathLike[str] | None) -> tuple[Any, str]:
    """The folder to load and how it was chosen: an explicit path, VOLD_KB, or the bundled knowledge."""
    origin = "--kb"
    if path is None and os.environ.get("VOLD_KB"):
        path, origin = os.environ["VOLD_KB"], "VOLD_KB"
    if path is None:
        folder = bundled_folder()
        return folder, "bundled"
    folder = Path(path)
    try:
        is_dir = folder.is_dir()
    except OSError as exc:
        raise KnowledgeError(f"Cannot open knowledge folder {folder}: {exc.strerror or exc}.") from None
    if not is_dir:
        what = "is not a folder" if folder.exists() else "does not exist"
        named = " (from VOLD_KB)" if origin == "VOLD_KB" else ""
        raise KnowledgeError(
            f"Knowledge folder {folder}{named} {what}.",
            hint="Give the path of a folder holding meta.yaml etc.; `vold kb init DIR` writes one to start from.",
        )
    return folder, origin


# --- reading --------------------------------------------------------------------------------------


def _read_bytes(folder: Any, stem: str) -> bytes:
    name = f"{stem}.yaml"
    entry = folder / name
    where = f"{name} in {folder}"
    try:
        if isinstance(entry, Path):
            if not entry.exists() and not entry.is_symlink():
                raise KnowledgeError(f"{name}: missing from the knowledge folder {folder}.")
            if entry.is_dir():
                raise KnowledgeError(f"{name}: is a folder, not a file ({where}).")
            info = entry.stat()
            if not stat.S_ISREG(info.st_mode):  # a FIFO would block the read forever, a device never end
                raise KnowledgeError(f"{name}: is not a regular file ({where}).")
            size = info.st_size
            if size > MAX_FILE_BYTES:
                raise KnowledgeError(
                    f"{name}: {size:,} bytes is larger than the limit of {MAX_FILE_BYTES:,} bytes."
                )
        elif not entry.is_file():
            raise KnowledgeError(f"{name}: missing from the knowledge folder {folder}.")
        with entry.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except KnowledgeError:
        raise
    except OSError as exc:
        raise KnowledgeError(f"{name}: cannot be read ({exc.strerror or exc}).") from None
    if len(data) > MAX_FILE_BYTES:
        raise KnowledgeError(f"{name}: larger than the limit of {MAX_FILE_BYTES:,} bytes.")
    return data


def _read_all(folder: Any) -> dict[str, bytes]:
    return {stem: _read_bytes(folder, stem) for stem in SECTIONS}


def _fingerprint(raw: dict[str, bytes]) -> list[list[Any]]:
    return [[stem, len(blob), zlib.crc32(blob)] for stem, blob in raw.items()]


# --- caching --------------------------------------------------------------------------------------


def _cache_file(location: str) -> Path | None:
    if os.environ.get("VOLD_NO_CACHE"):
        return None
    base = os.environ.get("VOLD_CACHE_DIR")
    if not base:
        xdg = os.environ.get("XDG_CACHE_HOME")
        base = os.path.join(xdg, "vold") if xdg else os.path.join(os.path.expanduser("~"), ".cache", "vold")
    key = zlib.crc32(f"{location}\0{__version__}\0{CACHE_FORMAT}".encode("utf-8", "surrogatepass"))
    return Path(base) / f"kb-{key:08x}.json"


def _cache_read(path: Path | None, location: str, fingerprint: list[list[Any]]) -> dict[str, Any] | None:
    if path is None:
        return None
    try:
        with path.open("rb") as handle:
            cached = json.loads(handle.read())
    except (OSError, ValueError, RecursionError):  # a damaged cache is only a cache miss
        return None
    if (
        not isinstance(cached, dict)
        or cached.get("location") != location
        or cached.get("version") != __version__
        or cached.get("fingerprint") != fingerprint
    ):
        return None
    data = cached.get("data")
    return data if isinstance(data, dict) else None


def _cache_write(path: Path | None, location: str, fingerprint: list[list[Any]], data: dict[str, Any]) -> None:
    """Best effort: a cache that cannot be written only costs speed."""
    if path is None:
        return
    payload = {"version": __version__, "location": location, "fingerprint": fingerprint, "data": data}
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(payload, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        try:
            tmp.unlink()
        except OSError:
            pass


# --- loading --------------------------------------------------------------------------------------


def load(path: str | os.PathLike[str] | None = None, *, use_cache: bool = True) -> Knowledge:
    """Load the knowledge base from `path`, VOLD_KB or the bundled copy; raise KnowledgeError if invalid."""
    folder, origin = resolve(path)
    location = str(folder) if origin == "bundled" else str(Path(folder).resolve())
    if origin == "bundled" and isinstance(folder, Path) and "site-packages" not in location:
        origin = "repository"
    raw = _read_all(folder)
    fingerprint = _fingerprint(raw)
    cache = _cache_file(location) if use_cache else None
    data = _cache_read(cache, location, fingerprint)
    if data is not None:
        return Knowledge(data=data, location=location, origin=origin, cached=True)
    from .validate import validate_files

    data = validate_files(raw)
    _cache_write(cache, location, fingerprint, data)
    return Knowledge(data=data, location=location, origin=origin, cached=False)
