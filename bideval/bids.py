"""Reading vendor bids: many bid forms (sheet ``Bid``) or one consolidated workbook (sheet ``Bids``).

Every value is parsed to its field's type; every problem in every file is
collected and raised together as one :class:`BidsError`; nothing is returned
from input that is bad anywhere.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache, partial
from itertools import islice, repeat, zip_longest
from operator import itemgetter
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

from .cell_errors import FormattedNumber, PercentFormat
from .currency import is_multiple, money_units_said
from .errors import BidsError, DamagedWorkbook, Expected, Problem, cell_problem, raise_if
from .labels import Named
from .number_formats import excel_text, real_percent
from .patterns import on_first_use
from .pricing import PRICE_MODEL_FIELD
from .rubric import Field, Rubric
from .rubric_mark import (made_from_this_version, one_warning_per_version, other_period, other_rubric, other_version,
                          unit_problems)
from .sheets import (TITLE_ROWS, CellRange, InputFile, Workbook, cell_name, column_letter, expand_paths, is_blank,
                     is_blank_row, open_workbook)
from .values import (LARGEST, FieldType, ValueProblem, cell_decimal, fold, name_key, normalise,
                     normalise_vendor_id, number_as_shown, unit_label, unit_names)
from .workers import map_in_order

FORM_SHEET = "Bid"
CONSOLIDATED_SHEET = "Bids"
VALUE_COLUMN = 2  # column C of a bid form
# The fields whose cell a percent format misreads: 7 days typed into a 0% cell are stored as 0.07 (a percent field's
# 0.96 shown as 96% is the 96 % meant)
NO_PERCENTAGE = frozenset({FieldType.MONEY, FieldType.NUMBER, FieldType.INTEGER})
# The fields whose answer is what the sheet shows: 10 typed into a 000 cell is stored as 10 and shown as 010
AS_SHOWN = frozenset({FieldType.TEXT, FieldType.CHOICE})


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
    """The bids of one tender, the files they came from, and what reading them warned of (:func:`unplaced_fields`)."""

    bids: tuple[Bid, ...]
    files: tuple[InputFile, ...]
    warnings: tuple[Problem, ...] = ()


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


def close_vendor(vendor_id: str, known: Iterable[str]) -> str | None:
    """The one code of ``known`` that ``vendor_id`` is a slip of: at most two characters wrong, missing, extra or
    swapped with the next; None when there is none, or two are as close. Credit codes share their first characters
    (91 and a region's digits), so a code differing in many places is another bidder's, never a slip.

    >>> close_vendor("91330106MA2H8B1R7Y", ["91330106MA2H8B1R7X", "91110108MA01ABCD2E"])
    '91330106MA2H8B1R7X'
    >>> close_vendor("91320100MA1W9X2K4P", ["91330106MA2H8B1R7X"]) is None
    True
    """
    nearest = sorted((distance, code) for code in known
                     if (distance := _slips(vendor_id, code)) <= _MAX_SLIPS)
    if not nearest or (len(nearest) > 1 and nearest[1][0] == nearest[0][0]):
        return None
    return nearest[0][1]


_MAX_SLIPS = 2


def _slips(a: str, b: str) -> int:
    """The edits that turn ``a`` into ``b`` (a character changed, added, removed, or two neighbours swapped), counted
    up to one more than :data:`_MAX_SLIPS`."""
    if abs(len(a) - len(b)) > _MAX_SLIPS or _unplaced(a, b) > _MAX_SLIPS:
        return _MAX_SLIPS + 1
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, y in enumerate(b, 1):
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (x != y))
            if i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                row[j] = min(row[j], before[j - 2] + 1)
        if min(row) > _MAX_SLIPS:
            return _MAX_SLIPS + 1
        before, previous = previous, row
    return min(previous[-1], _MAX_SLIPS + 1)


def _unplaced(a: str, b: str) -> int:
    """How many characters of ``a`` stand nowhere in ``b`` within :data:`_MAX_SLIPS` places of their own, counted up
    to one more than :data:`_MAX_SLIPS`. Each is a slip (a character changed or removed; one added or two swapped
    move the rest by at most that many places), so more than :data:`_MAX_SLIPS` of them tell another bidder's code
    without :func:`_slips`'s table: a panel of 10,000 rows of unknown codes against 20 bids had taken 8 s filling it
    for every bid.

    >>> _unplaced("91330106MA2H8B1R7Y", "91330106MA2H8B1R7X"), _unplaced("91320100MA1W9X2K4P", "91330106MA2H8B1R7X")
    (1, 3)
    """
    unplaced, padded = 0, "\0" * _MAX_SLIPS + b  # (a[i]'s places in b, b[i - 2:i + 3], are padded[i:i + 5])
    for i, x in enumerate(a):
        if padded.find(x, i, i + 2 * _MAX_SLIPS + 1) < 0:
            unplaced += 1
            if unplaced > _MAX_SLIPS:
                break
    return unplaced


def read_bids(rubric: Rubric, paths: Iterable[str | Path], workers: int | None = None) -> BidSet:
    """Read every bid in ``paths`` (files or folders), or raise BidsError listing every problem.

    Many bid forms are read by several processes (``workers``, default: as :mod:`bideval.workers`
    finds worth it); the bids and problems come in the order of the files all the same.
    """
    paths = list(paths)
    found: list[Problem] = []  # archives not read that hold no form
    files, problems = expand_paths(paths, warnings=found)
    bidset = bid_set(map_in_order(partial(read_bid_file, Reading.of(rubric)), files, workers), problems, paths)
    return replace(bidset, warnings=(*found, *bidset.warnings))


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
    return FileRead(read.input, read.bids, tuple(problems), read.warnings)


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


class SharedVendors:
    """How many problems :func:`vendors_in_other_files` finds in the files of an upload read so far, kept up as each
    file is read (:meth:`add`): an import's progress tells it after every file, and finding them again over every file
    read so far had been quadratic in the number of files. One problem per file holding a vendor another file holds:
    a vendor's second file adds two (its first file's and its own), each further file one."""

    def __init__(self) -> None:
        self.files_of: dict[str, int] = {}  # vendor → how many of the files read hold it
        self.problems = 0

    def add(self, read: FileRead) -> int:
        """Count in the next file of the upload; the problems found so far."""
        for vendor in {bid.vendor_id for bid in read.bids}:
            held = self.files_of.get(vendor, 0)
            self.problems += 2 if held == 1 else 1 if held else 0
            self.files_of[vendor] = held + 1
        return self.problems


def bid_set(reads: Iterable[FileRead], problems: list[Problem], paths: Sequence[str | Path]) -> BidSet:
    """The bids the files found in ``paths`` gave (``problems``: those of finding them), or BidsError."""
    return _bid_set(reads, problems, ", ".join(map(str, paths)) or "(no path)")


def _bid_set(reads: Iterable[FileRead], problems: list[Problem], where: str) -> BidSet:
    """The bids the files gave, or BidsError with every problem (a vendor twice, no bid at all included)."""
    bids: list[Bid] = []
    inputs: list[InputFile] = []
    warnings: list[Problem] = []
    for read in reads:
        if read.input is not None:
            inputs.append(read.input)
        bids.extend(read.bids)
        problems.extend(read.problems)
        warnings.extend(read.warnings)
    problems.extend(_duplicate_vendors(bids))
    if not bids and not problems:
        problems.append(Problem.of("bids.none_found", where))
    if problems:
        raise BidsError(problems)
    return BidSet(tuple(bids), tuple(inputs), tuple(one_warning_per_version(warnings)))


@dataclass(frozen=True)
class FileRead:
    """What one bid workbook gave: the file with its hash (when it could be opened), its bids, its problems, and its
    warnings (:func:`unplaced_fields`)."""

    input: InputFile | None
    bids: tuple[Bid, ...]
    problems: tuple[Problem, ...]
    warnings: tuple[Problem, ...] = ()


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
    numbers: frozenset[str] = frozenset()  # the ids of the fields a percent format misreads (NO_PERCENTAGE)
    texts: frozenset[str] = frozenset()  # the ids of the fields read as the sheet shows them (AS_SHOWN)

    @cached_property
    def label_owners(self) -> dict[str, str | None]:
        """The field each label names (its Chinese, its English, both as the bid form writes them, or its id), by
        :func:`~bideval.values.name_key`; None for a label two fields share, which names neither."""
        owners: dict[str, str | None] = {}
        for f in self.rubric.bid_fields:
            for spelling in {name_key(s) for s in (f.id, f.label.zh, f.label.en, f.label.both())} - {""}:
                owners[spelling] = f.id if owners.get(spelling, f.id) == f.id else None
        return owners

    @cached_property
    def form_labels(self) -> dict[str, str]:
        """Each field's label as the bid form template writes it in column B (``中文 / English``), by field id."""
        return {field_id: f.label.both() for field_id, f in self.rubric.field_index.items()}

    @cached_property
    def form_order(self) -> dict[str, int]:
        """Each field's place on the bid form, as the template writes its rows: the rubric's order of fields."""
        return {f.id: i for i, f in enumerate(self.rubric.bid_fields)}

    @classmethod
    def of(cls, rubric: Rubric) -> "Reading":
        return cls(rubric, _header_index(rubric), {f.id: _remembering(f) for f in rubric.bid_fields},
                   frozenset(f.id for f in rubric.bid_fields if f.type in NO_PERCENTAGE),
                   frozenset(f.id for f in rubric.bid_fields if f.type in AS_SHOWN))


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
    version = other_version(book, reading.rubric, "bids")  # made from the rubric before an amendment
    return FileRead(InputFile(display, book.sha256, "bids"), tuple(found), tuple(problems),
                    tuple(unplaced_fields(reading.rubric, found)) + ((version,) if version and found else ()))


