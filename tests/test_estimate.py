"""`vold estimate` against the note: its worked example (43,000 inhabitants -> ca. 220 women, ca. 80 men),
the municipality lookup, the accepted and refused populations, and the arithmetic's properties."""

from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vold_cli.core.estimate import parse_population, round_like_note, rounding_step, scale
from vold_cli.errors import UsageError

REFERENCE = 5_602_628  # Denmark, 1 January 2013 (Danmarks Statistik), reproduces the note's example


# --- the note's worked example ------------------------------------------------------------------

def test_note_example_in_table(run):
    result = run("estimate", "--population", "43000")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "ca. 220" in out and "ca. 80" in out
    assert "222.6" in out and "76.7" in out
    assert "5,602,628" in out  # the method and its reference population are stated
    assert "very loose estimate" in out


def test_note_example_in_json(run):
    data = json.loads(run("estimate", "--population", "43000", "--format", "json").stdout)
    by_id = {e["id"]: e for e in data["estimates"]}
    assert by_id["women-physical-partner-violence"]["rounded_value"] == 220
    assert by_id["men-physical-partner-violence"]["rounded_value"] == 80
    assert by_id["women-physical-partner-violence"]["national"] == 29000
    assert by_id["men-physical-partner-violence"]["national"] == 10000
    assert data["method"]["reference_population"] == REFERENCE
    assert all(example["reproduced"] for example in data["method"]["worked_examples"])


def test_json_shape(run):
    data = json.loads(run("estimate", "-p", "43000", "-f", "json").stdout)
    assert {"population", "municipality", "year", "method", "estimates", "costs", "caveats"} <= set(data)
    assert data["population"] == 43000 and data["municipality"] is None
    for item in data["estimates"]:
        assert {"id", "label", "national", "national_low", "national_high", "local", "local_low", "local_high",
                "rounded", "source"} <= set(item)
        if item["national"] is None:  # a range: both ends carried through, in order
            assert item["national_low"] < item["national_high"]
            assert item["local"] is None and item["local_low"] < item["local_high"]
        else:
            assert isinstance(item["local"], float) and item["local_low"] is None
        assert item["source"]["section"] == "scope"
    assert data["caveats"] and all(c["text"] for c in data["caveats"])
    assert [c["id"] for c in data["costs"]["items"]]


def test_every_prevalence_figure_is_estimated(run, knowledge):
    data = json.loads(run("estimate", "-p", "43000", "-f", "json").stdout)
    figures = {f["id"] for f in knowledge.data["prevalence"]["figures"]}
    assert figures == {e["id"] for e in data["estimates"]}
    assert len(figures) == 7


def test_children_range_is_carried_through(run):
    data = json.loads(run("estimate", "-p", "43000", "-f", "json").stdout)
    kids = next(e for e in data["estimates"] if e["id"] == "children-witnessing-violence-against-mother")
    assert (kids["national_low"], kids["national_high"]) == (28000, 33000)
    assert kids["local_low"] == pytest.approx(28000 * 43000 / REFERENCE, abs=0.05)
    assert kids["local_high"] == pytest.approx(33000 * 43000 / REFERENCE, abs=0.05)
    assert kids["rounded"] == "ca. 210-250"


def test_costs_scaled_with_caveats(run):
    data = json.loads(run("estimate", "-p", "43000", "-f", "json").stdout)
    items = {c["id"]: c for c in data["costs"]["items"]}
    assert items["crisis-centre-cost"]["national_mdkk"] == 147
    assert items["crisis-centre-cost"]["local_dkk"] == round(147e6 * 43000 / REFERENCE)
    assert data["costs"]["total_given"] is False
    assert len(data["costs"]["excluded"]) == 3


def test_crisis_centre_expectations(run):
    data = json.loads(run("estimate", "-p", "43000", "-f", "json").stdout)
    expected = {p["id"]: p for p in data["profile"]}
    stays = 2000 * 43000 / REFERENCE
    assert expected["repeat-stay"]["local"] == pytest.approx(stays * 0.36, abs=0.05)
    assert expected["return-to-perpetrator"]["percent"] == 14


def test_benchmark_is_council_of_europe(run):
    data = json.loads(run("estimate", "-p", "43000", "-f", "json").stdout)
    bench = data["benchmarks"][0]
    assert bench["local"] == 4.3  # one family place per 10,000 inhabitants
    assert "Council of Europe" in bench["status"] and "not a Danish legal requirement" in bench["status"]


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "json"])
def test_caveats_in_every_format(run, fmt):
    out = run("estimate", "-p", "43000", "-f", fmt).stdout
    assert "taboo" in out  # dark figures
    assert "2017" in out and "2021" in out  # newer national figures exist
    assert "very loose estimate" in out


def test_danish(run):
    out = run("estimate", "-p", "43.000", "--lang", "da").stdout
    assert "ca. 220" in out and "ca. 80" in out and "Forbehold" in out and "222,6" in out


def test_csv_has_a_row_per_figure_and_caveat(run):
    rows = list(csv.DictReader(io.StringIO(run("estimate", "-p", "43000", "-f", "csv").stdout)))
    kinds = {r["kind"] for r in rows}
    assert {"estimate", "cost", "caveat", "benchmark", "newer-figure"} <= kinds
    women = next(r for r in rows if r["id"] == "women-physical-partner-violence")
    assert women["rounded"] == "ca. 220"


# --- municipalities ---------------------------------------------------------------------------------

