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

from vold_cli.errors import KnowledgeError
from vold_cli.kb import schema as models
from vold_cli.kb.schema import Evidence, Phase
from vold_cli.kb.sections import REGISTRY, SECTIONS, TARGETS
from vold_cli.kb.yamlsafe import parse
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
        for marker in ("NONE", "EMPTY", "FALSE"):
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


def _entry_label(raw: Any, loc: tuple[Any, ...]) -> str:
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
    return ".".join(parts) or "top level"


def _schema_error(name: str, raw: Any, exc: ValidationError) -> KnowledgeError:
    errors = exc.errors(include_url=False)
    first = errors[0]
    loc = tuple(step for step in first["loc"] if not (isinstance(step, str) and step.startswith("function-")))
    message = first["msg"]
    if first["type"] == "extra_forbidden":
        message = "unknown field (not in the schema)"
    elif first["type"] == "missing":
        message = "required field is missing" + (" (every text needs both da and en)" if loc[-1:] in (("da",), ("en",)) else "")
    given = first.get("input")
    import datetime

    if isinstance(given, datetime.date) and first["type"] not in ("missing", "extra_forbidden"):
        message += f" (got the date {given.isoformat()}; quote it in YAML: '{given.isoformat()}')"
    elif first["type"] not in ("missing", "extra_forbidden") and isinstance(given, (str, int, float, bool)) \
            and len(repr(given)) <= 60:
        message += f" (got {quote(given)}{'; quote yes/no/on/off in YAML' if isinstance(given, bool) else ''})"
    more = f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})" if len(errors) > 1 else ""
    return KnowledgeError(f"{name}: {_entry_label(raw, loc)}: {message}{more}.")


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
                raise KnowledgeError(f"{stem}.yaml: {where}: {value!r} is not a number vold can compute with "
                                     f"(it must be finite and at most {MAX_NUMBER:,}).")
    if data["prevalence"]["reference_population"]["population"] <= 0:
        raise KnowledgeError("prevalence.yaml: reference_population.population: must be positive.")
    for index, bench in enumerate(data["benchmarks"]["benchmarks"]):
        if bench["per_inhabitants"] <= 0:
            raise KnowledgeError(
                f"benchmarks.yaml: benchmarks[{index}] (id {bench['id']!r}).per_inhabitants: must be positive."
            )


