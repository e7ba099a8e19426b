"""Finding the workbooks of a folder: what is read, and what is told rather than passed over."""
import zipfile
from pathlib import Path

import pytest

from bideval.panel import PANEL_SHEETS
from bideval.sheets import BID_SHEETS, expand_paths
from conftest import VENDOR_A, good_bid, write_form, write_xlsx

ZIP_TOLD = "this archive holds 1 Excel workbook ({}), which is not read: an archive in the folder is not opened; " \
           "extract it into the folder, and move the archive out of it"
NOT_OPENED = "this is an archive ({}), which bid-eval does not open, so no workbook in it is read: extract any " \
             "workbook it holds into the folder, and move the archive out of it"


def _zip(path: Path, entries: dict[str, bytes], utf8: bool = True) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in entries.items():  # (a name in GBK is written as Xs of its length, then put in place)
            archive.writestr("X" * len(name.encode("gbk")) if not utf8 else name, data)
    if not utf8:  # as a Chinese Windows zips a file: its name in GBK, not marked UTF-8
        content = path.read_bytes()
        for name in entries:
            content = content.replace(b"X" * len(name.encode("gbk")), name.encode("gbk"))
        path.write_bytes(content)
    return path


@pytest.mark.parametrize("archive, entry, sheets, told", [
    ("jiahe.zip", "jiahe.xlsx", BID_SHEETS, ZIP_TOLD.format("jiahe.xlsx")),
    ("jiahe.xlsx.zip", "嘉禾/jiahe.xlsx", BID_SHEETS, ZIP_TOLD.format("嘉禾/jiahe.xlsx")),
    ("陈评委.zip", "陈评委.xlsx", PANEL_SHEETS, ZIP_TOLD.format("陈评委.xlsx")),
    ("old.zip", "jiahe.xls", BID_SHEETS, ZIP_TOLD.format("jiahe.xls")),
    ("附件.zip", "人员清单.xlsx", BID_SHEETS, None),  # an attachment, no Bid sheet in it
    ("附件.zip", "licence.pdf", BID_SHEETS, None),
    ("mac.zip", "__MACOSX/._jiahe.xlsx", BID_SHEETS, None),
])
def test_a_zip_holding_a_workbook_in_a_folder_is_told_not_passed_over(tmp_path: Path, archive, entry, sheets, told):
    """A bid form or a judge's sheet that arrived zipped and was saved as it came was passed over: a bid lost, or a
    panel said final with four judges of five (hostile10 H10-9). Only the zip's directory, and a small listed
    workbook's sheet names, are read; a zip of attachments is left alone, as a folder of them is."""
    folder = tmp_path / "in"
    folder.mkdir()
    write_form(folder / "a.xlsx", good_bid(VENDOR_A))
    if entry.endswith(".xlsx") and "人员" not in entry:
        content = (write_xlsx(tmp_path / "s.xlsx", {"Scores": [["judge"]]}) if sheets is PANEL_SHEETS
                   else write_form(tmp_path / "s.xlsx", good_bid(VENDOR_A))).read_bytes()
    elif entry.endswith(".xlsx"):
        content = write_xlsx(tmp_path / "s.xlsx", {"人员": [["姓名", "岗位"]]}).read_bytes()
    else:
        content = b"%PDF-1.4" if entry.endswith(".pdf") else b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    _zip(folder / archive, {entry: content}, utf8=not entry.startswith("嘉禾"))
    files, problems = expand_paths([folder], sheets)
    assert files == [folder / "a.xlsx"]
    assert [str(p) for p in problems] == ([] if told is None else [f"{folder / archive}: {told}"])


@pytest.mark.parametrize("name, head, kind", [
    ("jiahe.7z", b"7z\xbc\xaf\x27\x1c\x00\x04", "7z"),
    ("jiahe.rar", b"Rar!\x1a\x07\x01\x00", "rar"),
    ("jiahe", b"Rar!\x1a\x07\x00", "rar"),  # saved without its extension
    ("jiahe.zip", b"not a zip at all", "zip"),
    ("readme.txt", b"see the forms", None),
])
def test_an_archive_bid_eval_does_not_open_is_told(tmp_path: Path, name, head, kind):
    """A .7z or .rar in the folder was passed over, whatever it held: its directory is not read, so it is told."""
    write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A))
    (tmp_path / name).write_bytes(head + bytes(300))
    files, problems = expand_paths([tmp_path])
    assert files == [tmp_path / "a.xlsx"]
    assert [str(p) for p in problems] == ([] if kind is None else [f"{tmp_path / name}: {NOT_OPENED.format(kind)}"])
