"""`vold report`: the planning brief as Markdown or one self-contained HTML file."""

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from . import complete
from .common import KbOpt, LangOpt, lang_of, load_kb


class ReportFormat(str, Enum):
    markdown = "markdown"
    html = "html"


def report(
    population: Annotated[str | None, typer.Option("--population", "-p", metavar="N",
                          help="Number of inhabitants: 43000, 43.000, 43,000 or '43 000'.", show_default=False)] = None,
    municipality: Annotated[str | None, typer.Option("--municipality", "-m", metavar="NAME_OR_CODE",
                            help="Municipality name (Danish letters optional) or code.", show_default=False,
                            autocompletion=complete.municipalities)] = None,
    year: Annotated[int | None, typer.Option("--year", "-y", metavar="YEAR",
                    help="Population year for --municipality: 2013 or 2024 (default: the latest).",
                    show_default=False)] = None,
    fmt: Annotated[ReportFormat | None, typer.Option(
        "--format", "-f", show_default=False,
        help="markdown or html. Default: from the -o file's ending (.html/.htm: html, .md: markdown), "
             "else markdown.")] = None,
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
      vold report --municipality Viborg -o plan.html
      vold report -m Aarhus -o plan.html --force --lang da
    """
    import datetime
    import sys

    from ..estimate import estimate as compute
    from ..estimate import resolve_population
    from ..lang import tr
    from ..render.report import report_document

    fmt = _format_for(fmt, output)
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
        from ..estimate import fmt_int
        from ..render.html import render

        where = muni["name"] if muni else tr(language, f"{fmt_int(count, language)} indbyggere",
                                              f"{fmt_int(count, language)} inhabitants")
        from ..render.report import kb_date

        title = tr(language, "Planlægningsgrundlag", "Planning brief") + f" — {where}"
        meta = knowledge["meta"]
        footer = tr(language, f"{title} · vidensbase {meta['knowledge_base_version']} af {kb_date(knowledge)} · {today}",
                    f"{title} · knowledge base {meta['knowledge_base_version']} of {kb_date(knowledge)} · {today}")
        text = render(doc, title=title, lang=language, footer=footer, page_word=tr(language, "side", "page"))
    else:
        from ..render.blocks import bar_chars
        from ..render.markdown import render as render_md

        text = render_md(doc, solid="█" if output is not None else bar_chars()[0])
    if output is None:
        sys.stdout.write(text)
        return
    from ..files import write_text_atomic

    write_text_atomic(output, text, force=force)
    sys.stderr.write(f"Wrote {output} ({len(text.encode('utf-8')):,} bytes).\n")


_SUFFIXES = {".html": ReportFormat.html, ".htm": ReportFormat.html, ".xhtml": ReportFormat.html,
             ".md": ReportFormat.markdown, ".markdown": ReportFormat.markdown}


def _format_for(fmt: ReportFormat | None, output: Path | None) -> ReportFormat:
    """--format when given, else what the -o file's ending says, else Markdown; a contradiction is a usage
    error (an .html file holding Markdown shows raw text when opened)."""
    import click

    implied = _SUFFIXES.get(output.suffix.lower()) if output is not None else None
    if fmt is None:
        return implied or ReportFormat.markdown
    if implied is not None and implied is not fmt:
        raise click.UsageError(
            f"--format {fmt.value} contradicts the file name {output.name!r}, which says {implied.value}. "  # type: ignore[union-attr]
            f"Drop --format, or name the file *{'.md' if fmt is ReportFormat.markdown else '.html'}.")
    return fmt


def register(app: typer.Typer) -> None:
    app.command("report")(report)
