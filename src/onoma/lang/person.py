"""Whether a capitalised word stands as a person's name: evidence for a word's type.

A word followed by a surname is a given name (Artak Poghosyan, Арсения Фёдорова),
however close it comes to a place (Artsakh) or an organization. The evidence, in this
order: the glossary's own person entries (known given names and surnames), the
surname endings of ``surname_endings.tsv`` (one rule a line, by language), and for
Russian the pymorphy3 tags ``Surn`` and ``Name`` (:mod:`onoma.lang.morph_ru`). The
endings the press writes by convention (``press_endings.tsv``) break ties between
spellings of one surname.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from onoma.lang.case import fold_case


@lru_cache(maxsize=2)
def _endings(name: str = "surname_endings.tsv") -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    text = resources.files("onoma.lang").joinpath(name).read_text("utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            lang, ending, _why = line.split("\t", 2)
            found.setdefault(lang, []).append(ending)
    return {lang: tuple(sorted(ends, key=len, reverse=True)) for lang, ends in found.items()}


def surname_like(word: str, lang: str, known_surnames: frozenset[str] = frozenset()) -> bool:
    """Whether ``word`` (case-folded in ``known_surnames``) is most likely a surname."""
    folded = fold_case(word)
    if folded in known_surnames:
        return True
    endings = _endings().get(lang, _endings()["en"] if word.isascii() else ())
    if len(folded) >= 5 and folded.endswith(endings):
        return True
    if lang == "ru":
        from onoma.lang.morph_ru import name_tags

        return "Surn" in name_tags(word)
    return False


def given_name_like(word: str, lang: str, known_given: frozenset[str] = frozenset()) -> bool:
    """Whether ``word`` is a known given name (glossary persons; pymorphy3 ``Name`` for
    Russian, when no place or organization reading competes)."""
    if fold_case(word) in known_given:
        return True
    if lang == "ru":
        from onoma.lang.morph_ru import name_tags

        tags = name_tags(word)
        return "Name" in tags and not tags & {"Geox", "Orgn"}
    return False


def press_form(text: str, lang: str) -> bool:
    """Whether the last word of ``text`` ends the way the press writes surnames
    (``press_endings.tsv``: Pashinyan rather than Pashinian)."""
    words = text.split()
    ends = _endings("press_endings.tsv").get(lang, ())
    return bool(words) and fold_case(words[-1]).endswith(ends)
