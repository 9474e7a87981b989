"""Split text into runs of one script and carry letter case across a transform."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_ARMN = "\u0531-\u0556\u0560-\u0588\ufb13-\ufb17"
# Emphasis, exclamation and question marks sit inside an Armenian word (ինչո՞ւ).
_ARMN_INNER = "\u055b-\u055e"
_ARMN_PUNCT = "\u0559-\u055f\u0589\u058a"
_CYRL = "\u0400-\u052f\u1c80-\u1c88\u2de0-\u2dff\ua640-\ua69f"
_LATN = (
    "A-Za-z\u00aa\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0250-\u02af"
    "\u02b0-\u02ff\u1d00-\u1dbf\u1e00-\u1eff\u2c60-\u2c7f\ua720-\ua7ff\uab30-\uab6f\ufb00-\ufb06"
)

_RUN = re.compile(
    f"(?P<armn>[{_ARMN}](?:[{_ARMN}{_MARKS}]|[{_ARMN_INNER}](?=[{_ARMN}]))*)"
    f"|(?P<armn_punct>[{_ARMN_PUNCT}]+)"
    f"|(?P<cyrl>[{_CYRL}][{_CYRL}{_MARKS}]*)"
    f"|(?P<latn>[{_LATN}][{_LATN}{_MARKS}]*)"
)

# Letters found in Azerbaijani but not in Russian or English text.
_AZ_CYRL = re.compile("[ӘәҜҝҸҹҒғҺһӨөҮүЈј]")
_AZ_LATN = re.compile("[ƏəıİĞğŞş]")
_AZ_OR_OTHER_LATN = re.compile("[ÇçÖöÜü]")
"""Letters of Azerbaijani that Turkish, German or French also have: Azerbaijani only
next to an unmistakable one (a name list with Şəki and Füzuli)."""


class Run(NamedTuple):
    """A stretch of text: ``script`` is armn, armn_punct, cyrl, latn, or None for the rest."""

    text: str
    script: str | None


def split_runs(text: str) -> Iterator[Run]:
    """Yield the runs of ``text`` in order; joined together they give ``text`` back."""
    pos = 0
    for match in _RUN.finditer(text):
        if match.start() > pos:
            yield Run(text[pos : match.start()], None)
        yield Run(match.group(), match.lastgroup)
        pos = match.end()
    if pos < len(text):
        yield Run(text[pos:], None)


def has_az_cyrillic(text: str) -> bool:
    """Whether ``text`` has letters of the Azerbaijani Cyrillic alphabet absent from Russian."""
    return _AZ_CYRL.search(text) is not None


def has_az_latin(text: str) -> bool:
    """Whether ``text`` has letters of the Azerbaijani Latin alphabet that neither
    English nor its neighbours use (ə, ğ, ı, İ, ş)."""
    return _AZ_LATN.search(text) is not None


def has_az_or_other_latin(text: str) -> bool:
    """Whether ``text`` has ç, ö or ü: Azerbaijani, or Turkish, German, French…"""
    return _AZ_OR_OTHER_LATN.search(text) is not None


def detect_lang(run: Run, az_cyrillic: bool = False, az_latin: bool = False) -> str | None:
    """Guess the source language of a run from its script and letters.

    ``az_cyrillic`` says that the surrounding text is Azerbaijani Cyrillic, so that words
    without any Azerbaijani letter (Шуша) are read as Azerbaijani too; ``az_latin`` that
    it has unmistakably Azerbaijani Latin letters, so that a word with ç, ö or ü is read
    as Azerbaijani (Füzuli next to Şəki; Zürich alone stays English).
    """
    if run.script in ("armn", "armn_punct"):
        return "hy"
    if run.script == "cyrl":
        return "az" if az_cyrillic or _AZ_CYRL.search(run.text) else "ru"
    if run.script == "latn":
        if has_az_latin(run.text) or (az_latin and has_az_or_other_latin(run.text)):
            return "az"
        return "en"
    return None


def restore_case(source: str, result: str) -> str:
    """Give ``result`` (from the lower-cased ``source``) the case pattern of ``source``."""
    if len(source) > 1 and source.isupper():
        # Upper-casing և gives the classical ԵՒ; modern spelling capitalises it as ԵՎ.
        return result.upper().replace("ԵՒ", "ԵՎ")
    if source[:1].isupper():
        return result[:1].upper() + result[1:]
    return result
