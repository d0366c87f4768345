"""Broken knowledge folders: each gives exit 1 and one line on stderr saying what is wrong and where.

The cases live in tests/broken/<case>/ as overlays on the bundled knowledge (see tests/broken/README.md):
the test copies knowledge/ into a temporary folder, copies the case's files over it, and removes
`<stem>.yaml` for every `<stem>.yaml.DELETE` marker. Every case is run through `vold kb validate PATH` and
through ordinary commands given the folder by `--kb`, by `vold --kb` and by VOLD_KB.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

KNOWLEDGE = Path(__file__).resolve().parents[1] / "knowledge"
BROKEN = Path(__file__).resolve().parent / "broken"
DELETE = ".DELETE"


@dataclass(frozen=True)
class Expect:
    file: str  # the file the message must name
    where: tuple[str, ...]  # entry, field or line: each must appear in the message
    what: tuple[str, ...]  # what is wrong: each must appear in the message


CASES: dict[str, Expect] = {
    "syntax-error": Expect("target_groups.yaml", ("line 8", "column 15"), ("mapping values are not allowed",)),
    "duplicate-key": Expect("benchmarks.yaml", ("line 7", "column 5"), ("duplicate key 'places'",)),
    "unknown-field": Expect("interventions.yaml", ("id 'womens-crisis-centres'", ".provider:"),
                            ("unknown field",)),
    "wrong-type": Expect("interventions.yaml", ("id 'womens-crisis-centres'", ".phases:"), ("valid list",)),
    "missing-translation": Expect("target_groups.yaml", ("id 'perpetrators'", ".name.en:"),
                                  ("required field is missing", "both da and en")),
    "unknown-law": Expect("interventions.yaml", ("id 'womens-crisis-centres'", "law:"),
                          ("unknown law entry 'sel-190'", "sel-109")),
    "unknown-initiative": Expect("interventions.yaml", ("id 'womens-crisis-centres'", "initiatives:"),
                                 ("unknown initiative 'psychologist-talk'", "Did you mean: psychologist-talks?")),
    "unknown-target-group": Expect("interventions.yaml", ("id 'womens-crisis-centres'", "target_groups:"),
                                   ("unknown target group 'woman'", "women")),
    # The schema's closed vocabulary rejects the level before the cross-reference check sees it.
    "unknown-evidence-level": Expect("interventions.yaml", ("id 'womens-crisis-centres'", ".evidence:"),
                                     ("'documented'", "'not-recommended'")),
    "missing-file": Expect("law.yaml", (), ("missing from the knowledge folder",)),
    "not-utf8": Expect("target_groups.yaml", ("line 6",), ("not UTF-8", "0xe6")),
}


@pytest.fixture(params=sorted(CASES))
def case(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def broken(case: str, broken_kb: Callable[[str], Path]) -> Path:
    return broken_kb(case)


# Ways a command gets the folder: (arguments with {kb} for the folder, whether the folder is in VOLD_KB)
INVOCATIONS: dict[str, tuple[tuple[str, ...], bool]] = {
    "kb validate PATH": (("kb", "validate", "{kb}"), False),
    "kb validate --kb": (("kb", "validate", "--kb", "{kb}"), False),
    "kb validate --format json": (("kb", "validate", "{kb}", "--format", "json"), False),
    "interventions --kb": (("interventions", "--kb", "{kb}"), False),
    "vold --kb interventions": (("--kb", "{kb}", "interventions"), False),
    "kb info --kb": (("kb", "info", "--kb", "{kb}"), False),
    "estimate --kb": (("estimate", "--population", "43000", "--kb", "{kb}"), False),
    "VOLD_KB interventions": (("interventions",), True),
    "VOLD_KB kb validate": (("kb", "validate"), True),
    "VOLD_KB law": (("law",), True),
}


def invoke(run: Callable, folder: Path | str, how: str):
    args, via_env = INVOCATIONS[how]
    argv = [a.replace("{kb}", str(folder)) for a in args]
    return run(*argv, env={"VOLD_KB": str(folder)} if via_env else None)


def one_error_line(result) -> str:
    """Exit 1, nothing on stdout, exactly one line on stderr starting with 'Error:', no traceback."""
    assert result.exit_code == 1, (result.exit_code, result.stdout, result.stderr)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert result.stderr.endswith("\n")
    assert lines[0].startswith("Error: "), lines[0]
    return lines[0]


# --- the case folders themselves ------------------------------------------------------------------


def test_every_case_folder_has_expectations() -> None:
    folders = {p.name for p in BROKEN.iterdir() if p.is_dir()}
    assert folders == set(CASES)


def test_readme_lists_every_case() -> None:
    readme = (BROKEN / "README.md").read_text(encoding="utf-8")
    for name in CASES:
        assert f"`{name}`" in readme, name


def test_overlay_files_are_knowledge_files(case: str) -> None:
    from vold_cli.kb.loader import SECTIONS

    names = [p.name for p in (BROKEN / case).iterdir()]
    assert names, f"{case} is empty"
    for name in names:
        stem = name[: -len(DELETE)] if name.endswith(DELETE) else name
        assert stem.endswith(".yaml") and stem[: -len(".yaml")] in SECTIONS, name


def test_overlays_are_small(case: str) -> None:
    """Only what differs: no overlay is a full copy of the larger bundled files."""
    for overlay in (BROKEN / case).iterdir():
        assert overlay.stat().st_size < 16_000, overlay
        assert overlay.read_bytes().count(b"\n") <= 50, overlay


def test_overlay_text_is_utf8_except_the_not_utf8_case(case: str) -> None:
    for overlay in (BROKEN / case).iterdir():
        blob = overlay.read_bytes()
        if case == "not-utf8":
            with pytest.raises(UnicodeDecodeError):
                blob.decode("utf-8")
            assert b"\xe6" in blob  # Latin-1 'æ'; keep the file in that encoding
        else:
            blob.decode("utf-8")


def test_overlay_changes_the_bundled_knowledge(case: str) -> None:
    for overlay in (BROKEN / case).iterdir():
        if overlay.name.endswith(DELETE):
            assert (KNOWLEDGE / overlay.name[: -len(DELETE)]).is_file()
        else:
            assert overlay.read_bytes() != (KNOWLEDGE / overlay.name).read_bytes()


# --- each case, each way of giving the folder ------------------------------------------------------


@pytest.mark.parametrize("how", sorted(INVOCATIONS))
def test_broken_folder_gives_one_line_naming_file_entry_and_field(run, case: str, broken: Path, how: str) -> None:
    line = one_error_line(invoke(run, broken, how))
    expect = CASES[case]
    message = line[len("Error: "):]
    assert message.startswith(f"{expect.file}: "), line
    for needle in expect.where + expect.what:
        assert needle in line, (needle, line)


def test_cross_reference_cases_report_exactly_one_problem(run, case: str, broken: Path) -> None:
    """The overlays are cut so that the case's problem is the only one, not merely the first."""
    line = one_error_line(run("kb", "validate", str(broken)))
    assert "more broken reference" not in line
    assert "more problem" not in line


