"""Span helpers against brute force on small random spans."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from onoma.text.spans import merge_spans, outside, overlaps

SPAN = st.tuples(st.integers(0, 30), st.integers(1, 8)).map(lambda s: (s[0], s[0] + s[1]))
SPANS = st.lists(SPAN, max_size=8)


def covered(spans: list[tuple[int, int]]) -> set[int]:
    return {i for start, end in spans for i in range(start, end)}


@given(SPANS)
def test_merge_keeps_the_positions_and_leaves_no_overlap(spans: list[tuple[int, int]]) -> None:
    merged = merge_spans(spans)
    assert covered(merged) == covered(spans)
    assert merged == sorted(merged)
    assert all(a[1] <= b[0] for a, b in pairwise(merged))


def test_touching_spans_stay_apart() -> None:
    assert merge_spans([(3, 5), (0, 3), (4, 6)]) == [(0, 3), (3, 6)]


@given(SPANS, SPAN)
def test_overlaps_agrees_with_brute_force(spans: list[tuple[int, int]], probe) -> None:
    merged = merge_spans(spans)
    assert overlaps(merged, *probe) == bool(covered(merged) & set(range(*probe)))


@given(st.lists(SPAN, max_size=8), SPANS)
def test_outside_agrees_with_brute_force(found: list[tuple[int, int]], keep) -> None:
    found = sorted(found)
    merged = merge_spans(keep)
    expected = [s for s in found if not covered([s]) & covered(merged)]
    assert outside(found, merged) == expected
