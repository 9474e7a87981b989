"""``onoma serve``: a LibreTranslate-compatible HTTP server that keeps the glossary.

The pieces: :mod:`.detect` (script-based language detection), :mod:`.markup` (HTML text
nodes), :mod:`.limits` (API keys, request rate, body size), :mod:`.engine` (glossary,
normalizers and translators, loaded once and shared), :mod:`.requests` (JSON or form
bodies, LibreTranslate errors) and :mod:`.app` (the Starlette routes). Starlette and
uvicorn are imported only by :mod:`.app` and :mod:`.run`, never at ``onoma --help``.
"""
