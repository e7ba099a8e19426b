"""Rows hidden in Excel: the package check notes them in both its scans, whatever the spelling."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from bideval.xlsx_guard import scan_xlsx
from conftest import write_consolidated

SHEET = "xl/worksheets/sheet1.xml"


def rows_xml(second_row: str, late_r: bool = False) -> bytes:
    """A worksheet of three rows (A1, A2, A3 each holding text); ``second_row`` is row 2's start tag. With
    ``late_r`` a cell's ``r`` is not its first attribute, which sends the sheet to the exact scan."""
    cell = '<c t="inlineStr" r="A{0}">' if late_r else '<c r="A{0}" t="inlineStr">'
    body = "".join(f"{tag}{cell.format(n)}<is><t>{n}</t></is></c></row>"
                   for n, tag in ((1, '<row r="1">'), (2, second_row), (3, '<row r="3">')))
    return (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats'
            b'.org/spreadsheetml/2006/main"><sheetData>' + body.encode() + b"</sheetData></worksheet>")


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
])
def test_the_guard_notes_hidden_rows_in_both_scans(tmp_path: Path, tag: str, hidden: bool) -> None:
    source = write_consolidated(tmp_path / "source.xlsx", ["x"], [["y"]])
    expected = {"Bids": frozenset({2})} if hidden else {}
    for markup, xml in (("as written", rows_xml(tag)), ("late r", rows_xml(tag, late_r=True)),
                        ("prefixed", prefixed(rows_xml(tag)))):
        path = tmp_path / f"{markup}.xlsx"
        with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
            for info in old.infolist():
                new.writestr(info.filename, xml if info.filename == SHEET else old.read(info))
        problems, notes = scan_xlsx(path)
        assert problems == [] and notes.hidden_rows == expected, markup
