"""onoma as a user runs it, whole process, against the floor: a short script that loads
the same glossary with PyYAML's C loader, builds a pyahocorasick automaton and rewrites
the text in one pass (no whole-word checks, no report: the least any tool must do).

Rows, for each glossary size (10,000 and 100,000 generated entries by default): a 20 MB
corpus and a 1 kB article; onoma without its cache, on the run that writes the cache
(cold) and cached (warm), with the largest resident memory of each. Each command runs
in a fresh interpreter; best of three (cold: best of three fresh caches; with
``--quick``, one run each). onoma's bytecode is compiled first, as ``pip install`` does:
a run that compiles every module from source (``PYTHONDONTWRITEBYTECODE``, a fresh
editable checkout) spends about 0.15 s doing so before it starts.

With ``--real CORPUS --names DIR``, the same rows on real news instead: the texts of a
factRuEval-2016 folder (Russian) or a pioNER ``*.conll03`` file (Armenian) joined into
one input, and the glossary of ``real_text_precision.py`` (the shipped one plus the
places and people of the name lists), in the corpus's language; the corpus is read from
where it is, never copied into the project.

Run: ``python benchmarks/whole_process.py [--entries 10000,100000] [--megabytes 20]``
or ``python benchmarks/whole_process.py --real CORPUS --names DIR``
"""

from __future__ import annotations

import argparse
import compileall
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from normalize_speed import make_corpus, make_glossary

import onoma
from onoma.glossary.fmt import format_entries

FLOOR = r"""
import sys, yaml, ahocorasick
lang = sys.argv[2] if len(sys.argv) > 2 else "en"
entries = yaml.load(open(sys.argv[1], encoding="utf-8"), Loader=yaml.CLoader)
automaton = ahocorasick.Automaton()
for entry in entries:
    name = entry["names"].get(lang)
    for form in [name, *entry.get("variants", {}).get(lang, [])] if name else []:
        automaton.add_word(form.lower(), (len(form), name))
automaton.make_automaton()
text = sys.stdin.read()
folded, out, cursor = text.lower(), [], 0
for end, (length, name) in automaton.iter(folded):
    start = end - length + 1
    if start >= cursor:
        out += [text[cursor:start], name]
        cursor = end + 1
out.append(text[cursor:])
sys.stdout.write("".join(out))
"""


def run(command: list[str], stdin: Path, env: dict[str, str], runs: int = 3) -> tuple[float, float]:
    """Best wall time of ``runs`` runs, and the largest resident memory (MB) seen."""
    best, memory = float("inf"), 0.0
    for _ in range(runs):
        with open(stdin, "rb") as handle:
            begin = time.perf_counter()
            process = subprocess.Popen(
                command,
                stdin=handle,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=env,
            )
            _pid, status, usage = os.wait4(process.pid, 0)
            elapsed = time.perf_counter() - begin
            if os.waitstatus_to_exitcode(status) != 0:
                raise SystemExit(f"{command[:4]} failed")
            best = min(best, elapsed)
            memory = max(memory, usage.ru_maxrss / 1024)
    return best, memory


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", default="10000,100000", help="glossary sizes")
    parser.add_argument("--megabytes", type=float, default=20.0)
    parser.add_argument("--quick", action="store_true", help="one run of each command")
    parser.add_argument("--real", type=Path, help="factRuEval folder or *.conll03 folder")
    parser.add_argument("--names", type=Path, help="folder of the name lists (with --real)")
    args = parser.parse_args()
    runs = 1 if args.quick else 3
    compileall.compile_dir(Path(onoma.__file__).parent, quiet=1)
    print("best of", runs, "fresh interpreters; time (resident memory)\n")
    print(
        "| entries | input | floor | onoma, no cache | onoma, cold | onoma, cached "
        "| floor / cached |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|")
    if args.real:
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            gloss, inputs, lang, size = real_inputs(args.real, args.names, root)
            measure(root, gloss, inputs, lang, f"{size:,} (real)", runs)
        return
    for size in (int(n) for n in args.entries.split(",")):
        rng = random.Random(5)
        glossary = make_glossary(size, rng)
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            gloss = root / "g.yaml"
            gloss.write_text(format_entries(glossary.entries), encoding="utf-8")
            corpus = root / "corpus.txt"
            corpus.write_text(make_corpus(glossary, args.megabytes, rng), encoding="utf-8")
            article = root / "article.txt"
            article.write_text(corpus.read_text(encoding="utf-8")[:1000], encoding="utf-8")
            inputs = [(f"{args.megabytes:g} MB", corpus), ("1 kB", article)]
            measure(root, gloss, inputs, "en", f"{size:,}", runs)


def real_inputs(
    corpus: Path, names: Path | None, root: Path
) -> tuple[Path, list[tuple[str, Path]], str, int]:
    """The real-text glossary, the joined corpus and a 1 kB article from it."""
    import json

    from real_text_precision import joined_corpus

    gloss, joined, lang = joined_corpus(corpus, names, root)
    size = len(json.loads(gloss.read_text("utf-8")))
    whole = root / "corpus.txt"
    whole.write_text(joined, encoding="utf-8")
    article = root / "article.txt"
    article.write_text(joined[:1000], encoding="utf-8")
    mb = len(joined.encode("utf-8")) / 1e6
    return gloss, [(f"{corpus.name}, {mb:.1f} MB", whole), ("1 kB of it", article)], lang, size


def measure(
    root: Path, gloss: Path, inputs: list[tuple[str, Path]], lang: str, label: str, runs: int
) -> None:
    """One row per input: the floor and onoma without, building and with its cache."""
    floor = root / "floor.py"
    floor.write_text(FLOOR, encoding="utf-8")
    cache = root / "cache"
    env = {**os.environ, "ONOMA_CACHE_DIR": str(cache)}
    onoma = [sys.executable, "-m", "onoma", "normalize", "--no-builtin", "-g", str(gloss)]
    onoma += ["--lang", lang, "-"]
    for name, text in inputs:
        base = run([sys.executable, str(floor), str(gloss), lang], text, env, runs)
        no_cache = run(onoma, text, {**env, "ONOMA_NO_CACHE": "1"}, runs)
        cold = (float("inf"), 0.0)
        for _ in range(runs):
            shutil.rmtree(cache, ignore_errors=True)
            once = run(onoma, text, env, runs=1)
            cold = (min(cold[0], once[0]), max(cold[1], once[1]))
        warm = run(onoma, text, env, runs)
        cells = " | ".join(f"{t:.2f} s ({m:.0f} MB)" for t, m in (base, no_cache, cold, warm))
        print(f"| {label} | {name} | {cells} | {base[0] / warm[0]:.2f} |", flush=True)


if __name__ == "__main__":
    main()
