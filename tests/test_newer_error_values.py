"""Excel 365's newer error values (#SPILL!, #CALC!, #FIELD! …) are read as the classic ones (#DIV/0!, #N/A …) are.

python-calamine refuses a whole sheet holding one ("Unsupported cell error value '#SPILL!'"), so a bid form
with a spill error in a note column, or on a sheet nobody reads, was refused as a damaged file to be saved again in
Excel, which wrote it. Now a cell that is read is refused at its cell naming its error, a cell that is not read is
passed over, on every read path: in place, in the reading worker processes, in the read-ahead child for a large
workbook and in the app's reader process. The workbooks are real: written by xlsxwriter, each such cell then saved
as Excel 365 saves a dynamic-array formula that failed.
"""
from __future__ import annotations

import hashlib
import io
import os
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Sequence

import pytest
import python_calamine
import xlsxwriter

import bideval.sheets as sheets
from bideval.bids import read_bids
from bideval.cell_errors import CALAMINE_ERRORS, STAND_IN_ERROR, CellError
from bideval.errors import BidsError, PanelError
from bideval.evaluation import check_bids
from bideval.panel import read_panel
from bideval.sheets import cell_name, open_workbook
from bideval.storage import Store
from bideval.xlsx_guard import readable_copy, scan_xlsx
from conftest import EXAMPLE_RUBRIC, ROOT, VENDOR_A, VENDOR_B, admin_of, chair_tender, good_bid, make_bidset

# What Excel 365 saves in <v> for the errors python-calamine 0.9 cannot parse (#GETTING_DATA: a cube function
# still waiting for its data).
NEWER = ("#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!", "#PYTHON!", "#EXTERNAL!",
         "#GETTING_DATA")
FIELDS = list(good_bid(VENDOR_A))
COUNT = FIELDS.index("similar_projects")  # a read cell: a whole number
COUNT_EXPECTED = "expected a whole number (0 or more)"
SCORE_EXPECTED = "expected a number from 0 to 5"
FORKS: list[int] = []  # one entry for each fork this process makes
os.register_at_fork(after_in_parent=lambda: FORKS.append(os.getpid()))


@dataclass(frozen=True)
class Shows:
    """A cell whose formula Excel 365 saved with ``error`` as its result."""

    error: str


def write_book(path: Path, book_sheets: Mapping[str, Sequence[Sequence[Any]]]) -> Path:
    """A workbook of ``book_sheets`` written by xlsxwriter, each :class:`Shows` cell as Excel 365 saves it:
    ``<c r="C4" t="e" cm="1"><f t="array" ref="C4">_xlfn.SEQUENCE(2)</f><v>#SPILL!</v></c>``."""
    book = xlsxwriter.Workbook(path, {"strings_to_numbers": False, "strings_to_formulas": False})
    shown: dict[str, dict[str, str]] = {}
    for number, (name, rows) in enumerate(book_sheets.items(), start=1):
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, Shows):
                    sheet.write_formula(r, c, "=SEQUENCE(2)", None, "#N/A")
                    shown.setdefault(f"xl/worksheets/sheet{number}.xml", {})[cell_name(r, c)] = value.error
                elif isinstance(value, str):
                    sheet.write_string(r, c, value)
                elif value is not None:
                    sheet.write(r, c, value)
    book.close()
    return as_excel_365(path, shown)


def as_excel_365(path: Path, shown: Mapping[str, Mapping[str, str]]) -> Path:
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    for part, cells in shown.items():
        for ref, error in cells.items():
            parts[part], found = re.subn(  # xlsxwriter writes a dynamic array's result as text
                rb'(<c r="' + ref.encode() + rb'"[^>]*) t="str">(<f t="array"[^>]*>_xlfn.SEQUENCE\(2\)</f>)<v>#N/A</v>',
                rb'\1 t="e">\2<v>' + error.encode() + rb"</v>", parts[part])
            assert found == 1, (part, ref)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def form_rows(values: Mapping[str, Any], notes: Mapping[str, Any] | None = None) -> list[list[Any]]:
    """A bid form's rows: column A field ids, C values, D a note per field (``notes``)."""
    return [["字段 / Field id", "项目 / Item", "填写内容 / Your answer", "单位 / Unit"]] + [
        [field, field, value, (notes or {}).get(field)] for field, value in values.items()]


