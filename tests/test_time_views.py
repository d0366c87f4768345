"""Knowledge in time (issue 13), as the views show it: the newer national figures scaled the note's way beside the
note's, initiatives with a status from the note's period against a fixed date (VOLD_TODAY), law items counted by
kind and in date order, the costs' price level, the age of the knowledge, and the issue's examples of 2013 states
that must never read as today's, in table, JSON, Markdown and the HTML report.

The expected numbers are computed here by hand from the population files in tests/data (copies of Danmarks
Statistik's FOLK1A/FOLK1AM exports) and the newer national figures as the source states them."""

from __future__ import annotations

import csv
import html
import json
import math
import re
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"
ENV = {"VOLD_TODAY": "2026-01-15"}

# Denmark's population on 1 January, with Christiansø (Danmarks Statistik FOLK1A 2013K1, 2017K1, 2021K1; the
# national totals stated in tests/data/README.md and ../shared/data/SOURCES.md).
NATIONAL = {2013: 5_602_628, 2017: 5_748_769, 2021: 5_840_045}
# The note's figures (section on the extent) and the newer national figures (Statens Institut for Folkesundhed,
# SDU: the 2017 round, report of June 2018; the 2021 round, published 23 June 2022), per year for each group.
NOTE = {"women": 29_000, "men": 10_000}
PHYSICAL = {("women", 2017): 38_000, ("men", 2017): 19_000, ("women", 2021): 24_000, ("men", 2021): 20_000}
BROADER = {("women", 2021): 118_000, ("men", 2021): 83_000}  # physical and/or psychological


def population(year: int, name: str) -> int:
    with (DATA / f"municipalities-{year}-01-01.csv").open(encoding="utf-8") as handle:
        return next(int(row["population"]) for row in csv.DictReader(handle) if row["name"] == name)


def note_round(value: float) -> int:
    """The note's rounding, written out again: tens below 1,000, hundreds below 10,000, half up."""
    step = 10 if value < 1_000 else 100 if value < 10_000 else 10 ** (int(math.log10(value)) - 1)
    return int(math.floor(value / step + 0.5)) * step


def expected(people: int) -> dict[tuple[str, int, str], tuple[float, int]]:
    """(group, year, measure) -> (unrounded local figure, rounded like the note)."""
    out = {}
    for group, value in NOTE.items():
        out[(group, 2013, "physical")] = value * people / NATIONAL[2013]
    for (group, year), value in PHYSICAL.items():
        out[(group, year, "physical")] = value * people / NATIONAL[year]
    for (group, year), value in BROADER.items():
        out[(group, year, "physical-or-psychological")] = value * people / NATIONAL[year]
    return {key: (raw, note_round(raw)) for key, raw in out.items()}


def test_hand_computed_viborg_figures_are_what_the_method_gives():
    """Guard on the hand computation itself: Viborg 2024 × 38,000 / 5,748,769 is 644.3, ca. 640."""
    people = population(2024, "Viborg")
    assert people == 97_472
    raw, rounded = expected(people)[("women", 2017, "physical")]
    assert round(raw, 1) == 644.3 and rounded == 640
    assert expected(people)[("men", 2021, "physical-or-psychological")][1] == 1_400


def test_trend_calls_a_step_within_ten_percent_about_the_same(run):
    """The trend compares the rounded local figures; a step of at most 10 % of the earlier one is no trend (loose
    estimates from separate survey rounds): Viborg 2024, men ca. 170 -> ca. 320 (up) -> ca. 330 (about the same)."""
    want = expected(population(2024, "Viborg"))

    def direction(a: int, b: int) -> str:
        return "same" if abs(b - a) <= 0.10 * a else "up" if b > a else "down"

    data = json.loads(run("estimate", "--municipality", "Viborg", "--format", "json").stdout)
    for row in data["newer_estimates"]:
        points = [want[(row["group"], y, "physical")][1] for y in (2013, 2017, 2021)]
        assert [s["direction"] for s in row["trend"]] == [direction(points[0], points[1]),
                                                          direction(points[1], points[2])]
    men = next(r for r in data["newer_estimates"] if r["group"] == "men")
    assert [s["direction"] for s in men["trend"]] == ["up", "same"]
    table = " ".join(run("estimate", "--municipality", "Viborg", env={"COLUMNS": "200"}).stdout.split())
    assert "up, then about the same" in table


