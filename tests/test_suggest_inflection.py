"""``onoma glossary suggest`` in Russian and Armenian: inflected forms are shown, never
proposed as variants."""

from __future__ import annotations

import csv
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from onoma.cli import app
from onoma.curate.suggest import clusters as suggest_module
from onoma.curate.suggest.candidates import CorpusScan, Spelling
from onoma.curate.suggest.clusters import cluster_spellings
from onoma.glossary import load_file
from onoma.glossary.model import Entry, Glossary
from onoma.lang.stems import inflection_bases, inflection_test, stemmer_for

runner = CliRunner()
NAMES = Path(__file__).parent / "data" / "translit_names.tsv"

GLOSSARY = """\
- id: shushi
  type: place
  names: {en: Shushi, ru: Шуши, hy: Շուշի}
  variants: {ru: [Шуша]}
- id: pashinyan
  type: person
  names: {en: Pashinyan, ru: Пашинян, hy: Փաշինյան}
"""

RU_CORPUS = """\
Вчера в Шуше прошла встреча, и жители Шуши ждали. Дорога на Шушу закрыта.
Город Шуша пострадал; под Шушой шли бои, и туристы ехали в Шушу.
Премьер-министр Пашинян заявил, что встреча у Пашиняна прошла. Письмо Пашиняну отправили.
Говорили с Пашиняном, и Пашинян ответил; сторонники Пашинъяна собрались, и Пашинъян сказал.
Газета пишет, что Пашинъян уехал, а Пашиняна ждут. Письмо Пашиняну пришло.
"""

EN_CORPUS = """\
The talks in Stepanakert went on. Officials in Stepanakert said so.
Meanwhile Stepanakerd residents waited, and Hovanesyan spoke.
Prime Minister Nikol Pashinyan met Pashinian supporters; Pashinyan’s office agreed with Pashinyan.
Armenian officials said Artsakh President Arayik Harutiunian was in Shushi.
Arayik Harutiunian spoke. Harutiunian agreed with Armenians from Armenia.
"""


@pytest.fixture
def ru_corpus(tmp_path: Path, write_glossary) -> tuple[Path, Path]:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "ru.txt").write_text(RU_CORPUS, encoding="utf-8")
    return folder, write_glossary(GLOSSARY)


def suggest(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["glossary", "suggest", *args])
    return result.exit_code, result.stdout, result.stderr


def spelling_table(cluster: dict) -> dict[str, tuple[int, bool, str | None]]:
    return {s["text"]: (s["count"], s["known"], s["inflection_of"]) for s in cluster["spellings"]}


def test_json_attaches_inflected_forms_to_their_entries(ru_corpus):
    folder, glossary = ru_corpus
    code, out, _ = suggest(str(folder), "-g", str(glossary), "--lang", "ru", "--json")
    assert code == 0
    data = json.loads(out)["clusters"]
    clusters = {c["id"]: c for c in data}
    for cluster in data:
        for spelling in cluster["spellings"]:
            assert set(spelling) == {
                "text",
                "count",
                "example",
                "where",
                "known",
                "inflection_of",
                "mixed_script",
            }
            assert cluster["id"] is not None or not spelling["text"].startswith(("Шуш", "Пашин"))
    shushi = spelling_table(clusters["shushi"])
    assert shushi["Шуша"] == (1, True, None)
    assert shushi["Шуши"] == (1, True, None)
    assert shushi["Шушу"][:2] == (2, False)
    for form in ("Шуше", "Шушу", "Шушой"):
        assert shushi[form][2] in {"Шуша", "Шуши"}, form
    pashinyan = spelling_table(clusters["pashinyan"])
    assert pashinyan["Пашинян"] == (2, True, None)
    assert pashinyan["Пашинъян"] == (2, False, None)
    assert pashinyan["Пашиняна"] == (2, False, "Пашинян")
    assert pashinyan["Пашиняну"] == (2, False, "Пашинян")
    assert pashinyan["Пашиняном"] == (1, False, "Пашинян")
    assert pashinyan["Пашинъяна"] == (1, False, "Пашинъян")
    [shushe] = [s for s in clusters["shushi"]["spellings"] if s["text"] == "Шуше"]
    assert "в Шуше прошла" in shushe["example"] and shushe["where"].endswith("ru.txt:1")


