"""Normalization: the glossary matcher (``match``), the pure core that rewrites a text
(``core``), likely variants (``fuzzy``), and files with their diffs and reports
(``files``). Imports ``lang``, ``text`` and ``glossary`` below it, nothing above."""

from onoma.normalize.core import Normalizer, NormalizeResult, normalize_text

__all__ = ["NormalizeResult", "Normalizer", "normalize_text"]
