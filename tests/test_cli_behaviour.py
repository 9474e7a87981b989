"""Command-line behaviour as a whole: --style, messages that name files and say what was
(not) written, the stdin hint on a terminal, JSON errors, colours, fast --help."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from onoma.cli import app

runner = CliRunner()


def article(tmp_path: Path, text: str = "Shoushi and Askeran.\n") -> Path:
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_style_lays_a_naming_style_over_the_builtin_glossaries(tmp_path: Path) -> None:
    path = article(tmp_path)
    plain = runner.invoke(app, ["--isolated", "normalize", str(path)])
    styled = runner.invoke(
        app, ["--isolated", "normalize", "--style", "azerbaijani-press", str(path)]
    )
    assert "Askeran" in plain.stdout
    assert "Asgaran" in styled.stdout


def test_unknown_style_lists_the_styles(tmp_path: Path) -> None:
    result = runner.invoke(app, ["--isolated", "glossary", "show", "Askeran", "--style", "nope"])
    assert result.exit_code == 2
    assert "unknown style 'nope'; the styles are: " in result.stderr
    assert "azerbaijani-press" in result.stderr


def test_style_with_no_builtin_is_an_error(tmp_path: Path, write_glossary) -> None:
    glossary = write_glossary("- id: x\n  type: place\n  names: {en: X}\n")
    result = runner.invoke(
        app,
        [
            "--isolated",
            "glossary",
            "stats",
            "--no-builtin",
            "-g",
            str(glossary),
            "--style",
            "azerbaijani-press",
        ],
    )
    assert result.exit_code == 2
    assert "drop --no-builtin" in result.stderr


def test_check_on_one_file_names_it(tmp_path: Path) -> None:
    path = article(tmp_path)
    result = runner.invoke(app, ["--isolated", "normalize", "--check", str(path)])
    assert result.exit_code == 1
    assert f"would change: {path} (" in result.stderr


def test_folder_without_a_writing_option_says_nothing_was_written(tmp_path: Path) -> None:
    path = article(tmp_path)
    result = runner.invoke(app, ["--isolated", "normalize", str(tmp_path)])
    assert result.exit_code == 0
    assert "Nothing was written: pass -i (--in-place)" in result.stderr
    assert path.read_text(encoding="utf-8") == "Shoushi and Askeran.\n"
    written = runner.invoke(app, ["--isolated", "normalize", "-i", str(tmp_path)])
    assert "Nothing was written" not in written.stderr


def _run_on_pty(args: list[str], env: dict[str, str]) -> str:
    """Run onoma with stdin and stderr on a terminal, end its input, return stderr."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "onoma", *args],
        stdin=follower,
        stdout=subprocess.PIPE,
        stderr=follower,
        env=env,
    )
    os.close(follower)
    seen = b""
    try:
        while b"Ctrl-D" not in seen:
            ready, _, _ = select.select([leader], [], [], 20)
            if not ready:
                break
            seen += os.read(leader, 1024)
        os.write(leader, b"\x04")
        proc.wait(timeout=30)
    finally:
        proc.kill()
        os.close(leader)
    return seen.decode(errors="replace")


def test_normalize_without_files_on_a_terminal_says_it_reads_stdin() -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    seen = _run_on_pty(["--isolated", "normalize"], env)
    assert "reading from standard input; press Ctrl-D to end, or pass files" in seen


def test_no_stdin_hint_when_stdin_is_a_pipe() -> None:
    result = runner.invoke(app, ["--isolated", "normalize"], input="Shoushi\n")
    assert "reading from standard input" not in result.stderr


def test_translate_json_prints_an_error_object(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("ONOMA_PACKAGES_DIR", str(tmp_path / "none"))
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "none"))
    path = article(tmp_path)
    result = runner.invoke(app, ["--isolated", "translate", "--json", "--to", "xx", str(path)])
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert set(report) >= {"error", "file"}
    assert "xx" in report["error"]


def test_translate_json_error_names_a_broken_glossary(tmp_path: Path, write_glossary) -> None:
    broken = write_glossary("- id: [\n")
    path = article(tmp_path)
    result = runner.invoke(
        app, ["--isolated", "translate", "--json", "--to", "hy", "-g", str(broken), str(path)]
    )
    assert result.exit_code == 2
    assert json.loads(result.stdout)["file"] == str(broken)


@pytest.mark.parametrize(
    ("env", "coloured"),
    [({"FORCE_COLOR": "1"}, True), ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False), ({}, False)],
)
def test_colour_only_when_asked_or_on_a_terminal(tmp_path: Path, env, coloured: bool) -> None:
    path = article(tmp_path)
    clean = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR")}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "onoma",
            "--isolated",
            "normalize",
            "--diff",
            str(path),
            str(tmp_path / "missing.txt"),
        ],
        capture_output=True,
        env={**clean, **env},
    )
    assert (b"\x1b[" in result.stdout) is coloured, result.stderr.decode()[-600:]
    assert (b"\x1b[" in result.stderr) is coloured
    assert b"Shushi" in result.stdout, result.stderr.decode()[-800:]


def test_help_imports_no_markdown_and_offers_completion() -> None:
    code = (
        "import sys\n"
        "from onoma.cli import main\n"
        "sys.argv = ['onoma', '--help']\n"
        "try:\n    main()\n"
        "except SystemExit:\n    pass\n"
        "print('markdown_it' in sys.modules, file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stderr.strip() == "False"
    assert "--install-completion" in result.stdout
    assert "--config FILE" in result.stdout


def test_translate_help_keeps_its_placeholders() -> None:
    result = runner.invoke(app, ["translate", "--help"])
    assert "NAME.LANG.EXT" in result.stdout
    assert "<list[Path]>" not in result.stdout.split("Options:")[1]
