"""TBX as other tools write and read it: every shipped sample imports, what onoma cannot
map is counted by kind, term-level notes are kept, terms two concepts share are reported,
ids that cannot start an XML name round-trip, and every export is valid TBX-Basic
(RelaxNG, with lxml)."""

from __future__ import annotations

from pathlib import Path

import pytest

from onoma.curate.exchange import export_glossary, import_glossary
from onoma.curate.exchange.tbx import entry_id_of, xml_id
from onoma.glossary import load_glossaries
from onoma.glossary.model import Entry, Glossary

DATA = Path(__file__).resolve().parent / "data" / "tbx"
SAMPLES = sorted(DATA.glob("frameworks_*.tbx"))


@pytest.fixture(scope="module")
def schema():
    etree = pytest.importorskip("lxml.etree")
    return etree.RelaxNG(etree.parse(str(DATA / "TBXBasicRNGV02.rng")))


def _valid(schema, text: str) -> bool:
    from lxml import etree

    return schema.validate(etree.fromstring(text.encode("utf-8")))


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem.split("samples_")[-1])
def test_every_shipped_sample_imports_and_exports_as_valid_tbx(schema, sample: Path):
    imported = import_glossary(sample, "tbx")
    assert imported.entries, imported.notes
    exported = export_glossary(Glossary(imported.entries), "tbx").text
    assert _valid(schema, exported), schema.error_log
    again = import_glossary_text(exported, sample.name)
    assert [e.names for e in again] == [e.names for e in imported.entries]


def import_glossary_text(text: str, name: str) -> list[Entry]:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_text(text, encoding="utf-8")
        return import_glossary(path, "tbx").entries


def test_the_builtin_glossary_exports_as_valid_tbx(schema):
    assert _valid(schema, export_glossary(load_glossaries(), "tbx").text), schema.error_log


@pytest.mark.parametrize("entry_id", ["26-commissars", "1991", "-x", "_ok", "shushi", "id-1"])
def test_ids_become_xml_names_and_come_back(schema, entry_id: str):
    name = xml_id(entry_id)
    assert name[0].isalpha() or name[0] == "_"
    assert entry_id_of(name) == entry_id
    entry = Entry(entry_id, "other", {"en": "Twenty-Six Commissars"})
    text = export_glossary(Glossary([entry]), "tbx").text
    assert _valid(schema, text), schema.error_log
    assert [e.id for e in import_glossary_text(text, "x.tbx")] == [entry_id]


TERM_FIELDS = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p>t</p>
</sourceDesc></fileDesc></martifHeader><text><body>
<termEntry id="a"><langSet xml:lang="en"><tig><term>Shushi</term>
<termNote type="partOfSpeech">noun</termNote><termNote type="termType">fullForm</termNote>
<note>the usage of the Armenian press</note></tig></langSet>
<langSet xml:lang="ru"><tig><term>Шуши</term><descrip type="context">в Шуши</descrip></tig>
</langSet></termEntry>
<termEntry id="b"><langSet xml:lang="en"><tig><term>shushi</term></tig></langSet></termEntry>
</body></text></martif>
"""


def test_term_fields_are_counted_notes_kept_and_shared_terms_reported(tmp_path):
    path = tmp_path / "fields.tbx"
    path.write_text(TERM_FIELDS, encoding="utf-8")
    imported = import_glossary(path, "tbx")
    first = imported.entries[0]
    assert first.note == "en 'Shushi': the usage of the Armenian press"
    [unmapped] = [n for n in imported.notes if n.startswith("not mapped:")]
    for kind in ("term termNote partOfSpeech", "term termNote termType", "term descrip context"):
        assert f"1 × {kind}" in unmapped
    assert any(n.startswith("term 'shushi' (en) is in 2 concepts: a, b") for n in imported.notes), (
        imported.notes
    )
