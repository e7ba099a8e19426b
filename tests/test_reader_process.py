"""The app's reads in a process of their own: a file that makes python-calamine abort costs that process, not the server.

The crafted files are of kinds the guard refuses; to stand for a kind it does not know yet, its package check is
made blind here, and python-calamine really aborts, in the real reader process.
"""
from __future__ import annotations

import io
import os
import re
import time
from pathlib import Path

import pytest

import bideval.reader_process as reader_process
import bideval.sheets as sheets
from bideval.errors import DamagedWorkbook, PanelError
from bideval.sheet_notes import SheetNotes
from bideval.sheets import open_workbook
from bideval.storage import Store
from conftest import ROOT, VENDOR_A, VENDOR_B, admin_of, chair_tender, good_bid, open_app, write_form
from crafted import changed, far_cell, string_bomb
from test_app_bids import upload

SAMPLES = sorted((ROOT / "sample_bids").rglob("*.xlsx"))


@pytest.fixture
def blind_guard(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sheets, "scan_xlsx", lambda source, display, currency=None, file_role=None: ([], SheetNotes()))


@pytest.fixture
def store(tmp_path: Path):
    store = Store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    return store, chair_tender(store, "T")


def test_a_read_apart_is_the_read_in_place(tmp_path):
    """Every sheet of every sample workbook: the same names, rows, error cells and hidden rows either way."""
    assert len(SAMPLES) > 10
    for path in SAMPLES:
        here, problems_here = open_workbook(path)
        apart, problems_apart = open_workbook(path, apart=True)
        assert here is not None and apart is not None and problems_here == problems_apart == []
        assert (apart.sheet_names, apart.sha256, apart.notes) == (here.sheet_names, here.sha256, here.notes)
        for sheet in here.sheet_names:
            assert apart.rows(sheet) == here.rows(sheet), (path, sheet)
            assert apart.merged(sheet) == here.merged(sheet), (path, sheet)


def test_merged_ranges_come_back_from_the_reader_process(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["a", "b"])
    book.active.merge_cells("A2:A4")
    book.active.merge_cells("B1:C1")
    book.save(tmp_path / "merged.xlsx")
    apart, _ = open_workbook(tmp_path / "merged.xlsx", apart=True)
    assert apart is not None and apart.merged("Sheet") == []  # before the sheet is read
    apart.rows("Sheet")
    assert sorted(apart.merged("Sheet")) == [((0, 1), (0, 2)), ((1, 0), (3, 0))]


def test_an_upload_that_aborts_the_reader_is_refused_and_the_next_one_is_read(store, tmp_path, blind_guard):
    store, tender = store
    admin = admin_of(store)
    form = write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A))
    bomb = string_bomb(form, tmp_path / "bomb.xlsx")
    report = store.import_bids(admin, tender, [("bomb.xlsx", bomb.read_bytes())])
    assert report.accepted == {}
    (problem,) = report.refused["bomb.xlsx"]
    assert str(problem) == ("bomb.xlsx: damaged .xlsx: the spreadsheet reader stopped while reading the workbook "
                            "(SIGABRT), so it cannot be read; open it in Excel and save it again, or ask for the file "
                            "again")
    assert store.bidset(admin, tender).bids == ()
    after = store.import_bids(admin, tender, [("a.xlsx", form.read_bytes())])  # a new reader process
    assert after.ok and [b.vendor_id for b in store.bidset(admin, tender).bids] == [VENDOR_A]


def test_a_panel_workbook_that_aborts_the_reader_names_its_sheet(store, tmp_path, blind_guard):
    store, tender = store
    admin = admin_of(store)
    form = write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A))
    assert store.import_bids(admin, tender, [("a.xlsx", form.read_bytes())]).ok
    crafted = far_cell(form, tmp_path / "panel.xlsx")  # any workbook will do: the reader stops on its first sheet
    with pytest.raises(PanelError) as caught:
        store.preview_replace_panel(admin, tender, "panel.xlsx", crafted.read_bytes())
    (problem,) = caught.value.problems
    assert (problem.file, problem.sheet) == ("panel.xlsx", "Bid")
    assert problem.message.startswith("damaged .xlsx: the spreadsheet reader stopped while reading the sheet (SIGABRT)")


def test_the_bids_page_reports_the_file_and_goes_on(app_db, tmp_path, blind_guard):
    tender = chair_tender(Store(app_db), "示例项目")
    form = write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A))
    app = upload(open_app("bids", lang="zh", tender_id=tender), far_cell(form, tmp_path / "far.xlsx"),
                 write_form(tmp_path / "b.xlsx", good_bid(VENDOR_B)))
    box = next(e.value for e in app.error if "far.xlsx" in e.value)
    assert "读取工作表时表格读取程序异常终止（信号 6）" in box
    assert "b.xlsx" in " ".join(s.value for s in app.success)
    assert [b.vendor_id for b in Store(app_db).bidset(admin_of(Store(app_db)), tender).bids] == [VENDOR_B]


