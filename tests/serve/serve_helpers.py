"""A real onoma server (uvicorn in a thread, ephemeral port on 127.0.0.1) over small real
Argos packages built by argos_factory."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn

from onoma.serve.app import ServeSettings, create_app

PAIRS = [("en", "hy"), ("en", "az"), ("en", "ru"), ("ru", "en")]

_built: dict[str, Path] = {}


def packages(tmp_root: Path) -> Path:
    """Copy models for :data:`PAIRS`, built once per process."""
    from argos_factory import install_packages

    if "copy" not in _built:
        _built["copy"] = install_packages(tmp_root / "packages", tmp_root, PAIRS)
    return _built["copy"]


@contextmanager
def running(settings: ServeSettings | None = None) -> Iterator[tuple[str, object]]:
    """Serve ``create_app(settings)`` until the block ends; yields (base URL, app)."""
    app = create_app(settings)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}", app
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


@contextmanager
def packages_env(root: Path) -> Iterator[None]:
    """ARGOS_PACKAGES_DIR set to ``root`` for the block."""
    old = os.environ.get("ARGOS_PACKAGES_DIR")
    os.environ["ARGOS_PACKAGES_DIR"] = str(root)
    try:
        yield
    finally:
        if old is None:
            del os.environ["ARGOS_PACKAGES_DIR"]
        else:
            os.environ["ARGOS_PACKAGES_DIR"] = old
