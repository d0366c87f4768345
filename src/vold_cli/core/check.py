"""`vold check`: hold a municipality's own offers against the note's evidence, its legal references and the
local need. Pure computation on plain inputs; no printing, no typer or rich.

`inputs_from` is the one place that reads the loaded knowledge base; everything else works on `CheckInputs`
and returns the result types of `core/results.py` (runtime TypedDicts: plain dicts and lists holding ids,
numbers and {da, en} texts, so JSON writes them as they are). Wording and number formatting for a language
happen in `views/check.py`.

What the answers rest on:
- an offer matches an intervention by the intervention's id or name, a unique beginning, a near spelling, or a
  provider the note names under it (`providers` in interventions.yaml: 'Dialog mod Vold' is one of the Danish
  treatment services for those who use violence); the match keys are made once per run (`Index`);
- places are held against a benchmark only for the offers it concerns (`concerns` in benchmarks.yaml: the note's
  women's crisis centres, as the Council of Europe's benchmark counts family places in specialised women's
  shelters); offers with places it does not concern are listed apart with the reason;
- the legal checklist splits by each act's `duty` (law.yaml): a provision of the municipality's with no offer
  linked is something to look at; another authority's is information, never a gap."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from vold_cli.i18n.bilingual import Bilingual
from vold_cli.inputs.offers import Offer, Portfolio, PortfolioError, Vocabulary, vocabulary

#: The law entry that makes an offer a crisis-centre offer (the stay the Council of Europe benchmark counts).
CRISIS_CENTRE_LAW = "sel-109"
#: Prevalence figures of crisis-centre stays and visits (scaled like `vold estimate` does) start with this.
CRISIS_CENTRE_FIGURES = "crisis-centre-"
#: This level and every stronger one count as "documented or promising effect".
EVIDENCED_FROM = "promising"
#: The level of interventions the note does not recommend; offers matched to one are called out first.
NOT_RECOMMENDED = "not-recommended"
#: The act duty whose provisions are the municipality's own (law.yaml `duty`).
MUNICIPALITY_DUTY = "municipality"
#: Target groups that say an offer is for men, or for women (an offer only for men is no women's shelter).
MEN, WOMEN = "men", "women"
#: Words too common in providers' names to tell them apart ('Manderådgivningen i Herning Kommune').
_COMMON_WORDS = frozenset({"kommune", "kommunes", "the", "and", "for", "municipality"})

if TYPE_CHECKING:
    from vold_cli.core.results import (
        Amounts,
        Apart,
        Area,
        Capacity,
        CheckBenchmark,
        CheckLevel,
        CheckNamed,
        CheckResult,
        CheckSource,
        CheckStep,
        Coverage,
        CoverageCell,
        LawChange,
        LawItem,
        LinkedOffer,
        OfferCheck,
        Stays,
        Suggestion,
    )
    from vold_cli.kb import schema as models
    from vold_cli.kb.facade import KnowledgeBase
    from vold_cli.kb.schema import Text


class CheckInputs:
    """What `check` needs from the knowledge base, as plain data (see `inputs_from`). A plain class: it is no
    result, and each dataclass costs import time."""

    __slots__ = ("interventions", "phases", "target_groups", "levels", "law_acts", "law_entries", "benchmarks",
                 "stay_figures", "reference_population", "reference_date", "sections", "find_law", "short_ref",
                 "find_municipality")

    def __init__(self, *, interventions: list[models.Intervention], phases: list[models.PhaseEntry],
                 target_groups: list[models.TargetGroup], levels: list[models.EvidenceLevel],
                 law_acts: list[models.Act], law_entries: list[models.LawEntry], benchmarks: list[models.Benchmark],
                 stay_figures: list[models.Figure], reference_population: int, reference_date: str,
                 sections: dict[str, Text], find_law: Callable[[str], models.LawEntry],
                 short_ref: Callable[[models.LawEntry], str],
                 find_municipality: Callable[[str], models.Municipality] | None = None) -> None:
        self.interventions = interventions
        self.phases = phases
        self.target_groups = target_groups
        self.levels = levels
        self.law_acts = law_acts
        self.law_entries = law_entries
        self.benchmarks = benchmarks
        self.stay_figures = stay_figures
        self.reference_population = reference_population
        self.reference_date = reference_date
        self.sections = sections
        self.find_law = find_law  # raises NotFound (with a hint) for an unknown reference
        self.short_ref = short_ref
        self.find_municipality = find_municipality  # raises UsageError for an unknown municipality


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
        sections={s["id"]: _text(s["title"]) for s in knowledge.meta["sections"]},
        find_law=lambda reference: query.find_law(knowledge, reference),
        short_ref=lambda entry: query.short_ref(knowledge, entry),
        find_municipality=lambda name: query.find_municipality(knowledge, name),
    )


def offer_vocabulary(inputs: CheckInputs) -> Vocabulary:
    """What the file's `fase` and `målgruppe` cells may say."""
    return vocabulary(inputs.phases, inputs.target_groups)


