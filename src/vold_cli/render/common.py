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



def file_about(knowledge: KnowledgeBase, lang: str, *, method: str | None = None, caveats: list[str] | None = None,
               data_sources: list[str] | None = None) -> list[tuple[str, str]]:
    """The (topic, text) rows a file format puts beside the records (`Document.about`; the xlsx workbook's sheet
    of method and sources): the note, the method (if any), each caveat, the data sources used (by id, in
    meta.yaml's order; all of them when None) and a line saying what vold is."""
    meta = knowledge.meta
    da = lang == "da"
    rows: list[tuple[str, str]] = [
        (_t(lang, "Kilde", "Source"), f"{meta['publisher']}: {pick(meta['title'], lang)} ({meta['year']})."),
    ]
    if method:
        rows.append((_t(lang, "Metode", "Method"), method))
    rows += [(_t(lang, "Forbehold", "Caveat"), text) for text in caveats or []]
    for source in meta["data_sources"]:
        if data_sources is None or source["id"] in data_sources:
            rows.append(("Data", f"{pick(source['title'], lang)}: {pick(source['attribution'], lang)} "
                                 f"({source['date']})"))
    rows.append(("Om filen" if da else "About this file",
                 "Skrevet af vold; teksterne er vold's egne gengivelser af notatet på dansk og engelsk. Notatet er fra "
                 f"{meta['year']}; hvad der er ændret siden, står for sig med kilde og dato."
                 if da else
                 "Written by vold; the texts are vold's own renderings of the note in Danish and English. The note is "
                 f"from {meta['year']}; what has changed since is kept apart, with its source and date."))
    return rows


def labelled(data: object, knowledge: KnowledgeBase, lang: str) -> object:
    """`data` with the label in `lang` beside every id of a closed vocabulary (render/labels.py; imported only when
    JSON or CSV is made)."""
    from .labels import add_labels, knowledge_names

    return add_labels(data, knowledge_names(knowledge, lang))
