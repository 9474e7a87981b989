"""The case-ending rule files of ``rules/`` and the code that applies them.

A rule file is tab-separated: a header line ``scope ending CASE...`` names the cases, then
one rule a line, each after its own ``#`` comment. ``scope`` is ``*`` or tags joined by
dots (``person.f``: a woman's name) that must all describe the name; ``ending`` is a
regular expression matched at the end of the lower-cased word. A cell is the new ending:
``~`` stands for the matched text, ``=`` for the word unchanged, ``-`` for no such form.
Upper-case ``A`` and ``I`` in a cell are Azerbaijani harmony vowels (two-way a/ə and
four-way ı/i/u/ü), resolved from the last vowel before them. The first rule that fits wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

BACK_TWO = {"a": "a", "ı": "a", "o": "a", "u": "a"}
"""Azerbaijani two-way harmony: back vowels take a, front vowels ə."""
FOUR = {"a": "ı", "ı": "ı", "o": "u", "u": "u", "e": "i", "ə": "i", "i": "i", "ö": "ü", "ü": "ü"}
"""Azerbaijani four-way harmony: the high vowel that follows each vowel."""


@dataclass(frozen=True)
class Rule:
    """One line of a rule file: where it applies and the ending per case."""

    scope: frozenset[str]
    ending: re.Pattern[str]
    cells: dict[str, str]
    line: int


@dataclass(frozen=True)
class RuleSet:
    """The rules of one language, in file order, and the cases its header names."""

    cases: tuple[str, ...]
    rules: tuple[Rule, ...]


@cache
def rule_set(lang: str) -> RuleSet:
    """The parsed ``rules/LANG.tsv`` (read once per process, then shared read-only)."""
    text = (
        resources.files("onoma.lang.inflect")
        .joinpath("rules")
        .joinpath(f"{lang}.tsv")
        .read_text("utf-8")
    )
    cases: tuple[str, ...] = ()
    rules: list[Rule] = []
    for number, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = raw.split("\t")
        if not cases:
            cases = tuple(cells[2:])
            continue
        if len(cells) != len(cases) + 2:
            raise ValueError(f"rules/{lang}.tsv line {number}: {len(cells)} cells")
        scope = frozenset() if cells[0] == "*" else frozenset(cells[0].split("."))
        pattern = re.compile(f"(?:{cells[1]})$")
        rules.append(Rule(scope, pattern, dict(zip(cases, cells[2:], strict=True)), number))
    return RuleSet(cases, tuple(rules))


def harmonize(stem: str, ending: str) -> str:
    """Resolve the harmony vowels ``A`` and ``I`` of ``ending`` after ``stem``."""
    out: list[str] = []
    last = next((c for c in reversed(stem.lower()) if c in FOUR), "a")
    for char in ending:
        if char == "A":
            char = BACK_TWO.get(last, "ə")
        elif char == "I":
            char = FOUR[last]
        if char in FOUR:
            last = char
        out.append(char)
    return "".join(out)


def apply_rules(
    word: str, lang: str, case: str, tags: frozenset[str], only: str | None = None
) -> str | None:
    """``word`` in ``case`` by the first rule of ``lang`` that fits (with ``only``, among
    the rules whose scope names it), or None for a case the rule says the word has no
    form in, or when no rule fits."""
    lower = word.lower()
    for rule in rule_set(lang).rules:
        if not rule.scope <= tags or (only is not None and only not in rule.scope):
            continue
        found = rule.ending.search(lower)
        if found is None:
            continue
        cell = rule.cells.get(case, "-")
        if cell == "-":
            return None
        if cell == "=":
            return word
        result = word[: found.start()]
        for index, part in enumerate(cell.split("~")):
            if index:
                result += word[found.start() :]
            result += harmonize(result, part) if lang == "az" else part
        return result
    return None
