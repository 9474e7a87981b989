"""Load glossary files (YAML) into :class:`Glossary` objects, with file:line errors.

The rule for several files: the glossaries shipped with onoma form the first layer,
the files given by the user (``--glossary PATH``, files or folders) the second. A
user entry whose id is also a built-in id replaces the built-in entry; every other
entry is added. Ids repeated inside one layer are kept and reported by lint.

Each file is read and its entries checked by :mod:`onoma.glossary.yamltext`
(:func:`parse_entry` is available here too).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from onoma.errors import GlossaryError, OnomaError
from onoma.glossary.model import Entry, Glossary
from onoma.glossary.yamltext import parse_entries, read_glossary_text
from onoma.glossary.yamltext import parse_entry as parse_entry

GLOSSARY_SUFFIXES = (".yaml", ".yml")


def builtin_glossary_dir() -> Path:
    """The folder of glossaries shipped inside the package."""
    return Path(str(resources.files("onoma") / "data" / "glossaries"))


STYLES_DIR = "styles"


def builtin_glossary_files() -> list[Path]:
    """The built-in glossary files that load by default: every file of the built-in
    folder except the naming-style layers under ``styles/``, which are alternatives to
    the default entries (same ids) and load only when named."""
    folder = builtin_glossary_dir()
    return [
        path for path in glossary_files([folder]) if path.relative_to(folder).parts[0] != STYLES_DIR
    ]


def style_names() -> list[str]:
    """The naming styles shipped with onoma (folders under the built-in ``styles/``)."""
    folder = builtin_glossary_dir() / STYLES_DIR
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))


def style_files(name: str) -> list[Path]:
    """The glossary files of the built-in naming style ``name``; an unknown style is an
    error that lists the known ones."""
    names = style_names()
    if name not in names:
        known = ", ".join(names) or "none"
        raise OnomaError(f"unknown style {name!r}; the styles are: {known}")
    return glossary_files([builtin_glossary_dir() / STYLES_DIR / name])


def editable_builtin_dir() -> Path:
    """The built-in glossary folder (resolved) when it can be edited: in a source
    checkout, not an installed package, and writable. Raises OnomaError otherwise."""
    import sysconfig

    folder = builtin_glossary_dir().resolve()
    installed = {Path(sysconfig.get_path(key)).resolve() for key in ("purelib", "platlib")}
    inside = any(folder.is_relative_to(root) for root in installed) or bool(
        {"site-packages", "dist-packages"} & set(folder.parts)
    )
    if inside or not folder.is_dir() or not os.access(folder, os.W_OK):
        raise OnomaError(
            f"{folder}: the built-in glossaries are edited only in a source checkout, not "
            "in an installed onoma; pass --glossary FILE"
        )
    return folder


def glossary_files(paths: Iterable[Path | str]) -> list[Path]:
    """Expand files and folders into the glossary files they hold (``*.yaml``, ``*.yml``;
    hidden files and folders inside a folder are skipped), each file once.

    A path that does not exist, or a folder without any glossary file, is an error."""
    from onoma.text.files import iter_text_files

    found: list[Path] = []
    seen: set[str] = set()
    for raw in paths:
        folder = Path(raw).is_dir()
        files = list(iter_text_files([raw], GLOSSARY_SUFFIXES))
        if folder and not files:
            raise OnomaError(f"no *.yaml files in {raw}")
        for path in files:
            if not folder and not path.exists():
                # Named so: a mistake in the command. Met in a folder (a dangling link, a
                # loop), the read of the file says what it is, and fmt goes on.
                raise GlossaryError(path, "no such file or folder")
            key = os.path.realpath(path)
            if key not in seen:
                seen.add(key)
                found.append(path)
    return found


def load_glossaries(
    paths: Iterable[Path | str] = (),
    *,
    builtin: bool = True,
    style: str | None = None,
    write_cache: bool = True,
) -> Glossary:
    """Load the built-in glossaries (unless ``builtin`` is false), the naming style
    ``style`` over them (its entries replace the built-in ones with the same id), and
    then ``paths``. ``write_cache`` false reads the glossary caches but writes none (a
    caller that caches what it builds from the entries)."""
    layers = [
        [load_files(files, write_cache=write_cache) for files in layer]
        for layer in glossary_layers(paths, builtin=builtin, style=style)
    ]
    return Glossary.combine(
        [Glossary.combine(parts) if len(parts) > 1 else parts[0] for parts in layers]
    )


def glossary_layers(
    paths: Iterable[Path | str] = (), *, builtin: bool = True, style: str | None = None
) -> list[list[list[Path]]]:
    """The files :func:`load_glossaries` reads, as layers of parts: the built-in files
    with the style's over them, then ``paths``. Within a layer a later part replaces the
    entries of an earlier one with the same id; a later layer, those of earlier layers."""
    layers: list[list[list[Path]]] = []
    if builtin:
        layers.append([builtin_glossary_files(), *([style_files(style)] if style else [])])
    elif style:
        raise OnomaError("--style applies to the built-in glossaries; drop --no-builtin")
    user_files = glossary_files(paths)
    if user_files:
        layers.append([user_files])
    return layers


def load_files(files: Iterable[Path], *, write_cache: bool = True) -> Glossary:
    """Load several glossary files as one layer, in order."""
    entries: list[Entry] = []
    for path in files:
        entries.extend(load_file(path, write_cache=write_cache).entries)
    return Glossary(entries)


def load_file(path: Path | str, *, write_cache: bool = True) -> Glossary:
    """Load one glossary file: a YAML list of entries."""
    from onoma.glossary.cache import cached_entries

    text, _bom = read_glossary_text(path)
    path = Path(path)
    parse = lambda: parse_entries(text, path, fast=True)  # noqa: E731
    return Glossary(cached_entries(path, text, parse, write=write_cache))
