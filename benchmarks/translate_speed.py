"""How much time onoma adds to CTranslate2 when translating a whole article.

Builds an Argos package of realistic size (a Transformer with the dimensions of an
Argos model: 6+6 layers, d_model 512, 8 heads, FFN 2048, a 32,000-entry vocabulary,
random weights quantized to int8 as Argos packages are), installs it in a temporary
``ARGOS_PACKAGES_DIR`` and times, on the same sentences (the seed article repeated
into a longer article) and the same package:

* the floor: SentencePiece encoding and one raw ``translate_batch`` call;
* onoma's whole pipeline (layout, normalization, names, one batch, checks), first
  as when the model keeps every placeholder (the usual case with a real model),
  then with the segmented fallback on: a random model garbles every placeholder, so
  that is the worst case, every sentence with a name translated twice;
* ``argostranslate.translate`` with the same package (its MiniSBD sentence splitter
  downloads a model on first use; offline it is swapped for sentencex, and if Argos
  still cannot run, the reason is printed and the row skipped);
* ``onoma --help`` (a fresh process each run).

The random model is kept from ever writing ``</s>``, so every sentence of every run
decodes exactly up to the same cap (``--cap``) and the runs do comparable work.
Run: ``python benchmarks/translate_speed.py [--repeat 4] [--beam-size 2] [--vocab 32000]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import types
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def build_random_package(folder: Path, vocab_size: int, sp_data: bytes) -> Path:
    """An en→hy package whose model has Argos dimensions and random weights."""
    import json

    import numpy as np
    from argos_factory import vocabulary, zip_package
    from ctranslate2.specs import transformer_spec

    d, ffn, heads, layers = 512, 2048, 8, 6
    pieces = vocabulary(sp_data)
    vocab = pieces + [f"<extra_{i}>" for i in range(vocab_size - len(pieces))]
    rng = np.random.default_rng(0)

    def rand(*shape: int):
        return (rng.standard_normal(shape, dtype=np.float32) / np.sqrt(shape[-1])).astype(
            np.float32
        )

    def norm(ln) -> None:
        ln.gamma = np.ones(d, dtype=np.float32)
        ln.beta = np.zeros(d, dtype=np.float32)

    def linear(layer, out: int, inp: int) -> None:
        layer.weight = rand(out, inp)
        layer.bias = np.zeros(out, dtype=np.float32)

    spec = transformer_spec.TransformerSpec.from_config((layers, layers), num_heads=heads)
    positions = rand(1024, d)
    spec.encoder.embeddings[0].weight = rand(vocab_size, d)
    spec.encoder.position_encodings.encodings = positions
    norm(spec.encoder.layer_norm)
    spec.decoder.embeddings.weight = rand(vocab_size, d)
    spec.decoder.position_encodings.encodings = positions.copy()
    norm(spec.decoder.layer_norm)
    linear(spec.decoder.projection, vocab_size, d)
    # Never </s>: every sentence decodes exactly up to the cap, whatever its input,
    # so that runs on different inputs (with or without placeholders) do equal work.
    spec.decoder.projection.bias[vocab.index("</s>")] = -1e4
    for layer in spec.encoder.layer:
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], 3 * d, d)
        linear(layer.self_attention.linear[1], d, d)
    for layer in spec.decoder.layer:
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], 3 * d, d)
        linear(layer.self_attention.linear[1], d, d)
        norm(layer.attention.layer_norm)
        linear(layer.attention.linear[0], d, d)
        linear(layer.attention.linear[1], 2 * d, d)
        linear(layer.attention.linear[2], d, d)
    for layer in [*spec.encoder.layer, *spec.decoder.layer]:
        norm(layer.ffn.layer_norm)
        linear(layer.ffn.linear_0, ffn, d)
        linear(layer.ffn.linear_1, d, ffn)
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    spec.optimize(quantization="int8")
    package = folder / "translate-en_hy-bench"
    (package / "model").mkdir(parents=True)
    spec.save(str(package / "model"))
    (package / "sentencepiece.model").write_bytes(sp_data)
    meta = {"package_version": "1.0", "from_code": "en", "to_code": "hy", "package_name": "bench"}
    (package / "metadata.json").write_text(json.dumps(meta), encoding="utf-8")
    return zip_package(package, folder / "translate-en_hy-bench.argosmodel")


def article(repeat: int, run: int = 0) -> str:
    """The seed article repeated ``repeat`` times: one long article, no paragraph twice.

    Each paragraph starts with a ``(run.copy)`` mark, so that no paragraph repeats
    within an article or across timed runs (Argos caches translated paragraphs).
    """
    from argos_factory import seed_text

    header = " date 2020-11-05 "
    paragraphs = [p.strip() for p in seed_text().removeprefix(header).split("\n\n")]
    marked = [f"({run}.{k}) {p}" for k in range(repeat) for p in paragraphs]
    return header + "\n\n".join(marked) + "\n"


def timed(fn: Callable[[int], object], runs: int) -> float:
    """Median wall time of ``fn(1)`` … ``fn(runs)`` after a warm-up call ``fn(0)``."""
    return compare({"": fn}, runs)[""][0]


def compare(fns: dict[str, Callable[[int], object]], runs: int) -> dict[str, tuple[float, float]]:
    """(median, min) wall times of functions measured in alternation, round by round,
    so that a machine busy with something else slows them alike."""
    for fn in fns.values():
        fn(0)
    times: dict[str, list[float]] = {name: [] for name in fns}
    order = list(fns)
    for run in range(1, runs + 1):
        for name in order:
            start = time.perf_counter()
            fns[name](run)
            times[name].append(time.perf_counter() - start)
        order.reverse()
    return {name: (statistics.median(v), min(v)) for name, v in times.items()}


def sentences_of(text: str) -> list[str]:
    """The sentences onoma sends to the model, without placeholders."""
    from onoma.translation.segment import has_letters, parse_layout
    from onoma.translation.sentences import split_sentences

    found = []
    for run in parse_layout(text).runs:
        for start, end in split_sentences(run.text, "en"):
            sentence = run.text[start:end].replace("\n", " ")
            if has_letters(sentence):
                found.append(sentence)
    return found


def argos_time(texts: list[str], cap: int, beam: int, runs: int) -> tuple[float | None, str]:
    """argostranslate.translate on the same package, or None and why it cannot run."""
    os.environ.setdefault("ARGOS_BEAM_SIZE", str(beam))
    try:
        import ctranslate2
        from argostranslate import translate as argos
    except Exception as exc:  # whatever keeps it from importing offline
        return None, f"import failed: {type(exc).__name__}: {exc}"

    class Capped:
        """ctranslate2.Translator with decoding capped like the other runs."""

        def __init__(self, *args, **kwargs):
            self.inner = ctranslate2.Translator(*args, **kwargs)

        def translate_batch(self, *args, **kwargs):
            kwargs["max_decoding_length"] = cap
            return self.inner.translate_batch(*args, **kwargs)

    argos.ctranslate2 = types.SimpleNamespace(Translator=Capped)
    try:
        return timed(lambda i: argos.translate(texts[i], "en", "hy"), runs), ""
    except Exception as exc:
        why = f"{type(exc).__name__}: {str(exc)[:160]}"
    # Its sentence splitter (MiniSBD) downloads a model on first use: offline, split
    # with sentencex instead, as onoma does, and time the rest of Argos as it is.
    try:
        from argostranslate import sbd
        from sentencex import segment

        class Splitter:
            def sentences(self, text: str) -> list[str]:
                return list(segment("en", text))

        sbd.MiniSBDSentencizer.lazy_detector = lambda self: Splitter()
        seconds = timed(lambda i: argos.translate(texts[i], "en", "hy"), runs)
    except Exception as exc:
        return None, f"translate failed: {why}; with sentencex: {type(exc).__name__}: {exc}"
    return seconds, f"its MiniSBD splitter failed offline ({why}); sentencex used instead"


def help_time(runs: int) -> float:
    """Median wall time of ``onoma --help`` in a fresh process."""
    exe = shutil.which("onoma")
    cmd = [exe, "--help"] if exe else [sys.executable, "-m", "onoma", "--help"]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=4, help="copies of the seed article")
    parser.add_argument("--beam-size", type=int, default=2)
    parser.add_argument("--vocab", type=int, default=32000, help="model vocabulary size")
    parser.add_argument("--cap", type=int, default=40, help="max_decoding_length")
    parser.add_argument("--runs", type=int, default=3, help="timed runs (median)")
    parser.add_argument("--no-argos", action="store_true", help="skip argostranslate")
    args = parser.parse_args()

    from argos_factory import train_sentencepiece

    work = Path(tempfile.mkdtemp(prefix="onoma-bench-"))
    os.environ["ARGOS_PACKAGES_DIR"] = str(work / "packages")
    try:
        start = time.perf_counter()
        archive = build_random_package(work, args.vocab, train_sentencepiece())
        from onoma.translation.packages import install_package_file

        install_package_file(archive)
        print(f"built and installed the package in {time.perf_counter() - start:.1f} s")
        run(args)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(args: argparse.Namespace) -> None:
    from onoma.translation import engine
    from onoma.translation.api import Translator

    texts = [article(args.repeat, run) for run in range(args.runs + 1)]
    sentences = [sentences_of(text) for text in texts]
    text = texts[0]
    translator = Translator("hy", beam_size=args.beam_size, max_decoding_length=args.cap)
    model = translator.models[0]
    print(
        f"article: {len(text.split())} words, {len(sentences[0])} sentences; "
        f"model: 6+6 layers, d_model 512, vocab {args.vocab}, int8; beam {args.beam_size}, "
        f"decoding capped at {args.cap} tokens; {engine.threads()} threads; "
        f"median of {args.runs} runs (floor and onoma alternate)"
    )

    def floor(run: int) -> None:
        tokens = model.source_sp.encode(sentences[run], out_type=str)
        model.translator.translate_batch(
            tokens,
            max_batch_size=engine.MAX_BATCH_TOKENS,
            batch_type="tokens",
            beam_size=args.beam_size,
            length_penalty=engine.LENGTH_PENALTY,
            max_decoding_length=args.cap,
            replace_unknowns=True,
        )

    def onoma_run(run: int) -> None:
        translator.translate(texts[run])

    translate = translator._translate
    translator._translate = lambda batch: list(batch)  # onoma's own work, no model
    own = timed(onoma_run, args.runs)
    masked: list[str] = []
    translator._translate = lambda batch: masked.extend(batch) or list(batch)
    translator.translate(text)
    translator._translate = translate
    plain_tokens = sum(map(len, model.source_sp.encode(sentences[0], out_type=str)))
    masked_tokens = sum(map(len, model.encode(masked)))
    fallback = translator._fallback
    translator._fallback = lambda failed, report: None  # as when placeholders survive
    both = compare({"floor": floor, "onoma": onoma_run}, args.runs)
    (raw, raw_min), (onoma, onoma_min) = both["floor"], both["onoma"]
    translator._fallback = fallback
    worst = timed(onoma_run, args.runs)
    report = translator.translate(text).report
    rows = [
        ("raw CTranslate2 translate_batch (floor)", raw),
        ("onoma, placeholders kept", onoma),
        (f"onoma, fallback for {len(report.fallback)} sentences", worst),
    ]
    if not args.no_argos:
        argos, why = argos_time(texts, args.cap, args.beam_size, args.runs)
        if argos is None:
            print(f"argostranslate skipped: {why}")
        else:
            if why:
                print(f"argostranslate: {why}")
            rows.append(("argostranslate.translate", argos))
    print(f"{'':44} {'seconds':>8} {'× floor':>8}")
    for label, seconds in rows:
        print(f"{label:44} {seconds:8.3f} {seconds / raw:8.2f}")
    print(
        f"onoma overhead over the floor: {100 * (onoma / raw - 1):+.1f}% on medians, "
        f"{100 * (onoma_min / raw_min - 1):+.1f}% on the fastest runs (target: under 10%)"
    )
    print(
        f"of which onoma's own work (layout, names, checks; model stubbed out): "
        f"{own * 1000:.1f} ms; the rest is the model reading placeholders: "
        f"{masked_tokens} source tokens with placeholders vs {plain_tokens} without"
    )
    print(f"onoma --help: {help_time(5) * 1000:.0f} ms (median of 5 fresh processes)")


if __name__ == "__main__":
    main()
