"""`vold kb validate|info|init`, and `--kb PATH` / VOLD_KB choosing another knowledge folder."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from vold_cli.kb.sections import REGISTRY, SECTIONS

KNOWLEDGE = Path(__file__).resolve().parents[1] / "knowledge"
EDITED_NAME = "Women's crisis centres (edited locally)"


def ok(result) -> str:
    assert result.exit_code == 0, (result.exit_code, result.stdout, result.stderr)
    assert result.stderr == ""
    return result.stdout


def one_error_line(result) -> str:
    assert result.exit_code == 1, (result.exit_code, result.stdout, result.stderr)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    return lines[0]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (relative name -> bytes), to prove nothing changed."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def edit_name(folder: Path) -> None:
    path = folder / "interventions.yaml"
    text = path.read_text(encoding="utf-8")
    old = 'en: "Women\'s crisis centres"}'
    assert text.count(old) == 1
    path.write_text(text.replace(old, f'en: "{EDITED_NAME}"}}'), encoding="utf-8")


@pytest.fixture
def edited(kb_copy: Path) -> Path:
    """A valid copy of the bundled knowledge with one English name changed."""
    edit_name(kb_copy)
    return kb_copy


def intervention_name(run, *args: str, env: dict[str, str] | None = None) -> str:
    out = ok(run("interventions", "womens-crisis-centres", "--format", "json", *args, env=env))
    return json.loads(out)["name"]


# --- kb validate -----------------------------------------------------------------------------------


def test_validate_bundled(run) -> None:
    out = ok(run("kb", "validate"))
    assert f"Valid: {KNOWLEDGE} ({len(SECTIONS)} files," in out
    for section in REGISTRY:
        assert f"{section.stem}.yaml" in out and section.title.en in out


def test_validate_bundled_json(run) -> None:
    data = json.loads(ok(run("kb", "validate", "--format", "json")))
    assert data["valid"] is True
    assert data["location"] == str(KNOWLEDGE)
    assert list(data["counts"]) == list(SECTIONS)
    assert data["counts"]["interventions"]["interventions"] == 15


def test_validate_explicit_path(run) -> None:
    out = ok(run("kb", "validate", str(KNOWLEDGE)))
    assert f"Valid: {KNOWLEDGE} ({len(SECTIONS)} files," in out


def test_validate_copy_by_path_kb_and_env(run, edited: Path) -> None:
    for args, env in [
        (("kb", "validate", str(edited), "--format", "json"), None),
        (("kb", "validate", "--kb", str(edited), "--format", "json"), None),
        (("--kb", str(edited), "kb", "validate", "--format", "json"), None),
        (("kb", "validate", "--format", "json"), {"VOLD_KB": str(edited)}),
    ]:
        data = json.loads(ok(run(*args, env=env)))
        assert data["valid"] is True
        assert data["location"] == str(edited.resolve()), args


def test_validate_path_argument_wins_over_kb_and_env(run, edited: Path, tmp_path: Path) -> None:
    missing = tmp_path / "missing"
    data = json.loads(ok(run("kb", "validate", str(edited), "--kb", str(missing), "--format", "json",
                             env={"VOLD_KB": str(missing)})))
    assert data["location"] == str(edited.resolve())


def test_validate_in_danish(run) -> None:
    assert ok(run("kb", "validate", "--lang", "da")).startswith(f"Gyldig: {KNOWLEDGE}")


def test_validate_does_not_use_the_cache(run, edited: Path, monkeypatch: pytest.MonkeyPatch,
                                         tmp_path: Path) -> None:
    """`kb validate` always validates: it neither reads nor writes the cache."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("VOLD_CACHE_DIR", str(cache))
    ok(run("kb", "validate", str(edited)))
    assert not cache.exists() or not any(cache.iterdir())


# --- kb info ---------------------------------------------------------------------------------------


