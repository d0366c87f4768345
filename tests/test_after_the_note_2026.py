"""What a planner in 2026 must know (issue 26), held against its sources.

- Traceability: every entry of the knowledge base that cites a line of a data file beside the note is checked
  against the copy of that file in tests/data: the line exists, and every figure and date of the entry's own texts
  stands in the cited lines (the whole list item or table row each belongs to). The copies are the files of
  ../shared/data, copied unchanged (tests/data/README.md).
- The new knowledge as the commands show it, in both languages and in table, JSON, CSV, Markdown and HTML:
  straffeloven § 243, the municipality's duties today ("no legal right found"), the action plans, the 2022
  recommendations, Lev Uden Vold and the 1888 hotline, VIVE's broader measure, Danmarks Statistik's crisis-centre
  counts, Vidensportalen's declarations beside the note's grade, CTI marked as not in the note, the observed figures
  beside the expected, and the summary that opens `vold estimate` and the report.
- The audit's findings, each against the note's own words (quoted here).

Expected numbers are computed here from the population files in tests/data and the figures as the data files
state them, not read back from the knowledge base.
"""

from __future__ import annotations

import csv
import datetime
import html
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from test_time_views import NATIONAL, expected, note_round, population

DATA = Path(__file__).resolve().parent / "data"
KNOWLEDGE = Path(__file__).resolve().parents[1] / "knowledge"
FILES = {"after-the-note-2026": "after-the-note-2026.md", "after-the-note": "after-the-note.md",
         "note-imprint": "SOURCES.md"}
WIDE = {"COLUMNS": "400"}  # one line per table row, so a cell's text reads whole
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
MONTHS_DA = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
             "november", "december"]


def _json(run, *args: str) -> Any:
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _flat(text: str) -> str:
    return " ".join(text.split())


# --- traceability: each cited line holds the entry's figures and dates ----------------------------------------

def _lines(name: str) -> list[str]:
    return (DATA / FILES[name]).read_text(encoding="utf-8").splitlines()


def _item(lines: list[str], number: int) -> str:
    """The list item, table row or heading line `number` (1-based) belongs to: a bullet and its indented
    continuation lines, a numbered item, or the line itself."""
    start = number - 1
    while start > 0 and lines[start].startswith("  ") and not lines[start].lstrip().startswith(("- ", "|")) \
            and not re.match(r"\s*\d+\.", lines[start]):
        start -= 1
    end = start + 1
    while end < len(lines) and lines[end].startswith("  ") and not lines[end].lstrip().startswith(("- ", "|")) \
            and not re.match(r"\s*\d+\.", lines[end]):
        end += 1
    return " ".join(line.strip() for line in lines[start:end])


def _numbers(text: str) -> set[str]:
    """The figures of a text as digit strings (thousands and decimal separators dropped: '82.000', '82,000'
    -> '82000'; '4,5', '4.5' -> '45'), two digits or more (single digits are too common to tell anything)."""
    return {re.sub(r"[.,]", "", m) for m in re.findall(r"\d+(?:[.,]\d+)*", text) if len(re.sub(r"[.,]", "", m)) >= 2}


def _date_words(iso: str) -> list[str]:
    """How the data files write a date: '1 July 2024' (or, quoting a Danish source, '1. juli 2024'), 'June 2014',
    '2017'."""
    parts = iso.split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        day, month = int(parts[2]), int(parts[1])
        return [f"{day} {MONTHS[month - 1]} {parts[0]}", f"{day}. {MONTHS_DA[month - 1]} {parts[0]}"]
    if len(parts) == 2 and len(parts[1]) == 2 and int(parts[1]) <= 12:
        return [f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"]
    return [iso]


def _own_texts(node: dict[str, Any]) -> list[str]:
    """The texts an entry states itself (both languages), not those of nested entries with a source of their own."""
    out: list[str] = []
    for key, value in node.items():
        if key == "source":
            continue
        if isinstance(value, dict) and {"da", "en"} <= set(value):
            out += [value["da"], value["en"]]
        elif isinstance(value, dict) and "source" not in value:
            out += _own_texts(value)
        elif isinstance(value, list):
            out += [t for item in value if isinstance(item, dict) and "source" not in item for t in _own_texts(item)]
    return out


def _own_numbers(node: dict[str, Any]) -> list[str]:
    """The figures an entry holds as numbers (a count, a value, a year), not those of nested entries."""
    return [str(value) for key, value in node.items()
            if key != "source" and isinstance(value, int | float) and not isinstance(value, bool)]


def _cited() -> list[tuple[str, str, dict[str, Any]]]:
    """(file, place, entry) for every entry whose source cites lines of a data file."""
    found: list[tuple[str, str, dict[str, Any]]] = []

    def walk(node: Any, place: str, file: str) -> None:
        if isinstance(node, dict):
            source = node.get("source")
            if isinstance(source, dict) and source.get("lines"):
                found.append((file, place, node))
            for key, value in node.items():
                if key != "source":
                    walk(value, f"{place}.{key}", file)
        elif isinstance(node, list):
            for index, item in enumerate(node):
                walk(item, f"{place}[{item.get('id', index) if isinstance(item, dict) else index}]", file)

    for path in sorted(KNOWLEDGE.glob("*.yaml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")), path.stem, path.name)
    return found


