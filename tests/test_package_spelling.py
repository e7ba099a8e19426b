"""Packages spelt otherwise than Excel writes them, as other programs (or a hand) may: a part named in another case
than its link, a cell format index written "01" or in single quotes, the styles kept at another name, a link written
./worksheets/…, ../xl/… or sheet%201.xml, the workbook part not at xl/workbook.xml. An independent tester found each
read without what the package check notes (an error cell read as empty, 95 shown as 95.00万元 read as 95 yuan, a
hidden row ranked), or refused as damaged: each is now read as Excel shows it, or refused."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Callable

import pytest
import xlsxwriter

from bideval.bids import read_bids
from bideval.errors import BidsError
from conftest import good_bid

Rename = Callable[[str], str]
Change = Callable[[str, bytes], bytes]


def form_with_formats(path: Path) -> Path:
    """A bid form whose registered capital is 1200 shown as 1200.00亿元 and whose similar projects show #DIV/0!
    (1200 under 0.00"万元" in a field asked in 万元 is read since conform12: 亿元 is still refused)."""
    book = xlsxwriter.Workbook(path, {"strings_to_numbers": False})
    sheet = book.add_worksheet("Bid")
    wan = book.add_format({"num_format": '0.00"亿元"'})
    for r, (field, value) in enumerate(good_bid().items()):
        sheet.write_string(r, 0, field)
        if field == "registered_capital":
            sheet.write_number(r, 2, 1200, wan)
        elif field == "similar_projects":
            sheet.write_formula(r, 2, "=1/0", None, "#DIV/0!")
        elif isinstance(value, str):
            sheet.write_string(r, 2, value)
        else:
            sheet.write(r, 2, value)
    book.close()
    return path


def repacked(path: Path, name: str, rename: Rename = lambda n: n, change: Change = lambda n, data: data) -> Path:
    """A copy of the package at ``path`` with each entry renamed by ``rename`` and its bytes changed by ``change``."""
    out = path.with_name(name)
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(rename(info.filename), change(info.filename, old.read(info)))
    return out


def refusal(rubric, path: Path) -> list[str]:
    with pytest.raises(BidsError) as caught:
        read_bids(rubric, [path])
    return [str(problem).removeprefix(str(path)) for problem in caught.value.problems]


def in_sheet(change: Callable[[bytes], bytes]) -> Change:
    return lambda name, data: change(data) if name == "xl/worksheets/sheet1.xml" else data


def in_links(target: bytes, was: bytes) -> Change:
    """The workbook's relationships with each ``was`` written ``target``."""
    return lambda name, data: data.replace(was, target) if name.endswith("workbook.xml.rels") else data


def in_root(workbook: bytes, target: bytes = b'Target="') -> Change:
    """The package's relationships and content types naming ``workbook`` as the workbook part, and the workbook's
    relationships with each target written after ``target``."""
    def change(name: str, data: bytes) -> bytes:
        if name in ("_rels/.rels", "[Content_Types].xml"):
            return data.replace(b"xl/workbook.xml", workbook)
        return data.replace(b'Target="', target) if name.endswith("workbook.xml.rels") else data
    return change


@pytest.mark.parametrize("rename, change", [
    pytest.param(lambda n: n.replace("sheet1.xml", "Sheet1.xml"), None, id="worksheet-named-in-capitals"),
    pytest.param(lambda n: n.replace("xl/styles.xml", "xl/Styles.xml"), None, id="styles-named-in-capitals"),
    pytest.param(lambda n: n.replace("xl/_rels/workbook.xml.rels", "xl/_rels/Workbook.xml.rels"), None,
                 id="links-named-in-capitals"),
    pytest.param(None, in_sheet(lambda xml: re.sub(rb' s="([0-9]+)"', rb' s="0\1"', xml)), id="index-01"),
    pytest.param(None, in_sheet(lambda xml: re.sub(rb' s="([0-9]+)"', rb" s='\1'", xml)), id="index-in-quotes"),
    pytest.param(None, in_sheet(lambda xml: re.sub(rb' s="([0-9]+)"', rb' s = " \1 "', xml)), id="index-spaced"),
    # Valid links python-calamine does not follow as written: it reads a copy relinked as it looks for the parts
    pytest.param(None, in_links(b'Target="./worksheets/', b'Target="worksheets/'), id="link-dot"),
    pytest.param(None, in_links(b'Target="../xl/worksheets/', b'Target="worksheets/'), id="link-dot-dot"),
    pytest.param(lambda n: n.replace("xl/_rels/workbook.xml.rels", "xl/_rels/Workbook.xml.rels"),
                 in_links(b'Target="./worksheets/', b'Target="worksheets/'), id="link-dot-in-links-named-in-capitals"),
    pytest.param(lambda n: n.replace("sheet1.xml", "sheet 1.xml"), in_links(b'Target="worksheets/sheet%201.xml"',
                                                                            b'Target="worksheets/sheet1.xml"'),
                 id="link-percent-encoded"),
    pytest.param(lambda n: n.replace("workbook.xml", "book.xml"), in_root(b"xl/book.xml"), id="workbook-elsewhere"),
    pytest.param(lambda n: n.replace("xl/workbook.xml", "wb/book.xml").replace("xl/_rels/workbook", "wb/_rels/book"),
                 in_root(b"wb/book.xml", b'Target="../xl/'), id="workbook-in-another-folder"),
])
def test_a_package_spelt_otherwise_is_read_as_excel_shows_it(rubric, tmp_path: Path, rename, change) -> None:
    control = form_with_formats(tmp_path / "form.xlsx")
    expected = refusal(rubric, control)
    assert any("#DIV/0!" in line for line in expected) and any("亿元" in line for line in expected), expected
    variant = repacked(control, "variant.xlsx", rename or (lambda n: n), change or (lambda n, data: data))
    assert refusal(rubric, variant) == expected