def test_info_table(run) -> None:
    out = ok(run("kb", "info"))
    flat = " ".join(out.split())
    assert out.startswith("Adults living with violence in close relationships\n")
    # the note as published (SOURCES.md: title, subtitle, authors, first version, ISBN)
    assert "Title (as published) Voksne, som lever med vold i nære relationer. Sociale indsatser, der virker" in flat
    assert "Authors Kirstina Stenager and Gràinne Stevenson, Socialstyrelsen" in flat
    assert "First version First version: autumn 2013." in flat
    assert "ISBN 978-87-92905-93-2 (digital: 978-87-92905-94-9)" in flat
    assert "Publisher Socialstyrelsen" in flat
    assert "Year 2013" in flat
    assert "Edition The 2013 edition" in flat
    assert "Knowledge base version 1.0.0" in flat
    assert f"Loaded from {KNOWLEDGE} (the repository's knowledge/)" in flat
    for stem in SECTIONS:
        assert f"{stem}.yaml" in out
    flat_out = " ".join(out.replace("│", " ").split())
    for count in ("15 interventions", "98 municipalities", "8 initiatives", "6 acts, 10 legal references",
                  "5 levels", "3 phases", "9 target groups", "1 benchmarks"):
        assert count in flat_out, count


def test_info_json(run) -> None:
    data = json.loads(ok(run("kb", "info", "--format", "json")))
    assert data["title"] == "Adults living with violence in close relationships"
    assert data["citation"] == {"title": "Voksne, som lever med vold i nære relationer",
                                "subtitle": "Sociale indsatser, der virker",
                                "tagline": "Aktuel viden til udvikling og planlægning af den kommunale indsats",
                                "authors": ["Kirstina Stenager", "Gràinne Stevenson"], "affiliation": "Socialstyrelsen",
                                "isbn": "978-87-92905-93-2", "isbn_digital": "978-87-92905-94-9",
                                "first_version": "First version: autumn 2013."}
    assert data["publisher"] == "Socialstyrelsen"
    assert data["year"] == 2013
    assert data["edition"].startswith("The 2013 edition")
    assert data["knowledge_base_version"] == "1.0.0"
    assert data["location"] == str(KNOWLEDGE)
    assert data["origin"] == "repository"
    assert list(data["counts"]) == list(SECTIONS)
    assert data["counts"]["interventions"] == {"statements": 3, "interventions": 15, "not_in_note": 1}
    assert data["counts"]["municipalities"] == {"years": 4, "municipalities": 98}
    assert data["counts"]["initiatives"] == {"initiatives": 8, "since_note": 5}
    assert data["counts"]["law"] == {"acts": 6, "entries": 10, "duties": 5, "no_right_found": 2}


def test_info_json_counts_match_the_data(run, knowledge) -> None:
    data = json.loads(ok(run("kb", "info", "--format", "json")))
    for stem, parts in data["counts"].items():
        for key, n in parts.items():
            assert len(knowledge.data[stem][key]) == n, (stem, key)


def test_info_in_danish(run) -> None:
    data = json.loads(ok(run("kb", "info", "--format", "json", "--lang", "da")))
    assert data["title"] == "Voksne, som lever med vold i nære relationer"  # the published title (not "der lever")
    assert data["edition"].startswith("Udgaven fra 2013")
    flat = " ".join(ok(run("kb", "info", "--lang", "da")).split())
    assert "Udgiver Socialstyrelsen" in flat
    assert "År 2013" in flat
    # where it was loaded from, in Danish too (it said "(bundled)" / "(repository)" in Danish output)
    assert f"Indlæst fra {KNOWLEDGE} (repositoriets knowledge/)" in flat
    from vold_cli.views.kbinfo import _origin

    assert _origin("bundled", "da") == "medfølgende" and _origin("bundled", "en") == "bundled"
    assert _origin("--kb", "da") == "--kb"


def test_info_csv_and_markdown(run) -> None:
    csv_out = ok(run("kb", "info", "--format", "csv"))
    assert csv_out.splitlines()[0].startswith("file,")
    assert "interventions.yaml" in csv_out
    md = ok(run("kb", "info", "--format", "markdown"))
    assert "Socialstyrelsen" in md and "2013" in md