CITED = _cited()


def test_the_copies_are_the_shared_files_with_their_attribution():
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    for name in FILES.values():
        assert f"`{name}`" in readme, name
    text = (DATA / "after-the-note-2026.md").read_text(encoding="utf-8")
    assert text.startswith("# After the note, part 2:") and "Checked on 6 December 2026" in text
    assert len(text.splitlines()) == 136


def test_every_fact_from_the_2026_file_cites_its_lines():
    def walk(node: Any, place: str) -> list[str]:
        missing = []
        if isinstance(node, dict):
            source = node.get("source")
            if isinstance(source, dict) and source.get("data") == "after-the-note-2026" and not source.get("lines"):
                missing.append(place)
            for key, value in node.items():
                missing += walk(value, f"{place}.{key}")
        elif isinstance(node, list):
            for index, item in enumerate(node):
                missing += walk(item, f"{place}[{index}]")
        return missing

    missing = [m for path in sorted(KNOWLEDGE.glob("*.yaml"))
               for m in walk(yaml.safe_load(path.read_text(encoding="utf-8")), path.name)]
    assert not missing, missing
    # the scan below sees the new knowledge: law, duties, policy, figures, evidence, documentation, citation
    files = {file for file, _, _ in CITED}
    assert {"law.yaml", "initiatives.yaml", "prevalence.yaml", "interventions.yaml", "documentation.yaml",
            "meta.yaml"} <= files
    assert len(CITED) >= 50


@pytest.mark.parametrize(("file", "place", "entry"), CITED, ids=[f"{f}:{p}" for f, p, _ in CITED])
def test_each_cited_line_holds_the_entrys_figures_and_dates(file, place, entry):
    source = entry["source"]
    lines = _lines(source["data"])
    for number in source["lines"]:
        assert 1 <= number <= len(lines) and lines[number - 1].strip(), (place, number)
    cited = " ".join(_item(lines, n) for n in source["lines"])
    digits = _numbers(cited)
    texts = _own_texts(entry) + _own_numbers(entry)
    assert texts, place
    # the note's own year may be named beside a later fact ("as the note described it in 2013")
    missing = sorted(_numbers(" ".join(texts)) - digits - {"2013"})
    assert not missing, f"{place}: {missing} not in {source['data']} lines {source['lines']}: {cited[:300]}"
    date = entry.get("date") or entry.get("since")
    if isinstance(date, str):
        assert any(word in cited for word in _date_words(date)), (place, date)


# --- the note as published ----------------------------------------------------------------------------------

SOURCES_WORDS = ("Voksne, som lever med vold i nære relationer", "Sociale indsatser, der virker", "Kirstina Stenager",
                 "Gràinne Stevenson", "978-87-92905-93-2", "978-87-92905-94-9")


def test_the_citation_is_the_imprints():
    imprint = (DATA / "SOURCES.md").read_text(encoding="utf-8")
    for words in (*SOURCES_WORDS, "Første version udgivet efteråret 2013"):
        assert words in imprint, words
    meta = yaml.safe_load((KNOWLEDGE / "meta.yaml").read_text(encoding="utf-8"))
    citation = meta["citation"]
    assert citation["title"] == meta["title"]["da"] == "Voksne, som lever med vold i nære relationer"
    assert citation["subtitle"] == "Sociale indsatser, der virker"
    assert citation["authors"] == ["Kirstina Stenager", "Gràinne Stevenson"]
    assert (citation["isbn"], citation["isbn_digital"]) == ("978-87-92905-93-2", "978-87-92905-94-9")
    assert "efteråret 2013" in citation["first_version"]["da"] and "autumn 2013" in citation["first_version"]["en"]


@pytest.mark.parametrize("lang", ["da", "en"])
def test_kb_info_and_the_report_cite_the_note_as_published(run, lang, tmp_path):
    info = _flat(run("kb", "info", "--lang", lang).stdout)
    report = run("report", "-p", "43000", "--lang", lang, "--format", "markdown").stdout
    brief = tmp_path / "brief.html"
    assert run("report", "-p", "43000", "--lang", lang, "-o", str(brief)).exit_code == 0
    page = _flat(html.unescape(re.sub(r"<[^>]+>", " ", brief.read_text(encoding="utf-8"))))
    cite = next(line for line in report.splitlines() if line.strip("*").startswith(("Citér som", "Cite as")))
    for text in (info, cite, page):
        for words in SOURCES_WORDS:
            assert words in text, words
        assert ("efteråret 2013" if lang == "da" else "autumn 2013") in text
        assert "Voksne, der lever med vold i nære relationer" not in text  # the wrong title, gone everywhere
    data = _json(run, "kb", "info", "--lang", lang)
    assert data["citation"]["title"] == "Voksne, som lever med vold i nære relationer"


