"""The cached normalizer: the same results as one built from the glossaries, read
without building anything, rebuilt when a glossary changes, never trusted when corrupt,
bypassed on request, and never written for a glossary that cannot be used."""

from __future__ import annotations

import json
from array import array
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onoma.errors import GlossaryError
from onoma.glossary import load_glossaries
from onoma.normalize import compiled
from onoma.normalize.core import Normalizer
from onoma.normalize.tables import LazyEntries, PatternTable

GLOSSARY = """\
- id: hovhannisyan
  type: person
  names: {en: Hovhannisyan, ru: Ованнисян}
  variants: {en: [Hovhanissyan, Hovannisyan], ru: [Оганесян]}
- id: shushi
  type: place
  names: {en: Shushi, ru: Шуши}
  variants: {en: [Shusha, Shoushi]}
- id: un
  type: organization
  names: {en: UN, ru: ООН}
  variants: {en: [U.N.]}
- id: karabakh
  type: place
  names: {en: Karabakh, ru: Карабах}
  variants: {ru: [Карабаг]}
  case_sensitive: true
"""

TEXTS = {
    "en": "Hovhanissyan went to Shoushi. The U.N. met in SHUSHA; un is French. "
    "Hovhannisian and Karabakh, karabakh. Hovannisyan's office.",
    "ru": "Оганесян приехал в Карабаг. Оганесяна видели у Оганесяну. Ованесян и Карабаха.",
}


@pytest.fixture
def glossary(tmp_path) -> Path:
    path = tmp_path / "g.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    return path


def _outcome(normalizer: Normalizer, text: str) -> tuple:
    result = normalizer.normalize(text)
    edits = [tuple(edit) for edit in result.edits] if result.edits else []
    return result.text, edits, [tuple(s) for s in result.suggestions]


def _built(glossary: Path, lang: str, **options) -> Normalizer:
    return Normalizer(load_glossaries([glossary], builtin=False), lang, **options)


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("fuzzy", [False, True])
def test_cached_normalizer_gives_the_same_results(cache_dir, glossary, lang, fuzzy):
    built = _built(glossary, lang, fuzzy=fuzzy)
    compiled.cached_normalizer([glossary], builtin=False, lang=lang, fuzzy=fuzzy)  # writes
    cached = compiled.cached_normalizer([glossary], builtin=False, lang=lang, fuzzy=fuzzy)
    assert isinstance(cached.matcher.patterns, PatternTable)  # read, not built
    assert _outcome(cached, TEXTS[lang]) == _outcome(built, TEXTS[lang])
    assert _outcome(built, TEXTS[lang])[1]  # the text does exercise replacements
    assert cached.languages == built.languages
    assert cached.ambiguous == built.ambiguous


def test_builtin_glossaries_and_style_layers(cache_dir):
    text = "Stepanakert and Khankendi, Shusha and Shushi, Martakert."
    for style in (None, "azerbaijani-press"):
        glossary = load_glossaries(style=style)
        built = Normalizer(glossary, "en")
        compiled.cached_normalizer(style=style)
        cached = compiled.cached_normalizer(style=style)
        assert _outcome(cached, text) == _outcome(built, text)


def test_second_run_builds_nothing(cache_dir, glossary, monkeypatch):
    compiled.cached_normalizer([glossary], builtin=False)
    assert len(list(cache_dir.glob("*.normalizer"))) == 1

    def refuse(*args, **kwargs):
        raise AssertionError("built again")

    monkeypatch.setattr(compiled, "_build", refuse)
    cached = compiled.cached_normalizer([glossary], builtin=False)
    entries = cached.matcher.patterns._entries
    assert isinstance(entries, LazyEntries) and not entries._made  # nothing decoded yet
    assert cached.normalize("Shoushi").text == "Shushi"
    assert len(entries._made) == 1  # only the entry named


