"""Candidate proper names in a corpus: capitalised words and runs of them.

A run of capitalised words separated by single spaces ("Karmir Shuka", "Artsakh
President Arayik Harutyunyan") is cut at the glossary's known forms, so that a new or
misspelled name next to known ones stands alone, and at stop words and titles ("The",
"President"), which are dropped. A sentence's first word goes too when it is a common
word: one the corpus writes in lower case at least as often as
capitalised mid-sentence. A single word that is common, or a known name plus a
derivational ending ("Armenian", "Azerbaijani"), is dropped too. Possessive 's is cut.
In languages that inflect names, a run is also cut at an inflected form of a known
one-word name ("Никола Пашиняна": "Никола", "Пашиняна"), which stays a candidate.
Sentences end at the Armenian full stop (։) too; a dash opening a line of dialogue is
passed over like a quote. An Armenian spelling with the definite article (Տաթևը)
notes the word without it when the corpus has that word elsewhere.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from onoma.glossary.model import Entry, Glossary
from onoma.lang.case import fold_case
from onoma.lang.keys import romanization_key
from onoma.lang.stems import bare_form, inflection_test
from onoma.text.files import DEFAULT_EXTENSIONS

STOP_WORDS = {
    "en": frozenset(
        """a an the this that these those it its he she they we i you his her their our my
        your but and or nor so yet if when while as after before during since until for with
        from by to of in on at into onto over under about against between among through
        despite without within also however meanwhile then there here what which who whom
        whose where why how all some many most more other another such no not yes every each
        according earlier mr mrs ms dr prof sir madam president prime minister general colonel
        lieutenant major captain sergeant deputy ambassador chief commander speaker chairman
        spokesman spokeswoman spokesperson mayor governor senator judge bishop archbishop
        foreign defense defence monday tuesday wednesday thursday
        friday saturday sunday january february march april may june july august september
        october november december yesterday today tomorrow tonight now later""".split()
    ),
    "ru": frozenset(
        """в во на по с со к ко о об от до из за для при и а но что как это этот эта он она
        они мы я вы его ее её их также однако когда если после президент министр генерал
        премьер-министр вчера сегодня завтра потом затем тогда теперь сейчас позже ранее
        здесь там где уже ещё еще тем так поэтому кроме""".split()
    ),
    "hy": frozenset(
        """նա նրանք նրա նրանց ես դու մենք դուք այս այդ այն այսօր երեկ վաղը հետո ապա երբ
        իսկ և ու բայց սակայն նաև նույնպես եթե որ ինչ ինչպես որտեղ այստեղ այնտեղ հիմա
        արդեն դեռ մինչ մինչև ըստ նախագահ վարչապետ նախարար""".split()
    ),
}
DERIVED_SUFFIXES = ("s", "es", "n", "ns", "an", "ans", "i", "is", "ian", "ians", "ese", "ish")
"""Endings that make a known name into another word: Armenia → Armenian(s)."""
_SKIP_BACK = set(" \t\"“”„‘’'«»([{*#>-–—")
_SENTENCE_END = set("\n.!?:;…։")
"""Where a sentence ends, the Armenian full stop (։) too."""
SNIPPET = 120


@dataclass
class Spelling:
    """One spelling found in the corpus: how often, and its first occurrence."""

    text: str
    count: int = 0
    where: str = ""
    example: str = ""
    entry: Entry | None = None
    bare: str | None = None
    """The spelling without the Armenian definite article (Տաթև for Տաթևը), when the
    corpus has the word without it, though not as a spelling (Տաթև Սարգսյան)."""


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(capitalised-run pattern, word pattern), built once: the upper-case class is big."""
    points = [c for c in range(0x10000) if chr(c).isupper()]
    ranges, start = [], points[0]
    for prev, cur in zip(points, [*points[1:], -1], strict=True):
        if cur != prev + 1:
            ranges.append(chr(start) if start == prev else f"{chr(start)}-{chr(prev)}")
            start = cur
    letter = r"[^\W\d_]"
    tail = rf"{letter}*(?:(?:['’](?!s\b)|-){letter}+)*"
    cap = rf"[{''.join(ranges)}]{tail}"
    run = re.compile(rf"(?<![\w'’-]){cap}(?:[ \u00a0]{cap})*(?!\w)")
    word = re.compile(rf"{letter}+(?:(?:['’](?!s\b)|-){letter}+)*")
    return run, word


