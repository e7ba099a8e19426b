"""Rows hidden in Excel: a consolidated sheet's hidden row that holds anything is refused at its row (nobody looking
at the sheet sees it); an empty one is a blank row; a bid form's hidden rows are read as before."""
from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any, Sequence

import openpyxl
import pytest
import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st

from bideval import messages
from bideval.bids import read_bids
from bideval.errors import BidsError
from bideval.storage import Store
from bideval import xlsx_guard
from bideval.xlsx_guard import scan_xlsx
from conftest import ROOT, VENDOR_A, VENDOR_B, admin_of, chair_tender, good_bid, write_consolidated

SHEET = "xl/worksheets/sheet1.xml"
FIELDS = list(good_bid())
A, B = good_bid(VENDOR_A, name="甲公司"), good_bid(VENDOR_B, name="乙公司", rate_per_call=0.9)
C = good_bid("91310000MA1FL0000X", name="丙公司", rate_per_call=0.95)


def hidden_row(row: int) -> str:
    """The sentence a hidden row that holds something is refused with, on the command line."""
    return (f"row {row} is hidden (by hand or by a filter) and is not empty: show the row (or clear the filter) "
            "and save the workbook to have it read as a bid, or delete the row if that bid is not to be evaluated")


def table(*bids: dict[str, Any] | None) -> list[list[Any]]:
    """The header row, then a row per bid (None: an empty row)."""
    return [FIELDS] + [[bid.get(f) for f in FIELDS] if bid else [] for bid in bids]


