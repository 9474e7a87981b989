"""Find glossary entries by id or by any written form: ``onoma glossary show``.

A query matches an entry's id or any of its forms in any language, case-insensitively.
When nothing matches exactly, entries whose forms share the query's romanization key
(:func:`onoma.lang.keys.romanization_key`: "Hovanisyan" finds Hovhannisyan, "Арутюнян"
finds Harutyunyan) are offered as near hits, then forms whose keys score close.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from onoma.glossary.model import Entry, Glossary
from onoma.lang.case import fold_case
from onoma.lang.keys import romanization_key

NEAR_CUTOFF = 85.0
"""Lowest rapidfuzz ratio between romanization keys for a near hit."""


@dataclass(frozen=True)
class Hit:
    """An entry found for a query and why: ``"id"``, ``"names.en"``, ``"near: …"``."""

    entry: Entry
    reason: str
    exact: bool = True


def _fold(text: str) -> str:
    return fold_case(unicodedata.normalize("NFC", " ".join(text.split())))


def find_entries(glossary: Glossary, query: str, limit: int = 5) -> list[Hit]:
    """Entries matching ``query`` exactly; else near hits by romanization key."""
    wanted = _fold(query)
    hits = []
    for entry in glossary:
        if _fold(entry.id) == wanted:
            hits.append(Hit(entry, "id"))
            continue
        for _lang, text, field_path in entry.all_forms():
            if _fold(text) == wanted:
                hits.append(Hit(entry, field_path))
                break
    if hits or not wanted:
        return hits
    key = romanization_key(query)
    if not key:
        return []
    by_key: dict[str, list[tuple[Entry, str, str]]] = {}
    for entry in glossary:
        for lang, text, _field in entry.all_forms():
            by_key.setdefault(romanization_key(text), []).append((entry, lang, text))
    found = [(100.0, k) for k in by_key if k == key]
    if not found and len(key) >= 4:
        from rapidfuzz import fuzz, process

        found = [
            (score, k)
            for k, score, _ in process.extract(
                key, list(by_key), scorer=fuzz.ratio, score_cutoff=NEAR_CUTOFF, limit=limit
            )
        ]
    seen: set[int] = set()
    for score, k in sorted(found, key=lambda pair: -pair[0]):
        for entry, lang, text in by_key[k]:
            if id(entry) not in seen:
                seen.add(id(entry))
                how = "same romanization key" if score == 100.0 else f"key score {score:.0f}"
                hits.append(Hit(entry, f"near: {text!r} ({lang}), {how}", exact=False))
    return hits[:limit]


def entry_text(entry: Entry) -> str:
    """The entry as written in its file (comments included), else in canonical layout."""
    from onoma.errors import OnomaError
    from onoma.glossary.fmt import emit_entry

    if entry.origin is not None:
        try:
            from onoma.glossary.document import load_document

            doc = load_document(entry.origin.path)
        except OnomaError:
            doc = None
        if doc is not None:
            for block in doc.blocks:
                if block.entry.origin and block.entry.origin.line == entry.origin.line:
                    lines = doc.lines[block.start : block.end]
                    width = min((len(x) - len(x.lstrip()) for x in lines if x.strip()), default=0)
                    return "\n".join(x[width:] for x in lines)
    return "\n".join(emit_entry(entry))


def declension_text(entry: Entry) -> str:
    """The entry's names declined, one table a language (Russian, Armenian, Azerbaijani),
    as YAML comments under the entry: ``# ru: gen Шуши, dat Шуши, …``."""
    from onoma.lang.inflect import LANGS, declension

    lines = []
    for lang in LANGS:
        if lang not in entry.names:
            continue
        table = declension(entry.names[lang], lang, entry=entry)
        cells = ", ".join(f"{case} {form}" for case, form in table.items() if case != "nom")
        lines.append(f"# {lang} declension: {cells}")
    return "\n".join(lines)