def _text(node: models.Text) -> Text:
    """A bilingual text as the result holds it: {da, en} (a dated text names its year in both already)."""
    return {"da": node["da"], "en": node["en"]}


def _maybe(node: models.Text | None) -> Text | None:
    return _text(node) if node else None


# --- matching an offer to an intervention --------------------------------------------------------------


def _words(text: str) -> tuple[str, ...]:
    from vold_cli.text import fold

    return tuple("".join(c if c.isalnum() else " " for c in fold(text)).split())


def _covers(words: tuple[str, ...], wanted: tuple[str, ...]) -> bool:
    """Every word of a provider's name is among `words`, or one holds the other (five letters at least):
    'Odense Krisecenter' and 'Krisecenter Odense' both name 'Odense Kvindekrisecenter'."""
    return all(any(w == have or (min(len(w), len(have)) >= 5 and (w in have or have in w)) for have in words)
               for w in wanted)


class Index:
    """The match keys of the knowledge, made once per run: every intervention's names as loose keys, its texts
    folded (for the words of a name that is not found), the providers the note names under it as words, and
    the answers already given (a file often names the same intervention on many rows). A plain class: it is no
    result, and a dataclass costs its import time."""

    __slots__ = ("items", "keys", "_haystacks", "providers", "memo")

    def __init__(self, items: list[models.Intervention], keys: list[tuple[str, ...]],
                 providers: list[tuple[int, str, tuple[str, ...]]]) -> None:
        self.items = items
        self.keys = keys
        self._haystacks: list[str] | None = None
        self.providers = providers  # (index of the intervention, name, significant words)
        self.memo: dict[tuple[str, str], tuple[str, int | None, tuple[Suggestion, ...], str | None]] = {}

    @property
    def haystacks(self) -> list[str]:
        """Each intervention's name, summary and delivery in both languages, folded: made when a name is not found."""
        if self._haystacks is None:
            from vold_cli.text import fold

            self._haystacks = []
            for item in self.items:
                texts = [t for t in (item["name"], item["summary"], item["delivery"]) if t is not None]
                self._haystacks.append(fold(" ".join(t[lang] for t in texts for lang in ("da", "en"))))
        return self._haystacks


def index(interventions: list[models.Intervention]) -> Index:
    from vold_cli.text import loose

    keys = []
    providers = []
    for number, item in enumerate(interventions):
        names = [item["id"], item["name"]["da"], item["name"]["en"]]
        names += [n.split(" (")[0] for n in names if " (" in n]  # 'Ud af voldens skygge (Out of ...)'
        keys.append(tuple(dict.fromkeys(key for key in map(loose, names) if key)))
        for provider in item.get("providers") or []:
            words = tuple(w for w in _words(provider) if len(w) >= 3 and w not in _COMMON_WORDS)
            if words:
                providers.append((number, provider, words))
    return Index(list(interventions), keys, providers)


def _suggestion(item: models.Intervention, by: str) -> Suggestion:
    return {"id": item["id"], "name": _text(item["name"]), "evidence": item["evidence"], "by": by,
            "designs": list(item["designs"])}


def _text_hits(value: str, found: Index) -> list[int]:
    """Interventions whose name, summary or delivery (either language) hold the most of the words of `value`
    that are at least five letters long ('kærestevold' finds the note's dating-violence programmes)."""
    words = [w for w in _words(value) if len(w) >= 5]
    if not words:
        return []
    scored = [(sum(1 for w in words if w in hay), number) for number, hay in enumerate(found.haystacks)]
    best = max((score for score, _ in scored), default=0)
    if not best:
        return []
    hits = [number for score, number in scored if score == best]
    return hits if len(hits) <= 5 else []


