"""Translate documents offline, every glossary name kept in its target-language form.

The steps for one document: split it into layout and prose runs
(:mod:`.segment`); normalize each run's name spellings with the glossary, outside
inline code, URLs and e-mail addresses; split runs into sentences; replace names by
placeholders (:mod:`.entities`); translate every sentence of the document in one
batch (:mod:`.engine`); put the target forms back and check each sentence;
translate the sentences that fail the check again piece by piece (one more batch)
so that their names survive by construction; and put the layout back together.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any

from onoma.errors import OnomaError, require_str
from onoma.glossary.model import Glossary
from onoma.translation.engine import DEFAULT_BEAM_SIZE, load_model, resolve_route, translate_route
from onoma.translation.entities import Check, EntityMapper, Prepared, verbatim_spans
from onoma.translation.segment import has_letters, parse_layout
from onoma.translation.sentences import split_sentences


@dataclass(frozen=True)
class FallbackSentence:
    """A sentence whose whole translation lost a name, and why."""

    line: int
    text: str
    reason: str


@dataclass
class EntityReport:
    """What happened to the names of one document.

    ``entities``: name occurrences found in the source; ``preserved``: those present
    in the output in their target form; ``fallback``: sentences translated piece by
    piece; ``normalized``: spellings fixed before translating; ``no_target_form``:
    entries the glossary has no name for in the target language (id → form used);
    ``cases``: in Russian, Armenian and Azerbaijani, how many names were written in each
    oblique case, and how many kept the base form and why (``"base: no ending"``…).
    """

    sentences: int = 0
    entities: int = 0
    preserved: int = 0
    normalized: int = 0
    fallback: list[FallbackSentence] = field(default_factory=list)
    by_entity: dict[str, int] = field(default_factory=dict)
    no_target_form: dict[str, str] = field(default_factory=dict)
    cases: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """Whether every name found came out in its target form."""
        return self.preserved == self.entities

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        data = asdict(self)
        data["ok"] = self.ok
        return data


@dataclass
class TranslationResult:
    """A translated document: ``text``, the name ``report``, and how it was made."""

    text: str
    report: EntityReport
    source: str
    target: str
    route: list[str]
    seconds: float

    def __str__(self) -> str:
        return self.text


@dataclass
class _Unit:
    """One sentence on its way through the model."""

    prepared: Prepared
    line: int
    output: str = ""
    check: Check | None = None
    cases: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def _builtin_glossary() -> Glossary:
    from onoma.glossary import load_glossaries

    return load_glossaries()


class Translator:
    """Translates documents from ``source`` into ``to``; build once, reuse for many.

    The packages are found and loaded when the translator is built, so a missing
    model (:class:`~onoma.translation.engine.MissingModelError`) is reported before
    any document is read. ``normalize=False`` translates the text as written: only
    names spelled as the glossary's curated form are then protected.
    """

    def __init__(
        self,
        to: str = "hy",
        *,
        source: str = "en",
        glossary: Glossary | None = None,
        normalize: bool = True,
        beam_size: int = DEFAULT_BEAM_SIZE,
        max_decoding_length: int | None = None,
        protect: Sequence[str] = (),
    ) -> None:
        if beam_size < 1:
            raise OnomaError(f"beam size must be at least 1, not {beam_size}")
        self.source = source
        self.target = to
        self.beam_size = beam_size
        self.max_decoding_length = max_decoding_length
        self.packages = resolve_route(source, to)
        self.models = [load_model(p) for p in self.packages]
        self.route = [source, *(p.to_code for p in self.packages)]
        glossary = _builtin_glossary() if glossary is None else glossary
        glossary = with_protected_names(glossary, protect, source)
        self.normalizer = None
        if normalize:
            from onoma.normalize.core import Normalizer

            self.normalizer = Normalizer(glossary, source, suggest=False)
        self.mapper = EntityMapper(glossary, source, to, names_only=not normalize)

    def _translate(self, texts: list[str]) -> list[str]:
        return translate_route(
            self.models,
            texts,
            beam_size=self.beam_size,
            max_decoding_length=self.max_decoding_length,
        )

    def translate(self, text: str, *, markdown: bool = True) -> TranslationResult:
        """Translate one document, layout kept; ``markdown=False`` for plain text, where
        an indented paragraph is prose rather than a code block."""
        require_str(text)
        started = time.perf_counter()
        layout = parse_layout(text, markdown=markdown)
        report = EntityReport()
        runs: list[list[str | _Unit]] = []
        wrapped: list[bool] = []
        units: list[_Unit] = []
        for run in layout.runs:
            content = run.text
            if self.normalizer is not None:
                normalized = self.normalizer.normalize(content, verbatim_spans(content))
                report.normalized += len(normalized.edits)
                content = normalized.text
            parts: list[str | _Unit] = []
            cursor = 0
            spans = split_sentences(content, self.source)
            wrapped.append(any("\n" in content[start:end] for start, end in spans))
            for start, end in spans:
                parts.append(content[cursor:start])
                sentence = content[start:end]
                cursor = end
                if not has_letters(sentence):
                    parts.append(sentence)
                    continue
                line = run.line + content.count("\n", 0, start)
                unit = _Unit(self.mapper.prepare(sentence.replace("\n", " ")), line)
                parts.append(unit)
                units.append(unit)
            parts.append(content[cursor:])
            runs.append(parts)

        self._translate_units(units, report)
        translations = ["".join(p if isinstance(p, str) else p.output for p in r) for r in runs]
        keep = {slot.target for unit in units for slot in unit.prepared.slots}
        missing = self.mapper.missing
        report.no_target_form = {i: missing[i] for i in report.by_entity if i in missing}
        return TranslationResult(
            layout.render(translations, keep, wrapped),
            report,
            self.source,
            self.target,
            list(self.route),
            time.perf_counter() - started,
        )

    def _translate_units(self, units: list[_Unit], report: EntityReport) -> None:
        todo = [u for u in units if has_letters(u.prepared.masked)]
        for unit in units:
            unit.output = unit.prepared.masked
        for unit, raw in zip(todo, self._translate([u.prepared.masked for u in todo]), strict=True):
            unit.output = raw
        failed: list[_Unit] = []
        for unit in units:
            restored = self.mapper.restore(unit.prepared, unit.output, unit.cases)
            unit.check = self.mapper.check(unit.prepared, restored)
            if restored is not None:
                unit.output = restored
            if not unit.check.ok:
                failed.append(unit)
        if failed:
            self._fallback(failed, report)
        counts: Counter[str] = Counter()
        cases: Counter[str] = Counter()
        for unit in units:
            cases.update(unit.cases)
            report.sentences += 1
            report.entities += unit.prepared.entity_count
            report.preserved += unit.check.preserved if unit.check else 0
            counts.update(i for slot in unit.prepared.slots for i in slot.ids)
        report.by_entity = dict(sorted(counts.items()))
        if self.mapper.lang in ("ru", "hy", "az"):
            report.cases = dict(sorted(cases.items()))

    def _fallback(self, failed: list[_Unit], report: EntityReport) -> None:
        """Translate failed sentences between their names and join with target forms."""
        pieces = [self.mapper.pieces(unit.prepared) for unit in failed]
        wanted = [p.strip() for group in pieces for p in group if has_letters(p)]
        done = iter(self._translate(wanted))
        for unit, group in zip(failed, pieces, strict=True):
            assert unit.check is not None
            report.fallback.append(
                FallbackSentence(unit.line, unit.prepared.source, unit.check.reason)
            )
            translated = []
            for piece in group:
                if has_letters(piece):
                    lead = piece[: len(piece) - len(piece.lstrip())]
                    trail = piece[len(piece.rstrip()) :]
                    piece = lead + next(done) + trail
                translated.append(piece)
            unit.cases = ["base: sentence translated piece by piece"] * unit.prepared.entity_count
            unit.output = self.mapper.join(unit.prepared, translated)
            unit.check = self.mapper.check(unit.prepared, unit.output)


def translate_text(
    text: str,
    to: str = "hy",
    *,
    source: str = "en",
    glossary: Glossary | None = None,
    normalize: bool = True,
    beam_size: int = DEFAULT_BEAM_SIZE,
    protect: Sequence[str] = (),
) -> TranslationResult:
    """Translate ``text`` from ``source`` into ``to`` with the installed packages.

    Every glossary name comes out in its form for ``to`` (the built-in glossaries
    by default); ``result.report`` says how many were found and kept. Names in
    ``protect`` that no glossary lists are kept too, transliterated into the target
    script.
    """
    translator = Translator(
        to,
        source=source,
        glossary=glossary,
        normalize=normalize,
        beam_size=beam_size,
        protect=protect,
    )
    return translator.translate(text)


def with_protected_names(glossary: Glossary, names: Sequence[str], source: str) -> Glossary:
    """``glossary`` plus an entry for each name in ``names`` that it does not list.

    Such an entry has only its ``source`` form, so translation keeps the name and
    writes it in the target script by transliteration (:mod:`onoma.translit`).
    """
    from onoma.glossary.model import Entry
    from onoma.lang.case import fold_case

    known = {fold_case(form) for entry in glossary for _, form, _ in entry.all_forms()}
    extra = []
    for name in dict.fromkeys(" ".join(n.split()) for n in names if n.strip()):
        if fold_case(name) not in known:
            extra.append(Entry(f"protected:{name}", "other", {source: name}))
    return Glossary([*glossary, *extra]) if extra else glossary
