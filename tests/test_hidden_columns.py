"""Columns hidden in Excel: a consolidated sheet's or a panel sheet's hidden column that holds anything is refused at
its header cell (nobody looking at the sheet sees it); an empty one is no column; a bid form's hidden field ids or
answers (columns A, C) are refused, its hidden labels and units (B, D) read as before."""
from __future__ import annotations

import pickle
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any, Mapping, Sequence

import openpyxl
import pytest
import xlsxwriter

from bideval import messages
from bideval.bids import read_bids
from bideval.errors import BidsError, PanelError
from bideval.evaluation import check_bids
from bideval.panel import open_panel_book, read_panel
from bideval.sheets import open_workbook
from bideval.storage import Store
from bideval.xlsx_guard import scan_xlsx
from conftest import (ROOT, VENDOR_A, VENDOR_B, admin_of, chair_tender, good_bid, make_bidset, replace_panel,
                      write_consolidated, write_form, write_openpyxl)

SHEET = "xl/worksheets/sheet1.xml"
FIELDS = list(good_bid())
A, B = good_bid(VENDOR_A, name="甲公司"), good_bid(VENDOR_B, name="乙公司", rate_per_call=0.9)
SIMILAR = chr(ord("A") + FIELDS.index("similar_projects"))  # G
SCORES = ["judge", "vendor_id", "criterion", "score", "comment"]
TIERS = [["vendor_id", "criterion", "tier"], [VENDOR_A, "ops_plan", "t3"], [VENDOR_B, "ops_plan", "t3"]]
FORM_HEAD = ["字段 / Field id", "项目 / Item", "填写内容 / Your answer", "单位 / Unit"]


def hidden_column(column: str) -> str:
    """The sentence a hidden column of a Bids sheet that holds something is refused with, on the command line."""
    return (f"column {column} is hidden and is not empty: show the column and save the workbook to have it read, or "
            "delete the column if it is not to be evaluated")


def hidden_panel_column(column: str) -> str:
    return (f"column {column} is hidden and is not empty: show the column and save the workbook to have it read, or "
            "delete the column")


def table(*bids: dict[str, Any]) -> list[list[Any]]:
    """The header row, then a row per bid."""
    return [FIELDS] + [[bid.get(f) for f in FIELDS] for bid in bids]


def by_openpyxl(path: Path, sheets: Mapping[str, Sequence[Sequence[Any]]],
                hidden: Mapping[str, Sequence[str]]) -> Path:
    """Sheets written by openpyxl, the columns ``hidden`` (letters) hidden by hand
    (``<col hidden="1" width=… min=… max=…/>``)."""
    return write_openpyxl(path, sheets, hidden_columns=hidden)


def by_xlsxwriter(path: Path, sheets: Mapping[str, Sequence[Sequence[Any]]], hidden: Mapping[str, Sequence[str]],
                  zero_width: bool = False) -> Path:
    """Sheets written by xlsxwriter, the columns ``hidden`` (letters) hidden (``hidden="1"``), or with ``zero_width``
    narrowed to a width of 0 (``width="0" customWidth="1"``, no hidden attribute)."""
    book = xlsxwriter.Workbook(path, {"strings_to_numbers": False, "strings_to_formulas": False})
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is not None:
                    sheet.write_string(r, c, value) if isinstance(value, str) else sheet.write(r, c, value)
        for letter in hidden.get(name, ()):
            c = ord(letter) - ord("A")
            if zero_width:
                sheet.set_column(c, c, 0)
            else:
                sheet.set_column(c, c, None, None, {"hidden": True})
    book.close()
    return path


def by_width_0(path: Path, sheets: Mapping[str, Sequence[Sequence[Any]]], hidden: Mapping[str, Sequence[str]]) -> Path:
    return by_xlsxwriter(path, sheets, hidden, zero_width=True)


WRITERS = [by_openpyxl, by_xlsxwriter, by_width_0]


def refusal(rubric, path: Path) -> list[str]:
    with pytest.raises(BidsError) as caught:
        read_bids(rubric, [path])
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize("write", WRITERS)
def test_a_hidden_column_that_holds_values_is_refused_at_its_header(rubric, tmp_path: Path, write) -> None:
    path = write(tmp_path / "bids.xlsx", {"Bids": table(A, B)}, {"Bids": [SIMILAR]})
    with pytest.raises(BidsError) as caught:
        read_bids(rubric, [path])
    (problem,) = caught.value.problems
    assert str(problem) == f"{path}:Bids!{SIMILAR}1: {hidden_column(SIMILAR)}"
    assert (problem.file, problem.sheet, problem.cell, problem.code, problem.data["column"]) == (
        str(path), "Bids", f"{SIMILAR}1", "bids.hidden_column", SIMILAR)
    assert messages.render(problem, "zh") == (
        f"{path}:Bids!{SIMILAR}1：{SIMILAR} 列已隐藏且不是空列：请取消隐藏后保存，以便读取该列；如该列不参加评审，请删除该列")


