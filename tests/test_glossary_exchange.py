"""``onoma glossary export`` / ``import``: CSV, Google CSV, DeepL TSV, TBX; round trips."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from onoma.cli import app
from onoma.curate.exchange import ExchangeError, export_glossary, import_glossary
from onoma.curate.exchange.tables import escape_variant, split_variants
from onoma.glossary import load_file, load_glossaries
from onoma.glossary.fmt import format_entries
from onoma.glossary.model import ENTRY_TYPES, Entry, Glossary

runner = CliRunner()

SAMPLE = Glossary(
    [
        Entry(
            "shushi",
            "place",
            {"en": "Shushi", "hy": "Շուշի", "ru": "Шуши"},
            {"en": ("Shusha", "Shoushi"), "ru": ("Шуша",)},
            note="Town, 'Shusha' in az.",
        ),
        Entry("nato", "organization", {"en": "NATO", "ru": "НАТО"}, case_sensitive=True),
        Entry("x", "other", {"en": 'A|B, "C"'}, {"en": ("back\\slash", "p|ipe")}, review=True),
    ]
)


def same(a: Entry, b: Entry) -> bool:
    fields = ("id", "type", "names", "variants", "case_sensitive", "review", "note")
    return all(getattr(a, f) == getattr(b, f) for f in fields)


def round_trip(glossary: Glossary, fmt: str, tmp_path: Path) -> list[Entry]:
    """Export, import, write the YAML and load it back."""
    suffix = {"csv": ".csv", "tbx": ".tbx"}[fmt]
    exported = tmp_path / f"out{suffix}"
    exported.write_text(export_glossary(glossary, fmt).text, encoding="utf-8")
    imported = import_glossary(exported)
    yaml = tmp_path / "back.yaml"
    yaml.write_text(format_entries(imported.entries), encoding="utf-8")
    return load_file(yaml).entries


@pytest.mark.parametrize("fmt", ["csv", "tbx"])
def test_round_trip_sample(tmp_path, fmt):
    back = {e.id: e for e in round_trip(SAMPLE, fmt, tmp_path)}
    assert len(back) == len(SAMPLE)
    for entry in SAMPLE:
        assert same(entry, back[entry.id]), (entry, back[entry.id])


@pytest.mark.parametrize("fmt", ["csv", "tbx"])
def test_round_trip_builtin(tmp_path, fmt):
    glossary = load_glossaries()
    back = {e.id: e for e in round_trip(glossary, fmt, tmp_path)}
    assert all(same(entry, back[entry.id]) for entry in glossary)


form = st.text(
    st.characters(whitelist_categories=("L", "M", "N", "P", "S", "Zs")), min_size=1, max_size=10
).filter(lambda t: t.strip() and t == " ".join(t.split()))  # lint-clean: no stray spaces
langs = st.sampled_from(["en", "hy", "ru", "az", "de", "az-Cyrl"])


@st.composite
def entries(draw) -> Entry:
    names = draw(st.dictionaries(langs, form, min_size=1, max_size=3))
    variants = draw(
        st.dictionaries(langs, st.lists(form, min_size=1, max_size=3).map(tuple), max_size=2)
    )
    return Entry(
        draw(st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True)),
        draw(st.sampled_from(ENTRY_TYPES)),
        names,
        variants,
        case_sensitive=draw(st.booleans()),
        review=draw(st.booleans()),
        note=draw(st.none() | form),
    )


glossaries = st.lists(entries(), max_size=5, unique_by=lambda e: e.id).map(Glossary)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(glossary=glossaries)
@pytest.mark.parametrize("fmt", ["csv", "tbx"])
def test_round_trip_keeps_every_name_and_variant(tmp_path, fmt, glossary):
    back = {e.id: e for e in round_trip(glossary, fmt, tmp_path)}
    assert sorted(back) == sorted(e.id for e in glossary)
    for entry in glossary:
        assert same(entry, back[entry.id]), (entry, back[entry.id])


@given(st.lists(st.text(max_size=6), min_size=1, max_size=4))
def test_variant_cells_split_back(forms):
    forms = [f for f in forms if f] or ["a"]
    assert split_variants("|".join(escape_variant(f) for f in forms)) == forms


def test_google_csv_export_and_import(tmp_path):
    exported = export_glossary(SAMPLE, "google-csv")
    assert exported.text.splitlines()[0] == "en,hy,ru,description"
    assert exported.text.splitlines()[1] == "Shushi,Շուշի,Шуши,\"Town, 'Shusha' in az.\""
    assert "5 variants dropped: the layout has one term per language" in exported.warnings
    path = tmp_path / "g.csv"
    path.write_text(exported.text + "\n,,,\n", encoding="utf-8")
    imported = import_glossary(path)
    assert [e.names for e in imported.entries] == [e.names for e in SAMPLE]
    assert imported.entries[0].note == SAMPLE.entries[0].note
    assert [e.id for e in imported.entries] == ["shushi", "nato", "a-b-c"]


def test_google_csv_pos_column_is_reported(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("en,ru,pos\nBank,Банк,noun\n", encoding="utf-8")
    imported = import_glossary(path, "google-csv")
    assert imported.entries[0].names == {"en": "Bank", "ru": "Банк"}
    assert "pos column not mapped (1 row)" in imported.notes


def test_deepl_tsv_export_and_import(tmp_path):
    exported = export_glossary(SAMPLE, "tsv", "en", "ru")
    assert exported.text == "Shushi\tШуши\nShusha\tШуши\nShoushi\tШуши\nNATO\tНАТО\n"
    assert "1 entry without names in both en and ru left out" in exported.warnings
    path = tmp_path / "p.tsv"
    path.write_text(exported.text + "broken line\n", encoding="utf-8")
    imported = import_glossary(path, source="en", target="ru")
    shushi = imported.entries[0]
    assert shushi.names == {"en": "Shushi", "ru": "Шуши"}
    assert shushi.variants == {"en": ("Shusha", "Shoushi")}
    assert f"{path}:5: not a source<TAB>target pair; skipped" in imported.notes


def test_tsv_needs_a_language_pair():
    with pytest.raises(ExchangeError, match="the tsv format needs --from and --to"):
        export_glossary(SAMPLE, "tsv")


TBX_FOREIGN = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">
<martif type="TBX-Basic" xml:lang="en-US"><text><body>
  <termEntry id="c1">
    <descrip type="subjectField">geography</descrip>
    <transacGrp><transac type="transactionType">origination</transac></transacGrp>
    <langSet xml:lang="EN-US">
      <tig><term>Yerevan</term></tig>
      <tig><term>Erevan</term>
        <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
    </langSet>
    <langSet><tig><term>lost</term></tig></langSet>
  </termEntry>
  <termEntry><langSet xml:lang="ru"><ntig><termGrp><term>Гюмри</term></termGrp></ntig></langSet>
  </termEntry>
</body></text></martif>
"""


