"""Normalize name spellings in text: the pure core, text in, text out.

:func:`normalize_text` replaces every variant (and wrong-case form) of every glossary
entry with the entry's curated name in one language, and reports what it changed
and which unlisted words look like variants. File handling lives in
:mod:`onoma.normalize.files`; the command line in :mod:`onoma.cli`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from onoma.errors import require_str
from onoma.glossary.model import Glossary
from onoma.lang.case import fold_case
from onoma.normalize.fuzzy import LikelyVariant, VariantSpotter
from onoma.normalize.match import Matcher, Pattern, protected_spans
from onoma.normalize.pieces import EditList, piece_bounds
from onoma.text.spans import merge_spans, outside


class Change(NamedTuple):
    """One replacement, at a 1-based line and column of the input."""

    line: int
    column: int
    old: str
    new: str
    id: str
    case: str | None = None
    """The case kept when a case form was replaced (Шуше → Шуши: "dat/loc")."""


class Suggestion(NamedTuple):
    """A word that looks like a variant of entry ``id`` but is not listed."""

    line: int
    column: int
    text: str
    id: str
    canonical: str
    score: float
    reason: str | None = None
    """Why a case form was not replaced (two readings), for such a form; else None."""


@dataclass
class NormalizeResult:
    """The normalized text and the report of what changed.

    ``changes`` is built when first asked for, from the offsets recorded while
    normalizing: a caller that wants only the text (or only whether it changed) does not
    pay for line and column numbers."""

    text: str
    suggestions: list[Suggestion] = field(default_factory=list)
    source: str = field(default="", repr=False)
    """The text before normalization, where the offsets of ``edits`` point."""
    edits: Sequence[tuple[int, str, str, str, str | None]] = field(
        default_factory=EditList, repr=False
    )
    """``(offset, old, new, id, case)`` of each replacement, in text order
    (an :class:`~onoma.normalize.pieces.EditList`)."""
    ambiguous: list[str] = field(default_factory=list, repr=False)
    """Case forms of names left alone because they have two readings, with the reason."""

    @property
    def changed(self) -> bool:
        return bool(self.edits)

    @functools.cached_property
    def changes(self) -> list[Change]:
        """Each replacement at its 1-based line and column of the input."""
        locate = _Locator(self.source)
        return [Change(*locate(start), *edit) for start, *edit in self.edits]


def carry_case(surface: str, name: str, form: str | None = None) -> str:
    """Write ``name`` in the case of ``surface``: HOVANISYAN → HOVHANNISYAN.

    ``form`` is the glossary form the surface matched: when it is in capitals itself (an
    acronym: UN, U.S.), capitals in the text say nothing, and the name stays as written
    (UN → United Nations)."""
    if len(surface) > 1 and surface.isupper() and not (form and form.isupper()):
        return name.upper()
    return name


_SENTENCE_END = re.compile(r"[\"”’»]*[ \t]*(?:\r|\n|\Z)")


def ends_sentence(text: str, end: int) -> bool:
    """Whether a form ending in a full stop at ``text[:end]`` surely ends its sentence
    too: only closing quotes (where American style puts the sentence's stop), then the
    end of the line or of the text, follow it. ("the U.N. Security Council": a capital
    after it says nothing, most such stops end only the abbreviation.)"""
    return _SENTENCE_END.match(text, end) is not None


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
        self,
        glossary: Glossary,
        lang: str = "en",
        *,
        fuzzy: bool = False,
        suggest: bool = True,
        inflect: bool = True,
    ) -> None:
        """``inflect``: in Russian, Armenian and Azerbaijani, also replace the case forms
        of variants by the name in the same case (see :mod:`onoma.normalize.inflected`)."""
        self.lang = lang
        self.fuzzy = fuzzy
        self.languages: frozenset[str] = frozenset(glossary.languages())
        """The languages the glossary has forms in."""
        inflected: list = []
        ambiguous: list = []
        if inflect:
            from onoma.normalize.inflected import inflected_forms

            inflected, ambiguous = inflected_forms(glossary, lang)
        self.ambiguous = [f"{text}: {reason}" for _, text, _, reason in ambiguous]
        """Case forms left alone because they have two readings, with the reason."""
        # An ambiguous case form is matched too, but replaced by itself: it is reported.
        marked = [(entry, text, text, "?" + reason) for entry, text, _, reason in ambiguous]
        self.matcher = Matcher(glossary, lang, [*inflected, *marked])
        self.matcher.check_unambiguous()
        self.spotter = VariantSpotter(glossary, lang) if (suggest or fuzzy) else None

    @classmethod
    def from_parts(
        cls,
        lang: str,
        matcher: Matcher,
        spotter: VariantSpotter | None,
        *,
        fuzzy: bool,
        languages: frozenset[str],
        ambiguous: list[str],
    ) -> Normalizer:
        """A normalizer from parts built before (see onoma.normalize.compiled)."""
        normalizer = cls.__new__(cls)
        normalizer.lang, normalizer.fuzzy, normalizer.languages = lang, fuzzy, languages
        normalizer.matcher, normalizer.spotter = matcher, spotter
        normalizer.ambiguous = ambiguous
        return normalizer

    def normalize(self, text: str, keep: Sequence[tuple[int, int]] = ()) -> NormalizeResult:
        """Normalize one text; the result holds the new text, changes and suggestions.

        ``keep`` lists ``(start, end)`` spans of ``text``, in order, to leave as they
        are (inline code, say): names overlapping them are neither changed nor reported.
        """
        require_str(text)
        bounds = [(0, len(text))] if keep else piece_bounds(text)
        if len(bounds) > 1:
            return self._in_pieces(text, bounds)
        return self._normalize(text, keep)

    def _in_pieces(self, text: str, bounds: list[tuple[int, int]]) -> NormalizeResult:
        """Normalize a long text piece by piece (see :mod:`onoma.normalize.pieces`)."""
        texts: list[str] = []
        edits = EditList()
        suggestions: list[Suggestion] = []
        line = 1
        for start, end in bounds:
            part = self._normalize(text[start:end], ())
            texts.append(part.text)
            if part.edits:
                edits.extend_shifted(part.edits, start)
            column = start - (text.rfind("\n", 0, start) + 1)
            suggestions += [
                s._replace(line=s.line + line - 1, column=s.column + column * (s.line == 1))
                for s in part.suggestions
            ]
            line += text.count("\n", start, end)
        if not edits:
            return NormalizeResult(text, suggestions)
        return NormalizeResult("".join(texts), suggestions, source=text, edits=edits)

    def _normalize(self, text: str, keep: Sequence[tuple[int, int]]) -> NormalizeResult:
        urls = protected_spans(text)
        # (start, end, index into targets) in text order; a target has .canonical and .entry
        targets: Sequence[Pattern | LikelyVariant] = self.matcher.patterns
        edits = self.matcher.spans(text, urls)
        if keep:
            edits = outside(edits, keep)
        if self.spotter is None:
            return _apply(text, edits, targets, [])
        taken = merge_spans([*((start, end) for start, end, _ in edits), *urls, *keep])
        likely = self.spotter.find(text, taken)
        if self.fuzzy:
            replaceable = [self._replaceable(v) for v in likely]
            replace = [v for v, ok in zip(likely, replaceable, strict=True) if ok]
            likely = [v for v, ok in zip(likely, replaceable, strict=True) if not ok]
            first = len(targets)
            targets = [*targets, *replace]
            edits.extend((v.start, v.end, first + i) for i, v in enumerate(replace))
            edits.sort()
        found = [(v.start, v.text, v.entry.id, v.canonical, v.score, None) for v in likely]
        for start, end, index in edits:
            target = targets[index]
            if isinstance(target, Pattern) and (target.case or "").startswith("?"):
                found.append((start, text[start:end], target.entry.id, "", 0.0, target.case[1:]))
        found.sort(key=lambda item: item[0])
        locate = _Locator(text)
        suggestions = [Suggestion(*locate(start), *rest) for start, *rest in found]
        return _apply(text, edits, targets, suggestions)

    def _replaceable(self, variant: LikelyVariant) -> bool:
        """Whether ``--fuzzy`` may replace a likely variant. In languages that inflect
        names, not one that seems to carry a case ending the name lacks (Кочарьяна, a
        genitive, for Кочарян): the name would lose it; it stays a suggestion."""
        from onoma.lang.stems import CASE_ENDINGS, VOWELS

        lang = self.lang.replace("_", "-").split("-")[0]
        if lang not in CASE_ENDINGS:
            return True
        word, name = fold_case(variant.text), fold_case(variant.canonical)
        if any(word.endswith(e) and not name.endswith(e) for e in CASE_ENDINGS[lang]):
            return False
        vowels = VOWELS[lang]
        return not (word[-1:] in vowels and name[-1:] not in vowels)


def _apply(
    text: str,
    edits: list[tuple[int, int, int]],
    targets: Sequence[Pattern | LikelyVariant],
    suggestions: list[Suggestion],
) -> NormalizeResult:
    """Write each edit's canonical form (in the case of the text) over its span."""
    pieces: list[str] = []
    changes = EditList()
    cursor = 0
    for start, end, index in edits:
        target = targets[index]
        old = text[start:end]
        new = target.canonical
        if old == new:
            continue  # the hot path: most names are already written as curated
        new = carry_case(old, new, target.text if isinstance(target, Pattern) else None)
        if old == new or (not old.isalpha() and " ".join(old.split()) == new):
            continue  # the same name, only in capitals, wrapped or spaced differently
        if old[-1] == "." and new[-1] != "." and ends_sentence(text, end):
            new += "."  # "the U.N." at the end of a sentence: its full stop stays
        elif new[-1] == "." and old[-1] != "." and text.startswith(".", end):
            new = new[:-1]  # "in Washington DC." → "in Washington, D.C.", not "D.C.."
        pieces.append(text[cursor:start])
        pieces.append(new)
        cursor = end
        changes.append(start, old, new, target.entry.id, getattr(target, "case", None))
    if not changes:
        return NormalizeResult(text, suggestions)
    pieces.append(text[cursor:])
    return NormalizeResult("".join(pieces), suggestions, source=text, edits=changes)


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
