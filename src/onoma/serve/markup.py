"""``format: html``: translate the text nodes of an HTML fragment, nothing else.

Tags, attributes, comments and entities are copied as written; the text inside
``<code>``, ``<pre>``, ``<script>``, ``<style>``, ``<kbd>``, ``<samp>`` and ``<textarea>``
is kept, and so are URLs in text (the translator's own rule). Each text node is
translated on its own, its leading and trailing white space kept.
"""

from __future__ import annotations

from collections.abc import Callable
from html.parser import HTMLParser

KEEP_INSIDE = frozenset({"code", "pre", "script", "style", "kbd", "samp", "textarea"})
VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }
)


class _Pieces(HTMLParser):
    """Records where each construct starts and whether it is translatable text.

    The pieces are cut from the input at those offsets, so whatever the parser makes of
    broken markup, joining them gives the input back."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=False)
        self.html = html
        self.line_starts = [0]
        for line in html.splitlines(keepends=True):
            self.line_starts.append(self.line_starts[-1] + len(line))
        self.starts: list[tuple[int, bool]] = []
        self.open: list[str] = []

    def _mark(self, translatable: bool = False) -> None:
        line, column = self.getpos()
        self.starts.append((self.line_starts[line - 1] + column, translatable))

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self._mark()
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self._mark()

    def handle_endtag(self, tag: str) -> None:
        self._mark()
        if tag in self.open:
            while self.open and self.open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        kept = any(tag in KEEP_INSIDE for tag in self.open)
        self._mark(not kept and any(c.isalpha() for c in data))

    def handle_entityref(self, name: str) -> None:
        self._mark()

    def handle_charref(self, name: str) -> None:
        self._mark()

    def handle_comment(self, data: str) -> None:
        self._mark()

    def handle_decl(self, decl: str) -> None:
        self._mark()

    def handle_pi(self, data: str) -> None:
        self._mark()

    def unknown_decl(self, data: str) -> None:
        self._mark()


def split_html(html: str) -> list[tuple[str, bool]]:
    """The pieces of ``html``: markup and kept text (False), translatable text (True).

    Joining the texts gives ``html`` back."""
    parser = _Pieces(html)
    parser.feed(html)
    parser.close()
    starts = sorted(dict(parser.starts).items())  # one flag per offset, in order
    if not starts or starts[0][0] != 0:
        starts.insert(0, (0, False))
    ends = [start for start, _ in starts[1:]] + [len(html)]
    return [
        (html[start:end], translatable)
        for (start, translatable), end in zip(starts, ends, strict=True)
        if end > start
    ]


def translate_html(html: str, translate: Callable[[list[str]], list[str]]) -> str:
    """``html`` with its translatable text nodes replaced by ``translate``'s outputs.

    ``translate`` gets every node's text (white space at either end trimmed) in one call,
    so a caller can batch them."""
    pieces = split_html(html)
    todo = [i for i, (_, translatable) in enumerate(pieces) if translatable]
    cores = [pieces[i][0].strip() for i in todo]
    outputs = translate(cores) if cores else []
    texts = [text for text, _ in pieces]
    for i, output in zip(todo, outputs, strict=True):
        text = texts[i]
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()) :]
        texts[i] = lead + output + trail
    return "".join(texts)
