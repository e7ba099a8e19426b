"""python-calamine in a process of its own: a file that makes it abort ends that process, not the app's server.

python-calamine is native code, and on some hostile files it aborts the process it runs in: no ``except``
catches that. :mod:`bideval.xlsx_guard` refuses every kind of file known to do it; for a kind nobody has met
yet, the command line has :mod:`bideval.watchdog`, and the app's server, which serves every user and cannot be
restarted by a watcher, reads through this module. One child process per server reads each checked
workbook and sends back its sheet names and every sheet's rows (or the problem of each sheet it could not
read), so a read here is exactly the read :func:`bideval.sheets.calamine_sheets` would have done in place.
:mod:`bideval.read_ahead`'s forked child sends its reading the same way (:func:`send_book`, :func:`receive_book`).

If the child dies while reading, the file it was reading is reported as damaged, naming the sheet it had
reached (:func:`read_apart` says which), and the next read starts a new child. A read that takes longer
than :data:`TIME_LIMIT_S` is stopped the same way. One read at a time: reads are short (a bid form, a
panel sheet), and the lock keeps the conversation with the child whole.
"""
from __future__ import annotations

import marshal
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
from .sheets import CellRange, Sheets, calamine_sheets

TIME_LIMIT_S = 600  # a 200 MB workbook (the guard's limit) reads in well under a minute
_FRAME_HEAD = 9  # each message: its length (8 bytes, little-endian), how it is encoded (1 byte), then the data
# How a message's data is encoded: a sheet's rows with marshal when it can hold them all (str, float, int, bool:
# most sheets; it writes them five times faster than pickle), else pickled; every other message pickled.
_MESSAGE, _ROWS_MARSHALLED, _ROWS_PICKLED = b"p", b"m", b"r"


class ReadApart:
    """A workbook's sheets as another process read them: each sheet's rows as they were sent, or the problem it
    gave. A sheet's rows are decoded each time they are asked for, as python-calamine makes them anew each time."""

    def __init__(self, display: str, sheet_names: list[str], outcomes: dict[str, tuple[bytes, bytes] | Problem]):
        self.display = display
        self.sheet_names = sheet_names
        self._outcomes = outcomes
        self._merged: dict[str, list[CellRange]] = {}

    def rows(self, sheet: str) -> list[list[Any]]:
        outcome = self._outcomes[sheet]
        if isinstance(outcome, Problem):
            raise DamagedWorkbook([outcome])
        try:
            rows, merged = _decoded(*outcome)
            self._merged[sheet] = [((r0, c0), (r1, c1)) for (r0, c0), (r1, c1) in merged]
            return rows
        except Exception:  # not what any reader sends: the process that sent it went wrong
            raise DamagedWorkbook([stopped_problem(self.display, sheet, garbled=True)]) from None

    def merged(self, sheet: str) -> list[CellRange]:
        return self._merged.get(sheet, [])


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
        try:
            _send(self.process.stdin, (str(path), content, display))
            return receive_book(self.process.stdout.fileno(), display, time.monotonic() + TIME_LIMIT_S)
        except Stopped as stopped:
            self.stop()
            return None, [stopped_problem(display, stopped.sheet, self.process.returncode, stopped.timed_out,
                                          stopped.garbled)]
        except BaseException:  # interrupted half-way (the app stopping a run): the conversation cannot go on
            self.stop()
            raise

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


class Stopped(Exception):
    """The reading process stopped before its reply was whole: it died, it ran past the time limit (``timed_out``),
    or it sent what no reader sends (``garbled``); ``sheet``: the sheet it had said it was reading."""

    def __init__(self, timed_out: bool = False, garbled: bool = False, sheet: str | None = None):
        super().__init__(sheet)
        self.timed_out, self.garbled, self.sheet = timed_out, garbled, sheet


def stopped_problem(display: str, sheet: str | None, code: int | None = None, timed_out: bool = False,
                    garbled: bool = False) -> Problem:
    """The problem of a file the reading process died on (``code``: its exit code, or minus the signal that ended
    it), was stopped on after the time limit, or answered with what no reader sends."""
    number = seconds = None
    if timed_out:
        cause, seconds = f"over {TIME_LIMIT_S} s", TIME_LIMIT_S
    elif garbled:
        cause = "an unreadable reply"
    elif code is not None and code < 0:
        cause, number = _signal_name(-code), -code
    else:
        cause = f"exit status {code}"
    return Problem.of("workbook.reader_stopped", display, sheet, part="sheet" if sheet else "workbook",
                      signal=cause, number=number, seconds=seconds)


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


def send_book(stream: IO[bytes], path: Path, content: bytes | None, display: str) -> None:
    """Read a checked workbook as :func:`bideval.sheets.calamine_sheets` does and send what it gives, for
    :func:`receive_book`: ``("problems", problems)`` when it cannot be opened, else ``("book", names)`` and, for
    each sheet, ``("sheet", name)`` before reading it, then its rows (or ``("problem", problem)``)."""
    sheets, problems = calamine_sheets(path, content, display)
    if sheets is None:
        _send(stream, ("problems", problems))
        return
    _send(stream, ("book", sheets.sheet_names))
    for name in sheets.sheet_names:
        _send(stream, ("sheet", name))
        try:
            rows = sheets.rows(name)
        except DamagedWorkbook as damaged:
            _send(stream, ("problem", damaged.problems[0]))
            continue
        _send_data(stream, *_encoded(rows, sheets.merged(name)))


