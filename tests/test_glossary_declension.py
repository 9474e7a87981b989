"""The declension fields of glossary entries: gender, indeclinable, forms."""

from __future__ import annotations

import pytest

from onoma.curate.lint import lint
from onoma.errors import GlossaryError
from onoma.glossary.fmt import emit_entry
from onoma.glossary.load import load_files
from onoma.lang.inflect import inflect

TEXT = """\
- id: baku
  type: place
  forms:
    hy: {loc: Բաքվում, gen: Բաքվի}
  indeclinable: [ru]
  names: {ru: Баку, hy: Բաքու, az: Bakı}
- id: ovanesova
  type: person
  gender: f
  names: {ru: Ованесова}
"""


def test_fields_are_read_and_used(tmp_path) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(TEXT, encoding="utf-8")
    baku, ovanesova = load_files([path])
    assert baku.case_forms == {"hy": {"loc": "Բաքվում", "gen": "Բաքվի"}}
    assert baku.indeclinable == ("ru",) and ovanesova.gender == "f"
    assert inflect("Бакуу", "ru", "gen", entry=baku) == "Бакуу"  # indeclinable in ru
    assert inflect("Ованесова", "ru", "ins", entry=ovanesova) == "Ованесовой"
    lines = emit_entry(baku)
    assert lines.index("  indeclinable: [ru]") < lines.index("  forms:")
    assert "    hy: {gen: Բաքվի, loc: Բաքվում}" in lines  # the cases in canonical order
    assert lint(load_files([path])) == []


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("gender: x", "gender must be m or f"),
        ("indeclinable: ru", "indeclinable must be a list"),
        ("forms: [a]", "forms must map languages"),
        ("forms: {ru: Баку}", "forms must map languages"),
    ],
)
def test_bad_shapes_name_the_file(tmp_path, field: str, message: str) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(f"- id: x\n  names: {{ru: Баку}}\n  {field}\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match=message):
        load_files([path])


def test_lint_checks_cases_scripts_and_that_forms_belong(tmp_path) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(
        "- id: baku\n  type: place\n  names: {hy: Բաքու}\n  gender: m\n"
        "  forms: {hy: {acc: Բաքուն, loc: Bakvum, gen: Երևանի}, en: {gen: x}}\n",
        encoding="utf-8",
    )
    codes = sorted(p.code for p in lint(load_files([path])))
    assert codes == [
        "declension-lang", "foreign-form", "foreign-form", "gender-not-person",
        "unknown-case", "wrong-script",
    ]  # fmt: skip
