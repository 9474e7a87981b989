"""Choose, among the spellings Latin cannot tell apart, one that a word list attests.

Press Latin writes կ and ք as k, տ and թ as t, պ and փ as p, չ and ճ as ch, ց and ծ as ts,
ր and ռ as r. The rules pick the usual letter; here every combination of the other letters
(a small bounded lattice) is looked up in word lists, most trusted first:

1. the Armenian forms of the glossaries in use, when the caller passes them (a curated
   form always wins);
2. ``names_hy.txt``: Armenian words of open name lists (places, people; see its header);
3. ``words_hy.txt``: words Armenian web text writes with a capital, from Tesseract's
   Armenian word list (see its header).

In the first list that holds the rules' spelling or another one, the spelling with the
fewest changed letters wins; when no list holds any, the rules' choice stands.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Collection, Iterable, Iterator, Sequence
from importlib import resources

LEXICONS = ("names_hy.txt", "words_hy.txt")
_PAIRS = {"կ": "ք", "ք": "կ", "տ": "թ", "թ": "տ", "պ": "փ", "փ": "պ"}
_PAIRS |= {"չ": "ճ", "ճ": "չ", "ց": "ծ", "ծ": "ց", "ր": "ռ", "ռ": "ր"}
MAX_LETTERS = 8
"""Ambiguous letters considered per word (2**8 spellings at most)."""


_ARMENIAN_WORD = re.compile(r"[\u0531-\u0556\u0561-\u0587]+")


def attested_words(forms: Iterable[str]) -> frozenset[str]:
    """The Armenian words of ``forms`` (a glossary's hy names and variants), as
    :func:`prefer_attested` compares them: the ``attested`` list of transliterate."""
    return frozenset(fold(w) for form in forms for w in _ARMENIAN_WORD.findall(form))


def fold(word: str) -> str:
    """How words are compared: lower case, «եւ» as «և» (as onoma writes it)."""
    return word.lower().replace("եւ", "և")


@functools.cache
def load_lexicon(name: str = LEXICONS[0]) -> frozenset[str]:
    """The words of a shipped list, read on first use."""
    text = resources.files(__package__).joinpath(name).read_text("utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


def shipped_lexicons() -> tuple[frozenset[str], ...]:
    """The shipped lists, most trusted first."""
    return tuple(load_lexicon(name) for name in LEXICONS)


def prefer_attested(
    word: str,
    lexicon: frozenset[str] | None = None,
    *,
    lexicons: Sequence[Collection[str]] | None = None,
) -> str:
    """``word`` (Armenian, from the rules) or the attested spelling that differs from it
    in the fewest ambiguous letters, from the first of ``lexicons`` (default: the shipped
    lists; ``lexicon`` alone is a single list) that holds one; ``word`` itself when none
    does. The lists hold :func:`fold`-ed words."""
    if lexicons is None:
        lexicons = (lexicon,) if lexicon is not None else shipped_lexicons()
    lower = fold(word)
    if len(lower) != len(word):  # «եւ» in the word: keep its letters as they are
        return word
    for words in lexicons:
        for candidate in _spellings(lower):
            if candidate in words:
                if candidate == lower:
                    return word
                pairs = zip(word, candidate, strict=True)
                return "".join(b.upper() if a.isupper() else b for a, b in pairs)
    return word


def prefer_attested_words(text: str, lexicons: Sequence[Collection[str]] | None = None) -> str:
    """:func:`prefer_attested` on every Armenian word of ``text``."""
    return _ARMENIAN_WORD.sub(lambda m: prefer_attested(m[0], lexicons=lexicons), text)


def _spellings(lower: str) -> Iterator[str]:
    """``lower`` itself, then its other spellings, fewest changed letters first."""
    yield lower
    positions = [i for i, letter in enumerate(lower) if letter in _PAIRS][:MAX_LETTERS]
    for size in range(1, len(positions) + 1):
        for chosen in itertools.combinations(positions, size):
            letters = list(lower)
            for i in chosen:
                letters[i] = _PAIRS[letters[i]]
            yield "".join(letters)
