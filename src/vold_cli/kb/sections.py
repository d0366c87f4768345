"""The one registry of knowledge sections: each YAML file of a knowledge folder, the schema type that describes
it (a TypedDict in `models.py`, named here so this module stays free of imports), the command that shows it and
its label in both languages.

Loading reads the files listed here, validation checks each against its type, search names the command and
label, `kb info` and `kb validate` report them in this order. A test checks that this registry, the schema
(`models.KnowledgeData`) and the bundled `knowledge/` folder agree.
"""

from __future__ import annotations

from vold_cli.i18n.bilingual import Bilingual

#: What a cross-reference may point at: its name in messages (English; Danish beside the list) -> (Danish name,
#: "stem:list", the list whose entries' ids are the valid values; "stem:list:key" where the entries are named by
#: another key than `id`).
TARGETS: dict[str, tuple[str, str]] = {
    "target group": ("målgruppe", "target_groups:target_groups"),
    "law entry": ("lovhenvisning", "law:entries"),
    "act": ("lov", "law:acts"),
    "intervention": ("indsats", "interventions:interventions"),
    "initiative": ("initiativ", "initiatives:initiatives"),
    "evidence level": ("evidensniveau", "evidence:levels"),
    "figure": ("landstal", "prevalence:figures"),
    "data source": ("datakilde", "documentation:data_sources"),
    "municipality": ("kommune", "municipalities:municipalities:code"),
    "region": ("region", "regions:regions:code"),
}


class Ref:
    """A field of a section's entries that holds ids of another list (checked by `kb validate`).

    `entries` is the path of the list of entries ("interventions"; "goals.indicators" for a list in each
    entry of another; several lists joined by "+"). `fields` are the entry's fields holding one id, a list of
    ids or nothing ("outcomes.evidence" reaches into a list of the entry); `what` is a key of TARGETS."""

    __slots__ = ("entries", "fields", "what")

    def __init__(self, entries: str, fields: str | tuple[str, ...], what: str) -> None:
        self.entries = entries
        self.fields = (fields,) if isinstance(fields, str) else fields
        self.what = what

    @property
    def field(self) -> str:
        return self.fields[0]


class Section:
    """One knowledge file. `command` may hold {id}, {code} or {ref}: search fills them in for the entry found.
    `refs` are the cross-references its entries make to other lists."""

    __slots__ = ("stem", "schema", "command", "da", "en", "refs")

    def __init__(self, stem: str, schema: str, command: str, da: str, en: str,
                 refs: tuple[Ref, ...] = ()) -> None:
        self.stem = stem
        self.schema = schema
        self.command = command
        self.da = da
        self.en = en
        self.refs = refs

    @property
    def file(self) -> str:
        return f"{self.stem}.yaml"

    @property
    def title(self) -> Bilingual:
        """Its label in both languages."""
        return Bilingual(self.da, self.en)

    def __repr__(self) -> str:
        return f"Section({self.stem!r})"


#: In the order `kb info` reports them.
REGISTRY: tuple[Section, ...] = (
    Section("meta", "Meta", "vold kb info", "Om vidensbasen", "About the knowledge base"),
    Section("definition", "Definition", "vold definition", "Definition", "Definition"),
    Section("prevalence", "Prevalence", "vold figures", "Forekomst", "Prevalence",
            refs=(Ref("worked_examples", "figure", "figure"), Ref("newer_figures", "compares_with", "figure"))),
    Section("municipalities", "Municipalities", "vold estimate --municipality {code}", "Kommuner",
            "Municipalities"),
    Section("regions", "Regions", "vold estimate --region {code}", "Regioner", "Regions",
            refs=(Ref("members", "municipality", "municipality"), Ref("members", "region", "region"))),
    Section("profile", "Profile", "vold profile", "Profil", "Profile",
            refs=(Ref("crisis_centre_key_figures+partner_reports", "basis", "figure"),)),
    Section("phases", "Phases", "vold phases", "Forebyggelsesfaser", "Prevention phases"),
    Section("evidence", "EvidenceScale", "vold evidence", "Evidensskala", "Evidence scale"),
    Section("target_groups", "TargetGroups", "vold map", "Målgrupper", "Target groups"),
    Section("law", "Law", "vold law {ref}", "Lovgivning", "Law",
            refs=(Ref("entries", "act", "act"), Ref("duties", "provision", "law entry"))),
    Section("interventions", "Interventions", "vold interventions {id}", "Indsatser", "Interventions", refs=(
        Ref("interventions", "target_groups", "target group"), Ref("interventions", "law", "law entry"),
        Ref("interventions", "initiatives", "initiative"),
        Ref("interventions", ("evidence", "outcomes.evidence"), "evidence level"),
        Ref("not_in_note", "target_groups", "target group"))),
    Section("initiatives", "Initiatives", "vold initiatives {id}", "Initiativer", "Initiatives", refs=(
        Ref("initiatives", "target_groups", "target group"), Ref("initiatives", "law", "law entry"),
        Ref("initiatives", "interventions", "intervention"))),
    Section("documentation", "Documentation", "vold documentation", "Dokumentation", "Documentation",
            refs=(Ref("goals.indicators", "data_sources", "data source"),)),
    Section("implementation", "Implementation", "vold implementation", "Implementering", "Implementation"),
    Section("economy", "Economy", "vold economy", "Økonomi", "Economy"),
    Section("benchmarks", "Benchmarks", "vold figures", "Pejlemærker", "Benchmarks",
            refs=(Ref("benchmarks", "concerns", "intervention"),)),
)

