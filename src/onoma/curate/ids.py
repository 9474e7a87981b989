"""Entry ids made from names: ``"Karmir Shuka"`` → ``karmir-shuka``."""

from __future__ import annotations

import re
from collections.abc import Collection

_NOT_ID = re.compile(r"[^a-z0-9]+")
ID_SHAPE = re.compile(r"^[\w.-]+\Z")
"""What an id may be: one word of letters, digits, ``-``, ``_`` and ``.`` (commands take
it as one argument; ``slug`` makes ids of lower-case letters, digits and ``-``)."""


def is_valid_id(entry_id: str) -> bool:
    """Whether ``entry_id`` has the shape of :data:`ID_SHAPE` (no spaces, no punctuation)."""
    return bool(ID_SHAPE.match(entry_id))


def id_like(text: str) -> str:
    """``text`` with each run of characters an id cannot hold made one ``-``."""
    return re.sub(r"[^\w.-]+", "-", text).strip("-")


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
