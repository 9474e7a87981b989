"""The ``onoma translit`` command, on a one-command Typer app."""

from __future__ import annotations

import inspect
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
import typer
from typer.testing import CliRunner

from onoma.cli.translit import translit

app = typer.Typer()
app.command()(translit)


@pytest.fixture
def runner() -> CliRunner:
    if "mix_stderr" in inspect.signature(CliRunner).parameters:  # Click < 8.2
        return CliRunner(mix_stderr=False)
    return CliRunner()


def test_arguments(runner: CliRunner) -> None:
    result = runner.invoke(app, ["Հովհաննիսյան", "Երևան", "--to", "latn"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "Hovhannisyan Yerevan\n"


def test_options(runner: CliRunner) -> None:
    result = runner.invoke(app, ["Хрущёв", "-t", "latn", "--from", "ru", "--scheme", "iso"])
    assert result.stdout == "Hruŝëv\n"
    result = runner.invoke(app, ["Hovhannisyan", "Hakobyan", "--to", "cyrl", "-f", "en"])
    assert result.stdout == "Ованнисян Акопян\n"
    result = runner.invoke(app, ["Ճանապարհ", "--to", "ascii", "-s", "ala-lc"])
    assert result.stdout == "Chanaparh\n"


@pytest.mark.parametrize("args", [["--to", "cyrl"], ["-", "--to", "cyrl"]])
def test_standard_input(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(app, args, input="Hovhannisyan\n\nShushi, Yerevan\n")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Ованнисян\n\nШуши, Ереван\n"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"Shushi\nCaf\xe9\n", "<stdin>: line 2: not UTF-8 text (byte 0xe9 at column 4)"),
        (b"\x00\x01\x02", "<stdin>: line 1: binary data (NUL bytes)"),
    ],
)
def test_standard_input_that_is_not_text(runner: CliRunner, data: bytes, message: str) -> None:
    result = runner.invoke(app, ["--to", "cyrl"], input=data)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_scheme_applies_where_it_exists_and_latin_stays(runner: CliRunner) -> None:
    result = runner.invoke(app, ["Şəki Хрущёв", "--to", "latn", "--scheme", "bgn"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "Şəki Khrushchëv\n"
    assert "does not cover az" in result.stderr  # its Latin → Latin scheme is press
    result = runner.invoke(app, ["Shushi Хрущёв", "--to", "latn", "--scheme", "bgn"])
    assert result.stdout == "Shushi Khrushchëv\n"
    assert result.stderr == ""  # English Latin needs no scheme to Latin


def test_words_a_scheme_does_not_cover_are_kept_with_one_warning(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--to", "latn", "-s", "ala-lc"], input="Шуши Շուշի\nМосква\n")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Шуши Shushi\nМосква\n"
    assert result.stderr == (
        "warning: scheme 'ala-lc' does not cover ru: those words are left as they are "
        "(schemes for ru: bgn, iso)\n"
    )


def test_list_schemes(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--list-schemes"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split()[:4] == ["from", "script", "to", "scheme"]
    assert all(line == line.rstrip() for line in lines)
    column = lines[0].index("description")
    assert all(line[column - 2 : column] == "  " for line in lines)
    for scheme in ("bgn", "iso", "ala-lc", "press"):
        assert any(line.split()[3] == scheme for line in lines[1:])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["x", "--to", "latn", "--scheme", "loc"], "valid schemes: bgn, iso, ala-lc, press"),
        (["x", "--to", "greek"], "valid targets: latn, armn, cyrl, ascii"),
        (["x", "--to", "latn", "--from", "ka"], "valid: hy, ru, az, en"),
        (["x", "--to", "latn", "--from", "ru", "--scheme", "press"], "valid: bgn, iso"),
        (["x"], "missing option '--to'"),
    ],
)
def test_errors(runner: CliRunner, args: list[str], message: str) -> None:
    result = runner.invoke(app, args, input="never read\n")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ")
    assert message in result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert isinstance(result.exception, SystemExit)


def test_every_option_has_help() -> None:
    command = typer.main.get_command(app)
    names = set()
    for param in command.params:
        if param.name in ("help", "install_completion", "show_completion"):
            continue
        assert param.help, param.name
        names.add(param.name)
    assert names == {
        "text",
        "to",
        "source",
        "scheme",
        "list_schemes",
        "glossary",
        "no_builtin",
        "style",
    }


SCRIPT = (
    "import typer\n"
    "from onoma.cli.translit import translit\n"
    "app = typer.Typer()\n"
    "app.command()(translit)\n"
    "app()\n"
)


def test_standard_input_is_streamed() -> None:
    """Each line comes out before the next one goes in."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    process = subprocess.Popen(
        [sys.executable, "-c", SCRIPT, "--to", "latn"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=env,
    )
    assert process.stdin and process.stdout
    try:
        with ThreadPoolExecutor(max_workers=1) as pool:
            for line, expected in [
                ("Երևան\n", "Yerevan\n"),
                ("Շուշի և Արցախ\n", "Shushi yev Artsakh\n"),
            ]:
                process.stdin.write(line)
                process.stdin.flush()
                assert pool.submit(process.stdout.readline).result(timeout=60) == expected
        process.stdin.close()
        assert process.wait(timeout=60) == 0
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=60)
        for stream in (process.stdin, process.stdout, process.stderr):
            if stream:
                stream.close()


def test_a_closed_pipe_ends_quietly(tmp_path) -> None:
    """``onoma translit … | head -1``: the reader leaving early is not an error."""
    source = tmp_path / "in.txt"
    source.write_text("Երևան\n" * 200_000, encoding="utf-8")
    with source.open("rb") as stdin:
        process = subprocess.Popen(
            [sys.executable, "-c", SCRIPT, "--to", "latn"],
            stdin=stdin,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert process.stdout and process.stderr
        try:
            assert process.stdout.readline() == b"Yerevan\n"
            process.stdout.close()
            assert process.wait(timeout=120) == 0
            assert process.stderr.read() == b""
        finally:
            if process.poll() is None:
                process.kill()
            process.wait(timeout=60)
            process.stderr.close()


def test_text_arguments_that_are_not_utf8_are_refused(runner: CliRunner) -> None:
    result = runner.invoke(app, ["Шу\udcffша", "--to", "latn"])
    assert result.exit_code == 2
    assert "the text 'Шу?ша' is not UTF-8 text (byte 0xff at character 3)" in result.stderr
