"""CSV exports cannot run as spreadsheet formulas, and escaping round-trips on import."""

from __future__ import annotations

import csv
import io

from hypothesis import given
from hypothesis import strategies as st

from onoma.curate.exchange import export_glossary, import_glossary
from onoma.curate.exchange.tables import escape_formula, unescape_formula
from onoma.glossary.model import Entry, Glossary

HOSTILE = Glossary(
    [
        Entry(
            "evil",
            "other",
            {"en": '=HYPERLINK("http://example.invalid","x")', "ru": "=cmd|' /C calc'!A0"},
            {"en": ("@SUM(1+1)", "+7 Gyumri", "-Yan", "'s-Hertogenbosch")},
            note="\tTab first",
        ),
        Entry("quote", "place", {"en": "'=already"}),
    ]
)


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def test_no_exported_cell_starts_like_a_formula():
    for fmt in ("csv", "google-csv"):
        cells = _cells(export_glossary(HOSTILE, fmt).text)
        assert cells, fmt
        assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")], fmt
        assert '\'=HYPERLINK("http://example.invalid","x")' in cells


def test_export_then_import_round_trips(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text(export_glossary(HOSTILE, "csv").text, encoding="utf-8")
    imported = import_glossary(path)
    back = {e.id: e for e in imported.entries}
    for entry in HOSTILE:
        assert (back[entry.id].names, back[entry.id].variants, back[entry.id].note) == (
            entry.names,
            entry.variants,
            entry.note,
        )
    assert not [n for n in imported.notes if "formula" in n]


def test_import_warns_about_formula_cells(tmp_path):
    path = tmp_path / "hand.csv"
    path.write_text(
        "id,type,en,en_variants\n"
        "a,place,Goris,\n"
        'b,place,"=HYPERLINK(""http://x"")",\n'
        "c,place,-Yan,+1\n"
        "d,place,Kapan,@x\n",
        encoding="utf-8",
    )
    imported = import_glossary(path)
    flagged = [n for n in imported.notes if "would run as a formula" in n]
    assert {n.split(":")[1] for n in flagged} == {"3", "4", "5"}
    assert all(
        n.startswith(f"{path}:") and n.endswith("kept as text (check where the file came from)")
        for n in flagged
    )
    assert {e.id: e.names["en"] for e in imported.entries}["b"] == '=HYPERLINK("http://x")'


def test_google_csv_import_strips_the_escape(tmp_path):
    path = tmp_path / "google.csv"
    path.write_text(export_glossary(HOSTILE, "google-csv").text, encoding="utf-8")
    names = sorted(e.names["en"] for e in import_glossary(path).entries)
    assert names == sorted(e.names["en"] for e in HOSTILE)


@given(st.text(max_size=8))
def test_escape_is_undone_by_unescape(cell):
    escaped = escape_formula(cell)
    assert unescape_formula(escaped) == cell
    assert not escaped.startswith(("=", "+", "-", "@", "\t", "\r"))