def test_changed_glossary_gets_a_new_cache(cache_dir, glossary):
    compiled.cached_normalizer([glossary], builtin=False)
    glossary.write_text(GLOSSARY.replace("Shoushi", "Schuschi"), encoding="utf-8")
    cached = compiled.cached_normalizer([glossary], builtin=False)
    assert cached.normalize("Schuschi, Shoushi").text == "Shushi, Shoushi"
    assert len(list(cache_dir.glob("*.normalizer"))) == 2


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # truncated
        lambda data: data[:-10] + b"x" * 10,  # payload changed: the hash no longer matches
        lambda data: b'{"magic": "something else"}\n' + data.split(b"\n", 1)[1],
        lambda data: b"",
    ],
)
def test_damaged_cache_is_rebuilt(cache_dir, glossary, damage):
    compiled.cached_normalizer([glossary], builtin=False)
    (file,) = cache_dir.glob("*.normalizer")
    good = file.read_bytes()
    file.write_bytes(damage(good))
    assert compiled.cached_normalizer([glossary], builtin=False).normalize("Shoushi").text == (
        "Shushi"
    )
    assert file.read_bytes() == good


def test_payload_with_a_valid_hash_but_foreign_tables_is_rebuilt(cache_dir, glossary):
    compiled.cached_normalizer([glossary], builtin=False)
    (file,) = cache_dir.glob("*.normalizer")
    key = file.stem
    compiled.write_payload(
        cache_dir, file, key, b'[["small", 2]]\n{}', compiled.MAGIC, compiled.FORMAT
    )
    assert compiled.cached_normalizer([glossary], builtin=False).normalize("Shusha").text == (
        "Shushi"
    )


def test_no_cache_writes_nothing(cache_dir, glossary, monkeypatch):
    monkeypatch.setenv("ONOMA_NO_CACHE", "1")
    assert compiled.cached_normalizer([glossary], builtin=False).normalize("Shusha").text == (
        "Shushi"
    )
    assert not cache_dir.exists()


def test_unusable_glossary_is_never_cached(cache_dir, tmp_path):
    path = tmp_path / "clash.yaml"
    path.write_text(
        "- id: a\n  type: place\n  names: {en: Alpha}\n  variants: {en: [Same]}\n"
        "- id: b\n  type: place\n  names: {en: Beta}\n  variants: {en: [Same]}\n",
        encoding="utf-8",
    )
    for _ in range(2):
        with pytest.raises(GlossaryError):
            compiled.cached_normalizer([path], builtin=False)
    assert not list(cache_dir.glob("*.normalizer"))


def test_missing_glossary_is_reported_by_the_loader(cache_dir, tmp_path):
    with pytest.raises(GlossaryError, match="no such file"):
        compiled.cached_normalizer([tmp_path / "missing.yaml"], builtin=False)


def test_automaton_bytes_that_are_not_an_automaton_are_rebuilt(cache_dir, glossary):
    compiled.cached_normalizer([glossary], builtin=False)
    (file,) = cache_dir.glob("*.normalizer")
    payload = compiled.read_payload(file, file.stem, compiled.MAGIC, compiled.FORMAT)
    head, _, body = payload.partition(b"\n")
    size = json.loads(head)[0][1]  # the automaton comes first
    forged = head + b"\n" + b"\x01" * size + body[size:]  # a hash that matches, bad bytes
    compiled.write_payload(cache_dir, file, file.stem, forged, compiled.MAGIC, compiled.FORMAT)
    rebuilt = compiled.cached_normalizer([glossary], builtin=False)
    assert rebuilt.normalize("Shusha").text == "Shushi"


def test_old_caches_are_pruned(cache_dir, glossary, monkeypatch):
    from onoma.glossary import cache

    monkeypatch.setitem(cache.KEEP, ".normalizer", 2)
    for version in range(4):  # four edits of the glossary: four keys
        glossary.write_text(GLOSSARY + f"# edit {version}\n", encoding="utf-8")
        compiled.cached_normalizer([glossary], builtin=False)
    assert len(list(cache_dir.glob("*.normalizer"))) == 2
    # The current one is among those kept: the next run builds nothing.
    monkeypatch.setattr(compiled, "_build", lambda *a, **k: pytest.fail("built again"))
    assert compiled.cached_normalizer([glossary], builtin=False).normalize("Shusha").text == (
        "Shushi"
    )


def test_stems_of_the_forms_come_from_the_cache(cache_dir, glossary, monkeypatch):
    from onoma.lang import stems

    compiled.cached_normalizer([glossary], builtin=False, lang="ru")
    monkeypatch.setattr(stems, "_KNOWN_STEMS", {})
    stemmed: list[str] = []
    real = stems.stemmer_for

    def counting(lang: str):
        stem = real(lang)
        return None if stem is None else (lambda word: stemmed.append(word) or stem(word))

    monkeypatch.setattr(stems, "stemmer_for", counting)
    cached = compiled.cached_normalizer([glossary], builtin=False, lang="ru")
    cached.normalize("Ованесяна видели. Ованесян пришёл.")  # look-ups that need the test
    assert cached.spotter._grammar is not None
    assert "ованнисян" in stems._KNOWN_STEMS["ru"]
    assert "ованнисян" not in stemmed  # a glossary form: its stem was read, not computed


