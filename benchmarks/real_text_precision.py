"""Precision of likely variants, `normalize --fuzzy` and `glossary suggest` on real news.

    python benchmarks/real_text_precision.py CORPUS_DIR [--names DIR] [--baseline SRC]

CORPUS_DIR holds factRuEval-2016 texts (``*.txt`` with ``.spans`` and ``.objects``, gold
entity spans; Russian) or a CoNLL-2003 file (``*.conll03``, IOB tags PER/ORG/LOC; the
pioNER Armenian set is tagged automatically: its labels are silver). The glossary is
the shipped one plus the places and people of the name lists in ``--names`` (CLDR,
Who's On First, everypolitician), written to a temporary folder only: some lists are
for evaluation, never for the project. Each figure comes from the ``onoma`` command of
this source tree and, with ``--baseline SRC``, from another source tree (an older
checkout) side by side, on the same texts and glossary.

Figures: likely variants reported and `--fuzzy` replacements, and how many of them lie
on a gold entity of a type compatible with the entry (the rest are false); for
`suggest`, clusters with several spellings, the share whose spellings are all gold
entities of one type, and the share of their spellings that are gold entities at all.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
COMPATIBLE = {
    "person": {"Person", "PER"},
    "place": {"Location", "LocOrg", "LOC"},
    "organization": {"Org", "LocOrg", "ORG"},
}
COARSE = {"Person": "PER", "Location": "LOC", "LocOrg": "LOC", "Org": "ORG"}
"""factRuEval's types as CoNLL ones: a LocOrg is a place standing for its government."""
Gold = tuple[dict[str, list[tuple[int, int, str]]], dict[str, set[str]]]
"""Per file name: gold spans (start, end, type); per case-folded surface: its types."""


def read_factrueval(folder: Path, out: Path) -> tuple[Gold, str]:
    """Copy the texts to ``out`` and read their gold spans."""
    spans_of: dict[str, list[tuple[int, int, str]]] = {}
    surfaces: dict[str, set[str]] = defaultdict(set)
    for txt in sorted(folder.glob("*.txt")):
        text = txt.read_text("utf-8")
        (out / txt.name).write_text(text, "utf-8")
        spans = {}
        for line in (folder / f"{txt.stem}.spans").read_text("utf-8").splitlines():
            fields = line.split("#")[0].split()
            if len(fields) >= 4:
                spans[fields[0]] = (int(fields[2]), int(fields[2]) + int(fields[3]))
        found = []
        for line in (folder / f"{txt.stem}.objects").read_text("utf-8").splitlines():
            fields = line.split("#")[0].split()
            if len(fields) < 3:
                continue
            kind, parts = fields[1], [spans[s] for s in fields[2:] if s in spans]
            for start, end in parts:
                found.append((start, end, kind))
                surfaces[text[start:end].casefold()].add(kind)
            if parts:
                start, end = min(p[0] for p in parts), max(p[1] for p in parts)
                found.append((start, end, kind))
                surfaces[" ".join(text[start:end].split()).casefold()].add(kind)
        spans_of[txt.name] = found
    return (spans_of, surfaces), "ru"


def read_conll(path: Path, out: Path, per_file: int = 100) -> tuple[Gold, str]:
    """Write the sentences of a CoNLL-2003 file as texts (one a line) with gold spans."""
    sentences, tokens = [], []
    for line in [*path.read_text("utf-8").splitlines(), ""]:
        if not line.strip():
            if tokens:
                sentences.append(tokens)
            tokens = []
        elif not line.startswith("-DOCSTART-"):
            fields = line.split()
            tokens.append((fields[0], fields[-1]))
    spans_of: dict[str, list[tuple[int, int, str]]] = {}
    surfaces: dict[str, set[str]] = defaultdict(set)
    for n in range(0, len(sentences), per_file):
        text, found = "", []
        for sentence in sentences[n : n + per_file]:
            entity: list = []
            for token, tag in [*sentence, ("", "O")]:
                if entity and not tag.startswith("I-"):
                    start, end, kind = entity[0][0], entity[-1][1], entity[0][2]
                    found.append((start, end, kind))
                    surfaces[text[start:end].casefold()].add(kind)
                    entity = []
                if not token:
                    break
                start = len(text)
                text += token + " "
                if tag != "O":
                    entity.append((start, start + len(token), tag[2:]))
            text = text.rstrip() + "\n"
        name = f"part_{n // per_file:03d}.txt"
        (out / name).write_text(text, "utf-8")
        spans_of[name] = found
    lang = "hy" if re.search("[\u0531-\u058f]", path.read_text("utf-8")[:5000]) else "en"
    return (spans_of, surfaces), lang


