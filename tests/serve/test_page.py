"""The editor page in a real browser (Chromium through Playwright) over the real server.

The server runs in a thread on an ephemeral port with the sample article's glossary and
copy-model packages (en → ru, en → hy) built at test time, so the translations hold the
glossary's target names and nothing is downloaded.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("playwright", reason="the browser tests need Playwright's Python package")

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.is_file():
    pytest.skip(
        "the browser tests need Chromium at /usr/bin/chromium (apt-get install chromium)",
        allow_module_level=True,
    )

from argos_factory import install_packages  # noqa: E402
from conftest import SAMPLE_FILES  # noqa: E402

pytestmark = pytest.mark.slow

STATIC = Path(__file__).resolve().parents[2] / "src" / "onoma" / "serve" / "static"
ARTICLE = (
    "Araik Harutyunyan visited Shushi on Thursday.\nArtstrun Hovhannisyan said Harutyunian left."
)
"""Two misspelt names (Araik, Artstrun) and one near miss left for review (Harutyunian)."""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of a running ``onoma serve`` application."""
    import uvicorn

    from onoma.serve.app import ServeSettings, create_app
    from onoma.serve.engine import GlossarySettings

    work = tmp_path_factory.mktemp("page")
    packages = install_packages(work / "packages", work, [("en", "ru"), ("en", "hy")])
    old = os.environ.get("ARGOS_PACKAGES_DIR")
    os.environ["ARGOS_PACKAGES_DIR"] = str(packages)
    settings = ServeSettings(
        glossary=GlossarySettings(SAMPLE_FILES, builtin=False), static_dir=STATIC
    )
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=0, log_level="warning")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not (uv.started and uv.servers):
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    port = uv.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        uv.should_exit = True
        thread.join(10)
        if old is None:
            os.environ.pop("ARGOS_PACKAGES_DIR", None)
        else:
            os.environ["ARGOS_PACKAGES_DIR"] = old


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM))
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser, server: str):
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(server + "/")
    page.wait_for_selector("#targets .target")
    yield page
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def test_normalize_highlights_each_change_with_its_entry(page, tmp_path: Path) -> None:
    page.fill("#article", ARTICLE)
    page.click("#normalize")
    page.wait_for_selector("#result:not([hidden])")
    marks = page.locator("#normalized mark.change")
    assert marks.count() == 2
    assert marks.nth(0).get_attribute("title") == "Araik → Arayik, entry arayik"
    assert marks.nth(1).get_attribute("title") == "Artstrun → Artsrun, entry artsrun"
    visible = page.evaluate(
        "() => { const n = document.getElementById('normalized').cloneNode(true);"
        " n.querySelectorAll('.visually-hidden').forEach(s => s.remove());"
        " return n.textContent; }"
    )
    assert visible == ARTICLE.replace("Araik", "Arayik").replace("Artstrun", "Artsrun")
    suggestions = page.locator("#suggestions li")
    assert suggestions.count() == 1
    assert "Harutyunian" in suggestions.first.inner_text()
    assert "Normalized: 2 changes, 1 to review" in page.inner_text("#status")
    page.screenshot(path=str(tmp_path / "normalized.png"), full_page=True)


def test_translations_side_by_side_mark_the_glossary_names(page, tmp_path: Path) -> None:
    page.check("#target-hy")
    page.check("#target-ru")
    page.fill("#article", ARTICLE)
    page.click("#translate")
    page.wait_for_function(
        "() => /^(Translated|\\S+:)/.test(document.getElementById('status').textContent)"
    )
    assert page.inner_text("#status").startswith("Translated"), page.inner_text("#status")
    page.wait_for_function(
        "() => document.getElementById('status').textContent.startsWith('Translated')"
    )
    ru = page.locator('#translations .column[data-lang="ru"]')
    hy = page.locator('#translations .column[data-lang="hy"]')
    assert "Араик" in ru.locator(".text").inner_text()
    ru_names = ru.locator("mark.name").all_inner_texts()
    hy_names = hy.locator("mark.name").all_inner_texts()
    assert {"Араик", "Арутюнян", "Арцрун"} <= set(ru_names)
    assert {"Արայիկ", "Արծրուն"} <= set(hy_names)
    assert "Latin" not in "".join(ru_names)
    assert ru.locator('mark[data-entry="arayik"]').count() == 1
    report = ru.locator(".report").inner_text()
    assert "names in their" in report
    boxes = [hy.bounding_box(), ru.bounding_box()]
    assert boxes[0] and boxes[1] and boxes[0]["x"] < boxes[1]["x"], "not side by side"
    page.screenshot(path=str(tmp_path / "translated.png"), full_page=True)


def test_keyboard_reaches_every_control_in_order_with_a_visible_focus(page) -> None:
    order = []
    for _ in range(9):
        page.keyboard.press("Tab")
        order.append(
            page.evaluate("() => document.activeElement.id || document.activeElement.textContent")
        )
    assert order[0] == "Skip to the article"
    wanted = ["article", "source", "fuzzy", "target-hy", "target-ru", "normalize"]
    assert [name for name in order if name in wanted] == wanted
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.focus("#article")
    page.keyboard.type(ARTICLE)
    page.focus("#normalize")
    page.keyboard.press("Enter")
    page.wait_for_selector("#normalized mark.change")
    page.focus("#normalized mark.change >> nth=0")
    tip = page.evaluate("() => getComputedStyle(document.activeElement, '::after').content")
    assert "entry arayik" in tip


def test_server_errors_are_shown_in_the_live_status(page) -> None:
    page.route(
        "**/normalize",
        lambda route: route.fulfill(
            status=400,
            content_type="application/json",
            body='{"error": "Invalid request: <b>bad</b> lang"}',
        ),
    )
    page.fill("#article", ARTICLE)
    page.click("#normalize")
    status = page.locator("#status")
    status.filter(has_text="bad").wait_for()
    assert status.get_attribute("aria-live") == "polite"
    assert "<b>bad</b>" in status.inner_text(), "server text must be shown as text"
    assert page.locator("#status b").count() == 0
    assert "error" in (status.get_attribute("class") or "")


def test_narrow_screen_has_no_horizontal_scroll(browser, server: str, tmp_path: Path) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    try:
        page.goto(server + "/")
        page.wait_for_selector("#targets .target")
        page.fill("#article", ARTICLE + " " + "Hovhannisyan" * 6)
        page.click("#translate")
        page.wait_for_selector("#translations .column")
        page.wait_for_function(
            "() => document.getElementById('status').textContent.startsWith('Translated')"
        )
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 320
        page.screenshot(path=str(tmp_path / "narrow.png"), full_page=True)
    finally:
        context.close()


def test_static_files_ship_with_the_package() -> None:
    from importlib.resources import files

    static = files("onoma.serve") / "static"
    for name in ("index.html", "style.css", "app.js"):
        assert (static / name).is_file(), name
