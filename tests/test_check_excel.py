"""`vold check` on files made the way Excel saves them: every offer and every one of the planner's own columns read,
in both languages.

Each file is generated here as the spreadsheet writes it (Danish Excel's "CSV (semikolonsepareret)": Windows-1252,
';', CRLF, a `sep=;` line when asked, trailing ';;;'; "Unicode-tekst": UTF-16 little-endian with a byte-order
mark and tabs; "CSV UTF-8": a byte-order mark; an .xlsx workbook written by openpyxl with number cells), all
from one list of offers, so every format must give the same answer."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

HEADER = ["Tilbud", "Indsats", "Fase", "Målgruppe", "Pladser", "Lov", "Udbyder", "Kontaktperson", "Årlig udgift (kr.)"]
#: The offers; the amounts as a Danish planner types them, and the numbers they are.
OFFERS = [
    ["Krisecenter Nordby", "Kvindekrisecentre", "Sekundær", "Voldsudsatte, Kvinder", "14", "§ 109", "Kommunen",
     "Anne Æbelø", "4.500.000"],
    ["Kærestevold i 8. klasse", "Safe Dates", "Primær", "Unge", "", "", "Skoletjenesten", "Bo Ørum", "125.000,50"],
    ["Behandling for voldsudøvere", "Dialog mod Vold", "", "", "", "", "Dialog mod Vold", "", "350.000 kr."],
    ["Efterværn", "efterværn", "Tertiær", "", "4", "", "Kommunen", "Åse Holm", ""],
]
AMOUNTS = {2: 4_500_000.0, 3: 125_000.5, 4: 350_000.0}
OWN = ["Udbyder", "Kontaktperson", "Årlig udgift (kr.)"]


def _csv_text(delimiter: str, rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def semicolon_cp1252(path: Path, *, sep_line: bool = False, blank_lines: int = 0) -> Path:
    """Danish Excel's "CSV (semikolonsepareret)": Windows-1252, ';', CRLF, trailing ';;' of formatted columns."""
    rows = [[*row, "", ""] for row in [HEADER, *OFFERS]] + [[""] * (len(HEADER) + 2)]
    text = ("sep=;\r\n" if sep_line else "") + ";;;\r\n" * blank_lines + _csv_text(";", rows)
    path.write_bytes(text.encode("cp1252"))
    return path


def unicode_text(path: Path) -> Path:
    """Danish Excel's "Unicode-tekst": UTF-16 little-endian with a byte-order mark, tab-separated."""
    path.write_bytes(b"\xff\xfe" + _csv_text("\t", [HEADER, *OFFERS]).encode("utf-16-le"))
    return path


def utf8_bom(path: Path) -> Path:
    """"CSV UTF-8 (kommasepareret)": a byte-order mark; Danish Excel still separates with ';'."""
    path.write_bytes(b"\xef\xbb\xbf" + _csv_text(";", [HEADER, *OFFERS]).encode("utf-8"))
    return path


