"""Validate a knowledge folder's files: YAML -> the schema (models.py, checked by pydantic) -> rules that look
at several fields -> cross-references.

Imported only on a cache miss and by `vold kb validate`, because pydantic is the most expensive import of
the project. Returns the validated data as plain dicts and lists, in the shape `models.KnowledgeData` describes
(what the commands work on)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, cast, get_args

from pydantic import Field, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from vold_cli.errors import KnowledgeError
from vold_cli.i18n.bilingual import Bilingual
from vold_cli.i18n.localize import join
from vold_cli.i18n.localize import number as fmt_int
from vold_cli.kb import schema as models
from vold_cli.kb.schema import Evidence, Phase
from vold_cli.kb.sections import REGISTRY, SECTIONS, TARGETS
from vold_cli.kb.yamlsafe import nested_too_deeply, parse
from vold_cli.sanitize import has_control, quote

if TYPE_CHECKING:
    from vold_cli.kb.schema import KnowledgeData

#: Every TypedDict of the schema is strict (values are never coerced) and forbids unknown fields.
_CONFIG = {"extra": "forbid", "strict": True}
_ADAPTERS: dict[str, TypeAdapter[Any]] = {}


def _adapter(stem: str) -> TypeAdapter[Any]:
    """The validator of one file, built from its TypedDict on first use."""
    if not _ADAPTERS:
        # The schema's defaults become pydantic defaults here (annotations are read when the adapters are built),
        # so that a key the YAML leaves out is filled in and models.py needs no pydantic.
        for marker in ("NONE", "EMPTY", "FALSE", "TRUE"):
            value = getattr(models, marker)
            if isinstance(value, models.Default):
                setattr(models, marker, Field(default_factory=value.fresh))
        for value in vars(models).values():
            if isinstance(value, type) and issubclass(value, dict) and value.__module__ == models.__name__:
                setattr(value, "__pydantic_config__", _CONFIG)  # noqa: B010 - a TypedDict has no such field
        for section in REGISTRY:
            _ADAPTERS[section.stem] = TypeAdapter(getattr(models, section.schema))
    return _ADAPTERS[stem]


def _key(step: Any) -> str:
    """A key in a place label: as it is when it is a plain name, else quoted (a key may hold anything)."""
    text = str(step)
    return text if text.replace("_", "").replace("-", "").isalnum() and text.isascii() else quote(step)


def _entry_label(raw: Any, loc: tuple[Any, ...]) -> Bilingual:
    """Readable path to the failing field, naming the entry by its id where there is one."""
    parts: list[str] = []
    node = raw
    for step in loc:
        if isinstance(step, int) and isinstance(node, list) and 0 <= step < len(node):
            node = node[step]
            ident = node.get("id") or node.get("code") if isinstance(node, dict) else None
            parts[-1:] = [f"{parts[-1] if parts else ''}[{step}]" + (f" (id {quote(ident)})" if ident else "")]
        elif isinstance(node, dict) and step in node:
            node = node[step]
            parts.append(_key(step))
        else:
            parts.append(_key(step))
    return Bilingual.same(".".join(parts)) if parts else Bilingual("øverste niveau", "top level")


#: pydantic's messages in Danish, by pydantic's error type (its `ctx` fills the placeholders); pydantic's own English
#: message is the English. A type not listed here keeps pydantic's English words in both languages.
_PYDANTIC_DA = {
    "int_type": "værdien skal være et heltal",
    "float_type": "værdien skal være et tal",
    "string_type": "værdien skal være en tekst",
    "bool_type": "værdien skal være en sandhedsværdi",
    "list_type": "værdien skal være en liste",
    "dict_type": "værdien skal være en afbildning af felter",
    "literal_error": "værdien skal være {expected}",
    "string_too_long": "teksten må højst have {max_length} tegn",
    "string_too_short": "teksten skal have mindst {min_length} tegn",
    "string_pattern_mismatch": "teksten skal passe til mønstret {pattern}",
    "too_short": "listen skal have mindst {min_length} elementer",
    "greater_than_equal": "værdien skal være mindst {ge}",
    "less_than_equal": "værdien skal være højst {le}",
}


def _pydantic_message(error: ErrorDetails) -> Bilingual:
    """pydantic's message for one error, in both languages."""
    danish = _PYDANTIC_DA.get(error["type"])
    if danish is None:
        return Bilingual.same(error["msg"])
    values = dict(error.get("ctx") or {})
    if "expected" in values:  # "'a', 'b' or 'c'": the allowed values, listed again the Danish way
        values["expected"] = join(re.findall(r"'[^']*'", str(values["expected"])), "da", word="eller")
    try:
        return Bilingual(danish.format(**values), error["msg"])
    except (KeyError, IndexError, ValueError):
        return Bilingual.same(error["msg"])


