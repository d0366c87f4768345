"""`vold search` reads what the commands print (views/pages.py), and its promise is tested directly: for words
taken from the output of every command that runs without arguments and of the pages of single entries, in both
languages, a search for the word has a hit whose command, when run, prints the word.

Nothing here lists sections, fields or commands by hand: the pages come from the section registry, the commands from
the Click application, the words from the output."""

from __future__ import annotations

import datetime
import json
import re

import click
import pytest
import typer

from vold_cli.core.search import search
from vold_cli.kb.facade import KnowledgeBase
from vold_cli.kb.loader import load
from vold_cli.kb.sections import REGISTRY
from vold_cli.output.markdown import escape, escape_block
from vold_cli.text import fold
from vold_cli.views import pages

TODAY = "2026-12-01"
LANGS = ("da", "en")
#: Commands that run without arguments but show no part of the knowledge: `kb validate` reports on a folder's files
#: (its location, how many files), which is not what search is for.
NOT_PAGES = {"vold kb validate"}
#: Municipalities' pages are 98 estimates of one view; the test runs every one of the regions' and these.
SAMPLED_MUNICIPALITIES = {"101", "791", "825"}  # København, Viborg, Læsø


@pytest.fixture(scope="module")
def knowledge() -> KnowledgeBase:
    return KnowledgeBase(load(None))


@pytest.fixture(scope="module")
def indexes(knowledge: KnowledgeBase) -> dict[str, object]:
    today = datetime.date.fromisoformat(TODAY)
    return {lang: pages.build(knowledge, lang, today) for lang in LANGS}


def _invoke(args: list[str], lang: str, fmt: str = "markdown") -> str:
    from typer.testing import CliRunner

    from vold_cli.commands.app import app

    result = CliRunner().invoke(app, [*args, "--lang", lang, "--format", fmt], catch_exceptions=False,
                                env={"VOLD_TODAY": TODAY, "COLUMNS": "120"})
    assert result.exit_code == 0, (args, result.stderr)
    return result.stdout


def _argv(command: str) -> list[str]:
    import shlex

    return shlex.split(command)[1:]  # without "vold"


def _tokens(text: str) -> set[str]:
    """The words of an output, folded; Markdown's escapes removed (the words as printed)."""
    return {fold(word) for word in re.findall(r"\w+", re.sub(r"\\(.)", r"\1", text))}


# --- every command of the registry has its page -------------------------------------------------------------


def test_every_section_command_has_its_pages() -> None:
    """Each section of the registry is shown by a view that says so (its module's PAGES or ENTRY_PAGES)."""
    listings, details = pages.registered()
    for section in REGISTRY:
        if "{" in section.command:
            assert section.command in details, f"{section.stem}: no view names {section.command!r} in ENTRY_PAGES"
        else:
            assert section.command in listings, f"{section.stem}: no view names {section.command!r} in PAGES"
    commands = {s.command for s in REGISTRY} | {pages.listing_of(s.command) for s in REGISTRY}
    # a view's further page of a section ('vold law duties' of law) extends the section's listing
    further = {c for c in listings if any(c.startswith(pages.listing_of(s.command) + " ") for s in REGISTRY)}
    assert set(listings) - further <= commands and set(details) <= commands  # nothing left from a removed command
    assert further == {"vold law duties"}


def _no_argument_commands() -> list[str]:
    """Every command of the application that runs without arguments (exit 0), as 'vold ...'."""
    from typer.testing import CliRunner

    from vold_cli.commands.app import app

    group = typer.main.get_command(app)
    found: list[str] = []

    def walk(command: click.Command, path: list[str]) -> None:
        if isinstance(command, click.Group):
            context = click.Context(command)
            for name in command.list_commands(context):
                sub = command.get_command(context, name)
                if sub is not None:
                    walk(sub, [*path, name])
            return
        result = CliRunner().invoke(app, [*path, "--format", "json"], env={"VOLD_TODAY": TODAY})
        if result.exit_code == 0:
            found.append(" ".join(["vold", *path]))

    walk(group, [])
    return found


