"""Test helpers: Argos package zips (valid and hostile), a tiny real OPUS-MT release, and
snapshots of a packages folder to prove that a failed install changed nothing."""

from __future__ import annotations

import io
import json
import os
import stat
import warnings
import zipfile
from pathlib import Path

import numpy as np

SOURCE_LINES = ["the cat sat on the mat", "Yerevan is the capital of Armenia", "hello world"]
TARGET_LINES = ["Երևանը Հայաստանի մայրաքաղաքն է", "բարև աշխարհ", "կատուն նստեց"]


def package_members(
    from_code: str = "en", to_code: str = "ru", version: str = "1.0", top: str = "pkg", **meta
) -> dict[str, bytes]:
    """The files of a small package (dummy model files; a real model is not needed)."""
    metadata = {
        "package_version": version,
        "argos_version": "1.9.0",
        "from_code": from_code,
        "to_code": to_code,
        "from_name": from_code,
        "to_name": to_code,
        **meta,
    }
    return {
        f"{top}/metadata.json": json.dumps(metadata).encode(),
        f"{top}/model/model.bin": os.urandom(256),
        f"{top}/model/config.json": b"{}",
        f"{top}/model/shared_vocabulary.json": b'["<unk>", "<s>", "</s>"]',
        f"{top}/sentencepiece.model": b"spm " + version.encode(),
        f"{top}/README.md": f"# {from_code} -> {to_code} {version}\n".encode(),
    }


def write_zip(path: Path, members: dict[str, bytes] | list[tuple[str | zipfile.ZipInfo, bytes]]):
    """Write a zip holding ``members`` (names are kept exactly, even hostile ones)."""
    items = members.items() if isinstance(members, dict) else members
    with warnings.catch_warnings(), zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        warnings.simplefilter("ignore")  # duplicate names are wanted in hostile archives
        for name, data in items:
            archive.writestr(name, data)
    return path


def build_package(
    path: Path, from_code: str = "en", to_code: str = "ru", version: str = "1.0", **kw
):
    """A valid ``.argosmodel`` file at ``path``."""
    return write_zip(path, package_members(from_code, to_code, version, **kw))


def symlink_member(name: str) -> zipfile.ZipInfo:
    """A member that unzip would create as a symbolic link (give it the target as data)."""
    info = zipfile.ZipInfo(name)
    info.create_system = 3
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


def snapshot(root: Path) -> dict[str, bytes | None]:
    """Every file (bytes) and folder (None) under ``root``, hidden ones included."""
    found: dict[str, bytes | None] = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        found[rel] = None if path.is_dir() else path.read_bytes()
    return found


# --------------------------------------------------------------------------- OPUS-MT


def _train_spm(lines: list[str], path: Path):
    import sentencepiece as spm

    buffer = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines * 5),
        model_writer=buffer,
        vocab_size=60,
        hard_vocab_limit=False,
        minloglevel=2,
    )
    path.write_bytes(buffer.getvalue())
    return spm.SentencePieceProcessor(model_proto=buffer.getvalue())


def _quote(piece: str) -> str:
    return '"' + piece.replace("\\", "\\\\").replace('"', '\\"') + '"'


def build_opus_mt_release(folder: Path, *, labels: tuple[str, ...] = ()) -> Path:
    """A tiny but real OPUS-MT release (post-norm Marian transformer, 1+1 layers, dim 8).

    ``labels`` (e.g. ``("hye",)``) make it a multi-target model: ``>>hye<<`` tokens in
    the vocabulary and the README line saying that a language token is required.
    """
    import yaml

    folder.mkdir(parents=True, exist_ok=True)
    source = _train_spm(SOURCE_LINES, folder / "source.spm")
    target = _train_spm(TARGET_LINES, folder / "target.spm")
    pieces = ["</s>", "<unk>", *(f">>{label}<<" for label in labels)]
    for sp in (source, target):
        for i in range(sp.get_piece_size()):
            piece = sp.id_to_piece(i)
            if piece not in pieces and piece != "<s>":
                pieces.append(piece)
    pieces.append("<pad>")
    vocab = "".join(f"{_quote(p)}: {i}\n" for i, p in enumerate(pieces))
    (folder / "opus.spm4k-spm4k.vocab.yml").write_text(vocab, encoding="utf-8")

    vocab_size, dim, ffn = len(pieces), 8, 16
    rng = np.random.default_rng(0)
    weights: dict[str, np.ndarray] = {"Wemb": rng.normal(0, 0.1, (vocab_size, dim))}

    def norm(scope: str) -> None:
        weights[f"{scope}_ln_scale"] = np.ones((1, dim))
        weights[f"{scope}_ln_bias"] = np.zeros((1, dim))

    def attention(scope: str) -> None:
        for x in "qkvo":
            weights[f"{scope}_W{x}"] = rng.normal(0, 0.1, (dim, dim))
            weights[f"{scope}_b{x}"] = np.zeros((1, dim))
        norm(f"{scope}_Wo")

    def feed_forward(scope: str) -> None:
        weights[f"{scope}_W1"] = rng.normal(0, 0.1, (dim, ffn))
        weights[f"{scope}_b1"] = np.zeros((1, ffn))
        weights[f"{scope}_W2"] = rng.normal(0, 0.1, (ffn, dim))
        weights[f"{scope}_b2"] = np.zeros((1, dim))
        norm(f"{scope}_ffn")

    attention("encoder_l1_self")
    feed_forward("encoder_l1_ffn")
    attention("decoder_l1_self")
    attention("decoder_l1_context")
    feed_forward("decoder_l1_ffn")
    weights["decoder_ff_logit_out_b"] = np.zeros((1, vocab_size))
    weights = {k: v.astype(np.float32) for k, v in weights.items()}
    config = {
        "type": "transformer",
        "enc-depth": 1,
        "dec-depth": 1,
        "dim-emb": dim,
        "transformer-heads": 2,
        "transformer-dim-ffn": ffn,
        "transformer-ffn-activation": "swish",
        "transformer-preprocess": "",
        "transformer-postprocess": "dan",
        "transformer-postprocess-emb": "d",
        "transformer-decoder-autoreg": "self-attention",
        "transformer-no-projection": False,
        "transformer-guided-alignment-layer": "last",
        "tied-embeddings-all": True,
    }
    config_bytes = yaml.safe_dump(config).encode() + b"\0"
    weights["special:model.yml"] = np.frombuffer(config_bytes, dtype=np.int8)
    model = "opus-2020-06-16.spm4k-spm4k.transformer-align.model1.npz.best-perplexity.npz"
    np.savez(folder / model, **weights)
    (folder / "decoder.yml").write_text(
        f"models:\n  - {model}\nvocabs:\n  - opus.spm4k-spm4k.vocab.yml\n"
        "  - opus.spm4k-spm4k.vocab.yml\nbeam-size: 4\n",
        encoding="utf-8",
    )
    readme = "# opus-2020-06-16.zip\n\n* source language(s): eng\n* target language(s): hye\n"
    if labels:
        readme += (
            "* a sentence initial language token is required in the form of `>>id<<` "
            "(id = valid target language ID)\n"
            f"* valid language labels: {' '.join(f'>>{x}<<' for x in labels)}\n"
        )
    (folder / "README.md").write_text(readme, encoding="utf-8")
    (folder / "LICENSE").write_text("CC-BY 4.0\n", encoding="utf-8")
    return folder


def zip_folder(folder: Path, path: Path) -> Path:
    """Zip the files of ``folder`` flat, as OPUS-MT release zips are."""
    members = {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}
    return write_zip(path, members)