def test_a_column_hidden_with_the_rows_is_told_with_the_other_problems(rubric, tmp_path: Path) -> None:
    """Every problem at once: each hidden column (a field's, the vendor ID's, one without a header), then the
    visible cells' own problems; a hidden column's cells are not read (its bad value says nothing), and neither
    is its field missing or empty."""
    rows = table(good_bid(VENDOR_A, similar_projects="many"), good_bid(VENDOR_B, dial_test_accuracy="ninety"))
    rows[2].append("a note")  # K3, no header
    path = by_xlsxwriter(tmp_path / "bids.xlsx", {"Bids": rows}, {"Bids": ["A", SIMILAR, "K"]})
    accuracy = chr(ord("A") + FIELDS.index("dial_test_accuracy"))
    assert refusal(rubric, path) == [
        f"{path}:Bids!K1: a column with values has no header",
        f"{path}:Bids!A1: {hidden_column('A')}", f"{path}:Bids!{SIMILAR}1: {hidden_column(SIMILAR)}",
        f"{path}:Bids!K1: {hidden_column('K')}",
    ]
    rows[2].pop()
    path = by_xlsxwriter(tmp_path / "fields.xlsx", {"Bids": rows}, {"Bids": ["A", SIMILAR]})
    assert refusal(rubric, path) == [
        f"{path}:Bids!A1: {hidden_column('A')}", f"{path}:Bids!{SIMILAR}1: {hidden_column(SIMILAR)}",
        f"{path}:Bids!{accuracy}3: expected a percentage such as 96% (or a fraction 0..1 such as 0.96), found "
        "'ninety'",
    ]


def test_a_hidden_header_alone_is_refused(rubric, tmp_path: Path) -> None:
    """The header is a read row: a hidden column titled but empty below is a field nobody sees."""
    rows = table(A, B)
    rows[1][FIELDS.index("similar_projects")] = rows[2][FIELDS.index("similar_projects")] = None
    path = by_openpyxl(tmp_path / "bids.xlsx", {"Bids": rows}, {"Bids": [SIMILAR]})
    assert refusal(rubric, path) == [f"{path}:Bids!{SIMILAR}1: {hidden_column(SIMILAR)}"]


@pytest.mark.parametrize("write", WRITERS)
def test_an_empty_hidden_column_is_no_column(rubric, tmp_path: Path, write) -> None:
    """An empty column between the fields and the columns past the last, hidden: read as before."""
    rows = [row[:3] + [None] + row[3:] for row in table(A, B)]  # D empty
    path = write(tmp_path / "bids.xlsx", {"Bids": rows}, {"Bids": ["D", "L", "M"]})
    book, _ = open_workbook(path)
    assert book is not None and book.hidden_columns("Bids") == {4}  # noted up to the furthest cell only
    assert [bid.vendor_id for bid in read_bids(rubric, [path]).bids] == [VENDOR_A, VENDOR_B]


def test_every_column_hidden_past_the_last_is_fine(rubric, tmp_path: Path) -> None:
    """As Excel users tidy a sheet: every column after the table hidden, to XFD."""
    path = by_xlsxwriter(tmp_path / "bids.xlsx", {"Bids": table(A, B)}, {})
    crafted = rewritten(path, lambda xml: xml.replace(b"<sheetData>",
                                                      b'<cols><col min="11" max="16384" hidden="1"/></cols>'
                                                      b"<sheetData>"))
    assert [bid.vendor_id for bid in read_bids(rubric, [crafted]).bids] == [VENDOR_A, VENDOR_B]
    crafted = rewritten(path, lambda xml: xml.replace(b"<sheetData>",
                                                      b'<cols><col min="10" max="16384" hidden="1"/></cols>'
                                                      b"<sheetData>"))
    assert refusal(rubric, crafted) == [f"{crafted}:Bids!J1: {hidden_column('J')}"]


