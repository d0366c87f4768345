"""Shell completion of values from the knowledge base: intervention and initiative ids, municipality names and
codes, legal references. Each function runs only when the shell asks for completions (Typer's `_VOLD_COMPLETE`
protocol), so a normal start never loads anything for it; any failure gives no completions, never an error."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from vold_cli.kb.facade import KnowledgeBase


def _knowledge(ctx: click.Context) -> KnowledgeBase:
    """The knowledge base the command line points at (the command's --kb, then `vold --kb`, then VOLD_KB or
    the bundled one)."""
    from vold_cli.kb.facade import KnowledgeBase
    from vold_cli.kb.loader import load

    kb = None
    node: click.Context | None = ctx
    while node is not None and kb is None:
        kb = node.params.get("kb")
        node = node.parent
    return KnowledgeBase(load(kb))


def _fold(text: str) -> str:
    from vold_cli.text import fold

    return fold(text).lower()


def _starting(values: list[tuple[str, str]], incomplete: str) -> list[tuple[str, str]]:
    """The values that start with what was typed, ignoring case and Danish letters. Shells (and Typer) keep
    only completions that start with the typed text literally, so a value that matches only when folded is
    offered in the spelling typed so far: `aer` completes to `aeroe` (which vold reads as Ærø)."""
    want = _fold(incomplete)
    out = []
    for value, help_ in values:
        if value.startswith(incomplete):
            out.append((value, help_))
        elif _fold(value).startswith(want):
            folded = _fold(value)
            out.append((incomplete + folded[len(want):] if folded.startswith(want) else folded, help_))
    return out


def intervention_ids(ctx: click.Context, incomplete: str) -> list[tuple[str, str]]:
    try:
        from vold_cli.i18n.lang import pick, resolve_lang

        knowledge = _knowledge(ctx)
        lang = resolve_lang(None)
        return _starting([(i["id"], pick(i["name"], lang)) for i in knowledge.interventions["interventions"]],
                         incomplete)
    except Exception:  # completion must never break the shell
        return []


def initiative_ids(ctx: click.Context, incomplete: str) -> list[tuple[str, str]]:
    try:
        from vold_cli.i18n.lang import pick, resolve_lang

        knowledge = _knowledge(ctx)
        lang = resolve_lang(None)
        return _starting([(i["id"], pick(i["name"], lang)) for i in knowledge.initiatives["initiatives"]],
                         incomplete)
    except Exception:
        return []


def municipalities(ctx: click.Context, incomplete: str) -> list[tuple[str, str]]:
    """Names (matched with or without Danish letters) and, for digits, codes."""
    try:
        knowledge = _knowledge(ctx)
        items = knowledge.municipalities["municipalities"]
        if incomplete[:1].isdigit():
            return [(str(m["code"]), m["name"]) for m in items if str(m["code"]).startswith(incomplete)]
        return _starting([(m["name"], str(m["code"])) for m in items], incomplete)
    except Exception:
        return []


def law_references(ctx: click.Context, incomplete: str) -> list[tuple[str, str]]:
    """First word: an act's short name, or a section of the default act (Serviceloven); after an act's name,
    its sections."""
    try:
        from vold_cli.core.query import default_act, law_aliases
        from vold_cli.i18n.lang import pick, resolve_lang

        knowledge = _knowledge(ctx)
        lang = resolve_lang(None)
        aliases = law_aliases(knowledge)
        typed = ctx.params.get("reference") or []
        entries = knowledge.law["entries"]
        act = aliases.get(_fold(typed[-1])) if typed else None
        if act is not None:
            values = [(str(e["section"]), pick(e["title"], lang)) for e in entries if e["act"] == act and e["section"]]
        else:
            first = {a["id"]: (a["aliases"][0] if a["aliases"] else a["id"]) for a in knowledge.law["acts"]}
            values = [(name, next((a["name"] for a in knowledge.law["acts"] if a["id"] == ident), ""))
                      for ident, name in first.items()]
            values += [(str(e["section"]), pick(e["title"], lang)) for e in entries
                       if e["act"] == default_act(knowledge) and e["section"]]
        return _starting(values, incomplete)
    except Exception:
        return []
