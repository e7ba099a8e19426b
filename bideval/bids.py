"""Reading vendor bids: many bid forms (sheet ``Bid``) or one consolidated workbook (sheet ``Bids``).

Every value is parsed to its field's type; every problem in every file is
collected and raised together as one :class:`BidsError`; nothing is returned
from input that is bad anywhere.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import partial
from operator import itemgetter
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

from .errors import BidsError, DamagedWorkbook, Expected, Problem, cell_problem, raise_if
from .labels import Named
from .rubric import Field, Rubric
from .sheets import (TITLE_ROWS, InputFile, Workbook, cell_name, column_letter, expand_paths, header_row, is_blank,
                     is_blank_row, open_workbook)
from .values import FieldType, ValueProblem, fold, normalise, unit_label
from .workers import map_in_order

FORM_SHEET = "Bid"
CONSOLIDATED_SHEET = "Bids"
VALUE_COLUMN = 2  # column C of a bid form


@dataclass(frozen=True)
class Bid:
    """One vendor's bid: its parsed values and where each was read."""

    vendor_id: str
    vendor_name: str
    sme: bool
    values: Mapping[str, Any]
    file: str
    sheet: str
    cells: Mapping[str, str]  # field id → cell (bid form) or column letter (consolidated)
    row: int | None = None  # 1-based row in a consolidated sheet

    def cell(self, field_id: str) -> str:
        """Where ``field_id`` was (or would have been) read: ``file:sheet!C7``."""
        spot = self.cells.get(field_id, "")
        if self.row is not None and spot:
            spot = f"{spot}{self.row}"
        return f"{self.file}:{self.sheet}!{spot}" if spot else f"{self.file}:{self.sheet}"

    def value(self, field_id: str) -> Any:
        """The parsed value of a field, None when not stated."""
        return self.values.get(field_id)


@dataclass(frozen=True)
class BidSet:
    """The bids of one tender and the files they came from."""

    bids: tuple[Bid, ...]
    files: tuple[InputFile, ...]


def is_credit_code(text: str) -> bool:
    """Whether ``text`` is a unified social credit code (GB 32100-2015): 18 characters whose last is the check
    character of the first 17.

    >>> is_credit_code("91110000802100433B"), is_credit_code("91110000802100433C"), is_credit_code("示例")
    (True, False, False)
    """
    if len(text) != 18 or any(c not in _CODE_VALUES for c in text):
        return False
    total = sum(_CODE_VALUES[c] * w for c, w in zip(text, _CODE_WEIGHTS))
    return _CODE_CHARACTERS[(31 - total % 31) % 31] == text[17]


_CODE_CHARACTERS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CODE_VALUES = {c: i for i, c in enumerate(_CODE_CHARACTERS)}
_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def normalise_vendor_id(raw: str) -> str:
    """The form a credit code is compared and stored in: NFKC, no spaces, upper case."""
    return "".join(normalise(raw).split()).upper()


def read_bids(rubric: Rubric, paths: Iterable[str | Path], workers: int | None = None) -> BidSet:
    """Read every bid in ``paths`` (files or folders), or raise BidsError listing every problem.

    Many bid forms are read by several processes (``workers``, default: as :mod:`bideval.workers`
    finds worth it); the bids and problems come in the order of the files all the same.
    """
    paths = list(paths)
    files, problems = expand_paths(paths)
    return bid_set(map_in_order(partial(read_bid_file, Reading.of(rubric)), files, workers), problems, paths)


def read_bid_upload(reading: Reading, name: str, content: bytes, apart: bool = False) -> BidSet:
    """The bids of one uploaded workbook, read from its bytes and called ``name`` in every problem; or BidsError.

    ``apart``: python-calamine reads it in a process of its own (:mod:`bideval.reader_process`), as the app's server
    does."""
    read = read_upload_file(reading, name, content, apart)
    raise_if(list(read.problems), BidsError)
    return BidSet(read.bids, () if read.input is None else (read.input,))


