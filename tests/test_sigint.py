"""Ctrl-C at any moment of a run: one line on stderr, exit 130, never a traceback.

SIGINT is sent to a real `vold` process (run as the console script runs it) at 20 delays spread over 0-300 ms of
its start-up and its work: the imports of typer, rich, click and pydantic, loading, validating and writing.

The clock starts when Python's own start-up is over: the child has installed Python's SIGINT handler
(/proc/PID/status, SigCgt) and then SITE_MS more have passed for Python's `site` import. Before that no code of
vold has run, so nothing vold does can answer the signal (the kernel's default ends the process, or Python
reports a failed `site` import); that window of a few milliseconds is Python's, not vold's. The signal is never
blocked or delayed by the test."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DELAYS_MS = [round(i * 300 / 19) for i in range(20)]  # 0, 16, 32, ... 300
SITE_MS = 40  # Python's site import (~5 ms here) with room for a loaded machine
RETRIES = 3  # a signal that still lands in Python's own start-up (see _too_early) is sent again, at most so often
SCRIPT = "import sys; from vold_cli.__main__ import main; sys.exit(main())"  # what the `vold` script does

pytestmark = pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc (Linux)")


def _catches_sigint(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    line = next((x for x in status.splitlines() if x.startswith("SigCgt:")), "SigCgt: 0")
    return bool(int(line.split()[1], 16) & (1 << (signal.SIGINT - 1)))


def _too_early(code: int, err: str) -> bool:
    """The signal arrived before vold's first line ran (kernel default, or Python's start-up or `site`): no
    frame of vold_cli/__main__.py or later in the traceback."""
    if code == -signal.SIGINT or "init_import_site" in err:
        return True
    return "KeyboardInterrupt" in err and "vold_cli" + os.sep + "__main__.py" not in err and not any(
        f"{os.sep}{name}{os.sep}" in err for name in ("typer", "click", "rich", "pydantic", "cli", "render"))


def _interrupt(args: list[str], delay_ms: int, env: dict[str, str]) -> tuple[int, bytes, bool]:
    proc = subprocess.Popen([sys.executable, "-c", SCRIPT, *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env=env, cwd=ROOT, start_new_session=True)
    deadline = time.monotonic() + 5
    while not _catches_sigint(proc.pid) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.0005)
    time.sleep((SITE_MS + delay_ms) / 1000)
    sent = proc.poll() is None
    if sent:
        os.kill(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=10)
    return proc.returncode, err, sent


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    out = {k: v for k, v in os.environ.items() if not k.startswith("VOLD_")}
    out.update(NO_COLOR="1", TERM="dumb", COLUMNS="80", VOLD_NO_CACHE="1", LANG="C.UTF-8")
    return out


def test_sigint_at_spread_delays_gives_one_line_and_130(env: dict[str, str]) -> None:
    outcomes = []
    for delay in DELAYS_MS:
        # validate without the cache: the slowest command there is (~0.3-0.5 s), so most delays land inside it
        for _attempt in range(RETRIES):
            code, err, sent = _interrupt(["kb", "validate", "--format", "json"], delay, env)
            text = err.decode("utf-8", "replace")
            if not _too_early(code, text):
                break
        assert "Traceback" not in text and "KeyboardInterrupt" not in text, (delay, text)
        if sent and code != 0:
            assert code == 130, (delay, code, text)
            assert text == "Error: Interrupted.\n", (delay, text)
        else:  # it finished before the signal could arrive: a normal run
            assert code == 0 and text == "", (delay, code, text)
        outcomes.append(code)
    assert outcomes.count(130) >= 10, outcomes  # the signal did land inside the run at most delays
