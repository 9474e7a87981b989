"""Load glossary files (YAML) into :class:`Glossary` objects, with file:line errors.

The rule for several files: the glossaries shipped with onoma form the first layer,
the files given by the user (``--glossary PATH``, files or folders) the second. A
user entry whose id is also a built-in id replaces the built-in entry; every other
entry is added. Ids repeated inside one layer are kept and reported by lint.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

from onoma.errors import GlossaryError, OnomaError
from onoma.glossary.model import ENTRY_TYPES, LANG_CODE, Entry, Glossary, Origin

GLOSSARY_SUFFIXES = (".yaml", ".yml")
ENTRY_KEYS = ("id", "type", "names", "variants", "case_sensitive", "review", "note")


def builtin_glossary_dir() -> Path:
    """The folder of glossaries shipped inside the package."""
    return Path(str(resources.files("onoma") / "data" / "glossaries"))


def glossary_files(paths: Iterable[Path | str]) -> list[Path]:
    """Expand files and folders into the glossary files they hold (``*.yaml``, ``*.yml``;
    hidden files and folders inside a folder are skipped), each file once.

    A path that does not exist, or a folder without any glossary file, is an error."""
    from onoma.files import iter_text_files

    found: list[Path] = []
    seen: set[str] = set()
    for raw in paths:
        folder = Path(raw).is_dir()
        files = list(iter_text_files([raw], GLOSSARY_SUFFIXES))
        if folder and not files:
            raise OnomaError(f"no *.yaml files in {raw}")
        for path in files:
            if not path.exists():
                raise GlossaryError(path, "no such file or folder")
            key = os.path.realpath(path)
            if key not in seen:
                seen.add(key)
                found.append(path)
    return found


def load_glossaries(paths: Iterable[Path | str] = (), *, builtin: bool = True) -> Glossary:
    """Load the built-in glossaries (unless ``builtin`` is false) and then ``paths``."""
    layers = []
    if builtin:
        layers.append(load_files(glossary_files([builtin_glossary_dir()])))
    user_files = glossary_files(paths)
    if user_files:
        layers.append(load_files(user_files))
    return Glossary.combine(layers)


def load_files(files: Iterable[Path]) -> Glossary:
    """Load several glossary files as one layer, in order."""
    entries: list[Entry] = []
    for path in files:
        entries.extend(load_file(path).entries)
    return Glossary(entries)


def load_file(path: Path | str) -> Glossary:
    """Load one glossary file: a YAML list of entries."""
    from onoma.glossary.yamltext import parse_entries, read_glossary_text

    text, _bom = read_glossary_text(path)
    return Glossary(parse_entries(text, path))


def _line_of(container: Any, key: Any) -> int:
    """1-based line of an item of a ruamel sequence or the value of a mapping key."""
    lc = getattr(container, "lc", None)
    if lc is None:
        return 0
    try:
        line = lc.item(key)[0] if isinstance(key, int) else lc.value(key)[0]
    except (KeyError, IndexError, TypeError):
        line = lc.line
    return line + 1


def _string(value: Any, path: Path, line: int, what: str) -> str:
    if not isinstance(value, str):
        raise GlossaryError(path, f"{what} must be a string, not {_kind(value)}", line)
    if not value.strip():
        raise GlossaryError(path, f"{what} is empty", line)
    return str(value)


def _kind(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def parse_entry(item: Any, path: Path, line: int) -> Entry:
    """Check one YAML mapping and turn it into an :class:`Entry`."""
    if not isinstance(item, dict):
        raise GlossaryError(path, f"an entry must be a mapping, not {_kind(item)}", line)
    unknown = [key for key in item if key not in ENTRY_KEYS]
    if unknown:
        raise GlossaryError(
            path,
            f"unknown field {unknown[0]!r} (fields: {', '.join(ENTRY_KEYS)})",
            _line_of(item, unknown[0]),
        )
    if "id" not in item:
        raise GlossaryError(path, "entry has no 'id'", line)
    entry_id = _string(item["id"], path, _line_of(item, "id"), "'id'")
    entry_type = item.get("type", "other")
    if entry_type not in ENTRY_TYPES:
        raise GlossaryError(
            path,
            f"entry {entry_id!r}: type {entry_type!r} is not one of {', '.join(ENTRY_TYPES)}",
            _line_of(item, "type"),
        )
    lines: dict[str, int] = {}
    names_raw = item.get("names")
    if not isinstance(names_raw, dict) or not names_raw:
        raise GlossaryError(
            path, f"entry {entry_id!r}: 'names' must map language codes to names", line
        )
    names: dict[str, str] = {}
    for lang, value in names_raw.items():
        field_line = _line_of(names_raw, lang)
        _check_lang(lang, path, field_line, entry_id)
        names[lang] = _string(value, path, field_line, f"entry {entry_id!r}: names.{lang}")
        lines[f"names.{lang}"] = field_line
    variants: dict[str, tuple[str, ...]] = {}
    variants_raw = item.get("variants") or {}
    if not isinstance(variants_raw, dict):
        raise GlossaryError(
            path,
            f"entry {entry_id!r}: 'variants' must map language codes to lists",
            _line_of(item, "variants"),
        )
    strings: list[str] = []
    for lang, values in variants_raw.items():
        field_line = _line_of(variants_raw, lang)
        _check_lang(lang, path, field_line, entry_id)
        if isinstance(values, str):
            # Read as a list of one, so that normalization still works; lint reports it,
            # since "en: Shusha, Shoushi" is one variant with a comma, not two.
            values = [values]
            strings.append(lang)
        if not isinstance(values, list):
            raise GlossaryError(
                path, f"entry {entry_id!r}: variants.{lang} must be a list", field_line
            )
        texts = []
        for i, value in enumerate(values):
            value_line = _line_of(values, i) if hasattr(values, "lc") else field_line
            texts.append(_string(value, path, value_line, f"entry {entry_id!r}: variants.{lang}"))
            lines[f"variants.{lang}.{i}"] = value_line
        variants[lang] = tuple(texts)
    flags = {}
    for flag in ("case_sensitive", "review"):
        value = item.get(flag, False)
        if not isinstance(value, bool):
            raise GlossaryError(
                path, f"entry {entry_id!r}: {flag} must be true or false", _line_of(item, flag)
            )
        flags[flag] = value
    note = item.get("note")
    if note is not None:
        note = _string(note, path, _line_of(item, "note"), f"entry {entry_id!r}: note")
    lines["id"] = _line_of(item, "id")
    return Entry(
        id=entry_id,
        type=str(entry_type),
        names=names,
        variants=variants,
        note=note,
        origin=Origin(path, line),
        lines=lines,
        string_variants=tuple(strings),
        **flags,
    )


def _check_lang(lang: Any, path: Path, line: int, entry_id: str) -> None:
    if not isinstance(lang, str) or not LANG_CODE.match(lang):
        raise GlossaryError(
            path, f"entry {entry_id!r}: {lang!r} is not a language code such as en, hy, ru", line
        )
