"""``onoma glossary show`` and ``stats``, and the paths and summary of ``lint``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from onoma.cli import app
from onoma.glossary import load_glossaries

runner = CliRunner()

EXTRA = """\
# Extra entries.

# needs ru and az
- id: stepanakert
  type: place
  names:
    en: Stepanakert
    hy: Ստեփանակերտ  # capital
  review: true
"""


@pytest.fixture
def extra(tmp_path: Path) -> Path:
    path = tmp_path / "extra.yaml"
    path.write_text(EXTRA, encoding="utf-8")
    return path


def run(*args: str):
    return runner.invoke(app, ["glossary", *args])


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("harutyunyan", "id"),
        ("HARUTYUNYAN", "id"),
        ("Haroutiounian", "variants.en.2"),
        ("Арутюнян", "names.ru"),
        ("Հարությունյան", "names.hy"),
    ],
)
def test_show_finds_by_id_and_any_form(query, reason):
    result = run("show", query)
    assert result.exit_code == 0, result.output
    entry = load_glossaries().get("harutyunyan")
    lines = result.stdout.splitlines()
    assert lines[0] == f"# {entry.where()} ({reason})"
    assert lines[1] == "- id: harutyunyan"
    assert "    en: [Harutiunyan, Harutunyan, Haroutiounian]" in lines


def test_show_near_hit_by_romanization_key():
    result = run("show", "Harutiunian")
    assert result.exit_code == 0
    assert result.stderr == "no exact match for 'Harutiunian'; near hits:\n"
    assert "- id: harutyunyan" in result.stdout
    assert "same romanization key" in result.stdout.splitlines()[0]


def test_show_prints_the_entry_as_written_with_comments(extra):
    result = run("show", "Ստեփանակերտ", "-g", str(extra))
    assert result.exit_code == 0
    written = f"# {extra}:4 (names.hy)\n" + EXTRA.split("\n\n", 1)[1]
    assert result.stdout.startswith(written)
    declined = result.stdout[len(written) :].splitlines()
    assert "# hy declension: nom.def Ստեփանակերտը, gen Ստեփանակերտի" in declined[0]
    assert declined[0].endswith("loc Ստեփանակերտում")


def test_show_nothing_found():
    result = run("show", "Qwertyuiop")
    assert result.exit_code == 1
    assert result.stderr == "no entry matches 'Qwertyuiop'\n"


def test_show_bad_glossary(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("- id: a\n")
    result = run("show", "a", "-g", str(bad))
    assert result.exit_code == 2
    assert result.stderr == f"error: {bad}:1: entry 'a': 'names' must map language codes to names\n"


def test_stats_json(extra):
    result = run("stats", "--json", "-g", str(extra))
    assert result.exit_code == 0
    stats = json.loads(result.stdout)
    builtin = len(load_glossaries())
    # The extra file's Stepanakert replaces the built-in entry of that id.
    builtin -= load_glossaries().get("stepanakert") is not None
    assert stats["entries"] == builtin + 1
    assert stats["types"]["place"] >= 1
    assert set(stats["types"]) == {"person", "place", "organization", "other"}
    assert list(stats["languages"])[:4] == ["en", "hy", "ru", "az"]
    assert stats["missing"] == {"hy": [], "ru": ["stepanakert"], "az": ["stepanakert"]}
    assert stats["review"] == ["stepanakert"]
    assert str(extra) in stats["files"]


def test_stats_text(extra):
    result = run("stats", "-g", str(extra), "--require", "ru")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert "missing ru (1): stepanakert" in lines
    assert "marked for review (1): stepanakert" in lines
    assert not any(line.startswith("missing hy") for line in lines)


def test_stats_missing_glossary(tmp_path):
    result = run("stats", "-g", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2
    assert result.stderr == f"error: {tmp_path / 'nope.yaml'}: no such file or folder\n"


def test_stats_text_counts_agree_in_number(extra):
    result = run("stats", "--no-builtin", "-g", str(extra))
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "1 entry in 1 file"


def test_lint_takes_glossary_paths_as_arguments(tmp_path, extra):
    bad = tmp_path / "bad.yaml"
    bad.write_text("- id: a\n  names:\n    hy: Abc\n", encoding="utf-8")
    as_options = run("lint", "--no-builtin", "-g", str(extra), "-g", str(bad))
    as_arguments = run("lint", "--no-builtin", str(extra), str(bad))
    assert as_arguments.exit_code == as_options.exit_code == 1
    assert as_arguments.stdout == as_options.stdout
    assert f"{bad}:3: error: " in as_arguments.stdout
    assert as_arguments.stderr == "2 entries checked: 1 error, 1 warning.\n"
    single = run("lint", "--no-builtin", str(extra))
    assert single.exit_code == 0
    assert single.stderr == "1 entry checked: 0 errors, 1 warning.\n"
    mixed = run("lint", "--no-builtin", "-g", str(extra), str(bad))
    assert mixed.stdout == as_options.stdout


def test_lint_is_a_pre_commit_hook():
    from ruamel.yaml import YAML

    hooks_file = Path(__file__).parent.parent / ".pre-commit-hooks.yaml"
    hooks = {hook["id"]: hook for hook in YAML(typ="safe").load(hooks_file.read_text("utf-8"))}
    hook = hooks["onoma-glossary-lint"]
    assert hook["entry"] == "onoma glossary lint"
    assert hook["files"] == r"\.ya?ml$"


def test_stats_cli_default_is_the_library_default():
    import inspect

    from onoma.cli.glossary_info import stats_command
    from onoma.curate.stats import REQUIRED_LANGUAGES

    default = inspect.signature(stats_command).parameters["required"].default
    assert default.split(",") == list(REQUIRED_LANGUAGES)
