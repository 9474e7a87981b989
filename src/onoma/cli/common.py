"""Pieces shared by the commands: options, error reporting, exit codes."""

from __future__ import annotations

import contextlib
import os
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


_json_errors: list[dict[str, str | None]] | None = None
"""While :func:`json_errors` is active, the errors reported, for a JSON error object."""


def warn(message: str) -> None:
    """Print a warning line on stderr."""
    typer.echo(f"warning: {message}", err=True)


def colour(stream: str = "stderr") -> bool:
    """Whether to colour ``stream``: never with NO_COLOR set, always with FORCE_COLOR
    set (not 0), else only on a terminal (pipes and logs get plain text)."""
    if os.environ.get("NO_COLOR"):
        return False
    force = os.environ.get("FORCE_COLOR")
    if force and force != "0":
        return True
    return getattr(sys, stream).isatty()


def error(message: str, file: Path | str | None = None) -> None:
    """Print an error line on stderr (``error:`` in red on a terminal); ``file`` is the
    file at fault, for the JSON error object of :func:`json_errors`."""
    if _json_errors is not None:
        _json_errors.append({"error": message, "file": str(file) if file else None})
    on = colour("stderr")
    label = typer.style("error:", fg="red", bold=True) if on else "error:"
    typer.echo(f"{label} {message}", err=True, color=on)


@contextlib.contextmanager
def json_errors(enabled: bool) -> Iterator[None]:
    """With ``enabled``, an exit 2 inside also prints ``{"error": …, "file": …}`` on
    stdout (and ``errors`` when there are several), so that a --json reader always gets
    an object."""
    global _json_errors
    if not enabled:
        yield
        return
    _json_errors = []
    try:
        yield
    except typer.Exit as exc:
        if exc.exit_code == EXIT_ERROR and _json_errors:
            import json

            report: dict = dict(_json_errors[0])
            if len(_json_errors) > 1:
                report["errors"] = _json_errors
            typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
        raise
    finally:
        _json_errors = None


def show_diff(diff: str) -> None:
    """Print a unified diff on stdout, coloured on a terminal (see :func:`colour`)."""
    if not colour("stdout"):
        typer.echo(diff, nl=False)
        return
    styles = {"+++": "bold", "---": "bold", "@@": "cyan", "+": "green", "-": "red"}
    for line in diff.splitlines(keepends=True):
        style = next((v for k, v in styles.items() if line.startswith(k)), None)
        body = line.rstrip("\n")
        painted = typer.style(body, bold=True) if style == "bold" else body
        if style and style != "bold":
            painted = typer.style(body, fg=style)
        typer.echo(painted + line[len(body) :], nl=False, color=True)


def hint_if_terminal(reads_stdin: bool) -> None:
    """Say on stderr that standard input is read, when it is a terminal: a command
    started without files would otherwise wait in silence."""
    if reads_stdin and sys.stdin.isatty():
        typer.echo("reading from standard input; press Ctrl-D to end, or pass files", err=True)


def fail(message: str, file: Path | str | None = None) -> NoReturn:
    """Print an error and exit with status 2."""
    error(message, file)
    raise typer.Exit(EXIT_ERROR)


def text_arguments(values: list[str], what: str) -> list[str]:
    """``values`` from the command line, or exit 2 when one is not UTF-8 text (Python
    keeps such bytes as lone surrogates, which no later step can write or look up)."""
    for value in values:
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raw = os.fsencode(value[exc.start : exc.end])
            fail(
                f"{what} {value.encode('utf-8', 'replace').decode()!r} is not UTF-8 text "
                f"(byte 0x{raw[0]:02x} at character {exc.start + 1})"
            )
    return values


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
    from onoma.glossary.model import language_code_problem

    problem = language_code_problem(value)
    if problem:
        fail(f"{option}: {problem}")
    return value


def require_forms(languages: Iterable[str], lang: str, option: str = "--lang") -> None:
    """Exit 2 when no glossary entry has a form in ``lang`` (``languages`` are those
    that some entry has): most likely a typo."""
    from onoma.glossary.model import missing_language_problem

    problem = missing_language_problem(languages, lang)
    if problem:
        fail(f"{option} {lang}: {problem}")


def table(rows: Iterable[Sequence[str]], headers: Sequence[str]) -> str:
    """Rows under headers in columns aligned with spaces, never wrapped (paths stay whole
    and greppable); no trailing spaces."""
    lines = [list(headers), *(list(row) for row in rows)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(headers))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in lines
    )


def load_normalizer(
    paths: list[Path] | None, no_builtin: bool, style: str | None, lang: str, fuzzy: bool
):  # a Normalizer
    """The normalizer of the glossaries for ``lang`` (cached, see
    onoma.normalize.compiled), or exit 2 with the error naming the file."""
    from onoma.normalize.compiled import cached_normalizer

    if no_builtin and not paths:
        fail("--no-builtin needs at least one --glossary")
    try:
        normalizer = cached_normalizer(
            paths or [],
            builtin=not no_builtin,
            style=style,
            lang=lang,
            fuzzy=fuzzy,
            building=lambda: status("reading the glossaries (cached for the next runs)"),
        )
    except OnomaError as exc:
        fail(str(exc), getattr(exc, "path", None))
    require_forms(normalizer.languages, lang)
    return normalizer


def load_glossary(paths: list[Path] | None, no_builtin: bool = False, style: str | None = None):
    """Load the glossaries for a command (with the naming style ``style`` over the
    built-in ones), or exit 2 with the error naming the file."""
    from onoma.glossary import load_glossaries

    if no_builtin and not paths:
        fail("--no-builtin needs at least one --glossary")
    try:  # an unknown style, or a style without the built-in glossaries: the library says
        return load_glossaries(paths or [], builtin=not no_builtin, style=style)
    except OnomaError as exc:
        fail(str(exc), getattr(exc, "path", None))


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


@contextlib.contextmanager
def status(message: str) -> Iterator[None]:
    """A transient status line with a spinner on stderr while the block runs, shown only
    on a terminal (a first run with a large glossary takes seconds)."""
    if not sys.stderr.isatty():
        yield
        return
    from rich.console import Console

    with Console(stderr=True).status(message):
        yield


def progress(items: Sequence[T], description: str) -> Iterator[T]:
    """Iterate ``items`` with a progress bar on stderr, shown only on a terminal and
    only for more than one item."""
    with progress_bar(description, len(items), show=len(items) > 1) as bar:
        for item in items:
            yield item
            if bar:
                bar.update(advance=1)
