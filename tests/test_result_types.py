"""One convention for result types: runtime TypedDicts, each defined once in its layer's module (kb/schema.py for
the knowledge, core/results.py for what the core computes, views/records.py for the views' own records), imported
under TYPE_CHECKING by the code that makes and reads them, so no command builds them at start-up. No type is
defined only for the type checker."""

from __future__ import annotations

import ast
import importlib
import os
import subprocess
import sys
from pathlib import Path
from typing import is_typeddict

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "vold_cli"
#: The modules that define the result types of a layer.
HOMES = ("kb/schema.py", "core/results.py", "views/records.py")


def _modules() -> list[tuple[str, ast.Module]]:
    return [(p.relative_to(SRC).as_posix(), ast.parse(p.read_text(encoding="utf-8"))) for p in sorted(SRC.rglob("*.py"))]


def _type_checking_blocks(tree: ast.Module) -> list[ast.If]:
    return [node for node in ast.walk(tree) if isinstance(node, ast.If)
            and ast.unparse(node.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING")]


def test_no_type_is_defined_for_the_type_checker_only() -> None:
    found = []
    for name, tree in _modules():
        for block in _type_checking_blocks(tree):
            for node in ast.walk(block):
                if isinstance(node, ast.ClassDef) or (isinstance(node, ast.Call)
                                                      and ast.unparse(node.func) in ("TypedDict", "NamedTuple")):
                    found.append(f"{name}:{node.lineno}")
    assert not found, f"types defined under `if TYPE_CHECKING:` (define them in {HOMES}): {found}"


def test_typed_dicts_live_in_the_layers_type_modules() -> None:
    elsewhere = []
    for name, tree in _modules():
        if name in HOMES:
            continue
        for node in ast.walk(tree):
            bases = [ast.unparse(b) for b in node.bases] if isinstance(node, ast.ClassDef) else []
            if "TypedDict" in bases or (isinstance(node, ast.Call) and ast.unparse(node.func) == "TypedDict"):
                elsewhere.append(f"{name}:{node.lineno}")
    assert not elsewhere, f"TypedDicts outside {HOMES}: {elsewhere}"


@pytest.mark.parametrize("module", ["vold_cli.core.results", "vold_cli.views.records"])
def test_the_result_types_are_real_at_run_time(module: str) -> None:
    loaded = importlib.import_module(module)
    classes = {name: value for name, value in vars(loaded).items()
               if isinstance(value, type) and value.__module__ == module}
    assert classes and all(is_typeddict(value) for value in classes.values()), classes
    assert all(value.__annotations__ for value in classes.values())


# (not `search` here: on any folder but the bundled one it makes its index, importing every view module)
@pytest.mark.parametrize("argv", [["estimate", "--all", "--format", "json"], ["map"], ["law", "109"],
                                  ["initiatives", "--format", "json"], ["phases"], ["estimate", "-p", "43000"]])
def test_no_command_builds_the_result_types_at_start_up(argv: list[str]) -> None:
    probe = ("import sys\nsys.argv = ['vold', *sys.argv[1:]]\nfrom vold_cli.__main__ import main\n"
             "try:\n    main()\nexcept SystemExit:\n    pass\n"
             "sys.stderr.write(' '.join(m for m in sys.modules if m.startswith('vold_cli.')))\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("VOLD_")}
    env.update({"COLUMNS": "100", "NO_COLOR": "1", "LANG": "C.UTF-8"})
    proc = subprocess.run([sys.executable, "-c", probe, *argv], capture_output=True, text=True, env=env, check=True)
    loaded = set(proc.stderr.split())
    assert proc.stdout and not loaded & {"vold_cli.core.results", "vold_cli.views.records", "vold_cli.kb.schema"}
