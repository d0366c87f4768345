"""Documents for the browsing commands: lists, full views, the evidence map and search results.

Each builder takes plain knowledge data (from the core) and returns a Document whose `data` is the JSON
answer (listings: arrays of objects with an `id`) and whose blocks are what people see."""

from __future__ import annotations

from typing import Any

from ..lang import pick
from ..lang import tr as _t
from ..loader import Knowledge
from ..query import (
    PHASE_ORDER,
    data_file,
    evidence_ids,
    localize,
    related_initiatives,
    short_ref,
    source_text,
)
from .blocks import BulletList, Column, Document, Fields, Heading, Lines, Notes, Paragraph, Styled, Table

# --- shared helpers -------------------------------------------------------------------------------

def names(knowledge: Knowledge, lang: str) -> dict[str, dict[str, str]]:
    """Display names of the closed vocabularies: phases, evidence levels, target groups."""
    return {
        "phase": {p["id"]: pick(p["name"], lang) for p in knowledge["phases"]["phases"]},
        "evidence": {lv["id"]: pick(lv["name"], lang) for lv in knowledge["evidence"]["levels"]},
        "target": {t["id"]: pick(t["name"], lang) for t in knowledge["target_groups"]["target_groups"]},
    }


def evidence_cell(knowledge: Knowledge, level: str | None, lang: str) -> Styled:
    if level is None:
        return Styled("—", "muted")
    return Styled(names(knowledge, lang)["evidence"][level], level)


def tried_text(value: str, lang: str) -> str:
    return {
        "yes": _t(lang, "ja", "yes"),
        "not-known": _t(lang, "ikke kendt", "not known"),
        "not-stated": _t(lang, "ikke oplyst", "not stated"),
    }[value]


def _refs(refs: list[int]) -> str:
    return ", ".join(str(r) for r in refs)


# --- interventions --------------------------------------------------------------------------------

def interventions_list(knowledge: Knowledge, items: list[dict[str, Any]], lang: str,
                       filters: dict[str, Any]) -> Document:
    n = names(knowledge, lang)
    doc = Document(data=lambda: [localize(item, lang) for item in items], rows=[{
        "id": i["id"], "name": pick(i["name"], lang), "phases": i["phases"], "target_groups": i["target_groups"],
        "evidence": i["evidence"], "tried_in_denmark": i["tried_in_denmark"],
    } for i in items])
    from .localize import filters as filters_text

    applied = filters_text(filters, lang, knowledge)
    title = _t(lang, "Indsatser", "Interventions") + (f" ({applied})" if applied else "")
    if not items:
        doc.add(Paragraph(_t(lang, f"Ingen indsatser passer til filtrene: {applied}.",
                             f"No interventions match the filters: {applied}.")))
        return doc
    for phase in PHASE_ORDER:  # one table per prevention phase: the list is sorted by phase already
        members = [i for i in items if phase in i["phases"]]
        if not members:
            continue
        doc.add(Table(
            [Column(_t(lang, "Indsats (id)", "Intervention (id)"), ratio=3),
             Column(_t(lang, "Målgrupper", "Target groups"), ratio=2),
             Column(_t(lang, "Evidens", "Evidence"), ratio=2),
             Column(_t(lang, "Afprøvet i DK", "Tried in DK"), ratio=1)],
            [[Lines([Styled(pick(i["name"], lang), "strong"), Styled(i["id"], "muted")]),
              ", ".join(n["target"][t] for t in i["target_groups"]),
              evidence_cell(knowledge, i["evidence"], lang),
              tried_text(i["tried_in_denmark"], lang)] for i in members],
            title=f"{title}: {n['phase'][phase]}",
        ))
    doc.add(Paragraph(_t(lang, f"{len(items)} indsatser. Vis én: vold interventions ID",
                         f"{len(items)} interventions. Show one: vold interventions ID"), style="muted"))
    return doc


