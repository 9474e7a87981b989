"""``onoma glossary fmt``: the canonical layout, comments kept, idempotence, errors."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from onoma.cli import app
from onoma.errors import GlossaryError
from onoma.glossary import builtin_glossary_dir
from onoma.glossary.document import parse_document
from onoma.glossary.fmt import emit_entry, format_text, scalar
from onoma.glossary.model import Entry
from onoma.glossary.yamltext import parse_entries

runner = CliRunner()

MESSY = """\
# File header
# second line

# about zeta
- names:   # names eol
    ru: Зета
    en: "Zeta"   # en eol
  id: zeta
  variants:
    en:
      # before items
      - Zetta  # item eol
      - 'Dzeta'
    hy: []
  note: |
    multi
    # not a comment
  # trailing of zeta

# section B

# about alpha
-
  id: alpha # id eol
  type: place
  names: {fr: "Alpha # x", en: Alpha, de: "yes"}
  review: false
  case_sensitive: true
# footer comment
"""

FORMATTED = """\
# File header
# second line

# section B

# about alpha
- id: alpha  # id eol
  type: place
  names:
    en: Alpha
    de: "yes"
    fr: "Alpha # x"
  case_sensitive: true
  review: false

# about zeta
- id: zeta
  type: other
  names:  # names eol
    en: Zeta  # en eol
    ru: Зета
  variants:
    # before items
    # item eol
    en: [Zetta, Dzeta]
  note: "multi\\n# not a comment\\n"
  # trailing of zeta

