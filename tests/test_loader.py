"""The loader: which folder it loads, the per-user cache as the loader uses it (key = BLAKE2b of every file's
bytes and the schema; the cache's own rules are in test_cache.py), and the safe YAML parser under it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from vold_cli.errors import KnowledgeError
from vold_cli.kb import loader
from vold_cli.kb.loader import SECTIONS, load
from vold_cli.kb.yamlsafe import parse

KNOWLEDGE = Path(__file__).resolve().parents[1] / "knowledge"


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache of this test's own, so `cached` does not depend on other tests."""
    path = tmp_path / "cache"
    monkeypatch.setenv("VOLD_CACHE_DIR", str(path))
    return path


def replace_once(path: Path, old: bytes, new: bytes) -> None:
    blob = path.read_bytes()
    assert blob.count(old) == 1, old
    path.write_bytes(blob.replace(old, new))


# --- which folder ----------------------------------------------------------------------------------


def test_bundled_is_the_repository_folder_in_an_editable_install(cache_dir: Path) -> None:
    kb = load()
    assert kb.origin == "repository"
    assert kb.location == str(KNOWLEDGE)
    assert list(kb.data) == list(SECTIONS)


def test_explicit_path_is_origin_kb(kb_copy: Path, cache_dir: Path) -> None:
    kb = load(kb_copy)
    assert kb.origin == "--kb"
    assert kb.location == str(kb_copy.resolve())