def _page_params() -> list[object]:
    knowledge = KnowledgeBase(load(None))
    params = []
    for lang in LANGS:
        for page in pages.pages(knowledge, lang, datetime.date.fromisoformat(TODAY)):
            if page.kind == "vold estimate --municipality {code}" and page.command.split()[-1] not in SAMPLED_MUNICIPALITIES:
                continue
            params.append(pytest.param(lang, page.command, id=f"{lang}-{page.command}"))
    return params


@pytest.mark.parametrize(("lang", "command"), _page_params())
def test_each_page_is_what_its_command_prints(knowledge: KnowledgeBase, lang: str, command: str) -> None:
    page = next(p for p in pages.pages(knowledge, lang, datetime.date.fromisoformat(TODAY)) if p.command == command)
    printed = _invoke(_argv(command), lang)
    missing = [text for text in pages.texts(page.build())
               if escape(text) not in printed and escape_block(text) not in printed and text not in printed]
    assert not missing, f"{command} --lang {lang} does not print: {missing[:3]}"


# --- the promise: a word printed is found, and the hit's command prints it ------------------------------------


def _outputs(lang: str, knowledge: KnowledgeBase) -> dict[str, str]:
    """The output of every command without arguments and of every entry's page (municipalities sampled)."""
    commands = [c for c in _no_argument_commands() if c not in NOT_PAGES]
    for page in pages.pages(knowledge, lang, datetime.date.fromisoformat(TODAY)):
        if page.entry is not None and (page.kind != "vold estimate --municipality {code}"
                                       or page.command.split()[-1] in SAMPLED_MUNICIPALITIES):
            commands.append(page.command)
    outputs = {}
    for command in commands:
        text = _invoke(_argv(command), lang)
        if command == "vold kb info":  # where this run loaded the knowledge from is not the knowledge
            about = json.loads(_invoke(["kb", "info"], lang, "json"))
            text = text.replace(f"{about['location']} ({about['origin_text']})", " ").replace(about["cache"]["text"], " ")
        outputs[command] = text
    return outputs


@pytest.mark.parametrize("lang", LANGS)
def test_every_word_printed_is_found_where_it_is_printed(knowledge: KnowledgeBase, indexes: dict[str, object],
                                                         lang: str) -> None:
    outputs = _outputs(lang, knowledge)
    words = sorted({w for text in outputs.values() for w in re.findall(r"\w+", re.sub(r"\\(.)", r"\1", text))})
    assert len(words) > 1000  # the whole vocabulary of the pages, not a sample of it
    seen: dict[str, set[str]] = {command: _tokens(text) for command, text in outputs.items()}
    failures = []
    for word in words:
        wanted = fold(word)
        hits = search(indexes[lang], word)  # type: ignore[arg-type]
        for hit in hits:
            if hit["command"] not in seen:
                seen[hit["command"]] = _tokens(_invoke(_argv(hit["command"]), lang))
            if any(token.startswith(wanted) for token in seen[hit["command"]]):
                break
        else:
            failures.append(f"{word!r}: {[h['command'] for h in hits][:3]}")
    assert not failures, f"{len(failures)} of {len(words)} words ({lang}): " + "; ".join(failures[:10])


@pytest.mark.parametrize(("words", "lang"), [("superbrugere", "da"), ("hope", "en"), ("stalking", "en"),
                                              ("stalking", "da"), ("strakstilhold", "da"), ("Barnets Lov", "da")])
