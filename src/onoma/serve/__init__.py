"""``onoma serve``: a LibreTranslate-compatible HTTP server that keeps the glossary.

The pieces: :mod:`.detect` (script-based language detection), :mod:`.markup` (HTML text
nodes), :mod:`.limits` (API keys, request rate, body size), :mod:`.engine` (glossary,
normalizers and translators, loaded once and shared), :mod:`.requests` (JSON or form
bodies), :mod:`.middleware` (log lines, JSON 500, CORS), :mod:`.app` (the Starlette
routes) and :mod:`.run` (the factory uvicorn loads). This package itself imports
nothing; ``onoma serve`` reaches it through uvicorn, so ``onoma --help`` loads no server
library.
"""
