"""Transliteration between Armenian, Russian and Azerbaijani Cyrillic, and Latin script.

>>> transliterate("Հովհաննիսյան", to="latn")
'Hovhannisyan'
>>> transliterate("Hovhannisyan", to="cyrl")
'Ованнисян'

Schemes are ICU transforms: system ones (BGN/PCGN) and rule files shipped in ``rules/``.
Each run of one script goes through the transform for its language; text in a script the
transform does not cover is left as it is.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator

from onoma.errors import require_str
from onoma.translit import schemes
from onoma.translit.attested import (
    attested_words,
    prefer_attested_words,
    shipped_lexicons,
)
from onoma.translit.runs import detect_lang, has_az_cyrillic, has_az_latin, split_runs
from onoma.translit.schemes import SchemeInfo, TranslitError, list_schemes

_PRESS_ARMN = ("en", "latn", "armn", "press")

__all__ = [
    "SchemeInfo",
    "TranslitError",
    "attested_words",
    "list_schemes",
    "transliterate",
    "uncovered",
]


def transliterate(
    text: str,
    to: str,
    lang: str | None = None,
    scheme: str | None = None,
    *,
    attested: Collection[str] | None = None,
) -> str:
    """Transliterate ``text`` into the script ``to`` (latn, armn, cyrl or ascii).

    ``lang`` is the source language (hy, ru, az or en); when None it is guessed per word from
    the script: Armenian -> hy, Cyrillic -> ru (az when its line has Azerbaijani Cyrillic
    letters), Latin -> en (az for a word with Azerbaijani letters). ``scheme`` is bgn, iso,
    ala-lc or press; when None each pair uses its default (press for Armenian, bgn for Russian
    and Azerbaijani). ``ascii`` goes through the Latin scheme, then folds everything to ASCII.
    From Azerbaijani Latin, ``press`` gives a name as the press writes it: in English with
    ``to="latn"`` (Gəncə -> Ganja), in Russian with ``to="cyrl"`` (Гянджа); ``to="armn"``
    spells it in Armenian letters (Գյանջա).

    Where press Latin does not tell two Armenian letters apart (k: կ or ք), a spelling
    attested in a word list wins over the rules' choice: first in ``attested`` (Armenian
    words, see :func:`attested_words`: a glossary's curated forms), then in the shipped
    name and word lists.

    Raises TranslitError for an unknown target, language or scheme, or a pair with none.
    Words of a language that ``scheme`` does not cover pass through unchanged; see
    :func:`uncovered`.
    """
    require_str(text)
    schemes.check(to, lang, scheme)
    target = "latn" if to == "ascii" else to
    pieces = []
    lexicons = None if not attested else (attested, *shipped_lexicons())
    for text_run, source, run_lang in _runs(text, lang):
        key = None
        if source is not None and run_lang is not None:
            key = schemes.find(run_lang, source, target, scheme)
        converted = schemes.convert(key, text_run) if key else text_run
        if key == _PRESS_ARMN and converted == schemes.convert(key, text_run, exceptions=False):
            # Not an irregular name: ask the word lists, word by word.
            converted = prefer_attested_words(converted, lexicons)
        pieces.append(converted)
    result = "".join(pieces)
    return schemes.fold_ascii(result) if to == "ascii" else result


def uncovered(
    text: str, to: str, lang: str | None = None, scheme: str | None = None
) -> dict[str, list[str]]:
    """The languages of words in ``text`` that ``scheme`` leaves as they are although
    other schemes would convert them, each with those schemes: ``{"ru": ["bgn", "iso"]}``
    for Russian words and ``scheme="press"``. Empty without a ``scheme``."""
    if scheme is None:
        return {}
    target = "latn" if to == "ascii" else to
    missing: dict[str, list[str]] = {}
    for _, source, run_lang in _runs(text, lang):
        if source is None or run_lang is None or run_lang in missing:
            continue
        if schemes.find(run_lang, source, target, scheme) is None:
            valid = schemes.schemes_for(run_lang, source, target)
            if valid:
                missing[run_lang] = valid
    return missing


def _runs(text: str, lang: str | None) -> Iterator[tuple[str, str | None, str | None]]:
    """Each run of one script in ``text``: its text, script code and language. Without
    ``lang`` the language is guessed line by line, as when streaming: one Azerbaijani
    name in a list must not turn the Russian names of the other lines Azerbaijani."""
    lines = text.split("\n") if lang is None else [text]
    for number, line in enumerate(lines):
        if number:
            yield "\n", None, None
        az_cyrillic = lang is None and has_az_cyrillic(line)
        az_latin = lang is None and has_az_latin(line)
        for run in split_runs(line):
            source = "armn" if run.script == "armn_punct" else run.script
            yield run.text, source, lang or detect_lang(run, az_cyrillic, az_latin)
