"""Validate a knowledge folder's files: YAML -> pydantic models -> cross-references.

Imported only on a cache miss and by `vold kb validate`, because pydantic is the most expensive import of
the project. Returns the validated data as JSON-shaped dicts (what the commands work on)."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from pydantic import ValidationError

from .errors import KnowledgeError
from .models import FILES, Evidence, Phase
from .yamlsafe import parse


def _entry_label(raw: Any, loc: tuple[Any, ...]) -> str:
    """Readable path to the failing field, naming the entry by its id where there is one."""
    parts: list[str] = []
    node = raw
    for step in loc:
        if isinstance(step, int) and isinstance(node, list) and 0 <= step < len(node):
            node = node[step]
            ident = node.get("id") or node.get("code") if isinstance(node, dict) else None
            parts[-1:] = [f"{parts[-1] if parts else ''}[{step}]" + (f" (id {ident!r})" if ident else "")]
        elif isinstance(node, dict) and step in node:
            node = node[step]
            parts.append(str(step))
        else:
            parts.append(str(step))
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
    if first["type"] not in ("missing", "extra_forbidden") and isinstance(given, (str, int, float, bool)) \
            and len(repr(given)) <= 60:
        message += f" (got {given!r}{'; quote yes/no/on/off in YAML' if isinstance(given, bool) else ''})"
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
    for stem in FILES:
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
                from .text import did_you_mean

                hint = did_you_mean(value, sorted(known)) or f"Known: {', '.join(sorted(known)) or 'none'}."
                self.problems.append(f"{file}.yaml: {where}: {field}: unknown {what} {value!r}. {hint}")


def _cross_check(data: dict[str, Any]) -> None:
    _check_numbers(data)
    _check_vocabularies(data)  # first: a level missing from evidence.yaml is evidence.yaml's fault
    refs = _Refs()
    meta = data["meta"]
    sections = {s["id"] for s in meta["sections"]}
    data_sources = {d["id"] for d in meta["data_sources"]}
    for stem in FILES:
        cited = [d["source"] for d in _mappings(data[stem]) if isinstance(d.get("source"), dict)]
        if all((c.get("section") is None or c["section"] in sections) and (c.get("data") is None or c["data"] in
               data_sources) for c in cited):
            continue  # all known: no need for the walk that names places
        for where, source in _sources(data[stem]):
            if source.get("section"):
                refs.check(stem, where, "section", [source["section"]], sections, "note section")
            if source.get("data"):
                refs.check(stem, where, "data", [source["data"]], data_sources, "data source")

    targets = {t["id"] for t in data["target_groups"]["target_groups"]}
    levels = {lv["id"] for lv in data["evidence"]["levels"]}
    law_entries = {e["id"] for e in data["law"]["entries"]}
    acts = {a["id"] for a in data["law"]["acts"]}
    interventions = {i["id"] for i in data["interventions"]["interventions"]}
    initiatives = {i["id"] for i in data["initiatives"]["initiatives"]}
    figures = {f["id"] for f in data["prevalence"]["figures"]}

    for item in data["interventions"]["interventions"]:
        where = f"interventions (id {item['id']!r})"
        refs.check("interventions", where, "target_groups", item["target_groups"], targets, "target group")
        refs.check("interventions", where, "law", item["law"], law_entries, "law entry")
        refs.check("interventions", where, "initiatives", item["initiatives"], initiatives, "initiative")
        used = [item["evidence"]] + [o["evidence"] for o in item["outcomes"]]
        refs.check("interventions", where, "evidence", used, levels, "evidence level")
    for item in data["initiatives"]["initiatives"]:
        where = f"initiatives (id {item['id']!r})"
        refs.check("initiatives", where, "target_groups", item["target_groups"], targets, "target group")
        refs.check("initiatives", where, "law", item["law"], law_entries, "law entry")
        refs.check("initiatives", where, "interventions", item["interventions"], interventions, "intervention")
    for entry in data["law"]["entries"]:
        refs.check("law", f"entries (id {entry['id']!r})", "act", [entry["act"]], acts, "act")
    doc_sources = {s["id"] for s in data["documentation"]["data_sources"]}
    for goal in data["documentation"]["goals"]:
        for ind in goal["indicators"]:
            where = f"goals (id {goal['id']!r}).indicators (id {ind['id']!r})"
            refs.check("documentation", where, "data_sources", ind["data_sources"], doc_sources, "data source")
    for example in data["prevalence"]["worked_examples"]:
        refs.check("prevalence", "worked_examples", "figure", [example["figure"]], figures, "figure")
    profile = data["profile"]
    for item in profile["crisis_centre_key_figures"] + profile["partner_reports"]:
        if item["basis"]:
            refs.check("profile", f"(id {item['id']!r})", "basis", [item["basis"]], figures, "figure")
    if refs.problems:
        more = len(refs.problems) - 1
        raise KnowledgeError(refs.problems[0] + (f" (and {more} more broken references)" if more else ""))

    _check_unique_ids(data)
    _check_municipalities(data["municipalities"])
    _check_regions(data["regions"], data["municipalities"])


def _check_vocabularies(data: dict[str, Any]) -> None:
    levels = data["evidence"]["levels"]
    missing = {e.value for e in Evidence} - {lv["id"] for lv in levels}
    if missing:
        raise KnowledgeError(f"evidence.yaml: levels: missing level(s) {', '.join(sorted(missing))}.")
    ranks = [lv["rank"] for lv in levels]
    if len(set(ranks)) != len(ranks):
        raise KnowledgeError("evidence.yaml: levels: two levels share a rank; ranks order the scale.")
    phases = [p["id"] for p in data["phases"]["phases"]]
    if sorted(phases) != sorted(p.value for p in Phase):
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
    stems = [stem for stem in FILES if stem != "meta"]  # section and data-source ids are a namespace of their own
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
    """Region codes unique; every municipality of municipalities.yaml in exactly one region that exists."""
    codes: set[str] = set()
    for index, region in enumerate(section["regions"]):
        if region["code"] in codes:
            raise KnowledgeError(f"regions.yaml: regions[{index}] (code {region['code']!r}): code appears twice.")
        codes.add(region["code"])
    names = {m["code"]: m["name"] for m in municipalities["municipalities"]}
    seen: dict[str, str] = {}
    for index, member in enumerate(section["members"]):
        where = f"regions.yaml: members[{index}] (municipality {member['municipality']!r})"
        if member["region"] not in codes:
            raise KnowledgeError(f"{where}: region: unknown region code {member['region']!r}. "
                                 f"Known: {', '.join(sorted(codes)) or 'none'}.")
        if member["municipality"] not in names:
            raise KnowledgeError(f"{where}: not a municipality code of municipalities.yaml.")
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


def validate_files(raw: dict[str, bytes]) -> dict[str, Any]:
    """Parse and validate every file; return the data as JSON-shaped dicts, or raise KnowledgeError."""
    data: dict[str, Any] = {}
    for stem, model in FILES.items():
        name = f"{stem}.yaml"
        parsed = parse(name, raw[stem])
        if not isinstance(parsed, dict):
            raise KnowledgeError(f"{name}: top level must be a mapping of fields, not {type(parsed).__name__}.")
        try:
            data[stem] = model.model_validate(parsed).model_dump(mode="json")
        except ValidationError as exc:
            raise _schema_error(name, parsed, exc) from None
        except RecursionError:
            raise KnowledgeError(f"{name}: nested too deeply.") from None
    _cross_check(data)
    return data
