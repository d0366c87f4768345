"""Each kind of block and cell is dispatched once per writer: one table keyed by the class (output/blocks.handler),
with an entry for every kind, and a kind no writer knows is a TypeError naming it, never skipped."""

from __future__ import annotations

import io
from types import ModuleType
from typing import get_args

import pytest

from vold_cli.output import blocks
from vold_cli.output.blocks import Column, Document, Paragraph, Table
from vold_cli.views import pages


def _writers() -> dict[str, ModuleType]:
    """Every module of the output layer with a table of blocks and one of cells (found, not listed), and search's
    reader of the views."""
    import importlib
    import pkgutil

    import vold_cli.output

    found = {}
    for info in pkgutil.iter_modules(vold_cli.output.__path__):
        module = importlib.import_module(f"vold_cli.output.{info.name}")
        if isinstance(getattr(module, "BLOCKS", None), dict) and isinstance(getattr(module, "CELLS", None), dict):
            found[info.name] = module
    return found | {"search": pages}


WRITERS = _writers()


def _write(name: str, doc: Document) -> object:
    """Each writer's entry point, as the format registry and search call it (a writer found above without one
    here fails: it must be added)."""
    module = WRITERS[name]
    return {
        "plain": lambda: module._lines(doc, 80),
        "terminal": lambda: module.render(doc, io.StringIO()),
        "markdown": lambda: module.render(doc),
        "html": lambda: module.render(doc, title="t", lang="en"),
        "docx": lambda: module.document_bytes(doc, lang="en", title="t"),
        "xlsx": lambda: module.sheets_of(doc, "en"),
        "search": lambda: module.rows(doc),
    }[name]()


class Mystery:
    """A kind of block or cell no writer knows."""


def test_the_kinds_are_those_of_the_document_model() -> None:
    assert set(blocks.BLOCKS) == set(get_args(blocks.Block))
    assert set(blocks.CELLS) == set(get_args(blocks.Cell))


@pytest.mark.parametrize("name", WRITERS)
def test_every_writer_has_one_entry_for_every_kind(name: str) -> None:
    module = WRITERS[name]
    assert set(module.BLOCKS) == set(blocks.BLOCKS)
    assert set(module.CELLS) == set(blocks.CELLS)


@pytest.mark.parametrize("name", WRITERS)
def test_an_unknown_block_or_cell_is_a_type_error(name: str) -> None:
    with pytest.raises(TypeError, match="Mystery"):
        _write(name, Document([Paragraph("before"), Mystery()]))
    with pytest.raises(TypeError, match="Mystery"):
        _write(name, Document([Table([Column("a")], [[Mystery()]])]))  # type: ignore[list-item]


def test_a_text_of_a_str_subclass_is_a_text() -> None:
    class Quoted(str):
        pass

    assert blocks.cell_text(Quoted("x")) == "x" and WRITERS["markdown"].render(Document([Table([Column("a")], [[Quoted("x")]])]))
