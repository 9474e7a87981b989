"""Rewrite glossary files in place: append, replace or remove whole entries, or
reformat a whole file in the canonical layout of :mod:`onoma.glossary.fmt`.

Appending, replacing and removing change only the lines of the entries concerned:
every other byte of the file (other entries, comments, layout, line endings, BOM)
stays as it was. The new text is loaded again and checked before anything is written,
and the files are replaced together (two-phase: all temporary files first, then the
renames), so a failed edit leaves every original file untouched.
"""

from __future__ import annotations

import contextlib
import errno
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
    are written are they renamed into place (see :func:`onoma.text.files.write_atomic_all`).

    A file to create is linked into place, never renamed over a file that another
    program created meanwhile (see :func:`_create`); files created before a later write
    fails are removed again, so a failed save leaves every file as it was."""
    from onoma.text.files import write_atomic_all

    stamps = verify(edits)
    changed = [edit for edit in edits if edit.changed]
    existing = [(e, s) for e, s in zip(changed, stamps, strict=True) if e.old is not None]
    created: list[tuple[Path, int]] = []
    try:
        for edit in changed:
            if edit.old is None:
                created.append((edit.path, _create(edit.path, edit.new, edit.bom)))
        if existing:
            write_atomic_all(
                [(edit.path, edit.new, edit.bom) for edit, _ in existing],
                stamps=[stamp for _, stamp in existing],
            )
    except BaseException as exc:
        _remove_created(created)
        if isinstance(exc, InputError):
            raise GlossaryError(exc.path, exc.message) from None
        raise


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


APPEARED = (
    "appeared while onoma was working on it (another program created it); "
    "nothing was written: run again"
)


def _unchanged_stamp(edit: FileEdit) -> tuple[int, int, int] | None:
    """The file's stamp now, after checking that it still holds the text the edit
    started from; None for a file to create, after checking that it is still absent."""
    from onoma.text.files import file_stamp, read_text_file

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


def _create(path: Path, text: str, bom: bool) -> int:
    """Write the new file ``path`` without ever replacing one: the text goes to a
    temporary file beside it (created 0666 less the umask, as a new file would be, and
    named as :func:`onoma.text.files.stale_temporaries` expects), which is then hard
    linked to ``path``; the link fails when ``path`` exists. Where the file system has
    no hard links, ``path`` is first created empty and exclusively, then replaced.
    Returns the new file's inode; raises GlossaryError naming ``path``."""
    from onoma.text.files import BOM

    data = ((BOM if bom else "") + text).encode("utf-8")
    tmp = ""
    try:
        try:
            fd, tmp = _create_temp(path)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
                inode = os.fstat(handle.fileno()).st_ino
        except OSError as exc:
            raise GlossaryError(path, f"cannot write: {exc.strerror or exc}") from None
        try:
            _link_into_place(tmp, path)
        except FileExistsError:
            raise GlossaryError(path, APPEARED) from None
        except OSError as exc:
            raise GlossaryError(path, f"cannot write: {exc.strerror or exc}") from None
        return inode
    finally:
        if tmp:
            Path(tmp).unlink(missing_ok=True)


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NO_HARD_LINKS = {
    errno.EPERM,
    errno.EOPNOTSUPP,
    errno.ENOTSUP,
    errno.ENOSYS,
    errno.EMLINK,
    errno.EINVAL,  # Windows on FAT or exFAT, and some network drives
}
"""How a file system says that it has no hard links: the name is reserved instead."""


def _create_temp(path: Path) -> tuple[int, str]:
    """A new, empty ``.NAME.XXXXXXXX.tmp`` next to ``path``: its descriptor and name."""
    for _ in range(100):
        name = os.path.join(os.path.dirname(path) or ".", f".{path.name}.{os.urandom(4).hex()}.tmp")
        try:
            return os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o666), name
        except FileExistsError:
            continue
    raise OSError(errno.EAGAIN, f"no free temporary name next to {path}")


def _link_into_place(tmp: str, path: Path) -> None:
    """Give ``tmp`` the name ``path``, raising FileExistsError when ``path`` exists."""
    try:
        os.link(tmp, path)
        return
    except FileExistsError:
        raise
    except (AttributeError, NotImplementedError):
        pass  # no os.link on this system
    except OSError as exc:
        if exc.errno not in _NO_HARD_LINKS:
            raise
    # Reserve the name (this fails when it is taken), then replace the empty file we
    # made, unless another program wrote to it in between.
    from onoma.text.files import file_stamp

    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
    try:
        mine = file_stamp(os.fstat(fd))
    finally:
        os.close(fd)
    if file_stamp(os.lstat(path)) != mine:
        raise FileExistsError(errno.EEXIST, "created meanwhile", str(path))
    try:
        os.replace(tmp, path)
    except OSError:
        if file_stamp(os.lstat(path)) == mine:
            os.unlink(path)
        raise


def _remove_created(created: list[tuple[Path, int]]) -> None:
    """Remove the files :func:`save` created, each only if it is still the one made."""
    for path, inode in created:
        with contextlib.suppress(OSError):
            if os.lstat(path).st_ino == inode:
                os.unlink(path)


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
