"""Exact-match accuracy of onoma's press transliteration against published name forms.

Armenian names (tests/data/translit_names.tsv): English press spelling -> Armenian and
-> Russian, and Armenian -> press Latin. Azerbaijani names (tests/data/translit_az_names.tsv):
Azerbaijani Latin -> English press spelling and -> Russian press form. Each is compared with
ICU's own transforms (Latin-Armenian, Latin-Cyrillic, Latin-Russian/BGN, Any-Latin;
Latin-ASCII) and with onoma's rules without the exceptions file; the names onoma gets wrong
are listed.

``--names FILE`` adds a list of names nobody on the project wrote (columns kind, en, hy,
ru, source; several en or ru forms joined by ``|``, lines starting with ``#`` skipped):
its figures are printed per direction next to the project's own list's, with ICU's. The
official Armenian spelling writes «եւ» where onoma writes «և», and Russian often writes е
for ё: both count as equal. An en form is read from the first spelling listed; any listed
form counts as a match.

    python benchmarks/translit_accuracy.py [--names FILE] [--az-names PATH]
"""

from __future__ import annotations

import argparse
import csv
from collections.abc import Callable
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
NAMES = DATA / "translit_names.tsv"
AZ_NAMES = DATA / "translit_az_names.tsv"


def load_names(path: Path = NAMES) -> list[dict[str, str]]:
    """Rows of a names file (en_press, hy, ru; or az, en_press, ru)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def accuracy(
    rows: list[dict[str, str]],
    column: str,
    convert: Callable[[str], str],
    source: str = "en_press",
) -> tuple[float, list[tuple[str, str, str]]]:
    """Share of rows where ``convert(row[source])`` equals ``column``, and the misses."""
    misses = []
    for row in rows:
        got = convert(row[source])
        if got != row[column]:
            misses.append((row[source], row[column], got))
    return 1 - len(misses) / len(rows), misses


def _icu(transform_id: str) -> Callable[[str], str]:
    import icu

    transliterator = icu.Transliterator.createInstance(transform_id)
    return transliterator.transliterate


def _rules_only(key: tuple[str, str, str, str]) -> Callable[[str], str]:
    """onoma's transform without the exceptions file, for comparison."""
    from onoma.translit import schemes
    from onoma.translit.runs import split_runs

    def convert(text: str) -> str:
        return "".join(
            schemes.convert(key, run.text, exceptions=False) if run.script == "latn" else run.text
            for run in split_runs(text)
        )

    return convert


def _print_misses(failures: dict[str, list[tuple[str, str, str]]]) -> None:
    for column, misses in failures.items():
        print(f"\nonoma misses, {column} ({len(misses)}):")
        for source, expected, got in misses:
            print(f"  {source:<16} expected {expected:<16} got {got}")


def armenian(path: Path) -> None:
    """The Armenian names: press Latin -> Armenian, -> Russian; Armenian -> press Latin."""
    from onoma.translit import transliterate
    from onoma.translit.lexicon import load_exceptions

    rows = load_names(path)
    exceptions = load_exceptions()
    covered = [r["en_press"] for r in rows if any(e.matches(r["en_press"]) for e in exceptions)]
    print(f"{len(rows)} names; {len(exceptions)} exception entries", end=" ")
    print(f"({len(exceptions) / len(rows):.0%} of the set), covering {len(covered)} names\n")

    systems = {
        "hy": [
            ("onoma press", lambda s: transliterate(s, to="armn", lang="en")),
            ("onoma rules only", _rules_only(("en", "latn", "armn", "press"))),
            ("ICU Latin-Armenian", _icu("Latin-Armenian")),
        ],
        "ru": [
            ("onoma press", lambda s: transliterate(s, to="cyrl", lang="en")),
            ("onoma rules only", _rules_only(("en", "latn", "cyrl", "press"))),
            ("ICU Latin-Cyrillic", _icu("Latin-Cyrillic")),
            ("ICU Latin-Russian/BGN", _icu("Latin-Russian/BGN")),
        ],
    }
    failures = score_systems(rows, systems, source="en_press", width=8)
    reverse, reverse_misses = accuracy(
        [{**r, "en": r["en_press"], "en_press": r["hy"]} for r in rows],
        "en",
        lambda s: transliterate(s, to="latn", lang="hy"),
    )
    print(f"{'en':<8}{'onoma hy -> press':<24}{reverse:>9.1%}")
    failures["en (from hy)"] = reverse_misses
    _print_misses(failures)


def score_systems(
    rows: list[dict[str, str]],
    systems: dict[str, list[tuple[str, Callable[[str], str]]]],
    source: str,
    width: int,
) -> dict[str, list]:
    """Print each system's accuracy per target column; the misses of onoma press."""
    print(f"{'target':<{width}}{'system':<24}{'accuracy':>9}")
    failures = {}
    for column, entries in systems.items():
        for name, convert in entries:
            score, misses = accuracy(rows, column, convert, source=source)
            print(f"{column:<{width}}{name:<24}{score:>9.1%}")
            if name == "onoma press":
                failures[column] = misses
    return failures


