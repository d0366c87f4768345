"""`vold interventions`: the note's interventions by phase, target group and evidence; one in full by id."""

from typing import Annotated

import typer

from vold_cli.commands import complete
from vold_cli.commands.common import (
    ForceOpt,
    Format,
    KbOpt,
    LangOpt,
    OutputOpt,
    PhaseOpt,
    TableFormatOpt,
    TargetOpt,
    choices,
    emit_table,
    start_table,
)
from vold_cli.commands.registry import command
from vold_cli.i18n.bilingual import Bilingual, pick

LEVEL = Bilingual(da="NIVEAU", en="LEVEL")


@command(
    "interventions", order=20,
    summary=Bilingual(da="Indsatser efter forebyggelsesfase, målgruppe og evidens.",
                 en="Interventions by phase, target group and evidence"),
    help=Bilingual(
        da="Indsatser, notatet omtaler, efter forebyggelsesfase og med deres evidens. Filtre gælder samtidig (OG); "
           "gentagne værdier af ét filter er alternativer (ELLER). Sorteret efter fase, evidens (stærkest først), "
           "navn. Hvor Vidensportalen har vurderet en indsats efter notatet, står vurderingen ved siden af notatets; "
           "en indsats, der ikke er i notatet (CTI), er markeret sådan.",
        en="Interventions the note discusses, by prevention phase, with their evidence. Filters combine (AND); "
           "repeated values of one filter are alternatives (OR). Sorted by phase, evidence (strongest first), "
           "name. Where Vidensportalen has rated an intervention since the note, the rating stands beside the "
           "note's grade; an intervention not in the note (CTI) is marked so."),
    examples=(
        Bilingual(da="vold interventions --phase sekundær", en="vold interventions --phase secondary"),
        Bilingual(da="vold interventions --target unge --min-evidence lovende",
             en="vold interventions --target young-people --min-evidence promising"),
        "vold interventions --not-tested-in-denmark --format csv",
        "vold interventions safe-dates",
        "vold interventions cti",
    ))
def interventions(
    ident: Annotated[str | None, typer.Argument(
        metavar="[ID]", show_default=False, autocompletion=complete.intervention_ids,
        help=Bilingual(da="Vis denne indsats i sin helhed.", en="Show this intervention in full."))] = None,
    phase: PhaseOpt = None,
    target: TargetOpt = None,
    evidence: Annotated[list[str] | None, typer.Option(
        "--evidence", metavar=LEVEL, show_default=False, help=Bilingual(
            da="Evidensniveau, fx dokumenteret, lovende (se `vold evidence`); gentag for flere (ELLER).",
            en="Evidence level, e.g. documented, promising (see `vold evidence`); repeat for several (OR)."))] = None,
    min_evidence: Annotated[str | None, typer.Option(
        "--min-evidence", metavar=LEVEL, show_default=False, help=Bilingual(
            da="Dette niveau eller stærkere, fx lovende.", en="This level or stronger, e.g. promising."))] = None,
    tried: Annotated[bool | None, typer.Option(
        "--tested-in-denmark/--not-tested-in-denmark", show_default=False, help=Bilingual(
            da="Kun dem, notatet siger er afprøvet i Danmark / kun de øvrige.",
            en="Only those the note says were tried in Denmark / only the others."))] = None,
    search: Annotated[str | None, typer.Option(
        "--search", "-s", metavar=Bilingual(da="TEKST", en="TEXT"), show_default=False, help=Bilingual(
            da="Ord, der alle skal forekomme (på dansk eller engelsk, danske bogstaver valgfri).",
            en="Words that must all occur (either language, Danish letters optional)."))] = None,
    kb: KbOpt = None,
    fmt: TableFormatOpt = Format.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
    lang: LangOpt = None,
) -> None:
    from vold_cli.core.query import applied_filters, filter_interventions
    from vold_cli.views.interventions import intervention_view, interventions_list

    language, target_file, knowledge = start_table(kb, fmt, output, force, lang)
    names = ("Indsatser", "Interventions")
    phases = choices(phase, "phase", "--phase", knowledge)
    targets = choices(target, "target", "--target", knowledge)
    levels = choices(evidence, "evidence", "--evidence", knowledge)
    floor = choices([min_evidence] if min_evidence is not None else None, "evidence", "--min-evidence", knowledge)
    if ident is not None:
        later = next((i for i in knowledge.interventions["not_in_note"] if i["id"] == ident.strip().casefold()), None)
        if later is not None:  # an intervention not in the note (CTI): marked so, no grade
            from vold_cli.views.interventions import later_view

            emit_table(later_view(knowledge, later, language), fmt, knowledge, language, target_file, force, *names)
            return
        item = knowledge.intervention(ident)
        emit_table(intervention_view(knowledge, item, language), fmt, knowledge, language, target_file, force, *names)
        return
    items = filter_interventions(knowledge, phases=phases, targets=targets, evidence=levels,
                                 min_evidence=floor[0] if floor else None, tried_in_denmark=tried,
                                 search=search, name=lambda i: pick(i["name"], language))
    filters = applied_filters(phases=phases, targets=targets, evidence=levels,
                              min_evidence=floor[0] if floor else None, tried_in_denmark=tried, search=search)
    if not items and fmt not in ("table", "markdown"):  # people's formats say it in the answer itself, once
        from vold_cli.commands.common import notice
        from vold_cli.views.names import filters as filters_text

        shown = filters_text(filters, language, knowledge)
        notice(Bilingual(f"Ingen indsatser passer til filtrene: {shown}.",
                         f"No interventions match the filters: {shown}."), language)
    emit_table(interventions_list(knowledge, items, language, filters), fmt, knowledge, language, target_file, force,
               *names)
