"""Find glossary forms in text: whole words, case-insensitive, longest match first.

One Aho-Corasick automaton (daachorse's character-wise double array, which scans in
about half pyahocorasick's time and loads from bytes at once: see
``benchmarks/automata.py``) holds every form of every entry in one language, folded to
lower case; a scan of the folded text finds all candidates at once, whatever the size
of the glossary. Candidates are then kept only when they
stand as whole words, are not inside a URL or an e-mail address, and respect the
entry's ``case_sensitive`` flag (and an acronym's capitals); overlaps resolve to the
leftmost, then longest.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from onoma.errors import GlossaryError
from onoma.glossary.model import Entry, Glossary
from onoma.lang.case import fold_case, fold_cases
from onoma.text.spans import merge_spans, overlaps


class Pattern:
    """One written form of an entry and the curated name it stands for in ``lang``.

    A form matches in its own case only when its entry says ``case_sensitive: true``, or
    when it is an acronym written in capitals (UN, U.N., OSCE): "un" and "Un" are words
    of other languages, not the United Nations."""

    __slots__ = ("canonical", "case", "case_sensitive", "entry", "is_name", "lang", "text")

    def __init__(self, entry: Entry, text: str, lang: str, is_name: bool) -> None:
        self.entry = entry
        self.text = text
        self.lang = lang
        self.is_name = is_name
        self.canonical = entry.names.get(lang, text)
        self.case_sensitive = entry.case_sensitive or is_acronym(text)
        self.case: str | None = None
        """For a case form of a name (see ``inflected``), the case(s) it is in."""

    def __repr__(self) -> str:
        return f"Pattern({self.entry.id!r}, {self.text!r}, {self.lang!r})"


class Match(NamedTuple):
    """A glossary form found in text at ``text[start:end]``."""

    start: int
    end: int
    surface: str
    pattern: Pattern

    @property
    def entry(self) -> Entry:
        return self.pattern.entry


def is_acronym(form: str) -> bool:
    """A form written in capitals, of two letters at least: UN, U.N., OSCE."""
    return form.isupper() and sum(c.isalpha() for c in form) >= 2


_SPACES = ("\n", "\r", "\t", "\u00a0", "\u202f")


def fold_for_scan(text: str) -> str:
    """:func:`fold_case`, and every line break, tab or no-break space read as a space,
    so that a multi-word name wrapped over two lines is still found."""
    folded = fold_case(text)
    for space in _SPACES:
        folded = folded.replace(space, " ")
    return folded


def fold_all(texts: list[str]) -> list[str]:
    """:func:`fold_for_scan` of each of ``texts``, in one pass over them all."""
    folded = fold_cases(texts)
    joined = "\0".join(folded)
    if joined.count("\0") != len(texts) - 1:
        return [fold_for_scan(text) for text in texts]  # a form with a NUL in it
    for space in _SPACES:
        joined = joined.replace(space, " ")
    return joined.split("\0") if texts else []


_TLDS = "am|az|ru|ge|ir|tr|ua|by|kz|eu|uk|de|fr|us|com|org|net|info|io|news|gov|edu|tv|me"
_DOMAIN_TAIL = re.compile(rf"\.(?:[a-z0-9-]+\.)*(?:{_TLDS})(?![\w-])", re.IGNORECASE)
_BARE_DOMAIN = re.compile(rf"[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:{_TLDS})", re.IGNORECASE)


def in_domain_name(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is a label of a bare domain name (shusha.am)."""
    if start and text[start - 1] == "." and start > 1 and text[start - 2].isalnum():
        return True
    return end < len(text) and text[end] == "." and _DOMAIN_TAIL.match(text, end) is not None


def is_word_char(char: str) -> bool:
    """Letters, digits, underscore and combining marks continue a word."""
    return char.isalnum() or char == "_" or (char > "\x7f" and _is_mark(char))


