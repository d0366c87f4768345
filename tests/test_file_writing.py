"""Files vold writes (`kb init DIR`, `report -o FILE`): never over something that exists unless asked
(`--force`), always atomically (a reader sees the old file or the new one, never half of one, and a failure
leaves nothing behind), and a clear one-line error for places that cannot be written.

The tests run as root, for whom permission bits do not stop writing; where a test needs an unwritable
folder it either uses a place the kernel refuses even to root (/proc, /sys) or simulates the refusal by
patching os.access, and says so.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
KNOWLEDGE = ROOT / "knowledge"


def _snapshot(folder: Path) -> dict[str, bytes | str]:
    """Everything under `folder` (names, file bytes, link targets), to show that nothing changed."""
    out: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        if path.is_symlink():
            out[key] = f"-> {os.readlink(path)}"
        elif path.is_file():
            out[key] = path.read_bytes()
        else:
            out[key] = "<dir>"
    return out


def _umasked(mode: int) -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mode & ~mask


def _one_error(result, *needles: str) -> str:
    err = result.stderr
    assert err.startswith("Error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err and "internal error" not in err, err
    for needle in needles:
        assert needle in err, (needle, err)
    return err


# --- kb init ------------------------------------------------------------------------------------------


def test_kb_init_writes_a_complete_copy(run, tmp_path: Path) -> None:
    target = tmp_path / "my-knowledge"
    result = run("kb", "init", str(target))
    assert result.exit_code == 0, result.stderr
    assert {p.name for p in target.iterdir()} == {p.name for p in KNOWLEDGE.glob("*.yaml")}
    for path in KNOWLEDGE.glob("*.yaml"):
        assert (target / path.name).read_bytes() == path.read_bytes()
    assert stat.S_IMODE(target.stat().st_mode) == _umasked(0o777)  # not mkdtemp's private 0700
    assert [p.name for p in tmp_path.iterdir()] == ["my-knowledge"]  # no staging folder left
    assert run("kb", "validate", str(target)).exit_code == 0


def test_kb_init_copies_the_folder_given_with_kb(run, kb_copy: Path, tmp_path: Path) -> None:
    law = kb_copy / "law.yaml"
    law.write_text(law.read_text(encoding="utf-8") + "# edited locally\n", encoding="utf-8")
    target = tmp_path / "copy"
    assert run("kb", "init", str(target), "--kb", str(kb_copy)).exit_code == 0
    assert (target / "law.yaml").read_bytes() == law.read_bytes()


@pytest.mark.parametrize("what", ["empty-folder", "full-folder", "file", "dangling-symlink", "symlink-to-folder"])
def test_kb_init_never_touches_what_exists(run, tmp_path: Path, what: str) -> None:
    target = tmp_path / "existing"
    if what == "empty-folder":
        target.mkdir()
    elif what == "full-folder":
        target.mkdir()
        (target / "law.yaml").write_text("mine\n", encoding="utf-8")
    elif what == "file":
        target.write_text("mine\n", encoding="utf-8")
    elif what == "dangling-symlink":
        target.symlink_to(tmp_path / "nowhere")
    else:
        (tmp_path / "real").mkdir()
        (tmp_path / "real" / "notes.txt").write_text("mine\n", encoding="utf-8")
        target.symlink_to(tmp_path / "real")
    before = _snapshot(tmp_path)
    result = run("kb", "init", str(target))
    assert result.exit_code == 1
    _one_error(result, str(target), "already exists")
    assert _snapshot(tmp_path) == before


def test_kb_init_into_a_missing_folder(run, tmp_path: Path) -> None:
    result = run("kb", "init", str(tmp_path / "no" / "such" / "kb"))
    assert result.exit_code == 1
    _one_error(result, "does not exist")
    assert list(tmp_path.iterdir()) == []


def test_kb_init_below_a_file(run, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    result = run("kb", "init", str(tmp_path / "file" / "kb"))
    assert result.exit_code == 1
    _one_error(result, "is not a folder")


def test_kb_init_into_an_unwritable_folder(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Simulated: root may write anywhere, so os.access is made to answer as it would for a normal user."""
    locked = tmp_path / "locked"
    locked.mkdir()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: False if Path(path) == locked
                        else real_access(path, mode, **kw))
    result = run("kb", "init", str(locked / "kb"))
    assert result.exit_code == 1
    _one_error(result, "is not writable")
    assert list(locked.iterdir()) == []


@pytest.mark.parametrize("place", ["/proc", "/sys"])
def test_kb_init_where_even_root_cannot_write(run, place: str) -> None:
    if not os.path.isdir(place):
        pytest.skip(f"no {place} here")
    target = f"{place}/vold-test-kb"
    result = run("kb", "init", target)
    assert result.exit_code == 1
    _one_error(result, f"Cannot write {target}")
    assert not os.path.exists(target)


