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
    """Splits HTML into ``(text, translatable)`` pieces in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.pieces: list[tuple[str, bool]] = []
        self.open: list[str] = []

    def _markup(self) -> None:
        self.pieces.append((self.get_starttag_text() or "", False))

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self._markup()
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self._markup()

    def handle_endtag(self, tag: str) -> None:
        self.pieces.append((f"</{tag}>", False))
        if tag in self.open:
            while self.open and self.open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        kept = any(tag in KEEP_INSIDE for tag in self.open)
        self.pieces.append((data, not kept and any(c.isalpha() for c in data)))

    def handle_entityref(self, name: str) -> None:
        self.pieces.append((f"&{name};", False))

    def handle_charref(self, name: str) -> None:
        self.pieces.append((f"&#{name};", False))

    def handle_comment(self, data: str) -> None:
        self.pieces.append((f"<!--{data}-->", False))

    def handle_decl(self, decl: str) -> None:
        self.pieces.append((f"<!{decl}>", False))

    def handle_pi(self, data: str) -> None:
        self.pieces.append((f"<?{data}>", False))

    def unknown_decl(self, data: str) -> None:
        self.pieces.append((f"<![{data}]>", False))


def split_html(html: str) -> list[tuple[str, bool]]:
    """The pieces of ``html``: markup and kept text (False), translatable text (True).

    Joining the texts gives ``html`` back."""
    parser = _Pieces()
    parser.feed(html)
    parser.close()
    rawdata = getattr(parser, "rawdata", "")
    if rawdata:  # an unfinished tag at the end: keep it as it is
        parser.pieces.append((rawdata, False))
    return parser.pieces


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