def _by_provider(text: str, found: Index) -> tuple[int | None, str | None, list[int]]:
    """The intervention a provider named in `text` is listed under (the provider whose name is matched by the
    most words wins), its name as the note spells it, and the other interventions the note names it under."""
    words = _words(text)
    hits = [(len(wanted), number, provider) for number, provider, wanted in found.providers if _covers(words, wanted)]
    if not hits:
        return None, None, []
    hits.sort(key=lambda hit: (-hit[0], hit[1]))
    best, provider = hits[0][1], hits[0][2]
    others = list(dict.fromkeys(number for _, number, _ in hits if number != best))
    return best, provider, others


def match_intervention(value: str | None, offer_name: str,
                       found: Index) -> tuple[str, models.Intervention | None, list[Suggestion], str | None]:
    """(how it matched, the intervention or None, suggestions, the provider it matched through). Tolerant:
    letter case and Danish letters do not matter; a unique prefix, a provider the note names or a very close
    spelling matches; otherwise the closest names and the interventions whose texts hold the words are
    suggested. With no `indsats` given, an intervention whose full name, or a provider the note names, occurs in
    the offer's own name is taken."""
    from vold_cli.text import loose

    memo_key = (value or "", offer_name if not value or not loose(value) else "")
    known = found.memo.get(memo_key)
    if known is None:
        known = _match(value, offer_name, found)
        found.memo[memo_key] = known
    kind, number, suggestions, provider = known
    return kind, found.items[number] if number is not None else None, list(suggestions), provider


def _match(value: str | None, offer_name: str,
           found: Index) -> tuple[str, int | None, tuple[Suggestion, ...], str | None]:
    import difflib

    from vold_cli.text import loose

    items = found.items

    def also(numbers: list[int]) -> tuple[Suggestion, ...]:
        return tuple(_suggestion(items[n], "provider") for n in numbers)

    if not value or not loose(value):
        wanted = loose(offer_name)
        hits = [n for n, keys in enumerate(found.keys) if any(len(k) >= 6 and k in wanted for k in keys)]
        if len(hits) == 1:
            return "offer-name", hits[0], (), None
        best, provider, others = _by_provider(offer_name, found)
        if best is not None:
            return "offer-provider", best, also(others), provider
        return "not-given", None, (), None
    key = loose(value)
    by_id = [n for n, item in enumerate(items) if loose(item["id"]) == key]
    if len(by_id) == 1:
        return "id", by_id[0], (), None
    by_name = [n for n, keys in enumerate(found.keys) if key in keys]
    if len(by_name) == 1:
        return "name", by_name[0], (), None
    best, provider, others = _by_provider(value, found)
    if best is not None:
        return "provider", best, also(others), provider
    if len(key) >= 4:
        starts = [n for n, keys in enumerate(found.keys) if any(k.startswith(key) for k in keys)]
        if len(starts) == 1:
            return "prefix", starts[0], (), None
    ratios = []
    matcher = difflib.SequenceMatcher(None, "", key)  # the typed key is the side difflib indexes once
    for n, keys in enumerate(found.keys):
        best_ratio = 0.0
        for k in keys:
            matcher.set_seq1(k)
            if matcher.real_quick_ratio() > best_ratio and matcher.quick_ratio() > best_ratio:
                best_ratio = max(best_ratio, matcher.ratio())
        ratios.append((best_ratio, n))
    ratios.sort(key=lambda t: (-t[0], t[1]))
    if ratios and ratios[0][0] >= 0.85 and (len(ratios) == 1 or ratios[1][0] < ratios[0][0]):
        return "fuzzy", ratios[0][1], (), None
    suggestions = [_suggestion(items[n], "name") for ratio, n in ratios[:3] if ratio >= 0.6]
    named = {s["id"] for s in suggestions}
    suggestions += [_suggestion(items[n], "text") for n in _text_hits(value, found) if items[n]["id"] not in named]
    return "none", None, tuple(suggestions), None


# --- the check ------------------------------------------------------------------------------------------


def _level(node: models.EvidenceLevel) -> CheckLevel:
    return {"id": node["id"], "name": _text(node["name"]), "rank": node["rank"], "action": _text(node["action"])}


def _named(ident: str, name: models.Text) -> CheckNamed:
    return {"id": ident, "name": _text(name)}


