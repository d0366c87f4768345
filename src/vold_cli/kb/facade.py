"""The one typed facade over the loaded knowledge (as pycountry's `Database`): each section as its schema type,
and lookups by id, code or name over indexes built once, on first use.

Everything past the loader works through a `KnowledgeBase`: renderers, query, estimate and the commands never
walk the raw data. A lookup that finds nothing raises `UnknownEntry` (a `LookupError`, and `NotFound` for the
command line: exit 1 with a 'did you mean' hint)."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from vold_cli.errors import NotFound
from vold_cli.i18n.bilingual import Bilingual

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from vold_cli.kb.loader import Knowledge
    from vold_cli.kb.schema import (
        Act,
        Benchmarks,
        Definition,
        Documentation,
        Economy,
        Evidence,
        EvidenceLevel,
        EvidenceScale,
        Implementation,
        Initiative,
        Initiatives,
        Intervention,
        Interventions,
        KnowledgeData,
        Law,
        LawEntry,
        Meta,
        Municipalities,
        Municipality,
        Phase,
        PhaseEntry,
        Phases,
        PopulationYear,
        Prevalence,
        Profile,
        Region,
        Regions,
        TargetGroup,
        TargetGroups,
        Text,
    )

T = TypeVar("T")


class UnknownEntry(NotFound):
    """No entry with that id (or code, or name) in the knowledge base."""


def _index(items: Sequence[T], key: Callable[[T], str]) -> dict[str, T]:
    return {key(item): item for item in items}


def _missing(none: Bilingual, ident: str, known: Sequence[str], command: str) -> UnknownEntry:
    """'No intervention with id 'x'.' (`none`: 'Ingen indsats' / 'No intervention')."""
    from vold_cli.sanitize import quote
    from vold_cli.text import did_you_mean

    hint = did_you_mean(ident, list(known)) or Bilingual(f"Kør `{command}` for at se dem alle.",
                                                         f"Run `{command}` to list them.")
    return UnknownEntry(Bilingual(f"{none.da} med id {quote(ident)}.", f"{none.en} with id {quote(ident)}."), hint=hint)


def region_key(text: str) -> str:
    """A region name as it is compared: loose (case, Danish letters) and without a leading 'Region'."""
    from vold_cli.text import loose

    key = loose(text)
    return key[len("region"):] if key.startswith("region") and len(key) > len("region") else key


class KnowledgeBase:
    """The validated knowledge base, with typed sections and lookups."""

    __slots__ = ("data", "location", "origin", "cached", "cache", "key", "_indexes")

    def __init__(self, knowledge: Knowledge) -> None:
        self.data: KnowledgeData = knowledge.data
        self.location = knowledge.location
        self.origin = knowledge.origin
        self.cached = knowledge.cached
        self.cache = knowledge.cache  # what the cache did, and why (for `kb info`)
        self.key = knowledge.key  # the cache key of the files (derived data, e.g. the search index, is kept by it)
        self._indexes: dict[str, object] = {}

    # --- sections, as their schema types -------------------------------------------------------------

    @property
    def meta(self) -> Meta:
        return self.data["meta"]

    @property
    def definition(self) -> Definition:
        return self.data["definition"]

    @property
    def prevalence(self) -> Prevalence:
        return self.data["prevalence"]

    @property
    def municipalities(self) -> Municipalities:
        return self.data["municipalities"]

    @property
    def regions(self) -> Regions:
        return self.data["regions"]

    @property
    def profile(self) -> Profile:
        return self.data["profile"]

    @property
    def phases(self) -> Phases:
        return self.data["phases"]

    @property
    def evidence(self) -> EvidenceScale:
        return self.data["evidence"]

    @property
    def target_groups(self) -> TargetGroups:
        return self.data["target_groups"]

    @property
    def law(self) -> Law:
        return self.data["law"]

    @property
    def interventions(self) -> Interventions:
        return self.data["interventions"]

    @property
    def initiatives(self) -> Initiatives:
        return self.data["initiatives"]

    @property
    def documentation(self) -> Documentation:
        return self.data["documentation"]

    @property
    def implementation(self) -> Implementation:
        return self.data["implementation"]

    @property
    def economy(self) -> Economy:
        return self.data["economy"]

    @property
    def benchmarks(self) -> Benchmarks:
        return self.data["benchmarks"]

    # --- indexes, built once --------------------------------------------------------------------------

    def _cached(self, name: str, build: Callable[[], T]) -> T:
        try:
            return self._indexes[name]  # type: ignore[return-value]
        except KeyError:
            value = self._indexes[name] = build()
            return value

    def _interventions(self) -> dict[str, Intervention]:
        return self._cached("interventions", lambda: _index(self.interventions["interventions"], lambda i: i["id"]))

    def _initiatives(self) -> dict[str, Initiative]:
        return self._cached("initiatives", lambda: _index(self.initiatives["initiatives"], lambda i: i["id"]))

    def _law_entries(self) -> dict[str, LawEntry]:
        return self._cached("law_entries", lambda: _index(self.law["entries"], lambda e: e["id"]))

    def _acts(self) -> dict[str, Act]:
        return self._cached("acts", lambda: _index(self.law["acts"], lambda a: a["id"]))

    def _levels(self) -> dict[str, EvidenceLevel]:
        return self._cached("levels", lambda: _index(self.evidence["levels"], lambda lv: lv["id"]))

    def _phases(self) -> dict[str, PhaseEntry]:
        return self._cached("phases", lambda: _index(self.phases["phases"], lambda p: p["id"]))

    def _targets(self) -> dict[str, TargetGroup]:
        return self._cached("targets", lambda: _index(self.target_groups["target_groups"], lambda t: t["id"]))

    def _municipality_codes(self) -> dict[str, Municipality]:
        return self._cached("codes", lambda: _index(self.municipalities["municipalities"], lambda m: m["code"]))

    def _region_codes(self) -> dict[str, Region]:
        return self._cached("region_codes", lambda: _index(self.regions["regions"], lambda r: r["code"]))

    def _region_names(self) -> dict[str, Region]:
        return self._cached("region_names", lambda: _index(self.regions["regions"], lambda r: region_key(r["name"])))

    def _region_of(self) -> dict[str, Region]:
        def build() -> dict[str, Region]:
            codes = self._region_codes()
            return {m["municipality"]: codes[m["region"]] for m in self.regions["members"]}

        return self._cached("region_of", build)

    def _section_titles(self) -> dict[str, Text]:
        return self._cached("sections", lambda: {s["id"]: s["title"] for s in self.meta["sections"]})

    # --- lookups ----------------------------------------------------------------------------------------

    def intervention(self, ident: str) -> Intervention:
        from vold_cli.text import fold

        found = self._interventions().get(fold(ident.strip()))
        if found is None:
            raise _missing(Bilingual("Ingen indsats", "No intervention"), ident, list(self._interventions()), "vold interventions")
        return found

    def initiative(self, ident: str) -> Initiative:
        from vold_cli.text import fold

        found = self._initiatives().get(fold(ident.strip()))
        if found is None:
            raise _missing(Bilingual("Intet initiativ", "No initiative"), ident, list(self._initiatives()), "vold initiatives")
        return found

    def law_entries(self, idents: Sequence[str]) -> list[LawEntry]:
        """The entries named, in the order of law.yaml."""
        wanted = set(idents)
        return [e for e in self.law["entries"] if e["id"] in wanted]

    def act(self, ident: str) -> Act:
        found = self._acts().get(ident)
        if found is None:
            raise _missing(Bilingual("Ingen lov", "No act"), ident, list(self._acts()), "vold law")
        return found

    def evidence_level(self, ident: str) -> EvidenceLevel:
        found = self._levels().get(ident)
        if found is None:
            raise _missing(Bilingual("Intet evidensniveau", "No evidence level"), ident, list(self._levels()), "vold evidence")
        return found

    def phase(self, ident: str) -> PhaseEntry:
        found = self._phases().get(ident)
        if found is None:
            raise _missing(Bilingual("Ingen forebyggelsesfase", "No prevention phase"), ident, list(self._phases()), "vold phases")
        return found

    def target_group(self, ident: str) -> TargetGroup:
        found = self._targets().get(ident)
        if found is None:
            raise _missing(Bilingual("Ingen målgruppe", "No target group"), ident, list(self._targets()), "vold map")
        return found

    def municipality_by_code(self, code: str) -> Municipality | None:
        return self._municipality_codes().get(code)

    def population_year(self, year: int) -> PopulationYear | None:
        """The national figures of a population year of municipalities.yaml (None for a year it lacks)."""
        return next((y for y in self.municipalities["years"] if y["year"] == year), None)

    @property
    def region_list(self) -> list[Region]:
        """The regions, in code order."""
        return self._cached("region_list", lambda: sorted(self.regions["regions"], key=lambda r: r["code"]))

    def region_by_code(self, code: str) -> Region | None:
        return self._region_codes().get(code)

    def region_by_name(self, name: str) -> Region | None:
        """By name, with or without 'Region', any case, Danish letters optional ('sjaelland', 'Region Sjælland')."""
        return self._region_names().get(region_key(name))

    def region_of(self, municipality_code: str) -> Region | None:
        """The region a municipality belongs to (validation makes it exactly one)."""
        return self._region_of().get(municipality_code)

    def region_members(self, region_code: str) -> list[Municipality]:
        """The municipalities of a region, in the order of municipalities.yaml."""
        of = self._region_of()
        return [m for m in self.municipalities["municipalities"]
                if (found := of.get(m["code"])) is not None and found["code"] == region_code]

    def section_title(self, ident: str) -> Text | None:
        """The title of a section of the note, by its id (None for an id meta.yaml does not list)."""
        return self._section_titles().get(ident)

    # --- vocabularies, in the order of their scale ---------------------------------------------------

    @property
    def phase_ids(self) -> list[Phase]:
        """Prevention phases first to last (by their number in phases.yaml)."""
        return self._cached("phase_ids", lambda: [p["id"] for p in sorted(self.phases["phases"],
                                                                          key=lambda p: p["number"])])

    @property
    def evidence_ids(self) -> list[Evidence]:
        """Evidence levels, strongest first (by their rank in evidence.yaml)."""
        return self._cached("evidence_ids", lambda: [lv["id"] for lv in sorted(self.evidence["levels"],
                                                                               key=lambda lv: -lv["rank"])])

    def evidence_rank(self, ident: Evidence) -> int:
        return self.evidence_level(ident)["rank"]

    def evidence_name(self, ident: str) -> Text:
        return self.evidence_level(ident)["name"]

