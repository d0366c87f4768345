"""CONTRIBUTING.md's recipes, followed to the letter: a copy of src/ and knowledge/ gets exactly the code blocks of a
recipe, placed where each block's first line says, and the new command, section or format then works through
`python -m vold_cli` in both languages, help included, while the rest of vold still works. The files a recipe
touches are the ones its text names, no more than it promises and no more than issue 25 allows (a command 3 files
of src/, a section 4, a format 2). A recipe whose text or code goes stale fails here."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CONTRIBUTING = ROOT / "CONTRIBUTING.md"
#: Issue 25's limits: files of src/ that adding each thing may touch.
LIMITS = {"Add a command": 3, "Add a knowledge section": 4, "Add an output format": 2}


def recipe(title: str) -> str:
    """The text of the recipe `## <title> ...` of CONTRIBUTING.md."""
    text = CONTRIBUTING.read_text(encoding="utf-8")
    start = re.search(rf"^## {re.escape(title)}\b.*$", text, flags=re.M)
    assert start, f"CONTRIBUTING.md has no recipe '## {title}'"
    end = text.find("\n## ", start.end())
    return text[start.end():end if end >= 0 else len(text)]


_BLOCK = re.compile(r"^```(?:python|yaml)\n# (?P<file>\S+)(?: \((?P<new>new file)\)|, (?P<where>[^\n]+))?\n"
                    r"(?P<code>.*?)^```$", flags=re.M | re.S)


def blocks(text: str) -> list[tuple[str, str, str]]:
    """(file, where, code) of each code block: where is 'new file', 'above NAME', 'at the end of NAME' or 'at the
    end'."""
    found = [(m["file"], "new file" if m["new"] else (m["where"] or ""), m["code"]) for m in _BLOCK.finditer(text)]
    assert found, "the recipe shows no code block"
    return found


def _span(lines: list[str], name: str) -> tuple[int, int]:
    """The first line of the top-level definition of `name` (a class, a function or an assignment) and the line
    after it ends (the next line at column 0 that is not blank)."""
    start = next((i for i, line in enumerate(lines)
                  if re.match(rf"(class|def) {re.escape(name)}\b|{re.escape(name)}\s*[:=]", line)), None)
    assert start is not None, f"no top-level {name}"
    end = next((i for i in range(start + 1, len(lines)) if lines[i][:1].strip()), len(lines))
    return start, end


def place(source: str, where: str, code: str) -> str:
    """`code` put into `source` where the block's first line says."""
    lines = source.splitlines(keepends=True)
    if where == "at the end":
        return source.rstrip("\n") + "\n\n\n" + code
    if where.startswith("above "):
        start, _ = _span(lines, where.removeprefix("above "))
        return "".join(lines[:start] + [code] + lines[start:])
    assert where.startswith("at the end of "), f"unknown place {where!r}"
    start, end = _span(lines, where.removeprefix("at the end of "))
    if end < len(lines) and lines[end][:1] in ")]}":  # a tuple, list or dict: before its closing bracket
        return "".join(lines[:end] + [code] + lines[end:])
    last = max(i for i in range(start, end) if lines[i].strip())  # a class: after its last line
    return "".join(lines[:last + 1] + [code] + lines[last + 1:])


def follow(title: str, copy: Path) -> set[str]:
    """Apply the recipe's blocks to `copy` (a copy of the repository's src/ and knowledge/); the files of src/ it
    touched."""
    text = recipe(title)
    touched = set()
    for file, where, code in blocks(text):
        target = copy / file
        if where == "new file":
            assert not target.exists(), f"{file} exists already"
            target.write_text(code, encoding="utf-8")
        else:
            target.write_text(place(target.read_text(encoding="utf-8"), where, code), encoding="utf-8")
        if file.startswith("src/"):
            touched.add(file)
    return touched


def promised(title: str) -> int:
    found = re.search(r"Files of `src/`: at most (\d+)", recipe(title))
    assert found, f"the recipe '{title}' does not say how many files of src/ it touches"
    return int(found[1])


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(ROOT / "src", root / "src", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "knowledge", root / "knowledge")
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    return root


