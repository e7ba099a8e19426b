"""Opening input workbooks safely and reading their sheets as rows of cells.

Every workbook from outside passes :func:`bideval.xlsx_guard.check_xlsx`
before python-calamine sees it: a hostile file is refused, never parsed.
"""
from __future__ import annotations

import hashlib
import io
import os
import re
import stat
import sys
import tempfile
import threading
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import IO, Any, Callable, Iterable, Protocol, Sequence, TypeVar

from .cell_errors import put_errors
from .errors import DamagedWorkbook, Problem, shown_name
from .labels import Label
from .sheet_notes import SheetNotes, TableTotal
from .values import fold, is_blank
from .watchdog import reading
from .workers import forking_is_safe
from .xlsx_guard import ZIP_MAGIC, check_xlsx, directory_problem, readable_copy, scan_xlsx, workbook_kind

SPREADSHEET_SUFFIXES = {".xls", ".xlsm", ".xlsb", ".ods", ".csv", ".et", ".numbers"}


@dataclass(frozen=True)
class InputFile:
    """A file that went into a run, with its SHA-256 so anyone can check it later."""

    path: str
    sha256: str
    role: str  # rubric | bids | panel

    def __post_init__(self) -> None:
        if not self.path.isascii():
            object.__setattr__(self, "path", shown_name(self.path))

    @property
    def role_label(self) -> Label:
        """The role in words, as the Audit sheet and the report's input files table name it."""
        return ROLE_LABELS.get(self.role, Label(self.role, self.role))


ROLE_LABELS = {
    "rubric": Label("评分标准", "rubric"),
    "bids": Label("投标文件", "bids"),
    "panel": Label("评委评分", "panel"),
    "document": Label("投标附件", "bid document"),
}


@lru_cache(maxsize=64)
def _noted_columns(columns: tuple[int, ...], indices: tuple[str, ...]) -> tuple[dict[bytes, int], re.Pattern[bytes]]:
    """The letters of ``columns`` (from 0: C for 2), each with its column, and the pattern of a cell of one of them in
    one of the cell formats ``indices`` in :attr:`~bideval.sheet_notes.FormattedCells.cells` (2C15): its format's
    index, its letters, its row. Not to be changed by its caller."""
    letters = {column_letter(c).encode("ascii"): c for c in sorted(set(columns))}
    return letters, re.compile(rb"(?<![0-9A-Z])(" + b"|".join(i.encode("ascii") for i in indices) + rb")("
                               + b"|".join(letters) + rb")([0-9]+)(?![0-9])")


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file's bytes, hex."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


@lru_cache(maxsize=64)
def _folded_name(name: str) -> str:
    """:func:`~bideval.values.fold` of a sheet name the readers look for (the few constant names, remembered)."""
    return fold(name)


