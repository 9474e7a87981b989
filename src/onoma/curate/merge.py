"""Fold one glossary entry into another: ``onoma glossary merge A B``.

Every form of A (names first, then variants) goes to B in its language: as B's name
where B has none in that language, else as a variant. A form that B already has is
skipped; a form that belongs to a third entry is left out and reported, since keeping
it would make the glossary ambiguous. A is then removed. A's comments (and its note,
when B has one of its own) are kept as comments above B.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from onoma.errors import OnomaError
from onoma.glossary.document import Comments, Document
from onoma.glossary.edit import FileEdit, open_document, rewrite
from onoma.glossary.fmt import comment
from onoma.glossary.model import Entry, Glossary
from onoma.lang.case import fold_case


@dataclass
class MergeResult:
    """The merged entry, what happened to each of A's forms, and the file edits."""

    entry: Entry
    moved: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    edits: list[FileEdit] = field(default_factory=list)


def merge_entries(glossary: Glossary, files: list[Path], id_a: str, id_b: str) -> MergeResult:
    """Plan the merge of entry ``id_a`` into ``id_b``; nothing is written (see ``save``)."""
    if id_a == id_b:
        raise OnomaError(f"cannot merge entry {id_a!r} into itself")
    opened = {path: open_document(path) for path in files}
    found = {id_a: _places(opened, id_a), id_b: _places(opened, id_b)}
    [(path_a, index_a)], [(path_b, index_b)] = found[id_a], found[id_b]
    doc_a, doc_b = opened[path_a], opened[path_b]
    a, b = doc_a.blocks[index_a], doc_b.blocks[index_b]
    result = fold(a.entry, b.entry, glossary)

    extra = a.comments.all_lines()
    if a.entry.note is not None and b.entry.note is not None and a.entry.note != b.entry.note:
        extra.append(comment(f"note: {a.entry.note}"))
        result.warnings.append(f"kept the note of {id_b!r}; the note of {id_a!r} is now a comment")
    if extra:
        extra.insert(0, comment(f"merged from {id_a}:"))
    comments = Comments(
        leading=[*b.comments.leading, *extra],
        trailing=list(b.comments.trailing),
        slots=b.comments.slots,
    )
    if path_a == path_b:
        result.edits = [rewrite(doc_b, {index_b: (result.entry, comments)}, [index_a])]
    else:
        result.edits = [
            rewrite(doc_b, {index_b: (result.entry, comments)}),
            rewrite(doc_a, {}, [index_a]),
        ]
    return result


def _places(opened: dict[Path, Document], entry_id: str) -> list[tuple[Path, int]]:
    """Where ``entry_id`` is defined: its one (file, block index). Raises OnomaError when
    no file defines it, or when several blocks do (in one file or in several): a merge
    would fold or keep one copy and leave the others, so every place is named."""
    places = [
        (path, index)
        for path, doc in opened.items()
        for index, block in enumerate(doc.blocks)
        if block.entry.id == entry_id
    ]
    if not places:
        names = ", ".join(str(path) for path in opened) or "no file"
        raise OnomaError(f"no entry with id {entry_id!r} in {names}")
    if len(places) > 1:
        where = ", ".join(opened[path].blocks[i].entry.where("id") for path, i in places)
        raise OnomaError(
            f"id {entry_id!r} is defined {len(places)} times ({where}); keep one of them "
            "before merging; nothing was written"
        )
    return places


def fold(a: Entry, b: Entry, glossary: Glossary) -> MergeResult:
    """B with A's forms added (see the module docs), and the report of each form."""
    others = Glossary([e for e in glossary if e.id not in (a.id, b.id)]).form_index()
    names = dict(b.names)
    variants = {lang: list(forms) for lang, forms in b.variants.items()}
    result = MergeResult(b)
    for lang, text, field_path in a.all_forms():
        have = {fold_case(form) for form in [names.get(lang, ""), *variants.get(lang, ())]}
        key = (lang, fold_case(text))
        if key[1] in have:
            result.skipped.append(f"{lang} {text!r}: {b.id!r} has it already")
        elif key in others:
            other, _field = others[key]
            result.conflicts.append(
                f"{lang} {text!r} left out: it is already a form of {other.id!r} ({other.where()})"
            )
        elif field_path.startswith("names.") and lang not in names:
            names[lang] = text
            result.moved.append(f"{lang} {text!r} → name of {b.id!r}")
        else:
            variants.setdefault(lang, []).append(text)
            result.moved.append(f"{lang} {text!r} → variant of {b.id!r}")
    if a.case_sensitive and not b.case_sensitive:
        result.warnings.append(
            f"{a.id!r} was case-sensitive, {b.id!r} is not: its forms now match in any case"
        )
    result.entry = replace(
        b,
        names=names,
        variants={lang: tuple(forms) for lang, forms in variants.items()},
        note=b.note if b.note is not None else a.note,
    )
    return result