def unplaced_fields(rubric: Rubric, bids: Sequence[Bid]) -> list[Problem]:
    """A warning when the sheet the ``bids`` were read from (one workbook's) has no column, or a bid form no row, for a
    field the evaluation reads: every bid of it is read as not stating that field (formats.md §2), which an officer
    who left a column out of the consolidation must hear of — a scored field then scores 0 for every bid, a required
    one or the price makes every bid invalid. Not told: the price fields of a pricing model none of the bids names,
    ``price_model`` when the rubric allows one model, and ``sme`` when no SME rule prices it."""
    if not bids:
        return []
    first = bids[0]  # a consolidated sheet's bids share its columns; a form's file holds one bid
    placed = first.cells
    price = rubric.price_criterion
    allowed = rubric.pricing.models
    named = {bid.values.get(PRICE_MODEL_FIELD) for bid in bids} if len(allowed) != 1 else set(allowed)
    needed = {p.id for model in allowed if model in named for p in rubric.pricing.parameters(model)}
    unpriced_sme = price is None or (price.sme_deduction is None and not price.sme_categories)
    missing = [f for f in rubric.bid_fields if f.id not in placed and f.id not in ("vendor_id", "vendor_name")
               and not (f.origin == "price" and f.id != PRICE_MODEL_FIELD and f.id not in needed)
               and not (f.id == PRICE_MODEL_FIELD and len(allowed) == 1)
               and not (f.id == "sme" and unpriced_sme)]
    if not missing:
        return []
    return [Problem.of("bids.fields_not_in_sheet", first.file, first.sheet, fields=tuple(map(_named, missing)),
                       form=first.row is None, bids=len(bids))]


def _read_book(reading: Reading, book: Workbook) -> tuple[list[Bid], list[Problem]]:
    if book.is_ranked():
        return [], [book.ranked_workbook("bids")]
    other = other_rubric(book, reading.rubric, "bids")  # another lot's form
    if other is not None:
        return [], [other]
    form = book.find(FORM_SHEET)
    consolidated = book.find(CONSOLIDATED_SHEET)
    if form and consolidated:
        return [], [Problem.of("bids.both_sheets", book.display, form=FORM_SHEET, consolidated=CONSOLIDATED_SHEET)]
    read = consolidated or form
    if read is None:
        return [], [Problem.of("bids.no_bid_sheet", book.display, form=FORM_SHEET, consolidated=CONSOLIDATED_SHEET,
                               found=tuple(book.sheet_names))]
    if book.hidden_sheet(read):  # its bids nobody sees: a hidden sheet beside a corrected copy had been read
        return [], [Problem.of("bids.hidden_sheet", book.display, read), *_bids_elsewhere(reading, book, read, ())]
    if consolidated:
        found, problems = _read_consolidated(reading, book, read)
    else:
        bid, problems = _read_form(reading, book, read)
        found = [bid] if bid else []
    elsewhere = _bids_elsewhere(reading, book, read, found)
    return ([], problems + elsewhere) if elsewhere else (found, problems)


def _bids_elsewhere(reading: Reading, book: Workbook, read: str, read_bids: Sequence[Bid]) -> list[Problem]:
    """A problem for each sheet other than ``read`` that holds a bid not read (:func:`_bid_shape`): Excel names a
    copied sheet ``Bids (2)``, and vendors split over two sheets lost those of the second without a word. A summary
    or register of the bids read (报价汇总, 投标人登记表), a field dictionary, choice lists or an example form is left
    alone. A form whose copy states the same vendor is told too, as the copies may differ (a bidder hid ``Bid`` and
    corrected a copy ``Bid (2)``: the stale price was read). A hidden sheet is told as hidden: nobody sees its tab."""
    if all(sheet == read for sheet in book.sheet_names):
        return []  # (the sheet read alone: the bidders read are not gathered for nothing)
    vendors = {b.vendor_id for b in read_bids}
    names = {name_key(b.vendor_name) for b in read_bids}
    problems: list[Problem] = []
    mine: list[tuple[int, tuple[str, ...]]] | None = None  # the sheet read, from its header (once, if consolidated)
    form: list[list[Any]] | None = None  # the form read, as a reader reads it (once, if a form)
    read_rows: list[list[Any]] | None = None
    for sheet in book.sheet_names:
        if sheet == read:
            continue
        consolidated = read == CONSOLIDATED_SHEET
        try:
            rows = book.rows(sheet)
            if read_rows is None:  # (each copy compared as a reader reads it, not as stored: hostile15)
                read_rows = _as_seen(reading, book, read, book.rows(read), consolidated)
                mine, form = (_from_header(reading, read_rows), None) if consolidated else (None, read_rows)
        except DamagedWorkbook as damaged:
            problems.extend(damaged.problems)
            continue
        seen = _as_seen(reading, book, sheet, rows, consolidated)
        found = _bid_shape(reading, sheet, rows, vendors, names, form, seen) or (
            _changed_copy(reading, mine, seen) if mine is not None else None)
        if found is not None:
            problems.append(Problem.of("bids.bids_elsewhere", book.display, sheet, read=read,
                                       hidden=book.hidden_sheet(sheet), **found))
    return problems


def _changed_copy(reading: Reading, mine: list[tuple[int, tuple[str, ...]]],
                  rows: list[list[Any]]) -> dict[str, Any] | None:
    """The first cell where a copy of the sheet of bids read (``mine``: :func:`_from_header`) differs from it
    (hostile12: ``Bids (修正)``, the same bidders with a price corrected, was passed over and the old price read): a
    sheet headed as the one read, cell for cell, whose row for a bidder read is not that bidder's row there. A summary
    headed otherwise, or an unchanged copy, is left alone. None: no such cell."""
    theirs = _from_header(reading, rows)
    if not mine or not theirs or mine[0][1] != theirs[0][1]:
        return None  # (headed otherwise: no copy of the sheet read)
    code_at = _codes_at(reading, mine[0][1]) or 0
    read = {normalise_vendor_id(row[code_at]): (r, row) for r, row in mine[1:] if code_at < len(row)}
    for r, row in theirs[1:]:
        code = normalise_vendor_id(row[code_at]) if code_at < len(row) else ""
        if code not in read:
            continue
        mine_at, same = read[code]
        changed = next((c for c, (a, b) in enumerate(zip_longest(row, same, fillvalue="")) if a != b), None)
        if changed is not None:
            return {"shape": "copy", "found": row[code_at], "at": cell_name(r, changed),
                    "read_at": cell_name(mine_at, changed)}
    return None