def _municipality(inputs: CheckInputs, portfolio: Portfolio, offer: Offer,
                  members: dict[str, models.Municipality] | None, region: str | None) -> models.Municipality | None:
    """The municipality the `kommune` cell names (an error naming the line for one that is unknown, or not in
    the region given)."""
    from vold_cli.errors import UsageError
    from vold_cli.sanitize import quote

    if offer.municipality is None or inputs.find_municipality is None:
        return None
    if portfolio.where == "row":
        sheet = quote(portfolio.sheet)
        place = Bilingual(f"ark {sheet}, række {offer.line}, kolonne 'kommune'",
                          f"sheet {sheet}, row {offer.line}, column 'kommune'")
    else:
        place = Bilingual(f"linje {offer.line}, kolonne 'kommune'", f"line {offer.line}, column 'kommune'")
    try:
        muni = inputs.find_municipality(offer.municipality)
    except UsageError as exc:
        raise PortfolioError(Bilingual("{name}: {place}: ukendt kommune {value}.",
                                       "{name}: {place}: unknown municipality {value}.").format(
                                           name=portfolio.file, place=place, value=quote(offer.municipality)),
                             hint=exc.hint) from None
    if members is not None and muni["code"] not in members:
        raise PortfolioError(Bilingual("{name}: {place}: {municipality} ligger ikke i {region}.",
                                       "{name}: {place}: {municipality} is not in {region}.").format(
                                           name=portfolio.file, place=place, municipality=muni["name"],
                                           region=region or ""),
                             hint=Bilingual("Angiv kommuner i den region, der er givet med --region, eller en anden "
                                            "region.",
                                            "Give the municipalities of the region given with --region, or another "
                                            "region."))
    return muni


def _check_offer(inputs: CheckInputs, found: Index, offer: Offer, levels: dict[str, CheckLevel],
                 muni: models.Municipality | None) -> OfferCheck:
    from vold_cli.errors import NotFound

    kind, item, suggestions, provider = match_intervention(offer.intervention, offer.name, found)
    law_ids: list[str] = []
    unknown: list[list[str | Text | None]] = []
    for reference in offer.law:
        try:
            entry = inputs.find_law(reference)
        except NotFound as exc:  # the hint as a {da, en} text, so JSON and the view take the chosen language
            hint = exc.hint
            unknown.append([reference, {"da": hint.da, "en": hint.en} if isinstance(hint, Bilingual) else None])
            continue
        if entry["id"] not in law_ids:
            law_ids.append(entry["id"])
    level = levels.get(item["evidence"]) if item else None
    source: CheckSource | None = None
    if item:
        section = item["source"].get("section")
        source = {"section": {"id": section, "name": inputs.sections[section]}
                  if section is not None and section in inputs.sections else None,
                  "refs": list(item["source"].get("refs") or [])}
    phases: list[str] = list(offer.phases) if offer.phases else list(item["phases"]) if item else []
    phases_from = "file" if offer.phases else "note" if item else ""
    targets, targets_from = (list(offer.targets), "file") if offer.targets else (
        (list(item["target_groups"]), "note") if item else ([], ""))
    crisis = CRISIS_CENTRE_LAW in law_ids or bool(item and CRISIS_CENTRE_LAW in item["law"])
    return {
        "line": offer.line, "offer": offer.name, "given": offer.intervention, "match": kind,
        "intervention": _named(item["id"], item["name"]) if item else None,
        "evidence": level, "reason": _maybe(item["evidence_reason"]) if item else None,
        "design": _maybe(item["study_design"]) if item else None, "source": source,
        "suggestions": suggestions, "phases": phases, "phases_from": phases_from, "targets": targets,
        "targets_from": targets_from, "places": offer.places, "law": law_ids, "law_unknown": unknown,
        "not_recommended": bool(level and level["id"] == NOT_RECOMMENDED), "crisis_centre": crisis,
        "designs": list(item["designs"]) if item else [], "provider": provider,
        "municipality": muni["name"] if muni else None, "own": list(offer.own), "amount": offer.amount,
    }


def _rank(levels: dict[str, CheckLevel], ident: str) -> int:
    return levels[ident]["rank"] if ident in levels else 0


