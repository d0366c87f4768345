"""The estimate as a document: method once, figures with bars, expectations, costs, benchmark, caveats."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vold_cli.i18n.bilingual import Bilingual
from vold_cli.i18n.lang import pick
from vold_cli.i18n.lang import tr as _t
from vold_cli.i18n.localize import approx, approx_span, date
from vold_cli.i18n.localize import decimal as fmt_dec
from vold_cli.i18n.localize import number as fmt_int
from vold_cli.i18n.localize import percent as fmt_pct
from vold_cli.kb.facade import KnowledgeBase
from vold_cli.output.blocks import (
    Block,
    Cell,
    Chart,
    Column,
    Document,
    Fields,
    Heading,
    Lines,
    Notes,
    Paragraph,
    Styled,
    Table,
)
from vold_cli.views.common import data_title, localize_record, source_text

if TYPE_CHECKING:
    import datetime

    from vold_cli.core.results import (
        CostEstimate,
        Costs,
        EstimateResult,
        Expectation,
        Expected,
        FigureEstimate,
        NewerEstimate,
        ObservedItem,
        OverviewResult,
        Scaled,
        Step,
    )
    from vold_cli.views.pages import Detail, Entry

def rounded_text(item: FigureEstimate, lang: str) -> str:
    """A local figure as printed: 'ca. 220', 'ca. 210-250', or 'færre end 1' / 'fewer than 1'."""
    if item["rounded_value"] is not None:
        return approx(item["rounded_value"], lang)
    return approx_span(item["rounded_low"] or 0, item["rounded_high"] or 0, lang)


def expectation_text(item: Expectation, lang: str) -> str:
    return approx(item["rounded_value"], lang)


def cost_text(item: CostEstimate, lang: str) -> str:
    """'ca. 1.100.000 kr.' / 'ca. 1,100,000 kr.'."""
    return approx(item["rounded_value"], lang) + " kr."


def _with(record: dict[str, object], before: str, key: str, value: object) -> dict[str, object]:
    """`record` with `key` inserted just before `before` (the JSON keeps its order)."""
    out: dict[str, object] = {}
    for name, item in record.items():
        if name == before:
            out[key] = value
        out[name] = item
    if key not in out:
        out[key] = value
    return out


def estimate_data(result: EstimateResult, lang: str) -> dict[str, object]:
    """The JSON record: the result with every text in `lang`, and beside each rounded value its printed text
    (`rounded`: 'ca. 220') in `lang`, so scripts can read either."""
    data = localize_record(result, lang)
    data["summary"] = {"text": summary_text(result, lang), **localize_record(result["summary"], lang)}
    data["estimates"] = [_with(localize_record(e, lang), "rounded_value", "rounded", rounded_text(e, lang))
                         for e in result["estimates"]]
    data["profile"] = [_with(localize_record(e, lang), "rounded_value", "rounded", expectation_text(e, lang))
                       for e in result["profile"]]
    costs = localize_record(result["costs"], lang)
    costs["items"] = [_with(localize_record(e, lang), "rounded_value", "rounded", cost_text(e, lang))
                      for e in result["costs"]["items"]]
    data["costs"] = costs
    return data


def _national(item: FigureEstimate, lang: str) -> str:
    prefix = {"about": "ca. ", "just-over": _t(lang, "godt ", "just over "),
              "just-under": _t(lang, "knap ", "just under ")}.get(item["approx"], "")
    if item["national"] is not None:
        return prefix + fmt_int(item["national"], lang)
    return f"{prefix}{fmt_int(item['national_low'] or 0, lang)}-{fmt_int(item['national_high'] or 0, lang)}"


def _local(item: FigureEstimate, lang: str) -> str:
    if item["local"] is not None:
        return fmt_dec(item["local"], lang)
    return f"{fmt_dec(item['local_low'] or 0, lang)}-{fmt_dec(item['local_high'] or 0, lang)}"


def method_text(result: EstimateResult | OverviewResult, lang: str) -> str:
    method = result["method"]
    ref = fmt_int(method["reference_population"], lang)
    return _t(
        lang,
        f"Metode (notatets egen): landstal × indbyggertal / {ref} (Danmarks befolkning {date(method['reference_date'], lang)}, "
        f"tallenes referencetidspunkt). Afrunding som i notatet: til nærmeste 10 under 1.000, nærmeste 100 under "
        f"10.000, ellers to betydende cifre; under 10 til helt tal. Et meget løst skøn.",
        f"Method (the note's own): national figure × population / {ref} (Denmark's population on "
        f"{date(method['reference_date'], lang)}, the figures' reference date). Rounded as the note rounds: to the nearest 10 "
        f"below 1,000, nearest 100 below 10,000, otherwise two significant digits; whole numbers below 10. "
        f"A very loose estimate.",
    )


def title_text(result: EstimateResult, lang: str) -> str:
    muni = result["municipality"]
    pop = fmt_int(result["population"], lang)
    region = result.get("region")
    if region:
        count = len(region["municipalities"])
        return _t(lang, f"{region['name']} ({region['code']}): {pop} indbyggere i {count} kommuner pr. 1. januar "
                        f"{result['year']}",
                  f"{region['name']} ({region['code']}): {pop} inhabitants in {count} municipalities on 1 January "
                  f"{result['year']}")
    if muni:
        from vold_cli.views.names import municipality

        name = municipality(muni["name"])
        return _t(lang, f"{name} ({muni['code']}): {pop} indbyggere pr. 1. januar {result['year']}",
                  f"{name} ({muni['code']}): {pop} inhabitants on 1 January {result['year']}")
    return _t(lang, f"En befolkning på {pop} indbyggere", f"A population of {pop}")


def figure_blocks(knowledge: KnowledgeBase, result: EstimateResult, lang: str) -> list[Block]:
    """Method, the figures table with bars, and the check against the note's worked example."""
    sections = sorted({source_text(knowledge, {"section": i["source"]["section"], "refs": [], "data": None, "lines": [], "detail": None}, lang)
                       for i in result["estimates"] if i["source"]["section"]})
    rows = [[pick(item["label"], lang), _national(item, lang), _local(item, lang), Styled(rounded_text(item, lang), "strong"),
             ", ".join(map(str, item["source"]["refs"])) or "—"] for item in result["estimates"]]
    blocks: list[Block] = [Paragraph(method_text(result, lang), style="muted"), Table(
        [Column(_t(lang, "Tal fra notatet (pr. år)", "Figure from the note (per year)"), ratio=3, min_width=18),
         Column(_t(lang, "Landstal", "National"), justify="right", no_wrap=True),
         Column(_t(lang, "Lokalt", "Local"), justify="right", no_wrap=True),
         Column(_t(lang, "Afrundet", "Rounded"), justify="right", no_wrap=True),
         Column("ref.", no_wrap=True)],
        rows, title=_t(lang, "Forventet antal lokalt", "Expected number locally"),
        caption=_t(lang, "Kilde: notatets afsnit ", "Source: the note's section ") + "; ".join(sections)
        + _t(lang, ". ref. = notatets referencenumre.", ". ref. = the note's reference numbers."),
    )]
    # the check against the note's worked example only when the population asked about is the example's own
    examples = [e for e in result["method"]["worked_examples"] if e["population"] == result["population"]]
    if examples:
        units = {item["id"]: pick(item["unit"], lang) for item in result["estimates"]}
        check = "; ".join(
            f"{units.get(e['figure'], e['figure'])} "
            + _t(lang, f"{fmt_dec(e['computed'], lang)}, afrundet ca. {fmt_int(e['stated'], lang)}",
                 f"{fmt_dec(e['computed'], lang)}, rounded ca. {fmt_int(e['stated'], lang)}")
            + ("" if e["reproduced"] else _t(lang, " (afviger!)", " (differs!)"))
            for e in examples)
        people = " / ".join(dict.fromkeys(fmt_int(e["population"], lang) for e in examples))
        blocks.append(Paragraph(_t(lang, f"Kontrol mod notatets eget eksempel ({people} indbyggere): {check}.",
                                   f"Check against the note's own example ({people} inhabitants): {check}."),
                                style="muted"))
    return blocks


