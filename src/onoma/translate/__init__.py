"""Offline translation of articles with Argos Translate packages, names kept intact.

The pieces: :mod:`.segment` (layout and sentences), :mod:`.entities` (placeholders,
checks, the segmented fallback), :mod:`.engine` (CTranslate2 and SentencePiece,
models cached per process) and :mod:`.api` (:class:`~onoma.translate.api.Translator`
and :func:`~onoma.translate.api.translate_text`). Nothing heavy is imported here.

The package is callable: ``onoma.translate(text, to="hy")`` is
:func:`~onoma.translate.api.translate_text`, whether ``onoma.translate`` resolves
to this package (once a submodule was imported) or to the function itself.
"""

from __future__ import annotations

import sys
import types
from typing import Any


class _CallableModule(types.ModuleType):
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from onoma.translate.api import translate_text

        return translate_text(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        if name in ("Translator", "TranslationResult", "EntityReport", "translate_text"):
            from onoma.translate import api

            return getattr(api, name)
        raise AttributeError(f"module {self.__name__!r} has no attribute {name!r}")


sys.modules[__name__].__class__ = _CallableModule