def column_letter(index: int) -> str:
    """Column letters of a 0-based column index: 0 → A, 27 → AB."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_name(row: int, column: int) -> str:
    """The A1 name of a 0-based (row, column)."""
    return f"{column_letter(column)}{row + 1}"


BID_SHEETS = ("Bid", "Bids")  # a workbook naming one of these in a bids folder's subfolder is told, not passed over
# The sheets every ranked workbook has (bideval.export writes them, in this order, with others a rubric may call for):
# given back as a panel or a bid workbook, it is told for the result it is, not read for its Scores sheet.
RANKED_SHEETS = ("Ranking", "Scores", "Panel", "Price", "Invalid", "Rubric", "Audit")


def expand_paths(paths: Iterable[str | Path], sheets: tuple[str, ...] = BID_SHEETS,
                 warnings: list[Problem] | None = None) -> tuple[list[Path], list[Problem]]:
    """The .xlsx files named by ``paths`` (files, or folders of .xlsx files), in name order.

    Office lock files (``~$…``) and hidden files in a folder are skipped; other
    spreadsheet files there (.xls, .csv, .ods …) are reported, never silently dropped, and so is an Excel workbook
    whose name does not say so (``jinling``, ``xinghai.xlsx `` with a space after it) and a folder inside
    holding workbooks that name one of ``sheets`` (those the caller reads: a bid's, or a panel's), and an archive
    listing one. An archive whose directory cannot be read (.rar, .7z), or listing only workbooks no form, is a
    warning, added to ``warnings`` (to the problems when None: never passed over).
    """
    files: list[Path] = []
    problems: list[Problem] = []
    told: list[Problem] = problems if warnings is None else warnings
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = []
            with os.scandir(path) as entries:  # an entry knows whether it is a file without a stat of its own
                children = sorted((entry.name, entry.is_file(), entry.is_dir()) for entry in entries)
            for name, is_file, is_dir in children:
                if name.startswith(("~$", ".")):
                    continue
                child = path / name
                suffix = child.suffix.lower()
                if is_dir:
                    problems += _unread_workbooks(child, sheets)
                    continue
                if not is_file:  # a pipe, a device, a link to nothing: a workbook's name on it is told, never opened
                    problems += check_xlsx(child) if suffix in (".xlsx", *SPREADSHEET_SUFFIXES) else []
                    continue
                if suffix == ".xlsx":
                    found.append(child)
                elif suffix in SPREADSHEET_SUFFIXES:
                    problems.append(Problem.of("files.not_xlsx_suffix", str(child), suffix=suffix))
                elif misnamed := _misnamed_workbook(child):
                    problems += misnamed
                else:
                    refused, warned = _archived_workbooks(child, sheets)
                    problems += refused
                    told += warned
            if not found and not problems:
                problems.append(Problem.of("files.empty_folder", str(path)))
            files.extend(found)
        elif path.is_file():
            files.append(path)
        elif path.exists():  # a pipe, a device: told as it is, never opened
            problems += check_xlsx(path)
        else:
            problems.append(Problem.of("files.missing", str(path)))
    seen: set[object] = set()
    unique = []
    for f in files:
        try:  # one file named twice (a folder and a file in it, a link to it) is read once
            status = os.stat(f)
            key: object = (status.st_dev, status.st_ino)
        except OSError:  # gone since it was listed: its read will say so
            key = f
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, problems


def _misnamed_workbook(path: Path) -> list[Problem]:
    """A file of a folder whose name does not end in a spreadsheet's suffix, when its bytes are an Excel workbook all
    the same (a mail client's attachment saved without its extension, a name with a space after ``.xlsx``): a problem
    saying so and what to rename it to, since a folder is read by its files' names; none for any other file."""
    kind = workbook_kind(path)
    if kind is None:
        return []
    name = path.name.rstrip()  # a space after the name is not seen in a file list
    rename = name if name.lower().endswith(".xlsx") else name + ".xlsx"
    return [Problem.of("files.misnamed_workbook", str(path), kind=kind, suffix=path.suffix, rename=rename)]


def _no_file(path: Path) -> bool:
    """Whether ``path`` is there but no regular file (a named pipe, a socket, a device), which is never opened: a
    pipe's read waits for a writer, and had hung a run for good."""
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:  # a link to nothing: looked at as before (it may be read: told)
        return False


def _unread_workbooks(folder: Path, sheets: tuple[str, ...]) -> list[Problem]:
    """A folder inside a folder of workbooks is not read: a problem when it holds .xlsx workbooks naming one of
    ``sheets`` (a bidder's own folder, 杭州嘉禾/jiahe.xlsx; a judge's, 评委C/C.xlsx), which would be left out without a
    word; none for a folder of attachments, a hidden one or the __MACOSX folder an archive made on a Mac holds."""
    if folder.name == "__MACOSX":
        return []
    found = archived = 0
    archives: list[str] = []  # the zips in it listing such a workbook (a bidder's zipped form in its own folder)
    for root, folders, names in os.walk(folder):
        folders[:] = [f for f in folders if not f.startswith(".") and f != "__MACOSX"]
        for name in names:
            path = Path(root) / name
            if name.startswith(("~$", ".")) or _no_file(path):  # (a pipe is never opened)
                continue
            if name.lower().endswith(_ZIP_WORKBOOKS):
                found += _may_be_read(path, sheets)
            elif path.suffix.lower() in _ARCHIVE_SUFFIXES:
                listing = _listing_of(path, sheets)
                held = len(listing.forms) if isinstance(listing, _Listing) else 0
                if held:
                    found, archived = found + held, archived + held
                    archives.append(str(path.relative_to(folder)))
    return [Problem.of("files.subfolder", str(folder), workbooks=found, archived=archived, archives=tuple(archives))
            ] if found else []


def _listing_of(path: Path, sheets: tuple[str, ...]) -> _Listing | str | None:
    """What the archive at ``path`` lists (:func:`_archive_listing`); None also when it cannot be read."""
    try:
        with open(path, "rb") as handle:
            return _archive_listing(handle, path.suffix, sheets)
    except OSError:
        return None


@dataclass
class _Listing:
    """What an archive's directory (and those of the zips inside it) lists, each entry by its path inside: ``forms``,
    workbooks the caller may read (or spreadsheets not .xlsx, refused loose too); ``others``, .xlsx workbooks that
    are no form; ``unread``, archives inside whose directory was not read. ``budget``: the bytes still to be peeked."""

    forms: list[str]
    others: list[str]
    unread: list[str]
    budget: int = 2 * 32 * 1024 * 1024
    files: int = 0  # the files listed (no folder, __MACOSX copy, lock or hidden file): none, an empty archive


def _archived_workbooks(path: Path, sheets: tuple[str, ...]) -> tuple[list[Problem], list[Problem]]:
    """A file of a folder that is an archive: (problems, warnings). A problem when it is a zip whose directory (or that
    of a zip inside it, :data:`_NESTED_ZIPS` deep) lists a workbook the caller may read (:func:`_may_be_read`) or
    a spreadsheet not .xlsx (jiahe.et, as a loose one is refused): like a folder inside the folder, an archive is
    not read, and its bid or judge's scores were lost without a word (jiahe.zip holding jiahe.xlsx; 投标文件.zip
    holding 嘉禾/jiahe.zip). A warning when its directory cannot be read (7z, RAR, gzip …; a zip directory too large
    to read safely), or it lists only workbooks that are no form or archives not read: scanned attachments sent
    as .rar stopped an honest folder when refused, so the officer is told to check it; a warning too when it is
    empty (no file in it: what was meant to be zipped may be missing, and it had been passed over). None for a zip of
    attachments or any other file. Only directories are read, and a listed .xlsx or .zip is peeked into only when
    small."""
    listing = _listing_of(path, sheets)
    if isinstance(listing, str):
        return [], [Problem.of("files.archive_not_read", str(path), kind=listing)]
    if listing is None:
        return [], []
    if listing.forms:
        return [Problem.of("files.archive", str(path), workbooks=tuple(listing.forms))], []
    if listing.others or listing.unread:
        return [], [Problem.of("files.archive_unchecked", str(path), workbooks=tuple(listing.others),
                               archives=tuple(listing.unread), sheets=sheets)]
    if not listing.files:  # a zip made of nothing: a bid or score sheet left out of it, maybe
        return [], [Problem.of("files.empty_archive", str(path))]
    return [], []


def uploaded_archive(name: str, content: bytes, sheets: tuple[str, ...] = BID_SHEETS) -> Problem | None:
    """The problem of an uploaded file that is an archive, not a workbook (None for anything else): the app opens no
    archive, so it names the workbooks a zip lists (extract and upload them: jiahe.zip holding 嘉禾's form had been
    told as holding no workbook, like a zip of PDFs, and set aside), or says it lists none (attachments only), that it
    is empty (it had been told as attachments only) or that it cannot be listed (a .rar)."""
    suffix = Path(name).suffix
    if suffix.lower() in (".xlsx", *SPREADSHEET_SUFFIXES):  # named a workbook: the package check says what it is
        return None
    try:
        listing = _archive_listing(io.BytesIO(content), suffix, sheets)
    except OSError:
        return None
    if listing is None:
        return None
    if isinstance(listing, str):
        return Problem.of("files.uploaded_archive", name, kind=listing, workbooks=(), listed=False)
    if not listing.files:  # it was told as "attachments only"
        return Problem.of("files.empty_archive", name)
    return Problem.of("files.uploaded_archive", name, kind="zip", workbooks=tuple(listing.forms), listed=True)


def _archive_listing(handle: IO[bytes], suffix: str, sheets: tuple[str, ...] = BID_SHEETS) -> _Listing | str | None:
    """What an archive open in ``handle`` lists (:func:`_list_zip`); the kind of an archive whose directory is not
    read (``7z``, ``rar`` …, ``zip`` for one too large or damaged); None for a file that is no archive, or an Excel
    workbook (a zip package). ``suffix``: the file's, for an archive told by its name alone."""
    import zipfile

    head = handle.read(_ARCHIVE_HEAD)
    if not head.startswith((ZIP_MAGIC, _EMPTY_ZIP)):
        kind = next((k for k, magic in _ARCHIVE_MAGIC.items() if head.startswith(magic)), None)
        if kind is None and suffix.lower() in _ARCHIVE_SUFFIXES:
            kind = suffix.lower().lstrip(".")
        elif kind is None and head[257:262] == b"ustar":
            kind = "tar"
        return kind
    size = handle.seek(0, os.SEEK_END)
    if directory_problem(handle, size) is not None:  # (the guard's own limit on a zip directory)
        return "zip"
    handle.seek(0)
    listing = _Listing([], [], [])
    try:
        with zipfile.ZipFile(handle) as archive:
            if "xl/workbook.xml" in archive.NameToInfo:  # a workbook, however named: told as one elsewhere
                return None
            _list_zip(archive, sheets, "", 0, listing)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, ValueError):
        return "zip" if suffix.lower() == ".zip" else None
    return listing