def _as_seen(reading: Reading, book: Workbook, sheet: str, rows: list[list[Any]],
             consolidated: bool) -> list[list[Any]]:
    """``rows`` of the sheet read or of another, each number cell of a price, a number, a count, a text or a choice
    as a bid's reader reads it through its number format (:func:`_as_read`: 0.85 in a ``0%`` cell a percentage, 10
    in a text's ``000`` cell 010): below the header naming the vendor_id column (``consolidated``), or beside the
    field ids of column A. Two copies holding the same numbers shown otherwise are not the same bids. ``rows``
    themselves when the sheet has no such cell (a copy otherwise)."""
    if book.notes.formatted.get(sheet) is None:
        return rows
    rows = [list(row) for row in rows]
    if consolidated:
        header = _from_header(reading, rows)
        fields = {c: field.id for c, title in enumerate(header[0][1] if header else ())
                  if (field := reading.headers.get(name_key(title))) is not None}
        for kind, formats in ((reading.numbers, _percent), (reading.texts, None)):
            for r, c, own, rule in book.formatted_numbers(sheet, rows, [c for c, f in fields.items() if f in kind],
                                                          None, formats):
                rows[r][c] = _as_read(rows[r][c], own, rule, formats is None)
        return rows
    answers = {r: key for r, row in enumerate(rows) if row and isinstance(row[0], str)
               and ((key := normalise(row[0])) in reading.numbers or key in reading.texts)}
    for r, c, own, rule in book.formatted_numbers(sheet, rows, (VALUE_COLUMN,), answers):
        rows[r][c] = _as_read(rows[r][c], own, rule, answers[r] in reading.texts)
    return rows


def _from_header(reading: Reading, table: list[list[Any]]) -> list[tuple[int, tuple[str, ...]]]:
    """The filled rows of ``table`` (each its row number and its cells as normalised text, trailing empty cells
    dropped) from the header naming the vendor_id column, below titles which may differ; none without such a header."""
    cells = [(r, [("" if is_blank(v) else normalise(str(v))) for v in row]) for r, row in enumerate(table)]
    filled = [(r, tuple(row[:max(c for c, v in enumerate(row) if v) + 1])) for r, row in cells if any(row)]
    at = next((h for h, (_, row) in enumerate(filled[:TITLE_ROWS + 1]) if _codes_at(reading, row) is not None), None)
    return filled[at:] if at is not None else []


def _codes_at(reading: Reading, row: tuple[str, ...]) -> int | None:
    """The column of a header row that names the vendor_id field, if any."""
    return next((c for c, title in enumerate(row) if (field := reading.headers.get(name_key(title))) is not None
                 and field.id == "vendor_id"), None)


def _bid_shape(reading: Reading, sheet: str, rows: list[list[Any]], vendors: set[str],
               names: set[str], form: list[list[Any]] | None = None,
               seen: list[list[Any]] | None = None) -> dict[str, Any] | None:
    """What shows that ``rows`` hold a bid not among those read (``vendors``, ``names``: by
    :func:`~bideval.values.name_key`), as the facts of its problem; None when they hold none.

    A table of bids (``consolidated``): a row among the first :data:`_OTHER_HEADER_SEARCH` filled ones (a header
    below titles) that names two fields or more, or one beside a column of credit codes (the form's shape: 18
    letters and digits, whatever the check character) headed in words bid-eval does not know (信用代码); a row below
    it whose code, or name when it has no code, is not among those read. A form (``form``): field ids in column A,
    and a ``vendor_id`` answer in column C that is a code (letters and digits, whatever its check character or
    length), or a ``vendor_name`` answer beside an empty code; unless the sheet is an example (its name says 示例,
    样例, 范例, 范本, 模板, 格式, example, sample or template: 填写示例, 参考格式; or the vendor it names begins with 示例,
    样例, 范例 or 范本, or says so in brackets: 示例公司, 某公司（示例）; not 北京示例客服有限公司, a firm's name), or a
    cover: the bidder read (its code, or its name beside no code) and no other answer; or an unchanged copy of the
    form read (``form``: its rows as a reader reads them, compared with ``seen``, this sheet's: :func:`_as_seen`), as
    an unchanged copy of ``Bids`` is left alone: a copy with a row added (a corrected price below the first), a note
    or a label changed, or a number shown otherwise (0.85 as 85% in a ``0%`` cell) is told, naming the first cell
    that differs and its place in the form read. A field dictionary describes
    the vendor_id in words, a type or a length (``18``, ``text``: :data:`_COPIED_CODE`), so it is no bid."""
    filled = [(r, row) for r, row in enumerate(rows) if not is_blank_row(row)]
    for h, (r, header) in enumerate(filled[:_OTHER_HEADER_SEARCH]):
        named = {c: field.id for c, title in enumerate(header) if not is_blank(title)
                 and (field := reading.headers.get(name_key(str(title)))) is not None}
        if not named or any(not is_blank(title) and (name_key(str(title)) in names or normalise_vendor_id(str(title))
                                                      in vendors) for title in header):
            continue  # (a row naming a bidder read is a label beside its answer, 投标人名称 | 甲公司: no header)
        columns = {field_id: c for c, field_id in reversed(named.items())}  # (a field's first column)
        below = [row for _, row in filled[h + 1:]]
        code_at, unknown = columns.get("vendor_id"), None
        if code_at is None:
            unknown = next((c for c, title in enumerate(header) if c not in named and not is_blank(title)
                            and any(c < len(row) and _is_code_shaped(row[c]) for row in below)), None)
            code_at = unknown
        if len(columns) < 2 and not (columns and unknown is not None):
            continue
        name_at = columns.get("vendor_name")
        for row in below:
            code = row[code_at] if code_at is not None and code_at < len(row) else None
            name = row[name_at] if name_at is not None and name_at < len(row) else None
            if not is_blank(code):
                new = normalise_vendor_id(str(code)) not in vendors
            else:
                new = not is_blank(name) and name_key(str(name)) not in names
            if new:
                return {"shape": "consolidated", "found": code if not is_blank(code) else name,
                        "code_header": None if unknown is None else cell_name(r, unknown),
                        "code_title": None if unknown is None else header[unknown]}
        return None  # a header: the rows below it are those read, or no vendor is named (choice lists)
    answers, column = _form_answers(reading, [row for _, row in filled])
    code, name = answers.get("vendor_id"), answers.get("vendor_name")
    own = normalise_vendor_id(str(code)) in vendors if not is_blank(code) else \
        not is_blank(name) and name_key(str(name)) in names
    # (a sheet named as an example that names a bidder read is that bidder's own copy: 报价表格式 filled in, hostile12)
    if len(answers) < 2 or _EXAMPLE.search(sheet) and not own or not is_blank(name) and _EXAMPLE_NAME.search(
            str(name).strip()):
        return None
    if own and all(is_blank(v) for k, v in answers.items() if k not in ("vendor_id", "vendor_name")):
        return None  # a cover (封面) naming the bidder read, answering nothing else
    copied = own and form is not None and not _EXAMPLE.search(sheet)  # (报价表格式: above)
    differs = _first_difference(seen or rows, form or ()) if copied else None
    if copied and differs is None:
        return None  # Bid (2), the form copied and left as it is: whichever is read, the answers are the same
    if not is_blank(code) and _COPIED_CODE.fullmatch(normalise_vendor_id(str(code))):
        return {"shape": "form", "found": code, "stated": "vendor_id", "column": column_letter(column),
                **({"at": differs[0], "read_at": differs[1]} if differs is not None else {})}
    if is_blank(code) and not is_blank(name):
        return {"shape": "form", "found": name, "stated": "vendor_name", "column": column_letter(column)}
    return None


