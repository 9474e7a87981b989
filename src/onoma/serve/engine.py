"""What the server computes with: the glossary, normalizers and translators.

Everything is built once, on first use, and shared by all requests: the glossary when the
server starts, a normalizer per (language, fuzzy) and a translator per language pair when
a request first needs it. A lock per translator keeps two requests from sharing one
translator's state at once (CTranslate2 itself uses every core for one batch).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from onoma.errors import OnomaError
from onoma.glossary.model import missing_language_problem
from onoma.serve.limits import ApiError

if TYPE_CHECKING:
    from onoma.glossary.model import Glossary
    from onoma.normalize.core import Normalizer
    from onoma.translation.api import Translator

PIVOT = "en"

LANGUAGE_NAMES = {
    "ar": "Arabic",
    "az": "Azerbaijani",
    "de": "German",
    "en": "English",
    "es": "Spanish",
    "fa": "Persian",
    "fr": "French",
    "hy": "Armenian",
    "it": "Italian",
    "ka": "Georgian",
    "ru": "Russian",
    "tr": "Turkish",
    "uk": "Ukrainian",
}


def language_name(code: str) -> str:
    """The English name of a language code, or the code itself."""
    return LANGUAGE_NAMES.get(code, code)


@dataclass
class GlossarySettings:
    """Which glossaries the server uses: ``onoma serve``'s --glossary, --no-builtin and
    --style."""

    paths: Sequence[Path] = ()
    builtin: bool = True
    style: str | None = None


@dataclass
class Engine:
    """The shared models and glossary of one server."""

    settings: GlossarySettings = field(default_factory=GlossarySettings)
    max_decoding_length: int | None = None
    """Most tokens the model writes per sentence (None: CTranslate2's default)."""
    _glossaries: dict[str | None, Glossary] = field(default_factory=dict)
    _normalizers: dict[tuple[str | None, str, bool], Normalizer] = field(default_factory=dict)
    _translators: dict[tuple[str | None, str, str], tuple[Translator, ThreadPoolExecutor]] = field(
        default_factory=dict
    )
    _languages: dict[str | None, frozenset[str]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def glossary(self) -> Glossary:
        """The server's glossary (its --style), loaded on first use."""
        return self.glossary_for(None)

    def glossary_for(self, style: str | None) -> Glossary:
        """The glossary with the naming style ``style`` (None: the server's --style),
        loaded on first use and kept (:class:`~onoma.errors.OnomaError` if bad)."""
        with self._lock:
            found = self._glossaries.get(style)
            if found is None:
                from onoma.glossary import load_glossaries

                s = self.settings
                chosen = style if style is not None else s.style
                found = load_glossaries(list(s.paths), builtin=s.builtin, style=chosen)
                self._glossaries[style] = found
            return found

    def check_forms(self, lang: str, style: str | None = None) -> None:
        """ApiError 400 when no entry of the glossary has a form in ``lang`` (most likely
        a typo), naming the languages it has, as ``onoma normalize --lang`` does."""
        glossary = self.glossary_for(style)
        with self._lock:
            languages = self._languages.get(style)
            if languages is None:
                languages = self._languages[style] = frozenset(glossary.languages())
        problem = missing_language_problem(languages, lang)
        if problem:
            raise ApiError(400, f"Invalid request: lang {lang}: {problem}")

    def normalizer(self, lang: str, fuzzy: bool, style: str | None = None) -> Normalizer:
        """The shared normalizer for ``lang`` (and a naming style); ApiError 400 for a
        language the glossary has no forms in."""
        self.check_forms(lang, style)
        glossary = self.glossary_for(style)
        with self._lock:
            found = self._normalizers.get((style, lang, fuzzy))
            if found is None:
                from onoma.normalize.core import Normalizer

                found = Normalizer(glossary, lang, fuzzy=fuzzy, suggest=True)
                self._normalizers[(style, lang, fuzzy)] = found
            return found

    def translator(
        self, source: str, target: str, style: str | None = None
    ) -> tuple[Translator, ThreadPoolExecutor]:
        """The shared translator for the pair (and a naming style), and the one thread
        that runs its translations.

        Raises :class:`~onoma.translation.engine.MissingModelError` for a missing model."""
        glossary = self.glossary_for(style)
        with self._lock:
            found = self._translators.get((style, source, target))
            if found is None:
                from onoma.translation.api import Translator

                translator = Translator(
                    target,
                    source=source,
                    glossary=glossary,
                    max_decoding_length=self.max_decoding_length,
                )
                found = (translator, ThreadPoolExecutor(1, thread_name_prefix="translate"))
                self._translators[(style, source, target)] = found
            return found

    def translate(
        self,
        texts: list[str],
        source: str,
        target: str,
        *,
        markdown: bool,
        style: str | None = None,
    ) -> list:
        """Each text translated (a :class:`~onoma.translation.api.TranslationResult`).

        Every translation of a pair runs on that pair's one thread: CTranslate2 called
        from many request threads in turn starts a new team of compute threads for each
        caller, and the idle teams' spinning takes the cores from the working one."""
        translator, runner = self.translator(source, target, style)
        return runner.submit(
            lambda: [translator.translate(text, markdown=markdown) for text in texts]
        ).result()

    def normalize(
        self, text: str, lang: str, fuzzy: bool, style: str | None = None
    ) -> dict[str, Any]:
        """``POST /normalize``'s answer: the text, its changes and the suggestions."""
        result = self.normalizer(lang, fuzzy, style).normalize(text)
        changes = [
            {
                "start": start,
                "end": start + len(old),
                "old": old,
                "new": new,
                "id": entry_id,
                "case": case,
            }
            for start, old, new, entry_id, case in result.edits
        ]
        suggestions = [s._asdict() for s in result.suggestions]
        return {"text": result.text, "changes": changes, "suggestions": suggestions}

    def search(self, query: str, limit: int = 10) -> list[dict[str, Any]]:
        """Glossary entries for ``query`` in any form or script, as ``onoma glossary
        show`` finds them."""
        from onoma.curate.show import find_entries

        return [
            {
                "id": hit.entry.id,
                "type": hit.entry.type,
                "names": dict(hit.entry.names),
                "variants": {k: list(v) for k, v in hit.entry.variants.items()},
                "reason": hit.reason,
                "exact": hit.exact,
            }
            for hit in find_entries(self.glossary, query, limit=limit)
        ]


def languages() -> list[dict[str, Any]]:
    """``GET /languages``: every installed source language with its targets, pivot pairs
    through English included."""
    from onoma.translation.packages import installed_packages

    direct: dict[str, set[str]] = {}
    for pkg in installed_packages():
        direct.setdefault(pkg.from_code, set()).add(pkg.to_code)
    targets: dict[str, set[str]] = {code: set(found) for code, found in direct.items()}
    for source, found in direct.items():
        if source != PIVOT and PIVOT in found:
            targets[source] |= direct.get(PIVOT, set()) - {source}
    codes = sorted(set(targets) | {t for found in targets.values() for t in found})
    return [
        {"code": code, "name": language_name(code), "targets": sorted(targets.get(code, ()))}
        for code in codes
    ]


def check_language(code: str, what: str) -> str:
    """``code`` if it looks like a language code, else an OnomaError naming ``what``."""
    from onoma.glossary.model import LANG_CODE

    if not isinstance(code, str) or not LANG_CODE.match(code):
        raise OnomaError(f"Invalid request: {what} {code!r} is not a language code")
    return code