def test_the_wrong_title_is_nowhere(run, tmp_path):
    for path in [*KNOWLEDGE.glob("*.yaml"), Path(__file__).resolve().parents[1] / "README.md"]:
        assert "Voksne, der lever med vold i nære relationer" not in path.read_text(encoding="utf-8"), path
    book = tmp_path / "law.xlsx"
    assert run("law", "--format", "xlsx", "-o", str(book)).exit_code == 0
    from openpyxl import load_workbook

    about = [str(cell.value) for row in load_workbook(book).worksheets[-1].iter_rows() for cell in row if cell.value]
    assert any("Voksne, som lever med vold i nære relationer" in text or "Adults living with violence" in text
               for text in about)


# --- straffeloven § 243 ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("ref", [["243"], ["straffeloven", "243"], ["strfl", "243"], ["§", "243"], ["straffeloven"]])
def test_law_243_answers(run, ref):
    for lang, words in (("en", ["psychological violence", "1 April 2019", "26 March 2019", "15 March 2021",
                                "negative social control", "After the note — not from the note",
                                "lov nr. 415 af 13/03/2021", "1 March 2019", "fine or imprisonment of up to 3 years"]),
                        ("da", ["psykisk vold", "1. april 2019", "26. marts 2019", "15. marts 2021",
                                "negativ social kontrol", "Efter notatet — ikke fra notatet"])):
        result = run("law", *ref, "--lang", lang)
        assert result.exit_code == 0, result.stderr
        flat = _flat(result.stdout)
        for word in words:
            assert word in flat, (ref, lang, word)
        assert "According to the note (2013)" not in flat and "Ifølge notatet (2013)" not in flat
    data = _json(run, "law", *ref)
    assert data["id"] == "strfl-243" and data["in_note"] is False
    assert [c["date"] for c in data["changes_since_note"]] == ["2019-01-09", "2019-03-26", "2019-04-01", "2021-03-15"]
    assert all(c["source"]["data"] == "after-the-note-2026" for c in data["changes_since_note"])


def test_law_list_keeps_the_law_after_the_note_apart(run):
    out = run("law").stdout
    note, _, later = out.partition("Law after the note (not from the note)")
    assert "Straffeloven § 243" in later and "Straffeloven" not in note
    assert "vold law duties" in _flat(note)
    md = run("law", "--format", "markdown", "--lang", "da").stdout
    assert "Lovgivning efter notatet (ikke fra notatet)" in md


def test_bare_number_in_two_acts_names_both(run):
    for lang, start in (("en", "Error: § 1 is in several acts: tilhold 1, psykolog 1."),
                        ("da", "Fejl: § 1 findes i flere love: tilhold 1, psykolog 1.")):
        result = run("law", "1", "--lang", lang)
        assert result.exit_code == 1 and result.stdout == ""
        assert result.stderr.startswith(start) and result.stderr.count("\n") == 1, result.stderr


# --- the municipality's duties today ----------------------------------------------------------------------------

@pytest.mark.parametrize("word", ["duties", "pligter", "Duties"])
def test_duties_view(run, word):
    flat = _flat(run("law", word, env=WIDE).stdout.replace("│", " "))
    for text in ("Coordinating counselling", "1 July 2015", "stk. 8", "Ten hours of psychologist treatment",
                 "1 July 2020", "men and their children", "1 July 2024", "Serviceloven § 110", "Serviceloven § 10",
                 "already in the note (2013)", "No legal right found", "B 123 (2019-20)", "finance act",
                 "checked on 6 December 2026", "not a full review"):
        assert text in flat, text
    assert "there is no right" not in flat.casefold() and "there is none" not in flat.casefold()
    da = _flat(run("law", word, "--lang", "da", env=WIDE).stdout.replace("│", " "))
    assert "Ingen ret fundet i loven" in da and "Koordinerende rådgivning" in da and "1. juli 2015" in da
    assert "der er ingen ret" not in da.casefold()
    data = _json(run, "law", word)
    assert [d["id"] for d in data["duties"]] == ["duty-crisis-centre-stay", "duty-coordinating-counselling",
                                                 "duty-psychologist-treatment", "duty-temporary-stay-110",
                                                 "duty-counselling-10"]
    by_id = {d["id"]: d for d in data["duties"]}
    assert by_id["duty-coordinating-counselling"]["since"] == "2015-07-01"
    assert by_id["duty-psychologist-treatment"]["since"] == "2020-07-01"
    assert by_id["duty-crisis-centre-stay"]["since"] is None  # already in the note
    assert {d["provision_ref"] for d in data["duties"]} == {"sel 109", "sel 110", "sel 10"}
    assert [n["found"].startswith("No legal right found") for n in data["no_right_found"]] == [True, True]
    rows = list(csv.DictReader(io.StringIO(run("law", word, "--format", "csv").stdout)))
    assert {r["part"] for r in rows} == {"duties", "no_right_found"}


