"""Browsing commands against the note: which interventions, in which phase, with which evidence; the law and
what changed; the evidence map; search without Danish letters; and the listing/JSON conventions."""

from __future__ import annotations

import csv
import io
import json

import pytest

SECONDARY = {"alcohol-treatment", "perpetrator-programmes", "perpetrator-treatment-denmark", "anger-management",
             "womens-crisis-centres", "early-detection-health-sector"}
RANK = {"documented": 4, "promising": 3, "inconclusive": 2, "unknown": 1, "not-recommended": 0}


def _json(run, *args):
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


# --- interventions ------------------------------------------------------------------------------------

def test_secondary_phase(run):
    items = _json(run, "interventions", "--phase", "secondary")
    assert {i["id"] for i in items} == SECONDARY
    ranks = [RANK[i["evidence"]] for i in items]
    assert ranks == sorted(ranks, reverse=True)  # strongest evidence first
    assert items[-1]["id"] == "anger-management"  # the note: not recommended


def test_sorted_by_phase_then_evidence(run):
    items = _json(run, "interventions")
    order = {"primary": 0, "secondary": 1, "tertiary": 2}
    keys = [(min(order[p] for p in i["phases"]), -RANK[i["evidence"]]) for i in items]
    assert keys == sorted(keys)
    assert len(items) == 15


def test_table_shows_evidence_and_denmark(run):
    out = run("interventions", "--phase", "secondary").stdout
    assert "Alcohol treatment" in out and "Not recommended" in out and "Tried in" in out


def test_repeated_filter_is_or_and_filters_and(run):
    both = _json(run, "interventions", "--phase", "primary", "--phase", "tertiary")
    assert {p for i in both for p in i["phases"]} >= {"primary", "tertiary"}
    young = _json(run, "interventions", "--target", "young-people", "--min-evidence", "documented")
    assert {i["id"] for i in young} == {"school-anti-bullying", "safe-dates", "youth-relationship-project", "fourth-r"}


def test_min_evidence(run):
    items = _json(run, "interventions", "--min-evidence", "promising")
    assert items and all(RANK[i["evidence"]] >= RANK["promising"] for i in items)
    assert "anger-management" not in {i["id"] for i in items}


def test_evidence_filter(run):
    items = _json(run, "interventions", "--evidence", "unknown")
    assert {i["id"] for i in items} == {"womens-crisis-centres", "aftercare", "intervention-centre", "support-for-men"}


def test_tried_in_denmark(run):
    tried = {i["id"] for i in _json(run, "interventions", "--tested-in-denmark")}
    untried = {i["id"] for i in _json(run, "interventions", "--not-tested-in-denmark")}
    assert "ud-af-voldens-skygge" in tried and "safe-dates" in untried
    assert not tried & untried and len(tried | untried) == 15


def test_empty_result_is_not_an_error(run):
    result = run("interventions", "--phase", "tertiary", "--evidence", "documented")
    assert result.exit_code == 0
    assert "No interventions match" in result.stdout and "phase tertiary" in result.stdout
    assert _json(run, "interventions", "--phase", "tertiary", "--evidence", "documented") == []


@pytest.mark.parametrize(("option", "valid"), [("--phase", "primary, secondary, tertiary"),
                                               ("--evidence", "documented"), ("--min-evidence", "not-recommended"),
                                               ("--target", "young-people")])
def test_invalid_choice_lists_valid(run, option, valid):
    result = run("interventions", option, "quaternary")
    assert result.exit_code == 2 and valid in result.stderr


def test_full_view_safe_dates(run):
    out = run("interventions", "safe-dates").stdout
    for text in ("Safe Dates", "8th and 9th grade", "Documented effect · design not stated", "What the note says",
                 "Study design", "not known",
                 "ref. 19, 20, 21"):
        assert text in out
    data = _json(run, "interventions", "safe-dates")
    assert data["id"] == "safe-dates" and data["evidence_action"] and data["outcomes"]


def test_full_view_has_outcome_levels(run):
    data = _json(run, "interventions", "school-anti-bullying")
    assert {o["evidence"] for o in data["outcomes"]} == {"documented", "unknown"}  # bullying vs later violence


def test_unknown_id_suggests(run):
    result = run("interventions", "safe-date")
    assert result.exit_code == 1 and "Did you mean: safe-dates" in result.stderr


# --- law ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("ref", [["109"], ["§109"], ["§ 109"], ["sel", "109"], ["serviceloven", "109"],
                                 ["SEL 109"], ["sel-109"], ["serviceloven", "§", "109"]])
def test_law_109_spellings(run, ref):
    assert _json(run, "law", *ref)["id"] == "sel-109"


@pytest.mark.parametrize(("ref", "ident"), [(["tilhold", "3"], "tilhold-3"), (["cpr", "28"], "cpr-28"),
                                            (["10"], "sel-10"), (["vej"], "vej-14-2011-guidance"),
                                            (["psykolog", "1"], "psykolog-1"), (["tilhold", "§", "7"], "tilhold-7")])
