"""Every rewrite puts new files in place by linking, so a file that another program
creates meanwhile is never replaced, whichever command writes (glossary edits, -o
outputs, imports), and nothing else of the same write is replaced either."""

from __future__ import annotations

import errno
import os

import pytest

from onoma.errors import InputError
from onoma.text.files import write_atomic_all


@pytest.mark.parametrize("no_links", [None, errno.EPERM])
def test_a_file_that_appears_meanwhile_is_never_replaced(tmp_path, monkeypatch, no_links):
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text("old\n", encoding="utf-8")
    real_fsync = os.fsync
    written: list[int] = []

    def fsync_then_someone_creates(fd: int) -> None:
        real_fsync(fd)
        written.append(fd)
        if len(written) == 2:  # both temporaries written: another program acts
            new.write_text("theirs\n", encoding="utf-8")

    def no_link(*_args: object) -> None:
        raise OSError(no_links, os.strerror(no_links))

    monkeypatch.setattr(os, "fsync", fsync_then_someone_creates)
    if no_links:
        monkeypatch.setattr(os, "link", no_link)
    with pytest.raises(InputError, match="appeared while onoma was working on it"):
        write_atomic_all([(old, "mine\n", False), (new, "mine\n", False)])
    assert new.read_text(encoding="utf-8") == "theirs\n"
    assert old.read_text(encoding="utf-8") == "old\n"  # nothing of the write happened
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.txt", "old.txt"]


def test_new_and_old_files_are_written_together(tmp_path):
    old, new = tmp_path / "old.txt", tmp_path / "sub" / "new.txt"
    new.parent.mkdir()
    old.write_text("old\n", encoding="utf-8")
    write_atomic_all([(old, "one\n", False), (new, "two\n", True)])
    assert old.read_text(encoding="utf-8") == "one\n"
    assert new.read_bytes() == "\ufefftwo\n".encode()
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["new.txt", "old.txt", "sub"]
