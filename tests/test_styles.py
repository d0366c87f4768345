"""One source for how styled text looks: every evidence level has a style, and the terminal and the HTML page
show each style name in the same colour and weight (both read render/styles.py)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

from rich.style import Style as RichStyle

from vold_cli.kb.schema import Evidence
from vold_cli.output import html, terminal
from vold_cli.output.styles import PALETTE, STYLES

RENDER = Path(__file__).resolve().parents[1] / "src" / "vold_cli" / "views"


def _css_rules(css: str) -> dict[str, dict[str, str]]:
    """`.name { prop:value; ... }` rules of single class selectors, as {name: {prop: value}}."""
    rules: dict[str, dict[str, str]] = {}
    for name, body in re.findall(r"(?m)^\.([a-z][a-z-]*)\s*\{([^}]*)\}", css):
        props = dict(part.split(":", 1) for part in (p.strip() for p in body.split(";")) if part)
        rules[name] = {k.strip(): v.strip() for k, v in props.items()}
    return rules


def test_every_evidence_level_has_a_style(knowledge) -> None:
    assert set(get_args(Evidence)) <= set(STYLES)
    assert {level["id"] for level in knowledge.data["evidence"]["levels"]} <= set(STYLES)


def test_terminal_and_html_agree_with_the_one_table() -> None:
    rules = _css_rules(html.CSS)
    css_colour = {value: name for name, value in PALETTE.items()}
    for name in STYLES:
        rich = RichStyle.parse(terminal.STYLES[name])
        rule = rules[name]
        # the same colour: the terminal's colour name is the palette name of the CSS colour
        terminal_colour = None if rich.dim is None and rich.color is None else ("dim" if rich.dim else rich.color.name)
        assert css_colour.get(rule.get("color", "")) == terminal_colour, name
        # the same weight
        assert bool(rich.bold) == (rule.get("font-weight") == "700"), name


def test_every_style_name_the_renderers_use_is_in_the_table() -> None:
    used: set[str] = set()
    for path in RENDER.glob("*.py"):
        if path.name in ("terminal.py", "html.py", "styles.py"):  # the renderers themselves use their own styles
            continue
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r'Styled\([^()]*(?:\([^()]*\)[^()]*)*,\s*"([a-z-]+)"\)', text))
        used |= set(re.findall(r'Paragraph\([^\n]*style="([a-z-]+)"', text))
        used |= set(re.findall(r'^\s+[^\n]*\), style="([a-z-]+)"\)', text, flags=re.M))
    assert used >= {"strong", "muted", "warn", "gap"}, used  # the scan finds them
    assert used <= set(STYLES), used - set(STYLES)


def test_evidence_yaml_carries_no_presentation() -> None:
    text = (Path(__file__).resolve().parents[1] / "knowledge" / "evidence.yaml").read_text(encoding="utf-8")
    assert not re.search(r"(?m)^\s+style:", text)
