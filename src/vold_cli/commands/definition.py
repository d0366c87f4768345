"""`vold definition`: the definition, the forms of violence and the two kinds of data."""

from vold_cli.commands.common import Format, FormatOpt, KbOpt, LangOpt, emit, lang_of, load_kb
from vold_cli.commands.registry import command
from vold_cli.i18n.bilingual import Bilingual


@command(
    "definition", order=90,
    summary=Bilingual(da="Definitionen, formerne for vold og de to slags data.",
                 en="The definition, the forms of violence, the two kinds of data"),
    help=Bilingual(da="Socialstyrelsens definition, Europarådets former for vold og de to slags data.",
              en="Socialstyrelsen's definition, the Council of Europe's forms of violence, and the "
                 "two kinds of data."),
    examples=("vold definition",))
def definition(kb: KbOpt = None, fmt: FormatOpt = Format.table, lang: LangOpt = None) -> None:
    from vold_cli.views.definition import definition_doc

    emit(definition_doc(load_kb(kb), lang_of(lang)), fmt)
