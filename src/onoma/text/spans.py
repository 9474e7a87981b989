"""Spans of text as ``(start, end, ...)`` tuples: merging and overlap tests.

Matching, normalization and translation all keep lists of spans sorted by start;
these helpers work on any tuple whose first two items are the start and the end.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from typing import TypeVar

Span = TypeVar("Span", bound=tuple)


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """``(start, end)`` spans sorted, overlapping ones merged (touching ones stay apart)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def overlaps(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """True when ``[start, end)`` overlaps one of ``spans`` (sorted, not overlapping)."""
    i = bisect_right(spans, (start, float("inf")))
    if i and spans[i - 1][1] > start:
        return True
    return i < len(spans) and spans[i][0] < end


def outside(spans: Iterable[Span], keep: Sequence[tuple[int, int]]) -> list[Span]:
    """The ``spans`` (sorted) that overlap none of the ``keep`` spans (sorted, merged)."""
    out = []
    i = 0
    for span in spans:
        while i < len(keep) and keep[i][1] <= span[0]:
            i += 1
        if i == len(keep) or keep[i][0] >= span[1]:
            out.append(span)
    return out
