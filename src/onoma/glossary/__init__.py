"""Glossaries: curated names per language and the spellings met in text."""

from onoma.glossary.load import builtin_glossary_dir, load_file, load_glossaries
from onoma.glossary.model import ENTRY_TYPES, Entry, Glossary, Origin

__all__ = [
    "ENTRY_TYPES",
    "Entry",
    "Glossary",
    "Origin",
    "builtin_glossary_dir",
    "load_file",
    "load_glossaries",
]
