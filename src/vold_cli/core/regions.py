"""Beyond one municipality: a region, every municipality at once, and several side by side.

Pure arithmetic and lookups on the loaded knowledge (no I/O, no printing), through the typed facade
(`KnowledgeBase`: regions, their members, population years). A region's population is the sum of its
municipalities for the chosen year; the country's is Denmark's total for that year (the municipalities plus
Christiansø, which is not a municipality). Every figure is scaled the note's way (`estimate.scale`) and rounded the
note's way (`estimate.round_like_note`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

from vold_cli.core.query import population_years
from vold_cli.errors import NotFound, UsageError
from vold_cli.i18n.lang import tr

if TYPE_CHECKING:
    from typing import Required, TypedDict

    from vold_cli.core.estimate import EstimateResult, NewerNational, Note, WorkedCheck
    from vold_cli.kb.facade import KnowledgeBase
    from vold_cli.kb.schema import Benchmark, Figure, Municipality, Region, Source, Text

#: A column of the main estimates (a prevalence figure scaled to the area).
FigureColumn = Literal["women", "men", "stays"]

#: The main estimates of `--all` and of comparisons: column name -> prevalence figure id.
MAIN_FIGURES: dict[FigureColumn, str] = {
    "women": "women-physical-partner-violence",
    "men": "men-physical-partner-violence",
    "stays": "crisis-centre-stays-women",
}
#: The capacity benchmark column -> benchmark id.
MAIN_BENCHMARK = ("places", "shelter-family-places")
#: Columns `--sort` accepts.
SORT_COLUMNS = ("code", "name", "population", "women", "men", "stays", "places")
MAX_COMPARED = 10


def national_total(knowledge: KnowledgeBase, year: int) -> int:
    """Denmark's population on 1 January `year` (the municipalities plus Christiansø)."""
    found = knowledge.population_year(year)
    if found is None:
        raise NotFound(f"No national population for {year} in the knowledge base.")
    return found["national_total"]


# --- lookups ----------------------------------------------------------------------------------------


def check_year(knowledge: KnowledgeBase, year: int | None, lang: str = "en") -> int:
    """The population year to use: `year` if the knowledge base has it, else the latest; UsageError if not."""
    years = population_years(knowledge)
    if year is None:
        return years[-1]
    if year not in years:
        listed = ", ".join(map(str, years))
        raise UsageError(tr(lang, f"Ugyldigt --year {year}: vælg et af årene {listed}.",
                            f"Invalid --year {year}: it must be one of {listed}."))
    return year


def find_region(knowledge: KnowledgeBase, query: str, lang: str = "en") -> Region:
    """A region by code (1081-1085) or name, with or without 'Region', any case, Danish letters optional
    ('sjaelland', 'Sjalland', 'region sjælland'), or the start of one name. UsageError with the closest names."""
    from vold_cli.kb.facade import region_key
    from vold_cli.text import did_you_mean

    regions = knowledge.region_list
    wanted = query.strip()
    codes = ", ".join(f"{r['code']} {r['name']}" for r in regions)
    if not wanted:
        raise UsageError(tr(lang, "Tom region.", "Empty region."),
                         hint=tr(lang, f"Giv et navn eller en kode: {codes}.", f"Give a name or a code: {codes}."))
    if wanted.isdigit():
        by_code = knowledge.region_by_code(wanted)
        if by_code is not None:
            return by_code
        raise UsageError(tr(lang, f"Ingen region har koden {wanted!r}.", f"No region has the code {wanted!r}."),
                         hint=tr(lang, f"Regionskoderne er {codes}.", f"The region codes are {codes}."))
    by_name = knowledge.region_by_name(wanted)
    if by_name is not None:
        return by_name
    key = region_key(wanted)
    starts = [r for r in regions if len(key) >= 3 and region_key(r["name"]).startswith(key)]
    if len(starts) == 1:
        return starts[0]
    names = [r["name"] for r in regions]
    short = [n[len("Region "):] if n.startswith("Region ") else n for n in names]
    near = did_you_mean(wanted, short) or did_you_mean(wanted, names)
    hint = near if lang == "en" or near is None else near.replace("Did you mean", "Mente du")
    raise UsageError(tr(lang, f"Ukendt region {query!r}.", f"Unknown region {query!r}."),
                     hint=hint or tr(lang, f"Regionerne er {codes}.", f"The regions are {codes}."))


