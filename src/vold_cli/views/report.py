"""The planning brief: one document a coordinator can hand to a manager, built from the same blocks as the
individual commands so the report never says something the commands do not."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vold_cli import __version__
from vold_cli.core.query import evidence_map, filter_interventions, law_label, short_ref
from vold_cli.i18n.lang import pick
from vold_cli.i18n.lang import tr as _t
from vold_cli.kb.facade import KnowledgeBase
from vold_cli.output.blocks import (
    Block,
    BulletList,
    Cell,
    Column,
    Document,
    Fields,
    Heading,
    Lines,
    Notes,
    PageBreak,
    Paragraph,
    Styled,
    Table,
)
from vold_cli.views.common import design_text, evidence_cell, names, tried_text
from vold_cli.views.documentation import documentation_doc
from vold_cli.views.evidence import map_doc
from vold_cli.views.implementation import implementation_doc

if TYPE_CHECKING:
    from vold_cli.core.results import CheckResult, EstimateResult, Scaled
    from vold_cli.kb.schema import Change
from vold_cli.i18n.localize import approx, when
from vold_cli.views.estimate import (
    benchmark_blocks,
    caveat_blocks,
    chart_block,
    cost_blocks,
    cost_text,
    expectation_blocks,
    figure_blocks,
    newer_blocks,
    rounded_text,
    title_text,
)


def _interventions(knowledge: KnowledgeBase, lang: str) -> list[Block]:
    n = names(knowledge, lang)
    levels = {lv["id"]: lv for lv in knowledge.evidence["levels"]}
    blocks: list[Block] = [Paragraph(_t(
        lang, "Indsatserne står efter forebyggelsesfase og med den stærkeste evidens først, hver med sit eget "
              "evidensniveau og, ved siden af, undersøgelsernes design, som notatet oplyser det. Kolonnen "
              "'Notatet siger' gengiver, hvad notatet siger om niveauet.",
        "Interventions by prevention phase, strongest evidence first, each with its own evidence level and, beside "
        "it, the design of the studies as the note states it. The column 'What the note says' reports what the "
        "note says about the level."))]
    for phase in knowledge.phase_ids:
        items = filter_interventions(knowledge, phases=[phase], name=lambda i: pick(i["name"], lang))
        blocks.append(Table(
            [Column(_t(lang, "Indsats", "Intervention"), ratio=3), Column(_t(lang, "Evidens", "Evidence"), ratio=2),
             Column(_t(lang, "Notatet siger", "What the note says"), ratio=3), Column(_t(lang, "Afprøvet i DK", "Tried in DK"))],
            [[Styled(pick(i["name"], lang), "strong"), evidence_cell(knowledge, i["evidence"], lang, i["designs"]),
              pick(levels[i["evidence"]]["action"], lang), tried_text(i["tried_in_denmark"], lang)] for i in items],
            title=n["phase"][phase],
        ))
    weakest = knowledge.evidence_ids[-1]  # not recommended: the bottom of the scale
    avoid = [i for i in knowledge.interventions["interventions"] if i["evidence"] == weakest]
    if avoid:
        blocks.append(Notes([f"{pick(i['name'], lang)}: {pick(i['evidence_reason'], lang)}" for i in avoid],
                            title=_t(lang, "Anbefales ikke", "Not recommended")))
    return blocks


def _law(knowledge: KnowledgeBase, lang: str) -> list[Block]:
    entries = knowledge.law["entries"]
    blocks: list[Block] = [Table(
        [Column(_t(lang, "Henvisning", "Reference"), ratio=1), Column(_t(lang, "Indhold", "Provides"), ratio=3),
         Column(_t(lang, "For kommunen", "For the municipality"), ratio=2)],
        [[Styled(law_label(knowledge, e), "strong"), pick(e["provides"], lang), pick(e["municipality"], lang)]
         for e in entries],
        title=_t(lang, "Ifølge notatet (2013)", "According to the note (2013)"),
    )]
    from vold_cli.core.newer import date_key
    from vold_cli.views.law import _KIND_TITLES, change_line

    found: list[tuple[str, Change]] = []
    for act in knowledge.law["acts"]:
        found += [(act["name"], change) for change in act["changes_since"]]
        for entry in (e for e in entries if e["act"] == act["id"]):
            found += [(law_label(knowledge, entry), change) for change in entry["changes_since"]]
    found.sort(key=lambda item: date_key(item[1]["date"]))  # date order in every view (stable within a date)
    for kind, (da, en) in _KIND_TITLES.items():
        items = [f"{label} — {change_line(knowledge, change, lang)}" for label, change in found if change["kind"] == kind]
        if items:
            blocks.append(Notes(items, title=_t(lang, da, en) + _t(lang, " (kilde: Ændringer efter notatet)",
                                                                   " (source: Changes after the note)")))
    blocks.append(Paragraph(_t(lang, "Detaljer: vold law ", "Details: vold law ")
                            + ", ".join(short_ref(knowledge, e) for e in entries), style="muted"))
    return blocks


def _initiatives(knowledge: KnowledgeBase, lang: str, today: str) -> list[Block]:
    import datetime

    from vold_cli.views.initiatives import status_caption, status_text

    day = datetime.date.fromisoformat(today)
    items = knowledge.initiatives["initiatives"]
    return [Paragraph(pick(knowledge.initiatives["intro"], lang)), Table(
        [Column(_t(lang, "Initiativ", "Initiative"), ratio=2),
         Column(_t(lang, "Periode (notatets) og status", "Period (the note's) and status"), ratio=2),
         Column(_t(lang, "Formål", "Purpose"), ratio=3),
         Column(_t(lang, "Kontakt (notatets, 2013)", "Contact (the note's, 2013)"), ratio=2)],
        [[Styled(pick(i["name"], lang), "strong"),
          Lines([Styled(i["period"] or "—", "strong"), status_text(i, day, lang)]), pick(i["purpose"], lang),
          ", ".join(i["contacts"])] for i in items],
        caption=status_caption(day, lang),
    )]


def _sources(knowledge: KnowledgeBase, lang: str, today: str) -> list[Block]:
    meta = knowledge.meta
    title = pick(meta["title"], "da")
    cite = _t(lang,
              f"Citér som: {meta['publisher']} ({meta['year']}): {title}. Udtræk med vold {__version__} "
              f"(vidensbase {meta['knowledge_base_version']}) den {when(today, lang)}.",
              f"Cite as: {meta['publisher']} ({meta['year']}): {title}. Extracted with vold {__version__} "
              f"(knowledge base {meta['knowledge_base_version']}) on {when(today, lang)}.")
    from vold_cli.i18n.localize import date

    data = [f"{pick(d['title'], lang)}: {pick(d['attribution'], lang)} ({date(d['date'], lang)}; {d['file']})"
            for d in meta["data_sources"]]
    return [
        Fields([
            (_t(lang, "Kilde", "Source"), f"{meta['publisher']} ({meta['year']}): {pick(meta['title'], lang)}"),
            (_t(lang, "Metode", "Method"), pick(meta["method"], lang)),
            (_t(lang, "Opdatering", "Updates"),
             _t(lang, f"Notatet lagde op til en opdatering hvert {meta['update_interval_years']}. år; vidensbasen "
                      "registrerer ikke, om det skete.",
                f"The note planned an update every {meta['update_interval_years']} years; the knowledge base does "
                "not record whether that happened.")),
            (_t(lang, "Vidensbasens version", "Knowledge base version"), meta["knowledge_base_version"]),
            (_t(lang, "Rapportens dato", "Date of report"), when(today, lang)),
        ]),
        BulletList(data, title=_t(lang, "Data uden for notatet", "Data from outside the note")),
        Paragraph(cite, style="strong"),
    ]


# --- The first page: the manager's four questions, each answered in a few lines --------------------------

def kb_date(knowledge: KnowledgeBase) -> str:
    """The knowledge base's date: the newest ISO date among the data sources and the items after the note (what
    the knowledge is up to date with; newer.latest_checked)."""
    from vold_cli.core.newer import latest_checked

    return latest_checked(knowledge)


def _how_many(knowledge: KnowledgeBase, result: EstimateResult, lang: str) -> list[Block]:
    rows = [[pick(item["label"], lang), Styled(rounded_text(item, lang), "strong")] for item in result["estimates"]]
    return [Table(
        [Column(_t(lang, "Pr. år (notatets landstal, skaleret)", "Per year (the note's national figures, scaled)"),
                ratio=4),
         Column(_t(lang, "Lokalt", "Local"), justify="right", no_wrap=True)],
        rows, title=_t(lang, "1. Hvor mange lokalt?", "1. How many locally?"),
        caption=_t(lang, "Meget løst skøn efter notatets metode; tal fra omkring 2013. Forbehold: afsnit 1.",
                   "Very loose estimate by the note's method; figures from around 2013. Caveats: section 1."),
    ), *_newest_figures(knowledge, result, lang)]


def _newest_figures(knowledge: KnowledgeBase, result: EstimateResult, lang: str) -> list[Block]:
    """The first page's compact table of the newer national figures, scaled the note's way (newer.py): one row
    per group, the years of the same measure and the broader 2021 measure as its own column."""
    rows_in = result["newer_estimates"]
    if not rows_in:
        return []
    same = sorted({n["year"] for row in rows_in for n in row["newer"]})
    broad = sorted({n["year"] for row in rows_in for n in row["broader"]})

    def cell(items: list[Scaled], year: int) -> Cell:
        item = next((n for n in items if n["year"] == year and n["rounded_value"] is not None), None)
        return Styled(approx(item["rounded_value"], lang), "strong") if item else Styled("—", "muted")

    def group(row_group: str) -> str:
        return row_group[:1].upper() + row_group[1:]

    rows = [[_t(lang, f"{group(pick(row['group'], lang))} udsat for partnervold",
                f"{group(pick(row['group'], lang))} exposed to partner violence"),
             *[cell(row["newer"], y) for y in same], *[cell(row["broader"], y) for y in broad]] for row in rows_in]
    return [Table(
        [Column(_t(lang, "Nyere landstal, samme metode", "Newer national figures, same method"), ratio=4),
         *[Column(str(y), justify="right", no_wrap=True) for y in same],
         *[Column(_t(lang, f"{y} (bredere)", f"{y} (broader)"), justify="right", no_wrap=True)
           for y in broad]],
        rows,
        caption=_t(lang, "Ikke fra notatet; løse skøn; hver sin runde; 2021 under covid-19; bredere = inkl. psykisk. "
                         "Afsnit 1.",
                   "Not from the note; loose; separate rounds; 2021 in COVID-19; broader = incl. psychological. "
                   "Section 1."),
    )]


def _age(knowledge: KnowledgeBase, lang: str, today: str) -> list[Block]:
    """The basis and the age of the knowledge, in one line under the title of the first page: the note's year,
    the update interval it planned, the latest fact checked after it, and the date of the report."""
    from vold_cli.core.newer import knowledge_age

    age = knowledge_age(knowledge)
    publisher = knowledge.meta["publisher"]
    return [Paragraph(_t(
        lang, f"Grundlag: {publisher}s vidensnotat ({age['note_year']}), som lagde op til opdatering hvert "
              f"{age['update_interval_years']}. år; senest efterprøvet efter notatet: "
              f"{when(age['latest_checked'], lang)}. Udarbejdet {when(today, lang)}.",
        f"Based on {publisher}'s knowledge note ({age['note_year']}), which planned an update every "
        f"{age['update_interval_years']} years; latest fact checked after it: "
        f"{when(age['latest_checked'], lang)}. Prepared {when(today, lang)}."), style="muted")]


def _what_works(knowledge: KnowledgeBase, lang: str) -> list[Block]:
    n = names(knowledge, lang)
    pairs: list[tuple[str, Cell]] = []
    for phase in knowledge.phase_ids:
        # the design beside the grade, always (issue 15): 'Safe Dates (design ikke oplyst)'
        documented = [f"{pick(i['name'], lang)} ({design_text(i['designs'], lang)})"
                      for i in filter_interventions(knowledge, phases=[phase], name=lambda i: pick(i["name"], lang))
                      if i["evidence"] == "documented"]
        pairs.append((n["phase"][phase], ", ".join(documented) if documented
                      else Styled(_t(lang, "ingen med dokumenteret effekt", "none with documented effect"), "gap")))
    avoid = [i for i in knowledge.interventions["interventions"] if i["evidence"] == "not-recommended"]
    if avoid:
        pairs.append((_t(lang, "Anbefales ikke", "Not recommended"),
                      Styled(", ".join(pick(i["name"], lang) for i in avoid), "not-recommended")))
    return [Fields(pairs, title=_t(lang, "2. Hvad virker? (dokumenteret effekt ifølge notatet; mere: afsnit 2)",
                                   "2. What works? (documented effect per the note; more: section 2)"))]


def _law_page(knowledge: KnowledgeBase, lang: str) -> list[Block]:
    """The provisions the note names, one line per act, and the real changes after the note (kind `changed`),
    newest first; changes without a date are counted and left to section 4, as are the items that only confirm
    a provision is still in force (`unchanged`) or date from before the note (`background`)."""
    entries = knowledge.law["entries"]
    pairs: list[str] = []
    changes: list[tuple[str, str]] = []
    year = int(knowledge.meta["year"])
    for act in knowledge.law["acts"]:
        own = [e for e in entries if e["act"] == act["id"]]
        parts = []
        for entry in own:
            title = pick(entry["title"], lang)
            if entry["section"]:
                parts.append(f"§ {entry['section']}" + (f" {title.split(' — ', 1)[1]}" if " — " in title else ""))
        if own:
            pairs.append(act["name"] + (" " + ", ".join(parts) if parts else ""))
        changes += [(str(c["date"]), f"{act['name']} ({when(c['date'], lang)}): {pick(c['text'], lang)}")
                    for c in act["changes_since"] if c["kind"] == "changed"]
        for entry in own:
            changes += [(str(c["date"]), f"{law_label(knowledge, entry)} ({when(c['date'], lang)}): "
                                         f"{pick(c['text'], lang)}")
                        for c in entry["changes_since"] if c["kind"] == "changed"]
    dated = sorted((c for c in changes if c[0][:4].isdigit() and int(c[0][:4]) >= year), reverse=True)
    blocks: list[Block] = [
        Heading(_t(lang, "3. Hvad siger loven?", "3. What does the law say?"), 3),
        Paragraph(_t(lang, "Notatet (2013) nævner: ", "The note (2013) names: ") + " · ".join(pairs) + "."),
    ]
    if changes:
        rest = len(changes) - len(dated)
        more = [_t(lang, f"{rest} ændring(er) mere uden dato, og alle detaljer: afsnit 4.",
                         f"{rest} more change(s) without a date, and all details: section 4.")
                ] if rest else [_t(lang, "Detaljer: afsnit 4.", "Details: section 4.")]
        blocks.append(Notes([text for _, text in dated] + more,
                            title=_t(lang, "Ændret siden notatet (ikke fra notatet; kilde: Ændringer efter notatet)",
                                     "Changed since the note (not from the note; source: Changes after the note)")))
    return blocks


def _costs_page(result: EstimateResult, lang: str) -> list[Block]:
    costs = result["costs"]
    return [Table(
        [Column(_t(lang, "Omkostning pr. år (Voldens pris, 2010)", "Cost per year (Voldens pris, 2010)"), ratio=4),
         Column(_t(lang, "Lokalt (skaleret)", "Local (scaled)"), justify="right", no_wrap=True)],
        [[pick(c["label"], lang), Styled(cost_text(c, lang), "strong")] for c in costs["items"]],
        title=_t(lang, "4. Hvad koster det?", "4. What does it cost?"),
        caption=(_t(lang, "Skalerede landstal", "Scaled national figures")
                 + ("" if costs["total_given"] else _t(lang, "; kan overlappe, lægges ikke sammen",
                                                       "; may overlap, not added up"))
                 + (_t(lang, ". 2010-rapportens priser (data 2002-2005), ikke omregnet",
                       ". The 2010 report's prices (data 2002-2005), not adjusted") if costs["price_level"] else "")
                 + _t(lang, ". Mere: afsnit 7.", ". More: section 7.")),
    )]


def first_page(knowledge: KnowledgeBase, result: EstimateResult, lang: str) -> list[Block]:
    """The four answers a manager asks for, on one printed page; everything else follows as numbered sections."""
    return [
        *_how_many(knowledge, result, lang),
        *_what_works(knowledge, lang),
        *_law_page(knowledge, lang),
        *_costs_page(result, lang),
        PageBreak(),
    ]


def report_document(knowledge: KnowledgeBase, result: EstimateResult, lang: str, today: str,
                    offers: CheckResult | None = None) -> Document:
    """The brief in the order a manager reads it: who, how many, what works, gaps, law, how, cost, who else.
    `offers` (a check.CheckResult from `vold report --offers FILE`) adds the municipality's own offers."""
    doc = Document()
    doc.add(Heading(_t(lang, "Planlægningsgrundlag: vold i nære relationer", "Planning brief: violence in close relationships")))
    doc.add(Paragraph(title_text(result, lang), style="strong"))
    doc.blocks += _age(knowledge, lang, today)
    doc.blocks += first_page(knowledge, result, lang)

    doc.add(Heading(_t(lang, "1. Skøn over antal berørte", "1. Estimated number affected"), 2))
    doc.blocks += figure_blocks(knowledge, result, lang)
    doc.blocks += newer_blocks(knowledge, result, lang)
    doc.add(chart_block(result, lang))
    doc.blocks += expectation_blocks(result, lang)
    doc.blocks += benchmark_blocks(knowledge, result, lang)
    doc.blocks += caveat_blocks(result, lang, newer_texts=not result["newer_estimates"])

    doc.add(Heading(_t(lang, "2. Indsatser og evidens", "2. Interventions and evidence"), 2))
    doc.blocks += _interventions(knowledge, lang)

    doc.add(Heading(_t(lang, "3. Evidenskort", "3. Evidence gap map"), 2))
    doc.blocks += map_doc(knowledge, evidence_map(knowledge, lambda i: pick(i["name"], lang)), lang, groups_table=False).blocks

    doc.add(Heading(_t(lang, "4. Lovgivning", "4. Law"), 2))
    doc.blocks += _law(knowledge, lang)

    doc.add(Heading(_t(lang, "5. Implementeringsstrategier", "5. Implementation strategies"), 2))
    doc.blocks += [b for b in implementation_doc(knowledge, "strategies", lang).blocks if not isinstance(b, Heading)]

    doc.add(Heading(_t(lang, "6. Dokumentation: mål og indikatorer", "6. Documentation: goals and indicators"), 2))
    doc.blocks += documentation_doc(knowledge, lang).blocks

    doc.add(Heading(_t(lang, "7. Økonomi", "7. Costs"), 2))
    doc.blocks += cost_blocks(result, lang)

    doc.add(Heading(_t(lang, "8. Initiativer i notatet (2013) og notatets kontakter",
                       "8. Initiatives listed in the note (2013) and the note's contacts"), 2))
    doc.blocks += _initiatives(knowledge, lang, today)

    if offers is not None:
        from vold_cli.views.check import check_blocks

        doc.add(Heading(_t(lang, "Kommunens egne tilbud holdt op mod notatet", "The municipality's own offers against the note"), 2))
        doc.blocks += check_blocks(offers, lang, level=3)

    doc.add(Heading(_t(lang, "9. Kilder", "9. Sources"), 2))
    doc.blocks += _sources(knowledge, lang, today)
    doc.data = {"population": result["population"], "municipality": result["municipality"], "date": today}
    return doc

