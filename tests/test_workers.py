"""Bid forms read by worker processes give exactly what one process gives: the same bids, problems and order."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from bideval.bids import read_bids
from bideval.errors import BidsError
from bideval.workers import MIN_FILES_PER_WORKER, map_in_order, usable_cores, workers_for
from conftest import good_bid, write_form


def credit_code(i: int) -> str:
    return f"91440300MA{i:07d}X"


@pytest.fixture(scope="module")
def forms(tmp_path_factory) -> Path:
    """130 bid forms, a few of them wrong in a cell, one not a workbook at all."""
    folder = tmp_path_factory.mktemp("forms")
    for i in range(130):
        overrides = {"dial_test_accuracy": "ninety"} if i % 40 == 7 else {}
        write_form(folder / f"bid-{i:03d}.xlsx", good_bid(credit_code(i), f"供应商{i:03d}", **overrides))
    (folder / "bid-050.xlsx").write_bytes(b"vendor,price\nA,1\n")  # a CSV saved under an .xlsx name
    return folder


def outcome(rubric, paths, workers):
    try:
        return read_bids(rubric, paths, workers=workers)
    except BidsError as error:
        return [(p.file, p.sheet, p.cell, p.code, p.message) for p in error.problems]


def test_workers_give_the_same_problems_in_the_same_order(rubric, forms):
    alone = outcome(rubric, [forms], 1)
    assert [(Path(file).name, sheet, cell, code) for file, sheet, cell, code, _ in alone] == [
        ("bid-007.xlsx", "Bid", "C9", "cell"), ("bid-047.xlsx", "Bid", "C9", "cell"),
        ("bid-050.xlsx", None, None, "guard.not_xlsx"),
        ("bid-087.xlsx", "Bid", "C9", "cell"), ("bid-127.xlsx", "Bid", "C9", "cell")]
    assert outcome(rubric, [forms], 2) == alone == outcome(rubric, [forms], 3)


def test_workers_give_the_same_bids_in_the_same_order(rubric, forms, tmp_path):
    good = sorted(p for p in forms.glob("*.xlsx") if p.name not in {"bid-007.xlsx", "bid-047.xlsx", "bid-050.xlsx",
                                                                     "bid-087.xlsx", "bid-127.xlsx"})
    alone = read_bids(rubric, good, workers=1)
    assert len(alone.bids) == 125 and [b.vendor_id for b in alone.bids][:2] == [credit_code(0), credit_code(1)]
    assert read_bids(rubric, good, workers=2) == alone


def test_forking_only_when_it_is_safe_and_pays():
    assert workers_for(1) == 1
    assert workers_for(MIN_FILES_PER_WORKER - 1) == 1
    assert workers_for(100 * MIN_FILES_PER_WORKER) == usable_cores()
    waiting = threading.Event()
    other = threading.Thread(target=waiting.wait)
    other.start()
    try:  # a process with threads (the app's server) is never forked
        assert workers_for(100 * MIN_FILES_PER_WORKER) == 1
    finally:
        waiting.set()
        other.join()


def test_a_worker_that_dies_leaves_the_work_to_this_process():
    parent = os.getpid()

    def read(n: int) -> tuple[int, bool]:
        if os.getpid() != parent:
            os._exit(3)  # a reader aborting its process
        return n * n, True

    assert map_in_order(read, list(range(10)), workers=2) == [(n * n, True) for n in range(10)]


def test_the_work_is_done_in_other_processes_in_the_order_given():
    def slowly(n: int) -> tuple[int, int]:
        time.sleep(0.002)
        return n, os.getpid()

    done = map_in_order(slowly, list(range(400)), workers=3)
    assert [n for n, _ in done] == list(range(400))
    pids = [pid for _, pid in done]
    assert len(set(pids)) == 3 and os.getpid() in pids  # this process takes its share: no fork is wasted on it
    shares = sorted(pids.count(pid) for pid in set(pids))
    assert shares[0] > 400 / 3 / 2  # shared out, not one process doing most of it


def test_a_process_meeting_slow_items_takes_fewer():
    """Items are taken a few at a time: the process that meets the slow ones leaves the rest to the others."""
    def uneven(n: int) -> tuple[int, int]:
        time.sleep(0.05 if n < 12 else 0.001)  # the first take (12 items of 400 for 2 processes) is slow
        return n, os.getpid()

    done = map_in_order(uneven, list(range(400)), workers=2)
    assert [n for n, _ in done] == list(range(400))
    pids = [pid for _, pid in done]
    assert pids.count(pids[0]) < 100  # whichever process took the slow ones left most of the rest to the other


def test_a_failing_worker_leaves_its_items_to_this_process():
    parent = os.getpid()

    def read(n: int) -> int:
        if os.getpid() != parent and n % 7 == 3:
            raise RuntimeError("a bug met only in a worker")
        return n

    assert map_in_order(read, list(range(300)), workers=2) == list(range(300))


def test_each_item_is_taken_by_one_process_once(tmp_path):
    """The processes share one counter (a pipe holding the next item's index): with four of them taking one item at a
    time, every item is done exactly once, none by two processes. Each process notes the items it does in a file."""
    log = tmp_path / "done"

    def note(n: int) -> int:
        time.sleep(0.001)  # long enough for every process to take its share, however busy the machine
        with open(log, "a", encoding="ascii") as file:  # appends of one short line are whole on Linux
            file.write(f"{n} {os.getpid()}\n")
        return n

    assert map_in_order(note, list(range(500)), workers=4) == list(range(500))
    done = [line.split() for line in log.read_text(encoding="ascii").splitlines()]
    assert sorted(int(n) for n, _ in done) == list(range(500))
    assert len({pid for _, pid in done}) > 1


def test_the_workers_need_not_import_multiprocessing():
    """Sharing the counter through a pipe: importing multiprocessing and making its shared Value had cost 14 ms of
    every command reading enough bid forms to fork a worker."""
    code = ("import sys\nfrom bideval.workers import map_in_order\n"
            "assert map_in_order(abs, list(range(-300, 300)), workers=2) == [abs(n) for n in range(-300, 300)]\n"
            "print('multiprocessing' in sys.modules)")
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           cwd=Path(__file__).parent.parent).stdout.strip()
    assert found == "False"


def _panel_workbook(path: Path, vendors: list[str], judge_cell_error: bool = False) -> Path:
    """Judges, Tiers and Scores for ``vendors`` (two judges, both panel criteria); optionally one judge cell that
    shows #N/A (noted by the package check, not by python-calamine)."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    judges = book.add_worksheet("Judges")
    for r, name in enumerate(["judge", "王评委", "李评委"]):
        judges.write_string(r, 0, name)
    tiers = book.add_worksheet("Tiers")
    scores = book.add_worksheet("Scores")
    for c, title in enumerate(["vendor_id", "criterion", "tier"]):
        tiers.write_string(0, c, title)
    for c, title in enumerate(["judge", "vendor_id", "criterion", "score", "comment"]):
        scores.write_string(0, c, title)
    row = 1
    for i, vendor in enumerate(vendors):
        tiers.write_row(i + 1, 0, [vendor, "ops_plan", "t2"])
        for judge, ops, design in (("王评委", 8 + i % 3, 4), ("李评委", 7.5, 3.5 + i % 2)):
            scores.write_row(row, 0, [judge, vendor, "ops_plan", ops, ""])
            scores.write_row(row + 1, 0, [judge, vendor, "service_design", design, "方案完整"])
            row += 2
    if judge_cell_error:
        scores.write_formula(row, 0, "=NA()", None, "#N/A")
        scores.write_row(row, 1, [vendors[0], "service_design", 4])
    book.close()
    return path


def test_a_panel_workbook_opened_by_a_worker_gives_the_result_one_process_gives(forms, tmp_path):
    """The command line's run opens the panel's workbooks in the processes reading the bid forms and sends each
    back as its sheets' rows with what the package check noted: the result is byte for byte the one process's,
    and a panel problem is told the same, at the same cell."""
    import pickle

    from bideval.errors import PanelError
    from bideval.evaluation import run
    from bideval.panel import open_panel_book, read_panel
    from bideval.result import result_json
    from bideval.rubric import load_rubric
    from conftest import EXAMPLE_RUBRIC

    good = sorted(p for p in forms.glob("*.xlsx") if p.name not in {"bid-007.xlsx", "bid-047.xlsx", "bid-050.xlsx",
                                                                     "bid-087.xlsx", "bid-127.xlsx"})
    vendors = [credit_code(int(p.stem.split("-")[1])) for p in good]
    panel = _panel_workbook(tmp_path / "panel.xlsx", vendors)
    alone = result_json(run(EXAMPLE_RUBRIC, good, [panel], workers=1), "en")
    assert '"status":"final"' in alone and alone.count('"flags":[]') >= 100
    assert result_json(run(EXAMPLE_RUBRIC, good, [panel], workers=2), "en") == alone

    wrong = _panel_workbook(tmp_path / "wrong.xlsx", vendors, judge_cell_error=True)
    told = []
    for workers in (1, 2):
        with pytest.raises(PanelError) as caught:
            run(EXAMPLE_RUBRIC, good, [wrong], workers=workers)
        told.append([str(p) for p in caught.value.problems])
    last = 2 * 2 * len(vendors) + 2
    assert told[0] == told[1] == [f"{wrong}:Scores!A{last}: expected the judge's name, found the error #N/A"]

    # Whichever process opens it: one sent back pickled keeps what the package check noted (python-calamine reads
    # the #N/A cell as empty) and gives the same scores.
    bids = read_bids(load_rubric(EXAMPLE_RUBRIC), good).bids
    for path in (panel, wrong):
        here = open_panel_book(path)
        sent = pickle.loads(pickle.dumps(here))
        assert sent.book is not None and here.book is not None and sent.book.sheet_names == here.book.sheet_names
        assert [sent.book.rows(s) for s in sent.book.sheet_names] == [here.book.rows(s) for s in here.book.sheet_names]
    sent_panel = read_panel(load_rubric(EXAMPLE_RUBRIC), bids, [], [panel],
                            opened=([pickle.loads(pickle.dumps(open_panel_book(panel)))], []))
    assert sent_panel == read_panel(load_rubric(EXAMPLE_RUBRIC), bids, [], [panel])


def test_outcomes_larger_than_a_pipe_holds_come_back_whole_and_in_order():
    """A worker sends each take's outcomes as it has them; this process takes them in between its own takes and at
    the end: 30 MB of outcomes (a pipe holds 1 MB at most) come back whole, none waiting for the other for good."""
    def big(n: int) -> bytes:
        return n.to_bytes(4, "little") * 25_000  # 100 kB

    done = map_in_order(big, list(range(300)), workers=2)
    assert [len(d) for d in done] == [100_000] * 300
    assert [int.from_bytes(d[:4], "little") for d in done] == list(range(300))


def test_a_worker_dying_half_way_keeps_what_it_sent_and_leaves_the_rest_here():
    parent = os.getpid()

    def read(n: int) -> tuple[int, int]:
        if os.getpid() != parent and n >= 150:
            os._exit(3)  # a reader aborting its process half-way through the work
        time.sleep(0.001)
        return n, os.getpid()

    done = map_in_order(read, list(range(300)), workers=2)
    assert [n for n, _ in done] == list(range(300))
    assert all(pid == parent for n, pid in done if n >= 150)


def test_a_frame_cut_short_by_a_worker_dying_is_dropped():
    """A worker killed while writing a take's outcomes leaves a frame cut short: the whole frames before it are kept,
    the cut one dropped (its items are done again by the command), never unpickled half."""
    import pickle

    from bideval.workers import FRAME_HEAD, _Worker

    whole = pickle.dumps([(0, "a"), (1, "b")])
    cut = pickle.dumps([(2, "c"), (3, "d")])
    data = len(whole).to_bytes(FRAME_HEAD, "little") + whole + len(cut).to_bytes(FRAME_HEAD, "little") + cut[:-3]
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        os.write(write_end, data)
        os._exit(9)
    os.close(write_end)
    done: dict[int, str] = {}
    _Worker(pid, read_end).finish(done)
    assert done == {0: "a", 1: "b"}