def read_upload_file(reading: Reading, name: str, content: bytes, apart: bool = False) -> FileRead:
    """One uploaded workbook read from its bytes and called ``name``: every bid that read whole, and every problem
    (a vendor twice in it, no bid at all included). A file with any problem is imported whole or not at all by its
    caller; its bids are kept for :func:`vendors_in_other_files`."""
    read = read_bid_file(reading, Path(name), name, content, apart)
    problems = [*read.problems, *_duplicate_vendors(read.bids)]
    if not read.bids and not problems:
        problems.append(Problem.of("bids.none_found", name))
    return FileRead(read.input, read.bids, tuple(problems))


def vendors_in_other_files(reads: Sequence[FileRead]) -> list[tuple[Problem, ...]]:
    """For each file of one upload, a problem at each vendor it shares with another file of the upload.

    A vendor has one bid: which file holds it is the officer's call, so every file holding the vendor is refused,
    each problem naming the places in the other files (formats.md §2: a duplicate vendor_id is an input error).
    """
    places: dict[str, dict[int, list[Bid]]] = {}  # vendor → file's index → its bids of that vendor
    for i, read in enumerate(reads):
        for bid in read.bids:
            places.setdefault(bid.vendor_id, {}).setdefault(i, []).append(bid)
    found: list[list[Problem]] = [[] for _ in reads]
    for vendor, files in places.items():
        if len(files) < 2:
            continue
        for i, bids in files.items():
            also = tuple(b.cell("vendor_id") for j, others in files.items() if j != i for b in others)
            found[i].append(Problem.of("bids.vendor_in_upload", bids[0].file, bids[0].sheet, _spot(bids[0]),
                                       vendor_id=vendor, also=also))
    return [tuple(problems) for problems in found]


def bid_set(reads: Iterable[FileRead], problems: list[Problem], paths: Sequence[str | Path]) -> BidSet:
    """The bids the files found in ``paths`` gave (``problems``: those of finding them), or BidsError."""
    return _bid_set(reads, problems, ", ".join(map(str, paths)) or "(no path)")


def _bid_set(reads: Iterable[FileRead], problems: list[Problem], where: str) -> BidSet:
    """The bids the files gave, or BidsError with every problem (a vendor twice, no bid at all included)."""
    bids: list[Bid] = []
    inputs: list[InputFile] = []
    for read in reads:
        if read.input is not None:
            inputs.append(read.input)
        bids.extend(read.bids)
        problems.extend(read.problems)
    problems.extend(_duplicate_vendors(bids))
    if not bids and not problems:
        problems.append(Problem.of("bids.none_found", where))
    if problems:
        raise BidsError(problems)
    return BidSet(tuple(bids), tuple(inputs))


@dataclass(frozen=True)
class FileRead:
    """What one bid workbook gave: the file with its hash (when it could be opened), its bids, its problems."""

    input: InputFile | None
    bids: tuple[Bid, ...]
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class Reading:
    """What the reads of one tender's bid workbooks share: the rubric, its header index and one parser per field.

    A field's parser remembers the value it gave for a cell's type and value (是, 96%, 按通计费 are
    written again and again): a parser's value depends on nothing else, so the memory is exact.
    Errors are never remembered, nor a zero (0.0 and -0.0 are equal as keys, not as values), nor
    free text or the fixed fields (vendor_id, vendor_name, sme), which rarely repeat.
    """

    rubric: Rubric
    headers: Mapping[str, Field]
    parsers: Mapping[str, Callable[[Any], Any]]

    @classmethod
    def of(cls, rubric: Rubric) -> "Reading":
        return cls(rubric, _header_index(rubric), {f.id: _remembering(f) for f in rubric.bid_fields})


def _remembering(field: Field) -> Callable[[Any], Any]:
    """``field.parse``, remembering its values as :class:`Reading` says."""
    parse = field.parse
    if field.type not in _REMEMBERED or field.origin == "fixed":
        return parse
    memory: dict[tuple[type, Any], Any] = {}
    recall = memory.get

    def remembered(found: Any) -> Any:
        key = (found.__class__, found)
        value = recall(key, _FAILED)
        if value is _FAILED:
            value = parse(found)
            if found != 0:
                memory[key] = value
        return value

    return remembered


_REMEMBERED = {FieldType.BOOL, FieldType.CHOICE, FieldType.PERCENT, FieldType.MONEY, FieldType.INTEGER,
               FieldType.NUMBER}
_FAILED = object()  # not remembered; a cell that could not be parsed (its row is refused; not the same as empty)


