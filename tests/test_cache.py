"""The per-user cache cannot lie: every failure of the old cache (issue 11) reproduced, and shown fixed.

The old cache was keyed by version and location, checked size and CRC-32, trusted any folder, followed links
and read without a cap. Each test below builds the situation that broke it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from vold_cli.kb import cache, loader
from vold_cli.kb.loader import SECTIONS, load

ROOT = Path(__file__).resolve().parents[1]
KNOWLEDGE = ROOT / "knowledge"
IS_ROOT = os.geteuid() == 0


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "cache"
    monkeypatch.setenv("VOLD_CACHE_DIR", str(path))
    return path


def the_entry(cache_dir: Path) -> Path:
    (entry,) = [p for p in cache_dir.iterdir() if p.name.startswith("kb-")]
    return entry


def raw_of(folder: Path) -> dict[str, bytes]:
    return {stem: (folder / f"{stem}.yaml").read_bytes() for stem in SECTIONS}


def forged_entry(folder: Path, data: dict, *, schema: str | None = None) -> tuple[str, bytes]:
    """What another user would plant: an entry with the right name, key, schema and digest, and false data."""
    schema = schema or cache.schema_fingerprint()
    key = cache.key_of(raw_of(folder), cache.schema_fingerprint())
    body = cache.encode_body(data)
    header = {"format": cache.CACHE_FORMAT, "codec": cache.BODY_CODEC, "schema": schema, "key": key,
              "data_bytes": len(body), "data_sha256": cache._data_digest(body)}
    return f"kb-{key}.json", json.dumps(header).encode() + b"\n" + body


def poisoned(folder: Path) -> dict:
    data = load(folder, use_cache=False).data
    data["law"]["entries"][0]["title"] = {"da": "PLANTET", "en": "PLANTED"}
    return data


def snapshot(root: Path, skip: Path) -> dict[str, tuple[int, bytes | str]]:
    """Every entry under `root` but `skip`: its mode and its bytes (or a link's target)."""
    seen: dict[str, tuple[int, bytes | str]] = {}
    for path in sorted(root.rglob("*")):
        if path == skip or skip in path.parents:
            continue
        info = path.lstat()
        if path.is_symlink():
            seen[str(path)] = (info.st_mode, os.readlink(path))
        elif path.is_file():
            seen[str(path)] = (info.st_mode, path.read_bytes())
        else:
            seen[str(path)] = (info.st_mode, "")
    return seen


def load_in_child(folder: Path, cache_dir: Path, timeout: float = 60) -> dict:
    """Load in a separate process, so that a hang is a failed test (TimeoutExpired), not a stuck suite."""
    code = ("import json, sys; from vold_cli.kb.loader import load; k = load(sys.argv[1]); "
            "print(json.dumps({'cached': k.cached, 'code': k.cache.code, 'why': k.cache.why, "
            "'title': k.data['law']['entries'][0]['title']['en']}))")
    env = {**os.environ, "VOLD_CACHE_DIR": str(cache_dir)}
    proc = subprocess.run([sys.executable, "-c", code, str(folder)], capture_output=True, env=env,
                          timeout=timeout, check=False)
    assert proc.returncode == 0, proc.stderr.decode()
    return json.loads(proc.stdout)


# --- the key: every byte, and the schema ---------------------------------------------------------------


def crc_preserving(original: bytes, edited: bytes, start: int, count: int) -> bytes:
    """`edited` with some of bits 0-3 of the `count` bytes from `start` flipped so that its CRC-32 equals
    `original`'s (CRC-32 is affine over GF(2): solve 32 linear equations by Gaussian elimination)."""
    assert len(original) == len(edited)
    base = zlib.crc32(edited)
    target = zlib.crc32(original) ^ base
    columns = []  # (effect on the CRC, bit position)
    for index in range(start, start + count):
        for bit in range(4):
            flipped = bytearray(edited)
            flipped[index] ^= 1 << bit
            columns.append((zlib.crc32(bytes(flipped)) ^ base, (index, bit)))
    basis: dict[int, tuple[int, set]] = {}  # leading bit -> (vector, flips making it)
    for vector, flip in columns:
        combo = {flip}
        for lead in sorted(basis, reverse=True):
            if vector >> lead & 1:
                vector ^= basis[lead][0]
                combo ^= basis[lead][1]
        if vector:
            basis[vector.bit_length() - 1] = (vector, combo)
    chosen: set = set()
    rest = target
    for lead in sorted(basis, reverse=True):
        if rest >> lead & 1:
            rest ^= basis[lead][0]
            chosen ^= basis[lead][1]
    assert rest == 0, "no solution"
    out = bytearray(edited)
    for index, bit in chosen:
        out[index] ^= 1 << bit
    return bytes(out)


def test_an_edit_keeping_size_crc32_and_mtime_is_seen(kb_copy: Path, cache_dir: Path) -> None:
    path = kb_copy / "meta.yaml"
    padding = b"# " + b"P" * 64 + b"\n"  # 'P' (0x50) with bits 0-3 flipped stays a letter or '[\]^_'
    path.write_bytes(path.read_bytes() + padding)
    original = path.read_bytes()
    assert load(kb_copy).cached is False
    assert load(kb_copy).cached is True
    before = path.stat()
    edited = original.replace(b'publisher: "Socialstyrelsen"', b'publisher: "Socialstyrelsex"')
    forged = crc_preserving(original, edited, len(original) - 65, 64)
    assert forged != original and len(forged) == len(original) and zlib.crc32(forged) == zlib.crc32(original)
    path.write_bytes(forged)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    seen = load(kb_copy)
    assert seen.cached is False
    assert seen.data["meta"]["publisher"] == "Socialstyrelsex"


def test_the_key_is_a_full_cryptographic_hash(kb_copy: Path) -> None:
    raw = raw_of(kb_copy)
    key = cache.key_of(raw, "schema")
    assert len(key) == 64 and int(key, 16) >= 0  # 256 bits, not 8 hex digits
    flipped = dict(raw, economy=raw["economy"][:-1] + bytes([raw["economy"][-1] ^ 1]))
    assert cache.key_of(flipped, "schema") != key
    assert cache.key_of(raw, "other schema") != key
    # the bytes of one file cannot move into the next one and keep the key
    moved = dict(raw, meta=raw["meta"] + b"x", definition=raw["definition"])
    assert cache.key_of(moved, "schema") != key


def test_two_folders_with_the_same_files_share_one_entry_and_keep_their_location(tmp_path: Path,
                                                                                 cache_dir: Path) -> None:
    import shutil

    a, b = tmp_path / "a", tmp_path / "b"
    shutil.copytree(KNOWLEDGE, a)
    shutil.copytree(KNOWLEDGE, b)
    load(a)
    second = load(b)
    assert second.cached is True and second.location == str(b.resolve())
    assert len(list(cache_dir.iterdir())) == 1


# --- the schema -----------------------------------------------------------------------------------------


def test_a_schema_change_is_a_miss(kb_copy: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The old cache, keyed by version, served data of the old schema (KeyError: internal error)."""
    load(kb_copy)
    assert load(kb_copy).cached is True
    monkeypatch.setattr(cache, "_schema", ["0" * 64])
    changed = load(kb_copy)
    assert changed.cached is False and changed.cache.code == "stored"
    assert load(kb_copy).cached is True


def test_an_entry_of_another_schema_under_the_right_name_is_a_miss(kb_copy: Path, cache_dir: Path) -> None:
    load(kb_copy)
    name, blob = forged_entry(kb_copy, poisoned(kb_copy), schema="1" * 64)
    (cache_dir / name).write_bytes(blob)
    again = load(kb_copy)
    assert again.cached is False and again.cache.code == "replaced" and again.cache.why == "entry-schema"
    assert again.data["law"]["entries"][0]["title"]["en"] != "PLANTED"


@pytest.mark.parametrize("module", ["schema.py", "validate.py", "yamlsafe.py"])
def test_the_fingerprint_covers_the_schema_sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   module: str) -> None:
    package = Path(cache.__file__).parent
    copy = tmp_path / "vold_cli"
    copy.mkdir()
    for source in package.glob("*.py"):
        (copy / source.name).write_bytes(source.read_bytes())
    monkeypatch.setattr(cache, "__file__", str(copy / "cache.py"))
    same = cache._compute_schema()
    assert same == cache.schema_fingerprint()
    (copy / module).write_bytes((copy / module).read_bytes() + b"\n# one more line\n")
    assert cache._compute_schema() not in (None, same)
    monkeypatch.setattr(cache, "__version__", "9.9.9")
    (copy / module).write_bytes((package / module).read_bytes())
    assert cache._compute_schema() not in (None, same)


# --- the shape ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [{}, {"meta": {}}, {s: {} for s in SECTIONS}, [], "x",
                                  {s: {"x": 1} for s in SECTIONS[:-1]}],
                         ids=["empty", "one-empty-section", "empty-sections", "list", "string", "section-missing"])
def test_a_wrong_shaped_entry_is_a_miss_and_is_replaced(run, kb_copy: Path, cache_dir: Path, data) -> None:
    """The old cache with `data: {}` broke every run with an internal error and never repaired itself."""
    load(kb_copy)
    name, blob = forged_entry(kb_copy, data)
    (cache_dir / name).write_bytes(blob)
    result = run("law", "109", "--kb", str(kb_copy))
    assert result.exit_code == 0 and result.stderr == ""
    assert "§ 109" in result.stdout
    repaired = load(kb_copy)
    assert repaired.cached is True and repaired.data == load(KNOWLEDGE, use_cache=False).data


def test_a_damaged_entry_is_a_miss(kb_copy: Path, cache_dir: Path) -> None:
    load(kb_copy)
    entry = the_entry(cache_dir)
    blob = bytearray(entry.read_bytes())
    blob[-10] ^= 0x01  # one bit of the data: the digest no longer matches
    entry.write_bytes(bytes(blob))
    again = load(kb_copy)
    assert again.cached is False and again.cache.why == "entry-damaged"
    assert load(kb_copy).cached is True


# --- the folder -----------------------------------------------------------------------------------------


def test_a_cache_folder_writable_by_others_is_not_used(run, kb_copy: Path, cache_dir: Path) -> None:
    """The old cache trusted it: a planted entry made `vold law 109` print text that is in no knowledge base."""
    load(kb_copy)
    cache_dir.chmod(0o777)
    name, blob = forged_entry(kb_copy, poisoned(kb_copy))
    (cache_dir / name).write_bytes(blob)
    before = snapshot(cache_dir, cache_dir / "none")
    result = run("law", "--kb", str(kb_copy), "--format", "json")
    assert result.exit_code == 0 and "PLANTED" not in result.stdout
    info = run("kb", "info", "--kb", str(kb_copy), "--format", "json")
    status = json.loads(info.stdout)["cache"]
    assert status["used"] is False and status["status"] == "unsafe" and status["reason"] == "folder-mode"
    assert "writable by group or others" in status["text"]
    table = run("kb", "info", "--kb", str(kb_copy))
    assert "not used, unsafe" in table.stdout
    assert snapshot(cache_dir, cache_dir / "none") == before  # nothing written into it either


def test_a_group_writable_cache_folder_is_not_used(kb_copy: Path, cache_dir: Path) -> None:
    load(kb_copy)
    cache_dir.chmod(0o770)
    again = load(kb_copy)
    assert again.cached is False and again.cache.code == "unsafe"


@pytest.mark.skipif(not IS_ROOT, reason="needs root to give a folder to another user")
def test_a_cache_folder_owned_by_another_user_is_not_used(kb_copy: Path, cache_dir: Path) -> None:
    load(kb_copy)
    os.chown(cache_dir, 12345, 12345)
    again = load(kb_copy)
    assert again.cached is False and (again.cache.code, again.cache.why) == ("unsafe", "folder-owner")


@pytest.mark.skipif(not IS_ROOT, reason="needs root to give a file to another user")
def test_an_entry_owned_by_another_user_is_not_used(kb_copy: Path, cache_dir: Path) -> None:
    load(kb_copy)
    name, blob = forged_entry(kb_copy, poisoned(kb_copy))
    (cache_dir / name).write_bytes(blob)
    os.chown(cache_dir / name, 12345, 12345)
    again = load(kb_copy)
    assert again.cached is False and again.cache.why == "entry-owner"
    assert again.data["law"]["entries"][0]["title"]["en"] != "PLANTED"


def test_a_cache_folder_that_is_a_link_is_not_used(kb_copy: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    (tmp_path / "link").symlink_to(elsewhere)
    monkeypatch.setenv("VOLD_CACHE_DIR", str(tmp_path / "link"))
    first = load(kb_copy)
    assert (first.cache.code, first.cache.why) == ("unsafe", "folder-link")
    assert list(elsewhere.iterdir()) == []


def test_a_new_cache_folder_is_private(kb_copy: Path, cache_dir: Path) -> None:
    load(kb_copy)
    assert cache_dir.stat().st_mode & 0o777 == 0o700
    assert the_entry(cache_dir).stat().st_mode & 0o777 == 0o600


# --- what lies in place of an entry -------------------------------------------------------------------


def test_a_link_in_place_of_the_entry_is_not_followed(kb_copy: Path, cache_dir: Path, tmp_path: Path) -> None:
    load(kb_copy)
    entry = the_entry(cache_dir)
    name, blob = forged_entry(kb_copy, poisoned(kb_copy))
    outside = tmp_path / "outside.json"
    outside.write_bytes(blob)
    entry.unlink()
    entry.symlink_to(outside)
    result = load_in_child(kb_copy, cache_dir)
    assert result == {"cached": False, "code": "replaced", "why": "entry-link",
                      "title": load(KNOWLEDGE, use_cache=False).data["law"]["entries"][0]["title"]["en"]}
    assert outside.read_bytes() == blob  # the link was replaced, never written through
    assert not entry.is_symlink() and load(kb_copy).cached is True


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/urandom"])
def test_a_link_to_an_endless_device_is_not_read(kb_copy: Path, cache_dir: Path, target: str) -> None:
    """The old cache followed a link to /dev/zero and ended in MemoryError."""
    load(kb_copy)
    entry = the_entry(cache_dir)
    entry.unlink()
    entry.symlink_to(target)
    result = load_in_child(kb_copy, cache_dir)
    assert (result["cached"], result["why"]) == (False, "entry-link")


def test_a_fifo_in_place_of_the_entry_does_not_hang(kb_copy: Path, cache_dir: Path) -> None:
    """The old cache opened a FIFO and waited for a writer forever, on every run."""
    load(kb_copy)
    entry = the_entry(cache_dir)
    entry.unlink()
    os.mkfifo(entry)
    result = load_in_child(kb_copy, cache_dir, timeout=30)
    assert (result["cached"], result["why"]) == (False, "entry-not-regular")
    assert entry.is_file() and load(kb_copy).cached is True  # replaced by a regular entry


def test_a_huge_entry_is_not_read(kb_copy: Path, cache_dir: Path) -> None:
    load(kb_copy)
    entry = the_entry(cache_dir)
    with entry.open("r+b") as handle:
        handle.truncate(cache.MAX_ENTRY_BYTES + 1)  # sparse: costs no disk
    result = load_in_child(kb_copy, cache_dir)
    assert (result["cached"], result["why"]) == (False, "entry-too-large")
    assert entry.stat().st_size < cache.MAX_ENTRY_BYTES


def test_a_folder_in_place_of_the_entry_is_a_miss(kb_copy: Path, cache_dir: Path) -> None:
    load(kb_copy)
    entry = the_entry(cache_dir)
    entry.unlink()
    entry.mkdir()
    again = load(kb_copy)
    assert again.cached is False and again.cache.code in ("replaced", "unwritable")
    assert entry.is_dir()  # a folder is not ours to remove


# --- never a write outside the cache folder -----------------------------------------------------------


def test_links_planted_at_the_temporary_and_entry_names_are_never_written_through(
        kb_copy: Path, cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The old cache wrote `<entry>.<pid>.tmp` following links, overwriting a file it did not own."""
    import tempfile

    victim = tmp_path / "victim.txt"
    victim.write_text("not vold's\n", encoding="utf-8")
    cache_dir.mkdir(mode=0o700)
    names = ["aaaaaaaa", "bbbbbbbb", "cccccccc"]
    for stem in names[:2]:  # the first two names mkstemp will try are links to the victim
        (cache_dir / f"{cache.TEMP_PREFIX}{stem}{cache.TEMP_SUFFIX}").symlink_to(victim)
    key = cache.key_of(raw_of(kb_copy), cache.schema_fingerprint())
    (cache_dir / f"kb-{key}.json").symlink_to(victim)  # and the entry's own name
    for pid in range(os.getpid() - 2, os.getpid() + 3):  # and the old predictable names
        (cache_dir / f"kb-{key}.json.{pid}.tmp").symlink_to(victim)
    monkeypatch.setattr(tempfile, "_get_candidate_names", lambda: iter(names))
    before = snapshot(tmp_path, cache_dir)
    first = load(kb_copy)
    assert first.cache.code == "replaced" and first.cache.why == "entry-link"
    assert snapshot(tmp_path, cache_dir) == before
    assert victim.read_text(encoding="utf-8") == "not vold's\n"
    entry = cache_dir / f"kb-{key}.json"
    assert entry.is_file() and not entry.is_symlink()
    assert load(kb_copy).cached is True


def test_no_file_outside_the_cache_folder_is_written(run, kb_copy: Path, cache_dir: Path, tmp_path: Path) -> None:
    before = snapshot(tmp_path, cache_dir)
    for args in (["law", "109"], ["kb", "info"], ["estimate", "--population", "43000"]):
        assert run(*args, "--kb", str(kb_copy)).exit_code == 0
    replace_once(kb_copy / "meta.yaml", b'"1.0.0"', b'"1.0.3"')
    edited = snapshot(tmp_path, cache_dir)
    assert run("law", "109", "--kb", str(kb_copy)).exit_code == 0
    assert snapshot(tmp_path, cache_dir) == edited
    assert {k for k in before} == {k for k in edited}


def replace_once(path: Path, old: bytes, new: bytes) -> None:
    blob = path.read_bytes()
    assert blob.count(old) == 1, old
    path.write_bytes(blob.replace(old, new))


# --- pruning --------------------------------------------------------------------------------------------


def test_the_cache_stays_small(kb_copy: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The old cache kept one ~175 KB file per folder ever used, forever."""
    monkeypatch.setattr(cache, "MAX_ENTRIES", 3)
    path = kb_copy / "meta.yaml"
    original = path.read_bytes()
    for n in range(6):
        path.write_bytes(original.replace(b'"1.0.0"', f'"1.0.{n + 10}"'.encode()))
        assert load(kb_copy).cached is False
    entries = [p for p in cache_dir.iterdir() if p.name.startswith("kb-")]
    assert len(entries) == 3
    assert load(kb_copy).cached is True  # the newest is kept
    path.write_bytes(original.replace(b'"1.0.0"', b'"1.0.10"'))
    assert load(kb_copy).cached is False  # the oldest is gone


def test_pruning_keeps_the_most_recently_used(kb_copy: Path, cache_dir: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "MAX_ENTRIES", 2)
    path = kb_copy / "meta.yaml"
    original = path.read_bytes()
    load(kb_copy)  # A
    old = the_entry(cache_dir)
    os.utime(old, (1, 1))
    path.write_bytes(original.replace(b'"1.0.0"', b'"1.0.7"'))
    load(kb_copy)  # B
    path.write_bytes(original)
    assert load(kb_copy).cached is True  # A used again: now the most recent
    path.write_bytes(original.replace(b'"1.0.0"', b'"1.0.8"'))
    load(kb_copy)  # C: B goes
    path.write_bytes(original)
    assert load(kb_copy).cached is True


def test_pruning_removes_stale_temporary_files_and_nothing_else(kb_copy: Path, cache_dir: Path) -> None:
    load(kb_copy)
    stale = cache_dir / f"{cache.TEMP_PREFIX}old{cache.TEMP_SUFFIX}"
    fresh = cache_dir / f"{cache.TEMP_PREFIX}new{cache.TEMP_SUFFIX}"
    mine = cache_dir / "notes.txt"
    for path in (stale, fresh, mine):
        path.write_text("x", encoding="utf-8")
    os.utime(stale, (1, 1))
    os.utime(mine, (1, 1))
    replace_once(kb_copy / "meta.yaml", b'"1.0.0"', b'"1.0.4"')
    load(kb_copy)
    assert not stale.exists() and fresh.exists() and mine.exists()


# --- off, and what kb info says ---------------------------------------------------------------------


def test_vold_no_cache_neither_reads_nor_writes(run, kb_copy: Path, cache_dir: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VOLD_NO_CACHE", "1")
    result = run("kb", "info", "--kb", str(kb_copy), "--format", "json")
    assert json.loads(result.stdout)["cache"]["status"] == "disabled"
    assert not cache_dir.exists()


def test_kb_info_says_miss_then_hit(run, kb_copy: Path, cache_dir: Path) -> None:
    first = json.loads(run("kb", "info", "--kb", str(kb_copy), "--format", "json").stdout)["cache"]
    second = json.loads(run("kb", "info", "--kb", str(kb_copy), "--format", "json").stdout)["cache"]
    assert (first["used"], first["status"], first["folder"]) == (False, "stored", str(cache_dir))
    assert (second["used"], second["status"]) == (True, "hit")
    danish = run("kb", "info", "--kb", str(kb_copy), "--lang", "da")
    assert f"brugt ({cache_dir})" in danish.stdout


def test_kb_validate_never_uses_the_cache(run, kb_copy: Path, cache_dir: Path) -> None:
    load(kb_copy)
    name, blob = forged_entry(kb_copy, {})
    (cache_dir / name).write_bytes(blob)
    result = run("kb", "validate", str(kb_copy), "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout)["valid"] is True
    assert (cache_dir / name).read_bytes() == blob


# --- the bundled generated data (the wheel) ---------------------------------------------------------------


@pytest.fixture
def wheel_like(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A package folder as the wheel installs it: knowledge/ and the generated knowledge.json beside it."""
    import shutil

    package = tmp_path / "site" / "vold_cli"
    package.mkdir(parents=True)
    shutil.copytree(KNOWLEDGE, package / "knowledge")
    (package / loader.GENERATED).write_bytes(loader.generate(KNOWLEDGE))
    monkeypatch.setattr(loader, "_package", lambda: package)
    return package


def test_the_bundled_knowledge_loads_from_generated_data_without_a_cache(
        run, wheel_like: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import vold_cli.kb.validate

    calls: list[int] = []
    real = vold_cli.kb.validate.validate_files

    def spy(raw):  # noqa: ANN001, ANN202
        calls.append(1)
        return real(raw)

    monkeypatch.setattr(vold_cli.kb.validate, "validate_files", spy)
    kb = load()
    assert calls == [], "validated although generated data exists"
    assert kb.origin == "bundled" and kb.location == str(wheel_like / "knowledge")
    assert kb.cache.code == "generated" and kb.cached is False
    assert kb.data == load(KNOWLEDGE, use_cache=False).data
    info = json.loads(run("kb", "info", "--format", "json").stdout)
    assert info["origin"] == "bundled" and info["cache"]["status"] == "generated"
    assert not cache_dir.exists()


def test_generated_data_records_schema_and_sources(wheel_like: Path) -> None:
    payload = json.loads((wheel_like / loader.GENERATED).read_bytes())
    assert payload["version"] == loader.__version__
    assert payload["schema"] == cache.schema_fingerprint()
    assert payload["sources_sha256"] == loader.sources_sha256(raw_of(wheel_like / "knowledge"))
    assert list(payload["data"]) == list(SECTIONS)


@pytest.mark.parametrize("damage", [b"", b"{", b'{"format": 1, "version": "0.0.0", "data": {}}', b"[]"])
def test_unusable_generated_data_falls_back_to_the_yaml(wheel_like: Path, cache_dir: Path, damage: bytes) -> None:
    (wheel_like / loader.GENERATED).write_bytes(damage)
    kb = load()
    assert kb.origin == "bundled" and kb.cache.code != "generated"
    assert kb.data == load(KNOWLEDGE, use_cache=False).data


def test_kb_validate_of_the_bundled_knowledge_reads_the_yaml(run, wheel_like: Path) -> None:
    (wheel_like / loader.GENERATED).write_bytes(b"{}")  # would not even load: validate must not look at it
    result = run("kb", "validate", "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout)["location"] == str(wheel_like / "knowledge")


def test_the_build_hook_refuses_invalid_knowledge(kb_copy: Path) -> None:
    sys.path.insert(0, str(ROOT))
    try:
        import hatch_build
    finally:
        sys.path.remove(str(ROOT))
    replace_once(kb_copy / "law.yaml", b"  - id: sel-109\n", b"  - id: sel-109\n    bogus: 1\n")
    with pytest.raises(SystemExit, match=r"bundled knowledge is invalid, so no wheel is built: law\.yaml: .*bogus"):
        hatch_build._generate(ROOT / "src", kb_copy)
    generated = hatch_build._generate(ROOT / "src", KNOWLEDGE)
    assert json.loads(generated["vold_cli/knowledge.json"])["data"] == load(KNOWLEDGE, use_cache=False).data
    # beside it, the search index of each language, made from the same data
    assert sorted(generated) == ["vold_cli/knowledge.json", "vold_cli/search-da.json", "vold_cli/search-en.json"]
    for lang in ("da", "en"):
        made = json.loads(generated[f"vold_cli/search-{lang}.json"])
        assert made["index"]["lang"] == lang and made["index"]["texts"]


# --- files unchanged since their key was recorded are not re-read (issue 24) ---------------------------------


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files count as settled at once (in real use: when none changed in the last 2 seconds)."""
    monkeypatch.setattr(cache, "RACY_NS", 0)


def _no_yaml_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    reads: list[str] = []
    real = loader.read_all

    def spy(folder):  # type: ignore[no-untyped-def]
        reads.append(str(folder))
        return real(folder)

    monkeypatch.setattr(loader, "read_all", spy)
    return reads


def test_unchanged_files_are_neither_read_nor_hashed(kb_copy: Path, cache_dir: Path, settled: None,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    first = loader.load(kb_copy)
    assert first.cached is False and len(list(cache_dir.glob("st-*.json"))) == 1
    reads = _no_yaml_reads(monkeypatch)
    hashed: list[int] = []
    monkeypatch.setattr(cache, "key_of", lambda raw, schema: hashed.append(1) or "")
    again = loader.load(kb_copy)
    assert again.cached is True and again.cache.code == "hit"
    assert reads == [] and hashed == []
    assert again.data == first.data


def test_a_same_size_edit_with_its_mtime_restored_is_seen(kb_copy: Path, cache_dir: Path, settled: None,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    loader.load(kb_copy)
    target = kb_copy / "law.yaml"
    info = target.stat()
    text = target.read_bytes()
    changed = text.replace(b"Serviceloven", b"Servicelovem", 1)
    assert len(changed) == len(text) and changed != text
    target.write_bytes(changed)
    os.utime(target, ns=(info.st_atime_ns, info.st_mtime_ns))  # size and mtime as before; ctime moved
    reads = _no_yaml_reads(monkeypatch)
    again = loader.load(kb_copy)
    assert reads, "the stat changed (ctime), so the files must be read and hashed again"
    assert again.cached is False
    assert "Servicelovem" in json.dumps(again.data["law"], ensure_ascii=False)


def test_an_index_whose_stat_does_not_match_is_not_used(kb_copy: Path, cache_dir: Path, settled: None,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    loader.load(kb_copy)
    index = next(cache_dir.glob("st-*.json"))
    payload = json.loads(index.read_bytes())
    payload["files"][0][0] += 1  # another size for the first file
    index.write_text(json.dumps(payload))
    reads = _no_yaml_reads(monkeypatch)
    again = loader.load(kb_copy)
    assert reads and again.cached is True  # the content path: read, hashed, and the entry (still right) used


def test_an_index_pointing_at_a_planted_entry_gives_no_false_data(kb_copy: Path, cache_dir: Path, settled: None,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The index only names a key: the entry it leads to is checked (key, schema, digest, shape) as always."""
    loader.load(kb_copy)
    index = next(cache_dir.glob("st-*.json"))
    payload = json.loads(index.read_bytes())
    planted_key = "f" * 64
    payload["key"] = planted_key
    index.write_text(json.dumps(payload))
    body = cache.encode_body({"law": {"entries": []}})
    (cache_dir / f"kb-{planted_key}.json").write_bytes(b'{"format": 3}\n' + body)
    again = loader.load(kb_copy)
    assert again.data["law"]["entries"], "the planted entry must not be used"


def test_a_file_that_is_a_link_always_takes_the_content_path(kb_copy: Path, cache_dir: Path, settled: None,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    target = kb_copy / "phases.yaml"
    moved = kb_copy / "phases-real.yaml"
    target.rename(moved)
    target.symlink_to(moved.name)
    assert cache.stat_signature(str(kb_copy.resolve()), loader.SECTIONS) is None
    loader.load(kb_copy)
    reads = _no_yaml_reads(monkeypatch)
    loader.load(kb_copy)
    assert reads


def test_no_index_while_files_are_freshly_changed(kb_copy: Path, cache_dir: Path) -> None:
    """Files changed within RACY_NS (2 s) could change again within one timestamp tick with the same stat."""
    loader.load(kb_copy)  # kb_copy was just written
    assert list(cache_dir.glob("kb-*.json")) and not list(cache_dir.glob("st-*.json"))


def test_stat_indexes_are_pruned_like_entries(kb_copy: Path, cache_dir: Path, settled: None,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    cache_dir.mkdir(mode=0o700)
    for n in range(2 * cache.MAX_ENTRIES + 3):
        (cache_dir / f"st-{n:032x}.json").write_text("{}")
        (cache_dir / f"dx-{n:032x}.json").write_text("{}")
    loader.load(kb_copy)
    kept = list(cache_dir.glob("st-*.json")) + list(cache_dir.glob("dx-*.json"))
    assert len(kept) <= 2 * cache.MAX_ENTRIES  # stat indexes and derived data together


def test_the_search_index_of_a_folder_is_made_once_and_kept(kb_copy: Path, cache_dir: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 24: a --kb folder's search index is built on the first search, then read from the cache (per folder
    content, language and day); an edited folder gets a new one."""
    import datetime

    from vold_cli.kb.facade import KnowledgeBase
    from vold_cli.views import pages

    builds: list[str] = []
    real = pages.build
    monkeypatch.setattr(pages, "build", lambda knowledge, lang, today: builds.append(lang) or real(knowledge, lang, today))
    today = datetime.date(2026, 12, 6)
    first = pages.index(KnowledgeBase(loader.load(kb_copy)), "da", today)
    again = pages.index(KnowledgeBase(loader.load(kb_copy)), "da", today)
    assert builds == ["da"] and again == first
    pages.index(KnowledgeBase(loader.load(kb_copy)), "en", today)
    pages.index(KnowledgeBase(loader.load(kb_copy)), "da", today + datetime.timedelta(days=1))
    assert builds == ["da", "en", "da"]
    replace_once(kb_copy / "implementation.yaml", b"superbrugere", b"superbrugerne")
    edited = pages.index(KnowledgeBase(loader.load(kb_copy)), "da", today)
    assert len(builds) == 4 and "superbrugerne" in " ".join(edited["texts"])
    # other code (a view's words changed, the version number not): the kept index is not read, a new one is made
    monkeypatch.setattr(pages, "_CODE", ["other code"])
    pages.index(KnowledgeBase(loader.load(kb_copy)), "da", today)
    assert len(builds) == 5


def test_a_search_of_an_unchanged_folder_reads_only_its_kept_index(kb_copy: Path, cache_dir: Path, run,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 24's slope: once a folder's index is kept, `vold search --kb` of the unchanged folder finds the key in
    the stat index and reads the kept index, neither the YAML files nor the cached knowledge (whose size grows with
    the folder). Shown by removing the cached knowledge: the second search answers the same and stores no new
    knowledge entry. An edited folder is read again, and its new words are found."""
    monkeypatch.setattr(cache, "RACY_NS", 0)  # the copy is seconds old: let the stat index be recorded at once
    first = run("search", "superbrugere", "--kb", str(kb_copy), "--lang", "da", "--format", "json")
    assert first.exit_code == 0, first.stderr
    assert list(cache_dir.glob("st-*.json")) and list(cache_dir.glob("dx-*.json"))
    for entry in cache_dir.glob("kb-*"):
        entry.unlink()

    def no_loading(*args: object, **kwargs: object) -> None:
        raise AssertionError("the knowledge was loaded although the folder had not changed")

    with monkeypatch.context() as patched:  # neither the loader nor the YAML reader may run
        patched.setattr(loader, "load", no_loading)
        patched.setattr(loader, "read_all", no_loading)
        again = run("search", "superbrugere", "--kb", str(kb_copy), "--lang", "da", "--format", "json")
    assert again.exit_code == 0 and again.stdout == first.stdout, again.stderr
    assert not list(cache_dir.glob("kb-*")), "the knowledge was loaded although the folder had not changed"
    replace_once(kb_copy / "implementation.yaml", b"superbrugere", b"superbrugerne")
    edited = run("search", "superbrugerne", "--kb", str(kb_copy), "--lang", "da", "--format", "json")
    assert edited.exit_code == 0 and json.loads(edited.stdout), edited.stdout
    assert list(cache_dir.glob("kb-*")), "an edited folder must be read and validated again"
