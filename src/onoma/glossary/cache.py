"""A compiled cache of glossary files, so that a glossary of 10,000 entries loads at
once on every run after the first (a pre-commit hook runs onoma on every commit).

For each glossary file onoma reads, the checked entries (with the line of every field,
for error messages) and the romanization key of every form (which the likely-variant
search needs, and which costs more than parsing) are written as JSON to the user's cache
folder (``platformdirs.user_cache_dir("onoma")``, or ``ONOMA_CACHE_DIR``), under a key
made of the file's content, its path, the code that reads glossaries and the cache
format. A changed
file gets a new key, so nothing is ever stale.

A cache file is data, never code (JSON, no pickle). It is trusted only when its header
names the key it was built for and the SHA-256 of its payload matches; anything else (a
truncated, corrupt or foreign file) is ignored and rebuilt. Files are written to a
temporary file in the same folder and renamed, so runs building the same cache at once
never see half a file; the folder is private to the user (0700, files 0600).
``ONOMA_NO_CACHE=1`` (or ``onoma --no-cache``) bypasses the cache.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from onoma.glossary.model import Entry, Origin
from onoma.lang.keys import remember_keys, romanization_keys

FORMAT = 1
MAGIC = "onoma-glossary-cache"


_UNSET = ("", "0", "false", "no", "off")
"""Values of ``ONOMA_NO_CACHE`` that leave the cache on."""


def cache_dir() -> Path | None:
    """The folder of glossary caches, or None when caching is off."""
    if os.environ.get("ONOMA_NO_CACHE", "").strip().lower() not in _UNSET:
        return None
    root = os.environ.get("ONOMA_CACHE_DIR")
    if not root:
        import platformdirs

        root = platformdirs.user_cache_dir("onoma")
    folder = Path(root) / "glossaries"
    return folder if _private(folder) else None


def _private(folder: Path) -> bool:
    """Whether ``folder`` is free to use for caches: not there yet (it is made 0700), or a
    real folder of this user that nobody else may write to. A cache file's checksum shows
    it is whole, not who wrote it, so a folder others can write to is not used; nor is
    one in a folder where others could swap it for theirs: writable by everyone, or by
    the group of another user, without the sticky bit /tmp has (a folder of the user's
    own that their group may write to is the rule under umask 002, not a risk).
    Windows reports every folder as writable by all; there only links are refused."""
    if os.name == "nt":
        return not folder.is_symlink()
    uid = os.geteuid()
    try:
        around = folder.parent.stat()
    except OSError:
        around = None  # not there yet: made 0700 when the cache is written
    if around is not None and not around.st_mode & stat.S_ISVTX:
        others = 0o002 if around.st_uid == uid else 0o022
        if around.st_mode & others:
            return False
    try:
        info = folder.lstat()
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and info.st_uid == uid and not info.st_mode & 0o022


def cache_key(path: Path, text: str) -> str:
    """The key of a glossary file's cache: its content, path, onoma's code, the format."""
    digest = hashlib.sha256(f"{FORMAT}\0{_code_version()}\0".encode())
    digest.update(os.fsencode(path.resolve()) + b"\0")  # a name need not be UTF-8
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


_CODE = (
    "glossary/model.py",
    "glossary/yamltext.py",
    "glossary/fastyaml.py",
    "glossary/canonical.py",
    "lang/keys.py",
)
"""The modules whose code decides what a cache holds: their text is part of every key, so
that a new onoma (or an edited checkout, where the version number stays) rebuilds."""


_LIBRARIES = ("unidecode",)
"""Libraries whose version changes what a cache holds: the romanization keys."""


@functools.lru_cache(maxsize=1)
def _code_version() -> str:
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for name in _CODE:
        digest.update((root / name).read_bytes())
    digest.update("\n".join(library_stamps(_LIBRARIES)).encode())
    return digest.hexdigest()


def library_stamps(packages: tuple[str, ...]) -> list[str]:
    """For each package, the path, size and modification time of the file it loads from,
    found without importing it: an upgrade changes them, and so the caches' keys."""
    import importlib.util

    stamps = []
    for package in packages:
        spec = importlib.util.find_spec(package)
        origin = Path(spec.origin) if spec is not None and spec.origin else None
        if origin is not None and origin.is_file():
            stat = origin.stat()
            stamps.append(f"{package}={origin}:{stat.st_size}:{stat.st_mtime_ns}")
        else:
            stamps.append(f"{package}=-")
    return stamps


def cached_entries(
    path: Path, text: str, parse: Callable[[], list[Entry]], *, write: bool = True
) -> list[Entry]:
    """The entries of the glossary file ``path`` (whose text is ``text``): from the cache
    when it holds them, else from ``parse()``, which are then cached. Errors of ``parse``
    (a broken glossary) propagate and are never cached."""
    folder = cache_dir()
    if folder is None:
        return parse()
    key = cache_key(path, text)
    file = folder / f"{key}.json"
    entries = _read(file, key, path)
    if entries is not None:
        touch(file)
        return entries
    entries = parse()
    if write:
        _write(folder, file, key, entries)
    return entries


def _read(file: Path, key: str, path: Path) -> list[Entry] | None:
    payload = read_payload(file, key)
    if payload is None:
        return None
    try:
        data = json.loads(payload)
        entries = [row_entry(item, path) for item in data["entries"]]
        keys = data["keys"]
        if not isinstance(keys, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in keys.items()
        ):
            return None
    except (ValueError, KeyError, TypeError, RecursionError):
        return None
    remember_keys(keys)
    return entries