def test_a_read_past_the_time_limit_is_stopped_and_the_next_read_starts_afresh(tmp_path, monkeypatch):
    form = write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A))
    monkeypatch.setattr(reader_process, "TIME_LIMIT_S", 0)
    book, (problem,) = open_workbook(form, apart=True)
    assert book is None and str(problem) == (
        f"{form}: damaged .xlsx: the spreadsheet reader stopped while reading the workbook (over 0 s), so it cannot "
        "be read; open it in Excel and save it again, or ask for the file again")
    monkeypatch.undo()
    book, problems = open_workbook(form, apart=True)
    assert book is not None and problems == [] and book.rows("Bid")[1][2] == VENDOR_A


def test_a_sheet_the_reader_cannot_read_is_that_sheet_s_problem_when_it_is_asked_for(tmp_path):
    form = write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A))
    broken = changed(form, tmp_path / "broken.xlsx", "xl/worksheets/sheet1.xml",
                     lambda xml: re.sub(rb'<c r="(C2)" t="s"><v>[0-9]+</v></c>',  # an entity no XML defines
                                        rb'<c r="\1" t="inlineStr"><is><t>&bogus;</t></is></c>', xml, count=1))
    here, _ = open_workbook(broken)
    apart, _ = open_workbook(broken, apart=True)
    assert here is not None and apart is not None
    with pytest.raises(DamagedWorkbook) as in_place:
        here.rows("Bid")
    with pytest.raises(DamagedWorkbook) as read_apart:
        apart.rows("Bid")
    (problem,) = read_apart.value.problems
    assert tuple(in_place.value.problems) == (problem,) and problem.sheet == "Bid" and "&bogus;" in problem.message


def sent(path: Path) -> bytes:
    """What a reader sends for the workbook at ``path``."""
    stream = io.BytesIO()
    reader_process.send_book(stream, path, path.read_bytes(), "a.xlsx")
    return stream.getvalue()


def received(data: bytes):
    """What the reading end makes of ``data`` coming down a real pipe (a bid form's reply fits in its buffer)."""
    read_end, write_end = os.pipe()
    try:
        os.write(write_end, data)
        os.close(write_end)
        return reader_process.receive_book(read_end, "a.xlsx", time.monotonic() + 10)
    finally:
        os.close(read_end)


def frames(data: bytes) -> list[tuple[int, int]]:
    """Where each message's data starts and ends in a reply."""
    found, at = [], 0
    while at < len(data):
        size = int.from_bytes(data[at:at + 8], "little")
        found.append((at + 9, at + 9 + size))
        at += 9 + size
    return found


def test_a_reply_is_the_workbook_as_read_in_place(tmp_path):
    form = write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A))
    here, _ = open_workbook(form)
    book, problems = received(sent(form))
    assert here is not None and book is not None and problems == []
    assert book.sheet_names == here.sheet_names == ["Bid"] and book.rows("Bid") == here.rows("Bid")


@pytest.mark.parametrize("frame, sheet", [(0, None), (1, None), (2, "Bid")])  # book, sheet, rows
def test_a_reply_cut_short_says_which_sheet_the_reader_had_reached(tmp_path, frame, sheet):
    data = sent(write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A)))
    start, _ = frames(data)[frame]
    with pytest.raises(reader_process.Stopped) as stopped:
        received(data[:start + 1])
    assert (stopped.value.sheet, stopped.value.garbled, stopped.value.timed_out) == (sheet, False, False)


@pytest.mark.parametrize("frame, sheet", [(0, None), (1, None)])
def test_a_reply_no_reader_sends_stops_the_reading(tmp_path, frame, sheet):
    data = bytearray(sent(write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A))))
    start, end = frames(bytes(data))[frame]
    data[start:end] = bytes(end - start)
    with pytest.raises(reader_process.Stopped) as stopped:
        received(bytes(data))
    assert (stopped.value.sheet, stopped.value.garbled) == (sheet, True)


def test_rows_no_reader_sends_are_their_sheet_s_problem(tmp_path):
    data = bytearray(sent(write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A))))
    start, end = frames(bytes(data))[2]
    data[start:end] = b"\xff" * (end - start)
    book, _ = received(bytes(data))
    assert book is not None
    with pytest.raises(DamagedWorkbook) as damaged:
        book.rows("Bid")
    (problem,) = damaged.value.problems
    assert str(problem) == ("a.xlsx:Bid: damaged .xlsx: the spreadsheet reader stopped while reading the sheet (an "
                            "unreadable reply), so it cannot be read; open it in Excel and save it again, or ask for "
                            "the file again")