def test_the_command_line_exits_2_naming_file_sheet_and_cell(tmp_path: Path) -> None:
    """The tester's finding: a 5 typed into K4 of the sample, column K hidden (then narrowed to 0), moved the
    vendor's total from 68.32 to 72.32 without a word."""
    book = openpyxl.load_workbook(ROOT / "sample_bids" / "dev-staffing.xlsx")
    book["Bids"]["K4"].value = 5
    book["Bids"].column_dimensions["K"].hidden = True
    hidden = tmp_path / "x.xlsx"
    book.save(hidden)
    narrowed = rewritten(hidden, lambda xml: re.sub(rb"<col [^>]*/>", b'<col min="11" max="11" width="0" '
                                                                       b'customWidth="1"/>', xml))
    for path, lang, expected in ((hidden, "en", f"{hidden}:Bids!K1: {hidden_column('K')}"),
                                 (narrowed, "en", f"{narrowed}:Bids!K1: {hidden_column('K')}"),
                                 (hidden, "zh", f"{hidden}:Bids!K1：K 列已隐藏且不是空列")):
        out = tmp_path / f"result-{lang}.json"
        done = subprocess.run([sys.executable, "-m", "bideval", "evaluate", "--criteria",
                               str(ROOT / "criteria" / "dev-staffing.yaml"), "--bids", str(path), "--panel",
                               str(ROOT / "sample_bids" / "dev-staffing-panel.xlsx"), "--json", str(out),
                               "--lang", lang], cwd=ROOT, capture_output=True, text=True)
        assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
        assert done.stderr.splitlines()[0].startswith(expected) and not out.exists(), done.stderr


def test_the_app_refuses_the_upload_and_stores_nothing(tmp_path: Path) -> None:
    """The app reads through its reader process; the guard runs in the server, which notes the hidden columns."""
    store = Store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    tender = chair_tender(store, "T")
    admin = admin_of(store)
    form = write_form(tmp_path / "a.xlsx", A)
    assert store.import_bids(admin, tender, [(form.name, form.read_bytes())]).ok
    before = store.bidset(admin, tender).bids
    path = by_openpyxl(tmp_path / "bids.xlsx", {"Bids": table(B)}, {"Bids": [SIMILAR]})
    report = store.import_bids(admin, tender, [(path.name, path.read_bytes())])
    assert report.accepted == {}
    assert [str(problem) for problem in report.refused[path.name]] == [
        f"bids.xlsx:Bids!{SIMILAR}1: {hidden_column(SIMILAR)}"]
    assert store.bidset(admin, tender).bids == before and [b.vendor_id for b in before] == [VENDOR_A]
    (upload, _) = store.uploads(admin, tender)  # newest first: the import report kept: where and what, in both languages
    ((said,),) = [file.problems for file in upload.files]
    assert (said.local, said.code, said.text.en) == (f"Bids!{SIMILAR}1", "bids.hidden_column", hidden_column(SIMILAR))
    assert said.text.zh.startswith(f"{SIMILAR} 列已隐藏且不是空列")
    shown = by_openpyxl(tmp_path / "shown.xlsx", {"Bids": [r + [None] for r in table(B)]}, {"Bids": ["K"]})
    report = store.import_bids(admin, tender, [(shown.name, shown.read_bytes())])
    assert report.refused == {} and [b.vendor_id for b in store.bidset(admin, tender).bids] == [VENDOR_A, VENDOR_B]


# -- a bid form: column A field ids, B labels, C answers, D units

def form_rows(values: Mapping[str, Any], header: bool = True) -> list[list[Any]]:
    return ([FORM_HEAD] if header else []) + [[f, f"label of {f}", v, "unit"] for f, v in values.items()]


@pytest.mark.parametrize("column, holds", [("C", "answers"), ("A", "field ids")])
@pytest.mark.parametrize("write", WRITERS)
def test_a_bid_form_with_its_ids_or_answers_hidden_is_refused(rubric, tmp_path: Path, write, column: str,
                                                              holds: str) -> None:
    """A hidden answer is one nobody saw; a hidden field id files the answer beside it under a field other than
    the one its label shows."""
    path = write(tmp_path / "form.xlsx", {"Bid": form_rows(A)}, {"Bid": [column]})
    with pytest.raises(BidsError) as caught:
        read_bids(rubric, [path])
    (problem,) = caught.value.problems
    assert str(problem) == (f"{path}:Bid!{column}1: column {column}, which holds the {holds}, is hidden: show the "
                            "column and save the workbook to have the form read")
    assert (problem.code, problem.cell, problem.data["column"]) == ("bids.hidden_form_column", f"{column}1", column)
    zh = "字段代码所在列" if column == "A" else "填写内容所在列"
    assert messages.render(problem, "zh") == (
        f"{path}:Bid!{column}1：{column} 列（{zh}）已隐藏：请取消隐藏该列后保存，以便读取投标表")