def chart_block(result: EstimateResult, lang: str) -> Chart:
    items = [(pick(i["label"], lang),
              i["local"] if i["local"] is not None else ((i["local_low"] or 0) + (i["local_high"] or 0)) / 2,
              rounded_text(i, lang)) for i in result["estimates"]]
    return Chart(_t(lang, "Forventet antal pr. år lokalt (meget løst skøn)",
                    "Expected number per year locally (very loose estimate)"), items)


def expectation_blocks(result: EstimateResult, lang: str) -> list[Block]:
    if not result["profile"]:
        return []
    return [Table(
        [Column(_t(lang, "Afledt lokal forventning", "Derived local expectation"), ratio=3),
         Column(_t(lang, "Andel", "Share"), justify="right", no_wrap=True),
         Column(_t(lang, "Af", "Of"), ratio=2),
         Column(_t(lang, "Lokalt", "Local"), justify="right", no_wrap=True)],
        [[pick(p["label"], lang), fmt_pct(p["percent"], lang), pick(p["of"], lang),
          Styled(expectation_text(p, lang), "strong")]
         for p in result["profile"]],
        title=_t(lang, f"Krisecentre: afledte forventninger ud fra notatets nøgletal ({result['reference_year']}; "
                       "løse: ophold er ikke unikke personer)",
                 f"Crisis centres: derived expectations from the note's key figures ({result['reference_year']}; "
                 "loose: stays are not unique persons)"),
        caption=_t(lang, "Notatet oplyser ikke nøgletallenes år; de anvendes uændret.",
                   "The note does not state the key figures' year; they are applied unchanged."),
    )]


