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
    from vold_cli.core.results import CheckResult, EstimateResult
    from vold_cli.kb.schema import Change, DataSource
from vold_cli.i18n.localize import when
from vold_cli.views.estimate import (
    benchmark_blocks,
    caveat_blocks,
    chart_block,
    cost_blocks,
    cost_text,
    expectation_blocks,
    figure_blocks,
    newer_blocks,
    observed_blocks,
    rounded_text,
    summary_blocks,
    title_text,
)


def _interventions(knowledge: KnowledgeBase, lang: str) -> list[Block]:
    n = names(knowledge, lang)
    blocks: list[Block] = [Paragraph(_t(
        lang, "Indsatserne står efter forebyggelsesfase og med den stærkeste evidens først, hver med sit eget "
              "evidensniveau og, ved siden af, undersøgelsernes design, som notatet oplyser det. Hvad notatet "
              "siger om hvert niveau, står under tabellerne.",
        "Interventions by prevention phase, strongest evidence first, each with its own evidence level and, beside "
        "it, the design of the studies as the note states it. What the note says about each level is below the "
        "tables."))]
    shown: list[str] = []
    for phase in knowledge.phase_ids:
        items = filter_interventions(knowledge, phases=[phase], name=lambda i: pick(i["name"], lang))
        shown += [i["evidence"] for i in items if i["evidence"] not in shown]
        blocks.append(Table(
            [Column(_t(lang, "Indsats", "Intervention"), ratio=3), Column(_t(lang, "Evidens", "Evidence"), ratio=3),
             Column(_t(lang, "Afprøvet i DK", "Tried in DK"), ratio=1)],
            [[Styled(pick(i["name"], lang), "strong"),
              evidence_cell(knowledge, i["evidence"], lang, i["designs"]), tried_text(i["tried_in_denmark"], lang)]
             for i in items],
            title=n["phase"][phase],
        ))
    # what the note recommends, once per recommendation, with the interventions it is given for (the note gives
    # one recommendation for two of them: under each, the brief would say it twice)
    recommended: dict[str, list[str]] = {}
    for i in knowledge.interventions["interventions"]:
        if i["recommendation"]:
            recommended.setdefault(pick(i["recommendation"], lang), []).append(pick(i["name"], lang))
    # the level's words are the same for every intervention at that level: said once, in the scale's order
    blocks.append(Fields([(n["evidence"][level], pick(knowledge.evidence_level(level)["action"], lang))
                          for level in knowledge.evidence_ids if level in shown],
                         title=_t(lang, "Notatet siger om niveauerne", "What the note says about each level")))
    if recommended:
        from vold_cli.i18n.localize import join

        blocks.append(Notes([f"{join(named, lang)}: {text}" for text, named in recommended.items()],
                            title=_t(lang, "Notatets anbefalinger", "What the note recommends")))
    weakest = knowledge.evidence_ids[-1]  # not recommended: the bottom of the scale
    avoid = [i for i in knowledge.interventions["interventions"] if i["evidence"] == weakest]
    if avoid:
        blocks.append(Notes([f"{pick(i['name'], lang)}: {pick(i['evidence_reason'], lang)}" for i in avoid],
                            title=_t(lang, "Anbefales ikke", "Not recommended")))
    return blocks