def _coverage(inputs: CheckInputs, checks: list[OfferCheck], levels: dict[str, CheckLevel]) -> Coverage:
    floor = _rank(levels, EVIDENCED_FROM)
    evidenced_levels = [lv["id"] for lv in sorted(levels.values(), key=lambda lv: -lv["rank"]) if lv["rank"] >= floor]
    order = {"primary": 0, "secondary": 1, "tertiary": 2}
    phases = sorted(inputs.phases, key=lambda p: (p.get("number", order.get(p["id"], 9)), p["id"]))
    matched = {c["intervention"]["id"] for c in checks if c["intervention"]}
    cells: list[CoverageCell] = []
    for group in inputs.target_groups:
        for phase in phases:
            inside = [c for c in checks if phase["id"] in c["phases"] and group["id"] in c["targets"]]
            here = sorted((i for i in inputs.interventions
                           if phase["id"] in i["phases"] and group["id"] in i["target_groups"]
                           and levels[i["evidence"]]["rank"] >= floor),
                          key=lambda i: (-levels[i["evidence"]]["rank"], i["id"]))
            evidenced = [_suggestion(i, "name") for i in here]
            # an offer the note does not recommend does not close a gap
            cells.append({"phase": phase["id"], "target": group["id"], "offers": [c["line"] for c in inside],
                          "evidenced": evidenced, "missing": [s for s in evidenced if s["id"] not in matched],
                          "gap": bool(evidenced) and not any(not c["not_recommended"] for c in inside)})
    return {
        "phases": [_named(p["id"], p["name"]) for p in phases],
        "targets": [_named(t["id"], t["name"]) for t in inputs.target_groups],
        "cells": cells,
        "unplaced": [c["line"] for c in checks if not c["phases"] or not c["targets"]],
        "evidenced_levels": evidenced_levels,
    }


def _changes(node: models.LawEntry | models.Act) -> list[LawChange]:
    """Only the real changes since the note (kind `changed`), in date order: an item that confirms a provision is
    still in force, or dates from before the note, is no change."""
    from vold_cli.core.newer import real_changes, sorted_changes

    return [{"date": ch["date"], "text": _text(ch["text"]), "authority": ch["authority"],
             "reported_by": list(ch["reported_by"])} for ch in sorted_changes(real_changes(list(node["changes_since"])))]


def _law(inputs: CheckInputs, checks: list[OfferCheck]) -> list[LawItem]:
    acts = {a["id"]: a for a in inputs.law_acts}
    by_intervention = {i["id"]: set(i.get("law") or []) for i in inputs.interventions}
    act_changes = {ident: _changes(act) for ident, act in acts.items()}
    items: list[LawItem] = []
    for entry in inputs.law_entries:
        act = acts[entry["act"]]
        linked: list[LinkedOffer] = []
        for c in checks:
            if entry["id"] in c["law"]:
                linked.append({"line": c["line"], "offer": c["offer"], "via": "lov"})
            elif c["intervention"] and entry["id"] in by_intervention.get(c["intervention"]["id"], ()):
                linked.append({"line": c["line"], "offer": c["offer"], "via": "intervention"})
        label = f"{act['name']} § {entry['section']}" if entry["section"] else act["name"]
        items.append({"id": entry["id"], "ref": inputs.short_ref(entry), "label": label,
                      "title": _text(entry["title"]), "act": act["name"], "changes": _changes(entry),
                      "act_changes": act_changes[act["id"]], "offers": linked, "duty": act["duty"],
                      "checked": bool(entry["changes_since"] or act["changes_since"])})
    return items


def _apart_reason(c: OfferCheck, concerned: set[str]) -> str | None:
    """Why the benchmark does not count this offer's places (None: it counts them)."""
    if c["intervention"] is not None and c["intervention"]["id"] not in concerned:
        return "other-intervention"
    if c["intervention"] is None and CRISIS_CENTRE_LAW not in c["law"]:
        return "not-recognised"
    if MEN in c["targets"] and WOMEN not in c["targets"]:
        return "men"
    return None


