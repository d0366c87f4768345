"""`vold check`: the municipality's offers against the note, as a Document (table, Markdown, HTML via the
report) and as JSON and CSV data. Every sentence in our own words is worded here, in both languages; the
texts from the knowledge base come with the result (`check.Text`, a `Bilingual`)."""

from __future__ import annotations

import dataclasses

from vold_cli.core.check import CheckResult, OfferCheck, Step, Suggestion
from vold_cli.i18n.bilingual import Bilingual as Text
from vold_cli.i18n.lang import pick
from vold_cli.i18n.lang import tr as _t
from vold_cli.i18n.localize import attribution, when
from vold_cli.i18n.localize import decimal as fmt_dec
from vold_cli.i18n.localize import number as fmt_int
from vold_cli.output.blocks import (
    Block,
    BulletList,
    Cell,
    Column,
    Document,
    Heading,
    Lines,
    Notes,
    Paragraph,
    Styled,
    Table,
)
from vold_cli.text import suggest
from vold_cli.views.common import localize_record
from vold_cli.views.names import municipality as official_name


def _l(text: Text | None, lang: str) -> str:
    return pick(text, lang)


class _Names:
    def __init__(self, result: CheckResult, lang: str) -> None:
        self.lang = lang
        self.level = {lv.id: pick(lv.name, lang) for lv in result.levels}
        self.phase = {p.id: pick(p.name, lang) for p in result.coverage.phases}
        self.target = {t.id: pick(t.name, lang) for t in result.coverage.targets}
        self.offer = {c.line: c.offer for c in result.offers}
        self.law = {item.id: item for item in result.law}
        self.capacity = result.capacity

    def offer_ref(self, line: int) -> str:
        return _t(self.lang, f"{self.offer.get(line, '?')} (linje {line})", f"{self.offer.get(line, '?')} (line {line})")

    def suggestion(self, s: Suggestion) -> str:
        return f"{pick(s.name, self.lang)} ({self.grade(s.evidence, s.designs)})"

    def grade(self, level: str, designs: tuple[str, ...]) -> str:
        """'● Dokumenteret effekt · design ikke oplyst': the level with its mark, the design beside it."""
        from vold_cli.views.common import design_text, mark

        return f"{mark(level)} {self.level.get(level, level)} · {design_text(designs, self.lang)}".lstrip()


def _match_text(c: OfferCheck, lang: str) -> str:
    return {
        "id": "", "name": "",
        "prefix": _t(lang, f"genkendt ud fra '{c.given}'", f"recognised from '{c.given}'"),
        "fuzzy": _t(lang, f"genkendt ud fra '{c.given}' (stavet lidt anderledes)",
                    f"recognised from '{c.given}' (spelt a little differently)"),
        "offer-name": _t(lang, "genkendt ud fra tilbuddets navn", "recognised from the offer's name"),
    }.get(c.match, "")


def _not_in_note(c: OfferCheck, n: _Names) -> str:
    lang = n.lang
    if c.match == "not-given":
        head = _t(lang, "Ingen indsats angivet; ikke genkendt i notatet", "No intervention given; not recognised in the note")
    else:
        head = _t(lang, f"Ikke i notatet ('{c.given}')", f"Not in the note ('{c.given}')")
    close = [s for s in c.suggestions if s.by == "name"]
    related = [s for s in c.suggestions if s.by == "text"]
    parts = [head + "."]
    if close:
        parts.append(pick(suggest([n.suggestion(s) for s in close]), lang))
    if related:
        parts.append(_t(lang, "Notatet omtaler dette under: ", "The note covers this under: ")
                     + ", ".join(n.suggestion(s) for s in related) + ".")
    return " ".join(parts)


def _where(c: OfferCheck, lang: str) -> str:
    if not c.source:
        return ""
    parts = [pick(c.source.section.name, lang)] if c.source.section else []
    if c.source.refs:
        parts.append("ref. " + ", ".join(str(r) for r in c.source.refs))
    return ", ".join(parts)


