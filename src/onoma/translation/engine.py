"""Run installed Argos packages directly with CTranslate2 and SentencePiece.

``argostranslate.translate`` is never imported: it pulls in stanza and torch and
may fetch sentence-splitting models online. A package folder is all that is
needed: ``model/`` (CTranslate2), ``sentencepiece.model`` (and, for OPUS-MT
imports, ``target.spm`` named in ``metadata.json`` to decode with), plus the
optional ``target_prefix`` and ``source_prefix_token`` metadata of multilingual
models. Each package is loaded once per process (:func:`load_model`), and every
call sends all its sentences to CTranslate2 in one ``translate_batch`` call.

A language pair without a package goes through English (``from → en → to``), as
Argos Translate does; :func:`resolve_route` finds the packages before any work
starts and raises :class:`MissingModelError` naming the command that installs them.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from onoma.errors import OnomaError

PIVOT = "en"
MAX_BATCH_TOKENS = 2048
"""``max_batch_size`` in tokens: CTranslate2 sorts sentences by length and batches them."""
LENGTH_PENALTY = 0.2
"""As Argos Translate uses it."""
DEFAULT_BEAM_SIZE = 4
"""As Argos Translate's default (``ARGOS_BEAM_SIZE``)."""
MAX_INPUT_PIECES = 200
"""Longest input sent to a model in one piece (models have 256 or more positions)."""
OPUS_MT_LANGUAGES = frozenset({"hy"})
"""Languages the Argos index has no package from or into: an OPUS-MT import provides them."""


class ModelError(OnomaError):
    """An installed package that cannot be loaded."""


class MissingModelError(OnomaError):
    """No installed package (nor pivot through English) for a language pair."""

    def __init__(self, source: str, target: str, missing: Sequence[tuple[str, str]]) -> None:
        self.source = source
        self.target = target
        self.missing = list(missing)
        hints = [(leg, install_hint(*leg)) for leg in self.missing]
        if len(self.missing) == 1 and self.missing[0] == (source, target):
            what = f"no translation model installed for {source} → {target}"
        else:
            legs = ", ".join(f"{a} → {b}" for a, b in self.missing)
            what = (
                f"no translation model installed for {source} → {target}, "
                f"nor for the route through English (missing {legs})"
            )
        commands = [hint for _leg, hint in hints if hint]
        if commands:
            what += f"; install with: {'; '.join(commands)}"
        unknown = [f"{a} → {b}" for (a, b), hint in hints if not hint]
        if unknown:
            from onoma.translation.catalog import snapshot

            what += (
                f"; onoma's copy of the Argos package index ({snapshot()[1]}) has no "
                f"{', '.join(unknown)} package (onoma models list shows the live index)"
            )
        super().__init__(what)


def install_hint(source: str, target: str) -> str | None:
    """The command that installs a package for ``source → target``; None when there is
    none to give: a code that is not a language code, or a pair that neither onoma's
    copy of the Argos index nor the OPUS-MT releases it knows have."""
    from onoma.glossary.model import LANG_CODE

    if not (LANG_CODE.match(source) and LANG_CODE.match(target)):
        return None
    if source in OPUS_MT_LANGUAGES or target in OPUS_MT_LANGUAGES:
        from onoma.translation.catalog import OPUS_MT_RELEASES

        url = OPUS_MT_RELEASES.get((source, target))
        if url is None:
            return (
                f"onoma models import-opus-mt RELEASE.zip --from {source} --to {target} "
                f"(an OPUS-MT {source}-{target} release)"
            )
        name = url.rsplit("/", 1)[-1]
        return f"onoma models import-opus-mt {name} --from {source} --to {target} (download {url})"
    from onoma.translation.catalog import snapshot

    if all((pkg.from_code, pkg.to_code) != (source, target) for pkg in snapshot()[0]):
        return None
    return f"onoma models install {source} {target}"


def resolve_route(source: str, target: str) -> list[Any]:
    """The packages that translate ``source`` into ``target``: one, two via English, or none.

    Returns :class:`~onoma.translation.packages.PackageInfo` objects; an empty list
    when the languages are the same. Raises :class:`MissingModelError`, and an
    :class:`~onoma.errors.OnomaError` for a code that is not a language code.
    """
    from onoma.glossary.model import language_code_problem
    from onoma.translation.packages import find_installed

    for code in (source, target):
        problem = language_code_problem(code)
        if problem:
            raise OnomaError(problem)
    if source == target:
        return []
    direct = find_installed(source, target)
    if direct is not None:
        return [direct]
    if PIVOT in (source, target):
        raise MissingModelError(source, target, [(source, target)])
    legs = [(source, PIVOT), (PIVOT, target)]
    found = [find_installed(a, b) for a, b in legs]
    missing = [leg for leg, pkg in zip(legs, found, strict=True) if pkg is None]
    if missing:
        raise MissingModelError(source, target, missing)
    return found


def threads() -> int:
    """Threads for one translator: ``ONOMA_THREADS``, else the number of CPUs, at most 16.
    A value that is not a positive number is an error (:class:`ModelError`)."""
    value = os.environ.get("ONOMA_THREADS", "").strip()
    if not value:
        return max(1, min(os.cpu_count() or 1, 16))
    if value.isdigit() and int(value) > 0:
        return int(value)
    raise ModelError(f"ONOMA_THREADS={value!r} is not a positive number of threads")


