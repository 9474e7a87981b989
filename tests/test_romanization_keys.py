"""The batch form of the romanization key gives each text's own key."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from onoma.lang import keys

NAMES = st.text(
    alphabet=st.sampled_from(
        list("abcdehijknorstuvxyzAHKOSYT -'\n") + list("ОганесянАpутюнян") + list("Հովհաննիսյանու")
    ),
    max_size=30,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(NAMES, max_size=20))
def test_batch_keys_equal_single_keys(texts: list[str]) -> None:
    keys._REMEMBERED.clear()
    assert keys.romanization_keys(texts) == [keys._romanization_key(t) for t in texts]


def test_anchored_rewrites_apply_to_each_text() -> None:
    # ^h, ^ye and -ian$ are anchored: in one pass over many texts they must still act
    # on each text's own start and end, not only on the first and last.
    texts = ["Hovhannisyan", "Yerevan", "Oskanian", "Harutiunian", "Yeghishe Ohanian"]
    keys._REMEMBERED.clear()
    batch = keys.romanization_keys(texts)
    assert batch == [keys._romanization_key(t) for t in texts]
    assert batch[1].startswith("e") and batch[2].endswith("ian")
