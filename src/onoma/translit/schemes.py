"""The transliteration schemes and the ICU transforms behind them.

A scheme is keyed by (source language, source script, target script, scheme name). Each is
an ICU system transform or a rule file from ``rules/``, built on first use and cached.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources

from onoma.translit.lexicon import ARMENIAN, AZERBAIJANI, exception_rules
from onoma.translit.runs import restore_case

TARGETS = ("latn", "armn", "cyrl", "ascii")
LANGS = ("hy", "ru", "az", "en")
SCHEMES = ("bgn", "iso", "ala-lc", "press")

Key = tuple[str, str, str, str]


class TranslitError(ValueError):
    """An unknown target, language or scheme, or a pair with no transform."""


@dataclass(frozen=True)
class SchemeInfo:
    """One available transform: from ``lang`` written in ``source`` script to ``to``."""

    lang: str
    source: str
    to: str
    scheme: str | None
    default: bool
    description: str


@dataclass(frozen=True)
class _Exceptions:
    """Irregular names applied before the rules: key -> ``column`` of ``table`` (see lexicon)."""

    column: str
    table: str = ARMENIAN
    reverse: bool = False  # the whole-word forms of ``column`` back to the key
    inline: bool = False  # in the rules' first pass, so that the rules never re-read a form


@dataclass(frozen=True)
class _Rules:
    """An ICU transform: a rule file of ``rules/`` or a system transform (``builtin``)."""

    file: str = ""
    builtin: str = ""
    reverse: bool = False
    cased: bool = False  # the rules handle upper case; otherwise input is lower-cased
    turkic: bool = False  # lower-case I to ı and İ to i, as Azerbaijani does
    armenian_marks: bool = False  # convert Armenian punctuation around the transform
    exceptions: _Exceptions | None = None


@dataclass(frozen=True)
class _Pivot:
    """Two transforms one after the other."""

    first: Key
    second: Key


@dataclass(frozen=True)
class _Spec:
    recipe: _Rules | _Pivot
    description: str
    default: bool = False


_HY_PRESS = _Rules(
    "hy_latn_press.txt", armenian_marks=True, exceptions=_Exceptions("hy", reverse=True)
)
_EN_ARMN = _Rules("en_armn_press.txt", exceptions=_Exceptions("hy"))
_EN_CYRL = _Rules("en_cyrl_press.txt", exceptions=_Exceptions("ru"))


def _az_press(file: str, column: str) -> _Rules:
    """A rule file for Azerbaijani Latin, after the irregular names of ``exceptions_az.tsv``."""
    return _Rules(file, turkic=True, exceptions=_Exceptions(column, AZERBAIJANI, inline=True))


_SPECS: dict[Key, _Spec] = {
    ("hy", "armn", "latn", "press"): _Spec(
        _HY_PRESS,
        "English-language press: BGN/PCGN without apostrophes (Hovhannisyan, Shushi)",
        default=True,
    ),
    ("hy", "armn", "latn", "bgn"): _Spec(
        _Rules(builtin="Armenian-Latin/BGN", armenian_marks=True),
        "BGN/PCGN 1981 (ICU Armenian-Latin/BGN): Harut’yunyan",
    ),
    ("hy", "armn", "latn", "iso"): _Spec(
        _Rules("hy_latn_iso.txt", armenian_marks=True), "ISO 9985:1996: Harutʼyunyan, Erewan"
    ),
    ("hy", "armn", "latn", "ala-lc"): _Spec(
        _Rules("hy_latn_alalc.txt", armenian_marks=True),
        "ALA-LC (Library of Congress): Harutʻyunyan, Erevan",
    ),
    ("hy", "armn", "cyrl", "press"): _Spec(
        _Pivot(("hy", "armn", "latn", "press"), ("en", "latn", "cyrl", "press")),
        "Russian usage for Armenian names (via the press romanization): Ованнисян",
        default=True,
    ),
    ("hy", "latn", "armn", "press"): _Spec(
        _EN_ARMN, "press romanization back to Armenian script", default=True
    ),
    ("hy", "latn", "armn", "iso"): _Spec(
        _Rules("hy_latn_iso.txt", reverse=True), "ISO 9985 romanization back to Armenian script"
    ),
    ("en", "latn", "armn", "press"): _Spec(
        _EN_ARMN,
        "English press spelling to Armenian: Hovhannisyan -> Հովհաննիսյան",
        default=True,
    ),
    ("en", "latn", "cyrl", "press"): _Spec(
        _EN_CYRL,
        "English press spelling to Russian usage: Hovhannisyan -> Ованнисян",
        default=True,
    ),
    ("ru", "cyrl", "latn", "bgn"): _Spec(
        _Rules(builtin="Russian-Latin/BGN", cased=True),
        "BGN/PCGN 1947 (ICU Russian-Latin/BGN): Khrushchëv",
        default=True,
    ),
    ("ru", "cyrl", "latn", "iso"): _Spec(
        _Rules("ru_latn_iso.txt", cased=True), "ISO 9:1995 / GOST 7.79 system A: Hruŝëv"
    ),
    ("ru", "latn", "cyrl", "bgn"): _Spec(
        _Rules(builtin="Latin-Russian/BGN", cased=True),
        "BGN/PCGN romanization back to Cyrillic",
        default=True,
    ),
    ("ru", "latn", "cyrl", "iso"): _Spec(
        _Rules("ru_latn_iso.txt", reverse=True, cased=True),
        "ISO 9 romanization back to Cyrillic (exact inverse)",
    ),
    ("az", "cyrl", "latn", "bgn"): _Spec(
        _Rules("az_cyrl_latn.txt", cased=True),
        "Azerbaijani Cyrillic to the 1991 Latin alphabet (BGN/PCGN): Азәрбајҹан -> Azərbaycan",
        default=True,
    ),
    ("az", "latn", "cyrl", "bgn"): _Spec(
        _Rules("az_cyrl_latn.txt", reverse=True, cased=True),
        "Azerbaijani Latin to Cyrillic (inverse of the 1991 correspondence)",
        default=True,
    ),
    ("az", "latn", "latn", "press"): _Spec(
        _az_press("az_latn_press.txt", "en"),
        "English press spelling of Azerbaijani names: Şuşa -> Shusha, Gəncə -> Ganja",
    ),
    ("az", "latn", "cyrl", "press"): _Spec(
        _az_press("az_cyrl_press.txt", "ru"),
        "Russian press usage for Azerbaijani names: Gəncə -> Гянджа, Əliyev -> Алиев",
    ),
    ("az", "latn", "armn", "press"): _Spec(
        _az_press("az_armn_press.txt", "hy"),
        "Azerbaijani Latin to Armenian script, letter by letter: Şuşa -> Շուշա",
        default=True,
    ),
}


def list_schemes() -> list[SchemeInfo]:
    """Describe every available (language, source script, target, scheme)."""
    infos = [
        SchemeInfo(lang, source, to, scheme, spec.default, spec.description)
        for (lang, source, to, scheme), spec in _SPECS.items()
    ]
    infos += [
        SchemeInfo(lang, source, "ascii", scheme, spec.default, f"{scheme}, folded to ASCII")
        for (lang, source, to, scheme), spec in _SPECS.items()
        if to == "latn"
    ]
    infos += [
        SchemeInfo(lang, "latn", "ascii", None, True, "Latin text folded to ASCII (unidecode)")
        for lang in ("en", "az")
    ]
    order = {name: i for i, name in enumerate(LANGS + TARGETS)}
    return sorted(infos, key=lambda i: (order[i.lang], order[i.to], not i.default, i.source))


@functools.cache
def find(lang: str, source: str, to: str, scheme: str | None) -> Key | None:
    """The key of the transform for a run, or None when there is none."""
    if scheme is not None:
        key = (lang, source, to, scheme)
        return key if key in _SPECS else None
    for key, spec in _SPECS.items():
        if key[:3] == (lang, source, to) and spec.default:
            return key
    return None


def check(to: str, lang: str | None, scheme: str | None) -> None:
    """Raise TranslitError, listing the valid options, unless the request can be served."""
    if to not in TARGETS:
        raise TranslitError(f"unknown target {to!r}; valid targets: {', '.join(TARGETS)}")
    if lang is not None and lang not in LANGS:
        raise TranslitError(f"unknown source language {lang!r}; valid: {', '.join(LANGS)}")
    if scheme is not None and scheme not in SCHEMES:
        raise TranslitError(f"unknown scheme {scheme!r}; valid schemes: {', '.join(SCHEMES)}")
    target = "latn" if to == "ascii" else to
    keys = [k for k in _SPECS if k[2] == target and lang in (None, k[0])]
    if not keys and to != "ascii":
        targets = sorted({k[2] for k in _SPECS if k[0] == lang} | {"ascii"}, key=TARGETS.index)
        raise TranslitError(
            f"no transliteration from {lang} to {to}; from {lang} valid targets: "
            + ", ".join(targets)
        )
    valid = sorted({k[3] for k in keys}, key=SCHEMES.index)
    if scheme is not None and scheme not in valid:
        where = f"from {lang} to {to}" if lang else f"to {to}"
        options = ", ".join(valid) if valid else "none (leave the scheme out)"
        raise TranslitError(f"scheme {scheme!r} is not available {where}; valid: {options}")


def schemes_for(lang: str, source: str, to: str) -> list[str]:
    """The schemes from ``lang`` text in ``source`` script to ``to`` (a script code)."""
    return sorted({k[3] for k in _SPECS if k[:3] == (lang, source, to)}, key=SCHEMES.index)


def convert(key: Key, text: str, *, exceptions: bool = True) -> str:
    """Run the transform ``key`` over one run of text; ``exceptions=False`` uses rules only."""
    return _compiled(key, exceptions)(text)


@functools.cache
def _compiled(key: Key, exceptions: bool = True) -> Callable[[str], str]:
    recipe = _SPECS[key].recipe
    if isinstance(recipe, _Pivot):
        first, second = _compiled(recipe.first, exceptions), _compiled(recipe.second, exceptions)
        return lambda text: second(first(text))
    transliterator = _icu_transform("/".join(key), recipe, exceptions)
    if recipe.cased:
        return lambda text: transliterator.transliterate(unicodedata.normalize("NFC", text))

    def lowered(text: str) -> str:
        source = text.replace("I", "ı").replace("İ", "i") if recipe.turkic else text
        lower = unicodedata.normalize("NFC", source.lower())  # J̌ lowers to j + caron: compose
        return restore_case(text, transliterator.transliterate(lower))

    return lowered


def _rule_file(name: str) -> str:
    return resources.files(__package__).joinpath("rules", name).read_text("utf-8")


def _icu_transform(name: str, recipe: _Rules, exceptions: bool):  # -> icu.Transliterator
    import icu

    if recipe.reverse:
        return icu.Transliterator.createFromRules(
            f"onoma-{name}-reverse", _rule_file(recipe.file), icu.UTransDirection.REVERSE
        )
    passes = []
    main = _rule_file(recipe.file) if recipe.file else f":: {recipe.builtin} ;"
    names = recipe.exceptions if exceptions else None
    if names and (rules := exception_rules(names.column, names.table, reverse=names.reverse)):
        if names.inline:
            main = rules + "\n" + main
        else:
            passes.append(rules)
    if recipe.armenian_marks:
        passes.append(_rule_file("hy_marks_pre.txt"))
    passes.append(main)
    if recipe.armenian_marks:
        passes.append(_rule_file("hy_marks_post.txt"))
    if len(passes) == 1 and recipe.builtin:
        return icu.Transliterator.createInstance(recipe.builtin)
    rules = "\n:: Null ;\n".join(passes)
    return icu.Transliterator.createFromRules(f"onoma-{name}", rules, icu.UTransDirection.FORWARD)


def fold_ascii(text: str) -> str:
    """Fold Latin (and anything else unidecode knows) to ASCII; unknown characters stay."""
    from unidecode import unidecode

    return unidecode(_ascii_transliterator().transliterate(text), errors="preserve")


@functools.cache
def _ascii_transliterator():  # -> icu.Transliterator
    import icu

    return icu.Transliterator.createFromRules(
        "onoma-latn-ascii", _rule_file("latn_ascii.txt"), icu.UTransDirection.FORWARD
    )
