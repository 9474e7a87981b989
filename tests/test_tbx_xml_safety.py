"""TBX import refuses entity declarations in every encoding expat reads (UTF-8 and
UTF-16 with or without a byte-order mark, or a declared encoding)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from onoma.cli import app
from onoma.curate.exchange import import_glossary

runner = CliRunner()

BODY = (
    '<martif type="TBX-Basic"><text><body><termEntry id="c1">'
    '<langSet xml:lang="en"><tig><term>{term}</term></tig></langSet>'
    "</termEntry></body></text></martif>"
)
INJECTED = '<!DOCTYPE martif [<!ENTITY e "Injected">]>' + BODY.format(term="&e;")
LAUGHS = (
    '<!DOCTYPE martif [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 6)
    )
    + "]>"
    + BODY.format(term="&lol5;")
)
# (codec, BOM to prepend, declared encoding or None)
ENCODINGS = [
    ("utf-8", b"", None),
    ("utf-8", b"\xef\xbb\xbf", "UTF-8"),
    ("utf-16-le", b"", None),
    ("utf-16-le", b"", "UTF-16"),
    ("utf-16-le", b"\xff\xfe", "UTF-16"),
    ("utf-16-be", b"", None),
    ("utf-16-be", b"\xfe\xff", "UTF-16"),
    ("iso-8859-1", b"", "ISO-8859-1"),
]


def _encode(document: str, codec: str, bom: bytes, declared: str | None) -> bytes:
    head = f'<?xml version="1.0" encoding="{declared}"?>\n' if declared else ""
    return bom + (head + document).encode(codec)


@pytest.mark.parametrize(("codec", "bom", "declared"), ENCODINGS)
@pytest.mark.parametrize("document", [INJECTED, LAUGHS], ids=["injected", "laughs"])
def test_entities_refused_in_every_encoding(tmp_path, codec, bom, declared, document):
    path = tmp_path / "evil.tbx"
    path.write_bytes(_encode(document, codec, bom, declared))
    result = runner.invoke(app, ["glossary", "import", str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {path}: the file declares entities (")
    assert "Injected" not in result.output and "lollol" not in result.output


@pytest.mark.parametrize(("codec", "bom", "declared"), ENCODINGS)
def test_plain_tbx_reads_in_every_encoding(tmp_path, codec, bom, declared):
    path = tmp_path / "plain.tbx"
    path.write_bytes(_encode(BODY.format(term="Ëjmiatsin"), codec, bom, declared))
    [entry] = import_glossary(path).entries
    assert entry.names == {"en": "Ëjmiatsin"}


def test_external_doctype_without_subset_is_read(tmp_path):
    path = tmp_path / "dtd.tbx"
    path.write_text(
        '<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">' + BODY.format(term="Goris"),
        encoding="utf-8",
    )
    [entry] = import_glossary(path).entries
    assert entry.names == {"en": "Goris"}


def test_entity_declared_in_external_subset_reference_is_not_expanded(tmp_path):
    path = tmp_path / "ref.tbx"
    path.write_text(
        '<!DOCTYPE martif SYSTEM "x.dtd">' + BODY.format(term="&undeclared;"), encoding="utf-8"
    )
    result = runner.invoke(app, ["glossary", "import", str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {path}:1: not well-formed XML")
