"""`vold report`: the planning brief as Markdown or one self-contained HTML file."""

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
    summary=Bilingual(da="Et planlægningsgrundlag som Markdown eller én HTML-fil.",
                 en="A planning brief as Markdown or one self-contained HTML file"),
    help=Bilingual(
        da="Et planlægningsgrundlag til en leder: lokale skøn med forbehold og diagram, indsatser efter fase og "
           "evidens, evidenskortet, loven og hvad der er ændret siden notatet, implementeringsstrategier, "
           "dokumentation, udgifter, initiativer og kontakter, kilder og en kildeangivelse.",
        en="A planning brief to hand to a manager: local estimates with caveats and a chart, interventions by phase "
           "and evidence, the evidence gap map, the law and what changed since the note, implementation "
           "strategies, documentation, costs, initiatives and contacts, sources and a 'cite as' line."),
    examples=(
        Bilingual(da="vold report --population 43000 > grundlag.md", en="vold report --population 43000 > brief.md"),
        "vold report --municipality Viborg -o plan.html",
        "vold report -m Aarhus -o plan.html --force --lang da",
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
            da="Standard: ud fra -o-filens endelse (.html/.htm: html, .md: markdown), ellers markdown.",
            en="Default: from the -o file's ending (.html/.htm: html, .md: markdown), else markdown."))] = None,
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
    from vold_cli.views.report import kb_date, report_document

    target = output_path(output)
    language = lang_of(lang)
    chosen = _format_for(fmt, target)
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
    doc = report_document(knowledge, result, language, today, offers=checked)
    from vold_cli.i18n.localize import number as fmt_int
    from vold_cli.output.formats import emit
    from vold_cli.views.names import municipality as official

    where = official(muni["name"]) if muni else tr(language, f"{fmt_int(count, language)} indbyggere",
                                          f"{fmt_int(count, language)} inhabitants")
    title = tr(language, "Planlægningsgrundlag", "Planning brief") + f" — {where}"
    version = knowledge.meta["knowledge_base_version"]
    footer = tr(language, f"{title} · vidensbase {version} efterprøvet {kb_date(knowledge)} · {today}",
                f"{title} · knowledge base {version} checked {kb_date(knowledge)} · {today}")
    page_word = tr(language, "side", "page")
    if target is None:
        emit(doc, chosen, title=title, lang=language, footer=footer, page_word=page_word)
        return
    import io

    buffer = io.StringIO()
    emit(doc, chosen, stream=buffer, solid="█", title=title, lang=language, footer=footer, page_word=page_word)
    text = buffer.getvalue()
    from vold_cli.output.files import write_text_atomic

    write_text_atomic(target, text, force=force)
    from vold_cli.commands.common import notice, wrote

    notice(wrote(target, len(text.encode("utf-8"))), language)


_SUFFIXES = {".html": "html", ".htm": "html", ".xhtml": "html", ".md": "markdown", ".markdown": "markdown"}


def _format_for(fmt: str | None, output: Path | None) -> str:
    """--format when given, else what the -o file's ending says, else Markdown; a contradiction is a usage
    error (an .html file holding Markdown shows raw text when opened)."""
    implied = _SUFFIXES.get(output.suffix.lower()) if output is not None else None
    if fmt is None:
        return implied or "markdown"
    if output is not None and implied is not None and implied != fmt:
        from vold_cli.errors import UsageError
        from vold_cli.i18n.bilingual import Bilingual
        from vold_cli.sanitize import quote

        ending = ".md" if fmt == "markdown" else ".html"
        raise UsageError(
            Bilingual(f"--format {fmt} strider mod filnavnet {quote(output.name)}, som siger {implied}.",
                      f"--format {fmt} contradicts the file name {quote(output.name)}, which says {implied}."),
            hint=Bilingual(f"Udelad --format, eller giv filen endelsen *{ending}. Prøv 'vold report --help'.",
                           f"Drop --format, or name the file *{ending}. Try 'vold report --help'."))
    return fmt
