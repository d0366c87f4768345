"""`vold estimate`: the note's national figures scaled to a population, a municipality, several municipalities side
by side, a region, or every municipality, region and the country at once."""

from typing import Annotated

import typer

from vold_cli.commands import complete
from vold_cli.commands.common import (
    NAME_OR_CODE,
    YEAR,
    ForceOpt,
    Format,
    KbOpt,
    LangOpt,
    OutputOpt,
    TableFormatOpt,
    check_output,
    emit,
    lang_of,
    load_kb,
)
from vold_cli.commands.registry import command
from vold_cli.i18n.bilingual import Bilingual


def _choose(population: str | None, municipality: list[str], region: str | None, every: bool) -> str:
    """Which form was asked for; UsageError (exit 2) naming what to keep when forms are mixed."""
    from vold_cli.errors import UsageError
    from vold_cli.i18n.bilingual import Bilingual

    given = [name for name, on in (("--population", population is not None), ("--municipality", bool(municipality)),
                                   ("--region", region is not None), ("--all", every)) if on]
    if len(given) > 1:
        first, *rest = given
        raise UsageError(Bilingual(f"{' og '.join(given)} kan ikke bruges sammen.",
                                   f"{' and '.join(given)} cannot be used together."),
                         hint=Bilingual(f"Behold én af dem: {first} eller {' eller '.join(rest)}.",
                                        f"Keep one of them: {first} or {' or '.join(rest)}."))
    if not given:
        raise UsageError(Bilingual("Angiv --population N, --municipality NAVN, --region NAVN eller --all.",
                                   "Give --population N, --municipality NAME, --region NAME or --all."),
                         hint=Bilingual("Eksempel: --population 43000 eller --municipality Viborg",
                                        "Example: --population 43000 or --municipality Viborg"))
    return given[0]


@command(
    "estimate", order=10,
    summary=Bilingual(da="Hvor mange borgere er sandsynligvis berørt: nationale tal skaleret til kommunen.",
                 en="How many are likely affected locally, with costs and caveats"),
    help=Bilingual(
        da="Hvor mange borgere er sandsynligvis berørt: først et kort svar til en sagsfremstilling, så hvert "
           "nationalt tal i notatet skaleret til et indbyggertal, med de nyere landstal, forventninger til "
           "krisecentre, udgifter, et mål for kapacitet og de forbehold, der hører til. Med --observed står "
           "kommunens egne tal fra Statistikbanken ved siden af det forventede.\n\nEt meget løst skøn, lavet på "
           "notatets egen måde (i forhold til hele befolkningen).",
        en="How many citizens are likely affected: first a short answer for a committee paper, then every "
           "national figure of the note scaled to a population, with the newer national figures, crisis-centre "
           "expectations, costs, a capacity benchmark and the caveats that go with them. With --observed the "
           "municipality's own figures from Statistikbanken stand beside the expected.\n\nA very loose estimate, "
           "made the note's own way (proportional to total population)."),
    examples=(
        "vold estimate --population 43000",
        "vold estimate --municipality Aarhus",
        "vold estimate --municipality 791 --year 2013",
        "vold estimate --municipality Aeroe --format json",
        ("vold estimate -m Viborg -m Skive -m Silkeborg", Bilingual(da="side om side", en="side by side")),
        ("vold estimate --region Sjælland", Bilingual(da="eller sjaelland, 1085", en="or sjaelland, 1085")),
        ("vold estimate --all --sort population:desc", Bilingual(da="alle områder", en="every area")),
        ("vold estimate --all --format xlsx -o skøn.xlsx", Bilingual(da="til Excel", en="for Excel")),
        Bilingual(da="vold estimate -m Horsens --observed kvinder=41 --observed-year 2022",
                  en="vold estimate -m Horsens --observed women=41 --observed-year 2022"),
    ),
    after=Bilingual(
        da="--sort tager code, name, population, women, men, stays eller places (kode, navn, indbyggere, kvinder, "
           "mænd, ophold, pladser), stigende som standard; tilføj :desc (eller :asc), fx population:desc. Med "
           "--all sorteres kommunerne og regionerne hver for sig, og hele landet kommer sidst; en sammenligning "
           "beholder den givne rækkefølge, medmindre --sort er givet.",
        en="--sort takes code, name, population, women, men, stays or places, ascending by default; add :desc (or "
           ":asc), e.g. population:desc. With --all the municipalities and the regions are each sorted and the "
           "country comes last; a comparison keeps the order given unless --sort is given."))