def read_payload(file: Path, key: str, magic: str = MAGIC, fmt: int = FORMAT) -> bytes | None:
    """The payload of the cache file ``file`` when its header says it was built for
    ``key`` (with ``magic`` and ``fmt``) and the payload's SHA-256 matches; else None."""
    try:
        with open(file, "rb") as handle:
            header_line = handle.readline(4096)
            payload = handle.read()
        header = json.loads(header_line)
    except (OSError, ValueError, RecursionError):
        return None
    if (
        not isinstance(header, dict)
        or header.get("magic") != magic
        or header.get("format") != fmt
        or header.get("key") != key
        or header.get("sha256") != hashlib.sha256(payload).hexdigest()
    ):
        return None
    return payload


def row_entry(item: list[Any], path: Path) -> Entry:
    """An :class:`Entry` from its cached row, its types checked (a foreign file that
    happens to parse is refused here, with TypeError)."""
    (entry_id, entry_type, names, variants, flags, note, line, lines, strings, declension) = item
    gender, indeclinable, case_forms = declension
    if not (
        isinstance(entry_id, str)
        and isinstance(entry_type, str)
        and _str_map(names)
        and isinstance(variants, dict)
        and all(_str_list(v) for v in variants.values())
        and isinstance(line, int)
        and isinstance(lines, dict)
        and all(isinstance(v, int) for v in lines.values())
        and isinstance(note, str | None)
        and isinstance(gender, str | None)
        and isinstance(case_forms, dict)
        and all(_str_map(v) for v in case_forms.values())
    ):
        raise TypeError("not a cached entry")
    case_sensitive, review = flags
    return Entry(
        id=entry_id,
        type=entry_type,
        names=names,
        variants={lang: tuple(texts) for lang, texts in variants.items()},
        case_sensitive=bool(case_sensitive),
        review=bool(review),
        note=note,
        origin=Origin(path, line),
        lines=lines,
        string_variants=tuple(map(str, strings)),
        gender=gender,
        indeclinable=tuple(map(str, indeclinable)),
        case_forms=case_forms,
    )


def _str_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(t, str) for t in value)


def _str_map(value: object) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    )


def entry_row(entry: Entry) -> list[Any]:
    return [
        entry.id,
        entry.type,
        entry.names,
        entry.variants,
        [entry.case_sensitive, entry.review],
        entry.note,
        entry.origin.line if entry.origin else 0,
        entry.lines,
        entry.string_variants,
        [entry.gender, entry.indeclinable, entry.case_forms],
    ]


def _write(folder: Path, file: Path, key: str, entries: list[Entry]) -> None:
    """Write the cache (best effort: a folder that cannot be written only costs speed)."""
    forms = list(dict.fromkeys(form for e in entries for _lang, form, _f in e.all_forms()))
    keys = dict(zip(forms, romanization_keys(forms), strict=True))
    remember_keys(keys)  # the spotter built next needs them too
    payload = json.dumps(
        {"entries": [entry_row(e) for e in entries], "keys": keys},
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode("utf-8", "surrogatepass")
    write_payload(folder, file, key, payload)


_KEY_NAME = re.compile("[0-9a-f]{64}")
"""The name of a cache file, less its suffix: its key, a SHA-256 in hexadecimal."""
KEEP = {".json": 256, ".normalizer": 16}
"""Cache files of each kind kept, the most recently used: every edit of a glossary makes
a new key, so without a bound the folder would grow for ever."""


def touch(file: Path) -> None:
    """Mark a cache file as just used (its modification time), so pruning keeps it."""
    with contextlib.suppress(OSError):
        os.utime(file)


def prune(folder: Path, suffix: str) -> None:
    """Delete the cache files ending in ``suffix`` beyond the :data:`KEEP` most recently
    used (best effort: a file another run removes first is no error)."""
    try:
        found = [
            (f.stat().st_mtime, f)
            for f in folder.glob(f"*{suffix}")
            if _KEY_NAME.fullmatch(f.name[: -len(suffix)])  # only files onoma names
        ]
    except OSError:
        return
    found.sort(reverse=True)
    stale = [file for _mtime, file in found[KEEP.get(suffix, 64) :]]
    # A temporary file left by a run that was killed while writing (a write takes
    # seconds; an hour-old one is nobody's).
    with contextlib.suppress(OSError):
        stale += [
            file
            for file in folder.glob(".*.tmp")
            if _KEY_NAME.fullmatch(file.name[1:].split(".", 1)[0])
            and file.stat().st_mtime < time.time() - 3600
        ]
    for file in stale:
        with contextlib.suppress(OSError):
            file.unlink()


def write_payload(
    folder: Path,
    file: Path,
    key: str,
    payload: bytes | list[bytes],
    magic: str = MAGIC,
    fmt: int = FORMAT,
) -> None:
    """Write ``payload`` (bytes, or pieces written one after the other, never joined in
    memory) under a header naming ``key`` and its SHA-256, atomically (a private
    temporary file renamed); best effort: a folder that cannot be written only costs
    speed."""
    pieces = [payload] if isinstance(payload, bytes) else payload
    digest = hashlib.sha256()
    for piece in pieces:
        digest.update(piece)
    header = {
        "magic": magic,
        "format": fmt,
        "key": key,
        "sha256": digest.hexdigest(),
    }
    try:
        folder.parent.mkdir(parents=True, exist_ok=True, mode=0o700)  # ~/.cache/onoma too
        folder.mkdir(exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(prefix=f".{key}.", suffix=".tmp", dir=folder)  # 0600
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(json.dumps(header).encode() + b"\n")
                for piece in pieces:
                    handle.write(piece)
            os.replace(tmp, file)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return
    prune(folder, file.suffix)