def workbook(path: Path) -> Path:
    """An .xlsx workbook with the planner's own columns and the amounts as number cells."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Tilbud 2025"
    sheet.append(HEADER)
    for number, row in enumerate(OFFERS, start=2):
        cells: list[object] = list(row)
        cells[4] = int(row[4]) if row[4] else None
        cells[8] = AMOUNTS.get(number)
        sheet.append(cells)
    book.save(path)
    return path


MAKERS = {"cp1252.csv": semicolon_cp1252, "sep-line.csv": lambda p: semicolon_cp1252(p, sep_line=True),
          "blank-lines.csv": lambda p: semicolon_cp1252(p, blank_lines=2), "unicode.csv": unicode_text,
          "utf8-bom.csv": utf8_bom, "tilbud.xlsx": workbook}
ENCODINGS = {"cp1252.csv": "Windows-1252", "sep-line.csv": "Windows-1252", "blank-lines.csv": "Windows-1252",
             "unicode.csv": "UTF-16", "utf8-bom.csv": None, "tilbud.xlsx": None}


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("name", list(MAKERS))
def test_every_offer_and_every_own_column_is_read(run, tmp_path: Path, name: str, lang: str) -> None:
    path = MAKERS[name](tmp_path / name)
    result = run("check", str(path), "--format", "json", "--lang", lang)
    assert result.exit_code == 0, result.stderr
    encoding = ENCODINGS[name]
    if encoding is None:
        assert result.stderr == ""
    else:  # which encoding was read, said on stderr, in the user's language
        expected = (f"Læste {path} som {encoding} (ikke UTF-8).\n" if lang == "da"
                    else f"Read {path} as {encoding} (not UTF-8).\n")
        assert result.stderr == expected
    data = json.loads(result.stdout)
    assert data["own"] == OWN
    by_name = {o["offer"]: o for o in data["offers"]}
    assert sorted(by_name) == sorted(row[0] for row in OFFERS)
    for row in OFFERS:
        offer = by_name[row[0]]
        own = offer["own"]
        assert own["Udbyder"] == row[6] and own["Kontaktperson"] == row[7]  # Danish letters intact in every encoding
        assert offer["places"] == (int(row[4]) if row[4] else None)
    assert {o["line"]: o["amount"] for o in data["offers"] if o["amount"] is not None} == \
        {by_name[OFFERS[n - 2][0]]["line"]: value for n, value in AMOUNTS.items()}
    assert data["amounts"]["total"] == sum(AMOUNTS.values())
    assert by_name["Behandling for voldsudøvere"]["intervention"]["id"] == "perpetrator-treatment-denmark"
    assert by_name["Behandling for voldsudøvere"]["match"] == "provider"


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("name", ["cp1252.csv", "tilbud.xlsx"])
def test_own_columns_stand_beside_each_offer_in_every_format(run, tmp_path: Path, name: str, lang: str) -> None:
    path = MAKERS[name](tmp_path / name)
    table = run("check", str(path), "--format", "markdown", "--lang", lang)
    assert table.exit_code == 0, table.stderr
    header = next(line for line in table.stdout.splitlines() if line.startswith("| " + ("Tilbud" if lang == "da"
                                                                                        else "Offer")))
    assert all(f" {column} " in header for column in OWN)  # the planner's columns, as the planner named them
    for row in OFFERS:
        assert row[6] in table.stdout and (not row[7] or row[7] in table.stdout)
    rows = list(csv.DictReader(io.StringIO(run("check", str(path), "--format", "csv", "--lang", lang).stdout)))
    offers = [r for r in rows if r["kind"] == "offer"]
    assert sorted(r["own.Kontaktperson"] for r in offers) == sorted(row[7] for row in OFFERS)
    assert sorted(r["own.Udbyder"] for r in offers) == sorted(row[6] for row in OFFERS)
    total = next(r for r in rows if r["kind"] == "amount-total")
    assert float(total["amount"]) == sum(AMOUNTS.values())


@pytest.mark.parametrize("lang", ["da", "en"])
def test_amounts_are_summed_per_phase_as_the_municipality_s_own_figures(run, tmp_path: Path, lang: str) -> None:
    path = semicolon_cp1252(tmp_path / "t.csv")
    data = json.loads(run("check", str(path), "-f", "json", "--lang", lang).stdout)
    groups = {g["phase"]: (g["total"], g["offers"]) for g in data["amounts"]["groups"]}
    # Krisecenter: secondary (the file); Safe Dates: primary; Dialog mod Vold: the note's phases (secondary)
    assert groups == {"primary": (125_000.5, [3]), "secondary": (4_850_000.0, [2, 4])}
    assert data["amounts"]["without"] == [5] and data["amounts"]["column"] == "Årlig udgift (kr.)"
    out = " ".join(run("check", str(path), "-f", "markdown", "--lang", lang).stdout.split())
    if lang == "da":
        assert "Kommunens egne beløb pr. forebyggelsesfase (ikke notatets tal)" in out
        assert "| **I alt** | **4.975.000,50** |" in out
    else:
        assert "The municipality's own amounts per prevention phase (not the note's figures)" in out
        assert "| **Total** | **4,975,000.50** |" in out


@pytest.mark.parametrize("written, value", [
    ("1.250.000", 1_250_000), ("1250000", 1_250_000), ("12,5", 12.5), ("1,250,000.50", 1_250_000.5),
    ("1.250.000,50 kr.", 1_250_000.5), ("kr. 1 250 000", 1_250_000), ("1.250,-", 1250), ("DKK 1,250", 1250),
    ("12.50", 12.5), ("0,500", 0.5), ("-2.000", -2000), ("1\u00a0250\u00a0000 kr", 1_250_000),
])
def test_amounts_written_the_danish_or_the_english_way(written: str, value: float) -> None:
    from vold_cli.inputs.offers import parse_amount

    assert parse_amount(written) == value


@pytest.mark.parametrize("written", ["mange", "1.25.000", "12,", "1,2,3.4,5", "ca. 1 mio.", "1.250.000,50,1"])
def test_what_is_not_an_amount(written: str) -> None:
    from vold_cli.inputs.offers import parse_amount

    assert parse_amount(written) is None


@pytest.mark.parametrize("header, is_amount", [
    ("Årlig udgift (kr.)", True), ("Budget 2025", True), ("Cost (DKK)", True), ("Udgifter", True),
    ("Beløb", True), ("Samlede omkostninger", True), ("Pris (kr.)", True), ("Udbyder", False),
    ("Kontaktperson", False), ("Krisecenterets noter", False),
])
def test_the_header_rule_for_an_amount_column(header: str, is_amount: bool) -> None:
    from vold_cli.inputs.offers import is_amount_header

    assert is_amount_header(header) is is_amount


def test_a_column_headed_udgift_is_summed_when_several_look_like_amounts(run, tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("tilbud;Budget 2024;udgift\r\nA;1.000;2.000\r\n", encoding="utf-8")
    data = json.loads(run("check", str(path), "-f", "json").stdout)
    assert data["amounts"]["column"] == "udgift" and data["amounts"]["total"] == 2000
    assert data["offers"][0]["own"] == {"Budget 2024": "1.000", "udgift": "2.000"}


def test_blank_lines_with_spaces_before_the_header(run, tmp_path: Path) -> None:
    """A blank line of spaces before the header once made the ';' file read as ',': 'unknown column'."""
    path = tmp_path / "t.csv"
    path.write_bytes(b"\r\n   \r\n;;;\r\ntilbud;indsats\r\nA;Safe Dates\r\n")
    result = run("check", str(path), "-f", "json")
    assert result.exit_code == 0, result.stderr
    offer = json.loads(result.stdout)["offers"][0]
    assert (offer["line"], offer["intervention"]["id"]) == (5, "safe-dates")


def test_sep_line_names_the_separator(run, tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(b"sep=,\r\ntilbud,indsats\r\nKursus; 8. klasse,Safe Dates\r\n")  # ';' in a cell, ',' between
    offer = json.loads(run("check", str(path), "-f", "json").stdout)["offers"][0]
    assert (offer["line"], offer["offer"], offer["own"]) == (3, "Kursus; 8. klasse", {})
    assert offer["intervention"]["id"] == "safe-dates"


@pytest.mark.parametrize("lang, needle", [("en", "line 2: a quote (\") opened on this line is never closed"),
                                          ("da", "linje 2: et anførselstegn (\"), der åbnes på denne linje, lukkes "
                                                 "aldrig")])
def test_an_unclosed_quote_is_an_error_naming_its_line(run, tmp_path: Path, lang: str, needle: str) -> None:
    """It once swallowed the rest of the file: 1 offer instead of 101, exit 0."""
    path = tmp_path / "t.csv"
    path.write_bytes(b"tilbud;indsats\r\n\"Krisecenter;Kvindekrisecentre\r\n" + b"B;Safe Dates\r\n" * 100)
    result = run("check", str(path), "--lang", lang)
    assert result.exit_code == 1 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and needle in result.stderr


def test_a_near_miss_header_is_refused_an_own_column_is_kept(run, tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("tilbud;pladsr\r\nA;3\r\n", encoding="utf-8")
    result = run("check", str(path))
    assert result.exit_code == 1 and "Did you mean: pladser?" in result.stderr
    path.write_text("tilbud;Noter\r\nA;husk møde\r\n", encoding="utf-8")
    assert json.loads(run("check", str(path), "-f", "json").stdout)["offers"][0]["own"] == {"Noter": "husk møde"}


def test_yaml_keeps_own_keys_and_amounts(run, tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text("- tilbud: Krisecenter\n  indsats: kvindekrisecentre\n  udgift: 1.250.000\n  udbyder: Kommunen\n"
                    "- tilbud: Kursus\n  udgift: 12500\n", encoding="utf-8")
    data = json.loads(run("check", str(path), "-f", "json").stdout)
    assert data["own"] == ["udgift", "udbyder"] and data["amounts"]["total"] == 1_262_500
    assert data["offers"][0]["own"] == {"udgift": "1.250.000", "udbyder": "Kommunen"}