@pytest.mark.parametrize("year", [None, 2017, 2021])
def test_estimate_viborg_json_scales_newer_figures_by_their_own_year(run, year):
    args = ["estimate", "--municipality", "Viborg", "--format", "json"] + (["--year", str(year)] if year else [])
    result = run(*args)
    assert result.exit_code == 0 and result.stderr == ""
    data = json.loads(result.stdout)
    people = population(year or 2024, "Viborg")
    assert data["population"] == people
    want = expected(people)
    rows = {row["group"]: row for row in data["newer_estimates"]}
    assert set(rows) == {"women", "men"}
    for group, row in rows.items():
        for item in [row["note"], *row["newer"], *row["broader"]]:
            raw, rounded = want[(group, item["year"], item["measure"])]
            assert item["local"] == round(raw, 1), (group, item["id"])
            assert item["rounded_value"] == rounded, (group, item["id"])
            assert item["reference_population"] == NATIONAL[item["year"]]
            assert item["reference_date"] == f"{item['year']}-01-01"
            assert item["loose"] is True and item["source"]
        assert [n["year"] for n in row["newer"]] == [2017, 2021]
        assert [n["measure"] for n in row["broader"]] == ["physical-or-psychological"]
        assert [(t["from_year"], t["to_year"]) for t in row["trend"]] == [(2013, 2017), (2017, 2021)]
    assert {c["id"] for c in data["newer_caveats"]} == {"newer-separate-rounds", "newer-covid", "newer-broader-measure"}
    # the note's own worked example stays exact: 43,000 -> ca. 220 women, ca. 80 men
    assert [(e["stated"], e["reproduced"]) for e in data["method"]["worked_examples"]] == [(220, True), (80, True)]


def test_estimate_viborg_table_shows_note_and_newer_figures_per_group(run):
    result = run("estimate", "--municipality", "Viborg", env={"COLUMNS": "120"})
    assert result.exit_code == 0 and result.stderr == ""
    want = expected(population(2024, "Viborg"))
    lines = result.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if "newer national figures, scaled the same way" in line)
    table = "\n".join(lines[start:start + 20])
    for group, label in (("women", "Women: physical partner violence"), ("men", "Men: physical partner violence")):
        row = next(line for line in lines[start:] if label in line)
        numbers = [int(n.replace(",", "")) for n in re.findall(r"ca\. ([\d,]+)", row)]
        assert numbers == [want[(group, y, "physical")][1] for y in (2013, 2017, 2021)], row
    broader = [line for line in lines[start:start + 20] if "physical and/or" in line]
    assert len(broader) == 2
    for group, line in zip(("women", "men"), broader, strict=True):
        assert f"ca. {want[(group, 2021, 'physical-or-psychological')][1]:,}" in line
    assert "5,748,769 on 1 January 2017" in result.stdout.replace("\n", " ") or "5,748,769" in table
    flat = " ".join(result.stdout.split())
    assert "5,748,769 on 1 January 2017" in flat and "5,840,045 on 1 January 2021" in flat
    assert "Caveats for the newer figures" in flat and "collected during COVID-19" in flat
    assert "up, then down" in flat  # women 500 -> 640 -> 400
    assert "not used above" not in flat
    # the check against the note's worked example only for the population it is about (43,000), not for Viborg
    assert "43,000 inhabitants" not in flat and "222.6" not in flat


def test_estimate_csv_and_markdown_carry_the_newer_figures(run):
    csv_out = run("estimate", "-m", "Viborg", "-f", "csv").stdout
    rows = list(csv.DictReader(csv_out.splitlines()))
    newer = [r for r in rows if r["kind"] == "newer-estimate"]
    assert {r["id"] for r in newer} >= {"sif-2017-women", "sif-2021-men-physical-or-psychological"}
    assert {r["reference_population"] for r in newer} == {str(NATIONAL[2017]), str(NATIONAL[2021])}
    assert any(r["kind"] == "newer-caveat" for r in rows)
    assert any(r["id"] == "price-level" for r in rows)
    markdown = run("estimate", "-m", "Viborg", "-f", "markdown").stdout
    assert "| **Women: physical partner violence** |" in markdown