def find_municipalities(knowledge: KnowledgeBase, queries: list[str], lang: str = "en") -> list[Municipality]:
    """Several municipalities for a comparison (2-10, none twice), in the order given."""
    from vold_cli.core.query import find_municipality

    if len(queries) > MAX_COMPARED:
        raise UsageError(tr(lang, f"For mange kommuner ({len(queries)}): højst {MAX_COMPARED} kan sammenlignes.",
                            f"Too many municipalities ({len(queries)}): at most {MAX_COMPARED} can be compared."),
                         hint=tr(lang, "Brug --all for alle kommuner i én tabel.",
                                 "Use --all for every municipality in one table."))
    found: list[Municipality] = []
    for query in queries:
        muni = find_municipality(knowledge, query)
        if any(m["code"] == muni["code"] for m in found):
            raise UsageError(tr(lang, f"{muni['name']} er angivet to gange.", f"{muni['name']} is given twice."),
                             hint=tr(lang, "Angiv hver kommune én gang.", "Give each municipality once."))
        found.append(muni)
    return found


def parse_sort(text: str | None, lang: str = "en") -> tuple[str, bool]:
    """'population', 'population:desc', '-population' -> (column, descending). Default: code, ascending."""
    if text is None:
        return "code", False
    raw = text.strip().casefold()
    descending = raw.startswith("-")
    raw = raw.lstrip("-")
    if ":" in raw:
        raw, direction = raw.split(":", 1)
        if direction not in ("asc", "desc"):
            raise UsageError(tr(lang, f"Ugyldig retning {direction!r} i --sort.",
                                f"Invalid direction {direction!r} in --sort."),
                             hint=tr(lang, "Brug :asc eller :desc, fx --sort population:desc.",
                                     "Use :asc or :desc, e.g. --sort population:desc."))
        descending = direction == "desc"
    if raw not in SORT_COLUMNS:
        raise UsageError(tr(lang, f"Ugyldig kolonne {text!r} for --sort.", f"Invalid column {text!r} for --sort."),
                         hint=tr(lang, "Vælg mellem: ", "Choose from: ") + ", ".join(SORT_COLUMNS)
                         + tr(lang, " (evt. med :desc).", " (optionally with :desc)."))
    return raw, descending


# --- computations -----------------------------------------------------------------------------------


def region_population(knowledge: KnowledgeBase, region_code: str, year: int) -> int:
    return sum(m["population"][str(year)] for m in knowledge.region_members(region_code))


def estimate_region(knowledge: KnowledgeBase, region: Region, *, year: int) -> EstimateResult:
    """The full estimate (as for a municipality) for a region, with its municipalities listed."""
    from vold_cli.core.estimate import estimate

    members = knowledge.region_members(region["code"])
    population = sum(m["population"][str(year)] for m in members)
    result = estimate(knowledge, population=population, municipality=None, year=year)
    result["region"] = {
        "code": region["code"],
        "name": region["name"],
        "municipalities": [{"code": m["code"], "name": m["name"], "population": m["population"][str(year)]}
                           for m in members],
    }
    return result


def _figure_lookup(knowledge: KnowledgeBase) -> dict[FigureColumn, Figure]:
    figures = {f["id"]: f for f in knowledge.prevalence["figures"]}
    out = {}
    for column, ident in MAIN_FIGURES.items():
        if ident not in figures:
            raise NotFound(f"The knowledge base has no prevalence figure {ident!r}, which the {column!r} column needs.")
        out[column] = figures[ident]
    return out


def _benchmark(knowledge: KnowledgeBase) -> Benchmark:
    for bench in knowledge.benchmarks["benchmarks"]:
        if bench["id"] == MAIN_BENCHMARK[1]:
            return bench
    raise NotFound(f"The knowledge base has no benchmark {MAIN_BENCHMARK[1]!r}, which the 'places' column needs.")


Level = Literal["municipality", "region", "country"]


if TYPE_CHECKING:  # a type only: costs nothing at start-up
    class AreaRow(TypedDict, total=False):
        """One area of the overview: who it is, its population, and per figure column either the scaled value
        (`women`, `women_rounded`) or the scaled range (`women_low`, `women_high`, `women_rounded_low`, ...); the
        capacity benchmark (`places`); the country's row also the note's national figures (`women_national`, ...)."""
        level: Required[Level]
        code: Required[str]
        name: Required[str]
        region: Required[str | None]
        population: Required[int]
        women: float
        women_rounded: int
        women_low: float
        women_high: float
        women_rounded_low: int
        women_rounded_high: int
        men: float
        men_rounded: int
        men_low: float
        men_high: float
        men_rounded_low: int
        men_rounded_high: int
        stays: float
        stays_rounded: int
        stays_low: float
        stays_high: float
        stays_rounded_low: int
        stays_rounded_high: int
        places: float
        women_national: int
        women_national_low: int | None
        women_national_high: int | None
        men_national: int
        men_national_low: int | None
        men_national_high: int | None
        stays_national: int
        stays_national_low: int | None
        stays_national_high: int | None


