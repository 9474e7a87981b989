"""Check glossaries for the mistakes that make normalization ambiguous or wrong."""

from __future__ import annotations

import re
from dataclasses import dataclass

from onoma.curate.ids import id_like, is_valid_id
from onoma.curate.lint_forms import form_findings
from onoma.glossary.fmt import flow_list
from onoma.glossary.model import Entry, Glossary
from onoma.lang.case import fold_case
from onoma.lang.scripts import expected_script, script_of

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
        problems += _shape_problems(entry)
        problems += _declension_problems(entry)
        problems += [
            Problem(entry.where(field), severity, code, message)
            for field, severity, code, message in form_findings(entry)
        ]
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


def _shape_problems(entry: Entry) -> list[Problem]:
    """Malformed fields the loader lets through: an id that is not one word, a variant
    repeated in one entry, variants written as a string instead of a list."""
    problems = []
    if not is_valid_id(entry.id):
        problems.append(
            Problem(
                entry.where("id"),
                "error",
                "bad-id",
                f"id {entry.id!r} is not one word of letters, digits, '-', '_' or '.' "
                f"(write {id_like(entry.id) or 'entry'!r})",
            )
        )
    problems += _repeated_variants(entry)
    for lang in entry.string_variants:
        problems.append(
            Problem(
                entry.where(f"variants.{lang}.0"),
                "error",
                "variants-not-list",
                f"entry {entry.id!r}: {_string_variant(lang, entry.variants[lang][0])}",
            )
        )
    return problems


def _string_variant(lang: str, text: str) -> str:
    """What to say about variants written as one string (read as a list of one)."""
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if len(parts) > 1:
        return (
            f"variants.{lang} is one string, read as the single variant {text!r}; "
            f"for {len(parts)} variants write a list: {flow_list(parts)}"
        )
    return f"variants.{lang} is a string, not a list: write {flow_list([text])}"


def _repeated_variants(entry: Entry) -> list[Problem]:
    """A variant written twice in one language of one entry (in any case, unless the
    entry is case-sensitive)."""
    problems = []
    for lang, texts in entry.variants.items():
        first: dict[str, int] = {}
        for i, text in enumerate(texts):
            key = text if entry.case_sensitive else fold_case(text)
            if key not in first:
                first[key] = i
                continue
            earlier = entry.where(f"variants.{lang}.{first[key]}")
            problems.append(
                Problem(
                    entry.where(f"variants.{lang}.{i}"),
                    "error",
                    "repeated-variant",
                    f"entry {entry.id!r}: variant {text!r} ({lang}) is written twice "
                    f"(first at {earlier})",
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


def _declension_problems(entry: Entry) -> list[Problem]:
    """``gender``, ``indeclinable`` and ``forms``: known case names, the language's
    script, a language the entry has a name in, and forms that start like the entry's."""
    from onoma.lang.inflect import LANGS, cases

    problems = []
    where = entry.where()

    def add(severity: str, code: str, message: str) -> None:
        problems.append(Problem(where, severity, code, f"entry {entry.id!r}: {message}"))

    if entry.gender and entry.type != "person":
        add("warning", "gender-not-person", f"gender is for people, not a {entry.type}")
    for lang in entry.indeclinable:
        if lang not in entry.names:
            add("warning", "declension-lang", f"indeclinable in {lang}, which has no name")
    for lang, by_case in entry.case_forms.items():
        if lang not in entry.names:
            add("error", "declension-lang", f"forms.{lang}: the entry has no {lang} name")
            continue
        known = (*cases(lang), "nom.def", "dat.def") if lang in LANGS else ()
        starts = {fold_case(form)[:3] for form in entry.forms(lang)}
        for case, text in by_case.items():
            if case not in known:
                listed = " ".join(known) if known else f"none: onoma declines only {LANGS}"
                add("error", "unknown-case", f"forms.{lang}: unknown case {case!r} ({listed})")
            if fold_case(text)[:3] not in starts:
                add(
                    "error",
                    "foreign-form",
                    f"forms.{lang}.{case} {text!r} does not start like the entry's {lang} forms",
                )
            problems += _script_problems(entry, f"forms.{lang}.{case}", text, lang, where)
    return problems