def test_year_2017_and_2021_work_for_municipalities(run):
    for year in (2017, 2021):
        result = run("estimate", "-m", "Viborg", "--year", str(year))
        assert result.exit_code == 0 and result.stderr == ""
        assert f"{population(year, 'Viborg'):,} inhabitants on 1 January {year}" in result.stdout


def test_population_option_uses_the_same_population_for_every_year(run):
    data = json.loads(run("estimate", "--population", "43000", "-f", "json").stdout)
    want = expected(43_000)
    men = next(r for r in data["newer_estimates"] if r["group"] == "men")
    assert men["note"]["rounded_value"] == 80  # the note's own example
    assert [n["rounded_value"] for n in men["newer"]] == [want[("men", 2017, "physical")][1],
                                                        want[("men", 2021, "physical")][1]]


# --- initiatives ---------------------------------------------------------------------------------------------

def test_every_initiative_whose_period_has_passed_is_ended(run):
    result = run("initiatives", "-f", "json", env=ENV)
    assert result.exit_code == 0 and result.stderr == ""
    items = json.loads(result.stdout)
    assert items
    for item in items:
        assert "period_end" in item and item["status"] in {"ended", "ongoing", "unknown"}
        if item["period_end"] is None:
            assert item["status"] == "unknown"
        else:
            assert item["period_end"] < 2026 and item["status"] == "ended", item["id"]
            assert item["status_text"] == f"Period ended {item['period_end']} (the note's period); not checked since"
    table = " ".join(run("initiatives", env=ENV | {"COLUMNS": "400"}).stdout.split())
    assert "Initiatives listed in the note (2013)" in table
    assert "Ongoing initiatives" not in table
    assert "Period ended 2015 (the note's period); not checked since" in table
    assert "Contact (the note's, 2013)" in table


def test_a_date_inside_a_period_shows_ongoing(run):
    items = {i["id"]: i for i in json.loads(run("initiatives", "-f", "json", env={"VOLD_TODAY": "2014-06-01"}).stdout)}
    assert items["intervention-centre-east-jutland"]["status"] == "ongoing"  # 2013-2014
    assert items["theme-days"]["status"] == "ended"  # 2012-2013
    da = " ".join(run("initiatives", "--lang", "da", env={"VOLD_TODAY": "2014-06-01", "COLUMNS": "400"}).stdout.split())
    assert "I gang pr. 1. juni 2014" in da and "Perioden sluttede 2013 (notatets periode); ikke efterprøvet siden" in da
    assert "Initiativer i notatet (2013)" in da and "Igangværende" not in da


def test_crisis_centre_evaluation_shows_what_the_note_dates(run):
    result = run("initiatives", "crisis-centre-evaluation", env=ENV | {"COLUMNS": "200"})
    flat = " ".join(result.stdout.split())
    assert "2013-2015" in flat and "Status unknown" in flat
    assert "(the note's, 2013)" in flat
    data = json.loads(run("initiatives", "crisis-centre-evaluation", "-f", "json", env=ENV).stdout)
    assert data["status"] == "unknown" and data["period_end"] is None and "2013-2015" in data["status_text"]


def test_bad_vold_today_is_a_usage_error(run):
    result = run("initiatives", env={"VOLD_TODAY": "15/01/2026"})
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "VOLD_TODAY" in result.stderr and "YYYY-MM-DD" in result.stderr


# --- law -----------------------------------------------------------------------------------------------------

def test_law_counts_only_real_changes(run):
    rows = {e["ref"]: e for e in json.loads(run("law", "-f", "json").stdout)}
    assert rows["cpr 28"]["changed_since_note"] == 0
    assert rows["psykolog 1"]["changed_since_note"] == 0
    assert rows["tilhold 3"]["change_counts"]["background"] == 1
    assert rows["tilhold 3"]["changed_since_note"] == rows["tilhold 3"]["change_counts"]["changed"]
    table = run("law", env={"COLUMNS": "200"}).stdout
    cpr = next(line for line in table.splitlines() if "CPR-loven § 28" in line)
    assert "yes" not in cpr and "confirmed in force" in cpr
    flat = " ".join(table.split())
    assert f"yes ({rows['tilhold 3']['changed_since_note']})" in flat


