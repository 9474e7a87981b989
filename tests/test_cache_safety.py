"""The caches under stress: threads sharing a cached normalizer, a glossary edited while
it is read, a library upgraded, a cache folder others may write to, other files in it."""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
from pathlib import Path

import pytest

from onoma.glossary import cache
from onoma.normalize import compiled

GLOSSARY = """\
- id: shushi
  type: place
  names: {en: Shushi}
  variants: {en: [Shusha, Shoushi]}
- id: hovhannisyan
  type: person
  names: {en: Hovhannisyan}
  variants: {en: [Hovhanissyan]}
- id: stepanakert
  type: place
  names: {en: Stepanakert}
"""
TEXT = "Hovhanissyan went to Shoushi. Hovhannisian met Stepanakerd and Artzakh in Shusha."


@pytest.fixture
def glossary(tmp_path) -> Path:
    path = tmp_path / "g.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    return path


def test_threads_first_using_a_cached_normalizer_all_succeed(cache_dir, glossary, monkeypatch):
    # Dask runs tasks in threads that share one normalizer; its tables are read on
    # first use, and every thread may ask for the same table at once.
    compiled.cached_normalizer([glossary], builtin=False, fuzzy=True)  # writes the cache
    expected = compiled.cached_normalizer([glossary], builtin=False, fuzzy=True).normalize(TEXT)
    assert expected.suggestions or expected.edits  # the spotter's tables are used
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    errors: list[BaseException] = []
    results = []
    try:
        for _trial in range(10):
            shared = compiled.cached_normalizer([glossary], builtin=False, fuzzy=True)
            start = threading.Barrier(6)

            def work(normalizer=shared, start=start) -> None:
                start.wait()
                try:
                    results.append(normalizer.normalize(TEXT).text)
                except BaseException as exc:  # every failure counts
                    errors.append(exc)

            threads = [threading.Thread(target=work) for _ in range(6)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
    finally:
        sys.setswitchinterval(old)
    assert errors == []
    assert set(results) == {expected.text}


def test_a_glossary_edited_while_it_is_read_is_not_cached(cache_dir, glossary, monkeypatch):
    build = compiled._build

    def edited_meanwhile(*args, **kwargs):
        glossary.write_text(GLOSSARY.replace("Shoushi", "Schuschi"), encoding="utf-8")
        return build(*args, **kwargs)

    monkeypatch.setattr(compiled, "_build", edited_meanwhile)
    compiled.cached_normalizer([glossary], builtin=False)
    monkeypatch.setattr(compiled, "_build", build)
    assert not list(cache_dir.glob("*.normalizer"))  # neither text's key holds the mix
    glossary.write_text(GLOSSARY, encoding="utf-8")  # undone
    normalizer = compiled.cached_normalizer([glossary], builtin=False)
    assert normalizer.normalize("Shoushi, Schuschi").text == "Shushi, Schuschi"


def test_an_upgraded_library_gets_new_cache_keys(cache_dir, glossary, monkeypatch):
    # Romanization keys come from unidecode, stems from snowballstemmer: a new version of
    # either may change what the caches hold.
    compiled.cached_normalizer([glossary], builtin=False)
    glossary_key = cache.cache_key(glossary, GLOSSARY)
    stamps = cache.library_stamps

    def upgraded(packages: tuple[str, ...]) -> list[str]:
        new = ("unidecode=", "snowballstemmer=")
        return [s + ".new" if s.startswith(new) else s for s in stamps(packages)]

    cache._code_version.cache_clear()
    compiled._code_version.cache_clear()
    monkeypatch.setattr(cache, "library_stamps", upgraded)
    monkeypatch.setattr(compiled, "library_stamps", upgraded)
    try:
        assert cache.cache_key(glossary, GLOSSARY) != glossary_key
        compiled.cached_normalizer([glossary], builtin=False)
        assert len(list(cache_dir.glob("*.normalizer"))) == 2
    finally:
        cache._code_version.cache_clear()
        compiled._code_version.cache_clear()


def test_library_stamps_change_with_the_library_file(tmp_path, monkeypatch):
    module = tmp_path / "some_library.py"
    module.write_text("x = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    before = cache.library_stamps(("some_library", "no_such_library"))
    assert before[1] == "no_such_library=-"
    module.write_text("x = 22\n", encoding="utf-8")
    assert cache.library_stamps(("some_library",))[0] != before[0]


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX permissions")
def test_a_cache_folder_others_may_write_to_is_not_used(cache_dir, glossary):
    compiled.cached_normalizer([glossary], builtin=False)
    (file,) = cache_dir.glob("*.normalizer")
    cache_dir.chmod(0o777)
    file.unlink()
    assert cache.cache_dir() is None
    assert compiled.cached_normalizer([glossary], builtin=False).normalize("Shusha").text == (
        "Shushi"
    )
    assert not list(cache_dir.glob("*.normalizer"))  # neither read nor written
    cache_dir.chmod(0o700)
    assert cache.cache_dir() == cache_dir


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX permissions")
def test_a_cache_folder_others_could_swap_is_not_used(cache_dir):
    cache_dir.mkdir(parents=True, mode=0o700)
    cache_dir.parent.chmod(0o777)  # anyone may rename the folder and put theirs there
    assert cache.cache_dir() is None
    cache_dir.parent.chmod(0o1777)  # sticky, as /tmp: only the owner may
    assert cache.cache_dir() == cache_dir
    cache_dir.parent.chmod(0o755)
    assert cache.cache_dir() == cache_dir
    cache_dir.parent.chmod(0o775)  # the user's own, group-writable: umask 002
    assert cache.cache_dir() == cache_dir


def test_the_cache_folder_and_its_parent_are_made_private(cache_dir, glossary):
    old = os.umask(0o002)
    try:
        for _run in range(2):  # the second run still uses the cache the first made
            compiled.cached_normalizer([glossary], builtin=False)
            assert cache.cache_dir() == cache_dir
    finally:
        os.umask(old)
    assert cache_dir.stat().st_mode & 0o777 == 0o700
    assert cache_dir.parent.stat().st_mode & 0o777 == 0o700


def test_a_link_in_place_of_the_cache_folder_is_not_used(cache_dir, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    cache_dir.parent.mkdir()
    cache_dir.symlink_to(elsewhere, target_is_directory=True)
    assert cache.cache_dir() is None


def test_pruning_deletes_only_cache_files(cache_dir, glossary, monkeypatch):
    cache_dir.mkdir(parents=True, mode=0o700)
    mine = [cache_dir / "notes.normalizer", cache_dir / ("A" * 64 + ".normalizer")]
    for file in mine:
        file.write_text("not a cache", encoding="utf-8")
    monkeypatch.setitem(cache.KEEP, ".normalizer", 1)
    for version in range(3):
        glossary.write_text(GLOSSARY + f"# edit {version}\n", encoding="utf-8")
        compiled.cached_normalizer([glossary], builtin=False)
    assert all(file.exists() for file in mine)
    assert len([f for f in cache_dir.glob("*.normalizer") if f not in mine]) == 1


def test_a_glossary_whose_name_is_not_utf8_is_cached(cache_dir, tmp_path):
    named = Path(os.fsdecode(os.fsencode(tmp_path) + b"/g\xff.yaml"))
    named.write_text(GLOSSARY, encoding="utf-8")
    for _run in range(2):  # writes the caches, then reads them
        normalizer = compiled.cached_normalizer([named], builtin=False)
        assert normalizer.normalize("Shoushi").text == "Shushi"
    assert len(list(cache_dir.glob("*.normalizer"))) == 1
    assert cache.cache_key(named, GLOSSARY) != cache.cache_key(tmp_path / "g.yaml", GLOSSARY)


def test_temporary_files_left_by_killed_runs_are_pruned(cache_dir, glossary):
    cache_dir.mkdir(parents=True, mode=0o700)
    key = "a" * 64
    old, fresh, other = (cache_dir / f".{key}.{n}.tmp" for n in ("old1", "new1", "x"))
    foreign = cache_dir / ".notes.tmp"
    for file in (old, fresh, other, foreign):
        file.write_bytes(b"half a cache")
    two_hours_ago = time.time() - 7200
    for file in (old, other, foreign):
        os.utime(file, (two_hours_ago, two_hours_ago))
    compiled.cached_normalizer([glossary], builtin=False)  # a write prunes
    assert not old.exists() and not other.exists()
    assert fresh.exists()  # maybe being written by another run
    assert foreign.exists()  # not onoma's


SWITCH = [("1", False), ("yes", False), ("false", True), ("0", True), ("off", True), ("No", True)]


@pytest.mark.parametrize(("value", "on"), [*SWITCH, ("", True)])
def test_no_cache_reads_like_a_switch(cache_dir, monkeypatch, value, on):
    monkeypatch.setenv("ONOMA_NO_CACHE", value)
    assert (cache.cache_dir() is not None) is on


def test_the_build_is_announced_only_when_there_is_one(cache_dir, glossary):
    seen: list[str] = []

    @contextlib.contextmanager
    def building():
        seen.append("start")
        yield
        seen.append("end")

    compiled.cached_normalizer([glossary], builtin=False, building=building)
    assert seen == ["start", "end"]  # the first run builds, inside the status
    compiled.cached_normalizer([glossary], builtin=False, building=building)
    assert seen == ["start", "end"]  # the second reads the cache: nothing to announce
