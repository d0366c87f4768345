"""Pure lookups and filters over the loaded knowledge (plain data); no printing, no typer or rich."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vold_cli.core.results import Filters, MapCell, PhaseSummary, SourceRef
    from vold_cli.kb.facade import KnowledgeBase
    from vold_cli.kb.schema import (
        Act,
        Change,
        Evidence,
        Initiative,
        Intervention,
        LawEntry,
        Municipality,
        Source,
    )

from vold_cli.i18n.bilingual import Bilingual
from vold_cli.sanitize import quote


def section_counts(knowledge: KnowledgeBase) -> dict[str, dict[str, int]]:
    """For each file, how many entries each of its lists holds (e.g. law: entries 9, acts 5)."""
    counts: dict[str, dict[str, int]] = {}
    for stem, section in knowledge.data.items():
        parts: dict[str, int] = {}
        assert isinstance(section, dict)
        for key, value in section.items():
            if isinstance(value, list) and value and isinstance(value[0], dict):
                parts[key] = len(value)
        counts[stem] = parts
    return counts


def population_years(knowledge: KnowledgeBase) -> list[int]:
    return sorted(y["year"] for y in knowledge.municipalities["years"])


def find_municipality(knowledge: KnowledgeBase, query: str) -> Municipality:
    """A municipality by code, exact name, any letter case, or typed without Danish letters
    ('Aeroe', 'Aero' -> Ærø). Raises UsageError for an unknown or ambiguous name, listing the closest."""
    from vold_cli.errors import UsageError
    from vold_cli.text import did_you_mean, loose

    munis = knowledge.municipalities["municipalities"]
    wanted = query.strip()
    if not wanted:
        raise UsageError(Bilingual("Tom kommune.", "Empty municipality."),
                         hint=Bilingual("Giv et navn som Viborg eller en kode som 791.",
                                        "Give a name such as Viborg or a code such as 791."))
    if wanted.isdigit():
        found = knowledge.municipality_by_code(wanted.zfill(3))
        if found is not None:
            return found
        raise UsageError(Bilingual(f"Ingen kommune har koden {quote(wanted)}.",
                                   f"No municipality has the code {quote(wanted)}."),
                         hint=Bilingual("Koder har tre cifre, fx 101 (København) eller 791 (Viborg).",
                                        "Codes are three digits, e.g. 101 (København) or 791 (Viborg)."))
    from vold_cli.core.vocab import municipality_typed

    wanted = municipality_typed(wanted, [m["name"] for m in munis])  # 'Københavns Kommune', 'aarhus kommune'
    for muni in munis:
        if muni["name"].casefold() == wanted.casefold():
            return muni
    key = loose(wanted)
    exact = [m for m in munis if loose(m["name"]) == key]
    if len(exact) == 1:
        return exact[0]
    names = [m["name"] for m in munis]
    starts = [m for m in munis if key and loose(m["name"]).startswith(key)]
    if len(starts) == 1 and len(key) >= 3:
        return starts[0]
    if len(exact) > 1 or len(starts) > 1:
        matches = [m["name"] for m in (exact or starts)]
        listed = ", ".join(matches[:8])
        raise UsageError(Bilingual(f"Kommunen {quote(query)} er tvetydig: {listed}.",
                                   f"Municipality {quote(query)} is ambiguous: {listed}."),
                         hint=Bilingual("Giv mere af navnet, eller koden.", "Give more of the name, or the code."))
    hint = did_you_mean(wanted, names) or Bilingual("Giv navnet eller den trecifrede kode.",
                                                    "Give the name or the three-digit code.")
    raise UsageError(Bilingual(f"Ukendt kommune {quote(query)}.", f"Unknown municipality {quote(query)}."), hint=hint)


def evidence_counts(knowledge: KnowledgeBase) -> dict[str, int]:
    """How many interventions are graded at each evidence level (strongest level first)."""
    counts: dict[str, int] = dict.fromkeys(knowledge.evidence_ids, 0)
    for item in knowledge.interventions["interventions"]:
        counts[item["evidence"]] += 1
    return counts


def evidence_ranks(knowledge: KnowledgeBase) -> dict[str, int]:
    return {level["id"]: level["rank"] for level in knowledge.evidence["levels"]}


def strongest(knowledge: KnowledgeBase, levels: list[Evidence]) -> Evidence | None:
    if not levels:
        return None
    return max(levels, key=knowledge.evidence_rank)


def applied_filters(*, phases: list[str], targets: list[str], evidence: list[str], min_evidence: str | None,
                    tried_in_denmark: bool | None, search: str | None) -> Filters:
    """The filters given (an empty list or None is no filter), for the listing's title and messages."""
    out: Filters = {}
    if phases:
        out["phase"] = phases
    if targets:
        out["target"] = targets
    if evidence:
        out["evidence"] = evidence
    if min_evidence is not None:
        out["min-evidence"] = min_evidence
    if tried_in_denmark is not None:
        out["tested-in-denmark"] = tried_in_denmark
    if search is not None:
        out["search"] = search
    return out