def read_bid_file(reading: Reading, path: Path, display: str | None = None, content: bytes | None = None,
                  apart: bool = False) -> FileRead:
    """The bids of one workbook (its ``content`` when the caller has read it), and its problems."""
    display = display or str(path)
    book, opened = open_workbook(path, display, content, apart, reading.rubric.currency)
    if book is None:
        return FileRead(None, (), tuple(opened))
    try:
        found, problems = _read_book(reading, book)
    except DamagedWorkbook as damaged:
        found, problems = [], list(damaged.problems)
    return FileRead(InputFile(display, book.sha256, "bids"), tuple(found), tuple(problems))


def _read_book(reading: Reading, book: Workbook) -> tuple[list[Bid], list[Problem]]:
    form = book.find(FORM_SHEET)
    consolidated = book.find(CONSOLIDATED_SHEET)
    if form and consolidated:
        return [], [Problem.of("bids.both_sheets", book.display, form=FORM_SHEET, consolidated=CONSOLIDATED_SHEET)]
    read = consolidated or form
    if read is None:
        return [], [Problem.of("bids.no_bid_sheet", book.display, form=FORM_SHEET, consolidated=CONSOLIDATED_SHEET,
                               found=tuple(book.sheet_names))]
    if book.hidden_sheet(read):  # its bids nobody sees: a hidden sheet beside a corrected copy had been read
        return [], [Problem.of("bids.hidden_sheet", book.display, read), *_bids_elsewhere(reading, book, read, set())]
    if consolidated:
        found, problems = _read_consolidated(reading, book, read)
    else:
        bid, problems = _read_form(reading, book, read)
        found = [bid] if bid else []
    elsewhere = _bids_elsewhere(reading, book, read, {b.vendor_id for b in found})
    return ([], problems + elsewhere) if elsewhere else (found, problems)


def _bids_elsewhere(reading: Reading, book: Workbook, read: str, read_vendors: set[str]) -> list[Problem]:
    """A problem for each sheet other than ``read`` that holds a bid not read: a bid form's ``vendor_id`` row with a
    credit code in column C, or a filled row under a header naming the vendor_id column and another field, whose
    vendor is not among those read (Excel names a copied sheet ``Bids (2)``: vendors split over two sheets lost
    those of the second without a word). A summary or register of the bids read (报价汇总, 投标人登记表), a field
    dictionary or an example form is left alone. A form whose copy states the same vendor is told too, as the
    copies may differ (a bidder hid ``Bid`` and corrected a copy ``Bid (2)``: the stale price was read)."""
    problems: list[Problem] = []
    for sheet in book.sheet_names:
        if sheet == read:
            continue
        try:
            rows = book.rows(sheet)
        except DamagedWorkbook as damaged:
            problems.extend(damaged.problems)
            continue
        shape = _bid_shape(reading, rows, read_vendors)
        if shape is not None:
            problems.append(Problem.of("bids.bids_elsewhere", book.display, sheet, shape=shape, read=read))
    return problems


def _bid_shape(reading: Reading, rows: list[list[Any]], read_vendors: set[str]) -> str | None:
    """``consolidated`` or ``form`` when ``rows`` hold a bid not among ``read_vendors`` (a form: one stating a
    credit code, or any of those read), else None."""
    filled = [row for row in rows if not is_blank_row(row)]
    for h, header in enumerate(filled[:TITLE_ROWS + 1]):  # the header, below a title or two (汇总表, 第二批)
        keys = [fold(str(title)) if not is_blank(title) else "" for title in header]
        columns = {reading.headers[key].id: c for c, key in enumerate(keys) if key in reading.headers}
        if "vendor_id" in columns and set(columns) - {"vendor_id", "vendor_name"}:
            at = columns["vendor_id"]
            vendors = {normalise_vendor_id(str(row[at])) for row in filled[h + 1:]
                       if at < len(row) and not is_blank(row[at])}
            return "consolidated" if vendors - read_vendors else None
    for row in filled:
        if len(row) > VALUE_COLUMN and isinstance(row[0], str) and normalise(row[0]) == "vendor_id" \
                and not is_blank(row[VALUE_COLUMN]):
            vendor = normalise_vendor_id(str(row[VALUE_COLUMN]))
            return "form" if vendor in read_vendors or is_credit_code(vendor) else None
    return None


