"""How names decline in Russian, Armenian and Azerbaijani: generate a name's case form and
analyse a word as a case form of a known name.

Russian uses pymorphy3 and its dictionary (see ``ru``); Armenian and Azerbaijani have no
maintained declension library (none on PyPI or in Debian), so their endings are rule
files, ``rules/hy.tsv`` and ``rules/az.tsv``, applied by ``rules``. Everything here is a
pure function; the caches are filled on first use and only read afterwards.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import NamedTuple, Protocol

from onoma.lang.inflect.rules import apply_rules, rule_set

LANGS = ("ru", "hy", "az")
"""The languages whose names onoma declines."""
TYPES = ("person", "place", "organization", "other")


class InflectError(ValueError):
    """A language or case onoma cannot decline in; the message names what it can."""


class Analysis(NamedTuple):
    """A word read as a case form of a known base form."""

    base: str
    case: str
    number: str
    definite: bool


class EntryLike(Protocol):
    """What ``inflect`` reads of a glossary entry (``onoma.glossary.Entry`` has it)."""

    type: str
    gender: str | None
    indeclinable: tuple[str, ...]
    case_forms: Mapping[str, Mapping[str, str]]


def cases(lang: str) -> tuple[str, ...]:
    """The cases of ``lang`` (Universal Dependencies names, lower-cased)."""
    if lang not in LANGS:
        raise InflectError(f"onoma declines names in {', '.join(LANGS)}, not {lang!r}")
    if lang == "ru":
        from onoma.lang.inflect.ru import CASES

        return CASES
    return tuple(c for c in rule_set(lang).cases if "." not in c)


def case_keys(lang: str) -> tuple[str, ...]:
    """The keys of :func:`declension`'s tables for ``lang``: its cases, and the Armenian
    definite forms ``nom.def`` and ``dat.def``."""
    known = cases(lang)
    if lang == "ru":
        return known
    return (*known, *(c for c in rule_set(lang).cases if "." in c))


def check_case(lang: str, case: str, *, definite: bool = False) -> None:
    """Raise ``InflectError`` naming the cases of ``lang`` if it has no ``case`` (with
    ``definite``, ``nom.def`` and the like count too)."""
    known = case_keys(lang) if definite else cases(lang)
    if case not in known:
        raise InflectError(f"{lang} has no case {case!r}; its cases: {' '.join(known)}")


def _last_word(form: str, lang: str, key: str, kind: str) -> str | None:
    """Armenian and Azerbaijani: only the last word of a name declines."""
    head, _, last = form.rpartition(" ")
    tags = {kind}
    if len(last) > 1 and last.isupper():
        tags.add("abbr")
    if head and kind != "person":
        tags.add("multi")
    found = apply_rules(last, lang, key, frozenset(tags))
    if found is None:
        return None
    return f"{head} {found}" if head else found


@lru_cache(maxsize=65536)
def _generate(form: str, lang: str, key: str, kind: str, gender: str | None) -> str | None:
    if lang == "ru":
        from onoma.lang.inflect.ru import inflect_ru

        return inflect_ru(form, key, kind, gender)
    return _last_word(form, lang, key, kind)


def inflect(
    form: str,
    lang: str,
    case: str,
    type: str | None = None,
    gender: str | None = None,
    entry: EntryLike | None = None,
    definite: bool = False,
) -> str:
    """``form``, a name in the nominative, in ``case`` (``definite``: with the Armenian
    article). ``entry`` gives the type, gender, explicit forms and indeclinable flag of a
    glossary name; ``type`` and ``gender`` override it. A case the name has no form in
    (an Armenian person's locative) raises ``InflectError``."""
    check_case(lang, case)
    if entry is not None:
        explicit = entry.case_forms.get(lang, {}).get(case + (".def" if definite else ""))
        if explicit:
            return explicit
        if lang in entry.indeclinable:
            return form
        type = type or entry.type
        gender = gender or entry.gender
    kind = type if type in TYPES else "other"
    if definite and lang != "hy":
        raise InflectError("only Armenian marks definiteness on names")
    if case == "nom" and not definite:
        return form
    key = case + (".def" if definite else "")
    if definite and key not in rule_set("hy").cases:
        raise InflectError(f"hy has no definite {case}; definite forms: nom dat")
    found = _generate(form, lang, key, kind, gender)
    if found is None:
        raise InflectError(f"{form!r} has no {case} form in {lang} as a {kind}")
    return found


def declension(
    form: str,
    lang: str,
    type: str | None = None,
    gender: str | None = None,
    entry: EntryLike | None = None,
) -> dict[str, str]:
    """Every case form of ``form`` in ``lang``: ``{case: form}``; a case the name has no
    form in is left out, Armenian definite forms are keyed ``nom.def`` and ``dat.def``."""
    table: dict[str, str] = {}
    for case in cases(lang):
        for definite in (False, True) if lang == "hy" and case in ("nom", "dat") else (False,):
            try:
                found = inflect(form, lang, case, type, gender, entry, definite)
            except InflectError:
                continue
            table[case + (".def" if definite else "")] = found
    return table


@lru_cache(maxsize=4096)
def _forms_of(base: str, lang: str, kind: str | None, gender: str | None) -> dict[str, list[str]]:
    """Lower-cased case form → the cases it is, for one base (both genders when a Russian
    person's gender is not known)."""
    found: dict[str, list[str]] = {}
    genders: tuple[str | None, ...] = (gender,)
    if lang == "ru" and kind in (None, "person") and gender is None:
        genders = ("m", "f")
    kinds: tuple[str, ...] = (kind,) if kind else ("person", "place")
    for each_kind in kinds:
        for each_gender in genders:
            for key, text in declension(base, lang, each_kind, each_gender).items():
                cases_of = found.setdefault(text.lower(), [])
                if key not in cases_of:
                    cases_of.append(key)
    return found


def analyse(
    word: str,
    lang: str,
    bases: Iterable[str],
    type: str | None = None,
    gender: str | None = None,
) -> list[Analysis]:
    """Every reading of ``word`` as a case form of one of ``bases`` (names in the
    nominative): ``(base, case, number, definite)``, in the order of ``bases``. An empty
    list when ``word`` is none of their forms: derived words (Шушинский, Şuşalı) and other
    names (Шушаник) are not case forms."""
    if lang not in LANGS:
        raise InflectError(f"onoma declines names in {', '.join(LANGS)}, not {lang!r}")
    lower = word.lower()
    readings: list[Analysis] = []
    for base in bases:
        for key in _forms_of(base, lang, type, gender).get(lower, ()):
            case, _, article = key.partition(".")
            reading = Analysis(base, case, "sing", bool(article))
            if reading not in readings:
                readings.append(reading)
    return readings