def _first_difference(rows: Sequence[Sequence[Any]], read: Sequence[Sequence[Any]]) -> tuple[str, str] | None:
    """The first cell where a copy of the form (``rows``) holds otherwise than the form read (``read``), each filled row
    taken in turn in both (a row inserted moves the rest), as the cell in each: None when none differs."""
    for (r, row), (m, mine) in zip_longest(_numbered(rows), _numbered(read), fillvalue=(-1, ())):
        c = next((c for c, (a, b) in enumerate(zip_longest(row, mine, fillvalue="")) if a != b), None)
        if c is not None:
            return cell_name(max(r, 0), c), cell_name(max(m, 0), c)
    return None


def _numbered(rows: Sequence[Sequence[Any]]) -> list[tuple[int, tuple[Any, ...]]]:
    """The rows of a sheet that hold something, each with its number (from 0) and without its empty cells at the end."""
    return [(r, tuple(row[:ends[-1] + 1])) for r, row in enumerate(rows)
            if (ends := [c for c, v in enumerate(row) if not is_blank(v)])]


def _form_answers(reading: Reading, rows: list[list[Any]]) -> tuple[dict[str, Any], int]:
    """The answers a sheet holds as a form does (field → its first answer), and the column they stand in: beside field
    ids in column A, in column C; else beside the fields' labels (``中文 / English`` as the template writes them, or
    either half) in whichever of the first :data:`_LABEL_COLUMNS` columns names most fields, in the column after it (a
    corrected copy pasted without column A: 更正 passed over, its new price lost)."""
    by_id: dict[str, Any] = {}
    for row in rows:
        key = normalise(row[0]) if row and isinstance(row[0], str) else None
        if key in reading.rubric.field_index:
            by_id.setdefault(key, row[VALUE_COLUMN] if len(row) > VALUE_COLUMN else None)
    best, column = by_id, VALUE_COLUMN
    if len(by_id) >= 2:
        return best, column
    owners = reading.label_owners
    for c in range(_LABEL_COLUMNS):
        found: dict[str, Any] = {}
        for row in rows:
            owner = owners.get(name_key(row[c])) if c < len(row) and isinstance(row[c], str) else None
            if owner is not None:
                found.setdefault(owner, row[c + 1] if c + 1 < len(row) else None)
        if len(found) > len(best):
            best, column = found, c + 1
    return best, column


_LABEL_COLUMNS = 4  # columns of a sheet not read looked at for a form's labels (A to D)


_OTHER_HEADER_SEARCH = 10  # filled rows of a sheet not read looked at for a header of bids (below titles)
_CODE_SHAPE = on_first_use(r"[0-9A-Z]{18}")  # a credit code's shape, whatever its check character
# What marks a form as an example in its sheet's name (填写示例, 参考格式, 模板, Sample)
_EXAMPLE = on_first_use(r"示例|样例|范例|范本|模板|格式|example|sample|template", re.IGNORECASE)
# ... and in the vendor name it holds: the word first (示例公司) or in brackets (某公司（示例）), never inside a name, as a
# firm's may be (北京示例客服有限公司)
_EXAMPLE_NAME = on_first_use(r"^[\W_]*(?:示例|样例|范例|范本|example|sample)|[（(【\[]\s*(?:示例|样例|范例|范本|example|sample)"
                             r"\s*[)）】\]]", re.IGNORECASE)


def _is_code_shaped(value: Any) -> bool:
    """Whether a cell holds a text in a credit code's shape (:data:`_CODE_SHAPE`)."""
    return isinstance(value, str) and _CODE_SHAPE.fullmatch(normalise_vendor_id(value)) is not None


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
    formatted: dict[int, str] = {}  # the rows of the fields a number format may misread or show → their field
    for r, row in enumerate(rows):
        key = row[0] if row else None
        if is_blank(key):  # no field id: a blank or spacer row (or a title outside column A)
            continue
        first, header = header, False
        field_id = normalise(str(key))
        if field_id not in fields:
            if not field_rows and name_key(field_id) in _FORM_HEADINGS:
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
        if field_id in reading.numbers or field_id in reading.texts:
            formatted[r] = field_id
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
    # A field id or answer struck through, as a cancelled line is marked: nobody reads it as the form's answer.
    struck = book.struck_rows(sheet, rows, field_rows, (0, VALUE_COLUMN), "bids.struck", layout="form")
    if struck:
        return None, problems + [problem for found in struck.values() for problem in found]
    apart = _ids_apart_from_labels(reading, book.display, sheet, rows, dict(zip(cells, field_rows)))
    if apart:  # every answer of those rows would be read as another field's: told at the ids, nothing read
        return None, problems + apart
    moved_rows = _rows_out_of_order(reading, book, sheet, dict(zip(cells, field_rows)))
    if moved_rows is not None:  # ids sorted with their labels, the answers left: each would be read as another's
        return None, problems + [moved_rows]
    moved = (_answers_elsewhere(book.display, sheet, rows, field_rows)
             if "vendor_id" in raw and is_blank(raw["vendor_id"]) else None)
    if moved is not None:  # every answer would be told empty, or read from the wrong column: the one cause is told
        return None, problems + [moved]
    for r, c, own, rule in book.formatted_numbers(sheet, rows, (VALUE_COLUMN,), formatted):
        raw[formatted[r]] = _as_read(rows[r][c], own, rule, formatted[r] in reading.texts)
    # column D of a form bid-eval wrote states the unit its answer is in; a form that lost its mark still says it
    problems += unit_problems(book, reading.rubric, sheet, rows, {f: field_rows[i] for i, f in enumerate(cells)},
                              VALUE_COLUMN + 1, VALUE_COLUMN)
    bid = _make_bid(reading, raw, lambda f: cells.get(f, ""), book.display, sheet, cells, None, problems)
    return bid, problems


def _as_read(number: int | float, own: str | None, rule: str | None, text: bool) -> Any:
    """What a bid's reader reads for a number cell shown through its own number format ``own`` (None: General), or
    maybe through the percent format ``rule`` of a conditional format (None: none): in a text or a choice field, the
    text the sheet shows (10 through ``000`` is 010, 0.5 through ``0%`` is 50%) where bid-eval shows the format
    exactly, else a :class:`~bideval.cell_errors.FormattedNumber` its parser refuses (a number of 16 digits or more
    is left to it, which refuses it as such); in a price, a number or a count, a percentage as a
    :class:`~bideval.cell_errors.PercentFormat` its parser refuses, any other format as the number."""
    if not text:
        code = own if own is not None and _percent(own) else rule
        return number if code is None else PercentFormat(number_as_shown(number), code, by_rule=code is rule)
    value = cell_decimal(number)
    if abs(value) >= LARGEST:
        return number
    shown = excel_text(value, own) if own is not None and rule is None else None
    return shown if shown is not None else FormattedNumber(number_as_shown(number), rule or own or "General",
                                                           by_rule=rule is not None)


_percent = lru_cache(maxsize=256)(real_percent)  # (the few formats of a workbook, met cell after cell)


def _answers_elsewhere(file: str, sheet: str, rows: list[list[Any]], field_rows: list[int]) -> Problem | None:
    """A form whose answers stand in another column than C (a bidder inserted a 序号 or 备注 column before it): C is
    empty beside the vendor_id while another column of that row holds a credit code. The problem names the column,
    its cell and how many field rows it fills; None for a form whose vendor_id is simply left empty."""
    r = next(r for r in field_rows if normalise(str(rows[r][0])) == "vendor_id")
    found = next(((c, v) for c, v in enumerate(rows[r]) if c not in (0, VALUE_COLUMN) and isinstance(v, str)
                  and is_credit_code(normalise_vendor_id(v))), None)
    if found is None:
        return None
    column, code = found
    filled = sum(1 for f in field_rows if column < len(rows[f]) and not is_blank(rows[f][column]))
    return Problem.of("bids.answers_elsewhere", file, sheet, cell_name(r, VALUE_COLUMN), column=column_letter(column),
                      at=cell_name(r, column), found=code, filled=filled, rows=len(field_rows))


