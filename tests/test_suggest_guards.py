"""``onoma glossary suggest`` keeps apart what is no variant spelling: names of one root,
case forms of other spellings, a word and a longer name, spellings in mixed scripts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SAMPLE_ARGS
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from onoma.cli import app
from onoma.curate.lint import lint
from onoma.curate.suggest import clusters as suggest_module
from onoma.curate.suggest.candidates import Spelling
from onoma.curate.suggest.clusters import cluster_spellings
from onoma.curate.suggest.report import render_text, render_yaml
from onoma.glossary import load_file, load_glossaries
from onoma.glossary.model import Entry, Glossary
from onoma.lang.stems import one_root_test

runner = CliRunner()
GLOSSARY = load_glossaries()


def suggest(folder: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["glossary", "suggest", str(folder), *args])
    return result.exit_code, result.stdout, result.stderr


def corpus(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "corpus.txt"
    path.write_text(text, encoding="utf-8")
    return path


def groups(spellings: list[Spelling], lang: str, glossary: Glossary = GLOSSARY) -> list[set]:
    clusters = cluster_spellings(spellings, glossary, lang, min_count=1)
    return [{s.text for s in c.spellings} for c in clusters]


def test_a_man_s_name_is_no_variant_of_the_country(tmp_path):
    path = corpus(tmp_path, "Армен. Армен. Армена.\n")
    code, out, _ = suggest(path, "--lang", "ru", "--json", *SAMPLE_ARGS)
    assert code == 0
    [cluster] = json.loads(out)["clusters"]
    assert (cluster["id"], cluster["canonical"]) == (None, "Армен")
    assert {s["text"]: s["inflection_of"] for s in cluster["spellings"]} == {
        "Армен": None,
        "Армена": "Армен",
    }
    _, fragment, _ = suggest(path, "--lang", "ru", "--yaml", *SAMPLE_ARGS)
    assert "armenia" not in fragment


def test_a_name_and_its_diminutive_stay_apart():
    spellings = [Spelling(t, n) for t, n in (("Տաթև", 3), ("Տաթևիկ", 2), ("Տաթևը", 1))]
    spellings.append(Spelling("Տաթևիկը", 1))
    found = {frozenset(texts) for texts in groups(spellings, "hy")}
    assert found == {frozenset({"Տաթև", "Տաթևը"}), frozenset({"Տաթևիկ", "Տաթևիկը"})}


def test_the_base_is_the_nominative_and_a_case_form_is_never_proposed():
    spellings = [Spelling(t, 1) for t in ("Мария", "Марина", "Марии")]
    clusters = cluster_spellings(spellings, Glossary(), "ru", min_count=1)
    by_name = {c.canonical: c for c in clusters}
    assert set(by_name) == {"Мария", "Марина"}
    assert by_name["Мария"].inflections == {"Марии": "Мария"}
    assert all("Марии" not in c.new_spellings() for c in clusters)


def test_a_genitive_is_no_variant_of_a_like_name():
    spellings = [Spelling("Ани", 2), Spelling("Анна", 2), Spelling("Анны", 1)]
    for cluster in cluster_spellings(spellings, Glossary(), "ru", min_count=1):
        texts = {s.text for s in cluster.spellings}
        assert not {"Ани", "Анны"} <= texts and not {"Ани", "Анна"} <= texts


@pytest.mark.parametrize(("lang", "word"), [("en", "Karina"), ("ru", "Карина")])
def test_a_word_is_no_variant_of_a_longer_name_it_begins_like(tmp_path, lang, word):
    code, out, _ = suggest(corpus(tmp_path, f"{word}. {word}.\n"), "--lang", lang, "--json")
    assert code == 0
    assert [c["id"] for c in json.loads(out)["clusters"]] == [None]


def test_a_glued_spelling_of_a_longer_name_is_still_a_variant():
    [cluster] = cluster_spellings([Spelling("Karin-Takk", 2)], GLOSSARY, "en", min_count=1)
    assert cluster.id == "karin-tak" and cluster.new_spellings() == ["Karin-Takk"]


CONSONANTS = "бвгдклмнпрстх"
VOWELS = "аеиоу"
SUFFIXES = ("ов", "ия", "ин", "ец")


@st.composite
def name_families(draw) -> tuple[list[str], list[str]]:
    """A Russian-spelled name with its case forms, and a name made from it by a
    name-forming suffix, with its case forms."""
    pairs = st.tuples(st.sampled_from(CONSONANTS), st.sampled_from(VOWELS))
    root = "".join(c + v for c, v in draw(st.lists(pairs, min_size=2, max_size=3)))
    root = (root + draw(st.sampled_from("нрмл"))).capitalize()
    suffix = draw(st.sampled_from(SUFFIXES))
    derived = root + suffix
    if suffix == "ия":
        other = [root + "ии", root + "ию", root + "ией"]
    else:
        other = [derived + e for e in ("а", "у", "ом")]
    return [root, *(root + e for e in ("а", "у", "ом", "е"))], [derived, *other]


@settings(max_examples=150, deadline=None)
@given(name_families(), st.lists(st.integers(1, 9), min_size=9, max_size=9), st.booleans())
def test_names_of_one_root_never_share_a_cluster(families, counts, known):
    first, second = families
    glossary = Glossary([Entry("x", "other", {"ru": second[0]})]) if known else Glossary()
    spellings = [Spelling(t, n) for t, n in zip([*first, *second], counts, strict=False)]
    for texts in groups(spellings, "ru", glossary):
        assert not (texts & set(first) and texts & set(second)), texts


HOMOGLYPHS = {"а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x"}


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["Арутюнян", "Пашинян", "Сейран", "Лисагор"]), st.data())
def test_a_spelling_in_mixed_scripts_is_flagged_never_proposed(name, data):
    spots = [i for i, c in enumerate(name) if c in HOMOGLYPHS]
    i = data.draw(st.sampled_from(spots))
    typo = name[:i] + HOMOGLYPHS[name[i]] + name[i + 1 :]
    glossary = Glossary([Entry("x", "person", {"ru": name})])
    spellings = [Spelling(name, 3), Spelling(typo, 2), Spelling(typo + "a", 1)]
    clusters = cluster_spellings(spellings, glossary, "ru", min_count=1)
    assert all(suggest_module.mixed_script(t) is None for c in clusters for t in c.new_spellings())
    assert typo in render_text(clusters) and "mixed scripts: Latin" in render_text(clusters)
    fragment = render_yaml(clusters, glossary, "ru")
    assert typo not in fragment
    assert not [p for p in lint(_load(fragment)) if p.code == "mixed-script"]


def _load(text: str) -> Glossary:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fragment.yaml"
        path.write_text(text, encoding="utf-8")
        return Glossary(load_file(path).entries)


def test_mixed_script_spellings_in_the_report(tmp_path):
    typo = "Аpутюнян"  # a Latin p
    path = corpus(tmp_path, f"Арутюнян сказал. {typo} ушёл. {typo} пришёл.\n")
    code, out, err = suggest(path, "--lang", "ru")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("Арутюнян — entry harutyunyan (")
    assert lines[0].endswith("; nothing to propose")
    assert lines[1].startswith(f"  ! {typo} ")
    assert "(mixed scripts: Latin 'p' U+0070 in a Cyrillic word)" in lines[1]
    assert "1 spelling in mixed scripts left out" in err
    _, fragment, _ = suggest(path, "--lang", "ru", "--yaml")
    assert typo not in fragment and "harutyunyan" not in fragment
    _, data, _ = suggest(path, "--lang", "ru", "--json")
    spellings = json.loads(data)["clusters"][0]["spellings"]
    assert {s["text"]: s["mixed_script"] for s in spellings} == {
        typo: "Latin 'p' U+0070 in a Cyrillic word",
        "Арутюнян": None,
    }


@pytest.mark.parametrize(
    ("lang", "a", "b"),
    [
        ("ru", "Армен", "Армения"),
        ("ru", "Армена", "Армения"),
        ("ru", "Анны", "Ани"),
        ("ru", "Мария", "Марина"),
        ("ru", "Иван", "Иванов"),
        ("ru", "Никол Пашинян", "Никола Пашинъян"),
        ("hy", "Տաթև", "Տաթևիկ"),
        ("hy", "Գևորգ", "Գևորգյան"),
    ],
)
def test_one_root(lang, a, b):
    assert one_root_test(lang)(a, b) and one_root_test(lang)(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Карабах", "Карабаг"),
        ("Пашинян", "Пашинъян"),
        ("Степанакерт", "Степанакерд"),
        ("Ованесян", "Ованисян"),
    ],
)
def test_variant_spellings_are_of_no_one_root_and_still_cluster(a, b):
    assert not one_root_test("ru")(a, b)
    assert {a, b} in groups([Spelling(a, 3), Spelling(b, 1)], "ru", Glossary())


def test_one_root_is_for_languages_that_inflect_names():
    assert one_root_test("en") is None
