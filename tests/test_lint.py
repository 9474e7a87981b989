"""Glossary lint: each kind of mistake is found, and the shipped glossary is clean."""

from __future__ import annotations

import subprocess
import sys

import pytest
from typer.testing import CliRunner

from onoma.cli import app
from onoma.curate.lint import lint
from onoma.glossary import load_file, load_glossaries

runner = CliRunner()


def codes(path) -> list[str]:
    return [p.code for p in lint(load_glossaries([path], builtin=False)) if p.severity == "error"]


def test_shipped_glossary_is_lint_clean():
    problems = lint(load_glossaries())
    assert [str(p) for p in problems if p.severity == "error"] == []


def test_shipped_glossary_lint_command_exits_0():
    result = subprocess.run(
        [sys.executable, "-m", "onoma", "glossary", "lint"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors" in result.stderr


@pytest.mark.parametrize(
    ("yaml_text", "code"),
    [
        ("- id: a\n  names: {en: Alpha}\n- id: a\n  names: {en: Beta}\n", "duplicate-id"),
        (
            "- id: a\n  names: {en: Alpha}\n  variants: {en: [Alfa]}\n"
            "- id: b\n  names: {en: Beta}\n  variants: {en: [ALFA]}\n",
            "variant-conflict",
        ),
        (
            "- id: a\n  names: {en: Alpha}\n"
            "- id: b\n  names: {en: Beta}\n  variants: {en: [alpha]}\n",
            "variant-is-name",
        ),
        ("- id: a\n  names: {en: Alpha}\n- id: b\n  names: {en: Alpha}\n", "name-conflict"),
        ("- id: a\n  names: {en: Alpha, hy: Шуши}\n", "wrong-script"),
        ("- id: a\n  names: {en: Alpha, ru: Շուշի}\n", "wrong-script"),
        ("- id: a\n  names: {en: Alpha, ru: Шушa}\n", "mixed-script"),  # Latin a at the end
        ("- id: a\n  names: {en: 'Alpha '}\n", "whitespace"),
        ("- id: a\n  names: {en: Alpha}\n  variants: {en: ['Al  pha']}\n", "whitespace"),
    ],
)
def test_each_mistake_is_an_error(write_glossary, yaml_text, code):
    assert code in codes(write_glossary(yaml_text))


def test_problem_names_file_line_and_both_entries(write_glossary):
    path = write_glossary(
        "- id: a\n  names: {en: Alpha}\n  variants:\n    en: [Alfa]\n"
        "- id: b\n  names: {en: Beta}\n  variants:\n    en: [Alfa]\n"
    )
    [problem] = lint(load_glossaries([path], builtin=False))
    assert problem.where == f"{path}:8"
    assert "'a'" in problem.message and "'b'" in problem.message and f"{path}:4" in problem.message


def test_homoglyph_message_names_the_odd_letter(write_glossary):
    path = write_glossary("- id: a\n  names: {en: Alpha, ru: Шушa}\n")
    [problem] = lint(load_glossaries([path], builtin=False))
    assert "Latin 'a' U+0061 in a Cyrillic word" in problem.message


def test_review_flag_is_a_warning_that_strict_fails(write_glossary):
    path = write_glossary("- id: a\n  names: {en: Alpha}\n  review: true\n")
    result = runner.invoke(app, ["glossary", "lint", "--no-builtin", "-g", str(path)])
    assert result.exit_code == 0
    assert "needs-review" in result.stdout
    strict = runner.invoke(app, ["glossary", "lint", "--no-builtin", "-g", str(path), "--strict"])
    assert strict.exit_code == 1


def test_lint_command_exits_1_with_a_list(write_glossary):
    path = write_glossary("- id: a\n  names: {en: Alpha}\n- id: a\n  names: {en: Beta}\n")
    result = runner.invoke(app, ["glossary", "lint", "-g", str(path)])
    assert result.exit_code == 1
    assert f"{path}:3: error: id 'a' repeats (first at {path}:1) [duplicate-id]" in result.stdout


def test_lint_reports_a_malformed_glossary_with_exit_2(write_glossary):
    path = write_glossary("- id: a\n  names: {en: [x\n")
    result = runner.invoke(app, ["glossary", "lint", "-g", str(path)])
    assert result.exit_code == 2
    assert f"error: {path}:" in result.stderr


@pytest.mark.parametrize("lang", ["ru-RU", "ru_RU"])
def test_wrong_script_is_found_under_a_regional_code(write_glossary, lang):
    path = write_glossary(f"- id: a\n  names: {{en: Alpha, {lang}: Shushi}}\n")
    [problem] = lint(load_glossaries([path], builtin=False))
    assert problem.message.endswith(f"is written in Latin, but {lang} is written in Cyrillic")


def test_wrong_script_is_reported_once_per_field(write_glossary):
    path = write_glossary("- id: a\n  names: {en: Alpha, ru: Back slash}\n")
    [problem] = lint(load_glossaries([path], builtin=False))
    assert problem.message == (
        "entry 'a': names.ru 'Back slash' is written in Latin, but ru is written in Cyrillic"
    )


@pytest.mark.parametrize(
    ("yaml_text", "line", "code", "message"),
    [
        (
            '- id: a\n  names: {en: Alpha}\n- id: "x y"\n  names: {en: Xy}\n',
            3,
            "bad-id",
            "id 'x y' is not one word of letters, digits, '-', '_' or '.' (write 'x-y')",
        ),
        (
            "- id: yy\n  names: {en: Yy}\n  variants:\n    en: [Y, Z, Y]\n",
            4,
            "repeated-variant",
            "entry 'yy': variant 'Y' (en) is written twice (first at {path}:4)",
        ),
        (
            "- id: yy\n  names: {en: Yy}\n  variants:\n    en:\n      - Yo\n      - yo\n",
            6,
            "repeated-variant",
            "entry 'yy': variant 'yo' (en) is written twice (first at {path}:5)",
        ),
        (
            "- id: zz\n  names: {en: Zz}\n  variants: {en: Z}\n",
            3,
            "variants-not-list",
            "entry 'zz': variants.en is a string, not a list: write [Z]",
        ),
        (
            "- id: zz\n  names: {en: Zz}\n  variants:\n    en: Shusha, Shoushi\n",
            4,
            "variants-not-list",
            "entry 'zz': variants.en is one string, read as the single variant "
            "'Shusha, Shoushi'; for 2 variants write a list: [Shusha, Shoushi]",
        ),
    ],
)
def test_malformed_entries_are_errors_at_file_line(write_glossary, yaml_text, line, code, message):
    path = write_glossary(yaml_text)
    result = runner.invoke(app, ["glossary", "lint", "--no-builtin", str(path)])
    assert result.exit_code == 1
    expected = f"{path}:{line}: error: {message.format(path=path)} [{code}]"
    assert result.stdout.splitlines() == [expected]


def test_case_sensitive_entry_may_list_both_cases(write_glossary):
    path = write_glossary(
        "- id: ab\n  names: {en: AB}\n  variants: {en: [Ab, ab]}\n  case_sensitive: true\n"
    )
    assert codes(path) == []


def test_a_string_variant_still_normalizes(write_glossary):
    from onoma.normalize.core import Normalizer

    path = write_glossary("- id: zz\n  names: {en: Zeta}\n  variants: {en: Zetta}\n")
    normalizer = Normalizer(load_glossaries([path], builtin=False), "en")
    assert normalizer.normalize("Zetta said").text == "Zeta said"


def test_a_key_that_is_not_a_language_code_stops_lint_at_its_line(write_glossary):
    path = write_glossary("- id: xb\n  names:\n    en: Xb\n    xx_bad: Xb\n")
    result = runner.invoke(app, ["glossary", "lint", "--no-builtin", str(path)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {path}:4: entry 'xb': 'xx_bad' is not a language code such as en, hy, ru\n"
    )


def test_lint_of_a_folder_without_glossaries_is_an_error(tmp_path):
    empty = tmp_path / "emptydir"
    empty.mkdir()
    for args in (["-g", str(empty)], [str(empty)]):
        result = runner.invoke(app, ["glossary", "lint", *args])
        assert result.exit_code == 2
        assert result.stderr == f"error: no *.yaml files in {empty}\n"


def test_latin1_glossary_is_not_said_to_be_skipped(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"- id: a\n  names: {en: Caf\xe9}\n")
    result = runner.invoke(app, ["glossary", "lint", "-g", str(path)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {path}: not UTF-8 text: byte 0xe9 at offset 25 "
        "(Latin-1 or another encoding? convert it to UTF-8)\n"
    )


# ------------------------------------------------------------------ what a form is made of


def _lint_one(tmp_path, variants: list[str], names: dict | None = None):
    import yaml

    path = tmp_path / "g.yaml"
    entry = {"id": "theodor", "type": "person", "names": names or {"en": "Theodor"}}
    if variants:
        entry["variants"] = {"en": variants}
    path.write_text(yaml.safe_dump([entry], allow_unicode=True), encoding="utf-8")
    return lint(load_file(path))


@pytest.mark.parametrize(
    "variant, code",
    [
        ("...", "no-letter"),
        ("1991", "no-letter"),
        ("Theo\u200bdor", "invisible"),
        ("\ufeffTheodor", "invisible"),
        ("Theo\u00addor", "invisible"),
        ("Theo\u202edor", "bidi-control"),
        ("Theo\u2066dor", "bidi-control"),
        ("Theo\u200cdor", "invisible"),
    ],
)
def test_forms_that_can_never_match_are_errors(tmp_path, variant: str, code: str):
    problems = _lint_one(tmp_path, [variant])
    assert [(p.severity, p.code) for p in problems] == [("error", code)], problems


def test_a_joiner_inside_a_persian_word_is_spelling(tmp_path):
    assert _lint_one(tmp_path, [], {"en": "Theodor", "fa": "می\u200cخواهم"}) == []


@pytest.mark.parametrize("variant", ["The", "the", "AND"])
def test_a_variant_that_is_an_ordinary_word_is_a_warning(tmp_path, variant: str):
    problems = _lint_one(tmp_path, [variant])
    assert [(p.severity, p.code) for p in problems] == [("warning", "common-word")]
    assert "would be rewritten as 'Theodor'" in problems[0].message


def test_a_name_like_variant_is_not_an_ordinary_word(tmp_path):
    assert _lint_one(tmp_path, ["Teodor", "Theo"]) == []


def test_long_lists_are_capped_per_kind(tmp_path):
    import yaml

    path = tmp_path / "g.yaml"
    entries = [
        {"id": f"e{n}", "type": "person", "names": {"en": f"Name{n}"}, "variants": {"en": ["..."]}}
        for n in range(60)
    ]
    path.write_text(yaml.safe_dump(entries), encoding="utf-8")
    result = runner.invoke(app, ["glossary", "lint", "--no-builtin", "-g", str(path)])
    assert result.exit_code == 1
    assert result.stdout.count("[no-letter]") == 51  # 50 listed, and the summary line
    assert "… and 10 more [no-letter] (--all lists them)" in result.stdout
    everything = runner.invoke(app, ["glossary", "lint", "--all", "--no-builtin", "-g", str(path)])
    assert everything.stdout.count("[no-letter]") == 60