def test_law_aliases(run, ref, ident):
    assert _json(run, "law", *ref)["id"] == ident


def test_law_109_shows_note_and_changes_apart(run):
    out = run("law", "109").stdout
    assert "According to the note (2013)" in out
    assert "Changed since the note" in out and "L 104" in out and "1 July 2024" in out
    assert out.index("According to the note") < out.index("Changed since the note")
    data = _json(run, "law", "109")
    assert data["changes_since_note"] and all(c["source"]["data"] == "after-the-note" for c in data["changes_since_note"])


def test_law_list(run):
    items = _json(run, "law")
    assert {i["id"] for i in items if i["in_note"]} == {"sel-109", "sel-110", "sel-10", "vej-14-2011-guidance",
                                                         "tilhold-1", "tilhold-3", "tilhold-7", "cpr-28", "psykolog-1"}
    # after the note, marked so: straffeloven § 243 (psychological violence, 2019)
    assert {i["id"] for i in items if not i["in_note"]} == {"strfl-243"}
    out = run("law").stdout
    assert "tilhold 3" in out and "cpr 28" in out  # the short alias to type


def test_law_unknown(run):
    result = run("law", "999")
    assert result.exit_code == 1 and "vold law" in result.stderr


# --- other collections ----------------------------------------------------------------------------------

def test_initiatives(run):
    items = _json(run, "initiatives")
    assert len(items) == 8 and all("id" in i for i in items)
    pros = {i["id"] for i in _json(run, "initiatives", "--target", "professionals")}
    assert pros == {"theme-days", "honour-course"}
    one = _json(run, "initiatives", "intervention-centre-east-jutland")
    assert one["period"] == "2013-2014" and "LOKK" in one["contacts"]


def test_phases(run):
    items = _json(run, "phases")
    assert [(p["id"], p["count"]) for p in items] == [("primary", 5), ("secondary", 6), ("tertiary", 4)]
    assert [p["strongest"] for p in items] == ["documented", "documented", "promising"]


def test_map(run, knowledge):
    cells = _json(run, "map")
    groups = knowledge.data["target_groups"]["target_groups"]
    assert len(cells) == 3 * len(groups) and all("id" in c for c in cells)
    tertiary = [c for c in cells if c["phase"] == "tertiary"]
    assert all(c["gap"] for c in tertiary)  # no tertiary intervention has documented effect
    young_primary = next(c for c in cells if c["phase"] == "primary" and c["target_group"] == "young-people")
    assert young_primary["strongest"] == "documented" and not young_primary["gap"]
    out = run("map").stdout
    assert "gap" in out
    md = run("map", "--format", "markdown").stdout
    assert md.count("\n| ") >= len(groups) + 1


def test_evidence_scale(run):
    levels = _json(run, "evidence")
    assert [lv["id"] for lv in levels] == ["documented", "promising", "inconclusive", "unknown", "not-recommended"]
    assert all(lv["criteria"] and lv["action"] for lv in levels)


def test_profile(run):
    out = run("profile").stdout
    for text in ("36", "16", "14", "59", "72", "79", "20-49", "20-39"):
        assert text in out


def test_implementation_strategies(run):
    data = _json(run, "implementation", "strategies")
    assert [(s["id"], s["scope"], s["pace"]) for s in data["strategies"]] == [
        ("big-bang", "whole", "at-once"), ("domino", "part", "at-once"), ("cascade", "whole", "phased"),
        ("small-steps", "part", "phased")]
    assert run("implementation", "gears").exit_code == 2


def test_documentation_shows_missing_indicator(run):
    out = run("documentation").stdout
    assert "No indicator" in out and "23.5" in out


def test_economy(run):
    out = run("economy").stdout
    for amount in ("147", "76", "30"):
        assert amount in out
    assert "Not included" in out


# --- search ------------------------------------------------------------------------------------------------

def test_search_without_danish_letters(run):
    hits = _json(run, "search", "kaerestevold", "--lang", "da")  # Danish texts: search reads the chosen language
    assert hits and {"section", "id", "command"} <= set(hits[0])
    assert any(h["id"] == "fourth-r" and h["command"] == "vold interventions fourth-r" for h in hits)
    assert any(h["id"] == "dating-violence-women-16-24" for h in hits)
    # the note lists Safe Dates and the Youth Relationship Project under "Forebyggelse af kærestevold"
    assert {"safe-dates", "youth-relationship-project"} <= {h["id"] for h in hits}
    assert hits == _json(run, "search", "kærestevold", "--lang", "da")


