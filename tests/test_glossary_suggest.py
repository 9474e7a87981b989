"""``onoma glossary suggest``: candidate names, clustering, and the three outputs."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from conftest import SAMPLE_ARGS, sample_glossary
from typer.testing import CliRunner

from onoma.cli import app
from onoma.curate.suggest import clusters as suggest_module
from onoma.curate.suggest.candidates import CorpusScan, Spelling
from onoma.curate.suggest.clusters import cluster_spellings, fingerprint, ngram_fingerprint
from onoma.glossary import load_file, load_glossaries
from onoma.glossary.model import Entry, Glossary

runner = CliRunner()

CORPUS = """\
The talks in Stepanakert went on. Officials in Stepanakert said so.
Meanwhile Stepanakerd residents waited, and Hovanesyan spoke.
Prime Minister Nikol Pashinyan met Pashinian supporters; Pashinyan’s office agreed with Pashinyan.
Armed men left. Armed groups and armed civilians stayed in Stepanakert.
Armenian officials said Artsakh President Arayik Harutiunian was in Shushi.
Arayik Harutiunian spoke. Harutiunian agreed with Armenians from Armenia.
Sporadic fighting went on. Sporadic shelling and sporadic fire.
"""


def spelled(scan: CorpusScan) -> dict[str, int]:
    return {text: s.count for text, s in scan.spellings().items()}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(CORPUS, encoding="utf-8")
    return folder


def test_candidates_drop_common_words_titles_and_derived_forms():
    scan = CorpusScan(sample_glossary(), "en")
    scan.add_text(CORPUS, "a.txt")
    found = spelled(scan)
    assert found["Stepanakert"] == 3
    assert found["Stepanakerd"] == 1
    assert found["Pashinyan"] == 2
    assert found["Harutiunian"] == 3
    assert found["Nikol Pashinyan"] == 1
    for word in (
        "The",
        "Officials",
        "Meanwhile",
        "Prime",
        "Minister",
        "President",
        "Armed",
        "Armenian",
        "Armenians",
        "Sporadic",
    ):
        assert word not in found, word
    assert found["Artsakh"] == 1 and found["Arayik"] == 2


def test_candidate_examples_name_file_and_line():
    scan = CorpusScan(Glossary(), "en")
    scan.add_text("one line\nthen Karin Tak here\n", "x.txt")
    spelling = scan.spellings()["Karin Tak"]
    assert (spelling.where, spelling.example) == ("x.txt:2", "then Karin Tak here")


def test_keys():
    assert fingerprint("Tak, Karin") == fingerprint("karin  TAK") == "karin tak"
    assert fingerprint("Şuşa") == "susa"
    assert ngram_fingerprint("Hovhannisyan") == ngram_fingerprint("Hovhanisyan")[:0] + "".join(
        sorted({"hovhannisyan"[i : i + 2] for i in range(11)})
    )
    assert ngram_fingerprint("Short") == ""


def test_clusters_match_entries_and_new_names(corpus):
    result = runner.invoke(
        app, ["glossary", "suggest", str(corpus), "--json", "--min-count", "1", *SAMPLE_ARGS]
    )
    assert result.exit_code == 0, result.output
    clusters = {c["canonical"]: c for c in json.loads(result.stdout)["clusters"]}
    harutyunyan = clusters["Harutyunyan"]
    assert harutyunyan["id"] == "harutyunyan"
    assert [(s["text"], s["count"], s["known"]) for s in harutyunyan["spellings"]] == [
        ("Harutiunian", 3, False)
    ]
    stepanakert = clusters["Stepanakert"]
    assert stepanakert["id"] is None
    assert [(s["text"], s["count"]) for s in stepanakert["spellings"]] == [
        ("Stepanakert", 3),
        ("Stepanakerd", 1),
    ]
    assert stepanakert["spellings"][0]["example"].startswith("The talks in Stepanakert")
    assert stepanakert["spellings"][0]["where"] == f"{corpus / 'a.txt'}:1"
    assert [s["text"] for s in clusters["Pashinyan"]["spellings"]] == ["Pashinyan", "Pashinian"]
    hovhannisyan = clusters["Hovhannisyan"]
    assert [s["text"] for s in hovhannisyan["spellings"]] == ["Hovanesyan"]
    totals = [sum(s["count"] for s in c["spellings"]) for c in clusters.values()]
    assert totals == sorted(totals, reverse=True)


def test_min_count_and_text_output(corpus):
    result = runner.invoke(app, ["glossary", "suggest", str(corpus), *SAMPLE_ARGS])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Stepanakert — new entry; 4 occurrences"
    assert lines[1].startswith("  + Stepanakert      3  ")
    assert any(
        line.startswith("Harutyunyan — entry harutyunyan (")
        and line.endswith("; 3 occurrences; proposed variant: Harutiunian")
        for line in lines
    )
    assert not any(line.startswith("Hovhannisyan —") for line in lines)
    assert result.stderr.startswith("1 file read, ")


def test_yaml_fragment_is_a_valid_glossary_layer(corpus, tmp_path):
    result = runner.invoke(app, ["glossary", "suggest", str(corpus), "--yaml", *SAMPLE_ARGS])
    assert result.exit_code == 0
    fragment = tmp_path / "proposed.yaml"
    fragment.write_text(result.stdout, encoding="utf-8")
    entries = {e.id: e for e in load_file(fragment).entries}
    assert entries["stepanakert"].review
    assert entries["stepanakert"].variants == {"en": ("Stepanakerd",)}
    harutyunyan = entries["harutyunyan"]
    assert harutyunyan.variants["en"][-1] == "Harutiunian"
    assert harutyunyan.names == load_glossaries().get("harutyunyan").names
    layered = load_glossaries([fragment])
    assert "Harutiunian" in layered.get("harutyunyan").variants["en"]


def test_bad_files_are_reported_and_the_rest_processed(corpus):
    (corpus / "bad.txt").write_bytes(b"Caf\xe9 Stepanakert\n")
    result = runner.invoke(app, ["glossary", "suggest", str(corpus), "--json"])
    assert result.exit_code == 2
    assert f"error: {corpus / 'bad.txt'}: not UTF-8 text" in result.stderr
    assert json.loads(result.stdout)["clusters"]


def test_missing_path_is_reported(tmp_path):
    result = runner.invoke(app, ["glossary", "suggest", str(tmp_path / "none.txt")])
    assert result.exit_code == 2
    assert f"error: {tmp_path / 'none.txt'}: no such file" in result.stderr


def test_json_and_yaml_exclude_each_other(corpus):
    result = runner.invoke(app, ["glossary", "suggest", str(corpus), "--json", "--yaml"])
    assert result.exit_code == 2
    assert result.stderr == "error: choose one of --json and --yaml\n"


def test_two_entries_never_merge():
    glossary = Glossary(
        [Entry("a", "person", {"en": "Avetisyan"}), Entry("b", "person", {"en": "Avetikyan"})]
    )
    spellings = [Spelling("Avetisian", 3), Spelling("Avetikian", 2)]
    clusters = cluster_spellings(spellings, glossary, "en", min_count=1)
    assert {(c.id, tuple(s.text for s in c.spellings)) for c in clusters} == {
        ("a", ("Avetisian",)),
        ("b", ("Avetikian",)),
    }


def test_prefix_words_are_not_neighbours():
    spellings = [Spelling("Aliyev", 5), Spelling("Aliyeva", 2)]
    clusters = cluster_spellings(spellings, Glossary(), "en", min_count=1)
    assert len(clusters) == 2


def test_translit_key_links_spellings_across_scripts(monkeypatch):
    monkeypatch.setattr(
        suggest_module,
        "translit_key",
        lambda: lambda text: "kapan",
    )
    spellings = [Spelling("Kapan", 3), Spelling("Ղափան", 1)]
    [cluster] = cluster_spellings(spellings, Glossary(), "en", min_count=1)
    assert [s.text for s in cluster.spellings] == ["Kapan", "Ղափան"]


def test_blocking_compares_a_bounded_number_of_pairs(monkeypatch):
    calls = []
    import rapidfuzz.fuzz

    real = rapidfuzz.fuzz.ratio

    def counting(a, b, **kwargs):
        calls.append(1)
        return real(a, b, **kwargs)

    monkeypatch.setattr(rapidfuzz.fuzz, "ratio", counting)
    rng = random.Random(0)
    texts = {
        "N" + "".join(rng.choice("abdefgiklmnoprstuvz") for _ in range(8)) for _ in range(3000)
    }
    names = [Spelling(text, 1) for text in sorted(texts)]
    clusters = cluster_spellings(names, Glossary(), "en", min_count=1)
    assert len(clusters) > 0.9 * len(names)  # unrelated names stay apart
    # Each key meets the WINDOW keys after it in each of the three orders: no more (the
    # work stays linear), and hardly fewer (the windows are really searched).
    bound = 3 * suggest_module.WINDOW * len(names)
    assert 0.9 * bound <= len(calls) <= bound


def test_suggest_refuses_a_bad_language_and_an_empty_folder(tmp_path):
    from typer.testing import CliRunner

    from onoma.cli import app

    runner = CliRunner()
    result = runner.invoke(app, ["glossary", "suggest", str(tmp_path)])
    assert result.exit_code == 2
    assert f"error: no .txt,.md files found in {tmp_path}" in result.stderr
    (tmp_path / "a.txt").write_text("Shusha.\n", encoding="utf-8")
    result = runner.invoke(app, ["glossary", "suggest", str(tmp_path), "--lang", "Russian"])
    assert result.exit_code == 2
    assert "error: --lang: 'Russian' is not a language code" in result.stderr
