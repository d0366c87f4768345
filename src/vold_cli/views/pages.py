"""What `vold search` reads: the pages the commands print, and the search index made of their texts.

A page is what one command prints for one section of the knowledge. The section registry (kb/sections.py) names
each section's command; a command with a placeholder (`vold interventions {id}`, `vold law {ref}`, `vold estimate
--municipality {code}`) has one page per entry, and its listing (`vold interventions`) is a page too where the
command runs without the placeholder. Each view module says which of these commands it shows, beside its view:
`PAGES` (command -> the function building its Document) and `ENTRY_PAGES` (command with a placeholder -> the list of
entries and the function building one entry's Document), calling the same view the command calls. tests/test_search.py
checks that every command of the registry has its pages, that each page is what the command prints, and that every
word a command prints is found where it is printed.

Each text of a page belongs to an owner, the title a hit shows: on an entry's own page, that entry; on a listing, the
entry whose name or id the row holds (else the section, titled by the row or the heading above it); a text printed
on every page of a kind (a label such as "Evidence") belongs to the section, titled by the section's label. The
bundled knowledge's index is made when the wheel is built (hatch_build.py, `generate`), so a search reads one JSON
file per language; any other knowledge folder's index is made on its first search of the day and kept in the
per-user cache, keyed by the folder's content, the language, the day and the code that makes the pages.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, cast

from vold_cli.i18n.lang import pick
from vold_cli.output.blocks import (
    Bar,
    BulletList,
    Chart,
    Fields,
    Heading,
    Lines,
    Notes,
    PageBreak,
    Paragraph,
    Styled,
    Table,
    handler,
)

if TYPE_CHECKING:
    import datetime
    from collections.abc import Callable, Iterator, Mapping

    from vold_cli.core.results import Index
    from vold_cli.kb.facade import KnowledgeBase
    from vold_cli.output.blocks import Cell, Document

    #: An entry of the knowledge as the pages see it: any section's record, read through a few keys every section
    #: names alike (id, code, name, title, label, text).
    Entry = Mapping[str, object]
    Listing = Callable[[KnowledgeBase, str, datetime.date], Document]
    Detail = Callable[[KnowledgeBase, Entry, str, datetime.date], Document]

#: The generated index of the bundled knowledge, one file per language, beside `knowledge.json` in the wheel.
GENERATED = "search-{lang}.json"
GENERATED_FORMAT = 1


# --- the pages ----------------------------------------------------------------------------------------------


def registered() -> tuple[dict[str, Listing], dict[str, tuple[str, Detail]]]:
    """What every view module says it shows: its `PAGES` (a command without an argument -> the function building
    its Document) and `ENTRY_PAGES` (a registry command with a placeholder -> the list of entries it takes and the
    function building one entry's Document). Imports every view module: only to make an index."""
    import importlib
    import pkgutil

    import vold_cli.views as package

    listings: dict[str, Listing] = {}
    details: dict[str, tuple[str, Detail]] = {}
    for found in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{found.name}")
        for mine, theirs in ((getattr(module, "PAGES", {}), listings), (getattr(module, "ENTRY_PAGES", {}), details)):
            twice = set(mine) & set(theirs)
            if twice:
                raise ValueError(f"views/{found.name}.py: pages of {sorted(twice)} are made elsewhere too")
            theirs.update(mine)
    return listings, details


def listing_of(command: str) -> str:
    """The command without its placeholder: 'vold law {ref}' -> 'vold law'."""
    return command.split(" {", 1)[0]


def fill(knowledge: KnowledgeBase, command: str, entry: Entry) -> str:
    """The registry's command for one entry: {id}, {code}, or {ref} (what to type for a legal reference)."""
    if "{ref}" in command:
        from vold_cli.core.query import find_law, short_ref

        return command.format(ref=short_ref(knowledge, find_law(knowledge, str(entry["id"]))))
    return command.format(id=entry.get("id", ""), code=entry.get("code", ""))


class Page:
    """One command's output for the search: the command, the sections it shows, the entry it is the page of (or
    None for a listing) and the function that builds its Document."""

    __slots__ = ("command", "sections", "entry", "kind", "build")

    def __init__(self, command: str, sections: list[str], entry: Entry | None, kind: str,
                 build: Callable[[], Document]) -> None:
        self.command = command
        self.sections = sections
        self.entry = entry
        self.kind = kind  # the registry command a detail page is made from; the command itself for a listing
        self.build = build


def pages(knowledge: KnowledgeBase, lang: str, today: datetime.date) -> Iterator[Page]:
    """Every page, section by section in the registry's order: the listing, then each entry's own page."""
    from functools import partial

    from vold_cli.kb.sections import REGISTRY

    by_stem: Mapping[str, object] = knowledge.data
    listings, details = registered()
    done: set[str] = set()
    for section in REGISTRY:
        listing = listing_of(section.command)
        if listing not in done and listing in listings:
            done.add(listing)
            shown = [s.stem for s in REGISTRY if listing_of(s.command) == listing]
            make = listings[listing]
            yield Page(listing, shown, None, listing, partial(make, knowledge, lang, today))
        if section.command in details and section.command not in done:
            done.add(section.command)
            key, view = details[section.command]
            data = by_stem[section.stem]
            assert isinstance(data, dict)
            for entry in data[key]:
                yield Page(fill(knowledge, section.command, entry), [section.stem], entry, section.command,
                           partial(view, knowledge, entry, lang, today))
    for command, make in listings.items():  # a view's further page of a section: 'vold law duties' of law
        stems = [s.stem for s in REGISTRY if command.startswith(listing_of(s.command) + " ")]
        if command not in done and stems:
            done.add(command)
            yield Page(command, stems[:1], None, command, partial(make, knowledge, lang, today))


# --- the texts of a page --------------------------------------------------------------------------------------


#: The texts of each kind of cell (output/blocks.CELLS): a cell of several lines gives each line.
CELLS: dict[type, Callable[..., list[str]]] = {
    str: lambda cell: [cell], Styled: lambda cell: [cell.text], Bar: lambda cell: [cell.label] if cell.label else [],
    Lines: lambda cell: [text for part in cell.parts for text in _parts(part)],
}


def _parts(cell: Cell) -> list[str]:
    return handler(CELLS, cell, "search")(cell)


#: One row of a page: its texts, and its own title (a table row's first text, a list's title) or None (the heading
#: above it names it).
Row = tuple[list[str], "str | None"]


def _heading(block: Heading) -> list[Row]:
    return [([block.text], block.text)]


def _paragraph(block: Paragraph) -> list[Row]:
    return [([block.text], None)]


def _fields(block: Fields) -> list[Row]:
    head: list[Row] = [([block.title], block.title)] if block.title else []
    return head + [([label, *_parts(value)], block.title or None) for label, value in block.pairs]


def _table(block: Table) -> list[Row]:
    chrome = [t for t in (block.title, block.caption, *(c.header for c in block.columns)) if t]
    rows: list[Row] = [(chrome, block.title or None)] if chrome else []
    for row in block.rows:
        texts = [t for cell in row for t in _parts(cell)]
        rows.append((texts, next((t for t in texts if t), None)))
    return rows


def _items(block: BulletList | Notes) -> list[Row]:
    head: list[Row] = [([block.title], block.title)] if block.title else []
    return head + [([item], block.title or None) for item in block.items]


def _chart(block: Chart) -> list[Row]:
    head: list[Row] = [([t for t in (block.title, block.unit) if t], block.title or None)]
    return head + [([label, shown], block.title or None) for label, _, shown in block.items]


def _nothing(block: PageBreak) -> list[Row]:
    return []


#: The rows of each kind of block (output/blocks.BLOCKS), as each writer of output/ has its table.
BLOCKS: dict[type, Callable[..., list[Row]]] = {
    Heading: _heading, Paragraph: _paragraph, Fields: _fields, Table: _table, BulletList: _items, Notes: _items,
    Chart: _chart, PageBreak: _nothing,
}


def rows(doc: Document) -> list[tuple[list[str], str | None, str | None]]:
    """Every row of a page's blocks: (texts, the row's own title or None, the heading above it or None)."""
    out: list[tuple[list[str], str | None, str | None]] = []
    heading: str | None = None
    for block in doc.blocks:
        for texts, title in handler(BLOCKS, block, "search")(block):
            out.append((texts, title, heading))
        if isinstance(block, Heading):
            heading = block.text
    return out


def texts(doc: Document) -> list[str]:
    """Every text a page prints, in order."""
    return [text for row_texts, _, _ in rows(doc) for text in row_texts if text]


# --- owners ---------------------------------------------------------------------------------------------------


def title_of(entry: Entry, lang: str) -> str:
    """What an entry is called in `lang`: its name, title, label or text, else its id or code."""
    for key in ("name", "title", "label", "text"):
        value = entry.get(key)
        if isinstance(value, dict):
            return pick(value, lang)
        if isinstance(value, str) and value:
            return value
    return str(entry.get("id") or entry.get("code") or "")


def entries(data: object) -> list[Entry]:
    """The entries of a section: every mapping with an id (or a municipality's or region's code) below its top."""
    out: list[Entry] = []

    def walk(node: object, depth: int) -> None:
        if isinstance(node, dict):
            if ("id" in node or "code" in node) and depth > 0:
                out.append(node)
            for value in node.values():
                walk(value, depth + 1)
        elif isinstance(node, list):
            for value in node:
                walk(value, depth + 1)

    walk(data, 0)
    return out


def _ident(entry: Entry) -> str:
    return str(entry.get("id") or entry.get("code"))


# --- the index ------------------------------------------------------------------------------------------------


def build(knowledge: KnowledgeBase, lang: str, today: datetime.date) -> Index:
    """The search index of one language: every text of every page, with its owner, command and rank."""
    from vold_cli.core.search import folded_words
    from vold_cli.kb.sections import label

    owners: list[list[str]] = []
    owner_at: dict[tuple[str, str, str], int] = {}
    commands: list[str] = []
    text_at: dict[str, int] = {}
    units: list[list[int]] = []
    unit_at: dict[tuple[int, int], int] = {}  # (owner, text) -> its unit: one per text of an owner, the best ranked

    def owner(section: str, ident: str, title: str) -> int:
        key = (section, ident, title)
        if key not in owner_at:
            owner_at[key] = len(owners)
            owners.append([section, ident, title])
        return owner_at[key]

    def add(text: str, who: int, command: int, rank: int) -> None:
        if not text.strip():
            return
        number = text_at.setdefault(text, len(text_at))
        held = unit_at.get((who, number))
        if held is None:
            unit_at[(who, number)] = len(units)
            units.append([number, who, command, rank])
        elif units[held][3] > rank:
            units[held][2:] = [command, rank]

    from vold_cli.errors import VoldError

    built: list[tuple[Page, Document]] = []
    for page in pages(knowledge, lang, today):
        try:
            built.append((page, page.build()))
        except VoldError:  # the command answers this one with an error (an edited folder): it prints no page
            continue
    # a text on every page of a kind (two or more) is the view's own (a label): it belongs to the section
    per_kind: dict[str, list[set[str]]] = {}
    for page, doc in built:
        if page.entry is not None:
            per_kind.setdefault(page.kind, []).append(set(texts(doc)))
    common = {kind: set.intersection(*found) if len(found) > 1 else set() for kind, found in per_kind.items()}

    named: dict[str, dict[str, tuple[str, str, str]]] = {}  # listing -> text -> owner key, from its sections' entries
    own_pages: dict[str, list[tuple[str, str, str]]] = {}  # section -> the entries that have a page of their own
    for page, _ in built:
        if page.entry is not None:
            own_pages.setdefault(page.sections[0], []).append(
                (page.sections[0], _ident(page.entry), title_of(page.entry, lang)))
    for page, doc in built:
        for stem in page.sections:  # hits list the entries with pages of their own in the knowledge's order
            for key in own_pages.pop(stem, []):
                owner(*key)
        command = len(commands)
        commands.append(page.command)
        section = page.sections[0]
        if page.entry is not None:
            mine = owner(section, _ident(page.entry), title_of(page.entry, lang))
            for row_texts, _, _ in rows(doc):
                for text in row_texts:
                    if text in common[page.kind]:
                        add(text, owner(section, section, pick(label(section), lang)), command, 1)
                    else:
                        add(text, mine, command, 0)
            continue
        if page.command not in named:
            lookup: dict[str, tuple[str, str, str]] = {}
            by_stem: Mapping[str, object] = knowledge.data
            for stem in page.sections:
                for entry in entries(by_stem[stem]):
                    key = (stem, _ident(entry), title_of(entry, lang))
                    lookup.setdefault(key[2], key)
                    lookup.setdefault(key[1], key)
            named[page.command] = lookup
        lookup = named[page.command]
        for row_texts, title, heading in rows(doc):
            found = next((lookup[t] for t in row_texts if t in lookup), None)
            if found is not None:  # an entry's row: its own page, if it has one, shows it better
                who, rank = owner(*found), 1
            else:
                who, rank = owner(section, section, title or heading or pick(label(section), lang)), 0
            for text in row_texts:
                add(text, who, command, rank)
    printed: list[list[str]] = [[] for _ in text_at]
    for number, who, command, rank in units:
        printed[number].append(f"{who}.{command}.{rank}")
    return {"lang": lang, "owners": owners, "commands": commands, "texts": list(text_at),
            "words": "\n".join(folded_words(text) for text in text_at), "printed": [",".join(p) for p in printed]}


# --- generated, or made now -----------------------------------------------------------------------------------


def generate(knowledge: KnowledgeBase, lang: str, today: datetime.date) -> bytes:
    """The generated index file of one language (hatch_build.py ships it in the wheel as GENERATED)."""
    from vold_cli import __version__

    payload = {"format": GENERATED_FORMAT, "version": __version__, "made": today.isoformat(),
               "index": build(knowledge, lang, today)}
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _generated(lang: str) -> Index | None:
    """The wheel's generated index of `lang`, if it has one made by this version."""
    from vold_cli.kb.loader import package_file

    blob = package_file(GENERATED.format(lang=lang))
    if blob is None:
        return None
    try:
        payload = json.loads(blob)
    except (ValueError, RecursionError):
        return None
    if not isinstance(payload, dict) or payload.get("format") != GENERATED_FORMAT:
        return None
    from vold_cli import __version__

    index = payload.get("index")
    if payload.get("version") != __version__ or not isinstance(index, dict) or index.get("lang") != lang:
        return None
    return cast("Index", index)


def index(knowledge: KnowledgeBase, lang: str, today: datetime.date) -> Index:
    """The index search reads: for the bundled knowledge read from its generated data (the generated index made
    from the same folder, by the same build), for any other folder made now from its pages."""
    status = knowledge.cache
    if knowledge.origin == "bundled" and status is not None and status.code == "generated":
        found = _generated(lang)
        if found is not None:
            return found
    if not knowledge.key:  # no cache consulted (VOLD_NO_CACHE, Windows, an unwritable folder): made now
        return build(knowledge, lang, today)
    # any other folder: made once per folder content, language and day, then kept in the per-user cache beside
    # the knowledge's own entry (issue 24: a 10,000-intervention folder's pages take seconds to build)
    kept = kept_index(knowledge.key, lang, today)
    if kept is not None:
        return kept
    from vold_cli.kb import cache

    made = build(knowledge, lang, today)
    cache.store_derived(_kind(lang, today), knowledge.key, cast("dict[str, object]", made))
    return made


def _kind(lang: str, today: datetime.date) -> str:
    """The name a kept index is stored under: its language, its day and the code that made it (`_code`)."""
    return f"search-{lang}-{today.isoformat()}-{_code()}"


_CODE: list[str] = []


def _code() -> str:
    """A digest of the size and modification time of every module of the layers whose text the index holds (views,
    core, i18n, output), so that an index kept by other code, even of the same version number, is never read.
    (Their stat, not their bytes: reading them all would cost a search some 15 ms. The knowledge layer's own code
    is already in the cache's schema fingerprint, by its bytes.)"""
    if not _CODE:
        import hashlib
        import os

        root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        digest = hashlib.sha256()
        for layer in ("views", "core", "i18n", "output"):
            try:
                found = sorted((e.name, e.stat()) for e in os.scandir(os.path.join(root, layer)) if e.name.endswith(".py"))
            except OSError:
                found = []
            for name, info in found:
                digest.update(f"{layer}/{name}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
        _CODE.append(digest.hexdigest()[:16])
    return _CODE[0]


def kept_index(key: str, lang: str, today: datetime.date) -> Index | None:
    """The index made earlier today for the knowledge files whose cache key is `key`, if the cache has it. A
    search of an unchanged folder reads only this (and the stat index that gave the key), not the knowledge:
    issue 24's search time that grew with the folder."""
    from vold_cli.kb import cache

    kept = cache.fetch_derived(_kind(lang, today), key) if key else None
    if kept is not None and kept.get("lang") == lang and set(kept) >= _INDEX_KEYS:
        return cast("Index", kept)
    return None


_INDEX_KEYS = {"lang", "owners", "commands", "texts", "words", "printed"}