@dataclass
class Model:
    """One loaded package: its CTranslate2 translator and SentencePiece processors."""

    path: Path
    from_code: str
    to_code: str
    translator: Any
    source_sp: Any
    target_sp: Any
    target_prefix: str | None = None
    source_prefix: str | None = None

    def encode(self, texts: Sequence[str]) -> list[list[str]]:
        """SentencePiece pieces of each text (with the source prefix token, if any)."""
        pieces = self.source_sp.encode(list(texts), out_type=str)
        return [self._with_prefix(p) for p in pieces]

    def _with_prefix(self, pieces: list[str]) -> list[str]:
        return [self.source_prefix, *pieces] if self.source_prefix else pieces

    def decode(self, pieces: Sequence[str]) -> str:
        """Text from output pieces (target prefix dropped; unknown pieces kept)."""
        if self.target_prefix and pieces and pieces[0] == self.target_prefix:
            pieces = pieces[1:]
        text = self.target_sp.decode_pieces(list(pieces)).replace("▁", " ")
        return " ".join(text.split())

    def translate(
        self,
        texts: Sequence[str],
        *,
        beam_size: int = DEFAULT_BEAM_SIZE,
        max_decoding_length: int | None = None,
    ) -> list[str]:
        """Translate ``texts`` (sentences) in one ``translate_batch`` call.

        A sentence longer than :data:`MAX_INPUT_PIECES` goes in parts cut between
        words, joined again after translation: models have a fixed number of positions
        and CTranslate2 would otherwise fail on it, or cut it short."""
        if not texts:
            return []
        owners, glued, tokens = [], [], []
        limit = MAX_INPUT_PIECES - bool(self.source_prefix)
        for owner, pieces in enumerate(self.source_sp.encode(list(texts), out_type=str)):
            for number, part in enumerate(split_pieces(pieces, limit)):
                owners.append(owner)
                glued.append(number > 0 and not part[0].startswith("▁"))  # cut in a word
                tokens.append(self._with_prefix(part))  # each part gets the language token
        longest = max(len(t) for t in tokens)
        if max_decoding_length is None:
            # Room for targets that take three times the source's pieces, and no more:
            # a model that never ends a sentence stops there.
            max_decoding_length = min(1024, 3 * longest + 32)
        prefix = [[self.target_prefix]] * len(tokens) if self.target_prefix else None
        results = self.translator.translate_batch(
            tokens,
            target_prefix=prefix,
            max_batch_size=MAX_BATCH_TOKENS,
            batch_type="tokens",
            beam_size=beam_size,
            length_penalty=LENGTH_PENALTY,
            max_decoding_length=max_decoding_length,
            replace_unknowns=True,
        )
        out = [""] * len(texts)
        for owner, glue, result in zip(owners, glued, results, strict=True):
            part = self.decode(result.hypotheses[0])
            out[owner] += part if glue or not out[owner] or not part else " " + part
        return out


def split_pieces(pieces: list[str], limit: int) -> list[list[str]]:
    """``pieces`` in parts of at most ``limit``, each cut before a piece that starts a
    word (``▁``), or after ``limit`` pieces in a word that long."""
    parts = []
    while len(pieces) > limit:
        cut = next((i for i in range(limit, 0, -1) if pieces[i].startswith("▁")), limit)
        parts.append(pieces[:cut])
        pieces = pieces[cut:]
    parts.append(pieces)
    return parts


_models: dict[tuple[Path, str], Model] = {}
_lock = threading.Lock()


def load_model(package: Any) -> Model:
    """The :class:`Model` of an installed package, loaded once per process.

    ``package`` is a :class:`~onoma.translation.packages.PackageInfo` (its ``path`` and
    ``version`` are the cache key, so a reinstalled version is loaded afresh).
    """
    key = (Path(package.path).resolve(), str(package.version))
    with _lock:
        model = _models.get(key)
        if model is None:
            model = _models[key] = _load(Path(package.path))
        return model


def clear_models() -> None:
    """Forget every loaded model (tests; or to free memory)."""
    with _lock:
        _models.clear()


def _load(folder: Path) -> Model:
    from onoma.translation.packages import PackageError, check_package

    try:
        meta = check_package(folder)
    except PackageError as exc:
        raise ModelError(str(exc)) from None
    source_spm = folder / "sentencepiece.model"
    if not source_spm.is_file():
        raise ModelError(f"{folder}: no sentencepiece.model (BPE packages are not supported)")
    target_name = meta.get("target_sentencepiece_model")
    target_spm = folder / target_name if target_name is not None else source_spm
    import ctranslate2
    import sentencepiece

    try:
        translator = ctranslate2.Translator(
            str(folder / "model"),
            device="cpu",
            compute_type="default",
            inter_threads=1,
            intra_threads=threads(),
        )
    except (RuntimeError, ValueError, OSError) as exc:
        raise ModelError(f"{folder / 'model'}: cannot load the CTranslate2 model ({exc})") from None
    try:
        source_sp = sentencepiece.SentencePieceProcessor(model_file=str(source_spm))
        target_sp = (
            source_sp
            if target_spm == source_spm
            else sentencepiece.SentencePieceProcessor(model_file=str(target_spm))
        )
    except (RuntimeError, OSError) as exc:
        raise ModelError(f"{folder}: cannot load the SentencePiece model ({exc})") from None
    return Model(
        folder,
        meta["from_code"],
        meta["to_code"],
        translator,
        source_sp,
        target_sp,
        target_prefix=meta.get("target_prefix") or None,
        source_prefix=meta.get("source_prefix_token") or None,
    )


def translate_route(
    models: Sequence[Model],
    texts: Sequence[str],
    *,
    beam_size: int = DEFAULT_BEAM_SIZE,
    max_decoding_length: int | None = None,
) -> list[str]:
    """Translate ``texts`` through each model in turn (one batch call per model)."""
    out = list(texts)
    for model in models:
        out = model.translate(out, beam_size=beam_size, max_decoding_length=max_decoding_length)
    return out
