"""Damaged workbooks and rubrics: every one a located problem and exit 2, nothing written or stored, never a crash.

The corpus is generated from a real bid form (the one ``write_form`` makes, as xlsxwriter writes it, with a
shared-string table): each XML part cut short, a shared-string index that does not exist, an undefined
entity, an unclosed element, a bad zip CRC, a part named by a relationship but missing.
"""
from __future__ import annotations

import io
import os
import re
import sqlite3
import struct
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bideval.bids import read_bids
from bideval.cli import main
from bideval.errors import BidsError, PanelError, RubricError
from bideval.panel import read_panel
from bideval.rubric import parse_rubric
from bideval.storage import Store
from conftest import ROOT, admin_call, admin_of, chair_tender, replace_panel, EXAMPLE_RUBRIC, VENDOR_A, VENDOR_B, good_bid, open_app, write_form, write_panel

SHEET = "xl/worksheets/sheet1.xml"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
STRINGS = "xl/sharedStrings.xml"


def parts_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def package(parts: dict[str, bytes], changes: dict[str, bytes | None]) -> bytes:
    """The package with some parts replaced (None: left out), as a zip writer would store it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            new = changes.get(name, data)
            if new is not None:
                archive.writestr(name, new)
    return buffer.getvalue()


def with_bad_crc(data: bytes, name: str) -> bytes:
    """``data`` with the CRC-32 of part ``name`` changed in both its local and its central header."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        crc = archive.getinfo(name).CRC
    old, new = struct.pack("<L", crc), struct.pack("<L", crc ^ 0x5A5A5A5A)
    assert data.count(old) == 2
    return data.replace(old, new)


