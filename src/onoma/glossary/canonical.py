"""Read glossary files in the layout ``onoma glossary fmt`` writes, line by line.

libyaml hands Python one event object per scalar, key and bracket: for a 100,000-entry
glossary that is 1.9 million objects and most of the first load. A file in the
canonical layout (:mod:`onoma.glossary.fmt`) has one value per line, so this reader
matches each line with one regular expression instead, and builds the same values with
the same line numbers as :func:`onoma.glossary.fastyaml.load_yaml_fast`.

It reads only a strict subset of YAML and never reports an error: on the first line it
does not know (a block list, a multi-line string, a tab, an anchor, a key given twice,
an escape it does not decode, an unprintable character…) it gives up and returns
``None``, and the caller reads the file with libyaml, which also says what is wrong.
Everything it accepts, it reads as libyaml does (a property test checks this).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from onoma.glossary.fastyaml import _FIRSTS, LineDict, LineList, _Lines, resolve_plain

_FIRST = r"[^\s\-?:,\[\]{}#&*!|>'\"%@`]"
"""A plain scalar's first character: not a space nor a YAML indicator."""
_REST = r"[^,\[\]{}#:\s]"
_PLAIN = rf"{_FIRST}{_REST}*+(?: {_REST}++)*+"
"""A plain scalar that reads the same in block and flow context: no ``,[]{}#:`` at all,
single spaces inside, none at either end (stricter than YAML, never looser). The
quantifiers are possessive (``*+``): nothing here needs backtracking, and it halves the
time a line takes to match."""
_DOUBLE = r'"(?:[^"\\]++|\\.)*+"'
_SINGLE = r"'(?:[^']++|'')*+'"
_ITEM = rf"(?:{_PLAIN}|{_DOUBLE}|{_SINGLE})"
_SEQ = rf"\[ *+(?:{_ITEM}(?: *+, *+{_ITEM})*+)? *+\]"
_MAP = rf"\{{ *+(?:{_PLAIN}: +{_ITEM}(?: *+, *+{_PLAIN}: +{_ITEM})*+)? *+\}}"
_LINE = re.compile(
    r"( *+)(- )?([A-Za-z_][A-Za-z0-9_-]{0,1023}+):"
    rf"(?: +(?:(?P<seq>{_SEQ})|(?P<map>{_MAP})|(?P<one>{_ITEM})))? *+(?:(?<= )#.*)?"
)
"""One line of an entry: its indent, ``- `` when it starts the entry, the key (libyaml
takes no key longer than 1,024 characters), and what follows ``key:``: nothing (a block
mapping follows), a scalar, a flow list or a flow mapping; then maybe a comment."""
_TOKEN = re.compile(_ITEM)
_PAIR = re.compile(rf"({_PLAIN}): +({_ITEM})")
_ESCAPE = re.compile(r'\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[\\"/ntr0])')
_ESCAPED = re.compile(
    r'(?:[^\\]|\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[\\"/ntr0]))*'
)
_SIMPLE = {"\\": "\\", '"': '"', "/": "/", "n": "\n", "t": "\t", "r": "\r", "0": "\0"}


class _Unknown(Exception):
    """A line this reader does not read: libyaml reads the file instead."""


def load_canonical(text: str, each: Callable[[Any, int], Any] | None = None) -> Any:
    """The value of glossary YAML ``text`` in the canonical layout, as
    :func:`~onoma.glossary.fastyaml.load_yaml_fast` builds it (``each`` too), or
    ``None`` when the text is not in that layout or holds no entry."""
    if "\r" in text:
        if "\r" in text.replace("\r\n", ""):
            return None  # a lone carriage return is a line break to YAML
        text = text.replace("\r\n", "\n")
    if not text.replace("\n", "").isprintable():
        return None  # tabs, controls, other spaces: libyaml knows which are allowed where
    try:
        return _read(text.split("\n"), each)
    except _Unknown:
        return None


