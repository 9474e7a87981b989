"""The likely-variant search looks only at keys whose length can reach the cutoff, and
finds what one search over every key finds, in the same order."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from onoma.glossary.model import Entry, Glossary
from onoma.normalize.fuzzy import KEY_CUTOFF, VariantSpotter

# Few letters, so that close keys, equal scores and many lengths all occur.
KEYS = st.text(alphabet="aboyn", min_size=1, max_size=14)


def spotter(keys: list[str]) -> VariantSpotter:
    made = VariantSpotter(Glossary([]), "en")
    made.keys = keys
    return made


@settings(max_examples=300, deadline=None)
@given(st.lists(KEYS, max_size=60, unique=True), KEYS)
@example(["nabyan", "nabyana", "nabyanab", "nabya", "nabyanaby"], "nabyan")  # equal scores
def test_near_keys_are_those_of_one_search_over_every_key(keys: list[str], key: str) -> None:
    everything = process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=KEY_CUTOFF, limit=5)
    assert spotter(keys)._near_keys(key) == [(best, score) for best, score, _ in everything]


def test_keys_too_short_or_too_long_to_match_are_not_compared(monkeypatch) -> None:
    compared: list[int] = []
    extract = process.extract

    def counting(query, choices, **options):
        compared.extend(len(choice) for choice in choices)
        return extract(query, choices, **options)

    monkeypatch.setattr(process, "extract", counting)
    keys = ["abcd", "abcdefgh", "abcdefghi", "abcdefghijklmnop"]
    near = spotter(keys)._near_keys("abcdefgh")
    assert [best for best, _score in near] == ["abcdefgh", "abcdefghi"]
    assert sorted(compared) == [8, 9]  # 4 and 16 letters cannot reach the cutoff with 8


def test_a_glossary_spotter_groups_its_own_keys() -> None:
    entry = Entry("a", "person", {"en": "Hovhannisyan"}, {"en": ("Hovhanissyan",)})
    made = VariantSpotter(Glossary([entry]), "en")
    grouped = made._keys_by_length
    assert sorted(key for keys, _ in grouped.values() for key in keys) == sorted(made.keys)
