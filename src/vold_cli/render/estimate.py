"""The estimate as a document: method once, figures with bars, expectations, costs, benchmark, caveats."""

from __future__ import annotations

from typing import Any

from ..kb import KnowledgeBase
from ..lang import tr as _t
from ..query import source_text
from .blocks import Block, Chart, Column, Document, Fields, Heading, Notes, Paragraph, Styled, Table
from .localize import decimal as fmt_dec
from .localize import number as fmt_int


def _national(item: dict[str, Any], lang: str) -> str:
    prefix = {"about": "ca. ", "just-over": _t(lang, "godt ", "just over "),
              "just-under": _t(lang, "knap ", "just under ")}.get(item["approx"], "")
    if item["national"] is not None:
        return prefix + fmt_int(item["national"], lang)
    return f"{prefix}{fmt_int(item['national_low'], lang)}-{fmt_int(item['national_high'], lang)}"


def _local(item: dict[str, Any], lang: str) -> str:
    if item["local"] is not None:
        return fmt_dec(item["local"], lang)
    return f"{fmt_dec(item['local_low'], lang)}-{fmt_dec(item['local_high'], lang)}"


def method_text(result: dict[str, Any], lang: str) -> str:
    method = result["method"]
    ref = fmt_int(method["reference_population"], lang)
    return _t(
        lang,
        f"Metode (notatets egen): landstal × indbyggertal / {ref} (Danmarks befolkning {method['reference_date']}, "
        f"tallenes referencetidspunkt). Afrunding som i notatet: til nærmeste 10 under 1.000, nærmeste 100 under "
        f"10.000, ellers to betydende cifre; under 10 til helt tal. Et meget løst skøn.",
        f"Method (the note's own): national figure × population / {ref} (Denmark's population on "
        f"{method['reference_date']}, the figures' reference date). Rounded as the note rounds: to the nearest 10 "
        f"below 1,000, nearest 100 below 10,000, otherwise two significant digits; whole numbers below 10. "
        f"A very loose estimate.",
    )


def title_text(result: dict[str, Any], lang: str) -> str:
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
        from .localize import municipality

        name = municipality(muni["name"])
        return _t(lang, f"{name} ({muni['code']}): {pop} indbyggere pr. 1. januar {result['year']}",
                  f"{name} ({muni['code']}): {pop} inhabitants on 1 January {result['year']}")
    return _t(lang, f"En befolkning på {pop} indbyggere", f"A population of {pop}")


