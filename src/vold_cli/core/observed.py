"""The municipality's own observed figures beside the expected ones: pure parsing and arithmetic, no I/O, no
printing, no words of its own (views/estimate.py words it).

A planner gives what Statistikbanken (Danmarks Statistik, table KRISE1, by home municipality) says about the
municipality's residents at women's crisis centres in one year: `--observed crisis-centre-women=41
--observed-year 2022`. Each observed figure is set beside two expected ones, both very loose national scalings:

- Danmarks Statistik's national count of the same kind (women, children or stays) for the latest year that has a
  population total in the knowledge base (2021), scaled by the note's method: national count × the population
  asked about ÷ Denmark's population in that year. Other years are never scaled (the data file says so); the
  national count of the observed year itself is shown unscaled where the knowledge base has it.
- The note's own figure (ca. 2,000 stays; just under 2,000 children's visits), scaled as `vold estimate` scales it.
  Stays and visits are not persons: `same_unit` says when the two measure different things.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from vold_cli.core.estimate import round_like_note, scale, source_ref
from vold_cli.errors import UsageError
from vold_cli.i18n.bilingual import Bilingual
from vold_cli.sanitize import quote

if TYPE_CHECKING:
    from vold_cli.core.results import Expected, Observed
    from vold_cli.kb.facade import KnowledgeBase
    from vold_cli.kb.schema import CrisisCentreCount, CrisisCentreStatistics, Text

Field = Literal["women", "children", "stays"]


class Kind:
    """One kind of observed figure: the field of Danmark Statistik's counts it matches, the note's figure it
    stands beside, and the names a planner may type (English and Danish, Danish letters optional)."""

    __slots__ = ("name", "field", "note_figure", "aliases")

    def __init__(self, name: str, field: Field, note_figure: str, aliases: tuple[str, ...]) -> None:
        self.name = name
        self.field = field
        self.note_figure = note_figure
        self.aliases = aliases


KINDS: tuple[Kind, ...] = (
    Kind("crisis-centre-women", "women", "crisis-centre-stays-women",
         ("women", "krisecenter-kvinder", "kvinder")),
    Kind("crisis-centre-stays", "stays", "crisis-centre-stays-women",
         ("stays", "krisecenter-ophold", "ophold")),
    Kind("crisis-centre-children", "children", "crisis-centre-visits-children",
         ("children", "krisecenter-boern", "krisecenter-børn", "boern", "børn")),
)

#: Far above any municipality's count in a year; keeps int() away from huge digit strings.
MAXIMUM = 1_000_000


def _help() -> Bilingual:
    kinds = ", ".join(k.name for k in KINDS)
    return Bilingual(f"Giv SLAGS=TAL, fx --observed krisecenter-kvinder=41 (slags: {kinds}).",
                     f"Give KIND=NUMBER, e.g. --observed crisis-centre-women=41 (kinds: {kinds}).")


_COUNT_HINT = Bilingual("Giv tallet fra Statistikbanken som et helt tal, fx 41.",
                        "Give the count from Statistikbanken as a whole number, e.g. 41.")
_EXAMPLE = Bilingual("Eksempel: --observed krisecenter-kvinder=41 --observed-year 2022",
                     "Example: --observed crisis-centre-women=41 --observed-year 2022")


def find_kind(text: str) -> Kind:
    """A kind by its name or a Danish alias, any letter case, '_' or '-' between words."""
    wanted = text.strip().casefold().replace("_", "-").replace(" ", "-")
    for kind in KINDS:
        if wanted == kind.name or wanted in kind.aliases:
            return kind
    from vold_cli.text import did_you_mean

    names = [k.name for k in KINDS] + [a for k in KINDS for a in k.aliases]
    hint = did_you_mean(text.strip()[:80], names) or _help()
    raise UsageError(Bilingual(f"Ukendt slags observeret tal {quote(text)}.",
                               f"Unknown kind of observed figure {quote(text)}."), hint=hint)


def parse_observed(values: list[str]) -> list[tuple[Kind, int]]:
    """`KIND=NUMBER` as typed, each kind at most once; UsageError (exit 2) naming what is wrong."""
    out: list[tuple[Kind, int]] = []
    for value in values:
        name, sep, number = value.partition("=")
        if not sep or not name.strip():
            raise UsageError(Bilingual(f"Ugyldigt --observed {quote(value)}: det skal have formen SLAGS=TAL.",
                                       f"Invalid --observed {quote(value)}: it needs KIND=NUMBER."), hint=_help())
        kind = find_kind(name)
        count = _count(number, value)
        if any(k is kind for k, _ in out):
            raise UsageError(Bilingual(f"--observed {kind.name} er givet to gange.",
                                       f"--observed {kind.name} is given twice."),
                             hint=Bilingual("Giv hver slags én gang.", "Give each kind once."))
        out.append((kind, count))
    return out


def _count(text: str, whole: str) -> int:
    """A whole number of persons or stays, 0 or more: digits, optionally grouped by thousands ('1.200')."""
    import re

    cleaned = text.strip()
    if len(cleaned) > 12 or not re.fullmatch(r"[0-9]+|[0-9]{1,3}(?:[.,  \u202f][0-9]{3})+", cleaned):
        raise UsageError(Bilingual(f"Ugyldigt --observed {quote(whole)}: {quote(text)} er ikke et helt tal.",
                                   f"Invalid --observed {quote(whole)}: {quote(text)} is not a whole number."),
                         hint=_COUNT_HINT)
    count = int(re.sub(r"[^0-9]", "", cleaned))
    if count > MAXIMUM:
        raise UsageError(Bilingual(f"Ugyldigt --observed {quote(whole)}: {count} er alt for stort for én kommune.",
                                   f"Invalid --observed {quote(whole)}: {count} is far too large for one "
                                   "municipality."), hint=_COUNT_HINT)
    return count


def check_year(knowledge: KnowledgeBase, year: int | None, observed: list[tuple[Kind, int]],
               today_year: int) -> int | None:
    """The year the observed figures count: needed with --observed, meaningless without it, and within the
    years the statistics cover (from its first year to `today_year`)."""
    if not observed:
        if year is not None:
            raise UsageError(Bilingual("--observed-year gælder kun sammen med --observed.",
                                       "--observed-year only applies together with --observed."), hint=_EXAMPLE)
        return None
    if year is None:
        raise UsageError(Bilingual("--observed kræver --observed-year ÅR, det år tallet gælder.",
                                   "--observed needs --observed-year YEAR, the year the figure counts."),
                         hint=_EXAMPLE)
    stats = statistics(knowledge)
    first = stats["first_year"] if stats else 2017
    if not first <= year <= today_year:
        raise UsageError(Bilingual(f"Ugyldigt --observed-year {year}: krisecenterstatistikken dækker {first} til "
                                   f"{today_year}.",
                                   f"Invalid --observed-year {year}: the crisis-centre statistics cover {first} to "
                                   f"{today_year}."),
                         hint=Bilingual(f"Giv et år fra {first} til {today_year}.",
                                        f"Give a year from {first} to {today_year}."))
    return year


def statistics(knowledge: KnowledgeBase) -> CrisisCentreStatistics | None:
    return knowledge.prevalence["crisis_centre_statistics"]


#: What the note's figure counts for each kind: stays and children's visits, never persons.
_NOTE_UNIT = {"women": "stays", "stays": "stays", "children": "visits"}


def observed(knowledge: KnowledgeBase, population: int, given: list[tuple[Kind, int]],
             year: int | None) -> Observed:
    """The observed figures beside the expected ones for `population` (or, with none given, only where to find
    them and the caveats)."""
    stats = statistics(knowledge)
    out: Observed = {"items": [], "where": stats["where_local"] if stats else None,
                     "tables": list(stats["tables"]) if stats else [],
                     "anonymous_percent": stats["anonymous_percent"] if stats else None,
                     "caveats": [{"id": c["id"], "text": c["text"], "source": source_ref(c["source"])}
                                 for c in stats["caveats"]] if stats else []}
    if stats is None or year is None:
        return out
    years = {y["year"]: y for y in knowledge.municipalities["years"]}
    figures = {f["id"]: f for f in knowledge.prevalence["figures"]}
    reference = knowledge.prevalence["reference_population"]
    for kind, count in given:
        expected: list[Expected] = []
        scalable = [c for c in stats["counts"] if _count_of(c, kind.field) is not None and c["year"] in years]
        if scalable:
            latest = scalable[-1]
            national = _count_of(latest, kind.field) or 0
            total = years[latest["year"]]["national_total"]
            local = scale(national, population, total)
            expected.append({"basis": "statistics", "year": latest["year"], "unit": _unit(kind.field),
                             "national": national, "reference_population": total, "local": round(local, 1),
                             "rounded_value": round_like_note(local), "same_unit": True,
                             "source": source_ref(latest["source"])})
        note = figures.get(kind.note_figure)
        if note is not None and note["value"] is not None:
            local = scale(note["value"], population, reference["population"])
            expected.append({"basis": "note", "year": int(reference["date"][:4]), "unit": note["unit"],
                             "national": note["value"], "reference_population": reference["population"],
                             "local": round(local, 1), "rounded_value": round_like_note(local),
                             "same_unit": _NOTE_UNIT[kind.field] == kind.field, "source": source_ref(note["source"])})
        same_year = next((c for c in stats["counts"] if c["year"] == year), None)
        out["items"].append({
            "kind": kind.name, "field": kind.field, "observed": count, "year": year, "expected": expected,
            "national_that_year": _count_of(same_year, kind.field) if same_year else None,
            "national_that_year_other": (same_year["women_other_release"] if same_year and kind.field == "women"
                                         else None),
            "national_source": source_ref(same_year["source"]) if same_year else None})
    return out


def _count_of(count: CrisisCentreCount, field: Field) -> int | None:
    if field == "women":
        return count["women"]
    return count["children"] if field == "children" else count["stays"]


def _unit(field: Field) -> Text:
    units: dict[str, Text] = {"women": {"da": "kvinder", "en": "women"}, "children": {"da": "børn", "en": "children"},
            "stays": {"da": "ophold", "en": "stays"}}
    return units[field]
