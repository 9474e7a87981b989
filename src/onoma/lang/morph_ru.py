"""Russian morphology through pymorphy3, loaded on first use (its dictionaries take
a second and 15 MB, which no command should pay before it needs them)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def analyzer() -> Any:
    """The shared pymorphy3 analyser for Russian."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=65536)
def name_tags(word: str) -> frozenset[str]:
    """The proper-name tags pymorphy3 gives ``word`` in parses scored 0.1 or more:
    ``Name`` (given name), ``Surn`` (surname), ``Patr``, ``Geox`` (place), ``Orgn``;
    ``common`` when its best parse is a word of the dictionary with none of them."""
    parses = analyzer().parse(word)
    tags = {
        tag
        for p in parses
        if p.score >= 0.1
        for tag in ("Name", "Surn", "Patr", "Geox", "Orgn")
        if tag in p.tag
    }
    best = parses[0] if parses else None
    if best is not None and not tags and best.is_known and "NOUN" in best.tag:
        tags.add("common")
    return frozenset(tags)
