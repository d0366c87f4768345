"""The knowledge base schema: one pydantic model per YAML file and the entries inside them.

Only the loader imports this module, and only when a knowledge folder has to be validated (a cache miss or
`vold kb validate`): pydantic costs more to import than the rest of a command, so the commands work on the
validated, JSON-shaped data the loader returns (see `loader.py`).
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)]
NonEmpty = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]
Year = Annotated[int, Field(ge=1900, le=2100)]
RefNumber = Annotated[int, Field(ge=1, le=999)]


class Strict(BaseModel):
    """Base for every model: unknown fields are errors, values are never coerced, nothing mutates."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Text(Strict):
    """A human text in both languages; both are required."""

    da: NonEmpty
    en: NonEmpty


class Phase(str, Enum):
    primary = "primary"
    secondary = "secondary"
    tertiary = "tertiary"


class Evidence(str, Enum):
    documented = "documented"
    promising = "promising"
    inconclusive = "inconclusive"
    unknown = "unknown"
    not_recommended = "not-recommended"


class TriedInDenmark(str, Enum):
    yes = "yes"
    not_known = "not-known"  # the note says it knows of no Danish trial
    not_stated = "not-stated"  # the note says nothing either way


class Approx(str, Enum):
    """How the note qualifies a figure: exactly, 'ca.', 'godt' (a little over), 'knap' (just under)."""

    exact = "exact"
    about = "about"
    just_over = "just-over"
    just_under = "just-under"


# Enum fields accept their string values from YAML (strict mode would demand enum instances); everything
# else stays strict.
PhaseValue = Annotated[Phase, Field(strict=False)]
EvidenceValue = Annotated[Evidence, Field(strict=False)]
TriedValue = Annotated[TriedInDenmark, Field(strict=False)]
ApproxValue = Annotated[Approx, Field(strict=False)]


class Source(Strict):
    """Where a fact comes from: a section of the note and its reference numbers, or a data file beside it."""

    section: Id | None = None
    refs: list[RefNumber] = []
    data: Id | None = None
    detail: Text | None = None

    @model_validator(mode="after")
    def _names_somewhere(self) -> Source:
        if self.section is None and self.data is None:
            raise ValueError("a source names a note section, a data source, or both")
        return self


# --- meta.yaml ---------------------------------------------------------------------------------------


class NoteSection(Strict):
    id: Id
    title: Text


class DataSource(Strict):
    id: Id
    file: NonEmpty
    title: Text
    attribution: Text
    date: NonEmpty


class Meta(Strict):
    title: Text
    publisher: NonEmpty
    year: Year
    edition: Text
    audience: Text
    purpose: Text
    update_interval_years: int
    systematic_review: bool
    method: Text
    quality_assurance: Text
    knowledge_base_version: NonEmpty
    sections: list[NoteSection]
    data_sources: list[DataSource]


# --- definition.yaml ---------------------------------------------------------------------------------


class NamedText(Strict):
    id: Id
    name: Text
    description: Text
    source: Source


class Definition(Strict):
    definition: Text
    scope: Text
    council_of_europe: Text
    forms: list[NamedText]
    data_kinds: list[NamedText]
    uncertainty: Text
    source: Source


# --- prevalence.yaml ---------------------------------------------------------------------------------


class Figure(Strict):
    """A national figure as the note gives it: a value, or a range low-high."""

    id: Id
    label: Text
    group: Text
    unit: Text
    period: Text
    value: int | None = None
    low: int | None = None
    high: int | None = None
    approx: ApproxValue
    scalable: bool
    note: Text | None = None
    source: Source

    @model_validator(mode="after")
    def _value_or_range(self) -> Figure:
        has_value = self.value is not None
        has_range = self.low is not None or self.high is not None
        if has_value == has_range:
            raise ValueError("give either value, or low and high")
        if has_range and (self.low is None or self.high is None or self.low > self.high):
            raise ValueError("a range needs low <= high")
        return self


class ReferencePopulation(Strict):
    date: NonEmpty
    population: int
    description: Text
    source: Source


class WorkedExample(Strict):
    figure: Id
    population: int
    stated: int
    text: Text
    source: Source


