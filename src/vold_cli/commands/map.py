"""`vold map`: the evidence gap map, target group x prevention phase."""

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
    "map", order=60,
    summary=Bilingual(da="Evidenskort: målgruppe x forebyggelsesfase.",
                 en="Evidence gap map: target group x prevention phase"),
    help=Bilingual(da="Evidenskort: målgruppe x forebyggelsesfase; hver celle med sine indsatser og den stærkeste "
                 "evidens, så huller (ingen dokumenteret effekt) ses med det samme.",
              en="Evidence gap map: target group x prevention phase, each cell with its interventions and the "
                 "strongest evidence, so gaps (no documented effect) show at a glance."),
    examples=("vold map", Bilingual(da="vold map --format markdown > kort.md", en="vold map --format markdown > map.md")))
def evidence_map(kb: KbOpt = None, fmt: TableFormatOpt = Format.table, output: OutputOpt = None,
                 force: ForceOpt = False, lang: LangOpt = None) -> None:
    from vold_cli.core.query import evidence_map as cells
    from vold_cli.i18n.bilingual import pick
    from vold_cli.views.evidence import map_doc

    language, target_file, knowledge = start_table(kb, fmt, output, force, lang)
    emit_table(map_doc(knowledge, cells(knowledge, lambda i: pick(i["name"], language)), language), fmt, knowledge,
               language, target_file, force, "Evidenskort", "Evidence map")
