"""What a translation package says about itself: ``metadata.json``, read and checked,
and the errors of every package operation. Shared by the installed-package code
(:mod:`onoma.translation.packages`) and the archive checks
(:mod:`onoma.translation.archive`), so that neither imports the other."""

from __future__ import annotations

import json
import re
from pathlib import Path

from onoma.errors import OnomaError
from onoma.glossary.model import LANG_CODE as LANGUAGE_CODE


class PackageError(OnomaError):
    """A package that cannot be found, read, installed or removed."""

    def __init__(self, message: str, path: Path | str | None = None) -> None:
        self.path = path  # a file, folder or URL
        self.message = message
        super().__init__(f"{path}: {message}" if path is not None else message)


MAX_METADATA_SIZE = 1024**2
MAX_VERSION = 64  # characters of package_version
VERSION = re.compile(r"[0-9A-Za-z][0-9A-Za-z._+-]*")


def version_key(version: str) -> tuple[int, ...]:
    """A sort key for versions such as ``1.9`` or ``2021.02.23``.

    Each number counts by its first 18 digits, so that a version written by another
    tool can never make the key fail (Python refuses to convert 4,300+ digits)."""
    return tuple(int(n[:18]) for n in re.findall(r"\d+", version[:MAX_VERSION]))


def parse_metadata(data: bytes, where: Path | str, *, strict: bool = False) -> dict:
    """Decode ``metadata.json`` and check it with :func:`check_metadata`.

    Bounded before it is parsed: at most 1 MiB, and nesting that would exhaust the
    parser's stack is an error like any other invalid JSON."""
    if len(data) > MAX_METADATA_SIZE:
        raise PackageError("metadata.json is larger than 1 MiB", where)
    try:
        meta = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise PackageError(f"metadata.json is not valid JSON ({exc})", where) from None
    except RecursionError:
        raise PackageError("metadata.json is nested too deeply", where) from None
    return check_metadata(meta, where, strict=strict)


def check_metadata(meta: object, where: Path | str, *, strict: bool = False) -> dict:
    """``meta`` if it is an object with valid ``from_code`` and ``to_code`` and a
    ``package_version`` that is a version, which Argos parses to compare versions.

    ``strict`` (a package file being installed, metadata onoma writes): the version must
    be there, as a string: without one a package would install as version 0 and never
    be updated. Otherwise (packages already installed, index entries, which other tools
    wrote) a missing or null version reads as "" and a number as its text, so that a
    package that once installed is never lost from view."""
    if not isinstance(meta, dict):
        raise PackageError("metadata.json must hold a JSON object", where)
    for key in ("from_code", "to_code"):
        code = meta.get(key)
        if not code:
            raise PackageError(f"metadata.json has no {key}", where)
        if not isinstance(code, str) or not LANGUAGE_CODE.match(code):
            raise PackageError(f"metadata.json: {key} {code!r} is not a language code", where)
    version = meta.get("package_version")
    if version is None and not strict:
        return {**meta, "package_version": ""}
    if "package_version" not in meta:
        raise PackageError("metadata.json has no package_version", where)
    lenient = not strict and isinstance(version, int | float) and not isinstance(version, bool)
    text = str(version) if lenient else version
    if not isinstance(text, str) or len(text) > MAX_VERSION or not VERSION.fullmatch(text):
        raise PackageError(
            f"metadata.json: package_version {_shown(version)} is not a version (a string of "
            f"digits, letters and . _ + -, at most {MAX_VERSION} characters)",
            where,
        )
    return meta if text is version else {**meta, "package_version": text}


def _shown(value: object) -> str:
    """A short JSON spelling of a metadata value, for messages (nested values by kind)."""
    if isinstance(value, list | dict):
        return "a JSON list" if isinstance(value, list) else "a JSON object"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:40] + "…"
