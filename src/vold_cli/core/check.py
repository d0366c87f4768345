"""`vold check`: hold a municipality's own offers against the note's evidence, its legal references and the
local need. Pure computation on plain inputs; no printing, no typer or rich.

`inputs_from` is the one place that reads the loaded knowledge base; everything else works on `CheckInputs`
and returns frozen dataclasses holding ids, numbers and texts in both languages (`Text`, i.e. `Bilingual`). Wording
and number formatting for a language happen in `views/check.py`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from vold_cli.i18n.bilingual import Bilingual as Text  # a text in both languages
from vold_cli.inputs.offers import Offer, Portfolio, Vocabulary, vocabulary

#: The law entry that makes an offer a crisis-centre offer (the stay the Council of Europe benchmark counts).
CRISIS_CENTRE_LAW = "sel-109"
#: Prevalence figures of crisis-centre stays and visits (scaled like `vold estimate` does) start with this.
CRISIS_CENTRE_FIGURES = "crisis-centre-"
#: This level and every stronger one count as "documented or promising effect".
EVIDENCED_FROM = "promising"
#: The level of interventions the note does not recommend; offers matched to one are called out first.
NOT_RECOMMENDED = "not-recommended"

if TYPE_CHECKING:
    from vold_cli.kb import schema as models
    from vold_cli.kb.facade import KnowledgeBase


def _text(node: models.Text | None) -> Text | None:
    return None if not node else Text(node["da"], node["en"])


@dataclass(frozen=True)
class Named:
    id: str
    name: Text


@dataclass(frozen=True)
class Level:
    id: str
    name: Text
    rank: int
    action: Text


@dataclass(frozen=True)
class Source:
    section: Named | None
    refs: tuple[int, ...]


@dataclass(frozen=True)
class Suggestion:
    """An intervention of the note close to what was written: by its name, or by words in its texts."""

    id: str
    name: Text
    evidence: str
    by: str  # "name" or "text"
    designs: tuple[str, ...] = ()  # the study designs as the note states them (models.Design)


@dataclass(frozen=True)
class OfferCheck:
    line: int
    offer: str
    given: str | None  # the `indsats` cell as written
    match: str  # id | name | prefix | fuzzy | offer-name | none | not-given
    intervention: Named | None
    evidence: Level | None
    reason: Text | None
    design: Text | None
    source: Source | None
    suggestions: tuple[Suggestion, ...]
    phases: tuple[str, ...]
    phases_from: str  # "file", "note" or ""
    targets: tuple[str, ...]
    targets_from: str
    places: int | None
    law: tuple[str, ...]  # law entry ids from the `lov` cell
    law_unknown: tuple[tuple[str, Text | None], ...]  # (as written, hint)
    not_recommended: bool
    crisis_centre: bool
    designs: tuple[str, ...] = ()  # the intervention's study designs as the note states them (models.Design)


@dataclass(frozen=True)
class Cell:
    phase: str
    target: str
    offers: tuple[int, ...]  # lines of the offers covering the cell
    evidenced: tuple[Suggestion, ...]  # the note's interventions here with documented or promising effect
    missing: tuple[Suggestion, ...]  # of those, the ones no offer is matched to
    gap: bool  # the note has evidenced interventions here and no offer covers the cell


@dataclass(frozen=True)
class Coverage:
    phases: tuple[Named, ...]
    targets: tuple[Named, ...]
    cells: tuple[Cell, ...]
    unplaced: tuple[int, ...]  # offers with neither phase nor target group (given or from the note)
    evidenced_levels: tuple[str, ...]


@dataclass(frozen=True)
class Change:
    date: str | None
    text: Text
    authority: str | None
    reported_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class LinkedOffer:
    line: int
    offer: str
    via: str  # "lov" (the file's own column) or "intervention" (the matched intervention's law list)


@dataclass(frozen=True)
class LawItem:
    id: str
    ref: str  # what `vold law` takes: 'sel 109'
    label: str  # 'Serviceloven § 109'
    title: Text
    act: str  # the act's name
    changes: tuple[Change, ...]  # recorded for the entry itself
    act_changes: tuple[Change, ...]  # recorded for its act as a whole
    offers: tuple[LinkedOffer, ...]


@dataclass(frozen=True)
class Benchmark:
    id: str
    name: Text
    unit: Text
    status: Text
    per_inhabitants: int
    places: float
    local: float  # benchmark places for the population


@dataclass(frozen=True)
class Stays:
    id: str
    label: Text
    unit: Text
    national: float
    local: float
    rounded: int
    approx: str = "exact"  # how the note qualifies the national figure: exact, about, just-over, just-under


@dataclass(frozen=True)
class Capacity:
    population: int | None  # None: no --population or --municipality given
    municipality: str | None
    year: int | None
    offers: tuple[int, ...]  # lines of crisis-centre offers
    places: int  # their places, summed (offers without places count 0)
    without_places: tuple[int, ...]
    benchmarks: tuple[Benchmark, ...]
    stays: tuple[Stays, ...]
    reference_date: str
    region: str | None = None  # the region's name, when the population is a region's (--region)


@dataclass(frozen=True)
class Step:
    """One thing to look at next; `render` words it. Steps come in the order they should be looked at."""

    kind: str  # not-recommended | gap | not-in-note | weak-evidence | capacity | no-population | law | unplaced
    offers: tuple[int, ...] = ()
    interventions: tuple[Suggestion, ...] = ()
    phase: str = ""
    targets: tuple[str, ...] = ()
    laws: tuple[str, ...] = ()  # law entry ids, or the benchmark id for a capacity step
    level: str = ""


@dataclass(frozen=True)
class CheckResult:
    file: str
    offers: tuple[OfferCheck, ...]  # offers the note does not recommend first, then the file's order
    levels: tuple[Level, ...]
    coverage: Coverage
    law: tuple[LawItem, ...]
    capacity: Capacity
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class CheckInputs:
    """What `check` needs from the knowledge base, as plain data (see `inputs_from`)."""

    interventions: list[models.Intervention]
    phases: list[models.PhaseEntry]
    target_groups: list[models.TargetGroup]
    levels: list[models.EvidenceLevel]
    law_acts: list[models.Act]
    law_entries: list[models.LawEntry]
    benchmarks: list[models.Benchmark]
    stay_figures: list[models.Figure]
    reference_population: int
    reference_date: str
    sections: dict[str, Text]
    find_law: Callable[[str], models.LawEntry]  # raises NotFound (with a hint) for an unknown reference
    short_ref: Callable[[models.LawEntry], str]


def inputs_from(knowledge: KnowledgeBase) -> CheckInputs:
    """The single adapter from the knowledge base facade to `CheckInputs`."""
    from vold_cli.core import query

    prevalence = knowledge.prevalence
    return CheckInputs(
        interventions=knowledge.interventions["interventions"],
        phases=knowledge.phases["phases"],
        target_groups=knowledge.target_groups["target_groups"],
        levels=knowledge.evidence["levels"],
        law_acts=knowledge.law["acts"],
        law_entries=[e for e in knowledge.law["entries"] if e["in_note"]],  # the note's references, not later law
        benchmarks=knowledge.benchmarks["benchmarks"],
        stay_figures=[f for f in prevalence["figures"]
                      if f["id"].startswith(CRISIS_CENTRE_FIGURES) and f["scalable"] and f["value"] is not None],
        reference_population=prevalence["reference_population"]["population"],
        reference_date=prevalence["reference_population"]["date"],
        sections={s["id"]: Text(s["title"]["da"], s["title"]["en"]) for s in knowledge.meta["sections"]},
        find_law=lambda reference: query.find_law(knowledge, reference),
        short_ref=lambda entry: query.short_ref(knowledge, entry),
    )


def offer_vocabulary(inputs: CheckInputs) -> Vocabulary:
    """What the file's `fase` and `målgruppe` cells may say."""
    return vocabulary(inputs.phases, inputs.target_groups)