def vendor(n: int) -> str:
    return f"9111000080210043{n:02d}"


def problems_of(call) -> list[str]:
    with pytest.raises((BidsError, PanelError)) as caught:
        call()
    return [str(p) for p in caught.value.problems]


def test_python_calamine_parses_the_error_values_listed_and_none_of_the_newer_ones(tmp_path):
    """The list (bideval.cell_errors.CALAMINE_ERRORS, from calamine's CellErrorType::from_str) is what the installed
    python-calamine parses: the stand-in must be one of them; a newer one it learns to parse is told here."""
    assert STAND_IN_ERROR in CALAMINE_ERRORS
    parsed = {}
    for error in sorted(CALAMINE_ERRORS) + list(NEWER):
        path = write_book(tmp_path / "probe.xlsx", {"S": [["x", Shows(error)]]})
        try:
            python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name("S").to_python()
            parsed[error] = True
        except python_calamine.CalamineError as refusal:
            assert f"Unsupported cell error value '{error}'" in str(refusal)
            parsed[error] = False
    assert parsed == {error: error in CALAMINE_ERRORS for error in parsed}


# -- read in place

@pytest.mark.parametrize("error", NEWER)
def test_a_newer_error_in_a_read_cell_of_a_bid_form_is_refused_at_its_cell(rubric, tmp_path, error):
    path = write_book(tmp_path / "form.xlsx", {"Bid": form_rows(good_bid(VENDOR_A, similar_projects=Shows(error)))})
    assert problems_of(lambda: read_bids(rubric, [path])) == [
        f"{path}:Bid!C{COUNT + 2}: {COUNT_EXPECTED}, found the error {error}"]


@pytest.mark.parametrize("error", NEWER)
def test_a_newer_error_in_a_cell_not_read_is_passed_over(rubric, tmp_path, error):
    """In a bid form's note column and on another sheet; on another sheet of a consolidated workbook; in a panel
    sheet's comment column and on another sheet of the panel workbook."""
    form = write_book(tmp_path / "form.xlsx", {"Bid": form_rows(good_bid(VENDOR_A),
                                                                {"similar_projects": Shows(error)}),
                                               "Notes": [["说明", Shows(error)]]})
    consolidated = write_book(tmp_path / "bids.xlsx", {
        "Bids": [FIELDS, list(good_bid(VENDOR_B).values())], "Notes": [[Shows(error)]]})
    bidset = read_bids(rubric, [form, consolidated])
    assert [(b.vendor_id, b.values["similar_projects"]) for b in bidset.bids] == [(VENDOR_A, 3), (VENDOR_B, 3)]
    panel = write_book(tmp_path / "panel.xlsx", {
        "Scores": [["judge", "vendor_id", "criterion", "score", "comment"],
                   ["王评委", VENDOR_A, "service_design", 4, Shows(error)]],
        "Notes": [["说明"], [Shows(error)]]})
    scores = read_panel(rubric, bidset.bids, [], [panel]).scores
    assert [(x.judge, x.vendor_id, x.criterion, x.score, x.comment) for x in scores] == [
        ("王评委", VENDOR_A, "service_design", 4, "")]


def test_every_newer_error_in_a_consolidated_sheet_is_refused_at_its_cell(rubric, tmp_path):
    rows = [list(good_bid(vendor(n), name=f"公司{n}", similar_projects=Shows(error)).values())
            for n, error in enumerate(NEWER)]
    path = write_book(tmp_path / "bids.xlsx", {"Bids": [FIELDS, *rows]})
    column = cell_name(0, COUNT)[:-1]
    assert problems_of(lambda: read_bids(rubric, [path])) == [
        f"{path}:Bids!{column}{n + 2}: {COUNT_EXPECTED}, found the error {error}" for n, error in enumerate(NEWER)]