def test_yaml_proposes_only_the_new_spelling(ru_corpus, tmp_path):
    folder, glossary = ru_corpus
    code, out, _ = suggest(str(folder), "-g", str(glossary), "--lang", "ru", "--yaml")
    assert code == 0
    for form in ("Шуше", "Шушу", "Шушой", "Пашиняна", "Пашиняну", "Пашиняном", "Пашинъяна"):
        assert form not in out, form
    fragment = tmp_path / "proposed.yaml"
    fragment.write_text(out, encoding="utf-8")
    entries = {e.id: e for e in load_file(fragment).entries}
    assert "shushi" not in entries  # nothing but inflected forms to add
    assert entries["pashinyan"].variants == {"ru": ("Пашинъян",)}


def test_text_output_marks_inflected_forms(ru_corpus):
    folder, glossary = ru_corpus
    code, out, err = suggest(str(folder), "-g", str(glossary), "--lang", "ru")
    assert code == 0
    lines = out.splitlines()
    assert any(
        line.startswith("Пашинян — entry pashinyan (")
        and line.endswith("; proposed variant: Пашинъян")
        for line in lines
    )
    assert any(
        line.startswith("Шуши — entry shushi (") and line.endswith("; inflected forms only")
        for line in lines
    )
    [form] = [line for line in lines if line.strip().startswith("Пашиняну ")]
    assert form.startswith("    Пашиняну ")  # not marked "+"
    assert "(inflected form of Пашинян)" in form
    [new] = [line for line in lines if line.strip().startswith("+ Пашинъян ")]
    assert "inflected" not in new
    assert "1 with new variants of entries" in err
    assert "1 with inflected forms of entries only" in err


def test_multi_word_runs_are_cut_at_inflected_forms_of_known_names():
    glossary = Glossary(
        [Entry("nikol", "person", {"ru": "Никол"}), Entry("pashinyan", "person", {"ru": "Пашинян"})]
    )
    scan = CorpusScan(glossary, "ru")
    scan.add_text("Визит Никола Пашиняна прошёл. Встреча с Николом Пашиняном.\n", "a.txt")
    found = set(scan.spellings())
    assert {"Никола", "Пашиняна", "Николом", "Пашиняном"} <= found
    assert not any(" " in text for text in found)
    english = CorpusScan(Glossary([Entry("n", "person", {"en": "Nikol"})]), "en")
    assert english.inflected is None


def test_multi_word_spellings_compare_word_by_word():
    glossary = Glossary([Entry("nikol-pashinyan", "person", {"ru": "Никол Пашинян"})])
    spellings = [Spelling("Никола Пашиняна", 3), Spelling("Николом Пашиняном", 2)]
    [cluster] = cluster_spellings(spellings, glossary, "ru", min_count=1)
    assert cluster.id == "nikol-pashinyan"
    assert {s.text: cluster.inflection_of(s) for s in cluster.spellings} == {
        "Никола Пашиняна": "Никол Пашинян",
        "Николом Пашиняном": "Никол Пашинян",
    }
    assert cluster.new_spellings() == []


def test_armenian_case_endings():
    glossary = Glossary(
        [
            Entry("shushi", "place", {"hy": "Շուշի"}),
            Entry("pashinyan", "person", {"hy": "Փաշինյան"}),
            Entry("gevorg", "person", {"hy": "Գևորգ"}),
        ]
    )
    spellings = [
        Spelling("Շուշիում", 4),
        Spelling("Շուշիի", 2),
        Spelling("Փաշինյանը", 5),
        Spelling("Փաշինյանի", 3),
        Spelling("Փաշինյանից", 1),
        Spelling("Գևորգի", 2),
        Spelling("Փաշինիան", 2),
    ]
    clusters = {c.id: c for c in cluster_spellings(spellings, glossary, "hy", min_count=1)}
    assert {s.text: clusters["shushi"].inflection_of(s) for s in clusters["shushi"].spellings} == {
        "Շուշիում": "Շուշի",
        "Շուշիի": "Շուշի",
    }
    assert clusters["gevorg"].inflections == {"Գևորգի": "Գևորգ"}
    pashinyan = clusters["pashinyan"]
    assert set(pashinyan.inflections) == {"Փաշինյանը", "Փաշինյանի", "Փաշինյանից"}
    assert pashinyan.new_spellings() == ["Փաշինիան"]


def test_base_is_the_spelling_others_begin_with_even_when_rarer():
    spellings = [
        Spelling("Карабаха", 9),
        Spelling("Карабахе", 7),
        Spelling("Карабахом", 2),
        Spelling("Карабах", 1),
    ]
    [cluster] = cluster_spellings(spellings, Glossary(), "ru", min_count=1)
    assert cluster.canonical == "Карабах"
    assert cluster.inflections == {t: "Карабах" for t in ("Карабаха", "Карабахе", "Карабахом")}
    assert cluster.new_spellings() == []


