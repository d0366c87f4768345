"""List the gettext msgids in the installed click and typer sources (for the Danish catalogue in cli/i18n.py).

Run: .venv/bin/python tools/click_msgids.py  -> one msgid per line (ngettext: singular and plural)."""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

PACKAGES = ("click", "typer")


def msgids(path: Path) -> list[str]:
    """The literal first arguments (and ngettext's second) of `_()`, `gettext()` and `ngettext()` calls."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: list[str] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        count = {"_": 1, "gettext": 1, "ngettext": 2}.get(name, 0)
        for arg in node.args[:count]:
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                out.append(arg.value)
    return out


def all_msgids() -> dict[str, list[str]]:
    """{msgid: [module, ...]} over every module of click and typer."""
    found: dict[str, list[str]] = {}
    for package in PACKAGES:
        spec = importlib.util.find_spec(package)
        assert spec is not None and spec.origin is not None
        for path in sorted(Path(spec.origin).parent.glob("*.py")):
            for msgid in msgids(path):
                found.setdefault(msgid, []).append(f"{package}.{path.stem}")
    return found


if __name__ == "__main__":
    for msgid, modules in all_msgids().items():
        print(f"{msgid!r}\t{','.join(sorted(set(modules)))}")
