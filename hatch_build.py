"""Build hook: validate the bundled knowledge and ship it inside the wheel as generated data.

`vold` on the bundled knowledge then starts from one JSON file (`vold_cli/knowledge.json`: the validated data,
the schema fingerprint and a SHA-256 of the YAML it was made from) with no YAML parsing, no pydantic and no
per-user cache. The YAML folder is shipped too (`vold_cli/knowledge`, for `vold kb init` and `vold kb validate`).
`vold search` reads the texts the commands print from a generated index per language (`vold_cli/search-da.json`,
`vold_cli/search-en.json`, made here by views/pages.py from the same validated data).

The wheel build fails, naming file, entry and field, when the knowledge is invalid. An editable install gets no
generated data: it reads the repository's `knowledge/` (validating it, or using the per-user cache).

The catalogue `src/vold_cli/i18n/locale/da/LC_MESSAGES/vold.po` (Click's and Typer's messages in Danish) is
compiled to `vold.mo` by the package's own `i18n/click_gettext.compile_po`: into the wheel (which ships no .po),
or, for an editable install, next to the .po in the source tree (git ignores it; vold compiles it again at first
use when the .po is newer).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

TARGET = "vold_cli/knowledge.json"
CATALOGUE = "vold_cli/i18n/locale/da/LC_MESSAGES/vold"  # .po in the source, .mo in the wheel


class KnowledgeBuildHook(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        root = Path(self.root)
        catalogue = _compile_catalogue(root / "src")
        if version == "editable":  # the editable install imports from src/: the catalogue is compiled there
            target = root / "src" / f"{CATALOGUE}.mo"
            partial = target.with_name(f".{target.name}.tmp")
            partial.write_bytes(catalogue)
            partial.replace(target)
            self.app.display_info(f"vold: {target.relative_to(root)} compiled ({len(catalogue):,} bytes)")
            return
        self._tmp = Path(tempfile.mkdtemp(prefix="vold-build-"))
        for target, payload in [*_generate(root / "src", root / "knowledge").items(), (f"{CATALOGUE}.mo", catalogue)]:
            generated = self._tmp / Path(target).name
            generated.write_bytes(payload)
            build_data["force_include"][str(generated)] = target
            self.app.display_info(f"vold: {target} generated ({len(payload):,} bytes)")

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        tmp = getattr(self, "_tmp", None)
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


def _generate(src: Path, knowledge: Path) -> dict[str, bytes]:
    """Validate `knowledge` with the validator of the package being built (from `src`, not an installed one), and
    make the search index of each language from it: the generated files by their place in the wheel."""
    with _source(src):
        import datetime
        import json

        from vold_cli.errors import KnowledgeError
        from vold_cli.i18n.lang import LANGS
        from vold_cli.kb.facade import KnowledgeBase
        from vold_cli.kb.loader import Knowledge, generate
        from vold_cli.views import pages

        try:
            payload = generate(knowledge)
        except KnowledgeError as exc:
            raise SystemExit(f"vold: the bundled knowledge is invalid, so no wheel is built: {exc}") from None
        from vold_cli.kb.cachestatus import Status

        bundled = KnowledgeBase(Knowledge(json.loads(payload)["data"], "", "bundled", False, Status("generated")))
        today = datetime.date.today()  # initiative statuses in the index are those of the build's day
        out = {TARGET: payload}
        for lang in LANGS:
            out["vold_cli/" + pages.GENERATED.format(lang=lang)] = pages.generate(bundled, lang, today)
        return out


def _compile_catalogue(src: Path) -> bytes:
    """vold.mo from vold.po, compiled by the package being built; the build fails on a malformed .po."""
    with _source(src):
        from vold_cli.i18n.click_gettext import compile_po

        try:
            return compile_po((src / f"{CATALOGUE}.po").read_text(encoding="utf-8"))
        except ValueError as exc:
            raise SystemExit(f"vold: {CATALOGUE}.po is malformed, so no wheel is built: {exc}") from None


@contextmanager
def _source(src: Path) -> Iterator[None]:
    """Import vold_cli from `src` (the package being built) for the duration, then put back what was there."""
    saved_path, saved_modules = list(sys.path), dict(sys.modules)
    sys.path.insert(0, str(src))
    for name in [n for n in sys.modules if n == "vold_cli" or n.startswith("vold_cli.")]:
        del sys.modules[name]
    try:
        yield
    finally:
        sys.path[:] = saved_path
        for name in [n for n in sys.modules if n == "vold_cli" or n.startswith("vold_cli.")]:
            del sys.modules[name]
        sys.modules.update({k: v for k, v in saved_modules.items() if k == "vold_cli" or k.startswith("vold_cli.")})