def vold(copy: Path, *args: str, lang: str = "en") -> subprocess.CompletedProcess[str]:
    """`python -m vold_cli ARGS` run from the copy (its src/ first on the path), answering in `lang`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VOLD_", "PYTHON", "LC_"))}
    env.update({"PYTHONPATH": str(copy / "src"), "VOLD_CACHE_DIR": str(copy.parent / "cache"), "VOLD_LANG": lang,
                "LANG": "C.UTF-8", "COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb", "VOLD_TODAY": "2026-01-15"})
    return subprocess.run([sys.executable, "-m", "vold_cli", *args], capture_output=True, text=True, env=env,
                          cwd=copy.parent, timeout=120, check=False)


def ok(copy: Path, *args: str, lang: str = "en") -> str:
    result = vold(copy, *args, lang=lang)
    assert result.returncode == 0, (args, lang, result.stderr)
    return result.stdout


def one_language(text: str, lang: str) -> None:
    from test_language import ALLOW_IN_DA, ALLOW_IN_EN, DANISH, ENGLISH, offending

    bad = offending(text, *((ENGLISH, ALLOW_IN_DA) if lang == "da" else (DANISH, ALLOW_IN_EN)))
    assert not bad, f"in the other language than {lang}:\n" + "\n".join(bad)


def test_the_copy_runs_from_its_own_source(copy: Path) -> None:
    """The harness itself: the copy is what runs, so a change to it shows (and the repository's does not)."""
    (copy / "src" / "vold_cli" / "__init__.py").write_text('__version__ = "0.0.0-copy"\n', encoding="utf-8")
    assert ok(copy, "--version").strip() == "vold 0.0.0-copy"


def test_placing_follows_the_words_of_the_block() -> None:
    source = 'X = (\n    1,\n)\n\n\nclass K:\n    a: int\n\n\ndef f() -> None:\n    pass\n'
    assert place(source, "at the end of X", "    2,\n").startswith("X = (\n    1,\n    2,\n)")
    assert "class K:\n    a: int\n    b: int\n\n\ndef f" in place(source, "at the end of K", "    b: int\n")
    assert place(source, "above K", "class J:\n    pass\n\n\n").count("class J:\n    pass\n\n\nclass K") == 1
    assert place(source, "at the end", "Y = 1\n").endswith("pass\n\n\nY = 1\n")
    with pytest.raises(AssertionError):
        place(source, "somewhere", "")


@pytest.mark.parametrize("title", list(LIMITS))
def test_each_recipe_promises_no_more_files_than_the_issue_allows_and_names_them(title: str) -> None:
    text = recipe(title)
    assert promised(title) <= LIMITS[title]
    src_files = {file for file, _, _ in blocks(text) if file.startswith("src/")}
    assert len(src_files) <= promised(title), sorted(src_files)
    named = [re.compile(re.sub(r"<[^>]+>", "[a-z_]+", re.escape(n)))  # <name> stands for a name
             for n in re.findall(r"^\d+\. `(src/[^`]+)`", text, flags=re.M)]
    for file in src_files:  # each file a block touches is one that the numbered steps name
        assert any(pattern.fullmatch(file) for pattern in named), (file, [p.pattern for p in named])


def test_add_a_command(copy: Path) -> None:
    touched = follow("Add a command", copy)
    assert len(touched) <= promised("Add a command")
    name = re.search(r"commands/(\w+)\.py", " ".join(sorted(touched)))[1]
    for lang in ("da", "en"):
        shown = ok(copy, name, lang=lang)
        assert shown.strip(), lang
        one_language(shown, lang)
        help_text = ok(copy, name, "-h", lang=lang)
        one_language(help_text, lang)
        assert ("Eksempler:" if lang == "da" else "Examples:") in help_text and f"vold {name} --format json" in help_text
        listed = ok(copy, "--help", lang=lang)
        assert re.search(rf"^  {name} +\S", listed, flags=re.M), listed
    data = json.loads(ok(copy, name, "--format", "json"))
    assert data and all(record["id"] for record in data)
    assert ok(copy, "law", "109").strip()  # the rest still works


def test_add_a_knowledge_section(copy: Path) -> None:
    touched = follow("Add a knowledge section", copy)
    assert len(touched) <= promised("Add a knowledge section")
    stem = re.search(r"knowledge/(\w+)\.yaml", recipe("Add a knowledge section"))[1]
    assert (copy / "knowledge" / f"{stem}.yaml").is_file()
    counts = json.loads(ok(copy, "kb", "validate", "--format", "json"))["counts"]
    assert counts[stem], counts
    danish_info = " ".join(ok(copy, "kb", "info", lang="da").split())
    for key, number in counts[stem].items():  # what the file holds, in Danish words, not its YAML keys
        assert f"{number} {key}" not in danish_info, key
    for lang in ("da", "en"):
        shown = ok(copy, stem, lang=lang)
        one_language(shown, lang)
        one_language(ok(copy, stem, "-h", lang=lang), lang)
        info = ok(copy, "kb", "info", lang=lang)
        one_language(info, lang)
        assert f"{stem}.yaml" in info
        listed = ok(copy, "--help", lang=lang)
        assert re.search(rf"^  {stem} +\S", listed, flags=re.M)
    data = json.loads(ok(copy, stem, "--format", "json", lang="da"))
    first = next(value for value in data.values() if isinstance(value, list))[0]
    texts = " ".join(value for key, value in first.items() if key != "id" and isinstance(value, str))
    word = max(re.findall(r"\w+", texts), key=len)  # the longest word of its texts, searched in Danish
    hits = json.loads(ok(copy, "search", word, "--format", "json", lang="da"))
    assert any(f"vold {stem}" in json.dumps(hit, ensure_ascii=False) for hit in hits), hits
    assert ok(copy, "law", "109").strip() and ok(copy, "estimate", "-p", "43000").strip()


def test_add_an_output_format(copy: Path) -> None:
    touched = follow("Add an output format", copy)
    assert len(touched) <= promised("Add an output format")
    name = re.search(r'register\(Format\("(\w+)"', recipe("Add an output format"))[1]
    for lang in ("da", "en"):
        out = ok(copy, "law", "--format", name, lang=lang)
        lines = out.splitlines()
        assert lines[0].split("\t")[0] == "id" and len(lines) > 2
        help_text = " ".join(ok(copy, "law", "-h", lang=lang).split())
        assert f"|{name}]" in help_text or f"|{name}|" in help_text
        purpose = re.search(rf'"{lang}": "([^"]+)"', recipe("Add an output format"))[1]
        assert f"{name} {purpose}" in help_text, help_text
    refused = vold(copy, "report", "-p", "5000", "--format", name)
    assert refused.returncode == 2 and refused.stdout == ""
    assert ok(copy, "law", "109", "--format", "json").startswith("{")
