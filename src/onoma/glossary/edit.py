"""Rewrite glossary files in place: append, replace or remove whole entries, or
reformat a whole file in the canonical layout of :mod:`onoma.glossary.fmt`.

Appending, replacing and removing change only the lines of the entries concerned:
every other byte of the file (other entries, comments, layout, line endings, BOM)
stays as it was. The new text is loaded again and checked before anything is written,
and the files are replaced together (two-phase: all temporary files first, then the
renames), so a failed edit leaves every original file untouched.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from onoma.errors import GlossaryError, InputError, OnomaError
from onoma.glossary import fmt
from onoma.glossary.document import Comments, Document, load_document, parse_document
from onoma.glossary.model import Entry
from onoma.glossary.yamltext import parse_entries


@dataclass
class FileEdit:
    """The new text of one glossary file; ``old`` is None for a file to create.

    :meth:`check` loads ``new`` again: it must hold the entries ``expect_ids``, with the
    content of ``expect_entries`` and the comments ``expect_comments`` (in any order) when
    those are given.
    """

    path: Path
    old: str | None
    new: str
    bom: bool = False
    expect_ids: tuple[str, ...] = ()
    expect_entries: tuple[Entry, ...] | None = None
    expect_comments: tuple[str, ...] | None = None

    @property
    def changed(self) -> bool:
        return self.old != self.new

    def diff(self) -> str:
        """A unified diff from the old text to the new one."""
        from onoma.text.files import unified_diff

        return unified_diff(self.old or "", self.new, self.path, bom=self.bom)

    def check(self) -> None:
        """Load the new text again: it must be a valid glossary with the expected entries
        (and comments, when counted); raises OnomaError, naming the file, when it is not."""
        try:
            if self.expect_comments is None:
                entries, comments = parse_entries(self.new, self.path), None
            else:
                doc = parse_document(self.new, self.path)
                entries, comments = [block.entry for block in doc.blocks], doc.comments
        except GlossaryError as exc:
            raise OnomaError(
                f"{self.path}: the edit would break the file ({exc}); nothing was written"
            ) from None
        if tuple(entry.id for entry in entries) != self.expect_ids:
            raise OnomaError(
                f"{self.path}: the edit would not give the expected entries; nothing was written"
            )
        if self.expect_entries is not None and list(map(content, entries)) != list(
            map(content, self.expect_entries)
        ):
            raise OnomaError(
                f"{self.path}: the edit would change what the entries say; nothing was written"
            )
        if comments is not None and sorted(comments) != sorted(self.expect_comments or ()):
            lost = len(self.expect_comments or ()) - len(comments)
            what = f"lose {lost} comment{'s' * (lost != 1)}" if lost > 0 else "change comments"
            raise OnomaError(f"{self.path}: the edit would {what}; nothing was written")


def content(entry: Entry) -> tuple:
    """What an entry says, without where it was written (empty variant lists dropped)."""
    variants = {lang: forms for lang, forms in entry.variants.items() if forms}
    return (
        entry.id,
        entry.type,
        entry.names,
        variants,
        entry.case_sensitive,
        entry.review,
        entry.note,
    )


def save(edits: Sequence[FileEdit]) -> None:
    """Check every edit (see :func:`verify`), then write the changed files all or none:
    each new text goes to a temporary file next to its target first, and only when all
    are written are they put in place (see :func:`onoma.text.files.write_atomic_all`,
    which never renames over a file that another program created meanwhile)."""
    from onoma.text.files import write_atomic_all

    stamps = verify(edits)
    changed = [edit for edit in edits if edit.changed]
    try:
        write_atomic_all([(edit.path, edit.new, edit.bom) for edit in changed], stamps=stamps)
    except InputError as exc:
        raise GlossaryError(exc.path, exc.message) from None


def verify(edits: Sequence[FileEdit]) -> list[tuple[int, int, int] | None]:
    """Everything :func:`save` checks before it writes, so that a dry run fails as the
    real run would: each edit's new text (:meth:`FileEdit.check`), each target (not a
    link, a folder or a read-only file; its folder there), and each file as it is now
    (still the text the edit started from; still absent for a file to create).

    Returns the stamps of the changed files (None for a file to create); raises
    OnomaError naming the file."""
    for edit in edits:
        edit.check()
    changed = [edit for edit in edits if edit.changed]
    seen: dict[str, Path] = {}
    for edit in changed:
        real = os.path.realpath(edit.path)
        if real in seen:
            raise GlossaryError(edit.path, f"cannot write: the same file as {seen[real]}")
        seen[real] = edit.path
        _check_target(edit.path)
    return [_unchanged_stamp(edit) for edit in changed]


def _check_target(path: Path) -> None:
    """Refuse, as :func:`onoma.text.files.write_atomic_all` does, a link, a file that is
    not a regular file or is read-only, and a folder where no file can be created."""
    from onoma.text.files import write_status

    try:
        write_status(path)
    except InputError as exc:
        raise GlossaryError(path, exc.message) from None
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise GlossaryError(path, f"cannot write: no folder {folder}")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise GlossaryError(path, f"cannot write: cannot create files in {folder}")


def _unchanged_stamp(edit: FileEdit) -> tuple[int, int, int] | None:
    """The file's stamp now, after checking that it still holds the text the edit
    started from; None for a file to create, after checking that it is still absent."""
    from onoma.text.files import file_stamp, read_text_file
    from onoma.text.place import APPEARED

    if edit.old is None:
        if os.path.lexists(edit.path):
            raise GlossaryError(edit.path, APPEARED)
        return None
    if not os.path.lexists(edit.path):
        raise GlossaryError(
            edit.path,
            "was removed while onoma was working on it; nothing was written: run again",
        )
    current = read_text_file(edit.path, skipped=False)
    if current.text != edit.old:
        raise GlossaryError(
            edit.path,
            "changed while onoma was working on it (another program wrote to it); "
            "left as it is: run again",
        )
    return current.stamp if current.stamp else file_stamp(os.stat(edit.path))


def open_document(path: Path) -> Document:
    """Parse a glossary file for editing (its text and BOM flag kept on the document)."""
    doc = load_document(path)
    if doc.flow:
        raise GlossaryError(
            path, "the entries are written as a flow list [...]; run 'onoma glossary fmt' first"
        )
    return doc


def append_entry(path: Path, entry: Entry) -> FileEdit:
    """Add ``entry`` at the end of ``path`` (created when missing), the rest unchanged."""
    if not path.exists():
        lines = fmt.emit_entry(entry)
        return FileEdit(path, None, "\n".join(lines) + "\n", expect_ids=(entry.id,))
    doc = open_document(path)
    indent = doc.blocks[-1].indent if doc.blocks else 0
    newline = doc.newline
    lines = fmt.emit_entry(entry, indent=indent)
    body = doc.text.rstrip()
    new = (body + newline * 2 if body else "") + newline.join(lines) + newline
    entries = (*(block.entry for block in doc.blocks), entry)
    ids = tuple(e.id for e in entries)
    return FileEdit(path, doc.text, new, doc.bom, ids, entries, tuple(doc.comments))


def format_edit(doc: Document) -> FileEdit | None:
    """The checked edit that rewrites ``doc`` in the canonical layout (entries sorted by
    id, line endings kept), None when it is in that layout already.

    The new text must load to the same entries, saying the same, with the same comments;
    raises OnomaError, naming the file, when it does not."""
    new = fmt.format_document(doc).replace("\n", doc.newline)
    if new == doc.text:
        return None
    entries = tuple(block.entry for block in sorted(doc.blocks, key=lambda b: b.entry.id))
    ids = tuple(entry.id for entry in entries)
    edit = FileEdit(doc.path, doc.text, new, doc.bom, ids, entries, tuple(doc.comments))
    edit.check()
    return edit


def rewrite(
    doc: Document,
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
                end += 1  # the blank line after it
            elif end >= len(lines) and start > 0 and not lines[start - 1].strip():
                start -= 1  # the last entry: the blank line before it
            del lines[start:end]
            continue
        entry, comments = replace[index]
        lines[block.start : block.end] = fmt.emit_entry(
            entry, comments, written=block.keys, indent=block.indent
        )
    new = doc.newline.join(lines)
    if lines and doc.final_newline:
        new += doc.newline
    entries = []
    for index, block in enumerate(doc.blocks):
        if index in replace:
            entries.append(replace[index][0])
        elif index not in removed:
            entries.append(block.entry)
    ids = tuple(entry.id for entry in entries)
    return FileEdit(doc.path, doc.text, new, doc.bom, ids, tuple(entries))
