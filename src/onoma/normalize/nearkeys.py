"""The glossary keys near a word's key, for the likely-variant search.

Every capitalised word of a text that the glossary does not hold is compared with the
glossary's romanization keys by rapidfuzz's ratio, and the keys scoring at least the
cutoff are candidates. One ``process.extract`` over every key costs a few milliseconds
a word with 100,000 entries, and a news text has thousands of such words. Two bounds
leave out keys that cannot reach the cutoff, so the candidates, and their order, stay
those of one search over every key:

- length: a ratio is at most 200 × the shorter length / the sum of both lengths, so
  only the groups of keys of lengths near the word's are searched;
- letters: the ratio's distance (insertions and deletions) is at least the number of
  letters that only one of the two keys has, each of which must be inserted or deleted
  at least once. Once a text has asked for enough words to be worth it, each large group
  gets a bit mask of its keys' letters, and numpy keeps the keys whose masks differ from
  the word's in few enough bits (about 2% of them on real news).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

MASKED_AFTER = 50
"""Look-ups answered by the length bound alone: a short text never pays for the masks."""
MASKED_GROUP = 2000
"""Groups of fewer keys are searched whole: the masks would not pay for themselves."""


def letters(key: str) -> int:
    """A bit per letter of ``key`` (``ord & 31``: a to z each their own bit; other
    characters may share one, which only keeps more keys, never fewer)."""
    mask = 0
    for char in key:
        mask |= 1 << (ord(char) & 31)
    return mask


class _Group:
    """The keys of one length, with their positions among all the keys."""

    __slots__ = ("keys", "masks", "positions")

    def __init__(self) -> None:
        self.keys: list[str] = []
        self.positions: list[int] = []
        self.masks: Any = None  # a numpy array of letters(key), made on first use

    def within(self, mask: int, most: int) -> list[int]:
        """The indexes of the keys that have at most ``most`` letters that ``mask``
        has not, or it has and they have not."""
        import numpy as np

        if self.masks is None:
            self.masks = np.fromiter(map(letters, self.keys), np.uint32, len(self.keys))
        differ = self.masks ^ np.uint32(mask)
        if hasattr(np, "bitwise_count"):  # numpy 2
            bits = np.bitwise_count(differ)
        else:
            bits = np.unpackbits(differ.view(np.uint8)).reshape(len(differ), 32).sum(axis=1)
        return np.flatnonzero(bits <= most).tolist()


class KeyIndex:
    """Romanization keys, searched for those near a word's key."""

    def __init__(self, keys: Sequence[str], cutoff: float) -> None:
        self.cutoff = cutoff
        self._asked = 0
        self._groups: dict[int, _Group] = {}
        for position, key in enumerate(keys):
            group = self._groups.get(len(key))
            if group is None:
                group = self._groups[len(key)] = _Group()
            group.keys.append(key)
            group.positions.append(position)

    def near(self, key: str, limit: int = 5) -> list[tuple[str, float]]:
        """The ``limit`` keys closest to ``key`` by rapidfuzz's ratio, at least the
        cutoff, best first and equals in the keys' order: what one ``process.extract``
        over every key gives."""
        from rapidfuzz import fuzz, process

        self._asked += 1
        masked = self._asked > MASKED_AFTER
        found: list[tuple[float, int, str]] = []
        for length, group in self._groups.items():
            total = length + len(key)
            if 200 * min(length, len(key)) / total < self.cutoff - 1e-6:
                continue
            keys, positions = group.keys, group.positions
            if masked and len(keys) >= MASKED_GROUP:
                # The distance may be at most (100 - cutoff)% of the two lengths.
                most = math.floor((100 - self.cutoff) * total / 100 + 1e-6)
                chosen = group.within(letters(key), most)
                keys = [keys[i] for i in chosen]
                positions = [positions[i] for i in chosen]
            found += [
                (-score, positions[at], best)
                for best, score, at in process.extract(
                    key, keys, scorer=fuzz.ratio, score_cutoff=self.cutoff, limit=limit
                )
            ]
        found.sort()
        return [(best, -score) for score, _at, best in found[:limit]]
