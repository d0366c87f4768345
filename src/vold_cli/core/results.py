"""The shapes of what the core computes: one runtime TypedDict per result, the one definition of each.

The core's functions return these (plain dicts, so JSON writes them as they are); the views word them in the chosen
language. Like the knowledge's own shape (kb/schema.py), they are imported under `TYPE_CHECKING` by the modules that
make and read them, so no command builds them at start-up: importing this module costs about 7 ms (`python -X
importtime`, 6 December 2026: typing turns every annotation of a TypedDict into a ForwardRef and compiles it), a
command runs in about 100 ms. Tests and tools import it to read the shapes at run time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, NotRequired, TypedDict

if TYPE_CHECKING:
    from vold_cli.core.newer import Status
    from vold_cli.core.regions import Level
    from vold_cli.kb.schema import Approx, Design, Evidence, Phase, Source, Text


# --- estimate: one population ---------------------------------------------------------------------------------

class SourceRef(TypedDict):
    """Where a scaled figure comes from (a `Source` without its explanatory detail)."""

    section: str | None
    refs: list[int]
    data: str | None
    lines: list[int]  # the lines of the data file the fact rests on


class FigureEstimate(TypedDict):
    """One national figure of the note scaled to the population: the national value (or range), the local value
    to one decimal, and the note's rounding of it (`rounded_value`; 0 means fewer than one). Texts in both
    languages; views/estimate.py words them (`ca. 220`)."""

    id: str
    label: Text
    group: Text
    unit: Text
    period: Text
    approx: Approx
    national: int | None
    national_low: int | None
    national_high: int | None
    local: float | None
    local_low: float | None
    local_high: float | None
    rounded_value: int | None
    rounded_low: int | None
    rounded_high: int | None
    source: SourceRef


class Expectation(TypedDict):
    """A profile percentage applied to a local figure (share of crisis-centre stays by returning women, ...)."""

    id: str
    label: Text
    percent: float
    of: Text
    basis: str
    basis_local: float
    local: float
    rounded_value: int
    source: Source


class CostEstimate(TypedDict):
    """A national cost item (million DKK) scaled to the population, in kroner, and rounded the note's way."""

    id: str
    label: Text
    national_mdkk: float
    local_dkk: int
    rounded_value: int
    note: Text | None
    source: Source


class Costs(TypedDict):
    study: Text
    basis: Text
    year_of_report: int
    total_given: bool
    items: list[CostEstimate]
    excluded: list[Text]
    price_level: Text | None


class BenchmarkEstimate(TypedDict):
    """A capacity benchmark (places per inhabitants) applied to the population."""

    id: str
    label: Text
    per_inhabitants: int
    places: float
    unit: Text
    local: float
    status: Text
    text: Text
    source: Source


class WorkedCheck(TypedDict):
    """The note's worked example recomputed: does our method give the note's own number?"""

    figure: str
    population: int
    stated: int
    computed: float
    reproduced: bool
    text: Text


class Method(TypedDict):
    name: str
    reference_population: int
    reference_date: str
    share: float
    rounding: Text
    description: Text
    worked_examples: list[WorkedCheck]


class Note(TypedDict):
    """A caveat or statement that travels with the numbers."""

    id: str
    text: Text
    source: Source


class NewerNational(TypedDict):
    """A newer national figure as the knowledge gives it (not from the note)."""

    id: str
    year: int
    label: Text
    value: int
    percent: float | None
    text: Text
    source: Source


class MunicipalityRef(TypedDict):
    code: str
    name: str


class MemberPopulation(TypedDict):
    code: str
    name: str
    population: int


class RegionPart(TypedDict):
    code: str
    name: str
    municipalities: list[MemberPopulation]


class EstimateResult(TypedDict):
    """Everything `vold estimate` says about one population: numbers, ids and texts in both languages, no words
    of its own (views/estimate.py words it in the chosen language)."""

    population: int
    municipality: MunicipalityRef | None
    year: int | None
    reference_year: int
    method: Method
    estimates: list[FigureEstimate]
    profile: list[Expectation]
    costs: Costs
    benchmarks: list[BenchmarkEstimate]
    statements: list[Note]
    caveats: list[Note]
    newer_figures: list[NewerNational]
    newer_estimates: list[NewerEstimate]
    newer_caveats: list[NewerCaveat]
    summary: Summary  # the answer first: the span of the comparable figures, the broader measures apart
    observed: Observed  # the municipality's own observed figures beside the expected (or where to find them)
    region: NotRequired[RegionPart]


# --- summary: the answer first ----------------------------------------------------------------------------------

class SummaryPoint(TypedDict):
    year: int
    national: int | None
    rounded_value: int | None