def _read_form(reading: Reading, book: Workbook, sheet: str) -> tuple[Bid | None, list[Problem]]:
    rows = book.rows(sheet)
    problems: list[Problem] = []
    fields = reading.rubric.field_index
    raw: dict[str, Any] = {}
    cells: dict[str, str] = {}
    value_letter = column_letter(VALUE_COLUMN)
    header = True  # until the first row with something in column A
    heading: int | None = None  # the form's header row, when it has one
    field_rows: list[int] = []
    for r, row in enumerate(rows):
        key = row[0] if row else None
        if is_blank(key):  # no field id: a blank or spacer row (or a title outside column A)
            continue
        first, header = header, False
        field_id = normalise(str(key))
        if field_id not in fields:
            if not field_rows and fold(field_id) in _FORM_HEADINGS:
                heading = r
                continue  # the template's header row (a title above it), below any blank rows
            close = _suggest(str(key), fields)
            if not field_rows and close is None and first:
                heading = r
                continue  # the form's own header row, below any blank rows
            problems.append(Problem.of("bids.unknown_field", book.display, sheet, cell_name(r, 0), key=key,
                                       suggestion=_named(fields[close]) if close else None))
            continue
        if field_id in cells:
            problems.append(Problem.of("bids.field_twice", book.display, sheet, cell_name(r, 0),
                                       field_twice=_named(fields[field_id]), also=cells[field_id]))
            continue
        cells[field_id] = f"{value_letter}{r + 1}"
        field_rows.append(r)
        raw[field_id] = row[VALUE_COLUMN] if len(row) > VALUE_COLUMN else None
    problems += book.merged_problems(sheet, field_rows, (0, VALUE_COLUMN))
    if not cells:
        return None, problems or [Problem.of("bids.no_field_rows", book.display, sheet)]
    # Field ids and answers nobody sees on screen: an answer read from a hidden column C, or a hidden id filing the
    # answer beside it under another field than its label shows. Labels and units (B, D) hidden are read as before.
    hidden = book.hidden_columns_held(sheet, rows, field_rows, (1, VALUE_COLUMN + 1))
    if hidden:
        top = field_rows[0] if heading is None else heading
        return None, problems + [Problem.of("bids.hidden_form_column", book.display, sheet, cell_name(top, n - 1),
                                            column=column_letter(n - 1), holds="ids" if n == 1 else "answers")
                                 for n in hidden]
    bid = _make_bid(reading, raw, lambda f: cells.get(f, ""), book.display, sheet, cells, None, problems)
    return bid, problems


# What the bid form template heads column A with (bideval.template.HEADERS), alone or as 中文 / English.
_FORM_HEADINGS = frozenset({"字段", "field id", "字段 / field id", "字段/field id"})


def _header_index(rubric: Rubric) -> dict[str, Field]:
    """Bid fields by the headers that name them: every id first, so a label never hides another field's id."""
    index = {fold(f.id): f for f in rubric.bid_fields}
    for f in rubric.bid_fields:
        for spelling in (f.label.zh, f.label.en, f.label.both()):
            index.setdefault(fold(spelling), f)
    return index


def _fields_named(headers: Mapping[str, Field], row: Sequence[Any]) -> set[str]:
    """The ids of the fields a row's cells name as headers."""
    return {headers[key].id for key in (fold(str(v)) for v in row if not is_blank(v)) if key in headers}


