"""Finding the workbooks of a folder: what is read, and what is told rather than passed over."""
import zipfile
from pathlib import Path

import pytest

from bideval.panel import PANEL_SHEETS
from bideval.sheets import BID_SHEETS, expand_paths
from conftest import VENDOR_A, good_bid, write_form, write_xlsx, zip_bytes

ZIP_TOLD = "this archive holds 1 Excel workbook ({}), which is not read: an archive in the folder is not opened; " \
           "extract it into the folder, and move the archive out of it"
NOT_OPENED = "this is an archive ({}), which bid-eval does not open, so no workbook in it is read: check that it " \
             "holds no bid form or score sheet (scanned attachments only); if it does, extract that workbook into " \
             "the folder"


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
    ("old.zip", "jiahe.xls", BID_SHEETS, ZIP_TOLD.format("jiahe.xls").replace(
        "folder,", "folder; save a workbook that is not .xlsx (.xls) as .xlsx,")),
    ("附件.zip", "人员清单.xlsx", BID_SHEETS, None),  # an attachment, no Bid sheet in it: warned of, not refused
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
    files, problems = expand_paths([folder], sheets, [])
    assert files == [folder / "a.xlsx"]
    assert [str(p) for p in problems] == ([] if told is None else [f"{folder / archive}: {told}"])


@pytest.mark.parametrize("name, head, kind", [
    ("jiahe.7z", b"7z\xbc\xaf\x27\x1c\x00\x04", "7z"),
    ("jiahe.rar", b"Rar!\x1a\x07\x01\x00", "rar"),
    ("jiahe", b"Rar!\x1a\x07\x00", "rar"),  # saved without its extension
    ("jiahe.zip", b"not a zip at all", "zip"),
    ("readme.txt", b"see the forms", None),
])
def test_an_archive_bid_eval_does_not_open_is_warned_of(tmp_path: Path, name, head, kind):
    """A .7z or .rar in the folder was passed over, whatever it held: its directory is not read, so it is told; as a
    warning, since refusing it stopped honest folders holding scanned attachments sent as .rar (hostile11 H11-8)."""
    write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A))
    (tmp_path / name).write_bytes(head + bytes(300))
    warnings: list = []
    files, problems = expand_paths([tmp_path], warnings=warnings)
    assert files == [tmp_path / "a.xlsx"] and problems == []
    assert [str(p) for p in warnings] == ([] if kind is None else [f"{tmp_path / name}: {NOT_OPENED.format(kind)}"])


@pytest.mark.parametrize("entries, refused, warned", [
    # a zip inside the zip, as offices send tenders (投标文件.zip › 嘉禾/jiahe.zip › jiahe.xlsx)
    (lambda form, other: {"嘉禾/jiahe.zip": zip_bytes({"jiahe.xlsx": form})}, ("嘉禾/jiahe.zip/jiahe.xlsx",), None),
    (lambda form, other: {"a.zip": zip_bytes({"b.zip": zip_bytes({"jiahe.xlsx": form})})}, ("a.zip/b.zip/jiahe.xlsx",),
     None),
    # spreadsheets not .xlsx are named, as a loose one is refused
    (lambda form, other: {"jiahe.et": form}, ("jiahe.et",), None),
    (lambda form, other: {"jiahe.xlsm": form, "x.csv": b"a,b"}, ("jiahe.xlsm", "x.csv"), None),
    (lambda form, other: {"jiahe.ods": b"PK"}, ("jiahe.ods",), None),
    # a workbook that is no form, an archive not opened inside: warned of
    (lambda form, other: {"营业执照.pdf": b"%PDF", "报价明细表.xlsx": other}, None, (("报价明细表.xlsx",), ())),
    (lambda form, other: {"扫描件.rar": b"Rar!\x1a\x07\x00"}, None, ((), ("扫描件.rar",))),
    (lambda form, other: {"附件.zip": zip_bytes({"营业执照.pdf": b"%PDF"})}, None, None),  # attachments twice zipped
    (lambda form, other: {"a.zip": zip_bytes({"b.zip": zip_bytes({"c.zip": zip_bytes({"j.xlsx": form})})})}, None,
     ((), ("a.zip/b.zip/c.zip",))),  # deeper than two zips: not opened, warned of
])
def test_what_a_zip_lists_is_told_one_zip_deeper(tmp_path: Path, entries, refused, warned):
    """A zip holding a zip holding the form, or the form saved by WPS as .et, passed with the bid lost (hostile11
    H11-6); a zip of attachments holding a price breakdown that is no form stopped the run (H11-8)."""
    folder = tmp_path / "in"
    folder.mkdir()
    form = write_form(tmp_path / "s.xlsx", good_bid(VENDOR_A)).read_bytes()
    other = write_xlsx(tmp_path / "o.xlsx", {"报价明细": [["项目", "单价"]]}).read_bytes()
    write_form(folder / "a.xlsx", good_bid(VENDOR_A))
    (folder / "投标文件.zip").write_bytes(zip_bytes(entries(form, other)))
    warnings: list = []
    files, problems = expand_paths([folder], warnings=warnings)
    assert files == [folder / "a.xlsx"]
    assert [(p.code, p.data["workbooks"]) for p in problems] == ([] if refused is None else [("files.archive", refused)])
    assert [(p.code, p.data["workbooks"], p.data["archives"]) for p in warnings] == (
        [] if warned is None else [("files.archive_unchecked", *warned)])


