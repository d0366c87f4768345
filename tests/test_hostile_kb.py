"""A corpus of hostile knowledge folders, each one test, each given to `vold` with `--kb`.

Every folder is a copy of the bundled knowledge with one file replaced or changed. A hostile folder must end
with exit 1 and ONE line on stderr, "Error: ...", that names the file and the place in it (a line, an entry or
the folder), within a couple of seconds; where the input is legitimate (a byte-order mark, a big file that is
mostly comments, texts holding Rich markup or HTML) it must load and work. Both `vold kb validate FOLDER`
(never cached) and an ordinary command, `vold interventions --kb FOLDER`, are checked.
"""

from __future__ import annotations

import json
import os
import re
import stat
import time
from collections.abc import Callable
from pathlib import Path

import pytest

LIMIT = 30.0  # seconds per run: a hang check only (speed is measured by bench/run.py, not asserted here)


def _refused(run, folder: Path, file: str, place: str, *, extra: str | None = None, env=None) -> str:
    """Assert both commands refuse `folder` in one line naming `file` and matching `place`; return the line."""
    lines = []
    for args in (("kb", "validate", str(folder)), ("interventions", "--kb", str(folder))):
        started = time.perf_counter()
        result = run(*args, env=env)
        elapsed = time.perf_counter() - started
        err = result.stderr
        assert result.exit_code == 1, (args, result.exit_code, err, result.stdout[:300])
        assert result.stdout == ""
        assert err.startswith("Error: ") and err.endswith("\n") and err.count("\n") == 1, err
        assert "Traceback" not in err and "internal error" not in err, err
        assert file in err, err
        assert re.search(place, err), f"no place matching {place!r} in {err!r}"
        if extra:
            assert re.search(extra, err), f"{extra!r} not in {err!r}"
        assert elapsed < LIMIT, f"{args[0]} took {elapsed:.1f} s"
        lines.append(err)
    assert lines[0] == lines[1]  # the same message whichever command meets it
    return lines[0]


def _loads(run, folder: Path, *, env=None) -> str:
    """Assert both commands accept `folder`; return the interventions table."""
    out = ""
    for args in (("kb", "validate", str(folder)), ("interventions", "--kb", str(folder))):
        started = time.perf_counter()
        result = run(*args, env=env)
        elapsed = time.perf_counter() - started
        assert result.exit_code == 0, (args, result.stderr)
        assert elapsed < LIMIT, f"{args[0]} took {elapsed:.1f} s"
        out = result.stdout
    return out


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def _rewrite(folder: Path, name: str, change: Callable[[str], str]) -> str:
    path = folder / name
    original = path.read_text(encoding="utf-8")
    changed = change(original)
    assert changed != original, "the change did not apply"
    path.write_text(changed, encoding="utf-8")
    return changed


# --- YAML that attacks the parser -------------------------------------------------------------------

BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def test_alias_bomb(run, kb_copy: Path) -> None:
    (kb_copy / "law.yaml").write_text(BILLION_LAUGHS, encoding="utf-8")
    _refused(run, kb_copy, "law.yaml", r"line 2, column \d+", extra="anchors and aliases")


def test_alias_bomb_with_block_style_and_a_cycle(run, kb_copy: Path) -> None:
    (kb_copy / "law.yaml").write_text("a: &a\n  - *a\n  - x\n", encoding="utf-8")
    _refused(run, kb_copy, "law.yaml", r"line 2, column \d+", extra="anchors and aliases")


def test_single_alias_to_a_scalar_is_refused(run, kb_copy: Path) -> None:
    _rewrite(kb_copy, "law.yaml", lambda t: t.replace('name: "Serviceloven"', "name: &n Serviceloven", 1)
             .replace('name: "Lov om tilhold, opholdsforbud og bortvisning"', "name: *n", 1))
    text = (kb_copy / "law.yaml").read_text(encoding="utf-8")
    _refused(run, kb_copy, "law.yaml", rf"line {_line_of(text, 'name: *n')}, column", extra="aliases")


def test_merge_key_is_refused(run, kb_copy: Path) -> None:
    text = _rewrite(kb_copy, "law.yaml", lambda t: t.replace("acts:\n", "extra: {<<: {a: 1}}\nacts:\n", 1))
    _refused(run, kb_copy, "law.yaml", rf"line {_line_of(text, 'extra:')}, column", extra="merge keys")