def _law_rows(knowledge: KnowledgeBase, lang: str) -> list[list[Cell]]:
    """One row per provision the note names; provisions of one act that the note describes in the same words
    (tilhold §§ 1, 3 and 7) share a row, 'Lov om tilhold ... § 1, § 3, § 7', so the brief does not say it thrice."""
    rows: list[tuple[str, list[str], str, str]] = []  # (act, sections, provides, for the municipality)
    for e in knowledge.law["entries"]:
        if not e["in_note"]:
            continue
        provides, duty = pick(e["provides"], lang), pick(e["municipality"], lang)
        last = rows[-1] if rows else None
        if last and e["section"] and last[1] and last[0] == e["act"] and last[2:] == (provides, duty):
            last[1].append(e["section"])
        else:
            rows.append((e["act"], [e["section"]] if e["section"] else [], provides, duty))
    from vold_cli.i18n.localize import join

    def label(act: str, sections: list[str]) -> str:
        name = knowledge.act(act)["name"]
        if not sections:
            return name
        return f"{name} § {sections[0]}" if len(sections) == 1 else f"{name} §§ {join(sections, lang)}"

    def said(act: str, sections: list[str], provides: str) -> str:  # several sections: what the note says of them
        description = knowledge.act(act)["description"]
        return pick(description, lang) if len(sections) > 1 and description else provides

    def task(act: str, sections: list[str], duty: str) -> str:  # several sections: the same words, in the plural
        if len(sections) < 2 or knowledge.act(act)["duty"] == "municipality":
            return duty
        return _t(lang, "Notatet knytter ingen kommunal opgave til disse bestemmelser; de nævnes som relevant "
                        "lovgivning på området ud over serviceloven.",
                  "The note ties no municipal task to these provisions; they are mentioned as relevant legislation "
                  "in the field besides the Social Services Act.")

    return [[Styled(label(act, sections), "strong"), said(act, sections, provides), task(act, sections, duty)]
            for act, sections, provides, duty in rows]


def _law(knowledge: KnowledgeBase, lang: str) -> list[Block]:
    """The law as the note gave it and the municipality's duties today (from the sources after the note, kept
    apart), then what came after the note, provisions the note does not name included (straffeloven § 243): the
    changes in full, the confirmations that a provision still stands and the background from before the note in
    one line each (the brief must fit A4; `vold law` has them in full)."""
    entries = knowledge.law["entries"]
    blocks: list[Block] = [Table(
        [Column(_t(lang, "Henvisning", "Reference"), ratio=1), Column(_t(lang, "Indhold", "Provides"), ratio=3),
         Column(_t(lang, "For kommunen", "For the municipality"), ratio=2)],
        _law_rows(knowledge, lang),
        title=_t(lang, "Ifølge notatet (2013)", "According to the note (2013)"),
    )]
    if knowledge.law["duties"]:
        from vold_cli.views.law import duties_table

        blocks.append(duties_table(knowledge, lang, files=False, caption=_t(
            lang, "Efter notatet, ikke fra notatet: kun det, kilderne nævner, ikke en fuld gennemgang af kommunens "
                  "pligter.",
            "After the note, not from the note: only what the sources name, not a full review of the "
            "municipality's duties.")))
    from vold_cli.core.newer import date_key
    from vold_cli.views.law import _KIND_TITLES, change_line, change_source

    found: list[tuple[str, Change]] = []
    for act in knowledge.law["acts"]:
        found += [(act["name"], change) for change in act["changes_since"]]
        for entry in (e for e in entries if e["act"] == act["id"]):
            found += [(law_label(knowledge, entry), change) for change in entry["changes_since"]]
    found.sort(key=lambda item: date_key(item[1]["date"]))  # date order in every view (stable within a date)
    for kind, (da, en) in _KIND_TITLES.items():
        mine = [(label, change) for label, change in found if change["kind"] == kind]
        if not mine:
            continue
        # the source named once in the list's title (each item's own authority stays with it)
        title = (_t(lang, da, en) + _t(lang, " (kilde: ", " (source: ")
                 + "; ".join(dict.fromkeys(change_source(knowledge, change, lang) for _, change in mine)) + ")")
        if kind == "changed":
            blocks.append(Notes([f"{label} — {change_line(knowledge, change, lang, source=False)}"
                                 for label, change in mine], title=title))
        else:  # a provision still in force, or an act older than the note: what and when, in one line
            blocks.append(Paragraph(f"{title}: " + "; ".join(f"{label} ({when(change['date'], lang)})"
                                                              for label, change in mine) + "."))
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


