"""Coverage of the knowledge note itself.

The tables below were written by reading Socialstyrelsen's knowledge note "Voksne, der lever med vold i nære
relationer" (2013) from its first page to its last. They list every figure the note states (counts, percentages,
amounts, ranges, years and periods, numbers of centres, lessons and minutes, paragraphs of law, reference numbers)
and the note's complete lists (interventions per phase, initiatives, law, strategies, drivers, factor levels, goals,
data sources, cost items, profile groups), each with the knowledge-base entry it must be found in. The note is not
read at test time: these tables *are* the note's figures, written into the test.

A figure that lives in a numeric field is compared exactly. A figure that lives in prose must appear in BOTH the
Danish and the English text of its entry (every `{da, en}` text inside the entry), in either language's number
formatting ("5.500", "5,500", "5 500", "5500"; "23,5", "23.5"; "16-24", "16–24", "mellem 16 og 24", "16 to 24").
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

KNOWLEDGE = Path(__file__).resolve().parents[1] / "knowledge"


@pytest.fixture(scope="module")
def kb() -> Any:
    from vold_cli.kb.loader import load

    return load(KNOWLEDGE, use_cache=False)


# --- patterns for figures written in prose ---------------------------------------------------------


@dataclass(frozen=True)
class Pat:
    """A figure as it may be written in Danish (`da`) and in English (`en`): two regular expressions."""

    show: str
    da: str
    en: str


_DASH = r"\s*(?:-|–|—|til|to|og|and)\s*"


def _digits(n: str) -> str:
    """Regex for a number in Danish or English formatting, not as part of a larger number."""
    if "." in n:
        whole, frac = n.split(".")
        core = rf"{whole}[.,]{frac}"
    else:
        groups: list[str] = []
        rest = n
        while len(rest) > 3:
            groups.insert(0, rest[-3:])
            rest = rest[:-3]
        groups.insert(0, rest)
        core = r"[.,\s\u00a0\u202f]?".join(groups)
    return rf"(?<!\d)(?<!\d[.,]){core}(?!\d)(?![.,]\d)"


def num(n: str) -> Pat:
    """A number, e.g. num("5500") matches 5.500 / 5,500 / 5 500 / 5500; num("23.5") matches 23,5 / 23.5."""
    rx = _digits(n)
    return Pat(n, rx, rx)


def rng(low: str, high: str) -> Pat:
    """A range low-high; '28-33.000' (shared thousands) is accepted for 28000-33000."""
    alternatives = [_digits(low) + _DASH + _digits(high)]
    if len(low) > 3 and low.endswith("000") and high.endswith("000"):
        alternatives.append(_digits(low[:-3]) + r"\s*[-–—]\s*" + _digits(high))
    rx = "(?:" + "|".join(alternatives) + ")"
    return Pat(f"{low}-{high}", rx, rx)


def words(da: str, en: str, show: str | None = None) -> Pat:
    """Words (regex alternatives) that must appear, matched case-insensitively on word boundaries."""
    return Pat(show or f"{da} / {en}", rf"\b(?:{da})\b", rf"\b(?:{en})\b")


def name(text: str) -> Pat:
    """A proper name that stays the same in both languages."""
    rx = re.escape(text)
    return Pat(text, rx, rx)


def both(rx: str, show: str) -> Pat:
    return Pat(show, rx, rx)


# --- the note's figures ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fact:
    """One figure of the note and where the knowledge base must hold it.

    `where` is a path into the loaded knowledge base: file / key / entry id / ... (a list is searched for the item
    whose `id`, or for worked examples `figure`, is the segment). `fields` are compared exactly with values inside
    that entry (a set means "one of"); `text` are figures that must appear in both the da and the en texts of it.
    """

    key: str
    note: str
    where: str
    fields: dict[str, Any] = field(default_factory=dict)
    text: tuple[Pat, ...] = ()


NOT_UNIQUE = Pat(
    "not unique stays",
    r"ikke (?:unikke|forskellige)|mere end (?:ét|et|én|en) (?:ophold|gang)|flere (?:årlige )?(?:ophold|gange)",
    r"not (?:distinct|unique)|more than one (?:stay|visit)|several (?:stays|visits|times)",
)
ANNUAL = words("år|årlig\\w*|om året", "year|yearly|annual\\w*|annually", "annual")

FACTS: list[Fact] = [
    # --- Viden til gavn (foreword), Indledning, Om vidensnotatet ---------------------------------------------
    Fact("meta-year", "vidensnotat, 2013", "meta", {"year": 2013, "publisher": "Socialstyrelsen"}),
    Fact(
        "meta-update-every-third-year",
        "Vidensnotatet opdateres hvert tredje år",
        "meta",
        {"update_interval_years": 3},
    ),
    Fact(
        "meta-not-systematic-review",
        "ikke en egentlig systematisk forskningsoversigt",
        "meta",
        {"systematic_review": False},
    ),
    Fact(
        "meta-six-municipalities",
        "medarbejdere fra seks kommuner har testet de første notater",
        "meta/quality_assurance",
        text=(words("seks|6", "six|6", "6"),),
    ),
    Fact(
        "meta-six-municipality-names",
        "Aalborg, Aarhus, Gladsaxe, Rødovre, Svendborg og Viborg Kommune",
        "meta/quality_assurance",
        text=tuple(name(n) for n in ("Aalborg", "Aarhus", "Gladsaxe", "Rødovre", "Svendborg", "Viborg")),
    ),
    Fact(
        "meta-independent-researcher",
        "kvalitetssikret af en uafhængig forsker",
        "meta/quality_assurance",
        text=(words("uafhængig", "independent"),),
    ),
    # --- Definition --------------------------------------------------------------------------------------------
    Fact(
        "definition-council-of-europe-four-forms",
        "Europarådets definition: fysisk, seksuel, psykisk og økonomisk vold",
        "definition/council_of_europe",
        text=(
            words("fysisk", "physical"),
            words("seksuel", "sexual"),
            words("psykisk", "psychological"),
            words("økonomisk", "economic"),
        ),
    ),
    Fact(
        "definition-physical-and-psychological",
        "omfatter fysisk og psykisk vold mellem familiemedlemmer",
        "definition/definition",
        text=(words("fysisk", "physical"), words("psykisk", "psychological")),
    ),
    # --- Omfanget af vold i nære relationer (prevalence) -------------------------------------------------------
    Fact(
        "women-29000",
        "Ca. 29.000 kvinder med dansk statsborgerskab udsættes årligt for fysisk vold fra en partner "
        "(forordet: godt 29.000)",
        "prevalence/figures/women-physical-partner-violence",
        {"value": 29000, "approx": {"about", "just-over"}},
        text=(words("statsborger\\w*", "citizenship|citizens?|nationality"), ANNUAL),
    ),
    Fact(
        "women-29000-godt-in-foreword",
        "forordet: godt 29.000 kvinder (the entry must record the foreword's 'godt')",
        "prevalence/figures/women-physical-partner-violence",
        text=(
            num("29000"),
            words("godt", "godt|a little over|just over|slightly over|somewhat over|more than"),
        ),
    ),
    Fact(
        "women-median-municipality-220",
        "ca. 220 kvinder i en kommune af medianstørrelse med ca. 43.000 indbyggere",
        "prevalence/worked_examples/women-physical-partner-violence",
        {"population": 43000, "stated": 220},
        text=(num("220"), num("43000")),
    ),
    Fact(
        "men-10000",
        "Ca. 10.000 mænd med dansk statsborgerskab udsættes årligt for fysisk vold fra en partner",
        "prevalence/figures/men-physical-partner-violence",
        {"value": 10000, "approx": "about"},
        text=(words("statsborger\\w*", "citizenship|citizens?|nationality"), ANNUAL),
    ),
    Fact(
        "men-median-municipality-80",
        "ca. 80 mænd i en kommune af medianstørrelse med cirka 43.000 indbyggere",
        "prevalence/worked_examples/men-physical-partner-violence",
        {"population": 43000, "stated": 80},
        text=(num("80"), num("43000")),
    ),
    Fact(
        "trend-5-10-years",
        "Inden for de seneste 5-10 år er omfanget faldet lidt blandt kvinder og steget lidt blandt mænd; "
        "ikke statistisk sikre tendenser",
        "prevalence/statements/trend",
        text=(rng("5", "10"), words("statistisk\\w*", "statistical\\w*")),
    ),
    Fact(
        "crisis-centre-stays-2000",
        "Kvinder har årligt ca. 2.000 ophold på danske kvindekrisecentre",
        "prevalence/figures/crisis-centre-stays-women",
        {"value": 2000, "approx": "about"},
        text=(words("ophold", "stays?"), ANNUAL),
    ),
    Fact(
        "children-visits-knap-2000",
        "Deres børn har knap 2.000 årlige besøg",
        "prevalence/figures/crisis-centre-visits-children",
        {"value": 2000, "approx": "just-under"},
        text=(words("besøg", "visits?"), ANNUAL),
    ),
    Fact(
        "stays-not-unique",
        "Der er ikke tale om unikke ophold; nogle kvinder og børn har flere årlige ophold",
        "prevalence/figures/crisis-centre-stays-women",
        text=(NOT_UNIQUE,),
    ),
    Fact(
        "children-visits-not-unique",
        "Der er ikke tale om unikke ophold, idet nogle kvinder og børn har flere årlige ophold",
        "prevalence/figures/crisis-centre-visits-children",
        text=(NOT_UNIQUE,),
    ),
    Fact(
        "dating-violence-women-10000",
        "cirka 10.000 kvinder i alderen 16-24 år årligt udsat for fysisk kærestevold",
        "prevalence/figures/dating-violence-women-16-24",
        {"value": 10000, "approx": "about"},
        text=(rng("16", "24"),),
    ),
    Fact(
        "dating-violence-men-5500",
        "cirka 10.000 kvinder og 5.500 mænd i alderen 16-24 år",
        "prevalence/figures/dating-violence-men-16-24",
        {"value": 5500, "approx": "about"},
        text=(rng("16", "24"),),
    ),
    Fact(
        "children-witnessing-28-33000",
        "28-33.000 børn under 15 år overværer eller overhører årligt vold mod deres mor",
        "prevalence/figures/children-witnessing-violence-against-mother",
        {"low": 28000, "high": 33000},
        text=(both(r"under 15|younger than 15|below 15", "under 15"), ANNUAL),
    ),
    # --- Beskrivelse af målgruppen (profile) ----------------------------------------------------------------
    Fact(
        "exposed-women-aged-20-49",
        "voldsudsatte kvinder er oftere i alderen 20-49 år",
        "profile/groups/exposed-women",
        text=(rng("20", "49"),),
    ),
    Fact(
        "exposed-men-aged-20-39",
        "voldsudsatte mænd er oftere i alderen 20-39 år",
        "profile/groups/exposed-men",
        text=(rng("20", "39"),),
    ),
    Fact(
        "perpetrators-men-20-49-women-20-39",
        "voldsudøvere er oftere i alderen 20-49 år (mænd), 20-39 år (kvinder)",
        "profile/groups/perpetrators-profile",
        text=(rng("20", "49"), rng("20", "39")),
    ),
    Fact(
        "crisis-centre-repeat-stay-36",
        "36 pct. har været på krisecenter mere end en gang",
        "profile/crisis_centre_key_figures/repeat-stay",
        {"percent": 36},
    ),
    Fact(
        "crisis-centre-repeat-stay-this-year-16",
        "16 pct. mere end en gang i indeværende år",
        "profile/crisis_centre_key_figures/repeat-stay-this-year",
        {"percent": 16},
    ),
    Fact(
        "crisis-centre-return-to-perpetrator-14",
        "14 pct. flytter tilbage til voldsudøveren",
        "profile/crisis_centre_key_figures/return-to-perpetrator",
        {"percent": 14},
    ),
    Fact(
        "partner-substance-abuse-59",
        "59 pct.: partneren har et alkohol- eller stofmisbrug",
        "profile/partner_reports/partner-substance-abuse",
        {"percent": 59},
    ),
    Fact(
        "partner-violent-before-72",
        "72 pct.: partneren har været voldelig i et tidligere parforhold",
        "profile/partner_reports/partner-violent-before",
        {"percent": 72},
    ),
    Fact(
        "partner-violence-in-childhood-79",
        "79 pct.: partneren har været udsat for vold i sit barndomshjem",
        "profile/partner_reports/partner-violence-in-childhood",
        {"percent": 79},
    ),
    # --- Sociale indsatser, der virker: tre forebyggelsesfaser ---------------------------------------------
    Fact(
        "phases-three",
        "kan inddeles i tre forebyggelsesfaser",
        "phases/intro",
        text=(words("tre|3", "three|3"),),
    ),
    Fact("phase-primary-1", "1. Primær forebyggelse", "phases/phases/primary", {"number": 1}),
    Fact("phase-secondary-2", "2. Sekundær forebyggelse", "phases/phases/secondary", {"number": 2}),
    Fact("phase-tertiary-3", "3. Tertiær forebyggelse", "phases/phases/tertiary", {"number": 3}),
    # --- Serviceloven og anden lovgivning ------------------------------------------------------------------
    Fact(
        "law-sel-109",
        "§ 109. Kvindekrisecentre",
        "law/entries/sel-109",
        {"section": "109"},
        text=(words("kvindekrisecent\\w*|krisecent\\w*", "crisis centres?|shelters?"),),
    ),
    Fact(
        "law-sel-110",
        "§ 110. Midlertidigt ophold til personer med særlige sociale problemer",
        "law/entries/sel-110",
        {"section": "110"},
        text=(words("midlertidig\\w*", "temporary"),),
    ),
    Fact(
        "law-sel-10",
        "generelle bestemmelser om rådgivning jf. servicelovens § 10",
        "law/entries/sel-10",
        {"section": "10"},
        text=(words("rådgivning", "counselling|counseling|advice"),),
    ),
    Fact(
        "law-vej-14-2011",
        "VEJ nr. 14 af 15/02/2011, Vejledning om botilbud mv. til voksne (Vejledning nr. 4 til Serviceloven)",
        "law/entries/vej-14-2011-guidance",
        text=(
            both(r"VEJ\.?\s*(?:nr\.|no\.)\s*14\b", "VEJ nr. 14"),
            both(
                r"15/0?2/2011|15\.\s*0?2\.\s*2011|15\.?\s*(?:februar|february)\s*2011|2011-02-15",
                "15/02/2011",
            ),
            both(r"(?:nr\.|no\.)\s*4\b", "Vejledning nr. 4"),
        ),
    ),
    Fact(
        "law-tilhold-1",
        "Lov om tilhold, opholdsforbud og bortvisning § 1",
        "law/entries/tilhold-1",
        {"section": "1"},
    ),
    Fact(
        "law-tilhold-3",
        "Lov om tilhold, opholdsforbud og bortvisning § 3",
        "law/entries/tilhold-3",
        {"section": "3"},
    ),
    Fact(
        "law-tilhold-7",
        "Lov om tilhold, opholdsforbud og bortvisning § 7",
        "law/entries/tilhold-7",
        {"section": "7"},
    ),
    Fact(
        "law-cpr-28",
        "CPR-loven § 28: adresse- og navnebeskyttelse",
        "law/entries/cpr-28",
        {"section": "28"},
        text=(words("adresse\\w*", "address\\w*"), words("navne\\w*|navn", "name")),
    ),
    Fact(
        "law-psykolog-1",
        "Bekendtgørelse om tilskud til psykologbehandling ... § 1 (vold og voldtægt)",
        "law/entries/psykolog-1",
        {"section": "1"},
        text=(words("voldtægt", "rape"),),
    ),
    # --- Primær forebyggelse -----------------------------------------------------------------------------
    Fact(
        "parent-education-us-study",
        "Et amerikansk studie ... Resultaterne er dog foreløbige",
        "interventions/interventions/parent-education",
        text=(
            words("amerikansk\\w*|USA", "US|USA|American|United States"),
            words("foreløbig\\w*", "preliminary"),
        ),
    ),
    Fact(
        "school-anti-bullying-meta-analysis",
        "international metaanalyse: antimobning reducerer mobning",
        "interventions/interventions/school-anti-bullying",
        {"evidence": "documented"},
        text=(words("metaanalyse\\w*", "meta-analys[ie]s"),),
    ),
    Fact(
        "safe-dates-grades-8-9",
        "'Safe Dates' retter sig mod unge i 8. og 9. klasse",
        "interventions/interventions/safe-dates",
        text=(
            Pat(
                "8. og 9. klasse",
                r"\b8\.?\s*(?:og|-|–)\s*9\.\s*klasse",
                r"\b8(?:th)?\b[^.]{0,12}\b9(?:th)?\b",
            ),
        ),
    ),
    Fact(
        "safe-dates-one-year-after",
        "Et år efter aktiviteterne var de unge mindre accepterende over for vold på dates",
        "interventions/interventions/safe-dates",
        text=(words("et år|ét år|1 år", "one year|a year|1 year|12 months"),),
    ),
    Fact(
        "youth-relationship-project-14-16",
        "'Youth Relationship Project' retter sig mod 14-16-årige",
        "interventions/interventions/youth-relationship-project",
        text=(rng("14", "16"),),
    ),
    Fact(
        "fourth-r-21-lessons",
        "21 undervisningslektioner",
        "interventions/interventions/fourth-r",
        text=(num("21"), words("lektion\\w*", "lessons?")),
    ),
    Fact(
        "fourth-r-75-minutes",
        "á 75 minutter",
        "interventions/interventions/fourth-r",
        text=(num("75"), words("minutter", "minutes")),
    ),
    Fact(
        "fourth-r-aged-13-17",
        "elever i alderen 13-17 år",
        "interventions/interventions/fourth-r",
        text=(rng("13", "17"),),
    ),
    Fact(
        "fourth-r-own-teachers",
        "udføres af elevernes egne lærere, som trænes i indsatsen",
        "interventions/interventions/fourth-r",
        text=(words("lærere", "teachers"),),
    ),
    Fact(
        "dating-programmes-usa-canada",
        "I USA og Canada er der blevet udviklet indsatser for unge",
        "interventions/interventions/safe-dates",
        text=(words("USA", "USA|US|United States"), words("Canada", "Canada")),
    ),
    # --- Sekundær forebyggelse ---------------------------------------------------------------------------
    Fact(
        "alcohol-sweden",
        "Undersøgelser i bl.a. Sverige",
        "interventions/interventions/alcohol-treatment",
        text=(words("Sverige", "Sweden"),),
    ),
    Fact(
        "alcohol-alternativ-til-vold-roskilde",
        "Alternativ Til Vold i Roskilde",
        "interventions/interventions/alcohol-treatment",
        text=(name("Roskilde"),),
    ),
    Fact(
        "perpetrator-programmes-2007-summary",
        "En dansk sammenfatning af skandinavisk, engelsk, amerikansk og canadisk forskning fra 2007",
        "interventions/interventions/perpetrator-programmes",
        {"evidence": "inconclusive"},
        text=(
            num("2007"),
            words("skandinavisk", "Scandinavian"),
            words("engelsk", "English|British"),
            words("amerikansk", "American|US"),
            words("canadisk", "Canadian"),
        ),
    ),
    Fact(
        "anger-management-not-recommended",
        "Programmer som 'Anger Management' anbefales ikke ... magt og dominans",
        "interventions/interventions/anger-management",
        {"evidence": "not-recommended"},
        text=(words("magt", "power"), words("dominans", "dominance")),
    ),
    Fact(
        "perpetrator-treatment-2011-evaluation",
        "Socialstyrelsen udgav i 2011 en evaluering",
        "interventions/interventions/perpetrator-treatment-denmark",
        text=(num("2011"),),
    ),
    Fact(
        "perpetrator-treatment-four-offers",
        "fire gratis behandlingstilbud til mænd",
        "interventions/interventions/perpetrator-treatment-denmark",
        text=(words("fire|4", "four|4"), words("gratis", "free")),
    ),
    Fact(
        "perpetrator-treatment-four-named",
        "Alternativ Til Vold, Dialog Mod Vold, Odense Kvindekrisecenter, Manderådgivningen i Herning Kommune",
        "interventions/interventions/perpetrator-treatment-denmark",
        text=tuple(
            both(rf"(?i:{n})", n) for n in ("Alternativ til Vold", "Dialog mod Vold", "Odense", "Herning")
        ),
    ),
    Fact(
        "perpetrator-treatment-four-of-five-partners",
        "Ca. fire ud af fem partnere havde samme opfattelse",
        "interventions/interventions/perpetrator-treatment-denmark",
        text=(words("fire ud af fem|4 ud af 5", "four (?:in|out of) five|4 (?:in|out of) 5"),),
    ),
    Fact(
        "womens-crisis-centres-42",
        "I Danmark er der i alt 42 kvindekrisecentre",
        "interventions/interventions/womens-crisis-centres",
        text=(num("42"),),
    ),
    Fact(
        "womens-crisis-centres-3-specialised",
        "tre specialiserede kvindekrisecentre: handlede kvinder, æresrelaterede konflikter, misbrug eller prostitution",
        "interventions/interventions/womens-crisis-centres",
        text=(
            words("tre|3", "three|3"),
            words("handlede", "trafficked"),
            words("æresrelaterede", "honour-related|honor-related"),
            words("prostitution", "prostitution"),
        ),
    ),
    Fact(
        "womens-crisis-centres-evaluation-2013-2015",
        "2013-2015 vil der blive foretaget en større evaluering",
        "interventions/interventions/womens-crisis-centres",
        {"evidence": "unknown"},
        text=(rng("2013", "2015"),),
    ),
    # --- Tertiær forebyggelse ----------------------------------------------------------------------------
    Fact(
        "ud-af-voldens-skygge-half-a-year",
        "positive effekter fastholdt op til et halvt år efter forløbets afslutning",
        "interventions/interventions/ud-af-voldens-skygge",
        text=(words("et halvt år|seks måneder|6 måneder", "half a year|six months|6 months"),),
    ),
    Fact(
        "ud-af-voldens-skygge-before-after",
        "evalueret med en før- og eftermåling",
        "interventions/interventions/ud-af-voldens-skygge",
        text=(
            words("før- og eftermåling", "before-and-after|before and after|pre-post"),
            name("Mødrehjælpen"),
        ),
    ),
    Fact(
        "aftercare-half-of-crisis-centres",
        "Cirka halvdelen af landets kvindekrisecentre tilbyder efterværn",
        "interventions/interventions/aftercare",
        {"evidence": "unknown"},
        text=(words("halvdelen", "half"),),
    ),
    Fact(
        "intervention-centre-two-year-trial",
        "et to-årigt forsøgsprojekt i Østjyllands politikreds",
        "interventions/interventions/intervention-centre",
        {"evidence": "unknown"},
        text=(
            words("to-årig\\w*|toårig\\w*|to år|2-årig\\w*|2 år", "two-year|two years|2-year|2 years"),
            words("Østjylland\\w*", "East Jutland|Østjylland\\w*"),
        ),
    ),
    Fact(
        "men-two-crisis-centres",
        "to mandekrisecentre i henholdsvis Horsens og Fredericia",
        "interventions/interventions/support-for-men",
        {"evidence": "unknown"},
        text=(
            Pat(
                "to mandekrisecentre",
                r"\b(?:to|2)\s+mandekrisecent\w*",
                r"\b(?:two|2)\s+(?:men['’]s crisis cent\w*|crisis cent\w* for men)",
            ),
            name("Horsens"),
            name("Fredericia"),
        ),
    ),
    Fact(
        "men-centres-copenhagen-aarhus",
        "mandecentre i København og Århus",
        "interventions/interventions/support-for-men",
        text=(words("København", "Copenhagen|København"), words("Århus|Aarhus", "Århus|Aarhus")),
    ),
    Fact(
        "men-six-counselling-offers",
        "Mandecentret har yderligere seks rådgivningstilbud uden mulighed for ophold",
        "interventions/interventions/support-for-men",
        text=(words("seks|6", "six|6"),),
    ),
    # --- Dokumentation -------------------------------------------------------------------------------------
    Fact(
        "documentation-four-goals",
        "Målene for de sociale indsatser (fire mål)",
        "documentation/intro",
        text=(words("fire|4", "four|4"),),
    ),
    Fact(
        "goal-prevent-1",
        "At forebygge sociale problemer ...",
        "documentation/goals/goal-prevent",
        {"number": 1, "indicators": []},
    ),
    Fact(
        "goal-protect-2",
        "At sikre beskyttelse, tryghed og omsorg ...",
        "documentation/goals/goal-protect",
        {"number": 2},
    ),
    Fact(
        "goal-reduce-perpetrators-3",
        "At reducere antallet af udøvere ...",
        "documentation/goals/goal-reduce-perpetrators",
        {"number": 3},
    ),
    Fact(
        "goal-reduce-consequences-4",
        "At reducere følgerne ... og afhjælpe fremtidig vold",
        "documentation/goals/goal-reduce-consequences",
        {"number": 4},
    ),
    Fact(
        "cpr-response-rate-23-5",
        "Svarprocenten på spørgsmål vedr. cpr-nummer var 23,5 pct. ... i 2011",
        "documentation/cpr_response_rate",
        {"percent": 23.5},
        text=(num("2011"),),
    ),
    Fact(
        "cpr-response-rate-in-goal-4",
        "23,5 pct. i årsstatistikken for 2011 (under mål 4)",
        "documentation/goals/goal-reduce-consequences",
        text=(num("23.5"), num("2011")),
    ),
    Fact(
        "sif-report-every-fifth-year",
        "Omtrent hvert femte år udgiver Statens Institut for Folkesundhed en rapport",
        "documentation/reports",
        text=(words("hvert femte år|hvert 5\\. år", "every fifth year|every five years|every 5 years"),),
    ),
    Fact(
        "sif-reports-2004-2007",
        "I 2004 og 2007 var titlen 'Mænds vold mod kvinder'",
        "documentation/reports",
        text=(num("2004"), num("2007"), name("Mænds vold mod kvinder")),
    ),
    Fact(
        "sif-report-2012",
        "Rapporten fra 2012 hedder 'Vold i nære relationer'",
        "documentation/reports",
        text=(num("2012"), name("Vold i nære relationer")),
    ),
    Fact(
        "sif-reports-financed-by-ministry",
        "finansieres af Ministeriet for Ligestilling og Kirke",
        "documentation/reports",
        text=(name("Ligestilling og Kirke"),),
    ),
    # --- Implementering -------------------------------------------------------------------------------------
    Fact(
        "implementation-three-drivers",
        "tre centrale drivkræfter: Ledelse, kompetencer og organisering",
        "implementation/drivers_intro",
        text=(words("tre|3", "three|3"),),
    ),
    Fact(
        "implementation-four-levels",
        "faktorer ... foregår typisk på fire niveauer",
        "implementation/factors_intro",
        text=(words("fire|4", "four|4"),),
    ),
    Fact(
        "implementation-four-strategies",
        "Det giver fire forskellige implementeringsstrategier",
        "implementation/strategies_intro",
        text=(words("fire|4", "four|4"),),
    ),
    Fact(
        "leadership-two-aspects",
        "Ledelsesopgaven har to aspekter: teknisk og forandringsledelse",
        "implementation/drivers/leadership",
        text=(Pat("to aspekter", r"\b(?:to|2) (?:sider|aspekter)", r"\b(?:two|2) (?:sides|aspects)"),),
    ),
    Fact(
        "strategy-big-bang",
        "Big Bang: hele organisationen, hele ændringen med det samme",
        "implementation/strategies/big-bang",
        {"scope": "whole", "pace": "at-once"},
    ),
    Fact(
        "strategy-domino",
        "Domino: en del af organisationen, hele indsatsen med det samme",
        "implementation/strategies/domino",
        {"scope": "part", "pace": "at-once"},
    ),
    Fact(
        "strategy-cascade",
        "Kaskade: hele organisationen, i flere faser",
        "implementation/strategies/cascade",
        {"scope": "whole", "pace": "phased"},
    ),
    Fact(
        "strategy-small-steps",
        "Små skridt: en del af organisationen, i flere faser",
        "implementation/strategies/small-steps",
        {"scope": "part", "pace": "phased"},
    ),
    # --- Økonomi -----------------------------------------------------------------------------------------
    Fact(
        "economy-report-2010",
        "Statens Institut for Folkesundhed udgav i 2010 ... 'Voldens pris'",
        "economy",
        {"year_of_report": 2010, "total_given": False},
    ),
    Fact(
        "economy-study-2010-voldens-pris",
        "udgav i 2010 en rapport ... 'Voldens pris'",
        "economy/study",
        text=(num("2010"), name("Voldens pris")),
    ),
    Fact(
        "economy-women-16-64",
        "registerdata for kvinder i alderen 16-64 år",
        "economy/basis",
        text=(rng("16", "64"),),
    ),
    Fact("economy-period-2002-2005", "i perioden 2002-2005", "economy/basis", text=(rng("2002", "2005"),)),
    Fact(
        "economy-surveys-2000-2005",
        "Sundheds- og Sygelighedsundersøgelser fra 2000 og 2005",
        "economy/basis",
        text=(num("2000"), num("2005")),
    ),
    Fact(
        "economy-national-not-municipal",
        "omkostningerne på landsplan, mens ... kommunalt plan ikke er med",
        "economy/basis",
        text=(words("kommune\\w*|kommunal\\w*", "municipal\\w*|municipalit\\w*"),),
    ),
    Fact(
        "cost-crisis-centres-147",
        "Ophold på kvindekrisecentre: 147 mio. kr.",
        "economy/cost_items/crisis-centre-cost",
        {"amount_mdkk": 147},
        text=(num("147"),),
    ),
    Fact(
        "cost-health-and-justice-76",
        "Sundhedsvæsen og retsvæsen: 76 mio. kr.",
        "economy/cost_items/health-and-justice-cost",
        {"amount_mdkk": 76},
        text=(num("76"),),
    ),
    Fact(
        "cost-disturbances-restraining-orders-9",
        "husspektakler og tilholdssager: 9 mio. kr.",
        "economy/cost_items/disturbance-and-restraining-order-cost",
        {"amount_mdkk": 9},
        text=(num("9"),),
    ),
    Fact(
        "cost-labour-market-30",
        "Arbejdsmarked: ... registrerede sygedage: 30 mio. kr.",
        "economy/cost_items/labour-market-cost",
        {"amount_mdkk": 30},
        text=(num("30"), words("sygedage", "sick days|days of sickness|sickness absence")),
    ),
    Fact(
        "who-knap-20-studies",
        "WHO har gennemgået knap 20 studier",
        "economy/who_review",
        text=(num("20"), words("knap", "just under|almost|nearly|fewer than|close to|under")),
    ),
    Fact(
        "economy-men-unknown",
        "De tilsvarende tal for partnervold mod mænd kendes ikke",
        "economy/excluded",
        text=(words("mænd", "men"), words("kendes ikke|ikke kendt|ukendt\\w*", "not known|unknown")),
    ),
    # --- Initiativer -------------------------------------------------------------------------------------
    Fact(
        "initiative-crisis-centre-evaluation-2013-2015",
        "Kvindekrisecentrene bliver evalueret i 2013-2015",
        "initiatives/initiatives/crisis-centre-evaluation",
        {"period": {"2013-2015", None}},
        text=(rng("2013", "2015"),),
    ),
    Fact(
        "initiative-crisis-centres-sel-109",
        "Kvindekrisecentre (SEL § 109)",
        "initiatives/initiatives/crisis-centre-evaluation/name",
        text=(both(r"§\s*109\b", "§ 109"),),
    ),
    Fact(
        "initiative-psychologist-talks-2012-2014",
        "Afklarende psykologsamtaler til kvinder på krisecenter (2012-2014)",
        "initiatives/initiatives/psychologist-talks",
        {"period": "2012-2014"},
    ),
    Fact(
        "initiative-perpetrator-treatment-2012-2015",
        "Behandling til voldsudøvere (satspuljefinansieret 2012-2015)",
        "initiatives/initiatives/perpetrator-treatment-funding",
        {"period": "2012-2015"},
        text=(words("satspulje\\w*", "satspulje\\w*|rate-adjustment pool"),),
    ),
    Fact(
        "initiative-perpetrator-treatment-measured-2009-2010",
        "Indsatsen er i 2009-2010 blevet målt",
        "initiatives/initiatives/perpetrator-treatment-funding",
        text=(rng("2009", "2010"),),
    ),
    Fact(
        "initiative-theme-days-2012-2013",
        "Temadage om vold i familien (2012-2013)",
        "initiatives/initiatives/theme-days",
        {"period": "2012-2013"},
    ),
    Fact(
        "initiative-theme-days-strategy-2010",
        "Strategi til bekæmpelse af vold i nære relationer 2010",
        "initiatives/initiatives/theme-days",
        text=(num("2010"), name("Ligestilling og Kirke")),
    ),
    Fact(
        "initiative-honour-course-2012-2015",
        "Kursus om ære, konflikter og social kontrol (2012-2015)",
        "initiatives/initiatives/honour-course",
        {"period": "2012-2015"},
    ),
    Fact(
        "initiative-honour-course-strategy-2010",
        "Strategi til bekæmpelse af vold i nære relationer 2010",
        "initiatives/initiatives/honour-course",
        text=(num("2010"), name("Ligestilling og Kirke")),
    ),
    Fact(
        "initiative-anonymous-counselling-2012-2014",
        "Anonym rådgivning til voldsudsatte kvinder (2012-2014)",
        "initiatives/initiatives/anonymous-counselling",
        {"period": "2012-2014"},
    ),
    Fact(
        "initiative-intervention-centre-2013-2014",
        "Interventionscenter ... Østjyllands Politikreds (2013-2014)",
        "initiatives/initiatives/intervention-centre-east-jutland",
        {"period": "2013-2014"},
        text=(words("Østjylland\\w*", "East Jutland|Østjylland\\w*"),),
    ),
    Fact(
        "initiative-ud-af-voldens-skygge-2012-2013",
        "Ud af voldens skygge (Mødrehjælpen) (2012-2013)",
        "initiatives/initiatives/ud-af-voldens-skygge-project",
        {"period": "2012-2013"},
    ),
    Fact(
        "initiative-ud-af-voldens-skygge-evaluated-2012",
        "Blev evalueret i 2012 ... op til et halvt år",
        "initiatives/initiatives/ud-af-voldens-skygge-project",
        text=(num("2012"), words("et halvt år|seks måneder|6 måneder", "half a year|six months|6 months")),
    ),
]


# --- the note's reference numbers (1-58) and the entry each belongs to ---------------------------------

#: reference number -> the entries (paths as in FACTS) whose `refs` must include it.
REFERENCES: dict[int, tuple[str, ...]] = {
    1: ("definition",),
    2: ("definition",),
    3: ("prevalence/statements/trend",),
    4: ("prevalence/figures/crisis-centre-stays-women", "prevalence/figures/crisis-centre-visits-children"),
    5: ("prevalence/figures/dating-violence-women-16-24", "prevalence/figures/dating-violence-men-16-24"),
    6: ("prevalence/figures/children-witnessing-violence-against-mother",),
    7: ("profile/groups/exposed-overall",),
    8: ("profile/groups/exposed-overall",),
    9: ("profile/groups/exposed-women",),
    10: ("profile/groups/exposed-men",),
    11: ("profile/groups/perpetrators-profile",),
    12: ("profile/crisis_centre_key_figures",),
    13: ("profile/partner_reports",),
    14: ("phases",),
    15: ("interventions/interventions/parent-education",),
    16: ("interventions/interventions/parent-education",),
    17: ("interventions/interventions/school-anti-bullying",),
    18: ("interventions/interventions/school-anti-bullying",),
    19: ("interventions/interventions/safe-dates",),
    20: ("interventions/interventions/safe-dates",),
    21: ("interventions/interventions/safe-dates",),
    22: ("interventions/interventions/fourth-r",),
    23: ("interventions/interventions/alcohol-treatment",),
    24: ("interventions/interventions/alcohol-treatment",),
    25: ("interventions/interventions/alcohol-treatment",),
    26: (
        "interventions/interventions/perpetrator-programmes",
        "interventions/interventions/anger-management",
    ),
    27: ("interventions/interventions/perpetrator-treatment-denmark",),
    28: ("interventions/interventions/perpetrator-treatment-denmark",),
    29: ("interventions/interventions/ud-af-voldens-skygge",),
    30: ("interventions/interventions/ud-af-voldens-skygge",),
    31: ("interventions/interventions/support-for-men",),
    32: ("documentation/goals/goal-reduce-perpetrators",),
    33: ("documentation/goals/goal-reduce-perpetrators",),
    34: ("documentation/goals/goal-reduce-consequences", "documentation/cpr_response_rate"),
    35: ("documentation/data_sources/aarsstatistik-krisecentre",),
    36: ("documentation/data_sources/sundheds-og-sygelighedsundersoegelser",),
    37: ("documentation/data_sources/offerundersoegelser",),
    38: ("documentation/reports",),
    39: ("documentation/reports",),
    40: ("implementation",),
    41: ("implementation",),
    42: ("implementation",),
    43: ("implementation",),
    44: ("implementation/drivers",),
    45: ("implementation/drivers/leadership",),
    46: ("implementation/drivers/competencies",),
    47: ("implementation/drivers/competencies",),
    48: ("implementation/drivers/competencies",),
    49: ("implementation/drivers/organisation",),
    50: ("implementation/drivers/organisation",),
    51: ("implementation",),
    52: ("implementation/factor_levels/individual",),
    53: ("implementation/factor_levels/institutional",),
    54: ("implementation",),
    55: ("implementation/strategies",),
    56: ("economy",),
    57: tuple(
        f"economy/cost_items/{c}"
        for c in (
            "crisis-centre-cost",
            "health-and-justice-cost",
            "disturbance-and-restraining-order-cost",
            "labour-market-cost",
        )
    ),
    58: ("economy",),
}
NOTE_REFERENCES = 58

#: file -> the reference numbers the note gives in the part of the note that file covers.
REFS_BY_FILE: dict[str, set[int]] = {
    "meta": set(),
    "definition": {1, 2},
    "prevalence": {3, 4, 5, 6},
    "municipalities": set(),
    "profile": set(range(7, 14)),
    "phases": {14},
    "evidence": set(),
    "target_groups": set(),
    "law": set(),
    "interventions": set(range(15, 32)),
    "initiatives": set(),
    "documentation": set(range(32, 40)),
    "implementation": set(range(40, 56)),
    "economy": {56, 57, 58},
    "benchmarks": set(),
}


# --- the note's complete lists -------------------------------------------------------------------------

PHASE_INTERVENTIONS: dict[str, set[str]] = {
    "primary": {
        "parent-education",
        "school-anti-bullying",
        "safe-dates",
        "youth-relationship-project",
        "fourth-r",
    },
    "secondary": {
        "alcohol-treatment",
        "perpetrator-programmes",
        "perpetrator-treatment-denmark",
        "anger-management",
        "womens-crisis-centres",
        "early-detection-health-sector",
    },
    "tertiary": {"ud-af-voldens-skygge", "aftercare", "intervention-centre", "support-for-men"},
}

#: list path -> the exact ids the note's list has.
ID_LISTS: dict[str, set[str]] = {
    "interventions/interventions": set().union(*PHASE_INTERVENTIONS.values()),
    "initiatives/initiatives": {
        "crisis-centre-evaluation",
        "psychologist-talks",
        "perpetrator-treatment-funding",
        "theme-days",
        "honour-course",
        "anonymous-counselling",
        "intervention-centre-east-jutland",
        "ud-af-voldens-skygge-project",
    },
    "law/entries": {
        "sel-109",
        "sel-110",
        "sel-10",
        "vej-14-2011-guidance",
        "tilhold-1",
        "tilhold-3",
        "tilhold-7",
        "cpr-28",
        "psykolog-1",
    },
    "implementation/strategies": {"big-bang", "domino", "cascade", "small-steps"},
    "implementation/drivers": {"leadership", "competencies", "organisation"},
    "implementation/factor_levels": {"individual", "interpersonal", "institutional", "infrastructural"},
    "documentation/goals": {
        "goal-prevent",
        "goal-protect",
        "goal-reduce-perpetrators",
        "goal-reduce-consequences",
    },
    "documentation/data_sources": {
        "kriminalstatistikken",
        "landspatientregisteret",
        "aarsstatistik-krisecentre",
        "sundheds-og-sygelighedsundersoegelser",
        "offerundersoegelser",
    },
    "economy/cost_items": {
        "crisis-centre-cost",
        "health-and-justice-cost",
        "disturbance-and-restraining-order-cost",
        "labour-market-cost",
    },
    "prevalence/figures": {
        "women-physical-partner-violence",
        "men-physical-partner-violence",
        "crisis-centre-stays-women",
        "crisis-centre-visits-children",
        "dating-violence-women-16-24",
        "dating-violence-men-16-24",
        "children-witnessing-violence-against-mother",
    },
    "profile/groups": {"exposed-overall", "exposed-women", "exposed-men", "perpetrators-profile"},
    "profile/crisis_centre_key_figures": {"repeat-stay", "repeat-stay-this-year", "return-to-perpetrator"},
    "profile/partner_reports": {
        "partner-substance-abuse",
        "partner-violent-before",
        "partner-violence-in-childhood",
    },
    "phases/phases": {"primary", "secondary", "tertiary"},
    "definition/forms": {"physical", "sexual", "psychological", "economic"},
    "definition/data_kinds": {"population-surveys", "register-data"},
}

#: The figure "Drivkræfter for implementering" (ref. 44): driver -> its components (Danish names, as drawn).
DRIVER_COMPONENTS: dict[str, set[str]] = {
    "leadership": {"teknisk rationel ledelse", "forandringsledelse"},
    "competencies": {"udvælgelse", "træning", "coaching og processtøtte"},
    "organisation": {"systeminterventioner", "faciliterende administration", "monitorering og data"},
}

#: Profile groups and the number of traits the note lists for each ("Sammenlignet med normalbefolkningen ...").
PROFILE_TRAITS: dict[str, int] = {
    "exposed-overall": 2,
    "exposed-women": 4,
    "exposed-men": 3,
    "perpetrators-profile": 5,
}

#: Each initiative's "Kontakt" line, in the note's words (matched case-insensitively as substrings).
INITIATIVE_CONTACTS: dict[str, list[str]] = {
    "crisis-centre-evaluation": ["Voksenenhed"],
    "psychologist-talks": ["LOKK", "Voksenenhed"],
    "perpetrator-treatment-funding": [
        "Dialog mod Vold",
        "Alternativ til Vold",
        "Odense",
        "Herning",
        "Voksenenhed",
    ],
    "theme-days": ["Voksenenhed"],
    "honour-course": ["Social-, Børne- og Integrationsministeriet"],
    "anonymous-counselling": ["Mødrehjælpen", "LOKK", "Voksenenhed"],
    "intervention-centre-east-jutland": ["Dialog mod Vold", "LOKK", "Voksenenhed"],
    "ud-af-voldens-skygge-project": ["Mødrehjælpen"],
}

#: Initiatives whose "Dokumentation og effekt" lists indicators ("... følgende indikatorer").
INITIATIVES_WITH_INDICATORS = [
    "crisis-centre-evaluation",
    "perpetrator-treatment-funding",
    "theme-days",
    "intervention-centre-east-jutland",
    "ud-af-voldens-skygge-project",
]

#: Initiatives with a commissioner other than the ministry ("Ministeriet for Ligestilling og Kirke er primær opdragsgiver").
COMMISSIONED = ["theme-days", "honour-course"]

#: The infrastructural factors' treatment providers (section "Infrastrukturelle faktorer").
TREATMENT_PROVIDERS = ["Dialog mod Vold", "Alternativ til Vold", "Odense", "Herning"]

#: Goal -> data sources the note names for its indicators.
GOAL_SOURCES: dict[str, set[str]] = {
    "goal-protect": {"kriminalstatistikken", "landspatientregisteret", "aarsstatistik-krisecentre"},
    "goal-reduce-perpetrators": {"kriminalstatistikken", "sundheds-og-sygelighedsundersoegelser"},
    "goal-reduce-consequences": {"aarsstatistik-krisecentre"},
}

#: Law entries -> a word the act's name must contain (which law the paragraph belongs to).
LAW_ACTS: dict[str, str] = {
    "sel-109": "servicelov",
    "sel-110": "servicelov",
    "sel-10": "servicelov",
    "vej-14-2011-guidance": "vej",
    "tilhold-1": "tilhold",
    "tilhold-3": "tilhold",
    "tilhold-7": "tilhold",
    "cpr-28": "cpr",
    "psykolog-1": "psykologbehandling",
}

#: Interventions the note's words grade: id -> evidence level.
EVIDENCE: dict[str, str] = {
    "anger-management": "not-recommended",
    "perpetrator-programmes": "inconclusive",
    "womens-crisis-centres": "unknown",
    "aftercare": "unknown",
    "intervention-centre": "unknown",
    "support-for-men": "unknown",
}

#: "Der er ikke kendskab til, at indsatsen er afprøvet i Danmark."
NOT_KNOWN_IN_DENMARK = ["safe-dates", "youth-relationship-project", "fourth-r"]


# --- walking the knowledge base ------------------------------------------------------------------------


def _resolve(kb: Any, path: str) -> Any:
    node: Any = kb.data
    walked: list[str] = []
    for segment in path.split("/"):
        walked.append(segment)
        if isinstance(node, dict):
            if segment not in node:
                pytest.fail(f"{'/'.join(walked)}: no such key in the knowledge base")
            node = node[segment]
        elif isinstance(node, list):
            found = [
                item
                for item in node
                if isinstance(item, dict) and (item.get("id") == segment or item.get("figure") == segment)
            ]
            if not found:
                pytest.fail(f"{'/'.join(walked)}: no entry with that id in the knowledge base")
            node = found[0]
        else:
            pytest.fail(f"{'/'.join(walked)}: cannot descend into a {type(node).__name__}")
    return node


def _is_text(node: Any) -> bool:
    # A dated text carries as_of beside da and en (the year the note saw that state).
    return isinstance(node, dict) and set(node) - {"as_of"} == {"da", "en"}


def _texts(node: Any) -> Iterator[dict[str, str]]:
    if _is_text(node):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _texts(value)
    elif isinstance(node, list):
        for value in node:
            yield from _texts(value)


def _refs(node: Any) -> set[int]:
    found: set[int] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "refs" and isinstance(value, list):
                found.update(v for v in value if isinstance(v, int))
            else:
                found |= _refs(value)
    elif isinstance(node, list):
        for value in node:
            found |= _refs(value)
    return found


def _ids(items: list[dict[str, Any]]) -> set[str]:
    return {item["id"] for item in items}


def _norm(value: Any) -> Any:
    """Dashes in periods and sections compare equal ('2012–2014' == '2012-2014')."""
    return re.sub("[–—]", "-", value).strip() if isinstance(value, str) else value


# --- figures -------------------------------------------------------------------------------------------


def test_fact_keys_are_unique() -> None:
    keys = [fact.key for fact in FACTS]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("fact", FACTS, ids=[f.key for f in FACTS])
def test_note_figure_is_in_its_entry(kb: Any, fact: Fact) -> None:
    entry = _resolve(kb, fact.where)
    problems: list[str] = []
    for dotted, expected in fact.fields.items():
        value: Any = entry
        for part in dotted.split("."):
            if not isinstance(value, dict) or part not in value:
                problems.append(f"{fact.where}: field {dotted!r} is missing")
                break
            value = value[part]
        else:
            if isinstance(expected, (set, frozenset)):
                if _norm(value) not in {_norm(e) for e in expected}:
                    problems.append(
                        f"{fact.where}.{dotted} is {value!r}; the note says one of {sorted(map(str, expected))}"
                    )
            elif _norm(value) != _norm(expected) or type(value) is bool and type(expected) is not bool:
                problems.append(f"{fact.where}.{dotted} is {value!r}; the note says {expected!r}")
    if fact.text:
        texts = list(_texts(entry))
        assert texts, f"{fact.where}: the entry has no texts to hold {', '.join(p.show for p in fact.text)}"
        for lang in ("da", "en"):
            joined = "\n".join(t[lang] for t in texts)
            for pat in fact.text:
                if not re.search(getattr(pat, lang), joined, flags=re.IGNORECASE):
                    problems.append(f"{fact.where}: {pat.show!r} is not in the {lang} text")
    assert not problems, f"The note: {fact.note}\n" + "\n".join(problems)


# --- reference numbers ---------------------------------------------------------------------------------


def test_reference_table_covers_every_reference() -> None:
    assert sorted(REFERENCES) == list(range(1, NOTE_REFERENCES + 1))


@pytest.mark.parametrize("ref", sorted(REFERENCES), ids=[f"ref-{r}" for r in sorted(REFERENCES)])
def test_reference_number_is_cited_in_its_entry(kb: Any, ref: int) -> None:
    missing = [path for path in REFERENCES[ref] if ref not in _refs(_resolve(kb, path))]
    assert not missing, f"reference {ref} of the note is not in the refs of: {', '.join(missing)}"


@pytest.mark.parametrize("section", sorted(REFS_BY_FILE), ids=sorted(REFS_BY_FILE))
def test_file_cites_only_its_own_references(kb: Any, section: str) -> None:
    used = _refs(kb.data[section])
    stray = used - REFS_BY_FILE[section]
    assert not stray, (
        f"{section}.yaml cites references {sorted(stray)}, which the note gives elsewhere (or not at all)"
    )


def test_no_reference_beyond_the_note(kb: Any) -> None:
    used = set().union(*(_refs(kb.data[s]) for s in REFS_BY_FILE))
    assert used <= set(range(1, NOTE_REFERENCES + 1)), sorted(used - set(range(1, NOTE_REFERENCES + 1)))
    assert used == set(range(1, NOTE_REFERENCES + 1)), f"never cited: {sorted(set(range(1, 59)) - used)}"


# --- complete lists ------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(ID_LISTS), ids=sorted(ID_LISTS))
def test_complete_list(kb: Any, path: str) -> None:
    items = _resolve(kb, path)
    ids = [item["id"] for item in items]
    assert len(ids) == len(set(ids)), f"{path}: duplicate ids"
    # entries after the note are marked so (in_note: false) and rest on a data file beside the note, never on it
    later = [item for item in items if item.get("in_note") is False]
    assert all(item["source"]["data"] and item["source"]["lines"] for item in later), path
    ids = [item["id"] for item in items if item.get("in_note") is not False]
    expected = ID_LISTS[path]
    assert set(ids) == expected, (
        f"{path}: missing {sorted(expected - set(ids))}, not in the note {sorted(set(ids) - expected)}"
    )


@pytest.mark.parametrize("phase", sorted(PHASE_INTERVENTIONS), ids=sorted(PHASE_INTERVENTIONS))
def test_interventions_per_phase(kb: Any, phase: str) -> None:
    got = {i["id"] for i in kb.data["interventions"]["interventions"] if phase in i["phases"]}
    assert got == PHASE_INTERVENTIONS[phase]


@pytest.mark.parametrize("driver", sorted(DRIVER_COMPONENTS), ids=sorted(DRIVER_COMPONENTS))
def test_driver_components(kb: Any, driver: str) -> None:
    entry = _resolve(kb, f"implementation/drivers/{driver}")
    names = {c["name"]["da"].strip().lower() for c in entry["components"]}
    assert names == DRIVER_COMPONENTS[driver]
    assert all(c["name"]["en"].strip() for c in entry["components"])


def test_eight_driver_components_in_all(kb: Any) -> None:
    components = [c["id"] for d in kb.data["implementation"]["drivers"] for c in d["components"]]
    assert len(components) == len(set(components)) == 8


@pytest.mark.parametrize("group", sorted(PROFILE_TRAITS), ids=sorted(PROFILE_TRAITS))
def test_profile_group_traits(kb: Any, group: str) -> None:
    assert len(_resolve(kb, f"profile/groups/{group}")["traits"]) == PROFILE_TRAITS[group]


@pytest.mark.parametrize("initiative", sorted(INITIATIVE_CONTACTS), ids=sorted(INITIATIVE_CONTACTS))
def test_initiative_contacts(kb: Any, initiative: str) -> None:
    contacts = _resolve(kb, f"initiatives/initiatives/{initiative}")["contacts"]
    expected = INITIATIVE_CONTACTS[initiative]
    assert len(contacts) == len(expected), contacts
    for wanted in expected:
        assert any(wanted.lower() in c.lower() for c in contacts), f"{wanted!r} not among {contacts}"


@pytest.mark.parametrize("initiative", INITIATIVES_WITH_INDICATORS, ids=INITIATIVES_WITH_INDICATORS)
def test_initiative_indicators_listed(kb: Any, initiative: str) -> None:
    assert _resolve(kb, f"initiatives/initiatives/{initiative}")["indicators"]


@pytest.mark.parametrize("initiative", COMMISSIONED, ids=COMMISSIONED)
def test_initiative_commissioner(kb: Any, initiative: str) -> None:
    commissioner = _resolve(kb, f"initiatives/initiatives/{initiative}")["commissioner"]
    assert commissioner and all("Ligestilling og Kirke" in commissioner[lang] for lang in ("da", "en"))


def test_crisis_centre_initiative_is_under_sel_109(kb: Any) -> None:
    assert "sel-109" in _resolve(kb, "initiatives/initiatives/crisis-centre-evaluation")["law"]


def test_treatment_providers(kb: Any) -> None:
    providers = kb.data["implementation"]["treatment_providers"]
    assert len(providers) == len(TREATMENT_PROVIDERS)
    for wanted in TREATMENT_PROVIDERS:
        assert any(wanted.lower() in p.lower() for p in providers), f"{wanted!r} not among {providers}"


def test_perpetrator_treatment_four_providers(kb: Any) -> None:
    providers = _resolve(kb, "interventions/interventions/perpetrator-treatment-denmark")["providers"]
    assert len(providers) == 4
    for wanted in TREATMENT_PROVIDERS:
        assert any(wanted.lower() in p.lower() for p in providers), f"{wanted!r} not among {providers}"


@pytest.mark.parametrize("goal", sorted(GOAL_SOURCES), ids=sorted(GOAL_SOURCES))
def test_goal_data_sources(kb: Any, goal: str) -> None:
    entry = _resolve(kb, f"documentation/goals/{goal}")
    assert entry["indicators"], f"{goal}: the note names indicators for this goal"
    used = {s for ind in entry["indicators"] for s in ind["data_sources"]}
    assert GOAL_SOURCES[goal] <= used, f"{goal}: missing {sorted(GOAL_SOURCES[goal] - used)}"


def test_goal_prevent_has_no_indicator_and_says_so(kb: Any) -> None:
    goal = _resolve(kb, "documentation/goals/goal-prevent")
    assert goal["indicators"] == []
    assert goal["no_indicator"] and goal["no_indicator"]["da"].strip() and goal["no_indicator"]["en"].strip()
    assert re.search(r"\bingen\b", goal["no_indicator"]["da"], re.I)
    assert re.search(r"\bno\b|\bnot\b", goal["no_indicator"]["en"], re.I)


@pytest.mark.parametrize("entry", sorted(LAW_ACTS), ids=sorted(LAW_ACTS))
def test_law_entry_belongs_to_its_act(kb: Any, entry: str) -> None:
    act_id = _resolve(kb, f"law/entries/{entry}")["act"]
    act = _resolve(kb, f"law/acts/{act_id}")
    assert LAW_ACTS[entry] in act["name"].lower(), f"{entry}: act {act['name']!r}"


@pytest.mark.parametrize("intervention", sorted(EVIDENCE), ids=sorted(EVIDENCE))
def test_evidence_level_from_the_note(kb: Any, intervention: str) -> None:
    assert _resolve(kb, f"interventions/interventions/{intervention}")["evidence"] == EVIDENCE[intervention]


@pytest.mark.parametrize("intervention", NOT_KNOWN_IN_DENMARK, ids=NOT_KNOWN_IN_DENMARK)
def test_not_known_to_be_tried_in_denmark(kb: Any, intervention: str) -> None:
    assert _resolve(kb, f"interventions/interventions/{intervention}")["tried_in_denmark"] == "not-known"


def test_trend_statement_exists(kb: Any) -> None:
    matches = [s for s in kb.data["prevalence"]["statements"] if re.search(rng("5", "10").da, s["text"]["da"])]
    assert matches, "the note's statement on the trend over the last 5-10 years is missing"


# --- arithmetic the note implies --------------------------------------------------------------------------


def test_median_municipality_is_about_43000(kb: Any) -> None:
    """'en kommune af medianstørrelse med ca. 43.000 indbyggere' (the note's period: 1 January 2013)."""
    populations = [m["population"]["2013"] for m in kb.data["municipalities"]["municipalities"]]
    assert abs(statistics.median(populations) - 43000) < 1000


@pytest.mark.parametrize("figure", ["women-physical-partner-violence", "men-physical-partner-violence"])
def test_worked_example_reproduces_the_note(kb: Any, figure: str) -> None:
    """29.000 -> ca. 220 and 10.000 -> ca. 80 in a municipality of ca. 43.000 inhabitants."""
    example = _resolve(kb, f"prevalence/worked_examples/{figure}")
    value = _resolve(kb, f"prevalence/figures/{figure}")["value"]
    national = kb.data["prevalence"]["reference_population"]["population"]
    assert round(value * example["population"] / national, -1) == example["stated"]


# --- both languages ----------------------------------------------------------------------------------


def _text_problems(node: Any, path: str) -> Iterator[str]:
    if isinstance(node, dict):
        if _is_text(node):
            da, en = node["da"], node["en"]
            if not isinstance(da, str) or not da.strip():
                yield f"{path}: da is empty"
            if not isinstance(en, str) or not en.strip():
                yield f"{path}: en is empty"
            if (
                isinstance(da, str)
                and isinstance(en, str)
                and max(len(da), len(en)) > 40
                and da.strip() == en.strip()
            ):
                yield f"{path}: da and en are the same text (missing translation?): {da[:60]!r}"
            return
        for key, value in node.items():
            yield from _text_problems(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            label = value.get("id") if isinstance(value, dict) else None
            yield from _text_problems(value, f"{path}[{label or index}]")


@pytest.mark.parametrize("section", sorted(REFS_BY_FILE), ids=sorted(REFS_BY_FILE))
def test_both_languages_complete(kb: Any, section: str) -> None:
    problems = list(_text_problems(kb.data[section], section))
    assert not problems, "\n".join(problems)
