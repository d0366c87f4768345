"""`vold check`: the municipality's offers against the note, as a Document (table, Markdown, HTML via the
report) and as JSON and CSV data. Every sentence in our own words is worded here, in both languages; the
texts from the knowledge base come with the result (`check.Text`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vold_cli.core.check import MUNICIPALITY_DUTY
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

if TYPE_CHECKING:
    from vold_cli.core.results import (
        Apart,
        Capacity,
        CheckBenchmark,
        CheckResult,
        CheckStep,
        LawItem,
        OfferCheck,
        Stays,
        Suggestion,
    )
    from vold_cli.kb.schema import Text


def _l(text: Text | None, lang: str) -> str:
    return pick(text, lang)


class _Names:
    def __init__(self, result: CheckResult, lang: str, *, brief: bool = False, number: str = "") -> None:
        self.lang = lang
        self.brief = brief  # for the brief: no ids, command lines or file names in the text (they are in its appendix)
        self.number = number  # the section number the parts are numbered under ("9": 9.1 ... 9.5), or none
        self.level = {lv["id"]: _l(lv["name"], lang) for lv in result["levels"]}
        self.phase = {p["id"]: _l(p["name"], lang) for p in result["coverage"]["phases"]}
        self.target = {t["id"]: _l(t["name"], lang) for t in result["coverage"]["targets"]}
        self.offer = {c["line"]: c["offer"] for c in result["offers"]}
        self.law = {item["id"]: item for item in result["law"]}
        self.capacity = result["capacity"]
        self.row = result["unit"] == "row"

    def at(self, line: int) -> str:
        """'linje 3' / 'line 3', or 'række 3' / 'row 3' for a sheet."""
        return _t(self.lang, f"række {line}", f"row {line}") if self.row else _t(self.lang, f"linje {line}",
                                                                                   f"line {line}")

    def part(self, number: int) -> str:
        return f"{self.number}.{number}" if self.number else str(number)

    def offer_ref(self, line: int) -> str:
        return f"{self.offer.get(line, '?')} ({self.at(line)})"

    def suggestion(self, s: Suggestion) -> str:
        """An intervention the note names, with its grade; in the brief without the design (its sections 2 and 3
        give every intervention's design, and it must fit A4)."""
        if self.brief:
            from vold_cli.views.common import mark

            return f"{_l(s['name'], self.lang)} ({mark(s['evidence'])} {self.level.get(s['evidence'], s['evidence'])})"
        return f"{_l(s['name'], self.lang)} ({self.grade(s['evidence'], s['designs'])})"

    def grade(self, level: str, designs: list[str]) -> str:
        """'● Dokumenteret effekt · design ikke oplyst': the level with its mark, the design beside it."""
        from vold_cli.views.common import design_text, mark

        return f"{mark(level)} {self.level.get(level, level)} · {design_text(designs, self.lang)}".lstrip()


def _match_text(c: OfferCheck, lang: str, *, brief: bool = False) -> str:
    if brief and c["match"] in ("provider", "offer-provider"):  # the brief, on A4: the same in fewer words
        return _t(lang, f"via udbyderen {c['provider']}, som notatet nævner her",
                  f"via the provider {c['provider']}, named here in the note")
    return {
        "id": "", "name": "",
        "prefix": _t(lang, f"genkendt ud fra '{c['given']}'", f"recognised from '{c['given']}'"),
        "fuzzy": _t(lang, f"genkendt ud fra '{c['given']}' (stavet lidt anderledes)",
                    f"recognised from '{c['given']}' (spelt a little differently)"),
        "offer-name": _t(lang, "genkendt ud fra tilbuddets navn", "recognised from the offer's name"),
        "provider": _t(lang, f"genkendt ud fra udbyderen {c['provider']}, som notatet nævner under denne indsats",
                       f"recognised from the provider {c['provider']}, which the note names under this intervention"),
        "offer-provider": _t(lang, f"genkendt ud fra udbyderen {c['provider']} i tilbuddets navn; notatet nævner den "
                                   "under denne indsats",
                             f"recognised from the provider {c['provider']} in the offer's name; the note names it "
                             "under this intervention"),
    }.get(c["match"], "")


def _not_in_note(c: OfferCheck, n: _Names) -> str:
    lang = n.lang
    if c["match"] == "not-given":
        head = _t(lang, "Ingen indsats angivet; ikke genkendt i notatet", "No intervention given; not recognised in the note")
    else:
        head = _t(lang, f"Ikke i notatet ('{c['given']}')", f"Not in the note ('{c['given']}')")
    close = [s for s in c["suggestions"] if s["by"] == "name"]
    related = [s for s in c["suggestions"] if s["by"] == "text"]
    parts = [head + "."]
    if close:
        parts.append(pick(suggest([n.suggestion(s) for s in close]), lang))
    if related:
        parts.append(_t(lang, "Notatet omtaler dette under: ", "The note covers this under: ")
                     + ", ".join(n.suggestion(s) for s in related) + ".")
    return " ".join(parts)


def _where(c: OfferCheck, lang: str) -> str:
    if not c["source"]:
        return ""
    parts = [_l(c["source"]["section"]["name"], lang)] if c["source"]["section"] else []
    if c["source"]["refs"]:
        parts.append("ref. " + ", ".join(str(r) for r in c["source"]["refs"]))
    return ", ".join(parts)


def _offer_blocks(result: CheckResult, n: _Names) -> list[Block]:
    lang = n.lang
    blocks: list[Block] = [Heading(_t(lang, "1. Tilbuddene og notatet", "1. The offers and the note"), 2)]
    avoid = [c for c in result["offers"] if c["not_recommended"]]
    if avoid:
        blocks.append(Notes(
            [f"{n.offer_ref(c['line'])} → {_l(c['intervention']['name'] if c['intervention'] else None, lang)}: "
             f"{_l(c['reason'], lang)}" for c in avoid],
            title=_t(lang, "Tilbud, som notatet ikke anbefaler", "Offers the note does not recommend")))
    rows = []
    municipalities = any(c["municipality"] for c in result["offers"])  # the file's kommune column
    for c in result["offers"]:
        if c["intervention"]:
            match = _match_text(c, lang, brief=n.brief)
            found: Cell = Lines([Styled(_l(c["intervention"]["name"], lang), "strong")]
                                + ([] if n.brief else [Styled(c["intervention"]["id"], "muted")])
                                + ([Styled(match, "muted")] if match else []))
            level = Styled(n.grade(c["evidence"]["id"], c["designs"]), c["evidence"]["id"]) if c["evidence"] else Styled("—", "muted")
            action = _l(c["evidence"]["action"] if c["evidence"] else None, lang)
        else:
            level = Styled("—", "muted")
            action = _t(lang, f"Notatet siger intet om netop dette tilbud; se punkt {n.part(5)}.",
                        f"The note says nothing about this offer as such; see part {n.part(5)}.")
            # the brief has no column for what the level suggests: where to look next goes with the finding
            found = Lines([Styled(_not_in_note(c, n), "warn"), Styled(action, "muted")]) if n.brief \
                else Styled(_not_in_note(c, n), "warn")
        own = [_own_cell(result, c, index, lang) for index in range(len(result["own"]))]
        home = [official_name(c["municipality"]) if c["municipality"] else ""] if municipalities else []
        rows.append([Lines([Styled(c["offer"], "strong"), Styled(n.at(c["line"]), "muted")]), *home, *own, found, level]
                    + ([] if n.brief else [action]))  # the brief says what each level suggests once, in section 2
    blocks.append(Table(
        [Column(_t(lang, "Tilbud", "Offer"), ratio=2)]
        + ([Column(_t(lang, "Kommune", "Municipality"), ratio=1)] if municipalities else [])
        + [Column(header, ratio=1, justify="right" if header == _amount_column(result) else "left") for header in result["own"]]
        + [Column(_t(lang, "Indsats i notatet", "Intervention in the note"), ratio=3),
           Column(_t(lang, "Evidens", "Evidence"), ratio=1)]
        + ([] if n.brief else [Column(_t(lang, "Niveauet lægger op til", "The level suggests"), ratio=3)]),
        rows, title=_t(lang, "Hvert tilbud holdt op mod notatets indsatser", "Each offer against the note's interventions"),
        caption=_t(lang, "Evidensniveauet er vurderet ud fra notatet (2013); det siger intet om kvaliteten af netop "
                         "kommunens tilbud.",
                   "The evidence level is graded from the note (2013); it says nothing about the quality of the "
                   "municipality's own offer.")
        + (_t(lang, " Hvad hvert niveau lægger op til: afsnit 2.", " What each level suggests: section 2.")
           if n.brief else "")
        + (_t(lang, f" Kolonnerne {_names(result['own'], lang)} er kommunens egne, som de står i filen.",
              f" The columns {_names(result['own'], lang)} are the municipality's own, as they stand in the file.")
           if result["own"] else ""),
    ))
    blocks += _amount_blocks(result, n)
    said = []
    for c in result["offers"]:
        if not c["intervention"] or (n.brief and c["not_recommended"]):  # the brief: said just above already
            continue
        text = f"{c['offer']} → {_l(c['intervention']['name'], lang)}: {_l(c['reason'], lang)}"
        if c["design"] and not n.brief:  # the brief: the design's short form is in the table, in full in section 2
            text += " " + _t(lang, "Design: ", "Design: ") + _l(c["design"], lang)
        where = _where(c, lang)
        if where:
            text += f" ({_t(lang, 'notatet', 'the note')}: {where})"
        said.append(text)
    if said:
        blocks.append(BulletList(said, title=_t(lang, "Hvad notatet siger", "What the note says")))
    return blocks


def _names(headers: list[str], lang: str) -> str:
    quoted = [f"'{h}'" for h in headers]
    if len(quoted) < 2:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + _t(lang, " og ", " and ") + quoted[-1]


def _amount_column(result: CheckResult) -> str | None:
    return result["amounts"]["column"] if result["amounts"] is not None else None


def _amount_text(value: float, lang: str) -> str:
    """An amount of the municipality's own, as exact as it was written: 1.250.000 / 12.500,5."""
    return fmt_int(value, lang) if float(value).is_integer() else fmt_dec(value, lang, 2)


def _own_cell(result: CheckResult, c: OfferCheck, index: int, lang: str) -> str:
    """One of the municipality's own columns for an offer: as written; the amount column as the number read."""
    if result["own"][index] == _amount_column(result) and c["amount"] is not None:
        return _amount_text(c["amount"], lang)
    return c["own"][index] if index < len(c["own"]) else ""


def _amount_blocks(result: CheckResult, n: _Names) -> list[Block]:
    amounts = result["amounts"]
    if amounts is None:
        return []
    lang = n.lang
    names = {"several": _t(lang, "Flere faser", "Several phases"), "none": _t(lang, "Uden fase", "No phase")}
    rows: list[list[Cell]] = [
        [n.phase.get(group["phase"], names.get(group["phase"], group["phase"])), _amount_text(group["total"], lang),
         ", ".join(n.offer.get(line, "?") for line in group["offers"])] for group in amounts["groups"]]
    rows.append([Styled(_t(lang, "I alt", "Total"), "strong"), Styled(_amount_text(amounts["total"], lang), "strong"),
                 ""])
    caption = _t(lang, f"Kommunens egne tal fra kolonnen '{amounts['column']}', lagt sammen af programmet vold; ikke notatets tal. "
                       "Et tilbud i flere faser tælles én gang, under Flere faser.",
                 f"The municipality's own figures from the column '{amounts['column']}', added up by vold; not the "
                 "note's figures. An offer in several phases is counted once, under Several phases.")
    if amounts["without"]:
        caption += " " + _t(lang, "Uden beløb: ", "No amount: ") + ", ".join(n.offer_ref(line) for line in amounts["without"]) + "."
    return [Table([Column(_t(lang, "Forebyggelsesfase", "Prevention phase"), ratio=2),
                   Column(amounts["column"], justify="right", no_wrap=True),
                   Column(_t(lang, "Tilbud", "Offers"), ratio=3)], rows,
                  title=_t(lang, "Kommunens egne beløb pr. forebyggelsesfase (ikke notatets tal)",
                           "The municipality's own amounts per prevention phase (not the note's figures)"),
                  caption=caption)]


def _coverage_blocks(result: CheckResult, n: _Names) -> list[Block]:
    lang = n.lang
    cov = result["coverage"]
    by = {(c["target"], c["phase"]): c for c in cov["cells"]}
    not_recommended = {c["line"] for c in result["offers"] if c["not_recommended"]}
    rows = []
    for target in cov["targets"]:
        row: list[Cell] = [Styled(_l(target["name"], lang), "strong")]
        for phase in cov["phases"]:
            cell = by[(target["id"], phase["id"])]
            parts: list[str | Styled] = []
            counted = [line for line in cell["offers"] if line not in not_recommended]
            uncounted = [line for line in cell["offers"] if line in not_recommended]
            if counted:
                parts.append(Styled("✓ " + ", ".join(n.offer.get(line, "?") for line in counted), "documented"))
            if uncounted:  # never a tick: the note does not recommend it, so it covers nothing
                parts.append(Styled("✕ " + ", ".join(n.offer.get(line, "?") for line in uncounted)
                                    + _t(lang, " (anbefales ikke; tæller ikke)", " (not recommended; does not count)"),
                                    "not-recommended"))
            if cell["gap"]:
                parts.append(Styled(_t(lang, "hul: ", "gap: ") + ", ".join(n.suggestion(s) for s in cell["evidenced"]), "gap"))
            elif cell["missing"]:
                parts.append(Styled(_t(lang, "notatet også: ", "the note also: ")
                                    + ", ".join(n.suggestion(s) for s in cell["missing"]), "muted"))
            row.append(Lines(parts) if parts else Styled("—", "muted"))
        rows.append(row)
    levels = _t(lang, " eller ", " or ").join(n.level[lv].lower() for lv in cov["evidenced_levels"])
    gaps = sum(1 for c in cov["cells"] if c["gap"])
    blocks: list[Block] = [
        Heading(_t(lang, "2. Dækning: forebyggelsesfase × målgruppe", "2. Coverage: prevention phase × target group"), 2),
        Table([Column(_t(lang, "Målgruppe", "Target group"), ratio=1, min_width=10)]
              + [Column(_l(p["name"], lang), ratio=2) for p in cov["phases"]], rows,
              caption=_t(lang, f"✓ = tilbud, der dækker cellen; ✕ = tilbud, notatet ikke anbefaler. Hul = notatet har her indsatser med {levels} og intet "
                               "tilbud dækker cellen (et tilbud, notatet ikke anbefaler, tæller ikke).",
                         f"✓ = offers covering the cell; ✕ = offers the note does not recommend. Gap = the note has interventions with {levels} here and no "
                         "offer covers the cell (an offer the note does not recommend does not count).")),
        Paragraph(_t(lang, f"{gaps} af {len(cov['cells'])} celler er huller.", f"{gaps} of {len(cov['cells'])} cells are gaps."),
                  style="warn" if gaps else ""),
    ]
    if cov["unplaced"]:
        blocks.append(Notes([n.offer_ref(line) for line in cov["unplaced"]],
                            title=_t(lang, "Uden fase eller målgruppe (ikke med i dækningen)",
                                     "Without phase or target group (not in the coverage)")))
    return blocks


def _law_row(item: LawItem, n: _Names, via: dict[str, str], mine: bool) -> list[Cell]:
    lang = n.lang
    if item["offers"]:
        linked: Cell = ", ".join(f"{o['offer']} ({via[o['via']]})" for o in item["offers"])
    elif mine:
        linked = Styled(_t(lang, "intet tilbud knyttet — se på den", "no offer linked — look at it"), "warn")
    else:
        linked = Styled(_t(lang, "til orientering", "for information"), "muted")
    own, whole = len(item["changes"]), len(item["act_changes"])
    if own:
        extra = _t(lang, f"; loven i øvrigt: {whole}", f"; the act otherwise: {whole}") if whole else ""
        changed: Styled | str = Styled(_t(lang, f"ja ({own})", f"yes ({own})") + extra, "warn")
    elif whole:
        changed = _t(lang, f"ikke denne bestemmelse; loven i øvrigt: {whole}",
                     f"not this provision; the act otherwise: {whole}")
    elif item["checked"]:
        changed = _t(lang, "ingen ændring registreret", "no change recorded")
    else:  # nothing after the note was looked up for it: not the same as 'unchanged'
        changed = Styled(_t(lang, "ikke efterprøvet efter notatet", "not checked after the note"), "muted")
    if n.brief:  # the reference and its title in one column, and no command line: the brief is for people, on A4
        return [Lines([Styled(item["label"], "strong"), _l(item["title"], lang)]), linked, changed]
    return [Lines([Styled(item["label"], "strong"), Styled(f"vold law {item['ref']}", "muted")]), _l(item["title"], lang),
            linked, changed]


def _law_blocks(result: CheckResult, n: _Names) -> list[Block]:
    lang = n.lang
    via = {"lov": _t(lang, "lov-kolonnen", "law column"), "intervention": _t(lang, "via indsatsen", "via the intervention")}
    mine = [item for item in result["law"] if item["duty"] == MUNICIPALITY_DUTY]
    others = [item for item in result["law"] if item["duty"] != MUNICIPALITY_DUTY]

    def columns(linked: str) -> list[Column]:
        if n.brief:
            return [Column(_t(lang, "Henvisning", "Reference"), ratio=2), Column(linked, ratio=2),
                    Column(_t(lang, "Ændret siden notatet", "Changed since the note"), ratio=2)]
        return [Column(_t(lang, "Henvisning", "Reference"), ratio=2), Column(_t(lang, "Titel", "Title"), ratio=3),
                Column(linked, ratio=3), Column(_t(lang, "Ændret siden notatet", "Changed since the note"), ratio=1)]

    blocks: list[Block] = [
        Heading(_t(lang, "3. Tjekliste: notatets lovhenvisninger", "3. Checklist: the note's legal references"), 2),
        Paragraph(_t(lang, "En tjekliste at gå igennem, ikke en vurdering af, om kommunen overholder loven. Et tilbud "
                           "er knyttet til en bestemmelse gennem filens lov-kolonne eller gennem den indsats i notatet, "
                           "det svarer til.",
                     "A checklist to go through, not a verdict on whether the municipality complies with the law. An "
                     "offer is linked to a provision through the file's law column or through the note's "
                     "intervention it matches."), style="strong"),
    ]
    if mine:
        blocks.append(Table(columns(_t(lang, "Tilbud knyttet", "Offers linked")),
                            [_law_row(item, n, via, True) for item in mine],
                            title=_t(lang, "Det, kommunen skal levere (serviceloven), ifølge notatet (2013)",
                                     "What the municipality provides (the Social Services Act), according to the note "
                                     "(2013)")))
    if others and n.brief and not any(item["offers"] for item in others):
        # the brief: none linked, so one line naming them (section 4 of the brief describes each)
        from vold_cli.i18n.localize import join

        blocks.append(Paragraph(
            _t(lang, "Andre myndigheders regler, som notatet nævner (til orientering, ikke huller i kommunens tilbud; "
                     "se afsnittet om lovgivning): ",
               "Other authorities' rules the note names (for information, not gaps in the municipality's offers; see "
               "the section on the law): ") + join([item["label"] for item in others], lang) + "."))
    elif others:
        blocks.append(Table(columns(_t(lang, "Tilbud knyttet", "Offers linked")),
                            [_law_row(item, n, via, False) for item in others],
                            title=_t(lang, "Andre myndigheders regler, som notatet nævner: til orientering, ikke huller "
                                           "i kommunens tilbud",
                                     "Other authorities' rules the note names: for information, not gaps in the "
                                     "municipality's offers"),
                            caption=_t(lang, "Notatet knytter ingen kommunal opgave til disse bestemmelser (tilhold, "
                                             "adressebeskyttelse, tilskud til psykologbehandling); de står her, så "
                                             "rådgivningen kan henvise til dem.",
                                       "The note ties no municipal task to these provisions (restraining orders, "
                                       "address protection, grants towards psychologist treatment); they are here so "
                                       "that counselling can point to them.")))
    changes = []
    for item in result["law"]:
        changes += [f"{item['label']} — {when(ch['date'], lang)}: {_l(ch['text'], lang)} "
                    f"({attribution(ch['authority'], ch['reported_by'], lang)})" for ch in item["changes"]]
        changes += [f"{item['act']} — {when(ch['date'], lang)}: {_l(ch['text'], lang)} "
                    f"({attribution(ch['authority'], ch['reported_by'], lang)})" for ch in item["act_changes"]]
    if changes and n.brief:  # the brief lists every change in its law section already
        blocks.append(Paragraph(_t(lang, "Hvad der er ændret siden notatet, står i afsnittet om lovgivning.",
                                   "What has changed since the note is in the section on the law."), style="muted"))
    elif changes:
        blocks.append(Notes(list(dict.fromkeys(changes)),
                            title=_t(lang, "Ændret siden notatet — ikke fra notatet (kilde: Ændringer efter notatet)",
                                     "Changed since the note — not from the note (source: Changes after the note)")))
    unknown = [f"{n.offer_ref(c['line'])}: '{raw}'" + (f" — {pick(hint, lang)}" if isinstance(hint, dict) else "")
               for c in result["offers"] for raw, hint in c["law_unknown"]]
    if unknown:
        blocks.append(Notes(unknown, title=_t(lang, "Lovhenvisninger i filen, som notatet ikke nævner",
                                              "Legal references in the file that the note does not name")))
    return blocks


def _scope_text(cap: Capacity, lang: str) -> str:
    """Whose offers the file is taken to hold, as the places are compared."""
    if cap["scope"] == "municipality" and cap["municipality"]:
        name = official_name(cap["municipality"])
        return _t(lang, f"Filen er læst som {name}s tilbud (--municipality): pladserne holdes op mod kommunens egen "
                        "andel af normen.",
                  f"The file is read as {name}'s offers (--municipality): the places are held against the "
                  "municipality's own share of the benchmark.")
    if cap["scope"] == "region":
        return _t(lang, f"Filen er læst som hele {cap['region']}s tilbud (--scope region): pladserne holdes op mod hele "
                        "regionens norm.",
                  f"The file is read as the offers of the whole of {cap['region']} (--scope region): the places are "
                  "held against the benchmark for the whole region.")
    if cap["scope"] == "by-municipality":
        return _t(lang, f"Filens kommune-kolonne fordeler tilbuddene på kommuner i {cap['region']}: hver kommunes pladser "
                        "holdes op mod dens egen andel af normen, ikke mod hele regionens.",
                  f"The file's municipality column assigns the offers to municipalities of {cap['region']}: each "
                  "municipality's places are held against its own share of the benchmark, not the whole region's.")
    return _t(lang, "Pladserne holdes op mod normen for det angivne indbyggertal (--population).",
              "The places are held against the benchmark for the population given (--population).")


_APART = {
    "men": ("for mænd; normen tæller pladser for kvinder", "for men; the benchmark counts places for women"),
    "other-intervention": ("svarer til en anden indsats ({name}); normen tæller familiepladser på specialiserede "
                           "krisecentre for kvinder",
                           "matches another intervention ({name}); the benchmark counts family places in "
                           "specialised women's shelters"),
    "not-recognised": ("ikke genkendt som kvindekrisecenter (ingen indsats genkendt og ikke § 109 i lov-kolonnen)",
                       "not recognised as a women's crisis centre (no intervention recognised and no § 109 in the "
                       "law column)"),
    "other-municipality": ("hører til en anden kommune ({municipality})",
                           "belongs to another municipality ({municipality})"),
    "no-municipality": ("ingen kommune i kommune-kolonnen", "no municipality in the municipality column"),
}


def _apart_text(item: Apart, lang: str) -> str:
    da, en = _APART[item["reason"]]
    return _t(lang, da, en).format(name=_l(item["intervention"]["name"], lang) if item["intervention"] else "",
                                   municipality=item["municipality"] or "")


def _against_rows(places: int, offers: list[int], benchmarks: list[CheckBenchmark], stays: list[Stays],
                  n: _Names) -> list[list[Cell]]:
    lang = n.lang
    rows: list[list[Cell]] = [[
        _t(lang, "Pladser i kommunens krisecentertilbud for kvinder", "Places in the municipality's crisis-centre offers "
                                                                     "for women"),
        Styled(fmt_int(places, lang), "strong"), ", ".join(n.offer.get(line, "?") for line in offers) or "—"]]
    for b in benchmarks:
        rows.append([_l(b["name"], lang), Styled(fmt_dec(b["local"], lang), "strong"),
                     _t(lang, f"{fmt_int(b['places'], lang)} pr. {fmt_int(b['per_inhabitants'], lang)} indbyggere. ",
                        f"{fmt_int(b['places'], lang)} per {fmt_int(b['per_inhabitants'], lang)} inhabitants. ")
                     + _l(b["status"], lang)])
    for s in stays:
        qualifier = {"about": "ca. ", "just-over": _t(lang, "godt ", "just over "),
                     "just-under": _t(lang, "knap ", "just under ")}.get(s["approx"], "")  # as the note writes it
        national = qualifier + fmt_int(s["national"], lang)
        same = _t(lang, "som i skønnet" if n.brief else "som i vold estimate",
                  "as in the estimate" if n.brief else "as in vold estimate")
        rows.append([_l(s["label"], lang), Styled(f"ca. {fmt_int(s['rounded'], lang)}", "strong"),
                     _t(lang, f"{fmt_dec(s['local'], lang)} {_l(s['unit'], lang)} pr. år: landstallet {national} "
                              f"skaleret med befolkningens andel, {same}",
                        f"{fmt_dec(s['local'], lang)} {_l(s['unit'], lang)} per year: the national {national} "
                        f"scaled by the population's share, {same}")])
    return rows


def _capacity_blocks(result: CheckResult, n: _Names) -> list[Block]:
    lang = n.lang
    cap = result["capacity"]
    blocks: list[Block] = [Heading(_t(lang, "4. Behov og kapacitet: krisecenterpladser", "4. Need and capacity: crisis-centre places"), 2)]
    if not cap["offers"]:
        blocks.append(Paragraph(_t(lang, "Ingen af tilbuddene er et krisecentertilbud for kvinder, som Europarådets "
                                         "norm tæller.",
                                   "None of the offers is a crisis-centre offer for women of the kind the Council of "
                                   "Europe benchmark counts."), style="muted"))
    if cap["scope"] == "none":
        blocks.append(Paragraph(_t(lang, "Angiv --population N, --municipality NAVN eller --region NAVN for at sammenligne med "
                                         "Europarådets norm og det forventede antal ophold.",
                                   "Give --population N, --municipality NAME or --region NAME to compare with the Council of Europe "
                                   "benchmark and the expected number of stays."), style="warn"))
    else:
        scope = _scope_text(cap, lang)
        if n.brief:  # the brief is for people: the option that set the scope is in its appendix's command
            import re

            scope = re.sub(r" \(--[a-z-]+(?: [a-z]+)?\)", "", scope)
        blocks.append(Paragraph(scope, style="strong"))
    columns = [Column(_t(lang, "Hvad", "What"), ratio=3), Column(_t(lang, "Antal", "Number"), justify="right", no_wrap=True),
               Column(_t(lang, "Grundlag", "Basis"), ratio=4)]
    year = f", {cap['year']}" if cap["year"] else ""
    if cap["population"] is not None:
        where = (cap["region"] if cap["region"] else official_name(cap["municipality"]) if cap["municipality"]
                 else _t(lang, "Befolkningen", "Population"))
        people = fmt_int(cap["population"], lang)
        blocks.append(Table(columns, _against_rows(cap["places"], cap["offers"], cap["benchmarks"], cap["stays"], n),
                            title=_t(lang, f"{where}: {people} indbyggere{year}", f"{where}: {people} inhabitants{year}")))
    for area in cap["areas"]:
        people = fmt_int(area["population"], lang)
        name = official_name(area["name"])
        blocks.append(Table(columns, _against_rows(area["places"], area["offers"], area["benchmarks"], area["stays"], n),
                            title=_t(lang, f"{name} (kommune-kolonnen): {people} indbyggere{year}",
                                     f"{name} (municipality column): {people} inhabitants{year}")))
    if cap["apart"]:
        blocks.append(Notes([f"{n.offer_ref(a['line'])}"
                             + (_t(lang, f", {fmt_int(a['places'], lang)} pladser", f", {fmt_int(a['places'], lang)} places")
                                if a["places"] is not None else "")
                             + f": {_apart_text(a, lang)}" for a in cap["apart"]],
                            title=_t(lang, "Ikke talt med i normen, og hvorfor", "Not counted against the benchmark, "
                                                                                  "and why")))
    if cap["population"] is None and not cap["areas"]:
        return blocks
    notes = [
        _t(lang, "Et meget løst skøn, lavet på notatets egen måde (proportionalt med folketallet); landstallene er fra "
                 f"notatets periode (omkring {cap['reference_date'][:4]}).",
           "A very loose estimate, made the note's own way (proportional to the population); the national figures are "
           f"from the note's period (around {cap['reference_date'][:4]})."),
        _t(lang, "Ophold er ikke personer: nogle kvinder har flere ophold om året. Ophold siger heller ikke, hvor mange "
                 "pladser der skal til, for notatet oplyser ikke opholdenes længde.",
           "Stays are not persons: some women have more than one stay a year. Nor do stays say how many places are "
           "needed, for the note gives no length of stay."),
        _t(lang, "Normen tæller familiepladser på specialiserede krisecentre for kvinder; pladserne i filen er talt, som "
                 "kommunen selv tæller dem.",
           "The benchmark counts family places in specialised women's shelters; the places in the file are counted as "
           "the municipality counts them."),
    ]
    if cap["without_places"]:
        notes.append(_t(lang, "Uden antal pladser i filen: ", "No number of places in the file: ")
                     + ", ".join(n.offer_ref(line) for line in cap["without_places"]) + ".")
    blocks.append(Notes(notes, title=_t(lang, "Forbehold", "Caveats")))
    return blocks


def step_text(step: CheckStep, n: _Names) -> str:
    lang = n.lang
    offers = ", ".join(n.offer_ref(line) for line in step["offers"])
    if step["kind"] == "not-recommended":
        return _t(lang, f"Se på {offers}: den svarer til en indsats, som notatet ikke anbefaler ({n.level[step['level']]}).",
                  f"Look at {offers}: it matches an intervention the note does not recommend ({n.level[step['level']]}).")
    if step["kind"] == "gap":
        groups = ", ".join(n.target[t] for t in step["targets"])
        names = ", ".join(n.suggestion(s) for s in step["interventions"])
        return _t(lang, f"{n.phase[step['phase']]} for {groups.lower()}: intet tilbud; notatet omtaler {names}.",
                  f"{n.phase[step['phase']]} for {groups.lower()}: no offer; the note discusses {names}.")
    if step["kind"] == "not-in-note":
        hint = ", ".join(n.suggestion(s) for s in step["interventions"])
        return _t(lang, f"Find ud af, hvad {offers} bygger på: notatet nævner det ikke"
                        + (f" (nærmest: {hint})." if hint else "."),
                  f"Find out what {offers} rests on: the note does not name it" + (f" (closest: {hint})." if hint else "."))
    if step["kind"] == "weak-evidence":
        return _t(lang, f"{offers}: {n.level[step['level']].lower()} ifølge notatet; dokumentér og følg op.",
                  f"{offers}: {n.level[step['level']].lower()} according to the note; document it and follow up.")
    if step["kind"] == "capacity":
        cap = n.capacity
        area = next((a for a in cap["areas"] if a["name"] == step["area"]), None)
        places, benchmarks = (area["places"], area["benchmarks"]) if area else (cap["places"], cap["benchmarks"])
        bench = next(b for b in benchmarks if b["id"] == step["laws"][0])
        who = f"{official_name(area['name'])}: " if area else ""
        return _t(lang, f"{who}Krisecenterpladser for kvinder: {fmt_int(places, lang)} mod Europarådets norm på "
                        f"{fmt_dec(bench['local'], lang)} (en planlægningsnorm, ikke et dansk lovkrav).",
                  f"{who}Crisis-centre places for women: {fmt_int(places, lang)} against the Council of Europe "
                  f"benchmark of {fmt_dec(bench['local'], lang)} (a planning benchmark, not a Danish legal requirement).")
    if step["kind"] == "no-population":
        return _t(lang, "Angiv --population eller --municipality for at holde krisecenterpladserne op mod normen.",
                  "Give --population or --municipality to hold the crisis-centre places against the benchmark.")
    if step["kind"] == "law":
        refs = ", ".join(n.law[i]["label"] for i in step["laws"])
        return _t(lang, f"Gå kommunens lovhenvisninger uden tilknyttet tilbud igennem: {refs}.",
                  f"Go through the municipality's legal references with no offer linked: {refs}.")
    if step["kind"] == "unplaced":
        return _t(lang, f"Angiv fase og målgruppe for {offers}, så det kommer med i dækningen.",
                  f"Give a phase and target group for {offers}, so that it counts in the coverage.")
    return str(step["kind"])


def _steps_blocks(result: CheckResult, n: _Names) -> list[Block]:
    lang = n.lang
    items = [f"{i}. {step_text(s, n)}" for i, s in enumerate(result["steps"], start=1)]
    return [Heading(_t(lang, "5. Hvad der skal ses på nu, i rækkefølge", "5. What to look at next, in order"), 2),
            BulletList(items or [_t(lang, "Intet at bemærke.", "Nothing to remark.")])]


def check_blocks(result: CheckResult, lang: str, *, level: int = 2, number: str = "",
                 brief: bool = False) -> list[Block]:
    """The five parts as blocks; `level` is the heading level of the parts (the report nests them deeper),
    `number` the section they are numbered under ("9": 9.1 ... 9.5), `brief` leaves out ids and command lines
    (the brief is for people; its appendix has them)."""
    import re

    n = _Names(result, lang, brief=brief, number=number)
    blocks = (_offer_blocks(result, n) + _coverage_blocks(result, n) + _law_blocks(result, n)
              + _capacity_blocks(result, n) + _steps_blocks(result, n))
    if level != 2 or number:
        blocks = [Heading(re.sub(r"^(\d+)\. ", lambda m: f"{n.part(int(m.group(1)))} ", b.text), level)
                  if isinstance(b, Heading) else b for b in blocks]
    return blocks


def summary_items(result: CheckResult, lang: str, *, gaps: int = 3) -> tuple[list[str], list[str], int]:
    """For the brief's first page: the offers the note does not recommend (each with the intervention it matches),
    the largest gaps (the first `gaps` gap steps, which put the strongest evidence first; each intervention with
    its level, the designs are in the check's own parts) and the number of cells of phase × target group that are
    gaps."""
    n = _Names(result, lang, brief=True)
    avoid = [c["offer"] + _t(lang, f" (svarer til {_l(c['intervention']['name'] if c['intervention'] else None, lang)})",
                             f" (matches {_l(c['intervention']['name'] if c['intervention'] else None, lang)})")
             for c in result["offers"] if c["not_recommended"]]
    found = []
    for step in (s for s in result["steps"] if s["kind"] == "gap"):
        groups = ", ".join(n.target[t] for t in step["targets"]).lower()
        named = ", ".join(n.suggestion(s) for s in step["interventions"])
        found.append(_t(lang, f"{n.phase[step['phase']]} for {groups}: notatet omtaler {named}",
                        f"{n.phase[step['phase']]} for {groups}: the note discusses {named}"))
    return avoid, found[:gaps], sum(1 for c in result["coverage"]["cells"] if c["gap"])


def _record(item: CheckResult | CheckStep, lang: str) -> dict[str, object]:
    """A result (or one step) as a JSON record, texts in `lang` (a new record: the result is left as it is)."""
    return localize_record(item, lang)


def _data(result: CheckResult, lang: str) -> dict[str, object]:
    n = _Names(result, lang)
    data = _record(result, lang)
    data["not_recommended"] = [c["line"] for c in result["offers"] if c["not_recommended"]]
    offers = data["offers"]
    assert isinstance(offers, list)
    for record, c in zip(offers, result["offers"], strict=True):  # the municipality's own columns by their headers
        record["own"] = dict(zip(result["own"], c["own"], strict=False))
    amounts = data["amounts"]
    if isinstance(amounts, dict):
        amounts["note"] = _t(lang, "Kommunens egne tal fra filen, lagt sammen; ikke notatets tal.",
                             "The municipality's own figures from the file, added up; not the note's figures.")
    data["steps"] = [dict(_record(s, lang), text=step_text(s, n), number=i)
                     for i, s in enumerate(result["steps"], start=1)]
    data["notice"] = _t(lang, "Lovdelen er en tjekliste, ikke en vurdering af, om loven overholdes. Skøn er meget løse.",
                        "The law part is a checklist, not a verdict on compliance. Estimates are very loose.")
    return _labelled(data, n)


def _labelled(data: dict[str, object], n: _Names) -> dict[str, object]:
    """Beside each phase, target group and evidence id its label in the chosen language (render/labels.py)."""
    from vold_cli.views.labels import add_labels

    return add_labels(data, _vocabularies(n))


def _vocabularies(n: _Names) -> dict[str, dict[str, str]]:
    return {"phase": n.phase, "target": n.target, "evidence": n.level}


def _design_label(designs: list[str], lang: str) -> str:
    from vold_cli.views.common import design_text

    return design_text(designs, lang)


def _rows(result: CheckResult, lang: str) -> list[dict[str, object]]:
    n = _Names(result, lang)
    rows: list[dict[str, object]] = []
    for c in result["offers"]:
        rows.append({"kind": "offer", "line": c["line"], "offer": c["offer"],
                     "intervention": c["intervention"]["id"] if c["intervention"] else "",
                     "name": _l(c["intervention"]["name"], lang) if c["intervention"] else _not_in_note(c, n),
                     "evidence": c["evidence"]["id"] if c["evidence"] else "",
                     "design_label": _design_label(c["designs"], lang) if c["evidence"] else "",
                     "text": _l(c["reason"], lang), "design": _l(c["design"], lang),
                     "action": _l(c["evidence"]["action"] if c["evidence"] else None, lang),
                     "not_recommended": c["not_recommended"], "phase": list(c["phases"]), "target": list(c["targets"]),
                     "places": c["places"], **({"amount": c["amount"]} if result["amounts"] is not None else {}),
                     **{f"own.{header}": value for header, value in zip(result["own"], c["own"], strict=False)}})
    if result["amounts"] is not None:
        rows += [{"kind": "amount", "phase": group["phase"], "amount": group["total"],
                  "offer": [n.offer.get(line, "") for line in group["offers"]], "text": result["amounts"]["column"]}
                 for group in result["amounts"]["groups"]]
        rows.append({"kind": "amount-total", "amount": result["amounts"]["total"], "text": result["amounts"]["column"]})
    for cell in result["coverage"]["cells"]:
        rows.append({"kind": "coverage", "phase": cell["phase"], "target": cell["target"],
                     "offer": [n.offer.get(line, "") for line in cell["offers"]],
                     "intervention": [s["id"] for s in cell["evidenced"]], "gap": cell["gap"]})
    for item in result["law"]:
        rows.append({"kind": "law", "intervention": "", "name": item["label"], "text": _l(item["title"], lang),
                     "law": item["ref"], "offer": [o["offer"] for o in item["offers"]],
                     "changes_since_note": len(item["changes"]) + len(item["act_changes"]), "duty": item["duty"]})
    cap = result["capacity"]
    areas: list[tuple[str, int, list[int], list[CheckBenchmark], list[Stays]]] = []
    if cap["population"] is not None:
        areas.append((cap["region"] or cap["municipality"] or "", cap["places"], cap["offers"], cap["benchmarks"], cap["stays"]))
    areas += [(a["name"], a["places"], a["offers"], a["benchmarks"], a["stays"]) for a in cap["areas"]]
    for area, places, lines, benchmarks, stays in areas:
        where = {"area": area} if area else {}
        rows.append({"kind": "capacity", **where,
                     "name": _t(lang, "pladser i krisecentertilbud for kvinder", "places in crisis-centre offers for women"),
                     "places": places, "offer": [n.offer.get(line, "") for line in lines]})
        rows += [{"kind": "benchmark", **where, "name": _l(b["name"], lang), "local": b["local"], "text": _l(b["status"], lang)}
                 for b in benchmarks]
        rows += [{"kind": "expected-stays", **where, "name": _l(s["label"], lang), "local": s["local"], "rounded": s["rounded"],
                  "text": _t(lang, "meget løst skøn", "very loose estimate")} for s in stays]
    rows += [{"kind": "apart", "line": a["line"], "offer": a["offer"], "places": a["places"], "reason": a["reason"],
              "text": _apart_text(a, lang)} for a in cap["apart"]]
    rows += [{"kind": "next", "line": i, "text": step_text(s, n)} for i, s in enumerate(result["steps"], start=1)]
    from vold_cli.views.labels import add_labels

    return add_labels(rows, _vocabularies(n))


def check_document(result: CheckResult, lang: str) -> Document:
    doc = Document(data=lambda: _data(result, lang), rows=_rows(result, lang))
    doc.add(Heading(_t(lang, f"Kommunens tilbud holdt op mod notatet: {result['file']}",
                       f"The municipality's offers against the note: {result['file']}")))
    doc.add(Paragraph(_t(lang, "Hvert tilbud er holdt op mod Socialstyrelsens vidensnotat (2013): evidens, dækning, "
                               "lovhenvisninger og kapacitet. Det er et grundlag at se videre på, ikke en bedømmelse af "
                               "tilbuddene.",
                         "Each offer is held against Socialstyrelsen's knowledge note (2013): evidence, coverage, legal "
                         "references and capacity. It is a basis for looking further, not an assessment of the "
                         "offers."), style="muted"))
    doc.blocks += check_blocks(result, lang)
    return doc
