"""The `vold` script ends the process with os._exit once the answer is written (__main__.run, issue 24): nothing the
user sees may change. Every case runs the real entry point in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

ENV = {**{k: v for k, v in os.environ.items() if not k.startswith("VOLD_")}, "COLUMNS": "100", "NO_COLOR": "1"}


def vold(*argv: str, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "vold_cli", *argv], capture_output=True, env=ENV, timeout=120,
                          **kwargs)  # type: ignore[call-overload]


def test_the_console_script_is_the_fast_exit_entry_point() -> None:
    (script,) = [e for e in metadata.entry_points(group="console_scripts") if e.name == "vold"]
    assert script.value == "vold_cli.__main__:run"


@pytest.mark.parametrize("argv, complete", [
    (["estimate", "--all", "--format", "json"], lambda out: json.loads(out)["kind"] == "overview"),
    (["report", "-m", "Viborg", "--format", "html"], lambda out: out.rstrip().endswith(b"</html>")),
    (["map", "--format", "csv"], lambda out: out.endswith(b"\n") and out.count(b"\n") > 10),
    (["law"], lambda out: out.endswith(b"\n") and len(out) > 1000),
])
def test_a_long_answer_into_a_pipe_is_written_whole(argv: list[str], complete) -> None:  # type: ignore[no-untyped-def]
    done = vold(*argv)
    assert done.returncode == 0, done.stderr
    assert complete(done.stdout)
    assert done.stderr == b""


@pytest.mark.parametrize("argv, code", [
    (["estimate", "--population", "abc"], 2),
    (["interventions", "no-such-intervention"], 1),
    (["--version"], 0),
    ([], 0),
])
def test_exit_codes_are_kept(argv: list[str], code: int) -> None:
    done = vold(*argv)
    assert done.returncode == code
    if code:
        assert len(done.stderr.decode().strip().splitlines()) == 1


def test_a_file_written_with_o_is_whole(tmp_path: Path) -> None:
    target = tmp_path / "alle.json"
    done = vold("estimate", "--all", "--format", "json", "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert json.loads(target.read_bytes())["kind"] == "overview"


def test_a_full_disk_is_still_reported() -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    with open("/dev/full", "wb") as full:
        done = subprocess.run([sys.executable, "-m", "vold_cli", "law"], stdout=full, stderr=subprocess.PIPE,
                              env=ENV, timeout=120)
    assert done.returncode == 1
    assert len(done.stderr.decode().strip().splitlines()) == 1
