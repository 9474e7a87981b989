"""Hostile and broken inputs: each is built here, small, and must give a clear error
(exit 2, no traceback) with nothing lost and nothing written outside the target."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from onoma.cli import app
from onoma.errors import GlossaryError, InputError
from onoma.glossary import load_file
from onoma.text.files import read_text_file, stale_temporaries, write_atomic

runner = CliRunner()


def run(*args: str):
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


# ------------------------------------------------------------------ glossary YAML bounds

ALIASED = """\
- id: a
  type: place
  names: {en: Alpha}
  variants:
    en: &many [Alfa, Alpfa]
- id: b
  type: place
  names: {en: Beta}
  variants:
    en: *many
"""


@pytest.mark.parametrize("command", [["normalize", "-"], ["glossary", "lint"], ["glossary", "fmt"]])
def test_anchors_and_aliases_are_refused_by_every_reader(tmp_path: Path, command: list[str]):
    glossary = tmp_path / "g.yaml"
    glossary.write_text(ALIASED, encoding="utf-8")
    args = (
        [*command, str(glossary)] if command[0] == "glossary" else [*command, "-g", str(glossary)]
    )
    result = runner.invoke(app, args, input="Alfa\n")
    assert result.exit_code == 2, result.output
    assert f"{glossary}:5:" in result.stderr
    assert "anchors and aliases" in result.stderr
    assert glossary.read_text(encoding="utf-8") == ALIASED


def test_deep_nesting_is_an_error_not_a_recursion_error(tmp_path: Path):
    glossary = tmp_path / "deep.yaml"
    glossary.write_text(
        "- id: a\n  names: {en: Alpha}\n  note: " + "[" * 300 + "]" * 300 + "\n", encoding="utf-8"
    )
    for fast in (True, False):
        with pytest.raises(GlossaryError, match="nested more than"):
            if fast:
                load_file(glossary)
            else:
                from onoma.glossary.document import load_document

                load_document(glossary)


def test_a_huge_name_is_refused_with_its_line(tmp_path: Path):
    glossary = tmp_path / "big.yaml"
    glossary.write_text("- id: a\n  names:\n    en: " + "A" * 1_000_000 + "\n", encoding="utf-8")
    result = runner.invoke(app, ["normalize", "-", "-g", str(glossary)], input="A\n")
    assert result.exit_code == 2
    assert f"{glossary}:3:" in result.stderr and "1,000,000 characters" in result.stderr


# ------------------------------------------------------------------ rewrites


def test_a_file_changed_after_it_was_read_is_left_alone(tmp_path: Path):
    path = tmp_path / "art.txt"
    path.write_text("Shusha\n", encoding="utf-8")
    read = read_text_file(path)
    with path.open("a", encoding="utf-8") as handle:  # another program appends a line
        handle.write("a line written meanwhile\n")
    with pytest.raises(InputError, match="changed while onoma was working"):
        write_atomic(path, "Shushi\n", stamp=read.stamp)
    assert path.read_text(encoding="utf-8") == "Shusha\na line written meanwhile\n"
    assert stale_temporaries(tmp_path) == []


def test_normalize_in_place_does_not_lose_an_edit_made_meanwhile(tmp_path: Path, monkeypatch):
    import onoma.normalize.core as core

    path = tmp_path / "art.txt"
    path.write_text("Shusha\n", encoding="utf-8")
    real = core.Normalizer.normalize

    def slow(self, text):  # the other program writes while onoma normalizes
        with path.open("a", encoding="utf-8") as handle:
            handle.write("more\n")
        return real(self, text)

    monkeypatch.setattr(core.Normalizer, "normalize", slow)
    result = run("normalize", "-i", str(path))
    assert result.exit_code == 2
    assert "changed while onoma was working" in result.stderr
    assert path.read_text(encoding="utf-8") == "Shusha\nmore\n"


def test_the_temporary_file_has_the_targets_mode_from_the_start(tmp_path: Path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text("Shusha\n", encoding="utf-8")
    path.chmod(0o600)
    modes: list[int] = []
    real_open = os.open

    def spy(name, flags, mode=0o777, *args, **kwargs):
        if str(name).endswith(".tmp"):
            modes.append(mode)
        return real_open(name, flags, mode, *args, **kwargs)

    monkeypatch.setattr(os, "open", spy)
    write_atomic(path, "Shushi\n")
    assert modes == [0o600]
    assert path.stat().st_mode & 0o777 == 0o600


def test_stale_temporaries_are_found(tmp_path: Path):
    (tmp_path / ".a.txt.0123abcd.tmp").write_text("partial")
    (tmp_path / "a.txt").write_text("text")
    assert stale_temporaries(tmp_path) == [tmp_path / ".a.txt.0123abcd.tmp"]


@pytest.mark.parametrize("target", ["folder", "file"])
def test_commands_report_stale_temporaries(tmp_path: Path, target: str):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("Shusha\n", encoding="utf-8")
    old = folder / ".a.txt.0123abcd.tmp"
    old.write_text("Shus", encoding="utf-8")
    os.utime(old, (1_000_000_000, 1_000_000_000))
    young = folder / ".a.txt.89abcdef.tmp"  # may belong to a run in progress
    young.write_text("Shus", encoding="utf-8")
    path = folder if target == "folder" else folder / "a.txt"
    result = run("normalize", "--check", str(path))
    assert f"warning: {old}: skipped: a partial temporary file left by an interrupted" in (
        result.stderr
    )
    assert str(young) not in result.stderr
    assert old.exists() and young.exists()  # reported, never deleted behind the user


def test_a_folder_walk_skips_links_that_lead_outside(tmp_path: Path):
    outside = tmp_path / "victim.txt"
    outside.write_text("Shusha\n", encoding="utf-8")
    folder = tmp_path / "links"
    folder.mkdir()
    (folder / "inside.txt").write_text("Shusha\n", encoding="utf-8")
    (folder / "link_out.txt").symlink_to(outside)
    result = run("normalize", "-i", str(folder))
    assert result.exit_code == 0
    assert "link_out.txt: skipped: a link to" in result.stderr
    assert outside.read_text(encoding="utf-8") == "Shusha\n"
    assert (folder / "inside.txt").read_text(encoding="utf-8") == "Shushi\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_before_it_is_opened(tmp_path: Path):
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    result = run("normalize", "-i", str(fifo))
    assert result.exit_code == 2
    assert "not a regular file" in result.stderr


def test_utf16_text_is_named_with_the_way_to_convert_it(tmp_path: Path):
    path = tmp_path / "u16.txt"
    path.write_bytes("Shusha\n".encode("utf-16"))
    result = run("normalize", str(path))
    assert result.exit_code == 2
    assert "UTF-16" in result.stderr and "iconv -f UTF-16 -t UTF-8" in result.stderr


# ------------------------------------------------------------------ library entry points


@pytest.mark.parametrize("bad", [None, b"Shusha", 42])
def test_library_entry_points_say_what_they_need(bad):
    import onoma

    kind = type(bad).__name__
    with pytest.raises(TypeError, match=f"text must be str, not {kind}"):
        onoma.normalize_text(bad)
    with pytest.raises(TypeError, match=f"text must be str, not {kind}"):
        onoma.transliterate(bad, to="latn")
