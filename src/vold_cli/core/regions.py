"""Beyond one municipality: a region, every municipality at once, and several side by side.

Pure arithmetic and lookups on the loaded knowledge (no I/O, no printing), through the typed facade
(`KnowledgeBase`: regions, their members, population years). A region's population is the sum of its
municipalities for the chosen year; the country's is Denmark's total for that year (the municipalities plus
Christiansø, which is not a municipality). Every figure is scaled the note's way (`estimate.scale`) and rounded the
note's way (`estimate.round_like_note`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, cast

from vold_cli.core.query import population_years
from vold_cli.errors import NotFound, UsageError
from vold_cli.i18n.bilingual import Bilingual

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from vold_cli.core.observed import Kind
    from vold_cli.core.results import AreaRow, EstimateResult, FigureColumnInfo, OverviewResult
    from vold_cli.kb.facade import KnowledgeBase
    from vold_cli.kb.schema import Benchmark, Figure, Municipality, Region

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
        raise NotFound(Bilingual(f"Ingen befolkning for hele landet i {year} i vidensbasen.",
                                 f"No national population for {year} in the knowledge base."))
    return found["national_total"]


# --- lookups ----------------------------------------------------------------------------------------


def check_year(knowledge: KnowledgeBase, year: int | None) -> int:
    """The population year to use: `year` if the knowledge base has it, else the latest; UsageError if not."""
    years = population_years(knowledge)
    if year is None:
        return years[-1]
    if year not in years:
        listed = ", ".join(map(str, years))
        raise UsageError(Bilingual(f"Ugyldigt --year {year}: vælg et af årene {listed}.",
                                   f"Invalid --year {year}: it must be one of {listed}."))
    return year


def find_region(knowledge: KnowledgeBase, query: str) -> Region:
    """A region by code (1081-1085) or name, with or without 'Region', any case, Danish letters optional
    ('sjaelland', 'Sjalland', 'region sjælland'), or the start of one name. UsageError with the closest names."""
    from vold_cli.kb.facade import region_key
    from vold_cli.text import did_you_mean

    regions = knowledge.region_list
    wanted = query.strip()
    codes = ", ".join(f"{r['code']} {r['name']}" for r in regions)
    if not wanted:
        raise UsageError(Bilingual("Tom region.", "Empty region."),
                         hint=Bilingual(f"Giv et navn eller en kode: {codes}.", f"Give a name or a code: {codes}."))
    if wanted.isdigit():
        by_code = knowledge.region_by_code(wanted)
        if by_code is not None:
            return by_code
        raise UsageError(Bilingual(f"Ingen region har koden {wanted!r}.", f"No region has the code {wanted!r}."),
                         hint=Bilingual(f"Regionskoderne er {codes}.", f"The region codes are {codes}."))
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
    raise UsageError(Bilingual(f"Ukendt region {query!r}.", f"Unknown region {query!r}."),
                     hint=near or Bilingual(f"Regionerne er {codes}.", f"The regions are {codes}."))


def find_municipalities(knowledge: KnowledgeBase, queries: list[str]) -> list[Municipality]:
    """Several municipalities for a comparison (2-10, none twice), in the order given."""
    from vold_cli.core.query import find_municipality

    if len(queries) > MAX_COMPARED:
        raise UsageError(Bilingual(f"For mange kommuner ({len(queries)}): højst {MAX_COMPARED} kan sammenlignes.",
                                   f"Too many municipalities ({len(queries)}): at most {MAX_COMPARED} can be compared."),
                         hint=Bilingual("Brug --all for alle kommuner i én tabel.",
                                        "Use --all for every municipality in one table."))
    found: list[Municipality] = []
    for query in queries:
        muni = find_municipality(knowledge, query)
        if any(m["code"] == muni["code"] for m in found):
            raise UsageError(Bilingual(f"{muni['name']} er angivet to gange.", f"{muni['name']} is given twice."),
                             hint=Bilingual("Angiv hver kommune én gang.", "Give each municipality once."))
        found.append(muni)
    return found


def parse_sort(text: str | None) -> tuple[str, bool]:
    """'population', 'population:desc', '-population' -> (column, descending). Default: code, ascending."""
    if text is None:
        return "code", False
    raw = text.strip().casefold()
    descending = raw.startswith("-")
    raw = raw.lstrip("-")
    if ":" in raw:
        raw, direction = raw.split(":", 1)
        if direction not in ("asc", "desc"):
            raise UsageError(Bilingual(f"Ugyldig retning {direction!r} i --sort.",
                                       f"Invalid direction {direction!r} in --sort."),
                             hint=Bilingual("Brug :asc eller :desc, fx --sort population:desc.",
                                            "Use :asc or :desc, e.g. --sort population:desc."))
        descending = direction == "desc"
    if raw not in SORT_COLUMNS:
        columns = ", ".join(SORT_COLUMNS)
        raise UsageError(Bilingual(f"Ugyldig kolonne {text!r} for --sort.", f"Invalid column {text!r} for --sort."),
                         hint=Bilingual(f"Vælg mellem: {columns} (evt. med :desc).",
                                        f"Choose from: {columns} (optionally with :desc)."))
    return raw, descending


# --- computations -----------------------------------------------------------------------------------


def region_population(knowledge: KnowledgeBase, region_code: str, year: int) -> int:
    return sum(m["population"][str(year)] for m in knowledge.region_members(region_code))


def estimate_region(knowledge: KnowledgeBase, region: Region, *, year: int,
                    observed: list[tuple[Kind, int]] | None = None,
                    observed_year: int | None = None) -> EstimateResult:
    """The full estimate (as for a municipality) for a region, with its municipalities listed."""
    from vold_cli.core.estimate import estimate

    members = knowledge.region_members(region["code"])
    population = sum(m["population"][str(year)] for m in members)
    result = estimate(knowledge, population=population, municipality=None, year=year, observed=observed,
                      observed_year=observed_year)
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
            raise NotFound(Bilingual(f"Vidensbasen har ikke landstallet {ident!r}, som kolonnen {column!r} bruger.",
                                     f"The knowledge base has no prevalence figure {ident!r}, which the {column!r} "
                                     "column needs."))
        out[column] = figures[ident]
    return out


def _benchmark(knowledge: KnowledgeBase) -> Benchmark:
    for bench in knowledge.benchmarks["benchmarks"]:
        if bench["id"] == MAIN_BENCHMARK[1]:
            return bench
    raise NotFound(Bilingual(f"Vidensbasen har ikke pejlemærket {MAIN_BENCHMARK[1]!r}, som kolonnen 'places' bruger.",
                             f"The knowledge base has no benchmark {MAIN_BENCHMARK[1]!r}, which the 'places' column "
                             "needs."))


Level = Literal["municipality", "region", "country"]


def _row(level: Level, code: str, name: str, population: int, region: str | None,
         figures: dict[FigureColumn, Figure], bench: Benchmark, reference: int) -> AreaRow:
    """An area's row: for each figure column, `{column}` and `{column}_rounded`, or for a range `{column}_low`,
    `{column}_high`, `{column}_rounded_low` and `{column}_rounded_high`; then `places` (see results.AreaRow)."""
    from vold_cli.core.estimate import round_like_note, scale

    row: dict[str, object] = {"level": level, "code": code, "name": name, "region": region,
                              "population": population}
    for column, fig in figures.items():
        if fig["value"] is not None:
            local = scale(fig["value"], population, reference)
            row[column], row[f"{column}_rounded"] = round(local, 1), round_like_note(local)
        else:
            low = scale(fig["low"] or 0, population, reference)  # validation guarantees a range has both ends
            high = scale(fig["high"] or 0, population, reference)
            row[f"{column}_low"], row[f"{column}_high"] = round(low, 1), round(high, 1)
            row[f"{column}_rounded_low"], row[f"{column}_rounded_high"] = round_like_note(low), round_like_note(high)
    row[MAIN_BENCHMARK[0]] = round(population / bench["per_inhabitants"] * bench["places"], 1)
    return cast("AreaRow", row)


def figure(row: AreaRow, key: str) -> float:
    """A number of the row past its identity: a figure column's key ('women_rounded', 'stays_low') or 'places'.
    KeyError when the row has not that key (a value where the figure is a range, or the reverse)."""
    value = cast("Mapping[str, object]", row)[key]
    assert isinstance(value, int | float), key
    return value


def has(row: AreaRow, key: str) -> bool:
    """Whether the row holds that key: `has(row, "women")` is false where the women's figure is a range."""
    return key in cast("Mapping[str, object]", row)


