"""Find, read and validate the knowledge base, from generated data, the cache or the YAML itself.

YAML parsing and pydantic validation cost more than the rest of a command together, so a command avoids them:

- The wheel's bundled knowledge is validated when the wheel is built (`hatch_build.py`) and shipped as generated
  data, `vold_cli/knowledge.json`: one `json.loads`, no YAML, no pydantic, no per-user cache.
- Any other folder (`--kb`, VOLD_KB, the repository's `knowledge/` in an editable install) is read, then looked
  up in the per-user cache (`cache.py`: keyed by a cryptographic hash of every file's bytes and by the schema),
  and validated fully (schema, then cross-references) only on a miss.

Commands work on plain JSON-shaped data (dicts and lists), which is exactly what `model_dump(mode="json")` of
the validated models gives. A `--kb` folder is read only within itself: a symbolic link that leads outside the
folder is refused.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from vold_cli import __version__
from vold_cli.errors import KnowledgeError
from vold_cli.i18n.bilingual import Bilingual
from vold_cli.i18n.localize import number
from vold_cli.kb.sections import SECTIONS as SECTIONS  # the files of a knowledge folder (re-exported)

if TYPE_CHECKING:
    from vold_cli.kb.cachestatus import Status
    from vold_cli.kb.schema import KnowledgeData

MAX_FILE_BYTES = 64 * 1024 * 1024
#: The generated data inside the wheel, next to the `knowledge/` folder it was made from.
GENERATED = "knowledge.json"
GENERATED_FORMAT = 1
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
#: Windows opens a file in text mode unless told otherwise (CRLF folded, byte 0x1A ends the read): never here.
BINARY = getattr(os, "O_BINARY", 0)


class Knowledge:
    """The validated knowledge base as plain data, and where it came from. Immutable; a plain class, not a
    dataclass, so that loading the bundled knowledge does not import the dataclasses module."""

    __slots__ = ("data", "location", "origin", "cached", "cache", "key")
    data: KnowledgeData
    location: str
    origin: str  # "bundled", "repository", "--kb", "VOLD_KB"
    cached: bool  # came from the per-user cache
    cache: Status | None  # what the cache did, and why (for `kb info`)
    key: str  # the cache key of the files' bytes ("" when no cache was consulted): what derived data is cached by

    def __init__(self, data: KnowledgeData, location: str, origin: str, cached: bool,
                 cache: Status | None = None, key: str = "") -> None:
        for name, value in (("data", data), ("location", location), ("origin", origin), ("cached", cached),
                            ("cache", cache), ("key", key)):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Knowledge is immutable ({name})")

    def __repr__(self) -> str:
        return (f"Knowledge(location={self.location!r}, origin={self.origin!r}, cached={self.cached!r}, "
                f"cache={self.cache!r})")


# --- locating -------------------------------------------------------------------------------------


def _package() -> Any:
    """The installed package as an importlib.resources Traversable. For a package that is a folder on disk
    that is the folder's pathlib.Path, which is what `resources.files` returns for it; it is made here directly,
    because importing importlib.resources (and zipfile with it) would cost a few per cent of a command's start.
    Anything else (a zip, a custom importer) goes through `resources.files`."""
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # vold_cli/, the parent of kb/
    if os.path.isfile(__file__) and os.path.isfile(os.path.join(here, "__init__.py")):
        return Path(here)
    from importlib import resources

    return resources.files("vold_cli")


def _bundled() -> tuple[Any, str]:
    packaged = _package() / "knowledge"
    if packaged.is_dir():
        return packaged, "bundled"
    repository = Path(__file__).resolve().parents[3] / "knowledge"
    if repository.is_dir():
        return repository, "repository"
    raise KnowledgeError(
        Bilingual("Den medfølgende vidensbase mangler i denne installation.",
                  "The bundled knowledge base is missing from this installation."),
        hint=Bilingual("Installér vold igen, eller peg --kb / VOLD_KB på en vidensmappe.",
                       "Reinstall vold, or point --kb / VOLD_KB at a knowledge folder."),
    )


def resolve(path: str | os.PathLike[str] | None) -> tuple[Any, str]:
    """The folder to load and how it was chosen: an explicit path, VOLD_KB, or the bundled knowledge."""
    origin = "--kb"
    if path is None and os.environ.get("VOLD_KB"):
        path, origin = os.environ["VOLD_KB"], "VOLD_KB"
    if path is None:
        return _bundled()
    folder = Path(path)
    try:
        is_dir = folder.is_dir()
    except OSError as exc:
        reason = exc.strerror or exc
        raise KnowledgeError(Bilingual(f"Kan ikke åbne vidensmappen {folder}: {reason}.",
                                       f"Cannot open knowledge folder {folder}: {reason}.")) from None
    if not is_dir:
        what = (Bilingual("er ikke en mappe", "is not a folder") if folder.exists()
                else Bilingual("findes ikke", "does not exist"))
        named = Bilingual(" (fra VOLD_KB)", " (from VOLD_KB)") if origin == "VOLD_KB" else ""
        raise KnowledgeError(
            Bilingual("Vidensmappen {folder}{named} {what}.", "Knowledge folder {folder}{named} {what}.").format(
                folder=folder, named=named, what=what),
            hint=Bilingual("Giv stien til en mappe med meta.yaml osv.; `vold kb init MAPPE` skriver en at begynde med.",
                           "Give the path of a folder holding meta.yaml etc.; `vold kb init DIR` writes one to start "
                           "from."),
        )
    return folder, origin


# --- reading --------------------------------------------------------------------------------------


def _read_path(folder: Path, real_folder: str, stem: str) -> bytes:
    """One file of a folder on disk: only a regular file inside the folder, never blocking, under the cap."""
    name = f"{stem}.yaml"
    entry = folder / name
    where = Bilingual(f"{name} i {folder}", f"{name} in {folder}")
    real = os.path.realpath(entry)
    if not within(real, real_folder):
        raise KnowledgeError(
            Bilingual(f"{name}: er et symbolsk link, der fører uden for vidensmappen {folder}; "
                      "vold læser kun mappens egne filer.",
                      f"{name}: is a symbolic link that leads outside the knowledge folder {folder}; "
                      "vold reads only the folder's own files."),
            hint=Bilingual("Kopiér filen ind i mappen i stedet for at linke til den.",
                           "Copy the file into the folder instead of linking to it."),
        )
    try:
        # the real path's last part is no link; O_NOFOLLOW refuses one swapped in since, O_NONBLOCK a FIFO's wait
        fd = os.open(real, os.O_RDONLY | BINARY | _NOFOLLOW | _NONBLOCK)
    except FileNotFoundError:
        if os.path.islink(entry):
            raise KnowledgeError(Bilingual(
                f"{name}: kan ikke læses (et symbolsk link til en fil, der ikke findes, i {folder}).",
                f"{name}: cannot be read (a symbolic link to a file that does not exist, in {folder}).")) from None
        raise _missing(name, folder) from None
    except OSError as exc:
        if exc.errno == errno.EISDIR:
            raise _not_a_file(name, where) from None
        raise _unreadable(name, exc) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise _not_a_file(name, where)
        if not stat.S_ISREG(info.st_mode):  # a FIFO would block the read forever, a device never end
            raise KnowledgeError(Bilingual(f"{name}: er ikke en almindelig fil ({where.da}).",
                                           f"{name}: is not a regular file ({where.en})."))
        if info.st_size > MAX_FILE_BYTES:
            raise KnowledgeError(Bilingual(
                f"{name}: {number(info.st_size, 'da')} byte er over grænsen på {number(MAX_FILE_BYTES, 'da')} byte.",
                f"{name}: {info.st_size:,} bytes is larger than the limit of {MAX_FILE_BYTES:,} bytes."))
        data = read_capped(fd, MAX_FILE_BYTES)
    except OSError as exc:
        raise _unreadable(name, exc) from None
    finally:
        os.close(fd)
    if len(data) > MAX_FILE_BYTES:
        raise _too_large(name)
    return data


def within(real: str, real_folder: str) -> bool:
    """Whether the resolved path `real` lies inside the resolved folder `real_folder`. False, not ValueError,
    for a path on another drive (Windows: a link or junction in the folder leading to D:\\). Compared as the
    system compares names (Windows: letter case aside; elsewhere exactly)."""
    try:
        common = os.path.commonpath([real, real_folder])
    except ValueError:
        return False
    return os.path.normcase(common) == os.path.normcase(real_folder)


def _missing(name: str, folder: object) -> KnowledgeError:
    return KnowledgeError(Bilingual(f"{name}: mangler i vidensmappen {folder}.",
                                    f"{name}: missing from the knowledge folder {folder}."))


def _not_a_file(name: str, where: Bilingual) -> KnowledgeError:
    return KnowledgeError(Bilingual(f"{name}: er en mappe, ikke en fil ({where.da}).",
                                    f"{name}: is a folder, not a file ({where.en})."))


def _unreadable(name: str, exc: OSError) -> KnowledgeError:
    reason = exc.strerror or exc
    return KnowledgeError(Bilingual(f"{name}: kan ikke læses ({reason}).", f"{name}: cannot be read ({reason})."))


def _too_large(name: str) -> KnowledgeError:
    return KnowledgeError(Bilingual(f"{name}: større end grænsen på {number(MAX_FILE_BYTES, 'da')} byte.",
                                    f"{name}: larger than the limit of {MAX_FILE_BYTES:,} bytes."))


def _read_resource(folder: Any, stem: str) -> bytes:
    """One file of the knowledge inside an installed package that is not a plain folder (e.g. a zip)."""
    name = f"{stem}.yaml"
    entry = folder / name
    try:
        if not entry.is_file():
            raise _missing(name, folder)
        with entry.open("rb") as handle:
            data: bytes = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise _unreadable(name, exc) from None
    if len(data) > MAX_FILE_BYTES:
        raise _too_large(name)
    return data



def read_capped(fd: int, limit: int) -> bytes:
    """At most `limit` + 1 bytes from `fd` (one more than allowed, so the caller can tell a file over the limit
    from one exactly at it); never more, whatever the file claims its size is (a device, a growing file)."""
    chunks: list[bytes] = []
    left = limit + 1
    while left > 0:
        chunk = os.read(fd, min(left, 1 << 22))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)

def read_all(folder: Any) -> dict[str, bytes]:
    """The bytes of every knowledge file of `folder`, in SECTIONS order."""
    if isinstance(folder, Path):
        real_folder = os.path.realpath(folder)
        return {stem: _read_path(folder, real_folder, stem) for stem in SECTIONS}
    return {stem: _read_resource(folder, stem) for stem in SECTIONS}


def sources_sha256(raw: dict[str, bytes]) -> str:
    """SHA-256 of every file's name, length and bytes: which YAML a generated file was made from."""
    import hashlib

    digest = hashlib.sha256()
    for stem, blob in raw.items():
        digest.update(f"{stem}.yaml\0{len(blob)}\0".encode())
        digest.update(blob)
    return digest.hexdigest()


