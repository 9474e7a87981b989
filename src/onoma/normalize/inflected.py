"""The case forms of every glossary form, for normalizing inflected names.

In Russian, Armenian and Azerbaijani most occurrences of a name carry a case ending. Each
case form of a variant (and of the curated name) becomes a pattern whose replacement is
the curated name in the same case: Ованесяна → Ованнисяна, Շուշայում → Շուշիում,
Stepanakertdə → Xankəndidə. Precision first: a case form that would stand for two
different replacements (two entries, or two genders with different forms) is left out and
reported as ambiguous; a case form that is itself a glossary form stays the glossary's.
Derived words and other names are never case forms, so they are never touched.
"""

from __future__ import annotations

from collections.abc import Iterable

from onoma.glossary.model import Entry
from onoma.lang.case import fold_case
from onoma.lang.inflect import LANGS, InflectError, declension

Inflected = tuple[Entry, str, str, str]
"""``(entry, case form in the text, replacement, cases)``; cases joined by '/'."""


def _genders(entry: Entry, lang: str) -> tuple[str | None, ...]:
    if lang == "ru" and entry.type == "person" and entry.gender is None:
        return ("m", "f")
    return (entry.gender,)


def inflected_forms(entries: Iterable[Entry], lang: str) -> tuple[list[Inflected], list[Inflected]]:
    """The unambiguous case forms of ``entries`` in ``lang``, and the ambiguous ones
    (their replacement is the form itself, their cases the reason); nothing for a
    language onoma does not decline."""
    if lang not in LANGS:
        return [], []
    found: dict[str, dict[str, tuple[Entry, str, list[str]]]] = {}
    plain: set[str] = set()
    for entry in entries:
        canonical = entry.names.get(lang)
        if canonical is None:
            continue
        forms = entry.forms(lang)
        plain.update(fold_case(f) for f in forms)
        for gender in _genders(entry, lang):
            try:
                target = declension(canonical, lang, entry.type, gender, entry)
            except InflectError:
                continue
            for form in forms:
                table = declension(form, lang, entry.type, gender)
                for key, text in table.items():
                    if key == "nom" or text == form or target.get(key, text) == text:
                        continue  # indeclinable, no such case, or the name's own form
                    slot = found.setdefault(fold_case(text), {})
                    owner = slot.setdefault(target[key], (entry, text, []))
                    if key.partition(".")[0] not in owner[2]:
                        owner[2].append(key.partition(".")[0])
    kept: list[Inflected] = []
    ambiguous: list[Inflected] = []
    for key, targets in found.items():
        if key in plain:
            continue
        if len(targets) > 1:
            ids = sorted({entry.id for entry, _, _ in targets.values()})
            reason = "two readings: " + " or ".join(sorted(targets)) + f" ({', '.join(ids)})"
            first, text, _ = next(iter(targets.values()))
            ambiguous.append((first, text, text, reason))
            continue
        ((replacement, (entry, text, cases)),) = targets.items()
        kept.append((entry, text, replacement, "/".join(cases)))
    return kept, ambiguous
