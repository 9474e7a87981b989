"""``format_edit``: the checked edit that puts a glossary file in the canonical layout,
and how ``onoma glossary fmt`` saves it."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_glossary_fmt import FORMATTED, MESSY
from typer.testing import CliRunner

from onoma.cli import app
from onoma.errors import OnomaError
from onoma.glossary import fmt as fmt_module
from onoma.glossary.document import load_document, parse_document
from onoma.glossary.edit import format_edit, save
from onoma.text.files import BOM

runner = CliRunner()


def write(tmp_path: Path, text: str, name: str = "g.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_formatted_document_needs_no_edit():
    assert format_edit(parse_document(FORMATTED, "g.yaml")) is None


def test_the_edit_holds_the_canonical_text_and_the_sorted_entries():
    edit = format_edit(parse_document(MESSY, "g.yaml"))
    assert edit is not None
    assert (edit.path, edit.old, edit.new, edit.bom) == (Path("g.yaml"), MESSY, FORMATTED, False)
    assert edit.changed
    assert edit.expect_ids == ("alpha", "zeta")
    assert [entry.id for entry in edit.expect_entries or ()] == ["alpha", "zeta"]
    assert sorted(edit.expect_comments or ()) == sorted(parse_document(FORMATTED, "g").comments)
    assert "+- id: alpha  # id eol" in edit.diff()


def test_line_endings_and_bom_are_kept_and_saved(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_bytes(BOM.encode() + MESSY.replace("\n", "\r\n").encode())
    edit = format_edit(load_document(path))
    assert edit is not None
    assert edit.bom
    assert edit.new == FORMATTED.replace("\n", "\r\n")
    save([edit])
    assert path.read_bytes() == BOM.encode() + FORMATTED.replace("\n", "\r\n").encode()
    assert format_edit(load_document(path)) is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda text: text.replace("  # en eol", ""), "the edit would lose 1 comment"),
        (lambda text: text.replace("Zetta", "Zeta2"), "the edit would change what the entries"),
        (lambda text: text.replace("- id: zeta", "- id: zeta2"), "the edit would not give the"),
        (lambda text: text.replace("names:  #", "names: [#"), "the edit would break the file"),
    ],
)
def test_a_format_that_changes_the_glossary_is_refused(monkeypatch, change, message):
    real = fmt_module.format_document
    monkeypatch.setattr(fmt_module, "format_document", lambda doc: change(real(doc)))
    with pytest.raises(OnomaError) as caught:
        format_edit(parse_document(MESSY, "g.yaml"))
    assert str(caught.value).startswith(f"g.yaml: {message}")
    assert str(caught.value).endswith("; nothing was written")


def test_fmt_saves_each_file_on_its_own(tmp_path):
    locked = write(tmp_path, MESSY, "a.yaml")
    locked.chmod(0o444)
    broken = write(tmp_path, "- id: a\n  names: {en: A\n", "b.yaml")
    messy = write(tmp_path, MESSY, "c.yaml")
    result = runner.invoke(app, ["glossary", "fmt", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"error: {locked}: cannot write: read-only file",
        f"error: {broken}:3: invalid YAML: expected ',' or '}}', but got '<stream end>'",
        f"reformatted {messy}",
        "1 of 3 files reformatted, 2 failed.",
    ]
    assert locked.read_text(encoding="utf-8") == MESSY
    assert messy.read_text(encoding="utf-8") == FORMATTED
    assert locked.stat().st_mode & 0o777 == 0o444