# --- policy after the note -----------------------------------------------------------------------------------

def test_initiatives_show_the_policy_after_the_note_apart(run):
    out = run("initiatives", env=WIDE).stdout
    note, _, later = out.partition("After the note: action plans, recommendations and national services")
    assert later and "Lev Uden Vold" not in note and "1888" not in note
    flat = _flat(later.replace("│", " "))
    for text in ("action-plan-2014", "action-plan-2023", "recommendations-2022", "lev-uden-vold", "hotline-1888",
                 "27 June 2023", "June 2014", "27 April 2022", "19 May 2017", "6,222", "summer of 2024",
                 "not been checked since"):
        assert text in flat, text
    data = _json(run, "initiatives", "hotline-1888")
    assert data["in_note"] is False and "1888" in data["text"] and "2024" in data["status"]
    plan = _flat(run("initiatives", "action-plan-2023").stdout)
    for text in ("26 initiatives", "DKK 233.8 million", "DKK 37.9 million", "2023-2026", "82,000", "43,000",
                 "12 women and 3 men", "(56 %)", "2024-2025", "Social- og Boligstyrelsen", "22 initiatives"):
        assert text in plan, text
    recommendations = _json(run, "initiatives", "recommendations-2022")
    assert len(recommendations["points"]) == 8
    assert recommendations["points"][0]["text"] == "Routine, dialogue-based detection of people exposed to violence"
    da = _flat(run("initiatives", "recommendations-2022", "--lang", "da").stdout)
    assert "Rutinemæssig og dialogbaseret opsporing af voldsudsatte personer" in da


@pytest.mark.parametrize(("words", "lang", "ids"), [
    (["Lev", "Uden", "Vold"], "en", {"lev-uden-vold", "hotline-1888"}),
    (["Lev Uden Vold"], "da", {"lev-uden-vold", "hotline-1888"}),
    (["handlingsplan"], "da", {"action-plan-2014", "action-plan-2023"}),
    (["1888"], "en", {"hotline-1888"}),
    (["1888"], "da", {"hotline-1888"}),
    (["psykisk", "vold", "243"], "da", {"strfl-243"}),
    (["koordinerende"], "da", {"duty-coordinating-counselling"}),
    (["Critical", "Time"], "en", {"cti"}),
])
def test_search_finds_the_new_texts(run, words, lang, ids):
    hits = _json(run, "search", *words, "--lang", lang)
    found = {h["id"] for h in hits}
    assert ids <= found, found
    for hit in hits:
        if hit["id"] in ids:  # the command shown runs and shows the text found
            args = hit["command"].split()[1:]
            shown = _flat(run(*args, "--lang", lang, env={"COLUMNS": "400"}).stdout.replace("│", " "))
            assert " ".join(hit["match"].split()) in shown, (hit["command"], hit["match"])


# --- figures: VIVE's broader measure, Danmarks Statistik's counts ------------------------------------------------

def test_vive_is_a_broader_measure_never_in_a_trend(run):
    flat = _flat(run("figures", env=WIDE).stdout.replace("│", " "))
    assert "Partner violence in four forms (VIVE and Lev Uden Vold): a broader measure, not from the note" in flat
    assert "about 82,000" in flat and "about 43,000" in flat and "4.5 %" in flat and "2.4 %" in flat
    data = _json(run, "estimate", "-m", "Viborg")
    for row in data["newer_estimates"]:  # the trend is of the physical-violence figures only
        assert all(item["measure"] == "physical" for item in [row["note"], *row["newer"]])
        assert "four-forms" not in {item["measure"] for item in row["broader"]}
    assert [b["measure"] for b in data["summary"]["broader"]].count("four-forms") == 2
    assert all(b["rounded_value"] is None for b in data["summary"]["broader"] if b["measure"] == "four-forms")


def test_crisis_centre_counts_beside_the_notes_stays(run):
    flat = _flat(run("figures", env=WIDE).stdout.replace("│", " "))
    for text in ("The note (around 2013)", "ca. 2,000", "2,019", "2,164", "2,294 or 2,339", "2,618", "3,094",
                 "3,000", "count women (persons), whereas the note's ca. 2,000 counts stays",
                 "about 9 % of the women", "KRISE1", "home municipality"):
        assert text in flat, text
    counts = _json(run, "figures")["crisis_centre_counts"]
    assert [(c["year"], c["women"]) for c in counts] == [(2018, 2019), (2019, 2164), (2020, 2294), (2021, 2618),
                                                         (2022, 3000)]
    assert counts[2]["women_other_release"] == 2339
    da = _flat(run("figures", "--lang", "da", env=WIDE).stdout.replace("│", " "))
    assert "2.294 eller 2.339" in da and "tæller kvinder (personer)" in da


# --- Vidensportalen beside the note's grade; CTI not in the note ---------------------------------------------

