"""Shared fixtures: the seed article and small glossaries written to temporary files."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_14ccdbe27424413d.txt"


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The glossary cache of the test run, apart from the user's (subprocesses inherit
    it through the environment)."""
    import os

    folder = tmp_path_factory.mktemp("cache")
    os.environ["ONOMA_CACHE_DIR"] = str(folder)
    os.environ.pop("ONOMA_NO_CACHE", None)
    return folder


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of the test's own (``ONOMA_CACHE_DIR``, caching on): the folder
    where glossary and normalizer caches are written."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("ONOMA_CACHE_DIR", str(folder))
    monkeypatch.delenv("ONOMA_NO_CACHE", raising=False)
    return folder / "glossaries"


def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def pkgs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty packages folder, and an index URL where nothing listens."""
    root = tmp_path / "pkgs"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(root))
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", f"http://127.0.0.1:{closed_port()}/")
    monkeypatch.delenv("SNAP", raising=False)
    return root


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def write_glossary(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write a YAML glossary (dedented) to ``tmp_path/name`` and return its path."""

    def write(text: str, name: str = "glossary.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
        return path

    return write


SAMPLE_FILES = [
    REPO / "src" / "onoma" / "data" / "glossaries" / name
    for name in ("people.yaml", "places.yaml", "organizations.yaml")
]
"""The built-in files that hold the sample article's entries: a small real glossary for
tests about mechanics, which the shipped glossary of the region would crowd."""

SAMPLE_ARGS = ["--no-builtin"] + [arg for path in SAMPLE_FILES for arg in ("-g", str(path))]
"""Command-line options that load only the sample article's entries."""


def sample_glossary():
    """The sample article's entries as a Glossary."""
    from onoma.glossary import load_glossaries

    return load_glossaries(SAMPLE_FILES, builtin=False)
