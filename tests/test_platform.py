"""What issue 21 found on every platform, not only Windows: `-o FILE` with stdout closed, CSV's line ends,
`-o newdir/`, a relative XDG_CACHE_HOME or HOME, a file name near the system's limit, and U+00A0 in a
population. The commands and formats come from the registry (tests/windows_sim.registry)."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from pathlib import Path

import pytest

from vold_cli.output.formats import FORMATS
from windows_sim import finish, registry, start

HERE = Path(__file__).resolve().parent
KNOWLEDGE = HERE.parent / "knowledge"
ARGS = {"estimate": ["--population", "43000"], "check": ["{offers}"], "report": ["--population", "43000"],
        "search": ["kaerestevold"]}
EXTENSION = {name: fmt.suffixes[0][1:] for name, fmt in FORMATS.items() if fmt.suffixes}  # from the registry


def _offers(folder: Path) -> Path:
    path = folder / "tilbud.csv"
    path.write_bytes("\ufefftilbud;indsats\r\nKrisecenter;Kvindekrisecentre\r\n".encode())
    return path


def _writers() -> list[tuple[str, list[str], str]]:
    """(id, argv, format) for every command that takes -o, in every format it can write to a file."""
    import importlib.util

    out = []
    for name, path, formats, takes_o in registry():
        if not takes_o:
            continue
        for fmt in formats:
            needs = FORMATS[fmt].needs
            if needs is not None and importlib.util.find_spec(needs.module) is None:
                continue  # an optional extra that is not installed (test_pdf.py says so); .ci/run installs it
            if FORMATS[fmt].files != "never":
                out.append((f"{name}:{fmt}", [*path, *ARGS.get(name, []), "--format", fmt], fmt))
    out.append(("check-template:csv", ["check", "--template"], "csv"))
    return out


WRITERS = _writers()


# --- -o FILE with stdout closed ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def closed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    """Every writer run twice in one launcher: with stdout open, and started with stdout closed (`>&-`)."""
    folder = tmp_path_factory.mktemp("closed")
    offers = _offers(folder)
    specs = []
    for ident, argv, fmt in [*WRITERS, ("kb-init", ["kb", "init"], "")]:
        for how in ("open", "closed"):
            name = f"{ident.replace(':', '_')}-{how}"
            target = folder / (f"{name}.{EXTENSION[fmt]}" if fmt else name)
            args = [a.replace("{offers}", str(offers)) for a in argv]
            specs.append({"id": f"{ident}-{how}", "argv": [*args, "-o", str(target)] if fmt else [*args, str(target)],
                          "cwd": str(folder), "stdout": "closed" if how == "closed" else str(folder / f"{name}.out"),
                          "stderr": str(folder / f"{name}.err")})
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(folder), "LANG": "C.UTF-8", "VOLD_TODAY": "2026-06-01",
           "VOLD_CACHE_DIR": str(folder / "cache"), "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    return folder, finish(folder, "closed", start(folder, "closed", specs, windows_encoding=None, env=env))


@pytest.mark.parametrize("ident", [w[0] for w in WRITERS] + ["kb-init"])
def test_o_file_works_with_stdout_closed(closed, ident: str) -> None:
    folder, codes = closed
    name = ident.replace(":", "_")
    err = (folder / f"{name}-closed.err").read_text(encoding="utf-8")
    assert codes[f"{ident}-closed"] == 0, err
    assert codes[f"{ident}-open"] == 0
    made = sorted(folder.glob(f"{name}-closed*"))
    written = [p for p in made if p.suffix not in (".err", ".out")]
    assert len(written) == 1, made
    if ident == "kb-init":
        assert sorted(p.name for p in written[0].iterdir()) == sorted(p.name for p in KNOWLEDGE.glob("*.yaml"))
        return
    same = next(p for p in folder.glob(f"{name}-open.*") if p.suffix not in (".err", ".out"))
    if written[0].suffix not in (".xlsx", ".docx", ".pdf"):  # a workbook, a Word file and a PDF hold the moment
        assert written[0].read_bytes() == same.read_bytes()  # they were made
    else:
        assert written[0].stat().st_size > 0 and same.stat().st_size > 0


# --- CSV: one rule, CRLF -------------------------------------------------------------------------------


CSV_COMMANDS = [(name, [*path, *ARGS.get(name, [])], takes_o) for name, path, formats, takes_o in registry()
                if "csv" in formats]


@pytest.mark.parametrize("ident,argv,takes_o", CSV_COMMANDS, ids=[c[0] for c in CSV_COMMANDS])
def test_csv_is_rfc_4180_on_stdout_and_in_files(run, tmp_path: Path, monkeypatch, ident: str, argv: list[str],
                                                takes_o: bool) -> None:
    """Records end in CRLF (RFC 4180, as the README promises), and -o FILE holds the very bytes stdout gets."""
    monkeypatch.chdir(tmp_path)
    args = [a.replace("{offers}", str(_offers(tmp_path))) for a in argv]
    result = run(*args, "--format", "csv", "--lang", "da")
    assert result.exit_code == 0, result.stderr
    blob = result.stdout_bytes
    text = blob.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    again = io.StringIO()
    csv.writer(again, lineterminator="\r\n").writerows(rows)
    assert again.getvalue() == text  # exactly the RFC's form: CRLF after every record, none doubled
    assert text.endswith("\r\n") and "\r\r" not in text
    if takes_o:
        result = run(*args, "--format", "csv", "--lang", "da", "-o", "out.csv")
        assert result.exit_code == 0, result.stderr
        assert (tmp_path / "out.csv").read_bytes() == blob


def test_the_template_is_the_same_csv_on_stdout_and_in_the_file(run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    shown = run("check", "--template", "--lang", "da")
    written = run("check", "--template", "--lang", "da", "-o", "tilbud.csv")
    assert shown.exit_code == 0 and written.exit_code == 0, written.stderr
    # the file starts with the byte-order mark that makes Excel read UTF-8; otherwise the same bytes
    assert (tmp_path / "tilbud.csv").read_bytes() == b"\xef\xbb\xbf" + shown.stdout_bytes
    assert shown.stdout_bytes.count(b"\r\n") == shown.stdout_bytes.count(b"\n") >= 3


# --- -o newdir/ ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("ident,argv,fmt", WRITERS, ids=[w[0] for w in WRITERS])
@pytest.mark.parametrize("name", ["newdir/", "existing/", "newdir//"])
def test_o_a_name_ending_in_a_separator_is_refused(run, tmp_path: Path, monkeypatch, ident, argv, fmt,
                                                   name: str) -> None:
    """`-o newdir/` used to write a file called `newdir`: a name ending in / names a folder."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "existing").mkdir()
    args = [a.replace("{offers}", str(_offers(tmp_path))) for a in argv]
    before = sorted(p.name for p in tmp_path.iterdir())
    result = run(*args, "-o", name)
    assert result.exit_code == 1, result.stderr
    assert result.stdout == ""
    assert result.stderr == (f"Error: Cannot write {name}: a name ending in / names a folder. "
                             "Add a file name after the /.\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert list((tmp_path / "existing").iterdir()) == []


def test_o_a_name_ending_in_a_separator_in_danish(run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("law", "109", "--format", "csv", "-o", "ny/", "--lang", "da")
    assert result.exit_code == 1
    assert result.stderr == "Fejl: Kan ikke skrive ny/: et navn, der ender på /, er navnet på en mappe. " \
                            "Tilføj et filnavn efter /.\n"


# --- the cache's folder: relative XDG_CACHE_HOME and HOME ------------------------------------------------


def test_a_relative_xdg_cache_home_is_ignored(monkeypatch, tmp_path: Path) -> None:
    from vold_cli.kb import cache

    monkeypatch.delenv("VOLD_CACHE_DIR")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    assert cache.cache_folder() == tmp_path / "home" / ".cache" / "vold"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_folder() == tmp_path / "xdg" / "vold"
    monkeypatch.setenv("XDG_CACHE_HOME", "")
    assert cache.cache_folder() == tmp_path / "home" / ".cache" / "vold"


def test_a_relative_home_is_ignored(monkeypatch, tmp_path: Path) -> None:
    from vold_cli.kb import cache

    monkeypatch.delenv("VOLD_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", "relative-home")
    monkeypatch.setattr(cache, "_account_home", lambda: str(tmp_path / "account"))
    assert cache.cache_folder() == tmp_path / "account" / ".cache" / "vold"
    monkeypatch.setattr(cache, "_account_home", lambda: "")
    assert cache.cache_folder() is None
    import pwd

    monkeypatch.undo()
    assert cache._account_home() == pwd.getpwuid(os.getuid()).pw_dir  # the real one, absolute


def test_a_relative_cache_folder_writes_nothing_where_vold_runs(run, monkeypatch, tmp_path: Path,
                                                                  kb_copy: Path) -> None:
    """The planner's folder gets no `relative-home/.cache` or `xdg/vold` from a --kb run; `kb info` says why."""
    from vold_cli.kb import cache

    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.delenv("VOLD_CACHE_DIR")
    monkeypatch.setenv("HOME", "relative-home")
    monkeypatch.setenv("XDG_CACHE_HOME", "xdg")
    monkeypatch.setattr(cache, "_account_home", lambda: "")
    result = run("kb", "info", "--kb", str(kb_copy), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert list(work.iterdir()) == []
    status = json.loads(result.stdout)["cache"]
    assert status["status"] == "no-folder" and "VOLD_CACHE_DIR" in status["text"]
    monkeypatch.setattr(cache, "_account_home", lambda: str(tmp_path / "account"))
    result = run("kb", "info", "--kb", str(kb_copy), "--format", "json")
    assert json.loads(result.stdout)["cache"]["folder"] == str(tmp_path / "account" / ".cache" / "vold")
    assert list(work.iterdir()) == []


# --- a file name near the system's limit ---------------------------------------------------------------


def _name_max(folder: Path) -> int:
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (AttributeError, OSError, ValueError):
        return 255


@pytest.mark.parametrize("short", range(16))
def test_a_file_name_within_15_of_the_limit_can_be_written(run, tmp_path: Path, monkeypatch, short: int) -> None:
    """The temporary file beside the target had the target's name plus 14 characters: names within 15 of
    NAME_MAX failed. Now it has a short name of its own."""
    monkeypatch.chdir(tmp_path)
    length = _name_max(tmp_path) - short
    name = "a" * (length - 4) + ".csv"
    result = run("law", "109", "--format", "csv", "-o", name)
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / name).read_bytes().startswith(b"id,")
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # no temporary file left


def test_kb_init_and_report_with_the_longest_name(run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    longest = _name_max(tmp_path)
    folder, report = "k" * longest, "r" * (longest - 3) + ".md"
    assert run("kb", "init", folder).exit_code == 0
    assert len(list((tmp_path / folder).iterdir())) == len(list(KNOWLEDGE.glob("*.yaml")))
    result = run("report", "--population", "43000", "-o", report)
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([folder, report])


# --- --population with U+00A0 --------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["43\u00a0000", "43\u202f000", "43 000", "43.000", " 43\u00a0000 "])
def test_population_with_the_spaces_word_and_excel_insert(run, typed: str) -> None:
    expected = run("estimate", "--population", "43000", "--format", "json")
    result = run("estimate", "--population", typed, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == expected.stdout


@pytest.mark.parametrize("typed", ["43\u00a0000 000", "43\u00a000", "4\u00a03000", "43\u00a0000,5", "\u00a0"])
def test_population_grouping_must_still_be_a_grouping(run, typed: str) -> None:
    result = run("estimate", "--population", typed)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: Invalid population") and result.stderr.count("\n") == 1
