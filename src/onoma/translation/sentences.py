"""Sentences of a paragraph, split offline by sentencex: the units the model translates
and the checks judge."""

from __future__ import annotations


def split_sentences(text: str, lang: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of ``text``, whitespace between them excluded."""
    from sentencex import segment

    spans: list[tuple[int, int]] = []
    cursor = 0
    for sentence in segment(lang, text):
        stripped = sentence.strip()
        if not stripped:
            continue
        start = text.find(stripped, cursor)
        if start < 0:  # sentencex changed the text: keep the rest as one sentence
            break
        spans.append((start, start + len(stripped)))
        cursor = start + len(stripped)
    rest = text[cursor:]
    if rest.strip():
        start = cursor + len(rest) - len(rest.lstrip())
        spans.append((start, cursor + len(rest.rstrip())))
    return spans