def _read_consolidated(reading: Reading, book: Workbook, sheet: str) -> tuple[list[Bid], list[Problem]]:
    rubric, headers = reading.rubric, reading.headers
    rows = book.rows(sheet)
    problems: list[Problem] = []
    start = header_row(rows, lambda row: {"vendor_id", "vendor_name"} <= _fields_named(headers, row))
    if start is None:
        return [], [Problem.of("bids.empty_sheet", book.display, sheet)]
    hidden = book.hidden_rows_held(sheet, rows)
    hidden_columns = book.hidden_columns_held(sheet, rows)
    hidden_problems = [Problem.of("bids.hidden_column", book.display, sheet, cell_name(start, n - 1),
                                  column=column_letter(n - 1)) for n in hidden_columns]
    hidden_problems += [Problem.of("bids.hidden_row", book.display, sheet, row=number) for number in sorted(hidden)]
    header = rows[start]
    columns: dict[str, int] = {}
    for c, title in enumerate(header):
        if title is None or (isinstance(title, str) and not title.strip()):
            if any(c < len(row) and not is_blank_row(row[c:c + 1]) for row in rows[start + 1:]):
                problems.append(Problem.of("bids.no_header", book.display, sheet, cell_name(start, c)))
            continue
        f = headers.get(fold(str(title)))
        if f is None:
            problems.append(_unknown_header(book.display, sheet, cell_name(start, c), title, headers))
            continue
        if f.id in columns:
            problems.append(Problem.of("bids.column_twice", book.display, sheet, cell_name(start, c), column=_named(f),
                                       also=f"{column_letter(columns[f.id])}{start + 1}"))
            continue
        columns[f.id] = c
    for required in ("vendor_id", "vendor_name"):
        if required not in columns:
            problems.append(Problem.of("bids.missing_column", book.display, sheet, cell_name(start, 0),
                                       column=_named(rubric.field_index[required])))
    if problems:
        return [], problems + hidden_problems
    problems.extend(hidden_problems)  # the data rows' problems follow: every problem is told at once
    letters = {fid: column_letter(c) for fid, c in columns.items()}
    width = max(columns.values()) + 1
    numbers = [r for r in range(start + 1, len(rows)) if not is_blank_row(rows[r][:width])]
    if hidden:  # refused above, as a whole: its cells are not read
        numbers = [r for r in numbers if r + 1 not in hidden]
    unread = {number - 1 for number in hidden_columns}  # refused above, as a whole: its cells are not read either
    problems.extend(book.merged_problems(sheet, numbers, (c for c in columns.values() if c not in unread)))
    data = [rows[r] for r in numbers]
    # Column by column, one parser per field: a field's cells are parsed in one loop, a spelling
    # already seen in the column taken from memory. Problems are then told row by row, field by field.
    parsed: dict[str, list[Any]] = {}
    failed: dict[int, list[Problem]] = {}
    shortest = min(map(len, data), default=0)  # python-calamine's rows are all as long as the sheet is wide
    for field in rubric.bid_fields:
        column = columns.get(field.id)
        if column is None or column in unread:
            cells = [None] * len(data)
        elif column < shortest:
            cells = list(map(itemgetter(column), data))
        else:
            cells = [row[column] if column < len(row) else None for row in data]
        parsed[field.id] = _parse_column(field, reading.parsers[field.id], cells, failed, numbers, book.display,
                                         sheet, letters.get(field.id, ""))
    bids: list[Bid] = []
    ids = [field.id for field in rubric.bid_fields]
    named = [field for field in rubric.bid_fields if field.id in ("vendor_id", "vendor_name")
             and columns[field.id] not in unread]
    for i, (r, row_values) in enumerate(zip(numbers, zip(*parsed.values()))):
        values = dict(zip(ids, row_values))
        row_problems = failed.get(i, [])
        for field in named:
            if values[field.id] is None:
                row_problems.append(Problem.of("bids.required_empty", book.display, sheet,
                                               f"{letters.get(field.id, '')}{r + 1}" or None, field=_named(field)))
        row_problems += _odd_vendor_code(reading, values, book.display, sheet, f"{letters['vendor_id']}{r + 1}",
                                         data[i][columns["vendor_id"]] if columns["vendor_id"] < len(data[i]) else None)
        if row_problems or unread:  # (a sheet with a hidden column gives no bid: each row lacks what it hides)
            problems.extend(row_problems)
            continue
        bids.append(Bid(normalise_vendor_id(values["vendor_id"]), values["vendor_name"], bool(values.get("sme")),
                        values, book.display, sheet, letters, r + 1))
    if not bids and not problems:
        problems.append(Problem.of("bids.no_rows", book.display, sheet))
    return bids, problems


