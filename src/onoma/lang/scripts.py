"""Writing systems of letters and the scripts each language is written in."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

LANGUAGE_SCRIPTS: dict[str, str] = {
    "hy": "Armenian",
    "ru": "Cyrillic",
    "uk": "Cyrillic",
    "be": "Cyrillic",
    "bg": "Cyrillic",
    "az": "Latin",
    "az-Latn": "Latin",
    "az-Cyrl": "Cyrillic",
    "en": "Latin",
    "fr": "Latin",
    "de": "Latin",
    "es": "Latin",
    "it": "Latin",
    "tr": "Latin",
    "ka": "Georgian",
    "fa": "Arabic",
    "ar": "Arabic",
    "el": "Greek",
}
"""The script a glossary's form in each language must be written in."""

_SCRIPT_PREFIXES = ("LATIN", "CYRILLIC", "ARMENIAN", "GEORGIAN", "GREEK", "ARABIC", "HEBREW")


@lru_cache(maxsize=4096)
def script_of(char: str) -> str | None:
    """The script of a letter (``"Latin"``, ``"Cyrillic"``, ``"Armenian"``…), else None."""
    if not char.isalpha():
        return None
    first = unicodedata.name(char, "").split(" ", 1)[0]
    if first in _SCRIPT_PREFIXES:
        return first.capitalize()
    return "Other"


def expected_script(lang: str) -> str | None:
    """The script ``lang`` is written in, or None when onoma does not know it."""
    if lang in LANGUAGE_SCRIPTS:
        return LANGUAGE_SCRIPTS[lang]
    base, _, rest = lang.replace("_", "-").partition("-")  # ru_RU is ru-RU
    for subtag in rest.split("-"):
        if subtag in ("Latn", "Cyrl", "Armn", "Geor", "Grek", "Arab"):
            return {
                "Latn": "Latin",
                "Cyrl": "Cyrillic",
                "Armn": "Armenian",
                "Geor": "Georgian",
                "Grek": "Greek",
                "Arab": "Arabic",
            }[subtag]
    return LANGUAGE_SCRIPTS.get(base)


def scripts_in(text: str) -> set[str]:
    """Every script whose letters appear in ``text``."""
    return {s for s in map(script_of, text) if s is not None}
