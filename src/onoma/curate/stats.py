"""Counts that show what a glossary covers: ``onoma glossary stats``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from onoma.glossary.fmt import sorted_langs
from onoma.glossary.model import CORE_LANGUAGES, ENTRY_TYPES, Glossary

REQUIRED_LANGUAGES = tuple(lang for lang in CORE_LANGUAGES if lang != "en")
"""Languages every entry should have a name in: the core languages but English.
Entries without a name in one of them are listed."""


def glossary_stats(
    glossary: Glossary, required: Sequence[str] = REQUIRED_LANGUAGES
) -> dict[str, Any]:
    """Entries per type, names and variants per language, and the gaps, as plain data."""
    types = dict.fromkeys(ENTRY_TYPES, 0)
    languages: dict[str, dict[str, int]] = {}
    for entry in glossary:
        types[entry.type] = types.get(entry.type, 0) + 1
        for lang in entry.names:
            languages.setdefault(lang, {"names": 0, "variants": 0})["names"] += 1
        for lang, forms in entry.variants.items():
            languages.setdefault(lang, {"names": 0, "variants": 0})["variants"] += len(forms)
    files = sorted({str(e.origin.path) for e in glossary if e.origin is not None})
    return {
        "entries": len(glossary),
        "files": files,
        "types": types,
        "languages": {lang: languages[lang] for lang in sorted_langs(languages)},
        "missing": {
            lang: sorted(e.id for e in glossary if lang not in e.names) for lang in required
        },
        "review": sorted(e.id for e in glossary if e.review),
    }


def render_stats(stats: dict[str, Any]) -> str:
    """The stats as readable text."""
    files = stats["files"]
    count = stats["entries"]
    lines = [
        f"{count} entr{'y' if count == 1 else 'ies'} in {len(files)} file{'s' * (len(files) != 1)}"
    ]
    lines.append("types:")
    lines.extend(f"  {name:<14}{count:>6}" for name, count in stats["types"].items())
    lines.append("languages:        names  variants")
    for lang, counts in stats["languages"].items():
        lines.append(f"  {lang:<14}{counts['names']:>6}{counts['variants']:>10}")
    for lang, ids in stats["missing"].items():
        lines.append(f"missing {lang} ({len(ids)}): {', '.join(ids) if ids else '-'}")
    review = stats["review"]
    lines.append(f"marked for review ({len(review)}): {', '.join(review) if review else '-'}")
    return "\n".join(lines)
