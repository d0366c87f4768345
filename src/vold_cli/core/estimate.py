"""What the note's national figures mean for one municipality: pure arithmetic, no I/O, no printing.

The note's own method (its worked example: 43,000 inhabitants -> ca. 220 women and ca. 80 men) is to scale a
national figure by the municipality's share of the total population. We use Denmark's population at the
figures' reference date (1 January 2013, 5,602,628), which reproduces the note's example, and round the way
the note rounds (see `rounding_step`).
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vold_cli.core.observed import Kind
    from vold_cli.core.results import (
        BenchmarkEstimate,
        CostEstimate,
        Costs,
        EstimateResult,
        Expectation,
        FigureEstimate,
        SourceRef,
        WorkedCheck,
    )
    from vold_cli.kb.facade import KnowledgeBase
    from vold_cli.kb.schema import Figure, Municipality, Source, Text

from vold_cli.errors import UsageError
from vold_cli.i18n.bilingual import Bilingual
from vold_cli.sanitize import quote

#: Patterns as text, compiled on first use (re caches them): nothing is compiled at import.
_PLAIN = r"^[0-9]+$"
#: Thousands grouped by '.', ',', a space, the no-break space U+00A0 (Danish Word and Excel put it there) or the
#: narrow no-break space U+202F; the same one throughout.
_GROUPED = r"^[0-9]{1,3}(?P<sep>[., \u00a0\u202f])[0-9]{3}(?:(?P=sep)[0-9]{3})*$"

POPULATION_HELP = Bilingual("Giv et helt antal indbyggere, fx 43000, 43.000, 43,000 eller '43 000'.",
                            "Give a whole number of inhabitants, e.g. 43000, 43.000, 43,000 or '43 000'.")


def parse_population(text: str, *, maximum: int) -> int:
    """A population typed by a person: digits, optionally grouped by thousands with '.', ',' or a space."""
    cleaned = text.strip()
    if len(cleaned) > 20:  # far above any population; also keeps int() away from huge digit strings
        shown = quote(text, 30)
        raise UsageError(Bilingual(f"Ugyldigt indbyggertal {shown}: alt for langt.",
                                   f"Invalid population {shown}: far too long."), hint=POPULATION_HELP)
    if re.match(_PLAIN, cleaned):
        value = int(cleaned)
    elif re.match(_GROUPED, cleaned):
        value = int(re.sub(r"[^0-9]", "", cleaned))
    else:
        raise UsageError(Bilingual(f"Ugyldigt indbyggertal {quote(text)}.", f"Invalid population {quote(text)}."),
                         hint=POPULATION_HELP + Bilingual(" Ingen decimaler, ord eller fortegn.",
                                                          " No decimals, words or signs."))
    if value <= 0:
        raise UsageError(Bilingual(f"Ugyldigt indbyggertal {quote(text)}: det skal være mindst 1.",
                                   f"Invalid population {quote(text)}: it must be at least 1."), hint=POPULATION_HELP)
    if value > maximum:
        from vold_cli.i18n.localize import number

        raise UsageError(
            Bilingual(f"Ugyldigt indbyggertal {quote(text)}: større end Danmarks befolkning på referencedatoen "
                      f"({number(maximum, 'da')}).",
                      f"Invalid population {quote(text)}: larger than Denmark's population at the reference date "
                      f"({maximum:,})."),
            hint=POPULATION_HELP,
        )
    return value


def rounding_step(value: float) -> int:
    """The note's rounding: 222.6 -> 220 and 76.7 -> 80 (tens below 1,000), hundreds below 10,000
    (national 5,500), then two significant digits (29,000; 28,000-33,000); whole numbers below 10."""
    magnitude = abs(value)
    if magnitude < 10:
        return 1
    if magnitude < 1_000:
        return 10
    if magnitude < 10_000:
        return 100
    return int(10 ** (int(math.log10(magnitude)) - 1))


def round_like_note(value: float) -> int:
    """Round half up to the note's step (never moves a value by more than half a step)."""
    step = rounding_step(value)
    return int(math.floor(value / step + 0.5)) * step


