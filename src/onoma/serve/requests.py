"""Request bodies as LibreTranslate clients send them: JSON, URL-encoded or multipart
forms, read up to the size cap."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl

from starlette.requests import Request

from onoma.serve.limits import ApiError


async def read_body(request: Request, max_bytes: int) -> bytes:
    """The raw body, or ApiError 413 as soon as it is longer than ``max_bytes``."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise ApiError(413, f"Request body too large: limit is {max_bytes} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > max_bytes:
            raise ApiError(413, f"Request body too large: limit is {max_bytes} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


async def parameters(request: Request, max_bytes: int) -> dict[str, Any]:
    """The request's parameters: the JSON object, or the form fields (``q`` repeated
    gives a list), merged over the query string."""
    body = await read_body(request, max_bytes)
    params: dict[str, Any] = dict(request.query_params)
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if not body.strip():
        return params
    if kind == "multipart/form-data":
        return {**params, **await _multipart(request, body)}
    if kind == "application/x-www-form-urlencoded":
        try:
            pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=True)
        except (UnicodeDecodeError, ValueError) as exc:
            raise ApiError(400, f"Invalid request: the form is not valid ({exc})") from exc
        return {**params, **_fields(pairs)}
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, ValueError) as exc:
        raise ApiError(400, f"Invalid request: the body is not valid JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise ApiError(400, "Invalid request: the JSON body must be an object")
    return {**params, **data}


def _fields(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for key, value in pairs:
        if key in fields:
            old = fields[key]
            fields[key] = [*old, value] if isinstance(old, list) else [old, value]
        else:
            fields[key] = value
    return fields


async def _multipart(request: Request, body: bytes) -> dict[str, Any]:
    """The text fields of a multipart form (files are refused: no uploads)."""
    sent = False

    async def replay() -> dict[str, Any]:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    try:
        form = await Request(request.scope, replay).form()
    except Exception as exc:  # python-multipart's errors have no common base
        raise ApiError(400, f"Invalid request: the form is not valid ({exc})") from exc
    pairs = []
    for key, value in form.multi_items():
        if not isinstance(value, str):
            raise ApiError(400, f"Invalid request: field {key!r} is a file; send text")
        pairs.append((key, value))
    return _fields(pairs)


def flag(value: Any) -> bool:
    """A boolean parameter, from JSON (true) or a form ("true", "1", "on")."""
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes", "on"}
    return bool(value)


def text_param(params: dict[str, Any], name: str, *, required: bool = True) -> str:
    """A string parameter, or ApiError 400 naming it."""
    value = params.get(name)
    if value is None or value == "":
        if required:
            raise ApiError(400, f"Invalid request: missing {name} parameter")
        return ""
    if not isinstance(value, str):
        raise ApiError(400, f"Invalid request: {name} must be a string")
    return value


def style_param(params: dict[str, Any]) -> str | None:
    """The ``style`` parameter: a built-in naming style (``GET /styles``), or None for the
    server's own; ApiError 400 for an unknown one."""
    from onoma.glossary.load import style_names

    style = params.get("style")
    if style in (None, ""):
        return None
    names = style_names()
    if not isinstance(style, str) or style not in names:
        raise ApiError(
            400, f"Invalid request: unknown style {style!r} (styles: {', '.join(names)})"
        )
    return style
