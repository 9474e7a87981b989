"""The normalize core: replacements, case, report, suggestions, and its invariants."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onoma.glossary import load_glossaries
from onoma.glossary.model import Entry, Glossary
from onoma.normalize.core import Normalizer, carry_case, normalize_text

GLOSSARY = load_glossaries()
NORMALIZER = Normalizer(GLOSSARY, "en")
VARIANTS = [v for e in GLOSSARY for v in e.variants.get("en", ())]


def test_seed_article_gets_every_variant_replaced(seed_text):
    result = NORMALIZER.normalize(seed_text)
    assert "Artsrun Hovhannisyan said" in result.text
    assert "Lisagor areas" in result.text
    for variant in ("Artstrun", "Hovhanissyan", "Lisagoras"):
        assert variant not in result.text
    assert [(c.old, c.new, c.id) for c in result.changes] == [
        ("Artstrun", "Artsrun", "artsrun"),
        ("Hovhanissyan", "Hovhannisyan", "hovhannisyan"),
        ("Lisagoras", "Lisagor", "lisagor"),
    ]
    first = result.changes[0]
    line = seed_text.splitlines()[first.line - 1]
    assert line[first.column - 1 :].startswith("Artstrun")


def test_capitals_of_an_acronym_are_not_carried_over():
    glossary = Glossary(
        [Entry("un", "organization", {"en": "United Nations"}, {"en": ("U.N.", "UN")})]
    )
    normalizer = Normalizer(glossary, "en", suggest=False)
    got = normalizer.normalize("The UN said. The U.N. said. THE UNITED NATIONS SAID.").text
    assert got == "The United Nations said. The United Nations said. THE UNITED NATIONS SAID."
    assert carry_case("UN", "United Nations", "UN") == "United Nations"
    assert carry_case("HOVANISYAN", "Hovhannisyan", "Hovanisyan") == "HOVHANNISYAN"


def test_an_acronym_matches_in_capitals_only():
    glossary = Glossary(
        [Entry("un", "organization", {"en": "United Nations"}, {"en": ("UN", "U.N.")})]
    )
    text = "An un-American act. Un jour. The UN said."
    got = Normalizer(glossary, "en", suggest=False).normalize(text).text
    assert got == "An un-American act. Un jour. The United Nations said."


def test_case_is_carried_over():
    assert normalize_text("HOVANISYAN spoke", GLOSSARY).text == "HOVHANNISYAN spoke"
    assert normalize_text("shusha and SHOUSHI", GLOSSARY).text == "Shushi and SHUSHI"
    assert carry_case("Hovanisyan", "Hovhannisyan") == "Hovhannisyan"
    assert carry_case("A", "Armenia") == "Armenia"


def test_possessive_hyphen_and_lookalikes():
    text = "Shusha's walls, Shusha-based units, Shushanik and www.shusha.am"
    assert normalize_text(text, GLOSSARY).text == (
        "Shushi's walls, Shushi-based units, Shushanik and www.shusha.am"
    )


def test_a_wrapped_name_is_not_rejoined():
    assert normalize_text("near Karin\nTak", GLOSSARY).changes == []
    assert normalize_text("near Karintak", GLOSSARY).text == "near Karin Tak"


def test_other_language():
    result = normalize_text("Бои у Шуша и Оганнисян", GLOSSARY, lang="ru")
    assert result.text == "Бои у Шуши и Ованнисян"


def test_suggestions_report_unlisted_spellings_and_change_nothing():
    result = normalize_text("Hovhanisian spoke. Hovhanisian left.", GLOSSARY)
    assert result.text == "Hovhanisian spoke. Hovhanisian left."
    assert [(s.text, s.id, s.canonical, s.line, s.column) for s in result.suggestions] == [
        ("Hovhanisian", "hovhannisyan", "Hovhannisyan", 1, 1),
        ("Hovhanisian", "hovhannisyan", "Hovhannisyan", 1, 20),
    ]
    assert all(80 <= s.score <= 100 for s in result.suggestions)


def test_fuzzy_applies_suggestions():
    result = normalize_text("Hovhanisian spoke.", GLOSSARY, fuzzy=True)
    assert result.text == "Hovhannisyan spoke."
    assert result.suggestions == []


def test_a_missing_variant_is_suggested_from_the_romanization_key():
    entries = [e for e in GLOSSARY if e.id != "artsrun"]
    entries.append(Entry("artsrun", "person", {"en": "Artsrun"}))
    result = normalize_text("Artstrun and Artzrun", Glossary(entries))
    assert {s.text for s in result.suggestions} == {"Artstrun", "Artzrun"}


def test_derived_words_and_common_words_are_not_suggested(seed_text):
    result = normalize_text(seed_text, GLOSSARY)
    assert result.suggestions == []
    assert normalize_text("Armenians and Azerbaijanis", GLOSSARY).suggestions == []


words = st.sampled_from(
    [*VARIANTS, "Shushi", "the", "and", "Shushanik", "x", "HOVANISYAN", "https://a.am/Shusha"]
)
separators = st.sampled_from([" ", ", ", "\n", "'s ", "-", ". ", "\r\n", "’s "])
texts = st.lists(st.tuples(words, separators), max_size=25).map(
    lambda parts: "".join(w + s for w, s in parts)
)


@settings(max_examples=200, deadline=None)
@given(texts)
def test_normalizing_twice_changes_nothing(text):
    once = NORMALIZER.normalize(text).text
    assert NORMALIZER.normalize(once).text == once
    assert NORMALIZER.normalize(once).changes == []


@settings(max_examples=200, deadline=None)
@given(texts)
def test_text_outside_matches_is_identical(text):
    result = NORMALIZER.normalize(text)
    # Rebuild the original from the output by undoing each change in place.
    rebuilt, cursor, out = [], 0, result.text
    lines = text.split("\n")
    offsets = [0]
    for line in lines[:-1]:
        offsets.append(offsets[-1] + len(line) + 1)
    shift = 0
    for change in result.changes:
        start = offsets[change.line - 1] + change.column - 1
        assert text[start : start + len(change.old)] == change.old
        rebuilt.append(out[cursor : start + shift])
        rebuilt.append(change.old)
        cursor = start + shift + len(change.new)
        shift += len(change.new) - len(change.old)
    rebuilt.append(out[cursor:])
    assert "".join(rebuilt) == text


@settings(max_examples=200, deadline=None)
@given(texts)
def test_no_listed_variant_survives_outside_urls(text):
    out = NORMALIZER.normalize(text).text
    without_urls = re.sub(r"https://\S+", " ", out)
    for variant in VARIANTS:
        assert not re.search(rf"(?<!\w){re.escape(variant)}(?!\w)", without_urls, re.I), variant


def test_plurals_and_lower_case_lookalikes_are_not_suggested():
    result = normalize_text("The Hovhanisians and šhusha, ľisagoras.", GLOSSARY, fuzzy=True)
    assert result.text == "The Hovhanisians and šhusha, ľisagoras."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("and the U.N.\n", "and the UN.\n"),
        ("and the U.N.", "and the UN."),
        ("the U.N. Security Council", "the UN Security Council"),
        ("the U.N. said", "the UN said"),
        ("(the U.N.)", "(the UN)"),
        ("met in Washington DC. It was cold.", "met in Washington, D.C. It was cold."),
        ("met in Washington DC today", "met in Washington, D.C. today"),
        ('He said: "I work at the U.N."\n', 'He said: "I work at the UN."\n'),
        ("at the U.N.          Next", "at the UN          Next"),
    ],
)
def test_a_form_ending_a_sentence_keeps_its_full_stop(text, expected):
    glossary = Glossary(
        [
            Entry("un", "organization", {"en": "UN"}, {"en": ("U.N.",)}),
            Entry("dc", "place", {"en": "Washington, D.C."}, {"en": ("Washington DC",)}),
        ]
    )
    normalizer = Normalizer(glossary, "en", suggest=False)
    assert normalizer.normalize(text).text == expected
    assert normalizer.normalize(expected).text == expected
