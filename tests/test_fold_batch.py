"""The batch forms of case folding give each text its own folding."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from onoma.lang.case import fold_case, fold_cases
from onoma.normalize.match import fold_all, fold_for_scan

# Letters whose lower case depends on what is around them (a final sigma), grows (İ),
# or is a space the scan replaces, and NUL, which the batch joins with.
TEXTS = st.text(
    alphabet=st.sampled_from([*"aBΣσΟΔİẞ Շո\u00a0\u2009\0-'.\u0301"]),
    max_size=12,
)


@settings(max_examples=400, deadline=None)
@given(st.lists(TEXTS, max_size=12))
def test_fold_cases_equals_fold_case(texts: list[str]) -> None:
    assert fold_cases(texts) == [fold_case(t) for t in texts]


@settings(max_examples=400, deadline=None)
@given(st.lists(TEXTS, max_size=12))
def test_fold_all_equals_fold_for_scan(texts: list[str]) -> None:
    assert fold_all(texts) == [fold_for_scan(t) for t in texts]


def test_a_final_sigma_stays_final_in_a_batch() -> None:
    assert fold_cases(["ΟΔΟΣ", "ΣΑ"]) == ["οδος", "σα"]
