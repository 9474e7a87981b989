"""Glossary files as text: each entry's lines and comments, for the tools that rewrite them.

:func:`parse_document` splits a glossary file into a header, one :class:`Block` per
entry and a footer, and ties every comment to the field it sits on: ``before`` lines
above a field, or the ``eol`` comment at the end of its line. ``fmt`` re-emits every
block, ``merge`` and ``add`` only the blocks they change, so no comment is lost.

Rules for comments between entries: lines directly below an entry (no blank line in
between) and indented deeper than its ``-`` stay with that entry (``trailing``); the
other comments belong to the entry below them (``leading``). Before the first entry,
the comments up to the last blank line (and any ``%YAML``/``---`` line) are the
file's header; after the last entry, the rest is the footer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from onoma.errors import GlossaryError
from onoma.glossary.model import Entry
from onoma.glossary.yamltext import load_yaml_text, parse_entries, read_glossary_text

LINE_BREAK = re.compile(r"\r\n|[\n\r]")
"""What ruamel counts as a line break (CRLF, LF or a lone CR; not NEL, U+2028 or U+2029,
which YAML 1.2 reads as ordinary characters), so that line numbers agree with its marks."""
CONTAINERS = ("names", "variants")


@dataclass
class Slot:
    """The comments tied to one field: full lines above it and one at its line's end."""

    before: list[str] = field(default_factory=list)
    eol: str | None = None


@dataclass
class Comments:
    """Every comment of one entry; lines are stripped (``"# text"``), ``""`` is a blank."""

    leading: list[str] = field(default_factory=list)
    trailing: list[str] = field(default_factory=list)
    slots: dict[str, Slot] = field(default_factory=dict)

    def slot(self, key: str) -> Slot:
        return self.slots.setdefault(key, Slot())

    def all_lines(self) -> list[str]:
        """Every comment as a full line, in file order (leading, fields, trailing)."""
        lines = [line for line in self.leading if line]
        for slot in self.slots.values():
            lines.extend(slot.before)
            if slot.eol:
                lines.append(slot.eol)
        lines.extend(self.trailing)
        return lines


@dataclass
class Block:
    """One entry of a file: the model, the keys written, its comments and its lines.

    ``start``/``end`` delimit (0-based, end exclusive) every line that belongs to the
    entry, leading and trailing comments included; ``indent`` is the column of its ``-``.
    """

    entry: Entry
    keys: tuple[str, ...]
    comments: Comments
    start: int
    end: int
    indent: int = 0


@dataclass
class Document:
    """A glossary file cut into header, entry blocks and footer.

    ``text`` is the text it was parsed from, exactly; ``bom`` whether the file had a BOM;
    ``comments`` the text of every comment in it (full-line and end-of-line), in order.
    """

    path: Path
    lines: list[str]
    newline: str = "\n"
    bom: bool = False
    header: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    footer: list[str] = field(default_factory=list)
    flow: bool = False
    final_newline: bool = True
    text: str = ""
    comments: list[str] = field(default_factory=list)

    def block(self, entry_id: str) -> Block | None:
        """The last block with this id (the one a glossary lookup would find)."""
        for block in reversed(self.blocks):
            if block.entry.id == entry_id:
                return block
        return None


@dataclass
class _Anchor:
    key: str
    line: int
    column: int
    last: int
    leaf: bool


def load_document(path: Path | str) -> Document:
    """Read and parse one glossary file into a :class:`Document`."""
    text, bom = read_glossary_text(path)
    doc = parse_document(text, path)
    doc.bom = bom
    return doc