def test_search_groups_by_section(run):
    out = run("search", "krisecent", "--lang", "da").stdout  # word starts: krisecenter, krisecentre
    assert "Indsatser (" in out and "Initiativer (" in out
    law = run("search", "midlertidigt", "ophold", "--lang", "da").stdout
    assert "Lovgivning (" in law and "vold law sel 109" in law
    assert "interventions (" not in out  # groups carry the section's label, not its file name
    assert "Interventions (" in run("search", "crisis", "centre", "--lang", "en").stdout


def test_search_nothing(run):
    result = run("search", "zzyzx")
    assert result.exit_code == 0 and "Nothing found" in result.stdout


# --- conventions --------------------------------------------------------------------------------------------

def test_every_command_in_help_and_readme(run):
    """Generated from the command registry (tests/test_registry.py checks the README's table row by row)."""
    from pathlib import Path

    from vold_cli.commands.registry import entries

    help_text = run("--help").stdout
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for entry in entries():
        command = entry.name
        assert f"  {command} " in help_text or f"  {command}\n" in help_text, command
        assert f"`vold {command}" in readme, f"no example of `vold {command}` in README"
        sub = run(command, "--help")
        assert sub.exit_code == 0 and "Example" in sub.stdout, command


@pytest.mark.parametrize("args", [["interventions"], ["law"], ["initiatives"], ["phases"], ["map"], ["evidence"],
                                  ["search", "alcohol"]])
def test_listings_are_arrays_with_ids(run, args):
    items = _json(run, *args)
    assert isinstance(items, list) and items and all(isinstance(i, dict) and "id" in i for i in items)


@pytest.mark.parametrize("args", [["interventions"], ["law"], ["initiatives"], ["phases"], ["map"], ["evidence"],
                                  ["profile"], ["definition"], ["implementation"], ["documentation"], ["economy"],
                                  ["search", "Safe", "Dates"], ["estimate", "-p", "43000"], ["interventions", "fourth-r"],
                                  ["law", "cpr", "28"], ["kb", "info"]])
@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_format_and_language(run, args, lang):
    for fmt in ("table", "json", "csv", "markdown"):
        result = run(*args, "--format", fmt, "--lang", lang)
        assert result.exit_code == 0, (args, fmt, result.stderr)
        assert result.stdout.strip()
        assert "\x1b[" not in result.stdout
        if fmt == "json":
            json.loads(result.stdout)
        if fmt == "csv":
            rows = list(csv.reader(io.StringIO(result.stdout)))
            assert len(rows) >= 2 and len({len(r) for r in rows}) == 1


def test_language_follows_env_and_locale(run):
    assert "Forebyggelsesfaser" in run("phases", env={"VOLD_LANG": "da"}).stdout
    assert "Forebyggelsesfaser" in run("phases", env={"LANG": "da_DK.UTF-8"}).stdout
    assert "Prevention phases" in run("phases", env={"LANG": "en_GB.UTF-8"}).stdout
    assert "Prevention phases" in run("phases", "--lang", "en", env={"VOLD_LANG": "da"}).stdout


@pytest.mark.parametrize("width", [80, 200])
@pytest.mark.parametrize("args", [["interventions"], ["law"], ["map"], ["estimate", "-p", "43000"],
                                  ["implementation"], ["documentation"], ["interventions", "alcohol-treatment"],
                                  ["initiatives"], ["search", "vold"], ["evidence"], ["profile"], ["economy"]])
def test_tables_fit_the_width(run, args, width):
    out = run(*args, env={"COLUMNS": str(width)}).stdout
    for line in out.splitlines():
        assert len(line) <= width, line
        if line.startswith(("┏", "┌")):  # a table's top border is closed: nothing cut off at the right
            assert line.endswith(("┓", "┐")), line


def test_estimate_labels_keep_their_words_at_80_columns(run):
    """A large municipality has wide numbers (ranges of thousands); the labels must still read as words."""
    out = run("estimate", "--municipality", "Aarhus", "--lang", "da", env={"COLUMNS": "80"}).stdout
    assert "Kvinder udsat for" in out and "ca. 1.800-2.200" in out


def test_long_tables_keep_every_row_within_the_width(monkeypatch):
    """Tables over 200 rows are laid out without Rich (see render/terminal.py); nothing may be lost or overflow."""
    import io

    from vold_cli.output import terminal
    from vold_cli.output.blocks import Column, Document, Table

    monkeypatch.setenv("COLUMNS", "80")
    rows = [[f"intervention-{n:04d}", "Voldsudøvere, Mænd, Unge " * 3, "Dokumenteret effekt"] for n in range(250)]
    out = io.StringIO()
    terminal.render(Document([Table([Column("Indsats"), Column("Målgrupper"), Column("Evidens")], rows)]), out)
    lines = out.getvalue().splitlines()
    assert all(len(line) <= 80 for line in lines)
    assert all(f"intervention-{n:04d}" in out.getvalue() for n in range(250))
    assert lines[0].startswith("┏") and lines[0].endswith("┓") and lines[-1].endswith("┘")
