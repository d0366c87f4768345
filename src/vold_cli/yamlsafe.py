"""Parse one knowledge file safely: the safe loader (libyaml's where available), no duplicate keys, no
anchors or aliases (they are how an "alias bomb" explodes), a cap on nesting depth, and text that must be
UTF-8 (a leading byte-order mark is allowed). Every failure is a KnowledgeError naming file and line."""

from __future__ import annotations

from typing import Any

import yaml

from .errors import KnowledgeError

try:
    _Base: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Base = yaml.SafeLoader

MAX_DEPTH = 40


class _StrictLoader(_Base):  # type: ignore[misc, valid-type]
    """Safe loader that refuses duplicate keys, aliases and deep nesting."""

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        if node in self.constructed_objects or node in self.recursive_objects:
            raise yaml.constructor.ConstructorError(
                None, None, "anchors and aliases (&, *) are not allowed in knowledge files", node.start_mark
            )
        return super().construct_object(node, deep=deep)

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        if isinstance(node, yaml.MappingNode):
            seen: set[Any] = set()
            for key_node, _ in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise yaml.constructor.ConstructorError(
                        None, None, "merge keys (<<) are not allowed in knowledge files", key_node.start_mark
                    )
                key = self.construct_object(key_node, deep=True) if isinstance(key_node, yaml.ScalarNode) else None
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"duplicate key {key!r}", key_node.start_mark
                    )
                if key is not None:
                    seen.add(key)
                    # constructed again by the base class: forget it so it is not taken for an alias
                    self.constructed_objects.pop(key_node, None)
        return super().construct_mapping(node, deep=deep)


def _depth_ok(node: Any, limit: int) -> bool:
    """Iterative depth check on the composed node graph (no recursion, so no stack overflow)."""
    stack = [(node, 1)]
    while stack:
        current, depth = stack.pop()
        if depth > limit:
            return False
        if isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                stack.append((key, depth + 1))
                stack.append((value, depth + 1))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend((item, depth + 1) for item in current.value)
    return True


def _flow_depth_ok(text: str, limit: int) -> bool:
    """Cheap pre-check before libyaml composes (recursively) a deeply nested flow collection."""
    depth = deepest = 0
    for ch in text:
        if ch in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    return False
        elif ch in "]}" and depth:
            depth -= 1
    return True


def decode(name: str, blob: bytes) -> str:
    """UTF-8 text of a knowledge file, with a message saying where it is not UTF-8."""
    try:
        return blob.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = blob[: exc.start].count(b"\n") + 1
        raise KnowledgeError(
            f"{name}: line {line}: not UTF-8 (byte 0x{blob[exc.start]:02x}).",
            hint="Save the file as UTF-8.",
        ) from None


def parse(name: str, blob: bytes) -> Any:
    """The data in one YAML file, or a KnowledgeError saying what is wrong and where."""
    text = decode(name, blob)
    if not text.strip():
        raise KnowledgeError(f"{name}: the file is empty.")
    if ("[" in text or "{" in text) and not _flow_depth_ok(text, MAX_DEPTH):
        raise KnowledgeError(f"{name}: nested more than {MAX_DEPTH} levels deep.")
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise KnowledgeError(f"{name}: the file is empty.")
        if not _depth_ok(node, MAX_DEPTH):
            raise KnowledgeError(f"{name}: nested more than {MAX_DEPTH} levels deep.")
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = (exc.problem or exc.context or "invalid YAML").replace("\n", " ")
        if "could not determine a constructor" in problem or "tag" in problem and "!" in problem:
            problem = f"{problem} (YAML tags that build objects are not allowed)"
        raise KnowledgeError(f"{name}: {where}{problem}.") from None
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{name}: invalid YAML ({str(exc).splitlines()[0]}).") from None
    except RecursionError:
        raise KnowledgeError(f"{name}: nested too deeply.") from None
    finally:
        loader.dispose()
