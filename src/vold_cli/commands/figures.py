"""`vold figures`: the note's national figures, each with the note's own reservation."""

from vold_cli.commands.common import Format, FormatOpt, KbOpt, LangOpt, emit, lang_of, load_kb
from vold_cli.commands.registry import command
from vold_cli.i18n.bilingual import Bilingual


@command(
    "figures", order=130,
    summary=Bilingual(da="Notatets landstal, hvert med notatets eget forbehold.",
                 en="The note's national figures, each with the note's own reservation"),
    help=Bilingual(da="Notatets landstal, hvert med notatets eget forbehold (”godt 29.000”, ”det antages”, "
                 "ophold er ikke forskellige personer), regneeksempler og forbehold, nyere tal og "
                 "pejlemærkerne.",
              en="The note's national figures, each with the note's own reservation (\"a good 29,000\", \"it is "
                 "assumed\", stays are not distinct persons), its worked examples and caveats, newer figures and "
                 "the benchmarks."),
    examples=("vold figures", "vold figures --lang da --format markdown"))
def figures(kb: KbOpt = None, fmt: FormatOpt = Format.table, lang: LangOpt = None) -> None:
    from vold_cli.views.figures import figures_doc

    emit(figures_doc(load_kb(kb), lang_of(lang)), fmt)
