"""Pure lookups and filters over the loaded knowledge (plain data); no printing, no typer or rich."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    import re
    from typing import TypedDict

    from vold_cli.core.estimate import SourceRef
    from vold_cli.kb.facade import KnowledgeBase
    from vold_cli.kb.schema import (
        Change,
        Design,
        Evidence,
        Initiative,
        Intervention,
        LawEntry,
        Municipality,
        Phase,
        Source,
        Text,
    )

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
        raise UsageError("Empty municipality.", hint="Give a name such as Viborg or a code such as 791.")
    if wanted.isdigit():
        found = knowledge.municipality_by_code(wanted.zfill(3))
        if found is not None:
            return found
        raise UsageError(f"No municipality has the code {quote(wanted)}.",
                         hint="Codes are three digits, e.g. 101 (København) or 791 (Viborg).")
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
        raise UsageError(f"Municipality {quote(query)} is ambiguous: {', '.join(matches[:8])}.",
                         hint="Give more of the name, or the code.")
    hint = did_you_mean(wanted, names) or "Give the name or the three-digit code."
    raise UsageError(f"Unknown municipality {quote(query)}.", hint=hint)


def source_text(knowledge: KnowledgeBase, source: Source | SourceRef | None, lang: str) -> str:
    """'Section title, ref. 3, 4' or the data file's title and attribution: where a fact comes from."""
    if not source:
        return ""
    from vold_cli.i18n.lang import pick

    meta = knowledge.meta
    parts: list[str] = []
    if source["section"]:
        title = knowledge.section_title(source["section"])
        if title is not None:
            parts.append(pick(title, lang))
        refs = source["refs"]
        if refs:
            parts.append(("ref. " if lang == "da" else "ref. ") + ", ".join(str(r) for r in refs))
    if source["data"]:
        for data in meta["data_sources"]:
            if data["id"] == source["data"]:
                parts.append(f"{pick(data['attribution'], lang)} ({data['date']})")
    return "; ".join(parts) if not source["section"] else ", ".join(parts)


def localize(node: object, lang: str) -> object:
    """The same data with every bilingual {da, en} text replaced by the text in `lang` (for JSON output).

    A dated text ({da, en, as_of}) names its year in both languages, so its text alone keeps the date."""
    if isinstance(node, dict):
        if set(node) - {"as_of"} == {"da", "en"} and isinstance(node["da"], str) and isinstance(node["en"], str):
            return cast("str", node[lang])
        return {key: localize(value, lang) for key, value in node.items()}
    if isinstance(node, list):
        return [localize(item, lang) for item in node]
    return node


def localize_record(record: Mapping[str, object], lang: str) -> dict[str, object]:
    """`localize` of a record (an entry, a result: not a bare {da, en} text), which stays a record: its fields
    localized one by one, so the caller can add fields beside them."""
    return {key: localize(value, lang) for key, value in record.items()}


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


if TYPE_CHECKING:  # a type only: costs nothing at start-up
    #: The filters a listing of interventions applied, by the option's name (only those given, in the options' order).
    Filters = TypedDict("Filters", {"phase": list[str], "target": list[str], "evidence": list[str], "min-evidence": str,
                                    "tested-in-denmark": bool, "search": str}, total=False)


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


def filter_interventions(
    knowledge: KnowledgeBase,
    *,
    phases: Sequence[str] = (),
    targets: Sequence[str] = (),
    evidence: Sequence[str] = (),
    min_evidence: str | None = None,
    tried_in_denmark: bool | None = None,
    search: str | None = None,
    lang: str = "en",
) -> list[Intervention]:
    """Interventions matching every filter given (values of one filter are alternatives), sorted by phase,
    then evidence (strongest first), then name."""
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
        return first_phase, -ranks[item["evidence"]], (item["name"]["da"] if lang == "da" else item["name"]["en"]).casefold()

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


if TYPE_CHECKING:  # a type only: costs nothing at start-up
    class PhaseSummary(TypedDict):
        """A prevention phase (the fields of models.PhaseEntry) with its interventions and the strongest level."""
        id: Phase
        number: int
        name: Text
        purpose: Text
        source: Source
        interventions: list[str]
        count: int
        strongest: Evidence | None


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


if TYPE_CHECKING:  # a type only: costs nothing at start-up
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


