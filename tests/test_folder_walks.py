"""Folder walks: whatever a walk cannot read (a subfolder it cannot list, a pipe, a
socket, a dangling link, a link loop) is an error that names it (exit 2), never dropped
in silence, and the other files are still processed; a link to a file the walk meets
itself is skipped, so that the file is processed once, under its own name."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest
from typer.testing import CliRunner

from onoma.cli import app
from onoma.text.files import iter_text_files

runner = CliRunner()

GLOSSARY = "- id: {id}\n  type: place\n  names: {{en: {name}}}\n  variants: {{en: [{variant}]}}\n"
UNFORMATTED = "- id: b\n  type: place\n  names: {en: Bee}\n"
FORMATTED = "- id: b\n  type: place\n  names:\n    en: Bee\n"


def run(*args: str, input: str | None = None):
    result = runner.invoke(app, list(args), input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def unlistable(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Make ``folder`` fail to list as a folder without read permission does (even for
    root, who reads every folder)."""
    real = os.scandir

    def scandir(path: str | os.PathLike[str] = ".") -> object:
        if os.path.realpath(path) == os.path.realpath(folder):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)


def articles(tmp_path: Path) -> tuple[Path, Path]:
    """A folder with a.txt and sub/s.txt, both in need of normalizing."""
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("Shusha\n", encoding="utf-8")
    (folder / "sub" / "s.txt").write_text("Shusha\n", encoding="utf-8")
    return folder, folder / "sub"


def glossaries(tmp_path: Path) -> tuple[Path, Path]:
    """A glossary folder with a.yaml and sub/b.yaml."""
    folder = tmp_path / "glossaries"
    (folder / "sub").mkdir(parents=True)
    entry = GLOSSARY.format(id="alpha", name="Alpha", variant="Alfa")
    (folder / "a.yaml").write_text(entry, encoding="utf-8")
    entry = GLOSSARY.format(id="beta", name="Beta", variant="Betta")
    (folder / "sub" / "b.yaml").write_text(entry, encoding="utf-8")
    return folder, folder / "sub"


# ------------------------------------------------------------------ unreadable subfolders


def test_normalize_names_a_subfolder_it_cannot_list(tmp_path, monkeypatch):
    folder, sub = articles(tmp_path)
    unlistable(monkeypatch, sub)
    result = run("normalize", "-j", "1", "--check", str(folder))  # -j 1: in this process
    assert result.exit_code == 2
    assert f"{sub}: a folder that cannot be read (Permission denied)" in result.stderr
    assert f"would change: {folder / 'a.txt'}" in result.stderr  # the others still done
    assert "1 failed" in result.stderr


def test_normalize_in_place_still_rewrites_the_readable_files(tmp_path, monkeypatch):
    folder, sub = articles(tmp_path)
    unlistable(monkeypatch, sub)
    result = run("normalize", "-j", "1", "-i", str(folder))
    assert result.exit_code == 2
    assert str(sub) in result.stderr
    assert (folder / "a.txt").read_text(encoding="utf-8") == "Shushi\n"
    assert (sub / "s.txt").read_text(encoding="utf-8") == "Shusha\n"


@pytest.mark.parametrize("command", [["glossary", "lint"], ["glossary", "fmt", "--check"]])
def test_glossary_commands_name_a_subfolder_they_cannot_list(tmp_path, monkeypatch, command):
    folder, sub = glossaries(tmp_path)
    unlistable(monkeypatch, sub)
    result = run(*command, str(folder))
    assert result.exit_code == 2
    assert f"{sub}: a folder that cannot be read (Permission denied)" in result.stderr


def test_a_glossary_folder_that_loses_a_subfolder_stops_the_run(tmp_path, monkeypatch):
    folder, sub = glossaries(tmp_path)
    unlistable(monkeypatch, sub)
    result = run("normalize", "--no-builtin", "-g", str(folder), "-", input="Alfa Betta\n")
    assert result.exit_code == 2
    assert f"{sub}: a folder that cannot be read" in result.stderr
    assert result.stdout == ""  # nothing normalized with half a glossary


