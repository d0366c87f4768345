"""What a command run as `vold` imports: only its own command module, no Rich when the answer is not for a
terminal (start-up is measured by bench/run.py; here only what is loaded)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

PROBE = ("import sys\n"
         "sys.argv = ['vold', *sys.argv[1:]]\n"
         "from vold_cli.__main__ import main\n"
         "try:\n    main()\nexcept SystemExit:\n    pass\n"
         "sys.stderr.write(' '.join(sorted(m for m in sys.modules if m.startswith(('vold_cli.', 'rich')))))\n")


def _loaded(*argv: str) -> tuple[str, set[str]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VOLD_", "FORCE_COLOR"))}
    env.update({"COLUMNS": "100", "NO_COLOR": "1", "LANG": "C.UTF-8"})
    proc = subprocess.run([sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, env=env, check=True)
    return proc.stdout, set(proc.stderr.split())


@pytest.mark.parametrize("argv", [["law", "109"], ["estimate", "--population", "43000"], ["kb", "info"],
                                  ["search", "vold"], ["map"], ["interventions", "--phase", "secondary"]])
def test_a_command_imports_only_its_own_module_and_no_rich_into_a_pipe(argv: list[str]) -> None:
    """Its own module of commands/, none of the others' (the registry's commands), and no Rich for a pipe.
    tests/test_registry.py checks the same of every command's --help."""
    from vold_cli.commands.registry import entries

    out, modules = _loaded(*argv)
    assert out
    loaded = {m.split(".")[2] for m in modules if m.startswith("vold_cli.commands.") and m.count(".") == 2}
    assert loaded & {entry.name for entry in entries()} == {argv[0]}
    assert not {m for m in modules if m.startswith("rich")}


def test_json_imports_no_renderer_of_another_format() -> None:
    out, modules = _loaded("law", "109", "--format", "json")
    assert out.startswith("{") or out.startswith("[")
    assert not {m for m in modules if m.startswith("rich")}
    assert not modules & {"vold_cli.output.plain", "vold_cli.output.terminal", "vold_cli.output.markdown",
                          "vold_cli.output.html"}


def test_help_run_as_vold_still_lists_every_command() -> None:
    from vold_cli.commands.registry import entries

    out, _ = _loaded("--help")
    for entry in entries():
        assert f"  {entry.name} " in out, entry.name


def test_json_safe_fast_path_skips_only_text_without_anything_to_escape() -> None:
    """json_safe returns printable text as it is; every character it escapes is unprintable, so none is missed."""
    import json
    import re

    from vold_cli import sanitize

    others = re.compile(sanitize._SOURCES["json"])
    escaped = [chr(o) for o in range(0x110000) if others.fullmatch(chr(o))]
    assert len(escaped) > 2000 and not any(c.isprintable() for c in escaped)
    for c in ("\u202e", "\x85", "\u2028", "\u061c"):
        dumped = json.dumps({"tekst": f"æøå\u00a0{c}x"}, ensure_ascii=False, indent=2)
        safe = sanitize.json_safe(dumped)
        assert c not in safe and f"\\u{ord(c):04x}" in safe and json.loads(safe) == json.loads(dumped)
    printable = json.dumps({"tekst": "Kærestevold — 36 %"}, ensure_ascii=False, indent=2)
    assert sanitize.json_safe(printable) == printable


HEAVY = ("docx", "lxml", "weasyprint", "pydyf", "tinycss2", "openpyxl")
PROBE_HEAVY = PROBE.replace("m.startswith(('vold_cli.', 'rich'))", f"m.split('.')[0] in {HEAVY!r} or m.startswith('vold_cli.output.')")


def _heavy(*argv: str) -> set[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VOLD_", "FORCE_COLOR"))}
    env.update({"COLUMNS": "100", "NO_COLOR": "1", "LANG": "C.UTF-8"})
    proc = subprocess.run([sys.executable, "-c", PROBE_HEAVY, *argv], capture_output=True, text=True, env=env,
                          check=True)
    return set(proc.stderr.split())


@pytest.mark.parametrize("argv", [["law", "109"], ["estimate", "--population", "43000"], ["report", "-p", "5000"],
                                  ["report", "-p", "5000", "--format", "html"], ["law", "--format", "json"],
                                  ["interventions", "--format", "markdown"]])
def test_word_and_pdf_cost_nothing_for_the_other_commands_and_formats(argv: list[str]) -> None:
    """python-docx (and the lxml it loads), WeasyPrint and openpyxl are imported only by the format that needs
    them: no other command or format loads them, nor the modules of the docx and pdf writers."""
    modules = _heavy(*argv)
    assert PROBE_HEAVY != PROBE and "vold_cli.output.formats" in modules  # the probe sees what it looks for
    assert not {m.split(".")[0] for m in modules} & set(HEAVY), modules
    assert not modules & {"vold_cli.output.docx", "vold_cli.output.pdf"}


def test_docx_loads_python_docx_only_when_asked(tmp_path) -> None:
    modules = _heavy("law", "--format", "docx", "-o", str(tmp_path / "law.docx"))
    assert {"docx", "vold_cli.output.docx"} <= modules and "weasyprint" not in modules
