"""Entries, patterns and spotter look-ups read from a compiled cache, made on first use.

A cached normalizer (see :mod:`onoma.normalize.compiled`) must be ready at once, even for
a glossary of 100,000 entries of which a 1 kB article names three. So its tables keep
each entry as the JSON text of its cached row, and each pattern as a few columns; the
:class:`~onoma.glossary.model.Entry` and :class:`~onoma.normalize.match.Pattern` objects
are made when a match or a look-up first asks for them, and then kept.
"""

from __future__ import annotations

import functools
import json
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from itertools import accumulate, count
from operator import add
from pathlib import Path
from typing import Any, TypeVar, overload

from onoma.glossary.cache import entry_row, row_entry
from onoma.glossary.model import Entry
from onoma.normalize.match import Pattern

T = TypeVar("T")


class _MadeOnDemand(Sequence[T]):
    """A sequence whose items are made from stored data on first access, then kept."""

    def __init__(self) -> None:
        self._made: dict[int, T] = {}

    def _make(self, index: int) -> T:
        raise NotImplementedError

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> list[T]: ...
    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        item = self._made.get(index)
        if item is None:
            if index < 0:
                index += len(self)  # one object per item, however it is asked for
                if index < 0:
                    raise IndexError("index out of range")
            # setdefault: threads that make one item at once all get the one kept.
            item = self._made.setdefault(index, self._make(index))
        return item


class LineTable(Sequence[str]):
    """The lines of a cached list section, each decoded when asked for: a 1 kB article
    needs a few of 100,000 rows, and splitting them all would cost more than the rest
    of its run."""

    def __init__(self, blob: memoryview, starts: array) -> None:
        """``blob``: lines each ended by a line break; ``starts``: where each begins."""
        if (len(starts) == 0) != (len(blob) == 0) or (
            starts and (starts[0] != 0 or starts[-1] >= len(blob) or blob[-1] != 10)
        ):
            raise ValueError("cached line starts do not fit their section")
        self._blob = blob
        self._starts = starts

    def __len__(self) -> int:
        return len(self._starts)

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self._starts)
            if index < 0:
                raise IndexError("index out of range")
        start = self._starts[index]  # IndexError past the end, as a list
        end = self._starts[index + 1] if index + 1 < len(self._starts) else len(self._blob)
        return str(self._blob[start : end - 1], "utf-8", "surrogatepass")


class SortedLines(AbstractSet[str]):
    """A cached set of strings, one per line in code point order. A run that asks it
    little (a 1 kB article: a few dozen words) looks words up by bisection and reads
    only those lines; one that asks more reads it all into a frozenset once."""

    BISECTIONS = 2000
    """Look-ups answered by bisection before the whole set is read."""

    def __init__(self, lines: Sequence[str]) -> None:
        self._lines = lines
        self._asked = 0
        self._set: frozenset[str] | None = None

    def __contains__(self, item: object) -> bool:
        if self._set is None:
            self._asked += 1
            if self._asked <= self.BISECTIONS:
                if not isinstance(item, str):
                    return False
                at = bisect_left(self._lines, item)
                return at < len(self._lines) and self._lines[at] == item
            self._set = frozenset(self._lines)
        return item in self._set

    def __iter__(self) -> Iterator[str]:
        return iter(self._set if self._set is not None else self._lines)

    def __len__(self) -> int:
        return len(self._lines)


def line_starts(pieces: Iterable[bytes]) -> bytes:
    """The ``starts`` of :class:`LineTable` for a section written as ``pieces`` of
    whole lines, as the bytes of an ``array("i")``."""
    starts = array("i")
    at = 0
    for piece in pieces:
        if at + len(piece) >= 2**31:
            raise ValueError("a section too large for the cache")
        if not piece:
            continue
        lines = piece.split(b"\n")  # the last is the empty rest after the last break
        # Line i starts after the i lines before it and their line breaks.
        starts.extend(map(add, accumulate(map(len, lines[:-2]), initial=at), count()))
        at += len(piece)
    return starts.tobytes()


class LazyEntries(_MadeOnDemand[Entry]):
    """Entries kept as the JSON text of their cached rows ``[file number, *row]``."""

    def __init__(self, rows: Callable[[], Sequence[str]], paths: list[Path]) -> None:
        """``rows`` reads the rows, on the first entry asked for."""
        super().__init__()
        self._read = functools.cache(rows)
        self._paths = paths

    def __len__(self) -> int:
        return len(self._read())

    def _make(self, index: int) -> Entry:
        file_number, *row = json.loads(self._read()[index])
        return row_entry(row, self._paths[file_number])


