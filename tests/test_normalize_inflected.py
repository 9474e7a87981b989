"""Normalize in Russian, Armenian and Azerbaijani: an inflected variant becomes the
curated name in the same case; other names and derived words stay."""

from __future__ import annotations

import pytest

from onoma.glossary.model import Entry, Glossary
from onoma.normalize import Normalizer

GLOSSARY = Glossary(
    [
        Entry("hovhannisyan", "person", {"ru": "Ованнисян", "hy": "Հովհաննիսյան"},
              {"ru": ("Ованесян",)}, gender="m"),
        Entry("shushi", "place", {"ru": "Шуши", "hy": "Շուշի", "az": "Şuşa"},
              {"ru": ("Шуша",), "hy": ("Շուշա",), "az": ("Şuşi",)}),
        Entry("stepanakert", "place", {"hy": "Ստեփանակերտ", "az": "Xankəndi"},
              {"hy": ("Ստեփանակերդ",), "az": ("Stepanakert",)}),
        Entry("akopyan", "person", {"ru": "Акопян"}, {"ru": ("Хакобян",)}),
    ]
)  # fmt: skip


@pytest.mark.parametrize(
    ("lang", "text", "expected", "cases"),
    [
        ("ru", "Встреча Ованесяна в Шуше.", "Встреча Ованнисяна в Шуши.", ["gen/acc", "dat/loc"]),
        ("hy", "Շուշայում և Ստեփանակերդից", "Շուշիում և Ստեփանակերտից", ["loc", "abl"]),
        ("az", "Stepanakertdə, Şuşiyə", "Xankəndidə, Şuşaya", ["loc", "dat"]),
        ("hy", "ՇՈՒՇԱՅՈՒՄ", "ՇՈՒՇԻՈՒՄ", ["loc"]),
    ],
)
def test_inflected_variant_becomes_the_name_in_the_same_case(
    lang: str, text: str, expected: str, cases: list[str]
) -> None:
    result = Normalizer(GLOSSARY, lang, suggest=False).normalize(text)
    assert result.text == expected
    assert [c.case for c in result.changes] == cases


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ru", "Шушаник, Шушинский, Степанов, Шуши, Ованнисяна."),
        ("az", "Şuşalı, Stepanov, Şuşanın."),
        ("hy", "Շուշեցի, Շուշիում"),
    ],
)
def test_other_names_derived_words_and_right_forms_stay(lang: str, text: str) -> None:
    assert Normalizer(GLOSSARY, lang, suggest=False).normalize(text).text == text


def test_a_case_form_with_two_readings_is_left_alone_and_listed() -> None:
    glossary = Glossary(
        [
            Entry("quba", "place", {"az": "Quba"}, {"az": ("Kuba",)}),
            Entry("qusar", "place", {"az": "Qusar"}, {"az": ("Kuban",)}),
        ]
    )
    normalizer = Normalizer(glossary, "az", suggest=False)
    assert normalizer.normalize("Kubada Kubanda").text == "Qubada Qusarda"
    assert normalizer.normalize("Kubanın").text == "Kubanın"  # Kuba's or Kuban's genitive
    result = Normalizer(glossary, "az").normalize("Gəldik: Kubanın")
    [reported] = [s for s in result.suggestions if s.reason]
    assert (reported.text, reported.column) == ("Kubanın", 9)
    assert reported.reason.startswith("two readings: Qubanın or Qusarın")
    assert any(
        a.startswith("Kubanın: two readings: Qubanın or Qusarın") for a in normalizer.ambiguous
    )


def test_a_glossary_form_wins_over_a_case_form() -> None:
    glossary = Glossary(
        [
            Entry("quba", "place", {"az": "Quba"}, {"az": ("Kuba",)}),
            Entry("other", "place", {"az": "Qubalı"}, {"az": ("Kubanı",)}),
        ]
    )
    assert Normalizer(glossary, "az", suggest=False).normalize("Kubanı").text == "Qubalı"


def test_without_morphology_only_whole_forms_change() -> None:
    result = Normalizer(GLOSSARY, "ru", suggest=False, inflect=False).normalize("в Шуше")
    assert result.text == "в Шуше"


def test_womans_surname_without_gender_stays() -> None:
    normalizer = Normalizer(GLOSSARY, "ru", suggest=False)
    assert normalizer.normalize("Хакобяна").text == "Акопяна"
    assert normalizer.normalize("Хакобян").text == "Акопян"
