"""A normalizer ready at once: the built matcher and spotter of a set of glossaries,
cached, so that a pre-commit hook with a 10,000-entry glossary does not rebuild them on
every commit.

The cache file holds, for one language and one set of options, the daachorse automaton
as its own bytes, the pattern and spotter tables, and every entry as the JSON text of
its row (see :mod:`onoma.normalize.tables`: entries and patterns are made on first
use). It is keyed by the content and path of every glossary file read (built-in, style
and user layers, in order), the language, the options that change the tables, and a
fingerprint of the code and data that build them; a change to any of them gives a new
key. Files live beside the glossary caches (:func:`onoma.glossary.cache.cache_dir`),
are written atomically and are trusted only when their header names the key and the
SHA-256 of the payload matches; anything else is rebuilt. ``ONOMA_NO_CACHE`` bypasses it.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import sys
from array import array
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from contextlib import AbstractContextManager
from pathlib import Path

from onoma.errors import OnomaError
from onoma.glossary.cache import (
    cache_dir,
    library_stamps,
    read_payload,
    touch,
    write_payload,
)
from onoma.glossary.load import glossary_layers, load_glossaries
from onoma.glossary.model import Entry
from onoma.glossary.yamltext import read_glossary_text
from onoma.lang.stems import remember_stems, word_stems
from onoma.normalize.core import Normalizer
from onoma.normalize.fuzzy import VariantSpotter
from onoma.normalize.match import Matcher
from onoma.normalize.tables import (
    LazyEntries,
    LineTable,
    PairsByKey,
    PatternTable,
    SortedLines,
    entry_rows,
    line_starts,
    pair_rows,
    pattern_columns,
)
from onoma.text.collector import collector_paused

MAGIC = "onoma-normalizer-cache"
FORMAT = 7
_PACKAGES = ("unidecode", "snowballstemmer", "pymorphy3", "pymorphy3_dicts_ru", "daachorse")
"""Libraries whose version changes the tables: romanization keys (unidecode), stems
(snowballstemmer), Russian case forms (pymorphy3 and its dictionary), the automaton."""
_SETS = ("known", "known_in_lang", "person_words", "known_words")
"""The spotter's sets, written in code point order and read as :class:`SortedLines`."""
_INDEXED = ("text", "entries", "pairs", *_SETS)
"""List sections read a line at a time: their line starts are written too."""


def cached_normalizer(
    paths: list[Path | str] | tuple[str, ...] = (),
    *,
    builtin: bool = True,
    style: str | None = None,
    lang: str = "en",
    fuzzy: bool = False,
    suggest: bool = True,
    inflect: bool = True,
    building: Callable[[], AbstractContextManager[object]] = contextlib.nullcontext,
) -> Normalizer:
    """The :class:`Normalizer` of the glossaries :func:`load_glossaries` would load with
    these arguments, from the cache when it holds it; else built, then cached, inside
    ``building()`` (the command line shows a status there: a large glossary takes
    seconds).

    Errors are those of loading the glossaries and building the normalizer; a
    normalizer that cannot be built is never cached."""
    with collector_paused():
        return _cached(paths, builtin, style, lang, fuzzy, suggest, inflect, building)


def _cached(
    paths,
    builtin: bool,
    style: str | None,
    lang: str,
    fuzzy: bool,
    suggest: bool,
    inflect: bool,
    building: Callable[[], AbstractContextManager[object]],
) -> Normalizer:
    folder = cache_dir()
    if folder is None:
        return _build(paths, builtin, style, lang, fuzzy, suggest, inflect)
    layers = glossary_layers(paths, builtin=builtin, style=style)
    key = _key(layers, lang, suggest or fuzzy, inflect)
    if key is None:  # a file that cannot be read: loading says why
        return _build(paths, builtin, style, lang, fuzzy, suggest, inflect)
    file = folder / f"{key}.normalizer"
    payload = read_payload(file, key, MAGIC, FORMAT)
    if payload is not None:
        try:
            normalizer = _from_payload(payload, lang, fuzzy)
            touch(file)
            return normalizer
        except (ValueError, KeyError, TypeError, IndexError):
            pass  # a payload this code did not write: rebuild it
    with building():
        normalizer = _build(paths, builtin, style, lang, fuzzy, suggest, inflect)
        if _key(layers, lang, suggest or fuzzy, inflect) != key:
            return normalizer  # a glossary changed while it was read: cache no mix of the two
        try:
            payload = _payload(normalizer)
        except ValueError:
            return normalizer  # a form this format cannot hold: no cache, only slower
        write_payload(folder, file, key, payload, MAGIC, FORMAT)
    return normalizer


def _build(
    paths, builtin: bool, style: str | None, lang: str, fuzzy: bool, suggest: bool, inflect: bool
) -> Normalizer:
    # The normalizer is cached whole: caching each file's entries as well would only
    # slow this first run down (a tenth of it for 100,000 entries).
    glossary = load_glossaries(paths, builtin=builtin, style=style, write_cache=False)
    return Normalizer(glossary, lang, fuzzy=fuzzy, suggest=suggest, inflect=inflect)


