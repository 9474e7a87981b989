"""``onoma serve``: a LibreTranslate-compatible translation server that keeps the glossary.

The command checks its options (glossaries, style, keys file) and hands them to uvicorn,
which loads the application by its import path (``onoma.serve.run``) in each worker.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated

import typer

from onoma.cli.common import GlossaryOption, NoBuiltinOption, fail, load_glossary

APP_PATH = "onoma.serve.run:app_from_environment"
SETTINGS_VARIABLE = "ONOMA_SERVE_SETTINGS"


def read_api_keys(path: Path) -> list[str]:
    """The keys in ``path``, one a line (blank lines and ``#`` comments skipped), or exit 2."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"{path}: cannot read the API keys file ({exc})")
    keys = sorted({line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"})
    if not keys:
        fail(f"{path}: no API key in the file (one key a line)")
    return keys


def serve(
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (0.0.0.0: every interface).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", "-p", min=0, max=65535)] = 5000,
    glossary: GlossaryOption = None,
    no_builtin: NoBuiltinOption = False,
    style: Annotated[
        str | None,
        typer.Option(
            "--style", help="A built-in naming style over the default entries.", show_default=False
        ),
    ] = None,
    api_keys: Annotated[
        Path | None,
        typer.Option(
            "--api-keys",
            help="File of API keys, one a line: a key is then required.",
            show_default=False,
        ),
    ] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Worker processes.")] = 1,
    char_limit: Annotated[
        int, typer.Option("--char-limit", min=0, help="Most characters per request (0: none).")
    ] = 0,
    req_limit: Annotated[
        int,
        typer.Option(
            "--req-limit",
            min=0,
            help="Most requests per minute per API key or client address (0: none).",
        ),
    ] = 0,
    cors: Annotated[
        list[str] | None,
        typer.Option(
            "--cors",
            help="Allow browser pages from this origin (repeatable; '*' any).",
            show_default=False,
        ),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Log request texts too (off: sizes only).")
    ] = False,
) -> None:
    """Serve LibreTranslate's API (/translate, /languages, /detect) and onoma's own
    (/normalize, /translit, /glossary/search) over HTTP, names in their glossary forms.

    Models load on the first request for each language pair and stay loaded. Stop with
    Ctrl-C or SIGTERM: requests in flight are finished first.
    """
    import uvicorn

    from onoma.errors import OnomaError
    from onoma.glossary import load_glossaries
    from onoma.glossary.load import style_names

    if style is not None and style not in style_names():
        fail(f"--style {style!r}: no such style (styles: {', '.join(style_names())})")
    if style is None:
        load_glossary(glossary, no_builtin)  # exits 2 naming a bad file
    else:
        try:
            load_glossaries(glossary or [], builtin=not no_builtin, style=style)
        except OnomaError as exc:
            fail(str(exc))
    settings = {
        "paths": [str(path.resolve()) for path in glossary or []],
        "builtin": not no_builtin,
        "style": style,
        "api_keys": read_api_keys(api_keys) if api_keys else [],
        "char_limit": char_limit,
        "req_limit": req_limit,
        "debug": debug,
        "cors": list(cors or []),
    }
    os.environ[SETTINGS_VARIABLE] = json.dumps(settings)
    uvicorn.run(APP_PATH, factory=True, host=host, port=port, workers=workers, access_log=False)
