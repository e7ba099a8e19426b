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
import signal
import sys
import threading
from typing import Any, Callable, Iterator, Sequence, TypeVar

Item = TypeVar("Item")
Outcome = TypeVar("Outcome")

# Measured with benchmarks/bench.py on 2 cores: below about this many bid forms per worker,
# forking and sending the bids back cost more than the worker saves.
MIN_FILES_PER_WORKER = 64


def usable_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def forking_is_safe() -> bool:
    """Whether this process may fork a reader: on Linux, and running a single thread (a fork copies other threads'
    locks as they are, half-way)."""
    return sys.platform.startswith("linux") and threading.active_count() == 1


def workers_for(count: int) -> int:
    """How many processes should read ``count`` files: 1 (this one) unless forking is safe and pays."""
    if not forking_is_safe():
        return 1
    return max(1, min(usable_cores(), count // MIN_FILES_PER_WORKER))


def map_in_order(function: Callable[[Item], Outcome], items: Sequence[Item],
                 workers: int | None = None) -> list[Outcome]:
    """``[function(item) for item in items]``, shared among ``workers`` processes (default: :func:`workers_for`).

    This process and the forked workers take the items a few at a time, in order, from a counter they
    share, until none is left: a process that meets slower files takes fewer, so all end together. Each
    worker sends its outcomes back by pickling once it has taken the last item; ``function`` does not
    travel (the workers are forked). If a worker dies (a reader that aborts its process), or fails, the
    items it took are done again here.
    """
    count = min(workers if workers is not None else workers_for(len(items)), len(items))
    if count <= 1 or not sys.platform.startswith("linux"):
        return [function(item) for item in items]
    taken = _counter()
    step = max(1, min(MAX_ITEMS_PER_TAKE, len(items) // (count * TAKES_PER_PROCESS)))
    children: list[tuple[int, int]] = []
    try:
        children += (_fork_worker(function, items, taken, step) for _ in range(count - 1))
        done: dict[int, Outcome] = dict(_take_all(function, items, taken, step))
        while children:
            done.update(_outcomes_of(*children.pop(0)))
    except BaseException:  # a bug here, an interruption: the workers' work is of no use any more
        for pid, pipe in children:
            os.kill(pid, signal.SIGKILL)
            os.close(pipe)
            os.waitpid(pid, 0)
        raise
    finally:
        for end in taken:
            os.close(end)
    return [done[i] if i in done else function(items[i]) for i in range(len(items))]


# How the items are shared: each process takes this many at a time, about TAKES_PER_PROCESS times in all
# (a take costs a lock; fewer, larger takes leave one process finishing alone).
TAKES_PER_PROCESS = 16
MAX_ITEMS_PER_TAKE = 32


def _counter() -> tuple[int, int]:
    """The counter the processes share: a pipe holding the index of the next item not yet taken, 8 bytes.

    A process takes the number out of the pipe and puts the next one back (:func:`_take`); meanwhile the pipe is
    empty, so the others wait in their read: a lock and a counter in one. (multiprocessing's shared ``Value`` did the
    same, but importing multiprocessing and making one cost 14 ms of every command reading enough forms to fork.)"""
    read_end, write_end = os.pipe()
    os.write(write_end, bytes(COUNTER_BYTES))
    return read_end, write_end


COUNTER_BYTES = 8  # one write of fewer than PIPE_BUF bytes is never split, so a read takes the whole number


def _take(taken: tuple[int, int], step: int) -> int:
    """The first of the next ``step`` items, taken from the shared counter (:func:`_counter`)."""
    read_end, write_end = taken
    start = int.from_bytes(os.read(read_end, COUNTER_BYTES), "little")
    os.write(write_end, (start + step).to_bytes(COUNTER_BYTES, "little"))
    return start


def _take_all(function: Callable[[Item], Outcome], items: Sequence[Item], taken: tuple[int, int],
              step: int) -> Iterator[tuple[int, Outcome]]:
    """The outcomes of the items this process takes (by index), until every item has been taken."""
    while True:
        start = _take(taken, step)
        if start >= len(items):
            return
        for i in range(start, min(start + step, len(items))):
            yield i, function(items[i])


def _fork_worker(function: Callable[[Item], Outcome], items: Sequence[Item], taken: tuple[int, int],
                 step: int) -> tuple[int, int]:
    """A forked worker taking items as :func:`_take_all` does: its pid and the pipe its outcomes come back on."""
    import pickle  # here: a command reading a few forms forks no worker

    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker: never returns
        status = 1
        try:
            os.close(read_end)
            data = pickle.dumps(list(_take_all(function, items, taken, step)), pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(data)
            status = 0
        finally:
            os._exit(status)  # no exit handlers, no buffers of the parent's flushed twice
    os.close(write_end)
    return pid, read_end


def _outcomes_of(pid: int, pipe: int) -> list[tuple[int, Any]]:
    """What a worker sent back; nothing when it died or failed (its items are then done again here)."""
    import pickle

    with os.fdopen(pipe, "rb") as stream:
        data = stream.read()
    _, status = os.waitpid(pid, 0)
    if status != 0:
        return []
    return pickle.loads(data)