class Statement(Strict):
    id: Id
    text: Text
    source: Source


class NewerFigure(Strict):
    """A national figure published after the note; shown apart from the note's own."""

    id: Id
    year: Year
    label: Text
    value: int
    percent: float | None = None
    text: Text
    source: Source


class Prevalence(Strict):
    reference_population: ReferencePopulation
    figures: list[Figure]
    worked_examples: list[WorkedExample]
    statements: list[Statement]
    newer_figures: list[NewerFigure]
    caveats: list[Statement]


# --- municipalities.yaml -----------------------------------------------------------------------------


class PopulationYear(Strict):
    year: Year
    date: NonEmpty
    national_total: int
    municipal_sum: int
    source: Source


class Municipality(Strict):
    code: Annotated[str, StringConstraints(pattern=r"^[0-9]{3}$")]
    name: NonEmpty
    population: dict[str, int]


class Municipalities(Strict):
    years: list[PopulationYear]
    municipalities: list[Municipality]


# --- regions.yaml ------------------------------------------------------------------------------------


class Region(Strict):
    code: Annotated[str, StringConstraints(pattern=r"^[0-9]{4}$")]
    name: NonEmpty


class RegionMember(Strict):
    """One municipality (its code, and its name as in municipalities.yaml) and the code of its region."""

    municipality: Annotated[str, StringConstraints(pattern=r"^[0-9]{3}$")]
    name: NonEmpty
    region: Annotated[str, StringConstraints(pattern=r"^[0-9]{4}$")]


class Regions(Strict):
    source: Source
    regions: list[Region]
    members: list[RegionMember]


# --- profile.yaml ------------------------------------------------------------------------------------


class Trait(Strict):
    text: Text
    refs: list[RefNumber] = []


class ProfileGroup(Strict):
    id: Id
    title: Text
    compared_with: Text
    traits: list[Trait]
    source: Source


class Percentage(Strict):
    id: Id
    label: Text
    percent: float
    of: Text
    local_expectation: bool = False
    basis: Id | None = None  # prevalence figure a local expectation multiplies
    source: Source


class Profile(Strict):
    intro: Text
    groups: list[ProfileGroup]
    crisis_centre_key_figures: list[Percentage]
    partner_reports: list[Percentage]


# --- phases.yaml, evidence.yaml, target_groups.yaml --------------------------------------------------


class PhaseEntry(Strict):
    id: PhaseValue
    number: int
    name: Text
    purpose: Text
    source: Source


class Phases(Strict):
    intro: Text
    phases: list[PhaseEntry]


class EvidenceLevel(Strict):
    id: EvidenceValue
    rank: int
    name: Text
    criteria: Text
    action: Text
    style: NonEmpty


class EvidenceScale(Strict):
    intro: Text
    levels: list[EvidenceLevel]
    source: Source


class TargetGroup(Strict):
    id: Id
    name: Text
    description: Text


class TargetGroups(Strict):
    target_groups: list[TargetGroup]


# --- law.yaml ----------------------------------------------------------------------------------------


class Change(Strict):
    """Something that changed after the note; never mixed with what the note says."""

    text: Text
    date: NonEmpty
    authority: NonEmpty
    source: Source


class Act(Strict):
    id: Id
    name: NonEmpty
    kind: Literal["act", "guidance", "order"]
    aliases: list[Annotated[str, StringConstraints(pattern=r"^[a-zæøå0-9-]+$")]]
    description: Text
    changes_since: list[Change] = []


class LawEntry(Strict):
    id: Id
    act: Id
    section: str | None = None
    title: Text
    provides: Text
    municipality: Text
    note_says: Text
    changes_since: list[Change] = []
    source: Source


class Law(Strict):
    intro: Text
    acts: list[Act]
    entries: list[LawEntry]


# --- interventions.yaml ------------------------------------------------------------------------------


class Outcome(Strict):
    text: Text
    evidence: EvidenceValue
    refs: list[RefNumber] = []


