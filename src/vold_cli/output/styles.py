"""The one home of the style names a `Styled` cell or paragraph may carry, and how each looks: in a terminal
(a Rich style) and in HTML (a CSS rule for the class of that name). Both are made from the same colour and
weight, so the two can never disagree; Markdown shows the text plain.

Every evidence level of the scale (`models.Evidence`) has a style of its own name: `render/common.evidence_cell`
styles a level's name by its id. A test checks that every level has one and that both renderers use this table.
"""

from __future__ import annotations


class Style:
    __slots__ = ("colour", "bold", "css_extra")

    def __init__(self, colour: str | None = None, *, bold: bool = False, css_extra: str = "") -> None:
        self.colour = colour  # a name of PALETTE, or None for the text's own colour
        self.bold = bold
        self.css_extra = css_extra  # layout only (e.g. a smaller font), never a colour or weight

    @property
    def terminal(self) -> str:
        return " ".join(part for part in ("bold" if self.bold else "", self.colour or "") if part)

    @property
    def css(self) -> str:
        parts = [f"color:{PALETTE[self.colour]}"] if self.colour else []
        if self.bold:
            parts.append("font-weight:700")
        if self.css_extra:
            parts.append(self.css_extra)
        return "; ".join(parts) + ";"


#: Each terminal colour name and the CSS colour that stands for it on a white page (dark enough to read).
PALETTE: dict[str, str] = {
    "green": "#0b6b2e",
    "cyan": "#0b5d7a",
    "yellow": "#8a5300",
    "red": "#a50e0e",
    "dim": "var(--muted)",
}

STYLES: dict[str, Style] = {
    # the evidence scale, strongest first
    "documented": Style("green", bold=True),
    "promising": Style("cyan"),
    "inconclusive": Style("yellow"),
    "unknown": Style("dim"),
    "not-recommended": Style("red", bold=True),
    # emphasis
    "strong": Style(bold=True),
    "muted": Style("dim", css_extra="font-size:0.95rem"),
    "warn": Style("yellow"),
    "gap": Style("red"),
}


def terminal_styles() -> dict[str, str]:
    """Style name -> Rich style."""
    return {name: style.terminal for name, style in STYLES.items()}


def css_rules() -> str:
    """One CSS rule per style name: `.documented { color:#0b6b2e; font-weight:700; }`."""
    return "".join(f".{name} {{ {style.css} }}\n" for name, style in STYLES.items())