class Span(TypedDict):
    """One group's comparable local figures (same measure) and their span."""

    figure: str
    group: Text  # the group's unit ('kvinder' / 'women')
    low: int
    high: int
    points: list[SummaryPoint]


class Broad(TypedDict):
    """A broader measure, apart from the span: scaled where it has a population year, else national only."""

    id: str
    label: Text
    group: Text
    measure: str
    year: int | None
    period: Text | None
    national: int
    percent: float | None
    rounded_value: int | None  # the local value, when scaled
    source: SourceRef


class Summary(TypedDict):
    spans: list[Span]
    broader: list[Broad]
    loose: bool


# --- observed: the municipality's own figures beside the expected ----------------------------------------------

class Expected(TypedDict):
    """An expected local figure: a national figure scaled by the note's method."""

    basis: Literal["statistics", "note"]
    year: int
    unit: Text
    national: int
    reference_population: int
    local: float
    rounded_value: int
    same_unit: bool  # measures the same thing as the observed figure
    source: SourceRef


class ObservedItem(TypedDict):
    kind: str
    field: Literal["women", "children", "stays"]
    observed: int
    year: int
    expected: list[Expected]
    national_that_year: int | None  # Danmarks Statistik's national count of the observed year (unscaled)
    national_that_year_other: int | None  # the other release's count, where two releases differ
    national_source: SourceRef | None


class ObservedNote(TypedDict):
    id: str
    text: Text
    source: SourceRef


class Observed(TypedDict):
    """The observed figures and what they stand beside; `items` is empty when none were given, and `where` then
    says where the municipality finds them."""

    items: list[ObservedItem]
    where: Text | None
    tables: list[str]
    anonymous_percent: float | None
    caveats: list[ObservedNote]


# --- newer: the knowledge in time -------------------------------------------------------------------------------

class InitiativeTime(TypedDict):
    """The time fields of an initiative's JSON record."""
    period_end: int | None
    status: Status
    status_date: str
    contacts_as_of: int | None


class Scaled(TypedDict):
    """One national figure (the note's or a newer one) scaled the note's way by its own year's population."""

    id: str
    year: int
    measure: str | None
    label: Text
    national: int | None
    percent: NotRequired[float | None]
    approx: str
    loose: bool
    source: SourceRef
    reference_population: int | None
    reference_date: str | None
    reference_source: NotRequired[SourceRef]
    local: float | None
    rounded_value: int | None


class Step(TypedDict):
    from_year: int
    to_year: int
    direction: Literal["up", "down", "same"]


class NewerEstimate(TypedDict):
    """The note's figure for a group and the newer figures that compare with it, scaled to one population."""

    figure: str
    group: Text
    label: Text
    population: int
    note: Scaled
    newer: list[Scaled]
    broader: list[Scaled]
    trend: list[Step]


class NewerCaveat(TypedDict):
    id: str
    text: Text
    source: SourceRef


class KnowledgeAge(TypedDict):
    """How old the knowledge is: the note's year, the date the sources after it were last checked (None: not
    recorded), the newest fact recorded after it, the update the note planned."""
    note_year: int
    latest_checked: str | None
    latest_fact: str | None
    update_interval_years: int
    first_planned_update: int


# --- regions: several areas at once ---------------------------------------------------------------------------

class AreaRow(TypedDict):
    """One area of the overview: who it is and its population. After `population` the row holds, for each figure
    column (regions.MAIN_FIGURES: women, men, stays), either the scaled value and its rounding the note's way
    (`women`, `women_rounded`) or the scaled range (`women_low`, `women_high`, `women_rounded_low`,
    `women_rounded_high`); then `places`, the capacity benchmark; the country's row also the note's national figure
    (`women_national`, or `women_national_low` and `women_national_high`). Those keys are spelled from the column's
    name, so they are not listed here: `regions.figure(row, key)` reads one."""
    level: Level
    code: str
    name: str
    region: str | None
    population: int


class FigureColumnInfo(TypedDict):
    """Where a figure column comes from: the prevalence figure, its national value or range, its source."""
    figure: str
    label: Text
    unit: Text
    national: int | None
    national_low: int | None
    national_high: int | None
    source: SourceRef


class BenchmarkColumnInfo(TypedDict):
    """Where the `places` column comes from: the capacity benchmark."""
    benchmark: str
    label: Text
    unit: Text
    per_inhabitants: int
    places: float
    status: Text
    source: SourceRef


class OverviewColumns(TypedDict):
    women: FigureColumnInfo
    men: FigureColumnInfo
    stays: FigureColumnInfo
    places: BenchmarkColumnInfo


class SortSpec(TypedDict):
    column: str | None
    descending: bool