def cost_blocks(result: EstimateResult, lang: str) -> list[Block]:
    costs = result["costs"]
    return [Table(
        [Column(_t(lang, "Omkostning pr. år", "Cost per year"), ratio=3),
         Column(_t(lang, "Landsplan", "National"), justify="right", no_wrap=True),
         Column(_t(lang, "Lokalt (skaleret)", "Local (scaled)"), justify="right", no_wrap=True)],
        [[pick(c["label"], lang), f"{fmt_int(c['national_mdkk'], lang)} {_t(lang, 'mio. kr.', 'DKK m')}",
          cost_text(c, lang)] for c in costs["items"]],
        title=_t(lang, "Omkostninger ved vold mod kvinder (Voldens pris, 2010)",
                 "Costs of violence against women (Voldens pris, 2010)"),
        caption=pick(costs["basis"], lang),
    ), Notes([pick(t, lang) for t in costs["excluded"]] + ([] if costs["total_given"] else [
        _t(lang, "Notatet giver ingen samlet sum; posterne kan overlappe, så de lægges ikke sammen her.",
           "The note gives no total; the items may overlap, so they are not added up here.")]),
        title=_t(lang, "Ikke medregnet", "Not included")), *price_level_blocks(costs, lang)]


def price_level_blocks(costs: Costs, lang: str) -> list[Block]:
    """The costs' price level (the 2010 report's, not adjusted), to stand beside every cost table."""
    if not costs["price_level"]:
        return []
    return [Notes([pick(costs["price_level"], lang)], title=_t(lang, "Prisniveau", "Price level"))]


def benchmark_blocks(knowledge: KnowledgeBase, result: EstimateResult, lang: str) -> list[Block]:
    return [Fields([
        (_t(lang, "Norm", "Benchmark"), pick(bench["label"], lang)),
        (_t(lang, "Lokalt", "Local"), Styled(f"{fmt_dec(bench['local'], lang)} {pick(bench['unit'], lang)}", "strong")),
        (_t(lang, "Status", "Status"), Styled(pick(bench["status"], lang), "warn")),
        (_t(lang, "Kilde", "Source"), source_text(knowledge, bench["source"], lang)),
    ], title=_t(lang, "Kapacitet: Europarådets norm (ikke et dansk lovkrav)",
                "Capacity: Council of Europe benchmark (not a Danish legal requirement)"))
        for bench in result["benchmarks"]]


def caveat_blocks(result: EstimateResult, lang: str, *, newer_texts: bool = True) -> list[Block]:
    """The caveats; `newer_texts=False` leaves out the full texts of the newer figures (the report, where the
    table of newer figures and their caveats carry them)."""
    notes = [pick(c["text"], lang) for c in result["caveats"]] + [pick(s["text"], lang) for s in result["statements"]]
    if result.get("region"):
        notes.append(_t(lang, "Regionens folketal er summen af dens kommuners folketal.",
                        "The region's population is the sum of its municipalities' populations."))
    if result["municipality"] or result.get("region"):
        notes.append(_t(lang, f"Folketallet er fra 1. januar {result['year']}, mens landstallene er fra notatets periode "
                              f"(omkring {result['reference_year']}); skønnet antager uændrede forekomster.",
                        f"The population is from 1 January {result['year']}, while the national figures are from the "
                        f"note's period (around {result['reference_year']}); the estimate assumes unchanged rates."))
    blocks: list[Block] = [Notes(notes, title=_t(lang, "Forbehold", "Caveats"))]
    newer = [f"{n['year']}: {pick(n['text'], lang)}" for n in result["newer_figures"]] if newer_texts else []
    if newer:
        scaled = bool(result.get("newer_estimates"))
        blocks.append(Notes(newer, title=_t(
            lang, "Nyere landstal (ikke fra notatet" + ("; skaleret i tabellen over nyere tal)" if scaled else ")"),
            "Newer national figures (not from the note" + ("; scaled in the table of newer figures)" if scaled else ")"))))
    return blocks


# --- the newer national figures, scaled the note's way (newer.py) ---------------------------------------------

_MEASURE = {"physical": Bilingual("fysisk partnervold", "physical partner violence"),
            "physical-or-psychological": Bilingual("fysisk og/eller psykisk partnervold (bredere mål)",
                                                   "physical and/or psychological partner violence (broader measure)")}
_TREND = {"up": Bilingual("op", "up"), "down": Bilingual("ned", "down"),
          "same": Bilingual("omtrent uændret", "about the same")}


def trend_text(steps: list[Step], lang: str) -> str:
    """'op, derefter ned' / 'up, then down': the direction of each step 2013 -> 2017 -> 2021 (rounded values)."""
    words = [pick(_TREND[s["direction"]], lang) for s in steps]
    return _t(lang, ", derefter ", ", then ").join(words) if words else "—"


