"""`vold kb`: validate, describe and copy knowledge folders."""

from pathlib import Path
from typing import Annotated

import typer

from vold_cli.commands.common import Format, FormatOpt, KbOpt, LangOpt, chosen_kb, emit, lang_of, load_kb
from vold_cli.commands.registry import group
from vold_cli.i18n.bilingual import Bilingual, pick, tr
from vold_cli.output.blocks import Document, Paragraph

kb_group = group(
    "kb", module=__name__, order=170,
    summary=Bilingual(da="Kontrollér, beskriv eller kopiér vidensbasen.",
                 en="Validate, describe or copy the knowledge base"),
    help=Bilingual(da="Kontrollér, beskriv eller kopiér vidensbasen.", en="Validate, describe or copy the knowledge base."),
    examples=("vold kb info",
              Bilingual(da="vold kb init ./min-viden", en="vold kb init ./my-knowledge"),
              Bilingual(da="vold kb validate ./min-viden", en="vold kb validate ./my-knowledge")))


@kb_group.command(
    "validate",
    summary=Bilingual(da="Kontrollér en vidensmappe.", en="Check a knowledge folder"),
    help=Bilingual(da="Kontrollér en vidensmappe: YAML-syntaks, skema, oversættelser og krydshenvisninger.\n\n"
                 "Afslutter med 1 og én linje, der nævner fil, post og felt for det første problem.",
              en="Check a knowledge folder: YAML syntax, schema, translations and cross-references.\n\n"
                 "Exits 1 with one line naming the file, entry and field of the first problem."),
    examples=("vold kb validate", Bilingual(da="vold kb validate ./min-viden", en="vold kb validate ./my-knowledge")))
def validate(
    path: Annotated[Path | None, typer.Argument(
        metavar=Bilingual(da="[MAPPE]", en="[DIR]"), show_default=False, help=Bilingual(
            da="Vidensmappen, der skal kontrolleres (standard: --kb, VOLD_KB eller den medfølgende).",
            en="Knowledge folder to check (default: --kb, VOLD_KB or the bundled one)."))] = None,
    kb: KbOpt = None,
    fmt: FormatOpt = Format.table,
    lang: LangOpt = None,
) -> None:
    from vold_cli.core.query import section_counts
    from vold_cli.kb.facade import KnowledgeBase
    from vold_cli.kb.loader import load
    from vold_cli.views.kbinfo import counts_table

    knowledge = KnowledgeBase(load(path or chosen_kb(kb), use_cache=False))
    counts = section_counts(knowledge)
    language = lang_of(lang)
    total = sum(sum(parts.values()) for parts in counts.values())
    doc = Document(data={"valid": True, "location": knowledge.location, "counts": counts})
    doc.rows = [{"file": f"{s}.yaml", **parts} for s, parts in counts.items()]
    doc.add(Paragraph(tr(language, f"Gyldig: {knowledge.location} ({len(counts)} filer, {total} poster)",
                         f"Valid: {knowledge.location} ({len(counts)} files, {total} entries)"), style="strong"))
    doc.add(counts_table(counts, language))
    emit(doc, fmt)


@kb_group.command(
    "info",
    summary=Bilingual(da="Vidensbasens titel, udgave, version og indhold.",
                 en="Title, edition, version and contents of the knowledge base"),
    help=Bilingual(da="Vidensbasens titel, udgiver, år, udgave og version, dens indhold og hvorfra den er indlæst.",
              en="Title, publisher, year, edition and version of the knowledge base, its contents and where it was "
                 "loaded from."),
    examples=("vold kb info", "vold kb info --format json"))
def info(kb: KbOpt = None, fmt: FormatOpt = Format.table, lang: LangOpt = None) -> None:
    from vold_cli.kb.cachestatus import Status
    from vold_cli.views.kbinfo import info_doc

    knowledge = load_kb(kb)
    emit(info_doc(knowledge, lang_of(lang), knowledge.cache or Status("validate")), fmt)


@kb_group.command(
    "init",
    summary=Bilingual(da="Kopiér vidensbasen til en ny mappe til redigering.",
                 en="Copy the knowledge base to a new folder for editing"),
    help=Bilingual(da="Skriv en kopi af vidensbasen til MAPPE til lokal redigering (brug den med --kb MAPPE eller "
                 "VOLD_KB=MAPPE).\n\nRører aldrig en mappe, der findes i forvejen.",
              en="Write a copy of the knowledge base to DIR for local editing (use it with --kb DIR or "
                 "VOLD_KB=DIR).\n\nRefuses to touch a folder that already exists."),
    examples=(Bilingual(da="vold kb init ./min-viden", en="vold kb init ./my-knowledge"),))
def init(
    directory: Annotated[str, typer.Argument(
        metavar=Bilingual(da="MAPPE", en="DIR"),
        help=Bilingual(da="Den nye mappe; den må ikke findes.", en="New folder to create; must not exist."))],
    kb: KbOpt = None,
) -> None:
    from vold_cli.output.files import copy_knowledge
    from vold_cli.sanitize import visible

    if not directory:
        from vold_cli.errors import UsageError

        raise UsageError(Bilingual("MAPPE er tom.", "DIR is empty."),
                         hint=Bilingual("Giv navnet på en ny mappe, fx vold kb init ./min-viden",
                                        "Give the name of a new folder, e.g. vold kb init ./my-knowledge"))
    from vold_cli.kb.loader import load

    written = copy_knowledge(load(chosen_kb(kb)), Path(directory))
    shown = visible(directory)
    from vold_cli.i18n.lang import current

    typer.echo(pick(Bilingual(f"Skrev {len(written)} filer til {shown}. Ret dem, og kør så: vold kb validate {shown}",
                              f"Wrote {len(written)} files to {shown}. Edit them, then run: vold kb validate {shown}"),
                    current()))
