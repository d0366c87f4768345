"""The `table` format without Rich (render/plain.py) writes exactly what Rich writes, for every kind of view."""

from __future__ import annotations

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