def test_every_newer_error_in_a_panel_score_cell_is_refused_at_its_cell(rubric, tmp_path):
    bidset = make_bidset(rubric, good_bid(VENDOR_A), good_bid(VENDOR_B))
    path = write_book(tmp_path / "panel.xlsx", {"Scores": [
        ["judge", "vendor_id", "criterion", "score", "comment"],
        *[[f"评委{n}", VENDOR_A, "service_design", Shows(error), ""] for n, error in enumerate(NEWER)]]})
    checks = check_bids(rubric, bidset.bids)
    found = problems_of(lambda: read_panel(rubric, bidset.bids, [v for v, c in checks.items() if not c.valid],
                                           [path]))
    assert found == [f"{path}:Scores!D{n + 2}: {SCORE_EXPECTED}, found the error {error}"
                     for n, error in enumerate(NEWER)]


@pytest.mark.parametrize("markup", ["plain", "prefixed", "without references"])
def test_the_cell_is_found_in_unusual_markup_and_only_its_value_changes_in_the_copy_read(tmp_path, markup):
    """The guard notes the cell whatever the markup; python-calamine reads a copy in which that cell's value alone
    differs, while the workbook's SHA-256 and the cell's note are the original's."""
    path = write_book(tmp_path / "book.xlsx", {"Bid": [["a", 1, Shows("#SPILL!")], ["b", Shows("#DIV/0!"), "c"]]})
    sheet = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    if markup == "prefixed":  # as the OpenXML SDK writes a sheet
        parts[sheet] = re.sub(rb"<(/?)(?=[A-Za-z])", rb"<\1x:", parts[sheet]).replace(b'xmlns="http', b'xmlns:x="http')
    elif markup == "without references":  # cells placed one after the other, as some writers leave them
        parts[sheet] = re.sub(rb'<c r="[A-Z]+[0-9]+"', b"<c", parts[sheet])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    problems, notes = scan_xlsx(path)
    assert problems == [] and notes.errors == {"Bid": {(0, 2): CellError("#SPILL!"), (1, 1): CellError("#DIV/0!")}}
    assert notes.unparsed_errors == {sheet: frozenset({(0, 2)})}
    copy, problems = readable_copy(path, notes.unparsed_errors)
    assert problems == [] and copy is not None
    with zipfile.ZipFile(io.BytesIO(copy)) as archive:
        copied = {info.filename: archive.read(info) for info in archive.infolist()}
    assert copied == {**parts, sheet: parts[sheet].replace(b"#SPILL!", STAND_IN_ERROR.encode())}
    book, problems = open_workbook(path)
    assert problems == [] and book is not None
    assert book.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert book.rows("Bid") == [["a", 1, CellError("#SPILL!")], ["b", CellError("#DIV/0!"), "c"]]


def test_a_workbook_without_a_newer_error_is_read_as_it_is(tmp_path):
    path = write_book(tmp_path / "book.xlsx", {"Bid": [["a", Shows("#DIV/0!")]]})
    problems, notes = scan_xlsx(path)
    assert problems == [] and notes.unparsed_errors == {}
    assert readable_copy(path, {"xl/worksheets/sheet1.xml": frozenset({(0, 1)})}) == (None, [])


def test_reading_worker_processes_read_them_as_this_process_does(rubric, tmp_path):
    """Many bid forms are read by forked worker processes, a few at a time: each form is refused or read alike."""
    folder = tmp_path / "forms"
    folder.mkdir()
    for n, error in enumerate(NEWER):
        write_book(folder / f"read{n:02d}.xlsx", {"Bid": form_rows(good_bid(vendor(n), similar_projects=Shows(error)))})
        write_book(folder / f"unread{n:02d}.xlsx", {"Bid": form_rows(good_bid(vendor(50 + n)), {"sme": Shows(error)}),
                                                    "Notes": [[Shows(error)]]})
    before = len(FORKS)
    apart = problems_of(lambda: read_bids(rubric, [folder], workers=2))
    assert len(FORKS) > before
    assert apart == problems_of(lambda: read_bids(rubric, [folder], workers=1)) == [
        f"{folder / f'read{n:02d}.xlsx'}:Bid!C{COUNT + 2}: {COUNT_EXPECTED}, found the error {error}"
        for n, error in enumerate(NEWER)]