def evidence_map(knowledge: KnowledgeBase, lang: str = "en") -> list[MapCell]:
    """Evidence gap map: one cell per target group × phase. Each cell lists its interventions, each with its OWN
    level and designs, strongest level first (then by name in `lang`); `strongest` is the best level there and
    `gap` is true where no intervention has documented effect (a summary of the cell, not a level of its members)."""
    cells: list[MapCell] = []
    top = knowledge.evidence_ids[0]  # documented effect: the strongest level of the scale
    for group in knowledge.target_groups["target_groups"]:
        for phase in knowledge.phase_ids:
            members = [i for i in knowledge.interventions["interventions"]
                       if phase in i["phases"] and group["id"] in i["target_groups"]]
            members.sort(key=lambda i: (-knowledge.evidence_rank(i["evidence"]),
                                        (i["name"]["da"] if lang == "da" else i["name"]["en"]).casefold()))
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


def find_law(knowledge: KnowledgeBase, reference: str) -> LawEntry:
    """A law entry from what a planner types: '109', '§109', '§ 109', 'sel 109', 'serviceloven § 109',
    'tilhold 3', 'cpr 28', 'vej', or an id such as 'sel-109'. NotFound lists the closest references."""
    import re

    from vold_cli.errors import NotFound

    entries = knowledge.law["entries"]
    if len(reference) > 80:  # no reference is that long; also keeps the matching below cheap
        raise NotFound("No legal reference of that length in the knowledge base.", hint="Run `vold law` to list them.")
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
    refs = [short_ref(knowledge, e) for e in entries]
    from vold_cli.text import did_you_mean

    hint = did_you_mean(reference[:80], refs)
    raise NotFound(f"No legal reference {quote(reference)} in the knowledge base.",
                   hint=(hint + " " if hint else "") + "Run `vold law` to list them.")


# --- search ---------------------------------------------------------------------------------------


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


#: Plain (one-language) strings search reads besides the bilingual texts: names people type, never ids or codes.
_PLAIN_KEYS = frozenset({"name", "providers", "contacts", "treatment_providers", "authority", "publisher"})


#: Where a fact comes from (the section, references, notes on the wording): provenance, not content; no view
#: prints these notes, so search does not offer them as hits.
_PROVENANCE = frozenset({"source", "changes_since"})


#: Texts no view prints yet (section, field): search leaves them out rather than name a command that does not show
#: them. Remove a pair when a view shows the field.
_UNSHOWN = frozenset({("profile", "of"), ("law", "description"), ("initiatives", "period_note"),
                      ("implementation", "description"), ("benchmarks", "unit")})
#: Lists (section, list) whose entries no view prints: the note's section titles and the data files' titles.
_UNSHOWN_LISTS = frozenset({("meta", "sections"), ("meta", "data_sources")})


def _lang_texts(node: object, lang: str, key: str = "", section: str = "") -> list[str]:
    """The texts of an entry people read in `lang`: that side of each bilingual text, and the plain names."""
    if isinstance(node, dict):
        text = node.get(lang)
        if set(node) - {"as_of"} == {"da", "en"} and isinstance(text, str):
            return [text]
        return [t for k, value in node.items() if k not in _PROVENANCE and (section, k) not in _UNSHOWN
                for t in _lang_texts(value, lang, k, section)]
    if isinstance(node, list):
        return [t for value in node for t in _lang_texts(value, lang, key, section)]
    return [node] if isinstance(node, str) and key in _PLAIN_KEYS else []


_WORD: re.Pattern[str] | None = None


