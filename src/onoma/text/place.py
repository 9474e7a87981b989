"""Putting written temporary files in place: renamed over the files they replace, and
linked where there was no file, so that a file another program created meanwhile is
never replaced (a rename would replace it without a word).

Used by :func:`onoma.text.files.write_atomic_all` for every rewrite onoma makes.
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

from onoma.errors import InputError

APPEARED = (
    "appeared while onoma was working on it (another program created it); "
    "nothing was written: run again"
)
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


def place_all(temporaries: list[tuple[Path | str, str, Path, bool]]) -> None:
    """Put each temporary file ``(path, tmp_name, real, new)`` in place: the new files
    first (linked; if one appeared meanwhile, those already linked are removed again and
    nothing is replaced), then the others, renamed in order. A rename fails only when
    the system does; the error then says which files were already replaced. Raises
    InputError naming the file at fault."""
    created: list[tuple[Path, int]] = []
    try:
        for path, tmp_name, real, new in temporaries:
            if new:
                inode = os.stat(tmp_name).st_ino
                _link_new(tmp_name, real, path)
                created.append((real, inode))
    except BaseException:
        for real, inode in created:
            with contextlib.suppress(OSError):
                if os.lstat(real).st_ino == inode:
                    os.unlink(real)
        raise
    done: list[str] = []
    for path, tmp_name, real, new in temporaries:
        if new:
            continue
        try:
            os.replace(tmp_name, real)
        except OSError as exc:
            replaced = f" ({', '.join(done)} already replaced)" if done else ""
            raise InputError(path, f"cannot write: {exc.strerror or exc}{replaced}") from None
        done.append(str(path))


def _link_new(tmp_name: str, real: Path, path: Path | str) -> None:
    """Give ``tmp_name`` the name ``real``, which must not exist; InputError naming
    ``path`` when it does, or when the system refuses."""
    try:
        _link(tmp_name, real)
    except FileExistsError:
        raise InputError(path, APPEARED) from None
    except OSError as exc:
        raise InputError(path, f"cannot write: {exc.strerror or exc}") from None


def _link(tmp_name: str, real: Path) -> None:
    try:
        os.link(tmp_name, real)
        return
    except FileExistsError:
        raise
    except (AttributeError, NotImplementedError):
        pass  # no os.link on this system
    except OSError as exc:
        if exc.errno not in _NO_HARD_LINKS:
            raise
    # Reserve the name (this fails when it is taken), then replace the empty file made
    # here, unless another program wrote to it in between.
    fd = os.open(real, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
    try:
        mine = os.fstat(fd)
    finally:
        os.close(fd)
    if not _still_mine(real, mine):
        raise FileExistsError(errno.EEXIST, "created meanwhile", str(real))
    try:
        os.replace(tmp_name, real)
    except OSError:
        if _still_mine(real, mine):
            os.unlink(real)
        raise


def _still_mine(real: Path, mine: os.stat_result) -> bool:
    """Whether ``real`` is still the empty file reserved here."""
    now = os.lstat(real)
    return os.path.samestat(now, mine) and now.st_size == 0
