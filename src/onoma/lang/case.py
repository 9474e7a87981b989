"""Case folding that keeps offsets: the one lower-casing every layer matches with."""

from __future__ import annotations


def fold_case(text: str) -> str:
    """Lower-case ``text`` without changing its length, so offsets stay valid."""
    folded = text.lower()
    if len(folded) == len(text):
        return folded
    return "".join(c if len(low := c.lower()) != 1 else low for c in text)