def test_several_megabytes_of_values(run, kb_copy: Path) -> None:
    """Several MB of list items: refused at the value cap of 1,000,000 values in one file."""
    lines = "  - 1\n" * 1_050_000
    (kb_copy / "law.yaml").write_text((kb_copy / "law.yaml").read_text(encoding="utf-8") + "junk:\n" + lines,
                                      encoding="utf-8")
    assert (kb_copy / "law.yaml").stat().st_size > 5_000_000
    _refused(run, kb_copy, "law.yaml", r"line \d+, column \d+", extra="more than 1,000,000 values")


def test_several_megabytes_of_a_flow_list(run, kb_copy: Path) -> None:
    """`[1,1,1,...]`: two bytes a value, the cheapest way to make a parser build millions of nodes."""
    with (kb_copy / "law.yaml").open("a", encoding="utf-8") as handle:
        handle.write("junk: [" + ",".join(["1"] * 2_500_000) + "]\n")
    _refused(run, kb_copy, "law.yaml", r"line \d+, column \d+", extra="more than 1,000,000 values")


def test_several_megabytes_in_one_text(run, kb_copy: Path) -> None:
    _rewrite(kb_copy, "law.yaml", lambda t: t.replace('name: "Serviceloven"', f'name: "{"æ" * 3_000_000}"', 1))
    _refused(run, kb_copy, "law.yaml", r"acts\[0\] \(id 'serviceloven'\)\.name", extra="at most")


def test_several_megabytes_of_comments_load(run, kb_copy: Path) -> None:
    """Size alone is no fault: a big file that is legitimate loads (and is then cached)."""
    padding = "".join(f"# note {i}: " + "æøå " * 20 + "\n" for i in range(60_000))
    _rewrite(kb_copy, "law.yaml", lambda t: padding + t)
    assert (kb_copy / "law.yaml").stat().st_size > 5_000_000
    _loads(run, kb_copy)


def test_deeply_nested_block_mappings(run, kb_copy: Path) -> None:
    (kb_copy / "law.yaml").write_text("".join("  " * i + f"k{i}:\n" for i in range(2000)) + "  " * 2000 + "v\n",
                                      encoding="utf-8")
    _refused(run, kb_copy, "law.yaml", r"line \d+, column \d+", extra="nest")


def test_deeply_nested_block_sequences(run, kb_copy: Path) -> None:
    (kb_copy / "law.yaml").write_text("a:\n" + "".join("  " * i + "- \n" for i in range(1, 3000)), encoding="utf-8")
    _refused(run, kb_copy, "law.yaml", r"line \d+, column \d+", extra="nest")


@pytest.mark.parametrize("depth", [45, 500, 100_000])
def test_deeply_nested_flow_collections(run, kb_copy: Path, depth: int) -> None:
    (kb_copy / "law.yaml").write_text("a: " + "[{x: " * depth + "1" + "}]" * depth + "\n", encoding="utf-8")
    _refused(run, kb_copy, "law.yaml", r"line 1, column \d+", extra="nest")


def test_duplicate_keys(run, kb_copy: Path) -> None:
    original = (kb_copy / "law.yaml").read_text(encoding="utf-8")
    (kb_copy / "law.yaml").write_text(original + "intro: {da: x, en: y}\n", encoding="utf-8")
    line = original.count("\n") + 1
    _refused(run, kb_copy, "law.yaml", rf"line {line}, column 1", extra="duplicate key 'intro'")


def test_duplicate_keys_inside_an_entry(run, kb_copy: Path) -> None:
    text = _rewrite(kb_copy, "law.yaml",
                    lambda t: t.replace('    name: "Serviceloven"\n', '    name: "Serviceloven"\n    name: "x"\n', 1))
    line = _line_of(text, '\n    name: "x"') + 1
    _refused(run, kb_copy, "law.yaml", rf"line {line}, column 5", extra="duplicate key 'name'")


def test_null_key_is_a_schema_error_not_an_alias(run, kb_copy: Path) -> None:
    _rewrite(kb_copy, "law.yaml", lambda t: "~: 1\n" + t)
    message = _refused(run, kb_copy, "law.yaml", r"law\.yaml: \S")
    assert "alias" not in message


