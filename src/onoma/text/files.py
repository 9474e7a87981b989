"""Text files in and out: strict UTF-8 reading, atomic writes, folder walking.

onoma keeps a file's bytes as they were wherever it changes nothing: the BOM and the
line endings of the original survive, and in-place writes go to a temporary file in
the same folder that then replaces the original, so a crash never leaves half a file.

What it refuses, so that nothing is lost or written where it should not be:

- a target that is a symbolic link (onoma never writes through a link: name the file
  it points to); in folders, links that lead outside the folder, or to a file the walk
  reads itself (skipped, and said);
- a file that changed after it was read (size, modification time or inode differ:
  another program wrote to it meanwhile); it is left as it is;
- reading anything but a regular file (a named pipe would block the run for ever); in
  folders too, where such a file, or a subfolder that cannot be listed, is an error.

The temporary file is created with the target's permissions from the start (never
readable by more people than the target), and its name (``.NAME.XXXXXXXX.tmp``) is one
that :func:`stale_temporaries` finds again after a crash.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from onoma.errors import InputError
from onoma.text.place import place_all
from onoma.text.regular import not_regular, unreadable

STDIN = "-"
"""The path that stands for standard input (and output) on the command line."""

DEFAULT_EXTENSIONS = (".txt", ".md")
BOM = "\ufeff"


@dataclass(frozen=True)
class TextFile:
    """A decoded text file: its text (line endings untouched) and whether it had a BOM."""

    path: Path
    text: str
    bom: bool = False
    stamp: tuple[int, int, int] | None = None
    """Size, modification time (ns) and inode when read: :func:`write_atomic` refuses to
    replace the file when they have changed since."""


def file_stamp(status: os.stat_result) -> tuple[int, int, int]:
    """What tells that a file changed: its size, modification time and inode."""
    return (status.st_size, status.st_mtime_ns, status.st_ino)


def decode_text(data: bytes, path: Path | str, *, skipped: bool = True) -> TextFile:
    """Decode ``data`` as UTF-8 (with or without BOM), or raise a clear :class:`InputError`.

    ``skipped`` ends the message with "; skipped", for runs that go on with the next
    file; pass False where the error stops the run (a glossary that cannot be read).
    """
    tail = "; skipped" if skipped else ""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(
            path,
            f"UTF-16 text, not UTF-8: convert it with iconv -f UTF-16 -t UTF-8{tail}",
        )
    if b"\x00" in data[:8192]:
        raise InputError(path, f"binary file (NUL bytes), not text{tail}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        byte = data[exc.start]
        raise InputError(
            path,
            f"not UTF-8 text: byte 0x{byte:02x} at offset {exc.start} "
            f"(Latin-1 or another encoding? convert it to UTF-8){tail}",
        ) from None
    bom = text.startswith(BOM)
    return TextFile(Path(path), text[1:] if bom else text, bom)


def read_text_file(path: Path | str, *, skipped: bool = True) -> TextFile:
    """Read a UTF-8 text file, keeping its line endings; errors name the file
    (``skipped``: see :func:`decode_text`)."""
    try:
        status = os.stat(path)
        if stat.S_ISDIR(status.st_mode):
            os.scandir(path).close()  # a folder that a walk could not list fails here
            raise InputError(path, "is a folder, not a file")
        if not stat.S_ISREG(status.st_mode):
            raise InputError(path, not_regular(status.st_mode))
        with open(path, "rb") as handle:
            status = os.fstat(handle.fileno())
            data = handle.read()
    except OSError as exc:
        raise InputError(path, unreadable(path, exc)) from None
    decoded = decode_text(data, path, skipped=skipped)
    return TextFile(decoded.path, decoded.text, decoded.bom, file_stamp(status))


def write_atomic(
    path: Path | str, text: str, *, bom: bool = False, stamp: tuple[int, int, int] | None = None
) -> None:
    """Replace ``path`` with ``text`` (UTF-8) atomically, keeping its permissions and,
    where the system allows, its owner.

    A symbolic link and a read-only file are refused; with ``stamp`` (from
    :class:`TextFile`), so is a file that changed since it was read. Raises
    :class:`InputError` ("cannot write: …") naming ``path`` when it fails; the original
    is then untouched and no temporary file is left behind.
    """
    write_atomic_all([(path, text, bom)], stamps=[stamp])


def write_atomic_all(
    files: Sequence[tuple[Path | str, str, bool]],
    stamps: Sequence[tuple[int, int, int] | None] | None = None,
) -> None:
    """Replace several files, each given as ``(path, text, bom)``, in two phases.

    First every new text goes to a temporary file next to its target (fsynced, with the
    target's permissions and owner, as :func:`write_atomic` does); only when all of
    them are written are they renamed into place. When a temporary file cannot be
    written, the ones already made are removed and every original stays untouched.
    Each file with a stamp (see :class:`TextFile`) is checked again just before the
    renames: if any changed since it was read, none is replaced. A file to create is
    linked into place, never renamed over one that another program created meanwhile
    (:mod:`onoma.text.place`).
    Raises :class:`InputError` ("cannot write: …") naming the file at fault.
    """
    targets = _targets(files)
    stamps = list(stamps) if stamps is not None else [None] * len(files)
    temporaries: list[tuple[Path | str, str, Path, bool]] = []
    try:
        for (path, text, bom), (real, status) in zip(files, targets, strict=True):
            try:
                tmp_name = _write_temp(real, text, bom, status)
            except OSError as exc:
                raise InputError(path, f"cannot write: {exc.strerror or exc}") from None
            temporaries.append((path, tmp_name, real, status is None))
        _check_unchanged(files, targets, stamps)
        place_all(temporaries)
    finally:
        for _path, tmp_name, _real, _new in temporaries:
            Path(tmp_name).unlink(missing_ok=True)


def _targets(
    files: Sequence[tuple[Path | str, str, bool]],
) -> list[tuple[Path, os.stat_result | None]]:
    """The real file behind each path and its status (None for a new file); refuses a
    read-only file and a file named twice."""
    targets = []
    seen: dict[Path, Path | str] = {}
    for path, _text, _bom in files:
        status = write_status(path)
        real = Path(os.path.realpath(path))
        if real in seen:
            raise InputError(path, f"cannot write: the same file as {seen[real]}")
        seen[real] = path
        targets.append((real, status))
    return targets


def write_status(path: Path | str) -> os.stat_result | None:
    """The status of the file to rewrite at ``path``, or None for a file to create;
    InputError for a symbolic link, or a file that is not a regular file or is
    read-only."""
    if os.path.islink(path):
        raise InputError(
            path,
            "cannot write: a symbolic link (onoma does not write through links; "
            f"name the file it points to: {os.path.realpath(path)})",
        )
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise InputError(path, f"cannot write: {exc.strerror or exc}") from None
    if not stat.S_ISREG(status.st_mode):
        raise InputError(path, "cannot write: not a regular file")
    if not status.st_mode & 0o222 or not os.access(path, os.W_OK):
        raise InputError(path, "cannot write: read-only file")
    return status


def _write_temp(path: Path, text: str, bom: bool, status: os.stat_result | None) -> str:
    """Write ``text`` to a new temporary file next to ``path``, fsynced, with the
    permissions (and owner) ``path`` has; returns its name. Removed again on failure."""
    data = ((BOM if bom else "") + text).encode("utf-8")
    fd, tmp_name = _create_temp(path, 0o666 if status is None else status.st_mode & 0o777)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if status is not None:
            os.chmod(tmp_name, status.st_mode & 0o7777)
            _keep_owner(tmp_name, status)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return tmp_name


def _keep_owner(tmp_name: str, status: os.stat_result) -> None:
    """Give the new file the old one's owner and group, when allowed (as root, say)."""
    new = os.stat(tmp_name)
    if (new.st_uid, new.st_gid) != (status.st_uid, status.st_gid):
        # An ordinary user cannot give files away: the file then becomes theirs.
        with contextlib.suppress(PermissionError):
            os.chown(tmp_name, status.st_uid, status.st_gid)


def _check_unchanged(
    files: Sequence[tuple[Path | str, str, bool]],
    targets: list[tuple[Path, os.stat_result | None]],
    stamps: Sequence[tuple[int, int, int] | None],
) -> None:
    """Raise when a file changed since it was read (its stamp differs now)."""
    for (path, _text, _bom), (real, _status), stamp in zip(files, targets, stamps, strict=True):
        if stamp is None:
            continue
        try:
            now = file_stamp(os.stat(real))
        except OSError:
            now = None
        if now != stamp:
            raise InputError(
                path,
                "changed while onoma was working on it (another program wrote to it); "
                "left as it is: run again",
            )


def _create_temp(path: Path, mode: int = 0o666) -> tuple[int, str]:
    """A new, empty file next to ``path`` and a name no other file has, created with
    ``mode`` (the target's) less the umask, so that it is never readable by more
    people than the target, even while it is written; its descriptor and name."""
    for _ in range(100):
        name = str(path.parent / f".{path.name}.{os.urandom(4).hex()}.tmp")
        try:
            return os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, mode), name
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name next to {path}")


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
STALE_AFTER = 60.0  # seconds: a younger temporary file may belong to a run in progress
_STALE_REASON = (
    "a partial temporary file left by an interrupted onoma run; delete it once no onoma "
    "run is writing here"
)
_TEMPORARY = re.compile(r"^\..+\.[0-9a-f]{8}\.tmp$")


