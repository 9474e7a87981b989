"""Helpers for the hostile-input tests: run onoma as a process, and take a snapshot of
a folder to show that nothing outside the target changed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"


def run_onoma(*args: str, stdin: bytes = b"", **kwargs) -> subprocess.CompletedProcess:
    """``python -m onoma ARGS`` with this source first on the path; stdout and stderr
    captured unless ``stdout=`` says otherwise."""
    env = {**os.environ, "PYTHONPATH": f"{SRC}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    kwargs.setdefault("stdout", subprocess.PIPE)
    return subprocess.run(
        [sys.executable, "-m", "onoma", *args],
        input=stdin,
        stderr=subprocess.PIPE,
        env=env,
        timeout=120,
        check=False,
        **kwargs,
    )


def snapshot(folder: Path) -> dict[str, tuple[bytes | str, int]]:
    """Every entry under ``folder``: its bytes (a link: its target) and its mode."""
    found = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(root) / name
            status = path.lstat()
            if path.is_symlink():
                found[str(path)] = (os.readlink(path), status.st_mode)
            elif path.is_file():
                found[str(path)] = (path.read_bytes(), status.st_mode)
    return found


@pytest.fixture
def onoma():
    return run_onoma
