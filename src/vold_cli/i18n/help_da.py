"""The Danish help of every command and option, put into the Click objects when the language is Danish.

The commands keep their English help where they are defined (docstrings and `help=`); `translate_help(group)`
walks the Click command tree Typer built and replaces each help text, metavar and usage word with the Danish one
below, before Click formats any help. A command or option missing here keeps its English help, and
tests/test_language.py finds it.
"""

from __future__ import annotations

from typing import Any

EXAMPLES = "\n\n\b\nEksempler:\n"

# Help of every option, by parameter name; COMMAND_PARAMS overrides per command.
PARAMS: dict[str, str] = {
    "version": "Vis versionen og afslut.",
    "kb": "Brug vidensmappen STI i stedet for den medfølgende (også VOLD_KB).",
    "fmt": "Format: tabel (table) til mennesker; json, csv, markdown til filer og scripts.",
    "lang": "Svarets sprog: da eller en. Standard: VOLD_LANG, ellers systemets sprog (da_* -> da), ellers en.",
    "population": "Antal indbyggere: 43000, 43.000, 43,000 eller '43 000'.",
    "municipality": "Kommunens navn (danske bogstaver valgfri: Aeroe = Ærø; også 'Aarhus Kommune') eller kode (791).",
    "year": "Befolkningsår for --municipality: 2013 eller 2024 (standard: det seneste).",
    "phase": "primær, sekundær eller tertiær (også primary, secondary, tertiary); gentag for flere (ELLER).",
    "target": "Målgruppe, fx unge, voldsudsatte, fagpersoner (se `vold map`); gentag for flere (ELLER).",
    "evidence": "Evidensniveau, fx dokumenteret, lovende (se `vold evidence`); gentag for flere (ELLER).",
    "min_evidence": "Dette niveau eller stærkere, fx lovende.",
    "tried": "Kun dem, notatet siger er afprøvet i Danmark / kun de øvrige.",
    "search": "Ord, der alle skal forekomme som ordbegyndelser (det valgte sprog, danske bogstaver valgfri).",
    "output": "Skriv til FIL i stedet for standardoutput (aldrig over en eksisterende fil uden --force).",
    "force": "Overskriv FIL, hvis den findes.",
    "offers": "Tilføj kommunens egne tilbud holdt op mod notatet (som `vold check FIL`).",
    "install_completion": "Installér fuldførelse for SKAL (bash, zsh, fish; standard: den aktuelle skal).",
    "show_completion": "Skriv fuldførelsesscriptet for SKAL (standard: den aktuelle skal).",
    "template": "Skriv en lille CSV-skabelon (overskrifter på --lang, to eksempelrækker) i stedet for at kontrollere.",
}

COMMAND_PARAMS: dict[str, dict[str, str]] = {
    "vold": {"kb": "Vidensmappe til alle kommandoer (også VOLD_KB; en kommandos egen --kb går forud)."},
    "vold report": {"fmt": "markdown (standard) eller html."},
    "vold check": {
        "output": "Skriv kontrollen (eller, med --template, skabelonen) til FIL i stedet for standardoutput (kræves "
                  "for xlsx; aldrig over en eksisterende fil uden --force).",
        "force": "Overskriv FIL, hvis den findes og er en almindelig fil.",
        "population": "Indbyggere, til at holde krisecenterpladser op mod normen.",
        "municipality": "Kommunens navn (danske bogstaver valgfri; også 'Aarhus Kommune') eller kode.",
        "region": "Region ved navn (danske bogstaver valgfri) eller kode 1081-1085: dens samlede befolkning.",
        "year": "Befolkningsår for --municipality eller --region: 2013, 2017, 2021 eller 2024 (standard: det seneste).",
    },
    "vold estimate": {
        "municipality": "Kommunens navn (danske bogstaver valgfri: Aeroe = Ærø; også 'Aarhus Kommune') eller kode "
                        "(791); gentag (2-10 gange) for at sammenligne side om side.",
        "region": "Region ved navn (med eller uden 'Region', danske bogstaver valgfri) eller kode 1081-1085.",
        "every": "Alle kommuner, de fem regioner og hele landet i én tabel.",
        "sort": "Til --all og sammenligninger: code, name, population, women, men, stays eller places "
                "(kode, navn, indbyggere, kvinder, mænd, ophold, pladser); tilføj :desc for faldende.",
        "year": "Befolkningsår for kommuner, regioner og --all (standard: det seneste i vidensbasen).",
        "output": "Skriv til FIL i stedet for standardoutput (kræves for xlsx; aldrig over en eksisterende fil "
                  "uden --force).",
    },
    "vold initiatives": {"target": "Målgruppe, fx fagpersoner, unge (se `vold map`); gentag for flere (ELLER)."},
}

