"""onoma: consistent names across languages.

The library API, importable without loading any heavy dependency::

    import onoma
    result = onoma.normalize_text("Artstrun Hovhanissyan visited Shusha.")
    result.text      # 'Artsrun Hovhannisyan visited Shushi.'
    onoma.transliterate("Hovhannisyan", to="armn", lang="en")
    onoma.translate(text, to="hy")
    onoma.inflect("Шуша", lang="ru", case="loc")   # 'Шуше'

Names are resolved on first use, so ``import onoma`` stays fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "normalize_text": "onoma.normalize.core",
    "Normalizer": "onoma.normalize.core",
    "load_glossaries": "onoma.glossary",
    "Glossary": "onoma.glossary",
    "Entry": "onoma.glossary",
    "transliterate": "onoma.translit",
    "translate": "onoma.translation.api",
    "inflect": "onoma.lang.inflect",
    "analyse": "onoma.lang.inflect",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name == "translate":
        return import_module("onoma.translation.api").translate_text
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'onoma' has no attribute {name!r}")