def _list_zip(archive: Any, sheets: tuple[str, ...], prefix: str, depth: int, listing: _Listing) -> None:
    """Add to ``listing`` the entries of an open zip that matter (``prefix``: the path of the zip inside the archive
    given, ``depth``: how many zips deep it lies): workbooks, other spreadsheets, archives; not a folder, a Mac's
    ``__MACOSX`` copy, an Office lock file or a hidden one. A small zip inside is listed in turn."""
    import zipfile

    for info in archive.infolist():
        name = info.filename.replace("\\", "/")
        base = name.rsplit("/", 1)[-1]
        if info.is_dir() or name.startswith("__MACOSX/") or base.startswith(("~$", ".")):
            continue
        listing.files += 1
        shown = prefix + _entry_name(info)
        suffix = Path(base).suffix.lower()
        if suffix in SPREADSHEET_SUFFIXES:  # (.xlsm among them)
            listing.forms.append(shown)
            continue
        if suffix not in (".xlsx", *_ARCHIVE_SUFFIXES):
            continue
        peek = (info.file_size <= min(_PEEKED_BYTES, listing.budget) and not info.flag_bits & 0x1
                and (suffix == ".xlsx" or suffix == ".zip" and depth < _NESTED_ZIPS))
        content = None
        if peek:
            listing.budget -= info.file_size
            try:
                content = archive.read(info)
            except (OSError, zipfile.BadZipFile, RuntimeError, NotImplementedError, EOFError, ValueError):
                content = None
        if suffix == ".xlsx":
            (listing.forms if content is None or _may_be_read(io.BytesIO(content), sheets) else listing.others).append(shown)
            continue
        if content is None:
            listing.unread.append(shown)
            continue
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as inner:
                _list_zip(inner, sheets, shown + "/", depth + 1, listing)
        except (OSError, zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, ValueError):
            listing.unread.append(shown)


def _entry_name(info: Any) -> str:
    """A zip entry's name as its maker wrote it: a name not marked UTF-8 is read back from code page 437 as GBK (a
    Chinese Windows zip's names), else kept as zipfile gives it."""
    if info.flag_bits & 0x800:
        return str(info.filename)
    try:
        return str(info.filename.encode("cp437").decode("gbk"))
    except (UnicodeEncodeError, UnicodeDecodeError):
        return str(info.filename)


_ARCHIVE_HEAD = 262  # bytes read to tell an archive: a tar's ustar mark stands at 257
_EMPTY_ZIP = b"PK\x05\x06"
_ARCHIVE_MAGIC = {"7z": b"7z\xbc\xaf\x27\x1c", "rar": b"Rar!\x1a\x07", "gzip": b"\x1f\x8b", "xz": b"\xfd7zXZ\x00",
                  "bzip2": b"BZh", "zstd": b"\x28\xb5\x2f\xfd"}
_ARCHIVE_SUFFIXES = {".zip", ".7z", ".rar", ".tar", ".gz", ".tgz", ".bz2", ".xz", ".zst"}
_PEEKED_BYTES = 32 * 1024 * 1024  # an archived .xlsx larger than this is told without a peek into it
_NESTED_ZIPS = 2  # zips inside zips listed this deep (投标文件.zip › 嘉禾/jiahe.zip › …); deeper ones are told unread


