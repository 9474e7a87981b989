"""TBX-Basic (ISO 30042) export and import, the termbase format CAT tools exchange.

Export writes TBX-Basic v2 (``<martif type="TBX-Basic">``), which OmegaT, memoQ and
Trados import. One ``termEntry`` per entry (``id`` = entry id):

- ``<descrip type="subjectField">`` holds the entry type (person, place…);
- ``<descrip type="definition">`` holds the note;
- ``<note>onoma:case_sensitive</note>`` and ``<note>onoma:review</note>`` the flags;
- one ``langSet xml:lang=…`` per language, one ``tig`` per term: the name with
  ``administrativeStatus`` ``preferredTerm-admn-sts``, each variant with
  ``admittedTerm-admn-sts``; ``partOfSpeech`` is ``properNoun``.

Import also reads TBX v3 (``conceptEntry``/``langSec``/``termSec``) and ``ntig``. A
preferred term (or the first term without a status) is the name; the other terms,
admitted or deprecated, are variants. What has no place in a glossary entry is counted
and reported. A DTD or an entity declaration is refused by the parser (no billion
laughs, no external entities), in any encoding.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from onoma.curate.exchange.common import ExchangeError, Imported
from onoma.curate.ids import unique_id
from onoma.errors import GlossaryError
from onoma.glossary.fmt import sorted_langs
from onoma.glossary.model import ENTRY_TYPES, LANG_CODE, Entry, Glossary
from onoma.glossary.yamltext import MAX_NOTE

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"
FLAGS = ("case_sensitive", "review")
_XML_BAD = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def write_tbx(glossary: Glossary) -> str:
    """The glossary as a TBX-Basic document (see the module docs)."""
    import xml.etree.ElementTree as ET

    langs = sorted_langs(glossary.languages())
    root = ET.Element("martif", {"type": "TBX-Basic", XML_LANG: langs[0] if langs else "en"})
    header = ET.SubElement(root, "martifHeader")
    source = ET.SubElement(ET.SubElement(header, "fileDesc"), "sourceDesc")
    ET.SubElement(source, "p").text = "Exported by onoma glossary export"
    ET.SubElement(
        ET.SubElement(header, "encodingDesc"), "p", type="XCSURI"
    ).text = "TBXBasicXCSV02.xcs"
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    for entry in glossary:
        _check_xml_text(entry)
        term_entry = ET.SubElement(body, "termEntry", id=xml_id(entry.id))
        ET.SubElement(term_entry, "descrip", type="subjectField").text = entry.type
        if entry.note is not None:
            ET.SubElement(term_entry, "descrip", type="definition").text = entry.note
        for flag in FLAGS:
            if getattr(entry, flag):
                ET.SubElement(term_entry, "note").text = f"onoma:{flag}"
        for lang in sorted_langs({*entry.names, *entry.variants}):
            lang_set = ET.SubElement(term_entry, "langSet", {XML_LANG: lang})
            if lang in entry.names:
                _tig(lang_set, entry.names[lang], PREFERRED)
            for variant in entry.variants.get(lang, ()):
                _tig(lang_set, variant, ADMITTED)
    ET.indent(root)
    text = ET.tostring(root, encoding="unicode").replace("\r", "&#13;")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n"


ID_PREFIX = "id-"
"""Put before an id that cannot start an XML name (``26-commissars``): ``termEntry/@id``
must be one. Import takes it off again."""


def xml_id(entry_id: str) -> str:
    """``entry_id`` as a valid XML name (NCName), reversibly (see :func:`entry_id_of`)."""
    if (entry_id[:1].isalpha() or entry_id[:1] == "_") and not entry_id.startswith(ID_PREFIX):
        return entry_id
    return ID_PREFIX + entry_id


def entry_id_of(xml_name: str) -> str:
    """The onoma id an exported ``termEntry/@id`` stands for."""
    rest = xml_name.removeprefix(ID_PREFIX)
    if not xml_name.startswith(ID_PREFIX) or not rest:
        return xml_name
    if rest.startswith(ID_PREFIX) or not (rest[0].isalpha() or rest[0] == "_"):
        return rest
    return xml_name


def _tig(lang_set: Any, term: str, status: str) -> None:
    import xml.etree.ElementTree as ET

    tig = ET.SubElement(lang_set, "tig")
    ET.SubElement(tig, "term").text = term
    ET.SubElement(tig, "termNote", type="partOfSpeech").text = "properNoun"
    ET.SubElement(tig, "termNote", type="administrativeStatus").text = status


def _check_xml_text(entry: Entry) -> None:
    texts = [entry.id, *(text for _, text, _ in entry.all_forms()), entry.note or ""]
    for text in texts:
        bad = _XML_BAD.search(text)
        if bad:
            raise ExchangeError(
                f"entry {entry.id!r}: {text!r} has U+{ord(bad.group()):04X}, which XML cannot hold"
            )


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _text(element: Any) -> str:
    return "".join(element.itertext())


MAX_DEPTH = 32
"""How deep elements may nest in a TBX file. TBX-Basic needs 7 levels (martif, text,
body, termEntry, langSet, tig, termNote), TBX v3 one or two more (termSec, termNoteGrp),
and a note may hold a level or two of inline markup (``<hi>``): 32 leaves room for any
real termbase. Deeper nesting is hostile or broken (glossary YAML stops at 16), and it
is refused while the file is parsed, before a tree is built to be walked."""


class _TooDeep(Exception):
    """Raised by :class:`_BoundedBuilder` when an element opens past :data:`MAX_DEPTH`."""


def _bounded_builder() -> Any:
    """A TreeBuilder that raises :class:`_TooDeep` past :data:`MAX_DEPTH` levels."""
    import xml.etree.ElementTree as ET

    class _BoundedBuilder(ET.TreeBuilder):
        depth = 0

        def start(self, tag: Any, attrs: Any) -> Any:
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise _TooDeep
            return super().start(tag, attrs)

        def end(self, tag: Any) -> Any:
            self.depth -= 1
            return super().end(tag)

    return _BoundedBuilder()


def parse_xml(data: bytes, path: Path) -> Any:
    """Parse XML safely: an entity declaration (in a DOCTYPE's internal subset) or an
    external reference is refused by the parser itself (defusedxml over expat), whatever
    encoding the bytes are in (UTF-8, UTF-16 with or without a byte-order mark, or an
    encoding the XML declaration names), so that no entity is ever expanded and nothing
    is fetched. A plain ``<!DOCTYPE martif SYSTEM "…dtd">``, as TBX files carry, is read
    (the DTD itself is never loaded). Elements nested deeper than :data:`MAX_DEPTH` are
    refused as the parser meets them."""
    import xml.etree.ElementTree as ET

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import DefusedXMLParser

    parser = DefusedXMLParser(
        target=_bounded_builder(), forbid_dtd=False, forbid_entities=True, forbid_external=True
    )
    try:
        parser.feed(data)
        return parser.close()
    except _TooDeep:
        line = parser.parser.CurrentLineNumber
        raise ExchangeError(
            f"{path}:{line}: elements nested deeper than {MAX_DEPTH} levels (TBX needs "
            "about 8); refused"
        ) from None
    except DefusedXmlException as exc:
        raise ExchangeError(
            f"{path}: the file declares entities ({exc}); refused for safety"
        ) from None
    except ET.ParseError as exc:
        line, column = exc.position
        raise ExchangeError(f"{path}:{line}: not well-formed XML (column {column + 1})") from None
    except (LookupError, ValueError) as exc:  # an unknown or impossible declared encoding
        raise ExchangeError(f"{path}: cannot read the XML ({exc})") from None


_TRIMMED, _EMPTY = "\0trimmed", "\0empty"  # counted with the unmapped fields, reported apart


def read_tbx(data: bytes, path: Path) -> Imported:
    """TBX (Basic v2 or v3) into entries; what cannot be mapped is reported."""
    from onoma.glossary.load import parse_entry

    root = parse_xml(data, path)
    if _local(root.tag) not in ("martif", "tbx"):
        raise ExchangeError(f"{path}: not a TBX file (root element <{_local(root.tag)}>)")
    unmapped: Counter[str] = Counter()
    notes: list[str] = []
    entries: list[Entry] = []
    taken: set[str] = set()
    untyped = 0
    concepts = [e for e in root.iter() if _local(e.tag) in ("termEntry", "conceptEntry")]
    for number, concept in enumerate(concepts, 1):
        item = _read_concept(concept, unmapped, notes, number)
        label = concept.get("id") or f"#{number}"
        if not item["names"]:
            notes.append(f"entry {label}: no term with a language; skipped")
            continue
        untyped += "type" not in item
        entry_id = entry_id_of(concept.get("id") or "")
        if not entry_id or entry_id in taken:
            new_id = unique_id(entry_id or next(iter(item["names"].values())), taken)
            notes.append(f"entry {label}: {'id repeats' if entry_id else 'no id'}; made {new_id!r}")
            entry_id = new_id
        taken.add(entry_id)
        item["id"] = entry_id
        try:
            entries.append(parse_entry(item, path, 0))
        except GlossaryError as exc:
            notes.append(f"entry {label}: {exc.message}; skipped")
    if untyped:
        notes.append(
            f"{untyped} entr{'y' if untyped == 1 else 'ies'} without a subjectField type "
            "made 'other'"
        )
    trimmed, empty = unmapped.pop(_TRIMMED, 0), unmapped.pop(_EMPTY, 0)
    if trimmed:
        notes.append(f"{trimmed} term{'s' if trimmed != 1 else ''}: spaces trimmed")
    if empty:
        notes.append(f"{empty} empty term{'s' if empty != 1 else ''} skipped (their entries kept)")
    if unmapped:
        kinds = ", ".join(f"{count} × {kind}" for kind, count in sorted(unmapped.items()))
        notes.append(f"not mapped: {kinds}")
    return Imported(entries, notes)


def _read_concept(concept: Any, unmapped: Counter[str], notes: list[str], number: int) -> dict:
    item: dict[str, Any] = {"names": {}}
    variants: dict[str, list[str]] = {}
    term_notes: list[str] = []
    for child in concept:
        tag = _local(child.tag)
        if tag in ("descrip", "descripGrp"):
            descrip = (
                child
                if tag == "descrip"
                else next((e for e in child.iter() if _local(e.tag) == "descrip"), child)
            )
            kind, value = descrip.get("type"), _text(descrip)
            if kind == "subjectField" and value in ENTRY_TYPES and "type" not in item:
                item["type"] = value
            elif kind == "definition" and "note" not in item:
                item["note"] = value
            else:
                unmapped[f"descrip {kind}"] += 1
        elif tag == "note" and _text(child).removeprefix("onoma:") in FLAGS:
            item[_text(child).removeprefix("onoma:")] = True
        elif tag == "note" and _text(child).strip():
            term_notes.append(" ".join(_text(child).split()))
        elif tag in ("langSet", "langSec"):
            term_notes += _read_lang_set(
                child, item["names"], variants, unmapped, notes, concept, number
            )
        else:
            unmapped[tag] += 1
    if variants:
        item["variants"] = variants
    if term_notes:
        # One line, as glossary lint wants a note (each term note is one line already).
        note = "; ".join([*([item["note"]] if "note" in item else []), *term_notes])
        if len(note) <= MAX_NOTE:
            item["note"] = note
        else:
            unmapped["term note (the entry's note would pass 10,000 characters)"] += len(term_notes)
    return item


def _read_lang_set(
    lang_set: Any,
    names: dict[str, str],
    variants: dict[str, list[str]],
    unmapped: Counter[str],
    notes: list[str],
    concept: Any,
    number: int,
) -> list[str]:
    """Read one language's terms into ``names`` and ``variants``; returns the term-level
    notes, each as ``lang 'term': note``, for the entry's note."""
    terms: list[tuple[str, str | None]] = []
    term_notes: list[tuple[str, str]] = []
    for tig in lang_set:
        tag = _local(tig.tag)
        if tag == "note" and _text(tig).strip():
            term_notes.append(("", " ".join(_text(tig).split())))
            continue
        if tag not in ("tig", "ntig", "termSec"):
            unmapped[f"{tag} in langSet"] += 1
            continue
        term = next((e for e in tig.iter() if _local(e.tag) == "term"), None)
        if term is None:
            unmapped[f"{tag} without term"] += 1
            continue
        raw = _text(term)
        status, text = None, " ".join(raw.split())
        # Depth first in document order, as tig.iter(), but without going into an
        # element whose text was read (its children are inline markup of that text):
        # each text is read once, so the walk stays linear in the size of the tig.
        stack = list(reversed(tig))
        while stack:
            field = stack.pop()
            kind = _local(field.tag)
            read = kind == "note" or (
                kind == "termNote" and field.get("type") in ("administrativeStatus", "partOfSpeech")
            )
            if not read:
                stack.extend(reversed(field))
            if field is term or kind == "term":
                continue
            value = _text(field) if read else ""
            if kind == "termNote" and field.get("type") == "administrativeStatus":
                status = value.strip()
            elif kind == "note" and value.strip():
                term_notes.append((text, " ".join(value.split())))
            elif kind == "termNote" and (field.get("type"), value) == (
                "partOfSpeech",
                "properNoun",
            ):
                continue  # what onoma writes for every term: names are proper nouns
            elif kind not in ("termGrp", "termNoteGrp", "descripGrp", "admin"):
                unmapped[f"term {kind} {field.get('type') or ''}".rstrip()] += 1
        if text != raw:
            unmapped[_TRIMMED] += 1
        if not text:
            unmapped[_EMPTY] += 1
            continue
        terms.append((text, status))
    label = concept.get("id") or f"#{number}"
    lang = lang_set.get(XML_LANG) or lang_set.get("lang") or ""
    if "-" in lang:
        base, _, rest = lang.partition("-")
        lang = f"{base.lower()}-{rest}"
    else:
        lang = lang.lower()
    if not LANG_CODE.match(lang):
        what = f"language {lang!r}" if lang else "no language"
        notes.append(f"entry {label}: {len(terms)} terms with {what} skipped")
        return []
    preferred = [t for t, s in terms if s is not None and s.startswith("preferred")]
    plain = [t for t, s in terms if s is None]
    first = (preferred + plain)[:1]
    if len(preferred) > 1:
        notes.append(f"entry {label}: {len(preferred)} preferred {lang} terms; first is the name")
    for text, _status in terms:
        if first and text == first[0] and lang not in names:
            names[lang] = text
        else:
            variants.setdefault(lang, []).append(text)
    return [f"{lang} {term!r}: {note}" if term else f"{lang}: {note}" for term, note in term_notes]
