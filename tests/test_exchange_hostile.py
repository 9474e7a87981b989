"""``onoma glossary export | import`` against hostile or mistaken input: deeply nested
TBX, an output that is an input glossary, ``-o -``, the configured glossaries, and
imported ids and forms that ``glossary lint`` would refuse."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from onoma.cli import app
from onoma.curate.exchange import import_glossary

runner = CliRunner()

HOUSE = """\
# The house glossary: comments matter.
- id: house-entry
  type: place
  names:
    en: Housetown
    hy: Հաուսթաուն
"""

OTHER = """\
- id: other-entry
  type: place
  names:
    en: Otherville
"""


def deep_tbx(levels: int) -> str:
    """A TBX whose only term has ``levels`` notes nested one in another."""
    return (
        '<martif type="TBX-Basic"><text><body><termEntry id="c1"><langSet xml:lang="en">'
        "<tig><term>Deep</term>"
        + "<note>x" * levels
        + "</note>" * levels
        + "</tig></langSet></termEntry></body></text></martif>"
    )


def onoma(*args: str):
    return runner.invoke(app, list(args))


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``tmp_path`` as the current folder, with no configuration file above it."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_tbx_nested_past_the_bound_is_refused_naming_the_file(here: Path) -> None:
    path = here / "deep.tbx"
    path.write_text(deep_tbx(100), encoding="utf-8")
    result = onoma("--isolated", "glossary", "import", str(path), "-o", "dd.yaml")
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"error: {path}:1: elements nested deeper than 32 levels")
    assert "Traceback" not in result.output
    assert not (here / "dd.yaml").exists()


def test_tbx_of_100000_levels_is_refused_at_once(here: Path) -> None:
    path = here / "deep.tbx"
    path.write_text(deep_tbx(100_000), encoding="utf-8")
    command = [sys.executable, "-m", "onoma", "--isolated", "glossary", "import", str(path)]
    start = time.monotonic()  # minutes before the bound (the tree walk was quadratic)
    done = subprocess.run([*command, "-o", "dd.yaml"], capture_output=True, text=True, timeout=30)
    assert time.monotonic() - start < 30
    assert done.returncode == 2
    assert done.stderr.startswith(f"error: {path}:1: elements nested deeper than 32")
    assert not (here / "dd.yaml").exists()


def test_tbx_nested_notes_are_read_once(tmp_path: Path) -> None:
    path = tmp_path / "nested.tbx"
    path.write_text(deep_tbx(20), encoding="utf-8")
    [entry] = import_glossary(path).entries
    assert entry.note == "en 'Deep': " + "x" * 20


def test_export_refuses_to_overwrite_its_glossary(here: Path) -> None:
    (here / "self.yaml").write_text(HOUSE, encoding="utf-8")
    result = onoma(
        "glossary", "export", "-g", "self.yaml", "--no-builtin", "-f", "csv", "-o", "self.yaml"
    )
    assert result.exit_code == 2
    assert result.stderr == (
        "error: self.yaml: is a glossary being exported; write the export to another file\n"
    )
    assert (here / "self.yaml").read_text(encoding="utf-8") == HOUSE


def test_export_refuses_a_glossary_of_a_folder_it_reads(here: Path) -> None:
    folder = here / "gdir"
    folder.mkdir()
    (folder / "x.yaml").write_text(HOUSE, encoding="utf-8")
    (folder / "y.yaml").write_text(OTHER, encoding="utf-8")
    (here / "hard.yaml").hardlink_to(folder / "y.yaml")
    for output in ("gdir/x.yaml", "gdir/../gdir/y.yaml", "hard.yaml"):
        result = onoma("glossary", "export", "-g", "gdir", "-f", "tbx", "-o", output)
        assert result.exit_code == 2, output
        assert result.stderr.startswith(f"error: {output}: is a glossary being exported")
    assert (folder / "x.yaml").read_text(encoding="utf-8") == HOUSE
    assert (folder / "y.yaml").read_text(encoding="utf-8") == OTHER


def test_export_dash_writes_to_standard_output(here: Path) -> None:
    (here / "g.yaml").write_text(HOUSE, encoding="utf-8")
    result = onoma("--isolated", "glossary", "export", "-g", "g.yaml", "--no-builtin", "-o", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("id,type,en,en_variants,hy,hy_variants")
    assert "house-entry,place,Housetown" in result.stdout
    assert not (here / "-").exists()


def test_import_dash_writes_the_yaml_to_standard_output(here: Path) -> None:
    (here / "t.csv").write_text("id,type,en\nabc,person,Abc\n", encoding="utf-8")
    result = onoma("glossary", "import", "t.csv", "-o", "-")
    assert result.exit_code == 0, result.output
    assert "- id: abc\n" in result.stdout
    assert "en: Abc" in result.stdout
    assert not (here / "-").exists()


def test_export_reads_the_configured_glossaries(here: Path) -> None:
    (here / "house.yaml").write_text(HOUSE, encoding="utf-8")
    (here / "other.yaml").write_text(OTHER, encoding="utf-8")
    (here / "onoma.toml").write_text('glossary = ["house.yaml"]\n', encoding="utf-8")
    configured = onoma("glossary", "export", "-f", "csv")
    assert configured.exit_code == 0, configured.output
    assert "\nhouse-entry,place," in configured.stdout
    assert "\nshushi," in configured.stdout  # built-in entries too
    replaced = onoma("glossary", "export", "-f", "csv", "-g", "other.yaml", "--no-builtin")
    assert "house-entry" not in replaced.stdout and "\nother-entry," in replaced.stdout
    (here / "onoma.toml").write_text('glossary = ["house.yaml"]\nno-builtin = true\n')
    only_house = onoma("glossary", "export", "-f", "csv")
    assert only_house.exit_code == 0, only_house.output
    assert only_house.stdout.splitlines()[1:] == [
        "house-entry,place,Housetown,,Հաուսթաուն,,false,false,"
    ]
    assert "house-entry" not in onoma("--isolated", "glossary", "export", "-f", "csv").stdout


def test_export_to_the_configured_glossary_is_refused(here: Path) -> None:
    (here / "house.yaml").write_text(HOUSE, encoding="utf-8")
    (here / "onoma.toml").write_text('glossary = ["house.yaml"]\n', encoding="utf-8")
    result = onoma("glossary", "export", "-f", "csv", "-o", "house.yaml")
    assert result.exit_code == 2
    assert (here / "house.yaml").read_text(encoding="utf-8") == HOUSE


def test_imported_tbx_id_that_is_not_one_word_is_made_valid(here: Path) -> None:
    (here / "ids.tbx").write_text(
        '<martif type="TBX-Basic"><text><body>'
        '<termEntry id="a&amp;b c/../.."><langSet xml:lang="en"><tig><term>Abc</term></tig>'
        "<tig><term>Abk</term><note>one</note><note>two</note></tig>"
        "</langSet></termEntry></body></text></martif>",
        encoding="utf-8",
    )
    result = onoma("glossary", "import", "ids.tbx", "-o", "ids.yaml")
    assert result.exit_code == 0, result.output
    assert (
        "note: entry 'a&b c/../..' (ids.tbx): the id is not one word of letters, digits, "
        "'-', '_' or '.'; made 'a-b-c-..-..'"
    ) in result.stderr
    text = (here / "ids.yaml").read_text(encoding="utf-8")
    assert "- id: a-b-c-..-..\n" in text
    lint = onoma("--isolated", "glossary", "lint", "-g", "ids.yaml", "--no-builtin")
    assert lint.exit_code == 0, lint.output


def test_imported_forms_lint_would_refuse_are_kept_with_a_warning(here: Path) -> None:
    (here / "bad.csv").write_text(
        'id,type,en,en_variants\nnl,person,"Line\nbreak",\nrlo,person,Ab\u202ec,Abc\n',
        encoding="utf-8",
    )
    result = onoma("glossary", "import", "bad.csv", "-o", "bad.yaml")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 2, result.stderr
    assert warnings[0].startswith("warning: bad.csv:2: entry 'nl': names.en 'Line\\nbreak'")
    assert warnings[0].endswith("kept, but glossary lint rejects it [whitespace]")
    assert warnings[1].startswith("warning: bad.csv:4: entry 'rlo': names.en 'Ab\\u202ec'")
    assert warnings[1].endswith("[bidi-control]")
    entries = {e.id: e for e in import_glossary(here / "bad.csv").entries}
    assert entries["nl"].names["en"] == "Line\nbreak"
    assert entries["rlo"].names["en"] == "Ab\u202ec"
