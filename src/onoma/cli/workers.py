"""``--jobs`` and ``--dask``: the options, and the loop that shows results as they come.

The work itself is in :mod:`onoma.parallel`; this module picks where it runs (in this
process, in worker processes, on a Dask cluster) and reports each file in input order,
the same way the in-process loop of each command does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

import typer

from onoma.cli.common import error, fail, progress, progress_bar
from onoma.errors import OnomaError

if TYPE_CHECKING:
    from onoma.normalize.files import NormalizeRun, Outcome, Source
    from onoma.parallel.work import NormalizeSpec, TranslateSpec
    from onoma.translation.translate_files import FileOutcome, Output, TranslateRun

JobsOption = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        help="Worker processes, each handling whole files (default: the usable cores); "
        "1 works in this process, as does a single input or stdin. For translate each "
        "worker's models get cores // jobs CTranslate2 threads, so the workers share "
        "the cores instead of fighting over them.",
        show_default=False,
    ),
]
DaskOption = Annotated[
    str | None,
    typer.Option(
        "--dask",
        metavar="ADDRESS",
        help="Send the files to the Dask scheduler at ADDRESS (tcp://host:8786); the "
        "workers read and write them, so they must see the same paths.",
        show_default=False,
    ),
]
DaskTransferOption = Annotated[
    bool,
    typer.Option(
        "--dask-transfer",
        help="With --dask: read the files here, send their texts through the scheduler "
        "and write the results here (no shared storage needed).",
    ),
]


@dataclass(frozen=True)
class Workers:
    """Where the files are handled: ``jobs`` local processes or the ``dask`` scheduler."""

    jobs: int | None = None
    dask: str | None = None
    transfer: bool = False

    def count(self, sources: Sequence[Source]) -> int:
        """Local processes for ``sources``: never more than the files."""
        from onoma.parallel import usable_cores

        return min(self.jobs or usable_cores(), len(sources))

    def parallel(self, sources: Sequence[Source]) -> bool:
        """Whether to leave this process: several files, none of them stdin."""
        if self.transfer and not self.dask:
            fail("--dask-transfer needs --dask ADDRESS")
        if len(sources) < 2 or any(s.is_stdin for s in sources):
            return False
        return bool(self.dask) or self.count(sources) > 1


def _results(
    workers: Workers,
    work: Callable,
    spec: Any,
    sources: Sequence[Source],
    *,
    failed: Callable,
    finish: Callable,
    on_done: Callable[[], None],
) -> Iterator[Any]:
    from onoma.parallel.pool import run_local

    if not workers.dask:
        yield from run_local(
            work, spec, sources, jobs=workers.count(sources), failed=failed, on_done=on_done
        )
        return
    from onoma.parallel.cluster import connect, run_dask

    try:
        client = connect(workers.dask)
    except OnomaError as exc:
        fail(str(exc))
    try:
        yield from run_dask(
            client,
            work,
            spec,
            sources,
            failed=failed,
            finish=finish,
            transfer=workers.transfer,
            on_done=on_done,
        )
    finally:
        client.close()


def normalize_outcomes(
    run: NormalizeRun, sources: Sequence[Source], spec: NormalizeSpec, workers: Workers
) -> Iterator[tuple[Source, Outcome]]:
    """Each source with its outcome, in input order, recorded in ``run``."""
    from onoma.normalize.files import Outcome
    from onoma.parallel.work import finish_normalize, normalize_source

    if not workers.parallel(sources):
        for source in progress(sources, "Normalizing"):
            yield source, run.process(source)
        return

    def failed(source: Source, exc: BaseException) -> Outcome:
        return Outcome(source.path, error=f"{source.path}: not normalized: {exc}")

    with progress_bar("Normalizing", len(sources)) as bar:
        outcomes = _results(
            workers,
            normalize_source,
            spec,
            sources,
            failed=failed,
            finish=finish_normalize,
            on_done=lambda: bar.update(advance=1) if bar else None,
        )
        for source, outcome in zip(sources, outcomes, strict=True):
            run.outcomes.append(outcome)
            yield source, outcome


def translate_in_workers(
    run: TranslateRun,
    sources: Sequence[Source],
    spec: TranslateSpec,
    workers: Workers,
    show: Callable[[str, Output], None],
) -> bool:
    """Translate ``sources`` in workers, reporting each file in input order with
    ``show``; False (nothing done) when they are better handled in this process."""
    from dataclasses import replace

    from onoma.parallel.pool import intra_threads
    from onoma.parallel.work import finish_translate, translate_source
    from onoma.translation.translate_files import FileOutcome

    if not workers.parallel(sources):
        return False
    if not workers.dask:
        spec = replace(spec, intra_threads=intra_threads(workers.count(sources)))

    def failed(source: Source, exc: BaseException) -> FileOutcome:
        return FileOutcome(source.path, error=f"{source.path}: translation failed: {exc}")

    steps = len(run.targets)
    with progress_bar("translating", len(sources) * steps) as bar:
        items = _results(
            workers,
            translate_source,
            spec,
            sources,
            failed=failed,
            finish=finish_translate,
            on_done=lambda: bar.update(advance=steps) if bar else None,
        )
        for item in items:
            run.files.append(item)
            if item.error:
                error(item.error)
            for output in item.outputs:
                show(item.path, output)
    return True
