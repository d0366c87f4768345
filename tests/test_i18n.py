"""One bilingual text, chosen once at the edge (issue 25): the shape of the code that keeps it so.

- vold's own messages are `Bilingual(da, en)` values until the edge picks one side; no raise site passes a bare
  string, and no table translates English templates into Danish;
- "Did you mean" / "Mente du" are worded in one place;
- Click's and Typer's messages come from the gettext catalogue (the .po in the repository, compiled to a .mo),
  bound with the gettext module; no vold module assigns anything into a click or typer module;
- the base layer may use the bilingual type and nothing else of i18n/.
"""

from __future__ import annotations

import ast
import copy
import gettext
import os
import pickle
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from vold_cli.errors import NotFound, UsageError
from vold_cli.i18n import click_gettext
from vold_cli.i18n.bilingual import Bilingual, pick, tr

SRC = Path(__file__).resolve().parents[1] / "src" / "vold_cli"
MODULES = sorted(SRC.rglob("*.py"))
ERRORS = {"VoldError", "KnowledgeError", "NotFound", "UsageError", "OutputError", "PortfolioError", "UnknownEntry"}


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


# --- the bilingual type ---------------------------------------------------------------------------------


def test_pick_takes_one_side_of_either_kind_of_text():
    text = Bilingual("Ukendt kommune.", "Unknown municipality.")
    assert pick(text, "da") == "Ukendt kommune." and pick(text, "en") == "Unknown municipality."
    assert pick({"da": "Unge", "en": "Young people"}, "da") == "Unge"  # the knowledge's {da, en}
    assert pick({"da": "", "en": "Young people"}, "da") == "Young people"  # a missing side: English
    assert pick(None, "da") == ""
    assert tr("da", "ja", "yes") == "ja" and tr("en", "ja", "yes") == "yes"


def test_bilingual_fills_each_side_with_its_own_words():
    where = Bilingual("linje 3: ", "line 3: ")
    text = Bilingual("{name}: {where}ukendt {what}.", "{name}: {where}unknown {what}.").format(
        name="law.yaml", where=where, what=Bilingual("lov", "act"))
    assert text == Bilingual("law.yaml: linje 3: ukendt lov.", "law.yaml: line 3: unknown act.")
    joined = Bilingual.same(", ").join([Bilingual("a", "b"), "c"]) + Bilingual(" og mere", " and more")
    assert joined == Bilingual("a, c og mere", "b, c and more")
    assert "x " + Bilingual("y", "z") == Bilingual("x y", "x z")
    assert str(text) == "law.yaml: line 3: unknown act."  # what logs and tests read


def test_bilingual_is_immutable_and_survives_copies():
    text = Bilingual("a", "b")
    with pytest.raises(AttributeError):
        text.da = "c"  # type: ignore[misc]
    assert copy.deepcopy(text) == text and pickle.loads(pickle.dumps(text)) == text
    assert {text: 1}[Bilingual("a", "b")] == 1


def test_an_error_carries_both_languages_and_says_one():
    error = UsageError(Bilingual("Tom kommune.", "Empty municipality."), hint=Bilingual("Giv et navn.", "Give a name."))
    assert error.text("da") == "Tom kommune. Giv et navn."
    assert error.text("en") == str(error) == "Empty municipality. Give a name."
    assert NotFound(Bilingual("a\x1bb", "a\x1bb")).text("da") == "a\\x1bb"  # one harmless line in any language


# --- the shape of the code -------------------------------------------------------------------------------


def _error_calls() -> list[tuple[Path, ast.Call]]:
    out = []
    for path in MODULES:
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.Call):
                name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
                if name in ERRORS:
                    out.append((path, node))
    return out