METAVARS = {
    "PATH": "STI", "TEXT": "TEKST", "TEXT...": "TEKST...", "NAME_OR_CODE": "NAVN_ELLER_KODE", "YEAR": "ÅR",
    "FILE": "FIL", "DIR": "MAPPE", "PHASE": "FASE", "GROUP": "MÅLGRUPPE", "LEVEL": "NIVEAU", "[REF]...": "[HENVISNING]...", "[FILE]": "[FIL]", "[SHELL]": "[SKAL]",
    "[drivers|factors|strategies]": "[drivkræfter|faktorer|strategier]", "COLUMN[:desc]": "KOLONNE[:desc]",
}

HELP: dict[str, str] = {
    "vold": (
        "Beslutningsstøtte til planlægning af den sociale indsats mod vold i nære relationer mellem voksne "
        "(partnervold), bygget på Socialstyrelsens vidensnotat (2013).\n\n\b\nEksempler:\n"
        "  vold estimate --population 43000          tallene for 43.000 borgere\n"
        "  vold estimate --municipality Aarhus       det samme for en kommune\n"
        "  vold interventions --phase sekundær       indsatser, der standser volden\n"
        "  vold interventions safe-dates             alt om én indsats\n"
        "  vold law 109                              serviceloven § 109, og ændringer\n"
        "  vold map                                  evidenskort: fase x målgruppe\n"
        "  vold search kaerestevold                  søg, danske bogstaver valgfri\n"
        "  vold report --municipality Viborg --format html -o plan.html\n\n"
        "Afslutningskoder: 0 udført, 1 ikke fundet eller ugyldig vidensbase, 2 forkert brug."
    ),
    "vold estimate": (
        "Hvor mange borgere er sandsynligvis berørt: hvert nationalt tal i notatet skaleret til et indbyggertal, "
        "med forventninger til krisecentre, udgifter, et mål for kapacitet og de forbehold, der hører til.\n\n"
        "Et meget løst skøn, lavet på notatets egen måde (i forhold til hele befolkningen)." + EXAMPLES +
        "  vold estimate --population 43000\n  vold estimate --municipality Aarhus\n"
        "  vold estimate --municipality 791 --year 2013\n  vold estimate --municipality Aeroe --format json"
    ),
    "vold interventions": (
        "Indsatser, notatet omtaler, efter forebyggelsesfase og med deres evidens. Filtre gælder samtidig (OG); "
        "gentagne værdier af ét filter er alternativer (ELLER). Sorteret efter fase, evidens (stærkest først), "
        "navn." + EXAMPLES +
        "  vold interventions --phase sekundær\n  vold interventions --target unge --min-evidence lovende\n"
        "  vold interventions --not-tested-in-denmark --format csv\n  vold interventions safe-dates"
    ),
    "vold law": (
        "Lovhenvisninger i notatet, og hvad der er ændret siden (holdt for sig, med kilde og dato)." + EXAMPLES +
        "  vold law\n  vold law 109\n  vold law tilhold 3\n  vold law cpr 28 --format json"
    ),
    "vold initiatives": (
        "Initiativerne på notatets liste (2013): periode, status beregnet ud fra dagens dato, målgruppe, formål, "
        "evaluering og notatets kontakter fra 2013. Status (afsluttet, i gang, ukendt) sammenholder notatets "
        "periode med dagens dato (VOLD_TODAY=ÅÅÅÅ-MM-DD for en anden dag); hvad der er sket siden, er ikke "
        "efterprøvet." + EXAMPLES +
        "  vold initiatives\n  vold initiatives --target fagpersoner\n  vold initiatives intervention-centre-east-jutland"
    ),
    "vold phases": "De tre forebyggelsesfaser med antal indsatser og den stærkeste evidens i hver." + EXAMPLES
                   + "  vold phases",
    "vold map": (
        "Evidenskort: målgruppe x forebyggelsesfase; hver celle med sine indsatser og den stærkeste evidens, så "
        "huller (ingen dokumenteret effekt) ses med det samme." + EXAMPLES +
        "  vold map\n  vold map --format markdown > kort.md"
    ),
    "vold evidence": "Evidensskalaen: kriterierne for hvert niveau, og hvad det tilsiger en kommune at gøre."
                     + EXAMPLES + "  vold evidence",
    "vold profile": "Hvem der oftere er udsat, hvem der oftere udøver vold, og nøgletal fra krisecentrene."
                    + EXAMPLES + "  vold profile --lang da",
    "vold definition": "Socialstyrelsens definition, Europarådets former for vold og de to slags data."
                       + EXAMPLES + "  vold definition",
    "vold implementation": (
        "Sådan implementeres en indsats: de tre drivkræfter, faktorer på fire niveauer og de fire strategier "
        "sammenlignet." + EXAMPLES + "  vold implementation\n  vold implementation strategier"
    ),
    "vold documentation": "Sådan dokumenteres indsatsen: de fire mål -> indikatorer -> datakilder, og hvor der "
                          "ingen indikator findes." + EXAMPLES + "  vold documentation",
    "vold figures": "Notatets landstal, hvert med notatets eget forbehold (”godt 29.000”, ”det antages”, ophold er "
                    "ikke forskellige personer), regneeksempler og forbehold, nyere tal og pejlemærkerne."
                    + EXAMPLES + "  vold figures\n  vold figures --lang da --format markdown",
    "vold economy": "De årlige samfundsudgifter til vold mod kvinder fordelt på poster, hvad de udelader, og "
                    "analyser af udgifter." + EXAMPLES + "  vold economy",
    "vold search": (
        "Søg i teksterne på det valgte sprog (--lang) efter ord, der begynder med de givne ord, uden hensyn til "
        "store og små bogstaver og danske bogstaver (kaerestevold finder kærestevold). Fundene grupperes efter "
        "afsnit, hver med kommandoen, hvis output viser teksten." + EXAMPLES
        + "  vold search kaerestevold\n  vold search alkohol behandling --format json"
    ),
    "vold report": (
        "Et planlægningsgrundlag til en leder: lokale skøn med forbehold og diagram, indsatser efter fase og "
        "evidens, evidenskortet, loven og hvad der er ændret siden notatet, implementeringsstrategier, "
        "dokumentation, udgifter, initiativer og kontakter, kilder og en kildeangivelse." + EXAMPLES +
        "  vold report --population 43000 > grundlag.md\n"
        "  vold report --municipality Viborg --format html -o plan.html\n"
        "  vold report -m Aarhus -f html -o plan.html --force --lang da\n"
        "  vold report -m Viborg --offers tilbud.csv > grundlag.md"
    ),
    "vold check": (
        "Hold kommunens egne tilbud op mod notatet: hvert tilbuds evidens (tilbud, notatet ikke anbefaler, "
        "først), dækningen af forebyggelsesfase x målgruppe, en tjekliste over notatets lovhenvisninger, "
        "krisecenterpladser over for Europarådets norm, og hvad man bør se på bagefter.\n\n"
        "Kolonner (dansk eller engelsk, store eller små bogstaver): tilbud/offer (skal med), "
        "indsats/intervention, fase/phase, målgruppe/target (flere: ';' eller ','), pladser/places, lov/law. "
        "Afslutter med 1 for en fil, der mangler eller har ugyldigt indhold, 2 for forkert brug." + EXAMPLES +
        "  vold check --template -o tilbud.csv --lang da\n  vold check tilbud.csv --municipality Viborg\n"
        "  vold check tilbud.csv --region Midtjylland\n"
        "  vold check tilbud.yaml --population 43000 --format json\n"
        "  vold check tilbud.csv -m Viborg --format xlsx -o tjek.xlsx"
    ),
    "vold kb": (
        "Kontrollér, beskriv eller kopiér vidensbasen." + EXAMPLES +
        "  vold kb info\n  vold kb validate ./min-viden\n  vold kb init ./min-viden"
    ),
    "vold kb validate": (
        "Kontrollér en vidensmappe: YAML-syntaks, skema, oversættelser og krydshenvisninger.\n\n"
        "Afslutter med 1 og én linje, der nævner fil, post og felt for det første problem."
    ),
    "vold kb info": "Vidensbasens titel, udgiver, år, udgave og version, dens indhold og hvorfra den er indlæst.",
    "vold kb init": (
        "Skriv en kopi af vidensbasen til MAPPE til lokal redigering (brug den med --kb MAPPE eller "
        "VOLD_KB=MAPPE).\n\nRører aldrig en mappe, der findes i forvejen."
    ),
}

