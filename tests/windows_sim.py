"""Windows, simulated on Linux: the harness the Windows tests run `vold` through.

vold has never run on a real Windows machine in these tests. What this harness does instead, in one launcher
process per mode (`python tests/windows_sim.py CASES.json RESULTS.json`), before vold is imported:

- removes what Windows' `os` lacks and vold (or what it calls) might use: `os.fchmod` (Windows has it only
  from Python 3.13), `os.fchown`, `os.getuid`/`os.geteuid`/`os.getgid`, `os.mkfifo`, `os.O_NOFOLLOW`,
  `os.O_NONBLOCK`, `os.O_DIRECTORY`, `os.O_CLOEXEC`, `os.sched_getaffinity` (vold's sign of Linux'
  renameat2), `os.supports_dir_fd` emptied; the modules `fcntl`, `pwd`, `grp`, `termios` cannot be imported;
- adds `os.O_BINARY` and makes `os.open` refuse a file opened without it (on Windows such a file is in text mode:
  CRLF folded, byte 0x1A ends a read);
- encodes stdout in the ANSI or OEM code page (`PYTHONIOENCODING=cp1252` or `cp850`, as Python on Windows does
  for a redirected stdout before 3.15) and translates "\\n" to "\\r\\n" as Windows' text layer does;
- clears `LANG` and `LC_*` and makes `locale.getlocale()` answer `('Danish_Denmark', '1252')`.

Each case then runs in a child forked from the launcher (vold's modules are imported once, in the launcher, after
the changes above), with stdout redirected to a file, as `vold ... > FILE` does. In the "linux" mode nothing is
changed: the same cases give the output the simulated runs are compared with.

What is not simulated: the Windows console itself (WriteConsoleW), `sys.platform == "win32"` (Rich and Click
would load their Windows-only modules), drive letters and junctions (the tests monkeypatch
`os.path.commonpath`), mandatory file locking (a file cannot be removed while open; the code closes every handle
before a rename or a removal, which tests check on Linux only by reading the code paths).
"""

from __future__ import annotations

import json
import os
import sys

#: What `os` on Windows does not have, among what vold and its libraries could touch.
POSIX_ONLY = ("fchmod", "fchown", "lchown", "getuid", "geteuid", "getgid", "getegid", "mkfifo", "mknod",
              "O_NOFOLLOW", "O_NONBLOCK", "O_DIRECTORY", "O_CLOEXEC", "sched_getaffinity", "getpwuid")
#: Modules Windows' Python does not have.
POSIX_MODULES = ("fcntl", "pwd", "grp", "termios")
#: A flag bit vold must pass to os.open; stripped before the real call.
O_BINARY = 0x4000_0000
LOCALE = ("Danish_Denmark", "1252")


def windows(encoding: str) -> None:
    """Make this process look like Python on a Danish Windows with stdout redirected to a file."""
    for name in POSIX_ONLY:
        if hasattr(os, name):
            delattr(os, name)
    os.supports_dir_fd = set()
    for module in POSIX_MODULES:
        sys.modules[module] = None  # type: ignore[assignment]  # `import fcntl` raises ImportError
    real_open = os.open

    def text_mode_open(path, flags, mode=0o777, *, dir_fd=None):  # type: ignore[no-untyped-def]
        if not flags & O_BINARY and os.fspath(path) != os.devnull:
            raise AssertionError(f"os.open({os.fspath(path)!r}) without O_BINARY: a text-mode file on Windows")
        return real_open(path, flags & ~O_BINARY, mode, dir_fd=dir_fd)

    os.O_BINARY = O_BINARY  # type: ignore[attr-defined]
    os.open = text_mode_open
    if "tempfile" in sys.modules:  # it reads O_BINARY and O_NOFOLLOW when imported
        del sys.modules["tempfile"]
    for var in [v for v in os.environ if v == "LANG" or v.startswith("LC_")]:
        del os.environ[var]
    import locale

    locale.getlocale = lambda category=None: LOCALE  # type: ignore[assignment]
    for stream, errors in ((sys.stdout, "strict"), (sys.stderr, "backslashreplace")):
        stream.reconfigure(encoding=encoding, errors=errors, newline="\r\n")  # type: ignore[union-attr]


def _preload() -> None:
    """Import vold's modules (and openpyxl) once, so each forked case pays only for its own work."""
    import importlib
    import pkgutil

    import vold_cli

    for info in pkgutil.walk_packages(vold_cli.__path__, "vold_cli."):
        if info.name != "vold_cli.__main__":
            importlib.import_module(info.name)
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        pass
    _share_validation()


def _share_validation() -> None:
    """Validate each set of knowledge files once per launcher: every case still reads the files (the part
    Windows changes), but pydantic's work, the same in every case, is done once."""
    from vold_cli.kb import validate

    real = validate.validate_files
    done: dict[tuple[tuple[str, bytes], ...], object] = {}

    def shared(raw):  # type: ignore[no-untyped-def]
        key = tuple(raw.items())
        if key not in done:
            done[key] = real(raw)
        return done[key]

    validate.validate_files = shared  # type: ignore[assignment]
    from vold_cli.kb.loader import load

    try:
        load(None)  # the bundled knowledge, validated now, before the first fork
    except Exception:  # noqa: BLE001, S110 - each case then shows the failure itself
        pass


