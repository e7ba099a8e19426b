"""A large workbook read by a forked child while the guard checks it: the same workbook and the same problems as
reading one after the other; a file the guard refuses or a child that dies costs nothing but that file's problem.

The workbooks are real and above READ_AHEAD_BYTES; the sequential reading they are compared with is the same
function with the threshold raised out of reach. A child is killed the way anything outside would kill it: by its
pid, found among this process's children in /proc.
"""
from __future__ import annotations

import datetime
import errno
import json
import mmap
import os
import re
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter

import bideval.read_ahead as read_ahead
import bideval.sheets as sheets
import bideval.watchdog as watchdog
from bideval.errors import DamagedWorkbook
from bideval.sheets import open_workbook
from conftest import EXAMPLE_RUBRIC, ROOT, VENDOR_A, good_bid, write_form
from crafted import changed, far_cell

FORKS: list[int] = []  # one entry for each fork this process makes
os.register_at_fork(after_in_parent=lambda: FORKS.append(os.getpid()))

BIDS = 30_000  # rows of the large Bids sheet: about 1.3 MB of file


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A consolidated workbook above READ_AHEAD_BYTES: sheet Bids (text, numbers, booleans: sent with marshal),
    sheet Dates (dates and times: pickled), a cell showing #DIV/0!, a hidden row and a hidden column."""
    path = tmp_path_factory.mktemp("big") / "big.xlsx"
    bids = [good_bid(f"91110000{n:010d}", name=f"有效{n:05d}公司", similar_projects=n % 7,
                     rate_per_call=round(0.5 + n % 97 / 100, 2)) for n in range(BIDS)]
    headers = list(bids[0])
    book = xlsxwriter.Workbook(path, {"strings_to_numbers": False, "strings_to_formulas": False})
    sheet = book.add_worksheet("Bids")
    for c, header in enumerate(headers):
        sheet.write_string(0, c, header)
    for r, bid in enumerate(bids, start=1):
        for c, header in enumerate(headers):
            value = bid[header]
            if isinstance(value, str):
                sheet.write_string(r, c, value)
            else:
                sheet.write(r, c, value)
    dates = book.add_worksheet("Dates")
    dated = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    dates.write_datetime(0, 0, datetime.datetime(2026, 11, 30, 9, 30), dated)
    dates.write_boolean(0, 1, True)
    dates.write_formula(1, 0, "=1/0", None, "#DIV/0!")
    dates.write_string(2, 0, "hidden")
    dates.set_row(2, None, None, {"hidden": True})
    dates.set_column(1, 1, None, None, {"hidden": True})
    dates.merge_range(4, 0, 6, 1, "merged")
    book.close()
    assert path.stat().st_size >= sheets.READ_AHEAD_BYTES
    return path


@pytest.fixture
def one_after_the_other(monkeypatch: pytest.MonkeyPatch):
    """Open a workbook as before read-ahead: the guard, then python-calamine, in this process."""
    def read(path: Path) -> Any:
        with monkeypatch.context() as m:
            m.setattr(sheets, "READ_AHEAD_BYTES", 1 << 62)
            return read_in_full(path)
    return read


def read_in_full(path: Path) -> tuple[Any, ...]:
    """Everything a reader learns of a workbook: its problems, or its names, digest, notes and every sheet's rows
    (or the problem of a sheet that cannot be read)."""
    book, problems = open_workbook(path)
    if book is None:
        return (problems,)
    sheets_read: dict[str, Any] = {}
    for name in book.sheet_names:
        try:
            sheets_read[name] = (book.rows(name), book.merged(name))
        except DamagedWorkbook as damaged:
            sheets_read[name] = damaged.problems
    return problems, book.sheet_names, book.sha256, book.notes, sheets_read


def children() -> set[int]:
    """This process's child processes, exited but not yet reaped ones too."""
    return {int(pid) for pid in Path(f"/proc/self/task/{os.getpid()}/children").read_text().split()}


def forks_while(work: Any) -> tuple[Any, int]:
    before = len(FORKS)
    outcome = work()
    return outcome, len(FORKS) - before


