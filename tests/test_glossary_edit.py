"""``onoma glossary add`` and ``merge``: edits that keep the rest of the file as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from test_glossary_fmt import MARKER, glossary_texts
from typer.testing import CliRunner

from onoma.cli import app
from onoma.curate import add as add_module
from onoma.curate.ids import slug
from onoma.curate.merge import merge_entries
from onoma.errors import OnomaError
from onoma.glossary import load_file
from onoma.glossary.edit import FileEdit, append_entry, save
from onoma.glossary.model import Entry, Glossary
from onoma.glossary.yamltext import parse_entries
from onoma.lang.case import fold_case
from onoma.translit import TranslitError

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


@pytest.fixture
def people(tmp_path: Path) -> Path:
    path = tmp_path / "people.yaml"
    path.write_text(PEOPLE, encoding="utf-8")
    return path


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


def lint_errors(path: Path, entry_id: str) -> list[str]:
    """The lint errors on the lines of one entry, the file linted on its own."""
    from onoma.curate.lint import lint
    from onoma.glossary import load_glossaries

    glossary = load_glossaries([path], builtin=False)
    entry = glossary.get(entry_id)
    assert entry is not None and entry.origin is not None
    lines = range(entry.origin.line, max(entry.lines.values()) + 1)
    return [
        str(p)
        for p in lint(glossary)
        if p.severity == "error" and int(p.where.rpartition(":")[2]) in lines
    ]


def test_add_appends_and_keeps_the_rest(people):
    result = run("add", "Zakaryan", "--type", "person", "-g", str(people))
    assert result.exit_code == 0, result.output
    assert people.read_text(encoding="utf-8") == PEOPLE + (
        "\n- id: zakaryan\n  type: person\n  names:\n    en: Zakaryan\n"
        "    hy: Զաքարյան\n    ru: Закарян\n  review: true\n"
    )
    assert "warning: no az form" in result.stderr
    assert lint_errors(people, "zakaryan") == []


def test_add_inserts_where_fmt_puts_it(tmp_path):
    path = tmp_path / "g.yaml"
    for name in ("Zzvan", "Aabik", "Mmor"):
        assert run("add", name, "-t", "place", "-g", str(path), "--no-builtin").exit_code == 0
    assert [e.id for e in load_file(path).entries] == ["aabik", "mmor", "zzvan"]
    assert run("fmt", "--check", str(path)).exit_code == 0
    assert all("az" not in e.names for e in load_file(path).entries)


def test_add_goes_through_english_for_missing_pairs(tmp_path):
    def partial(text: str, to: str, lang: str | None = None) -> str:
        if (lang, to) == ("ru", "armn"):
            raise TranslitError("no ru to armn")
        return {"latn": "Gyumri", "armn": "Գյումրի", "cyrl": text}[to]

    draft = add_module.draft_entry("Гюмри", "place", Glossary(), lang="ru", transliterate=partial)
    assert draft.entry.id == "gyumri"
    assert draft.entry.names == {"ru": "Гюмри", "en": "Gyumri", "hy": "Գյումրի"}
    assert draft.warnings == [
        "no az form: onoma has no transliteration into Azerbaijani spelling; "
        "add the az name by hand"
    ]


def test_add_from_armenian(tmp_path):
    path = tmp_path / "new.yaml"
    result = run("add", "Կարին", "--type", "place", "--lang", "hy", "-g", str(path))
    assert result.exit_code == 0, result.output
    [entry] = load_file(path).entries
    assert entry.id == "karin"
    assert entry.names == {"hy": "Կարին", "en": "Karin", "ru": "Карин"}
    assert entry.review
    assert lint_errors(path, "karin") == []


def test_add_leaves_out_a_draft_in_the_wrong_script():
    def mixed(text: str, to: str, lang: str | None = None, scheme: str | None = None) -> str:
        return {"latn": "Seki", "armn": "Սəկի", "cyrl": "Шеки"}[to]

    draft = add_module.draft_entry("Şəki", "place", Glossary(), lang="az", transliterate=mixed)
    assert draft.entry.id == "seki"
    assert draft.entry.names == {"az": "Şəki", "en": "Seki", "ru": "Шеки"}
    assert draft.warnings == ["no hy form: the draft 'Սəկի' has Latin letters, not only Armenian"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Şəki", "seki"),
        ("Əliyev Ağdam", "eliyev-agdam"),
        ("Հովհաննիսյան", "hovhannisyan"),
        ("Гюмри", "gyumri"),
        ("Karin Tak", "karin-tak"),
    ],
)
def test_slug_folds_every_script_to_ascii(name, expected):
    assert slug(name) == expected


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_add_keeps_the_line_endings_and_indentation(tmp_path, newline):
    path = tmp_path / "g.yaml"
    original = "  - id: a\n    names:\n      en: A\n".replace("\n", newline)
    path.write_bytes(original.encode())
    result = run("add", "Bee", "--type", "other", "-g", str(path), "--no-builtin")
    assert result.exit_code == 0, result.output
    text = path.read_bytes().decode()
    added = "\n  - id: bee\n    type: other\n".replace("\n", newline)
    assert text.startswith(original + added)
    assert text.count(newline) == text.count("\r") + text.count("\n") - text.count("\r\n")
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
def test_add_refusals_leave_the_file_alone(people, args, message):
    result = run("add", *args, "-g", str(people))
    assert result.exit_code == 2
    assert result.stderr == message.format(path=people)
    assert people.read_text(encoding="utf-8") == PEOPLE


def test_add_refuses_a_builtin_id(tmp_path):
    path = tmp_path / "g.yaml"
    result = run("add", "Artsakhh", "--type", "place", "--id", "artsakh", "-g", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith("error: id 'artsakh' already exists (")
    result = run("add", "ARTSAKH", "--type", "place", "-g", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith("error: 'ARTSAKH' (en) is already a form of 'artsakh' (")
    assert not path.exists()


def test_add_other_type_needs_a_file():
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


@pytest.fixture
def installed_builtins(tmp_path, monkeypatch) -> Path:
    """The built-in glossaries as an installed package has them, in site-packages."""
    import shutil

    from onoma.glossary import builtin_glossary_dir
    from onoma.glossary import load as load_module

    folder = tmp_path / "lib" / "site-packages" / "onoma" / "data" / "glossaries"
    shutil.copytree(builtin_glossary_dir(), folder)
    monkeypatch.setattr(load_module, "builtin_glossary_dir", lambda: folder)
    return folder.resolve()


@pytest.mark.parametrize(
    "args", [["add", "Foo Barian", "-t", "person"], ["merge", "shushi", "artsakh"]]
)
def test_installed_builtins_are_not_edited(installed_builtins, args):
    before = {p: p.read_bytes() for p in installed_builtins.rglob("*.yaml")}
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {installed_builtins}: the built-in glossaries are edited only in a source "
        "checkout, not in an installed onoma; pass --glossary FILE\n"
    )
    assert {p: p.read_bytes() for p in installed_builtins.rglob("*.yaml")} == before


def test_builtins_of_a_source_checkout_are_edited():
    from onoma.glossary import builtin_glossary_dir

    result = run("add", "Foo Barian", "-t", "person", "--dry-run")
    assert result.exit_code == 0, result.output
    assert f"+++ {builtin_glossary_dir().resolve() / 'people.yaml'}" in result.stdout
    assert "+- id: foo-barian" in result.stdout


@pytest.mark.parametrize("separator", ["\u2028", "\x85", "\u2029"])
def test_merge_with_a_line_separator_in_a_note(tmp_path, separator):
    path = tmp_path / "g.yaml"
    text = (
        "- id: a\n  names:\n    en: Aa  # eol a\n"
        f'  note: "x{separator}y"\n  # trailing a\n\n'
        "# about b\n- id: b\n  names:\n    en: Bb\n    ru: Бб  # eol b\n"
    )
    path.write_text(text, encoding="utf-8")
    note = load_file(path).entries[0].note  # a NEL in quotes reads as a folded line break
    result = run("merge", "a", "b", "-g", str(path), "--no-builtin")
    assert result.exit_code == 0, result.output
    [entry] = load_file(path).entries
    assert entry.names == {"en": "Bb", "ru": "Бб"}
    assert entry.variants == {"en": ("Aa",)}
    assert entry.note == note
    lines = path.read_text(encoding="utf-8").splitlines()
    for comment in ("# eol a", "# trailing a", "# about b"):
        assert comment in lines
    assert "    ru: Бб  # eol b" in lines


def test_form_index_finds_the_first_entry_of_each_form():
    a = Entry("a", "place", {"en": "Shushi"}, {"en": ("Shusha",)})
    b = Entry("b", "place", {"en": "SHUSHA", "ru": "Шуша"})
    index = Glossary([a, b]).form_index()
    assert index[("en", fold_case("shusha"))] == (a, "variants.en.0")
    assert index[("ru", fold_case("шуша"))] == (b, "names.ru")
    assert ("ru", fold_case("shusha")) not in index


def test_merging_away_the_last_entry_leaves_a_formatted_file(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_text(
        "- id: a\n  type: person\n  names:\n    en: Abe\n\n"
        "- id: b\n  type: person\n  names:\n    en: Abbe\n",
        encoding="utf-8",
    )
    result = run("merge", "b", "a", "-g", str(path), "--no-builtin")
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8").endswith("    en: Abe\n  variants:\n    en: [Abbe]\n")
    assert run("fmt", "--check", str(path)).exit_code == 0