def _tokens(text: str) -> list[tuple[str, int, int]]:
    """The words of `text` (letters and digits), each folded, with its place in the original text."""
    import re

    from vold_cli.text import fold

    global _WORD
    if _WORD is None:
        _WORD = re.compile(r"\w+")
    return [(fold(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]


def _find(text: str, words: list[str]) -> tuple[int, int] | None:
    """Where `text` holds every query word as the start of one of its words (Danish letters optional: both sides
    folded): the span from the first word matched to the last, or None. Consecutive words are preferred, so a
    phrase ("entydig evidens") is found as the phrase."""
    tokens = _tokens(text)
    if not tokens:
        return None
    for n in range(len(tokens) - len(words) + 1):  # the words in a row
        if all(tokens[n + k][0].startswith(w) for k, w in enumerate(words)):
            return tokens[n][1], tokens[n + len(words) - 1][2]
    places = []
    for word in words:
        at = next((t for t in tokens if t[0].startswith(word)), None)
        if at is None:
            return None
        places.append(at)
    return places[0][1], places[0][2]


def _snippet(text: str, span: tuple[int, int], width: int = 110) -> str:
    """`text` around the match, cut at word boundaries."""
    if len(text) <= width:
        return text
    start = max(0, span[0] - width // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < span[0] else start
    end = min(len(text), max(start + width, span[1]))
    if end < len(text):
        space = text.rfind(" ", span[1], end)
        end = space if space > span[1] else end
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


#: An entry of the knowledge as search walks it: any section's record, read only through its texts (the generic
#: walk of _lang_texts) and the few keys below that every section names alike (id, code, name, title, label, act).
Entry = Mapping[str, object]


def _entries(section: str, data: Entry) -> list[tuple[Entry, str, str]]:
    """The searchable entries of a section: dicts with an id (or a municipality code), with the name of the list
    they are in; the section's other texts as one entry named after the section."""
    out: list[tuple[Entry, str, str]] = []

    def walk(node: object, depth: int, where: str) -> None:
        if isinstance(node, dict):
            if ("id" in node or "code" in node) and depth > 0:
                out.append((node, str(node.get("id") or node.get("code")), where))
                return
            for key, value in node.items():
                walk(value, depth + 1, where or key)
        elif isinstance(node, list):
            for value in node:
                walk(value, depth + 1, where)

    walk(data, 0, "")
    rest = {k: v for k, v in data.items() if not isinstance(v, list)}
    if rest:
        out.append((rest, section, ""))
    return out


def _command(knowledge: KnowledgeBase, section: str, where: str, node: Entry, ident: str) -> str:
    """The command whose output shows the entry's texts (sections.py gives each section's)."""
    from vold_cli.kb.sections import BY_STEM

    entry = BY_STEM.get(section)
    if entry is None:
        return "vold kb info"
    command = entry.command
    if section == "law":
        return command.format(ref=short_ref(knowledge, cast("LawEntry", node))) if node.get("act") else "vold law"
    if "{id}" in command and where != section:  # an entry of another list than the section's own: the list view
        command = command.split(" {id}")[0]
    return command.format(id=ident, code=node.get("code", ""))


if TYPE_CHECKING:  # a type only: costs nothing at start-up
    class SearchHit(TypedDict):
        """One hit of `vold search`: where (section, entry id), its title, the text matched, a snippet of it, and the
        command whose output shows it."""
        section: str
        id: str
        title: str
        match: str
        snippet: str
        command: str


def search(knowledge: KnowledgeBase, text: str, lang: str) -> list[SearchHit]:
    """Entries in any section whose texts in `lang` hold every word of `text` as the start of a word, ignoring case
    and Danish letters ('kaerestevold' finds 'kærestevold', 'antages' does not find 'advantages'). Each hit gives
    the text matched (`match`), a snippet of it, and the command whose output shows it."""
    from vold_cli.errors import UsageError
    from vold_cli.i18n.lang import pick

    words = [token for token, _, _ in _tokens(text)]
    if not words:
        raise UsageError("Empty search.", hint="Give one or more words, e.g. vold search kaerestevold")
    hits: list[SearchHit] = []
    for section, data in knowledge.data.items():
        assert isinstance(data, dict)
        for node, ident, where in _entries(section, data):
            if (section, where) in _UNSHOWN_LISTS:
                continue
            found = None
            for candidate in _lang_texts(node, lang, section=section):
                span = _find(candidate, words)
                if span is not None:
                    found = (candidate, span)
                    break
            if found is None:
                continue
            title = node.get("name") or node.get("title") or node.get("label") or node.get("text")
            title = pick(cast("Text", title), lang) if isinstance(title, dict) else title
            if not title and ident == section:
                from vold_cli.kb.sections import label

                title = label(section, lang)
            candidate, span = found
            hits.append({"section": section, "id": ident, "title": str(title or ident),
                         "match": candidate[span[0]:span[1]], "snippet": _snippet(candidate, span),
                         "command": _command(knowledge, section, where, node, ident)})
    return hits


def data_title(knowledge: KnowledgeBase, source: Source | SourceRef | None, lang: str) -> str:
    """The title, in `lang`, of the data source beside the note a fact comes from ('Ændringer efter notatet
    (lovgivning og nyere landstal)'), or '' for facts from the note. People read this; JSON keeps the file."""
    if not source or not source["data"]:
        return ""
    found = next((d for d in knowledge.meta["data_sources"] if d["id"] == source["data"]), None)
    from vold_cli.i18n.lang import pick

    return pick(found["title"], lang) if found else source["data"]


def data_file(knowledge: KnowledgeBase, source: Source | SourceRef | None) -> str:
    """The file beside the note a fact comes from ('data/after-the-note.md'), or '' for facts from the note."""
    if not source or not source["data"]:
        return ""
    return next((d["file"] for d in knowledge.meta["data_sources"] if d["id"] == source["data"]), source["data"])
