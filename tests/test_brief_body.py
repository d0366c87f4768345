"""A brief for people: the body of the brief, in every format it is written in (Markdown, HTML, Word, PDF) and
both languages, holds no command line (`vold law sel 109`), no option (`--population`), no id of the knowledge
(`womens-crisis-centres`) and no data-file path (`data/municipalities-2024-01-01.csv`); sources are named by title.
The appendix ("Sådan er tallene fundet" / "How the figures were made") holds them, so a reader can reproduce every
figure. What is looked for is generated: the command names from the command registry, the ids and files from
knowledge/ (tests/briefs.py)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml

from briefs import (
    KNOWLEDGE,
    LANGS,
    body_problems,
    brief,
    commands,
    kebab_ids,
    knowledge_values,
    need_module,
    pdf_text,
    split_appendix,
)

CITATION = yaml.safe_load((KNOWLEDGE / "meta.yaml").read_text(encoding="utf-8"))["citation"]


def _visible_html(text: str) -> str:
    """What a reader of the HTML sees: no style, no tags, no attributes, entities decoded."""
    text = re.sub(r"<(style|title)\b.*?</\1>", " ", text, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", text))


def _docx_text(path: Path) -> str:
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(str(path))
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in document.element.body.iter(qn("w:p")))


def _text(lang: str, suffix: str, offers: bool) -> str:
    if suffix == ".pdf":  # skipped with the reason before the brief is asked for, without the pdf extra
        need_module("weasyprint", 'pip install "vold-cli[pdf]"')
    path = brief(lang, suffix, offers)
    if suffix == ".md":
        return path.read_text(encoding="utf-8")
    if suffix == ".html":
        return _visible_html(path.read_text(encoding="utf-8"))
    if suffix == ".docx":
        return _docx_text(path)
    # a line broken after a hyphen or a slash (inside a file name or an id) is joined again, so that nothing
    # escapes the scan by being split over two lines
    return re.sub(r"([-/])\n", r"\1", pdf_text(brief(lang, suffix, offers)))


CASES = [pytest.param(lang, suffix, offers, id=f"{lang}-{suffix[1:]}{'-offers' if offers else ''}")
         for lang in LANGS for suffix in (".md", ".html", ".docx", ".pdf")
         for offers in ((True, False) if suffix in (".md", ".html") else (True,))]


def test_what_is_looked_for_comes_from_the_registry_and_the_knowledge() -> None:
    """The lists are not empty and hold what the issue names, so the scan below cannot pass by looking for
    nothing."""
    assert {"law", "estimate", "check", "report"} <= set(commands())
    assert "womens-crisis-centres" in kebab_ids() and len(kebab_ids()) > 50
    assert "data/municipalities-2013-01-01.csv" in knowledge_values()["file"]
    found = body_problems("Se vold law sel 109 og womens-crisis-centres i data/municipalities-2013-01-01.csv "
                          "med --population 43000.")
    kinds = {problem.split(":")[0] for problem in found}
    assert kinds == {"command line", "option", "id", "file path", "data file"}, found
    assert not body_problems("Vold i nære relationer: vold mod kvinder, Serviceloven § 109, 2013-2015, "
                             "cost-benefit-analyser, Safe Dates.")


@pytest.mark.parametrize(("lang", "suffix", "offers"), CASES)
def test_the_body_has_no_command_line_id_or_file_and_the_appendix_has_them(lang: str, suffix: str,
                                                                           offers: bool) -> None:
    body, appendix = split_appendix(_text(lang, suffix, offers), lang)
    problems = body_problems(body)
    assert not problems, f"{len(problems)} in the body:\n" + "\n".join(problems[:20])
    # the appendix: the commands that show each section again, and every data file beside the note
    assert "vold estimate --municipality Viborg" in appendix and f"vold map --lang {lang}" in appendix
    assert "vold law sel 109" in appendix
    assert ("vold check tilbud.csv --municipality Viborg" in appendix) is offers
    for file in sorted(knowledge_values()["file"]):
        assert file in appendix, file
    # sources by title in the body: the note as published
    assert CITATION["title"] in body and CITATION["isbn"] in body
