"""`report -o` and `kb init` write only over regular files and never replace what appears meanwhile."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from vold_cli.errors import OutputError
from vold_cli.kb.sections import SECTIONS
from vold_cli.output import files

ROOT = Path(__file__).resolve().parents[1]


def _make(kind: str, path: Path):
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "socket":
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.bind(str(path))
        return sock
    elif kind == "folder":
        path.mkdir()
        (path / "mine.txt").write_text("mine\n", encoding="utf-8")
    elif kind == "link-to-fifo":
        os.mkfifo(path.with_name("fifo"))
        path.symlink_to(path.with_name("fifo"))
    elif kind == "link-to-device":
        path.symlink_to("/dev/null")  # only a link: vold must refuse it; /dev/null itself is never touched
    return None


@pytest.mark.parametrize("kind", ["fifo", "socket", "folder", "link-to-fifo", "link-to-device"])
def test_report_force_refuses_special_files(run, tmp_path: Path, kind: str) -> None:
    target = tmp_path / "plan.md"
    sock = _make(kind, target)
    before = os.lstat(target)
    try:
        result = run("report", "--population", "43000", "-o", str(target), "--force")
    finally:
        if sock is not None:
            sock.close()
    assert result.exit_code == 1, result.stderr
    assert result.stderr.startswith("Error: Cannot write") and result.stderr.count("\n") == 1
    after = os.lstat(target)
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)  # left as it was
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no temporary file left


def test_a_character_device_is_refused_by_the_check_itself() -> None:
    """As root, `-o /dev/null --force` would replace /dev/null: the check refuses S_ISCHR (stat only)."""
    assert str(files.special_kind(stat.S_IFCHR | 0o666)) == "a character device"
    assert str(files.special_kind(stat.S_IFBLK | 0o660)) == "a block device"
    assert files.special_kind(stat.S_IFREG | 0o644) is None
    with pytest.raises(OutputError, match="character device"):
        files.refuse_existing(Path("/dev/null"), force=True)


def test_force_replaces_a_regular_file_and_a_link_to_one(tmp_path: Path) -> None:
    (tmp_path / "real.md").write_text("old\n", encoding="utf-8")
    (tmp_path / "link.md").symlink_to(tmp_path / "real.md")
    files.write_text_atomic(tmp_path / "real.md", "new\n", force=True)
    files.write_text_atomic(tmp_path / "link.md", "new\n", force=True)
    assert (tmp_path / "real.md").read_text(encoding="utf-8") == "new\n"


def test_dash_is_stdout_and_empty_is_a_usage_error(run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("report", "--population", "43000", "-o", "-")
    assert result.exit_code == 0 and result.stdout.startswith("# ") and not (tmp_path / "-").exists()
    for args in (["report", "--population", "43000", "-o", ""], ["kb", "init", ""]):
        result = run(*args)
        assert result.exit_code == 2, result.stderr
        assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args,made", [(["report", "--population", "43000", "-o", "plan.md"], "plan.md"),
                                       (["kb", "init", "copy"], "copy")])
def test_writing_to_a_file_works_with_stdout_closed(tmp_path: Path, args: list[str], made: str) -> None:
    proc = subprocess.run([sys.executable, "-m", "vold_cli", *args], cwd=tmp_path, stderr=subprocess.PIPE,
                          preexec_fn=lambda: os.close(1), timeout=30,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src"), "VOLD_NO_CACHE": "1"})
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / made).exists()
    if made == "plan.md":
        assert (tmp_path / made).read_text(encoding="utf-8").startswith("# ")


@pytest.mark.parametrize("protocol", ["renameat2", "mkdir"])
def test_kb_init_never_replaces_an_empty_folder_made_meanwhile(run, tmp_path: Path, monkeypatch,
                                                               protocol: str) -> None:
    target = tmp_path / "kb"
    real_mkdtemp = tempfile.mkdtemp

    def racing_mkdtemp(*args, **kwargs):
        target.mkdir(mode=0o751)
        os.chmod(target, 0o751)
        return real_mkdtemp(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkdtemp", racing_mkdtemp)
    if protocol == "mkdir":
        monkeypatch.setattr(files, "_renameat2", lambda source, dest: False)
    result = run("kb", "init", str(target))
    assert result.exit_code == 1, result.stderr
    assert "it appeared while the copy was made" in result.stderr and result.stderr.count("\n") == 1
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o751 and list(target.iterdir()) == []
    assert [p.name for p in tmp_path.iterdir()] == ["kb"]  # no staging folder left


def test_kb_init_fallback_protocol_makes_a_complete_copy(run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(files, "_renameat2", lambda source, dest: False)
    result = run("kb", "init", str(tmp_path / "kb"))
    assert result.exit_code == 0, result.stderr
    assert len(list((tmp_path / "kb").glob("*.yaml"))) == len(SECTIONS) and [p.name for p in tmp_path.iterdir()] == ["kb"]


def test_unreadable_kb_folder_exits_1(run, tmp_path: Path, kb_copy: Path, monkeypatch) -> None:
    """A folder whose files cannot be read (as root every mode reads, so the refusal is simulated)."""
    import errno
    import os

    real_open = os.open

    def denied(path, *args, **kwargs):  # the loader opens knowledge files with os.open (O_NOFOLLOW)
        if str(path).startswith(str(kb_copy)):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)
    result = run("interventions", "--kb", str(kb_copy))
    assert result.exit_code == 1 and "Permission denied" in result.stderr and result.stderr.count("\n") == 1