class CorpusScan:
    """Collects capitalised runs and word counts over the texts of a corpus."""

    def __init__(self, glossary: Glossary, lang: str) -> None:
        self.lang = lang
        self.stop = STOP_WORDS.get(lang, frozenset())
        self.known: dict[tuple[str, ...], Entry] = {}
        for entry in glossary:
            for form in entry.forms(lang):
                self.known.setdefault(tuple(fold_case(form).split()), entry)
        self.known_words = {key[0] for key in self.known if len(key) == 1}
        self.person_keys = {
            romanization_key(form)
            for entry in glossary
            if entry.type == "person"
            for form in entry.forms(lang)
            if " " not in form
        }
        self.inflected = inflection_test(self.known_words, lang)
        self.longest = max((len(key) for key in self.known), default=1)
        self.words: Counter[str] = Counter()
        self.runs: dict[tuple[str, bool], list] = {}

    def add_text(self, text: str, source: str) -> None:
        """Count the words and capitalised runs of one text (``source`` names it)."""
        run_pattern, word_pattern = _patterns()
        self.words.update(word_pattern.findall(text))
        runs = self.runs
        pos = line = 0
        for m in run_pattern.finditer(text):
            start = m.start()
            i = start - 1
            while i >= 0 and text[i] in _SKIP_BACK:
                i -= 1
            key = (m.group().replace("\u00a0", " "), i < 0 or text[i] in _SENTENCE_END)
            found = runs.get(key)
            if found is not None:
                found[0] += 1
                continue
            line += text.count("\n", pos, start)
            pos = start
            runs[key] = [1, f"{source}:{line + 1}", _snippet(text, start, m.end())]

    def merge(self, words: Counter[str], runs: dict[tuple[str, bool], list]) -> None:
        """Add the counts of a scan of later files (a worker's): a run keeps the place
        and snippet where it was first met."""
        self.words.update(words)
        for key, (count, place, snippet) in runs.items():
            found = self.runs.get(key)
            if found is None:
                self.runs[key] = [count, place, snippet]
            else:
                found[0] += count

    def spellings(self) -> dict[str, Spelling]:
        """Every candidate spelling with its count, first place and known entry."""
        lower: Counter[str] = Counter()
        capital: Counter[str] = Counter()
        for word, count in self.words.items():
            if word[0].isupper():
                capital[word] += count
            else:
                lower[word] += count
        initial: Counter[str] = Counter()
        for (text, is_initial), (count, _, _) in self.runs.items():
            if is_initial:
                initial[text.split(" ", 1)[0]] += count

        def common(word: str) -> bool:
            mid = capital.get(word, 0) - initial.get(word, 0)
            return lower.get(word.lower(), 0) >= max(1, mid)

        found: dict[str, Spelling] = {}
        for (text, is_initial), (count, where, example) in self.runs.items():
            for piece, entry in self._pieces(text.split(" "), is_initial, common):
                spelling = found.get(piece)
                if spelling is None:
                    found[piece] = Spelling(piece, count, where, example, entry)
                else:
                    spelling.count += count
        self._mark_bare_forms(found)
        return found

    def _mark_bare_forms(self, found: dict[str, Spelling]) -> None:
        """Give each spelling with the article on its last word the spelling without it,
        when the corpus has that last word and the spelling is no spelling of its own."""
        for text, spelling in found.items():
            bare = bare_form(text, self.lang)
            if bare is not None and bare not in found and self.words.get(bare.split()[-1]):
                spelling.bare = bare

    def _pieces(
        self, tokens: list[str], is_initial: bool, common: Callable[[str], bool]
    ) -> list[tuple[str, Entry | None]]:
        pieces: list[tuple[str, Entry | None]] = []
        run: list[tuple[int, str]] = []
        i = 0
        while i < len(tokens):
            for size in range(min(self.longest, len(tokens) - i), 0, -1):
                key = tuple(fold_case(t) for t in tokens[i : i + size])
                entry = self.known.get(key)
                if entry is not None:
                    pieces.extend(self._clean(run, is_initial, common))
                    run = []
                    pieces.append((" ".join(tokens[i : i + size]), entry))
                    i += size
                    break
            else:
                if tokens[i].lower() in self.stop:
                    pieces.extend(self._clean(run, is_initial, common))
                    run = []
                elif len(tokens) > 1 and self._stands_alone(tokens[i]):
                    pieces.extend(self._clean(run, is_initial, common))
                    pieces.extend(self._clean([(i, tokens[i])], is_initial, common))
                    run = []
                else:
                    run.append((i, tokens[i]))
                i += 1
        pieces.extend(self._clean(run, is_initial, common))
        return pieces

    def _stands_alone(self, token: str) -> bool:
        """Whether a word of a longer run is a name of its own: an inflected form of a
        known one-word name, or a spelling of a known given name or surname (Tigran
        Hovhanisian: Hovhanisian joins Hovhannisyan, Tigran stands alone)."""
        if self.inflected is not None and self.inflected(token):
            return True
        return romanization_key(token) in self.person_keys

    def _common_initial(self, word: str, common: Callable[[str], bool]) -> bool:
        """Whether a sentence's first word is a common word (Компания Яндекс)."""
        return common(word) or (self.lang == "ru" and common_word_ru(word))

    def _clean(
        self, run: list[tuple[int, str]], is_initial: bool, common: Callable[[str], bool]
    ) -> list[tuple[str, Entry | None]]:
        while run and (
            run[0][1].lower() in self.stop
            or (run[0][0] == 0 and is_initial and self._common_initial(run[0][1], common))
        ):
            run = run[1:]
        if not run:
            return []
        lead = leading_place(run, self.lang)
        if lead:
            return [
                *self._clean(run[:lead], False, common),
                *self._clean(run[lead:], False, common),
            ]
        if len(run) == 1:
            word = run[0][1]
            folded = fold_case(word)
            if len(word) < 2 or common(word) or self._derived(folded):
                return []
            if self.lang == "ru" and common_word_ru(word):
                return []
        return [(" ".join(word for _, word in run), None)]

    def _derived(self, folded: str) -> bool:
        return any(
            folded.endswith(suffix) and folded[: -len(suffix)] in self.known_words
            for suffix in DERIVED_SUFFIXES
        )


