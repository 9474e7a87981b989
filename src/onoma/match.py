"""Find glossary forms in text: whole words, case-insensitive, longest match first.

One Aho-Corasick automaton (pyahocorasick) holds every form of every entry in one
language, folded to lower case; a scan of the folded text finds all candidates at
once, whatever the size of the glossary. Candidates are then kept only when they
stand as whole words, are not inside a URL or an e-mail address, and respect the
entry's ``case_sensitive`` flag; overlaps resolve to the leftmost, then longest.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from onoma.errors import GlossaryError
from onoma.glossary.model import Entry, Glossary


@dataclass(frozen=True, slots=True)
class Pattern:
    """One written form of an entry and the curated name it stands for."""

    entry: Entry
    text: str
    lang: str
    is_name: bool

    @property
    def canonical(self) -> str:
        """The curated form in the matcher's language."""
        return self.entry.names.get(self.lang, self.text)


@dataclass(frozen=True, slots=True)
class Match:
    """A glossary form found in text at ``text[start:end]``."""

    start: int
    end: int
    surface: str
    pattern: Pattern

    @property
    def entry(self) -> Entry:
        return self.pattern.entry


def fold_case(text: str) -> str:
    """Lower-case ``text`` without changing its length, so offsets stay valid."""
    folded = text.lower()
    if len(folded) == len(text):
        return folded
    return "".join(c if len(low := c.lower()) != 1 else low for c in text)


def is_word_char(char: str) -> bool:
    """Letters, digits, underscore and combining marks continue a word."""
    if char.isalnum() or char == "_":
        return True
    return char > "\x7f" and unicodedata.category(char)[0] == "M"


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Spans of URLs and e-mail addresses, which normalization must leave alone."""
    spans: list[tuple[int, int]] = []
    for marker, back, forward in _URL_MARKERS:
        pos = text.find(marker)
        while pos != -1:
            start = pos
            while start > 0 and back(text[start - 1]):
                start -= 1
            end = pos + len(marker)
            while end < len(text) and forward(text[end]):
                end += 1
            spans.append((start, end))
            pos = text.find(marker, end)
    spans.sort()
    return spans


def _scheme_char(c: str) -> bool:
    return c.isascii() and c.isalpha()


def _email_local_char(c: str) -> bool:
    return c.isalnum() or c in "._%+-"


def _url_char(c: str) -> bool:
    return not c.isspace() and c not in '<>"()[]{}'


def _domain_char(c: str) -> bool:
    return c.isalnum() or c in ".-"


def _nothing(c: str) -> bool:
    return False


_URL_MARKERS = (
    ("://", _scheme_char, _url_char),
    ("www.", _nothing, _url_char),
    ("@", _email_local_char, _domain_char),
)


class Matcher:
    """Finds every form of a glossary's entries in one language."""

    def __init__(self, glossary: Glossary | Iterable[Entry], lang: str) -> None:
        import ahocorasick

        self.lang = lang
        by_key: dict[str, list[Pattern]] = {}
        for entry in glossary:
            for position, form in enumerate(entry.forms(lang)):
                pattern = Pattern(entry, form, lang, is_name=position == 0)
                by_key.setdefault(fold_case(form), []).append(pattern)
        self.automaton: Any = ahocorasick.Automaton()
        self.ambiguous: list[tuple[Pattern, ...]] = []
        for key, patterns in by_key.items():
            if len({p.canonical for p in patterns if not p.entry.case_sensitive}) > 1:
                self.ambiguous.append(tuple(patterns))
            # Names before variants: a curated name is never read as another entry's variant.
            patterns.sort(key=lambda p: not p.is_name)
            self.automaton.add_word(key, (len(key), tuple(patterns)))
        self.size = len(by_key)
        if self.size:
            self.automaton.make_automaton()

    def check_unambiguous(self) -> None:
        """Raise :class:`GlossaryError` when one form stands for two different names."""
        if not self.ambiguous:
            return
        patterns = self.ambiguous[0]
        owners = ", ".join(f"{p.entry.id!r} ({p.entry.where()})" for p in patterns)
        first = patterns[0].entry.origin
        raise GlossaryError(
            first.path if first else "glossary",
            f"{patterns[0].text!r} ({self.lang}) is a form of several entries: {owners}; "
            f"{len(self.ambiguous)} such conflict(s), run 'onoma glossary lint' to list them",
            first.line if first else None,
        )

    def find(self, text: str, *, skip_urls: bool = True) -> list[Match]:
        """Every whole-word occurrence of a glossary form, left to right, no overlaps."""
        if not self.size or not text:
            return []
        found: list[tuple[int, int, Pattern]] = []
        length = len(text)
        for last, (size, patterns) in self.automaton.iter(fold_case(text)):
            start = last - size + 1
            end = last + 1
            if start and is_word_char(text[start - 1]):
                continue
            if end < length and is_word_char(text[end]):
                continue
            pattern = patterns[0]
            if pattern.entry.case_sensitive or len(patterns) > 1:
                surface = text[start:end]
                chosen = [p for p in patterns if not p.entry.case_sensitive or p.text == surface]
                if not chosen:
                    continue
                pattern = chosen[0]
            found.append((start, end, pattern))
        found.sort(key=lambda item: (item[0], -item[1]))
        spans = protected_spans(text) if skip_urls else []
        matches: list[Match] = []
        reach = 0
        for start, end, pattern in found:
            if start < reach or (spans and _overlaps(spans, start, end)):
                continue
            matches.append(Match(start, end, text[start:end], pattern))
            reach = end
        return matches


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    from bisect import bisect_right

    i = bisect_right(spans, (start, float("inf")))
    if i and spans[i - 1][1] > start:
        return True
    return i < len(spans) and spans[i][0] < end
