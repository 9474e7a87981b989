"""Russian declension of names: pymorphy3 (with pymorphy3-dicts-ru) for the words its
dictionary knows, the rules of ``rules/ru.tsv`` for what it does not know about names.

The dictionary does not know that Armenian and Azerbaijani surnames in -ян/-янц/-ов/-ев/-ин
decline for men and not for women, that foreign names in -и/-у/-е/-о never decline, nor
most foreign given names; those go through the rules. Names of several words decline word
by word: a person's every word, other names up to their head noun, with the adjectives
before it agreeing (Нагорный Карабах → Нагорном Карабахе; Совет Европы → Совета Европы).
pymorphy3 is imported on first use and one analyser is shared, used read-only.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from onoma.lang.inflect.rules import apply_rules

CASES = ("nom", "gen", "dat", "acc", "ins", "loc")
"""The cases of Russian, by their Universal Dependencies names (loc = prepositional)."""
GRAMMEMES = {
    "nom": "nomn",
    "gen": "gent",
    "dat": "datv",
    "acc": "accs",
    "ins": "ablt",
    "loc": "loct",
}
"""pymorphy3's (OpenCorpora) grammeme for each case."""
SURNAME_ENDINGS = ("ян", "янц", "ов", "ев", "ёв", "ин", "ын", "ова", "ева", "ёва", "ина", "ына")
"""Surname endings whose declension depends on the bearer's gender."""


@lru_cache(maxsize=1)
def analyzer() -> Any:
    """The one shared pymorphy3 analyser (its dictionaries load in about 0.1 s)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=65536)
def _parses(word: str) -> tuple[Any, ...]:
    """pymorphy3's parses of ``word``, once: a name is declined into five cases, and
    parsing is most of the time that takes (parses are values, safe to share)."""
    return tuple(analyzer().parse(word))


def _restore(word: str, result: str) -> str:
    """``result`` with the capitals of ``word`` and without a ё that ``word`` did not write."""
    if "ё" not in word.lower():
        result = result.replace("ё", "е")
    if word.isupper() and len(word) > 1:
        return result.upper()
    if word[:1].isupper():
        return result[:1].upper() + result[1:]
    return result


def _known(word: str, kinds: tuple[str, ...]) -> Any | None:
    """The dictionary parse of ``word`` as a singular nominative, preferring ``kinds``
    (Name, Surn, Geox, Orgn…), or None when the dictionary does not know the word."""
    parses = [p for p in _parses(word) if p.is_known and p.tag.case == "nomn"]
    parses.sort(key=lambda p: p.tag.number == "plur")
    for kind in kinds:
        for parse in parses:
            if kind in parse.tag:
                return parse
    return parses[0] if parses and not kinds else None


def is_abbreviation(word: str) -> bool:
    """ОБСЕ, ООН: a word of capitals only."""
    return len(word) > 1 and word.isupper()


def guess_gender(words: list[str]) -> str:
    """A person's gender from the dictionary's first names or the surname's ending."""
    first = _known(words[0], ("Name",)) if len(words) > 1 else None
    if first is not None and first.tag.gender in ("masc", "femn"):
        return "f" if first.tag.gender == "femn" else "m"
    last = words[-1].lower()
    return "f" if last.endswith(("ова", "ева", "ёва", "ина", "ына", "ая")) else "m"


def _person_word(word: str, case: str, gender: str, surname: bool) -> str:
    tags = frozenset({"person", gender} | ({"surname"} if surname else set()))
    lower = word.lower()
    if is_abbreviation(word):
        return word
    if not (surname and lower.endswith(SURNAME_ENDINGS)) and not lower.endswith(tuple("иуюеоэ")):
        parse = _known(word, ("Surn", "Name") if surname else ("Name",))
        wanted = "femn" if gender == "f" else "masc"
        if parse is not None and parse.tag.gender == wanted:
            found = parse.inflect({GRAMMEMES[case], "sing"})
            if found is not None:
                return _restore(word, found.word)
    return apply_rules(word, "ru", case, tags) or word


def _thing_word(word: str, case: str, kind: str) -> tuple[str, Any | None]:
    """A noun of a place or organization in ``case``, and its dictionary parse."""
    tags = frozenset({kind} | ({"abbr"} if is_abbreviation(word) else set()))
    if "abbr" in tags:
        return word, None
    if word.lower().endswith(tuple("иуюеоэ")):
        neuter = _known(word, ("neut",))
        if neuter is None or neuter.tag.POS != "NOUN" or {"Fixd", "Geox"} & neuter.tag.grammemes:
            return apply_rules(word, "ru", case, tags) or word, None
        found = neuter.inflect({GRAMMEMES[case], "sing"})
        return (_restore(word, found.word) if found else word), neuter
    stressed = apply_rules(word, "ru", case, tags | {"stressed"}, only="stressed")
    if stressed is not None:
        return stressed, _known(word, ("Geox", "NOUN"))
    parse = _known(word, ("Geox", "Orgn", "NOUN"))
    if parse is not None and parse.tag.POS == "NOUN" and "Fixd" not in parse.tag:
        found = parse.inflect({GRAMMEMES[case], str(parse.tag.number or "sing")})
        if found is not None:
            return _restore(word, found.word), parse
    if parse is not None and "Fixd" in parse.tag:
        return word, parse
    return apply_rules(word, "ru", case, tags) or word, parse


def _adjective(word: str) -> Any | None:
    parses = [p for p in _parses(word) if p.tag.POS in ("ADJF", "PRTF") and p.tag.case == "nomn"]
    return parses[0] if parses else None


def inflect_ru(form: str, case: str, kind: str, gender: str | None) -> str:
    """``form`` (a name in the nominative) in ``case``."""
    if case == "nom":
        return form
    words = form.split(" ")
    if kind == "person":
        sex = gender or guess_gender(words)
        return " ".join(
            _person_word(
                w, case, sex, (index == len(words) - 1 and len(words) > 1) or len(words) == 1
            )
            for index, w in enumerate(words)
        )
    out = list(words)
    adjectives: list[int] = []
    for index, word in enumerate(words):
        adjective = _adjective(word) if word[:1].isalpha() and not is_abbreviation(word) else None
        if adjective is not None and index < len(words) - 1:
            adjectives.append(index)
            continue
        out[index], head = _thing_word(word, case, kind)
        if head is None and index < len(words) - 1 and word.lower().endswith(tuple("иуюеоэ")):
            continue  # an indeclinable foreign word before the head noun: Милли Меджлис
        gender_tag = str(head.tag.gender) if head is not None and head.tag.gender else None
        if gender_tag is None:
            gender_tag = "femn" if word.lower().endswith(("а", "я")) else "masc"
        if head is not None and head.tag.number == "plur":
            gender_tag = "plur"
        for at in adjectives:
            parse = _adjective(words[at])
            grammemes = {GRAMMEMES[case], gender_tag}
            if case == "acc" and gender_tag in ("masc", "plur"):
                grammemes.add("inan")
            if gender_tag != "plur":
                grammemes.add("sing")
            found = parse.inflect(grammemes) if parse is not None else None
            if found is not None:
                out[at] = _restore(words[at], found.word)
        break
    return " ".join(out)
