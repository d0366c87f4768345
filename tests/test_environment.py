"""The CLI in real processes, under the environments people run it in: no colour, dumb terminals, narrow and
wide terminals, the C locale, ASCII and cp1252 output encodings, stdout a pipe that closes early, stdout a file.

These run `python -m vold_cli` as a subprocess, because encodings, terminals and pipes only behave for real
there. Every run gets a controlled environment (built from scratch, not inherited) and a private cache.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ESC = b"\x1b"
TIMEOUT = 60  # generous: a hang check only


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache for the module, filled once, so each process loads the knowledge in milliseconds."""
    path = tmp_path_factory.mktemp("env-cache")
    subprocess.run([sys.executable, "-m", "vold_cli", "kb", "info"], env=_env(path), capture_output=True,
                   timeout=TIMEOUT, check=True)
    return path


def _env(cache: Path, **extra: str | None) -> dict[str, str]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(cache),
        "VOLD_CACHE_DIR": str(cache),
        "LANG": "C.UTF-8",
        "TERM": "dumb",
        "NO_COLOR": "1",
        "COLUMNS": "80",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    for key, value in extra.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def vold(cache: Path, *args: str, stdout=subprocess.PIPE, **env: str | None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "vold_cli", *args], env=_env(cache, **env), stdout=stdout,
                          stderr=subprocess.PIPE, timeout=TIMEOUT)


def _no_traceback(proc: subprocess.CompletedProcess[bytes]) -> None:
    assert b"Traceback" not in proc.stderr and b"Traceback" not in (proc.stdout or b""), proc.stderr.decode()
    assert b"internal error" not in proc.stderr, proc.stderr.decode()


def _tty(cache: Path, *args: str, **env: str | None) -> tuple[int, bytes]:
    """Run with stdin, stdout and stderr a pseudo-terminal; the exit code and everything it printed."""
    pty = pytest.importorskip("pty")
    import select

    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "vold_cli", *args], stdin=slave, stdout=slave, stderr=slave,
                            env=_env(cache, **env), close_fds=True)
    os.close(slave)
    out = b""
    try:
        while True:
            ready, _, _ = select.select([master], [], [], TIMEOUT)
            if not ready:
                break
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            out += chunk
    finally:
        os.close(master)
    return proc.wait(timeout=TIMEOUT), out


DANISH_COMMANDS = [
    ["interventions", "--lang", "da"],
    ["estimate", "--municipality", "Ærø", "--lang", "da"],
    ["law", "109", "--lang", "da"],
    ["phases", "--lang", "da"],
    ["map", "--lang", "da"],
    ["kb", "info", "--lang", "da"],
    ["search", "kærestevold", "--lang", "da"],
    ["interventions", "--format", "json", "--lang", "da"],
    ["estimate", "--population", "43000", "--format", "markdown", "--lang", "da"],
]
DANISH_LETTERS = ("æ", "ø", "å", "Æ", "Ø", "Å")


def _has_danish(text: str) -> bool:
    return any(letter in text for letter in DANISH_LETTERS)


# --- colour --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [["interventions"], ["estimate", "--municipality", "Ærø"], ["map"], ["law", "nope"],
                                  ["estimate", "--population", "x"]])
@pytest.mark.parametrize("env", [{"NO_COLOR": "1", "TERM": "xterm-256color"}, {"NO_COLOR": None, "TERM": "dumb"}],
                         ids=["NO_COLOR", "TERM=dumb"])
def test_no_escape_codes_on_a_terminal_when_colour_is_off(cache_dir, args, env) -> None:
    code, out = _tty(cache_dir, *args, **env)
    assert code in (0, 1, 2)
    assert b"Traceback" not in out
    assert ESC not in out, out[:300]


def test_a_terminal_with_colour_does_get_colour(cache_dir) -> None:
    """The control for the test above: on a colour terminal the same command does print escape codes."""
    code, out = _tty(cache_dir, "interventions", NO_COLOR=None, TERM="xterm-256color")
    assert code == 0 and ESC in out


@pytest.mark.parametrize("args", [["interventions"], ["estimate", "--municipality", "Ærø"], ["map"], ["kb", "info"]])
def test_no_escape_codes_in_a_pipe_or_a_file(cache_dir, tmp_path, args) -> None:
    piped = vold(cache_dir, *args, NO_COLOR=None, TERM="xterm-256color")
    assert piped.returncode == 0 and ESC not in piped.stdout
    target = tmp_path / "out.txt"
    with target.open("wb") as handle:
        filed = vold(cache_dir, *args, stdout=handle, NO_COLOR=None, TERM="xterm-256color")
    assert filed.returncode == 0, filed.stderr.decode()
    _no_traceback(filed)
    written = target.read_bytes()
    assert ESC not in written
    assert written == piped.stdout  # a file gets exactly what a pipe gets: nothing lost