def _is_stale(path: Path, older_than: float) -> bool:
    import time

    try:
        return (
            _TEMPORARY.match(path.name) is not None
            and path.is_file()
            and time.time() - path.stat().st_mtime >= older_than
        )
    except OSError:
        return False


def stale_temporaries(folder: Path | str, *, older_than: float = 0.0) -> list[Path]:
    """Temporary files of onoma's naming left in ``folder`` by a run that was killed
    (only those last modified more than ``older_than`` seconds ago)."""
    try:
        return sorted(p for p in Path(folder).iterdir() if _is_stale(p, older_than))
    except OSError:
        return []


def _stale_of(path: Path, listed: dict[Path, list[Path]]) -> list[Path]:
    """The stale temporary files of the target ``path`` (``.NAME.xxxxxxxx.tmp``); each
    folder is listed once into ``listed`` (many files of one folder on a command line)."""
    if path.parent not in listed:
        listed[path.parent] = stale_temporaries(path.parent, older_than=STALE_AFTER)
    prefix = f".{path.name}."
    return [p for p in listed[path.parent] if p.name.startswith(prefix)]


def iter_text_files(
    paths: Iterable[Path | str],
    extensions: Iterable[str] = DEFAULT_EXTENSIONS,
    on_skip: Callable[[Path, str], None] | None = None,
) -> Iterator[Path]:
    """Files named in ``paths`` as they are, and files with ``extensions`` under folders.

    Hidden files and folders (a leading dot) inside a folder are skipped. A path that
    does not exist is yielded as it is, and so are a pipe, a dangling link or a link
    loop inside a folder, and a subfolder that cannot be listed: reading them names the
    problem. Inside a folder, a symbolic link that leads outside it, or to a file the
    walk yields itself, is skipped and ``on_skip`` is called with it and the reason (by
    default: a warning on stderr); so are temporary files that an interrupted onoma run
    left (:func:`stale_temporaries`, older than a minute), never read.
    """
    on_skip = on_skip or _warn_skipped
    listed: dict[Path, list[Path]] = {}
    suffixes = tuple((ext if ext.startswith(".") else f".{ext}").lower() for ext in extensions)
    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            if str(raw) != "-":
                for stale in _stale_of(path, listed):
                    on_skip(stale, _STALE_REASON)
            yield path
            continue
        yield from _walk(path, suffixes, on_skip)