def _against(inputs: CheckInputs, count: int) -> tuple[list[CheckBenchmark], list[Stays]]:
    from vold_cli.core.estimate import round_like_note, scale

    benchmarks: list[CheckBenchmark] = [
        {"id": b["id"], "name": _text(b["name"]), "unit": _text(b["unit"]), "status": _text(b["status"]),
         "per_inhabitants": b["per_inhabitants"], "places": b["places"],
         "local": round(count / b["per_inhabitants"] * b["places"], 1)} for b in inputs.benchmarks]
    stays: list[Stays] = []
    for f in inputs.stay_figures:
        value = f["value"]
        if value is None:  # inputs_from keeps only figures with a single value
            continue
        local = scale(value, count, inputs.reference_population)
        stays.append({"id": f["id"], "label": _text(f["label"]), "unit": _text(f["unit"]), "national": value,
                      "local": round(local, 1), "rounded": round_like_note(local), "approx": f["approx"]})
    return benchmarks, stays


def _capacity(inputs: CheckInputs, checks: list[OfferCheck],
              population: tuple[int, models.Municipality | None, int | None] | None,
              region: str | None, scope: str, members: dict[str, models.Municipality] | None) -> Capacity:
    concerned = {ident for b in inputs.benchmarks for ident in b.get("concerns") or []}
    count, muni, year = population if population else (None, None, None)
    counted: list[OfferCheck] = []
    apart: list[Apart] = []
    for c in checks:
        if c["places"] is None and not c["crisis_centre"]:
            continue
        reason = _apart_reason(c, concerned)
        if reason is None and scope == "municipality" and muni is not None and c["municipality"] not in (
                None, muni["name"]):
            reason = "other-municipality"
        if reason is None and scope == "by-municipality" and c["municipality"] is None:
            reason = "no-municipality"
        if reason is None:
            counted.append(c)
        else:
            apart.append({"line": c["line"], "offer": c["offer"], "places": c["places"], "reason": reason,
                          "intervention": c["intervention"], "municipality": c["municipality"]})
    areas: list[Area] = []
    if members is not None and year is not None and scope in ("region", "by-municipality"):
        by_name = {m["name"]: m for m in members.values()}
        for name in dict.fromkeys(c["municipality"] for c in counted if c["municipality"] is not None):
            member = by_name[name]
            people = member["population"][str(year)]
            mine = [c for c in counted if c["municipality"] == name]
            area_benchmarks, area_stays = _against(inputs, people)
            areas.append({"code": member["code"], "name": name, "population": people,
                          "offers": [c["line"] for c in mine], "places": sum(c["places"] or 0 for c in mine),
                          "without_places": [c["line"] for c in mine if c["places"] is None],
                          "benchmarks": area_benchmarks, "stays": area_stays})
    whole = count is not None and scope != "by-municipality"
    benchmarks, stays = _against(inputs, count) if whole and count is not None else ([], [])
    return {
        "population": count if whole else None, "municipality": muni["name"] if muni else None, "year": year,
        "offers": [c["line"] for c in counted], "places": sum(c["places"] or 0 for c in counted),
        "without_places": [c["line"] for c in counted if c["places"] is None],
        "benchmarks": benchmarks, "stays": stays, "reference_date": inputs.reference_date, "region": region,
        "scope": scope if (count is not None or scope == "by-municipality") else "none", "areas": areas,
        "apart": apart,
    }


def _amounts(portfolio: Portfolio, checks: list[OfferCheck], phases: list[CheckNamed]) -> Amounts | None:
    if portfolio.amount is None:
        return None
    groups: dict[str, list[OfferCheck]] = {p["id"]: [] for p in phases}
    groups.update({"several": [], "none": []})
    for c in checks:
        if c["amount"] is None:
            continue
        phases_of = c["phases"]
        key = phases_of[0] if len(phases_of) == 1 and phases_of[0] in groups else "several" if phases_of else "none"
        groups[key].append(c)
    return {
        "column": portfolio.amount,
        "groups": [{"phase": key, "total": sum(c["amount"] or 0.0 for c in members),
                    "offers": [c["line"] for c in members]} for key, members in groups.items() if members],
        "total": sum(c["amount"] or 0.0 for c in checks if c["amount"] is not None),
        "without": [c["line"] for c in checks if c["amount"] is None],
    }


def _step(kind: str, *, offers: list[int] | None = None, interventions: list[Suggestion] | None = None,
          phase: str = "", targets: list[str] | None = None, laws: list[str] | None = None, level: str = "",
          area: str = "") -> CheckStep:
    return {"kind": kind, "offers": offers or [], "interventions": interventions or [], "phase": phase,
            "targets": targets or [], "laws": laws or [], "level": level, "area": area}