def estimate(
    population: Annotated[str | None, typer.Option(
        "--population", "-p", metavar="N", show_default=False, help=Bilingual(
            da="Antal indbyggere: 43000, 43.000, 43,000 eller '43 000'.",
            en="Number of inhabitants: 43000, 43.000, 43,000 or '43 000'."))] = None,
    municipality: Annotated[list[str] | None, typer.Option(
        "--municipality", "-m", metavar=NAME_OR_CODE, show_default=False, autocompletion=complete.municipalities,
        help=Bilingual(da="Kommunens navn (danske bogstaver valgfri: Aeroe = Ærø; også 'Aarhus Kommune') eller kode "
                     "(791); gentag (2-10 gange) for at sammenligne side om side.",
                  en="Municipality name (Danish letters optional: Aeroe = Ærø; also 'Aarhus Kommune') or code "
                     "(791); repeat (2-10 times) to compare side by side."))] = None,
    region: Annotated[str | None, typer.Option(
        "--region", "-r", metavar=NAME_OR_CODE, show_default=False, help=Bilingual(
            da="Region ved navn (med eller uden 'Region', danske bogstaver valgfri) eller kode 1081-1085.",
            en="Region by name (with or without 'Region', Danish letters optional) or code 1081-1085."))] = None,
    every: Annotated[bool, typer.Option("--all", "-a", help=Bilingual(
        da="Alle kommuner, de fem regioner og hele landet i én tabel.",
        en="Every municipality, the five regions and the country in one table."))] = False,
    sort: Annotated[str | None, typer.Option(
        "--sort", "-s", metavar=Bilingual(da="KOLONNE[:desc]", en="COLUMN[:desc]"), show_default=False, help=Bilingual(
            da="Til --all og sammenligninger: code, name, population, women, men, stays eller places; tilføj :desc "
               "for faldende.",
            en="For --all and comparisons: code, name, population, women, men, stays or places; add :desc for "
               "descending."))] = None,
    year: Annotated[int | None, typer.Option(
        "--year", "-y", metavar=YEAR, show_default=False, help=Bilingual(
            da="Befolkningsår for kommuner, regioner og --all: 2013, 2017, 2021 eller 2024 (standard: det seneste).",
            en="Population year for municipalities, regions and --all: 2013, 2017, 2021 or 2024 (default: the "
               "latest)."))] = None,
    observed: Annotated[list[str] | None, typer.Option(
        "--observed", metavar=Bilingual(da="SLAGS=N", en="KIND=N"), show_default=False, help=Bilingual(
            da="Kommunens eget tal fra Statistikbanken (KRISE1, efter bopælskommune), vist ved siden af det "
               "forventede: kvinder, ophold eller boern på krisecenter (også crisis-centre-women, -stays, "
               "-children); gentag for flere.",
            en="The municipality's own count from Statistikbanken (KRISE1, by home municipality), shown beside the "
               "expected: crisis-centre-women, crisis-centre-stays or crisis-centre-children (or women, stays, "
               "children); repeat for several."))] = None,
    observed_year: Annotated[int | None, typer.Option(
        "--observed-year", metavar=YEAR, show_default=False, help=Bilingual(
            da="Det år, --observed-tallene gælder (2017 eller senere).",
            en="The year the --observed counts are for (2017 or later)."))] = None,
    kb: KbOpt = None,
    fmt: TableFormatOpt = Format.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
    lang: LangOpt = None,
) -> None:
    from vold_cli.errors import UsageError
    from vold_cli.i18n.bilingual import Bilingual

    language = lang_of(lang)
    municipalities = list(municipality or [])
    form = _choose(population, municipalities, region, every)
    if sort is not None and not (form == "--all" or len(municipalities) > 1):
        raise UsageError(Bilingual("--sort gælder for --all og sammenligninger (--municipality 2-10 gange).",
                                   "--sort applies to --all and to comparisons (--municipality given 2-10 times)."))
    if (observed or observed_year is not None) and (form == "--all" or len(municipalities) > 1):
        raise UsageError(Bilingual("--observed gælder for én kommune, region eller befolkning, ikke for --all eller "
                                   "sammenligninger.",
                                   "--observed applies to one municipality, region or population, not to --all or "
                                   "comparisons."),
                         hint=Bilingual("Giv --municipality én gang.", "Give --municipality once."))
    from vold_cli.core.observed import parse_observed

    given = parse_observed(list(observed or []))
    target = check_output(fmt, output, force)
    knowledge = load_kb(kb)
    if form != "--all" and len(municipalities) <= 1:
        from vold_cli.commands.common import today
        from vold_cli.core.observed import check_year as check_observed_year

        observed_year = check_observed_year(knowledge, observed_year, given, today().year)
    if form == "--all" or len(municipalities) > 1:
        from vold_cli.core.regions import check_year, find_municipalities, overview, parse_sort
        from vold_cli.views.overview import overview_document, overview_title

        column, descending = parse_sort(sort)
        chosen = find_municipalities(knowledge, municipalities) if form != "--all" else None
        result = overview(knowledge, year=check_year(knowledge, year),
                          municipalities=chosen, sort=column if sort is not None or chosen is None else None,
                          descending=descending)
        emit(overview_document(knowledge, result, language), fmt, output=target, force=force,
             title=overview_title(result, language), lang=language)
        return
    from vold_cli.core.estimate import estimate as compute
    from vold_cli.views.estimate import estimate_document, sheet_title

    if form == "--region":
        from vold_cli.core.regions import check_year, estimate_region, find_region

        estimated = estimate_region(knowledge, find_region(knowledge, region or ""),
                                    year=check_year(knowledge, year), observed=given, observed_year=observed_year)
    else:
        from vold_cli.core.estimate import resolve_population

        count, muni, year = resolve_population(knowledge, population=population,
                                               municipality=municipalities[0] if municipalities else None, year=year)
        estimated = compute(knowledge, population=count, municipality=muni, year=year, observed=given,
                            observed_year=observed_year)
    emit(estimate_document(knowledge, estimated, language), fmt, output=target, force=force,
         title=sheet_title(estimated, language), lang=language)
