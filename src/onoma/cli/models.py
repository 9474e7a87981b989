"""Placeholder until the models commands land."""

import typer

app = typer.Typer(help="Manage translation model packages.", no_args_is_help=True)


@app.command("list")
def list_models() -> None:
    """Not available yet."""
    raise typer.Exit(2)
