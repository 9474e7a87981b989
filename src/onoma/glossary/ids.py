"""Entry ids made from names: ``"Karmir Shuka"`` → ``karmir-shuka``."""

from __future__ import annotations

import re
from collections.abc import Collection

_NOT_ID = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """A lower-case ASCII id for ``text``, maybe ``""``: Armenian and Cyrillic romanized
    with :mod:`onoma.translit`, Latin letters folded (``Şəki`` → ``seki``)."""
    from onoma.translit import transliterate

    return _NOT_ID.sub("-", transliterate(text, to="ascii").lower()).strip("-")


def unique_id(text: str, taken: Collection[str], fallback: str = "entry") -> str:
    """``slug(text)``, with ``-2``, ``-3``… appended while the id is in ``taken``."""
    base = slug(text) or fallback
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate
