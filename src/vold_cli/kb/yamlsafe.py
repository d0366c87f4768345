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
from vold_cli.i18n.bilingual import Bilingual
from vold_cli.i18n.localize import number
from vold_cli.sanitize import quote

try:
    _Base: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Base = yaml.SafeLoader

MAX_DEPTH = 40


MAX_NODES = 1_000_000  # values in one file; 10,000 interventions are ~805,000, the bundled files ~1,300 at most


def _where(mark: yaml.Mark | None) -> Bilingual:
    if mark is None:
        return Bilingual.same("")
    return Bilingual(f"linje {mark.line + 1}, kolonne {mark.column + 1}: ", f"line {mark.line + 1}, column {mark.column + 1}: ")


def _refused(name: str, mark: yaml.Mark | None, problem: Bilingual, hint: Bilingual | None = None) -> KnowledgeError:
    """`name: line N, column M: problem.`"""
    return KnowledgeError(Bilingual.same("{name}: {where}{problem}.").format(
        name=name, where=_where(mark), problem=problem), hint=hint)


def _tag_refused(name: str, tag: str | None, mark: yaml.Mark | None) -> KnowledgeError:
    return _refused(name, mark, Bilingual(
        f"kan ikke finde en konstruktør til mærket {quote(tag)} (YAML-mærker, der bygger objekter, er ikke tilladt)",
        f"could not determine a constructor for the tag {quote(tag)} (YAML tags that build objects are not allowed)"))


def _too_many(name: str, mark: yaml.Mark | None) -> KnowledgeError:
    return _refused(name, mark, Bilingual(
        f"mere end {number(MAX_NODES, 'da')} værdier; en vidensfil rummer højst nogle tusinde",
        f"more than {MAX_NODES:,} values; a knowledge file holds a few thousand at most"))


def _unhashable(name: str, mark: yaml.Mark | None) -> KnowledgeError:
    return _refused(name, mark, Bilingual("en nøgle kan ikke være en liste eller en afbildning",
                                          "found unhashable key"))


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
    meant = False  # `instead` is a guess at what was meant (a base-16, 8 or 2 number in decimal)
    if ":" in bare:
        why, instead = Bilingual("et tal med grundtal 60 (seksagesimalt) i YAML 1.1, som et klokkeslæt",
                                 "a base-60 (sexagesimal) number in YAML 1.1, like a time"), None
    elif bare[:2].lower() in ("0x", "0o", "0b"):
        why = {"0x": Bilingual("sekstentalssystemet", "hexadecimal"), "0o": Bilingual("ottetalssystemet", "octal"),
               "0b": Bilingual("totalssystemet", "binary")}[bare[:2].lower()]
        try:
            instead, meant = f"{sign}{int(digits, 0)}", True
        except ValueError:
            instead = None
    elif "_" in bare:
        why, instead = Bilingual("understreger adskiller cifre i YAML 1.1",
                                 "underscores are digit separators in YAML 1.1"), None
    elif value.startswith("+"):
        why, instead = Bilingual("et foranstillet +", "a leading + sign"), None
    elif len(digits) > 1 and digits[0] == "0" and digits[1:2] != ".":
        why = (Bilingual("et foranstillet nul gør tallet oktalt i YAML 1.1",
                         "a leading zero makes an octal number in YAML 1.1") if digits.isdigit()
               else Bilingual("et foranstillet nul", "a leading zero"))
        instead = None
    else:
        why, instead = Bilingual("ikke et almindeligt decimaltal", "not a plain decimal number"), None
    if instead is None and ":" not in bare and bare[:2].lower() not in ("0x", "0o", "0b"):
        instead = sign + (digits.lstrip("0") or "0") if digits.isdigit() else None
        if instead is None and "." in digits:
            whole, _, frac = digits.partition(".")
            instead = f"{sign}{whole.lstrip('0') or '0'}.{frac}" if (whole + frac).isdigit() else None
    if instead is None:
        write = Bilingual("skriv tallet med almindelige decimale cifre", "write the number in plain decimal digits")
    elif meant:
        write = Bilingual(f"skriv {instead}, hvis det er det, der menes", f"write {instead} if that is what it means")
    else:
        write = Bilingual(f"skriv {instead}", f"write {instead}")
    return _refused(name, mark, Bilingual("{value} er ikke et almindeligt decimaltal ({why})",
                                          "{value} is not a plain decimal number ({why})").format(
                        value=quote(value), why=why),
                    hint=Bilingual("Tal skal betyde det, de ser ud til: {write}, eller sæt anførselstegn om "
                                   "værdien, hvis den er tekst.",
                                   "Numbers must mean what they look like: {write}, or quote it if it is text.").format(
                        write=write))