def newer_cell(item: Scaled | None, lang: str) -> Cell:
    """'ca. 640' over 'of ca. 38,000': a loose local figure and the national figure it is scaled from."""
    if item is None or item["rounded_value"] is None:
        return Styled("—", "muted")
    national = ("ca. " if item["approx"] == "about" else "") + fmt_int(item["national"] or 0, lang)
    return Lines([Styled(approx(item["rounded_value"], lang), "strong"),
                  Styled(_t(lang, f"af {national}", f"of {national}"), "muted")])


def newer_years(result: EstimateResult) -> list[int]:
    return sorted({n["year"] for row in result["newer_estimates"] for n in row["newer"] + row["broader"]})


def newer_method_text(result: EstimateResult, lang: str) -> str:
    refs = {n["year"]: n for row in result["newer_estimates"] for n in [row["note"]] + row["newer"] + row["broader"]
            if n["reference_population"]}
    pop = fmt_int(result["population"], lang)
    # every column, the note's included, uses the population asked about (of its own year, when one is known)
    which = (_t(lang, f"Alle kolonner, også notatets, bruger folketallet {pop} pr. 1. januar {result['year']}. ",
                f"Every column, the note's too, uses the population {pop} on 1 January {result['year']}. ")
             if result["year"] is not None else "")
    parts = "; ".join(_t(lang, f"{y}: {fmt_int(n['reference_population'] or 0, lang)} pr. {date(n['reference_date'] or '', lang)}",
                         f"{y}: {fmt_int(n['reference_population'] or 0, lang)} on {date(n['reference_date'] or '', lang)}")
                      for y, n in sorted(refs.items()))
    return which + _t(lang,
              f"Notatets metode på hvert tal: landstal × {pop} / Danmarks befolkning i tallets år ({parts}). "
              f"Afrundet som notatets tal; løse skøn. Udvikling: de afrundede tal for fysisk vold fra 2013 til 2017 "
              f"og fra 2017 til 2021; en forskel på højst 10 pct. kaldes omtrent uændret.",
              f"The note's method applied to each figure: national figure × {pop} / Denmark's population in the "
              f"figure's year ({parts}). Rounded as the note's figures; loose estimates. Trend: the rounded figures "
              f"for physical violence from 2013 to 2017 and from 2017 to 2021; a difference of at most 10 % is "
              f"called about the same.")


def newer_blocks(knowledge: KnowledgeBase, result: EstimateResult, lang: str) -> list[Block]:
    """Per group (women, men): the note's figure beside the newer national figures scaled the same way, the
    trend, the broader 2021 measure as its own row, and the caveats that go with the newer figures."""
    rows_in: list[NewerEstimate] = result["newer_estimates"]
    if not rows_in:
        return []
    years = newer_years(result)
    rows: list[list[Cell]] = []
    for row in rows_in:
        by_year = {n["year"]: n for n in row["newer"]}
        unit = pick(row["group"], lang)
        group = unit[:1].upper() + unit[1:]
        rows.append([Styled(f"{group}: {pick(_MEASURE['physical'], lang)}", "strong"),
                     newer_cell(row["note"], lang), *[newer_cell(by_year.get(y), lang) for y in years],
                     trend_text(row["trend"], lang)])
        for broad in row["broader"]:
            rows.append([f"{group}: {pick(_MEASURE[broad['measure'] or 'physical'], lang)}",
                         Styled("—", "muted"), *[newer_cell(broad if broad["year"] == y else None, lang) for y in years],
                         _t(lang, "kan ikke sammenlignes (bredere)", "not comparable (broader)")])
    files = sorted({data_title(knowledge, n["source"], lang) for row in rows_in for n in row["newer"] + row["broader"]}
                   - {""})
    blocks: list[Block] = [Table(
        [Column(_t(lang, "Gruppe (pr. år)", "Group (per year)"), ratio=3, min_width=16),
         Column(_t(lang, f"Notatet ({result['reference_year']})", f"The note ({result['reference_year']})"),
                justify="right", no_wrap=True),
         *[Column(str(y), justify="right", no_wrap=True) for y in years],
         Column(_t(lang, "Udvikling", "Trend"), ratio=1)],
        rows,
        title=_t(lang, "Notatets tal og nyere landstal, skaleret på samme måde (nyere tal: ikke fra notatet)",
                 "The note's figures and newer national figures, scaled the same way (newer: not from the note)"),
        caption=newer_method_text(result, lang) + _t(lang, " Kilde til nyere tal: ", " Source of the newer figures: ")
        + ", ".join(files) + ".",
    )]
    if result["newer_caveats"]:
        blocks.append(Notes([pick(c["text"], lang) for c in result["newer_caveats"]],
                            title=_t(lang, "Forbehold ved de nyere tal", "Caveats for the newer figures")))
    return blocks


def newer_csv_rows(knowledge: KnowledgeBase, result: EstimateResult, lang: str) -> list[dict[str, object]]:
    """One CSV row per scaled figure (the note's and each newer one), with year and reference population."""
    rows: list[dict[str, object]] = []
    for row in result["newer_estimates"]:
        for item in [row["note"]] + row["newer"] + row["broader"]:
            rows.append({"kind": "newer-estimate" if item is not row["note"] else "note-estimate", "id": item["id"],
                         "label": pick(item["label"], lang), "year": item["year"], "measure": item["measure"],
                         "national": item["national"], "reference_population": item["reference_population"],
                         "reference_date": item["reference_date"], "local": item["local"],
                         "rounded": None if item["rounded_value"] is None else approx(item["rounded_value"], lang),
                         "source": source_text(knowledge, item["source"], lang)})
    for caveat in result["newer_caveats"]:
        rows.append({"kind": "newer-caveat", "id": caveat["id"], "label": pick(caveat["text"], lang)})
    return rows


def csv_rows(knowledge: KnowledgeBase, result: EstimateResult, lang: str) -> list[dict[str, object]]:
    """One row per estimate, derived expectation, cost, benchmark, caveat and newer figure, with a `kind`
    column, so a spreadsheet gets the caveats with the numbers."""
    rows: list[dict[str, object]] = [{"kind": "summary", "id": "summary", "label": summary_text(result, lang)}]
    rows += observed_csv_rows(knowledge, result, lang)
    for item in result["estimates"]:
        rows.append({"kind": "estimate", "id": item["id"], "label": pick(item["label"], lang),
                     "national": item["national"], "national_low": item["national_low"],
                     "national_high": item["national_high"], "local": item["local"], "local_low": item["local_low"],
                     "local_high": item["local_high"], "rounded": rounded_text(item, lang),
                     "source": source_text(knowledge, item["source"], lang)})
    for expected in result["profile"]:
        rows.append({"kind": "expectation", "id": expected["id"], "label": pick(expected["label"], lang),
                     "local": expected["local"], "rounded": expectation_text(expected, lang),
                     "source": source_text(knowledge, expected["source"], lang)})
    for cost in result["costs"]["items"]:
        rows.append({"kind": "cost", "id": cost["id"], "label": pick(cost["label"], lang),
                     "national": round(cost["national_mdkk"] * 1_000_000), "local": cost["local_dkk"],
                     "rounded": cost_text(cost, lang), "source": source_text(knowledge, cost["source"], lang)})
    for bench in result["benchmarks"]:
        rows.append({"kind": "benchmark", "id": bench["id"],
                     "label": f"{pick(bench['label'], lang)} ({pick(bench['status'], lang)})",
                     "local": bench["local"], "source": source_text(knowledge, bench["source"], lang)})
    for note in result["caveats"] + result["statements"]:
        rows.append({"kind": "caveat", "id": note["id"], "label": pick(note["text"], lang)})
    for newer in result["newer_figures"]:
        rows.append({"kind": "newer-figure", "id": newer["id"], "label": pick(newer["text"], lang),
                     "national": newer["value"], "source": source_text(knowledge, newer["source"], lang)})
    if "region" in result:
        members_source = source_text(knowledge, knowledge.regions["source"], lang)
        for muni in result["region"]["municipalities"]:
            rows.append({"kind": "municipality", "id": muni["code"], "label": muni["name"],
                         "local": muni["population"], "source": members_source})
    rows += newer_csv_rows(knowledge, result, lang)
    if result["costs"]["price_level"]:
        rows.append({"kind": "caveat", "id": "price-level", "label": pick(result["costs"]["price_level"], lang)})
    return rows


def member_blocks(result: EstimateResult, lang: str) -> list[Block]:
    """A region's municipalities with their populations."""
    region = result.get("region")
    if not region:
        return []
    return [Table(
        [Column(_t(lang, "Kommune", "Municipality"), ratio=2), Column(_t(lang, "Kode", "Code"), no_wrap=True),
         Column(_t(lang, f"Folketal {result['year']}", f"Population {result['year']}"), justify="right",
                no_wrap=True)],
        [[m["name"], m["code"], fmt_int(m["population"], lang)] for m in region["municipalities"]]
        + [[Styled(_t(lang, "I alt", "Total"), "strong"), "", Styled(fmt_int(result["population"], lang), "strong")]],
        title=_t(lang, f"Kommunerne i {region['name']}", f"The municipalities of {region['name']}"),
    )]


def sheet_title(result: EstimateResult, lang: str) -> str:
    """A short name for the workbook's first sheet."""
    if "region" in result:
        return str(result["region"]["name"])
    if result["municipality"]:
        return str(result["municipality"]["name"])
    return _t(lang, "Skøn", "Estimate")


