"""The tool's own error messages and notices in Danish.

Every message vold raises or prints is written in English where it is raised (errors.py, estimate.py, query.py,
loader.py, files.py, cli/*). `translate(text, "da")` turns it into Danish by matching it against the English
templates below (placeholders `{name}` match any text and are carried over unchanged); a message made of several
sentences is translated sentence by sentence. The catalogue is compiled only when a message is translated, so
it costs nothing on the way to a normal answer. A message with no template stays English; tests/test_language.py
runs the error paths in Danish and finds those.
"""

from __future__ import annotations

import re
from functools import lru_cache

# English template -> Danish template. `{x}` in both: the same text in both.
DA: dict[str, str] = {
    # cli/app.py
    "Error: {message}": "Fejl: {message}",
    "Try '{path} --help'.": "Prøv '{path} --help'.",
    "Aborted.": "Afbrudt.",
    "Interrupted.": "Afbrudt.",
    "standard output is closed, so the answer cannot be written.":
        "standardoutput er lukket, så svaret kan ikke skrives.",
    "cannot write the output ({reason}).": "kan ikke skrive svaret ({reason}).",
    "the output encoding {encoding} cannot show {text}.": "outputtets tegnsæt {encoding} kan ikke vise {text}.",
    "Use a UTF-8 terminal or set PYTHONIOENCODING=utf-8.": "Brug en UTF-8-terminal, eller sæt PYTHONIOENCODING=utf-8.",
    "internal error ({detail}).": "intern fejl ({detail}).",
    "Set VOLD_DEBUG=1 to see the traceback, and please report it.":
        "Sæt VOLD_DEBUG=1 for at se hele forløbet, og meld gerne fejlen.",
    # lang.py
    "Unknown language {value} for {where}.": "Ukendt sprog {value} i {where}.",
    "Choose da or en.": "Vælg da eller en.",
    # vocab.py and cli/browse.py
    "Invalid value {value} for {option}.": "Ugyldig værdi {value} for {option}.",
    "Choose from: {values}.": "Vælg mellem: {values}.",
    "No interventions match the filters: {filters}.": "Ingen indsatser passer til filtrene: {filters}.",
    "Nothing found for {text}.": "Intet fundet for {text}.",
    # text.py
    "Did you mean: {names}?": "Mente du: {names}?",
    # query.py
    "Empty municipality.": "Tom kommune.",
    "Give a name such as Viborg or a code such as 791.": "Giv et navn som Viborg eller en kode som 791.",
    "No municipality has the code {code}.": "Ingen kommune har koden {code}.",
    "Codes are three digits, e.g. 101 (København) or 791 (Viborg).":
        "Koder har tre cifre, fx 101 (København) eller 791 (Viborg).",
    "Municipality {name} is ambiguous: {names}.": "Kommunen {name} er tvetydig: {names}.",
    "Give more of the name, or the code.": "Giv mere af navnet, eller koden.",
    "Unknown municipality {name}.": "Ukendt kommune {name}.",
    "Give the name or the three-digit code.": "Giv navnet eller den trecifrede kode.",
    "No intervention with id {ident}.": "Ingen indsats med id {ident}.",
    "No initiative with id {ident}.": "Intet initiativ med id {ident}.",
    "Run `{command}` to list them.": "Kør `{command}` for at se dem alle.",
    "No legal reference of that length in the knowledge base.": "Ingen lovhenvisning af den længde i vidensbasen.",
    "No legal reference {ref} in the knowledge base.": "Ingen lovhenvisning {ref} i vidensbasen.",
    "Empty search.": "Tom søgning.",
    "Give one or more words, e.g. vold search kaerestevold": "Giv et eller flere ord, fx vold search kaerestevold",
    # estimate.py
    "Invalid population {text}: far too long.": "Ugyldigt indbyggertal {text}: alt for langt.",
    "Invalid population {text}.": "Ugyldigt indbyggertal {text}.",
    "Invalid population {text}: it must be at least 1.": "Ugyldigt indbyggertal {text}: det skal være mindst 1.",
    "Invalid population {text}: larger than Denmark's population at the reference date ({maximum}).":
        "Ugyldigt indbyggertal {text}: større end Danmarks befolkning på referencedatoen ({maximum}).",
    "Give a whole number of inhabitants, e.g. 43000, 43.000, 43,000 or '43 000'.":
        "Giv et helt antal indbyggere, fx 43000, 43.000, 43,000 eller '43 000'.",
    "No decimals, words or signs.": "Ingen decimaler, ord eller fortegn.",
    "Give either --population N or --municipality NAME_OR_CODE (not both).":
        "Giv enten --population N eller --municipality NAVN_ELLER_KODE (ikke begge).",
    "Example: --population 43000 or --municipality Viborg": "Eksempel: --population 43000 eller --municipality Viborg",
    "Invalid --year {year}: it only applies to --municipality.": "Ugyldigt --year {year}: gælder kun sammen med --municipality.",
    "Invalid --year {year}: it must be one of {years}.": "Ugyldigt --year {year}: skal være et af årene {years}.",
    # loader.py
    "The bundled knowledge base is missing from this installation.": "Den medfølgende vidensbase mangler i denne installation.",
    "Reinstall vold, or point --kb / VOLD_KB at a knowledge folder.":
        "Installér vold igen, eller peg --kb / VOLD_KB på en vidensmappe.",
    "Cannot open knowledge folder {folder}: {reason}.": "Kan ikke åbne vidensmappen {folder}: {reason}.",
    "Knowledge folder {folder} (from VOLD_KB) is not a folder.": "Vidensmappen {folder} (fra VOLD_KB) er ikke en mappe.",
    "Knowledge folder {folder} (from VOLD_KB) does not exist.": "Vidensmappen {folder} (fra VOLD_KB) findes ikke.",
    "Knowledge folder {folder} is not a folder.": "Vidensmappen {folder} er ikke en mappe.",
    "Knowledge folder {folder} does not exist.": "Vidensmappen {folder} findes ikke.",
    "Give the path of a folder holding meta.yaml etc.; `vold kb init DIR` writes one to start from.":
        "Giv stien til en mappe med meta.yaml osv.; `vold kb init MAPPE` skriver en at begynde med.",
    "{name}: missing from the knowledge folder {folder}.": "{name}: mangler i vidensmappen {folder}.",
    "{name}: is a folder, not a file ({where}).": "{name}: er en mappe, ikke en fil ({where}).",
    "{name}: is not a regular file ({where}).": "{name}: er ikke en almindelig fil ({where}).",
    "{name}: {size} bytes is larger than the limit of {limit} bytes.": "{name}: {size} byte er over grænsen på {limit} byte.",
    "{name}: cannot be read ({reason}).": "{name}: kan ikke læses ({reason}).",
    "{name}: larger than the limit of {limit} bytes.": "{name}: større end grænsen på {limit} byte.",
    # yamlsafe.py (the parts a person editing a knowledge folder meets most)
    "{name}: the file is empty.": "{name}: filen er tom.",
    "{name}: line {line}: not UTF-8 (byte {byte}).": "{name}: linje {line}: ikke UTF-8 (byte {byte}).",
    "Save the file as UTF-8.": "Gem filen som UTF-8.",
    "{name}: nested too deeply.": "{name}: for dybt indlejret.",
    # files.py
    "{target} already exists.": "{target} findes allerede.",
    "Use --force to overwrite it, or choose another name.": "Brug --force for at overskrive den, eller vælg et andet navn.",
    "Choose a new folder name; vold never overwrites it.": "Vælg et nyt mappenavn; vold overskriver aldrig en mappe.",
    "Cannot write {target}: folder {parent} does not exist.": "Kan ikke skrive {target}: mappen {parent} findes ikke.",
    "Cannot write {target}: folder {parent} is not a folder.": "Kan ikke skrive {target}: {parent} er ikke en mappe.",
    "Cannot write {target}: folder {parent} is not writable.": "Kan ikke skrive {target}: der kan ikke skrives i mappen {parent}.",
    "Cannot write {target}: it is a folder.": "Kan ikke skrive {target}: det er en mappe.",
    "Cannot write {target}: {reason}.": "Kan ikke skrive {target}: {reason}.",
    "Cannot write {target}: a name ending in {sep} names a folder.":
        "Kan ikke skrive {target}: et navn, der ender på {sep}, er navnet på en mappe.",
    "Add a file name after the {sep}.": "Tilføj et filnavn efter {sep}.",
    # offers.py and cli/check.py (vold check FILE)
    "{name}: no such file.": "{name}: filen findes ikke.",
    "Check the path; `vold check --template -o tilbud.csv` writes a file to start from.":
        "Kontrollér stien; `vold check --template -o tilbud.csv` skriver en fil at begynde med.",
    "{name}: is a folder, not a file.": "{name}: er en mappe, ikke en fil.",
    "Give the CSV, YAML or xlsx file of offers.": "Giv CSV-, YAML- eller xlsx-filen med tilbuddene.",
    "A list of offers is a few kilobytes; check that this is the right file.":
        "En liste over tilbud fylder få kilobyte; kontrollér, at det er den rigtige fil.",
    "{name}: line 1: looks like a binary file (or UTF-16 text), not CSV or YAML.":
        "{name}: linje 1: ligner en binær fil (eller UTF-16-tekst), ikke CSV eller YAML.",
    "Save it as 'CSV UTF-8' from the spreadsheet, or give an .xlsx file.":
        "Gem den som 'CSV UTF-8' fra regnearket, eller giv en .xlsx-fil.",
    "Save it as 'CSV UTF-8' (Excel: Save as > 'CSV UTF-8 (kommasepareret)').":
        "Gem den som 'CSV UTF-8' (Excel: Gem som > 'CSV UTF-8 (kommasepareret)').",
    "Write a header line (tilbud;indsats;...) and one line per offer; `vold check --template` shows one.":
        "Skriv en overskriftslinje (tilbud;indsats;...) og én linje pr. tilbud; `vold check --template` viser en.",
    "{name}: no offers below the header (line {line}).": "{name}: ingen tilbud under overskriftslinjen (linje {line}).",
    "Write one line per offer under the header.": "Skriv én linje pr. tilbud under overskriftslinjen.",
    "{name}: line {line}, column {column}: unknown column.": "{name}: linje {line}, kolonne {column}: ukendt kolonne.",
    "Valid columns: {columns}.": "Gyldige kolonner: {columns}.",
    "{name}: line {line}, column {column}: the same column as {other} (duplicate header).":
        "{name}: linje {line}, kolonne {column}: samme kolonne som {other} (dobbelt overskrift).",
    "Keep one of them.": "Behold én af dem.",
    "{name}: line {line}: missing the required column tilbud/offer (the offer's own name).":
        "{name}: linje {line}: mangler den påkrævede kolonne tilbud/offer (tilbuddets eget navn).",
    "{name}: line {line}, column {column}: unknown phase {word}.": "{name}: linje {line}, kolonne {column}: ukendt fase {word}.",
    "{name}: line {line}, column {column}: unknown target group {word}.":
        "{name}: linje {line}, kolonne {column}: ukendt målgruppe {word}.",
    "{name}: line {line}, column {column}: {value} is not a whole number of places.":
        "{name}: linje {line}, kolonne {column}: {value} er ikke et helt antal pladser.",
    "Write digits only, e.g. 12, or leave the cell empty.": "Skriv kun cifre, fx 12, eller lad cellen stå tom.",
    "{name}: line {line}, column {column}: empty: every row needs the offer's own name.":
        "{name}: linje {line}, kolonne {column}: tom: hver række skal have tilbuddets eget navn.",
    "Fill in the name, or delete the row.": "Skriv navnet, eller slet rækken.",
    "{name}: line {line}: {cells} cells but only {columns} columns in the header.":
        "{name}: linje {line}: {cells} celler, men kun {columns} kolonner i overskriftslinjen.",
    "Put values only under a header, or quote a value that holds the separator.":
        "Skriv kun værdier under en overskrift, eller sæt anførselstegn om en værdi, der rummer skilletegnet.",
    "{name}: line 1: a zip archive, not CSV or YAML.": "{name}: linje 1: et zip-arkiv, ikke CSV eller YAML.",
    "{name}: line 1: expected a list of offers, one mapping per offer.":
        "{name}: linje 1: forventede en liste over tilbud, én afbildning pr. tilbud.",
    "Give the FILE of offers to check, or --template to write one.":
        "Giv FILEN med de tilbud, der skal kontrolleres, eller --template for at skrive en.",
    "Example: vold check tilbud.csv --municipality Viborg": "Eksempel: vold check tilbud.csv --municipality Viborg",
    "Give either FILE or --template, not both.": "Giv enten FIL eller --template, ikke begge.",
    "vold check --template -o tilbud.csv, then vold check tilbud.csv":
        "vold check --template -o tilbud.csv, og derefter vold check tilbud.csv",
    "--template takes no --population, --municipality or --year.":
        "--template tager ikke --population, --municipality eller --year.",
    "--output and --force only go with --template.": "--output og --force hører kun til --template.",
    "The check itself is written to stdout: vold check FILE > result.md":
        "Selve kontrollen skrives til standardoutput: vold check FIL > resultat.md",
    # cli/report.py, cli/kb.py
    "Wrote {output} ({size} bytes).": "Skrev {output} ({size} byte).",
    "Wrote {count} files to {directory}.": "Skrev {count} filer til {directory}.",
    "Edit them, then run: vold kb validate {directory}": "Ret dem, og kør så: vold kb validate {directory}",
}

# Fragments translated inside a message that matched no template as a whole (what the YAML and schema checks
# put around a file name).
FRAGMENTS_DA: tuple[tuple[str, str], ...] = (
    ("line ", "linje "),
    (", column ", ", kolonne "),
    ("is not allowed", "er ikke tilladt"),
    ("duplicate key", "dobbelt nøgle"),
    ("Field required", "Feltet mangler"),
    ("Extra inputs are not permitted", "Ukendt felt"),
)

# A placeholder's text: anything but a sentence boundary (so one template never swallows the next sentence).
_VALUE = r"(?:(?![.?!]\s+[A-Z`(]).)+?"
_SENTENCE = re.compile(r"(?<=[.?!])\s+(?=[A-Z`(])")


@lru_cache(maxsize=1)
def _compiled() -> list[tuple[re.Pattern[str], str]]:
    out = []
    # The most specific template first: "Invalid population {text}: it must be at least 1." before
    # "Invalid population {text}."
    for english, danish in sorted(DA.items(), key=lambda kv: -len(re.sub(r"\{\w+\}", "", kv[0]))):
        parts = re.split(r"(\{\w+\})", english)
        pattern = "".join(f"(?P<{p[1:-1]}>{_VALUE})" if re.fullmatch(r"\{\w+\}", p) else re.escape(p) for p in parts)
        out.append((re.compile(f"^{pattern}$", re.DOTALL), danish))
    return out


def _one(text: str) -> str | None:
    for pattern, danish in _compiled():
        match = pattern.match(text)
        if match:
            fields: dict[str, str] = match.groupdict()

            def field(m: re.Match[str], f: dict[str, str] = fields) -> str:
                return f[m.group(1)]

            return re.sub(r"\{(\w+)\}", field, danish)
    return None


def translate(text: str, lang: str) -> str:
    """`text` (one of vold's English messages) in `lang`; unchanged for English or when nothing matches."""
    if lang != "da" or not text:
        return text
    whole = _one(text)
    if whole is not None:
        return whole
    sentences = _SENTENCE.split(text)
    if len(sentences) > 1:
        done = [_one(s) for s in sentences]
        if any(d is not None for d in done):
            return " ".join(d if d is not None else translate(s, lang) for d, s in zip(done, sentences, strict=True))
    for english, danish in FRAGMENTS_DA:
        text = text.replace(english, danish)
    return text


def message(lang: str, english: str, **values: object) -> str:
    """Format `english` with `values` and give it in `lang` (for notices the CLI prints itself)."""
    return translate(english.format(**values), lang)