class RowKeys:
    """The keys of one figure column in an AreaRow (what '{column}_low' spells, as keys the type checker knows).
    A plain class, not a NamedTuple: building a NamedTuple costs start-up time."""

    __slots__ = ("value", "rounded", "low", "high", "rounded_low", "rounded_high", "national", "national_low",
                 "national_high")
    value: Literal["women", "men", "stays"]
    rounded: Literal["women_rounded", "men_rounded", "stays_rounded"]
    low: Literal["women_low", "men_low", "stays_low"]
    high: Literal["women_high", "men_high", "stays_high"]
    rounded_low: Literal["women_rounded_low", "men_rounded_low", "stays_rounded_low"]
    rounded_high: Literal["women_rounded_high", "men_rounded_high", "stays_rounded_high"]
    national: Literal["women_national", "men_national", "stays_national"]
    national_low: Literal["women_national_low", "men_national_low", "stays_national_low"]
    national_high: Literal["women_national_high", "men_national_high", "stays_national_high"]

    def __init__(self, *keys: str) -> None:
        for name, key in zip(self.__slots__, keys, strict=True):
            object.__setattr__(self, name, key)


ROW_KEYS: dict[FigureColumn, RowKeys] = {
    "women": RowKeys("women", "women_rounded", "women_low", "women_high", "women_rounded_low", "women_rounded_high",
                     "women_national", "women_national_low", "women_national_high"),
    "men": RowKeys("men", "men_rounded", "men_low", "men_high", "men_rounded_low", "men_rounded_high",
                   "men_national", "men_national_low", "men_national_high"),
    "stays": RowKeys("stays", "stays_rounded", "stays_low", "stays_high", "stays_rounded_low", "stays_rounded_high",
                     "stays_national", "stays_national_low", "stays_national_high"),
}


def _row(level: Level, code: str, name: str, population: int, region: str | None,
         figures: dict[FigureColumn, Figure], bench: Benchmark, reference: int) -> AreaRow:
    from vold_cli.core.estimate import round_like_note, scale

    row: AreaRow = {"level": level, "code": code, "name": name, "region": region, "population": population}
    for column, fig in figures.items():
        keys = ROW_KEYS[column]
        if fig["value"] is not None:
            local = scale(fig["value"], population, reference)
            row[keys.value] = round(local, 1)
            row[keys.rounded] = round_like_note(local)
        else:
            low = scale(fig["low"] or 0, population, reference)  # validation guarantees a range has both ends
            high = scale(fig["high"] or 0, population, reference)
            row[keys.low] = round(low, 1)
            row[keys.high] = round(high, 1)
            row[keys.rounded_low] = round_like_note(low)
            row[keys.rounded_high] = round_like_note(high)
    row["places"] = round(population / bench["per_inhabitants"] * bench["places"], 1)  # MAIN_BENCHMARK[0]
    return row


if TYPE_CHECKING:  # a type only: costs nothing at start-up
    class SourceRefs(TypedDict):
        section: str | None
        refs: list[int]
        data: str | None


def _source(source: Source) -> SourceRefs:
    return {"section": source["section"], "refs": source["refs"], "data": source["data"]}


def _column_info(fig: Figure) -> FigureColumnInfo:
    return {"figure": fig["id"], "label": fig["label"], "unit": fig["unit"], "national": fig["value"],
            "national_low": fig["low"], "national_high": fig["high"], "source": _source(fig["source"])}


def _collate(name: str) -> str:
    """Danish alphabetical order: æ, ø, å after z, and aa sorted as å (Aabenraa, Aalborg, Aarhus come last)."""
    return name.casefold().replace("aa", "å").replace("æ", "z\x01").replace("ø", "z\x02").replace("å", "z\x03")


def _sort_key(column: str) -> Callable[[AreaRow], str | float]:
    if column == "name":
        return lambda row: _collate(row["name"])
    if column == "code":
        return lambda row: row["code"]
    if column == "population":
        return lambda row: float(row["population"])
    if column == "places":
        return lambda row: float(row.get("places", 0))
    keys = ROW_KEYS[figure_column(column)]

    def numeric(row: AreaRow) -> float:
        if keys.value in row:
            return float(row[keys.value])
        return (float(row[keys.low]) + float(row[keys.high])) / 2

    return numeric


def figure_column(column: str) -> FigureColumn:
    """`column` as a figure column; ValueError for a column that is not one (the sort columns are checked before)."""
    for known in ROW_KEYS:
        if known == column:
            return known
    raise ValueError(f"not a figure column: {column!r}")