def figure_blocks(knowledge: KnowledgeBase, result: dict[str, Any], lang: str) -> list[Block]:
    """Method, the figures table with bars, and the check against the note's worked example."""
    sections = sorted({source_text(knowledge, {"section": i["source"]["section"], "refs": [], "data": None, "detail": None}, lang)
                       for i in result["estimates"] if i["source"]["section"]})
    rows = [[item["label"], _national(item, lang), _local(item, lang), Styled(item["rounded"], "strong"),
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
    examples = result["method"]["worked_examples"]
    if examples:
        check = "; ".join(
            _t(lang, f"{fmt_int(e['population'], lang)} indbyggere giver {fmt_dec(e['computed'], lang)}, afrundet ca. "
                     f"{fmt_int(e['stated'], lang)}",
               f"{fmt_int(e['population'], lang)} inhabitants give {fmt_dec(e['computed'], lang)}, rounded ca. "
               f"{fmt_int(e['stated'], lang)}")
            + ("" if e["reproduced"] else _t(lang, " (afviger!)", " (differs!)"))
            for e in examples)
        blocks.append(Paragraph(_t(lang, f"Kontrol mod notatets eget eksempel: {check}.",
                                   f"Check against the note's own example: {check}."), style="muted"))
    return blocks


def chart_block(result: dict[str, Any], lang: str) -> Chart:
    items = [(i["label"], i["local"] if i["local"] is not None else (i["local_low"] + i["local_high"]) / 2,
              i["rounded"]) for i in result["estimates"]]
    return Chart(_t(lang, "Forventet antal pr. år lokalt (meget løst skøn)",
                    "Expected number per year locally (very loose estimate)"), items)


def expectation_blocks(result: dict[str, Any], lang: str) -> list[Block]:
    if not result["profile"]:
        return []
    return [Table(
        [Column(_t(lang, "Afledt lokal forventning", "Derived local expectation"), ratio=3),
         Column("%", justify="right", no_wrap=True),
         Column(_t(lang, "Af", "Of"), ratio=2),
         Column(_t(lang, "Lokalt", "Local"), justify="right", no_wrap=True)],
        [[p["label"], fmt_dec(p["percent"], lang, 0), p["of"], Styled(p["rounded"], "strong")]
         for p in result["profile"]],
        title=_t(lang, "Krisecentre: afledte forventninger (løse: ophold er ikke unikke personer)",
                 "Crisis centres: derived expectations (loose: stays are not unique persons)"),
    )]


def cost_blocks(result: dict[str, Any], lang: str) -> list[Block]:
    costs = result["costs"]
    return [Table(
        [Column(_t(lang, "Omkostning pr. år", "Cost per year"), ratio=3),
         Column(_t(lang, "Landsplan", "National"), justify="right", no_wrap=True),
         Column(_t(lang, "Lokalt (skaleret)", "Local (scaled)"), justify="right", no_wrap=True)],
        [[c["label"], f"{fmt_int(c['national_mdkk'], lang)} {_t(lang, 'mio. kr.', 'DKK m')}", c["rounded"]]
         for c in costs["items"]],
        title=_t(lang, "Omkostninger ved vold mod kvinder (Voldens pris, 2010)",
                 "Costs of violence against women (Voldens pris, 2010)"),
        caption=costs["basis"],
    ), Notes(costs["excluded"] + ([] if costs["total_given"] else [
        _t(lang, "Notatet giver ingen samlet sum; posterne kan overlappe, så de lægges ikke sammen her.",
           "The note gives no total; the items may overlap, so they are not added up here.")]),
        title=_t(lang, "Ikke medregnet", "Not included"))]


def benchmark_blocks(knowledge: KnowledgeBase, result: dict[str, Any], lang: str) -> list[Block]:
    return [Fields([
        (_t(lang, "Norm", "Benchmark"), bench["label"]),
        (_t(lang, "Lokalt", "Local"), Styled(f"{fmt_dec(bench['local'], lang)} {bench['unit']}", "strong")),
        (_t(lang, "Status", "Status"), Styled(bench["status"], "warn")),
        (_t(lang, "Kilde", "Source"), source_text(knowledge, bench["source"], lang)),
    ], title=_t(lang, "Kapacitet: Europarådets norm (ikke et dansk lovkrav)",
                "Capacity: Council of Europe benchmark (not a Danish legal requirement)"))
        for bench in result["benchmarks"]]


def caveat_blocks(result: dict[str, Any], lang: str) -> list[Block]:
    notes = [c["text"] for c in result["caveats"]] + [s["text"] for s in result["statements"]]
    if result.get("region"):
        notes.append(_t(lang, "Regionens folketal er summen af dens kommuners folketal.",
                        "The region's population is the sum of its municipalities' populations."))
    if result["municipality"] or result.get("region"):
        notes.append(_t(lang, f"Folketallet er fra 1. januar {result['year']}, mens landstallene er fra notatets periode "
                              f"(omkring {result['reference_year']}); skønnet antager uændrede forekomster.",
                        f"The population is from 1 January {result['year']}, while the national figures are from the "
                        f"note's period (around {result['reference_year']}); the estimate assumes unchanged rates."))
    blocks: list[Block] = [Notes(notes, title=_t(lang, "Forbehold", "Caveats"))]
    newer = [f"{n['year']}: {n['text']}" for n in result["newer_figures"]]
    if newer:
        blocks.append(Notes(newer, title=_t(lang, "Nyere landstal findes (ikke fra notatet, ikke brugt i skønnet)",
                                            "Newer national figures exist (not from the note, not used above)")))
    return blocks


def csv_rows(knowledge: KnowledgeBase, result: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    """One row per estimate, derived expectation, cost, benchmark, caveat and newer figure, with a `kind`
    column, so a spreadsheet gets the caveats with the numbers."""
    rows: list[dict[str, Any]] = []
    for item in result["estimates"]:
        rows.append({"kind": "estimate"} | {key: item[key] for key in (
            "id", "label", "national", "national_low", "national_high", "local", "local_low", "local_high",
            "rounded")} | {"source": source_text(knowledge, item["source"], lang)})
    for item in result["profile"]:
        rows.append({"kind": "expectation", "id": item["id"], "label": item["label"], "local": item["local"],
                     "rounded": item["rounded"], "source": source_text(knowledge, item["source"], lang)})
    for item in result["costs"]["items"]:
        rows.append({"kind": "cost", "id": item["id"], "label": item["label"], "national": round(item["national_mdkk"] * 1_000_000),
                     "local": item["local_dkk"], "rounded": item["rounded"],
                     "source": source_text(knowledge, item["source"], lang)})
    for item in result["benchmarks"]:
        rows.append({"kind": "benchmark", "id": item["id"], "label": f"{item['label']} ({item['status']})",
                     "local": item["local"], "source": source_text(knowledge, item["source"], lang)})
    for item in result["caveats"] + result["statements"]:
        rows.append({"kind": "caveat", "id": item["id"], "label": item["text"]})
    for item in result["newer_figures"]:
        rows.append({"kind": "newer-figure", "id": item["id"], "label": item["text"], "national": item["value"],
                     "source": source_text(knowledge, item["source"], lang)})
    if result.get("region"):
        members_source = source_text(knowledge, knowledge.regions["source"], lang)
        for muni in result["region"]["municipalities"]:
            rows.append({"kind": "municipality", "id": muni["code"], "label": muni["name"],
                         "local": muni["population"], "source": members_source})
    return rows


def member_blocks(result: dict[str, Any], lang: str) -> list[Block]:
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


def sheet_title(result: dict[str, Any], lang: str) -> str:
    """A short name for the workbook's first sheet."""
    if result.get("region"):
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
    return [ident for ident in dict.fromkeys(found) if ident is not None]


def estimate_about(knowledge: KnowledgeBase, result: dict[str, Any], lang: str) -> list[tuple[str, str]]:
    """Method, caveats and sources for the workbook's second sheet."""
    from .common import file_about

    caveats = [str(n) for block in caveat_blocks(result, lang) if isinstance(block, Notes) for n in block.items]
    return file_about(knowledge, lang, method=method_text(result, lang), caveats=caveats,
                      data_sources=used_sources(knowledge, result["year"], regions=bool(result.get("region")),
                                                newer=bool(result["newer_figures"])))


def estimate_document(knowledge: KnowledgeBase, result: dict[str, Any], lang: str) -> Document:
    doc = Document(data=result, about=lambda: estimate_about(knowledge, result, lang))
    doc.rows = csv_rows(knowledge, result, lang)
    doc.add(Heading(_t(lang, "Skøn: ", "Estimate: ") + title_text(result, lang)))
    doc.blocks += figure_blocks(knowledge, result, lang)
    doc.add(chart_block(result, lang))
    doc.blocks += expectation_blocks(result, lang)
    doc.blocks += cost_blocks(result, lang)
    doc.blocks += benchmark_blocks(knowledge, result, lang)
    doc.blocks += member_blocks(result, lang)
    doc.blocks += caveat_blocks(result, lang)
    return doc
