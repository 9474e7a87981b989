"""Inflected forms of names, for languages that decline them (Russian, Armenian).

A Russian or Armenian text writes a name with case endings: Пашиняна, Пашиняну and
Пашиняном are forms of Пашинян, Շուշիում of Շուշի. Such a form is no variant spelling:
the glossary keeps the base form, and ``onoma normalize`` replaces whole words only.
The Snowball stemmers of ``snowballstemmer`` find the stems. Two spellings are forms of
one name, word by word, when

- the longer of the two stems begins both words (the stems of one name differ when the
  stemmer also strips a final -ян or -ей: пашиня for Пашинян, пашинян for Пашиняну);
- the words share at least :data:`MIN_STEM` letters before they part
  (:data:`MIN_KNOWN_STEM` when the base is a glossary form: Шуша, Шуше);
- each word goes on for at most :data:`MAX_ENDING` letters after that;
- neither of these endings begins with a suffix that makes a new name
  (:data:`NAME_SUFFIXES`: Иван and Иванов, Армен and Армения are two names).

The base of an inflected form is a glossary form, else the spelling that the inflected
one begins with (Пашинян for Пашиняна), else the more frequent spelling. Glossary forms
are never inflected forms.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import product
from typing import TYPE_CHECKING

from onoma.match import fold_case

if TYPE_CHECKING:
    from onoma.glossary.candidates import Spelling

STEMMERS = {"ru": "russian", "hy": "armenian"}
"""Snowball algorithm per language code, for the languages that inflect names."""
MIN_STEM = 4
"""Letters an inflected form shares with a base found in the corpus."""
MIN_KNOWN_STEM = 3
"""Letters an inflected form shares with a base that is a glossary form."""
MAX_ENDING = 4
"""Longest ending after the shared letters, in the inflected form and in the base."""
MAX_WORDS = 3
"""Longer spellings are not compared."""
NAME_SUFFIXES = {
    "ru": ("ов", "ев", "ин", "ын", "ия", "ии", "ию", "ией", "иец", "ец", "ск"),
    "hy": ("յան", "յանց", "ենց", "ունի", "իկ", "ուհի", "ցի", "ական", "ային"),
}
"""Endings that make a name into another name, or into a derived word."""
SYLLABLES_BEFORE = {"hy": "աբաբ"}
"""Put before each word when stemming: Snowball's Armenian stemmer strips case endings
only after a word's second syllable, and so leaves short names (Գևորգի) alone."""


@dataclass(frozen=True)
class _Form:
    """A spelling's words, folded (ё as е), and their stems."""

    words: tuple[str, ...]
    stems: tuple[str, ...]


def stemmer_for(lang: str) -> Callable[[str], str] | None:
    """The Snowball stemmer for ``lang`` (``ru``, ``hy``), or None where names do not
    inflect or Snowball lacks the language."""
    language = _language(lang)
    algorithm = STEMMERS.get(language)
    if algorithm is None:
        return None
    import snowballstemmer

    if algorithm not in snowballstemmer.algorithms():
        return None
    stem_word = snowballstemmer.stemmer(algorithm).stemWord
    before = SYLLABLES_BEFORE.get(language, "")
    if not before:
        return stem_word
    return lambda word: stem_word(before + word)[len(before) :]


def inflection_bases(nodes: Sequence[Spelling], lang: str) -> dict[int, list[int]]:
    """For each spelling of ``nodes`` that looks like an inflected form, the indices of
    the spellings it may be a form of, best first (longest shared part, shortest
    endings, glossary forms, frequency). Empty where names do not inflect.

    A node with an ``entry`` is a glossary form: a base, never an inflected form.
    """
    stems = _Stems.for_lang(lang)
    if stems is None:
        return {}
    forms = [stems.form(node.text) for node in nodes]
    published: dict[tuple[str, ...], list[int]] = {}
    for i, form in enumerate(forms):
        if form is not None:
            for key in _prefix_keys(form):
                published.setdefault(key, []).append(i)
    scored: dict[int, list[tuple[tuple[int, int, bool, int], int]]] = {}
    seen: set[tuple[int, int]] = set()
    for i, form in enumerate(forms):
        if form is None:
            continue
        for j in published.get(form.stems, ()):
            pair = (min(i, j), max(i, j))
            if i == j or pair in seen:
                continue
            seen.add(pair)
            order = _direction(nodes, forms, i, j)
            if order is None:
                continue
            inflected, base = order
            known = nodes[base].entry is not None
            score = stems.score(forms[inflected], forms[base], known)
            if score is not None:
                scored.setdefault(inflected, []).append(((*score, nodes[base].count), base))
    return {i: [j for _, j in sorted(found, reverse=True)] for i, found in scored.items()}


