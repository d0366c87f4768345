"""`vold check FILE`: a municipality's own offers against the note, read the way planners keep them (Danish
Excel's semicolon CSV with a byte-order mark and CRLF, plain CSV, YAML, xlsx when openpyxl is there), and
every bad file refused with one line naming file, line and column."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
KNOWLEDGE = ROOT / "knowledge"
LEVELS = {lv["id"]: lv for lv in yaml.safe_load((KNOWLEDGE / "evidence.yaml").read_text("utf-8"))["levels"]}
INTERVENTIONS = yaml.safe_load((KNOWLEDGE / "interventions.yaml").read_text("utf-8"))["interventions"]
LAW = yaml.safe_load((KNOWLEDGE / "law.yaml").read_text("utf-8"))
BENCH = yaml.safe_load((KNOWLEDGE / "benchmarks.yaml").read_text("utf-8"))["benchmarks"]


def _item(ident: str) -> dict:
    return next(i for i in INTERVENTIONS if i["id"] == ident)


def excel_csv(path: Path, rows: list[list[str]]) -> Path:
    """A file as Danish Excel saves 'CSV UTF-8': byte-order mark, ';', CRLF."""
    import csv
    import io

    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)  # quotes a cell holding ';' as Excel does
    path.write_bytes(b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))
    return path


DANISH_HEADER = ["Tilbud", "Indsats", "Fase", "Målgruppe", "Pladser", "Lov"]
PORTFOLIO = [
    DANISH_HEADER,
    ["Krisecenter Nordby", "Kvindekrisecentre", "Sekundær", "Voldsudsatte; Kvinder", "6", "§ 109"],
    ["Vredeshåndteringskursus", "Anger Management", "sekundaer", "voldsudøvere", "", ""],
    ["Kærestevoldsforløb for 8. klasse", "kærestevold", "primær", "Unge", "", ""],
    ["", "", "", "", "", ""],  # Excel writes empty rows it has formatted
]


@pytest.fixture
def portfolio(tmp_path: Path) -> Path:
    return excel_csv(tmp_path / "tilbud.csv", PORTFOLIO)


def _ok(run, *args: str):
    result = run("check", *args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return result


def _json(run, *args: str) -> dict:
    return json.loads(_ok(run, *args, "--format", "json").stdout)


# --- what the note says of each offer -----------------------------------------------------------------


def test_excel_portfolio_matches_each_offer_to_the_note(run, portfolio: Path) -> None:
    data = _json(run, str(portfolio), "--lang", "en")
    by_line = {o["line"]: o for o in data["offers"]}
    assert by_line[2]["intervention"]["id"] == "womens-crisis-centres"
    assert by_line[2]["evidence"]["id"] == _item("womens-crisis-centres")["evidence"] == "unknown"
    assert by_line[2]["places"] == 6 and by_line[2]["law"] == ["sel-109"]
    assert by_line[3]["intervention"]["id"] == "anger-management"
    assert by_line[3]["not_recommended"] is True
    assert by_line[4]["intervention"] is None and by_line[4]["match"] == "none"
    # the note's dating-violence programmes are named for the course, with their evidence
    assert {s["id"] for s in by_line[4]["suggestions"]} >= {"safe-dates", "youth-relationship-project", "fourth-r"}
    assert all(s["evidence"] == _item(s["id"])["evidence"] for s in by_line[4]["suggestions"])
    # the offer the note does not recommend comes first, although it is on line 3 of the file
    assert [o["line"] for o in data["offers"]] == [3, 2, 4]
    assert data["not_recommended"] == [3]
    assert data["steps"][0]["kind"] == "not-recommended" and data["steps"][0]["offers"] == [3]


@pytest.mark.parametrize("lang", ["en", "da"])
def test_output_says_what_the_note_says_in_both_languages(run, portfolio: Path, lang: str) -> None:
    out = _ok(run, str(portfolio), "--lang", lang, "--format", "markdown").stdout
    anger, crisis = _item("anger-management"), _item("womens-crisis-centres")
    assert anger["evidence_reason"][lang] in out
    assert crisis["evidence_reason"][lang] in out
    assert crisis["study_design"][lang] in out
    assert LEVELS["unknown"]["name"][lang] in out
    phrase = {"en": "international research literature does not recommend",
              "da": "internationale forskningslitteratur anbefaler ikke"}[lang]
    assert phrase in out
    crisis_phrase = {"en": "effect is not known", "da": "effekten kendes ikke"}[lang]
    assert crisis_phrase in out
    for ident in ("safe-dates", "youth-relationship-project", "fourth-r"):
        assert f"{_item(ident)['name'][lang]} (● {LEVELS['documented']['name'][lang]} · " in out
    called_out = {"en": "Offers the note does not recommend", "da": "Tilbud, som notatet ikke anbefaler"}[lang]
    assert out.index(called_out) < out.index("Krisecenter Nordby")
    assert out.index("Vredeshåndteringskursus") < out.index("Krisecenter Nordby")
    other = {"en": "anbefaler ikke", "da": "does not recommend"}[lang]
    assert other not in out  # one language only


def test_yaml_portfolio(run, tmp_path: Path) -> None:
    path = tmp_path / "offers.yaml"
    path.write_text(
        "- offer: Safe Dates at Nordby School\n"
        "  intervention: safe dates\n"
        "  target: [young-people]\n"
        "- offer: Anger management course\n"
        "  phase: secondary\n"
        "- offer: Crisis centre\n"
        "  intervention: Women's crisis centres\n"
        "  places: 3\n", encoding="utf-8")
    data = _json(run, str(path), "--lang", "en")
    by_line = {o["line"]: o for o in data["offers"]}
    assert by_line[1]["intervention"]["id"] == "safe-dates"
    assert by_line[1]["evidence"]["id"] == _item("safe-dates")["evidence"]
    assert by_line[1]["phases"] == ["primary"] and by_line[1]["phases_from"] == "note"
    # no intervention given: recognised from the offer's own name
    assert by_line[4]["intervention"]["id"] == "anger-management" and by_line[4]["match"] == "offer-name"
    assert by_line[6]["places"] == 3 and by_line[6]["crisis_centre"] is True
    assert data["offers"][0]["line"] == 4


def test_plain_csv_with_english_headers_commas_and_lf(run, tmp_path: Path) -> None:
    path = tmp_path / "offers.csv"
    path.write_text('OFFER,Intervention,Phase,Target\n"Parents, together",foraeldreundervisning,Primary,'
                    '"parents; couples"\nMen\'s line,Stoette til maend,tertiary,men\n', encoding="utf-8")
    data = _json(run, str(path))
    assert [o["intervention"]["id"] for o in data["offers"]] == ["parent-education", "support-for-men"]
    assert data["offers"][0]["targets"] == ["parents", "couples"]


@pytest.mark.parametrize("written,ident,how", [
    ("Safe Dats", "safe-dates", "fuzzy"),
    ("efterværn", "aftercare", "prefix"),
    ("Foraeldreundervisning om vold i parforholdet", "parent-education", "name"),
    ("ANGER-MANAGEMENT", "anger-management", "id"),
])
def test_tolerant_matching(run, tmp_path: Path, written: str, ident: str, how: str) -> None:
    path = excel_csv(tmp_path / "t.csv", [["tilbud", "indsats"], ["Vores tilbud", written]])
    offer = _json(run, str(path))["offers"][0]
    assert (offer["intervention"]["id"], offer["match"]) == (ident, how)


def test_unmatched_intervention_is_not_an_error(run, tmp_path: Path) -> None:
    path = excel_csv(tmp_path / "t.csv", [["tilbud", "indsats"], ["Klub", "Safe Daters Club"]])
    result = _ok(run, str(path), "--format", "markdown")
    assert "Not in the note ('Safe Daters Club')" in result.stdout
    assert "Did you mean: Safe Dates (● Documented effect · design not stated)?" in result.stdout


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_every_format(run, portfolio: Path, fmt: str) -> None:
    out = _ok(run, str(portfolio), "-p", "43000", "--format", fmt).stdout
    assert "Vredeshåndteringskursus" in out
    if fmt == "csv":
        head = out.splitlines()[0].split(",")
        assert head[0] == "kind"
        kinds = {line.split(",")[0] for line in out.splitlines()[1:]}
        assert {"offer", "coverage", "law", "capacity", "benchmark", "expected-stays", "next"} <= kinds


# --- coverage and the legal checklist come from the knowledge base ---------------------------------------


def _cell(data: dict, phase: str, target: str) -> dict:
    return next(c for c in data["coverage"]["cells"] if c["phase"] == phase and c["target"] == target)


def test_coverage_follows_the_knowledge(run, portfolio: Path, kb_copy: Path) -> None:
    base = _json(run, str(portfolio))
    cell = _cell(base, "secondary", "victims")
    assert cell["offers"] == [2] and not cell["gap"]
    # gaps: exactly the cells where the note has documented or promising interventions and no offer
    evidenced = {"documented", "promising"}
    for c in base["coverage"]["cells"]:
        expected = sorted(i["id"] for i in INTERVENTIONS if c["phase"] in i["phases"]
                          and c["target"] in i["target_groups"] and i["evidence"] in evidenced)
        assert sorted(s["id"] for s in c["evidenced"]) == expected
        recommended_offers = [line for line in c["offers"] if line != 3]
        assert c["gap"] == (bool(expected) and not recommended_offers)
    # anger management alone does not close the perpetrators' gap in secondary prevention
    assert _cell(base, "secondary", "perpetrators")["offers"] == [3]
    assert _cell(base, "secondary", "perpetrators")["gap"] is True
    assert _cell(base, "tertiary", "professionals")["evidenced"] == []

    data = yaml.safe_load((kb_copy / "interventions.yaml").read_text("utf-8"))
    new = dict(_item("fourth-r"), id="test-supervision",
               name={"da": "Prøvesupervision", "en": "Trial supervision"},
               phases=["tertiary"], target_groups=["professionals"], law=["tilhold-3"])
    data["interventions"].append(new)
    (kb_copy / "interventions.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    changed = _json(run, str(portfolio), "--kb", str(kb_copy))
    cell = _cell(changed, "tertiary", "professionals")
    assert [s["id"] for s in cell["evidenced"]] == ["test-supervision"] and cell["gap"] is True
    assert any(s["kind"] == "gap" and s["phase"] == "tertiary" and "professionals" in s["targets"]
               for s in changed["steps"])

    # an offer matched to the new intervention links it to the intervention's law entry
    offers = excel_csv(portfolio.parent / "new.csv", [["tilbud", "indsats"], ["Supervision", "Trial supervision"]])
    linked = _json(run, str(offers), "--kb", str(kb_copy))
    law = {item["id"]: item for item in linked["law"]}
    assert law["tilhold-3"]["offers"] == [{"line": 2, "offer": "Supervision", "via": "intervention"}]
    assert not _cell(linked, "tertiary", "professionals")["gap"]


def test_legal_checklist(run, portfolio: Path, tmp_path: Path) -> None:
    data = _json(run, str(portfolio))
    # the note's legal references (law after the note, straffeloven § 243, is no checklist item of the note's)
    note_entries = [e for e in LAW["entries"] if e.get("in_note", True)]
    assert [item["id"] for item in data["law"]] == [e["id"] for e in note_entries]
    assert "strfl-243" in {e["id"] for e in LAW["entries"]} - {item["id"] for item in data["law"]}
    law = {item["id"]: item for item in data["law"]}
    assert law["sel-109"]["offers"] == [{"line": 2, "offer": "Krisecenter Nordby", "via": "lov"}]
    entry = next(e for e in LAW["entries"] if e["id"] == "sel-109")
    act = next(a for a in LAW["acts"] if a["id"] == "serviceloven")
    # only real changes since the note count (kind changed): confirmations and background are no change
    assert len(law["sel-109"]["changes"]) == len([c for c in entry["changes_since"] if c["kind"] == "changed"])
    assert len(law["sel-109"]["act_changes"]) == len([c for c in act["changes_since"] if c["kind"] == "changed"])
    assert law["cpr-28"]["changes"] == [] and law["cpr-28"]["act_changes"] == []
    unlinked = [s for s in data["steps"] if s["kind"] == "law"]
    # only the municipality's own provisions (law.yaml: the act's duty) are steps; the other authorities' are not
    duty = {a["id"]: a["duty"] for a in LAW["acts"]}
    assert unlinked[0]["laws"] == [e["id"] for e in LAW["entries"]
                                   if e["id"] != "sel-109" and duty[e["act"]] == "municipality"]
    # the checklist keeps to the note's own references (issue 26's § 243, in_note: false, is shown by vold law)
    assert {item["id"]: item["duty"] for item in data["law"]} == {e["id"]: duty[e["act"]] for e in LAW["entries"]
                                                                 if e.get("in_note", True)}
    out = _ok(run, str(portfolio), "--format", "markdown").stdout
    assert "A checklist to go through, not a verdict on whether the municipality complies with the law." in out
    assert "Changed since the note — not from the note" in out
    # the intervention's own law list links too, and an unknown reference is reported, not an error
    path = excel_csv(tmp_path / "l.csv", [["tilbud", "indsats", "lov"], ["Krisecenter", "kvindekrisecentre", ""],
                                          ["Rådgivning", "", "sel 10; § 999"]])
    data = _json(run, str(path))
    law = {item["id"]: item for item in data["law"]}
    assert law["sel-109"]["offers"][0]["via"] == "intervention"
    assert law["sel-10"]["offers"][0]["via"] == "lov"
    assert data["offers"][1]["law_unknown"][0][0] == "§ 999"


# --- need against capacity -----------------------------------------------------------------------------------


def test_capacity_against_benchmark_and_expected_stays(run, portfolio: Path) -> None:
    data = _json(run, str(portfolio), "--population", "43000")
    cap = data["capacity"]
    assert cap["offers"] == [2] and cap["places"] == 6
    bench = BENCH[0]
    assert cap["benchmarks"][0]["local"] == round(43000 / bench["per_inhabitants"] * bench["places"], 1)
    estimate = json.loads(run("estimate", "-p", "43000", "-f", "json").stdout)
    stays = next(e for e in estimate["estimates"] if e["id"] == "crisis-centre-stays-women")
    mine = next(s for s in cap["stays"] if s["id"] == "crisis-centre-stays-women")
    assert (mine["local"], mine["rounded"]) == (stays["local"], stays["rounded_value"])
    out = _ok(run, str(portfolio), "--population", "43000", "--format", "markdown").stdout
    assert "A very loose estimate" in out and "not a Danish legal requirement" in out
    assert "Stays are not persons" in out
    # 6 places against 4.3: no capacity step; 2 places: one
    assert not any(s["kind"] == "capacity" for s in data["steps"])
    small = excel_csv(portfolio.parent / "s.csv", [["tilbud", "indsats", "pladser"], ["KC", "kvindekrisecentre", "2"]])
    data = _json(run, str(small), "--municipality", "Viborg", "--year", "2013")
    assert data["capacity"]["municipality"] == "Viborg" and data["capacity"]["year"] == 2013
    assert any(s["kind"] == "capacity" for s in data["steps"])


@pytest.mark.parametrize("year", [2013, 2024])
def test_capacity_for_a_region_is_its_summed_population(run, portfolio: Path, year: int) -> None:
    """--region: the places against the benchmark for the region's population, the sum of its municipalities in
    the data files (tests/data, Danmarks Statistik via the project's copies)."""
    import csv

    data_dir = Path(__file__).parent / "data"
    with (data_dir / "regions.csv").open(encoding="utf-8") as handle:
        members = {row["municipality_code"] for row in csv.DictReader(handle) if row["region_code"] == "1082"}
    with (data_dir / f"municipalities-{year}-01-01.csv").open(encoding="utf-8") as handle:
        expected = sum(int(row["population"]) for row in csv.DictReader(handle) if row["code"] in members)
    data = _json(run, str(portfolio), "--region", "midtjylland", "--scope", "region", "--year", str(year))
    cap = data["capacity"]
    assert (cap["population"], cap["region"], cap["year"], cap["scope"]) == (expected, "Region Midtjylland", year,
                                                                            "region")
    bench = BENCH[0]
    assert cap["benchmarks"][0]["local"] == round(expected / bench["per_inhabitants"] * bench["places"], 1)
    out = _ok(run, str(portfolio), "--region", "1082", "--scope", "region", "--year", str(year)).stdout
    assert "Region Midtjylland" in out and "Kommune" not in out.split("Need and capacity")[1].splitlines()[2]


@pytest.mark.parametrize("other", [["--municipality", "Viborg"], ["--population", "43000"]])
def test_region_with_municipality_or_population_is_a_usage_error(run, portfolio: Path, other: list[str]) -> None:
    result = run("check", str(portfolio), "--region", "Midtjylland", *other)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "--region" in result.stderr and other[0] in result.stderr


def test_a_not_recommended_offer_never_ticks_a_coverage_cell(run, tmp_path: Path) -> None:
    """An anger-management course sits in its cell marked as not recommended, never with a tick, and the cell
    stays a gap (the note: not recommended in the international research literature, ref. 26)."""
    path = excel_csv(tmp_path / "a.csv", [["tilbud", "indsats", "fase", "målgruppe"],
                                          ["Vredeskursus", "anger management", "sekundær", "voldsudøvere"]])
    for lang, mark in (("da", "anbefales ikke; tæller ikke"), ("en", "not recommended; does not count")):
        out = " ".join(_ok(run, str(path), "--format", "markdown", "--lang", lang).stdout.split())
        assert f"✕ Vredeskursus ({mark})" in out
        assert "✓ Vredeskursus" not in out
    data = _json(run, str(path))
    cell = next(c for c in data["coverage"]["cells"] if c["phase"] == "secondary" and c["target"] == "perpetrators")
    assert cell["offers"] == [2] and cell["gap"] is True


def test_without_population_asks_for_one(run, portfolio: Path) -> None:
    data = _json(run, str(portfolio))
    assert data["capacity"]["population"] is None and data["capacity"]["benchmarks"] == []
    assert any(s["kind"] == "no-population" for s in data["steps"])


# --- the template ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang,header", [("da", "tilbud;indsats;fase;målgruppe;pladser;lov"),
                                         ("en", "offer,intervention,phase,target,places,law")])