def scale(national: float, population: int, reference_population: int) -> float:
    """The note's method: the national figure times the local share of the total population."""
    return national * population / reference_population


ROUNDING: Text = {
    "da": "nærmeste 10 under 1.000, nærmeste 100 under 10.000, ellers to betydende cifre; helt tal under 10 "
          "(halve op)",
    "en": "nearest 10 below 1,000, nearest 100 below 10,000, else two significant digits; whole numbers below 10 "
          "(half up)",
}


def source_ref(source: Source) -> SourceRef:
    return {"section": source["section"], "refs": source["refs"], "data": source["data"], "lines": source["lines"]}


def _figure_estimate(fig: Figure, population: int, reference: int) -> FigureEstimate:
    item: FigureEstimate = {
        "id": fig["id"], "label": fig["label"], "group": fig["group"], "unit": fig["unit"], "period": fig["period"],
        "approx": fig["approx"], "national": None, "national_low": None, "national_high": None, "local": None,
        "local_low": None, "local_high": None, "rounded_value": None, "rounded_low": None, "rounded_high": None,
        "source": source_ref(fig["source"]),
    }
    if fig["value"] is not None:
        local = scale(fig["value"], population, reference)
        item["national"], item["local"], item["rounded_value"] = fig["value"], round(local, 1), round_like_note(local)
    else:
        low = scale(fig["low"] or 0, population, reference)  # validation guarantees a range has both ends
        high = scale(fig["high"] or 0, population, reference)
        item["national_low"], item["national_high"] = fig["low"], fig["high"]
        item["local_low"], item["local_high"] = round(low, 1), round(high, 1)
        item["rounded_low"], item["rounded_high"] = round_like_note(low), round_like_note(high)
    return item


def _profile_expectations(knowledge: KnowledgeBase, by_id: dict[str, FigureEstimate]) -> list[Expectation]:
    """Profile percentages applied to a local figure (e.g. share of crisis-centre stays by returning women)."""
    out: list[Expectation] = []
    for item in knowledge.profile["crisis_centre_key_figures"] + knowledge.profile["partner_reports"]:
        basis = by_id.get(item["basis"] or "")
        if not item["local_expectation"] or basis is None or basis["local"] is None:
            continue
        local = basis["local"] * item["percent"] / 100
        out.append({"id": item["id"], "label": item["label"], "percent": item["percent"], "of": item["of"],
                    "basis": basis["id"], "basis_local": basis["local"], "local": round(local, 1),
                    "rounded_value": round_like_note(local), "source": item["source"]})
    return out


def _costs(knowledge: KnowledgeBase, population: int, reference: int) -> Costs:
    economy = knowledge.economy
    items: list[CostEstimate] = []
    for cost in economy["cost_items"]:
        local_dkk = scale(cost["amount_mdkk"] * 1_000_000, population, reference)
        items.append({"id": cost["id"], "label": cost["name"], "national_mdkk": cost["amount_mdkk"],
                      "local_dkk": round(local_dkk), "rounded_value": round_like_note(local_dkk),
                      "note": cost["note"], "source": cost["source"]})
    return {"study": economy["study"], "basis": economy["basis"], "year_of_report": economy["year_of_report"],
            "total_given": economy["total_given"], "items": items, "excluded": list(economy["excluded"]),
            "price_level": economy["price_level"]}


def _benchmarks(knowledge: KnowledgeBase, population: int) -> list[BenchmarkEstimate]:
    return [{"id": bench["id"], "label": bench["name"], "per_inhabitants": bench["per_inhabitants"],
             "places": bench["places"], "unit": bench["unit"],
             "local": round(population / bench["per_inhabitants"] * bench["places"], 1),
             "status": bench["status"], "text": bench["text"], "source": bench["source"]}
            for bench in knowledge.benchmarks["benchmarks"]]