# Workbooks whose sheet names a subfolder's peek reads (a zip package): an .xlsm is an .xlsx with macros, which a
# bidder's folder may hold and the top folder reports (files.not_xlsx_suffix) rather than reads.
_ZIP_WORKBOOKS = (".xlsx", ".xlsm")


def _may_be_read(path: Path | IO[bytes], sheets: tuple[str, ...]) -> bool:
    """Whether a workbook in a subfolder or an archive may be one the caller reads: it names one of ``sheets``
    (``Bid`` or ``Bids`` for bids), carries a rubric mark (a form or score sheet bid-eval wrote, its sheet renamed),
    or holds the text ``vendor_id`` (a form's id column); or its parts cannot be read cheaply (a damaged or unusual
    package: told rather than passed over). A staff list or a price schedule among a bidder's attachments is none of
    these. Only the package's small parts are read, with zipfile, never python-calamine on a file the guard has not
    checked."""
    import zipfile

    from .rubric_mark import CUSTOM_PROPERTIES, ID_PROPERTY

    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("xl/workbook.xml")
            if info.file_size > _PART_PEEKED:
                return True
            names = re.findall(rb'<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)"', archive.read(info))
            wanted = {fold(sheet) for sheet in sheets}
            if any(fold(name.decode("utf-8", "replace")) in wanted for name in names):
                return True
            for part, mark in ((CUSTOM_PROPERTIES, ID_PROPERTY.encode()), ("xl/sharedStrings.xml", b"vendor_id")):
                try:
                    found = archive.getinfo(part)
                except KeyError:
                    continue
                if found.file_size > _PART_PEEKED or mark in archive.read(found):
                    return True
    except (OSError, KeyError, zipfile.BadZipFile, RuntimeError, NotImplementedError, EOFError, ValueError):
        return True
    return False


_PART_PEEKED = 1024 * 1024  # a package part larger than this is not read to tell a form: the workbook is told


# A range of cells, ((first row, first column), (last row, last column)), from 0, as python-calamine gives merged ranges.
CellRange = tuple[tuple[int, int], tuple[int, int]]


class Sheets(Protocol):
    """Where a workbook's rows come from: python-calamine here (:class:`CalamineSheets`), or in a process of its own
    (:mod:`bideval.reader_process`)."""

    sheet_names: list[str]

    def rows(self, sheet: str) -> list[list[Any]]:
        """Every row of ``sheet`` as python-calamine gives them; a sheet it cannot read raises DamagedWorkbook."""
        ...

    def merged(self, sheet: str) -> list[CellRange]:
        """The merged cell ranges of ``sheet``, once its rows have been read (none before)."""
        ...


