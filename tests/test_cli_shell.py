"""The command line as a shell user meets it: the report's format follows the file name, shell completion
through Typer's protocol (bash, zsh, fish) completes ids, municipalities and legal references, and every
help screen fits 80 columns with whole command summaries."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from vold_cli.i18n.bilingual import pick

# --- vold report: the format follows the file -------------------------------------------------------------

@pytest.mark.parametrize(("name", "start"), [("plan.html", "<!DOCTYPE html>"), ("plan.HTM", "<!DOCTYPE html>"),
                                             ("plan.md", "# "), ("plan.txt", "# ")])
def test_report_format_follows_the_file_name(run, tmp_path, name, start):
    target = tmp_path / name
    result = run("report", "-m", "Viborg", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8").startswith(start)


@pytest.mark.parametrize(("name", "fmt", "start"), [("plan.html", "html", "<!DOCTYPE html>"),
                                                    ("plan.txt", "html", "<!DOCTYPE html>"),
                                                    ("plan.md", "markdown", "# ")])
def test_report_format_option_agreeing_with_the_file(run, tmp_path, name, fmt, start):
    target = tmp_path / name
    result = run("report", "-m", "Viborg", "-o", str(target), "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert target.read_text(encoding="utf-8").startswith(start)


@pytest.mark.parametrize(("name", "fmt"), [("plan.html", "markdown"), ("plan.md", "html")])
def test_report_format_contradicting_the_file_is_a_usage_error(run, tmp_path, name, fmt):
    target = tmp_path / name
    result = run("report", "-m", "Viborg", "-o", str(target), "--format", fmt)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and name in lines[0] and fmt in lines[0], lines
    assert not target.exists(), "nothing written"


def test_report_without_output_stays_markdown(run):
    result = run("report", "-m", "Viborg")
    assert result.exit_code == 0 and result.stdout.startswith("# ")


# --- Shell completion through Typer's protocol --------------------------------------------------------------

def _vold(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("_VOLD", "COMP_", "_TYPER"))}
    base.update({"COLUMNS": "80", "NO_COLOR": "1", "TERM": "dumb"})
    return subprocess.run([sys.executable, "-m", "vold_cli", *args], capture_output=True, text=True, timeout=60,
                          env=base | (env or {}), check=False)


def bash_complete(words: str) -> list[str]:
    """What bash gets for `words` (the cursor at the end; a trailing space starts a new word)."""
    parts = words.split(" ")
    proc = _vold(env={"_VOLD_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(len(parts) - 1)})
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    return proc.stdout.split()


def test_bash_completes_intervention_ids():
    assert bash_complete("vold interventions saf") == ["safe-dates"]
    assert "safe-dates" in bash_complete("vold interventions ")


def test_bash_completes_commands_and_options():
    assert bash_complete("vold inter") == ["interventions"]
    assert "--municipality" in bash_complete("vold report --mun")


@pytest.mark.parametrize(("words", "expected"), [
    ("vold estimate -m Vib", ["Viborg"]),
    ("vold report --municipality aer", ["aeroe"]),  # Danish letters optional: read as Ærø
    ("vold report --municipality Ær", ["Ærø"]),
    ("vold estimate --municipality 79", ["791"]),
])
def test_bash_completes_municipalities(words, expected):
    assert bash_complete(words) == expected


def _commands_with(option: str) -> list[str]:
    """The commands (from the registry) that take `option`."""
    from vold_cli.commands.registry import build, entries

    return [e.name for e in entries() if e.children is None
            and any(option in p.opts for p in build(e, "en").params)]


@pytest.mark.parametrize("command", _commands_with("--municipality"))
def test_every_municipality_option_completes_names(command):
    """Wherever a command takes --municipality (estimate, report, check ...), the shell completes it alike."""
    assert bash_complete(f"vold {command} -m Vib") == ["Viborg"]


def test_bash_completes_legal_references():
    assert "tilhold" in bash_complete("vold law til")
    assert bash_complete("vold law tilhold ") == ["1", "3", "7"]
    assert "109" in bash_complete("vold law 10")


def test_completion_of_an_unknown_prefix_is_empty():
    assert bash_complete("vold interventions zzz") == []


def test_zsh_and_fish_complete_through_typer():
    zsh = _vold(env={"_VOLD_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "vold interventions saf"})
    assert zsh.returncode == 0 and '"safe-dates":"Safe Dates"' in zsh.stdout, zsh.stdout + zsh.stderr
    fish = _vold(env={"_VOLD_COMPLETE": "complete_fish", "_TYPER_COMPLETE_ARGS": "vold interventions saf",
                      "_TYPER_COMPLETE_FISH_ACTION": "get-args"})
    assert fish.returncode == 0 and fish.stdout.startswith("safe-dates\t"), fish.stdout + fish.stderr


@pytest.mark.parametrize(("shell", "marker"), [("bash", "complete -o default -F _vold_completion vold"),
                                               ("zsh", "#compdef vold"), ("fish", "complete --command vold")])
def test_show_completion_prints_a_script(shell, marker):
    proc = _vold("--show-completion", shell)
    assert proc.returncode == 0, proc.stderr
    assert marker in proc.stdout and "_VOLD_COMPLETE" in proc.stdout


def test_show_completion_without_a_name_uses_the_current_shell():
    proc = _vold("--show-completion", env={"SHELL": "/bin/bash"})
    assert proc.returncode == 0, proc.stderr
    assert "_VOLD_COMPLETE" in proc.stdout


def test_show_completion_for_an_unknown_shell_is_a_usage_error():
    proc = _vold("--show-completion", "tcsh")
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("Error: ") and "tcsh" in proc.stderr


def test_completion_loads_nothing_at_a_normal_start():
    """The completion functions import the knowledge loader only when called."""
    code = ("import sys; from vold_cli.commands import app, complete, interventions, law, estimate; "
            "print(sorted(m for m in sys.modules if m in "
            "('vold_cli.kb.loader', 'vold_cli.kb.schema', 'vold_cli.kb.validate', 'vold_cli.core.query')))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "[]", proc.stdout


# --- Help at 80 columns -------------------------------------------------------------------------------------

def _commands(run) -> list[list[str]]:
    from vold_cli.commands.registry import paths

    return paths()


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_every_help_fits_80_columns(run, flag, lang):
    for command in _commands(run):
        result = run("--lang", lang, *command, flag, env={"COLUMNS": "80"})
        assert result.exit_code == 0, (command, result.stderr)
        too_long = [line for line in result.stdout.splitlines() if len(line) > 80]
        assert not too_long, (command, too_long)


def test_root_help_lists_every_command_with_a_whole_summary(run):
    from vold_cli.commands.registry import entries

    for lang in ("en", "da"):
        text = run("--help", "--lang", lang, env={"COLUMNS": "80"}).stdout
        commands = text[text.index("Commands:" if lang == "en" else "Kommandoer:"):]
        assert "..." not in commands and "…" not in commands
        for entry in entries():
            assert f"  {entry.name}" in commands and pick(entry.summary, lang) in " ".join(commands.split()), entry.name
    kb = run("kb", "--help", env={"COLUMNS": "80"}).stdout
    assert "..." not in kb[kb.index("Commands:"):]


def test_readme_documents_completion():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for needle in ("--install-completion", "--show-completion", "bash", "zsh", "fish"):
        assert needle in readme, needle
