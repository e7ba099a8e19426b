"""A cell that shows a spreadsheet error (#DIV/0!, #N/A …) is refused with its error named, never read as empty.

python-calamine gives '' for such a cell (python-calamine#105): a price whose formula failed would have made
the bid invalid for a missing price, or a count scored 0, without a word about the formula.
"""
from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any, Sequence

from decimal import Decimal

import openpyxl
import pytest
import xlsxwriter

from bideval import messages
from bideval.bids import read_bids
from bideval.cell_errors import (CellError, LiteralPercentFormat, MisplacedValue, OddStringIndex, PlaceholderResult,
                                 ScaleWordFormat, TenThousandsFormat, UncalculatedFormula)
from bideval.errors import BidsError, Expected, PanelError, cell_problem
from bideval.evaluation import check_bids
from bideval.panel import read_panel
from bideval.rubric import parse_rubric
from bideval.sheet_notes import SheetNotes
from bideval.sheets import open_workbook
from bideval.storage import Store
from bideval.xlsx_guard import scan_xlsx
from crafted import with_own_rule
from conftest import (EXAMPLE_RUBRIC, ROOT, VENDOR_A, VENDOR_B, admin_of, chair_tender, good_bid, make_bid,
                      make_bidset, write_consolidated, write_form)


SHEET = "xl/worksheets/sheet1.xml"


class Failed:
    """A cell written as a formula that failed: Excel stores the formula and the error it shows."""

    def __init__(self, error: str, formula: str = "=1/0"):
        self.error, self.formula = error, formula


def write_sheet(path: Path, sheet: str, rows: Sequence[Sequence[Any]]) -> Path:
    book = xlsxwriter.Workbook(path, {"strings_to_numbers": False, "strings_to_formulas": False})
    ws = book.add_worksheet(sheet)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, Failed):
                ws.write_formula(r, c, value.formula, None, value.error)
            elif value is not None:
                ws.write(r, c, value)
    book.close()
    return path


def problems(call) -> list[str]:
    with pytest.raises((BidsError, PanelError)) as caught:
        call()
    return [str(p) for p in caught.value.problems]


def test_a_consolidated_workbook_names_each_error_cell_and_imports_nothing(rubric, tmp_path):
    fields = list(good_bid(VENDOR_A))
    a, b = good_bid(VENDOR_A), good_bid(VENDOR_B, sme=Failed("#REF!"))
    a.update(rate_per_call=Failed("#DIV/0!"), similar_projects=Failed("#N/A", "=VLOOKUP(1,B:B,2,0)"),
             vendor_name=Failed("#NAME?", "=NOSUCH()"))
    path = write_sheet(tmp_path / "bids.xlsx", "Bids", [fields, [a[f] for f in fields], [b[f] for f in fields]])
    column = {f: chr(65 + i) for i, f in enumerate(fields)}
    expected_a = [("vendor_name", "a value (a typed answer, or a formula that works out)", "#NAME?"),
                  ("similar_projects", "a whole number (0 or more)", "#N/A"),
                  ("rate_per_call", "an amount in yuan, 0 or more", "#DIV/0!")]
    found = problems(lambda: read_bids(rubric, [path]))
    assert found == sorted(
        [f"{path}:Bids!{column[f]}2: expected {what}, found the error {error}" for f, what, error in expected_a],
        key=lambda line: fields.index(next(f for f in fields if f"!{column[f]}2:" in line))
    ) + [f"{path}:Bids!{column['sme']}3: expected yes or no (是/否, Y/N, 1/0, ✓/✗), found the error #REF!"]


@pytest.mark.parametrize("field", ["registered_capital", "vendor_name"])  # (the name's had raised KeyError)
def test_a_bid_form_names_its_error_cell_in_both_languages(rubric, tmp_path, field):
    path = write_form(tmp_path / "form.xlsx", good_bid(VENDOR_A))
    book = openpyxl.load_workbook(path)  # openpyxl writes an error value without a formula
    sheet = book["Bid"]
    row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == field)
    sheet.cell(row, 3).value = "#VALUE!"
    sheet.cell(row, 3).data_type = "e"
    book.save(path)
    with pytest.raises(BidsError) as caught:
        read_bids(rubric, [path])
    (problem,) = caught.value.problems
    assert (problem.file, problem.sheet, problem.cell) == (str(path), "Bid", f"C{row}")
    assert str(problem).endswith("found the error #VALUE!")
    assert messages.render(problem, "zh").endswith("实际为 错误值 #VALUE!")


@pytest.mark.parametrize("index", ["+1", " 1", "1.0", "x", "9" * 25, "&#49;"])
def test_a_shared_string_reference_that_is_no_count_is_refused_at_its_cell(rubric, tmp_path, index):
    """python-calamine read <v>+1</v> in a shared-text cell as the first shared string (the form's first header)
    and <v>&#49;</v> as empty, without a word: Excel never writes either, so the file is damaged."""
    path = write_form(tmp_path / "form.xlsx", good_bid(VENDOR_A))
    with_parts(path, path, lambda parts: parts.update({SHEET: re.sub(
        rb'(<c r="C3" t="s"><v>)[0-9]+(</v>)', rb"\g<1>" + index.encode() + rb"\g<2>", parts[SHEET])}))
    with pytest.raises(BidsError) as caught:
        read_bids(rubric, [path])
    (problem,) = caught.value.problems
    assert (problem.file, problem.sheet, problem.cell) == (str(path), "Bid", "C3")
    what_en, what_zh = ("a whole number far too large", "一个过大的整数") if index.isdigit() else (
        "not a whole number", "不是整数")
    assert str(problem).endswith(
        f"found a shared-text cell (t=\"s\") whose shared-string reference is {what_en} ({index!r}): a damaged file "
        "(Excel never writes one), which the spreadsheet reader would read as another cell's text or as empty (open "
        "the workbook in Excel and save it again, or ask the bidder to send the file again)")
    assert messages.render(problem, "zh").endswith(
        f"实际为 共享文本单元格（t=\"s\"）对共享字符串的引用{what_zh}（“{index}”）：文件已损坏（Excel 不会这样保存），"
        "表格读取程序会把该单元格读成其他单元格的文字或空白（请用 Excel 打开该工作簿后重新保存，或请投标人重新发送该文件）")


def test_a_panel_sheet_s_reference_that_is_no_count_is_for_the_panel_secretary():
    problem = cell_problem("panel.xlsx", "Scores", "D2", Expected("number"), OddStringIndex("x"), file_role="panel")
    assert str(problem).endswith("or ask the panel secretary to send the file again)")
    assert messages.render(problem, "zh").endswith("或请评标委员会秘书重新提供该文件）")


def test_a_shared_string_reference_with_leading_zeros_is_read_as_excel_reads_it(rubric, tmp_path):
    path = write_form(tmp_path / "form.xlsx", good_bid(VENDOR_A))
    with_parts(path, path, lambda parts: parts.update({SHEET: parts[SHEET].replace(b'<c r="C3" t="s"><v>',
                                                                                   b'<c r="C3" t="s"><v>00')}))
    (bid,) = read_bids(rubric, [path]).bids
    assert bid.vendor_name == good_bid(VENDOR_A)["vendor_name"]


