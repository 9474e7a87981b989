"""The pure pieces of the server: script-based detection, HTML text nodes, the rate
limiter."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from onoma.serve.detect import detect_language
from onoma.serve.limits import RateLimiter
from onoma.serve.markup import split_html, translate_html


def test_detect_tells_the_scripts_apart():
    assert detect_language("Ильхам Алиев")[0]["language"] == "ru"
    assert detect_language("Илһам Әлијев")[0]["language"] == "az"
    assert detect_language("İlham Əliyev")[0]["language"] == "az"
    assert detect_language("Ilham Aliyev")[0]["language"] == "en"
    assert detect_language("Իլհամ Ալիև")[0]["language"] == "hy"
    mixed = detect_language("Շուշի քաղաք Shusha")
    assert [d["language"] for d in mixed] == ["hy", "en"]
    assert mixed[0]["confidence"] + mixed[1]["confidence"] == 100.0
    assert detect_language("123 !")[0]["confidence"] == 0.0


@given(st.text(alphabet="<>/ab &;#x=\"'!-pcode", max_size=60))
def test_split_html_gives_the_input_back(html):
    assert "".join(text for text, _ in split_html(html)) == html


def test_translate_html_skips_kept_elements_and_keeps_spacing():
    html = "<div> one <pre>two <b>three</b></pre> four\n<style>p{}</style><br>five</div>"
    out = translate_html(html, lambda texts: [t.upper() for t in texts])
    assert out == "<div> ONE <pre>two <b>three</b></pre> FOUR\n<style>p{}</style><br>FIVE</div>"


def test_rate_limiter_window():
    limiter = RateLimiter(2, window=0.05)
    assert [limiter.allow("a") for _ in range(3)] == [True, True, False]
    assert limiter.allow("b")
    import time

    time.sleep(0.06)
    assert limiter.allow("a")
