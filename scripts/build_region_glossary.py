"""Build the shipped glossary of the region from open name lists and a curated table.

Usage: python scripts/build_region_glossary.py [--names DIR] [--out DIR]

Reads the hand-curated table ``scripts/region_glossary.tsv`` (one entry a line:
file, id, en, hy, ru, az, source, variants, note, flags) and fills the forms a line leaves
empty from the open lists in DIR (CLDR 47 for countries and cities, Who's On First for
places in Armenia and Azerbaijan), or, for names no list covers, from onoma's own
transliteration. Every Armenian and Russian form is then compared with
``onoma translit``'s reading of the English one; disagreements are printed for review
(names the curator kept on purpose carry the source ``hand``). Writes one YAML file per
``file`` column into OUT (default: the package's glossary folder) and formats it.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from rapidfuzz.distance import Levenshtein
from unidecode import unidecode

import onoma
from onoma.glossary.fmt import format_text

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "scripts" / "region_glossary.tsv"
NAMES = Path("/work/shared/data/names")
LANGS = ("en", "hy", "ru", "az")
SCRIPT = {"hy": "Armn", "ru": "Cyrl", "az": "Latn"}
CLDR = "cldr_territories_cities_hy_az_ru_en.tsv"
EP_AZ = "ep_azerbaijan_na_wikidata_names_az_en_ru_hy.tsv"
WOF = {"am": "wof_admin_am_places_hy_ru_az_en.tsv", "az": "wof_admin_az_places_hy_ru_az_en.tsv"}
# Files whose hy and ru forms are transcriptions of the English one (not translations or
# exonyms), so that onoma translit's reading is a meaningful cross-check.
CHECKED = ("places-armenia", "places-karabakh", "people-armenia")
TYPES = {"places": "place", "people": "person", "organizations": "organization"}
HEADERS = {
    "places-armenia": "Provinces (marzer), cities and towns, and villages in the news, of Armenia.",
    "places-azerbaijan": "Districts (rayonlar) and cities of Azerbaijan, Nakhchivan included.",
    "places-karabakh": "Nagorno-Karabakh: its towns and villages under their Armenian and\n"
    "# Azerbaijani names. Which name is the English default is a style: see styles/.",
    "places-neighbours": "Countries, capitals and regions the region's news names most.",
    "people-armenia": "Armenia's heads of state and government, foreign and defence ministers\n"
    "# since 1991 (and Nagorno-Karabakh's leaders). Given names and surnames are\n"
    "# separate entries, so that a surname used alone is matched too.",
    "people-azerbaijan": "Azerbaijan's heads of state and government, foreign and defence\n"
    "# ministers since 1991. Given names and surnames are separate entries.",
    "organizations-region": "International organizations, parliaments, ministries and parties.",
}


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a tab-separated file, skipping ``#`` comment lines."""
    with path.open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def load_sources(folder: Path) -> dict[str, dict[str, dict[str, str]]]:
    """Look-up tables: ``cldr`` by code, ``wof`` by Wikidata id, with forms per language
    only where the list writes them in the language's own script."""
    cldr = {}
    for row in read_tsv(folder / CLDR):
        cldr[row["code"]] = {
            "en": row["name_en"],
            "hy": row["name_hy"],
            "ru": row["name_ru"],
            "az": row["name_az"],
        }
    wof: dict[str, dict[str, str]] = {}
    for name in WOF.values():
        for row in read_tsv(folder / name):
            qid = row["wikidata"]
            if not qid or qid in wof:
                continue
            forms = {"en": row["name_en"]}
            for lang, script in SCRIPT.items():
                if row[f"script_{lang}"] == script:
                    forms[lang] = row[f"name_{lang}"]
            wof[qid] = forms
    return {"cldr": cldr, "wof": wof, "ep": name_parts(folder / EP_AZ)}


def name_parts(path: Path) -> dict[str, dict[str, str]]:
    """Given names and surnames of Azerbaijan's members of parliament (Wikidata labels),
    by their Azerbaijani spelling: the Russian label is "Surname, Given Patronymic" or
    "Given Surname", the Armenian one "Given Surname". The first spelling met for a word is kept."""
    parts: dict[str, dict[str, str]] = {}
    for row in read_tsv(path):
        az = row["name_az"].split()
        if len(az) < 2:
            continue
        surname, comma, rest = row["name_ru"].partition(",")
        words = row["name_ru"].split()
        if comma:
            ru = ((rest.split() or [""])[0], surname.strip())
        else:
            ru = (words[0], words[-1]) if len(words) >= 2 else ("", "")
        hy = row["name_hy"].split()
        hy_pair = (hy[0], hy[-1]) if len(hy) >= 2 else ("", "")
        for index, word in ((0, az[0]), (1, az[-1])):
            found = parts.setdefault(word, {})
            for lang, value in (("ru", ru[index]), ("hy", hy_pair[index])):
                if value and lang not in found:
                    found[lang] = value
    return parts


def close(a: str, b: str) -> bool:
    """Whether two spellings read alike once folded to ASCII (a cross-check, not a rule)."""
    x, y = unidecode(a).lower(), unidecode(b).lower()
    return Levenshtein.normalized_distance(x, y) <= 0.34


def parse_variants(cell: str) -> dict[str, list[str]]:
    """``en:Aliev,Aliyev ru:Алиев`` -> per-language lists."""
    found: dict[str, list[str]] = {}
    for part in cell.split(";"):
        part = part.strip()
        if part:
            lang, _, values = part.partition(":")
            found[lang.strip()] = [v.strip() for v in values.split(",") if v.strip()]
    return found


