"""glossary suggest in worker processes: the same clusters, counts, first places and
errors as in one process."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from onoma.cli import app
from onoma.parallel.scan import PARALLEL_BYTES, chunks, worth_it

runner = CliRunner()

TEXTS = [
    "Hovhannisyan met Hovhanissyan in Yerevan. Hovannisyan stayed in Gyumri.",
    "Karapetyan and Karapetian spoke. Hovhanissyan left for Gyumri.",
    "Karapettyan wrote to Hovhannisian. Sargsyan and Sarkisian agreed.",
    "Sarkissian was there; Sargsian too. Hovhanissyan again, and Karapetian.",
]


def _corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i, text in enumerate(TEXTS * 3):
        (folder / f"{i:02}.txt").write_text(f"{text}\n" * (i + 1), encoding="utf-8")
    (folder / "05b.txt").write_bytes(b"\xff\xfe not utf-8 \x00")  # one unreadable file
    return folder


@pytest.mark.parametrize("relative", [False, True])
def test_workers_give_the_result_of_one_process(tmp_path, monkeypatch, relative):
    folder = _corpus(tmp_path)
    if relative:  # reports name the files as they were given, by workers too
        monkeypatch.chdir(tmp_path)
        folder = folder.relative_to(tmp_path)
    args = ["glossary", "suggest", str(folder), "--json", "--min-count", "1"]
    here = runner.invoke(app, [*args, "--jobs", "1"])
    workers = runner.invoke(app, [*args, "--jobs", "2"])
    assert here.exit_code == workers.exit_code == 2  # the unreadable file
    assert json.loads(workers.stdout) == json.loads(here.stdout)
    assert json.loads(here.stdout)  # there are clusters to compare
    assert workers.stderr == here.stderr
    assert f"{folder / '05b.txt'}:" in here.stderr


def test_chunks_keep_the_file_order_and_balance_sizes(tmp_path):
    files = []
    for i, size in enumerate([10, 10, 10, 10, 40, 10, 10]):
        path = tmp_path / f"{i}.txt"
        path.write_text("x" * size)
        files.append(str(path))
    pieces = chunks(files, 3)
    assert [f for piece in pieces for f in piece] == files
    assert len(pieces) <= 3 and all(pieces)
    assert chunks(files[:1], 4) == [tuple(files[:1])]


def test_small_corpora_stay_in_this_process(tmp_path):
    small = tmp_path / "a.txt"
    small.write_text("Hovhannisyan " * 10)
    assert not worth_it([str(small)])
    big = tmp_path / "b.txt"
    big.write_text("x" * PARALLEL_BYTES)
    assert worth_it([str(small), str(big)])