def build_glossary(names: Path | None, out: Path) -> dict[str, str]:
    """The shipped glossary plus the name lists as one file in ``out``; id -> type."""
    sys.path.insert(0, str(HERE / "src"))
    from onoma.glossary import load_glossaries

    entries, taken = [], set()

    def add(kind: str, names_by_lang: dict[str, str], variants: dict | None = None) -> None:
        clean = {k: " ".join(v.split()) for k, v in names_by_lang.items() if v and v.strip()}
        clean = {k: v for k, v in clean.items() if v[0].isupper() and v.casefold() not in taken}
        if not clean:
            return
        taken.update(v.casefold() for v in clean.values())
        entry = {"id": f"e{len(entries)}", "type": kind, "names": clean}
        if variants:
            entry["variants"] = variants
        entries.append(entry)

    for entry in load_glossaries():
        forms = {f.casefold() for _l, f, _w in entry.all_forms()}
        if forms & taken:
            continue
        taken.update(forms)
        variants = {k: list(v) for k, v in entry.variants.items() if v}
        entries.append({"id": entry.id, "type": entry.type, "names": dict(entry.names)})
        if variants:
            entries[-1]["variants"] = variants
    for path in sorted(names.glob("*.tsv")) if names else []:
        rows = csv.DictReader(
            (line for line in path.open(encoding="utf-8") if not line.startswith("# ")),
            delimiter="\t",
        )
        for row in rows:
            if path.name.startswith(("cldr", "wof")):
                hy = row.get("name_hy", "") if row.get("script_hy", "Armn") == "Armn" else ""
                ru = row.get("name_ru", "") if row.get("script_ru", "Cyrl") == "Cyrl" else ""
                add("place", {"en": row.get("name_en", ""), "hy": hy, "ru": ru})
            elif path.name.startswith("ep_"):
                _person(row, add)
    (out / "glossary.yaml").write_text(json.dumps(entries, ensure_ascii=False), "utf-8")
    return {e["id"]: e["type"] for e in entries}


def joined_corpus(corpus: Path, names: Path | None, root: Path) -> tuple[Path, str, str]:
    """For the speed benchmarks: the glossary above written to ``root``, the corpus's
    texts joined into one (read from where they are, written to ``root`` only), and
    the corpus's language."""
    texts = root / "texts"
    texts.mkdir()
    conll = sorted(corpus.glob("*.conll03"))
    _gold, lang = read_conll(conll[0], texts) if conll else read_factrueval(corpus, texts)
    build_glossary(names, root)
    joined = "\n\n".join(p.read_text("utf-8") for p in sorted(texts.iterdir()))
    return root / "glossary.yaml", joined, lang


def _person(row: dict[str, str], add) -> None:
    """A person entry (given name and surname, no patronymic) and one per word."""
    forms = {}
    for lang in ("en", "hy", "ru"):
        value = row.get(f"name_{lang}_full") or row.get(f"name_{lang}") or ""
        if "," in value:  # Магеррамов, Абель Мамедали оглы
            surname, rest = value.split(",", 1)
            value = f"{rest.split()[0]} {surname}" if rest.split() else surname
        words = value.split()
        if len(words) >= 2:
            forms[lang] = [words[0], words[-1]]
    if not forms:
        return
    add("person", {lang: " ".join(w) for lang, w in forms.items()})
    for part in (0, 1):
        add("person", {lang: w[part] for lang, w in forms.items()})


def run(src: Path, args: list[str]) -> dict:
    """``onoma ARGS --json`` of the source tree ``src``."""
    env = {**os.environ, "PYTHONPATH": str(src / "src")}
    done = subprocess.run(
        [sys.executable, "-m", "onoma", *args, "--json"],
        env=env,
        capture_output=True,
        text=True,
        cwd=src,
    )
    if done.returncode == 2 or not done.stdout.strip():
        sys.exit(f"onoma {' '.join(args)} failed in {src}: {done.stderr[-500:]}")
    return json.loads(done.stdout)