def test_a_form_without_a_header_is_refused_at_its_first_field_row(rubric, tmp_path: Path) -> None:
    rows = [["投标文件"], [], *form_rows(A, header=False)]  # a title in A1 is the form's header: passed over
    path = by_xlsxwriter(tmp_path / "titled.xlsx", {"Bid": rows}, {"Bid": ["C"]})
    assert [p.split(": ")[0] for p in refusal(rubric, path)] == [f"{path}:Bid!C1"]
    path = by_xlsxwriter(tmp_path / "bare.xlsx", {"Bid": form_rows(A, header=False)}, {"Bid": ["C"]})
    assert [p.split(": ")[0] for p in refusal(rubric, path)] == [f"{path}:Bid!C1"]
    path = by_xlsxwriter(tmp_path / "spaced.xlsx", {"Bid": [[], [], *form_rows(A, header=False)]}, {"Bid": ["C"]})
    assert [p.split(": ")[0] for p in refusal(rubric, path)] == [f"{path}:Bid!C3"]


@pytest.mark.parametrize("write", WRITERS)
def test_a_bid_forms_hidden_labels_units_and_notes_are_read_as_before(rubric, tmp_path: Path, write) -> None:
    rows = [row + ["a note"] for row in form_rows(A)]
    path = write(tmp_path / "form.xlsx", {"Bid": rows}, {"Bid": ["B", "D", "E"]})
    book, _ = open_workbook(path)
    assert book is not None and book.hidden_columns("Bid") == {2, 4, 5}
    (bid,) = read_bids(rubric, [path]).bids
    assert bid.vendor_id == VENDOR_A and bid.values["similar_projects"] == 3


def test_a_hidden_answer_column_with_no_answer_is_no_column(rubric, tmp_path: Path) -> None:
    """Column C hidden, but no field row holds an answer in it (only its header): the form reads as empty answers."""
    rows = form_rows(A)
    for row in rows[1:]:
        row[2] = None
    path = by_xlsxwriter(tmp_path / "form.xlsx", {"Bid": rows}, {"Bid": ["C"]})
    book, _ = open_workbook(path)
    assert book is not None and book.hidden_columns("Bid") == {3}
    with pytest.raises(BidsError) as caught:
        read_bids(rubric, [path])
    assert [(p.cell, p.code) for p in caught.value.problems] == [("C2", "bids.required_empty"),
                                                                 ("C3", "bids.required_empty")]


# -- a panel workbook: Scores, Tiers, Judges

@pytest.fixture
def bids(rubric):
    return make_bidset(rubric, good_bid(VENDOR_A), good_bid(VENDOR_B, name="乙公司")).bids


def scores_of(*judges: str, comment: str = "") -> list[list[Any]]:
    return [[j, v, c, s, comment] for j in judges for v in (VENDOR_A, VENDOR_B)
            for c, s in (("ops_plan", 12), ("service_design", 4))]


def panel_problems(rubric, bids, path: Path) -> list[str]:
    invalid = [v for v, c in check_bids(rubric, bids).items() if not c.valid]
    with pytest.raises(PanelError) as caught:
        read_panel(rubric, bids, invalid, [path])
    return [str(p).removeprefix(f"{path}:") for p in caught.value.problems]


def panel_scores(rubric, bids, path: Path) -> int:
    invalid = [v for v, c in check_bids(rubric, bids).items() if not c.valid]
    return len(read_panel(rubric, bids, invalid, [path]).scores)


@pytest.mark.parametrize("write", WRITERS)
@pytest.mark.parametrize("sheet, column", [("Scores", "D"), ("Scores", "A"), ("Tiers", "C"), ("Judges", "A")])
def test_a_hidden_panel_column_that_holds_anything_is_refused(rubric, bids, tmp_path: Path, write, sheet: str,
                                                             column: str) -> None:
    """A hidden score column held a judge's 15 nobody saw; a hidden tier or member is the same."""
    sheets = {"Scores": [SCORES, *scores_of("A", "B")], "Tiers": TIERS, "Judges": [["judge"], ["A"], ["B"]]}
    path = write(tmp_path / "panel.xlsx", sheets, {sheet: [column]})
    assert panel_problems(rubric, bids, path) == [f"{sheet}!{column}1: {hidden_panel_column(column)}"]