# --- generated data (the wheel) --------------------------------------------------------------------


def generate(folder: Path) -> bytes:
    """The generated data file for a knowledge folder: validated now, raising KnowledgeError if invalid. The
    wheel's build hook (`hatch_build.py`) ships it as vold_cli/knowledge.json."""
    from vold_cli.kb.cache import schema_fingerprint
    from vold_cli.kb.validate import validate_files

    raw = read_all(folder)
    data = validate_files(raw)
    payload = {"format": GENERATED_FORMAT, "version": __version__, "schema": schema_fingerprint(),
               "sources_sha256": sources_sha256(raw), "data": data}
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _generated(package: Any) -> dict[str, Any] | None:
    """The bundled generated data, if this installation has it and it is for this version and shape."""
    try:
        payload = json.loads((package / GENERATED).read_bytes())
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(payload, dict) or payload.get("format") != GENERATED_FORMAT \
            or payload.get("version") != __version__:
        return None
    from vold_cli.kb.cachestatus import shape_ok

    data = payload.get("data")
    return data if shape_ok(data, SECTIONS) else None


def package_file(name: str) -> bytes | None:
    """A file the wheel's build put beside the package's modules (generated data such as the search index), or
    None when this installation has none."""
    try:
        return cast("bytes", (_package() / name).read_bytes())
    except OSError:
        return None


