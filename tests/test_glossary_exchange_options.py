"""``onoma glossary export | import``: language pairs, and never overwriting the input."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from onoma.cli import app
from onoma.curate.exchange import ExchangeError, export_glossary, import_glossary
from onoma.glossary.model import Entry, Glossary

runner = CliRunner()

CSV = "id,type,en,en_variants,hy\na,person,Abc,Abk,Աբց\n"


def glossary_cmd(*args: str):
    return runner.invoke(app, ["glossary", *args])


def test_import_refuses_to_overwrite_its_input(tmp_path: Path):
    path = tmp_path / "t2.csv"
    path.write_text(CSV, encoding="utf-8")
    result = glossary_cmd("import", str(path), "-o", str(path))
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {path}: is the file being imported; write the glossary to another file\n"
    )
    assert path.read_text(encoding="utf-8") == CSV


def test_import_refuses_an_output_that_resolves_to_the_input(tmp_path: Path, monkeypatch):
    path = tmp_path / "t2.csv"
    path.write_text(CSV, encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(path)
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    for output in (str(link), "../t2.csv"):
        result = glossary_cmd("import", str(path), "-o", output)
        assert result.exit_code == 2, output
        assert path.read_text(encoding="utf-8") == CSV


def test_export_tsv_to_a_language_no_entry_has_is_an_error():
    result = glossary_cmd("export", "-f", "tsv", "--from", "en", "--to", "xx")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "error: --to xx: no entry has a name in 'xx' (languages: en, hy, ru, az)\n"
    )
    result = glossary_cmd("export", "-f", "tsv", "--from", "xx", "--to", "en")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --from xx: no entry has a name in 'xx'")


def test_export_tsv_without_any_entry_in_both_languages_is_an_error():
    glossary = Glossary(
        [Entry("a", "other", {"en": "A", "hy": "Ա"}), Entry("b", "other", {"ru": "Б"})]
    )
    with pytest.raises(ExchangeError, match="no entry has names in both hy and ru"):
        export_glossary(glossary, "tsv", "hy", "ru")


def test_export_tsv_warning_reads_well():
    glossary = Glossary(
        [Entry("a", "other", {"en": "A", "hy": "Ա"}), Entry("b", "other", {"en": "B"})]
    )
    exported = export_glossary(glossary, "tsv", "en", "hy")
    assert exported.text == "A\tԱ\n"
    assert exported.warnings == ["1 entry without names in both en and hy left out"]


@pytest.mark.parametrize("fmt", ["csv", "google-csv", "tbx"])
def test_from_and_to_with_another_format_are_refused(fmt):
    result = glossary_cmd("export", "-f", fmt, "--from", "en", "--to", "hy")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"error: --from/--to apply to -f tsv only, not to {fmt}\n"


def test_import_refuses_from_and_to_for_csv(tmp_path: Path):
    path = tmp_path / "t.csv"
    path.write_text(CSV, encoding="utf-8")
    result = glossary_cmd("import", str(path), "--to", "hy")
    assert result.exit_code == 2
    assert result.stderr == "error: --from/--to apply to -f tsv only, not to csv\n"


@pytest.mark.parametrize(
    ("source", "target", "message"),
    [
        ("en", "en", "--from and --to are both en"),
        ("en us", "hy", "--from: 'en us' is not a language code"),
    ],
)
def test_tsv_import_needs_two_language_codes(tmp_path: Path, source, target, message):
    path = tmp_path / "t.tsv"
    path.write_text("Abc\tԱբց\n", encoding="utf-8")
    with pytest.raises(ExchangeError, match=message):
        import_glossary(path, source=source, target=target)


def test_csv_keeps_a_language_with_a_region(tmp_path: Path):
    glossary = tmp_path / "br.yaml"
    glossary.write_text("- id: rio\n  type: place\n  names: {en: Rio, pt_BR: Rio de Janeiro}\n")
    out = tmp_path / "br.csv"
    result = glossary_cmd("export", "--no-builtin", "-g", str(glossary), "-o", str(out))
    assert result.exit_code == 0, result.output
    [entry] = import_glossary(out).entries
    assert entry.names == {"en": "Rio", "pt_BR": "Rio de Janeiro"}


def test_import_of_a_latin1_file_does_not_say_skipped(tmp_path: Path):
    path = tmp_path / "t.csv"
    path.write_bytes(b"id,type,en\na,person,Caf\xe9\n")
    result = glossary_cmd("import", str(path))
    assert result.exit_code == 2
    assert "not UTF-8 text" in result.stderr
    assert "skipped" not in result.stderr


def test_an_explicit_format_is_never_second_guessed(tmp_path: Path):
    path = tmp_path / "terms.csv"
    path.write_text("en,hy\nShushi,Շուշի\n", encoding="utf-8")
    onoma_csv = import_glossary(path, "csv")
    guessed = import_glossary(path)
    assert any("no id" in note for note in onoma_csv.notes)
    assert not any("no id" in note for note in guessed.notes)
    assert [e.names for e in onoma_csv.entries] == [e.names for e in guessed.entries]
