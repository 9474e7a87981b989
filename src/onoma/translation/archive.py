"""Zip archives that are never trusted: every member is checked before anything is written.

:func:`check_members` refuses absolute paths, ``..``, links and devices, encrypted
members, duplicate names, too many members, and sizes or compression ratios beyond the
limits below; :func:`safe_extract` writes only what passed, and never over an existing
file. :func:`package_top` checks the shape of an Argos package (``.argosmodel``) before
it is extracted.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import stat
import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from onoma.translation.metadata import MAX_METADATA_SIZE, PackageError, parse_metadata

# A translation package is a few dozen members, most of its size model weights:
# floating-point numbers, which deflate barely shrinks (vocabularies and SentencePiece
# models, text-like, shrink more). The limits leave a wide margin over that and still
# stop a zip bomb before a byte is written: they are read from the central directory.
MAX_TOTAL_SIZE = 4 * 1024**3  # uncompressed bytes in one package
MAX_RATIO = 100  # one member, uncompressed / compressed, for members over RATIO_FROM
RATIO_FROM = 64 * 1024
MAX_OVERALL_RATIO = 20  # the whole archive, once it expands past OVERALL_FROM
OVERALL_FROM = 64 * 1024**2
MAX_MEMBERS = 10_000
READ_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    NotImplementedError,
    OSError,
    ValueError,
    UnicodeDecodeError,
    struct.error,
)
IGNORED_TOP_LEVEL = frozenset({"__MACOSX"})
CHUNK = 1024**2


@contextlib.contextmanager
def open_zip(path: Path) -> Iterator[zipfile.ZipFile]:
    """The zip archive at ``path`` (a regular file: :func:`open_regular`), or a
    :class:`PackageError` saying why it is not one."""
    with open_regular(path) as handle:
        try:
            if not zipfile.is_zipfile(handle):
                raise PackageError("not a zip archive (an .argosmodel file is a zip)", path)
            archive = zipfile.ZipFile(handle)
        except OSError as exc:
            raise PackageError(exc.strerror or str(exc), path) from None
        except READ_ERRORS as exc:
            raise PackageError(f"corrupt zip archive ({exc})", path) from None
        with archive:
            yield archive


def open_regular(path: Path | str) -> BinaryIO:
    """``path`` opened for reading, or a :class:`PackageError` naming it and saying why
    not: a named pipe, a socket, a device or a folder is refused, never waited on."""
    from onoma.text.regular import NotReadable
    from onoma.text.regular import open_regular as open_file

    try:
        return open_file(path)
    except NotReadable as exc:
        raise PackageError(exc.reason, path) from None


def check_members(archive: zipfile.ZipFile, path: Path) -> list[tuple[zipfile.ZipInfo, tuple]]:
    """Each member with its path parts, after refusing anything unsafe in the archive."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise PackageError(f"too many files ({len(members)} > {MAX_MEMBERS})", path)
    checked, seen, total, compressed = [], set(), 0, 0
    for info in members:
        name = info.filename
        if name.startswith(("/", "\\")) or "\\" in name or re.match(r"[A-Za-z]:", name):
            raise PackageError(f"unsafe path {name!r} (absolute or with backslashes)", path)
        parts = tuple(p for p in PurePosixPath(name).parts if p not in ("", "."))
        if ".." in parts:
            raise PackageError(f"unsafe path {name!r} escapes the package folder", path)
        mode = info.external_attr >> 16
        if info.create_system == 3 and stat.S_ISLNK(mode):
            raise PackageError(f"{name!r} is a symbolic link; links are refused", path)
        if info.create_system == 3 and stat.S_IFMT(mode) not in (0, stat.S_IFREG, stat.S_IFDIR):
            raise PackageError(f"{name!r} is not a regular file", path)
        if info.flag_bits & 0x1:
            raise PackageError(f"{name!r} is encrypted", path)
        if not parts or parts in seen:
            raise PackageError(f"duplicate or empty member name {name!r}", path)
        seen.add(parts)
        total += info.file_size
        compressed += info.compress_size
        if total > MAX_TOTAL_SIZE:
            raise PackageError(f"uncompressed size exceeds {MAX_TOTAL_SIZE >> 30} GiB", path)
        if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise PackageError(
                f"{name!r} expands {info.file_size // max(info.compress_size, 1)}× "
                f"(limit {MAX_RATIO}×): refused as a possible zip bomb",
                path,
            )
        checked.append((info, parts))
    if total > OVERALL_FROM and total > MAX_OVERALL_RATIO * max(compressed, 1):
        raise PackageError(
            f"the archive expands {total // max(compressed, 1)}× to {total >> 20} MiB "
            f"(limit {MAX_OVERALL_RATIO}× past {OVERALL_FROM >> 20} MiB): refused as a "
            "possible zip bomb",
            path,
        )
    return checked


def safe_extract(path: Path, dest: Path, *, skip: frozenset[str] = IGNORED_TOP_LEVEL) -> None:
    """Extract the zip ``path`` into the existing folder ``dest`` after :func:`check_members`.

    Members whose first path part is in ``skip`` are left out.
    """
    with open_zip(path) as archive:
        for info, parts in check_members(archive, path):
            if parts[0] in skip:
                continue
            target = dest.joinpath(*parts)
            try:
                if info.is_dir():
                    target.mkdir(parents=True, exist_ok=True)
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(info) as src, open(target, "xb") as out:
                    shutil.copyfileobj(src, out, CHUNK)
            except (FileExistsError, PermissionError) as exc:
                raise PackageError(f"cannot extract {info.filename!r} ({exc})", path) from None
            except READ_ERRORS as exc:
                msg = f"corrupt zip archive at {info.filename!r} ({exc})"
                raise PackageError(msg, path) from None


def package_top(path: Path) -> str:
    """The one top-level folder of a package archive, whose metadata.json is valid."""
    return read_package_file(path)[0]


def read_package_file(path: Path) -> tuple[str, dict]:
    """The top-level folder of a package archive and its checked ``metadata.json``,
    read from the archive without extracting anything."""
    with open_zip(path) as archive:
        try:
            return _top_and_metadata(archive, path)
        except READ_ERRORS as exc:
            raise PackageError(f"corrupt zip archive ({exc})", path) from None


def _top_and_metadata(archive: zipfile.ZipFile, path: Path) -> tuple[str, dict]:
    members = [(i, p) for i, p in check_members(archive, path) if p[0] not in IGNORED_TOP_LEVEL]
    tops = {parts[0] for _, parts in members}
    if not tops:
        raise PackageError("empty archive", path)
    if any(parts[-1].endswith(".npz") for _, parts in members):
        raise PackageError(
            "this is an OPUS-MT (Marian) model, not an Argos package; convert it with: "
            "onoma models import-opus-mt FILE --from CODE --to CODE",
            path,
        )
    if len(tops) > 1:
        shown = ", ".join(sorted(tops)[:5])
        raise PackageError(f"more than one top-level entry ({shown}); expected one folder", path)
    top = tops.pop()
    if any(len(parts) == 1 and not info.is_dir() for info, parts in members):
        raise PackageError(f"{top!r} is a file; expected one folder holding metadata.json", path)
    try:
        info = archive.getinfo(f"{top}/metadata.json")
    except KeyError:
        raise PackageError(f"no metadata.json in {top}/", path) from None
    if info.file_size > MAX_METADATA_SIZE:
        raise PackageError("metadata.json is larger than 1 MiB", path)
    return top, parse_metadata(archive.read(info), path, strict=True)  # being installed