def _column_info(fig: Figure) -> FigureColumnInfo:
    from vold_cli.core.estimate import source_ref

    return {"figure": fig["id"], "label": fig["label"], "unit": fig["unit"], "national": fig["value"],
            "national_low": fig["low"], "national_high": fig["high"], "source": source_ref(fig["source"])}


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
    if column == MAIN_BENCHMARK[0]:
        return lambda row: figure(row, column)
    if column not in MAIN_FIGURES:
        raise ValueError(f"not a column to sort by: {column!r}")  # the sort columns are checked before

    def numeric(row: AreaRow) -> float:
        if has(row, column):
            return figure(row, column)
        return (figure(row, f"{column}_low") + figure(row, f"{column}_high")) / 2

    return numeric


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
    from vold_cli.core.estimate import estimate, source_ref

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
        national = cast("dict[str, object]", country)  # the note's own figures beside the row's (AreaRow)
        for column, fig in figures.items():
            if fig["value"] is not None:
                national[f"{column}_national"] = fig["value"]
            else:
                national[f"{column}_national_low"], national[f"{column}_national_high"] = fig["low"], fig["high"]
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
                       "source": source_ref(bench["source"])},
        },
        "rows": [row for group in groups for row in group],
        "method": {"name": method["name"], "reference_population": method["reference_population"],
                   "reference_date": method["reference_date"], "rounding": method["rounding"],
                   "description": method["description"], "worked_examples": method["worked_examples"]},
        "statements": base["statements"],
        "caveats": base["caveats"],
        "newer_figures": base["newer_figures"],
    }
