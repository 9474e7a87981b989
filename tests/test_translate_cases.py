"""Translated names in the case their sentence needs: endings glued to placeholders
(Armenian, Azerbaijani), governing prepositions (Russian), through the built Argos
packages and through a scripted engine that returns chosen outputs."""

from __future__ import annotations

from pathlib import Path

import pytest
from argos_factory import install_packages

from onoma.glossary.model import Entry, Glossary
from onoma.translation.api import Translator

pytestmark = pytest.mark.slow

GLOSSARY = Glossary(
    [
        Entry("shushi", "place", {"en": "Shushi", "hy": "Շուշի", "ru": "Шуши", "az": "Şuşa"}),
        Entry("armenia", "place", {"en": "Armenia", "hy": "Հայաստան", "ru": "Армения",
                                   "az": "Ermənistan"}),
        Entry("pashinyan", "person", {"en": "Pashinyan", "hy": "Փաշինյան", "ru": "Пашинян",
                                      "az": "Paşinyan"}, gender="m"),
    ]
)  # fmt: skip


@pytest.fixture(scope="module")
def copies(tmp_path_factory) -> Path:
    workdir = tmp_path_factory.mktemp("argos-cases")
    return install_packages(workdir / "copies", workdir, [("en", "hy"), ("en", "az"), ("en", "ru")])


@pytest.fixture
def translator(copies, monkeypatch):
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(copies))

    def make(lang: str, script: dict[str, str] | None = None) -> Translator:
        made = Translator(lang, glossary=GLOSSARY, beam_size=1)
        if script is not None:  # the engine returns the chosen output for each input
            monkeypatch.setattr(made, "_translate", lambda texts: [script[t] for t in texts])
        return made

    return make


@pytest.mark.parametrize(
    ("lang", "source", "output", "expected", "cases"),
    [
        ("hy", "We met in Shushi.", "Մենք հանդիպեցինք [1]-ում։", "Մենք հանդիպեցինք Շուշիում։",
         {"loc": 1}),
        ("hy", "We came from Armenia.", "Եկանք [1]ից։", "Եկանք Հայաստանից։", {"abl": 1}),
        ("az", "We met in Shushi.", "Biz [1]-da görüşdük.", "Biz Şuşada görüşdük.", {"loc": 1}),
        ("az", "We went to Shushi.", "Biz [1]'ya getdik.", "Biz Şuşaya getdik.", {"dat": 1}),
        ("az", "Pashinyan said.", "[1] dedi.", "Paşinyan dedi.", {"base: no ending": 1}),
        ("ru", "They came from Armenia.", "Они приехали из [1].", "Они приехали из Армении.",
         {"gen": 1}),
        ("ru", "A letter to Pashinyan.", "Письмо к [1].", "Письмо к Пашиняну.", {"dat": 1}),
        ("ru", "They talked about Armenia.", "Говорили о [1].", "Говорили о Армении.",
         {"loc": 1}),
        ("ru", "They came from Shushi.", "Они приехали из [1].", "Они приехали из Шуши.",
         {"gen": 1}),
        ("ru", "They live in Armenia.", "Они живут в [1].", "Они живут в Армения.",
         {"base: no preposition with one case before it": 1}),
    ],
)  # fmt: skip
def test_scripted_outputs_put_names_in_their_case(
    translator, lang: str, source: str, output: str, expected: str, cases: dict[str, int]
) -> None:
    masked = source.replace("Shushi", "[1]").replace("Armenia", "[1]").replace("Pashinyan", "[1]")
    result = translator(lang, {masked: output}).translate(source)
    assert result.text == expected
    assert result.report.ok and result.report.fallback == []
    assert result.report.cases == cases


def test_a_name_in_a_case_passes_the_check_and_a_lost_one_falls_back(translator) -> None:
    source = "We met in Shushi with Pashinyan."
    script = {
        "We met in [1] with [2].": "Մենք [1]-ում հանդիպեցինք [2]-ի հետ։",
        "We met in": "Մենք հանդիպեցինք",
        "with": "հետ",
    }
    result = translator("hy", script).translate(source)
    assert result.text == "Մենք Շուշիում հանդիպեցինք Փաշինյանի հետ։"
    assert result.report.cases == {"gen": 1, "loc": 1}
    script["We met in [1] with [2]."] = "Մենք [1]-ում հանդիպեցինք։"  # a name lost
    result = translator("hy", script).translate(source)
    assert result.report.fallback and result.report.preserved == 2
    assert result.report.cases == {"base: sentence translated piece by piece": 2}


@pytest.mark.parametrize("lang", ["hy", "az", "ru"])
def test_built_packages_keep_base_forms_where_nothing_asks_for_a_case(translator, lang) -> None:
    result = translator(lang).translate("Pashinyan visited Shushi and Armenia.")
    names = [GLOSSARY.get(i).names[lang] for i in ("pashinyan", "shushi", "armenia")]
    assert all(name in result.text for name in names)
    reason = "base: no preposition with one case before it" if lang == "ru" else "base: no ending"
    assert result.report.ok and result.report.cases == {reason: 3}
