"""Statements of how things were in 2013 must never read as today's (issue 13).

Every bilingual text of the bundled knowledge base is scanned, in both languages, for present-tense markers of a
state of the world ("currently", "ongoing", "aktuelt", "vil blive" ...). A text holding one must be dated: it
carries `as_of` (the year the note, or a later source, saw that state) and names that year in both languages.
The schema rule behind `as_of` (a dated text names its year in da and en) is tested on the validator too.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

KNOWLEDGE = Path(__file__).resolve().parents[1] / "knowledge"

MARKERS = {
    "en": ["currently", "today", "ongoing", "under way", "will be", "is being", "are being", "at present", "now",
           "not yet", "so far"],
    "da": ["aktuelt", "i dag", "igangværende", "vil blive", "er ved at", "p.t.", "for tiden", "nu", "endnu ikke",
           "endnu ingen", "indtil nu", "hidtil"],
}

# Texts where a marker is genuinely timeless, by (file, path, language, marker). Keep this short and say why.
ALLOWED: dict[tuple[str, str, str, str], str] = {
    # Goal 1 of the note's four documentation goals: "afhjælpe øjeblikkelige vanskeligheder" rendered as
    # "de vanskeligheder, der er her og nu" is the goal's own wording (immediate difficulties), not a state of 2013.
    ("documentation.yaml", "goals[0].text", "da", "nu"):
        "'her og nu' names the goal (immediate difficulties), not a state of the world",
}


def _pattern(marker: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\wæøå]){re.escape(marker)}(?![\wæøå])", re.IGNORECASE)


PATTERNS = {lang: [(m, _pattern(m)) for m in markers] for lang, markers in MARKERS.items()}


def _texts(node: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every bilingual text ({da, en[, as_of]}) in a loaded YAML document, with its path."""
    if isinstance(node, dict):
        if {"da", "en"} <= set(node) and set(node) <= {"da", "en", "as_of"}:
            yield path, node
            return
        for key, value in node.items():
            yield from _texts(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _texts(item, f"{path}[{index}]")


def _all_texts() -> list[tuple[str, str, dict[str, Any]]]:
    out = []
    for file in sorted(KNOWLEDGE.glob("*.yaml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        out.extend((file.name, path, text) for path, text in _texts(data))
    return out


TEXTS = _all_texts()


def test_the_scan_sees_the_knowledge_base() -> None:
    # A scan that finds nothing passes vacuously; the knowledge base has hundreds of texts in 15 files.
    assert len(TEXTS) > 500
    assert len({file for file, _, _ in TEXTS}) >= 14


def test_every_present_tense_statement_of_state_is_dated() -> None:
    undated = []
    for file, path, text in TEXTS:
        if text.get("as_of") is not None:
            continue
        for lang, patterns in PATTERNS.items():
            for marker, pattern in patterns:
                if pattern.search(text[lang]) and (file, path, lang, marker) not in ALLOWED:
                    undated.append(f"{file}: {path} ({lang}): {marker!r}: {text[lang][:90]}")
    assert not undated, "present-tense statements of state without as_of:\n" + "\n".join(undated)


def test_the_allow_list_is_still_needed() -> None:
    # An allow-list entry whose text no longer holds its marker must go.
    by_place = {(file, path): text for file, path, text in TEXTS}
    for (file, path, lang, marker), reason in ALLOWED.items():
        assert reason
        text = by_place[(file, path)]
        assert _pattern(marker).search(text[lang]), (file, path, marker)


def test_every_dated_text_names_its_year_in_both_languages() -> None:
    dated = [(file, path, text) for file, path, text in TEXTS if text.get("as_of") is not None]
    assert len(dated) >= 20  # the note's 2013 states: centres, evaluations, initiatives, financing ...
    for file, path, text in dated:
        year = text["as_of"]
        assert isinstance(year, int) and 1990 <= year <= 2030, (file, path, year)
        for lang in ("da", "en"):
            assert re.search(rf"(?<![0-9]){year}(?![0-9])", text[lang]), (file, path, lang, year)


def test_the_dated_statements_the_issue_names_are_dated_in_the_past() -> None:
    by_place = {(file, path): text for file, path, text in TEXTS}

    def find(file: str, needle: str) -> dict[str, Any]:
        hits = [t for (f, _), t in by_place.items() if f == file and needle in t["en"]]
        assert len(hits) == 1, (file, needle, len(hits))
        return hits[0]

    centres = find("interventions.yaml", "42 women's crisis centres")
    assert centres["as_of"] == 2013 and centres["en"].startswith("In 2013 the note counted 42")
    assert centres["da"].startswith("I 2013 talte notatet 42")
    men = find("interventions.yaml", "two men's crisis centres")
    assert men["as_of"] == 2013 and "there were two" in men["en"]
    economy = find("economy.yaml", "cost-effectiveness analyses of methods")
    assert economy["as_of"] == 2013 and "currently" not in economy["en"]
    financed = find("documentation.yaml", "Ministeriet for Ligestilling og Kirke")
    assert financed["as_of"] == 2013 and "were financed" in financed["en"]


@pytest.mark.parametrize(("da", "en", "ok"), [
    ("I 2013 talte notatet 42 kvindekrisecentre.", "In 2013 the note counted 42 women's crisis centres.", True),
    ("Evalueringen 2013-2015 var planlagt.", "The evaluation 2013-2015 was planned.", True),
    ("Notatet talte 42 kvindekrisecentre.", "In 2013 the note counted 42 women's crisis centres.", False),
    ("I 2013 talte notatet 42 kvindekrisecentre.", "The note counted 42 women's crisis centres.", False),
    ("I 20130 talte notatet 42.", "In 20130 the note counted 42.", False),
])
def test_the_schema_demands_the_year_in_both_languages(tmp_path: Path, da: str, en: str, ok: bool) -> None:
    from vold_cli.errors import KnowledgeError
    from vold_cli.kb.loader import SECTIONS
    from vold_cli.kb.validate import validate_files

    folder = tmp_path / "kb"
    shutil.copytree(KNOWLEDGE, folder)
    economy = (folder / "economy.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(economy)
    data["who_review"] = {"da": da, "en": en, "as_of": 2013}
    (folder / "economy.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    raw = {stem: (folder / f"{stem}.yaml").read_bytes() for stem in SECTIONS}
    if ok:
        validated = validate_files(raw)
        assert validated["economy"]["who_review"] == {"da": da, "en": en, "as_of": 2013}
    else:
        with pytest.raises(KnowledgeError, match=r"as_of 2013 must mention 2013 in both languages"):
            validate_files(raw)


def test_an_undated_text_stays_da_en_in_the_validated_data() -> None:
    from vold_cli.kb.loader import SECTIONS
    from vold_cli.kb.validate import validate_files

    raw = {stem: (KNOWLEDGE / f"{stem}.yaml").read_bytes() for stem in SECTIONS}
    data = validate_files(raw)
    assert set(data["definition"]["definition"]) == {"da", "en"}
    assert data["economy"]["cost_effectiveness"]["as_of"] == 2013
