"""``onoma glossary show | stats``: look entries up and count what glossaries cover."""

from __future__ import annotations

from typing import Annotated

import typer

from onoma.cli.common import (
    EXIT_PROBLEMS,
    GlossaryOption,
    NoBuiltinOption,
    StyleOption,
    load_glossary,
    split_list,
)


def show_command(
    name: Annotated[str, typer.Argument(help="An id or any form, in any language or script.")],
    glossary: GlossaryOption = None,
    no_builtin: NoBuiltinOption = False,
    style: StyleOption = None,
) -> None:
    """Print the entries that have NAME as id or form, with their file:line.

    Case-insensitive, any language or script; without an exact hit, near hits by
    romanization key. Under each entry, its names declined in Russian, Armenian and
    Azerbaijani. Exit 1 when nothing is found.
    """
    from onoma.curate.show import declension_text, entry_text, find_entries

    loaded = load_glossary(glossary, no_builtin, style)
    hits = find_entries(loaded, name)
    if not hits:
        typer.echo(f"no entry matches {name!r}", err=True)
        raise typer.Exit(EXIT_PROBLEMS)
    if not hits[0].exact:
        typer.echo(f"no exact match for {name!r}; near hits:", err=True)
    for i, hit in enumerate(hits):
        if i:
            typer.echo("")
        typer.echo(f"# {hit.entry.where()} ({hit.reason})")
        typer.echo(entry_text(hit.entry))
        table = declension_text(hit.entry)
        if table:
            typer.echo(table)


def stats_command(
    glossary: GlossaryOption = None,
    no_builtin: NoBuiltinOption = False,
    style: StyleOption = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    required: Annotated[
        str,
        typer.Option("--require", help="Comma-separated languages whose gaps are listed."),
    ] = "hy,ru,az",  # onoma.curate.stats.REQUIRED_LANGUAGES, not imported at start-up
) -> None:
    """Count entries per type and forms per language; list entries missing hy, ru or az.

    Also lists the entries marked for review.
    """
    import json

    from onoma.curate.stats import glossary_stats, render_stats

    loaded = load_glossary(glossary, no_builtin, style)
    langs = split_list(required)
    stats = glossary_stats(loaded, langs)
    if json_output:
        typer.echo(json.dumps(stats, ensure_ascii=False, indent=2))
    else:
        typer.echo(render_stats(stats))
