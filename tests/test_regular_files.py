"""Files that must be regular files are opened without ever waiting on a pipe, and the
same way where the system has no non-blocking open (Windows)."""

from __future__ import annotations

import os

import pytest

from onoma.text.regular import NotReadable, open_regular


def test_a_regular_file_opens_where_there_is_no_non_blocking_open(tmp_path, monkeypatch):
    path = tmp_path / "config.toml"
    path.write_bytes(b"lang = 'en'\n")
    monkeypatch.delattr(os, "O_NONBLOCK", raising=False)  # as on Windows, where
    monkeypatch.delattr(os, "set_blocking", raising=False)  # 3.10 and 3.11 lack it too
    with open_regular(path) as handle:
        assert handle.read() == b"lang = 'en'\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_is_refused_at_once(tmp_path):
    pipe = tmp_path / "pipe.toml"
    os.mkfifo(pipe)
    with pytest.raises(NotReadable, match=r"not a regular file \(a named pipe\)"):
        open_regular(pipe)


def test_a_file_past_the_limit_is_refused(tmp_path):
    path = tmp_path / "big.toml"
    path.write_bytes(b"x" * 2048)
    with pytest.raises(NotReadable, match="too large"):
        open_regular(path, largest=1024)
    with open_regular(path, largest=4096) as handle:
        assert len(handle.read()) == 2048
