"""Files on a Dask distributed cluster, results in input order.

Without ``transfer`` each task names a file and the worker reads and writes it (the
files must be on storage every worker sees, at the same path). With ``transfer`` the
client reads every file, sends its text with the task and writes what comes back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from onoma.errors import OnomaError
from onoma.normalize.files import Source
from onoma.parallel.pool import in_order
from onoma.parallel.work import ReadSource

R = TypeVar("R")

CONNECT_TIMEOUT = "5s"


def connect(address: str) -> Any:
    """A ``distributed.Client`` for the scheduler at ``address``; raises
    :class:`OnomaError` when Dask is missing or the scheduler cannot be reached."""
    try:
        from distributed import Client
    except ImportError:
        raise OnomaError("--dask needs Dask distributed: pip install 'onoma[dask]'") from None
    try:
        return Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError, TypeError) as exc:
        raise OnomaError(f"--dask {address}: cannot reach the Dask scheduler ({exc})") from None


def read_sources(sources: Sequence[Source]) -> list[Source | R]:
    """The sources with their text, read here to be sent to the workers; a source
    that cannot be read stays a plain :class:`Source` (the worker reports it)."""
    read: list[Source] = []
    for source in sources:
        try:
            read.append(ReadSource(source.path, source.is_dir, source.read()))
        except OnomaError:
            read.append(source)  # the worker fails to read it too and says why
    return read


def run_dask(
    client: Any,
    work: Callable[[Any, Source], R],
    spec: Any,
    sources: Sequence[Source],
    *,
    failed: Callable[[Source, BaseException], R],
    finish: Callable[[Any, Any, R], R] | None = None,
    transfer: bool = False,
    on_done: Callable[[], None] | None = None,
) -> Iterator[R]:
    """``work(spec, source)`` for every source on the cluster, each task retried once
    if it fails; a task that still fails becomes ``failed(source, exc)``. With
    ``transfer`` the texts go through the scheduler and ``finish(spec, source,
    result)`` writes each result here."""
    from distributed import as_completed

    items = read_sources(sources) if transfer else list(sources)
    with client.as_current():
        futures = client.map(work, [spec] * len(items), items, retries=1, pure=False)
        done = as_completed(futures)

    def result(future, i: int) -> R:
        item = items[i]
        try:
            value = future.result()
        except Exception as exc:
            return failed(sources[i], exc)
        if transfer and finish is not None and isinstance(item, ReadSource):
            return finish(spec, item, value)
        return value

    try:
        yield from in_order(futures, done, result, on_done, key=lambda f: f.key)
    except BaseException:
        client.cancel(futures)
        raise