# Short help in the command list of `vold -h` (Click otherwise cuts the first sentence of the help).
SHORT: dict[str, str] = {
    "vold estimate": "Hvor mange borgere er sandsynligvis berørt: nationale tal skaleret til kommunen.",
    "vold interventions": "Indsatser efter forebyggelsesfase, målgruppe og evidens.",
    "vold law": "Lovhenvisninger i notatet, og hvad der er ændret siden.",
    "vold initiatives": "Initiativer på notatets liste (2013), med status pr. i dag.",
    "vold phases": "De tre forebyggelsesfaser med antal indsatser og stærkeste evidens.",
    "vold map": "Evidenskort: målgruppe x forebyggelsesfase.",
    "vold evidence": "Evidensskalaen: kriterier og hvad hvert niveau tilsiger.",
    "vold profile": "Hvem der oftere er udsat eller udøver vold; nøgletal fra krisecentrene.",
    "vold definition": "Definitionen, formerne for vold og de to slags data.",
    "vold implementation": "Drivkræfter, faktorer og de fire implementeringsstrategier.",
    "vold documentation": "Mål -> indikatorer -> datakilder, og hvor der ingen indikator findes.",
    "vold economy": "Årlige samfundsudgifter efter post, og hvad de udelader.",
    "vold search": "Søg i det valgte sprogs tekster; hvert fund nævner kommandoen, der viser det.",
    "vold figures": "Notatets landstal, hvert med notatets eget forbehold.",
    "vold report": "Et planlægningsgrundlag som Markdown eller én HTML-fil.",
    "vold check": "Hold kommunens egne tilbud op mod notatet: evidens, dækning, lov og pladser.",
    "vold kb": "Kontrollér, beskriv eller kopiér vidensbasen.",
    "vold kb validate": "Kontrollér en vidensmappe.",
    "vold kb info": "Vidensbasens titel, udgave, version og indhold.",
    "vold kb init": "Kopiér vidensbasen til en ny mappe til redigering.",
}


