"""A --kb folder reads only its own files: a symbolic link that leads outside the folder is refused with one
line (issue 17, item 7: links to /etc/passwd and /proc/self/environ used to be read and parsed)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from vold_cli.errors import KnowledgeError
from vold_cli.kb.loader import load

KNOWLEDGE = Path(__file__).resolve().parents[1] / "knowledge"


def link(folder: Path, name: str, target: str | Path) -> None:
    (folder / name).unlink()
    (folder / name).symlink_to(target)


def refused(run, folder: Path, name: str) -> None:
    for args in (["kb", "validate", str(folder)], ["interventions", "--kb", str(folder)]):
        result = run(*args)
        assert result.exit_code == 1, args
        assert result.stdout == ""
        assert result.stderr.count("\n") == 1, result.stderr
        assert result.stderr.startswith(f"Error: {name}: is a symbolic link that leads outside the knowledge "
                                        f"folder {folder}; vold reads only the folder's own files."), result.stderr


@pytest.mark.parametrize("target", ["/etc/passwd", "/proc/self/environ", "/dev/zero", "/nonexistent/file.yaml"])
def test_a_link_to_a_system_file_is_refused(run, kb_copy: Path, target: str) -> None:
    link(kb_copy, "meta.yaml", target)
    refused(run, kb_copy, "meta.yaml")


def test_a_link_to_a_valid_file_outside_is_refused(run, kb_copy: Path, tmp_path: Path) -> None:
    """Even a correct knowledge file: the folder is what was asked for, nothing beside it."""
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    shutil.copy(KNOWLEDGE / "law.yaml", outside / "law.yaml")
    link(kb_copy, "law.yaml", outside / "law.yaml")
    refused(run, kb_copy, "law.yaml")
    with pytest.raises(KnowledgeError, match=r"^law\.yaml: is a symbolic link that leads outside"):
        load(kb_copy)


def test_a_relative_link_climbing_out_is_refused(run, kb_copy: Path, tmp_path: Path) -> None:
    shutil.copy(KNOWLEDGE / "economy.yaml", tmp_path / "economy.yaml")
    link(kb_copy, "economy.yaml", "../economy.yaml")
    refused(run, kb_copy, "economy.yaml")


def test_a_link_through_a_linked_subfolder_is_refused(run, kb_copy: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    shutil.copy(KNOWLEDGE / "meta.yaml", outside / "meta.yaml")
    (kb_copy / "sub").symlink_to(outside)
    link(kb_copy, "meta.yaml", "sub/meta.yaml")
    refused(run, kb_copy, "meta.yaml")


def test_a_link_inside_the_folder_is_read(run, kb_copy: Path) -> None:
    (kb_copy / "versions").mkdir()
    shutil.move(kb_copy / "law.yaml", kb_copy / "versions" / "law-2024.yaml")
    (kb_copy / "law.yaml").symlink_to("versions/law-2024.yaml")
    result = run("law", "109", "--kb", str(kb_copy))
    assert result.exit_code == 0 and result.stderr == "" and "§ 109" in result.stdout


def test_the_folder_itself_may_be_a_link(run, kb_copy: Path, tmp_path: Path) -> None:
    (tmp_path / "my-kb").symlink_to(kb_copy)
    result = run("kb", "validate", str(tmp_path / "my-kb"), "--format", "json")
    assert result.exit_code == 0, result.stderr


def test_a_link_to_a_file_outside_never_reaches_the_output(run, kb_copy: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("title: TOPSECRET-42\n", encoding="utf-8")
    link(kb_copy, "definition.yaml", secret)
    result = run("kb", "validate", str(kb_copy))
    assert "TOPSECRET" not in result.stdout + result.stderr
    assert os.path.islink(kb_copy / "definition.yaml")
