"""The glossary data model: one entry per concept, with its forms per language."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ENTRY_TYPES = ("person", "place", "organization", "other")
"""The values allowed in an entry's ``type`` field."""

CORE_LANGUAGES = ("en", "hy", "ru", "az")
"""onoma's core languages, in the order glossaries write them."""

LANG_CODE = re.compile(
    r"^[a-z]{2,3}"  # language: en, hy, ast
    r"(?:[-_][A-Za-z]{4})?"  # script: Cyrl, Latn, Hant
    r"(?:[-_](?:[A-Za-z]{2}|[0-9]{3}))?"  # region: BR, RS, 419
    r"(?:[-_](?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"  # variants: 1996, rozaj
    r"\Z"
)
"""A language code as glossaries and translation packages write it: a BCP 47 tag
(``en``, ``hy``, ``az-Cyrl``, ``sr-Latn-RS``) or its underscore spelling (``pt_BR``).
Each subtag after the language must have the shape of a script, a region or a
variant, so ``xx_bad`` is refused."""


def missing_language_problem(languages: Iterable[str], lang: str) -> str | None:
    """Why ``lang`` cannot be normalized with glossaries whose entries have forms in
    ``languages`` (most likely a typo), or None when some entry has a form in it."""
    languages = set(languages)
    if lang in languages:
        return None
    known = ", ".join(sorted(languages)) or "none"
    return f"no glossary entry has a form in {lang!r} (languages: {known})"


def language_code_problem(value: object) -> str | None:
    """Why ``value`` is no language code (in the words every command uses), or None."""
    if isinstance(value, str) and LANG_CODE.match(value):
        return None
    hint = ""
    if isinstance(value, str) and LANG_CODE.match(value.lower()):
        hint = f" (did you mean {value.lower()!r}?)"
    return f"{value!r} is not a language code such as en, hy, ru or az{hint}"


@dataclass(frozen=True)
class Origin:
    """Where something was written: a glossary file and a 1-based line."""

    path: Path
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Entry:
    """One concept (a person, place, organization…) and its spellings.

    ``names`` holds the curated form per language; ``variants`` the spellings met in
    text that normalize to ``names[lang]``. ``lines`` maps a field path such as
    ``"names.hy"`` or ``"variants.en.1"`` to the line it was written on;
    ``string_variants`` the languages whose variants were written as one string rather
    than a list (``en: Shusha``), which lint reports. ``gender`` (m or f), ``indeclinable``
    (languages in which the name never declines) and ``case_forms`` (``{lang: {case:
    form}}``, written ``forms:``) say what the declension rules cannot guess.
    """

    id: str
    type: str
    names: dict[str, str]
    variants: dict[str, tuple[str, ...]] = field(default_factory=dict)
    case_sensitive: bool = False
    review: bool = False
    note: str | None = None
    origin: Origin | None = None
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    string_variants: tuple[str, ...] = field(default=(), compare=False, repr=False)
    gender: str | None = None
    indeclinable: tuple[str, ...] = ()
    case_forms: dict[str, dict[str, str]] = field(default_factory=dict)

    def forms(self, lang: str) -> list[str]:
        """The curated name and every variant in ``lang``, name first."""
        found = [self.names[lang]] if lang in self.names else []
        found.extend(self.variants.get(lang, ()))
        return found

    def all_forms(self) -> Iterator[tuple[str, str, str]]:
        """Every written form as ``(lang, text, field_path)``, names before variants."""
        for lang, text in self.names.items():
            yield lang, text, f"names.{lang}"
        for lang, texts in self.variants.items():
            for i, text in enumerate(texts):
                yield lang, text, f"variants.{lang}.{i}"

    def where(self, field_path: str | None = None) -> str:
        """``file:line`` of the entry, or of one of its fields when known."""
        if self.origin is None:
            return f"entry {self.id!r}"
        line = self.lines.get(field_path, self.origin.line) if field_path else self.origin.line
        return f"{self.origin.path}:{line}"


@dataclass
class Glossary:
    """The entries loaded from one or more glossary files, in load order."""

    entries: list[Entry] = field(default_factory=list)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, entry_id: str) -> Entry | None:
        """The entry with this id (the last one loaded when ids repeat)."""
        for entry in reversed(self.entries):
            if entry.id == entry_id:
                return entry
        return None

    def languages(self) -> list[str]:
        """Every language code that some entry has a name or variant in."""
        langs: set[str] = set()
        for entry in self.entries:
            langs.update(entry.names)
            langs.update(entry.variants)
        return sorted(langs)

    def names_in(self, lang: str) -> list[str]:
        """The curated name in ``lang`` of each entry that has one (no variants: a
        variant may be a misspelling)."""
        return [entry.names[lang] for entry in self.entries if lang in entry.names]

    def form_index(self) -> dict[tuple[str, str], tuple[Entry, str]]:
        """``(lang, case-folded form)`` → the first entry with that form and its field path."""
        from onoma.lang.case import fold_case

        index: dict[tuple[str, str], tuple[Entry, str]] = {}
        for entry in self.entries:
            for lang, text, field_path in entry.all_forms():
                index.setdefault((lang, fold_case(text)), (entry, field_path))
        return index

    @classmethod
    def combine(cls, layers: Iterable[Glossary]) -> Glossary:
        """Stack glossaries: an entry replaces any earlier layer's entry with its id."""
        merged: dict[str, list[Entry]] = {}
        for layer in layers:
            layer_ids = {entry.id for entry in layer.entries}
            for entry_id in layer_ids & merged.keys():
                del merged[entry_id]
            for entry in layer.entries:
                merged.setdefault(entry.id, []).append(entry)
        return cls([entry for group in merged.values() for entry in group])
