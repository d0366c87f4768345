"""The values a user may type for each choice option, in Danish and English, with or without Danish letters.

Every choice option of every command (phase, target group, evidence level, the part of `vold implementation`;
the output formats are the format registry's, output/formats.py) takes its English id, its Danish word, and the names the knowledge base gives
(`Sekundær forebyggelse`, `Unge`, `Lovende`), in any case, with or without Danish letters (sekundaer = sekundær),
with spaces or hyphens. `normalise` gives the id; an unknown value is a UsageError listing the values in both
languages (Danish words, English ids). Pure data and text: no typer, click or rich (the CLI wraps it in a click ParamType).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vold_cli.i18n.bilingual import Bilingual
from vold_cli.text import loose

if TYPE_CHECKING:
    from vold_cli.kb.facade import KnowledgeBase

# kind -> id -> (Danish words a user may type, the first one shown; English words beside the id)
STATIC: dict[str, dict[str, tuple[tuple[str, ...], tuple[str, ...]]]] = {
    "phase": {
        "primary": (("primær", "primær forebyggelse"), ("primary prevention",)),
        "secondary": (("sekundær", "sekundær forebyggelse"), ("secondary prevention",)),
        "tertiary": (("tertiær", "tertiær forebyggelse"), ("tertiary prevention",)),
    },
    "evidence": {
        "documented": (("dokumenteret", "dokumenteret effekt"), ("documented effect",)),
        "promising": (("lovende",), ()),
        "inconclusive": (("uafklaret",), ()),
        "unknown": (("ukendt", "ukendt effekt"), ("effect unknown", "unknown effect")),
        "not-recommended": (("anbefales-ikke", "anbefales ikke", "ikke anbefalet", "frarådes"), ()),
    },
    "target": {},  # from target_groups.yaml: ids, Danish and English names
    "part": {
        "drivers": (("drivkræfter",), ()),
        "factors": (("faktorer",), ()),
        "strategies": (("strategier",), ()),
    },
}

# The kinds whose values the knowledge base names (ids and names in both languages).
FROM_KNOWLEDGE = ("phase", "evidence", "target")


def _named(knowledge: KnowledgeBase, kind: str) -> list[tuple[str, dict[str, str]]]:
    """(id, name) of every value of `kind` in the knowledge base, in its order."""
    if kind == "phase":
        return [(p["id"], {"da": p["name"]["da"], "en": p["name"]["en"]}) for p in knowledge.phases["phases"]]
    if kind == "evidence":
        return [(lv["id"], {"da": lv["name"]["da"], "en": lv["name"]["en"]}) for lv in knowledge.evidence["levels"]]
    return [(t["id"], {"da": t["name"]["da"], "en": t["name"]["en"]}) for t in knowledge.target_groups["target_groups"]]


def _typed(name: str) -> str:
    """A name as one would type it: 'Young people' -> 'young-people'."""
    return "-".join(name.casefold().split())


def vocabulary(kind: str, knowledge: KnowledgeBase | None = None) -> dict[str, dict[str, list[str]]]:
    """{id: {"da": [words...], "en": [id, words...]}} for `kind`, the first Danish word being the one shown."""
    out: dict[str, dict[str, list[str]]] = {}
    for ident, (da, en) in STATIC.get(kind, {}).items():
        out[ident] = {"da": list(da), "en": [ident, *en]}
    if kind in FROM_KNOWLEDGE and knowledge is not None:
        entries = _named(knowledge, kind)
        for ident, name in entries:
            words = out.setdefault(ident, {"da": [], "en": [ident]})
            if name.get("da"):
                words["da"].append(_typed(name["da"]))
            if name.get("en"):
                words["en"].append(_typed(name["en"]))
        known = {ident for ident, _ in entries}
        out = {ident: words for ident, words in out.items() if ident in known}
    return out


def word(kind: str, ident: str, knowledge: KnowledgeBase | None = None) -> Bilingual:
    """The word for `ident`: its first Danish word (the id where it has none), and the id in English
    ('fase sekundær' / 'phase secondary'; 'tabel' / 'table')."""
    words = vocabulary(kind, knowledge).get(ident)
    return Bilingual(words["da"][0] if words and words["da"] else ident, ident)


def lookup(kind: str, value: str, knowledge: KnowledgeBase | None = None) -> str | None:
    """The id `value` stands for, or None."""
    key = loose(value)
    if not key:
        return None
    for ident, words in vocabulary(kind, knowledge).items():
        if any(loose(w) == key for w in (*words["en"], *words["da"])):
            return ident
    return None


def normalise(kind: str, value: str, *, option: str | Bilingual, knowledge: KnowledgeBase | None = None) -> str:
    """The id for `value`; a UsageError naming the valid values when there is none."""
    found = lookup(kind, value, knowledge)
    if found is not None:
        return found
    from vold_cli.errors import UsageError

    shown = Bilingual.same(", ").join([word(kind, ident, knowledge) for ident in vocabulary(kind, knowledge)])
    raise UsageError(Bilingual("Ugyldig værdi {value} for {option}.", "Invalid value {value} for {option}.").format(
                         value=repr(value), option=option),
                     hint=Bilingual("Vælg mellem: {values}.", "Choose from: {values}.").format(values=shown))


def normalise_all(kind: str, values: list[str] | None, *, option: str | Bilingual, knowledge: KnowledgeBase | None = None) -> list[str]:
    """`normalise` for each value of a repeatable option, in order, without repeats."""
    out: list[str] = []
    for value in values or []:
        ident = normalise(kind, value, option=option, knowledge=knowledge)
        if ident not in out:
            out.append(ident)
    return out


# --- municipalities -------------------------------------------------------------------------------

# Official names that are not "<name> Kommune" (Danmarks Statistik's short name -> official name).
OFFICIAL_MUNICIPALITY = {"København": "Københavns Kommune", "Bornholm": "Bornholms Regionskommune"}


def official_municipality(name: str) -> str:
    """'Københavns Kommune', 'Bornholms Regionskommune', otherwise '<name> Kommune'."""
    return OFFICIAL_MUNICIPALITY.get(name, f"{name} Kommune")


def municipality_typed(text: str, names: list[str]) -> str:
    """The short name when `text` is a municipality's official name or '<name> kommune' (any case, Danish
    letters optional: 'aarhus kommune', 'Koebenhavns Kommune'); otherwise `text` unchanged."""
    key = loose(text)
    if not key.endswith("kommune"):
        return text
    for name in names:
        if key in (loose(official_municipality(name)), loose(f"{name} kommune")):
            return name
    return text