class Workbook:
    """A checked workbook open for reading through python-calamine, with the SHA-256 of the bytes it was read from
    and what the package check noted of its sheets (cells with no usable value, hidden rows and columns)."""

    def __init__(self, sheets: Sheets, display: str, sha256: str, notes: SheetNotes | None = None):
        self._sheets = sheets
        self.display = display
        self.sha256 = sha256
        self.notes = notes or SheetNotes()
        self.sheet_names: list[str] = list(sheets.sheet_names)
        self._folded: dict[str, str] | None = None  # each sheet by its folded name (the first, where two fold alike)

    def find(self, name: str) -> str | None:
        """The sheet called ``name`` (exactly, else ignoring case and width)."""
        if name in self.sheet_names:
            return name
        if self._folded is None:  # (looked up several times per workbook: the names are folded once)
            self._folded = {}
            for sheet in self.sheet_names:
                self._folded.setdefault(fold(sheet), sheet)
        return self._folded.get(_folded_name(name))

    def is_ranked(self) -> bool:
        """Whether this is a ranked workbook bid-eval wrote (a result): it has every one of :data:`RANKED_SHEETS`."""
        return all(self.find(name) is not None for name in RANKED_SHEETS)

    def ranked_workbook(self, role: str) -> Problem:
        """The problem of reading a ranked workbook as a ``panel`` or ``bids`` workbook."""
        return Problem.of("files.ranked_workbook", self.display, role=role, sheets=RANKED_SHEETS)

    def rows(self, sheet: str) -> list[list[Any]]:
        """Every row of ``sheet`` from A1, cells as python-calamine gives them ('' when empty); a cell that shows
        a spreadsheet error or holds a formula saved without its result as the object of
        :mod:`bideval.cell_errors` that says so (python-calamine gives '' for both).

        A sheet python-calamine cannot parse raises :class:`DamagedWorkbook` holding one problem that names the
        file and the sheet.
        """
        rows = self._sheets.rows(sheet)
        errors = self.notes.errors.get(sheet)
        return put_errors(rows, errors) if errors else rows

    def merged(self, sheet: str) -> list[CellRange]:
        """The merged cell ranges of ``sheet``, once its rows have been read."""
        return self._sheets.merged(sheet)

    def formatted_numbers(self, sheet: str, rows: list[list[Any]], columns: Iterable[int],
                          read: Iterable[int] | None = None,
                          formats: Callable[[str], bool] | None = None) -> list[tuple[int, int, str | None, str | None]]:
        """The number cells of ``sheet``'s ``rows`` that a number format shows otherwise than General does, among
        ``columns`` (from 0) in the rows numbered ``read`` (from 0; every row when None), in the sheet's order: each
        as its row, its column, its own format (``000``, ``0%``; None: General) and the percent format a conditional
        format may show it through (None: none). A bid's reader asks for its prices', numbers' and counts' cells (7
        typed into a ``0%`` cell is stored as 0.07) and its texts' and choices' (10 in a ``000`` cell shows 010); the
        package check noted them (:class:`~bideval.sheet_notes.FormattedCells`). ``formats``: only the cells in a format
        it says yes to are asked for (a percentage, over a price: a column of them formatted ``#,##0.00`` is not looked
        through)."""
        noted = self.notes.formatted.get(sheet)
        if noted is None:
            return []
        indices = tuple(i for i, code in noted.formats.items() if formats is None or formats(code))
        by_letters, spelt = _noted_columns(tuple(columns), indices)
        wanted = read if read is None or isinstance(read, (set, frozenset, dict)) else set(read)
        found: dict[tuple[int, int], tuple[str | None, str | None]] = {}
        # (each cell as its format's index, letters and row: 2C15; a sheet's formatted cells may be many, and a
        # column looked for is seldom among them, which a search for its letters says at once)
        if noted.cells and by_letters and indices and (len(noted.cells) < 4096 or any(letters in noted.cells
                                                                                       for letters in by_letters)):
            for index, letters, digits in spelt.findall(noted.cells):
                r = int(digits) - 1
                if wanted is None or r in wanted:
                    found[(r, by_letters[letters])] = (noted.formats[index.decode("ascii")], None)
        for (r, c), code in noted.by_rule.items():
            if c in by_letters.values() and (wanted is None or r in wanted):
                found[(r, c)] = (found.get((r, c), (None, None))[0], code)
        numbers: list[tuple[int, int, str | None, str | None]] = []
        for (r, c), (own, rule) in sorted(found.items()) if found else ():
            held = rows[r][c] if r < len(rows) and c < len(rows[r]) else None
            if isinstance(held, (int, float)) and not isinstance(held, bool):
                numbers.append((r, c, own, rule))
        return numbers

    def merged_problems(self, sheet: str, rows: Iterable[int], columns: Iterable[int]) -> list[Problem]:
        """A ``cells.merged`` problem for each range :meth:`merged_over` finds."""
        return [Problem.of("cells.merged", self.display, sheet, span, range=span)
                for span in self.merged_over(sheet, rows, columns)]

    def merged_over(self, sheet: str, rows: Iterable[int], columns: Iterable[int]) -> list[str]:
        """The merged ranges of ``sheet`` (read already) that cover a cell a reader reads as a value (``rows`` ×
        ``columns``, from 0) other than their first, as ``B2:B8``: Excel shows the first cell's value across the range
        and keeps it in that cell alone, so such a cell would be read as empty where the sheet shows a value (an
        answer typed in B10 of a form and merged over C10, the cell read)."""
        merged = self._sheets.merged(sheet)
        if not merged:
            return []
        read_rows, read_columns = sorted(set(rows)), sorted(set(columns))
        found = []
        for (r0, c0), (r1, c1) in sorted(merged):  # top to bottom, left to right, whatever order the file has
            row_count = bisect_right(read_rows, r1) - bisect_left(read_rows, r0)
            column_count = bisect_right(read_columns, c1) - bisect_left(read_columns, c0)
            first_read = (bisect_right(read_rows, r0) - bisect_left(read_rows, r0)) * \
                (bisect_right(read_columns, c0) - bisect_left(read_columns, c0))
            if row_count * column_count > first_read:
                found.append(f"{cell_name(r0, c0)}:{cell_name(r1, c1)}")
        return found

    def hidden_sheet(self, sheet: str) -> bool:
        """Whether Excel hides ``sheet`` (Format → Hide, or very hidden by a macro): nobody sees its cells."""
        return sheet in self.notes.hidden_sheets

    def hidden_rows(self, sheet: str) -> frozenset[int]:
        """The rows of ``sheet`` hidden in Excel (by hand or by a filter), numbered from 1 as Excel shows them."""
        return self.notes.hidden_rows.get(sheet, frozenset())

    def hidden_rows_held(self, sheet: str, rows: list[list[Any]]) -> frozenset[int]:
        """The hidden rows of ``sheet`` (its ``rows``, from 1) that hold anything: nobody looking at the sheet sees
        them, so a reader refuses each rather than read it or pass over it (an empty hidden row is a blank row)."""
        return frozenset(number for number in self.hidden_rows(sheet)
                         if number <= len(rows) and not is_blank_row(rows[number - 1]))

    def struck_rows(self, sheet: str, rows: list[list[Any]], read: Iterable[int], columns: Iterable[int], code: str,
                    **facts: Any) -> dict[int, list[Problem]]:
        """By row (from 0), in order, the problems of the rows of ``sheet`` numbered ``read`` with a cell among the
        ``columns`` a reader reads there (both from 0) that holds something and is drawn struck through: an office
        strikes a withdrawn bid through rather than delete it, a judge a withdrawn score, and everybody looking at the
        sheet reads such a value as cancelled, so a reader refuses its row rather than read it (or pass over it,
        losing a bid that stands). One ``code`` problem with ``facts`` at the first cell struck, naming the cells
        struck (the whole row, from its first cell to its last, when each read cell holding something is), and one
        problem at each other cell whose strikethrough cannot be told: ``cells.struck_in_part`` where its text is
        struck in part only (which words stand cannot be told), ``cells.struck_by_rule`` where a conditional format
        may strike it (whether the rule holds is not worked out), ``cells.raised_in_part`` where part of its text is
        raised or lowered (superscript, subscript: ``2`` and a raised ``1`` is read as 21)."""
        whole, in_part = self.notes.struck.get(sheet), self.notes.struck_in_part.get(sheet)
        by_rule, raised = self.notes.struck_by_rule.get(sheet), self.notes.raised_in_part.get(sheet)
        if not (whole or in_part or by_rule or raised):
            return {}
        wanted_rows, wanted_columns = set(read), set(columns)
        wanted = sorted(wanted_columns)
        struck: dict[int, list[int]] = {}
        for r, c in sorted(whole or ()):
            if r in wanted_rows and c in wanted_columns and _holds(rows, r, c):
                struck.setdefault(r, []).append(c)
        told: dict[int, list[tuple[int, Problem]]] = {}  # by row, each cell's problem, by column
        for (r, c), struck_parts in (in_part or {}).items():
            if r in wanted_rows and c in wanted_columns and _holds(rows, r, c):
                told.setdefault(r, []).append((c, self.struck_in_part(sheet, rows, r, c, struck_parts)))
        for (r, c), ref in (by_rule or {}).items():
            if r in wanted_rows and c in wanted_columns and c not in struck.get(r, ()) and _holds(rows, r, c):
                told.setdefault(r, []).append((c, Problem.of("cells.struck_by_rule", self.display, sheet,
                                                             cell_name(r, c), range=ref)))
        for (r, c), raised_parts in (raised or {}).items():
            if r in wanted_rows and c in wanted_columns and _holds(rows, r, c):
                told.setdefault(r, []).append((c, Problem.of("cells.raised_in_part", self.display, sheet,
                                                             cell_name(r, c), text=str(rows[r][c]),
                                                             parts=raised_parts)))
        parts = {r: [problem for _, problem in sorted(found, key=itemgetter(0))] for r, found in told.items()}
        found: dict[int, list[Problem]] = {}
        for r in sorted(struck.keys() | parts.keys()):
            cells = struck.get(r)
            every = cells == [c for c in wanted if _holds(rows, r, c)]
            found[r] = ([Problem.of(code, self.display, sheet, cell_name(r, cells[0]), row=r + 1, whole=every,
                                    cells=_spans(r, range(cells[0], cells[-1] + 1) if every else cells), **facts)]
                        if cells else []) + parts.get(r, [])
        return found

    def struck_cells(self, sheet: str, rows: list[list[Any]], cells: Iterable[tuple[int, int]], code: str,
                     **facts: Any) -> list[Problem]:
        """The problems of the ``cells`` of ``sheet`` (row and column from 0, in order) that hold something and are
        drawn struck through (a header, one by one): a ``code`` problem with ``facts`` and the cell's text
        (``text``) at each one struck whole, a ``cells.struck_in_part`` problem at each one struck in part, a
        ``cells.struck_by_rule`` problem at each one a conditional format may strike."""
        whole, in_part = self.notes.struck.get(sheet), self.notes.struck_in_part.get(sheet)
        by_rule = self.notes.struck_by_rule.get(sheet)
        if not (whole or in_part or by_rule):
            return []
        found = []
        for r, c in cells:
            if not _holds(rows, r, c):
                continue
            if whole and (r, c) in whole:
                found.append(Problem.of(code, self.display, sheet, cell_name(r, c), text=str(rows[r][c]), **facts))
            elif in_part and (r, c) in in_part:
                found.append(self.struck_in_part(sheet, rows, r, c, in_part[(r, c)]))
            if by_rule and (r, c) in by_rule and not (whole and (r, c) in whole):
                found.append(Problem.of("cells.struck_by_rule", self.display, sheet, cell_name(r, c),
                                        range=by_rule[(r, c)], header=True))
        return found

    def struck_in_part(self, sheet: str, rows: list[list[Any]], r: int, c: int, parts: tuple[str, ...]) -> Problem:
        """The problem of a cell whose text is struck through in part only: its text, and the parts struck."""
        return Problem.of("cells.struck_in_part", self.display, sheet, cell_name(r, c), text=str(rows[r][c]),
                          parts=parts)

    def table_totals(self, sheet: str) -> tuple[TableTotal, ...]:
        """The total rows of the Excel tables on ``sheet`` (Total Row on), top to bottom."""
        return self.notes.table_totals.get(sheet, ())

    def hidden_columns(self, sheet: str) -> frozenset[int]:
        """The columns of ``sheet`` hidden in Excel (by hand, or narrowed to a width of 0) that reach a cell of the
        sheet, numbered from 1 (A is 1)."""
        return self.notes.hidden_columns.get(sheet, frozenset())

    def hidden_columns_held(self, sheet: str, rows: list[list[Any]], read: Iterable[int] | None = None,
                            columns: Iterable[int] | None = None) -> list[int]:
        """The hidden columns of ``sheet`` (numbered from 1, in order) that hold anything in its ``rows`` numbered
        ``read`` (from 0; every row when None), among ``columns`` (from 1; every column when None): nobody looking
        at the sheet sees such a value, so a reader refuses the column rather than read it or pass over it (an empty
        hidden column is no column)."""
        hidden = self.hidden_columns(sheet)
        if columns is not None:
            hidden = hidden & frozenset(columns)
        if not hidden:
            return []
        looked = rows if read is None else [rows[r] for r in read]
        return sorted(number for number in hidden
                      if any(number <= len(row) and not is_blank(row[number - 1]) for row in looked))


