"""A command run under watch: a reader that kills the process is reported as the file it was reading.

python-calamine is native code. :mod:`bideval.xlsx_guard` refuses every file known to make it abort the
process, but an abort nobody has met yet cannot be caught by any ``except``: the process ends at once,
without a word, and whatever it was doing is lost. So ``python -m bideval`` runs its command in a forked
child and waits for it. Before each read the child notes the file and sheet in a page of memory the two
share (:func:`reading`); if the child dies of a signal while a read is noted, the parent reports that
file as damaged, in the command's language, and exits 2 (inputs are all read before anything is
written, so nothing was written). A death with no read noted is reported as bid-eval's own failure
(exit 1); an interruption (Ctrl-C, a kill) ends the parent the same way.

Without a watcher (the app, the tests, a platform without ``fork``) :func:`reading` costs a global lookup.
"""
from __future__ import annotations

import mmap
import os
import signal
import sys
import threading
from typing import Callable

# One slot per process that may read (the command and its reading workers, chosen by pid): a worker
# that dies makes the command read its files again itself, so the last death is the command's own.
SLOTS = 64
SLOT_BYTES = 2048
_HEAD = 12  # pid (4 bytes), record length (4), a spare word
SHEET_BYTES = 256  # a sheet's name is at most 31 characters in Excel; a crafted one is cut here

_page: mmap.mmap | None = None  # shared with the watching parent; None when not watched
_language = "en"

# Signals that mean someone stopped the command on purpose: the parent ends the same way, saying nothing.
_STOPPED_ON_PURPOSE = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGPIPE}


class reading:
    """Note, for the watcher, that this process is reading ``file`` (``sheet`` of it) until the block ends.

    A class, not a generator: it is entered twice for every bid form (opening it, reading its sheet)."""

    __slots__ = ("file", "sheet")

    def __init__(self, file: str, sheet: str | None = None):
        self.file, self.sheet = file, sheet

    def __enter__(self) -> None:
        if _page is not None:
            _write(_page, (self.file, self.sheet or "", _language))

    def __exit__(self, *exception: object) -> None:
        if _page is not None:
            _write(_page, None)


def set_language(language: str) -> None:
    """The language the watcher reports in: the command's (``zh`` when it was asked for, else English)."""
    global _language
    _language = language


def unwatched() -> None:
    """Note nothing for the watcher from now on: for a forked child whose death the process that forked it reports
    itself (its slot, chosen by pid, could be the command's own)."""
    global _page
    _page = None


def run_watched(command: Callable[[], int]) -> int:
    """``command()`` in a forked child, its exit code returned; a child killed while reading reported as above.

    Where forking is not possible or not safe (not POSIX, threads already running) the command runs here.
    """
    global _page
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return command()
    page = mmap.mmap(-1, SLOTS * SLOT_BYTES)
    sys.stdout.flush()
    sys.stderr.flush()
    child = os.fork()
    if child == 0:
        _page = page
        os._exit(_exit_code(command))
    return _wait(child, page)


def _exit_code(command: Callable[[], int]) -> int:
    """What ``command()`` exits with, as a process that ran it would (the forked child never returns)."""
    try:
        code: object = command()
    except SystemExit as stop:  # argparse: --help, a usage error
        code = stop.code
    except KeyboardInterrupt:
        code = 128 + signal.SIGINT
    except BaseException:  # bid-eval's own failure: its traceback, as without a watcher
        import traceback

        traceback.print_exc()
        code = 1
    _flush()
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def _wait(child: int, page: mmap.mmap) -> int:
    """The child's exit code, or what its death by a signal means (see the module's text)."""
    forwarded = {s: signal.signal(s, lambda number, frame: os.kill(child, number))
                 for s in (signal.SIGTERM, signal.SIGHUP)}
    interrupt = signal.signal(signal.SIGINT, signal.SIG_IGN)  # the child has it too, and answers it
    try:
        while True:
            try:
                _, status = os.waitpid(child, 0)
                break
            except InterruptedError:  # pragma: no cover - Python retries waitpid itself (PEP 475)
                continue
    finally:
        for s, handler in forwarded.items():
            signal.signal(s, handler)
        signal.signal(signal.SIGINT, interrupt)
    if os.WIFEXITED(status):
        return os.WEXITSTATUS(status)
    number = os.WTERMSIG(status)
    if number in _STOPPED_ON_PURPOSE:
        signal.signal(number, signal.SIG_DFL)
        os.kill(os.getpid(), number)
        return 128 + number  # pragma: no cover - the signal above ends this process
    noted = _read(page, child)
    name = _signal_name(number)
    if noted is None:
        print(f"bid-eval stopped unexpectedly ({name}) while not reading any file: please report this", file=sys.stderr)
        return 1
    from .errors import Problem
    from .messages import render

    file, sheet, language = noted
    problem = Problem.of("workbook.reader_stopped", file, sheet or None, part="sheet" if sheet else "workbook",
                         signal=name, number=number)
    print(render(problem, language), file=sys.stderr)
    return 2


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def _slot(pid: int) -> int:
    return (pid % SLOTS) * SLOT_BYTES


def _write(page: mmap.mmap, record: tuple[str, str, str] | None) -> None:
    """Note ``record`` (file, sheet, language) in this process's slot; None: reading nothing (its length made 0)."""
    pid = os.getpid()
    at = _slot(pid)
    if record is None:
        page[at + 4:at + 8] = bytes(4)
        return
    file, sheet, language = record
    data = b"\0".join((file.encode("utf-8", "replace")[:SLOT_BYTES - _HEAD - SHEET_BYTES - 8],
                       sheet.encode("utf-8", "replace")[:SHEET_BYTES], language.encode()))  # a name cut short still names
    page[at:at + _HEAD + len(data)] = pid.to_bytes(4, "little") + len(data).to_bytes(4, "little") + bytes(4) + data


def _read(page: mmap.mmap, pid: int) -> tuple[str, str, str] | None:
    """What ``pid`` last noted it was reading (file, sheet, language), if it was reading when it died."""
    at = _slot(pid)
    if int.from_bytes(page[at:at + 4], "little") != pid:
        return None
    length = int.from_bytes(page[at + 4:at + 8], "little")
    parts = bytes(page[at + _HEAD:at + _HEAD + length]).split(b"\0")
    if not 0 < length <= SLOT_BYTES - _HEAD or len(parts) != 3:
        return None
    file, sheet, language = (part.decode("utf-8", "replace") for part in parts)
    return file, sheet, "zh" if language == "zh" else "en"


def _flush() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):  # the reader has gone, or the stream was closed
            pass
