"""Loading glossary files: the model, the layering rule and errors with file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from onoma.errors import GlossaryError, OnomaError
from onoma.glossary import builtin_glossary_dir, load_file, load_glossaries, yamltext
from onoma.glossary import load as load_module
from onoma.glossary.load import editable_builtin_dir
from onoma.glossary.model import LANG_CODE

SHUSHI = """
- id: shushi
  type: place
  names:
    en: Shushi
    hy: Շուշի
  variants:
    en: [Shusha, Shoushi]
  note: a town
"""


def test_loads_entry_fields_and_lines(write_glossary):
    path = write_glossary(SHUSHI)
    [entry] = load_file(path).entries
    assert entry.id == "shushi"
    assert entry.type == "place"
    assert entry.names == {"en": "Shushi", "hy": "Շուշի"}
    assert entry.variants == {"en": ("Shusha", "Shoushi")}
    assert entry.note == "a town"
    assert not entry.case_sensitive
    assert entry.where() == f"{path}:1"
    assert entry.where("names.hy") == f"{path}:5"
    assert entry.where("variants.en.1") == f"{path}:7"
    assert entry.forms("en") == ["Shushi", "Shusha", "Shoushi"]


def test_builtin_glossaries_are_shipped_in_the_package():
    assert sorted(p.name for p in builtin_glossary_dir().glob("*.yaml"))
    glossary = load_glossaries()
    assert glossary.get("shushi") is not None
    assert {"en", "hy", "ru", "az"} <= set(glossary.languages())


def test_user_entry_replaces_builtin_entry_with_same_id(write_glossary):
    path = write_glossary(SHUSHI)
    glossary = load_glossaries([path])
    shushis = [e for e in glossary if e.id == "shushi"]
    assert len(shushis) == 1
    assert shushis[0].origin.path == path
    assert glossary.get("armenia") is not None  # other built-ins stay


def test_folder_loads_every_yaml_file(tmp_path):
    (tmp_path / "a.yaml").write_text("- id: a\n  names: {en: Alpha}\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.yml").write_text("- id: b\n  names: {en: Beta}\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a glossary", encoding="utf-8")
    glossary = load_glossaries([tmp_path], builtin=False)
    assert [e.id for e in glossary] == ["a", "b"]


def test_repeated_ids_in_one_layer_are_kept_for_lint(write_glossary):
    path = write_glossary("- id: a\n  names: {en: A1}\n- id: a\n  names: {en: A2}\n")
    assert [e.names["en"] for e in load_glossaries([path], builtin=False)] == ["A1", "A2"]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("- id: a\n  names: {en: A\n", 3, "invalid YAML"),
        ("id: a\n", 1, "a glossary must be a YAML list of entries"),
        ("- just a string\n", 1, "an entry must be a mapping, not str"),
        ("- names: {en: A}\n", 1, "entry has no 'id'"),
        ("- id: a\n  type: city\n  names: {en: A}\n", 2, "type 'city' is not one of"),
        ("- id: a\n  names: {en: A}\n  colour: red\n", 3, "unknown field 'colour'"),
        ("- id: a\n  names: [A]\n", 1, "'names' must map language codes to names"),
        ("- id: a\n  names:\n    english: A\n", 3, "'english' is not a language code"),
        ("- id: a\n  names:\n    en: 12\n", 3, "names.en must be a string, not a number"),
        ("- id: a\n  names: {en: A}\n  variants:\n    en: [B, 3]\n", 4, "must be a string"),
        ("- id: a\n  names: {en: A}\n  case_sensitive: yes please\n", 3, "must be true or false"),
        ("- id: a\n  names: {en: A}\n- id: b\n  id: c\n  names: {en: B}\n", 4, "invalid YAML"),
        ("- id: a\n  names: {en: No}\n  review: yes\n", 3, "review must be true or false"),
        ("- id: a\n  names:\n    en: true\n", 3, "names.en must be a string, not a boolean"),
        ("- id: a\n  names:\n    en: ~\n", 3, "names.en must be a string, not empty"),
        ("- id: 0x1F\n  names: {en: A}\n", 1, "'id' must be a string, not a number"),
        ("- id: a\n  names:\n    en: 1.5e3\n", 3, "names.en must be a string, not a number"),
    ],
)
@pytest.mark.parametrize("fast", [True, False], ids=["libyaml", "ruamel"])
def test_malformed_glossary_errors_name_file_and_line(write_glossary, text, line, message, fast):
    path = write_glossary(text)
    with pytest.raises(GlossaryError) as caught:
        yamltext.parse_entries(path.read_text(encoding="utf-8"), path, fast=fast)
    assert caught.value.path == path
    assert caught.value.line == line, str(caught.value)
    assert message in str(caught.value)
    assert str(caught.value).startswith(f"{path}:{line}: ")


def test_missing_glossary_path_is_an_error(tmp_path):
    with pytest.raises(GlossaryError, match="no such file or folder"):
        load_glossaries([tmp_path / "missing.yaml"])


def test_latin1_glossary_is_an_error(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_bytes("- id: a\n  names: {en: Şuşa}\n".encode().replace(b"\xc5\x9e", b"\xe9"))
    with pytest.raises(GlossaryError, match="not UTF-8 text"):
        load_file(path)


def test_empty_glossary_file_has_no_entries(tmp_path: Path):
    path = tmp_path / "empty.yaml"
    path.write_text("# nothing yet\n", encoding="utf-8")
    assert len(load_file(path)) == 0


def test_latin1_glossary_error_does_not_say_skipped(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_bytes(b"- id: a\n  names: {en: Caf\xe9}\n")
    with pytest.raises(GlossaryError) as caught:
        load_glossaries([path])
    assert "skipped" not in str(caught.value)


def test_a_folder_without_glossary_files_is_an_error(tmp_path):
    (tmp_path / "notes.txt").write_text("x\n")
    with pytest.raises(OnomaError, match=f"no \\*.yaml files in {tmp_path}"):
        load_glossaries([tmp_path])


def test_each_file_is_loaded_once_however_it_is_named(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_text("- id: a\n  names: {en: A}\n", encoding="utf-8")
    glossary = load_glossaries([path, tmp_path, tmp_path / "." / "g.yaml"], builtin=False)
    assert [entry.id for entry in glossary] == ["a"]


def test_variants_written_as_a_string_load_as_one_item(write_glossary):
    [entry] = load_file(write_glossary("- id: a\n  names: {en: A}\n  variants: {en: Ay}\n"))
    assert entry.variants == {"en": ("Ay",)}
    assert entry.string_variants == ("en",)


@pytest.mark.parametrize("code", ["en", "az-Cyrl", "pt_BR", "sr-Latn-RS", "es-419", "de-CH-1996"])
def test_language_codes_accepted(code):
    assert LANG_CODE.match(code)


@pytest.mark.parametrize("code", ["xx_bad", "en-x", "en_", "EN", "english"])
def test_language_codes_refused(code):
    assert not LANG_CODE.match(code)


def test_entries_are_checked_by_the_same_rules_everywhere(write_glossary):
    path = write_glossary(SHUSHI)
    assert load_module.parse_entry is yamltext.parse_entry
    text = path.read_text(encoding="utf-8")
    assert yamltext.parse_entries(text, path) == load_file(path).entries


def test_an_entry_built_outside_yaml_has_the_line_it_is_given():
    entry = yamltext.parse_entry({"id": "a", "names": {"en": "A"}}, Path("a.csv"), 7)
    assert (entry.id, entry.type, entry.where()) == ("a", "other", "a.csv:7")
    with pytest.raises(GlossaryError) as caught:
        yamltext.parse_entry({"names": {"en": "A"}}, Path("a.csv"), 7)
    assert str(caught.value) == "a.csv:7: entry has no 'id'"


def test_builtins_of_a_source_checkout_are_editable():
    assert editable_builtin_dir() == builtin_glossary_dir().resolve()


@pytest.mark.parametrize(
    "folder",
    [
        Path("lib/site-packages/onoma/data/glossaries"),
        Path("lib/dist-packages/onoma/data/glossaries"),
        Path("missing"),
    ],
)
def test_builtins_elsewhere_are_not_editable(tmp_path, monkeypatch, folder):
    folder = tmp_path / folder
    if folder.name != "missing":
        folder.mkdir(parents=True)
    monkeypatch.setattr(load_module, "builtin_glossary_dir", lambda: folder)
    with pytest.raises(OnomaError) as caught:
        editable_builtin_dir()
    assert str(caught.value) == (
        f"{folder.resolve()}: the built-in glossaries are edited only in a source checkout, "
        "not in an installed onoma; pass --glossary FILE"
    )


YAML_12 = """
- id: "no"
  type: place
  names:
    en: No
    hy: 'Նո'
    ru: |
      Но
  variants:
    en: [yes, On, off, Shusha]
    ru:
      - Ноо
      - "Нo"
  case_sensitive: true
  note: >
    folded
    note
- id: b
  names: {en: 2020-01-02 x}
"""


def test_both_parsers_give_the_same_entries_and_lines(write_glossary):
    """The libyaml path reads YAML 1.2 like ruamel ("No" and "yes" are strings) and
    records the same line for every field."""
    path = write_glossary(YAML_12)
    text = path.read_text(encoding="utf-8")
    slow = yamltext.parse_entries(text, path)
    fast = yamltext.parse_entries(text, path, fast=True)
    assert fast == slow
    assert [e.lines for e in fast] == [e.lines for e in slow]
    assert [e.origin for e in fast] == [e.origin for e in slow]
    assert fast[0].variants["en"] == ("yes", "On", "off", "Shusha")
    assert fast[0].names["ru"] == "Но\n"
