"""Placeholder until the translit command lands."""

import typer


def translit() -> None:
    """Not available yet."""
    typer.echo("onoma translit is not available yet", err=True)
    raise typer.Exit(2)