def intervention_view(knowledge: Knowledge, item: dict[str, Any], lang: str) -> Document:
    n = names(knowledge, lang)
    level = next(lv for lv in knowledge["evidence"]["levels"] if lv["id"] == item["evidence"])
    initiatives = related_initiatives(knowledge, item)
    law = [e for e in knowledge["law"]["entries"] if e["id"] in item["law"]]
    data = localize(item, lang) | {
        "evidence_name": pick(level["name"], lang),
        "evidence_action": pick(level["action"], lang),
        "related_initiatives": [{"id": i["id"], "name": pick(i["name"], lang)} for i in initiatives],
        "related_law": [{"id": e["id"], "ref": short_ref(knowledge, e), "title": pick(e["title"], lang)} for e in law],
        "source_text": source_text(knowledge, item["source"], lang),
    }
    doc = Document(data=data, rows=[{k: v for k, v in data.items() if not isinstance(v, (list, dict))}])
    doc.add(Heading(pick(item["name"], lang)))
    pairs: list[tuple[str, Any]] = [
        ("id", item["id"]),
        (_t(lang, "Forebyggelsesfase", "Prevention phase"), ", ".join(n["phase"][p] for p in item["phases"])),
        (_t(lang, "Målgrupper", "Target groups"), ", ".join(n["target"][t] for t in item["target_groups"])),
        (_t(lang, "Hvad det er", "What it is"), pick(item["summary"], lang)),
    ]
    if item.get("delivery"):
        pairs.append((_t(lang, "Levering", "Delivery"), pick(item["delivery"], lang)))
    pairs += [
        (_t(lang, "Evidens", "Evidence"), evidence_cell(knowledge, item["evidence"], lang)),
        (_t(lang, "Begrundelse", "Reason"), pick(item["evidence_reason"], lang)),
        (_t(lang, "Det betyder", "What to do"), Styled(pick(level["action"], lang), "strong")),
        (_t(lang, "Undersøgelsesdesign", "Study design"), pick(item["study_design"], lang)),
        (_t(lang, "Undersøgt i", "Studied in"), pick(item["studied_in"], lang)),
        (_t(lang, "Afprøvet i Danmark", "Tried in Denmark"), tried_text(item["tried_in_denmark"], lang)),
    ]
    if item["providers"]:
        pairs.append((_t(lang, "Danske udbydere", "Danish providers"), ", ".join(item["providers"])))
    if law:
        pairs.append((_t(lang, "Lovgivning", "Law"),
                      "; ".join(f"{pick(e['title'], lang)} (vold law {short_ref(knowledge, e)})" for e in law)))
    if initiatives:
        pairs.append((_t(lang, "Initiativer", "Initiatives"),
                      "; ".join(f"{pick(i['name'], lang)} (vold initiatives {i['id']})" for i in initiatives)))
    pairs.append((_t(lang, "Kilde", "Source"), source_text(knowledge, item["source"], lang)))
    doc.add(Fields(pairs))
    if item["outcomes"]:
        doc.add(Table(
            [Column(_t(lang, "Resultat", "Outcome"), ratio=4),
             Column(_t(lang, "Evidens", "Evidence"), ratio=1, min_width=9),
             Column("ref.", no_wrap=True)],
            [[pick(o["text"], lang), evidence_cell(knowledge, o["evidence"], lang), _refs(o["refs"])]
             for o in item["outcomes"]],
            title=_t(lang, "Resultater", "Outcomes"),
        ))
    return doc


# --- law --------------------------------------------------------------------------------------------

def _act(knowledge: Knowledge, act_id: str) -> dict[str, Any]:
    return next(a for a in knowledge["law"]["acts"] if a["id"] == act_id)


def law_label(knowledge: Knowledge, entry: dict[str, Any]) -> str:
    act = _act(knowledge, entry["act"])
    return f"{act['name']} § {entry['section']}" if entry["section"] else act["name"]


