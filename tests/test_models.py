"""``onoma models`` and ``onoma.translation.packages``: where packages live, installing from
files and from an index served on 127.0.0.1, upgrades, removal, and hostile archives
that must be refused with a clear error while the installed packages stay byte-identical."""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import socket
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest
from package_files import (
    build_package,
    package_members,
    snapshot,
    symlink_member,
    write_zip,
)
from typer.testing import CliRunner

from onoma.cli import app
from onoma.translation import archive
from onoma.translation import index as ix
from onoma.translation import packages as pk
from onoma.translation.packages import PackageError

runner = CliRunner()


@pytest.fixture
def installed(pkgs, tmp_path) -> dict:
    """Two installed packages (en→ru 1.0 and en→az 1.1), and the folder's snapshot."""
    pk.install_package_file(build_package(tmp_path / "en_ru.argosmodel", "en", "ru", "1.0"))
    pk.install_package_file(build_package(tmp_path / "en_az.argosmodel", "en", "az", "1.1"))
    return snapshot(pkgs)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def serve(folder: Path):
    """Serve ``folder`` over HTTP on 127.0.0.1; yields the base URL."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def write_index(folder: Path, base: str, *entries: tuple[str, str, str]) -> None:
    """An index.json in ``folder`` and the package files it links to."""
    index = []
    for from_code, to_code, version in entries:
        name = f"translate-{from_code}_{to_code}-{version.replace('.', '_')}.argosmodel"
        build_package(folder / name, from_code, to_code, version)
        index.append(
            {
                "package_version": version,
                "from_code": from_code,
                "to_code": to_code,
                "links": [f"{base}/{name}"],
            }
        )
    index.append({"type": "sbd", "from_codes": ["en"], "links": [f"{base}/sbd.argosmodel"]})
    (folder / "index.json").write_text(json.dumps(index), encoding="utf-8")


# --------------------------------------------------------------------------- settings


def test_packages_dir_follows_argos_settings_read_at_call_time(tmp_path, monkeypatch):
    monkeypatch.delenv("ARGOS_PACKAGES_DIR", raising=False)
    monkeypatch.delenv("SNAP", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    assert pk.packages_dir() == tmp_path / "data" / "argos-translate" / "packages"
    settings = tmp_path / "config" / "argos-translate" / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text(json.dumps({"ARGOS_PACKAGES_DIR": str(tmp_path / "from-json")}))
    assert pk.packages_dir() == tmp_path / "from-json"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "from-env"))
    assert pk.packages_dir() == tmp_path / "from-env"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.delenv("ARGOS_PACKAGES_DIR")
    settings.unlink()
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert pk.packages_dir() == tmp_path / "home" / ".local/share/argos-translate/packages"


def test_importing_packages_is_cheap():
    code = (
        "import sys, onoma.cli, onoma.translation.packages; "
        "print(sorted(m for m in ('argostranslate', 'ctranslate2', 'torch', 'rich.progress') "
        "if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr


# --------------------------------------------------------------------------- install


def test_install_file_then_find_and_list(pkgs, tmp_path):
    path = build_package(tmp_path / "en_ru.argosmodel", "en", "ru", "1.9", package_name="en-ru")
    result = runner.invoke(app, ["models", "install", str(path)])
    assert result.exit_code == 0, result.output
    folder = pkgs / "translate-en_ru-1_9"
    assert result.stdout == f"installed en → ru 1.9 in {folder}\n"
    assert sorted(p.name for p in pkgs.iterdir()) == ["translate-en_ru-1_9"]  # no leftovers
    assert (folder / "model" / "model.bin").is_file()
    assert pk.find_installed("en", "ru") == pk.PackageInfo("en", "ru", "1.9", folder, "en-ru")
    assert pk.find_installed("ru", "en") is None
    assert pk.installed_packages() == [pk.find_installed("en", "ru")]

    result = runner.invoke(app, ["models", "list"])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"Installed ({pkgs}):",
        "FROM  TO  VERSION  NAME   PATH",
        f"en    ru  1.9      en-ru  {folder}",
    ]
    assert "note: cannot reach the Argos package index (http://127.0.0.1:" in result.stderr
    assert "Connection refused); listing installed packages only" in result.stderr

    result = runner.invoke(app, ["models", "list", "--json", "--installed"])
    data = json.loads(result.stdout)
    assert data == {
        "packages_dir": str(pkgs),
        "installed": [
            {"from": "en", "to": "ru", "version": "1.9", "name": "en-ru", "path": str(folder)}
        ],
        "available": None,
        "index_error": None,
    }
    assert result.stderr == ""


def test_list_as_a_subprocess(installed, pkgs):
    result = subprocess.run(
        [sys.executable, "-m", "onoma", "models", "list"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert f"en    az  1.1      en_az  {pkgs / 'translate-en_az-1_1'}" in result.stdout
    assert f"en    ru  1.0      en_ru  {pkgs / 'translate-en_ru-1_0'}" in result.stdout
    assert "cannot reach the Argos package index" in result.stderr
    assert "Traceback" not in result.stderr


def test_list_with_nothing_installed(pkgs):
    result = runner.invoke(app, ["models", "list", "--installed"])
    assert result.exit_code == 0
    assert result.stdout == f"No packages installed in {pkgs}.\n"


def test_installed_packages_skips_hidden_and_broken_folders(installed, pkgs):
    (pkgs / ".onoma-tmp-x").mkdir()
    (pkgs / ".onoma-tmp-x" / "metadata.json").write_text('{"from_code": "de", "to_code": "fr"}')
    (pkgs / "broken").mkdir()
    (pkgs / "broken" / "metadata.json").write_text("{not json")
    (pkgs / "sbd").mkdir()
    (pkgs / "sbd" / "metadata.json").write_text('{"type": "sbd", "from_codes": ["en"]}')
    assert [(p.from_code, p.to_code) for p in pk.installed_packages()] == [
        ("en", "az"),
        ("en", "ru"),
    ]


def test_glossaries_and_packages_accept_the_same_language_codes(pkgs, tmp_path):
    from onoma.glossary import load_file
    from onoma.glossary.model import LANG_CODE
    from onoma.translation.metadata import LANGUAGE_CODE

    assert LANGUAGE_CODE is LANG_CODE
    for code in ("en", "hy", "az-Cyrl", "pt_BR", "zh_Hant", "sr-Latn-RS"):
        assert LANG_CODE.match(code), code
    for code in ("", "e", "EN", "en-", "en_", "pt BR", "../x", "en\n", "english"):
        assert not LANG_CODE.match(code), code
    pkg = pk.install_package_file(build_package(tmp_path / "br.argosmodel", "en", "pt_BR"))
    assert (pkg.from_code, pkg.to_code) == ("en", "pt_BR")
    glossary = tmp_path / "br.yaml"
    glossary.write_text("- id: rio\n  type: place\n  names: {en: Rio, pt_BR: Rio}\n")
    assert load_file(glossary).entries[0].names == {"en": "Rio", "pt_BR": "Rio"}


def test_reinstall_replaces_and_upgrade_removes_the_old_version(installed, pkgs, tmp_path):
    old = pkgs / "translate-en_ru-1_0"
    path = build_package(tmp_path / "again.argosmodel", "en", "ru", "1.0")
    with pytest.raises(pk.PackageError, match=r"en → ru 1.0 is already installed"):
        pk.install_package_file(path)
    assert pk.install_package_file(path, force=True).path == old
    assert (old / "model" / "model.bin").read_bytes() != installed[
        "translate-en_ru-1_0/model/model.bin"
    ]

    newer = build_package(tmp_path / "newer.argosmodel", "en", "ru", "1.1")
    pkg = pk.install_package_file(newer)
    assert pkg.path == pkgs / "translate-en_ru-1_1"
    assert sorted(p.name for p in pkgs.iterdir()) == ["translate-en_az-1_1", "translate-en_ru-1_1"]
    assert pk.find_installed("en", "ru").version == "1.1"
    # the other pair was not touched
    assert {k: v for k, v in snapshot(pkgs).items() if "en_az" in k} == {
        k: v for k, v in installed.items() if "en_az" in k
    }


def test_an_older_file_needs_force(installed, pkgs, tmp_path):
    older = build_package(tmp_path / "older.argosmodel", "en", "ru", "0.9")
    result = runner.invoke(app, ["models", "install", str(older)])
    assert result.exit_code == 2
    assert "en → ru 1.0 is already installed" in result.stderr
    assert "this package is 0.9; use --force to replace it" in result.stderr
    assert snapshot(pkgs) == installed
    result = runner.invoke(app, ["models", "install", "--force", str(older)])
    assert result.exit_code == 0, result.output
    assert pk.find_installed("en", "ru").version == "0.9"


def test_a_packages_path_that_is_a_file_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "file"))
    (tmp_path / "file").write_text("not a folder")
    result = runner.invoke(app, ["models", "list", "--installed"])
    assert result.exit_code == 2
    assert f"error: {tmp_path / 'file'}: not a folder (check ARGOS_PACKAGES_DIR)" in result.stderr


def test_remove(installed, pkgs):
    result = runner.invoke(app, ["models", "remove", "en", "ru"])
    assert result.exit_code == 0
    assert result.stdout == f"removed en → ru 1.0 ({pkgs / 'translate-en_ru-1_0'})\n"
    assert sorted(p.name for p in pkgs.iterdir()) == ["translate-en_az-1_1"]
    result = runner.invoke(app, ["models", "remove", "en", "ru"])
    assert result.exit_code == 2
    assert result.stderr == "error: no en → ru package is installed\n"


def test_install_arguments_are_checked(pkgs):
    result = runner.invoke(app, ["models", "install", "en"])
    assert result.exit_code == 2
    assert result.stderr == (
        "error: expected FROM TO language codes (e.g. onoma models install en ru) "
        "or .argosmodel files\n"
    )
    result = runner.invoke(app, ["models", "install", "missing.argosmodel"])
    assert result.exit_code == 2
    assert result.stderr == "error: missing.argosmodel: no such file\n"


# --------------------------------------------------------------------------- hostile files


def hostile_cases(tmp: Path) -> list[tuple[Path, str]]:
    good = package_members("de", "fr", "2.0")
    metadata = {"package_version": "2.0", "from_code": "de", "to_code": "fr"}

    def with_metadata(**changes) -> dict[str, bytes]:
        meta = {k: v for k, v in {**metadata, **changes}.items() if v is not None}
        return {**good, "pkg/metadata.json": json.dumps(meta).encode()}

    def z(name: str, members) -> Path:
        return write_zip(tmp / name, members)

    (tmp / "text.argosmodel").write_bytes(b"this is not a zip file\n")
    no_meta = {k: v for k, v in good.items() if not k.endswith("metadata.json")}
    no_model = {k: v for k, v in good.items() if "model.bin" not in k}
    bomb = z("bomb.argosmodel", {**good, "pkg/zeros.bin": bytes(4 * 1024**2)})
    with zipfile.ZipFile(bomb) as archive:
        zeros = archive.getinfo("pkg/zeros.bin")
        ratio = zeros.file_size // zeros.compress_size
    return [
        (tmp / "text.argosmodel", "not a zip archive (an .argosmodel file is a zip)"),
        (z("nometa.argosmodel", no_meta), "no metadata.json in pkg/"),
        (z("nofrom.argosmodel", with_metadata(from_code=None)), "metadata.json has no from_code"),
        (z("noto.argosmodel", with_metadata(to_code="")), "metadata.json has no to_code"),
        (
            z("badcode.argosmodel", with_metadata(to_code="../../x")),
            "metadata.json: to_code '../../x' is not a language code",
        ),
        (
            z("badjson.argosmodel", {**good, "pkg/metadata.json": b"{"}),
            "metadata.json is not valid JSON (Expecting property name enclosed in double "
            "quotes: line 1 column 2 (char 1))",
        ),
        (
            z("list.argosmodel", {**good, "pkg/metadata.json": b"[]"}),
            "metadata.json must hold a JSON object",
        ),
        (
            z("dotdot.argosmodel", {**good, "../evil.txt": b"x"}),
            "unsafe path '../evil.txt' escapes the package folder",
        ),
        (
            z("dotdot2.argosmodel", {**good, "pkg/../../evil.txt": b"x"}),
            "unsafe path 'pkg/../../evil.txt' escapes the package folder",
        ),
        (
            z("abs.argosmodel", {**good, "/tmp/evil.txt": b"x"}),
            "unsafe path '/tmp/evil.txt' (absolute or with backslashes)",
        ),
        (
            z("drive.argosmodel", {**good, "C:/evil.txt": b"x"}),
            "unsafe path 'C:/evil.txt' (absolute or with backslashes)",
        ),
        (
            z("link.argosmodel", [*good.items(), (symlink_member("pkg/link"), b"/etc")]),
            "'pkg/link' is a symbolic link; links are refused",
        ),
        (bomb, f"'pkg/zeros.bin' expands {ratio}× (limit 100×): refused as a possible zip bomb"),
        (
            z("two.argosmodel", {**good, "other/metadata.json": good["pkg/metadata.json"]}),
            "more than one top-level entry (other, pkg); expected one folder",
        ),
        (
            z("flat.argosmodel", {k.removeprefix("pkg/"): v for k, v in good.items()}),
            "more than one top-level entry (README.md, metadata.json, model, "
            "sentencepiece.model); expected one folder",
        ),
        (
            z("file.argosmodel", {"metadata.json": good["pkg/metadata.json"]}),
            "'metadata.json' is a file; expected one folder holding metadata.json",
        ),
        (
            z("dup.argosmodel", [*good.items(), ("pkg/README.md", b"again")]),
            "duplicate or empty member name 'pkg/README.md'",
        ),
        (
            z("spm.argosmodel", with_metadata(target_sentencepiece_model="../../etc/passwd")),
            "target_sentencepiece_model '../../etc/passwd' is not in the package",
        ),
        (
            z("nomodel.argosmodel", no_model),
            "no model/model.bin (not a CTranslate2 translation package)",
        ),
    ]


def test_hostile_files_are_refused_and_change_nothing(installed, pkgs, tmp_path):
    hostile = tmp_path / "hostile"
    hostile.mkdir()
    for path, message in hostile_cases(hostile):
        with pytest.raises(PackageError) as caught:
            pk.install_package_file(path)
        assert str(caught.value) == f"{path}: {message}"
        assert snapshot(pkgs) == installed, path
    assert not (tmp_path / "evil.txt").exists()
    assert not Path("/tmp/evil.txt").exists()


def test_hostile_file_through_the_cli(installed, pkgs, tmp_path):
    path = write_zip(tmp_path / "x.argosmodel", {**package_members(), "../evil": b"x"})
    result = runner.invoke(app, ["models", "install", str(path)])
    assert result.exit_code == 2
    assert result.stderr == f"error: {path}: unsafe path '../evil' escapes the package folder\n"
    assert snapshot(pkgs) == installed


def test_corrupt_member_is_refused(installed, pkgs, tmp_path):
    members = package_members("de", "fr")
    stored = zipfile.ZipInfo("pkg/sentencepiece.model")  # ZIP_STORED: the bytes appear as-is
    members = [*((k, v) for k, v in members.items() if "sentencepiece" not in k), (stored, b"spm!")]
    path = write_zip(tmp_path / "crc.argosmodel", members)
    data = bytearray(path.read_bytes())
    start = data.index(b"spm!")
    data[start : start + 3] = b"XXX"
    path.write_bytes(bytes(data))
    with pytest.raises(PackageError, match=r"corrupt zip archive at 'pkg/sentencepiece.model'"):
        pk.install_package_file(path)
    assert snapshot(pkgs) == installed


def test_total_size_cap(installed, pkgs, tmp_path, monkeypatch):
    monkeypatch.setattr(archive, "MAX_TOTAL_SIZE", 1000)
    path = write_zip(tmp_path / "big.argosmodel", {**package_members(), "pkg/big": os.urandom(900)})
    with pytest.raises(PackageError) as caught:
        pk.install_package_file(path)
    assert str(caught.value) == f"{path}: uncompressed size exceeds 0 GiB"
    assert snapshot(pkgs) == installed


# --------------------------------------------------------------------------- index


def test_offline_install_says_what_to_download_and_how_to_install_it(installed, pkgs):
    result = runner.invoke(app, ["models", "install", "en", "ru", "--force"])
    assert result.exit_code == 2
    url = os.environ["ARGOS_PACKAGE_INDEX"] + "index.json"
    assert result.stderr.startswith(
        f"error: cannot reach the Argos package index ({url}: [Errno 111] Connection refused)\n"
        "download on a machine that can reach the internet:\n"
        "  https://argos-net.com/v1/translate-en_ru-1_9.argosmodel\n"
        "then run: onoma models install translate-en_ru-1_9.argosmodel\n"
        "(links from onoma's copy of the Argos index of "
    )
    assert result.stderr.endswith("; onoma models urls)\n")
    assert "Traceback" not in result.output
    assert snapshot(pkgs) == installed


def test_download_from_an_index_served_locally(pkgs, tmp_path, monkeypatch):
    site = tmp_path / "site"
    site.mkdir()
    with serve(site) as base:
        write_index(site, base, ("en", "ru", "1.9"), ("en", "az", "1.0"), ("en", "ru", "1.0"))
        monkeypatch.setenv("ARGOS_PACKAGE_INDEX", base + "/")
        result = runner.invoke(app, ["models", "install", "en", "ru"])
        assert result.exit_code == 0, result.output
        folder = pkgs / "translate-en_ru-1_9"
        assert result.stdout == f"installed en → ru 1.9 in {folder}\n"
        assert sorted(p.name for p in pkgs.iterdir()) == ["translate-en_ru-1_9"]

        result = runner.invoke(app, ["models", "install", "en", "ru"])
        assert result.stdout == (
            f"en → ru 1.9 is already installed ({folder}); use --force to reinstall\n"
        )
        before = (folder / "model" / "model.bin").stat().st_ino
        result = runner.invoke(app, ["models", "install", "--force", "en", "ru"])
        assert result.stdout == f"installed en → ru 1.9 in {folder}\n"
        assert (folder / "model" / "model.bin").stat().st_ino != before

        result = runner.invoke(app, ["models", "list"])
        assert result.exit_code == 0
        assert result.stderr == ""
        assert result.stdout.splitlines()[-6:] == [
            "",
            "Available from the Argos index (onoma models install FROM TO):",
            "FROM  TO  VERSION  STATUS",
            "en    az  1.0",
            "en    ru  1.9      installed",
            "en    ru  1.0      installed 1.9",
        ]
        data = json.loads(runner.invoke(app, ["models", "list", "--json"]).stdout)
        assert data["index_error"] is None
        assert {(a["from"], a["to"], a["version"], a["installed"]) for a in data["available"]} == {
            ("en", "ru", "1.9", "1.9"),
            ("en", "ru", "1.0", "1.9"),
            ("en", "az", "1.0", None),
        }

        result = runner.invoke(app, ["models", "install", "de", "fr"])
        assert result.exit_code == 2
        assert result.stderr == (
            "error: the Argos package index has no de → fr package (see: onoma models list; "
            "OPUS-MT models: onoma models import-opus-mt)\n"
        )


def test_download_failures(installed, pkgs, tmp_path, monkeypatch):
    site = tmp_path / "site"
    site.mkdir()
    with serve(site) as base:
        write_index(site, base, ("en", "ru", "2.0"), ("en", "az", "2.0"))
        (site / "translate-en_ru-2_0.argosmodel").unlink()  # a dead link
        (site / "translate-en_az-2_0.argosmodel").write_bytes(b"<html>not a zip</html>")
        monkeypatch.setenv("ARGOS_PACKAGE_INDEX", base + "/index.json")
        result = runner.invoke(app, ["models", "install", "en", "ru"])
        assert result.exit_code == 2
        assert result.stderr.startswith(
            f"error: cannot reach the en → ru package ({base}/translate-en_ru-2_0.argosmodel: "
            "HTTP 404 File not found)\ndownload on a machine that can reach the internet:\n"
        )
        result = runner.invoke(app, ["models", "install", "en", "az"])
        assert result.exit_code == 2
        assert result.stderr == (
            f"error: {base}/translate-en_az-2_0.argosmodel: "
            "not a zip archive (an .argosmodel file is a zip)\n"
        )
        (site / "index.json").write_text("{}")
        result = runner.invoke(app, ["models", "list", "--json"])
        data = json.loads(result.stdout)
        assert data["available"] is None
        assert data["index_error"] == f"{base}/index.json: the package index is not a JSON list"
    assert snapshot(pkgs) == installed


def test_index_timeout_is_short(installed, monkeypatch):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(1)  # accepts the connection but never answers
        monkeypatch.setenv("ARGOS_PACKAGE_INDEX", f"http://127.0.0.1:{sock.getsockname()[1]}")
        monkeypatch.setattr(ix, "INDEX_TIMEOUT", 0.2)
        result = runner.invoke(app, ["models", "list"])
    assert result.exit_code == 0
    assert result.stderr.endswith("/index.json: timed out); listing installed packages only\n")
    assert "en    ru  1.0" in result.stdout


def test_download_reports_progress(pkgs, tmp_path, monkeypatch):
    site = tmp_path / "site"
    site.mkdir()
    calls = []
    with serve(site) as base:
        write_index(site, base, ("az", "en", "1.0"))
        monkeypatch.setenv("ARGOS_PACKAGE_INDEX", base)
        pkg, installed_now = ix.install_from_index("az", "en", progress=lambda *a: calls.append(a))
    size = (site / "translate-az_en-1_0.argosmodel").stat().st_size
    assert installed_now
    assert pkg.path == pkgs / "translate-az_en-1_0"
    assert calls[-1] == (size, size)


def test_progress_bar_only_on_a_terminal(monkeypatch):
    from onoma.cli.common import progress, progress_bar

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    with progress_bar("en → ru", None, in_bytes=True) as bar:
        assert bar is not None
        bar.update(completed=50, total=100)
        bar.update("en → ru (done)", completed=100)
    with progress_bar("translating", 4, show=False) as bar:
        assert bar is None
    assert list(progress(["a", "b", "c"], "normalizing")) == ["a", "b", "c"]
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False, raising=False)
    with progress_bar("en → ru", None, in_bytes=True) as bar:
        assert bar is None
    assert list(progress(["a", "b"], "normalizing")) == ["a", "b"]


def test_two_codes_are_codes_even_if_such_files_exist(pkgs, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "en").write_text("not a package")
    result = runner.invoke(app, ["models", "install", "en", "ru"])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: cannot reach the Argos package index (")


def test_install_names_a_missing_file(pkgs):
    result = runner.invoke(app, ["models", "install", "missing.argosmodel"])
    assert result.exit_code == 2
    assert "error: missing.argosmodel: no such file" in result.stderr
    one_code = runner.invoke(app, ["models", "install", "en"])
    assert "expected FROM TO language codes" in one_code.stderr


def _failing_rename(monkeypatch, fails):
    real_rename = os.rename

    def rename(src, dst):
        if fails(Path(src), Path(dst)):
            raise OSError(28, "No space left on device")
        return real_rename(src, dst)

    monkeypatch.setattr(os, "rename", rename)


def test_a_failed_install_puts_the_old_version_back(installed, pkgs, tmp_path, monkeypatch):
    path = build_package(tmp_path / "again.argosmodel", "en", "ru", "1.0")
    final = pkgs / "translate-en_ru-1_0"
    _failing_rename(monkeypatch, lambda src, dst: dst == final and src.parent.name == "new")
    with pytest.raises(pk.PackageError, match="No space left on device"):
        pk.install_package_file(path, force=True)
    assert snapshot(pkgs) == installed


def test_a_failed_roll_back_is_a_clear_error(installed, pkgs, tmp_path, monkeypatch):
    path = build_package(tmp_path / "again.argosmodel", "en", "ru", "1.0")
    final = pkgs / "translate-en_ru-1_0"
    _failing_rename(monkeypatch, lambda src, dst: dst == final)
    with pytest.raises(pk.PackageError, match="nor put the previous version back"):
        pk.install_package_file(path, force=True)
