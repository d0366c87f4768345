"""The knowledge in time: what the 2013 note's statements mean today. Pure computation, no I/O, no printing,
no formatting (renderers turn these records into words).

- `initiative_status`: an initiative's status from the note's period against a given date (`today` is always a
  parameter; the command line reads it from the clock or from VOLD_TODAY).
- `newer_estimates`: the newer national figures (prevalence `newer_figures`, 2017 and 2021) scaled by the note's
  own method, national figure × the population asked about ÷ Denmark's population in that figure's year
  (municipalities.yaml `years[].national_total`), beside the note's figure they compare with.
- `sorted_changes`, `real_changes`: law items after the note in date order; only kind `changed` is a change.
- `knowledge_age`: the note's year, the date the sources after it were checked (when one says so), the newest
  fact recorded after it, the update interval the note planned.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import datetime

    from vold_cli.core.results import InitiativeTime, KnowledgeAge, NewerCaveat, NewerEstimate, Scaled, Step
    from vold_cli.kb.facade import KnowledgeBase
    from vold_cli.kb.schema import Change, Figure, Initiative, NewerFigure, PopulationYear

from vold_cli.core.estimate import round_like_note, scale, source_ref

Status = Literal["ended", "ongoing", "unknown"]

#: Patterns as text, compiled on first use (re caches them): nothing is compiled at import.
_YEAR = r"\b(\d{4})\b"
_ISO = r"\b\d{4}-\d{2}-\d{2}\b"


# --- initiatives ---------------------------------------------------------------------------------------------

def initiative_status(item: Initiative, today: datetime.date) -> Status:
    """`ended` when the note's period ended before `today`'s year, `ongoing` when `today` falls inside it,
    `unknown` when the note gives no period (or the period has not begun: nothing the note says then)."""
    end = item["period_end"]
    if end is None:
        return "unknown"
    if today.year > end:
        return "ended"
    years = [int(y) for y in re.findall(_YEAR, item["period"] or "")]
    start = min(years) if years else end
    return "ongoing" if start <= today.year else "unknown"


def initiative_record(item: Initiative, today: datetime.date) -> InitiativeTime:
    """The time fields of an initiative, for its JSON record: end of period, status, and the date it was computed
    against."""
    return {"period_end": item["period_end"], "status": initiative_status(item, today),
            "status_date": today.isoformat(), "contacts_as_of": item["contacts_as_of"]}


# --- law changes ---------------------------------------------------------------------------------------------

def date_key(date: str | None) -> tuple[int, str]:
    """Sort key for a change's date: dated items ('2017-01-01', '2019-20') in order, undated ones last."""
    if not date:
        return (1, "")
    return (0, date) if date[:4].isdigit() else (1, date)


def sorted_changes(changes: list[Change]) -> list[Change]:
    return sorted(changes, key=lambda c: date_key(c["date"]))


def real_changes(changes: list[Change]) -> list[Change]:
    """Only the items of kind `changed`: what counts as a change since the note."""
    return [c for c in changes if c["kind"] == "changed"]


# --- newer figures, scaled the note's way --------------------------------------------------------------------

def _reference(years: dict[int, PopulationYear], year: int) -> PopulationYear | None:
    return years.get(year)


def _scaled(item: Scaled, population: int, ref: PopulationYear | None) -> Scaled:
    if ref is None or item["national"] is None:
        return item
    local = scale(item["national"], population, ref["national_total"])
    item["reference_population"], item["reference_date"] = ref["national_total"], ref["date"]
    item["reference_source"] = source_ref(ref["source"])
    item["local"], item["rounded_value"] = round(local, 1), round_like_note(local)
    return item


def _newer_item(newer: NewerFigure, population: int, years: dict[int, PopulationYear]) -> Scaled:
    item: Scaled = {"id": newer["id"], "year": newer["year"], "measure": newer["measure"], "label": newer["label"],
                    "national": newer["value"], "percent": newer["percent"], "approx": "about", "loose": True,
                    "source": source_ref(newer["source"]), "reference_population": None, "reference_date": None,
                    "local": None, "rounded_value": None}
    return _scaled(item, population, _reference(years, newer["year"]))


#: A step of at most this share of the earlier value is "about the same": the figures are loose estimates ('ca.')
#: from separate survey rounds, so 320 -> 330 is no trend.
SAME_WITHIN = 0.10


def _direction(before: int, after: int) -> Literal["up", "down", "same"]:
    if abs(after - before) <= SAME_WITHIN * max(before, 1):
        return "same"
    return "up" if after > before else "down"


