"""One text in both languages, carried whole until the one place that picks the language.

Every message vold makes (an error, a hint, a notice such as "Wrote FILE", a cache reason, a label) is a
`Bilingual(da, en)` from where it is made to where it is shown: the error edge in commands/app.py, a view, or a
writer. There `pick(text, lang)` takes one side; it is the one function that chooses between Danish and English,
for vold's own texts and for the knowledge's {da, en} texts alike (`tr(lang, da, en)` is `pick` of a pair written
in place). Nothing translates English into Danish afterwards.

This module imports nothing of vold: the base layer (errors.py, text.py) builds its messages with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

LANGS = ("da", "en")


class Bilingual(str):
    """A text in Danish and English. The string itself is the English, so a `Bilingual` also goes where Typer and
    Click take a string (a help text, a metavar) and where logs and tests read one; `.da` is the Danish. A text
    meant for a user goes through `pick`. Immutable; two are equal when both sides are."""

    da: str

    def __new__(cls, da: str, en: str) -> Bilingual:
        self = super().__new__(cls, en)
        object.__setattr__(self, "da", da)
        return self

    @property
    def en(self) -> str:
        return str.__str__(self)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Bilingual is immutable ({name})")

    def __reduce__(self) -> tuple[type[Bilingual], tuple[str, str]]:
        return Bilingual, (self.da, self.en)

    def __copy__(self) -> Bilingual:
        return self

    def __deepcopy__(self, memo: object) -> Bilingual:
        return self

    @classmethod
    def same(cls, text: str) -> Bilingual:
        """A text that reads the same in both languages: a name, a path, a number, or words that another program
        (Click, the operating system) has already given in the chosen language."""
        return cls(text, text)

    def format(self, *args: object, **values: object) -> Bilingual:
        """Both sides formatted with `values` (str.format); a Bilingual value fills in its own side on each."""
        da = {k: v.da if isinstance(v, Bilingual) else v for k, v in values.items()}
        en = {k: v.en if isinstance(v, Bilingual) else v for k, v in values.items()}
        return Bilingual(self.da.format(*args, **da), self.en.format(*args, **en))

    def __add__(self, other: str) -> Bilingual:
        if isinstance(other, Bilingual):
            return Bilingual(self.da + other.da, self.en + other.en)
        return Bilingual(self.da + other, self.en + other)

    def __radd__(self, other: str) -> Bilingual:
        return Bilingual(other + self.da, other + self.en)

    def join(self, parts: Iterable[str]) -> Bilingual:
        """`self.join(parts)` on each side (a part that is a Bilingual gives its own side)."""
        items = list(parts)
        return Bilingual(self.da.join(p.da if isinstance(p, Bilingual) else p for p in items),
                         self.en.join(p.en if isinstance(p, Bilingual) else p for p in items))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Bilingual):
            return (self.da, self.en) == (other.da, other.en)
        return str.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = str.__hash__

    def __repr__(self) -> str:
        return f"Bilingual(da={self.da!r}, en={self.en!r})"

    def __str__(self) -> str:
        return self.en


def pick(text: Bilingual | Mapping[str, object] | None, lang: str) -> str:
    """One language of a bilingual text: a `Bilingual`, or the knowledge's {da, en} (`Text`; a missing or empty
    side falls back to English); empty when there is no text."""
    if isinstance(text, Bilingual):
        return text.da if lang == "da" else text.en
    if not text:
        return ""
    chosen = text.get(lang) or text.get("en") or ""
    return chosen if isinstance(chosen, str) else ""


def tr(lang: str, da: str, en: str) -> str:
    """The interface's own words written in place: `pick` of the pair."""
    return pick(Bilingual(da, en), lang)
