"""Write ``src/onoma/lang/stopwords/<lang>.txt`` from spaCy's stop-word lists (MIT).

``onoma glossary lint`` warns about a variant that is an ordinary word of its language
(``The`` as a variant of Theodor rewrites every "the"). spaCy's lists are maintained per
language, include Armenian and Azerbaijani, and are MIT-licensed, so they are copied
here with their attribution instead of making spaCy a dependency.

Run: ``pip install spacy && python scripts/build_stopwords.py``
"""

from __future__ import annotations

import importlib
from pathlib import Path

import spacy

LANGS = ("en", "ru", "hy", "az")
OUT = Path(__file__).resolve().parent.parent / "src" / "onoma" / "lang" / "stopwords"
HEADER = """\
# Stop words of {lang}, one per line, lower case.
# From spaCy {version}, spacy/lang/{lang}/stop_words.py
# (https://github.com/explosion/spaCy), MIT License,
# Copyright (C) 2016-2024 ExplosionAI GmbH, 2016 spaCy GmbH, 2015 Matthew Honnibal.
# Rebuilt by scripts/build_stopwords.py; words with an apostrophe or a space are left out.
"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for lang in LANGS:
        words = importlib.import_module(f"spacy.lang.{lang}.stop_words").STOP_WORDS
        kept = sorted({w.lower() for w in words if w.isalpha()})
        text = HEADER.format(lang=lang, version=spacy.__version__) + "\n".join(kept) + "\n"
        (OUT / f"{lang}.txt").write_text(text, encoding="utf-8")
        print(f"{lang}: {len(kept)} words")


if __name__ == "__main__":
    main()