_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
_SAFE_SCALAR_TAGS = {"tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "timestamp", "binary")}
_ScalarEvent = yaml.ScalarEvent
_MappingStart = yaml.MappingStartEvent
_SequenceStart = yaml.SequenceStartEvent
_End = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_Alias = yaml.AliasEvent
_ScalarNode = yaml.ScalarNode


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
                    raise _too_many(name, event.start_mark)
                tag = event.tag
                value = event.value
                if tag is None and event.implicit[0] and value.isdigit() and value.isascii() and (
                        value[0] != "0" or len(value) == 1) and len(value) < 4000:
                    value = int(value)  # a plain decimal: what YAML 1.1's int resolver and constructor make of it
                    tag = _STR  # nothing left to construct
                elif tag is None or tag == "!":
                    tag = resolve(_ScalarNode, value, event.implicit)
                elif tag not in _SAFE_SCALAR_TAGS:
                    raise _tag_refused(name, tag, event.start_mark)
                if tag in (_INT, _FLOAT) and not _PLAIN_NUMBER.fullmatch(value) or (
                        tag == _STR and event.implicit[0] and isinstance(value, str) and value[:1] in "0+-"
                        and _OCTAL_12.fullmatch(value)):
                    raise _not_decimal(name, value, event.start_mark)
                if tag != _STR:
                    if tag == _MERGE and is_map and pending is no_key:
                        raise _refused(name, event.start_mark, Bilingual(
                            "flettenøgler (<<) er ikke tilladt i vidensfiler",
                            "merge keys (<<) are not allowed in knowledge files"))
                    construct = constructors.get(tag)
                    if construct is None:  # e.g. '=' (tag:yaml.org,2002:value): refused, as safe_load does
                        raise _tag_refused(name, tag, event.start_mark)
                    try:
                        value = construct(parser, _ScalarNode(tag, value, event.start_mark, event.end_mark,
                                                              event.style))
                    except (ValueError, OverflowError):  # an int of 5,000 digits, a date 2020-02-30
                        shown = value if len(value) <= 30 else value[:30] + "…"
                        kind = tag.rsplit(":", 1)[-1]
                        raise _refused(name, event.start_mark, Bilingual(
                            f"{shown!r} er ikke en gyldig {kind} (uden for området eller for lang)",
                            f"{shown!r} is not a valid {kind} (out of range or too long)")) from None
            elif cls is _MappingStart or cls is _SequenceStart:
                nodes += 1
                if nodes > MAX_NODES:
                    raise _too_many(name, event.start_mark)
                if event.tag not in (None, "!", "tag:yaml.org,2002:map" if cls is _MappingStart else "tag:yaml.org,2002:seq"):
                    raise _tag_refused(name, event.tag, event.start_mark)
                if len(stack) >= MAX_DEPTH:
                    raise _refused(name, event.start_mark, Bilingual(f"indlejret mere end {MAX_DEPTH} niveauer",
                                                                     f"nested more than {MAX_DEPTH} levels deep"))
                if is_map and pending is no_key:
                    raise _unhashable(name, event.start_mark)
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
                raise _refused(name, event.start_mark, Bilingual(
                    "ankre og aliasser (&, *) er ikke tilladt i vidensfiler",
                    "anchors and aliases (&, *) are not allowed in knowledge files"))
            else:  # DocumentEnd
                break
            # attach `value` to the innermost container
            if is_map:
                if pending is no_key:
                    try:
                        if value in target:
                            raise _refused(name, event.start_mark, Bilingual(f"dobbelt nøgle {quote(value)}",
                                                                             f"duplicate key {quote(value)}"))
                    except TypeError:
                        raise _unhashable(name, event.start_mark) from None
                    pending = value
                else:
                    target[pending] = value
                    pending = no_key
            else:
                target.append(value)
        if not check(yaml.StreamEndEvent):
            event = get()
            raise _refused(name, event.start_mark, Bilingual(
                "forventede ét dokument i filen, men fandt et til",
                "expected a single document in the stream, but found another document"))
        return root[0] if root else EMPTY
    finally:
        parser.dispose()


def decode(name: str, blob: bytes) -> str:
    """UTF-8 text of a knowledge file, with a message saying where it is not UTF-8."""
    try:
        return blob.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = blob[: exc.start].count(b"\n") + 1
        byte = f"0x{blob[exc.start]:02x}"
        raise KnowledgeError(
            Bilingual(f"{name}: linje {line}: ikke UTF-8 (byte {byte}).", f"{name}: line {line}: not UTF-8 (byte {byte})."),
            hint=Bilingual("Gem filen som UTF-8.", "Save the file as UTF-8."),
        ) from None


def parse(name: str, blob: bytes) -> Any:
    """The data in one YAML file, or a KnowledgeError saying what is wrong and where."""
    text = decode(name, blob)
    empty = KnowledgeError(Bilingual(f"{name}: filen er tom.", f"{name}: the file is empty."))
    if not text.strip():
        raise empty
    try:
        data = build(name, text)
        if data is EMPTY:
            raise empty
        return data
    except yaml.MarkedYAMLError as exc:
        # PyYAML's own words for a syntax error ("mapping values are not allowed here"), in English in both languages
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or exc.context or "invalid YAML").replace("\n", " ")
        tags = " (YAML tags that build objects are not allowed)"
        tags_da = " (YAML-mærker, der bygger objekter, er ikke tilladt)"
        objects = "could not determine a constructor" in problem or "tag" in problem and "!" in problem
        raise _refused(name, mark, Bilingual(problem + (tags_da if objects else ""),
                                             problem + (tags if objects else ""))) from None
    except yaml.reader.ReaderError as exc:
        # libyaml reports a byte offset, the pure-Python reader a character offset: find the character
        code = exc.character if isinstance(exc.character, int) else ord(exc.character[:1] or "\0")
        at = text.find(chr(code))
        line = text.count(chr(10), 0, at) + 1
        where = Bilingual(f"linje {line}: ", f"line {line}: ") if at >= 0 else ""
        raise KnowledgeError(Bilingual("{name}: {where}tegnet U+{code:04X} er ikke tilladt ({reason}).",
                                       "{name}: {where}character U+{code:04X} is not allowed ({reason}).").format(
            name=name, where=where, code=code, reason=exc.reason)) from None
    except yaml.YAMLError as exc:
        detail = str(exc).splitlines()[0]
        raise KnowledgeError(Bilingual(f"{name}: ugyldig YAML ({detail}).",
                                       f"{name}: invalid YAML ({detail}).")) from None
    except RecursionError:
        raise nested_too_deeply(name) from None


def nested_too_deeply(name: str) -> KnowledgeError:
    return KnowledgeError(Bilingual(f"{name}: for dybt indlejret.", f"{name}: nested too deeply."))
