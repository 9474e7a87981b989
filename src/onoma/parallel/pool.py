"""Files in worker processes on this machine, results in input order."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def usable_cores() -> int:
    """The cores this process may run on (its affinity, not the machine's count)."""
    counter = getattr(os, "process_cpu_count", None)  # Python 3.13+
    if counter is not None:
        return counter() or 1
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def intra_threads(jobs: int, cores: int | None = None) -> int:
    """CTranslate2 threads per model when ``jobs`` workers share the cores: the cores
    split evenly, at least one each (more would only make the workers wait on each
    other; fewer would leave cores idle when a worker translates alone)."""
    return max(1, (cores or usable_cores()) // max(1, jobs))


def in_order(
    futures: Sequence[Any],
    completed: Iterable[Any],
    result: Callable[[Any, int], R],
    on_done: Callable[[], None] | None = None,
    key: Callable[[Any], Any] = id,
) -> Iterator[R]:
    """The results of ``futures`` in their order, each yielded as soon as it and every
    one before it are done; ``completed`` yields the futures as they finish (in any
    order), ``key`` tells them apart, and ``on_done`` is called for each, to move a
    progress bar."""
    position = {key(future): i for i, future in enumerate(futures)}
    ready: dict[int, R] = {}
    next_index = 0
    for future in completed:
        i = position[key(future)]
        ready[i] = result(future, i)
        if on_done:
            on_done()
        while next_index in ready:
            yield ready.pop(next_index)
            next_index += 1


def run_local(
    work: Callable[[Any, T], R],
    spec: Any,
    items: Sequence[T],
    *,
    jobs: int,
    failed: Callable[[T, BaseException], R],
    on_done: Callable[[], None] | None = None,
    warm: Callable[[Any], None] | None = None,
) -> Iterator[R]:
    """``work(spec, item)`` for every item in ``jobs`` processes (spawned, so safe with
    threads), each initialised once from ``spec`` (by ``warm``, default
    :func:`onoma.parallel.work.warm`); a raised exception becomes
    ``failed(item, exc)``. On Ctrl-C the files not started are cancelled, the running
    ones finish (their writes are atomic) and :class:`KeyboardInterrupt` goes on."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    if warm is None:
        from onoma.parallel.work import warm

    executor = ProcessPoolExecutor(
        max_workers=max(1, min(jobs, len(items))),
        mp_context=multiprocessing.get_context("spawn"),
        initializer=warm,
        initargs=(spec,),
    )

    def result(future, i: int) -> R:
        try:
            return future.result()
        except Exception as exc:  # a bug or a dead worker: report the file, go on
            return failed(items[i], exc)

    try:
        futures = [executor.submit(work, spec, item) for item in items]
        yield from in_order(futures, as_completed(futures), result, on_done)
    except BaseException:
        executor.shutdown(wait=True, cancel_futures=True)
        raise
    executor.shutdown(wait=True)