def _ids_apart_from_labels(reading: Reading, file: str, sheet: str, rows: list[list[Any]],
                           placed: Mapping[str, int]) -> list[Problem]:
    """The field rows (``placed``: field id → row) whose column B shows the label of another field than the id in
    column A names (column A sorted on its own, Excel's "Continue with the current selection", or ids pasted in
    another order): the answer in C, typed under B's question, would be read as A's field. Each is refused at its A
    cell. A label is compared as :func:`~bideval.values.name_key` compares names, in either language or both as the
    template writes it (``中文 / English``), or the field's id (a form made by hand); a label reworded by hand
    (naming no field, or two) or left empty passes."""
    fields, owners, written = reading.rubric.field_index, reading.label_owners, reading.form_labels
    apart: list[Problem] = []
    for field_id, r in placed.items():
        row = rows[r]
        label = row[1] if len(row) > 1 else None
        if label == written[field_id] or is_blank(label):  # (the template's own label: most rows of most forms)
            continue
        field = fields[field_id]
        owner = owners.get(name_key(str(label)))
        if owner is None or owner == field_id:
            continue
        apart.append(Problem.of("bids.id_apart_from_label", file, sheet, cell_name(r, 0), field=_named(field),
                                found=label, owner=_named(fields[owner])))
    return apart


def _rows_out_of_order(reading: Reading, book: Workbook, sheet: str, placed: Mapping[str, int]) -> Problem | None:
    """On a form made from this very version of the rubric, the first field row (``placed``: field id → row, in the
    sheet's order) whose id stands before another's that the template wrote above it (hostile11 H11-4: columns A:B
    sorted together, C left, so each id matched its label and every answer was read as another field's, the winner
    falling to 4th). Rows deleted or added leave the others' order, so only the order is compared, not row numbers.
    A whole-row sort is refused too: a form sorted whole cannot be told from one sorted apart, and the bidder has
    the template's order to go back to. None on any other form (by hand, without the mark, another version)."""
    if not made_from_this_version(book, reading.rubric):
        return None
    order = reading.form_order
    first: tuple[str, str] | None = None  # the highest row out of order so far, and the field it stands before
    earliest: str | None = None  # the field placed first by the template among the rows below
    for field_id in reversed([field_id for field_id in placed if field_id in order]):
        if earliest is not None and order[earliest] < order[field_id]:
            first = field_id, earliest
        if earliest is None or order[field_id] < order[earliest]:
            earliest = field_id
    if first is None:
        return None
    fields = reading.rubric.field_index
    return Problem.of("bids.rows_out_of_order", book.display, sheet, cell_name(placed[first[0]], 0),
                      field=_named(fields[first[0]]), before=_named(fields[first[1]]))


# What the bid form template heads column A with (bideval.template.HEADERS), alone or as 中文 / English (by name_key).
_FORM_HEADINGS = frozenset({"字段", "fieldid", "字段/fieldid"})


def _header_index(rubric: Rubric) -> dict[str, Field]:
    """Bid fields by the headers that name them, each by its :func:`~bideval.values.name_key` (a header wrapped onto
    two lines in its cell, 投标人⏎名称, or spaced, 投标人 名称, is the label as written): every id first, so a label
    never hides another field's id."""
    index = {name_key(f.id): f for f in rubric.bid_fields}
    for f in rubric.bid_fields:
        for spelling in _header_spellings(f)[1:]:
            index.setdefault(name_key(spelling), f)
    return index


def _header_spellings(field: Field) -> tuple[str, ...]:
    """The headers that name a field's column: its id, then its labels."""
    return field.id, field.label.zh, field.label.en, field.label.both()


def _fields_named(headers: Mapping[str, Field], row: Sequence[Any]) -> set[str]:
    """The ids of the fields a row's cells name as headers."""
    return {headers[key].id for key in (name_key(str(v)) for v in row if not is_blank(v)) if key in headers}


def _read_consolidated(reading: Reading, book: Workbook, sheet: str) -> tuple[list[Bid], list[Problem]]:
    rubric, headers = reading.rubric, reading.headers
    rows = book.rows(sheet)
    problems: list[Problem] = []
    start, under, above = _header_at(reading, book, sheet, rows)
    if above:
        return [], above
    if start is None:
        return [], [Problem.of("bids.empty_sheet", book.display, sheet)]
    hidden = book.hidden_rows_held(sheet, rows)
    hidden_columns = book.hidden_columns_held(sheet, rows)
    hidden_problems = [Problem.of("bids.hidden_column", book.display, sheet, cell_name(start, n - 1),
                                  column=column_letter(n - 1)) for n in hidden_columns]
    hidden_problems += [Problem.of("bids.hidden_row", book.display, sheet, row=number) for number in sorted(hidden)]
    # Each column's header: in the header row, or in the row below it under a group heading (报价 over J1:K1)
    header = [rows[start + 1][c] if c in under else title for c, title in enumerate(rows[start])]
    body = start + 2 if under else start + 1  # the first row below the header

    def at(c: int) -> str:
        return cell_name(start + 1 if c in under else start, c)

    columns: dict[str, int] = {}
    for c, title in enumerate(header):
        if title is None or (isinstance(title, str) and not title.strip()):
            if any(c < len(row) and not is_blank_row(row[c:c + 1]) for row in rows[body:]):
                problems.append(Problem.of("bids.no_header", book.display, sheet, at(c)))
            continue
        f = headers.get(name_key(str(title))) or _labelled_in_own_unit(str(title), headers)
        if f is None:
            problems.append(_unknown_header(book.display, sheet, at(c), title, headers))
            continue
        if f.id in columns:
            problems.append(Problem.of("bids.column_twice", book.display, sheet, at(c), column=_named(f),
                                       also=at(columns[f.id])))
            continue
        columns[f.id] = c
    # A header struck through (a column given up?) is not read as if it stood: its column is refused at the header
    problems += book.struck_cells(sheet, rows, [(start + 1 if c in under else start, c) for c in sorted(columns.values())],
                                  "bids.struck_header")
    for required in ("vendor_id", "vendor_name"):
        if required not in columns:
            problems.append(Problem.of("bids.missing_column", book.display, sheet, cell_name(start, 0),
                                       column=_named(rubric.field_index[required])))
    if problems:
        return [], problems + hidden_problems
    problems.extend(hidden_problems)  # the data rows' problems follow: every problem is told at once
    letters = {fid: column_letter(c) for fid, c in columns.items()}
    width = max(columns.values()) + 1
    code_at = columns["vendor_id"]  # (a row with a code in it holds something: the others are looked at whole)
    numbers = [r for r in range(body, len(rows)) if (code_at < len(rows[r]) and not is_blank(rows[r][code_at]))
               or not is_blank_row(rows[r][:width])]
    if hidden:  # refused above, as a whole: its cells are not read
        numbers = [r for r in numbers if r + 1 not in hidden]
    unread = {number - 1 for number in hidden_columns}  # refused above, as a whole: its cells are not read either
    read_columns = [c for c in columns.values() if c not in unread]
    # Rows that are no bid as they stand, each refused as a whole, its cells not read: a total row, a struck-through row
    refused, not_bids = _rows_not_bids(book, sheet, rows, numbers, read_columns)
    if refused:
        problems.extend(not_bids)
        numbers = [r for r in numbers if r not in refused]
    problems.extend(book.merged_problems(sheet, numbers, read_columns))
    # A price, a number or a count shown through a percent format: what stands in its place is refused by its parser
    # (a column formatted #,##0.00 is not looked through); a text or a choice is read as the sheet shows it
    read = set(numbers) if book.notes.formatted.get(sheet) else ()  # (made once for both asks)
    for kind, formats in ((reading.numbers, _percent), (reading.texts, None)):
        for r, c, own, rule in book.formatted_numbers(
                sheet, rows, [c for f, c in columns.items() if c not in unread and f in kind], read, formats):
            rows[r][c] = _as_read(rows[r][c], own, rule, formats is None)
    data = [rows[r] for r in numbers]
    # Column by column, one parser per field: a field's cells are parsed in one loop, a spelling
    # already seen in the column taken from memory. Problems are then told row by row, field by field.
    parsed: dict[str, list[Any]] = {}
    failed: dict[int, list[Problem]] = {}
    shortest = min(map(len, data), default=0)  # python-calamine's rows are all as long as the sheet is wide
    by_column = list(zip(*data))  # (the columns as far as every row goes)
    for field in rubric.bid_fields:
        column = columns.get(field.id)
        cells: Sequence[Any]
        if column is None or column in unread:
            cells = [None] * len(data)
        elif column < shortest:
            cells = by_column[column]
        else:
            cells = [row[column] if column < len(row) else None for row in data]
        parsed[field.id] = _parse_column(field, cells, failed, numbers, book.display, sheet,
                                         letters.get(field.id, ""))  # (each different cell parsed once: no memory)
    bids: list[Bid] = []
    named = [field for field in rubric.bid_fields if field.id in ("vendor_id", "vendor_name")
             and columns[field.id] not in unread]
    totals = _labelled_totals(parsed, data, columns, numbers, book.display, sheet)
    vendors = _vendor_ids(parsed["vendor_id"])
    shaped = list(map(_VENDOR_CODE.fullmatch, vendors))
    values_of = list(map(dict, map(zip, repeat(list(parsed)), zip(*parsed.values()))))
    names = parsed["vendor_name"]
    if numbers and not (failed or totals or unread) and None not in names and None not in shaped:
        # every row a bid, as in most sheets: the bids made in one pass
        return list(map(Bid, vendors, names, map(bool, parsed.get("sme") or repeat(None)), values_of,
                        repeat(book.display), repeat(sheet), repeat(letters), [r + 1 for r in numbers])), problems
    for i, (r, values, vendor, code_shaped) in enumerate(zip(numbers, values_of, vendors, shaped)):
        if totals and i in totals:  # a total row's cells say nothing of a bid: its problems are the total row's
            problems.append(totals[i])
            continue
        if i in failed or unread or values["vendor_name"] is None or code_shaped is None:
            row_problems = failed.get(i, [])  # (most rows have none: these lines are for the others)
            for field in named:
                if values[field.id] is None:
                    row_problems.append(Problem.of("bids.required_empty", book.display, sheet,
                                                   f"{letters.get(field.id, '')}{r + 1}" or None, field=_named(field)))
            raw = data[i][columns["vendor_id"]] if columns["vendor_id"] < len(data[i]) else None
            row_problems += _odd_vendor_code(reading, values, book.display, sheet, f"{letters['vendor_id']}{r + 1}",
                                             raw)
            if row_problems or unread:  # (a sheet with a hidden column gives no bid: each row lacks what it hides)
                problems.extend(row_problems)
                continue
        bids.append(Bid(vendor, values["vendor_name"], bool(values.get("sme")), values, book.display, sheet, letters,
                        r + 1))
    if not bids and not problems:
        problems.append(Problem.of("bids.no_rows", book.display, sheet))
    return bids, problems


