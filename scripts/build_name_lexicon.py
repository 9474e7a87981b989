"""Build the Armenian lexicons that choose among spellings press Latin cannot tell apart.

``src/onoma/translit/names_hy.txt``: Armenian-script words of open name lists: Who's On
First place names of Armenia and Azerbaijan (only values whose ``script_hy`` is Armn),
CLDR territory and city names, and Wikidata labels of Azerbaijan's members of parliament
(everypolitician).

``src/onoma/translit/words_hy.txt`` (with ``--wordlist``): words that Armenian web text
writes with a capital (names, and words that open a sentence) and that hold one of the
letters Latin cannot tell apart, from the word list of Tesseract's Armenian model
(tessdata_fast ``hye.traineddata``, Apache-2.0; Debian package ``tesseract-ocr-hye``).
Its list holds no frequencies: an attested spelling is a spelling that occurs. To make
the word list from the model (Debian: ``apt-get install tesseract-ocr``)::

    combine_tessdata -u hye.traineddata hye.
    dawg2wordlist hye.lstm-unicharset hye.lstm-word-dawg hye.wordlist

One lower-case word a line, sorted; «եւ» is written «և», as onoma writes it.

    python scripts/build_name_lexicon.py /work/shared/data/names [--wordlist hye.wordlist]
"""

from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent / "src" / "onoma" / "translit"
NAMES_OUT = HERE / "names_hy.txt"
WORDS_OUT = HERE / "words_hy.txt"
WORD = re.compile(r"[\u0531-\u0556\u0561-\u0587]{3,}")
AMBIGUOUS = frozenset("կքտթպփչճցծրռ")
"""The letters of the lattice in onoma.translit.attested: other words are never looked up."""
SOURCES = {
    "wof_admin_am_places_hy_ru_az_en.tsv": ("name_hy", "variants_hy"),
    "wof_admin_az_places_hy_ru_az_en.tsv": ("name_hy", "variants_hy"),
    "cldr_territories_cities_hy_az_ru_en.tsv": ("name_hy",),
    "ep_azerbaijan_na_wikidata_names_az_en_ru_hy.tsv": ("name_hy",),
}
NAMES_HEADER = (
    "# Armenian-script words attested in open name lists, one a line: Who's On First place"
    " names (CC-BY 4.0 / CC0, whosonfirst-data-admin-am and -az), CLDR 47 (Unicode License"
    " v3), Wikidata labels via everypolitician (CC0). Built by scripts/build_name_lexicon.py."
)
WORDS_HEADER = (
    "# Armenian words written with a capital in web text, holding a letter press Latin does"
    " not tell apart, one a line, lower case. From the word list of Tesseract's Armenian"
    " model, tessdata_fast hye.traineddata, Copyright 2006-2022 Google Inc., Apache License"
    " 2.0 (https://www.apache.org/licenses/LICENSE-2.0; https://github.com/tesseract-ocr/"
    "tessdata_fast). Selected and lower-cased by scripts/build_name_lexicon.py."
)


def fold(word: str) -> str:
    """Lower case, «եւ» as «և» (the word lists write both)."""
    return word.lower().replace("եւ", "և")


def name_words(folder: Path) -> set[str]:
    """The Armenian words of every name list in ``folder``."""
    found: set[str] = set()
    for name, columns in SOURCES.items():
        with (folder / name).open(encoding="utf-8", newline="") as handle:
            lines = [line for line in handle if not line.startswith("#")]
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row.get("script_hy", "Armn") not in ("Armn", ""):
                continue
            for column in columns:
                found.update(fold(w) for w in WORD.findall(row.get(column) or ""))
    return found


def capitalized_words(wordlist: Path) -> set[str]:
    """Words of ``wordlist`` written with a capital and then small letters (Թորոսյան,
    not ԹՈՐՈՍՅԱՆ, which is any word in a headline), holding an ambiguous letter."""
    found: set[str] = set()
    for line in wordlist.read_text("utf-8").splitlines():
        word = line.strip()
        if WORD.fullmatch(word) and word[0].isupper() and word[1:].islower():
            folded = fold(word)
            if AMBIGUOUS.intersection(folded):
                found.add(folded)
    return found


def write(path: Path, header: str, words: set[str]) -> None:
    path.write_text(header + "\n" + "\n".join(sorted(words)) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="folder with the name lists")
    parser.add_argument("--wordlist", type=Path, help="Tesseract's hye.wordlist (see above)")
    args = parser.parse_args()
    write(NAMES_OUT, NAMES_HEADER, name_words(args.folder))
    if args.wordlist:
        write(WORDS_OUT, WORDS_HEADER, capitalized_words(args.wordlist))


if __name__ == "__main__":
    main()