def _offer_blocks(result: CheckResult, n: _Names) -> list[Block]:
    lang = n.lang
    blocks: list[Block] = [Heading(_t(lang, "1. Tilbuddene og notatet", "1. The offers and the note"), 2)]
    avoid = [c for c in result.offers if c.not_recommended]
    if avoid:
        blocks.append(Notes(
            [f"{n.offer_ref(c.line)} → {_l(c.intervention.name if c.intervention else None, lang)}: "
             f"{_l(c.reason, lang)}" for c in avoid],
            title=_t(lang, "Tilbud, som notatet ikke anbefaler", "Offers the note does not recommend")))
    rows = []
    for c in result.offers:
        if c.intervention:
            match = _match_text(c, lang)
            found: Cell = Lines([Styled(pick(c.intervention.name, lang), "strong"), Styled(c.intervention.id, "muted")]
                               + ([Styled(match, "muted")] if match else []))
            level = Styled(n.grade(c.evidence.id, c.designs), c.evidence.id) if c.evidence else Styled("—", "muted")
            action = _l(c.evidence.action if c.evidence else None, lang)
        else:
            found = Styled(_not_in_note(c, n), "warn")
            level = Styled("—", "muted")
            action = _t(lang, "Notatet siger intet om netop dette tilbud; se punkt 5.",
                        "The note says nothing about this offer as such; see part 5.")
        rows.append([Lines([Styled(c.offer, "strong"), Styled(_t(lang, f"linje {c.line}", f"line {c.line}"), "muted")]),
                     found, level, action])
    blocks.append(Table(
        [Column(_t(lang, "Tilbud", "Offer"), ratio=2), Column(_t(lang, "Indsats i notatet", "Intervention in the note"), ratio=3),
         Column(_t(lang, "Evidens", "Evidence"), ratio=1), Column(_t(lang, "Niveauet lægger op til", "The level suggests"), ratio=3)],
        rows, title=_t(lang, "Hvert tilbud holdt op mod notatets indsatser", "Each offer against the note's interventions"),
        caption=_t(lang, "Evidensniveauet er vurderet ud fra notatet (2013); det siger intet om kvaliteten af netop "
                         "kommunens tilbud.",
                   "The evidence level is graded from the note (2013); it says nothing about the quality of the "
                   "municipality's own offer."),
    ))
    said = []
    for c in result.offers:
        if not c.intervention:
            continue
        text = f"{c.offer} → {pick(c.intervention.name, lang)}: {_l(c.reason, lang)}"
        if c.design:
            text += " " + _t(lang, "Design: ", "Design: ") + _l(c.design, lang)
        where = _where(c, lang)
        if where:
            text += f" ({_t(lang, 'notatet', 'the note')}: {where})"
        said.append(text)
    if said:
        blocks.append(BulletList(said, title=_t(lang, "Hvad notatet siger", "What the note says")))
    return blocks


def _coverage_blocks(result: CheckResult, n: _Names) -> list[Block]:
    lang = n.lang
    cov = result.coverage
    by = {(c.target, c.phase): c for c in cov.cells}
    not_recommended = {c.line for c in result.offers if c.not_recommended}
    rows = []
    for target in cov.targets:
        row: list[Cell] = [Styled(pick(target.name, lang), "strong")]
        for phase in cov.phases:
            cell = by[(target.id, phase.id)]
            parts: list[str | Styled] = []
            counted = [line for line in cell.offers if line not in not_recommended]
            uncounted = [line for line in cell.offers if line in not_recommended]
            if counted:
                parts.append(Styled("✓ " + ", ".join(n.offer.get(line, "?") for line in counted), "documented"))
            if uncounted:  # never a tick: the note does not recommend it, so it covers nothing
                parts.append(Styled("✕ " + ", ".join(n.offer.get(line, "?") for line in uncounted)
                                    + _t(lang, " (anbefales ikke; tæller ikke)", " (not recommended; does not count)"),
                                    "not-recommended"))
            if cell.gap:
                parts.append(Styled(_t(lang, "hul: ", "gap: ") + ", ".join(n.suggestion(s) for s in cell.evidenced), "gap"))
            elif cell.missing:
                parts.append(Styled(_t(lang, "notatet også: ", "the note also: ")
                                    + ", ".join(n.suggestion(s) for s in cell.missing), "muted"))
            row.append(Lines(parts) if parts else Styled("—", "muted"))
        rows.append(row)
    levels = _t(lang, " eller ", " or ").join(n.level[lv].lower() for lv in cov.evidenced_levels)
    gaps = sum(1 for c in cov.cells if c.gap)
    blocks: list[Block] = [
        Heading(_t(lang, "2. Dækning: forebyggelsesfase × målgruppe", "2. Coverage: prevention phase × target group"), 2),
        Table([Column(_t(lang, "Målgruppe", "Target group"), ratio=1, min_width=10)]
              + [Column(pick(p.name, lang), ratio=2) for p in cov.phases], rows,
              caption=_t(lang, f"✓ = tilbud, der dækker cellen; ✕ = tilbud, notatet ikke anbefaler. Hul = notatet har her indsatser med {levels} og intet "
                               "tilbud dækker cellen (et tilbud, notatet ikke anbefaler, tæller ikke).",
                         f"✓ = offers covering the cell; ✕ = offers the note does not recommend. Gap = the note has interventions with {levels} here and no "
                         "offer covers the cell (an offer the note does not recommend does not count).")),
        Paragraph(_t(lang, f"{gaps} af {len(cov.cells)} celler er huller.", f"{gaps} of {len(cov.cells)} cells are gaps."),
                  style="warn" if gaps else ""),
    ]
    if cov.unplaced:
        blocks.append(Notes([n.offer_ref(line) for line in cov.unplaced],
                            title=_t(lang, "Uden fase eller målgruppe (ikke med i dækningen)",
                                     "Without phase or target group (not in the coverage)")))
    return blocks


