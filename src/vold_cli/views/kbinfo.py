"""`vold kb info` and `vold kb validate`: the knowledge base's title, edition, age, contents and where it was
loaded from."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vold_cli.i18n.bilingual import Bilingual
from vold_cli.i18n.lang import pick, tr
from vold_cli.output.blocks import Cell, Column, Document, Fields, Heading, Styled, Table

if TYPE_CHECKING:
    import datetime

    from vold_cli.core.results import KnowledgeAge
    from vold_cli.kb.cachestatus import Status
    from vold_cli.kb.facade import KnowledgeBase
    from vold_cli.views.pages import Listing

def counts_table(counts: dict[str, dict[str, int]], lang: str) -> Table:
    """One row per section of the registry: its label, its file and what its lists hold (in words)."""
    from vold_cli.kb.sections import label, list_label

    rows: list[list[Cell]] = [[Styled(pick(label(stem), lang), "strong"), f"{stem}.yaml",
                               ", ".join(f"{n} {pick(list_label(name), lang)}" for name, n in parts.items()) or "-"]
                              for stem, parts in counts.items()]
    return Table([Column(tr(lang, "Afsnit", "Section")), Column(tr(lang, "Fil", "File"), no_wrap=True),
                  Column(tr(lang, "Indhold", "Contents"), ratio=1)], rows)


def info_doc(knowledge: KnowledgeBase, lang: str, status: Status | None) -> Document:
    """`vold kb info`. `status` is what the cache did for this run; None leaves out where and how this run loaded
    the knowledge (the labels stay: what search reads of this page, views/pages.py, is the same on every run)."""
    from vold_cli.core.newer import knowledge_age
    from vold_cli.core.query import section_counts

    meta = knowledge.meta
    counts = section_counts(knowledge)
    data = {
        "title": pick(meta["title"], lang),
        "publisher": meta["publisher"],
        "year": meta["year"],
        "edition": pick(meta["edition"], lang),
        "knowledge_base_version": meta["knowledge_base_version"],
        "update_interval_years": meta["update_interval_years"],
        "systematic_review": meta["systematic_review"],
        "audience": pick(meta["audience"], lang),
        "quality_assurance": pick(meta["quality_assurance"], lang),
        "location": knowledge.location,
        "origin": knowledge.origin,
        "origin_text": _origin(knowledge.origin, lang),
        "cache": None,
        "counts": counts,
        "age": knowledge_age(knowledge),
    }
    cache_text = ""
    if status is not None:
        from vold_cli.kb.cache import describe

        cache_text = pick(describe(status), lang)
        data["cache"] = {"used": status.used, "status": status.code, "reason": status.why or None,
                         "folder": status.folder or None, "text": cache_text}
    citation = meta["citation"]  # the note as published (meta.yaml, from the note's cover and imprint)
    data["citation"] = {**{k: v for k, v in citation.items() if k not in ("first_version", "source")},
                        "first_version": pick(citation["first_version"], lang)}
    doc = Document(data=data, rows=[{"file": f"{s}.yaml", **parts} for s, parts in counts.items()])
    doc.add(Heading(str(data["title"])))
    from vold_cli.i18n.localize import join

    isbn = citation["isbn"] + (f" (digital: {citation['isbn_digital']})" if citation["isbn_digital"] else "")
    doc.add(Fields([
        (tr(lang, "Titel (udgivet)", "Title (as published)"), f"{citation['title']}. {citation['subtitle']}"
         + (f". {citation['tagline']}" if citation["tagline"] else "")),
        (tr(lang, "Forfattere", "Authors"), join(citation["authors"], lang)
         + (f", {citation['affiliation']}" if citation["affiliation"] else "")),
        (tr(lang, "Udgiver", "Publisher"), meta["publisher"]),
        (tr(lang, "År", "Year"), str(meta["year"]) + tr(lang, " (notatets år)", " (the note's year)")),
        (tr(lang, "Første version", "First version"), pick(citation["first_version"], lang)),
        ("ISBN", isbn),
        (tr(lang, "Udgave", "Edition"), pick(meta["edition"], lang)),
        *_age_fields(knowledge_age(knowledge), lang),
        (tr(lang, "Målgruppe", "Audience"), pick(meta["audience"], lang)),
        (tr(lang, "Formål", "Purpose"), pick(meta["purpose"], lang)),
        (tr(lang, "Metode", "Method"), pick(meta["method"], lang)),
        (tr(lang, "Kvalitetssikring", "Quality assurance"), pick(meta["quality_assurance"], lang)),
        (tr(lang, "Vidensbasens version", "Knowledge base version"), meta["knowledge_base_version"]),
        (tr(lang, "Indlæst fra", "Loaded from"),
         f"{knowledge.location} ({_origin(knowledge.origin, lang)})" if status is not None else ""),
        ("Cache", cache_text),
    ]))
    doc.add(counts_table(counts, lang))
    return doc


_ORIGINS = {"bundled": Bilingual("medfølgende", "bundled"),
            "repository": Bilingual("repositoriets knowledge/", "the repository's knowledge/")}


def _origin(origin: str, lang: str) -> str:
    """Where the knowledge was loaded from, in words: 'medfølgende' / 'bundled'; --kb and VOLD_KB as they are."""
    return pick(_ORIGINS.get(origin, Bilingual.same(origin)), lang)


def _age_fields(age: KnowledgeAge, lang: str) -> list[tuple[str, str]]:
    """The age of the knowledge: the note's year, when the sources after it were checked, the newest fact after
    it, the update the note planned."""
    from vold_cli.i18n.localize import date

    interval = age["update_interval_years"]
    checked = age["latest_checked"]
    fact = age["latest_fact"]
    return [
        (tr(lang, "Senest efterprøvet", "Last checked"),
         tr(lang, f"{date(checked, lang)} (den dato, kilderne efter notatet blev efterprøvet)",
            f"{date(checked, lang)} (the date the sources after the note were checked)") if checked else
         tr(lang, "ikke registreret", "not recorded")),
        (tr(lang, "Nyeste oplysning", "Newest fact"),
         tr(lang, f"{date(fact, lang)} (datoen på den nyeste registrerede ændring; ikke en dato for efterprøvning)",
            f"{date(fact, lang)} (the date of the newest change recorded; not a date on which it was checked)")
         if fact else tr(lang, "ingen", "none")),
        (tr(lang, "Planlagt opdatering", "Planned update"),
         tr(lang, f"Notatet skriver, at det opdateres hvert {interval}. år; vidensbasen registrerer ikke, om det skete.",
            f"The note says it is updated every {interval} years; the knowledge base does not record whether "
            "that happened.")),
    ]


# --- what search reads of this view (views/pages.py) ---------------------------------------------------------

def _page(knowledge: KnowledgeBase, lang: str, today: datetime.date) -> Document:
    return info_doc(knowledge, lang, None)  # without where this run loaded it from: that is not the knowledge


PAGES: dict[str, Listing] = {"vold kb info": _page}
