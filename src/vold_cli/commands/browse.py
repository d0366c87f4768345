"""Browsing commands: `vold <collection>` lists, `vold <collection> ID` shows one entry in full."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from vold_cli.commands import complete
from vold_cli.commands.common import (
    ForceOpt,
    Format,
    FormatOpt,
    KbOpt,
    LangOpt,
    OutputOpt,
    TableFormatOpt,
    check_output,
    emit,
    lang_of,
    load_kb,
)
from vold_cli.sanitize import quote

if TYPE_CHECKING:
    from vold_cli.kb.facade import KnowledgeBase
    from vold_cli.output.blocks import Document

PhaseOpt = Annotated[list[str] | None, typer.Option("--phase", metavar="PHASE",
                     help="primary, secondary or tertiary; repeat for several (OR).", show_default=False)]
TargetOpt = Annotated[list[str] | None, typer.Option("--target", metavar="GROUP",
                      help="Target group id (see `vold map`); repeat for several (OR).", show_default=False)]


def _check(values: list[str] | None, kind: str, option: str, knowledge: "KnowledgeBase | None", lang: str) -> list[str]:
    """Ids for the values typed (English ids or Danish words, Danish letters optional; see vocab.py)."""
    from vold_cli.core.vocab import normalise_all

    return normalise_all(kind, values, option=option, lang=lang, knowledge=knowledge)


def _emit_table(doc: "Document", fmt: str, knowledge: "KnowledgeBase", language: str, target: Path | None,
                force: bool, title_da: str, title_en: str) -> None:
    """emit for a listing whose result is a table: also to -o FILE, and as a workbook with the note and the
    data sources beside the records (built only when a workbook is written)."""
    from vold_cli.i18n.lang import tr

    if doc.about is None:
        def about() -> list[tuple[str, str]]:
            from vold_cli.views.common import file_about

            return file_about(knowledge, language, data_sources=["after-the-note"])

        doc.about = about
    emit(doc, fmt, output=target, force=force, title=tr(language, title_da, title_en), lang=language)


def interventions(
    ident: Annotated[str | None, typer.Argument(metavar="[ID]", help="Show this intervention in full.",
                                                 show_default=False, autocompletion=complete.intervention_ids)] = None,
    phase: PhaseOpt = None,
    target: TargetOpt = None,
    evidence: Annotated[list[str] | None, typer.Option("--evidence", metavar="LEVEL",
                        help="Evidence level (see `vold evidence`); repeat for several (OR).", show_default=False)] = None,
    min_evidence: Annotated[str | None, typer.Option("--min-evidence", metavar="LEVEL",
                            help="This level or stronger, e.g. promising.", show_default=False)] = None,
    tried: Annotated[bool | None, typer.Option("--tested-in-denmark/--not-tested-in-denmark",
                     help="Only those the note says were tried in Denmark / only the others.",
                     show_default=False)] = None,
    search: Annotated[str | None, typer.Option("--search", "-s", metavar="TEXT",
                      help="Words that must all occur (either language, Danish letters optional).",
                      show_default=False)] = None,
    kb: KbOpt = None,
    fmt: TableFormatOpt = Format.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
    lang: LangOpt = None,
) -> None:
    """Interventions the note discusses, by prevention phase, with their evidence. Filters combine (AND);
    repeated values of one filter are alternatives (OR). Sorted by phase, evidence (strongest first), name.

    \b
    Examples:
      vold interventions --phase secondary
      vold interventions --target young-people --min-evidence promising
      vold interventions --not-tested-in-denmark --format csv
      vold interventions safe-dates
    """
    from vold_cli.core.query import applied_filters, filter_interventions
    from vold_cli.views.interventions import intervention_view, interventions_list

    language = lang_of(lang)
    target_file = check_output(fmt, output, force, language)
    knowledge = load_kb(kb)
    names = ("Indsatser", "Interventions")
    phases = _check(phase, "phase", "--phase", knowledge, language)
    targets = _check(target, "target", "--target", knowledge, language)
    levels = _check(evidence, "evidence", "--evidence", knowledge, language)
    floor = _check([min_evidence] if min_evidence is not None else None, "evidence", "--min-evidence", knowledge,
                   language)
    if ident is not None:
        item = knowledge.intervention(ident)
        _emit_table(intervention_view(knowledge, item, language), fmt, knowledge, language, target_file, force, *names)
        return
    items = filter_interventions(knowledge, phases=phases, targets=targets, evidence=levels,
                                 min_evidence=floor[0] if floor else None, tried_in_denmark=tried,
                                 search=search, lang=language)
    filters = applied_filters(phases=phases, targets=targets, evidence=levels,
                              min_evidence=floor[0] if floor else None, tried_in_denmark=tried, search=search)
    if not items and fmt not in ("table", "markdown"):  # people's formats say it in the answer itself, once
        import sys

        from vold_cli.i18n.messages import message
        from vold_cli.views.names import filters as filters_text

        sys.stderr.write(message(language, "No interventions match the filters: {filters}.",
                                 filters=filters_text(filters, language, knowledge)) + "\n")
    _emit_table(interventions_list(knowledge, items, language, filters), fmt, knowledge, language, target_file, force,
                *names)


def law(
    reference: Annotated[list[str] | None, typer.Argument(metavar="[REF]...", autocompletion=complete.law_references,
                         help="109, §109, '§ 109', sel 109, serviceloven 109, tilhold 3, cpr 28, vej, psykolog 1.",
                         show_default=False)] = None,
    kb: KbOpt = None,
    fmt: TableFormatOpt = Format.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
    lang: LangOpt = None,
) -> None:
    """Legal references in the note, and what has changed since (kept apart, with source and date).

    \b
    Examples:
      vold law
      vold law 109
      vold law tilhold 3
      vold law cpr 28 --format json
    """
    from vold_cli.core.query import find_law
    from vold_cli.views.law import law_list, law_view

    language = lang_of(lang)
    target_file = check_output(fmt, output, force, language)
    knowledge = load_kb(kb)
    if reference:
        doc = law_view(knowledge, find_law(knowledge, " ".join(reference)), language)
    else:
        doc = law_list(knowledge, language)
    _emit_table(doc, fmt, knowledge, language, target_file, force, "Lovgivning", "Law")


def initiatives(
    ident: Annotated[str | None, typer.Argument(metavar="[ID]", help="Show this initiative in full.",
                                                 show_default=False, autocompletion=complete.initiative_ids)] = None,
    target: TargetOpt = None,
    kb: KbOpt = None,
    fmt: TableFormatOpt = Format.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
    lang: LangOpt = None,
) -> None:
    """Initiatives listed in the note (2013): period, status by today's date, target group, purpose, contacts.

    The status (ended, ongoing, unknown) compares the note's period with today's date (VOLD_TODAY=YYYY-MM-DD
    sets another day); what became of an initiative after the note has not been checked.

    \b
    Examples:
      vold initiatives
      vold initiatives --target professionals
      vold initiatives intervention-centre-east-jutland
    """
    from vold_cli.commands.common import today
    from vold_cli.core.query import filter_initiatives
    from vold_cli.views.initiatives import initiative_view, initiatives_list

    language = lang_of(lang)
    target_file = check_output(fmt, output, force, language)
    knowledge = load_kb(kb)
    targets = _check(target, "target", "--target", knowledge, language)
    if ident is not None:
        doc = initiative_view(knowledge, knowledge.initiative(ident), language, today())
    else:
        doc = initiatives_list(knowledge, filter_initiatives(knowledge, targets=targets), language, today())
    _emit_table(doc, fmt, knowledge, language, target_file, force, "Initiativer", "Initiatives")


def phases(kb: KbOpt = None, fmt: FormatOpt = Format.table, lang: LangOpt = None) -> None:
    """The three prevention phases, with the number of interventions and the strongest evidence in each.

    \b
    Example:
      vold phases
    """
    from vold_cli.core.query import phase_summary
    from vold_cli.views.phases import phases_doc

    knowledge = load_kb(kb)
    emit(phases_doc(knowledge, phase_summary(knowledge), lang_of(lang)), fmt)


def profile(kb: KbOpt = None, fmt: FormatOpt = Format.table, lang: LangOpt = None) -> None:
    """Who is more often exposed, who more often uses violence, and crisis-centre key figures.

    \b
    Example:
      vold profile --lang da
    """
    from vold_cli.views.profile import profile_doc

    emit(profile_doc(load_kb(kb), lang_of(lang)), fmt)


def definition(kb: KbOpt = None, fmt: FormatOpt = Format.table, lang: LangOpt = None) -> None:
    """Socialstyrelsen's definition, the Council of Europe's forms of violence, and the two kinds of data.

    \b
    Example:
      vold definition
    """
    from vold_cli.views.definition import definition_doc

    emit(definition_doc(load_kb(kb), lang_of(lang)), fmt)


def implementation(
    part: Annotated[str | None, typer.Argument(metavar="[drivers|factors|strategies]",
                    help="Show only one part.", show_default=False)] = None,
    kb: KbOpt = None,
    fmt: FormatOpt = Format.table,
    lang: LangOpt = None,
) -> None:
    """How to implement: the three drivers, factors on four levels, and the four strategies compared.

    \b
    Examples:
      vold implementation
      vold implementation strategies
    """
    from vold_cli.views.implementation import implementation_doc

    language = lang_of(lang)
    chosen = _check([part] if part is not None else None, "part", "[" + ("delen" if language == "da" else "the part") + "]",
                    None, language)
    emit(implementation_doc(load_kb(kb), chosen[0] if chosen else None, language), fmt)


def documentation(kb: KbOpt = None, fmt: FormatOpt = Format.table, lang: LangOpt = None) -> None:
    """How to document: the four goals -> indicators -> data sources, and where no indicator exists.

    \b
    Example:
      vold documentation
    """
    from vold_cli.views.documentation import documentation_doc

    emit(documentation_doc(load_kb(kb), lang_of(lang)), fmt)


def economy(kb: KbOpt = None, fmt: FormatOpt = Format.table, lang: LangOpt = None) -> None:
    """National annual costs of violence against women by item, what they leave out, and cost analyses.

    \b
    Example:
      vold economy
    """
    from vold_cli.views.economy import economy_doc

    emit(economy_doc(load_kb(kb), lang_of(lang)), fmt)


def evidence(kb: KbOpt = None, fmt: FormatOpt = Format.table, lang: LangOpt = None) -> None:
    """The evidence scale: criteria for each level and what it suggests a municipality do.

    \b
    Example:
      vold evidence
    """
    from vold_cli.views.evidence import evidence_doc

    emit(evidence_doc(load_kb(kb), lang_of(lang)), fmt)


def evidence_map(kb: KbOpt = None, fmt: TableFormatOpt = Format.table, output: OutputOpt = None,
                 force: ForceOpt = False, lang: LangOpt = None) -> None:
    """Evidence gap map: target group x prevention phase, each cell with its interventions and the strongest
    evidence, so gaps (no documented effect) show at a glance.

    \b
    Examples:
      vold map
      vold map --format markdown > map.md
    """
    from vold_cli.core.query import evidence_map as cells
    from vold_cli.views.evidence import map_doc

    language = lang_of(lang)
    target_file = check_output(fmt, output, force, language)
    knowledge = load_kb(kb)
    _emit_table(map_doc(knowledge, cells(knowledge, language), language), fmt, knowledge, language, target_file,
                force, "Evidenskort", "Evidence map")


def search(
    text: Annotated[list[str], typer.Argument(metavar="TEXT...", help="Words to find (all must occur).")],
    kb: KbOpt = None,
    fmt: FormatOpt = Format.table,
    lang: LangOpt = None,
) -> None:
    """Search the texts in the chosen language (--lang) for words that start with the words given, ignoring case
    and Danish letters (kaerestevold finds kærestevold). Hits are grouped by section, each with the command whose
    output shows the text found.

    \b
    Examples:
      vold search kaerestevold
      vold search alkohol behandling --format json
    """
    from vold_cli.core.query import search as find
    from vold_cli.views.search import search_doc

    knowledge = load_kb(kb)
    language = lang_of(lang)
    joined = " ".join(text)
    hits = find(knowledge, joined, language)
    if not hits:
        import sys

        from vold_cli.i18n.messages import message

        sys.stderr.write(message(language, "Nothing found for {text}.", text=quote(joined)) + "\n")
    emit(search_doc(hits, joined, language), fmt)


def figures(kb: KbOpt = None, fmt: FormatOpt = Format.table, lang: LangOpt = None) -> None:
    """The note's national figures, each with the note's own reservation ("godt 29.000", "det antages", stays
    are not distinct persons), its worked examples and caveats, newer figures and the benchmarks.

    \b
    Examples:
      vold figures
      vold figures --lang da --format markdown
    """
    from vold_cli.views.figures import figures_doc

    emit(figures_doc(load_kb(kb), lang_of(lang)), fmt)


def register(app: typer.Typer) -> None:
    app.command("interventions")(interventions)
    app.command("law")(law)
    app.command("initiatives")(initiatives)
    app.command("phases")(phases)
    app.command("map")(evidence_map)
    app.command("evidence")(evidence)
    app.command("profile")(profile)
    app.command("definition")(definition)
    app.command("implementation")(implementation)
    app.command("documentation")(documentation)
    app.command("economy")(economy)
    app.command("search")(search)
    app.command("figures")(figures)
