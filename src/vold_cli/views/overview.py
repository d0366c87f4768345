"""`estimate --all` and comparisons as a document: one table of areas and their main estimates, the caveats once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vold_cli.i18n.lang import pick
from vold_cli.i18n.lang import tr as _t
from vold_cli.i18n.localize import approx, approx_span
from vold_cli.i18n.localize import decimal as fmt_dec
from vold_cli.i18n.localize import number as fmt_int
from vold_cli.output.blocks import Cell, Column, Document, Heading, Notes, Paragraph, Styled, Table
from vold_cli.views.common import localize_record, source_text
from vold_cli.views.estimate import method_text, used_sources

if TYPE_CHECKING:
    from vold_cli.core.regions import FigureColumn
    from vold_cli.core.results import AreaRow, BenchmarkColumnInfo, FigureColumnInfo, OverviewResult
    from vold_cli.kb.facade import KnowledgeBase

FIGURE_COLUMNS: tuple[FigureColumn, ...] = ("women", "men", "stays")


def figure_text(row: AreaRow, column: FigureColumn, lang: str) -> str:
    """'ca. 220', 'ca. 210-250' or 'færre end 1' from the row's values rounded the note's way."""
    from vold_cli.core.regions import figure, has

    if has(row, column):
        return approx(int(figure(row, f"{column}_rounded")), lang)
    return approx_span(int(figure(row, f"{column}_rounded_low")), int(figure(row, f"{column}_rounded_high")), lang)


def area_name(row: AreaRow, lang: str) -> str:
    """A row's name in `lang`: the country is Danmark / Denmark; municipalities and regions keep their names."""
    return _t(lang, "Danmark", "Denmark") if row["level"] == "country" else str(row["name"])


def overview_data(result: OverviewResult, lang: str) -> dict[str, object]:
    """The JSON record: texts in `lang`, the country's name in `lang`."""
    data = localize_record(result, lang)
    data["rows"] = [localize_record(row, lang) | {"name": area_name(row, lang)} for row in result["rows"]]
    return data


def _headers(result: OverviewResult, lang: str) -> list[Column]:
    short = {"women": _t(lang, "Kvinder", "Women"), "men": _t(lang, "Mænd", "Men"),
             "stays": _t(lang, "Ophold", "Stays")}
    return ([Column(_t(lang, "Område", "Area"), ratio=3, min_width=18),
             Column(_t(lang, "Folketal", "Population"), justify="right", no_wrap=True)]
            + [Column(short[c], justify="right", no_wrap=True) for c in FIGURE_COLUMNS]
            + [Column(_t(lang, "Pladser", "Places"), justify="right", no_wrap=True)])


def _name_cell(row: AreaRow, lang: str) -> Cell:
    if row["level"] == "municipality":
        return str(row["name"])
    return Styled(area_name(row, lang), "strong")


def overview_title(result: OverviewResult, lang: str) -> str:
    if result["kind"] == "comparison":
        return _t(lang, f"Sammenligning {result['year']}", f"Comparison {result['year']}")
    return _t(lang, f"Alle kommuner {result['year']}", f"All municipalities {result['year']}")


def _legend(result: OverviewResult, lang: str) -> str:
    cols = result["columns"]
    named: tuple[tuple[FigureColumn, str, str], ...] = (("women", "Kvinder", "Women"), ("men", "Mænd", "Men"),
                                                         ("stays", "Ophold", "Stays"))
    parts = [f"{_t(lang, name_da, name_en)} = {pick(cols[c]['label'], lang)}" for c, name_da, name_en in named]
    places = cols["places"]
    count = places["places"]
    count_text = fmt_int(count, lang) if float(count).is_integer() else fmt_dec(count, lang)
    parts.append(_t(lang, f"Pladser = {pick(places['label'], lang)}, {count_text} pr. {fmt_int(places['per_inhabitants'], lang)} "
                          "indbyggere (Europarådets norm, ikke et dansk lovkrav)",
                    f"Places = {pick(places['label'], lang)}, {count_text} per {fmt_int(places['per_inhabitants'], lang)} "
                    "inhabitants (Council of Europe benchmark, not a Danish legal requirement)"))
    return _t(lang, "Pr. år, meget løse skøn. ", "Per year, very loose estimates. ") + "; ".join(parts) + "."