def _header_at(reading: Reading, book: Workbook, sheet: str,
               rows: list[list[Any]]) -> tuple[int | None, frozenset[int], list[Problem]]:
    """The index of a Bids sheet's header row and the columns headed in the row below it, or the problem that stops
    the sheet being read.

    The header is the first row naming the vendor_id and vendor_name columns. Up to :data:`TITLE_ROWS` rows above it
    are passed over when each is a title (one filled cell: 投标人报价汇总表, a date) or a row of group headings, each
    heading merged across the columns it heads (投标人信息 over A1:C1, 报价 over J1:K1): neither can hold a bid. Any
    other row above it (a subtitle in two cells, a bid above the header, a fourth title) stops the sheet with one
    problem naming the header row, rather than the header being taken from the wrong row and refused cell by cell.
    A row above it that names fields itself is a header too (a label with a slip in it, and the header repeated
    further down): the first row is then taken for the header and refused at its cells, as before.

    A header may be two rows deep where a heading in it is merged across the columns it heads and the row below names
    those columns and nothing else (报价 over J1:K1, 报价方式 and 投标总价 in J2 and K2; the other headers merged down
    over both rows, or with nothing below them): those columns are headed by the row below, and the bids start under it.

    A title or heading passed over that states a unit for the amounts (单位：万元, 报价（万元）) stops the sheet: the
    columns are read in their fields' own units whatever a title says. Without a header (none among the first rows),
    the first filled row is taken for the header and refused at its cells, as before."""
    filled = list(islice((r for r, row in enumerate(rows) if not is_blank_row(row)), _HEADER_SEARCH))
    header = next((r for r in filled if {"vendor_id", "vendor_name"} <= _fields_named(reading.headers, rows[r])), None)
    if header is None:
        return (filled[0] if filled else None), frozenset(), []
    above = [r for r in filled if r < header]
    if any(len(_fields_named(reading.headers, rows[r])) >= 2 for r in above):
        return filled[0], frozenset(), []  # the first row is a header too (with a slip in a label?): told at its cells
    merged = book.merged(sheet)
    odd = next((r for r in above if not _title_or_headings(rows[r], r, header, merged)), None)
    if odd is not None or len(above) > TITLE_ROWS:
        at = above[0] if odd is None else odd
        return None, frozenset(), [Problem.of(
            "bids.header_below", book.display, sheet, cell_name(at, _first_filled(rows[at])), header=header + 1,
            row=at + 1, above=len(above), titles=TITLE_ROWS, why="many" if odd is None else "row")]
    groups = _group_headings(reading, rows, header, merged)
    passed = [(r, c) for r in above for c in range(len(rows[r]))] + [(header, c0) for c0, _ in groups]
    for r, c in passed:
        text = rows[r][c]
        if isinstance(text, str) and _SCALE_STATED.search(normalise(text)):
            return None, frozenset(), [Problem.of("bids.unit_above_header", book.display, sheet, cell_name(r, c),
                                                  text=text, header=header + 1)]
    return header, frozenset(c for c0, c1 in groups for c in range(c0, c1 + 1)), []


def _group_headings(reading: Reading, rows: list[list[Any]], header: int,
                    merged: Sequence[CellRange]) -> list[tuple[int, int]]:
    """The group headings of a header two rows deep (first and last column, from 0): the header row's headings that
    name no field, each merged across the columns it heads in that row alone, when the row below names fields under
    them and holds nothing else. None (an empty list) for a header of one row."""
    if header + 1 >= len(rows):
        return []
    top = rows[header]
    groups = [(c0, c1) for (r0, c0), (r1, c1) in merged if r0 == header == r1 and c1 > c0 and c0 < len(top)
              and isinstance(top[c0], str) and name_key(top[c0]) not in reading.headers]
    below = rows[header + 1]
    filled = [c for c, value in enumerate(below) if not is_blank(value)]
    groups = [(c0, c1) for c0, c1 in groups if any(c0 <= c <= c1 for c in filled)]  # (one with nothing below is told)
    under = {c for c0, c1 in groups for c in range(c0, c1 + 1)}
    if not filled or any(c not in under or name_key(str(below[c])) not in reading.headers for c in filled):
        return []
    return sorted(groups)


# Filled rows looked at for the header: more than TITLE_ROWS, so that a header below too many rows above it (a title
# block of five lines) is told as such, naming it, rather than the first title refused as an unknown column header
_HEADER_SEARCH = 20
# A title or heading that states the unit of the amounts below it in a scale (单位：万元, 报价（万元）, 千元, in thousands):
# each column is read in its field's own unit whatever a title says, so such a title is not passed over without a word.
_SCALE_STATED = on_first_use(r"[万亿千]元|(?:单位|unit)\s*[:：]\s*(?:[万亿千]|百万|thousand|million)|"
                             r"[(（【\[]\s*[万亿千]\s*[)）】\]]|\bin\s+(?:thousands|millions)\b|'000", re.IGNORECASE)


