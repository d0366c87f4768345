"""Golden tests: the human output of each command at a fixed width with no colour, compared line by line with
tests/golden/. After a deliberate change, regenerate with VOLD_UPDATE_GOLDEN=1 and review the diff."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent / "golden"
TODAY = "2026-01-15"

CASES = {
    "help": ["--help"],
    "estimate-43000": ["estimate", "--population", "43000"],
    "estimate-viborg-da": ["estimate", "--municipality", "Viborg", "--lang", "da"],
    "interventions": ["interventions"],
    "interventions-secondary": ["interventions", "--phase", "secondary"],
    "interventions-safe-dates": ["interventions", "safe-dates"],
    "law": ["law"],
    "law-109": ["law", "109"],
    "law-tilhold-3-da": ["law", "tilhold", "3", "--lang", "da"],
    "initiatives": ["initiatives"],
    "initiatives-one": ["initiatives", "crisis-centre-evaluation"],
    "phases": ["phases"],
    "map": ["map"],
    "evidence": ["evidence"],
    "profile": ["profile"],
    "definition": ["definition"],
    "implementation": ["implementation"],
    "documentation": ["documentation"],
    "economy": ["economy"],
    "search-kaerestevold": ["search", "kaerestevold", "--lang", "da"],
    "report-markdown": ["report", "--population", "43000"],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(run, name):
    # A fixed "today" (VOLD_TODAY): initiatives' status and the report's date are computed against it.
    result = run(*CASES[name], env={"COLUMNS": "100", "VOLD_TODAY": TODAY})
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    if name.startswith("report"):  # the report carries the date it was made
        text = text.replace(TODAY, "YYYY-MM-DD")
    path = GOLDEN / f"{name}.txt"
    if os.environ.get("VOLD_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    assert text.splitlines() == expected.splitlines()