if TYPE_CHECKING:  # a type only: costs nothing at start-up
    class FigureColumnInfo(TypedDict):
        """Where a figure column comes from: the prevalence figure, its national value or range, its source."""
        figure: str
        label: Text
        unit: Text
        national: int | None
        national_low: int | None
        national_high: int | None
        source: SourceRefs


if TYPE_CHECKING:  # a type only: costs nothing at start-up
    class BenchmarkColumnInfo(TypedDict):
        """Where the `places` column comes from: the capacity benchmark."""
        benchmark: str
        label: Text
        unit: Text
        per_inhabitants: int
        places: float
        status: Text
        source: SourceRefs


if TYPE_CHECKING:  # a type only: costs nothing at start-up
    class OverviewColumns(TypedDict):
        women: FigureColumnInfo
        men: FigureColumnInfo
        stays: FigureColumnInfo
        places: BenchmarkColumnInfo


if TYPE_CHECKING:  # a type only: costs nothing at start-up
    class SortSpec(TypedDict):
        column: str | None
        descending: bool


if TYPE_CHECKING:  # a type only: costs nothing at start-up
    class OverviewMethod(TypedDict):
        """The method of a plain estimate (estimate.Method) without the one population's share."""
        name: str
        reference_population: int
        reference_date: str
        rounding: Text
        description: Text
        worked_examples: list[WorkedCheck]


if TYPE_CHECKING:  # a type only: costs nothing at start-up
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


def overview(knowledge: KnowledgeBase, *, year: int,
             municipalities: list[Municipality] | None = None, sort: str | None = None,
             descending: bool = False) -> OverviewResult:
    """Population and the main estimates (women and men exposed to physical partner violence, crisis-centre stays,
    the capacity benchmark) in one table.

    With `municipalities` None: every municipality, then the five regions, then the country; each group sorted by
    `sort` (default: code). With a list: a comparison of just those, in the order given unless `sort` is given.
    The country's row carries the note's national figures beside its own (`women_national`, ...): for the year of
    the note's reference population they are the same numbers.
    """
    from vold_cli.core.estimate import estimate

    prevalence = knowledge.prevalence
    reference = prevalence["reference_population"]["population"]
    figures = _figure_lookup(knowledge)
    bench = _benchmark(knowledge)
    key = str(year)
    chosen = knowledge.municipalities["municipalities"] if municipalities is None else municipalities

    def region_code(code: str) -> str | None:
        found = knowledge.region_of(code)
        return None if found is None else found["code"]

    muni_rows = [_row("municipality", m["code"], m["name"], m["population"][key], region_code(m["code"]), figures,
                      bench, reference) for m in chosen]
    groups = [muni_rows]
    if municipalities is None:
        region_rows = [_row("region", r["code"], r["name"], region_population(knowledge, r["code"], year), None,
                            figures, bench, reference) for r in knowledge.region_list]
        country = _row("country", "DK", "Danmark", national_total(knowledge, year), None,
                       figures, bench, reference)
        for column, fig in figures.items():
            keys = ROW_KEYS[column]
            if fig["value"] is not None:
                country[keys.national] = fig["value"]
            else:
                country[keys.national_low] = fig["low"]
                country[keys.national_high] = fig["high"]
        groups += [region_rows, [country]]
    if sort is not None or municipalities is None:
        by = sort or "code"
        groups = [sorted(g, key=_sort_key(by), reverse=descending) for g in groups]
    # the method, caveats and statements of a plain estimate, computed once for the whole table
    base = estimate(knowledge, population=reference, year=year)
    method = base["method"]
    info = {column: _column_info(fig) for column, fig in figures.items()}
    return {
        "kind": "overview" if municipalities is None else "comparison",
        "year": year,
        "reference_year": base["reference_year"],
        "sort": {"column": sort or ("code" if municipalities is None else None), "descending": descending},
        "columns": {
            "women": info["women"], "men": info["men"], "stays": info["stays"],
            "places": {"benchmark": bench["id"], "label": bench["name"],  # MAIN_BENCHMARK[0]
                       "unit": bench["unit"], "per_inhabitants": bench["per_inhabitants"],
                       "places": bench["places"], "status": bench["status"],
                       "source": _source(bench["source"])},
        },
        "rows": [row for group in groups for row in group],
        "method": {"name": method["name"], "reference_population": method["reference_population"],
                   "reference_date": method["reference_date"], "rounding": method["rounding"],
                   "description": method["description"], "worked_examples": method["worked_examples"]},
        "statements": base["statements"],
        "caveats": base["caveats"],
        "newer_figures": base["newer_figures"],
    }
