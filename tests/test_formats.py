"""The one format registry: a format defined only here works through a real command, and an unknown block
type fails in every human format instead of vanishing."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest

from vold_cli.output import formats
from vold_cli.output.blocks import Document, Paragraph


def _tsv(doc: Document, context: formats.Context) -> None:
    """A toy renderer: the document's records (the same CSV gets), tab-separated."""
    from vold_cli.output.machine import csv_rows

    rows = csv_rows(doc)
    columns = list(rows[0]) if rows else []
    context.stream.write("\t".join(columns) + "\n")
    for row in rows:
        context.stream.write("\t".join(str(row.get(c, "")) for c in columns) + "\n")


@pytest.fixture
def tsv() -> Iterator[None]:
    formats.register(formats.Format("tsv", lambda: _tsv, carries="data"))
    yield
    formats.unregister("tsv")


def test_a_format_defined_in_a_test_works_through_a_real_command(run, tsv: None) -> None:
    result = run("interventions", "--phase", "tertiary", "--format", "tsv")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0].split("\t")[:3] == ["id", "name", "phases"]
    import json

    expected = [item["id"] for item in json.loads(run("interventions", "--phase", "tertiary", "--format",
                                                       "json").stdout)]
    assert expected and [line.split("\t")[0] for line in lines[1:]] == expected


def test_the_registered_format_is_offered_in_help_and_unknown_ones_are_refused(run, tsv: None) -> None:
    assert "tsv" in run("law", "--help").stdout
    result = run("law", "--format", "xml")
    assert result.exit_code == 2
    assert "xml" in result.stderr and result.stdout == ""


def test_without_registration_the_format_is_refused(run) -> None:
    result = run("law", "--format", "tsv")
    assert result.exit_code == 2


class Mystery:
    """A block no renderer knows."""


@pytest.mark.parametrize("name", ["table", "markdown", "html"])
def test_unknown_block_type_raises_in_every_human_format(name: str) -> None:
    doc = Document().add(Paragraph("before"), Mystery())
    with pytest.raises(TypeError, match="Mystery"):
        formats.emit(doc, name, stream=io.StringIO(), title="t")


def test_every_format_of_report_is_also_in_the_registry_and_json_carries_data() -> None:
    assert formats.names(report=True) == ["markdown", "html"]
    assert formats.names() == ["table", "json", "csv", "markdown"]
    assert formats.names(tables=True) == ["table", "json", "csv", "markdown", "xlsx"]
    out = io.StringIO()
    formats.emit(Document(data=lambda: {"a": 1}), "json", stream=out)
    assert out.getvalue() == '{\n  "a": 1\n}\n'


@pytest.mark.parametrize("args", [["interventions"], ["law"], ["initiatives"], ["phases"], ["map"], ["evidence"],
                                  ["economy"], ["definition"], ["profile"], ["implementation"], ["documentation"],
                                  ["interventions", "safe-dates"], ["law", "109"], ["search", "alcohol"]])
def test_csv_rows_are_the_json_records(run, args) -> None:
    """CSV is flattened from the records of the JSON answer: the same entries, in the same order, with every
    field of a record as a column."""
    import csv
    import json

    from vold_cli.output.machine import flatten, records

    data = json.loads(run(*args, "--format", "json").stdout)
    rows = list(csv.DictReader(io.StringIO(run(*args, "--format", "csv").stdout)))
    # the lists of the JSON answer a view's CSV holds (Document.table of the dict-shaped views)
    table = {"economy": "cost_items", "map": ("cells", "cells.interventions"), "definition": ("forms", "data_kinds"),
             "profile": ("groups.traits", "crisis_centre_key_figures", "partner_reports"),
             "implementation": ("drivers", "factor_levels", "strategies"),
             "documentation": ("goals.indicators", "data_sources")}.get(args[0], ())
    expected = [flatten(record) for record in records(data, table)]
    assert rows and len(rows) == len(expected)
    for row, record in zip(rows, expected, strict=True):
        assert set(record) <= set(row)
        assert row.get("id", "") == str(record.get("id") or "")


def _bin(doc: Document, context: formats.Context) -> None:
    """A toy file format: the records' ids as bytes, NUL-separated."""
    from vold_cli.output.machine import csv_rows

    assert context.binary is not None
    context.binary.write(b"\0".join(str(row.get("id")).encode() for row in csv_rows(doc)))


@pytest.fixture
def binfmt() -> Iterator[None]:
    formats.register(formats.Format("bin", lambda: _bin, carries="data", commands=False, tables=True, files="only"))
    yield
    formats.unregister("bin")


def test_a_file_format_defined_in_a_test_needs_o_and_is_offered_only_where_tables_are(run, binfmt: None,
                                                                                       tmp_path) -> None:
    assert "bin" in run("law", "--help").stdout and "bin" not in run("phases", "--help").stdout
    refused = run("law", "--format", "bin")
    assert refused.exit_code == 2 and refused.stdout == "" and "-o FILE" in refused.stderr
    assert run("phases", "--format", "bin").exit_code == 2
    target = tmp_path / "law.bin"
    done = run("law", "--format", "bin", "-o", str(target))
    assert done.exit_code == 0, done.stderr
    assert done.stdout == "" and done.stderr == f"Wrote {target} ({target.stat().st_size:,} bytes).\n"
    import json

    ids = [entry["id"] for entry in json.loads(run("law", "--format", "json").stdout)]
    assert target.read_bytes().split(b"\0") == [i.encode() for i in ids]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["law.bin"]  # no temporary file left


def test_terminal_format_is_not_written_to_a_file(run, tmp_path) -> None:
    result = run("law", "-o", str(tmp_path / "law.txt"))
    assert result.exit_code == 2 and "-o" in result.stderr and list(tmp_path.iterdir()) == []
