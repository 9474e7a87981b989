"""Split a document into its layout skeleton and the text runs to translate.

A document is read line by line (lines end at ``\\n`` only). What is not prose is
kept byte for byte: blank lines, line endings, fenced and indented code blocks, YAML
front matter, HTML comments and tag lines, lines without a letter (rules, dates
alone), a leading header field such as ``date 2020-11-05`` before the first
paragraph, and the Markdown markers in front of text (``#`` headings and their
closing ``#``, list markers, ``>`` quotes, table pipes and delimiter rows).
Consecutive text lines form one paragraph run, so a hard-wrapped sentence is
translated whole; its translation is wrapped again to the width of the original
lines. A hard line break (two trailing spaces or a trailing backslash) ends a run, so
that the break stays after the same word. Runs are then split into sentences
(:mod:`onoma.translation.sentences`).

Block rules follow CommonMark where articles meet them: a fence is closed only by a
line of the same fence characters (at least as many, at most three spaces in, nothing
after them); after a blank line (or at the top) and outside a list, a line indented
four columns or more starts an indented code block, which runs on over indented and
blank lines; a table is recognised by its delimiter row (``--- | ---``), outer pipes
or not.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from onoma.text.files import split_lines

_FENCE = re.compile(r"^ {0,3}(`{3,}(?!.*`)|~{3,})")
_HEADER = re.compile(
    r"^[ \t]*(?i:date|dated|published|updated|posted|modified|created|time):?[ \t]+"
    r"\d{4}-\d{2}-\d{2}"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?(?=\s|$)[ \t]*"
)
_QUOTE = re.compile(r"^[ \t]*(?:>[ \t]?)*[ \t]*")
_HEADING = re.compile(r"^#{1,6}(?:[ \t]+|$)")
_HEADING_CLOSE = re.compile(r"[ \t]+#+[ \t]*$")
_ITEM = re.compile(r"^(?:[-*+]|\d{1,9}[.)])[ \t]+")
_TAG_LINE = re.compile(r"^[ \t]*<[^<>]*>[ \t]*$")
_DELIMITER_ROW = re.compile(r"^ {0,3}\|?(?:[ \t]*:?-+:?[ \t]*\|)*[ \t]*:?-+:?[ \t]*\|?[ \t]*$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_CODE_INDENT = 4
"""Columns of indentation that make a line (after a blank line) an indented code block."""


def has_letters(text: str) -> bool:
    """Whether ``text`` holds a letter, i.e. something to translate."""
    return any(c.isalpha() for c in text)


@dataclass(frozen=True)
class Run:
    """A stretch of prose to translate, starting at 1-based ``line`` of the input.

    ``text`` has no leading or trailing whitespace; lines of a paragraph are joined
    with ``\\n``.
    """

    text: str
    line: int


@dataclass
class Block:
    """Where a translated run goes: the prefix of each source line, what separated
    the lines (trailing spaces and line ending), what follows the last one, and the
    width to wrap to (paragraphs of several lines only)."""

    run: int
    prefixes: list[str] = field(default_factory=list)
    seps: list[str] = field(default_factory=list)
    suffix: str = ""
    width: int | None = None

    def render(self, text: str, keep: list[str], rewrap: bool) -> str:
        """``text`` (lines split by ``\\n``) laid out like the source lines."""
        lines = text.split("\n")
        if self.width and rewrap:
            lines = [w for line in lines for w in _wrap(line, self.width, keep)]
        if len(lines) == len(self.prefixes):
            prefixes, seps = self.prefixes, self.seps
        else:
            newline = self.seps[0].lstrip(" \t") if self.seps else "\n"
            cont = self.prefixes[1] if len(self.prefixes) > 1 else self.prefixes[0]
            prefixes = [self.prefixes[0]] + [cont] * (len(lines) - 1)
            seps = [newline or "\n"] * (len(lines) - 1)
        out = [prefixes[0] + lines[0]]
        for sep, prefix, line in zip(seps, prefixes[1:], lines[1:], strict=True):
            out.append(sep + prefix + line)
        return "".join(out) + self.suffix


@dataclass
class Layout:
    """A document as verbatim strings and blocks of translated text, in order."""

    parts: list[str | Block]
    runs: list[Run]

    def render(
        self,
        translations: Sequence[str],
        keep: Iterable[str] = (),
        wrap: Sequence[bool] | None = None,
    ) -> str:
        """The document with each run replaced by its translation.

        A paragraph that spanned several lines is wrapped again to its width when
        ``wrap`` (one flag per run) allows it: callers allow it where a sentence was
        broken across lines, not where each sentence had a line of its own. ``keep``
        lists phrases (multi-word names) that wrapping must not break.
        """
        keep = [k for k in keep if " " in k]
        out: list[str] = []
        for part in self.parts:
            if isinstance(part, str):
                out.append(part)
            else:
                rewrap = wrap is None or wrap[part.run]
                out.append(part.render(translations[part.run], keep, rewrap))
        return "".join(out)


_NOBREAK = "\x1f"


def _wrap(line: str, width: int, keep: list[str]) -> list[str]:
    if len(line) <= width:
        return [line]
    for phrase in keep:
        line = line.replace(phrase, phrase.replace(" ", _NOBREAK))
    wrapped = textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False)
    return [w.replace(_NOBREAK, " ") for w in wrapped] or [""]


def _split_eol(line: str) -> tuple[str, str]:
    body = line.rstrip("\r\n")
    return body, line[len(body) :]


class _Builder:
    """Accumulates parts and runs while lines are read."""

    def __init__(self) -> None:
        self.parts: list[str | Block] = []
        self.runs: list[Run] = []
        # The open paragraph: its block, its content lines and its quote depth.
        self.block: Block | None = None
        self.lines: list[str] = []
        self.depth = -1
        self.start = 0

    def verbatim(self, text: str) -> None:
        self.close()
        self.parts.append(text)

    def open(self, line_no: int, prefix: str, content: str, suffix: str, depth: int) -> None:
        self.close()
        self.block = Block(len(self.runs), [prefix], [], suffix)
        self.lines = [content]
        self.depth = depth
        self.start = line_no
        self.parts.append(self.block)
        self.runs.append(Run("", line_no))

    def can_continue(self, depth: int) -> bool:
        return self.block is not None and depth == self.depth

    def add(self, prefix: str, content: str, suffix: str) -> None:
        assert self.block is not None
        self.block.seps.append(self.block.suffix)
        self.block.prefixes.append(prefix)
        self.lines.append(content)
        self.block.suffix = suffix

    def close(self) -> None:
        if self.block is None:
            return
        if len(self.lines) > 1:
            self.block.width = max(len(line) for line in self.lines)
        self.runs[self.block.run] = Run("\n".join(self.lines), self.start)
        self.block = None

    def single(self, line_no: int, prefix: str, content: str, suffix: str) -> None:
        """A run on one line that nothing joins (a heading, a table cell)."""
        self.close()
        self.parts.append(Block(len(self.runs), [prefix], [], suffix))
        self.runs.append(Run(content, line_no))


def parse_layout(text: str, *, markdown: bool = True) -> Layout:
    """Split ``text`` into verbatim parts and prose runs (see the module doc).

    With ``markdown`` false (plain-text articles), an indented paragraph is prose, not
    an indented code block: plain text often indents paragraphs with a tab.
    """
    b = _Builder()
    lines = split_lines(text)
    bodies = [_split_eol(line)[0] for line in lines]
    i = 0
    seen_prose = False
    if lines and bodies[0] == "---":
        end = next((j for j in range(1, len(lines)) if bodies[j] in ("---", "...")), None)
        if end is not None:
            b.verbatim("".join(lines[: end + 1]))
            i = end + 1
    top = i
    list_indent: int | None = None  # content column of the open list's first item
    while i < len(lines):
        line_no = i + 1
        body, eol = _split_eol(lines[i])
        after_blank = i == top or _is_blank(bodies[i - 1])
        indent = _indent(body)
        if (
            list_indent is not None
            and after_blank
            and not _is_blank(body)
            and indent < list_indent
            and not _ITEM.match(body.lstrip(" \t"))
        ):
            list_indent = None
        end = _verbatim_block(
            bodies, i, code_may_start=markdown and after_blank and list_indent is None
        )
        if end is not None:
            b.verbatim("".join(lines[i:end]))
            i = end
            continue
        if i + 1 < len(lines) and _is_table_start(body, bodies[i + 1]):
            seen_prose = True
            _table_row(b, line_no, body, eol)
            b.verbatim(lines[i + 1])
            i += 2
            while i < len(lines) and not _is_blank(bodies[i]) and _CELL_SPLIT.search(bodies[i]):
                _table_row(b, i + 1, *_split_eol(lines[i]))
                i += 1
            continue
        i += 1
        if not has_letters(body) or _TAG_LINE.match(body):
            b.verbatim(body + eol)
            continue
        header = None if seen_prose else _HEADER.match(body)
        seen_prose = True
        if header:
            rest = body[header.end() :]
            if not has_letters(rest):
                b.verbatim(body + eol)
                seen_prose = False
            else:
                lead, content, trail = _split_space(rest)
                content, trail, hard = _hard_break(content, trail)
                b.open(line_no, header.group(0) + lead, content, trail + eol, depth=0)
                if hard:
                    b.close()
            continue
        quote = _QUOTE.match(body).group(0)  # type: ignore[union-attr]
        depth = quote.count(">")
        rest = body[len(quote) :]
        heading = _HEADING.match(rest)
        if heading:
            lead, content, trail = _split_space(rest[heading.end() :])
            close = _HEADING_CLOSE.search(content)
            if close:
                content, trail = content[: close.start()], content[close.start() :] + trail
            if has_letters(content):
                b.single(line_no, quote + heading.group(0) + lead, content, trail + eol)
            else:
                b.verbatim(body + eol)
            continue
        item = _ITEM.match(rest)
        _, content, trail = _split_space(rest[item.end() :] if item else rest)
        content, trail, hard = _hard_break(content, trail)
        prefix = body[: len(body) - len(content) - len(trail)]
        if item and depth == 0 and list_indent is None:
            list_indent = len(prefix.expandtabs(4))
        if item or not b.can_continue(depth):
            b.open(line_no, prefix, content, trail + eol, depth)
        else:
            b.add(prefix, content, trail + eol)
        if hard:
            b.close()
    b.close()
    return Layout(b.parts, b.runs)


def _verbatim_block(bodies: list[str], i: int, *, code_may_start: bool) -> int | None:
    """Where the block starting at line ``i`` ends (exclusive) if it is kept verbatim: an
    indented code block (when one may start there), a fenced block or an HTML comment."""
    body = bodies[i]
    if code_may_start and _indent(body) >= _CODE_INDENT and body.strip():
        j = i + 1
        while j < len(bodies) and (_is_blank(bodies[j]) or _indent(bodies[j]) >= _CODE_INDENT):
            j += 1
        return j
    fence = _FENCE.match(body)
    if fence:
        marker = fence.group(1)
        closing = re.compile(rf" {{0,3}}{re.escape(marker[0])}{{{len(marker)},}}[ \t]*")
        j = i + 1
        while j < len(bodies) and not closing.fullmatch(bodies[j]):
            j += 1
        return j + 1
    if body.lstrip().startswith("<!--"):
        j = i
        while j < len(bodies) and "-->" not in bodies[j]:
            j += 1
        return j + 1
    return None


def _is_blank(body: str) -> bool:
    return not body.strip(" \t")


def _indent(text: str) -> int:
    """The column of the first character of ``text`` that is not a space or a tab."""
    column = 0
    for char in text:
        if char == " ":
            column += 1
        elif char == "\t":
            column += 4 - column % 4
        else:
            break
    return column


def _hard_break(content: str, trail: str) -> tuple[str, str, bool]:
    """``content`` and ``trail`` with a trailing backslash moved into ``trail``, and
    whether the line ends with a hard break (two spaces, or that backslash)."""
    if trail.endswith("  "):
        return content, trail, True
    if not trail and (len(content) - len(content.rstrip("\\"))) % 2:
        _, content, space = _split_space(content[:-1])
        return content, space + "\\", True
    return content, trail, False


def _split_space(text: str) -> tuple[str, str, str]:
    """``text`` as its leading whitespace, what is between, and its trailing whitespace."""
    content = text.strip()
    if not content:
        return text, "", ""
    lead = text[: len(text) - len(text.lstrip())]
    return lead, content, text[len(lead) + len(content) :]


def _cell_count(row: str) -> int:
    row = row.strip(" \t")
    row = row[1:] if row.startswith("|") else row
    row = row[:-1] if row.endswith("|") and not row.endswith("\\|") else row
    return len(_CELL_SPLIT.split(row))


def _is_table_start(header: str, delimiter: str) -> bool:
    """Whether ``header`` and the line after it open a table (GitHub Flavored Markdown)."""
    return (
        "|" in delimiter
        and _DELIMITER_ROW.match(delimiter) is not None
        and _indent(header) < _CODE_INDENT
        and _CELL_SPLIT.search(header) is not None
        and _cell_count(header) == _cell_count(delimiter)
    )


def _table_row(b: _Builder, line_no: int, body: str, eol: str) -> None:
    cells = _CELL_SPLIT.split(body)
    pending = ""
    for k, cell in enumerate(cells):
        if k:
            pending += "|"
        content = cell.strip()
        if not has_letters(content):
            pending += cell
            continue
        lead = cell[: len(cell) - len(cell.lstrip())]
        b.verbatim(pending)
        b.single(line_no, lead, content, cell[len(lead) + len(content) :])
        pending = ""
    b.verbatim(pending + eol)
