"""Build hook: validate the bundled knowledge and ship it inside the wheel as generated data.

`vold` on the bundled knowledge then starts from one JSON file (`vold_cli/knowledge.json`: the validated data,
the schema fingerprint and a SHA-256 of the YAML it was made from) with no YAML parsing, no pydantic and no
per-user cache. The YAML folder is shipped too (`vold_cli/knowledge`, for `vold kb init` and `vold kb validate`).

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
        payload = _generate(root / "src", root / "knowledge")
        self._tmp = Path(tempfile.mkdtemp(prefix="vold-build-"))
        generated = self._tmp / "knowledge.json"
        generated.write_bytes(payload)
        build_data["force_include"][str(generated)] = TARGET
        self.app.display_info(f"vold: knowledge/ validated, {TARGET} generated ({len(payload):,} bytes)")

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        tmp = getattr(self, "_tmp", None)
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


def _generate(src: Path, knowledge: Path) -> bytes:
    """Validate `knowledge` with the validator of the package being built (from `src`, not an installed one)."""
    saved_path, saved_modules = list(sys.path), dict(sys.modules)
    sys.path.insert(0, str(src))
    for name in [n for n in sys.modules if n == "vold_cli" or n.startswith("vold_cli.")]:
        del sys.modules[name]
    try:
        from vold_cli.errors import KnowledgeError
        from vold_cli.kb.loader import generate

        try:
            return generate(knowledge)
        except KnowledgeError as exc:
            raise SystemExit(f"vold: the bundled knowledge is invalid, so no wheel is built: {exc}") from None
    finally:
        sys.path[:] = saved_path
        for name in [n for n in sys.modules if n == "vold_cli" or n.startswith("vold_cli.")]:
            del sys.modules[name]
        sys.modules.update({k: v for k, v in saved_modules.items() if k == "vold_cli" or k.startswith("vold_cli.")})