def _steps(checks: list[OfferCheck], coverage: Coverage, law: list[LawItem], capacity: Capacity,
           levels: dict[str, CheckLevel]) -> list[CheckStep]:
    steps = [_step("not-recommended", offers=[c["line"]], level=c["evidence"]["id"])
             for c in checks if c["not_recommended"] and c["evidence"]]
    grouped: dict[tuple[str, tuple[str, ...]], list[CoverageCell]] = {}
    for cell in coverage["cells"]:  # one step per phase and set of interventions, naming every target group
        if cell["gap"]:
            grouped.setdefault((cell["phase"], tuple(s["id"] for s in cell["evidenced"])), []).append(cell)
    gaps = sorted(grouped.values(),
                  key=lambda cells: -max(levels[s["evidence"]]["rank"] for s in cells[0]["evidenced"]))
    steps += [_step("gap", interventions=cells[0]["evidenced"], phase=cells[0]["phase"],
                    targets=[c["target"] for c in cells]) for cells in gaps]
    steps += [_step("not-in-note", offers=[c["line"]], interventions=c["suggestions"])
              for c in checks if c["intervention"] is None]
    floor = _rank(levels, EVIDENCED_FROM)
    for c in checks:
        evidence = c["evidence"]
        if evidence and not c["not_recommended"] and evidence["rank"] < floor:
            steps.append(_step("weak-evidence", offers=[c["line"]], level=evidence["id"]))
    if capacity["offers"] and capacity["scope"] == "none":
        steps.append(_step("no-population", offers=capacity["offers"]))
    for bench in capacity["benchmarks"]:
        if capacity["places"] < bench["local"]:
            steps.append(_step("capacity", offers=capacity["offers"], laws=[bench["id"]]))
    for area in capacity["areas"]:
        for bench in area["benchmarks"]:
            if area["places"] < bench["local"]:
                steps.append(_step("capacity", offers=area["offers"], laws=[bench["id"]], area=area["name"]))
    unlinked = [item["id"] for item in law if not item["offers"] and item["duty"] == MUNICIPALITY_DUTY]
    if unlinked:
        steps.append(_step("law", laws=unlinked))
    steps += [_step("unplaced", offers=[line]) for line in coverage["unplaced"]]
    return steps


def check(inputs: CheckInputs, portfolio: Portfolio,
          population: tuple[int, models.Municipality | None, int | None] | None = None, *,
          region: str | None = None, scope: str | None = None,
          members: list[models.Municipality] | None = None) -> CheckResult:
    """Each offer against the note (offers the note does not recommend first), the coverage of prevention
    phase × target group, the legal checklist, places against the benchmark, the municipality's own amounts
    summed, and what to look at next.

    `population` is what `estimate.resolve_population` returns (or a region's summed population, with the
    region's name in `region` and its municipalities in `members`), or None. `scope` says whose offers the file
    holds (Capacity's scope; by default "population" or "municipality" from `population`, and with a region "region"
    when the file has no kommune column, else "by-municipality")."""
    levels: dict[str, CheckLevel] = {lv["id"]: _level(lv) for lv in inputs.levels}
    found = index(inputs.interventions)
    by_code = {m["code"]: m for m in members} if members is not None else None
    checks = [_check_offer(inputs, found, offer, levels, _municipality(inputs, portfolio, offer, by_code, region))
              for offer in portfolio.offers]
    if scope is None:
        if region is not None:
            scope = "region" if "municipality" not in portfolio.columns else "by-municipality"
        elif population is not None:
            scope = "municipality" if population[1] is not None else "population"
        else:
            scope = "none"
    coverage = _coverage(inputs, checks, levels)
    law = _law(inputs, checks)
    capacity = _capacity(inputs, checks, population, region, scope, by_code)
    ordered = [c for c in checks if c["not_recommended"]] + [c for c in checks if not c["not_recommended"]]
    return {
        "file": portfolio.file, "offers": ordered,
        "levels": sorted(levels.values(), key=lambda lv: -lv["rank"]),
        "coverage": coverage, "law": law, "capacity": capacity,
        "steps": _steps(checks, coverage, law, capacity, levels),
        "own": list(portfolio.own), "amounts": _amounts(portfolio, checks, coverage["phases"]),
        "unit": "row" if portfolio.where == "row" else "line", "sheet": portfolio.sheet,
    }