NOT_ONE = ": not an .xlsx workbook: {}, so it holds no workbook; the bid must be sent as an Excel .xlsx workbook"


@pytest.mark.parametrize("named, kept, expected", [
    ("[Content_Types].xml", False, "the file is a zip archive without xl/workbook.xml (the part it names as its "
                                   "workbook, [Content_Types].xml, is not one)"),
    ("_rels/.rels", False, "the file is a zip archive without xl/workbook.xml (the part it names as its workbook, "
                           "_rels/.rels, is not one)"),
    ("xl/worksheets/sheet1.xml", True, "the part the file names as its workbook (xl/worksheets/sheet1.xml) is not one"),
    ("[Content_Types].xml", True, "the part the file names as its workbook ([Content_Types].xml) is not one"),
])
def test_a_workbook_part_that_is_no_workbook_is_refused(rubric, tmp_path: Path, named, kept, expected) -> None:
    """_rels/.rels may name any part as the workbook: one whose root is not <workbook> is none (Excel cannot open the
    file). It had been told as the copy relinked for the reader ("without [Content_Types].xml", "File not found")."""
    control = form_with_formats(tmp_path / "form.xlsx")
    renamed: Rename = (lambda n: n) if kept else (lambda n: n.replace("xl/workbook.xml", "xl/old.xml"))
    variant = repacked(control, "variant.xlsx", renamed, lambda name, data: data.replace(
        b'Target="xl/workbook.xml"', f'Target="{named}"'.encode()) if name == "_rels/.rels" else data)
    assert refusal(rubric, variant) == [NOT_ONE.format(expected)]


def test_styles_kept_at_another_name_are_refused(rubric, tmp_path: Path) -> None:
    """Excel follows the styles link; the spreadsheet reader looks for xl/styles.xml only and would read every cell
    as General (a date as 45306, 1200.00万元 as 1200 yuan)."""
    control = form_with_formats(tmp_path / "form.xlsx")

    def moved(name: str, data: bytes) -> bytes:
        if name == "xl/_rels/workbook.xml.rels":
            return data.replace(b'Target="styles.xml"', b'Target="styles/main.xml"')
        if name == "[Content_Types].xml":
            return data.replace(b'PartName="/xl/styles.xml"', b'PartName="/xl/styles/main.xml"')
        return data
    variant = repacked(control, "moved.xlsx", lambda n: n.replace("xl/styles.xml", "xl/styles/main.xml"), moved)
    assert refusal(rubric, variant) == [
        ": refused: the workbook keeps its cell formats in xl/styles/main.xml instead of xl/styles.xml, where the "
        "spreadsheet reader looks for them, so a date or an amount shown in 万 would be read as a plain number: open "
        "the workbook in Excel and save it again"]


# -- a sheet hidden in Excel: its cells nobody sees on screen, as a hidden row's

def hidden_sheet_book(path: Path, sheets: dict, hidden: str, state: str = "hidden") -> Path:
    """Sheets written by openpyxl, the sheet ``hidden`` hidden (``state="hidden"`` or ``"veryHidden"``)."""
    import openpyxl
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        if name == hidden:
            sheet.sheet_state = state
    book.save(path)
    return path


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_a_hidden_bids_sheet_is_refused_not_read(rubric, tmp_path: Path, state) -> None:
    """A hidden Bids sheet was read, and the visible corrected copy Bids (2) beside it passed over: the stale price
    was ranked."""
    fields = list(good_bid())
    rows = [fields, [good_bid().get(f) for f in fields]]
    corrected = [fields, [good_bid(total_price=None).get(f) for f in fields]]
    path = hidden_sheet_book(tmp_path / "bids.xlsx", {"Bids": rows, "Bids (2)": corrected}, "Bids", state)
    hidden, copy = refusal(rubric, path)
    assert hidden == (
        ":Bids: this sheet is hidden in Excel, so nobody looking at the workbook sees its bids: show the sheet "
        "(right-click a sheet tab → Unhide) and save the workbook to have it read, or delete it if another sheet "
        "holds the bids")
    assert copy.startswith(":Bids (2): ")  # the corrected copy, told too
    form = hidden_sheet_book(tmp_path / "form.xlsx", {"Bid": [[f, f, v] for f, v in good_bid().items()],
                                                      "说明": [["请填写 Bid 表"]]}, "Bid", state)
    assert refusal(rubric, form)[0].startswith(":Bid: this sheet is hidden in Excel")


