"""Limits and safety over HTTP: API keys, request rate, characters, body size, CORS, the
editor page, and ``onoma serve`` itself (options, log lines, SIGTERM)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time

import httpx
import pytest
from libretranslatepy import LibreTranslateAPI
from serve_helpers import packages, packages_env, running

from onoma.serve.app import ServeSettings
from onoma.serve.limits import MAX_BODY_BYTES, Limits, RateLimiter

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def limited(tmp_path_factory):
    root = packages(tmp_path_factory.mktemp("argos"))
    settings = ServeSettings(
        limits=Limits(frozenset({"k1", "k2"}), char_limit=50, rate=RateLimiter(5)),
        cors=("https://editor.example",),
    )
    with packages_env(root), running(settings) as (url, _app):
        yield url


def test_a_key_is_required_when_keys_are_given(limited):
    no_key = httpx.post(f"{limited}/translate", json={"q": "x", "source": "en", "target": "hy"})
    assert no_key.status_code == 403 and "API key" in no_key.json()["error"]
    wrong = httpx.post(f"{limited}/detect", data={"q": "x", "api_key": "nope"})
    assert wrong.status_code == 403
    assert LibreTranslateAPI(limited, api_key="k1").translate("Shusha", "en", "hy")
    assert httpx.get(f"{limited}/frontend/settings").json()["keyRequired"] is True


def test_requests_per_minute_per_key(limited):
    statuses = [
        httpx.post(f"{limited}/detect", data={"q": "x", "api_key": "k2"}).status_code
        for _ in range(7)
    ]
    assert statuses == [200] * 5 + [429] * 2
    # another key has its own count
    assert httpx.post(f"{limited}/detect", data={"q": "x", "api_key": "k1"}).status_code == 200


def test_char_limit_and_body_cap(limited):
    long = httpx.post(f"{limited}/normalize", json={"text": "a" * 51, "api_key": "k1"})
    assert long.status_code == 400 and "exceeds text limit (50)" in long.json()["error"]
    huge = httpx.post(
        f"{limited}/translate",
        content=b'{"q": "' + b"a" * MAX_BODY_BYTES + b'"}',
        headers={"content-type": "application/json"},
    )
    assert huge.status_code == 413 and "too large" in huge.json()["error"]


def test_cors_only_for_the_given_origin(limited, tmp_path):
    origin = {"origin": "https://editor.example"}
    assert (
        httpx.get(f"{limited}/languages", headers=origin).headers["access-control-allow-origin"]
        == origin["origin"]
    )
    other = httpx.get(f"{limited}/languages", headers={"origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers


def test_cors_off_and_editor_page_served(tmp_path):
    (tmp_path / "index.html").write_text("<h1>editor</h1>", encoding="utf-8")
    (tmp_path / "app.js").write_text("let x = 1;", encoding="utf-8")
    with running(ServeSettings(static_dir=tmp_path)) as (url, _app):
        page = httpx.get(f"{url}/", headers={"origin": "https://editor.example"})
        assert page.text == "<h1>editor</h1>"
        assert "access-control-allow-origin" not in page.headers
        assert httpx.get(f"{url}/static/app.js").text == "let x = 1;"
        assert httpx.get(f"{url}/static/../../etc/passwd").status_code == 404


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_onoma_serve_command_logs_and_stops_on_sigterm(tmp_path):
    keys = tmp_path / "keys.txt"
    keys.write_text("# keys\nsecret\n", encoding="utf-8")
    port = _free_port()
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(packages(tmp_path))}
    proc = subprocess.Popen(
        [sys.executable, "-m", "onoma", "serve", "--port", str(port), "--api-keys", str(keys)],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"{url}/health")
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.1)
        secret_text = "Shusha secretword"
        got = httpx.post(
            f"{url}/translate",
            json={"q": secret_text, "source": "en", "target": "hy", "api_key": "secret"},
        )
        assert got.status_code == 200
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=20)
    # uvicorn finishes the requests in flight, then re-raises SIGTERM for its parent
    assert proc.returncode in (0, -signal.SIGTERM)
    assert "Finished server process" in err
    line = next(x for x in err.splitlines() if "POST /translate" in x)
    assert " 200 " in line and f"{len(secret_text)} chars" in line
    assert "secretword" not in err


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--no-builtin"], "--no-builtin needs"),
        (["--style", "nope"], "no such style"),
        (["--api-keys", "/nonexistent/keys"], "cannot read the API keys file"),
    ],
)
def test_bad_options_exit_2_before_listening(args, says):
    out = subprocess.run(
        [sys.executable, "-m", "onoma", "serve", *args], capture_output=True, text=True
    )
    assert out.returncode == 2
    assert says in out.stderr and "Traceback" not in out.stderr


def test_settings_reach_the_workers():
    from onoma.serve.run import settings_from_json

    data = {"paths": ["/g.yaml"], "builtin": False, "api_keys": ["a"], "req_limit": 3}
    settings = settings_from_json(json.dumps(data))
    assert settings.limits.api_keys == {"a"} and settings.limits.rate.per_minute == 3
    assert settings.glossary.builtin is False and [str(p) for p in settings.glossary.paths] == [
        "/g.yaml"
    ]