def entry_rows(entries: Sequence[Entry]) -> tuple[list[bytes], list[str]]:
    """The rows of ``entries`` as :class:`LazyEntries` reads them, one JSON text per
    line in UTF-8, in pieces of up to 2,048 rows; and the rows' files."""
    paths: dict[str, int] = {}
    pieces: list[bytes] = []
    # One call of the JSON encoder per piece, with a marker string between the rows to
    # cut its output at: a fifth of the time of one call per row, and the rows of a
    # 100,000-entry glossary are never all held as lists or strings at once (100 MB).
    # JSON text has no line break of its own ("\n" in a string is written escaped).
    encode = json.JSONEncoder(ensure_ascii=False, check_circular=False, separators=(",", ":"))
    cut = f",{encode.encode(_ROW_BREAK)},"
    for start in range(0, len(entries), _ROWS_AT_ONCE):
        rows: list[Any] = []
        for entry in entries[start : start + _ROWS_AT_ONCE]:
            path = str(entry.origin.path) if entry.origin else ""
            rows += [[paths.setdefault(path, len(paths)), *entry_row(entry)], _ROW_BREAK]
        text = encode.encode(rows[:-1])[1:-1]
        if text.count(cut) == len(rows) // 2 - 1:
            text = text.replace(cut, "\n")
        else:  # an entry that holds the marker itself
            text = "\n".join(encode.encode(row) for row in rows[::2])
        pieces.append(f"{text}\n".encode("utf-8", "surrogatepass"))
    return pieces, list(paths)


_ROWS_AT_ONCE = 2048
_ROW_BREAK = "\ue000onoma\ue001row\ue000"
"""A string no glossary writes (private-use characters around it), between rows."""


class PatternTable(_MadeOnDemand[Pattern]):
    """The patterns of a matcher as columns: entry number, text, whether it is the
    entry's name, and, for a case form, its replacement and cases."""

    def __init__(
        self,
        lang: str,
        entries: Sequence[Entry],
        columns: Mapping[str, Sequence],
        text: Callable[[], Sequence[str]],
    ) -> None:
        """``columns``: entry, is_name, replacement and case, one item per pattern;
        ``text`` reads the patterns' texts, on the first pattern asked for."""
        super().__init__()
        self._lang = lang
        self._entries = entries
        self._entry = columns["entry"]
        self._text = functools.cache(text)
        self._is_name = columns["is_name"]
        self._replacement = columns["replacement"]
        self._case = columns["case"]

    def __len__(self) -> int:
        return len(self._entry)

    def _make(self, index: int) -> Pattern:
        entry = self._entries[self._entry[index]]
        is_name = bool(self._is_name[index])
        pattern = Pattern(entry, self._text()[index], self._lang, is_name)
        if self._case[index] is not None:
            pattern.canonical, pattern.case = self._replacement[index], self._case[index]
        return pattern


def pattern_columns(patterns: Sequence[Pattern], number: dict[int, int]) -> dict[str, list]:
    """The columns of :class:`PatternTable` for ``patterns``; ``number`` maps
    ``id(entry)`` to the entry's position in the cached rows."""
    return {
        "entry": [number[id(p.entry)] for p in patterns],
        "text": [p.text for p in patterns],
        "is_name": [int(p.is_name) for p in patterns],
        "replacement": [p.canonical if p.case is not None else None for p in patterns],
        "case": [p.case for p in patterns],
    }


class PairsByKey(Mapping[str, Sequence[tuple[Entry, str]]]):
    """Romanization key -> the ``(entry, form)`` pairs of a spotter, each key's pairs
    kept as one line ``number<TAB>form<TAB>number<TAB>form…``."""

    def __init__(self, keys: list[str], rows: list[str], entries: Sequence[Entry]) -> None:
        self._index = dict(zip(keys, range(len(keys)), strict=True))
        if len(rows) != len(keys):
            raise ValueError("a spotter row per key")
        self._rows = rows
        self._entries = entries

    def __getitem__(self, key: str) -> list[tuple[Entry, str]]:
        fields = self._rows[self._index[key]].split("\t")
        pairs = zip(fields[::2], fields[1::2], strict=True)
        return [(self._entries[int(number)], form) for number, form in pairs]

    def __contains__(self, key: object) -> bool:
        return key in self._index

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)


def pair_rows(
    by_key: Mapping[str, Sequence[tuple[Entry, str]]], number: dict[int, int]
) -> tuple[list[str], list[str]]:
    """The keys and rows of :class:`PairsByKey` for a spotter's ``by_key``; ValueError
    for a form with a tab, which a row cannot hold."""
    keys = list(by_key)
    rows = [
        "\t".join([f"{number[id(e)]}\t{form}" for e, form in pairs]) if len(pairs) > 1
        else f"{number[id(pairs[0][0])]}\t{pairs[0][1]}"
        for pairs in by_key.values()
    ]  # fmt: skip
    if sum(row.count("\t") for row in rows) != sum(
        len(pairs) for pairs in by_key.values()
    ) * 2 - len(rows):
        raise ValueError("a tab inside a form")
    return keys, rows
