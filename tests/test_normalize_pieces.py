"""A long text is normalized in pieces (bounded memory); the result must be the one the
whole text gives: the same text, replacements, lines and columns, and suggestions."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from onoma.glossary import load_glossaries
from onoma.normalize import pieces
from onoma.normalize.core import Normalizer
from onoma.normalize.pieces import EditList, piece_bounds

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def normalizer() -> Normalizer:
    return Normalizer(load_glossaries(), "en")


@pytest.fixture(scope="module")
def article() -> str:
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    single_line = " ".join(text.split())  # a file of one very long line
    return text * 3 + single_line * 3 + " Shusha and Hovhanissyan said. " * 40


@pytest.mark.parametrize("size", [64, 500, 4000])
def test_pieces_give_what_the_whole_text_gives(normalizer, article, monkeypatch, size: int):
    whole = normalizer.normalize(article)
    assert whole.changed and len(piece_bounds(article)) == 1
    monkeypatch.setattr(pieces, "PIECE", size)
    monkeypatch.setattr(pieces, "WINDOW", size)
    monkeypatch.setattr("onoma.normalize.core.piece_bounds", lambda text: piece_bounds(text, size))
    assert len(piece_bounds(article, size)) > 3
    cut = normalizer.normalize(article)
    assert cut.text == whole.text
    assert cut.changes == whole.changes
    assert cut.suggestions == whole.suggestions


@settings(max_examples=50, deadline=None)
@given(
    text=st.text(alphabet="ab .\nXY!։", max_size=400),
    size=st.integers(1, 50),
)
@example(text="X\n\n", size=1)  # a paragraph break at the very end made an empty piece
def test_pieces_cover_the_text_in_order(text: str, size: int):
    bounds = piece_bounds(text, size)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(bounds))
    assert all(start < end for start, end in bounds) or text == ""


def test_a_cut_never_falls_inside_a_word():
    text = ("word " * 50 + "Nagorno-Karabakh. Then ") * 20
    for start, _end in piece_bounds(text, 30)[1:]:
        assert text[start - 1] in " \n" and text[start] != " "


def test_edit_list_keeps_each_replacement_compactly():
    edits = EditList()
    for n in range(1000):
        edits.append(n * 10, "Shusha", "Shushi", "shushi", None)
    edits.append(20_000, "Hovhanissyan", "Hovhannisyan", "hovhannisyan", None)
    assert len(edits) == 1001 and len(edits._table) == 2
    assert edits[0] == (0, "Shusha", "Shushi", "shushi", None)
    assert edits[-1][0] == 20_000 and list(edits)[500][0] == 5000
    assert edits == list(edits)
