"""Likely variants in Russian and Armenian: inflected forms and names of one root are
never reported, nor replaced with ``fuzzy``."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from onoma.glossary import load_glossaries
from onoma.glossary.model import Entry, Glossary
from onoma.normalize.core import Normalizer, normalize_text
from onoma.normalize.fuzzy import VariantSpotter

GLOSSARY = load_glossaries()
SMALL = Glossary(
    [
        Entry("tatevik", "person", {"hy": "Տաթևիկ"}),
        Entry("armenia", "place", {"ru": "Армения"}),
        Entry("pashinyan", "person", {"ru": "Пашинян"}),
        Entry("stepanakert", "place", {"ru": "Степанакерт"}),
    ]
)


def test_case_forms_of_a_glossary_name_are_left_alone():
    text = "в Армении и Армению, Арменией.\n"
    for fuzzy in (False, True):
        result = normalize_text(text, GLOSSARY, lang="ru", fuzzy=fuzzy)
        assert result.text == text
        assert result.suggestions == []


def test_names_of_one_root_are_no_variants():
    found = normalize_text("Армена нет. Տաթևի տունը։", SMALL, lang="ru").suggestions
    assert found == []
    assert normalize_text("Տաթևի տունը։", SMALL, lang="hy").suggestions == []


def test_misspellings_are_still_reported_and_replaced():
    text = "Пашинъян прибыл в Степанакерд. Письмо Пашиняну."
    result = normalize_text(text, SMALL, lang="ru")
    assert [(s.text, s.canonical) for s in result.suggestions] == [
        ("Пашинъян", "Пашинян"),
        ("Степанакерд", "Степанакерт"),
    ]
    fixed = normalize_text(text, SMALL, lang="ru", fuzzy=True).text
    assert fixed == "Пашинян прибыл в Степанакерт. Письмо Пашиняну."


ONSETS = "бвгдзклмнпрстх"
NUCLEI = "аеиоу"


@st.composite
def feminine_names(draw) -> tuple[str, list[str]]:
    """A Russian-spelled name ending in -ия or -а, and its case forms."""
    pairs = st.tuples(st.sampled_from(ONSETS), st.sampled_from(NUCLEI))
    root = "".join(c + v for c, v in draw(st.lists(pairs, min_size=2, max_size=3)))
    if draw(st.booleans()):
        stem = root[:-1] + "и"
        return (stem + "я").capitalize(), [(stem + e).capitalize() for e in ("и", "ю", "ей")]
    stem = root + draw(st.sampled_from("нрлт"))
    return (stem + "а").capitalize(), [(stem + e).capitalize() for e in ("ы", "е", "у", "ой")]


@settings(max_examples=150, deadline=None)
@given(feminine_names())
def test_case_forms_are_never_variants(name_and_forms):
    name, forms = name_and_forms
    glossary = Glossary([Entry("x", "place", {"ru": name})])
    text = "Жители: " + ", ".join(forms) + ".\n"
    normalizer = Normalizer(glossary, "ru", fuzzy=True)
    assert normalizer.normalize(text).text == text
    assert Normalizer(glossary, "ru").normalize(text).suggestions == []


def test_english_needs_no_stemmer():
    assert VariantSpotter(GLOSSARY, "en").lookup("Hovhanisian") is not None
    code = (
        "import sys\n"
        "from onoma.glossary import load_glossaries\n"
        "from onoma.normalize.core import normalize_text\n"
        "result = normalize_text('Hovhanisian spoke.', load_glossaries(), fuzzy=True)\n"
        "assert result.text == 'Hovhannisyan spoke.', result.text\n"
        "print('snowballstemmer' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def test_fuzzy_keeps_a_misspelling_with_a_case_ending_as_a_suggestion():
    glossary = Glossary([Entry("kocharyan", "person", {"ru": "Кочарян"})])
    text = "Кочарьяна видели, Кочарьян пришёл."
    result = normalize_text(text, glossary, lang="ru", fuzzy=True)
    assert result.text == "Кочарьяна видели, Кочарян пришёл."
    assert [(s.text, s.canonical) for s in result.suggestions] == [("Кочарьяна", "Кочарян")]


def test_a_typo_with_the_same_stem_is_still_a_likely_variant():
    found = normalize_text("Арменния и Армения.", SMALL, lang="ru").suggestions
    assert [(s.text, s.canonical) for s in found] == [("Арменния", "Армения")]