# --- matching an offer to an intervention --------------------------------------------------------------


def _keys(item: models.Intervention) -> list[str]:
    from vold_cli.text import loose

    names = [item["id"], item["name"]["da"], item["name"]["en"]]
    names += [n.split(" (")[0] for n in names if " (" in n]  # 'Ud af voldens skygge (Out of ...)'
    return list(dict.fromkeys(loose(n) for n in names if loose(n)))


def _suggestion(item: models.Intervention, by: str) -> Suggestion:
    return Suggestion(item["id"], Text(item["name"]["da"], item["name"]["en"]), item["evidence"], by,
                      tuple(item["designs"]))


def _text_hits(value: str, interventions: list[models.Intervention]) -> list[models.Intervention]:
    """Interventions whose name, summary or delivery (either language) hold the most of the words of `value`
    that are at least five letters long ('kærestevold' finds the note's dating-violence programmes)."""
    from vold_cli.text import fold

    words = [w for w in "".join(c if c.isalnum() else " " for c in fold(value)).split() if len(w) >= 5]
    if not words:
        return []
    scored = []
    for item in interventions:
        texts = [t for t in (item["name"], item["summary"], item["delivery"]) if t is not None]
        haystack = fold(" ".join(t[lang] for t in texts for lang in ("da", "en")))
        score = sum(1 for w in words if w in haystack)
        if score:
            scored.append((score, item))
    if not scored:
        return []
    best = max(score for score, _ in scored)
    hits = [item for score, item in scored if score == best]
    return hits if len(hits) <= 5 else []


