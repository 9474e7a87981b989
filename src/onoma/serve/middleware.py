"""The layers around every request: a JSON 500 for any exception (the server keeps
serving), one log line per request, and CORS when ``--cors`` asks for it."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Sequence
from typing import Any

from starlette.applications import Starlette
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("onoma.serve")


class RequestLog:
    """Logs ``METHOD PATH STATUS MS CHARS`` for each request, and turns an unexpected
    exception into ``{"error": …}`` with status 500."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500
        sent = False

        async def watch(message: Message) -> None:
            nonlocal status, sent
            if message["type"] == "http.response.start":
                status = message["status"]
                sent = True
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception as exc:
            log.exception("error in %s %s", scope["method"], scope["path"])
            status = 500
            if not sent:
                await _send_json(
                    send, 500, {"error": f"Internal server error: {type(exc).__name__}"}
                )
        finally:
            chars = scope.get("state", {}).get("chars", 0)
            ms = (time.perf_counter() - started) * 1000
            log.info("%s %s %d %.1fms %d chars", scope["method"], scope["path"], status, ms, chars)


async def _send_json(send: Send, status: int, body: dict[str, Any]) -> None:
    data = json.dumps(body).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": data})


def add_middleware(app: Starlette, cors: Sequence[str]) -> None:
    """Add the request log and, for ``--cors``, CORS for those origins."""
    if cors:
        from starlette.middleware.cors import CORSMiddleware

        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(cors),
            allow_methods=["GET", "POST"],
            allow_headers=["*"],
        )
    app.add_middleware(RequestLog)
