"""Build hook: validate the bundled knowledge and ship it inside the wheel as generated data.

`vold` on the bundled knowledge then starts from one JSON file (`vold_cli/knowledge.json`: the validated data,
the schema fingerprint and a SHA-256 of the YAML it was made from) with no YAML parsing, no pydantic and no
per-user cache. The YAML folder is shipped too (`vold_cli/knowledge`, for `vold kb init` and `vold kb validate`).
`vold search` reads the texts the commands print from a generated index per language (`vold_cli/search-da.json`,
`vold_cli/search-en.json`, made here by views/pages.py from the same validated data).

The wheel build fails, naming file, entry and field, when the knowledge is invalid. An editable install gets no
generated data: it reads the repository's `knowledge/` (validating it, or using the per-user cache).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

TARGET = "vold_cli/knowledge.json"


class KnowledgeBuildHook(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        root = Path(self.root)
        self._tmp = Path(tempfile.mkdtemp(prefix="vold-build-"))
        for target, payload in _generate(root / "src", root / "knowledge").items():
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
    saved_path, saved_modules = list(sys.path), dict(sys.modules)
    sys.path.insert(0, str(src))
    for name in [n for n in sys.modules if n == "vold_cli" or n.startswith("vold_cli.")]:
        del sys.modules[name]
    try:
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
    finally:
        sys.path[:] = saved_path
        for name in [n for n in sys.modules if n == "vold_cli" or n.startswith("vold_cli.")]:
            del sys.modules[name]
        sys.modules.update({k: v for k, v in saved_modules.items() if k == "vold_cli" or k.startswith("vold_cli.")})