def _key(layers: list[list[list[Path]]], lang: str, spotter: bool, inflect: bool) -> str | None:
    # The integer columns are machine words: the byte order is part of the key.
    digest = hashlib.sha256(
        f"{FORMAT}\0{sys.byteorder}\0{_code_version()}\0{lang}\0{spotter}\0{inflect}".encode()
    )
    for layer in layers:
        digest.update(b"\1")
        for part in layer:
            digest.update(b"\2")
            for path in part:
                try:
                    text, _bom = read_glossary_text(path)
                except (OnomaError, OSError):  # the loader reports it, with the file
                    return None
                digest.update(os.fsencode(Path(path).resolve()) + b"\0")  # any file name
                digest.update(hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest())
    return digest.hexdigest()


@functools.lru_cache(maxsize=1)
def _code_version() -> str:
    """A fingerprint of the code and data that build the tables: each file's path, size
    and modification time under ``glossary/``, ``lang/`` and ``normalize/`` (an edited
    checkout rebuilds), and the same of the files that the libraries of :data:`_PACKAGES`
    load from (found without importing them: an upgrade changes them)."""
    root = Path(__file__).resolve().parent.parent
    parts = []
    for folder in ("glossary", "lang", "normalize"):
        for file in sorted((root / folder).rglob("*")):
            if file.is_file() and "__pycache__" not in file.parts:
                stat = file.stat()
                parts.append(f"{file.relative_to(root)}:{stat.st_size}:{stat.st_mtime_ns}")
    parts += library_stamps(_PACKAGES)
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _payload(normalizer: Normalizer) -> list[bytes]:
    """The cache payload, in pieces: a JSON line naming each section and its size in bytes, then
    the sections: the automaton's bytes, small tables as JSON, and lists of strings as
    lines (no JSON to parse for them: a 10,000-entry glossary loads in milliseconds)."""
    matcher, spotter = normalizer.matcher, normalizer.spotter
    # Every entry a pattern or a spotter key refers to, once, in the order first met.
    by_id: dict[int, Entry] = {id(p.entry): p.entry for p in matcher.patterns}
    if spotter is not None:
        by_id |= {id(e): e for pairs in spotter.by_key.values() for e, _form in pairs}
    entries: list[Entry] = list(by_id.values())
    number = dict(zip(by_id, range(len(entries)), strict=True))
    del by_id
    columns = pattern_columns(matcher.patterns, number)
    rows, paths = entry_rows(entries)
    small = {
        "languages": sorted(normalizer.languages),
        "ambiguous": normalizer.ambiguous,
        "choices": [[k, r.start, r.stop] for k, r in matcher.choices.items()],
        "paths": paths,
        "cases": {
            i: [r, c]
            for i, (r, c) in enumerate(zip(columns["replacement"], columns["case"], strict=True))
            if c is not None
        },
        "spotter": spotter is not None,
    }
    sections: dict[str, bytes | str | list[str] | list[bytes]] = {
        "automaton": matcher.automaton.serialize() if matcher.automaton is not None else b"",
        "small": json.dumps(small, ensure_ascii=False, separators=(",", ":")),
        "targets": array("i", matcher.targets).tobytes(),
        "entry": array("i", columns["entry"]).tobytes(),
        "is_name": bytes(columns["is_name"]),
        "text": columns["text"],
        "entries": rows,
    }
    if spotter is not None:
        keys, pairs = pair_rows(spotter.by_key, number)
        sorted_once = _sorter()
        known = sorted_once(spotter.known)
        in_lang = sorted_once(spotter.known_in_lang)
        sections |= {
            "known": known,
            "known_in_lang": known if spotter.known_in_lang == spotter.known else in_lang,
            "keys": keys,
            "pairs": pairs,
            "forms": spotter.forms,
            "person_words": sorted_once(spotter.person_words),
            "known_words": sorted_once(spotter.known_words),
            "stems": [f"{w}\t{x}" for w, x in word_stems(spotter.forms, normalizer.lang).items()],
        }
    del columns
    if spotter is not None:
        del keys, pairs
    blobs = [(name, _encoded(sections.pop(name))) for name in list(sections)]
    # Where each row and pattern text begins: a run reads only those it needs.
    blobs += [(f"{name}_starts", (line_starts(blob),)) for name, blob in blobs if name in _INDEXED]
    # A section equal to an earlier one (the known forms and the forms in the text's
    # language, in a one-language glossary) is written once and named twice.
    first: dict[tuple[bytes, ...], str] = {}
    head: list[list] = []
    body: list[bytes] = []
    for name, blob in blobs:
        size = sum(map(len, blob))
        if size > 64 and blob in first:
            head.append([name, first[blob]])
        else:
            first.setdefault(blob, name)
            head.append([name, size])
            body += blob
    return [json.dumps(head).encode() + b"\n", *body]


