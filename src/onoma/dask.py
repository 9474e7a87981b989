"""``onoma.dask``: normalize and translate ``dask.bag`` collections of texts.

Importing this module does not import Dask; the bags passed in bring it.
"""

from __future__ import annotations

from onoma.parallel.bags import normalize_bag, translate_bag

__all__ = ["normalize_bag", "translate_bag"]