def _law_blocks(result: CheckResult, n: _Names) -> list[Block]:
    lang = n.lang
    via = {"lov": _t(lang, "lov-kolonnen", "law column"), "intervention": _t(lang, "via indsatsen", "via the intervention")}
    rows = []
    for item in result.law:
        linked = (", ".join(f"{o.offer} ({via[o.via]})" for o in item.offers) if item.offers
                  else Styled(_t(lang, "intet tilbud knyttet — se på den", "no offer linked — look at it"), "warn"))
        own, whole = len(item.changes), len(item.act_changes)
        if own:
            extra = _t(lang, f"; loven i øvrigt: {whole}", f"; the act otherwise: {whole}") if whole else ""
            changed: Styled | str = Styled(_t(lang, f"ja ({own})", f"yes ({own})") + extra, "warn")
        elif whole:
            changed = _t(lang, f"ikke denne bestemmelse; loven i øvrigt: {whole}",
                         f"not this provision; the act otherwise: {whole}")
        else:
            changed = _t(lang, "ingen ændring registreret", "no change recorded")
        rows.append([Lines([Styled(item.label, "strong"), Styled(f"vold law {item.ref}", "muted")]),
                     pick(item.title, lang), linked, changed])
    blocks: list[Block] = [
        Heading(_t(lang, "3. Tjekliste: notatets lovhenvisninger", "3. Checklist: the note's legal references"), 2),
        Paragraph(_t(lang, "En tjekliste at gå igennem, ikke en vurdering af, om kommunen overholder loven. Et tilbud "
                           "er knyttet til en bestemmelse gennem filens lov-kolonne eller gennem den indsats i notatet, "
                           "det svarer til.",
                     "A checklist to go through, not a verdict on whether the municipality complies with the law. An "
                     "offer is linked to a provision through the file's law column or through the note's "
                     "intervention it matches."), style="strong"),
        Table([Column(_t(lang, "Henvisning", "Reference"), ratio=2), Column(_t(lang, "Titel", "Title"), ratio=3),
               Column(_t(lang, "Tilbud knyttet", "Offers linked"), ratio=3),
               Column(_t(lang, "Ændret siden notatet", "Changed since the note"), ratio=1)], rows,
              title=_t(lang, "Ifølge notatet (2013)", "According to the note (2013)")),
    ]
    changes = []
    for item in result.law:
        changes += [f"{item.label} — {when(ch.date, lang)}: {pick(ch.text, lang)} "
                    f"({attribution(ch.authority, ch.reported_by, lang)})" for ch in item.changes]
        changes += [f"{item.act} — {when(ch.date, lang)}: {pick(ch.text, lang)} "
                    f"({attribution(ch.authority, ch.reported_by, lang)})" for ch in item.act_changes]
    if changes:
        blocks.append(Notes(list(dict.fromkeys(changes)),
                            title=_t(lang, "Ændret siden notatet — ikke fra notatet (kilde: Ændringer efter notatet)",
                                     "Changed since the note — not from the note (source: Changes after the note)")))
    unknown = [f"{n.offer_ref(c.line)}: '{raw}'" + (f" — {pick(hint, lang)}" if hint else "")
               for c in result.offers for raw, hint in c.law_unknown]
    if unknown:
        blocks.append(Notes(unknown, title=_t(lang, "Lovhenvisninger i filen, som notatet ikke nævner",
                                              "Legal references in the file that the note does not name")))
    return blocks