def _english_name(item: Intervention) -> str:
    return item["name"]["en"]


def filter_interventions(
    knowledge: KnowledgeBase,
    *,
    phases: Sequence[str] = (),
    targets: Sequence[str] = (),
    evidence: Sequence[str] = (),
    min_evidence: str | None = None,
    tried_in_denmark: bool | None = None,
    search: str | None = None,
    name: Callable[[Intervention], str] = _english_name,
) -> list[Intervention]:
    """Interventions matching every filter given (values of one filter are alternatives), sorted by phase,
    then evidence (strongest first), then name (`name`: the name as shown, e.g. in the chosen language)."""
    ranks = evidence_ranks(knowledge)
    floor = ranks[min_evidence] if min_evidence else None
    words = _words(search) if search else []
    out = []
    for item in knowledge.interventions["interventions"]:
        if phases and not set(phases) & set(item["phases"]):
            continue
        if targets and not set(targets) & set(item["target_groups"]):
            continue
        if evidence and item["evidence"] not in evidence:
            continue
        if floor is not None and ranks[item["evidence"]] < floor:
            continue
        if tried_in_denmark is not None and (item["tried_in_denmark"] == "yes") != tried_in_denmark:
            continue
        if words and not _matches(item, words):
            continue
        out.append(item)

    order = knowledge.phase_ids

    def key(item: Intervention) -> tuple[int, int, str]:
        first_phase = min(order.index(p) for p in item["phases"])
        return first_phase, -ranks[item["evidence"]], name(item).casefold()

    return sorted(out, key=key)


def related_initiatives(knowledge: KnowledgeBase, intervention: Intervention) -> list[Initiative]:
    """Initiatives linked either way (the intervention names them, or they name the intervention)."""
    ids = set(intervention["initiatives"])
    return [i for i in knowledge.initiatives["initiatives"]
            if i["id"] in ids or intervention["id"] in i["interventions"]]


def related_interventions(knowledge: KnowledgeBase, initiative: Initiative) -> list[Intervention]:
    """Interventions linked either way (the initiative names them, or they name the initiative)."""
    ids = set(initiative["interventions"])
    return [i for i in knowledge.interventions["interventions"]
            if i["id"] in ids or initiative["id"] in i["initiatives"]]


def filter_initiatives(knowledge: KnowledgeBase, *, targets: Sequence[str] = ()) -> list[Initiative]:
    items = knowledge.initiatives["initiatives"]
    return [i for i in items if not targets or set(targets) & set(i["target_groups"])]