def _is_text(node: ast.expr | None) -> bool:
    """A message written as plain text: a string, an f-string, or strings put together."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str) or isinstance(node, ast.JoinedStr):
        return True
    return isinstance(node, ast.BinOp) and (_is_text(node.left) or _is_text(node.right))


def test_no_error_is_raised_with_a_text_in_one_language():
    calls = _error_calls()
    assert len(calls) > 100  # the scan sees the raise sites
    bare = [f"{path.relative_to(SRC)}:{call.lineno}" for path, call in calls
            if _is_text(call.args[0] if call.args else None)
            or any(k.arg == "hint" and _is_text(k.value) for k in call.keywords)]
    assert not bare, "errors raised with a one-language text (write Bilingual(da, en)):\n" + "\n".join(bare)


def test_the_one_language_scan_finds_a_bare_message():
    call = ast.parse('raise UsageError(f"Bad {x}.", hint="Fix it.")').body[0].exc  # type: ignore[attr-defined]
    assert _is_text(call.args[0]) and _is_text(call.keywords[0].value)
    call = ast.parse('raise UsageError(Bilingual("Dårlig.", "Bad."))').body[0].exc  # type: ignore[attr-defined]
    assert not _is_text(call.args[0])


def _bilingual_literals() -> list[tuple[str, str, str]]:
    out = []
    for path in MODULES:
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Bilingual":
                given = dict(zip(("da", "en"), node.args, strict=False)) | {k.arg: k.value for k in node.keywords}
                if all(isinstance(given.get(side), ast.Constant) for side in ("da", "en")):
                    da, en = (given[side].value for side in ("da", "en"))  # type: ignore[attr-defined]
                    out.append((f"{path.relative_to(SRC)}:{node.lineno}", da, en))
    return out


def test_both_sides_of_a_written_pair_are_written():
    pairs = _bilingual_literals()
    assert len(pairs) > 150
    words = re.compile(r"[A-Za-zÆØÅæøå]{2,}")
    # the same words on both sides is a text that was never translated (a single word such as Id is the same)
    same = [where for where, da, en in pairs if da == en and len(words.findall(re.sub(r"\{\w*\}", "", da))) > 1]
    empty = [where for where, da, en in pairs if bool(da.strip()) != bool(en.strip())]
    assert not same and not empty, (same, empty)


def _is_template_table(node: ast.Dict) -> bool:
    """An English template -> Danish template table: the machinery of translation by pattern."""
    if len(node.keys) < 3 or not all(isinstance(k, ast.Constant) and isinstance(k.value, str) for k in node.keys):
        return False
    if not all(isinstance(v, ast.Constant) and isinstance(v.value, str) for v in node.values):
        return False
    placeholder = re.compile(r"\{\w+(?:![rsa])?\}")
    shared = [k for k, v in zip(node.keys, node.values, strict=True)
              if placeholder.search(k.value) and set(placeholder.findall(k.value)) == set(placeholder.findall(v.value))]  # type: ignore[union-attr]
    return len(shared) >= 2


def test_no_english_is_translated_into_danish_by_pattern():
    tables = [f"{path.relative_to(SRC)}:{node.lineno}" for path in MODULES for node in ast.walk(_tree(path))
              if isinstance(node, ast.Dict) and _is_template_table(node)]
    assert not tables, f"English -> Danish template tables: {tables}"
    assert not (SRC / "i18n" / "messages.py").exists()
    for path in (SRC / "i18n").glob("*.py"):  # the language layer matches no patterns at all
        imported = {a.name for n in ast.walk(_tree(path)) if isinstance(n, ast.Import) for a in n.names}
        imported |= {n.module for n in ast.walk(_tree(path)) if isinstance(n, ast.ImportFrom) and n.module}
        assert "re" not in imported, path.name


def test_the_pattern_scan_finds_a_template_table():
    old = ast.parse('DA = {"Unknown municipality {name}.": "Ukendt kommune {name}.", '
                    '"No intervention with id {ident}.": "Ingen indsats med id {ident}.", "Aborted.": "Afbrudt."}')
    assert _is_template_table(old.body[0].value)  # type: ignore[attr-defined]
    fine = ast.parse('WORDS = {"acts": "love", "goals": "mål", "levels": "niveauer"}')
    assert not _is_template_table(fine.body[0].value)  # type: ignore[attr-defined]


def _strings(tree: ast.Module) -> list[str]:
    """The string constants of a module's code (f-string parts too), not its docstrings or comments."""
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
                  and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


