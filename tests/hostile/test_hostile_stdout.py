"""Closed, full and broken standard output, for every command that writes to it."""

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


COMMANDS = [
    ["normalize", "{article}"],
    ["normalize", "--json", "{article}"],
    ["normalize", "--diff", "{article}"],
    ["glossary", "export"],
    ["glossary", "stats"],
    ["glossary", "fmt", "-"],
    ["translit", "--to", "armn", "Shusha"],
    ["models", "list"],
]


def _args(command: list[str], tmp_path: Path) -> list[str]:
    article = tmp_path / "s.txt"
    article.write_text("Shusha\n", encoding="utf-8")
    return [part.format(article=article) for part in command]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_closed_stdout_is_an_error(command: list[str], tmp_path: Path) -> None:
    result = run_onoma(
        *_args(command, tmp_path),
        stdin=b"- id: a\n  names: {en: A}\n",
        stdout=None,
        preexec_fn=lambda: os.close(1),
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr.decode().endswith("error: cannot write to standard output: it is closed\n")


@pytest.mark.parametrize("command", COMMANDS[:4] + COMMANDS[7:8], ids=" ".join)
def test_full_stdout_is_an_error(command: list[str], tmp_path: Path) -> None:
    with open("/dev/full", "wb") as full:
        result = run_onoma(*_args(command, tmp_path), stdout=full)
    assert result.returncode == 2, result.stderr
    assert "error: cannot write to standard output: No space left on device\n" in (
        result.stderr.decode()
    )
    assert "Traceback" not in result.stderr.decode()
