"""How long ``onoma --help`` takes, this source side by side with another one.

    python benchmarks/help_speed.py [--other /path/to/other/src] [--runs 30]

Each run is a fresh interpreter (``python -m onoma --help``), alternating between the two
sources so that a busy machine slows both alike; prints the median and the fastest run
of each and their ratio, and whether markdown_it was imported.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent / "src"


def run_once(src: Path, args: list[str]) -> float:
    env = {**os.environ, "PYTHONPATH": str(src)}
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "onoma", *args], env=env, stdout=subprocess.DEVNULL, check=True
    )
    return time.perf_counter() - started


def imports_markdown(src: Path) -> bool:
    env = {**os.environ, "PYTHONPATH": str(src)}
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "onoma", "--help"],
        env=env,
        capture_output=True,
        text=True,
    )
    return "markdown_it" in result.stderr


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--other", type=Path, help="another onoma source folder (…/src)")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--command", default="--help", help="arguments, space-separated")
    options = parser.parse_args()
    sources = {"this": HERE}
    if options.other:
        sources["other"] = options.other.resolve()
    args = options.command.split()
    times: dict[str, list[float]] = {name: [] for name in sources}
    for _ in range(options.runs):
        for name, src in sources.items():
            times[name].append(run_once(src, args))
    for name, src in sources.items():
        median = statistics.median(times[name])
        print(
            f"{name:5}  median {median * 1000:6.0f} ms  fastest {min(times[name]) * 1000:6.0f} ms"
            f"  markdown_it imported: {imports_markdown(src)}  ({src})"
        )
    if "other" in times:
        ratio = statistics.median(times["other"]) / statistics.median(times["this"])
        print(f"other / this: {ratio:.2f}x")


if __name__ == "__main__":
    main()
