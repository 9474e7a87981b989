"""What can be installed, and from where, even offline: a dated snapshot of the Argos
package index shipped with onoma, and the OPUS-MT releases for the pairs Argos lacks.

``onoma models install en ru`` on a machine without network, and ``onoma models urls``
on any machine, print the exact download links and the command to run with the file,
so that packages can be fetched on one machine and installed on an air-gapped one.
``scripts/refresh_argos_index.py`` refreshes the snapshot.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources

from onoma.translation.index import AvailablePackage, parse_index
from onoma.translation.metadata import version_key

OPUS_MT_RELEASES = {
    ("en", "hy"): "https://object.pouta.csc.fi/Tatoeba-MT-models/eng-hye/opus-2020-06-16.zip",
    ("hy", "en"): "https://object.pouta.csc.fi/Tatoeba-MT-models/hye-eng/opus+bt-2021-04-30.zip",
}
"""Tatoeba-Challenge (OPUS-MT) releases for the pairs the Argos index has no package of
(from the release notes of Helsinki-NLP/Tatoeba-Challenge, models/eng-hye and hye-eng)."""


@dataclass(frozen=True)
class Download:
    """One file to fetch for a language pair, and the command that installs it."""

    from_code: str
    to_code: str
    links: tuple[str, ...]
    command: str
    version: str = ""

    @property
    def file_name(self) -> str:
        return self.links[0].rsplit("/", 1)[-1]


def snapshot() -> tuple[list[AvailablePackage], str]:
    """The packages of the shipped index snapshot, and the date it was taken."""
    folder = resources.files("onoma") / "data"
    data = (folder / "argos-index.json").read_bytes()
    source = json.loads((folder / "argos-index.source.json").read_text(encoding="utf-8"))
    return parse_index(data, "the shipped Argos index snapshot"), str(source["taken"])


def downloads(
    pairs: list[tuple[str, str]], packages: list[AvailablePackage]
) -> tuple[list[Download], list[str]]:
    """The files to fetch for ``pairs`` (through English where the index has no direct
    package, with OPUS-MT releases for Armenian), each once; and the pairs nothing covers."""
    newest: dict[tuple[str, str], AvailablePackage] = {}
    for pkg in packages:
        key = (pkg.from_code, pkg.to_code)
        if key not in newest or version_key(pkg.version) > version_key(newest[key].version):
            newest[key] = pkg
    found: dict[tuple[str, str], Download] = {}
    missing: list[str] = []

    def leg(source: str, target: str) -> Download | None:
        if (source, target) in OPUS_MT_RELEASES:
            url = OPUS_MT_RELEASES[(source, target)]
            name = url.rsplit("/", 1)[-1]
            command = f"onoma models import-opus-mt {name} --from {source} --to {target}"
            return Download(source, target, (url,), command)
        pkg = newest.get((source, target))
        if pkg is None:
            return None
        name = pkg.links[0].rsplit("/", 1)[-1]
        return Download(source, target, pkg.links, f"onoma models install {name}", pkg.version)

    for source, target in pairs:
        direct = leg(source, target)
        via = [] if direct or "en" in (source, target) else [leg(source, "en"), leg("en", target)]
        legs = [direct] if direct else (via if via and all(via) else [])
        if not legs:
            missing.append(f"{source} → {target}")
        for item in legs:
            found.setdefault((item.from_code, item.to_code), item)
    return list(found.values()), missing
