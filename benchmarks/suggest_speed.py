"""Speed of ``onoma glossary suggest`` on a generated 20 MB corpus.

Writes article-like files full of Armenian- and Azerbaijani-style names, each name
also spelled with romanization variants (-ian/-yan, doubled letters, dropped h, ou/u,
ts/tz, gh/g, swapped letters), then loads a glossary holding one name in ten, scans
and clusters the corpus the way the command does, and prints the times. The corpus
size stays fixed while the number of distinct names grows (1x, 2x, 4x by default):
the ratios show how clustering time grows with the number of distinct spellings.

    python benchmarks/suggest_speed.py                  # 20 MB, 4000/8000/16000 names
    python benchmarks/suggest_speed.py --size-mb 5 --names 1000 --scales 1,2
    python benchmarks/suggest_speed.py --lang ru        # the names in Cyrillic, declined
    python benchmarks/suggest_speed.py --jobs 1,2       # also the whole command, per --jobs

With ``--lang ru`` the names are written in Cyrillic (onoma's press transliteration)
and two mentions in five of a name ending in a consonant carry a case ending
(Акопяна, Акопяну, Акопяном), so that the inflection checks run too.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

FILLER = """the a of to and in that for on with as by at from is was were are has have had
will would said says told officials government forces city region village area troops border
ministry statement report meeting talks week day morning evening new first second last
other several many local national military civilian people country capital office press
during after before since while near around against between about over under into also
more most some this that these those which who when where there their its his her our
they we it not only but still however again already later today yesterday""".split()
OPENERS = ["The", "On", "In", "According", "Officials", "Meanwhile", "Later", "Earlier", "It"]
TITLES = ["President", "Minister", "General", "Colonel", "Ambassador", "Mayor", ""]
ONSETS = ["", "h", "k", "kh", "g", "gh", "t", "ts", "s", "sh", "m", "n", "v", "b", "p", "d", "z"]
VOWELS = ["a", "e", "i", "o", "u", "a", "e", "o"]
CODAS = ["", "r", "n", "s", "k", "t", "m", "rt", "sk", "ts", "gh", "kh", "l"]
SUFFIXES = ["yan", "yan", "yan", "yan", "ov", "ev", "li", "ashen", "avan", "akert"]
CASE_ENDINGS = ["а", "у", "ом", "е"]
"""Russian case endings of a name ending in a consonant (--lang ru)."""
GLOSSARY_SHARE = 10
"""One name in this many is in the glossary given to suggest (with one variant)."""


def make_base(rng: random.Random) -> str:
    syllables = rng.randint(2, 3)
    root = "".join(
        rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS) for _ in range(syllables)
    )
    return (root + rng.choice(SUFFIXES)).capitalize()


VARIANT_RULES = [
    ("yan", "ian"),
    ("yan", "iyan"),
    ("ts", "tz"),
    ("gh", "g"),
    ("kh", "x"),
    ("u", "ou"),
    ("ov", "off"),
    ("ev", "yev"),
]


def make_variant(rng: random.Random, name: str) -> str:
    for _ in range(6):
        kind = rng.random()
        if kind < 0.5:
            old, new = rng.choice(VARIANT_RULES)
            if old in name[1:]:
                cut = name.index(old, 1)
                candidate = name[:cut] + new + name[cut + len(old) :]
            else:
                continue
        elif kind < 0.7:
            i = rng.randrange(1, len(name) - 1)
            candidate = name[: i + 1] + name[i] + name[i + 1 :]
        elif kind < 0.85 and "h" in name[1:]:
            i = name.index("h", 1)
            candidate = name[:i] + name[i + 1 :]
        else:
            i = rng.randrange(1, len(name) - 2)
            candidate = name[:i] + name[i + 1] + name[i] + name[i + 2 :]
        if candidate != name:
            return candidate
    return name + "n"


def make_names(rng: random.Random, count: int) -> list[list[str]]:
    """``count`` distinct names, each with 1 to 3 variant spellings after it."""
    seen: set[str] = set()
    names = []
    while len(names) < count:
        base = make_base(rng)
        if base in seen:
            continue
        seen.add(base)
        spellings = [base]
        for _ in range(rng.randint(1, 3)):
            spellings.append(make_variant(rng, base))
        names.append(spellings)
    return names


def in_cyrillic(names: list[list[str]]) -> list[list[str]]:
    """The names and their spellings written in Cyrillic (spellings that fall together
    once transliterated are kept once)."""
    from onoma.translit import transliterate

    return [
        list(dict.fromkeys(transliterate(s, to="cyrl", lang="en") for s in spellings))
        for spellings in names
    ]


def decline(name: str, rng: random.Random) -> str:
    """``name`` with a Russian case ending two times in five, when it ends in a consonant."""
    if name[-1] not in "аеёиоуыэюяь" and rng.random() < 0.4:
        return name + rng.choice(CASE_ENDINGS)
    return name


def make_corpus(
    folder: Path, names: list[list[str]], size: int, rng: random.Random, lang: str = "en"
) -> int:
    """Write files of article-like text until ``size`` bytes; returns the bytes written."""
    from itertools import accumulate

    cumulative = list(accumulate(1 / (rank + 1) ** 0.8 for rank in range(len(names))))
    fragments = [" ".join(rng.choices(FILLER, k=rng.randint(2, 6))) for _ in range(5000)]
    written, number = 0, 0
    while written < size:
        picks = rng.choices(names, cum_weights=cumulative, k=400)
        sentences = []
        for spellings in picks:
            variant = len(spellings) > 1 and rng.random() >= 0.8
            name = rng.choice(spellings[1:]) if variant else spellings[0]
            if lang == "ru":
                name = decline(name, rng)
            mention = f"{rng.choice(TITLES)} {name}".strip()
            if lang == "en" and rng.random() < 0.15:
                mention += "’s"
            sentences.append(
                f"{rng.choice(OPENERS)} {rng.choice(fragments)} {mention} {rng.choice(fragments)}."
            )
        paragraphs = [" ".join(sentences[i : i + 5]) for i in range(0, len(sentences), 5)]
        text = "\n\n".join(paragraphs) + "\n"
        (folder / f"article_{number:05d}.txt").write_text(text, encoding="utf-8")
        written += len(text.encode("utf-8"))
        number += 1
    return written


def run(
    size_mb: float, distinct: int, seed: int, lang: str = "en", jobs: tuple[int, ...] = ()
) -> dict[str, float]:
    from onoma.curate.ids import slug
    from onoma.curate.suggest.candidates import scan_corpus
    from onoma.curate.suggest.clusters import cluster_spellings
    from onoma.curate.suggest.report import render_json
    from onoma.glossary import load_glossaries
    from onoma.glossary.fmt import format_entries
    from onoma.glossary.model import Entry

    rng = random.Random(seed)
    names = make_names(rng, distinct)
    ids = [slug(spellings[0]) for spellings in names]
    if lang == "ru":
        names = in_cyrillic(names)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        size = make_corpus(folder, names, int(size_mb * 1024 * 1024), rng, lang)
        known = [
            Entry(ids[i], "person", {lang: names[i][0]}, {lang: tuple(names[i][1:2])})
            for i in range(0, len(names), GLOSSARY_SHARE)
        ]
        glossary_file = Path(tmp) / "glossary.yaml"
        glossary_file.write_text(format_entries(known), encoding="utf-8")
        start = time.perf_counter()
        glossary = load_glossaries([glossary_file])
        scan, files = scan_corpus([folder], glossary, lang)
        spellings = scan.spellings()
        scanned = time.perf_counter()
        clusters = cluster_spellings(spellings.values(), glossary, lang)
        expected = render_json(clusters)
        done = time.perf_counter()
        commands = {n: whole_command(folder, glossary_file, lang, n, expected) for n in jobs}
    return {
        "jobs": commands,
        "names": distinct,
        "bytes": size,
        "files": files,
        "spellings": len(spellings),
        "clusters": len(clusters),
        "scan": scanned - start,
        "cluster": done - scanned,
        "total": done - start,
    }


def whole_command(folder: Path, glossary: Path, lang: str, jobs: int, expected: str) -> float:
    """Seconds ``onoma glossary suggest --jobs JOBS`` takes in a fresh interpreter
    (best of three); its JSON must be the one made in this process."""
    import subprocess

    command = [sys.executable, "-m", "onoma", "glossary", "suggest", str(folder)]
    command += ["-g", str(glossary), "--lang", lang, "--json", "--jobs", str(jobs)]
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        best = min(best, time.perf_counter() - start)
        if done.stdout.strip() != expected.strip():
            raise SystemExit(f"--jobs {jobs}: another result than in this process")
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=float, default=20.0, help="Corpus size (default 20).")
    parser.add_argument("--names", type=int, default=4000, help="Distinct names at scale 1x.")
    parser.add_argument("--scales", default="1,2,4", help="Multiples of --names to run.")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--limit", type=float, default=60.0, help="Seconds allowed per run.")
    parser.add_argument("--lang", choices=("en", "ru"), default="en", help="Corpus language.")
    parser.add_argument("--jobs", default="", help="Also time the command with these --jobs.")
    args = parser.parse_args(argv)
    jobs = tuple(int(n) for n in args.jobs.split(",") if n)
    scales = [int(s) for s in args.scales.split(",")]
    results = []
    print(
        f"{'names':>7} {'MB':>6} {'files':>6} {'spellings':>9} {'clusters':>8} "
        f"{'load+scan s':>11} {'cluster s':>9} {'total s':>8}"
    )
    for scale in scales:
        r = run(args.size_mb, args.names * scale, args.seed, args.lang, jobs)
        results.append(r)
        print(
            f"{r['names']:>7} {r['bytes'] / 2**20:>6.1f} {r['files']:>6} {r['spellings']:>9} "
            f"{r['clusters']:>8} {r['scan']:>11.2f} {r['cluster']:>9.2f} {r['total']:>8.2f}",
            flush=True,
        )
        if r["jobs"]:
            one = r["jobs"].get(1)
            timing = ", ".join(
                f"--jobs {n}: {t:.2f} s" + (f" ({one / t:.2f}x --jobs 1)" if one and n != 1 else "")
                for n, t in r["jobs"].items()
            )
            print(f"        whole command, same JSON: {timing}", flush=True)
    base = results[0]
    for r in results[1:]:
        print(
            f"{r['names'] // base['names']}x names: {r['spellings'] / base['spellings']:.2f}x "
            f"spellings, clustering {r['cluster'] / base['cluster']:.2f}x time "
            f"({r['cluster'] / r['spellings'] * 1e6:.0f} µs per spelling, "
            f"{base['cluster'] / base['spellings'] * 1e6:.0f} at 1x), "
            f"total {r['total'] / base['total']:.2f}x"
        )
    slowest = max(r["total"] for r in results)
    verdict = "OK" if slowest < args.limit else "TOO SLOW"
    print(f"slowest run {slowest:.1f} s (limit {args.limit:.0f} s): {verdict}")
    return 0 if slowest < args.limit else 1


if __name__ == "__main__":
    sys.exit(main())