class _Refs:
    """Collects the first broken cross-reference as a KnowledgeError."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def check(self, file: str, where: str, field: str, values: list[str], known: set[str], what: str) -> None:
        for value in values:
            if value not in known:
                from vold_cli.text import did_you_mean

                hint = did_you_mean(value, sorted(known)) or f"Known: {', '.join(sorted(known)) or 'none'}."
                self.problems.append(f"{file}.yaml: {where}: {field}: unknown {what} {value!r}. {hint}")


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
                refs.check(stem, where, "section", [source["section"]], sections, "note section")
            if source.get("data"):
                refs.check(stem, where, "data", [source["data"]], data_sources, "data source")

    known: dict[str, set[str]] = {}
    for section in REGISTRY:  # the cross-references each section declares in the registry, entry by entry
        for ref in section.refs:
            if ref.what not in known:
                stem, key, *name = TARGETS[ref.what].split(":")
                known[ref.what] = {entry[name[0] if name else "id"] for entry in data[stem][key]}
        for path in dict.fromkeys(ref.entries for ref in section.refs):
            for where, entry in _entries_at(data[section.stem], path):
                for ref in section.refs:
                    if ref.entries == path:
                        values = [v for field in ref.fields for v in _values(entry, field)]
                        refs.check(section.stem, where, ref.field, values, known[ref.what], ref.what)
    if refs.problems:
        more = len(refs.problems) - 1
        raise KnowledgeError(refs.problems[0] + (f" (and {more} more broken references)" if more else ""))

    _check_unique_ids(data)
    _check_municipalities(data["municipalities"])
    _check_regions(data["regions"], data["municipalities"])
    _check_changes(data)
    _check_initiative_periods(data["initiatives"])


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
    for file, where, changes in lists:
        keys = [(_change_year(c.get("date")) is None, c.get("date") or "") for c in changes]
        if keys != sorted(keys):
            raise KnowledgeError(f"{file}.yaml: {where}: items must be sorted by date, undated ones last.")
        for index, change in enumerate(changes):
            year = _change_year(change.get("date"))
            if change["kind"] == "background" and (year is None or year >= note_year):
                raise KnowledgeError(f"{file}.yaml: {where}[{index}]: kind background needs a date before the "
                                     f"note ({note_year}); got {change['date']!r}.")
            if change["kind"] == "changed" and year is not None and year < note_year:
                raise KnowledgeError(f"{file}.yaml: {where}[{index}]: dated {change['date']!r}, before the note "
                                     f"({note_year}): use kind background.")


def _check_initiative_periods(section: dict[str, Any]) -> None:
    """period_end is the last year of the period ("2012-2015" -> 2015), and null exactly when there is no period."""
    for item in section["initiatives"]:
        where = f"initiatives.yaml: initiatives (id {item['id']!r})"
        period, end = item["period"], item["period_end"]
        if period is None:
            if end is not None:
                raise KnowledgeError(f"{where}: period_end: must be null when there is no period.")
            continue
        last = period.replace("–", "-").split("-")[-1].strip()
        if not last.isdigit() or end != int(last):
            raise KnowledgeError(f"{where}: period_end: must be the last year of the period {period!r}.")


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
        raise KnowledgeError(f"evidence.yaml: levels: missing level(s) {', '.join(sorted(missing))}.")
    ranks = [lv["rank"] for lv in levels]
    if len(set(ranks)) != len(ranks):
        raise KnowledgeError("evidence.yaml: levels: two levels share a rank; ranks order the scale.")
    phases = [p["id"] for p in data["phases"]["phases"]]
    if sorted(phases) != sorted(get_args(Phase)):
        raise KnowledgeError("phases.yaml: phases: must hold primary, secondary and tertiary exactly once.")
    aliases: dict[str, str] = {}
    for act in data["law"]["acts"]:
        for alias in act["aliases"]:
            if alias in aliases:
                raise KnowledgeError(
                    f"law.yaml: acts (id {act['id']!r}): alias {alias!r} is also an alias of {aliases[alias]!r}."
                )
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
                raise KnowledgeError(f"{place}: id {ident!r} is already used at {seen[ident]}; ids must be unique.")
            seen[ident] = place


def _check_municipalities(section: dict[str, Any]) -> None:
    years = [str(y["year"]) for y in section["years"]]
    codes: set[str] = set()
    names: set[str] = set()
    for index, muni in enumerate(section["municipalities"]):
        where = f"municipalities.yaml: municipalities[{index}] (code {muni['code']!r})"
        if muni["code"] in codes or muni["name"] in names:
            raise KnowledgeError(f"{where}: code or name {muni['name']!r} appears twice.")
        codes.add(muni["code"])
        names.add(muni["name"])
        if sorted(muni["population"]) != sorted(years):
            raise KnowledgeError(f"{where}: population: needs exactly the years {', '.join(years)}.")
        if any(v <= 0 for v in muni["population"].values()):
            raise KnowledgeError(f"{where}: population: must be positive.")
    for year in section["years"]:
        total = sum(m["population"][str(year["year"])] for m in section["municipalities"])
        if total != year["municipal_sum"]:
            raise KnowledgeError(
                f"municipalities.yaml: years (year {year['year']}): municipal_sum {year['municipal_sum']:,} "
                f"differs from the sum of the municipalities, {total:,}."
            )
        if year["national_total"] < total:
            raise KnowledgeError(
                f"municipalities.yaml: years (year {year['year']}): national_total is below the municipal sum."
            )


def _check_regions(section: dict[str, Any], municipalities: dict[str, Any]) -> None:
    """Region codes unique; every municipality of municipalities.yaml in exactly one region, under its name there.
    (That each member's codes exist is a cross-reference of the registry.)"""
    codes: set[str] = set()
    for index, region in enumerate(section["regions"]):
        if region["code"] in codes:
            raise KnowledgeError(f"regions.yaml: regions[{index}] (code {region['code']!r}): code appears twice.")
        codes.add(region["code"])
    names = {m["code"]: m["name"] for m in municipalities["municipalities"]}
    seen: dict[str, str] = {}
    for index, member in enumerate(section["members"]):
        where = f"regions.yaml: members[{index}] (municipality {member['municipality']!r})"
        if member["name"] != names[member["municipality"]]:
            raise KnowledgeError(f"{where}: name {member['name']!r} differs from municipalities.yaml "
                                 f"({names[member['municipality']]!r}).")
        if member["municipality"] in seen:
            raise KnowledgeError(f"{where}: already in region {seen[member['municipality']]}; "
                                 "a municipality belongs to exactly one region.")
        seen[member["municipality"]] = member["region"]
    missing = [f"{code} {name}" for code, name in names.items() if code not in seen]
    if missing:
        raise KnowledgeError(f"regions.yaml: members: municipality {missing[0]} is in no region"
                             + (f" (and {len(missing) - 1} more)" if len(missing) > 1 else "") + ".")


# --- rules that look at several fields of one entry (the schema checks each field alone) ---------------


def _rule_problems(stem: str, data: Any) -> Iterator[tuple[tuple[Any, ...], str]]:
    """(place, problem) for every entry of a validated file that breaks a rule over several fields."""
    for place, source in _walk_sources(data, ()):
        if source["section"] is None and source["data"] is None:
            yield place, "a source names a note section, a data source, or both"
    if stem == "prevalence":
        for index, figure in enumerate(data["figures"]):
            has_value = figure["value"] is not None
            has_range = figure["low"] is not None or figure["high"] is not None
            if has_value == has_range:
                yield ("figures", index), "give either value, or low and high"
            elif has_range and (figure["low"] is None or figure["high"] is None or figure["low"] > figure["high"]):
                yield ("figures", index), "a range needs low <= high"
    if stem == "documentation":
        for index, goal in enumerate(data["goals"]):
            if not goal["indicators"] and goal["no_indicator"] is None:
                yield ("goals", index), "a goal lists indicators or says why there are none (no_indicator)"
    if stem == "interventions":
        for index, item in enumerate(data["interventions"]):
            designs = item["designs"]
            if len(set(designs)) != len(designs):
                yield ("interventions", index, "designs"), "designs lists a design twice"
            elif "not-stated" in designs and len(designs) > 1:
                yield ("interventions", index, "designs"), \
                    "designs: not-stated stands alone (the note states no design, or it states some)"
    for place, text in _walk_texts(data, ()):
        year = text.get("as_of")
        if year is not None:
            pattern = re.compile(rf"(?<![0-9]){year}(?![0-9])")
            missing = [lang for lang in ("da", "en") if not pattern.search(text[lang])]
            if missing:
                yield place, (f"a text with as_of {year} must mention {year} in both languages "
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
    more = len(problems) - 1
    more_text = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    raise KnowledgeError(f"{name}: {_entry_label(parsed, place)}: Value error, {message}{more_text}.")


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
                    raise _control_error(name, here, key, "key")
                stack.append((value, here))
        elif isinstance(current, list):
            for index, item in enumerate(current):
                ident = item.get("id") if isinstance(item, dict) else None
                label = f" (id {quote(ident)})" if isinstance(ident, str) and not has_control(ident) else ""
                stack.append((item, f"{where}[{index}]{label}"))
        elif isinstance(current, str) and has_control(current):
            raise _control_error(name, where or "top level", current, "text")


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


def _control_error(name: str, where: str, value: str, what: str) -> KnowledgeError:
    found = has_control(value)
    code = ord(found.group()) if found else 0
    return KnowledgeError(
        f"{name}: {where}: the {what} holds the control character U+{code:04X} ({quote(value, 40)}).",
        hint="Remove it: knowledge texts may hold newlines and tabs but no other control characters, escape "
             "sequences or bidirectional marks.",
    )




def validate_files(raw: dict[str, bytes]) -> KnowledgeData:
    """Parse and validate every file; return the data in the schema's shape, or raise KnowledgeError."""
    data: dict[str, Any] = {}
    for stem in SECTIONS:
        name = f"{stem}.yaml"
        parsed = parse(name, raw[stem])
        if not isinstance(parsed, dict):
            raise KnowledgeError(f"{name}: top level must be a mapping of fields, not {type(parsed).__name__}.")
        _check_controls(name, parsed)
        try:
            data[stem] = _adapter(stem).validate_python(parsed)
        except ValidationError as exc:
            raise _schema_error(name, parsed, exc) from None
        except RecursionError:
            raise KnowledgeError(f"{name}: nested too deeply.") from None
        _check_rules(name, stem, parsed, data[stem])
    _cross_check(data)
    return cast("KnowledgeData", data)