def law_list(knowledge: Knowledge, lang: str) -> Document:
    entries = knowledge["law"]["entries"]
    data = [localize(e, lang) | {"ref": short_ref(knowledge, e), "label": law_label(knowledge, e)} for e in entries]
    doc = Document(data=data, rows=[{
        "id": e["id"], "ref": short_ref(knowledge, e), "label": law_label(knowledge, e),
        "title": pick(e["title"], lang), "changes_since_note": len(_changes(knowledge, e)),
    } for e in entries])
    doc.add(Paragraph(pick(knowledge["law"]["intro"], lang)))
    rows = [[
        Styled(law_label(knowledge, e), "strong"), short_ref(knowledge, e), pick(e["title"], lang),
        Styled(_t(lang, f"ja ({len(_changes(knowledge, e))})", f"yes ({len(_changes(knowledge, e))})"), "warn")
        if _changes(knowledge, e) else _t(lang, "intet registreret", "none recorded"),
    ] for e in entries]
    doc.add(Table(
        [Column(_t(lang, "Henvisning", "Reference"), ratio=3),
         Column(_t(lang, "Skriv", "Type"), no_wrap=True),
         Column(_t(lang, "Titel", "Title"), ratio=3),
         Column(_t(lang, "Ændret siden notatet", "Changed since the note"), ratio=1)],
        rows, title=_t(lang, "Lovgivning nævnt i notatet", "Legal references in the note"),
        caption=_t(lang, "Vis én: vold law 109, vold law tilhold 3, vold law cpr 28",
                   "Show one: vold law 109, vold law tilhold 3, vold law cpr 28"),
    ))
    return doc


def _changes(knowledge: Knowledge, entry: dict[str, Any]) -> list[dict[str, Any]]:
    """Changes recorded for the entry itself and for its act as a whole."""
    return list(entry["changes_since"]) + list(_act(knowledge, entry["act"])["changes_since"])


def _where(knowledge: Knowledge, source: dict[str, Any], lang: str) -> str:
    return data_file(knowledge, source) or source_text(knowledge, source, lang)


def law_view(knowledge: Knowledge, entry: dict[str, Any], lang: str) -> Document:
    act = _act(knowledge, entry["act"])
    changes = _changes(knowledge, entry)
    data = localize(entry, lang) | {
        "ref": short_ref(knowledge, entry), "label": law_label(knowledge, entry),
        "act_name": act["name"], "act_kind": act["kind"],
        "changes_since_note": [localize(c, lang) for c in changes],
        "source_text": source_text(knowledge, entry["source"], lang),
    }
    doc = Document(data=data, rows=[{k: v for k, v in data.items() if not isinstance(v, (list, dict))}])
    doc.add(Heading(f"{law_label(knowledge, entry)}: {pick(entry['title'], lang)}"))
    doc.add(Fields([
        (_t(lang, "Lov/regel", "Act"), f"{act['name']} ({pick(act['description'], lang)})"),
        (_t(lang, "Indhold", "Provides"), pick(entry["provides"], lang)),
        (_t(lang, "For kommunen", "For the municipality"), pick(entry["municipality"], lang)),
        (_t(lang, "Notatet siger", "The note says"), pick(entry["note_says"], lang)),
        (_t(lang, "Kilde", "Source"), source_text(knowledge, entry["source"], lang)),
    ], title=_t(lang, "Ifølge notatet (2013)", "According to the note (2013)")))
    if changes:
        doc.add(Notes(
            [f"{c['date']}: {pick(c['text'], lang)} ({c['authority']}; {_where(knowledge, c['source'], lang)})"
             for c in changes],
            title=_t(lang, "Ændret siden notatet — ikke fra notatet", "Changed since the note — not from the note"),
        ))
    else:
        doc.add(Paragraph(_t(lang, "Ingen ændringer registreret siden notatet.", "No changes recorded since the note."),
                          style="muted"))
    return doc


# --- initiatives ------------------------------------------------------------------------------------

def initiatives_list(knowledge: Knowledge, items: list[dict[str, Any]], lang: str) -> Document:
    n = names(knowledge, lang)
    doc = Document(data=[localize(i, lang) for i in items], rows=[{
        "id": i["id"], "name": pick(i["name"], lang), "period": i["period"], "target_groups": i["target_groups"],
        "contacts": i["contacts"],
    } for i in items])
    doc.add(Paragraph(pick(knowledge["initiatives"]["intro"], lang)))
    if not items:
        doc.add(Paragraph(_t(lang, "Ingen initiativer matcher.", "No initiatives match.")))
        return doc
    doc.add(Table(
        [Column(_t(lang, "Initiativ", "Initiative"), ratio=3),
         Column("id", ratio=2),
         Column(_t(lang, "Periode", "Period"), no_wrap=True),
         Column(_t(lang, "Målgrupper", "Target groups"), ratio=2),
         Column(_t(lang, "Kontakt", "Contact"), ratio=2)],
        [[Styled(pick(i["name"], lang), "strong"), i["id"], i["period"] or "—",
          ", ".join(n["target"][t] for t in i["target_groups"]), ", ".join(i["contacts"])] for i in items],
        title=_t(lang, "Igangværende initiativer (notatets liste)", "Ongoing initiatives (the note's list)"),
    ))
    return doc