@pytest.mark.parametrize("part, was, crafted, tag, attribute, told", [
    # read as a visible sheet: the check took the last value; the other way round, refused as hidden
    ("xl/workbook.xml", b'state="visible"', b'state="hidden" state="visible"', "sheet", "state",
     "'hidden', then 'visible'"),
    ("xl/workbook.xml", b'state="visible"', b'state="visible" state="hidden"', "sheet", "state",
     "'visible', then 'hidden'"),
    ("xl/workbook.xml", b'state="visible"', b"state = 'hidden'\tstate='visible'", "sheet", "state",
     "'hidden', then 'visible'"),
    ("xl/workbook.xml", b'state="visible"', b'name="Notes" state="visible"', "sheet", "name", "'Bid', then 'Notes'"),
    # a cell format's number format: read through General, where the other order was refused as a percentage
    ("xl/styles.xml", b'<xf numFmtId="0" fontId="0" fillId="0" borderId="0" pivotButton',
     b'<xf numFmtId="10" numFmtId="0" fontId="0" fillId="0" borderId="0" pivotButton', "xf", "numFmtId",
     "'10', then '0'"),
    ("xl/_rels/workbook.xml.rels", b'Target="/xl/worksheets/sheet1.xml"',
     b'Target="/xl/worksheets/sheet1.xml" Target="/xl/worksheets/sheet2.xml"', "Relationship", "Target",
     "'/xl/worksheets/sheet1.xml', then '/xl/worksheets/sheet2.xml'"),
])
def test_a_tag_giving_an_attribute_twice_is_a_damaged_workbook(rubric, tmp_path: Path, part, was, crafted, tag,
                                                                attribute, told) -> None:
    """verify21b: <sheet name="Bid" state="hidden" state="visible"> was read as a visible Bid sheet, exit 0, where
    Excel and LibreOffice open no such file (an attribute twice in a tag is no XML), and which state it meant cannot be
    told; the same entry the other way round was refused as hidden. So with a cell format's numFmtId given twice: read
    through the last, a percentage first was read as General. Any tag of the parts the check keeps likewise."""
    form = hidden_sheet_book(tmp_path / "form.xlsx", {"Bid": [[f, f, v] for f, v in good_bid().items()]}, "")
    with zipfile.ZipFile(form) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    assert parts[part].count(was) == 1
    parts[part] = parts[part].replace(was, crafted)
    with zipfile.ZipFile(tmp_path / "crafted.xlsx", "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    assert refusal(rubric, tmp_path / "crafted.xlsx") == [
        f": damaged .xlsx: {part} gives one tag (<{tag}>) the attribute '{attribute}' twice ({told}), which "
        "no spreadsheet program writes and neither Excel nor LibreOffice opens, so what it means cannot be told; ask "
        "the bidder to send the file again"]


def test_a_hidden_sheet_that_is_not_read_is_fine(rubric, tmp_path: Path) -> None:
    """A hidden notes or lists sheet (a template's drop-down lists) holds no bid."""
    path = hidden_sheet_book(tmp_path / "form.xlsx", {"Bid": [[f, f, v] for f, v in good_bid().items()],
                                                      "Lists": [["是"], ["否"]]}, "Lists")
    assert len(read_bids(rubric, [path]).bids) == 1


@pytest.mark.parametrize("sheet", ["Scores", "Tiers", "Judges"])
def test_a_hidden_panel_sheet_is_refused(rubric, tmp_path: Path, sheet) -> None:
    from bideval.errors import PanelError
    from bideval.evaluation import check_bids
    from bideval.panel import read_panel
    from conftest import VENDOR_A, VENDOR_B, make_bidset
    bids = make_bidset(rubric, good_bid(VENDOR_A), good_bid(VENDOR_B, name="乙公司")).bids
    scores = [["judge", "vendor_id", "criterion", "score"]] + [
        [j, v, c, s] for j in "AB" for v in (VENDOR_A, VENDOR_B) for c, s in (("ops_plan", 12), ("service_design", 4))]
    tiers = [["vendor_id", "criterion", "tier"], [VENDOR_A, "ops_plan", "t3"], [VENDOR_B, "ops_plan", "t3"]]
    path = hidden_sheet_book(tmp_path / "panel.xlsx", {"Scores": scores, "Tiers": tiers,
                                                       "Judges": [["judge"], ["A"], ["B"]]}, sheet)
    invalid = [v for v, c in check_bids(rubric, bids).items() if not c.valid]
    with pytest.raises(PanelError) as caught:
        read_panel(rubric, bids, invalid, [path])
    assert [str(p).removeprefix(str(path)) for p in caught.value.problems][0] == (
        f":{sheet}: this sheet is hidden in Excel, so nobody looking at the workbook sees it: show the sheet "
        "(right-click a sheet tab → Unhide) and save the workbook to have it read, or delete it")