def _walk(
    path: Path, suffixes: tuple[str, ...], on_skip: Callable[[Path, str], None]
) -> Iterator[Path]:
    """The files of the folder ``path`` (see :func:`iter_text_files`), in walk order."""
    top = os.path.realpath(path)
    found: list[tuple[Path, str | None]] = []  # each file, and where it leads if a link
    unlisted: list[OSError] = []  # folders os.walk could not list: yielded, so reported
    for root, dirs, files in os.walk(path, onerror=unlisted.append):
        found.extend((Path(exc.filename or path), None) for exc in unlisted)
        unlisted.clear()
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            entry = Path(root) / name
            if name.startswith(".") and _is_stale(entry, STALE_AFTER):
                on_skip(entry, _STALE_REASON)
                continue
            target = os.path.realpath(entry) if os.path.islink(entry) else None
            if target is not None and not _inside(target, top):
                on_skip(entry, f"a link to {target}, outside {path}")
                continue
            if name.lower().endswith(suffixes) and not name.startswith("."):
                found.append((entry, target))
    found.extend((Path(exc.filename or path), None) for exc in unlisted)
    # The file a link leads to is read once, under its own name (a rewrite needs it).
    walked = {os.path.realpath(entry) for entry, target in found if target is None}
    for entry, target in found:
        if target is not None and target in walked:
            on_skip(entry, f"a link to {target}, which is read under its own name")
        else:
            yield entry


def _warn_skipped(path: Path, reason: str) -> None:
    import sys

    print(f"warning: {path}: skipped: {reason}", file=sys.stderr)


def _inside(real: str, top: str) -> bool:
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


def split_lines(text: str) -> list[str]:
    """Lines ending at each \\n only (not at U+2028 and the like, as splitlines does)."""
    lines = text.split("\n")
    return [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])


def unified_diff(
    old: str, new: str, path: Path | str, *, new_label: str = "new", bom: bool = False
) -> str:
    """A unified diff of two versions of a file, valid for ``patch`` (it marks a last
    line without a newline, and writes the BOM of a file that has one)."""
    import difflib

    if bom:
        old, new = BOM + old, BOM + new
    lines = difflib.unified_diff(
        split_lines(old),
        split_lines(new),
        fromfile=f"{path}\t(original)",
        tofile=f"{path}\t({new_label})",
    )
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )
