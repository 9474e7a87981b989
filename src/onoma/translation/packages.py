"""Argos Translate packages: where they live, which are installed, and safe installation.

A package (``.argosmodel``) is a zip holding one folder with ``metadata.json``, a
CTranslate2 model in ``model/`` and ``sentencepiece.model``. onoma installs into the
folder Argos Translate reads (:func:`packages_dir`), so both share their packages.

An archive is never trusted: every member is checked before anything is written (no
absolute paths, no ``..``, no links or devices, bounded sizes and compression ratio),
the package is extracted to a hidden temporary folder inside :func:`packages_dir`,
validated, and only then renamed into place; an older version of the same language pair
is removed only after the new one is complete. A failed install changes nothing.

Settings are read the way Argos reads them (environment, then
``~/.config/argos-translate/settings.json``), at call time and without importing
``argostranslate``, whose settings module creates folders and freezes the environment
at import time.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import stat
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from onoma.errors import OnomaError

MAX_TOTAL_SIZE = 4 * 1024**3  # uncompressed bytes in one package
MAX_RATIO = 100  # uncompressed / compressed, above 1 MiB: a zip bomb, not a model
MAX_MEMBERS = 10_000
MAX_METADATA_SIZE = 1024**2
IGNORED_TOP_LEVEL = frozenset({"__MACOSX"})
LANGUAGE_CODE = re.compile(r"[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{1,8})*\Z")
CHUNK = 1024**2


class PackageError(OnomaError):
    """A package that cannot be found, read, installed or removed."""

    def __init__(self, message: str, path: Path | str | None = None) -> None:
        self.path = path  # a file, folder or URL
        self.message = message
        super().__init__(f"{path}: {message}" if path is not None else message)


@dataclass(frozen=True)
class PackageInfo:
    """An installed translation package."""

    from_code: str
    to_code: str
    version: str
    path: Path
    name: str


# --------------------------------------------------------------------------- settings


def _home() -> Path:
    if "SNAP" in os.environ and os.environ.get("SNAP_USER_DATA"):
        return Path(os.environ["SNAP_USER_DATA"])
    return Path.home()


def argos_setting(key: str) -> str | None:
    """An Argos setting: the environment variable, else ``settings.json``, else None."""
    if os.environ.get(key):
        return os.environ[key]
    config = Path(os.environ.get("XDG_CONFIG_HOME") or _home() / ".config")
    try:
        data = json.loads((config / "argos-translate" / "settings.json").read_text("utf-8"))
    except (OSError, ValueError):
        return None
    value = data.get(key) if isinstance(data, dict) else None
    return str(value) if value else None


def packages_dir() -> Path:
    """The folder packages are installed in (``ARGOS_PACKAGES_DIR`` or Argos's default)."""
    custom = argos_setting("ARGOS_PACKAGES_DIR")
    if custom:
        return Path(custom).expanduser()
    data = Path(os.environ.get("XDG_DATA_HOME") or _home() / ".local" / "share")
    return data / "argos-translate" / "packages"


def package_dirs() -> list[Path]:
    """Every folder Argos searches for packages: :func:`packages_dir` first, then snap's."""
    dirs = [packages_dir()]
    if os.environ.get("SNAP"):
        snap = Path(os.environ["SNAP"]) / "snap_custom"
        dirs.append(snap / "packages")
        content = snap / "content_snap_packages"
        if content.is_dir():
            dirs.extend(sorted(p for p in content.iterdir() if p.is_dir()))
    return dirs


# --------------------------------------------------------------------------- installed


def version_key(version: str) -> tuple[int, ...]:
    """A sort key for versions such as ``1.9`` or ``2021.02.23``."""
    return tuple(int(n) for n in re.findall(r"\d+", version))


def parse_metadata(data: bytes, where: Path | str) -> dict:
    """Decode ``metadata.json`` and check it with :func:`check_metadata`."""
    try:
        meta = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise PackageError(f"metadata.json is not valid JSON ({exc})", where) from None
    return check_metadata(meta, where)


def check_metadata(meta: object, where: Path | str) -> dict:
    """``meta`` if it is an object with valid ``from_code`` and ``to_code``."""
    if not isinstance(meta, dict):
        raise PackageError("metadata.json must hold a JSON object", where)
    for key in ("from_code", "to_code"):
        code = meta.get(key)
        if not code:
            raise PackageError(f"metadata.json has no {key}", where)
        if not isinstance(code, str) or not LANGUAGE_CODE.match(code):
            raise PackageError(f"metadata.json: {key} {code!r} is not a language code", where)
    return meta


def _info(meta: dict, path: Path) -> PackageInfo:
    name = meta.get("package_name") or f"{meta['from_code']}_{meta['to_code']}"
    version = str(meta.get("package_version") or "")
    return PackageInfo(meta["from_code"], meta["to_code"], version, path, str(name))


def read_metadata(folder: Path) -> dict:
    """The checked ``metadata.json`` of a package folder, or a :class:`PackageError`."""
    try:
        data = (folder / "metadata.json").read_bytes()
    except FileNotFoundError:
        raise PackageError("no metadata.json", folder) from None
    except OSError as exc:
        raise PackageError(f"cannot read metadata.json ({exc.strerror})", folder) from None
    return parse_metadata(data, folder)


def read_package(folder: Path) -> PackageInfo:
    """The :class:`PackageInfo` of a package folder, or a :class:`PackageError`."""
    return _info(read_metadata(folder), folder)


def installed_packages() -> list[PackageInfo]:
    """Every installed translation package, sorted by language pair and version.

    Folders without a usable ``metadata.json`` (and hidden ones, such as onoma's
    temporary install folders) are skipped.
    """
    found = []
    for root in package_dirs():
        if not root.is_dir():
            continue
        for child in sorted(root.iterdir()):
            if child.name.startswith(".") or not (child / "metadata.json").is_file():
                continue
            with contextlib.suppress(PackageError):
                found.append(read_package(child))
    return sorted(found, key=lambda p: (p.from_code, p.to_code, version_key(p.version)))


def find_installed(from_code: str, to_code: str) -> PackageInfo | None:
    """The newest installed package for ``from_code`` → ``to_code``, or None."""
    best = None
    for pkg in installed_packages():
        if (pkg.from_code, pkg.to_code) == (from_code, to_code) and (
            best is None or version_key(pkg.version) > version_key(best.version)
        ):
            best = pkg
    return best


# --------------------------------------------------------------------------- archives


def _open_zip(path: Path) -> zipfile.ZipFile:
    try:
        if not zipfile.is_zipfile(path):
            raise PackageError("not a zip archive (an .argosmodel file is a zip)", path)
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile) as exc:
        raise PackageError(f"corrupt zip archive ({exc})", path) from None
    except OSError as exc:
        raise PackageError(exc.strerror or str(exc), path) from None


def check_members(archive: zipfile.ZipFile, path: Path) -> list[tuple[zipfile.ZipInfo, tuple]]:
    """Each member with its path parts, after refusing anything unsafe in the archive."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise PackageError(f"too many files ({len(members)} > {MAX_MEMBERS})", path)
    checked, seen, total = [], set(), 0
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
        if total > MAX_TOTAL_SIZE:
            raise PackageError(f"uncompressed size exceeds {MAX_TOTAL_SIZE >> 30} GiB", path)
        if info.file_size > CHUNK and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise PackageError(
                f"{name!r} expands {info.file_size // max(info.compress_size, 1)}× "
                f"(limit {MAX_RATIO}×): refused as a possible zip bomb",
                path,
            )
        checked.append((info, parts))
    return checked


def safe_extract(path: Path, dest: Path, *, skip: frozenset[str] = IGNORED_TOP_LEVEL) -> None:
    """Extract the zip ``path`` into the existing folder ``dest`` after :func:`check_members`.

    Members whose first path part is in ``skip`` are left out.
    """
    with _open_zip(path) as archive:
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
            except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
                msg = f"corrupt zip archive at {info.filename!r} ({exc})"
                raise PackageError(msg, path) from None
            except OSError as exc:
                raise PackageError(f"cannot extract {info.filename!r} ({exc})", path) from None


def _package_top(path: Path) -> str:
    """The one top-level folder of a package archive, whose metadata.json is valid."""
    with _open_zip(path) as archive:
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
            raise PackageError(
                f"more than one top-level entry ({shown}); expected one folder", path
            )
        top = tops.pop()
        if any(len(parts) == 1 and not info.is_dir() for info, parts in members):
            raise PackageError(
                f"{top!r} is a file; expected one folder holding metadata.json", path
            )
        try:
            info = archive.getinfo(f"{top}/metadata.json")
        except KeyError:
            raise PackageError(f"no metadata.json in {top}/", path) from None
        if info.file_size > MAX_METADATA_SIZE:
            raise PackageError("metadata.json is larger than 1 MiB", path)
        try:
            parse_metadata(archive.read(info), path)
        except (zipfile.BadZipFile, zlib.error) as exc:
            raise PackageError(f"corrupt zip archive at metadata.json ({exc})", path) from None
    return top


# --------------------------------------------------------------------------- install


@contextlib.contextmanager
def staging_dir() -> Iterator[Path]:
    """A hidden temporary folder inside :func:`packages_dir` (same file system), removed after."""
    root = packages_dir()
    try:
        root.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".onoma-tmp-", dir=root))
    except OSError as exc:
        raise PackageError(f"cannot write to the packages folder ({exc.strerror})", root) from None
    try:
        yield tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _folder_name(pkg: PackageInfo) -> str:
    version = re.sub(r"[^A-Za-z0-9]+", "_", pkg.version).strip("_") or "0"
    return f"translate-{pkg.from_code}_{pkg.to_code}-{version}"


def _discard(folder: Path, staging: Path) -> Path:
    """Move ``folder`` out of sight into ``staging`` (atomic), to be deleted with it."""
    moved = Path(tempfile.mkdtemp(prefix="old-", dir=staging)) / "pkg"
    os.rename(folder, moved)
    return moved


def install_folder(folder: Path, staging: Path, label: Path | str | None = None) -> PackageInfo:
    """Validate the package ``folder`` (inside ``staging``) and rename it into place.

    An installed package of the same pair and version is replaced; other versions of
    the pair in :func:`packages_dir` are removed once the new one is in place.
    """
    label = label if label is not None else folder
    meta = read_metadata(folder)
    pkg = _info(meta, folder)
    if not (folder / "model" / "model.bin").is_file():
        raise PackageError("no model/model.bin (not a CTranslate2 translation package)", label)
    if not any((folder / n).is_file() for n in ("sentencepiece.model", "bpe.model")):
        raise PackageError("no sentencepiece.model (or bpe.model) tokenizer", label)
    target_spm = meta.get("target_sentencepiece_model")
    if target_spm is not None and not (
        isinstance(target_spm, str)
        and re.fullmatch(r"[\w][\w.-]*", target_spm)
        and (folder / target_spm).is_file()
    ):
        raise PackageError(
            f"target_sentencepiece_model {target_spm!r} is not in the package", label
        )
    root = packages_dir()
    final = root / _folder_name(pkg)
    older = [
        p.path
        for p in installed_packages()
        if (p.from_code, p.to_code) == (pkg.from_code, pkg.to_code)
        and p.path.parent == root
        and p.path != final
    ]
    replaced = None
    try:
        if final.exists():
            replaced = _discard(final, staging)
        os.rename(folder, final)
    except OSError as exc:
        if replaced is not None and not final.exists():
            os.rename(replaced, final)  # put the old version back
        raise PackageError(f"cannot install into {root} ({exc})", label) from None
    for path in older:
        with contextlib.suppress(OSError):  # the new version is in place and found first
            _discard(path, staging)
    return PackageInfo(pkg.from_code, pkg.to_code, pkg.version, final, pkg.name)


def install_package_file(path: Path) -> PackageInfo:
    """Validate the ``.argosmodel`` file ``path`` and install it (see the module docstring)."""
    path = Path(path)
    if not path.is_file():
        raise PackageError("no such file" if not path.exists() else "not a file", path)
    top = _package_top(path)
    with staging_dir() as staging:
        extracted = staging / "new"
        extracted.mkdir()
        safe_extract(path, extracted)
        return install_folder(extracted / top, staging, label=path)


def remove_package(from_code: str, to_code: str) -> list[PackageInfo]:
    """Remove every ``from_code`` → ``to_code`` package from :func:`packages_dir`."""
    root = packages_dir()
    pair = [p for p in installed_packages() if (p.from_code, p.to_code) == (from_code, to_code)]
    if not pair:
        raise PackageError(f"no {from_code} → {to_code} package is installed")
    mine = [p for p in pair if p.path.parent == root]
    if not mine:
        raise PackageError(
            f"the {from_code} → {to_code} package is in {pair[0].path.parent}, "
            f"outside {root}; onoma does not remove it"
        )
    with staging_dir() as staging:
        for pkg in mine:
            try:
                _discard(pkg.path, staging)
            except OSError as exc:
                raise PackageError(f"cannot remove ({exc.strerror})", pkg.path) from None
    return mine
