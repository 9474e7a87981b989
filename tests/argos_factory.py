"""Build small but real Argos Translate packages at test time (no downloads).

A package is a SentencePiece model trained in about a second on the seed article,
the glossaries' names and a little Russian, plus a CTranslate2 Transformer whose
weights are written by hand so that it *copies* its input exactly:

* d_model = vocabulary size + maximum length (rounded up to a multiple of 16);
  token embeddings are one-hot in the first block, learned position encodings
  one-hot in the second; embeddings are not scaled.
* Every encoder sub-layer and the decoder self-attention and feed-forward layers
  write zeros, so the residual stream carries ``onehot(token) + onehot(position)``
  through; the pre-norm layer norms (gamma 1, beta 0) only rescale it and shift it
  by a constant, which attention and argmax ignore.
* Decoder token embeddings are zero: at step ``t`` the decoder holds only
  ``onehot(t)``. Cross-attention queries and keys read the position block (queries
  scaled up, so step ``t`` attends to source position ``t`` alone); values and the
  output read the token block, so step ``t`` receives the source token at ``t``.
* The output projection maps the token block to the vocabulary: the identity for
  a copy model, or ``mapping`` (piece → other piece) for a tiny "translator" with a
  known answer, or a model that garbles the pieces of placeholders.
* ``add_source_eos`` makes the source end with ``</s>``, which the decoder copies
  last, so decoding stops where the input does.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_14ccdbe27424413d.txt"
GLOSSARY_DIR = ROOT / "src" / "onoma" / "data" / "glossaries"

MAX_LEN = 256
"""Longest sentence, in pieces (with ``</s>``), that a copy model reproduces."""

EOS_QUERY = 30.0
"""Query bias towards the source's ``</s>``: past the end, decoding copies ``</s>``."""

EOS_BIAS = -5.0
"""Added to the ``</s>`` logit (a copied piece scores about 27 above the others)."""

RUSSIAN_TEXT = """\
Министерство обороны Армения заявило, что Араик Арутюнян посетил Шуши в четверг.

Сейран Оганян и Арцрун Ованнисян говорили о Кармир Шука, Лисагор и Карин Так.
Азербайджан продолжает атаки, сказал Ованнисян.
"""
"""A small Russian document whose names are all in the glossary's Russian forms."""


def seed_text() -> str:
    """The seed article, the input the models are built for."""
    return SEED.read_text(encoding="utf-8")


def glossary_names() -> list[str]:
    """Every name and variant (all languages) of the shipped entries that the seed article
    or the Russian document names: the names these models are built to carry."""
    from onoma.glossary import load_glossaries

    documents = seed_text() + RUSSIAN_TEXT
    names = []
    for entry in load_glossaries():
        forms = [text for _, text, _ in entry.all_forms()]
        if any(form in documents for form in forms):
            names.extend(forms)
    return names


def training_lines() -> list[str]:
    """The text the SentencePiece model learns its pieces from."""
    lines = [line for line in seed_text().splitlines() if line.strip()]
    lines += [line for line in RUSSIAN_TEXT.splitlines() if line.strip()]
    names = glossary_names()
    lines += names
    lines.append(" ".join(names))
    lines.append("Hello world. [1] [2] [3] [4] [5] [6] [7] [8] [9] [10] (0) # - * > | ` ~")
    lines.append("Русский текст. Հայերեն տեքստ։ Azərbaycan mətni. Şuşa Ermənistan Qırmızı")
    return lines


@lru_cache(maxsize=4)
def train_sentencepiece(vocab_size: int = 480) -> bytes:
    """Train a small unigram SentencePiece model (byte fallback) and return its bytes."""
    import sentencepiece as spm

    buffer = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(training_lines()),
        model_writer=buffer,
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        byte_fallback=True,
        hard_vocab_limit=False,
        minloglevel=2,
    )
    return buffer.getvalue()


def load_sentencepiece(data: bytes):
    """A processor for a serialized SentencePiece model."""
    import sentencepiece as spm

    return spm.SentencePieceProcessor(model_proto=data)


def vocabulary(sp_data: bytes) -> list[str]:
    """The pieces of a SentencePiece model in id order (``<unk>``, ``<s>``, ``</s>``…)."""
    sp = load_sentencepiece(sp_data)
    return [sp.id_to_piece(i) for i in range(sp.get_piece_size())]


