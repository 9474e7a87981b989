"""Rewrite glossary files in place: append, replace or remove whole entries.

Only the lines of the entries concerned change: every other byte of the file (other
entries, comments, layout, line endings, BOM) stays as it was. The new text is loaded
again and checked before anything is written, and each file is replaced atomically,
so a failed edit leaves the original file untouched.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from onoma.errors import GlossaryError, InputError, OnomaError
from onoma.glossary.document import Comments, Document, parse_document
from onoma.glossary.fmt import emit_entry
from onoma.glossary.model import Entry
from onoma.glossary.yamltext import parse_entries, read_glossary_text


@dataclass
class FileEdit:
    """The new text of one glossary file; ``old`` is None for a file to create."""

    path: Path
    old: str | None
    new: str
    bom: bool = False
    expect_ids: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return self.old != self.new

    def diff(self) -> str:
        """A unified diff from the old text to the new one."""
        from onoma.files import unified_diff

        return unified_diff(self.old or "", self.new, self.path)

    def check(self) -> None:
        """Load the new text again: it must be a valid glossary with the expected ids."""
        try:
            ids = tuple(entry.id for entry in parse_entries(self.new, self.path))
        except GlossaryError as exc:
            raise OnomaError(
                f"{self.path}: the edit would break the file ({exc}); nothing was written"
            ) from None
        if ids != self.expect_ids:
            raise OnomaError(
                f"{self.path}: the edit would not give the expected entries; nothing was written"
            )


def save(edits: Sequence[FileEdit]) -> None:
    """Check every edit, then write the changed files atomically, one after another."""
    from onoma.files import write_atomic

    for edit in edits:
        edit.check()
    for edit in edits:
        if edit.changed:
            try:
                write_atomic(edit.path, edit.new, bom=edit.bom)
            except InputError as exc:
                raise GlossaryError(edit.path, exc.message) from None


def open_document(path: Path) -> tuple[Document, str, bool]:
    """Parse a glossary file for editing: the document, its text and its BOM flag."""
    text, bom = read_glossary_text(path)
    doc = parse_document(text, path)
    if doc.flow:
        raise GlossaryError(
            path, "the entries are written as a flow list [...]; run 'onoma glossary fmt' first"
        )
    return doc, text, bom


def append_entry(path: Path, entry: Entry) -> FileEdit:
    """Add ``entry`` at the end of ``path`` (created when missing), the rest unchanged."""
    if not path.exists():
        lines = emit_entry(entry)
        return FileEdit(path, None, "\n".join(lines) + "\n", expect_ids=(entry.id,))
    doc, text, bom = open_document(path)
    indent = doc.blocks[-1].indent if doc.blocks else 0
    newline = doc.newline
    lines = emit_entry(entry, indent=indent)
    body = text.rstrip()
    new = (body + newline * 2 if body else "") + newline.join(lines) + newline
    ids = (*(block.entry.id for block in doc.blocks), entry.id)
    return FileEdit(path, text, new, bom, ids)


def rewrite(
    doc: Document,
    text: str,
    bom: bool,
    replace: dict[int, tuple[Entry, Comments]],
    remove: Iterable[int] = (),
) -> FileEdit:
    """Replace some entry blocks (by index) with new entries and remove others."""
    lines = list(doc.lines)
    removed = set(remove)
    changes = sorted({*replace, *removed}, key=lambda i: doc.blocks[i].start, reverse=True)
    for index in changes:
        block = doc.blocks[index]
        if index in removed:
            start, end = block.start, block.end
            if (
                end < len(lines)
                and not lines[end].strip()
                and (start == 0 or not lines[start - 1].strip())
            ):
                end += 1
            del lines[start:end]
            continue
        entry, comments = replace[index]
        lines[block.start : block.end] = emit_entry(
            entry, comments, written=block.keys, indent=block.indent
        )
    new = doc.newline.join(lines)
    if lines and doc.final_newline:
        new += doc.newline
    ids = []
    for index, block in enumerate(doc.blocks):
        if index in replace:
            ids.append(replace[index][0].id)
        elif index not in removed:
            ids.append(block.entry.id)
    return FileEdit(doc.path, text, new, bom, tuple(ids))