#: The file stems, in order (what the loader reads).
SECTIONS: tuple[str, ...] = tuple(section.stem for section in REGISTRY)

BY_STEM: dict[str, Section] = {section.stem: section for section in REGISTRY}


#: What the lists of the knowledge files hold, in words for people (`vold kb info` and `kb validate` count them; the
#: YAML keys stay in JSON): every list of entries of a section needs its words here (tests/test_schema.py).
LIST_LABELS: dict[str, Bilingual] = {
    "acts": Bilingual("love", "acts"),
    "benchmarks": Bilingual("normer", "benchmarks"),
    "caveats": Bilingual("forbehold", "caveats"),
    "cost_items": Bilingual("omkostningsposter", "cost items"),
    "crisis_centre_key_figures": Bilingual("nøgletal for krisecentre", "crisis-centre key figures"),
    "data_kinds": Bilingual("datatyper", "kinds of data"),
    "data_sources": Bilingual("datakilder", "data sources"),
    "drivers": Bilingual("drivkræfter", "drivers"),
    "entries": Bilingual("lovhenvisninger", "legal references"),
    "excluded": Bilingual("udeladte poster", "items left out"),
    "factor_levels": Bilingual("faktorniveauer", "factor levels"),
    "figures": Bilingual("landstal", "national figures"),
    "forms": Bilingual("voldsformer", "forms of violence"),
    "goals": Bilingual("mål", "goals"),
    "groups": Bilingual("grupper", "groups"),
    "initiatives": Bilingual("initiativer", "initiatives"),
    "interventions": Bilingual("indsatser", "interventions"),
    "levels": Bilingual("niveauer", "levels"),
    "members": Bilingual("kommuner i regioner", "municipalities in regions"),
    "municipalities": Bilingual("kommuner", "municipalities"),
    "newer_caveats": Bilingual("forbehold ved nyere tal", "caveats on newer figures"),
    "newer_figures": Bilingual("nyere landstal", "newer national figures"),
    "partner_reports": Bilingual("partneroplysninger", "partner reports"),
    "phases": Bilingual("faser", "phases"),
    "regions": Bilingual("regioner", "regions"),
    "reports": Bilingual("rapporter", "reports"),
    "sections": Bilingual("afsnit i notatet", "sections of the note"),
    "statements": Bilingual("udsagn", "statements"),
    "strategies": Bilingual("strategier", "strategies"),
    "target_groups": Bilingual("målgrupper", "target groups"),
    "worked_examples": Bilingual("regneeksempler", "worked examples"),
    "years": Bilingual("befolkningsår", "population years"),
    # after the note (issue 26)
    "duties": Bilingual("pligter i dag", "duties today"),
    "no_right_found": Bilingual("ingen ret fundet", "no legal right found"),
    "not_in_note": Bilingual("indsatser uden for notatet", "interventions not in the note"),
    "since_note": Bilingual("initiativer efter notatet", "initiatives after the note"),
    "broader_figures": Bilingual("bredere landstal", "broader national figures"),
    "after_note": Bilingual("oplysninger efter notatet", "facts after the note"),
}


def list_label(key: str) -> Bilingual:
    """What the list `key` of a knowledge file holds (the key itself for a list not named above)."""
    return LIST_LABELS.get(key) or Bilingual.same(key)


def label(stem: str) -> Bilingual:
    """The section's label (the file stem for a file the registry does not know)."""
    section = BY_STEM.get(stem)
    return section.title if section is not None else Bilingual.same(stem)