def test_a_large_workbook_read_ahead_is_the_workbook_read_one_after_the_other(big, one_after_the_other):
    (ahead, *_), forked = forks_while(lambda: (read_in_full(big),))
    before, forked_before = forks_while(lambda: one_after_the_other(big))
    assert (forked, forked_before) == (1, 0)
    assert ahead == before
    problems, names, _, notes, rows = ahead
    assert problems == [] and names == ["Bids", "Dates"] and notes.hidden_rows == {"Dates": frozenset({3})}
    assert notes.hidden_columns == {"Dates": frozenset({2})}
    (bids, bids_merged), (dates, dates_merged) = rows["Bids"], rows["Dates"]
    assert len(bids) == BIDS + 1 and bids[1][:2] == ["911100000000000000", "有效00000公司"] and bids_merged == []
    assert dates[0] == [datetime.datetime(2026, 11, 30, 9, 30), True]
    assert str(dates[1][0]) == "#DIV/0!"  # the guard's note, put in place of python-calamine's ''
    assert dates_merged == [((4, 0), (6, 1))]  # the merged ranges come back from the child too


def test_each_reading_of_a_sheet_is_a_list_of_its_own(big):
    """As python-calamine makes a sheet's rows anew each time: changing one reading leaves the next alone."""
    book, _ = open_workbook(big)
    assert book is not None
    first = book.rows("Bids")
    first[1][0] = "changed"
    assert book.rows("Bids")[1][0] == "911100000000000000"


def test_a_sheet_python_calamine_cannot_parse_is_that_sheet_s_problem_either_way(big, one_after_the_other, tmp_path):
    broken = changed(big, tmp_path / "broken.xlsx", "xl/worksheets/sheet1.xml",
                     lambda xml: re.sub(rb'<c r="(B2)" t="s"><v>[0-9]+</v></c>',  # an entity no XML defines
                                        rb'<c r="\1" t="inlineStr"><is><t>&bogus;</t></is></c>', xml, count=1))
    ahead, forked = forks_while(lambda: read_in_full(broken))
    assert forked == 1 and ahead == one_after_the_other(broken)
    (problem,) = ahead[4]["Bids"]
    assert problem.sheet == "Bids" and "&bogus;" in problem.message
    assert ahead[4]["Dates"][0][0][1] is True


def test_a_workbook_python_calamine_cannot_open_is_its_problem_either_way(big, one_after_the_other, tmp_path):
    broken = changed(big, tmp_path / "broken.xlsx", "xl/sharedStrings.xml",
                     lambda xml: xml.replace(b"<t>vendor_id</t>", b"<t>&bogus;</t>", 1))
    ahead, forked = forks_while(lambda: read_in_full(broken))
    assert forked == 1 and ahead == one_after_the_other(broken)
    (problem,) = ahead[0]
    assert problem.code == "workbook.damaged" and problem.sheet is None and "&bogus;" in problem.message


def test_a_large_workbook_the_guard_refuses_gives_the_guard_s_problems_and_leaves_nothing(big, one_after_the_other,
                                                                                         tmp_path, monkeypatch):
    """A cell at XFD1048576 makes python-calamine reserve 512 GiB: the child may be reading it when the guard
    refuses the file; it is killed and reaped, its temporary folder removed, and only the guard speaks."""
    far = far_cell(big, tmp_path / "far.xlsx")
    before = children()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "temporary"))
    (tmp_path / "temporary").mkdir()
    (refused,), forked = forks_while(lambda: read_in_full(far))
    assert forked == 1 and children() == before and not any((tmp_path / "temporary").iterdir())
    monkeypatch.undo()
    assert (refused,) == one_after_the_other(far)
    assert refused and all(problem.code.startswith("guard.") for problem in refused)


def test_a_large_workbook_is_read_here_when_no_process_can_be_forked(big, one_after_the_other, monkeypatch):
    def refused() -> int:
        raise BlockingIOError(errno.EAGAIN, "Resource temporarily unavailable")

    with monkeypatch.context() as m:
        m.setattr(os, "fork", refused)  # the kernel out of processes
        here = read_in_full(big)
    assert here == one_after_the_other(big) and here[0] == []


def test_a_bid_form_is_not_read_ahead(tmp_path):
    form = write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A))
    (book, problems), forked = forks_while(lambda: open_workbook(form))
    assert forked == 0 and problems == [] and book is not None and book.rows("Bid")[1][2] == VENDOR_A


