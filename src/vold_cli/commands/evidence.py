"""`vold evidence`: the evidence scale in the note's terms, and what each level suggests doing."""

from vold_cli.commands.common import Format, FormatOpt, KbOpt, LangOpt, emit, lang_of, load_kb
from vold_cli.commands.registry import command
from vold_cli.i18n.bilingual import Bilingual


@command(
    "evidence", order=70,
    summary=Bilingual(da="Evidensskalaen: kriterier og hvad hvert niveau tilsiger.",
                 en="The evidence scale and what each level suggests doing"),
    help=Bilingual(da="Evidensskalaen: kriterierne for hvert niveau, og hvad det tilsiger en kommune at "
                 "gøre.",
              en="The evidence scale: criteria for each level and what it suggests a municipality "
                 "do."),
    examples=("vold evidence",))
def evidence(kb: KbOpt = None, fmt: FormatOpt = Format.table, lang: LangOpt = None) -> None:
    from vold_cli.views.evidence import evidence_doc

    emit(evidence_doc(load_kb(kb), lang_of(lang)), fmt)
