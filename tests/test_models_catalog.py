"""Models a user can get offline: the shipped snapshot of the Argos index, the download
plan for a set of pairs (through English, OPUS-MT for Armenian), ``models urls``,
``models install FOLDER`` and a local index given as a path or file:// URL."""

from __future__ import annotations

import json

import pytest
from package_files import build_package, write_zip
from typer.testing import CliRunner

from onoma.cli import app
from onoma.translation import catalog
from onoma.translation import index as ix
from onoma.translation import packages as pk

runner = CliRunner()


def test_the_snapshot_is_the_argos_index_with_links():
    packages, taken = catalog.snapshot()
    pairs = {(p.from_code, p.to_code) for p in packages}
    assert {("en", "ru"), ("ru", "en"), ("en", "az"), ("az", "en")} <= pairs
    assert all(p.links[0].startswith("https://") for p in packages)
    assert len(taken) == 10 and taken[4] == "-"


def test_a_plan_goes_through_english_and_to_opus_mt_for_armenian():
    packages, _ = catalog.snapshot()
    plan, missing = catalog.downloads([("az", "ru"), ("en", "hy"), ("en", "ru")], packages)
    assert [(d.from_code, d.to_code) for d in plan] == [("az", "en"), ("en", "ru"), ("en", "hy")]
    assert missing == []
    armenian = plan[2]
    assert armenian.links[0].endswith("/eng-hye/opus-2020-06-16.zip")
    assert armenian.command == "onoma models import-opus-mt opus-2020-06-16.zip --from en --to hy"
    assert plan[1].command == f"onoma models install {plan[1].file_name}"


def test_a_pair_nothing_covers_is_reported():
    packages, _ = catalog.snapshot()
    assert catalog.downloads([("xx", "yy")], packages) == ([], ["xx → yy"])


def test_models_urls_offline_for_a_set_of_targets(pkgs):
    result = runner.invoke(app, ["models", "urls", "--to", "hy,az,ru", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert "unreachable" in data["source"]
    assert [(d["from"], d["to"]) for d in data["downloads"]] == [
        ("en", "hy"),
        ("en", "az"),
        ("en", "ru"),
    ]


def test_models_urls_needs_pairs(pkgs):
    result = runner.invoke(app, ["models", "urls", "en"])
    assert result.exit_code == 2 and "FROM TO pairs" in result.stderr


def test_install_en_hy_prints_the_opus_mt_release(pkgs):
    result = runner.invoke(app, ["models", "install", "en", "hy"])
    assert result.exit_code == 2
    assert "https://object.pouta.csc.fi/Tatoeba-MT-models/eng-hye/opus-2020-06-16.zip" in (
        result.stderr
    )
    assert "then run: onoma models import-opus-mt opus-2020-06-16.zip --from en --to hy\n" in (
        result.stderr
    )


def test_install_a_folder_installs_every_package_and_reports_a_bad_one(pkgs, tmp_path):
    folder = tmp_path / "downloads"
    folder.mkdir()
    build_package(folder / "translate-en_ru-1_0.argosmodel", "en", "ru", "1.0")
    build_package(folder / "translate-en_az-1_0.argosmodel", "en", "az", "1.0")
    write_zip(folder / "broken.argosmodel", {"x.txt": b"not a package"})
    result = runner.invoke(app, ["models", "install", str(folder)])
    assert result.exit_code == 2
    assert {(p.from_code, p.to_code) for p in pk.installed_packages()} == {
        ("en", "ru"),
        ("en", "az"),
    }
    assert f"{folder / 'broken.argosmodel'}" in result.stderr
    assert "1 of 3 package files not installed" in result.stderr


@pytest.mark.parametrize("form", ["path", "file-url", "folder"])
def test_a_local_index_is_read_as_argos_reads_it(pkgs, tmp_path, monkeypatch, form):
    site = tmp_path / "site"
    site.mkdir()
    build_package(site / "translate-en_ru-2_0.argosmodel", "en", "ru", "2.0")
    entry = {
        "from_code": "en",
        "to_code": "ru",
        "package_version": "2.0",
        "links": [(site / "translate-en_ru-2_0.argosmodel").as_uri()],
    }
    index = site / "index.json"
    index.write_text(json.dumps([entry]), encoding="utf-8")
    value = {"path": str(index), "file-url": index.as_uri(), "folder": str(site)}[form]
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", value)
    [found] = ix.fetch_index()
    assert (found.from_code, found.to_code, found.version) == ("en", "ru", "2.0")
