"""`vold report`: the planning brief as Markdown or one self-contained HTML file."""

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from .common import KbOpt, LangOpt, VocabChoice, lang_of, load_kb


class ReportFormat(str, Enum):
    markdown = "markdown"
    html = "html"


def report(
    population: Annotated[str | None, typer.Option("--population", "-p", metavar="N",
                          help="Number of inhabitants: 43000, 43.000, 43,000 or '43 000'.", show_default=False)] = None,
    municipality: Annotated[str | None, typer.Option("--municipality", "-m", metavar="NAME_OR_CODE",
                            help="Municipality name (Danish letters optional) or code.", show_default=False)] = None,
    year: Annotated[int | None, typer.Option("--year", "-y", metavar="YEAR",
                    help="Population year for --municipality: 2013 or 2024 (default: the latest).",
                    show_default=False)] = None,
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f", click_type=VocabChoice("report-format"),
                                              help="markdown (default) or html.")] = ReportFormat.markdown,
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="FILE",
                      help="Write to FILE instead of stdout (never over an existing file without --force).",
                      show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
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
    result = compute(knowledge, population=count, municipality=muni, year=year, lang=language)
    today = datetime.date.today().isoformat()
    doc = report_document(knowledge, result, language, today)
    if fmt is ReportFormat.html:
        from ..render.html import render
        from ..render.localize import municipality
        from ..render.localize import number as fmt_int

        where = municipality(muni["name"]) if muni else tr(language, f"{fmt_int(count, language)} indbyggere",
                                              f"{fmt_int(count, language)} inhabitants")
        title = tr(language, "Planlægningsgrundlag", "Planning brief") + f" — {where}"
        text = render(doc, title=title, lang=language)
    else:
        from ..render.blocks import bar_chars
        from ..render.markdown import render as render_md

        text = render_md(doc, solid="█" if output is not None else bar_chars()[0])
    if output is None:
        sys.stdout.write(text)
        return
    from ..files import write_text_atomic

    write_text_atomic(output, text, force=force)
    from ..messages import message
    from ..render.localize import number

    sys.stderr.write(message(language, "Wrote {output} ({size} bytes).", output=output,
                             size=number(len(text.encode("utf-8")), language)) + "\n")


def register(app: typer.Typer) -> None:
    app.command("report")(report)