def _title_or_headings(row: Sequence[Any], r: int, header: int, merged: Sequence[CellRange]) -> bool:
    """Whether a row above the header (index ``r``) is a title (one filled cell) or a row of group headings: each
    filled cell text heading a merged range across two columns or more that ends above the header."""
    filled = [c for c, value in enumerate(row) if not is_blank(value)]
    if len(filled) == 1:
        return True
    heads = {c0: c1 for (r0, c0), (r1, c1) in merged if r0 == r and r1 < header and c1 > c0}
    return all(isinstance(row[c], str) and c in heads for c in filled)


def _first_filled(row: Sequence[Any]) -> int:
    """The first column (from 0) of a row holding something."""
    return next((c for c, value in enumerate(row) if not is_blank(value)), 0)


def _rows_not_bids(book: Workbook, sheet: str, rows: list[list[Any]], numbers: list[int],
                   read: list[int]) -> tuple[set[int], list[Problem]]:
    """The rows among ``numbers`` (from 0) that the package check found hold no bid as they stand, each with its
    problem: the total row of an Excel table (Total Row on: ``Total`` and a count under the name had been read as the
    bidder TOTAL), and a row with a read cell struck through (a withdrawn bid, as offices mark one). Each is refused at
    its row, and its cells are not read (which would only add noise)."""
    refused: dict[int, Problem] = {}
    totals = book.table_totals(sheet)
    wanted = set(numbers) if totals else set()
    for total in totals:
        r = total.row - 1
        if r in wanted and r not in refused and not is_blank_row(rows[r][total.first - 1:total.last]):
            refused[r] = Problem.of("bids.total_row", book.display, sheet, cell_name(r, total.first - 1),
                                    row=total.row, table=total.table, label=None)
    struck = book.struck_rows(sheet, rows, (r for r in numbers if r not in refused), read, "bids.struck", layout="row")
    return set(refused) | set(struck), [problem for r in sorted(refused.keys() | struck.keys())
                                        for problem in ([refused[r]] if r in refused else struck[r])]


def _labelled_totals(parsed: Mapping[str, list[Any]], data: list[list[Any]], columns: Mapping[str, int],
                     numbers: list[int], file: str, sheet: str) -> dict[int, Problem]:
    """The rows of ``data`` (by index) labelled as a total (合计, 总计, Total) in the vendor ID column, or in the
    name column when the ID is empty (a firm may be called Total; no firm's code is), each with its problem: such a
    row is the sheet's own sum, not a bid (``TOTAL`` had been taken for a bidder's code). Only an ID no longer than
    such a label, which no credit code is, is looked at."""
    codes, names = parsed["vendor_id"], parsed["vendor_name"]
    found: dict[int, Problem] = {}
    try:  # every ID stated and longer than any label, as in a sheet of credit codes: nothing to look at, found fast
        if min(map(len, codes), default=0) > _LONGEST_TOTAL_LABEL:
            return found
    except TypeError:  # an ID left empty or refused: looked at one by one
        pass
    for i in [i for i, code in enumerate(codes) if code.__class__ is not str or len(code) <= _LONGEST_TOTAL_LABEL]:
        field = "vendor_id" if codes[i].__class__ is str else "vendor_name"
        label = (codes if field == "vendor_id" else names)[i]
        if label.__class__ is str and name_key(label) in _TOTAL_LABELS:
            c, r = columns[field], numbers[i]
            found[i] = Problem.of("bids.total_row", file, sheet, cell_name(r, c), row=r + 1, table=None,
                                  label=data[i][c])
    return found


# What a total row writes where a bid has its vendor's code or name (compared folded, without spaces: 合 计): no
# bidder is called so, and a row so labelled is the sheet's own sum, not a bid.
_TOTAL_LABELS = frozenset({"合计", "总计", "小计", "汇总", "共计", "总合计", "合计金额", "total", "totals", "grandtotal",
                           "subtotal", "sum"})
_LONGEST_TOTAL_LABEL = 16  # characters, spaces and all (合　　计, Grand Total)


def _parse_column(field: Field, cells: Sequence[Any], failed: dict[int, list[Problem]], numbers: list[int], file: str,
                  sheet: str, letter: str) -> list[Any]:
    """Every cell of one field's column parsed by ``field.parse`` (None when empty); each cell that fails is _FAILED,
    its problem added to ``failed[i]``.

    A column states few different things (是, 96%, 按通计费 again and again): each different cell is parsed once and
    the column mapped through what it gave. A parser's value depends on the cell's type and value alone, so two cells
    are the same when both are: by value where no two types in the column can be equal (a text and one kind of
    number), else by type and value (1.0 and TRUE are equal numbers, not the same cell). A zero, and a 1 beside
    TRUE, are parsed cell by cell: 0.0 and -0.0 are equal keys but not equal values. A column of free text (names,
    codes, addresses) seldom repeats, and its cells are parsed one by one."""
    parse = field.parse
    if field.type is FieldType.TEXT:  # free text (names, codes, addresses): seldom the same twice, each cell parsed
        try:
            return list(map(parse, cells))
        except ValueProblem:  # a cell refused, told below with its row
            pass
    others = set(map(type, cells)) - _TEXT_KINDS  # (a text is equal to a text alone, and None to None)
    keys: Sequence[Any] = cells
    again: tuple[Any, ...] = (0,)
    if any(issubclass(kind, str) for kind in others):
        keys, again = list(zip(map(type, cells), cells)), ()
    elif len(others) == 2 and bool in others and others <= _BOOL_AND_NUMBER:  # TRUE is 1 and FALSE 0, no other
        again = (0, 1)
    elif len(others) > 1:
        keys, again = list(zip(map(type, cells), cells)), ()
    table = dict.fromkeys(keys)
    expected: dict[Any, Expected] = {}  # the cells refused, each with what was expected
    markers = set()
    for key in table:
        found = key if keys is cells else key[1]
        if found is None or found == "":
            continue
        if found in again or (not again and found == 0 and key[0] not in _EXACT_ZEROS):
            table[key] = _AGAIN
            markers.add(_AGAIN)
            continue
        try:
            table[key] = parse(found)
        except ValueProblem as problem:
            table[key], expected[key] = _FAILED, problem.expectation
            markers.add(_FAILED)
    out = list(map(table.__getitem__, keys))
    odd = [i for marker in markers for i in _positions(out, marker)]
    known: dict[tuple[type, Any], tuple[Any, Expected | None]] = {}  # the cells parsed one by one, by type and value
    for i in sorted(odd):  # (row by row: each row's problems in the order of its fields)
        found = cells[i]
        if out[i] is _AGAIN:
            key = (found.__class__, found)
            value, expectation = known.get(key) or _parsed(parse, found)
            if found or key[0] in _EXACT_ZEROS:  # (not a zero with a sign)
                known[key] = value, expectation
            if expectation is None:
                out[i] = value
                continue
        else:
            expectation = expected[keys[i]]
        failed.setdefault(i, []).append(cell_problem(file, sheet, f"{letter}{numbers[i] + 1}", expectation, found,
                                                     _named(field)))
        out[i] = _FAILED
    return out


_TEXT_KINDS = frozenset({str, type(None)})  # cells of these types are equal only to cells of their own type
_BOOL_AND_NUMBER = frozenset({bool, int, float})
_EXACT_ZEROS = frozenset({bool, int})  # types whose zero has no sign
_AGAIN = object()  # a cell parsed on its own (a zero, or a 1 beside TRUE)


def _parsed(parse: Callable[[Any], Any], found: Any) -> tuple[Any, Expected | None]:
    """What ``parse`` gives for a cell, or _FAILED with what it expected."""
    try:
        return parse(found), None
    except ValueProblem as problem:
        return _FAILED, problem.expectation


