"""``onoma glossary add`` and ``merge``: edits that keep the rest of the file as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from test_glossary_fmt import MARKER, glossary_texts
from typer.testing import CliRunner

from onoma.cli import app
from onoma.errors import OnomaError
from onoma.glossary import add as add_module
from onoma.glossary import load_file
from onoma.glossary.edit import FileEdit, append_entry, save
from onoma.glossary.merge import merge_entries
from onoma.glossary.model import Entry, Glossary
from onoma.glossary.yamltext import parse_entries
from onoma.match import fold_case

runner = CliRunner()

PEOPLE = (
    "# Test people.   \n"
    + """\

# the real one
- id: hovhannisyan
  type: person
  names:
    en: Hovhannisyan
    hy: Հովհաննիսյան
  variants:
    en: [Hovhanisyan]   # common
  note: Surname.

# a duplicate made by mistake
- id: hovannisyan
  type: person
  names:
    en: Hovannisyan   # typo form
    ru: Ованнисян
  variants:
    en: [Hovhanisyan, Hovannissian, Artsakh]
  note: dup
  # trailing of dup

- id: zed
  type: other
  names:
    en: Zed
"""
)

MERGED = (
    "# Test people.   \n"
    + """\

# the real one
# merged from hovannisyan:
# a duplicate made by mistake
# typo form
# trailing of dup
# note: dup
- id: hovhannisyan
  type: person
  names:
    en: Hovhannisyan
    hy: Հովհաննիսյան
    ru: Ованнисян
  variants:
    en: [Hovhanisyan, Hovannisyan, Hovannissian]  # common
  note: Surname.

- id: zed
  type: other
  names:
    en: Zed
