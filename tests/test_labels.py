"""Every label and record key a user can see has words in both languages: the headers of tables and the labels of
fields on every page (views/pages.py: every command that shows the knowledge, each entry's own page), the
`*_label` values of their JSON and CSV records, and the column headers of every workbook a command writes (record
keys as people read them). Generated from the pages and the commands, in Danish and English side by side: a label
that is missing in one language, or the same text in both, fails, unless it is one of the few words the two
languages share."""

from __future__ import annotations

import datetime
import re

import pytest

from vold_cli.kb.facade import KnowledgeBase
from vold_cli.kb.loader import load
from vold_cli.output.blocks import Document, Fields, Table
from vold_cli.views import pages

TODAY = datetime.date(2026, 12, 1)
#: Words Danish and English write alike; anything without letters (years, '#', '%') is neutral too.
SHARED = {"id", "Id", "ref.", "Status", "Cache", "Region", "ISBN"}


def _neutral(text: str) -> bool:
    return text in SHARED or not re.search(r"[^\W\d_]", text)


def _pairs() -> list[object]:
    knowledge = KnowledgeBase(load(None))
    danish = list(pages.pages(knowledge, "da", TODAY))
    english = list(pages.pages(knowledge, "en", TODAY))
    assert [p.command for p in danish] == [p.command for p in english]
    seen: set[str] = set()
    params = []
    for da, en in zip(danish, english, strict=True):
        if da.kind == "vold estimate --municipality {code}" and da.kind in seen:
            continue  # one estimate of the 98: the same view, other numbers
        seen.add(da.kind)
        params.append(pytest.param(da, en, id=da.command))
    return params


def _labels(doc: Document) -> list[str]:
    """The headers of the page's tables and the labels of its fields, in order."""
    out: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Table):
            out += [c.header for c in block.columns]
        elif isinstance(block, Fields):
            out += [label for label, _ in block.pairs]
    return out


def _label_values(node: object, path: str = "") -> list[tuple[str, object]]:
    """Every `*_label` / `*_labels` value of a record, with where it is."""
    found: list[tuple[str, object]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key.endswith(("_label", "_labels")):
                found += [(f"{path}{key}", v) for v in (value if isinstance(value, list) else [value])]
            found += _label_values(value, f"{path}{key}.")
    elif isinstance(node, list):
        for item in node:
            found += _label_values(item, path)
    return found


@pytest.mark.parametrize(("da", "en"), _pairs())
def test_every_header_and_label_of_a_page_has_both_languages(da: pages.Page, en: pages.Page) -> None:
    danish, english = _labels(da.build()), _labels(en.build())
    assert len(danish) == len(english), (danish, english)
    bad = [(d, e) for d, e in zip(danish, english, strict=True)
           if bool(d) != bool(e) or (d == e and not _neutral(d))]
    assert not bad, f"{da.command}: labels without both languages: {bad}"


@pytest.mark.parametrize(("da", "en"), _pairs())
def test_every_label_value_of_the_records_has_both_languages(da: pages.Page, en: pages.Page) -> None:
    def data(page: pages.Page) -> object:
        doc = page.build()
        return doc.data() if callable(doc.data) else doc.data

    danish, english = _label_values(data(da)), _label_values(data(en))
    assert [k for k, _ in danish] == [k for k, _ in english]
    bad = [(k, d, e) for (k, d), (_, e) in zip(danish, english, strict=True)
           if not isinstance(d, str) or not isinstance(e, str) or not d or not e or (d == e and not _neutral(d))]
    assert not bad, f"{da.command}: *_label values without both languages: {bad[:5]}"


def _workbook_commands() -> list[str]:
    """One command of each kind of page (and each form of `estimate`) that writes a workbook."""
    knowledge = KnowledgeBase(load(None))
    kinds: dict[str, str] = {}
    for page in pages.pages(knowledge, "en", TODAY):
        kinds.setdefault(page.kind, page.command)
    return [*kinds.values(), "vold estimate --all", "vold estimate -p 43000", "vold estimate -m 101 -m 791"]


@pytest.mark.parametrize("command", _workbook_commands())
def test_every_column_of_a_workbook_is_headed_in_both_languages(run, tmp_path, command: str) -> None:
    import openpyxl

    if "xlsx" not in run(*command.split()[1:], "--help").stdout:
        pytest.skip(f"{command} writes no workbook")  # only the commands whose result is a table offer it
    headers = {}
    for lang in ("da", "en"):
        target = tmp_path / f"{lang}.xlsx"
        result = run(*command.split()[1:], "--format", "xlsx", "-o", str(target), "--lang", lang)
        assert result.exit_code == 0, result.stderr
        sheet = openpyxl.load_workbook(target).worksheets[0]
        headers[lang] = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
    assert len(headers["da"]) == len(headers["en"])
    bad = [(d, e) for d, e in zip(headers["da"], headers["en"], strict=True)
           if not d or not e or "_" in d or "_" in e or (d == e and not _neutral(d))]
    assert not bad, f"{command}: columns headed by a record key or in one language only: {bad}"
