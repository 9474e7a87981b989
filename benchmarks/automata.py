"""onoma's matcher (daachorse, every key ending at each position, overlaps settled by
onoma: leftmost, then longest, whole words only, URLs and case-sensitive forms) against
the automata it was chosen from, on the corpus of ``normalize_speed.py``:

- pyahocorasick ``iter`` and daachorse ``find_overlapping``, both fed to the same
  settling loop (whole words, leftmost-longest), side by side: the scan onoma used
  before and the one it uses now;
- ahocorasick-rs and daachorse in leftmost-longest mode, whose non-overlapping matches
  are then filtered to whole words: a match inside a longer word hides any whole word
  that starts inside it, so their result can differ; the script counts the matches each
  finds and how many agree with onoma's.

With ``--real CORPUS --names DIR``, the corpus and glossary are real: the texts of a
factRuEval-2016 folder or a pioNER ``*.conll03`` folder joined, with the glossary of
``real_text_precision.py`` in the corpus's language (read from where they are).

Run: ``python benchmarks/automata.py [--entries 10000] [--megabytes 20]`` or
``python benchmarks/automata.py --real CORPUS --names DIR``
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from normalize_speed import make_corpus, make_glossary

from onoma.normalize.match import Matcher, fold_for_scan, is_word_char


def whole_words(folded: str, spans):
    """The ``(start, end)`` spans that are whole words of ``folded``."""
    end_of_text = len(folded)
    for start, end in spans:
        if start and is_word_char(folded[start - 1]):
            continue
        if end < end_of_text and is_word_char(folded[end]):
            continue
        yield start, end


def settled(folded: str, candidates):
    """Whole-word, leftmost-then-longest spans from a stream of overlapping candidates
    ``(start, end)`` in order of their end, as onoma's matcher settles them."""
    end_of_text = len(folded)
    found: list[tuple[int, int]] = []
    reach = -1
    for start, end in candidates:
        if end - 1 == reach:
            continue
        if end < end_of_text and is_word_char(folded[end]):
            continue
        if start and is_word_char(folded[start - 1]):
            continue
        if start > reach:
            found.append((start, end))
            reach = end - 1
            continue
        kept = len(found)
        while kept and found[kept - 1][1] > start:
            if found[kept - 1][0] < start:
                break
            kept -= 1
        else:
            del found[kept:]
            found.append((start, end))
            reach = end - 1
    return found


def timed(func, runs: int = 3):
    best, result = float("inf"), None
    for _ in range(runs):
        begin = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - begin)
    return best, result


def real_corpus(corpus: Path, names: Path | None):
    """The real glossary (loaded), the corpus's texts joined, and its language."""
    import tempfile

    from real_text_precision import joined_corpus

    from onoma.glossary import load_glossaries

    with tempfile.TemporaryDirectory() as folder:
        gloss, text, lang = joined_corpus(corpus, names, Path(folder))
        glossary = load_glossaries([gloss], builtin=False)
    return glossary, text, lang


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--megabytes", type=float, default=20.0)
    parser.add_argument("--real", type=Path, help="factRuEval folder or *.conll03 folder")
    parser.add_argument("--names", type=Path, help="folder of the name lists (with --real)")
    args = parser.parse_args()
    import ahocorasick
    import ahocorasick_rs
    import daachorse

    if args.real:
        glossary, text, lang = real_corpus(args.real, args.names)
    else:
        rng = random.Random(3)
        glossary = make_glossary(args.entries, rng)
        text, lang = make_corpus(glossary, args.megabytes, rng), "en"
    folded = fold_for_scan(text)
    keys = sorted({fold_for_scan(form) for entry in glossary for form in entry.forms(lang)})

    def build_pyaho():
        automaton = ahocorasick.Automaton()
        for key in keys:
            automaton.add_word(key, len(key))
        automaton.make_automaton()
        return automaton

    build_onoma, matcher = timed(lambda: Matcher(glossary, lang), 1)
    build_py, pyaho = timed(build_pyaho, 1)
    build_over, over = timed(lambda: daachorse.CharwiseDoubleArrayAhoCorasick(keys), 1)
    build_rs, rs = timed(
        lambda: ahocorasick_rs.AhoCorasick(
            keys, matchkind=ahocorasick_rs.MATCHKIND_LEFTMOST_LONGEST
        ),
        1,
    )
    build_da, da = timed(
        lambda: daachorse.CharwiseDoubleArrayAhoCorasick(
            keys, match_kind=daachorse.MATCH_KIND_LEFTMOST_LONGEST
        ),
        1,
    )
    onoma_time, onoma_spans = timed(lambda: [(s, e) for s, e, _ in matcher.spans(text)])
    py_time, py_spans = timed(
        lambda: settled(folded, ((e - n + 1, e + 1) for e, n in pyaho.iter(folded)))
    )
    over_time, over_spans = timed(
        lambda: settled(folded, ((s, e) for s, e, _ in over.find_overlapping(folded)))
    )
    rs_time, rs_spans = timed(
        lambda: list(
            whole_words(folded, ((s, e) for _, s, e in rs.find_matches_as_indexes(folded)))
        )
    )
    da_time, da_spans = timed(
        lambda: list(whole_words(folded, ((s, e) for s, e, _ in da.find(folded))))
    )
    reference = set(onoma_spans)
    mb = len(text.encode("utf-8")) / 1e6
    print(f"{len(glossary):,} entries ({len(keys):,} keys, {lang}), {mb:.1f} MB; best of 3\n")
    print("| automaton | build | scan + whole words | MB/s | matches | agree with onoma |")
    print("|---|---:|---:|---:|---:|---:|")
    rows = [
        (
            "onoma's matcher (daachorse overlapping, all checks)",
            build_onoma,
            onoma_time,
            onoma_spans,
        ),
        ("pyahocorasick iter + settling", build_py, py_time, py_spans),
        ("daachorse overlapping + settling", build_over, over_time, over_spans),
        ("ahocorasick-rs leftmost-longest", build_rs, rs_time, rs_spans),
        ("daachorse charwise leftmost-longest", build_da, da_time, da_spans),
    ]
    for name, build, scan, spans in rows:
        agree = len(reference & set(spans))
        print(
            f"| {name} | {build:.2f} s | {scan:.2f} s | {mb / scan:.1f} | {len(spans):,} "
            f"| {agree:,} ({agree / max(len(reference), 1):.1%}) |"
        )
    print(
        f"\nsame settling loop: daachorse / pyahocorasick scan time {over_time / py_time:.2f}; "
        f"ratios to onoma's matcher: ahocorasick-rs {rs_time / onoma_time:.2f}, "
        f"daachorse leftmost-longest {da_time / onoma_time:.2f}"
    )


if __name__ == "__main__":
    main()