class Intervention(Strict):
    id: Id
    name: Text
    phases: list[PhaseValue] = Field(min_length=1)
    target_groups: list[Id] = Field(min_length=1)
    summary: Text
    delivery: Text | None = None
    evidence: EvidenceValue
    evidence_reason: Text
    study_design: Text
    studied_in: Text
    tried_in_denmark: TriedValue
    outcomes: list[Outcome] = []
    providers: list[NonEmpty] = []
    law: list[Id] = []
    initiatives: list[Id] = []
    source: Source


class Interventions(Strict):
    intro: Text
    statements: list[Statement]
    interventions: list[Intervention]


# --- initiatives.yaml --------------------------------------------------------------------------------


class Initiative(Strict):
    id: Id
    name: Text
    period: str | None = None
    target_groups: list[Id] = Field(min_length=1)
    audience: Text
    purpose: Text
    documentation: Text
    indicators: list[Text] = []
    contacts: list[NonEmpty]
    commissioner: Text | None = None
    law: list[Id] = []
    interventions: list[Id] = []
    source: Source


class Initiatives(Strict):
    intro: Text
    initiatives: list[Initiative]


# --- documentation.yaml ------------------------------------------------------------------------------


class Indicator(Strict):
    id: Id
    text: Text
    data_sources: list[Id] = []
    caveat: Text | None = None
    refs: list[RefNumber] = []


class Goal(Strict):
    id: Id
    number: int
    text: Text
    indicators: list[Indicator]
    no_indicator: Text | None = None
    source: Source

    @model_validator(mode="after")
    def _indicator_or_gap(self) -> Goal:
        if not self.indicators and self.no_indicator is None:
            raise ValueError("a goal lists indicators or says why there are none (no_indicator)")
        return self


class CentralSource(Strict):
    id: Id
    name: Text
    description: Text
    source: Source


class Documentation(Strict):
    intro: Text
    goals: list[Goal]
    data_sources: list[CentralSource]
    cpr_response_rate: Percentage
    reports: list[Statement]


# --- implementation.yaml -----------------------------------------------------------------------------


class Component(Strict):
    id: Id
    name: Text


class Driver(Strict):
    id: Id
    name: Text
    description: Text
    components: list[Component]
    source: Source


class FactorLevel(Strict):
    id: Id
    name: Text
    description: Text
    example: Text
    source: Source


class Strategy(Strict):
    id: Id
    name: Text
    scope: Literal["whole", "part"]
    pace: Literal["at-once", "phased"]
    description: Text
    advantages: list[Text]
    drawbacks: list[Text]
    source: Source


class Implementation(Strict):
    definition: Text
    hardware_software: Text
    drivers_intro: Text
    drivers: list[Driver]
    factors_intro: Text
    factor_levels: list[FactorLevel]
    strategies_intro: Text
    strategies: list[Strategy]
    strategies_conclusion: Text
    treatment_providers: list[NonEmpty]
    treatment_providers_text: Text
    source: Source


# --- economy.yaml ------------------------------------------------------------------------------------


class CostItem(Strict):
    id: Id
    name: Text
    amount_mdkk: float
    description: Text
    note: Text | None = None
    source: Source


class Economy(Strict):
    study: Text
    basis: Text
    year_of_report: Year
    cost_items: list[CostItem]
    total_given: bool
    excluded: list[Text]
    who_review: Text
    cost_effectiveness: Text
    cost_benefit: Text
    source: Source


# --- benchmarks.yaml ---------------------------------------------------------------------------------


class Benchmark(Strict):
    id: Id
    name: Text
    per_inhabitants: int
    places: float
    unit: Text
    text: Text
    status: Text
    source: Source


class Benchmarks(Strict):
    benchmarks: list[Benchmark]


# --- the whole knowledge base ------------------------------------------------------------------------

#: file stem -> model; the order is the order `kb info` reports.
FILES: dict[str, type[Strict]] = {
    "meta": Meta,
    "definition": Definition,
    "prevalence": Prevalence,
    "municipalities": Municipalities,
    "regions": Regions,
    "profile": Profile,
    "phases": Phases,
    "evidence": EvidenceScale,
    "target_groups": TargetGroups,
    "law": Law,
    "interventions": Interventions,
    "initiatives": Initiatives,
    "documentation": Documentation,
    "implementation": Implementation,
    "economy": Economy,
    "benchmarks": Benchmarks,
}
