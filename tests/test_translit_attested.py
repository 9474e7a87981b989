"""The attested-spelling choice for letters press Latin does not tell apart."""

from __future__ import annotations

from onoma.translit import transliterate
from onoma.translit.attested import load_lexicon, prefer_attested


def test_lexicon_is_armenian_words() -> None:
    lexicon = load_lexicon()
    assert len(lexicon) > 1000
    assert all(word == word.lower() and not word.isascii() for word in lexicon)


def test_attested_spelling_replaces_the_rules_choice() -> None:
    lexicon = frozenset({"գավառ", "լոռի"})
    assert prefer_attested("Գավար", lexicon) == "Գավառ"  # case kept
    assert prefer_attested("լորի", lexicon) == "լոռի"


def test_unattested_word_keeps_the_rules_choice() -> None:
    assert prefer_attested("Տորոսյան", frozenset({"գավառ"})) == "Տորոսյան"


def test_fewest_changes_win() -> None:
    lexicon = frozenset({"քաթար", "կաթար"})
    assert prefer_attested("կատար", lexicon) == "կաթար"


def test_shipped_lexicon_fixes_place_names() -> None:
    assert transliterate("Gavar", to="armn", lang="en") == "Գավառ"
    assert transliterate("Kajaran", to="armn", lang="en") == "Քաջարան"


def test_exception_is_not_second_guessed() -> None:
    assert transliterate("Pashinyan", to="armn", lang="en") == "Փաշինյան"