def test_missing_file_names_the_folder(run, broken_kb: Callable[[str], Path]) -> None:
    folder = broken_kb("missing-file")
    line = one_error_line(run("kb", "validate", str(folder)))
    assert line == f"Error: law.yaml: missing from the knowledge folder {folder}."


def test_broken_folder_is_not_copied_by_kb_init(run, broken: Path, tmp_path: Path) -> None:
    target = tmp_path / "copy"
    line = one_error_line(run("kb", "init", str(target), "--kb", str(broken)))
    assert CASES[broken.name].file in line
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [broken.name]


def test_broken_folder_stays_broken_on_a_second_run(run, case: str, broken: Path) -> None:
    """A failed load caches nothing that a later command could pick up."""
    first = one_error_line(run("interventions", "--kb", str(broken)))
    second = one_error_line(run("interventions", "--kb", str(broken)))
    assert first == second


def test_broken_folder_does_not_affect_the_bundled_knowledge(run, broken_kb: Callable[[str], Path]) -> None:
    broken = broken_kb("unknown-law")
    one_error_line(run("interventions", "--kb", str(broken)))
    result = run("interventions", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""


# --- a path that is not a knowledge folder -----------------------------------------------------------


@pytest.mark.parametrize("how", sorted(INVOCATIONS))
def test_nonexistent_path(run, tmp_path: Path, how: str) -> None:
    missing = tmp_path / "no-such-folder"
    line = one_error_line(invoke(run, missing, how))
    named = " (from VOLD_KB)" if how.startswith("VOLD_KB") else ""
    assert line.startswith(f"Error: Knowledge folder {missing}{named} does not exist.")
    assert not missing.exists()


@pytest.mark.parametrize("how", ["kb validate PATH", "interventions --kb", "VOLD_KB interventions"])
def test_path_that_is_a_file(run, tmp_path: Path, how: str) -> None:
    plain = tmp_path / "meta.yaml"
    plain.write_bytes((KNOWLEDGE / "meta.yaml").read_bytes())
    line = one_error_line(invoke(run, plain, how))
    named = " (from VOLD_KB)" if how.startswith("VOLD_KB") else ""
    assert line.startswith(f"Error: Knowledge folder {plain}{named} is not a folder.")


def test_empty_folder_names_the_first_missing_file(run, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    line = one_error_line(run("kb", "validate", str(empty)))
    assert line == f"Error: meta.yaml: missing from the knowledge folder {empty}."


def test_knowledge_file_that_is_a_folder(run, kb_copy: Path) -> None:
    (kb_copy / "law.yaml").unlink()
    (kb_copy / "law.yaml").mkdir()
    line = one_error_line(run("kb", "validate", str(kb_copy)))
    assert line.startswith("Error: law.yaml: is a folder, not a file")


# --- more problems, built from a copy of the bundled knowledge -----------------------------------------


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_empty_file(run, kb_copy: Path) -> None:
    (kb_copy / "phases.yaml").write_text("# nothing here\n", encoding="utf-8")
    assert one_error_line(run("kb", "validate", str(kb_copy))) == "Error: phases.yaml: the file is empty."


def test_top_level_list(run, kb_copy: Path) -> None:
    (kb_copy / "benchmarks.yaml").write_text("- a\n- b\n", encoding="utf-8")
    line = one_error_line(run("kb", "validate", str(kb_copy)))
    assert line.startswith("Error: benchmarks.yaml: top level must be a mapping")


def test_alias_is_refused(run, kb_copy: Path) -> None:
    _edit(kb_copy / "benchmarks.yaml", "  - id: shelter-family-places\n", "  - id: &x shelter-family-places\n")
    text = (kb_copy / "benchmarks.yaml").read_text(encoding="utf-8")
    (kb_copy / "benchmarks.yaml").write_text(text + "extra: *x\n", encoding="utf-8")
    line = one_error_line(run("kb", "validate", str(kb_copy)))
    assert line.startswith("Error: benchmarks.yaml: line ")
    assert "anchors and aliases" in line


def test_python_tag_is_refused(run, kb_copy: Path) -> None:
    _edit(kb_copy / "meta.yaml", 'publisher: "Socialstyrelsen"', "publisher: !!python/object/apply:os.system ['true']")
    line = one_error_line(run("kb", "validate", str(kb_copy)))
    assert line.startswith("Error: meta.yaml: line ")
    assert "tags that build objects are not allowed" in line


def test_initiative_naming_unknown_intervention(run, kb_copy: Path) -> None:
    _edit(kb_copy / "initiatives.yaml", "interventions: [intervention-centre]", "interventions: [intervention-center]")
    line = one_error_line(run("kb", "validate", str(kb_copy)))
    assert line.startswith("Error: initiatives.yaml: initiatives (id 'intervention-centre-east-jutland'): "
                           "interventions: unknown intervention 'intervention-center'.")
    assert "more broken" not in line


def test_duplicate_id_across_files(run, kb_copy: Path) -> None:
    _edit(kb_copy / "benchmarks.yaml", "  - id: shelter-family-places", "  - id: safe-dates")
    line = one_error_line(run("kb", "validate", str(kb_copy)))
    assert line.startswith("Error: benchmarks.yaml: benchmarks[0]: id 'safe-dates' is already used at interventions.yaml")


def test_municipal_sum_mismatch(run, kb_copy: Path) -> None:
    import re

    path = kb_copy / "municipalities.yaml"
    text = path.read_text(encoding="utf-8")
    match = re.search(r"municipal_sum: (\d+)", text)
    assert match
    path.write_text(text.replace(match.group(0), f"municipal_sum: {int(match.group(1)) + 1}", 1), encoding="utf-8")
    line = one_error_line(run("kb", "validate", str(kb_copy)))
    assert line.startswith("Error: municipalities.yaml: years (year ")
    assert "municipal_sum" in line


def test_level_removed_from_evidence_scale_blames_evidence_yaml(run, kb_copy: Path) -> None:
    path = kb_copy / "evidence.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("  - id: not-recommended\n")], encoding="utf-8")
    line = one_error_line(run("kb", "validate", str(kb_copy)))
    assert line.startswith("Error: evidence.yaml: "), line
    assert "not-recommended" in line