def corpus(original: bytes) -> dict[str, tuple[bytes, str]]:
    """Damaged packages made from a real workbook: case → (bytes, words its one problem must hold)."""
    parts = parts_of(original)
    sheet = parts[SHEET]
    string_cell = re.search(rb'<c r="([A-Z]+[0-9]+)" t="s"><v>[0-9]+</v></c>', sheet)
    assert string_cell and STRINGS in parts, sheet[:400]
    ref = string_cell.group(1)

    def changed(part: str, data: bytes | None) -> bytes:
        return package(parts, {part: data})

    damaged: dict[str, tuple[bytes, str]] = {}
    for name in parts:  # every XML part cut short in the middle
        if name.endswith((".xml", ".rels")):
            damaged[f"cut {name}"] = (changed(name, parts[name][: len(parts[name]) // 2]), "is cut short")
    damaged["shared-string index that does not exist"] = (
        changed(SHEET, sheet.replace(string_cell.group(0), b'<c r="' + ref + b'" t="s"><v>9999</v></c>')),
        "shared strings")
    damaged["undefined entity in a sheet"] = (
        changed(SHEET, sheet.replace(string_cell.group(0),
                                     b'<c r="' + ref + b'" t="inlineStr"><is><t>&bogus;</t></is></c>')), "&bogus;")
    damaged["undefined entity in the shared strings"] = (
        changed(STRINGS, parts[STRINGS].replace(b"<t>", b"<t>&bogus;", 1)), "&bogus;")
    damaged["unclosed <v>"] = (changed(SHEET, sheet.replace(b"</v>", b"", 1)), "broken XML")
    damaged["unclosed <sheetData>"] = (changed(SHEET, sheet.replace(b"</sheetData>", b"", 1)), "broken XML")
    damaged["unclosed <c>"] = (changed(SHEET, sheet.replace(b"</c>", b"", 1)), "the sheet cannot be read")
    damaged["bad zip CRC of the sheet"] = (with_bad_crc(package(parts, {}), SHEET), "checksum")
    damaged["bad zip CRC of the shared strings"] = (with_bad_crc(package(parts, {}), STRINGS), "checksum")
    for name, words in ((SHEET, "its part is missing"), (STRINGS, "shared strings"),
                        ("xl/_rels/workbook.xml.rels", "workbook.xml.rels")):
        damaged[f"missing {name}"] = (changed(name, None), words)
    first = re.search(rb'<sheet name="([^"]+)"', parts["xl/workbook.xml"])
    assert first is not None
    for spelt in ("as it is", "in capitals"):  # Excel allows no two sheets of one name, its letters' case aside
        name = first.group(1) if spelt == "as it is" else first.group(1).upper()
        damaged[f"a second sheet named {spelt}"] = (with_second_sheet(parts, name), "two sheets")
    return damaged


def with_second_sheet(parts: dict[str, bytes], name: bytes) -> bytes:
    """The package with a copy of its first worksheet added as a sheet named ``name`` (the workbook lists it after the
    first sheet, its relationships and content types name it): a package only a crafted file or a broken writer
    makes, read by python-calamine by name, so that one of two sheets named alike was never looked at."""
    part = "xl/worksheets/sheet99.xml"
    changes = {
        "xl/workbook.xml": re.sub(rb"(<sheet [^>]*/>)", rb'\1<sheet name="' + name + rb'" sheetId="99" r:id="rId99"/>',
                                  parts["xl/workbook.xml"], count=1),
        "xl/_rels/workbook.xml.rels": parts["xl/_rels/workbook.xml.rels"].replace(
            b"</Relationships>", b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/'
            b'2006/relationships/worksheet" Target="worksheets/sheet99.xml"/></Relationships>'),
        "[Content_Types].xml": parts["[Content_Types].xml"].replace(
            b"</Types>", b'<Override PartName="/' + part.encode() + b'" ContentType="application/vnd.openxmlformats-'
            b'officedocument.spreadsheetml.worksheet+xml"/></Types>'),
    }
    return package({**parts, part: parts[SHEET]}, changes)


def _bytes_of(write) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        return write(Path(folder) / "book.xlsx").read_bytes()


FORM = _bytes_of(lambda path: write_form(path, good_bid(VENDOR_B)))  # a real bid form, as xlsxwriter writes it
PANEL = _bytes_of(lambda path: write_panel(path, [["王评委", VENDOR_A, "service_design", 4, ""]]))
FORM_CASES = corpus(FORM)
PANEL_CASES = corpus(PANEL)


def test_the_originals_are_read(tmp_path: Path, rubric):
    (tmp_path / "form.xlsx").write_bytes(FORM)
    (tmp_path / "panel.xlsx").write_bytes(PANEL)
    bids = read_bids(rubric, [tmp_path / "form.xlsx", write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A))]).bids
    assert sorted(b.vendor_id for b in bids) == sorted([VENDOR_A, VENDOR_B])
    assert len(read_panel(rubric, bids, [], [tmp_path / "panel.xlsx"]).scores) == 1


@pytest.mark.parametrize("case", sorted(FORM_CASES))
def test_the_command_line_refuses_each_damaged_form_with_exit_2_and_writes_nothing(case, tmp_path, capsys):
    data, words = FORM_CASES[case]
    bids = tmp_path / "bids"
    bids.mkdir()
    write_form(bids / "a.xlsx", good_bid(VENDOR_A))
    (bids / "damaged.xlsx").write_bytes(data)
    out, js = tmp_path / "ranked.xlsx", tmp_path / "result.json"
    code = main(["evaluate", "--criteria", str(EXAMPLE_RUBRIC), "--bids", str(bids), "--out", str(out),
                 "--json", str(js)])
    err = capsys.readouterr().err
    assert code == 2
    (line,) = err.splitlines()
    assert line.startswith(f"{bids / 'damaged.xlsx'}") and words in line and "Traceback" not in err, err
    assert ": damaged .xlsx: " in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bids"]  # no output, no temporary file


@pytest.mark.parametrize("case", sorted(FORM_CASES))
def test_the_score_sheet_command_refuses_each_damaged_form(case, tmp_path, capsys):
    (tmp_path / "damaged.xlsx").write_bytes(FORM_CASES[case][0])
    out = tmp_path / "sheet.xlsx"
    code = main(["scoresheet", "--criteria", str(EXAMPLE_RUBRIC), "--bids", str(tmp_path / "damaged.xlsx"),
                 "--judge", "王评委", "--out", str(out)])
    assert code == 2 and ": damaged .xlsx: " in capsys.readouterr().err and not out.exists()


@pytest.mark.parametrize("case", sorted(PANEL_CASES))
def test_the_command_line_refuses_each_damaged_panel_workbook(case, tmp_path, capsys):
    bids = write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A))
    (tmp_path / "panel.xlsx").write_bytes(PANEL_CASES[case][0])
    js = tmp_path / "result.json"
    code = main(["evaluate", "--criteria", str(EXAMPLE_RUBRIC), "--bids", str(bids),
                 "--panel", str(tmp_path / "panel.xlsx"), "--json", str(js)])
    (line,) = capsys.readouterr().err.splitlines()
    assert code == 2 and line.startswith(f"{tmp_path / 'panel.xlsx'}") and ": damaged .xlsx: " in line
    assert PANEL_CASES[case][1] in line and not js.exists()


