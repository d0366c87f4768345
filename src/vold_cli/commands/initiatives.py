"""`vold initiatives`: the initiatives the note lists (2013), with a status by today's date."""

from typing import Annotated

import typer

from vold_cli.commands import complete
from vold_cli.commands.common import (
    ForceOpt,
    Format,
    KbOpt,
    LangOpt,
    OutputOpt,
    TableFormatOpt,
    TargetOpt,
    choices,
    emit_table,
    start_table,
    today,
)
from vold_cli.commands.registry import command
from vold_cli.i18n.bilingual import Bilingual


@command(
    "initiatives", order=40,
    summary=Bilingual(da="Initiativer på notatets liste (2013), med status pr. i dag.",
                 en="Initiatives the note listed (2013), with a status by today"),
    help=Bilingual(
        da="Initiativerne på notatets liste (2013): periode, status beregnet ud fra dagens dato, målgruppe, formål, "
           "evaluering og notatets kontakter fra 2013.\n\nStatus (afsluttet, i gang, ukendt) sammenholder notatets "
           "periode med dagens dato (VOLD_TODAY=ÅÅÅÅ-MM-DD for en anden dag); hvad der er sket siden, er ikke "
           "efterprøvet.\n\nDerefter, for sig: handlingsplaner, anbefalinger og nationale tilbud efter notatet.",
        en="Initiatives listed in the note (2013): period, status by today's date, target group, purpose, "
           "contacts.\n\nThe status (ended, ongoing, unknown) compares the note's period with today's date "
           "(VOLD_TODAY=YYYY-MM-DD sets another day); what became of an initiative after the note has not been "
           "checked.\n\nThen, apart: the action plans, recommendations and national services after the note."),
    examples=(
        "vold initiatives",
        Bilingual(da="vold initiatives --target fagpersoner", en="vold initiatives --target professionals"),
        "vold initiatives intervention-centre-east-jutland",
        "vold initiatives action-plan-2023",
        "vold initiatives hotline-1888",
    ))
def initiatives(
    ident: Annotated[str | None, typer.Argument(
        metavar="[ID]", show_default=False, autocompletion=complete.initiative_ids,
        help=Bilingual(da="Vis dette initiativ i sin helhed.", en="Show this initiative in full."))] = None,
    target: TargetOpt = None,
    kb: KbOpt = None,
    fmt: TableFormatOpt = Format.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
    lang: LangOpt = None,
) -> None:
    from vold_cli.core.query import filter_initiatives
    from vold_cli.views.initiatives import initiative_view, initiatives_list

    language, target_file, knowledge = start_table(kb, fmt, output, force, lang)
    targets = choices(target, "target", "--target", knowledge)
    later = next((i for i in knowledge.initiatives["since_note"] if i["id"] == (ident or "").strip().casefold()), None)
    if later is not None:
        from vold_cli.views.initiatives import policy_view

        doc = policy_view(knowledge, later, language)
    elif ident is not None:
        doc = initiative_view(knowledge, knowledge.initiative(ident), language, today())
    else:
        doc = initiatives_list(knowledge, filter_initiatives(knowledge, targets=targets), language, today())
    emit_table(doc, fmt, knowledge, language, target_file, force, "Initiativer", "Initiatives")