def citation_text(knowledge: KnowledgeBase, lang: str) -> str:
    """The note as published: 'Stenager, K. og Stevenson, G. (2013): Voksne, som lever med vold i nære relationer.
    Sociale indsatser, der virker. Socialstyrelsen. Første version udkom i efteråret 2013. ISBN ... (digital ...).'"""
    from vold_cli.i18n.localize import join

    meta = knowledge.meta
    c = meta["citation"]
    authors = join(c["authors"], lang)
    digital = _t(lang, f" (digital: {c['isbn_digital']})", f" (digital: {c['isbn_digital']})") \
        if c["isbn_digital"] else ""
    return (f"{authors} ({meta['year']}): {c['title']}. {c['subtitle']}. {meta['publisher']}. "
            f"{pick(c['first_version'], lang)} ISBN {c['isbn']}{digital}.")


def _sources(knowledge: KnowledgeBase, lang: str, today: str) -> list[Block]:
    meta = knowledge.meta
    cite = _t(lang,
              f"Citér som: {citation_text(knowledge, lang)} Udtræk med programmet vold {__version__} "
              f"(vidensbase {meta['knowledge_base_version']}) den {when(today, lang)}.",
              f"Cite as: {citation_text(knowledge, lang)} Extracted with vold {__version__} "
              f"(knowledge base {meta['knowledge_base_version']}) on {when(today, lang)}.")
    from vold_cli.i18n.localize import date

    cited = meta["citation"]["source"]["data"]  # the note's own imprint: in 'Cite as', not data beside the note
    def dated(d: DataSource) -> str:  # the date once: not again after 'Folketal i kommunerne 1. januar 2013'
        title, day = pick(d["title"], lang), date(d["date"], lang)
        return f"{title}: {pick(d['attribution'], lang)}" + ("" if day in title else f" ({day})")

    data = [dated(d) for d in meta["data_sources"] if d["id"] != cited]
    return [
        Fields([
            (_t(lang, "Metode", "Method"), pick(meta["method"], lang)),
            (_t(lang, "Vidensbase og dato", "Knowledge base and date"),
             _t(lang, f"version {meta['knowledge_base_version']}; rapporten er fra {when(today, lang)}; notatet lagde "
                      f"op til opdatering hvert {meta['update_interval_years']}. år (om det skete, er ikke registreret)",
                f"version {meta['knowledge_base_version']}; report of {when(today, lang)}; the note planned an update "
                f"every {meta['update_interval_years']} years (whether it came is not recorded)")),
        ]),
        BulletList(data, title=_t(lang, "Data uden for notatet", "Data from outside the note")),
        *_after_note_list(knowledge, lang),
        Paragraph(cite, style="strong"),
    ]


def _after_note(knowledge: KnowledgeBase, lang: str) -> list[list[tuple[str, str]]]:
    """What a planner in 2026 must know beyond the note, in groups of (what, the command that shows it): the law
    after the note and the municipality's duties today; the action plans, recommendations and national services,
    and the interventions not in the note; where the municipality's own crisis-centre figures are. The brief names
    them in its sources (by title); the commands are in its appendix."""
    from vold_cli.i18n.localize import join

    law = knowledge.law
    groups: list[list[tuple[str, str]]] = []
    laws = [(law_label(knowledge, e), f"vold law {short_ref(knowledge, e)}") for e in law["entries"] if not e["in_note"]]
    if law["duties"]:
        laws.append((_t(lang, "kommunens pligter i dag", "the municipality's duties today"), "vold law duties"))
    groups.append(laws)
    policy = knowledge.initiatives["since_note"]
    later = [(f"{pick(i['name'], lang).split(' (')[0]} ({_t(lang, 'ikke i notatet', 'not in the note')})",
              f"vold interventions {i['id']}") for i in knowledge.interventions["not_in_note"]]
    if policy:
        from vold_cli.views.initiatives import kind_text

        plans = [p["date"][:4] for p in policy if p["kind"] == "action-plan"]
        named = ([_t(lang, "handlingsplaner ", "action plans ") + join(plans, lang)] if plans else []) + [
            f"{kind_text(p, lang)} {p['date'][:4]}" for p in policy if p["kind"] != "action-plan"]
        later.insert(0, (join(named, lang), "vold initiatives"))
    groups.append(later)
    stats = knowledge.prevalence["crisis_centre_statistics"]
    if stats is not None:
        groups.append([(_t(lang, f"Egne krisecentertal: Statistikbanken {stats['tables'][0]} (efter bopælskommune)",
                           f"Own crisis-centre figures: Statistikbanken {stats['tables'][0]} (by home municipality)"),
                        "vold estimate --observed")])
    return [group for group in groups if group]


