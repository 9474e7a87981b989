"""Throughput of onoma on this machine: one process, two local worker processes and a
2-worker Dask LocalCluster, side by side on the same files.

* normalize: ``--files`` articles (default 200) cut from the seed article, built-in
  glossaries, ``--in-place`` into fresh copies each run;
* translate: ``--tfiles`` articles (default 20) into hy with the small copy packages
  that the tests build (tests/argos_factory.py), beam 1.

Each figure is wall time for the whole run, worker start-up and model loading
included (that is what a user waits for); files/s and the ratio to one process are
printed. Run: ``python benchmarks/scale.py [--files 200] [--tfiles 20]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "src"))


def make_articles(folder: Path, count: int) -> None:
    lines = (ROOT / "seeds" / "000_14ccdbe27424413d.txt").read_text("utf-8").splitlines(True)
    folder.mkdir(parents=True)
    for i in range(count):
        start = i % max(1, len(lines) - 8)
        (folder / f"a{i:04}.txt").write_text("".join(lines[start:] + lines[:start]), "utf-8")


def timed(run: Callable[[], int]) -> tuple[float, int]:
    started = time.perf_counter()
    done = run()
    return time.perf_counter() - started, done


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--tfiles", type=int, default=20)
    args = parser.parse_args()

    from argos_factory import build_package
    from distributed import Client, LocalCluster

    from onoma.normalize.files import Source
    from onoma.parallel import NormalizeSpec, TranslateSpec, usable_cores
    from onoma.parallel.cluster import run_dask
    from onoma.parallel.pool import intra_threads, run_local
    from onoma.parallel.work import normalize_source, translate_source
    from onoma.translation.packages import install_package_file

    tmp = Path(tempfile.mkdtemp(prefix="onoma-scale-"))
    os.environ["ARGOS_PACKAGES_DIR"] = str(tmp / "packages")
    install_package_file(build_package(tmp / "build", "en", "hy"))
    make_articles(tmp / "articles", args.files)
    make_articles(tmp / "tarticles", args.tfiles)
    cluster = LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    )
    client = Client(cluster)
    print(f"usable cores: {usable_cores()}")

    def fresh(name: str, source: str) -> list[Source]:
        folder = tmp / name
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(tmp / source, folder)
        return Source.from_args([folder], [".txt"])

    def fail(source: Source, exc: BaseException) -> None:
        raise RuntimeError(f"{source.path}: {exc}")

    from dataclasses import replace

    def measure(label: str, spec, work, folder: str, count: int) -> None:
        def one() -> int:
            return sum(1 for s in fresh("run", folder) if work(spec, s))

        def two() -> int:
            local = replace(spec, intra_threads=intra_threads(2)) if label == "translate" else spec
            return sum(1 for _ in run_local(work, local, fresh("run", folder), jobs=2, failed=fail))

        def dask() -> int:
            client.restart()  # each worker builds its state again, as a new run would
            return sum(1 for _ in run_dask(client, work, spec, fresh("run", folder), failed=fail))

        base = None
        for name, run in (("1 process", one), ("2 processes", two), ("LocalCluster 2", dask)):
            seconds, done = timed(run)
            assert done == count
            base = base or seconds
            print(
                f"{label:9}  {name:15} {seconds:7.2f} s  {done / seconds:7.1f} files/s  "
                f"×{base / seconds:.2f} vs 1 process"
            )

    measure(
        "normalize",
        NormalizeSpec((), True, "en", in_place=True),
        normalize_source,
        "articles",
        args.files,
    )
    measure(
        "translate", TranslateSpec(("hy",), beam_size=1), translate_source, "tarticles", args.tfiles
    )
    client.close()
    cluster.close()
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
