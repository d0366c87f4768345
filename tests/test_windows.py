"""Windows, simulated (tests/windows_sim.py says how, and what is not simulated).

Every command of the registry in every format it offers, redirected to a file (`vold ... > FILE`) and, where it
offers `-o`, written with `-o FILE`, under Python as on a Danish Windows: stdout in cp1252 (a redirected stdout)
and in cp850 (the old console's code page), no LANG/LC_*, the POSIX-only functions gone. The same cases run once
unchanged on Linux with VOLD_LANG=da. Then: every case exits 0; JSON, CSV, Markdown and HTML are UTF-8 and the
same bytes as on Linux; tables are in the console's encoding and Danish (from the Windows locale alone).
"""

from __future__ import annotations

import json
import os
import sys
import zipfile
from pathlib import Path

import pytest

from windows_sim import finish, registry, start

HERE = Path(__file__).resolve().parent
KNOWLEDGE = HERE.parent / "knowledge"
TODAY = "2026-06-01"
#: Arguments the commands need to answer at all (a command missing here and needing some fails the matrix).
ARGS = {
    "estimate": ["--municipality", "Viborg"],
    "search": ["kaerestevold"],
    "check": ["{offers}", "--municipality", "Viborg"],
    "report": ["--municipality", "Viborg", "--offers", "{offers}"],
    "kb init": ["{folder}"],
}
#: More forms worth running under Windows besides each command's plain one.
EXTRA = {
    "estimate-all": ["estimate", "--all"],
    "estimate-population": ["estimate", "--population", "43\u00a0000"],
    "law-109": ["law", "109"],
    "interventions-one": ["interventions", "safe-dates"],
}
def _extensions() -> dict[str, str]:
    """Each format's file ending, from the registry ('txt' for the terminal's table)."""
    from vold_cli.output.formats import FORMATS

    return {name: fmt.suffixes[0][1:] if fmt.suffixes else "txt" for name, fmt in FORMATS.items()}


EXTENSION = _extensions()
UTF8_FORMATS = ("json", "csv", "markdown", "html")
MODES = {"linux": "utf-8", "cp1252": "cp1252", "cp850": "cp850"}


def cases() -> list[tuple[str, list[str], str | None, bool]]:
    """(id, argv, format, -o FILE?) for the matrix."""
    import importlib.util

    from vold_cli.output.formats import FORMATS

    out: list[tuple[str, list[str], str | None, bool]] = []
    runs = [(name, [*path, *ARGS.get(name, [])], formats, takes_o) for name, path, formats, takes_o in registry()]
    by_command = {path[0] if path[0] != "kb" else " ".join(path[:2]): (f, o) for _, path, f, o in runs}
    runs += [(name, argv, *by_command[argv[0]]) for name, argv in EXTRA.items()]
    for name, argv, formats, takes_o in runs:
        if not formats:
            out.append((name.replace(" ", "-"), argv, None, False))
            continue
        for fmt in formats:
            needs = FORMATS[fmt].needs
            if needs is not None and importlib.util.find_spec(needs.module) is None:
                continue  # an optional extra that is not installed (test_pdf.py says so); .ci/run installs it
            ident = f"{name.replace(' ', '-')}:{fmt}"
            if FORMATS[fmt].files != "only":
                out.append((ident, [*argv, "--format", fmt], fmt, False))
            if takes_o and FORMATS[fmt].files != "never":
                out.append((f"{ident}:o", [*argv, "--format", fmt], fmt, True))
    return out


CASES = cases()


def _offers(folder: Path) -> Path:
    """A list of offers as Danish Excel saves it ("CSV UTF-8": a byte-order mark, semicolons, CRLF)."""
    path = folder / "tilbud.csv"
    path.write_bytes("\ufeffTilbud;Indsats;Fase;Målgruppe;Pladser;Lov\r\n"
                     "Krisecenter Nordby;Kvindekrisecentre;Sekundær;Voldsudsatte, Kvinder;6;§ 109\r\n"
                     "Vredeshåndteringskursus;Anger Management;sekundaer;voldsudøvere;;\r\n"
                     "Kærestevoldsforløb for 8. klasse;kærestevold;primær;Unge;;\r\n".encode())
    return path


def _env(home: Path, mode: str) -> dict[str, str]:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), "VOLD_TODAY": TODAY,
           "VOLD_CACHE_DIR": str(home / "cache"), "PYTHONIOENCODING": MODES[mode], "PYTHONDONTWRITEBYTECODE": "1",
           "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    if mode == "linux":
        env |= {"LANG": "C.UTF-8", "VOLD_LANG": "da"}
    return env