# --- width ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("columns", ["20", "300"])
@pytest.mark.parametrize("args", DANISH_COMMANDS, ids=lambda a: " ".join(a))
def test_narrow_and_wide_terminals(cache_dir, columns, args) -> None:
    proc = vold(cache_dir, *args, COLUMNS=columns)
    _no_traceback(proc)
    assert proc.returncode == 0, proc.stderr.decode()
    text = proc.stdout.decode("utf-8")
    assert text.strip()
    assert _has_danish(text)
    if "--format" not in args:
        # below 40 columns vold keeps a 40-column layout: tables would otherwise lose their content
        assert max(len(line) for line in text.splitlines()) <= max(int(columns), 40)


@pytest.mark.parametrize("columns", ["0", "-1", "abc", "", "100000"])
def test_nonsense_columns_still_print_the_answer(cache_dir, columns) -> None:
    """COLUMNS is only a hint: a value that makes no sense must not swallow the output."""
    proc = vold(cache_dir, "law", "109", COLUMNS=columns)
    _no_traceback(proc)
    assert proc.returncode == 0, proc.stderr.decode()
    assert "109" in proc.stdout.decode("utf-8")


# --- encodings -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("args", DANISH_COMMANDS, ids=lambda a: " ".join(a))
def test_c_locale_keeps_danish_letters(cache_dir, args) -> None:
    proc = vold(cache_dir, *args, LANG="C", LC_ALL="C")
    _no_traceback(proc)
    assert proc.returncode == 0, proc.stderr.decode()
    assert _has_danish(proc.stdout.decode("utf-8"))


# The formats of files (JSON, CSV, Markdown, HTML) are UTF-8 bytes on stdout whatever its encoding (issue 21).
DANISH_TABLES = [args for args in DANISH_COMMANDS if "--format" not in args]
DANISH_FILES = [args for args in DANISH_COMMANDS if "--format" in args]


@pytest.mark.parametrize("args", DANISH_TABLES, ids=lambda a: " ".join(a))
def test_ascii_output_gives_a_clear_error_for_danish_letters(cache_dir, args) -> None:
    proc = vold(cache_dir, *args, PYTHONIOENCODING="ascii")
    _no_traceback(proc)
    assert proc.returncode == 1
    err = proc.stderr.decode("ascii")
    assert err.startswith("Error: the output encoding 'ascii' cannot show") and err.count("\n") == 1, err
    assert "PYTHONIOENCODING=utf-8" in err


# (the CSV of `interventions` carries every field of the records, Danish names among them: not ASCII)
@pytest.mark.parametrize("args", [["interventions"], ["map", "--format", "csv"], ["evidence"],
                                  ["phases", "--format", "json"]])
def test_ascii_output_works_where_the_answer_is_ascii(cache_dir, args) -> None:
    proc = vold(cache_dir, *args, PYTHONIOENCODING="ascii", LANG="C")
    _no_traceback(proc)
    assert proc.returncode == 0, proc.stderr.decode()
    proc.stdout.decode("ascii")


@pytest.mark.parametrize("encoding", ["ascii", "cp1252"])
def test_help_in_a_narrow_encoding(cache_dir, encoding) -> None:
    """Click writes help itself; for an ASCII stream it deliberately switches to UTF-8 (so § and Ærø survive)."""
    proc = vold(cache_dir, "--help", PYTHONIOENCODING=encoding)
    _no_traceback(proc)
    assert proc.returncode == 0
    assert "vold law 109" in proc.stdout.decode("utf-8" if encoding == "ascii" else encoding)


def test_ascii_stderr_with_danish_in_the_message(cache_dir) -> None:
    proc = vold(cache_dir, "law", "ærø", PYTHONIOENCODING="ascii")
    _no_traceback(proc)
    assert proc.returncode == 1
    err = proc.stderr.decode("ascii")
    assert err.startswith("Error: No legal reference") and err.count("\n") == 1, err


@pytest.mark.parametrize("args", DANISH_COMMANDS, ids=lambda a: " ".join(a))
def test_cp1252_output_keeps_danish_letters(cache_dir, args) -> None:
    """cp1252 holds æ, ø and å: the answer must come out, readable in that encoding (box drawing and bar
    characters may be replaced by ASCII, but the command may not fail); a file's format in UTF-8."""
    proc = vold(cache_dir, *args, PYTHONIOENCODING="cp1252")
    _no_traceback(proc)
    assert proc.returncode == 0, proc.stderr.decode("cp1252", "replace")
    assert _has_danish(proc.stdout.decode("utf-8" if "--format" in args else "cp1252"))


