"""What ``onoma serve`` adds to the library: requests per second and latency over HTTP.

Builds the Argos-sized random en→hy package of ``translate_speed.py`` (6+6 layers,
d_model 512, 32,000-entry vocabulary, int8), starts the server in its own process on
127.0.0.1 (uvicorn, as ``onoma serve`` runs it), and sends the same requests —
paragraphs of the seed article, each marked so none repeats — with 1, 8 and 32
concurrent clients (httpx AsyncClient) to ``/normalize`` and ``/translate``. The floor is
the same work through the library in one process, one request after another
(``Normalizer.normalize``, ``Translator.translate``), measured in alternation with the
server runs. The overhead is the server's wall time over the floor's (target: under
15% at 8 clients). Decoding is capped (``--cap``) so every sentence does equal work.
Run: ``python benchmarks/serve_load.py [--requests 64] [--cap 16] [--rounds 3]``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))


def paragraphs(count: int, run: int) -> list[str]:
    """``count`` paragraphs of the seed article, each marked ``(run.k)``."""
    from argos_factory import seed_text

    text = seed_text().removeprefix(" date 2020-11-05 ")
    found = [p.strip() for p in text.split("\n\n") if len(p.split()) > 5]
    return [f"({run}.{k}) {found[k % len(found)]}" for k in range(count)]


def start_server(env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    code = (
        "import uvicorn; uvicorn.run('onoma.serve.run:app_from_environment', factory=True, "
        f"host='127.0.0.1', port={port}, log_level='warning', access_log=False)"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], env=env, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    import httpx

    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(f"{url}/health")
            return proc, url
        except httpx.TransportError:
            if time.monotonic() > deadline or proc.poll() is not None:
                raise RuntimeError("the server did not start") from None
            time.sleep(0.1)


async def load(url: str, path: str, bodies: list[dict], clients: int) -> tuple[float, list[float]]:
    """Send ``bodies`` with ``clients`` concurrent clients: wall time and latencies."""
    import httpx

    queue = list(reversed(bodies))
    latencies: list[float] = []

    async def client(http: httpx.AsyncClient) -> None:
        while queue:
            body = queue.pop()
            start = time.perf_counter()
            answer = await http.post(path, json=body)
            latencies.append(time.perf_counter() - start)
            if answer.status_code != 200:
                raise RuntimeError(f"{path}: {answer.status_code} {answer.text[:200]}")

    limits = httpx.Limits(max_connections=clients)
    async with httpx.AsyncClient(base_url=url, timeout=300, limits=limits) as http:
        start = time.perf_counter()
        await asyncio.gather(*(client(http) for _ in range(clients)))
        return time.perf_counter() - start, latencies


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=64, help="requests per measurement")
    parser.add_argument("--cap", type=int, default=16, help="max_decoding_length")
    parser.add_argument("--vocab", type=int, default=32000)
    parser.add_argument("--rounds", type=int, default=3, help="rounds (median)")
    parser.add_argument("--clients", default="1,8,32")
    args = parser.parse_args()

    from argos_factory import train_sentencepiece
    from translate_speed import build_random_package

    work = Path(tempfile.mkdtemp(prefix="onoma-serve-bench-"))
    os.environ["ARGOS_PACKAGES_DIR"] = str(work / "packages")
    proc = None
    try:
        from onoma.translation.packages import install_package_file

        install_package_file(build_random_package(work, args.vocab, train_sentencepiece()))
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
            "ONOMA_SERVE_SETTINGS": json.dumps({"max_decoding_length": args.cap}),
        }
        proc, url = start_server(env)
        run(args, url)
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(30)
        shutil.rmtree(work, ignore_errors=True)


def run(args: argparse.Namespace, url: str) -> None:
    from onoma.glossary import load_glossaries
    from onoma.normalize.core import Normalizer
    from onoma.translation.api import Translator

    glossary = load_glossaries()
    normalizer = Normalizer(glossary, "en", suggest=True)
    translator = Translator("hy", glossary=glossary, max_decoding_length=args.cap)
    clients = [int(c) for c in args.clients.split(",")]
    jobs = {
        "/normalize": (
            lambda texts: [{"text": t, "lang": "en"} for t in texts],
            lambda t: normalizer.normalize(t).changes,
            args.requests * 8,
        ),
        "/translate": (
            lambda texts: [{"q": t, "source": "en", "target": "hy"} for t in texts],
            lambda t: translator.translate(t, markdown=False),
            args.requests,
        ),
    }
    print(
        f"{args.requests} /translate and {args.requests * 8} /normalize requests per "
        f"measurement (seed article paragraphs); random Argos-sized en→hy model, decoding "
        f"capped at {args.cap} tokens; median of {args.rounds} rounds; floor and server "
        f"runs alternate"
    )
    print(
        f"{'endpoint':11} {'clients':>7} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
        f"{'floor req/s':>11} {'overhead':>9}"
    )
    for path, (bodies_of, library, count) in jobs.items():
        asyncio.run(load(url, path, bodies_of(paragraphs(8, -1)), 2))  # warm the server
        for text in paragraphs(4, -2):
            library(text)
        for c in clients:
            walls, floors, lats = [], [], []
            for r in range(args.rounds):
                texts = paragraphs(count, 100 * c + r)
                start = time.perf_counter()
                for text in texts:
                    library(text)
                floors.append(time.perf_counter() - start)
                wall, latencies = asyncio.run(load(url, path, bodies_of(texts), c))
                walls.append(wall)
                lats.extend(latencies)
            wall, floor = statistics.median(walls), statistics.median(floors)
            print(
                f"{path:11} {c:7d} {count / wall:8.1f} {pct(lats, 0.5) * 1000:8.1f} "
                f"{pct(lats, 0.99) * 1000:8.1f} {count / floor:11.1f} "
                f"{100 * (wall / floor - 1):+8.1f}% {1000 * (wall - floor) / count:+12.2f}"
            )


if __name__ == "__main__":
    main()
