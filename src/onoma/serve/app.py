"""The Starlette application: LibreTranslate's endpoints and onoma's own.

Handlers parse and check a request on the event loop, then run the glossary and model
work in the thread pool (``run_in_threadpool``) so that one long translation never
holds up the other requests.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from onoma.errors import OnomaError
from onoma.serve import engine as eng
from onoma.serve.detect import detect_language
from onoma.serve.limits import ApiError, Limits
from onoma.serve.markup import translate_html
from onoma.serve.middleware import add_middleware
from onoma.serve.requests import Params, count_param, flag, parameters, style_param, text_param

log = logging.getLogger("onoma.serve")


@dataclass
class ServeSettings:
    """Everything ``onoma serve`` passes to the application."""

    glossary: eng.GlossarySettings = field(default_factory=eng.GlossarySettings)
    limits: Limits = field(default_factory=Limits)
    debug: bool = False
    cors: tuple[str, ...] = ()
    """Origins allowed to call the server from a browser page (none: CORS off)."""
    max_decoding_length: int | None = None
    """Most tokens per translated sentence (None: CTranslate2's default); bounds the time
    one request can take."""
    static_dir: Path | None = None
    """Where the editor page lives; None: the package's ``static`` folder."""


def static_folder() -> Path:
    """The package's ``static`` folder (it may not exist)."""
    return Path(str(files("onoma.serve"))) / "static"


class Api:
    """The request handlers over one shared :class:`~onoma.serve.engine.Engine`."""

    def __init__(self, settings: ServeSettings) -> None:
        self.settings = settings
        self.limits = settings.limits
        self.engine = eng.Engine(settings.glossary, settings.max_decoding_length)

    async def _params(self, request: Request, *, guarded: bool = True) -> Params:
        params = await parameters(request, self.limits.max_body)
        if guarded:
            key = params.get("api_key")
            client = request.client.host if request.client else "-"
            self.limits.check(key if isinstance(key, str) and key else None, client)
        return params

    def _count(self, request: Request, texts: list[str]) -> None:
        count = sum(len(t) for t in texts)
        request.state.chars = count
        self.limits.check_chars(count)
        if self.settings.debug:
            log.debug("%s %s text: %r", request.method, request.url.path, texts)

    async def translate(self, request: Request) -> Response:
        params = await self._params(request)
        q = params.get("q")
        if q is None or q == "" or q == []:
            raise ApiError(400, "Invalid request: missing q parameter")
        items = q if isinstance(q, list) else [q]
        if not all(isinstance(item, str) for item in items):
            raise ApiError(400, "Invalid request: q must be a string or a list of strings")
        source = text_param(params, "source")
        target = eng.check_language(text_param(params, "target"), "target")
        kind = params.get("format") or "text"
        if kind not in ("text", "html"):
            raise ApiError(400, f"Invalid request: format {kind!r} is not text or html")
        want_report = flag(params, "report")
        alternatives = count_param(params, "alternatives")
        style = style_param(params)
        self._count(request, items)
        detected = [detect_language(item)[0] for item in items] if source == "auto" else None
        sources = (
            [d["language"] for d in detected]
            if detected
            else [eng.check_language(source, "source")] * len(items)
        )
        results = await run_in_threadpool(
            self._translate_items, items, sources, target, kind == "html", want_report, style
        )
        texts = [text for text, _ in results]
        body: dict[str, Any] = {"translatedText": texts if isinstance(q, list) else texts[0]}
        if detected:
            body["detectedLanguage"] = detected if isinstance(q, list) else detected[0]
        if alternatives:  # none to offer, as LibreTranslate without them
            body["alternatives"] = [[] for _ in items] if isinstance(q, list) else []
        if want_report:
            reports = [report for _, report in results]
            body["report"] = reports if isinstance(q, list) else reports[0]
        return JSONResponse(body)

    def _translate_items(
        self,
        items: list[str],
        sources: list[str],
        target: str,
        html: bool,
        report: bool,
        style: str | None = None,
    ) -> list[tuple[str, dict[str, Any] | None]]:
        out = []
        for item, source in zip(items, sources, strict=True):
            if source == target or not item.strip():
                out.append((item, None))
                continue
            if html:
                out.append(self._translate_html(item, source, target, report, style))
                continue
            (result,) = self.engine.translate([item], source, target, markdown=False, style=style)
            out.append((result.text, result.report.as_dict() if report else None))
        return out

    def _translate_html(
        self, html: str, source: str, target: str, report: bool, style: str | None = None
    ) -> tuple[str, dict[str, Any] | None]:
        found: list[dict[str, Any]] = []

        def nodes(texts: list[str]) -> list[str]:
            done = self.engine.translate(texts, source, target, markdown=False, style=style)
            found.extend(r.report.as_dict() for r in done)
            return [r.text for r in done]

        text = translate_html(html, nodes)
        return text, _merge(found) if report else None

    async def detect(self, request: Request) -> Response:
        params = await self._params(request)
        q = text_param(params, "q")
        self._count(request, [q])
        return JSONResponse(detect_language(q))

    async def languages(self, request: Request) -> Response:
        return JSONResponse(await run_in_threadpool(eng.languages))

    async def frontend_settings(self, request: Request) -> Response:
        from onoma.glossary.load import style_names

        langs = await run_in_threadpool(eng.languages)
        source = next((lang for lang in langs if lang["targets"]), None)
        target = source["targets"][0] if source else "en"
        source_code = source["code"] if source else "en"
        return JSONResponse(
            {
                "charLimit": self.limits.char_limit or -1,
                "frontendTimeout": 500,
                "apiKeys": bool(self.limits.api_keys),
                "keyRequired": bool(self.limits.api_keys),
                "suggestions": False,
                "filesTranslation": False,
                "supportedFilesFormat": [],
                "language": {
                    "source": {"code": source_code, "name": eng.language_name(source_code)},
                    "target": {"code": target, "name": eng.language_name(target)},
                },
                "styles": style_names(),
                "style": self.settings.glossary.style,
            }
        )

    async def styles(self, request: Request) -> Response:
        from onoma.glossary.load import style_names

        return JSONResponse(style_names())

    async def normalize(self, request: Request) -> Response:
        params = await self._params(request)
        text = text_param(params, "text")
        lang = eng.check_language(params.get("lang") or "en", "lang")
        self._count(request, [text])
        fuzzy = flag(params, "fuzzy")
        style = style_param(params)
        return JSONResponse(
            await run_in_threadpool(self.engine.normalize, text, lang, fuzzy, style)
        )

    async def translit(self, request: Request) -> Response:
        from onoma.translit import TranslitError, transliterate

        params = await self._params(request)
        text = text_param(params, "text")
        to = text_param(params, "to")
        source = text_param(params, "from", required=False) or None
        scheme = text_param(params, "scheme", required=False) or None
        self._count(request, [text])
        try:
            result = await run_in_threadpool(transliterate, text, to, source, scheme)
        except TranslitError as exc:
            raise ApiError(400, f"Invalid request: {exc}") from exc
        return JSONResponse({"text": result})

    async def glossary_search(self, request: Request) -> Response:
        params = await self._params(request)
        query = text_param(params, "q")
        self._count(request, [query])
        limit = params.get("limit", 10)
        try:
            limit = max(1, min(100, int(limit)))
        except (TypeError, ValueError, OverflowError) as exc:
            raise ApiError(400, "Invalid request: limit must be a number") from exc
        hits = await run_in_threadpool(self.engine.search, query, limit)
        return JSONResponse({"query": query, "entries": hits})

    async def health(self, request: Request) -> Response:
        loaded = sorted({f"{s}-{t}" for _style, s, t in self.engine._translators})
        return JSONResponse({"status": "ok", "models": loaded})


def _merge(reports: list[dict[str, Any]]) -> dict[str, Any]:
    """One entity report for the text nodes of an HTML document."""
    merged: dict[str, Any] = {
        "sentences": 0,
        "entities": 0,
        "preserved": 0,
        "normalized": 0,
        "fallback": [],
        "by_entity": {},
        "no_target_form": {},
        "cases": {},
    }
    for report in reports:
        for key in ("sentences", "entities", "preserved", "normalized"):
            merged[key] += report[key]
        merged["fallback"].extend(report["fallback"])
        for key in ("by_entity", "cases"):
            for name, count in report[key].items():
                merged[key][name] = merged[key].get(name, 0) + count
        merged["no_target_form"].update(report["no_target_form"])
    merged["ok"] = merged["preserved"] == merged["entities"]
    return merged


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return JSONResponse({"error": exc.message}, status_code=exc.status)


async def _onoma_error(request: Request, exc: Exception) -> Response:
    """A missing model, a bad glossary or bad input: the caller's problem, 400."""
    return JSONResponse({"error": str(exc)}, status_code=400)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return JSONResponse({"error": exc.detail}, status_code=exc.status_code)


async def _no_page(request: Request) -> Response:
    return JSONResponse({"error": "Not Found"}, status_code=404)


def create_app(settings: ServeSettings | None = None) -> Starlette:
    """The application; ``settings`` default to the built-in glossary and no limits."""
    settings = settings or ServeSettings()
    api = Api(settings)
    _ = api.engine.glossary  # load it now: a bad glossary stops the server at start
    static = settings.static_dir or static_folder()
    routes = [
        Route("/translate", api.translate, methods=["POST"]),
        Route("/detect", api.detect, methods=["POST"]),
        Route("/languages", api.languages, methods=["GET", "POST"]),
        Route("/frontend/settings", api.frontend_settings, methods=["GET"]),
        Route("/styles", api.styles, methods=["GET"]),
        Route("/normalize", api.normalize, methods=["POST"]),
        Route("/translit", api.translit, methods=["POST"]),
        Route("/glossary/search", api.glossary_search, methods=["GET", "POST"]),
        Route("/health", api.health, methods=["GET"]),
    ]
    index = static / "index.html"
    if index.is_file():
        routes.append(Route("/", lambda request: FileResponse(index), methods=["GET"]))
    else:
        routes.append(Route("/", _no_page, methods=["GET"]))
    if static.is_dir():
        routes.append(Mount("/static", StaticFiles(directory=static), name="static"))
    app = Starlette(
        routes=routes,
        exception_handlers={
            ApiError: _api_error,
            OnomaError: _onoma_error,
            HTTPException: _http_error,
        },
    )
    app.state.api = api
    add_middleware(app, settings.cors)
    return app