def by_openpyxl(path: Path, rows: Sequence[Sequence[Any]], hidden: Sequence[int]) -> Path:
    """Sheet Bids written by openpyxl, the rows numbered ``hidden`` (from 1) hidden by hand."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Bids"
    for row in rows:
        sheet.append(list(row))
    for number in hidden:
        sheet.row_dimensions[number].hidden = True
    book.save(path)
    return path


def by_xlsxwriter(path: Path, rows: Sequence[Sequence[Any]], hidden: Sequence[int], sheet_name: str = "Bids",
                  visible: Sequence[str] | None = None) -> Path:
    """A sheet written by xlsxwriter, the rows ``hidden`` (from 1) hidden; with ``visible``, by an AutoFilter on the
    vendor_name column that shows those names only, as Excel saves a filtered sheet."""
    book = xlsxwriter.Workbook(path, {"strings_to_numbers": False, "strings_to_formulas": False})
    sheet = book.add_worksheet(sheet_name)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                sheet.write_string(r, c, value) if isinstance(value, str) else sheet.write(r, c, value)
    if visible is not None:
        sheet.autofilter(0, 0, len(rows) - 1, len(rows[0]) - 1)
        sheet.filter_column_list(FIELDS.index("vendor_name"), list(visible))
    for number in hidden:
        sheet.set_row(number - 1, None, None, {"hidden": True})
    book.close()
    return path


def by_filter(path: Path, rows: Sequence[Sequence[Any]], hidden: Sequence[int]) -> Path:
    """Sheet Bids with an AutoFilter left on that hides the rows ``hidden``."""
    shown = [row[FIELDS.index("vendor_name")] for number, row in enumerate(rows, 1) if number > 1
             and number not in hidden and row]
    return by_xlsxwriter(path, rows, hidden, visible=shown)


def refusal(rubric, path: Path) -> list[str]:
    with pytest.raises(BidsError) as caught:
        read_bids(rubric, [path])
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize("write", [by_openpyxl, by_xlsxwriter, by_filter])
def test_a_hidden_row_that_holds_a_bid_is_refused_at_its_row(rubric, tmp_path: Path, write) -> None:
    path = write(tmp_path / "bids.xlsx", table(A, B, C), hidden=[3])
    with pytest.raises(BidsError) as caught:
        read_bids(rubric, [path])
    (problem,) = caught.value.problems
    assert str(problem) == f"{path}:Bids: {hidden_row(3)}"
    assert (problem.file, problem.sheet, problem.code, problem.data["row"]) == (str(path), "Bids", "bids.hidden_row", 3)
    assert messages.render(problem, "zh") == (
        f"{path}:Bids：第 3 行已隐藏（手动隐藏或被筛选隐藏）且不是空行：如该行是要评审的投标，请取消隐藏（或清除筛选）后保存；"
        "如该投标不参加评审，请删除该行")


def test_every_hidden_row_is_named_with_the_other_problems(rubric, tmp_path: Path) -> None:
    """Every problem at once: each hidden row (the header's too), then the visible rows' own problems; a hidden
    row's cells are not read (its bad value and its duplicate vendor say nothing)."""
    rows = table(A, good_bid(VENDOR_B, dial_test_accuracy="ninety"), good_bid(VENDOR_A, similar_projects="many"), C)
    rows[1][FIELDS.index("similar_projects")] = "lots"
    path = by_xlsxwriter(tmp_path / "bids.xlsx", rows, hidden=[1, 3, 4])
    column = chr(ord("A") + FIELDS.index("similar_projects"))
    assert refusal(rubric, path) == [
        f"{path}:Bids: {hidden_row(1)}", f"{path}:Bids: {hidden_row(3)}", f"{path}:Bids: {hidden_row(4)}",
        f"{path}:Bids!{column}2: expected a whole number (0 or more), found 'lots'",
    ]


def test_the_command_line_exits_2_naming_file_sheet_and_row(tmp_path: Path) -> None:
    path = by_filter(tmp_path / "bids.xlsx", table(A, B, C), hidden=[4])
    for lang, expected in (("en", f"{path}:Bids: {hidden_row(4)}"), ("zh", f"{path}:Bids：第 4 行已隐藏")):
        out = tmp_path / f"result-{lang}.json"
        done = subprocess.run([sys.executable, "-m", "bideval", "evaluate", "--criteria",
                               str(ROOT / "tests" / "data" / "formats_example.yaml"), "--bids", str(path), "--json",
                               str(out), "--lang", lang], cwd=ROOT, capture_output=True, text=True)
        assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
        assert expected in done.stderr.splitlines()[0] and not out.exists(), done.stderr


def test_the_app_refuses_the_upload_and_stores_nothing(tmp_path: Path) -> None:
    """The app reads through its reader process; the guard runs in the server, which reads the hidden rows."""
    store = Store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    tender = chair_tender(store, "T")
    admin = admin_of(store)
    path = by_openpyxl(tmp_path / "bids.xlsx", table(A, B), hidden=[2])
    report = store.import_bids(admin, tender, [(path.name, path.read_bytes())])
    assert report.accepted == {}
    assert [str(problem) for problem in report.refused[path.name]] == [f"bids.xlsx:Bids: {hidden_row(2)}"]
    assert store.bidset(admin, tender).bids == ()
    (upload,) = store.uploads(admin, tender)  # the import report kept: where and what, in both languages
    ((said,),) = [file.problems for file in upload.files]
    assert (said.local, said.code, said.text.en) == ("Bids", "bids.hidden_row", hidden_row(2))
    assert said.text.zh.startswith("第 2 行已隐藏")
    shown = by_openpyxl(tmp_path / "shown.xlsx", table(A, B), hidden=[4, 9])  # empty hidden rows: read as blank
    report = store.import_bids(admin, tender, [(shown.name, shown.read_bytes())])
    assert report.refused == {} and [b.vendor_id for b in store.bidset(admin, tender).bids] == [VENDOR_A, VENDOR_B]


@pytest.mark.parametrize("write", [by_openpyxl, by_xlsxwriter])
def test_an_empty_hidden_row_is_a_blank_row(rubric, tmp_path: Path, write) -> None:
    """An empty row between bids, one with only spaces and the rows below the bids, hidden: no problem."""
    rows = table(A, None, B, None) + [[" ", "  "]]
    path = write(tmp_path / "bids.xlsx", rows, hidden=[3, 5, 6, 7, 40])
    assert [bid.vendor_id for bid in read_bids(rubric, [path]).bids] == [VENDOR_A, VENDOR_B]


def test_a_hidden_formatted_row_without_values_is_a_blank_row(rubric, tmp_path: Path) -> None:
    path = tmp_path / "bids.xlsx"
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet("Bids")
    for r, row in enumerate(table(A, B)):
        sheet.write_row(r, 0, row)
    sheet.set_row(3, None, book.add_format({"bold": True, "bg_color": "#FFFF00"}), {"hidden": True})
    book.close()
    assert re.search(rb'<row r="4" [^>]*s="1" customFormat="1" hidden="1"/>', zipfile.ZipFile(path).read(SHEET))
    assert [bid.vendor_id for bid in read_bids(rubric, [path]).bids] == [VENDOR_A, VENDOR_B]


def test_a_bid_forms_hidden_rows_are_read_as_before(rubric, tmp_path: Path) -> None:
    """Out of this rule: a bid form's rows are fields, each in its place, hidden or not."""
    rows = [["字段 / Field id", "项目 / Item", "填写内容 / Your answer"]] + [[f, f, v] for f, v in A.items()]
    row = FIELDS.index("similar_projects") + 2
    path = by_xlsxwriter(tmp_path / "form.xlsx", rows, hidden=[row, 1], sheet_name="Bid")
    (bid,) = read_bids(rubric, [path]).bids
    assert bid.vendor_id == VENDOR_A and bid.values["similar_projects"] == 3


# -- the package check: both its scans, every spelling

def rows_xml(second_row: str, late_r: bool = False, sheet_format: str = "") -> bytes:
    """A worksheet of three rows (A1, A2, A3 each holding text); ``second_row`` is row 2's start tag. With
    ``late_r`` a cell's ``r`` is not its first attribute, which sends the sheet to the exact scan; ``sheet_format``:
    a sheetFormatPr tag before the rows."""
    cell = '<c t="inlineStr" r="A{0}">' if late_r else '<c r="A{0}" t="inlineStr">'
    body = "".join(f"{tag}{cell.format(n)}<is><t>{n}</t></is></c></row>"
                   for n, tag in ((1, '<row r="1">'), (2, second_row), (3, '<row r="3">')))
    return (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats'
            b'.org/spreadsheetml/2006/main">' + sheet_format.encode() + b"<sheetData>" + body.encode()
            + b"</sheetData></worksheet>")


def prefixed(xml: bytes) -> bytes:
    """The same sheet written with a namespace prefix, as the OpenXML SDK does (the exact scan reads it)."""
    return re.sub(rb"<(/?)(?=[A-Za-z])", rb"<\1x:", xml).replace(b'xmlns="http', b'xmlns:x="http')


@pytest.mark.parametrize("tag, hidden", [
    ('<row r="2" hidden="1">', True),
    ('<row r="2" hidden="true">', True),
    ("<row r=\"2\" spans='1:1' hidden='1'>", True),
    ('<row r="2" spans="1:1" s="3" customFormat="1" ht="0" customHeight="1" hidden = " true ">', True),
    ('<row r="2" x14ac:dyDescent="0.25" outlineLevel="1" hidden="1" collapsed="1">', True),  # a grouped row folded
    ('<row r="2" hidden="&#49;">', True),  # as an XML reader reads it
    ('<row r="2" note="a>b" hidden="1">', True),  # a '>' inside a value does not end the tag
    ('<row hidden="1" r="2">', True),  # r not first: the exact scan either way
    ('<row r="2" hidden="0">', False),
    ('<row r="2" hidden="false">', False),
    ('<row r="2" hidden="yes">', False),
    ('<row r="2" x:hidden="1">', False),  # another namespace's attribute
    ('<row r="2" unhidden="1">', False),
    ('<row r="2" note=\'hidden="1"\'>', False),  # text inside a value
    ('<row r="2"><c r="B2" t="inlineStr"><is><t>hidden="1"</t></is></c>', False),  # a cell's text
    # a height of 0 is how Excel hides a row too
    ('<row r="2" ht="0" customHeight="1">', True),
    ("<row r=\"2\" spans='1:1' ht=' 0.00 '>", True),
    ('<row r="2" ht="0.75" customHeight="1">', False),  # low, not hidden
    ('<row r="2" customFormat="false" ht="12.8" hidden="false" customHeight="false">', False),  # LibreOffice's
    ('<row r="2" customHeight="0">', False),  # not a height
    ('<row r="2" ht="">', False),
    ('<row r="2" x:ht="0">', False),
    # a height of 0 spelt another way an XML reader reads as 0 (a character reference, xsd:double's forms)
    ('<row r="2" ht="&#48;" customHeight="1">', True),
    ('<row r="2" ht="-0" customHeight="1">', True),
    ("<row r=\"2\" ht='0e0' customHeight=\"1\">", True),
    ('<row r="2" ht="0.0" customHeight="1">', True),
    ('<row r="2" ht="+.0E+3">', True),
    ('<row r="2" ht="1.5e1" customHeight="true">', False),
    ('<row r="2" ht="&#49;5">', False),
    # "h" in other attributes before the one that hides (the fast scan steps over each such "h")
    ('<row r="2" thickTop="1" thickBot="1" ht="0">', True),
    ('<row r="2" x14ac:dyDescent="0.25" thickBot="1" hh="h" ht="15" hidden="1">', True),
    ('<row r="2" ahidden="1" thickBot="1">', False),
    ('<row r="2" hht="0" ht="15">', False),
])
def test_the_guard_notes_hidden_rows_in_both_scans(tmp_path: Path, tag: str, hidden: bool) -> None:
    assert noted_hidden(tmp_path, tag) == ({2} if hidden else set())


# The fast scan's row tag as it was written before it stepped over each "h" at once: a lazy look at every byte.
_LAZY_ROW_TAG = re.compile(rb'<row(?: r="([1-9][0-9]{0,6})"([^<]*?(?:hidden|ht(?<![\w:.\-]ht)\s*=\s*(?:"(?![0-9]*\.?[0-9]*")'
                           rb'|\'(?![0-9]*\.?[0-9]*\')|["\']0*\.?0*["\'])))?|[\t\n\r/> ])')


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(['<row r="2"', "<row", " ", "h", "hidden", "ht", "t", "=", '"', "'", "0", ".", "1", "x:",
                                 "a", "<", ">", "<c", "\n", "thick", "e", "-", ' ht="0"', "aht='0'", " x:ht='0'", '-ht="0"',
                                 ' ht = "0.0"', ' ht="15"', " ht='.'", ' hidden="1"', ' thickBot="1"', ' ht="1e0"']),
                max_size=24))
