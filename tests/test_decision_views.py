"""Decision views that cannot mislead (issue 15): the map shows each intervention with its own level in every
format, the design stands beside every grade, and every search hit names a command whose output holds the text.

The expected levels and designs are read from knowledge/interventions.yaml, not written here."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

KNOWLEDGE = Path(__file__).resolve().parents[1] / "knowledge"
ITEMS = {i["id"]: i for i in yaml.safe_load((KNOWLEDGE / "interventions.yaml").read_text("utf-8"))["interventions"]}
LEVELS = {lv["id"]: lv for lv in yaml.safe_load((KNOWLEDGE / "evidence.yaml").read_text("utf-8"))["levels"]}
POSITIVE = {"documented", "promising"}
MARKS = "●◐○?✕"


def _ok(run: Any, *args: str) -> str:
    result = run(*args, env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return str(result.stdout)


def _own(lang: str, ident: str) -> tuple[str, str]:
    item = ITEMS[ident]
    return item["name"][lang], LEVELS[item["evidence"]]["name"][lang]


def _level_of(text: str, lang: str) -> list[str]:
    """The level names a piece of text holds (longest first, so 'Effect unknown' is not read as two)."""
    names = sorted((lv["name"][lang] for lv in LEVELS.values()), key=len, reverse=True)
    found = []
    for name in names:
        if name in text:
            found.append(name)
            text = text.replace(name, "")
    return found


def _check_line(line: str, lang: str, *, design: bool = True) -> str:
    """One map line: its mark, one intervention's name and exactly that intervention's own level."""
    hits = [i for i in ITEMS if f" {ITEMS[i]['name'][lang]} (" in f" {line}"]
    assert len(hits) == 1, line
    name, level = _own(lang, hits[0])
    assert _level_of(line, lang) == [level], line
    assert line.lstrip("*").startswith(f"{'●◐○?✕'[list(LEVELS).index(ITEMS[hits[0]]['evidence'])]} "), line
    assert "design" in line or not design, line
    return hits[0]


@pytest.mark.parametrize("lang", ["da", "en"])
def test_map_json_gives_each_intervention_its_own_level_and_designs(run, lang) -> None:
    cells = json.loads(_ok(run, "map", "--format", "json", "--lang", lang))
    seen = set()
    for cell in cells:
        ranks = []
        for entry in cell["interventions"]:
            item = ITEMS[entry["id"]]
            assert entry["name"] == item["name"][lang]
            assert entry["level"] == item["evidence"]
            assert entry["level_label"] == LEVELS[item["evidence"]]["name"][lang]
            assert entry["designs"] == item["designs"]
            assert entry["not_recommended"] == (item["evidence"] == "not-recommended")
            ranks.append(LEVELS[item["evidence"]]["rank"])
            seen.add(entry["id"])
        assert ranks == sorted(ranks, reverse=True), cell["id"]  # ordered by level within the cell
        assert cell["gap"] == all(e["level"] != "documented" for e in cell["interventions"])
    assert seen == set(ITEMS)


def test_map_csv_rows_carry_each_interventions_own_level(run) -> None:
    rows = list(csv.DictReader(io.StringIO(_ok(run, "map", "--format", "csv"))))
    members = [r for r in rows if r["part"] == "interventions" and r["level"]]
    assert {r["id"] for r in members} == set(ITEMS)
    for row in members:
        item = ITEMS[row["id"]]
        assert row["level"] == item["evidence"] and row["level_label"] == LEVELS[item["evidence"]]["name"]["en"]
        assert row["not_recommended"] == ("true" if item["evidence"] == "not-recommended" else "false")
        assert row["design_label"].startswith("design")
    assert any(r["id"] == "anger-management" and r["level_label"] == "Not recommended" for r in members)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_map_markdown_lines_each_name_one_intervention_with_its_own_level(run, lang) -> None:
    out = _ok(run, "map", "--format", "markdown", "--lang", lang)
    table = [line for line in out.splitlines() if line.startswith("| **")]
    seen = set()
    for row in table[:9]:
        for cell in [c.strip() for c in row.strip("|").split(" | ")][1:]:
            if not cell or cell.startswith("—"):
                continue
            parts = re.split(r" · (?=[●◐○?✕] |Hul:|Gap:)", cell)
            for part in parts:
                if part.startswith(("Hul:", "Gap:")):
                    assert part == {"da": "Hul: ingen indsats med dokumenteret effekt",
                                    "en": "Gap: no intervention with documented effect"}[lang]
                    assert _level_of(part.replace("dokumenteret effekt", "").replace("documented effect", ""),
                                     lang) == []
                    continue
                seen.add(_check_line(part.replace("\\", ""), lang))
    assert seen == set(ITEMS)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_map_table_lines_each_name_one_intervention_with_its_own_level(run, lang) -> None:
    out = _ok(run, "map", "--lang", lang)  # 250 columns: every line of a cell on one line
    seen = set()
    for line in out.splitlines():
        for cell in re.split(r"\s*[│┃]\s*", line):
            # a line that starts with a mark and holds a whole name: that name's own level, nothing else
            if cell[:1] in MARKS and cell[1:2] == " " and any(
                    f" {i['name'][lang]} (" in f" {cell}" and "·" in cell for i in ITEMS.values()):
                seen.add(_check_line(cell, lang, design=False))  # the design may wrap onto the next line
    assert len(seen) >= len(ITEMS) // 2 and "anger-management" in seen


def test_map_html_report_styles_each_line_by_its_own_level(run, tmp_path) -> None:
    path = tmp_path / "r.html"
    result = run("report", "--population", "43000", "-o", str(path), env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.stderr
    page = path.read_text("utf-8")
    section = page[page.index("3. Evidence gap map"):page.index("4. Law")]
    spans = re.findall(r'<span class="([a-z-]+)">([^<]*)</span>', section)
    lines = [(cls, html.unescape(text)) for cls, text in spans if text[:1] in MARKS and text[1:2] == " "]
    assert {_check_line(text, "en") for _, text in lines} == set(ITEMS)
    for cls, text in lines:
        ident = _check_line(text, "en")
        assert cls == ITEMS[ident]["evidence"], text  # bold green only for documented effect
        if cls in POSITIVE:
            assert ITEMS[ident]["evidence"] in POSITIVE
    gap = [text for cls, text in spans if cls == "gap"]
    assert "Gap: no intervention with documented effect" in [html.unescape(g) for g in gap]


def test_map_in_ascii_keeps_the_words_and_gives_ascii_marks(run) -> None:
    from vold_cli.output.blocks import ascii_marks
    from vold_cli.output.formats import emit

    class Ascii(io.StringIO):
        encoding = "ascii"

    from vold_cli.core.query import evidence_map
    from vold_cli.kb.facade import KnowledgeBase
    from vold_cli.kb.loader import load
    from vold_cli.views.evidence import map_doc

    kb = KnowledgeBase(load(None))
    doc = map_doc(kb, evidence_map(kb), "en")
    assert ascii_marks(doc, io.StringIO()) is doc  # a UTF-8 stream keeps the marks
    stream = Ascii()
    emit(doc, "markdown", stream=stream)
    text = stream.getvalue()
    assert not set("●◐○✕") & set(text)
    assert "x Anger Management (Not recommended - design not stated)" in text


# --- (b) the design beside every grade ------------------------------------------------------------------


def test_the_design_stands_beside_the_grade_in_the_views(run) -> None:
    listing = _ok(run, "interventions", "--format", "markdown")
    detail = _ok(run, "interventions", "safe-dates")
    phases = _ok(run, "phases", "--format", "markdown")
    evidence = _ok(run, "evidence", "--format", "markdown")
    report = _ok(run, "report", "--population", "43000")
    assert "● Documented effect · design not stated" in detail
    for ident, item in ITEMS.items():
        level = LEVELS[item["evidence"]]["name"]["en"]
        designs = "design not stated" if item["designs"] == ["not-stated"] else "design: "
        assert re.search(re.escape(f"{level} · {designs}"), listing), ident
        assert item["name"]["en"] in evidence
    section2 = report[report.index("## 2. Interventions"):report.index("## 3. Evidence gap map")]
    assert section2.count(" · design") >= len(ITEMS)
    assert "design: meta-analysis" in phases and "design not stated" in phases
    da = _ok(run, "interventions", "youth-relationship-project", "--lang", "da")
    assert "Dokumenteret effekt · design ikke oplyst" in da


def test_vold_evidence_lists_every_intervention_under_its_own_level(run) -> None:
    data = json.loads(_ok(run, "evidence", "--format", "json"))
    for level in data:
        assert {m["id"] for m in level["members"]} == {i for i, item in ITEMS.items() if item["evidence"] == level["id"]}
        for member in level["members"]:
            assert member["designs"] == ITEMS[member["id"]]["designs"]


# --- (c) search that leads somewhere ---------------------------------------------------------------------

SEARCHES = {
    "da": ["entydig evidens", "godt 29", "antages", "kærestevold", "kaerestevold", "Safe Dates", "anger",
           "alkohol", "krisecent", "ophold", "forældreundervisning", "mobning", "metaanalyse", "tilhold",
           "serviceloven", "Viborg", "Ærø", "aero", "implementering", "drivkræfter", "registerdata", "omkostninger",
           "voldens pris", "efterværn", "mandecentret", "psykolog", "dokumenteret effekt", "anbefales ikke",
           "børn", "familiepladser"],
    "en": ["unambiguous evidence", "godt 29", "assumed", "dating violence", "Safe Dates", "anger", "alcohol",
           "crisis cent", "stays", "parent education", "bullying", "meta-analysis", "restraining", "Social Services",
           "Viborg", "Ærø", "aero", "implementation", "drivers", "register data", "costs", "voldens pris",
           "aftercare", "Mandecentret", "psychologist", "documented effect", "not recommended", "children",
           "family places", "advantages"],
}


def _normal(text: str) -> str:
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|<>~])", r"\1", text)  # Markdown escapes
    return " ".join(text.split()).casefold()


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_hit_names_a_command_whose_output_holds_the_match(run, lang) -> None:
    assert len(SEARCHES[lang]) == 30
    outputs: dict[str, str] = {}
    total = 0
    for words in SEARCHES[lang]:
        hits = json.loads(_ok(run, "search", *words.split(), "--lang", lang, "--format", "json"))
        assert hits, (lang, words)
        for hit in hits:
            total += 1
            command = hit["command"]
            assert command.startswith("vold ")
            if command not in outputs:
                outputs[command] = _normal(_ok(run, *command.split()[1:], "--lang", lang, "--format", "markdown"))
            assert _normal(hit["match"]) in outputs[command], (words, hit)
            core = hit["snippet"].strip("…")
            assert _normal(core) in outputs[command], (words, hit)
    assert total >= 60


def test_search_matches_word_starts_in_the_chosen_language_only(run) -> None:
    da = json.loads(_ok(run, "search", "antages", "--lang", "da", "--format", "json"))
    assert da and all(re.search(r"\bantages", h["snippet"]) for h in da)
    assert not any("advantages" in h["snippet"] for h in da)
    result = run("search", "kærestevold", "--lang", "en", "--format", "json")
    assert json.loads(result.stdout) == []  # no Danish snippets in English
    en = json.loads(_ok(run, "search", "dating", "violence", "--lang", "en", "--format", "json"))
    assert en and not any(re.search(r"[æøå]|kæreste", h["snippet"]) for h in en)
    folded = json.loads(_ok(run, "search", "kaerestevold", "--lang", "da", "--format", "json"))
    assert [h["id"] for h in folded] == [h["id"] for h in json.loads(
        _ok(run, "search", "kærestevold", "--lang", "da", "--format", "json"))]
    table = _ok(run, "search", "entydig", "evidens", "--lang", "da")
    assert "Indsatser (" in table and "vold interventions" in table  # the registry's labels, in Danish
    figures = json.loads(_ok(run, "search", "godt", "29", "--lang", "da", "--format", "json"))
    assert any(h["command"] == "vold figures" for h in figures)