@pytest.mark.parametrize(
    "names",
    [
        ("Латвия", "Латвиец"),
        ("Мара", "Мари"),
        ("Армен", "Армения"),
        ("Иван", "Иванов"),
        ("Гасан", "Гасанов"),
        ("Мамед", "Мамедов"),
        ("Тигран", "Тигранакерт"),
    ],
)
def test_distinct_names_stay_apart(names):
    spellings = [Spelling(name, 4) for name in names]
    assert inflection_bases(spellings, "ru") == {}
    clusters = cluster_spellings(spellings, Glossary(), "ru", min_count=1)
    assert sorted(c.canonical for c in clusters) == sorted(names)


def test_short_names_only_against_a_glossary_form_and_ending_for_ending():
    glossary = Glossary(
        [
            Entry("ana", "person", {"ru": "Ана"}),
            Entry("karen", "person", {"ru": "Карен"}),
            Entry("shusha", "place", {"ru": "Шуша"}),
        ]
    )
    spellings = [Spelling(text, 3) for text in ("Анаит", "Каро", "Шушой", "Шуше")]
    clusters = cluster_spellings(spellings, glossary, "ru", min_count=1)
    found = {s.text: (c.id, c.inflection_of(s)) for c in clusters for s in c.spellings}
    assert found == {
        "Анаит": (None, None),
        "Каро": (None, None),
        "Шушой": ("shusha", "Шуша"),
        "Шуше": ("shusha", "Шуша"),
    }
    unknown = [Spelling("Шуша", 5), Spelling("Шушой", 3), Spelling("Шуше", 2)]
    assert inflection_bases(unknown, "ru") == {}  # three shared letters: too few alone


def test_forms_go_to_the_right_one_of_two_close_names():
    glossary = Glossary(
        [
            Entry("armen", "person", {"ru": "Армен"}),
            Entry("armenia", "place", {"ru": "Армения"}),
            Entry("gasan", "person", {"ru": "Гасан"}),
            Entry("gasanov", "person", {"ru": "Гасанов"}),
        ]
    )
    spellings = [
        Spelling(text, 3)
        for text in ("Армена", "Арменом", "Армении", "Арменией", "Гасаном", "Гасанову")
    ]
    clusters = cluster_spellings(spellings, glossary, "ru", min_count=1)
    found = {s.text: (c.id, c.inflection_of(s)) for c in clusters for s in c.spellings}
    assert found == {
        "Армена": ("armen", "Армен"),
        "Арменом": ("armen", "Армен"),
        "Армении": ("armenia", "Армения"),
        "Арменией": ("armenia", "Армения"),
        "Гасаном": ("gasan", "Гасан"),
        "Гасанову": ("gasanov", "Гасанов"),
    }


def _names(column: str) -> list[str]:
    with NAMES.open(encoding="utf-8") as handle:
        return sorted({row[column] for row in csv.DictReader(handle, delimiter="\t")})


def _ru_forms(name: str) -> list[str]:
    """Case forms of a Russian-spelled name (test data; indeclinable names: none)."""
    stem, last = name[:-1], name[-1]
    if name.endswith("ия"):
        return [stem + e for e in ("и", "ю", "ей")]
    if last == "я":
        return [stem + e for e in ("и", "е", "ю", "ей")]
    if last == "а":
        genitive = "и" if stem[-1] in "гкхжчшщ" else "ы"
        return [stem + e for e in (genitive, "е", "у", "ой")]
    if last == "й":
        return [stem + e for e in ("я", "ю", "ем", "е")]
    if last in "еёиоуыэюь":
        return []
    return [name + e for e in ("а", "у", "ом", "е")]


def _hy_forms(name: str) -> list[str]:
    """Case forms of an Armenian name (test data)."""
    if name[-1] in "աեէըիոօ":
        return [name + e for e in ("ն", "ից", "ում")]
    return [name + e for e in ("ի", "ը", "ին", "ից", "ով", "ում")]