def test_template_round_trips(run, tmp_path: Path, lang: str, header: str) -> None:
    shown = _ok(run, "--template", "--lang", lang).stdout
    assert shown.splitlines()[0] == header and len(shown.splitlines()) == 3
    target = tmp_path / "t.csv"
    result = run("check", "--template", "-o", str(target), "--lang", lang)
    assert result.exit_code == 0 and result.stdout == ""
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    data = _json(run, str(target))
    assert [o["intervention"]["id"] for o in data["offers"]] == ["womens-crisis-centres", "safe-dates"]
    assert data["offers"][0]["places"] == 12 and data["offers"][0]["law"] == ["sel-109"]
    again = run("check", "--template", "-o", str(target))
    assert again.exit_code == 1 and "already exists" in again.stderr
    assert _json(run, str(target))["offers"][0]["places"] == 12


# --- bad input: one line, exact exit code, nothing written ---------------------------------------------------


def _bad(run, tmp_path: Path, name: str, content: bytes | None, code: int, *needles: str, args=()) -> str:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = run("check", str(path), *args)
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    for needle in (str(path),) + needles:
        assert needle in lines[0]
    return lines[0]


BOM = b"\xef\xbb\xbf"


@pytest.mark.parametrize("name,content,needles", [
    ("missing.csv", None, ["no such file"]),
    ("empty.csv", b"", ["empty"]),
    ("blank.csv", BOM + b"\r\n \r\n", ["empty"]),
    ("header-only.csv", BOM + b"tilbud;indsats\r\n", ["no offers"]),
    ("binary.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00", ["binary"]),
    ("utf16-no-bom.csv", "tilbud\nx\n".encode("utf-16-le"), ["binary", "UTF-16"]),
    ("neither.csv", b"tilbud;m\xe5lgruppe\r\nKrise\x81center;kvinder\r\n", ["line 2", "not UTF-8 or Windows-1252",
                                                                              "CSV UTF-8"]),
    ("control.csv", b"tilbud\r\nA\x1b[2J\r\n", ["line 2", "binary", "0x1b"]),
    ("dup.csv", BOM + b"tilbud;indsats;offer\r\nx;y;z\r\n", ["line 1", "column 'offer'", "duplicate"]),
    ("noreq.csv", BOM + b"indsats;fase\r\nSafe Dates;primaer\r\n", ["line 1", "tilbud/offer"]),
    ("unknown.csv", BOM + b"tilbud;pladsr\r\nx;3\r\n", ["line 1", "column 'pladsr'", "Did you mean: pladser",
                                                        "Valid columns: tilbud/offer"]),
    ("places.csv", BOM + b"Tilbud;Pladser\r\nA;4\r\nB;tolv\r\n", ["line 3", "column 'Pladser'", "'tolv'",
                                                                          "whole number"]),
    ("phase.csv", BOM + b"tilbud;fase\r\nA;sekundr\r\n", ["line 2", "column 'fase'", "unknown phase 'sekundr'",
                                                                  "Did you mean", "Sekundær"]),
    ("target.csv", BOM + "tilbud;målgruppe\r\nA;kvinder, unnge\r\n".encode(), ["line 2", "column 'målgruppe'",
                                                                             "'unnge'", "Did you mean: Unge"]),
    ("empty-name.csv", BOM + b"tilbud;indsats\r\nA;x\r\n;Safe Dates\r\n", ["line 3", "column 'tilbud'"]),
    ("extra.csv", BOM + b"tilbud;indsats\r\nA;x;y\r\n", ["line 2", "3 cells"]),
    ("bad.yaml", b"- tilbud: A\n  pladser: mange\n", ["line 2", "column 'pladser'", "'mange'"]),
    ("keys.yaml", "- tilbud: A\n- tilbud: B\n  faze: primær\n".encode(), ["line 3", "column 'faze'", "Did you mean: fase"]),
    ("notlist.yaml", b"tilbud: A\n", ["expected a list of offers"]),
    ("list.yaml", b"- tilbud: A\n  target: [unge, kvinder]\n  pladser: x\n", ["line 3", "column 'pladser'"]),
    ("broken.yaml", b"- tilbud: [A\n", ["line"]),
    ("zip.csv", b"PK\x03\x04rest", ["zip archive"]),
])
def test_bad_file(run, tmp_path: Path, name: str, content: bytes | None, needles: list[str]) -> None:
    _bad(run, tmp_path, name, content, 1, *needles)


