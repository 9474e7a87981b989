"""The ordinary words of a language (its stop words), for checks that a glossary
variant will not rewrite ordinary text ("The" as a variant of Theodor).

The lists are data files (``stopwords/<lang>.txt``, from spaCy, MIT), read on first use.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from onoma.lang.case import fold_case


@lru_cache(maxsize=16)
def common_words(lang: str) -> frozenset[str]:
    """The stop words of ``lang`` (``ru-RU`` reads ``ru``), case-folded; empty when
    onoma has no list for the language."""
    base = lang.replace("_", "-").split("-", 1)[0].lower()
    path = resources.files("onoma") / "lang" / "stopwords" / f"{base}.txt"
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return frozenset()
    return frozenset(
        fold_case(line.strip()) for line in text.splitlines() if line and not line.startswith("#")
    )


def is_common_word(text: str, lang: str) -> bool:
    """Whether ``text`` is one ordinary word of ``lang`` (in any case)."""
    return fold_case(text.strip()) in common_words(lang)