def _holds(rows: list[list[Any]], r: int, c: int) -> bool:
    """Whether the cell of ``rows`` at ``r``, ``c`` (from 0) holds something."""
    return r < len(rows) and c < len(rows[r]) and not is_blank(rows[r][c])


def _spans(row: int, columns: Sequence[int]) -> tuple[str, ...]:
    """The cells of one row at ``columns`` (from 0, in order), each run of neighbours as one range: A5:K5, M5."""
    spans: list[str] = []
    first = previous = columns[0]
    for column in [*columns[1:], None]:
        if column is not None and column == previous + 1:
            previous = column
            continue
        spans.append(cell_name(row, first) + (f":{cell_name(row, previous)}" if previous > first else ""))
        if column is not None:
            first = previous = column
    return tuple(spans)


class CalamineSheets:
    """A workbook's sheets read by python-calamine in this process, each only when it is asked for."""

    def __init__(self, book: Any, display: str):
        self._book = book
        self.display = display
        self.sheet_names: list[str] = list(book.sheet_names)
        self._merged: dict[str, list[CellRange]] = {}

    def __reduce__(self) -> tuple[Any, ...]:
        """A workbook open in python-calamine cannot travel to another process (a reading worker sending back a
        panel workbook): it travels as every sheet's rows, read now, as the reader process sends them."""
        from .reader_process import ReadApart, read_whole

        return ReadApart, read_whole(self, self.display)

    def merged(self, sheet: str) -> list[CellRange]:
        return self._merged.get(sheet, [])

    def _read(self, sheet: str) -> list[list[Any]]:
        found = self._book.get_sheet_by_name(sheet)
        rows = found.to_python(skip_empty_area=False)
        self._merged[sheet] = [((r0, c0), (r1, c1)) for (r0, c0), (r1, c1) in found.merged_cell_ranges or ()]
        return rows

    def rows(self, sheet: str) -> list[list[Any]]:
        import python_calamine

        try:
            with reading(self.display, sheet):
                return _without_panic_noise(lambda: self._read(sheet))
        except (python_calamine.CalamineError, OSError) as error:
            raise DamagedWorkbook([_damaged(self.display, "sheet", error, sheet)]) from None
        except OverflowError as error:  # a date or time cell whose number no Python date or timedelta can hold
            raise DamagedWorkbook([_impossible_date(self.display, sheet, error)]) from None
        except BaseException as error:
            if not _is_reader_panic(error):
                raise
            raise DamagedWorkbook([_impossible_date(self.display, sheet, error)]) from None


