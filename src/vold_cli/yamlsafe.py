"""Parse one knowledge file safely: the safe loader (libyaml's where available), no duplicate keys, no
anchors or aliases (they are how an "alias bomb" explodes), caps on nesting depth and on the number of values,
and text that must be UTF-8 (a leading byte-order mark is allowed). Every failure is a KnowledgeError naming
file and line.

The caps are checked on the event stream before any node is built: building nodes costs microseconds each
and the composer recurses, so a file of a few megabytes of `[1,1,1,...]` or `[[[[...` must be refused before
that, not after."""

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
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, OverflowError):  # an int of 5,000 digits, a date 2020-02-30
            shown = node.value if isinstance(node.value, str) else ""
            shown = shown if len(shown) <= 30 else shown[:30] + "…"
            kind = str(node.tag).rsplit(":", 1)[-1]
            raise yaml.constructor.ConstructorError(
                None, None, f"{shown!r} is not a valid {kind} (out of range or too long)", node.start_mark
            ) from None

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        if isinstance(node, yaml.MappingNode):
            seen: set[Any] = set()
            for key_node, _ in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise yaml.constructor.ConstructorError(
                        None, None, "merge keys (<<) are not allowed in knowledge files", key_node.start_mark
                    )
                if not isinstance(key_node, yaml.ScalarNode):
                    continue  # the base class refuses it ("found unhashable key")
                key = self.construct_object(key_node, deep=True)
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"duplicate key {key!r}", key_node.start_mark
                    )
                seen.add(key)
                # constructed again by the base class: forget it so it is not taken for an alias (also
                # when the key is null, `~: x`, which used to be reported as an alias)
                self.constructed_objects.pop(key_node, None)
        return super().construct_mapping(node, deep=deep)


MAX_NODES = 50_000  # values (scalars and collections) in one file; the largest bundled file has ~1,300

_OPEN = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSE = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


def _where(mark: Any) -> str:
    return f"line {mark.line + 1}, column {mark.column + 1}: " if mark is not None else ""


def _scan(name: str, text: str) -> None:
    """Walk the event stream (flat, cheap, no recursion) and refuse aliases, deep nesting and too many values
    before any node is built. Syntax errors surface here as yaml.MarkedYAMLError."""
    scanner = _Base(text)
    try:
        depth = nodes = 0
        while scanner.check_event():
            event = scanner.get_event()
            if isinstance(event, yaml.AliasEvent):
                raise yaml.constructor.ConstructorError(
                    None, None, "anchors and aliases (&, *) are not allowed in knowledge files", event.start_mark
                )
            if isinstance(event, _CLOSE):
                depth -= 1
                continue
            if not isinstance(event, (yaml.ScalarEvent, *_OPEN)):
                continue
            nodes += 1
            if nodes > MAX_NODES:
                raise KnowledgeError(
                    f"{name}: {_where(event.start_mark)}more than {MAX_NODES:,} values; "
                    "a knowledge file holds a few thousand at most."
                )
            if isinstance(event, _OPEN):
                depth += 1
                if depth > MAX_DEPTH:
                    raise KnowledgeError(f"{name}: {_where(event.start_mark)}nested more than {MAX_DEPTH} levels deep.")
    finally:
        scanner.dispose()


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
    loader = _StrictLoader(text)
    try:
        _scan(name, text)
        node = loader.get_single_node()
        if node is None:
            raise KnowledgeError(f"{name}: the file is empty.")
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or exc.context or "invalid YAML").replace("\n", " ")
        if "could not determine a constructor" in problem or "tag" in problem and "!" in problem:
            problem = f"{problem} (YAML tags that build objects are not allowed)"
        raise KnowledgeError(f"{name}: {_where(mark)}{problem}.") from None
    except yaml.reader.ReaderError as exc:
        # libyaml reports a byte offset, the pure-Python reader a character offset: find the character
        code = exc.character if isinstance(exc.character, int) else ord(exc.character[:1] or "\0")
        at = text.find(chr(code))
        where = f"line {text.count(chr(10), 0, at) + 1}: " if at >= 0 else ""
        raise KnowledgeError(f"{name}: {where}character U+{code:04X} is not allowed ({exc.reason}).") from None
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{name}: invalid YAML ({str(exc).splitlines()[0]}).") from None
    except RecursionError:
        raise KnowledgeError(f"{name}: nested too deeply.") from None
    finally:
        loader.dispose()
