"""The canonical layout of glossary files, so that diffs between versions stay small.

The layout ``onoma glossary fmt`` writes:

- entries sorted by id (a stable sort: repeated ids keep their order), one blank line
  between entries, the file's header comment first;
- keys in the order ``id, type, names, variants, gender, indeclinable, forms,
  case_sensitive, review, note``; ``forms`` as ``ru: {gen: …, loc: …}`` in case order;
  ``type`` always written (``other`` when it was left out), ``case_sensitive`` and
  ``review`` when true or written, empty variant lists dropped;
- languages in the order ``en, hy, ru, az`` (onoma's core languages), then the others
  alphabetically;
- names as ``lang: name``; variants as flow lists, ``en: [Artzakh, Artsax]``;
- strings plain when that is unambiguous, else in double quotes with escapes;
- every comment kept, next to the field it was written on.

:func:`onoma.glossary.edit.format_edit` turns a whole file into this layout as a checked
edit, saved like every other glossary edit.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from onoma.glossary.document import Comments, Document
from onoma.glossary.model import CORE_LANGUAGES, Entry

KEY_ORDER = (
    "id", "type", "names", "variants", "gender", "indeclinable", "forms",
    "case_sensitive", "review", "note",
)  # fmt: skip
CASE_ORDER = ("nom", "nom.def", "gen", "dat", "dat.def", "acc", "ins", "loc", "abl")
"""The order of the cases in ``forms:`` (Universal Dependencies names)."""

_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
_SPECIAL_WORDS = {"true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", "=", "<<"}
_NUMBER_LIKE = re.compile(r"^[-+.]?\d|^\.(inf|nan)$", re.IGNORECASE)
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}


def lang_key(lang: str) -> tuple[int, str]:
    """Sort key for language codes: the core languages first, then alphabetical."""
    if lang in CORE_LANGUAGES:
        return CORE_LANGUAGES.index(lang), ""
    return len(CORE_LANGUAGES), lang


def _case_key(case: str) -> tuple[int, str]:
    return (CASE_ORDER.index(case), "") if case in CASE_ORDER else (len(CASE_ORDER), case)


def sorted_langs(langs: Iterable[str]) -> list[str]:
    return sorted(langs, key=lang_key)


def is_plain_safe(text: str) -> bool:
    """Whether ``text`` reads back as the same string when written without quotes,
    in block and flow context alike, for YAML 1.1 and 1.2 readers."""
    if not text or text != text.strip() or not text.isprintable():
        return False
    if text[0] in _INDICATORS or any(c in text for c in ",[]{}#:"):
        return False
    return text.lower() not in _SPECIAL_WORDS and not _NUMBER_LIKE.match(text)


def scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain when safe, else double-quoted with escapes."""
    if is_plain_safe(text):
        return text
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif char.isprintable() or char == " ":
            out.append(char)
        elif ord(char) <= 0xFF:
            out.append(f"\\x{ord(char):02x}")
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    return '"' + "".join(out) + '"'


def comment(text: str) -> str:
    """``text`` as one comment line: whitespace runs made one space, unprintables escaped."""
    flat = " ".join(text.split())
    return "# " + "".join(c if c.isprintable() else scalar(c)[1:-1] for c in flat)


def flow_list(items: Iterable[str]) -> str:
    return "[" + ", ".join(scalar(item) for item in items) + "]"


def emit_entry(
    entry: Entry,
    comments: Comments | None = None,
    *,
    written: Collection[str] = (),
    indent: int = 0,
) -> list[str]:
    """The lines of one entry in the canonical layout, its comments in place.

    ``written`` names the keys the file had: ``case_sensitive`` and ``review`` are kept
    when written, even when false. Comments on a field that is not written (an empty
    variant list) move to the next field written.
    """
    comments = comments or Comments()
    pad = " " * indent
    out = [pad + line if line else "" for line in comments.leading]
    pending: list[str] = []
    used: set[str] = set()

    def line(key: str, depth: int, text: str) -> None:
        used.add(key)
        slot = comments.slots.get(key)
        lead = " " * depth
        out.extend(pad + lead + c for c in [*pending, *(slot.before if slot else ())])
        pending.clear()
        eol = f"  {slot.eol}" if slot and slot.eol else ""
        out.append(pad + lead + text + eol)

    def skip(key: str) -> None:
        used.add(key)
        slot = comments.slots.get(key)
        if slot:
            pending.extend(slot.before + ([slot.eol] if slot.eol else []))

    line("id", 0, f"- id: {scalar(entry.id)}")
    line("type", 2, f"type: {scalar(entry.type)}")
    line("names", 2, "names:")
    for lang in sorted_langs(entry.names):
        line(f"names.{lang}", 4, f"{lang}: {scalar(entry.names[lang])}")
    variants = {lang: forms for lang, forms in entry.variants.items() if forms}
    if variants:
        line("variants", 2, "variants:")
    else:
        skip("variants")
    for lang in sorted_langs(entry.variants):
        if lang in variants:
            line(f"variants.{lang}", 4, f"{lang}: {flow_list(variants[lang])}")
        else:
            skip(f"variants.{lang}")
    if entry.gender:
        line("gender", 2, f"gender: {scalar(entry.gender)}")
    if entry.indeclinable:
        line("indeclinable", 2, f"indeclinable: {flow_list(sorted_langs(entry.indeclinable))}")
    if entry.case_forms:
        line("forms", 2, "forms:")
        for lang in sorted_langs(entry.case_forms):
            cases = sorted(entry.case_forms[lang], key=_case_key)
            pairs = ", ".join(f"{scalar(c)}: {scalar(entry.case_forms[lang][c])}" for c in cases)
            line(f"forms.{lang}", 4, f"{lang}: {{{pairs}}}")
    for flag in ("case_sensitive", "review"):
        value = getattr(entry, flag)
        if value or flag in written:
            line(flag, 2, f"{flag}: {'true' if value else 'false'}")
    if entry.note is not None:
        line("note", 2, f"note: {scalar(entry.note)}")
    for key, slot in comments.slots.items():
        if key not in used:
            pending.extend(slot.before + ([slot.eol] if slot.eol else []))
    out.extend(pad + "  " + c for c in [*pending, *comments.trailing])
    return out


def format_document(doc: Document) -> str:
    """The whole file in the canonical layout (entries sorted by id)."""
    out = list(doc.header)
    blocks = sorted(doc.blocks, key=lambda block: block.entry.id)
    for block in blocks:
        if out:
            out.append("")
        out.extend(emit_entry(block.entry, block.comments, written=block.keys))
    if doc.footer:
        if out:
            out.append("")
        out.extend(doc.footer)
    return "\n".join(out) + "\n" if out else ""


def format_entries(entries: Iterable[Entry], header: Iterable[str] = ()) -> str:
    """New glossary text holding ``entries`` in the canonical layout."""
    out = list(header)
    for entry in sorted(entries, key=lambda e: e.id):
        if out:
            out.append("")
        out.extend(emit_entry(entry))
    return "\n".join(out) + "\n" if out else ""


def format_text(text: str, path: str = "<text>") -> str:
    """Format glossary text (see the module docs); raises GlossaryError when invalid."""
    from pathlib import Path

    from onoma.glossary.document import parse_document

    return format_document(parse_document(text, Path(path)))
