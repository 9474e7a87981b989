"""--jobs and --dask give the same outputs and reports as one process: normalize over
a folder of files, translate with small built Argos packages, a 2-worker LocalCluster."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

import pytest
from argos_factory import copy_expected, install_copy_packages, seed_text
from conftest import SAMPLE_ARGS
from typer.testing import CliRunner

from onoma.cli import app
from onoma.parallel import NormalizeSpec, usable_cores
from onoma.parallel.pool import in_order, intra_threads, run_local
from onoma.parallel.work import normalize_source

pytestmark = pytest.mark.slow

runner = CliRunner()


@pytest.fixture(scope="module")
def packages(tmp_path_factory) -> Path:
    """en→hy and en→ru copy models, installed as ``onoma models install`` does."""
    return install_copy_packages(tmp_path_factory.mktemp("argos_parallel"))


@pytest.fixture(scope="module")
def cluster(packages):
    """A 2-process LocalCluster whose workers see the built packages."""
    distributed = pytest.importorskip("distributed")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ARGOS_PACKAGES_DIR", str(packages))  # inherited by the workers
        with distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as local:
            yield local.scheduler_address


def article_folder(folder: Path, count: int = 20) -> Path:
    """``count`` articles of different lengths cut from the seed, and one file that is
    not UTF-8."""
    lines = seed_text().splitlines(keepends=True)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"a{i:02}.txt").write_text("".join(lines[: 2 + i]), encoding="utf-8")
    (folder / "bad.txt").write_bytes("Shushi caf\xe9\n".encode("latin-1"))
    return folder


def normalize(*args: str):
    return runner.invoke(app, ["normalize", *SAMPLE_ARGS, *args])


def test_normalize_reports_are_the_same_in_workers_and_on_dask(tmp_path, cluster):
    folder = str(article_folder(tmp_path / "in"))
    alone = normalize(folder, "--diff", "--json", "--jobs", "1")
    assert alone.exit_code == 2 and '"diff": "---' in alone.stdout
    assert "bad.txt: not UTF-8" in alone.stderr
    for extra in (["--jobs", "2"], ["--dask", cluster], ["--dask", cluster, "--dask-transfer"]):
        run = normalize(folder, "--diff", "--json", *extra)
        assert (run.exit_code, run.stdout, run.stderr) == (
            alone.exit_code,
            alone.stdout,
            alone.stderr,
        ), extra


@pytest.mark.parametrize("where", ["jobs", "dask", "transfer"])
def test_in_place_rewrites_the_same_files(tmp_path, cluster, where):
    one, other = article_folder(tmp_path / "one"), article_folder(tmp_path / "other")
    extra = {
        "jobs": ["--jobs", "2"],
        "dask": ["--dask", cluster],
        "transfer": ["--dask", cluster, "--dask-transfer"],
    }[where]
    first = normalize(str(one), "-i", "--jobs", "1")
    second = normalize(str(other), "-i", *extra)
    assert second.stderr.replace(str(other), "X") == first.stderr.replace(str(one), "X")
    assert "rewritten" in second.stderr
    for path in sorted(one.iterdir()):
        assert (other / path.name).read_bytes() == path.read_bytes()
    assert sorted(p.name for p in other.iterdir()) == sorted(p.name for p in one.iterdir())


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr("onoma.parallel.cluster.CONNECT_TIMEOUT", "1s")
    result = normalize(str(article_folder(tmp_path, 2)), "--dask", "tcp://127.0.0.1:9")
    assert result.exit_code == 2
    assert "cannot reach the Dask scheduler" in result.stderr
    assert "Traceback" not in result.output


def test_dask_transfer_needs_dask(tmp_path):
    result = normalize(str(article_folder(tmp_path, 2)), "--dask-transfer")
    assert result.exit_code == 2 and "--dask-transfer needs --dask" in result.stderr


def without_timings(report: str, folder: Path) -> dict:
    data = json.loads(report.replace(str(folder), "X"))
    data.pop("seconds"), data.pop("load_seconds")
    for item in data["files"]:
        for output in item["outputs"]:
            output.pop("seconds", None)
    return data


def test_translate_in_workers_and_on_dask(tmp_path, packages, cluster, monkeypatch):
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(packages))
    runs = {}
    for name, extra in {
        "alone": ["--jobs", "1"],
        "jobs": ["--jobs", "2"],
        "dask": ["--dask", cluster],
        "transfer": ["--dask", cluster, "--dask-transfer"],
    }.items():
        folder = article_folder(tmp_path / name, 4)
        args = [str(folder), "--to", "hy,ru", "--beam-size", "1", "--json", *extra]
        result = runner.invoke(app, ["translate", *args])
        assert result.exit_code == 2, result.output  # bad.txt
        outputs = {p.name: p.read_bytes() for p in folder.iterdir()}
        runs[name] = (without_timings(result.stdout, folder), result.stderr, outputs)
    assert runs["alone"][2]["a03.hy.txt"].decode() == copy_expected(
        (tmp_path / "alone" / "a03.txt").read_text("utf-8"), "hy"
    )
    for name in ("jobs", "dask", "transfer"):
        assert runs[name][0] == runs["alone"][0], name
        assert runs[name][2] == runs["alone"][2], name
        assert runs[name][1].replace(name, "alone") == runs["alone"][1], name


def test_results_come_in_input_order_whatever_order_they_finish():
    futures = list("abcde")
    done: list[str] = []
    results = in_order(futures, iter("ecabd"), lambda f, i: (f, i), lambda: done.append("x"))
    assert list(results) == [(f, i) for i, f in enumerate(futures)]
    assert len(done) == 5


def test_ctrl_c_lets_running_files_finish_and_leaves_no_temporaries(tmp_path):
    folder = article_folder(tmp_path, 12)
    (folder / "bad.txt").unlink()
    from onoma.normalize.files import Source

    sources = Source.from_args([folder], [".txt"])
    spec = NormalizeSpec((), True, "en", in_place=True)

    def interrupt() -> None:
        raise KeyboardInterrupt

    before = set(multiprocessing.active_children())
    with pytest.raises(KeyboardInterrupt):
        list(run_local(normalize_source, spec, sources, jobs=2, failed=None, on_done=interrupt))
    assert set(multiprocessing.active_children()) <= before  # the workers are gone
    assert sorted(p.name for p in folder.iterdir()) == [f"a{i:02}.txt" for i in range(12)]


def test_cores_and_threads():
    assert usable_cores() >= 1
    assert intra_threads(2, cores=8) == 4 and intra_threads(16, cores=8) == 1


def test_normalize_bag_matches_the_normalizer():
    bag_module = pytest.importorskip("dask.bag")
    from onoma.dask import normalize_bag
    from onoma.glossary import load_glossaries
    from onoma.normalize.core import Normalizer

    texts = seed_text().split("\n\n")
    results = normalize_bag(bag_module.from_sequence(texts, npartitions=3)).compute(
        scheduler="sync"
    )
    normalizer = Normalizer(load_glossaries(), "en")
    assert [text for text, _ in results] == [normalizer.normalize(t).text for t in texts]
    assert any(result.changed for _, result in results)


def test_help_lists_the_options():
    for command in ("normalize", "translate"):
        result = runner.invoke(app, [command, "--help"])
        assert "--jobs" in result.stdout and "--dask" in result.stdout


def test_a_naming_style_reaches_the_workers(tmp_path):
    folder = tmp_path / "styled"
    folder.mkdir()
    for n in range(3):
        (folder / f"{n}.txt").write_text("Officials in Stepanakert said so.\n", encoding="utf-8")
    args = ["normalize", "--style", "azerbaijani-press", "--diff", str(folder)]
    here = runner.invoke(app, [*args, "--jobs", "1"])
    workers = runner.invoke(app, [*args, "--jobs", "2"])
    assert "+Officials in Khankendi said so." in here.stdout
    assert (workers.stdout, workers.exit_code) == (here.stdout, here.exit_code)