def test_the_fast_row_tag_finds_what_the_lazy_one_found(pieces: list[str]) -> None:
    """_ROW_TAG_FAST steps over each "h" that starts no hiding attribute at once: it finds every row tag, its number
    and what may hide it exactly as the lazy pattern did, byte for byte."""
    text = "".join(pieces).encode()
    assert xlsx_guard._ROW_TAG_FAST.findall(text) == _LAZY_ROW_TAG.findall(text)


def noted_hidden(tmp_path: Path, tag: str, sheet_format: str = "") -> set[int]:
    """The rows the guard notes as hidden in a three-row sheet whose row 2 starts with ``tag``: the same in each of
    its scans (``sheet_format``: a sheetFormatPr tag)."""
    source = write_consolidated(tmp_path / "source.xlsx", ["x"], [["y"]])
    found = []
    for markup, xml in (("as written", rows_xml(tag, sheet_format=sheet_format)),
                        ("late r", rows_xml(tag, late_r=True, sheet_format=sheet_format)),
                        ("prefixed", prefixed(rows_xml(tag, sheet_format=sheet_format)))):
        path = tmp_path / f"{markup}.xlsx"
        with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
            for info in old.infolist():
                new.writestr(info.filename, xml if info.filename == SHEET else old.read(info))
        problems, notes = scan_xlsx(path)
        assert problems == [], markup
        found.append(set(notes.hidden_rows.get("Bids", ())))
    assert found[0] == found[1] == found[2], found
    return found[0]


