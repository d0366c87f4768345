"""`vold estimate`: the note's national figures scaled to one municipality or population."""

from typing import Annotated

import typer

from . import complete
from .common import Format, FormatOpt, KbOpt, LangOpt, emit, lang_of, load_kb

EXAMPLES = """

\b
Examples:
  vold estimate --population 43000
  vold estimate --municipality Aarhus
  vold estimate --municipality 791 --year 2013
  vold estimate --municipality Aeroe --format json
"""


def estimate(
    population: Annotated[str | None, typer.Option("--population", "-p", metavar="N",
                          help="Number of inhabitants: 43000, 43.000, 43,000 or '43 000'.", show_default=False)] = None,
    municipality: Annotated[str | None, typer.Option("--municipality", "-m", metavar="NAME_OR_CODE",
                            help="Municipality name (Danish letters optional: Aeroe = Ærø) or code (791).",
                            show_default=False, autocompletion=complete.municipalities)] = None,
    year: Annotated[int | None, typer.Option("--year", "-y", metavar="YEAR",
                    help="Population year for --municipality: 2013, 2017, 2021 or 2024 (default: the latest).",
                    show_default=False)] = None,
    kb: KbOpt = None,
    fmt: FormatOpt = Format.table,
    lang: LangOpt = None,
) -> None:
    """How many citizens are likely affected: every national figure of the note scaled to a population,
    with crisis-centre expectations, costs, a capacity benchmark and the caveats that go with them.

    A very loose estimate, made the note's own way (proportional to total population).
    """
    from ..estimate import estimate as compute
    from ..estimate import resolve_population
    from ..render.estimate import estimate_document

    knowledge = load_kb(kb)
    language = lang_of(lang)
    count, muni, year = resolve_population(knowledge, population=population, municipality=municipality, year=year)
    result = compute(knowledge, population=count, municipality=muni, year=year, lang=language)
    emit(estimate_document(knowledge, result, language), fmt)


estimate.__doc__ = (estimate.__doc__ or "") + EXAMPLES


def register(app: typer.Typer) -> None:
    app.command("estimate")(estimate)