def test_an_empty_zip_among_the_bids_is_warned_of_as_empty(tmp_path: Path):
    """An empty zip beside the bid forms had been passed over without a word, as a zip of attachments is: what was
    meant to be zipped (a bid) may be missing, so it is warned of, at its file, as empty."""
    folder = tmp_path / "in"
    folder.mkdir()
    write_form(folder / "a.xlsx", good_bid(VENDOR_A))
    (folder / "乙.zip").write_bytes(zip_bytes({}))
    warnings: list = []
    files, problems = expand_paths([folder], warnings=warnings)
    assert (files, problems) == ([folder / "a.xlsx"], [])
    assert [(p.code, p.file) for p in warnings] == [("files.empty_archive", str(folder / "乙.zip"))]
    assert str(warnings[0]).endswith("乙.zip: this archive is empty: it holds no file, so there is nothing in it to "
                                     "read; expected a bid form or a score sheet (an .xlsx workbook), or a bid's "
                                     "attachments: if one was meant to be in it, zip it again with the file in it, or "
                                     "give the file itself")


def _bids_folder_with(tmp_path: Path, where: str, kind: str) -> Path:
    """A folder holding a bid form and, at ``where`` inside it, a named pipe or a link to nothing (``kind``)."""
    import os
    folder = tmp_path / "in"
    (folder / "乙公司").mkdir(parents=True)
    write_form(folder / "a.xlsx", good_bid(VENDOR_A))
    if kind == "pipe":
        os.mkfifo(folder / where)
    else:
        (folder / where).symlink_to(tmp_path / "gone.xlsx")
    return folder


@pytest.mark.parametrize("kind, told", [("pipe", "is not a regular file (it is a device, pipe or socket), so it "
                                                 "cannot be an .xlsx workbook"),
                                        ("link", "no such file")])
def test_a_workbook_s_name_on_what_is_no_file_is_told_not_passed_over(tmp_path: Path, kind, told):
    """verify21b: a named pipe or a link to a file since moved (a share no longer mounted), named jiahe.xlsx in the
    bids folder, was passed over without a word, exit 0: a bid lost. Told as the file given by its name is, never
    opened (a pipe would block the read)."""
    folder = _bids_folder_with(tmp_path, "jiahe.xlsx", kind)
    files, problems = expand_paths([folder])
    assert files == [folder / "a.xlsx"]
    assert [str(p) for p in problems] == [f"{folder / 'jiahe.xlsx'}: {told}"]
    files, problems = expand_paths([folder / "jiahe.xlsx"])  # given by its name: a pipe had been "no such file"
    assert files == [] and [str(p) for p in problems] == [
        f"{folder / 'jiahe.xlsx'}: {told if kind == 'pipe' else 'no such file or folder'}"]


def test_a_named_pipe_in_a_folder_inside_is_not_opened(tmp_path: Path):
    """verify21b: a named pipe called jiahe.xlsx in a bidder's folder inside the bids folder hung `evaluate` for
    good: it was opened to see whether it named a Bid sheet, and a pipe's read waits for a writer. It is no workbook
    and is passed over as any other file of a folder inside that holds no form."""
    import subprocess
    import sys
    folder = _bids_folder_with(tmp_path, "乙公司/jiahe.xlsx", "pipe")
    code = ("import sys; from bideval.sheets import expand_paths; "
            "files, problems = expand_paths([sys.argv[1]]); print(len(files), [str(p) for p in problems])")
    done = subprocess.run([sys.executable, "-c", code, str(folder)], capture_output=True, text=True, timeout=30)
    assert (done.returncode, done.stdout) == (0, "1 []\n"), done.stderr