def _parse_column(field: Field, parse: Callable[[Any], Any], cells: list[Any], failed: dict[int, list[Problem]],
                  numbers: list[int], file: str, sheet: str, letter: str) -> list[Any]:
    """Every cell of one field's column parsed (None when empty); each cell that fails is _FAILED, its problem
    added to ``failed[i]``."""
    out: list[Any] = [None] * len(cells)
    for i, found in enumerate(cells):
        if found is None or found == "":
            continue
        try:
            out[i] = parse(found)
        except ValueProblem as problem:
            failed.setdefault(i, []).append(cell_problem(file, sheet, f"{letter}{numbers[i] + 1}",
                                                         problem.expectation, found, _named(field)))
            out[i] = _FAILED
    return out


def _make_bid(reading: Reading, raw: Mapping[str, Any], where, file: str, sheet: str,
              cells: Mapping[str, str], row: int | None, problems: list[Problem]) -> Bid | None:
    values: dict[str, Any] = {}
    before = len(problems)
    fields = reading.rubric.bid_fields
    for f in fields:
        found = raw.get(f.id)
        if found is None or found == "":
            values[f.id] = None
            continue
        try:
            values[f.id] = reading.parsers[f.id](found)
        except ValueProblem as problem:
            problems.append(cell_problem(file, sheet, where(f.id), problem.expectation, found, _named(f)))
    for f in fields:
        if f.id in ("vendor_id", "vendor_name") and values[f.id] is None:
            problems.append(Problem.of("bids.required_empty", file, sheet, where(f.id) or None, field=_named(f)))
    problems += _odd_vendor_code(reading, values, file, sheet, where("vendor_id"), raw.get("vendor_id"))
    if len(problems) > before:
        return None
    return Bid(normalise_vendor_id(values["vendor_id"]), values["vendor_name"], bool(values.get("sme")),
               values, file, sheet, cells, row)


def _odd_vendor_code(reading: Reading, values: Mapping[str, Any], file: str, sheet: str, cell: str,
                    raw: Any) -> list[Problem]:
    """A problem when the vendor ID holds a character no code holds (a braille blank looks like nothing and is no
    format character; a letter of another script): kept, it made the same bidder a second one."""
    code = values.get("vendor_id")
    if not isinstance(code, str) or _VENDOR_CODE.fullmatch(normalise_vendor_id(code)):
        return []
    return [cell_problem(file, sheet, cell, _EXPECT_VENDOR_CODE, raw, _named(reading.rubric.field_index["vendor_id"]))]


_VENDOR_CODE = re.compile(r"[0-9A-Z._/-]+")
_EXPECT_VENDOR_CODE = Expected("vendor_code")


def _duplicate_vendors(bids: Iterable[Bid]) -> list[Problem]:
    first: dict[str, Bid] = {}
    problems = []
    for bid in bids:
        other = first.setdefault(bid.vendor_id, bid)
        if other is not bid:
            problems.append(Problem.of("bids.vendor_twice", bid.file, bid.sheet, _spot(bid), vendor_id=bid.vendor_id,
                                       also=other.cell("vendor_id")))
    return problems


def _spot(bid: Bid) -> str:
    spot = bid.cells.get("vendor_id", "")
    return f"{spot}{bid.row}" if bid.row is not None else spot


def _unknown_header(file: str, sheet: str, cell: str, title: Any, headers: Mapping[str, Field]) -> Problem:
    """A header naming no field; when it is a field's label with a unit in brackets (投标总价（万元）), saying so and
    in what unit the column is read, never suggesting the bare label alone (followed, it read 150 万元 as 150 yuan)."""
    written = _WITH_UNIT.fullmatch(normalise(str(title)))
    field = headers.get(fold(written["label"])) if written else None
    if written is None or field is None:
        return Problem.of("bids.unknown_header", file, sheet, cell, title=title,
                          suggestion=_suggest(str(title), headers))
    return Problem.of("bids.unit_in_header", file, sheet, cell, title=title, field=_named(field),
                      header=written["label"], unit=written["unit"].strip(), read_in=unit_label(field))


_WITH_UNIT = re.compile(r"(?P<label>.+?)\s*[(（\[【](?P<unit>[^()（）\[\]【】]+)[)）\]】]")


def _suggest(found: str, known: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(fold(found), list(known), n=1, cutoff=0.6)
    return close[0] if close else None


def _named(field: Field) -> Named:
    """A field as a message names it."""
    return Named(field.id, field.label)