# --- loading --------------------------------------------------------------------------------------


def unchanged_key(path: str | os.PathLike[str] | None = None) -> str:
    """The cache key of a knowledge folder on disk whose files are unchanged since it was recorded, without
    reading them or the cached knowledge; "" for the bundled copy, or when the files must be read (then `load`)."""
    folder, origin = resolve(path)
    if origin == "bundled" or not isinstance(folder, Path):
        return ""
    from vold_cli.kb import cache

    return cache.unchanged_key(str(Path(folder).resolve()), SECTIONS)


def load(path: str | os.PathLike[str] | None = None, *, use_cache: bool = True) -> Knowledge:
    """Load the knowledge base from `path`, VOLD_KB or the bundled copy; raise KnowledgeError if invalid.

    `use_cache=False` (what `vold kb validate` does) reads and validates the YAML itself, always."""
    folder, origin = resolve(path)
    location = str(folder) if origin == "bundled" else str(Path(folder).resolve())
    from vold_cli.kb.cachestatus import Status

    if origin == "bundled" and use_cache:
        generated = _generated(_package())
        if generated is not None:  # made by the build hook from the validated YAML, so it has the schema's shape
            return Knowledge(data=cast("KnowledgeData", generated), location=location, origin=origin, cached=False,
                             cache=Status("generated"))
    if not use_cache:
        from vold_cli.kb.validate import validate_files

        return Knowledge(data=validate_files(read_all(folder)), location=location, origin=origin, cached=False,
                         cache=Status("validate"))
    from vold_cli.kb import cache

    on_disk = isinstance(folder, Path)
    if on_disk:  # files unchanged since their key was recorded: neither read nor hashed (cache.py)
        found, status, key = cache.fetch_unchanged(location, SECTIONS)
        if found is not None and status is not None:
            return Knowledge(data=cast("KnowledgeData", found), location=location, origin=origin, cached=True,
                             cache=status, key=key)
    before = cache.stat_signature(location, SECTIONS) if on_disk else None
    raw = read_all(folder)
    found, status, lookup = cache.fetch(raw, SECTIONS)
    if found is not None:  # cache.fetch checked its key, schema fingerprint, digest and shape
        cache.remember(lookup, location, before, SECTIONS)
        return Knowledge(data=cast("KnowledgeData", found), location=location, origin=origin, cached=True, cache=status,
                         key=lookup.key if lookup else "")
    from vold_cli.kb.validate import validate_files

    data = validate_files(raw)
    status = cache.store(lookup, cast("dict[str, Any]", data), status)
    if status.code in ("stored", "replaced"):
        cache.remember(lookup, location, before, SECTIONS)
    key = lookup.key if lookup is not None and status.code in ("stored", "replaced") else ""
    return Knowledge(data=data, location=location, origin=origin, cached=False, cache=status, key=key)