def _notes(knowledge: KnowledgeBase, result: OverviewResult, lang: str) -> list[str]:
    notes = [pick(c["text"], lang) for c in result["caveats"]] + [pick(s["text"], lang) for s in result["statements"]]
    notes.append(_t(lang, "Alle områder får samme landsrate (notatets metode): tallene er forskellige, alene fordi "
                          "folketallene er det, og siger intet om forskelle i forekomsten mellem dem.",
                    "Every area gets the same national rate (the note's method): the figures differ only because the "
                    "populations do, and say nothing about differences in occurrence between the areas."))
    notes.append(_t(lang, f"Folketallene er fra 1. januar {result['year']}, mens landstallene er fra notatets periode "
                          f"(omkring {result['reference_year']}); skønnene antager uændrede forekomster.",
                    f"The populations are from 1 January {result['year']}, while the national figures are from the "
                    f"note's period (around {result['reference_year']}); the estimates assume unchanged rates."))
    country = next((r for r in result["rows"] if r["level"] == "country"), None)
    if country is not None:
        regions = sum(r["population"] for r in result["rows"] if r["level"] == "region")
        cols = result["columns"]
        national = ", ".join(f"{fmt_int(value, lang)} {pick(cols[c]['unit'], lang)}" for c in FIGURE_COLUMNS
                             if (value := cols[c]["national"]) is not None)
        notes.append(_t(
            lang,
            f"En regions folketal er summen af dens kommuners. Landets er hele Danmarks ({fmt_int(country['population'], lang)}), "
            f"også Christiansø, som ikke er en kommune; derfor er regionerne tilsammen "
            f"{fmt_int(country['population'] - regions, lang)} færre.",
            f"A region's population is the sum of its municipalities'. The country's is all of Denmark "
            f"({fmt_int(country['population'], lang)}), Christiansø included, which is not a municipality; so the "
            f"regions add up to {fmt_int(country['population'] - regions, lang)} fewer."))
        notes.append(_t(
            lang,
            f"Landets række for {result['reference_year']} er notatets egne landstal ({national}); for andre år er "
            f"de skaleret til årets folketal.",
            f"The country's row for {result['reference_year']} gives the note's own national figures ({national}); "
            f"for other years they are scaled to that year's population."))
    return notes


def csv_rows(result: OverviewResult, lang: str) -> list[dict[str, object]]:
    """The JSON rows, then one row per caveat (level 'caveat'), so a spreadsheet gets the caveats with the numbers."""
    rows: list[dict[str, object]] = [{**row, "name": area_name(row, lang)} for row in result["rows"]]
    return rows + [{"level": "caveat", "code": c["id"], "name": pick(c["text"], lang)}
                   for c in result["caveats"] + result["statements"]]


def _column_infos(result: OverviewResult) -> list[FigureColumnInfo | BenchmarkColumnInfo]:
    cols = result["columns"]
    return [cols["women"], cols["men"], cols["stays"], cols["places"]]


def overview_document(knowledge: KnowledgeBase, result: OverviewResult, lang: str) -> Document:
    """The table for people; JSON gets `result`, CSV and the workbook its rows and then the caveats, and the
    workbook's second sheet the method, caveats and sources (`about`)."""
    from vold_cli.core.regions import figure

    doc = Document(data=overview_data(result, lang), rows=csv_rows(result, lang), about=lambda: overview_about(knowledge, result, lang))
    rows = [[_name_cell(row, lang), fmt_int(row["population"], lang)]
            + [Styled(figure_text(row, c, lang), "strong" if row["level"] != "municipality" else "")
               for c in FIGURE_COLUMNS]
            + [fmt_dec(figure(row, "places"), lang)] for row in result["rows"]]
    sort = result["sort"]
    order = ""
    if sort["column"]:
        order = _t(lang, f" Sorteret efter {sort['column']}{' (faldende)' if sort['descending'] else ''}.",
                   f" Sorted by {sort['column']}{' (descending)' if sort['descending'] else ''}.")
    doc.add(Heading(_t(lang, "Skøn: ", "Estimate: ") + overview_title(result, lang)))
    doc.add(Paragraph(method_text(result, lang), style="muted"))
    sections = sorted({source_text(knowledge, {"section": col["source"]["section"], "refs": [], "data": None,
                                               "lines": [], "detail": None}, lang)
                       for col in _column_infos(result) if col["source"].get("section")})
    doc.add(Table(_headers(result, lang), rows,
                  title=_t(lang, f"Forventet antal pr. år, folketal 1. januar {result['year']} (afrundet som i notatet)",
                           f"Expected number per year, population on 1 January {result['year']} (rounded as the "
                           "note rounds)"),
                  caption=_legend(result, lang) + order + " " + _t(lang, "Kilde: notatets afsnit ",
                                                                    "Source: the note's section ")
                  + "; ".join(sections) + "."))
    doc.add(Notes(_notes(knowledge, result, lang), title=_t(lang, "Forbehold", "Caveats")))
    newer = [f"{n['year']}: {pick(n['text'], lang)}" for n in result["newer_figures"]]
    if newer:
        doc.add(Notes(newer, title=_t(lang, "Nyere landstal findes (ikke fra notatet, ikke brugt i skønnet)",
                                      "Newer national figures exist (not from the note, not used above)")))
    return doc


def overview_about(knowledge: KnowledgeBase, result: OverviewResult, lang: str) -> list[tuple[str, str]]:
    """Method, caveats and sources for the workbook's second sheet."""
    from vold_cli.views.common import file_about

    caveats = [_legend(result, lang)] + _notes(knowledge, result, lang)
    return file_about(knowledge, lang, method=method_text(result, lang), caveats=caveats,
                      data_sources=used_sources(knowledge, result["year"], regions=result["kind"] == "overview",
                                                newer=bool(result["newer_figures"])))
