"""``onoma glossary add`` and ``merge`` against what goes wrong: a file that appears or
vanishes while onoma works, an id defined twice, invisible characters, a dry run that
must fail as the real run does, and the glossaries of the configuration file."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from onoma.cli import app
from onoma.glossary.edit import FileEdit

runner = CliRunner()

ALPHA = "- id: alpha\n  type: place\n  names:\n    en: Alpha\n"
BETA = "- id: beta\n  type: place\n  names:\n    en: Beta\n"
OTHER = "# another curator's file\n- id: theirs\n  type: place\n  names:\n    en: Theirs\n"


def run(*args: str):
    return runner.invoke(app, ["glossary", *args])


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_add_refuses_a_new_file_that_appears_before_the_write(tmp_path, monkeypatch):
    target = tmp_path / "new.yaml"
    real_check = FileEdit.check

    def check_then_someone_writes(self: FileEdit) -> None:
        real_check(self)
        if not target.exists():
            target.write_text(OTHER, encoding="utf-8")

    monkeypatch.setattr(FileEdit, "check", check_then_someone_writes)
    result = run("add", "Omega", "-t", "place", "-g", str(target), "--no-builtin")
    assert result.exit_code == 2
    assert "appeared while onoma was working on it" in result.stderr
    assert "nothing was written" in result.stderr
    assert target.read_text(encoding="utf-8") == OTHER
    assert temporaries(tmp_path) == []


@pytest.mark.parametrize("hard_links", [True, errno.EPERM, errno.EINVAL])
def test_a_new_file_is_never_renamed_over_one_that_appears(tmp_path, monkeypatch, hard_links):
    """The file appears after every check, while the new text is being written: the
    hard link (or, without hard links, the exclusive creation) fails."""
    target = tmp_path / "new.yaml"
    real_fsync = os.fsync
    appear = [True]

    def fsync_then_someone_writes(fd: int) -> None:
        real_fsync(fd)
        if appear[0]:
            appear[0] = False
            target.write_text(OTHER, encoding="utf-8")

    def no_link(*_args: object, **_kwargs: object) -> None:
        raise OSError(hard_links, os.strerror(hard_links))  # as a file system without them

    monkeypatch.setattr(os, "fsync", fsync_then_someone_writes)
    if hard_links is not True:
        monkeypatch.setattr(os, "link", no_link)
    result = run("add", "Omega", "-t", "place", "-g", str(target), "--no-builtin")
    assert result.exit_code == 2
    assert f"{target}: appeared while onoma was working on it" in result.stderr
    assert target.read_text(encoding="utf-8") == OTHER
    assert temporaries(tmp_path) == []

    target.unlink()  # once it is gone, the same command creates the file
    result = run("add", "Omega", "-t", "place", "-g", str(target), "--no-builtin")
    assert result.exit_code == 0, result.output
    assert "- id: omega" in target.read_text(encoding="utf-8")
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
    assert temporaries(tmp_path) == []


def test_add_refuses_a_file_removed_while_it_works(tmp_path, monkeypatch):
    target = tmp_path / "g.yaml"
    target.write_text(ALPHA, encoding="utf-8")
    real_check = FileEdit.check

    def check_then_someone_removes(self: FileEdit) -> None:
        real_check(self)
        target.unlink(missing_ok=True)

    monkeypatch.setattr(FileEdit, "check", check_then_someone_removes)
    result = run("add", "Omega", "-t", "place", "-g", str(target), "--no-builtin")
    assert result.exit_code == 2
    assert "was removed while onoma was working on it" in result.stderr
    assert not target.exists()


def test_merge_refuses_an_id_defined_in_two_files(tmp_path):
    f1, f2 = tmp_path / "f1.yaml", tmp_path / "f2.yaml"
    f1.write_text(ALPHA, encoding="utf-8")
    f2.write_text(ALPHA + BETA, encoding="utf-8")
    args = ["merge", "alpha", "beta", "-g", str(f1), "-g", str(f2), "--no-builtin"]
    for dry_run in ([], ["--dry-run"]):
        result = run(*args, *dry_run)
        assert result.exit_code == 2
        assert result.stdout == ""
        assert (
            f"error: id 'alpha' is defined 2 times ({f1}:1, {f2}:1); keep one of them "
            "before merging; nothing was written\n"
        ) == result.stderr
    assert f1.read_text(encoding="utf-8") == ALPHA
    assert f2.read_text(encoding="utf-8") == ALPHA + BETA


@pytest.mark.parametrize("ids", [("dup", "alpha"), ("alpha", "dup")])
def test_merge_refuses_an_id_defined_twice_in_one_file(tmp_path, ids):
    path = tmp_path / "v.yaml"
    dup = "- id: dup\n  type: place\n  names:\n    en: Dup\n"
    text = dup + ALPHA + dup.replace("en: Dup", "en: Dup Two")
    path.write_text(text, encoding="utf-8")
    result = run("merge", *ids, "-g", str(path), "--no-builtin")
    assert result.exit_code == 2
    assert f"id 'dup' is defined 2 times ({path}:1, {path}:9)" in result.stderr
    assert path.read_text(encoding="utf-8") == text


@pytest.mark.parametrize(
    ("char", "name"),
    [("\u00ad", "SOFT HYPHEN"), ("\u200b", "ZERO WIDTH SPACE"), ("\u202e", "RIGHT-TO-LEFT")],
)
def test_add_refuses_invisible_and_bidi_characters(tmp_path, char, name):
    path = tmp_path / "h.yaml"
    path.write_text("- id: alfa\n  type: place\n  names:\n    en: Alfa\n", encoding="utf-8")
    before = path.read_bytes()
    for dry_run in ([], ["--dry-run"]):
        result = run("add", f"Al{char}fa", "-t", "place", "--id", "shy", "-g", str(path), *dry_run)
        assert result.exit_code == 2
        assert f"U+{ord(char):04X} {name}" in result.stderr
        assert "at character 3" in result.stderr
        assert "Traceback" not in result.output
    assert path.read_bytes() == before


def test_add_refuses_a_name_without_a_letter(tmp_path):
    path = tmp_path / "h.yaml"
    result = run("add", "...", "-t", "place", "--id", "dots", "-g", str(path), "--no-builtin")
    assert result.exit_code == 2
    assert result.stderr.endswith("error: the name '...' has no letter; it cannot be a name\n")
    assert not path.exists()


def test_add_dry_run_fails_as_the_real_run_does(tmp_path):
    path = tmp_path / "o.yaml"
    args = ["add", "Omega", "-t", "place", "--id", "a" * 250, "-g", str(path), "--no-builtin"]
    real = run(*args)
    dry = run(*args, "--dry-run")
    assert real.exit_code == dry.exit_code == 2
    assert "'id' is 250 characters long (at most 200)" in dry.stderr
    assert dry.stderr == real.stderr
    assert dry.stdout == ""
    assert not path.exists()


def test_merge_dry_run_fails_as_the_real_run_does(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_text(ALPHA + BETA, encoding="utf-8")
    path.chmod(0o444)
    args = ["merge", "alpha", "beta", "-g", str(path), "--no-builtin"]
    dry = run(*args, "--dry-run")
    real = run(*args)
    assert real.exit_code == dry.exit_code == 2
    assert f"error: {path}: cannot write: read-only file" in dry.stderr
    assert dry.stdout == ""
    assert path.read_text(encoding="utf-8") == ALPHA + BETA


@pytest.fixture
def house(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project whose onoma.toml names its glossary house.yaml; the current folder."""
    (tmp_path / "onoma.toml").write_text('glossary = ["house.yaml"]\n', encoding="utf-8")
    (tmp_path / "house.yaml").write_text(ALPHA + BETA, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "house.yaml"


def test_add_writes_to_the_configured_glossary(house):
    from onoma.glossary import builtin_glossary_dir

    builtin = {p: p.read_bytes() for p in builtin_glossary_dir().rglob("*.yaml")}
    dry = run("add", "Xeno", "-t", "place", "--dry-run")  # first: never the built-in files
    assert dry.exit_code == 0, dry.output
    assert f"+++ {house}" in dry.stdout
    result = run("add", "Xeno", "-t", "place")
    assert result.exit_code == 0, result.output
    assert f"added 'xeno' to {house}" in result.stderr
    assert house.read_text(encoding="utf-8").endswith(
        "- id: xeno\n"
        + "".join(
            f"  {line}\n"
            for line in ("type: place", "names:", "  en: Xeno", "  hy: Քսենո", "  ru: Ксено")
        )
        + "  review: true\n"
    )
    assert {p: p.read_bytes() for p in builtin_glossary_dir().rglob("*.yaml")} == builtin
    assert run("add", "Alpha", "-t", "place", "--id", "alpha2").exit_code == 2


def test_add_to_a_configured_folder_asks_for_a_file(house):
    (house.parent / "onoma.toml").write_text('glossary = ["."]\n', encoding="utf-8")
    result = run("add", "Xeno", "-t", "place", "--dry-run")
    assert result.exit_code == 2
    assert "is a folder (the last glossary of the configuration file)" in result.stderr
    assert result.stdout == ""


def test_merge_searches_the_configured_glossaries(house):
    result = run("merge", "alpha", "beta")
    assert result.exit_code == 0, result.output
    assert house.read_text(encoding="utf-8") == BETA + "  variants:\n    en: [Alpha]\n"


def test_glossary_option_replaces_the_configured_ones(house, tmp_path):
    other = tmp_path / "other.yaml"
    other.write_text(ALPHA.replace("alpha", "gamma").replace("Alpha", "Gamma"), "utf-8")
    configured = run("merge", "alpha", "beta", "--dry-run")
    assert configured.exit_code == 0, configured.output
    assert f"+++ {house}" in configured.stdout
    result = run("merge", "alpha", "beta", "-g", str(other), "--dry-run")
    assert result.exit_code == 2
    assert "no entry with id 'alpha'" in result.stderr
    result = run("add", "Xeno", "-t", "place", "-g", str(other), "--dry-run")
    assert result.exit_code == 0, result.output
    assert f"+++ {other}" in result.stdout