def phase_summary(knowledge: KnowledgeBase) -> list[PhaseSummary]:
    """Each prevention phase with its number of interventions and the strongest evidence among them."""
    out: list[PhaseSummary] = []
    for phase in knowledge.phases["phases"]:
        members = [i for i in knowledge.interventions["interventions"] if phase["id"] in i["phases"]]
        out.append({"id": phase["id"], "number": phase["number"], "name": phase["name"], "purpose": phase["purpose"],
                    "source": phase["source"], "interventions": [i["id"] for i in members],
                    "count": len(members), "strongest": strongest(knowledge, [i["evidence"] for i in members])})
    order = {p: n for n, p in enumerate(knowledge.phase_ids)}
    return sorted(out, key=lambda p: order.get(p["id"], 99))


def evidence_map(knowledge: KnowledgeBase, name: Callable[[Intervention], str] = _english_name) -> list[MapCell]:
    """Evidence gap map: one cell per target group × phase. Each cell lists its interventions, each with its OWN
    level and designs, strongest level first (then by `name`, as shown); `strongest` is the best level there and
    `gap` is true where no intervention has documented effect (a summary of the cell, not a level of its members)."""
    cells: list[MapCell] = []
    top = knowledge.evidence_ids[0]  # documented effect: the strongest level of the scale
    for group in knowledge.target_groups["target_groups"]:
        for phase in knowledge.phase_ids:
            members = [i for i in knowledge.interventions["interventions"]
                       if phase in i["phases"] and group["id"] in i["target_groups"]]
            members.sort(key=lambda i: (-knowledge.evidence_rank(i["evidence"]), name(i).casefold()))
            best = strongest(knowledge, [i["evidence"] for i in members])
            cells.append({"target_group": group["id"], "phase": phase,
                          "interventions": [{"id": i["id"], "evidence": i["evidence"], "designs": list(i["designs"])}
                                            for i in members],
                          "strongest": best, "gap": best != top})
    return cells


# --- law references ----------------------------------------------------------------------------

def law_aliases(knowledge: KnowledgeBase) -> dict[str, str]:
    """alias -> act id (every act's aliases, plus its id)."""
    out: dict[str, str] = {}
    for act in knowledge.law["acts"]:
        out[act["id"]] = act["id"]
        for alias in act["aliases"]:
            out[alias] = act["id"]
    return out


def default_act(knowledge: KnowledgeBase) -> str:
    """The act a bare section number refers to: Serviceloven if present, else the first act."""
    acts = [a["id"] for a in knowledge.law["acts"]]
    return "serviceloven" if "serviceloven" in acts else acts[0]


def law_label(knowledge: KnowledgeBase, entry: LawEntry) -> str:
    """'Serviceloven § 109', or the act's name for an entry about a whole act."""
    act = knowledge.act(entry["act"])
    return f"{act['name']} § {entry['section']}" if entry["section"] else act["name"]


def law_changes(knowledge: KnowledgeBase, entry: LawEntry) -> list[Change]:
    """Items recorded after the note for the entry itself and for its act as a whole, in date order (undated
    last). Their `kind` says which are real changes (newer.real_changes)."""
    from vold_cli.core.newer import sorted_changes

    return sorted_changes(list(entry["changes_since"]) + list(knowledge.act(entry["act"])["changes_since"]))


def short_ref(knowledge: KnowledgeBase, entry: LawEntry) -> str:
    """What to type to see an entry: 'sel 109', 'tilhold 3', 'vej'."""
    act = knowledge.act(entry["act"])
    alias = act["aliases"][0] if act["aliases"] else act["id"]
    return f"{alias} {entry['section']}" if entry["section"] else alias


def find_act(knowledge: KnowledgeBase, reference: str) -> Act | None:
    """The act a planner names without a provision ('tilhold', 'sel', 'straffeloven'), when the knowledge base
    holds more than one provision of it (with one, `find_law` shows that provision); else None."""
    text = " ".join(reference.replace("§", " ").split()).casefold()
    act_id = law_aliases(knowledge).get(text)
    if act_id is None or len([e for e in knowledge.law["entries"] if e["act"] == act_id]) < 2:
        return None
    return knowledge.act(act_id)


