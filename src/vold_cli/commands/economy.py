"""`vold economy`: national annual costs by item, and what they leave out."""

from vold_cli.commands.common import Format, FormatOpt, KbOpt, LangOpt, emit, lang_of, load_kb
from vold_cli.commands.registry import command
from vold_cli.i18n.bilingual import Bilingual


@command(
    "economy", order=120,
    summary=Bilingual(da="Årlige samfundsudgifter efter post, og hvad de udelader.",
                 en="National annual costs by item, and what they leave out"),
    help=Bilingual(da="De årlige samfundsudgifter til vold mod kvinder fordelt på poster, hvad de "
                 "udelader, og analyser af udgifter.",
              en="National annual costs of violence against women by item, what they leave out, and "
                 "cost analyses."),
    examples=("vold economy",))
def economy(kb: KbOpt = None, fmt: FormatOpt = Format.table, lang: LangOpt = None) -> None:
    from vold_cli.views.economy import economy_doc

    emit(economy_doc(load_kb(kb), lang_of(lang)), fmt)