def _default_da(param: Any) -> str | None:
    """The Danish word for a choice option's default ('table' -> 'tabel'), or None to keep the default as is."""
    from vold_cli.core.vocab import label  # noqa: TID251 - help_da goes into the command registry (issue 25)

    if getattr(param, "name", None) != "fmt" or not isinstance(param.default, str):
        return None
    word = label("format", param.default, "da")
    return word if word != param.default else None


def _walk(command: Any, path: str) -> None:
    if path in HELP:
        command.help = HELP[path]
    if path in SHORT:
        command.short_help = SHORT[path]
    command.options_metavar = "[TILVALG]"
    if hasattr(command, "subcommand_metavar"):
        command.subcommand_metavar = "KOMMANDO [ARGUMENTER]..."
    overrides = COMMAND_PARAMS.get(path, {})
    for param in command.params:
        text = overrides.get(param.name) or PARAMS.get(param.name or "")
        if text and getattr(param, "help", None):
            param.help = text
        if param.metavar in METAVARS:
            param.metavar = METAVARS[param.metavar]
        shown = _default_da(param)
        if shown is not None:
            # Typer's help asks the parameter for its default's text: "[standard: tabel]", not "table"
            param._get_default_string = lambda *, shown=shown, **_: shown
    for name, sub in (getattr(command, "commands", None) or {}).items():
        _walk(sub, f"{path} {name}")


def translate_help(group: Any) -> None:
    """Put the Danish help into the Click command tree `group` (the root `vold`)."""
    _walk(group, "vold")
