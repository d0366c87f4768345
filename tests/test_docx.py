"""Word output (`-o FILE.docx`, `--format docx`): the brief, the check and every command whose answer is a table,
read back with python-docx as Word reads them (headings in order in the navigation pane, every table's header row
repeating on each page, numbers right-aligned, the document language, title, subject and creator, A4, page
numbers and the knowledge base's date in the footer), and opened by LibreOffice, which must convert the Viborg
brief with offers to at most 12 A4 pages in both languages."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml

from briefs import (
    KNOWLEDGE,
    LANGS,
    MAX_PAGES,
    brief,
    is_a4,
    need,
    offers_file,
    pdf_info,
)

docx = pytest.importorskip("docx")  # a dependency of vold-cli: always there after the README's install
from docx.oxml.ns import qn  # noqa: E402

META = yaml.safe_load((KNOWLEDGE / "meta.yaml").read_text(encoding="utf-8"))
LANGUAGE = {"da": "da-DK", "en": "en-GB"}
NUMBER = re.compile(r"^(ca\. |godt |knap |just (over|under) )?[\d.,]+( ?[-–] ?[\d.,]+)?( kr\.| %| pct\.)?$")


def _heading_level(paragraph) -> int | None:
    name = paragraph.style.name if paragraph.style is not None else ""
    found = re.fullmatch(r"Heading (\d)", name)
    return int(found.group(1)) if found else None


def _headings(document) -> list[tuple[int, str]]:
    return [(level, p.text) for p in document.paragraphs if (level := _heading_level(p)) is not None]


def _markdown_headings(text: str) -> list[tuple[int, str]]:
    """The same brief's headings as the Markdown writer gives them (another renderer of the same blocks)."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    return [(int(t.tag[1]), tokens[i + 1].content.replace("\\", "")) for i, t in enumerate(tokens)
            if t.type == "heading_open"]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    import os
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("VOLD_")}
    env.update({"NO_COLOR": "1", "LANG": "C.UTF-8"})
    return subprocess.run([sys.executable, "-m", "vold_cli", *args], capture_output=True, text=True, env=env,
                          timeout=300, check=False)


def assert_word_document(path: Path, lang: str) -> object:
    """What every Word file of vold holds, whatever the command: returns the python-docx Document."""
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        names = set(archive.namelist())
    assert {"word/document.xml", "word/styles.xml", "docProps/core.xml", "[Content_Types].xml"} <= names
    document = docx.Document(str(path))
    # headings in order: the first is Heading 1, and none skips a level going down
    levels = [level for level, _ in _headings(document)]
    assert levels and levels[0] == 1, levels
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), levels
    # every table: its first row repeats on each page and is marked as a header; rows do not split
    for table in document.tables:
        first = table.rows[0]._tr
        header = first.trPr.find(qn("w:tblHeader")) if first.trPr is not None else None
        assert header is not None and header.get(qn("w:val")) in (None, "true", "1"), "first row not a header"
        for row in table.rows[1:]:
            assert row._tr.trPr is None or row._tr.trPr.find(qn("w:tblHeader")) is None, "only the first row"
    # the language: in the default run properties of the styles, and in the document's properties
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:lang")).get(qn("w:val")) == LANGUAGE[lang]
    props = document.core_properties
    assert props.language == LANGUAGE[lang]
    assert props.title and props.author.startswith("vold") and META["publisher"] in props.subject
    # A4 with margins
    section = document.sections[0]
    assert abs(section.page_width.mm - 210) < 0.5 and abs(section.page_height.mm - 297) < 0.5
    assert all(m.mm >= 10 for m in (section.top_margin, section.bottom_margin, section.left_margin,
                                    section.right_margin))
    # the footer: the page number as a field, the page count, the knowledge base's version and date
    footer = section.footer._element
    fields = [f.get(qn("w:instr")).strip() for f in footer.iter(qn("w:fldSimple"))]
    fields += [t.text.strip() for t in footer.iter(qn("w:instrText"))]
    assert "PAGE" in fields and "NUMPAGES" in fields, fields
    footer_text = "".join(t.text for t in footer.iter(qn("w:t")))
    assert str(META["knowledge_base_version"]) in footer_text
    assert re.search(r"\d{4}-\d{2}-\d{2}", footer_text), footer_text
    return document