def test_a_hidden_comment_column_is_refused_an_empty_one_is_not(rubric, bids, tmp_path: Path) -> None:
    """A comment is kept, not scored: merged, it still shows on screen, but hidden it would go on the record
    unseen. A hidden comment column with nothing below its header is refused too (the header is read); a hidden
    extra column past the comments, empty, is no column."""
    sheets = {"Scores": [SCORES, *scores_of("A", "B", comment="方案完整")], "Tiers": TIERS}
    path = by_openpyxl(tmp_path / "comments.xlsx", sheets, {"Scores": ["E"]})
    assert panel_problems(rubric, bids, path) == [f"Scores!E1: {hidden_panel_column('E')}"]
    sheets = {"Scores": [SCORES[:4] + [None, "note"], *scores_of("A", "B")], "Tiers": TIERS}
    path = by_openpyxl(tmp_path / "empty.xlsx", sheets, {"Scores": ["E"]})
    assert panel_scores(rubric, bids, path) == 8


@pytest.mark.parametrize("heading, refused", [
    ("档次 / tier", False), ("最低 / min", False), ("max", False), ("序号", False),  # the score sheet's, read nowhere
    ("投标人 / vendor", True), ("复核", True),  # a name is checked against its row; a column not read, unseen
])
def test_a_hidden_column_of_the_score_sheets_tier_or_range_hides_nothing_read(rubric, bids, tmp_path: Path,
                                                                            heading: str, refused: bool) -> None:
    """conform12b: a judge who hid the returned score sheet's tier, min and max columns (formats.md §3: ignored)
    had the sheet refused, though nothing in them is read."""
    sheets = {"Scores": [SCORES + [heading], *(row + ["一档"] for row in scores_of("A", "B"))], "Tiers": TIERS}
    path = by_openpyxl(tmp_path / "panel.xlsx", sheets, {"Scores": ["F"]})
    if refused:
        assert panel_problems(rubric, bids, path) == [f"Scores!F1: {hidden_panel_column('F')}"]
    else:
        assert panel_scores(rubric, bids, path) == 8


def test_a_panel_sheet_with_a_hidden_column_and_hidden_rows_tells_both(rubric, bids, tmp_path: Path) -> None:
    rows = [SCORES, *scores_of("A", "B"), ["C", VENDOR_A, "ops_plan", 15, ""]]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Scores"
    for row in rows:
        sheet.append(row)
    sheet.column_dimensions["D"].hidden = True
    sheet.row_dimensions[10].hidden = True
    tiers = book.create_sheet("Tiers")
    for row in TIERS:
        tiers.append(row)
    path = tmp_path / "panel.xlsx"
    book.save(path)
    assert panel_problems(rubric, bids, path) == [
        f"Scores!D1: {hidden_panel_column('D')}",
        "Scores!A10: row 10 is hidden (by hand or by a filter) and is not empty: show the row (or clear the filter) "
        "and save the workbook to have it read, or delete the row"]


def test_the_app_refuses_a_panel_with_a_hidden_column(tmp_path: Path) -> None:
    """Through the app's reader process: the panel is not replaced."""
    store = Store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    tender = chair_tender(store, "T")
    admin = admin_of(store)
    forms = [write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A)), write_form(tmp_path / "b.xlsx", B)]
    assert store.import_bids(admin, tender, [(f.name, f.read_bytes()) for f in forms]).ok
    sheets = {"Scores": [SCORES, *scores_of("A", "B")], "Tiers": TIERS}
    replace_panel(store, tender, by_xlsxwriter(tmp_path / "first.xlsx", sheets, {}))
    before = store.judges(admin, tender), store.scores(admin, tender), store.tiers(admin, tender)
    assert len(before[1]) == 8
    sheets["Scores"] = [SCORES, *scores_of("A", "B", "C")]
    hidden = by_xlsxwriter(tmp_path / "panel.xlsx", sheets, {"Scores": ["D"]})
    with pytest.raises(PanelError) as caught:
        replace_panel(store, tender, hidden)
    assert [str(p) for p in caught.value.problems] == [f"panel.xlsx:Scores!D1: {hidden_panel_column('D')}"]
    assert (store.judges(admin, tender), store.scores(admin, tender), store.tiers(admin, tender)) == before