def initiative_view(knowledge: Knowledge, item: dict[str, Any], lang: str) -> Document:
    n = names(knowledge, lang)
    linked = [i for i in knowledge["interventions"]["interventions"]
              if i["id"] in item["interventions"] or item["id"] in i["initiatives"]]
    data = localize(item, lang) | {"source_text": source_text(knowledge, item["source"], lang),
                                   "related_interventions": [i["id"] for i in linked]}
    doc = Document(data=data, rows=[{k: v for k, v in data.items() if not isinstance(v, (list, dict))}])
    doc.add(Heading(pick(item["name"], lang)))
    pairs: list[tuple[str, Any]] = [
        ("id", item["id"]),
        (_t(lang, "Periode", "Period"), item["period"] or "—"),
        (_t(lang, "Målgruppe", "Target group"), pick(item["audience"], lang)),
        (_t(lang, "Målgrupper (kategorier)", "Target groups (categories)"),
         ", ".join(n["target"][t] for t in item["target_groups"])),
        (_t(lang, "Formål", "Purpose"), pick(item["purpose"], lang)),
        (_t(lang, "Dokumentation og effekt", "Documentation and effect"), pick(item["documentation"], lang)),
        (_t(lang, "Kontakt", "Contact"), ", ".join(item["contacts"])),
    ]
    if item.get("commissioner"):
        pairs.append((_t(lang, "Opdragsgiver", "Commissioned by"), pick(item["commissioner"], lang)))
    if linked:
        pairs.append((_t(lang, "Indsatser", "Interventions"),
                      "; ".join(f"{pick(i['name'], lang)} (vold interventions {i['id']})" for i in linked)))
    if item["law"]:
        entries = [e for e in knowledge["law"]["entries"] if e["id"] in item["law"]]
        pairs.append((_t(lang, "Lovgivning", "Law"), "; ".join(law_label(knowledge, e) for e in entries)))
    pairs.append((_t(lang, "Kilde", "Source"), source_text(knowledge, item["source"], lang)))
    doc.add(Fields(pairs))
    if item["indicators"]:
        doc.add(BulletList([pick(t, lang) for t in item["indicators"]], title=_t(lang, "Indikatorer", "Indicators")))
    return doc


# --- phases, evidence, map ----------------------------------------------------------------------

def phases_doc(knowledge: Knowledge, summary: list[dict[str, Any]], lang: str) -> Document:
    data = [localize(p, lang) for p in summary]
    doc = Document(data=data, rows=[{"id": p["id"], "number": p["number"], "name": pick(p["name"], lang),
                                     "count": p["count"], "strongest": p["strongest"]} for p in summary])
    doc.add(Paragraph(pick(knowledge["phases"]["intro"], lang)))
    doc.add(Table(
        [Column(_t(lang, "Fase", "Phase"), ratio=1),
         Column(_t(lang, "Formål", "Purpose"), ratio=4),
         Column(_t(lang, "Indsatser", "Interventions"), justify="right", no_wrap=True),
         Column(_t(lang, "Stærkeste evidens", "Strongest evidence"), ratio=1)],
        [[Styled(f"{p['number']}. {pick(p['name'], lang)}", "strong"), pick(p["purpose"], lang), str(p["count"]),
          evidence_cell(knowledge, p["strongest"], lang)] for p in summary],
        title=_t(lang, "Forebyggelsesfaser", "Prevention phases"),
        caption=_t(lang, "Se indsatserne: vold interventions --phase primary|secondary|tertiary",
                   "See the interventions: vold interventions --phase primary|secondary|tertiary"),
    ))
    return doc


