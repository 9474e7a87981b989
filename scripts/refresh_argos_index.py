"""Refresh onoma's copy of the Argos package index (``src/onoma/data/argos-index.json``).

onoma reads the live index when it can reach it and this copy when it cannot, so that
``onoma models install en ru`` and ``onoma models urls`` can say what to download on a
machine without network. The file is kept byte for byte as published; the date and
source go beside it in ``argos-index.source.json``.

Run: ``python scripts/refresh_argos_index.py [URL]``
"""

from __future__ import annotations

import datetime
import json
import sys
import urllib.request
from pathlib import Path

from onoma.translation.index import DEFAULT_INDEX_URL, parse_index

DATA = Path(__file__).resolve().parent.parent / "src" / "onoma" / "data"


def main() -> None:
    url = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_INDEX_URL
    with urllib.request.urlopen(url, timeout=30) as response:
        data = response.read(64 * 1024**2)
    packages = parse_index(data, url)  # refuse an index onoma could not read
    if not packages:
        sys.exit(f"{url}: no translation package in the index; the copy is kept")
    (DATA / "argos-index.json").write_bytes(data)
    source = {
        "source": url,
        "taken": datetime.date.today().isoformat(),
        "licence": "argospm-index is MIT-licensed (Argos Open Technologies, LLC); "
        "the file is kept as published",
    }
    (DATA / "argos-index.source.json").write_text(json.dumps(source, indent=2) + "\n")
    print(f"{len(packages)} packages from {url}")


if __name__ == "__main__":
    main()
