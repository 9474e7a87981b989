"""Spot likely variants: words close to a glossary form but listed nowhere.

A capitalised word that no entry lists is compared with every form of the entries
in the text's language through :func:`onoma.lang.keys.romanization_key` and rapidfuzz.
A word whose key equals a form's key, or scores close to it, is a likely variant.
Each distinct word is looked up once per :class:`VariantSpotter`, however often it
occurs and in however many files.

In languages that inflect names (Russian, Armenian), a word that is an inflected form
of a glossary form (Армении for Армения), or shares its root with the form it resembles
(Армена, Армения), is no variant: replacing it would lose its ending. The test comes
from :mod:`onoma.lang.stems` and is built on the first look-up.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from itertools import chain

from onoma.glossary.model import ENTRY_TYPES, Entry, Glossary
from onoma.lang.case import fold_case, fold_cases
from onoma.lang.keys import romanization_key, romanization_keys, same_name
from onoma.normalize.nearkeys import KeyIndex

# A word that starts with an upper-case letter of the Latin, Cyrillic or Armenian
# alphabets and has at least four letters. The look-behind follows the first letter so
# that the regex engine can skip ahead to candidate letters (2.5 times faster).
CAPITALIZED_WORD = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-žƏА-ЯЀ-ЏҐ-ӿԱ-Ֆ](?<![\w'’].)[^\W\d_]{3,}(?!\w)")

_NEXT_WORD = re.compile(r"[ \u00a0]([^\W\d_][\w'’-]*)")
"""The word right after a likely variant, for the test of a following surname."""
KEY_CUTOFF = 85.0
"""Lowest rapidfuzz ratio between matching keys for a word to count as a variant."""
SCORE_CUTOFF = 80.0
"""Lowest reported score (mean of the key ratio and the plain spelling ratio)."""


@dataclass(frozen=True, slots=True)
class LikelyVariant:
    """A word in text that looks like a spelling of ``entry``'s name."""

    start: int
    end: int
    text: str
    entry: Entry
    canonical: str
    score: float


class _GrammarTest:
    """Whether a word is a grammatical form rather than a spelling of a glossary form:
    never, where names do not inflect."""

    def __init__(
        self,
        inflected: Callable[[str], bool] | None,
        one_root: Callable[[str, str], bool] | None,
    ) -> None:
        self.inflected = inflected
        self.one_root = one_root

    @classmethod
    def build(cls, forms: Iterable[str], lang: str) -> _GrammarTest:
        from onoma.lang.stems import inflection_test, one_root_test

        return cls(inflection_test(forms, lang), one_root_test(lang))

    def __call__(self, word: str, form: str) -> bool:
        if self.inflected is not None and self.inflected(word):
            return True
        return self.one_root is not None and self.one_root(word, form)


