"""The shipped glossary of the region: coverage of a chosen list of names, and the
naming-style layers, each lint-clean together with the built-in glossary."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import onoma
from onoma.curate.lint import lint
from onoma.glossary.load import builtin_glossary_dir, load_glossaries
from onoma.normalize import normalize_text

STYLES = builtin_glossary_dir() / "styles"

# Armenia's ten provinces (and Yerevan), and a sample of its towns.
ARMENIA = "Yerevan Aragatsotn Ararat Armavir Gegharkunik Kotayk Lori Shirak Syunik Tavush".split()
ARMENIA += ["Vayots Dzor", "Gyumri", "Vanadzor", "Kapan", "Goris", "Jermuk", "Meghri", "Dilijan"]
# Azerbaijan's districts (rayonlar), Nakhchivan's included, and its cities.
AZERBAIJAN = """Absheron Aghjabadi Aghdam Aghdash Aghstafa Aghsu Astara Babek Balakan Barda
Beylagan Bilasuvar Jabrayil Jalilabad Julfa Dashkasan Fuzuli Gadabay Goranboy Goychay Goygol
Hajigabul Imishli Ismayilli Kalbajar Kangarli Khachmaz Khizi Khojali Khojavend Kurdamir Lachin
Lankaran Lerik Masally Neftchala Oghuz Ordubad Gabala Gakh Gazakh Gobustan Guba Gubadli Gusar
Saatly Sabirabad Sadarak Salyan Samukh Shabran Shahbuz Shamakhi Shaki Shamkir Sharur Siyazan
Tartar Tovuz Ujar Yardimli Yevlakh Zagatala Zangilan Zardab Baku Ganja Sumgait Mingachevir
Shirvan Naftalan Nakhchivan""".split()
KARABAKH = [
    "Stepanakert",
    "Shushi",
    "Martakert",
    "Askeran",
    "Hadrut",
    "Nagorno-Karabakh",
    "Artsakh",
]
# Heads of state and government, foreign and defence ministers (surname entries).
LEADERS = """Ter-Petrosyan Kocharyan Sargsyan Khachaturyan Pashinyan Bagratyan Darbinyan
Margaryan Abrahamyan Karapetyan Oskanian Nalbandian Mnatsakanyan Ayvazyan Mirzoyan Ohanyan
Tonoyan Papikyan Mutallibov Elchibey Aliyev Hasanov Guliyev Rasizade Mammadov Asadov
Mammadyarov Bayramov Abiyev""".split()
ORGANIZATIONS = [
    "OSCE",
    "OSCE Minsk Group",
    "CSTO",
    "EU",
    "UN",
    "CIS",
    "NATO",
    "PACE",
    "Milli Majlis",
]
NEIGHBOURS = [
    "Georgia",
    "Iran",
    "Turkey",
    "Russia",
    "Tbilisi",
    "Tehran",
    "Ankara",
    "Moscow",
    "Washington",
]


@pytest.fixture(scope="module")
def builtin():
    return load_glossaries()


@pytest.mark.parametrize(
    "names",
    [ARMENIA, AZERBAIJAN, KARABAKH, LEADERS, ORGANIZATIONS, NEIGHBOURS],
    ids=["armenia", "azerbaijan", "karabakh", "leaders", "organizations", "neighbours"],
)
def test_every_listed_name_is_an_entry_with_four_languages(builtin, names):
    by_name = {entry.names["en"]: entry for entry in builtin}
    missing = [name for name in names if name not in by_name]
    assert not missing
    partial = [name for name in names if set(by_name[name].names) < {"en", "hy", "ru", "az"}]
    assert not partial


def test_the_glossary_is_large_and_every_entry_names_its_source(builtin):
    assert len(builtin) >= 400
    assert all(entry.note and "source:" in entry.note for entry in builtin)


def test_variants_normalize_to_the_curated_forms(builtin):
    text = "Pashinian met Aliev and Mamedyarov in Tiflis; the U.N. too."
    assert normalize_text(text, glossary=builtin).text == (
        "Pashinyan met Aliyev and Mammadyarov in Tbilisi; the UN too."
    )
    ru = normalize_text("Саркисян и Алиев: Гянжа", glossary=builtin, lang="ru").text
    assert ru == "Саргсян и Алиев: Гянджа"


def test_the_default_load_leaves_the_styles_out(builtin):
    assert builtin.get("stepanakert").names["en"] == "Stepanakert"
    assert builtin.get("shushi").names["en"] == "Shushi"
    assert len(builtin) == len({entry.id for entry in builtin})


@pytest.mark.parametrize("style", sorted(p.name for p in STYLES.iterdir() if p.is_dir()))
def test_each_style_lints_clean_with_the_builtin_glossary_and_replaces_entries(builtin, style):
    layered = load_glossaries([STYLES / style])
    assert len(layered) == len(builtin)
    problems = [p for p in lint(layered) if p.severity == "error"]
    assert not problems
    changed = [e.id for e in layered if e.names != builtin.get(e.id).names]
    assert "stepanakert" in changed or "shushi" in changed


def test_the_styles_choose_opposite_english_names():
    armenian = load_glossaries([STYLES / "armenian-press"])
    azerbaijani = load_glossaries([STYLES / "azerbaijani-press"])
    text = "Khankendi, Stepanakert, Shusha, Berdzor and Lachin."
    assert normalize_text(text, glossary=armenian).text == (
        "Stepanakert, Stepanakert, Shushi, Berdzor and Berdzor."
    )
    assert normalize_text(text, glossary=azerbaijani).text == (
        "Khankendi, Khankendi, Shusha, Lachin and Lachin."
    )


NAME_LISTS = Path("/work/shared/data/names")


@pytest.mark.skipif(not NAME_LISTS.is_dir(), reason="the open name lists are not on this machine")
def test_the_build_script_regenerates_the_shipped_files(tmp_path):
    script = Path(__file__).resolve().parent.parent / "scripts" / "build_region_glossary.py"
    env = {**os.environ, "PYTHONPATH": str(Path(onoma.__file__).parent.parent)}
    done = subprocess.run(
        [sys.executable, str(script), "--names", str(NAME_LISTS), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    built = sorted(tmp_path.glob("*.yaml"))
    assert len(built) == 7
    for path in built:
        shipped = builtin_glossary_dir() / path.name
        assert path.read_text(encoding="utf-8") == shipped.read_text(encoding="utf-8"), path.name
