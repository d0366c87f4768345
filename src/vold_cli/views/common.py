"""What the views of the knowledge share: display names of the closed vocabularies and the cells that show them.

Each view (render/<topic>.py) takes the typed `KnowledgeBase` and returns a `Document`: its `data` holds the
records scripts read (JSON, and CSV flattened from the same records); its blocks are what people see."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vold_cli.i18n.bilingual import Bilingual, pick
from vold_cli.i18n.bilingual import tr as _t
from vold_cli.output.blocks import Styled

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from vold_cli.core.results import SourceRef
    from vold_cli.kb.facade import KnowledgeBase
    from vold_cli.kb.schema import Evidence, Source

#: Each evidence level's mark, shown before its name wherever a grade is shown (never colour alone). Where the output
#: encoding cannot show them (ASCII), `render/blocks.ascii_marks` swaps them for MARKS_ASCII.
MARKS: dict[str, str] = {"documented": "●", "promising": "◐", "inconclusive": "○", "unknown": "?",
                         "not-recommended": "✕"}
#: The study designs as the note states them (models.Design): the second dimension beside a grade.
DESIGN_NAMES: dict[str, Bilingual] = {
    "meta-analysis": Bilingual("metaanalyse", "meta-analysis"),
    "controlled": Bilingual("kontrol- eller sammenligningsgruppe", "control or comparison group"),
    "before-after": Bilingual("før- og eftermåling", "before and after"),
    "single-study": Bilingual("én undersøgelse", "a single study"),
    "qualitative": Bilingual("kvalitativ", "qualitative"),
    "not-stated": Bilingual("design ikke oplyst", "design not stated"),
}


def names(knowledge: KnowledgeBase, lang: str) -> dict[str, dict[str, str]]:
    """Display names of the closed vocabularies: phases, evidence levels, target groups."""
    return {
        "phase": {p["id"]: pick(p["name"], lang) for p in knowledge.phases["phases"]},
        "evidence": {lv["id"]: pick(lv["name"], lang) for lv in knowledge.evidence["levels"]},
        "target": {t["id"]: pick(t["name"], lang) for t in knowledge.target_groups["target_groups"]},
    }


def evidence_cell(knowledge: KnowledgeBase, level: Evidence | None, lang: str,
                  designs: Sequence[str] | None = None) -> Styled:
    """An evidence level's mark and name, styled by the level (render/styles.py gives each level its colour), and,
    when `designs` are given, the design beside it: '● Dokumenteret effekt · design ikke oplyst'."""
    if level is None:
        return Styled("—", "muted")
    return Styled(grade_text(knowledge, level, designs, lang), level)


def mark(level: str) -> str:
    return MARKS.get(level, "")


def design_text(designs: Sequence[str], lang: str) -> str:
    """'design ikke oplyst' / 'design not stated', or 'design: metaanalyse, én undersøgelse'."""
    if not designs or list(designs) == ["not-stated"]:
        return _t(lang, "design ikke oplyst", "design not stated")
    words = [pick(DESIGN_NAMES.get(d), lang) or d for d in designs]
    return "design: " + ", ".join(words)


def grade_text(knowledge: KnowledgeBase, level: str, designs: Sequence[str] | None, lang: str,
               *, with_mark: bool = True) -> str:
    """'● Dokumenteret effekt · design ikke oplyst': the grade as the note gives it, and the design beside it."""
    text = pick(knowledge.evidence_name(level), lang)
    if with_mark and mark(level):
        text = f"{mark(level)} {text}"
    if designs is not None:
        text += " · " + design_text(designs, lang)
    return text


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
    rows: list[tuple[str, str]] = [
        (_t(lang, "Kilde", "Source"), f"{meta['publisher']}: {pick(meta['title'], lang)} ({meta['year']})."),
    ]
    if method:
        rows.append((_t(lang, "Metode", "Method"), method))
    rows += [(_t(lang, "Forbehold", "Caveat"), text) for text in caveats or []]
    for source in meta["data_sources"]:
        if data_sources is None or source["id"] in data_sources:
            from vold_cli.i18n.localize import date

            rows.append(("Data", f"{pick(source['title'], lang)}: {pick(source['attribution'], lang)} "
                                 f"({date(source['date'], lang)})"))
    rows.append((_t(lang, "Om filen", "About this file"),
                 _t(lang, "Skrevet af programmet vold; teksterne er programmets egne gengivelser af notatet på dansk og engelsk. Notatet "
                          f"er fra {meta['year']}; hvad der er ændret siden, står for sig med kilde og dato.",
                    "Written by vold; the texts are vold's own renderings of the note in Danish and English. The note "
                    f"is from {meta['year']}; what has changed since is kept apart, with its source and date.")))
    return rows


def labelled(data: object, knowledge: KnowledgeBase, lang: str) -> object:
    """`data` with the label in `lang` beside every id of a closed vocabulary (render/labels.py; imported only when
    JSON or CSV is made)."""
    from vold_cli.views.labels import add_labels, knowledge_names

    return add_labels(data, knowledge_names(knowledge, lang))


# --- where a fact comes from, and the knowledge's texts in one language -----------------------------


def source_text(knowledge: KnowledgeBase, source: Source | SourceRef | None, lang: str) -> str:
    """'Section title, ref. 3, 4' or the data file's title and attribution: where a fact comes from."""
    if not source:
        return ""
    meta = knowledge.meta
    parts: list[str] = []
    if source["section"]:
        title = knowledge.section_title(source["section"])
        if title is not None:
            parts.append(pick(title, lang))
        refs = source["refs"]
        if refs:
            parts.append("ref. " + ", ".join(str(r) for r in refs))
    if source["data"]:
        for data in meta["data_sources"]:
            if data["id"] == source["data"]:
                cited = f"; {data['file']}{lines_text(source, lang)}" if source.get("lines") else ""
                parts.append(f"{pick(data['attribution'], lang)} ({data['date']}{cited})")
    return "; ".join(parts) if not source["section"] else ", ".join(parts)


