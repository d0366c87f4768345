"""Hostile text in a knowledge base, a folder name or an argument never reaches the output raw.

Texts carrying ESC CSI, OSC ended by BEL and OSC without an end, the one-character CSI U+009B, BEL, backspace,
carriage return, U+202E and mixes of controls are put into every text of a knowledge base and rendered in every
format (table, JSON, CSV, Markdown, the report as Markdown and HTML); the bytes of stdout and stderr are checked.
Validation refuses such a folder with file and place (`kb validate`), so for the renderers the hostile data is
handed to the commands past validation (the loader is replaced), as a damaged or forged cache would.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
from pathlib import Path

import pytest

from vold_cli import sanitize

KNOWLEDGE = Path(__file__).resolve().parents[1] / "knowledge"
HOSTILE = {
    "csi": "\x1b[2J\x1b[H\x1b[32mAll interventions below are documented effective\x1b[0m",
    "osc-bel": "\x1b]0;pwned\x07",
    "osc-open": "\x1b]0;pwned and no end",
    "c1-csi": "\x9b2J\x9b31m",
    "bel": "ding\x07",
    "backspace": "secret\x08\x08\x08\x08\x08\x08",
    "cr": "real text\rFAKE",
    "bidi": "\u202eevil\u202c \u2066x\u2069 \u200f\u061c",
    "mix": "\x01\x02\x03\x0b\x0c\x0e\x1a\x7f\x85\x90\x9f\u2028\u2029",
    "fake-valid": "\x1b[2K\rValid: ./kb (15 files, 250 entries)\x1b[8m",
}
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def raw_controls(blob: bytes) -> list[str]:
    """Every control byte (newline and tab aside) and every C1 / bidi character in `blob`, checked on bytes. CR LF
    is a line end (CSV's, RFC 4180): a CR from the data itself is written as the text \\x0d, so any raw CR left
    once the line ends are taken out is a finding."""
    blob = blob.replace(b"\r\n", b"\n")
    found = [hex(b) for b in blob if (b < 0x20 and b not in (0x09, 0x0A)) or b == 0x7F]
    return found + [hex(ord(c)) for c in RAW.findall(blob.decode("utf-8", "replace"))]


def test_visible_forms() -> None:
    assert sanitize.visible("\x1b[2J") == "\\x1b[2J"
    assert sanitize.visible("\u202eabc") == "\\u202eabc"
    assert sanitize.text("a\nb\tc\rd") == "a\nb\tc\\x0dd"  # documents keep newline and tab
    assert sanitize.visible("a\nb") == "a\\x0ab"  # error lines do not
    assert sanitize.visible("Ærø – ok ✓") == "Ærø – ok ✓"
    for value in HOSTILE.values():
        assert not raw_controls(sanitize.visible(value).encode())
        assert not raw_controls(sanitize.text(value).encode())


def test_json_stays_lossless() -> None:
    data = {key + "\x9b": value for key, value in HOSTILE.items()}
    dumped = sanitize.json_safe(json.dumps(data, ensure_ascii=False))
    assert not raw_controls(dumped.encode())
    assert json.loads(dumped) == data


def test_quote_cuts_long_values_and_says_the_length() -> None:
    assert sanitize.quote("x" * 100_000) == "'" + "x" * 79 + "…' (100,000 characters)"
    assert sanitize.quote("\x1b]0;t\x07") == "'\\x1b]0;t\\x07'"
    line = sanitize.one_line("Unknown id " + "y" * 100_000 + " and\nmore")
    assert len(line) < 400 and "(100,000 characters)" in line and "\n" not in line


def _hostile_data(knowledge, suffix: str) -> dict:
    data = copy.deepcopy(knowledge.data)

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if isinstance(value, str) and key in ("da", "en", "name", "title", "period", "authority", "publisher"):
                    node[key] = value + " " + suffix
                else:
                    walk(value)
        elif isinstance(node, list):
            for i, item in enumerate(node):
                if isinstance(item, str) and " " in item:  # contacts and other texts; not ids
                    node[i] = item + suffix
                else:
                    walk(item)

    walk(data)
    data["municipalities"]["municipalities"][0]["name"] += suffix
    return data


COMMANDS = [
    ["interventions"], ["interventions", "safe-dates"], ["law"], ["map"], ["search", "vold"], ["kb", "info"],
    ["estimate", "--population", "43000"], ["documentation"],
]


@pytest.fixture(params=sorted(HOSTILE))
def hostile_kb(request, monkeypatch, knowledge):
    import vold_cli.kb.loader as loader

    forged = loader.Knowledge(data=_hostile_data(knowledge, HOSTILE[request.param]), location=str(KNOWLEDGE),
                              origin="--kb", cached=True)
    monkeypatch.setattr(loader, "load", lambda *a, **k: forged)
    return request.param


def _clean(result, what) -> None:
    assert not raw_controls(result.stdout_bytes), (what, raw_controls(result.stdout_bytes), result.stdout[:400])
    assert not raw_controls(result.stderr_bytes), (what, result.stderr[:400])


def test_every_format_of_every_command_is_clean(run, hostile_kb) -> None:
    shown = 0
    for args in COMMANDS:
        for fmt in ("table", "json", "csv", "markdown"):
            result = run(*args, "--format", fmt)
            if result.exit_code == 2 and "No such command" in result.stderr:
                break  # a command this version does not have
            assert result.exit_code == 0, (args, fmt, result.stderr)
            _clean(result, (args, fmt))
            shown += "\\x" in result.stdout or "\\u" in result.stdout
            if fmt == "json":
                json.loads(result.stdout)
    assert shown  # the hostile text was shown, made visible, not dropped


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_report_is_clean(run, hostile_kb, fmt: str) -> None:
    result = run("report", "--population", "43000", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    _clean(result, fmt)
    assert "\\x" in result.stdout or "\\u" in result.stdout


def test_markdown_paragraph_of_dashes_is_no_rule() -> None:
    from vold_cli.output.blocks import Document, Paragraph
    from vold_cli.output.markdown import render

    out = render(Document([Paragraph("intro"), Paragraph("---"), Paragraph("- - -")]))
    assert "\n---\n" not in out and "\\---" in out and "\\- - -" in out


# --- through validation: the folder is refused, and the error line is harmless ---------------------------


def _yaml_escape(value: str) -> str:
    return json.dumps(value)  # a JSON string is a YAML double-quoted scalar with the same escapes


@pytest.mark.parametrize("name", sorted(HOSTILE))
@pytest.mark.parametrize("where", ["text", "key"])
def test_validate_refuses_hostile_text_and_key(run, tmp_path: Path, name: str, where: str) -> None:
    folder = tmp_path / "kb"
    shutil.copytree(KNOWLEDGE, folder)
    path = folder / "interventions.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if re.match(r"^\s+da: [^>|]", line))
    indent = lines[index][: len(lines[index]) - len(lines[index].lstrip())]
    if where == "text":
        lines[index] = f"{indent}da: {_yaml_escape(HOSTILE[name])}"
    else:
        lines.insert(index, f"{indent}{_yaml_escape(HOSTILE[name])}: x")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for args in (["kb", "validate", str(folder)], ["interventions", "--kb", str(folder)]):
        result = run(*args)
        assert result.exit_code == 1, result.stderr
        _clean(result, args)
        assert result.stdout == ""
        assert result.stderr.startswith("Error: interventions.yaml: ") and result.stderr.count("\n") == 1
        assert "control character U+" in result.stderr and ("text" if where == "text" else "key") in result.stderr


def test_folder_name_with_controls_is_shown_visibly(run, tmp_path: Path) -> None:
    folder = tmp_path / "kb\x1b]0;pwned\x07\u202e"
    shutil.copytree(KNOWLEDGE, folder)
    for fmt in ("table", "json", "csv", "markdown"):
        result = run("kb", "validate", str(folder), "--format", fmt)
        assert result.exit_code == 0, result.stderr
        _clean(result, fmt)
    result = run("kb", "init", str(tmp_path / "copy\x1b[2J"))
    assert result.exit_code == 0 and "\\x1b[2J" in result.stdout
    _clean(result, "init")


# --- arguments echoed in errors ------------------------------------------------------------------------


@pytest.mark.parametrize("value", [*HOSTILE.values(), "y" * 100_000])
@pytest.mark.parametrize("command", [["interventions"], ["law"], ["estimate", "--population"],
                                     ["estimate", "--municipality"], ["interventions", "--phase"],
                                     ["--kb"], ["map", "--format"]])
def test_arguments_in_errors_are_harmless_and_cut(run, command: list[str], value: str) -> None:
    args = [*command, value] + (["interventions"] if command == ["--kb"] else [])
    result = run(*args)
    assert result.exit_code in (1, 2), result.stderr
    _clean(result, command)
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1, result.stderr[:300]
    assert len(result.stderr) < 1200
    if len(value) == 100_000 and "y" * 20 in result.stderr:  # echoed: then cut, with the length said
        assert re.search(r"…'? \(100,00\d characters\)", result.stderr), result.stderr[:300]  # a quote mark may count


def test_newline_in_kb_gives_one_line(run) -> None:
    result = run("interventions", "--kb", "/nonexistent\nError: fake second line")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "\\x0a" in result.stderr
