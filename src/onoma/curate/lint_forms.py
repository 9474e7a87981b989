"""Checks of what one form is made of: forms that can never match a name (no letter,
invisible or bidirectional control characters) and variants that are ordinary words,
which would rewrite ordinary text.

Each finding is ``(field, severity, code, message)``; :mod:`onoma.curate.lint` turns
them into its problems.
"""

from __future__ import annotations

import unicodedata

from onoma.glossary.model import Entry
from onoma.lang.common_words import is_common_word
from onoma.lang.scripts import script_of

Finding = tuple[str, str, str, str]

BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
"""Marks and embeddings that reorder text on screen (the "Trojan Source" characters)."""

JOINERS = frozenset("\u200c\u200d")
"""Zero-width non-joiner and joiner: part of correct spelling in Arabic-script languages
(Persian "می‌خواهم") and Indic scripts, an invisible mistake in Latin, Cyrillic and
Armenian names. They are accepted between two letters of such a script."""

_JOINING_SCRIPTS = frozenset({"Arabic", "Other"})  # "Other": Indic and other scripts


def form_findings(entry: Entry) -> list[Finding]:
    """Every finding on the names, variants and case forms of ``entry``."""
    findings: list[Finding] = []
    for lang, text, field in entry.all_forms():
        findings += _made_of(entry, field, text)
        if field.startswith("variants") and is_common_word(text, lang):
            findings.append(
                (
                    field,
                    "warning",
                    "common-word",
                    f"entry {entry.id!r}: variant {text!r} is an ordinary {lang} word; "
                    f"every {text.lower()!r} in a text would be rewritten as "
                    f"{entry.names.get(lang, '?')!r}",
                )
            )
    for lang, by_case in entry.case_forms.items():
        for case, text in by_case.items():
            findings += _made_of(entry, f"forms.{lang}.{case}", text)
    return findings


def _made_of(entry: Entry, field: str, text: str) -> list[Finding]:
    findings: list[Finding] = []
    if not any(c.isalpha() for c in text):
        findings.append(
            (
                field,
                "error",
                "no-letter",
                f"entry {entry.id!r}: {field} {text!r} has no letter; it cannot be a name",
            )
        )
    hidden = [
        (i, c)
        for i, c in enumerate(text)
        if (c in BIDI_CONTROLS or unicodedata.category(c) == "Cf") and not _joins(text, i)
    ]
    if hidden:
        shown = ", ".join(
            f"U+{ord(c):04X} {unicodedata.name(c, 'control')} at character {i + 1}"
            for i, c in hidden
        )
        kind = "bidi-control" if any(c in BIDI_CONTROLS for _, c in hidden) else "invisible"
        findings.append(
            (
                field,
                "error",
                kind,
                f"entry {entry.id!r}: {field} {text!r} holds invisible characters ({shown}); "
                "no text typed by a reader matches it",
            )
        )
    return findings


def _joins(text: str, i: int) -> bool:
    """Whether the joiner at ``i`` stands between two letters of a script that uses it."""
    if text[i] not in JOINERS or i == 0 or i == len(text) - 1:
        return False
    return {script_of(text[i - 1]), script_of(text[i + 1])} <= _JOINING_SCRIPTS
