"""The likely-variant search leaves out only keys that cannot reach the cutoff (by their
length, by their letters), and finds what one search over every key finds, in the same
order."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from onoma.glossary.model import Entry, Glossary
from onoma.normalize import nearkeys
from onoma.normalize.fuzzy import KEY_CUTOFF, VariantSpotter
from onoma.normalize.nearkeys import KeyIndex, letters

# Few letters, so that close keys, equal scores and many lengths all occur; an é and a
# digit share bits with letters (& 31).
KEYS = st.text(alphabet="abcoynté0", min_size=1, max_size=14)


def every_key(keys: list[str], key: str, cutoff: float = KEY_CUTOFF) -> list[tuple[str, float]]:
    found = process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=5)
    return [(best, score) for best, score, _ in found]


@settings(max_examples=300, deadline=None)
@given(st.lists(KEYS, max_size=60, unique=True), KEYS, st.booleans(), st.sampled_from([85, 70]))
@example(["nabyan", "nabyana", "nabyanab", "nabya", "nabyanaby"], "nabyan", True, 85)  # ties
def test_near_keys_are_those_of_one_search_over_every_key(keys, key, masked, cutoff) -> None:
    with pytest.MonkeyPatch.context() as patch:
        if masked:  # the letter masks from the first look-up, for every group
            patch.setattr(nearkeys, "MASKED_AFTER", 0)
            patch.setattr(nearkeys, "MASKED_GROUP", 1)
        assert KeyIndex(keys, cutoff).near(key) == every_key(keys, key, cutoff)


@given(KEYS, KEYS)
def test_letters_only_one_key_has_bound_the_distance(one: str, other: str) -> None:
    distance = len(one) + len(other) - 2 * fuzz.ratio(one, other) / 200 * (len(one) + len(other))
    assert bin(letters(one) ^ letters(other)).count("1") <= round(distance, 6)


def test_keys_that_cannot_reach_the_cutoff_are_not_compared(monkeypatch) -> None:
    compared: list[str] = []
    extract = process.extract

    def counting(query, choices, **options):
        compared.extend(choices)
        return extract(query, choices, **options)

    monkeypatch.setattr(process, "extract", counting)
    monkeypatch.setattr(nearkeys, "MASKED_AFTER", 0)
    monkeypatch.setattr(nearkeys, "MASKED_GROUP", 1)
    keys = ["abcd", "abcdefgh", "abcdefgi", "stuvwxyz", "abcdefghi", "abcdefghijklmnop"]
    near = KeyIndex(keys, KEY_CUTOFF).near("abcdefgh")
    assert [best for best, _score in near] == ["abcdefgh", "abcdefghi", "abcdefgi"]
    # 4 and 16 letters are too short and too long; stuvwxyz has none of the letters.
    assert sorted(compared) == ["abcdefgh", "abcdefghi", "abcdefgi"]


def test_a_short_text_never_builds_the_masks(monkeypatch) -> None:
    monkeypatch.setattr(nearkeys, "MASKED_GROUP", 1)
    index = KeyIndex(["hovhannisyan", "hovannisyan", "petrosyan"], KEY_CUTOFF)
    for _word in range(nearkeys.MASKED_AFTER):
        index.near("hovhanisyan")
    assert all(group.masks is None for group in index._groups.values())
    assert index.near("hovhanisyan")[0][0] == "hovhannisyan"  # now with the masks
    assert any(group.masks is not None for group in index._groups.values())


def test_a_glossary_spotter_searches_its_own_keys() -> None:
    entry = Entry("a", "person", {"en": "Hovhannisyan"}, {"en": ("Hovhanissyan",)})
    made = VariantSpotter(Glossary([entry]), "en")
    assert made._near_keys(made.keys[0]) == every_key(list(made.keys), made.keys[0])


def test_masks_are_counted_alike_without_numpys_bit_count(monkeypatch) -> None:
    import numpy as np

    keys = ["hovhannisyan", "hovannisyan", "ovhannisyan", "petrosyan", "hovhanesyan"]
    monkeypatch.setattr(nearkeys, "MASKED_AFTER", 0)
    monkeypatch.setattr(nearkeys, "MASKED_GROUP", 1)
    with_count = KeyIndex(keys, KEY_CUTOFF).near("hovhanisyan")
    if hasattr(np, "bitwise_count"):  # numpy 2 has it; numpy 1 counts the bits by bytes
        monkeypatch.delattr(np, "bitwise_count")
    assert (
        KeyIndex(keys, KEY_CUTOFF).near("hovhanisyan")
        == with_count
        == every_key(keys, "hovhanisyan")
    )
