"""`vold implementation`: drivers, factors and the four implementation strategies compared."""

from typing import Annotated

import typer

from vold_cli.commands.common import Format, FormatOpt, KbOpt, LangOpt, choices, emit, lang_of, load_kb
from vold_cli.commands.registry import command
from vold_cli.i18n.bilingual import Bilingual

PART = Bilingual(da="[drivkræfter|faktorer|strategier]", en="[drivers|factors|strategies]")


@command(
    "implementation", order=100,
    summary=Bilingual(da="Drivkræfter, faktorer og de fire implementeringsstrategier.",
                 en="Drivers, factors and the four implementation strategies"),
    help=Bilingual(da="Sådan implementeres en indsats: de tre drivkræfter, faktorer på fire niveauer og de fire "
                 "strategier sammenlignet.",
              en="How to implement: the three drivers, factors on four levels, and the four strategies compared."),
    examples=("vold implementation",
              Bilingual(da="vold implementation strategier", en="vold implementation strategies")))
def implementation(
    part: Annotated[str | None, typer.Argument(
        metavar=PART, show_default=False,
        help=Bilingual(da="Vis kun én del.", en="Show only one part."))] = None,
    kb: KbOpt = None,
    fmt: FormatOpt = Format.table,
    lang: LangOpt = None,
) -> None:
    from vold_cli.views.implementation import implementation_doc

    language = lang_of(lang)
    chosen = choices([part] if part is not None else None, "part", Bilingual(da="[delen]", en="[the part]"), None)
    emit(implementation_doc(load_kb(kb), chosen[0] if chosen else None, language), fmt)