def test_vold_kb_env(kb_copy: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VOLD_KB", str(kb_copy))
    kb = load()
    assert kb.origin == "VOLD_KB"
    assert kb.location == str(kb_copy.resolve())


def test_explicit_path_wins_over_vold_kb(cache_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("VOLD_KB", str(tmp_path / "missing"))
    assert load(KNOWLEDGE).location == str(KNOWLEDGE)


def test_empty_vold_kb_is_ignored(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VOLD_KB", "")
    assert load().origin == "repository"


def test_relative_path_is_resolved(kb_copy: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(kb_copy.parent)
    assert load(kb_copy.name).location == str(kb_copy.resolve())


def test_string_and_path_agree(kb_copy: Path, cache_dir: Path) -> None:
    assert load(str(kb_copy), use_cache=False).data == load(kb_copy, use_cache=False).data


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match=r"does not exist"):
        load(tmp_path / "nope")


def test_file_instead_of_folder(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.write_text("x", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"is not a folder"):
        load(plain)


def test_missing_file(kb_copy: Path, cache_dir: Path) -> None:
    (kb_copy / "economy.yaml").unlink()
    with pytest.raises(KnowledgeError, match=r"^economy\.yaml: missing from the knowledge folder"):
        load(kb_copy)


def test_file_larger_than_the_limit(kb_copy: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 20_000)
    with pytest.raises(KnowledgeError, match=r"bytes is larger than the limit of 20,000 bytes"):
        load(kb_copy)


def test_extra_files_in_the_folder_are_ignored(kb_copy: Path, cache_dir: Path) -> None:
    (kb_copy / "README.md").write_text("my notes\n", encoding="utf-8")
    (kb_copy / "draft.yaml").write_text("not: [valid\n", encoding="utf-8")
    assert load(kb_copy).data == load(KNOWLEDGE, use_cache=False).data


# --- the cache -------------------------------------------------------------------------------------


def test_second_load_is_cached(kb_copy: Path, cache_dir: Path) -> None:
    first = load(kb_copy)
    second = load(kb_copy)
    assert first.cached is False
    assert second.cached is True
    assert second.data == first.data
    assert second.location == first.location and second.origin == first.origin


def test_cached_data_equals_fresh_validation(cache_dir: Path) -> None:
    load(KNOWLEDGE)
    cached = load(KNOWLEDGE)
    assert cached.cached is True
    assert cached.data == load(KNOWLEDGE, use_cache=False).data


def test_cache_lives_in_vold_cache_dir(kb_copy: Path, cache_dir: Path) -> None:
    from vold_cli.kb import cache

    load(kb_copy)
    files = list(cache_dir.iterdir())
    raw = {stem: (kb_copy / f"{stem}.yaml").read_bytes() for stem in SECTIONS}
    key = cache.key_of(raw, cache.schema_fingerprint())
    assert [f.name for f in files] == [f"kb-{key}.json"] and len(key) == 64
    head, body = files[0].read_bytes().split(b"\n", 1)
    header = json.loads(head)
    assert header["key"] == key and header["schema"] == cache.schema_fingerprint()
    assert list(json.loads(body)) == list(SECTIONS)
    assert (files[0].stat().st_mode & 0o777) == 0o600


def test_xdg_cache_home(kb_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VOLD_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    load(kb_copy)
    assert load(kb_copy).cached is True
    assert len(list((tmp_path / "xdg" / "vold").glob("kb-*.json"))) == 1


def test_one_byte_more_invalidates(kb_copy: Path, cache_dir: Path) -> None:
    load(kb_copy)
    assert load(kb_copy).cached is True
    replace_once(kb_copy / "meta.yaml", b'publisher: "Socialstyrelsen"', b'publisher: "Socialstyrelsen!"')
    changed = load(kb_copy)
    assert changed.cached is False
    assert changed.data["meta"]["publisher"] == "Socialstyrelsen!"
    again = load(kb_copy)
    assert again.cached is True
    assert again.data["meta"]["publisher"] == "Socialstyrelsen!"


def test_same_size_edit_invalidates(kb_copy: Path, cache_dir: Path) -> None:
    """Same size, same modification time: only the bytes tell the files apart (the CRC-32 case is in
    test_cache.py)."""
    path = kb_copy / "meta.yaml"
    load(kb_copy)
    assert load(kb_copy).cached is True
    stat = path.stat()
    replace_once(path, b'publisher: "Socialstyrelsen"', b'publisher: "Socialstyrelsex"')
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size
    changed = load(kb_copy)
    assert changed.cached is False
    assert changed.data["meta"]["publisher"] == "Socialstyrelsex"


def test_one_byte_flip_in_a_large_file_invalidates(kb_copy: Path, cache_dir: Path) -> None:
    """A single changed byte deep in municipalities.yaml (98 municipalities), and the same in regions.yaml, which
    names each municipality too (validation checks the two agree)."""
    load(kb_copy)
    for stem in ("municipalities", "regions"):
        text = (kb_copy / f"{stem}.yaml").read_text(encoding="utf-8")
        assert text.count('name: "Viborg"') == 1
        (kb_copy / f"{stem}.yaml").write_text(text.replace('name: "Viborg"', 'name: "Viborh"'), encoding="utf-8")
    changed = load(kb_copy)
    assert changed.cached is False
    names = [m["name"] for m in changed.data["municipalities"]["municipalities"]]
    assert "Viborh" in names and "Viborg" not in names


def test_edit_then_revert(kb_copy: Path, cache_dir: Path) -> None:
    path = kb_copy / "meta.yaml"
    original = path.read_bytes()
    load(kb_copy)
    replace_once(path, b'knowledge_base_version: "1.0.0"', b'knowledge_base_version: "1.0.1"')
    assert load(kb_copy).data["meta"]["knowledge_base_version"] == "1.0.1"
    path.write_bytes(original)
    reverted = load(kb_copy)
    assert reverted.cached is True  # the entry of the original bytes is still there: the key is the content
    assert reverted.data["meta"]["knowledge_base_version"] == "1.0.0"
    assert len(list(cache_dir.iterdir())) == 2


def test_edit_that_breaks_a_cached_folder_is_an_error(kb_copy: Path, cache_dir: Path) -> None:
    load(kb_copy)
    assert load(kb_copy).cached is True
    replace_once(kb_copy / "law.yaml", b"  - id: sel-109\n", b"  - id: sel-109\n    bogus: 1\n")
    with pytest.raises(KnowledgeError, match=r"^law\.yaml: .*bogus: unknown field"):
        load(kb_copy)


def test_deleted_file_after_caching_is_an_error(kb_copy: Path, cache_dir: Path) -> None:
    load(kb_copy)
    (kb_copy / "benchmarks.yaml").unlink()
    with pytest.raises(KnowledgeError, match=r"^benchmarks\.yaml: missing"):
        load(kb_copy)


def test_folders_do_not_share_a_cache(tmp_path: Path, cache_dir: Path) -> None:
    import shutil

    a, b = tmp_path / "a", tmp_path / "b"
    shutil.copytree(KNOWLEDGE, a)
    shutil.copytree(KNOWLEDGE, b)
    replace_once(b / "meta.yaml", b'publisher: "Socialstyrelsen"', b'publisher: "Socialstyrelsex"')
    load(a)
    load(b)
    assert load(a).data["meta"]["publisher"] == "Socialstyrelsen"
    assert load(b).data["meta"]["publisher"] == "Socialstyrelsex"
    assert len(list(cache_dir.iterdir())) == 2


def test_use_cache_false_neither_reads_nor_writes(kb_copy: Path, cache_dir: Path) -> None:
    assert load(kb_copy, use_cache=False).cached is False
    assert not cache_dir.exists() or list(cache_dir.iterdir()) == []
    load(kb_copy)
    assert load(kb_copy, use_cache=False).cached is False


def test_vold_no_cache(kb_copy: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VOLD_NO_CACHE", "1")
    assert load(kb_copy).cached is False
    assert load(kb_copy).cached is False
    assert not cache_dir.exists()


@pytest.mark.parametrize("garbage", [b"", b"{not json", b"[]", b'{"data": 1}', b"\xff\xfe"])
def test_corrupt_cache_is_ignored_and_rewritten(kb_copy: Path, cache_dir: Path, garbage: bytes) -> None:
    load(kb_copy)
    (cache_file,) = cache_dir.iterdir()
    cache_file.write_bytes(garbage)
    fresh = load(kb_copy)
    assert fresh.cached is False
    assert fresh.data == load(KNOWLEDGE, use_cache=False).data
    assert load(kb_copy).cached is True


def test_cache_of_another_version_is_ignored(kb_copy: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The version is part of the schema fingerprint, so another version is another key: a miss."""
    from vold_cli.kb import cache

    load(kb_copy)
    assert load(kb_copy).cached is True
    monkeypatch.setattr(cache, "__version__", "0.0.0-other")
    monkeypatch.setattr(cache, "_schema", [])
    other = load(kb_copy)
    assert other.cached is False and other.cache is not None and other.cache.code == "stored"
    assert len(list(cache_dir.iterdir())) == 2


def test_unwritable_cache_only_costs_speed(kb_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("VOLD_CACHE_DIR", str(blocker / "cache"))
    assert load(kb_copy).cached is False
    assert load(kb_copy).cached is False
    assert blocker.read_text(encoding="utf-8").startswith("a file")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blocker", "kb"]


def test_cache_write_leaves_no_temporary_files(kb_copy: Path, cache_dir: Path) -> None:
    load(kb_copy)
    replace_once(kb_copy / "meta.yaml", b'"1.0.0"', b'"1.0.2"')
    load(kb_copy)
    names = [p.name for p in cache_dir.iterdir()]
    assert len(names) == 2 and all(n.startswith("kb-") and n.endswith(".json") for n in names)


def test_cli_uses_the_cache(run, kb_copy: Path, cache_dir: Path) -> None:
    """Commands share the cache: after one command the folder's cache file exists and stays one file."""
    assert run("interventions", "--kb", str(kb_copy), "--format", "json").exit_code == 0
    assert len(list(cache_dir.iterdir())) == 1
    assert load(kb_copy).cached is True
    replace_once(kb_copy / "meta.yaml", b'publisher: "Socialstyrelsen"', b'publisher: "Socialstyrelsex"')
    result = run("kb", "info", "--kb", str(kb_copy), "--format", "json")
    assert json.loads(result.stdout)["publisher"] == "Socialstyrelsex"


# --- the safe YAML parser ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("blob", "message"),
    [
        (b"a: &x [1]\nb: *x\n", r"^x\.yaml: line \d+, column \d+: anchors and aliases"),
        (b"a: {x: 1}\nb:\n  <<: {y: 2}\n", r"^x\.yaml: line 3, column 3: merge keys"),
        (b"a: !!python/object/apply:os.system ['true']\n", r"^x\.yaml: line 1, .*tags that build objects"),
        (b"a: !custom 1\n", r"tags that build objects"),
        (b"a:\n  b: 1\n  b: 2\n", r"^x\.yaml: line 3, column 3: duplicate key 'b'"),
        (b"a: " + b"[" * 60 + b"]" * 60 + b"\n", r"nested more than 40 levels deep"),
        ("".join("  " * i + f"k{i}:\n" for i in range(45)).encode() + b"  " * 45 + b"x: 1\n",
         r"nested more than 40 levels deep"),
        (b"", r"^x\.yaml: the file is empty"),
        (b"# only a comment\n\n", r"^x\.yaml: the file is empty"),
        (b"a: 1\n---\nb: 2\n", r"^x\.yaml: line 2, column 1: "),
        (b"a: 1\nb: 'caf\xe9'\n", r"^x\.yaml: line 2: not UTF-8 \(byte 0xe9\)"),
        (b"a: [1, 2\nb: 3\n", r"^x\.yaml: line \d+, column \d+: "),
        (b"a: 1\nb: \x01\n", r"^x\.yaml: line 2: character U\+0001 is not allowed"),
    ],
    ids=["alias", "merge-key", "python-tag", "custom-tag", "duplicate-nested", "deep-flow", "deep-block",
         "empty", "comment-only", "two-documents", "latin1", "unclosed-flow", "control-character"],
)
def test_parse_refuses(blob: bytes, message: str) -> None:
    with pytest.raises(KnowledgeError, match=message):
        parse("x.yaml", blob)


def test_parse_errors_are_one_line() -> None:
    for blob in (b"a: 1\n  b: 2\n", b"a: 'x\n", b"- a\nb: 1\n", b"a: @x\n"):
        with pytest.raises(KnowledgeError) as info:
            parse("x.yaml", blob)
        assert "\n" not in str(info.value)
        assert str(info.value).startswith("x.yaml: ")


def test_parse_accepts_byte_order_mark() -> None:
    assert parse("x.yaml", "\ufeffa: æ\n".encode()) == {"a": "æ"}


def test_parse_plain_document() -> None:
    assert parse("x.yaml", b"a: [1, {b: c}]\nd: 'e'\n") == {"a": [1, {"b": "c"}], "d": "e"}


def test_bundled_files_parse_to_mappings() -> None:
    for stem in SECTIONS:
        assert isinstance(parse(f"{stem}.yaml", (KNOWLEDGE / f"{stem}.yaml").read_bytes()), dict)
