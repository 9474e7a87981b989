"""``onoma models`` against hostile or broken input built at test time: links and pipes
in a package folder, package versions that are no versions, a local package index that
is broken or a named pipe, and language codes that are none."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from package_files import build_package, package_members, snapshot, write_zip
from typer.testing import CliRunner

from onoma.cli import app
from onoma.errors import OnomaError
from onoma.translation import packages as pk
from onoma.translation.engine import MissingModelError, install_hint, resolve_route
from onoma.translation.packages import PackageError

runner = CliRunner()
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")


def _pairs() -> set[tuple[str, str]]:
    return {(p.from_code, p.to_code) for p in pk.installed_packages()}


# --------------------------------------------------------------------------- folders


@needs_fifo
def test_a_folder_install_skips_links_outside_and_reports_a_pipe(pkgs, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    outside = build_package(elsewhere / "translate-en_hy-copy.argosmodel", "en", "hy", "1.0")
    folder = tmp_path / "mixed"
    folder.mkdir()
    build_package(folder / "translate-en_ru-1_0.argosmodel", "en", "ru", "1.0")
    (folder / "link.argosmodel").symlink_to(outside)
    os.mkfifo(folder / "pipe.argosmodel")

    result = runner.invoke(app, ["models", "install", str(folder)])

    assert result.exit_code == 2, result.output
    assert _pairs() == {("en", "ru")}
    link, pipe = folder / "link.argosmodel", folder / "pipe.argosmodel"
    assert f"warning: {link}: skipped: a link to {outside}, outside {folder}" in result.stderr
    assert f"error: {pipe}: not a regular file (a named pipe)" in result.stderr
    assert "1 of 2 package files not installed" in result.stderr
    assert "Traceback" not in result.output


def test_a_folder_whose_only_package_is_a_link_outside_installs_nothing(pkgs, tmp_path):
    outside = build_package(tmp_path / "outside.argosmodel", "en", "ru", "1.0")
    folder = tmp_path / "links"
    folder.mkdir()
    (folder / "en_ru.argosmodel").symlink_to(outside)
    result = runner.invoke(app, ["models", "install", str(folder)])
    assert result.exit_code == 2
    assert "outside" in result.stderr
    assert f"error: {folder}: no .argosmodel file in this folder" in result.stderr
    assert _pairs() == set()


def test_a_folder_install_walks_subfolders_as_other_folder_walks_do(pkgs, tmp_path):
    folder = tmp_path / "downloads"
    (folder / "az").mkdir(parents=True)
    build_package(folder / "translate-en_ru-1_0.argosmodel", "en", "ru", "1.0")
    build_package(folder / "az" / "translate-en_az-1_0.argosmodel", "en", "az", "1.0")
    result = runner.invoke(app, ["models", "install", str(folder)])
    assert result.exit_code == 0, result.output
    assert _pairs() == {("en", "ru"), ("en", "az")}


# --------------------------------------------------------------------------- versions


@pytest.mark.parametrize(
    ("version", "said"),
    [
        (None, "package_version null is not a version"),
        ("missing", "metadata.json has no package_version"),
        (True, "package_version true is not a version"),
        (1.9, "package_version 1.9 is not a version"),
        ([1, 2], "package_version a JSON list is not a version"),
    ],
)
def test_a_package_version_that_is_no_version_string_is_refused(pkgs, tmp_path, version, said):
    members = package_members("en", "ru")
    meta = json.loads(members["pkg/metadata.json"])
    if version == "missing":
        del meta["package_version"]
    else:
        meta["package_version"] = version
    members["pkg/metadata.json"] = json.dumps(meta).encode()
    path = write_zip(tmp_path / "odd.argosmodel", members)
    before = snapshot(pkgs) if pkgs.exists() else {}

    result = runner.invoke(app, ["models", "install", str(path)])

    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"error: {path}: metadata.json")
    assert said in result.stderr
    assert (snapshot(pkgs) if pkgs.exists() else {}) == before
    with pytest.raises(PackageError, match="package_version"):
        pk.install_package_file(path)


@pytest.mark.parametrize(("written", "shown"), [(None, ""), (1.1, "1.1"), ("1.9", "1.9")])
def test_installed_packages_other_tools_wrote_stay_listed(pkgs, written, shown):
    # Installing a file needs a version string; a package already installed (by Argos,
    # by an older onoma) without one, or with a number, is still used and listed.
    folder = pkgs / "translate-en_ru"
    (folder / "model").mkdir(parents=True)
    meta = {"from_code": "en", "to_code": "ru", "package_name": "translate-en_ru"}
    if written is not None:
        meta["package_version"] = written
    (folder / "metadata.json").write_text(json.dumps(meta))
    result = runner.invoke(app, ["models", "list", "--installed", "--json"])
    assert result.exit_code == 0, result.output
    assert "skipped" not in result.stderr
    assert [p.get("version") for p in json.loads(result.stdout)["installed"]] == [shown]


# --------------------------------------------------------------------------- index


def test_urls_reports_a_local_index_that_is_not_json(pkgs, tmp_path, monkeypatch):
    index = tmp_path / "index.json"
    index.write_text("{", encoding="utf-8")
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", str(index))
    result = runner.invoke(app, ["models", "urls", "en", "ru"])
    assert result.exit_code == 2, result.output
    assert f"error: {index}: the package index is not valid JSON" in result.stderr
    assert "unreachable" not in result.output
    assert result.stdout == ""
    offline = runner.invoke(app, ["models", "urls", "en", "ru", "--offline"])
    assert offline.exit_code == 0 and "translate-en_ru" in offline.stdout


def test_urls_reports_a_missing_local_index(pkgs, tmp_path, monkeypatch):
    missing = tmp_path / "nowhere.json"
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", str(missing))
    result = runner.invoke(app, ["models", "urls", "en", "ru"])
    assert result.exit_code == 2
    assert f"error: {missing}: cannot read the Argos package index: no such file" in (result.stderr)


@needs_fifo
@pytest.mark.parametrize("command", [["install", "en", "ru"], ["urls", "en", "ru"]])
def test_an_index_that_is_a_named_pipe_is_refused_at_once(pkgs, tmp_path, command):
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    env = {**os.environ, "ARGOS_PACKAGE_INDEX": str(fifo)}
    try:
        result = subprocess.run(
            [sys.executable, "-m", "onoma", "models", *command],
            capture_output=True,
            text=True,
            env=env,
            timeout=30,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("onoma waited on the named pipe")
    assert result.returncode == 2, result.stderr
    assert f"error: {fifo}: cannot read the Argos package index: not a regular file" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr


# --------------------------------------------------------------------------- codes


@pytest.mark.parametrize("code", ["../x", "auto", "EN US"])
def test_translate_checks_from_where_it_is_read(pkgs, tmp_path, code):
    text = tmp_path / "a.txt"
    text.write_text("Hello.\n", encoding="utf-8")
    result = runner.invoke(app, ["translate", str(text), "--from", code, "--to", "ru"])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: --from{':' if code != 'auto' else ' auto:'}")
    assert "models install" not in result.stderr
    assert "e.g. --from en" in result.stderr or "such as en" in result.stderr


def test_translate_to_a_pair_no_index_has_gives_no_install_command(pkgs, tmp_path):
    text = tmp_path / "a.txt"
    text.write_text("Hello.\n", encoding="utf-8")
    result = runner.invoke(app, ["translate", str(text), "--to", "xx"])
    assert result.exit_code == 2
    assert "no translation model installed for en → xx" in result.stderr
    assert "models install en xx" not in result.stderr
    assert "has no en → xx package" in result.stderr


def test_install_hints_only_for_pairs_that_exist():
    assert install_hint("en", "xx") is None
    assert install_hint("../x", "en") is None
    assert install_hint("de", "en") == "onoma models install de en"
    message = str(MissingModelError("xx", "az", [("xx", "en"), ("en", "az")]))
    assert "install with: onoma models install en az;" in message
    assert "models install xx en" not in message and "has no xx → en package" in message


def test_the_library_refuses_codes_that_are_not_language_codes(pkgs):
    with pytest.raises(OnomaError, match=r"'\.\./x' is not a language code") as info:
        resolve_route("../x", "en")
    assert not isinstance(info.value, MissingModelError)


def test_import_opus_mt_names_the_option_not_a_metadata_file(pkgs, tmp_path):
    release = tmp_path / "release.zip"
    result = runner.invoke(
        app, ["models", "import-opus-mt", str(release), "--from", "../x", "--to", "hy"]
    )
    assert result.exit_code == 2
    assert (
        result.stderr == "error: --from: '../x' is not a language code such as en, hy, ru or az\n"
    )


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["../x", "ru"], "FROM TO"),
        (["--from", "../x", "--to", "ru"], "--from"),
        (["--to", "r/u"], "--to"),
    ],
)
def test_urls_checks_its_codes(pkgs, args, option):
    result = runner.invoke(app, ["models", "urls", *args])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {option}: ")
    assert "is not a language code" in result.stderr
