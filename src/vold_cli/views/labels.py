"""Beside each id of a closed vocabulary in a JSON/CSV record, its label in the chosen language.

Scripts read the ids (`"evidence": "documented"`, `"phases": ["primary"]`), people the labels
(`"evidence_label": "Dokumenteret effekt"`, `"phase_labels": ["Primær forebyggelse"]`). One table of which keys
hold which vocabulary (`KEYS`); `add_labels` walks a record and puts `<key>_label` (one id) or `<singular>_labels`
(a list of ids) right after the key. A value that is not a known id (a nested record, free text) is left alone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, overload

from vold_cli.i18n.bilingual import Bilingual

if TYPE_CHECKING:
    from vold_cli.kb.facade import KnowledgeBase

#: record key -> (vocabulary, key of its label or labels)
KEYS: dict[str, tuple[str, str]] = {
    "phase": ("phase", "phase_label"),
    "phases": ("phase", "phase_labels"),
    "evidence": ("evidence", "evidence_label"),
    "strongest": ("evidence", "strongest_label"),
    "target_group": ("target", "target_group_label"),
    "target_groups": ("target", "target_group_labels"),
    "target": ("target", "target_label"),
    "targets": ("target", "target_labels"),
    "tried_in_denmark": ("tried", "tried_in_denmark_label"),
    "kind": ("change", "kind_label"),  # a law item after the note: changed, unchanged, background
    "act_kind": ("act", "act_kind_label"),
}

CHANGE_KINDS = {"changed": Bilingual("ændret siden notatet", "changed since the note"),
                "unchanged": Bilingual("bekræftet gældende (ingen ændring)", "confirmed in force (no change)"),
                "background": Bilingual("baggrund fra før notatet", "background from before the note")}
ACT_KINDS = {"act": Bilingual("lov", "act"), "guidance": Bilingual("vejledning", "guidance"),
             "order": Bilingual("bekendtgørelse", "order")}

Names = Mapping[str, Mapping[str, str]]


def knowledge_names(knowledge: KnowledgeBase, lang: str) -> dict[str, dict[str, str]]:
    """The labels of every closed vocabulary the knowledge base names, in `lang`."""
    from vold_cli.i18n.lang import pick
    from vold_cli.views.common import tried_text

    return {
        "phase": {p["id"]: pick(p["name"], lang) for p in knowledge.phases["phases"]},
        "evidence": {lv["id"]: pick(lv["name"], lang) for lv in knowledge.evidence["levels"]},
        "target": {t["id"]: pick(t["name"], lang) for t in knowledge.target_groups["target_groups"]},
        "tried": {ident: tried_text(ident, lang) for ident in ("yes", "not-known", "not-stated")},
        "change": {ident: pick(words, lang) for ident, words in CHANGE_KINDS.items()},
        "act": {ident: pick(words, lang) for ident, words in ACT_KINDS.items()},
    }


def _label(value: object, names: Mapping[str, str]) -> str | list[str] | None:
    if isinstance(value, str):
        return names.get(value)
    if isinstance(value, list) and all(isinstance(v, str) and v in names for v in value):
        return [names[v] for v in value]
    return None


@overload
def add_labels(node: Sequence[Mapping[str, object]], names: Names) -> list[dict[str, object]]: ...
@overload
def add_labels(node: Mapping[str, object], names: Names) -> dict[str, object]: ...
@overload
def add_labels(node: object, names: Names) -> object: ...
def add_labels(node: object, names: Names) -> object:
    """`node` (records, lists, values) with a label beside every id of a closed vocabulary: a record stays a
    record (with more keys), a list a list."""
    if isinstance(node, list):
        return [add_labels(item, names) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, object] = {}
    for key, value in node.items():
        out[key] = add_labels(value, names)
        kind, label_key = KEYS.get(key, ("", ""))
        if kind in names and label_key not in node:
            found = _label(value, names[kind])
            if found is not None:
                out[label_key] = found
    return out
