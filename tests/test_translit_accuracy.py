"""Accuracy of press Latin -> Armenian / Russian on tests/data/translit_names.tsv.

The floors are the figures measured by benchmarks/translit_accuracy.py less a small margin,
so that a regression fails. The exceptions file must stay a small share of the set.
"""

from __future__ import annotations

import csv
import unicodedata
from pathlib import Path

import pytest

from onoma.translit import transliterate
from onoma.translit.lexicon import load_exceptions

NAMES = Path(__file__).parent / "data" / "translit_names.tsv"
MEASURED = {"hy": 0.947, "ru": 0.985}  # onoma press, with the exceptions file
MARGIN = 0.02


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with NAMES.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def _accuracy(rows: list[dict[str, str]], source: str, column: str, convert) -> float:
    return sum(convert(row[source]) == row[column] for row in rows) / len(rows)


def test_names_file(rows: list[dict[str, str]]) -> None:
    assert len(rows) >= 60
    assert len({row["en_press"] for row in rows}) == len(rows)
    for row in rows:
        assert list(row) == ["en_press", "hy", "ru"]
        assert all(value and unicodedata.is_normalized("NFC", value) for value in row.values())


@pytest.mark.parametrize(("column", "to"), [("hy", "armn"), ("ru", "cyrl")])
def test_press_accuracy(rows: list[dict[str, str]], column: str, to: str) -> None:
    score = _accuracy(rows, "en_press", column, lambda s: transliterate(s, to=to, lang="en"))
    assert score >= MEASURED[column] - MARGIN


@pytest.mark.parametrize(
    ("column", "to", "icu_id"), [("hy", "armn", "Latin-Armenian"), ("ru", "cyrl", "Latin-Cyrillic")]
)
def test_better_than_letter_by_letter(
    rows: list[dict[str, str]], column: str, to: str, icu_id: str
) -> None:
    import icu

    letters = icu.Transliterator.createInstance(icu_id).transliterate
    ours = _accuracy(rows, "en_press", column, lambda s: transliterate(s, to=to, lang="en"))
    assert ours > _accuracy(rows, "en_press", column, letters) + 0.25


def test_armenian_to_press(rows: list[dict[str, str]]) -> None:
    score = _accuracy(rows, "hy", "en_press", lambda s: transliterate(s, to="latn", lang="hy"))
    assert score >= 0.97


def test_exceptions_stay_small(rows: list[dict[str, str]]) -> None:
    exceptions = load_exceptions()
    covered = [row for row in rows if any(e.matches(row["en_press"]) for e in exceptions)]
    assert len(exceptions) <= 0.15 * len(rows)
    assert len(covered) <= 0.15 * len(rows)