def copy_spec(vocab: list[str], mapping: Mapping[int, int] | None = None, max_len: int = MAX_LEN):
    """A one-layer CTranslate2 Transformer that copies its input (see the module doc).

    ``mapping`` sends a source piece id to the id the model writes instead.
    """
    import numpy as np
    from ctranslate2.specs import transformer_spec

    size = len(vocab)
    eos = vocab.index("</s>")
    end = size + max_len  # one more dimension: "this source piece is </s>", for keys
    d = -(-(end + 1) // 16) * 16
    pos = slice(size, end)
    f32 = np.float32

    def zeros(*shape: int):
        return np.zeros(shape, dtype=f32)

    def norm(layer_norm) -> None:
        layer_norm.gamma = np.ones(d, dtype=f32)
        layer_norm.beta = zeros(d)

    def linear(layer, weight) -> None:
        layer.weight = weight.astype(f32)
        layer.bias = zeros(weight.shape[0])

    ffn_dim = 16
    spec = transformer_spec.TransformerSpec.from_config((1, 1), num_heads=1)
    positions = zeros(max_len, d)
    positions[:, pos] = np.eye(max_len, dtype=f32)

    enc = spec.encoder
    enc.scale_embeddings = False
    embeddings = zeros(size, d)
    embeddings[:, :size] = np.eye(size, dtype=f32)
    enc.embeddings[0].weight = embeddings
    enc.position_encodings.encodings = positions
    norm(enc.layer_norm)
    for layer in enc.layer:
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], zeros(3 * d, d))
        linear(layer.self_attention.linear[1], zeros(d, d))
        _zero_ffn(layer.ffn, d, ffn_dim, norm, linear, zeros)

    dec = spec.decoder
    dec.scale_embeddings = False
    dec.embeddings.weight = zeros(size, d)
    dec.position_encodings.encodings = positions.copy()
    norm(dec.layer_norm)
    for layer in dec.layer:
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], zeros(3 * d, d))
        linear(layer.self_attention.linear[1], zeros(d, d))
        norm(layer.attention.layer_norm)
        query = zeros(d, d)
        query[pos, pos] = 20.0 * np.eye(max_len, dtype=f32)
        keys_values = zeros(2 * d, d)
        keys_values[pos, pos] = np.eye(max_len, dtype=f32)
        keys_values[end, eos] = 1.0
        keys_values[d : d + size, :size] = np.eye(size, dtype=f32)
        output = zeros(d, d)
        output[:size, :size] = np.eye(size, dtype=f32)
        linear(layer.attention.linear[0], query)
        # Every query also leans a little towards the source's </s>: far less than
        # towards its own position, but it is all that is left past the end.
        layer.attention.linear[0].bias[end] = EOS_QUERY
        linear(layer.attention.linear[1], keys_values)
        linear(layer.attention.linear[2], output)
        _zero_ffn(layer.ffn, d, ffn_dim, norm, linear, zeros)

    projection = zeros(size, d)
    for source in range(size):
        target = mapping.get(source, source) if mapping else source
        projection[target, source] = 1.0
    linear(dec.projection, projection)
    # While copying, </s> must rank below every other wrong piece: otherwise beam
    # search finishes its other hypotheses with it, one per step, and stops early.
    dec.projection.bias[eos] = EOS_BIAS

    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.config.add_source_eos = True
    spec.validate()
    return spec


def _zero_ffn(ffn, d, ffn_dim, norm, linear, zeros) -> None:
    norm(ffn.layer_norm)
    linear(ffn.linear_0, zeros(ffn_dim, d))
    linear(ffn.linear_1, zeros(d, ffn_dim))


def piece_mapping(sp_data: bytes, pairs: Mapping[str, str]) -> dict[int, int]:
    """Piece ids for ``{source piece: target piece}``; every piece must exist."""
    sp = load_sentencepiece(sp_data)
    mapping = {}
    for source, target in pairs.items():
        ids = sp.piece_to_id(source), sp.piece_to_id(target)
        if sp.unk_id() in ids:
            raise ValueError(f"piece not in vocabulary: {source!r} or {target!r}")
        mapping[ids[0]] = ids[1]
    return mapping


def garble_mapping(sp_data: bytes, chars: Iterable[str] = "0123456789[]") -> dict[int, int]:
    """Send every piece containing one of ``chars`` to the piece ``▁x``… or ``x``."""
    sp = load_sentencepiece(sp_data)
    target = sp.piece_to_id("x")
    if target == sp.unk_id():
        target = sp.piece_to_id("▁")
    wanted = set(chars)
    return {
        i: target
        for i in range(sp.get_piece_size())
        if not sp.is_control(i) and not sp.is_byte(i) and wanted & set(sp.id_to_piece(i))
    }


_built_models: dict[tuple, Path] = {}


def save_model(
    folder: Path,
    sp_data: bytes,
    mapping: Mapping[int, int] | None = None,
    quantization: str | None = "int8",
) -> None:
    """Save the copy model for ``sp_data`` in ``folder`` (built once per process).

    int8, as Argos packages are: the one-hot weights quantize exactly, and the
    model is 6 MB instead of 33 MB.
    """
    import shutil

    key = (hash(sp_data), tuple(sorted((mapping or {}).items())), quantization)
    built = _built_models.get(key)
    if built is not None and built.is_dir():
        shutil.copytree(built, folder)
        return
    folder.mkdir(parents=True)
    spec = copy_spec(vocabulary(sp_data), mapping)
    if quantization:
        spec.optimize(quantization=quantization)
    spec.save(str(folder))
    _built_models[key] = folder