def test_declarations_stand_beside_the_notes_grade(run):
    flat = _flat(run("interventions", "ud-af-voldens-skygge", env=WIDE).stdout.replace("│", " "))
    assert "target group A · method A · implementation C · effect C · economy: not found" in flat
    assert "after the note, not from the note" in flat and "6 September 2019" in flat
    assert "not converted into the note's levels" in flat and "The note's grade stays: Promising" in flat
    data = _json(run, "interventions", "ud-af-voldens-skygge")
    assert data["evidence"] == "promising"  # the note's grade, never replaced
    assert [(d["effect"], d["economy"]) for d in data["declarations"]] == [("C", None)]
    dmv = _flat(run("interventions", "perpetrator-treatment-denmark", env=WIDE).stdout.replace("│", " "))
    assert "target group A · method A · implementation: not found · effect: not found" in dmv
    assert "one of the four treatment services" in dmv


def test_cti_is_marked_as_not_in_the_note(run):
    result = run("interventions", "cti")
    assert result.exit_code == 0, result.stderr
    flat = _flat(result.stdout)
    assert flat.startswith("CTI (Critical Time Intervention) — not in the note")
    assert "none: the intervention is not in the note" in flat and "2015-2018" in flat
    data = _json(run, "interventions", "cti")
    assert data["in_note"] is False and data["evidence"] is None
    listing = _flat(run("interventions").stdout)
    assert "Not in the note:" in listing and "Show one: vold interventions cti" in listing
    assert "vold interventions cti" not in _flat(run("interventions", "--phase", "secondary").stdout)
    assert "CTI" not in run("map").stdout and "CTI" not in run("evidence").stdout
    assert "cti" not in {i["id"] for i in _json(run, "interventions")}  # the note's list stays the note's


# --- observed beside expected ------------------------------------------------------------------------------------

def test_observed_beside_expected_horsens(run):
    args = ["estimate", "-m", "Horsens", "--observed", "crisis-centre-women=41", "--observed-year", "2022"]
    people = population(2024, "Horsens")
    stats = note_round(2_618 * people / NATIONAL[2021])  # Danmarks Statistik 2021: 2,618 women
    stays = note_round(2_000 * people / NATIONAL[2013])  # the note: ca. 2,000 stays
    result = run(*args, env=WIDE)
    assert result.exit_code == 0, result.stderr
    flat = _flat(result.stdout.replace("│", " "))
    for text in ("Observed beside expected (very loose estimates)", "41", "2022", f"ca. {stats} women (of 2,618 in 2021)",
                 f"ca. {stays} stays (of ca. 2,000 around 2013; stays, not persons)", "3,000",
                 "about 9 % of the women", "count women (persons)", "very loose estimate",
                 f"The municipality's own figure: 41 (women at women's crisis centres, 2022, Statistikbanken) "
                 f"against an expected ca. {stats} women"):
        assert text in flat, text
    assert flat.index("In short") < flat.index("Observed beside expected") < flat.index("Expected number locally")
    data = _json(run, *args)
    item = data["observed"]["items"][0]
    assert (item["kind"], item["observed"], item["year"], item["national_that_year"]) == (
        "crisis-centre-women", 41, 2022, 3000)
    assert [(e["basis"], e["rounded_value"], e["same_unit"]) for e in item["expected"]] == [
        ("statistics", stats, True), ("note", stays, False)]
    rows = list(csv.DictReader(io.StringIO(run(*args, "--format", "csv").stdout)))
    assert [r["kind"] for r in rows[:4]] == ["summary", "observed", "expected", "expected"]
    md = run(*args, "--format", "markdown", "--lang", "da").stdout
    assert "Observeret ved siden af forventet" in md and f"ca. {stats} kvinder (af 2.618 i 2021)" in md


def test_observed_kinds_and_region(run):
    people = sum(population(2024, n) for n in ("Horsens", "Viborg"))
    assert people  # the arithmetic is checked above; here the kinds and the region form
    data = _json(run, "estimate", "--region", "Midtjylland", "--observed", "krisecenter-ophold=300",
                 "--observed", "crisis-centre-children=250", "--observed-year", "2021")
    items = {i["kind"]: i for i in data["observed"]["items"]}
    assert items["crisis-centre-stays"]["national_that_year"] == 3094
    assert items["crisis-centre-children"]["national_that_year"] == 2254
    assert [e["same_unit"] for e in items["crisis-centre-stays"]["expected"]] == [True, True]
    assert [e["same_unit"] for e in items["crisis-centre-children"]["expected"]] == [True, False]  # visits


def test_without_observed_the_estimate_says_where_to_find_it(run):
    for lang, words in (("en", "Statistikbanken, table KRISE1"), ("da", "Statistikbank, tabel KRISE1")):
        flat = _flat(run("estimate", "-m", "Horsens", "--lang", lang).stdout)
        assert words in flat and "--observed crisis-centre-women=N" in flat
    data = _json(run, "estimate", "-p", "43000")
    assert data["observed"]["items"] == [] and "KRISE1" in data["observed"]["where"]


