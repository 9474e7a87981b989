"""Finding and reading the configuration file, safely.

A configuration file is read only when it is a regular file of at most
:data:`MAX_BYTES`: it is opened without blocking and checked before a byte is read, so
a named pipe, a device (a link to ``/dev/zero``) or a huge file is an error naming it,
never a hang. The same holds for the files met while walking up: an ``onoma.toml`` or a
``pyproject.toml`` that exists but cannot be read is an error, not passed by, since
onoma cannot know that it is not the configuration meant. A ``pyproject.toml`` is
passed by (as ruff does) only when it is read and has no ``[tool.onoma]`` table; one
that is not UTF-8 is looked at as bytes, and is an error when the table is there.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any

from onoma.errors import OnomaError

CONFIG_NAME = "onoma.toml"
PYPROJECT = "pyproject.toml"
MAX_BYTES = 1 << 20
"""The largest configuration file read (1 MiB): a larger one is a mistake."""

_TABLE_HEADER = re.compile(rb"^[ \t]*\[[ \t]*tool[ \t]*\.[ \t]*onoma[ \t]*[\].]", re.MULTILINE)
"""A ``[tool.onoma]`` or ``[tool.onoma.translate]`` header, looked for in raw bytes."""
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class ConfigError(OnomaError):
    """A configuration file that cannot be used: names the file and the key."""

    def __init__(self, path: Path, message: str, key: str | None = None) -> None:
        self.path = path
        self.key = key
        where = f"{path}: {key}" if key else str(path)
        super().__init__(f"{where}: {message}")


def find_config(start: Path) -> Path | None:
    """The configuration file for ``start``: the nearest folder, walking up, with an
    ``onoma.toml`` or a pyproject.toml that has a ``[tool.onoma]`` table; raises
    ConfigError for such a file that cannot be read (see the module's text)."""
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if _exists(candidate):
            return candidate
        pyproject = folder / PYPROJECT
        if _exists(pyproject) and _has_onoma_table(pyproject):
            return pyproject
    return None


def _exists(path: Path) -> bool:
    """Whether anything has this name: a file, a folder, a pipe, a link to nothing."""
    try:
        os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError:
        return True  # there but not reachable: reading it will say why
    return True


def _has_onoma_table(pyproject: Path) -> bool:
    """Whether a pyproject.toml has ``[tool.onoma]``; raises ConfigError when it cannot
    be read, or has the table and is not UTF-8 (a cheap byte check comes first, as
    other projects' files are not onoma's)."""
    data = read_config_bytes(pyproject)
    if data.startswith(_UTF16_BOMS):
        text = data.decode("utf-16", errors="replace")
        if "onoma" in text and _mentions_table(text.encode("utf-8")):
            decode_config(pyproject, data)  # raises: UTF-16, not UTF-8
        return False
    if b"onoma" not in data:
        return False
    if not _mentions_table(data):
        return False
    decode_config(pyproject, data)  # the table is there: a decoding error is reported
    return True


def _mentions_table(data: bytes) -> bool:
    """Whether the bytes of a pyproject.toml hold a ``[tool.onoma]`` table: parsed when
    they can be (undecodable bytes replaced), else by its header line."""
    try:
        parsed = parse_config(Path(PYPROJECT), data.decode("utf-8", errors="replace"))
    except ConfigError:
        return bool(_TABLE_HEADER.search(data))
    tool = parsed.get("tool")
    return isinstance(tool, dict) and "onoma" in tool


def read_config_bytes(path: Path) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most MAX_BYTES, or
    ConfigError naming it; never waits on a pipe or reads a device."""
    from onoma.text.regular import NotReadable, open_regular, too_large

    try:
        with open_regular(path, largest=MAX_BYTES) as handle:
            data = handle.read(MAX_BYTES + 1)
    except NotReadable as exc:
        raise ConfigError(path, exc.reason) from None
    except OSError as exc:
        raise ConfigError(path, f"cannot be read: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:  # it grew since it was opened
        raise ConfigError(path, too_large(len(data), MAX_BYTES))
    return data


def decode_config(path: Path, data: bytes) -> str:
    """``data`` as UTF-8 text, or ConfigError saying which byte, where."""
    if data.startswith(_UTF16_BOMS):
        raise ConfigError(path, "UTF-16 text, not UTF-8: convert it with iconv -f UTF-16 -t UTF-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ConfigError(
            path,
            f"not UTF-8 text: byte 0x{data[exc.start]:02x} at line {line}, column {column} "
            f"(offset {exc.start}; Latin-1 or another encoding? convert it to UTF-8)",
        ) from None


def parse_config(path: Path, text: str) -> dict[str, Any]:
    """The TOML document ``text`` of ``path``, or ConfigError."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, f"not valid TOML: {exc}") from None
