"""Property-based robustness of the whole CLI: generated argument lists, driven in-process through CliRunner.

Whatever the arguments (every command, valid and invalid options and values, Danish letters, `[` and `]`, `%`,
very long strings, negative and huge numbers, empty strings, unknown commands), `vold`:

* exits with a documented code (0, 1 or 2; 130 only on Ctrl-C, which a test cannot send),
* never lets an exception out (click's result.exception is None or the SystemExit carrying the code),
* never prints "Traceback",
* prints JSON on stdout when asked for `--format json` and it succeeds,
* finishes quickly (a hang check, not a benchmark).

Every example runs in a fresh temporary working folder, and generated text never holds "/" (nor NUL, which no
real argv can hold): the only tokens with a "/" are the fixed --kb paths in ROOT_PATHS, each of which exists or
lies below a folder that does not, and names below the working folder. So the commands that write
(`kb init DIR`, `report -o FILE`) can only ever write inside that temporary folder; the test checks that the
repository is untouched after every example.

`VOLD_FUZZ_EXAMPLES=5000 pytest tests/test_robustness_cli.py` runs a longer hunt.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
KNOWLEDGE = ROOT / "knowledge"
EXIT_CODES = {0, 1, 2}
MAX_SECONDS = 5.0  # per run: anything near this is a hang, not slowness
EXAMPLES = int(os.environ.get("VOLD_FUZZ_EXAMPLES", "300"))  # raise it for a longer hunt

# --- values ----------------------------------------------------------------------------------------

VALID_WORDS = [
    "43000", "43.000", "43,000", "43 000", "1", "5602628", "Aarhus", "aarhus", "Ærø", "Aeroe", "Aero", "791",
    "101", "København", "Kobenhavn", "Høje-Taastrup", "2013", "2024", "primary", "secondary", "tertiary",
    "young-people", "victims", "perpetrators", "documented", "promising", "inconclusive", "not-recommended",
    "safe-dates", "fourth-r", "parent-education", "psychologist-talks", "109", "§109", "§ 109", "sel 109",
    "serviceloven 109", "tilhold 3", "cpr 28", "vej", "psykolog 1", "sel-109", "drivers", "factors",
    "strategies", "kaerestevold", "kærestevold", "alkohol", "table", "json", "csv", "markdown", "html",
    "da", "en", "DA", "Json",
]
HOSTILE_WORDS = [
    "", " ", "  ", "\t", "\n", "[", "]", "[]", "[bold red]x[/]", "[/]", "[link=http://x]y[/link]", "%", "%s",
    "%d", "%(x)s", "%%", "{}", "{0}", "{x}", "<script>alert(1)</script>", "&amp;", "æøå", "ÆØÅ", "åååå",
    "-1", "-0", "0", "00", "-43000", "1e9", "1e999", "NaN", "inf", "-inf", "1.5", "1,5", "0x10", "+5",
    "43.00", "43,0000", "4 3000", "9" * 30, "-" + "9" * 30, "9" * 5000, "1" + ".000" * 2000,
    "x" * 20000, "æ" * 5000, "'", '"', "\\", "`", "$HOME", "~", "..", ".", "--", "-", "---", "-x", "--x",
    "\x1b[31mred\x1b[0m", "\u202eevil", "😀", "\u00a0", "\u200b", "ı", "ǅ", "ß", "İ", "\udcff", "\udce6",
    "a" + "1" * 3000 + "!",
]
# Control characters and bidirectional marks (never NUL, which no real argv can hold): echoed in an error or an
# answer, each must come out as visible text (\x1b, \u202e), never as the raw character (asserted on bytes).
CONTROL_WORDS = [
    "\x1b[2J\x1b[H", "\x1b]0;pwned\x07", "\x1b]0;no-end", "\x9b2J", "\x07", "a\x08b", "x\ry", "\u202eevil",
    "\u2066x\u2069", "\u200e\u200f\u061c", "\x1b[2K\rValid: ./kb\x1b[8m", "\u2028\u2029", "\x7f\x85", "a\nb", "\t",
]
HOSTILE_WORDS += CONTROL_WORDS
# Pieces that glue into long, mixed strings (digits after a letter, brackets, percent signs, Danish letters).
PIECES = ["9" * 1000, "1" * 200, "a", "x" * 500, "%", "[", "]", "æ", "ø", "å", " ", "§", "-", ".", ",", "!",
          *CONTROL_WORDS]
control_text = st.text(alphabet=st.one_of(
    st.characters(min_codepoint=1, max_codepoint=0x1f), st.characters(min_codepoint=0x7f, max_codepoint=0x9f),
    st.sampled_from(["\u202a", "\u202e", "\u2066", "\u2069", "\u200e", "\u200f", "\u061c", "\u2028", "a", "["])),
    min_size=1, max_size=20)

text_no_slash = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="/\\"), max_size=40
)
long_text = st.lists(st.sampled_from(PIECES), min_size=1, max_size=25).map("".join)
numbers = st.one_of(
    st.integers(min_value=-(10**40), max_value=10**40),
    st.integers(min_value=-5, max_value=6_000_000),
    st.floats(allow_nan=True, allow_infinity=True),
).map(str)
values = st.one_of(
    st.sampled_from(VALID_WORDS), st.sampled_from(HOSTILE_WORDS), numbers, text_no_slash, long_text, control_text
)
# Relative names only (the run's working folder is a fresh temporary one): for kb init DIR and report -o.
out_names = st.one_of(
    st.sampled_from(["plan.html", "plan.md", "out", "kb-copy", "æøå.md", "[x].md", "%s.html", "",
                     "no-such-folder/plan.html", "..", "."]),
    st.from_regex(r"[A-Za-z0-9æøå_%\[\] .-]{1,30}", fullmatch=True),
)
# Paths for --kb (read only). Each one either exists or lies below a folder that does not, so that even when a
# value-less option shifts one into the place of `kb init DIR`, nothing can be created from it.
ROOT_PATHS = [str(KNOWLEDGE), str(ROOT / "src"), "/nonexistent-vold-fuzz/kb", str(KNOWLEDGE / "law.yaml"),
              "", ".", "kb-copy"]
kb_paths = st.one_of(st.sampled_from(ROOT_PATHS), text_no_slash)

# --- options ---------------------------------------------------------------------------------------


def good(*choices: str) -> st.SearchStrategy[str]:
    """Mostly one of the values the option is meant for; now and then any value at all."""
    return st.one_of(st.sampled_from(choices), st.sampled_from(choices), st.sampled_from(choices), values)


FORMATS = ["table", "json", "csv", "markdown", "html", "JSON", "", "xml"]
COMMON = {"--format": good("table", "json", "csv", "markdown"), "-f": st.sampled_from(FORMATS),
          "--lang": good("da", "en"), "-l": st.sampled_from(["da", "en", "xx", ""]), "--kb": kb_paths}
FLAGS_ANYWHERE = ["--help", "-h", "--bogus", "-x", "--", "--format=json", "--lang=da", "-fjson", "--kb=",
                  "--tested-in-denmark", "--not-tested-in-denmark", "--force", "--version", "-V"]
PHASES = ("primary", "secondary", "tertiary", "Primary", " secondary ")
TARGETS = ("victims", "perpetrators", "women", "men", "young-people", "parents", "couples", "children",
           "professionals")
LEVELS = ("documented", "promising", "inconclusive", "unknown", "not-recommended")
POPULATIONS = ("43000", "43.000", "43,000", "43 000", "1", "5602628", "5602629", "0", "-5", "43.5", "1e5")
MUNICIPALITIES = ("Aarhus", "Ærø", "Aeroe", "aero", "791", "101", "København", "Kobenhavn", "Høje-Taastrup",
                  "Høje", "Frederiks", "Nowhere", "999", "0", "")
POSITIONAL = {
    "interventions": good("safe-dates", "fourth-r", "parent-education", "SAFE-DATES", "safe dates", "nope"),
    "law": good("109", "§109", "§", "sel", "109", "tilhold", "3", "cpr", "28", "vej", "psykolog", "1", "sel-109"),
    "initiatives": good("psychologist-talks", "crisis-centre-evaluation", "nope"),
    "implementation": good("drivers", "factors", "strategies", "Strategies", "x"),
    "search": good("kaerestevold", "kærestevold", "alkohol", "behandling", "Ærø", "vold", "zzzz"),
    "kb": good("validate", "info", "init", "frobnicate"),
}

# command path -> (options taking a value, positional strategy or None, max positionals, flags)
Spec = tuple[dict[str, st.SearchStrategy[str]], "st.SearchStrategy[str] | None", int, list[str]]
COMMANDS: dict[tuple[str, ...], Spec] = {
    ("estimate",): ({"--population": good(*POPULATIONS), "-p": good(*POPULATIONS),
                     "--municipality": good(*MUNICIPALITIES), "-m": good(*MUNICIPALITIES),
                     "--year": good("2013", "2024", "2000", "-1", "0"), "-y": numbers, **COMMON}, None, 0, []),
    ("interventions",): ({"--phase": good(*PHASES), "--target": good(*TARGETS), "--evidence": good(*LEVELS),
                          "--min-evidence": good(*LEVELS), "--search": good("alkohol", "kaerestevold", "ÆØÅ", ""),
                          "-s": values, **COMMON}, POSITIONAL["interventions"], 1,
                         ["--tested-in-denmark", "--not-tested-in-denmark"]),
    ("law",): (COMMON, POSITIONAL["law"], 4, []),
    ("initiatives",): ({"--target": good(*TARGETS), **COMMON}, POSITIONAL["initiatives"], 1, []),
    ("phases",): (COMMON, None, 0, []),
    ("map",): (COMMON, None, 0, []),
    ("evidence",): (COMMON, None, 0, []),
    ("profile",): (COMMON, None, 0, []),
    ("definition",): (COMMON, None, 0, []),
    ("implementation",): (COMMON, POSITIONAL["implementation"], 1, []),
    ("documentation",): (COMMON, None, 0, []),
    ("economy",): (COMMON, None, 0, []),
    ("search",): (COMMON, POSITIONAL["search"], 4, []),
    ("kb",): ({}, POSITIONAL["kb"], 1, []),
    ("kb", "validate"): (COMMON, kb_paths, 1, []),
    ("kb", "info"): (COMMON, None, 0, []),
    ("kb", "init"): ({"--kb": kb_paths}, out_names, 2, []),
    ("report",): ({"--population": good(*POPULATIONS), "-p": good(*POPULATIONS),
                   "--municipality": good(*MUNICIPALITIES), "-m": good(*MUNICIPALITIES),
                   "--format": good("markdown", "html", "json", "", "pdf"), "-f": good("markdown", "html"),
                   "-o": out_names, "--output": out_names, "--kb": kb_paths, "--lang": good("da", "en")},
                  None, 0, ["--force"]),
}
ALL_OPTIONS = sorted({name for spec in COMMANDS.values() for name in spec[0]})


@st.composite
def argument_lists(draw: st.DrawFn) -> tuple[list[str], bool]:
    """An argument list, and whether it asks for JSON (by a well-formed `--format json` unit).

    Half the lists are "clean" (a known command with its own options, mostly sensible values), so that
    successful runs and JSON output are common; the others mix in foreign options, stray flags, unknown
    commands and any value at all."""
    clean = draw(st.booleans())
    kind = "known" if clean else draw(st.sampled_from(["known"] * 6 + ["unknown", "empty-ish"]))
    if kind == "unknown":
        head = [draw(st.one_of(values, st.sampled_from(["kb", "kb frobnicate", "reports", "Estimate"])))]
        head = head[0].split(" ") if head[0].startswith("kb ") else head
    elif kind == "empty-ish":
        head = []
    else:
        head = list(draw(st.sampled_from(sorted(COMMANDS))))
    options, positional, max_positionals, flags = COMMANDS.get(tuple(head), ({}, None, 0, []))
    units: list[list[str]] = []
    positionals = 0
    for _ in range(draw(st.integers(0, 4 if clean else 6))):
        choice = draw(st.integers(0, 6 if clean else 9))
        if choice <= 3 and options:  # an option of this command with a value
            name = draw(st.sampled_from(sorted(options)))
            value = draw(options[name])
            units.append([f"{name}={value}"] if draw(st.integers(0, 5)) == 0 and name.startswith("--")
                         else [name, value])
        elif choice <= 5 and positional is not None and (positionals < max_positionals or not clean):
            positionals += 1
            units.append([draw(positional)])
        elif choice == 6 and flags:
            units.append([draw(st.sampled_from(flags))])
        elif choice == 7:  # an option of another command (or one missing its value)
            units.append([draw(st.sampled_from(ALL_OPTIONS))] + draw(st.lists(values, max_size=1)))
        elif choice == 8:
            units.append([draw(st.sampled_from(FLAGS_ANYWHERE))])
        elif choice == 9:
            units.append([draw(values)])
    if "--format" in options and draw(st.integers(0, 2)) == 0:
        units.insert(draw(st.integers(0, len(units))), ["--format", "json"])
    wants_json = False
    for unit in units:
        if unit == ["--"]:
            break
        if unit[0] in ("--format", "-f") and len(unit) == 2:
            wants_json = unit[1] == "json"
        elif unit[0].startswith("--format=") or unit[0].startswith("-fjson"):
            wants_json = unit[0] in ("--format=json", "-fjson")
    args = head + [token for unit in units for token in unit]
    # An option drawn without its value swallows the next token; help and version print no JSON.
    if any(a in ("--help", "-h", "--version", "-V") for a in args) or any(len(u) == 1 and u[0] in ALL_OPTIONS
                                                                          for u in units):
        wants_json = False
    return args, wants_json


environments = st.fixed_dictionaries({}, optional={
    "COLUMNS": st.sampled_from(["20", "300", "0", "-1", "abc", "100000", ""]),
    "LINES": st.sampled_from(["0", "5", "x"]),
    "VOLD_LANG": st.sampled_from(["da", "en", "xx", ""]),
    "LANG": st.sampled_from(["C", "da_DK.UTF-8", "POSIX", ""]),
    "NO_COLOR": st.sampled_from(["", "1"]),
    "FORCE_COLOR": st.sampled_from(["1"]),
    "TERM": st.sampled_from(["dumb", "xterm-256color", ""]),
    "VOLD_KB": st.sampled_from(["", str(KNOWLEDGE), "/nonexistent-vold-fuzz/kb", str(KNOWLEDGE / "law.yaml")]),
    "VOLD_NO_CACHE": st.sampled_from(["1"]),
    "VOLD_CACHE_DIR": st.sampled_from(["/dev/null", "/proc/vold-cache"]),  # unusable caches: only cost speed
})


def _listing() -> list[str]:
    """The repository's top level (without dot-entries: pytest's and hypothesis's own folders) and its
    knowledge folder, which the fuzzing reads from."""
    return sorted(name for name in os.listdir(ROOT) if not name.startswith(".")) + sorted(os.listdir(KNOWLEDGE))


def _not_json(constant: str) -> None:
    raise ValueError(f"{constant} is not JSON")


def _raw_controls(blob: bytes) -> list[str]:
    """The control characters and bidi marks (other than newline and tab) in output, checked on its bytes. CR LF
    is a line end (CSV's, RFC 4180); a CR from the data is written as the text \\x0d."""
    import re

    blob = blob.replace(b"\r\n", b"\n")
    found = [chr(b) for b in blob if (b < 0x20 and b not in (0x09, 0x0A)) or b == 0x7F]
    text = blob.decode("utf-8", "replace")
    return found + re.findall("[\x80-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]", text)


def _is_exit(exc: BaseException | None) -> bool:
    return exc is None or isinstance(exc, SystemExit)


@pytest.fixture
def warm_cache() -> None:
    """Fill the (private, per-session) cache first, so the examples time the commands, not the first fill.
    Function-scoped on purpose: it must run after the autouse fixture has pointed VOLD_CACHE_DIR at tmp."""
    from vold_cli.kb.loader import load

    load(None)


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(case=argument_lists(), env=environments)
def test_any_arguments_end_cleanly(runner, warm_cache, case: tuple[list[str], bool], env: dict[str, str]) -> None:
    from vold_cli.commands.app import app

    args, wants_json = case
    before = _listing()
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory(prefix="vold-fuzz-") as work:
        os.chdir(work)
        try:
            started = time.perf_counter()
            result = runner.invoke(app, args, env=env, catch_exceptions=True)
            elapsed = time.perf_counter() - started
        finally:
            os.chdir(cwd)
    shown = f"args={[a if len(a) < 80 else a[:40] + f'...({len(a)} chars)' for a in args]!r} env={env!r}"
    assert _is_exit(result.exception), f"{shown}: exception {result.exception!r}"
    assert result.exit_code in EXIT_CODES, f"{shown}: exit {result.exit_code}, stderr {result.stderr[:500]!r}"
    assert "Traceback" not in result.stdout and "Traceback" not in result.stderr, shown
    assert "internal error" not in result.stderr, f"{shown}: {result.stderr[:500]!r}"
    assert elapsed < MAX_SECONDS, f"{shown}: took {elapsed:.1f} s"
    event(f"exit {result.exit_code}")
    if wants_json and result.exit_code == 0:
        event("JSON parsed")
        try:
            json.loads(result.stdout, parse_constant=_not_json)  # NaN and Infinity are not JSON
        except ValueError as exc:
            raise AssertionError(f"{shown}: --format json printed no JSON: {result.stdout[:300]!r}") from exc
    raw = _raw_controls(result.stderr_bytes)
    assert not raw, f"{shown}: raw control characters {raw!r} on stderr: {result.stderr[:300]!r}"
    if env.get("NO_COLOR", "1") or env.get("TERM", "dumb") == "dumb":  # with colour, Rich writes its own ESC codes
        raw = _raw_controls(result.stdout_bytes)
        assert not raw, f"{shown}: raw control characters {raw!r} on stdout: {result.stdout[:300]!r}"
    if result.exit_code != 0:
        error_lines = [line for line in result.stderr.splitlines() if line.startswith(("Error:", "Fejl:"))]
        assert len(error_lines) == 1 and result.stderr.count("\n") == 1, f"{shown}: stderr {result.stderr[:500]!r}"
    assert _listing() == before, f"{shown}: wrote into the repository"


# --- very long and very large values, as regressions -----------------------------------------------------



@pytest.mark.parametrize("args", [
    pytest.param(["law", "a" + "1" * 20000 + "!"], id="law-long-reference"),
    pytest.param(["estimate", "--population", "9" * 5000], id="population-5000-digits"),
    pytest.param(["estimate", "--population", "1" + ".000" * 3000], id="population-grouped-12000-digits"),
    pytest.param(["estimate", "--municipality", "æ" * 20000], id="municipality-long"),
    pytest.param(["search", "x" * 20000], id="search-long"),
    pytest.param(["interventions", "--search", "x " * 20000], id="interventions-search-many-words"),
    pytest.param(["interventions", "y" * 20000], id="intervention-id-long"),
    pytest.param(["estimate", "--municipality", "791", "--year", "9" * 50], id="year-huge"),
    pytest.param(["estimate", "--population", "-43000"], id="population-negative"),
    pytest.param(["estimate", "--population", "9" * 40], id="population-40-digits"),
])
def test_hostile_values_end_cleanly(warm_cache, args: list[str]) -> None:
    """In a real process with a hard timeout, so that a hang fails in seconds instead of blocking the run."""
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "vold_cli", *args], capture_output=True, text=True,
                          timeout=MAX_SECONDS + 2, env=os.environ.copy())
    elapsed = time.perf_counter() - started
    assert proc.returncode in EXIT_CODES
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr, proc.stderr[:300]
    assert elapsed < MAX_SECONDS + 1, f"took {elapsed:.1f} s"  # + start-up of the interpreter
    if proc.returncode:
        assert proc.stderr.startswith("Error:") and proc.stderr.count("\n") == 1, proc.stderr[:300]