@pytest.mark.parametrize("sheet_format, tag, hidden", [
    ('<sheetFormatPr defaultRowHeight="15" zeroHeight="1"/>', '<row r="2">', {1, 2, 3}),
    ("<sheetFormatPr zeroHeight = 'true' defaultRowHeight='15'/>", '<row r="2" ht="15" customHeight="1">', {1, 3}),
    ('<sheetFormatPr defaultRowHeight="15" zeroHeight="1"/>', '<row r="2" ht="0" customHeight="1">', {1, 2, 3}),
    ('<sheetFormatPr defaultRowHeight="15" zeroHeight="0"/>', '<row r="2">', set()),
    ('<sheetFormatPr defaultRowHeight="15"/>', '<row r="2">', set()),
    ('<sheetFormatPr defaultRowHeight="15" zeroHeight="&#49;"/>', '<row r="2" ht="1.5e1">', {1, 3}),
    ('<sheetFormatPr defaultRowHeight="15" zeroHeight=" tru&#101; "/>', '<row r="2">', {1, 2, 3}),
    ('<sheetFormatPr note="a>b" zeroHeight="1"/>', '<row r="2">', {1, 2, 3}),  # a '>' inside a value
    ('<sheetFormatPr defaultRowHeight="15" zeroHeight="fals&#101;"/>', '<row r="2">', set()),
])
def test_rows_hidden_by_default_are_hidden_unless_they_have_a_height(tmp_path: Path, sheet_format: str, tag: str,
                                                                     hidden: set[int]) -> None:
    """A sheet may hide its rows by default (zeroHeight, "rows hidden by default"): then only a row with a height of
    its own shows."""
    assert noted_hidden(tmp_path, tag, sheet_format) == hidden


