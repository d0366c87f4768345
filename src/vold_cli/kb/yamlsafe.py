"""Parse one knowledge file safely, in one pass over libyaml's event stream: only the safe constructors, no
duplicate keys, no anchors or aliases (they are how an "alias bomb" explodes), no merge keys, caps on nesting
depth and on the number of values, and text that must be UTF-8 (a leading byte-order mark is allowed). Every
failure is a KnowledgeError naming file and line.

Building plain data straight from the events (instead of composing a node graph and constructing it, as
yaml.safe_load does) is about three times faster and needs no recursion, so deep or huge files are refused
before they cost anything."""

from __future__ import annotations

import re
from typing import Any

import yaml

from vold_cli.errors import KnowledgeError
from vold_cli.sanitize import quote

try:
    _Base: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Base = yaml.SafeLoader

MAX_DEPTH = 40


MAX_NODES = 1_000_000  # values in one file; 10,000 interventions are ~805,000, the bundled files ~1,300 at most


def _where(mark: Any) -> str:
    return f"line {mark.line + 1}, column {mark.column + 1}: " if mark is not None else ""


EMPTY = object()  # no document at all (a null document is None)
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
# The only numbers a knowledge file may hold: plain decimal integers and decimals (stricter than YAML 1.2's core
# schema). YAML 1.1, which PyYAML reads, also takes 010000 (octal 4096), 0x2710, 0b1010, 1:06:40 (sexagesimal
# 4000), 10_000 and +10000; a reader sees something else in each, so they are refused.
_PLAIN_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|-?\.[0-9]+|-?\.(?:inf|Inf|INF)"
                           r"|\.(?:nan|NaN|NAN)")

_OCTAL_12 = re.compile(r"[-+]?0o[0-7_]+")  # YAML 1.2's octal, which PyYAML leaves as text: refused all the same


def _not_decimal(name: str, value: str, mark: Any) -> KnowledgeError:
    """Why `value` (which YAML 1.1 reads as a number) is refused, and what to write instead."""
    bare = value.lstrip("+-")
    sign = "-" if value.startswith("-") else ""
    digits = bare.replace("_", "")
    if ":" in bare:
        why, instead = "a base-60 (sexagesimal) number in YAML 1.1, like a time", None
    elif bare[:2].lower() in ("0x", "0o", "0b"):
        why = {"0x": "hexadecimal", "0o": "octal", "0b": "binary"}[bare[:2].lower()]
        try:
            instead = f"{sign}{int(digits, 0)} if that is what it means"
        except ValueError:
            instead = None
    elif "_" in bare:
        why, instead = "underscores are digit separators in YAML 1.1", None
    elif value.startswith("+"):
        why, instead = "a leading + sign", None
    elif len(digits) > 1 and digits[0] == "0" and digits[1:2] != ".":
        why = "a leading zero makes an octal number in YAML 1.1" if digits.isdigit() else "a leading zero"
        instead = None
    else:
        why, instead = "not a plain decimal number", None
    if instead is None and ":" not in bare and bare[:2].lower() not in ("0x", "0o", "0b"):
        instead = sign + (digits.lstrip("0") or "0") if digits.isdigit() else None
        if instead is None and "." in digits:
            whole, _, frac = digits.partition(".")
            instead = f"{sign}{whole.lstrip('0') or '0'}.{frac}" if (whole + frac).isdigit() else None
    write = f"write {instead}" if instead else "write the number in plain decimal digits"
    return KnowledgeError(f"{name}: {_where(mark)}{quote(value)} is not a plain decimal number ({why}).",
                          hint=f"Numbers must mean what they look like: {write}, or quote it if it is text.")


