"""Irregular names: the exceptions files and the ICU rules made from them.

``exceptions.tsv`` lists the few Armenian names whose Armenian or Russian form the rules
cannot predict from the English press spelling (Hakobyan -> Акопян, Pashinyan -> Փաշինյան).
``exceptions_az.tsv`` lists the Azerbaijani names whose English, Russian or Armenian form
no rule predicts from the Azerbaijani spelling (Bakı -> Baku, Баку; Şamaxı -> Шемаха).

Each file has a header line: the key column (the lower-case spelling the rules read), then
``match``, one column per form, and ``note``. A ``word`` entry matches a whole word, a
``stem`` entry the start of a word, the rest of which goes through the rules (Məmməd ->
Мамед: Мамедов, Мамедъяров). An empty column means the rules are right.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

ARMENIAN = "exceptions.tsv"
AZERBAIJANI = "exceptions_az.tsv"
_KEY = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class NameException:
    """One irregular name, keyed by its lower-case spelling in the source language."""

    key: str
    match: str
    forms: tuple[tuple[str, str], ...]  # (column, lower-case form), non-empty forms only
    note: str

    def form(self, column: str) -> str:
        """The form in ``column``, or "" when the rules give it."""
        return dict(self.forms).get(column, "")

    def matches(self, word: str) -> bool:
        """Whether this entry applies to ``word`` (any case)."""
        word = word.lower()
        return word == self.key if self.match == "word" else word.startswith(self.key)


@functools.cache
def load_exceptions(table: str = ARMENIAN) -> tuple[NameException, ...]:
    """Read an exceptions file shipped with the package (``exceptions.tsv`` by default)."""
    text = resources.files(__package__).joinpath(table).read_text("utf-8")
    entries: list[NameException] = []
    header: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = [field.strip() for field in line.split("\t")]
        if not header:
            header = fields
            if len(header) < 4 or header[1] != "match" or header[-1] != "note":
                raise ValueError(f"{table} line {number}: malformed header {line!r}")
            continue
        fields += [""] * (len(header) - len(fields))
        key, match, *forms, note = fields[: len(header)]
        pairs = tuple(
            (col, form.lower()) for col, form in zip(header[2:-1], forms, strict=True) if form
        )
        if not _KEY.fullmatch(key) or key != key.lower() or match not in ("word", "stem"):
            raise ValueError(f"{table} line {number}: malformed entry {line!r}")
        if not pairs:
            raise ValueError(f"{table} line {number}: no form in {line!r}")
        entries.append(NameException(key, match, pairs, note))
    return tuple(entries)


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _rule(source: str, target: str, whole_word: bool) -> str:
    end = " $" if whole_word else ""
    return f"^ {_quote(source)}{end} → {_quote(target)} ;"


def exception_rules(column: str, table: str = ARMENIAN, *, reverse: bool = False) -> str:
    """ICU rules applying the exceptions of ``table``.

    Key -> its form in ``column`` (``hy``, ``ru``, ``en``…); with ``reverse``, the whole-word
    forms of ``column`` -> the key (Armenian Ղարաբաղ -> the press spelling Karabakh).
    """
    rules: list[tuple[bool, int, str]] = []
    seen: set[str] = set()
    for entry in load_exceptions(table):
        whole = entry.match == "word"
        form = entry.form(column)
        if not form:
            continue
        if reverse:
            # Back to the key: the first spelling listed for a name wins.
            if whole and form not in seen:
                seen.add(form)
                rules.append((False, -len(form), _rule(form, entry.key, True)))
        else:
            rules.append((not whole, -len(entry.key), _rule(entry.key, form, whole)))
    # Whole words first, then longer stems before shorter ones, so none hides another.
    return "\n".join(rule for *_, rule in sorted(rules))
