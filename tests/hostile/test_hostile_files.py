"""Rewrites that must not lose data or write outside their target: a file changed while
onoma works on it, temporary files readable by others, symbolic links, named pipes,
UTF-16 files."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest
from conftest import run_onoma, snapshot

from onoma.errors import GlossaryError, InputError
from onoma.text import files
from onoma.text.files import iter_text_files, read_text_file, write_atomic


def test_a_file_changed_after_reading_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "art.txt"
    path.write_text("Shusha\n", encoding="utf-8")
    original = read_text_file(path)
    with path.open("a", encoding="utf-8") as handle:  # another program appends a line
        handle.write("a line added meanwhile\n")
    with pytest.raises(InputError, match="changed by another program while onoma worked on it"):
        write_atomic(path, "Shushi\n", expect=original.stamp)
    assert path.read_text(encoding="utf-8") == "Shusha\na line added meanwhile\n"
    assert [p.name for p in tmp_path.iterdir()] == ["art.txt"]


def test_normalize_in_place_keeps_an_edit_made_while_it_runs(tmp_path: Path, monkeypatch) -> None:
    from typer.testing import CliRunner

    from onoma.cli import app
    from onoma.normalize import core

    path = tmp_path / "art.txt"
    path.write_text("Shusha\n", encoding="utf-8")
    real = core.Normalizer.normalize

    def slow_normalize(self, text):  # the edit lands while onoma normalizes
        with path.open("a", encoding="utf-8") as handle:
            handle.write("appended\n")
        return real(self, text)

    monkeypatch.setattr(core.Normalizer, "normalize", slow_normalize)
    result = CliRunner().invoke(app, ["normalize", "-i", str(path)])
    assert result.exit_code == 2
    assert f"{path}: changed by another program while onoma worked on it" in result.stderr
    assert path.read_text(encoding="utf-8") == "Shusha\nappended\n"


def test_glossary_rewrite_keeps_an_edit_made_meanwhile(tmp_path: Path) -> None:
    from onoma.glossary.edit import FileEdit, save

    path = tmp_path / "g.yaml"
    old = "- id: shushi\n  names: {en: Shushi}\n"
    meanwhile = "- id: stepanakert\n  names: {en: Stepanakert}\n"
    path.write_text(old, encoding="utf-8")
    edit = FileEdit(path, old, "- id: shushi\n  names:\n    en: Shushi\n", expect_ids=("shushi",))
    path.write_text(meanwhile, encoding="utf-8")
    with pytest.raises(GlossaryError, match="changed by another program while onoma worked"):
        save([edit])
    assert path.read_text(encoding="utf-8") == meanwhile


def test_the_temporary_file_has_the_target_mode_from_the_start(tmp_path: Path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text("old\n", encoding="utf-8")
    path.chmod(0o600)
    modes: list[int] = []
    real_fdopen = os.fdopen

    def spy(fd, *args, **kwargs):
        modes.append(stat.S_IMODE(os.fstat(fd).st_mode))
        return real_fdopen(fd, *args, **kwargs)

    monkeypatch.setattr(files.os, "fdopen", spy)
    write_atomic(path, "new\n")
    assert modes == [0o600]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_stale_temporary_file_is_removed_and_reported(tmp_path: Path, capsys) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("old\n", encoding="utf-8")
    stale = tmp_path / ".secret.txt.0badc0de.tmp"
    fresh = tmp_path / ".secret.txt.12345678.tmp"  # perhaps another run writing now
    other = tmp_path / ".secret.txt.notmine.tmp"
    for leftover in (stale, fresh, other):
        leftover.write_text("partial", encoding="utf-8")
    old = time.time() - files.STALE_TEMP_SECONDS - 60
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    write_atomic(path, "new\n")
    assert f"removed a stale temporary file {stale}" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([path.name, fresh.name, other.name])


def test_normalize_never_writes_through_a_link_out_of_the_folder(tmp_path: Path) -> None:
    outside = tmp_path / "victim.txt"
    outside.write_text("Shusha\n", encoding="utf-8")
    links = tmp_path / "links"
    links.mkdir()
    (links / "own.txt").write_text("Shusha\n", encoding="utf-8")
    (links / "link_out.txt").symlink_to(outside)
    before = snapshot(tmp_path)
    result = run_onoma("normalize", "-i", str(links))
    assert result.returncode == 0, result.stderr
    assert (
        f"warning: {links / 'link_out.txt'}: skipped: a link to {outside}, outside {links}"
        in result.stderr.decode()
    )
    after = snapshot(tmp_path)
    assert after.pop(str(links / "own.txt"))[0] == b"Shushi\n"
    before.pop(str(links / "own.txt"))
    assert after == before


def test_translate_refuses_a_link_planted_at_its_output(tmp_path: Path) -> None:
    from onoma.translation.translate_files import TranslateRun

    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "d.ru.txt").symlink_to(victim)
    with pytest.raises(InputError, match="is a symbolic link"):
        write_atomic(folder / "d.ru.txt", "перевод\n")
    assert victim.read_text(encoding="utf-8") == "keep me\n"
    assert (folder / "d.ru.txt").is_symlink()
    assert TranslateRun  # translate writes its outputs with write_atomic


def test_a_named_pipe_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    result = run_onoma("normalize", "-i", str(fifo))
    assert result.returncode == 2
    assert f"error: {fifo}: not a regular file (a pipe, device or socket); refused" in (
        result.stderr.decode()
    )
    result = run_onoma("glossary", "lint", str(fifo))
    assert result.returncode == 2
    assert "not a regular file" in result.stderr.decode()


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_with_bom_is_named_with_a_conversion_hint(tmp_path: Path, encoding) -> None:
    path = tmp_path / "u16.txt"
    data = "Shusha\n".encode(encoding)
    path.write_bytes(data if encoding == "utf-16" else b"\xfe\xff" + data)
    result = run_onoma("normalize", str(path))
    assert result.returncode == 2
    assert (
        f"error: {path}: UTF-16 text, not UTF-8: convert it with iconv -f UTF-16 -t UTF-8"
        in result.stderr.decode()
    )


def test_iter_text_files_keeps_a_link_inside_the_folder(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    warnings: list[str] = []
    found = list(iter_text_files([tmp_path], warn=warnings.append))
    assert [p.name for p in found] == ["a.txt", "b.txt"]
    assert warnings == []
