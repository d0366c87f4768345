"""Shared by the tests of the brief as a document (test_docx.py, test_pdf.py, test_brief_body.py,
test_accessibility.py): the municipality's offers as Danish Excel saves them, the brief written through the real
command line, the outside tools the tests read documents with, and what the knowledge says an id or a data file
looks like (generated from knowledge/, never a hand list)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
KNOWLEDGE = ROOT / "knowledge"
A4 = (595.0, 842.0)  # points, as pdfinfo reports them (±1)
MAX_PAGES = 12  # the limit for the printed brief, with offers, in both languages
LANGS = ("da", "en")

#: Headings of the brief's parts that are not numbered sections.
APPENDIX = {"da": "Bilag: Sådan er tallene fundet", "en": "Appendix: How the figures were made"}

OFFERS_CSV = ("\ufeffTilbud;Indsats;Fase;Målgruppe;Pladser;Lov;Udbyder;Årlig udgift (kr.)\r\n"
              "Krisecenter Nordby;Kvindekrisecentre;Sekundær;\"Voldsudsatte; Kvinder\";6;§ 109;Kommunen;4.200.000\r\n"
              "Vredeshåndteringskursus;Anger Management;sekundaer;voldsudøvere;;;Kommunen;50.000\r\n"
              "Kærestevoldsforløb for 8. klasse;kærestevold;primær;Unge;;;Skoletjenesten;80.000\r\n"
              "Mandekrisecenter;;Sekundær;\"Voldsudsatte, Mænd\";4;§ 109;Mandecentret;1.500.000\r\n"
              "Efterværn for kvinder;efterværn;Tertiær;\"Voldsudsatte, Kvinder\";;;Kommunen;600.000\r\n"
              "Behandling af voldsudøvere;Dialog mod Vold;;;;;Dialog mod Vold;450.000\r\n"
              "Rådgivning;;Tertiær;Voldsudsatte;;sel 10;Kommunen;300.000\r\n"
              "Forløb for mødre og børn;Mødrehjælpen;;;;;Mødrehjælpen;120.000\r\n")


def own_texts() -> list[str]:
    """The planner's own names in the offers file (the offers and their providers), longest first: data, which a
    brief quotes as written in either language, so a test of the brief's language leaves them out."""
    import csv
    import io

    header, *rows = csv.reader(io.StringIO(OFFERS_CSV.lstrip("\ufeff")), delimiter=";")
    columns = [header.index("Tilbud"), header.index("Udbyder")]
    return sorted({row[i] for row in rows for i in columns if row[i]}, key=len, reverse=True)


def offers_file(folder: Path) -> Path:
    """A municipality's offers as Danish Excel saves 'CSV UTF-8' (byte-order mark, ';', CRLF), eight of them, as
    many as Horsens keeps: one the note does not recommend, one it does not name, crisis centres with places, offers
    known by their provider, and the planner's own columns (provider, a yearly amount) beside the note's. The brief
    must fit 12 A4 pages with a list this long, not only with a toy one."""
    path = folder / "tilbud.csv"
    path.write_bytes(OFFERS_CSV.encode("utf-8"))
    return path


