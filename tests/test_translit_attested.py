"""The attested-spelling choice for letters press Latin does not tell apart."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from onoma.cli import app
from onoma.translit import attested_words, transliterate
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


def test_shipped_word_list_fixes_surnames() -> None:
    # Surnames are in Tesseract's Armenian word list, not in the place-name lists.
    assert "թորոսյան" not in load_lexicon("names_hy.txt")
    assert transliterate("Torosyan", to="armn", lang="en") == "Թորոսյան"
    assert transliterate("Melkumyan", to="armn", lang="en") == "Մելքումյան"


def test_word_list_holds_only_lattice_words() -> None:
    words = load_lexicon("words_hy.txt")
    assert len(words) > 10_000
    ambiguous = set("կքտթպփչճցծրռ")
    assert all(ambiguous & set(word) and word == word.lower() for word in words)
    assert not any("եւ" in word for word in words)  # written «և», as the rules write it


def test_every_word_of_a_run_is_looked_up() -> None:
    assert transliterate("Torosyan Melkumyan", to="armn", lang="en") == "Թորոսյան Մելքումյան"


def test_first_list_with_an_attested_spelling_wins() -> None:
    curated, shipped = frozenset({"տորոսյան"}), frozenset({"թորոսյան"})
    assert prefer_attested("Տորոսյան", lexicons=(curated, shipped)) == "Տորոսյան"
    assert prefer_attested("Տորոսյան", lexicons=(frozenset(), shipped)) == "Թորոսյան"


def test_curated_names_win_over_the_shipped_lists() -> None:
    curated = attested_words(["Տորոսյան Արամ"])
    assert curated == {"տորոսյան", "արամ"}
    assert transliterate("Torosyan", to="armn", lang="en", attested=curated) == "Տորոսյան"


def test_yev_is_compared_as_one_letter() -> None:
    lexicon = attested_words(["Թեւոսյան"])  # the classical spelling writes «եւ»
    assert prefer_attested("Տևոսյան", lexicon) == "Թևոսյան"


def test_cli_reads_the_glossary_names(tmp_path: Path) -> None:
    glossary = tmp_path / "people.yaml"
    glossary.write_text(
        "- id: torosyan-ani\n  type: person\n  names:\n    en: Ani Torosyan\n"
        "    hy: Անի Տորոսյան\n",
        encoding="utf-8",
    )
    plain = CliRunner().invoke(app, ["translit", "--to", "armn", "Torosyan"])
    curated = CliRunner().invoke(app, ["translit", "--to", "armn", "-g", str(glossary), "Torosyan"])
    assert (plain.exit_code, plain.stdout.strip()) == (0, "Թորոսյան")
    assert (curated.exit_code, curated.stdout.strip()) == (0, "Տորոսյան")
