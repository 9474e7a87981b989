"""Fuzzing the readers of files users hand onoma: whatever the bytes, a reader either
returns a result or raises :class:`OnomaError` (which the command line turns into a
clear message and exit 2), never another exception, and never hangs.

Each case mutates a real, valid file (a shipped glossary, an exported table or TBX
file) so that the fuzzer reaches deep into the parsers instead of failing at byte one.
The number of examples is bounded so that the whole file runs in a few seconds.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onoma.errors import OnomaError
from onoma.glossary import load_file
from onoma.glossary.document import parse_document
from onoma.glossary.load import builtin_glossary_dir

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

SEED = (builtin_glossary_dir() / "places.yaml").read_bytes()[:3000]


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    """``seed`` with a few bytes replaced, inserted or deleted, or cut short."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 8))):
        position = draw(st.integers(0, max(len(data) - 1, 0)))
        action = draw(st.sampled_from(["replace", "insert", "delete", "truncate"]))
        byte = draw(st.sampled_from([*b"-:[]{}&*!|>'\"#%@`\t\n \x00\xff\xfe", *range(256)]))
        if action == "replace" and data:
            data[position] = byte
        elif action == "insert":
            data.insert(position, byte)
        elif action == "delete" and data:
            del data[position]
        else:
            del data[position:]
    return bytes(data)


def _expect_clean(read, path: Path) -> None:
    with contextlib.suppress(OnomaError):
        read(path)


@FUZZ
@given(data=mutated(SEED))
def test_glossary_reader_fails_only_with_onoma_errors(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzzed.yaml"
    path.write_bytes(data)
    _expect_clean(load_file, path)


@FUZZ
@given(data=mutated(SEED))
def test_round_trip_reader_fails_only_with_onoma_errors(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzzed.yaml"
    path.write_bytes(data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return
    _expect_clean(lambda p: parse_document(text, p), path)


def _exported(fmt: str) -> bytes:
    from onoma.curate.exchange import export_glossary
    from onoma.glossary.model import Glossary

    entries = load_file(builtin_glossary_dir() / "places-armenia.yaml").entries[:12]
    pair = ("en", "hy") if fmt == "tsv" else (None, None)
    return export_glossary(Glossary(entries), fmt, *pair).text.encode("utf-8")


@pytest.mark.parametrize("fmt, suffix", [("tbx", ".tbx"), ("csv", ".csv"), ("tsv", ".tsv")])
def test_exchange_readers_fail_only_with_onoma_errors(tmp_path: Path, fmt: str, suffix: str):
    from onoma.curate.exchange import import_glossary

    seed = _exported(fmt)
    pair = ("en", "hy") if fmt == "tsv" else (None, None)

    @FUZZ
    @given(data=mutated(seed))
    def check(data: bytes) -> None:
        path = tmp_path / f"fuzzed{suffix}"
        path.write_bytes(data)
        _expect_clean(lambda p: import_glossary(p, fmt, *pair), path)

    check()
