"""Build src/onoma/translit/names_hy.txt: Armenian-script words attested in open name lists.

Sources (all shippable, credited in the file's header and the README): Who's On First
place names of Armenia and Azerbaijan (only values whose ``script_hy`` is Armn), CLDR
territory and city names, and Wikidata labels of Azerbaijan's members of parliament
(everypolitician). One lower-case word a line, sorted.

    python scripts/build_name_lexicon.py /work/shared/data/names
"""

from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "onoma" / "translit" / "names_hy.txt"
WORD = re.compile(r"[\u0531-\u0556\u0561-\u0587]{3,}")
SOURCES = {
    "wof_admin_am_places_hy_ru_az_en.tsv": ("name_hy", "variants_hy"),
    "wof_admin_az_places_hy_ru_az_en.tsv": ("name_hy", "variants_hy"),
    "cldr_territories_cities_hy_az_ru_en.tsv": ("name_hy",),
    "ep_azerbaijan_na_wikidata_names_az_en_ru_hy.tsv": ("name_hy",),
}
HEADER = (
    "# Armenian-script words attested in open name lists, one a line: Who's On First place"
    " names (CC-BY 4.0 / CC0, whosonfirst-data-admin-am and -az), CLDR 47 (Unicode License"
    " v3), Wikidata labels via everypolitician (CC0). Built by scripts/build_name_lexicon.py."
)


def words(folder: Path) -> set[str]:
    """The Armenian words of every source file in ``folder``."""
    found: set[str] = set()
    for name, columns in SOURCES.items():
        with (folder / name).open(encoding="utf-8", newline="") as handle:
            lines = [line for line in handle if not line.startswith("#")]
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row.get("script_hy", "Armn") not in ("Armn", ""):
                continue
            for column in columns:
                found.update(w.lower() for w in WORD.findall(row.get(column) or ""))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="folder with the name lists")
    args = parser.parse_args()
    found = words(args.folder)
    OUT.write_text(HEADER + "\n" + "\n".join(sorted(found)) + "\n", encoding="utf-8")
    print(f"{len(found)} words -> {OUT}")


if __name__ == "__main__":
    main()