def match_intervention(value: str | None, offer_name: str,
                       interventions: list[models.Intervention]) -> tuple[str, models.Intervention | None, list[Suggestion]]:
    """(how it matched, the intervention or None, suggestions). Tolerant: letter case and Danish letters do not
    matter, a unique prefix or a very close spelling matches; otherwise the closest names and the interventions
    whose texts hold the words are suggested. With no `indsats` given, an intervention whose full name occurs
    in the offer's own name is taken."""
    import difflib

    from vold_cli.text import loose

    keyed = [(item, _keys(item)) for item in interventions]
    if not value or not loose(value):
        wanted = loose(offer_name)
        found = [item for item, keys in keyed if any(len(k) >= 6 and k in wanted for k in keys)]
        if len(found) == 1:
            return "offer-name", found[0], []
        return "not-given", None, []
    key = loose(value)
    for kind, test in (("id", lambda k, i: k == loose(i["id"])),
                       ("name", lambda k, i: k in _keys(i))):
        found = [item for item, _ in keyed if test(key, item)]
        if len(found) == 1:
            return kind, found[0], []
    if len(key) >= 4:
        found = [item for item, keys in keyed if any(k.startswith(key) for k in keys)]
        if len(found) == 1:
            return "prefix", found[0], []
    ratios = sorted(((max(difflib.SequenceMatcher(None, key, k).ratio() for k in keys), n, item)
                     for n, (item, keys) in enumerate(keyed)), key=lambda t: (-t[0], t[1]))
    if ratios and ratios[0][0] >= 0.85 and (len(ratios) == 1 or ratios[1][0] < ratios[0][0]):
        return "fuzzy", ratios[0][2], []
    suggestions = [_suggestion(item, "name") for ratio, _, item in ratios[:3] if ratio >= 0.6]
    named = {s.id for s in suggestions}
    suggestions += [_suggestion(item, "text") for item in _text_hits(value, interventions) if item["id"] not in named]
    return "none", None, suggestions


# --- the check ------------------------------------------------------------------------------------------


def _level(node: models.EvidenceLevel) -> Level:
    return Level(node["id"], Text(node["name"]["da"], node["name"]["en"]), node["rank"],
                 Text(node["action"]["da"], node["action"]["en"]))


def _check_offer(inputs: CheckInputs, offer: Offer, levels: dict[str, Level]) -> OfferCheck:
    from vold_cli.errors import NotFound

    kind, item, suggestions = match_intervention(offer.intervention, offer.name, inputs.interventions)
    law_ids: list[str] = []
    unknown: list[tuple[str, Text | None]] = []
    for reference in offer.law:
        try:
            entry = inputs.find_law(reference)
        except NotFound as exc:
            unknown.append((reference, exc.hint))
            continue
        if entry["id"] not in law_ids:
            law_ids.append(entry["id"])
    level = levels.get(item["evidence"]) if item else None
    source = None
    if item:
        section = item["source"].get("section")
        source = Source(Named(section, inputs.sections[section]) if section in inputs.sections else None,
                        tuple(item["source"].get("refs") or ()))
    phases, phases_from = (offer.phases, "file") if offer.phases else (
        (tuple(item["phases"]), "note") if item else ((), ""))
    targets, targets_from = (offer.targets, "file") if offer.targets else (
        (tuple(item["target_groups"]), "note") if item else ((), ""))
    crisis = CRISIS_CENTRE_LAW in law_ids or bool(item and CRISIS_CENTRE_LAW in item["law"])
    return OfferCheck(
        line=offer.line, offer=offer.name, given=offer.intervention, match=kind,
        intervention=Named(item["id"], Text(item["name"]["da"], item["name"]["en"])) if item else None,
        evidence=level, reason=_text(item["evidence_reason"]) if item else None,
        design=_text(item["study_design"]) if item else None, source=source,
        suggestions=tuple(suggestions), phases=phases, phases_from=phases_from, targets=targets,
        targets_from=targets_from, places=offer.places, law=tuple(law_ids), law_unknown=tuple(unknown),
        not_recommended=bool(level and level.id == NOT_RECOMMENDED),
        crisis_centre=crisis, designs=tuple(item["designs"]) if item else (),
    )


