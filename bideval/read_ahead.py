"""Reading a large workbook with python-calamine in a forked child while this process checks it with the guard.

On a 50,000-row bids sheet the guard's check (:func:`bideval.xlsx_guard.scan_xlsx`) and python-calamine's read
each take about half a second, one after the other. Here a forked child reads every sheet from the same bytes
while the guard checks them, and sends its reading back through a pipe (:func:`bideval.reader_process.send_book`).
python-calamine still never reads unchecked bytes in this process: when the guard refuses the file, the child is
killed and nothing it read is used; when the guard passes it, the child's reading is exactly what
:func:`bideval.sheets.calamine_sheets` would have given here.

The child is contained: its address space is bounded (:data:`MEMORY_BUDGET_BYTES`), so a file that makes
python-calamine reserve hundreds of GiB ends the child, not the machine's memory; it writes nothing to this
process's stdout or stderr; it notes nothing for :mod:`bideval.watchdog`; and it leaves only with ``os._exit``.
If it dies, or runs past the reader's time limit, the file is reported as the reader process reports it
(``workbook.reader_stopped``, naming the sheet it had reached).
"""
from __future__ import annotations

import faulthandler
import os
import resource
import shutil
import signal
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, NoReturn

from . import watchdog
from .errors import Problem
from .reader_process import TIME_LIMIT_S, ReadApart, Stopped, receive_book, send_book, stopped_problem
from .sheets import Sheets, calamine_sheets

# How much address space the child may take beyond what it was forked with. The guard passes at most 200 MB of
# unpacked parts and 5,000,000 cells a sheet; python-calamine and the rows it makes took 130 MB more address space
# for the 1,150,000 cells (45 MB of sheet XML) of a 50,000-row bids sheet, so a sheet at the guard's limits needs
# about 600 MB and 4 GiB leaves room for several times that. A file that asks for more (a cell at XFD1048576:
# 512 GiB; a zip bomb) is one the guard refuses: the child fails its allocation and ends, alone.
MEMORY_BUDGET_BYTES = 4 * 1024**3


class ReadAhead:
    """A forked child reading a workbook: its process id (``pid``) and the pipe its reading comes back on."""

    def __init__(self, pid: int, pipe: int, display: str):
        self.pid = pid
        self.display = display
        self._pipe: int | None = pipe
        self._deadline = time.monotonic() + TIME_LIMIT_S
        self._status: int | None = None  # its exit code (minus the signal that ended it), once reaped

    def sheets(self) -> tuple[ReadApart | None, list[Problem]]:
        """What :func:`bideval.sheets.calamine_sheets` gives for the workbook, as the child read it: to be asked
        only once the guard has passed the workbook."""
        assert self._pipe is not None
        try:
            return receive_book(self._pipe, self.display, self._deadline)
        except Stopped as stopped:
            self.stop()  # reaped first: the problem says how it ended
            return None, [stopped_problem(self.display, stopped.sheet, self._status, stopped.timed_out,
                                          stopped.garbled)]
        finally:
            self.stop()  # (again: nothing)

    def stop(self) -> None:
        """End the child if it still runs, reap it and close the pipe (again: nothing)."""
        if self._pipe is not None:
            os.close(self._pipe)
            self._pipe = None
        if self._status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:  # pragma: no cover - a child not yet reaped can always be signalled
                pass
            _, status = os.waitpid(self.pid, 0)
            self._status = os.waitstatus_to_exitcode(status)


@contextmanager
def read_ahead(path: Path, content: bytes, display: str) -> Iterator[ReadAhead | ReadHere]:
    """A forked child reading the workbook ``content`` (named ``path``) while the block runs; ended and reaped
    when the block ends, however it ends. When no process can be forked (out of processes or memory), the
    workbook is read here instead, when asked for, after its check, as without read-ahead.

    The child's temporary files (python-calamine reads a damaged workbook again from a copy) go in a folder of its
    own, removed here: a child killed half-way through writing one leaves nothing behind.
    """
    folder = tempfile.mkdtemp(prefix="bideval-")
    try:
        try:
            child: ReadAhead | ReadHere = _fork_reader(path, content, display, folder)
        except OSError:
            child = ReadHere(path, content, display)
        try:
            yield child
        finally:
            child.stop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


class ReadHere:
    """The workbook read in this process, by :func:`bideval.sheets.calamine_sheets`, when no child could be forked."""

    def __init__(self, path: Path, content: bytes, display: str):
        self.path, self.content, self.display = path, content, display

    def sheets(self) -> tuple[Sheets | None, list[Problem]]:
        """What :func:`bideval.sheets.calamine_sheets` gives: to be asked only once the guard has passed the workbook."""
        return calamine_sheets(self.path, self.content, self.display)

    def stop(self) -> None:
        """Nothing to end."""


def _fork_reader(path: Path, content: bytes, display: str, folder: str) -> ReadAhead:
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        raise
    if pid == 0:
        _read_in_child(read_end, write_end, path, content, display, folder)
    os.close(write_end)
    return ReadAhead(pid, read_end, display)


def _read_in_child(read_end: int, write_end: int, path: Path, content: bytes, display: str,
                   folder: str) -> NoReturn:
    """The child: read the workbook and send it on ``write_end``; never returns."""
    status = 1
    try:
        os.close(read_end)
        tempfile.tempdir = folder
        watchdog.unwatched()  # this process reports the child's death itself, in words of its own
        quiet = os.open(os.devnull, os.O_WRONLY)
        os.dup2(quiet, 1)  # this process's output is the command's: nothing written by mistake may join it
        os.dup2(quiet, 2)  # nor Rust's panic text (a panic is a located problem, sent back as any other)
        faulthandler.disable()  # nor, on an abort, the Python traceback it writes to a stderr of its own
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limits = [_address_space() + MEMORY_BUDGET_BYTES] + [n for n in (soft, hard) if n != resource.RLIM_INFINITY]
        resource.setrlimit(resource.RLIMIT_AS, (min(limits), hard))  # never more than was allowed already
        # Not closed here: the pipe ends with the process, so the parent's end of file means the child has died.
        send_book(open(write_end, "wb"), path, content, display)
        status = 0
    finally:
        os._exit(status)  # no exit handlers, no buffers of the parent's flushed twice


def _address_space() -> int:
    """The bytes of address space this process holds now."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
