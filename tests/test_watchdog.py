"""The watched command line: a reader that kills the process is reported as the file it was reading.

The guard refuses every file known to make python-calamine abort. To see what happens with a kind nobody
has met yet, these tests run the real command line on files of the known kinds with the guard's package
check replaced by one that lets everything through (as it would let through an unknown kind): the real
reader really aborts, in the real forked child.
"""
from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLE_RUBRIC, ROOT, VENDOR_A, good_bid, write_form
from crafted import far_cell, string_bomb

# The guard missing a kind of file: everything passes the package check.
BLIND_GUARD = ("import bideval.sheets as s; from bideval.sheet_notes import SheetNotes; "
               "s.scan_xlsx = lambda source, display, currency=None, file_role=None: ([], SheetNotes())\n")
WATCHED_CLI = "import runpy, sys; sys.argv[0] = 'bideval'; runpy.run_module('bideval', run_name='__main__')\n"


@pytest.fixture
def form(tmp_path: Path) -> Path:
    return write_form(tmp_path / "good.xlsx", good_bid(VENDOR_A))


def run(code: str, *argv: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code, *map(str, argv)], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)


def evaluate(bids: Path | str, out: Path, *more: str) -> tuple[str, ...]:
    return ("evaluate", "--criteria", str(EXAMPLE_RUBRIC), "--bids", str(bids), "--json", str(out), *more)


def test_a_reader_aborting_on_opening_a_workbook_is_that_file_s_problem(form, tmp_path):
    bomb = string_bomb(form, tmp_path / "bomb.xlsx")
    out = tmp_path / "result.json"
    done = run(BLIND_GUARD + WATCHED_CLI, *evaluate(bomb, out))
    assert done.returncode == 2, done.stderr[-2000:]
    assert done.stderr == (f"{bomb}: damaged .xlsx: the spreadsheet reader stopped while reading the workbook "
                           "(SIGABRT), so it cannot be read; open it in Excel and save it again, "
                           "or ask for the file again\n")
    assert not out.exists()


def test_a_reader_aborting_on_a_sheet_names_the_sheet_in_the_command_s_language(form, tmp_path):
    bad = far_cell(form, tmp_path / "far.xlsx")
    out = tmp_path / "result.json"
    done = run(BLIND_GUARD + WATCHED_CLI, *evaluate(bad, out, "--lang", "zh"))
    assert done.returncode == 2, done.stderr[-2000:]
    assert done.stderr == (f"{bad}:Bid：文件已损坏：读取工作表时表格读取程序异常终止（信号 6），无法读取；"
                           "请用 Excel 打开后重新保存，或请对方重新提供该文件\n")
    assert not out.exists()


def test_a_reading_worker_that_aborts_is_read_again_and_the_file_reported(form, tmp_path):
    """Enough forms for the worker processes: the one that aborts its worker is read again by the command,
    which is then the one that stops, on that file."""
    folder = tmp_path / "bids"
    folder.mkdir()
    for n in range(140):
        write_form(folder / f"{n:03}.xlsx", good_bid(f"9111000080210{n:04}X", name=f"公司{n}"))
    bomb = string_bomb(form, folder / "120-bomb.xlsx")
    done = run(BLIND_GUARD + WATCHED_CLI, *evaluate(folder, tmp_path / "result.json"))
    assert done.returncode == 2, done.stderr[-2000:]
    assert done.stderr.startswith(f"{bomb}: damaged .xlsx: the spreadsheet reader stopped while reading the workbook")
    assert done.stderr.count("\n") == 1


def test_the_guard_refuses_the_same_files_before_any_reader_sees_them(form, tmp_path):
    """Without the blind guard the command never reaches the reader: the guard's own message, exit 2."""
    for bad in (string_bomb(form, tmp_path / "bomb.xlsx"), far_cell(form, tmp_path / "far.xlsx")):
        done = run(WATCHED_CLI, *evaluate(bad, tmp_path / "result.json"))
        assert done.returncode == 2 and "refused:" in done.stderr and "reader stopped" not in done.stderr


def test_the_command_s_exit_code_and_output_pass_through(form, tmp_path):
    checked = run(WATCHED_CLI, "check", "--criteria", EXAMPLE_RUBRIC)
    assert checked.returncode == 0 and checked.stdout and not checked.stderr
    assert run(WATCHED_CLI, "--version").stdout.startswith("bid-eval ")
    usage = run(WATCHED_CLI, "check", "--criteria", EXAMPLE_RUBRIC, "--no-such-option")
    assert usage.returncode == 2 and "unrecognized arguments: --no-such-option" in usage.stderr
    out = tmp_path / "result.json"
    done = run(WATCHED_CLI, *evaluate(form, out))
    assert done.returncode == 0 and out.exists() and VENDOR_A in done.stdout


WATCHED = "import os, signal, sys; from bideval.watchdog import run_watched\n"


def test_a_death_outside_any_read_is_bid_eval_s_own_failure():
    done = run(WATCHED + "sys.exit(run_watched(os.abort))")
    assert (done.returncode, done.stderr) == (
        1, "bid-eval stopped unexpectedly (SIGABRT) while not reading any file: please report this\n")


def test_a_failure_of_bid_eval_itself_keeps_its_traceback():
    done = run(WATCHED + "def fail():\n    raise RuntimeError('a bug')\nsys.exit(run_watched(fail))")
    assert done.returncode == 1 and "Traceback" in done.stderr and "RuntimeError: a bug" in done.stderr


def test_a_command_stopped_on_purpose_stops_the_watcher_the_same_way():
    done = run(WATCHED + "sys.exit(run_watched(lambda: os.kill(os.getpid(), signal.SIGTERM)))")
    assert (done.returncode, done.stderr) == (-signal.SIGTERM, "")


def test_a_watcher_forwards_a_kill_to_the_command(tmp_path):
    started = tmp_path / "started"
    code = (WATCHED + "import time\n"
            f"def wait():\n    open({str(started)!r}, 'w').close()\n    time.sleep(60)\n    return 0\n"
            "sys.exit(run_watched(wait))")
    process = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(600):
            if started.exists():
                break
            subprocess.run(["sleep", "0.05"])
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == -signal.SIGTERM
    finally:
        process.kill()
    assert process.stderr is not None and process.stderr.read() == ""
