"""``onoma translate`` end to end: packages built at test time and installed with
``onoma models install``, files in and out, stdout, --out-dir, --json, errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from argos_factory import (
    copy_expected,
    install_copy_packages,
    install_packages,
    seed_text,
)
from typer.testing import CliRunner

from onoma.cli import app

pytestmark = pytest.mark.slow

runner = CliRunner()


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("argos_cli")


@pytest.fixture(scope="module")
def packages(workdir) -> Path:
    """en→hy and en→ru copy models, installed with ``onoma models install FILE``."""
    return install_copy_packages(workdir)


@pytest.fixture
def env(packages, monkeypatch, tmp_path) -> Path:
    """Use the installed packages; return a folder holding the seed as a.txt."""
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(packages))
    (tmp_path / "a.txt").write_text(seed_text(), encoding="utf-8")
    return tmp_path


def invoke(*args: str, **kwargs):
    return runner.invoke(app, ["translate", *args], **kwargs)


def test_one_file_one_target_goes_to_stdout(env):
    result = invoke(str(env / "a.txt"), "--to", "hy", "--beam-size", "1")
    assert result.exit_code == 0, result.output
    assert result.stdout == copy_expected(seed_text(), "hy")
    assert "39 of 39 names kept" in result.stderr
    assert sorted(p.name for p in env.iterdir()) == ["a.txt"]


def test_several_targets_write_files_and_a_bad_file_does_not_stop_the_others(env):
    (env / "bad.txt").write_bytes("Shushi caf\xe9\n".encode("latin-1"))
    (env / "c.md").write_text("# Shushi\n\nArtsakh.\n", encoding="utf-8")
    paths = [str(env / n) for n in ("bad.txt", "a.txt", "c.md")]
    result = invoke(*paths, "--to", "hy,ru", "--beam-size", "1")
    assert result.exit_code == 2
    assert re.search(r"error: .*bad\.txt: not UTF-8", result.stderr)
    assert result.stdout == ""
    for lang, form in (("hy", "Շուշի"), ("ru", "Шуши")):
        assert (env / f"a.{lang}.txt").read_text("utf-8") == copy_expected(seed_text(), lang)
        assert (env / f"c.{lang}.md").read_text("utf-8").startswith(f"# {form}\n\n")
    assert not list(env.glob("bad.*.txt"))
    assert "translated 2 files into hy, ru" in result.stderr and "1 error" in result.stderr


def test_out_dir_and_json_report(env):
    out = env / "out"
    result = invoke(str(env / "a.txt"), "--to", "ru", "-o", str(out), "--json", "--beam-size", "1")
    assert result.exit_code == 0, result.output
    assert (out / "a.ru.txt").read_text("utf-8") == copy_expected(seed_text(), "ru")
    assert not (env / "a.ru.txt").exists()
    data = json.loads(result.stdout)
    assert data["source"] == "en" and data["targets"] == ["ru"]
    assert data["seconds"] >= data["load_seconds"] >= 0
    [item] = data["files"]
    assert item["path"] == str(env / "a.txt")
    [entry] = item["outputs"]
    assert entry["to"] == "ru" and entry["output"] == str(out / "a.ru.txt")
    assert entry["route"] == ["en", "ru"] and entry["seconds"] > 0
    report = entry["report"]
    assert (report["entities"], report["preserved"], report["ok"]) == (39, 39, True)
    assert report["fallback"] == [] and report["normalized"] == 3
    assert report["by_entity"]["shushi"] == 8


def test_stdin_to_stdout_with_json_text(env):
    result = invoke("-", "--to", "ru", "--json", input="Artstrun visited Shusha.\n")
    assert result.exit_code == 0, result.output
    entry = json.loads(result.stdout)["files"][0]["outputs"][0]
    assert entry["text"] == "Арцрун visited Шуши.\n" and entry["output"] is None
    plain = invoke("--to", "ru", input="Shushi.\n")
    assert plain.stdout == "Шуши.\n"


def test_missing_model_stops_before_any_work(env):
    result = invoke(str(env / "a.txt"), "--to", "ru,az,hy", "--from", "en")
    assert result.exit_code == 2
    assert "no translation model installed for en → az" in result.stderr
    assert "onoma models install en az" in result.stderr
    assert sorted(p.name for p in env.iterdir()) == ["a.txt"]
    pivot = invoke(str(env / "a.txt"), "--to", "hy", "--from", "ru")
    assert "onoma models install ru en" in pivot.stderr and pivot.exit_code == 2


def test_folders_skip_earlier_translations(env):
    folder = env / "docs"
    folder.mkdir()
    (folder / "b.txt").write_text("Shushi.\n", encoding="utf-8")
    (folder / "b.ru.txt").write_text("old\n", encoding="utf-8")
    result = invoke(str(folder), "--to", "ru")
    assert result.exit_code == 0, result.output
    assert (folder / "b.ru.txt").read_text("utf-8") == "Шуши.\n"
    assert not (folder / "b.ru.ru.txt").exists()


def test_a_later_run_for_another_language_skips_earlier_outputs(env):
    folder = env / "docs"
    folder.mkdir()
    (folder / "b.txt").write_text("Shushi.\n", encoding="utf-8")
    for name in ("notes.txt", "notes.old.txt", "notes.v2.txt"):  # no translations
        (folder / name).write_text("Shushi.\n", encoding="utf-8")
    assert invoke(str(folder), "--to", "hy").exit_code == 0
    result = invoke(str(folder), "--to", "ru", "--json")
    assert result.exit_code == 0, result.output
    translated = sorted(Path(item["path"]).name for item in json.loads(result.stdout)["files"])
    assert translated == ["b.txt", "notes.old.txt", "notes.txt", "notes.v2.txt"]
    assert not (folder / "b.hy.ru.txt").exists()


def test_files_under_the_output_folder_are_not_inputs(env):
    out = env / "translated"
    assert invoke(str(env), "--to", "hy", "-o", str(out)).exit_code == 0
    (out / "a.hy.txt").rename(out / "renamed.txt")  # no longer looks like an output
    result = invoke(str(env), "--to", "ru", "-o", str(out), "--json")
    assert result.exit_code == 0, result.output
    assert [Path(i["path"]).name for i in json.loads(result.stdout)["files"]] == ["a.txt"]


def test_the_source_language_is_not_a_target(env):
    result = invoke(str(env / "a.txt"), "--to", "hy,en")
    assert result.exit_code == 2
    assert "error: --to en: that is the language of the input (--from)" in result.stderr
    assert sorted(p.name for p in env.iterdir()) == ["a.txt"]


def test_bad_arguments(env):
    assert invoke(str(env / "a.txt")).exit_code == 2
    result = invoke(str(env / "a.txt"), "--to", "h y")
    assert result.exit_code == 2 and "not a language code" in result.stderr
    result = invoke("-", "--to", "hy,ru", input="x")
    assert result.exit_code == 2 and "--out-dir" in result.stderr
    assert invoke(str(env / "a.txt"), "--to", "ru", "--beam-size", "0").exit_code == 2


def test_help_lists_the_options():
    result = invoke("--help")
    assert result.exit_code == 0
    for option in ("--to", "--from", "--out-dir", "--glossary", "--no-normalize", "--json"):
        assert option in result.stdout


def test_install_packages_helper_matches_the_cli(tmp_path, monkeypatch):
    root = install_packages(tmp_path / "p", tmp_path, [("en", "az")])
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(root))
    result = invoke("--to", "az", input="Karin Tak.\n")
    assert result.stdout == "Daşaltı.\n"


def test_protect_names_option(env):
    result = invoke(
        "-",
        "--to",
        "ru",
        "--beam-size",
        "1",
        "--protect-names",
        "Stepanakert,Vardenis",
        input="Stepanakert, Vardenis and Shushi.\n",
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == "Степанакерт, Варденис and Шуши.\n"


def test_empty_folder_is_an_error(env, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = invoke(str(empty), "--to", "ru")
    assert result.exit_code == 2
    assert "no .txt,.md files found" in result.stderr
    # Found before any model is looked for or loaded.
    result = invoke(str(empty), "--to", "ka")
    assert result.stderr.startswith("error: no .txt,.md files found")


def test_a_folder_inside_the_output_folder_is_translated(env):
    result = invoke(str(env), "--to", "hy", "-o", str(env), "--json")
    assert result.exit_code == 0, result.output
    assert [Path(i["path"]).name for i in json.loads(result.stdout)["files"]] == ["a.txt"]
    assert (env / "a.hy.txt").is_file()


def test_an_input_is_never_overwritten_by_an_output(env):
    (env / "a.ru.txt").write_text("My own notes on Shushi.\n", encoding="utf-8")
    result = invoke(str(env / "a.txt"), str(env / "a.ru.txt"), "--to", "ru", "--beam-size", "1")
    assert result.exit_code == 2
    assert f"{env / 'a.txt'}: its output {env / 'a.ru.txt'} is also an input" in result.stderr
    assert (env / "a.ru.txt").read_text(encoding="utf-8") == "My own notes on Shushi.\n"
    assert sorted(p.name for p in env.iterdir()) == ["a.ru.txt", "a.txt"]


def test_two_inputs_with_one_output_are_refused_before_any_work(env):
    for folder in ("d1", "d2"):
        (env / folder).mkdir()
        (env / folder / "x.txt").write_text("Shushi.\n", encoding="utf-8")
    out = env / "out"
    result = invoke(str(env / "d1/x.txt"), str(env / "d2/x.txt"), "--to", "ru", "-o", str(out))
    assert result.exit_code == 2
    assert "would also be the output of" in result.stderr
    assert not out.exists() or list(out.iterdir()) == []


def test_the_same_file_twice_is_translated_once(env):
    path = env / "a.txt"
    result = invoke(
        str(path), str(env / "." / "a.txt"), str(env), "--to", "hy,ru", "--beam-size", "1"
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in env.iterdir()) == ["a.hy.txt", "a.ru.txt", "a.txt"]
    assert "translated 1 file into hy, ru" in result.stderr


def test_a_failed_write_is_reported_and_the_other_targets_written(env, monkeypatch):
    (env / "a.hy.txt").mkdir()  # the Armenian output cannot be written
    result = invoke(str(env / "a.txt"), "--to", "hy,ru", "--beam-size", "1")
    assert result.exit_code == 2
    assert f"error: {env / 'a.hy.txt'}: cannot write" in result.stderr
    assert (env / "a.ru.txt").is_file()
    assert "Traceback" not in result.output


def test_indented_paragraphs_of_plain_text_are_translated(env):
    text = "Intro.\n\n\tShushi is a town.\n"
    (env / "t.txt").write_text(text, encoding="utf-8")
    (env / "t.md").write_text(text, encoding="utf-8")
    result = invoke(str(env / "t.txt"), str(env / "t.md"), "--to", "ru", "--beam-size", "1")
    assert result.exit_code == 0, result.output
    assert (env / "t.ru.txt").read_text(encoding="utf-8") == "Intro.\n\n\tШуши is a town.\n"
    assert (env / "t.ru.md").read_text(encoding="utf-8") == text  # Markdown: a code block


def test_a_packages_path_that_is_a_file_is_a_clear_error(env, tmp_path, monkeypatch):
    bad = tmp_path / "packages-file"
    bad.write_text("not a folder")
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(bad))
    result = invoke(str(env / "a.txt"), "--to", "hy")
    assert result.exit_code == 2
    assert "not a folder (check ARGOS_PACKAGES_DIR)" in result.stderr
    assert "Traceback" not in result.output
