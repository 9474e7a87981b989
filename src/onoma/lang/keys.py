"""Matching keys: fold the ways a name gets romanized onto one spelling, and nothing more.

Two spellings of one Armenian or Azerbaijani name in Latin letters ("Hovhanissyan",
"Hovhannisian", "Ovannisyan") mostly differ in doubled letters, -ian/-yan, ou/u,
kh/x, ts/tz, dj/j, initial H and Ye and the like. :func:`romanization_key` rewrites
those differences away so that such spellings share a key. Cyrillic and Armenian forms
are folded to Latin first (unidecode), so they compare too. The key is for comparison
only, never shown as a spelling.

The rule: the key merges spelling habits only, never two sounds. A digraph that writes
one sound (kh, ts, sh, ch, zh) becomes a stand-in letter of its own, so that it
never meets the plain letter: Artsakh (``arTaK``) and Artak (``artak``) stay apart.
:func:`same_name` then accepts two spellings as one name when their keys are equal, or,
for keys of :data:`LONG_KEY` letters or more, when they differ by one vowel added or
dropped (a typo such as Հայստան for Հայաստան) and keep the same consonants, the letters
that carry the sounds of a name; for keys of 7 letters or more, also when they swap one
voiced consonant for its voiceless pair (Stepanakerd/Stepanakert, a Western Armenian
habit) or kh for gh (Karabakh/Karabagh: ղ), and for keys of 8 or more one vowel for
another (Hovanesyan/Hovhannisyan, a Russian-based spelling).
Short names need equal keys.

Kept apart: Artak/Artsakh (t, k against ts, kh), Arsen/Arsenii and Armen/Armenia
(an added ending, short keys), Karine/Karin (short, a vowel more), Shushan/Shushi,
Arsenia/Armenia (another consonant), Rosneft/Rusneft (a vowel for another in a
short key).
Merged: Hovhanissian/Hovhannisyan, Harutiunian/Harutyunyan, Ohanian/Ohanyan,
Artzakh/Artsakh (equal keys).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from onoma.lang.case import fold_case

# Ordered rewrites on lower-case ASCII; each line folds one romanization habit. The
# upper-case stand-ins (J, K, S, C, T) each write one sound and stay upper case, so
# that they never fold onto a plain letter of another sound. A pattern starts with the
# letter it rewrites and looks behind after it (``h(?<=[a-z]h)``, not ``(?<=[a-z])h``):
# the same matches, found several times faster in 300,000 forms at once.
_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), repl)
    for pattern, repl in (
        (r"[^a-z]", ""),  # spaces, hyphens, apostrophes (aspiration marks)
        (r"ou", "u"),  # French-style ou: Shoushi, Haroutiounian
        (r"u(?<=[aeiou]u)(?=[aeiou])", "w"),  # keep a vowel-separating u as a consonant
        (r"dzh|dj|zh|j", "J"),  # Dzhanibekyan, Djanibekyan, Janibekyan; zh
        (r"kh|x", "K"),  # Khachatryan, Xaçatryan (one sound, not k)
        (r"gh", "g"),  # Ghazaryan, Gazaryan: Russian-based spellings drop the h
        (r"sh", "S"),
        (r"tch|ch", "C"),
        (r"tst", "ts"),  # Artstrun, Artsrun: the t of ts written twice
        (r"ts|tz|c(?=[eiy])", "T"),  # Artsakh, Artzakh
        (r"ph", "p"),
        (r"th", "t"),
        (r"w", "v"),
        (r"ck", "k"),
        (r"h(?<=[a-z]h)(?=[aeiouy])", ""),  # Hovhannisyan, Hovannisyan; Ohanyan, Oanyan
        (r"^h(?=[aeiou])", ""),  # Hovsep, Ovsep; Harutyunyan, Arutyunyan
        (r"^ye", "e"),  # Yerevan, Erevan
        (r"(?=[iy])(?<=[a-zA-Z])(?:ia|ya|iya)n$", "yan"),  # -ian, -yan, -iyan
        (r"i(?=[aeou])", "y"),  # Mariam, Maryam
        (r"y", "i"),
        (r"(.)\1+", r"\1"),  # doubled letters
    )
)

_LINE_REWRITES = tuple(
    (re.compile(pattern.pattern, re.MULTILINE), repl) for pattern, repl in _REWRITES[1:]
)
"""The rewrites after the first, for :func:`romanization_keys`: after the first, a key
holds letters only, so none of them can match a line break; ^ and $ mark each line."""

OWN_SCRIPT = re.compile("[\u0400-\u04ff\u0531-\u058f]")
"""Cyrillic and Armenian letters: scripts in which a name's spelling is the language's
own, not a romanization."""
_ARMENIAN = re.compile("[\u0531-\u058f]")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_LATIN = re.compile("[A-Za-z]")
_LOOK_ALIKES = str.maketrans("AaBCcEeHKkMOoPpTXxy", "АаВСсЕеНКкМОоРрТХху")
"""Latin letters that look like Cyrillic ones, read as Cyrillic in a word that mixes the
two scripts: such a word is a typo for the Cyrillic spelling."""

_UNVOICED = str.maketrans("bdgzvw", "ptksff")

LONG_KEY = 6
"""Keys this long or longer may differ by one vowel; shorter keys must be equal."""
_VOWEL = re.compile(r"[aeiou]")
_SWAPS = frozenset(frozenset(pair) for pair in ("bp", "dt", "gk", "vf", "zs", "Kg"))
"""Consonants that spellings of one name swap: voiced and voiceless pairs of Western and
Eastern Armenian (Bedros/Petros, Stepanakerd/Stepanakert), and ղ written kh or gh
(Karabakh, Karabagh; Карабах, Карабаг). One swap is allowed in keys of 7+ letters."""


_REMEMBERED: dict[str, str] = {}
"""Keys computed by an earlier run, read from a glossary cache (:func:`remember_keys`)."""


def remember_keys(keys: dict[str, str]) -> None:
    """Take the keys of forms computed earlier (a glossary cache) instead of
    computing them again: the key of every form of a 10,000-entry glossary costs more
    than reading the glossary."""
    _REMEMBERED.update(keys)


def romanization_key(text: str) -> str:
    """A comparison key that folds romanization habits (see module docs)."""
    known = _REMEMBERED.get(text)
    return known if known is not None else _romanization_key(text)


@lru_cache(maxsize=65536)
def _romanization_key(text: str) -> str:
    from unidecode import unidecode

    key = unidecode(_unmix(_ou(text))).lower()
    for pattern, repl in _REWRITES:
        key = pattern.sub(repl, key)
    return key


def romanization_keys(texts: Iterable[str]) -> list[str]:
    """:func:`romanization_key` of each of ``texts``, the same keys computed in one pass
    per rewrite over all of them (a glossary of 100,000 entries has 300,000 forms: one
    regular-expression call per rewrite and form costs seconds)."""
    texts = list(texts)
    keys: list[str | None] = [_REMEMBERED.get(text) for text in texts]
    missing = [texts[i] for i, key in enumerate(keys) if key is None]
    if missing:
        from unidecode import unidecode

        joined = _ou("\n".join(missing))
        if _CYRILLIC.search(joined) and _LATIN.search(joined):
            joined = "\n".join(_unmix(text) for text in joined.split("\n"))
        joined = _NOT_A_LETTER.sub("", unidecode(joined).lower())
        for pattern, repl in _LINE_REWRITES:  # no rewrite crosses a line: one form a line
            joined = pattern.sub(repl, joined)
        found = joined.split("\n")
        if len(found) != len(missing):  # a line break in a form, or one unidecode made
            found = [_romanization_key(text) for text in missing]
        made = iter(found)
        keys = [key if key is not None else next(made) for key in keys]
    return keys  # type: ignore[return-value]


_NOT_A_LETTER = re.compile(r"[^a-z\n]")
"""The first rewrite, sparing the line breaks between the forms of a batch."""


def _ou(text: str) -> str:
    return text.replace("ու", "u").replace("Ու", "U")


def _unmix(text: str) -> str:
    """``text`` with Latin look-alikes read as Cyrillic when it mixes the two scripts
    (Аpутюнян with a Latin p)."""
    if _CYRILLIC.search(text) and _LATIN.search(text):
        return text.translate(_LOOK_ALIKES)
    return text


def consonants(key: str) -> str:
    """The letters of a key that carry a name's sounds: its consonants."""
    return _VOWEL.sub("", key)


