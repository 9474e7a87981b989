"""Normalize name spellings in text: the pure core, text in, text out.

:func:`normalize_text` replaces every variant (and wrong-case form) of every glossary
entry with the entry's curated name in one language, and reports what it changed
and which unlisted words look like variants. File handling lives in
:mod:`onoma.files`; the command line in :mod:`onoma.cli`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from onoma.fuzzy import VariantSpotter
from onoma.glossary.model import Glossary
from onoma.match import Matcher, Pattern, protected_spans


class Change(NamedTuple):
    """One replacement, at a 1-based line and column of the input."""

    line: int
    column: int
    old: str
    new: str
    id: str


class Suggestion(NamedTuple):
    """A word that looks like a variant of entry ``id`` but is not listed."""

    line: int
    column: int
    text: str
    id: str
    canonical: str
    score: float


@dataclass
class NormalizeResult:
    """The normalized text and the report of what changed."""

    text: str
    changes: list[Change] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.changes)


def carry_case(surface: str, name: str) -> str:
    """Write ``name`` in the case of ``surface``: HOVANISYAN → HOVHANNISYAN."""
    if len(surface) > 1 and surface.isupper():
        return name.upper()
    return name


class _Locator:
    """Turns offsets into 1-based (line, column), for offsets in increasing order."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.offset = 0
        self.line = 1
        self.line_start = 0

    def __call__(self, offset: int) -> tuple[int, int]:
        newlines = self.text.count("\n", self.offset, offset)
        if newlines:
            self.line += newlines
            self.line_start = self.text.rfind("\n", 0, offset) + 1
        self.offset = offset
        return self.line, offset - self.line_start + 1


class Normalizer:
    """Normalizes texts against one glossary in one language; build once, reuse.

    Raises :class:`~onoma.errors.GlossaryError` when the glossary has a form that
    stands for two different names in ``lang``: the result would depend on load order.
    """

    def __init__(
        self, glossary: Glossary, lang: str = "en", *, fuzzy: bool = False, suggest: bool = True
    ) -> None:
        self.lang = lang
        self.fuzzy = fuzzy
        self.matcher = Matcher(glossary, lang)
        self.matcher.check_unambiguous()
        self.spotter = VariantSpotter(glossary, lang) if (suggest or fuzzy) else None

    def normalize(self, text: str, keep: Sequence[tuple[int, int]] = ()) -> NormalizeResult:
        """Normalize one text; the result holds the new text, changes and suggestions.

        ``keep`` lists ``(start, end)`` spans of ``text``, in order, to leave as they
        are (inline code, say): names overlapping them are neither changed nor reported.
        """
        urls = protected_spans(text)
        spans = self.matcher.spans(text, urls)
        if keep:
            spans = _outside(spans, keep)
        # (start, end, replacement, id) for each replacement, in text order.
        edits = [
            (start, end, carry_case(text[start:end], pattern.canonical), pattern.entry.id)
            for start, end, pattern in spans
            if text[start:end] != pattern.canonical
        ]
        suggestions: list[Suggestion] = []
        if self.spotter is not None:
            matched = [(start, end) for start, end, _ in spans]
            taken = merge_spans([*matched, *urls, *keep])
            likely = self.spotter.find(text, taken)
            if self.fuzzy:
                edits.extend(
                    (v.start, v.end, carry_case(v.text, v.canonical), v.entry.id) for v in likely
                )
                edits.sort()
            else:
                locate = _Locator(text)
                suggestions = [
                    Suggestion(*locate(v.start), v.text, v.entry.id, v.canonical, v.score)
                    for v in likely
                ]
        return self._apply(text, edits, suggestions)

    @staticmethod
    def _apply(
        text: str, edits: list[tuple[int, int, str, str]], suggestions: list[Suggestion]
    ) -> NormalizeResult:
        pieces: list[str] = []
        changes: list[Change] = []
        locate = _Locator(text)
        cursor = 0
        for start, end, new, entry_id in edits:
            old = text[start:end]
            if old == new or (not old.isalpha() and " ".join(old.split()) == new):
                # the same name, only wrapped over two lines or spaced differently
                continue
            pieces.append(text[cursor:start])
            pieces.append(new)
            cursor = end
            changes.append(Change(*locate(start), old, new, entry_id))
        if not changes:
            return NormalizeResult(text, [], suggestions)
        pieces.append(text[cursor:])
        return NormalizeResult("".join(pieces), changes, suggestions)


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """``(start, end)`` spans sorted, overlapping ones merged (touching ones stay apart)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _outside(
    spans: list[tuple[int, int, Pattern]], keep: Sequence[tuple[int, int]]
) -> list[tuple[int, int, Pattern]]:
    """The ``spans`` (in order) that overlap none of the ``keep`` spans (in order)."""
    out = []
    i = 0
    for span in spans:
        while i < len(keep) and keep[i][1] <= span[0]:
            i += 1
        if i == len(keep) or keep[i][0] >= span[1]:
            out.append(span)
    return out


def normalize_text(
    text: str,
    glossary: Glossary | None = None,
    *,
    lang: str = "en",
    fuzzy: bool = False,
    suggest: bool = True,
) -> NormalizeResult:
    """Normalize ``text`` with ``glossary`` (the built-in glossaries by default)."""
    if glossary is None:
        from onoma.glossary import load_glossaries

        glossary = load_glossaries()
    return Normalizer(glossary, lang, fuzzy=fuzzy, suggest=suggest).normalize(text)