def used_sources(knowledge: KnowledgeBase, year: int | None, *, regions: bool = False,
                 newer: bool = False) -> list[str]:
    """The data sources (meta.yaml ids) an estimate rests on: the reference population's, the population
    year's, the benchmarks', the regions' (for a region or --all) and the newer figures' (where shown)."""
    prevalence = knowledge.prevalence
    found = [prevalence["reference_population"]["source"]["data"]]
    chosen = knowledge.population_year(year) if year is not None else None
    if chosen is not None:
        found.append(chosen["source"]["data"])
    found += [b["source"]["data"] for b in knowledge.benchmarks["benchmarks"]]
    if regions:
        found.append(knowledge.regions["source"]["data"])
    if newer:
        found += [n["source"]["data"] for n in prevalence["newer_figures"]]
        found += [n["source"]["data"] for n in prevalence["broader_figures"]]
        stats = prevalence["crisis_centre_statistics"]
        if stats is not None:
            found.append(stats["source"]["data"])
    return [ident for ident in dict.fromkeys(found) if ident is not None]


def estimate_about(knowledge: KnowledgeBase, result: EstimateResult, lang: str) -> list[tuple[str, str]]:
    """Method, caveats and sources for the workbook's second sheet."""
    from vold_cli.views.common import file_about

    caveats = [str(n) for block in caveat_blocks(result, lang) if isinstance(block, Notes) for n in block.items]
    return file_about(knowledge, lang, method=method_text(result, lang), caveats=caveats,
                      data_sources=used_sources(knowledge, result["year"], regions="region" in result,
                                                newer=bool(result["newer_figures"])))


def estimate_document(knowledge: KnowledgeBase, result: EstimateResult, lang: str) -> Document:
    doc = Document(data=lambda: estimate_data(result, lang), about=lambda: estimate_about(knowledge, result, lang))
    doc.rows = csv_rows(knowledge, result, lang)
    doc.add(Heading(_t(lang, "Skøn: ", "Estimate: ") + title_text(result, lang)))
    doc.blocks += summary_blocks(result, lang)
    doc.blocks += observed_blocks(knowledge, result, lang)
    doc.blocks += figure_blocks(knowledge, result, lang)
    doc.blocks += newer_blocks(knowledge, result, lang)
    doc.add(chart_block(result, lang))
    doc.blocks += expectation_blocks(result, lang)
    doc.blocks += cost_blocks(result, lang)
    doc.blocks += benchmark_blocks(knowledge, result, lang)
    doc.blocks += member_blocks(result, lang)
    doc.blocks += caveat_blocks(result, lang)
    return doc


# --- what search reads of this view (views/pages.py) ---------------------------------------------------------

def _municipality_page(knowledge: KnowledgeBase, entry: Entry, lang: str, today: datetime.date) -> Document:
    from vold_cli.core.estimate import estimate, resolve_population

    count, muni, year = resolve_population(knowledge, population=None, municipality=str(entry["code"]), year=None)
    return estimate_document(knowledge, estimate(knowledge, population=count, municipality=muni, year=year), lang)


def _region_page(knowledge: KnowledgeBase, entry: Entry, lang: str, today: datetime.date) -> Document:
    from vold_cli.core.regions import check_year, estimate_region, find_region

    region = find_region(knowledge, str(entry["code"]))
    return estimate_document(knowledge, estimate_region(knowledge, region, year=check_year(knowledge, None)), lang)


ENTRY_PAGES: dict[str, tuple[str, Detail]] = {
    "vold estimate --municipality {code}": ("municipalities", _municipality_page),
    "vold estimate --region {code}": ("regions", _region_page),
}

# --- the answer first: a summary to paste into a committee paper (summary.py) ------------------------------------

def place_text(result: EstimateResult, lang: str) -> str:
    """'I Viborg Kommune' / 'In Region Midtjylland' / 'For 43.000 indbyggere' (the title gives the population
    and its date)."""
    region = result.get("region")
    if region:
        return _t(lang, f"I {region['name']}", f"In {region['name']}")
    if result["municipality"]:
        from vold_cli.views.names import municipality

        name = municipality(result["municipality"]["name"])
        return _t(lang, f"I {name}", f"In {name}")
    pop = fmt_int(result["population"], lang)
    return _t(lang, f"For {pop} indbyggere", f"For {pop} inhabitants")


def _span_text(low: int, high: int, lang: str) -> str:
    return approx(low, lang) if low == high else approx_span(low, high, lang)


