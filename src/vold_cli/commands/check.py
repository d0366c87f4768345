"""`vold check`: the municipality's own offers held against the note's evidence, its law and the local need."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from vold_cli.commands import complete
from vold_cli.commands.common import (
    FILE,
    NAME_OR_CODE,
    YEAR,
    ForceOpt,
    Format,
    KbOpt,
    LangOpt,
    TableFormatOpt,
    check_output,
    emit,
    lang_of,
    load_kb,
)
from vold_cli.commands.registry import command
from vold_cli.i18n.bilingual import Bilingual

if TYPE_CHECKING:
    from vold_cli.core.check import CheckInputs
    from vold_cli.inputs.offers import Portfolio
    from vold_cli.kb.schema import Municipality


@command(
    "check", order=150,
    summary=Bilingual(da="Hold kommunens egne tilbud op mod notatet: evidens, dækning, lov og pladser.",
                 en="Your own offers held against the evidence, the law and the need"),
    help=Bilingual(
        da="Hold kommunens egne tilbud op mod notatet: hvert tilbuds evidens (tilbud, notatet ikke anbefaler, "
           "først), dækningen af forebyggelsesfase x målgruppe, en tjekliste over notatets lovhenvisninger, "
           "krisecenterpladser over for Europarådets norm, og hvad man bør se på bagefter.\n\n"
           "Kolonner (dansk eller engelsk, store eller små bogstaver): tilbud/offer (skal med), "
           "indsats/intervention, fase/phase, målgruppe/target (flere: ';' eller ','), pladser/places, lov/law, "
           "kommune/municipality. Andre kolonner er kommunens egne og vises ved hvert tilbud; en kolonne, hvis "
           "overskrift er et beløb (udgift, budget, kr.), lægges sammen. "
           "Afslutter med 1 for en fil, der mangler eller har ugyldigt indhold, 2 for forkert brug.",
        en="Hold the municipality's own offers against the note: each offer's evidence (offers the note does not "
           "recommend first), coverage of prevention phase x target group, a checklist of the note's legal "
           "references, crisis-centre places against the Council of Europe benchmark, and what to look at "
           "next.\n\n"
           "Columns (Danish or English, any case): tilbud/offer (required), indsats/intervention, fase/phase, "
           "målgruppe/target (several: ';' or ','), pladser/places, lov/law, kommune/municipality. Other columns "
           "are the municipality's own, kept beside each offer; one headed as an amount (udgift, budget, cost, "
           "kr.) is summed. Exit 1 for a file that is missing or has invalid content, 2 for a usage error."),
    examples=(
        "vold check --template -o tilbud.csv --lang da",
        "vold check tilbud.csv --municipality Viborg",
        "vold check tilbud.csv --region Midtjylland --scope region",
        "vold check tilbud.yaml --population 43000 --format json",
        Bilingual(da="vold check tilbud.csv -m Viborg --format xlsx -o tjek.xlsx",
             en="vold check tilbud.csv -m Viborg --format xlsx -o check.xlsx"),
    ))
def check(
    file: Annotated[Path | None, typer.Argument(
        metavar=Bilingual(da="[FIL]", en="[FILE]"), show_default=False, help=Bilingual(
            da="Listen over tilbud: CSV (komma eller semikolon, som Excel gemmer den), YAML eller xlsx (kræver "
               "openpyxl).",
            en="The list of offers: CSV (comma or semicolon, as Excel saves it), YAML, or xlsx (needs "
               "openpyxl)."))] = None,
    template: Annotated[bool, typer.Option("--template", help=Bilingual(
        da="Skriv en lille CSV-skabelon (overskrifter på --lang, to eksempelrækker) i stedet for at kontrollere.",
        en="Write a small CSV template (headers in --lang, two example rows) instead of checking."))] = False,
    output: Annotated[str | None, typer.Option(
        "--output", "-o", metavar=FILE, show_default=False, help=Bilingual(
            da="Skriv kontrollen (eller, med --template, skabelonen) til FIL i stedet for standardoutput (kræves "
               "for xlsx; aldrig over en eksisterende fil uden --force).",
            en="Write the check (or, with --template, the template) to FILE instead of stdout (required for xlsx; "
               "never over an existing file without --force)."))] = None,
    force: ForceOpt = False,
    population: Annotated[str | None, typer.Option(
        "--population", "-p", metavar="N", show_default=False, help=Bilingual(
            da="Indbyggere, til at holde krisecenterpladser op mod normen.",
            en="Inhabitants, to hold crisis-centre places against the benchmark."))] = None,
    municipality: Annotated[str | None, typer.Option(
        "--municipality", "-m", metavar=NAME_OR_CODE, show_default=False, autocompletion=complete.municipalities,
        help=Bilingual(
            da="Kommunens navn (danske bogstaver valgfri; også 'Aarhus Kommune') eller kode.",
            en="Municipality name (Danish letters optional; also 'Aarhus Kommune') or code."))] = None,
    region: Annotated[str | None, typer.Option(
        "--region", "-r", metavar=NAME_OR_CODE, show_default=False, help=Bilingual(
            da="Region ved navn (danske bogstaver valgfri) eller kode 1081-1085: dens samlede befolkning.",
            en="Region by name (Danish letters optional) or code 1081-1085: its summed population."))] = None,
    year: Annotated[int | None, typer.Option(
        "--year", "-y", metavar=YEAR, show_default=False, help=Bilingual(
            da="Befolkningsår for --municipality eller --region: 2013, 2017, 2021 eller 2024 (standard: det "
               "seneste).",
            en="Population year for --municipality or --region: 2013, 2017, 2021 or 2024 (default: the "
               "latest)."))] = None,
    scope: Annotated[str | None, typer.Option(
        "--scope", metavar=Bilingual(da="OMFANG", en="SCOPE"), show_default=False, help=Bilingual(
            da="Sammen med --region: hvis tilbud filen rummer: region (hele regionens: pladserne holdes op mod "
               "regionens samlede norm) eller kommune (hvert tilbuds kommune i en kommune-kolonne: hver kommune "
               "holdes op mod sin egen andel).",
            en="With --region, whose offers the file holds: region (the whole region's: the places against the "
               "region's total) or municipality (each offer's municipality in a municipality column: each against "
               "its own share)."))] = None,
    kb: KbOpt = None,
    fmt: TableFormatOpt = Format.table,
    lang: LangOpt = None,
) -> None:
    from vold_cli.errors import UsageError
    from vold_cli.i18n.bilingual import Bilingual

    language = lang_of(lang)
    if template:
        if file is not None:
            raise UsageError(Bilingual("Giv enten FIL eller --template, ikke begge.",
                                       "Give either FILE or --template, not both."),
                             hint=Bilingual("vold check --template -o tilbud.csv, og derefter vold check tilbud.csv",
                                            "vold check --template -o tilbud.csv, then vold check tilbud.csv"))
        if any(v is not None for v in (population, municipality, region, year, scope)):
            raise UsageError(Bilingual("--template tager ikke --population, --municipality, --region, --year eller "
                                       "--scope.",
                                       "--template takes no --population, --municipality, --region, --year or "
                                       "--scope."))
        from vold_cli.commands.common import output_path
        from vold_cli.output.formats import by_suffix

        target = output_path(output)
        named = by_suffix(target)
        if named is not None and named.name != "csv":  # never a file of one format under another's name
            from vold_cli.sanitize import visible

            shown = visible(str(target))
            raise UsageError(Bilingual(f"Skabelonen er CSV, men filnavnet {shown} siger {named.name}.",
                                       f"The template is CSV, but the file name {shown} says {named.name}."),
                             hint=Bilingual("Giv filen endelsen .csv, fx -o tilbud.csv.",
                                            "Name the file *.csv, e.g. -o offers.csv."))
        _template(language, target, force)
        return
    if file is None:
        raise UsageError(Bilingual("Giv FILEN med de tilbud, der skal kontrolleres, eller --template for at skrive en.",
                                   "Give the FILE of offers to check, or --template to write one."),
                         hint=Bilingual("Eksempel: vold check tilbud.csv --municipality Viborg",
                                        "Example: vold check tilbud.csv --municipality Viborg"))
    from vold_cli.core.check import check as compute
    from vold_cli.core.check import inputs_from
    from vold_cli.i18n.lang import tr
    from vold_cli.views.check import check_document

    target = check_output(fmt, output, force)
    chosen_scope = _scope(scope, region)
    knowledge = load_kb(kb)
    where: tuple[int, Municipality | None, int | None] | None = None
    region_name = None
    members = None
    if region is not None:
        given = [name for name, value in (("--population", population), ("--municipality", municipality))
                 if value is not None]
        if given:
            raise UsageError(Bilingual(f"--region og {given[0]} kan ikke bruges sammen.",
                                       f"--region and {given[0]} cannot be used together."),
                             hint=Bilingual(f"Behold én af dem: --region eller {given[0]}.",
                                            f"Keep one of them: --region or {given[0]}."))
        from vold_cli.core.regions import check_year, find_region, region_population

        found = find_region(knowledge, region)
        chosen_year = check_year(knowledge, year)
        where = (region_population(knowledge, found["code"], chosen_year), None, chosen_year)
        region_name = found["name"]
        members = knowledge.region_members(found["code"])
    elif population is not None or municipality is not None or year is not None:
        from vold_cli.core.estimate import resolve_population

        where = resolve_population(knowledge, population=population, municipality=municipality, year=year)
    inputs = inputs_from(knowledge)
    portfolio = read_portfolio(file, inputs)
    if region is not None:
        chosen_scope = _region_scope(chosen_scope, "municipality" in portfolio.columns)
    result = compute(inputs, portfolio, where, region=region_name, scope=chosen_scope, members=members)
    doc = check_document(result, language)
    if fmt == "xlsx":
        from vold_cli.views.common import file_about

        sources = ["after-the-note", "benchmarks"]
        if where is not None and where[2] is not None:
            sources.append(f"municipalities-{where[2]}")
        if region is not None:
            sources.append("regions")
        doc.about = file_about(knowledge, language, data_sources=sources)
    say_encoding(portfolio, language)
    emit(doc, fmt, output=target, force=force, title=tr(language, "Tilbud", "Offers"), lang=language)


#: --scope's values: the file holds the whole region's offers, or each offer's municipality is in a kommune column.
SCOPES = ("region", "municipality")


def _scope(scope: str | None, region: str | None) -> str | None:
    from vold_cli.errors import UsageError
    from vold_cli.i18n.bilingual import Bilingual

    if scope is None:
        return None
    wanted = scope.strip().casefold()
    wanted = {"kommune": "municipality", "kommuner": "municipality"}.get(wanted, wanted)
    if wanted not in SCOPES:
        raise UsageError(Bilingual(f"Ugyldig værdi {scope!r} for --scope.", f"Invalid value {scope!r} for --scope."),
                         hint=Bilingual("Vælg region eller kommune.", "Choose region or municipality."))
    if region is None:
        raise UsageError(Bilingual("--scope gælder kun sammen med --region.", "--scope only applies to --region."),
                         hint=Bilingual("Fx: vold check tilbud.csv --region Midtjylland --scope region",
                                        "Example: vold check tilbud.csv --region Midtjylland --scope region"))
    return wanted


def _region_scope(scope: str | None, has_column: bool) -> str:
    """With --region, whose offers the file holds: said by --scope region, or by a kommune column naming each
    offer's municipality; a file that says neither is a usage error (it would hold one municipality's places
    against the whole region's benchmark)."""
    from vold_cli.errors import UsageError
    from vold_cli.i18n.bilingual import Bilingual

    if scope == "region":
        return "region"
    if has_column:
        return "by-municipality"
    raise UsageError(Bilingual("Med --region skal det fremgå, hvis tilbud filen rummer: --scope region for hele "
                               "regionens, eller en kommune-kolonne med hvert tilbuds kommune.",
                               "With --region, say whose offers the file holds: --scope region for the whole "
                               "region's, or a municipality column naming each offer's municipality."),
                     hint=Bilingual("For én kommunes tilbud: --municipality NAVN (så holdes pladserne op mod "
                                    "kommunens egen andel).",
                                    "For one municipality's offers: --municipality NAME (the places are then held "
                                    "against its own share)."))


