"""Irregular names: the exceptions file and the ICU rules made from it.

``exceptions.tsv`` lists the few names whose Armenian or Russian form the rules cannot
predict from the English press spelling (Hakobyan -> Акопян, Pashinyan -> Փաշինյան).
A ``word`` entry matches a whole word, a ``stem`` entry the start of a word, the rest of
which goes through the rules (Hakob, Hakobyan). An empty column means the rules are right.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

_COLUMNS = ("en_press", "match", "hy", "ru", "note")
_KEY = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class NameException:
    """One irregular name, keyed by its lower-case English press spelling."""

    key: str
    match: str
    hy: str
    ru: str
    note: str

    def matches(self, word: str) -> bool:
        """Whether this entry applies to ``word`` (any case)."""
        word = word.lower()
        return word == self.key if self.match == "word" else word.startswith(self.key)


@functools.cache
def load_exceptions() -> tuple[NameException, ...]:
    """Read ``exceptions.tsv`` shipped with the package."""
    text = resources.files(__package__).joinpath("exceptions.tsv").read_text("utf-8")
    entries = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if fields[0] == _COLUMNS[0]:
            continue
        fields += [""] * (len(_COLUMNS) - len(fields))
        key, match, hy, ru, note = (field.strip() for field in fields[: len(_COLUMNS)])
        if not _KEY.fullmatch(key) or match not in ("word", "stem") or not (hy or ru):
            raise ValueError(f"exceptions.tsv line {number}: malformed entry {line!r}")
        entries.append(NameException(key, match, hy.lower(), ru.lower(), note))
    return tuple(entries)


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _rule(source: str, target: str, whole_word: bool) -> str:
    end = " $" if whole_word else ""
    return f"^ {_quote(source)}{end} → {_quote(target)} ;"


def exception_rules(column: str) -> str:
    """ICU rules applying the exceptions.

    ``column`` is ``hy`` or ``ru`` (English press spelling -> that form), or ``en`` for the
    reverse: Armenian whole words -> their English press spelling (Ղարաբաղ -> Karabakh).
    """
    rules: list[tuple[bool, int, str]] = []
    seen: set[str] = set()
    for entry in load_exceptions():
        whole = entry.match == "word"
        if column == "en":
            # Armenian to English: the first spelling listed for a name wins.
            if whole and entry.hy and entry.hy not in seen:
                seen.add(entry.hy)
                rules.append((False, -len(entry.hy), _rule(entry.hy, entry.key, True)))
        elif getattr(entry, column):
            form = getattr(entry, column)
            rules.append((not whole, -len(entry.key), _rule(entry.key, form, whole)))
    # Whole words first, then longer stems before shorter ones, so none hides another.
    return "\n".join(rule for *_, rule in sorted(rules))
