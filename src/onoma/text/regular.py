"""Opening a file that must be a regular file: a named pipe, a socket, a device or a
folder is refused before a byte is read, never waited on, and every refusal is said in
words that name what the path is (a dangling link, a folder that cannot be read…)."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO


class NotReadable(Exception):
    """``path`` cannot be read as a file; ``reason`` says why, in words."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(reason)
        self.path = path
        self.reason = reason


def open_regular(path: Path | str, *, largest: int | None = None) -> BinaryIO:
    """``path`` opened for reading, or :class:`NotReadable`. It is opened without
    blocking and checked before a byte is read; with ``largest``, a larger file is
    refused too."""
    nonblocking = getattr(os, "O_NONBLOCK", 0)  # 0 on Windows, which has no named pipes here
    try:
        fd = os.open(path, os.O_RDONLY | nonblocking | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise NotReadable(path, unreadable(path, exc)) from None
    try:
        status = os.fstat(fd)  # what was opened, whatever the name leads to now
        if not stat.S_ISREG(status.st_mode):
            raise NotReadable(path, not_regular(status.st_mode))
        if largest is not None and status.st_size > largest:
            raise NotReadable(path, too_large(status.st_size, largest))
        if nonblocking:
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def unreadable(path: Path | str, exc: OSError) -> str:
    """Why ``path`` could not be opened, in words."""
    reason = exc.strerror or str(exc)
    if isinstance(exc, FileNotFoundError):
        if os.path.islink(path):
            return f"a link to {os.path.realpath(path)}, which does not exist"
        return "no such file"
    if os.path.isdir(path):
        if isinstance(exc, IsADirectoryError):
            return "is a folder, not a file"
        return f"a folder that cannot be read ({reason}); none of its files was read"
    return reason


def not_regular(mode: int) -> str:
    """What a path that is not a regular file is, in words."""
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    kinds = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"))
    kind = next((name for test, name in kinds if test(mode)), "a device")
    return f"not a regular file ({kind})"


def too_large(size: int, largest: int) -> str:
    """A refusal of a file of ``size`` bytes, at most ``largest`` allowed."""
    return f"{size / (1 << 20):.1f} MiB, too large (at most {largest / (1 << 20):g} MiB)"
