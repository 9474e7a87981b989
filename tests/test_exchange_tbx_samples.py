"""TBX files written by other tools: what onoma keeps, trims and reports."""

from __future__ import annotations

from pathlib import Path

from onoma.curate.exchange import import_glossary

SDL = Path(__file__).parent / "data" / "tbx" / "frameworks_tbx-core_samples_fromSDL_tbx.tbx"


def test_empty_terms_are_skipped_not_their_concepts() -> None:
    imported = import_glossary(SDL)
    assert len(imported.entries) == 223
    assert any("44 empty terms skipped" in note for note in imported.notes)


def test_terms_are_trimmed_and_counted() -> None:
    imported = import_glossary(SDL)
    forms = [f for e in imported.entries for f in e.names.values()]
    assert all(f == f.strip() for f in forms)
    assert any("spaces trimmed" in note for note in imported.notes)
