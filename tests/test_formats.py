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
    formats.register(formats.Format("tsv", lambda: _tsv, carries="data",
                                    purpose={"da": "til regneark som tabulatorsepareret tekst",
                                             "en": "for spreadsheets, fields separated by tabs"}))
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
    for lang, purpose in (("en", "tsv for spreadsheets, fields separated by tabs"),
                          ("da", "tsv til regneark som tabulatorsepareret tekst")):
        shown = " ".join(run("law", "--help", "--lang", lang).stdout.split())
        assert purpose in shown and "|tsv" in shown, shown  # in the --format help and its metavar
    result = run("law", "--format", "xml")
    assert result.exit_code == 2
    assert "xml" in result.stderr and result.stdout == ""


def test_without_registration_the_format_is_refused(run) -> None:
    result = run("law", "--format", "tsv")
    assert result.exit_code == 2


class Mystery:
    """A block no renderer knows."""


@pytest.mark.parametrize("name", [f.name for f in formats.FORMATS.values() if f.carries == "blocks"])
def test_unknown_block_type_raises_in_every_human_format(name: str, tmp_path) -> None:
    """Every format that shows the blocks (from the registry: the terminal's, Markdown, HTML, the workbook, Word,
    PDF) refuses a kind of block it has no rendering for, and a file format leaves no file behind."""
    import importlib.util

    fmt = formats.get(name)
    if fmt.needs is not None and importlib.util.find_spec(fmt.needs.module) is None:
        pytest.skip(f"{fmt.needs.module} is not installed (the optional extra of {name})")
    doc = Document().add(Paragraph("before"), Mystery())
    target = tmp_path / f"out{fmt.suffixes[0]}" if fmt.files == "only" else None
    with pytest.raises(TypeError, match="Mystery"):
        formats.emit(doc, name, stream=None if target else io.StringIO(), output=target, title="t")
    assert target is None or not target.exists()


def _offered_in_help(run, args: list[str], lang: str) -> list[str]:
    """The formats the --format metavar of `vold ARGS -h` lists, as the user reads them."""
    import re

    help_text = run(*args, "-h", "--lang", lang).stdout
    return re.search(r"-f, --format \[([^\]]*)\]", help_text).group(1).split("|")


@pytest.mark.parametrize("lang", ["da", "en"])
def test_each_command_offers_and_accepts_the_formats_of_the_registry(run, lang: str, tmp_path) -> None:
    """Generated from the registries: every command offers in its help exactly the formats its kind is offered
    (report, a table, any), each in the language's word, and accepts each of them by name and by that word."""
    import importlib.util

    from vold_cli.commands.registry import entries
    from vold_cli.output.formats import FORMATS, word

    tables = {"estimate", "interventions", "law", "initiatives", "map", "check"}  # README: results that are tables
    runnable = {"estimate": ["-p", "43000"], "check": ["--template"], "search": ["vold"], "report": ["-p", "5000"]}
    for entry in entries():
        if entry.children is not None:
            continue
        kind = {"report": "report"}.get(entry.name, "tables" if entry.name in tables else "commands")
        expected = [f for f in FORMATS.values() if getattr(f, kind if kind != "tables" else "tables")]
        assert _offered_in_help(run, [entry.name], lang) == [word(f, lang) for f in expected], entry.name
        for fmt in expected:
            if entry.name == "check" and fmt.name != "table":
                continue  # --template writes CSV whatever the format
            target = ["-o", str(tmp_path / f"{entry.name}.{fmt.name}"), "--force"] if fmt.files == "only" else []
            result = run(entry.name, *runnable.get(entry.name, []), "--format", word(fmt, lang), *target,
                         "--lang", lang)
            if fmt.needs is not None and importlib.util.find_spec(fmt.needs.module) is None:
                assert result.exit_code == 1 and fmt.needs.install in result.stderr  # an extra not installed
                continue
            assert result.exit_code == 0, (entry.name, fmt.name, result.stderr)
        refused = [f for f in FORMATS.values() if f not in expected]
        for fmt in refused:
            result = run(entry.name, *runnable.get(entry.name, []), "--format", fmt.name, "--lang", lang)
            assert result.exit_code == 2 and result.stdout == "", (entry.name, fmt.name)


def test_json_writes_the_data_of_a_lazy_document() -> None:
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
    formats.register(formats.Format("bin", lambda: _bin, carries="data", commands=False, tables=True, files="only",
                                    purpose={"da": "til andre programmer", "en": "for other programs"}))
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


# --- a file of one format is never written under another format's name --------------------------------------


def _is(fmt: str, data: bytes) -> bool:
    """Whether `data` is a file of the format `fmt` (by its first bytes, or the parts a zip of it must hold)."""
    import zipfile

    def zipped(part: str) -> bool:
        try:
            return part in zipfile.ZipFile(io.BytesIO(data)).namelist()
        except zipfile.BadZipFile:
            return False

    return {
        "json": lambda: data.lstrip()[:1] in (b"{", b"["),
        "csv": lambda: b"," in data.split(b"\n", 1)[0] and not data.startswith((b"<", b"#", b"{", b"[")),
        "markdown": lambda: not data.startswith((b"<", b"{", b"[", b"%PDF", b"PK")) and bool(data.decode("utf-8")),
        "html": lambda: data.startswith(b"<!DOCTYPE html>"),
        "xlsx": lambda: zipped("xl/workbook.xml"),
        "docx": lambda: zipped("word/document.xml"),
        "pdf": lambda: data.startswith(b"%PDF-"),
    }[fmt]()