def _after_note_list(knowledge: KnowledgeBase, lang: str) -> list[Block]:
    """The sources' list of what came after the note, by title, one line per group (the commands: the appendix)."""
    groups = _after_note(knowledge, lang)
    if not groups:
        return []
    return [BulletList([" · ".join(what for what, _ in group) for group in groups],
                       title=_t(lang, "Efter notatet (ikke fra notatet): hvor det står; kommandoerne står i bilaget",
                                "After the note (not from the note): where to find it; the commands are in the "
                                "appendix"))]


# --- The first page: the manager's four questions, each answered in a few lines --------------------------

def _how_many(knowledge: KnowledgeBase, result: EstimateResult, lang: str) -> list[Block]:
    rows = [[pick(item["label"], lang), Styled(rounded_text(item, lang), "strong")] for item in result["estimates"]]
    return [Heading(_t(lang, "1. Hvor mange lokalt?", "1. How many locally?"), 3), Table(
        [Column(_t(lang, "Pr. år (notatets landstal, skaleret)", "Per year (the note's national figures, scaled)"),
                ratio=4),
         Column(_t(lang, "Lokalt", "Local"), justify="right", no_wrap=True)],
        rows,
        caption=_t(lang, "Meget løst skøn efter notatets metode; tal fra omkring 2013. Forbehold: afsnit 1.",
                   "Very loose estimate by the note's method; figures from around 2013. Caveats: section 1."),
    )]


def _age(knowledge: KnowledgeBase, lang: str, today: str) -> list[Block]:
    """The basis and the age of the knowledge, in one line under the title of the first page: the note's year,
    the update interval it planned, the latest fact checked after it, and the date of the report."""
    from vold_cli.core.newer import knowledge_age

    age = knowledge_age(knowledge)
    publisher = knowledge.meta["publisher"]
    checked = age["latest_checked"]
    return [Paragraph(_t(
        lang, f"Grundlag: {publisher}s vidensnotat ({age['note_year']}; opdatering planlagt hvert "
              f"{age['update_interval_years']}. år); kilder efter notatet efterprøvet "
              f"{when(checked, lang) if checked else '(dato ikke registreret)'}. Udarbejdet {when(today, lang)}.",
        f"Based on {publisher}'s knowledge note ({age['note_year']}; an update planned every "
        f"{age['update_interval_years']} years); sources after it checked "
        f"{'on ' + when(checked, lang) if checked else '(date not recorded)'}. Prepared {when(today, lang)}."),
        style="muted")]


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
    return [Heading(_t(lang, "2. Hvad virker? (dokumenteret effekt ifølge notatet; mere: afsnit 2)",
                       "2. What works? (documented effect per the note; more: section 2)"), 3), Fields(pairs)]


