"""Long texts in pieces, and a compact record of replacements, so that normalizing a
200 MB file takes memory in proportion to the file, not to its number of names.

A text over :data:`PIECE` characters is normalized piece by piece, cut where no name
can run across the cut: after a paragraph break, else after the end of a sentence (a
full stop after a lower-case word, then a capital), else after a space. The results are
put together with their offsets, lines and columns as for the whole text.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterator, Sequence
from typing import Any

PIECE = 1 << 20
"""Characters in one piece, roughly (the cut is at the next safe place)."""
WINDOW = 1 << 16
"""How far past :data:`PIECE` to look for a safe cut before trying a weaker one."""

_SENTENCE_END = re.compile(r"(?<=[^\W\d_]{2})[.!?։][\"”»’)]*[ \t]+(?=[^\W\d_])")
_SPACE = re.compile(r"[ \t]+")

Edit = tuple[int, str, str, str, "str | None"]


def piece_bounds(text: str, size: int = PIECE) -> list[tuple[int, int]]:
    """``(start, end)`` of the pieces of ``text``: one piece for a short text."""
    bounds = []
    start = 0
    while len(text) - start > size:
        cut = _cut(text, start + size)
        if cut is None:
            break
        bounds.append((start, cut))
        start = cut
    bounds.append((start, len(text)))
    return bounds


def _cut(text: str, at: int) -> int | None:
    """The first safe cut at or after ``at``: a paragraph break, a sentence end, a space."""
    stop = min(len(text), at + WINDOW)
    paragraph = text.find("\n\n", at, stop)
    if paragraph != -1 and paragraph + 2 < len(text):  # a break that ends the text: no cut
        return paragraph + 2
    for pattern, capital in ((_SENTENCE_END, True), (_SPACE, False)):
        found = pattern.search(text, at, stop)
        if found and found.end() < len(text) and (not capital or text[found.end()].isupper()):
            return found.end()
    return None


class EditList(Sequence[Edit]):
    """``(offset, old, new, id, case)`` of each replacement, in text order, stored as
    two integer arrays and one table of the distinct ``(old, new, id, case)``: 12 bytes
    a replacement, where a tuple with its offset and its own copy of the old spelling
    takes well over a hundred."""

    __slots__ = ("_index", "_kinds", "_offsets", "_table")

    def __init__(self) -> None:
        self._offsets = array("q")
        self._kinds = array("I")
        self._table: list[tuple[str, str, str, str | None]] = []
        self._index: dict[tuple[str, str, str, str | None], int] = {}

    def append(self, offset: int, old: str, new: str, entry_id: str, case: str | None) -> None:
        key = (old, new, entry_id, case)
        kind = self._index.get(key)
        if kind is None:
            kind = self._index[key] = len(self._table)
            self._table.append(key)
        self._offsets.append(offset)
        self._kinds.append(kind)

    def extend_shifted(self, other: EditList, shift: int) -> None:
        """Append ``other``'s replacements, their offsets moved by ``shift``."""
        for offset, *rest in other:
            self.append(offset + shift, *rest)

    def __len__(self) -> int:
        return len(self._offsets)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        return (self._offsets[index], *self._table[self._kinds[index]])

    def __iter__(self) -> Iterator[Edit]:
        table = self._table
        for offset, kind in zip(self._offsets, self._kinds, strict=True):
            yield (offset, *table[kind])

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return list(self) == list(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"EditList({list(self)!r})"
