"""knowledge/municipalities.yaml holds exactly the populations of the data files beside the note.

The CSV files are copies in tests/data/ (with their attribution in tests/data/README.md); the YAML was generated
from them, and this test keeps the two from drifting apart: every municipality, every year, every number, and
the national totals the data's documentation gives (municipal sum plus Christiansø).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
YEARS = (2013, 2017, 2021, 2024)
# National totals (with Christiansø) as the data's documentation states them.
NATIONAL = {2013: 5_602_628, 2017: 5_748_769, 2021: 5_840_045, 2024: 5_961_249}
CHRISTIANSOE = {2013: 92, 2017: 78, 2021: 90, 2024: 91}


def _csv(year: int) -> dict[str, tuple[str, int]]:
    with (DATA / f"municipalities-{year}-01-01.csv").open(encoding="utf-8", newline="") as handle:
        return {row["code"]: (row["name"], int(row["population"])) for row in csv.DictReader(handle)}


@pytest.fixture(scope="module")
def kb() -> dict:
    return yaml.safe_load((ROOT / "knowledge" / "municipalities.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("year", YEARS)
def test_every_population_equals_the_data_file(kb: dict, year: int) -> None:
    data = _csv(year)
    assert len(data) == 98
    held = {m["code"]: (m["name"], m["population"][str(year)]) for m in kb["municipalities"]}
    assert held == data


@pytest.mark.parametrize("year", YEARS)
def test_the_year_carries_its_totals_and_source(kb: dict, year: int) -> None:
    entry = next(y for y in kb["years"] if y["year"] == year)
    assert entry["date"] == f"{year}-01-01"
    assert entry["municipal_sum"] == sum(pop for _, pop in _csv(year).values())
    assert entry["national_total"] == NATIONAL[year] == entry["municipal_sum"] + CHRISTIANSOE[year]
    assert entry["source"] == {"data": f"municipalities-{year}"}
    meta = yaml.safe_load((ROOT / "knowledge" / "meta.yaml").read_text(encoding="utf-8"))
    source = next(d for d in meta["data_sources"] if d["id"] == f"municipalities-{year}")
    assert source["file"] == f"data/municipalities-{year}-01-01.csv" and source["date"] == f"{year}-01-01"
    assert "Danmarks Statistik" in source["attribution"]["da"]


def test_the_years_are_in_order(kb: dict) -> None:
    assert [y["year"] for y in kb["years"]] == list(YEARS)
    for muni in kb["municipalities"]:
        assert list(muni["population"]) == [str(y) for y in YEARS]
