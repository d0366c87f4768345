"""`vold report`: the planning brief as GitHub Markdown or one self-contained HTML file, written safely with -o,
showing texts from any knowledge base literally, and checked as a person sees it: rendered in headless Chromium
(screenshot not blank, the DOM holds the sections and figures, nothing fetched, printable with page breaks).

The browser tests skip with a reason when `chromium` is not on PATH, unless VOLD_REQUIRE_BROWSER=1 (set by
.ci/run), in which case a missing browser is a failure."""

from __future__ import annotations

import datetime
import html
import json
import os
import re
import shutil
import stat
import struct
import subprocess
import tempfile
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parents[1]
KNOWLEDGE = ROOT / "knowledge"
META = yaml.safe_load((KNOWLEDGE / "meta.yaml").read_text(encoding="utf-8"))
KB_VERSION = str(META["knowledge_base_version"])
LEVELS = yaml.safe_load((KNOWLEDGE / "evidence.yaml").read_text(encoding="utf-8"))["levels"]

# What each numbered section must be about, in the order (one word of its heading per language).
SECTION_WORDS = {
    "en": ["estimate", "intervention", "gap map", "law", "implementation", "documentation", "cost",
           "initiatives", "sources"],
    "da": ["skøn", "indsatser", "evidenskort", "lovgivning", "implementering", "dokumentation", "økonomi",
           "initiativer", "kilder"],
}

HOSTILE = '<script>alert("x")</script> & "quotes" \'single\' [bold]markup[/bold]'
SHORT_HOSTILE = '<b>&"x"</b> [red]y[/red]'  # short enough not to be cut in the chart's SVG labels


def _today_candidates() -> set[str]:
    """Today's date, and tomorrow's in case the test runs across midnight."""
    en = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
    da = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
          "november", "december"]
    out = set()
    for day in (datetime.date.today(), datetime.date.today() + datetime.timedelta(days=1)):
        # the report writes dates in words in the chosen language ('1 December 2026', '1. december 2026')
        out |= {day.isoformat(), f"{day.day} {en[day.month - 1]} {day.year}", f"{day.day}. {da[day.month - 1]} {day.year}"}
    return out


