"""onoma and Argos Translate share one packages folder: each uses what the other installed.

``argostranslate`` runs in a subprocess with its home, data, cache and configuration
folders under ``tmp_path`` (its settings module reads the environment and creates
folders when imported). Its sentence splitter (MiniSBD) downloads a model on first use,
so the subprocess gives Argos a sentence splitter built on sentencex, through the
splitter interface Argos defines (``argostranslate.sbd.ISentenceBoundaryDetectionModel``);
the package listing, loading, tokenization and CTranslate2 translation are Argos's own.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from argos_factory import build_package, copy_expected, install_packages, seed_text
from typer.testing import CliRunner

from onoma.cli import app

pytest.importorskip("argostranslate", reason="argostranslate is in the argos extra")
pytestmark = pytest.mark.slow

ARGOS_SIDE = r"""
import json, sys
from pathlib import Path
from argostranslate import package, sbd, translate
from sentencex import segment


class Sentencex(sbd.ISentenceBoundaryDetectionModel):
    def __init__(self, pkg):
        self.pkg = pkg

    def split_sentences(self, text):
        return list(segment(self.pkg.from_code, text))


sbd.MiniSBDSentencizer.__init__ = Sentencex.__init__
sbd.MiniSBDSentencizer.split_sentences = Sentencex.split_sentences
command, arg = sys.argv[1], sys.argv[2]
if command == "install":
    package.install_from_path(Path(arg))
listed = [
    {"from": p.from_code, "to": p.to_code, "version": p.package_version,
     "path": str(p.package_path)}
    for p in package.get_installed_packages()
]
out = {"listed": listed}
if command == "translate":
    out["text"] = translate.translate(Path(arg).read_text("utf-8"), "en", "ru")
print(json.dumps(out))
"""


def run_argos(tmp_path: Path, root: Path, *args: str) -> dict:
    """Run :data:`ARGOS_SIDE` with Argos's folders under ``tmp_path`` and packages in ``root``."""
    home = tmp_path / "argos-home"
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "ARGOS_PACKAGES_DIR": str(root),
        "ARGOS_CHUNK_TYPE": "MINISBD",
        "ARGOS_DEBUG": "0",
    }
    env.pop("SNAP", None)
    result = subprocess.run(
        [sys.executable, "-c", ARGOS_SIDE, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_package_installed_by_onoma_is_listed_and_used_by_argos(tmp_path):
    root = install_packages(tmp_path / "pkgs", tmp_path / "work", [("en", "ru")])
    article = tmp_path / "article.txt"
    article.write_text("Azerbaijan continues its attacks. The city was calm on Thursday.\n")
    out = run_argos(tmp_path, root, "translate", str(article))
    [listed] = out["listed"]
    assert (listed["from"], listed["to"], listed["version"]) == ("en", "ru", "1.0")
    assert Path(listed["path"]).parent == root
    # The package copies its input, so Argos's translation is the text itself.
    assert out["text"].strip() == article.read_text().strip()


def test_a_package_installed_by_argos_is_used_by_onoma_translate(tmp_path, monkeypatch):
    root = tmp_path / "pkgs"
    archive = build_package(tmp_path / "work", "en", "ru", suffix="argos")
    out = run_argos(tmp_path, root, "install", str(archive))
    assert [(p["from"], p["to"]) for p in out["listed"]] == [("en", "ru")]
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(root))
    monkeypatch.delenv("SNAP", raising=False)
    article = tmp_path / "article.txt"
    article.write_text(seed_text(), encoding="utf-8")
    listing = CliRunner().invoke(app, ["models", "list", "--installed", "--json"])
    assert listing.exit_code == 0, listing.output
    [pkg] = json.loads(listing.stdout)["installed"]
    assert Path(pkg["path"]).parent == root
    result = CliRunner().invoke(app, ["translate", str(article), "--to", "ru"])
    assert result.exit_code == 0, result.output
    assert result.stdout == copy_expected(seed_text(), "ru")
