"""Keys and tests for linking spellings in ``glossary suggest``: OpenRefine's fingerprints,
the transliterated romanization key, mixed scripts, the kind of name a spelling is
(person, place, organization) and how often it occurs inside longer spellings."""

from __future__ import annotations

import re
from collections.abc import Callable

from onoma.curate.suggest.candidates import Spelling
from onoma.lang.keys import romanization_key

_PUNCT = re.compile(r"[^\w\s]")
_WORD = re.compile(r"\w+")


def mixed_script(text: str) -> str | None:
    """What mixes scripts in a word of ``text`` ("Latin 'a' U+0061 in a Cyrillic word"),
    or None. Such spellings are mostly typos with a look-alike letter (Арутюнянa), and
    ``onoma glossary lint`` refuses them."""
    if text.isascii():
        return None
    from onoma.lang.scripts import script_of

    for word in _WORD.findall(text):
        scripts = [s for s in map(script_of, word) if s]
        if len(set(scripts)) > 1:
            main = max(sorted(set(scripts)), key=scripts.count)
            foreign = ", ".join(
                f"{script_of(c)} {c!r} U+{ord(c):04X}"
                for c in word
                if script_of(c) not in (main, None)
            )
            return f"{foreign} in a {main} word"
    return None


def fingerprint(text: str) -> str:
    """OpenRefine's fingerprint key."""
    from unidecode import unidecode

    tokens = _PUNCT.sub("", unidecode(text).lower()).split()
    return " ".join(sorted(set(tokens)))


def ngram_fingerprint(text: str, n: int = 2) -> str:
    """OpenRefine's n-gram fingerprint key ('' for texts shorter than 6 letters)."""
    from unidecode import unidecode

    letters = "".join(_PUNCT.sub("", unidecode(text).lower()).split())
    if len(letters) < 6:
        return ""
    return "".join(sorted({letters[i : i + n] for i in range(len(letters) - n + 1)}))


def translit_key() -> Callable[[str], str]:
    """The romanization key of a text transliterated to Latin by ``onoma.translit``."""
    from onoma.translit import TranslitError, transliterate

    def key(text: str) -> str:
        try:
            return romanization_key(transliterate(text, to="latn"))
        except TranslitError:  # a failed transliteration only loses this key
            return ""

    return key


def name_kinds(nodes: list[Spelling], lang: str) -> list[str | None]:
    """Each spelling's kind of name (person, place, organization) where it is known:
    its entry's type, else for one Russian word pymorphy3's reading (Дания a place,
    Даниила a person); None otherwise."""
    found: list[str | None] = []
    for node in nodes:
        if node.entry is not None and node.entry.type != "other":
            found.append(node.entry.type)
        elif lang == "ru" and " " not in node.text:
            from onoma.lang.morph_ru import name_kind

            found.append(name_kind(node.text))
        else:
            found.append(None)
    return found


def other_kinds(kinds: list[str | None], a: int, b: int) -> bool:
    """Whether spellings ``a`` and ``b`` are names of two different kinds."""
    return kinds[a] is not None and kinds[b] is not None and kinds[a] != kinds[b]


def resembles_part(short: str, long: str) -> bool:
    """Whether ``short`` is closer to some of ``long``'s words than to all of ``long``
    (Karina: Karin, not Karin Tak); ``short`` has fewer words."""
    from rapidfuzz.fuzz import ratio

    key, words = romanization_key(short), long.split()
    whole = ratio(key, romanization_key(long))
    size = len(short.split())
    return any(
        ratio(key, romanization_key(" ".join(words[n : n + size]))) > whole
        for n in range(len(words) - size + 1)
    )


def inside_counts(nodes: list[Spelling]) -> dict[str, int]:
    """How often each run of words occurs inside longer spellings (Pashinyan inside
    Nikol Pashinyan), which counts for it when a cluster's name is chosen."""
    found: dict[str, int] = {}
    for node in nodes:
        words = node.text.split()
        for size in range(1, len(words)):
            for n in range(len(words) - size + 1):
                part = " ".join(words[n : n + size])
                found[part] = found.get(part, 0) + node.count
    return found