def _capacity_blocks(result: CheckResult, n: _Names) -> list[Block]:
    lang = n.lang
    cap = result.capacity
    blocks: list[Block] = [Heading(_t(lang, "4. Behov og kapacitet: krisecenterpladser", "4. Need and capacity: crisis-centre places"), 2)]
    if not cap.offers:
        blocks.append(Paragraph(_t(lang, "Ingen af tilbuddene er et krisecentertilbud (knyttet til serviceloven § 109).",
                                   "None of the offers is a crisis-centre offer (linked to the Social Services Act § 109)."),
                                style="muted"))
    if cap.population is None:
        blocks.append(Paragraph(_t(lang, "Angiv --population N, --municipality NAVN eller --region NAVN for at sammenligne med "
                                         "Europarådets norm og det forventede antal ophold.",
                                   "Give --population N, --municipality NAME or --region NAME to compare with the Council of Europe "
                                   "benchmark and the expected number of stays."), style="warn"))
        return blocks
    where = (cap.region if cap.region else official_name(cap.municipality) if cap.municipality
             else _t(lang, "Befolkningen", "Population"))
    people = fmt_int(cap.population, lang)
    year = f", {cap.year}" if cap.year else ""
    rows: list[list[Cell]] = []
    if cap.offers:
        rows.append([_t(lang, "Pladser i kommunens krisecentertilbud", "Places in the municipality's crisis-centre offers"),
                     Styled(fmt_int(cap.places, lang), "strong"),
                     ", ".join(n.offer.get(line, "?") for line in cap.offers)])
    for b in cap.benchmarks:
        rows.append([pick(b.name, lang), Styled(fmt_dec(b.local, lang), "strong"),
                     _t(lang, f"{fmt_int(b.places, lang)} pr. {fmt_int(b.per_inhabitants, lang)} indbyggere. ",
                        f"{fmt_int(b.places, lang)} per {fmt_int(b.per_inhabitants, lang)} inhabitants. ") + pick(b.status, lang)])
    for s in cap.stays:
        qualifier = {"about": "ca. ", "just-over": _t(lang, "godt ", "just over "),
                     "just-under": _t(lang, "knap ", "just under ")}.get(s.approx, "")  # as the note writes it
        national = qualifier + fmt_int(s.national, lang)
        rows.append([pick(s.label, lang), Styled(f"ca. {fmt_int(s.rounded, lang)}", "strong"),
                     _t(lang, f"{fmt_dec(s.local, lang)} {pick(s.unit, lang)} pr. år: landstallet {national} "
                              "skaleret med befolkningens andel, som i vold estimate",
                        f"{fmt_dec(s.local, lang)} {pick(s.unit, lang)} per year: the national {national} "
                        "scaled by the population's share, as in vold estimate")])
    blocks.append(Table([Column(_t(lang, "Hvad", "What"), ratio=3), Column(_t(lang, "Antal", "Number"), justify="right", no_wrap=True),
                         Column(_t(lang, "Grundlag", "Basis"), ratio=4)], rows,
                        title=_t(lang, f"{where}: {people} indbyggere{year}", f"{where}: {people} inhabitants{year}")))
    notes = [
        _t(lang, "Et meget løst skøn, lavet på notatets egen måde (proportionalt med folketallet); landstallene er fra "
                 f"notatets periode (omkring {cap.reference_date[:4]}).",
           "A very loose estimate, made the note's own way (proportional to the population); the national figures are "
           f"from the note's period (around {cap.reference_date[:4]})."),
        _t(lang, "Ophold er ikke personer: nogle kvinder har flere ophold om året. Ophold siger heller ikke, hvor mange "
                 "pladser der skal til, for notatet oplyser ikke opholdenes længde.",
           "Stays are not persons: some women have more than one stay a year. Nor do stays say how many places are "
           "needed, for the note gives no length of stay."),
        _t(lang, "Normen tæller familiepladser; pladserne i filen er talt, som kommunen selv tæller dem.",
           "The benchmark counts family places; the places in the file are counted as the municipality counts them."),
    ]
    if cap.without_places:
        notes.append(_t(lang, "Uden antal pladser i filen: ", "No number of places in the file: ")
                     + ", ".join(n.offer_ref(line) for line in cap.without_places) + ".")
    blocks.append(Notes(notes, title=_t(lang, "Forbehold", "Caveats")))
    return blocks


