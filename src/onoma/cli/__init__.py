"""The ``onoma`` command line: a thin layer of Typer commands over the library.

Every command module imports only Typer at start-up; the libraries a command needs
(ctranslate2, ICU, rapidfuzz…) are imported when the command runs, so that
``onoma --help`` stays fast.
"""

from __future__ import annotations

import typer

from onoma.cli.glossary import app as glossary_app
from onoma.cli.models import app as models_app
from onoma.cli.normalize import normalize
from onoma.cli.translate import translate
from onoma.cli.translit import translit

app = typer.Typer(
    name="onoma",
    help="Consistent names across languages: normalize, translate and transliterate "
    "articles with curated glossaries.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.command("normalize")(normalize)
app.command("translate")(translate)
app.command("translit")(translit)
app.add_typer(glossary_app, name="glossary")
app.add_typer(models_app, name="models")


def main() -> None:
    """Entry point of the ``onoma`` console script."""
    app()