def _schema_error(name: str, raw: Any, exc: ValidationError) -> KnowledgeError:
    errors = exc.errors(include_url=False)
    first = errors[0]
    loc = tuple(step for step in first["loc"] if not (isinstance(step, str) and step.startswith("function-")))
    if first["type"] == "extra_forbidden":
        message = Bilingual("ukendt felt (ikke i skemaet)", "unknown field (not in the schema)")
    elif first["type"] == "missing":
        message = Bilingual("påkrævet felt mangler", "required field is missing")
        if loc[-1:] in (("da",), ("en",)):
            message += Bilingual(" (hver tekst skal have både da og en)", " (every text needs both da and en)")
    else:
        message = _pydantic_message(first)
    given = first.get("input")
    import datetime

    if isinstance(given, datetime.date) and first["type"] not in ("missing", "extra_forbidden"):
        day = given.isoformat()
        message += Bilingual(f" (fik datoen {day}; sæt anførselstegn om den i YAML: '{day}')",
                             f" (got the date {day}; quote it in YAML: '{day}')")
    elif first["type"] not in ("missing", "extra_forbidden") and isinstance(given, (str, int, float, bool)) \
            and len(repr(given)) <= 60:
        flag = isinstance(given, bool)
        message += Bilingual(f" (fik {quote(given)}{'; sæt anførselstegn om yes/no/on/off i YAML' if flag else ''})",
                             f" (got {quote(given)}{'; quote yes/no/on/off in YAML' if flag else ''})")
    return KnowledgeError(Bilingual.same("{name}: {place}: {message}{more}.").format(
        name=name, place=_entry_label(raw, loc), message=message, more=_more_problems(len(errors) - 1)))


def _more_problems(more: int) -> Bilingual:
    """' (and 2 more problems)', or nothing."""
    if not more:
        return Bilingual.same("")
    return Bilingual(f" (og {more} problem{'er' if more > 1 else ''} mere)",
                     f" (and {more} more problem{'s' if more > 1 else ''})")


