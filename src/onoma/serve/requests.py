"""Request bodies as LibreTranslate clients send them: JSON, URL-encoded or multipart
forms, read up to the size cap; and the checks of their fields (text that is valid
Unicode, booleans, counts), each an :class:`ApiError` 400 naming the field."""

from __future__ import annotations

import json
import math
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


class Params(dict[str, Any]):
    """A request's parameters; ``from_json`` names those given in a JSON body (their
    values keep JSON's types), the others are form or query-string text."""

    from_json: frozenset[str] = frozenset()


async def parameters(request: Request, max_bytes: int) -> Params:
    """The request's parameters: the JSON object, or the form fields (``q`` repeated
    gives a list), merged over the query string; ApiError 400 for a body that cannot be
    read or a field that is not valid Unicode text."""
    body = await read_body(request, max_bytes)
    params = Params(request.query_params)
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if body.strip() and kind == "multipart/form-data":
        params.update(await _multipart(request, body))
    elif body.strip() and kind == "application/x-www-form-urlencoded":
        params.update(_form(body))
    elif body.strip():
        data = _json_object(body)
        params.update(data)
        params.from_json = frozenset(data)
    _check_unicode(params)
    return params


def _form(body: bytes) -> dict[str, Any]:
    """The fields of a URL-encoded form; bytes that are not UTF-8, raw or %-escaped,
    are an error naming the field."""
    text = body.decode("utf-8", "surrogateescape")  # bad bytes kept, reported by field
    try:
        pairs = parse_qsl(
            text, keep_blank_values=True, strict_parsing=True, errors="surrogateescape"
        )
    except ValueError as exc:
        raise ApiError(400, f"Invalid request: the form is not valid ({exc})") from exc
    fields = _fields(pairs)
    _check_unicode(fields, "not valid UTF-8 text (a bad byte at position {})")
    return fields


def _json_object(body: bytes) -> dict[str, Any]:
    """The JSON object of the body, or ApiError 400 saying what is wrong with it."""
    try:
        data = json.loads(body)
    except RecursionError as exc:
        raise ApiError(
            400, "Invalid request: the body is not valid JSON (nested too deeply)"
        ) from exc
    except (UnicodeDecodeError, ValueError) as exc:
        raise ApiError(400, f"Invalid request: the body is not valid JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise ApiError(400, "Invalid request: the JSON body must be an object")
    return data


def _bad_at(text: str) -> int | None:
    """Where the first lone surrogate of ``text`` is (text that cannot be UTF-8), or None."""
    if text.isascii():
        return None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return exc.start
    return None


def _shown(name: str) -> str:
    """A field name fit for a message (a lone surrogate escaped)."""
    return name.encode("utf-8", "backslashreplace").decode("utf-8")


def _check_unicode(
    params: dict[str, Any],
    problem: str = "not valid Unicode text (a lone surrogate at position {})",
) -> None:
    """ApiError 400 naming the first field (or item of a list field) whose text has a
    lone surrogate (JSON's ``"\\ud800"``, or a form's bytes that are not UTF-8): such
    text cannot be matched, encoded or answered. ``problem`` says what is wrong, with
    ``{}`` for the position."""
    for key, value in params.items():
        at = _bad_at(key)
        if at is not None:
            raise ApiError(
                400, f"Invalid request: a field name ({_shown(key)}): {problem.format(at)}"
            )
        items = enumerate(value) if isinstance(value, list) else [(None, value)]
        for index, item in items:
            at = _bad_at(item) if isinstance(item, str) else None
            if at is not None:
                name = key if index is None else f"{key}[{index}]"
                raise ApiError(400, f"Invalid request: {name}: {problem.format(at)}")


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


TRUE_TEXT = frozenset({"1", "true", "yes", "on"})
FALSE_TEXT = frozenset({"", "0", "false", "no", "off"})


def flag(params: Params, name: str) -> bool:
    """A boolean parameter: JSON's true or false (null or missing: false), or in a form
    or query string one of "true", "1", "yes", "on" and "false", "0", "no", "off", "";
    anything else is ApiError 400 naming it."""
    value = params.get(name)
    if value is None or isinstance(value, bool):
        return bool(value)
    if isinstance(value, str) and name not in params.from_json:
        word = value.strip().lower()
        if word in TRUE_TEXT or word in FALSE_TEXT:
            return word in TRUE_TEXT
        raise ApiError(400, f"Invalid request: {name} must be true or false, not {value!r}")
    raise ApiError(400, f"Invalid request: {name} must be true or false, not {_json(value)}")


def count_param(params: Params, name: str) -> int:
    """A count such as ``alternatives``: a non-negative integer, in JSON or as digits
    (missing, null or "": 0); anything else is ApiError 400 naming it."""
    value = params.get(name)
    if value is None or value == "":
        return 0
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        value = int(value)
    digits = value.strip() if isinstance(value, str) else ""
    if digits.isascii() and digits.isdigit() and len(digits) < 1000:
        value = int(digits)
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    shown = repr(value) if isinstance(value, str) else _json(value)
    raise ApiError(400, f"Invalid request: {name} must be a non-negative integer, not {shown}")


def _json(value: Any) -> str:
    """A JSON value as a message shows it (short)."""
    try:
        text = json.dumps(value)
    except (ValueError, RecursionError):
        text = type(value).__name__
    return text if len(text) <= 40 else text[:37] + "..."


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
