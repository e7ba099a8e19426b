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
    worker sends the outcomes of each take back, pickled, as soon as it has them, and this process takes in
    what has come between its own takes: the pickling and unpickling are shared out with the reading, not left
    to the end. ``function`` does not travel (the workers are forked). If a worker dies (a reader that aborts
    its process), or fails, the items it took and did not send back are done again here.
    """
    count = min(workers if workers is not None else workers_for(len(items)), len(items))
    if count <= 1 or not sys.platform.startswith("linux"):
        return [function(item) for item in items]
    taken = _counter()
    step = max(1, min(MAX_ITEMS_PER_TAKE, len(items) // (count * TAKES_PER_PROCESS)))
    children: list[_Worker] = []
    done: dict[int, Outcome] = {}
    try:
        children += (_fork_worker(function, items, taken, step) for _ in range(count - 1))
        for outcomes in _takes(function, items, taken, step):
            done.update(outcomes)
            for child in children:
                child.receive(done)
        while children:
            children.pop(0).finish(done)
    except BaseException:  # a bug here, an interruption: the workers' work is of no use any more
        for child in children:
            child.kill()
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


def _takes(function: Callable[[Item], Outcome], items: Sequence[Item], taken: tuple[int, int],
           step: int) -> Iterator[list[tuple[int, Outcome]]]:
    """The outcomes of each take of this process (by index), until every item has been taken."""
    while True:
        start = _take(taken, step)
        if start >= len(items):
            return
        yield [(i, function(items[i])) for i in range(start, min(start + step, len(items)))]


# A worker's outcomes come back in frames, one per take: its length in 8 bytes, then the pickled (index, outcome)
# pairs. The pipe is made large enough to hold many takes' frames; what it cannot hold yet (a panel's workbook, this
# process busy with a long take of its own) the worker keeps and sends after its next take: it never waits for this
# process, which takes the frames in between its own takes.
FRAME_HEAD = 8
PIPE_BYTES = 1 << 20
READ_BYTES = 1 << 16  # (a read of a megabyte would allocate one, mapped and unmapped, each time)


def _fork_worker(function: Callable[[Item], Outcome], items: Sequence[Item], taken: tuple[int, int],
                 step: int) -> _Worker:
    """A forked worker taking items as :func:`_takes` does, sending each take's outcomes back as it has them."""
    import fcntl  # (Linux alone forks)
    import pickle  # here: a command reading a few forms forks no worker

    read_end, write_end = os.pipe()
    try:
        fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except OSError:  # above the system's limit for this user: the default pipe, a worker waiting a little more often
        pass
    pid = os.fork()
    if pid == 0:  # the worker: never returns
        status = 1
        try:
            os.close(read_end)
            os.set_blocking(write_end, False)
            unsent = bytearray()  # what the pipe could not take yet: sent after the next take, never waited for
            for outcomes in _takes(function, items, taken, step):
                data = pickle.dumps(outcomes, pickle.HIGHEST_PROTOCOL)
                unsent += len(data).to_bytes(FRAME_HEAD, "little") + data
                _send(write_end, unsent)
            os.set_blocking(write_end, True)
            _send(write_end, unsent)
            status = 0
        finally:
            os._exit(status)  # no exit handlers, no buffers of the parent's flushed twice
    os.close(write_end)
    os.set_blocking(read_end, False)
    return _Worker(pid, read_end)


def _send(pipe: int, data: bytearray) -> None:
    """Write what the pipe takes of ``data`` (all of it, on a blocking pipe), removing it from ``data``."""
    sent = 0
    with memoryview(data) as view:
        try:
            while sent < len(view):
                sent += os.write(pipe, view[sent:])
        except BlockingIOError:  # the pipe is full: the rest waits for the next take
            pass
    del data[:sent]


class _Worker:
    """A forked worker as this process sees it: its pid, and the pipe its frames of outcomes come back on."""

    def __init__(self, pid: int, pipe: int):
        self.pid, self.pipe = pid, pipe
        self.pending = bytearray()  # what has come and is not a whole frame yet

    def receive(self, done: dict[int, Any]) -> None:
        """Take in, without waiting, the frames the worker has sent so far."""
        while True:
            try:
                data = os.read(self.pipe, READ_BYTES)
            except BlockingIOError:
                break
            if not data:
                break
            self.pending += data
        self._unpickle(done)

    def finish(self, done: dict[int, Any]) -> None:
        """Take in the rest of the worker's frames, to its end, and wait for it. A frame cut short (a worker that died
        writing it) is dropped: its items are done again here, as those of a worker that failed."""
        try:
            os.set_blocking(self.pipe, True)
            while data := os.read(self.pipe, READ_BYTES):
                self.pending += data
                self._unpickle(done)
        finally:
            os.close(self.pipe)
            os.waitpid(self.pid, 0)

    def kill(self) -> None:
        os.kill(self.pid, signal.SIGKILL)
        os.close(self.pipe)
        os.waitpid(self.pid, 0)

    def _unpickle(self, done: dict[int, Any]) -> None:
        import pickle

        at = 0
        while len(self.pending) - at >= FRAME_HEAD:
            size = int.from_bytes(self.pending[at:at + FRAME_HEAD], "little")
            if len(self.pending) - at - FRAME_HEAD < size:
                break
            done.update(pickle.loads(self.pending[at + FRAME_HEAD:at + FRAME_HEAD + size]))
            at += FRAME_HEAD + size
        del self.pending[:at]
