"""``onoma glossary fmt -`` (stdin to stdout) and folders that hold no glossary."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_glossary_fmt import FORMATTED, MESSY
from typer.testing import CliRunner

from onoma.cli import app

runner = CliRunner()


def fmt(*args: str, stdin: str | bytes | None = None):
    return runner.invoke(app, ["glossary", "fmt", *args], input=stdin)


def test_stdin_is_formatted_to_stdout():
    result = fmt("-", stdin=MESSY)
    assert result.exit_code == 0, result.output
    assert result.stdout == FORMATTED
    assert result.stderr == "1 of 1 file reformatted.\n"


def test_stdin_already_formatted_is_written_back_unchanged():
    result = fmt("-", stdin=FORMATTED)
    assert result.exit_code == 0
    assert result.stdout == FORMATTED


def test_stdin_keeps_bom_and_crlf():
    data = b"\xef\xbb\xbf" + MESSY.replace("\n", "\r\n").encode("utf-8")
    result = fmt("-", stdin=data)
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == b"\xef\xbb\xbf" + FORMATTED.replace("\n", "\r\n").encode()


def test_stdin_check_prints_nothing_and_exits_1():
    result = fmt("-", "--check", stdin=MESSY)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "would reformat <stdin>" in result.stderr
    assert fmt("-", "--check", stdin=FORMATTED).exit_code == 0


def test_stdin_diff_prints_the_diff_only():
    result = fmt("-", "--diff", stdin=MESSY)
    assert result.exit_code == 0
    assert result.stdout.startswith("--- <stdin>\t(original)\n+++ <stdin>\t(new)\n")
    assert "+- id: alpha  # id eol" in result.stdout
    assert fmt("-", "--diff", stdin=FORMATTED).stdout == ""


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        ("- id: a\n  names: {en: [x\n", "error: <stdin>:"),
        (b"- id: caf\xe9\n  names: {en: x}\n", "error: <stdin>: not UTF-8 text"),
    ],
)
def test_stdin_errors_exit_2_with_nothing_on_stdout(stdin, message):
    result = fmt("-", stdin=stdin)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(message)
    assert "skipped" not in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_stdin_is_not_mixed_with_files(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_text(MESSY, encoding="utf-8")
    result = fmt("-", str(path), stdin=MESSY)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: -: standard input is formatted on its own")
    assert path.read_text(encoding="utf-8") == MESSY


def test_fmt_folder_without_glossaries_is_an_error(tmp_path: Path):
    empty = tmp_path / "emptydir"
    empty.mkdir()
    (empty / "notes.txt").write_text("not a glossary\n")
    (empty / ".hidden.yaml").write_text("- id: a\n  names: {en: A}\n")
    result = fmt(str(empty))
    assert result.exit_code == 2
    assert result.stderr == f"error: no *.yaml files in {empty}\n"


def test_fmt_one_empty_folder_among_others_is_an_error(tmp_path: Path):
    full = tmp_path / "full"
    full.mkdir()
    (full / "g.yaml").write_text(MESSY, encoding="utf-8")
    empty = tmp_path / "empty"
    empty.mkdir()
    result = fmt(str(full), str(empty))
    assert result.exit_code == 2
    assert result.stderr == f"error: no *.yaml files in {empty}\n"
    assert (full / "g.yaml").read_text(encoding="utf-8") == MESSY


def test_fmt_without_paths_names_the_glossaries_folder():
    result = fmt()
    assert result.exit_code == 2
    assert "onoma glossary fmt glossaries/" in result.stderr
