"""A number in a knowledge file means what a reader sees: only plain decimals are numbers."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

KNOWLEDGE = Path(__file__).resolve().parents[1] / "knowledge"


def _with(tmp_path: Path, old: str, new: str, file: str = "benchmarks.yaml") -> tuple[Path, int]:
    folder = tmp_path / "kb"
    shutil.copytree(KNOWLEDGE, folder)
    text = (folder / file).read_text(encoding="utf-8")
    assert old in text
    line = text[: text.index(old)].count("\n") + 1
    (folder / file).write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder, line


@pytest.mark.parametrize("written,hint", [
    ("010000", "write 10000"), ("0o23420", "write 10000"), ("0x2710", "write 10000"), ("0b10011100010000", "write 10000"),
    ("2:46:40", "plain decimal digits"), ("10_000", "write 10000"), ("+10000", "write 10000"),
])
def test_non_decimal_numbers_are_refused(run, tmp_path: Path, written: str, hint: str) -> None:
    folder, line = _with(tmp_path, "per_inhabitants: 10000", f"per_inhabitants: {written}")
    for args in (["kb", "validate", str(folder)], ["estimate", "--population", "43000", "--kb", str(folder)]):
        result = run(*args)
        assert result.exit_code == 1, (written, result.stderr)
        err = result.stderr
        assert err.startswith(f"Error: benchmarks.yaml: line {line}, column ") and err.count("\n") == 1, err
        assert "is not a plain decimal number" in err and hint in err and "quote it if it is text" in err, err


@pytest.mark.parametrize("written,value", [("10000", 10000), ("-3", -3), ("0", 0), ("4.3", 4.3), ("1.0e+4", 1e4),
                                           (".5", 0.5), ("'010000'", "010000"), ("yes", True), ("1e3", "1e3")])
def test_plain_decimals_are_numbers_and_the_rest_is_as_before(written: str, value) -> None:
    from vold_cli.kb.yamlsafe import parse

    assert parse("x.yaml", f"a: {written}\n".encode())["a"] == value


def test_an_unquoted_date_gets_a_hint_to_quote_it(run, tmp_path: Path) -> None:
    text = (KNOWLEDGE / "meta.yaml").read_text(encoding="utf-8")
    match = re.search(r"date: [\"'](\d{4}-\d{2}-\d{2})[\"']", text)
    assert match
    folder, _ = _with(tmp_path, match.group(0), f"date: {match.group(1)}", "meta.yaml")
    result = run("kb", "validate", str(folder))
    assert result.exit_code == 1
    assert f"quote it in YAML: '{match.group(1)}'" in result.stderr and result.stderr.count("\n") == 1
