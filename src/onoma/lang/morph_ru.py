"""Russian morphology through pymorphy3, loaded on first use (its dictionaries take
about 0.1 s and 25 MB, which no command should pay before it needs them)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any


def analyzer() -> Any:
    """The one pymorphy3 analyser onoma loads (the declension's, shared)."""
    from onoma.lang.inflect.ru import analyzer as shared

    return shared()


@lru_cache(maxsize=65536)
def name_tags(word: str) -> frozenset[str]:
    """The proper-name tags pymorphy3 gives ``word`` in dictionary parses (never the
    guesses for unknown words) scored 0.1 or more:
    ``Name`` (given name), ``Surn`` (surname), ``Patr``, ``Geox`` (place), ``Orgn``;
    ``common`` when its best parse is a word of the dictionary with none of them (a
    common noun, an adjective, an adverb: Индекс, Фратрия, Большого)."""
    parses = analyzer().parse(word)
    tags = {
        tag
        for p in parses
        if p.score >= 0.1 and p.is_known
        for tag in ("Name", "Surn", "Patr", "Geox", "Orgn")
        if tag in p.tag
    }
    best = parses[0] if parses else None
    if best is not None and not tags and best.is_known and best.tag.POS is not None:
        tags.add("common")
    return frozenset(tags)


def name_kind(word: str) -> str | None:
    """``person``, ``place`` or ``organization`` when pymorphy3 reads ``word`` as that
    kind of name only; None when it reads it as none or several."""
    tags = name_tags(word)
    kinds = {
        kind
        for kind, marks in (
            ("person", {"Name", "Surn", "Patr"}),
            ("place", {"Geox"}),
            ("organization", {"Orgn"}),
        )
        if tags & marks
    }
    return kinds.pop() if len(kinds) == 1 else None