@pytest.mark.parametrize("ref", ["109", "tilhold 3", "cpr 28", "110"])
def test_law_items_in_date_order(run, ref):
    data = json.loads(run("law", *ref.split(), "-f", "json").stdout)
    dates = [c["date"] or "" for c in data["changes_since_note"]]  # None: the source gives no date
    dated = [d for d in dates if d[:4].isdigit()]
    assert dated == sorted(dated) and dates[:len(dated)] == dated


def test_law_detail_labels_kinds(run):
    flat = " ".join(run("law", "tilhold", "3", env={"COLUMNS": "200"}).stdout.split())
    assert "before the note (3 February 2012)" in flat
    changed = flat.split("Changed since the note")[1].split("Background from before the note")[0]
    assert "3 February 2012" not in changed
    cpr = " ".join(run("law", "cpr", "28", env={"COLUMNS": "200"}).stdout.split())
    assert "confirmed in force (23 June 2023)" in cpr and "Changed since the note" not in cpr


# --- what changed after the note, costs, age -------------------------------------------------------------------

@pytest.mark.parametrize("ident", ["womens-crisis-centres", "support-for-men"])
def test_interventions_show_109_covers_men_since_2024(run, ident):
    flat = " ".join(run("interventions", ident, env={"COLUMNS": "200"}).stdout.split())
    assert "After the note — not from the note" in flat and "1 July 2024:" in flat
    assert "cover men as well as women" in flat
    data = json.loads(run("interventions", ident, "-f", "json").stdout)
    assert [c["date"] for c in data["after_note"]] == ["2024-07-01"]


def test_men_entry_and_profile_show_newer_figures_for_men(run):
    for args in (["interventions", "support-for-men"], ["profile"]):
        flat = " ".join(run(*args, env={"COLUMNS": "200"}).stdout.split())
        assert "Men exposed to partner violence: the note's figure and newer national figures" in flat
        for text in ("ca. 10,000", "ca. 19,000 (0.8 %)", "ca. 20,000 (0.8 %)", "ca. 83,000 (4.0 %)"):
            assert text in flat, (args, text)
    men = json.loads(run("profile", "-f", "json").stdout)["newer_figures"]["men"]
    assert [(m["year"], m["national"]) for m in men] == [(2013, 10_000), (2017, 19_000), (2021, 20_000), (2021, 83_000)]


def test_price_level_beside_the_costs(run):
    for args in (["economy"], ["estimate", "-m", "Viborg"]):
        flat = " ".join(run(*args, env={"COLUMNS": "200"}).stdout.split())
        assert "Price level" in flat and "not been adjusted to any later price level" in flat
    data = json.loads(run("estimate", "-m", "Viborg", "-f", "json").stdout)
    assert "2002-2005" in data["costs"]["price_level"]
    assert "2002-2005" in json.loads(run("economy", "-f", "json").stdout)["price_level"]


def test_kb_info_states_the_age_of_the_knowledge(run):
    flat = " ".join(run("kb", "info", env={"COLUMNS": "200"}).stdout.split())
    assert "2013 (the note's year)" in flat
    # the date the sources after the note were checked (after-the-note-2026.md: "Checked on 6 December 2026"),
    # not the date of the newest fact (a consolidation act of 22 September 2025), which is named as such
    assert "Last checked 6 December 2026 (the date the sources after the note were checked)" in flat
    assert "Newest fact 22 September 2025" in flat and "not a date on which it was checked" in flat
    assert "Latest fact checked" not in flat
    assert "The note says it is updated every 3 years" in flat
    age = json.loads(run("kb", "info", "-f", "json").stdout)["age"]
    assert age == {"note_year": 2013, "latest_checked": "2026-12-06", "latest_fact": "2025-09-22",
                   "update_interval_years": 3, "first_planned_update": 2016}
    da = " ".join(run("kb", "info", "--lang", "da", env={"COLUMNS": "200"}).stdout.split())
    assert "Notatet skriver, at det opdateres hvert 3. år" in da


