"""Glossary YAML text: reading files and checking entries exactly as the loader does.

The tools that rewrite glossaries work on text (to keep comments and layout), and
check every text they produce with :func:`parse_entries` before writing it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from onoma.errors import GlossaryError, InputError
from onoma.glossary.model import Entry


def read_glossary_text(path: Path | str) -> tuple[str, bool]:
    """The text of a glossary file (UTF-8, BOM removed) and whether it had a BOM."""
    from onoma.files import read_text_file

    try:
        text_file = read_text_file(path, skipped=False)  # a bad glossary stops the run
    except InputError as exc:
        raise GlossaryError(path, exc.message) from None
    return text_file.text, text_file.bom


def load_yaml_text(text: str, path: Path, *, compose: bool = False) -> Any:
    """Parse YAML text (round-trip loader) or compose its node tree; errors name file:line."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        yaml = YAML(typ="rt")
        return yaml.compose(text) if compose else yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = " ".join(str(exc.problem or exc.context or "invalid YAML").split())
        raise GlossaryError(path, f"invalid YAML: {problem}", line) from None
    except YAMLError as exc:
        raise GlossaryError(path, f"invalid YAML: {exc}") from None


def parse_entries(text: str, path: Path | str) -> list[Entry]:
    """Check glossary text the way the loader does and return its entries."""
    from onoma.glossary.load import _line_of, parse_entry

    path = Path(path)
    data = load_yaml_text(text, path)
    if data is None:
        return []
    if not isinstance(data, list):
        raise GlossaryError(path, "a glossary must be a YAML list of entries", 1)
    return [parse_entry(item, path, _line_of(data, i)) for i, item in enumerate(data)]
