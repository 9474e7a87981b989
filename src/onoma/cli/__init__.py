"""The ``onoma`` command line: a thin layer of Typer commands over the library.

Every command module imports only Typer at start-up; the libraries a command needs
(ctranslate2, ICU, rapidfuzz…) are imported when the command runs, so that
``onoma --help`` stays fast.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from onoma.cli.glossary import app as glossary_app
from onoma.cli.inflect import inflect
from onoma.cli.models import app as models_app
from onoma.cli.normalize import normalize
from onoma.cli.serve import serve
from onoma.cli.translate import translate
from onoma.cli.translit import translit

app = typer.Typer(
    name="onoma",
    help="Consistent names across languages: normalize, translate and transliterate "
    "articles with curated glossaries.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="markdown",
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"onoma {version('onoma')}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Consistent names across languages: normalize, translate and transliterate articles
    with curated glossaries."""


app.command("normalize")(normalize)
app.command("translate")(translate)
app.command("translit")(translit)
app.command("inflect")(inflect)
app.command("serve")(serve)
app.add_typer(glossary_app, name="glossary")
app.add_typer(models_app, name="models")


def main() -> None:
    """Entry point of the ``onoma`` console script."""
    # onoma reads and writes UTF-8 text; a terminal or pipe set to another encoding
    # (PYTHONIOENCODING=latin-1) would otherwise fail on the first Armenian letter.
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    from onoma.cli.output import run_guarded

    run_guarded(app)