# --- the issue's examples, in every human format and the HTML report ----------------------------------------------

STALE = ["There are currently", "Ongoing initiatives", "Igangværende initiativer", "Denmark has 42",
         "There are two men's crisis centres", "The note is updated every", "Notatet opdateres hvert",
         "not used above", "Changed since the note: yes (1)"]
EXAMPLES = [["economy"], ["interventions", "womens-crisis-centres"], ["interventions", "support-for-men"],
            ["interventions", "intervention-centre"], ["initiatives"], ["documentation"],
            ["implementation", "factors"], ["law"]]


@pytest.mark.parametrize("fmt", ["table", "json", "markdown"])
@pytest.mark.parametrize("args", EXAMPLES, ids=lambda a: "-".join(a))
def test_examples_read_as_2013_states(run, args, fmt):
    result = run(*args, "-f", fmt, env=ENV | {"COLUMNS": "400"})
    assert result.exit_code == 0, result.stderr
    text = " ".join(result.stdout.split())
    for stale in STALE:
        assert stale not in text, (args, fmt, stale)
    for match in re.finditer(r"trial under way|being tried in Denmark|currently", text):
        before = text[max(0, match.start() - 120):match.start()]
        assert re.search(r"\b20\d\d\b", before), (args, fmt, match.group(0))
    wanted = {"economy": "In 2013, according to the note, there were no Danish cost-effectiveness analyses",
              "womens-crisis-centres": "In 2013 the note counted 42 women's crisis centres",
              "support-for-men": "At that time there were two men's crisis centres",
              "initiatives": "Period ended 2015 (the note's period); not checked since"}
    key = args[-1] if args[-1] in wanted else args[0]
    if key in wanted:
        assert wanted[key] in text.replace("\\u2019", "'"), (args, fmt)


@pytest.mark.parametrize("lang", ["en", "da"])
def test_html_report_reads_in_time(run, tmp_path, lang):
    out = tmp_path / f"brief-{lang}.html"
    result = run("report", "-m", "Viborg", "--lang", lang, "-o", str(out), env=ENV)
    assert result.exit_code == 0, result.stderr
    page = html.unescape(re.sub(r"<[^>]+>", " ", out.read_text(encoding="utf-8")))
    flat = " ".join(page.split())
    for stale in STALE:
        assert stale not in flat, stale
    if lang == "en":
        assert "8. Initiatives listed in the note (2013)" in flat
        assert "Period ended 2015 (the note's period); not checked since" in flat
        assert "an update planned every 3 years); sources after it checked on 6 December 2026" in flat
        assert "22 September 2025" not in flat.split("1. Estimated number affected")[0]  # a law's date, no check
        assert "The 2010 report's prices (data 2002-2005), not adjusted" in flat
        assert "Confirmed in force after the note" in flat
    else:
        assert "8. Initiativer i notatet (2013)" in flat
        assert "Perioden sluttede 2015 (notatets periode); ikke efterprøvet siden" in flat
        assert "kilder efter notatet efterprøvet 6. december 2026" in flat
    want = expected(population(2024, "Viborg"))
    # the first occurrence: section 1's heading (the appendix names the sections again)
    first_page, rest = flat.split("1. Estimated number affected" if lang == "en" else "1. Skøn over antal berørte", 1)
    sep = "," if lang == "en" else "."
    word = {"women": "women" if lang == "en" else "kvinder", "men": "men" if lang == "en" else "mænd"}
    # page 1 opens with the summary: the span of the comparable figures (the note, 2017, 2021) and the broader
    # measure apart; section 1 gives each year's figure
    for group in ("women", "men"):
        values = [want[(group, year, "physical")][1] for year in (2013, 2017, 2021)]
        span = f"ca. {min(values):,}-{max(values):,} {word[group]}".replace(",", sep)
        assert span in first_page, span
        broad = f"ca. {want[(group, 2021, 'physical-or-psychological')][1]:,} {word[group]}".replace(",", sep)
        assert broad in first_page, broad
        for year in (2017, 2021):
            assert f"ca. {want[(group, year, 'physical')][1]:,}".replace(",", sep) in rest