@pytest.mark.parametrize("case", sorted(PANEL_CASES))
def test_a_damaged_panel_workbook_sent_from_a_reading_worker_is_told_as_one_read_here(case, tmp_path, rubric):
    """A panel workbook opened by a worker reading the bid forms travels back pickled, as its sheets' rows or each
    sheet's problem: reading it gives the problems reading it here gives."""
    import pickle

    from bideval.errors import PanelError
    from bideval.panel import open_panel_book

    path = tmp_path / "panel.xlsx"
    path.write_bytes(PANEL_CASES[case][0])
    bids = read_bids(rubric, [write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A))]).bids
    told = []
    for opened in (None, ([pickle.loads(pickle.dumps(open_panel_book(path)))], [])):
        with pytest.raises(PanelError) as caught:
            read_panel(rubric, bids, [], [path], opened=opened)
        told.append([str(p) for p in caught.value.problems])
    assert told[0] == told[1] and len(told[0]) == 1 and PANEL_CASES[case][1] in told[0][0]


def dump(database: Path, kept: tuple[str, ...] = ()) -> str:
    """Every row of the SQLite file, as SQL, but those of the tables ``kept`` (a record of what happened)."""
    with sqlite3.connect(database) as connection:
        return "\n".join(line for line in connection.iterdump()
                         if not line.startswith(tuple(f'INSERT INTO "{table}"' for table in kept)))


# A refused upload leaves its record: the upload history and one audit entry saying what was refused.
RECORDS = ("upload", "audit_event", "audit_head")


@pytest.fixture
def store_file(tmp_path: Path):
    """A store on a real SQLite file holding one tender with one accepted bid."""
    database = tmp_path / "store.sqlite3"
    store = Store(f"sqlite:///{database}")
    tender = chair_tender(store, "T", EXAMPLE_RUBRIC.read_text(encoding="utf-8"), "example.yaml")
    good = write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A))
    assert store.import_bids(admin_of(store), tender, [(good.name, good.read_bytes())]).ok
    return store, tender, database


@pytest.mark.parametrize("case", sorted(FORM_CASES))
def test_the_store_refuses_each_damaged_form_and_the_database_is_unchanged(case, store_file, tmp_path):
    store, tender, database = store_file
    admin = admin_of(store)
    before, version, events = dump(database, RECORDS), store.version(admin, tender), len(store.events(admin, tender))
    data, words = FORM_CASES[case]
    report = store.import_bids(admin, tender, [("damaged.xlsx", data)])
    assert report.accepted == {}
    (problem,) = report.refused["damaged.xlsx"]
    line = str(problem)
    assert line.startswith("damaged.xlsx") and ": damaged .xlsx: " in line and words in line
    assert str(tmp_path) not in line and "bideval-upload" not in line  # not the upload's temporary path
    assert dump(database, RECORDS) == before and store.version(admin, tender) == version
    (entry,) = store.events(admin, tender)[events:]  # the refusal is on record, nothing else changed
    assert (entry.action, entry.new_value) == ("upload", "damaged.xlsx") and "0 accepted, 1 refused" in entry.detail
    assert store.uploads(admin, tender)[0].files[0].problems[0].where == problem.where


@pytest.mark.parametrize("case", sorted(PANEL_CASES))
def test_the_store_refuses_each_damaged_panel_workbook_and_the_database_is_unchanged(case, store_file):
    store, tender, database = store_file
    before, version = dump(database), store.version(admin_of(store), tender)
    with pytest.raises(PanelError) as caught:
        store.preview_replace_panel(admin_of(store), tender, "panel.xlsx", PANEL_CASES[case][0])
    (problem,) = caught.value.problems
    assert problem.file == "panel.xlsx" and problem.message.startswith("damaged .xlsx: ")
    assert PANEL_CASES[case][1] in str(problem)
    assert dump(database) == before and store.version(admin_of(store), tender) == version