def _ids(node: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every `id` in a file's data, with where it is."""
    if isinstance(node, dict):
        if isinstance(node.get("id"), str):
            yield node["id"], path
        for key, value in node.items():
            yield from _ids(value, f"{path}.{key}" if path else key)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _ids(item, f"{path}[{index}]")


def _sources(node: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        for key, value in node.items():
            here = f"{path}.{key}" if path else key
            if key == "source" and isinstance(value, dict):
                yield here, value
            else:
                yield from _sources(value, here)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            ident = item.get("id") if isinstance(item, dict) else None
            yield from _sources(item, f"{path}[{index}]" + (f" (id {ident!r})" if ident else ""))


MAX_NUMBER = 10**12  # far above any count or amount in the note; keeps the arithmetic finite


def _numbers(node: Any, path: str = "") -> Iterator[tuple[float, str]]:
    """Every number in a file's data, with where it is (entries named by their id)."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _numbers(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            ident = item.get("id") or item.get("code") if isinstance(item, dict) else None
            yield from _numbers(item, f"{path}[{index}]" + (f" (id {ident!r})" if ident else ""))
    elif isinstance(node, int | float) and not isinstance(node, bool):
        yield node, path


def _leaves(node: Any) -> Iterator[Any]:
    """Every scalar in `node`, without building paths (the paths are only worked out to report a problem)."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)
        else:
            yield current


def _mappings(node: Any) -> Iterator[dict[str, Any]]:
    """Every mapping in `node`, without building paths."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            yield current
            stack.extend(v for v in current.values() if isinstance(v, dict | list))
        elif isinstance(current, list):
            stack.extend(v for v in current if isinstance(v, dict | list))


def _number_ok(value: Any) -> bool:
    if not isinstance(value, int | float) or isinstance(value, bool):
        return True
    return math.isfinite(value) and abs(value) <= MAX_NUMBER


def _check_numbers(data: dict[str, Any]) -> None:
    """Numbers the commands compute with must be finite and of a sane size, and divisors positive: otherwise a
    file that validates would crash `vold estimate` (division by zero, overflow) or print NaN as JSON."""
    for stem in SECTIONS:
        if all(_number_ok(value) for value in _leaves(data[stem])):
            continue
        for value, where in _numbers(data[stem]):
            if not math.isfinite(value) or abs(value) > MAX_NUMBER:
                raise KnowledgeError(Bilingual(
                    f"{stem}.yaml: {where}: {value!r} er ikke et tal, vold kan regne med (det skal være endeligt og "
                    f"højst {fmt_int(MAX_NUMBER, 'da')}).",
                    f"{stem}.yaml: {where}: {value!r} is not a number vold can compute with "
                    f"(it must be finite and at most {MAX_NUMBER:,})."))
    if data["prevalence"]["reference_population"]["population"] <= 0:
        raise _positive("prevalence.yaml: reference_population.population")
    for index, bench in enumerate(data["benchmarks"]["benchmarks"]):
        if bench["per_inhabitants"] <= 0:
            raise _positive(f"benchmarks.yaml: benchmarks[{index}] (id {bench['id']!r}).per_inhabitants")


def _positive(where: str) -> KnowledgeError:
    return KnowledgeError(Bilingual(f"{where}: skal være positiv.", f"{where}: must be positive."))


class _Refs:
    """Collects the first broken cross-reference as a KnowledgeError."""

    def __init__(self) -> None:
        self.problems: list[Bilingual] = []

    def check(self, file: str, where: str, field: str, values: list[str], known: set[str], what: Bilingual) -> None:
        for value in values:
            if value not in known:
                from vold_cli.text import did_you_mean

                listed = ", ".join(sorted(known))
                hint = did_you_mean(value, sorted(known)) or Bilingual(f"Kendte: {listed or 'ingen'}.",
                                                                       f"Known: {listed or 'none'}.")
                self.problems.append(Bilingual("{file}.yaml: {where}: {field}: ukendt {what} {value}. {hint}",
                                               "{file}.yaml: {where}: {field}: unknown {what} {value}. {hint}").format(
                    file=file, where=where, field=field, what=what, value=repr(value), hint=hint))


def _cross_check(data: dict[str, Any]) -> None:
    _check_numbers(data)
    _check_vocabularies(data)  # first: a level missing from evidence.yaml is evidence.yaml's fault
    refs = _Refs()
    meta = data["meta"]
    sections = {s["id"] for s in meta["sections"]}
    data_sources = {d["id"] for d in meta["data_sources"]}
    for stem in SECTIONS:
        cited = [d["source"] for d in _mappings(data[stem]) if isinstance(d.get("source"), dict)]
        if all((c.get("section") is None or c["section"] in sections) and (c.get("data") is None or c["data"] in
               data_sources) for c in cited):
            continue  # all known: no need for the walk that names places
        for where, source in _sources(data[stem]):
            if source.get("section"):
                refs.check(stem, where, "section", [source["section"]], sections,
                           Bilingual("afsnit i notatet", "note section"))
            if source.get("data"):
                refs.check(stem, where, "data", [source["data"]], data_sources, Bilingual("datakilde", "data source"))

    known: dict[str, set[str]] = {}
    for section in REGISTRY:  # the cross-references each section declares in the registry, entry by entry
        for ref in section.refs:
            if ref.what not in known:
                stem, key, *name = TARGETS[ref.what][1].split(":")
                known[ref.what] = {entry[name[0] if name else "id"] for entry in data[stem][key]}
        for path in dict.fromkeys(ref.entries for ref in section.refs):
            for where, entry in _entries_at(data[section.stem], path):
                for ref in section.refs:
                    if ref.entries == path:
                        values = [v for field in ref.fields for v in _values(entry, field)]
                        refs.check(section.stem, where, ref.field, values, known[ref.what],
                                   Bilingual(TARGETS[ref.what][0], ref.what))
    if refs.problems:
        more = len(refs.problems) - 1
        raise KnowledgeError(refs.problems[0] + (Bilingual(f" (og {more} flere brudte henvisninger)",
                                                           f" (and {more} more broken references)") if more else ""))

    _check_unique_ids(data)
    _check_municipalities(data["municipalities"])
    _check_regions(data["regions"], data["municipalities"])
    _check_changes(data)
    _check_initiative_periods(data["initiatives"])
    # the crisis-centre statistics stand beside one of the note's figures, and list each year once, in order
    stats = data["prevalence"].get("crisis_centre_statistics")
    if stats is None:
        return
    figures = {f["id"] for f in data["prevalence"]["figures"]}
    if stats["compares_with"] not in figures:
        from vold_cli.text import did_you_mean

        listed = ", ".join(sorted(figures))
        wrong = stats["compares_with"]
        raise KnowledgeError(Bilingual(
            f"prevalence.yaml: crisis_centre_statistics: compares_with: ukendt landstal {wrong!r}.",
            f"prevalence.yaml: crisis_centre_statistics: compares_with: unknown figure {wrong!r}."),
            hint=did_you_mean(wrong, sorted(figures)) or Bilingual(f"Kendte: {listed}.", f"Known: {listed}."))
    years = [c["year"] for c in stats["counts"]]
    if years != sorted(set(years)):
        raise KnowledgeError(Bilingual("prevalence.yaml: crisis_centre_statistics.counts: hvert år én gang, i orden.",
                                       "prevalence.yaml: crisis_centre_statistics.counts: each year once, in order."))


def _change_year(date: str | None) -> int | None:
    """The year a change's date starts with ("2024-07-01", "2019-20"), or None (no date, or none stated)."""
    if date is None:
        return None
    head = date[:4]
    return int(head) if head.isdigit() and len(date) >= 4 else None


def _check_changes(data: dict[str, Any]) -> None:
    """Each list of changes is sorted by date (undated items last); `background` items are dated before the note,
    `changed` items are not."""
    note_year = data["meta"]["year"]
    lists: list[tuple[str, str, list[dict[str, Any]]]] = []
    for act in data["law"]["acts"]:
        lists.append(("law", f"acts (id {act['id']!r}).changes_since", act["changes_since"]))
    for entry in data["law"]["entries"]:
        lists.append(("law", f"entries (id {entry['id']!r}).changes_since", entry["changes_since"]))
    for item in data["interventions"]["interventions"]:
        lists.append(("interventions", f"interventions (id {item['id']!r}).after_note", item.get("after_note", [])))
    for duty in data["law"].get("duties", []):
        lists.append(("law", f"duties (id {duty['id']!r}).steps", duty["steps"]))
    for file, where, changes in lists:
        keys = [(_change_year(c.get("date")) is None, c.get("date") or "") for c in changes]
        if keys != sorted(keys):
            raise KnowledgeError(Bilingual(
                f"{file}.yaml: {where}: punkterne skal stå i datoorden, de udaterede sidst.",
                f"{file}.yaml: {where}: items must be sorted by date, undated ones last."))
        for index, change in enumerate(changes):
            year = _change_year(change.get("date"))
            dated = change["date"]
            if change["kind"] == "background" and (year is None or year >= note_year):
                raise KnowledgeError(Bilingual(
                    f"{file}.yaml: {where}[{index}]: kind background kræver en dato før notatet ({note_year}); "
                    f"fik {dated!r}.",
                    f"{file}.yaml: {where}[{index}]: kind background needs a date before the "
                    f"note ({note_year}); got {dated!r}."))
            if change["kind"] == "changed" and year is not None and year < note_year:
                raise KnowledgeError(Bilingual(
                    f"{file}.yaml: {where}[{index}]: dateret {dated!r}, før notatet ({note_year}): brug kind "
                    "background.",
                    f"{file}.yaml: {where}[{index}]: dated {dated!r}, before the note "
                    f"({note_year}): use kind background."))


def _check_initiative_periods(section: dict[str, Any]) -> None:
    """period_end is the last year of the period ("2012-2015" -> 2015), and null exactly when there is no period."""
    for item in section["initiatives"]:
        where = f"initiatives.yaml: initiatives (id {item['id']!r})"
        period, end = item["period"], item["period_end"]
        if period is None:
            if end is not None:
                raise KnowledgeError(Bilingual(f"{where}: period_end: skal være null, når der ikke er nogen periode.",
                                               f"{where}: period_end: must be null when there is no period."))
            continue
        last = period.replace("–", "-").split("-")[-1].strip()
        if not last.isdigit() or end != int(last):
            raise KnowledgeError(Bilingual(f"{where}: period_end: skal være det sidste år i perioden {period!r}.",
                                           f"{where}: period_end: must be the last year of the period {period!r}."))


def _entries_at(node: dict[str, Any], path: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """The entries at `path` ("a", "a.b" for the list b in each entry of a, "a+b" for two lists) with where each
    is: 'a (id 'x').b (id 'y')'."""
    for part in path.split("+"):
        key, _, rest = part.partition(".")
        for index, entry in enumerate(node[key]):
            where = key + (f" (id {entry['id']!r})" if "id" in entry else f"[{index}]")
            if rest:
                yield from ((f"{where}.{inner}", e) for inner, e in _entries_at(entry, rest))
            else:
                yield where, entry


def _values(entry: dict[str, Any], field: str) -> list[str]:
    """The ids a field holds: one, a list, none (None), or those of a field in each item of a list."""
    key, _, rest = field.partition(".")
    value = entry.get(key)
    if rest:
        return [v for item in value or [] for v in _values(item, rest)]
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _check_vocabularies(data: dict[str, Any]) -> None:
    levels = data["evidence"]["levels"]
    missing = set(get_args(Evidence)) - {lv["id"] for lv in levels}
    if missing:
        listed = ", ".join(sorted(missing))
        raise KnowledgeError(Bilingual(f"evidence.yaml: levels: mangler niveau(er) {listed}.",
                                       f"evidence.yaml: levels: missing level(s) {listed}."))
    ranks = [lv["rank"] for lv in levels]
    if len(set(ranks)) != len(ranks):
        raise KnowledgeError(Bilingual(
            "evidence.yaml: levels: to niveauer har samme rank; rank ordner skalaen.",
            "evidence.yaml: levels: two levels share a rank; ranks order the scale."))
    phases = [p["id"] for p in data["phases"]["phases"]]
    if sorted(phases) != sorted(get_args(Phase)):
        raise KnowledgeError(Bilingual(
            "phases.yaml: phases: skal rumme primary, secondary og tertiary præcis én gang hver.",
            "phases.yaml: phases: must hold primary, secondary and tertiary exactly once."))
    aliases: dict[str, str] = {}
    for act in data["law"]["acts"]:
        for alias in act["aliases"]:
            if alias in aliases:
                where = f"law.yaml: acts (id {act['id']!r})"
                raise KnowledgeError(Bilingual(
                    f"{where}: aliasset {alias!r} er også et alias for {aliases[alias]!r}.",
                    f"{where}: alias {alias!r} is also an alias of {aliases[alias]!r}."))
            aliases[alias] = act["id"]


def _check_unique_ids(data: dict[str, Any]) -> None:
    """Ids name entries across the whole knowledge base, so two entries may not share one."""
    stems = [stem for stem in SECTIONS if stem != "meta"]  # section and data-source ids are a namespace of their own
    every = [d["id"] for stem in stems for d in _mappings(data[stem]) if isinstance(d.get("id"), str)]
    if len(every) == len(set(every)):
        return
    seen: dict[str, str] = {}
    for stem in stems:  # a collision: walk again, now with paths, to say where
        for ident, where in _ids(data[stem]):
            place = f"{stem}.yaml: {where}"
            if ident in seen:
                raise KnowledgeError(Bilingual(
                    f"{place}: id {ident!r} er allerede brugt i {seen[ident]}; et id må kun bruges én gang.",
                    f"{place}: id {ident!r} is already used at {seen[ident]}; ids must be unique."))
            seen[ident] = place


def _check_municipalities(section: dict[str, Any]) -> None:
    years = [str(y["year"]) for y in section["years"]]
    codes: set[str] = set()
    names: set[str] = set()
    for index, muni in enumerate(section["municipalities"]):
        where = f"municipalities.yaml: municipalities[{index}] (code {muni['code']!r})"
        if muni["code"] in codes or muni["name"] in names:
            raise KnowledgeError(Bilingual(f"{where}: kode eller navn {muni['name']!r} står der to gange.",
                                           f"{where}: code or name {muni['name']!r} appears twice."))
        codes.add(muni["code"])
        names.add(muni["name"])
        if sorted(muni["population"]) != sorted(years):
            listed = ", ".join(years)
            raise KnowledgeError(Bilingual(f"{where}: population: skal have præcis årene {listed}.",
                                           f"{where}: population: needs exactly the years {listed}."))
        if any(v <= 0 for v in muni["population"].values()):
            raise _positive(f"{where}: population")
    for year in section["years"]:
        total = sum(m["population"][str(year["year"])] for m in section["municipalities"])
        where = f"municipalities.yaml: years (year {year['year']})"
        if total != year["municipal_sum"]:
            given = year["municipal_sum"]
            raise KnowledgeError(Bilingual(
                f"{where}: municipal_sum {fmt_int(given, 'da')} er ikke summen af kommunerne, {fmt_int(total, 'da')}.",
                f"{where}: municipal_sum {given:,} differs from the sum of the municipalities, {total:,}."))
        if year["national_total"] < total:
            raise KnowledgeError(Bilingual(f"{where}: national_total er mindre end summen af kommunerne.",
                                           f"{where}: national_total is below the municipal sum."))


def _check_regions(section: dict[str, Any], municipalities: dict[str, Any]) -> None:
    """Region codes unique; every municipality of municipalities.yaml in exactly one region, under its name there.
    (That each member's codes exist is a cross-reference of the registry.)"""
    codes: set[str] = set()
    for index, region in enumerate(section["regions"]):
        if region["code"] in codes:
            where = f"regions.yaml: regions[{index}] (code {region['code']!r})"
            raise KnowledgeError(Bilingual(f"{where}: koden står der to gange.", f"{where}: code appears twice."))
        codes.add(region["code"])
    names = {m["code"]: m["name"] for m in municipalities["municipalities"]}
    seen: dict[str, str] = {}
    for index, member in enumerate(section["members"]):
        where = f"regions.yaml: members[{index}] (municipality {member['municipality']!r})"
        if member["name"] != names[member["municipality"]]:
            official = names[member["municipality"]]
            raise KnowledgeError(Bilingual(
                f"{where}: navnet {member['name']!r} er ikke det samme som i municipalities.yaml ({official!r}).",
                f"{where}: name {member['name']!r} differs from municipalities.yaml ({official!r})."))
        if member["municipality"] in seen:
            other = seen[member["municipality"]]
            raise KnowledgeError(Bilingual(
                f"{where}: er allerede i region {other}; en kommune hører til præcis én region.",
                f"{where}: already in region {other}; a municipality belongs to exactly one region."))
        seen[member["municipality"]] = member["region"]
    missing = [f"{code} {name}" for code, name in names.items() if code not in seen]
    if missing:
        more = len(missing) - 1
        raise KnowledgeError(Bilingual(
            f"regions.yaml: members: kommunen {missing[0]} er ikke i nogen region"
            + (f" (og {more} mere)" if more else "") + ".",
            f"regions.yaml: members: municipality {missing[0]} is in no region"
            + (f" (and {more} more)" if more else "") + "."))


# --- rules that look at several fields of one entry (the schema checks each field alone) ---------------


def _rule_problems(stem: str, data: Any) -> Iterator[tuple[tuple[Any, ...], Bilingual]]:
    """(place, problem) for every entry of a validated file that breaks a rule over several fields."""
    for place, source in _walk_sources(data, ()):
        if source["section"] is None and source["data"] is None:
            yield place, Bilingual("en kilde nævner et afsnit i notatet, en datakilde eller begge",
                                   "a source names a note section, a data source, or both")
        elif source["lines"] and source["data"] is None:
            yield place, Bilingual("linjer er linjer i en datakilde: angiv også data",
                                   "lines are lines of a data source: give data as well")
    if stem == "prevalence":
        for index, figure in enumerate(data["figures"]):
            has_value = figure["value"] is not None
            has_range = figure["low"] is not None or figure["high"] is not None
            if has_value == has_range:
                yield ("figures", index), Bilingual("angiv enten value eller low og high",
                                                    "give either value, or low and high")
            elif has_range and (figure["low"] is None or figure["high"] is None or figure["low"] > figure["high"]):
                yield ("figures", index), Bilingual("et interval kræver low <= high", "a range needs low <= high")
    if stem == "documentation":
        for index, goal in enumerate(data["goals"]):
            if not goal["indicators"] and goal["no_indicator"] is None:
                yield ("goals", index), Bilingual(
                    "et mål nævner indikatorer eller siger, hvorfor der ingen er (no_indicator)",
                    "a goal lists indicators or says why there are none (no_indicator)")
    if stem == "interventions":
        for index, item in enumerate(data["interventions"]):
            designs = item["designs"]
            if len(set(designs)) != len(designs):
                yield ("interventions", index, "designs"), Bilingual("designs nævner et design to gange",
                                                                     "designs lists a design twice")
            elif "not-stated" in designs and len(designs) > 1:
                yield ("interventions", index, "designs"), Bilingual(
                    "designs: not-stated står alene (notatet angiver intet design, eller det angiver nogle)",
                    "designs: not-stated stands alone (the note states no design, or it states some)")
    for place, text in _walk_texts(data, ()):
        year = text.get("as_of")
        if year is not None:
            pattern = re.compile(rf"(?<![0-9]){year}(?![0-9])")
            missing = [lang for lang in ("da", "en") if not pattern.search(text[lang])]
            if missing:
                yield place, Bilingual(
                    f"en tekst med as_of {year} skal nævne {year} på begge sprog "
                    f"(det gør {' og '.join(missing)}-teksten ikke)",
                    f"a text with as_of {year} must mention {year} in both languages "
                    f"(the {' and '.join(missing)} text does not)")


def _walk_texts(node: Any, place: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], dict[str, Any]]]:
    """Every bilingual text ({da, en} and perhaps as_of) with its place."""
    if isinstance(node, dict):
        if "da" in node and "en" in node and isinstance(node["da"], str):
            yield place, node
            return
        for key, value in node.items():
            yield from _walk_texts(value, (*place, key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _walk_texts(item, (*place, index))


def _walk_sources(node: Any, place: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], dict[str, Any]]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "source" and isinstance(value, dict):
                yield (*place, key), value
            else:
                yield from _walk_sources(value, (*place, key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _walk_sources(item, (*place, index))


def _check_rules(name: str, stem: str, parsed: Any, data: Any) -> None:
    problems = sorted(_rule_problems(stem, data), key=lambda problem: [str(step) for step in problem[0]])
    if not problems:
        return
    place, message = problems[0]
    raise KnowledgeError(Bilingual("{name}: {place}: Værdifejl, {message}{more}.",
                                   "{name}: {place}: Value error, {message}{more}.").format(
        name=name, place=_entry_label(parsed, place), message=message, more=_more_problems(len(problems) - 1)))


def _check_controls(name: str, node: Any, path: str = "") -> None:
    """Refuse control characters, bidirectional marks and U+2028/2029 in any key or text of a file (newline and
    tab are allowed), naming the file and the place: they can rewrite a terminal or hide what a text says."""
    if not _any_control(node):
        return  # the common case: no paths built
    stack: list[tuple[Any, str]] = [(node, path)]
    while stack:
        current, where = stack.pop()
        if isinstance(current, dict):
            for key, value in current.items():
                here = f"{where}.{_key(key)}" if where else _key(key)
                if isinstance(key, str) and has_control(key):
                    raise _control_error(name, here, key, Bilingual("nøglen", "key"))
                stack.append((value, here))
        elif isinstance(current, list):
            for index, item in enumerate(current):
                ident = item.get("id") if isinstance(item, dict) else None
                label = f" (id {quote(ident)})" if isinstance(ident, str) and not has_control(ident) else ""
                stack.append((item, f"{where}[{index}]{label}"))
        elif isinstance(current, str) and has_control(current):
            top = Bilingual("øverste niveau", "top level")
            raise _control_error(name, Bilingual.same(where) if where else top, current, Bilingual("teksten", "text"))


def _any_control(node: Any) -> bool:
    """Whether any key or text in `node` holds a refused character (one quick pass, no paths)."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            for key in current:
                if isinstance(key, str) and not key.isprintable() and has_control(key):
                    return True
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)
        elif isinstance(current, str) and not current.isprintable() and has_control(current):
            return True
    return False


def _control_error(name: str, where: str | Bilingual, value: str, what: Bilingual) -> KnowledgeError:
    found = has_control(value)
    code = ord(found.group()) if found else 0
    return KnowledgeError(
        Bilingual("{name}: {where}: {what} rummer kontroltegnet U+{code:04X} ({value}).",
                  "{name}: {where}: the {what} holds the control character U+{code:04X} ({value}).").format(
            name=name, where=where, what=what, code=code, value=quote(value, 40)),
        hint=Bilingual("Fjern det: vidensteksterne må rumme linjeskift og tabulatorer, men ingen andre kontroltegn, "
                       "escape-sekvenser eller retningsmærker.",
                       "Remove it: knowledge texts may hold newlines and tabs but no other control characters, escape "
                       "sequences or bidirectional marks."),
    )




def validate_files(raw: dict[str, bytes]) -> KnowledgeData:
    """Parse and validate every file; return the data in the schema's shape, or raise KnowledgeError."""
    data: dict[str, Any] = {}
    for stem in SECTIONS:
        name = f"{stem}.yaml"
        parsed = parse(name, raw[stem])
        if not isinstance(parsed, dict):
            kind = type(parsed).__name__
            raise KnowledgeError(Bilingual(f"{name}: øverste niveau skal være en afbildning af felter, ikke {kind}.",
                                           f"{name}: top level must be a mapping of fields, not {kind}."))
        _check_controls(name, parsed)
        try:
            data[stem] = _adapter(stem).validate_python(parsed)
        except ValidationError as exc:
            raise _schema_error(name, parsed, exc) from None
        except RecursionError:
            raise nested_too_deeply(name) from None
        _check_rules(name, stem, parsed, data[stem])
    _cross_check(data)
    return cast("KnowledgeData", data)
