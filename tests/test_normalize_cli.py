"""``onoma normalize`` end to end: stdin/stdout, files, --in-place, --check, --diff, --json,
and bad input that must give a clear error without damaging anything."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEED
from typer.testing import CliRunner

from onoma.cli import app

runner = CliRunner()


def onoma(*args: str, stdin: bytes | None = None, cwd: Path | None = None):
    return subprocess.run(
        [sys.executable, "-m", "onoma", *args], input=stdin, capture_output=True, cwd=cwd
    )


def test_stdin_to_stdout_as_a_subprocess():
    result = onoma("normalize", stdin=b"Artstrun Hovhanissyan in Shusha.\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode() == "Artsrun Hovhannisyan in Shushi.\n"
    assert "Shusha → Shushi ×1 (shushi)" in result.stderr.decode()


def test_single_file_goes_to_stdout_and_is_not_modified(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Shoushi\n", encoding="utf-8")
    result = runner.invoke(app, ["normalize", str(path)])
    assert result.exit_code == 0
    assert result.stdout == "Shushi\n"
    assert path.read_text(encoding="utf-8") == "Shoushi\n"


def test_seed_folder_in_place_then_check_is_clean(tmp_path):
    folder = tmp_path / "seeds"
    shutil.copytree(SEED.parent, folder)
    (folder / "notes.csv").write_text("Shusha", encoding="utf-8")  # not a searched extension
    os.chmod(folder / SEED.name, 0o640)
    check = runner.invoke(app, ["normalize", "--check", str(folder)])
    assert check.exit_code == 1
    assert "1 file with changes, 0 unchanged" in check.stderr
    done = runner.invoke(app, ["normalize", "--in-place", str(folder)])
    assert done.exit_code == 0, done.stderr
    text = (folder / SEED.name).read_text(encoding="utf-8")
    assert "Artsrun Hovhannisyan" in text and "Lisagoras" not in text
    assert (folder / SEED.name).stat().st_mode & 0o777 == 0o640
    assert (folder / "notes.csv").read_text(encoding="utf-8") == "Shusha"
    assert sorted(p.name for p in folder.iterdir()) == sorted([SEED.name, "notes.csv"])
    assert runner.invoke(app, ["normalize", "--check", str(folder)]).exit_code == 0


def test_diff_prints_a_unified_diff_and_writes_nothing(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("# Shusha\n\nText.\n", encoding="utf-8")
    result = runner.invoke(app, ["normalize", "--diff", str(path)])
    assert result.exit_code == 0
    assert "-# Shusha\n+# Shushi\n" in result.stdout
    assert path.read_text(encoding="utf-8") == "# Shusha\n\nText.\n"


@pytest.mark.skipif(shutil.which("patch") is None, reason="needs patch")
def test_the_diff_applies_with_patch_to_bom_and_crlf_files(tmp_path):
    data = "\ufeffShusha\r\nand Shusha's\r\nno newline: Shusha".encode()
    (tmp_path / "a.txt").write_bytes(data)
    (tmp_path / "b.txt").write_bytes(data)
    diff = runner.invoke(app, ["normalize", "--diff", str(tmp_path / "a.txt")]).stdout_bytes
    patched = subprocess.run(
        ["patch", "--binary", "-s", str(tmp_path / "a.txt")], input=diff, check=False
    )
    assert patched.returncode == 0
    assert runner.invoke(app, ["normalize", "-i", str(tmp_path / "b.txt")]).exit_code == 0
    assert (tmp_path / "a.txt").read_bytes() == (tmp_path / "b.txt").read_bytes()
    assert (tmp_path / "a.txt").read_bytes().startswith("\ufeffShushi\r\n".encode())


def test_json_report_fields(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("x\nSee Shusha and Hovhanisian.\n", encoding="utf-8")
    result = runner.invoke(app, ["normalize", "--json", str(path)])
    assert result.exit_code == 0
    [report] = json.loads(result.stdout)["files"]
    assert report["path"] == str(path)
    assert report["changes"] == [
        {"line": 2, "column": 5, "old": "Shusha", "new": "Shushi", "id": "shushi", "case": None}
    ]
    [suggestion] = report["suggestions"]
    assert suggestion["text"] == "Hovhanisian" and suggestion["id"] == "hovhannisyan"
    assert suggestion["canonical"] == "Hovhannisyan" and (
        suggestion["line"],
        suggestion["column"],
    ) == (2, 16)
    assert 80 <= suggestion["score"] <= 100


def test_crlf_and_bom_survive_in_place(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbfShusha\r\nline two Shoushi\r\n")
    result = runner.invoke(app, ["normalize", "-i", str(path)])
    assert result.exit_code == 0
    assert path.read_bytes() == b"\xef\xbb\xbfShushi\r\nline two Shushi\r\n"


def test_bad_files_are_reported_and_the_others_processed(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Shusha\n", encoding="utf-8")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00Shusha")
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Café in Shusha\n".encode("latin-1"))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.txt"
    before = {p: p.read_bytes() for p in (binary, latin1, empty)}
    result = runner.invoke(
        app, ["normalize", "-i", str(binary), str(latin1), str(empty), str(missing), str(good)]
    )
    assert result.exit_code == 2
    assert f"error: {binary}: binary file (NUL bytes), not text; skipped" in result.stderr
    assert (
        f"error: {latin1}: not UTF-8 text: byte 0xe9 at offset 3 (Latin-1 or another "
        "encoding? convert it to UTF-8); skipped" in result.stderr
    )
    assert f"error: {missing}: no such file" in result.stderr
    assert good.read_text(encoding="utf-8") == "Shushi\n"
    assert {p: p.read_bytes() for p in before} == before
    assert f"rewritten: {good} (1 replacement)" in result.stderr
    assert "1 file rewritten, 1 unchanged, 3 failed." in result.stderr


def test_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text("Shusha", encoding="utf-8")
    path.chmod(0)
    if os.geteuid() == 0:  # root reads every file: simulate the refusal
        import builtins

        real = builtins.open

        def refuse(file, *args, **kwargs):
            if Path(file) == path:
                raise PermissionError(13, "Permission denied")
            return real(file, *args, **kwargs)

        monkeypatch.setattr(builtins, "open", refuse)
    result = runner.invoke(app, ["normalize", str(path)])
    assert result.exit_code == 2
    assert f"error: {path}: Permission denied" in result.stderr


def test_failed_write_leaves_the_original_and_no_temporary_file(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_text("Shusha\n", encoding="utf-8")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    result = runner.invoke(app, ["normalize", "-i", str(path)])
    assert result.exit_code == 2
    assert f"error: {path}: cannot write: No space left on device" in result.stderr
    assert path.read_text(encoding="utf-8") == "Shusha\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_a_read_only_file_is_refused_and_the_others_written(tmp_path):
    locked, other = tmp_path / "locked.txt", tmp_path / "other.txt"
    for path in (locked, other):
        path.write_text("Shusha\n", encoding="utf-8")
    locked.chmod(0o444)
    result = runner.invoke(app, ["normalize", "-i", str(locked), str(other)])
    assert result.exit_code == 2
    assert f"error: {locked}: cannot write: read-only file" in result.stderr
    assert locked.read_text(encoding="utf-8") == "Shusha\n"
    assert other.read_text(encoding="utf-8") == "Shushi\n"
    assert locked.stat().st_mode & 0o777 == 0o444
    assert "Shusha → Shushi ×1 (shushi)" in result.stderr  # the file written, only


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_in_place_keeps_the_owner(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Shusha\n", encoding="utf-8")
    os.chown(path, 65534, 65534)
    assert runner.invoke(app, ["normalize", "-i", str(path)]).exit_code == 0
    assert path.read_text(encoding="utf-8") == "Shushi\n"
    assert (path.stat().st_uid, path.stat().st_gid) == (65534, 65534)


def test_malformed_glossary_is_exit_2_and_touches_nothing(tmp_path, write_glossary):
    glossary = write_glossary("- id: a\n  names: {en: A}\n  colour: red\n")
    path = tmp_path / "a.txt"
    path.write_text("Shusha\n", encoding="utf-8")
    result = runner.invoke(app, ["normalize", "-i", "-g", str(glossary), str(path)])
    assert result.exit_code == 2
    assert f"error: {glossary}:3: unknown field 'colour'" in result.stderr
    assert path.read_text(encoding="utf-8") == "Shusha\n"


def test_conflicting_glossary_is_refused(tmp_path, write_glossary):
    glossary = write_glossary(
        "- id: a\n  names: {en: Alpha}\n  variants: {en: [Alfa]}\n"
        "- id: b\n  names: {en: Beta}\n  variants: {en: [Alfa]}\n"
    )
    path = tmp_path / "a.txt"
    path.write_text("Alfa\n", encoding="utf-8")
    result = runner.invoke(app, ["normalize", "-i", "-g", str(glossary), str(path)])
    assert result.exit_code == 2
    assert "'Alfa' (en) is a form of several entries: 'a'" in result.stderr
    assert "onoma glossary lint" in result.stderr
    assert path.read_text(encoding="utf-8") == "Alfa\n"


def test_user_glossary_changes_the_canonical_form(tmp_path, write_glossary):
    glossary = write_glossary(
        "- id: shushi\n  type: place\n  names: {en: Shusha}\n  variants: {en: [Shushi]}\n"
    )
    result = runner.invoke(app, ["normalize", "-g", str(glossary), "-"], input="Shushi\n")
    assert result.stdout == "Shusha\n"


HEAVY = (
    "torch stanza spacy ctranslate2 argostranslate icu rapidfuzz ahocorasick daachorse "
    "sentencepiece sentencex snowballstemmer unidecode numpy ruamel"
).split()


@pytest.mark.parametrize("args", [["--help"], ["glossary", "--help"], ["translate", "--help"]])
def test_help_imports_nothing_heavy(args):
    # The help is printed by the command line itself, in a fresh process that then
    # reports which of the heavy libraries it has loaded.
    code = (
        "import contextlib, io, sys\n"
        "from onoma.cli import app\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        f"    try: app({args!r})\n"
        "    except SystemExit: pass\n"
        "assert 'Usage' in out.getvalue()\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_in_place_on_stdin_still_writes_stdout():
    result = runner.invoke(app, ["normalize", "-i"], input="Shusha\n")
    assert result.exit_code == 0
    assert result.stdout == "Shushi\n"


def test_empty_folder_is_an_error_not_stdin(tmp_path):
    result = runner.invoke(app, ["normalize", str(tmp_path)], input="Shusha\n")
    assert result.exit_code == 2
    assert f"no .txt,.md files found in {tmp_path}" in result.stderr
    assert result.stdout == ""


def test_json_with_diff_stays_valid_json(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Shusha", encoding="utf-8")  # no final newline
    result = runner.invoke(app, ["normalize", "--json", "--diff", str(path)])
    [report] = json.loads(result.stdout)["files"]
    assert report["diff"].endswith(
        "-Shusha\n\\ No newline at end of file\n+Shushi\n\\ No newline at end of file\n"
    )


def test_a_symlink_is_never_written_through(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("Shusha\n", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    result = runner.invoke(app, ["normalize", "-i", str(link)])
    assert result.exit_code == 2
    assert "symbolic link" in result.stderr and str(real) in result.stderr
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "Shusha\n"


def test_failed_write_is_not_counted_as_rewritten(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_text("Shusha\n", encoding="utf-8")
    monkeypatch.setattr(os, "replace", lambda src, dst: (_ for _ in ()).throw(OSError(5, "I/O")))
    result = runner.invoke(app, ["normalize", "-i", str(path)])
    assert "0 files rewritten, 0 unchanged, 1 failed." in result.stderr


def test_a_bad_or_unknown_language_is_an_error(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Shusha\n", encoding="utf-8")
    result = runner.invoke(app, ["normalize", "--lang", "RU", "--check", str(path)])
    assert result.exit_code == 2
    assert "error: --lang: 'RU' is not a language code" in result.stderr
    assert "(did you mean 'ru'?)" in result.stderr
    result = runner.invoke(app, ["normalize", "--lang", "xx", "--check", str(path)])
    assert result.exit_code == 2
    assert "no glossary entry has a form in 'xx' (languages: az, en, hy, ru)" in result.stderr


def test_an_empty_extension_list_is_an_error(tmp_path):
    result = runner.invoke(app, ["normalize", "--ext", " , ", str(tmp_path)])
    assert result.exit_code == 2
    assert "error: --ext: give at least one file extension" in result.stderr


def test_upper_case_extensions_are_found(tmp_path):
    (tmp_path / "A.TXT").write_text("Shusha\n", encoding="utf-8")
    result = runner.invoke(app, ["normalize", "--check", str(tmp_path)])
    assert result.exit_code == 1


def test_version_and_a_non_utf8_stdout(tmp_path):
    env = {**os.environ, "PYTHONIOENCODING": "latin-1"}
    version = subprocess.run(
        [sys.executable, "-m", "onoma", "--version"], capture_output=True, text=True, check=False
    )
    assert version.returncode == 0
    assert version.stdout.startswith("onoma ")
    result = subprocess.run(
        [sys.executable, "-m", "onoma", "normalize", "--lang", "ru"],
        input="Шуша\n".encode(),
        capture_output=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode("utf-8") == "Шуши\n"


def test_json_for_stdin_carries_the_text():
    result = runner.invoke(app, ["normalize", "--json", "-"], input="Shusha\n")
    assert result.exit_code == 0
    (item,) = json.loads(result.stdout)["files"]
    assert item["path"] == "-"
    assert item["text"] == "Shushi\n"
    assert item["changes"][0]["new"] == "Shushi"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_in_a_folder_is_refused_not_read(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "a.txt").write_text("Shusha\n", encoding="utf-8")
    result = runner.invoke(app, ["normalize", "--check", str(tmp_path)])
    assert result.exit_code == 2  # nothing hangs, and the pipe is named
    assert "pipe.txt" in result.stderr and "not a regular file" in result.stderr
    assert "1 file with changes, 0 unchanged, 1 failed." in result.stderr


def test_in_place_with_check_or_diff_is_refused(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Shusha\n", encoding="utf-8")
    for option in ("--check", "--diff"):
        result = runner.invoke(app, ["normalize", "-i", option, str(path)])
        assert result.exit_code == 2
        assert "error: --in-place writes the files; --check and --diff only report" in (
            result.stderr
        )
    assert path.read_text(encoding="utf-8") == "Shusha\n"
