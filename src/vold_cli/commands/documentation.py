"""`vold documentation`: goals -> indicators -> data sources, and where no indicator exists."""

from vold_cli.commands.common import Format, FormatOpt, KbOpt, LangOpt, emit, lang_of, load_kb
from vold_cli.commands.registry import command
from vold_cli.i18n.bilingual import Bilingual


@command(
    "documentation", order=110,
    summary=Bilingual(da="Mål -> indikatorer -> datakilder, og hvor der ingen indikator findes.",
                 en="Goals -> indicators -> data sources, and where none exist"),
    help=Bilingual(da="Sådan dokumenteres indsatsen: de fire mål -> indikatorer -> datakilder, og hvor "
                 "der ingen indikator findes.",
              en="How to document: the four goals -> indicators -> data sources, and where no "
                 "indicator exists."),
    examples=("vold documentation",))
def documentation(kb: KbOpt = None, fmt: FormatOpt = Format.table, lang: LangOpt = None) -> None:
    from vold_cli.views.documentation import documentation_doc

    emit(documentation_doc(load_kb(kb), lang_of(lang)), fmt)