OBSERVED_ERRORS = {
    "unknown-kind": ["--observed", "crisis-centre-woman=41", "--observed-year", "2022"],
    "no-equals": ["--observed", "41", "--observed-year", "2022"],
    "not-a-number": ["--observed", "crisis-centre-women=fourty", "--observed-year", "2022"],
    "negative": ["--observed", "crisis-centre-women=-3", "--observed-year", "2022"],
    "twice": ["--observed", "crisis-centre-women=4", "--observed", "krisecenter-kvinder=5", "--observed-year", "2022"],
    "no-year": ["--observed", "crisis-centre-women=41"],
    "year-alone": ["--observed-year", "2022"],
    "year-too-early": ["--observed", "crisis-centre-women=41", "--observed-year", "2016"],
    "year-in-future": ["--observed", "crisis-centre-women=41", "--observed-year", "2031"],
}


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("case", sorted(OBSERVED_ERRORS))
def test_bad_observed_values_are_one_line_usage_errors(run, case, lang):
    result = run("estimate", "-m", "Horsens", *OBSERVED_ERRORS[case], "--lang", lang,
                 env={"VOLD_TODAY": "2026-12-07"})
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("Fejl: " if lang == "da" else "Error: ")
    if case == "unknown-kind":
        assert "crisis-centre-women" in result.stderr  # did you mean


def test_observed_with_all_or_a_comparison_is_refused(run):
    for args in (["--all"], ["-m", "Viborg", "-m", "Skive"]):
        result = run("estimate", *args, "--observed", "crisis-centre-women=4", "--observed-year", "2022")
        assert result.exit_code == 2 and result.stderr.count("\n") == 1 and "--observed" in result.stderr


# --- the answer first -----------------------------------------------------------------------------------------

def _round(value: float) -> int:
    """The note's rounding, with whole numbers below 10 (test_time_views.note_round covers 10 and up)."""
    return int(value + 0.5) if value < 10 else note_round(value)


def _span(people: int, group: str) -> str:
    values = [_round(raw) for (g, _, measure), (raw, _) in expected(people).items()
              if g == group and measure == "physical"]
    return f"ca. {min(values):,}" if min(values) == max(values) else f"ca. {min(values):,}-{max(values):,}"


@pytest.mark.parametrize("name", ["Viborg", "Horsens", "Læsø", "København", "Aarhus"])
def test_summary_spans_the_comparable_figures(run, name):
    people = population(2024, name)
    women, men = _span(people, "women"), _span(people, "men")
    result = run("estimate", "-m", name)
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert lines[1] == "In short"
    flat = _flat(result.stdout)
    assert f"the national figures correspond to {women} women and {men} men a year exposed to physical violence" \
        in flat
    assert "a very loose estimate" in flat and "around 2013" in flat and "2017 and 2021" in flat
    assert "Broader measures, not comparable with these" in flat
    data = _json(run, "estimate", "-m", name)
    assert data["summary"]["text"].startswith(f"In {data['summary']['text'].split(' the national')[0][3:]}")
    spans = {s["figure"]: s for s in data["summary"]["spans"]}
    want = expected(people)
    assert spans["women-physical-partner-violence"]["low"] == min(_round(want[("women", y, "physical")][0])
                                                                 for y in (2013, 2017, 2021))
    assert [p["year"] for p in spans["men-physical-partner-violence"]["points"]] == [2013, 2017, 2021]


def test_summary_of_the_issue_example_viborg_in_danish(run):
    flat = _flat(run("estimate", "-m", "Viborg", "--lang", "da").stdout)
    assert "ca. 400-640 kvinder og ca. 170-330 mænd om året udsat for fysisk vold fra en partner" in flat
    assert "et meget løst skøn" in flat


@pytest.mark.parametrize("fmt", ["csv", "markdown"])
def test_summary_comes_first_in_every_format(run, fmt):
    out = run("estimate", "-m", "Viborg", "--format", fmt).stdout
    if fmt == "csv":
        first = next(csv.DictReader(io.StringIO(out)))
        assert first["kind"] == "summary" and "ca. 400-640 women" in first["label"]
    else:
        body = out.split("Method (the note's own)")[0]
        assert "In short" in body and "ca. 400-640 women and ca. 170-330 men" in _flat(body)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_report_opens_with_the_summary(run, lang, tmp_path):
    target = tmp_path / "brief.html"
    assert run("report", "-m", "Viborg", "--lang", lang, "-o", str(target)).exit_code == 0
    page = _flat(html.unescape(re.sub(r"<[^>]+>", " ", target.read_text(encoding="utf-8"))))
    first = page.split("1. Estimated number affected" if lang == "en" else "1. Skøn over antal berørte")[0]
    summary = "ca. 400-640 women and ca. 170-330 men" if lang == "en" else "ca. 400-640 kvinder og ca. 170-330 mænd"
    assert summary in first
    assert first.index("In short" if lang == "en" else "Kort fortalt") < first.index(
        "1. How many locally?" if lang == "en" else "1. Hvor mange lokalt?")
    # the audit: no "women exposed to partner violence 2017" on page 1 without "physical"
    assert not re.search(r"(?i)(women|kvinder) (exposed to|udsat for) partnervold|exposed to partner violence", first)
    md = run("report", "-m", "Viborg", "--lang", lang, "--format", "markdown").stdout
    sources = md.split("## 9.")[1]
    for command in ("vold law strfl 243", "vold law duties", "vold initiatives", "vold interventions cti",
                    "vold estimate --observed"):
        assert command in sources, command


