"""One schema end to end: the section registry, the TypedDicts of models.py and the bundled folder agree; the
rules over several fields still hold; the commands' warm path never imports pydantic."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import get_type_hints

import pytest

from vold_cli import models
from vold_cli.sections import BY_STEM, REGISTRY, SECTIONS

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
        assert section.label("da") and section.label("en"), section
    assert BY_STEM["interventions"].label("da") == "Indsatser"


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
            "import vold_cli.models, vold_cli.kb, vold_cli.sections\nprint('ok')\n")
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