def step_text(step: Step, n: _Names) -> str:
    lang = n.lang
    offers = ", ".join(n.offer_ref(line) for line in step.offers)
    if step.kind == "not-recommended":
        return _t(lang, f"Se på {offers}: den svarer til en indsats, som notatet ikke anbefaler ({n.level[step.level]}).",
                  f"Look at {offers}: it matches an intervention the note does not recommend ({n.level[step.level]}).")
    if step.kind == "gap":
        groups = ", ".join(n.target[t] for t in step.targets)
        names = ", ".join(n.suggestion(s) for s in step.interventions)
        return _t(lang, f"{n.phase[step.phase]} for {groups.lower()}: intet tilbud; notatet omtaler {names}.",
                  f"{n.phase[step.phase]} for {groups.lower()}: no offer; the note discusses {names}.")
    if step.kind == "not-in-note":
        hint = ", ".join(n.suggestion(s) for s in step.interventions)
        return _t(lang, f"Find ud af, hvad {offers} bygger på: notatet nævner det ikke"
                        + (f" (nærmest: {hint})." if hint else "."),
                  f"Find out what {offers} rests on: the note does not name it" + (f" (closest: {hint})." if hint else "."))
    if step.kind == "weak-evidence":
        return _t(lang, f"{offers}: {n.level[step.level].lower()} ifølge notatet; dokumentér og følg op.",
                  f"{offers}: {n.level[step.level].lower()} according to the note; document it and follow up.")
    if step.kind == "capacity":
        cap = n.capacity
        bench = next(b for b in cap.benchmarks if b.id == step.laws[0])
        return _t(lang, f"Krisecenterpladser: {fmt_int(cap.places, lang)} mod Europarådets norm på {fmt_dec(bench.local, lang)} "
                        "(en planlægningsnorm, ikke et dansk lovkrav).",
                  f"Crisis-centre places: {fmt_int(cap.places, lang)} against the Council of Europe benchmark of "
                  f"{fmt_dec(bench.local, lang)} (a planning benchmark, not a Danish legal requirement).")
    if step.kind == "no-population":
        return _t(lang, "Angiv --population eller --municipality for at holde krisecenterpladserne op mod normen.",
                  "Give --population or --municipality to hold the crisis-centre places against the benchmark.")
    if step.kind == "law":
        refs = ", ".join(n.law[i].label for i in step.laws)
        return _t(lang, f"Gå lovhenvisningerne uden tilknyttet tilbud igennem: {refs}.",
                  f"Go through the legal references with no offer linked: {refs}.")
    if step.kind == "unplaced":
        return _t(lang, f"Angiv fase og målgruppe for {offers}, så det kommer med i dækningen.",
                  f"Give a phase and target group for {offers}, so that it counts in the coverage.")
    return str(step.kind)


def _steps_blocks(result: CheckResult, n: _Names) -> list[Block]:
    lang = n.lang
    items = [f"{i}. {step_text(s, n)}" for i, s in enumerate(result.steps, start=1)]
    return [Heading(_t(lang, "5. Hvad der skal ses på nu, i rækkefølge", "5. What to look at next, in order"), 2),
            BulletList(items or [_t(lang, "Intet at bemærke.", "Nothing to remark.")])]


def check_blocks(result: CheckResult, lang: str, *, level: int = 2) -> list[Block]:
    """The five parts as blocks; `level` is the heading level of the parts (the report nests them deeper)."""
    n = _Names(result, lang)
    blocks = (_offer_blocks(result, n) + _coverage_blocks(result, n) + _law_blocks(result, n)
              + _capacity_blocks(result, n) + _steps_blocks(result, n))
    if level != 2:
        blocks = [Heading(b.text, level) if isinstance(b, Heading) else b for b in blocks]
    return blocks


def _lists(node: object) -> object:
    """Tuples as lists, so that `localize` reaches the texts inside them."""
    if isinstance(node, dict):
        return {key: _lists(value) for key, value in node.items()}
    if isinstance(node, (list, tuple)):
        return [_lists(value) for value in node]
    return node


def _record(item: CheckResult | Step, lang: str) -> dict[str, object]:
    """A result (or one step) as a JSON record: tuples as lists, texts in `lang`."""
    record = _lists(dataclasses.asdict(item))
    assert isinstance(record, dict)
    return localize_record(record, lang)


