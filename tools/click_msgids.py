"""List the gettext msgids in the installed click and typer sources (for the Danish catalogue,
src/vold_cli/i18n/locale/da/LC_MESSAGES/vold.po).

Run: .venv/bin/python tools/click_msgids.py  -> one msgid per line (an ngettext call: its singular, then
` | plural: ` and its plural), with the modules that use it."""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

PACKAGES = ("click", "typer")


def msgids(path: Path) -> list[tuple[str, str | None]]:
    """(msgid, plural or None) of the literal arguments of `_()`, `gettext()` and `ngettext()` calls."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: list[tuple[str, str | None]] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        count = {"_": 1, "gettext": 1, "ngettext": 2}.get(name, 0)
        texts = [arg.value for arg in node.args[:count] if isinstance(arg, ast.Constant) and isinstance(arg.value, str)]
        if len(texts) == count == 1:
            out.append((texts[0], None))
        elif len(texts) == count == 2:
            out.append((texts[0], texts[1]))
    return out


def all_msgids() -> dict[tuple[str, str | None], list[str]]:
    """{(msgid, plural or None): [module, ...]} over every module of click and typer."""
    found: dict[tuple[str, str | None], list[str]] = {}
    for package in PACKAGES:
        spec = importlib.util.find_spec(package)
        assert spec is not None and spec.origin is not None
        for path in sorted(Path(spec.origin).parent.glob("*.py")):
            for msgid in msgids(path):
                found.setdefault(msgid, []).append(f"{package}.{path.stem}")
    return found


if __name__ == "__main__":
    for (msgid, plural), modules in all_msgids().items():
        shown = repr(msgid) + (f" | plural: {plural!r}" if plural is not None else "")
        print(f"{shown}\t{','.join(sorted(set(modules)))}")
