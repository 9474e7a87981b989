"""Argos Translate packages: where they live, which are installed, and safe installation.

A package (``.argosmodel``) is a zip holding one folder with ``metadata.json``, a
CTranslate2 model in ``model/`` and ``sentencepiece.model``. onoma installs into the
folder Argos Translate reads (:func:`packages_dir`), so both share their packages.

An archive is never trusted: every member is checked before anything is written
(:mod:`.archive`), the package is extracted to a hidden temporary folder inside
:func:`packages_dir`, validated (:func:`check_package`), and only then renamed into
place; an older version of the same language pair is removed only after the new one is
complete. A failed install changes nothing.

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
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from onoma.translation.metadata import (
    PackageError,
    parse_metadata,
    version_key,
)

TOKENIZERS = ("sentencepiece.model", "bpe.model")
"""The tokenizer files a package may have; Argos reads either, onoma's engine the first."""


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


def package_info(meta: dict, path: Path) -> PackageInfo:
    """The :class:`PackageInfo` of checked metadata (:func:`check_metadata`) at ``path``."""
    name = meta.get("package_name") or f"{meta['from_code']}_{meta['to_code']}"
    version = str(meta["package_version"])
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
    return package_info(read_metadata(folder), folder)


def check_package(folder: Path, label: Path | str | None = None) -> dict:
    """The checked ``metadata.json`` of the package ``folder``, once its files are checked.

    A package needs ``metadata.json`` (:func:`check_metadata`), a CTranslate2 model in
    ``model/``, a tokenizer (:data:`TOKENIZERS`) and, when the metadata names one, its
    ``target_sentencepiece_model``. Errors are :class:`PackageError` naming ``label``
    (default: the folder).
    """
    label = label if label is not None else folder
    try:
        meta = read_metadata(folder)
    except PackageError as exc:
        raise PackageError(exc.message, label) from None
    if not (folder / "model" / "model.bin").is_file():
        raise PackageError("no model/model.bin (not a CTranslate2 translation package)", label)
    if not any((folder / name).is_file() for name in TOKENIZERS):
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
    return meta


def installed_packages(
    on_skip: Callable[[PackageError], None] | None = None,
) -> list[PackageInfo]:
    """Every installed translation package, sorted by language pair and version.

    Folders without a usable ``metadata.json`` (and hidden ones, such as onoma's
    temporary install folders) are skipped, each told to ``on_skip`` when it has a
    ``metadata.json`` that is broken (a package another tool installed badly never stops
    onoma); a packages path that is a file is a :class:`PackageError`.
    """
    found = []
    for root in package_dirs():
        if not root.is_dir():
            if root.exists():
                raise PackageError("not a folder (check ARGOS_PACKAGES_DIR)", root)
            continue
        for child in sorted(root.iterdir()):
            if child.name.startswith(".") or not (child / "metadata.json").is_file():
                continue
            try:
                found.append(read_package(child))
            except PackageError as exc:
                if on_skip is not None:
                    on_skip(exc)
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


def _refuse_older(pkg: PackageInfo, label: Path | str) -> None:
    """Refuse ``pkg`` when its pair is installed at the same or a newer version."""
    current = find_installed(pkg.from_code, pkg.to_code)
    if current and version_key(current.version) >= version_key(pkg.version):
        raise PackageError(
            f"{pkg.from_code} → {pkg.to_code} {current.version} is already installed "
            f"({current.path}) and this package is {pkg.version}; use --force to replace it",
            label,
        )


def install_folder(
    folder: Path, staging: Path, label: Path | str | None = None, *, force: bool = True
) -> PackageInfo:
    """Validate the package ``folder`` (inside ``staging``) and rename it into place.

    An installed package of the same pair and version is replaced; other versions of
    the pair in :func:`packages_dir` are removed once the new one is in place. Without
    ``force``, a package of the pair at the same or a newer version is kept: refused.
    """
    label = label if label is not None else folder
    pkg = package_info(check_package(folder, label), folder)
    if not force:
        _refuse_older(pkg, label)
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
            try:
                os.rename(replaced, final)  # put the old version back
            except OSError:
                raise PackageError(
                    f"cannot install into {root} ({exc}), nor put the previous version "
                    "back: install the pair again",
                    label,
                ) from None
        raise PackageError(f"cannot install into {root} ({exc})", label) from None
    for path in older:
        with contextlib.suppress(OSError):  # the new version is in place and found first
            _discard(path, staging)
    return PackageInfo(pkg.from_code, pkg.to_code, pkg.version, final, pkg.name)


def install_package_file(path: Path, *, force: bool = False) -> PackageInfo:
    """Validate the ``.argosmodel`` file ``path`` and install it (see the module docstring).

    Without ``force``, an installed package of the pair at the same or a newer version
    is kept and the file refused (:class:`PackageError`); so is anything but a regular
    file (:func:`~onoma.translation.archive.open_regular`)."""
    from onoma.translation.archive import read_package_file, safe_extract

    path = Path(path)
    top, meta = read_package_file(path)
    if not force:  # refused before a byte is extracted
        _refuse_older(package_info(meta, path), path)
    with staging_dir() as staging:
        extracted = staging / "new"
        extracted.mkdir()
        safe_extract(path, extracted)
        # The versions were compared above, before extracting: not again.
        return install_folder(extracted / top, staging, label=path, force=True)


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
