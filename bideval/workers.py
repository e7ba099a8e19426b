"""Reading independent files in worker processes, results in the order the files were given.

Bid forms are independent of each other: with many of them, each of the machine's cores reads
its share in a forked worker process, and the results come back in the order of the files, so
the outcome is exactly what one process reading them one after another would give. Workers are
forked only where that is safe and pays: on Linux, from a process running a single thread (never
inside the app's server, whose threads a fork would copy half-way), and with enough files for
each worker to earn its start.
"""
from __future__ import annotations

import os
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Sequence, TypeVar

Item = TypeVar("Item")
Outcome = TypeVar("Outcome")

# Measured with benchmarks/bench.py on 2 cores: below about this many bid forms per worker,
# forking and sending the bids back cost more than the worker saves.
MIN_FILES_PER_WORKER = 64

_job: Callable | None = None  # what a forked worker does with an item (inherited by the fork, never pickled)


def usable_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def workers_for(count: int) -> int:
    """How many processes should read ``count`` files: 1 (this one) unless forking is safe and pays."""
    if not sys.platform.startswith("linux") or threading.active_count() > 1:
        return 1
    return max(1, min(usable_cores(), count // MIN_FILES_PER_WORKER))


def map_in_order(function: Callable[[Item], Outcome], items: Sequence[Item],
                 workers: int | None = None) -> list[Outcome]:
    """``[function(item) for item in items]``, shared among ``workers`` processes (default: :func:`workers_for`).

    The items are cut into as many runs as there are processes: this one reads the first run while
    forked workers read the others. Items and outcomes travel between processes by pickling;
    ``function`` does not (the workers are forked). If a worker dies (a reader that aborts its
    process), its run is read again here.
    """
    global _job
    count = min(workers if workers is not None else workers_for(len(items)), len(items))
    if count <= 1 or not sys.platform.startswith("linux"):
        return [function(item) for item in items]
    import multiprocessing

    size = -(-len(items) // count)
    runs = [list(items[start:start + size]) for start in range(0, len(items), size)]
    _job = function
    try:
        with ProcessPoolExecutor(len(runs) - 1, mp_context=multiprocessing.get_context("fork")) as pool:
            pending = [pool.submit(_run, run) for run in runs[1:]]
            out = [function(item) for item in runs[0]]
            for run, future in zip(runs[1:], pending):
                try:
                    out.extend(future.result())
                except BrokenProcessPool:
                    out.extend(function(item) for item in run)
        return out
    finally:
        _job = None


def _run(run: list) -> list:
    assert _job is not None
    return [_job(item) for item in run]