def read_portfolio(file: Path, inputs: "CheckInputs") -> "Portfolio":
    """The offers of FILE (PortfolioError, exit 1, for a bad file)."""
    from vold_cli.core.check import offer_vocabulary
    from vold_cli.inputs.offers import read_offers

    return read_offers(file, offer_vocabulary(inputs))


def say_encoding(portfolio: "Portfolio", lang: str) -> None:
    """One line on stderr saying which encoding a CSV or YAML file was read in, when it was not UTF-8. Said once
    the check has succeeded, so that an error stays the one line on stderr."""
    from vold_cli.commands.common import notice
    from vold_cli.i18n.bilingual import Bilingual
    from vold_cli.inputs.offers import ENCODINGS
    from vold_cli.sanitize import visible

    if portfolio.encoding not in ("", "utf-8", "utf-8-sig"):
        name, encoding = visible(portfolio.file), ENCODINGS[portfolio.encoding]
        notice(Bilingual(f"Læste {name} som {encoding} (ikke UTF-8).", f"Read {name} as {encoding} (not UTF-8)."),
               lang)


def _template(lang: str, output: Path | None, force: bool) -> None:
    import sys

    from vold_cli.i18n.lang import pick
    from vold_cli.inputs.offers import template as make

    text = pick(make(), lang)
    if output is None:  # CSV: CRLF, UTF-8, the same bytes as the file less its byte-order mark
        from vold_cli.output.formats import write_utf8

        write_utf8(sys.stdout, text)
        return
    from vold_cli.commands.common import notice, wrote
    from vold_cli.output.files import write_text_atomic

    write_text_atomic(output, "\ufeff" + text, force=force)  # the byte-order mark makes Excel read UTF-8
    notice(wrote(output), lang)