_URL_END = ".,;:!?)»”’'\""
"""Punctuation that ends the sentence a URL stands in, not the URL."""


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Spans of URLs and e-mail addresses (without the punctuation that ends a sentence),
    which normalization and translation must leave alone: sorted and merged."""
    spans: list[tuple[int, int]] = []
    for marker, back, forward in _URL_MARKERS:
        pos = text.find(marker)
        while pos != -1:
            start = pos
            while start > 0 and back(text[start - 1]):
                start -= 1
            if marker == "/" and not _BARE_DOMAIN.fullmatch(text, start, pos):
                pos = text.find(marker, pos + 1)  # a slash, not a path: and/or, 11/05
                continue
            end = pos + len(marker)
            while end < len(text) and forward(text[end]):
                end += 1
            scanned = end
            while end > pos + len(marker) and text[end - 1] in _URL_END:
                end -= 1
            spans.append((start, end))
            pos = text.find(marker, scanned)
    return merge_spans(spans)  # an "@" inside a URL gives a span inside the URL's


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
    ("/", _domain_char, _url_char),  # a bare domain with a path: example.com/news
)


class Matcher:
    """Finds every form of a glossary's entries in one language."""

    def __init__(
        self,
        glossary: Glossary | Iterable[Entry],
        lang: str,
        inflected: Iterable[tuple[Entry, str, str, str]] = (),
    ) -> None:
        """``inflected``: case forms ``(entry, form, replacement, cases)`` matched too,
        unless a glossary form is written the same."""
        import daachorse

        self.lang = lang
        patterns = [
            Pattern(entry, form, lang, is_name=position == 0)
            for entry in glossary
            for position, form in enumerate(entry.forms(lang))
        ]
        by_key: dict[str, list[Pattern]] = {}
        for key, pattern in zip(fold_all([p.text for p in patterns]), patterns, strict=True):
            by_key.setdefault(key, []).append(pattern)
        inflected = list(inflected)
        for key, (entry, form, replacement, cases) in zip(
            fold_all([item[1] for item in inflected]), inflected, strict=True
        ):
            if key not in by_key:
                pattern = Pattern(entry, form, lang, is_name=False)
                pattern.canonical, pattern.case = replacement, cases
                by_key[key] = [pattern]
        self.ambiguous: list[tuple[Pattern, ...]] = []
        patterns_list: list[Pattern] = []
        self.targets: list[int] = []
        """Per key of the automaton, the index of its one pattern, or -1 when the
        surface decides among :attr:`choices` (see _choose)."""
        self.choices: dict[int, range] = {}
        for key_number, same_key in enumerate(by_key.values()):
            first = len(patterns_list)
            if len(same_key) == 1 and not same_key[0].case_sensitive:
                patterns_list.append(same_key[0])  # most keys: one form of one entry
                self.targets.append(first)
                continue
            if len({p.canonical for p in same_key if not p.case_sensitive}) > 1:
                self.ambiguous.append(tuple(same_key))
            # Names before variants: a curated name is never read as another entry's variant.
            same_key.sort(key=lambda p: not p.is_name)
            patterns_list.extend(same_key)
            self.targets.append(-1)
            self.choices[key_number] = range(first, len(patterns_list))
        self.patterns: Sequence[Pattern] = patterns_list
        """Every pattern; :meth:`spans` refers to them by index."""
        self.size = len(by_key)
        # The automaton's build takes more memory than all the rest (160 MB for 300,000
        # keys): what it does not need is freed first.
        keys = list(by_key)
        del by_key, patterns, inflected
        self.automaton: Any = daachorse.CharwiseDoubleArrayAhoCorasick(keys) if keys else None

    @classmethod
    def from_tables(
        cls,
        lang: str,
        automaton: bytes,
        targets: list[int],
        choices: dict[int, range],
        patterns: Sequence[Pattern],
    ) -> Matcher:
        """A matcher from the tables of one built before (see onoma.normalize.compiled),
        without the glossary: its patterns may be made on demand."""
        import daachorse

        matcher = cls.__new__(cls)
        matcher.lang = lang
        matcher.ambiguous = []
        matcher.patterns = patterns
        matcher.targets = targets
        matcher.choices = choices
        matcher.size = len(targets)
        matcher.automaton = (
            daachorse.CharwiseDoubleArrayAhoCorasick.deserialize(automaton) if targets else None
        )
        return matcher

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

    def find(self, text: str) -> list[Match]:
        """Every whole-word occurrence of a glossary form, left to right, no overlaps."""
        patterns = self.patterns
        return [Match(s, e, text[s:e], patterns[i]) for s, e, i in self.spans(text)]

    def spans(
        self, text: str, urls: list[tuple[int, int]] | None = None
    ) -> list[tuple[int, int, int]]:
        """Like :meth:`find`, as bare ``(start, end, index)`` tuples, ``index`` into
        :attr:`patterns`: the hot path. (Tuples of ints only are left alone by the
        garbage collector, which would otherwise walk them all, and the glossary, again
        and again while a long text yields hundreds of thousands of matches.)

        The scan yields every key ending at each position, in order of the end, with
        prefixes and suffixes of longer keys too. Candidates that are whole words are
        kept as they come; an overlap (rare: "Karin" and "Karin Tak") is settled on the
        spot in favour of the leftmost, then longest, match. ``urls`` are the
        :func:`protected_spans` of ``text`` when the caller has them already.
        """
        if not self.size or not text:
            return []
        # A space on the end stands for the edges of the text: folded[end] and
        # folded[start - 1] are always characters, for end == len(text) and start == 0.
        folded = fold_for_scan(text) + " "
        if urls is None:
            urls = protected_spans(text)
        found: list[tuple[int, int, int]] = []
        keep = found.append
        reach = -1  # the last index of the match kept last
        breaks = _BREAKS
        targets = self.targets
        for start, end, key in self.automaton.find_overlapping(folded):
            last = end - 1
            if last == reach:
                continue  # a suffix of the match just kept: "hoyan" in "Arhoyan"
            right = folded[end]
            if right not in breaks and (
                right.isalnum() or right == "_" or (right > "\x7f" and _is_mark(right))
            ):
                continue
            left = folded[start - 1]
            if left not in breaks and (
                left.isalnum() or left == "_" or (left > "\x7f" and _is_mark(left))
            ):
                continue
            index = targets[key]
            if index < 0:
                index = self._choose(self.choices[key], text[start:end])
                if index < 0:
                    continue
            if urls and overlaps(urls, start, end):
                continue
            if (left == "." or right == ".") and in_domain_name(text, start, end):
                continue
            if start > reach:
                keep((start, end, index))
                reach = last
                continue
            kept = len(found)
            while kept and found[kept - 1][1] > start:
                if found[kept - 1][0] < start:
                    break  # an earlier match starts further left: it stays
                kept -= 1
            else:
                del found[kept:]
                keep((start, end, index))
                reach = last
        return found

    def _choose(self, indices: range, surface: str) -> int:
        """The pattern a surface form stands for, honouring case-sensitive patterns;
        -1 for none."""
        for index in indices:
            pattern = self.patterns[index]
            if not pattern.case_sensitive or pattern.text == surface:
                return index
        return -1


_BREAKS = frozenset(" .,;:!?'’\"“”«»()[]{}-–—/")
"""Characters that end a word, met around most names: looked up before the slower checks."""


def _is_mark(char: str) -> bool:
    return unicodedata.category(char)[0] == "M"
