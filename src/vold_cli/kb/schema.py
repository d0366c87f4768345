"""The knowledge base's shape: one TypedDict per YAML file and the entries inside them.

This is the one definition of the knowledge's fields. It is used twice:

- by the type checker (mypy --strict), for every access to the loaded knowledge in query, estimate, render and
  cli: they import these types under `TYPE_CHECKING` only, so the commands pay nothing for them at run time;
- by `validate.py`, which builds pydantic `TypeAdapter`s over these TypedDicts (strict, unknown fields
  forbidden) when a knowledge folder has to be validated. The constraints below are small markers that pydantic
  understands (`__get_pydantic_core_schema__`, which imports pydantic-core only when it is called), so this
  module imports without pydantic. Rules that look at several fields at once are functions in `validate.py`.

A field written `Annotated[T, EMPTY]` (or NONE, FALSE) may be left out of the YAML; validation fills in the
default (validate.py gives these markers their pydantic meaning), so after loading every key is present and the
type checker treats every field as required.
"""

from __future__ import annotations

import sys
from typing import Annotated, Any, Literal

if sys.version_info >= (3, 12):
    from typing import NotRequired, TypedDict
else:  # pydantic validates TypedDicts only from typing_extensions before Python 3.12
    from typing_extensions import NotRequired, TypedDict


class _Marker:
    """A constraint pydantic applies to the schema of the annotated type; plain data otherwise."""

    __slots__ = ("options",)

    def __init__(self, **options: Any) -> None:
        self.options = options

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.options!r})"

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        schema = handler(source)
        schema.update(self.options)  # pattern, min_length, max_length, ge, le: as pydantic-core names them
        return schema


class Str(_Marker):
    """String constraints: pattern, min_length, max_length."""


class Num(_Marker):
    """Number bounds: ge, le."""


class Items(_Marker):
    """List length: min_length."""