@pytest.mark.parametrize("failure", [OSError(errno.ENOSPC, "No space left on device"), KeyboardInterrupt()],
                         ids=["disk-full", "ctrl-c"])
def test_kb_init_failing_midway_leaves_nothing(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               failure: BaseException) -> None:
    """The copy is made in a hidden staging folder and renamed into place: a failure after some files
    leaves neither the target nor the staging folder."""
    real_write_bytes = Path.write_bytes
    written: list[str] = []

    def failing_write_bytes(self: Path, data: bytes) -> int:
        if len(written) == 5:
            raise failure
        written.append(self.name)
        return real_write_bytes(self, data)

    monkeypatch.setattr(Path, "write_bytes", failing_write_bytes)
    result = run("kb", "init", str(tmp_path / "kb"))
    if isinstance(failure, KeyboardInterrupt):
        assert result.exit_code == 130 and "Error: Interrupted." in result.stderr
    else:
        assert result.exit_code == 1
        _one_error(result, f"Cannot write {tmp_path / 'kb'}", "No space left on device")
    assert list(tmp_path.iterdir()) == []


def test_kb_init_when_the_folder_appears_meanwhile(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Someone creates the folder (with a file in it) after vold looked: the rename fails, theirs stays."""
    target = tmp_path / "kb"
    real_mkdtemp = tempfile.mkdtemp

    def racing_mkdtemp(*args, **kwargs):
        target.mkdir()
        (target / "theirs.txt").write_text("theirs\n", encoding="utf-8")
        return real_mkdtemp(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkdtemp", racing_mkdtemp)
    result = run("kb", "init", str(target))
    assert result.exit_code == 1
    _one_error(result, f"Cannot write {target}")
    assert _snapshot(tmp_path) == {"kb": "<dir>", "kb/theirs.txt": b"theirs\n"}


# --- files.write_text_atomic: the one function every file vold writes goes through -----------------------


def test_write_new_file(tmp_path: Path) -> None:
    from vold_cli.output.files import write_text_atomic

    target = tmp_path / "plan.md"
    write_text_atomic(target, "æøå\n")
    assert target.read_bytes() == "æøå\n".encode()
    assert stat.S_IMODE(target.stat().st_mode) == _umasked(0o666)  # not mkstemp's private 0600
    assert [p.name for p in tmp_path.iterdir()] == ["plan.md"]


def test_write_refuses_existing_file(tmp_path: Path) -> None:
    from vold_cli.errors import OutputError
    from vold_cli.output.files import write_text_atomic

    target = tmp_path / "plan.md"
    target.write_text("mine\n", encoding="utf-8")
    with pytest.raises(OutputError, match="already exists"):
        write_text_atomic(target, "new\n")
    assert target.read_text(encoding="utf-8") == "mine\n"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.md"]


def test_write_with_force_replaces_in_one_step(tmp_path: Path) -> None:
    from vold_cli.output.files import write_text_atomic

    target = tmp_path / "plan.md"
    target.write_text("old\n", encoding="utf-8")
    old_inode = target.stat().st_ino
    write_text_atomic(target, "new\n", force=True)
    assert target.read_text(encoding="utf-8") == "new\n"
    assert target.stat().st_ino != old_inode  # a new file renamed over the old one, not rewritten in place
    assert [p.name for p in tmp_path.iterdir()] == ["plan.md"]


@pytest.mark.parametrize("force", [False, True])
def test_write_failing_midway_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 force: bool) -> None:
    from vold_cli.errors import OutputError
    from vold_cli.output.files import write_text_atomic

    target = tmp_path / ("plan.md" if force else "new.md")
    if force:
        target.write_text("old\n", encoding="utf-8")

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OutputError, match="No space left on device"):
        write_text_atomic(target, "new\n" * 1000, force=force)
    assert [p.name for p in tmp_path.iterdir()] == (["plan.md"] if force else [])
    if force:
        assert target.read_text(encoding="utf-8") == "old\n"


def test_write_when_the_file_appears_meanwhile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without --force nothing is replaced, even a file created after the check (hard link, not rename)."""
    from vold_cli.errors import OutputError
    from vold_cli.output.files import write_text_atomic

    target = tmp_path / "plan.md"
    real_mkstemp = tempfile.mkstemp

    def racing_mkstemp(*args, **kwargs):
        target.write_text("theirs\n", encoding="utf-8")
        return real_mkstemp(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", racing_mkstemp)
    with pytest.raises(OutputError, match="already exists"):
        write_text_atomic(target, "mine\n")
    assert target.read_text(encoding="utf-8") == "theirs\n"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.md"]


def test_write_over_a_symlink(tmp_path: Path) -> None:
    from vold_cli.errors import OutputError
    from vold_cli.output.files import write_text_atomic

    real = tmp_path / "real.md"
    real.write_text("real\n", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    with pytest.raises(OutputError, match="already exists"):
        write_text_atomic(link, "new\n")
    write_text_atomic(link, "new\n", force=True)  # replaces the link itself, never writes through it
    assert not link.is_symlink() and link.read_text(encoding="utf-8") == "new\n"
    assert real.read_text(encoding="utf-8") == "real\n"


def test_write_to_a_folder_or_a_missing_folder(tmp_path: Path) -> None:
    from vold_cli.errors import OutputError
    from vold_cli.output.files import write_text_atomic

    with pytest.raises(OutputError, match="it is a folder"):
        write_text_atomic(tmp_path, "x", force=True)
    with pytest.raises(OutputError, match="does not exist"):
        write_text_atomic(tmp_path / "no" / "plan.md", "x")
    assert list(tmp_path.iterdir()) == []


# --- report -o ---------------------------------------------------------------------------------------------


@pytest.fixture
def report(run):
    """`vold report`, or a skip while the command does not exist yet."""
    probe = run("report", "--help")
    if probe.exit_code == 2 and "No such command" in probe.stderr:
        pytest.skip("`vold report` is not there yet")
    assert probe.exit_code == 0, probe.stderr

    def invoke(*args: str):
        return run("report", "--population", "43000", *args)

    return invoke


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_report_writes_a_new_file(report, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"plan.{'md' if fmt == 'markdown' else 'html'}"
    result = report("--format", fmt, "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert str(target) in result.stderr
    assert target.stat().st_size > 1000
    assert stat.S_IMODE(target.stat().st_mode) == _umasked(0o666)
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_report_never_overwrites_without_force(report, tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    target.write_text("my notes\n", encoding="utf-8")
    result = report("-o", str(target))
    assert result.exit_code == 1
    _one_error(result, str(target), "already exists", "--force")
    assert target.read_text(encoding="utf-8") == "my notes\n"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.md"]


def test_report_overwrites_with_force(report, tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    target.write_text("my notes\n", encoding="utf-8")
    result = report("-o", str(target), "--force")
    assert result.exit_code == 0, result.stderr
    assert target.read_text(encoding="utf-8") != "my notes\n"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.md"]


@pytest.mark.parametrize("where,needle", [("missing", "does not exist"), ("folder", "it is a folder"),
                                          ("below-a-file", "is not a folder")])
def test_report_to_a_place_that_cannot_be_a_file(report, tmp_path: Path, where: str, needle: str) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    target = {"missing": tmp_path / "no" / "plan.md", "folder": tmp_path,
              "below-a-file": tmp_path / "file" / "plan.md"}[where]
    before = _snapshot(tmp_path)
    result = report("-o", str(target), "--force")
    assert result.exit_code == 1
    _one_error(result, needle)
    assert _snapshot(tmp_path) == before


def test_report_to_an_unwritable_folder(report, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Simulated for root (see the module docstring), and a real one in /proc where the kernel refuses."""
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: False if Path(path) == tmp_path
                        else real_access(path, mode, **kw))
    result = report("-o", str(tmp_path / "plan.md"))
    assert result.exit_code == 1
    _one_error(result, "is not writable")
    assert list(tmp_path.iterdir()) == []
    if os.path.isdir("/proc"):
        result = report("-o", "/proc/vold-plan.md")
        assert result.exit_code == 1
        _one_error(result, "Cannot write /proc/vold-plan.md")


@pytest.mark.parametrize("failure", [OSError(errno.ENOSPC, "No space left on device"), KeyboardInterrupt()],
                         ids=["disk-full", "ctrl-c"])
def test_report_failing_midway_keeps_the_old_file(report, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  failure: BaseException) -> None:
    target = tmp_path / "plan.md"
    target.write_text("my notes\n", encoding="utf-8")

    def failing_fsync(fd: int) -> None:
        raise failure

    monkeypatch.setattr(os, "fsync", failing_fsync)
    result = report("-o", str(target), "--force")
    if isinstance(failure, KeyboardInterrupt):
        assert result.exit_code == 130 and "Error: Interrupted." in result.stderr
    else:
        assert result.exit_code == 1
        _one_error(result, f"Cannot write {target}", "No space left on device")
    assert target.read_text(encoding="utf-8") == "my notes\n"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.md"]
