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
one begins with (Пашинян for Пашиняна), else one that does not end like a case form
(Мария, not Марии), else the shorter, else the more frequent spelling. Glossary forms
are never inflected forms.

:func:`one_root_test` is looser: it also tells two names made from one another
(Армен, Армения) and spellings the stemmer cannot tell apart (Анна, Анны, Ани). Such
spellings are never variant spellings of one another.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import product
from typing import Protocol

from onoma.lang.case import fold_case


class Spelling(Protocol):
    """What :func:`inflection_bases` reads of a spelling found in a corpus: its text, how
    often it occurs, and whether it is a glossary form (``entry`` is not None)."""

    text: str
    count: int
    entry: object | None


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
CASE_ENDINGS = {
    "ru": ("ы", "у", "ю", "е", "и", "ом", "ем", "ём"),
    "hy": ("ը", "ի", "ին", "ից", "ով", "ում"),
}
"""Endings of oblique case forms (and the Armenian article), for choosing a base."""
VOWELS = {"ru": "аеёиоуыэюя", "hy": "աեէըիոօ"}
"""Vowel letters: a name's form ending in one where the name ends in a consonant is most
likely a case form (Кочаряна for Кочарян)."""
ARTICLES = {"hy": ("ը", "ն")}
"""The definite article; ``ն`` only after a vowel (Շուշին, Անին)."""
_VOWELS_BEFORE_N = tuple("աեէըիոօւ")
MIN_ROOT = 2
"""Letters of a stem two words must both have to be taken for one root (Анна, Ани)."""
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
            order = _direction(stems, nodes, forms, i, j)
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


_KNOWN_STEMS: dict[str, dict[str, str]] = {}
"""Per language, stems computed by an earlier run (read from a normalizer cache)."""


def remember_stems(lang: str, stems: dict[str, str]) -> None:
    """Take the stems of words computed earlier instead of stemming them again: the
    stems of a glossary's forms cost a third of a second on each run in Russian."""
    _KNOWN_STEMS.setdefault(_language(lang), {}).update(stems)


def word_stems(forms: Iterable[str], lang: str) -> dict[str, str]:
    """The stem of each word of ``forms`` as :func:`inflection_test` computes it (empty
    where names do not inflect), for a cache to hand to :func:`remember_stems`."""
    stems = _Stems.for_lang(lang)
    if stems is None:
        return {}
    for text in forms:
        stems.form(text)
    return stems.stems


class _Stems:
    """A language's stemmer, with its stems remembered, and the test of two forms."""

    def __init__(self, stem: Callable[[str], str], lang: str) -> None:
        self.stem = stem
        self.suffixes = NAME_SUFFIXES.get(lang, ())
        self.case_endings = CASE_ENDINGS.get(lang, ())
        self.stems: dict[str, str] = dict(_KNOWN_STEMS.get(lang, {}))

    @classmethod
    def for_lang(cls, lang: str) -> _Stems | None:
        stem = stemmer_for(lang)
        if stem is None:
            return None
        return cls(stem, _language(lang))

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

    def one_root(self, a: str, b: str) -> bool:
        """Whether two spellings, word by word the same number, have a word that differs
        from its counterpart only after a shared root (see :func:`one_root_test`)."""
        form, other = self.form(a), self.form(b)
        if form is None or other is None or len(form.words) != len(other.words):
            return False
        pairs = zip(form.words, other.words, form.stems, other.stems, strict=True)
        return any(w != v and self._one_root_word(w, v, s, t) for w, v, s, t in pairs)

    def _one_root_word(self, word: str, other: str, stem: str, other_stem: str) -> bool:
        if stem == other_stem and len(stem) >= MIN_ROOT and word.startswith(stem):
            shared = _shared(word, other)
            if max(len(word), len(other)) - shared <= 2:
                return True  # Анна, Анны, Ани; Армен, Армена (not Арменния, a typo)
        cuts = {_shared(word, other)}
        shorter = min(stem, other_stem, key=len)
        if word.startswith(shorter) and other.startswith(shorter):
            cuts.add(len(shorter))
        return any(cut >= MIN_KNOWN_STEM and self._derived(word[cut:], other[cut:]) for cut in cuts)

    def _derived(self, ending: str, other: str) -> bool:
        """Whether two endings after a shared root make two names: each is a case ending
        (2 letters at most) or begins with a name-forming suffix, and their suffixes
        differ (Армен, Армения; Мария, Марина)."""
        found = []
        for text in (ending, other):
            suffix = max((s for s in self.suffixes if text.startswith(s)), key=len, default="")
            if len(text) > MAX_ENDING or not (suffix or len(text) <= 2):
                return False
            found.append(suffix)
        return found[0] != found[1]

    def case_like(self, form: _Form) -> bool:
        """Whether a word of ``form`` ends like an oblique case form (Марии, Тաթևը)."""
        return any(word.endswith(self.case_endings) for word in form.words)


def one_root_test(lang: str) -> Callable[[str, str], bool] | None:
    """A test of whether two spellings are one name in different cases or two names made
    from one root (Армен, Армена, Армения; Анна, Анны, Ани; Мария, Марина; Տաթև,
    Տաթևիկ): a word and its counterpart have one stem, or differ after a shared root in
    endings of which one begins with a name-forming suffix. Such spellings are never
    variant spellings of one another. None where names do not inflect."""
    stems = _Stems.for_lang(lang)
    return None if stems is None else stems.one_root


def bare_form(text: str, lang: str) -> str | None:
    """``text`` without the definite article on its last word (Տաթև for Տաթևը), or None
    when the language has none or ``text`` does not end with it. A name may end like
    the article (Փաշինյան): callers check that the bare form occurs."""
    articles = ARTICLES.get(_language(lang), ())
    for article in articles:
        bare = text[: -len(article)]
        after_vowel = article != "ն" or bare.endswith(_VOWELS_BEFORE_N)
        if text.endswith(article) and len(bare) >= MIN_KNOWN_STEM and after_vowel:
            return bare
    return None


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
    stems: _Stems, nodes: Sequence[Spelling], forms: Sequence[_Form | None], i: int, j: int
) -> tuple[int, int] | None:
    """(inflected, base) for two related spellings, or None when both are glossary
    forms or have different numbers of words. The base is the glossary form, else the
    spelling the other begins with, else one that does not end like a case form, else
    the shorter, the more frequent, the first in alphabetical order."""
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
    rank_i = (stems.case_like(a), len(nodes[i].text), -nodes[i].count, nodes[i].text)
    rank_j = (stems.case_like(b), len(nodes[j].text), -nodes[j].count, nodes[j].text)
    return (j, i) if rank_i < rank_j else (i, j)


def _begins(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    """Whether each word of ``longer`` begins with the matching word of ``shorter``."""
    return all(w.startswith(s) for w, s in zip(longer, shorter, strict=True))