@pytest.mark.parametrize("encoding", ["ascii", "cp1252", "cp850", "latin-1"])
@pytest.mark.parametrize("args", DANISH_FILES, ids=lambda a: " ".join(a))
def test_file_formats_are_utf8_whatever_the_encoding(cache_dir, args, encoding) -> None:
    """JSON and Markdown (as CSV and HTML) promise UTF-8: stdout's encoding does not change a byte of them."""
    utf8 = vold(cache_dir, *args)
    proc = vold(cache_dir, *args, PYTHONIOENCODING=encoding)
    _no_traceback(proc)
    assert proc.returncode == 0 and utf8.returncode == 0, proc.stderr.decode(encoding, "replace")
    assert proc.stdout == utf8.stdout
    assert _has_danish(proc.stdout.decode("utf-8"))


# --- pipes and files ------------------------------------------------------------------------------------

F_SETPIPE_SZ = 1031  # Linux: shrink the pipe so the writer really meets the closed end


@pytest.mark.parametrize("args", [["interventions"], ["interventions", "--format", "json"], ["search", "vold"],
                                  ["estimate", "--population", "43000"], ["map", "--format", "markdown"],
                                  ["interventions", "--format", "csv"], ["law", "--lang", "da"]])
def test_stdout_closed_early_exits_0_quietly(cache_dir, args) -> None:
    """`vold interventions | head -1`: read one line, close the pipe; no traceback, exit 0."""
    read_end, write_end = os.pipe()
    try:
        import fcntl

        fcntl.fcntl(write_end, F_SETPIPE_SZ, 4096)
    except (ImportError, OSError):
        pass  # a larger pipe only makes the test weaker, not wrong
    proc = subprocess.Popen([sys.executable, "-m", "vold_cli", *args], stdout=write_end, stderr=subprocess.PIPE,
                            env=_env(cache_dir))
    os.close(write_end)
    first = b""
    while not first.endswith(b"\n"):
        chunk = os.read(read_end, 1)  # unbuffered: take exactly one line, leave the rest in the pipe
        if not chunk:
            break
        first += chunk
    os.close(read_end)
    err = proc.stderr.read()
    proc.stderr.close()
    assert proc.wait(timeout=TIMEOUT) == 0, err.decode()
    assert first.strip()
    assert err == b"", err.decode()


def test_head_in_a_real_shell_pipeline(cache_dir) -> None:
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash is not installed")
    script = f'"{sys.executable}" -m vold_cli interventions --format json | head -1; echo "status=${{PIPESTATUS[0]}}"'
    proc = subprocess.run([bash, "-c", script], env=_env(cache_dir), capture_output=True, timeout=TIMEOUT)
    assert proc.stdout.decode().splitlines() == ["[", "status=0"]
    assert proc.stderr == b""


def test_stdout_a_file_holds_the_whole_answer(cache_dir, tmp_path) -> None:
    target = tmp_path / "estimate.json"
    with target.open("wb") as handle:
        proc = vold(cache_dir, "estimate", "--municipality", "Ærø", "--format", "json", "--lang", "da", stdout=handle)
    assert proc.returncode == 0, proc.stderr.decode()
    import json

    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["municipality"]["name"] == "Ærø"


def test_stdout_closed_gives_a_clear_error(cache_dir) -> None:
    """Started with stdout closed (`vold interventions >&-`): a clear one-line error, not an internal error."""
    proc = subprocess.run([sys.executable, "-m", "vold_cli", "interventions"], env=_env(cache_dir),
                          stderr=subprocess.PIPE, timeout=TIMEOUT, preexec_fn=lambda: os.close(1))
    _no_traceback(proc)
    assert proc.returncode == 1
    assert proc.stderr.decode().startswith("Error: standard output is closed")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["interventions"], ["interventions", "--format", "json"], ["--help"]])
def test_full_disk_gives_a_clear_error(cache_dir, args) -> None:
    with open("/dev/full", "wb") as full:
        proc = vold(cache_dir, *args, stdout=full)
    _no_traceback(proc)
    assert proc.returncode == 1
    err = proc.stderr.decode()
    assert err.startswith("Error: cannot write the output") and err.count("\n") == 1, err


def test_stderr_closed_still_exits_with_the_code(cache_dir) -> None:
    proc = subprocess.run([sys.executable, "-m", "vold_cli", "law", "nope"], env=_env(cache_dir),
                          stdout=subprocess.PIPE, timeout=TIMEOUT, preexec_fn=lambda: os.close(2))
    assert proc.returncode == 1
    assert proc.stdout == b""