def test_entry_rows_read_back_across_batches_and_with_the_marker_in_a_name(tmp_path):
    """Rows are encoded in batches cut at a marker string: an entry holding that string,
    and entries on both sides of a batch's end, still read back as they were."""
    from onoma.normalize import tables

    lines = [
        f"- id: e{i}\n  names: {{en: Name{i}}}\n  variants: {{en: [Nme{i}]}}\n" for i in range(2100)
    ]
    lines[2047] = f"- id: odd\n  names: {{en: 'x{tables._ROW_BREAK}y'}}\n"
    path = tmp_path / "g.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    entries = list(load_glossaries([path], builtin=False, write_cache=False))
    pieces, paths = tables.entry_rows(entries)
    assert len(pieces) == 2  # 2,048 rows and 52
    rows = b"".join(pieces).decode("utf-8")[:-1].split("\n")
    lazy = LazyEntries(lambda: rows, [Path(p) for p in paths])
    assert len(lazy) == len(entries) == 2100
    for i in (0, 2046, 2047, 2048, 2099):
        assert lazy[i] == entries[i]
        assert lazy[i].lines == entries[i].lines
    assert lazy[2047].names["en"] == f"x{tables._ROW_BREAK}y"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(st.characters(blacklist_characters="\n"), max_size=6), max_size=9000))
def test_a_line_table_reads_each_line_of_a_section(lines):
    """A list section is written in pieces of whole lines; its line starts let a run
    read any one line as it was, across pieces."""
    from onoma.normalize.tables import LineTable, line_starts

    pieces = compiled._encoded(lines)
    starts = array("i")
    starts.frombytes(line_starts(pieces))
    table = LineTable(memoryview(b"".join(pieces)), starts)
    assert len(table) == len(lines)
    assert list(table) == lines
    if lines:
        assert table[-1] == lines[-1]


def test_a_line_table_reads_across_pieces():
    from onoma.normalize.tables import LineTable, line_starts

    lines = [f"{i}Ш" * (i % 3) for i in range(10_000)]
    pieces = compiled._encoded(lines)
    assert len(pieces) == 3
    starts = array("i")
    starts.frombytes(line_starts(pieces))
    table = LineTable(memoryview(b"".join(pieces)), starts)
    assert [table[i] for i in (0, 4095, 4096, 8191, 8192, 9999)] == [
        lines[i] for i in (0, 4095, 4096, 8191, 8192, 9999)
    ]
    assert list(table) == lines


def test_line_starts_that_do_not_fit_their_section_are_refused():
    from onoma.normalize.tables import LineTable

    with pytest.raises(ValueError):
        LineTable(memoryview(b"a\nb\n"), array("i", [1, 2]))
    with pytest.raises(ValueError):
        LineTable(memoryview(b"a\nb"), array("i", [0, 2]))
    with pytest.raises(ValueError):
        LineTable(memoryview(b""), array("i", [0]))


@settings(max_examples=150, deadline=None)
@given(
    st.frozensets(st.text(st.characters(blacklist_characters="\n"), max_size=4), max_size=40),
    st.lists(st.text(st.characters(blacklist_characters="\n"), max_size=4), max_size=30),
)
def test_sorted_lines_answer_as_the_set_they_hold(words, asked):
    """A cached set answers by bisection, then from a frozenset once asked often: the
    same answers either way, for any strings, in any script."""
    from onoma.normalize.tables import LineTable, SortedLines, line_starts

    pieces = compiled._encoded(sorted(words))
    starts = array("i")
    starts.frombytes(line_starts(pieces))
    table = SortedLines(LineTable(memoryview(b"".join(pieces)), starts))
    table.BISECTIONS = 10  # the switch comes within the asked words
    probes = [*asked, *words]
    assert [w in table for w in probes] == [w in words for w in probes]
    assert len(table) == len(words) and set(table) == words
    assert 3 not in table