"""
)


def fake_transliterate(text: str, to: str, lang: str | None = None) -> str:
    return {"armn": "Ա" + text, "cyrl": "Б" + text, "latn": text}[to]


@pytest.fixture
def people(tmp_path: Path) -> Path:
    path = tmp_path / "people.yaml"
    path.write_text(PEOPLE, encoding="utf-8")
    return path


@pytest.fixture
def translit(monkeypatch):
    monkeypatch.setattr(add_module, "load_transliterate", lambda: fake_transliterate)


def run(*args: str):
    return runner.invoke(app, ["glossary", *args])


def test_merge_folds_forms_keeps_comments_and_reports(people):
    result = run("merge", "hovannisyan", "hovhannisyan", "-g", str(people))
    assert result.exit_code == 0, result.output
    assert people.read_text(encoding="utf-8") == MERGED
    assert result.stdout.splitlines() == [
        "moved: en 'Hovannisyan' → variant of 'hovhannisyan'",
        "moved: ru 'Ованнисян' → name of 'hovhannisyan'",
        "moved: en 'Hovannissian' → variant of 'hovhannisyan'",
        "skipped: en 'Hovhanisyan': 'hovhannisyan' has it already",
        "conflict: en 'Artsakh' left out: it is already a form of 'artsakh' "
        f"({load_file_where('artsakh')})",
    ]
    assert "the note of 'hovannisyan' is now a comment" in result.stderr


def load_file_where(entry_id: str) -> str:
    from onoma.glossary import load_glossaries

    entry = load_glossaries().get(entry_id)
    assert entry is not None
    return entry.where()


def test_merge_dry_run_writes_nothing(people):
    result = run("merge", "hovannisyan", "hovhannisyan", "-g", str(people), "--dry-run")
    assert result.exit_code == 0
    assert "-- id: hovannisyan" in result.stdout
    assert people.read_text(encoding="utf-8") == PEOPLE


def test_merge_across_files(tmp_path, people):
    other = tmp_path / "other.yaml"
    other.write_text("- id: ovanisyan\n  type: person\n  names:\n    en: Ovanisyan\n")
    result = run("merge", "ovanisyan", "zed", "-g", str(people), "-g", str(other))
    assert result.exit_code == 0, result.output
    assert other.read_text(encoding="utf-8") == ""
    zed = load_file(people).entries[-1]
    assert zed.variants == {"en": ("Ovanisyan",)}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope", "zed"], "error: no entry with id 'nope' in {path}\n"),
        (["zed", "nope"], "error: no entry with id 'nope' in {path}\n"),
        (["zed", "zed"], "error: cannot merge entry 'zed' into itself\n"),
    ],
)
def test_merge_errors_leave_the_file_alone(people, args, message):
    result = run("merge", *args, "-g", str(people))
    assert result.exit_code == 2
    assert result.stderr == message.format(path=people)
    assert people.read_text(encoding="utf-8") == PEOPLE


def test_merge_missing_glossary(tmp_path):
    missing = tmp_path / "missing.yaml"
    result = run("merge", "a", "b", "-g", str(missing))
    assert result.exit_code == 2
    assert result.stderr == f"error: {missing}: no such file or folder\n"


def test_merge_malformed_glossary(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("- id: a\n  names: [\n")
    result = run("merge", "a", "b", "-g", str(bad))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {bad}:3: invalid YAML:")
    assert bad.read_text() == "- id: a\n  names: [\n"


def test_add_appends_and_keeps_the_rest(people, translit):
    result = run("add", "Karapetyan", "--type", "person", "-g", str(people))
    assert result.exit_code == 0, result.output
    assert people.read_text(encoding="utf-8") == PEOPLE + (
        "\n- id: karapetyan\n  type: person\n  names:\n    en: Karapetyan\n"
        "    hy: ԱKarapetyan\n    ru: БKarapetyan\n    az: Karapetyan\n  review: true\n"
    )
    assert result.stderr == f"added 'karapetyan' to {people} (review: true).\n"


def test_add_goes_through_english_for_missing_pairs(tmp_path):
    def partial(text: str, to: str, lang: str | None = None) -> str:
        if (lang, to) == ("ru", "armn"):
            raise ValueError("no ru to armn")
        return {"latn": "Gyumri", "armn": "Գյումրի", "cyrl": text}[to]

    draft = add_module.draft_entry("Гюмри", "place", Glossary(), lang="ru", transliterate=partial)
    assert draft.entry.id == "gyumri"
    assert draft.entry.names == {"ru": "Гюмри", "en": "Gyumri", "hy": "Գյումրի", "az": "Gyumri"}
    assert draft.warnings == []


def test_add_from_armenian(tmp_path, translit):
    path = tmp_path / "new.yaml"
    result = run(
        "add", "Կարին", "--type", "place", "--lang", "hy", "--id", "karin", "-g", str(path)
    )
    assert result.exit_code == 0, result.output
    [entry] = load_file(path).entries
    assert entry.names == {"hy": "Կարին", "en": "Կարին", "ru": "БԿարին", "az": "Կարին"}
    assert entry.review


def test_add_without_translit_fills_the_given_language(people, monkeypatch):
    monkeypatch.setattr(add_module, "load_transliterate", lambda: None)
    result = run("add", "Karapetyan", "--type", "person", "-g", str(people))
    assert result.exit_code == 0
    entry = load_file(people).entries[-1]
    assert entry.names == {"en": "Karapetyan", "az": "Karapetyan"}
    assert "warning: no hy form: onoma.translit is not available" in result.stderr


def test_add_keeps_crlf_and_indentation(tmp_path, translit):
    path = tmp_path / "g.yaml"
    original = "  - id: a\r\n    names:\r\n      en: A\r\n"
    path.write_bytes(original.encode())
    result = run("add", "Bee", "--type", "other", "-g", str(path), "--no-builtin")
    assert result.exit_code == 0, result.output
    text = path.read_bytes().decode()
    assert text.startswith(original + "\r\n  - id: bee\r\n    type: other\r\n")
    assert [e.id for e in load_file(path).entries] == ["a", "bee"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Zeddy", "-t", "person", "--id", "zed"], "error: id 'zed' already exists ({path}:24)\n"),
        (
            ["Hovhanisyan", "--type", "person", "--id", "x"],
            "error: 'Hovhanisyan' (en) is already a form of 'hovhannisyan' ({path}:10)\n",
        ),
        (
            ["Foo", "--type", "city"],
            "error: type 'city' is not one of person, place, organization, other\n",
        ),
        (
            ["Foo", "--type", "person", "--id", "a b"],
            "error: cannot use 'a b' as an id; pass --id with one word such as 'karmir-shuka'\n",
        ),
        (
            ["Աբ", "--type", "person"],
            "error: 'Աբ' is written in Armenian, but en is written in "
            "Latin; pass the right --lang\n",
        ),
    ],
)
def test_add_refusals_leave_the_file_alone(people, translit, args, message):
    result = run("add", *args, "-g", str(people))
    assert result.exit_code == 2
    assert result.stderr == message.format(path=people)
    assert people.read_text(encoding="utf-8") == PEOPLE


def test_add_refuses_a_builtin_id(tmp_path, translit):
    path = tmp_path / "g.yaml"
    result = run("add", "Artsakhh", "--type", "place", "--id", "artsakh", "-g", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith("error: id 'artsakh' already exists (")
    result = run("add", "ARTSAKH", "--type", "place", "-g", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith("error: 'ARTSAKH' (en) is already a form of 'artsakh' (")
    assert not path.exists()


def test_add_other_type_needs_a_file(translit):
    result = run("add", "Foo", "--type", "other")
    assert result.exit_code == 2
    assert result.stderr == "error: no built-in glossary holds type 'other'; pass --glossary FILE\n"


def test_a_broken_edit_is_never_written(people):
    edit = FileEdit(people, PEOPLE, PEOPLE + "- id: [\n", expect_ids=("x",))
    with pytest.raises(OnomaError, match="the edit would break the file"):
        save([edit])
    assert people.read_text(encoding="utf-8") == PEOPLE


def test_an_edit_with_other_entries_is_never_written(people):
    edit = FileEdit(people, PEOPLE, PEOPLE, expect_ids=("x",))
    with pytest.raises(OnomaError, match="would not give the expected entries"):
        save([edit])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source=glossary_texts())
def test_append_keeps_every_byte_before_the_new_entry(tmp_path_factory, source):
    path = tmp_path_factory.mktemp("append") / "g.yaml"
    path.write_text(source, encoding="utf-8")
    new = Entry("zz-new", "place", {"en": "Zz New"}, review=True)
    edit = append_entry(path, new)
    save([edit])
    text = path.read_text(encoding="utf-8")
    assert text.startswith(source.rstrip())
    entries = load_file(path).entries
    assert [e.id for e in entries][-1] == "zz-new"
    assert len(entries) == len(parse_entries(source, path)) + 1


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source=glossary_texts())
def test_merge_keeps_comments_and_forms(tmp_path_factory, source):
    entries = parse_entries(source, "g.yaml")
    ids = list(dict.fromkeys(e.id for e in entries))
    assume(len(ids) >= 2 and len(ids) == len(entries))
    path = tmp_path_factory.mktemp("merge") / "g.yaml"
    path.write_text(source, encoding="utf-8")
    a, b = ids[0], ids[-1]
    result = merge_entries(Glossary(entries), [path], a, b)
    save(result.edits)
    merged = load_file(path).entries
    assert [e.id for e in merged] == ids[1:]
    assert sorted(MARKER.findall(path.read_text(encoding="utf-8"))) == sorted(
        MARKER.findall(source)
    )
    new_b = merged[-1]
    for lang, text, _ in next(e for e in entries if e.id == a).all_forms():
        kept = fold_case(text) in {fold_case(form) for form in new_b.forms(lang)}
        assert kept or any(f"{lang} {text!r} left out" in c for c in result.conflicts)
