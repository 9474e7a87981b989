"""``onoma glossary …``: tools for the people who maintain the glossaries."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from onoma.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    GlossaryOption,
    NoBuiltinOption,
    StyleOption,
    load_glossary,
)
from onoma.cli.glossary_edit import add_command, fmt_command, merge_command
from onoma.cli.glossary_exchange import export_command, import_command
from onoma.cli.glossary_info import show_command, stats_command
from onoma.cli.glossary_suggest import suggest_command

app = typer.Typer(
    help="Check and maintain glossary files.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


LINT_SHOWN = 50


@app.command("lint")
def lint_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Glossary files or folders, the same as --glossary (for pre-commit hooks).",
            show_default=False,
        ),
    ] = None,
    glossary: GlossaryOption = None,
    no_builtin: NoBuiltinOption = False,
    style: StyleOption = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail on warnings too (entries marked for review…).")
    ] = False,
    show_all: Annotated[
        bool,
        typer.Option(
            "--all", help=f"List every problem; by default {LINT_SHOWN} of each kind are listed."
        ),
    ] = False,
) -> None:
    """Check glossaries: conflicting variants, repeated ids, wrong scripts, homoglyphs.

    Also stray whitespace and entries marked for review. Exit 1 if any error is found,
    2 if a file cannot be loaded."""
    from onoma.curate.lint import lint

    loaded = load_glossary([*(glossary or []), *(paths or [])], no_builtin, style)
    problems = lint(loaded)
    shown: dict[str, int] = {}
    for problem in problems:
        shown[problem.code] = shown.get(problem.code, 0) + 1
        if show_all or shown[problem.code] <= LINT_SHOWN:
            typer.echo(str(problem))
    for code, count in shown.items():
        if not show_all and count > LINT_SHOWN:
            typer.echo(f"… and {count - LINT_SHOWN} more [{code}] (--all lists them)")
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    typer.echo(
        f"{len(loaded)} entr{'y' if len(loaded) == 1 else 'ies'} checked: "
        f"{errors} error{'s' * (errors != 1)}, "
        f"{warnings} warning{'s' * (warnings != 1)}.",
        err=True,
    )
    raise typer.Exit(EXIT_PROBLEMS if errors or (strict and warnings) else EXIT_OK)


app.command("fmt")(fmt_command)
app.command("show")(show_command)
app.command("stats")(stats_command)
app.command("add")(add_command)
app.command("merge")(merge_command)
app.command("suggest")(suggest_command)
app.command("export")(export_command)
app.command("import")(import_command)