class OverviewMethod(TypedDict):
    """The method of a plain estimate (estimate.Method) without the one population's share."""
    name: str
    reference_population: int
    reference_date: str
    rounding: Text
    description: Text
    worked_examples: list[WorkedCheck]


class OverviewResult(TypedDict):
    """`estimate --all` or a comparison: the areas' rows, where each column comes from, and the method,
    statements and caveats of a plain estimate once for the whole table."""
    kind: Literal["overview", "comparison"]
    year: int
    reference_year: int
    sort: SortSpec
    columns: OverviewColumns
    rows: list[AreaRow]
    method: OverviewMethod
    statements: list[Note]
    caveats: list[Note]
    newer_figures: list[NewerNational]


# --- query: listings and the evidence map --------------------------------------------------------------------

#: The filters a listing of interventions applied, by the option's name (only those given, in the options' order).
Filters = TypedDict("Filters", {"phase": list[str], "target": list[str], "evidence": list[str], "min-evidence": str,
                                "tested-in-denmark": bool, "search": str}, total=False)


class PhaseSummary(TypedDict):
    """A prevention phase (the fields of kb/schema.py's Phase entry) with its interventions and the strongest level."""
    id: Phase
    number: int
    name: Text
    purpose: Text
    source: Source
    interventions: list[str]
    count: int
    strongest: Evidence | None


class MapEntry(TypedDict):
    """One intervention in a cell of the evidence map, with its OWN level and designs."""
    id: str
    evidence: Evidence
    designs: list[Design]


class MapCell(TypedDict):
    """One cell of the evidence map (target group × phase): its interventions and the cell's summary."""
    target_group: str
    phase: Phase
    interventions: list[MapEntry]
    strongest: Evidence | None
    gap: bool


# --- search ---------------------------------------------------------------------------------------------------

class Index(TypedDict):
    """What one language's search reads, in the order hits are listed.

    `owners`: [section, id, title] each; `commands`: the commands that print the texts; `texts`: every text
    printed, once; `words`: the folded words of each text (' word word', each after a space), one line per text;
    `printed`: for each text, where it is printed: 'owner.command.rank' (numbers; rank 0 is the command that shows
    that owner best, its own page, 1 another), several joined by ','. Kept as text, which a search decodes only for
    the texts it finds: parsing thousands of JSON numbers would cost more than the whole search."""

    lang: str
    owners: list[list[str]]
    commands: list[str]
    texts: list[str]
    words: str
    printed: list[str]


class SearchHit(TypedDict):
    """One hit of `vold search`: where (section, entry id), its title, the text matched, a snippet of it, and the
    command whose output shows it."""

    section: str
    id: str
    title: str
    match: str
    snippet: str
    command: str


# --- check: the municipality's own offers against the note ------------------------------------------------------

class CheckNamed(TypedDict):
    """An id and its name in both languages."""

    id: str
    name: Text


class CheckLevel(TypedDict):
    """An evidence level: its rank (higher is stronger) and what it suggests doing."""

    id: str
    name: Text
    rank: int
    action: Text


class CheckSource(TypedDict):
    """Where the note says it: the section and the reference numbers."""

    section: CheckNamed | None
    refs: list[int]


class Suggestion(TypedDict):
    """An intervention of the note close to what was written: by its name ("name"), by words in its texts
    ("text"), or as another intervention the note names the same provider under ("provider")."""

    id: str
    name: Text
    evidence: str
    by: str
    designs: list[str]  # the study designs as the note states them (Design)


class OfferCheck(TypedDict):
    """One offer of the file held against the note."""

    line: int
    offer: str
    given: str | None  # the `indsats` cell as written
    match: str  # id | name | provider | prefix | fuzzy | offer-name | offer-provider | none | not-given
    intervention: CheckNamed | None
    evidence: CheckLevel | None
    reason: Text | None
    design: Text | None
    source: CheckSource | None
    suggestions: list[Suggestion]
    phases: list[str]
    phases_from: str  # "file", "note" or ""
    targets: list[str]
    targets_from: str
    places: int | None
    law: list[str]  # law entry ids from the `lov` cell
    law_unknown: list[list[str | Text | None]]  # [as written, the hint ({da, en}) or None]
    not_recommended: bool
    crisis_centre: bool  # linked to § 109, through the `lov` cell or the matched intervention
    designs: list[str]  # the intervention's study designs as the note states them
    provider: str | None  # the provider the note names, when the match came through one
    municipality: str | None  # the `kommune` cell, as the official name of the municipality
    own: list[str]  # the municipality's own columns (CheckResult.own), as written
    amount: float | None  # the amount column, read as a number


