"""`vold search`: the chosen language's texts searched by word starts; each hit names the command that shows it."""

from typing import Annotated

import typer

from vold_cli.commands.common import Format, FormatOpt, KbOpt, LangOpt, chosen_kb, emit, lang_of, load_kb
from vold_cli.commands.registry import command
from vold_cli.i18n.bilingual import Bilingual


@command(
    "search", order=140,
    summary=Bilingual(da="Søg i det valgte sprogs tekster; hvert fund nævner kommandoen, der viser det.",
                 en="Search the chosen language's texts; each hit names the command that shows it"),
    help=Bilingual(da="Søg i teksterne på det valgte sprog (--lang) efter ord, der begynder med de givne ord, uden "
                 "hensyn til store og små bogstaver og danske bogstaver (kaerestevold finder kærestevold). Fundene "
                 "grupperes efter afsnit, hver med kommandoen, hvis output viser teksten.",
              en="Search the texts in the chosen language (--lang) for words that start with the words given, "
                 "ignoring case and Danish letters (kaerestevold finds kærestevold). Hits are grouped by section, "
                 "each with the command whose output shows the text found."),
    examples=(Bilingual(da="vold search kaerestevold", en="vold search kaerestevold --lang da"),
              Bilingual(da="vold search alkohol behandling --format json", en="vold search alcohol treatment --format json")))
def search(
    text: Annotated[list[str], typer.Argument(
        metavar=Bilingual(da="TEKST...", en="TEXT..."),
        help=Bilingual(da="Ord, der skal findes (alle skal forekomme).", en="Words to find (all must occur)."))],
    kb: KbOpt = None,
    fmt: FormatOpt = Format.table,
    lang: LangOpt = None,
) -> None:
    from vold_cli.commands.common import today
    from vold_cli.core.search import query_words
    from vold_cli.core.search import search as find
    from vold_cli.kb.loader import unchanged_key
    from vold_cli.sanitize import quote
    from vold_cli.views.pages import index, kept_index
    from vold_cli.views.search import search_doc

    language = lang_of(lang)
    joined = " ".join(text)
    query_words(joined)  # an empty search is a usage error before any work
    day = today()
    # a folder unchanged since its index was made today: that index alone, without loading the knowledge
    kept = kept_index(unchanged_key(chosen_kb(kb)), language, day)
    hits = find(kept if kept is not None else index(load_kb(kb), language, day), joined)
    if not hits:
        from vold_cli.commands.common import notice
        from vold_cli.i18n.bilingual import Bilingual

        notice(Bilingual(f"Intet fundet for {quote(joined)}.", f"Nothing found for {quote(joined)}."), language)
    emit(search_doc(hits, joined, language), fmt)
