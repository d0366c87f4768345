"""The evidence scale agrees with the grades (issue 15).

The scale (knowledge/evidence.yaml) describes each level in the note's own terms; each intervention carries its
grade and, separately, the designs the note states for the studies it cites. This test grades the scale against
the knowledge: no level's words claim a design (the grades follow how the note speaks, not a design rule); every
grade and every design is consistent with the scale and with the intervention's own texts; and no line of the
scale is stronger than the note ("anbefales ikke", never "frarådes" / "do not use").
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

KNOWLEDGE = Path(__file__).resolve().parents[1] / "knowledge"
DESIGNS = {"meta-analysis", "controlled", "before-after", "single-study", "qualitative", "not-stated"}
# Words that claim a study design: the scale's level texts must not use them (designs are their own dimension).
DESIGN_WORDS = {
    "en": [r"control(led)? group", r"comparison group", r"meta-?analys", r"before-and-after", r"single study",
           r"randomi[sz]ed"],
    "da": [r"kontrolgruppe", r"sammenligningsgruppe", r"metaanalyse", r"før- og eftermåling", r"én enkelt undersøgelse",
           r"randomiser"],
}
# Wording stronger than the note's "anbefales ikke" / "not recommended".
TOO_STRONG = {"en": [r"\bdo not use\b", r"\badvises? against\b", r"\bavoid\b", r"\bnever\b", r"\bproven\b"],
              "da": [r"\bfrarådes\b", r"\bfraråder\b", r"\bbrug ikke\b", r"\bundgå\b", r"\baldrig\b", r"\bbevist\b"]}


def _load(stem: str) -> Any:
    return yaml.safe_load((KNOWLEDGE / f"{stem}.yaml").read_text(encoding="utf-8"))


SCALE = {level["id"]: level for level in _load("evidence")["levels"]}
INTERVENTIONS = _load("interventions")["interventions"]
IDS = [i["id"] for i in INTERVENTIONS]


def test_the_scale_words_claim_no_design() -> None:
    for ident, level in SCALE.items():
        for field in ("name", "criteria", "action"):
            for lang, words in DESIGN_WORDS.items():
                for word in words:
                    assert not re.search(word, level[field][lang], re.I), (ident, field, lang, word)


def test_documented_is_described_in_the_notes_terms() -> None:
    documented = SCALE["documented"]
    assert "the note lists it among the methods that have shown documented effect" in documented["criteria"]["en"].lower()
    assert "blandt de metoder, der har vist dokumenteret effekt" in documented["criteria"]["da"]


def test_not_recommended_says_exactly_what_the_note_says() -> None:
    level = SCALE["not-recommended"]
    assert level["name"] == {"da": "Anbefales ikke", "en": "Not recommended"}
    assert level["action"] == {"da": "Notatet: anbefales ikke i den internationale forskningslitteratur (ref. 26)",
                               "en": "The note: not recommended in the international research literature (ref. 26)"}


def test_no_line_of_the_scale_is_stronger_than_the_note() -> None:
    for ident, level in SCALE.items():
        for field in ("name", "criteria", "action"):
            for lang, words in TOO_STRONG.items():
                for word in words:
                    assert not re.search(word, level[field][lang], re.I), (ident, field, lang, word)
        # Every action reports the note; none tells the reader what to do beyond it.
        assert level["action"]["da"].startswith("Notatet:") and level["action"]["en"].startswith("The note:"), ident


@pytest.mark.parametrize("item", INTERVENTIONS, ids=IDS)
def test_every_grade_is_on_the_scale_and_every_design_in_the_vocabulary(item: dict[str, Any]) -> None:
    assert item["evidence"] in SCALE
    assert all(o["evidence"] in SCALE for o in item.get("outcomes", []))
    designs = item["designs"]
    assert designs, "at least one design"
    assert set(designs) <= DESIGNS
    assert len(designs) == len(set(designs))
    if "not-stated" in designs:
        assert designs == ["not-stated"], "not-stated stands alone"


@pytest.mark.parametrize("item", INTERVENTIONS, ids=IDS)
def test_the_design_agrees_with_the_interventions_own_study_design_text(item: dict[str, Any]) -> None:
    text = item["study_design"]["en"].lower() + " " + item["evidence_reason"]["en"].lower()
    designs = set(item["designs"])
    if "meta-analysis" in designs:
        assert "meta-analysis" in text
    if "before-after" in designs:
        assert "before-and-after" in text or ("start" in text and "end" in text)
    if "single-study" in designs:
        assert re.search(r"\b(one|a single|single)\b.*\bstudy\b", text)
    if "controlled" in designs:
        assert "comparing" in text or "control" in text or "compared" in text
    if designs == {"not-stated"}:
        assert "not stated" in text or "no evaluation" in text or "does not state" in text
    # The note's words for a design are not left unrecorded in designs.
    if "meta-analysis" in text and "not-stated" in designs:
        pytest.fail("the text names a meta-analysis but designs says not-stated")


@pytest.mark.parametrize("item", INTERVENTIONS, ids=IDS)
def test_the_grade_agrees_with_the_scales_words(item: dict[str, Any]) -> None:
    reason = (item["evidence_reason"]["en"] + " " + item["summary"]["en"]).lower()
    grade = item["evidence"]
    if grade == "documented":
        # The scale: the note lists it among the methods with documented effect, without a reservation.
        assert "documented effect" in reason or "has documented" in reason, item["id"]
        assert "preliminary" not in item["evidence_reason"]["en"].lower()
        assert set(item["phases"]) <= {"primary", "secondary"}  # the note's headings with documented effect
    elif grade == "promising":
        assert re.search(r"preliminary|seems|appears?|not known", reason), item["id"]
    elif grade == "inconclusive":
        assert "unambiguous" in reason, item["id"]
    elif grade == "unknown":
        assert re.search(r"not (yet )?known|no certain|not been evaluated|no knowledge|not .*evidence", reason), \
            item["id"]
    elif grade == "not-recommended":
        assert "does not recommend" in reason, item["id"]
        assert SCALE[grade]["action"]["en"].startswith("The note: not recommended")


def test_the_documented_effect_designs_are_visible() -> None:
    # Documented interventions whose design the note does not state: the knowledge says so in their own texts.
    not_stated = [i for i in INTERVENTIONS if i["evidence"] == "documented" and i["designs"] == ["not-stated"]]
    assert {i["id"] for i in not_stated} == {"safe-dates", "youth-relationship-project", "alcohol-treatment"}
    for item in not_stated:
        assert "not stated" in item["study_design"]["en"].lower()
