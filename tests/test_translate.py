"""Translation through the real stack: Argos packages built at test time, installed in a
temporary ARGOS_PACKAGES_DIR, run by CTranslate2 and SentencePiece (no downloads)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from argos_factory import (
    RUSSIAN_TEXT,
    TRANSLATOR_PAIRS,
    copy_expected,
    install_packages,
    seed_text,
)
from conftest import sample_glossary

from onoma.glossary.model import Entry, Glossary
from onoma.translation import engine
from onoma.translation.api import Translator, translate_text
from onoma.translation.engine import MissingModelError, ModelError

pytestmark = pytest.mark.slow

FORMS = {"hy": "Շուշի", "az": "Şuşa", "ru": "Шуши"}
PLACEHOLDER = re.compile(r"\[\s*\d+\s*\]")


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("argos")


@pytest.fixture(scope="module")
def copies(workdir) -> Path:
    """Copy models en→hy, en→az, en→ru and ru→en."""
    pairs = [("en", "hy"), ("en", "az"), ("en", "ru"), ("ru", "en")]
    return install_packages(workdir / "copies", workdir, pairs)


@pytest.fixture(scope="module")
def garbled(workdir) -> Path:
    """An en→hy model that turns digits and brackets into x: placeholders never survive."""
    return install_packages(workdir / "garbled", workdir, [("en", "hy")], kind="garble")


@pytest.fixture(scope="module")
def translator_pkgs(workdir) -> Path:
    """An en→az model that writes 'continue' for 'Thursday' and 'who' for 'said'."""
    return install_packages(workdir / "translator", workdir, [("en", "az")], kind="translator")


@pytest.fixture
def use(monkeypatch):
    def use(root: Path) -> Path:
        monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(root))
        return root

    return use


@pytest.fixture
def calls(monkeypatch) -> list[int]:
    """The number of sentences of each call to the model (one entry per batch call)."""
    seen: list[int] = []
    original = engine.Model.translate

    def spy(self, texts, **kwargs):
        seen.append(len(texts))
        return original(self, texts, **kwargs)

    monkeypatch.setattr(engine.Model, "translate", spy)
    return seen


@pytest.mark.parametrize("lang", ["hy", "az", "ru"])
def test_seed_article_keeps_layout_and_every_name(copies, use, calls, lang):
    use(copies)
    text = seed_text()
    result = translate_text(text, to=lang, beam_size=1)
    assert result.text == copy_expected(text, lang)
    assert result.text.startswith(" date 2020-11-05 ")
    src_lines, out_lines = text.split("\n"), result.text.split("\n")
    assert len(out_lines) == len(src_lines)
    assert [not line for line in out_lines] == [not line for line in src_lines]
    assert result.text.count(FORMS[lang]) == 8
    assert not PLACEHOLDER.search(result.text)
    report = result.report
    assert (report.sentences, report.entities, report.preserved) == (14, 39, 39)
    assert report.ok and report.fallback == [] and report.normalized == 3
    assert report.by_entity["shushi"] == 8 and report.by_entity["artsrun"] == 1
    assert result.route == ["en", lang] and result.seconds > 0
    assert calls == [14]  # the whole document in one translate_batch call


def test_pivot_through_english(copies, use, calls):
    use(copies)
    result = Translator("hy", source="ru", beam_size=1).translate(RUSSIAN_TEXT)
    assert result.route == ["ru", "en", "hy"]
    assert result.text == copy_expected(RUSSIAN_TEXT, "hy", source="ru")
    assert "Պաշտպանության նախարարություն" in result.text and "Քարին Տակ" in result.text
    assert result.report.ok and result.report.entities == 14
    assert calls == [3, 3]  # one batch per leg


def test_model_that_garbles_placeholders_falls_back_to_pieces(garbled, use, calls):
    use(garbled)
    text = seed_text()
    result = translate_text(text, to="hy", beam_size=1)
    report = result.report
    assert report.entities == report.preserved == 39
    assert len(report.fallback) == 13  # every sentence with a name; one has none
    first = report.fallback[0]
    assert first.line == 1 and first.text.startswith("Armenia’s Defense Ministry")
    assert first.reason
    assert [f.line for f in report.fallback][-1] == 21
    assert not PLACEHOLDER.search(result.text)
    assert result.text.startswith(
        " date 2020-11-05 Հայաստան Պաշտպանության նախարարություն on Thursday said"
    )
    assert result.text.count("Շուշի") == 8
    assert "keepx Շուշի x invincible" in result.text  # glued pieces kept apart
    assert "As aerial attacks continued" in result.text  # a sentence without names
    assert calls[0] == 14 and len(calls) == 2  # the document, then every piece at once


def test_tiny_translator_with_a_known_answer(translator_pkgs, use):
    use(translator_pkgs)
    text = seed_text()
    result = translate_text(text, to="az", beam_size=2)
    expected = copy_expected(text, "az")
    for source, target in TRANSLATOR_PAIRS.items():
        expected = re.sub(rf"(?<= ){source[1:]}\b", target[1:], expected)
    assert result.text == expected
    assert "Thursday" not in result.text and " continue" in result.text
    assert result.report.ok and not result.report.fallback


def test_default_beam_search(copies, use):
    use(copies)
    result = translate_text("Artsakh President Arayik Harutyunyan visited Shusha.", to="ru")
    assert result.text == "Арцах President Араик Арутюнян visited Шуши."
    assert result.report.normalized == 1


def test_markdown_structure_survives(copies, use):
    use(copies)
    doc = (
        "# News from Shushi\n\n"
        "- Seyran Ohanyan in Shushi.\n"
        "> Quote from Artsakh.\n\n"
        "```\nShushi stays here\n```\n\n"
        "| Who | Where |\n|---|---|\n| Seyran | Shushi |\n\n"
        "Code `Shushi` and https://example.am/Shushi stay.\n"
    )
    out = translate_text(doc, to="ru", beam_size=1).text
    assert out == (
        "# News from Шуши\n\n"
        "- Сейран Оганян in Шуши.\n"
        "> Quote from Арцах.\n\n"
        "```\nShushi stays here\n```\n\n"
        "| Who | Where |\n|---|---|\n| Сейран | Шуши |\n\n"
        "Code `Shushi` and https://example.am/Shushi stay.\n"
    )


def test_hard_wrapped_paragraph_is_rewrapped_and_crlf_kept(copies, use):
    use(copies)
    doc = "Karin Tak is near\r\nShushi and Karin Tak.\r\n\r\nEnd.\r\n"
    out = translate_text(doc, to="hy", beam_size=1).text
    assert out.endswith("\r\n\r\nEnd.\r\n")
    first = out.split("\r\n\r\n")[0]
    assert first.replace("\r\n", " ") == "Քարին Տակ is near Շուշի and Քարին Տակ."
    assert all(len(line) <= len("Shushi and Karin Tak.") + 12 for line in first.split("\r\n"))
    assert "\n" not in out.replace("\r\n", "")


def test_no_normalize_protects_curated_names_only(copies, use):
    use(copies)
    result = translate_text("Artstrun Hovhanissyan visited Shushi.", to="ru", normalize=False)
    assert result.text == "Artstrun Hovhanissyan visited Шуши."
    assert (result.report.entities, result.report.normalized) == (1, 0)


def test_name_without_target_form_is_reported(copies, use):
    use(copies)
    glossary = Glossary(
        [*sample_glossary(), Entry("gyumri", "place", {"en": "Gyumri", "hy": "Գյումրի"})]
    )
    result = translate_text("Gyumri and Shushi.", to="az", glossary=glossary, beam_size=1)
    used = result.report.no_target_form["gyumri"]
    assert result.text == f"{used} and Şuşa."
    assert result.report.ok


def test_missing_model_is_reported_before_any_work(tmp_path, use):
    use(tmp_path / "empty")
    with pytest.raises(MissingModelError, match="onoma models install en az"):
        Translator("az")
    with pytest.raises(MissingModelError, match=r"import-opus-mt .*--from en --to hy"):
        Translator("hy")
    with pytest.raises(MissingModelError) as info:
        Translator("hy", source="ru")
    assert info.value.missing == [("ru", "en"), ("en", "hy")]


def test_same_language_only_normalizes(tmp_path, use):
    use(tmp_path / "empty")
    result = translate_text("Artstrun visited Shusha.", to="en", source="en")
    assert result.text == "Artsrun visited Shushi." and result.route == ["en"]


def test_code_urls_and_addresses_are_not_normalized(copies, use):
    use(copies)
    text = "Run `grep Shusha file` on https://x.am/Shusha, mail shusha@x.am in Shusha.\n"
    result = translate_text(text, to="ru", beam_size=1)
    assert result.text == text.replace("in Shusha", "in Шуши")
    assert result.report.normalized == 1 and result.report.ok
    same = translate_text(text, to="en", source="en")
    assert same.text == text.replace("in Shusha", "in Shushi")
    assert same.report.normalized == 1


def test_models_are_cached_per_process(copies, use):
    use(copies)
    first = Translator("ru", beam_size=1)
    second = Translator("ru", beam_size=2)
    assert first.models[0] is second.models[0]


def test_broken_package_is_a_clear_error(copies, use, tmp_path):
    import shutil

    root = use(tmp_path / "broken")
    shutil.copytree(copies, root)
    (next(root.glob("*az*")) / "sentencepiece.model").unlink()
    engine.clear_models()
    with pytest.raises(ModelError, match=r"no sentencepiece\.model"):
        Translator("az")


def test_bpe_package_is_refused_by_the_engine(copies, use, tmp_path):
    import shutil

    root = use(tmp_path / "bpe")
    shutil.copytree(copies, root)
    folder = next(root.glob("*az*"))
    (folder / "sentencepiece.model").rename(folder / "bpe.model")
    engine.clear_models()
    with pytest.raises(ModelError, match=r"no sentencepiece\.model \(BPE packages are not"):
        Translator("az")


def test_onoma_translate_is_the_library_function(copies, use):
    use(copies)
    import onoma
    import onoma.translation.engine

    assert onoma.translate("Shushi.", to="az", beam_size=1).text == "Şuşa."


@pytest.mark.parametrize("labels", [(), ("hye",)])
def test_opus_mt_import_decodes_with_target_spm_and_prefix_token(tmp_path, use, labels):
    from package_files import build_opus_mt_release

    from onoma.translation.opus_mt import import_opus_mt

    use(tmp_path / "pkgs")
    release = build_opus_mt_release(tmp_path / "release", labels=labels)
    import_opus_mt(release, "en", "hy", target_token=labels[0] if labels else None)
    translator = Translator("hy", beam_size=1)
    [model] = translator.models
    assert model.target_sp is not model.source_sp
    assert model.source_prefix == (">>hye<<" if labels else None)
    assert all(t[0] == ">>hye<<" for t in model.encode(["hello world"])) == bool(labels)
    result = translator.translate("Yerevan is the capital of Armenia.")
    assert "Հայաստան" in result.text and result.report.ok  # random weights: by fallback


def test_protected_names_are_transliterated_into_the_target_script(copies, use):
    use(copies)
    from onoma.translation.api import Translator

    text = "Stepanakert and Shushi."
    # The sample article's glossary, which has no Stepanakert: only --protect-names keeps it.
    sample = sample_glossary()
    hy = Translator("hy", beam_size=1, protect=["Stepanakert"], glossary=sample).translate(text)
    assert hy.text == "Ստեփանակերտ and Շուշի."
    assert hy.report.entities == hy.report.preserved == 2
    ru = Translator("ru", beam_size=1, protect=["Stepanakert"], glossary=sample).translate(text)
    assert ru.text == "Степанакерт and Шуши."
    unprotected = Translator("ru", beam_size=1, glossary=sample).translate(text)
    assert unprotected.text == "Stepanakert and Шуши."


def test_a_sentence_longer_than_the_model_goes_in_parts(copies, use):
    use(copies)
    sentence = " ".join(["the ministry said that talks would continue"] * 60) + " in Shusha."
    result = translate_text(sentence, to="ru", beam_size=1)
    assert result.text == sentence.replace("Shusha", "Шуши")
    assert result.report.ok


def test_split_pieces_cuts_between_words():
    from onoma.translation.engine import split_pieces

    pieces = ["▁a", "b", "c", "▁d", "e", "▁f", "g", "h", "▁i"]
    parts = split_pieces(pieces, 4)
    assert [p for part in parts for p in part] == pieces
    assert all(len(part) <= 4 for part in parts)
    assert all(part[0].startswith("▁") for part in parts[1:])
    assert split_pieces(["x"] * 9, 4) == [["x"] * 4, ["x"] * 4, ["x"]]


def test_every_part_of_a_long_sentence_carries_the_language_token():
    from types import SimpleNamespace

    from onoma.translation.engine import MAX_INPUT_PIECES, Model

    class WordPieces:  # one piece per word, as SentencePiece would mark them
        def encode(self, texts, out_type=str):
            return [["▁" + word for word in text.split()] for text in texts]

        def decode_pieces(self, pieces):
            return "".join(pieces)

    sent = []

    class Copier:
        def translate_batch(self, tokens, **options):
            sent.extend(tokens)
            return [SimpleNamespace(hypotheses=[[p for p in t if p != ">>hye<<"]]) for t in tokens]

    pieces = WordPieces()
    model = Model(Path("."), "en", "hy", Copier(), pieces, pieces, source_prefix=">>hye<<")
    sentence = " ".join(f"w{i}" for i in range(450))
    assert model.translate([sentence]) == [sentence]
    assert len(sent) == 3
    assert all(part[0] == ">>hye<<" and len(part) <= MAX_INPUT_PIECES for part in sent)


def test_a_word_longer_than_a_part_is_joined_back_without_spaces(copies, use):
    use(copies)
    sentence = "Shusha " + "x" * 3000 + " Hovhanissyan said."
    result = translate_text(sentence, to="ru", beam_size=1)
    assert result.text == "Шуши " + "x" * 3000 + " Ованнисян said."


def test_onoma_threads_must_be_a_positive_number(monkeypatch):
    from onoma.translation import engine

    monkeypatch.setenv("ONOMA_THREADS", "3")
    assert engine.threads() == 3
    monkeypatch.delenv("ONOMA_THREADS")
    assert 1 <= engine.threads() <= 16
    for bad in ("abc", "0", "-2"):
        monkeypatch.setenv("ONOMA_THREADS", bad)
        with pytest.raises(engine.ModelError, match="is not a positive number of threads"):
            engine.threads()
