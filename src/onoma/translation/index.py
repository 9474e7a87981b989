"""The Argos package index: listing installable packages and downloading them.

The index is a JSON list of package metadata with download links, at
``ARGOS_PACKAGE_INDEX`` (a base URL or an ``index.json``) or Argos's default address.
Network failures raise :class:`Unreachable`, whose message says how to install a
package file by hand instead; downloaded files go through the same checked install as
local files (:func:`onoma.translation.packages.install_package_file`).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from onoma.translation.archive import CHUNK, MAX_TOTAL_SIZE
from onoma.translation.metadata import check_metadata
from onoma.translation.packages import (
    PackageError,
    PackageInfo,
    argos_setting,
    find_installed,
    install_package_file,
    package_info,
    staging_dir,
    version_key,
)

Progress = Callable[[int, "int | None"], None]
"""Called with (bytes done, total bytes or None) while downloading."""

DEFAULT_INDEX_URL = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"
INDEX_TIMEOUT = 5.0
MAX_INDEX_SIZE = 64 * 1024**2  # bytes read of an index; the real one is about 100 kB
DOWNLOAD_TIMEOUT = 30.0
OFFLINE_HINT = (
    "onoma models urls FROM TO prints the file to download elsewhere; then run: "
    "onoma models install FILE.argosmodel"
)


@dataclass(frozen=True)
class AvailablePackage:
    """A translation package listed in the Argos package index."""

    from_code: str
    to_code: str
    version: str
    name: str
    links: tuple[str, ...]


class Unreachable(PackageError):
    """The package index or a download cannot be reached (offline, DNS, timeout, HTTP error)."""

    def __init__(self, what: str, detail: str) -> None:
        self.what, self.detail = what, detail
        super().__init__(f"cannot reach {what} ({detail}). {OFFLINE_HINT}")


def index_url() -> str:
    """The index URL: ``ARGOS_PACKAGE_INDEX`` (a base URL, as in Argos, an index file's
    URL, a ``file://`` URL or a local path to a file or folder) or Argos's default."""
    base = argos_setting("ARGOS_PACKAGE_INDEX")
    if not base:
        return DEFAULT_INDEX_URL
    if base.endswith(".json") or Path(base).is_file():
        return base
    return base.rstrip("/") + "/index.json"


def _reason(exc: BaseException) -> str:
    import urllib.error

    if isinstance(exc, urllib.error.HTTPError):
        return f"HTTP {exc.code} {exc.reason}"
    if isinstance(exc, urllib.error.URLError):
        return str(exc.reason)
    return str(exc) or type(exc).__name__


def _urlopen(url: str, timeout: float):
    import urllib.parse
    import urllib.request  # here, not at the top: it costs 35 ms to import

    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise PackageError(f"refusing a non-HTTP(S) URL: {url}")
    request = urllib.request.Request(url, headers={"User-Agent": "onoma (Argos Translate)"})
    return urllib.request.urlopen(request, timeout=timeout)


def fetch_index(url: str | None = None, timeout: float | None = None) -> list[AvailablePackage]:
    """The translation packages of the index at ``url`` (default :func:`index_url`): an
    http(s) URL, a ``file://`` URL or a local path, as Argos accepts.

    Raises :class:`Unreachable` when an http(s) index cannot be reached, and
    :class:`PackageError` on a bad index, or a local one that cannot be read (a path
    the user gave is never "unreachable": a pipe or a missing file is named as such).
    """
    import http.client

    url = url or index_url()
    local = _local_path(url)
    if local is not None:
        return parse_index(_read_local(local), url)
    try:
        with _urlopen(url, timeout or INDEX_TIMEOUT) as response:
            data = response.read(MAX_INDEX_SIZE)
    except (OSError, ValueError, http.client.HTTPException) as exc:
        raise Unreachable("the Argos package index", f"{url}: {_reason(exc)}") from None
    return parse_index(data, url)


def _read_local(path: str) -> bytes:
    """The bytes of the local index file ``path`` (a regular file only: a named pipe
    would block for ever), or a :class:`PackageError` naming it."""
    from onoma.text.regular import NotReadable, open_regular

    try:
        with open_regular(path) as handle:
            return handle.read(MAX_INDEX_SIZE)
    except NotReadable as exc:
        raise PackageError(f"cannot read the Argos package index: {exc.reason}", path) from None
    except OSError as exc:
        raise PackageError(f"cannot read the Argos package index: {exc.strerror}", path) from None


def _local_path(url: str) -> str | None:
    """The file an index "URL" names when it is a local path or a ``file://`` URL."""
    import urllib.parse
    import urllib.request

    parts = urllib.parse.urlsplit(url)
    if parts.scheme == "file":
        return urllib.request.url2pathname(parts.path)
    if parts.scheme in ("http", "https"):
        return None
    return url  # a path (also C:\… on Windows, whose drive letter looks like a scheme)


def parse_index(data: bytes, where: str) -> list[AvailablePackage]:
    """The translation packages of an Argos index (a JSON list of package metadata with
    ``links``); entries that are not valid translation packages are skipped."""
    try:
        entries = json.loads(data)
    except (ValueError, RecursionError) as exc:
        raise PackageError(f"the package index is not valid JSON ({exc})", where) from None
    if not isinstance(entries, list):
        raise PackageError("the package index is not a JSON list", where)
    found = []
    for meta in entries:
        if not isinstance(meta, dict) or meta.get("type", "translate") != "translate":
            continue
        links = meta.get("links")
        with contextlib.suppress(PackageError):
            check_metadata(meta, where)
            if isinstance(links, list) and all(isinstance(x, str) for x in links) and links:
                info = package_info(meta, Path())
                found.append(
                    AvailablePackage(
                        info.from_code, info.to_code, info.version, info.name, tuple(links)
                    )
                )
    return found


def download(pkg: AvailablePackage, dest: Path, progress: Progress | None = None) -> str:
    """Download ``pkg`` into the file ``dest`` from the first of its links that works.

    Returns that link; raises :class:`Unreachable` when none works.
    """
    import http.client

    failures = []
    with open(dest, "wb") as out:
        for link in pkg.links:
            out.seek(0)
            out.truncate()
            try:
                with _urlopen(link, DOWNLOAD_TIMEOUT) as response:
                    length = response.headers.get("Content-Length", "")
                    total = int(length) if length.isdigit() else None
                    done = 0
                    while chunk := response.read(CHUNK):
                        done += len(chunk)
                        if done > MAX_TOTAL_SIZE:
                            raise PackageError("download larger than 4 GiB, refused", link)
                        out.write(chunk)
                        if progress:
                            progress(done, total)
                if total is None or done == total:
                    return link
                failures.append(f"{link}: incomplete ({done} of {total} bytes)")
            except (OSError, ValueError, http.client.HTTPException) as exc:
                failures.append(f"{link}: {_reason(exc)}")
    what = f"the {pkg.from_code} → {pkg.to_code} package"
    raise Unreachable(what, "; ".join(failures) or "no download link")


def install_from_index(
    from_code: str, to_code: str, *, force: bool = False, progress: Progress | None = None
) -> tuple[PackageInfo, bool]:
    """Download and install the newest indexed package of a pair; True if installed.

    Without ``force``, a package already installed at that version or newer is kept.
    """
    pair = [p for p in fetch_index() if (p.from_code, p.to_code) == (from_code, to_code)]
    if not pair:
        raise PackageError(
            f"the Argos package index has no {from_code} → {to_code} package "
            "(see: onoma models list; OPUS-MT models: onoma models import-opus-mt)"
        )
    best = max(pair, key=lambda p: version_key(p.version))
    current = find_installed(from_code, to_code)
    if current and not force and version_key(current.version) >= version_key(best.version):
        return current, False
    with staging_dir() as staging:
        path = staging / f"translate-{from_code}_{to_code}.argosmodel"
        link = download(best, path, progress)
        try:
            return install_package_file(path, force=True), True
        except PackageError as exc:
            raise PackageError(exc.message, link) from None