def _rank(levels: dict[str, Level], ident: str) -> int:
    return levels[ident].rank if ident in levels else 0


def _coverage(inputs: CheckInputs, checks: list[OfferCheck], levels: dict[str, Level]) -> Coverage:
    floor = _rank(levels, EVIDENCED_FROM)
    evidenced_levels = tuple(lv.id for lv in sorted(levels.values(), key=lambda lv: -lv.rank) if lv.rank >= floor)
    order = {"primary": 0, "secondary": 1, "tertiary": 2}
    phases = sorted(inputs.phases, key=lambda p: (p.get("number", order.get(p["id"], 9)), p["id"]))
    matched = {c.intervention.id for c in checks if c.intervention}
    cells = []
    for group in inputs.target_groups:
        for phase in phases:
            inside = [c for c in checks if phase["id"] in c.phases and group["id"] in c.targets]
            covering = tuple(c.line for c in inside)
            here = sorted((i for i in inputs.interventions
                           if phase["id"] in i["phases"] and group["id"] in i["target_groups"]
                           and levels[i["evidence"]].rank >= floor),
                          key=lambda i: (-levels[i["evidence"]].rank, i["id"]))
            evidenced = tuple(_suggestion(i, "name") for i in here)
            missing = tuple(s for s in evidenced if s.id not in matched)
            # an offer the note does not recommend does not close a gap
            cells.append(Cell(phase["id"], group["id"], covering, evidenced, missing,
                              gap=bool(evidenced) and not any(not c.not_recommended for c in inside)))
    return Coverage(
        phases=tuple(Named(p["id"], Text(p["name"]["da"], p["name"]["en"])) for p in phases),
        targets=tuple(Named(t["id"], Text(t["name"]["da"], t["name"]["en"])) for t in inputs.target_groups),
        cells=tuple(cells),
        unplaced=tuple(c.line for c in checks if not c.phases or not c.targets),
        evidenced_levels=evidenced_levels,
    )


def _law(inputs: CheckInputs, checks: list[OfferCheck]) -> tuple[LawItem, ...]:
    acts = {a["id"]: a for a in inputs.law_acts}
    by_intervention = {i["id"]: set(i.get("law") or []) for i in inputs.interventions}
    items = []
    for entry in inputs.law_entries:
        act = acts[entry["act"]]
        linked = []
        for c in checks:
            if entry["id"] in c.law:
                linked.append(LinkedOffer(c.line, c.offer, "lov"))
            elif c.intervention and entry["id"] in by_intervention.get(c.intervention.id, ()):
                linked.append(LinkedOffer(c.line, c.offer, "intervention"))
        def changes(node: models.LawEntry | models.Act) -> tuple[Change, ...]:
            """Only the real changes since the note (kind `changed`), in date order: an item that confirms a
            provision is still in force, or dates from before the note, is no change."""
            from vold_cli.core.newer import real_changes, sorted_changes

            return tuple(Change(ch["date"], Text(ch["text"]["da"], ch["text"]["en"]), ch["authority"],
                                tuple(ch["reported_by"]))
                         for ch in sorted_changes(real_changes(list(node["changes_since"]))))

        label = f"{act['name']} § {entry['section']}" if entry["section"] else act["name"]
        items.append(LawItem(entry["id"], inputs.short_ref(entry), label,
                             Text(entry["title"]["da"], entry["title"]["en"]), act["name"], changes(entry),
                             changes(act), tuple(linked)))
    return tuple(items)