def evidence_doc(knowledge: Knowledge, lang: str) -> Document:
    scale = sorted(knowledge["evidence"]["levels"], key=lambda lv: -lv["rank"])
    counts = {lv["id"]: sum(1 for i in knowledge["interventions"]["interventions"] if i["evidence"] == lv["id"])
              for lv in scale}
    data = [localize(lv, lang) | {"interventions": counts[lv["id"]]} for lv in scale]
    doc = Document(data=data, rows=[{"id": d["id"], "rank": d["rank"], "name": d["name"], "criteria": d["criteria"],
                                     "action": d["action"], "interventions": d["interventions"]} for d in data])
    doc.add(Paragraph(pick(knowledge["evidence"]["intro"], lang)))
    doc.add(Table(
        [Column(_t(lang, "Niveau", "Level"), ratio=1, min_width=10),
         Column(_t(lang, "Kriterier", "Criteria"), ratio=3),
         Column(_t(lang, "Anbefalet handling", "Recommended action"), ratio=2),
         Column("#", justify="right", no_wrap=True)],
        [[evidence_cell(knowledge, lv["id"], lang), pick(lv["criteria"], lang), pick(lv["action"], lang),
          str(counts[lv["id"]])] for lv in scale],
        title=_t(lang, "Evidensskala (stærkest først)", "Evidence scale (strongest first)"),
        caption=_t(lang, "#: antal indsatser på niveauet. Filtrér: vold interventions --min-evidence promising",
                   "#: number of interventions at the level. Filter: vold interventions --min-evidence promising"),
    ))
    return doc


def map_doc(knowledge: Knowledge, cells: list[dict[str, Any]], lang: str) -> Document:
    n = names(knowledge, lang)
    inames = {i["id"]: pick(i["name"], lang) for i in knowledge["interventions"]["interventions"]}
    doc = Document(data=cells, rows=[{
        "id": f"{c['target_group']}/{c['phase']}", "target_group": c["target_group"], "phase": c["phase"],
        "interventions": [i["id"] for i in c["interventions"]], "strongest": c["strongest"], "gap": c["gap"],
    } for c in cells])
    for cell in cells:
        cell["id"] = f"{cell['target_group']}/{cell['phase']}"
    groups = [t["id"] for t in knowledge["target_groups"]["target_groups"]]
    rows = []
    for group in groups:
        row: list[Any] = [Styled(n["target"][group], "strong")]
        for phase in PHASE_ORDER:
            cell = next(c for c in cells if c["target_group"] == group and c["phase"] == phase)
            if not cell["interventions"]:
                row.append(Styled(_t(lang, "— ingen indsats (hul)", "— none (gap)"), "gap"))
                continue
            best = n["evidence"][cell["strongest"]]
            listed = ", ".join(inames[i["id"]] for i in cell["interventions"])
            mark = "" if not cell["gap"] else _t(lang, " · ingen dokumenteret", " · none documented")
            row.append(Styled(f"{best}{mark}: {listed}", cell["strongest"]))
        rows.append(row)
    doc.add(Table(
        [Column(_t(lang, "Målgruppe", "Target group"), ratio=1, min_width=10)]
        + [Column(n["phase"][p], ratio=2) for p in PHASE_ORDER],
        rows, title=_t(lang, "Evidenskort: målgruppe × forebyggelsesfase", "Evidence gap map: target group × prevention phase"),
        caption=_t(lang, "Hver celle: stærkeste evidens og indsatserne. Hul = ingen indsats med dokumenteret effekt.",
                   "Each cell: strongest evidence, then the interventions. Gap = no intervention with documented effect."),
    ))
    gaps = sum(1 for c in cells if c["gap"])
    doc.add(Paragraph(_t(lang, f"{gaps} af {len(cells)} celler har ingen indsats med dokumenteret effekt.",
                         f"{gaps} of {len(cells)} cells have no intervention with documented effect."), style="warn"))
    return doc


# --- profile, definition ------------------------------------------------------------------------