def _sorter() -> Callable[[AbstractSet[str]], list[str]]:
    """Sort sets in code point order, an equal set sorted once (one set of forms is often
    the words of another, or the same forms in the text's language)."""
    done: list[tuple[AbstractSet[str], list[str]]] = []

    def sort(words: AbstractSet[str]) -> list[str]:
        for earlier, lines in done:
            if len(earlier) == len(words) and earlier == words:
                return lines
        lines = sorted(words)
        done.append((words, lines))
        return lines

    return sort


def _encoded(value: bytes | str | list[str] | list[bytes]) -> tuple[bytes, ...]:
    """A section as the pieces of bytes it is written in. A list of strings is written
    one item per line, each line ended by a line break, a few thousand lines to a
    piece: a 100,000-entry glossary's sections are never held twice, as text and as
    bytes, at once."""
    if isinstance(value, bytes):
        return (value,)
    if isinstance(value, str):
        return (value.encode("utf-8", "surrogatepass"),)
    if value and isinstance(value[0], bytes):
        return tuple(value)  # pieces already (entry_rows)
    pieces = []
    for start in range(0, len(value), 4096):
        lines = value[start : start + 4096]
        joined = "\n".join(lines) + "\n"
        if joined.count("\n") != len(lines):
            raise ValueError("a line break inside a cached string")
        pieces.append(joined.encode("utf-8", "surrogatepass"))
    return tuple(pieces)


def _sections(payload: bytes) -> dict[str, memoryview]:
    head, _, _rest = payload.partition(b"\n")
    body = memoryview(payload)[len(head) + 1 :]
    found: dict[str, memoryview] = {}
    at = 0
    for name, size in json.loads(head):
        if isinstance(size, str):  # the same as an earlier section
            found[name] = found[size]
            continue
        found[name] = body[at : at + size]
        at += size
    if at != len(body):
        raise ValueError("cache sections do not add up")
    return found


def _lines(blob: memoryview) -> list[str]:
    """The items of a list section: one per line, each line ended by a line break."""
    return str(blob, "utf-8", "surrogatepass")[:-1].split("\n") if blob else []


def _line_table(found: dict[str, memoryview], name: str) -> LineTable:
    starts = array("i")
    starts.frombytes(found[f"{name}_starts"])
    return LineTable(found[name], starts)


def _from_payload(payload: bytes, lang: str, fuzzy: bool) -> Normalizer:
    found = _sections(payload)
    small = json.loads(str(found["small"], "utf-8"))
    entries = LazyEntries(lambda: _line_table(found, "entries"), [Path(p) for p in small["paths"]])
    targets, entry_numbers = array("i"), array("i")
    targets.frombytes(found["targets"])
    entry_numbers.frombytes(found["entry"])
    size = len(entry_numbers)
    if len(found["is_name"]) != size:
        raise ValueError("cache columns of different lengths")
    replacement: list[str | None] = [None] * size
    case: list[str | None] = [None] * size
    for index, (new, cases) in small["cases"].items():
        replacement[int(index)], case[int(index)] = new, cases
    columns = {"entry": entry_numbers, "is_name": found["is_name"], "replacement": replacement}
    patterns = PatternTable(
        lang, entries, columns | {"case": case}, lambda: _line_table(found, "text")
    )
    choices = {k: range(start, stop) for k, start, stop in small["choices"]}
    matcher = Matcher.from_tables(
        lang, bytes(found["automaton"]), targets.tolist(), choices, patterns
    )
    spotter = None
    if small["spotter"]:
        read: dict[int, SortedLines] = {}  # a section named twice is read once

        def words(name: str) -> Callable[[], SortedLines]:
            def table() -> SortedLines:
                blob = found[name]
                if id(blob) not in read:
                    read[id(blob)] = SortedLines(_line_table(found, name))
                return read[id(blob)]

            return table

        keys = functools.cache(lambda: _lines(found["keys"]))

        def forms() -> list[str]:
            # Only the inflection test reads the forms: the stems it needs come with them.
            stems = (line.split("\t", 1) for line in _lines(found["stems"]))
            remember_stems(lang, dict(stems))
            return _lines(found["forms"])

        spotter = VariantSpotter.from_tables(
            lang,
            {
                "known": words("known"),
                "known_in_lang": words("known_in_lang"),
                "by_key": lambda: PairsByKey(keys(), _line_table(found, "pairs"), entries),
                "keys": keys,
                "forms": forms,
                "person_words": words("person_words"),
                "known_words": words("known_words"),
            },
        )
    return Normalizer.from_parts(
        lang,
        matcher,
        spotter,
        fuzzy=fuzzy,
        languages=frozenset(small["languages"]),
        ambiguous=list(small["ambiguous"]),
    )