class Default:
    """The value a field takes when the YAML leaves it out. `validate.py` turns these into pydantic defaults."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __repr__(self) -> str:
        return f"Default({self.value!r})"

    def fresh(self) -> Any:
        """The default, as a new list each time where it is one."""
        return list(self.value) if isinstance(self.value, list) else self.value


NONE = Default(None)
EMPTY = Default([])
FALSE = Default(False)
TRUE = Default(True)
NONEMPTY_LIST = Items(min_length=1)

Id = Annotated[str, Str(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)]
NonEmpty = Annotated[str, Str(min_length=1, max_length=20_000)]
Year = Annotated[int, Num(ge=1900, le=2100)]
RefNumber = Annotated[int, Num(ge=1, le=999)]
#: The year a dated statement describes (see Text.as_of).
AsOfYear = Annotated[int, Num(ge=1990, le=2030)]
#: A line of a data file beside the note (a source's `lines`).
LineNumber = Annotated[int, Num(ge=1, le=100_000)]

# --- closed vocabularies (their order is the order of the scale: phases first to last, evidence strongest
# first); the display names and ranks are in phases.yaml and evidence.yaml, how each level looks in
# render/styles.py.

Phase = Literal["primary", "secondary", "tertiary"]
Evidence = Literal["documented", "promising", "inconclusive", "unknown", "not-recommended"]
#: yes; not-known: the note says it knows of no Danish trial; not-stated: the note says nothing either way
TriedInDenmark = Literal["yes", "not-known", "not-stated"]
#: How the note qualifies a figure: exactly, 'ca.', 'godt' (a little over), 'knap' (just under).
Approx = Literal["exact", "about", "just-over", "just-under"]
ActKind = Literal["act", "guidance", "order"]
#: Whose matter an act is, for `vold check`'s legal checklist: the municipality's social effort (a provision with no
#: offer linked is something to look at), or another authority's (the police, the CPR register, the health
#: system: shown as information, never as a gap in the municipality's offers).
ActDuty = Literal["municipality", "other-authority"]
Scope = Literal["whole", "part"]
Pace = Literal["at-once", "phased"]
#: changed: a real change after the note; unchanged: confirmed still in force after the note; background: a fact
#: dated before the note. Only `changed` counts as a change.
ChangeKind = Literal["changed", "unchanged", "background"]
#: How the note states the design of the studies it cites: a second dimension beside the evidence grade.
Design = Literal["meta-analysis", "controlled", "before-after", "single-study", "qualitative", "not-stated"]
#: What a newer national figure measures.
Measure = Literal["physical", "physical-or-psychological"]
#: What a broader national figure measures: partner violence in four forms (physical, psychological, sexual,
#: economic), as VIVE and Lev Uden Vold count it.
BroadMeasure = Literal["four-forms"]
#: A grade on one dimension of a knowledge declaration on Socialstyrelsen's Vidensportal: A (best) to D. Never
#: converted into the note's evidence levels.
Grade = Literal["A", "B", "C", "D"]
#: What a policy item after the note is.
PolicyKind = Literal["action-plan", "recommendations", "national-unit", "hotline"]


class Text(TypedDict):
    """A human text in both languages; both are required.

    `as_of` marks a statement of the state of the world as the note (or a later source) saw it in that year: what
    existed, was planned, under way or financed. Such a text names its year in both languages (checked in
    validate.py), so every output that prints it shows its date. A text without `as_of` is timeless (a
    definition, what a study found); the key is then absent, so undated texts stay exactly {da, en}.
    """

    da: NonEmpty
    en: NonEmpty
    as_of: NotRequired[AsOfYear]


class Source(TypedDict):
    """Where a fact comes from: a section of the note and its reference numbers, or a data file beside it
    (at least one of the two: checked in validate.py), with the lines of that file the fact rests on (`lines`,
    only with `data`; a test checks that each cited line holds the fact's figures and dates)."""

    section: Annotated[Id | None, NONE]
    refs: Annotated[list[RefNumber], EMPTY]
    data: Annotated[Id | None, NONE]
    lines: Annotated[list[LineNumber], EMPTY]
    detail: Annotated[Text | None, NONE]


# --- meta.yaml ---------------------------------------------------------------------------------------


class NoteSection(TypedDict):
    id: Id
    title: Text


class DataSource(TypedDict):
    id: Id
    file: NonEmpty
    title: Text
    attribution: Text
    date: NonEmpty
    checked: Annotated[NonEmpty | None, NONE]  # ISO date on which the source says its facts were checked


class Citation(TypedDict):
    """The note as published (its cover and imprint), for citing it: `vold kb info`, the report's sources and
    the properties of a Word/PDF brief."""

    title: NonEmpty  # the published Danish title
    subtitle: NonEmpty
    tagline: Annotated[NonEmpty | None, NONE]  # the line under the subtitle on the cover
    authors: Annotated[list[NonEmpty], NONEMPTY_LIST]
    affiliation: Annotated[NonEmpty | None, NONE]
    first_version: Text  # "first version published in autumn 2013"
    isbn: NonEmpty
    isbn_digital: Annotated[NonEmpty | None, NONE]
    source: Source


class Meta(TypedDict):
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
    citation: Citation
    sections: list[NoteSection]
    data_sources: list[DataSource]


# --- definition.yaml ---------------------------------------------------------------------------------


class NamedText(TypedDict):
    id: Id
    name: Text
    description: Text
    source: Source


class Definition(TypedDict):
    definition: Text
    scope: Text
    council_of_europe: Text
    forms: list[NamedText]
    data_kinds: list[NamedText]
    uncertainty: Text
    source: Source


# --- prevalence.yaml ---------------------------------------------------------------------------------


class Figure(TypedDict):
    """A national figure as the note gives it: a value, or a range low-high."""

    id: Id
    label: Text
    group: Text
    unit: Text
    period: Text
    value: Annotated[int | None, NONE]
    low: Annotated[int | None, NONE]
    high: Annotated[int | None, NONE]
    approx: Approx
    scalable: bool
    note: Annotated[Text | None, NONE]
    source: Source



class ReferencePopulation(TypedDict):
    date: NonEmpty
    population: int
    description: Text
    source: Source


class WorkedExample(TypedDict):
    figure: Id
    population: int
    stated: int
    text: Text
    source: Source


class Statement(TypedDict):
    id: Id
    text: Text
    source: Source


class NewerFigure(TypedDict):
    """A national figure published after the note; shown apart from the note's own."""

    id: Id
    year: Year
    label: Text
    value: int
    percent: Annotated[float | None, NONE]
    measure: Annotated[Measure | None, NONE]
    compares_with: Annotated[Id | None, NONE]  # the note's figure for the same group (prevalence figures)
    text: Text
    source: Source


class BroadFigure(TypedDict):
    """A national figure after the note that measures more than the note's (partner violence in four forms):
    shown apart, never in a trend with the note's physical-violence figures, and not scaled."""

    id: Id
    label: Text
    group: Literal["women", "men"]
    value: int
    percent: Annotated[float | None, NONE]
    measure: BroadMeasure
    period: Text  # what the figure is based on (the surveys' years), as the source gives it
    text: Text
    source: Source


class CrisisCentreCount(TypedDict):
    """One year of Danmarks Statistik's crisis-centre statistics (national counts; null: not found)."""

    year: Year
    women: Annotated[int | None, NONE]  # persons, not stays
    women_other_release: Annotated[int | None, NONE]  # another release's count for the same year, where they differ
    children: Annotated[int | None, NONE]
    stays: Annotated[int | None, NONE]
    note: Annotated[Text | None, NONE]
    source: Source


class CrisisCentreStatistics(TypedDict):
    """Danmarks Statistik's crisis-centre statistics (from 2017 data): what they count and where a municipality
    finds its own residents' figures (by home municipality), the national counts, and the caveats."""

    description: Text
    where_local: Text  # where a municipality looks up its own figure (Statistikbanken, by home municipality)
    tables: Annotated[list[NonEmpty], NONEMPTY_LIST]
    first_year: Year
    anonymous_percent: float  # the share of the women who choose an anonymous stay ('ca.')
    compares_with: Id  # the note's figure (crisis-centre stays) the counts stand beside
    counts: list[CrisisCentreCount]
    caveats: list[Statement]
    source: Source


class Prevalence(TypedDict):
    reference_population: ReferencePopulation
    figures: list[Figure]
    worked_examples: list[WorkedExample]
    statements: list[Statement]
    newer_figures: list[NewerFigure]
    newer_caveats: Annotated[list[Statement], EMPTY]  # what must travel with the newer figures
    broader_figures: Annotated[list[BroadFigure], EMPTY]
    crisis_centre_statistics: Annotated[CrisisCentreStatistics | None, NONE]
    caveats: list[Statement]


# --- municipalities.yaml -----------------------------------------------------------------------------


class PopulationYear(TypedDict):
    year: Year
    date: NonEmpty
    national_total: int
    municipal_sum: int
    source: Source


class Municipality(TypedDict):
    code: Annotated[str, Str(pattern=r"^[0-9]{3}$")]
    name: NonEmpty
    population: dict[str, int]


class Municipalities(TypedDict):
    years: list[PopulationYear]
    municipalities: list[Municipality]


# --- regions.yaml ------------------------------------------------------------------------------------

RegionCode = Annotated[str, Str(pattern=r"^[0-9]{4}$")]


class Region(TypedDict):
    code: RegionCode
    name: NonEmpty


class RegionMember(TypedDict):
    """One municipality (its code, and its name as in municipalities.yaml) and the code of its region."""

    municipality: Annotated[str, Str(pattern=r"^[0-9]{3}$")]
    name: NonEmpty
    region: RegionCode


class Regions(TypedDict):
    source: Source
    regions: list[Region]
    members: list[RegionMember]


# --- profile.yaml ------------------------------------------------------------------------------------


class Trait(TypedDict):
    text: Text
    refs: Annotated[list[RefNumber], EMPTY]


class ProfileGroup(TypedDict):
    id: Id
    title: Text
    compared_with: Text
    traits: list[Trait]
    source: Source


class Percentage(TypedDict):
    id: Id
    label: Text
    percent: float
    of: Text
    local_expectation: Annotated[bool, FALSE]
    basis: Annotated[Id | None, NONE]  # prevalence figure a local expectation multiplies
    source: Source


class Profile(TypedDict):
    intro: Text
    groups: list[ProfileGroup]
    crisis_centre_key_figures: list[Percentage]
    partner_reports: list[Percentage]


# --- phases.yaml, evidence.yaml, target_groups.yaml --------------------------------------------------


class PhaseEntry(TypedDict):
    id: Phase
    number: int
    name: Text
    purpose: Text
    source: Source


class Phases(TypedDict):
    intro: Text
    phases: list[PhaseEntry]


class EvidenceLevel(TypedDict):
    id: Evidence
    rank: int
    name: Text
    criteria: Text
    action: Text


class EvidenceScale(TypedDict):
    intro: Text
    levels: list[EvidenceLevel]
    source: Source


class TargetGroup(TypedDict):
    id: Id
    name: Text
    description: Text


class TargetGroups(TypedDict):
    target_groups: list[TargetGroup]


# --- law.yaml ----------------------------------------------------------------------------------------


class Change(TypedDict):
    """Something read after the note; never mixed with what the note says. Only kind `changed` is a change."""

    kind: ChangeKind
    text: Text
    date: Annotated[NonEmpty | None, NONE]  # None: the source does not say when
    authority: Annotated[NonEmpty | None, NONE]  # the act or body (a name); None: the source names none
    reported_by: Annotated[list[NonEmpty], EMPTY]  # who reported it (names), e.g. a ministry
    source: Source


class Act(TypedDict):
    id: Id
    name: NonEmpty
    kind: ActKind
    duty: ActDuty
    aliases: list[Annotated[str, Str(pattern=r"^[a-zæøå0-9-]+$")]]
    description: Text
    changes_since: Annotated[list[Change], EMPTY]


class LawEntry(TypedDict):
    id: Id
    act: Id
    section: Annotated[str | None, NONE]
    in_note: Annotated[bool, TRUE]  # false: a provision the note does not name (added after it); see `source`
    title: Text
    provides: Text
    municipality: Text
    note_says: Text
    changes_since: Annotated[list[Change], EMPTY]
    source: Source


class Duty(TypedDict):
    """What the municipality must provide today under one provision, as the sources after the note describe it:
    since when, for whom, and the dated steps after the note (each with its source)."""

    id: Id
    title: Text
    provision: Id  # the law entry
    paragraph: Text  # "§ 109, stk. 8": where in the provision, as far as the sources say
    since: Annotated[NonEmpty | None, NONE]  # ISO date the duty began; None: already in the note (2013)
    for_whom: Text
    text: Text
    steps: Annotated[list[Change], EMPTY]
    source: Source


class NoRightFound(TypedDict):
    """Something looked for as a legal right and not found in the sources: 'no legal right found', never
    'there is none'."""

    id: Id
    looked_for: Text
    found: Text  # what the sources do say instead
    source: Source


class Law(TypedDict):
    intro: Text
    acts: list[Act]
    entries: list[LawEntry]
    duties_intro: Annotated[Text | None, NONE]
    duties: Annotated[list[Duty], EMPTY]
    no_right_found: Annotated[list[NoRightFound], EMPTY]


# --- interventions.yaml ------------------------------------------------------------------------------


class Outcome(TypedDict):
    text: Text
    evidence: Evidence
    refs: Annotated[list[RefNumber], EMPTY]


class Declaration(TypedDict):
    """A later rating on Socialstyrelsen's Vidensportal (A best to D on each dimension; None: not found), kept
    beside the note's grade and never converted into it."""

    subject: Text  # what was rated: the intervention, or one provider of it
    date: NonEmpty  # when the rating appeared (the theme's launch), as the source gives it
    target_group: Annotated[Grade | None, NONE]
    method: Annotated[Grade | None, NONE]
    implementation: Annotated[Grade | None, NONE]
    effect: Annotated[Grade | None, NONE]
    economy: Annotated[Grade | None, NONE]
    text: Text
    source: Source


class Intervention(TypedDict):
    id: Id
    name: Text
    phases: Annotated[list[Phase], NONEMPTY_LIST]
    target_groups: Annotated[list[Id], NONEMPTY_LIST]
    summary: Text
    delivery: Annotated[Text | None, NONE]
    evidence: Evidence
    evidence_reason: Text
    study_design: Text
    designs: Annotated[list[Design], NONEMPTY_LIST]
    studied_in: Text
    tried_in_denmark: TriedInDenmark
    outcomes: Annotated[list[Outcome], EMPTY]
    recommendation: Annotated[Text | None, NONE]  # what the note recommends for this intervention in particular
    providers: Annotated[list[NonEmpty], EMPTY]
    law: Annotated[list[Id], EMPTY]
    initiatives: Annotated[list[Id], EMPTY]
    after_note: Annotated[list[Change], EMPTY]  # what changed for this intervention after the note
    declarations: Annotated[list[Declaration], EMPTY]  # Vidensportalen's later ratings, beside the note's grade
    source: Source


class LaterIntervention(TypedDict):
    """An intervention the note does not discuss, known from a source after it: no grade on the note's scale."""

    id: Id
    name: Text
    target_groups: Annotated[list[Id], NONEMPTY_LIST]
    summary: Text
    finding: Text
    declarations: Annotated[list[Declaration], EMPTY]
    source: Source


class Interventions(TypedDict):
    intro: Text
    statements: list[Statement]
    interventions: list[Intervention]
    not_in_note: Annotated[list[LaterIntervention], EMPTY]


# --- initiatives.yaml --------------------------------------------------------------------------------


class Initiative(TypedDict):
    id: Id
    name: Text
    period: Annotated[str | None, NONE]
    period_end: Year | None  # the year the note's period ends; null when the note gives no period
    period_note: Annotated[Text | None, NONE]  # without a period: what the note does date
    target_groups: Annotated[list[Id], NONEMPTY_LIST]
    audience: Text
    purpose: Text
    documentation: Text
    indicators: Annotated[list[Text], EMPTY]
    contacts: list[NonEmpty]
    contacts_as_of: Annotated[AsOfYear | None, NONE]  # the year the contacts are the note's
    commissioner: Annotated[Text | None, NONE]
    law: Annotated[list[Id], EMPTY]
    interventions: Annotated[list[Id], EMPTY]
    source: Source


class PolicyPoint(TypedDict):
    text: Text
    source: Source


class PolicyItem(TypedDict):
    """An action plan, a set of recommendations or a national service after the note (not from the note)."""

    id: Id
    kind: PolicyKind
    name: Text
    date: NonEmpty  # ISO date, year-month or year of publication or start
    publisher: Annotated[NonEmpty | None, NONE]
    text: Text
    points: Annotated[list[PolicyPoint], EMPTY]
    status: Annotated[Text | None, NONE]  # what is known of it later (funding ...), dated; or what was not checked
    source: Source


class Initiatives(TypedDict):
    intro: Text
    initiatives: list[Initiative]
    since_note: Annotated[list[PolicyItem], EMPTY]  # action plans, recommendations, services after the note


# --- documentation.yaml ------------------------------------------------------------------------------


class Indicator(TypedDict):
    id: Id
    text: Text
    data_sources: Annotated[list[Id], EMPTY]
    caveat: Annotated[Text | None, NONE]
    refs: Annotated[list[RefNumber], EMPTY]


class Goal(TypedDict):
    id: Id
    number: int
    text: Text
    indicators: list[Indicator]
    no_indicator: Annotated[Text | None, NONE]
    source: Source



class CentralSource(TypedDict):
    id: Id
    name: Text
    description: Text
    source: Source


class Documentation(TypedDict):
    intro: Text
    goals: list[Goal]
    data_sources: list[CentralSource]
    cpr_response_rate: Percentage
    reports: list[Statement]
    after_note: Annotated[list[Statement], EMPTY]  # newer rounds and statistics after the note (not from it)


# --- implementation.yaml -----------------------------------------------------------------------------


class Component(TypedDict):
    id: Id
    name: Text


class Driver(TypedDict):
    id: Id
    name: Text
    description: Text
    components: list[Component]
    source: Source


class FactorLevel(TypedDict):
    id: Id
    name: Text
    description: Text
    example: Text
    source: Source


class Strategy(TypedDict):
    id: Id
    name: Text
    scope: Scope
    pace: Pace
    description: Text
    advantages: list[Text]
    drawbacks: list[Text]
    source: Source


class Implementation(TypedDict):
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


class CostItem(TypedDict):
    id: Id
    name: Text
    amount_mdkk: float
    description: Text
    note: Annotated[Text | None, NONE]
    source: Source


class Economy(TypedDict):
    study: Text
    basis: Text
    year_of_report: Year
    cost_items: list[CostItem]
    total_given: bool
    excluded: list[Text]
    who_review: Text
    cost_effectiveness: Text
    cost_benefit: Text
    price_level: Annotated[Text | None, NONE]  # the amounts' price level (the 2010 report's, not adjusted)
    source: Source


# --- benchmarks.yaml ---------------------------------------------------------------------------------


class Benchmark(TypedDict):
    id: Id
    name: Text
    per_inhabitants: int
    places: float
    concerns: Annotated[list[Id], EMPTY]  # the interventions whose places the benchmark counts (vold check)
    unit: Text
    text: Text
    status: Text
    source: Source


class Benchmarks(TypedDict):
    benchmarks: list[Benchmark]


# --- the whole knowledge base ------------------------------------------------------------------------


class KnowledgeData(TypedDict):
    """Every file of a knowledge folder, validated (sections.py lists them with their files and commands)."""

    meta: Meta
    definition: Definition
    prevalence: Prevalence
    municipalities: Municipalities
    regions: Regions
    profile: Profile
    phases: Phases
    evidence: EvidenceScale
    target_groups: TargetGroups
    law: Law
    interventions: Interventions
    initiatives: Initiatives
    documentation: Documentation
    implementation: Implementation
    economy: Economy
    benchmarks: Benchmarks
