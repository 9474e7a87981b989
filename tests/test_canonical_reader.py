"""The line reader of canonical glossaries reads what libyaml reads, or steps aside."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onoma.errors import GlossaryError
from onoma.glossary.canonical import load_canonical
from onoma.glossary.fastyaml import LineDict, LineList, load_yaml_fast
from onoma.glossary.fmt import format_entries
from onoma.glossary.model import Entry
from onoma.glossary.yamltext import parse_entries

PATH = Path("g.yaml")


def shape(value: Any) -> Any:
    """A value with the line numbers of its containers, for comparing two readings."""
    if isinstance(value, LineDict):
        return (
            "map",
            value.lc.line,
            dict(value.lc.lines),
            [(k, shape(v)) for k, v in value.items()],
        )
    if isinstance(value, LineList):
        return ("seq", value.lc.line, list(value.lc.lines), [shape(v) for v in value])
    return (type(value).__name__, value)


def libyaml(text: str) -> Any:
    """libyaml's reading, or the error it reports."""
    try:
        return shape(load_yaml_fast(text, PATH))
    except GlossaryError as exc:
        return exc


def check_same(text: str) -> bool:
    """Whether the line reader read ``text``; when it did, libyaml read the same."""
    read = load_canonical(text)
    if read is None:
        return False
    assert shape(read) == libyaml(text)
    return True


ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=12)
LANGS = st.sampled_from(["en", "hy", "ru", "az", "de", "zh-Hant", "no"])


@st.composite
def entries(draw: st.DrawFn) -> list[Entry]:
    out = []
    for number in range(draw(st.integers(1, 4))):
        names = draw(st.dictionaries(LANGS, ANY_TEXT, min_size=1, max_size=3))
        variants = draw(st.dictionaries(LANGS, st.tuples(ANY_TEXT, ANY_TEXT), max_size=2))
        forms = draw(
            st.dictionaries(
                LANGS,
                st.dictionaries(st.sampled_from(["gen", "dat", "loc"]), ANY_TEXT, min_size=1),
                max_size=1,
            )
        )
        note = draw(st.none() | ANY_TEXT)
        out.append(
            Entry(
                draw(ANY_TEXT) + str(number),
                draw(st.sampled_from(["person", "place", "other"])),
                names,
                variants,
                note=note,
                case_forms=forms,
                gender=draw(st.sampled_from([None, "m", "f"])),
                case_sensitive=draw(st.booleans()),
            )
        )
    return out


@settings(max_examples=300, deadline=None)
@given(entries())
def test_formatted_glossaries_read_as_libyaml_reads_them(made: list[Entry]) -> None:
    text = format_entries(made)
    assert check_same(text)  # everything fmt writes is read by the line reader


# Lines as people write them, most canonical, some not: odd spacing, quotes of both
# kinds, comments, YAML values that are not strings, tabs, anchors, block lists.
KEYS = st.sampled_from(
    ["id", "type", "names", "variants", "note", "review", "en", "hy", "ru", "az", "no", "1", "gen"]
)
USUAL = st.sampled_from(
    [
        "Shushi", "Şuşa", "Шуши", "Շուշի", "O'Neil", "a\"b", '"quoted, with comma"', "'it''s'",
        '"\\u0041\\x42\\n\\\\"', "true", "False", "null", "~", "12", "0x1f", "1.5", "2024-05-01",
        "yes", "no", "x # c", "[a, b]", "[a , 'b' ,\"c\"]", "[]", "{gen: A, loc: B}", "{}",
        "a  b", "a ", "e.g. x", "x-y", "A.B.", "100%", "q?",
    ]
)  # fmt: skip
ODD = st.sampled_from(
    [
        '"\\e"', '"\\ud800"', "&a x", "*a", "!tag x", "a: b", "a #b", "[a, [b]]", "a\tb", "- a",
        "|", ">", "%x", "@x", "`x", "[a,]", "{a}", "'open", '"open', "a:b", "#x",
    ]
)  # fmt: skip
SCALARS = st.one_of(USUAL, USUAL, USUAL, ODD)
LINES = st.one_of(
    st.tuples(
        st.sampled_from(["", "  ", "    ", "   ", "- ", "  - ", "\t"]),
        KEYS,
        st.sampled_from([":", ": ", ":  "]),
        SCALARS | st.just(""),
    ).map("".join),
    st.sampled_from(
        ["", "# a comment", "    # indented", "---", "  - item", "- id: x", "\r", "..."]
    ),
)


SPACES = st.sampled_from([" ", " ", " ", "  "])
NOISE = st.sampled_from(["", "# a comment", "    # indented", "  ", "---", "  - item", "\t"])


def keys(draw: st.DrawFn) -> list[str]:
    """Keys of one mapping: different ones, but now and then one given twice."""
    drawn = draw(st.lists(KEYS, min_size=1, max_size=4, unique=True))
    return drawn + drawn[:1] if draw(st.integers(0, 15)) == 0 else drawn