def profile_doc(knowledge: Knowledge, lang: str) -> Document:
    profile = knowledge["profile"]
    doc = Document(data=localize(profile, lang))
    rows = []
    doc.add(Paragraph(pick(profile["intro"], lang)))
    for group in profile["groups"]:
        items = [pick(t["text"], lang) + (f" (ref. {_refs(t['refs'])})" if t["refs"] else "") for t in group["traits"]]
        doc.add(BulletList(items, title=f"{pick(group['title'], lang)} — {pick(group['compared_with'], lang)}"))
        rows += [{"id": group["id"], "kind": "trait", "text": pick(t["text"], lang), "percent": None,
                  "refs": t["refs"]} for t in group["traits"]]
    for key, title in (("crisis_centre_key_figures", _t(lang, "Nøgletal om kvinder på krisecenter",
                                                            "Key figures on women at crisis centres")),
                       ("partner_reports", _t(lang, "Kvinder på krisecenter om deres partner",
                                              "What women at crisis centres report about their partner"))):
        doc.add(Table(
            [Column("%", justify="right", no_wrap=True), Column(_t(lang, "Nøgletal", "Figure"), ratio=4),
             Column(_t(lang, "Kilde", "Source"), ratio=2)],
            [[Styled(f"{p['percent']:g}", "strong"), pick(p["label"], lang), source_text(knowledge, p["source"], lang)]
             for p in profile[key]],
            title=title,
        ))
        rows += [{"id": p["id"], "kind": key, "text": pick(p["label"], lang), "percent": p["percent"],
                  "refs": p["source"]["refs"]} for p in profile[key]]
    doc.rows = rows
    return doc


def definition_doc(knowledge: Knowledge, lang: str) -> Document:
    d = knowledge["definition"]
    doc = Document(data=localize(d, lang))
    doc.add(Heading(_t(lang, "Definition af vold i nære relationer", "Definition of violence in close relationships")))
    doc.add(Paragraph(pick(d["definition"], lang)), Paragraph(pick(d["scope"], lang)),
            Paragraph(pick(d["council_of_europe"], lang)))
    doc.add(Table([Column(_t(lang, "Voldsform", "Form"), ratio=1), Column(_t(lang, "Beskrivelse", "Description"), ratio=4)],
                  [[Styled(pick(f["name"], lang), "strong"), pick(f["description"], lang)] for f in d["forms"]],
                  title=_t(lang, "Europarådets former for vold", "The Council of Europe's forms of violence")))
    doc.add(Table([Column(_t(lang, "Datakilde", "Kind of data"), ratio=1), Column(_t(lang, "Viser", "Shows"), ratio=4)],
                  [[Styled(pick(k["name"], lang), "strong"), pick(k["description"], lang)] for k in d["data_kinds"]],
                  title=_t(lang, "To slags data", "Two kinds of data")))
    doc.add(Notes([pick(d["uncertainty"], lang)], title=_t(lang, "Usikkerhed", "Uncertainty")))
    doc.rows = [{"id": f["id"], "kind": "form", "name": pick(f["name"], lang), "description": pick(f["description"], lang)}
                for f in d["forms"]] + [{"id": k["id"], "kind": "data", "name": pick(k["name"], lang),
                                         "description": pick(k["description"], lang)} for k in d["data_kinds"]]
    return doc


# --- implementation, documentation, economy ---------------------------------------------------------