def test_tabs_for_indentation(run, kb_copy: Path) -> None:
    text = _rewrite(kb_copy, "law.yaml", lambda t: t.replace("  - id: vej-14-2011\n", "\t- id: vej-14-2011\n", 1))
    _refused(run, kb_copy, "law.yaml", rf"line {_line_of(text, chr(9))}, column \d+")


def test_multiple_documents(run, kb_copy: Path) -> None:
    original = (kb_copy / "law.yaml").read_text(encoding="utf-8")
    (kb_copy / "law.yaml").write_text(original + "---\nx: 1\n", encoding="utf-8")
    _refused(run, kb_copy, "law.yaml", rf"line {original.count(chr(10)) + 1}, column 1")


# --- bytes that are not (good) text ----------------------------------------------------------------


def test_byte_order_mark_loads(run, kb_copy: Path, runner) -> None:
    for path in kb_copy.glob("*.yaml"):
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    table = _loads(run, kb_copy)
    assert table == run("interventions").stdout


def test_latin1_bytes(run, kb_copy: Path) -> None:
    text = (kb_copy / "law.yaml").read_text(encoding="utf-8")
    (kb_copy / "law.yaml").write_bytes(text.encode("latin-1", "replace"))
    first = min(i for i, ch in enumerate(text) if ord(ch) > 127)
    line = text[:first].count("\n") + 1
    _refused(run, kb_copy, "law.yaml", rf"line {line}:", extra=r"not UTF-8 \(byte 0x[0-9a-f]{2}\)")


def test_utf16_file(run, kb_copy: Path) -> None:
    (kb_copy / "law.yaml").write_bytes((kb_copy / "law.yaml").read_text(encoding="utf-8").encode("utf-16"))
    _refused(run, kb_copy, "law.yaml", r"line 1:", extra="not UTF-8")


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b"])
def test_control_characters(run, kb_copy: Path, char: str) -> None:
    text = _rewrite(kb_copy, "law.yaml", lambda t: t.replace('name: "Serviceloven"', f'name: "Service{char}loven"', 1))
    _refused(run, kb_copy, "law.yaml", rf"line {_line_of(text, char)}:", extra=f"U\\+{ord(char):04X}")


@pytest.mark.parametrize("content", [b"", b"   \n\n", b"# only a comment\n", b"\xef\xbb\xbf"],
                         ids=["empty", "blank", "comment", "bom-only"])
def test_empty_file(run, kb_copy: Path, content: bytes) -> None:
    (kb_copy / "law.yaml").write_bytes(content)
    _refused(run, kb_copy, "law.yaml", r"law\.yaml: the file is empty")


@pytest.mark.parametrize("content", ["- a\n- b\n", "just text\n", "~\n", "42\n"])
def test_top_level_not_a_mapping(run, kb_copy: Path, content: str) -> None:
    (kb_copy / "law.yaml").write_text(content, encoding="utf-8")
    _refused(run, kb_copy, "law.yaml", r"top level must be a mapping")


# --- files that are not there, or not files --------------------------------------------------------


def test_directory_where_a_file_should_be(run, kb_copy: Path) -> None:
    (kb_copy / "law.yaml").unlink()
    (kb_copy / "law.yaml").mkdir()
    _refused(run, kb_copy, "law.yaml", re.escape(str(kb_copy)), extra="is a folder")


def test_missing_file(run, kb_copy: Path) -> None:
    (kb_copy / "law.yaml").unlink()
    _refused(run, kb_copy, "law.yaml", re.escape(str(kb_copy)), extra="missing")