# A file no larger than this is read once into memory, and the guard, the SHA-256 and the reader all
# use those bytes. A larger one is checked from the disk, where the guard refuses it without reading
# it whole (its parts cannot all fit the guard's 200 MB limit on the unpacked size).
READ_IN_MEMORY_BYTES = 256 * 1024 * 1024

# A file in memory at least this large is read by python-calamine in a forked child while the guard checks it
# (:mod:`bideval.read_ahead`). Measured on 2 cores with bids sheets from benchmarks/bench.py: forking and sending
# the rows back cost about what reading alongside the guard saves near 0.4 MB (0.12 MB: 24 ms read one after the
# other, 33 ms alongside; 1.2 MB: 221 ms, 176 ms); twice that, since the saving needs a second core free. A bid
# form (about 10 kB) never pays for a fork.
READ_AHEAD_BYTES = 1024 * 1024


def open_workbook(path: Path, display: str | None = None, content: bytes | None = None,
                  apart: bool = False, currency: str | None = None,
                  file_role: str | None = None) -> tuple[Workbook | None, list[Problem]]:
    """Check a workbook and open it, or say why it cannot be read.

    The file is read once: ``content`` when the caller has its bytes already (an upload), else the
    file at ``path``. The guard checks those bytes, their SHA-256 is taken, and python-calamine
    reads them from memory: here, or with ``apart`` in a process of its own, so that a file that makes
    it abort (a kind the guard does not know yet) ends that process, not this one (the app's server).
    A large workbook is read by a forked child while the guard checks it (:mod:`bideval.read_ahead`).
    A workbook holding an error value python-calamine cannot parse (Excel 365's ``#SPILL!`` …) is read from a copy
    in which each is replaced by one it can (:func:`bideval.xlsx_guard.readable_copy`): the cell is still read as
    the error it shows.
    ``currency``: the tender's, when the cells hold its amounts (a number shown in another currency is refused).
    ``file_role``: ``panel`` for a panel workbook (the package check's advice then fits who sends it).
    """
    display = display or str(path)
    if content is None:
        content = _read_small(path)  # None when missing, not a file, unreadable or large: checked from the disk
    sheets: Sheets | None
    read = False
    if content is not None and len(content) >= READ_AHEAD_BYTES and not apart and forking_is_safe():
        from .read_ahead import read_ahead

        with read_ahead(path, content, display) as child:  # python-calamine reads while the guard checks
            problems, notes = scan_xlsx(content, display, currency, file_role)
            if problems:
                return None, problems  # the child is killed, and nothing it read is used
            if not (notes.unparsed_errors or notes.relink):  # else the child read what it cannot: killed, read below
                sheets, problems = child.sheets()
                read = True
    else:
        problems, notes = scan_xlsx(path if content is None else content, display, currency, file_role)
        if problems:
            return None, problems
    if not read:
        readable = content
        if notes.unparsed_errors or notes.relink:
            copy, problems = readable_copy(path if content is None else content, notes.unparsed_errors, display,
                                           currency, file_role, notes.relink)
            if problems:
                return None, problems
            readable = content if copy is None else copy
        if apart:
            from .reader_process import read_apart

            sheets, problems = read_apart(path, readable, display)
        else:
            sheets, problems = calamine_sheets(path, readable, display)
    if sheets is None:
        return None, problems
    try:
        digest = sha256_of(path) if content is None else hashlib.sha256(content).hexdigest()
    except OSError as error:  # a large file read from the disk, gone or changed since
        return None, [_damaged(display, "workbook", error)]
    return Workbook(sheets, display, digest, notes), []