def implementation_doc(knowledge: Knowledge, part: str | None, lang: str) -> Document:
    imp = knowledge["implementation"]
    parts = [part] if part else ["drivers", "factors", "strategies"]
    data: dict[str, Any] = {}
    doc = Document()
    rows: list[dict[str, Any]] = []
    if part is None:
        doc.add(Heading(_t(lang, "Implementering", "Implementation")))
        doc.add(Paragraph(pick(imp["definition"], lang)), Paragraph(pick(imp["hardware_software"], lang)))
        data.update(definition=pick(imp["definition"], lang), hardware_software=pick(imp["hardware_software"], lang))
    if "drivers" in parts:
        data["drivers"] = localize(imp["drivers"], lang)
        doc.add(Heading(_t(lang, "Drivkræfter", "Drivers"), 2), Paragraph(pick(imp["drivers_intro"], lang)))
        doc.add(Table(
            [Column(_t(lang, "Drivkraft", "Driver"), ratio=1), Column(_t(lang, "Komponenter", "Components"), ratio=2),
             Column(_t(lang, "Hvad det kræver", "What it takes"), ratio=4)],
            [[Styled(pick(d["name"], lang), "strong"), ", ".join(pick(c["name"], lang) for c in d["components"]),
              pick(d["description"], lang)] for d in imp["drivers"]],
        ))
        rows += [{"id": d["id"], "kind": "driver", "name": pick(d["name"], lang),
                  "components": [c["id"] for c in d["components"]]} for d in imp["drivers"]]
    if "factors" in parts:
        data["factor_levels"] = localize(imp["factor_levels"], lang)
        doc.add(Heading(_t(lang, "Faktorer på fire niveauer", "Factors on four levels"), 2),
                Paragraph(pick(imp["factors_intro"], lang)))
        doc.add(Table(
            [Column(_t(lang, "Niveau", "Level"), ratio=1), Column(_t(lang, "Hvad", "What"), ratio=3),
             Column(_t(lang, "Eksempel fra notatet", "Example from the note"), ratio=4)],
            [[Styled(pick(f["name"], lang), "strong"), pick(f["description"], lang), pick(f["example"], lang)]
             for f in imp["factor_levels"]],
        ))
        doc.add(BulletList(imp["treatment_providers"], title=pick(imp["treatment_providers_text"], lang)))
        rows += [{"id": f["id"], "kind": "factor", "name": pick(f["name"], lang)} for f in imp["factor_levels"]]
        data["treatment_providers"] = imp["treatment_providers"]
    if "strategies" in parts:
        data["strategies"] = localize(imp["strategies"], lang)
        scope = {"whole": _t(lang, "hele organisationen", "whole organisation"),
                 "part": _t(lang, "en del af organisationen", "part of the organisation")}
        pace = {"at-once": _t(lang, "på én gang", "all at once"), "phased": _t(lang, "i faser", "in phases")}
        doc.add(Heading(_t(lang, "Implementeringsstrategier", "Implementation strategies"), 2),
                Paragraph(pick(imp["strategies_intro"], lang)))
        doc.add(Table(
            [Column(_t(lang, "Strategi", "Strategy"), ratio=1), Column(_t(lang, "Omfang", "Scope"), ratio=1),
             Column(_t(lang, "Tempo", "Pace"), ratio=1), Column(_t(lang, "Fordele", "Advantages"), ratio=3),
             Column(_t(lang, "Ulemper", "Drawbacks"), ratio=3)],
            [[Styled(pick(s["name"], lang), "strong"), scope[s["scope"]], pace[s["pace"]],
              " • ".join(pick(a, lang) for a in s["advantages"]), " • ".join(pick(d, lang) for d in s["drawbacks"])]
             for s in imp["strategies"]],
        ))
        doc.add(Paragraph(pick(imp["strategies_conclusion"], lang), style="muted"))
        rows += [{"id": s["id"], "kind": "strategy", "name": pick(s["name"], lang), "scope": s["scope"],
                  "pace": s["pace"], "advantages": [pick(a, lang) for a in s["advantages"]],
                  "drawbacks": [pick(d, lang) for d in s["drawbacks"]]} for s in imp["strategies"]]
    doc.add(Paragraph(_t(lang, "Kilde: ", "Source: ") + source_text(knowledge, imp["source"], lang), style="muted"))
    doc.data = data
    doc.rows = rows
    return doc


def documentation_doc(knowledge: Knowledge, lang: str) -> Document:
    d = knowledge["documentation"]
    src_names = {s["id"]: pick(s["name"], lang) for s in d["data_sources"]}
    doc = Document(data=localize(d, lang))
    doc.add(Paragraph(pick(d["intro"], lang)))
    rows: list[list[Any]] = []
    csv_rows: list[dict[str, Any]] = []
    for goal in d["goals"]:
        label = Styled(f"{goal['number']}. {pick(goal['text'], lang)}", "strong")
        if not goal["indicators"]:
            rows.append([label, Styled(_t(lang, "Ingen indikator: ", "No indicator: ") + pick(goal["no_indicator"], lang),
                                       "gap"), "—", ""])
            csv_rows.append({"id": goal["id"], "goal": pick(goal["text"], lang), "indicator": None,
                             "data_sources": [], "caveat": pick(goal["no_indicator"], lang)})
        for n, ind in enumerate(goal["indicators"]):
            rows.append([label if n == 0 else "", pick(ind["text"], lang),
                         ", ".join(src_names.get(s, s) for s in ind["data_sources"]) or "—",
                         pick(ind.get("caveat"), lang)])
            csv_rows.append({"id": ind["id"], "goal": pick(goal["text"], lang), "indicator": pick(ind["text"], lang),
                             "data_sources": ind["data_sources"], "caveat": pick(ind.get("caveat"), lang) or None})
    doc.add(Table(
        [Column(_t(lang, "Mål", "Goal"), ratio=2), Column(_t(lang, "Indikator", "Indicator"), ratio=3),
         Column(_t(lang, "Datakilde", "Data source"), ratio=1), Column(_t(lang, "Forbehold", "Caveat"), ratio=2)],
        rows, title=_t(lang, "Mål, indikatorer og datakilder", "Goals, indicators and data sources"),
    ))
    doc.add(Table(
        [Column(_t(lang, "Central kilde", "Central source"), ratio=1), Column(_t(lang, "Beskrivelse", "Description"), ratio=3),
         Column("ref.", no_wrap=True)],
        [[Styled(pick(s["name"], lang), "strong"), pick(s["description"], lang), _refs(s["source"]["refs"])]
         for s in d["data_sources"]],
        title=_t(lang, "Centrale kilder til viden", "Central sources of knowledge"),
    ))
    cpr = d["cpr_response_rate"]
    doc.add(Notes([f"{pick(cpr['label'], lang)}: {cpr['percent']:g} % ({pick(cpr['of'], lang)})"]
                  + [pick(r["text"], lang) for r in d["reports"]],
                  title=_t(lang, "Værd at vide", "Worth knowing")))
    doc.rows = csv_rows
    return doc


