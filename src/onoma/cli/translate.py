"""``onoma translate``: translate articles offline, names in their glossary forms."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from onoma.cli.common import (
    EXIT_ERROR,
    ExtensionsOption,
    GlossaryOption,
    NoBuiltinOption,
    ProgressBar,
    StyleOption,
    error,
    extension_list,
    fail,
    hint_if_terminal,
    json_errors,
    language_code,
    load_glossary,
    progress_bar,
    split_list,
)
from onoma.cli.workers import DaskOption, DaskTransferOption, JobsOption, Workers
from onoma.errors import OnomaError
from onoma.translation.engine import DEFAULT_BEAM_SIZE

if TYPE_CHECKING:
    from onoma.glossary.model import Glossary
    from onoma.normalize.files import Source
    from onoma.translation.api import Translator
    from onoma.translation.translate_files import Output, TranslateRun


def parse_targets(value: str) -> list[str]:
    """``hy,az,ru`` as a list of distinct language codes, or exit 2."""
    targets = list(dict.fromkeys(split_list(value)))
    if not targets:
        fail("--to needs at least one language code, e.g. --to hy,az,ru")
    for code in targets:
        language_code(code, "--to")
    return targets


def translate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PATH",
            help="Files or folders to translate; none or '-' reads stdin.",
            show_default=False,
        ),
    ] = None,
    to: Annotated[
        str,
        typer.Option(
            "--to",
            "-t",
            metavar="LANGS",
            help="Target languages, comma-separated: hy,az,ru.",
            show_default=False,
        ),
    ] = "",
    source: Annotated[
        str, typer.Option("--from", "-f", metavar="LANG", help="Language of the input.")
    ] = "en",
    out_dir: Annotated[
        Path | None,
        typer.Option(
            "--out-dir",
            "-o",
            metavar="DIR",
            help="Write NAME.LANG.EXT (article.hy.md) here instead of next to each input.",
            show_default=False,
        ),
    ] = None,
    glossary: GlossaryOption = None,
    no_builtin: NoBuiltinOption = False,
    style: StyleOption = None,
    no_normalize: Annotated[
        bool,
        typer.Option(
            "--no-normalize",
            help="Translate names as written: only curated spellings are protected.",
        ),
    ] = False,
    json_report: Annotated[
        bool,
        typer.Option("--json", help="Print a JSON report (outputs, names, timings) on stdout."),
    ] = False,
    beam_size: Annotated[
        int, typer.Option("--beam-size", min=1, metavar="N", help="Beam width (1 is fastest).")
    ] = DEFAULT_BEAM_SIZE,
    extensions: ExtensionsOption = ".txt,.md",
    protect_names: Annotated[
        list[str] | None,
        typer.Option(
            "--protect-names",
            metavar="NAMES",
            help="Comma-separated names that no glossary lists to keep intact, written in "
            "the target script by transliteration. Repeatable.",
            show_default=False,
        ),
    ] = None,
    jobs: JobsOption = None,
    dask: DaskOption = None,
    dask_transfer: DaskTransferOption = False,
) -> None:
    """Translate articles offline with Argos Translate packages, names intact.

    Each glossary name comes out in the glossary's form for the target
    language. One input and one target without --out-dir prints the
    translation; otherwise each input gets NAME.LANG.EXT (article.hy.md)
    beside it (or in --out-dir). Exit status: 0 when done, 2 on errors (the other files
    are still translated).
    """
    from onoma.translation.translate_files import TranslateRun

    started = time.perf_counter()
    with json_errors(json_report):
        targets = _targets(to, source)
        sources, to_stdout = _sources(paths or [], extensions, targets, out_dir, source)
        translators = _load_translators(
            targets,
            source,
            load_glossary(glossary, no_builtin, style),
            normalize=not no_normalize,
            beam_size=beam_size,
            protect=(protect := [n for value in protect_names or [] for n in split_list(value)]),
        )
        load_seconds = time.perf_counter() - started
        if out_dir is not None:
            _make_out_dir(out_dir)
    hint_if_terminal(any(src.is_stdin for src in sources))
    run = TranslateRun(source, translators, out_dir=out_dir, to_stdout=to_stdout)
    echo = to_stdout and not json_report
    if not _in_workers(
        run,
        sources,
        Workers(jobs, dask, dask_transfer),
        glossary,
        no_builtin,
        protect,
        beam_size,
        not no_normalize,
        out_dir,
        to_stdout,
        style,
    ):
        _translate_all(run, sources, echo=echo)
    if json_report:
        typer.echo(run.json_report(load_seconds, time.perf_counter() - started))
    else:
        typer.echo(run.summary(), err=True)
    if run.errors:
        raise typer.Exit(EXIT_ERROR)


def _in_workers(
    run: TranslateRun,
    sources: list[Source],
    workers: Workers,
    glossary: list[Path] | None,
    no_builtin: bool,
    protect: list[str],
    beam_size: int,
    normalize: bool,
    out_dir: Path | None,
    to_stdout: bool,
    style: str | None = None,
) -> bool:
    """Translate in worker processes or on Dask (see :mod:`onoma.cli.workers`); False
    when the sources are better translated in this process."""
    from onoma.cli.workers import translate_in_workers
    from onoma.parallel.work import TranslateSpec, absolute

    spec = TranslateSpec(
        tuple(run.targets),
        run.source,
        absolute(glossary),
        not no_builtin,
        normalize,
        beam_size,
        tuple(protect),
        str(out_dir) if out_dir is not None else None,
        to_stdout=to_stdout,
        style=style,
    )
    show = lambda path, output: _show(path, output, echo=False)  # noqa: E731
    return translate_in_workers(run, sources, spec, workers, show)


def _targets(to: str, source: str) -> list[str]:
    """The target languages of ``--to``, none of them the source language, or exit 2
    (as for a ``--from`` that is not a language code)."""
    if source == "auto":
        fail("--from auto: onoma does not detect the input's language; give it, e.g. --from en")
    language_code(source, "--from")
    targets = parse_targets(to) if to else fail("--to is required, e.g. --to hy,az,ru")
    if source in targets:
        fail(
            f"--to {source}: that is the language of the input (--from); "
            f"'onoma normalize --lang {source}' fixes names without translating"
        )
    return targets


def _load_translators(
    targets: list[str],
    source: str,
    glossary: Glossary,
    *,
    normalize: bool,
    beam_size: int,
    protect: list[str],
) -> dict[str, Translator]:
    """One translator per target, or exit 2 naming every missing model."""
    from onoma.translation.api import Translator

    translators: dict[str, Translator] = {}
    problems = []
    for lang in targets:
        try:
            translators[lang] = Translator(
                lang,
                source=source,
                glossary=glossary,
                normalize=normalize,
                beam_size=beam_size,
                protect=protect,
            )
        except OnomaError as exc:
            problems.append(str(exc))
    _stop_on(problems)
    return translators


def _sources(
    paths: list[Path], extensions: str, targets: list[str], out_dir: Path | None, source: str
) -> tuple[list[Source], bool]:
    """The inputs, and whether the translation is printed; exit 2 before any work (even
    before the models load) when there is none or two outputs would clash."""
    from onoma.translation import translate_files as tf

    try:
        sources = tf.find_sources(paths, extension_list(extensions), targets, out_dir, source)
    except OnomaError as exc:  # the packages folder cannot be listed
        fail(str(exc), getattr(exc, "path", None))
    if not sources:
        fail(f"no {extensions} files found in {', '.join(map(str, paths))}")
    to_stdout = tf.prints_translation(sources, targets, out_dir)
    if not to_stdout:
        _stop_on(tf.output_problems(sources, targets, out_dir))
    return sources, to_stdout


def _make_out_dir(out_dir: Path) -> None:
    """Create ``out_dir``, or exit 2."""
    from onoma.translation.translate_files import make_out_dir

    try:
        make_out_dir(out_dir)
    except OnomaError as exc:
        fail(str(exc), out_dir)


def _stop_on(problems: list[str]) -> None:
    """Print each problem and exit 2, if there is any."""
    for problem in problems:
        error(problem)
    if problems:
        raise typer.Exit(EXIT_ERROR)


def _translate_all(run: TranslateRun, sources: list[Source], *, echo: bool) -> None:
    """Translate every source into every target, reporting each result as it comes."""
    show = len(sources) > 1 or len(run.targets) > 1
    with progress_bar("translating", len(sources) * len(run.targets), show=show) as bar:
        for src in sources:
            _translate_source(run, src, bar, echo=echo)


def _translate_source(
    run: TranslateRun, src: Source, bar: ProgressBar | None, *, echo: bool
) -> None:
    """Translate one source into every target; ``echo`` prints the translation."""
    item, original = run.read(src)
    name = Path(src.path).name
    if original is None:
        error(str(item.error))
        _step(bar, name, len(run.targets))
        return
    for lang in run.targets:
        _step(bar, f"{name} → {lang}", 0)
        output = run.translate(item, original, lang)
        _step(bar, f"{name} → {lang}", 1)
        _show(src.path, output, echo=echo)


def _show(path: str, output: Output, *, echo: bool) -> None:
    """Report one translation on stderr; ``echo`` prints it on stdout."""
    if output.error:
        error(output.error)
        return
    for note in output.notes(path):
        typer.echo(note, err=True)
    if echo:
        sys.stdout.write(output.text or "")
        sys.stdout.flush()


def _step(bar: ProgressBar | None, label: str, advance: int) -> None:
    if bar:
        bar.update(label, advance=advance)
