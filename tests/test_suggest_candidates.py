"""Candidate names for ``onoma glossary suggest`` in Armenian and Russian: function
words, words glued on at a sentence start, and the Armenian definite article."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLE_ARGS
from typer.testing import CliRunner

from onoma.cli import app
from onoma.curate.suggest.candidates import CorpusScan, Spelling
from onoma.curate.suggest.clusters import cluster_spellings
from onoma.glossary import load_file, load_glossaries
from onoma.glossary.model import Glossary

runner = CliRunner()


def spellings(text: str, lang: str) -> dict[str, int]:
    scan = CorpusScan(load_glossaries(), lang)
    scan.add_text(text, "a.txt")
    return {t: s.count for t, s in scan.spellings().items()}


def test_armenian_function_words_are_no_names():
    found = spellings("Նա ասաց։ Նա գնաց։ Այս անգամ Բայց Սակայն Այսօր Երեկ Իսկ Նաև\n", "hy")
    assert found == {}


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        ("hy", "Նա ասաց։ Հետո Տաթևիկը եկավ։ Տաթևիկը հետո գնաց։\n", "Տաթևիկը"),
        ("ru", "Вчера Пашинян сказал. Пашинян ушёл.\n", "Пашинян"),
        ("ru", "Потом Алиев ушёл.\n", "Алиев"),
        ("ru", "Он сказал.\n— Встретил Ивана, — ответил он. Я встретил Петра.\n", "Ивана"),
        ("en", "Yesterday Pashinyan said so.\n", "Pashinyan"),
    ],
    ids=["hy-heto", "ru-vchera", "ru-potom", "ru-dialogue", "en-yesterday"],
)
def test_a_common_word_starting_a_sentence_is_not_glued_to_a_name(lang, text, name):
    found = spellings(text, lang)
    assert name in found
    assert not any(" " in spelling for spelling in found), found


def test_a_capitalised_word_inside_a_name_is_kept():
    assert "Нагорный Карабах" in spellings("Вчера в Нагорный Карабах прибыли.\n", "ru")
    assert "New York" in spellings("He went to New York. New York is large.\n", "en")


def test_the_bare_armenian_form_is_the_base():
    found = [Spelling("Տաթևը", 3), Spelling("Տաթևիկը", 2), Spelling("Տաթև", 1)]
    found.append(Spelling("Փաշինյանը", 2))
    clusters = {c.canonical: c for c in cluster_spellings(found, Glossary(), "hy", min_count=1)}
    assert set(clusters) == {"Տաթև", "Տաթևիկը", "Փաշինյանը"}
    assert clusters["Տաթև"].inflections == {"Տաթևը": "Տաթև"}
    assert clusters["Տաթև"].new_spellings() == []


def test_a_new_entry_is_named_without_the_article(tmp_path: Path):
    corpus = tmp_path / "hy.txt"
    corpus.write_text(
        "Տաթև Սարգսյանը եկավ։ Տաթևը ասաց։ Տաթևը գնաց։ Ալիևը ասաց։ Ալիևը գնաց։\n",
        encoding="utf-8",
    )
    scan = CorpusScan(Glossary(), "hy")
    scan.add_text(corpus.read_text(encoding="utf-8"), "hy.txt")
    found = scan.spellings()
    assert (found["Տաթևը"].bare, found["Ալիևը"].bare) == ("Տաթև", None)
    args = ["glossary", "suggest", str(corpus), "--lang", "hy", *SAMPLE_ARGS]
    result = runner.invoke(app, [*args, "--yaml"])
    assert result.exit_code == 0
    fragment = tmp_path / "proposed.yaml"
    fragment.write_text(result.stdout, encoding="utf-8")
    entries = {e.id: e for e in load_file(fragment).entries}
    assert entries["tatev"].names == {"hy": "Տաթև"}
    assert "variants" not in result.stdout.split("id: tatev\n")[1].split("- id:")[0]
    assert "tatevy" not in entries
    text = runner.invoke(app, args).stdout
    assert "Տաթև — new entry; 2 occurrences" in text
    assert "(inflected form of Տաթև)" in text