def test_the_notes_travel_with_a_panel_book_sent_back_by_a_worker(rubric, bids, tmp_path: Path) -> None:
    """A reading worker pickles the panel workbook it opened: its hidden columns come with its rows."""
    sheets = {"Scores": [SCORES, *scores_of("A", "B")], "Tiers": TIERS}
    path = by_xlsxwriter(tmp_path / "panel.xlsx", sheets, {"Scores": ["D"]})
    opened = pickle.loads(pickle.dumps(open_panel_book(path)))
    assert opened.book is not None and opened.book.hidden_columns("Scores") == {4}
    invalid = [v for v, c in check_bids(rubric, bids).items() if not c.valid]
    with pytest.raises(PanelError) as caught:
        read_panel(rubric, bids, invalid, [path], opened=([opened], []))
    assert [p.code for p in caught.value.problems] == ["panel.hidden_column"]
    apart, _ = open_workbook(path, apart=True)
    assert apart is not None and apart.hidden_columns("Scores") == {4}


# -- the package check: both its scans, every spelling

def rewritten(path: Path, change, name: str | None = None) -> Path:
    """A copy of the workbook at ``path`` with its first worksheet's XML changed by ``change``."""
    crafted = path.with_name(name or f"crafted-{path.name}")
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(crafted, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            new.writestr(info.filename, change(data) if info.filename == SHEET else data)
    return crafted


def columns_xml(cols: str, late_r: bool = False, after: str = "", cells: str = "") -> bytes:
    """A worksheet of two rows, each with text in A, B and C, ``cols`` before sheetData and ``after`` after it,
    and ``cells`` in a third row. With ``late_r`` a cell's ``r`` is not its first attribute, which sends the sheet to
    the exact scan."""
    cell = '<c t="inlineStr" r="{0}{1}">' if late_r else '<c r="{0}{1}" t="inlineStr">'
    body = "".join(f'<row r="{n}">' + "".join(cell.format(c, n) + f"<is><t>{c}{n}</t></is></c>" for c in "ABC")
                   + "</row>" for n in (1, 2))
    if cells:
        body += f'<row r="3">{cells}</row>'
    return (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats'
            b'.org/spreadsheetml/2006/main">' + cols.encode() + b"<sheetData>" + body.encode() + b"</sheetData>"
            + after.encode() + b"</worksheet>")


def prefixed(xml: bytes) -> bytes:
    """The same sheet written with a namespace prefix, as the OpenXML SDK does (the exact scan reads it)."""
    return re.sub(rb"<(/?)(?=[A-Za-z])", rb"<\1x:", xml).replace(b'xmlns="http', b'xmlns:x="http')


def noted_hidden(tmp_path: Path, cols: str, after: str = "", cells: str = "") -> set[int]:
    """The columns the guard notes as hidden in a sheet of cells A1:C2 with ``cols`` (``after`` sheetData, ``cells``
    in row 3): the same in each of its scans."""
    source = write_consolidated(tmp_path / "source.xlsx", ["x"], [["y"]])
    found = []
    for markup, xml in (("as written", columns_xml(cols, after=after, cells=cells)),
                        ("late r", columns_xml(cols, late_r=True, after=after, cells=cells)),
                        ("prefixed", prefixed(columns_xml(cols, after=after, cells=cells)))):
        path = rewritten(source, lambda _: xml, f"{markup}.xlsx")
        problems, notes = scan_xlsx(path)
        assert problems == [], markup
        found.append(set(notes.hidden_columns.get("Bids", ())))
    assert found[0] == found[1] == found[2], found
    return found[0]


A_HIDDEN = '<col min="1" max="1" hidden="1"/>'  # beside each tag tried: a scan that notes nothing fails every row


@pytest.mark.parametrize("tags, hidden", [
    ('<col min="2" max="2" width="9" hidden="1" customWidth="1"/>', {2}),
    ('<col hidden="1" width="13" customWidth="1" min="2" max="2" />', {2}),  # openpyxl's order
    ('<col min="2" max="2" width="0" hidden="1" customWidth="1"/>', {2}),  # xlsxwriter's
    ('<col collapsed="false" customWidth="true" hidden="true" outlineLevel="0" max="2" min="2" style="0" '
     'width="9.14"/>', {2}),  # LibreOffice's
    ("<col min='2' max='2' hidden=' 1 '/>", {2}),
    ('<col min="2" max="2" hidden="&#49;"/>', {2}),  # as an XML reader reads it
    ('<col min="2" max="2" note="a>b" hidden="1"/>', {2}),  # a '>' inside a value does not end the tag
    ('<col min="2" max="2" width="9" outlineLevel="1" hidden="1" collapsed="1"/>', {2}),  # a folded group
    ('\n  <col\n min="2"\tmax="2"\n hidden="1"\n/>\n', {2}),
    ('<col min="2" max="16384" hidden="1"/>', {2, 3}),  # up to the furthest cell only
    ('<col min="3" max="99999999999999" hidden="1"/>', {3}),
    ('<col min="1" max="2" hidden="1"/><col min="2" max="3" width="0"/>', {2, 3}),
    ('<col min="4" max="9" hidden="1"/>', set()),  # past the cells: holds nothing
    # a width of 0 is how Excel hides a column too
    ('<col min="2" max="2" width="0" customWidth="1"/>', {2}),
    ('<col min="2" max="2" width=" 0.00 "/>', {2}),
    ('<col min="2" max="2" width="0.5" customWidth="1"/>', set()),  # narrow, not hidden
    ('<col min="2" max="2" width="" customWidth="1"/>', set()),
    ('<col min="2" max="2" width="NaN"/>', set()),
    ('<col min="2" max="2" width="9" hidden="0"/>', set()),
    ('<col min="2" max="2" hidden="false"/>', set()),
    ('<col min="2" max="2" hidden="yes"/>', set()),
    ('<col min="2" max="2" x:hidden="1"/>', set()),  # another namespace's attribute
    ('<col min="2" max="2" unhidden="1"/>', set()),
    ('<col min="2" max="2" note=\'hidden="1"\'/>', set()),  # text inside a value
    ('<col min="3" max="2" hidden="1"/>', set()),  # no columns (Excel would not open it)
    ('<col max="2" hidden="1"/>', set()),
    ('<col min="B" max="2" hidden="1"/>', set()),
    ('', set()),
])
def test_the_guard_notes_hidden_columns_in_both_scans(tmp_path: Path, tags: str, hidden: set[int]) -> None:
    assert noted_hidden(tmp_path, f"<cols>{A_HIDDEN}{tags}</cols>") == {1} | hidden


@pytest.mark.parametrize("after, hidden", [
    ('<colBreaks count="1" manualBreakCount="1"><brk id="2" max="1048575" man="1"/></colBreaks>', set()),
    ('<cols><col min="2" max="2" hidden="1"/></cols>', {2}),  # out of place, read all the same
])
def test_what_follows_the_rows(tmp_path: Path, after: str, hidden: set[int]) -> None:
    assert noted_hidden(tmp_path, f"<cols>{A_HIDDEN}</cols>", after) == {1} | hidden


def test_a_cells_text_that_looks_like_a_column_tag_hides_nothing(tmp_path: Path) -> None:
    """Text is escaped in a cell (&lt;col …), prefixed markup's too (&lt;x:col …): only markup is a column tag."""
    text = '<c r="A3" t="inlineStr"><is><t>&lt;col min="1" max="3" hidden="1"/&gt; &lt;x:col min="1" max="3" ' \
           'hidden="1"/&gt;</t></is></c>'
    assert noted_hidden(tmp_path, f"<cols>{A_HIDDEN}</cols>", cells=text) == {1}


def test_a_hidden_column_read_by_the_exact_scan_is_refused_too(rubric, tmp_path: Path) -> None:
    """A workbook whose markup sends the guard to its exact scan (a cell's r not first; a namespace prefix)."""
    path = by_xlsxwriter(tmp_path / "bids.xlsx", {"Bids": table(A, B)}, {"Bids": [SIMILAR]})
    sheet = zipfile.ZipFile(path).read(SHEET)
    assert b'<col min="7" max="7" width="0" hidden="1" customWidth="1"/>' in sheet
    for markup, change in (("late r", lambda xml: re.sub(rb'<c r="([A-Z]+[0-9]+)" t="s">', rb'<c t="s" r="\1">', xml)),
                           ("prefixed", prefixed)):
        crafted = rewritten(path, change, f"{markup}.xlsx")
        assert refusal(rubric, crafted) == [f"{crafted}:Bids!{SIMILAR}1: {hidden_column(SIMILAR)}"], markup


def test_many_column_tags_are_noted_in_one_pass(tmp_path: Path) -> None:
    """A crafted <cols> of 25,000 tags each hiding every column: noted once each column, not per tag."""
    cols = "<cols>" + '<col min="1" max="16384" hidden="1"/>' * 25_000 + "</cols>"
    assert noted_hidden(tmp_path, cols) == {1, 2, 3}


@pytest.mark.parametrize("tags, hidden", [
    ('<sheetFormatPr defaultRowHeight="15" defaultColWidth="0"/><cols><col min="1" max="1" width="9"/></cols>',
     {2, 3}),
    ('<sheetFormatPr defaultColWidth="0"/><cols><col min="1" max="3" width="9" customWidth="1"/></cols>', set()),
    ('<sheetFormatPr defaultColWidth="0"/><cols><col min="2" max="2" width="9"/></cols>', {1, 3}),
    ('<sheetFormatPr defaultColWidth=" 0.0 "/>', {1, 2, 3}),
    ('<sheetFormatPr defaultColWidth="0"/><cols><col min="1" max="3" style="1"/></cols>', {1, 2, 3}),  # no width
    ('<sheetFormatPr defaultColWidth="0"/><cols><col min="1" max="3" width="9" hidden="1"/></cols>', {1, 2, 3}),
    ('<sheetFormatPr defaultColWidth="8.43"/>', set()),
    ('<sheetFormatPr baseColWidth="0" defaultRowHeight="15"/>', set()),  # Excel still adds its padding
    ('<sheetFormatPr defaultColWidth="10"/><cols><col min="2" max="2" width="0"/></cols>', {2}),
    # 0 spelt another way an XML reader reads as 0 (a character reference, xsd:double's forms)
    ('<sheetFormatPr defaultColWidth="&#48;"/><cols><col min="2" max="2" width="9"/></cols>', {1, 3}),
    ("<sheetFormatPr defaultColWidth='0e0'/>", {1, 2, 3}),
    ('<sheetFormatPr defaultColWidth="-0" defaultRowHeight="15"/>', {1, 2, 3}),
    ('<sheetFormatPr defaultColWidth="8.43e0"/>', set()),
])
def test_a_default_column_width_of_0_hides_every_column_without_a_width(tmp_path: Path, tags: str,
                                                                        hidden: set[int]) -> None:
    """``<sheetFormatPr defaultColWidth="0"/>``: Excel shows each column no column tag widens as hidden."""
    assert noted_hidden(tmp_path, tags) == hidden


@pytest.mark.parametrize("width", ["0", "&#48;", "0e0"])
def test_a_bids_column_hidden_by_the_default_width_is_refused(rubric, tmp_path: Path, width: str) -> None:
    path = by_xlsxwriter(tmp_path / "bids.xlsx", {"Bids": table(A, B)}, {})
    last = len(FIELDS)
    widths = (f'<col min="1" max="{last - 1}" width="12" customWidth="1"/>' if SIMILAR == chr(ord("A") + last - 1)
              else f'<col min="1" max="{ord(SIMILAR) - ord("A")}" width="12" customWidth="1"/>'
                   f'<col min="{ord(SIMILAR) - ord("A") + 2}" max="{last}" width="12" customWidth="1"/>')
    crafted = rewritten(path, lambda xml: re.sub(rb"<sheetFormatPr[^>]*/>", b"", xml).replace(
        b"<sheetData>", f'<sheetFormatPr defaultRowHeight="15" defaultColWidth="{width}"/><cols>{widths}'.encode()
        + b"</cols><sheetData>"))
    assert refusal(rubric, crafted) == [f"{crafted}:Bids!{SIMILAR}1: {hidden_column(SIMILAR)}"]


@pytest.mark.parametrize("hide", [1, 2])
def test_a_panel_sheets_hidden_header_or_title_row_is_refused(rubric, bids, tmp_path: Path, hide: int) -> None:
    """The header decides which column holds the score: hidden, it is a reading nobody checked on screen (a Bids
    sheet's hidden header is refused the same way); a hidden title row above it, too."""
    sheets = {"Scores": [["评分表"], SCORES, *scores_of("A", "B")], "Tiers": TIERS}
    path = write_openpyxl(tmp_path / "panel.xlsx", sheets, hidden={"Scores": [hide]})
    assert panel_problems(rubric, bids, path) == [
        f"Scores!A{hide}: row {hide} is hidden (by hand or by a filter) and is not empty: show the row (or clear the "
        "filter) and save the workbook to have it read, or delete the row"]
    assert panel_scores(rubric, bids, write_openpyxl(tmp_path / "shown.xlsx", sheets)) == 8