# -- the command line

def evaluate(tmp_path: Path, bids: Sequence[Path], panel: Path | None = None) -> subprocess.CompletedProcess:
    out = tmp_path / "result.json"
    command = [sys.executable, "-m", "bideval", "evaluate", "--criteria", str(EXAMPLE_RUBRIC), "--lang", "en",
               "--bids", *map(str, bids), "--json", str(out)] + (["--panel", str(panel)] if panel else [])
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert "Traceback" not in done.stderr and "damaged" not in done.stderr
    assert out.exists() == (done.returncode == 0)
    return done


def test_the_command_line_refuses_each_newer_error_in_a_read_cell_at_its_cell(tmp_path):
    """Forms in a folder (many forms are read by worker processes) and a consolidated workbook."""
    folder = tmp_path / "forms"
    folder.mkdir()
    forms = [write_book(folder / f"form{n:02d}.xlsx", {"Bid": form_rows(
        good_bid(vendor(n), name=f"公司{n}", similar_projects=Shows(error)))}) for n, error in enumerate(NEWER)]
    consolidated = write_book(tmp_path / "bids.xlsx", {"Bids": [FIELDS, *[
        list(good_bid(vendor(50 + n), name=f"汇总{n}", similar_projects=Shows(error)).values())
        for n, error in enumerate(NEWER)]]})
    done = evaluate(tmp_path, [folder, consolidated])
    assert done.returncode == 2
    column = cell_name(0, COUNT)[:-1]
    assert done.stderr.splitlines() == [
        f"{form}:Bid!C{COUNT + 2}: {COUNT_EXPECTED}, found the error {error}" for form, error in zip(forms, NEWER)] + [
        f"{consolidated}:Bids!{column}{n + 2}: {COUNT_EXPECTED}, found the error {error}"
        for n, error in enumerate(NEWER)]


def test_the_command_line_refuses_each_newer_error_in_a_panel_score_cell(tmp_path):
    forms = [write_book(tmp_path / f"{v}.xlsx", {"Bid": form_rows(good_bid(v))}) for v in (VENDOR_A, VENDOR_B)]
    panel = write_book(tmp_path / "panel.xlsx", {"Scores": [
        ["judge", "vendor_id", "criterion", "score", "comment"],
        *[[f"评委{n}", VENDOR_A, "service_design", Shows(error), ""] for n, error in enumerate(NEWER)]]})
    done = evaluate(tmp_path, forms, panel)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [f"{panel}:Scores!D{n + 2}: {SCORE_EXPECTED}, found the error {error}"
                                        for n, error in enumerate(NEWER)]


def test_the_command_line_reads_workbooks_whose_newer_errors_stand_where_nothing_is_read(tmp_path):
    folder = tmp_path / "forms"
    folder.mkdir()
    for n, error in enumerate(NEWER):
        write_book(folder / f"form{n:02d}.xlsx", {"Bid": form_rows(good_bid(vendor(n), name=f"公司{n}"),
                                                                   {"rate_per_call": Shows(error)}),
                                                  "Notes": [[Shows(error)]]})
    consolidated = write_book(tmp_path / "bids.xlsx", {"Bids": [FIELDS, list(good_bid(VENDOR_A).values())],
                                                       "Notes": [[Shows(error)] for error in NEWER]})
    panel = write_book(tmp_path / "panel.xlsx", {
        "Scores": [["judge", "vendor_id", "criterion", "score", "comment"],
                   *[["王评委", v, "service_design", 4, Shows(error)] for v, error in ((VENDOR_A, "#SPILL!"),
                                                                                    (vendor(0), "#CALC!"))]],
        "Notes": [[Shows(error)] for error in NEWER]})
    done = evaluate(tmp_path, [folder, consolidated], panel)
    assert (done.returncode, done.stderr) == (0, "")
    assert "91110000802100433B" in (tmp_path / "result.json").read_text(encoding="utf-8")


