"""What the views of the knowledge share: display names of the closed vocabularies and the cells that show them.

Each view (render/<topic>.py) takes the typed `KnowledgeBase` and returns a `Document`: its `data` holds the
records scripts read (JSON, and CSV flattened from the same records); its blocks are what people see."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lang import pick
from ..lang import tr as _t
from .blocks import Styled

if TYPE_CHECKING:
    from ..kb import KnowledgeBase
    from ..models import Evidence


def names(knowledge: KnowledgeBase, lang: str) -> dict[str, dict[str, str]]:
    """Display names of the closed vocabularies: phases, evidence levels, target groups."""
    return {
        "phase": {p["id"]: pick(p["name"], lang) for p in knowledge.phases["phases"]},
        "evidence": {lv["id"]: pick(lv["name"], lang) for lv in knowledge.evidence["levels"]},
        "target": {t["id"]: pick(t["name"], lang) for t in knowledge.target_groups["target_groups"]},
    }


def evidence_cell(knowledge: KnowledgeBase, level: Evidence | None, lang: str) -> Styled:
    """An evidence level's name, styled by the level (render/styles.py gives each level its colour)."""
    if level is None:
        return Styled("—", "muted")
    return Styled(knowledge.evidence_name(level, lang), level)


def tried_text(value: str, lang: str) -> str:
    return {
        "yes": _t(lang, "ja", "yes"),
        "not-known": _t(lang, "ikke kendt", "not known"),
        "not-stated": _t(lang, "ikke oplyst", "not stated"),
    }[value]


def refs_text(refs: list[int]) -> str:
    return ", ".join(str(r) for r in refs)