def _suffixes() -> list[tuple[str, str]]:
    """(format, file ending) of every ending the registry knows."""
    return [(f.name, suffix) for f in formats.FORMATS.values() for suffix in f.suffixes]


def _outcome(run, tmp_path, args: list[str], suffix: str, writes: str | None) -> None:
    import importlib.util

    target = tmp_path / f"out{suffix}"
    result = run(*args, "-o", str(target))
    if writes == "pdf" and importlib.util.find_spec("weasyprint") is None:
        assert result.exit_code == 1 and "vold-cli[pdf]" in result.stderr and not target.exists()
        return
    if writes is None:
        assert result.exit_code == 2, (args, suffix, result.stderr)
        assert not target.exists() and result.stdout == ""
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        return
    assert result.exit_code == 0, (args, suffix, result.stderr)
    assert _is(writes, target.read_bytes()), (args, suffix, target.read_bytes()[:40])


def test_every_format_claims_its_file_endings_and_no_ending_twice() -> None:
    pairs = _suffixes()
    assert len({suffix for _, suffix in pairs}) == len(pairs)
    assert {"json", "csv", "markdown", "html", "xlsx", "docx", "pdf"} <= {name for name, _ in pairs}


@pytest.mark.parametrize("fmt", [None, *formats.names(report=True)])
@pytest.mark.parametrize(("named", "suffix"), _suffixes() + [(None, ".txt"), (None, "")], ids=lambda v: str(v))
def test_report_writes_only_the_format_the_file_name_says(run, tmp_path, fmt, named, suffix) -> None:
    """`vold report -o x.pdf` writes a PDF (it once wrote Markdown into it); `-f markdown -o x.pdf`, `-o x.json`
    and `-o x.xlsx` are usage errors; an ending no format claims (.txt, none) gets the chosen format, else
    Markdown."""
    args = ["report", "-p", "5000"] + (["--format", fmt] if fmt else [])
    if fmt is None:
        writes = named if named in formats.names(report=True) else "markdown" if named is None else None
    else:
        writes = fmt if named in (None, fmt) else None
    _outcome(run, tmp_path, args, suffix, writes)


@pytest.mark.parametrize("fmt", [f for f in formats.names(tables=True) if formats.get(f).files != "never"])
@pytest.mark.parametrize(("named", "suffix"), _suffixes() + [(None, ".txt")], ids=lambda v: str(v))
def test_a_table_command_writes_only_the_format_the_file_name_says(run, tmp_path, fmt, named, suffix) -> None:
    """`vold law --format json -o law.csv` is refused, as is any format under another format's ending."""
    _outcome(run, tmp_path, ["law", "--format", fmt], suffix, fmt if named in (None, fmt) else None)


def _table_commands() -> list[str]:
    from test_docx import table_commands

    return table_commands()


@pytest.mark.parametrize("command", _table_commands())
@pytest.mark.parametrize(("named", "suffix"), [s for s in _suffixes() if s[0] in formats.names(tables=True)
                                               and formats.get(s[0]).files != "never"], ids=str)
def test_without_format_the_file_ending_chooses_it(run, tmp_path, command, named, suffix) -> None:
    """Every command whose answer is a table (from the registry) writes what the -o file's ending says, as `vold
    report -o plan.docx` does (issue 23: '-o brief.docx' for report, check and the table commands): the same
    bytes as with --format given (Word and workbooks compared by their parts' names, since a zip carries its
    time)."""
    import zipfile

    from test_docx import ARGS

    offers = tmp_path / "tilbud.csv"
    offers.write_text("Tilbud;Indsats\r\nKrisecenter;Kvindekrisecentre\r\n", encoding="utf-8")
    args = [command, *(a.replace("{offers}", str(offers)) for a in ARGS.get(command, []))]
    guessed, given = tmp_path / f"guessed{suffix}", tmp_path / f"given{suffix}"
    result = run(*args, "-o", str(guessed))
    assert result.exit_code == 0, (args, result.stderr)
    assert run(*args, "--format", named, "-o", str(given)).exit_code == 0
    if zipfile.is_zipfile(given):
        assert zipfile.ZipFile(guessed).namelist() == zipfile.ZipFile(given).namelist()
    else:
        assert guessed.read_bytes() == given.read_bytes()


def test_an_explicit_table_format_to_a_file_is_refused(run, tmp_path) -> None:
    result = run("law", "--format", "table", "-o", str(tmp_path / "law.docx"))
    assert result.exit_code == 2 and "-o" in result.stderr
    assert not (tmp_path / "law.docx").exists()