@pytest.mark.parametrize(("lang", "make"), [("ru", _ru_forms), ("hy", _hy_forms)])
def test_over_merging_and_recall_on_real_names(lang, make):
    names = [n for n in _names(lang) if " " not in n]
    # Distinct names, none in the glossary: none is taken for a form of another.
    assert inflection_bases([Spelling(name, 5) for name in names], lang) == {}
    # The names as glossary entries, their case forms in the corpus.
    rng = random.Random(3)
    family = {form: name for name in names for form in make(name) if form not in names}
    glossary = Glossary([Entry(f"e{i}", "other", {lang: name}) for i, name in enumerate(names)])
    spellings = [Spelling(form, rng.randint(1, 9)) for form in family]
    clusters = cluster_spellings(spellings, glossary, lang, min_count=1)
    attached = [
        s.text
        for c in clusters
        for s in c.spellings
        if c.entry and c.entry.names[lang] == family[s.text] == c.inflection_of(s)
    ]
    proposed = [text for c in clusters for text in c.new_spellings()]
    assert len(attached) >= 0.95 * len(family)
    assert len(proposed) <= 0.01 * len(family), proposed


CONSONANTS = "бвгдзклмнпрстфхц"
VOWELS = "аеиоу"
ENDINGS = ("а", "у", "ом", "е")
BASES = ("Пашинян", "Шуша", "Ереван", "Армения", "Армен", "Гасан")


@st.composite
def surnames(draw) -> str:
    """Armenian-style Russian surnames: two or three syllables and -ян."""
    pairs = st.tuples(st.sampled_from(CONSONANTS), st.sampled_from(VOWELS))
    syllables = draw(st.lists(pairs, min_size=2, max_size=3))
    root = "".join(c + v for c, v in syllables) + draw(st.sampled_from(["", "р", "с", "н", "т"]))
    return (root + "ян").capitalize()


@settings(max_examples=150, deadline=None)
@given(surnames(), st.lists(st.integers(1, 50), min_size=5, max_size=5), st.booleans())
def test_case_forms_of_a_surname_make_one_cluster_with_the_base(name, counts, known):
    forms = [name, *(name + ending for ending in ENDINGS)]
    spellings = [Spelling(text, count) for text, count in zip(forms, counts, strict=True)]
    glossary = Glossary([Entry("x", "person", {"ru": name})]) if known else Glossary()
    [cluster] = cluster_spellings(spellings, glossary, "ru", min_count=1)
    assert cluster.canonical == name
    assert cluster.inflections == {form: name for form in forms[1:]}
    assert cluster.new_spellings() == []


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.sampled_from(BASES), min_size=1, max_size=4),
    st.lists(st.tuples(st.sampled_from(["", *ENDINGS, "ой", "и", "ов", "ия"]), st.integers(1, 9))),
)
def test_inflection_marks_are_consistent(known, seen):
    glossary = Glossary([Entry(f"e{i}", "other", {"ru": n}) for i, n in enumerate(set(known))])
    spellings = {}
    for i, (ending, count) in enumerate(seen):
        text = BASES[i % len(BASES)] + ending
        spellings[text] = Spelling(text, count)
    for cluster in cluster_spellings(spellings.values(), glossary, "ru", min_count=1):
        texts = {s.text for s in cluster.spellings}
        forms = set(cluster.entry.forms("ru")) if cluster.entry else set()
        new = set(cluster.new_spellings())
        for text, base in cluster.inflections.items():
            assert text in texts and text not in forms and text not in new
            assert base in texts | forms and base not in cluster.inflections
            assert text.startswith(base[:3])
        assert cluster.canonical not in cluster.inflections


def test_english_is_untouched(tmp_path, monkeypatch):
    assert stemmer_for("en") is None and inflection_test(["Shushi"], "en") is None
    assert stemmer_for("ru-RU") is not None and stemmer_for("hy") is not None
    spellings = [Spelling(text, 3) for text in ("Karabakh", "Karabakhs", "Shusha", "Shushas")]
    assert inflection_bases(spellings, "en") == {}
    corpus = tmp_path / "en.txt"
    corpus.write_text(EN_CORPUS, encoding="utf-8")
    with_stems = suggest(str(corpus), "--json", "--min-count", "1")
    monkeypatch.setattr(suggest_module, "inflection_bases", lambda nodes, lang: {})
    without = suggest(str(corpus), "--json", "--min-count", "1")
    assert with_stems == without
    data = json.loads(with_stems[1])
    assert all(s["inflection_of"] is None for c in data["clusters"] for s in c["spellings"])
    code = (
        "import sys\n"
        "from onoma.glossary import load_glossaries\n"
        "from onoma.curate.suggest.candidates import scan_corpus\n"
        "from onoma.curate.suggest.clusters import cluster_spellings\n"
        f"scan, _ = scan_corpus([{str(corpus)!r}], load_glossaries(), 'en')\n"
        "cluster_spellings(scan.spellings().values(), load_glossaries(), 'en')\n"
        "import onoma.cli\n"
        "print('snowballstemmer' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr
