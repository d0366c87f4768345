"""`vold profile`: who is more often exposed, who more often uses violence, and crisis-centre key figures."""

from vold_cli.commands.common import Format, FormatOpt, KbOpt, LangOpt, emit, lang_of, load_kb
from vold_cli.commands.registry import command
from vold_cli.i18n.bilingual import Bilingual


@command(
    "profile", order=80,
    summary=Bilingual(da="Hvem der oftere er udsat eller udøver vold; nøgletal fra krisecentrene.",
                 en="Who is more often exposed or uses violence; crisis centres"),
    help=Bilingual(da="Hvem der oftere er udsat, hvem der oftere udøver vold, og nøgletal fra "
                 "krisecentrene.",
              en="Who is more often exposed, who more often uses violence, and crisis-centre key "
                 "figures."),
    examples=("vold profile --lang da",))
def profile(kb: KbOpt = None, fmt: FormatOpt = Format.table, lang: LangOpt = None) -> None:
    from vold_cli.views.profile import profile_doc

    emit(profile_doc(load_kb(kb), lang_of(lang)), fmt)