def _positions(items: list[Any], marker: object) -> list[int]:
    """The indexes of ``marker`` in ``items``, in order."""
    found: list[int] = []
    i = -1
    try:
        while True:
            i = items.index(marker, i + 1)
            found.append(i)
    except ValueError:
        return found


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
    for f in fields:  # (a field refused above has no value, and its problem already)
        if f.id in ("vendor_id", "vendor_name") and f.id in values and values[f.id] is None:
            problems.append(Problem.of("bids.required_empty", file, sheet, where(f.id) or None, field=_named(f)))
    problems += _odd_vendor_code(reading, values, file, sheet, where("vendor_id"), raw.get("vendor_id"))
    if len(problems) > before:
        return None
    return Bid(normalise_vendor_id(values["vendor_id"]), values["vendor_name"], bool(values.get("sme")),
               values, file, sheet, cells, row)


def _vendor_ids(codes: Sequence[Any]) -> list[str]:
    """Each vendor ID read as :func:`normalise_vendor_id` gives it, "" where none was (empty, or refused): a sheet of
    ASCII codes, as most are, in a few steps for the whole column."""
    try:
        if "".join(codes).isascii():  # (ASCII is as NFKC leaves it: only the spaces and the case to see to)
            return list(map(str.upper, map("".join, map(str.split, codes))))
    except TypeError:  # a code empty or refused
        pass
    return [normalise_vendor_id(code) if isinstance(code, str) else "" for code in codes]


def _odd_vendor_code(reading: Reading, values: Mapping[str, Any], file: str, sheet: str, cell: str,
                    raw: Any) -> list[Problem]:
    """A problem when the vendor ID holds a character no code holds (a braille blank looks like nothing and is no
    format character; a letter of another script): kept, it made the same bidder a second one."""
    code = values.get("vendor_id")
    if not isinstance(code, str) or _VENDOR_CODE.fullmatch(normalise_vendor_id(code)):
        return []
    return [cell_problem(file, sheet, cell, _EXPECT_VENDOR_CODE, raw, _named(reading.rubric.field_index["vendor_id"]))]


_VENDOR_CODE = re.compile(r"[0-9A-Z._/-]+")
# A code on another sheet's form holds a digit among six characters or more: a field dictionary's vendor_id row says
# what the code is in a word or a length (text, string, 18), which is no bidder's code (conform12)
_COPIED_CODE = on_first_use(r"(?=.*\d)[0-9A-Z._/-]{6,}")
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


def _labelled_in_own_unit(title: str, headers: Mapping[str, Field]) -> Field | None:
    """The field a header names as its label followed by a bracket that is a note (投标人名称（必填）, 投标总价（含税）, any
    bracket after a field with no unit: a text, a yes or no, a choice) or
    states the field's own unit (投标总价（元）, 投标总价（单位：元）, 响应时间(小时)), perhaps with a note (（元，含税）):
    the column is the field's, read in its unit (hostile11 H11-10: an ordinary consolidation had been refused whole).
    None when the bracket says anything else (（万元）, （美元）): :func:`_unknown_header` tells it."""
    labelled = _bracketed_label(title, headers)
    if labelled is None:
        return None
    written, field = labelled
    said = fold(written["unit"]).strip()
    if unit_label(field) is None or _NOTE.fullmatch(said):  # (any bracket after a text, a yes or no, a choice)
        return field
    words = _NOTE.sub(" ", _UNIT_SAID.sub(" ", _GROUPED.sub("", said))).split()  # (10,000 yuan: 10000, not 10 000)
    if field.type is FieldType.MONEY:
        units = money_units_said(said, field.currency)  # (a multiple alone in the bracket, （万）, is 万元)
        per = {fold(m.group(1)) for m in _PER_WHAT.finditer(said)}  # (元/席/月: what a price is for, no unit of money)
        # (units, notes, what a price is for, and the 10k of 10k CNY: the bracket's units are compared whole below)
        named = all(money_units_said(word, field.currency) or word in per or is_multiple(word) for word in words)
        return field if units and named and all(unit == field.money_unit for unit in units) and not other_period(
            field, said) else None
    if field.type is FieldType.PERCENT:
        return field if words and all(word in ("%", "百分比", "percent") for word in words) else None
    names = unit_names(field.unit) if field.unit else frozenset()
    return field if words and all(word in names for word in words) else None


_UNIT_SAID = on_first_use(r"单位\s*[:：为是]?|\bunits?\s*:|\bin\b")
_GROUPED = on_first_use(r"(?<=\d),(?=\d{3}(?!\d))")  # a thousands separator, which _NOTE would take for a list's comma
# What a price is said to be for after a slash (元/席/月: a seat, a month): no unit of money, and its period compared
# with the label's (hostile12: 每席位每月单价（元/席/月） was refused, and one of 元/席/年 must stay refused)
_PER_WHAT = on_first_use(r"/\s*([^/\s,，;；、]{1,4})")


def _unknown_header(file: str, sheet: str, cell: str, title: Any, headers: Mapping[str, Field]) -> Problem:
    """A header naming no field; when it is a field's label with a unit in brackets (投标总价（万元）), saying so and
    in what unit the column is read, never suggesting the bare label alone (followed, it read 150 万元 as 150 yuan).
    (A note in brackets, or the field's own unit, is read: :func:`_labelled_in_own_unit`.)"""
    labelled = _bracketed_label(str(title), headers)
    if labelled is None:
        return Problem.of("bids.unknown_header", file, sheet, cell, title=title,
                          suggestion=_suggest_header(str(title), headers))
    written, field = labelled
    return Problem.of("bids.unit_in_header", file, sheet, cell, title=title, field=_named(field),
                      header=written["label"], unit=written["unit"].strip(), read_in=unit_label(field))


_WITH_UNIT = on_first_use(r"(?P<label>.+?)\s*[(（\[【](?P<unit>[^()（）\[\]【】]+)[)）\]】]", re.DOTALL)


def _bracketed_label(title: str, headers: Mapping[str, Field]) -> tuple[re.Match[str], Field] | None:
    """A header written as a field's label followed by a bracket (:data:`_WITH_UNIT`), and that field; None for any
    other header."""
    written = _WITH_UNIT.fullmatch(normalise(title))
    field = headers.get(name_key(written["label"])) if written else None
    return None if written is None or field is None else (written, field)


# What a bracket after a label says that is no unit, alone or several together (必填，含税), folded: a column marked
# required or optional, a price with or without tax, how to answer. A bracket saying anything else after the label of
# a field with a unit is taken for a unit (报价（万元）, 报价（元，含税）): said, the scale it may state is not missed.
_NOTE = on_first_use(r"(?:\s|[,，、;；/*★]|必填项?|非必填|选填|可选|可不填|必须填写|如有|若有|不?含(?:增值)?税|含税价|税后|税前"
                     r"|是/否|是或否|是否|填是或否|required|optional|mandatory|incl\.?(?: vat| tax)?|excl\.?(?: vat| tax)?"
                     r"|(?:tax|vat) (?:included|excluded)|including (?:vat|tax)|excluding (?:vat|tax)|y/n|yes/no)+")


def _suggest_header(title: str, headers: Mapping[str, Field]) -> str | None:
    """The header a header naming no field is close to, spelt as the field's id or label is."""
    import difflib  # here: only a header or answer naming nothing known looks for a close one

    close = difflib.get_close_matches(name_key(title), list(headers), n=1, cutoff=0.6)
    if not close:
        return None
    return next(s for s in _header_spellings(headers[close[0]]) if name_key(s) == close[0])


def _suggest(found: str, known: Iterable[str]) -> str | None:
    import difflib

    close = difflib.get_close_matches(fold(found), list(known), n=1, cutoff=0.6)
    return close[0] if close else None


def _named(field: Field) -> Named:
    """A field as a message names it."""
    return Named(field.id, field.label)