# -- the app: its reader process

def test_the_store_refuses_a_read_newer_error_at_its_cell_and_takes_the_rest(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    tender = chair_tender(store, "T")
    refused = write_book(tmp_path / "a.xlsx", {"Bid": form_rows(good_bid(VENDOR_A, similar_projects=Shows("#SPILL!")))})
    taken = write_book(tmp_path / "b.xlsx", {"Bid": form_rows(good_bid(VENDOR_B), {"sme": Shows("#CALC!")}),
                                             "Notes": [[Shows("#BUSY!")]]})
    report = store.import_bids(admin_of(store), tender, [(f.name, f.read_bytes()) for f in (refused, taken)])
    assert [str(p) for p in report.refused["a.xlsx"]] == [
        f"a.xlsx:Bid!C{COUNT + 2}: {COUNT_EXPECTED}, found the error #SPILL!"]
    assert list(report.accepted) == ["b.xlsx"] and set(report.refused) == {"a.xlsx"}
    admin = admin_of(store)
    panel = write_book(tmp_path / "panel.xlsx", {"Scores": [
        ["judge", "vendor_id", "criterion", "score", "comment"],
        ["王评委", VENDOR_B, "service_design", Shows("#FIELD!"), ""]]})
    with pytest.raises(PanelError) as caught:
        store.preview_replace_panel(admin, tender, panel.name, panel.read_bytes())
    assert [str(p) for p in caught.value.problems] == [
        f"panel.xlsx:Scores!D2: {SCORE_EXPECTED}, found the error #FIELD!"]
    commented = write_book(tmp_path / "commented.xlsx", {"Scores": [
        ["judge", "vendor_id", "criterion", "score", "comment"],
        ["王评委", VENDOR_B, "service_design", 4, Shows("#FIELD!")]], "Notes": [[Shows("#PYTHON!")]]})
    preview = store.preview_replace_panel(admin, tender, commented.name, commented.read_bytes())
    assert preview.judges_added == ("王评委",) and preview.scores_added == 1


# -- a large workbook, read ahead by a forked child while the guard checks it

BIDS = 30_000  # rows of the large Bids sheet: over sheets.READ_AHEAD_BYTES


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A large consolidated workbook whose other sheet shows #SPILL!, and the same with #SPILL! in a read cell of
    its last bid."""
    folder = tmp_path_factory.mktemp("large")
    rows = [list(good_bid(f"91110000{n:010d}", name=f"有效{n:05d}公司", similar_projects=n % 7,
                                   rate_per_call=round(0.5 + n % 97 / 100, 2)).values())
            for n in range(BIDS)]
    unread = write_book(folder / "unread.xlsx", {"Bids": [FIELDS, *rows], "Notes": [["说明", Shows("#SPILL!")]]})
    rows[-1][COUNT] = Shows("#SPILL!")
    read = write_book(folder / "read.xlsx", {"Bids": [FIELDS, *rows], "Notes": [["说明"]]})
    assert min(unread.stat().st_size, read.stat().st_size) >= sheets.READ_AHEAD_BYTES
    return unread, read


def test_a_large_workbook_read_ahead_refuses_a_read_newer_error_at_its_cell_and_reads_an_unread_one(rubric, large):
    unread, read = large
    before = len(FORKS)
    bidset = read_bids(rubric, [unread], workers=1)
    assert len(FORKS) - before == 1  # read ahead: the child's reading, which python-calamine refused, is not used
    assert len(bidset.bids) == BIDS and bidset.bids[-1].values["similar_projects"] == (BIDS - 1) % 7
    before = len(FORKS)
    assert problems_of(lambda: read_bids(rubric, [read], workers=1)) == [
        f"{read}:Bids!{cell_name(BIDS, COUNT)}: {COUNT_EXPECTED}, found the error #SPILL!"]
    assert len(FORKS) - before == 1
