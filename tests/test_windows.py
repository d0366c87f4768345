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
EXTENSION = {"table": "txt", "json": "json", "csv": "csv", "markdown": "md", "html": "html", "xlsx": "xlsx"}
UTF8_FORMATS = ("json", "csv", "markdown", "html")
MODES = {"linux": "utf-8", "cp1252": "cp1252", "cp850": "cp850"}


def cases() -> list[tuple[str, list[str], str | None, bool]]:
    """(id, argv, format, -o FILE?) for the matrix."""
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
    assert {fmt for _, _, fmt, _ in CASES} >= set(FORMATS)
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