_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
_SAFE_SCALAR_TAGS = {"tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "timestamp", "binary")}
_ScalarEvent = yaml.ScalarEvent
_MappingStart = yaml.MappingStartEvent
_SequenceStart = yaml.SequenceStartEvent
_End = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_Alias = yaml.AliasEvent
_ScalarNode = yaml.ScalarNode
_ConstructorError = yaml.constructor.ConstructorError


def build(name: str, text: str) -> Any:
    """The single document of `text` as plain Python data; same checks as the strict loader."""
    parser = _Base(text)
    resolve = parser.resolve
    constructors = parser.yaml_constructors
    try:
        get = parser.get_event
        check = parser.check_event
        get()  # StreamStart
        if check(yaml.StreamEndEvent):
            get()
            return EMPTY
        get()  # DocumentStart
        root: list[Any] = []
        stack: list[Any] = []  # the enclosing (container, pending key, is a mapping) of each open collection
        nodes = 0
        no_key = object()  # the innermost mapping waits for a key, not a value
        target: Any = root
        pending: Any = None  # key waiting for its value in the innermost mapping, or no_key
        is_map = False
        while True:
            event = get()
            cls = type(event)
            if cls is _ScalarEvent:
                nodes += 1
                if nodes > MAX_NODES:
                    raise KnowledgeError(f"{name}: {_where(event.start_mark)}more than {MAX_NODES:,} values; "
                                         "a knowledge file holds a few thousand at most.")
                tag = event.tag
                value = event.value
                if tag is None and event.implicit[0] and value.isdigit() and value.isascii() and (
                        value[0] != "0" or len(value) == 1) and len(value) < 4000:
                    value = int(value)  # a plain decimal: what YAML 1.1's int resolver and constructor make of it
                    tag = _STR  # nothing left to construct
                elif tag is None or tag == "!":
                    tag = resolve(_ScalarNode, value, event.implicit)
                elif tag not in _SAFE_SCALAR_TAGS:
                    raise _ConstructorError(None, None, f"could not determine a constructor for the tag {quote(tag)}",
                                            event.start_mark)
                if tag in (_INT, _FLOAT) and not _PLAIN_NUMBER.fullmatch(value) or (
                        tag == _STR and event.implicit[0] and isinstance(value, str) and value[:1] in "0+-"
                        and _OCTAL_12.fullmatch(value)):
                    raise _not_decimal(name, value, event.start_mark)
                if tag != _STR:
                    if tag == _MERGE and is_map and pending is no_key:
                        raise _ConstructorError(None, None, "merge keys (<<) are not allowed in knowledge files",
                                                event.start_mark)
                    construct = constructors.get(tag)
                    if construct is None:  # e.g. '=' (tag:yaml.org,2002:value): refused, as safe_load does
                        raise _ConstructorError(None, None, f"could not determine a constructor for the tag {quote(tag)}",
                                                event.start_mark)
                    try:
                        value = construct(parser, _ScalarNode(tag, value, event.start_mark, event.end_mark,
                                                              event.style))
                    except (ValueError, OverflowError):  # an int of 5,000 digits, a date 2020-02-30
                        shown = value if len(value) <= 30 else value[:30] + "…"
                        kind = tag.rsplit(":", 1)[-1]
                        raise _ConstructorError(None, None, f"{shown!r} is not a valid {kind} (out of range or "
                                                "too long)", event.start_mark) from None
            elif cls is _MappingStart or cls is _SequenceStart:
                nodes += 1
                if nodes > MAX_NODES:
                    raise KnowledgeError(f"{name}: {_where(event.start_mark)}more than {MAX_NODES:,} values; "
                                         "a knowledge file holds a few thousand at most.")
                if event.tag not in (None, "!", "tag:yaml.org,2002:map" if cls is _MappingStart else "tag:yaml.org,2002:seq"):
                    raise _ConstructorError(None, None, f"could not determine a constructor for the tag {quote(event.tag)}",
                                            event.start_mark)
                if len(stack) >= MAX_DEPTH:
                    raise KnowledgeError(f"{name}: {_where(event.start_mark)}nested more than {MAX_DEPTH} levels deep.")
                if is_map and pending is no_key:
                    raise _ConstructorError("while constructing a mapping", None, "found unhashable key",
                                            event.start_mark)
                stack.append((target, pending, is_map))
                if cls is _MappingStart:
                    target, pending, is_map = {}, no_key, True
                else:
                    target, pending, is_map = [], None, False
                continue
            elif cls in _End:
                value = target
                target, pending, is_map = stack.pop()
            elif cls is _Alias:
                raise _ConstructorError(None, None, "anchors and aliases (&, *) are not allowed in knowledge files",
                                        event.start_mark)
            else:  # DocumentEnd
                break
            # attach `value` to the innermost container
            if is_map:
                if pending is no_key:
                    try:
                        if value in target:
                            raise _ConstructorError(None, None, f"duplicate key {quote(value)}", event.start_mark)
                    except TypeError:
                        raise _ConstructorError("while constructing a mapping", None, "found unhashable key",
                                                event.start_mark) from None
                    pending = value
                else:
                    target[pending] = value
                    pending = no_key
            else:
                target.append(value)
        if not check(yaml.StreamEndEvent):
            event = get()
            raise yaml.composer.ComposerError("expected a single document in the stream", None,
                                              "but found another document", event.start_mark)
        return root[0] if root else EMPTY
    finally:
        parser.dispose()


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
    try:
        data = build(name, text)
        if data is EMPTY:
            raise KnowledgeError(f"{name}: the file is empty.")
        return data
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