@pytest.mark.parametrize(("population_", "check"), [("43000", True), ("43.000", True), ("43001", False),
                                                    ("97472", False)])
def test_worked_example_only_for_its_own_population(run, population_, check):
    flat = _flat(run("estimate", "-p", population_).stdout)
    assert ("Check against the note's own example (43,000 inhabitants): women 222.6, rounded ca. 220; men 76.7, "
            "rounded ca. 80" in flat) is check
    data = _json(run, "estimate", "-p", "43000")
    assert [(e["stated"], e["reproduced"]) for e in data["method"]["worked_examples"]] == [(220, True), (80, True)]


# --- the audit's findings, each against the note's own words ----------------------------------------------------

def test_dating_violence_rows_say_aged_16_24_and_children_under_15(run):
    # the note: "cirka 10.000 kvinder og 5.500 mænd i alderen 16-24 år årligt er udsat for fysisk kærestevold";
    # "28-33.000 børn under 15 år overværer eller overhører årligt vold mod deres mor"
    labels = {e["id"]: e["label"] for e in _json(run, "estimate", "-m", "Viborg")["estimates"]}
    assert "aged 16-24" in labels["dating-violence-women-16-24"] and "aged 16-24" in labels["dating-violence-men-16-24"]
    assert "under 15" in labels["children-witnessing-violence-against-mother"]
    da = {e["id"]: e["label"] for e in _json(run, "estimate", "-m", "Viborg", "--lang", "da")["estimates"]}
    assert "16-24 år" in da["dating-violence-women-16-24"] and "under 15 år" in da[
        "children-witnessing-violence-against-mother"]
    report = _flat(run("report", "-m", "Viborg", "--format", "markdown").stdout)
    assert "Young women aged 16-24 exposed to physical dating violence" in report
    assert "Children under 15 who see or hear violence against their mother" in report


def test_perpetrator_treatment_says_who_completed_the_treatment(run):
    # the note: "De klienter, der gennemførte behandlingen, ... Stort set alle klienter gav udtryk for, at
    # behandlingen har hjulpet dem."
    data = _json(run, "interventions", "perpetrator-treatment-denmark")
    assert "Almost all clients who completed the treatment felt it had helped" in data["summary"]
    da = _json(run, "interventions", "perpetrator-treatment-denmark", "--lang", "da")
    assert "Stort set alle klienter, der gennemførte behandlingen" in da["summary"]


def test_ud_af_voldens_skygge_is_dated_and_in_the_past(run):
    # the note: "Mødrehjælpens projekt ’Ud af voldens skygge’ er et tilbud ..."; its list of initiatives:
    # "Ud af voldens skygge (Mødrehjælpen) (2012-2013)"
    data = _json(run, "interventions", "ud-af-voldens-skygge")
    assert "2012-2013" in data["summary"] and "in 2013" in data["summary"]
    assert "service for women who have lived" not in data["summary"]  # the present tense of 2013 is gone
    assert "were offered" in data["summary"] and "could also be offered" in data["summary"]


def test_early_detection_carries_no_perpetrator_recommendation(run):
    # the note names early detection only in its foreword ("tidlig opsporing i sundhedssektoren af mennesker, der
    # er udsat for vold"); its recommendation ("anbefales det, at tilbuddet baseres på erfaringer og metoder
    # udviklet hos disse ... behandlingssteder") is about treatment for those who use violence
    for lang in ("en", "da"):
        out = _flat(run("interventions", "early-detection-health-sector", "--lang", lang).stdout)
        assert "perpetrator" not in out.casefold() and "voldsudøver" not in out.casefold()
        evidence = _flat(run("evidence", "--lang", lang).stdout)
        assert "specialised treatment services" not in evidence and "specialiserede behandlingssteder" not in evidence
    for ident in ("perpetrator-programmes", "perpetrator-treatment-denmark"):
        assert "experience and methods of specialised treatment services" in _flat(
            run("interventions", ident).stdout)


def test_intervention_centre_was_only_being_tried(run):
    # the note: "en indsats, som aktuelt bliver afprøvet i Danmark, og hvis effekt endnu ikke kendes"; its list of
    # initiatives: "Indsatsen vil blive evalueret"
    data = _json(run, "interventions", "intervention-centre")
    assert data["studied_in"].startswith("Not yet studied when the note appeared in 2013")
    assert "to be evaluated" in data["studied_in"] and "tried in 2013-2014" not in data["studied_in"]