def test_a_child_killed_while_reading_is_the_file_s_problem_and_notes_nothing_for_the_watcher(big, monkeypatch):
    """The child is killed a moment after it starts, while the guard still checks the file: the file is reported
    as the reader process reports it, and the watcher's page holds no note of the child's."""
    page = mmap.mmap(-1, watchdog.SLOTS * watchdog.SLOT_BYTES)
    monkeypatch.setattr(watchdog, "_page", page)
    before = children()
    seen: list[int] = []
    killed: list[int] = []
    limits: list[str] = []

    def kill_the_child(number: int, frame: Any) -> None:
        child = children() - before
        if not child or not seen:  # not forked yet, or only just: look again in a moment
            seen.extend(child)
            signal.setitimer(signal.ITIMER_REAL, 0.02)
            return
        for pid in child:
            limits.extend(line for line in Path(f"/proc/{pid}/limits").read_text().splitlines()
                          if line.startswith("Max address space"))
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)

    saved = signal.signal(signal.SIGALRM, kill_the_child)
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.03)
        book, (problem,) = open_workbook(big)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, saved)
    assert book is None and len(killed) == 1 and children() == before
    part = "the sheet" if problem.sheet else "the workbook"
    assert (problem.code, problem.file, problem.sheet in (None, "Bids")) == ("workbook.reader_stopped", str(big), True)
    assert problem.message == (f"damaged .xlsx: the spreadsheet reader stopped while reading {part} (SIGKILL), so it "
                               "cannot be read; open it in Excel and save it again, or ask for the file again")
    pids = {int.from_bytes(page[at:at + 4], "little") for at in range(0, len(page), watchdog.SLOT_BYTES)}
    assert pids <= {0, os.getpid()}
    (limit,) = limits  # the child's address space: what it was forked with, and MEMORY_BUDGET_BYTES more
    soft = int(limit.split()[3])
    assert read_ahead.MEMORY_BUDGET_BYTES < soft < read_ahead.MEMORY_BUDGET_BYTES + 64 * 1024**3


# -- the command line, under its watcher
BLIND_GUARD = ("import bideval.sheets as s; from bideval.sheet_notes import SheetNotes; "
               "s.scan_xlsx = lambda source, display, currency=None, file_role=None: ([], SheetNotes())\n")
ONE_AFTER_THE_OTHER = "import bideval.sheets as s; s.READ_AHEAD_BYTES = 1 << 62\n"
COUNTING_FORKS = ("import os, sys; forks = sys.argv.pop(1); os.register_at_fork(after_in_parent=lambda: "
                  "open(forks, 'a').write(f'{os.getpid()}\\n'))\n")
WATCHED_CLI = "import runpy, sys; sys.argv[0] = 'bideval'; runpy.run_module('bideval', run_name='__main__')\n"


def evaluate(code: str, forks: Path, bids: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", COUNTING_FORKS + code + WATCHED_CLI, str(forks), "evaluate",
                           "--criteria", str(EXAMPLE_RUBRIC), "--bids", str(bids), "--json", str(out)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)


def test_the_command_reads_a_large_workbook_ahead_and_says_the_same(big, tmp_path):
    ahead = evaluate("", tmp_path / "forks-ahead", big, tmp_path / "ahead.json")
    before = evaluate(ONE_AFTER_THE_OTHER, tmp_path / "forks-before", big, tmp_path / "before.json")
    assert ahead.returncode == before.returncode == 0, ahead.stderr[-2000:]
    assert (ahead.stdout, ahead.stderr) == (before.stdout, before.stderr) and ahead.stderr == ""
    result = json.loads((tmp_path / "ahead.json").read_text(encoding="utf-8"))
    assert result == json.loads((tmp_path / "before.json").read_text(encoding="utf-8"))
    assert len(result["ranking"]) == BIDS
    # the watcher forks the command, and the command its reading child
    assert len(set((tmp_path / "forks-ahead").read_text().split())) == 2
    assert len(set((tmp_path / "forks-before").read_text().split())) == 1


def test_the_command_reports_a_reading_child_that_aborts_as_that_file_s_problem(big, tmp_path):
    """A cell at XFD1048576, past a guard made blind (as for a kind of file it does not know yet): python-calamine
    aborts the child; the command says so, in the reader process's words, and exits 2 without a traceback."""
    far = far_cell(big, tmp_path / "far.xlsx")
    done = evaluate(BLIND_GUARD, tmp_path / "forks", far, tmp_path / "result.json")
    assert done.returncode == 2, done.stderr[-2000:]
    assert done.stderr == (f"{far}:Bids: damaged .xlsx: the spreadsheet reader stopped while reading the sheet "
                           "(SIGABRT), so it cannot be read; open it in Excel and save it again, or ask for the file "
                           "again\n")
    assert done.stdout == "" and not (tmp_path / "result.json").exists()
    assert len(set((tmp_path / "forks").read_text().split())) == 2
