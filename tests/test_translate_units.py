"""The pure parts of translation: layout, sentences, placeholders and checks (no model)."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onoma.glossary import load_glossaries
from onoma.glossary.model import Entry, Glossary
from onoma.translation.engine import MissingModelError, install_hint
from onoma.translation.entities import EntityMapper, count_forms
from onoma.translation.segment import parse_layout, split_sentences

MARKDOWN = """\
---
title: Shushi
---
# News from Shushi ##

Text that is
hard wrapped. Another sentence
over two lines.
> Quoted about Artsakh
> on two lines.

- item about Armenia
  continued
1. numbered Shushi

```python
print("Shushi")
```
| Name | Place |
|------|-------|
| Seyran | Shushi |
<!-- a comment
about Shushi -->
<div>
***
2020
Last line"""


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossaries()


def runs_of(text: str) -> list[str]:
    return [run.text for run in parse_layout(text).runs]


def test_layout_keeps_markdown_skeleton_and_finds_prose():
    layout = parse_layout(MARKDOWN)
    assert [r.text for r in layout.runs] == [
        "News from Shushi",
        "Text that is\nhard wrapped. Another sentence\nover two lines.",
        "Quoted about Artsakh\non two lines.",
        "item about Armenia\ncontinued",
        "numbered Shushi",
        "Name",
        "Place",
        "Seyran",
        "Shushi",
        "Last line",
    ]
    assert [r.line for r in layout.runs] == [4, 6, 9, 12, 14, 19, 19, 21, 21, 27]
    upper = layout.render([r.text.upper() for r in layout.runs])
    assert upper.splitlines()[:6] == [
        "---",
        "title: Shushi",
        "---",
        "# NEWS FROM SHUSHI ##",
        "",
        "TEXT THAT IS",
    ]
    assert 'print("Shushi")' in upper
    assert "| SEYRAN | SHUSHI |\n|------|-------|" not in upper
    assert "| NAME | PLACE |\n|------|-------|\n| SEYRAN | SHUSHI |" in upper
    assert "<!-- a comment\nabout Shushi -->" in upper
    assert "> QUOTED ABOUT ARTSAKH\n> ON TWO LINES." in upper
    assert "- ITEM ABOUT ARMENIA\n  CONTINUED" in upper
    assert upper.endswith("***\n2020\nLAST LINE")


def test_leading_date_header_is_kept_apart():
    layout = parse_layout(" date 2020-11-05 Armenia’s Defense Ministry said.\n\nMore.\n")
    assert [r.text for r in layout.runs] == ["Armenia’s Defense Ministry said.", "More."]
    assert layout.render(["X.", "Y."]) == " date 2020-11-05 X.\n\nY.\n"
    assert runs_of("Date: 2020-11-05\nText.") == ["Text."]
    # Only at the top, and only a known field with a date.
    assert runs_of("Text.\ndate 2020-11-05 more") == ["Text.\ndate 2020-11-05 more"]
    assert runs_of("In 2020-11-05 it rained.") == ["In 2020-11-05 it rained."]


def test_crlf_and_bom_free_text_round_trip():
    text = "One line\r\nsecond line\r\n\r\nNext\r\n"
    layout = parse_layout(text)
    assert layout.render([r.text for r in layout.runs]) == text


def test_longer_translation_of_wrapped_paragraph_is_rewrapped():
    text = "> short line\n> of text here\n"
    layout = parse_layout(text)
    out = layout.render(["a much longer translation of the text Karin Tak here"], ["Karin Tak"])
    lines = out.splitlines()
    assert all(line.startswith("> ") for line in lines)
    assert all(len(line) <= len("> of text here") + 10 for line in lines)
    assert "Karin Tak" in out  # never broken across lines
    no_wrap = layout.render(["a much longer translation"], wrap=[False])
    assert no_wrap == "> a much longer translation\n"


_PIECES = [*"ab #>-*+1.)|`~<>!\t\r\n Շ", "```", "---", "date 2020-11-05 ", "<!--", "-->"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_layout_round_trips_any_text(text):
    layout = parse_layout(text)
    assert layout.render([r.text for r in layout.runs]) == text
    assert all(r.text and r.text == r.text.strip() for r in layout.runs)


def test_sentences_are_spans_without_surrounding_space():
    text = "Hello there.  Second one!\nThird"
    spans = split_sentences(text, "en")
    assert [text[s:e] for s, e in spans] == ["Hello there.", "Second one!", "Third"]
    assert split_sentences("Привет. Как дела?", "ru") == [(0, 7), (8, 17)]


def test_placeholders_merge_adjacent_names_and_skip_existing_numbers(glossary):
    mapper = EntityMapper(glossary, "en", "hy")
    prepared = mapper.prepare("Artsakh President Arayik Harutyunyan visited Shushi [1].")
    assert prepared.masked == "[2] President [3] visited [4] [1]."
    assert [s.target for s in prepared.slots] == ["Արցախ", "Արայիկ Հարությունյան", "Շուշի"]
    assert prepared.entity_count == 4
    restored = mapper.restore(prepared, prepared.masked)
    assert restored == "Արցախ President Արայիկ Հարությունյան visited Շուշի [1]."
    assert mapper.check(prepared, restored).ok


def test_restore_drops_glued_endings_unless_the_source_had_them(glossary):
    mapper = EntityMapper(glossary, "en", "hy")
    prepared = mapper.prepare("Shushi-based troops met in Shushi.")
    assert prepared.masked == "[1]-based troops met in [2]."
    out = mapper.restore(prepared, "[1]-based զորքերը [2]-ում [ 2 ]ում")
    assert out is None  # [2] twice
    out = mapper.restore(prepared, "[1]-based զորքերը հանդիպեցին [ 2 ]-ում։")
    assert out == "Շուշի-based զորքերը հանդիպեցին Շուշի։"
    assert mapper.check(prepared, out).ok


def test_check_rejects_lost_repeated_and_fragmentary_output(glossary):
    mapper = EntityMapper(glossary, "en", "ru")
    prepared = mapper.prepare("Seyran Ohanyan visited Shushi.")
    assert mapper.restore(prepared, "Он посетил [2].") is None
    assert not mapper.check(prepared, None).ok
    doubled = mapper.restore(prepared, "[1] посетил [2], Шуши.")
    verdict = mapper.check(prepared, doubled)
    assert not verdict.ok and verdict.preserved == 3
    fragment = mapper.restore(prepared, "[1] посетил [2] [3")
    assert not mapper.check(prepared, fragment).ok
    good = mapper.restore(prepared, "[1] посетил [2].")
    assert good == "Сейран Оганян посетил Шуши." and mapper.check(prepared, good).ok


def test_fallback_pieces_and_join(glossary):
    mapper = EntityMapper(glossary, "en", "az")
    prepared = mapper.prepare("Armenia’s Defense Ministry said Shushi held.")
    pieces = mapper.pieces(prepared)
    assert pieces == ["", " ", " said ", " held."]
    joined = mapper.join(prepared, ["", " ", " dedi ", " saxladı."])
    assert joined == "Ermənistan Müdafiə Nazirliyi dedi Şuşa saxladı."
    assert mapper.check(prepared, joined).ok


def test_code_spans_and_urls_come_out_verbatim(glossary):
    mapper = EntityMapper(glossary, "en", "ru")
    prepared = mapper.prepare("Run `shushi --x` or see https://x.am/Shushi, Shushi.")
    assert prepared.masked == "Run [1] or see [2], [3]."
    assert prepared.entity_count == 1
    assert [s.target for s in prepared.slots] == ["`shushi --x`", "https://x.am/Shushi", "Шуши"]


def test_names_only_mode_leaves_variants_to_the_model(glossary):
    mapper = EntityMapper(glossary, "en", "ru", names_only=True)
    assert mapper.prepare("Shusha and Shushi").masked == "Shusha and [1]"


def test_all_caps_surface_gives_all_caps_target(glossary):
    mapper = EntityMapper(glossary, "en", "ru")
    assert mapper.prepare("SHUSHI").slots[0].target == "ШУШИ"


def test_missing_target_form_falls_back_and_is_reported():
    entry = Entry("gyumri", "place", {"en": "Gyumri", "hy": "Գյումրի"})
    mapper = EntityMapper(Glossary([entry]), "en", "ka")
    prepared = mapper.prepare("Gyumri.")
    assert prepared.slots[0].target  # a transliteration, or the name as written
    assert mapper.missing == {"gyumri": prepared.slots[0].target}


def test_count_forms_is_whole_word_and_longest_first():
    text = "Карин Так и Так, Такой"
    assert count_forms(text, ["Так", "Карин Так"]) == Counter({"Карин Так": 1, "Так": 1})


def test_missing_model_messages_name_the_install_command():
    assert install_hint("en", "az") == "onoma models install en az"
    assert install_hint("en", "hy").startswith("onoma models import-opus-mt ")
    assert "--from en --to hy" in install_hint("en", "hy")
    message = str(MissingModelError("ru", "hy", [("ru", "en"), ("en", "hy")]))
    assert "ru → hy" in message and "onoma models install ru en" in message
    assert "import-opus-mt" in message


def test_importing_translation_modules_loads_nothing_heavy():
    code = (
        "import sys, onoma.translation.api, onoma.translation.engine, onoma.translation.entities;"
        "import onoma.translation.segment;"
        "heavy = {'ctranslate2', 'sentencepiece', 'argostranslate', 'sentencex', 'torch'};"
        "print(sorted(heavy & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