def _report(run, *args: str) -> str:
    result = run("report", *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


# --- Markdown helpers ------------------------------------------------------------------------------------

def _is_escaped(line: str, index: int) -> bool:
    """True if the character at `index` is preceded by an odd number of backslashes."""
    count = 0
    while index - 1 - count >= 0 and line[index - 1 - count] == "\\":
        count += 1
    return count % 2 == 1


def _unescaped_pipes(line: str) -> int:
    return sum(1 for i, ch in enumerate(line) if ch == "|" and not _is_escaped(line, i))


def _without_code(text: str) -> str:
    """The Markdown with fenced code blocks and inline code spans removed."""
    text = re.sub(r"^(```|~~~).*?^\1\s*$", "", text, flags=re.M | re.S)
    return re.sub(r"(`+)(?!`).+?(?<!`)\1(?!`)", "", text)


#: The brief's two level-2 headings without a number: the first page's ("At a glance") and the appendix's.
FIRST_PAGE_H2 = {"en": "At a glance", "da": "Overblik"}
APPENDIX_H2 = {"en": "Appendix: How the figures were made", "da": "Bilag: Sådan er tallene fundet"}


def _md_sections(text: str) -> tuple[str, dict[int, str]]:
    """(the first page: the text before the first numbered level-2 heading, {section number: its text including
    the heading line}); the first page's own heading and the appendix are the only unnumbered ones, in their
    places (`_md_appendix` gives the appendix)."""
    parts = re.split(r"^(?=## )", text, flags=re.M)
    preamble = parts[0]
    sections = {}
    for index, part in enumerate(parts[1:]):
        heading = part.splitlines()[0][3:]
        if heading in FIRST_PAGE_H2.values():
            assert index == 0 and not sections, "the first page's heading comes first"
            preamble += part
            continue
        if heading in APPENDIX_H2.values():
            assert index == len(parts) - 2, "the appendix comes last"
            continue
        match = re.match(r"## (\d+)\. ", part)
        assert match, f"level-2 heading without a number: {part.splitlines()[0]!r}"
        sections[int(match.group(1))] = part
    return preamble, sections


def _md_appendix(text: str) -> str:
    parts = re.split(r"^(?=## )", text, flags=re.M)
    assert parts[-1].splitlines()[0][3:] in APPENDIX_H2.values(), "the brief ends with its appendix"
    return parts[-1]


def _md_tables(text: str) -> list[list[str]]:
    """Every run of lines starting with '|' (a GFM table), checking it is set off by a blank line."""
    lines = text.splitlines()
    tables: list[list[str]] = []
    current: list[str] = []
    for n, line in enumerate(lines):
        if line.startswith("|"):
            if not current:
                assert n == 0 or not lines[n - 1].strip(), f"table not preceded by a blank line: {line!r}"
            current.append(line)
        elif current:
            tables.append(current)
            current = []
    if current:
        tables.append(current)
    return tables


def assert_gfm(text: str) -> None:
    """The Markdown renders as intended on GitHub: well-formed tables, ATX headings, no raw HTML."""
    plain = _without_code(text)
    tables = _md_tables(plain)
    assert tables, "no tables at all"
    for table in tables:
        assert len(table) >= 2, f"a table needs a header and a separator row: {table}"
        header, separator, *rows = table
        assert header.rstrip().endswith("|") and not _is_escaped(header.rstrip(), len(header.rstrip()) - 1)
        cells = _unescaped_pipes(header) - 1
        assert cells >= 1, header
        assert re.fullmatch(r"\|(\s*:?-{3,}:?\s*\|)+", separator.strip()), f"bad separator row: {separator!r}"
        assert _unescaped_pipes(separator) - 1 == cells, f"separator does not match header:\n{header}\n{separator}"
        for row in rows:
            assert _unescaped_pipes(row) - 1 == cells, f"row has {_unescaped_pipes(row) - 1} cells, header " \
                                                         f"{cells}:\n{header}\n{row}"
    lines = plain.splitlines()
    for n, line in enumerate(lines):
        if line.lstrip().startswith("#"):
            assert re.match(r"#{1,6} \S", line), f"not a proper ATX heading: {line!r}"
        if re.fullmatch(r"\s*(=+|-+)\s*", line) and n and lines[n - 1].strip() and not lines[n - 1].startswith("|"):
            raise AssertionError(f"line {n + 1} turns the line above into a setext heading: {lines[n - 1]!r}")
        for match in re.finditer(r"<(?=[A-Za-z/!?])", line):
            assert _is_escaped(line, match.start()), f"raw HTML in Markdown: {line!r}"
    # The same text through a CommonMark parser with GFM tables: no HTML, as many tables as found above.
    tokens = MarkdownIt("commonmark", {"html": True}).enable("table").parse(text)
    kinds = [t.type for t in tokens] + [c.type for t in tokens if t.children for c in t.children]
    assert "html_block" not in kinds and "html_inline" not in kinds
    assert kinds.count("table_open") == len(tables)


def _md_inline_texts(text: str) -> list[str]:
    """What a reader sees of each paragraph, heading or cell after Markdown rendering (GFM tables and ~~)."""
    md = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    out = []
    for token in md.parse(text):
        if token.type == "inline":
            out.append("".join(child.content for child in token.children or []))
    return out


def _md_h2(text: str) -> list[str]:
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    return [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h2"]


# --- 1. Markdown ------------------------------------------------------------------------------------------

def test_markdown_default_to_stdout_in_order_with_everything(run):
    result = run("report", "--population", "43000")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    text = result.stdout
    assert text.startswith("# ")
    preamble, sections = _md_sections(text)
    assert list(sections) == list(range(1, 10)), "sections ## 1. ... ## 9. in this order"
    for number, word in enumerate(SECTION_WORDS["en"], start=1):
        assert word in sections[number].splitlines()[0].lower(), (number, sections[number].splitlines()[0])
    assert _md_h2(text) == [FIRST_PAGE_H2["en"], *[s.splitlines()[0][3:] for s in sections.values()],
                            APPENDIX_H2["en"]]

    # who and how many, before anything else
    assert "43,000" in preamble

    estimates = sections[1]
    assert "ca. 220" in estimates and "ca. 80" in estimates
    assert "very loose estimate" in estimates
    assert "**Caveats**" in estimates and "do not become known" in estimates
    assert "█" in estimates  # the chart

    interventions = sections[2]
    phases = [interventions.index(p) for p in ("Primary prevention", "Secondary prevention", "Tertiary prevention")]
    assert phases == sorted(phases)
    assert "What the note says" in interventions
    do_not = interventions[interventions.index("**Not recommended**"):]
    assert re.search(r"^> - Anger Management: ", do_not, flags=re.M), do_not

    # the first page, before section 1: the four answers, then a page break
    for answer in ("1. How many locally?", "2. What works?", "3. What does the law say?", "4. What does it cost?"):
        assert answer in preamble, answer
    assert preamble.rstrip().endswith("---"), "the first page ends with a page break"

    assert "| Target group |" in sections[3] and "(gap)" in sections[3]
    law = sections[4]
    assert "Serviceloven § 109" in law and "L 104" in law and "Changed since the note" in law
    for strategy in ("Big Bang", "Domino", "Cascade", "Small steps"):
        assert f"**{strategy}**" in sections[5]
    assert "| Goal | Indicator |" in sections[6] and "Kriminalstatistikken" in sections[6]
    assert "147" in sections[7]
    assert "LOKK" in sections[8] and "Contact" in sections[8]

    sources = sections[9]
    assert f"**Knowledge base and date:** version {KB_VERSION}; report of" in sources
    cite = [line for line in sources.splitlines() if line.strip("*").startswith("Cite as:")]
    assert len(cite) == 1, sources
    assert f"knowledge base {KB_VERSION}" in cite[0]
    assert any(f"on {day}" in cite[0] for day in _today_candidates()), cite[0]


def test_markdown_ranks_interventions_by_evidence(run):
    """In each phase table the evidence column never goes from weaker to stronger, and what the note says about
    each level shown (the evidence scale's words for it) stands once below the tables, in the scale's order."""
    _, sections = _md_sections(_report(run, "-p", "43000"))
    rank = {lv["name"]["en"]: lv["rank"] for lv in LEVELS}
    action = {lv["name"]["en"]: lv["action"]["en"] for lv in LEVELS}
    tables = _md_tables(sections[2])
    assert len(tables) == 3
    shown = set()
    for table in tables:
        levels = []
        for row in table[2:]:
            cells = [c.strip() for c in row.strip().strip("|").split(" | ")]
            # '● Documented effect · design not stated': the mark, the level's name, the design beside it
            mark, _, grade = cells[1].partition(" ")
            cells[1], _, design = grade.partition(" · ")
            assert mark in "●◐○?✕" and design.startswith("design"), cells
            assert cells[1] in rank, cells
            levels.append(rank[cells[1]])
            shown.add(cells[1])
            # beside the name, only what the note recommends for that intervention itself (the perpetrator-
            # treatment recommendation of the note's implementation section, never on early detection)
            name, _, extra = cells[0].partition(" · ")
            assert not extra or ("perpetrator" in name.casefold() and "(under implementation)" in extra), cells
        assert levels == sorted(levels, reverse=True), table
    legend = sections[2][sections[2].index("**What the note says about each level**"):]
    said = re.findall(r"^- \*\*(.+?):\*\* (.+)$", legend, flags=re.M)
    assert [name for name, _ in said] == sorted(shown, key=lambda name: -rank[name])
    assert all(text == action[name] for name, text in said)


def test_markdown_viborg_names_municipality_and_population(run):
    preamble, sections = _md_sections(_report(run, "--municipality", "Viborg"))
    assert "Viborg" in preamble and "97,472" in preamble
    assert "ca. 500" in sections[1]


def test_markdown_danish(run):
    text = _report(run, "--municipality", "Viborg", "--lang", "da")
    assert_gfm(text)
    preamble, sections = _md_sections(text)
    assert list(sections) == list(range(1, 10))
    for number, word in enumerate(SECTION_WORDS["da"], start=1):
        assert word in sections[number].splitlines()[0].lower(), (number, sections[number].splitlines()[0])
    assert "Viborg" in preamble and "97.472" in preamble
    assert "ca. 500" in sections[1] and "**Forbehold**" in sections[1]
    assert re.search(r"^> - Anger Management: ", sections[2], flags=re.M)
    assert "L 104" in sections[4]
    for strategy in ("Big Bang", "Domino", "Kaskade", "Små skridt"):
        assert f"**{strategy}**" in sections[5]
    assert "147" in sections[7] and "LOKK" in sections[8]
    cite = [line for line in sections[9].splitlines() if line.strip("*").startswith("Citér som:")]
    assert len(cite) == 1
    assert f"vidensbase {KB_VERSION}" in cite[0]
    assert any(day in cite[0] for day in _today_candidates())


@pytest.mark.parametrize("args", [["-p", "43000"], ["-m", "Viborg", "--lang", "da"], ["-m", "Aarhus", "-y", "2013"]])
def test_markdown_is_valid_gfm(run, args):
    assert_gfm(_report(run, *args))


def test_gfm_checker_catches_broken_markdown():
    """The checker itself: a table with a short separator, a raw tag and a heading without a space fail."""
    good = "# T\n\n| a | b |\n| --- | --- |\n| 1 | 2 \\| 3 |\n"
    assert_gfm(good)
    for bad in ("# T\n\n| a | b |\n| --- |\n| 1 | 2 |\n",
                "# T\n\n| a | b |\n| --- | --- |\n| 1 | 2 | 3 |\n",
                "# T\n\n| a |\n| --- |\n\n<b>x</b>\n",
                "#T\n\n| a |\n| --- |\n"):
        with pytest.raises(AssertionError):
            assert_gfm(bad)


def test_report_needs_exactly_one_of_population_and_municipality(run):
    for args in ([], ["-p", "43000", "-m", "Viborg"]):
        result = run("report", *args)
        assert result.exit_code == 2
        assert result.stdout == ""
        assert "--population" in result.stderr and "--municipality" in result.stderr


# --- 2. HTML structure --------------------------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
LOADING_TAGS = {"script", "noscript", "link", "img", "iframe", "frame", "frameset", "object", "embed", "base",
                "audio", "video", "source", "track", "picture", "portal", "image", "use", "form", "applet"}
LOADING_ATTRS = {"src", "srcset", "href", "xlink:href", "action", "formaction", "poster", "background", "ping",
                 "data", "manifest", "longdesc", "codebase", "archive", "imagesrcset"}


class Page(HTMLParser):
    """Records what a static check of the page needs; complains about unbalanced tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.decls: list[str] = []
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.starts: list[tuple[str, dict[str, str | None]]] = []
        self.styles: list[str] = []
        self.sections: list[str | None] = []
        self.h2: list[str] = []
        self.section_text: dict[str | None, list[str]] = {}
        self.texts: list[str] = []
        self.ids: list[str] = []
        self._h2: list[str] | None = None
        self._title: list[str] | None = None
        self.title = ""

    def _start(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.starts.append((tag, attributes))
        if attributes.get("id"):
            self.ids.append(attributes["id"] or "")
        if tag == "section":
            self.sections.append(attributes.get("id"))
            self.section_text.setdefault(attributes.get("id"), [])
        if tag == "h2":
            self._h2 = []
        if tag == "title":
            self._title = []
        if tag == "svg" and self.sections:
            self.section_text[self.sections[-1]].append("<svg>")

    def handle_decl(self, decl: str) -> None:
        self.decls.append(decl)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs)
        if tag not in VOID and "svg" not in self.stack:  # <div/> is not self-closing in HTML
            self.errors.append(f"self-closing non-void HTML element <{tag}/> at {self.getpos()}")

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            self.errors.append(f"end tag for void element </{tag}> at {self.getpos()}")
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> at {self.getpos()} but open: {self.stack[-5:]}")
            if tag in self.stack:
                while self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()
        if tag == "h2" and self._h2 is not None:
            self.h2.append("".join(self._h2).strip())
            self._h2 = None
        if tag == "title" and self._title is not None:
            self.title = "".join(self._title)
            self._title = None

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] == "style":
            self.styles.append(data)
            return
        self.texts.append(data)
        if self._h2 is not None:
            self._h2.append(data)
        if self._title is not None:
            self._title.append(data)
        if self.sections and "section" in self.stack:
            self.section_text[self.sections[-1]].append(data)

    @property
    def text(self) -> str:
        return "".join(self.texts)


def parse_page(text: str) -> Page:
    page = Page()
    page.feed(text)
    page.close()
    return page


def _css_block(css: str, at_rule: str) -> str:
    """The body of the first `@media print { ... }`-style block, by brace matching."""
    start = css.index(at_rule)
    open_at = css.index("{", start)
    depth = 0
    for i in range(open_at, len(css)):
        depth += {"{": 1, "}": -1}.get(css[i], 0)
        if depth == 0:
            return css[open_at + 1:i]
    raise AssertionError(f"unclosed {at_rule}")


def assert_self_contained_html(text: str, lang: str) -> Page:
    """One HTML5 file that loads nothing, runs nothing and is well formed; returns the parsed page."""
    assert re.match(r"<!DOCTYPE html>\s*<html\b", text), text[:80]
    page = parse_page(text)
    assert page.errors == [], page.errors[:5]
    assert page.stack == [], f"unclosed elements: {page.stack}"
    tags = [tag for tag, _ in page.starts]
    assert tags[0] == "html" and page.starts[0][1].get("lang") == lang
    assert tags.count("html") == tags.count("head") == tags.count("body") == 1
    metas = [attrs for tag, attrs in page.starts if tag == "meta"]
    assert any((m.get("charset") or "").lower() == "utf-8" for m in metas)
    viewport = [m for m in metas if m.get("name") == "viewport"]
    assert viewport and "width=device-width" in (viewport[0].get("content") or "")
    assert not any((m.get("http-equiv") or "").lower() == "refresh" for m in metas)
    assert page.title.strip()

    assert tags.count("style") == 1, "exactly one <style>"
    css = "".join(page.styles)
    print_css = _css_block(css, "@media print")
    # printed: A4, the first page on its own, then the sections flow (no forced break per section), tables
    # break between rows with the header repeated
    assert re.search(r"\.first-page\s*\{[^}]*break-after\s*:\s*page", print_css), print_css
    assert not re.search(r"break-before\s*:\s*(page|always)", css), "no forced page break per section"
    assert re.search(r"@page\s*\{[^@}]*size\s*:\s*A4", css)
    assert re.search(r"thead\s*\{[^}]*display\s*:\s*table-header-group", css)
    assert re.search(r"(^|\})\s*tr\s*\{[^}]*break-inside\s*:\s*avoid", css)
    assert not re.search(r"table[^{}]*\{[^}]*break-inside\s*:\s*avoid", css), "tables may break between rows"
    assert "counter(page)" in css
    lowered = css.lower()
    for forbidden in ("@import", "url(", "@font-face", "://", "expression("):
        assert forbidden not in lowered, f"{forbidden} in the CSS"

    assert tags.count("svg") >= 1, "the chart's bars as inline SVG"
    assert not LOADING_TAGS & set(tags), f"elements that load or run something: {LOADING_TAGS & set(tags)}"
    for tag, attrs in page.starts:
        for name, value in attrs.items():
            assert name not in LOADING_ATTRS, f"<{tag} {name}={value!r}>"
            assert not name.startswith("on"), f"event handler <{tag} {name}>"
            low = (value or "").lower()
            assert "url(" not in low and "javascript:" not in low, f"<{tag} {name}={value!r}>"
            if name != "xmlns":  # the SVG namespace is a name, never fetched
                assert "://" not in low, f"<{tag} {name}={value!r}>"
    assert len(page.ids) == len(set(page.ids)), "duplicate ids"

    # the first page's own heading (in the <header>), the nine numbered sections, the appendix
    assert page.h2[0] == FIRST_PAGE_H2[lang] and page.h2[-1] == APPENDIX_H2[lang], page.h2
    numbered = page.h2[1:-1]
    assert len(page.sections) == 10 and all(page.sections), page.sections
    assert [int(h.split(".")[0]) for h in numbered] == list(range(1, 10)), page.h2
    for number, (word, section_id) in enumerate(zip(SECTION_WORDS[lang], page.sections[:9], strict=True), start=1):
        assert word in numbered[number - 1].lower(), page.h2
        assert section_id.startswith(f"{number}-"), section_id
    assert page.sections[9].startswith(("appendix", "bilag")), page.sections
    return page


@pytest.mark.parametrize(("lang", "args", "figures"), [
    ("en", ["--municipality", "Viborg"], ["Viborg", "97,472", "ca. 500"]),
    ("da", ["--municipality", "Viborg"], ["Viborg", "97.472", "ca. 500"]),
    ("en", ["--population", "43000"], ["population", "43,000", "ca. 220"]),
])
def test_html_self_contained_and_well_formed(run, lang, args, figures):
    text = _report(run, *args, "--format", "html", "--lang", lang)
    page = assert_self_contained_html(text, lang)
    sections = ["".join(page.section_text[s]) for s in page.sections]
    before = page.text[:page.text.index(page.h2[0])]
    assert figures[0] in before and figures[1] in before, "municipality and population come first"
    assert figures[2] in sections[0] and "<svg>" in sections[0]
    assert ("Caveats" if lang == "en" else "Forbehold") in sections[0]
    assert "Anger Management" in sections[1]
    assert ("Not recommended" if lang == "en" else "Anbefales ikke") in sections[1]
    assert "L 104" in sections[3]
    assert "Domino" in sections[4] and ("Small steps" if lang == "en" else "Små skridt") in sections[4]
    assert "147" in sections[6]
    assert "LOKK" in sections[7]
    cite = "Cite as:" if lang == "en" else "Citér som:"
    assert cite in sections[8] and KB_VERSION in sections[8]
    assert any(day in sections[8] for day in _today_candidates())


def test_html_checker_catches_bad_pages():
    """The checker itself: unbalanced tags, a script, an external image and a CSS url() each fail."""
    good = _minimal_page("")
    assert_self_contained_html(good, "en")
    for bad in (_minimal_page("<p><b>x</p>"), _minimal_page("<script>1</script>"),
                _minimal_page('<img src="https://example.org/x.png">'),
                _minimal_page("", css="body{background:url(x.png)}"), _minimal_page("<div>")):
        with pytest.raises(AssertionError):
            assert_self_contained_html(bad, "en")


def _minimal_page(extra: str, css: str = "") -> str:
    sections = f'<header><h2>{FIRST_PAGE_H2["en"]}</h2></header>' + "".join(
        f'<section id="{n}-{w.replace(" ", "-")}"><h2>{n}. {w}</h2></section>'
        for n, w in enumerate(SECTION_WORDS["en"], start=1)) + \
        f'<section id="appendix"><h2>{APPENDIX_H2["en"]}</h2></section>'
    return ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1"><title>t</title>'
            f"<style>{css}@page {{ size:A4; @bottom-right {{ content:counter(page) }} }} "
            "thead { display:table-header-group } tr { break-inside:avoid } "
            "@media print { .first-page { break-after:page; } }</style></head><body>"
            f'<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>{extra}{sections}</body></html>')


def test_html_css_readable_on_phone(run):
    """Wide tables scroll inside their own box on a narrow screen instead of widening the page."""
    page = parse_page(_report(run, "-m", "Viborg", "-f", "html"))
    css = "".join(page.styles)
    assert re.search(r"@media\s*\(\s*max-width", css)
    tables = [attrs for tag, attrs in page.starts if tag == "table"]
    wraps = [attrs for tag, attrs in page.starts if tag == "div" and "table-wrap" in (attrs.get("class") or "")]
    assert tables and len(wraps) == len(tables)
    assert re.search(r"\.table-wrap\s*\{[^}]*overflow-x\s*:\s*auto", css)


# --- 3. -o FILE, --force, atomic writes ----------------------------------------------------------------------

def test_output_file_written_with_notice(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("report", "--municipality", "Viborg", "--format", "html", "-o", "viborg.html")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert "viborg.html" in result.stderr and result.stderr.count("\n") == 1
    text = (tmp_path / "viborg.html").read_text(encoding="utf-8")
    assert_self_contained_html(text, "en")
    assert os.listdir(tmp_path) == ["viborg.html"]


def test_output_markdown_file_equals_stdout(run, tmp_path):
    target = tmp_path / "brief.md"
    result = run("report", "-p", "43000", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8") == _report(run, "-p", "43000")


def test_existing_file_not_overwritten_without_force(run, tmp_path):
    target = tmp_path / "viborg.html"
    target.write_text("original\n", encoding="utf-8")
    result = run("report", "-m", "Viborg", "-f", "html", "-o", str(target))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "--force" in result.stderr and str(target) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert target.read_text(encoding="utf-8") == "original\n"
    assert os.listdir(tmp_path) == ["viborg.html"]


def test_dangling_symlink_not_overwritten_without_force(run, tmp_path):
    link = tmp_path / "link.md"
    link.symlink_to(tmp_path / "nowhere.md")
    result = run("report", "-p", "43000", "-o", str(link))
    assert result.exit_code == 1 and "--force" in result.stderr
    assert link.is_symlink() and not (tmp_path / "nowhere.md").exists()


def test_force_replaces_existing_file(run, tmp_path):
    target = tmp_path / "viborg.md"
    target.write_text("original\n", encoding="utf-8")
    result = run("report", "-m", "Viborg", "-o", str(target), "--force")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# ") and "Viborg" in text
    assert os.listdir(tmp_path) == ["viborg.md"]


def test_folder_as_output_is_refused(run, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    for extra in ([], ["--force"]):
        result = run("report", "-p", "43000", "-o", str(folder), *extra)
        assert result.exit_code == 1
        assert len(result.stderr.strip().splitlines()) == 1
        assert "Traceback" not in result.stderr
        assert folder.is_dir() and os.listdir(folder) == []


def _assert_write_failed_cleanly(result, folder: Path, expected: dict[str, str]) -> None:
    assert result.exit_code == 1, (result.exit_code, result.stderr)
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert sorted(os.listdir(folder)) == sorted(expected), f"left behind: {os.listdir(folder)}"
    for name, content in expected.items():
        assert (folder / name).read_text(encoding="utf-8") == content


@pytest.mark.parametrize("existing", [True, False], ids=["replacing", "new"])
def test_failure_at_rename_leaves_nothing_half_written(run, tmp_path, monkeypatch, existing):
    target = tmp_path / "viborg.html"
    if existing:
        target.write_text("original\n", encoding="utf-8")

    def broken(*args, **kwargs):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", broken)
    monkeypatch.setattr(os, "rename", broken)
    result = run("report", "-m", "Viborg", "-f", "html", "-o", str(target), "--force")
    monkeypatch.undo()
    _assert_write_failed_cleanly(result, tmp_path, {"viborg.html": "original\n"} if existing else {})


@pytest.mark.parametrize("existing", [True, False], ids=["replacing", "new"])
def test_failure_while_writing_leaves_nothing_half_written(run, tmp_path, existing):
    """A real failure in the middle of writing: the process may not write files larger than 4 KiB (the
    report is ~40 KiB), so the write stops with EFBIG partway, as with a full disk."""
    resource = pytest.importorskip("resource")
    import signal

    target = tmp_path / "viborg.html"
    if existing:
        target.write_text("original\n", encoding="utf-8")
    old_limit = resource.getrlimit(resource.RLIMIT_FSIZE)
    old_handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of being killed
    try:
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, old_limit[1]))
        result = run("report", "-m", "Viborg", "-f", "html", "-o", str(target), "--force")
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, old_limit)
        signal.signal(signal.SIGXFSZ, old_handler)
    _assert_write_failed_cleanly(result, tmp_path, {"viborg.html": "original\n"} if existing else {})


@pytest.mark.parametrize("where", ["missing-folder", "under-a-file"])
def test_cannot_write_is_one_line_error(run, tmp_path, where):
    (tmp_path / "plain.txt").write_text("x", encoding="utf-8")
    parent = tmp_path / ("no" if where == "missing-folder" else "plain.txt")
    target = parent / "sub" / "r.html" if where == "missing-folder" else parent / "r.html"
    result = run("report", "-m", "Viborg", "-f", "html", "-o", str(target))
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(target) in lines[0], result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert sorted(os.listdir(tmp_path)) == ["plain.txt"]
    assert (tmp_path / "plain.txt").read_text(encoding="utf-8") == "x"


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_written_file_permissions_follow_umask(run, tmp_path, umask, mode):
    """Like any file the user creates (`> brief.md`): readable by others when the umask allows it, not 0600
    because of the temporary file used for the atomic write."""
    target = tmp_path / "r.md"
    old = os.umask(umask)
    try:
        result = run("report", "-p", "43000", "-o", str(target))
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.stderr
    assert oct(stat.S_IMODE(target.stat().st_mode)) == oct(mode)


# --- 4. Hostile texts from a knowledge base ------------------------------------------------------------------

def _replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} not found once in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


@pytest.fixture
def hostile_kb(kb_copy: Path) -> Path:
    """The bundled knowledge base with markup, quotes and Rich markup in an intervention's name (both
    languages), an initiative's contact, the initiatives' intro and a prevalence label (the chart)."""
    _replace_once(kb_copy / "interventions.yaml", 'name: {da: "Safe Dates", en: "Safe Dates"}',
                  f"name: {{da: {_q(HOSTILE)}, en: {_q(HOSTILE)}}}")
    _replace_once(kb_copy / "initiatives.yaml", 'contacts: ["LOKK", "Socialstyrelsens Voksenenhed"]',
                  f'contacts: [{_q(HOSTILE)}, "Socialstyrelsens Voksenenhed"]')
    intro = yaml.safe_load((kb_copy / "initiatives.yaml").read_text(encoding="utf-8"))["intro"]["en"]
    _replace_once(kb_copy / "initiatives.yaml", f"en: {_q(intro)}", f"en: {_q(HOSTILE + ' ' + intro)}")
    label = 'en: "Women exposed to physical violence from a partner"'
    _replace_once(kb_copy / "prevalence.yaml", label, f"en: {_q(SHORT_HOSTILE)}")
    return kb_copy


def test_hostile_kb_is_loaded_as_edited(hostile_kb):
    from vold_cli.kb.loader import load

    knowledge = load(hostile_kb, use_cache=False)
    names = {i["id"]: i["name"] for i in knowledge.data["interventions"]["interventions"]}
    assert names["safe-dates"] == {"da": HOSTILE, "en": HOSTILE}
    assert knowledge.data["initiatives"]["intro"]["en"].startswith(HOSTILE + " ")
    assert any(HOSTILE in i["contacts"] for i in knowledge.data["initiatives"]["initiatives"])


@pytest.mark.parametrize("lang", ["en", "da"])
def test_hostile_texts_escaped_in_html(run, hostile_kb, lang):
    text = _report(run, "-p", "43000", "-f", "html", "--kb", str(hostile_kb), "--lang", lang)
    assert "<script" not in text.lower()
    assert "&lt;script&gt;alert(" in text and "&lt;/script&gt;" in text
    assert "&amp; " in text and "&quot;quotes&quot;" in text
    assert "[bold]markup[/bold]" in text  # Rich markup is just text in HTML
    page = assert_self_contained_html(text, lang)
    sections = ["".join(page.section_text[s]) for s in page.sections]
    assert HOSTILE in sections[1], "the intervention's name, shown literally"
    assert HOSTILE in sections[2], "the same name in the gap map"
    assert HOSTILE in sections[7], "the initiative's contact"
    if lang == "en":
        assert sections[7].count(HOSTILE) == 2, "and the initiatives' intro"
        chart = text[text.index('<figure class="chart"'):text.index("</figure>")]
        assert html.escape(SHORT_HOSTILE, quote=False) in chart or html.escape(SHORT_HOSTILE) in chart
        assert "<b>" not in chart


def test_hostile_texts_escaped_in_markdown(run, hostile_kb):
    text = _report(run, "-p", "43000", "--kb", str(hostile_kb))
    assert "\\[bold\\]markup\\[/bold\\]" in text
    assert "\\<script\\>" in text
    assert not re.search(r"(?<!\\)<script", text)
    assert_gfm(text)
    seen = _md_inline_texts(text)
    assert sum(HOSTILE in s for s in seen) >= 4, "name in table and gap map, contact, intro: shown literally"
    assert any(SHORT_HOSTILE in s for s in seen), "the chart's label"


def test_markdown_shows_entities_and_tildes_literally(run, kb_copy):
    """Beyond the issue's example: '&amp;' and '~~' in a knowledge-base text must not become '&' or
    strike-through on GitHub."""
    tricky = "AT&amp;T ~~struck~~ &copy;"
    _replace_once(kb_copy / "interventions.yaml", 'name: {da: "Safe Dates", en: "Safe Dates"}',
                  f"name: {{da: {_q(tricky)}, en: {_q(tricky)}}}")
    text = _report(run, "-p", "43000", "--kb", str(kb_copy))
    assert any(tricky in s for s in _md_inline_texts(text)), [s for s in _md_inline_texts(text) if "AT&" in s]


# --- 5. In the browser ------------------------------------------------------------------------------------

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  # keeps the test off the network whatever happens; requests are still logged (see below)
                  "--host-resolver-rules=MAP * ~NOTFOUND"]


class Browser:
    def __init__(self, exe: str, folder: Path) -> None:
        self.exe = exe
        self.folder = folder

    def run(self, url: str, *extra: str, window: str = "1000,1400") -> subprocess.CompletedProcess[str]:
        profile = tempfile.mkdtemp(prefix="chromium-", dir=self.folder)
        env = dict(os.environ, HOME=profile, XDG_CONFIG_HOME=profile, XDG_CACHE_HOME=profile)
        args = [self.exe, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--window-size={window}", *extra, url]
        proc = subprocess.run(args, capture_output=True, text=True, timeout=60, env=env, check=False)
        assert proc.returncode == 0, f"chromium failed ({proc.returncode}): {proc.stderr[-2000:]}"
        return proc

    def screenshot(self, page: Path, window: str = "1000,1400") -> Path:
        shot = self.folder / f"shot-{window.replace(',', 'x')}-{page.stem}.png"
        self.run(page.as_uri(), f"--screenshot={shot}", window=window)
        assert shot.is_file() and shot.stat().st_size > 0, "no screenshot written"
        return shot

    def dump_dom(self, page: Path, *extra: str) -> str:
        return self.run(page.as_uri(), *extra, "--dump-dom").stdout


@pytest.fixture
def browser(tmp_path: Path) -> Browser:
    return make_browser(tmp_path)


def make_browser(tmp_path: Path) -> Browser:
    """Headless Chromium working in `tmp_path`; skips (or fails, with VOLD_REQUIRE_BROWSER=1) without it."""
    exe = shutil.which("chromium")
    if exe is None:
        reason = ("Chromium is not installed (no `chromium` on PATH), so the HTML report cannot be rendered "
                  "in a browser; install Debian's `chromium` package to run these tests")
        if os.environ.get("VOLD_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{reason}. VOLD_REQUIRE_BROWSER=1 says they must run here.", pytrace=False)
        pytest.skip(reason)
    folder = tmp_path / "browser"
    folder.mkdir()
    return Browser(exe, folder)


def _write_report(run, folder: Path, *args: str, name: str = "viborg.html") -> Path:
    target = folder / name
    result = run("report", *args, "--format", "html", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    return target


def decode_png(data: bytes) -> tuple[int, int, int, list[bytes]]:
    """(width, height, bytes per pixel, unfiltered rows) of an 8-bit, non-interlaced PNG; stdlib only."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, [], None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        assert zlib.crc32(kind + body) == struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])[0]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    assert header is not None
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and interlace == 0 and colour in (0, 2, 4, 6), header
    bpp = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
    stride = width * bpp
    raw = zlib.decompress(b"".join(idat))
    assert len(raw) == height * (stride + 1)
    rows, prev = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        if kind == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif kind == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, prev, strict=True))
        elif kind == 3:
            for i in range(stride):
                line[i] = (line[i] + ((line[i - bpp] if i >= bpp else 0) + prev[i]) // 2) & 255
        elif kind == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b, c = prev[i], (prev[i - bpp] if i >= bpp else 0)
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        else:
            assert kind == 0, f"unknown PNG filter {kind}"
        rows.append(bytes(line))
        prev = line
    return width, height, bpp, rows


def pixel_stats(path: Path) -> tuple[int, float, tuple[int, int]]:
    """(number of distinct colours, share of pixels that are not white, (width, height))."""
    width, height, bpp, rows = decode_png(path.read_bytes())
    channels = 1 if bpp in (1, 2) else 3
    white = (255,) * channels
    colours: set[tuple[int, ...]] = set()
    not_white = 0
    for row in rows:
        pixels = list(zip(*(row[c::bpp] for c in range(channels)), strict=True))
        colours.update(pixels)
        not_white += sum(1 for p in pixels if p != white)
    return len(colours), not_white / (width * height), (width, height)


def assert_not_blank(shot: Path, size: tuple[int, int]) -> None:
    colours, share, actual = pixel_stats(shot)
    assert actual == size
    assert colours >= 32, f"only {colours} distinct colours: the page looks blank"
    assert share >= 0.02, f"only {share:.1%} of the pixels are not white: the page looks blank"


@pytest.mark.browser
def test_png_check_sees_a_blank_page_as_blank(browser, tmp_path):
    """Calibration: the same decoder and measure call an empty white page blank."""
    blank = tmp_path / "blank.html"
    blank.write_text("<!DOCTYPE html><html><body style='background:#fff'></body></html>", encoding="utf-8")
    colours, share, size = pixel_stats(browser.screenshot(blank, window="400,300"))
    assert size == (400, 300)
    assert colours == 1 and share == 0


@pytest.mark.browser
@pytest.mark.parametrize(("window", "size"), [("1280,1400", (1280, 1400)), ("400,844", (400, 844))],
                         ids=["desktop", "phone"])
def test_browser_screenshot_is_not_blank(browser, run, tmp_path, monkeypatch, window, size):
    monkeypatch.chdir(tmp_path)  # the command, as typed
    result = run("report", "--municipality", "Viborg", "--format", "html", "-o", "viborg.html")
    assert result.exit_code == 0, result.stderr
    assert_not_blank(browser.screenshot(tmp_path / "viborg.html", window=window), size)


class DomText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: list[str] = []
        self.h2: list[str] = []
        self._in_h2 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._in_h2 = self._in_h2 or tag == "h2"
        if tag == "h2":
            self.h2.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "h2":
            self._in_h2 = False

    def handle_data(self, data: str) -> None:
        if self.tags and self.tags[-1] in ("style", "script"):
            return
        self.parts.append(data)
        if self._in_h2:
            self.h2[-1] += data


def parse_dom(dom: str) -> DomText:
    parsed = DomText()
    parsed.feed(dom)
    parsed.close()
    return parsed


@pytest.mark.browser
@pytest.mark.parametrize(("lang", "population"), [("en", "97,472"), ("da", "97.472")])
def test_browser_dom_shows_the_report(browser, run, tmp_path, lang, population):
    page = _write_report(run, tmp_path, "--municipality", "Viborg", "--lang", lang)
    expected_h2 = parse_page(page.read_text(encoding="utf-8")).h2
    dom = browser.dump_dom(page)
    parsed = parse_dom(dom)
    text = "".join(parsed.parts)
    for needle in ("Viborg", population, "ca. 500", "Anger Management", "L 104", "LOKK"):
        assert needle in text, needle
    assert "<svg" in dom and "<rect" in dom and "</svg>" in dom
    assert [h.strip() for h in parsed.h2] == expected_h2 and len(expected_h2) == 11  # first page, 1-9, appendix
    ids = re.findall(r'<section id="([^"]+)"', dom)
    assert len(ids) == 10 and [int(i.split("-")[0]) for i in ids[:9]] == list(range(1, 10))
    assert "script" not in parsed.tags


# How "nothing fetched" is judged. Chromium's net log (--log-net-log) records every URL request as a
# URL_REQUEST_START_JOB event. Even with the flags above, Chromium itself asks Google for the time, accounts
# and the like; those requests carry `initiator: "not an origin"` (no web page asked for them). A request
# made on behalf of a page opened from file:// carries the page's opaque origin `initiator: "null"` and a
# network isolation key naming file://. (The file:// page itself is loaded without a URL request.) So a
# request is the page's if its initiator is an origin or its isolation key names file://. The method is
# checked on a control page that does load a stylesheet, an @import, a background and an image.

def _load_netlog(path: Path) -> dict:
    text = path.read_text(encoding="utf-8", errors="replace")
    try:
        return json.loads(text)
    except json.JSONDecodeError:  # cut short: close the event list ourselves
        return json.loads(text.rstrip().rstrip(",") + "]}")


def page_requests(netlog: Path, page_url: str) -> list[str]:
    data = _load_netlog(netlog)
    names = {number: name for name, number in data["constants"]["logEventTypes"].items()}
    assert "URL_REQUEST_START_JOB" in names.values(), "net log format changed"
    assert data["events"], "empty net log"
    found = []
    for event in data["events"]:
        if names.get(event["type"]) != "URL_REQUEST_START_JOB":
            continue
        params = event.get("params") or {}
        url = params.get("url")
        if not url or url == page_url:
            continue
        by_page = params.get("initiator", "not an origin") != "not an origin"
        if by_page or "file://" in params.get("network_isolation_key", ""):
            found.append(url)
    return found


@pytest.mark.browser
def test_netlog_method_sees_what_a_page_fetches(browser, tmp_path):
    control = tmp_path / "control.html"
    control.write_text(
        '<!DOCTYPE html><html><head><link rel="stylesheet" href="http://127.0.0.1:9/x.css">'
        '<style>@import url("https://example.invalid/y.css"); body{background:url(http://127.0.0.1:9/bg.png)}'
        '</style></head><body><img src="http://127.0.0.1:9/a.png"><p>hi</p></body></html>', encoding="utf-8")
    log = tmp_path / "net.json"
    browser.dump_dom(control, f"--log-net-log={log}")
    found = page_requests(log, control.as_uri())
    for url in ("http://127.0.0.1:9/x.css", "https://example.invalid/y.css", "http://127.0.0.1:9/a.png"):
        assert url in found, found


@pytest.mark.browser
@pytest.mark.parametrize("csp", ["as-written", "without-csp"])
def test_browser_fetches_nothing(browser, run, tmp_path, csp):
    """Nothing fetched, as the report is written; and still nothing with its Content-Security-Policy taken out,
    so it is the page itself that refers to nothing, not only the policy that blocks it."""
    page = _write_report(run, tmp_path, "--municipality", "Viborg")
    if csp == "without-csp":
        text = page.read_text(encoding="utf-8")
        page.write_text(re.sub(r"<meta[^>]*Content-Security-Policy[^>]*>", "", text, flags=re.I), encoding="utf-8")
    log = tmp_path / "net.json"
    dom = browser.dump_dom(page, f"--log-net-log={log}")
    assert "Viborg" in dom
    assert page_requests(log, page.as_uri()) == []


@pytest.mark.browser
def test_browser_shows_hostile_texts_as_text(browser, run, tmp_path, hostile_kb):
    page = _write_report(run, tmp_path, "-p", "43000", "--kb", str(hostile_kb))
    parsed = parse_dom(browser.dump_dom(page))
    text = "".join(parsed.parts)
    assert "script" not in parsed.tags and "b" not in parsed.tags
    assert text.count(HOSTILE) >= 4, "name in table and gap map, contact, intro: shown literally"
    assert SHORT_HOSTILE in text, "the chart's label"


# --- the law section: every provision the note names, each change under its own source --------------------

LAW = yaml.safe_load((KNOWLEDGE / "law.yaml").read_text(encoding="utf-8"))


def _section(out: str, start: str, end: str) -> str:
    return out[out.index(start):out.index(end, out.index(start))]


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_law_section_names_every_provision_of_the_note_once(run, lang):
    """Provisions of one act that the note describes together (tilhold §§ 1, 3 and 7) share one row, so each of the
    note's provisions is named exactly once, under its act, and none the note does not name is in that table."""
    out = run("report", "-p", "43000", "--lang", lang).stdout
    law = _section(out, "\n## 4. ", "\n## 5. ")
    table = law[:law.index("\n**", law.index("|"))]  # the table 'according to the note', before the change lists
    labels = [row.split("|")[1].strip().strip("*") for row in table.splitlines()
              if row.startswith("| **")]
    for act in LAW["acts"]:
        mine = [e for e in LAW["entries"] if e["act"] == act["id"] and e.get("in_note", True)]
        rows = [label for label in labels if label.startswith(act["name"])]
        sections = [str(e["section"]) for e in mine if e.get("section")]
        if not mine:
            assert not rows, act["name"]
            continue
        named = re.findall(r"\d+[a-z]?", " ".join(label[len(act["name"]):] for label in rows))
        assert sorted(named) == sorted(sections), (act["name"], rows)
        if any(not e.get("section") for e in mine):  # an entry for the whole act (the guidance): a row of its own
            assert act["name"] in labels, (act["name"], labels)
    assert len(labels) == len(set(labels)), labels


@pytest.mark.parametrize("lang", ["da", "en"])
def test_each_change_list_names_the_sources_of_its_items(run, lang):
    """The brief names the source of the items after the note once, in each list's title: the changes first, then
    the confirmations, then the background (the order of kinds the views keep). Each title names exactly the data
    files its own items come from, by their titles in meta.yaml (the 2026 file with straffeloven § 243's steps)."""
    titles = {d["id"]: d["title"][lang] for d in META["data_sources"]}
    out = run("report", "-p", "43000", "--lang", lang).stdout
    law = _section(out, "\n## 4. ", "\n## 5. ")
    items = [c for act in LAW["acts"] for c in act.get("changes_since", [])] + [
        c for e in LAW["entries"] for c in e.get("changes_since", [])]
    word = "(kilde: " if lang == "da" else "(source: "
    lists = [line for line in law.splitlines() if word in line]
    kinds = [k for k in ("changed", "unchanged", "background") if any(c["kind"] == k for c in items)]
    assert len(lists) == len(kinds), lists
    for kind, line in zip(kinds, lists, strict=True):
        named = line[line.index(word) + len(word):]
        expected = {c["source"]["data"] for c in items if c["kind"] == kind}
        assert {d for d, title in titles.items() if title in named} == expected, (kind, line)
    assert "after-the-note-2026" in {c["source"]["data"] for c in items if c["kind"] == "changed"}