def estimate(knowledge: KnowledgeBase, *, population: int, municipality: Municipality | None = None,
             year: int | None = None, observed: list[tuple[Kind, int]] | None = None,
             observed_year: int | None = None) -> EstimateResult:
    """Every national figure of the prevalence section scaled to `population`, with costs, benchmarks and
    the caveats that must travel with them; the summary of the comparable figures first; and the municipality's
    own observed figures (`observed`, counted in `observed_year`) beside the expected ones."""
    from vold_cli.core.newer import newer_caveats, newer_estimates
    from vold_cli.core.observed import observed as compare
    from vold_cli.core.summary import summary

    prevalence = knowledge.prevalence
    ref = prevalence["reference_population"]
    reference = ref["population"]
    estimates = [_figure_estimate(fig, population, reference) for fig in prevalence["figures"] if fig["scalable"]]
    by_id = {e["id"]: e for e in estimates}
    newer = newer_estimates(knowledge, population)
    examples: list[WorkedCheck] = []
    for example in prevalence["worked_examples"]:
        fig = next(f for f in prevalence["figures"] if f["id"] == example["figure"])
        national = fig["value"] if fig["value"] is not None else fig["low"]
        value = scale(national or 0, example["population"], reference)
        examples.append({"figure": example["figure"], "population": example["population"],
                         "stated": example["stated"], "computed": round(value, 1),
                         "reproduced": round_like_note(value) == example["stated"], "text": example["text"]})
    return {
        "population": population,
        "municipality": None if municipality is None else {"code": municipality["code"], "name": municipality["name"]},
        "year": year,
        "reference_year": int(ref["date"][:4]),
        "method": {
            "name": "proportional-to-total-population",
            "reference_population": reference,
            "reference_date": ref["date"],
            "share": population / reference,
            "rounding": ROUNDING,
            "description": ref["description"],
            "worked_examples": examples,
        },
        "estimates": estimates,
        "profile": _profile_expectations(knowledge, by_id),
        "costs": _costs(knowledge, population, reference),
        "benchmarks": _benchmarks(knowledge, population),
        "statements": [{"id": s["id"], "text": s["text"], "source": s["source"]} for s in prevalence["statements"]],
        "caveats": [{"id": c["id"], "text": c["text"], "source": c["source"]} for c in prevalence["caveats"]],
        "newer_figures": [{"id": n["id"], "year": n["year"], "label": n["label"], "value": n["value"],
                           "percent": n["percent"], "text": n["text"], "source": n["source"]}
                          for n in prevalence["newer_figures"]],
        "newer_estimates": newer,
        "newer_caveats": newer_caveats(knowledge),
        "summary": summary(knowledge, newer),
        "observed": compare(knowledge, population, observed or [], observed_year),
    }


def resolve_population(knowledge: KnowledgeBase, *, population: str | None, municipality: str | None,
                       year: int | None) -> tuple[int, Municipality | None, int | None]:
    """(inhabitants, municipality or None, population year or None) from what was typed; UsageError if unusable."""
    from vold_cli.core.query import find_municipality, population_years

    if (population is None) == (municipality is None):
        raise UsageError(Bilingual("Giv enten --population N eller --municipality NAVN_ELLER_KODE (ikke begge).",
                                   "Give either --population N or --municipality NAME_OR_CODE (not both)."),
                         hint=Bilingual("Eksempel: --population 43000 eller --municipality Viborg",
                                        "Example: --population 43000 or --municipality Viborg"))
    years = population_years(knowledge)
    if year is not None and (municipality is None or year not in years):
        listed = ", ".join(map(str, years))
        raise UsageError(
            Bilingual(f"Ugyldigt --year {year}: gælder kun sammen med --municipality.",
                      f"Invalid --year {year}: it only applies to --municipality.") if municipality is None else
            Bilingual(f"Ugyldigt --year {year}: skal være et af årene {listed}.",
                      f"Invalid --year {year}: it must be one of {listed}."))
    if municipality is not None:
        muni = find_municipality(knowledge, municipality)
        year = year or years[-1]
        return muni["population"][str(year)], muni, year
    maximum = knowledge.prevalence["reference_population"]["population"]
    return parse_population(population or "", maximum=maximum), None, None