def _law_page(knowledge: KnowledgeBase, lang: str) -> list[Block]:
    """The provisions the note names, one line per act, and the real changes after the note (kind `changed`),
    newest first; changes without a date are counted and left to section 4, as are the items that only confirm
    a provision is still in force (`unchanged`) or date from before the note (`background`)."""
    entries = knowledge.law["entries"]
    pairs: list[str] = []
    changes: list[tuple[str, str, str]] = []  # (date, text, source)
    year = int(knowledge.meta["year"])
    from vold_cli.views.law import change_source

    for act in knowledge.law["acts"]:
        own = [e for e in entries if e["act"] == act["id"] and e["in_note"]]
        parts = []
        for entry in own:
            title = pick(entry["title"], lang)
            if entry["section"]:
                parts.append(f"§ {entry['section']}" + (f" {title.split(' — ', 1)[1]}" if " — " in title else ""))
        if own:
            pairs.append(act["name"] + (" " + ", ".join(parts) if parts else ""))
        changes += [(str(c["date"]), f"{act['name']} ({when(c['date'], lang)}): {pick(c['text'], lang)}",
                     change_source(knowledge, c, lang))
                    for c in act["changes_since"] if c["kind"] == "changed" and own]
        for entry in own:
            changes += [(str(c["date"]), f"{law_label(knowledge, entry)} ({when(c['date'], lang)}): "
                                         f"{pick(c['text'], lang)}", change_source(knowledge, c, lang))
                        for c in entry["changes_since"] if c["kind"] == "changed"]
    dated = sorted((c for c in changes if c[0][:4].isdigit() and int(c[0][:4]) >= year), reverse=True)
    blocks: list[Block] = [
        Heading(_t(lang, "3. Hvad siger loven?", "3. What does the law say?"), 3),
        Paragraph(_t(lang, "Notatet (2013) nævner: ", "The note (2013) names: ") + " · ".join(pairs) + "."),
    ]

    if changes:
        rest = len(changes) - len(dated)
        more = [_t(lang, f"{rest} {'ændring' if rest == 1 else 'ændringer'} mere uden dato, og alle detaljer: afsnit 4.",
                   f"{rest} more {'change' if rest == 1 else 'changes'} without a date, and all details: section 4.")
                ] if rest else [_t(lang, "Detaljer: afsnit 4.", "Details: section 4.")]
        sources = "; ".join(dict.fromkeys(source for _, _, source in dated)) or _t(lang, "afsnit 4", "section 4")
        blocks.append(Notes([text for _, text, _ in dated] + more,
                            title=_t(lang, f"Ændret siden notatet (ikke fra notatet; kilde: {sources})",
                                     f"Changed since the note (not from the note; source: {sources})")))
    return blocks


def _costs_page(result: EstimateResult, lang: str) -> list[Block]:
    costs = result["costs"]
    return [Heading(_t(lang, "4. Hvad koster det?", "4. What does it cost?"), 3), Table(
        [Column(_t(lang, "Omkostning pr. år (Voldens pris, 2010)", "Cost per year (Voldens pris, 2010)"), ratio=4),
         Column(_t(lang, "Lokalt (skaleret)", "Local (scaled)"), justify="right", no_wrap=True)],
        [[pick(c["label"], lang), Styled(cost_text(c, lang), "strong")] for c in costs["items"]],
        caption=(_t(lang, "Skalerede landstal", "Scaled national figures")
                 + ("" if costs["total_given"] else _t(lang, "; kan overlappe, lægges ikke sammen",
                                                       "; may overlap, not added up"))
                 + (_t(lang, ". 2010-rapportens priser (data 2002-2005), ikke omregnet",
                       ". The 2010 report's prices (data 2002-2005), not adjusted") if costs["price_level"] else "")
                 + _t(lang, ". Mere: afsnit 7.", ". More: section 7.")),
    )]