def parse_document(text: str, path: Path | str) -> Document:
    """Cut glossary text into header, entry blocks and footer, with every comment placed."""
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    path = Path(path)
    entries = parse_entries(text, path)
    first_break = LINE_BREAK.search(text)
    newline = first_break.group() if first_break else "\n"  # the file's own: LF, CRLF or CR
    lines = LINE_BREAK.split(text)
    final_newline = bool(lines) and lines[-1] == ""
    if final_newline:
        lines.pop()
    doc = Document(path, lines, newline, final_newline=final_newline, text=text)
    root = load_yaml_text(text, path, compose=True) if entries else None
    items: list[Any] = root.value if isinstance(root, SequenceNode) else []
    doc.flow = bool(root is not None and getattr(root, "flow_style", False))
    spans = _scalar_spans(root)
    comments = _find_comments(lines, spans)
    doc.comments = [comments[number][0] for number in sorted(comments)]

    ranges = []
    for node in items:
        if not isinstance(node, MappingNode):
            raise GlossaryError(path, "an entry must be a mapping", node.start_mark.line + 1)
        dash_line, indent = _dash(lines, node)
        anchors = _anchors(node)
        last = max([a.last for a in anchors] + [node.start_mark.line])
        ranges.append((dash_line, last, indent, anchors))

    blocks = [
        Block(entry, _keys(node), Comments(), first, last + 1, indent)
        for entry, node, (first, last, indent, _) in zip(entries, items, ranges, strict=True)
    ]
    gaps: list[list[int]] = [[] for _ in range(len(blocks) + 1)]
    owner = _line_owner(ranges, len(lines))
    for number in range(len(lines)):
        where = owner[number]
        if where >= 0:
            if number in comments:
                _place(blocks[where].comments, ranges[where][3], number, *comments[number])
        else:
            gaps[-where - 1].append(number)
    _split_gaps(doc, blocks, gaps, lines, comments)
    doc.blocks = blocks
    return doc


def _keys(node: Any) -> tuple[str, ...]:
    return tuple(str(key.value) for key, _ in node.value)


def _line_owner(ranges: list[tuple[int, int, int, Any]], count: int) -> list[int]:
    """For each line: the index of the entry whose lines hold it, or ``-(gap + 1)``."""
    owner = [-1] * count
    gap = 0
    cursor = 0
    for index, (first, last, _indent, _anchors) in enumerate(ranges):
        for number in range(cursor, min(first, count)):
            owner[number] = -(gap + 1)
        for number in range(max(first, cursor), min(last + 1, count)):
            owner[number] = index
        cursor = max(cursor, last + 1)
        gap = index + 1
    for number in range(cursor, count):
        owner[number] = -(gap + 1)
    return owner


def _scalar_spans(root: Any) -> dict[int, list[tuple[int, float]]]:
    """Column spans per line that scalars cover: a ``#`` there is text, not a comment."""
    from ruamel.yaml.nodes import ScalarNode

    spans: dict[int, list[tuple[int, float]]] = {}
    stack = [root] if root is not None else []
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            start, end = node.start_mark, node.end_mark
            if start.line == end.line:
                spans.setdefault(start.line, []).append((start.column, end.column))
                continue
            spans.setdefault(start.line, []).append((start.column, float("inf")))
            for number in range(start.line + 1, end.line):
                spans.setdefault(number, []).append((0, float("inf")))
            spans.setdefault(end.line, []).append((0, end.column))
        elif isinstance(node.value, list):
            for item in node.value:
                stack.extend(item if isinstance(item, tuple) else (item,))
    return spans


def _find_comments(
    lines: list[str], spans: dict[int, list[tuple[int, float]]]
) -> dict[int, tuple[str, bool]]:
    """Line number → (comment text, whether the comment is the whole line)."""
    found = {}
    for number, line in enumerate(lines):
        pos = line.find("#")
        while pos != -1:
            free = pos == 0 or line[pos - 1] in " \t"
            if free and not any(a <= pos < b for a, b in spans.get(number, ())):
                found[number] = (line[pos:].rstrip(), not line[:pos].strip())
                break
            pos = line.find("#", pos + 1)
    return found


def _dash(lines: list[str], node: Any) -> tuple[int, int]:
    """The line and column of the ``-`` that opens a block sequence item."""
    line, column = node.start_mark.line, node.start_mark.column
    prefix = lines[line][:column] if line < len(lines) else ""
    if prefix.strip():
        dash = prefix.rfind("-")
        return line, dash if dash >= 0 and prefix.rstrip().endswith("-") else 0
    for number in range(line - 1, -1, -1):
        text = lines[number].strip()
        if text == "-" or text.startswith("- #") or text.startswith("-\t"):
            return number, lines[number].index("-")
        if text and not text.startswith("#"):
            break
    return line, max(column - 2, 0)