def calamine_sheets(path: Path, content: bytes | None, display: str) -> tuple[CalamineSheets | None, list[Problem]]:
    """python-calamine's reading of a checked workbook (``content``, else the file at ``path``), or its problem."""
    import python_calamine

    try:  # reads the workbook part, its relationships, shared strings and styles
        with reading(display):
            book = _without_panic_noise(lambda: python_calamine.CalamineWorkbook.from_path(str(path))
                                        if content is None else _from_memory(content, path))
    except (python_calamine.CalamineError, OSError) as error:
        return None, [_damaged(display, "workbook", error)]
    except BaseException as error:
        if not _is_reader_panic(error):
            raise
        return None, [_damaged(display, "workbook", error)]
    return CalamineSheets(book, display), []


def _from_memory(content: bytes, path: Path) -> Any:
    """python-calamine's workbook read from ``content``, or the error it gives reading them as a file named ``path``.

    From memory python-calamine guesses the format (the guard has let through only .xlsx packages)
    and, on a damaged one, says only that it cannot tell the format; from a file named .xlsx it
    names what is damaged. So a failure is read again from a copy, for that reason.
    """
    import python_calamine

    try:
        return python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
    except python_calamine.CalamineError as error:
        guessed = error
    with tempfile.TemporaryDirectory(prefix="bideval-") as folder:
        copy = Path(folder) / (path.name or "workbook.xlsx")
        copy.write_bytes(content)
        python_calamine.CalamineWorkbook.from_path(str(copy)).close()  # raises the reader's own error
    raise guessed


def _read_small(path: Path) -> bytes | None:
    """A regular file's bytes when it is at most READ_IN_MEMORY_BYTES long; None otherwise or when it cannot be read."""
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > READ_IN_MEMORY_BYTES:
                return None
            return handle.read()
    except OSError:
        return None


def _damaged(display: str, part: str, error: BaseException, sheet: str | None = None) -> Problem:
    """The problem of a package whose XML python-calamine cannot parse (``part``: sheet or workbook)."""
    import python_calamine

    if isinstance(error, python_calamine.WorksheetNotFound):
        cause = "missing"
    elif isinstance(error, python_calamine.XmlError):
        cause = "xml"
    else:
        cause = "other"
    return Problem.of("workbook.damaged", display, sheet, part=part, cause=cause, detail=_reason(error))


def _impossible_date(display: str, sheet: str, error: BaseException) -> Problem:
    """The problem of a cell formatted as a date or time whose number is no date or time."""
    return Problem.of("workbook.impossible_date", display, sheet, detail=_reason(error))


_Read = TypeVar("_Read")
_spill: tuple[int, Any] | None = None  # (the process it belongs to, the temporary file lent stderr's place)
_stderr_lent = threading.Lock()  # one thread at a time lends stderr away and takes it back


def _without_panic_noise(read: Callable[[], _Read]) -> _Read:
    """``read()``, keeping Rust's panic text off the screen when the reader panics.

    A panic inside python-calamine is caught as a located problem (see :meth:`Workbook.rows`), but Rust's
    panic hook has already written "thread … panicked at …" (and, with RUST_BACKTRACE set, a whole
    backtrace) straight to the process's stderr: a traceback above our message. So stderr is lent to a
    temporary file for the call: what was written there is dropped after a panic and passed on otherwise,
    so nothing else is lost (another thread's log line written meanwhile comes out a moment later).
    """
    global _spill
    with _stderr_lent:
        if _spill is None or _spill[0] != os.getpid():  # a forked worker gets a file of its own
            _spill = (os.getpid(), tempfile.TemporaryFile())
        spill = _spill[1].fileno()
        sys.stderr.flush()
        try:
            saved = os.dup(2)
        except OSError:  # no stderr at all (a daemon): nothing to keep clean
            return read()
        panicked = False
        os.dup2(spill, 2)
        try:
            return read()
        except BaseException as error:
            panicked = _is_reader_panic(error)
            raise
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            written = os.lseek(spill, 0, os.SEEK_CUR)
            if written:
                if not panicked:
                    rest = os.pread(spill, written, 0)
                    while rest:
                        rest = rest[os.write(2, rest):]
                os.ftruncate(spill, 0)
                os.lseek(spill, 0, os.SEEK_SET)


def _is_reader_panic(error: BaseException) -> bool:
    """Whether ``error`` is a Rust panic inside python-calamine (pyo3's PanicException, a BaseException)."""
    return type(error).__name__ == "PanicException" and type(error).__module__ == "pyo3_runtime"


def _reason(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0][:200]


def trim_row(row: Sequence[Any]) -> list[Any]:
    """A row without its trailing empty cells."""
    end = len(row)
    while end and is_blank(row[end - 1]):
        end -= 1
    return list(row[:end])


def is_blank_row(row: Sequence[Any]) -> bool:
    """Whether every cell of a row is empty."""
    return all(is_blank(v) for v in row)


def header_row(rows: Sequence[Sequence[Any]], is_header: Callable[[Sequence[Any]], bool]) -> int | None:
    """The index of a table's header row: the first row that is not blank, or, when that row is a title (one cell
    filled: 投标人报价汇总表, a date, a batch) and a row that ``is_header`` follows below at most
    :data:`TITLE_ROWS` such titles, that row. None for a sheet with nothing in it."""
    filled = (i for i, row in enumerate(rows) if not is_blank_row(row))
    first = next(filled, None)
    if first is None or is_header(rows[first]):
        return first
    at = first
    for _ in range(TITLE_ROWS):
        if sum(not is_blank(v) for v in rows[at]) != 1:
            break
        below = next(filled, None)
        if below is None:
            break
        if is_header(rows[below]):
            return below
        at = below
    return first


TITLE_ROWS = 3  # title rows a table may have above its header