def test_a_glossary_folder_that_cannot_be_listed_at_all_is_named(tmp_path, monkeypatch):
    folder, _sub = glossaries(tmp_path)
    unlistable(monkeypatch, folder)
    result = run("glossary", "lint", str(folder))
    assert result.exit_code == 2
    assert f"{folder}: a folder that cannot be read" in result.stderr


def test_a_folder_without_permissions(tmp_path):
    folder, sub = articles(tmp_path)
    sub.chmod(0)
    try:
        if os.access(sub, os.R_OK):
            pytest.skip("this user reads folders without permissions (root)")
        result = run("normalize", "--check", str(folder))
    finally:
        sub.chmod(0o755)
    assert result.exit_code == 2
    assert f"{sub}: a folder that cannot be read (Permission denied)" in result.stderr
    assert f"would change: {folder / 'a.txt'}" in result.stderr


def test_a_file_that_cannot_be_looked_at_is_an_error_not_a_traceback(tmp_path, monkeypatch):
    folder, sub = articles(tmp_path)
    hidden = str(sub / "s.txt")  # as in a folder with r but no x permission
    real_stat, real_lstat = os.stat, os.lstat

    def refuse(real):
        def call(path, *args, **kwargs):
            if os.fspath(path) == hidden:
                raise PermissionError(13, "Permission denied", hidden)
            return real(path, *args, **kwargs)

        return call

    monkeypatch.setattr(os, "stat", refuse(real_stat))
    monkeypatch.setattr(os, "lstat", refuse(real_lstat))
    result = run("normalize", "-j", "1", "--check", str(folder))
    assert result.exit_code == 2
    assert f"{hidden}: Permission denied" in result.stderr
    assert f"would change: {folder / 'a.txt'}" in result.stderr


# ------------------------------------------------------------------ files that are no files