def _offsets(texts: Path) -> dict[str, list[int]]:
    found = {}
    for path in texts.glob("*.txt"):
        starts, pos = [], 0
        for line in path.read_text("utf-8").splitlines(keepends=True):
            starts.append(pos)
            pos += len(line)
        found[path.name] = starts
    return found


def _hit(spans, start: int, end: int, kind: str) -> bool:
    wanted = COMPATIBLE.get(kind)
    return any(s <= start and end <= e and (wanted is None or t in wanted) for s, e, t in spans)


def measure(
    src: Path, texts: Path, lang: str, glossary: Path, gold: Gold, types, show: bool
) -> dict:
    """The figures of one source tree."""
    spans_of, surfaces = gold
    offsets = _offsets(texts)
    base = ["--lang", lang, "--no-builtin", "-g", str(glossary)]
    figures: dict[str, float] = {}
    plain = run(src, ["normalize", str(texts), *base])
    fuzzy = run(src, ["normalize", str(texts), *base, "--fuzzy"])
    for label, report, key in (("variants", plain, "suggestions"), ("fuzzy", fuzzy, "changes")):
        exact = set()
        if key == "changes":
            exact = {
                (f["path"], c["line"], c["column"]) for f in plain["files"] for c in f["changes"]
            }
        total = good = 0
        for f in report["files"]:
            name = Path(f["path"]).name
            for item in f[key]:
                if (f["path"], item["line"], item["column"]) in exact:
                    continue
                start = offsets[name][item["line"] - 1] + item["column"] - 1
                end = start + len(item.get("text") or item["old"])
                total += 1
                ok = _hit(spans_of[name], start, end, types.get(item["id"], "other"))
                good += ok
                if show and not ok:
                    print(
                        f"false {label}: {name}:{item['line']} {item.get('text') or item['old']}"
                        f" -> {item.get('canonical') or item['new']}",
                        file=sys.stderr,
                    )
        figures[label], figures[f"{label} false"] = total, total - good
    report = run(src, ["glossary", "suggest", str(texts), *base])
    clusters = [c for c in report["clusters"] if len(c["spellings"]) > 1]
    pure = spelled = gold_spellings = 0
    for cluster in clusters:
        kinds = [
            {COARSE.get(k, k) for k in surfaces.get(s["text"].casefold(), ())}
            for s in cluster["spellings"]
        ]
        ok = bool(all(kinds) and set.intersection(*kinds))
        pure += ok
        if show and not ok:
            texts_ = [s["text"] for s in cluster["spellings"]]
            print(f"impure cluster: {cluster['canonical']}: {texts_}", file=sys.stderr)
        spelled += len(kinds)
        gold_spellings += sum(bool(k) for k in kinds)
    figures["clusters"] = len(clusters)
    figures["pure clusters %"] = round(100 * pure / max(1, len(clusters)), 1)
    figures["gold spellings %"] = round(100 * gold_spellings / max(1, spelled), 1)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="factRuEval folder or folder of *.conll03")
    parser.add_argument("--names", type=Path, help="folder of the name lists (*.tsv)")
    parser.add_argument("--baseline", type=Path, help="another onoma source tree to compare")
    parser.add_argument("--show", action="store_true", help="print each false hit on stderr")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        texts, glossary_dir = Path(tmp, "texts"), Path(tmp, "glossary")
        texts.mkdir()
        glossary_dir.mkdir()
        conll = sorted(args.corpus.glob("*.conll03"))
        if conll:
            gold, lang = read_conll(conll[0], texts)
        else:
            gold, lang = read_factrueval(args.corpus, texts)
        types = build_glossary(args.names, glossary_dir)
        glossary = glossary_dir / "glossary.yaml"
        trees = {"this tree": HERE}
        if args.baseline:
            trees["baseline"] = args.baseline.resolve()
        results = {
            name: measure(
                src, texts, lang, glossary, gold, types, args.show and name == "this tree"
            )
            for name, src in trees.items()
        }
    print(f"{args.corpus} ({lang}), glossary of {len(types)} entries")
    print(f"{'figure':<22}" + "".join(f"{name:>14}" for name in results))
    for figure in next(iter(results.values())):
        print(f"{figure:<22}" + "".join(f"{r[figure]:>14}" for r in results.values()))


if __name__ == "__main__":
    main()