def build_entry(row: dict[str, str], sources: dict, review: list[str]) -> dict:
    """One glossary entry from a table row, forms filled from its source."""
    kind, _, key = row["source"].partition(":")
    listed = sources.get(kind, {}).get(key, {}) if key else {}
    if key and not listed:
        sys.exit(f"{TABLE}: {row['id']}: {row['source']} not found in the name lists")
    names: dict[str, str] = {}
    origin: dict[str, str] = {}
    label = {"cldr": "CLDR 47", "wof": "Who's On First"}.get(kind, "")
    for lang in LANGS:
        value = row[lang].strip()
        if value == "-":
            continue
        if value:
            names[lang], origin[lang] = value, "hand"
        elif listed.get(lang) and (
            lang != "az"
            or row["file"] != "places-armenia"
            or close(listed["az"], names.get("en", ""))
        ):
            names[lang], origin[lang] = listed[lang], label
    from_az = names.get("az") if row["file"] in ("people-azerbaijan", "places-azerbaijan") else None
    for lang, to in (("en", "latn"), ("hy", "armn"), ("ru", "cyrl")):
        if lang not in names:
            if from_az:
                text = onoma.transliterate(from_az, to=to, lang="az", scheme="press")
            else:
                text = onoma.transliterate(names["en"], to=to, lang="en")
            names[lang], origin[lang] = text, "onoma translit"
    if "az" not in names and row["file"] not in ("organizations-region",):
        names["az"], origin["az"] = names["en"], "en"
    for lang in ("hy", "ru"):
        if origin[lang] != "onoma translit" and row["file"] in CHECKED:
            guess = onoma.transliterate(
                names["en"], to={"hy": "armn", "ru": "cyrl"}[lang], lang="en"
            )
            if guess != names[lang]:
                review.append(
                    f"{row['id']}: {lang} {names[lang]} ({origin[lang]}) vs translit {guess}"
                )
    if row["file"] == "people-azerbaijan":
        check_ep(row["id"], names, origin, sources["ep"].get(names["az"], {}), review)
    entry: dict = {"id": row["id"], "type": TYPES[row["file"].split("-")[0]], "names": names}
    variants = parse_variants(row["variants"])
    if variants:
        entry["variants"] = variants
    if (row.get("flags") or "") == "case_sensitive":
        # A name that is also an ordinary word in lower case (Armenian տեղ "place",
        # Russian тех "those", վանք "monastery"): match it in its written case only.
        entry["case_sensitive"] = True
    entry["note"] = describe(origin, label, row["note"])
    return entry


EP_LABEL = "everypolitician Azerbaijan (Wikidata labels, CC0)"


def check_ep(
    entry_id: str, names: dict, origin: dict, listed: dict[str, str], review: list[str]
) -> None:
    """Take a Russian or Armenian form of an Azerbaijani name from the Wikidata labels of
    Azerbaijan's members of parliament when the table leaves it to onoma translit, and
    report the hand-written forms the labels spell otherwise."""
    for lang, value in listed.items():
        if origin.get(lang) == "onoma translit":
            names[lang], origin[lang] = value, EP_LABEL
        elif names.get(lang) == value:
            origin[lang] = f"hand-curated, as in {EP_LABEL}"
        else:
            review.append(f"{entry_id}: {lang} {names.get(lang)} vs {EP_LABEL} {value}")


def describe(origin: dict[str, str], label: str, extra: str) -> str:
    """The entry's note: where each form comes from."""
    groups: dict[str, list[str]] = {}
    for lang, where in origin.items():
        groups.setdefault(where, []).append(lang)
    words = {
        "hand": "hand-curated",
        "onoma translit": "drafted with onoma translit and reviewed",
        "en": "written as in English",
        "CLDR 47": "CLDR 47",
        "Who's On First": "Who's On First (CC-BY, GeoNames/Wikidata)",
    }
    parts = [f"{', '.join(langs)}: {words.get(where, where)}" for where, langs in groups.items()]
    note = "source: " + "; ".join(parts)
    return f"{extra.strip()} {note}".strip() if extra.strip() else note


def to_yaml(entries: list[dict], header: str) -> str:
    """The entries as glossary YAML (then put in canonical layout by ``fmt``)."""
    import json

    out = [
        f"# {header}",
        "# Generated by scripts/build_region_glossary.py from scripts/region_glossary.tsv.",
        "",
    ]
    for entry in entries:
        out.append(f"- id: {entry['id']}")
        out.append(f"  type: {entry['type']}")
        out.append("  names:")
        for lang, value in entry["names"].items():
            out.append(f"    {lang}: {json.dumps(value, ensure_ascii=False)}")
        if entry.get("variants"):
            out.append("  variants:")
            for lang, values in entry["variants"].items():
                items = ", ".join(json.dumps(v, ensure_ascii=False) for v in values)
                out.append(f"    {lang}: [{items}]")
        if entry.get("case_sensitive"):
            out.append("  case_sensitive: true")
        out.append(f"  note: {json.dumps(entry['note'], ensure_ascii=False)}")
        out.append("")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=Path, default=NAMES, help="folder of the open name lists")
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "onoma" / "data" / "glossaries")
    args = parser.parse_args()
    sources = load_sources(args.names)
    review: list[str] = []
    files: dict[str, list[dict]] = {}
    for row in read_tsv(TABLE):
        files.setdefault(row["file"], []).append(build_entry(row, sources, review))
    for name, entries in files.items():
        path = args.out / f"{name}.yaml"
        text = to_yaml(entries, HEADERS[name])
        path.write_text(format_text(text, path), encoding="utf-8")
        print(f"{path}: {len(entries)} entries", file=sys.stderr)
    for line in review:
        print(f"review: {line}", file=sys.stderr)


if __name__ == "__main__":
    main()
