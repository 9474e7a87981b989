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
from onoma.lang.scripts import scripts_in
from onoma.normalize.core import Normalizer
from onoma.translation.cases import count_forms
from onoma.translation.engine import MissingModelError, install_hint
from onoma.translation.entities import (
    EntityMapper,
    target_script_code,
    verbatim_spans,
)
from onoma.translation.segment import parse_layout
from onoma.translation.sentences import split_sentences

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


_PIECES = [
    *"ab #>-*+1.)|`~<>!\\:\t\r\n\f\x85\u2028 Շ",
    "```",
    "---",
    "--|--",
    "    ",
    "date 2020-11-05 ",
    "<!--",
    "-->",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_layout_round_trips_any_text(text):
    layout = parse_layout(text)
    assert layout.render([r.text for r in layout.runs]) == text
    assert all(r.text and r.text == r.text.strip() for r in layout.runs)


def test_lines_end_at_newlines_only():
    text = "One\fpage\u2028and\x85more\nsecond line\n\nThird\x0bline\n"
    layout = parse_layout(text)
    assert [(r.text, r.line) for r in layout.runs] == [
        ("One\fpage\u2028and\x85more\nsecond line", 1),
        ("Third\x0bline", 4),
    ]
    assert layout.render([r.text for r in layout.runs]) == text


def test_hard_line_break_ends_a_run():
    text = "A first line that breaks  \nhere and a second line\\\nthat breaks again\nand goes on.\n"
    layout = parse_layout(text)
    assert [(r.text, r.line) for r in layout.runs] == [
        ("A first line that breaks", 1),
        ("here and a second line", 2),
        ("that breaks again\nand goes on.", 3),
    ]
    out = layout.render(["One much longer translated line", "Two", "Three that is longer now"])
    assert out == "One much longer translated line  \nTwo\\\nThree that is\nlonger now\n"
    # An escaped backslash is no break.
    assert [r.text for r in parse_layout("One\\\\\ntwo\n").runs] == ["One\\\\\ntwo"]


def test_indented_code_blocks_are_kept():
    text = (
        "    Shushi at the top\n"
        "Text about Shushi\n"
        "    continues the paragraph.\n"
        "\n"
        "    grep Shusha file\n"
        "\n"
        "\tShushi in code too\n"
        "  \tand here\n"
        "Prose again.\n"
    )
    layout = parse_layout(text)
    assert [(r.text, r.line) for r in layout.runs] == [
        ("Text about Shushi\ncontinues the paragraph.", 2),
        ("Prose again.", 9),
    ]
    assert layout.render(["X\nY", "Z"]) == (
        "    Shushi at the top\nX\n    Y\n\n    grep Shusha file\n\n"
        "\tShushi in code too\n  \tand here\nZ\n"
    )


def test_indented_lines_in_a_list_are_prose():
    text = "- item\n\n    more of the item\n\n1. next\n\tand more\n\nAfter.\n\n    code\n"
    assert runs_of(text) == ["item", "more of the item", "next\nand more", "After."]


def test_tables_are_found_by_their_delimiter_row():
    text = "Name | Place\n:--- | ---:\nSeyran | Shushi \\| Shusha\n\nA | B without a table\n"
    layout = parse_layout(text)
    assert [(r.text, r.line) for r in layout.runs] == [
        ("Name", 1),
        ("Place", 1),
        ("Seyran", 3),
        ("Shushi \\| Shusha", 3),
        ("A | B without a table", 5),
    ]
    out = layout.render([r.text.upper() for r in layout.runs])
    assert out == "NAME | PLACE\n:--- | ---:\nSEYRAN | SHUSHI \\| SHUSHA\n\nA | B WITHOUT A TABLE\n"
    # The header must have as many cells as the delimiter row; a rule is not a table.
    assert runs_of("A | B\n--- | --- | ---\n") == ["A | B"]
    assert runs_of("Title | x\n---\n") == ["Title | x"]


def test_fence_closes_only_on_a_bare_fence_line():
    text = (
        "```\n"
        "Shushi\n"
        "```python\n"
        "    ```\n"
        "`` ` ``\n"
        "Shushi\n"
        "````\n"
        "Prose after.\n"
        "~~~~\n"
        "~~~\n"
        "~~~~~ \n"
        "More prose.\n"
        "```not`a fence```\n"
    )
    assert runs_of(text) == ["Prose after.", "More prose.\n```not`a fence```"]


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


def test_restore_applies_glued_endings_unless_the_source_had_them(glossary):
    mapper = EntityMapper(glossary, "en", "hy")
    prepared = mapper.prepare("Shushi-based troops met in Shushi.")
    assert prepared.masked == "[1]-based troops met in [2]."
    out = mapper.restore(prepared, "[1]-based զորքերը [2]-ում [ 2 ]ում")
    assert out is None  # [2] twice
    cases: list[str] = []
    out = mapper.restore(prepared, "[1]-based զորքերը հանդիպեցին [ 2 ]-ում։", cases)
    assert out == "Շուշի-based զորքերը հանդիպեցին Շուշիում։"
    assert cases == ["loc"]  # the source's own "-based" is kept, not counted
    assert mapper.check(prepared, out).ok
    out = mapper.restore(prepared, "[1]-based զորքերը [2]-xyz։", cases)
    assert out == "Շուշի-based զորքերը Շուշի։"  # an ending that is no case is dropped
    assert cases[-1] == "base: ending not recognized"


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


def test_verbatim_spans_are_code_urls_and_e_mail_addresses():
    text = "Run `grep Shusha\nfile`, see https://x.am/Shusha. Mail me@shusha.am or `a`."
    spans = [text[s:e] for s, e in verbatim_spans(text)]
    assert spans == ["`grep Shusha\nfile`", "https://x.am/Shusha", "me@shusha.am", "`a`"]


def test_normalizing_leaves_kept_spans_alone(glossary):
    normalizer = Normalizer(glossary, "en")
    text = "Shusha: run `grep Shusha file` in Shusha and Shoushi."
    result = normalizer.normalize(text, verbatim_spans(text))
    assert result.text == "Shushi: run `grep Shusha file` in Shushi and Shushi."
    assert [(c.column, c.old) for c in result.changes] == [
        (1, "Shusha"),
        (35, "Shusha"),
        (46, "Shoushi"),
    ]
    assert normalizer.normalize(text).text.count("Shusha") == 0  # nothing kept by default


def test_names_only_mode_leaves_variants_to_the_model(glossary):
    mapper = EntityMapper(glossary, "en", "ru", names_only=True)
    assert mapper.prepare("Shusha and Shushi").masked == "Shusha and [1]"


def test_all_caps_surface_gives_all_caps_target(glossary):
    mapper = EntityMapper(glossary, "en", "ru")
    assert mapper.prepare("SHUSHI").slots[0].target == "ШУШИ"


def test_missing_target_form_is_transliterated_and_reported():
    mapper = EntityMapper(Glossary([Entry("gyumri", "place", {"en": "Gyumri"})]), "en", "ru")
    [slot] = mapper.prepare("Gyumri.").slots
    assert slot.target == "Гюмри" and scripts_in(slot.target) == {"Cyrillic"}
    assert mapper.missing == {"gyumri": "Гюмри"}


def test_missing_target_form_from_a_source_other_than_english():
    # Russian has no rules into Armenian script: through Latin, from Russian.
    mapper = EntityMapper(Glossary([Entry("gyumri", "place", {"ru": "Гюмри"})]), "ru", "hy")
    [slot] = mapper.prepare("Гюмри.").slots
    assert slot.target == "Գյումրի" and scripts_in(slot.target) == {"Armenian"}
    assert mapper.missing == {"gyumri": "Գյումրի"}


def test_missing_target_form_uses_each_form_with_its_own_language():
    # The source form is tried first, then English, then the others.
    entry = Entry("gyumri", "place", {"ru": "Гюмри", "hy": "Գյումրի"})
    assert EntityMapper(Glossary([entry]), "ru", "az").target_form(entry) == "Gyumri"
    entry = Entry("shushi", "place", {"en": "Shushi", "hy": "Շուշի"})
    assert EntityMapper(Glossary([entry]), "hy", "ru").target_form(entry) == "Шуши"
    # A form already in the target script is used as written.
    entry = Entry("gyumri", "place", {"hy": "Գյումրի", "en": "Gyumri"})
    assert EntityMapper(Glossary([entry]), "hy", "az").target_form(entry) == "Gyumri"


def test_an_azerbaijani_name_is_written_as_the_target_press_writes_it():
    entry = Entry("sheki", "place", {"az": "Şəki"})
    forms = {
        lang: EntityMapper(Glossary([entry]), "az", lang).target_form(entry)
        for lang in ("ru", "en", "hy")
    }
    assert forms == {"ru": "Шеки", "en": "Sheki", "hy": "Շաքի"}
    # The source language's form first: from Azerbaijani text, the Azerbaijani form.
    entry = Entry("ganja", "place", {"az": "Gəncə", "en": "Ganja"})
    assert EntityMapper(Glossary([entry]), "az", "ru").target_form(entry) == "Гянджа"


def test_missing_target_form_in_a_script_without_transliteration_stays_as_written():
    assert target_script_code("hy") == "armn" and target_script_code("az-Cyrl") == "cyrl"
    assert target_script_code("ka") is None  # Georgian: onoma.translit does not write it
    entry = Entry("gyumri", "place", {"en": "Gyumri", "hy": "Գյումրի"})
    assert EntityMapper(Glossary([entry]), "en", "ka").target_form(entry) == "Gyumri"


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
