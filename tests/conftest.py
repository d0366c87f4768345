"""Shared fixtures: a fixed terminal, a private cache, and a runner that keeps stdout and stderr apart."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
KNOWLEDGE = ROOT / "knowledge"
BROKEN = Path(__file__).resolve().parent / "broken"


@pytest.fixture(autouse=True)
def _fixed_environment(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Same output everywhere: no colour, fixed width, English unless asked, a cache of our own."""
    for var in ("VOLD_KB", "VOLD_LANG", "VOLD_DEBUG", "VOLD_NO_CACHE", "VOLD_TODAY", "LC_ALL", "LC_MESSAGES", "FORCE_COLOR"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("VOLD_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture
def runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)
    except TypeError:  # click >= 8.2 always keeps them apart
        return CliRunner()


@pytest.fixture
def run(runner: CliRunner):
    """Invoke `vold` with a list of arguments; returns the click Result (stdout, stderr, exit_code)."""
    from vold_cli.commands.app import app

    def invoke(*args: str, env: dict[str, str] | None = None, input: str | None = None):
        return runner.invoke(app, list(args), env=env, input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def kb_copy(tmp_path: Path) -> Iterator[Path]:
    """A writable copy of the bundled knowledge folder."""
    target = tmp_path / "kb"
    shutil.copytree(KNOWLEDGE, target)
    yield target


def broken_knowledge(case: str, target: Path) -> Path:
    """The bundled knowledge with the case folder tests/broken/<case> laid over it (see tests/broken/README.md):
    its files copied over, and `<stem>.yaml` removed for every `<stem>.yaml.DELETE` marker."""
    shutil.copytree(KNOWLEDGE, target)
    for overlay in sorted((BROKEN / case).iterdir()):
        if overlay.name.endswith(".DELETE"):
            (target / overlay.name[: -len(".DELETE")]).unlink()
        else:
            shutil.copyfile(overlay, target / overlay.name)
    return target


@pytest.fixture
def broken_kb(tmp_path: Path):
    """`broken_kb(case)`: a broken knowledge folder (`broken_knowledge`) in the test's own folder."""
    return lambda case: broken_knowledge(case, tmp_path / case)


@pytest.fixture
def knowledge():
    from vold_cli.kb.loader import load

    return load(KNOWLEDGE, use_cache=False)


def pytest_report_header(config: pytest.Config) -> str:
    return f"vold tests; chromium: {shutil.which('chromium') or 'absent'}; root: {os.geteuid() == 0}"