def inflection_test(forms: Iterable[str], lang: str) -> Callable[[str], bool] | None:
    """A test of whether a word is an inflected form of one of the one-word glossary
    ``forms`` (Пашиняна of Пашинян); None where names do not inflect."""
    stems = _Stems.for_lang(lang)
    if stems is None:
        return None
    by_prefix: dict[tuple[str, ...], list[_Form]] = {}
    by_stem: dict[tuple[str, ...], list[_Form]] = {}
    for text in forms:
        form = stems.form(text)
        if form is not None and len(form.words) == 1:
            by_stem.setdefault(form.stems, []).append(form)
            for key in _prefix_keys(form):
                by_prefix.setdefault(key, []).append(form)
    if not by_stem:
        return None
    verdicts: dict[str, bool] = {}

    def test(word: str) -> bool:
        verdict = verdicts.get(word)
        if verdict is None:
            form = stems.form(word)
            bases = []
            if form is not None and len(form.words) == 1:
                bases = [*by_prefix.get(form.stems, ())]
                for key in _prefix_keys(form):
                    bases.extend(by_stem.get(key, ()))
            verdict = verdicts[word] = any(stems.score(form, base, known=True) for base in bases)
        return verdict

    return test


class _Stems:
    """A language's stemmer, with its stems remembered, and the test of two forms."""

    def __init__(self, stem: Callable[[str], str], suffixes: tuple[str, ...]) -> None:
        self.stem = stem
        self.suffixes = suffixes
        self.stems: dict[str, str] = {}

    @classmethod
    def for_lang(cls, lang: str) -> _Stems | None:
        stem = stemmer_for(lang)
        if stem is None:
            return None
        return cls(stem, NAME_SUFFIXES.get(_language(lang), ()))

    def form(self, text: str) -> _Form | None:
        """The text's words and stems (None for texts of more than :data:`MAX_WORDS`)."""
        words = tuple(fold_case(text).replace("ё", "е").split())
        if not words or len(words) > MAX_WORDS:
            return None
        stems = self.stems
        for word in words:
            if word not in stems:
                stems[word] = self.stem(word)
        return _Form(words, tuple(stems[word] for word in words))

    def score(self, form: _Form | None, base: _Form | None, known: bool) -> tuple[int, int] | None:
        """How well ``form`` fits as an inflected form of ``base`` (letters shared, minus
        letters of ending; higher is better), or None when they differ in more than
        endings. ``known``: the base is a glossary form."""
        if form is None or base is None or len(form.words) != len(base.words):
            return None
        shared = endings = 0
        for word, base_word, stem, base_stem in zip(
            form.words, base.words, form.stems, base.stems, strict=True
        ):
            if word == base_word:
                continue
            common = self._word(word, base_word, max(stem, base_stem, key=len), known)
            if common is None:
                return None
            shared += common
            endings += len(word) + len(base_word) - 2 * common
        return (shared, -endings) if shared else None

    def _word(self, word: str, base: str, stem: str, known: bool) -> int | None:
        """The letters ``word`` shares with ``base`` if it is an inflected form of it
        (``stem``: the longer of their stems), else None."""
        if not (word.startswith(stem) and base.startswith(stem)):
            return None
        common = _shared(word, base)
        ending, base_ending = word[common:], base[common:]
        if max(len(ending), len(base_ending)) > MAX_ENDING:
            return None
        if common < MIN_STEM:
            # Short names only against a glossary form, ending for ending: Шуша, Шушой.
            short = len(base_ending) == 1 and 1 <= len(ending) <= 2
            if not (known and common >= MIN_KNOWN_STEM and short):
                return None
        # A name-forming suffix on one word only, after the shared letters or after the
        # stem: Армен, Армения; Гасанов, Гасаном (гасан + ов, ом).
        for one, other in ((ending, base_ending), (word[len(stem) :], base[len(stem) :])):
            if bool(one.startswith(self.suffixes)) != bool(other.startswith(self.suffixes)):
                return None
        return common


def _language(lang: str) -> str:
    """The language subtag of a language code: ``ru`` for ``ru-RU``."""
    return lang.replace("_", "-").split("-")[0].lower()


def _shared(a: str, b: str) -> int:
    """How many letters ``a`` and ``b`` share at their start."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _prefix_keys(form: _Form) -> Iterator[tuple[str, ...]]:
    """Each word cut anywhere from its stem to its end, in every combination: a form
    whose stems are one of these keys has the longer stem at the start of each word."""
    options = []
    for word, stem in zip(form.words, form.stems, strict=True):
        if not word.startswith(stem):  # a stemmer that rewrote the word
            return
        options.append([word[:n] for n in range(max(len(stem), 1), len(word) + 1)])
    yield from product(*options)


def _direction(
    nodes: Sequence[Spelling], forms: Sequence[_Form | None], i: int, j: int
) -> tuple[int, int] | None:
    """(inflected, base) for two related spellings, or None when both are glossary
    forms or have different numbers of words."""
    a, b = forms[i], forms[j]
    if a is None or b is None or len(a.words) != len(b.words):
        return None
    known_i, known_j = nodes[i].entry is not None, nodes[j].entry is not None
    if known_i or known_j:
        return None if known_i and known_j else ((j, i) if known_i else (i, j))
    if _begins(b.words, a.words):
        return j, i
    if _begins(a.words, b.words):
        return i, j
    rank_i = (-nodes[i].count, nodes[i].text)
    rank_j = (-nodes[j].count, nodes[j].text)
    return (j, i) if rank_i < rank_j else (i, j)


def _begins(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    """Whether each word of ``longer`` begins with the matching word of ``shorter``."""
    return all(w.startswith(s) for w, s in zip(longer, shorter, strict=True))