def write_brief(folder: Path, lang: str, suffix: str, *, offers: bool = True, municipality: str = "Viborg") -> Path:
    """`vold report -m Viborg [--offers tilbud.csv] --lang LANG -o brief-LANG.SUFFIX`, run as a user runs it (the
    format from the file's ending), in a process of its own; the file it wrote."""
    import sys

    target = folder / f"brief-{municipality.lower()}-{lang}{'-offers' if offers else ''}{suffix}"
    args = ["report", "-m", municipality, "--lang", lang, "-o", str(target)]
    if offers:
        args += ["--offers", str(offers_file(folder))]
    env = {k: v for k, v in os.environ.items() if not k.startswith("VOLD_")}
    env.update({"NO_COLOR": "1", "LANG": "C.UTF-8"})
    proc = subprocess.run([sys.executable, "-m", "vold_cli", *args], capture_output=True, text=True, env=env,
                          timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    assert target.is_file() and proc.stdout == ""
    return target


_FOLDER: list[Path] = []


def brief(lang: str, suffix: str, offers: bool = True) -> Path:
    """The Viborg brief in `lang` as a .SUFFIX file (with the offers unless told), written once per test run into a
    folder of its own (removed at exit): several test files read the same documents."""
    return _brief(lang, suffix, bool(offers))


@cache
def _brief(lang: str, suffix: str, offers: bool) -> Path:
    if not _FOLDER:
        import atexit
        import tempfile

        _FOLDER.append(Path(tempfile.mkdtemp(prefix="vold-briefs-")))
        atexit.register(shutil.rmtree, _FOLDER[0], True)
    return write_brief(_FOLDER[0], lang, suffix, offers=offers)


def need(tool: str, package: str) -> str:
    """The path of an outside tool the test reads documents with: skipped with the reason when it is missing,
    failed when VOLD_REQUIRE_BROWSER=1 says the tools must be there (as .ci/run sets it)."""
    exe = shutil.which(tool)
    if exe is None:
        reason = f"{tool} is not installed; install Debian's {package} to run this test"
        if os.environ.get("VOLD_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{reason}. VOLD_REQUIRE_BROWSER=1 says it must run here.", pytrace=False)
        pytest.skip(reason)
    return exe


def missing_module(module: str, install: str) -> str:
    """Why an optional Python package (WeasyPrint, the pdf extra) cannot be used here, or '' when it can."""
    import importlib.util

    if importlib.util.find_spec(module) is None:
        return f"{module} is not installed; {install} to run this test"
    try:  # WeasyPrint loads Pango when imported: installed without it, the PDF cannot be made either
        importlib.import_module(module)
    except OSError as error:
        return f"{module} cannot load a library it needs ({error}); install Pango to run this test"
    return ""


def missing_for_format(name: str) -> str:
    """Why the format `name` (from the format registry) cannot be written here: its optional package is missing."""
    from vold_cli.output.formats import FORMATS

    needs = FORMATS[name].needs
    return missing_module(needs.module, f"pip install {needs.install}") if needs is not None else ""


def need_module(module: str, install: str) -> None:
    """As `need`, for an optional Python package (WeasyPrint, the pdf extra)."""
    reason = missing_module(module, install)
    if reason:
        if os.environ.get("VOLD_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{reason}. VOLD_REQUIRE_BROWSER=1 says it must run here.", pytrace=False)
        pytest.skip(reason)


def pdf_info(pdf: Path) -> dict[str, str]:
    out = subprocess.run([need("pdfinfo", "poppler-utils"), str(pdf)], capture_output=True, text=True,
                         check=True).stdout
    return {key.strip(): value.strip() for key, value in (line.split(":", 1) for line in out.splitlines()
                                                             if ":" in line)}


def page_size(info: dict[str, str]) -> tuple[float, float]:
    found = re.match(r"([\d.]+) x ([\d.]+) pts", info["Page size"])
    assert found, info["Page size"]
    return float(found.group(1)), float(found.group(2))


def is_a4(info: dict[str, str]) -> bool:
    width, height = page_size(info)
    return abs(width - A4[0]) <= 1 and abs(height - A4[1]) <= 1


def pdf_text(pdf: Path) -> str:
    """The text of a PDF in the order it was written (-raw: a word broken at a hyphen is not joined up)."""
    return subprocess.run([need("pdftotext", "poppler-utils"), "-raw", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


# --- what the body of a brief for people must not hold --------------------------------------------------------

def _walk(node: object, found: dict[str, set[str]]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, str) and key in ("id", "file"):
                found[key].add(value)
            _walk(value, found)
    elif isinstance(node, list):
        for value in node:
            _walk(value, found)


@cache
def knowledge_values() -> dict[str, set[str]]:
    """Every `id` and every `file` in the knowledge base's YAML files."""
    found: dict[str, set[str]] = {"id": set(), "file": set()}
    for path in sorted(KNOWLEDGE.glob("*.yaml")):
        _walk(yaml.safe_load(path.read_text(encoding="utf-8")), found)
    return found


def kebab_ids() -> list[str]:
    """The knowledge's ids that are not also plain words: kebab-case ones ('womens-crisis-centres'); a one-word
    id such as 'men' or 'serviceloven' is an ordinary word of the text."""
    return sorted(i for i in knowledge_values()["id"] if re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)+", i))


def commands() -> list[str]:
    """Every command name of the command line, from its registry."""
    from vold_cli.commands.registry import entries

    return sorted(entry.name for entry in entries())


@cache
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    out = [("command line", re.compile(r"\bvold (?:" + "|".join(map(re.escape, commands())) + r")\b")),
           ("option", re.compile(r"(?<![\w-])--[a-z][a-z-]*")),
           ("file path", re.compile(r"\b[\w.-]+/[\w.-]+\.(?:csv|md|yaml|yml|json|xlsx|docx)\b"))]
    out += [("id", re.compile(rf"(?<![\w-]){re.escape(i)}(?![\w-])")) for i in kebab_ids()]
    out += [("data file", re.compile(re.escape(f))) for f in sorted(knowledge_values()["file"])]
    return out


def body_problems(text: str) -> list[str]:
    """Each command line, option, id or data-file path in `text`, with what it is."""
    problems = []
    for kind, pattern in _patterns():
        problems += [f"{kind}: {m.group()!r} in …{text[max(0, m.start() - 40):m.end() + 20]!r}…"
                     for m in pattern.finditer(text)]
    return problems


def split_appendix(text: str, lang: str) -> tuple[str, str]:
    """(the body, the appendix) of a brief's text, white space made single spaces: the appendix starts at its
    heading's last occurrence."""
    text = " ".join(text.split())
    index = text.rfind(APPENDIX[lang])
    assert index > 0, f"no appendix heading {APPENDIX[lang]!r}"
    return text[:index], text[index:]
