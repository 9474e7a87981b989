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
and reported. A DTD internal subset or an entity declaration is refused by the parser
itself, in any encoding (no billion laughs, no injected text); no external DTD is fetched.
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

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"
FLAGS = ("case_sensitive", "review")
_XML_BAD = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


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
        term_entry = ET.SubElement(body, "termEntry", id=entry.id)
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


def parse_xml(data: bytes, path: Path) -> Any:
    """Parse XML with expat, refusing a DTD internal subset or any entity declaration.

    The refusal happens inside the parser (expat handlers raise), so no encoding trick
    hides it: the text is decoded first (BOM, the UTF-16/UTF-32 byte patterns of XML
    appendix F, or the declared encoding) and expat reads it as UTF-8.
    """
    import xml.etree.ElementTree as ET
    from xml.parsers import expat

    text = _decode_xml(data, path)
    builder = ET.TreeBuilder()
    parser = expat.ParserCreate("utf-8", "}")

    def refuse(what: str) -> None:
        raise ExchangeError(f"{path}: the file {what}; refused for safety (no entity expansion)")

    def doctype(_name: str, _system: str | None, _public: str | None, internal: int) -> None:
        if internal:
            refuse("has a DTD internal subset (<!DOCTYPE … [ … ]>)")

    def entity(name: str, *_rest: Any) -> None:
        refuse(f"declares the entity {name!r} (<!ENTITY>)")

    def skipped(name: str, _parameter: int) -> None:
        refuse(f"refers to the entity {name!r}, which only an external DTD could define")

    def start(tag: str, attributes: dict[str, str]) -> None:
        builder.start(_clark(tag), {_clark(k): v for k, v in attributes.items()})

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.UnparsedEntityDeclHandler = entity
    parser.SkippedEntityHandler = skipped
    parser.StartElementHandler = start
    parser.EndElementHandler = lambda tag: builder.end(_clark(tag))
    parser.CharacterDataHandler = builder.data
    parser.buffer_text = True
    try:
        parser.Parse(_DECLARATION.sub("", text, count=1).encode("utf-8"), True)
    except expat.ExpatError as exc:
        raise ExchangeError(
            f"{path}:{exc.lineno}: not well-formed XML (column {exc.offset + 1}: "
            f"{expat.ErrorString(exc.code)})"
        ) from None
    return builder.close()


def _clark(name: str) -> str:
    """expat's ``uri}local`` as ElementTree's ``{uri}local``."""
    return "{" + name if "}" in name else name


_BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xfe\xff", "utf-16"),
    (b"\xff\xfe", "utf-16"),
)
_DECLARED = re.compile(rb"^<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")


def _sniff_encoding(data: bytes) -> str:
    """The encoding of an XML document, as XML 1.0 appendix F detects it."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    head = data[:4]
    if len(head) == 4:
        if head[:3] == b"\0\0\0" and head[3]:
            return "utf-32-be"
        if head[0] and head[1:] == b"\0\0\0":
            return "utf-32-le"
        if head[0] == 0 and head[1] and head[2] == 0:
            return "utf-16-be"
        if head[0] and head[1] == 0 and head[3] == 0:
            return "utf-16-le"
    declared = _DECLARED.match(data.lstrip()[:200])
    return declared.group(1).decode("ascii").lower() if declared else "utf-8"


def _decode_xml(data: bytes, path: Path) -> str:
    encoding = _sniff_encoding(data)
    try:
        return data.decode(encoding)
    except LookupError:
        raise ExchangeError(f"{path}: unknown encoding {encoding!r} declared") from None
    except UnicodeDecodeError as exc:
        raise ExchangeError(f"{path}: not {encoding} text (byte {exc.start})") from None


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
        entry_id = concept.get("id") or ""
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
        elif tag in ("langSet", "langSec"):
            _read_lang_set(child, item["names"], variants, unmapped, notes, concept, number)
        else:
            unmapped[tag] += 1
    if variants:
        item["variants"] = variants
    return item


def _read_lang_set(
    lang_set: Any,
    names: dict[str, str],
    variants: dict[str, list[str]],
    unmapped: Counter[str],
    notes: list[str],
    concept: Any,
    number: int,
) -> None:
    terms: list[tuple[str, str | None]] = []
    for tig in lang_set:
        tag = _local(tig.tag)
        if tag not in ("tig", "ntig", "termSec"):
            unmapped[f"{tag} in langSet"] += 1
            continue
        term = next((e for e in tig.iter() if _local(e.tag) == "term"), None)
        if term is None:
            unmapped[f"{tag} without term"] += 1
            continue
        status = None
        for note in tig.iter():
            if _local(note.tag) == "termNote" and note.get("type") == "administrativeStatus":
                status = _text(note).strip()
        raw = _text(term)
        text = " ".join(raw.split())
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
        return
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