def test_documentation_names_the_rounds_after_the_note(run):
    flat = _flat(run("documentation").stdout)
    part = flat.split("After the note: newer survey rounds and statistics (not from the note)")[1]
    assert "2017" in part and "2021" in part and "KRISE1" in part
    assert part.count("After the note:") >= 3


def test_profile_key_figures_carry_the_notes_year(run):
    # the note gives the key figures ("36 pct. ... 16 pct. ... 14 pct.", "59 ... 72 ... 79 pct.") without a year
    flat = _flat(run("profile").stdout)
    assert "Key figures on women at crisis centres (the note's figures, 2013)" in flat
    assert "the note does not say which year the data are from" in flat
    estimate = _flat(run("estimate", "-m", "Viborg").stdout)
    assert "derived expectations from the note's key figures (2013;" in estimate


def test_estimate_says_which_population_every_column_uses(run):
    flat = _flat(run("estimate", "-m", "Viborg").stdout)
    assert "Every column, the note's too, uses the population 97,472 on 1 January 2024." in flat
    comparison = _flat(run("estimate", "-m", "Viborg", "-m", "Skive").stdout)
    assert "the figures differ only because the populations do" in comparison


def test_kb_info_and_the_footer_date_the_check_not_a_law(run, tmp_path):
    flat = _flat(run("kb", "info").stdout)
    assert "Latest fact checked" not in flat and "Last checked 6 December 2026" in flat
    target = tmp_path / "brief.html"
    assert run("report", "-p", "43000", "-o", str(target)).exit_code == 0
    text = target.read_text(encoding="utf-8")
    assert "knowledge base 1.0.0 checked 2026-12-06" in text and "of 2025-09-22" not in text
    da = _flat(run("kb", "info", "--lang", "da").stdout)
    assert "(repository)" not in da and "(bundled)" not in da


# --- validation of the new fields ----------------------------------------------------------------------------

def test_lines_need_a_data_file(kb_copy):
    from vold_cli.errors import KnowledgeError
    from vold_cli.kb.loader import SECTIONS
    from vold_cli.kb.validate import validate_files

    law = (kb_copy / "law.yaml").read_text(encoding="utf-8")
    broken = law.replace("source: {section: law, data: after-the-note, lines: [14]}\n  - id: duty-counselling-10",
                         "source: {section: law, lines: [14]}\n  - id: duty-counselling-10")
    assert broken != law
    (kb_copy / "law.yaml").write_text(broken, encoding="utf-8")
    raw = {stem: (kb_copy / f"{stem}.yaml").read_bytes() for stem in SECTIONS}
    with pytest.raises(KnowledgeError, match="lines are lines of a data source"):
        validate_files(raw)


def test_a_duty_names_a_known_provision(kb_copy):
    from vold_cli.errors import KnowledgeError
    from vold_cli.kb.loader import SECTIONS
    from vold_cli.kb.validate import validate_files

    law = (kb_copy / "law.yaml").read_text(encoding="utf-8")
    (kb_copy / "law.yaml").write_text(law.replace("provision: sel-110", "provision: sel-111"), encoding="utf-8")
    raw = {stem: (kb_copy / f"{stem}.yaml").read_bytes() for stem in SECTIONS}
    with pytest.raises(KnowledgeError, match="unknown law entry 'sel-111'"):
        validate_files(raw)


def test_today_bounds_the_observed_year(run):
    this_year = datetime.date.today().year
    result = run("estimate", "-p", "43000", "--observed", "crisis-centre-women=4", "--observed-year",
                 str(this_year + 1), env={"VOLD_TODAY": f"{this_year}-06-01"})
    assert result.exit_code == 2 and f"2017 to {this_year}" in result.stderr


def test_a_search_for_lev_uden_vold_names_the_unit_not_every_estimate(run):
    # the summary of every estimate names VIVE's broader measure; the unit itself and its hotline are the hits
    hits = _json(run, "search", "Lev", "Uden", "Vold")
    assert {"lev-uden-vold", "hotline-1888"} <= {h["id"] for h in hits}
    assert not [h for h in hits if h["command"].startswith("vold estimate")], hits[:3]


@pytest.mark.parametrize("command", ["law", "initiatives", "interventions"])
def test_a_listings_workbook_names_the_2026_file_among_its_sources(run, tmp_path, command):
    """The listings show facts from after-the-note-2026.md (§ 243, the duties, the action plans, CTI), so their
    workbooks' sheet of method and sources names that file beside the older one."""
    book = tmp_path / f"{command}.xlsx"
    assert run(command, "--format", "xlsx", "-o", str(book)).exit_code == 0
    from openpyxl import load_workbook

    texts = [str(cell.value) for sheet in load_workbook(book).worksheets for row in sheet.iter_rows()
             for cell in row if cell.value]
    assert any("After the note, part 2" in text for text in texts), command
    assert any("Changes after the note" in text for text in texts), command
