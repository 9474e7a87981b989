"""The application as uvicorn loads it by import path, from settings in the environment.

``onoma serve`` checks its options, writes them as JSON to ``ONOMA_SERVE_SETTINGS`` and
runs ``uvicorn.run("onoma.serve.run:app_from_environment", factory=True, …)``: each
worker process (``--workers N``) then builds its own application, glossary and models.
The JSON object's keys: ``paths`` (glossary files), ``builtin``, ``style``, ``api_keys``
(a list), ``char_limit``, ``req_limit`` (per minute), ``debug``, ``cors`` (origins) and
``max_decoding_length`` (tokens per sentence).
"""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path
from typing import Any

from starlette.applications import Starlette

from onoma.serve.app import ServeSettings, create_app
from onoma.serve.engine import GlossarySettings
from onoma.serve.limits import Limits, RateLimiter

SETTINGS_VARIABLE = "ONOMA_SERVE_SETTINGS"
APP_PATH = "onoma.serve.run:app_from_environment"


def settings_from_json(text: str) -> ServeSettings:
    """The settings written as the module docstring says (missing keys: defaults)."""
    data: dict[str, Any] = json.loads(text)
    glossary = GlossarySettings(
        [Path(p) for p in data.get("paths", [])],
        bool(data.get("builtin", True)),
        data.get("style"),
    )
    limits = Limits(
        frozenset(data.get("api_keys", [])),
        int(data.get("char_limit", 0)),
        RateLimiter(int(data.get("req_limit", 0))),
    )
    return ServeSettings(
        glossary,
        limits,
        debug=bool(data.get("debug")),
        cors=tuple(data.get("cors", ())),
        max_decoding_length=data.get("max_decoding_length"),
    )


def configure_logging(debug: bool) -> None:
    """One line per request on stderr; request texts only with ``debug``."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    logger = logging.getLogger("onoma.serve")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.DEBUG if debug else logging.INFO)
    logger.propagate = False


def app_from_environment() -> Starlette:
    """The application of one worker process, from ``ONOMA_SERVE_SETTINGS``."""
    settings = settings_from_json(os.environ.get(SETTINGS_VARIABLE, "{}"))
    configure_logging(settings.debug)
    return create_app(settings)