def same_key_name(a: str, b: str, *, romanized: bool = True) -> bool:
    """Whether two romanization keys may be one name (the rule of the module docs); a
    vowel for another only between ``romanized`` spellings: Latin and Cyrillic ones
    render Armenian vowels several ways (Ованесян, Ованисян), Armenian letters one."""
    if a == b:
        return True
    if min(len(a), len(b)) < LONG_KEY or a[0] != b[0]:
        return False
    if len(a) == len(b):
        diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
        if len(diff) != 1:
            return False
        if frozenset(diff[0]) in _SWAPS:
            return len(a) >= LONG_KEY + 1
        vowels = all(_VOWEL.match(x) for x in diff[0])
        return romanized and len(a) >= LONG_KEY + 2 and vowels
    if abs(len(a) - len(b)) != 1 or consonants(a) != consonants(b):
        return False
    from rapidfuzz.distance import Indel

    return Indel.distance(a, b) == 1


def letter_skeleton(text: str) -> str:
    """The consonant letters of a Cyrillic or Armenian spelling, y (յ, й) among them,
    voiced ones as voiceless (the swaps of :data:`_SWAPS`) and doubled ones once."""
    from unidecode import unidecode

    letters = re.sub(r"[^a-z]", "", unidecode(_unmix(text)).lower()).replace("kh", "k")
    letters = letters.replace("gh", "k").translate(_UNVOICED)
    return re.sub(r"(.)\1+", r"\1", _VOWEL.sub("", letters))


def same_name(a: str, b: str) -> bool:
    """Whether spellings ``a`` and ``b`` may be one name written two ways. Two spellings
    in Cyrillic or Armenian letters must also keep the same consonants, y included
    (Այրարատ and Արարատ are two names); two in Armenian letters, the same vowels too
    (Թամանյան and Թումանյան); two short ones, every letter (Баллак and Балак)."""
    own_a, own_b = bool(OWN_SCRIPT.search(a)), bool(OWN_SCRIPT.search(b))
    romanized = not (_ARMENIAN.search(a) or _ARMENIAN.search(b))
    if not same_key_name(romanization_key(a), romanization_key(b), romanized=romanized):
        return False
    if not (own_a and own_b):
        return True
    if min(len(romanization_key(a)), len(romanization_key(b))) < LONG_KEY:
        return fold_case(a) == fold_case(b)  # short names collide: Баллак, Балак
    return letter_skeleton(a) == letter_skeleton(b)
