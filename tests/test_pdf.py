"""The tagged PDF of the brief (`-o brief.pdf`, the optional extra vold-cli[pdf]: WeasyPrint), as poppler reads it:
every page A4, at most 12 pages with offers in both languages, "Tagged: yes", the title and the language set, and a
structure tree that holds the brief's headings at their levels and the header cells of its tables. Without the
extra (or without the Pango library it loads) the error is one line in the user's language naming what to install,
and nothing is written."""

from __future__ import annotations

import re
import subprocess
import zlib
from pathlib import Path

import pytest

from briefs import LANGS, MAX_PAGES, brief, is_a4, need, need_module, offers_file, pdf_info

TITLE = {"da": "Planlægningsgrundlag — Viborg Kommune", "en": "Planning brief — Viborg Kommune"}


def _structure(pdf: Path) -> list[tuple[str, str]]:
    """(role, text) of every element of the PDF's structure tree, in order (`pdfinfo -struct-text`): the text of
    an element is the quoted text of everything under it."""
    out = subprocess.run([need("pdfinfo", "poppler-utils"), "-struct-text", str(pdf)], capture_output=True,
                         text=True, check=True).stdout
    nodes: list[tuple[str, list[str]]] = []  # (role, texts), in order
    stack: list[tuple[int, int]] = []  # (indent, index into nodes) of the open ancestors
    for line in out.splitlines():
        indent = len(line) - len(line.lstrip(" "))
        stripped = line.strip()
        if not stripped:
            continue
        while stack and stack[-1][0] >= indent:
            stack.pop()
        if stripped.startswith('"'):
            for _, index in stack:
                nodes[index][1].append(stripped[1:-1])
            continue
        nodes.append((stripped.split(" ")[0].rstrip(":"), []))
        stack.append((indent, len(nodes) - 1))
    return [(role, " ".join(" ".join(texts).split())) for role, texts in nodes]


def _markdown_headings(lang: str, folder: Path) -> list[tuple[int, str]]:
    from markdown_it import MarkdownIt

    from test_docx import _run

    proc = _run("report", "-m", "Viborg", "--lang", lang, "--offers", str(offers_file(folder)))
    assert proc.returncode == 0, proc.stderr
    tokens = MarkdownIt("commonmark").enable("table").parse(proc.stdout)
    return [(int(t.tag[1]), tokens[i + 1].content.replace("\\", "")) for i, t in enumerate(tokens)
            if t.type == "heading_open"]


def _catalog_lang(pdf: Path) -> str | None:
    """The document's /Lang, read from the file itself (plain or inside a compressed object stream)."""
    data = pdf.read_bytes()
    chunks = [data] + [zlib.decompress(m.group(1)) for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data,
                                                                         flags=re.S) if _inflates(m.group(1))]
    for chunk in chunks:
        found = re.search(rb"/Lang\s*\(([^)]*)\)", chunk)
        if found:
            return found.group(1).decode("latin-1")
    return None


def _inflates(raw: bytes) -> bool:
    try:
        zlib.decompress(raw)
    except zlib.error:
        return False
    return True


@pytest.mark.parametrize("lang", LANGS)
def test_the_brief_is_a_tagged_a4_pdf_of_at_most_12_pages_with_its_structure(lang: str, tmp_path: Path) -> None:
    need_module("weasyprint", 'pip install "vold-cli[pdf]"')
    pdf = brief(lang, ".pdf")
    assert pdf.read_bytes().startswith(b"%PDF-")
    info = pdf_info(pdf)
    assert info["Tagged"] == "yes", info
    pages = int(info["Pages"])
    assert 2 <= pages <= MAX_PAGES, f"{pages} pages"
    sizes = subprocess.run([need("pdfinfo", "poppler-utils"), "-f", "1", "-l", str(pages), str(pdf)],
                           capture_output=True, text=True, check=True).stdout
    each = re.findall(r"Page\s+\d+ size:\s+([\d.]+ x [\d.]+ pts)", sizes)
    assert len(each) == pages and all(is_a4({"Page size": size}) for size in each), each
    assert info["Title"] == TITLE[lang]
    assert info["Author"].startswith("vold ") and "Socialstyrelsen" in info["Subject"]
    assert _catalog_lang(pdf) == lang

    structure = _structure(pdf)
    roles = [role for role, _ in structure]
    assert roles[0] == "Document" and {"Table", "TH", "TD", "L", "LI", "P"} <= set(roles), set(roles)
    headings = [(int(role[1]), text) for role, text in structure if re.fullmatch(r"H[1-6]", role)]
    # every heading of the brief (as the Markdown writer gives them), at its level, in order; the HTML the PDF is
    # made from also makes the titles of notes and lists headings (a level below), so those come in between
    expected = _markdown_headings(lang, tmp_path)
    found = iter(headings)
    for level, text in expected:
        assert any(got == (level, text) for got in found), f"heading {text!r} (H{level}) missing or out of order"
    levels = [level for level, _ in headings]
    assert levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), levels
    header_cells = {text for role, text in structure if role == "TH"}
    local = {"da": {"Lokalt", "Afrundet", "Lokalt (skaleret)"}, "en": {"Local", "Rounded", "Local (scaled)"}}[lang]
    assert local <= header_cells, header_cells


@pytest.mark.parametrize("lang", LANGS)
def test_without_the_pdf_extra_the_error_is_one_line_naming_it(run, tmp_path: Path, monkeypatch, lang) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "weasyprint" else real(name, *a))
    target = tmp_path / "brief.pdf"
    result = run("report", "-m", "Viborg", "-o", str(target), "--lang", lang)
    assert result.exit_code == 1 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert result.stderr.startswith("Fejl: " if lang == "da" else "Error: ")
    assert 'pip install "vold-cli[pdf]"' in result.stderr
    assert not target.exists()
    from test_language import ALLOW_IN_DA, ALLOW_IN_EN, DANISH, ENGLISH, offending

    words, allowed = (ENGLISH, ALLOW_IN_DA) if lang == "da" else (DANISH, ALLOW_IN_EN)
    assert not offending(result.stderr, words, allowed), result.stderr


def test_without_pango_the_error_names_the_library(run, tmp_path: Path, monkeypatch) -> None:
    """WeasyPrint installed, the Pango library it loads missing (its import raises OSError): one line naming
    Pango and how to install it; nothing written."""
    import importlib.abc
    import importlib.machinery
    import importlib.util
    import sys

    class NoPango(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path, target=None):  # type: ignore[no-untyped-def]
            if name == "weasyprint":
                raise OSError("cannot load library 'libpango-1.0-0'")
            return None

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: importlib.machinery.ModuleSpec(name, None)
                        if name == "weasyprint" else real(name, *a))
    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)
    monkeypatch.setattr(sys, "meta_path", [NoPango(), *sys.meta_path])
    target = tmp_path / "brief.pdf"
    result = run("report", "-p", "43000", "-o", str(target))
    assert result.exit_code == 1 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and "Pango" in result.stderr
    assert "libpango" in result.stderr and not target.exists()


def test_pdf_is_offered_by_the_brief_only(run) -> None:
    result = run("law", "--format", "pdf", "-o", "law.pdf")
    assert result.exit_code == 2 and "pdf" in result.stderr
    assert not Path("law.pdf").exists()