def _offers_page(offers: CheckResult, section: int, lang: str) -> list[Block]:
    """With --offers: what the municipality offers that the note does not recommend, and the largest gaps."""
    from vold_cli.views.check import summary_items

    avoid, gaps, count = summary_items(offers, lang)
    items = [_t(lang, "Kommunen tilbyder, hvad notatet ikke anbefaler: ",
                "The municipality offers what the note does not recommend: ") + "; ".join(avoid) + "."
             if avoid else _t(lang, "Intet af tilbuddene svarer til en indsats, notatet ikke anbefaler.",
                              "None of the offers matches an intervention the note does not recommend.")]
    if gaps:
        items += [_t(lang, "Hul, intet tilbud: ", "Gap, no offer: ") + gap + "." for gap in gaps]
    cells = len(offers["coverage"]["cells"])
    more = (_t(lang, f"{count} af {cells} celler af fase × målgruppe er huller i kommunens tilbud",
               f"{count} of {cells} cells of phase × target group are gaps in the municipality's offers") if count else
            _t(lang, "Ingen huller i fase × målgruppe", "No gaps in phase × target group"))
    return [Heading(_t(lang, "5. Kommunens egne tilbud", "5. The municipality's own offers"), 3),
            BulletList(items + [more + _t(lang, f"; alle detaljer: afsnit {section}.",
                                          f"; all details: section {section}.")])]


def first_page(knowledge: KnowledgeBase, result: EstimateResult, lang: str,
               offers: CheckResult | None = None, offers_section: int = 0) -> list[Block]:
    """Under a heading of its own, the answer first (the summary to paste into a committee paper), then the four
    answers a manager asks for (five with the municipality's own offers), on one printed page; everything else
    follows as numbered sections."""
    return [
        Heading(_t(lang, "Overblik", "At a glance"), 2),
        *summary_blocks(result, lang, heading=False),
        *_how_many(knowledge, result, lang),
        *_what_works(knowledge, lang),
        *_law_page(knowledge, lang),
        *_costs_page(result, lang),
        *(_offers_page(offers, offers_section, lang) if offers is not None else []),
        PageBreak(),
    ]


def _appendix(knowledge: KnowledgeBase, sections: list[tuple[str, str]], lang: str) -> list[Block]:
    """'How the figures were made': the command that shows each section again and the data files beside the note.
    The only place of the brief with command lines and file names (the brief itself is for people)."""
    from vold_cli.i18n.localize import join

    meta = knowledge.meta
    rows: list[list[Cell]] = [[heading, command] for heading, command in sections]
    after = _after_note(knowledge, lang)
    files = join([d["file"] for d in meta["data_sources"]], lang)  # their titles: the sources section
    return [
        Paragraph(_t(lang, f"Hvert tal kan findes igen med programmet vold {__version__} (vidensbase "
                           f"{meta['knowledge_base_version']}): kommandoerne viser hvert afsnit igen, med --format json "
                           "som data.",
                     f"Every figure can be found again with vold {__version__} (knowledge base "
                     f"{meta['knowledge_base_version']}): the commands show each section again, with --format json "
                     "as data.")),
        Table([Column(_t(lang, "Afsnit", "Section"), ratio=2), Column(_t(lang, "Kommando", "Command"), ratio=3)],
              rows, title=_t(lang, "Kommandoer", "Commands")),
        *([Paragraph(_t(lang, "Efter notatet (ikke fra notatet), hvor det står: ",
                        "After the note (not from the note), where to find it: ")
                     + "; ".join(f"{what}: {command}" for group in after for what, command in group)
                     + f" (--lang {lang}).")] if after else []),
        Paragraph(_t(lang, "Datafilerne i vidensbasen, som tallene uden for notatet kommer fra: ",
                     "The data files in the knowledge base that the figures from outside the note come from: ")
                  + files + "."),
    ]