@pytest.mark.parametrize("args", [
    ["frobnicate"], ["kb", "frobnicate"], ["--bogus"], ["estimate", "--bogus"], ["interventions", "--phase"],
    ["estimate"], ["search"], ["kb", "init"],
])
def test_usage_errors_exit_2_with_one_line(run, args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2, result.stderr
    assert result.stderr.startswith("Error:") and result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("args", [["--help"], ["-h"], [], ["kb"], ["--version"], ["estimate", "--help"]])
def test_help_and_version_exit_0(run, args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 0
    assert result.stdout.strip() and not result.stderr


NETWORK_OR_CODE_MODULES = {"pickle", "marshal", "shelve", "dill", "socket", "ssl", "urllib", "http", "requests",
                          "httpx", "ftplib", "smtplib", "xmlrpc", "subprocess", "runpy", "code", "codeop"}
#: The imports by name: the command registry imports the module of the command asked for, and only a module that
#: is one of commands/'s own files (registry.find; tests/test_registry.py tries names that are not); search's pages
#: import every module of views/'s own folder, found by listing it (pages.registered), to make an index.
IMPORTS_BY_NAME = {("src/vold_cli/commands/registry.py", "import_module"), ("src/vold_cli/views/pages.py", "import_module")}
EVALUATING_CALLS = {"eval", "exec", "compile", "__import__", "import_module", "load_module", "unsafe_load",
                    "full_load", "load_all", "system", "popen", "spawn", "urlopen"}


def test_nothing_is_evaluated_or_imported_from_the_knowledge_base() -> None:
    """By the syntax tree of every module: no network or code-loading modules, no call that evaluates or
    imports something named at run time, and YAML read only through yamlsafe's strict safe loader."""
    import ast

    problems = []
    for path in sorted((ROOT / "src").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        where = path.relative_to(ROOT)
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                names = []
            problems += [f"{where}:{node.lineno}: imports {n}" for n in names
                         if n.split(".")[0] in NETWORK_OR_CODE_MODULES]
            if isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
                owner = func.value.id if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) else ""
                if name in EVALUATING_CALLS and owner != "re" and (str(where), name) not in IMPORTS_BY_NAME:
                    problems.append(f"{where}:{node.lineno}: calls {owner + '.' if owner else ''}{name}")
                if owner == "yaml" and name in {"load", "safe_load", "compose", "Loader"}:
                    problems.append(f"{where}:{node.lineno}: yaml.{name} outside the strict loader")
    assert problems == []


def test_the_yaml_loader_is_the_safe_one() -> None:
    import yaml

    from vold_cli.kb.yamlsafe import _SAFE_SCALAR_TAGS, _Base

    assert issubclass(_Base, yaml.constructor.SafeConstructor)
    assert not issubclass(_Base, yaml.constructor.FullConstructor)  # Unsafe derives from Full
    tags = [tag for tag in _Base.yaml_constructors if tag is not None]
    assert not any(tag.startswith("tag:yaml.org,2002:python/") for tag in tags)
    assert not any("python" in tag for tag in _SAFE_SCALAR_TAGS)
    assert not _Base.yaml_multi_constructors


def test_no_network_during_a_run(run, monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("vold opened a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    for args in (["kb", "validate"], ["estimate", "--population", "43000"], ["interventions", "--format", "json"],
                 ["search", "kaerestevold"], ["map", "--format", "markdown"]):
        result = run(*args)
        assert result.exit_code == 0, (args, result.stderr)
