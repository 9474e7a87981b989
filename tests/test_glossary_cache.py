"""The compiled glossary cache: the same entries as a fresh parse, rebuilt when the file
changes, never trusted when corrupt or foreign, bypassed on request, private, and safe
for runs that build it at once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from onoma.glossary import cache, load_file
from onoma.glossary.load import builtin_glossary_dir

GLOSSARY = (builtin_glossary_dir() / "places-armenia.yaml").read_text(encoding="utf-8")


@pytest.fixture
def glossary(tmp_path) -> Path:
    path = tmp_path / "g.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    return path


def _fresh(path: Path, monkeypatch) -> list:
    with monkeypatch.context() as m:
        m.setenv("ONOMA_NO_CACHE", "1")
        return load_file(path).entries


def _same(a: list, b: list) -> bool:
    fields = ("id", "type", "names", "variants", "case_sensitive", "review", "note", "origin")
    extra = ("lines", "string_variants", "gender", "indeclinable", "case_forms")
    return all(
        getattr(x, f) == getattr(y, f) for x, y in zip(a, b, strict=True) for f in fields + extra
    )


def test_a_cached_load_gives_the_entries_a_fresh_parse_gives(cache_dir, glossary, monkeypatch):
    first = load_file(glossary).entries
    [file] = cache_dir.glob("*.json")
    calls = []
    monkeypatch.setattr("onoma.glossary.load.parse_entries", lambda *a, **k: calls.append(a) or [])
    second = load_file(glossary).entries
    assert calls == []  # read from the cache, not parsed
    monkeypatch.undo()
    assert _same(first, second) and _same(second, _fresh(glossary, monkeypatch))
    assert second[0].where("names.en") == f"{glossary}:{second[0].lines['names.en']}"
    assert file.stat().st_mode & 0o777 == 0o600
    assert cache_dir.stat().st_mode & 0o777 == 0o700


def test_a_changed_file_is_parsed_again(cache_dir, glossary):
    load_file(glossary)
    glossary.write_text(GLOSSARY.replace("Yerevan", "Erevan", 1), encoding="utf-8")
    names = [e.names.get("en") for e in load_file(glossary).entries]
    assert "Erevan" in names and "Yerevan" not in names
    assert len(list(cache_dir.glob("*.json"))) == 2


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # truncated
        lambda data: data.replace(b'"Yerevan"', b'"Erevan!"', 1),  # payload edited
        lambda data: b"not json\n" + data,  # foreign header
        lambda data: b"",  # empty
        lambda data: os.urandom(200),  # garbage
    ],
    ids=["truncated", "edited", "foreign", "empty", "garbage"],
)
def test_a_damaged_cache_is_ignored_and_rebuilt(cache_dir, glossary, monkeypatch, damage):
    load_file(glossary)
    [file] = cache_dir.glob("*.json")
    file.write_bytes(damage(file.read_bytes()))
    entries = load_file(glossary).entries
    assert _same(entries, _fresh(glossary, monkeypatch))
    header = json.loads(file.read_bytes().split(b"\n", 1)[0])
    assert header["magic"] == cache.MAGIC  # rewritten whole


def test_a_valid_looking_foreign_payload_is_refused(cache_dir, glossary, monkeypatch):
    load_file(glossary)
    [file] = cache_dir.glob("*.json")
    header = json.loads(file.read_bytes().split(b"\n", 1)[0])
    payload = json.dumps({"entries": [[1, 2, 3]], "keys": {}}).encode()
    header["sha256"] = __import__("hashlib").sha256(payload).hexdigest()
    file.write_bytes(json.dumps(header).encode() + b"\n" + payload)
    assert _same(load_file(glossary).entries, _fresh(glossary, monkeypatch))


def test_no_cache_bypasses_it(cache_dir, glossary, monkeypatch):
    monkeypatch.setenv("ONOMA_NO_CACHE", "1")
    load_file(glossary)
    assert not cache_dir.exists()


def test_runs_building_the_cache_at_once_leave_a_valid_one(cache_dir, glossary, monkeypatch):
    code = "from onoma.glossary import load_file; import sys; load_file(sys.argv[1])"
    runs = [
        subprocess.Popen([sys.executable, "-c", code, str(glossary)], env=os.environ.copy())
        for _ in range(4)
    ]
    assert [run.wait() for run in runs] == [0, 0, 0, 0]
    [file] = cache_dir.glob("*.json")
    assert not list(cache_dir.glob(".*.tmp"))
    assert cache._read(file, cache.cache_key(glossary, GLOSSARY), glossary) is not None


def test_a_broken_glossary_is_never_cached(cache_dir, tmp_path):
    from onoma.errors import GlossaryError

    bad = tmp_path / "bad.yaml"
    bad.write_text("- id: a\n  names: {en: [not, a, name]}\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(GlossaryError):
            load_file(bad)
    assert not list(cache_dir.glob("*.json"))


def test_the_no_cache_option_bypasses_it(cache_dir, glossary):
    from typer.testing import CliRunner

    from onoma.cli import app

    try:
        result = CliRunner().invoke(
            app, ["--no-cache", "normalize", "--no-builtin", "-g", str(glossary), "-"], input="x"
        )
        assert result.exit_code == 0, result.output
        assert not cache_dir.exists()
    finally:
        os.environ.pop("ONOMA_NO_CACHE", None)