class VariantSpotter:
    """Finds likely variants of one language's glossary forms in text."""

    def __init__(self, glossary: Glossary, lang: str) -> None:
        self.lang = lang
        self.known: AbstractSet[str] = set()
        self.known_in_lang: AbstractSet[str] = set()
        self.by_key: Mapping[str, Sequence[tuple[Entry, str]]] = {}
        texts: list[str] = []  # every form of every entry, and whether a person's
        of_person: list[bool] = []
        owners: list[Entry] = []
        self.forms: list[str] = []
        """Every form in ``lang``, for the grammar test."""
        for entry in glossary:
            forms = [*entry.names.values(), *chain.from_iterable(entry.variants.values())]
            texts += forms
            of_person += [entry.type == "person"] * len(forms)
            if lang in entry.names:
                in_lang = entry.forms(lang)
                self.forms += in_lang
                owners += [entry] * len(in_lang)
        folded = fold_cases(texts)
        self.known = set(folded)
        folded_of = dict(zip(texts, folded, strict=True))  # one string per form, not two
        self.known_in_lang = {folded_of[form] for form in self.forms}
        del folded_of
        by_key: dict[str, list[tuple[Entry, str]]] = {}
        for entry, form, key in zip(owners, self.forms, romanization_keys(self.forms), strict=True):
            by_key.setdefault(key, []).append((entry, form))
        self.by_key = by_key
        self.person_words = frozenset(
            word
            for form, person in zip(folded, of_person, strict=True)
            if person
            for word in form.split()
        )
        self.known_words = frozenset(word for form in self.known for word in form.split())
        self.keys = list(self.by_key)
        self._cache: dict[str, tuple[Entry, str, float] | None] = {}
        self._grammar: _GrammarTest | None = None

    @classmethod
    def from_tables(cls, lang: str, tables: Mapping[str, Callable[[], object]]) -> VariantSpotter:
        """A spotter from the tables of one built before (see onoma.normalize.compiled):
        ``tables`` maps each of known, known_in_lang, by_key, keys, forms, person_words
        and known_words to a function that reads it, called on its first use (a text
        with no capitalised word needs none of them)."""
        spotter = cls.__new__(cls)
        spotter.lang = lang
        spotter._tables = dict(tables)
        spotter._reading = threading.RLock()
        spotter._cache, spotter._grammar = {}, None
        return spotter

    def __getattr__(self, name: str) -> object:
        # Only reached for an attribute not set yet: a table of from_tables. Threads that
        # share the spotter (Dask runs tasks in threads) may ask for one table at once:
        # one reads it, the others wait for it.
        tables = self.__dict__.get("_tables")
        if tables is None:
            raise AttributeError(name)
        with self.__dict__["_reading"]:
            if name in self.__dict__:
                return self.__dict__[name]  # read by another thread meanwhile
            if name not in tables:
                raise AttributeError(name)
            value = tables[name]()
            setattr(self, name, value)
            del tables[name]
            return value

    def lookup(self, word: str) -> tuple[Entry, str, float] | None:
        """The entry ``word`` is likely a variant of, its curated name and the score."""
        if word not in self._cache:
            self._cache[word] = self._lookup(word)
        return self._cache[word]

    def _lookup(self, word: str) -> tuple[Entry, str, float] | None:
        from rapidfuzz import fuzz

        folded = fold_case(word)
        if folded in self.known or self._extends_known(folded):
            return None
        if folded.endswith("s") and self.lookup(word[:-1]) is not None:
            return None  # a plural or possessive of a likely variant: leave it to the curator
        key = romanization_key(word)
        if len(key) < 4 or not self.keys:
            return None
        found = self._closest_key(key, word)
        if found is None:
            return None
        best_key, key_score = found
        entry, form = max(
            self.by_key[best_key], key=lambda pair: fuzz.ratio(folded, fold_case(pair[1]))
        )
        score = round((key_score + fuzz.ratio(folded, fold_case(form))) / 2, 1)
        if score < SCORE_CUTOFF or self._grammatical(word, form):
            return None
        return entry, entry.names[self.lang], score

    def _closest_key(self, key: str, word: str) -> tuple[str, float] | None:
        """The glossary key ``word`` (of key ``key``) may be a spelling of and their
        score: equal or close keys with a form that passes
        :func:`onoma.lang.keys.same_name` (one name, not two that differ in a sound)."""

        found = [(key, 100.0)] if key in self.by_key else []
        found += [(best, score) for best, score in self._near_keys(key) if best != key]
        for best, score in found:
            if any(same_name(word, form) for _entry, form in self.by_key[best]):
                return best, score
        return None

    def _near_keys(self, key: str, limit: int = 5) -> list[tuple[str, float]]:
        """The ``limit`` keys closest to ``key``, at least :data:`KEY_CUTOFF`, best first:
        see :mod:`onoma.normalize.nearkeys`."""
        return self._key_index.near(key, limit)

    @functools.cached_property
    def _key_index(self) -> KeyIndex:
        return KeyIndex(self.keys, KEY_CUTOFF)

    def _type_fits(self, word: str, entry: Entry, text: str, end: int) -> bool:
        """Whether ``word`` at ``text[:end]`` can be a name of ``entry``'s type: a given
        name, or a word followed by a surname or another unknown capitalised word, is
        no place or organization; for Russian, a common word is no name, and the
        pymorphy3 reading of the word must not contradict the type."""
        from onoma.lang.person import given_name_like, surname_like

        person = self.person_words
        if entry.type != "person":
            after = _NEXT_WORD.match(text, end)
            if after and after.group(1)[0].isupper():
                following = after.group(1)
                if surname_like(following, self.lang, person):
                    return False
                if fold_case(following) not in self.known_words:
                    return False
            if given_name_like(word, self.lang, person):
                return False
        if self.lang == "ru":
            from onoma.lang.morph_ru import name_kind, name_tags

            if "common" in name_tags(word):
                return False
            kind = name_kind(word)
            if kind is not None and entry.type in ENTRY_TYPES[:3] and kind != entry.type:
                return False
        return True

    def _grammatical(self, word: str, form: str) -> bool:
        """True for an inflected form of a glossary form, or a word of one root with
        ``form`` (ru, hy; see the module docs)."""
        if self._grammar is None:
            self._grammar = _GrammarTest.build(self.forms, self.lang)
        return self._grammar(word, form)

    def _extends_known(self, folded: str) -> bool:
        """True for derived words such as "Armenians" when "Armenia" is listed."""
        return any(folded[:cut] in self.known_in_lang for cut in range(4, len(folded)))

    def find(self, text: str, taken: list[tuple[int, int]]) -> list[LikelyVariant]:
        """Likely variants in ``text`` outside the ``taken`` spans (sorted, disjoint)."""
        hits = {}
        for word in set(CAPITALIZED_WORD.findall(text)):
            if not word[0].isupper():  # the letter ranges mix cases in places
                continue
            found = self.lookup(word)
            if found is not None:
                hits[word] = found
        if not hits:
            return []
        from bisect import bisect_right

        starts = [span[0] for span in taken]
        pattern = re.compile(
            r"(?<![\w'’])(?:"
            + "|".join(map(re.escape, sorted(hits, key=len, reverse=True)))
            + r")(?!\w)"
        )
        result = []
        for m in pattern.finditer(text):
            i = bisect_right(starts, m.start())
            if i and taken[i - 1][1] > m.start():
                continue
            entry, canonical, score = hits[m.group()]
            if not self._type_fits(m.group(), entry, text, m.end()):
                continue
            result.append(LikelyVariant(m.start(), m.end(), m.group(), entry, canonical, score))
        return result