def azerbaijani(path: Path) -> None:
    """The Azerbaijani names: Azerbaijani Latin -> English press form, -> Russian press form."""
    from onoma.translit import transliterate
    from onoma.translit.lexicon import AZERBAIJANI, load_exceptions

    rows = load_names(path)
    exceptions = load_exceptions(AZERBAIJANI)
    covered = [r["az"] for r in rows if any(e.matches(r["az"]) for e in exceptions)]
    print(f"{len(rows)} Azerbaijani names; {len(exceptions)} exception entries", end=" ")
    print(f"({len(exceptions) / len(rows):.0%} of the set), covering {len(covered)} names\n")

    def press(to: str) -> Callable[[str], str]:
        return lambda s: transliterate(s, to=to, lang="az", scheme="press")

    systems = {
        "en_press": [
            ("onoma press", press("latn")),
            ("onoma rules only", _rules_only(("az", "latn", "latn", "press"))),
            ("ICU Any-Latin; ASCII", _icu("Any-Latin; Latin-ASCII")),
        ],
        "ru": [
            ("onoma press", press("cyrl")),
            ("onoma rules only", _rules_only(("az", "latn", "cyrl", "press"))),
            ("onoma bgn (az Cyrl)", lambda s: transliterate(s, to="cyrl", lang="az")),
            ("ICU Latin-Cyrillic", _icu("Latin-Cyrillic")),
            ("ICU Latin-Russian/BGN", _icu("Latin-Russian/BGN")),
        ],
    }
    failures = score_systems(rows, systems, source="az", width=10)
    _print_misses({f"{column} (from az)": misses for column, misses in failures.items()})


def _same(got: str, expected: str) -> bool:
    """Equal once «եւ» is read as «և» and ё as е (official spellings use both)."""

    def fold(text: str) -> str:
        return text.replace("եւ", "և").replace("ԵՒ", "ԵՎ").replace("ё", "е").replace("Ё", "Е")

    return fold(got) == fold(expected)


def load_external(path: Path) -> list[dict[str, list[str]]]:
    """Rows of an external names file: each column a list of the forms it gives."""
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    if reader.fieldnames is None or not {"en", "hy", "ru"} <= set(reader.fieldnames):
        raise SystemExit(f"{path}: needs the columns en, hy and ru")
    return [{key: value.split("|") for key, value in row.items()} for row in reader]


def _directions() -> list[tuple[str, str, str, Callable[[str], str], Callable[[str], str] | None]]:
    """(label, source column, target column, onoma, ICU or None) for each direction."""
    from onoma.translit import transliterate

    def onoma(to: str, lang: str) -> Callable[[str], str]:
        return lambda s: transliterate(s, to=to, lang=lang)

    return [
        ("press Latin -> Armenian", "en", "hy", onoma("armn", "en"), _icu("Latin-Armenian")),
        ("press Latin -> Russian", "en", "ru", onoma("cyrl", "en"), _icu("Latin-Russian/BGN")),
        ("Armenian -> press Latin", "hy", "en", onoma("latn", "hy"), _icu("Armenian-Latin/BGN")),
        ("Armenian -> Russian", "hy", "ru", onoma("cyrl", "hy"), None),
    ]


def external_score(
    rows: list[dict[str, list[str]]], source: str, target: str, convert: Callable[[str], str]
) -> tuple[float, list[tuple[str, str, str]]]:
    """Share of rows whose first ``source`` form converts to one of the ``target`` forms
    (rows without a ``target`` form are left out)."""
    rows = [row for row in rows if row[source][0] and any(row[target])]
    misses = []
    for row in rows:
        got = convert(row[source][0])
        if not any(_same(got, expected) for expected in row[target]):
            misses.append((row[source][0], "|".join(row[target]), got))
    return 1 - len(misses) / len(rows), misses


def side_by_side(path: Path) -> None:
    """Each direction on the project's list and on the external one, onoma and ICU."""
    own = [{"en": [r["en_press"]], "hy": [r["hy"]], "ru": [r["ru"]]} for r in load_names(NAMES)]
    external = load_external(path)
    print(f"{'direction':<26}{'own onoma':>10}{'own ICU':>9}{'ext onoma':>10}{'ext ICU':>9}")
    failures: dict[str, list[tuple[str, str, str]]] = {}
    for label, source, target, onoma, icu_convert in _directions():
        cells = []
        for rows in (own, external):
            cells.append(f"{external_score(rows, source, target, onoma)[0]:.1%}")
            cells.append(
                f"{external_score(rows, source, target, icu_convert)[0]:.1%}"
                if icu_convert
                else "-"
            )
        print(f"{label:<26}{cells[0]:>10}{cells[1]:>9}{cells[2]:>10}{cells[3]:>9}")
        failures[f"{label}, {path.name}"] = external_score(external, source, target, onoma)[1]
    print(f"(own: {len(own)} names in {NAMES.name}; ext: {len(external)} names in {path.name})")
    _print_misses(failures)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--names",
        type=Path,
        help="external TSV (kind, en, hy, ru, source) scored next to the project's own list",
    )
    parser.add_argument("--az-names", type=Path, default=AZ_NAMES, help="TSV with az, en_press, ru")
    args = parser.parse_args()
    armenian(NAMES)
    print()
    azerbaijani(args.az_names)
    if args.names:
        print()
        side_by_side(args.names)


if __name__ == "__main__":
    main()
