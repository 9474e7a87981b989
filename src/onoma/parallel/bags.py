"""The library form: normalize or translate a ``dask.bag`` of texts.

Each partition gets the worker's cached normalizer or translators (built once per
worker process from the options), so a bag of many small texts does not reload them.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from onoma.parallel.work import NormalizeSpec, TranslateSpec, normalizer_for, translators_for


def _normalize_partition(texts: Iterable[str], spec: NormalizeSpec) -> list[tuple[str, Any]]:
    normalizer = normalizer_for(spec)
    return [(r.text, r) for r in map(normalizer.normalize, texts)]


def _translate_partition(
    texts: Iterable[str], spec: TranslateSpec, markdown: bool
) -> list[tuple[str, Any]]:
    translator = translators_for(spec)[spec.targets[0]]
    results = (translator.translate(text, markdown=markdown) for text in texts)
    return [(r.text, r.report) for r in results]


def normalize_bag(
    bag: Any,
    *,
    glossary_paths: Iterable[Path | str] = (),
    builtin: bool = True,
    lang: str = "en",
    fuzzy: bool = False,
) -> Any:
    """A bag of ``(normalized text, NormalizeResult)`` for a bag of texts."""
    paths = tuple(str(Path(p).resolve()) for p in glossary_paths)
    spec = NormalizeSpec(paths, builtin, lang, fuzzy)
    return bag.map_partitions(_normalize_partition, spec)


def translate_bag(
    bag: Any,
    *,
    to: str,
    source: str = "en",
    glossary_paths: Iterable[Path | str] = (),
    builtin: bool = True,
    normalize: bool = True,
    beam_size: int = 4,
    markdown: bool = True,
) -> Any:
    """A bag of ``(translation, EntityReport)`` for a bag of texts in ``source``."""
    paths = tuple(str(Path(p).resolve()) for p in glossary_paths)
    spec = TranslateSpec((to,), source, paths, builtin, normalize, beam_size)
    return bag.map_partitions(_translate_partition, spec, markdown)
