"""Regions, every municipality at once, comparisons and Excel workbooks, checked against the data files copied into
tests/data/ (see tests/data/README.md), not against the code: a region's population is the sum of its
municipalities in the CSV of that year; --all has 98 + 5 + 1 rows and the country gives back the note's national
figures; a workbook opens with openpyxl and holds the JSON's numbers."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

DATA = Path(__file__).resolve().parent / "data"
KNOWLEDGE = Path(__file__).resolve().parents[1] / "knowledge"
REGION_CODES = ("1081", "1082", "1083", "1084", "1085")


def read_csv(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def populations(year: int) -> dict[str, int]:
    """code -> population on 1 January `year`, from the copied Danmarks Statistik file."""
    path = DATA / f"municipalities-{year}-01-01.csv"
    if not path.exists():
        pytest.fail(f"the knowledge base has population year {year}, but tests/data has no {path.name}: copy it in")
    return {row["code"]: int(row["population"]) for row in read_csv(path.name)}


def membership() -> dict[str, list[str]]:
    """region code -> municipality codes, from the copied regions.csv."""
    out: dict[str, list[str]] = {}
    for row in read_csv("regions.csv"):
        out.setdefault(row["region_code"], []).append(row["municipality_code"])
    return out


def kb_years() -> list[int]:
    data = yaml.safe_load((KNOWLEDGE / "municipalities.yaml").read_text(encoding="utf-8"))
    return sorted(y["year"] for y in data["years"])


def national_figures() -> dict[str, float]:
    data = yaml.safe_load((KNOWLEDGE / "prevalence.yaml").read_text(encoding="utf-8"))
    return {f["id"]: f.get("value") for f in data["figures"]}


def ok(result) -> str:
    assert result.exit_code == 0, (result.exit_code, result.stdout, result.stderr)
    assert result.stderr == ""
    return result.stdout


def wrote(result, lang: str = "en") -> None:
    assert result.exit_code == 0, (result.exit_code, result.stdout, result.stderr)
    assert result.stdout == ""
    # the notice speaks the answer's language: 'Skrev FIL (15.286 byte).' / 'Wrote FILE (15,286 bytes).'
    assert re.fullmatch(r"Skrev .+ \([0-9.]+ byte\)\.\n" if lang == "da" else r"Wrote .+ \([0-9,]+ bytes\)\.\n",
                        result.stderr), result.stderr


def one_error(result, code: int) -> str:
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(("Error:", "Fejl:")), result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


# --- the data files agree with each other (so the tests below rest on something) ---------------------


def test_test_data_is_complete():
    regions = membership()
    assert sorted(regions) == list(REGION_CODES)
    assert sorted(len(v) for v in regions.values()) == [11, 17, 19, 22, 29]  # tests/data/README.md: 29+19+11+17+22 = 98
    for year in (2013, 2017, 2021, 2024):
        assert sorted(populations(year)) == sorted(c for codes in regions.values() for c in codes)
    assert sum(populations(2013).values()) == 5_602_536  # tests/data/README.md
    assert sum(populations(2024).values()) == 5_961_158


# --- --region ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("year", kb_years())
@pytest.mark.parametrize("code", REGION_CODES)
def test_region_population_is_the_sum_of_its_municipalities(run, code, year):
    data = json.loads(ok(run("estimate", "--region", code, "--year", str(year), "--format", "json")))
    pops = populations(year)
    members = membership()[code]
    assert data["population"] == sum(pops[c] for c in members)
    assert data["year"] == year
    assert sorted(m["code"] for m in data["region"]["municipalities"]) == sorted(members)
    assert {m["code"]: m["population"] for m in data["region"]["municipalities"]} == {c: pops[c] for c in members}
    women = next(e for e in data["estimates"] if e["id"] == "women-physical-partner-violence")
    assert women["local"] == pytest.approx(29000 * data["population"] / 5_602_628, abs=0.05)


@pytest.mark.parametrize("typed", ["Sjælland", "sjaelland", "Sjalland", "Region Sjælland", "region sjaelland",
                                   "REGION SJÆLLAND", " 1085 ", "sjæl"])
def test_region_lookup(run, typed):
    data = json.loads(ok(run("estimate", "--region", typed, "--format", "json")))
    assert data["region"]["code"] == "1085" and data["region"]["name"] == "Region Sjælland"


def test_region_default_year_is_the_latest(run):
    data = json.loads(ok(run("estimate", "--region", "Nordjylland", "--format", "json")))
    assert data["year"] == kb_years()[-1]


def test_region_in_every_format(run):
    table = ok(run("estimate", "-r", "Hovedstaden"))
    assert "Region Hovedstaden (1084)" in table and "29 municipalities" in table
    assert "København" in table and "Caveats" in table and "sum of its municipalities" in table
    markdown = ok(run("estimate", "-r", "Hovedstaden", "-f", "markdown"))
    assert "Region Hovedstaden" in markdown and "Gentofte" in markdown
    rows = list(csv.DictReader(io.StringIO(ok(run("estimate", "-r", "Hovedstaden", "-f", "csv")))))
    assert sorted(r["id"] for r in rows if r["kind"] == "municipality") == sorted(membership()["1084"])
    assert any(r["kind"] == "caveat" for r in rows) and any(r["kind"] == "benchmark" for r in rows)
    danish = ok(run("estimate", "-r", "1084", "--lang", "da"))
    assert "Kommunerne i Region Hovedstaden" in danish and "Forbehold" in danish


# --- --all ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("year", kb_years())
def test_all_rows_against_the_data(run, year):
    data = json.loads(ok(run("estimate", "--all", "--year", str(year), "--format", "json")))
    rows = data["rows"]
    levels = [r["level"] for r in rows]
    assert levels == ["municipality"] * 98 + ["region"] * 5 + ["country"]
    pops = populations(year)
    assert {r["code"]: r["population"] for r in rows if r["level"] == "municipality"} == pops
    members = membership()
    for row in rows:
        if row["level"] == "region":
            assert row["population"] == sum(pops[c] for c in members[row["code"]])
        if row["level"] == "municipality":
            assert row["code"] in members[row["region"]]
    country = rows[-1]
    assert country["population"] > sum(r["population"] for r in rows if r["level"] == "region")  # Christiansø


#: The note's national figures (section "Omfanget af vold i nære relationer"): ca. 29,000 women and ca. 10,000 men
#: exposed to physical partner violence a year, ca. 2,000 stays a year at women's crisis centres.
NOTE_NATIONAL = {"women": 29_000, "men": 10_000, "stays": 2_000}


def test_country_row_for_2013_gives_back_the_notes_national_figures(run):
    data = json.loads(ok(run("estimate", "--all", "--year", "2013", "--format", "json")))
    country = data["rows"][-1]
    assert country["level"] == "country"
    assert country["population"] == 5_602_628  # tests/data/README.md: Denmark on 1 January 2013, Christiansø in
    for column, figure in NOTE_NATIONAL.items():
        assert country[column] == figure  # Denmark's total for the note's year: the figure itself, unscaled
        assert country[f"{column}_rounded"] == figure
        assert country[f"{column}_national"] == figure  # and carried beside it
    table = ok(run("estimate", "--all", "--year", "2013"))
    country_line = next(line for line in table.splitlines() if "│ Denmark " in line)
    assert "5,602,628" in country_line and all(f"ca. {figure:,}" in country_line for figure in NOTE_NATIONAL.values())


def test_country_row_is_denmarks_total_for_the_year(run):
    national = national_figures()
    for column, ident in (("women", "women-physical-partner-violence"), ("men", "men-physical-partner-violence"),
                          ("stays", "crisis-centre-stays-women")):
        assert national[ident] == NOTE_NATIONAL[column]  # the knowledge base holds the note's figures
    for year in kb_years():  # whatever the year, the row carries the note's figures themselves
        row = json.loads(ok(run("estimate", "--all", "--year", str(year), "-f", "json")))["rows"][-1]
        total = sum(populations(year).values())
        assert row["population"] > total  # Denmark's total: the municipalities and Christiansø
        assert row["women_national"] == NOTE_NATIONAL["women"]
        assert row["women"] == pytest.approx(NOTE_NATIONAL["women"] * row["population"] / 5_602_628, abs=0.05)


def test_all_table_has_caveats_once(run):
    out = ok(run("estimate", "--all"))
    assert out.count("Caveats") == 1
    assert "Region Syddanmark" in out and "Denmark" in out and "Ærø" in out
    assert "not a Danish legal requirement" in out


@pytest.mark.parametrize("column", ["population", "women", "men", "stays", "places"])
def test_all_sort_descending(run, column):
    rows = json.loads(ok(run("estimate", "--all", "--sort", f"{column}:desc", "-f", "json")))["rows"]
    munis = [r for r in rows if r["level"] == "municipality"]
    assert [r[column] for r in munis] == sorted((r[column] for r in munis), reverse=True)
    assert munis[0]["name"] == "København" and rows[-1]["level"] == "country"


def test_all_sort_by_name_in_danish_order(run):
    rows = json.loads(ok(run("estimate", "--all", "--sort", "name", "-f", "json")))["rows"]
    names = [r["name"] for r in rows if r["level"] == "municipality"]
    assert names[0] == "Albertslund" and names[-4:] == ["Ærø", "Aabenraa", "Aalborg", "Aarhus"]  # aa sorts as å
    ascending = json.loads(ok(run("estimate", "--all", "--sort", "population", "-f", "json")))["rows"]
    assert ascending[0]["name"] == "Læsø"


def test_all_csv_is_the_machine_format(run):
    result = run("estimate", "--all", "-f", "csv", "--lang", "da")
    text = ok(result)
    assert not text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text)))
    data = [r for r in rows if r["level"] in ("municipality", "region", "country")]
    assert len(data) == 104
    assert all("," not in r["women"] and float(r["women"]) >= 0 for r in data)  # dot decimals, also in Danish
    assert any(r["level"] == "caveat" for r in rows)


# --- comparisons ------------------------------------------------------------------------------------


def test_comparison_side_by_side(run):
    out = json.loads(ok(run("estimate", "-m", "Viborg", "-m", "skive", "-m", "740", "-f", "json")))
    assert out["kind"] == "comparison"
    pops = populations(out["year"])
    assert [(r["code"], r["population"]) for r in out["rows"]] == [(c, pops[c]) for c in ("791", "779", "740")]
    table = ok(run("estimate", "-m", "Viborg", "-m", "skive", "-m", "740"))
    assert all(name in table for name in ("Viborg", "Skive", "Silkeborg")) and table.count("Caveats") == 1
    ordered = json.loads(ok(run("estimate", "-m", "Viborg", "-m", "skive", "-m", "740", "-s", "population",
                                "-f", "json")))
    assert [r["name"] for r in ordered["rows"]] == ["Skive", "Viborg", "Silkeborg"]


def test_ten_municipalities_are_allowed(run):
    codes = [row["code"] for row in read_csv("municipalities-2024-01-01.csv")][:10]
    args = [arg for code in codes for arg in ("-m", code)]
    rows = json.loads(ok(run("estimate", *args, "-f", "json")))["rows"]
    assert [r["code"] for r in rows] == codes


# --- bad input: one line on stderr, the documented exit code ------------------------------------------


def test_unknown_region_suggests(run):
    line = one_error(run("estimate", "--region", "Midtjyland"), 2)
    assert "Unknown region 'Midtjyland'" in line and "Midtjylland" in line
    assert "1081" in one_error(run("estimate", "--region", "1090"), 2)
    assert "Ukendt region" in one_error(run("estimate", "--region", "Jylland-Fyn", "--lang", "da"), 2)


@pytest.mark.parametrize("args, keep", [
    (["--region", "1081", "--municipality", "Viborg"], "--municipality or --region"),
    (["--region", "1081", "--population", "43000"], "--population or --region"),
    (["--all", "--municipality", "Viborg"], "--municipality or --all"),
])
def test_region_with_other_forms_says_which_to_keep(run, args, keep):
    assert keep in one_error(run("estimate", *args), 2)


def test_more_than_ten_municipalities(run):
    codes = [row["code"] for row in read_csv("municipalities-2024-01-01.csv")][:11]
    line = one_error(run("estimate", *[a for c in codes for a in ("-m", c)]), 2)
    assert "at most 10" in line


def test_same_municipality_twice(run):
    assert "given twice" in one_error(run("estimate", "-m", "Viborg", "-m", "791"), 2)


@pytest.mark.parametrize("args", [["--all", "--sort", "size"], ["--all", "--sort", "population:up"],
                                  ["--population", "43000", "--sort", "name"], ["--all", "--year", "2020"],
                                  ["--region", "1081", "--year", "1999"]])
def test_bad_sort_and_year(run, args):
    one_error(run("estimate", *args), 2)


@pytest.mark.parametrize("command", [["estimate", "--all"], ["interventions"], ["law"], ["map"], ["initiatives"]])
def test_xlsx_needs_a_file(run, command):
    assert "-o FILE" in one_error(run(*command, "--format", "xlsx"), 2)


def test_output_needs_a_file_format(run, tmp_path):
    one_error(run("estimate", "--all", "-o", str(tmp_path / "x.txt")), 2)
    assert not (tmp_path / "x.txt").exists()


def test_existing_output_is_kept(run, tmp_path):
    target = tmp_path / "mine.xlsx"
    target.write_bytes(b"the user's own file")
    assert "--force" in one_error(run("estimate", "--all", "-f", "xlsx", "-o", str(target)), 1)
    assert target.read_bytes() == b"the user's own file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.xlsx"]


def test_force_never_replaces_what_is_not_a_regular_file(run, tmp_path):
    fifo = tmp_path / "pipe.xlsx"
    os.mkfifo(fifo)
    line = one_error(run("estimate", "--all", "-f", "xlsx", "-o", str(fifo), "--force"), 1)
    assert "FIFO" in line and "regular files" in line
    folder = tmp_path / "folder.xlsx"
    folder.mkdir()
    assert "folder" in one_error(run("map", "-f", "xlsx", "-o", str(folder), "--force"), 1)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder.xlsx", "pipe.xlsx"]
    assert stat.S_ISFIFO(fifo.lstat().st_mode) and list(folder.iterdir()) == []


def test_force_over_a_link_to_a_regular_file_writes_the_file(run, tmp_path):
    real = tmp_path / "real.xlsx"
    real.write_bytes(b"old")
    link = tmp_path / "link.xlsx"
    link.symlink_to(real)
    wrote(run("law", "-f", "xlsx", "-o", str(link), "--force"))
    _book(link)


def test_xlsx_is_never_written_to_stdout(run):
    assert "-o FILE" in one_error(run("estimate", "--all", "-f", "xlsx", "-o", "-"), 2)
    assert "kræver -o FIL" in one_error(run("estimate", "--all", "-f", "xlsx", "-o", "-", "--lang", "da"), 2)


def test_dash_is_stdout_for_text_formats(run):
    assert ok(run("estimate", "--all", "-f", "csv", "-o", "-")) == ok(run("estimate", "--all", "-f", "csv"))


def test_unwritable_output(run, tmp_path):
    one_error(run("estimate", "--all", "-f", "xlsx", "-o", str(tmp_path / "missing" / "x.xlsx")), 1)
    if os.geteuid() != 0:  # root writes anywhere
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        try:
            one_error(run("estimate", "--region", "1081", "-f", "xlsx", "-o", str(locked / "x.xlsx")), 1)
            assert list(locked.iterdir()) == []
        finally:
            locked.chmod(0o700)
    assert sorted(p.name for p in tmp_path.iterdir()) == (["locked"] if os.geteuid() != 0 else [])


# --- workbooks --------------------------------------------------------------------------------------


def _book(path: Path):
    openpyxl = pytest.importorskip("openpyxl")
    assert path.read_bytes()[:2] == b"PK"  # a real Office Open XML (zip) file, not text with an .xlsx name
    return openpyxl.load_workbook(path)


@pytest.mark.parametrize("lang, header, sheet", [("en", "Population", "Method and sources"),
                                                 ("da", "Folketal", "Metode og kilder")])
def test_all_workbook_holds_the_table_with_numbers_as_numbers(run, tmp_path, lang, header, sheet):
    """The workbook holds what the table shows: one row per area, the population and the estimates rounded as the
    note rounds, stored as numbers (with 'ca.' as the cell's number format), the caveats on the last sheet."""
    target = tmp_path / "all.xlsx"
    wrote(run("estimate", "--all", "--year", "2013", "-f", "xlsx", "-o", str(target), "--lang", lang), lang)
    data = json.loads(ok(run("estimate", "--all", "--year", "2013", "-f", "json", "--lang", lang)))
    book = _book(target)
    first = book.worksheets[0]
    assert first.freeze_panes == "A2"
    cells = list(first.iter_rows(values_only=True))
    assert header in cells[0]
    assert len(cells) - 1 == len(data["rows"]) == 104
    population = cells[0].index(header)
    for values, row in zip(cells[1:], data["rows"], strict=True):
        assert values[population] == row["population"] and isinstance(values[population], int)
        rounded = [v for v in values[population + 1:] if isinstance(v, int | float)]
        assert row["women_rounded"] in rounded and row["men_rounded"] in rounded, row["name"]
    women = next(c for c in first[2] if c.value == data["rows"][0]["women_rounded"])
    assert women.number_format == '"ca. "#,##0'  # shown as the table shows it: ca. 3.400 / ca. 3,400
    notes = book[sheet]
    assert notes.freeze_panes == "A2" and book.sheetnames[-1] == sheet
    text = " ".join(str(c) for r in notes.iter_rows(values_only=True) for c in r if c)
    assert all(c["text"] in text for c in data["caveats"])
    assert "Danmarks Statistik" in text or "Statistics Denmark" in text
    widths = [first.column_dimensions[col].width for col in ("A", "B", "C", "E")]
    assert all(w and w >= 6 for w in widths)


def test_estimate_workbooks(run, tmp_path):
    for name, args in (("one.xlsx", ["-m", "Viborg"]), ("pop.xlsx", ["-p", "43000"]), ("reg.xlsx", ["-r", "1082"]),
                       ("cmp.xlsx", ["-m", "Viborg", "-m", "Skive"])):
        wrote(run("estimate", *args, "-f", "xlsx", "-o", str(tmp_path / name)))
        book = _book(tmp_path / name)
        assert all(sheet.freeze_panes == "A2" for sheet in book.worksheets)
        assert book.sheetnames[-1] == "Method and sources"
    data = json.loads(ok(run("estimate", "-p", "43000", "-f", "json")))
    sheet = _book(tmp_path / "pop.xlsx").worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    local = rows[0].index("Local")
    women = next(r for r in rows if r[0] == next(e["label"] for e in data["estimates"]
                                                 if e["id"] == "women-physical-partner-violence"))
    assert women[local] == next(e["local"] for e in data["estimates"] if e["id"] == "women-physical-partner-violence")
    assert women[local] == 222.6
    # a region's workbook: one sheet per kind of table, the municipalities with their codes beside their names
    book = _book(tmp_path / "reg.xlsx")
    assert len(book.sheetnames) >= 5
    members = book[next(n for n in book.sheetnames if n.startswith("The municipalities of"))]
    listed = list(members.iter_rows(values_only=True))
    assert listed[0][:2] == ("Municipality", "Code") and listed[1][:2] == ("Horsens", "615")


@pytest.mark.parametrize("command", [["interventions"], ["law"], ["map"], ["initiatives"], ["law", "109"]])
def test_listing_workbooks(run, tmp_path, command):
    """The listings' workbooks hold their tables, one sheet each, in the chosen language."""
    target = tmp_path / "list.xlsx"
    wrote(run(*command, "-f", "xlsx", "-o", str(target), "--lang", "da"), "da")
    book = _book(target)
    assert book.sheetnames[-1] == "Metode og kilder" and len(book.sheetnames) >= 2
    assert all(sheet.freeze_panes == "A2" and sheet.max_row >= 2 for sheet in book.worksheets)


def test_force_overwrites(run, tmp_path):
    target = tmp_path / "map.xlsx"
    target.write_bytes(b"old")
    wrote(run("map", "-f", "xlsx", "-o", str(target), "--force"))
    _book(target)


def test_knowledge_text_never_becomes_a_formula(run, kb_copy, tmp_path):
    path = kb_copy / "interventions.yaml"
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    first = data["interventions"][0]["name"]["en"]
    path.write_text(text.replace(first, '=HYPERLINK(\\"http://example.invalid\\")', 1), encoding="utf-8")
    target = tmp_path / "i.xlsx"
    wrote(run("interventions", "--kb", str(kb_copy), "-f", "xlsx", "-o", str(target)))
    cells = [c for row in _book(target).worksheets[0].iter_rows() for c in row
             if isinstance(c.value, str) and c.value.startswith("=")]
    assert cells and all(c.data_type == "s" for c in cells)


def test_json_to_a_file_equals_stdout(run, tmp_path):
    target = tmp_path / "all.json"
    wrote(run("estimate", "--all", "-f", "json", "-o", str(target)))
    assert target.read_text(encoding="utf-8") == ok(run("estimate", "--all", "-f", "json"))


def test_openpyxl_only_for_xlsx(tmp_path):
    code = ("import sys; from vold_cli.__main__ import main; sys.argv = ['vold', 'estimate', '--all', '-f', 'json']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\nsys.stderr.write(str('openpyxl' in sys.modules))")
    env = {**os.environ, "VOLD_CACHE_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert done.stderr == "False"
    assert json.loads(done.stdout)["kind"] == "overview"


# --- the knowledge file: every municipality in exactly one region ------------------------------------


def _edit_regions(kb: Path, old: str, new: str) -> None:
    path = kb / "regions.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize("old, new, words", [
    ('  - {municipality: "791", name: "Viborg", region: "1082"}\n', "", "791 Viborg is in no region"),
    ('region: "1082"}\n  - {municipality: "740"', 'region: "1089"}\n  - {municipality: "740"', "unknown region '1089'"),
    ('  - {code: "1085", name: "Region Sjælland"}\n', "", "unknown region '1085'"),
    ('{municipality: "779", name: "Skive"', '{municipality: "791", name: "Viborg"', "exactly one region"),
    ('{municipality: "779", name: "Skive"', '{municipality: "799", name: "Skive"', "unknown municipality '799'"),
    ('{municipality: "779", name: "Skive"', '{municipality: "779", name: "Skiwe"', "differs from municipalities.yaml"),
])
def test_validate_checks_membership(run, kb_copy, old, new, words):
    _edit_regions(kb_copy, old, new)
    line = one_error(run("kb", "validate", str(kb_copy)), 1)
    assert "regions.yaml" in line and words in line


