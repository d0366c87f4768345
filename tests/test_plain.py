"""The `table` format without Rich (render/plain.py) writes exactly what Rich writes, for every kind of view."""

from __future__ import annotations

import io

import pytest

from vold_cli.output import plain

COMMANDS = [
    ["law"], ["law", "109"], ["law", "110", "--lang", "da"], ["interventions"], ["interventions", "--phase", "secondary"],
    ["interventions", "safe-dates"], ["estimate", "--municipality", "Viborg"], ["estimate", "--population", "43000"],
    ["estimate", "--all"], ["estimate", "--region", "Hovedstaden", "--lang", "da"], ["search", "kaerestevold"], ["map"], ["phases"], ["evidence"],
    ["profile"], ["definition"], ["implementation"], ["documentation"], ["economy"], ["initiatives"],
    ["kb", "info"], ["interventions", "--lang", "da"], ["economy", "--lang", "da"], ["figures"],
    ["figures", "--lang", "da"], ["search", "kaerestevold", "--lang", "da"], ["search", "dating"], ["evidence", "--lang", "da"],
]


def _both(run, monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> tuple[str, str]:
    monkeypatch.setattr(plain, "ENABLED", True)
    fast = run(*argv)
    monkeypatch.setattr(plain, "ENABLED", False)
    rich = run(*argv)
    assert fast.exit_code == rich.exit_code == 0, (fast.stderr, rich.stderr)
    return fast.stdout, rich.stdout


@pytest.mark.parametrize("columns", ["40", "63", "80", "120", "250"])
@pytest.mark.parametrize("argv", COMMANDS, ids=" ".join)
def test_plain_is_rich_byte_for_byte(run, monkeypatch: pytest.MonkeyPatch, argv: list[str], columns: str) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    fast, rich = _both(run, monkeypatch, argv)
    assert fast == rich


@pytest.mark.parametrize("columns", ["40", "80", "120"])
@pytest.mark.parametrize("lang", ["en", "da"])
def test_plain_is_rich_byte_for_byte_for_a_check(run, monkeypatch: pytest.MonkeyPatch, tmp_path, lang: str,
                                                  columns: str) -> None:
    path = tmp_path / "offers.yaml"
    path.write_text("- offer: Safe Dates at Nordby School\n  intervention: safe dates\n  target: [young-people]\n"
                    "- offer: Anger management course\n  phase: secondary\n"
                    "- offer: Crisis centre\n  intervention: Women's crisis centres\n  places: 3\n", encoding="utf-8")
    monkeypatch.setenv("COLUMNS", columns)
    fast, rich = _both(run, monkeypatch, ["check", str(path), "--municipality", "Viborg", "--lang", lang])
    assert fast == rich


def test_plain_is_used_and_rich_is_not_imported(run, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    monkeypatch.setattr(plain, "_lines", lambda doc, width, real=plain._lines: calls.append(width) or real(doc, width))
    assert run("law", "109").exit_code == 0
    assert calls == [120]


def test_a_character_of_another_width_is_left_to_rich() -> None:
    assert plain._one_cell("Serviceloven § 109 — kvinder • 2019-20 … æøå")
    assert plain._one_cell("○ ◐ ● ✕")
    assert not plain._one_cell("宽")
    assert not plain._one_cell("✅")  # a wide dingbat
    assert not plain._one_cell("e\u0301")  # a combining accent
    assert not plain._one_cell("a\u200bb")  # zero width


def test_the_characters_taken_as_one_cell_are_one_cell_in_rich() -> None:
    from rich.cells import cell_len

    for start, end in ((0x20, 0x7F), (0xA0, 0x300), (0x2010, 0x2028), (0x2030, 0x205F), (0x20A0, 0x20C1),
                       (0x2190, 0x2300), (0x2500, 0x2600), (0x2700, 0x27C0)):
        for code in range(start, end):
            if plain._one_cell(chr(code)):
                assert cell_len(chr(code)) == 1, hex(code)


# --- at a terminal, with colour (issue 24) --------------------------------------------------------------------


class _Terminal(io.StringIO):
    """What a console looks like to both writers: a UTF-8 terminal."""

    encoding = "utf-8"

    def isatty(self) -> bool:
        return True


def _documents(run, monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> list:
    """The Documents a command hands to the table format (after emit's sanitising and marks)."""
    captured: list = []
    real = plain.render_plain

    def keep(doc, stream):  # type: ignore[no-untyped-def]
        captured.append(doc)
        return real(doc, stream)

    monkeypatch.setattr(plain, "render_plain", keep)
    result = run(*argv)
    monkeypatch.setattr(plain, "render_plain", real)
    assert result.exit_code == 0, result.stderr
    assert captured, "the command wrote no table"
    return captured


def _in_a_pipe(doc, monkeypatch: pytest.MonkeyPatch) -> bool:
    monkeypatch.setattr(plain, "ENABLED", True)
    return plain.render_plain(doc, io.StringIO())


def _at_terminal(doc, monkeypatch: pytest.MonkeyPatch, *, fast: bool) -> tuple[str, bool]:
    from vold_cli.output import terminal

    out = _Terminal()
    monkeypatch.setattr(plain, "ENABLED", fast)
    used = plain.render_plain(doc, out)
    if not used:
        terminal.render(doc, out)
    return out.getvalue(), used


@pytest.mark.parametrize("term", ["xterm-256color", "xterm"])
@pytest.mark.parametrize("columns", ["40", "80", "120"])
@pytest.mark.parametrize("argv", COMMANDS, ids=" ".join)
def test_at_a_terminal_plain_writes_rich_colours_byte_for_byte(run, monkeypatch: pytest.MonkeyPatch,
                                                               argv: list[str], columns: str, term: str) -> None:
    docs = _documents(run, monkeypatch, argv)
    monkeypatch.setenv("COLUMNS", columns)
    monkeypatch.setenv("TERM", term)
    monkeypatch.delenv("NO_COLOR")
    for doc in docs:
        fast, used = _at_terminal(doc, monkeypatch, fast=True)
        rich, _ = _at_terminal(doc, monkeypatch, fast=False)
        assert used == _in_a_pipe(doc, monkeypatch), "plain is used at a terminal wherever in a pipe"
        assert fast == rich
        from vold_cli.output.blocks import Fields, Heading, Table

        if any(isinstance(block, Heading | Table | Fields) for block in doc.blocks):
            assert "\x1b[1m" in fast  # colours and weights are there


@pytest.mark.parametrize("lang", ["en", "da"])
def test_at_a_terminal_a_check_is_rich_byte_for_byte(run, monkeypatch: pytest.MonkeyPatch, tmp_path,
                                                     lang: str) -> None:
    path = tmp_path / "offers.yaml"
    path.write_text("- offer: Safe Dates at Nordby School\n  intervention: safe dates\n  target: [young-people]\n"
                    "- offer: Anger management course\n  phase: secondary\n"
                    "- offer: Crisis centre\n  intervention: Women's crisis centres\n  places: 3\n", encoding="utf-8")
    docs = _documents(run, monkeypatch, ["check", str(path), "--municipality", "Viborg", "--lang", lang])
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR")
    for columns in ("40", "80", "120"):
        monkeypatch.setenv("COLUMNS", columns)
        for doc in docs:
            fast, used = _at_terminal(doc, monkeypatch, fast=True)
            assert used == _in_a_pipe(doc, monkeypatch)
            assert fast == _at_terminal(doc, monkeypatch, fast=False)[0]


@pytest.mark.parametrize("argv", [["law", "109"], ["map"], ["estimate", "-m", "Viborg"]], ids=" ".join)
def test_at_a_terminal_without_colour_plain_is_rich(run, monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> None:
    """NO_COLOR at a terminal: Rich writes no escape codes, and neither does plain."""
    docs = _documents(run, monkeypatch, argv)
    monkeypatch.setenv("TERM", "xterm-256color")
    for doc in docs:
        fast, used = _at_terminal(doc, monkeypatch, fast=True)
        assert used and "\x1b" not in fast
        assert fast == _at_terminal(doc, monkeypatch, fast=False)[0]


def test_at_a_real_terminal_rich_is_not_imported(tmp_path) -> None:
    """A pseudo-terminal, colour on: the answer comes in colour, and Rich is never imported."""
    import os
    import pty
    import subprocess
    import sys

    code = ("import sys\nfrom vold_cli.__main__ import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "sys.stderr.write('RICH ' + str(any(m.split('.')[0] == 'rich' for m in sys.modules)))\n")
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update(TERM="xterm-256color", COLUMNS="100", VOLD_CACHE_DIR=str(tmp_path))
    master, slave = pty.openpty()
    try:
        done = subprocess.run([sys.executable, "-c", code, "law", "109"], stdout=slave, stderr=subprocess.PIPE,
                              env=env, timeout=120)
        os.close(slave)
        slave = -1
        shown = b""
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        if slave >= 0:
            os.close(slave)
        os.close(master)
    assert done.returncode == 0
    assert done.stderr.decode().endswith("RICH False")
    assert b"\x1b[1m" in shown and b"Serviceloven" in shown
