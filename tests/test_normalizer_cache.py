"""The cached normalizer: the same results as one built from the glossaries, read
without building anything, rebuilt when a glossary changes, never trusted when corrupt,
bypassed on request, and never written for a glossary that cannot be used."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

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
