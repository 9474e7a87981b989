"""Language detection from the script alone, as ``POST /detect`` and ``source: auto`` need.

It tells apart what the letters tell apart: Armenian script is Armenian (hy); Cyrillic is
Russian (ru), or Azerbaijani (az) when it has the Azerbaijani Cyrillic letters ә ғ ҹ һ ө
ү ҝ; Latin is Azerbaijani (az) when it has ə ğ ı or ş, else English (en). Other Latin
languages (French, Turkish…) come out as en, and Ukrainian or Bulgarian as ru: onoma's
models do not cover them anyway.
"""

from __future__ import annotations

import unicodedata

AZ_LATIN = frozenset("əğışƏĞŞ")
"""Letters of Azerbaijani Latin that English does not use (Turkish shares ğ ı ş)."""

AZ_CYRILLIC = frozenset("әғҹһөүҝӘҒҸҺӨҮҜ")


def _script(char: str) -> str | None:
    if not char.isalpha():
        return None
    name = unicodedata.name(char, "")
    for script in ("ARMENIAN", "CYRILLIC", "LATIN"):
        if name.startswith(script):
            return script
    return "OTHER"


def detect_language(text: str) -> list[dict[str, float | str]]:
    """``[{"confidence": 0–100, "language": code}]``, best first, LibreTranslate's shape.

    The confidence is the share of letters in the winning script (100 when all are);
    text without letters is English with confidence 0."""
    counts = {"ARMENIAN": 0, "CYRILLIC": 0, "LATIN": 0, "OTHER": 0}
    az_latin = az_cyrillic = 0
    for char in text:
        script = _script(char)
        if script is None:
            continue
        counts[script] += 1
        az_latin += char in AZ_LATIN
        az_cyrillic += char in AZ_CYRILLIC
    letters = sum(counts.values())
    if not letters:
        return [{"confidence": 0.0, "language": "en"}]
    ranked = sorted((n, s) for s, n in counts.items() if n and s != "OTHER")[::-1]
    results = []
    for count, script in ranked:
        if script == "ARMENIAN":
            lang = "hy"
        elif script == "CYRILLIC":
            lang = "az" if az_cyrillic else "ru"
        else:
            lang = "az" if az_latin else "en"
        results.append({"confidence": round(100.0 * count / letters, 1), "language": lang})
    return results or [{"confidence": 0.0, "language": "en"}]