def test_did_you_mean_is_worded_in_one_place():
    """In vold's code (docstrings may talk about it). The Danish catalogue of Click's messages (the .po) holds
    Click's own 'Did you mean {possibility}?', which is Click's message, not vold's."""
    for words in ("Did you mean", "Mente du"):
        places = [(path.relative_to(SRC).as_posix(), n) for path in MODULES
                  if (n := sum(text.count(words) for text in _strings(_tree(path))))]
        assert places == [("text.py", 1)], (words, places)


def _module_aliases(tree: ast.Module) -> set[str]:
    """Names bound to a click or typer module in this file (`import click`, `from click import core`, a module
    taken from sys.modules)."""
    import importlib.util

    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in ("click", "typer"):
                    names.add(alias.asname or alias.name.split(".")[0])
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in ("click", "typer"):
            for alias in node.names:
                try:
                    submodule = importlib.util.find_spec(f"{node.module}.{alias.name}") is not None
                except (ImportError, ValueError):
                    submodule = False
                if submodule:
                    names.add(alias.asname or alias.name)
        elif isinstance(node, ast.Assign) and "sys.modules" in ast.unparse(node.value):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return names


def _assignments_into_modules(tree: ast.Module) -> list[int]:
    """Lines that assign an attribute of a click or typer module (`click.core._ = ...`, `setattr(module, ...)`)."""
    aliases = _module_aliases(tree)

    def rooted(node: ast.expr) -> bool:
        while isinstance(node, ast.Attribute):
            node = node.value
        return isinstance(node, ast.Name) and node.id in aliases or (
            isinstance(node, ast.Subscript) and "sys.modules" in ast.unparse(node))

    found = []
    for node in ast.walk(tree):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("setattr", "delattr"):
            targets = [ast.Attribute(value=node.args[0], attr="x")] if node.args else []
        found += [node.lineno for t in targets if isinstance(t, ast.Attribute) and rooted(t.value)]
    return found


def test_no_vold_module_assigns_into_click_or_typer():
    offending = {str(path.relative_to(SRC)): lines for path in [*MODULES, SRC.parents[1] / "hatch_build.py"]
                 if (lines := _assignments_into_modules(_tree(path)))}
    assert not offending


def test_the_assignment_scan_finds_rebinding():
    old = ast.parse("import sys\nfor name in MODULES:\n    module = sys.modules.get(name)\n    module._ = one\n")
    assert _assignments_into_modules(old) == [4]
    assert _assignments_into_modules(ast.parse("import click\nclick.core._ = f\n")) == [2]
    assert _assignments_into_modules(ast.parse("from click import core\nsetattr(core, '_', f)\n")) == [2]
    assert _assignments_into_modules(ast.parse("import click\nparam = click.Option(['-x'])\nparam.help = 'x'\n")) == []


def test_the_base_layer_uses_only_the_bilingual_type_of_i18n():
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    rules = tomllib.loads((SRC / "ruff.toml").read_text(encoding="utf-8"))["lint"]["flake8-tidy-imports"]["banned-api"]
    modules = {f"vold_cli.i18n.{p.stem}" for p in (SRC / "i18n").glob("*.py") if p.stem not in ("__init__", "bilingual")}
    assert modules <= set(rules), f"not banned for the base layer: {sorted(modules - set(rules))}"
    assert "vold_cli.i18n.bilingual" not in rules and "vold_cli.i18n" not in rules
    bilingual = _tree(SRC / "i18n" / "bilingual.py")
    assert not [n for n in ast.walk(bilingual) if isinstance(n, ast.ImportFrom) and (n.module or "").startswith("vold_cli")]


# --- Click's catalogue --------------------------------------------------------------------------------------


def _po() -> str:
    return Path(click_gettext.PO).read_text(encoding="utf-8")


def test_the_catalogue_compiles_to_what_gettext_reads():
    import io

    catalogue = gettext.GNUTranslations(io.BytesIO(click_gettext.compile_po(_po())))
    assert catalogue.gettext("Usage:") == "Brug:"
    assert catalogue.ngettext("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})",
                              2) == "Uventede ekstra argumenter ({args})"
    assert catalogue.ngettext("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})",
                              1) == "Uventet ekstra argument ({args})"
    assert catalogue.gettext("not in the catalogue") == "not in the catalogue"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext's msgfmt is not installed")
