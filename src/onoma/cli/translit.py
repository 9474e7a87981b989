"""``onoma translit``: transliterate text given as arguments or read from standard input."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from onoma.cli.common import (
    EXIT_OK,
    GlossaryOption,
    NoBuiltinOption,
    StyleOption,
    fail,
    load_glossary,
    table,
    text_arguments,
)


def translit(
    text: Annotated[
        list[str] | None,
        typer.Argument(
            help="Text to transliterate (words are joined by spaces). "
            "Without it, or with '-', standard input is read line by line.",
            show_default=False,
        ),
    ] = None,
    to: Annotated[
        str | None,
        typer.Option(
            "--to", "-t", help="Target script: latn, armn, cyrl or ascii.", show_default=False
        ),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(
            "--from",
            "-f",
            help="Source language: hy, ru, az or en. Default: guessed per word from its script.",
            show_default=False,
        ),
    ] = None,
    scheme: Annotated[
        str | None,
        typer.Option(
            "--scheme",
            "-s",
            help="Scheme: bgn, iso, ala-lc or press. Default: press for Armenian, "
            "bgn for Russian and Azerbaijani. From Azerbaijani Latin, press gives the "
            "English (--to latn or ascii) or Russian (--to cyrl) press form: Gəncə -> "
            "Ganja, Гянджа.",
            show_default=False,
        ),
    ] = None,
    list_schemes: Annotated[
        bool,
        typer.Option("--list-schemes", help="List the available schemes and exit."),
    ] = False,
    glossary: GlossaryOption = None,
    no_builtin: NoBuiltinOption = False,
    style: StyleOption = None,
) -> None:
    """Transliterate between Armenian, Cyrillic and Latin script (BGN, ISO, ALA-LC, press).

    Into Armenian, where Latin does not tell two letters apart (k: կ or ք), the
    glossaries' Armenian names decide first, then onoma's name and word lists."""
    from onoma import translit as tr
    from onoma.translit.schemes import check

    if list_schemes:
        _print_schemes(tr.list_schemes())
        return
    if to is None:
        fail("missing option '--to' (latn, armn, cyrl or ascii)")
    attested = None
    if to == "armn":
        loaded = load_glossary(glossary, no_builtin, style)
        attested = tr.attested_words(loaded.names_in("hy"))
    try:
        check(to, source, scheme)
        warned: set[str] = set()
        options = {"to": to, "lang": source, "scheme": scheme, "attested": attested}
        if text and text != ["-"]:
            joined = " ".join(text_arguments(text, "the text"))
            _warn_uncovered(tr.uncovered(joined, to, source, scheme), scheme, warned)
            print(tr.transliterate(joined, **options))
            return
        for number, raw in enumerate(sys.stdin.buffer, start=1):
            line = _decode_line(raw, number)
            _warn_uncovered(tr.uncovered(line, to, source, scheme), scheme, warned)
            sys.stdout.write(tr.transliterate(line, **options))
            sys.stdout.flush()
    except tr.TranslitError as error:
        fail(str(error))
    except BrokenPipeError:
        # The reader went away (| head): that is not a failure. Stop quietly, without a
        # second error when Python flushes stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(EXIT_OK) from None


def _warn_uncovered(missing: dict[str, list[str]], scheme: str | None, warned: set[str]) -> None:
    """Say once per language that ``scheme`` leaves its words as they are."""
    for lang, valid in missing.items():
        if lang not in warned:
            warned.add(lang)
            typer.echo(
                f"warning: scheme {scheme!r} does not cover {lang}: those words are left as "
                f"they are (schemes for {lang}: {', '.join(valid)})",
                err=True,
            )


def _decode_line(raw: bytes, number: int) -> str:
    """One line of standard input as text, or exit 2 when it is not UTF-8 text."""
    if b"\x00" in raw:
        fail(f"<stdin>: line {number}: binary data (NUL bytes), not text")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        fail(
            f"<stdin>: line {number}: not UTF-8 text (byte 0x{raw[exc.start]:02x} at "
            f"column {exc.start + 1}); convert it to UTF-8 first"
        )


def _print_schemes(schemes: list) -> None:
    rows = [
        (
            s.lang,
            s.source,
            s.to,
            s.scheme or "-",
            "yes" if s.default else "",
            s.description,
        )
        for s in schemes
    ]
    header = ("from", "script", "to", "scheme", "default", "description")
    typer.echo(table(rows, header))
