"""The work of one file, as a worker runs it, and the state each worker builds once.

A spec is a small frozen (hashable, picklable) record of the options; a worker turns
it into a normalizer or translators the first time it sees it and keeps them for
every later file (:func:`normalizer_for`, :func:`translators_for`), whether the
worker is a local process or a Dask worker.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from onoma.errors import InputError
from onoma.normalize.files import NormalizeRun, Outcome, Source
from onoma.text.files import TextFile, write_atomic
from onoma.translation.translate_files import FileOutcome, TranslateRun, output_path

if TYPE_CHECKING:
    from onoma.glossary.model import Glossary
    from onoma.normalize.core import Normalizer
    from onoma.translation.api import Translator

_LOCK = threading.Lock()
"""Dask runs tasks in threads: one of them builds a worker's state, the others wait."""


@dataclass(frozen=True)
class NormalizeSpec:
    """What ``onoma normalize`` was asked: enough for a worker to do the same."""

    glossary_paths: tuple[str, ...] = ()
    builtin: bool = True
    lang: str = "en"
    fuzzy: bool = False
    in_place: bool = False
    want_diff: bool = False
    style: str | None = None


@dataclass(frozen=True)
class TranslateSpec:
    """What ``onoma translate`` was asked. ``intra_threads``: CTranslate2 threads per
    model in each worker (None: the default of :func:`onoma.translation.engine.threads`)."""

    targets: tuple[str, ...]
    source: str = "en"
    glossary_paths: tuple[str, ...] = ()
    builtin: bool = True
    normalize: bool = True
    beam_size: int = 4
    protect: tuple[str, ...] = ()
    out_dir: str | None = None
    intra_threads: int | None = None
    to_stdout: bool = field(default=False)
    style: str | None = None


def absolute(paths: list[Path] | None) -> tuple[str, ...]:
    """Glossary paths as absolute strings: a worker may run in another folder."""
    return tuple(os.path.abspath(p) for p in paths or [])


@lru_cache(maxsize=8)
def glossary_for(paths: tuple[str, ...], builtin: bool, style: str | None = None) -> Glossary:
    """The glossaries of a worker, loaded once per process."""
    from onoma.glossary import load_glossaries

    return load_glossaries(paths, builtin=builtin, style=style)


@lru_cache(maxsize=8)
def _normalizer(spec: NormalizeSpec) -> Normalizer:
    from onoma.normalize.compiled import cached_normalizer

    return cached_normalizer(
        spec.glossary_paths,
        builtin=spec.builtin,
        style=spec.style,
        lang=spec.lang,
        fuzzy=spec.fuzzy,
    )


def normalizer_for(spec: NormalizeSpec) -> Normalizer:
    """The normalizer of ``spec``, built once per process."""
    with _LOCK:
        return _normalizer(spec)


@lru_cache(maxsize=4)
def _translators(spec: TranslateSpec) -> dict[str, Translator]:
    from onoma.translation.api import Translator

    if spec.intra_threads is not None:
        os.environ["ONOMA_THREADS"] = str(spec.intra_threads)  # read when a model loads
    glossary = glossary_for(spec.glossary_paths, spec.builtin, spec.style)
    return {
        lang: Translator(
            lang,
            source=spec.source,
            glossary=glossary,
            normalize=spec.normalize,
            beam_size=spec.beam_size,
            protect=spec.protect,
        )
        for lang in spec.targets
    }


def translators_for(spec: TranslateSpec) -> dict[str, Translator]:
    """One translator per target of ``spec``, models loaded once per process."""
    with _LOCK:
        return _translators(spec)


def warm(spec: NormalizeSpec | TranslateSpec) -> None:
    """Build a worker's state before its first file (a process pool's initializer).
    Ctrl-C is left to the parent, which lets running files finish (no partial output)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if isinstance(spec, NormalizeSpec):
        normalizer_for(spec)
    else:
        translators_for(spec)


@dataclass(frozen=True)
class ReadSource(Source):
    """A source whose text was read by the client and sent along with it."""

    original: TextFile | None = None

    def read(self) -> TextFile:
        assert self.original is not None
        return self.original


def normalize_source(spec: NormalizeSpec, source: Source) -> Outcome:
    """Normalize one source as ``onoma normalize`` does; a :class:`ReadSource` is never
    written (the client that read it writes it, see :func:`finish_normalize`)."""
    in_place = spec.in_place and not isinstance(source, ReadSource)
    run = NormalizeRun(normalizer_for(spec), in_place=in_place, want_diff=spec.want_diff)
    return run.process(source)


def finish_normalize(spec: NormalizeSpec, source: ReadSource, outcome: Outcome) -> Outcome:
    """Write, on the client, what a worker normalized from a text it was sent."""
    original, result = source.original, outcome.result
    if spec.in_place and original is not None and result is not None and result.changed:
        try:
            write_atomic(source.path, result.text, bom=original.bom, stamp=original.stamp)
        except InputError as exc:
            outcome.error = str(exc)
    return outcome


def translate_source(spec: TranslateSpec, source: Source) -> FileOutcome:
    """Translate one source into every target as ``onoma translate`` does; with a
    :class:`ReadSource` the translations come back as text for the client to write."""
    keep_text = spec.to_stdout or isinstance(source, ReadSource)
    out_dir = Path(spec.out_dir) if spec.out_dir is not None else None
    run = TranslateRun(spec.source, translators_for(spec), out_dir=out_dir, to_stdout=keep_text)
    item, original = run.read(source)
    if original is not None:
        for lang in run.targets:
            run.translate(item, original, lang)
    return item


def finish_translate(spec: TranslateSpec, source: ReadSource, item: FileOutcome) -> FileOutcome:
    """Write, on the client, the translations a worker sent back as text."""
    from onoma.errors import OnomaError

    out_dir = Path(spec.out_dir) if spec.out_dir is not None else None
    bom = source.original.bom if source.original is not None else False
    for output in item.outputs:
        if output.error or output.text is None or spec.to_stdout:
            continue
        target = output_path(source.path, output.lang, out_dir)
        try:
            write_atomic(target, output.text, bom=bom)
        except OnomaError as exc:
            output.error = str(exc)
        else:
            output.output = str(target)
        output.text = None
    return item