def test_the_catalogue_compiles_as_gnu_msgfmt_does(tmp_path):
    import io

    gnu = tmp_path / "gnu.mo"
    subprocess.run(["msgfmt", "--check-format", "-o", str(gnu), click_gettext.PO], check=True, capture_output=True)
    ours = gettext.GNUTranslations(io.BytesIO(click_gettext.compile_po(_po())))
    with gnu.open("rb") as handle:
        theirs = gettext.GNUTranslations(handle)
    assert ours._catalog == theirs._catalog  # type: ignore[attr-defined]


def test_the_po_reader_keeps_escapes_plurals_and_leaves_out_fuzzy_entries():
    text = ('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
            '#, fuzzy\nmsgid "Old"\nmsgstr "Gammel"\n\n'
            'msgid "Choose from:\\n\\t{choices}"\nmsgstr ""\n"Vælg mellem:\\n"\n"\\t{choices}"\n\n'
            'msgid "one"\nmsgid_plural "many"\nmsgstr[0] "én"\nmsgstr[1] "mange"\n\n'
            'msgid "Untranslated"\nmsgstr ""\n')
    entries = {e.msgid: e for e in click_gettext.parse_po(text)}
    assert "Old" not in entries
    assert entries["Choose from:\n\t{choices}"].msgstr == ["Vælg mellem:\n\t{choices}"]
    assert (entries["one"].plural, entries["one"].msgstr) == ("many", ["én", "mange"])
    import io

    compiled = gettext.GNUTranslations(io.BytesIO(click_gettext.compile_po(text)))
    assert compiled.gettext("Untranslated") == "Untranslated" and compiled.ngettext("one", "many", 5) == "mange"
    with pytest.raises(ValueError, match="line 2"):
        click_gettext.parse_po('msgid "a"\nmsgstrr "b"\n')


@pytest.fixture
def restored():
    """The global gettext state and LANGUAGE as they were, whatever the test did."""
    domain, language = gettext.textdomain(), os.environ.get("LANGUAGE")
    yield
    click_gettext.activate("en")
    gettext.textdomain(domain)
    if language is None:
        os.environ.pop("LANGUAGE", None)
    else:
        os.environ["LANGUAGE"] = language


def test_danish_binds_the_catalogue_and_english_puts_back_what_was_there(restored, monkeypatch):
    import click

    monkeypatch.setenv("LANGUAGE", "fr:da")  # a user's own list: Danish among others
    before = gettext.textdomain()
    click_gettext.activate("da")
    assert gettext.textdomain() == click_gettext.DOMAIN and os.environ["LANGUAGE"] == "da"
    assert gettext.gettext("Usage:") == "Brug:"
    assert click.UsageError("x").format_message() == "x"
    assert "Mangler" in click.MissingParameter(param_type="option").format_message()  # click's own gettext call
    click_gettext.activate("en")
    assert gettext.textdomain() == before and os.environ["LANGUAGE"] == "fr:da"
    assert gettext.gettext("Usage:") == "Usage:"


def test_an_english_run_touches_no_gettext_state(run, restored, monkeypatch):
    monkeypatch.delenv("LANGUAGE", raising=False)
    click_gettext.activate("en")
    domain = gettext.textdomain()
    assert run("-h", "--lang", "en").stdout.startswith("Usage: ")
    assert gettext.textdomain() == domain and "LANGUAGE" not in os.environ
    assert run("-h", "--lang", "da").stdout.startswith("Brug: ")
    assert run("-h", "--lang", "en").stdout.startswith("Usage: ")
    assert gettext.textdomain() == domain and "LANGUAGE" not in os.environ


