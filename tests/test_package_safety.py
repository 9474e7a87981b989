"""Hostile package files: zip bombs refused from the central directory before anything is
written, versions compared before extracting, decoder.yml kept inside the release,
metadata.json bounded, broken archives (truncated, fuzzed) and broken installed packages
never a traceback. Each input is built here, small on disk."""

from __future__ import annotations

import contextlib
import json
import os
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from package_files import (
    build_opus_mt_release,
    build_package,
    package_members,
    snapshot,
    write_zip,
    zip_folder,
)
from typer.testing import CliRunner

from onoma.cli import app
from onoma.translation import archive
from onoma.translation import packages as pk
from onoma.translation.metadata import parse_metadata, version_key
from onoma.translation.opus_mt import import_opus_mt
from onoma.translation.packages import PackageError

runner = CliRunner()


def _bomb(path: Path, members: int, size: int) -> Path:
    """A package whose ``members`` padding files of ``size`` zero bytes each compress to
    almost nothing."""
    zeros = bytes(size)
    items = list(package_members().items())
    items += [(f"pkg/pad/{n:05}.bin", zeros) for n in range(members)]
    return write_zip(path, items)


def test_many_small_zero_members_are_refused_by_the_overall_ratio(pkgs, tmp_path):
    # 1,200 members of 60 kB each: every one is under the per-member check, the whole
    # archive expands to 70 MB from a few hundred kB.
    bomb = _bomb(tmp_path / "bomb.argosmodel", 1200, 60 * 1024)
    assert bomb.stat().st_size < 1024**2
    result = runner.invoke(app, ["models", "install", str(bomb)])
    assert result.exit_code == 2, result.output
    assert "possible zip bomb" in result.stderr
    assert f"{bomb}:" in result.stderr
    assert not pkgs.exists() or snapshot(pkgs) == {}


def test_one_member_of_zeros_is_refused_by_its_ratio(tmp_path):
    bomb = _bomb(tmp_path / "one.argosmodel", 1, 8 * 1024**2)
    with pytest.raises(PackageError, match=r"'pkg/pad/00000.bin' expands \d+×"):
        archive.package_top(bomb)


def test_a_real_sized_package_passes_the_ratio_checks(tmp_path):
    # Random bytes do not compress: like model weights.
    members = package_members()
    members["pkg/model/model.bin"] = os.urandom(3 * 1024**2)
    path = write_zip(tmp_path / "ok.argosmodel", members)
    assert archive.package_top(path) == "pkg"


def test_the_version_is_compared_before_anything_is_extracted(pkgs, tmp_path, monkeypatch):
    pk.install_package_file(build_package(tmp_path / "a.argosmodel", "en", "ru", "2.0"))
    before = snapshot(pkgs)

    def extract(*_args, **_kwargs):
        raise AssertionError("extracted before the version check")

    monkeypatch.setattr(archive, "safe_extract", extract)
    older = build_package(tmp_path / "b.argosmodel", "en", "ru", "1.0")
    with pytest.raises(PackageError, match=r"2\.0 is already installed"):
        pk.install_package_file(older)
    assert snapshot(pkgs) == before


def test_decoder_yml_naming_a_file_outside_the_release_is_refused(pkgs, tmp_path):
    release = build_opus_mt_release(tmp_path / "eng-hye")
    stolen = tmp_path / "elsewhere" / "stolen.npz"
    stolen.parent.mkdir()
    stolen.write_bytes(next(release.glob("*.npz")).read_bytes())
    (release / "decoder.yml").write_text(
        f"models:\n  - {stolen}\nvocabs:\n  - {next(release.glob('*.vocab.yml')).name}\n",
        encoding="utf-8",
    )
    for hostile in (release, zip_folder(release, tmp_path / "release.zip")):
        with pytest.raises(PackageError, match="outside the release"):
            import_opus_mt(hostile, "en", "hy")
    assert not pkgs.exists() or not any(p for p in pkgs.iterdir() if not p.name.startswith("."))


