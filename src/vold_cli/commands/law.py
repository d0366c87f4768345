"""`vold law`: every legal reference in the note, and what has changed since."""

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
    emit_table,
    start_table,
)
from vold_cli.commands.registry import command
from vold_cli.i18n.bilingual import Bilingual


@command(
    "law", order=30,
    summary=Bilingual(da="Lovhenvisninger i notatet, og hvad der er ændret siden.",
                 en="Legal references in the note, and what has changed since"),
    help=Bilingual(da="Lovhenvisninger i notatet, og hvad der er ændret siden (holdt for sig, med kilde og dato); "
                      "lovgivning efter notatet (straffeloven § 243); kommunens pligter i dag (vold law duties, også "
                      "pligter).",
                   en="Legal references in the note, and what has changed since (kept apart, with source and date); "
                      "the law after the note (straffeloven § 243); the municipality's duties today (vold law duties)."),
    examples=("vold law", "vold law 109", "vold law tilhold 3", "vold law tilhold", "vold law 243", "vold law duties",
              "vold law cpr 28 --format json"))
def law(
    reference: Annotated[list[str] | None, typer.Argument(
        metavar=Bilingual(da="[HENVISNING]...", en="[REF]..."), autocompletion=complete.law_references,
        show_default=False)] = None,  # 109, §109, '§ 109', sel 109, tilhold 3, tilhold, cpr 28, 243, duties
    kb: KbOpt = None,
    fmt: TableFormatOpt = Format.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
    lang: LangOpt = None,
) -> None:
    from vold_cli.core.query import DUTIES_WORDS, find_act, find_law
    from vold_cli.views.law import act_view, duties_view, law_list, law_view

    language, target_file, knowledge = start_table(kb, fmt, output, force, lang)
    wanted = " ".join(reference or [])
    act = find_act(knowledge, wanted) if wanted else None
    if wanted.strip().casefold() in DUTIES_WORDS:
        doc = duties_view(knowledge, language)
    elif act is not None:
        doc = act_view(knowledge, act, language)
    elif wanted:
        doc = law_view(knowledge, find_law(knowledge, wanted), language)
    else:
        doc = law_list(knowledge, language)
    emit_table(doc, fmt, knowledge, language, target_file, force, "Lovgivning", "Law")
