"""Normalization throughput, measured side by side on the same generated text.

Prints, for glossaries of 100 and 10,000 generated entries:
- onoma: ``Normalizer.normalize`` (the normalized text; with the change report built,
  line and column of every replacement; and with likely-variant suggestions);
- raw scan: daachorse ``find_overlapping`` over the same folded text with the same
  automaton, no replacement: the floor onoma builds on;
- naive: one ``re.sub`` per variant, what a user would otherwise write (on a prefix of
  the corpus, since it is slow; MB/s does not depend on the text length);
and the ratios, then onoma's time on 1/4, 1/2 and all of the corpus (linearity). Then a
Russian row: 1,000 Russian surnames (two variants each) in a Russian corpus whose names
are in every case, normalized with the morphology on (case forms of variants replaced)
and off (whole forms only), side by side.

    python benchmarks/normalize_speed.py [--mb 50] [--ru-mb 10] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import re
import time

from onoma.glossary.model import Entry, Glossary
from onoma.normalize.core import Normalizer
from onoma.normalize.match import fold_for_scan

SYLLABLES = "ar ba ga da ha va za ka la ma na pa ra sa ta ho vo ke le mi ni si ti zu ru".split()
FILLER = (
    "the ministry said on Thursday that forces near the city were repelled and that talks "
    "would continue in the capital while observers reported heavy fighting in the region "
    "and officials urged calm as the government met to discuss the situation"
).split()


def make_glossary(size: int, rng: random.Random) -> Glossary:
    """``size`` entries with invented Armenian-style surnames and two variants each,
    made the way real variants differ: a doubled consonant, and -ian for -yan."""
    entries, seen = [], set()
    while len(entries) < size:
        stem = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        name = stem.capitalize() + "yan"
        if name in seen:
            continue
        seen.add(name)
        doubled = stem[0] + stem[1] * 2 + stem[2:] if len(stem) > 2 else stem + stem[-1]
        variants = (doubled.capitalize() + "yan", stem.capitalize() + "ian")
        entries.append(Entry(f"e{len(entries)}", "person", {"en": name}, {"en": variants}))
    return Glossary(entries)


def make_corpus(glossary: Glossary, megabytes: float, rng: random.Random) -> str:
    """Article-like text: sentences of about 20 words, each naming one entry; a quarter
    of the names are spelled with a variant, some with a possessive or comma."""
    entries = list(glossary)
    parts: list[str] = []
    size = 0
    target = int(megabytes * 1_000_000)
    while size < target:
        entry = rng.choice(entries)
        if rng.random() < 0.25:
            form = rng.choice(entry.variants["en"])
        else:
            form = entry.names["en"]
        words = rng.sample(FILLER, 19)
        words.insert(rng.randrange(20), form + rng.choice(["", "", "'s", ","]))
        sentence = " ".join(words)
        sentence = sentence[0].upper() + sentence[1:] + (".\n\n" if rng.random() < 0.1 else ". ")
        parts.append(sentence)
        size += len(sentence)
    return "".join(parts)


def best_of(runs: int, func, *args) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func(*args)
        times.append(time.perf_counter() - start)
    return min(times)


def best_interleaved(runs: int, *calls) -> list[float]:
    """The best time of each ``(func, *args)`` call over ``runs`` rounds, taking turns,
    so that drift in the machine's speed touches every contender alike."""
    best = [float("inf")] * len(calls)
    for _ in range(runs):
        for i, (func, *args) in enumerate(calls):
            start = time.perf_counter()
            func(*args)
            best[i] = min(best[i], time.perf_counter() - start)
    return best


def raw_scan(automaton, text: str) -> None:
    for _ in automaton.find_overlapping(fold_for_scan(text)):
        pass


def normalize_with_report(normalizer: Normalizer, text: str) -> int:
    """Normalize and build the change report (line and column of every replacement), as
    ``onoma normalize --json`` does."""
    return len(normalizer.normalize(text).changes)


def naive(glossary: Glossary, text: str) -> str:
    for entry in glossary:
        name = entry.names["en"]
        for variant in entry.variants.get("en", ()):
            text = re.sub(rf"\b{re.escape(variant)}\b", name, text, flags=re.IGNORECASE)
    return text


RU_SYLLABLES = "ар ба га да ха ва за ка ла ма на па ра са та хо во ке ле ми ни си ти зу".split()
RU_FILLER = (
    "министерство сообщило в четверг что силы вблизи города отбиты и переговоры "
    "продолжатся в столице пока наблюдатели сообщали о боях в регионе а чиновники "
    "призывали к спокойствию"
).split()