def test_a_stale_catalogue_is_compiled_at_first_use(tmp_path, monkeypatch):
    locale = tmp_path / "locale"
    folder = locale / "da" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po, mo = folder / "vold.po", folder / "vold.mo"
    po.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Usage:"\nmsgstr "Brug:"\n',
                  encoding="utf-8")
    monkeypatch.setattr(click_gettext, "LOCALE", str(locale))
    monkeypatch.setattr(click_gettext, "PO", str(po))
    monkeypatch.setattr(click_gettext, "MO", str(mo))
    monkeypatch.setattr(click_gettext, "_bound", None)
    assert click_gettext.locale_dir() == str(locale) and mo.exists()  # missing: compiled beside the .po
    assert oct(mo.stat().st_mode & 0o777) != oct(0o600)  # readable like the build hook's
    mo.write_bytes(b"old")
    os.utime(mo, ns=(po.stat().st_mtime_ns - 10**9,) * 2)  # older than the .po: the .po was edited since
    monkeypatch.setattr(click_gettext, "_bound", None)
    click_gettext.locale_dir()
    assert mo.read_bytes() == click_gettext.compile_po(po.read_text(encoding="utf-8"))

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError("read-only")

    monkeypatch.setattr(click_gettext, "_bound", None)
    os.utime(mo, ns=(po.stat().st_mtime_ns - 10**9,) * 2)
    import tempfile

    real_mkdtemp = tempfile.mkdtemp
    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    monkeypatch.setattr(tempfile, "mkdtemp", lambda **kw: real_mkdtemp(dir=tmp_path, **kw))
    private = click_gettext.locale_dir()  # the source tree cannot be written: a private folder for this process
    assert private != str(locale) and Path(private, "da", "LC_MESSAGES", "vold.mo").is_file()


def test_the_build_hook_compiles_the_catalogue():
    import importlib.util

    spec = importlib.util.spec_from_file_location("hatch_build", SRC.parents[1] / "hatch_build.py")
    assert spec is not None and spec.loader is not None
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    assert hook._compile_catalogue(SRC.parent) == click_gettext.compile_po(_po())


# --- the answer, through the command line -----------------------------------------------------------------


@pytest.mark.parametrize(("lang", "expected"), [
    ("da", "Fejl: Ugyldig værdi for '--year' / '-y': 'abc' er ikke et gyldigt tal. Prøv 'vold estimate --help'.\n"),
    ("en", "Error: Invalid value for '--year' / '-y': 'abc' is not a valid integer. Try 'vold estimate --help'.\n"),
])
def test_clicks_words_and_volds_words_in_one_line(run, lang, expected):
    assert run("estimate", "-m", "Viborg", "--year", "abc", "--lang", lang).stderr == expected


@pytest.mark.parametrize("lang", ["da", "en"])
def test_region_hint_comes_from_the_one_place(run, lang):
    result = run("estimate", "--region", "Sjælan", "--lang", lang)
    assert result.stderr == ("Fejl: Ukendt region 'Sjælan'. Mente du: Sjælland?\n" if lang == "da"
                             else "Error: Unknown region 'Sjælan'. Did you mean: Sjælland?\n")


def test_unknown_values_are_listed_in_the_users_words(run):
    da = run("interventions", "--phase", "fjerde", "--lang", "da").stderr
    en = run("interventions", "--phase", "fjerde", "--lang", "en").stderr
    assert da == "Fejl: Ugyldig værdi 'fjerde' for --phase. Vælg mellem: primær, sekundær, tertiær.\n"
    assert en == "Error: Invalid value 'fjerde' for --phase. Choose from: primary, secondary, tertiary.\n"


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_file_notice_speaks_the_answers_language(run, tmp_path, lang):
    target = tmp_path / "skøn.md"
    result = run("estimate", "-p", "43000", "-f", "markdown", "-o", str(target), "--lang", lang)
    size = target.stat().st_size
    assert result.stderr == (f"Skrev {target} ({size:,} byte).\n".replace(",", ".") if lang == "da"
                             else f"Wrote {target} ({size:,} bytes).\n")
    template = tmp_path / "tilbud.csv"
    result = run("check", "--template", "-o", str(template), "--lang", lang)
    assert result.stderr == (f"Skrev {template}.\n" if lang == "da" else f"Wrote {template}.\n")