def test_too_large(run, tmp_path: Path) -> None:
    from vold_cli.inputs.offers import MAX_BYTES

    _bad(run, tmp_path, "big.csv", b"tilbud\n" + b"x\n" * (MAX_BYTES // 2), 1, "larger than the limit")


def test_folder(run, tmp_path: Path) -> None:
    (tmp_path / "dir.csv").mkdir()
    _bad(run, tmp_path, "dir.csv", None, 1, "folder")


@pytest.mark.parametrize("args,needle", [
    ([], "Give the FILE"),
    (["x.csv", "--template"], "not both"),
    (["x.csv", "--format", "xlsx"], "-o"),
    (["--template", "-p", "43000"], "--template takes no"),
])
def test_usage_errors(run, args: list[str], needle: str) -> None:
    result = run("check", *args)
    assert result.exit_code == 2 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and needle in result.stderr


@pytest.mark.parametrize("args", [["-p", "43000", "-m", "Viborg"], ["-p", "fire"], ["-m", "Atlantis"]])
def test_population_usage_errors(run, portfolio: Path, args: list[str]) -> None:
    result = run("check", str(portfolio), *args)
    assert result.exit_code == 2 and result.stdout == "" and len(result.stderr.splitlines()) == 1


def test_check_written_to_a_file(run, portfolio: Path, tmp_path: Path) -> None:
    """-o FILE writes the check (any format, atomically, never over a file without --force); the notice on stderr
    is in the user's language."""
    out = tmp_path / "tjek.md"
    result = run("check", str(portfolio), "-m", "Viborg", "--format", "markdown", "-o", str(out), "--lang", "da")
    assert result.exit_code == 0 and result.stdout == "" and out.read_text(encoding="utf-8").startswith("#")
    assert result.stderr.startswith(f"Skrev {out} (") and result.stderr.endswith(" byte).\n")
    again = run("check", str(portfolio), "-m", "Viborg", "--format", "markdown", "-o", str(out))
    assert again.exit_code == 1 and "--force" in again.stderr


def test_xlsx_without_openpyxl(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import fails as when it is not installed
    _bad(run, tmp_path, "offers.xlsx", b"PK\x03\x04" + b"\x00" * 40, 1, "openpyxl", "CSV UTF-8")


def test_xlsx(run, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Tilbud", "Indsats", "Pladser"])
    sheet.append(["Krisecenter", "Kvindekrisecentre", 5])
    sheet.append(["Kursus", "Anger Management", None])
    sheet.append(["Forkert", None, "fem"])
    path = tmp_path / "tilbud.xlsx"
    book.save(path)
    _bad(run, tmp_path, "tilbud.xlsx", None, 1, "sheet 'Sheet', row 4", "column 'Pladser'")
    sheet.delete_rows(4)
    book.save(path)
    data = _json(run, str(path))
    assert [o["line"] for o in data["offers"]] == [3, 2] and data["offers"][1]["places"] == 5


# --- the planning brief ------------------------------------------------------------------------------------


def test_report_with_offers(run, portfolio: Path, tmp_path: Path) -> None:
    result = run("report", "-p", "43000", "--offers", str(portfolio), "--lang", "da")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    # a numbered section like the others, its parts numbered under it, before the sources
    assert "## 9. Kommunens egne tilbud holdt op mod notatet" in out
    assert out.index("## 9. Kommunens egne tilbud") < out.index("## 10. Kilder")
    assert "### 9.1 Tilbuddene og notatet" in out and "internationale forskningslitteratur anbefaler ikke" in out
    assert "### 9.5 Hvad der skal ses på nu" in out and "se punkt 9.5" in out
    plain = run("report", "-p", "43000", "--lang", "da").stdout
    assert "Kommunens egne tilbud" not in plain
    bad = excel_csv(tmp_path / "bad.csv", [["tilbud", "pladser"], ["A", "x"]])
    target = tmp_path / "brief.html"
    result = run("report", "-p", "43000", "--offers", str(bad), "-f", "html", "-o", str(target))
    assert result.exit_code == 1 and "line 2" in result.stderr and not target.exists()


def test_readme_example_checks(run, tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    block = readme.split("```csv\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "readme.csv"
    path.write_text(block, encoding="utf-8")
    data = _json(run, str(path))
    assert [o["intervention"]["id"] for o in data["offers"]] == ["anger-management", "womens-crisis-centres",
                                                                 "safe-dates"]


@pytest.mark.parametrize("suffix", sorted({x for f in __import__("vold_cli.output.formats", fromlist=["FORMATS"])
                                           .FORMATS.values() for x in f.suffixes}))
def test_the_template_is_written_only_under_a_csv_name(run, tmp_path, suffix) -> None:
    """The template is CSV: under any other format's ending (every ending the format registry knows) it is a
    usage error and nothing is written, never a CSV file named .xlsx."""
    target = tmp_path / f"tilbud{suffix}"
    result = run("check", "--template", "-o", str(target))
    if suffix == ".csv":
        assert result.exit_code == 0 and target.read_bytes().startswith(b"\xef\xbb\xbf"), result.stderr
    else:
        assert result.exit_code == 2 and not target.exists(), result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