# footer comment
"""


def write(tmp_path: Path, text: str, name: str = "g.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_canonical_layout_keeps_every_comment():
    assert format_text(MESSY) == FORMATTED
    assert format_text(FORMATTED) == FORMATTED


def test_formatting_keeps_the_entries():
    before = {e.id: e for e in parse_entries(MESSY, "a.yaml")}
    after = {e.id: e for e in parse_entries(format_text(MESSY), "a.yaml")}
    assert before.keys() == after.keys()
    for key, entry in before.items():
        other = after[key]
        assert (entry.names, entry.note, entry.case_sensitive, entry.review) == (
            other.names,
            other.note,
            other.case_sensitive,
            other.review,
        )
        assert {k: v for k, v in entry.variants.items() if v} == other.variants


def test_builtin_glossaries_are_formatted():
    result = runner.invoke(app, ["glossary", "fmt", "--check", str(builtin_glossary_dir())])
    assert result.exit_code == 0, result.output


def test_check_diff_and_write(tmp_path):
    path = write(tmp_path, MESSY)
    result = runner.invoke(app, ["glossary", "fmt", "--check", str(path)])
    assert result.exit_code == 1
    assert f"would reformat {path}" in result.stderr
    assert path.read_text(encoding="utf-8") == MESSY

    result = runner.invoke(app, ["glossary", "fmt", "--diff", str(path)])
    assert result.exit_code == 0
    assert "+- id: alpha  # id eol" in result.stdout
    assert path.read_text(encoding="utf-8") == MESSY

    result = runner.invoke(app, ["glossary", "fmt", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == FORMATTED
    result = runner.invoke(app, ["glossary", "fmt", "--check", str(path)])
    assert result.exit_code == 0
    assert "0 of 1 file would be reformatted." in result.stderr


def test_crlf_and_bom_survive(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MESSY.replace("\n", "\r\n").encode("utf-8"))
    assert runner.invoke(app, ["glossary", "fmt", str(path)]).exit_code == 0
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data[3:].decode("utf-8") == FORMATTED.replace("\n", "\r\n")


def test_needs_paths():
    result = runner.invoke(app, ["glossary", "fmt"])
    assert result.exit_code == 2
    assert result.stderr == (
        "error: give the glossary files or folders to format, e.g. onoma glossary fmt glossaries/\n"
    )


def test_missing_file(tmp_path):
    missing = tmp_path / "nope.yaml"
    result = runner.invoke(app, ["glossary", "fmt", str(missing)])
    assert result.exit_code == 2
    assert result.stderr == f"error: {missing}: no such file or folder\n"


def test_malformed_glossary_is_reported_and_left_alone(tmp_path):
    bad = write(tmp_path, "- id: a\n  names: {en: [A\n", "bad.yaml")
    good = write(tmp_path, "- names: {en: B}\n  id: b\n", "good.yaml")
    result = runner.invoke(app, ["glossary", "fmt", str(bad), str(good)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {bad}:3: invalid YAML:")
    assert bad.read_text(encoding="utf-8") == "- id: a\n  names: {en: [A\n"
    assert good.read_text(encoding="utf-8") == "- id: b\n  type: other\n  names:\n    en: B\n"


def test_invalid_entry_names_file_and_line(tmp_path):
    path = write(tmp_path, "- id: a\n  type: city\n  names: {en: A}\n")
    result = runner.invoke(app, ["glossary", "fmt", str(path)])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"error: {path}:2: entry 'a': type 'city' is not one of person, place, organization, other"
    )


@pytest.mark.parametrize(
    "text",
    [
        "yes",
        "No",
        "null",
        "~",
        "12",
        "-3",
        "1.5",
        ".inf",
        "a: b",
        "a #b",
        "#x",
        "[x]",
        "x,y",
        "'q",
        '"q',
        "- x",
        " lead",
        "trail ",
        "tab\there",
        "new\nline",
        "a\u2028b",
        "\ufeffx",
        "&a",
        "*a",
        "!t",
        "%p",
        "@x",
        "`x",
        "{x}",
        "a\\b",
        "=",
        "<<",
        "x:y",
        "a\x85b",
        "\U0001f600",
    ],
)
def test_scalars_read_back(text):
    entry = Entry("id", "other", {"en": text}, {"en": (text, "b")}, note=text)
    [loaded] = parse_entries("\n".join(emit_entry(entry)) + "\n", "x.yaml")
    assert loaded.names["en"] == text
    assert loaded.variants["en"] == (text, "b")
    assert loaded.note == text


def test_plain_where_unambiguous():
    assert scalar("Karin Tak") == "Karin Tak"
    assert scalar("Արցախ") == "Արցախ"
    assert scalar("O'Brien") == "O'Brien"
    assert scalar("yes") == '"yes"'


printable = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00§")
text = st.text(printable, min_size=1, max_size=12).filter(lambda t: t.strip())
comment = st.builds(
    lambda n, t: f"# §{n} " + " ".join(t.split()),
    st.integers(0, 999),
    st.text(
        st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="§"),
        max_size=10,
    ),
)
MARKER = re.compile(r"§\d+")


@st.composite
def glossary_texts(draw) -> str:
    """Glossary YAML in a random layout: key order, flow or block lists, quoting style,
    comments, blank lines, indentation."""

    def q(value: str) -> str:
        if value.isprintable() and draw(st.booleans()):
            return "'" + value.replace("'", "''") + "'"
        return scalar(value)

    lines: list[str] = []
    if draw(st.booleans()):
        lines += [draw(comment), ""]
    ids = draw(st.lists(st.from_regex(r"[a-z][a-z0-9-]{0,6}", fullmatch=True), max_size=5))
    for entry_id in ids:
        if draw(st.booleans()):
            lines.append(draw(comment))
        langs = draw(
            st.lists(
                st.sampled_from(["en", "hy", "ru", "az", "de", "fr"]),
                min_size=1,
                max_size=3,
                unique=True,
            )
        )
        fields = {
            "id": [f"id: {entry_id}"],
            "names": ["names:"] + [f"  {lang}: {q(draw(text))}" for lang in langs],
        }
        if draw(st.booleans()):
            forms = draw(st.lists(text, min_size=1, max_size=3))
            if draw(st.booleans()):
                fields["variants"] = ["variants:", f"  en: [{', '.join(map(q, forms))}]"]
            else:
                fields["variants"] = ["variants:", "  en:"] + [f"    - {q(f)}" for f in forms]
        if draw(st.booleans()):
            fields["note"] = [f"note: {q(draw(text))}"]
        if draw(st.booleans()):
            fields["review"] = [f"review: {str(draw(st.booleans())).lower()}"]
        order = draw(st.permutations(list(fields)))
        body: list[str] = []
        for key in order:
            field_lines = list(fields[key])
            if draw(st.booleans()):
                body.append(draw(comment))
            if draw(st.booleans()):
                field_lines[0] += "  " + draw(comment)
            body += field_lines
        lines.append("- " + body[0])
        lines += ["  " + line for line in body[1:]]
        if draw(st.booleans()):
            lines.append("  " + draw(comment))
        lines += [""] * draw(st.integers(0, 2))
    if draw(st.booleans()):
        lines.append(draw(comment))
    if draw(st.booleans()):
        lines = ["  " + line if line else line for line in lines]
    return "\n".join(lines) + "\n"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(glossary_texts())
def test_fmt_is_idempotent_and_keeps_content(source):
    once = format_text(source)
    assert format_text(once) == once
    assert sorted(MARKER.findall(once)) == sorted(MARKER.findall(source))
    before = sorted(
        (e.id, sorted(e.names.items()), e.note or "") for e in parse_entries(source, "a")
    )
    after = sorted((e.id, sorted(e.names.items()), e.note or "") for e in parse_entries(once, "a"))
    assert before == after
    comments = sorted(parse_document(source, "a").comments)
    assert sorted(parse_document(once, "a").comments) == comments


def test_multiline_document_errors_are_glossary_errors():
    with pytest.raises(GlossaryError, match="a glossary must be a YAML list of entries"):
        format_text(textwrap.dedent("id: a\n"))


@pytest.mark.parametrize("separator", ["\u2028", "\x85"])
def test_line_separator_in_a_note_keeps_comments_in_place(tmp_path, separator):
    path = write(
        tmp_path,
        "- id: b\n  type: place\n  names:\n    en: B   # eol b\n"
        f'  note: "x{separator}y"\n  # trailing b\n\n'
        "# about a\n- id: a\n  type: place\n  names:\n    en: A  # eol a\n",
    )
    note = parse_entries(path.read_text(encoding="utf-8"), path)[0].note
    result = runner.invoke(app, ["glossary", "fmt", str(path)])
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == (
        "# about a\n- id: a\n  type: place\n  names:\n    en: A  # eol a\n\n"
        f"- id: b\n  type: place\n  names:\n    en: B  # eol b\n  note: {scalar(note)}\n"
        "  # trailing b\n"
    )


def test_a_format_that_loses_a_comment_is_not_written(tmp_path, monkeypatch):
    import onoma.glossary.fmt as fmt_module

    path = write(tmp_path, MESSY)
    real = fmt_module.format_document
    monkeypatch.setattr(
        fmt_module, "format_document", lambda doc: real(doc).replace("  # en eol", "")
    )
    result = runner.invoke(app, ["glossary", "fmt", str(path)])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"error: {path}: the edit would lose 1 comment; nothing was written"
    )
    assert path.read_text(encoding="utf-8") == MESSY


def test_a_format_that_changes_an_entry_is_not_written(tmp_path, monkeypatch):
    import onoma.glossary.fmt as fmt_module

    path = write(tmp_path, MESSY)
    real = fmt_module.format_document
    monkeypatch.setattr(
        fmt_module, "format_document", lambda doc: real(doc).replace("Zetta", "Zeta2")
    )
    for args in (["--check"], []):
        result = runner.invoke(app, ["glossary", "fmt", *args, str(path)])
        assert result.exit_code == 2
        assert result.stderr.splitlines()[0] == (
            f"error: {path}: the edit would change what the entries say; nothing was written"
        )
    assert path.read_text(encoding="utf-8") == MESSY
