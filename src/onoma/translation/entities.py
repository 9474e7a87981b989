"""Keep names intact through machine translation: placeholders, checks, fallback.

Each glossary name found in a source sentence (and each inline code span, URL or
e-mail address, which must come out verbatim) becomes a *slot*. Names separated
only by spaces share one slot ("Arayik Harutyunyan" is one person to the model).
In the text sent to the model a slot is written ``[N]``: a number in square
brackets. The choice, tested against real vocabularies' behaviour:

* it needs no special symbol: every SentencePiece vocabulary trained on web text
  has pieces for ``[``, ``]`` and digits, and copies numbers faithfully, whereas
  rare symbols (``⟦0⟧``, ``§``, emoji) are often ``<unk>`` in Argos and OPUS-MT
  models, and letter codes (``XQ1``, ``__ENT0__``) get transliterated or split;
* translators learned to carry bracketed numbers (citation marks) through
  untouched, and a number is a noun-like slot that grammar can wrap around;
* numbers already written as ``[N]`` in the sentence are never reused, so a
  citation mark in the source is not mistaken for a placeholder.

After translation each ``[N]`` is replaced by the name's form in the target
language; a case ending the model glued on (``[1]-ում``, ``[1]ի``) is dropped,
because the glossary form is the base form (an ending the source itself had, as
in ``Shushi-based``, stays). The sentence then passes only if
every placeholder came back exactly once, no bracket-and-digit fragment is left
over, and each target form occurs exactly as often as its slots require. A
sentence that fails is rebuilt by :meth:`EntityMapper.pieces` and
:meth:`EntityMapper.join`: the text between slots is translated piece by piece
and joined with the target forms, so the names survive by construction.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from onoma.glossary.model import Entry, Glossary
from onoma.normalize.core import carry_case
from onoma.normalize.match import Matcher, is_word_char, protected_spans
from onoma.text.spans import merge_spans
from onoma.translation.cases import count_in_any_case, name_in_case

PLACEHOLDER = "[{}]"
_PLACEHOLDER = re.compile(r"\[\s*(\d{1,4})\s*\](-?[^\W\d_]+)?")
_PLACEHOLDER_ENDING = re.compile(r"\[\s*(\d{1,4})\s*\]((?:-|['’])?[^\W\d_]+)?")
"""A placeholder and an ending glued to it, also after an apostrophe ([1]'da)."""

_BRACKETED = re.compile(r"\[\s*(\d+)\s*\]")
_FRAGMENT = re.compile(r"\[\s*\d+|\d+\s*\]")
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
_POSSESSIVE = re.compile(r"^[’']s\b")


@dataclass(frozen=True)
class Slot:
    """A span of the source sentence that must come out as ``target``.

    ``forms`` are what the check counts in the output: the target form of each
    entity in the slot, or the verbatim text for code and URLs.
    """

    start: int
    end: int
    target: str
    ids: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()


@dataclass
class Prepared:
    """A sentence ready for the model: its slots and the text with placeholders."""

    source: str
    masked: str
    slots: list[Slot] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)

    @property
    def expected(self) -> Counter[str]:
        """How often each target form must occur in the translation."""
        return Counter(form for slot in self.slots for form in slot.forms)

    @property
    def entity_forms(self) -> Counter[str]:
        """The target forms of the names alone (code spans and URLs left out)."""
        return Counter(form for slot in self.slots if slot.ids for form in slot.forms)

    @property
    def entity_count(self) -> int:
        return sum(len(slot.ids) for slot in self.slots)


@dataclass(frozen=True)
class Check:
    """The verdict on one translated sentence: ``preserved`` counts names only."""

    ok: bool
    preserved: int
    reason: str = ""


@cache
def _script_codes() -> dict[str, str]:
    """Script name (``Armenian``…) → the ``onoma.translit`` target that writes it (``armn``…)."""
    from onoma.lang.scripts import expected_script
    from onoma.translit.schemes import TARGETS

    codes = {}
    for code in TARGETS:
        script = expected_script(f"und-{code.title()}")  # the ISO 15924 subtag: Armn, Cyrl…
        if script:
            codes[script] = code
    return codes


def target_script_code(lang: str) -> str | None:
    """The ``onoma.translit`` script code (``armn``, ``cyrl``, ``latn``) for ``lang``, or
    None when ``lang`` is written in a script that transliteration does not write."""
    from onoma.lang.scripts import expected_script

    script = expected_script(lang)
    return _script_codes().get(script) if script else None