def test_the_command_line_refuses_it_and_the_store_keeps_nothing(rubric, tmp_path):
    fields = list(good_bid(VENDOR_A))
    a = good_bid(VENDOR_A, rate_per_call=Failed("#DIV/0!"))
    path = write_sheet(tmp_path / "bids.xlsx", "Bids", [fields, [a[f] for f in fields]])
    done = subprocess.run([sys.executable, "-m", "bideval", "evaluate", "--criteria", str(EXAMPLE_RUBRIC),
                           "--bids", str(path), "--json", str(tmp_path / "r.json")],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 2 and not (tmp_path / "r.json").exists()
    assert "found the error #DIV/0!" in done.stderr and "Traceback" not in done.stderr
    store = Store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    tender = chair_tender(store, "T")
    report = store.import_bids(admin_of(store), tender, [(path.name, path.read_bytes())])
    assert report.accepted == {}
    (problem,) = report.refused[path.name]
    assert str(problem) == f"{path.name}:Bids!{chr(65 + list(a).index('rate_per_call'))}2: expected an amount in " \
                           "yuan, 0 or more, found the error #DIV/0!"


def test_a_panel_sheet_names_its_error_cells(rubric, tmp_path):
    bidset = make_bidset(rubric, good_bid(VENDOR_A), good_bid(VENDOR_B))
    path = write_sheet(tmp_path / "panel.xlsx", "Scores", [
        ["judge", "vendor_id", "criterion", "score", "comment"],
        ["王评委", VENDOR_A, "service_design", Failed("#DIV/0!", "=4/0"), ""],
        [Failed("#N/A"), Failed("#REF!"), Failed("#NAME?"), 4, ""],
        ["王评委", VENDOR_B, "service_design", 4, Failed("#VALUE!")],  # a comment is not read as a value
    ])
    checks = check_bids(rubric, bidset.bids)
    found = problems(lambda: read_panel(rubric, bidset.bids, [v for v, c in checks.items() if not c.valid], [path]))
    assert [re.sub(r"^.*?:Scores!", "", line) for line in found] == [
        "D2: expected a number from 0 to 5, found the error #DIV/0!",
        "A3: expected the judge's name, found the error #N/A",
        "B3: expected the vendor_id of a bid, found the error #REF!",
        "C3: expected a panel criterion (ops_plan 运营管理能力, service_design 服务方案), found the error #NAME?",
    ]


def test_the_guard_finds_error_cells_in_every_markup_and_only_in_clean_files(tmp_path):
    path = write_sheet(tmp_path / "book.xlsx", "Sheet One", [["a", Failed("#DIV/0!")], [None, None, Failed("#N/A")]])
    expected = {"Sheet One": {(0, 1): CellError("#DIV/0!"), (1, 2): CellError("#N/A")}}
    assert scan_xlsx(path) == ([], SheetNotes(errors=expected))
    with zipfile.ZipFile(path) as archive:  # the same sheet written with a namespace prefix, as the OpenXML SDK does
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    main = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    sheet = re.sub(rb"<(/?)(?=[A-Za-z])", rb"<\1x:", parts["xl/worksheets/sheet1.xml"])
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(b'xmlns="' + main, b'xmlns:x="' + main)
    prefixed = tmp_path / "prefixed.xlsx"
    with zipfile.ZipFile(prefixed, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    assert scan_xlsx(prefixed) == ([], SheetNotes(errors=expected))
    book, _ = open_workbook(prefixed)
    assert book is not None and book.rows("Sheet One") == [["a", CellError("#DIV/0!"), ""],
                                                           ["", "", CellError("#N/A")]]
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"][:-40]  # cut short: refused, no cells
    with zipfile.ZipFile(prefixed, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    found, notes = scan_xlsx(prefixed)
    assert found and notes == SheetNotes()


# -- formulas saved without their result

def sheet_xml(cells: str) -> bytes:
    return (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.'
            b'openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">' + cells.encode() +
            b"</row></sheetData></worksheet>")


def with_sheet(source: Path, target: Path, xml: bytes) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, xml if info.filename == "xl/worksheets/sheet1.xml" else old.read(info))
    return target


def test_a_formula_saved_without_its_result_is_refused_naming_the_formula(rubric, tmp_path):
    """openpyxl (a script filling the form) saves =0.5+0.35 with no result: Excel works it out on opening,
    a reader cannot, so the cell is not taken for an empty answer."""
    path = tmp_path / "form.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Bid"
    for field, value in good_bid(VENDOR_A).items():
        sheet.append([field, field, "=0.5+0.35" if field == "rate_per_call" else value])
    book.save(path)
    with pytest.raises(BidsError) as caught:
        read_bids(rubric, [path])
    (problem,) = caught.value.problems
    row = list(good_bid(VENDOR_A)).index("rate_per_call") + 1
    assert str(problem) == (f"{path}:Bid!C{row}: expected an amount in yuan, 0 or more, found the formula =0.5+0.35 "
                            "saved without its result (open the workbook in Excel and save it again)")
    assert messages.render(problem, "zh").endswith("实际为 未保存计算结果的公式 =0.5+0.35（请用 Excel 打开后重新保存）")


@pytest.mark.parametrize("held, en, zh", [
    (UncalculatedFormula(""), "a formula whose text this cell does not hold (shared with another cell, or empty) saved "
     "without its result", "未保存计算结果的公式（本单元格未保存其内容：与其他单元格共享，或为空）"),
    (UncalculatedFormula(" "), "a formula whose text this cell does not hold (shared with another cell, or empty) saved "
     "without its result", "未保存计算结果的公式（本单元格未保存其内容：与其他单元格共享，或为空）"),
    (PlaceholderResult(""), "a formula whose text this cell does not hold (shared with another cell, or empty) saved "
     "with the result 0 by a program that does not calculate", "由不计算公式的程序保存、结果记为 0 的公式（本单元格未保存其内容"),
])
def test_a_formula_without_its_text_is_told_as_such(held, en, zh):
    """A shared formula's other cells, or an empty <f> </f>, hold no text: not "the formula a shared formula"."""
    problem = cell_problem("form.xlsx", "Bid", "C9", Expected("number"), held)
    assert f"found {en} (open the workbook in Excel and save it again)" in str(problem)
    assert zh in messages.render(problem, "zh")


@pytest.mark.parametrize("cells, expected", [
    ('<c r="A1"><f>1+1</f><v>2</v></c>', {}),  # a saved result
    ('<c r="A1" t="str"><f>IF(1,"","x")</f><v></v></c>', {}),  # the empty text a text formula gave
    ('<c r="A1"><f>1+1</f></c>', {(0, 0): UncalculatedFormula("1+1")}),  # no value at all
    ('<c r="A1"><f>1+1</f><v/></c>', {(0, 0): UncalculatedFormula("1+1")}),
    ('<c r="A1"><f>1+1</f><v></v></c>', {(0, 0): UncalculatedFormula("1+1")}),  # an empty number is no result
    ('<c r="B1" s="2"><f t="shared" ref="B1:B3" si="0"/><v /></c>', {(0, 1): UncalculatedFormula("")}),
    ('<c r="C1" t="e"><f>1/0</f><v>#DIV/0!</v></c>', {(0, 2): CellError("#DIV/0!")}),
    ('<c r="D1" t="e"/>', {(0, 3): CellError("")}),
    # xlsxwriter's placeholder result, in a workbook (written by xlsxwriter) that nothing has calculated
    ('<c r="A1"><f>B1*12</f><v>0</v></c>', {(0, 0): PlaceholderResult("B1*12")}),
    ('<c r="A1" t="n"><f>B1-B1</f><v> 0 </v></c>', {(0, 0): PlaceholderResult("B1-B1")}),
    ('<c r="A1"><f>B1*12</f><v>0.0</v></c>', {}),  # no writer's placeholder: a result it was given
    ('<c r="A1" t="str"><f>"0"</f><v>0</v></c>', {}),  # the text 0 a text formula gave
    ('<c r="A1" t="b"><f>1=2</f><v>0</v></c>', {}),  # FALSE
    # a value written where python-calamine does not take it: it reads the cell as empty (or as its last value)
    ('<c r="A1" t="inlineStr"><v>7</v></c>', {(0, 0): MisplacedValue("7", "inline_in_v")}),
    ('<c r="A1" t="inlineStr"><f>B1</f><v>x</v></c>', {(0, 0): MisplacedValue("x", "inline_in_v")}),
    ('<c r="A1"><v>7</v><f>3+4</f></c>', {(0, 0): MisplacedValue("7", "before_formula")}),
    ('<c r="A1" t="inlineStr"><is><t>a</t></is><v>7</v><f>1</f></c>', {(0, 0): MisplacedValue("a", "before_formula")}),
    # … in a sheet without a formula too (python-calamine reads the first as empty, the others as 9)
    ('<c r="A1" t="inlineStr"><is><t>7</t></is><v>9</v></c>', {(0, 0): MisplacedValue("7", "before_v")}),
    ('<c r="A1" t="inlineStr"><is/><v>9</v></c>', {(0, 0): MisplacedValue("9", "inline_in_v")}),
    ('<c r="A1"><v>7</v><v>9</v></c>', {(0, 0): MisplacedValue("7", "two_values")}),
    ('<c r="A1"><v>7</v><is><t>9</t></is></c>', {(0, 0): MisplacedValue("7", "two_values")}),
    # a '>' in a quoted value does not end the start tag (as an XML reader reads it)
    ('<c r="A1" x="a>b" t="inlineStr"><v>7</v></c>', {(0, 0): MisplacedValue("7", "inline_in_v")}),
    ('<c r="A1" t="inlineStr" x="/>"><v>7</v></c>', {(0, 0): MisplacedValue("7", "inline_in_v")}),
    ('<c r="A1" x=\'a>b\' t="e"><v>#DIV/0!</v></c>', {(0, 0): CellError("#DIV/0!")}),
    ('<c r="A1" x="a>b"><f>1+1</f></c>', {(0, 0): UncalculatedFormula("1+1")}),
    ('<c r="A1" t="inlineStr"><is><t>7</t></is></c>', {}),  # inline text where it belongs
    ('<c r="A1" t="inlineStr"/>', {}),
    ('<c r="A1" t="inlineStr"><v/></c>', {}),  # nothing stated: nothing lost
    # a shared-string reference python-calamine does not read as written: as the first string (or as empty)
    ('<c r="A1" t="s"><v>+1</v></c>', {(0, 0): OddStringIndex("+1")}),
    ('<c r="A1" t="s"><v>1&#48;</v></c>', {(0, 0): OddStringIndex("1&#48;")}),  # read as 1, meant as 10
    ('<c r="A1" t="s"><v><![CDATA[1]]></v></c>', {(0, 0): OddStringIndex("<![CDATA[1]]>")}),  # read as empty
    ('<c r="A1" t="s" s="0"><f>B1</f><v>1.0</v></c>', {(0, 0): OddStringIndex("1.0")}),
    ("<c r=\"A1\" x='a>b' t='s'><v>18446744073709551616</v></c>", {(0, 0): OddStringIndex("18446744073709551616")}),
    ('<c r="A1" t="s"><v>18446744073709551615</v></c>', {}),  # a count: past the strings' own, refused when read
    ('<c r="A1" t="s"><v>0000000000000000000000</v></c>', {}),  # leading zeros, as Excel reads them
    ('<c r="A1" t="s"><v/></c><c r="B1" t="s"/>', {}),  # nothing stated: nothing lost
])
def test_which_cells_hold_no_usable_value(cells, expected, tmp_path):
    source = write_sheet(tmp_path / "book.xlsx", "Sheet1", [["x"]])
    for markup, xml in (("plain", sheet_xml(cells)),
                        ("indented", re.sub(rb">(?=<)", b">\n    ", sheet_xml(cells))),  # as pretty-printers write
                        ("prefixed", re.sub(rb"<(/?)(?=[A-Za-z])(?!\?)", rb"<\1x:", sheet_xml(cells)).replace(
                            b'xmlns="http://schemas', b'xmlns:x="http://schemas'))):
        problems_found, notes = scan_xlsx(with_sheet(source, tmp_path / f"{markup}.xlsx", xml))
        assert problems_found == [], markup
        assert notes.errors.get("Sheet1", {}) == expected, markup


# -- a formula's placeholder result, in a workbook no spreadsheet program has calculated

def with_parts(source: Path, target: Path, change) -> Path:
    """``source`` with its parts as ``change`` (a function of the parts by name) leaves them."""
    with zipfile.ZipFile(source) as old:
        parts = {info.filename: old.read(info) for info in old.infolist()}
    change(parts)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for name, data in parts.items():
            new.writestr(name, data)
    return target


def write_formula_bids(path: Path, formulas: dict[str, tuple[str, Any]]) -> tuple[Path, dict[str, str]]:
    """A consolidated workbook as a script writes one with xlsxwriter: ``formulas`` maps a field to its formula
    and the result given to xlsxwriter (None: none given, so xlsxwriter saves 0)."""
    bid = good_bid(VENDOR_A)
    fields = list(bid)
    book = xlsxwriter.Workbook(path, {"strings_to_numbers": False, "strings_to_formulas": False})
    ws = book.add_worksheet("Bids")
    for c, field in enumerate(fields):
        ws.write(0, c, field)
        if field in formulas:
            formula, result = formulas[field]
            if result is None:
                ws.write_formula(1, c, formula)
            else:
                ws.write_formula(1, c, formula, None, result)
        elif bid[field] is not None:
            ws.write(1, c, bid[field])
    book.close()
    return path, {f: f"{chr(65 + i)}2" for i, f in enumerate(fields)}


def test_a_formula_a_script_saved_with_the_result_0_is_refused_naming_the_formula(rubric, tmp_path):
    """xlsxwriter saves 0 as a formula's result unless given one: Excel shows =2+1 as 3, a reader would see 0 (a
    count criterion scored 0, a price not positive) without a word about the formula."""
    path, cells = write_formula_bids(tmp_path / "bids.xlsx", {"similar_projects": ("=2+1", None),
                                                              "rate_per_call": ("=0.5+0.35", None)})
    found = problems(lambda: read_bids(rubric, [path]))
    assert found == [
        f"{path}:Bids!{cells['similar_projects']}: expected a whole number (0 or more), found the formula =2+1 saved "
        "with the result 0 by a program that does not calculate (open the workbook in Excel and save it again)",
        f"{path}:Bids!{cells['rate_per_call']}: expected an amount in yuan, 0 or more, found the formula =0.5+0.35 "
        "saved with the result 0 by a program that does not calculate (open the workbook in Excel and save it again)",
    ]
    with pytest.raises(BidsError) as caught:
        read_bids(rubric, [path])
    assert messages.render(caught.value.problems[0], "zh").endswith(
        "实际为 由不计算公式的程序保存、结果记为 0 的公式 =2+1（请用 Excel 打开后重新保存）")
    done = subprocess.run([sys.executable, "-m", "bideval", "evaluate", "--criteria", str(EXAMPLE_RUBRIC),
                           "--bids", str(path), "--json", str(tmp_path / "r.json")],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 2 and not (tmp_path / "r.json").exists()
    assert "=2+1 saved with the result 0" in done.stderr and "Traceback" not in done.stderr


def test_a_result_the_script_gave_is_read_and_a_calculated_zero_stays_zero(rubric, tmp_path):
    """Only the placeholder 0 of a workbook nothing calculated is refused: a result the script gave is read,
    and a 0 that Excel (a calculation chain) or another program (no request to calculate on opening) saved is
    the formula's result."""
    given, _ = write_formula_bids(tmp_path / "given.xlsx", {"similar_projects": ("=2+1", 3),
                                                           "rate_per_call": ("=0.5+0.35", 0.85)})
    (bid,) = read_bids(rubric, [given]).bids
    assert str(bid.values["similar_projects"]) == "3" and str(bid.values["rate_per_call"]) == "0.85"
    zero, _ = write_formula_bids(tmp_path / "zero.xlsx", {"similar_projects": ("=2-2", None)})
    assert problems(lambda: read_bids(rubric, [zero]))  # the placeholder: refused

    def with_chain(parts: dict[str, bytes]) -> None:  # as Excel saves formulas: with their calculation chain
        parts["xl/calcChain.xml"] = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns='
                                     b'"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="L2" i="1"/>'
                                     b'</calcChain>')

    def calculated(parts: dict[str, bytes]) -> None:  # as LibreOffice saves one: no request to calculate on opening
        parts["xl/workbook.xml"] = re.sub(rb'\s*fullCalcOnLoad="1"', b"", parts["xl/workbook.xml"])

    for name, change in (("chain", with_chain), ("calculated", calculated)):
        path = with_parts(zero, tmp_path / f"{name}.xlsx", change)
        assert scan_xlsx(path) == ([], SheetNotes()), name
        (bid,) = read_bids(rubric, [path]).bids
        assert bid.values["similar_projects"] == 0, name


# -- a number shown in 万 by its format

def the_problem(rubric, path: Path):
    """The one problem reading the bids of ``path`` gives."""
    with pytest.raises(BidsError) as caught:
        read_bids(rubric, [path])
    (problem,) = caught.value.problems
    return problem


def shown_through(rubric, tmp_path: Path, values: dict[str, Any], field: str, number_format: str):
    """The one problem of a bid form of ``values`` whose ``field`` cell is shown through ``number_format``, and where
    that cell is (``file:Bid!C9``)."""
    path = write_formatted_form(tmp_path / "form.xlsx", {field: number_format}, values)
    return the_problem(rubric, path), f"{path}:Bid!C{list(values).index(field) + 1}"


def write_ruled_form(path: Path, values: dict[str, Any], number_format: str | None, cells: str) -> Path:
    """A bid form of ``values`` (xlsxwriter) whose ``cells`` (C9:D9) a conditional format (cell value > 0) shows
    through ``number_format`` (None: none)."""
    book = xlsxwriter.Workbook(path, {"strings_to_numbers": False, "strings_to_formulas": False})
    sheet = book.add_worksheet("Bid")
    for r, (field, value) in enumerate(values.items()):
        sheet.write_string(r, 0, field)
        sheet.write(r, 2, value)
    if number_format is not None:
        sheet.conditional_format(cells, {"type": "cell", "criteria": ">", "value": 0,
                                         "format": book.add_format({"num_format": number_format})})
    book.close()
    return path


def write_formatted_form(path: Path, formats: dict[str, str], values: dict[str, Any] | None = None) -> Path:
    """A bid form (xlsxwriter, as a vendor's Excel would store it) whose value cells of ``formats`` carry that
    number format."""
    book = xlsxwriter.Workbook(path, {"strings_to_numbers": False, "strings_to_formulas": False})
    sheet = book.add_worksheet("Bid")
    for r, (field, value) in enumerate((values or good_bid(VENDOR_A)).items()):
        sheet.write_string(r, 0, field)
        style = book.add_format({"num_format": formats[field]}) if field in formats else None
        sheet.write(r, 2, value, style)
    book.close()
    return path


@pytest.mark.parametrize("number_format, meant", [
    ('0.00"万元"', "172.80万元: 1,728,000 yuan"),  # adds the text: the number is in 万
    ('0!.0000"万元"', "0.0173万元: 172.80 yuan"),  # moves the point: the number is in yuan
    ('#,##0.00,"万"', "a 万 shown after dividing by 1,000"),
    ('[DBNum1]0"亿"', "亿"),
])
def test_a_number_shown_in_wan_by_its_format_is_refused_not_read_either_way(rubric, tmp_path, number_format, meant):
    """Found by an independent import test: 172.8 shown as 172.80万元 was read as 172.80 yuan and ranked first."""
    values = {**good_bid(VENDOR_A), "price_model": "lump_sum", "rate_per_call": None, "total_price": 172.8}
    path = write_formatted_form(tmp_path / "form.xlsx", {"total_price": number_format}, values)
    with pytest.raises(BidsError) as caught:
        read_bids(rubric, [path])
    (problem,) = caught.value.problems
    row = list(values).index("total_price") + 1
    assert str(problem) == (f"{path}:Bid!C{row}: expected an amount in yuan, 0 or more, found the number 172.8 shown "
                            f"through the number format {number_format!r}, which writes 万 or 亿: it cannot be told "
                            "whether the number is in yuan or in 万 yuan (enter it as a plain number in the field's "
                            "unit, with the cell's format General)")


def test_a_formatted_number_is_quoted_as_the_sheet_shows_it(rubric, tmp_path):
    """A formula's result is saved with 17 digits (172.8 as 172.80000000000001) and a whole number by some writers as
    1728.0; the message quotes what Excel shows, 15 digits and no trailing zeros, as for any other number cell."""
    values = {**good_bid(VENDOR_A), "price_model": "lump_sum", "rate_per_call": None, "total_price": 172.8}
    path = write_formatted_form(tmp_path / "form.xlsx", {"total_price": '0.00"万元"'}, values)
    sheet = "xl/worksheets/sheet1.xml"
    path = with_parts(path, tmp_path / "digits.xlsx", lambda parts: parts.update(
        {sheet: parts[sheet].replace(b"<v>172.8</v>", b"<v>172.80000000000001</v>")}))
    assert b"172.80000000000001" in zipfile.ZipFile(path).read(sheet)
    problem = the_problem(rubric, path)
    assert problem.data["found"].number == "172.8" and "found the number 172.8 shown through" in str(problem)


@pytest.mark.parametrize("number_format, says", [('0.00"万元"', "which writes 万 or 亿"),
                                                 ('"$"#,##0.00', "which writes US dollar (USD)"),
                                                 ('#,##0"千元"', "which writes 千 (thousands)"),
                                                 ('0.00"%"', "which writes % as text")])
def test_a_formatted_number_is_found_in_unusual_markup_too(rubric, tmp_path, number_format, says):
    """A sheet whose cells give their style before their reference is measured by the package check's exact scan;
    the cells shown in 万 or in another currency are found there as well."""
    values = {**good_bid(VENDOR_A), "price_model": "lump_sum", "rate_per_call": None, "total_price": 172.8}
    usual = write_formatted_form(tmp_path / "usual.xlsx", {"total_price": number_format}, values)

    def style_first(parts: dict[str, bytes]) -> None:
        sheet = parts["xl/worksheets/sheet1.xml"]
        parts["xl/worksheets/sheet1.xml"] = re.sub(rb'<c (r="[A-Z]+[0-9]+") (s="[0-9]+")', rb"<c \2 \1", sheet)
        assert parts["xl/worksheets/sheet1.xml"] != sheet

    path = with_parts(usual, tmp_path / "unusual.xlsx", style_first)
    with pytest.raises(BidsError) as caught:
        read_bids(rubric, [path])
    (problem,) = caught.value.problems
    assert problem.cell == f"C{list(values).index('total_price') + 1}" and says in str(problem)


@pytest.mark.parametrize("number_format", ["#,##0.00", "¥#,##0.00", '"¥"#,##0.00', '0.00"元"', '#,##0.00"元"',
                                           "General", '@', '0.00" kg"', '0" months"', '0.0"km"', '0"千克"',
                                           '0.0" 千瓦时"', '0" MB"', '0.0" Mbps"', '0" pieces"', "0.00_ ",
                                           '_-¥* #,##0.00_-;-¥* #,##0.00_-;_-¥* "-"??_-;_-@_-', '#,##0;-#,##0;"-"'])
def test_other_number_formats_are_read_as_the_number_stored(rubric, tmp_path, number_format):
    values = {**good_bid(VENDOR_A), "price_model": "lump_sum", "rate_per_call": None, "total_price": 1728000}
    (bid,) = read_bids(rubric, [write_formatted_form(tmp_path / "form.xlsx", {"total_price": number_format},
                                                     values)]).bids
    assert bid.values["total_price"] == 1728000


def test_a_text_in_a_cell_formatted_in_wan_is_read_as_its_text(rubric, tmp_path):
    values = {**good_bid(VENDOR_A), "price_model": "lump_sum", "rate_per_call": None, "total_price": "172.8万"}
    (bid,) = read_bids(rubric, [write_formatted_form(tmp_path / "form.xlsx", {"total_price": '0.00"万元"'},
                                                     values)]).bids
    assert bid.values["total_price"] == 1728000


@pytest.mark.parametrize("number, number_format, shown", [
    ("4", '0"万"', "4万"), ("172.8", '0.00"万元"', "172.80万元"), ("1234567.891", '#,##0.00"万元"', "1,234,567.89万元"),
    ("2.5", '0"万"', "3万"), ("-2.5", '0"万"', "-3万"),  # Excel rounds half away from zero
    ("12345678", '0!.0000"万元"', None), ("4", '[Red]0"万"', None), ("4", '#,##0.00,"万"', None),  # not worked out
])
def test_what_a_number_shown_in_wan_shows(number, number_format, shown):
    """A panel sheet's message says what the sheet shows, where the format only writes the number and its unit."""
    assert TenThousandsFormat(number, number_format).shown == shown


# -- a number shown in thousands, millions … by its format (千元, K, M, million): the same as 万

SCALED = [  # (format, the word it writes, how much that counts, what 1980 shows as where the format says so plainly)
    ('#,##0"千元"', "千", "thousands", "1,980千元"),
    ('0"千"', "千", "thousands", "1980千"),
    ('#,##0.00"千美元"', "千", "thousands", "1,980.00千美元"),  # the scale first, whatever the currency
    ('#,##0.00"K"', "K", "thousands", "1,980.00K"),
    ('#,##0,"K"', "K", "thousands", None),  # divides by 1,000 too: 1,980,000 would show as 1,980K
    ("0.0,,\\M", "M", "millions", None),
    ('0.000"M"', "M", "millions", "1980.000M"),
    ('0" thousand"', "thousand", "thousands", "1980 thousand"),
    ('0.0" millions"', "millions", "millions", "1980.0 millions"),
    ('0.00" bn"', "bn", "billions", "1980.00 bn"),
    ('0" mn"', "mn", "millions", "1980 mn"),
    ('0.0 "B"', "B", "billions", None),
    ('0"百万元"', "百万", "millions", "1980百万元"),
    ('0"千万"', "千万", "tens of millions", "1980千万"),
]


@pytest.mark.parametrize("number_format, word, scale, shown", SCALED)
def test_a_number_shown_in_another_scale_by_its_format_is_refused_not_read_as_units(rubric, tmp_path, number_format,
                                                                                   word, scale, shown):
    """Found by an independent tester: 1980 formatted #,##0"千元" shows 1,980千元 (1,980,000 yuan) and was read as
    1,980 yuan, winning on price; 1.6 through 0.000"M" likewise."""
    values = {**good_bid(VENDOR_A), "price_model": "lump_sum", "rate_per_call": None, "total_price": 1980}
    problem, where = shown_through(rubric, tmp_path, values, "total_price", number_format)
    assert problem.data["found"] == ScaleWordFormat("1980", number_format, word)
    shown_as = f" as {shown}" if shown else ""
    assert str(problem) == (f"{where}: expected an amount in yuan, 0 or more, found the number 1980 shown"
                            f"{shown_as} through the number format {number_format!r}, which writes {word} ({scale}): "
                            f"it cannot be told whether the number is in the field's unit or in {scale} of it (enter "
                            "it as a plain number in the field's unit, with the cell's format General)")


def test_a_scale_refusal_in_chinese_says_what_the_sheet_shows():
    problem = cell_problem("a.xlsx", "Bids", "C2", Expected("money", {"unit": None, "non_negative": True}),
                           ScaleWordFormat("1728", '#,##0"千元"', "千"))
    assert messages.render(problem, "zh") == (
        "a.xlsx:Bids!C2：应为不小于 0 的金额（元），实际为 数字 1728（显示为 1,728千元），其数字格式 “#,##0\"千元\"” "
        "显示“千”：无法判断该数字是按该项的单位还是按千计（请按该项的单位填写普通数字，单元格格式设为“常规”）")
    problem = cell_problem("a.xlsx", "Bids", "C2", Expected("money", {"unit": None, "non_negative": True}),
                           ScaleWordFormat("1.6", '0.000"M"', "M"))
    assert "其数字格式 “0.000\"M\"” 显示“M”（百万）：无法判断该数字是按该项的单位还是按百万计" in messages.render(problem, "zh")


def test_the_command_line_refuses_a_price_in_thousands_and_writes_nothing(tmp_path):
    """The tester's workbook: a price of 1,728 shown as 1,728千元, another of 1.6 shown as 1.600M."""
    fields = ["vendor_id", "vendor_name", "total_price"]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Bids"
    sheet.append(fields)
    sheet.append([VENDOR_A, "甲公司", 1728])
    sheet["C2"].number_format = '#,##0"千元"'
    sheet.append([VENDOR_B, "乙公司", 1.6])
    sheet["C3"].number_format = '0.000"M"'
    book.save(path := tmp_path / "bids.xlsx")
    rubric = tmp_path / "price.yaml"
    rubric.write_text("id: t\ntitle: {zh: 价格, en: Price}\nfields: []\ncriteria:\n  - {id: price, name: {zh: 价格, "
                      "en: Price}, group: price, kind: price, max: 30, method: lowest_ratio}\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "bideval", "evaluate", "--criteria", str(rubric), "--bids", str(path),
                           "--json", str(tmp_path / "r.json")], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 2 and not (tmp_path / "r.json").exists() and "Traceback" not in done.stderr
    assert done.stderr.splitlines() == [
        f"{path}:Bids!C2: expected an amount in yuan, 0 or more, found the number 1728 shown as 1,728千元 through the "
        "number format '#,##0\"千元\"', which writes 千 (thousands): it cannot be told whether the number is in the "
        "field's unit or in thousands of it (enter it as a plain number in the field's unit, with the cell's format "
        "General)",
        f"{path}:Bids!C3: expected an amount in yuan, 0 or more, found the number 1.6 shown as 1.600M through the "
        "number format '0.000\"M\"', which writes M (millions): it cannot be told whether the number is in the "
        "field's unit or in millions of it (enter it as a plain number in the field's unit, with the cell's format "
        "General)"]


@pytest.mark.parametrize("number, number_format, word, shown", [
    ("1980", '#,##0"千元"', "千", "1,980千元"), ("1.6", '0.000"M"', "M", "1.600M"), ("2.5", '0"K"', "K", "3K"),
    ("12", '0.0\\K', "K", "12.0K"), ("1980", '#,##0,"K"', "K", None), ("1980", '[Blue]0"K"', "K", None),
])
def test_what_a_number_shown_in_another_scale_shows(number, number_format, word, shown):
    assert ScaleWordFormat(number, number_format, word).shown == shown


# -- a number shown with a % sign written as text: 1 shown as 1.00% is stored as 1, which is 100 %

@pytest.mark.parametrize("number_format, sign, shown", [
    ('0.00"%"', "%", "1.00%"), ("0.0\\%", "%", "1.0%"), ('0.0"％"', "％", "1.0％"), ("0.0％", "％", None),
    ('[Red]0" %"', "%", None),
])
def test_a_percent_shown_through_a_percent_sign_written_as_text_is_refused(rubric, tmp_path, number_format, sign,
                                                                         shown):
    """Found by an independent tester: 1 formatted 0.00"%" shows 1.00% but is stored as 1, and the percent field
    read it as 100 %. Only a real % (unquoted) makes Excel store 1.00% as 0.01."""
    problem, where = shown_through(rubric, tmp_path, good_bid(VENDOR_A, dial_test_accuracy=1), "dial_test_accuracy",
                                   number_format)
    assert problem.data["found"] == LiteralPercentFormat("1", number_format, sign)
    shown_as = f" as {shown}" if shown else ""
    assert str(problem) == (f"{where}: expected a percentage such as 96% (or a fraction 0..1 such as 0.96), "
                            f"found the number 1 shown{shown_as} through the number format {number_format!r}, which "
                            f"writes {sign} as text: the cell holds 1, which is 100 % (enter 1% as text, or 0.01 with "
                            "the cell formatted as a percentage)")
    assert messages.render(problem, "zh").endswith(
        f"实际为 数字 1{f'（显示为 {shown}）' if shown else ''}，其数字格式 “{number_format}” 把 {sign} 作为文字显示："
        "单元格中存储的是 1，即 100%（请填写文本 1%，或填写 0.01 并将单元格格式设为百分比）")


def test_a_per_mille_sign_as_text_is_refused_saying_what_it_means():
    problem = cell_problem("a.xlsx", "Bid", "C8", Expected("percent"), LiteralPercentFormat("0.5", '0.0"‰"', "‰"))
    assert str(problem).endswith("found the number 0.5 shown as 0.5‰ through the number format '0.0\"‰\"', which "
                                 "writes ‰ as text: the cell holds 0.5, which is 50 % (enter 0.05% as text, or 0.0005 "
                                 "with the cell formatted as a percentage)")


def test_a_percent_sign_as_text_in_another_field_is_refused_with_plain_advice(rubric, tmp_path):
    """A price shown as 1728000% is no price either; the advice is the field's, not a percentage's."""
    values = {**good_bid(VENDOR_A), "price_model": "lump_sum", "rate_per_call": None, "total_price": 1728000}
    path = write_formatted_form(tmp_path / "form.xlsx", {"total_price": '0"%"'}, values)
    problem = the_problem(rubric, path)
    assert str(problem).endswith("found the number 1728000 shown as 1728000% through the number format '0\"%\"', "
                                 "which writes % as text: the cell holds the number 1728000 (enter a plain number in "
                                 "the field's unit, with the cell's format General)")


@pytest.mark.parametrize("number_format, value", [("0.00%", 0.96), ("0%", 0.96), ('0.00%" "', 0.96), ("General", 0.96),
                                                  ('0.00" kg"', 0.96)])
def test_a_real_percent_and_other_formats_of_a_percent_field_are_read(rubric, tmp_path, number_format, value):
    """An unquoted % is Excel's own: it shows 0.96 as 96.00%, and 0.96 is what the cell holds and what is meant."""
    values = good_bid(VENDOR_A, dial_test_accuracy=value)
    path = write_formatted_form(tmp_path / "form.xlsx", {"dial_test_accuracy": number_format}, values)
    (bid,) = read_bids(rubric, [path]).bids
    assert bid.values["dial_test_accuracy"] == Decimal("0.96")


def test_a_text_percentage_in_a_cell_formatted_with_a_percent_sign_as_text_is_read_as_its_text(rubric, tmp_path):
    values = good_bid(VENDOR_A, dial_test_accuracy="96%")
    path = write_formatted_form(tmp_path / "form.xlsx", {"dial_test_accuracy": '0.00"%"'}, values)
    (bid,) = read_bids(rubric, [path]).bids
    assert bid.values["dial_test_accuracy"] == Decimal("0.96")


def test_the_command_line_refuses_a_percent_sign_written_as_text(tmp_path):
    """The tester's workbook: 1 shown as 1.00% beside a text 1%; both read as 1 % was the intent, 100 % the result."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Bids"
    sheet.append(["vendor_id", "vendor_name", "sr", "total_price"])
    sheet.append([VENDOR_A, "甲公司", 1, 1000])
    sheet["C2"].number_format = '0.00"%"'
    sheet.append([VENDOR_B, "乙公司", "1%", 1000])
    book.save(path := tmp_path / "bids.xlsx")
    rubric = tmp_path / "rate.yaml"
    rubric.write_text("id: t\ntitle: {zh: 比率, en: Rate}\nfields:\n  - {id: sr, label: {zh: 支撑率, en: Support rate}, "
                      "type: percent}\ncriteria:\n  - {id: support, name: {zh: 支撑率分, en: Support}, group: ops, "
                      "kind: linear, field: sr, max: 5, points: [[0.010, 5], [0.011, 0]]}\n  - {id: price, name: "
                      "{zh: 价格, en: Price}, group: price, kind: price, max: 30, method: lowest_ratio}\n",
                      encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "bideval", "evaluate", "--criteria", str(rubric), "--bids", str(path),
                           "--json", str(tmp_path / "r.json"), "--lang", "zh"], capture_output=True, text=True,
                          cwd=ROOT)
    assert done.returncode == 2 and not (tmp_path / "r.json").exists() and "Traceback" not in done.stderr
    assert done.stderr.splitlines() == [
        f"{path}:Bids!C2 支撑率：应为百分比，如 96%（或 0 到 1 之间的小数，如 0.96），实际为 数字 1（显示为 1.00%），其数字"
        "格式 “0.00\"%\"” 把 % 作为文字显示：单元格中存储的是 1，即 100%（请填写文本 1%，或填写 0.01 并将单元格格式设为百分比）"]


# -- a text cell shown through a format's text section (@): a bidder types into a template's Text cell

LUMP_SUM = {"price_model": "lump_sum", "rate_per_call": None}


@pytest.mark.parametrize("number_format, section", [
    ('@"万元"', '@"万元"'), ('0.00"万元";-0.00"万元";0"万元";@"万元"', '@"万元"'), ('@" 千元"', '@" 千元"'),
    ('@" 美元"', '@" 美元"')])
def test_a_text_amount_shown_with_a_unit_by_its_text_section_is_refused(rubric, tmp_path, number_format, section):
    """95 typed as text into a cell formatted @"万元" shows 95万元 (950,000 yuan): it was read as 95 yuan."""
    values = {**good_bid(VENDOR_A), **LUMP_SUM, "total_price": "95"}
    problem, cell = shown_through(rubric, tmp_path, values, "total_price", number_format)
    assert str(problem).startswith(f"{cell}: expected an amount in yuan") and "found the number 95 shown" in str(problem)
    assert f"through the number format {section!r}" in str(problem)


def test_a_text_fraction_shown_with_a_percent_sign_by_its_text_section_is_refused(rubric, tmp_path):
    """0.5 typed as text into a cell formatted @"%" shows 0.5%: it was read as 50 %."""
    problem, cell = shown_through(rubric, tmp_path, good_bid(VENDOR_A, dial_test_accuracy="0.5"), "dial_test_accuracy",
                                  '@"%"')
    assert str(problem).startswith(f"{cell}: expected a percentage") and "which writes % as text" in str(problem)


@pytest.mark.parametrize("number_format", ["@", '0.00"万元"', '0;-0;0;@'])
def test_a_text_shown_as_typed_is_read_as_its_text(rubric, tmp_path, number_format):
    """Text is shown as typed through a Text format, a format without a text section, or a bare @ section."""
    values = {**good_bid(VENDOR_A), **LUMP_SUM, "total_price": "1728000"}
    (bid,) = read_bids(rubric, [write_formatted_form(tmp_path / "form.xlsx", {"total_price": number_format},
                                                     values)]).bids
    assert bid.values["total_price"] == 1728000


# -- another number shown without a unit word: a percent format, a constant, commas dividing by 1,000

@pytest.mark.parametrize("field, value, number_format, en, zh", [
    ("total_price", 24720, "0%", "the number 24720 stored in the cell, but shown as 2472000% through the percent "
     "format '0%': this field is no percentage, and a number typed into such a cell is stored divided by 100 (enter a "
     "plain number in the field's unit, with the cell's format General)",
     "单元格中存储的数字 24720，但通过百分比格式 “0%” 显示为 2472000%：该项不是百分比，在此类单元格中输入的数字会被除以 100 存储"
     "（请按该项的单位填写普通数字，单元格格式设为“常规”）"),
    ("similar_projects", 0.07, "0.00%", "the number 0.07 stored in the cell, but shown as 7.00% through the percent "
     "format '0.00%'", "显示为 7.00%"),
    ("total_price", 15500, "#,##0,", "the number 15500 stored in the cell, but shown as 16 through the number format "
     "'#,##0,', whose comma after the last digit divides it by 1,000: the sheet shows a number other than the 15500 "
     "stored (enter a plain number in the field's unit, with the cell's format General)",
     "单元格中存储的数字 15500，但数字格式 “#,##0,” 末位数字后的逗号使其除以 1,000 后显示为 16：表中显示的数与存储的 15500 "
     "不同（请按该项的单位填写普通数字，单元格格式设为“常规”）"),
    ("total_price", 990000, '"1,980,000"', "the number 990000 stored in the cell, but shown as '1,980,000' through "
     "the number format '\"1,980,000\"', which shows that text in place of the number: the sheet shows '1,980,000', "
     "not the 990000 stored (enter the value itself, with the cell's format General)",
     "单元格中存储的数字 990000，但数字格式 “\"1,980,000\"” 不显示数字，只显示文字“1,980,000”：表中显示的“1,980,000”"
     "并非存储的 990000（请直接填写该值，单元格格式设为“常规”）"),
    ("business_license", 1, '"否"', "the number 1 stored in the cell, but shown as '否'", "只显示文字“否”"),
    ("total_price", 247.2, '0.0"W"', "found the number 247.2 shown as 247.2W through the number format '0.0\"W\"', "
     "which writes W (tens of thousands)", "显示“W”（万）"),
])
def test_a_number_shown_as_another_is_refused_at_its_cell(rubric, tmp_path, field, value, number_format, en, zh):
    """Found by an independent tester: a price of 2,472,000 typed into a 0% cell (stored as 24,720), 7 projects typed
    into a 0.00% cell (stored as 0.07), 15,500 shown as 16 (#,##0,), 990,000 shown as 1,980,000, 1 (yes) shown as 否
    and 247.2W were read as stored."""
    values = {**good_bid(VENDOR_A), **LUMP_SUM, field: value}
    problem, cell = shown_through(rubric, tmp_path, values, field, number_format)
    assert str(problem).startswith(f"{cell}: expected") and en in str(problem)
    assert zh in messages.render(problem, "zh")


@pytest.mark.parametrize("price_format", ["0%", "General"])
def test_a_percent_format_over_a_bids_sheets_price_column_is_refused_at_each_cell(rubric, tmp_path, price_format):
    """The tester's consolidated workbook: the price column given the 0% of the percent column beside it. Each price
    is refused at its cell; the percent field's own 0% (0.96 shown as 96%) is read as stored."""
    bids = [{**good_bid(vendor), **LUMP_SUM, "dial_test_accuracy": 0.96, "total_price": 24720}
            for vendor in (VENDOR_A, VENDOR_B)]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Bids"
    sheet.append(list(bids[0]))
    for bid in bids:
        sheet.append(list(bid.values()))
    price, rate = (list(bids[0]).index(field) + 1 for field in ("total_price", "dial_test_accuracy"))
    for row in (2, 3):
        sheet.cell(row, price).number_format = price_format
        sheet.cell(row, rate).number_format = "0%"
    book.save(path := tmp_path / "bids.xlsx")
    if price_format == "General":
        assert [bid.values["dial_test_accuracy"] for bid in read_bids(rubric, [path]).bids] == [Decimal("0.96")] * 2
        return
    with pytest.raises(BidsError) as caught:
        read_bids(rubric, [path])
    assert [(problem.cell, problem.data["found"].shown) for problem in caught.value.problems] == [
        (f"{chr(64 + price)}{row}", "2472000%") for row in (2, 3)]


@pytest.mark.parametrize("markup", ["usual", "type first", "style first"])
def test_a_percent_format_over_a_count_is_found_however_its_cell_is_written(rubric, tmp_path, markup):
    """A count's cell in a 0% format is refused whether its style follows its reference (as every writer puts it),
    follows another attribute (its cells then looked at one by one) or comes first (the package check's exact scan);
    the percent field's 0% cell beside it is read in each."""
    values = good_bid(VENDOR_A, similar_projects=0.07, dial_test_accuracy=0.96)
    path = write_formatted_form(tmp_path / "form.xlsx", {"similar_projects": "0%", "dial_test_accuracy": "0%"}, values)
    sheet = "xl/worksheets/sheet1.xml"
    spelt = {"type first": rb'<c \1 t="n" \2', "style first": rb"<c \2 \1"}.get(markup)
    if spelt is not None:
        path = with_parts(path, tmp_path / "odd.xlsx", lambda parts: parts.update(
            {sheet: re.sub(rb'<c (r="[A-Z]+[0-9]+") (s="[0-9]+")(?! t=)', spelt, parts[sheet])}))
    problem = the_problem(rubric, path)
    assert problem.cell == f"C{list(values).index('similar_projects') + 1}"
    assert "found the number 0.07 stored in the cell, but shown as 7% through the percent format '0%'" in str(problem)


@pytest.mark.parametrize("markup", ["usual", "style first"])
def test_a_percent_default_format_refuses_every_count_written_without_a_style(rubric, tmp_path, markup):
    """A workbook whose default format (cell format 0, a cell's with no style) is 0%: every number cell written with
    no style of its own is shown as a percentage; its counts and prices are refused, its percent field is read."""
    values = good_bid(VENDOR_A, similar_projects=0.07, dial_test_accuracy=0.96)
    path = write_formatted_form(tmp_path / "form.xlsx", {}, values)

    def percent_default(parts: dict[str, bytes]) -> None:
        parts["xl/styles.xml"] = re.sub(rb'(<cellXfs[^>]*><xf numFmtId=")0"', rb'\g<1>9"', parts["xl/styles.xml"])
        if markup == "style first":  # (a cell given a style, its style first: the sheet read by the exact scan)
            parts[SHEET] = parts[SHEET].replace(b'<c r="A1" t="s">', b'<c s="0" r="A1" t="s">')
            assert b'<c s="0"' in parts[SHEET]

    path = with_parts(path, tmp_path / "default.xlsx", percent_default)
    with pytest.raises(BidsError) as caught:
        read_bids(rubric, [path])
    assert sorted(problem.cell for problem in caught.value.problems) == sorted(
        f"C{list(values).index(field) + 1}" for field in ("itss_level", "similar_projects", "rate_per_call"))


@pytest.mark.parametrize("rule", ["styles", "own"])
def test_a_percent_format_by_a_conditional_format_is_refused_over_a_price(rubric, tmp_path, rule):
    """A conditional format (by a differential format of the styles, or Excel 2010's own) showing the price as a
    percentage: refused as the cell's own format is, with no conditional format to be left; the percent field it
    covers is read."""
    values = {**good_bid(VENDOR_A), **LUMP_SUM, "total_price": 24720, "dial_test_accuracy": 0.94}
    row, rate = (list(values).index(field) + 1 for field in ("total_price", "dial_test_accuracy"))
    path = write_ruled_form(tmp_path / "form.xlsx", values, "0%" if rule == "styles" else None, f"C{rate}:C{row}")
    if rule == "own":
        own = with_own_rule('<numFmt numFmtId="9" formatCode="0%"/>', f"C{rate} C{row}")
        path = with_parts(path, tmp_path / "own.xlsx", lambda parts: parts.update({"xl/worksheets/sheet1.xml": parts[
            "xl/worksheets/sheet1.xml"].replace(b"</worksheet>", own + b"</worksheet>")}))
    problem = the_problem(rubric, path)
    assert str(problem) == (f"{path}:Bid!C{row}: expected an amount in yuan, 0 or more, found the number 24720 stored "
                            "in the cell, but shown as 2472000% through the percent format '0%' (a conditional "
                            "format's: Home > Conditional Formatting): this field is no percentage, and a number typed "
                            "into such a cell is stored divided by 100 (enter a plain number in the field's unit, with "
                            "the cell's format General and no conditional format)")


# -- a text or a choice read as the sheet shows it: 10 typed into a 000 cell is 010 on screen

AREA_RUBRIC = """\
id: area
title: {zh: 区号, en: Area code}
fields:
  - {id: area, label: {zh: 区号, en: Area code}, type: text}
  - {id: station, label: {zh: 站点, en: Station}, type: choice, choices: ["010", "021"]}
criteria:
  - {id: local, name: {zh: 本地服务, en: Local service}, group: qualification, kind: gate,
     when: {field: area, op: in, value: ["010", "021"]}}
  - {id: price, name: {zh: 价格, en: Price}, group: price, kind: price, max: 30, method: lowest_ratio}
"""


def area_bid(tmp_path: Path, layout: str, field: str, value: Any, number_format: str | None) -> Path:
    """A bid (a form, or a row of a Bids sheet) answering ``field`` with ``value`` through ``number_format``."""
    values = {"vendor_id": VENDOR_A, "vendor_name": "甲", "total_price": 1000000, "area": "010", field: value}
    path = tmp_path / f"{layout}.xlsx"
    book = xlsxwriter.Workbook(path, {"strings_to_numbers": False})
    sheet = book.add_worksheet("Bid" if layout == "form" else "Bids")
    style = book.add_format({"num_format": number_format}) if number_format else None
    for i, (name, held) in enumerate(values.items()):
        row, column = (i, 2) if layout == "form" else (1, i)
        sheet.write(*((i, 0) if layout == "form" else (0, i)), name)
        sheet.write(row, column, held, style if name == field else None)
    book.close()
    return path


@pytest.mark.parametrize("layout", ["form", "consolidated"])
@pytest.mark.parametrize("field, value, number_format, read", [
    ("area", 10, "000", "010"),  # the usual way to keep a leading zero: the gate's "010" is met
    ("station", 21, "000", "021"),  # a choice likewise (it was refused: expected one of 010, 021, found 21)
    ("area", 0.5, "0%", "50%"),
    ("area", 1234.5, "#,##0.00", "1,234.50"),
    ("area", True, None, "TRUE"),  # as Excel shows it (it was 'True')
])
def test_a_number_in_a_text_or_choice_field_is_read_as_the_sheet_shows_it(tmp_path, layout, field, value,
                                                                           number_format, read):
    """Found by a hostile tester: 10 in a 000 cell (Excel shows 010) was read as '10', and the bid failed the gate
    area in ["010", "021"] without a word of why."""
    rubric = parse_rubric(AREA_RUBRIC, "area.yaml")
    bids = read_bids(rubric, [area_bid(tmp_path, layout, field, value, number_format)])
    assert [bid.values[field] for bid in bids.bids] == [read]
    assert [check.valid for check in check_bids(rubric, bids.bids).values()] == [field != "area" or read == "010"]


@pytest.mark.parametrize("layout", ["form", "consolidated"])
def test_a_number_in_a_text_field_through_a_format_not_shown_exactly_is_refused(tmp_path, layout):
    """What the sheet shows through 0.0E+00 (or a unit, sections …) is not worked out: refused, naming the number
    stored and the format, asking for the answer as text."""
    path = area_bid(tmp_path, layout, "area", 10, "0.0E+00")
    problem = the_problem(parse_rubric(AREA_RUBRIC, "area.yaml"), path)
    assert str(problem) == (
        f"{path}:{'Bid!C4' if layout == 'form' else 'Bids!D2'}: expected the answer as text, as the sheet should show "
        "it (type it into a cell formatted as Text, @, or start it with an apostrophe '), found the number 10 stored "
        "in the cell, shown through the number format '0.0E+00', which bid-eval does not reproduce exactly: the "
        "answer is what the sheet shows, not known here")
    assert "实际为 单元格中存储的数字 10，通过数字格式 “0.0E+00”显示" in messages.render(problem, "zh")


# -- a value a format shows as nothing (;;;): the cell looks empty on screen

@pytest.mark.parametrize("field, value, number_format", [
    ("similar_projects", 3, ";;;"), ("similar_projects", 3, ";;"), ("business_license", "是", ";;;")])
def test_a_value_a_format_shows_as_nothing_is_refused(rubric, tmp_path, field, value, number_format):
    """A price or a 是 blanked out by ;;; was read though the sheet looked empty (a tester's find)."""
    problem, cell = shown_through(rubric, tmp_path, good_bid(VENDOR_A, **{field: value}), field, number_format)
    assert str(problem).startswith(f"{cell}: expected")
    assert f"stored in the cell but shown as nothing through the number format {number_format!r}" in str(problem)
    assert "屏幕上看不到它" in messages.render(problem, "zh")


def test_a_format_that_hides_only_text_or_zeros_shows_a_number(rubric, tmp_path):
    for number_format in ("0.00;;;", "0.00;-0.00;;@"):
        path = write_formatted_form(tmp_path / "f.xlsx", {"rate_per_call": number_format}, good_bid(VENDOR_A))
        (bid,) = read_bids(rubric, [path]).bids
        assert bid.values["rate_per_call"] == Decimal("0.85"), number_format


# -- values written where the reader does not take them; a unit shown by a conditional format

@pytest.mark.parametrize("markup, en, zh", [
    ("inline_in_v", "the value '7' written in <v> in a cell of inline text (t=\"inlineStr\"), whose text belongs in "
     "<is>: the spreadsheet reader reads the cell as empty",
     "值 “7”写在内联文本单元格（t=\"inlineStr\"）的 <v> 中，而其文字应在 <is> 中：表格读取程序会把该单元格读成空白"),
    ("before_v", "the value '7' written before a <v> in a cell of inline text (t=\"inlineStr\"), whose text belongs "
     "in <is> alone: the spreadsheet reader reads the cell as empty",
     "值 “7”写在内联文本单元格（t=\"inlineStr\"）中一个 <v> 之前，而其文字只应在 <is> 中：表格读取程序会把该单元格读成空白"),
    ("before_formula",
     "the value '7' written before the cell's formula: the spreadsheet reader reads the cell as empty", "值 “7”写在该单元格的公式之前：表格读取程序会把该单元格读成空白"),
    ("two_values", "the value '7' written as one of two values given in one cell: the spreadsheet reader takes the "
     "last one", "值 “7”是同一单元格中给出的两个值之一：表格读取程序只取最后一个值"),
])
def test_a_value_the_reader_does_not_take_is_refused_saying_where_it_is_written(markup, en, zh):
    """Found by an independent import test: ``<c t="inlineStr"><v>7</v></c>`` and ``<c><v>7</v><f>3+4</f></c>``
    were read as an empty cell (a stated count scored 0), without a word."""
    problem = cell_problem("form.xlsx", "Bid", "C4", Expected("number"), MisplacedValue("7", markup))
    assert str(problem) == (f"form.xlsx:Bid!C4: expected a number, found {en}, and what Excel shows for it is not "
                            "known (open the workbook in Excel, check the cell and save it again)")
    assert messages.render(problem, "zh").endswith(f"实际为 {zh}，而 Excel 如何显示无从得知（请用 Excel 打开该工作簿，"
                                                   "检查该单元格后重新保存）")


def test_a_number_shown_in_wan_by_a_conditional_format_is_refused(rubric, tmp_path):
    """Found by an independent import test: 95 in a General cell that a conditional format (cell value > 0) shows
    through 0.00"万元" was read as 95 yuan; Excel shows 95.00万元. Every number in the rule's range is refused, whether
    the rule holds or not (the bidder can remove the rule); a cell outside it is read."""
    values = {**good_bid(VENDOR_A), "price_model": "lump_sum", "rate_per_call": None, "total_price": 95}
    row = list(values).index("total_price") + 1
    path = write_ruled_form(tmp_path / "form.xlsx", values, '0.00"万元"', f"C{row}:D{row}")
    problem = the_problem(rubric, path)
    assert str(problem) == (f"{path}:Bid!C{row}: expected an amount in yuan, 0 or more, found the number 95 shown "
                            "through the number format '0.00\"万元\"' (a conditional format's: Home > Conditional "
                            "Formatting), which writes 万 or 亿: it cannot be told whether the number is in yuan or "
                            "in 万 yuan (enter it as a plain number in the field's unit, with the cell's format General "
                            "and no conditional format)")
    assert "其数字格式 “0.00\"万元\"”（条件格式所设） 显示“万”或“亿”" in messages.render(problem, "zh")
    large = with_parts(path, tmp_path / "large.xlsx", lambda parts: parts.update({  # its dxfs past the first 64 KiB
        "xl/styles.xml": re.sub(rb"<styleSheet[^>]*>", lambda start: start.group(0) + b"<!--" + b"x" * 65536 + b"-->",
                                parts["xl/styles.xml"], count=1)}))
    assert str(the_problem(rubric, large)) == str(problem).replace(str(path), str(large))
    many = with_parts(path, tmp_path / "many.xlsx", lambda parts: parts.update({  # 1,000 ranges looked through, no more
        "xl/worksheets/sheet1.xml": parts["xl/worksheets/sheet1.xml"].replace(
            f'sqref="C{row}:D{row}"'.encode(), f'sqref="{" ".join(f"F{at}" for at in range(1, 1000))} C{row}:D{row}"'
            .encode())}))
    assert str(the_problem(rubric, many)) == str(problem).replace(str(path), str(many))
    too_many = with_parts(many, tmp_path / "too many.xlsx", lambda parts: parts.update({
        "xl/worksheets/sheet1.xml": parts["xl/worksheets/sheet1.xml"].replace(b'sqref="', b'sqref="G1 ')}))
    assert str(the_problem(rubric, too_many)) == (
        f"{too_many}: refused: sheet 'Bid' (xl/worksheets/sheet1.xml) has 1,001 ranges under conditional formats that "
        "may change how a value reads (a unit such as 万, another scale or currency, a strikethrough, a percent "
        "format) or hide it (a font colour, a format that shows nothing), more than the 1,000 the check looks through; ask the bidder to clear the conditional formats (Home > Conditional "
        "Formatting > Clear Rules) and save the workbook again")
    own = with_own_rule('<numFmt numFmtId="176" formatCode="0.00&quot;万元&quot;"/>', f"C{row}:D{row}")
    excel_2010 = with_parts(path, tmp_path / "own.xlsx", lambda parts: parts.update({  # the rule's own format
        "xl/worksheets/sheet1.xml": re.sub(rb"<conditionalFormatting .*</conditionalFormatting>", b"",
                                           parts["xl/worksheets/sheet1.xml"]).replace(b"</worksheet>",
                                                                                      own + b"</worksheet>"),
        "xl/styles.xml": re.sub(rb"<dxfs.*</dxfs>", b"", parts["xl/styles.xml"])}))
    assert str(the_problem(rubric, excel_2010)) == str(problem).replace(str(path), str(excel_2010))
    moved = with_parts(path, tmp_path / "elsewhere.xlsx", lambda parts: parts.update({
        "xl/worksheets/sheet1.xml": parts["xl/worksheets/sheet1.xml"].replace(
            f'sqref="C{row}:D{row}"'.encode(), f'sqref="D1:D{row} E1"'.encode())}))
    (bid,) = read_bids(rubric, [moved]).bids
    assert bid.values["total_price"] == 95


# -- a value drawn in its background's colour: nobody sees it (as ;;; above)

def write_inked_form(path: Path, field: str, look: dict[str, Any], rich: bool = False, **values: Any) -> Path:
    """A bid form (xlsxwriter) whose ``field`` cell is drawn with the format properties ``look``; ``rich``: its value
    written as rich text, its digits but the first in a run of ``look``; ``values`` replace the good bid's."""
    book = xlsxwriter.Workbook(path, {"strings_to_numbers": False, "strings_to_formulas": False})
    sheet = book.add_worksheet("Bid")
    for r, (name, value) in enumerate(good_bid(VENDOR_A, **{"similar_projects": 21, **values}).items()):
        sheet.write_string(r, 0, name)
        if name == field and rich:
            sheet.write_rich_string(r, 2, str(value)[0], book.add_format(look), str(value)[1:])
        else:
            sheet.write(r, 2, value, book.add_format(look) if name == field else None)
    book.close()
    return path


@pytest.mark.parametrize("look, rich, says", [
    ({"font_color": "#FFFFFF"}, False, "'21', stored in the cell but drawn in the colour of its background (font "
     "colour FFFFFF on no fill (the sheet's white)): nobody sees it on screen"),
    ({"num_format": "[White]General"}, False, "(the number format '[White]General' draws it in FFFFFF, on no fill"),
    ({"font_color": "#FFF2CC", "bg_color": "#FFF2CC"}, False, "(font colour FFF2CC on the fill FFF2CC)"),
    ({"num_format": "[Yellow]0", "bg_color": "#FFFF00"}, False, "draws it in FFFF00, on the fill FFFF00"),
    ({"font_color": "#FFFFFF"}, True, "'21', of which '1' is drawn in the colour of the cell's background (a run of "
     "its rich text in the colour FFFFFF, on no fill (the sheet's white)): nobody sees that part on screen"),
])
def test_a_value_drawn_in_its_background_s_colour_is_refused_at_its_cell(rubric, tmp_path, look, rich, says):
    """A tester's similar-projects count, blank on screen (white on white, [White]General, yellow on the answer
    cells' yellow) or shown as 2 with a white 1 after it, was read as 21."""
    path = write_inked_form(tmp_path / "form.xlsx", "similar_projects", look, rich)
    problem = the_problem(rubric, path)
    assert str(problem).startswith(f"{path}:Bid!C{list(good_bid(VENDOR_A)).index('similar_projects') + 1}: expected")
    assert says in str(problem)
    assert str(problem).endswith("(make the value visible, or clear it: ask the bidder to send the file again)"
                                 if not rich else "ask the bidder to send the file again)")
    assert "屏幕上看不到" in messages.render(problem, "zh")


@pytest.mark.parametrize("field, value, look, says", [
    ("sme", True, {"font_color": "#FFFFFF"}, "found 'TRUE', stored in the cell but drawn in the colour of its "
     "background (font colour FFFFFF on no fill (the sheet's white))"),
    ("similar_projects", -21, {"num_format": 38, "bg_color": "#FF0000"}, "found '-21', stored in the cell but drawn in "
     "the colour of its background (the number format '#,##0 ;[Red](#,##0)' draws it in FF0000, on the fill FF0000)"),
])
def test_a_boolean_or_a_built_in_format_s_red_in_its_background_s_colour_is_refused(rubric, tmp_path, field, value,
                                                                                  look, says):
    """A white TRUE was read while a white number was refused; Excel's built-in format 38, named by id alone, draws a
    negative number red: on a red fill nobody sees it."""
    problem = the_problem(rubric, write_inked_form(tmp_path / "form.xlsx", field, look, **{field: value}))
    assert str(problem).startswith(f"{tmp_path / 'form.xlsx'}:Bid!C{list(good_bid(VENDOR_A)).index(field) + 1}: ")
    assert says in str(problem)


@pytest.mark.parametrize("look", [{"font_color": "#FF0000"}, {"bg_color": "#FFFF00"},
                                  {"num_format": "[White]General", "bg_color": "#000000"},
                                  {"font_color": "#FFFFFF", "bg_color": "#C00000"}])
def test_a_coloured_value_that_shows_is_read(rubric, tmp_path, look):
    """Red on white, black on yellow, white on black or dark red: seen, read."""
    (bid,) = read_bids(rubric, [write_inked_form(tmp_path / "form.xlsx", "similar_projects", look)]).bids
    assert bid.values["similar_projects"] == 21
    (bid,) = read_bids(rubric, [write_inked_form(tmp_path / "form.xlsx", "sme", look, sme=True)]).bids
    assert bid.values["sme"] is True  # (a number format does not change how Excel writes TRUE)


def write_inked_by_rule(path: Path, field: str, rule: dict[str, Any], look: dict[str, Any], cells: str | None = None,
                     sheet_name: str = "Bid") -> Path:
    """A bid form (or, ``sheet_name`` Bids, a one-bid Bids sheet) whose ``field`` cell (or ``cells``) is under a
    conditional format of ``rule`` giving it ``look`` (a font colour, a fill)."""
    book = xlsxwriter.Workbook(path, {"strings_to_numbers": False, "strings_to_formulas": False})
    sheet = book.add_worksheet(sheet_name)
    values = good_bid(VENDOR_A)
    at = list(values).index(field)
    if sheet_name == "Bid":
        for r, (name, value) in enumerate(values.items()):
            sheet.write_string(r, 0, name)
            sheet.write(r, 2, value)
        where = f"C{at + 1}"
    else:
        for c, (name, value) in enumerate(values.items()):
            sheet.write_string(0, c, name)
            sheet.write(1, c, value)
        where = f"{chr(65 + at)}2"
    sheet.conditional_format(cells or where, {**rule, "format": book.add_format(look)})
    book.close()
    return path


_HOLDS = {"type": "cell", "criteria": ">=", "value": 0}  # true for every value of the form's cells
_UNKNOWN = {"type": "formula", "criteria": "=Lists!$A$1=1"}  # whether it holds is not worked out


@pytest.mark.parametrize("field, rule, look, sheet_name, says", [
    ("similar_projects", {"type": "cell", "criteria": "==", "value": 3}, {"font_color": "#FFFFFF"}, "Bid",
     "found '3', stored in the cell but drawn in the colour of its background (font colour FFFFFF on no fill (the "
     "sheet's white), by a conditional format (Home > Conditional Formatting) when its rule holds): nobody sees it"),
    ("rate_per_call", {"type": "formula", "criteria": "=TRUE"}, {"font_color": "#FFFFFF"}, "Bid", "found '0.85'"),
    ("rate_per_call", _UNKNOWN, {"font_color": "#FFFFFF"}, "Bid", "found '0.85'"),
    ("rate_per_call", _HOLDS, {"font_color": "#FFF2CC", "bg_color": "#FFF2CC"}, "Bid",
     "(font colour FFF2CC on the fill FFF2CC, by a conditional format"),
    ("rate_per_call", {"type": "formula", "criteria": "=TRUE"}, {"font_color": "#FFFFFF"}, "Bids", "found '0.85'"),
    ("similar_projects", _HOLDS, {"font_color": "#FFFFFF"}, "Bids", "found '3'"),
    ("vendor_name", _UNKNOWN, {"font_color": "#FFFFFF"}, "Bid", "found '北京示例客服有限公司', stored in the cell but "
     "drawn in the colour of its background (font colour FFFFFF"),
    ("sme", _UNKNOWN, {"font_color": "#FFFFFF"}, "Bids", "found '否', stored in the cell but drawn"),
])
def test_a_value_a_conditional_format_draws_in_its_background_s_colour_is_refused_at_its_cell(
        rubric, tmp_path, field, rule, look, sheet_name, says):
    """import15: a price or a count drawn white by a conditional format (a rule that holds, or one whose truth is not
    worked out) was read though nobody saw it; so was a text. Refused at its cell as a value in white ink is, the
    message saying a conditional format draws it."""
    path = write_inked_by_rule(tmp_path / "form.xlsx", field, rule, look, sheet_name=sheet_name)
    problem = the_problem(rubric, path)
    at = list(good_bid(VENDOR_A)).index(field)
    assert str(problem).startswith(f"{path}:{sheet_name}!" + (f"C{at + 1}: expected" if sheet_name == "Bid"
                                                              else f"{chr(65 + at)}2: expected"))
    assert says in str(problem)
    assert "nobody sees it on screen" in str(problem)
    assert "条件格式" in messages.render(problem, "zh")


def test_a_rule_that_leaves_the_value_seen_does_not_hide_a_white_one_after_it(rubric, tmp_path):
    """A red rule first over the price, a white one after it: Excel applies the one that holds; the white one is the
    one that may hide the value, whichever comes first."""
    at = list(good_bid(VENDOR_A)).index("rate_per_call")
    path = tmp_path / "form.xlsx"
    book = xlsxwriter.Workbook(path, {"strings_to_numbers": False, "strings_to_formulas": False})
    sheet = book.add_worksheet("Bid")
    for r, (name, value) in enumerate(good_bid(VENDOR_A).items()):
        sheet.write_string(r, 0, name)
        sheet.write(r, 2, value)
    for colour in ("#FF0000", "#FFFFFF"):
        sheet.conditional_format(f"C{at + 1}", {**_UNKNOWN, "format": book.add_format({"font_color": colour})})
    book.close()
    problem = the_problem(rubric, path)
    assert str(problem).startswith(f"{path}:Bid!C{at + 1}: expected") and "font colour FFFFFF" in str(problem)


def test_a_price_a_conditional_format_draws_white_stops_the_command_and_the_import(tmp_path):
    """The command line exits 2 writing nothing, and the app's import refuses the file at the cell, as for a price in
    white ink."""
    path = write_inked_by_rule(tmp_path / "bids.xlsx", "rate_per_call", _UNKNOWN, {"font_color": "#FFFFFF"},
                               sheet_name="Bids")
    cell = f"Bids!{chr(65 + list(good_bid(VENDOR_A)).index('rate_per_call'))}2"
    done = subprocess.run([sys.executable, "-m", "bideval", "evaluate", "--criteria", str(EXAMPLE_RUBRIC),
                           "--bids", str(path), "--json", str(tmp_path / "r.json")],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 2 and not (tmp_path / "r.json").exists()
    assert f"{cell}: expected" in done.stderr and "by a conditional format" in done.stderr
    store = Store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    tender = chair_tender(store, "T")
    report = store.import_bids(admin_of(store), tender, [(path.name, path.read_bytes())])
    (problem,) = report.refused[path.name]
    assert str(problem).startswith(f"{path.name}:{cell}: expected") and "nobody sees it on screen" in str(problem)


def test_a_score_a_conditional_format_draws_white_is_refused_at_its_cell(rubric, tmp_path):
    """A panel workbook alike: a judge's score nobody sees is no score to add up."""
    bidset = make_bidset(rubric, good_bid(VENDOR_A), good_bid(VENDOR_B))
    path = tmp_path / "panel.xlsx"
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet("Scores")
    for r, row in enumerate([["judge", "vendor_id", "criterion", "score", "comment"],
                             ["王评委", VENDOR_A, "service_design", 4, ""], ["王评委", VENDOR_B, "service_design", 3, ""]]):
        sheet.write_row(r, 0, row)
    sheet.conditional_format("D3", {**_HOLDS, "format": book.add_format({"font_color": "#FFFFFF"})})
    book.close()
    assert problems(lambda: read_panel(rubric, bidset.bids, [], [path])) == [
        f"{path}:Scores!D3: expected a number from 0 to 5, found '3', stored in the cell but drawn in the colour of its "
        "background (font colour FFFFFF on no fill (the sheet's white), by a conditional format (Home > Conditional "
        "Formatting) when its rule holds): nobody sees it on screen (make the value visible, or clear it: ask the "
        "panel secretary to send the file again)"]


def test_a_value_a_conditional_format_of_the_extension_list_draws_white_is_refused(rubric, tmp_path):
    """Excel 2010's rules carry their differential format themselves (<x14:dxf>)."""
    from crafted import changed

    at = list(good_bid(VENDOR_A)).index("rate_per_call") + 1
    plain = write_sheet(tmp_path / "plain.xlsx", "Bid", [[name, None, value] for name, value in good_bid().items()])
    path = changed(plain, tmp_path / "form.xlsx", "xl/worksheets/sheet1.xml", lambda xml: xml.replace(
        b"</worksheet>", with_own_rule('<font><color rgb="FFFFFFFF"/></font>', f"C{at}") + b"</worksheet>"))
    problem = the_problem(rubric, path)
    assert str(problem).startswith(f"{path}:Bid!C{at}: expected") and "found '0.85'" in str(problem)


@pytest.mark.parametrize("rule, look, cells", [
    (_HOLDS, {"font_color": "#FF0000"}, None),  # red on white: seen
    (_HOLDS, {"font_color": "#FFFFFF", "bg_color": "#C00000"}, None),  # white on dark red: seen
    (_HOLDS, {"bg_color": "#FFF2CC"}, None),  # a yellow fill under black: seen
    (_HOLDS, {"font_color": "#FFFFFF"}, "D1:D20"),  # a rule over the notes beside the answers, not over them
    ({"type": "blanks"}, {"font_color": "#FFFFFF"}, None),  # holds only for an empty cell: draws no value
    ({"type": "errors"}, {"font_color": "#FFFFFF"}, None),  # only for an error (refused as such): the #N/A blanked out
])
def test_a_conditional_format_that_leaves_the_value_seen_is_read(rubric, tmp_path, rule, look, cells):
    for field, value in (("similar_projects", 3), ("rate_per_call", Decimal("0.85")), ("vendor_name", "北京示例客服有限公司")):
        (bid,) = read_bids(rubric, [write_inked_by_rule(tmp_path / "form.xlsx", field, rule, look, cells)]).bids
        assert bid.values[field] == value


def _worksheet_reads(monkeypatch) -> list[str]:
    """The worksheets the package check reads whole again (with ZipFile.read) from now on."""
    read: list[str] = []
    real = zipfile.ZipFile.read
    monkeypatch.setattr(zipfile.ZipFile, "read", lambda self, name, *a: (
        read.append(name) if getattr(name, "filename", name) == SHEET else None) or real(self, name, *a))
    return read


@pytest.mark.parametrize("differential, read_again, refused", [
    (None, False, False),  # the template's own: a yellow fill for an answer missing
    ('<fill><patternFill><bgColor rgb="FFFFF2CC"/></patternFill></fill>', False, False),  # yellow under black: seen
    ('<font><color rgb="FFFF0000"/></font>', False, False),  # a red font on any fill the styles give: seen
    ('<font><color rgb="FFFFFFFF"/></font>', True, False),  # white: looked at, seen on the answer cells' yellow
    ('<font><color rgb="FFFFF2CC"/></font>', True, True),  # the answer cells' yellow: refused at each
])
def test_a_template_made_form_s_rules_that_cannot_hide_a_value_cost_no_second_read(rubric, tmp_path, monkeypatch,
                                                                                    differential, read_again, refused):
    """cf15: a form made by `python -m bideval template` carries a conditional format on each required answer (a
    yellow fill while it is empty); since import15 its worksheet had been read again for it, though a fill under
    black text hides nothing (0.08 ms more per form), whatever the rule's type. A rule whose colours may hide a value
    is still looked at."""
    from bideval.template import write_bid_form

    path = tmp_path / "form.xlsx"
    write_bid_form(rubric, path)
    book = openpyxl.load_workbook(path)  # filled as a bidder's program saves it, the conditional formats kept
    sheet = book["Bid"]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value in good_bid(VENDOR_A):
            row[2].value = good_bid(VENDOR_A)[row[0].value]
    book.save(path)
    if differential is not None:  # the template's rules of another type (whether it holds is not worked out)
        with_parts(path, path, lambda parts: parts.update({
            "xl/styles.xml": re.sub(rb"<dxf>.*</dxf>", b"<dxf>" + differential.encode() + b"</dxf>",
                                    parts["xl/styles.xml"]),
            SHEET: parts[SHEET].replace(b'type="containsBlanks"', b'type="expression"')}))
    ruled = re.findall(rb'<conditionalFormatting sqref="C([0-9]+)"', zipfile.ZipFile(path).read(SHEET))
    assert len(ruled) == sum(field.required for field in rubric.bid_fields) > 1
    read = _worksheet_reads(monkeypatch)
    problems, notes = scan_xlsx(path.read_bytes(), "form.xlsx", "CNY")
    assert problems == [] and bool(read) == read_again
    assert set(notes.errors.get("Bid", {})) == ({(int(row) - 1, 2) for row in ruled} if refused else set())
    monkeypatch.undo()
    if not refused:
        (bid,) = read_bids(rubric, [path]).bids
        assert bid.values == make_bid(rubric, good_bid(VENDOR_A)).values


def test_many_ranges_of_a_conditional_format_that_cannot_hide_a_value_are_read(rubric, tmp_path):
    """The 1,000 ranges a sheet's conditional formats may cover are those of formats that may show a value otherwise
    (a unit, struck through, drawn in its background's colour): 1,001 ranges of a yellow fill under black text had
    been refused as formats writing a unit or striking through, though they do neither (import15; read before)."""
    from crafted import changed

    at = list(good_bid(VENDOR_A)).index("rate_per_call") + 1
    many = " ".join(f"F{row}" for row in range(1, 1001))
    for look, refused in (({"bg_color": "#FFF2CC"}, False), ({"font_color": "#FFFFFF"}, True)):
        path = changed(write_inked_by_rule(tmp_path / "form.xlsx", "rate_per_call", _HOLDS, look), tmp_path / "many.xlsx",
                       SHEET, lambda xml: xml.replace(f'sqref="C{at}"'.encode(), f'sqref="{many} C{at}"'.encode()))
        if refused:
            assert "has 1,001 ranges under conditional formats" in str(the_problem(rubric, path))
        else:
            (bid,) = read_bids(rubric, [path]).bids
            assert bid.values["rate_per_call"] == Decimal("0.85")


@pytest.mark.parametrize("field, look, says", [
    ("rate_per_call", {"num_format": "[White]General"}, "found '0.85', stored in the cell but drawn in the colour of its "
     "background (the number format '[White]General' draws it in FFFFFF, on no fill (the sheet's white), by a "
     "conditional format (Home > Conditional Formatting) when its rule holds): nobody sees it on screen"),
    ("vendor_name", {"num_format": "[Color2]0.00"}, "found '北京示例客服有限公司', stored in the cell but drawn in the "
     "colour of its background (the number format '[Color2]0.00' draws it in FFFFFF, on no fill"),
    ("similar_projects", {"num_format": "[Red]0", "bg_color": "#FF0000"}, "found '3', stored in the cell but drawn in "
     "the colour of its background (the number format '[Red]0' draws it in FF0000, on the fill FF0000, by a "
     "conditional format"),
])
def test_a_value_a_conditional_format_s_number_format_draws_in_its_background_s_colour_is_refused(
        rubric, tmp_path, field, look, says):
    """dxfink: a rule's own number format naming a colour ([White]General, [Color2], red on the rule's red fill) drew
    the value unseen while it was read; decided as a cell format's [White] is."""
    path = write_inked_by_rule(tmp_path / "form.xlsx", field, _UNKNOWN, look)
    problem = the_problem(rubric, path)
    assert str(problem).startswith(f"{path}:Bid!C{list(good_bid(VENDOR_A)).index(field) + 1}: expected")
    assert says in str(problem)


def test_a_conditional_format_s_number_format_drawing_white_on_its_dark_fill_is_read(rubric, tmp_path):
    """[White]0.00 on the rule's black fill is seen: it had been refused as black (the cell's font) on black."""
    for field, value in (("rate_per_call", Decimal("0.85")), ("vendor_name", "北京示例客服有限公司")):
        path = write_inked_by_rule(tmp_path / "form.xlsx", field, _UNKNOWN,
                                   {"num_format": "[White]0.00", "bg_color": "#000000"})
        (bid,) = read_bids(rubric, [path]).bids
        assert bid.values[field] == value


def test_a_cell_s_own_colour_naming_format_under_a_rule_s_fill_of_that_colour_is_refused(rubric, tmp_path):
    """[White]0.00 on the cell's black fill is seen; a rule's white fill over it hides it (dxfink: read, the cell's
    font, black, having been compared with the rule's fill, not the colour its number format draws in)."""
    at = list(good_bid(VENDOR_A)).index("rate_per_call") + 1
    for fill, refused in (("#FFFFFF", True), ("#FFFF00", False)):
        path = tmp_path / "form.xlsx"
        book = xlsxwriter.Workbook(path, {"strings_to_numbers": False, "strings_to_formulas": False})
        sheet = book.add_worksheet("Bid")
        own = book.add_format({"num_format": "[White]0.00", "bg_color": "#000000"})
        for r, (name, value) in enumerate(good_bid(VENDOR_A).items()):
            sheet.write_string(r, 0, name)
            sheet.write(r, 2, value, own if name == "rate_per_call" else None)
        sheet.conditional_format(f"C{at}", {**_UNKNOWN, "format": book.add_format({"bg_color": fill})})
        book.close()
        if refused:
            assert str(the_problem(rubric, path)).startswith(
                f"{path}:Bid!C{at}: expected an amount in yuan, 0 or more, found '0.85', stored in the cell but drawn in "
                "the colour of its background (the number format '[White]0.00' draws it in FFFFFF, on the fill FFFFFF, "
                "by a conditional format")
        else:
            (bid,) = read_bids(rubric, [path]).bids
            assert bid.values["rate_per_call"] == Decimal("0.85")


@pytest.mark.parametrize("by_rule", [False, True])
def test_a_nan_drawn_white_is_refused_at_its_cell_not_a_traceback(rubric, tmp_path, by_rule):
    """<v>NaN</v> (no spreadsheet program saves it, a crafted file may) in a white cell: comparing it with 0 to find its
    section had raised InvalidOperation, a traceback (dxfink: the cell format's, and now a rule's, decided by the same
    rule)."""
    from crafted import changed

    at = list(good_bid(VENDOR_A)).index("rate_per_call") + 1
    white = {"font_color": "#FFFFFF"}
    form = write_inked_by_rule(tmp_path / "white.xlsx", "rate_per_call", _UNKNOWN, white) if by_rule \
        else write_inked_form(tmp_path / "white.xlsx", "rate_per_call", white)
    path = changed(form, tmp_path / "form.xlsx", SHEET, lambda xml: re.sub(
        rb'(<c r="C%d"[^>]*>)<v>[^<]*</v>' % at, rb"\1<v>NaN</v>", xml))
    problem = str(the_problem(rubric, path))
    assert problem.startswith(f"{path}:Bid!C{at}: expected") and "drawn in the colour of its background" in problem


def test_a_nan_after_an_empty_cell_under_the_same_white_rule_is_refused(rubric, tmp_path):
    """Which rules hide a cell is remembered by its format, kind and sign: an empty number cell (B10) before the NaN,
    in the same format, had stood for it."""
    from crafted import changed

    at = list(good_bid(VENDOR_A)).index("rate_per_call") + 1
    form = write_inked_by_rule(tmp_path / "white.xlsx", "rate_per_call", _UNKNOWN, {"font_color": "#FFFFFF"},
                               cells=f"B{at}:C{at}")
    path = changed(form, tmp_path / "form.xlsx", SHEET, lambda xml: re.sub(
        rb'(<c r="C%d"[^>]*>)<v>[^<]*</v>' % at, rb'<c r="B%d"/>\1<v>NaN</v>' % at, xml))
    problem = str(the_problem(rubric, path))
    assert problem.startswith(f"{path}:Bid!C{at}: expected") and "drawn in the colour of its background" in problem


def _form_with_rules(path: Path, rules: list[tuple[str, dict[str, Any]]]) -> Path:
    """A bid form with a heading drawn white on blue beside it (E1), and conditional formats (each a range and the
    look its rule of unknown truth gives), in order."""
    book = xlsxwriter.Workbook(path, {"strings_to_numbers": False, "strings_to_formulas": False})
    sheet = book.add_worksheet("Bid")
    for r, (name, value) in enumerate(good_bid(VENDOR_A).items()):
        sheet.write_string(r, 0, name)
        sheet.write(r, 2, value)
    sheet.write_string(0, 4, "Notes", book.add_format({"font_color": "#FFFFFF", "bg_color": "#1F4E79"}))
    for cells, look in rules:
        sheet.conditional_format(cells, {**_UNKNOWN, "format": book.add_format(look)})
    book.close()
    return path


@pytest.mark.parametrize("field, first, then, says", [
    # a white fill (which hides the heading's white text) first, a white font after it: over the same range, or a
    # wider range first
    ("rate_per_call", (None, {"bg_color": "#FFFFFF"}), (None, {"font_color": "#FFFFFF"}), "font colour FFFFFF"),
    ("rate_per_call", ("C1:C20", {"bg_color": "#FFFFFF"}), (None, {"font_color": "#FFFFFF"}), "font colour FFFFFF"),
    # a unit a text is shown as it is through first, ;;; after it
    ("vendor_name", (None, {"num_format": '0.00"万元"'}), (None, {"num_format": ";;;"}),
     "shown as nothing through the number format ';;;'"),
    ("vendor_name", ("C1:C20", {"num_format": '0.00"万元"'}), (None, {"num_format": ";;;"}),
     "shown as nothing through the number format ';;;'"),
])
def test_a_rule_that_hides_the_value_is_found_wherever_it_stands_among_the_rules(rubric, tmp_path, field, first, then,
                                                                                 says):
    """dxfink: where several rules (of one range, or of ranges over one another) could draw the same cell, only the
    first range's first such rule had been compared: a white font after a white fill, or ;;; after a unit that shows a
    text as it is, was read though nobody saw the value. Which rule Excel applies (priority) is not worked out: any
    rule that may hide the value counts."""
    at = f"C{list(good_bid(VENDOR_A)).index(field) + 1}"
    path = _form_with_rules(tmp_path / "form.xlsx", [(cells or at, look) for cells, look in (first, then)])
    # (a unit over the column refuses the numbers there too: the text's cell is the one looked at)
    (problem,) = [said for said in problems(lambda: read_bids(rubric, [path])) if said.startswith(f"{path}:Bid!{at}:")]
    assert says in problem


def test_rules_that_leave_the_value_seen_are_read_whatever_their_order(rubric, tmp_path):
    """The white fill hides only white text; a red font nothing: the price in black is read."""
    path = _form_with_rules(tmp_path / "form.xlsx", [("C1:C20", {"bg_color": "#FFFFFF"}),
                                                     ("C1:C20", {"font_color": "#FF0000"})])
    (bid,) = read_bids(rubric, [path]).bids
    assert bid.values["rate_per_call"] == Decimal("0.85")


def _with_own_rules(tmp_path: Path, differential: str | list[str], sqref: str, kind: str = "expression") -> Path:
    """A bid form whose sheet carries Excel 2010 rules of the type ``kind`` with their own differential formats."""
    from crafted import changed

    plain = write_sheet(tmp_path / "plain.xlsx", "Bid", [[name, None, value] for name, value in good_bid().items()])
    return changed(plain, tmp_path / "form.xlsx", SHEET, lambda xml: xml.replace(
        b"</worksheet>", with_own_rule(differential, sqref, kind) + b"</worksheet>"))


_YELLOW = '<fill><patternFill><bgColor rgb="FFFFF2CC"/></patternFill></fill>'


def test_an_extension_list_rule_s_own_number_format_drawing_white_is_refused(rubric, tmp_path):
    at = list(good_bid(VENDOR_A)).index("rate_per_call") + 1
    path = _with_own_rules(tmp_path, [_YELLOW, '<numFmt numFmtId="164" formatCode="[White]General"/>'], f"C{at}")
    problem = the_problem(rubric, path)
    assert str(problem).startswith(f"{path}:Bid!C{at}: expected") and "found '0.85'" in str(problem)
    assert "the number format '[White]General' draws it in FFFFFF" in str(problem)


@pytest.mark.parametrize("differential, kind", [
    (_YELLOW, "expression"),  # a yellow fill under black text: seen
    ('<font><color rgb="FFFFFFFF"/></font>', "containsBlanks"),  # white, but only for an empty cell
])
def test_an_extension_list_rule_that_cannot_hide_a_value_costs_no_second_read(rubric, tmp_path, monkeypatch,
                                                                              differential, kind):
    """dxfink: an Excel 2010 rule carrying its own format had the worksheet read again whatever it did, and an empty
    cell's white font was taken for a value's; its ranges counted towards the 1,000 a sheet may have (1,001 of a yellow
    fill were refused). Now it is filtered as the styles' rules are."""
    at = list(good_bid(VENDOR_A)).index("rate_per_call") + 1
    path = _with_own_rules(tmp_path, differential, f"C{at}", kind)
    read = _worksheet_reads(monkeypatch)
    problems, notes = scan_xlsx(path.read_bytes(), "form.xlsx", "CNY")
    assert problems == [] and notes.errors == {} and (read == [] or kind == "containsBlanks")
    monkeypatch.undo()
    (bid,) = read_bids(rubric, [path]).bids
    assert bid.values == make_bid(rubric, good_bid(VENDOR_A)).values
    many = _with_own_rules(tmp_path, differential, " ".join(f"F{row}" for row in range(1, 1001)) + f" C{at}", kind)
    (bid,) = read_bids(rubric, [many]).bids
    assert bid.values == make_bid(rubric, good_bid(VENDOR_A)).values


def test_too_many_different_looks_of_conditional_formats_are_refused(rubric, tmp_path):
    """Each distinct unit or colour a rule may show a cell through is compared at every cell of its ranges: a sheet
    with more than 64 is refused whole, as one with more than 1,000 ranges is."""
    codes = [f'<numFmt numFmtId="{164 + n}" formatCode="[White]0.{"0" * n}"/>' for n in range(65)]
    path = _with_own_rules(tmp_path, codes, "C1:C20")
    assert "has conditional formats with 65 different units or colours that may hide or change its values, more " \
        "than the 64 the check compares at each cell" in str(the_problem(rubric, path))
    told = problems(lambda: read_bids(rubric, [_with_own_rules(tmp_path, codes[:64], "C1:C20")]))
    assert told and all("drawn in the colour of its background" in said for said in told)  # 64: each cell refused
    units = [f'<numFmt numFmtId="{164 + n}" formatCode="[&gt;100000000]0.{"0" * n}&quot;万&quot;;General"/>'
             for n in range(9)]  # (each compared with every number: 8 at most)
    assert "has conditional formats with 9 different units or colours that may hide or change its values, more " \
        "than the 8 the check compares at each cell" in str(the_problem(rubric, _with_own_rules(tmp_path, units,
                                                                                               "C1:C20")))
    (bid,) = read_bids(rubric, [_with_own_rules(tmp_path, units[:8], "C30:C40")]).bids  # (over no answer)
    assert bid.values == make_bid(rubric, good_bid(VENDOR_A)).values


def test_a_white_run_of_an_inline_string_is_refused_too(rubric, tmp_path):
    """openpyxl saves rich text in the cell (an inline string), not in the shared strings: 2 and a white 1 there."""
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Bid"
    for r, (name, value) in enumerate(good_bid(VENDOR_A).items(), 1):
        sheet.cell(r, 1, name)
        sheet.cell(r, 3, CellRichText(["2", TextBlock(InlineFont(color="FFFFFFFF"), "1")])
                   if name == "similar_projects" else value)
    book.save(tmp_path / "form.xlsx")
    problem = the_problem(rubric, tmp_path / "form.xlsx")
    assert f"Bid!C{list(good_bid(VENDOR_A)).index('similar_projects') + 1}: expected" in str(problem)
    assert "found '21', of which '1' is drawn in the colour of the cell's background" in str(problem)


@pytest.mark.parametrize("field, style, rule, says", [
    ("business_license", {"num_format": '"是";"是";"否"'}, None, None),  # conform14: 1 shown as 是 is read as yes
    ("business_license", {"num_format": '"是";"是";"否"', "font_color": "#FFFFFF"}, None, "nobody sees it on screen"),
    ("business_license", {"num_format": '[White]"是";"是";"否"'}, None, "nobody sees it on screen"),
    ("business_license", {"num_format": '"是";"是";"否"'}, {"num_format": '"否"'}, "the sheet shows '否', not the 1 stored"),
    ("registered_capital", {"num_format": '0.00"万元"'}, None, None),  # conform12: 1 shown as 1.00万元 in 万元 is read
    ("registered_capital", {"num_format": '0.00"万元"', "font_color": "#FFFFFF"}, None, "nobody sees it on screen"),
    ("registered_capital", {"num_format": '0.00"万元"'}, {"num_format": '"800"'}, "the sheet shows '800', not the 1"),
])
def test_a_number_read_as_its_format_shows_it_is_read_only_where_the_sheet_shows_it(rubric, tmp_path, field, style,
                                                                                    rule, says):
    """verify14: the 是 (or 1.00万元) drawn white, by the font or the format's colour, or under a conditional format
    showing 否 (800) over it, was read: the cell's own format was the only note of it, and that one is read."""
    path = tmp_path / "form.xlsx"
    book = xlsxwriter.Workbook(path, {"strings_to_numbers": False, "strings_to_formulas": False})
    sheet = book.add_worksheet("Bid")
    for r, (name, value) in enumerate(good_bid(VENDOR_A).items()):
        sheet.write_string(r, 0, name)
        sheet.write(r, 2, 1 if name == field else value, book.add_format(style) if name == field else None)
        if name == field and rule is not None:
            sheet.conditional_format(r, 2, r, 2, {"type": "cell", "criteria": "==", "value": 1,
                                                  "format": book.add_format(rule)})
    book.close()
    if says is None:
        assert read_bids(rubric, [path]).bids[0].values[field] == 1
    else:
        assert says in str(the_problem(rubric, path))