def _capacity(inputs: CheckInputs, checks: list[OfferCheck],
              population: tuple[int, models.Municipality | None, int | None] | None,
              region: str | None = None) -> Capacity:
    from vold_cli.core.estimate import round_like_note, scale

    crisis = [c for c in checks if c.crisis_centre]
    count, muni, year = population if population else (None, None, None)
    benchmarks: list[Benchmark] = []
    stays: list[Stays] = []
    if count is not None:
        for b in inputs.benchmarks:
            benchmarks.append(Benchmark(b["id"], Text(b["name"]["da"], b["name"]["en"]),
                                        Text(b["unit"]["da"], b["unit"]["en"]),
                                        Text(b["status"]["da"], b["status"]["en"]), b["per_inhabitants"],
                                        b["places"], round(count / b["per_inhabitants"] * b["places"], 1)))
        for f in inputs.stay_figures:
            value = f["value"]
            if value is None:  # inputs_from keeps only figures with a single value
                continue
            local = scale(value, count, inputs.reference_population)
            stays.append(Stays(f["id"], Text(f["label"]["da"], f["label"]["en"]),
                               Text(f["unit"]["da"], f["unit"]["en"]), value, round(local, 1),
                               round_like_note(local), f["approx"]))
    return Capacity(
        population=count, municipality=muni["name"] if muni else None, year=year,
        offers=tuple(c.line for c in crisis), places=sum(c.places or 0 for c in crisis),
        without_places=tuple(c.line for c in crisis if c.places is None),
        benchmarks=tuple(benchmarks), stays=tuple(stays), reference_date=inputs.reference_date, region=region,
    )


def _steps(checks: list[OfferCheck], coverage: Coverage, law: tuple[LawItem, ...], capacity: Capacity,
           levels: dict[str, Level]) -> tuple[Step, ...]:
    steps: list[Step] = [Step("not-recommended", offers=(c.line,), level=c.evidence.id)
                         for c in checks if c.not_recommended and c.evidence]
    grouped: dict[tuple[str, tuple[str, ...]], list[Cell]] = {}
    for cell in coverage.cells:  # one step per phase and set of interventions, naming every target group
        if cell.gap:
            grouped.setdefault((cell.phase, tuple(s.id for s in cell.evidenced)), []).append(cell)
    gaps = sorted(grouped.values(), key=lambda cells: -max(levels[s.evidence].rank for s in cells[0].evidenced))
    steps += [Step("gap", interventions=cells[0].evidenced, phase=cells[0].phase,
                   targets=tuple(c.target for c in cells)) for cells in gaps]
    steps += [Step("not-in-note", offers=(c.line,), interventions=c.suggestions)
              for c in checks if c.intervention is None]
    floor = _rank(levels, EVIDENCED_FROM)
    steps += [Step("weak-evidence", offers=(c.line,), level=c.evidence.id)
              for c in checks if c.evidence and not c.not_recommended and c.evidence.rank < floor]
    if capacity.offers and capacity.population is None:
        steps.append(Step("no-population", offers=capacity.offers))
    elif capacity.population is not None:
        for bench in capacity.benchmarks:
            if capacity.places < bench.local:
                steps.append(Step("capacity", offers=capacity.offers, laws=(bench.id,)))
    unlinked = tuple(item.id for item in law if not item.offers)
    if unlinked:
        steps.append(Step("law", laws=unlinked))
    steps += [Step("unplaced", offers=(line,)) for line in coverage.unplaced]
    return tuple(steps)


def check(inputs: CheckInputs, portfolio: Portfolio,
          population: tuple[int, models.Municipality | None, int | None] | None = None, *,
          region: str | None = None) -> CheckResult:
    """Each offer against the note (offers the note does not recommend first), the coverage of prevention
    phase × target group, the legal checklist, places against the benchmark, and what to look at next.
    `population` is what `estimate.resolve_population` returns (or a region's summed population, with the
    region's name in `region`), or None."""
    levels: dict[str, Level] = {lv["id"]: _level(lv) for lv in inputs.levels}
    checks = [_check_offer(inputs, offer, levels) for offer in portfolio.offers]
    coverage = _coverage(inputs, checks, levels)
    law = _law(inputs, checks)
    capacity = _capacity(inputs, checks, population, region)
    ordered = [c for c in checks if c.not_recommended] + [c for c in checks if not c.not_recommended]
    return CheckResult(
        file=portfolio.file, offers=tuple(ordered),
        levels=tuple(sorted(levels.values(), key=lambda lv: -lv.rank)),
        coverage=coverage, law=law, capacity=capacity, steps=_steps(checks, coverage, law, capacity, levels),
    )