def _json(run, *args):
    result = run("estimate", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_viborg_by_name_and_code_agree(run):
    by_name, by_code = _json(run, "--municipality", "Viborg"), _json(run, "--municipality", "791")
    assert by_name == by_code
    assert by_name["municipality"] == {"code": "791", "name": "Viborg"}
    assert by_name["year"] == 2024 and by_name["population"] == 97472  # FOLK1AM 2024M01


def test_year_2013(run):
    data = _json(run, "--municipality", "Viborg", "--year", "2013")
    assert data["year"] == 2013 and data["population"] == 94333  # Danmarks Statistik, FOLK1A 2013K1


def test_year_is_printed(run):
    assert "1 January 2024" in run("estimate", "-m", "Viborg").stdout
    assert "1 January 2013" in run("estimate", "-m", "Viborg", "-y", "2013").stdout


@pytest.mark.parametrize(("typed", "name"), [
    ("Aeroe", "Ærø"), ("Aero", "Ærø"), ("ærø", "Ærø"), ("ÆRØ", "Ærø"), ("Koebenhavn", "København"),
    ("Kobenhavn", "København"), ("københavn", "København"), ("101", "København"), ("Hoeje-Taastrup", "Høje-Taastrup"),
    ("hoje taastrup", "Høje-Taastrup"), ("Aarhus", "Aarhus"), ("Lyngby-Taarbaek", "Lyngby-Taarbæk"),
])
def test_lookup(run, typed, name):
    assert _json(run, "--municipality", typed)["municipality"]["name"] == name


def test_ambiguous_lists_matches(run):
    result = run("estimate", "--municipality", "Frederiks")
    assert result.exit_code == 2
    assert "ambiguous" in result.stderr
    for name in ("Frederiksberg", "Frederikssund", "Frederikshavn"):
        assert name in result.stderr


def test_unknown_suggests(run):
    result = run("estimate", "--municipality", "Vibrog")
    assert result.exit_code == 2
    assert "Unknown municipality" in result.stderr and "Viborg" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


# --- bad input: exit 2 with a helpful message ---------------------------------------------------------

@pytest.mark.parametrize("value", ["43000", "43.000", "43,000", "43 000", "1.234.567", " 43000 "])
def test_population_accepted(run, value):
    assert _json(run, "--population", value)["population"] == int("".join(ch for ch in value if ch.isdigit()))


@pytest.mark.parametrize(("value", "words"), [
    ("43.5", "No decimals"), ("43000.0", "No decimals"), ("43,00", "43,000"), ("0", "at least 1"),
    ("-5", "No decimals, words or signs"), ("abc", "whole number"), ("", "whole number"),
    ("4 3000", "whole number"), ("5602629", "larger than Denmark's population"), ("1e5", "whole number"),
])
def test_population_refused(run, value, words):
    result = run("estimate", "--population", value)
    assert result.exit_code == 2
    assert words in result.stderr
    assert result.stderr.startswith("Error:") and len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""


@pytest.mark.parametrize("args", [
    [], ["--population", "43000", "--municipality", "Viborg"], ["--municipality", "Viborg", "--year", "2020"],
    ["--population", "43000", "--year", "2024"], ["--municipality", "9999"], ["--municipality", ""],
    ["--population", "43000", "--format", "xml"], ["--population", "43000", "--lang", "de"],
])
def test_bad_combinations(run, args):
    result = run("estimate", *args)
    assert result.exit_code == 2, result.stdout
    assert result.stderr.startswith("Error:")
    assert "Traceback" not in result.stderr


# --- the arithmetic's properties ------------------------------------------------------------------

def test_rounding_matches_the_note():
    assert round_like_note(29000 * 43000 / REFERENCE) == 220
    assert round_like_note(10000 * 43000 / REFERENCE) == 80
    assert round_like_note(5500) == 5500 and round_like_note(28_000) == 28_000 and round_like_note(2000) == 2000


populations = st.integers(min_value=1, max_value=REFERENCE)
figures = st.integers(min_value=0, max_value=200_000)


@settings(max_examples=200, deadline=None)
@given(figures, populations, populations)
def test_scaling_is_proportional_and_monotonic(national, a, b):
    low, high = sorted((a, b))
    assert scale(national, low, REFERENCE) <= scale(national, high, REFERENCE)
    assert scale(national, a, REFERENCE) * b == pytest.approx(scale(national, b, REFERENCE) * a, rel=1e-9, abs=1e-6)


@settings(max_examples=200, deadline=None)
@given(figures)
def test_whole_country_gives_back_national_figure(national):
    assert scale(national, REFERENCE, REFERENCE) == pytest.approx(national)


@settings(max_examples=200, deadline=None)
@given(figures, figures, populations)
def test_ranges_stay_ordered(a, b, population):
    low, high = sorted((a, b))
    assert scale(low, population, REFERENCE) <= scale(high, population, REFERENCE)
    assert round_like_note(scale(low, population, REFERENCE)) <= round_like_note(scale(high, population, REFERENCE))


@settings(max_examples=300, deadline=None)
@given(st.floats(min_value=0, max_value=1e7, allow_nan=False))
def test_rounding_moves_at_most_half_a_step(value):
    assert abs(round_like_note(value) - value) <= rounding_step(value) / 2 + 1e-9


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=REFERENCE))
def test_parse_population_round_trips_grouped(value):
    assert parse_population(f"{value:,}", maximum=REFERENCE) == value
    assert parse_population(f"{value:,}".replace(",", "."), maximum=REFERENCE) == value
    assert parse_population(str(value), maximum=REFERENCE) == value


def test_parse_population_refuses_above_maximum():
    with pytest.raises(UsageError):
        parse_population("5602629", maximum=REFERENCE)