def economy_doc(knowledge: Knowledge, lang: str) -> Document:
    e = knowledge["economy"]
    from .localize import number as fmt_int

    doc = Document(data=localize(e, lang), rows=[{
        "id": c["id"], "name": pick(c["name"], lang), "amount_mdkk": c["amount_mdkk"],
        "description": pick(c["description"], lang), "note": pick(c.get("note"), lang) or None,
    } for c in e["cost_items"]])
    doc.add(Heading(_t(lang, "Økonomi", "Economy")), Paragraph(pick(e["study"], lang)), Paragraph(pick(e["basis"], lang)))
    doc.add(Table(
        [Column(_t(lang, "Post", "Item"), ratio=2), Column(_t(lang, "Mio. kr. pr. år", "DKK m per year"), justify="right",
                                                           no_wrap=True),
         Column(_t(lang, "Hvad der indgår", "What it covers"), ratio=4)],
        [[Styled(pick(c["name"], lang), "strong"), fmt_int(c["amount_mdkk"], lang),
          pick(c["description"], lang) + (f" {pick(c['note'], lang)}" if c.get("note") else "")] for c in e["cost_items"]],
        title=_t(lang, "Årlige omkostninger ved vold mod kvinder, landsplan", "Annual national costs of violence against women"),
        caption=source_text(knowledge, e["source"], lang),
    ))
    doc.add(Notes([pick(t, lang) for t in e["excluded"]], title=_t(lang, "Ikke medregnet", "Not included")))
    doc.add(Paragraph(pick(e["who_review"], lang)))
    doc.add(Fields([("Cost-effectiveness", pick(e["cost_effectiveness"], lang)),
                    ("Cost-benefit", pick(e["cost_benefit"], lang))]))
    return doc


# --- search -----------------------------------------------------------------------------------------

def search_doc(hits: list[dict[str, Any]], text: str, lang: str) -> Document:
    doc = Document(data=hits)
    if not hits:
        doc.add(Paragraph(_t(lang, f"Intet fundet for {text!r}.", f"Nothing found for {text!r}.")))
        return doc
    sections: list[str] = []
    for hit in hits:
        if hit["section"] not in sections:
            sections.append(hit["section"])
    for section in sections:
        group = [h for h in hits if h["section"] == section]
        doc.add(Table(
            [Column(_t(lang, "Fund", "Hit"), ratio=2), Column(_t(lang, "Uddrag", "Excerpt"), ratio=4),
             Column(_t(lang, "Vis med", "Show with"), ratio=2)],
            [[Styled(h["title"], "strong"), h["snippet"], h["command"]] for h in group],
            title=f"{section} ({len(group)})",
        ))
    return doc


def valid_choices(knowledge: Knowledge) -> dict[str, list[str]]:
    return {
        "phase": list(PHASE_ORDER),
        "target": [t["id"] for t in knowledge["target_groups"]["target_groups"]],
        "evidence": evidence_ids(knowledge),
    }
