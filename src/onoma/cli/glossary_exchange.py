"""``onoma glossary export | import``: glossaries to and from CSV, TSV and TBX."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from onoma.cli.common import GlossaryOption, NoBuiltinOption, fail, load_glossary
from onoma.errors import OnomaError

FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        help="csv (onoma, lossless), google-csv, tsv (DeepL) or tbx. "
        "Default: from the file extension.",
        show_default=False,
    ),
]
FromOption = Annotated[
    str | None,
    typer.Option("--from", help="tsv only: the source language.", show_default=False),
]
ToOption = Annotated[
    str | None, typer.Option("--to", help="tsv only: the target language.", show_default=False)
]


def export_command(
    fmt: FormatOption = None,
    source: FromOption = None,
    target: ToOption = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="File to write (default: stdout).", show_default=False),
    ] = None,
    glossary: GlossaryOption = None,
    no_builtin: NoBuiltinOption = False,
) -> None:
    """Write the glossaries as onoma CSV, Google term-set CSV, DeepL TSV or TBX-Basic."""
    from onoma.curate.exchange import export_glossary, guess_format
    from onoma.text.files import write_atomic

    loaded = load_glossary(glossary, no_builtin)
    try:
        chosen = fmt or (guess_format(output) if output else "csv")
        exported = export_glossary(loaded, chosen, source, target)
        for warning in exported.warnings:
            typer.echo(f"warning: {warning}", err=True)
        if output is None:
            sys.stdout.write(exported.text)
            return
        write_atomic(output, exported.text)
    except OnomaError as exc:
        fail(str(exc))
    count = len(loaded)
    typer.echo(
        f"exported {count} entr{'y' if count == 1 else 'ies'} to {output} ({chosen}).", err=True
    )


def import_command(
    path: Annotated[Path, typer.Argument(help="The csv, tsv or tbx file to read.")],
    fmt: FormatOption = None,
    source: FromOption = None,
    target: ToOption = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Glossary file to write (default: stdout).", show_default=False
        ),
    ] = None,
) -> None:
    """Turn a CSV, TSV or TBX glossary into an onoma YAML glossary.

    The YAML is in fmt's canonical layout; what could not be mapped is reported.
    """
    from onoma.curate.exchange import import_glossary
    from onoma.glossary.fmt import comment, format_entries
    from onoma.text.files import write_atomic

    if output is not None and _same_file(output, path):
        fail(f"{output}: is the file being imported; write the glossary to another file")
    try:
        imported = import_glossary(path, fmt, source, target)
        text = format_entries(imported.entries, [comment(f"Imported from {path.name}.")])
        for note in imported.notes:
            typer.echo(f"note: {note}", err=True)
        if output is None:
            sys.stdout.write(text)
            return
        write_atomic(output, text)
    except OnomaError as exc:
        fail(str(exc))
    count = len(imported.entries)
    typer.echo(f"imported {count} entr{'y' if count == 1 else 'ies'} into {output}.", err=True)


def _same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file (links and ``..`` resolved)."""
    import os

    return os.path.realpath(a) == os.path.realpath(b)
