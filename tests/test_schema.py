"""One schema end to end: the section registry, the TypedDicts of models.py and the bundled folder agree; the
rules over several fields still hold; the commands' warm path never imports pydantic."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import get_type_hints

import pytest

from vold_cli.kb import schema as models
from vold_cli.kb.sections import BY_STEM, REGISTRY, SECTIONS

KNOWLEDGE = Path(__file__).resolve().parents[1] / "knowledge"


def test_registry_schema_and_bundled_folder_agree() -> None:
    hints = get_type_hints(models.KnowledgeData)
    assert list(hints) == list(SECTIONS)
    for section in REGISTRY:
        assert hints[section.stem] is getattr(models, section.schema), section.stem
    assert sorted(p.stem for p in KNOWLEDGE.glob("*.yaml")) == sorted(SECTIONS)
    assert len(set(SECTIONS)) == len(SECTIONS)


def test_every_section_has_a_command_and_labels_in_both_languages() -> None:
    for section in REGISTRY:
        assert section.command.startswith("vold "), section
        assert section.title.da and section.title.en, section
    assert BY_STEM["interventions"].title.da == "Indsatser"


def test_every_list_of_a_section_has_words_and_each_section_a_command_that_exists(knowledge) -> None:
    """What `vold kb info` says a file holds is words in both languages for every list of entries (never the YAML
    key in Danish output), and the command a section names (search points to it) is in the command registry."""
    from vold_cli.commands.registry import find
    from vold_cli.kb.sections import LIST_LABELS

    for stem, section in knowledge.data.items():
        for key, value in section.items():
            if isinstance(value, list) and value and isinstance(value[0], dict):
                assert key in LIST_LABELS, f"{stem}.yaml: the list {key!r} has no words in sections.LIST_LABELS"
                da, en = LIST_LABELS[key].da, LIST_LABELS[key].en
                assert da and en and da != key, (stem, key)
    for section in REGISTRY:
        assert find(section.command.split()[1]) is not None, section.command


def _list_item(hint: object) -> object:
    """The TypedDict of the entries of a `list[...]` field (through Annotated and Optional)."""
    from typing import get_args, get_origin

    while get_origin(hint) is not list:
        hint = next(a for a in get_args(hint) if a is not type(None))
    return get_args(hint)[0]


def _field_type(schema: object, path: str) -> object:
    for key in path.split("."):
        hints = get_type_hints(schema, include_extras=True)
        assert key in hints, (schema, key)
        schema = _list_item(hints[key]) if "." in path and key != path.split(".")[-1] else hints[key]
    return schema


def test_every_cross_reference_of_the_registry_names_fields_of_the_schema() -> None:
    from vold_cli.kb.sections import TARGETS

    for stem, key, *name in (target.split(":") for _, target in TARGETS.values()):
        item = _list_item(get_type_hints(getattr(models, BY_STEM[stem].schema), include_extras=True)[key])
        assert (name[0] if name else "id") in get_type_hints(item), (stem, key, name)  # what names an entry
    declared = 0
    for section in REGISTRY:
        for ref in section.refs:
            declared += 1
            assert ref.what in TARGETS, ref.what
            for part in ref.entries.split("+"):
                entry = getattr(models, section.schema)
                for key in part.split("."):
                    entry = _list_item(get_type_hints(entry, include_extras=True)[key])
                for field in ref.fields:
                    _field_type(entry, field)
    assert declared >= 10


def test_loaded_data_has_exactly_the_registry_sections(knowledge) -> None:
    assert list(knowledge.data) == list(SECTIONS)


def test_defaults_are_filled_in_so_every_schema_key_is_present(knowledge) -> None:
    keys = set(get_type_hints(models.Intervention))
    for item in knowledge.data["interventions"]["interventions"]:
        assert set(item) == keys
    for entry in knowledge.data["law"]["entries"]:
        assert set(entry["source"]) == set(get_type_hints(models.Source))


def test_models_imports_without_pydantic() -> None:
    code = ("import sys\nclass Block:\n    def find_spec(self, name, *a):\n"
            "        if name.split('.')[0] in ('pydantic', 'pydantic_core'):\n"
            "            raise ImportError('blocked ' + name)\n"
            "sys.meta_path.insert(0, Block())\n"
            "import vold_cli.kb.schema, vold_cli.kb.facade, vold_cli.kb.sections\nprint('ok')\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout == "ok\n", done.stderr


def test_warm_command_does_not_import_pydantic(tmp_path: Path) -> None:
    code = ("import sys\nfrom vold_cli.__main__ import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "sys.stderr.write('PYDANTIC ' + str('pydantic' in sys.modules) + '\\n')\n")
    env = {**os.environ, "VOLD_CACHE_DIR": str(tmp_path / "cache"), "COLUMNS": "100", "NO_COLOR": "1"}
    env.pop("VOLD_NO_CACHE", None)
    runs = [subprocess.run([sys.executable, "-c", code, "law", "109"], capture_output=True, text=True, env=env,
                           timeout=120) for _ in range(2)]
    assert "§ 109" in runs[1].stdout
    assert runs[1].stderr.strip().endswith("PYDANTIC False"), runs[1].stderr


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(("stem", "old", "new", "where", "what"), [
    ("prevalence", "  source: {data: municipalities-2013}", "  source: {refs: [1]}",
     "reference_population.source", "a source names a note section, a data source, or both"),
    ("prevalence", "    value: 29000\n", "    value: 29000\n    low: 1\n    high: 2\n",
     "figures[0] (id 'women-physical-partner-violence')", "give either value, or low and high"),
])
def test_rules_over_several_fields_name_file_entry_and_problem(run, kb_copy: Path, stem: str, old: str, new: str,
                                                               where: str, what: str) -> None:
    _replace(kb_copy / f"{stem}.yaml", old, new)
    result = run("kb", "validate", str(kb_copy))
    assert result.exit_code == 1
    assert result.stdout == ""
    line = result.stderr.strip()
    assert "\n" not in line
    assert line.startswith(f"Error: {stem}.yaml: {where}") and what in line, line


def test_a_range_needs_low_below_high(run, kb_copy: Path) -> None:
    _replace(kb_copy / "prevalence.yaml", "    value: 29000\n", "    low: 5\n    high: 2\n")
    result = run("kb", "validate", str(kb_copy))
    assert result.exit_code == 1
    assert "figures[0] (id 'women-physical-partner-violence'): Value error, a range needs low <= high." \
        in result.stderr


def test_a_goal_without_indicators_must_say_why(run, kb_copy: Path) -> None:
    text = (kb_copy / "documentation.yaml").read_text(encoding="utf-8")
    start = text.index("    no_indicator:")
    end = text.index("    source:", start)
    (kb_copy / "documentation.yaml").write_text(text[:start] + text[end:], encoding="utf-8")
    result = run("kb", "validate", str(kb_copy))
    assert result.exit_code == 1
    assert "documentation.yaml: goals[0]" in result.stderr
    assert "a goal lists indicators or says why there are none (no_indicator)" in result.stderr


def _refs() -> list[tuple[str, object]]:
    return [(section.stem, ref) for section in REGISTRY for ref in section.refs]


@pytest.mark.parametrize(("stem", "ref"), _refs(), ids=[f"{s}:{r.entries}:{r.field}" for s, r in _refs()])
def test_every_declared_cross_reference_is_checked(knowledge, stem: str, ref) -> None:
    """Break the first id each declared reference holds in the bundled data: validation names file, field
    and the unknown id."""
    import copy

    from vold_cli.errors import KnowledgeError
    from vold_cli.kb import validate

    data = copy.deepcopy(knowledge.data)
    for where, entry in validate._entries_at(data[stem], ref.entries):  # noqa: B007 - used after the break
        value = entry.get(ref.field)
        if isinstance(value, list) and value:
            value[0] = "no-such-id"
        elif isinstance(value, str):
            entry[ref.field] = "no-such-id"
        else:
            continue
        break
    else:
        pytest.fail(f"no entry of {stem}.{ref.entries} holds a {ref.field}")
    with pytest.raises(KnowledgeError) as raised:
        validate._cross_check(data)
    message = str(raised.value)
    assert message.startswith(f"{stem}.yaml: {where}: {ref.field}: unknown {ref.what} 'no-such-id'."), message


#: Where `Any` may stay (occurrences of the name `Any`, the import included), and why. Everywhere else the core
#: hands typed values (kb/schema.py's TypedDicts for the knowledge, core/results.py's for what the core computes,
#: views/records.py's for the views' own records) and mypy --strict checks every field access. A count that
#: grows fails; a count that shrinks fails too, so lower it here when you remove one.
ANY_ALLOWED: dict[str, int] = {
    # the loading layer: raw YAML and JSON before and while they are validated into the TypedDicts
    "kb/loader.py": 9,
    "kb/validate.py": 45,
    "kb/cache.py": 6,  # fetch and fetch_unchanged (issue 24) hand back the raw validated data
    "kb/yamlsafe.py": 8,
    # the sanitiser's generic walk over any value that is about to be printed
    "sanitize.py": 8,
    # models.py: the marker classes that pydantic calls (__get_pydantic_core_schema__, options), not knowledge
    "kb/schema.py": 7,
    # JSON/CSV serialisation of records already built, and the block classes' generic constructor and data slot
    "output/machine.py": 12,
    "output/blocks.py": 14,
    # the workbook writer: openpyxl has no type information, so its sheet and cells are Any
    "output/xlsx.py": 4,
    # the Click boundary: overrides of click.Group's methods (the root group, and the registry's lazy group)
    "commands/app.py": 8,
    "commands/registry.py": 3,
}


_TYPE_TEXT = re.compile(r"[\w\[\],.|]*\bAny\b[\w\[\],.|]*")


def _any_in(text: str) -> list[str]:
    """Each `Any` of a module: the name, and type expressions written as strings ("dict[str, Any]", cast("Any",
    ...)); not the word in a docstring or a message."""
    import io
    import tokenize

    found = []
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type == tokenize.NAME and token.string == "Any":
            found.append(token.string)
        elif token.type == tokenize.STRING:
            body = token.string.strip("\"'").replace(", ", ",").replace(" | ", "|")
            if _TYPE_TEXT.fullmatch(body):
                found.append(token.string)
    return found


def _any_counts() -> dict[str, int]:
    """Occurrences of `Any` per module of src/vold_cli."""
    src = Path(__file__).resolve().parents[1] / "src" / "vold_cli"
    counts = {path.relative_to(src).as_posix(): len(_any_in(path.read_text(encoding="utf-8")))
              for path in sorted(src.rglob("*.py"))}
    return {module: n for module, n in counts.items() if n}


def test_no_any_carries_knowledge_outside_the_allowed_modules() -> None:
    counts = _any_counts()
    unexpected = {module: n for module, n in counts.items() if module not in ANY_ALLOWED}
    assert not unexpected, f"`Any` outside the loading layer and the generic machinery: {unexpected}; use the typed " \
                           "results (core/results.py, views/records.py) or add a TypedDict there"
    changed = {module: (counts.get(module, 0), allowed) for module, allowed in ANY_ALLOWED.items()
               if counts.get(module, 0) != allowed}
    assert not changed, f"`Any` count (found, allowed) changed: {changed}; type the new one, or lower the number"


def test_the_any_count_sees_names_and_string_annotations() -> None:
    """The counter itself: a bare `Any`, a quoted annotation and a cast count; the word in prose does not."""
    text = ('from typing import Any\n"""Any failure fails, or not."""\nx: "dict[str, Any] | None" = {}\n'
            'y = cast("Any", x)\nmessage = "Any file will do."\n')
    assert _any_in(text) == ["Any", '"dict[str, Any] | None"', '"Any"']
