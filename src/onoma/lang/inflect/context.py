"""The case a name's neighbours ask for: an ending glued to it, or a governing word
before it (``rules/context.tsv``), for writing translated names in their case."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _table() -> dict[tuple[str, str, str], str]:
    text = resources.files("onoma.lang.inflect").joinpath("rules").joinpath("context.tsv")
    table: dict[tuple[str, str, str], str] = {}
    for line in text.read_text("utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("lang\t"):
            continue
        lang, kind, word, case = line.split("\t")
        table[(lang, kind, word)] = case
    return table


def case_of_ending(ending: str, lang: str) -> str | None:
    """The case of an ending glued to a name (``-ում``, ``'da``), or None."""
    return _table().get((lang, "ending", ending.lstrip("-'’").lower()))


def case_after(word: str, lang: str) -> str | None:
    """The one case the word ``word`` governs in ``lang`` (из → gen), or None."""
    return _table().get((lang, "before", word.lower()))