def _read(lines: list[str], each: Callable[[Any, int], Any] | None) -> LineList | None:
    root = LineList()
    item_lines: list[int] = []
    root.lc = _Lines(0, item_lines)
    keys: dict[str, Any] = {}  # each key's value, resolved once
    entry: LineDict | None = None  # the entry being read
    block: LineDict | None = None  # its open block mapping (names:, variants:, forms:)
    fullmatch = _LINE.fullmatch
    for number, line in enumerate(lines):
        match = fullmatch(line)
        if match is None:
            stripped = line.lstrip(" ")
            if not stripped or stripped[0] == "#":
                continue  # blank lines and comments
            raise _Unknown
        indent, dash, key_text, seq, mapping, one = match.groups()
        key = keys.get(key_text, _NO_KEY)
        if key is _NO_KEY:
            key = keys[key_text] = resolve_plain(key_text)
        if dash:  # "- key: value": a new entry
            if indent:
                raise _Unknown
            if entry is not None:
                _close(root, block, each)
            entry = LineDict()
            entry.lc = _Lines(number, {})
            if not root:
                root.lc.line = number
            root.append(entry)
            item_lines.append(number)
            block = None
            target = entry
        elif entry is None:
            raise _Unknown
        elif len(indent) == 2:
            if block is not None and not block:
                raise _Unknown  # "key:" with nothing under it is a null: libyaml's case
            block = None
            target = entry
        elif len(indent) == 4 and block is not None:
            target = block
            if not block:  # its first key: where the block mapping starts
                block.lc.line = number
                entry.lc.lines[next(reversed(entry))] = number
        else:
            raise _Unknown
        if not isinstance(key, str) or key in target:
            raise _Unknown  # libyaml reports a key given twice, or not a string
        if one is not None:
            value = one if one[0] not in _QUOTED_OR_RESOLVED else _scalar(one)
        elif seq is not None:
            value = LineList(_scalar(token) for token in _TOKEN.findall(seq[1:-1]))
            value.lc = _Lines(number, [number] * len(value))
        elif mapping is not None:
            value = _flow_mapping(mapping[1:-1])
            value.lc = _Lines(number, dict.fromkeys(value, number))
        elif target is entry:
            block = LineDict()
            block.lc = _Lines(number + 1, {})
            entry[key] = block
            entry.lc.lines[key] = -1  # the line of the first key under it, when read
            continue
        else:
            raise _Unknown
        target[key] = value
        target.lc.lines[key] = number
    if entry is None:
        return None
    _close(root, block, each)
    return root


_NO_KEY = object()
_LONGEST_KEY = 1024
"""libyaml reads no implicit key longer than this (in characters)."""
_QUOTED_OR_RESOLVED = _FIRSTS | {'"', "'"}
"""The first characters of a scalar that is not simply its text."""


def _close(root: LineList, block: LineDict | None, each: Callable[[Any, int], Any] | None) -> None:
    """Finish the last entry of ``root``: hand it to ``each``."""
    if block is not None and not block:
        raise _Unknown
    if each is not None:
        root[-1] = each(root[-1], root.lc.lines[-1] + 1)


def _flow_mapping(inside: str) -> LineDict:
    pairs = LineDict()
    for key_text, value in _PAIR.findall(inside):
        if len(key_text) > _LONGEST_KEY:
            raise _Unknown
        key = resolve_plain(key_text)
        if key in pairs:
            raise _Unknown
        pairs[key] = _scalar(value)
    return pairs


def _scalar(token: str) -> Any:
    first = token[0]
    if first == '"':
        body = token[1:-1]
        if "\\" not in body:
            return body
        if _ESCAPED.fullmatch(body) is None:
            raise _Unknown
        return _ESCAPE.sub(_unescape, body)
    if first == "'":
        return token[1:-1].replace("''", "'")
    return resolve_plain(token)


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    if len(code) == 1:
        return _SIMPLE[code]
    point = int(code[1:], 16)
    if 0xD800 <= point <= 0xDFFF or point > 0x10FFFF:
        raise _Unknown
    return chr(point)
