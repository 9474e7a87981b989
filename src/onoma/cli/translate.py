"""Placeholder until the translate command lands."""

import typer


def translate() -> None:
    """Not available yet."""
    typer.echo("onoma translate is not available yet", err=True)
    raise typer.Exit(2)