def report_document(knowledge: KnowledgeBase, result: EstimateResult, lang: str, today: str,
                    offers: CheckResult | None = None, *, where: str = "", offers_file: str = "") -> Document:
    """The brief in the order a manager reads it: who, how many, what works, gaps, law, how, cost, who else.
    `offers` (a check.CheckResult from `vold report --offers FILE`) adds the municipality's own offers, on the
    first page and as a numbered section. `where` (the brief's own options for the population, e.g.
    '--municipality Viborg') and `offers_file` fill in the appendix's commands."""
    offers_section = 9 if offers is not None else 0
    doc = Document()
    doc.add(Heading(_t(lang, "Planlægningsgrundlag: vold i nære relationer", "Planning brief: violence in close relationships")))
    doc.add(Paragraph(title_text(result, lang), style="strong"))
    doc.blocks += _age(knowledge, lang, today)
    doc.blocks += first_page(knowledge, result, lang, offers, offers_section)
    sections: list[tuple[str, str]] = []  # (heading, the command that shows it again), for the appendix
    more = f" {where}" if where else ""
    more += f" --lang {lang}"

    def section(da: str, en: str, command: str) -> None:
        heading = _t(lang, da, en)
        doc.add(Heading(heading, 2))
        sections.append((heading, command))

    section("1. Skøn over antal berørte", "1. Estimated number affected", f"vold estimate{more}")
    if result["observed"]["items"]:
        doc.blocks += observed_blocks(knowledge, result, lang)
    doc.blocks += figure_blocks(knowledge, result, lang)
    doc.blocks += newer_blocks(knowledge, result, lang)
    doc.add(chart_block(result, lang))
    doc.blocks += expectation_blocks(result, lang)
    doc.blocks += benchmark_blocks(knowledge, result, lang)
    doc.blocks += caveat_blocks(result, lang, newer_texts=not result["newer_estimates"])

    section("2. Indsatser og evidens", "2. Interventions and evidence",
            f"vold interventions --lang {lang}; " + _t(lang, "én indsats: vold interventions ID (id'erne: ",
                                                            "one intervention: vold interventions ID (the ids: ")
            + f"vold interventions --format json --lang {lang})")
    doc.blocks += _interventions(knowledge, lang)

    section("3. Evidenskort", "3. Evidence gap map", f"vold map --lang {lang}")
    doc.blocks += map_doc(knowledge, evidence_map(knowledge, lambda i: pick(i["name"], lang)), lang,
                          groups_table=False).blocks

    section("4. Lovgivning", "4. Law",
            "; ".join(f"vold law {short_ref(knowledge, e)}" for e in knowledge.law["entries"]) + f" (--lang {lang})")
    doc.blocks += _law(knowledge, lang)

    section("5. Implementeringsstrategier", "5. Implementation strategies",
            f"vold implementation strategies --lang {lang}")
    doc.blocks += [b for b in implementation_doc(knowledge, "strategies", lang).blocks if not isinstance(b, Heading)]

    section("6. Dokumentation: mål og indikatorer", "6. Documentation: goals and indicators",
            f"vold documentation --lang {lang}")
    # the rounds after the note are named in the sources' list of what came after it
    doc.blocks += [b for b in documentation_doc(knowledge, lang).blocks
                   if not (isinstance(b, Notes) and b.title.startswith(_t(lang, "Efter notatet", "After the note")))]

    section("7. Økonomi", "7. Costs", f"vold estimate{more}; vold economy --lang {lang}")
    doc.blocks += cost_blocks(result, lang)

    section("8. Initiativer i notatet (2013) og notatets kontakter",
            "8. Initiatives listed in the note (2013) and the note's contacts", f"vold initiatives --lang {lang}")
    doc.blocks += _initiatives(knowledge, lang, today)

    if offers is not None:
        from vold_cli.views.check import check_blocks

        section(f"{offers_section}. Kommunens egne tilbud holdt op mod notatet",
                f"{offers_section}. The municipality's own offers against the note",
                f"vold check {offers_file or _t(lang, 'FIL', 'FILE')}{more}")
        doc.blocks += check_blocks(offers, lang, level=3, number=str(offers_section), brief=True)

    section(f"{offers_section + 1 if offers is not None else 9}. Kilder",
            f"{offers_section + 1 if offers is not None else 9}. Sources",
            f"vold kb info --lang {lang}")
    doc.blocks += _sources(knowledge, lang, today)

    doc.add(Heading(_t(lang, "Bilag: Sådan er tallene fundet", "Appendix: How the figures were made"), 2))
    doc.blocks += _appendix(knowledge, sections, lang)
    doc.data = {"population": result["population"], "municipality": result["municipality"], "date": today}
    return doc
