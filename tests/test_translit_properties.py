"""Property tests: round trips of the reversible schemes, and text that must pass through."""

from __future__ import annotations

from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from onoma.lang.scripts import scripts_in
from onoma.translit import transliterate
from onoma.translit.runs import split_runs

RUSSIAN = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
RUSSIAN_UPPER = RUSSIAN.upper().replace("Ъ", "").replace("Ь", "")  # no case in ISO 9
AZ_CYRILLIC = "аАбБҹҸчЧдДеЕәӘфФҝҜғҒһҺхХыЫиИжЖкКгГлЛмМнНоОөӨпПрРсСшШтТуУүҮвВјЈзЗ"
AZ_LATIN = "aAbBcCçÇdDeEəƏfFgGğĞhHxXıIiİjJkKqQlLmMnNoOöÖpPrRsSşŞtTuUüÜvVyYzZ"
ARMENIAN = "աբգդեզէըթժիլխծկհձղճմյնշոչպջռսվտրցւփքօֆև"

# More examples than the default: the schemes are cheap and the alphabets large.
MANY_EXAMPLES = settings(max_examples=200, deadline=None)


def _words(alphabet: str) -> st.SearchStrategy[str]:
    word = st.text(alphabet=alphabet, min_size=1, max_size=12)
    return st.lists(word, min_size=1, max_size=5).map(" ".join)


@MANY_EXAMPLES
@given(_words(RUSSIAN + RUSSIAN_UPPER))
def test_russian_iso_9_round_trip(text: str) -> None:
    latin = transliterate(text, to="latn", lang="ru", scheme="iso")
    assert transliterate(latin, to="cyrl", lang="ru", scheme="iso") == text


@MANY_EXAMPLES
@given(_words(AZ_CYRILLIC))
def test_azerbaijani_cyrillic_round_trip(text: str) -> None:
    latin = transliterate(text, to="latn", lang="az")
    assert transliterate(latin, to="cyrl", lang="az") == text


@MANY_EXAMPLES
@given(_words(AZ_LATIN))
def test_azerbaijani_latin_round_trip(text: str) -> None:
    cyrillic = transliterate(text, to="cyrl", lang="az")
    assert transliterate(cyrillic, to="latn", lang="az") == text


@MANY_EXAMPLES
@given(_words(AZ_CYRILLIC))
def test_azerbaijani_agrees_with_icu_bgn(text: str) -> None:
    import icu

    reference = icu.Transliterator.createInstance("az_Cyrl-az/BGN")
    assert transliterate(text, to="latn", lang="az") == reference.transliterate(text)


@MANY_EXAMPLES
@given(_words(ARMENIAN))
def test_armenian_iso_9985_round_trip(text: str) -> None:
    # Classical եւ and the ligature և are both "ew"; a title-cased և is Եւ.
    assume("եւ" not in text.title().lower())
    for word in (text, text.title()):
        latin = transliterate(word, to="latn", lang="hy", scheme="iso")
        assert transliterate(latin, to="armn", lang="hy", scheme="iso") == word


# Georgian, Greek, CJK, digits, punctuation and symbols: no scheme covers them.
OTHER = st.text(
    alphabet=st.sampled_from(
        "აბგდევზთიკლმნოპჟრსტუფქღყშჩცძწჭხჯჰαβγδεζηθΩ漢字かな0123456789 .,;:!?-—«»()[]\n\t😀€№"
    ),
    max_size=40,
)


@MANY_EXAMPLES
@given(OTHER)
def test_uncovered_scripts_pass_through(text: str) -> None:
    for to in ("latn", "armn", "cyrl"):
        assert transliterate(text, to=to) == text


@MANY_EXAMPLES
@given(OTHER, st.sampled_from(["Երևան", "Москва", "Yerevan", "Азәрбајҹан"]), OTHER)
def test_uncovered_text_is_kept_around_names(before: str, name: str, after: str) -> None:
    for to in ("latn", "armn", "cyrl"):
        got = transliterate(before + " " + name + " " + after, to=to)
        assert got.startswith(before + " ")
        assert got.endswith(" " + after)


@MANY_EXAMPLES
@given(st.text(max_size=60))
def test_runs_cover_the_text(text: str) -> None:
    assert "".join(run.text for run in split_runs(text)) == text


@MANY_EXAMPLES
@given(st.text(max_size=60))
@example("a\u2028b\u2029c\x85d")  # Unicode line breaks: one line in, one line out
def test_any_text_is_accepted(text: str) -> None:
    for to in ("latn", "armn", "cyrl"):
        out = transliterate(text, to=to)
        # A letter becomes at most four (щ → shch); lines stay lines; nothing vanishes.
        assert len(out) <= 4 * len(text)
        assert out.count("\n") == text.count("\n")
        assert bool(out) == bool(text)
    assert transliterate(text, to="ascii").count("\n") == text.count("\n")


COVERED = st.text(
    alphabet=RUSSIAN
    + RUSSIAN.upper()
    + ARMENIAN
    + ARMENIAN.upper()
    + AZ_CYRILLIC
    + AZ_LATIN
    + " .,-'«»",
    max_size=60,
)


@MANY_EXAMPLES
@given(COVERED)
def test_latin_targets_leave_no_letter_of_a_covered_script(text: str) -> None:
    assert not scripts_in(transliterate(text, to="latn")) & {"Armenian", "Cyrillic"}
    assert transliterate(text, to="ascii").isascii()