def russian_row(megabytes: float, rng: random.Random) -> None:
    """Normalize a Russian corpus of inflected names with and without the morphology."""
    from onoma.lang.inflect import inflect

    entries, seen = [], set()
    while len(entries) < 1000:
        stem = "".join(rng.choice(RU_SYLLABLES) for _ in range(rng.randint(2, 3)))
        if stem in seen:
            continue
        seen.add(stem)
        name = stem.capitalize() + "ян"
        variants = (stem[0].upper() + stem[1] * 2 + stem[2:] + "ян", stem.capitalize() + "ьян")
        entries.append(
            Entry(f"e{len(entries)}", "person", {"ru": name}, {"ru": variants}, gender="m")
        )
    glossary = Glossary(entries)
    parts, size = [], 0
    while size < megabytes * 1_000_000:
        entry = rng.choice(entries)
        form = rng.choice(entry.variants["ru"]) if rng.random() < 0.25 else entry.names["ru"]
        form = inflect(form, "ru", rng.choice(["nom", "gen", "dat", "ins", "loc"]), "person", "m")
        words = rng.sample(RU_FILLER, 19)
        words.insert(rng.randrange(20), form)
        sentence = " ".join(words)
        sentence = sentence[0].upper() + sentence[1:] + ". "
        parts.append(sentence)
        size += len(sentence.encode("utf-8"))
    text = "".join(parts)
    start = time.perf_counter()
    morphology = Normalizer(glossary, "ru", suggest=False)
    built = time.perf_counter() - start
    plain = Normalizer(glossary, "ru", suggest=False, inflect=False)
    t_plain, t_morph = best_interleaved(3, (plain.normalize, text), (morphology.normalize, text))
    changed = (len(plain.normalize(text).edits), len(morphology.normalize(text).edits))
    mb = size / 1e6
    print(
        f"\nru, 1,000 entries, {mb:.1f} MB: without morphology {mb / t_plain:.1f} MB/s "
        f"({changed[0]} replacements), with {mb / t_morph:.1f} MB/s ({changed[1]} "
        f"replacements); with/without time x{t_morph / t_plain:.2f}; case forms built in "
        f"{built:.1f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50.0, help="corpus size in MB")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--ru-mb", type=float, default=10.0, help="Russian corpus size in MB")
    parser.add_argument("--naive-kb", type=int, default=200, help="prefix size for the naive loop")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    print(
        f"{'entries':>8} {'onoma MB/s':>11} {'+report':>8} {'+suggest':>9} {'raw scan':>9} "
        f"{'naive':>8} {'onoma/raw':>10} {'+report/raw':>12} {'onoma/naive':>12}"
    )
    results = {}
    for size in (100, 10_000):
        glossary = make_glossary(size, rng)
        text = make_corpus(glossary, args.mb, rng)
        megabytes = len(text.encode("utf-8")) / 1e6
        normalizer = Normalizer(glossary, "en", suggest=False)
        suggesting = Normalizer(glossary, "en", suggest=True)
        t_onoma, t_report, t_raw = best_interleaved(
            3,
            (normalizer.normalize, text),
            (normalize_with_report, normalizer, text),
            (raw_scan, normalizer.matcher.automaton, text),
        )
        t_suggest = best_of(1, suggesting.normalize, text)
        prefix = text[: args.naive_kb * 1000]
        prefix_mb = len(prefix.encode("utf-8")) / 1e6
        t_naive = best_of(1, naive, glossary, prefix)
        t_onoma_prefix = best_of(3, normalizer.normalize, prefix)
        mbps = {
            "onoma": megabytes / t_onoma,
            "report": megabytes / t_report,
            "suggest": megabytes / t_suggest,
            "raw": megabytes / t_raw,
            "naive": prefix_mb / t_naive,
        }
        results[size] = (glossary, text, normalizer, mbps)
        print(
            f"{size:>8} {mbps['onoma']:>11.1f} {mbps['report']:>8.1f} {mbps['suggest']:>9.1f} "
            f"{mbps['raw']:>9.1f} {mbps['naive']:>8.3f} {mbps['onoma'] / mbps['raw']:>10.2f} "
            f"{mbps['report'] / mbps['raw']:>12.2f} {t_naive / t_onoma_prefix:>12.0f}x"
        )
    print(
        f"\ncorpus {megabytes:.1f} MB; naive loop timed on a {args.naive_kb} kB prefix "
        "(onoma/naive compares both on that prefix)"
    )
    small, large = results[100][3]["onoma"], results[10_000][3]["onoma"]
    print(f"glossary size 100 -> 10,000 entries: onoma throughput x{large / small:.2f}")
    _, text, normalizer, _ = results[10_000]
    print("linearity at 10,000 entries (time for a fraction of the corpus):")
    base = None
    for fraction in (0.25, 0.5, 1.0):
        part = text[: int(len(text) * fraction)]
        seconds = best_of(2, normalizer.normalize, part)
        base = base or seconds / fraction
        print(
            f"  {fraction:>4.0%}: {seconds:6.2f} s  (time / fraction vs 25%: "
            f"{seconds / fraction / base:.2f})"
        )
    russian_row(args.ru_mb, rng)


if __name__ == "__main__":
    main()
