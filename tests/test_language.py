"""Danish all the way through (and English all the way through): every command, every help and the error paths
run in one language, and the output scanned for the other language's function words.

A case that still shows the other language is listed in KNOWN_DA / KNOWN_EN with the reason and marked
xfail(strict=True): it is reported with its offending lines, and the day it passes the mark must go. Everything
not listed there passes now.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from vold_cli.i18n import click_gettext

BROKEN = Path(__file__).resolve().parent / "broken"


def all_msgids() -> dict[tuple[str, str | None], list[str]]:
    """The msgids (and plurals) of the installed click and typer, found by tools/click_msgids.py."""
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "tools" / "click_msgids.py"
    spec = importlib.util.spec_from_file_location("click_msgids", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.all_msgids()

# English words that never belong in a Danish sentence. Left out on purpose: "for" and "under" (Danish words
# too), "to" (Danish "two"), "is" (Danish "ice"), "have" (Danish too), "en" (the language code, `--lang en`).
ENGLISH = ("the", "and", "of", "with", "are", "not", "this", "that", "which", "from", "or", "no", "No", "was",
           "were", "been", "has", "will", "should", "must", "than", "only", "each", "every", "into",
           "Usage", "Options", "Commands", "Arguments", "Error", "Show", "Try", "Missing", "Invalid", "Unknown",
           "Did you mean", "about", "inhabitants", "municipality", "Aborted")
# Danish words that never belong in an English sentence. Left out: "for", "under", "i", "en" (see above),
# "af" (rare, but in Danish names we allow below anyway).
DANISH = ("og", "ikke", "med", "til", "er", "som", "der", "det", "et", "på", "eller", "skal", "kan", "ved",
          "fra", "efter", "hvor", "mellem", "ingen", "Fejl", "Brug", "Tilvalg", "Kommandoer", "Mente du",
          "indbyggere", "kommune", "Afbrudt")

# Names that are English in the note too, quoted in any output.
ALLOW_IN_DA = (
    "Safe Dates", "Youth Relationship Project", "Fourth R: Skills for Youth Relationships", "Fourth R",
    "Anger Management", "train and hope", "Big Bang", "Dating Matters", "Expect Respect", "Coaching Boys into Men",
    "Shifting Boundaries", "Duluth", "Domestic Abuse Intervention", "Intervention Centre", "Respect",
    "Council of Europe", "Alternative to Violence", "Family Foundations", "Nurse Family Partnership",
)
# Danish names (institutions, acts, places) that stay Danish in English output.
ALLOW_IN_EN = (
    "Lov om social service", "Socialstyrelsen", "Danmarks Statistik", "Københavns Kommune",
    "Bornholms Regionskommune", "Kommune", "Digitaliserings- og ligestillingsministeriet", "Mandecentret",
    "Dialog mod Vold", "Det Kriminalpræventive Råd", "Lev uden vold", "Lev Uden Vold", "Social- og Boligstyrelsen",
    "Landsorganisation af Kvindekrisecentre",
    "LOKK", "Servicestyrelsen", "Sundheds- og Sygelighedsundersøgelserne", "Sundheds- og",
    "Alternativ til Vold", "Social-, Børne- og Integrationsministeriet",
    "Ministeriet for Ligestilling og Kirke", "Statens Institut for Folkesundhed",
)


def _act_names() -> tuple[str, ...]:
    """The names of the Danish acts in the knowledge base (proper names: the same in both languages), the Danish
    acts, orders and bodies the items after the note name ('lov nr. 112 af 3. februar 2012', 'Udlændinge- og
    Integrationsministeriet'), the publishers of the policy after the note, and the note's published title."""
    from vold_cli.kb.loader import load

    data = load(None, use_cache=False).data
    law = data["law"]
    names = [act["name"] for act in law["acts"]]
    changes = [c for node in [*law["acts"], *law["entries"]] for c in node["changes_since"]]
    changes += [c for duty in law["duties"] for c in duty["steps"]]
    for change in changes:
        names += ([change["authority"]] if change.get("authority") else []) + list(change["reported_by"])
    names += [p["publisher"] for p in data["initiatives"]["since_note"] if p["publisher"]]
    citation = data["meta"]["citation"]
    names += [citation["title"], citation["subtitle"], *([citation["tagline"]] if citation["tagline"] else [])]
    return tuple(names)


ALLOW_IN_EN += _act_names()

_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|«[^»]*»|`[^`]*`|(?<!\w)'[^'\n]*'(?!\w)|https?://\S+|\S+@\S+|(?<!\w)--?[\w-]+"
                     r"|[\w.-]*/[\w./-]+")
# A table cell or a wrapped paragraph breaks a name or a quoted title across lines: the piece at the end of one
# line (or cell) and the piece at the start of the next are removed when they are a name's beginning or end,
# or an unclosed / unopened quote.
_CELL = re.compile(r"[│┃|]")


def _pieces(name: str) -> tuple[list[str], list[str]]:
    words = name.split()
    return ([" ".join(words[:i]) for i in range(1, len(words))], [" ".join(words[i:]) for i in range(1, len(words))])


def _unwrap(fragment: str, allowed: tuple[str, ...]) -> str:
    text = _QUOTED.sub(" ", fragment).strip()
    start = re.match(r"^([^']*)'(?!\w)", text)  # the end of a quote begun on the line before
    if start and not re.search(r"(?<!\w)'", start.group(1)):
        text = text[start.end():]
    text = re.sub(r"(?<!\w)'[^']*$", " ", text).strip()  # a quote that goes on on the next line
    for name in sorted(allowed, key=len, reverse=True):
        heads, tails = _pieces(name)
        for head in sorted(heads, key=len, reverse=True):
            if text.endswith(head) and (len(text) == len(head) or not text[-len(head) - 1].isalnum()):
                text = text[: -len(head)]
                break
        for tail in sorted(tails, key=len, reverse=True):
            if text.startswith(tail) and (len(text) == len(tail) or not text[len(tail)].isalnum()):
                text = text[len(tail):]
                break
    return text


def _columns(text: str) -> list[str]:
    """The lines of `text`, with each bordered table's body read by column: consecutive lines whose borders
    (│) stand in the same places are joined cell by cell, so a name or a quote wrapped inside a cell reads whole."""
    out: list[str] = []
    group: list[str] = []
    borders: list[int] = []

    def flush() -> None:
        if group:
            edges = [-1, *borders, max(len(line) for line in group)]
            for a, b in zip(edges, edges[1:], strict=False):
                out.append(" ".join(" ".join(line[a + 1:b].split()) for line in group).strip())
        group.clear()

    for line in text.splitlines():
        where = [i for i, ch in enumerate(line) if ch == "│"]
        if where and where == borders:
            group.append(line)
            continue
        flush()
        borders = where
        if where:
            group.append(line)
        else:
            out.append(line)
    flush()
    return out


def offending(text: str, words: tuple[str, ...], allowed: tuple[str, ...]) -> list[str]:
    """Lines of `text` that hold one of `words` (whole words, case as given) outside quotes, commands and
    the allowed names; each with the words found."""
    pattern = re.compile(r"(?<![\w'-])(" + "|".join(re.escape(w) for w in words) + r")(?![\w'-])")
    out = []
    for line in _columns(text):
        cleaned = line
        for name in sorted(allowed, key=len, reverse=True):
            cleaned = cleaned.replace(name, " ")
        cleaned = " │ ".join(_unwrap(cell, allowed) for cell in _CELL.split(cleaned))
        found = sorted(set(pattern.findall(cleaned)))
        if found:
            out.append(f"{found}: {line.strip()[:160]}")
    return out


def _readable(text: str) -> str:
    """HTML as the reader sees it: tags out (one line per element), entities (&#x27;) decoded."""
    if "<html" not in text[:200]:
        return text
    import html

    text = re.sub(r"<style.*?</style>", " ", text, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "\n", text))


def _scan(result, lang: str) -> list[str]:
    words, allowed = (ENGLISH, ALLOW_IN_DA) if lang == "da" else (DANISH, ALLOW_IN_EN)
    return offending(_readable(result.stdout), words, allowed) + [f"stderr {x}" for x in offending(result.stderr, words, allowed)]


# --- every command, in the formats people read ------------------------------------------------------

from vold_cli.commands import registry  # noqa: E402

KNOWLEDGE = Path(__file__).resolve().parents[1] / "knowledge"

# Cases besides the examples of every command's help (below): a tiny population, a list of offers as Danish Excel
# saves it, the template to stdout.
COMMANDS = {
    "estimate-tiny": ["estimate", "--population", "50"],
    "check-excel": ["check", "{offers}", "--municipality", "Viborg"],
    # issue 26, besides the help examples (law 243, law duties, law tilhold, initiatives action-plan-2023 and
    # hotline-1888, interventions cti and the estimate with --observed are examples): a rating beside the note's
    # grade, and a search that finds what came after the note
    "interventions-declaration": ["interventions", "ud-af-voldens-skygge"],
    "search-after-note": ["search", "1888"],
    "check-windows-1252": ["check", "{excel}", "--municipality", "Horsens"],
    "check-region-by-municipality": ["check", "{excel}", "--region", "Midtjylland"],
    "check-region-whole": ["check", "{offers}", "--region", "Midtjylland", "--scope", "region"],
    "check-template": ["check", "--template"],
}
FORMATS = ("table", "markdown")


def _offers(folder: Path) -> Path:
    """A municipality's list of offers as Danish Excel saves it (for `vold check`)."""
    path = folder / "tilbud.csv"
    path.write_text("\ufeffTilbud;Indsats;Fase;Målgruppe;Pladser;Lov\r\n"
                    "Krisecenter Nordby;Kvindekrisecentre;Sekundær;Voldsudsatte, Kvinder;6;§ 109\r\n"
                    "Vredeshåndteringskursus;Anger Management;sekundaer;voldsudøvere;;\r\n"
                    "Kærestevoldsforløb for 8. klasse;kærestevold;primær;Unge;;\r\n"
                    "Eget tilbud;Noget helt andet;tertiær;;;\r\n", encoding="utf-8")
    return path


def _excel(folder: Path) -> Path:
    """The list as Danish Excel's "CSV (semikolonsepareret)" saves it: Windows-1252, ';', CRLF, the planner's own
    columns (provider, annual cost) and a kommune column; a men's crisis centre and aftercare with places."""
    path = folder / "horsens.csv"
    path.write_bytes("Tilbud;Indsats;Fase;Målgruppe;Pladser;Lov;Kommune;Udbyder;Årlig udgift (kr.)\r\n"
                     "Krisecenter Nordby;Kvindekrisecentre;Sekundær;Voldsudsatte, Kvinder;14;§ 109;Horsens;Kommunen;"
                     "4.500.000\r\n"
                     "Herberg for mænd;;Sekundær;Mænd;6;§ 109;Horsens;Mandecentret;1.200.000\r\n"
                     "Behandling hos DMV;Dialog mod Vold;;;;;Hedensted;DMV;350.000\r\n"
                     "Efterværn;efterværn;;;4;;Horsens;Kommunen;\r\n".encode("cp1252"))
    return path


# (language, case) -> why it still fails. Knowledge-derived text and renderers other helpers are rebuilding.
KNOWN_DA: dict[str, str] = {}
KNOWN_EN: dict[str, str] = {}


def _mark(case: str, lang: str):
    known = KNOWN_DA if lang == "da" else KNOWN_EN
    if case in known:
        return pytest.param(case, lang, marks=pytest.mark.xfail(strict=True, reason=known[case]), id=f"{lang}-{case}")
    return pytest.param(case, lang, id=f"{lang}-{case}")


COMMAND_CASES = [_mark(f"{name}:{fmt}", lang) for lang in ("da", "en") for name in COMMANDS for fmt in FORMATS]
REPORTS = {"report": ["report", "--population", "43000"],
           "report-offers": ["report", "-m", "Viborg", "--offers", "{offers}"]}
COMMAND_CASES += [_mark(f"{name}:{fmt}", lang) for lang in ("da", "en") for name in REPORTS
                  for fmt in ("markdown", "html")]


@pytest.mark.parametrize(("case", "lang"), COMMAND_CASES)
def test_command_speaks_one_language(run, tmp_path, case, lang):
    name, fmt = case.split(":")
    args = [*(REPORTS[name] if name in REPORTS else COMMANDS[name]), "--format", fmt]
    offers, excel = _offers(tmp_path), _excel(tmp_path)
    args = [a.replace("{offers}", str(offers)).replace("{excel}", str(excel)) for a in args]
    result = run(*args, "--lang", lang)
    assert result.exit_code == 0, result.stderr
    bad = _scan(result, lang)
    assert not bad, f"{' '.join(args)} --lang {lang}: {len(bad)} line(s) in the other language:\n" + "\n".join(bad)


def _entry(path: list[str]) -> registry.Entry:
    entry = registry.find(path[0])
    assert entry is not None
    for name in path[1:]:
        assert entry.children is not None
        entry = entry.children[name]
    return entry


def _example_cases() -> list:
    """Every example of every command's help (the registry), in each language, as written and, where it names no
    format and writes no file, as Markdown too."""
    cases = []
    for path in registry.paths():
        for lang in ("da", "en"):
            for i, line in enumerate(_entry(path).example_lines(lang) if path else []):
                words = line.split()
                plain = not {"--format", "-f", "-o", ">"} & set(words) and path[0] not in ("kb", "check")
                for fmt in (None, "markdown") if plain else (None,):
                    cases.append(pytest.param(path, lang, i, fmt, id=f"{lang}-{' '.join(path)}-{i}-{fmt or 'as-is'}"))
    return cases


def _prepare(folder: Path, args: list[str]) -> list[str]:
    """The folder an example runs in: the files and knowledge folders it reads are there, the file or folder it
    creates is not; a shell redirection (`> brief.md`) goes to stdout instead."""
    import shutil

    (folder / "tilbud.csv").write_text(registry_template(), encoding="utf-8")
    (folder / "tilbud.yaml").write_text("- tilbud: Krisecenter\n  indsats: Kvindekrisecentre\n  pladser: 6\n"
                                        "- tilbud: Safe Dates i 8. klasse\n", encoding="utf-8")
    for name in ("my-knowledge", "min-viden"):
        if any(name in a for a in args):
            shutil.copytree(KNOWLEDGE, folder / name)
    if args[:2] == ["kb", "init"]:
        shutil.rmtree(folder / args[2])
    for flag in ("-o", "--output"):
        if flag in args:
            (folder / args[args.index(flag) + 1]).unlink(missing_ok=True)
    if ">" in args:
        args = args[:args.index(">")]
    return args


def registry_template() -> str:
    from vold_cli.inputs.offers import template

    return template().da


@pytest.mark.parametrize(("path", "lang", "index", "fmt"), _example_cases())
def test_every_example_runs_and_speaks_one_language(run, tmp_path, monkeypatch, path, lang, index, fmt):
    """Each example of the help works as written (exit 0) and answers in one language: the help's language, or the
    example's own --lang."""
    import shlex

    line = _entry(path).example_lines(lang)[index]
    words = shlex.split(line)
    assert words[0] == "vold", line
    monkeypatch.chdir(tmp_path)
    args = _prepare(tmp_path, words[1:]) + (["--format", fmt] if fmt else [])
    from briefs import missing_for_format
    from vold_cli.output.formats import by_suffix

    written = next((by_suffix(Path(a)) for a in args if by_suffix(Path(a)) is not None), None)
    for name in {fmt, written.name if written else None} - {None}:
        reason = missing_for_format(str(name))
        if reason:
            if os.environ.get("VOLD_REQUIRE_BROWSER") == "1":
                pytest.fail(f"{reason}. VOLD_REQUIRE_BROWSER=1 says it must run here.", pytrace=False)
            pytest.skip(reason)
    spoken = ([a.split("=", 1)[-1] for a in args if a.startswith("--lang")] + [args[i + 1] for i, a in
              enumerate(args[:-1]) if a in ("--lang", "-l")] or [lang])[-1]
    result = run(*args, env={"VOLD_LANG": lang})
    assert result.exit_code == 0, (line, result.stderr)
    bad = _scan(result, spoken)
    assert not bad, f"{line} ({lang}): {len(bad)} line(s) in the other language:\n" + "\n".join(bad)


# --- help of every command ----------------------------------------------------------------------------

HELPS = registry.paths()


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("args", HELPS, ids=lambda a: "-".join(a) or "vold")
def test_help_speaks_one_language(run, args, lang):
    result = run("--lang", lang, *args, "-h")
    assert result.exit_code == 0, result.stderr
    bad = _scan(result, lang)
    assert not bad, f"vold {' '.join(args)} -h in {lang}:\n" + "\n".join(bad)
    assert result.stdout.startswith("Brug: " if lang == "da" else "Usage: ")


# --- error paths ----------------------------------------------------------------------------------------

ERRORS = {
    "unknown-municipality": (["estimate", "--municipality", "kbh"], 2),
    "unknown-region": (["estimate", "--region", "Atlantis"], 2),
    "report-format-contradicts-file": (["report", "-p", "5000", "-o", "plan.html", "--format", "markdown"], 2),
    "region-with-population": (["estimate", "--region", "Sjælland", "-p", "5000"], 2),
    "eleven-municipalities": (["estimate", *[a for m in ("101", "147", "151", "153", "155", "157", "159", "161",
                                                         "163", "165", "167") for a in ("-m", m)]], 2),
    "xlsx-without-output": (["estimate", "--all", "--format", "xlsx"], 2),
    "sort-unknown-column": (["estimate", "--all", "--sort", "colour"], 2),
    "neither-population-nor-municipality": (["estimate"], 2),
    "both-population-and-municipality": (["estimate", "-p", "43000", "-m", "Viborg"], 2),
    "year-not-available": (["estimate", "-m", "Viborg", "--year", "2020"], 2),
    "year-without-municipality": (["estimate", "-p", "43000", "--year", "2024"], 2),
    "unknown-code": (["estimate", "-m", "9999"], 2),
    "empty-municipality": (["estimate", "-m", ""], 2),
    "ambiguous-municipality": (["estimate", "-m", "Fr"], 2),
    "population-not-a-number": (["estimate", "-p", "abc"], 2),
    "population-zero": (["estimate", "-p", "0"], 2),
    "population-too-large": (["estimate", "-p", "99999999"], 2),
    "year-not-an-integer": (["estimate", "-m", "Viborg", "--year", "abc"], 2),
    "unknown-format": (["estimate", "-p", "43000", "--format", "xml"], 2),
    "unknown-command": (["estimat"], 2),
    "unknown-option": (["estimate", "--bogus"], 2),
    "option-without-value": (["estimate", "--population"], 2),
    "unknown-phase": (["interventions", "--phase", "quaternary"], 2),
    "unknown-target": (["interventions", "--target", "aliens"], 2),
    "unknown-evidence": (["interventions", "--min-evidence", "proven"], 2),
    "unknown-intervention": (["interventions", "safe-date"], 1),
    "unknown-initiative": (["initiatives", "nope"], 1),
    "unknown-law": (["law", "999"], 1),
    "empty-search": (["search", " "], 2),
    "unknown-part": (["implementation", "everything"], 2),
    "unknown-report-format": (["report", "-p", "43000", "--format", "xml"], 2),
    "report-file-of-another-format": (["report", "-p", "5000", "-o", "plan.json"], 2),
    "report-format-contradicts-pdf": (["report", "-p", "5000", "--format", "markdown", "-o", "plan.pdf"], 2),
    "table-format-contradicts-file": (["law", "--format", "json", "-o", "law.csv"], 2),
    "table-to-a-file-no-format-claims": (["law", "-o", "law.txt"], 2),
    "docx-without-output": (["law", "--format", "docx"], 2),
    "extra-argument": (["phases", "extra"], 2),
    "missing-argument": (["kb", "init"], 2),
    "kb-missing-folder": (["kb", "validate", "/nonexistent-vold-kb"], 1),
    "root-kb-missing": (["--kb", "/nonexistent-vold-kb", "phases"], 1),
    # every broken knowledge folder of tests/broken/, laid over the bundled one: syntax, schema, references
    **{f"kb-{case.name}": (["kb", "validate", f"{{broken:{case.name}}}"], 1)
       for case in sorted(BROKEN.iterdir()) if case.is_dir()},
    "check-no-file": (["check"], 2),
    "check-missing-file": (["check", "/nonexistent-vold-offers.csv"], 1),
    "check-empty-file": (["check", "{empty}"], 1),
    "check-header-only": (["check", "{header-only}"], 1),
    "check-unknown-column": (["check", "{unknown-column}"], 1),
    "check-bad-places": (["check", "{bad-places}"], 1),
    "check-unknown-phase": (["check", "{unknown-phase}"], 1),
    "check-not-encodable": (["check", "{undecodable}"], 1),
    "check-no-name": (["check", "{no-name}"], 1),
    "check-unclosed-quote": (["check", "{unclosed-quote}"], 1),
    "check-bad-amount": (["check", "{bad-amount}"], 1),
    "check-two-amounts": (["check", "{two-amounts}"], 1),
    "check-unknown-kommune": (["check", "{unknown-kommune}"], 1),
    "check-kommune-outside-region": (["check", "{outside-region}", "--region", "Midtjylland"], 1),
    "check-region-without-scope": (["check", "{latin1}", "--region", "Midtjylland"], 2),
    "check-scope-without-region": (["check", "{latin1}", "--scope", "region"], 2),
    "check-bad-scope": (["check", "{latin1}", "--region", "Midtjylland", "--scope", "land"], 2),
    "check-wide-header": (["check", "{wide-header}"], 1),
    "check-xlsx-no-sheet": (["check", "{no-sheet.xlsx}"], 1),
    "check-xlsx-bad-number": (["check", "{bad-number.xlsx}"], 1),
    "check-xlsx-bomb": (["check", "{bomb.xlsx}"], 1),
    "check-xlsx-broken-xml": (["check", "{broken-xml.xlsx}"], 1),
    "report-offers-missing": (["report", "-p", "43000", "--offers", "/nonexistent-vold-offers.csv"], 1),
    "output-names-a-folder": (["law", "109", "--format", "csv", "-o", "ny-mappe/"], 1),
    "report-output-names-a-folder": (["report", "-p", "43000", "-o", "ny-mappe/"], 1),
    "law-in-two-acts": (["law", "1"], 1),
    "observed-unknown-kind": (["estimate", "-m", "Horsens", "--observed", "crisis-centre-woman=4", "--observed-year",
                               "2022"], 2),
    "observed-no-equals": (["estimate", "-m", "Horsens", "--observed", "41", "--observed-year", "2022"], 2),
    "observed-not-a-number": (["estimate", "-m", "Horsens", "--observed", "crisis-centre-women=x",
                               "--observed-year", "2022"], 2),
    "observed-twice": (["estimate", "-p", "5000", "--observed", "crisis-centre-women=4", "--observed",
                        "crisis-centre-women=5", "--observed-year", "2022"], 2),
    "observed-without-year": (["estimate", "-m", "Horsens", "--observed", "crisis-centre-women=4"], 2),
    "observed-year-alone": (["estimate", "-m", "Horsens", "--observed-year", "2022"], 2),
    "observed-year-too-early": (["estimate", "-m", "Horsens", "--observed", "crisis-centre-women=4",
                                 "--observed-year", "2015"], 2),
    "observed-with-all": (["estimate", "--all", "--observed", "crisis-centre-women=4", "--observed-year", "2022"], 2),
}
OFFER_FILES = {
    "empty": b"",
    "header-only": b"\xef\xbb\xbftilbud;indsats\r\n",
    "unknown-column": b"\xef\xbb\xbftilbud;pladsr\r\nx;3\r\n",
    "bad-places": b"\xef\xbb\xbfTilbud;Pladser\r\nA;4\r\nB;tolv\r\n",
    "unknown-phase": b"\xef\xbb\xbftilbud;fase\r\nA;sekundr\r\n",
    "latin1": "tilbud;målgruppe\r\nKrisecenter;kvinder\r\n".encode("cp1252"),
    "undecodable": b"tilbud;m\xe5lgruppe\r\nKrise\x81center;kvinder\r\n",
    "no-name": b"\xef\xbb\xbftilbud;indsats\r\nA;x\r\n;Safe Dates\r\n",
    "unclosed-quote": b"tilbud;indsats\r\n\"Krisecenter;Kvindekrisecentre\r\nB;x\r\n",
    "bad-amount": "tilbud;Årlig udgift (kr.)\r\nA;mange\r\n".encode("cp1252"),
    "two-amounts": b"tilbud;Budget 2024;Budget 2025\r\nA;1;2\r\n",
    "unknown-kommune": b"tilbud;kommune\r\nA;Atlantis\r\n",
    "outside-region": b"tilbud;kommune\r\nA;Aalborg\r\n",
    "wide-header": b"tilbud" + b";" * 20_000 + b"\r\nA\r\n",
}


def _workbooks() -> dict[str, bytes]:
    """Workbooks for the error paths, made as a zip archive the way an xlsx file is (tests/workbooks.py)."""
    from workbooks import bomb, broken_xml, no_sheet, non_number

    return {"no-sheet.xlsx": no_sheet(), "bad-number.xlsx": non_number(), "bomb.xlsx": bomb(),
            "broken-xml.xlsx": broken_xml()}


KNOWN_ERR_DA: dict[str, str] = {
    "kb-syntax-error": "PyYAML's own words for a syntax error ('mapping values are not allowed in this context') "
                       "are English in both languages; vold says where (file, line, column) in Danish",
}
KNOWN_ERR_EN: dict[str, str] = {}


def _err(case: str, lang: str):
    known = KNOWN_ERR_DA if lang == "da" else KNOWN_ERR_EN
    marks = [pytest.mark.xfail(strict=True, reason=known[case])] if case in known else []
    return pytest.param(case, lang, marks=marks, id=f"{lang}-{case}")


@pytest.mark.parametrize(("case", "lang"), [_err(c, lang) for lang in ("da", "en") for c in ERRORS])
def test_error_speaks_one_language(run, tmp_path, broken_kb, case, lang, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a relative -o name is made there, never in the repository, even if it is written
    args, code = ERRORS[case]
    contents = {**OFFER_FILES, **_workbooks()}
    files = {name: tmp_path / (name if "." in name else f"{name}.csv") for name in contents}
    for name, path in files.items():
        path.write_bytes(contents[name])
    args = [files[a[1:-1]].as_posix() if a[1:-1] in files else a for a in args]
    args = [str(broken_kb(a[len("{broken:"):-1])) if a.startswith("{broken:") else a for a in args]
    result = run(*args, "--lang", lang)
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Fejl: " if lang == "da" else "Error: "), lines[0]
    bad = _scan(result, lang)
    assert not bad, f"{' '.join(args)} --lang {lang}:\n" + "\n".join(bad)


def test_the_target_example(run):
    result = run("estimate", "--municipality", "kbh", "--lang", "da")
    assert result.stderr == "Fejl: Ukendt kommune 'kbh'. Mente du: København?\n"
    assert result.exit_code == 2


def test_one_suggestion_for_an_unknown_command(run):
    for lang, words in (("da", "Mente du"), ("en", "Did you mean")):
        result = run("estimat", "--lang", lang)
        assert result.stderr.count(words) == 1, result.stderr
        assert "'estimate'" in result.stderr


@pytest.mark.parametrize("lang", ["da", "en"])
def test_notices_speak_one_language(run, lang):
    # JSON: stdout carries no words, so the notice goes to stderr (table and Markdown say it in the answer, once)
    empty = run("interventions", "--target", "professionals", "--tested-in-denmark", "--lang", lang, "-f", "json")
    nothing = run("search", "zzqqxx", "--lang", lang)
    for result in (empty, nothing):
        assert result.exit_code == 0
        assert not _scan(result, lang), result.stderr
        assert "[" not in result.stderr  # no Python list syntax
    if lang == "da":
        assert empty.stderr == "Ingen indsatser passer til filtrene: målgruppe fagpersoner; afprøvet i Danmark ja.\n"


# --- Click's and Typer's own words -------------------------------------------------------------------

def _catalogue() -> dict[tuple[str, str | None], list[str]]:
    with open(click_gettext.PO, encoding="utf-8") as handle:
        return {(e.msgid, e.plural): e.msgstr for e in click_gettext.parse_po(handle.read()) if e.msgid}


def test_every_click_and_typer_msgid_has_danish():
    catalogue = _catalogue()
    missing = [f"{m!r} (plural {p!r})" if p else repr(m) for m, p in all_msgids()
               if not all(catalogue.get((m, p)) or [""])]
    assert not missing, f"msgids without Danish in {click_gettext.PO}:\n" + "\n".join(missing)


# Placeholders a msgstr may leave out: click fills {number_type} with an English word ("integer", "float").
LEFT_OUT = {"{number_type}"}


def test_danish_templates_keep_their_placeholders():
    for (msgid, plural), msgstr in _catalogue().items():
        for english, danish in zip([msgid, plural or msgid], msgstr, strict=False):
            fields = sorted(set(re.findall(r"\{[^}]*\}|%\(\w+\)s", english)) - LEFT_OUT)
            assert sorted(set(re.findall(r"\{[^}]*\}|%\(\w+\)s", danish))) == fields, english


def test_english_is_restored_after_danish(run):
    assert run("estimat", "--lang", "da").stderr.startswith("Fejl: Ukendt kommando")
    assert run("estimat", "--lang", "en").stderr.startswith("Error: No such command")
    assert run("-h").stdout.startswith("Usage: ")


def test_offending_finds_english_in_danish():
    assert offending("Indsatser for unge and voksne", ENGLISH, ALLOW_IN_DA)
    assert not offending("Indsatsen “Safe Dates” og Safe Dates virker for unge", ENGLISH, ALLOW_IN_DA)
    assert offending("Interventions og more", DANISH, ALLOW_IN_EN)


def test_offending_reads_wrapped_cells_whole():
    table = ("│ Kursus │ Social-, Børne- og      │\n"
             "│        │ Integrationsministeriet │\n")
    assert not offending(table, DANISH, ALLOW_IN_EN)  # a name wrapped inside a cell is still the name
    sentence = ("│ Kursus │ Tallene bygger på to   │\n"
                "│        │ slags data             │\n")
    assert offending(sentence, DANISH, ALLOW_IN_EN)  # a Danish sentence is found, wrapped or not
    assert offending("'Safe Dates' and the rest", ENGLISH, ALLOW_IN_DA)  # a quote hides only itself


def test_change_words_follow_the_language(run):
    da = run("law", "tilhold", "3", "--lang", "da").stdout
    en = run("law", "tilhold", "3", "--lang", "en").stdout
    assert "dato ikke oplyst i kilden" in da and "not stated" not in da
    assert "date not stated in the source" in en
    assert "1. januar 2017" in da and "1 January 2017" in en
    both = run("law", "109", "--lang", "da").stdout
    assert "ifølge Digitaliserings- og ligestillingsministeriet og Mandecentret" in " ".join(both.split())
