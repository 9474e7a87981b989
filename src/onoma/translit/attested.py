"""Choose, among the spellings Latin cannot tell apart, one that a name list attests.

Press Latin writes կ and ք as k, տ and թ as t, պ and փ as p, չ and ճ as ch, ց and ծ as ts,
ր and ռ as r. The rules pick the usual letter; here every combination of the other letters
(a small bounded lattice) is looked up in ``names_hy.txt``, Armenian words of open name
lists (see its header), and an attested spelling replaces the rules' choice.
"""

from __future__ import annotations

import functools
import itertools
from importlib import resources

LEXICON = "names_hy.txt"
_PAIRS = {"կ": "ք", "ք": "կ", "տ": "թ", "թ": "տ", "պ": "փ", "փ": "պ"}
_PAIRS |= {"չ": "ճ", "ճ": "չ", "ց": "ծ", "ծ": "ց", "ր": "ռ", "ռ": "ր"}
MAX_LETTERS = 8
"""Ambiguous letters considered per word (2**8 spellings at most)."""


@functools.cache
def load_lexicon() -> frozenset[str]:
    """The attested lower-case words, read on first use."""
    text = resources.files(__package__).joinpath(LEXICON).read_text("utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


def prefer_attested(word: str, lexicon: frozenset[str] | None = None) -> str:
    """``word`` (Armenian, from the rules) or the attested spelling that differs from it
    in the fewest ambiguous letters; ``word`` itself when none is attested."""
    lexicon = load_lexicon() if lexicon is None else lexicon
    lower = word.lower()
    if lower in lexicon:
        return word
    positions = [i for i, letter in enumerate(lower) if letter in _PAIRS][:MAX_LETTERS]
    best: str | None = None
    for size in range(1, len(positions) + 1):
        for chosen in itertools.combinations(positions, size):
            letters = list(lower)
            for i in chosen:
                letters[i] = _PAIRS[letters[i]]
            candidate = "".join(letters)
            if candidate in lexicon:
                best = candidate
                break
        if best:
            break
    if best is None:
        return word
    return "".join(b.upper() if a.isupper() else b for a, b in zip(word, best, strict=True))
