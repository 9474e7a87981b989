"""The matcher: whole words, case folding, longest match, URLs left alone."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from onoma.glossary.model import Entry, Glossary
from onoma.lang.case import fold_case
from onoma.normalize.match import Matcher, protected_spans


def glossary(*entries: Entry) -> Glossary:
    return Glossary(list(entries))


SHUSHI = Entry("shushi", "place", {"en": "Shushi"}, {"en": ("Shusha", "Shoushi")})
KARIN = Entry("karin", "person", {"en": "Karin"})
KARIN_TAK = Entry("karin-tak", "place", {"en": "Karin Tak"}, {"en": ("Karintak",)})


def found(text: str, *entries: Entry, lang: str = "en") -> list[tuple[str, str]]:
    return [(m.surface, m.entry.id) for m in Matcher(glossary(*entries), lang).find(text)]


def test_finds_names_and_variants_case_insensitively():
    assert found("SHUSHA, shoushi and Shushi.", SHUSHI) == [
        ("SHUSHA", "shushi"),
        ("shoushi", "shushi"),
        ("Shushi", "shushi"),
    ]


def test_whole_words_only():
    assert found("Shushanik Shushas xShusha Shusha2 Shusha_ Shusha", SHUSHI) == [
        ("Shusha", "shushi")
    ]


def test_possessive_and_hyphenated_forms_match():
    assert found("Shusha's, Shusha’s and Shusha-based", SHUSHI) == [("Shusha", "shushi")] * 3


def test_longest_match_wins():
    assert found("near Karin Tak and Karin", KARIN, KARIN_TAK) == [
        ("Karin Tak", "karin-tak"),
        ("Karin", "karin"),
    ]


def test_shorter_match_when_longer_is_not_a_whole_word():
    assert found("Karin Takht", KARIN, KARIN_TAK) == [("Karin", "karin")]


def test_case_sensitive_entries_match_exact_case_only():
    entry = Entry("us", "place", {"en": "US"}, case_sensitive=True)
    assert found("us and US", entry) == [("US", "us")]


def test_urls_and_emails_are_left_alone():
    text = "See https://news.am/Shusha/x, www.shusha.am and shusha@mail.am; Shusha."
    assert found(text, SHUSHI) == [("Shusha", "shushi")]
    assert found("[Shusha](https://x.org/shusha)", SHUSHI) == [("Shusha", "shushi")]


def test_bare_domain_names_are_left_alone():
    text = "shusha.am, news.shusha.am, Shusha.com and Shusha. Then Shusha.\n"
    assert found(text, SHUSHI) == [("Shusha", "shushi")] * 2


def test_multi_word_names_across_a_line_break_or_no_break_space():
    assert found("near Karin\nTak and Karin\u00a0Tak", KARIN, KARIN_TAK) == [
        ("Karin\nTak", "karin-tak"),
        ("Karin\u00a0Tak", "karin-tak"),
    ]


def test_protected_spans_cover_the_whole_url():
    text = "a https://x.org/p?q=1 b (www.x.am/Shusha). Mail a@b.am."
    assert [text[s:e] for s, e in protected_spans(text)] == [
        "https://x.org/p?q=1",
        "www.x.am/Shusha",
        "a@b.am",
    ]


def test_non_latin_scripts_and_combining_marks():
    entry = Entry("shushi", "place", {"ru": "Шуши", "hy": "Շուշի"}, {"ru": ("Шуша",)})
    assert found("в Шуше и в ШУША", entry, lang="ru") == [("ШУША", "shushi")]
    assert found("Շուշի, Շուշին", entry, lang="hy") == [("Շուշի", "shushi")]
    # a combining accent continues the word: "Shushá" is not "Shush"
    assert found("Shusha\u0301 Shusha", SHUSHI) == [("Shusha", "shushi")]


def test_fold_case_keeps_offsets():
    text = "İstanbul and Shusha"
    assert len(fold_case(text)) == len(text)
    assert found(text, SHUSHI) == [("Shusha", "shushi")]


def test_only_the_requested_language():
    entry = Entry("shushi", "place", {"en": "Shushi", "ru": "Шуши"}, {"ru": ("Шуша",)})
    assert found("Шуша", entry, lang="en") == []


def reference_matches(forms: list[str], text: str) -> list[tuple[int, int]]:
    """Leftmost-longest whole-word matches, by brute force."""
    folded = text.lower().replace("\n", " ")  # a line break reads as a space
    result, i = [], 0
    while i < len(text):
        best = None
        for form in forms:
            end = i + len(form)
            whole = (i == 0 or not text[i - 1].isalnum()) and (
                end >= len(text) or not text[end].isalnum()
            )
            if whole and folded.startswith(form.lower(), i) and (best is None or end > best):
                best = end
        if best is None:
            i += 1
        else:
            result.append((i, best))
            i = best
    return result


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.text("ab ", min_size=1, max_size=5).map(str.strip).filter(bool),
        min_size=1,
        max_size=6,
        unique=True,
    ),
    st.text("abAB ,\n", max_size=30),
)
def test_matches_agree_with_brute_force(forms, text):
    entries = [Entry(f"e{i}", "other", {"en": form}) for i, form in enumerate(forms)]
    matcher = Matcher(Glossary(entries), "en")
    got = [(start, end) for start, end, _ in matcher.spans(text)]
    assert got == reference_matches(forms, text)


def test_a_name_inside_a_url_with_an_at_sign_is_left_alone():
    from onoma.normalize.core import normalize_text

    text = "See https://example.am/contact?mail=foo@bar.am/news/Shusha and Shusha."
    assert normalize_text(text).text == text.replace("and Shusha.", "and Shushi.")


URLISH = st.text(alphabet="ab.@:/ w", max_size=40)


@given(URLISH)
def test_protected_spans_are_sorted_and_do_not_overlap(text):
    spans = protected_spans(text)
    assert spans == sorted(spans)
    assert all(end <= start for (_, end), (start, _) in pairwise(spans))
    assert all(0 <= start < end <= len(text) for start, end in spans)


def test_a_bare_domain_with_a_path_is_left_alone():
    from onoma.normalize.core import normalize_text

    text = "See example.com/Shusha or news.am/a?q=Shusha, and/or Shusha on 11/05/2020."
    expected = "See example.com/Shusha or news.am/a?q=Shusha, and/or Shushi on 11/05/2020."
    assert normalize_text(text).text == expected