# --------------------------------------------------------------------------- what the reader meets after the guard

@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_damage_to_the_xml_is_read_or_one_located_problem_never_an_exception(tmp_path_factory, rubric, data):
    parts = parts_of(FORM)
    name = data.draw(st.sampled_from(sorted(parts)))
    xml = bytearray(parts[name])
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(xml) - 1))
        edit = data.draw(st.sampled_from([b"", b"<", b">", b"&", b"/", b'"', b"x", b"</row>", b"<c>", b"9999"]))
        xml[at:at + data.draw(st.integers(0, 12))] = edit
    path = tmp_path_factory.mktemp("fuzz") / "form.xlsx"
    path.write_bytes(package(parts, {name: bytes(xml)}))
    try:
        read_bids(rubric, [path])
    except BidsError as error:
        assert all(p.file == str(path) for p in error.problems), error
        damaged = [p for p in error.problems if "damaged .xlsx" in p.message or "cannot read the sheet" in p.message]
        assert len(damaged) == len(error.problems) or not damaged  # a damaged file is one problem, alone


def dated(value: bytes) -> bytes:
    """A bid form whose sheet holds ``value`` in a cell formatted as a duration ([h]:mm:ss)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "dated.xlsx"
        book = xlsxwriter.Workbook(path)
        sheet = book.add_worksheet("Bid")
        sheet.write_row(0, 0, ["vendor_id", "", VENDOR_A])
        sheet.write_number(1, 2, 1, book.add_format({"num_format": "[h]:mm:ss"}))
        book.close()
        parts = parts_of(path.read_bytes())
    parts[SHEET] = re.sub(rb'(<c r="C2"[^>]*><v>)1(</v>)', rb"\g<1>" + value + rb"\g<2>", parts[SHEET])
    assert value in parts[SHEET]
    return package(parts, {})


@pytest.mark.parametrize("value", [b"1E+15", b"-1E+15"])  # a Python OverflowError; a Rust panic in the reader
def test_a_date_cell_beyond_any_date_is_a_located_problem(value, tmp_path, rubric):
    path = tmp_path / "dated.xlsx"
    path.write_bytes(dated(value))
    with pytest.raises(BidsError) as caught:
        read_bids(rubric, [path])
    (problem,) = caught.value.problems
    assert (problem.file, problem.sheet) == (str(path), "Bid")
    assert problem.message.startswith("cannot read the sheet: a cell formatted as a date or time holds a number")


def test_a_reader_panic_leaves_only_our_message_on_the_screen(tmp_path):
    """Rust's panic hook writes its own text (a whole backtrace with RUST_BACKTRACE set) to stderr before
    python-calamine raises: the command line's stderr holds our located message and nothing else."""
    path = tmp_path / "dated.xlsx"
    path.write_bytes(dated(b"-1E+15"))
    done = subprocess.run([sys.executable, "-m", "bideval", "evaluate", "--criteria", str(EXAMPLE_RUBRIC),
                           "--bids", str(path), "--json", str(tmp_path / "r.json")], capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ, "RUST_BACKTRACE": "1"})
    assert done.returncode == 2 and not (tmp_path / "r.json").exists()
    assert done.stderr.strip() == (f"{path}:Bid: cannot read the sheet: a cell formatted as a date or time holds a "
                                   "number far beyond any date (TimeDelta::milliseconds out of bounds); correct that "
                                   "cell (Excel shows it as ####) and save the workbook again")


def test_what_else_a_read_writes_to_stderr_is_passed_on():
    code = ("import os; from bideval.sheets import _without_panic_noise as quiet\n"
            "print(quiet(lambda: os.write(2, b'a warning of the reader\\n')), flush=True)\n"
            "os.write(2, b'after\\n')")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert (done.returncode, done.stdout, done.stderr) == (0, "24\n", "a warning of the reader\nafter\n")


