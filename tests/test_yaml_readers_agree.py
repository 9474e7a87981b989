"""The round-trip reader of ``fmt``, ``add`` and ``merge`` and the fast readers of every
other command take the same glossaries and give the same values or the same error, so
that a file ``lint`` passes is one ``fmt`` can format, and ``fmt`` never drops a value
the others refuse."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from onoma.cli import app
from onoma.errors import GlossaryError
from onoma.glossary.yamltext import parse_entries

HEAD = "- id: q\n  type: place\n  names:\n    en: Foo\n"


def reading(text: str, fast: bool) -> object:
    try:
        return [
            (e.id, e.names, e.variants, e.note) for e in parse_entries(text, "g.yaml", fast=fast)
        ]
    except GlossaryError as error:
        return ("error", str(error), error.line)


@pytest.mark.parametrize(
    "tail",
    [
        "  note: !!bool maybe\n",  # ruamel's own constructor fails on it
        '  note: !!bool ""\n',
        "  note: !!set x\n",
        "  note: !!omap x\n",
        '  note: !!null "Curator: keep this spelling"\n',  # ruamel would make it nothing
        "  note: !<tag:yaml.org,2002:bool> maybe\n",  # a verbatim tag
        "  note: !custom x\n",
        "  note: !!str 12\n",  # a string, as written
        "  note: ! 12\n",
        "  note: 2024-02-30\n",  # shaped like a date, but none: its text
        "  note: 2024-01-01 99:99:99\n",
        "  note: 0x_\n",
        "  variants: !!map\n    en: [Fo]\n",  # tags that change nothing
        "  variants:\n    en: !!seq [Fo]\n",
        "  variants: !!omap\n    en: [Fo]\n",
        "---\n- id: y\n  type: place\n  names:\n    en: Bar\n",  # a second document
    ],
)
def test_both_readers_read_the_same(tail: str) -> None:
    text = HEAD + tail
    fast, round_trip = reading(text, fast=True), reading(text, fast=False)
    if tail.startswith("---"):  # the same line; ruamel words this error its own way
        assert fast[0] == round_trip[0] == "error" and fast[2] == round_trip[2]
    else:
        assert fast == round_trip


def test_a_second_document_is_an_error_not_ignored(tmp_path: Path) -> None:
    glossary = tmp_path / "two.yaml"
    glossary.write_text(HEAD + "---\n- id: y\n  type: place\n  names: {en: Bar}\n", "utf-8")
    result = CliRunner().invoke(app, ["glossary", "lint", str(glossary)])
    assert result.exit_code == 2
    assert "two.yaml:5" in result.output and "second document" in result.output


def test_fmt_refuses_a_tagged_note_and_formats_the_other_files(tmp_path: Path) -> None:
    bad = tmp_path / "a.yaml"
    bad.write_text(HEAD + '  note: !!null "Curator: keep this spelling"\n', "utf-8")
    crash = tmp_path / "b.yaml"
    crash.write_text(HEAD + "  note: !!bool maybe\n", "utf-8")
    good = tmp_path / "c.yaml"
    good.write_text("- id: z\n  names: {en: Zed}\n  type: place\n", "utf-8")
    before = bad.read_text("utf-8"), crash.read_text("utf-8")
    result = CliRunner().invoke(app, ["glossary", "fmt", str(tmp_path)])
    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "a.yaml:5" in result.output and "b.yaml:5" in result.output
    assert (bad.read_text("utf-8"), crash.read_text("utf-8")) == before  # nothing lost
    assert good.read_text("utf-8").splitlines()[1] == "  type: place"  # formatted