@pytest.mark.parametrize(
    "depth, size, message",
    [(100_000, 0, "nested too deeply"), (0, 1024**2 + 1, "larger than 1 MiB")],
    ids=["nested", "large"],
)
def test_metadata_json_is_bounded(depth: int, size: int, message: str):
    data = b"[" * depth + b"]" * depth + b" " * size
    with pytest.raises(PackageError, match=message):
        parse_metadata(data, "metadata.json")


def test_a_huge_package_version_is_refused_at_install(pkgs, tmp_path):
    path = build_package(tmp_path / "v.argosmodel", "en", "ru", "1" * 5000)
    result = runner.invoke(app, ["models", "install", str(path)])
    assert result.exit_code == 2, result.output
    assert "package_version" in result.stderr and "is not a version" in result.stderr
    assert len(result.stderr) < 500


def test_a_broken_installed_package_does_not_break_listing_or_lookup(pkgs, tmp_path):
    pk.install_package_file(build_package(tmp_path / "a.argosmodel", "en", "az", "1.0"))
    foreign = pkgs / "translate-en_ru-huge"  # written by another tool
    foreign.mkdir()
    meta = {"from_code": "en", "to_code": "ru", "package_version": "9" * 5000}
    (foreign / "metadata.json").write_text(json.dumps(meta), encoding="utf-8")
    result = runner.invoke(app, ["models", "list"])
    assert result.exit_code == 0, result.output
    assert "en" in result.stdout and "az" in result.stdout
    assert f"warning: skipped {foreign}: metadata.json: package_version" in result.stderr
    assert pk.find_installed("en", "ru") is None
    assert version_key("9" * 5000) == (int("9" * 18),)


def test_a_truncated_archive_is_a_package_error(tmp_path):
    whole = build_package(tmp_path / "whole.argosmodel").read_bytes()
    for cut in (len(whole) // 2, len(whole) - 30, 40):
        path = tmp_path / f"cut{cut}.argosmodel"
        path.write_bytes(whole[:cut])
        with pytest.raises(PackageError):
            archive.package_top(path)


def test_an_unsupported_zip_version_is_a_package_error(tmp_path):
    path = build_package(tmp_path / "v.argosmodel")
    data = bytearray(path.read_bytes())
    header = data.index(b"PK\x03\x04")
    data[header + 4 : header + 6] = (108).to_bytes(2, "little")  # "version 10.8"
    central = data.index(b"PK\x01\x02")
    data[central + 6 : central + 8] = (108).to_bytes(2, "little")
    path.write_bytes(bytes(data))
    with pytest.raises(PackageError):
        pk.install_package_file(path)


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    edits=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=6),
    cut=st.one_of(st.none(), st.integers(0, 10**6)),
)
def test_fuzzed_packages_install_or_raise_package_error(pkgs, tmp_path, edits, cut):
    seed = tmp_path / "seed.argosmodel"
    if not seed.exists():
        build_package(seed, "en", "ru", "1.0")
    data = bytearray(seed.read_bytes())
    for position, byte in edits:
        data[position % len(data)] = byte
    if cut is not None:
        del data[cut % len(data) :]
    path = tmp_path / "fuzzed.argosmodel"
    path.write_bytes(bytes(data))
    with contextlib.suppress(PackageError):
        pk.install_package_file(path, force=True)
    leftovers = [p for p in pkgs.glob(".onoma-tmp-*")] if pkgs.exists() else []
    assert leftovers == []


def test_fuzzing_reaches_a_valid_install(pkgs, tmp_path):
    """The fuzz test's seed itself installs, so the fuzzer explores near a valid file."""
    info = pk.install_package_file(build_package(tmp_path / "s.argosmodel", "en", "ru", "1.0"))
    assert info.path.is_dir() and zipfile.is_zipfile(tmp_path / "s.argosmodel")