@pytest.mark.parametrize("how", ["--kb", "vold --kb", "VOLD_KB"])
def test_info_reports_where_it_was_loaded_from(run, edited: Path, how: str) -> None:
    if how == "--kb":
        result = run("kb", "info", "--kb", str(edited), "--format", "json")
    elif how == "vold --kb":
        result = run("--kb", str(edited), "kb", "info", "--format", "json")
    else:
        result = run("kb", "info", "--format", "json", env={"VOLD_KB": str(edited)})
    data = json.loads(ok(result))
    assert data["location"] == str(edited.resolve())
    assert data["origin"] == ("VOLD_KB" if how == "VOLD_KB" else "--kb")


def test_info_relative_kb_is_reported_absolute(run, edited: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(edited.parent)
    data = json.loads(ok(run("kb", "info", "--kb", edited.name, "--format", "json")))
    assert data["location"] == str(edited.resolve())


# --- kb init ---------------------------------------------------------------------------------------


def test_init_writes_every_file_of_the_registry(run, tmp_path: Path) -> None:
    target = tmp_path / "my-knowledge"
    out = ok(run("kb", "init", str(target)))
    assert out.startswith(f"Wrote {len(SECTIONS)} files to {target}.")
    assert f"vold kb validate {target}" in out
    assert sorted(p.name for p in target.iterdir()) == sorted(f"{s}.yaml" for s in SECTIONS)
    for stem in SECTIONS:
        assert (target / f"{stem}.yaml").read_bytes() == (KNOWLEDGE / f"{stem}.yaml").read_bytes(), stem
    assert sorted(p.name for p in tmp_path.iterdir()) == ["my-knowledge"]  # no staging folder left


def test_init_copy_validates(run, tmp_path: Path) -> None:
    target = tmp_path / "my-knowledge"
    ok(run("kb", "init", str(target)))
    data = json.loads(ok(run("kb", "validate", str(target), "--format", "json")))
    assert data["valid"] is True
    assert data["location"] == str(target.resolve())
    bundled = json.loads(ok(run("kb", "validate", "--format", "json")))
    assert data["counts"] == bundled["counts"]


def test_init_copy_is_usable_with_kb(run, tmp_path: Path) -> None:
    target = tmp_path / "my-knowledge"
    ok(run("kb", "init", str(target)))
    edit_name(target)
    assert intervention_name(run, "--kb", str(target)) == EDITED_NAME


def test_init_relative_dir(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    ok(run("kb", "init", "rel"))
    assert len(list((tmp_path / "rel").iterdir())) == len(SECTIONS)


def test_init_copies_the_chosen_folder(run, edited: Path, tmp_path: Path) -> None:
    target = tmp_path / "from-edited"
    ok(run("kb", "init", str(target), "--kb", str(edited)))
    assert snapshot(target) == snapshot(edited)
    assert intervention_name(run, "--kb", str(target)) == EDITED_NAME


def test_init_copies_the_vold_kb_folder(run, edited: Path, tmp_path: Path) -> None:
    target = tmp_path / "from-env"
    ok(run("kb", "init", str(target), env={"VOLD_KB": str(edited)}))
    assert snapshot(target) == snapshot(edited)


def test_init_refuses_existing_folder(run, kb_copy: Path) -> None:
    (kb_copy / "notes.txt").write_text("mine\n", encoding="utf-8")
    before = snapshot(kb_copy)
    siblings = sorted(p.name for p in kb_copy.parent.iterdir())
    line = one_error_line(run("kb", "init", str(kb_copy)))
    assert line.startswith(f"Error: {kb_copy} already exists.")
    assert snapshot(kb_copy) == before
    assert sorted(p.name for p in kb_copy.parent.iterdir()) == siblings


def test_init_refuses_existing_empty_folder(run, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    line = one_error_line(run("kb", "init", str(empty)))
    assert line.startswith(f"Error: {empty} already exists.")
    assert list(empty.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty"]


def test_init_refuses_existing_file(run, tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.write_text("keep\n", encoding="utf-8")
    line = one_error_line(run("kb", "init", str(plain)))
    assert line.startswith(f"Error: {plain} already exists.")
    assert plain.read_text(encoding="utf-8") == "keep\n"


def test_init_refuses_dangling_symlink(run, tmp_path: Path) -> None:
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "nowhere")
    one_error_line(run("kb", "init", str(link)))
    assert link.is_symlink() and not (tmp_path / "nowhere").exists()


def test_init_missing_parent(run, tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "place"
    line = one_error_line(run("kb", "init", str(target)))
    assert "does not exist" in line
    assert list(tmp_path.iterdir()) == []


def test_init_needs_dir(run) -> None:
    result = run("kb", "init")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ")
    assert len(result.stderr.splitlines()) == 1


# --- --kb and VOLD_KB -------------------------------------------------------------------------------


def test_bundled_name_is_unchanged(run) -> None:
    assert intervention_name(run) == "Women's crisis centres"


def test_kb_option_uses_the_folder(run, edited: Path) -> None:
    assert intervention_name(run, "--kb", str(edited)) == EDITED_NAME


def test_root_kb_option_uses_the_folder(run, edited: Path) -> None:
    out = ok(run("--kb", str(edited), "interventions", "womens-crisis-centres", "--format", "json"))
    assert json.loads(out)["name"] == EDITED_NAME


def test_vold_kb_uses_the_folder(run, edited: Path) -> None:
    assert intervention_name(run, env={"VOLD_KB": str(edited)}) == EDITED_NAME


def test_kb_option_wins_over_vold_kb(run, edited: Path, tmp_path: Path) -> None:
    assert intervention_name(run, "--kb", str(edited), env={"VOLD_KB": str(tmp_path / "missing")}) == EDITED_NAME
    assert intervention_name(run, "--kb", str(KNOWLEDGE), env={"VOLD_KB": str(edited)}) == "Women's crisis centres"


def test_empty_vold_kb_means_bundled(run) -> None:
    assert intervention_name(run, env={"VOLD_KB": ""}) == "Women's crisis centres"


def test_edited_text_shows_in_lists_and_search(run, edited: Path) -> None:
    listing = json.loads(ok(run("interventions", "--kb", str(edited), "--format", "json")))
    assert EDITED_NAME in [item["name"] for item in listing]
    found = json.loads(ok(run("interventions", "--search", "edited locally", "--kb", str(edited), "--format", "json")))
    assert [item["id"] for item in found] == ["womens-crisis-centres"]
    result = run("interventions", "--search", "edited locally", "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout) == []  # not in the bundled knowledge


def test_kb_edit_after_first_use_shows(run, edited: Path) -> None:
    """A second edit of the same folder shows at once (the cache follows the files)."""
    assert intervention_name(run, "--kb", str(edited)) == EDITED_NAME
    path = edited / "interventions.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(EDITED_NAME, "Shelters"), encoding="utf-8")
    assert intervention_name(run, "--kb", str(edited)) == "Shelters"


def test_kb_with_a_removed_intervention(run, kb_copy: Path) -> None:
    """A smaller valid folder: the commands see only what it holds."""
    path = kb_copy / "interventions.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: anger-management\n")
    end = text.index("  - id: womens-crisis-centres\n")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    ok(run("kb", "validate", str(kb_copy)))
    ids = [i["id"] for i in json.loads(ok(run("interventions", "--kb", str(kb_copy), "--format", "json")))]
    assert "anger-management" not in ids and len(ids) == 14
    line = one_error_line(run("interventions", "anger-management", "--kb", str(kb_copy)))
    assert "anger-management" in line


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_unreadable_file(run, kb_copy: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads everything")
    (kb_copy / "law.yaml").chmod(0)
    line = one_error_line(run("kb", "validate", str(kb_copy)))
    assert line.startswith("Error: law.yaml: cannot be read")