def write_package_dir(
    folder: Path,
    from_code: str,
    to_code: str,
    *,
    mapping: Mapping[int, int] | None = None,
    version: str = "1.0",
    name: str | None = None,
    sp_data: bytes | None = None,
    extra_metadata: Mapping[str, object] | None = None,
) -> Path:
    """Write an unpacked package (``metadata.json``, ``model/``, ``sentencepiece.model``)."""
    sp_data = sp_data or train_sentencepiece()
    folder.mkdir(parents=True, exist_ok=True)
    save_model(folder / "model", sp_data, mapping)
    (folder / "sentencepiece.model").write_bytes(sp_data)
    metadata = {
        "package_version": version,
        "argos_version": "1.9.0",
        "from_code": from_code,
        "from_name": from_code,
        "to_code": to_code,
        "to_name": to_code,
        "package_name": name or f"test {from_code}-{to_code}",
    }
    metadata.update(extra_metadata or {})
    (folder / "metadata.json").write_text(json.dumps(metadata, indent=2), encoding="utf-8")
    return folder


def zip_package(folder: Path, dest: Path) -> Path:
    """Zip an unpacked package as ``dest`` (an ``.argosmodel``), in one top folder."""
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_STORED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, Path(folder.name) / path.relative_to(folder))
    return dest


def build_package(
    workdir: Path, from_code: str, to_code: str, *, suffix: str = "", **kwargs
) -> Path:
    """Build ``translate-FROM_TO[-SUFFIX].argosmodel`` under ``workdir`` and return it."""
    stem = f"translate-{from_code}_{to_code}" + (f"-{suffix}" if suffix else "")
    folder = write_package_dir(workdir / "build" / stem, from_code, to_code, **kwargs)
    return zip_package(folder, workdir / f"{stem}.argosmodel")


TRANSLATOR_PAIRS = {"▁Thursday": "▁continue", "▁said": "▁who"}
"""The known answer of the tiny "translator": these pieces become those."""


def install_packages(
    root: Path,
    workdir: Path,
    pairs: Iterable[tuple[str, str]],
    *,
    kind: str = "copy",
) -> Path:
    """Build packages for ``pairs`` and install them into ``root`` (a packages folder).

    ``kind``: ``copy`` (copies its input), ``garble`` (turns digits and brackets into
    ``x``, destroying placeholders) or ``translator`` (:data:`TRANSLATOR_PAIRS`).
    """
    import os

    from onoma.translation.packages import install_package_file

    sp_data = train_sentencepiece()
    mapping = {
        "copy": None,
        "garble": garble_mapping(sp_data) if kind == "garble" else None,
        "translator": piece_mapping(sp_data, TRANSLATOR_PAIRS) if kind == "translator" else None,
    }[kind]
    old = os.environ.get("ARGOS_PACKAGES_DIR")
    os.environ["ARGOS_PACKAGES_DIR"] = str(root)
    try:
        for from_code, to_code in pairs:
            archive = build_package(
                workdir, from_code, to_code, suffix=kind, mapping=mapping, sp_data=sp_data
            )
            install_package_file(archive)
    finally:
        if old is None:
            del os.environ["ARGOS_PACKAGES_DIR"]
        else:
            os.environ["ARGOS_PACKAGES_DIR"] = old
    return root


def copy_expected(text: str, target: str, source: str = "en") -> str:
    """What a copy model gives for ``text``: spellings normalized, names in ``target``."""
    from onoma.glossary import load_glossaries
    from onoma.normalize.core import carry_case, normalize_text
    from onoma.normalize.match import Matcher

    glossary = load_glossaries()
    text = normalize_text(text, glossary, lang=source, suggest=False).text
    out, cursor = [], 0
    for match in Matcher(glossary, source).find(text):
        out.append(text[cursor : match.start])
        out.append(carry_case(match.surface, match.entry.names[target], match.pattern.text))
        cursor = match.end
    out.append(text[cursor:])
    return "".join(out)


def install_copy_packages(workdir: Path, targets: tuple[str, ...] = ("hy", "ru")) -> Path:
    """en→each target copy models, built in ``workdir`` and installed into
    ``workdir/packages`` as ``onoma models install FILE…`` does; returns that folder."""
    import pytest
    from typer.testing import CliRunner

    from onoma.cli import app

    root = workdir / "packages"
    archives = [build_package(workdir, "en", lang) for lang in targets]
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ARGOS_PACKAGES_DIR", str(root))
        result = CliRunner().invoke(app, ["models", "install", *map(str, archives)])
    assert result.exit_code == 0, result.output
    return root
