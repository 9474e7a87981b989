"""Bad requests get a 400 naming the field and the problem, never a 500, and the server
goes on serving; ``onoma serve`` that cannot listen says so and exits 2."""

from __future__ import annotations

import socket
import subprocess
import sys

import httpx
import pytest
from serve_helpers import packages, packages_env, running

JSON = {"content-type": "application/json"}
FORM = {"content-type": "application/x-www-form-urlencoded"}


@pytest.fixture(scope="module")
def url(tmp_path_factory) -> str:
    root = packages(tmp_path_factory.mktemp("argos"))
    with packages_env(root), running() as (base, _app):
        yield base


def post(url: str, path: str, body: bytes, headers: dict[str, str] = JSON) -> httpx.Response:
    return httpx.post(f"{url}{path}", content=body, headers=headers, timeout=30)


def refused(response: httpx.Response, *says: str) -> None:
    """A 400 in LibreTranslate's shape whose message says each of ``says``."""
    assert response.status_code == 400, response.text
    assert set(response.json()) == {"error"}
    for part in says:
        assert part in response.json()["error"]


def still_serving(url: str) -> None:
    assert httpx.get(f"{url}/health", timeout=10).json()["status"] == "ok"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("path", "body", "says"),
    [
        (
            "/translate",
            rb'{"q": "Shu\ud800sha", "source": "en", "target": "ru"}',
            "q: not valid Unicode text (a lone surrogate at position 3)",
        ),
        (
            "/translate",
            rb'{"q": ["Shusha", "Shu\ud800sha"], "source": "en", "target": "ru"}',
            "q[1]: not valid Unicode text (a lone surrogate at position 3)",
        ),
        (
            "/translate",
            rb'{"q": "Shu\udfffsha", "source": "en", "target": "en"}',
            "q: not valid Unicode text",
        ),
        ("/normalize", rb'{"text": "Shu\ud800sha", "lang": "en"}', "text: not valid Unicode"),
        ("/translit", rb'{"text": "\u0428\ud800\u0430", "to": "latn"}', "text: not valid"),
        ("/detect", rb'{"q": "Shu\udc80sha"}', "q: not valid Unicode text"),
        ("/glossary/search", rb'{"q": "Shu\ud800"}', "q: not valid Unicode text"),
    ],
)
def test_a_lone_surrogate_in_json_text_is_a_400_naming_the_field(url, path, body, says):
    refused(post(url, path, body), says)
    still_serving(url)


@pytest.mark.slow
def test_text_that_is_not_utf8_in_a_form_is_a_400_naming_the_field(url):
    for body in (b"text=Shu%ED%A0%80sha&lang=en", b"text=Shu\xed\xa0\x80sha&lang=en"):
        refused(post(url, "/normalize", body, FORM), "text: not valid UTF-8 text")
    many = b"q=Shusha&q=Shu%FFsha&source=en&target=ru"
    refused(post(url, "/translate", many, FORM), "q[1]: not valid UTF-8 text (a bad byte at")
    # a multipart part in UTF-7 can still spell a lone surrogate
    part = 'Content-Disposition: form-data; name="{}"\r\n{}\r\n{}\r\n'
    multipart = (
        "--B\r\n"
        + part.format("text", "Content-Type: text/plain; charset=utf-7\r\n", "Shu+2AA-sha")
        + "--B\r\n"
        + part.format("lang", "", "en")
        + "--B--\r\n"
    ).encode()
    headers = {"content-type": "multipart/form-data; boundary=B; charset=utf-7"}
    refused(post(url, "/normalize", multipart, headers), "text: not valid Unicode text")
    still_serving(url)


@pytest.mark.slow
def test_json_nested_too_deeply_is_a_400(url):
    body = b"[" * 100_000 + b"]" * 100_000
    refused(post(url, "/translate", body), "not valid JSON (nested too deeply)")
    nested_q = b'{"q": ' + b"[" * 50_000 + b"]" * 50_000 + b', "source": "en"}'
    refused(post(url, "/translate", nested_q), "nested too deeply")
    still_serving(url)