#: What `vold law` takes, besides references, to show the municipality's duties today.
DUTIES_WORDS = frozenset({"duties", "pligter", "forpligtelser"})


def find_law(knowledge: KnowledgeBase, reference: str) -> LawEntry:
    """A law entry from what a planner types: '109', '§109', '§ 109', 'sel 109', 'serviceloven § 109',
    'tilhold 3', 'cpr 28', 'vej', or an id such as 'sel-109'. NotFound lists the closest references."""
    import re

    from vold_cli.errors import NotFound

    entries = knowledge.law["entries"]
    if len(reference) > 80:  # no reference is that long; also keeps the matching below cheap
        raise NotFound(Bilingual("Ingen lovhenvisning af den længde i vidensbasen.",
                                 "No legal reference of that length in the knowledge base."), hint=_LIST_LAW)
    text = " ".join(reference.replace("§", " ").replace("stk.", " ").split()).casefold()
    for entry in entries:
        if entry["id"] == text:
            return entry
    aliases = law_aliases(knowledge)
    match = re.fullmatch(r"(?P<act>[^\d\s][^\d\s]*)?\s?(?P<section>\d+\s?[a-z]?)?", text)
    act_id: str | None = None
    section: str | None = None
    if match:
        act_word, section = match.group("act"), match.group("section")
        section = section.replace(" ", "") if section else None
        if act_word:
            act_id = aliases.get(act_word)
        elif section:
            act_id = default_act(knowledge)
    if act_id:
        candidates = [e for e in entries if e["act"] == act_id]
        if section is None and len(candidates) == 1:
            return candidates[0]
        for entry in candidates:
            if entry["section"] and entry["section"].casefold() == (section or ""):
                return entry
    if match and section and not match.group("act"):  # a bare number not in the default act: any act's, if one
        found = [e for e in entries if e["section"] and e["section"].casefold() == section]
        if len(found) == 1:
            return found[0]
        if found:
            named = ", ".join(short_ref(knowledge, e) for e in found)
            first = short_ref(knowledge, found[0])
            raise NotFound(Bilingual(f"§ {section} findes i flere love: {named}.",
                                     f"§ {section} is in several acts: {named}."),
                           hint=Bilingual(f"Nævn loven, fx vold law {first}.", f"Name the act, e.g. vold law {first}."))
    refs = [short_ref(knowledge, e) for e in entries]
    from vold_cli.text import did_you_mean

    hint = did_you_mean(reference[:80], refs)
    raise NotFound(Bilingual(f"Ingen lovhenvisning {quote(reference)} i vidensbasen.",
                             f"No legal reference {quote(reference)} in the knowledge base."),
                   hint=hint + " " + _LIST_LAW if hint else _LIST_LAW)


_LIST_LAW = Bilingual("Kør `vold law` for at se dem alle.", "Run `vold law` to list them.")


# --- the --search filter of `vold interventions` ------------------------------------------------------


def _words(text: str) -> list[str]:
    from vold_cli.text import fold

    return [w for w in fold(text).split() if w]


def _texts(node: object) -> list[str]:
    if isinstance(node, dict):
        return [t for value in node.values() for t in _texts(value)]
    if isinstance(node, list):
        return [t for value in node for t in _texts(value)]
    return [node] if isinstance(node, str) else []


def _matches(node: object, words: list[str]) -> bool:
    """Every word somewhere in the entry's texts, either language (the `--search` filter of `vold interventions`)."""
    from vold_cli.text import fold

    haystack = fold(" ".join(_texts(node)))
    return all(word in haystack for word in words)


def data_file(knowledge: KnowledgeBase, source: Source | SourceRef | None) -> str:
    """The file beside the note a fact comes from ('data/after-the-note.md'), or '' for facts from the note."""
    if not source or not source["data"]:
        return ""
    return next((d["file"] for d in knowledge.meta["data_sources"] if d["id"] == source["data"]), source["data"])
