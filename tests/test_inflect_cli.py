"""``onoma inflect``: tables, --json, glossary entries and errors."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from onoma.cli import app

runner = CliRunner()


def test_table_of_every_case() -> None:
    result = runner.invoke(app, ["inflect", "Нагорный Карабах", "--lang", "ru", "--type", "place"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Нагорный Карабах (ru, place)"
    assert "loc   Нагорном Карабахе" in lines and "acc   Нагорный Карабах" in lines


def test_json_shape_and_chosen_cases() -> None:
    result = runner.invoke(
        app, ["inflect", "Paşinyan", "Şuşa", "--lang", "az", "--case", "loc,dat", "--json"]
    )
    assert result.exit_code == 0
    forms = json.loads(result.stdout)["forms"]
    assert forms[1] == {
        "form": "Şuşa",
        "lang": "az",
        "type": "place",  # from the built-in glossary
        "gender": None,
        "cases": {"dat": "Şuşaya", "loc": "Şuşada"},
    }
    assert forms[0]["type"] == "person" and forms[0]["cases"]["loc"] == "Paşinyanda"


def test_gender_decides_a_russian_surname() -> None:
    args = ["inflect", "Акопян", "--lang", "ru", "--case", "gen", "--json"]
    male = json.loads(runner.invoke(app, [*args, "--gender", "m"]).stdout)["forms"][0]
    female = json.loads(runner.invoke(app, [*args, "--gender", "f"]).stdout)["forms"][0]
    assert male["cases"] == {"gen": "Акопяна"} and female["cases"] == {"gen": "Акопян"}


def test_glossary_forms_win(tmp_path) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(
        "- id: baku\n  type: place\n  names: {hy: Բաքու}\n  forms: {hy: {loc: Բաքուում}}\n",
        encoding="utf-8",
    )
    args = [
        "inflect",
        "Բաքու",
        "--lang",
        "hy",
        "--case",
        "loc,gen",
        "--no-builtin",
        "-g",
        str(path),
    ]
    result = runner.invoke(app, [*args, "--json"])
    assert json.loads(result.stdout)["forms"][0]["cases"] == {"gen": "Բաքվի", "loc": "Բաքուում"}


def test_errors_name_what_is_allowed() -> None:
    result = runner.invoke(app, ["inflect", "Şuşa", "--lang", "az", "--case", "ins"])
    assert result.exit_code == 2
    assert "az has no case 'ins'; its cases: nom gen dat acc loc abl" in result.stderr
    result = runner.invoke(app, ["inflect", "Shusha", "--lang", "en"])
    assert result.exit_code == 2 and "ru, hy, az" in result.stderr
    result = runner.invoke(app, ["inflect", "Шуша", "--lang", "ru", "--gender", "x"])
    assert result.exit_code == 2 and "--gender must be m or f" in result.stderr


def test_armenian_definite_forms_can_be_asked_for() -> None:
    result = runner.invoke(app, ["inflect", "Շուշի", "--lang", "hy", "--case", "nom.def,gen"])
    assert result.exit_code == 0
    rows = [line.split() for line in result.stdout.splitlines()[2:]]
    assert [row[0] for row in rows] == ["nom.def", "gen"]  # in the order of the cases
    everything = runner.invoke(app, ["inflect", "Շուշի", "--lang", "hy", "--case", "nom"])
    assert [line.split()[0] for line in everything.stdout.splitlines()[2:]] == ["nom", "nom.def"]


def test_definite_forms_only_where_a_language_has_them() -> None:
    result = runner.invoke(app, ["inflect", "Шуша", "--lang", "ru", "--case", "nom.def"])
    assert result.exit_code == 2
    assert "ru has no case 'nom.def'" in result.stderr


def test_empty_names_and_cases_are_refused() -> None:
    for args, message in [
        (["", "--lang", "ru"], "a name to decline is empty"),
        (["   ", "--lang", "hy"], "a name to decline is empty"),
        (["Шуша", "--lang", "ru", "--case", ""], "--case names no case"),
        (["Шуша", "--lang", "ru", "--case", " , "], "--case names no case"),
    ]:
        result = runner.invoke(app, ["inflect", *args])
        assert result.exit_code == 2, args
        assert message in result.stderr


def test_a_name_that_is_not_utf8_is_refused() -> None:
    for lang in ("ru", "hy"):  # pymorphy3 failed on it; the rules declined it as if text
        result = runner.invoke(app, ["inflect", "Шу\udcffша", "--lang", lang])
        assert result.exit_code == 2
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert "is not UTF-8 text (byte 0xff at character 3)" in result.stderr