def verbatim_spans(text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` that must come out as written, in order and merged: inline
    code, URLs and e-mail addresses (without the punctuation that ends a sentence)."""
    spans = [(m.start(), m.end()) for m in _CODE_SPAN.finditer(text)]
    return merge_spans([*spans, *protected_spans(text)])


class EntityMapper:
    """Finds names in one source language and maps them to one target language."""

    def __init__(
        self, glossary: Glossary, source: str, target: str, *, names_only: bool = False
    ) -> None:
        self.source = source
        self.target = target
        self.names_only = names_only
        self.matcher = Matcher(glossary, source)
        self._glossary = glossary
        self._attested: frozenset[str] | None = None
        self.lang = target.replace("_", "-").split("-")[0]
        self.entries: dict[str, Entry] = {}
        """Entry id → entry, for the names met (their type and gender decide the case forms)."""
        self._forms: dict[str, str] = {}
        self.missing: dict[str, str] = {}
        """Entry id → form used when the glossary has no name in the target language."""

    def target_form(self, entry: Entry) -> str:
        """The entry's name in the target language, else a transliteration, else as is."""
        form = self._forms.get(entry.id)
        if form is None:
            form = entry.names.get(self.target)
            if form is None:
                form = self._fallback_form(entry)
                self.missing[entry.id] = form
            self._forms[entry.id] = form
        return form

    def _fallback_form(self, entry: Entry) -> str:
        """The entry's name in the target script, for an entry with no target form.

        The entry's forms are tried in order (source language, English, then the
        others): a form already in the target script is used as it is (an Azerbaijani
        one only in Azerbaijani), else the first that transliterates from its own
        language into that script (Azerbaijani with the press scheme: Şəki → Sheki,
        Шеки); failing that, the first that does through Latin (``ru → latn → armn``).
        Else the first form.
        """
        from onoma.lang.scripts import expected_script, scripts_in

        order = dict.fromkeys([self.source, "en", *entry.names])
        forms = [(lang, entry.names[lang]) for lang in order if lang in entry.names]
        script = target_script_code(self.target)
        if script is None:
            return forms[0][1]
        wanted = {expected_script(self.target)}
        target_base = self.target.replace("_", "-").split("-")[0]
        for lang, form in forms:
            # Azerbaijani letters are no English spelling: Şəki goes through the press scheme.
            azerbaijani = lang.split("-")[0].split("_")[0] == "az" and target_base != "az"
            if scripts_in(form) <= wanted and not azerbaijani:
                return form
        for via_latin in (False, True):
            for lang, form in forms:
                candidate = _transliterate(
                    form, lang, script, via_latin=via_latin, attested=self._attested_words()
                )
                if candidate is not None and scripts_in(candidate) <= wanted:
                    return candidate
        return forms[0][1]

    def _attested_words(self) -> frozenset[str]:
        """The glossary's Armenian words: a curated spelling wins when press Latin is
        ambiguous (Torosyan: Թորոսյան or Տորոսյան)."""
        if self._attested is None:
            from onoma.translit import attested_words

            self._attested = attested_words(self._glossary.names_in("hy"))
        return self._attested

    def slots(self, sentence: str) -> list[Slot]:
        """The slots of ``sentence``, left to right, adjacent names merged."""
        slots = [
            Slot(s, e, sentence[s:e], forms=(sentence[s:e],)) for s, e in verbatim_spans(sentence)
        ]
        taken = [(s.start, s.end) for s in slots]
        for match in self.matcher.find(sentence):
            if self.names_only and not match.pattern.is_name:
                continue
            if any(s < match.end and match.start < e for s, e in taken):
                continue
            form = carry_case(match.surface, self.target_form(match.entry), match.pattern.text)
            self.entries.setdefault(match.entry.id, match.entry)
            slots.append(Slot(match.start, match.end, form, (match.entry.id,), (form,)))
        slots.sort(key=lambda slot: slot.start)
        merged: list[Slot] = []
        for slot in slots:
            prev = merged[-1] if merged else None
            gap = sentence[prev.end : slot.start] if prev else ""
            if prev and prev.ids and slot.ids and gap and not gap.strip():
                merged[-1] = Slot(
                    prev.start,
                    slot.end,
                    prev.target + gap + slot.target,
                    prev.ids + slot.ids,
                    prev.forms + slot.forms,
                )
            else:
                merged.append(slot)
        return merged

    def prepare(self, sentence: str) -> Prepared:
        """Replace the slots of ``sentence`` by numbered placeholders."""
        slots = self.slots(sentence)
        if not slots:
            return Prepared(sentence, sentence)
        used = {int(m.group(1)) for m in _BRACKETED.finditer(sentence)}
        numbers: list[int] = []
        candidate = 1
        for _ in slots:
            while candidate in used:
                candidate += 1
            numbers.append(candidate)
            candidate += 1
        pieces: list[str] = []
        cursor = 0
        for slot, number in zip(slots, numbers, strict=True):
            pieces.append(sentence[cursor : slot.start])
            pieces.append(PLACEHOLDER.format(number))
            cursor = slot.end
        pieces.append(sentence[cursor:])
        return Prepared(sentence, "".join(pieces), slots, numbers)

    def restore(
        self, prepared: Prepared, output: str, cases: list[str] | None = None
    ) -> str | None:
        """``output`` with placeholders replaced, or None if one is missing or repeated.

        In Russian, Armenian and Azerbaijani a name is written in the case its place asks
        for (see :func:`~onoma.translation.cases.name_in_case`); ``cases`` gets, per
        name, the case written or, for a name left in its base form, ``"base: why"``."""
        if not prepared.slots:
            return output
        targets = dict(zip(prepared.numbers, prepared.slots, strict=True))
        # A glued ending that the source itself had ("[1]-based") is kept.
        pattern = _PLACEHOLDER_ENDING if self.lang in ("hy", "az") else _PLACEHOLDER
        own = {int(m.group(1)): m.group(2) for m in pattern.finditer(prepared.masked) if m.group(2)}
        seen: Counter[int] = Counter()

        def put(match: re.Match[str]) -> str:
            number = int(match.group(1))
            if number not in targets:
                return match.group(0)
            seen[number] += 1
            ending = match.group(2)
            slot = targets[number]
            if ending and own.get(number) == ending:
                return slot.target + ending
            before = match.string[: match.start()]
            form, note = name_in_case(self.lang, slot, self.entries, ending, before)
            if cases is not None and slot.ids:
                cases.append(note)
            return form

        restored = pattern.sub(put, output)
        if any(seen[n] != 1 for n in targets):
            return None
        return restored

    def check(self, prepared: Prepared, output: str | None) -> Check:
        """Whether ``output`` (restored) keeps every slot of the sentence exactly."""
        expected = prepared.expected
        if output is None:
            return Check(False, 0, "a placeholder was lost or repeated")
        found = count_in_any_case(output, prepared.slots, self.lang, self.entries)
        preserved = sum(min(found[f], n) for f, n in prepared.entity_forms.items())
        if found != expected:
            return Check(False, preserved, "a name is missing or repeated")
        outside = " ".join(_between_slots(prepared))
        if len(_FRAGMENT.findall(output)) > len(_FRAGMENT.findall(outside)):
            return Check(False, preserved, "placeholder fragments left in the output")
        return Check(True, preserved)

    def pieces(self, prepared: Prepared) -> list[str]:
        """The texts between slots (for the segmented fallback), leading ``’s`` dropped."""
        texts = _between_slots(prepared)
        if self.source == "en":
            texts = [texts[0]] + [_POSSESSIVE.sub("", t) for t in texts[1:]]
        return texts

    def join(self, prepared: Prepared, translated: list[str]) -> str:
        """Join translated pieces and the slots' target forms, in source order.

        A space is put between a name and a translated piece that would otherwise
        glue onto it, so that each name stays a whole word.
        """
        out = translated[0]
        for slot, piece in zip(prepared.slots, translated[1:], strict=True):
            if _glued(out, slot.target):
                out += " "
            out += slot.target
            if _glued(slot.target, piece):
                out += " "
            out += piece
        return out


def _transliterate(
    form: str, lang: str, script: str, *, via_latin: bool, attested: frozenset[str]
) -> str | None:
    """``form`` (written in ``lang``) transliterated into ``script``, or None if it cannot be."""
    from onoma.lang.scripts import scripts_in
    from onoma.translit import TranslitError, transliterate

    lang = lang.replace("_", "-").split("-")[0]  # az-Cyrl is transliterated as az
    # An Azerbaijani name goes into other languages as their press writes it (Şəki:
    # Sheki, Шеки), not into Azerbaijani Cyrillic (Шәки).
    scheme = "press" if lang == "az" and not scripts_in(form) - {"Latin"} else None
    try:
        if via_latin:
            latin = transliterate(form, to="latn", lang=lang, scheme=scheme)
            return transliterate(latin, to=script, lang="en", attested=attested)
        return transliterate(form, to=script, lang=lang, scheme=scheme, attested=attested)
    except TranslitError:
        return None


def _glued(left: str, right: str) -> bool:
    return bool(left and right) and is_word_char(left[-1]) and is_word_char(right[0])


def _between_slots(prepared: Prepared) -> list[str]:
    """The texts of the source sentence before, between and after its slots."""
    pieces, cursor = [], 0
    for slot in prepared.slots:
        pieces.append(prepared.source[cursor : slot.start])
        cursor = slot.end
    pieces.append(prepared.source[cursor:])
    return pieces