@pytest.mark.slow
def test_normalize_refuses_a_language_the_glossary_has_no_forms_in(url):
    got = post(url, "/normalize", b'{"text": "Shusha", "lang": "xx"}')
    refused(got, "lang xx", "no glossary entry has a form in 'xx'", "az, en, hy, ru")
    form = post(url, "/normalize", b"text=Shusha&lang=de", FORM)
    refused(form, "lang de", "(languages: az, en, hy, ru)")
    ok = post(url, "/normalize", b'{"text": "Shusha", "lang": "en"}')
    assert ok.status_code == 200 and ok.json()["text"] == "Shushi"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("extra", "says"),
    [
        (b'"alternatives": "lots"', "alternatives must be a non-negative integer, not 'lots'"),
        (b'"alternatives": NaN', "alternatives must be a non-negative integer, not NaN"),
        (b'"alternatives": -5', "alternatives must be a non-negative integer, not -5"),
        (b'"alternatives": 1.5', "alternatives must be a non-negative integer"),
        (b'"alternatives": true', "alternatives must be a non-negative integer"),
        (b'"alternatives": [2]', "alternatives must be a non-negative integer"),
        (b'"report": "yes"', 'report must be true or false, not "yes"'),
        (b'"report": 1', "report must be true or false"),
    ],
)
def test_alternatives_and_report_of_the_wrong_type_are_400(url, extra, says):
    body = b'{"q": "Shusha", "source": "en", "target": "ru", ' + extra + b"}"
    refused(post(url, "/translate", body), says)


@pytest.mark.slow
def test_alternatives_and_report_that_are_right(url):
    base = b'{"q": "Shusha", "source": "en", "target": "ru", '
    got = post(url, "/translate", base + b'"alternatives": 2, "report": true}').json()
    assert got["alternatives"] == [] and got["report"]["entities"] == 1
    got = post(url, "/translate", base + b'"alternatives": "0", "report": false}').json()
    assert "alternatives" not in got and "report" not in got
    # forms and query strings: the usual words for true and false
    form = b"q=Shusha&source=en&target=ru&alternatives=3&report=yes"
    got = post(url, "/translate", form, FORM).json()
    assert got["alternatives"] == [] and got["report"]["entities"] == 1
    assert "report" not in post(url, "/translate?report=0", base[:-2] + b"}").json()
    refused(post(url, "/translate", form.replace(b"yes", b"maybe"), FORM), "report must be")
    refused(post(url, "/translate?report=sure", base[:-2] + b"}"), "report must be true")
    refused(post(url, "/normalize", b'{"text": "Shusha", "fuzzy": "yes"}'), "fuzzy must be")
    refused(post(url, "/glossary/search", b'{"q": "Shusha", "limit": 1e999}'), "limit must")
    still_serving(url)


def busy_port() -> socket.socket:
    """A socket listening on 127.0.0.1 (the caller closes it)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    return sock


def onoma_serve(*args: str, code: str = "") -> subprocess.CompletedProcess[str]:
    """``onoma serve ARGS`` in a subprocess (``code`` run first), bounded in time."""
    script = f"{code}\nfrom onoma.cli import app\napp(['serve', *{list(args)!r}])"
    return subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_port_in_use_is_an_error_and_exit_2(workers):
    with busy_port() as sock:
        port = sock.getsockname()[1]
        out = onoma_serve("--port", str(port), "--workers", workers)
    assert out.returncode == 2, out.stderr
    assert out.stderr == f"error: cannot listen on 127.0.0.1:{port}: address already in use\n"


def test_an_address_not_of_this_machine_is_an_error_and_exit_2():
    out = onoma_serve("--host", "192.0.2.1", "--port", "5000")  # TEST-NET-1: never local
    assert out.returncode == 2, out.stderr
    assert out.stderr.startswith("error: cannot listen on 192.0.2.1:5000: ")
    assert "Traceback" not in out.stderr


def test_uvicorn_failing_to_start_after_the_check_is_exit_2():
    """The port can be taken between onoma's check and uvicorn's start."""
    with busy_port() as sock:
        port = sock.getsockname()[1]
        skip_check = (  # the module, not the command function of the same name
            "import sys, onoma.cli\n"
            "sys.modules['onoma.cli.serve'].listen_problem = lambda *args: None"
        )
        out = onoma_serve("--port", str(port), code=skip_check)
    assert out.returncode == 2, out.stderr
    assert f"error: the server did not start on 127.0.0.1:{port}" in out.stderr
    assert "Traceback" not in out.stderr
