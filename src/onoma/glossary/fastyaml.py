"""Read glossary YAML fast: libyaml (PyYAML's C parser) with YAML 1.2 rules and lines.

The commands that only need values and line numbers (normalize, translate, suggest,
show) read glossaries here; the tools that rewrite files keep ruamel's round-trip mode,
which also keeps comments (:func:`onoma.glossary.yamltext.load_yaml_text`). ruamel
reads YAML 1.2, where ``yes``, ``no``, ``on`` and ``off`` are strings (a name "No"
stays a name), so the C parser here resolves plain scalars by the YAML 1.2 core schema
too. Mappings and sequences come back as ``dict`` and ``list`` subclasses with an
``lc`` attribute shaped like ruamel's (``line``, ``item(i)``, ``value(key)``), so the
entry checks of :mod:`onoma.glossary.yamltext` run unchanged and report the same
``file:line`` errors. A key given twice is an error, as in ruamel.

Glossaries are hand-edited files, so the YAML features that make a small file expand
into a large value are refused before anything is built (:func:`check_yaml_bounds`):
anchors and aliases (3,000 entries aliasing one 3,000-variant list made 9 million
variants out of 170 kB), and nesting deeper than :data:`MAX_DEPTH` (which made the
round-trip parser overflow the stack).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from onoma.errors import GlossaryError

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
MAX_DEPTH = 16
"""Deepest nesting of lists and mappings a glossary may have (entries need 3)."""

# The YAML 1.2 core schema, as ruamel resolves it (ruamel.yaml.resolver, version 1.2).
_IMPLICIT = (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    (
        "float",
        r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
        |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
        |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
        |[-+]?\.(?:inf|Inf|INF)
        |\.(?:nan|NaN|NAN))$""",
        "-+0123456789.",
    ),
    (
        "int",
        r"^(?:[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+)$",
        "-+0123456789",
    ),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    (
        "timestamp",
        r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
        |[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?
        (?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?
        (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""",
        "0123456789",
    ),
)


class _Lines:
    """Line numbers of one container, with the methods of ruamel's ``lc`` (0-based)."""

    __slots__ = ("line", "lines")

    def __init__(self, line: int, lines: dict[Any, int] | list[int]) -> None:
        self.line = line
        self.lines = lines

    def item(self, index: int) -> tuple[int, int]:
        return self.lines[index], 0  # type: ignore[index]

    def value(self, key: Any) -> tuple[int, int]:
        return self.lines[key], 0  # type: ignore[index]


class LineDict(dict):
    """A YAML mapping that knows the line of each value."""

    __slots__ = ("lc",)


class LineList(list):
    """A YAML sequence that knows the line of each item."""

    __slots__ = ("lc",)


def load_yaml_fast(text: str, path: Path, each: Callable[[Any, int], Any] | None = None) -> Any:
    """Parse YAML text into plain values with line numbers; errors name file:line.

    The values are built straight from libyaml's event stream: composing PyYAML's node
    tree first costs three times as long, most of it resolving each scalar in Python.
    ``each(item, line)``, when given, turns each item of a top-level list into what the
    list keeps, as soon as the item is read (an entry, say): the items' YAML values
    never all exist at once, which halves the memory a large glossary needs."""
    import yaml
    from yaml.cyaml import CParser

    parser = CParser(text)
    try:
        return _build(parser, path, each)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = " ".join(str(exc.problem or exc.context or "invalid YAML").split())
        raise GlossaryError(path, f"invalid YAML: {problem}", line) from None
    except yaml.YAMLError as exc:
        raise GlossaryError(path, f"invalid YAML: {exc}") from None
    finally:
        parser.dispose()


def check_yaml_bounds(text: str, path: Path) -> None:
    """Refuse anchors, aliases and deep nesting in ``text`` (GlossaryError at the line),
    reading libyaml's event stream only; the round-trip reader calls this first."""
    import yaml
    from yaml.cyaml import CParser

    parser = CParser(text)
    try:
        depth = 0
        while parser.check_event():
            event = parser.get_event()
            _refuse_expansion(event, path)
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                _check_depth(depth, event, path)
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return  # not YAML at all: the reader itself reports it, with its own message
    finally:
        parser.dispose()


def _refuse_expansion(event: Any, path: Path) -> None:
    from yaml import events

    if isinstance(event, events.AliasEvent) or getattr(event, "anchor", None):
        raise GlossaryError(
            path,
            "anchors and aliases (&name, *name) are not allowed in glossaries: write each form out",
            event.start_mark.line + 1,
        )


def _check_depth(depth: int, event: Any, path: Path) -> None:
    if depth > MAX_DEPTH:
        raise GlossaryError(
            path,
            f"lists and mappings nested more than {MAX_DEPTH} deep: a glossary entry "
            "needs three levels",
            event.start_mark.line + 1,
        )


def _build(parser: Any, path: Path, each: Callable[[Any, int], Any] | None = None) -> Any:
    """The value of the single document of ``parser``'s stream (None when empty)."""
    from yaml import events

    scalar = events.ScalarEvent
    seq_start, map_start = events.SequenceStartEvent, events.MappingStartEvent
    ends = (events.SequenceEndEvent, events.MappingEndEvent)
    get = parser.get_event
    # Each open container: [container, its line list or dict, pending key, key line]
    stack: list[list[Any]] = []
    document: list[Any] = []
    while parser.check_event():
        event = get()
        kind = type(event)
        if kind is scalar:
            if event.anchor:
                _refuse_expansion(event, path)
            value = _scalar(event, path)
        elif kind is seq_start or kind is map_start:
            if event.anchor:
                _refuse_expansion(event, path)
            if event.tag not in (None, "!", _SEQ if kind is seq_start else _MAP):
                raise GlossaryError(
                    path,
                    f"invalid YAML: the tag {event.tag} is not supported",
                    event.start_mark.line + 1,
                )
            container: LineDict | LineList = LineList() if kind is seq_start else LineDict()
            container.lc = _Lines(event.start_mark.line, [] if kind is seq_start else {})
            _add(stack, document, container, event, path)
            stack.append([container, container.lc.lines, _NO_KEY, 0])
            _check_depth(len(stack), event, path)
            continue
        elif kind in ends:
            stack.pop()
            if each is not None and len(stack) == 1 and type(stack[0][0]) is LineList:
                root = stack[0][0]
                root[-1] = each(root[-1], root.lc.lines[-1] + 1)
            continue
        elif kind is events.AliasEvent:
            _refuse_expansion(event, path)
        elif kind is events.DocumentStartEvent and document:
            raise GlossaryError(
                path,
                "invalid YAML: found a second document (a glossary file holds one)",
                event.start_mark.line + 1,
            )
        else:  # stream and document start and end
            continue
        _add(stack, document, value, event, path)
    return document[0] if document else None


_NO_KEY = object()


def _add(stack: list[list[Any]], document: list[Any], value: Any, event: Any, path: Path) -> None:
    """Put ``value`` into the innermost open container (as a key or a value)."""
    if not stack:
        document.append(value)
        return
    top = stack[-1]
    container = top[0]
    line = event.start_mark.line
    if type(container) is LineList:
        container.append(value)
        top[1].append(line)
        return
    key = top[2]
    if key is _NO_KEY:
        try:
            seen = value in container
        except TypeError:  # a list or mapping as a key
            raise GlossaryError(
                path, "invalid YAML: a key must be a plain value", line + 1
            ) from None
        if seen:
            raise GlossaryError(path, f'invalid YAML: found duplicate key "{value}"', line + 1)
        top[2] = value
        return
    container[key] = value
    top[1][key] = line
    top[2] = _NO_KEY


def _scalar(event: Any, path: Path) -> Any:
    """A scalar's value: a string unless plain and shaped like a YAML 1.2 non-string."""
    value = event.value
    tag = event.tag
    if tag is not None and tag != "!":
        if tag == _STR:
            return value
        raise GlossaryError(
            path, f"invalid YAML: the tag {tag} is not supported", event.start_mark.line + 1
        )
    if event.style or not event.implicit[0]:
        return value  # quoted, or a block scalar
    return resolve_plain(value)


def resolve_plain(value: str) -> Any:
    """A plain scalar's value by the YAML 1.2 core schema: ``true`` is a boolean,
    ``12`` a number, ``~`` null, ``2024-05-01`` a date, anything else a string."""
    first = value[:1]
    if first not in _FIRSTS:
        return value  # most plain scalars: a name or a key, which no resolver takes
    for name, pattern, firsts in _RESOLVERS:
        if first in firsts and pattern.match(value):
            try:
                return _CONSTRUCT[name](value)
            except ValueError:
                return value  # shaped like a number but none (0x_, or too many digits)
    return value


def _to_int(value: str) -> int:
    digits = value.replace("_", "")
    sign = -1 if digits.startswith("-") else 1
    digits = digits.lstrip("+-")
    if digits.startswith(("0b", "0o", "0x")):
        return sign * int(digits, 0)
    return sign * int(digits)


def _to_timestamp(value: str) -> Any:
    import datetime

    try:
        if len(value) == 10:
            return datetime.date.fromisoformat(value)
        return datetime.datetime.fromisoformat(value.replace("t", "T"))
    except ValueError:
        return value


_CONSTRUCT = {
    "bool": lambda value: value.lower() == "true",
    "float": lambda value: float(
        value.replace("_", "").lower().replace(".inf", "inf").replace(".nan", "nan")
    ),
    "int": _to_int,
    "null": lambda value: None,
    "timestamp": _to_timestamp,
}

_RESOLVERS = tuple(
    (name, re.compile(pattern, re.X), tuple(first)) for name, pattern, first in _IMPLICIT
)
_FIRSTS = frozenset(first for _name, _pattern, firsts in _RESOLVERS for first in firsts)
"""Every first character with which a plain scalar may be a non-string."""