def common_word_ru(word: str) -> bool:
    """Whether pymorphy3's dictionary knows ``word`` as a common word and not as a name
    (Индекс, Фратрия, Большого): such a word alone is no candidate."""
    from onoma.lang.morph_ru import name_tags

    return "common" in name_tags(word)


def leading_place(run: list[tuple[int, str]], lang: str) -> int:
    """How many leading words of ``run`` are a place or organization standing before a
    given name («России Владимир Путин»: 1), so that they are cut off; 0 if none."""
    if lang != "ru" or len(run) < 3:
        return 0
    from onoma.lang.morph_ru import name_kind, name_tags

    first, second = run[0][1], run[1][1]
    if name_kind(first) in ("place", "organization") and "Name" in name_tags(second):
        return 1
    return 0


def _snippet(text: str, start: int, end: int) -> str:
    """The line around ``text[start:end]``, cut to about :data:`SNIPPET` characters."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    if line_end == -1:
        line_end = len(text)
    room = max(SNIPPET - (end - start), 20) // 2
    left, right = max(line_start, start - room), min(line_end, end + room)
    snippet = " ".join(text[left:right].split())
    return ("…" if left > line_start else "") + snippet + ("…" if right < line_end else "")


def scan_corpus(
    paths: Iterable[Path | str],
    glossary: Glossary,
    lang: str,
    extensions: Iterable[str] = DEFAULT_EXTENSIONS,
    on_error: Callable[[str], None] = lambda message: None,
) -> tuple[CorpusScan, int]:
    """Scan every readable text file under ``paths``; unreadable ones go to ``on_error``.

    Returns the scan and the number of files read.
    """
    from onoma.text.files import iter_text_files

    scan = CorpusScan(glossary, lang)
    return scan, scan_files(scan, iter_text_files(paths, tuple(extensions)), on_error)


def scan_files(
    scan: CorpusScan, files: Iterable[Path | str], on_error: Callable[[str], None]
) -> int:
    """Add each readable file of ``files`` to ``scan``; the number read."""
    from onoma.errors import OnomaError
    from onoma.text.files import read_text_file

    read = 0
    for path in files:
        try:
            text = read_text_file(path).text
        except OnomaError as exc:
            on_error(str(exc))
            continue
        scan.add_text(text, str(path))
        read += 1
    return read