def value(draw: st.DrawFn) -> str:
    return draw(SPACES) + draw(ODD if draw(st.integers(0, 25)) == 0 else USUAL)


@st.composite
def texts(draw: st.DrawFn) -> str:
    """Entries shaped as fmt writes them, each line's spacing and value drawn, with
    comments, blank lines and now and then a line of another shape."""
    lines = []
    for _ in range(draw(st.integers(1, 3))):
        for number, key in enumerate(keys(draw)):
            lead = "- " if number == 0 else "  "
            if number == 0 or draw(st.booleans()):
                lines.append(f"{lead}{key}:{value(draw)}")
            else:
                lines.append(f"{lead}{key}:" + draw(st.sampled_from(["", "  # c"])))
                lines.extend(f"    {inner}:{value(draw)}" for inner in keys(draw))
            if draw(st.integers(0, 8)) == 0:
                lines.append(draw(NOISE))
    return "\n".join(lines) + draw(st.sampled_from(["", "\n"]))


@settings(max_examples=1000, deadline=None)
@given(texts())
def test_any_text_it_reads_libyaml_reads_the_same(text: str) -> None:
    check_same(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(LINES, min_size=1, max_size=10))
def test_any_lines_it_reads_libyaml_reads_the_same(lines: list[str]) -> None:
    check_same("\n".join(lines))


@pytest.mark.parametrize(
    "text",
    [
        "- id: a\n  names:\n    en: A\n  names:\n    en: B\n",  # a key given twice
        "- id: a\n  names:\n    en: &n A\n  variants:\n    en: [*n]\n",  # anchor, alias
        "- id: a\n  names:\n    en: A\n  variants:\n    en:\n      - B\n",  # a block list
        "- id: a\n  note: one line\n    and the next\n",  # a multi-line plain scalar
        "- id: a\n  names:\n\ten: A\n",  # a tab
        "- id: a\n  names:\n  variants:\n    en: [B]\n",  # names: empty (null)
        "- id: a\r  names:\r    en: A\r",  # old Mac line breaks
        "%YAML 1.2\n---\n- id: a\n",  # a directive
        '- id: a\n  names: {en: A}\n  variants:\n    en: ["\\q"]\n',  # an unknown escape
        "# only a comment\n",
    ],
)
def test_what_it_does_not_read_goes_to_libyaml(text: str) -> None:
    assert load_canonical(text) is None


def test_windows_line_breaks_are_read() -> None:
    text = "- id: a\r\n  names:\r\n    en: A  # the name\r\n  variants:\r\n    en: [B, 'C']\r\n"
    assert check_same(text)


def test_errors_in_a_canonical_file_are_libyamls_errors() -> None:
    text = (
        "- id: a\n  type: person\n  names:\n    en: A\n\n"
        "- id: b\n  type: persn\n  names:\n    en: B\n"
    )
    assert load_canonical(text) is not None
    with pytest.raises(GlossaryError) as fast:
        parse_entries(text, PATH, fast=True)
    with pytest.raises(GlossaryError) as slow:
        parse_entries(text, PATH)  # the round-trip reader
    assert str(fast.value) == str(slow.value)
    assert fast.value.line == 7


@pytest.mark.parametrize("length", [1024, 1025])
def test_keys_past_libyamls_longest_go_to_libyaml(length: int) -> None:
    block = "- " + "k" * length + ": v\n"
    flow = "- id: a\n  names: {" + "é" * length + ": v}\n"
    for text in (block, flow):
        if length > 1024:
            assert load_canonical(text) is None
            assert isinstance(libyaml(text), GlossaryError)  # libyaml says what is wrong
        else:
            assert check_same(text)


@pytest.mark.parametrize("value", [".nan", ".NaN", "-.Inf"])
def test_plain_nan_and_infinity_are_numbers_not_names(value: str) -> None:
    text = f"- id: a\n  type: place\n  names:\n    en: {value}\n"
    for fast in (True, False):
        with pytest.raises(GlossaryError, match="must be a string, not a number"):
            parse_entries(text, PATH, fast=fast)


@pytest.mark.parametrize("value", ["0x_", "0b_", "+._", "._", "2024-02-30"])
def test_plain_values_shaped_like_numbers_but_none_are_their_text(value) -> None:
    text = f"- id: a\n  type: place\n  names:\n    en: A\n  variants:\n    en: [{value}]\n"
    assert load_canonical(text) is None or check_same(text)
    for fast in (True, False):  # libyaml's reading, and the round trip's
        (entry,) = parse_entries(text, PATH, fast=fast)
        assert entry.variants["en"] == (value,)


def test_plain_numbers_past_pythons_digit_limit_are_their_text() -> None:
    from onoma.glossary.fastyaml import resolve_plain

    assert resolve_plain("1" * 5000) == "1" * 5000
    assert resolve_plain("12") == 12