def newer_estimates(knowledge: KnowledgeBase, population: int) -> list[NewerEstimate]:
    """One record per figure of the note that newer figures compare with (women, men): the note's figure and
    each newer figure scaled to `population`, each with its year, reference population and date and source; the
    newer figures of the same measure as the note's (physical) also form the trend 2013 -> 2017 -> 2021 (by the
    rounded local values), the broader measure (physical and/or psychological) stands apart."""
    prevalence = knowledge.prevalence
    years = {y["year"]: y for y in knowledge.municipalities["years"]}
    ref = prevalence["reference_population"]
    note_year = int(ref["date"][:4])
    out: list[NewerEstimate] = []
    for fig in prevalence["figures"]:
        newer = sorted((n for n in prevalence["newer_figures"] if n["compares_with"] == fig["id"]),
                       key=lambda n: (n["year"], n["measure"] != "physical"))
        if not newer or fig["value"] is None:
            continue
        note = _note_item(fig, population, ref["population"], ref["date"], note_year)
        note["reference_source"] = source_ref(ref["source"])
        same = [_newer_item(n, population, years) for n in newer if n["measure"] in (None, "physical")]
        broader = [_newer_item(n, population, years) for n in newer if n["measure"] not in (None, "physical")]
        points = [note] + [s for s in same if s["rounded_value"] is not None]
        trend: list[Step] = [{"from_year": a["year"], "to_year": b["year"],
                              "direction": _direction(a["rounded_value"] or 0, b["rounded_value"] or 0)}
                             for a, b in zip(points, points[1:], strict=False)]
        out.append({"figure": fig["id"], "group": fig["unit"], "label": fig["label"], "population": population,
                    "note": note, "newer": same, "broader": broader, "trend": trend})
    return out


def _note_item(fig: Figure, population: int, reference: int, date: str, year: int) -> Scaled:
    local = scale(fig["value"] or 0, population, reference)
    return {"id": fig["id"], "year": year, "measure": "physical", "label": fig["label"],
            "national": fig["value"], "approx": fig["approx"], "loose": True, "reference_population": reference,
            "reference_date": date, "local": round(local, 1), "rounded_value": round_like_note(local),
            "source": source_ref(fig["source"])}


def newer_caveats(knowledge: KnowledgeBase) -> list[NewerCaveat]:
    return [{"id": c["id"], "text": c["text"], "source": source_ref(c["source"])}
            for c in knowledge.prevalence["newer_caveats"]]


def newer_for(knowledge: KnowledgeBase, figure_id: str) -> list[NewerFigure]:
    """The newer national figures that compare with one of the note's figures, oldest first."""
    return sorted((n for n in knowledge.prevalence["newer_figures"] if n["compares_with"] == figure_id),
                  key=lambda n: (n["year"], n["measure"] != "physical"))


# --- the age of the knowledge --------------------------------------------------------------------------------

def latest_checked(knowledge: KnowledgeBase) -> str | None:
    """The newest date on which a data source beside the note says its facts were checked (`checked` in
    meta.yaml), or None when none says so. The dates of the facts themselves (a consolidation act of 2025) are
    not dates on which anything was checked."""
    dates = sorted(m for d in knowledge.meta["data_sources"] for m in re.findall(_ISO, d["checked"] or ""))
    return dates[-1] if dates else None


def latest_fact(knowledge: KnowledgeBase) -> str | None:
    """The newest ISO date among the items after the note (law changes, duties' steps, interventions' items): how
    recent the newest recorded fact is, which is not the date it was checked."""
    found: list[str] = []
    for act in knowledge.law["acts"]:
        found += [c["date"] or "" for c in act["changes_since"]]
    for entry in knowledge.law["entries"]:
        found += [c["date"] or "" for c in entry["changes_since"]]
    for duty in knowledge.law["duties"]:
        found += [c["date"] or "" for c in duty["steps"]]
    for item in knowledge.interventions["interventions"]:
        found += [c["date"] or "" for c in item["after_note"]]
    dates = sorted(m for text in found for m in re.findall(_ISO, text))
    return dates[-1] if dates else None


def knowledge_age(knowledge: KnowledgeBase) -> KnowledgeAge:
    """The note's year, the date of the latest fact checked after it, and the update interval the note planned
    (with the year the first planned update would have fallen; whether it came is not recorded)."""
    meta = knowledge.meta
    return {"note_year": meta["year"], "latest_checked": latest_checked(knowledge),
            "latest_fact": latest_fact(knowledge), "update_interval_years": meta["update_interval_years"],
            "first_planned_update": meta["year"] + meta["update_interval_years"]}
