"""Check glossaries for the mistakes that make normalization ambiguous or wrong."""

from __future__ import annotations

import re
from dataclasses import dataclass

from onoma.glossary.model import Entry, Glossary
from onoma.match import fold_case
from onoma.scripts import expected_script, script_of

WORD = re.compile(r"\w+")


@dataclass(frozen=True, order=True)
class Problem:
    """One finding: ``where`` is ``file:line``; errors fail lint, warnings do not."""

    where: str
    severity: str
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.severity}: {self.message} [{self.code}]"


def lint(glossary: Glossary) -> list[Problem]:
    """Every problem found in ``glossary``, sorted by file and line."""
    problems: list[Problem] = []
    problems += _repeated_ids(glossary)
    problems += _conflicting_forms(glossary)
    for entry in glossary:
        problems += _entry_problems(entry)
    return sorted(problems, key=_sort_key)


def _sort_key(problem: Problem) -> tuple[str, int, str]:
    path, _, line = problem.where.rpartition(":")
    return (path, int(line) if line.isdigit() else 0, problem.code)


def _repeated_ids(glossary: Glossary) -> list[Problem]:
    first: dict[str, Entry] = {}
    problems = []
    for entry in glossary:
        if entry.id in first:
            problems.append(
                Problem(
                    entry.where("id"),
                    "error",
                    "duplicate-id",
                    f"id {entry.id!r} repeats (first at {first[entry.id].where('id')})",
                )
            )
        else:
            first[entry.id] = entry
    return problems


def _conflicting_forms(glossary: Glossary) -> list[Problem]:
    """Forms that two entries share in one language: the text cannot say which is meant."""
    first = glossary.form_index()
    problems = []
    for entry in glossary:
        for lang, text, field_path in entry.all_forms():
            other, other_field = first[(lang, fold_case(text))]
            if other is entry and other_field == field_path:
                continue
            if other.id == entry.id:
                if field_path.startswith("variants") and other_field.startswith("names"):
                    problems.append(
                        Problem(
                            entry.where(field_path),
                            "warning",
                            "redundant-variant",
                            f"entry {entry.id!r}: variant {text!r} is its own name",
                        )
                    )
                continue
            kinds = (other_field.split(".")[0], field_path.split(".")[0])
            code, what = {
                ("names", "names"): ("name-conflict", "name of two entries"),
                ("names", "variants"): (
                    "variant-is-name",
                    "a variant of one entry and the name of another",
                ),
                ("variants", "names"): (
                    "variant-is-name",
                    "a variant of one entry and the name of another",
                ),
                ("variants", "variants"): ("variant-conflict", "a variant of two entries"),
            }[kinds]
            problems.append(
                Problem(
                    entry.where(field_path),
                    "error",
                    code,
                    f"{text!r} ({lang}) is {what}: {other.id!r} ({other.where(other_field)}) "
                    f"and {entry.id!r}",
                )
            )
    return problems


def _entry_problems(entry: Entry) -> list[Problem]:
    problems = []
    if entry.review:
        problems.append(
            Problem(
                entry.where(),
                "warning",
                "needs-review",
                f"entry {entry.id!r} is marked for review (review: true)",
            )
        )
    fields = [("id", entry.id, None), *((f, t, lang) for lang, t, f in entry.all_forms())]
    if entry.note is not None:
        fields.append(("note", entry.note, None))
    for field_path, text, lang in fields:
        where = entry.where(field_path)
        if text != " ".join(text.split()):
            problems.append(
                Problem(
                    where,
                    "error",
                    "whitespace",
                    f"entry {entry.id!r}: {field_path} {text!r} has stray whitespace",
                )
            )
        if lang is None:
            continue
        problems += _script_problems(entry, field_path, text, lang, where)
    return problems


def _script_problems(
    entry: Entry, field_path: str, text: str, lang: str, where: str
) -> list[Problem]:
    problems = []
    expected = expected_script(lang)
    foreign: set[str] = set()
    for word in WORD.findall(text):
        scripts = {s for s in map(script_of, word) if s}
        if len(scripts) > 1:
            main = expected if expected in scripts else _majority_script(word)
            odd = ", ".join(
                f"{script_of(c)} {c!r} U+{ord(c):04X}"
                for c in word
                if script_of(c) not in (main, None)
            )
            problems.append(
                Problem(
                    where,
                    "error",
                    "mixed-script",
                    f"entry {entry.id!r}: {field_path} word {word!r} mixes scripts "
                    f"({odd} in a {main} word)",
                )
            )
        elif expected and scripts and scripts != {expected}:
            foreign |= scripts
    if foreign:
        problems.append(
            Problem(
                where,
                "error",
                "wrong-script",
                f"entry {entry.id!r}: {field_path} {text!r} is written in "
                f"{', '.join(sorted(foreign))}, but {lang} is written in {expected}",
            )
        )
    return problems


def _majority_script(word: str) -> str:
    scripts = [s for s in map(script_of, word) if s]
    return max(set(scripts), key=scripts.count)
