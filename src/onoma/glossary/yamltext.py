"""Glossary YAML text: reading files, parsing YAML and checking entries, with file:line
errors.

These are the rules every glossary text is held to: :mod:`onoma.glossary.load` reads
files with them, and the tools that rewrite glossaries (which work on text, to keep
comments and layout) check every text they produce with :func:`parse_entries` before
writing it.
"""

from __future__ import annotations

import functools
from pathlib import Path
from sys import intern
from typing import Any

from onoma.errors import GlossaryError, InputError
from onoma.glossary.model import ENTRY_TYPES, LANG_CODE, Entry, Origin

ENTRY_KEYS = (
    "id", "type", "names", "variants", "gender", "indeclinable", "forms",
    "case_sensitive", "review", "note",
)  # fmt: skip
MAX_FORM = 200
"""Longest id, name or variant, in characters: names are short, and the matcher must
never be handed a megabyte-long pattern."""
MAX_NOTE = 10_000


def read_glossary_text(path: Path | str) -> tuple[str, bool]:
    """The text of a glossary file (UTF-8, BOM removed) and whether it had a BOM."""
    from onoma.text.files import read_text_file

    try:
        text_file = read_text_file(path, skipped=False)  # a bad glossary stops the run
    except InputError as exc:
        raise GlossaryError(path, exc.message) from None
    return text_file.text, text_file.bom


