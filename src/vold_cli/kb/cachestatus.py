"""What the cache did for one load (`Status`), and the shape check every source of knowledge passes
(`shape_ok`). Apart from cache.py so that the bundled knowledge, which needs no cache, does not import it."""

from __future__ import annotations


class Status:
    """What the cache did for one load.

    `code` is one of: "hit" (used), "stored" (nothing cached for these files: validated, now stored), "replaced"
    (the entry could not be used, see `why`: validated and replaced), "generated" (bundled generated data, no
    cache needed), "validate" (a full validation was asked for, the cache is not consulted), "disabled"
    (VOLD_NO_CACHE), "unsafe" (the folder is not safe to use, see `why`), "unwritable" (the folder cannot be
    created or written, see `why`), "unsupported" (this platform lacks the POSIX calls the cache's safety checks
    need: Windows), "no-folder" (no absolute cache folder: HOME and XDG_CACHE_HOME relative or unset),
    "no-schema" (the schema's source files cannot be read, so a schema change could not be seen).

    Immutable. A plain class, not a dataclass: the dataclasses module and building one cost about two
    milliseconds at start-up."""

    __slots__ = ("code", "folder", "why", "detail")
    code: str
    folder: str
    why: str  # a code from cache.WHY
    detail: str  # the system's words for an OSError

    def __init__(self, code: str, folder: str = "", why: str = "", detail: str = "") -> None:
        for name, value in (("code", code), ("folder", folder), ("why", why), ("detail", detail)):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Status is immutable ({name})")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Status) and (self.code, self.folder, self.why, self.detail) == (
            other.code, other.folder, other.why, other.detail)

    def __hash__(self) -> int:
        return hash((self.code, self.folder, self.why, self.detail))

    def __repr__(self) -> str:
        return f"Status(code={self.code!r}, folder={self.folder!r}, why={self.why!r}, detail={self.detail!r})"

    @property
    def used(self) -> bool:
        return self.code == "hit"


def shape_ok(data: object, sections: tuple[str, ...]) -> bool:
    """The knowledge's shape at the top: exactly the sections, in order, each a non-empty mapping."""
    return (isinstance(data, dict) and tuple(data) == sections
            and all(isinstance(value, dict) and value for value in data.values()))