class _WindowsPipe:
    """A raw stdout whose reader has gone: Windows reports that as OSError(EINVAL), not BrokenPipeError."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def write(self, data: bytes) -> int:
        import errno

        try:
            return os.write(self.fd, data)
        except BrokenPipeError:
            raise OSError(errno.EINVAL, "Invalid argument") from None


def _closed_pipe_stdout(encoding: str) -> None:
    import io

    read_end, write_end = os.pipe()
    os.close(read_end)
    os.dup2(write_end, 1)
    os.close(write_end)

    class Raw(io.RawIOBase):
        pipe = _WindowsPipe(1)

        def writable(self) -> bool:
            return True

        def write(self, data) -> int:  # type: ignore[no-untyped-def, override]
            return self.pipe.write(bytes(data))

        def fileno(self) -> int:
            return 1

    sys.stdout = io.TextIOWrapper(io.BufferedWriter(Raw()), encoding=encoding, newline="\r\n")


def _run(case: dict[str, object], encoding: str) -> int:
    """One case in a forked child; its exit code."""
    pid = os.fork()
    if pid:
        _, status = os.waitpid(pid, 0)
        return os.waitstatus_to_exitcode(status)
    code = 99
    try:
        err = os.open(str(case["stderr"]), os.O_WRONLY | os.O_CREAT | os.O_TRUNC | O_BINARY, 0o644)
        os.dup2(err, 2)
        stdout = case.get("stdout")
        if stdout == "closed":  # started with stdout closed (`>&-`): Python sets sys.stdout to None
            os.close(1)
            sys.stdout = None  # type: ignore[assignment]
        elif stdout == "closed-pipe":
            _closed_pipe_stdout(encoding)
        else:
            out = os.open(str(stdout), os.O_WRONLY | os.O_CREAT | os.O_TRUNC | O_BINARY, 0o644)
            os.dup2(out, 1)
        os.chdir(str(case["cwd"]))
        os.environ.update(case.get("env") or {})  # type: ignore[arg-type]
        sys.argv = ["vold", *case["argv"]]  # type: ignore[misc]
        from vold_cli.__main__ import main

        try:
            main()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                try:
                    stream.flush()
                except (OSError, ValueError):
                    pass
    except BaseException:  # noqa: BLE001 - the harness's own failure, shown to the test
        import traceback

        traceback.print_exc()
        code = 99
    os._exit(code)


# --- used by the tests, in their own process ------------------------------------------------------------


def registry() -> list[tuple[str, list[str], list[str], bool]]:
    """Every command of the app: (name, path, formats its --format offers, takes -o), read from the Click objects
    Typer builds, so a command added later is in every matrix without a test naming it."""
    import click
    import typer.main

    from vold_cli.commands.app import app

    found: list[tuple[str, list[str], list[str], bool]] = []

    def walk(command: click.Command, path: list[str]) -> None:
        if isinstance(command, click.Group):  # the root group loads its commands lazily: ask it
            ctx = click.Context(command)
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                if sub is not None and not sub.hidden:
                    walk(sub, [*path, name])
            return
        options = {opt: param for param in command.params for opt in getattr(param, "opts", [])}
        fmt = options.get("--format")
        formats = list(fmt.type.choices) if fmt is not None else []  # type: ignore[attr-defined]
        found.append((" ".join(path), path, formats, "--output" in options))

    walk(typer.main.get_command(app), [])
    return found


def start(folder: object, name: str, specs: list[dict[str, object]], *, windows_encoding: str | None,
          env: dict[str, str]) -> object:
    """Start one launcher over `specs` (each: id, argv, cwd, stdout (a path, "closed" or "closed-pipe"), stderr,
    env), as on Windows with that stdout encoding, or unchanged (None). `finish` waits for it."""
    import subprocess
    from pathlib import Path

    folder = Path(str(folder))
    spec_file = folder / f"cases-{name}.json"
    spec_file.write_text(json.dumps({"mode": "windows" if windows_encoding else "linux",
                                     "encoding": windows_encoding or "utf-8", "cases": specs}), encoding="utf-8")
    return subprocess.Popen([sys.executable, __file__, str(spec_file), str(folder / f"results-{name}.json")],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def finish(folder: object, name: str, proc: object) -> dict[str, int]:
    """The exit code of every case a launcher ran."""
    import subprocess
    from pathlib import Path

    assert isinstance(proc, subprocess.Popen)
    out, _ = proc.communicate(timeout=600)
    assert proc.returncode == 0, out.decode("utf-8", "replace")
    codes: dict[str, int] = json.loads((Path(str(folder)) / f"results-{name}.json").read_text(encoding="utf-8"))
    return codes


def main(argv: list[str]) -> int:
    cases_path, results_path = argv
    spec = json.loads(open(cases_path, encoding="utf-8").read())  # noqa: SIM115
    mode, encoding = spec["mode"], spec.get("encoding", "utf-8")
    global O_BINARY
    if mode == "windows":
        windows(encoding)
    else:
        O_BINARY = 0
    _preload()
    codes = {case["id"]: _run(case, encoding) for case in spec["cases"]}
    with open(results_path, "w", encoding="utf-8") as handle:
        json.dump(codes, handle)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