def read_whole(sheets: Sheets, display: str) -> tuple[str, list[str], dict[str, tuple[bytes, bytes] | Problem]]:
    """Every sheet of ``sheets`` read now, as :class:`ReadApart`'s arguments: each sheet's rows encoded as
    :func:`send_book` sends them, or the problem it gave. How a workbook open in python-calamine travels to another
    process (:class:`bideval.sheets.CalamineSheets` pickles as this)."""
    outcomes: dict[str, tuple[bytes, bytes] | Problem] = {}
    for name in sheets.sheet_names:
        try:
            outcomes[name] = _encoded(sheets.rows(name), sheets.merged(name))
        except DamagedWorkbook as damaged:
            outcomes[name] = damaged.problems[0]
    return display, list(sheets.sheet_names), outcomes


def _encoded(rows: list[list[Any]], merged: list[CellRange]) -> tuple[bytes, bytes]:
    """A sheet's rows and merged ranges as they travel: (how, data)."""
    try:
        return _ROWS_MARSHALLED, marshal.dumps((rows, merged))
    except ValueError:  # a date, a time or a duration: marshal knows none of them
        return _ROWS_PICKLED, pickle.dumps((rows, merged), protocol=pickle.HIGHEST_PROTOCOL)


def receive_book(fd: int, display: str, deadline: float) -> tuple[ReadApart | None, list[Problem]]:
    """What :func:`send_book` sent on ``fd``: the workbook's sheets, or its problems; raises :class:`Stopped` when
    the sender stops half-way or runs past ``deadline`` (``time.monotonic()``)."""
    sheet: str | None = None
    try:
        kind, found = _receive(fd, deadline)
        if kind == "problems":
            return None, found
        names = list(found)
        outcomes: dict[str, tuple[bytes, bytes] | Problem] = {}
        for name in names:
            if _receive(fd, deadline) != ("sheet", name):
                raise Stopped(garbled=True, sheet=sheet)
            sheet = name  # the sender is reading this sheet
            how, data = _receive_data(fd, deadline)
            if how == _MESSAGE:
                kind, problem = _decoded(how, data)
                if kind != "problem" or not isinstance(problem, Problem):
                    raise Stopped(garbled=True, sheet=sheet)
                outcomes[name] = problem
            elif how in (_ROWS_MARSHALLED, _ROWS_PICKLED):
                outcomes[name] = (how, data)
            else:
                raise Stopped(garbled=True, sheet=sheet)
            sheet = None
        return ReadApart(display, names, outcomes), []
    except Stopped as stopped:
        stopped.sheet = stopped.sheet or sheet
        raise
    except Exception:  # not what send_book sends
        raise Stopped(garbled=True, sheet=sheet) from None


def _decoded(how: bytes, data: bytes) -> Any:
    return marshal.loads(data) if how == _ROWS_MARSHALLED else pickle.loads(data)


def _send(stream: IO[bytes], message: Any) -> None:
    _send_data(stream, _MESSAGE, pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))


def _send_data(stream: IO[bytes], how: bytes, data: bytes) -> None:
    try:
        stream.write(len(data).to_bytes(_FRAME_HEAD - 1, "little") + how)
        stream.write(data)
        stream.flush()
    except (BrokenPipeError, ValueError):  # the other end has gone
        raise Stopped() from None


def _receive(fd: int, deadline: float) -> Any:
    return _decoded(*_receive_data(fd, deadline))


def _receive_data(fd: int, deadline: float) -> tuple[bytes, bytes]:
    head = _read_exactly(fd, _FRAME_HEAD, deadline)
    return head[-1:], _read_exactly(fd, int.from_bytes(head[:-1], "little"), deadline)


def _read_exactly(fd: int, size: int, deadline: float) -> bytes:
    ready = select.poll()  # not select.select: a busy server's descriptors run past 1024
    ready.register(fd, select.POLLIN)
    chunks: list[bytes] = []
    while size:
        left = None if deadline == float("inf") else deadline - time.monotonic()
        if left is not None and (left <= 0 or not ready.poll(left * 1000)):
            raise Stopped(timed_out=True)
        chunk = os.read(fd, min(size, 1 << 20))
        if not chunk:  # the sender died
            raise Stopped()
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


# -- the child
def serve() -> None:
    """Read workbooks as the parent asks, until it closes the pipe, and send each back (:func:`send_book`)."""
    replies = os.fdopen(os.dup(1), "wb")
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)  # nothing printed by mistake can break the conversation
    requests = sys.stdin.buffer.fileno()
    while True:
        try:
            path, content, display = _receive(requests, float("inf"))
            send_book(replies, Path(path), content, display)
        except Stopped:  # the parent has gone
            return


if __name__ == "__main__":
    serve()