def test_unreadable_file(run, kb_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests run as root, and chmod 000 does not stop root from reading; so make opening that one file
    fail the way it does for an ordinary user (PermissionError) by wrapping os.open (what the loader uses)."""
    target = os.path.realpath(kb_copy / "law.yaml")
    real_open = os.open

    def guarded_open(path, *args, **kwargs):  # noqa: ANN001, ANN202
        if os.fspath(path) == target:
            raise PermissionError(13, "Permission denied", target)
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded_open)
    _refused(run, kb_copy, "law.yaml", r"law\.yaml: cannot be read", extra="Permission denied")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_by_mode(run, kb_copy: Path) -> None:
    (kb_copy / "law.yaml").chmod(0)
    _refused(run, kb_copy, "law.yaml", r"law\.yaml: cannot be read", extra="Permission denied")


def test_symlink_loop(run, kb_copy: Path) -> None:
    (kb_copy / "law.yaml").unlink()
    (kb_copy / "law.yaml").symlink_to("law.yaml")
    _refused(run, kb_copy, "law.yaml", r"law\.yaml: cannot be read", extra="symbolic links")


def test_symlink_loop_through_two_files(run, kb_copy: Path) -> None:
    (kb_copy / "law.yaml").unlink()
    (kb_copy / "law.yaml").symlink_to("other.yaml")
    (kb_copy / "other.yaml").symlink_to("law.yaml")
    _refused(run, kb_copy, "law.yaml", r"law\.yaml: cannot be read", extra="symbolic links")


def test_dangling_symlink(run, kb_copy: Path) -> None:
    (kb_copy / "law.yaml").unlink()
    (kb_copy / "law.yaml").symlink_to("nowhere.yaml")
    _refused(run, kb_copy, "law.yaml", r"law\.yaml: cannot be read")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_where_a_file_should_be(run, kb_copy: Path) -> None:
    """Opening a FIFO blocks until someone writes to it: it must be refused, never opened."""
    (kb_copy / "law.yaml").unlink()
    os.mkfifo(kb_copy / "law.yaml")
    _refused(run, kb_copy, "law.yaml", re.escape(str(kb_copy)), extra="not a regular file")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_endless_device_where_a_file_should_be(run, kb_copy: Path) -> None:
    """A link to /dev/zero leads outside the folder: refused before anything is opened (tests/test_kb_symlinks.py
    has the other links out of a folder)."""
    (kb_copy / "law.yaml").unlink()
    (kb_copy / "law.yaml").symlink_to("/dev/zero")
    _refused(run, kb_copy, "law.yaml", re.escape(str(kb_copy)), extra="leads outside the knowledge folder")


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to make a device node")
def test_endless_device_inside_the_folder(run, kb_copy: Path) -> None:
    (kb_copy / "law.yaml").unlink()
    os.mknod(kb_copy / "law.yaml", 0o600 | stat.S_IFCHR, os.makedev(1, 5))  # what /dev/zero is
    _refused(run, kb_copy, "law.yaml", re.escape(str(kb_copy)), extra="not a regular file")


def test_symlink_to_a_good_file_loads(run, kb_copy: Path) -> None:
    """A link within the folder is followed (one leading outside is refused: tests/test_kb_symlinks.py)."""
    (kb_copy / "old").mkdir()
    elsewhere = kb_copy / "old" / "elsewhere.yaml"
    (kb_copy / "law.yaml").rename(elsewhere)
    (kb_copy / "law.yaml").symlink_to(elsewhere)
    _loads(run, kb_copy)


@pytest.mark.parametrize("where", ["file", "missing", "loop"])
def test_knowledge_folder_itself_is_wrong(run, tmp_path: Path, kb_copy: Path, where: str) -> None:
    folder = {"file": kb_copy / "law.yaml", "missing": tmp_path / "nowhere", "loop": tmp_path / "loop"}[where]
    if where == "loop":
        folder.symlink_to(folder)
    for args in (("kb", "validate", str(folder)), ("interventions", "--kb", str(folder))):
        result = run(*args)
        assert result.exit_code == 1
        assert result.stderr.startswith("Error: Knowledge folder") and result.stderr.count("\n") == 1
        assert str(folder) in result.stderr


def test_hostile_folder_through_vold_kb(run, kb_copy: Path) -> None:
    (kb_copy / "law.yaml").write_text(BILLION_LAUGHS, encoding="utf-8")
    result = run("interventions", env={"VOLD_KB": str(kb_copy)})
    assert result.exit_code == 1 and "anchors and aliases" in result.stderr and result.stderr.count("\n") == 1


# --- YAML that tries to build objects ---------------------------------------------------------------


@pytest.mark.parametrize("tag", [
    "!!python/object/apply:os.system ['touch {canary}']",
    "!!python/object/new:os.system ['touch {canary}']",
    "!!python/object:pathlib.Path {{}}",
    "!!python/name:os.system",
    "!!python/module:os",
    "!!python/tuple [1, 2]",
    "!!python/str x",
    "!custom thing",
    "!<tag:example.com,2024:x> y",
])
def test_python_object_tags_are_refused_and_never_run(run, kb_copy: Path, tmp_path: Path, tag: str) -> None:
    canary = tmp_path / "canary"
    text = _rewrite(kb_copy, "law.yaml", lambda t: t.replace('name: "Serviceloven"',
                                                             "name: " + tag.format(canary=canary), 1))
    line = _line_of(text, "name: !")
    _refused(run, kb_copy, "law.yaml", rf"line {line}, column \d+", extra="tag")
    assert not canary.exists()


def test_python_tag_at_top_level(run, kb_copy: Path, tmp_path: Path) -> None:
    canary = tmp_path / "canary"
    (kb_copy / "law.yaml").write_text(f"!!python/object/apply:os.system ['touch {canary}']\n", encoding="utf-8")
    _refused(run, kb_copy, "law.yaml", r"line 1, column 1", extra="not allowed")
    assert not canary.exists()


# --- values that parse but must not be computed with ------------------------------------------------


@pytest.mark.parametrize("file,old,new,place", [
    ("prevalence.yaml", "population: 5602628", "population: " + "9" * 5000, r"line 6, column \d+"),
    ("law.yaml", 'date: "2025-09-22"', "date: 2025-02-30", r"line \d+, column \d+"),
    ("prevalence.yaml", "population: 5602628", "population: 0", r"reference_population\.population"),
    ("benchmarks.yaml", "per_inhabitants: 10000", "per_inhabitants: 0",
     r"benchmarks\[0\] \(id 'shelter-family-places'\)\.per_inhabitants"),
    ("benchmarks.yaml", "places: 1", "places: .inf", r"benchmarks\[0\] \(id 'shelter-family-places'\)\.places"),
    ("profile.yaml", "percent: ", "percent: .nan #", r"\(id '[a-z-]+'\)\.percent"),
], ids=["int-5000-digits", "february-30", "zero-population", "zero-divisor", "infinite", "nan"])
def test_numbers_that_would_crash_the_arithmetic(run, kb_copy: Path, file: str, old: str, new: str,
                                                 place: str) -> None:
    _rewrite(kb_copy, file, lambda t: t.replace(old, new, 1))
    _refused(run, kb_copy, file, place)
    result = run("estimate", "--municipality", "Aarhus", "--kb", str(kb_copy))
    assert result.exit_code == 1 and "internal error" not in result.stderr


# --- the knowledge base as a whole ------------------------------------------------------------------


def test_ids_that_collide_across_files(run, kb_copy: Path) -> None:
    _rewrite(kb_copy, "interventions.yaml", lambda t: t.replace("- id: intro-evidence-exists", "- id: sel-109", 1))
    message = _refused(run, kb_copy, "interventions.yaml", r"statements\[0\]", extra="law.yaml: entries\\[0\\]")
    assert "'sel-109'" in message and "unique" in message


MARKUP = "[bold red]x[/] <script>alert(1)</script> %s {0} [link=https://example.com]y[/link]"


def test_rich_markup_and_html_in_texts_are_printed_literally(run, kb_copy: Path) -> None:
    _rewrite(kb_copy, "interventions.yaml",
             lambda t: t.replace('name: {da: "Safe Dates", en: "Safe Dates"}',
                                 f"name: {{da: {json.dumps(MARKUP)}, en: {json.dumps(MARKUP)}}}", 1))
    wide = {"COLUMNS": "300"}
    table = _loads(run, kb_copy, env=wide)
    assert "[bold red]x[/]" in table and "<script>alert(1)</script>" in table and "[link=" in table
    shown = run("interventions", "safe-dates", "--kb", str(kb_copy), env=wide)
    assert shown.exit_code == 0 and MARKUP in shown.stdout
    as_json = run("interventions", "safe-dates", "--kb", str(kb_copy), "--format", "json")
    assert as_json.exit_code == 0 and json.loads(as_json.stdout)["name"] == MARKUP
    found = run("search", "alert", "--kb", str(kb_copy), env=wide)
    assert found.exit_code == 0 and "[bold red]x[/]" in found.stdout