class Run:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.codes: dict[str, dict[str, int]] = {}

    def path(self, mode: str, ident: str, what: str) -> Path:
        return self.folder / mode / f"{ident.replace(':', '_')}.{what}"

    def out(self, mode: str, ident: str) -> bytes:
        return self.path(mode, ident, "out").read_bytes()

    def err(self, mode: str, ident: str) -> str:
        return self.path(mode, ident, "err").read_bytes().decode(MODES[mode], "replace")

    def file(self, mode: str, ident: str, fmt: str) -> Path:
        return self.path(mode, ident, EXTENSION[fmt])


@pytest.fixture(scope="module")
def matrix(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """Run every case in the three modes, the launchers side by side."""
    folder = tmp_path_factory.mktemp("windows")
    offers = _offers(folder)
    run = Run(folder)
    procs = {}
    for mode in MODES:
        (folder / mode).mkdir()
        specs = []
        for ident, argv, fmt, to_file in CASES:
            args = [a.replace("{offers}", str(offers)).replace("{folder}", str(run.path(mode, ident, "kb")))
                    for a in argv]
            if to_file:
                args += ["-o", str(run.file(mode, ident, fmt or "table"))]
            specs.append({"id": ident, "argv": args, "cwd": str(folder), "stdout": str(run.path(mode, ident, "out")),
                          "stderr": str(run.path(mode, ident, "err"))})
        procs[mode] = start(folder, mode, specs, windows_encoding=None if mode == "linux" else MODES[mode],
                            env=_env(folder, mode))
    for mode, proc in procs.items():
        run.codes[mode] = finish(folder, mode, proc)
    return run


def test_the_matrix_covers_every_command_and_format() -> None:
    """Generated from the registry: every command, and every format the registry has, appears."""
    from vold_cli.output.formats import FORMATS

    commands = {name for name, *_ in registry()}
    ran = {ident.split(":")[0].replace("-", " ", 1) if ident.startswith("kb-") else ident.split(":")[0]
           for ident, *_ in CASES}
    assert commands <= ran
    import importlib.util

    installed = {name for name, f in FORMATS.items() if f.needs is None or importlib.util.find_spec(f.needs.module)}
    assert {fmt for _, _, fmt, _ in CASES} >= installed
    assert len(CASES) > 100
    assert len({ident for ident, *_ in CASES}) == len(CASES)


@pytest.mark.parametrize("mode", ["cp1252", "cp850"])
@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_every_case_works_under_windows(matrix: Run, case, mode: str) -> None:
    ident, _, fmt, to_file = case
    code = matrix.codes[mode][ident]
    err = matrix.err(mode, ident)
    assert code == 0, err
    assert "Traceback" not in err and "internal error" not in err, err
    assert matrix.codes["linux"][ident] == 0, matrix.err("linux", ident)
    if fmt in UTF8_FORMATS:
        mine = matrix.file(mode, ident, fmt).read_bytes() if to_file else matrix.out(mode, ident)
        linux = matrix.file("linux", ident, fmt).read_bytes() if to_file else matrix.out("linux", ident)
        mine.decode("utf-8")
        if ident.startswith("kb-info"):  # the one line that differs: the cache is off on Windows (and says so)
            mine, linux = _without_cache(mine, fmt), _without_cache(linux, fmt)
        assert mine == linux, f"{ident}: not the bytes Linux writes"
        if fmt == "csv":
            assert mine.count(b"\r\n") == mine.count(b"\n") and b"\r\r" not in mine
    elif fmt == "xlsx":
        with zipfile.ZipFile(matrix.file(mode, ident, fmt)) as mine, \
                zipfile.ZipFile(matrix.file("linux", ident, fmt)) as linux:
            sheets = [n for n in linux.namelist() if n.startswith("xl/") and n.endswith(".xml")]
            assert sheets and all(mine.read(n) == linux.read(n) for n in sheets)
    elif fmt == "docx":  # the text and its styles are the same; the properties carry the time it was made
        with zipfile.ZipFile(matrix.file(mode, ident, fmt)) as mine, \
                zipfile.ZipFile(matrix.file("linux", ident, fmt)) as linux:
            parts = ("word/document.xml", "word/styles.xml", "word/footer1.xml")
            assert all(mine.read(n) == linux.read(n) for n in parts if n in linux.namelist())
    elif fmt == "pdf":
        assert matrix.file(mode, ident, fmt).read_bytes().startswith(b"%PDF-")
    elif fmt == "table" or fmt is None:
        text = matrix.out(mode, ident).decode(MODES[mode])  # strict: the console's own encoding
        if ident.startswith("kb-init"):
            folder = matrix.path(mode, ident, "kb")
            assert {p.name: p.read_bytes() for p in folder.iterdir()} == \
                {p.name: p.read_bytes() for p in KNOWLEDGE.glob("*.yaml")}
            return
        assert text.strip()
        assert "\r\n" in text and "\r\r" not in text  # Windows' own line ends for a text file


def _without_cache(data: bytes, fmt: str) -> bytes:
    """`kb info` less what it says about the cache."""
    if fmt == "json":
        parsed = json.loads(data)
        assert parsed.pop("cache")
        return json.dumps(parsed).encode()
    return b"\n".join(line for line in data.split(b"\n") if b"Cache" not in line)


def test_kb_info_says_the_cache_is_off_and_why(matrix: Run) -> None:
    """Windows has no O_NOFOLLOW, no handle-relative calls and no owner to compare: the cache's safety rules cannot
    be kept, so a --kb folder is validated every time, and `kb info` says so."""
    for mode in ("cp1252", "cp850"):
        cache = json.loads(matrix.out(mode, "kb-info:json"))["cache"]
        assert cache["status"] == "unsupported" and not cache["used"]
        assert "POSIX" in cache["text"] and "Windows" in cache["text"]
    assert json.loads(matrix.out("linux", "kb-info:json"))["cache"]["status"] in ("hit", "stored")


@pytest.mark.parametrize("mode", ["cp1252", "cp850"])
@pytest.mark.parametrize("case", [c for c in CASES if c[2] == "table"], ids=[c[0] for c in CASES if c[2] == "table"])
def test_the_danish_locale_gives_danish(matrix: Run, case, mode: str) -> None:
    """No --lang, no VOLD_LANG, no LANG: Windows' locale ('Danish_Denmark') makes the answer Danish."""
    from test_language import ALLOW_IN_DA, ENGLISH, offending

    ident = case[0]
    text = matrix.out(mode, ident).decode(MODES[mode])
    assert not offending(text, ENGLISH, ALLOW_IN_DA), ident
    assert any(word in text.split() for word in ("og", "i", "på", "af", "Fejl", "ikke", "for", "til")), text[:400]


# --- a pipe closed by its reader: EINVAL on Windows ------------------------------------------------------

PIPED = [["interventions"], ["map", "--format", "json"], ["law", "--format", "csv"], ["report", "-p", "43000"],
         ["estimate", "--all"], ["kb", "info", "--format", "markdown"], ["--help"]]


@pytest.fixture(scope="module")
def closed_pipe(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    folder = tmp_path_factory.mktemp("pipe")
    specs = [{"id": " ".join(argv), "argv": argv, "cwd": str(folder), "stdout": "closed-pipe",
              "stderr": str(folder / f"{n}.err")} for n, argv in enumerate(PIPED)]
    return folder, finish(folder, "pipe", start(folder, "pipe", specs, windows_encoding="cp1252",
                                                env=_env(folder, "cp1252")))


@pytest.mark.parametrize("n", range(len(PIPED)), ids=[" ".join(a) for a in PIPED])
def test_a_closed_pipe_exits_0_quietly_on_windows(closed_pipe, n: int) -> None:
    """`vold interventions | more`, the reader gone: Windows raises OSError(EINVAL), not BrokenPipeError; vold
    stops quietly with 0 as on Linux (nothing on stderr: no second error when Python flushes at exit)."""
    folder, codes = closed_pipe
    assert codes[" ".join(PIPED[n])] == 0, (folder / f"{n}.err").read_text(encoding="cp1252")
    assert (folder / f"{n}.err").read_bytes() == b""


def test_einval_on_a_file_is_still_an_error(run, tmp_path: Path, monkeypatch) -> None:
    """Only stdout's EINVAL is a closed pipe: the same error on a named file stays an error (exit 1)."""
    from vold_cli.output import files

    def refuse(*args, **kwargs):
        raise OSError(22, "Invalid argument", str(tmp_path / "x.csv"))

    monkeypatch.setattr(files, "write_bytes_atomic", refuse)
    result = run("law", "109", "--format", "csv", "-o", str(tmp_path / "x.csv"))
    assert result.exit_code == 1 and "Invalid argument" in result.stderr


# --- paths on another drive ----------------------------------------------------------------------------


def test_a_link_to_another_drive_leads_outside_the_folder(run, kb_copy: Path, tmp_path: Path, monkeypatch) -> None:
    """On Windows os.path.commonpath raises ValueError for C:\\kb and D:\\law.yaml (a link or junction to another
    drive): that is "leads outside the folder", not an internal error. The other drive is simulated: paths under
    tmp/D are on it, and commonpath raises as Windows' does for them."""
    drive = tmp_path / "D"
    drive.mkdir()
    (drive / "law.yaml").write_bytes((kb_copy / "law.yaml").read_bytes())
    (kb_copy / "law.yaml").unlink()
    (kb_copy / "law.yaml").symlink_to(drive / "law.yaml")
    real = os.path.commonpath

    def commonpath(paths):
        drives = {str(p).startswith(str(drive)) for p in paths}
        if len(drives) > 1:
            raise ValueError("Paths don't have the same drive")
        return real(paths)

    monkeypatch.setattr(os.path, "commonpath", commonpath)
    for args in (["kb", "validate", str(kb_copy)], ["law", "--kb", str(kb_copy)]):
        result = run(*args)
        assert result.exit_code == 1, result.stderr
        assert result.stderr == (f"Error: law.yaml: is a symbolic link that leads outside the knowledge folder "
                                 f"{kb_copy}; vold reads only the folder's own files. Copy the file into the folder "
                                 "instead of linking to it.\n")


# --- the language from Windows' locale -----------------------------------------------------------------


@pytest.mark.parametrize("name,lang", [("Danish_Denmark", "da"), ("da_DK", "da"), ("Danish", "da"), ("da", "da"),
                                       ("Danish_Greenland", "da"), ("English_United States", "en"),
                                       ("en_DK", "en"), ("Dari_Afghanistan", "en"), ("Norwegian_Norway", "en"),
                                       (None, "en"), ("", "en")])
def test_the_locale_python_reports_picks_the_language(monkeypatch, name: str | None, lang: str) -> None:
    import locale

    from vold_cli.i18n.lang import from_environment

    for var in ("LANG", "LC_ALL", "LC_MESSAGES", "VOLD_LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(locale, "getlocale", lambda category=None: (name, "1252"))
    assert from_environment() == lang


def test_an_unreadable_locale_is_english(monkeypatch) -> None:
    import locale

    from vold_cli.i18n.lang import from_environment

    monkeypatch.delenv("LANG")

    def broken(category=None):
        raise ValueError("unknown locale: xx")

    monkeypatch.setattr(locale, "getlocale", broken)
    assert from_environment() == "en"


@pytest.mark.parametrize("env,expected", [
    ({}, "da"),                                   # nothing set: Windows' locale
    ({"LANG": "en_US.UTF-8"}, "en"),              # a set locale variable comes first (Git Bash, WSL)
    ({"LC_ALL": "da_DK.UTF-8", "LANG": "en_US"}, "da"),
    ({"VOLD_LANG": "en"}, "en"),                  # VOLD_LANG before the locale
    ({"VOLD_LANG": "da"}, "da"),
])
def test_the_order_of_precedence(run, monkeypatch, env: dict[str, str], expected: str) -> None:
    import locale

    monkeypatch.delenv("LANG")
    monkeypatch.setattr(locale, "getlocale", lambda category=None: ("Danish_Denmark", "1252"))
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    result = run("estimate", "--municipality", "Kbh")
    assert result.stderr.startswith("Fejl: " if expected == "da" else "Error: "), result.stderr
    other = "en" if expected == "da" else "da"
    assert run("estimate", "--municipality", "Kbh", "--lang", other).stderr.startswith(
        "Fejl: " if other == "da" else "Error: ")  # --lang before everything


# --- files without POSIX-only calls ----------------------------------------------------------------------


def _umasked(mode: int) -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mode & ~mask


def test_writing_a_file_without_fchmod(tmp_path: Path, monkeypatch) -> None:
    """Windows has os.fchmod only from Python 3.13: the file gets its mode by name once closed."""
    import stat

    from vold_cli.output import files

    monkeypatch.delattr(os, "fchmod")
    files.write_text_atomic(tmp_path / "a.csv", "x\r\n")
    assert (tmp_path / "a.csv").read_bytes() == b"x\r\n"
    assert stat.S_IMODE((tmp_path / "a.csv").stat().st_mode) == _umasked(0o666)
    files.write_text_atomic(tmp_path / "a.csv", "y\r\n", force=True)
    assert (tmp_path / "a.csv").read_bytes() == b"y\r\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv"]


def _open_files() -> set[str]:
    folder = "/proc/self/fd"
    out = set()
    for fd in os.listdir(folder):
        try:
            out.add(os.readlink(os.path.join(folder, fd)))
        except OSError:
            pass
    return out


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc/self/fd to see open files")
@pytest.mark.parametrize("force", [False, True])
@pytest.mark.parametrize("fail", [None, "fchmod", "fsync", "link", "replace"])
def test_the_temporary_file_is_closed_before_rename_or_removal(tmp_path: Path, monkeypatch, force: bool,
                                                               fail: str | None) -> None:
    """Windows cannot rename or remove a file that is open: every rename, link and unlink of the temporary file
    happens with no handle open on it, on success and on every failure."""
    from vold_cli.errors import OutputError
    from vold_cli.output import files

    seen: list[tuple[str, bool]] = []

    def watch(name: str, real):
        def call(src, *args, **kwargs):
            seen.append((name, os.fspath(src) in _open_files()))
            if name == fail:
                raise OSError(5, "Input/output error")
            return real(src, *args, **kwargs)
        return call

    for name in ("link", "replace", "unlink", "chmod"):
        monkeypatch.setattr(os, name, watch(name, getattr(os, name)))
    real_fsync, real_fchmod = os.fsync, os.fchmod

    def fchmod(fd, mode):  # fails before the file object owns the handle (as a missing fchmod did)
        if fail == "fchmod":
            raise OSError(1, "Operation not permitted")
        return real_fchmod(fd, mode)

    monkeypatch.setattr(os, "fchmod", fchmod)

    def fsync(fd):
        if fail == "fsync":
            raise OSError(5, "Input/output error")
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    if force:
        (tmp_path / "a.md").write_text("old", encoding="utf-8")
    try:
        files.write_text_atomic(tmp_path / "a.md", "new", force=force)
        written = True
    except OutputError:
        written = False
    assert seen and not [name for name, was_open in seen if was_open], seen
    # a failed link (no hard links on the file system) falls back to replace
    assert written == (fail not in ("fchmod", "fsync", "replace") if force else fail not in ("fchmod", "fsync"))
    assert sorted(p.name for p in tmp_path.iterdir()) == (["a.md"] if force or written else [])
    if fail == "link" and not force:  # no hard links on this file system: renamed instead
        assert [name for name, _ in seen][-2:] == ["link", "replace"]


# --- what a narrow console lacks -------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["cp1252", "cp850"])
def test_symbols_a_console_lacks_become_lookalikes(encoding: str) -> None:
    import io

    from vold_cli.output.console import tolerate

    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding=encoding)
    tolerate(stream)
    stream.write("Ærø → ca. 220 ≈ ● ◐ ○ ✕ ✓ “citat” – • … █ ┃ ┏ ⚑\n")
    stream.flush()
    text = raw.getvalue().decode(encoding)
    assert text.startswith("Ærø -> ca. 220 ~ * + o x v ")
    assert text.rstrip().endswith(("█" if encoding == "cp850" else "#") + " | + ?")  # cp850 has the block
    assert "?" not in text.replace("⚑", "")[:-3]  # only the symbol without a look-alike is a question mark


def test_a_letter_a_console_lacks_is_still_the_clear_error() -> None:
    import io

    from vold_cli.output.console import tolerate

    stream = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    tolerate(stream)
    with pytest.raises(UnicodeEncodeError) as caught:
        stream.write("Ærø → x")
    assert caught.value.object[caught.value.start:caught.value.end] == "Æ"


def test_a_utf8_stream_and_a_users_own_choice_are_left_alone() -> None:
    import io

    from vold_cli.output.console import tolerate

    for stream in (io.TextIOWrapper(io.BytesIO(), encoding="utf-8"),
                   io.TextIOWrapper(io.BytesIO(), encoding="cp850", errors="replace")):
        before = stream.errors
        tolerate(stream)
        assert stream.errors == before


# --- a knowledge folder as Git for Windows checks it out --------------------------------------------------

CRLF_COMMANDS = [["law", "109"], ["interventions"], ["estimate", "--municipality", "Viborg"], ["map"], ["figures"]]


@pytest.mark.parametrize("fmt", ["json", "csv", "markdown"])
def test_a_knowledge_folder_with_crlf_line_ends_gives_the_same_answers(run, kb_copy: Path, fmt: str) -> None:
    """core.autocrlf (Git for Windows' default) checks the YAML out with CRLF line ends: it validates, and every
    answer is the same as from the LF files."""
    for path in kb_copy.glob("*.yaml"):
        path.write_bytes(path.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    assert run("kb", "validate", str(kb_copy)).exit_code == 0
    for args in CRLF_COMMANDS:
        mine = run(*args, "--kb", str(kb_copy), "--format", fmt)
        bundled = run(*args, "--format", fmt)
        assert mine.exit_code == 0, mine.stderr
        assert mine.stdout_bytes == bundled.stdout_bytes, args