def test_the_words_the_issue_names_are_found_where_they_are_printed(run, words: str, lang: str) -> None:
    """Issue 25: `vold implementation` prints 'superbrugere' and 'hope', `vold law` 'stalking', 'strakstilhold'
    and 'Barnets Lov', and search found none of them."""
    result = run("search", *words.split(), "--lang", lang, "--format", "json")
    assert result.exit_code == 0, result.stderr
    hits = json.loads(result.stdout)
    assert hits, f"nothing found for {words!r}"
    for hit in hits:
        shown = run(*_argv(hit["command"]), "--lang", lang, env={"COLUMNS": "120"})
        assert shown.exit_code == 0
        assert all(fold(w) in _tokens(shown.stdout) for w in words.split()), (hit, words)


# --- the index -------------------------------------------------------------------------------------------------


def test_a_block_search_cannot_read_is_an_error() -> None:
    from vold_cli.output.blocks import Document

    class Unknown:
        pass

    with pytest.raises(TypeError, match="Unknown"):
        pages.rows(Document([Unknown()]))


def test_an_entry_is_found_on_its_own_page_and_a_label_once(indexes: dict[str, object]) -> None:
    hits = search(indexes["en"], "Safe Dates")  # type: ignore[arg-type]
    own = [h for h in hits if h["id"] == "safe-dates"]
    assert len(own) == 1 and own[0]["command"] == "vold interventions safe-dates"  # not the listing
    owners = [(h["section"], h["id"], h["title"]) for h in search(indexes["en"], "source")]  # type: ignore[arg-type]
    assert len(owners) == len(set(owners))  # one hit per owner
    # 'Tried in Denmark' labels every intervention's page: one hit, for the section, not one per intervention
    tried = [h for h in search(indexes["en"], "tried in Denmark")  # type: ignore[arg-type]
             if h["section"] == "interventions" and h["snippet"] == "Tried in Denmark"]
    assert [(h["id"], h["title"]) for h in tried] == [("interventions", "Interventions")]


def test_the_generated_index_is_read_for_the_bundled_knowledge(monkeypatch: pytest.MonkeyPatch,
                                                               knowledge: KnowledgeBase) -> None:
    from vold_cli.kb import loader
    from vold_cli.kb.cachestatus import Status
    from vold_cli.kb.loader import Knowledge

    today = datetime.date.fromisoformat(TODAY)
    blob = pages.generate(knowledge, "da", today)
    made = json.loads(blob)["index"]
    assert made == json.loads(json.dumps(pages.build(knowledge, "da", today)))
    bundled = KnowledgeBase(Knowledge(knowledge.data, "", "bundled", False, Status("generated")))
    other_day = datetime.date(2030, 1, 1)
    monkeypatch.setattr(loader, "package_file", lambda name: blob if name == "search-da.json" else None)
    assert pages.index(bundled, "da", other_day) == made  # read, not made again
    assert pages.index(bundled, "en", other_day)["lang"] == "en"  # no file for English: made now
    stale = json.loads(blob) | {"version": "0.0.0"}
    monkeypatch.setattr(loader, "package_file", lambda name: json.dumps(stale).encode())
    assert pages.index(bundled, "da", today) == json.loads(json.dumps(pages.build(knowledge, "da", today)))


def test_a_page_its_command_refuses_is_left_out(monkeypatch: pytest.MonkeyPatch, knowledge: KnowledgeBase) -> None:
    """An edited folder may hold an entry its command answers with an error: search offers no page for it."""
    from vold_cli.errors import NotFound
    from vold_cli.views import initiatives

    key, view = initiatives.ENTRY_PAGES["vold initiatives {id}"]

    def refusing(knowledge: KnowledgeBase, entry: object, lang: str, today: datetime.date) -> object:
        if entry["id"] == "theme-days":  # type: ignore[index]
            raise NotFound("No such initiative.")
        return view(knowledge, entry, lang, today)  # type: ignore[arg-type]

    monkeypatch.setitem(initiatives.ENTRY_PAGES, "vold initiatives {id}", (key, refusing))
    index = pages.build(knowledge, "en", datetime.date.fromisoformat(TODAY))
    assert "vold initiatives theme-days" not in index["commands"]
    assert "vold initiatives honour-course" in index["commands"]
