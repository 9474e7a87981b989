"""``onoma serve``: a LibreTranslate-compatible translation server that keeps the glossary.

The command checks its options (glossaries, style, keys file) and hands them to uvicorn,
which loads the application by its import path (``onoma.serve.run``) in each worker.
"""

from __future__ import annotations

import json
import os
import socket
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


def listen_problem(host: str, port: int, workers: int = 1) -> str | None:
    """Why the server could not listen on ``host:port`` (the OS's reason, such as
    "address already in use"), or None when it can.

    It binds the addresses uvicorn will bind, with the same options, and closes them at
    once: one worker listens on every address ``host`` resolves to, several workers on
    the one socket their parent binds (IPv6 for a host with a colon, else IPv4)."""
    if workers > 1:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
    else:
        family = socket.AF_UNSPEC
    try:
        found = socket.getaddrinfo(
            host, port, family, socket.SOCK_STREAM, socket.IPPROTO_TCP, socket.AI_PASSIVE
        )
    except (OSError, UnicodeError) as exc:
        return _reason(exc)
    opened: list[socket.socket] = []
    try:
        for af, kind, proto, _name, address in found[: 1 if workers > 1 else None]:
            sock = socket.socket(af, kind, proto)
            opened.append(sock)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if af == socket.AF_INET6 and hasattr(socket, "IPPROTO_IPV6"):
                sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            sock.bind(address)
    except OSError as exc:
        return _reason(exc)
    finally:
        for sock in opened:
            sock.close()
    return None


def _reason(exc: Exception) -> str:
    """The OS's words for a socket error, lower-cased as onoma's messages are."""
    text = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return text[:1].lower() + text[1:]


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
    where = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    problem = listen_problem(host, port, workers)
    if problem:
        fail(f"cannot listen on {where}: {problem}")
    os.environ[SETTINGS_VARIABLE] = json.dumps(settings)
    try:
        uvicorn.run(APP_PATH, factory=True, host=host, port=port, workers=workers, access_log=False)
    except SystemExit as exc:  # uvicorn could not start after all; it said why above
        if exc.code not in (None, 0):
            fail(f"the server did not start on {where} (uvicorn's message above says why)")
        raise
