"""Hostile configuration files: pipes, devices, huge files, bytes that are not UTF-8 and
values the matching option would refuse are errors naming the file (and the key), exit
2, at once; a pyproject.toml without [tool.onoma] is still passed by."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from onoma.cli import app

runner = CliRunner()
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


def onoma(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``onoma ARGS`` in a child process that is killed after 30 s (a pipe read without
    care waits for ever) and may not grow past 2 GiB (``/dev/zero`` read whole)."""

    def limit_memory() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    try:
        return subprocess.run(
            [sys.executable, "-m", "onoma", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=30,
            preexec_fn=limit_memory if sys.platform == "linux" else None,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"onoma {' '.join(args)} still ran after 30 s")


def assert_error(result: subprocess.CompletedProcess[str], message: str) -> None:
    assert result.returncode == 2, result.stderr[-600:]
    assert f"error: {message}" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder with a sub-folder ``sub``, the current folder."""
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    return tmp_path


@needs_fifo
def test_explicit_config_that_is_a_pipe_or_an_endless_device(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "f.toml")
    assert_error(onoma(tmp_path, "--config", "f.toml", "config"), "f.toml: not a regular file")
    if os.path.exists("/dev/zero"):
        (tmp_path / "z.toml").symlink_to("/dev/zero")
        assert_error(
            onoma(tmp_path, "--config", "z.toml", "config"),
            "z.toml: not a regular file (a device)",
        )


@needs_fifo
@pytest.mark.parametrize("name", ["pyproject.toml", "onoma.toml"])
def test_a_pipe_met_walking_up_is_an_error_not_a_hang(project: Path, name: str) -> None:
    (project / "onoma.toml").write_text("fuzzy = true\n", encoding="utf-8")
    os.mkfifo(project / "sub" / name)
    result = onoma(project / "sub", "normalize", "--check", ".")
    assert_error(result, f"{project / 'sub' / name}: not a regular file (a named pipe)")


@pytest.mark.parametrize("where", ["--config", "walk"])
def test_a_config_file_over_one_mib_is_refused(project: Path, where: str) -> None:
    path = project / "sub" / "pyproject.toml"
    path.write_text("[tool.onoma]\nfuzzy = true\n" + "#" * (2 << 20) + "\n", encoding="utf-8")
    args = ["--config", str(path), "config"] if where == "--config" else ["config"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert f"error: {path}: 2.0 MiB, too large (at most 1 MiB)" in result.stderr


def test_a_pyproject_that_is_not_utf8_stops_when_it_has_the_onoma_table(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.onoma]\nlang = "en"\n', encoding="utf-8")
    sub = project / "sub" / "pyproject.toml"
    sub.write_bytes(b'[project]\nauthors = [{name = "Ren\xe9"}]\n')
    report = json.loads(runner.invoke(app, ["config", "--json"]).stdout)
    assert report["file"] == str(project / "pyproject.toml")  # not onoma's: passed by
    for table in (b'[tool.onoma]\nlang = "ru"\n', b'[tool]\nonoma.lang = "ru"\n'):
        sub.write_bytes(b'[project]\nauthors = [{name = "Ren\xe9"}]\n' + table)
        result = runner.invoke(app, ["config"])
        assert result.exit_code == 2
        assert f"error: {sub}: not UTF-8 text: byte 0xe9 at line 2, column 24" in result.stderr
    # broken TOML besides: the table header is still seen in the bytes
    sub.write_bytes(b"[project]\nauthors = [{name = Ren\xe9}]\n[tool.onoma.translate]\n")
    assert f"error: {sub}: not UTF-8 text: byte 0xe9" in runner.invoke(app, ["config"]).stderr
    explicit = runner.invoke(app, ["--config", str(sub), "config"])
    assert f"error: {sub}: not UTF-8 text: byte 0xe9 at line 2" in explicit.stderr


def test_a_utf16_pyproject_with_the_onoma_table_is_an_error(project: Path) -> None:
    sub = project / "sub" / "pyproject.toml"
    sub.write_text('[tool.onoma]\nlang = "ru"\n', encoding="utf-16")
    result = runner.invoke(app, ["config"])
    assert result.exit_code == 2
    assert f"error: {sub}: UTF-16 text, not UTF-8" in result.stderr


def test_a_config_name_that_cannot_be_read_is_an_error(project: Path) -> None:
    (project / "onoma.toml").write_text("fuzzy = true\n", encoding="utf-8")
    (project / "sub" / "pyproject.toml").mkdir()
    result = runner.invoke(app, ["config"])
    assert result.exit_code == 2
    assert f"error: {project / 'sub' / 'pyproject.toml'}: is a folder" in result.stderr
    (project / "sub" / "pyproject.toml").rmdir()
    (project / "sub" / "onoma.toml").symlink_to(project / "gone.toml")
    result = runner.invoke(app, ["config"])
    assert result.exit_code == 2
    assert f"onoma.toml: a link to {project / 'gone.toml'}, which does not exist" in result.stderr


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads all")
def test_an_unreadable_pyproject_is_an_error_not_passed_by(project: Path) -> None:
    (project / "onoma.toml").write_text("fuzzy = true\n", encoding="utf-8")
    sub = project / "sub" / "pyproject.toml"
    sub.write_text("[tool.onoma]\n", encoding="utf-8")
    sub.chmod(0)
    try:
        result = runner.invoke(app, ["config"])
    finally:
        sub.chmod(0o644)
    assert result.exit_code == 2
    assert f"error: {sub}: cannot be read: Permission denied" in result.stderr


@pytest.mark.parametrize(
    ("text", "key", "problem"),
    [
        ('lang = "klingon!!"', "lang", "'klingon!!' is not a language code such as en, hy, ru"),
        ('lang = "EN"', "lang", "'EN' is not a language code such as en, hy, ru or az (did"),
        ('translate.lang = "auto"', "translate.lang", "'auto' is not a language code"),
        ('to = "hy,x!"', "to", "'x!' is not a language code such as en, hy, ru"),
        ('to = ["hy", "Russian"]', "to", "'Russian' is not a language code"),
        ('ext = ","', "ext", "must not be empty"),
        ('ext = [" "]', "ext", "must not be empty"),
    ],
)
def test_values_are_checked_as_their_options_are_and_blamed_on_the_file(
    project: Path, text: str, key: str, problem: str
) -> None:
    path = project / "pyproject.toml"
    path.write_text(f"[tool.onoma]\n{text}\n", encoding="utf-8")
    message = f"error: {path}: tool.onoma.{key}: {problem}"
    for args in (["config"], ["normalize", "--check", "."]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, result.output
        assert message in result.stderr
        assert "--lang" not in result.stderr


def test_comma_separated_values_are_shown_as_lists(project: Path) -> None:
    (project / "onoma.toml").write_text('ext = ".txt, .md"\nto = "hy, ru"\n', encoding="utf-8")
    report = json.loads(runner.invoke(app, ["config", "--json"]).stdout)
    assert report["commands"]["translate"] == {"ext": [".txt", ".md"], "to": ["hy", "ru"]}
