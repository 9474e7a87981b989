"""Normalize and translate many files at once: worker processes on one machine, or a
Dask cluster.

Each worker builds its glossary, normalizer and translation models once (cached per
process, keyed by the options) and then handles whole files, so the result of a file
never depends on where it ran: reports come back in input order, identical to a run
in one process. Dask is imported only by the functions that use it.
"""

from __future__ import annotations

from onoma.parallel.bags import normalize_bag, translate_bag
from onoma.parallel.pool import usable_cores
from onoma.parallel.work import NormalizeSpec, TranslateSpec

__all__ = ["NormalizeSpec", "TranslateSpec", "normalize_bag", "translate_bag", "usable_cores"]
