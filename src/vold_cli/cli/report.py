"""`vold report`: the planning brief as Markdown or one self-contained HTML file."""

from pathlib import Path
from typing import Annotated

import typer

from .common import Format, FormatChoice, KbOpt, LangOpt, lang_of, load_kb


def report(
    population: Annotated[str | None, typer.Option("--population", "-p", metavar="N",
                          help="Number of inhabitants: 43000, 43.000, 43,000 or '43 000'.", show_default=False)] = None,
    municipality: Annotated[str | None, typer.Option("--municipality", "-m", metavar="NAME_OR_CODE",
                            help="Municipality name (Danish letters optional) or code.", show_default=False)] = None,
    year: Annotated[int | None, typer.Option("--year", "-y", metavar="YEAR",
                    help="Population year for --municipality: 2013 or 2024 (default: the latest).",
                    show_default=False)] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", click_type=FormatChoice(report=True),
                                     help="markdown (default) or html.")] = Format.markdown,
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="FILE",
                      help="Write to FILE instead of stdout (never over an existing file without --force).",
                      show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
    offers: Annotated[Path | None, typer.Option("--offers", metavar="FILE", show_default=False,
                      help="Add the municipality's own offers held against the note (as `vold check FILE`).")] = None,
    kb: KbOpt = None,
    lang: LangOpt = None,
) -> None:
    """A planning brief to hand to a manager: local estimates with caveats and a chart, interventions by phase
    and evidence, the evidence gap map, the law and what changed since the note, implementation strategies,
    documentation, costs, initiatives and contacts, sources and a 'cite as' line.

    \b
    Examples:
      vold report --population 43000 > brief.md
      vold report --municipality Viborg --format html -o plan.html
      vold report -m Aarhus -f html -o plan.html --force --lang da
      vold report -m Viborg --offers tilbud.csv > brief.md
    """
    import datetime
    import sys

    from ..estimate import estimate as compute
    from ..estimate import resolve_population
    from ..lang import tr
    from ..render.report import report_document

    knowledge = load_kb(kb)
    language = lang_of(lang)
    count, muni, year = resolve_population(knowledge, population=population, municipality=municipality, year=year)
    if output is not None:  # fail before the work, not after it
        from ..files import refuse_existing

        refuse_existing(output, force=force)
    checked = None
    if offers is not None:  # read before the work, so a bad file fails before anything is written
        from ..check import check as check_offers
        from ..check import inputs_from, offer_vocabulary
        from ..offers import read_offers

        inputs = inputs_from(knowledge)
        checked = check_offers(inputs, read_offers(offers, offer_vocabulary(inputs)), (count, muni, year))
    result = compute(knowledge, population=count, municipality=muni, year=year, lang=language)
    today = datetime.date.today().isoformat()
    doc = report_document(knowledge, result, language, today, offers=checked)
    from ..render.formats import emit
    from ..render.localize import municipality as official
    from ..render.localize import number as fmt_int

    where = official(muni["name"]) if muni else tr(language, f"{fmt_int(count, language)} indbyggere",
                                          f"{fmt_int(count, language)} inhabitants")
    title = tr(language, "Planlægningsgrundlag", "Planning brief") + f" — {where}"
    if output is None:
        emit(doc, fmt, title=title, lang=language)
        return
    import io

    buffer = io.StringIO()
    emit(doc, fmt, stream=buffer, title=title, lang=language, solid="█")
    text = buffer.getvalue()
    from ..files import write_text_atomic

    write_text_atomic(output, text, force=force)
    from ..messages import message

    sys.stderr.write(message(language, "Wrote {output} ({size} bytes).", output=output,
                             size=fmt_int(len(text.encode("utf-8")), language)) + "\n")


def register(app: typer.Typer) -> None:
    app.command("report")(report)