def test_tbx_import_maps_what_it_can_and_reports_the_rest(tmp_path):
    path = tmp_path / "foreign.tbx"
    path.write_text(TBX_FOREIGN, encoding="utf-8")
    imported = import_glossary(path)
    first, second = imported.entries
    assert (first.id, first.type, first.names, first.variants) == (
        "c1",
        "other",
        {"en-US": "Yerevan"},
        {"en-US": ("Erevan",)},
    )
    assert (second.id, second.names) == ("gyumri", {"ru": "Гюмри"})
    assert imported.notes == [
        "entry c1: 1 terms with no language skipped",
        "entry #2: no id; made 'gyumri'",
        "2 entries without a subjectField type made 'other'",
        "not mapped: 1 × descrip subjectField, 1 × transacGrp",
    ]


def test_tbx_v3_import(tmp_path):
    path = tmp_path / "v3.tbx"
    path.write_text(
        '<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Core" style="dca" xml:lang="en">'
        '<text><body><conceptEntry id="k"><langSec xml:lang="hy"><termSec><term>Կապան</term>'
        "</termSec></langSec></conceptEntry></body></text></tbx>",
        encoding="utf-8",
    )
    [entry] = import_glossary(path).entries
    assert (entry.id, entry.names) == ("k", {"hy": "Կապան"})


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE martif [<!ENTITY a "aaaa">]>',
        '<!DOCTYPE martif [<!ENTITY % p SYSTEM "http://example.invalid/x">]>',
    ],
)
@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "iso-8859-1"]
)
def test_tbx_with_entities_is_refused(tmp_path, doctype, encoding):
    path = tmp_path / "evil.tbx"
    declared = "" if encoding.startswith("utf") else f' encoding="{encoding}"'
    text = f'<?xml version="1.0"{declared}?>\n{doctype}\n<martif><text><body><termEntry id="e">'
    text += '<langSet xml:lang="en"><tig><term>&a;</term></tig></langSet>'
    text += "</termEntry></body></text></martif>"
    path.write_bytes(text.encode(encoding))
    result = runner.invoke(app, ["glossary", "import", str(path)])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"error: {path}: the file declares entities (")
    assert result.stderr.endswith("refused for safety\n")
    assert "aaaa" not in result.output


