"""Saving glossary edits: several files are replaced all or none; merge's streams."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_glossary_edit import PEOPLE
from typer.testing import CliRunner

import onoma.text.files as files_module
from onoma.cli import app
from onoma.curate.merge import merge_entries
from onoma.errors import GlossaryError, InputError
from onoma.glossary import load_glossaries
from onoma.glossary.edit import save
from onoma.text.files import write_atomic_all

runner = CliRunner()

OTHER = "- id: ovanisyan\n  type: person\n  names:\n    en: Ovanisyan\n"


@pytest.fixture
def two_files(tmp_path: Path) -> tuple[Path, Path]:
    people = tmp_path / "people.yaml"
    people.write_text(PEOPLE, encoding="utf-8")
    other = tmp_path / "other.yaml"
    other.write_text(OTHER, encoding="utf-8")
    return people, other


def fail_on_call(monkeypatch, number: int) -> list[Path]:
    """Make the ``number``-th temporary file fail to be written; returns the targets seen."""
    real = files_module._write_temp
    seen: list[Path] = []

    def flaky(path, *args):
        seen.append(path)
        if len(seen) == number:
            raise OSError(28, "No space left on device")
        return real(path, *args)

    monkeypatch.setattr(files_module, "_write_temp", flaky)
    return seen


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_merge_across_files_writes_none_when_the_second_file_fails(two_files, monkeypatch):
    people, other = two_files
    glossary = load_glossaries([people, other], builtin=False)
    result = merge_entries(glossary, [people, other], "ovanisyan", "zed")
    assert [edit.path for edit in result.edits] == [people, other]
    seen = fail_on_call(monkeypatch, 2)
    with pytest.raises(GlossaryError, match="cannot write: No space left on device"):
        save(result.edits)
    assert seen == [people, other]
    assert people.read_text(encoding="utf-8") == PEOPLE
    assert other.read_text(encoding="utf-8") == OTHER
    assert leftovers(people.parent) == []


def test_merge_command_failing_on_the_second_file_exits_2(two_files, monkeypatch):
    people, other = two_files
    fail_on_call(monkeypatch, 2)
    result = runner.invoke(
        app, ["glossary", "merge", "ovanisyan", "zed", "-g", str(people), "-g", str(other)]
    )
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"error: {other}: cannot write: No space left on device"
    )
    assert people.read_text(encoding="utf-8") == PEOPLE
    assert other.read_text(encoding="utf-8") == OTHER
    assert leftovers(people.parent) == []
    assert "moved:" not in result.output  # nothing was moved


def test_write_atomic_all_replaces_every_file_and_keeps_permissions(tmp_path):
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text("old a\n")
    b.write_text("old b\n")
    os.chmod(a, 0o640)
    os.chmod(b, 0o604)
    write_atomic_all([(a, "new a\n", False), (b, "new b\n", True)])
    assert a.read_text() == "new a\n"
    assert b.read_bytes() == b"\xef\xbb\xbfnew b\n"
    assert (a.stat().st_mode & 0o777, b.stat().st_mode & 0o777) == (0o640, 0o604)
    assert leftovers(tmp_path) == []


def test_write_atomic_all_refuses_a_read_only_file_before_writing_any(tmp_path):
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text("old a\n")
    b.write_text("old b\n")
    os.chmod(b, 0o444)
    with pytest.raises(InputError, match="read-only file"):
        write_atomic_all([(a, "new a\n", False), (b, "new b\n", False)])
    assert (a.read_text(), b.read_text()) == ("old a\n", "old b\n")
    assert leftovers(tmp_path) == []


def test_write_atomic_all_refuses_one_file_named_twice(tmp_path):
    a = tmp_path / "a.yaml"
    a.write_text("old\n")
    (tmp_path / "sub").mkdir()
    again = tmp_path / "sub" / ".." / "a.yaml"
    with pytest.raises(InputError, match="the same file as"):
        write_atomic_all([(a, "one\n", False), (again, "two\n", False)])
    assert a.read_text() == "old\n"


def test_a_failed_rename_names_the_files_already_replaced(tmp_path, monkeypatch):
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text("old a\n")
    b.write_text("old b\n")
    real = os.replace
    calls: list[str] = []

    def flaky(src, dst):
        calls.append(str(dst))
        if len(calls) == 2:
            raise OSError(5, "Input/output error")
        real(src, dst)

    monkeypatch.setattr(files_module.os, "replace", flaky)
    with pytest.raises(InputError, match=rf"Input/output error \({a} already replaced\)"):
        write_atomic_all([(a, "new a\n", False), (b, "new b\n", False)])
    assert b.read_text() == "old b\n"
    assert leftovers(tmp_path) == []


def test_merge_dry_run_prints_only_the_diff_on_stdout(tmp_path):
    people = tmp_path / "people.yaml"
    people.write_text(PEOPLE, encoding="utf-8")
    result = runner.invoke(
        app, ["glossary", "merge", "hovannisyan", "hovhannisyan", "-g", str(people), "-n"]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"--- {people}\t(original)\n")
    assert "moved:" not in result.stdout and "conflict:" not in result.stdout
    assert "moved: en 'Hovannisyan' → variant of 'hovhannisyan'" in result.stderr
    assert "conflict: en 'Artsakh' left out" in result.stderr
    assert people.read_text(encoding="utf-8") == PEOPLE


def test_a_new_file_gets_the_umask_and_no_temporary_is_left(tmp_path):
    from onoma.text.files import write_atomic

    old = os.umask(0o027)
    try:
        write_atomic(tmp_path / "new.yaml", "- id: a\n")
    finally:
        os.umask(old)
    assert (tmp_path / "new.yaml").stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["new.yaml"]


def test_a_target_that_is_a_folder_is_refused_before_anything_is_written(tmp_path):
    from onoma.errors import InputError
    from onoma.text.files import write_atomic_all

    first, folder = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text("old\n")
    folder.mkdir()
    with pytest.raises(InputError, match="cannot write: not a regular file"):
        write_atomic_all([(first, "new\n", False), (folder, "new\n", False)])
    assert first.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "b.yaml"]
