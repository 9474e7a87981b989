"""Exact-match accuracy of onoma's declension of names, per language and case, on the
hand-written tables of tests/data/inflect_LANG.tsv, next to two baselines: pymorphy3 alone
for Russian (each word's first dictionary parse inflected, its own guesses for unknown
surnames) and a naive "append the ending" for Armenian and Azerbaijani (the ending that
follows a consonant, with Azerbaijani vowel harmony, glued to the last word).

With --corpus, also the Russian news corpus factRuEval-2016 (gold Person and Location
spans): each gold name word is analysed against the bases of the corpus (the distinct
gold spellings); where the analyser proposes a base other than the word itself, the
proposal counts as right when pymorphy3's lemma of the word is the base's lemma, and
--sample N proposals (and every disagreement) are printed with their context for
judging by hand.

    python benchmarks/inflect_accuracy.py [--corpus PATH] [--sample N]
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from inflect_tables import table

from onoma.lang.inflect import InflectError, analyse, inflect
from onoma.lang.inflect.ru import GRAMMEMES, analyzer
from onoma.lang.inflect.rules import harmonize

NAIVE = {
    "hy": {"gen": "ի", "dat": "ի", "abl": "ից", "ins": "ով", "loc": "ում", "nom.def": "ը",
           "dat.def": "ին"},
    "az": {"gen": "In", "dat": "A", "acc": "I", "loc": "dA", "abl": "dAn"},
}  # fmt: skip


def pymorphy_alone(form: str, case: str) -> str:
    """Each word's first pymorphy3 parse inflected to ``case`` (the word kept if it cannot)."""
    words = []
    for word in form.split(" "):
        parsed = analyzer().parse(word)[0].inflect({GRAMMEMES[case]})
        text = parsed.word if parsed else word
        words.append(text[:1].upper() + text[1:] if word[:1].isupper() else text)
    return " ".join(words)


def naive(form: str, lang: str, key: str) -> str:
    if key == "nom":
        return form
    ending = NAIVE[lang][key]
    return form + (harmonize(form, ending) if lang == "az" else ending)


def onoma_form(row, lang: str, key: str) -> str:
    case, _, article = key.partition(".")
    try:
        return inflect(
            row.form, lang, case, type=row.type, gender=row.gender, definite=bool(article)
        )
    except InflectError:
        return "-"


def tables() -> None:
    print("Exact matches on the declension tables (onoma | baseline)")
    for lang in ("ru", "hy", "az"):
        rows = table(lang)
        hits: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        for row in rows:
            for key, want in row.cases.items():
                if want == "-":
                    continue
                base = pymorphy_alone(row.form, key) if lang == "ru" else naive(row.form, lang, key)
                tally = hits[key]
                tally[0] += onoma_form(row, lang, key) == want
                tally[1] += base == want
                tally[2] += 1
        name = "pymorphy3 alone" if lang == "ru" else "append the ending"
        total = [sum(t[i] for t in hits.values()) for i in range(3)]
        print(f"\n{lang}: {len(rows)} names; baseline: {name}")
        for key, (ours, theirs, count) in [*hits.items(), ("all", total)]:
            print(f"  {key:8} {ours / count:7.1%} | {theirs / count:7.1%}   ({count} forms)")


def corpus(path: Path, sample: int) -> None:
    """Gold names of factRuEval: how often the analyser's proposed base is right."""
    mentions: list[tuple[str, str, str]] = []  # word, type, context
    kinds = {"name": "person", "surname": "person", "loc_name": "place"}
    for spans in sorted(path.glob("*.spans")):
        text = spans.with_suffix(".txt").read_text("utf-8")
        for line in spans.read_text("utf-8").splitlines():
            cells = line.split()
            if len(cells) < 4 or cells[1] not in kinds:
                continue
            start, length = int(cells[2]), int(cells[3])
            word = text[start : start + length]
            if word[:1].isupper() and " " not in word:
                mentions.append(
                    (word, kinds[cells[1]], text[max(0, start - 30) : start + length + 20])
                )
    bases: dict[str, set[str]] = defaultdict(set)
    for word, kind, _ in mentions:
        bases[kind].add(word)
    proposed, right, ambiguous = [], 0, 0
    for word, kind, context in mentions:
        others = sorted(b for b in bases[kind] if b != word)
        readings = [r for r in analyse(word, "ru", others, type=kind) if r.case != "nom"]
        found = sorted({r.base for r in readings})
        if not found:
            continue
        if len(found) > 1:
            ambiguous += 1
            continue
        lemma = analyzer().parse(word)[0].normal_form
        ok = analyzer().parse(found[0])[0].normal_form == lemma
        right += ok
        proposed.append((word, found[0], "/".join(sorted({r.case for r in readings})), ok, context))
    print(f"\nfactRuEval {path.name}: {len(mentions)} gold name words (Person, Location)")
    print(
        f"  a single base proposed for {len(proposed)}, agreeing with pymorphy3's lemma: "
        f"{right} ({right / max(1, len(proposed)):.1%}); several bases proposed: {ambiguous}"
    )
    shown = random.Random(1).sample(proposed, min(sample, len(proposed)))
    shown += [p for p in proposed if not p[3] and p not in shown]
    for word, base, cases, ok, context in shown:
        flat = " ".join(context.split())
        print(f"  {'ok ' if ok else 'DIFF'} {word} -> {base} [{cases}]  …{flat}…")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="the factRuEval-2016 folder (*.spans, *.txt)")
    parser.add_argument("--sample", type=int, default=40, help="proposals printed for judging")
    args = parser.parse_args()
    tables()
    if args.corpus:
        corpus(args.corpus, args.sample)


if __name__ == "__main__":
    main()