def test_billion_laughs_is_refused_before_any_expansion(tmp_path):
    path = tmp_path / "lol.tbx"
    lines = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10 if n > 1 else "&lol;" * 10}">'
        for n in range(1, 10)
    ]
    text = f"<?xml version='1.0'?>\n<!DOCTYPE martif [{''.join(lines)}]>\n<martif>&lol9;</martif>"
    path.write_bytes(text.encode("utf-16-le"))  # no byte-order mark
    result = runner.invoke(app, ["glossary", "import", str(path)])
    assert result.exit_code == 2
    assert "declares entities" in result.stderr and "lol" not in result.stdout


def test_tbx_not_well_formed(tmp_path):
    path = tmp_path / "bad.tbx"
    path.write_text("<martif>\n<text></martif>", encoding="utf-8")
    result = runner.invoke(app, ["glossary", "import", str(path)])
    assert result.exit_code == 2
    assert result.stderr == f"error: {path}:2: not well-formed XML (column 9)\n"


def test_csv_unknown_columns_exit_2_and_write_nothing(tmp_path):
    path = tmp_path / "in.csv"
    path.write_text("id,type,en,colour,en_variants,Notes\na,place,A,red,,\n", encoding="utf-8")
    out = tmp_path / "out.yaml"
    result = runner.invoke(app, ["glossary", "import", str(path), "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr == f"error: {path}: unknown columns 'colour', 'Notes' in the header\n"
    assert not out.exists()


def test_csv_bad_flag_and_bad_type(tmp_path):
    path = tmp_path / "in.csv"
    path.write_text("id,type,en,review\na,place,A,maybe\n", encoding="utf-8")
    with pytest.raises(ExchangeError, match=r"in.csv:2: review must be true or false, not 'maybe'"):
        import_glossary(path)
    path.write_text("id,type,en\na,city,A\n", encoding="utf-8")
    result = runner.invoke(app, ["glossary", "import", str(path)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {path}:2: entry 'a': type 'city' is not one of person, place, organization, "
        "other\n"
    )


def test_csv_import_reports_rows_it_cannot_map(tmp_path):
    path = tmp_path / "in.csv"
    path.write_text(
        "id,type,en,ru\n,place,Goris,\nb,place,,\nc,place,C,Ц,extra\n", encoding="utf-8"
    )
    imported = import_glossary(path)
    assert [e.id for e in imported.entries] == ["goris", "c"]
    assert imported.notes == [
        f"{path}:2: no id; made 'goris'",
        f"{path}:3: row without any name skipped",
        f"{path}:4: 1 cell past the header ignored",
    ]


def test_cli_export_import_files(tmp_path):
    glossary = tmp_path / "g.yaml"
    glossary.write_text(format_entries(SAMPLE.entries), encoding="utf-8")
    out = tmp_path / "g.tbx"
    result = runner.invoke(
        app, ["glossary", "export", "--no-builtin", "-g", str(glossary), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<martif type="TBX-Basic" xml:lang="en">'
    )
    back = tmp_path / "back.yaml"
    result = runner.invoke(app, ["glossary", "import", str(out), "-o", str(back)])
    assert result.exit_code == 0, result.output
    assert back.read_text(encoding="utf-8") == (
        "# Imported from g.tbx.\n\n" + glossary.read_text(encoding="utf-8")
    )
    lint = runner.invoke(app, ["glossary", "fmt", "--check", str(back)])
    assert lint.exit_code == 0


def test_cli_export_stdout_and_errors(tmp_path):
    result = runner.invoke(app, ["glossary", "export", "-f", "google-csv"])
    assert result.exit_code == 0
    assert result.stdout.startswith("en,hy,ru,az")
    assert "warning: " in result.stderr
    result = runner.invoke(app, ["glossary", "export", "-f", "xlsx"])
    assert result.exit_code == 2
    assert result.stderr == "error: unknown format 'xlsx' (formats: csv, google-csv, tsv, tbx)\n"
    result = runner.invoke(app, ["glossary", "import", str(tmp_path / "none.csv")])
    assert result.exit_code == 2
    assert result.stderr == f"error: {tmp_path / 'none.csv'}: no such file\n"
    odd = tmp_path / "terms.dat"
    odd.write_text("x")
    result = runner.invoke(app, ["glossary", "import", str(odd)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {odd}: cannot tell the format from the extension; pass --format "
        "(csv, google-csv, tsv, tbx)\n"
    )


@pytest.mark.parametrize(
    ("header", "rows", "message"),
    [
        (
            "id,type,en",
            ['a,place,"Alpha', "b,place,Beta"],
            "2: invalid CSV: a quoted field that starts on this line is never closed",
        ),
        (
            "en,ru",
            ['"Alpha,Альфа', "Beta,Бета"],
            "2: invalid CSV: a quoted field that starts on this line is never closed",
        ),
        (
            "id,type,en",
            ["a,place,A", "b,place," + "x" * 140_000],
            "3: invalid CSV: field larger than field limit (131072)",
        ),
        ("en,ru", ['"A"x,Б'], "2: invalid CSV: ',' expected after '\"'"),
    ],
)
def test_malformed_csv_is_an_error_naming_the_line(tmp_path, header, rows, message):
    path = tmp_path / "in.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    out = tmp_path / "out.yaml"
    result = runner.invoke(app, ["glossary", "import", str(path), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert result.stderr == f"error: {path}:{message}\n"
    assert not out.exists()


def test_a_language_named_like_a_column_is_refused(tmp_path):
    glossary = tmp_path / "g.yaml"
    glossary.write_text("- id: jakarta\n  names:\n    en: Jakarta\n    id: Jakarta\n")
    out = tmp_path / "out.csv"
    args = ["glossary", "export", "--no-builtin", "-g", str(glossary)]
    result = runner.invoke(app, [*args, "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {glossary}:1: language 'id' has the name of the column 'id' of onoma's CSV; "
        "write the language with a region (id-ID for Indonesian), or export as tbx\n"
    )
    assert not out.exists()
    result = runner.invoke(app, [*args, "-f", "google-csv"])
    assert result.exit_code == 0
    assert result.stdout.startswith("en,id\n")
    path = tmp_path / "in.csv"
    path.write_text("id,type,en,id_variants\na,place,A,B\n", encoding="utf-8")
    with pytest.raises(ExchangeError, match="unknown column 'id_variants' in the header"):
        import_glossary(path)


def test_counts_in_messages_agree_in_number(tmp_path):
    glossary = tmp_path / "g.yaml"
    glossary.write_text("- id: a\n  names:\n    en: Aa\n")
    out = tmp_path / "out.csv"
    result = runner.invoke(
        app, ["glossary", "export", "--no-builtin", "-g", str(glossary), "-o", str(out)]
    )
    assert result.stderr == f"exported 1 entry to {out} (csv).\n"
    back = tmp_path / "back.yaml"
    result = runner.invoke(app, ["glossary", "import", str(out), "-o", str(back)])
    assert result.stderr == f"imported 1 entry into {back}.\n"
