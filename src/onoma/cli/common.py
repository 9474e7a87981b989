"""Pieces shared by the commands: options, error reporting, exit codes."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Annotated, NoReturn, TypeVar

import typer

from onoma.errors import OnomaError

T = TypeVar("T")

EXIT_OK = 0
EXIT_WOULD_CHANGE = 1
EXIT_PROBLEMS = 1
"""lint found errors; show found nothing."""
EXIT_ERROR = 2

GlossaryOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--glossary",
        "-g",
        metavar="PATH",
        help="Glossary file or folder of *.yaml files, added to the built-in glossaries "
        "(an entry with a built-in id replaces it). Repeatable; replaces the glossaries "
        "of the configuration file.",
        show_default=False,
    ),
]
ExtensionsOption = Annotated[
    str,
    typer.Option(
        "--ext", metavar="EXTS", help="Comma-separated file extensions searched in folders."
    ),
]
NoBuiltinOption = Annotated[
    bool,
    typer.Option(
        "--no-builtin", help="Do not load the glossaries shipped with onoma, only --glossary."
    ),
]
StyleOption = Annotated[
    str | None,
    typer.Option(
        "--style",
        metavar="NAME",
        help="Naming style laid over the built-in glossaries (its entries replace theirs), "
        "e.g. azerbaijani-press.",
        show_default=False,
    ),
]


def error(message: str) -> None:
    """Print an error line on stderr."""
    typer.echo(f"error: {message}", err=True)


def fail(message: str) -> NoReturn:
    """Print an error and exit with status 2."""
    error(message)
    raise typer.Exit(EXIT_ERROR)


def split_list(value: str) -> list[str]:
    """The items of a comma-separated option value, stripped, empty items left out."""
    return [item.strip() for item in value.split(",") if item.strip()]


def extension_list(value: str) -> list[str]:
    """The extensions of ``--ext`` (``.txt,.md``), or exit 2 when there are none."""
    extensions = split_list(value)
    if not extensions:
        fail("--ext: give at least one file extension, e.g. --ext .txt,.md")
    return extensions


def language_code(value: str, option: str = "--lang") -> str:
    """``value`` if it is a language code (``en``, ``hy``, ``az-Cyrl``), or exit 2."""
    from onoma.glossary.model import LANG_CODE

    if not LANG_CODE.match(value):
        hint = f" (did you mean {value.lower()!r}?)" if LANG_CODE.match(value.lower()) else ""
        fail(f"{option}: {value!r} is not a language code such as en, hy, ru or az{hint}")
    return value


def require_forms(glossary, lang: str, option: str = "--lang") -> None:  # a Glossary
    """Exit 2 when no entry of ``glossary`` has a form in ``lang``: most likely a typo."""
    languages = glossary.languages()
    if lang not in languages:
        known = ", ".join(sorted(languages)) or "none"
        fail(f"{option} {lang}: no glossary entry has a form in {lang!r} (languages: {known})")


def table(rows: Iterable[Sequence[str]], headers: Sequence[str]) -> str:
    """Rows under headers in columns aligned with spaces, never wrapped (paths stay whole
    and greppable); no trailing spaces."""
    lines = [list(headers), *(list(row) for row in rows)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(headers))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in lines
    )


def load_glossary(paths: list[Path] | None, no_builtin: bool = False, style: str | None = None):
    """Load the glossaries for a command (with the naming style ``style`` over the
    built-in ones), or exit 2 with the error naming the file."""
    from onoma.glossary import load_glossaries
    from onoma.glossary.load import style_names

    if no_builtin and not paths:
        fail("--no-builtin needs at least one --glossary")
    if style is not None:
        if no_builtin:
            fail(f"--style {style} lays a style over the built-in glossaries: drop --no-builtin")
        if style not in style_names():
            fail(f"--style: unknown style {style!r}; the styles are: {', '.join(style_names())}")
    try:
        return load_glossaries(paths or [], builtin=not no_builtin, style=style)
    except OnomaError as exc:
        fail(str(exc))


class ProgressBar:
    """A rich progress bar with one task; see :func:`progress_bar`."""

    def __init__(self, bar, task) -> None:  # rich.progress.Progress, TaskID
        self._bar = bar
        self._task = task

    def update(
        self,
        description: str | None = None,
        *,
        advance: float = 0,
        completed: float | None = None,
        total: float | None = None,
    ) -> None:
        """Move the bar by ``advance`` (or to ``completed``) and relabel it."""
        fields: dict = {"advance": advance}
        if description is not None:
            fields["description"] = description
        if completed is not None:
            fields["completed"] = completed
        if total is not None:
            fields["total"] = total
        self._bar.update(self._task, **fields)


@contextlib.contextmanager
def progress_bar(
    description: str, total: float | None, *, show: bool = True, in_bytes: bool = False
) -> Iterator[ProgressBar | None]:
    """A progress bar on stderr, or None when ``show`` is false or stderr is not a
    terminal (pipes and logs stay clean). ``in_bytes`` counts a download."""
    if not show or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
        TransferSpeedColumn,
    )

    columns = [TextColumn("{task.description}"), BarColumn()]
    if in_bytes:
        columns += [DownloadColumn(), TransferSpeedColumn(), TimeRemainingColumn()]
    else:
        columns.append(MofNCompleteColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        yield ProgressBar(bar, bar.add_task(description, total=total))


def progress(items: Sequence[T], description: str) -> Iterator[T]:
    """Iterate ``items`` with a progress bar on stderr, shown only on a terminal and
    only for more than one item."""
    with progress_bar(description, len(items), show=len(items) > 1) as bar:
        for item in items:
            yield item
            if bar:
                bar.update(advance=1)
