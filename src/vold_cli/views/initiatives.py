"""`vold initiatives`: the initiatives the note listed (2013), each with a status computed from the note's period
against today's date (newer.initiative_status), and one in full. Contacts are the note's, of 2013."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vold_cli.core.query import law_label, related_interventions
from vold_cli.i18n.bilingual import Bilingual
from vold_cli.i18n.lang import pick
from vold_cli.i18n.lang import tr as _t
from vold_cli.output.blocks import (
    Block,
    BulletList,
    Cell,
    Column,
    Document,
    Fields,
    Heading,
    Lines,
    Paragraph,
    Styled,
    Table,
)
from vold_cli.views.common import labelled, localize_record, names, source_text

if TYPE_CHECKING:
    import datetime

    from vold_cli.kb.facade import KnowledgeBase
    from vold_cli.kb.schema import Initiative, PolicyItem
    from vold_cli.views.pages import Detail, Entry, Listing
    from vold_cli.views.records import TimeRecord

def status_text(item: Initiative, today: datetime.date, lang: str) -> str:
    """'Period ended 2015 (the note's period); not checked since' (the status is vold's reading of the note's
    period against today, not something the note says), 'Ongoing ...', or what the note dates when it gives no
    period."""
    from vold_cli.core.newer import initiative_status

    status = initiative_status(item, today)
    if status == "ended":
        return _t(lang, f"Perioden sluttede {item['period_end']} (notatets periode); ikke efterprøvet siden",
                  f"Period ended {item['period_end']} (the note's period); not checked since")
    if status == "ongoing":
        from vold_cli.i18n.localize import date

        day = date(today.isoformat(), lang)
        return _t(lang, f"I gang pr. {day} efter notatets periode ({item['period']}); ikke efterprøvet",
                  f"Ongoing on {day} by the note's period ({item['period']}); not checked")
    if item["period_note"]:
        return _t(lang, "Status ukendt. ", "Status unknown. ") + pick(item["period_note"], lang)
    return _t(lang, "Status ukendt: notatet angiver ingen periode", "Status unknown: the note gives no period")


def contacts_text(item: Initiative, lang: str) -> str:
    """The contacts with the year they are the note's ('..., Socialstyrelsens Voksenenhed (the note's, 2013)')."""
    year = item["contacts_as_of"]
    when = _t(lang, f" (notatets, {year})", f" (the note's, {year})") if year else ""
    return ", ".join(item["contacts"]) + when


def time_record(item: Initiative, today: datetime.date, lang: str) -> TimeRecord:
    from vold_cli.core.newer import initiative_record

    record = initiative_record(item, today)
    return {"period_end": record["period_end"], "status": record["status"], "status_date": record["status_date"],
            "contacts_as_of": record["contacts_as_of"], "status_text": status_text(item, today, lang)}


def list_title(lang: str) -> str:
    return _t(lang, "Initiativer i notatet (2013)", "Initiatives listed in the note (2013)")


def status_caption(today: datetime.date, lang: str) -> str:
    from vold_cli.i18n.localize import date

    day = date(today.isoformat(), lang)
    return _t(lang, f"Status beregnet ud fra notatets periode pr. {day}; hvad der er sket med "
                    "initiativerne siden, er ikke efterprøvet. Kontakterne er notatets fra 2013.",
              f"Status computed from the note's period on {day}; what has become of the initiatives "
              "since has not been checked. The contacts are the note's, of 2013.")

def initiatives_list(knowledge: KnowledgeBase, items: list[Initiative], lang: str, today: datetime.date) -> Document:
    n = names(knowledge, lang)
    data = [localize_record(i, lang) | time_record(i, today, lang) for i in items]
    doc = Document(data=lambda: labelled(data, knowledge, lang))
    doc.add(Paragraph(pick(knowledge.initiatives["intro"], lang)))
    if not items:
        doc.add(Paragraph(_t(lang, "Ingen initiativer matcher.", "No initiatives match.")))
        return doc
    doc.add(Table(
        [Column(_t(lang, "Initiativ (id) og målgrupper", "Initiative (id) and target groups"), ratio=3),
         Column(_t(lang, "Periode (notatets) og status", "Period (the note's) and status"), ratio=2),
         Column(_t(lang, "Kontakt (notatets, 2013)", "Contact (the note's, 2013)"), ratio=2)],
        [[Lines([Styled(pick(i["name"], lang), "strong"), Styled(i["id"], "muted"),
                 ", ".join(n["target"][t] for t in i["target_groups"])]),
          Lines([Styled(i["period"] or "—", "strong"), status_text(i, today, lang)]),
          ", ".join(i["contacts"])] for i in items],
        title=list_title(lang), caption=status_caption(today, lang),
    ))
    doc.blocks += since_note_blocks(knowledge, lang)
    return doc


_KINDS = {"action-plan": Bilingual("handlingsplan", "action plan"),
          "recommendations": Bilingual("anbefalinger", "recommendations"),
          "national-unit": Bilingual("national enhed", "national unit"), "hotline": Bilingual.same("hotline")}


def kind_text(item: PolicyItem, lang: str) -> str:
    """'Handlingsplan' / 'Action plan', 'Hotline 1888', 'Lev Uden Vold': a short name for one line."""
    if item["kind"] == "action-plan":
        return _t(lang, "Handlingsplan", "Action plan")
    if item["kind"] == "recommendations":
        return _t(lang, f"{item['publisher'] or ''}s anbefalinger", f"{item['publisher'] or ''}'s recommendations")
    return pick(item["name"], lang).split(" (")[0]


def since_note_title(lang: str) -> str:
    return _t(lang, "Efter notatet: handlingsplaner, anbefalinger og nationale tilbud (ikke fra notatet)",
              "After the note: action plans, recommendations and national services (not from the note)")


def since_note_blocks(knowledge: KnowledgeBase, lang: str) -> list[Block]:
    """The action plans, recommendations and national services after the note, dated, apart from the note's
    list; each shown in full by `vold initiatives ID`."""
    from vold_cli.i18n.localize import date

    items = knowledge.initiatives["since_note"]
    if not items:
        return []
    return [Table(
        [Column(_t(lang, "Efter notatet (id)", "After the note (id)"), ratio=2),
         Column(_t(lang, "Dato", "Date"), no_wrap=True),
         Column(_t(lang, "Hvad", "What"), ratio=4),
         Column(_t(lang, "Status", "Status"), ratio=2)],
        [[Lines([Styled(pick(i["name"], lang), "strong"), Styled(i["id"], "muted"),
                 pick(_KINDS[i["kind"]], lang)]),
          date(i["date"], lang), pick(i["text"], lang),
          pick(i["status"], lang) or Styled(_t(lang, "ikke efterprøvet", "not checked"), "muted")] for i in items],
        title=since_note_title(lang),
        caption=_t(lang, "Vis én med dens punkter og kilder: vold initiatives ID, fx vold initiatives action-plan-2023.",
                   "Show one with its points and sources: vold initiatives ID, e.g. vold initiatives action-plan-2023."),
    )]


def policy_view(knowledge: KnowledgeBase, item: PolicyItem, lang: str) -> Document:
    """One action plan, set of recommendations or national service after the note, in full, each point with its
    source line."""
    from vold_cli.i18n.localize import date
    from vold_cli.views.common import data_cite

    data = localize_record(item, lang) | {"in_note": False, "source_text": source_text(knowledge, item["source"], lang)}
    doc = Document(data=lambda: labelled(data, knowledge, lang), table=("points",))
    doc.add(Heading(pick(item["name"], lang)))
    pairs: list[tuple[str, Cell]] = [
        ("id", item["id"]),
        (_t(lang, "Slags", "Kind"), pick(_KINDS[item["kind"]], lang)),
        (_t(lang, "Dato", "Date"), date(item["date"], lang)),
    ]
    if item["publisher"]:
        pairs.append((_t(lang, "Udgivet af", "Published by"), item["publisher"]))
    pairs.append((_t(lang, "Hvad", "What"), pick(item["text"], lang)))
    if item["status"]:
        pairs.append(("Status", Styled(pick(item["status"], lang), "warn")))
    pairs.append((_t(lang, "Kilde", "Source"), source_text(knowledge, item["source"], lang)))
    doc.add(Fields(pairs, title=_t(lang, "Efter notatet — ikke fra notatet", "After the note — not from the note")))
    if item["points"]:
        doc.add(BulletList([f"{pick(p['text'], lang)} ({data_cite(knowledge, p['source'], lang)})"
                            for p in item["points"]], title=_t(lang, "Punkter", "Points")))
    return doc


def initiative_view(knowledge: KnowledgeBase, item: Initiative, lang: str, today: datetime.date) -> Document:
    n = names(knowledge, lang)
    linked = related_interventions(knowledge, item)
    data = localize_record(item, lang) | time_record(item, today, lang) | {"source_text": source_text(knowledge, item["source"], lang),
                                   "related_interventions": [i["id"] for i in linked]}
    doc = Document(data=lambda: labelled(data, knowledge, lang))
    doc.add(Heading(pick(item["name"], lang)))
    pairs: list[tuple[str, Cell]] = [
        ("id", item["id"]),
        (_t(lang, "Periode (notatets)", "Period (the note's)"), item["period"] or "—"),
        ("Status", status_text(item, today, lang)),
        (_t(lang, "Målgruppe", "Target group"), pick(item["audience"], lang)),
        (_t(lang, "Målgrupper (kategorier)", "Target groups (categories)"),
         ", ".join(n["target"][t] for t in item["target_groups"])),
        (_t(lang, "Formål", "Purpose"), pick(item["purpose"], lang)),
        (_t(lang, "Dokumentation og effekt", "Documentation and effect"), pick(item["documentation"], lang)),
        (_t(lang, "Kontakt", "Contact"), contacts_text(item, lang)),
    ]
    if item.get("commissioner"):
        pairs.append((_t(lang, "Opdragsgiver", "Commissioned by"), pick(item["commissioner"], lang)))
    if linked:
        pairs.append((_t(lang, "Indsatser", "Interventions"),
                      "; ".join(f"{pick(i['name'], lang)} (vold interventions {i['id']})" for i in linked)))
    if item["law"]:
        entries = knowledge.law_entries(item["law"])
        pairs.append((_t(lang, "Lovgivning", "Law"), "; ".join(law_label(knowledge, e) for e in entries)))
    pairs.append((_t(lang, "Kilde", "Source"), source_text(knowledge, item["source"], lang)))
    doc.add(Fields(pairs))
    if item["indicators"]:
        doc.add(BulletList([pick(t, lang) for t in item["indicators"]], title=_t(lang, "Indikatorer", "Indicators")))
    return doc


# --- what search reads of this view (views/pages.py) ---------------------------------------------------------

def _page(knowledge: KnowledgeBase, lang: str, today: datetime.date) -> Document:
    from vold_cli.core.query import filter_initiatives

    return initiatives_list(knowledge, filter_initiatives(knowledge), lang, today)


def _entry_page(knowledge: KnowledgeBase, entry: Entry, lang: str, today: datetime.date) -> Document:
    return initiative_view(knowledge, knowledge.initiative(str(entry["id"])), lang, today)


PAGES: dict[str, Listing] = {"vold initiatives": _page}
ENTRY_PAGES: dict[str, tuple[str, Detail]] = {"vold initiatives {id}": ("initiatives", _entry_page)}
