"""House configuration: [tool.onoma] in pyproject.toml or onoma.toml, found by walking
up from the current folder; command-line options win; broken files exit 2 naming the
file and the key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from onoma.cli import app

runner = CliRunner()
TEXT = "Askeran and Shoushi.\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder with an article in a sub-folder, the current folder."""
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.txt").write_text(TEXT, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "articles")
    return tmp_path


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_pyproject_style_applies_from_a_sub_folder(project: Path) -> None:
    write(
        project / "pyproject.toml",
        '[project]\nname = "x"\n[tool.onoma]\nstyle = "azerbaijani-press"\n',
    )
    result = runner.invoke(app, ["normalize", "a.txt"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Asgaran and ")
    isolated = runner.invoke(app, ["--isolated", "normalize", "a.txt"])
    assert isolated.stdout == "Askeran and Shushi.\n"


def test_command_line_wins_over_the_file(project: Path) -> None:
    write(project / "onoma.toml", 'lang = "zz"\n')
    from_file = runner.invoke(app, ["normalize", "a.txt"])
    assert from_file.exit_code == 2
    assert "--lang zz: no glossary entry has a form in 'zz'" in from_file.stderr
    result = runner.invoke(app, ["normalize", "--lang", "en", "a.txt"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "Askeran and Shushi.\n"


def test_onoma_toml_wins_over_pyproject_in_the_same_folder(project: Path) -> None:
    write(project / "pyproject.toml", '[tool.onoma]\nstyle = "azerbaijani-press"\n')
    write(project / "onoma.toml", "fuzzy = true\n")
    result = runner.invoke(app, ["config", "--json"])
    report = json.loads(result.stdout)
    assert report["file"] == str(project / "onoma.toml")
    assert report["commands"]["normalize"] == {"fuzzy": True}


def test_pyproject_without_onoma_table_is_passed_by(project: Path) -> None:
    write(project / "pyproject.toml", "[tool.onoma]\nfuzzy = true\n")
    write(project / "articles" / "pyproject.toml", '[project]\nname = "x"\n')
    report = json.loads(runner.invoke(app, ["config", "--json"]).stdout)
    assert report["file"] == str(project / "pyproject.toml")


def test_glossary_paths_are_relative_to_the_file_and_the_command_line_replaces_them(
    project: Path, write_glossary
) -> None:
    (project / "house").mkdir()
    write(
        project / "house" / "g.yaml",
        "- id: askeran\n  type: place\n  names: {en: Askeran-house}\n  variants: {en: [Askeran]}\n",
    )
    write(project / "onoma.toml", 'glossary = ["house"]\nno-builtin = true\n')
    result = runner.invoke(app, ["normalize", "a.txt"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "Askeran-house and Shoushi.\n"
    other = write_glossary(
        "- id: shushi\n  type: place\n  names: {en: Shushi}\n  variants: {en: [Shoushi]}\n"
    )
    replaced = runner.invoke(app, ["normalize", "-g", str(other), "a.txt"])
    assert replaced.stdout == "Askeran and Shushi.\n"


def test_translate_keys_reach_translate_only(project: Path) -> None:
    write(
        project / "onoma.toml",
        'to = ["hy", "ru"]\nbeam-size = 2\njobs = 3\n[translate]\nlang = "ru"\n',
    )
    report = json.loads(runner.invoke(app, ["config", "--json"]).stdout)
    assert report["commands"]["translate"] == {
        "to": ["hy", "ru"],
        "beam-size": 2,
        "jobs": 3,
        "lang": "ru",
    }
    assert report["commands"]["normalize"] == {"jobs": 3}
    text = runner.invoke(app, ["config"]).stdout
    assert f"file: {project / 'onoma.toml'}" in text
    assert '  to = ["hy", "ru"]' in text


def test_explicit_config_file_and_no_file(project: Path) -> None:
    custom = write(project / "house.toml", "fuzzy = true\n")
    report = json.loads(runner.invoke(app, ["--config", str(custom), "config", "--json"]).stdout)
    assert report["commands"]["normalize"] == {"fuzzy": True}
    assert "no configuration file" in runner.invoke(app, ["--isolated", "config"]).stdout
    both = runner.invoke(app, ["--isolated", "--config", str(custom), "config"])
    assert both.exit_code == 2


@pytest.mark.parametrize(
    ("text", "key", "problem"),
    [
        ("fuzzy = 'yes'\n", "fuzzy", "must be true or false"),
        ("colour = true\n", "colour", "unknown key"),
        ("jobs = 0\n", "jobs", "must be 1 or more"),
        ("beam-size = true\n", "beam-size", "must be a whole number"),
        ("glossary = [1]\n", "glossary", "must be a list of strings"),
        ("style = 'tabloid'\n", "style", "unknown style 'tabloid'; the styles are: "),
        ("[normalize]\nto = 'hy'\n", "normalize.to", "does not apply to onoma normalize"),
        ("fuzzy = \n", None, "not valid TOML"),
    ],
)
def test_config_errors_name_the_file_and_the_key(
    project: Path, text: str, key: str | None, problem: str
) -> None:
    path = write(project / "onoma.toml", text)
    result = runner.invoke(app, ["normalize", "a.txt"])
    assert result.exit_code == 2
    where = f"{path}: {key}: " if key else f"{path}: "
    assert f"error: {where}{problem}" in result.stderr
    assert "Traceback" not in result.output


def test_pyproject_errors_name_the_tool_onoma_key(project: Path) -> None:
    path = write(project / "pyproject.toml", "[tool.onoma]\next = 3\n")
    result = runner.invoke(app, ["normalize", "a.txt"])
    assert result.exit_code == 2
    assert f"error: {path}: tool.onoma.ext: must be a list of strings" in result.stderr
