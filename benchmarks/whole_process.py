"""onoma as a user runs it, whole process, against the floor: a short script that loads
the same glossary with PyYAML's C loader, builds a pyahocorasick automaton and rewrites
the text in one pass (no whole-word checks, no report: the least any tool must do).

Rows: a 20 MB corpus and a 1 kB article with a 10,000-entry glossary, onoma without its
cache, on the run that writes the cache (cold) and cached (warm). Each command runs in
a fresh interpreter; best of three.

Run: ``python benchmarks/whole_process.py [--entries 10000] [--megabytes 20]``
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from normalize_speed import make_corpus, make_glossary

from onoma.glossary.fmt import format_entries

FLOOR = r"""
import sys, yaml, ahocorasick
entries = yaml.load(open(sys.argv[1], encoding="utf-8"), Loader=yaml.CLoader)
automaton = ahocorasick.Automaton()
for entry in entries:
    name = entry["names"]["en"]
    for form in [name, *entry.get("variants", {}).get("en", [])]:
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


def run(command: list[str], stdin: Path, env: dict[str, str], runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        with open(stdin, "rb") as handle:
            begin = time.perf_counter()
            subprocess.run(
                command,
                stdin=handle,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=env,
                check=True,
            )
            best = min(best, time.perf_counter() - begin)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--megabytes", type=float, default=20.0)
    args = parser.parse_args()
    rng = random.Random(5)
    glossary = make_glossary(args.entries, rng)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        gloss = root / "g.yaml"
        gloss.write_text(format_entries(glossary.entries), encoding="utf-8")
        corpus = root / "corpus.txt"
        corpus.write_text(make_corpus(glossary, args.megabytes, rng), encoding="utf-8")
        article = root / "article.txt"
        article.write_text(corpus.read_text(encoding="utf-8")[:1000], encoding="utf-8")
        floor = root / "floor.py"
        floor.write_text(FLOOR, encoding="utf-8")
        env = {**os.environ, "ONOMA_CACHE_DIR": str(root / "cache")}
        onoma = [sys.executable, "-m", "onoma", "normalize", "--no-builtin", "-g", str(gloss), "-"]
        print(f"{args.entries:,} entries; best of 3, fresh interpreters\n")
        print("| input | floor | onoma, no cache | onoma, cold | onoma, cached | floor / cached |")
        print("|---|---:|---:|---:|---:|---:|")
        for label, text in ((f"{args.megabytes:g} MB", corpus), ("1 kB", article)):
            base = run([sys.executable, str(floor), str(gloss)], text, env)
            no_cache = run(onoma, text, {**env, "ONOMA_NO_CACHE": "1"})
            cache = root / "cache"
            cold = float("inf")
            for _ in range(3):
                subprocess.run(["rm", "-rf", str(cache)], check=True)
                cold = min(cold, run(onoma, text, env, runs=1))
            warm = run(onoma, text, env)
            print(
                f"| {label} | {base:.2f} s | {no_cache:.2f} s | {cold:.2f} s | {warm:.2f} s "
                f"| {base / warm:.2f} |"
            )


if __name__ == "__main__":
    main()