def load_yaml_text(text: str, path: Path, *, compose: bool = False) -> Any:
    """Parse YAML text (round-trip loader) or compose its node tree; errors name file:line."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    from onoma.glossary.fastyaml import check_yaml_bounds
    from onoma.glossary.roundtrip import round_trip_yaml

    check_yaml_bounds(text, path)
    try:
        yaml = round_trip_yaml()
        return yaml.compose(text) if compose else yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = " ".join(str(exc.problem or exc.context or "invalid YAML").split())
        raise GlossaryError(path, f"invalid YAML: {problem}", line) from None
    except YAMLError as exc:
        raise GlossaryError(path, f"invalid YAML: {exc}") from None


def parse_entries(text: str, path: Path | str, *, fast: bool = False) -> list[Entry]:
    """Check glossary text the way the loader does and return its entries.

    ``fast`` parses with libyaml (:mod:`onoma.glossary.fastyaml`), several times faster,
    for callers that need values and lines but not comments, and a file in the layout
    ``fmt`` writes faster still (:mod:`onoma.glossary.canonical`); the checks are the
    same."""
    path = Path(path)
    if fast:
        from onoma.glossary.canonical import load_canonical
        from onoma.glossary.fastyaml import load_yaml_fast

        def entry(item: Any, line: int) -> Any:
            return parse_entry(item, path, line) if isinstance(item, dict) else item

        # Mappings are checked as they are read. A check that fails in a canonical file
        # fails the same way in libyaml's reading: its error stands.
        data = load_canonical(text, each=entry)
        if data is None:
            data = load_yaml_fast(text, path, each=entry)
        if isinstance(data, list):
            return [
                item if isinstance(item, Entry) else parse_entry(item, path, _line_of(data, i))
                for i, item in enumerate(data)
            ]
    else:
        data = load_yaml_text(text, path)
    if data is None:
        return []
    if not isinstance(data, list):
        raise GlossaryError(path, "a glossary must be a YAML list of entries", 1)
    return [parse_entry(item, path, _line_of(data, i)) for i, item in enumerate(data)]


def _line_map(container: Any) -> Any:
    """The 0-based lines of the items of a container the YAML readers made (a list or a
    dict, see :class:`onoma.glossary.fastyaml.LineDict`), or None for a plain value."""
    lc = getattr(container, "lc", None)
    return getattr(lc, "lines", None)


def _line_in(container: Any, lines: Any, key: Any) -> int:
    """1-based line of ``container[key]``, from :func:`_line_map` when it knows it."""
    if lines is not None:
        try:
            return lines[key] + 1
        except (KeyError, IndexError, TypeError):
            pass
    return _line_of(container, key)


@functools.lru_cache(maxsize=4096)
def _field(*parts: str | int) -> str:
    """A field path of :attr:`Entry.lines` (``variants.en.1``): one string for all
    entries, made once."""
    return intern(".".join(map(str, parts)))


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


def _string(value: Any, path: Path, line: int, what: str, limit: int = MAX_FORM) -> str:
    if not isinstance(value, str):
        raise GlossaryError(path, f"{what} must be a string, not {_kind(value)}", line)
    if not value.strip():
        raise GlossaryError(path, f"{what} is empty", line)
    if len(value) > limit:
        raise GlossaryError(
            path, f"{what} is {len(value):,} characters long (at most {limit:,})", line
        )
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
    id_line = _line_of(item, "id")
    entry_id = _string(item["id"], path, id_line, "'id'")
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
    names_lines = _line_map(names_raw)
    for lang, value in names_raw.items():
        field_line = _line_in(names_raw, names_lines, lang)
        _check_lang(lang, path, field_line, entry_id)
        lang = intern(lang)  # one string per language code and field path, not per entry
        names[lang] = _string(value, path, field_line, f"entry {entry_id!r}: names.{lang}")
        lines[_field("names", lang)] = field_line
    variants: dict[str, tuple[str, ...]] = {}
    variants_raw = item.get("variants") or {}
    if not isinstance(variants_raw, dict):
        raise GlossaryError(
            path,
            f"entry {entry_id!r}: 'variants' must map language codes to lists",
            _line_of(item, "variants"),
        )
    strings: list[str] = []
    variants_lines = _line_map(variants_raw)
    for lang, values in variants_raw.items():
        field_line = _line_in(variants_raw, variants_lines, lang)
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
        value_lines = _line_map(values)
        for i, value in enumerate(values):
            value_line = _line_in(values, value_lines, i) if hasattr(values, "lc") else field_line
            texts.append(_string(value, path, value_line, f"entry {entry_id!r}: variants.{lang}"))
            lines[_field("variants", lang, i)] = value_line
        variants[intern(lang)] = tuple(texts)
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
        note = _string(note, path, _line_of(item, "note"), f"entry {entry_id!r}: note", MAX_NOTE)
    lines["id"] = id_line
    declension = _declension_fields(item, path, entry_id)
    return Entry(
        id=entry_id,
        type=str(entry_type),
        names=names,
        variants=variants,
        note=note,
        origin=Origin(path, line),
        lines=lines,
        string_variants=tuple(strings),
        **declension,
        **flags,
    )


_NO_DECLENSION: dict[str, Any] = {"gender": None, "indeclinable": (), "case_forms": {}}


def _declension_fields(item: dict, path: Path, entry_id: str) -> dict[str, Any]:
    """``gender: m|f``, ``indeclinable: [LANG…]`` and ``forms: {LANG: {CASE: form}}``,
    checked for their shape (lint checks the case names and scripts)."""
    gender = item.get("gender")
    if gender is not None and gender not in ("m", "f"):
        raise GlossaryError(
            path, f"entry {entry_id!r}: gender must be m or f", _line_of(item, "gender")
        )
    raw = item.get("indeclinable") or []
    if not isinstance(raw, list) or not all(isinstance(lang, str) for lang in raw):
        raise GlossaryError(
            path,
            f"entry {entry_id!r}: indeclinable must be a list of language codes",
            _line_of(item, "indeclinable"),
        )
    for lang in raw:
        _check_lang(lang, path, _line_of(item, "indeclinable"), entry_id)
    forms_raw = item.get("forms") or {}
    if not forms_raw and not raw and gender is None:
        return _NO_DECLENSION
    forms: dict[str, dict[str, str]] = {}
    shape = f"entry {entry_id!r}: forms must map languages to {{case: form}}"
    if not isinstance(forms_raw, dict):
        raise GlossaryError(path, shape, _line_of(item, "forms"))
    for lang, by_case in forms_raw.items():
        _check_lang(lang, path, _line_of(forms_raw, lang), entry_id)
        if not isinstance(by_case, dict):
            raise GlossaryError(path, shape, _line_of(forms_raw, lang))
        forms[lang] = {
            str(case): _string(
                text, path, _line_of(by_case, case), f"entry {entry_id!r}: forms.{lang}.{case}"
            )
            for case, text in by_case.items()
        }
    return {"gender": gender, "indeclinable": tuple(raw), "case_forms": forms}


def _check_lang(lang: Any, path: Path, line: int, entry_id: str) -> None:
    if not isinstance(lang, str) or not LANG_CODE.match(lang):
        raise GlossaryError(
            path, f"entry {entry_id!r}: {lang!r} is not a language code such as en, hy, ru", line
        )
