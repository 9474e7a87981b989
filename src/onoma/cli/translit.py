"""``onoma translit``: transliterate text given as arguments or read from standard input."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer


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
            "bgn for Russian and Azerbaijani.",
            show_default=False,
        ),
    ] = None,
    list_schemes: Annotated[
        bool,
        typer.Option("--list-schemes", help="List the available schemes and exit."),
    ] = False,
) -> None:
    """Transliterate between Armenian, Cyrillic and Latin script (BGN, ISO, ALA-LC, press)."""
    from onoma import translit as tr
    from onoma.translit.schemes import check

    if list_schemes:
        _print_schemes(tr.list_schemes())
        return
    if to is None:
        _fail("missing option '--to' (latn, armn, cyrl or ascii)")
    try:
        check(to, source, scheme)
        if text and text != ["-"]:
            print(tr.transliterate(" ".join(text), to=to, lang=source, scheme=scheme))
            return
        for line in sys.stdin:
            sys.stdout.write(tr.transliterate(line, to=to, lang=source, scheme=scheme))
            sys.stdout.flush()
    except tr.TranslitError as error:
        _fail(str(error))
    except BrokenPipeError:
        # The reader went away (| head): stop quietly, without a second error at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(1) from None


def _fail(message: str) -> None:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(2)


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
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]
    for row in [header, *rows]:
        cells = [cell.ljust(width) for cell, width in zip(row[:-1], widths, strict=True)]
        typer.echo("  ".join([*cells, row[-1]]))
