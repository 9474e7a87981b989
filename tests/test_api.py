"""The library surface: ``import onoma`` is light, names resolve on first use."""

from __future__ import annotations

import subprocess
import sys

import pytest

import onoma


def test_normalize_text_from_the_package():
    result = onoma.normalize_text("Artstrun Hovhanissyan visited Shusha.")
    assert result.text == "Artsrun Hovhannisyan visited Shushi."
    assert [c.id for c in result.changes] == ["artsrun", "hovhannisyan", "shushi"]


def test_normalizer_with_a_loaded_glossary(tmp_path):
    path = tmp_path / "style.yaml"
    path.write_text("- id: shushi\n  names: {en: Shusha}\n  variants: {en: [Shushi]}\n")
    normalizer = onoma.Normalizer(onoma.load_glossaries([path]), "en")
    assert normalizer.normalize("Shushi").text == "Shusha"


def test_unknown_attribute_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        onoma.nope  # noqa: B018


def test_import_onoma_loads_no_dependency():
    code = "import sys, onoma; print(sorted(m for m in sys.modules if m.startswith('onoma')))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "['onoma']"