@pytest.mark.parametrize("tail", [b"", b"\r\n", b"\n<!-- written by hand -->\n", b"<?pi x?>  "])
def test_a_whole_part_followed_by_whitespace_comments_or_instructions_is_not_cut_short(tail, tmp_path, rubric):
    parts = parts_of(FORM)
    path = tmp_path / "form.xlsx"
    path.write_bytes(package(parts, {SHEET: parts[SHEET] + tail, "docProps/app.xml": parts["docProps/app.xml"] + tail}))
    (bid,) = read_bids(rubric, [path]).bids
    assert bid.vendor_id == VENDOR_B


@pytest.mark.parametrize("missing", ["xl/styles.xml", "xl/theme/theme1.xml", "docProps/core.xml"])
def test_a_missing_part_the_reader_does_not_need_still_reads_every_value(missing, tmp_path, rubric):
    (tmp_path / "whole.xlsx").write_bytes(FORM)
    (tmp_path / "missing.xlsx").write_bytes(package(parts_of(FORM), {missing: None}))
    (whole,) = read_bids(rubric, [tmp_path / "whole.xlsx"]).bids
    (bid,) = read_bids(rubric, [tmp_path / "missing.xlsx"]).bids
    assert bid.values == whole.values


# --------------------------------------------------------------------------- rubric files and uploads

NOT_RUBRICS = [
    ("an .xlsx workbook", FORM, "bad.yaml: expected a UTF-8 text file (YAML)"),
    ("a list as a key", b"{[1, 2]: 3}", "bad.yaml: line 1, column 2: not valid YAML: a key must be a text or a number"),
    ("a mapping as a key", b"? {a: 1}\n: c\n", "not valid YAML: a key must be a text or a number, found dict"),
    ("nesting thousands deep", b"[" * 5000 + b"]" * 5000,
     "bad.yaml: line 1, column 65: not a rubric: its YAML is nested more than 64 levels deep here"),
    ("a list as a field reference", EXAMPLE_RUBRIC.read_bytes().replace(b"field: similar_projects",
                                                                        b"field: [similar_projects]"),
     "bad.yaml: criterion 'experience': unknown field ['similar_projects']"),
    ("a mapping as a condition's field", EXAMPLE_RUBRIC.read_bytes().replace(b"when: {field: business_license}",
                                                                             b"when: {field: {a: 1}}", 1),
     "bad.yaml: criterion 'licence': condition on unknown field {'a': 1}"),
    ("a list as a criterion id", EXAMPLE_RUBRIC.read_bytes().replace(b"id: experience", b"id: [experience]"),
     "criterion #3: id must be a slug"),
]


@pytest.mark.parametrize("what, data, message", NOT_RUBRICS, ids=[row[0] for row in NOT_RUBRICS])
def test_a_file_that_is_no_rubric_is_a_rubric_error(what, data, message):
    with pytest.raises(RubricError) as caught:
        parse_rubric(data, "bad.yaml")
    assert message in str(caught.value), str(caught.value)


@pytest.mark.parametrize("what, data, message", NOT_RUBRICS[:4], ids=[row[0] for row in NOT_RUBRICS[:4]])
def test_the_app_shows_an_uploaded_non_rubric_as_an_error(app_db, what, data, message):
    app = open_app("tenders", lang="en")
    before = admin_call("tenders")
    app.radio(key="tenders_source").set_value("upload").run()
    app.file_uploader(key="tenders_upload_0").set_value(("bad.yaml", data, "application/x-yaml"))
    app.button(key="tenders_create").click().run()
    assert not app.exception
    assert message in "\n".join(e.value for e in app.error).replace("`", "")  # the file is in code font
    assert admin_call("tenders") == before


def test_the_app_reports_a_damaged_bid_form_by_name(app_db, tmp_path):
    tender = chair_tender(Store(), "T", EXAMPLE_RUBRIC.read_text(encoding="utf-8"), "example.yaml")
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(FORM_CASES["undefined entity in a sheet"][0])
    app = open_app("bids", lang="en", tender_id=tender)
    app.file_uploader(key="bids_upload_0").set_value([(damaged.name, damaged.read_bytes(), XLSX)]).run()
    app.button(key="bids_import").click().run()
    assert not app.exception
    box = "\n".join(e.value for e in app.error)
    assert "**damaged.xlsx**" in box and "- `Bid`: damaged .xlsx: the sheet cannot be read (broken XML" in box
    assert "&bogus;" in box
    assert admin_call("bidset", tender).bids == ()
