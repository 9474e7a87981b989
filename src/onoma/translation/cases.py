"""Translated names in the case their sentence needs, and the check that counts a name
in any of its case forms.

Armenian and Azerbaijani models often glue the case ending to the placeholder
(``[1]-ում``, ``[1]'da``): the name is written in that case through the generator
(Շուշի + -ում → Շուշիում, Şuşa + -də → Şuşada). In Russian the case is read from a
preposition before the name that governs one case only (из Шуши, к Армении, о Карабахе;
``rules/context.tsv``). Where neither says, the name keeps its base form.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Protocol

from onoma.glossary.model import Entry
from onoma.normalize.match import is_word_char

_WORD_BEFORE = re.compile(r"([^\W\d_]+(?:-[^\W\d_]+)?)\s+$")


class SlotLike(Protocol):
    target: str
    ids: tuple[str, ...]
    forms: tuple[str, ...]


def name_in_case(
    lang: str, slot: SlotLike, entries: Mapping[str, Entry], ending: str | None, before: str
) -> tuple[str, str]:
    """The slot's name in the case that a glued ``ending`` (Armenian, Azerbaijani) or the
    word at the end of ``before`` (Russian) asks for, and that case or ``"base: why"``."""
    from onoma.lang.inflect import LANGS, InflectError, inflect
    from onoma.lang.inflect.context import case_after, case_of_ending

    if lang not in LANGS:
        return slot.target, "base: not a declined language"
    if len(slot.ids) != 1:
        return slot.target, "base: several names in one place"
    if lang == "ru":
        word = _WORD_BEFORE.search(before)
        case = case_after(word.group(1), "ru") if word else None
        why = "base: no preposition with one case before it"
    elif ending:
        case = case_of_ending(ending, lang)
        why = "base: ending not recognized"
    else:
        case, why = None, "base: no ending"
    if case is None:
        return slot.target, why
    try:
        form = inflect(slot.target, lang, case, entry=entries.get(slot.ids[0]))
    except InflectError:
        return slot.target, f"base: no {case} form"
    return form, case


def case_forms(
    lang: str, form: str, ids: tuple[str, ...], entries: Mapping[str, Entry]
) -> set[str]:
    """Every case form of a name written ``form`` (just ``form`` where names do not decline)."""
    from onoma.lang.inflect import LANGS, declension

    if lang not in LANGS or len(ids) != 1:
        return {form}
    return {form, *declension(form, lang, entry=entries.get(ids[0])).values()}


def count_in_any_case(
    text: str, slots: Iterable[SlotLike], lang: str, entries: Mapping[str, Entry]
) -> Counter[str]:
    """How often each slot form occurs in ``text``, a name counting in any of its cases."""
    alternatives: dict[str, set[str]] = {}
    for slot in slots:
        for form in slot.forms:
            found = case_forms(lang, form, slot.ids, entries) if slot.ids else {form}
            alternatives.setdefault(form, set()).update(found)
    counted = count_forms(text, [a for forms in alternatives.values() for a in forms])
    totals = {f: sum(counted[a] for a in forms) for f, forms in alternatives.items()}
    return Counter({f: n for f, n in totals.items() if n})


def count_forms(text: str, forms: Counter[str] | list[str]) -> Counter[str]:
    """Whole-word occurrences of each form in ``text``, longer forms claimed first."""
    found: Counter[str] = Counter()
    taken = [False] * len(text)
    for form in sorted(set(forms), key=len, reverse=True):
        start = text.find(form)
        while start != -1:
            end = start + len(form)
            if (
                not any(taken[start:end])
                and not (start and is_word_char(text[start - 1]) and is_word_char(form[0]))
                and not (end < len(text) and is_word_char(text[end]) and is_word_char(form[-1]))
            ):
                found[form] += 1
                taken[start:end] = [True] * (end - start)
            start = text.find(form, start + 1)
    return found
