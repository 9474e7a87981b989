"""The likely-variant search on real news: each distinct capitalised word of the corpus
is compared with the glossary's romanization keys, as ``onoma normalize`` does for
every word the glossary does not hold. Side by side, on the same words and keys:

- one ``rapidfuzz.process.extract`` over every key (what onoma did before);
- onoma's search, which compares only the keys whose length and letters can reach the
  cutoff (see ``onoma.normalize.nearkeys``).

The script checks that both find the same candidates in the same order and prints
their times and the ratio. The words come from a real corpus (the texts of a
factRuEval-2016 folder or a pioNER ``*.conll03`` folder, read from where they are); the
glossary is the real one of ``real_text_precision.py`` in the corpus's language, or
with ``--entries N`` the generated glossary of ``normalize_speed.py`` (English keys:
the corpus's words are compared through their romanization keys all the same).

Run: ``python benchmarks/variant_search.py CORPUS --names DIR [--entries 100000]``
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from automata import real_corpus
from normalize_speed import make_glossary
from rapidfuzz import fuzz, process

from onoma.lang.keys import romanization_key
from onoma.normalize.fuzzy import CAPITALIZED_WORD, KEY_CUTOFF, VariantSpotter


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="factRuEval folder or *.conll03 folder")
    parser.add_argument("--names", type=Path, help="folder of the name lists")
    parser.add_argument("--entries", type=int, help="a generated glossary of this size")
    args = parser.parse_args()
    glossary, text, lang = real_corpus(args.corpus, args.names)
    if args.entries:
        glossary, lang = make_glossary(args.entries, random.Random(5)), "en"
    spotter = VariantSpotter(glossary, lang)
    words = sorted({w for w in CAPITALIZED_WORD.findall(text) if w[0].isupper()})
    keys = [key for key in map(romanization_key, words) if len(key) >= 4]
    spotter._near_keys("warm")  # groups the keys by length, once (their masks come later)

    begin = time.perf_counter()
    every = [
        [(best, score) for best, score, _ in process.extract(
            key, spotter.keys, scorer=fuzz.ratio, score_cutoff=KEY_CUTOFF, limit=5
        )]
        for key in keys
    ]  # fmt: skip
    every_time = time.perf_counter() - begin
    begin = time.perf_counter()
    onoma = [spotter._near_keys(key) for key in keys]
    onoma_time = time.perf_counter() - begin

    print(f"{len(keys):,} distinct words ({lang}) against {len(spotter.keys):,} keys")
    print(f"one search over every key: {every_time:.2f} s")
    print(f"onoma (lengths, letters):  {onoma_time:.2f} s")
    print(f"ratio: {every_time / onoma_time:.1f}x; same candidates: {every == onoma}")


if __name__ == "__main__":
    main()