class CoverageCell(TypedDict):
    """One cell of prevention phase × target group."""

    phase: str
    target: str
    offers: list[int]  # lines of the offers covering the cell
    evidenced: list[Suggestion]  # the note's interventions here with documented or promising effect
    missing: list[Suggestion]  # of those, the ones no offer is matched to
    gap: bool  # the note has evidenced interventions here and no offer covers the cell


class Coverage(TypedDict):
    """The cells of prevention phase × target group, and the offers without either."""

    phases: list[CheckNamed]
    targets: list[CheckNamed]
    cells: list[CoverageCell]
    unplaced: list[int]
    evidenced_levels: list[str]


class LawChange(TypedDict):
    """A real change since the note, with its date and authority."""

    date: str | None
    text: Text
    authority: str | None
    reported_by: list[str]


class LinkedOffer(TypedDict):
    """An offer linked to a legal reference: through the file's `lov` column or the matched intervention."""

    line: int
    offer: str
    via: str  # "lov" or "intervention"


class LawItem(TypedDict):
    """One legal reference of the note, the changes since, and the offers linked to it."""

    id: str
    ref: str  # what `vold law` takes: 'sel 109'
    label: str  # 'Serviceloven § 109'
    title: Text
    act: str
    changes: list[LawChange]  # recorded for the entry itself
    act_changes: list[LawChange]  # recorded for its act as a whole
    offers: list[LinkedOffer]
    duty: str  # the act's duty: "municipality" or "other-authority" (information only)
    checked: bool  # anything recorded after the note for it or its act (a change, a confirmation, background)


class CheckBenchmark(TypedDict):
    """A planning benchmark scaled to the population."""

    id: str
    name: Text
    unit: Text
    status: Text
    per_inhabitants: int
    places: float
    local: float


class Stays(TypedDict):
    """Expected crisis-centre stays: the note's national figure scaled to the population."""

    id: str
    label: Text
    unit: Text
    national: float
    local: float
    rounded: int
    approx: str  # how the note qualifies the national figure: exact, about, just-over, just-under


class Apart(TypedDict):
    """An offer with places (or linked to § 109) that the benchmark does not count, and why: "men" (for men only),
    "other-intervention", "not-recognised" (no intervention matched and no § 109 in `lov`), "other-municipality",
    "no-municipality" (no `kommune` cell, with --region)."""

    line: int
    offer: str
    places: int | None
    reason: str
    intervention: CheckNamed | None
    municipality: str | None


class Area(TypedDict):
    """One population the counted places are held against: a municipality of the file's `kommune` column."""

    code: str
    name: str
    population: int
    offers: list[int]
    places: int
    without_places: list[int]
    benchmarks: list[CheckBenchmark]
    stays: list[Stays]


class Capacity(TypedDict):
    """The places of the offers the benchmark counts, against the benchmark and the expected stays. `scope` says
    whose offers the file holds: "none" (no population given), "population", "municipality", "region" (the whole
    region's, --scope region) or "by-municipality" (a kommune column: each municipality against its own share)."""

    population: int | None
    municipality: str | None
    year: int | None
    offers: list[int]
    places: int
    without_places: list[int]
    benchmarks: list[CheckBenchmark]
    stays: list[Stays]
    reference_date: str
    region: str | None
    scope: str
    areas: list[Area]
    apart: list[Apart]


class AmountGroup(TypedDict):
    """The municipality's own amounts of one prevention phase ("several", "none")."""

    phase: str
    total: float
    offers: list[int]


class Amounts(TypedDict):
    """The municipality's own figures from its amount column, summed: never the note's."""

    column: str
    groups: list[AmountGroup]
    total: float
    without: list[int]


class CheckStep(TypedDict):
    """One thing to look at next; the view words it (kind: not-recommended, gap, not-in-note, weak-evidence,
    capacity, no-population, law, unplaced)."""

    kind: str
    offers: list[int]
    interventions: list[Suggestion]
    phase: str
    targets: list[str]
    laws: list[str]  # law entry ids, or the benchmark id for a capacity step
    level: str
    area: str  # a capacity step for one municipality of the kommune column: its name


class CheckResult(TypedDict):
    """The whole check: offers (those the note does not recommend first), coverage, legal checklist, capacity,
    the municipality's own amounts and what to look at next."""

    file: str
    offers: list[OfferCheck]
    levels: list[CheckLevel]
    coverage: Coverage
    law: list[LawItem]
    capacity: Capacity
    steps: list[CheckStep]
    own: list[str]  # the headers of the municipality's own columns
    amounts: Amounts | None
    unit: str  # what an offer's number is: a "line" of a CSV or YAML file, a "row" of a sheet
    sheet: str
