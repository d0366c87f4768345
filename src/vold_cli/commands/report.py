"""`vold report`: the planning brief as Markdown, one self-contained HTML file, a Word document or a tagged PDF."""

from pathlib import Path
from typing import Annotated

import typer

from vold_cli.commands import complete
from vold_cli.commands.common import (
    FILE,
    NAME_OR_CODE,
    YEAR,
    ForceOpt,
    FormatChoice,
    KbOpt,
    LangOpt,
    lang_of,
    load_kb,
    output_path,
)
from vold_cli.commands.registry import command
from vold_cli.i18n.bilingual import Bilingual


@command(
    "report", order=160,
    summary=Bilingual(da="Et planlægningsgrundlag som Markdown, HTML, Word eller PDF.",
                 en="A planning brief as Markdown, HTML, Word or PDF"),
    help=Bilingual(
        da="Et planlægningsgrundlag til en leder: lokale skøn med forbehold og diagram, indsatser efter fase og "
           "evidens, evidenskortet, loven og hvad der er ændret siden notatet, implementeringsstrategier, "
           "dokumentation, udgifter, initiativer og kontakter, kilder og en kildeangivelse; med --offers kommunens "
           "egne tilbud på side 1 og som et nummereret afsnit. Kommandoerne og filerne bag tallene står i et bilag, "
           "aldrig i selve teksten.",
        en="A planning brief to hand to a manager: local estimates with caveats and a chart, interventions by phase "
           "and evidence, the evidence gap map, the law and what changed since the note, implementation "
           "strategies, documentation, costs, initiatives and contacts, sources and a 'cite as' line; with "
           "--offers, the municipality's own offers on page 1 and as a numbered section. The commands and files "
           "behind the figures are in an appendix, never in the body."),
    examples=(
        Bilingual(da="vold report --population 43000 > grundlag.md", en="vold report --population 43000 > brief.md"),
        "vold report --municipality Viborg -o plan.html",
        Bilingual(da="vold report -m Viborg --offers tilbud.csv -o plan.docx",
             en="vold report -m Viborg --offers tilbud.csv -o plan.docx --lang en"),
        "vold report -m Aarhus -o plan.pdf --force --lang da",
        Bilingual(da="vold report -m Viborg --offers tilbud.csv > grundlag.md",
             en="vold report -m Viborg --offers tilbud.csv > brief.md"),
    ))
def report(
    population: Annotated[str | None, typer.Option(
        "--population", "-p", metavar="N", show_default=False, help=Bilingual(
            da="Antal indbyggere: 43000, 43.000, 43,000 eller '43 000'.",
            en="Number of inhabitants: 43000, 43.000, 43,000 or '43 000'."))] = None,
    municipality: Annotated[str | None, typer.Option(
        "--municipality", "-m", metavar=NAME_OR_CODE, show_default=False, autocompletion=complete.municipalities,
        help=Bilingual(da="Kommunens navn (danske bogstaver valgfri: Aeroe = Ærø; også 'Aarhus Kommune') eller kode.",
                  en="Municipality name (Danish letters optional: Aeroe = Ærø; also 'Aarhus Kommune') or "
                     "code."))] = None,
    year: Annotated[int | None, typer.Option(
        "--year", "-y", metavar=YEAR, show_default=False, help=Bilingual(
            da="Befolkningsår for --municipality: 2013, 2017, 2021 eller 2024 (standard: det seneste).",
            en="Population year for --municipality: 2013, 2017, 2021 or 2024 (default: the latest)."))] = None,
    fmt: Annotated[str | None, typer.Option(
        "--format", "-f", click_type=FormatChoice(report=True), show_default=False, help=Bilingual(
            da="Standard: ud fra -o-filens endelse (.md, .html/.htm, .docx, .pdf), ellers markdown. pdf kræver "
               "tilføjelsen vold-cli[pdf].",
            en="Default: from the -o file's ending (.md, .html/.htm, .docx, .pdf), else markdown. pdf needs the "
               "extra vold-cli[pdf]."))] = None,
    output: Annotated[str | None, typer.Option(
        "--output", "-o", metavar=FILE, show_default=False, help=Bilingual(
            da="Skriv til FIL i stedet for standardoutput ('-' er standardoutput; aldrig over en eksisterende fil "
               "uden --force).",
            en="Write to FILE instead of stdout (- is stdout; never over an existing file without "
               "--force)."))] = None,
    force: ForceOpt = False,
    offers: Annotated[Path | None, typer.Option(
        "--offers", metavar=FILE, show_default=False, help=Bilingual(
            da="Tilføj kommunens egne tilbud holdt op mod notatet (som `vold check FIL`).",
            en="Add the municipality's own offers held against the note (as `vold check FILE`)."))] = None,
    kb: KbOpt = None,
    lang: LangOpt = None,
) -> None:
    from vold_cli.core.estimate import estimate as compute
    from vold_cli.core.estimate import resolve_population
    from vold_cli.i18n.lang import tr
    from vold_cli.output.formats import check_output, get
    from vold_cli.views.report import report_document

    target = output_path(output)
    language = lang_of(lang)
    chosen = _format_for(fmt, target)
    check_output(get(chosen), target)  # a file format without -o, a missing package: before the work
    knowledge = load_kb(kb)
    count, muni, year = resolve_population(knowledge, population=population, municipality=municipality, year=year)
    if target is not None:  # fail before the work, not after it
        from vold_cli.output.files import refuse_existing

        refuse_existing(target, force=force)
    checked = None
    if offers is not None:  # read before the work, so a bad file fails before anything is written
        from vold_cli.commands.check import read_portfolio, say_encoding
        from vold_cli.core.check import check as check_offers
        from vold_cli.core.check import inputs_from

        inputs = inputs_from(knowledge)
        portfolio = read_portfolio(offers, inputs)
        checked = check_offers(inputs, portfolio, (count, muni, year))
        say_encoding(portfolio, language)
    result = compute(knowledge, population=count, municipality=muni, year=year)
    from vold_cli.commands.common import today as today_date

    today = today_date().isoformat()
    options, offers_file = _options(population, municipality, year, offers)
    doc = report_document(knowledge, result, language, today, offers=checked, where=options, offers_file=offers_file)
    from vold_cli.i18n.localize import number as fmt_int
    from vold_cli.output.formats import emit
    from vold_cli.views.names import municipality as official
    from vold_cli.views.paper import paper

    where = official(muni["name"]) if muni else tr(language, f"{fmt_int(count, language)} indbyggere",
                                          f"{fmt_int(count, language)} inhabitants")
    title = tr(language, "Planlægningsgrundlag", "Planning brief") + f" — {where}"
    sheet = paper(knowledge, language, title, today)
    size = emit(doc, chosen, output=target, force=force, title=title,
                lang=language, footer=sheet.footer, page_word=sheet.page_word, subject=sheet.subject,
                creator=sheet.creator)
    if target is not None and size is not None:
        from vold_cli.commands.common import notice, wrote

        notice(wrote(target, size), language)


def _options(population: str | None, municipality: str | None, year: int | None,
             offers: Path | None) -> tuple[str, str]:
    """The options this brief was made with for its population, and its file of offers, as `vold` takes them again
    (for the appendix: how the figures were made); values quoted for a shell. The file by its name only: a
    folder of the planner's own machine does not belong in a document handed on."""
    import shlex

    where = []
    if municipality is not None:
        where += ["--municipality", shlex.quote(municipality)]
    if population is not None:
        where += ["--population", shlex.quote(population)]
    if year is not None:
        where += ["--year", str(year)]
    return " ".join(where), shlex.quote(offers.name) if offers is not None else ""


def _format_for(fmt: str | None, output: Path | None) -> str:
    """--format when given, else what the -o file's ending says (the registry's endings: .md, .html, .docx,
    .pdf), else Markdown. A contradiction, or an ending of a format the brief is not written in (.json, .xlsx),
    is a usage error: a file of one format is never written under another format's name."""
    from vold_cli.errors import UsageError
    from vold_cli.i18n.bilingual import Bilingual
    from vold_cli.output.formats import by_suffix, get, names
    from vold_cli.sanitize import quote

    named = by_suffix(output)
    offered = ", ".join(names(report=True))
    if named is not None and named.name not in names(report=True):
        assert output is not None
        raise UsageError(
            Bilingual(f"Filnavnet {quote(output.name)} siger {named.name}, som grundlaget ikke skrives i.",
                      f"The file name {quote(output.name)} says {named.name}, which the brief is not written in."),
            hint=Bilingual(f"Vælg en endelse, der siger {offered}: fx plan.docx.",
                           f"Choose an ending that says {offered}: e.g. plan.docx."))
    if fmt is None:
        return named.name if named is not None else "markdown"
    if output is not None and named is not None and named.name != fmt:
        ending = get(fmt).suffixes[0]
        raise UsageError(
            Bilingual(f"--format {fmt} strider mod filnavnet {quote(output.name)}, som siger {named.name}.",
                      f"--format {fmt} contradicts the file name {quote(output.name)}, which says {named.name}."),
            hint=Bilingual(f"Udelad --format, eller giv filen endelsen *{ending}. Prøv 'vold report --help'.",
                           f"Drop --format, or name the file *{ending}. Try 'vold report --help'."))
    return fmt