def lines_text(source: Source | SourceRef | None, lang: str) -> str:
    """', linjer 17, 23' / ', lines 17, 23': the lines of its data file a fact rests on ('' when none are given)."""
    lines = list(source.get("lines") or []) if source else []
    if not lines:
        return ""
    word = _t(lang, "linje", "line") if len(lines) == 1 else _t(lang, "linjer", "lines")
    return f", {word} {', '.join(str(n) for n in lines)}"


def data_cite(knowledge: KnowledgeBase, source: Source | SourceRef | None, lang: str) -> str:
    """The data source's title with the lines of its file the fact rests on ('After the note, part 2 ...
    (data/after-the-note-2026.md, lines 17, 23)'), or '' for facts from the note."""
    title = data_title(knowledge, source, lang)
    if not title or not source or not source.get("lines"):
        return title
    from vold_cli.core.query import data_file

    return f"{title} ({data_file(knowledge, source)}{lines_text(source, lang)})"


def data_title(knowledge: KnowledgeBase, source: Source | SourceRef | None, lang: str) -> str:
    """The title, in `lang`, of the data source beside the note a fact comes from ('Ændringer efter notatet
    (lovgivning og nyere landstal)'), or '' for facts from the note. People read this; JSON keeps the file."""
    if not source or not source["data"]:
        return ""
    found = next((d for d in knowledge.meta["data_sources"] if d["id"] == source["data"]), None)
    return pick(found["title"], lang) if found else source["data"]


def localize(node: object, lang: str) -> object:
    """The same data with every bilingual text (the knowledge's {da, en}, or a `Bilingual`) replaced by the text in
    `lang` (for JSON output).

    A dated text ({da, en, as_of}) names its year in both languages, so its text alone keeps the date."""
    if isinstance(node, dict):
        if set(node) - {"as_of"} == {"da", "en"} and isinstance(node["da"], str) and isinstance(node["en"], str):
            return pick(node, lang)
        return {key: localize(value, lang) for key, value in node.items()}
    if isinstance(node, list):
        return [localize(item, lang) for item in node]
    if isinstance(node, Bilingual):
        return pick(node, lang)
    return node


def localize_record(record: Mapping[str, object], lang: str) -> dict[str, object]:
    """`localize` of a record (an entry, a result: not a bare {da, en} text), which stays a record: its fields
    localized one by one, so the caller can add fields beside them."""
    return {key: localize(value, lang) for key, value in record.items()}
