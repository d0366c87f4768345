"""The one registry of knowledge sections: each YAML file of a knowledge folder, the schema type that describes
it (a TypedDict in `models.py`, named here so this module stays free of imports), the command that shows it and
its label in both languages.

Loading reads the files listed here, validation checks each against its type, search names the command and
label, `kb info` and `kb validate` report them in this order. A test checks that this registry, the schema
(`models.KnowledgeData`) and the bundled `knowledge/` folder agree.
"""

from __future__ import annotations


class Section:
    """One knowledge file. `command` may hold {id}, {code} or {ref}: search fills them in for the entry found."""

    __slots__ = ("stem", "schema", "command", "da", "en")

    def __init__(self, stem: str, schema: str, command: str, da: str, en: str) -> None:
        self.stem = stem
        self.schema = schema
        self.command = command
        self.da = da
        self.en = en

    @property
    def file(self) -> str:
        return f"{self.stem}.yaml"

    def label(self, lang: str) -> str:
        return self.da if lang == "da" else self.en

    def __repr__(self) -> str:
        return f"Section({self.stem!r})"


#: In the order `kb info` reports them.
REGISTRY: tuple[Section, ...] = (
    Section("meta", "Meta", "vold kb info", "Om vidensbasen", "About the knowledge base"),
    Section("definition", "Definition", "vold definition", "Definition", "Definition"),
    Section("prevalence", "Prevalence", "vold estimate --population 43000", "Forekomst", "Prevalence"),
    Section("municipalities", "Municipalities", "vold estimate --municipality {code}", "Kommuner",
            "Municipalities"),
    Section("profile", "Profile", "vold profile", "Profil", "Profile"),
    Section("phases", "Phases", "vold phases", "Forebyggelsesfaser", "Prevention phases"),
    Section("evidence", "EvidenceScale", "vold evidence", "Evidensskala", "Evidence scale"),
    Section("target_groups", "TargetGroups", "vold map", "Målgrupper", "Target groups"),
    Section("law", "Law", "vold law {ref}", "Lovgivning", "Law"),
    Section("interventions", "Interventions", "vold interventions {id}", "Indsatser", "Interventions"),
    Section("initiatives", "Initiatives", "vold initiatives {id}", "Initiativer", "Initiatives"),
    Section("documentation", "Documentation", "vold documentation", "Dokumentation", "Documentation"),
    Section("implementation", "Implementation", "vold implementation", "Implementering", "Implementation"),
    Section("economy", "Economy", "vold economy", "Økonomi", "Economy"),
    Section("benchmarks", "Benchmarks", "vold estimate --population 43000", "Pejlemærker", "Benchmarks"),
)

#: The file stems, in order (what the loader reads).
SECTIONS: tuple[str, ...] = tuple(section.stem for section in REGISTRY)

BY_STEM: dict[str, Section] = {section.stem: section for section in REGISTRY}


def label(stem: str, lang: str) -> str:
    """The section's label in `lang` (the file stem for a file the registry does not know)."""
    section = BY_STEM.get(stem)
    return section.label(lang) if section is not None else stem
