"""`vold phases`: the three prevention phases, with the number of interventions and the strongest evidence in each."""

from vold_cli.commands.common import Format, FormatOpt, KbOpt, LangOpt, emit, lang_of, load_kb
from vold_cli.commands.registry import command
from vold_cli.i18n.bilingual import Bilingual


@command(
    "phases", order=50,
    summary=Bilingual(da="De tre forebyggelsesfaser med antal indsatser og stærkeste evidens.",
                 en="The three prevention phases and their strongest evidence"),
    help=Bilingual(da="De tre forebyggelsesfaser med antal indsatser og den stærkeste evidens i hver.",
              en="The three prevention phases, with the number of interventions and the strongest "
                 "evidence in each."),
    examples=("vold phases",))
def phases(kb: KbOpt = None, fmt: FormatOpt = Format.table, lang: LangOpt = None) -> None:
    from vold_cli.core.query import phase_summary
    from vold_cli.views.phases import phases_doc

    knowledge = load_kb(kb)
    emit(phases_doc(knowledge, phase_summary(knowledge), lang_of(lang)), fmt)