def summary_text(result: EstimateResult, lang: str) -> str:
    """The answer in a few sentences: the span of the comparable physical-violence figures per group, scaled
    locally, with their years and 'a very loose estimate'; the broader measures apart; the observed figure, if
    given."""
    from vold_cli.i18n.localize import join

    summary = result["summary"]
    spans = summary["spans"]
    if not spans:
        return ""
    groups = join([f"{_span_text(s['low'], s['high'], lang)} {pick(s['group'], lang)}" for s in spans], lang)
    years = sorted({p["year"] for s in spans for p in s["points"]} - {result["reference_year"]})
    newer = join([str(y) for y in years], lang)
    ref = result["reference_year"]
    parts = [_t(lang,
                f"{place_text(result, lang)} svarer landstallene til {groups} om året udsat for fysisk vold fra en "
                f"partner: notatets tal (omkring {ref})" + (f" og de nyere for {newer}" if years else "")
                + ", skaleret efter indbyggertal; et meget løst skøn.",
                f"{place_text(result, lang)} the national figures correspond to {groups} a year exposed to physical "
                f"violence from a partner: the note's figures (around {ref})"
                + (f" and the newer ones for {newer}" if years else "") + ", scaled by population; a very loose "
                "estimate.")]
    broad = _broader_text(result, lang)
    if broad:
        parts.append(_t(lang, "Bredere mål, som ikke kan sammenlignes med disse: ",
                        "Broader measures, not comparable with these: ") + broad + ".")
    parts += [_observed_sentence(item, lang) for item in result["observed"]["items"]]
    return " ".join(parts)


#: The Danish definite plural of a group's unit ('4,5 pct. af kvinderne').
_DEFINITE = {"kvinder": "kvinderne", "mænd": "mændene"}


def _broader_text(result: EstimateResult, lang: str) -> str:
    """'fysisk og/eller psykisk partnervold 2021: ca. 2.000 kvinder og ca. 1.400 mænd; partnervold i fire former
    (...): 4,5 pct. af kvinderne og 2,4 pct. af mændene, på landsplan ca. 82.000 og 43.000'."""
    from vold_cli.i18n.localize import join

    broader = result["summary"]["broader"]
    out: list[str] = []
    for measure in dict.fromkeys(b["measure"] for b in broader):
        items = [b for b in broader if b["measure"] == measure]
        if all(b["rounded_value"] is not None for b in items):
            year = items[0]["year"]
            values = join([f"{approx(b['rounded_value'], lang)} {pick(b['group'], lang)}" for b in items], lang)
            name = pick(_MEASURE.get(measure, Bilingual.same(measure)), lang).replace(
                _t(lang, " (bredere mål)", " (broader measure)"), "")
            out.append(f"{name} {year} {values}")
        else:
            shares = join([_t(lang, f"{fmt_pct(b['percent'] or 0, lang)} af {_DEFINITE.get(b['group']['da'], b['group']['da'])}",
                              f"{fmt_pct(b['percent'] or 0, lang)} of {pick(b['group'], lang)}")
                           for b in items if b["percent"] is not None], lang)
            national = join([f"{fmt_int(b['national'], lang)} {pick(b['group'], lang)}" for b in items], lang)
            period = pick(items[0]["period"], lang)
            # VIVE's measure (its report with Lev Uden Vold: vold figures); named by VIVE alone here, so that a
            # search for Lev Uden Vold finds the unit and its hotline, not every estimate page
            out.append(_t(lang, f"partnervold i fire former (VIVE; {period}) {shares}, på landsplan ca. {national}",
                          f"partner violence in four forms (VIVE; {period}) {shares}, nationally about {national}"))
    return "; ".join(out)


def summary_blocks(result: EstimateResult, lang: str, *, heading: bool = True) -> list[Block]:
    """The summary under a heading of its own, or (`heading=False`, the report's first page) as one paragraph
    that opens with the words."""
    text = summary_text(result, lang)
    if not text:
        return []
    if not heading:
        return [Paragraph(_t(lang, "Kort fortalt: ", "In short: ") + text, style="strong")]
    return [Heading(_t(lang, "Kort fortalt", "In short"), 3), Paragraph(text, style="strong")]


# --- the municipality's own observed figures beside the expected (observed.py) ----------------------------------

_OBSERVED_LABELS = {
    "women": Bilingual("Kvinder på kvindekrisecenter", "Women at women's crisis centres"),
    "stays": Bilingual("Ophold på kvindekrisecenter", "Stays at women's crisis centres"),
    "children": Bilingual("Børn på kvindekrisecenter", "Children at women's crisis centres"),
}


def _expected_text(item: Expected, lang: str) -> str:
    """'ca. 50 kvinder (2.618 i 2021)' / 'ca. 30 ophold (ca. 2.000 omkring 2013; ophold, ikke personer)'."""
    unit = pick(item["unit"], lang)
    if item["basis"] == "note":
        extra = "" if item["same_unit"] else _t(lang, f"; {unit}, ikke personer", f"; {unit}, not persons")
        return _t(lang, f"{approx(item['rounded_value'], lang)} {unit} (af ca. {fmt_int(item['national'], lang)} "
                        f"omkring {item['year']}{extra})",
                  f"{approx(item['rounded_value'], lang)} {unit} (of ca. {fmt_int(item['national'], lang)} around "
                  f"{item['year']}{extra})")
    return _t(lang, f"{approx(item['rounded_value'], lang)} {unit} (af {fmt_int(item['national'], lang)} i "
                    f"{item['year']})",
              f"{approx(item['rounded_value'], lang)} {unit} (of {fmt_int(item['national'], lang)} in {item['year']})")