def _last_line(node: Any) -> int | None:
    """The last line that a node's text reaches, None for an empty scalar."""
    from ruamel.yaml.nodes import ScalarNode

    if isinstance(node, ScalarNode):
        start, end = node.start_mark, node.end_mark
        if start.index == end.index:
            return None
        return end.line if end.column > 0 else end.line - 1
    if getattr(node, "flow_style", False):
        return node.end_mark.line
    found = [node.start_mark.line]
    for item in node.value:
        for part in item if isinstance(item, tuple) else (item,):
            line = _last_line(part)
            if line is not None:
                found.append(line)
    return max(found)


def _anchors(entry_node: Any) -> list[_Anchor]:
    """The fields of an entry (and of its names/variants maps) that comments attach to."""
    from ruamel.yaml.nodes import MappingNode

    anchors = []
    for key_node, value in entry_node.value:
        key = str(key_node.value)
        line = key_node.start_mark.line
        last = _last_line(value)
        nested = key in CONTAINERS and isinstance(value, MappingNode)
        end = line if last is None else last
        anchors.append(_Anchor(key, line, key_node.start_mark.column, end, not nested))
        if nested:
            for sub_key, sub_value in value.value:
                sub_line = sub_key.start_mark.line
                sub_last = _last_line(sub_value)
                anchors.append(
                    _Anchor(
                        f"{key}.{sub_key.value}",
                        sub_line,
                        sub_key.start_mark.column,
                        sub_line if sub_last is None else max(sub_last, sub_line),
                        True,
                    )
                )
    anchors.sort(key=lambda a: (a.line, a.column))
    return anchors


def _place(comments: Comments, anchors: list[_Anchor], line: int, text: str, whole: bool) -> None:
    """Tie one comment inside an entry's lines to the field it belongs to."""
    if not whole:
        on_line = [a for a in anchors if a.line == line]
        if on_line and comments.slot(on_line[0].key).eol is None:
            comments.slot(on_line[0].key).eol = text
            return
    first = line if whole else line + 1
    inside = [a for a in anchors if a.leaf and a.line < first and line <= a.last]
    if inside:
        comments.slot(inside[-1].key).before.append(text)
        return
    below = [a for a in anchors if a.line > line]
    if below:
        comments.slot(below[0].key).before.append(text)
    else:
        comments.trailing.append(text)


def _split_gaps(
    doc: Document,
    blocks: list[Block],
    gaps: list[list[int]],
    lines: list[str],
    comments: dict[int, tuple[str, bool]],
) -> None:
    """Share the lines between entries out as header, leading, trailing and footer."""
    for index, gap in enumerate(gaps):
        before = blocks[index - 1] if index else None
        after = blocks[index] if index < len(blocks) else None
        kept = _gap_lines(gap, lines, comments, header=index == 0)
        if before is not None:
            while kept and kept[0][1] and _indent_of(lines[kept[0][0]]) > before.indent:
                number, text = kept.pop(0)
                before.comments.trailing.append(text)
                before.end = number + 1
        if after is None:
            doc.footer = _tidy([text for _, text in kept])
            continue
        cut = 0
        if index == 0:
            ends = [i for i, (_, text) in enumerate(kept) if not text or text[0] in "%-"]
            cut = ends[-1] + 1 if ends else 0
            doc.header = _tidy([text for _, text in kept[:cut]])
        leading = kept[cut:]
        while leading and not leading[0][1]:
            leading.pop(0)
        after.comments.leading = _tidy([text for _, text in leading])
        if leading:
            after.start = leading[0][0]


def _gap_lines(
    gap: list[int], lines: list[str], comments: dict[int, tuple[str, bool]], *, header: bool
) -> list[tuple[int, str]]:
    """The blank and comment lines of a gap (``""`` for a blank); other lines are dropped,
    except the directives and ``---`` of a header."""
    kept = []
    for number in gap:
        text = lines[number].strip()
        if not text:
            kept.append((number, ""))
        elif number in comments:
            kept.append((number, comments[number][0]))
        elif header and (text.startswith("%") or text.startswith("---")):
            kept.append((number, lines[number].rstrip()))
    return kept


def _indent_of(line: str) -> int:
    return len(line) - len(line.lstrip())


def _tidy(lines: list[str]) -> list[str]:
    """Drop blank lines at both ends and collapse runs of blanks into one."""
    out: list[str] = []
    for text in lines:
        if text or (out and out[-1]):
            out.append(text)
    while out and not out[-1]:
        out.pop()
    return out
