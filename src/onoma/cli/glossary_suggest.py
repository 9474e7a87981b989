"""``onoma glossary suggest``: find name spellings in a corpus and propose glossary edits."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from onoma.cli.common import (
    EXIT_ERROR,
    ExtensionsOption,
    GlossaryOption,
    NoBuiltinOption,
    StyleOption,
    error,
    extension_list,
    fail,
    language_code,
    load_glossary,
)

if TYPE_CHECKING:
    from onoma.curate.suggest.clusters import Cluster


def suggest_command(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Text files or folders of the corpus.", show_default=False),
    ],
    glossary: GlossaryOption = None,
    no_builtin: NoBuiltinOption = False,
    style: StyleOption = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    yaml_output: Annotated[
        bool, typer.Option("--yaml", help="Print a YAML fragment of proposed entries.")
    ] = False,
    min_count: Annotated[
        int,
        typer.Option("--min-count", min=1, help="Leave out clusters seen fewer times."),
    ] = 2,
    lang: Annotated[str, typer.Option("--lang", "-l", help="Language of the corpus.")] = "en",
    extensions: ExtensionsOption = ".txt,.md",
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Worker processes that read and scan the files (default: the usable "
            "cores, once the files hold 4 MB of text; less is scanned here); 1 scans "
            "here. Clustering runs here either way; the result is the same.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Cluster name spellings in a corpus; propose new variants and new entries.

    Spellings are grouped by fingerprint, n-gram and romanization keys, then nearest
    neighbours (rapidfuzz, with blocking); most frequent first. In Russian and Armenian,
    inflected forms (Пашиняна for Пашинян) are shown but never proposed, nor are
    spellings that mix scripts. Unreadable files are reported (exit 2) and the others
    processed.
    """
    from onoma.curate.suggest.clusters import cluster_spellings
    from onoma.curate.suggest.report import render_json, render_text, render_yaml

    if json_output and yaml_output:
        fail("choose one of --json and --yaml")
    language_code(lang)
    loaded = load_glossary(glossary, no_builtin, style)
    errors: list[str] = []

    def report(message: str) -> None:
        errors.append(message)
        error(message)

    exts = extension_list(extensions)
    scan, read = _scan(paths, loaded, lang, exts, report, jobs, (glossary, no_builtin, style))
    if not read and not errors:
        fail(f"no {extensions} files found in {', '.join(map(str, paths))}")
    spellings = scan.spellings()
    clusters = cluster_spellings(spellings.values(), loaded, lang, min_count=min_count)
    if json_output:
        typer.echo(render_json(clusters))
    elif yaml_output:
        typer.echo(render_yaml(clusters, loaded, lang), nl=False)
    else:
        typer.echo(render_text(clusters), nl=False)
    typer.echo(_summary(read, len(spellings), clusters), err=True)
    if errors:
        raise typer.Exit(EXIT_ERROR)


def _scan(paths, loaded, lang: str, exts: list[str], report, jobs: int | None, options):
    """The corpus scan, in worker processes when there are several files and either
    ``--jobs`` asks for them or the text is large enough for them to pay off."""
    from onoma.curate.suggest.candidates import CorpusScan, scan_files
    from onoma.parallel import usable_cores
    from onoma.parallel.scan import ScanSpec, scan_in_workers, worth_it
    from onoma.parallel.work import absolute
    from onoma.text.files import iter_text_files

    files = list(iter_text_files(paths, tuple(exts)))
    count = min(jobs or usable_cores(), len(files))
    if count > 1 and (jobs is not None or worth_it([str(f) for f in files])):
        glossary, no_builtin, style = options
        spec = ScanSpec(absolute(glossary), not no_builtin, style, lang)
        return scan_in_workers(loaded, files, spec, count, report)
    scan = CorpusScan(loaded, lang)
    return scan, scan_files(scan, files, report)


def _summary(read: int, found: int, clusters: list[Cluster]) -> str:
    """The closing line: files, spellings, clusters by kind, mixed-script spellings."""
    entries = [c for c in clusters if c.entry is not None]
    matched = sum(bool(c.new_spellings()) for c in entries)
    inflected = sum(not c.new_spellings() and bool(c.inflections) for c in entries)
    new = len(clusters) - len(entries)
    mixed = sum(len(c.mixed_spellings()) for c in clusters)
    only = f", {inflected} with inflected forms of entries only" if inflected else ""
    left = f"; {mixed} spelling{'s' * (mixed != 1)} in mixed scripts left out" if mixed else ""
    return (
        f"{read} file{'s' * (read != 1)} read, "
        f"{found} candidate spelling{'s' * (found != 1)}, "
        f"{len(clusters)} cluster{'s' * (len(clusters) != 1)}: "
        f"{matched} with new variants of entries, {new} new name{'s' * (new != 1)}{only}{left}."
    )