def _right_aligned_numbers(document) -> list[tuple[str, str]]:
    """(column header, cell text) of every number in a body row that is not right-aligned, for the columns whose
    every body cell is a number."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    wrong = []
    for table in document.tables:
        rows = table.rows
        for column in range(len(table.columns)):
            cells = [row.cells[column] for row in rows[1:]]
            texts = [c.text.strip() for c in cells]
            if not texts or not all(NUMBER.match(t) for t in texts):
                continue
            for cell in [rows[0].cells[column], *cells]:
                if cell.paragraphs[0].alignment != WD_ALIGN_PARAGRAPH.RIGHT:
                    wrong.append((rows[0].cells[column].text, cell.text))
    return wrong


# --- the brief ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_the_viborg_brief_reads_back_as_a_real_word_document(lang: str, tmp_path: Path) -> None:
    path = brief(lang, ".docx")
    document = assert_word_document(path, lang)
    # the same headings, in the same order and at the same levels, as the Markdown brief made from the same blocks
    markdown = _run("report", "-m", "Viborg", "--lang", lang, "--offers", str(offers_file(tmp_path)))
    assert markdown.returncode == 0, markdown.stderr
    assert _headings(document) == _markdown_headings(markdown.stdout)
    titles = [text for level, text in _headings(document) if level == 2]
    assert titles[0] == ("Overblik" if lang == "da" else "At a glance")
    assert [int(t.split(".")[0]) for t in titles[1:-1]] == list(range(1, 11)), titles  # 1-10, with the offers
    assert document.core_properties.title.endswith("Viborg Kommune")
    # the numbers of the answer columns are right-aligned, the header cell too
    assert not _right_aligned_numbers(document)
    local = "Lokalt" if lang == "da" else "Local"
    columns = [(t, i) for t in document.tables for i, c in enumerate(t.rows[0].cells) if c.text == local]
    assert columns, "the first page's table of local figures"
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    for table, index in columns:
        cells = [row.cells[index] for row in table.rows]
        assert all(NUMBER.match(c.text) for c in cells[1:]), [c.text for c in cells]
        assert all(c.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT for c in cells)
    # page 1 ends with a page break before section 1
    section_one = next(p for p in document.paragraphs if p.text.startswith("1. ") and _heading_level(p) == 2)
    assert section_one.paragraph_format.page_break_before


def test_a_table_title_is_the_tables_alternative_text() -> None:
    document = docx.Document(str(brief("en", ".docx")))
    captions = [t._tbl.tblPr.find(qn("w:tblCaption")) for t in document.tables]
    assert "Expected number locally" in [c.get(qn("w:val")) for c in captions if c is not None]


@pytest.mark.parametrize("lang", LANGS)
def test_the_brief_speaks_one_language_in_word(lang: str) -> None:
    from test_language import ALLOW_IN_DA, ALLOW_IN_EN, DANISH, ENGLISH, offending

    document = docx.Document(str(brief(lang, ".docx")))
    text = "\n".join(p.text for p in document.paragraphs)
    text += "\n" + "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    from briefs import own_texts

    for own in own_texts():  # the municipality's own offer names are quoted as written
        text = text.replace(own, "")
    words, allowed = (ENGLISH, ALLOW_IN_DA) if lang == "da" else (DANISH, ALLOW_IN_EN)
    bad = offending(text, words, allowed)
    assert not bad, "\n".join(bad)


def test_libreoffice_opens_both_briefs_and_prints_them_on_at_most_12_a4_pages(tmp_path: Path) -> None:
    """LibreOffice's own conversion (`soffice --headless --convert-to pdf`): it opens each file without an error
    and lays it out on A4, in at most 12 pages, with offers, in both languages. (LibreOffice is slow: the two
    briefs are converted in one run.)"""
    soffice = need("soffice", "libreoffice-writer-nogui")
    sources = [brief(lang, ".docx") for lang in LANGS]
    profile = tmp_path / "profile"
    proc = subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                           "--convert-to", "pdf", "--outdir", str(tmp_path), *map(str, sources)],
                          capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "Error" not in proc.stderr, proc.stderr
    for source in sources:
        pdf = tmp_path / (source.stem + ".pdf")
        assert pdf.is_file(), proc.stdout + proc.stderr
        info = pdf_info(pdf)
        assert is_a4(info), info["Page size"]
        assert 2 <= int(info["Pages"]) <= MAX_PAGES, f"{source.name}: {info['Pages']} pages"


# --- the check and the commands whose answer is a table -----------------------------------------------------------

def table_commands() -> list[str]:
    """The commands whose --format offers the formats of a table answer (docx among them), from the app itself."""
    from vold_cli.commands.common import FormatChoice
    from vold_cli.commands.registry import build, entries

    found = []
    for entry in entries():
        if entry.children is not None:
            continue
        params = build(entry, "en").params
        if any(isinstance(p.type, FormatChoice) and p.type.tables and "docx" in p.type.choices for p in params):
            found.append(entry.name)
    return found


ARGS = {"estimate": ["-m", "Viborg"], "check": ["{offers}", "-m", "Viborg"]}


def test_the_table_commands_are_found_from_the_app() -> None:
    assert {"estimate", "interventions", "law", "initiatives", "map", "check"} <= set(table_commands())
    assert "report" not in table_commands() and "phases" not in table_commands()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("command", table_commands())
def test_every_table_command_writes_a_word_document(tmp_path: Path, command: str, lang: str) -> None:
    target = tmp_path / f"{command}.docx"
    args = [a.replace("{offers}", str(offers_file(tmp_path))) for a in ARGS.get(command, [])]
    proc = _run(command, *args, "--format", "docx", "-o", str(target), "--lang", lang)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    document = assert_word_document(target, lang)
    assert document.tables, "the answer's table"
    assert not _right_aligned_numbers(document)


def test_docx_needs_a_file_and_never_goes_to_the_terminal() -> None:
    proc = _run("law", "--format", "docx")
    assert proc.returncode == 2 and proc.stdout == ""
    assert "-o" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_an_existing_file_is_kept_without_force_and_replaced_with_it(tmp_path: Path) -> None:
    target = tmp_path / "brief.docx"
    target.write_bytes(b"the planner's own draft")
    proc = _run("report", "-m", "Viborg", "-o", str(target))
    assert proc.returncode == 1 and "already exists" in proc.stderr
    assert target.read_bytes() == b"the planner's own draft"
    proc = _run("report", "-m", "Viborg", "-o", str(target), "--force")
    assert proc.returncode == 0, proc.stderr
    assert zipfile.is_zipfile(target)
    assert [p.name for p in tmp_path.iterdir()] == ["brief.docx"], "no temporary file left behind"


def test_hostile_text_is_shown_visibly_and_the_file_stays_valid(tmp_path: Path) -> None:
    """A control character, an escape sequence or a bidirectional override (from a --kb folder's cache, a file or
    an argument) is made visible by the one sanitiser before the writer sees it, and a character XML cannot hold
    never makes the file invalid."""
    from vold_cli.output import formats
    from vold_cli.output.blocks import Column, Document, Heading, Paragraph, Table

    doc = Document().add(Heading("a\x1b[2Jb\u202ec"), Paragraph("x\ufffey\x07"),
                         Table([Column("h\x00")], [["\x9b31m"]]))
    path = tmp_path / "hostile.docx"
    formats.emit(doc, "docx", output=path, title="t\x00", lang="en")
    document = docx.Document(str(path))
    text = "\n".join(p.text for p in document.paragraphs) + document.tables[0].rows[1].cells[0].text
    assert "\x1b" not in text and "\u202e" not in text and "\x9b" not in text
    assert "\\x1b" in text and "\\u202e" in text and "\\x9b" in text


def test_an_unknown_block_type_fails_instead_of_vanishing() -> None:
    from vold_cli.output.blocks import Document, Paragraph
    from vold_cli.output.docx import document_bytes

    class Mystery:
        pass

    with pytest.raises(TypeError, match="Mystery"):
        document_bytes(Document().add(Paragraph("before"), Mystery()), lang="en", title="t")


def test_without_python_docx_the_error_is_one_line_naming_the_package(run, tmp_path: Path, monkeypatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "docx" else real(name, *a))
    for lang, words in (("da", ("Fejl: Formatet docx kræver python-docx", "pip install python-docx")),
                        ("en", ("Error: The docx format needs python-docx", "pip install python-docx"))):
        target = tmp_path / f"brief-{lang}.docx"
        result = run("report", "-m", "Viborg", "-o", str(target), "--lang", lang)
        assert result.exit_code == 1 and result.stdout == ""
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert all(w in result.stderr for w in words), result.stderr
        assert not target.exists()
