"""The server's endpoints over HTTP: LibreTranslate's shapes (checked with the
libretranslatepy client and httpx) and onoma's own endpoints."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from argos_factory import copy_expected
from libretranslatepy import LibreTranslateAPI
from serve_helpers import packages, packages_env, running

from onoma.glossary import load_glossaries

pytestmark = pytest.mark.slow

ARTICLE = "Shusha is a city. Officials in Stepanakert said so on Thursday."


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = packages(tmp_path_factory.mktemp("argos"))
    with packages_env(root), running() as (url, app):
        yield url, app


@pytest.fixture(scope="module")
def url(server) -> str:
    return server[0]


@pytest.fixture(scope="module")
def client(url) -> LibreTranslateAPI:
    return LibreTranslateAPI(url)


@pytest.mark.parametrize("target", ["hy", "az", "ru"])
def test_libretranslate_client_gets_the_glossary_names(client, target):
    assert client.translate(ARTICLE, "en", target) == copy_expected(ARTICLE, target)


def test_languages_lists_installed_pairs_and_pivots(client):
    langs = {lang["code"]: lang for lang in client.languages()}
    assert set(langs["en"]["targets"]) == {"hy", "az", "ru"}
    assert set(langs["ru"]["targets"]) == {"en", "hy", "az"}  # hy and az through English
    assert all(set(lang) == {"code", "name", "targets"} for lang in langs.values())
    assert langs["hy"]["name"] == "Armenian"


@pytest.mark.parametrize(
    ("text", "lang"),
    [("Շուշի քաղաք", "hy"), ("город Шуши", "ru"), ("Şuşa şəhəri", "az"), ("the city", "en")],
)
def test_detect_by_script(client, text, lang):
    (best,) = client.detect(text)
    assert best["language"] == lang
    assert best["confidence"] == 100.0


def test_list_input_and_auto_source(url):
    items = ["Shusha is a city.", "Город Шуша."]
    got = httpx.post(f"{url}/translate", json={"q": items, "source": "auto", "target": "hy"})
    body = got.json()
    assert got.status_code == 200
    assert [d["language"] for d in body["detectedLanguage"]] == ["en", "ru"]
    assert body["translatedText"] == [
        copy_expected(items[0], "hy"),
        copy_expected(copy_expected(items[1], "en", "ru"), "hy"),
    ]


def test_form_post_with_repeated_q(url):
    got = httpx.post(
        f"{url}/translate",
        data={"q": ["Shusha.", "Stepanakert."], "source": "en", "target": "az"},
    )
    assert got.json() == {
        "translatedText": [copy_expected(t, "az") for t in ("Shusha.", "Stepanakert.")]
    }


def test_report_lists_the_names(url):
    got = httpx.post(
        f"{url}/translate", json={"q": ARTICLE, "source": "en", "target": "ru", "report": True}
    ).json()
    report = got["report"]
    assert report["entities"] == report["preserved"] == 2
    assert report["normalized"] == 1  # Shusha is a variant
    assert set(report["by_entity"]) == {"shushi", "stepanakert"}
    assert report["ok"] is True


def test_html_keeps_markup_code_and_urls(url):
    html = (
        '<p class="Shusha">Shusha <b>is</b> near <a href="https://x.org/Shusha">Stepanakert</a>'
        "&amp; <code>Shusha</code></p><pre>Shusha</pre><script>var Shusha;</script>"
        "<p>See https://example.org/Shusha today.</p>"
    )
    got = httpx.post(
        f"{url}/translate", json={"q": html, "source": "en", "target": "hy", "format": "html"}
    ).json()["translatedText"]
    hy = load_glossaries().get("shushi").names["hy"]
    expected = (
        f'<p class="Shusha">{hy} <b>is</b> near <a href="https://x.org/Shusha">'
        f"{copy_expected('Stepanakert', 'hy')}</a>&amp; <code>Shusha</code></p>"
        "<pre>Shusha</pre><script>var Shusha;</script>"
        "<p>See https://example.org/Shusha today.</p>"
    )
    assert got == expected


@pytest.mark.parametrize(
    ("payload", "status", "says"),
    [
        ({"source": "en", "target": "hy"}, 400, "missing q"),
        ({"q": "x", "target": "hy"}, 400, "missing source"),
        ({"q": "x", "source": "en"}, 400, "missing target"),
        ({"q": "x", "source": "en", "target": "fr"}, 400, "en → fr"),
        ({"q": "x", "source": "en", "target": "hy", "format": "pdf"}, 400, "format"),
        ({"q": [1, 2], "source": "en", "target": "hy"}, 400, "list of strings"),
    ],
)
def test_translate_errors_are_libretranslate_json(url, payload, status, says):
    got = httpx.post(f"{url}/translate", json=payload)
    assert got.status_code == status
    assert set(got.json()) == {"error"}
    assert says in got.json()["error"]


def test_bad_json_and_unknown_paths(url):
    bad = httpx.post(f"{url}/translate", content=b"{", headers={"content-type": "application/json"})
    assert bad.status_code == 400 and "JSON" in bad.json()["error"]
    assert httpx.get(f"{url}/nowhere").json() == {"error": "Not Found"}
    assert httpx.get(f"{url}/translate").status_code == 405
    page = httpx.get(f"{url}/")  # the editor page, from the package
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]


def test_normalize_reports_offsets(url):
    text = "Officials in Shousha and Stepanakert."
    body = httpx.post(f"{url}/normalize", json={"text": text, "lang": "en"}).json()
    (change,) = body["changes"]
    assert text[change["start"] : change["end"]] == change["old"] == "Shousha"
    assert change["id"] == "shushi"
    assert body["text"] == text.replace("Shousha", change["new"])
    assert change["new"] == load_glossaries().get("shushi").names["en"]


def test_a_request_can_ask_for_a_naming_style(url):
    text = "Officials in Stepanakert and Khankendi."
    default = httpx.post(f"{url}/normalize", json={"text": text}).json()
    styled = httpx.post(
        f"{url}/normalize", json={"text": text, "style": "azerbaijani-press"}
    ).json()
    expected = load_glossaries(style="azerbaijani-press").get("stepanakert").names["en"]
    assert styled["text"] == f"Officials in {expected} and {expected}."
    assert styled["text"] != default["text"]
    bad = httpx.post(f"{url}/normalize", json={"text": text, "style": "nowhere"})
    assert bad.status_code == 400 and "unknown style 'nowhere'" in bad.json()["error"]


def test_translit_and_glossary_search(url):
    got = httpx.post(f"{url}/translit", json={"text": "Հովհաննիսյան", "to": "latn"})
    assert got.json() == {"text": "Hovhannisyan"}
    bad = httpx.post(f"{url}/translit", json={"text": "x", "to": "klingon"})
    assert bad.status_code == 400
    ru = load_glossaries().get("shushi").names["ru"]
    found = httpx.get(f"{url}/glossary/search", params={"q": ru}).json()["entries"]
    assert found[0]["id"] == "shushi" and found[0]["exact"]


def test_settings_styles_and_health(url):
    from onoma.glossary.load import style_names

    settings = httpx.get(f"{url}/frontend/settings").json()
    assert settings["keyRequired"] is False and settings["charLimit"] == -1
    assert settings["styles"] == style_names() == httpx.get(f"{url}/styles").json()
    assert {"source", "target"} <= set(settings["language"])
    assert httpx.get(f"{url}/health").json()["status"] == "ok"


def test_an_exception_gives_json_500_and_the_server_goes_on(server, monkeypatch):
    url, app = server

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(app.state.api.engine, "normalize", broken)
    got = httpx.post(f"{url}/normalize", json={"text": "Shusha"})
    assert got.status_code == 500 and "RuntimeError" in got.json()["error"]
    monkeypatch.undo()
    assert httpx.post(f"{url}/normalize", json={"text": "Shusha"}).status_code == 200


def test_100_concurrent_requests_each_get_their_own_answer(url):
    names = ["Shusha", "Stepanakert", "Shoushi"]
    texts = [f"Report {i}: {names[i % 3]} on day {i}." for i in range(100)]
    targets = ["hy", "az", "ru"]

    async def run() -> list[httpx.Response]:
        async with httpx.AsyncClient(base_url=url, timeout=60) as http:
            return await asyncio.gather(
                *(
                    http.post("/translate", json={"q": t, "source": "en", "target": targets[i % 3]})
                    for i, t in enumerate(texts)
                )
            )

    answers = asyncio.run(run())
    assert [a.status_code for a in answers] == [200] * 100
    got = [a.json()["translatedText"] for a in answers]
    assert got == [copy_expected(t, targets[i % 3]) for i, t in enumerate(texts)]