def hostile(folder: Path, suffix: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A pipe, a socket, a dangling link and a link loop in ``folder``, each named
    ``*{suffix}``; the message each must get."""
    made = {
        f"dangling{suffix}": "which does not exist",
        f"loop1{suffix}": "Too many levels of symbolic links",
        f"loop2{suffix}": "Too many levels of symbolic links",
    }
    (folder / f"dangling{suffix}").symlink_to(folder / f"nowhere{suffix}")
    (folder / f"loop1{suffix}").symlink_to(folder / f"loop2{suffix}")
    (folder / f"loop2{suffix}").symlink_to(folder / f"loop1{suffix}")
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / f"pipe{suffix}")
        made[f"pipe{suffix}"] = "not a regular file"
    if hasattr(socket, "AF_UNIX"):
        monkeypatch.chdir(folder)  # a short name: socket paths are limited to ~100 bytes
        with socket.socket(socket.AF_UNIX) as sock:
            sock.bind(f"sock{suffix}")
        made[f"sock{suffix}"] = "not a regular file"
    return made


def test_normalize_names_every_file_of_a_folder_it_cannot_read(tmp_path, monkeypatch):
    folder, _sub = articles(tmp_path)
    made = hostile(folder, ".txt", monkeypatch)
    result = run("normalize", "-i", str(folder))
    assert result.exit_code == 2
    for name, message in made.items():
        assert f"{folder / name}: " in result.stderr and message in result.stderr, name
    assert f"{len(made)} failed" in result.stderr
    assert (folder / "a.txt").read_text(encoding="utf-8") == "Shushi\n"
    assert (folder / "sub" / "s.txt").read_text(encoding="utf-8") == "Shushi\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_glossary_fmt_names_a_pipe_and_formats_the_other_files(tmp_path):
    folder = tmp_path / "glossaries"
    folder.mkdir()
    (folder / "places.yaml").write_text(UNFORMATTED, encoding="utf-8")
    os.mkfifo(folder / "pipe.yaml")
    result = run("glossary", "fmt", str(folder))
    assert result.exit_code == 2
    assert f"{folder / 'pipe.yaml'}: not a regular file" in result.stderr
    assert "1 of 2 files reformatted, 1 failed." in result.stderr
    assert (folder / "places.yaml").read_text(encoding="utf-8") == FORMATTED


@pytest.mark.parametrize("command", [["glossary", "fmt"], ["glossary", "lint"]])
def test_a_dangling_link_in_a_glossary_folder_is_named(tmp_path, command):
    folder = tmp_path / "glossaries"
    folder.mkdir()
    (folder / "places.yaml").write_text(UNFORMATTED, encoding="utf-8")
    (folder / "dangling.yaml").symlink_to(folder / "nowhere.yaml")
    (folder / "loop.yaml").symlink_to(folder / "loop.yaml")
    result = run(*command, str(folder))
    assert result.exit_code == 2
    assert f"{folder / 'dangling.yaml'}: a link to " in result.stderr
    if command[1] == "fmt":  # each file on its own: the real one is still formatted
        assert f"{folder / 'loop.yaml'}: " in result.stderr
        assert (folder / "places.yaml").read_text(encoding="utf-8") == FORMATTED


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_in_a_glossary_folder_stops_the_run(tmp_path):
    folder, _sub = glossaries(tmp_path)
    os.mkfifo(folder / "pipe.yaml")
    result = run("normalize", "--no-builtin", "-g", str(folder), "-", input="Alfa\n")
    assert result.exit_code == 2
    assert f"{folder / 'pipe.yaml'}: not a regular file" in result.stderr


# ------------------------------------------------------------------ links to walked files


def test_glossary_fmt_formats_the_file_a_link_in_the_folder_leads_to(tmp_path):
    folder = tmp_path / "r1"
    folder.mkdir()
    (folder / "places.yaml").write_text(UNFORMATTED, encoding="utf-8")
    (folder / "current.yaml").symlink_to("places.yaml")
    result = run("glossary", "fmt", str(folder))
    assert result.exit_code == 0, result.stderr
    assert f"reformatted {folder / 'places.yaml'}" in result.stderr
    assert f"{folder / 'current.yaml'}: skipped: a link to" in result.stderr
    assert "1 of 1 file reformatted." in result.stderr
    assert (folder / "places.yaml").read_text(encoding="utf-8") == FORMATTED
    assert (folder / "current.yaml").is_symlink()


def test_normalize_in_place_rewrites_the_file_a_link_leads_to(tmp_path):
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "z.txt").write_text("Shusha\n", encoding="utf-8")
    (folder / "a.txt").symlink_to(Path("sub") / "z.txt")
    result = run("normalize", "-i", str(folder))
    assert result.exit_code == 0, result.stderr
    assert (folder / "sub" / "z.txt").read_text(encoding="utf-8") == "Shushi\n"
    assert (folder / "a.txt").is_symlink()
    assert f"{folder / 'a.txt'}: skipped: a link to {folder / 'sub' / 'z.txt'}" in result.stderr


def test_the_walk_yields_the_real_file_once_and_reports_the_links(tmp_path):
    (tmp_path / "z.txt").write_text("x\n", encoding="utf-8")
    (tmp_path / "a.txt").symlink_to("z.txt")
    (tmp_path / "b.txt").symlink_to("a.txt")  # a link to a link
    skipped: list[Path] = []
    found = list(iter_text_files([tmp_path], on_skip=lambda path, _why: skipped.append(path)))
    assert found == [tmp_path / "z.txt"]
    assert skipped == [tmp_path / "a.txt", tmp_path / "b.txt"]


def test_a_failed_write_is_not_counted_as_reformatted(tmp_path):
    (tmp_path / "places.yaml").write_text(UNFORMATTED, encoding="utf-8")
    link = tmp_path / "current.yaml"
    link.symlink_to("places.yaml")
    result = run("glossary", "fmt", str(link))
    assert result.exit_code == 2
    assert "0 of 1 file reformatted, 1 failed." in result.stderr
    assert (tmp_path / "places.yaml").read_text(encoding="utf-8") == UNFORMATTED