def test_regions_file_matches_the_data(knowledge):
    members = membership()
    assert {m["municipality"]: m["region"] for m in knowledge.data["regions"]["members"]} == {
        c: r for r, codes in members.items() for c in codes}
    names = {row["region_code"]: row["region"] for row in read_csv("regions.csv")}
    assert {r["code"]: r["name"] for r in knowledge.data["regions"]["regions"]} == names


@pytest.mark.parametrize("year", [2013, 2017, 2021, 2024])
def test_each_row_holds_its_figure_columns_under_the_keys_results_names(knowledge, year) -> None:
    """results.AreaRow: after the area's identity, each figure column as a value and its rounding or as a range
    and its rounding, then `places`; the country's row also the note's national figure, in that order."""
    from vold_cli.core.regions import MAIN_FIGURES, figure, has, overview
    from vold_cli.core.results import AreaRow
    from vold_cli.kb.facade import KnowledgeBase

    result = overview(KnowledgeBase(knowledge), year=year)
    identity = list(AreaRow.__annotations__)
    assert identity == ["level", "code", "name", "region", "population"]
    for row in result["rows"]:
        expected = list(identity)
        for column in MAIN_FIGURES:
            expected += ([column, f"{column}_rounded"] if has(row, column)
                         else [f"{column}_{k}" for k in ("low", "high", "rounded_low", "rounded_high")])
        expected.append("places")
        if row["level"] == "country":
            for column in MAIN_FIGURES:
                expected += ([f"{column}_national"] if has(row, f"{column}_national")
                             else [f"{column}_national_low", f"{column}_national_high"])
        assert list(row) == expected, row["code"]
        assert all(isinstance(figure(row, key), int | float) for key in expected[len(identity):])
