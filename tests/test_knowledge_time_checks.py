"""Law change kinds, initiative periods, the men's entries and the price level (issue 13): the content, and the
validator's checks that keep it so (each check is shown to fail on a knowledge folder that breaks it)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

KNOWLEDGE = Path(__file__).resolve().parents[1] / "knowledge"


def _load(stem: str) -> Any:
    return yaml.safe_load((KNOWLEDGE / f"{stem}.yaml").read_text(encoding="utf-8"))


def _changes(law: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    out = {f"act:{a['id']}": a.get("changes_since", []) for a in law["acts"]}
    out.update({e["id"]: e.get("changes_since", []) for e in law["entries"]})
    return out


def test_change_kinds_follow_after_the_note() -> None:
    changes = _changes(_load("law"))
    assert [c["kind"] for c in changes["cpr-28"]] == ["unchanged"]
    assert [c["kind"] for c in changes["psykolog-1"]] == ["unchanged"]
    assert [c["kind"] for c in changes["sel-10"]] == ["unchanged"]
    tilhold = changes["act:tilholdsloven"]
    assert (tilhold[0]["date"], tilhold[0]["kind"]) == ("2012-02-03", "background")
    assert [c["kind"] for c in tilhold[1:]] == ["changed", "changed"]
    assert [(c["date"], c["kind"]) for c in changes["sel-109"]] == [("2019-20", "changed"), ("2024-07-01", "changed")]
    assert [c["kind"] for c in changes["sel-110"]] == ["changed"]


def test_every_list_of_changes_is_in_date_order() -> None:
    for where, items in _changes(_load("law")).items():
        dated = [c["date"] for c in items if (c.get("date") or "")[:4].isdigit()]
        assert dated == sorted(dated), where
        undated = [i for i, c in enumerate(items) if not (c.get("date") or "")[:4].isdigit()]
        assert undated == list(range(len(dated), len(items))), where  # undated ones last


def test_initiative_periods_end_and_contacts_are_the_notes() -> None:
    initiatives = {i["id"]: i for i in _load("initiatives")["initiatives"]}
    for item in initiatives.values():
        assert item["contacts_as_of"] == 2013
        if item["period"]:
            assert item["period_end"] == int(item["period"].split("-")[-1])
            assert item["period_end"] <= 2015  # every period the note gives ended by 2015
    undated = initiatives["crisis-centre-evaluation"]
    assert undated["period"] is None and undated["period_end"] is None
    assert "2013-2015" in undated["period_note"]["en"] and "2013-2015" in undated["period_note"]["da"]


def test_the_mens_and_crisis_centre_entries_say_109_covers_men_since_july_2024() -> None:
    interventions = {i["id"]: i for i in _load("interventions")["interventions"]}
    for ident in ("womens-crisis-centres", "support-for-men"):
        (change,) = interventions[ident]["after_note"]
        assert change["kind"] == "changed" and change["date"] == "2024-07-01"
        assert change["source"] == {"data": "after-the-note"}
        assert "1 July 2024" in change["text"]["en"] and "men" in change["text"]["en"]
        assert "1. juli 2024" in change["text"]["da"] and "mænd" in change["text"]["da"]


def test_newer_figures_carry_year_value_measure_and_caveats() -> None:
    prevalence = _load("prevalence")
    got = {(f["year"], f["measure"], f["compares_with"].split("-")[0], f["value"], f["percent"])
           for f in prevalence["newer_figures"]}
    assert got == {
        (2017, "physical", "women", 38000, 1.6), (2017, "physical", "men", 19000, 0.8),
        (2021, "physical", "women", 24000, 1.0), (2021, "physical", "men", 20000, 0.8),
        (2021, "physical-or-psychological", "women", 118000, 5.5),
        (2021, "physical-or-psychological", "men", 83000, 4.0),
    }
    assert all(f["source"] == {"data": "after-the-note"} for f in prevalence["newer_figures"])
    caveats = " ".join(c["text"]["en"] for c in prevalence["newer_caveats"])
    assert "separate rounds" in caveats and "COVID-19" in caveats and "broader measure" in caveats


def test_costs_carry_their_price_level() -> None:
    price = _load("economy")["price_level"]
    for lang in ("da", "en"):
        assert "2010" in price[lang] and "2002-2005" in price[lang]
    assert "not been adjusted" in price["en"] and "ikke omregnet" in price["da"]


def _validate_with(tmp_path: Path, stem: str, change) -> None:
    from vold_cli.kb.loader import SECTIONS
    from vold_cli.kb.validate import validate_files

    folder = tmp_path / "kb"
    shutil.copytree(KNOWLEDGE, folder)
    data = yaml.safe_load((folder / f"{stem}.yaml").read_text(encoding="utf-8"))
    change(data)
    (folder / f"{stem}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    validate_files({s: (folder / f"{s}.yaml").read_bytes() for s in SECTIONS})


def _entry(law: dict[str, Any], ident: str) -> dict[str, Any]:
    return next(e for e in law["entries"] if e["id"] == ident)


@pytest.mark.parametrize(("stem", "change", "message"), [
    ("law", lambda d: _entry(d, "sel-109")["changes_since"].reverse(), "sorted by date"),
    ("law", lambda d: _entry(d, "cpr-28")["changes_since"][0].update(kind="background"), "kind background"),
    ("law", lambda d: d["acts"][2]["changes_since"][0].update(kind="changed"), "use kind background"),
    ("law", lambda d: _entry(d, "cpr-28")["changes_since"][0].pop("kind"), "required field is missing"),
    ("initiatives", lambda d: d["initiatives"][1].update(period_end=2013), "last year of the period"),
    ("initiatives", lambda d: d["initiatives"][0].update(period_end=2015), "must be null"),
    ("interventions", lambda d: d["interventions"][0].update(designs=["not-stated", "single-study"]),
     "not-stated stands alone"),
    ("interventions", lambda d: d["interventions"][0].update(designs=[]), "at least 1 item"),
    ("interventions", lambda d: d["interventions"][0].update(designs=["randomised"]), "designs"),
    ("prevalence", lambda d: d["newer_figures"][0].update(compares_with="women-physical"), "compares_with"),
])
def test_the_validator_rejects_a_broken_time_field(tmp_path: Path, stem: str, change, message: str) -> None:
    from vold_cli.errors import KnowledgeError

    with pytest.raises(KnowledgeError, match=message):
        _validate_with(tmp_path, stem, change)


def test_the_bundled_knowledge_passes_the_same_checks(tmp_path: Path) -> None:
    _validate_with(tmp_path, "law", lambda d: None)
