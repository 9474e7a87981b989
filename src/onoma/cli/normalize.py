"""``onoma normalize``: fix name spellings in files, like a formatter."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from onoma.cli.common import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_WOULD_CHANGE,
    ExtensionsOption,
    GlossaryOption,
    NoBuiltinOption,
    StyleOption,
    error,
    extension_list,
    fail,
    hint_if_terminal,
    language_code,
    load_normalizer,
    show_diff,
)
from onoma.cli.workers import (
    DaskOption,
    DaskTransferOption,
    JobsOption,
    Workers,
    normalize_outcomes,
)

if TYPE_CHECKING:
    from onoma.normalize.files import NormalizeRun, Source


def normalize(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PATH",
            help="Files or folders to normalize; none or '-' reads stdin and writes stdout.",
            show_default=False,
        ),
    ] = None,
    lang: Annotated[
        str,
        typer.Option(
            "--lang", "-l", metavar="LANG", help="Language of the texts: names[LANG] is used."
        ),
    ] = "en",
    glossary: GlossaryOption = None,
    no_builtin: NoBuiltinOption = False,
    style: StyleOption = None,
    in_place: Annotated[
        bool, typer.Option("--in-place", "-i", help="Rewrite the files (atomically).")
    ] = False,
    check: Annotated[
        bool,
        typer.Option("--check", help="Change nothing; exit 1 if any file would change."),
    ] = False,
    diff: Annotated[
        bool, typer.Option("--diff", help="Print a unified diff of the changes; write nothing.")
    ] = False,
    json_report: Annotated[
        bool,
        typer.Option(
            "--json",
            help="Print a JSON report on stdout instead of text (with --diff: a "
            "'diff' field per file).",
        ),
    ] = False,
    fuzzy: Annotated[
        bool,
        typer.Option("--fuzzy", help="Also replace likely variants that no entry lists."),
    ] = False,
    extensions: ExtensionsOption = ".txt,.md",
    jobs: JobsOption = None,
    dask: DaskOption = None,
    dask_transfer: DaskTransferOption = False,
) -> None:
    """Replace every listed variant of a name with the glossary's curated spelling.

    Exit status: 0 when done (or nothing to change), 1 with --check when a file would
    change, 2 on errors (the other files are still processed).
    """
    from onoma.normalize.files import NormalizeRun, Source

    language_code(lang)
    if in_place and (check or diff):
        fail("--in-place writes the files; --check and --diff only report: choose one")
    normalizer = load_normalizer(glossary, no_builtin, style, lang, fuzzy)
    run = NormalizeRun(
        normalizer,
        in_place=in_place,
        want_diff=diff,
    )
    sources = Source.from_args(paths or [], extension_list(extensions))
    if not sources:
        fail(f"no {extensions} files found in {', '.join(map(str, paths or []))}")
    single = len(sources) == 1 and not sources[0].is_dir
    hint_if_terminal(any(source.is_stdin for source in sources))
    from onoma.parallel.work import NormalizeSpec, absolute

    spec = NormalizeSpec(
        absolute(glossary), not no_builtin, lang, fuzzy, in_place, diff, style=style
    )
    workers = Workers(jobs, dask, dask_transfer)
    for source, outcome in normalize_outcomes(run, sources, spec, workers):
        if outcome.error:
            error(outcome.error)
            continue
        if json_report:
            continue
        if diff:
            show_diff(outcome.diff)
        elif not check and (source.is_stdin or (single and not in_place)):
            text = outcome.result.text
            for at in range(0, len(text), 1 << 20):  # encoded a megabyte at a time
                sys.stdout.write(text[at : at + (1 << 20)])
    if json_report:
        typer.echo(run.json_report())
    else:
        typer.echo(_summary(run, sources, check=check, diff=diff, printed=single), err=True)
    if run.errors:
        raise typer.Exit(EXIT_ERROR)
    if check and run.changed_files:
        raise typer.Exit(EXIT_WOULD_CHANGE)
    raise typer.Exit(EXIT_OK)


def _summary(
    run: NormalizeRun, sources: list[Source], *, check: bool, diff: bool, printed: bool
) -> str:
    """The report on stderr: it names a single file that would change (as black does),
    and says that nothing was written when files would change and no option wrote them."""
    lines = []
    changed = run.changed_files
    if len(run.outcomes) == 1 and changed and not sources[0].is_stdin:
        count = len(run.outcomes[0].result.edits) if run.outcomes[0].result else 0
        what = "rewritten" if run.in_place else "would change"
        lines.append(f"{what}: {changed[0]} ({count} replacement{'s' * (count != 1)})")
    lines.append(run.summary())
    if changed and not (run.in_place or check or diff or printed):
        lines.append(
            "Nothing was written: pass -i (--in-place) to rewrite the files, "
            "--diff to see the changes."
        )
    return "\n".join(lines)