def _data(result: CheckResult, lang: str) -> dict[str, object]:
    n = _Names(result, lang)
    data = _record(result, lang)
    data["not_recommended"] = [c.line for c in result.offers if c.not_recommended]
    data["steps"] = [dict(_record(s, lang), text=step_text(s, n), number=i)
                     for i, s in enumerate(result.steps, start=1)]
    data["notice"] = _t(lang, "Lovdelen er en tjekliste, ikke en vurdering af, om loven overholdes. Skøn er meget løse.",
                        "The law part is a checklist, not a verdict on compliance. Estimates are very loose.")
    return _labelled(data, n)


def _labelled(data: dict[str, object], n: _Names) -> dict[str, object]:
    """Beside each phase, target group and evidence id its label in the chosen language (render/labels.py)."""
    from vold_cli.views.labels import add_labels

    return add_labels(data, _vocabularies(n))


def _vocabularies(n: _Names) -> dict[str, dict[str, str]]:
    return {"phase": n.phase, "target": n.target, "evidence": n.level}


def _design_label(designs: tuple[str, ...], lang: str) -> str:
    from vold_cli.views.common import design_text

    return design_text(designs, lang)


def _rows(result: CheckResult, lang: str) -> list[dict[str, object]]:
    n = _Names(result, lang)
    rows: list[dict[str, object]] = []
    for c in result.offers:
        rows.append({"kind": "offer", "line": c.line, "offer": c.offer,
                     "intervention": c.intervention.id if c.intervention else "",
                     "name": _l(c.intervention.name, lang) if c.intervention else _not_in_note(c, n),
                     "evidence": c.evidence.id if c.evidence else "",
                     "design_label": _design_label(c.designs, lang) if c.evidence else "",
                     "text": _l(c.reason, lang), "design": _l(c.design, lang),
                     "action": _l(c.evidence.action if c.evidence else None, lang),
                     "not_recommended": c.not_recommended, "phase": list(c.phases), "target": list(c.targets),
                     "places": c.places})
    for cell in result.coverage.cells:
        rows.append({"kind": "coverage", "phase": cell.phase, "target": cell.target,
                     "offer": [n.offer.get(line, "") for line in cell.offers],
                     "intervention": [s.id for s in cell.evidenced], "gap": cell.gap})
    for item in result.law:
        rows.append({"kind": "law", "intervention": "", "name": item.label, "text": pick(item.title, lang),
                     "law": item.ref, "offer": [o.offer for o in item.offers],
                     "changes_since_note": len(item.changes) + len(item.act_changes)})
    cap = result.capacity
    if cap.population is not None:
        rows.append({"kind": "capacity", "name": _t(lang, "pladser i krisecentertilbud", "places in crisis-centre offers"),
                     "places": cap.places, "offer": [n.offer.get(line, "") for line in cap.offers]})
        rows += [{"kind": "benchmark", "name": pick(b.name, lang), "local": b.local, "text": pick(b.status, lang)}
                 for b in cap.benchmarks]
        rows += [{"kind": "expected-stays", "name": pick(s.label, lang), "local": s.local, "rounded": s.rounded,
                  "text": _t(lang, "meget løst skøn", "very loose estimate")} for s in cap.stays]
    rows += [{"kind": "next", "line": i, "text": step_text(s, n)} for i, s in enumerate(result.steps, start=1)]
    from vold_cli.views.labels import add_labels

    return add_labels(rows, _vocabularies(n))


def check_document(result: CheckResult, lang: str) -> Document:
    doc = Document(data=lambda: _data(result, lang), rows=_rows(result, lang))
    doc.add(Heading(_t(lang, f"Kommunens tilbud holdt op mod notatet: {result.file}",
                       f"The municipality's offers against the note: {result.file}")))
    doc.add(Paragraph(_t(lang, "Hvert tilbud er holdt op mod Socialstyrelsens vidensnotat (2013): evidens, dækning, "
                               "lovhenvisninger og kapacitet. Det er et grundlag at se videre på, ikke en bedømmelse af "
                               "tilbuddene.",
                         "Each offer is held against Socialstyrelsen's knowledge note (2013): evidence, coverage, legal "
                         "references and capacity. It is a basis for looking further, not an assessment of the "
                         "offers."), style="muted"))
    doc.blocks += check_blocks(result, lang)
    return doc