def test_rows_of_height_0_and_rows_hidden_by_default_are_refused(rubric, tmp_path: Path) -> None:
    """As Excel users hide rows: dragging a row's height to 0, or a sheet whose rows are hidden by default."""
    written = by_xlsxwriter(tmp_path / "written.xlsx", table(A, B, C), hidden=[])
    low = tmp_path / "low.xlsx"
    with zipfile.ZipFile(written) as old, zipfile.ZipFile(low, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == SHEET:
                data, count = re.subn(rb'<row r="3"([^>]*)>', rb'<row r="3"\1 ht="0" customHeight="1">', data)
                assert count == 1
            new.writestr(info.filename, data)
    assert refusal(rubric, low) == [f"{low}:Bids: {hidden_row(3)}"]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Bids"
    for row in table(A, B, C):
        sheet.append(row)
    sheet.sheet_format.zeroHeight = True
    for number in (1, 2):
        sheet.row_dimensions[number].height = 15
    by_default = tmp_path / "by-default.xlsx"
    book.save(by_default)
    assert b'zeroHeight="1"' in zipfile.ZipFile(by_default).read(SHEET)
    assert refusal(rubric, by_default) == [f"{by_default}:Bids: {hidden_row(3)}", f"{by_default}:Bids: {hidden_row(4)}"]


@pytest.mark.parametrize("tag, sheet_format", [
    ('<row r="3" ht="&#48;" customHeight="1">', ""),
    ('<row r="3" ht="-0" customHeight="1">', ""),
    ('<row r="3" ht="0e0" customHeight="1">', ""),
    ('<row r="3" ht="0.0" customHeight="1">', ""),
    ('<row r="3">', '<sheetFormatPr defaultRowHeight="15" zeroHeight="&#49;"/>'),
    ('<row r="3">', '<sheetFormatPr defaultRowHeight="15" zeroHeight="tru&#101;"/>'),
    ('<row r="3" ht="15" customHeight="1">', ""),  # a plain height: read
])
def test_a_row_hidden_by_a_height_spelt_otherwise_is_refused(rubric, tmp_path: Path, tag: str,
                                                             sheet_format: str) -> None:
    """A height of 0, or rows hidden by default, written as an XML reader reads them but not as plain digits
    (``&#48;``, ``-0``, ``0e0``, ``tru&#101;``), hides the row all the same: its bid is refused, not ranked."""
    written = by_xlsxwriter(tmp_path / "written.xlsx", table(A, B, C), hidden=[])
    crafted = tmp_path / "crafted.xlsx"
    with zipfile.ZipFile(written) as old, zipfile.ZipFile(crafted, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == SHEET:
                data, count = re.subn(rb'<row r="3"[^>]*>', tag.encode(), data)
                heights = re.sub(rb'<row r="(?!3")([0-9]+)"(?! ht)', rb'<row r="\1" ht="15" customHeight="1"', data)
                data = re.sub(rb"<sheetFormatPr[^>]*/>", b"", heights).replace(
                    b"<sheetData>", sheet_format.encode() + b"<sheetData>") if sheet_format else data
                assert count == 1
            new.writestr(info.filename, data)
    if tag == '<row r="3" ht="15" customHeight="1">':
        assert [bid.vendor_id for bid in read_bids(rubric, [crafted]).bids] == [VENDOR_A, VENDOR_B, C["vendor_id"]]
    else:
        assert refusal(rubric, crafted) == [f"{crafted}:Bids: {hidden_row(3)}"]


def test_a_hidden_row_read_by_the_exact_scan_is_refused_too(rubric, tmp_path: Path) -> None:
    """A workbook whose markup sends the guard to its exact scan (a cell's r not first; a namespace prefix)."""
    path = by_xlsxwriter(tmp_path / "bids.xlsx", table(A, B, C), hidden=[3])
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    sheet = parts[SHEET]
    assert b'<row r="3" spans="1:10" hidden="1">' in sheet
    for markup, xml in (("late r", re.sub(rb'<c r="([A-Z]+[0-9]+)" t="s">', rb'<c t="s" r="\1">', sheet)),
                        ("prefixed", prefixed(sheet))):
        crafted = tmp_path / f"{markup}.xlsx"
        with zipfile.ZipFile(crafted, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in {**parts, SHEET: xml}.items():
                archive.writestr(name, data)
        assert refusal(rubric, crafted) == [f"{crafted}:Bids: {hidden_row(3)}"], markup
