"""Which number formats show a bid's number as another than the one stored, and are refused at the cell.

One workbook holds every case, a number in column B through the format named in column A; the package check reads it
once, as a bid workbook (the tender's currency given), and notes what stands for each refused cell.
"""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
import xlsxwriter

from bideval.cell_errors import (ConstantFormat, DividedFormat, HiddenByFormat, ScaleWordFormat,
                                 ShownNumber)
from bideval.sheet_notes import SheetNotes
from bideval.xlsx_guard import scan_xlsx

ACCOUNTING = '_-¥* #,##0.00_-;-¥* #,##0.00_-;_-¥* "-"??_-;_-@_-'

REFUSED = [  # (format, number stored, what stands for the cell, what the sheet shows)
    ("#,##0,", 15500, DividedFormat, "16"),  # a comma after the last digit: divided by 1,000
    ("#,##0.00,", 15500, DividedFormat, "15.50"),
    ("0.0,,", 2472000, DividedFormat, "2.5"),  # two commas: by 1,000,000
    ("0,.00", 15500, DividedFormat, "15.50"),
    ('"1,980,000"', 990000, ConstantFormat, "1,980,000"),  # no digit placeholder: a constant
    ('"15.5"', 14, ConstantFormat, "15.5"),
    ('"否"', 1, ConstantFormat, "否"),  # 1 (yes) shown as 否
    ('"是"', 0, ConstantFormat, "是"),  # 0 (no) shown as 是
    ('0;-0;"是"', 0, ConstantFormat, "是"),
    ('0;"负数"', -1, ConstantFormat, "负数"),
    ('"-"', 5, ConstantFormat, "-"),
    ('[>100]0;"小"', 5, ConstantFormat, "小"),  # with conditions, any section showing another number
    (";0;0", 5, HiddenByFormat, ""),  # the positive section empty: 5 is shown as nothing
    ('0.0"W"', 247.2, ScaleWordFormat, "247.2W"),  # W, the colloquial 万
    ("0\\w", 247, ScaleWordFormat, "247w"),
]

READ = [  # (format, number stored): the sheet shows that number
    ("General", 1728000), ("0", 7), ("0.00", 0.85), ("#,##0", 1728000), ("#,##0.00", 1728000),
    ("¥#,##0.00", 1728000), (ACCOUNTING, 1728000), (ACCOUNTING, 0), ("0.00_ ", 0.85), ("[Red]0.00", 0.85),
    ("[Red]#,##0;[Blue]-#,##0", 5), ("[>100]0;0.00", 5), ('0;-0;"-"', 0), ('0;-0;"-"', 5), ('#,##0;-#,##0;"零"', 0),
    ('_(* #,##0_);_(* (#,##0);_(* "-"_);_(@_)', 0), ('"-"', 0), ('"否"', 0), ("yyyy-mm-dd", 45306),
    ("mmm d, yyyy", 45306), ("[h]:mm", 1.5), ("# ?/?", 1.5), ("0.00E+00", 1728000), ("[DBNum1]General", 7),
    ('0.0"kW"', 2.5), ('0" months"', 7), ("0.00;-0.00;;@", 0.85),
    # a bid workbook's percent formats: right in a percent field (0.96 is the 96 % meant), so only noted, for the
    # reader to refuse over a price, a number or a count
    ("0%", 0.07), ("0.00%", 24720), ("#,##0.0%", 0.07), ("[Red]0%;-0%", 0.07),
]


@pytest.fixture(scope="module")
def notes(tmp_path_factory) -> SheetNotes:
    """What the package check notes of a workbook holding every case, row by row: REFUSED, then READ."""
    path = tmp_path_factory.mktemp("formats") / "formats.xlsx"
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet("Bid")
    for row, (number_format, number, *_) in enumerate(REFUSED + READ):
        sheet.write_string(row, 0, number_format)
        sheet.write_number(row, 1, number, book.add_format({"num_format": number_format}))
    book.close()
    problems, notes = scan_xlsx(Path(path), currency="CNY")
    assert problems == []
    return notes


@pytest.fixture(scope="module")
def noted(notes) -> dict[tuple[int, int], object]:
    """What stands for each refused cell."""
    return dict(notes.errors.get("Bid", {}))


def test_a_bid_sheets_formatted_cells_are_noted_for_its_reader(notes):
    """Each number shown through a number format other than General is noted with its format (by its cell format's
    index), for the reader to refuse a percentage in a price, a number or a count, and to read a text or a choice as
    the sheet shows it."""
    noted = notes.formatted["Bid"]
    cells = [re.fullmatch(rb"([0-9]+)([A-Z]+)([0-9]+)", cell).groups() for cell in noted.cells.split()]
    assert [(noted.formats[index.decode()], letters, int(row) - 1) for index, letters, row in cells] == [
        (number_format, b"B", row) for row, (number_format, *_) in enumerate(REFUSED + READ)
        if number_format != "General"]


@pytest.mark.parametrize("row, number_format, number, kind, shown",
                         [(row, *case) for row, case in enumerate(REFUSED)])
def test_a_format_showing_another_number_is_refused(noted, row, number_format, number, kind, shown):
    held = noted.get((row, 1))
    assert type(held) is kind and isinstance(held, ShownNumber)
    assert (held.format, held.shown) == (number_format, shown)


@pytest.mark.parametrize("row, number_format, number",
                         [(row, *case) for row, case in enumerate(READ, start=len(REFUSED))])
def test_a_format_showing_the_number_is_read(noted, row, number_format, number):
    assert (row, 1) not in noted


@pytest.mark.parametrize("number, number_format, shown", [
    ("10", "000", "010"), ("0.5", "0%", "50%"), ("1234.5", "#,##0.00", "1,234.50"), ("2.5", "0", "3"),
    ("-2.5", "0", "-3"), ("-3", "000", "-003"), ("0.125", "0.0%", "12.5%"), ("0.30000000000000004", "0.00", "0.30"),
    ("1234567", "#,##0", "1,234,567"), ("-1234567.5", "#,##0", "-1,234,568"), ("-0.005", "0%", "-1%"),
    ("-0.2", "0", None), ("10", "0.0E+00", None), ("10", '000" 号"', None),
    # Chinese Excel's 数值 formats end in a blank width (review6 R6-2); a sectioned format shows a number ≥ 0 by its own
    ("12", "0_ ", "12"), ("1234.5", "#,##0.00_ ", "1,234.50"), ("5", "0.00_);[Red]\\(0.00\\)", "5.00"),
    ("-5", "0.00_);[Red]\\(0.00\\)", None), ("0", "0;-0;000", "000"),
    # Excel's built-in 37 and 38 end their first section in a space written as such (hostile8 H8-a: was refused)
    ("5", "#,##0 ;(#,##0)", "5"), ("1234", "#,##0 ;[Red](#,##0)", "1,234"), ("-5", "#,##0 ;(#,##0)", None),
    # more digits than Decimal's default 28 (review6 R6-1: was a traceback)
    ("123456789012345", "0." + "0" * 14, "123456789012345." + "0" * 14),
    ("12345678901234.5", "0." + "0" * 14 + "%", "1234567890123450." + "0" * 14 + "%"),
])
def test_a_number_reads_as_excel_shows_it_through_its_format(number, number_format, shown):
    from bideval.number_formats import excel_text

    assert excel_text(Decimal(number), number_format) == shown