def _observed_sentence(item: ObservedItem, lang: str) -> str:
    stats = next((e for e in item["expected"] if e["basis"] == "statistics"), None)
    label = pick(_OBSERVED_LABELS[item["field"]], lang).lower()
    against = (_t(lang, f" mod forventet {_expected_text(stats, lang)}", f" against an expected {_expected_text(stats, lang)}")
               if stats else "")
    return _t(lang, f"Kommunens eget tal: {fmt_int(item['observed'], lang)} ({label}, {item['year']}, "
                    f"Statistikbanken){against}; se tabellen nedenfor.",
              f"The municipality's own figure: {fmt_int(item['observed'], lang)} ({label}, {item['year']}, "
              f"Statistikbanken){against}; see the table below.")


def observed_blocks(knowledge: KnowledgeBase, result: EstimateResult, lang: str) -> list[Block]:
    """The observed figures beside the expected ones, with their caveats; without them, where to find them."""
    observed = result["observed"]
    if not observed["items"]:
        if not observed["where"]:
            return []
        return [Paragraph(pick(observed["where"], lang) + " " + _t(
            lang, "Giv tallet med --observed crisis-centre-women=N --observed-year ÅR for at se det ved siden af "
                  "skønnet.",
            "Give it with --observed crisis-centre-women=N --observed-year YEAR to see it beside the estimate."),
            style="muted")]
    rows: list[list[Cell]] = []
    for item in observed["items"]:
        stats = next((e for e in item["expected"] if e["basis"] == "statistics"), None)
        note = next((e for e in item["expected"] if e["basis"] == "note"), None)
        national = "—"
        if item["national_that_year"] is not None:
            national = fmt_int(item["national_that_year"], lang)
            if item["national_that_year_other"] is not None:
                national += _t(lang, " eller ", " or ") + fmt_int(item["national_that_year_other"], lang)
        rows.append([Styled(pick(_OBSERVED_LABELS[item["field"]], lang), "strong"),
                     Lines([Styled(fmt_int(item["observed"], lang), "strong"), Styled(str(item["year"]), "muted")]),
                     _expected_text(stats, lang) if stats else "—", _expected_text(note, lang) if note else "—",
                     national])
    year = observed["items"][0]["year"]
    notes = [pick(c["text"], lang) for c in observed["caveats"]]
    notes.append(_t(lang, "Det forventede er landstal skaleret efter indbyggertal, et meget løst skøn: kommunens "
                          "egne forhold (befolkning, krisecenterpladser i nærheden) kan give store forskelle.",
                    "The expected figures are national figures scaled by population, a very loose estimate: the "
                    "municipality's own circumstances (population, crisis-centre places nearby) can make large "
                    "differences."))
    if observed["where"]:
        notes.append(pick(observed["where"], lang))
    return [Table(
        [Column(_t(lang, "Kommunens eget tal", "The municipality's own figure"), ratio=2),
         Column(_t(lang, "Observeret (år)", "Observed (year)"), justify="right", no_wrap=True),
         Column(_t(lang, "Forventet: Danmarks Statistiks landstal, skaleret",
                   "Expected: Statistics Denmark's national count, scaled"), ratio=2),
         Column(_t(lang, "Forventet: notatets tal, skaleret", "Expected: the note's figure, scaled"), ratio=2),
         Column(_t(lang, f"Landstal {year}", f"National {year}"), justify="right", no_wrap=True)],
        rows,
        title=_t(lang, "Observeret ved siden af forventet (meget løse skøn)",
                 "Observed beside expected (very loose estimates)"),
    ), Notes(notes, title=_t(lang, "Forbehold ved sammenligningen", "Caveats for the comparison"))]


def observed_csv_rows(knowledge: KnowledgeBase, result: EstimateResult, lang: str) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for item in result["observed"]["items"]:
        rows.append({"kind": "observed", "id": item["kind"], "label": pick(_OBSERVED_LABELS[item["field"]], lang),
                     "year": item["year"], "local": item["observed"],
                     "national": item["national_that_year"]})
        for expected in item["expected"]:
            rows.append({"kind": "expected", "id": f"{item['kind']}:{expected['basis']}",
                         "label": _expected_text(expected, lang), "year": expected["year"],
                         "national": expected["national"], "reference_population": expected["reference_population"],
                         "local": expected["local"], "rounded": approx(expected["rounded_value"], lang),
                         "source": source_text(knowledge, expected["source"], lang)})
    if not result["observed"]["items"] and result["observed"]["where"]:
        rows.append({"kind": "observed-where", "id": "observed-where", "label": pick(result["observed"]["where"], lang)})
    return rows
