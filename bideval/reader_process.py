"""python-calamine in a process of its own: a file that makes it abort ends that process, not the app's server.

python-calamine is native code, and on some hostile files it aborts the process it runs in: no ``except``
catches that. :mod:`bideval.xlsx_guard` refuses every kind of file known to do it; for a kind nobody has met
yet, the command line has :mod:`bideval.watchdog`, and the app's server, which serves every user and cannot be
restarted by a watcher, reads through this module. One child process per server reads each checked
workbook and sends back its sheet names and every sheet's rows (or the problem of each sheet it could not
read), so a read here is exactly the read :func:`bideval.sheets.calamine_sheets` would have done in place.

If the child dies while reading, the file it was reading is reported as damaged, naming the sheet it had
reached (:func:`read_apart` says which), and the next read starts a new child. A read that takes longer
than :data:`TIME_LIMIT_S` is stopped the same way. One read at a time: reads are short (a bid form, a
panel sheet), and the lock keeps the conversation with the child whole.
"""
from __future__ import annotations

import os
import pickle
import select
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO, Any

from .errors import DamagedWorkbook, Problem
from .sheets import calamine_sheets

TIME_LIMIT_S = 600  # a 200 MB workbook (the guard's limit) reads in well under a minute
_FRAME_HEAD = 8  # each message: its length (8 bytes, little-endian), then the pickle


class ReadApart:
    """A workbook's sheets as the reader process read them: each sheet's rows, or the problem it gave."""

    def __init__(self, sheet_names: list[str], outcomes: dict[str, list[list[Any]] | Problem]):
        self.sheet_names = sheet_names
        self._outcomes = outcomes

    def rows(self, sheet: str) -> list[list[Any]]:
        outcome = self._outcomes[sheet]
        if isinstance(outcome, Problem):
            raise DamagedWorkbook([outcome])
        return outcome


def read_apart(path: Path, content: bytes | None, display: str) -> tuple[ReadApart | None, list[Problem]]:
    """What :func:`bideval.sheets.calamine_sheets` gives for this checked workbook, read in the reader process."""
    with _lock:
        return _reader().read(path, content, display)


class _Reader:
    """The parent's end of one reader process."""

    def __init__(self) -> None:
        package_home = str(Path(__file__).resolve().parent.parent)
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (package_home, os.environ.get("PYTHONPATH"))))}
        self.owner = os.getpid()
        self.process = subprocess.Popen([sys.executable, "-m", "bideval.reader_process"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)

    def read(self, path: Path, content: bytes | None, display: str) -> tuple[ReadApart | None, list[Problem]]:
        assert self.process.stdin is not None and self.process.stdout is not None
        deadline = time.monotonic() + TIME_LIMIT_S
        sheet: str | None = None
        try:
            _send(self.process.stdin, (str(path), content, display))
            while True:
                kind, *data = _receive(self.process.stdout, deadline)
                if kind == "sheet":  # the child is about to read this sheet
                    sheet = data[0]
                elif kind == "problems":
                    return None, data[0]
                else:
                    names, outcomes = data
                    return ReadApart(names, outcomes), []
        except _Stopped as stopped:
            return None, [self._stopped(display, sheet, stopped.timed_out)]
        except BaseException:  # interrupted half-way (the app stopping a run): the conversation cannot go on
            self.stop()
            raise

    def _stopped(self, display: str, sheet: str | None, timed_out: bool) -> Problem:
        """The problem of a file the child died on (or was stopped on, after the time limit)."""
        self.stop()
        code = self.process.returncode
        if timed_out:
            cause, number, seconds = f"over {TIME_LIMIT_S} s", None, TIME_LIMIT_S
        elif code is not None and code < 0:
            cause, number, seconds = _signal_name(-code), -code, None
        else:
            cause, number, seconds = f"exit status {code}", None, None
        return Problem.of("workbook.reader_stopped", display, sheet, part="sheet" if sheet else "workbook",
                          signal=cause, number=number, seconds=seconds)

    def stop(self) -> None:
        """End the reader process (if it still runs) and close the pipes to it."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None:
                try:
                    pipe.close()
                except OSError:  # a request half-written to a reader that died
                    pass

    @property
    def alive(self) -> bool:
        return self.owner == os.getpid() and self.process.poll() is None


class _Stopped(Exception):
    def __init__(self, timed_out: bool = False):
        self.timed_out = timed_out


_lock = threading.Lock()
_current: _Reader | None = None


def _reader() -> _Reader:
    """The reader process, started on first use and again after it died."""
    global _current
    if _current is None or not _current.alive:
        if _current is not None and _current.owner == os.getpid():
            _current.stop()
        _current = _Reader()
    return _current


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def _send(stream: IO[bytes], message: Any) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    try:
        stream.write(len(data).to_bytes(_FRAME_HEAD, "little"))
        stream.write(data)
        stream.flush()
    except (BrokenPipeError, ValueError):  # the child has gone
        raise _Stopped() from None


def _receive(stream: IO[bytes], deadline: float) -> Any:
    size = int.from_bytes(_read_exactly(stream, _FRAME_HEAD, deadline), "little")
    return pickle.loads(_read_exactly(stream, size, deadline))


def _read_exactly(stream: IO[bytes], size: int, deadline: float) -> bytes:
    fd = stream.fileno()
    ready = select.poll()  # not select.select: a busy server's descriptors run past 1024
    ready.register(fd, select.POLLIN)
    chunks: list[bytes] = []
    while size:
        left = None if deadline == float("inf") else deadline - time.monotonic()
        if left is not None and (left <= 0 or not ready.poll(left * 1000)):
            raise _Stopped(timed_out=True)
        chunk = os.read(fd, min(size, 1 << 20))
        if not chunk:  # the child died
            raise _Stopped()
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


# -- the child
def serve() -> None:
    """Read workbooks as the parent asks, until it closes the pipe: for each, ``("sheet", name)`` before reading
    a sheet, then ``("book", names, outcomes)``, or ``("problems", problems)`` when it cannot be opened."""
    replies = os.fdopen(os.dup(1), "wb")
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)  # nothing printed by mistake can break the conversation
    requests = sys.stdin.buffer
    while True:
        try:
            path, content, display = _receive(requests, float("inf"))
        except _Stopped:  # the parent has gone
            return
        sheets, problems = calamine_sheets(Path(path), content, display)
        if sheets is None:
            _send(replies, ("problems", problems))
            continue
        outcomes: dict[str, list[list[Any]] | Problem] = {}
        for name in sheets.sheet_names:
            _send(replies, ("sheet", name))
            try:
                outcomes[name] = sheets.rows(name)
            except DamagedWorkbook as damaged:
                outcomes[name] = damaged.problems[0]
        _send(replies, ("book", sheets.sheet_names, outcomes))


if __name__ == "__main__":
    serve()
