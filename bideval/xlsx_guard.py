"""Refusing crafted or unreadable .xlsx files before any spreadsheet reader parses them.

python-calamine is Rust: on hostile input it can abort the whole process, which
no ``try`` catches (a sheet with one cell at A1 and one at XFD1048576 makes it
allocate 512 GiB for a dense range). openpyxl can be made to exhaust memory.
So :func:`check_xlsx` looks at the package with the standard library alone —
the zip directory, the declared sizes, and bounded, streamed reads of the XML
parts — and says in plain words why a file cannot be read. It imports no reader.

Worksheets are the one kind of part read to the end (in 1 MiB pieces): the cell
that makes a reader allocate a dense range can sit anywhere in the sheet. Reading
them anyway, :func:`scan_xlsx` also notes the cells python-calamine would read as
empty though they are not (an error, an uncalculated formula: bideval.cell_errors),
the rows and columns hidden in Excel, the cells struck through and the total rows of
Excel tables (bideval.sheet_notes). An error value python-calamine
cannot parse (Excel 365's #SPILL! …) is noted too: :func:`readable_copy` replaces it in a
copy of the package, checked in turn, for python-calamine to read.
"""
from __future__ import annotations

import codecs
import html
import io
import os
import posixpath
import re
import stat
import struct
import zipfile
import zlib
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache, partial
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import IO, Callable, Generic, Iterable, Iterator, Mapping, TypeVar
from urllib.parse import unquote

from .cell_errors import (CALAMINE_ERRORS, STAND_IN_ERROR, CellError, ConstantFormat, DividedFormat, HiddenByFormat,
                          InvisibleInk, LiteralPercentFormat, MisplacedValue, OddStringIndex, OtherCurrencyFormat,
                          PercentFormat, PlaceholderResult, RoundedFormat, ScaleWordFormat, TenThousandsFormat, UncalculatedFormula,
                          Unreadable)
from .errors import Problem
from .number_formats import BUILT_IN_FORMATS, real_percent
from .patterns import on_first_use
from .rubric_mark import CUSTOM_PROPERTIES, read_mark
from .rich_text import (Runs, drawn_struck, font_raises, font_strikes, holds, item_runs, marked_strings, rich_strings,
                        marked_runs, says_raise, says_raise_or_rgb, says_rich, says_strike)
from .sheet_notes import FormattedCells, SheetNotes, TableTotal, UnparsedErrors

Finding = tuple[str, dict]  # a problem's code (under "guard.") and its facts; bideval.messages words it


def _f(code: str, **facts: object) -> Finding:
    return code, facts

MAX_ENTRIES = 10_000
MAX_DIRECTORY_BYTES = MAX_ENTRIES * 256
MAX_TOTAL_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 200
RATIO_FLOOR = 1024 * 1024
XML_PREFIX_BYTES = 64 * 1024
INPUT_CHUNK_BYTES = 64 * 1024
SHEET_CHUNK_BYTES = 1024 * 1024
MAX_MARKUP_RUN = 4 * 1024 * 1024
MAX_RELS_BYTES = 8 * 1024 * 1024
MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384
MAX_CELLS = 5_000_000
MAX_REPORTED = 10
MIN_STRING_BYTES = len(b"<si/>")  # the shortest entry of a shared-string table
MAX_SHOWN_BYTES = 200  # of a value the reader would misread, kept to be shown (a message shows its first 40 characters)
TAIL_BYTES = 4096

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
OLE_SNIFF_BYTES = 1024 * 1024
WORKBOOK = "xl/workbook.xml"  # where python-calamine looks for the workbook part, and where Excel writes it
WORKBOOK_RELATIONSHIPS = "xl/_rels/workbook.xml.rels"
ROOT_RELATIONSHIPS = "_rels/.rels"  # names the workbook part (officeDocument), wherever it is
REQUIRED_PARTS = ("[Content_Types].xml", WORKBOOK)
OTHER_FORMAT_PARTS = {"mimetype", "xl/workbook.bin"}  # OpenDocument, .xlsb
XML_SUFFIXES = (".xml", ".rels", ".vml")
SHEET_ROOTS = {b"worksheet", b"macrosheet", b"dialogsheet"}
STYLES = "xl/styles.xml"
KEPT_TEXTS = {"[Content_Types].xml", WORKBOOK, WORKBOOK_RELATIONSHIPS, STYLES, ROOT_RELATIONSHIPS,
              CUSTOM_PROPERTIES}  # (the last: the mark of the rubric a bid-eval workbook was made from)
# A part's name is compared without regard to case, as Excel and python-calamine find parts (OPC part names are
# case-insensitive): xl/worksheets/Sheet1.xml is the part a link to worksheets/sheet1.xml names. Kept texts go by
# the spelling above.
_KEPT_BY_FOLDED = {name.casefold(): name for name in KEPT_TEXTS}
# Relationship types whose targets are binary payloads, never parsed as XML by a reader.
BINARY_RELATIONSHIPS = {
    "image", "hdphoto", "oleObject", "package", "printerSettings", "vbaProject",
    "vbaProjectSignature", "vbaProjectSignatureAgile", "vbaProjectSignatureV3", "font",
    "audio", "video", "media", "thumbnail", "attachedToolbars", "activeXControlBinary",
}
# ASCII-compatible encodings (markup bytes mean what they look like) and UTF-16.
ALLOWED_ENCODINGS = {
    "utf-8", "utf8", "utf-16", "utf16", "utf-16le", "utf-16be", "us-ascii", "ascii",
    "iso-8859-1", "latin1", "latin-1", "windows-1252", "cp1252",
}
COMPRESSION_NAMES = {9: "Deflate64", 12: "bzip2", 14: "LZMA", 93: "Zstandard", 95: "XZ", 99: "AES-encrypted"}

_XML_NAME = rb"[A-Za-z_][\w.\-]*"
_ENCODING = re.compile(rb"(?:\xef\xbb\xbf)?\s*<\?xml\s[^>]{0,300}?\bencoding\s*=\s*[\"']([^\"']*)[\"']")
_MARKUP_DECLARATION = on_first_use(rb"<!\s*(doctype|entity)", re.IGNORECASE)
_STARTS_LIKE_XML = re.compile(rb"(?:\xef\xbb\xbf)?\s*<")
_PROLOG = re.compile(rb"(?:\xef\xbb\xbf)?(?:\s|<\?.*?\?>|<!--.*?-->)*", re.DOTALL)
_ROOT = re.compile(rb"<(?:" + _XML_NAME + rb":)?(" + _XML_NAME + rb")")
_ATTRIBUTE = re.compile(rb"([A-Za-z_][\w:.\-]*)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_RELATIONSHIP = re.compile(rb"<(?:" + _XML_NAME + rb":)?Relationship(?=[\s/>])([^>]*)")
_TARGET_ATTRIBUTE = on_first_use(rb"(?<![\w:.\-])(Target\s*=\s*)(?:\"[^\"]*\"|'[^']*')")
_SHARED_STRINGS = re.compile(rb"<(?:" + _XML_NAME + rb":)?sst(?=[\s/>])([^>]*)")
# A start tag (or an empty element's), its name without a prefix and its inside to its real end.
_START_TAG = on_first_use(rb"<(?:" + _XML_NAME + rb":)?(" + _XML_NAME + rb")((?:[^>\"']|\"[^\"]*\"|'[^']*')*)")
_SHEET_ENTRY = re.compile(rb"<(?:" + _XML_NAME + rb":)?sheet(?=[\s/>])([^>]*)")
_DIMENSION = re.compile(rb"<(?:" + _XML_NAME + rb":)?dimension(?=[\s/>])([^>]*)")
# The fast worksheet scan handles only what every known writer produces: unprefixed
# <row r="N"> and <c r="A1"> with r first. Anything else goes to the exact scan.
#
# Each cell tag as the fast scan reads it, its reference's letters and digits: b"" for one it cannot read (no r, or r
# not first, or a reference no sheet has), which sends the sheet to the exact scan.
_CELL_TAG = re.compile(rb'<c(?: r="([A-Z]{1,3})([1-9][0-9]{0,6})"|[\t\n\r/> ])')
_ODD_TAG = b""
# Each row tag as the fast scan reads it: its number, and (rare) the attributes that may hide it ("hidden", or a
# height of 0, or one not written as plain digits: "&#48;", "-0", "0e0" are 0 too, as an XML reader reads them; before
# the next "<", which no attribute value holds, so a '>' in a quoted value does not end the look), then looked at in
# earnest (_hides); b"" for one it cannot read (no r, or r not first, or a number no sheet has), which sends the sheet
# to the exact scan.
# (The tag's inside is read to the first "h" that starts such an attribute, each other "h" stepped over at once: the
# same match as a lazy look at every byte, a quarter quicker.)
_HIDES_AFTER_H = (rb'(?:idden|t(?<![\w:.\-]ht)\s*=\s*(?:"(?![0-9]*\.?[0-9]*")|\'(?![0-9]*\.?[0-9]*\')'
                  rb'|["\']0*\.?0*["\']))')
_ROW_TAG_FAST = re.compile(rb'<row(?: r="([1-9][0-9]{0,6})"([^<h]*+(?:h(?!' + _HIDES_AFTER_H + rb')[^<h]*+)*+h'
                           + _HIDES_AFTER_H + rb')?|[\t\n\r/> ])')
_PREFIXED_CELL_OR_ROW = re.compile(rb":(?:c|row)[\s/>]")
# One step through the inside of a start tag, a quoted value whole: a '>' in a quoted value does not end the tag, as an
# XML reader reads it. (Each start tag the fast scan reads to its end is read so.)
_IN_TAG = rb"""(?:[^>"']|"[^"]*"|'[^']*')"""
# A row start tag as the fast scan reads it (r first), with the rest of its attributes to the tag's real end.
_ROW_TAG = on_first_use(rb'<row r="([0-9]+)"(' + _IN_TAG + rb'*)')
# A column tag of <cols> (not <cols> itself, nor <colBreaks>), with its attributes to the tag's real end.
_COLUMN_TAG = on_first_use(rb"<(?:" + _XML_NAME + rb":)?col(?=[\s/>])(" + _IN_TAG + rb"*)")
_ERROR_CELL = on_first_use(rb'<c r="([A-Z]+)([0-9]+)"(' + _IN_TAG + rb'*?\st\s*=\s*["\']e["\']' + _IN_TAG + rb'*)>')
_T_ERROR_ANYWHERE = on_first_use(rb"t=[\"']e[\"']")  # one quick pass before looking for error cells in earnest
# The same pass for the fast scan, which also finds an inline-text cell whose text does not follow its start tag (in
# <v>, or after a formula; <is/> holds none), and a shared-text cell whose value is not a count of at most 19 digits
# right after its start tag (OddStringIndex): rare all, each then looked at in earnest. (The tag ending in <is> at once
# is looked for first: faster. A third alternative in this pass costs nothing measurable; a pass of its own, 4 % of the
# check of a 50,000-row sheet.)
_T_ERROR_OR_ODD_VALUE = re.compile(rb"""t=["'](?:e["']|inlineStr["'](?!><is>|""" + _IN_TAG
                                   + rb"""*(?:/>|>\s*<is[\s>]))|s["'](?!><v>[0-9]{1,19}</v>))""")
_FORMULA_CELL = on_first_use(rb'<c r="([A-Z]+)([0-9]+)"(' + _IN_TAG + rb'*)>(?=\s*<f[\s/>])')  # indented markup too
_T_TEXT = on_first_use(rb"(?<![\w:.\-])t\s*=\s*[\"'](?:str|inlineStr)[\"']")
_PREFIX = rb"(?:" + _XML_NAME + rb":)?"
# A sheet's default row and column format (sheetFormatPr), with its attributes: a sheet whose rows are hidden unless a
# row says its height (zeroHeight: "rows hidden by default"), or whose columns are 0 wide unless a column tag says its
# width (defaultColWidth="0": Excel shows every such column as hidden). Looked at once per sheet (_sheet_defaults).
_SHEET_FORMAT = re.compile(rb"<" + _PREFIX + rb"sheetFormatPr(?=[\s/>])(" + _IN_TAG + rb"*)")
_FORMULA_AFTER = on_first_use(rb"\s*<" + _PREFIX + rb"f(?:\s[^>]*)?(?:/>|>([^<]*)</" + _PREFIX + rb"f>)")
_VALUE_AFTER = on_first_use(rb"\s*(?:<" + _PREFIX + rb"v\s*/>|<" + _PREFIX + rb"v>([^<]*)</" + _PREFIX + rb"v>|</"
                            + _PREFIX + rb"c>)")
# What may hold a value written where python-calamine does not take it (MisplacedValue): an inline-text cell whose
# text does not follow its start tag (<is/> holds none), or a value followed by another value or by a formula.
_ODD_INLINE = on_first_use(rb"inlineStr[\"'](?!" + _IN_TAG + rb"*(?:/>|>\s*<" + _PREFIX + rb"is[\s>]))")
_LATE_CHILD = on_first_use(rb"</" + _PREFIX + rb"(?:v|is)\s*>\s*<" + _PREFIX + rb"(?:f|v|is)[\s/>]")
# The same for the fast scan, which looks in every piece: by the end of </v> and of </is>, two patterns each searched
# by its rarer first letter, several times faster than one for both (</ is everywhere).
_LATE_AFTER_VALUE = re.compile(rb"v>\s*<(?:f|v|is)[\s/>]")
_LATE_AFTER_INLINE = re.compile(rb"is>\s*<(?:f|v|is)[\s/>]")  # (<is/> followed by anything: _T_ERROR_OR_ODD_VALUE)
# A cell's value child, prefixed or not, whole: its name (f, v or is) and its inside, never looked for past the cell's
# end or the next cell's start (as _INLINE_STRING: a <v> left open had each cell looked at read to the piece's end,
# 20,000 such cells a minute).
_VALUE_CHILD = on_first_use(rb"\s*<" + _PREFIX + rb"(f|v|is)(?=[\s/>])[^>]*?(?:/>|>((?:(?!</" + _PREFIX + rb"c\s*>|<"
                            + _PREFIX + rb"c[\s/>]).)*?)</" + _PREFIX + rb"\1\s*>)", re.DOTALL)
_USUAL_CHILDREN = {(), (b"f",), (b"v",), (b"is",), (b"f", b"v"), (b"f", b"is")}  # the file format's order
# A cell's value as python-calamine takes a shared string's index from it: its text up to the first entity or tag.
_STRING_VALUE = on_first_use(rb"\s*<" + _PREFIX + rb"v(?:\s[^>]*)?>([^&<]*)")
# A cell whose type is a shared string's (t="s"), in its start tag's attributes, spelt as an XML reader reads it.
_T_STRING = on_first_use(rb"(?<![\w:.\-])t\s*=\s*[\"']s[\"']")
# What may be a shared-text cell whose value is not a plain count (OddStringIndex), spelt in any way: each such cell
# whose value does not follow its start tag as a count of at most 19 digits (an attribute merely ending in t, xt="s",
# too: the cell is then looked at in earnest). The exact scan's pass; the fast one's is _T_ERROR_OR_ODD_VALUE.
_ODD_STRING = on_first_use(rb"""t\s*=\s*["']s["'](?!>\s*<""" + _PREFIX + rb"v>[0-9]{1,19}</)")
# A cell's value as written up to the first tag (entities kept): never looked for past it, so that the cells of a
# piece are read once each however their markup is broken.
_VALUE_TEXT = on_first_use(rb"\s*<" + _PREFIX + rb"v(?:\s[^>]*)?>([^<]*)")
_T_INLINE = on_first_use(rb"(?<![\w:.\-])t\s*=\s*[\"']inlineStr[\"']")
# A cell's start tag, as the fast scan reads it.
_CELL_START = on_first_use(rb'<c r="([A-Z]+)([0-9]+)"(' + _IN_TAG + rb'*)>')
_TAG = on_first_use(rb"<[^>]*>")
_T_NOT_NUMBER = on_first_use(rb"(?<![\w:.\-])t\s*=\s*[\"'](?!n[\"'])")  # a type other than a number's
_FULL_CALCULATION_ON_OPEN = re.compile(rb"<" + _PREFIX + rb"calcPr(?=[\s/>])[^>]*?(?<![\w:.\-])fullCalcOnLoad\s*=\s*"
                                       rb"[\"']\s*(?:1|true)\s*[\"']")
CALCULATION_CHAIN = "xl/calcChain.xml"
_NUMBER_FORMAT = re.compile(rb"<" + _PREFIX + rb"numFmt(?=[\s/>])([^>]*)")
_NUMBER_FORMATS = re.compile(rb"<" + _PREFIX + rb"numFmts(?=[\s/>])[^>]*>(.*?)</" + _PREFIX + rb"numFmts>", re.DOTALL)
# The differential formats a conditional format gives a cell (by index: a rule's dxfId), each whole.
_DIFFERENTIAL_FORMATS = re.compile(rb"<" + _PREFIX + rb"dxfs(?=[\s/>])[^>]*>(.*?)</" + _PREFIX + rb"dxfs>", re.DOTALL)
_DIFFERENTIAL_FORMATS_END = on_first_use(rb"</" + _PREFIX + rb"dxfs\s*>|<" + _PREFIX + rb"dxfs(?:\s[^>]*)?/>")
_CONDITIONAL = b"conditionalFormatting"  # the word a worksheet says when it has a conditional format
# A differential format written in a worksheet: a rule's own, as Excel 2010's extension list writes it (<x14:dxf>).
_OWN_DIFFERENTIAL_FORMAT = on_first_use(rb"<" + _PREFIX + rb"dxf[\s/>]")
_DIFFERENTIAL_FORMAT = re.compile(rb"<" + _PREFIX + rb"dxf(?=[\s/>])[^>]*?(?:/>|>(.*?)</" + _PREFIX + rb"dxf>)",
                                  re.DOTALL)
# A worksheet's conditional format: its attributes (sqref: the ranges it covers), its inside (its rules).
_CONDITIONAL_FORMAT = on_first_use(rb"<" + _PREFIX + rb"conditionalFormatting(?=[\s/>])([^>]*)>(.*?)</" + _PREFIX
                                   + rb"conditionalFormatting\s*>", re.DOTALL)
_RULE = on_first_use(rb"<" + _PREFIX + rb"cfRule(?=[\s/>])([^>]*)")
# A differential format's font and fill, each whole (the inside: None for an empty one).
_DIFFERENTIAL_FONT = on_first_use(rb"<" + _PREFIX + rb"font(?=[\s/>])[^>]*?(?:/>|>(.*?)</" + _PREFIX + rb"font>)",
                                re.DOTALL)
_DIFFERENTIAL_FILL = on_first_use(rb"<" + _PREFIX + rb"fill(?=[\s/>])[^>]*?(?:/>|>(.*?)</" + _PREFIX + rb"fill>)",
                                re.DOTALL)
# The ranges of a conditional format of Excel 2010's extension list (<x14:conditionalFormatting>), written in a child
# (<xm:sqref>C2:C9</xm:sqref>), not in an attribute.
_SQREF = on_first_use(rb"<" + _PREFIX + rb"sqref(?:\s[^>]*)?>([^<]*)</" + _PREFIX + rb"sqref\s*>")
_WHOLE_COLUMNS = on_first_use(r"([A-Za-z]{1,3}):([A-Za-z]{1,3})")
_WHOLE_ROWS = on_first_use(r"([0-9]{1,7}):([0-9]{1,7})")
_CELL_FORMATS = re.compile(rb"<" + _PREFIX + rb"cellXfs(?=[\s/>])[^>]*>(.*?)</" + _PREFIX + rb"cellXfs>", re.DOTALL)
# Excel's built-in number formats that are percentages, by id (9 0%, 10 0.00%), and a cell format naming one
BUILT_IN_PERCENT = {number: code for number, code in BUILT_IN_FORMATS.items() if real_percent(code)}
_BUILT_IN_PERCENT = on_first_use(rb'numFmtId\s*=\s*["\']\s*(?:' + "|".join(BUILT_IN_PERCENT).encode() + rb')\s*["\']')
_CELL_FORMAT = re.compile(rb"<" + _PREFIX + rb"xf(?=[\s/>])([^>]*)")
_FONTS = re.compile(rb"<" + _PREFIX + rb"fonts(?=[\s/>])[^>]*>(.*?)</" + _PREFIX + rb"fonts>", re.DOTALL)
_FONT = re.compile(rb"<" + _PREFIX + rb"font(?=[\s/>])[^>]*?(/?)>")  # a font's start tag ("/": it is empty)
_FILLS = re.compile(rb"<" + _PREFIX + rb"fills(?=[\s/>])[^>]*>(.*?)</" + _PREFIX + rb"fills>", re.DOTALL)
_FILL = re.compile(rb"<" + _PREFIX + rb"fill(?=[\s/>])[^>]*?(/?)>")  # a fill's start tag ("/": it is empty)
_TABLE = on_first_use(rb"<" + _PREFIX + rb"table(?=[\s/>])([^>]*)")
# A cell that names a cell format, its index spelt as an XML reader reads it (s="1", s='1', s = "01").
_STYLED_CELL = on_first_use(rb'<c r="([A-Z]+)([0-9]+)"(' + _IN_TAG + rb'*?\ss\s*=\s*(?:"[^"]*"|\'[^\']*\')' + _IN_TAG
                            + rb'*)>')
# An inline string, whole, within its cell: never looked for past the cell's end or the next cell's start (an <is> left
# open would have each cell looked at read to the sheet's end).
_INLINE_STRING = on_first_use(rb"\s*<" + _PREFIX + rb"is(?:\s[^>]*)?>((?:(?!</" + _PREFIX + rb"c\s*>|<" + _PREFIX
                              + rb"c[\s/>]).)*?)</" + _PREFIX + rb"is\s*>", re.DOTALL)
_T_ERROR = on_first_use(rb"(?<![\w:.\-])t\s*=\s*[\"']e[\"']")
# An error cell's <v> text python-calamine parses, as the file writes it ('' it reads as an empty cell).
_CALAMINE_ERRORS = frozenset(error.encode("ascii") for error in CALAMINE_ERRORS) | {b""}
_STAND_IN = STAND_IN_ERROR.encode("ascii")
# A row or cell start tag to its real end, as an XML reader finds it: a '>' inside a quoted value does not end it.
_ROW_OR_CELL = on_first_use(rb"<(?:" + _XML_NAME + rb":)?(row|c)(?=[\s/>])((?:[^>\"']|\"[^\"]*\"|'[^']*'|[\"'])*)")
# An r attribute that is not the first thing after "<c " or "<row " (xmlns:r declares a prefix; header=, showRuler=
# and the like are other names): the fast scan reads only first ones, so a sheet with another goes to the exact scan.
_LATE_R = re.compile(rb"r(?=\s*=)(?<!<c r)(?<!<row r)(?<![\w.\-]r)(?<!xmlns:r)")
# Any r="A1" anywhere in the sheet, whatever holds it: the exact scan counts them all, so that no reading of odd
# markup (a quote left open, a tag cut between two pieces) can hide a far cell from it.
_ANY_CELL_REF = on_first_use(rb"(?<![\w:.\-])r\s*=\s*[\"']\s*([A-Za-z]{1,7})([0-9]{1,10})\s*[\"']")
_R_ATTRIBUTE = on_first_use(rb"(?<![\w:.\-])r\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_CELL_REF = re.compile(r"([A-Za-z]{1,7})([0-9]{1,10})")
_TRAILER = rb"(?:\s|\x00|<!--(?:(?!-->).)*-->|<\?(?:(?!\?>).)*\?>)*"  # what may follow the root element
_CONTROL_BYTES = on_first_use(rb"[\x00-\x08\x0e-\x1f\x7f]")


class _Refused(Exception):
    """A part that must not reach a reader; carries the finding to report."""

    def __init__(self, code: str, **facts: object):
        super().__init__(code)
        self.finding: Finding = (code, facts)


def check_xlsx(source: Path | bytes, display: str | None = None) -> list[Problem]:
    """Problems that make a workbook unsafe or impossible to read as an .xlsx workbook; empty when it is fine.

    ``source`` is the file's path, or its bytes already read (then ``display`` names it).
    """
    return scan_xlsx(source, display)[0]


def scan_xlsx(source: Path | bytes, display: str | None = None,
              currency: str | None = None, file_role: str | None = None) -> tuple[list[Problem], SheetNotes]:
    """:func:`check_xlsx`'s problems, and what it noted of the sheets of a workbook found fine: the cells no reader
    can give a value for (an error such as ``#DIV/0!``, a formula saved without its result:
    :mod:`bideval.cell_errors`) and the rows hidden in Excel, by sheet name (:mod:`bideval.sheet_notes`).

    ``currency``: the tender's (ISO 4217), when the cells hold its amounts; a number shown through a format writing
    another currency, or the % sign as text, is then such a cell too. ``file_role``: ``panel`` for a panel
    workbook, whose problems then advise asking the panel secretary, not the bidder (a fact of each problem)."""
    noted: list[SheetNotes] = []  # the notes, when the scan read every part
    name = display if display is not None else str(source) if isinstance(source, Path) else "(workbook)"
    try:
        findings = (_check_bytes(source, noted, currency, file_role) if isinstance(source, bytes)
                    else _check(Path(source), noted, currency, file_role))
    except _Refused as refusal:
        findings = [refusal.finding]
    except OSError as error:  # the disk, not the file's content: reading it failed half-way
        findings = [_f("unreadable", detail=error.strerror or _reason(error))]
    if len(findings) > MAX_REPORTED:
        rest = len(findings) - (MAX_REPORTED - 1)
        findings = findings[: MAX_REPORTED - 1] + [_f("more", count=rest)]
    notes = noted[0] if noted and not findings else SheetNotes()
    role = {"file_role": file_role} if file_role else {}
    return [Problem.of(f"guard.{code}", name, **facts, **role) for code, facts in findings], notes


def readable_copy(source: Path | bytes, unparsed: UnparsedErrors, display: str | None = None,
                  currency: str | None = None, file_role: str | None = None,
                  relink: bool = False) -> tuple[bytes | None, list[Problem]]:
    """A copy of a package :func:`scan_xlsx` found fine in which python-calamine can parse every error cell: each cell
    of ``unparsed`` (its notes' :attr:`~bideval.sheet_notes.SheetNotes.unparsed_errors`) holds ``#N/A`` where it held
    ``#SPILL!`` or another value python-calamine refuses the whole sheet on; with ``relink`` (the notes'), the workbook
    part is at xl/workbook.xml and its relationships name each part as python-calamine finds it (:func:`_relinked`);
    every other byte of every part is as it was (each part stored uncompressed). The copy is checked as the original
    was, and its problems, which a copy of a clean package does not have, are returned instead; (None, []) when no
    such value stands where one was noted, and nothing is to be relinked.

    Only a cell noted as an error is changed, and :meth:`bideval.sheets.Workbook.rows` puts the original's note (the
    error as Excel shows it) in that cell's place, so what is read of the copy is what the original holds. The SHA-256
    and everything recorded of the file stay the original's: the copy is only what python-calamine reads."""
    buffer = io.BytesIO()
    try:
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as archive:
            mended = {part: xml for part, cells in unparsed.items()
                      if (xml := _with_stand_ins(archive.read(part), cells)) is not None}
            renamed: dict[str, str | None] = {}  # a part's name → its name in the copy (None: left out)
            if relink:
                links, renamed = _relinked(archive)
                mended.update(links)
            if not mended:
                return None, []
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as copy:
                for info in archive.infolist():
                    name = renamed.get(info.filename, info.filename)
                    if name is None:
                        continue
                    kept = zipfile.ZipInfo(name, info.date_time)
                    kept.external_attr = info.external_attr
                    copy.writestr(kept, mended[name] if name in mended else archive.read(info))
    except (OSError, KeyError, zipfile.BadZipFile, zlib.error) as error:  # a file on the disk, changed since its check
        name = display if display is not None else str(source) if isinstance(source, Path) else "(workbook)"
        role = {"file_role": file_role} if file_role else {}
        return None, [Problem.of("guard.unreadable", name, detail=_reason(error), **role)]
    readable = buffer.getvalue()
    problems, _ = scan_xlsx(readable, display, currency, file_role)
    return (None, problems) if problems else (readable, [])


def _relinked(archive: zipfile.ZipFile) -> tuple[dict[str, bytes], dict[str, str | None]]:
    """How a package is relinked for python-calamine, which looks for the workbook part at xl/workbook.xml (it follows
    _rels/.rels, but then looks for the relationships of xl/workbook.xml's folder) and takes a relationship's target
    as written, after xl/ (./, ../ and %20 unresolved): the parts whose bytes change (by their name in the copy) and
    the parts renamed (None: left out). The workbook part _rels/.rels names and its relationships are renamed to
    xl/workbook.xml and xl/_rels/workbook.xml.rels (what held those names is left out), and each of its relationships'
    targets inside the package is written as the part's name from the package's root (/xl/worksheets/sheet 1.xml)."""
    by_folded = {info.filename.casefold(): info.filename for info in archive.infolist()}
    root_name = by_folded.get(ROOT_RELATIONSHIPS)
    workbook = _workbook_of(archive)[0] or WORKBOOK  # (a package without one is refused before a copy is made)
    folder, base = posixpath.split(workbook)
    links_name = by_folded.get(posixpath.join(folder, "_rels", base + ".rels").casefold())
    renamed: dict[str, str | None] = {}
    mended: dict[str, bytes] = {}
    if workbook != WORKBOOK:
        renamed = {name: None for name in (by_folded.get(WORKBOOK.casefold()),
                                           by_folded.get(WORKBOOK_RELATIONSHIPS.casefold())) if name}
        renamed[workbook] = WORKBOOK
        if links_name:
            renamed[links_name] = WORKBOOK_RELATIONSHIPS
        if root_name:
            mended[root_name] = _RELATIONSHIP.sub(partial(_absolute_target, "", moved={workbook: WORKBOOK}),
                                                  archive.read(root_name))
    if links_name:
        mended[renamed.get(links_name) or links_name] = _RELATIONSHIP.sub(partial(_absolute_target, folder),
                                                                              archive.read(links_name))
    return mended, renamed


def _absolute_target(folder: str, match: re.Match[bytes], moved: dict[str, str] | None = None) -> bytes:
    """A relationship's tag (``match``, in a part of ``folder``) with its target inside the package written as the
    part's name from the package's root (``moved``: a part's new name, by its old)."""
    attributes = _attributes(match.group(1))
    if attributes.get("TargetMode", "").lower() == "external" or "Target" not in attributes:
        return match.group(0)
    part = _resolved(folder, attributes["Target"].split("#", 1)[0])
    part = (moved or {}).get(part, part)
    target = html.escape("/" + part, quote=True).encode("utf-8")
    return match.group(0)[:match.start(1) - match.start(0)] + _TARGET_ATTRIBUTE.sub(
        lambda value: value.group(1) + b'"' + target + b'"', match.group(1), count=1)


def _resolved(folder: str, target: str) -> str:
    """The part a relationship's target names, from the folder of the part that holds the relationship, as OPC
    resolves it: from the package's root when it starts with /, ./ and ../ followed, %20 and the like decoded."""
    return unquote(posixpath.normpath(target[1:] if target.startswith("/") else posixpath.join(folder, target)))


@lru_cache(maxsize=64)  # every copy of a bid-form template links its parts alike
def _workbook_part(root_relationships: bytes) -> str | None:
    """The workbook part _rels/.rels names (its officeDocument relationship), resolved; None when it names none."""
    for match in _RELATIONSHIP.finditer(root_relationships):
        attributes = _attributes(match.group(1))
        if attributes.get("Type", "").rstrip("/").rsplit("/", 1)[-1] == "officeDocument" \
                and attributes.get("TargetMode", "").lower() != "external" and attributes.get("Target"):
            return _resolved("", attributes["Target"])
    return None


@lru_cache(maxsize=64)
def _links_python_calamine_misses(relationships: bytes, folder: str) -> bool:
    """Whether a workbook part's relationships (the part in ``folder``) name a sheet where python-calamine, which takes
    a target as written after xl/, does not find it: ./worksheets/sheet1.xml, ../xl/…, sheet%201.xml. (It finds the
    other parts it reads, the shared strings and the styles, by their names, not by their links.)"""
    for match in _RELATIONSHIP.finditer(relationships):
        attributes = _attributes(match.group(1))
        target = attributes.get("Target", "").split("#", 1)[0]
        if attributes.get("TargetMode", "").lower() == "external" or not target \
                or not attributes.get("Type", "").rsplit("/", 1)[-1].lower().endswith("sheet"):
            continue
        taken = target[1:] if target.startswith("/") else "xl/" + target
        if taken.casefold() != _resolved(folder, target).casefold():
            return True
    return False


def _with_stand_ins(sheet: bytes, cells: frozenset[tuple[int, int]]) -> bytes | None:
    """``sheet`` (a worksheet's XML) with the value of each error cell among ``cells`` (row and column from 0) that
    python-calamine cannot parse replaced by one it can; None when there is none. The cells are found as the scan
    found them: as every known writer marks them up, then, for any not found so, following every tag."""
    values: dict[int, int] = {}  # where each value to replace starts → where it ends
    found: set[tuple[int, int]] = set()

    def stand_in(at: tuple[int, int], after: int) -> None:  # the cell at ``at`` whose start tag ends at ``after``
        found.add(at)
        value = _value_at(sheet, after)
        if value is not None and not _calamine_parses(value):
            values[value.start(1)] = value.end(1)

    for typed in _T_ERROR_ANYWHERE.finditer(sheet):  # (error cells are few: each is looked at from its type)
        match = _ERROR_CELL.match(sheet, sheet.rfind(b"<", 0, typed.start()))
        if match is not None and (at := (int(match.group(2)) - 1, _column_number(match.group(1)) - 1)) in cells:
            stand_in(at, match.end())
    if not cells <= found:
        for row, column, match in _placed_cells(sheet, _Extent()):
            at = (row - 1, column - 1)
            if at in cells and _T_ERROR.search(match.group(2)):
                stand_in(at, match.end() + 1)
    if not values:
        return None
    pieces, last = [], 0
    for start in sorted(values):
        pieces += [sheet[last:start], _STAND_IN]
        last = values[start]
    return b"".join(pieces + [sheet[last:]])


def _check(path: Path, noted: list[SheetNotes], currency: str | None, file_role: str | None = None) -> list[Finding]:
    """Every stage in order; the first stage that finds something stops the check."""
    problem = _file_problem(path)
    if problem:
        return [problem]
    try:
        handle = open(path, "rb")
    except OSError as error:
        return [_f("cannot_open", detail=str(error.strerror or error))]
    with handle:
        return _check_package(handle, os.fstat(handle.fileno()).st_size, noted, currency, file_role)


def _check_bytes(data: bytes, noted: list[SheetNotes], currency: str | None,
                 file_role: str | None = None) -> list[Finding]:
    """The checks of :func:`_check` on a file's bytes already in memory (one read for the guard and the reader)."""
    if not data:
        return [_f("empty")]
    return _check_package(io.BytesIO(data), len(data), noted, currency, file_role)


def _check_package(handle: IO[bytes], size: int, noted: list[SheetNotes], currency: str | None,
                   file_role: str | None = None) -> list[Finding]:
    """Every stage after the file itself: what kind of file it is, its zip directory, its entries, its parts;
    appends to ``noted`` what the scan of a clean package's parts noted of its sheets."""
    head = handle.read(512)
    if head[:8] == OLE_MAGIC:
        return [_not_xlsx(*_describe_ole(handle))]
    if head[:4] != ZIP_MAGIC:
        return [_not_xlsx(*_describe_head(head))]
    problem = directory_problem(handle, size)
    if problem:
        return [problem]
    try:
        archive = zipfile.ZipFile(handle)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, ValueError) as error:
        return [_f("zip_broken", detail=_reason(error))]
    with archive:
        if len(archive.infolist()) > MAX_ENTRIES:
            return [_too_many_entries(len(archive.infolist()))]
        if any(not info.filename for info in archive.infolist()):  # every later stage reads entries by name
            return [_f("zip_broken", detail="an entry of the zip directory has no name")]
        for stage in (_member_problems, _kind_problems):
            messages = stage(archive)
            if messages:
                return messages
        scan = _PartScan(archive, currency, panel=file_role == "panel")
        messages = scan.run()
        if not messages:
            noted.append(scan.notes())
    return messages


def _file_problem(path: Path) -> Finding | None:
    """Whether `path` is a non-empty regular file."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return _f("no_file")
    except OSError as error:
        return _f("cannot_open", detail=str(error.strerror or error))
    if stat.S_ISDIR(info.st_mode):
        return _f("folder")
    if not stat.S_ISREG(info.st_mode):
        return _f("not_regular")
    if info.st_size == 0:
        return _f("empty")
    return None


def _not_xlsx(found: str, advice: str) -> Finding:
    """A file that is something other than an .xlsx workbook: what it is, and what to do (codes of messages.py)."""
    return _f("not_xlsx", found=found, advice=advice)


def _describe_ole(handle: IO[bytes]) -> tuple[str, str]:
    """What an OLE (compound file) is, from the stream names in its directory."""
    handle.seek(0)
    data = handle.read(OLE_SNIFF_BYTES)
    if "EncryptedPackage".encode("utf-16-le") in data:
        return "encrypted", "remove_password"
    if "Workbook".encode("utf-16-le") in data or "Book\x00".encode("utf-16-le") in data:
        return "xls", "save"
    if "WordDocument".encode("utf-16-le") in data:
        return "doc", "send"
    return "xls_or_encrypted", "remove_password_xls"


def _describe_head(head: bytes) -> tuple[str, str]:
    """What a file that is not a zip package looks like, from its first bytes."""
    magics = (
        (b"%PDF", "pdf"), (b"{\\rtf", "rtf"), (b"\x1f\x8b", "gzip"), (b"Rar!", "rar"), (b"7z\xbc\xaf", "7z"),
        (b"\x89PNG", "png"), (b"\xff\xd8\xff", "jpeg"), (b"GIF8", "gif"), (b"PK\x05\x06", "empty_zip"),
    )
    for magic, found in magics:
        if head.startswith(magic):
            return found, "send"
    text = _as_text(head)
    if text is None:
        if head.startswith(b"MZ"):
            return "exe", "send"
        return "unknown", "send"
    lowered = text.lstrip("\ufeff \t\r\n").lower()
    if lowered.startswith(("<!doctype html", "<html")) or "<table" in lowered:
        return "html", "save"
    if lowered.startswith("<?xml"):
        if "urn:schemas-microsoft-com:office:spreadsheet" in lowered:
            return "excel2003xml", "save"
        return "xml", "send"
    return "text", "save"


def workbook_kind(path: Path) -> str | None:
    """What Excel workbook a file is by its bytes, whatever its name: ``xlsx`` (a zip package holding a workbook, as
    the package check finds one), ``xls`` or ``encrypted`` (a compound file: an old workbook, or one with a password);
    None for anything else (a PDF, a text, a Word file) or a file that cannot be read.

    Only the file's first bytes and zip directory are read, never a part; a zip directory too large to parse safely
    says nothing."""
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            head = handle.read(8)
            if head == OLE_MAGIC:
                kind = _describe_ole(handle)[0]
                return kind if kind in ("xls", "encrypted") else None
            if head[:4] != ZIP_MAGIC or directory_problem(handle, size):
                return None
            handle.seek(0)
            with zipfile.ZipFile(handle) as archive:
                return "xlsx" if not _kind_problems(archive) else None
    except (OSError, zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, ValueError):
        return None


def describe_head(head: bytes) -> str:
    """What a file that is neither a zip package nor an OLE file looks like, from its first bytes (a key of
    ``messages.FOUND``: ``pdf``, ``png``, ``text``, ``html`` …)."""
    return _describe_head(head)[0]


def _as_text(head: bytes) -> str | None:
    """`head` as text when it looks like text (UTF-16 with a BOM, or no control bytes)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head[: len(head) // 2 * 2].decode("utf-16", "replace")
    if _CONTROL_BYTES.search(head):
        return None
    return head.decode("utf-8", "replace")


def directory_problem(handle: IO[bytes], size: int) -> Finding | None:
    """Refuse a zip directory too large to let zipfile parse, before it does."""
    found = _end_of_directory(handle, size)
    if found is None:
        return _f("truncated")
    entries, directory_bytes = found
    if entries > MAX_ENTRIES:
        return _too_many_entries(entries)
    if directory_bytes > MAX_DIRECTORY_BYTES:
        return _f("directory_too_large", size=directory_bytes, limit=MAX_DIRECTORY_BYTES)
    return None


def _too_many_entries(entries: int) -> Finding:
    """A package with too many parts."""
    return _f("too_many_parts", entries=entries, limit=MAX_ENTRIES)


def _end_of_directory(handle: IO[bytes], size: int) -> tuple[int, int] | None:
    """(entries, directory bytes) from the end record zipfile will use, or None when there is none."""
    # Mirrors zipfile._EndRecData: the record at the very end, else the last one in
    # the comment window, updated from a zip64 record just before its locator.
    if size < 22:
        return None
    handle.seek(size - 22)
    record = handle.read(22)
    position = size - 22
    if not (record[:4] == b"PK\x05\x06" and record[-2:] == b"\x00\x00"):
        start = max(size - 22 - 65536, 0)
        handle.seek(start)
        tail = handle.read()
        at = tail.rfind(b"PK\x05\x06")
        if at < 0 or at + 22 > len(tail):
            return None
        record, position = tail[at:at + 22], start + at
    entries, directory_bytes = struct.unpack("<4s4H2LH", record)[4:6]
    if position >= 76:
        handle.seek(position - 76)
        zip64 = handle.read(76)
        if zip64[56:60] == b"PK\x06\x07" and zip64[:4] == b"PK\x06\x06":
            entries, directory_bytes = struct.unpack("<4sQ2H2L4Q", zip64[:56])[7:9]
    return entries, directory_bytes


def _member_problems(archive: zipfile.ZipFile) -> list[Finding]:
    """Duplicate, encrypted, oddly compressed, overlapping or bomb-like entries."""
    messages: list[Finding] = []
    seen: set[str] = set()
    total = 0
    bombs: list[zipfile.ZipInfo] = []  # the parts that expand past MAX_RATIO: one refusal for them all
    for info in archive.infolist():
        name = info.filename
        if name.casefold() in seen:
            messages.append(_f("duplicate_part", part=name))
        seen.add(name.casefold())
        if info.flag_bits & 0x41:
            messages.append(_f("encrypted_part", part=name))
        elif info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            messages.append(_f("compression", part=name, method=COMPRESSION_NAMES.get(info.compress_type),
                               number=info.compress_type))
        elif not _sizes_possible(info):
            messages.append(_f("impossible_sizes", part=name, compressed=info.compress_size,
                               uncompressed=info.file_size))
        elif info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * info.compress_size:
            bombs.append(info)
        total += info.file_size
    bomb = _bomb(bombs, total)
    return ([bomb] if bomb is not None else []) + messages + _overlap_problems(archive)


def _bomb(parts: list[zipfile.ZipInfo], total: int) -> Finding | None:
    """One refusal of a workbook that would expand like a decompression bomb: the first part past :data:`MAX_RATIO`
    (with how many more there are, and the whole workbook's size when that passes :data:`MAX_TOTAL_UNCOMPRESSED`
    too), else the whole workbook past it; None for neither. A bomb of one part had been told twice, by its ratio and
    by the total it makes."""
    over = total if total > MAX_TOTAL_UNCOMPRESSED else None
    if not parts:
        return None if over is None else _f("bomb_total", total=total, limit=MAX_TOTAL_UNCOMPRESSED)
    first = parts[0]
    return _f("bomb_ratio", part=first.filename, compressed=first.compress_size, uncompressed=first.file_size,
              ratio=first.file_size // max(first.compress_size, 1), limit=MAX_RATIO, more=len(parts) - 1,
              total=over, total_limit=MAX_TOTAL_UNCOMPRESSED)


def _sizes_possible(info: zipfile.ZipInfo) -> bool:
    """Whether the compressed size fits the uncompressed one (Deflate never grows data by more than ~0.1%)."""
    if info.compress_type == zipfile.ZIP_STORED:
        return info.compress_size == info.file_size
    return info.compress_size <= info.file_size + info.file_size // 256 + 64


def _overlap_problems(archive: zipfile.ZipFile) -> list[Finding]:
    """Entries whose bytes overlap each other or the directory (the trick behind non-recursive zip bombs)."""
    spans = sorted((info.header_offset, info.header_offset + 30 + len(_raw_name(info)) + info.compress_size,
                    info.filename) for info in archive.infolist())
    for (start, end, name), (next_start, _, next_name) in zip(spans, spans[1:]):
        if start < 0 or end > next_start:
            return [_f("overlap", part=name, other=next_name)]
    if spans and spans[-1][1] > archive.start_dir:
        return [_f("runs_past", part=spans[-1][2])]
    return []


def _raw_name(info: zipfile.ZipInfo) -> bytes:
    """An entry's name as stored in its headers."""
    if info.orig_filename.isascii():  # the same bytes in UTF-8 and cp437, without cp437's slow Python codec
        return info.orig_filename.encode("ascii")
    try:
        return info.orig_filename.encode("utf-8" if info.flag_bits & 0x800 else "cp437")
    except UnicodeEncodeError:
        return info.orig_filename.encode("utf-8")


def _kind_problems(archive: zipfile.ZipFile) -> list[Finding]:
    """A zip package that is not a workbook: say what it is when that is easy."""
    names = archive.NameToInfo
    # A package that also holds another format's workbook (an .xlsb's or an OpenDocument's) is refused
    # as that format: a reader that guesses the format from the bytes could read that one, unchecked.
    if all(part in names for part in REQUIRED_PARTS) and not OTHER_FORMAT_PARTS & names.keys():
        return []
    named: str | None = None  # the part _rels/.rels names as the workbook when it is no workbook
    if "[Content_Types].xml" in names and not OTHER_FORMAT_PARTS & names.keys():
        workbook, named = _workbook_of(archive)
        if workbook is not None:
            return []
    if "mimetype" in names:
        try:
            mimetype = _EntryReader(archive.fp, names["mimetype"]).read(128)  # type: ignore[arg-type]
        except (zipfile.BadZipFile, zlib.error) as error:
            return [_broken("mimetype", error)]
        if mimetype.startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
            return [_not_xlsx("ods", "save_ods")]
        if mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
            return [_not_xlsx("odt", "send")]
        return [_not_xlsx("odf", "send")]
    for part, found, advice in (
        ("word/document.xml", "docx", "send"),
        ("ppt/presentation.xml", "pptx", "send"),
        ("xl/workbook.bin", "xlsb", "save"),
        ("Index/Document.iwa", "numbers", "export_numbers"),
    ):
        if part in names:
            return [_not_xlsx(found, advice)]
    return [_f("no_workbook", missing=tuple(part for part in REQUIRED_PARTS if part not in names),
               **({"named": named} if named else {}))]


def _workbook_of(archive: zipfile.ZipFile) -> tuple[str | None, str | None]:
    """The workbook part as Excel finds it, by its name in the package: the part _rels/.rels names (its officeDocument
    relationship) where the package holds it, else xl/workbook.xml (None when there is none); and the part _rels/.rels
    names when that is no workbook (its root element is not <workbook>: [Content_Types].xml, _rels/.rels, a sheet),
    which Excel cannot open. Excel opens a workbook part elsewhere, and python-calamine reads it from a copy with the
    part renamed (:func:`_relinked`)."""
    by_folded = {info.filename.casefold(): info for info in archive.infolist()}
    root = by_folded.get(ROOT_RELATIONSHIPS)
    fallback = by_folded.get(WORKBOOK.casefold())
    default = fallback.filename if fallback else None
    if root is None or root.file_size > MAX_RELS_BYTES:
        return default, None
    try:
        named = _workbook_part(_EntryReader(archive.fp, root).read(MAX_RELS_BYTES))  # type: ignore[arg-type]
        info = by_folded.get(named.casefold()) if named else None
        if info is None or info is fallback:  # a link to nothing: what python-calamine makes of it is told when it reads
            return default, None
        head = _EntryReader(archive.fp, info).read(XML_PREFIX_BYTES)  # type: ignore[arg-type]
    except (zipfile.BadZipFile, zlib.error, _Refused):  # told where the part is checked, if it is needed at all
        return default, None
    encoding = _encoding_of(head)
    text = head.decode(encoding, "replace").encode("utf-8") if encoding not in (None, "unreadable") else head
    prolog = _PROLOG.match(text)
    element = _ROOT.match(text, prolog.end() if prolog else 0)
    return (info.filename, None) if element and element.group(1) == b"workbook" else (None, info.filename)


class _EntryReader:
    """The decompressed bytes of one zip entry, read in bounded pieces straight from the file."""

    # Lighter than ZipFile.open for the many small parts, and stricter: an entry that
    # inflates past its declared size is refused as soon as it does, and one read to
    # its end must match its declared size and CRC.

    def __init__(self, handle: IO[bytes], info: zipfile.ZipInfo):
        self.info = info
        self.done = False
        self._handle = handle
        self._position = _data_start(handle, info)
        self._left = info.compress_size
        self._pending = b""
        self._produced = 0
        self._crc = 0
        self._inflate = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None

    def read(self, size: int) -> bytes:
        """Up to `size` more bytes (b'' at the end); never inflates more than one byte past the declared size."""
        pieces = []
        want = size
        while want > 0 and not self.done:
            if not self._pending and self._left:
                self._handle.seek(self._position)
                self._pending = self._handle.read(min(self._left, INPUT_CHUNK_BYTES))
                if not self._pending:
                    raise zipfile.BadZipFile(f"{self.info.filename} is cut short")
                self._position += len(self._pending)
                self._left -= len(self._pending)
            limit = min(want, self.info.file_size - self._produced + 1)
            if self._inflate is None:
                piece, self._pending = self._pending[:limit], self._pending[limit:]
                self.done = not self._pending and not self._left
            else:
                piece = self._inflate.decompress(self._pending, limit)
                self._pending = self._inflate.unconsumed_tail
                self.done = self._inflate.eof
                if not piece and not self.done and not self._pending and not self._left:
                    raise zipfile.BadZipFile(f"{self.info.filename} is cut short")
            self._produced += len(piece)
            if self._produced > self.info.file_size:
                raise _Refused("part_oversize", part=self.info.filename, declared=self.info.file_size)
            self._crc = zlib.crc32(piece, self._crc)
            pieces.append(piece)
            want -= len(piece)
        if self.done and (self._produced != self.info.file_size or self._crc != self.info.CRC):
            raise zipfile.BadZipFile(f"{self.info.filename} does not match its recorded size and checksum")
        return b"".join(pieces)


_NAME_AND_EXTRA = struct.Struct("<2H")  # a local header's name and extra field lengths, at its 26th byte


def _data_start(handle: IO[bytes], info: zipfile.ZipInfo) -> int:
    """Where an entry's compressed bytes start, after a local header that must agree with the directory."""
    handle.seek(info.header_offset)
    header = handle.read(30)
    if len(header) != 30 or header[:4] != ZIP_MAGIC:
        raise zipfile.BadZipFile(f"{info.filename} has no valid local header")
    name_length, extra_length = _NAME_AND_EXTRA.unpack_from(header, 26)
    if handle.read(name_length) != _raw_name(info):
        raise zipfile.BadZipFile(f"{info.filename} has a different name in its local header")
    return info.header_offset + 30 + name_length + extra_length


# Parts found clean, by everything their check depends on: the part's name, how it was reached, whether its
# package holds non-XML parts, its declared sizes and checksum, the limits, and its compressed bytes
# themselves (compared in full, so a hit is a byte-identical part, never a lookalike). Every copy of a
# bid-form template carries the same theme, styles and relationship parts: each is inflated and read
# once per process, not once per bidder. Worksheets are never remembered (each bidder's cells differ).
_CLEAN_PARTS: dict[tuple, tuple[bytes | None, frozenset[str]]] = {}
MAX_REMEMBERED_PART_BYTES = 64 * 1024
MAX_REMEMBERED_PARTS = 256


@dataclass
class _Extent:
    """How far a worksheet reaches, as a reader will see it."""

    rows: int = 0
    columns: int = 0
    row_tag: int = 0
    cell_count: int = 0
    row_count: int = 0
    bad_ref: tuple[str, str] | None = None  # ("row" or "cell", the reference as written)
    twice: tuple[str, tuple[str, ...]] | None = None  # ("row" or "cell", its references) for a tag giving two
    dimensions: list[str] = field(default_factory=list)
    cursor_row: int = 0
    cursor_column: int = 0
    last_cell: int = 0  # the exact scan's last cell (its row × 16384 + its column), to see one placed again
    placed_again: bool = False  # a cell may be given twice: a reference met again, or before one met already
    errors: dict[tuple[int, int], Unreadable] = field(default_factory=dict)  # (row, column) from 0 → what it holds
    unparsed: set[tuple[int, int]] = field(default_factory=set)  # the error cells python-calamine cannot parse
    hidden: set[int] = field(default_factory=set)  # the rows (from 1) a row tag says are hidden
    hidden_by_default: bool = False  # sheetFormatPr zeroHeight: a row without a height of its own is hidden
    hidden_columns: list[tuple[int, int]] = field(default_factory=list)  # (first, last), from 1, of each <col> hiding
    columns_hidden_by_default: bool = False  # sheetFormatPr defaultColWidth 0: a column without a width is hidden
    shown_columns: list[tuple[int, int]] = field(default_factory=list)  # (first, last) of each <col> with a width
    before_rows: bool = True  # sheetData not reached yet
    after_cells: bool = False  # </sheetData> passed (found when "rgb" is said there: a rule's own colour, not a run's)
    strikes: bool = False  # the sheet says "strike" (an inline string's run struck through?)
    raises: bool = False  # the sheet says "vertAlign" (an inline string's run raised or lowered?)
    colours: bool = False  # the sheet says "rgb" (an inline string's run in a colour of its own?)
    conditional: bool = False  # the sheet says "conditionalFormatting" (a conditional format?)
    own_rules: bool = False  # … and, after that, holds a differential format (<x14:dxf>: a rule's own)
    # … those differential formats' insides, each once; None: not all told (one cut between pieces, or too many)
    own_formats: set[bytes] | None = field(default_factory=set)
    noted: tuple[str, ...] = ()  # a bid's: the cell formats (by index) showing a number otherwise than General does
    noted_cells: list[bytes] = field(default_factory=list)  # … the cells in one, each piece's (_note_formatted_cells)


class _ThemeHead(bytes):
    """The head of a theme part, as the check keeps it (told apart from a table's kept head)."""


class _PartScan:
    """One pass over the XML parts of a package that has passed the zip checks."""

    def __init__(self, archive: zipfile.ZipFile, currency: str | None = None, panel: bool = False):
        self.archive = archive
        self.currency = currency  # the tender's, when the cells hold its amounts
        self.panel = panel  # a panel workbook's: a number shown as a percentage is no score
        self.handle: IO[bytes] = archive.fp  # type: ignore[assignment]
        self.others = {info.filename for info in archive.infolist()
                       if not info.is_dir() and not info.filename.lower().endswith(XML_SUFFIXES)}
        self.targets: set[str] = set()
        self.texts: dict[str, bytes] = {}
        self.sheets: list[tuple[str, Finding]] = []
        self.cut: list[str] = []  # parts whose XML stops before their root element is closed
        self.errors: dict[str, dict[tuple[int, int], Unreadable]] = {}  # worksheet part → cells with no value
        self.unparsed: dict[str, frozenset[tuple[int, int]]] = {}  # worksheet part → its errors python-calamine refuses
        self.hidden: dict[str, frozenset[int]] = {}  # worksheet part → its hidden rows (from 1)
        self.hidden_columns: dict[str, frozenset[int]] = {}  # worksheet part → its hidden columns (from 1) with cells
        self.worksheets: list[zipfile.ZipInfo] = []  # every worksheet measured
        self.tables: dict[str, bytes] = {}  # table part → its head, for a table with a total row (rare)
        self.struck: dict[str, frozenset[tuple[int, int]]] = {}  # worksheet part → its cells drawn struck through
        self.struck_in_part: dict[str, dict[tuple[int, int], tuple[str, ...]]] = {}  # … and those struck in part
        self.strings_strike: bool | None = None  # the shared strings say "strike" (a struck run?); None: none
        self.strikes: set[str] = set()  # the worksheets that say "strike" (an inline string's struck run?)
        self.raised: dict[str, dict[tuple[int, int], tuple[str, ...]]] = {}  # … its cells raised or lowered in part
        self.strings_raise: bool | None = None  # the shared strings say "vertAlign" (a raised run?); None: none
        self.strings_rich = False  # the shared strings say "rPr" (a run with a font, its colour its own?)
        self.themes: dict[str, bytes] = {}  # theme part → its head (its colour scheme comes first)
        self.raises: set[str] = set()  # the worksheets that say "vertAlign" (an inline string's raised run?)
        self.colours_said: set[str] = set()  # the worksheets that say "rgb" (an inline string's coloured run?)
        # … the cells of each a conditional format may strike through, each with the format's range
        self.struck_by_rule: dict[str, dict[tuple[int, int], str]] = {}
        self.conditional: set[str] = set()  # the worksheets that say "conditionalFormatting"
        # … and hold a rule with a differential format of its own (Excel 2010's): each such format's inside (None: not
        # all told, the worksheet read again for them)
        self.own_rules: dict[str, frozenset[bytes] | None] = {}
        self.exact: set[str] = set()  # the worksheets whose unusual markup the exact scan measured
        # A bid's: its cell formats showing a number otherwise than General does (a percentage, zeros padding it,
        # decimals …: by index → the format), and by worksheet part the cells in one (a format's index, the cell's
        # column letters and row: 2C15, one after another) and those a conditional format may show as a percentage
        # (row and column from 0 → the format)
        self.noted_formats: dict[str, str] = {}
        self.noted_indices: tuple[str, ...] | None = None  # (None: not worked out yet)
        self.formatted: dict[str, bytes] = {}
        self.percent_by_rule: dict[str, dict[tuple[int, int], str]] = {}
        self.workbook = WORKBOOK  # the workbook part, as _rels/.rels names it (its text kept as xl/workbook.xml's)

    def run(self) -> list[Finding]:
        """Problems in the named XML parts, the parts relationships point at, and the worksheets."""
        messages: list[Finding] = []
        infos = self.archive.infolist()
        if self.currency is not None and not self.panel:  # a bid's styles first: its formats are looked for in
            infos = _styles_first(self.archive)  # its sheets as they are read, never in a second read of each
        for info in infos:
            if info.filename.lower().endswith(XML_SUFFIXES):
                messages += self.part(info, named=True)
        others = {name.casefold(): name for name in self.others} if self.others else {}
        for name in sorted({others[t] for target in self.targets if (t := target.casefold()) in others}):
            messages += self.part(self.archive.NameToInfo[name], named=False)
        if not messages:
            self.find_workbook()
            problem = self.markup_problem()
            if problem is not None:
                messages.append(problem)
        messages += [_f("cut_short", part=part, sheet_name=self.sheet_name(part)) for part in self.cut]
        if messages:
            return messages
        messages = [_f("sheet", part=part, sheet_name=self.sheet_name(part), finding=finding)
                    for part, finding in self.sheets]
        styles = self.styles_elsewhere()
        if styles is not None:
            messages.append(_f("styles_elsewhere", part=styles))
        if not messages and _says_macro_enabled(self.texts.get("[Content_Types].xml", b"")):
            messages.append(_not_xlsx("xlsm", "save_xlsm"))
        return messages

    def part(self, info: zipfile.ZipInfo, named: bool) -> list[Finding]:
        """Problems in one part; `named` when its name says XML, else it was reached by a relationship."""
        name = info.filename
        try:
            memory = self._memory_key(info, named)
            clean = _CLEAN_PARTS.get(memory) if memory is not None else None
            if clean is not None:
                self._take(name, *clean)
                return []
            clean = self._read_part(info, named)
        except _Refused as refusal:
            return [refusal.finding]
        except (zipfile.BadZipFile, zlib.error) as error:  # what _EntryReader and inflating a corrupt part raise
            return [_broken(name, error)]
        if clean is not None:
            self._take(name, *clean)
            if memory is not None:
                if len(_CLEAN_PARTS) >= MAX_REMEMBERED_PARTS:
                    _CLEAN_PARTS.clear()
                _CLEAN_PARTS[memory] = clean
        return []

    def _memory_key(self, info: zipfile.ZipInfo, named: bool) -> tuple | None:
        """What a small part's check depends on, its compressed bytes included; None for a large part."""
        if info.compress_size > MAX_REMEMBERED_PART_BYTES or info.filename.casefold() == _SHARED_STRINGS_FOLDED:
            return None  # (each bidder's strings differ, and the check notes whether they strike: never remembered)
        self.handle.seek(_data_start(self.handle, info))
        return (info.filename, named, bool(self.others), info.compress_type, info.file_size, info.CRC,
                XML_PREFIX_BYTES, MAX_RELS_BYTES, self.handle.read(info.compress_size))

    def _take(self, name: str, kept: bytes | None, targets: frozenset[str]) -> None:
        """Record what a clean part gave: its text when it is one the later checks read (a table part's head when the
        table has a total row, a theme part's), the parts it points at."""
        if kept is not None:
            known = _KEPT_BY_FOLDED.get(name.casefold())
            if known is not None:
                self.texts[known] = kept
            elif isinstance(kept, _ThemeHead):
                self.themes[name] = kept
            else:
                self.tables[name] = kept
        self.targets.update(targets)

    def _read_part(self, info: zipfile.ZipInfo, named: bool) -> tuple[bytes | None, frozenset[str]] | None:
        """Read and check one part: (its kept text, the parts it points at) when it is a clean part other than
        a worksheet, else None (a worksheet, measured into self.sheets, or a part cut short, in self.cut)."""
        name = info.filename
        stream = _EntryReader(self.handle, info)
        raw = stream.read(XML_PREFIX_BYTES)
        complete = stream.done
        encoding = _encoding_of(raw)
        if encoding == "unreadable":
            if named:
                raise _Refused("not_utf", part=name)
            return None, frozenset()
        decoder = codecs.getincrementaldecoder(encoding)("replace") if encoding else None
        text = decoder.decode(raw, final=complete).encode("utf-8", "replace") if decoder else raw
        looks_like_xml = _STARTS_LIKE_XML.match(text) is not None
        if not (named or looks_like_xml):
            return None, frozenset()
        root = _inspect_head(name, text, complete, looks_like_xml)
        if root == b"sst":
            _check_string_count(name, text, info.file_size)
            if name.casefold() == _SHARED_STRINGS_FOLDED:  # a struck or raised run? Read to the end only to say
                said = says_strike(text), says_raise(text), says_rich(text)
                if not complete and not all(said):
                    said = _says_further(stream, decoder, text[-8:], said)
                self.strings_strike, self.strings_raise, self.strings_rich = said
        kept = text if name.casefold() in _KEPT_BY_FOLDED else None
        if kept is not None:
            self.texts[_KEPT_BY_FOLDED[name.casefold()]] = kept
        elif root == b"table" and b"totalsRowCount" in text:  # an Excel table, its total row maybe on: kept (rare)
            kept = text
        elif root == b"theme":  # its colours: a cell's theme="1" (kept: every copy of a template has the same)
            kept = _ThemeHead(text)
        if root in SHEET_ROOTS:
            if decoder is not None:  # python-calamine reads a worksheet in UTF-16 as an empty sheet, without a word
                raise _Refused("sheet_in_utf16", part=name)
            self.worksheet(info, root, chain([text], _more_text(stream, decoder, SHEET_CHUNK_BYTES)))
            return None
        if root and complete and not _closes(text, root):
            self.cut.append(name)
            return None
        if name.lower().endswith(".rels") and (self.others or (kept is not None and not complete)):
            # (read whole: the parts it points at are scanned too; a kept one, the workbook's, names every sheet)
            if info.file_size > MAX_RELS_BYTES:
                raise _Refused("rels_too_big", part=name, size=info.file_size)
            whole = text + b"".join(_more_text(stream, decoder, XML_PREFIX_BYTES))
            if kept is not None:
                kept = self.texts[_KEPT_BY_FOLDED[name.casefold()]] = whole
            return kept, self.relationships(info, whole) if self.others else frozenset()
        return kept, frozenset()

    @staticmethod
    def relationships(info: zipfile.ZipInfo, text: bytes) -> frozenset[str]:
        """The parts a relationship part points at, to be scanned too."""
        targets: set[str] = set()
        folder = posixpath.dirname(posixpath.dirname(info.filename))
        for match in _RELATIONSHIP.finditer(text):
            attributes = _attributes(match.group(1))
            if attributes.get("TargetMode", "").lower() == "external":
                continue
            if attributes.get("Type", "").rstrip("/").rsplit("/", 1)[-1] in BINARY_RELATIONSHIPS:
                continue
            target = attributes.get("Target", "").split("#", 1)[0]
            if target:
                path = target[1:] if target.startswith("/") else posixpath.join(folder, target)
                path = posixpath.normpath(path)
                targets.update({path, unquote(path)})
        return frozenset(targets)

    def worksheet(self, info: zipfile.ZipInfo, root: bytes, chunks: Iterable[bytes]) -> None:
        """Measure a worksheet to its end: the fast scan, or the exact one when the markup is unusual."""
        noted = self.noted_styles()
        extent = _Extent(noted=noted)
        tail = [b""]
        if not _measure_sheet(_keeping_tail(chunks, tail), extent, exact=False):
            self.exact.add(info.filename)
            extent = _Extent(noted=noted)
            tail = [b""]
            _measure_sheet(_keeping_tail(self.sheet_text(info), tail), extent, exact=True)
        self.worksheets.append(info)
        findings = _sheet_findings(extent)
        if extent.placed_again and not findings:  # (a sheet within the limits: at most MAX_CELLS cells from A1)
            twice = _cell_given_twice(self.sheet_text(info), extent.rows, extent.columns)
            if twice is not None:
                findings.append(_f("cell_twice", cell=twice))
        self.sheets += [(info.filename, finding) for finding in findings]
        if extent.errors:
            self.errors[info.filename] = extent.errors
        if extent.unparsed:
            self.unparsed[info.filename] = frozenset(extent.unparsed)
        if extent.hidden:
            self.hidden[info.filename] = frozenset(extent.hidden)
        columns = _columns_within(extent.hidden_columns + _default_width_hides(extent), extent.columns)
        if columns:
            self.hidden_columns[info.filename] = columns
        if extent.strikes:
            self.strikes.add(info.filename)
        if extent.raises:
            self.raises.add(info.filename)
        if extent.colours:
            self.colours_said.add(info.filename)
        if extent.conditional:
            self.conditional.add(info.filename)
        if extent.own_rules:
            self.own_rules[info.filename] = None if extent.own_formats is None else frozenset(extent.own_formats)
        if extent.noted_cells:
            self.formatted[info.filename] = b" ".join(extent.noted_cells)
        if not findings and not _closes(tail[0], root):
            self.cut.append(info.filename)

    def find_workbook(self) -> None:
        """Take the workbook part _rels/.rels names where it is not xl/workbook.xml, as Excel and python-calamine do:
        its text, and its relationships', are kept as xl/workbook.xml's are (both parts are checked as every part)."""
        named_as = _workbook_part(self.texts.get(ROOT_RELATIONSHIPS, b""))  # (remembered: the usual case costs nothing)
        if named_as is None or named_as.casefold() == WORKBOOK.casefold():
            return
        workbook, named = _workbook_of(self.archive)
        if named is not None:
            raise _Refused("no_workbook", missing=(), named=named)
        if workbook is None or workbook == WORKBOOK:
            return
        self.workbook = workbook
        folder, base = posixpath.split(self.workbook)
        self.texts[WORKBOOK] = next(self.sheet_text(self.archive.NameToInfo[self.workbook]), b"")
        try:
            links = self.archive.NameToInfo[self.named(posixpath.join(folder, "_rels", base + ".rels"))]
        except KeyError:
            self.texts[WORKBOOK_RELATIONSHIPS] = b""
        else:  # (whole, as xl/_rels/workbook.xml.rels is kept)
            if links.file_size > MAX_RELS_BYTES:
                raise _Refused("rels_too_big", part=links.filename, size=links.file_size)
            self.texts[WORKBOOK_RELATIONSHIPS] = b"".join(self.sheet_text(links))

    def relink(self) -> bool:
        """Whether python-calamine would not find the workbook's parts as the package links them, and so reads a copy
        relinked (:func:`readable_copy`): a workbook part not at xl/workbook.xml, or a target it does not resolve."""
        folder = posixpath.dirname(self.workbook)
        return self.workbook != WORKBOOK or _links_python_calamine_misses(
            self.texts.get(WORKBOOK_RELATIONSHIPS, b""), folder)

    def sheet_text(self, info: zipfile.ZipInfo) -> Iterator[bytes]:
        """A worksheet's XML read again from its start, as UTF-8 text, in pieces."""
        stream = _EntryReader(self.handle, info)
        raw = stream.read(XML_PREFIX_BYTES)
        encoding = _encoding_of(raw)
        decoder = codecs.getincrementaldecoder(encoding)("replace") if encoding else None
        yield decoder.decode(raw, final=stream.done).encode("utf-8", "replace") if decoder else raw
        yield from _more_text(stream, decoder, SHEET_CHUNK_BYTES)

    def notes(self) -> SheetNotes:
        """What was noted of each worksheet the workbook names, by its sheet name: its hidden rows and columns, and
        its cells with no usable value.

        A formula's saved 0 is a placeholder only in a workbook no spreadsheet program has calculated (it asks
        to be calculated when opened, and has no calculation chain); elsewhere it is the formula's result."""
        uncalculated = self.uncalculated()
        self.note_styled_cells()
        errors: dict[str, dict[tuple[int, int], Unreadable]] = {}
        for part, cells in self.errors.items():
            name = self.sheet_name(part)
            kept: dict[tuple[int, int], Unreadable] = cells if uncalculated else {
                k: v for k, v in cells.items() if not isinstance(v, PlaceholderResult)}
            if name is not None and kept:
                errors[name] = kept
        hidden = {name: rows for part, rows in self.hidden.items() if (name := self.sheet_name(part)) is not None}
        columns = {name: found for part, found in self.hidden_columns.items()
                   if (name := self.sheet_name(part)) is not None}
        # Only a part whose notes reach its reader is mended: in another, python-calamine's refusal stands.
        unparsed = {part: cells for part, cells in self.unparsed.items() if self.sheet_name(part) is not None}
        struck = {name: cells for part, cells in self.struck.items()
                  if (name := self.sheet_name(part)) is not None} if self.struck else {}
        in_part = {name: cells for part, cells in self.struck_in_part.items()
                   if (name := self.sheet_name(part)) is not None} if self.struck_in_part else {}
        by_rule = {name: cells for part, cells in self.struck_by_rule.items()
                   if (name := self.sheet_name(part)) is not None} if self.struck_by_rule else {}
        raised = {name: cells for part, cells in self.raised.items()
                  if (name := self.sheet_name(part)) is not None} if self.raised else {}
        formatted = {name: FormattedCells(self.formatted.get(part, b""), self.noted_formats,
                                          self.percent_by_rule.get(part, {}))
                   for part in (self.formatted.keys() | self.percent_by_rule.keys() if self.percent_by_rule
                                else self.formatted) if (name := self.sheet_name(part)) is not None}
        return SheetNotes(errors, hidden, columns, unparsed, self.hidden_sheets(), struck,
                          self.table_totals() if self.tables else {}, in_part, self.relink(), by_rule, raised,
                          formatted, read_mark(self.texts.get(CUSTOM_PROPERTIES)))

    def markup_problem(self) -> Finding | None:
        """What makes the parts the check keeps (the workbook, its relationships, the styles …) unreadable as they
        mean, though their XML parses as the readers parse it: a tag giving an attribute twice (no XML, which Excel and
        LibreOffice do not open, where each of our readers takes one of the two: ``<sheet name="Bid" state="hidden"
        state="visible">``, ``<xf numFmtId="10" numFmtId="0">``), or two sheets listed under one name, its letters'
        case aside (Excel allows no such pair; python-calamine finds a sheet by its name, so the second was never
        read). None for parts as every spreadsheet program writes them. Worked out once per part's kept text (the
        whole of a relationship part, the first 64 KiB of another: a Python look at each tag of a crafted 30 MB styles
        part took 3.5 s): every copy of a bid-form template has the same ones."""
        for name in sorted(self.texts):
            twice = _attribute_twice(self.texts[name])  # (its first 64 KiB, as kept: bounded, a crafted part too)
            if twice is not None:
                return _f("attribute_twice", part=self.workbook if name == WORKBOOK else name, tag=twice[0],
                          attribute=twice[1], values=twice[2:])
        names = _sheet_named_twice(self.texts.get(WORKBOOK, b""))
        return None if names is None else _f("sheet_named_twice", first=names[0], second=names[1])

    def hidden_sheets(self) -> frozenset[str]:
        """The names of the sheets the workbook hides (``state="hidden"`` or ``"veryHidden"``)."""
        return _hidden_sheets(self.texts.get(WORKBOOK, b""))

    def whole_styles(self) -> bytes:
        """The styles part's text, whole: the head the check kept, or (a part past its first 64 KiB, rare) the part read
        again; b'' when there is none."""
        styles = self.texts.get(STYLES, b"")
        if len(styles) >= XML_PREFIX_BYTES and not _closes(styles, b"styleSheet"):  # a head: the whole part
            try:
                return self.archive.read(self.named(STYLES))
            except (KeyError, zipfile.BadZipFile, zlib.error):  # checked already: a damaged part tells itself
                return b""
        return styles

    def noted_styles(self) -> tuple[str, ...]:
        """A bid workbook's cell formats (by index) that show a number otherwise than General does
        (:func:`_noted_formats`), worked out from its styles (read first: :meth:`run`) once per workbook: none in
        another workbook. A panel's percentages are refused at their cells (:func:`_shown_formats`); a bid's formats
        are noted, for its reader to refuse a percentage in a price, a number or a count, and to read a text or a
        choice as the sheet shows it."""
        if self.noted_indices is None:
            styles = self.whole_styles() if self.currency is not None and not self.panel else b""
            self.noted_formats = _noted_formats(styles) if styles else {}
            self.noted_indices = tuple(self.noted_formats)
        return self.noted_indices

    def note_styled_cells(self) -> None:
        """Note the number cells shown through a number format that writes a unit the number is not in: 万 or 亿,
        another scale (千, K, million…), in a bid workbook the % sign as text or a currency other than the
        tender's, in a panel workbook a percentage; the cells drawn struck through, wholly or in part; and those a
        conditional format may draw so (through a unit, struck through). Rare: looked for only when the styles declare
        such a format (custom formats only: what a built-in currency format shows depends on the computer's
        language; and the built-in percent formats on a panel workbook) or a struck font, or the shared strings or a
        worksheet say "strike" (a run of rich text struck), or a worksheet holds a conditional format with a
        differential format of its own or one of the styles' whose colours may hide a value (:meth:`hiding_rules`: not
        a template's yellow fill), then in a second read of each worksheet concerned."""
        head, theme = self.texts.get(STYLES, b""), self.theme()
        hiding, drawn, backgrounds, painted = _ink_formats(self.whole_styles(), theme)
        key = (head, theme, self.currency, self.panel)
        styled = _STYLED.get(key)  # every copy of a bid-form template carries the same styles: looked at once
        if styled is None:
            shown, struck, ruled = self._styled_formats(head)
            styled = shown, struck, self.hiding_rules(ruled, drawn, painted)
            if len(head) <= MAX_REMEMBERED_STYLES_BYTES and _closes(head, b"styleSheet"):  # the whole part
                if len(_STYLED) >= MAX_REMEMBERED_PARTS:
                    _STYLED.clear()
                _STYLED[key] = styled
        shown, struck, ruled = styled
        if hiding:  # a cell's number format is what it says first; then the colour it is drawn in
            shown = {index: _either(shown.get(index), hiding.get(index)) for index in shown.keys() | hiding.keys()}
        strings = self.strings_in_runs(bool(struck))
        raised = self.raised_strings()
        inked = self.inked_strings(backgrounds, bool(hiding))
        own = self.own_hiding(drawn, painted, key) if self.own_rules else set()
        if not (shown or struck or ruled or strings or self.strikes or own or raised or self.raises
                or inked or self.colours_said):
            return
        for info in self.worksheets:
            strikes = bool(struck or strings) or info.filename in self.strikes
            raises = bool(raised) or info.filename in self.raises
            rules = info.filename in own or (bool(ruled) and info.filename in self.conditional)
            inks = bool(inked) or info.filename in self.colours_said
            if not (shown or rules or strikes or raises or inks):
                continue
            sheet = self.archive.read(info)
            found: dict[tuple[int, int], Unreadable] = {}
            every_cell = "0" in hiding or (bool(hiding) and info.filename in self.exact)  # (format 0: a cell without s)
            for row, column, attributes, after in (self._styled_cells(info, sheet, every_cell) if shown else ()):
                index = _style_index(attributes.get("s", "0"))
                pair = shown.get(index)
                held = _shown_cell(pair, attributes, sheet, after) if pair is not None else None
                if held is None and index in hiding and attributes.get("t") == "b":
                    held = _unseen_boolean(drawn.get(index), sheet, after)
                if held is not None:
                    found[(row - 1, column - 1)] = held
            if inks:
                self.note_inked(info, sheet, inked, drawn, found)
            if rules:  # a cell's own format is what it says first; a conditional one is looked at in every cell
                self.note_ruled(info, sheet, ruled, found, drawn, painted)
            if found:  # an error or a formula without a result already noted in a cell is what it says first
                self.errors[info.filename] = {**found, **self.errors.get(info.filename, {})}
            if strikes:
                self.note_struck(info, sheet, struck, strings)
            if raises:
                self.note_raised(info, sheet, raised)

    def own_hiding(self, drawn: dict[str, tuple[str, str]], painted: dict[str, str],
                   styled: tuple[bytes, bytes, str | None, bool]) -> set[str]:
        """The worksheets holding a rule with a differential format of its own (Excel 2010's extension list) that may
        show a value otherwise (a unit, struck through, a percentage) or draw it in its background's colour
        (:meth:`hiding_rules`, the styles' rules' test; ``drawn``, ``painted``: the cell formats' colours), or whose
        own formats were not all told in the scan: those read again for them. A rule that cannot hide a value (a
        yellow fill under black text) costs no second read, as the styles' do not. Worked out once per format and
        ``styled`` (the styles part's head, the theme's, the tender's currency, the workbook's role)."""
        def hides(inside: bytes) -> bool:
            known = _OWN_HIDES.get((styled, inside))
            if known is None:
                rule = _differential_format(inside, self.currency, self.panel)
                known = rule is not None and bool(self.hiding_rules({"": rule}, drawn, painted))
                if len(styled[0]) <= MAX_REMEMBERED_STYLES_BYTES and _closes(styled[0], b"styleSheet"):  # (whole)
                    if len(_OWN_HIDES) >= MAX_REMEMBERED_PARTS:
                        _OWN_HIDES.clear()
                    _OWN_HIDES[(styled, inside)] = known
            return known

        return {name for name, formats in self.own_rules.items() if formats is None or any(map(hides, formats))}

    def note_inked(self, info: zipfile.ZipInfo, sheet: bytes, inked: dict[int, _Inked],
                   drawn: dict[str, tuple[str, str]], found: dict[tuple[int, int], Unreadable]) -> None:
        """Note in ``found`` the cells of a worksheet holding a shared string of ``inked`` (its runs, each with its own
        font's colour) of which a run is drawn in the colour of the cell's fill (``drawn``: each cell format's font and
        fill colours): the whole text (every run but spaces, an :class:`InvisibleInk`) or a part of it (with the parts
        unseen); a cell whose cell format hides it (noted already) but whose runs are seen is seen. And, when the sheet
        says "rgb", the cells around it holding an inline string (as openpyxl saves rich text) with a run so."""
        from .ink import background, font_colour

        candidates: Iterable[tuple[int, int, dict[str, str], int]] = self._string_candidates(info, sheet, inked)
        colour = None
        if info.filename in self.colours_said:
            scheme, indexed = self.colours()
            colour = partial(font_colour, theme=scheme, indexed=indexed, unsaid=None)
            candidates = chain(candidates, ((int(match.group(2)), _column_number(match.group(1)),
                                             _attributes(match.group(3)), match.end())
                                            for match in _cells_around(sheet, (m.start() for m in _RGB.finditer(sheet)))))
        for row, column, attributes, after in candidates:
            kind, runs = attributes.get("t", "n"), None
            if kind == "s":
                index = _string_index(sheet, after)
                runs = inked.get(index) if index is not None else None
            elif kind == "inlineStr" and colour is not None and (item := _INLINE_STRING.match(sheet, after)) \
                    and b"rPr" in item.group(1):
                runs = marked_runs(item.group(1), colour)
            colours = drawn.get(_style_index(attributes.get("s", "0")))
            if runs is None or colours is None:
                continue
            font, fill = colours
            back, at = background(fill), (row - 1, column - 1)
            unseen = drawn_struck(tuple((text, ink == back if ink is not None else None) for text, ink in runs),
                                  font == back)
            if unseen:
                found.setdefault(at, InvisibleInk("", "", back, fill, unseen if isinstance(unseen, tuple) else ()))
            elif isinstance(found.get(at), InvisibleInk):  # its cell format's colour hides it; its runs' show it
                del found[at]

    def _string_candidates(self, info: zipfile.ZipInfo, sheet: bytes, strings: Mapping[int, object]
                           ) -> Iterator[tuple[int, int, dict[str, str], int]]:
        """The cells of a worksheet that may hold one of ``strings`` (by index), as :meth:`_styled_cells` gives them:
        those whose value is its index, or every cell (the sheet's markup needed the exact scan, or many strings)."""
        if not strings:
            return
        if info.filename in self.exact or len(strings) > MAX_STRUCK_STRINGS:
            yield from self._styled_cells(info, sheet, every_cell=True)
            return
        seen: set[int] = set()
        for match in _string_cells(sheet, [b"%d" % index for index in strings]):
            if match.start() not in seen:
                seen.add(match.start())
                yield int(match.group(2)), _column_number(match.group(1)), _attributes(match.group(3)), match.end()

    def inked_strings(self, backgrounds: frozenset[str], every: bool) -> dict[int, _Inked]:
        """The shared strings, by index, in runs of which one has a font of its own whose colour is one of the
        ``backgrounds`` the cell formats fill cells with (the sheet's white among them): a run that may be unseen; or
        ``every`` such string in runs (a cell format draws its text in its fill's colour: a run of its own may show
        it). Read again, once, only when the shared strings say "rPr" (:func:`~bideval.rich_text.says_rich`)."""
        if not self.strings_rich or not backgrounds:
            return {}
        from .ink import font_colour

        scheme, indexed = self.colours()
        return marked_strings(self.shared_strings(), partial(font_colour, theme=scheme, indexed=indexed, unsaid=None),
                              lambda runs: every or any(ink in backgrounds for _, ink in runs))

    def colours(self) -> tuple[tuple[str | None, ...], tuple[str, ...]]:
        """The workbook's theme colours (:func:`_theme_scheme`) and palette (:func:`bideval.ink.palette`)."""
        from .ink import palette

        return _theme_scheme(self.theme()), palette(self.texts.get(STYLES, b""))

    def theme(self) -> bytes:
        """The head of the theme part the workbook's relationships name (its colour scheme comes first), as the check
        kept it: never read again; b'' when there is none."""
        part = _theme_part(self.texts.get(WORKBOOK_RELATIONSHIPS, b""), posixpath.dirname(self.workbook))
        try:
            return self.themes.get(self.named(part), b"") if part is not None else b""
        except KeyError:
            return b""

    def note_ruled(self, info: zipfile.ZipInfo, sheet: bytes, ruled: dict[str, _Rule],
                   found: dict[tuple[int, int], Unreadable], drawn: dict[str, tuple[str, str]],
                   painted: dict[str, str]) -> None:
        """Note the cells of a worksheet that its conditional formats may draw through a unit or in their background's
        colour (into ``found``, where nothing is noted of the cell yet but what a reader may read,
        :data:`_READ_AS_SHOWN`; ``drawn``: each cell format's font and fill colours, which a rule's font or fill
        replaces; ``painted``: the cell formats' number formats naming a colour, which a rule's replaces), struck through (those that hold something, each with the range of the first such format over it),
        or in a bid workbook as a percentage (its number cells, each with the format): by a differential format among
        ``ruled``, or one of the rule's own."""
        ranges = _ruled_ranges(sheet, ruled, self.currency, self.panel)
        looks = self.inked_ranges(ranges, drawn, painted) if any(inking for *_, inking in ranges) \
            else [()] * len(ranges)
        counted = sum(1 for (*_, pairs, ref, code, _), found in zip(ranges, looks)
                      if pairs or ref is not None or code is not None or found)  # (not those that cannot hide)
        if counted > MAX_RULED_RANGES:
            raise _Refused("sheet", part=info.filename, sheet_name=self.sheet_name(info.filename),
                           finding=_f("ruled_ranges", count=counted, limit=MAX_RULED_RANGES))
        units = [(top, left, bottom, right, pair) for top, left, bottom, right, pairs, *_ in ranges if pairs
                 for pair in pairs]
        struck = [(top, left, bottom, right, ref) for top, left, bottom, right, _, ref, *_ in ranges if ref is not None]
        percents = [(top, left, bottom, right, code) for top, left, bottom, right, _, _, code, _ in ranges
                    if code is not None]
        inks = [(top, left, bottom, right, look) for (top, left, bottom, right, *_), found in zip(ranges, looks)
                for look in found]
        if not (units or struck or percents or inks):
            return
        shown_by = _Rulings(units)
        inked_by = _HidingLooks(inks, drawn, painted, self.colours()[1] if inks else ())
        for count, limit in ((len(shown_by), MAX_RULE_UNITS), (len(inked_by.looks), MAX_RULE_LOOKS)):
            if count > limit:
                raise _Refused("sheet", part=info.filename, sheet_name=self.sheet_name(info.filename),
                               finding=_f("ruled_looks", count=count, limit=limit))
        struck_by, percent_by = _Ruling(struck), _Ruling(percents)
        by_rule: dict[tuple[int, int], str] = {}
        by_percent: dict[tuple[int, int], str] = {}
        for row, column, attributes, after in self._styled_cells(info, sheet, every_cell=True):
            held = _first_told(chain(
                (_shown_cell(pair, attributes, sheet, after) for pair in shown_by.every(row, column)),
                (inked_by.at(row, column, attributes, sheet, after),) if inks else ()))
            at = (row - 1, column - 1)  # (what the cell's own format shows may be read: a rule's is told instead)
            if held is not None and (at not in found or isinstance(found[at], _READ_AS_SHOWN)):
                found[at] = held
            empty = sheet[after - 2:after] == b"/>"  # (an empty cell, <c …/>, holds nothing)
            ref = struck_by.at(row, column) if struck else None
            if ref is not None and not empty:
                by_rule[at] = ref
            code = percent_by.at(row, column) if percents else None
            if code is not None and not empty and attributes.get("t", "n") == "n":  # (a number's: a bid's reader's)
                by_percent[at] = code
        if by_rule:
            self.struck_by_rule[info.filename] = by_rule
        if by_percent:
            self.percent_by_rule[info.filename] = by_percent

    def inked_ranges(self, ranges: list[_RuledRange], drawn: dict[str, tuple[str, str]],
                     painted: dict[str, str]) -> list[tuple[_Look, ...]]:
        """For each range of a worksheet's conditional formats, the looks its rules give a cell that may draw a value in
        its background's colour (:meth:`rule_looks`; ``drawn``: each cell format's font and fill colours, which a
        rule's replace; ``painted``: their number formats naming a colour), each rule's: () for none. Worked out once
        for each distinct set of rules."""
        fonts, backgrounds = _drawn_colours(drawn, painted, self.colours()[1])
        known: dict[tuple[_Inking, ...], tuple[_Look, ...]] = {}
        looks: list[tuple[_Look, ...]] = []
        for *_, inking in ranges:
            if inking and inking not in known:
                known[inking] = self.rule_looks(inking, fonts, backgrounds)
            looks.append(known[inking] if inking else ())
        return looks

    def hiding_rules(self, ruled: dict[str, _Rule], drawn: dict[str, tuple[str, str]],
                     painted: dict[str, str]) -> dict[str, _Rule]:
        """The differential formats of ``ruled`` (by index) but those that only give a font colour, a fill or a number
        format's colour with which no value is drawn in its background's colour (:meth:`rule_looks`, ``drawn``: each
        cell format's font and fill colours, ``painted`` their number formats naming a colour), such as a bid-form
        template's yellow fill for an answer missing: a
        worksheet whose conditional formats give only those is not read again for them. Worked out with the styles,
        remembered with them (every copy of a template carries the same)."""
        if all(rule[:3] != (None, False, None) for rule in ruled.values()):
            return ruled
        fonts, backgrounds = _drawn_colours(drawn, painted, self.colours()[1])
        return {index: rule for index, rule in ruled.items() if rule[:3] != (None, False, None)
                or rule[3] is not None and self.rule_looks((rule[3],), fonts, backgrounds)}

    def rule_looks(self, inking: tuple[_Inking, ...], fonts: frozenset[str],
                   backgrounds: frozenset[str]) -> tuple[_Look, ...]:
        """The looks of those of a conditional format's rules that may draw a value in its background's colour
        (``inking``: each rule's differential format's font and fill insides and number format naming a colour), in
        the workbook's theme and palette: each the font colour and the fill colour the rule gives a cell (None for each
        it does not give, the cell's own showing, or that cannot be told) and its number format naming a colour ('':
        none). A rule may hide a value when it draws one (in its font, or a colour its number format names:
        ``[White]General``) in the colour of its fill, or of a background some cell format gives (``backgrounds``, the
        sheet's white among them), or its fill is the colour some cell format draws a value in (``fonts``: its font's,
        or one its number format names) where the rule names none. Each rule counts, whichever comes first (which Excel applies is not worked out):
        a red font on the sheet's white does not hide, nor does it keep a white one after it from being looked at.
        () when no rule may."""
        from .ink import background, differential_fill_colour, font_colour

        scheme, indexed = self.colours()
        looks: dict[_Look, None] = {}
        for font_said, fill_said, code in inking:
            font = font_colour(font_said, scheme, indexed, unsaid=None) if font_said else None
            fill = differential_fill_colour(fill_said, scheme, indexed) if fill_said else None
            named, plain = _inks_named(code, indexed)  # (the colours its number format names; some value in the font's)
            inks = named | ({font} if plain and font is not None else set())
            if fill is not None:
                hides = background(fill) in inks or plain and font is None and background(fill) in fonts
            else:
                hides = bool(inks & backgrounds)
            if hides:
                looks[(font, fill, code)] = None
        return tuple(looks)

    def note_struck(self, info: zipfile.ZipInfo, sheet: bytes, struck: frozenset[str],
                    strings: dict[int, Runs]) -> None:
        """Note the cells of a worksheet that hold something and are drawn struck through: by their cell format
        (``struck``: a cell the file writes without one is in format 0, as Excel shows it, whatever its row's), by
        the runs of their rich text (a shared string's, by index in ``strings``, or their own inline string's), or
        by both (a run with a font of its own strikes or not by that font alone, as Excel draws it); and those whose
        text is struck in part only, with the parts struck."""
        whole, in_part = self._drawn_cells(info, sheet, struck, strings, info.filename in self.strikes, _STRIKE_WORD,
                                           font_strikes)
        if whole:
            self.struck[info.filename] = frozenset(whole)
        if in_part:
            self.struck_in_part[info.filename] = in_part

    def note_raised(self, info: zipfile.ZipInfo, sheet: bytes, strings: dict[int, Runs]) -> None:
        """Note the cells of a worksheet whose text is raised or lowered in part (superscript, subscript: ``2`` and a
        raised ``1``, a footnote mark, read as 21), with the parts raised: by the runs of their rich text (a shared
        string's, by index in ``strings``, or their own inline string's). A text raised whole is the same value drawn
        smaller: not noted."""
        _, in_part = self._drawn_cells(info, sheet, _NOTHING_STRUCK, strings, info.filename in self.raises,
                                       _RAISE_WORD, font_raises)
        if in_part:
            self.raised[info.filename] = in_part

    def _drawn_cells(self, info: zipfile.ZipInfo, sheet: bytes, formats: frozenset[str], strings: dict[int, Runs],
                     worded: bool, word: re.Pattern[bytes], drawn: Callable[[bytes], bool]
                     ) -> tuple[set[tuple[int, int]], dict[tuple[int, int], tuple[str, ...]]]:
        """The cells of a worksheet that hold something and are drawn so (struck through: ``drawn`` says of a run's
        font), wholly and in part (with the parts): by their cell format (among ``formats``), the runs of their rich
        text (a shared string's, by index in ``strings``, or their own inline string's, looked for around ``word``
        when the sheet says it: ``worded``), or both."""
        whole: set[tuple[int, int]] = set()
        in_part: dict[tuple[int, int], tuple[str, ...]] = {}
        for row, column, attributes, after in self._struck_candidates(info, sheet, formats, strings, worded, word):
            if sheet[after - 2:after] == b"/>":  # an empty cell, <c …/>, holds nothing
                continue
            styled = _style_index(attributes.get("s", "0")) in formats
            kind, runs = attributes.get("t", "n"), None
            if kind == "s" and strings:  # the string python-calamine reads, else the one a spreadsheet program may
                # show (a count as XML reads one: spaces around, a plus sign)
                index, shown = _string_index(sheet, after), _saved_value(sheet, after).removeprefix("+")
                runs = strings.get(index) if index is not None else None
                if runs is None and (count := _count(shown.encode())) is not None:
                    runs = strings.get(count)
            elif kind == "inlineStr" and (item := _INLINE_STRING.match(sheet, after)) and b"rPr" in item.group(1):
                runs = item_runs(item.group(1), drawn)
            so = drawn_struck(runs, styled) if runs else styled
            if so is True:
                whole.add((row - 1, column - 1))
            elif so:
                in_part[(row - 1, column - 1)] = so
        return whole, in_part

    def _struck_candidates(self, info: zipfile.ZipInfo, sheet: bytes, struck: frozenset[str],
                           strings: dict[int, Runs], worded: bool, word: re.Pattern[bytes]
                           ) -> Iterator[tuple[int, int, dict[str, str], int]]:
        """The cells of a worksheet that may be drawn struck through, as :meth:`_styled_cells` gives them: every cell
        when format 0 strikes (or the sheet's markup needed the exact scan), else those in a struck format, those
        holding a shared string with a struck run, and, when the sheet says ``word`` (``worded``), those around it
        (an inline string's struck run: "strike"; or raised: "vertAlign"). Each once."""
        if "0" in struck or info.filename in self.exact:
            yield from self._styled_cells(info, sheet, every_cell=True)
            return
        struck_strings = [b"%d" % index for index, runs in strings.items() if any(strikes for _, strikes in runs)]
        if len(struck_strings) > MAX_STRUCK_STRINGS:
            yield from self._styled_cells(info, sheet, every_cell=True)
            return
        found: Iterable[re.Match[bytes]] = _STYLED_CELL.finditer(sheet) if struck else ()
        if struck_strings:
            found = chain(found, _string_cells(sheet, struck_strings))
        if worded:
            found = chain(found, _cells_around(sheet, (match.start() for match in word.finditer(sheet))))
        seen: set[int] = set()
        for match in found:
            if match.start() not in seen:
                seen.add(match.start())
                yield int(match.group(2)), _column_number(match.group(1)), _attributes(match.group(3)), match.end()

    def strings_in_runs(self, styled: bool) -> dict[int, Runs]:
        """The shared strings, by index, in runs of which one has a font of its own (rich text) that may change what
        is struck: one striking, when the shared strings say "strike"; and, when a cell format strikes (``styled``),
        one that does not (it is then drawn plain in such a cell). Read again, once, only then."""
        if not (self.strings_strike or (styled and self.strings_strike is not None)):
            return {}
        text = self.shared_strings()
        return rich_strings(text, styled) if b"rPr" in text else {}

    def raised_strings(self) -> dict[int, Runs]:
        """The shared strings, by index, in runs of which one has a font of its own that raises or lowers it
        (superscript, subscript), when the shared strings say "vertAlign". Read again, once, only then."""
        if not self.strings_raise:
            return {}
        text = self.shared_strings()
        return rich_strings(text, False, font_raises) if b"rPr" in text else {}

    def shared_strings(self) -> bytes:
        """The shared-string table's XML, in UTF-8 (empty when it cannot be read again)."""
        try:
            data = self.archive.read(self.named(SHARED_STRINGS))
        except (KeyError, zipfile.BadZipFile, zlib.error):  # checked already: a part that went missing tells itself
            return b""
        encoding = _encoding_of(data[:4])
        if encoding == "unreadable":
            return b""
        return data.decode(encoding, "replace").encode("utf-8") if encoding else data

    def table_totals(self) -> dict[str, tuple[TableTotal, ...]]:
        """The total rows of the Excel tables that have one (Total Row on), by the name of the sheet whose
        relationships link the table. Rare: only a workbook holding such a table reads its worksheets' relationships."""
        totals = {part: total for part, head in self.tables.items() if (total := _table_totals(head))}
        if not totals:
            return {}
        by_folded = {part.casefold(): total for part, total in totals.items()}
        found: dict[str, list[TableTotal]] = {}
        for info in self.worksheets:
            name = self.sheet_name(info.filename)
            if name is None:  # a part the workbook names no sheet for: never read
                continue
            folder, base = posixpath.split(info.filename)
            try:
                links = self.archive.read(self.named(posixpath.join(folder, "_rels", base + ".rels")))
            except (KeyError, zipfile.BadZipFile, zlib.error):  # no relationships: no table (a damaged part is told)
                continue
            for match in _RELATIONSHIP.finditer(links):
                attributes = _attributes(match.group(1))
                if attributes.get("Type", "").rstrip("/").rsplit("/", 1)[-1] != "table" \
                        or attributes.get("TargetMode", "").lower() == "external":
                    continue
                target = attributes.get("Target", "")
                path = posixpath.normpath(target[1:] if target.startswith("/") else posixpath.join(folder, target))
                found.setdefault(name, []).extend(by_folded.get(unquote(path).casefold(), ()))
        return {name: tuple(sorted(rows, key=lambda total: (total.row, total.first))) for name, rows in found.items()}

    def _styled_formats(self, head: bytes) -> _Styled:
        """The cell formats (by index) whose cells :meth:`note_styled_cells` notes, from the styles part's ``head``:
        those whose number format writes a unit the number is not in, and those whose font is struck through; and the
        differential formats (by index) of conditional formats whose number format writes such a unit or whose font
        is struck through."""
        formats = b"numFmt" in head or (self.panel and _BUILT_IN_PERCENT.search(head) is not None)
        # (fonts come before the cell formats: a struck one lies in the head unless that is cut before </fonts>; the
        # differential formats come last: one may write a unit or strike past a head cut before their end)
        strikes = b"strike" in head or (len(head) >= XML_PREFIX_BYTES and b"</fonts>" not in head)
        ruled = formats or strikes or b"dxf>" in head or (len(head) >= XML_PREFIX_BYTES
                                                          and _DIFFERENTIAL_FORMATS_END.search(head) is None)
        if not (formats or strikes or ruled):
            return {}, _NOTHING_STRUCK, {}
        try:  # checked above: its size is within the package's limits
            styles = head if _closes(head, b"styleSheet") else self.archive.read(self.named(STYLES))
        except (KeyError, zipfile.BadZipFile, zlib.error):
            return {}, _NOTHING_STRUCK, {}
        return (_shown_formats(styles, self.currency, self.panel) if formats else {},
                _struck_formats(styles) if strikes else _NOTHING_STRUCK,
                _ruled_formats(styles, self.currency, self.panel) if ruled else {})

    def _styled_cells(self, info: zipfile.ZipInfo, sheet: bytes,
                      every_cell: bool = False) -> Iterator[tuple[int, int, dict[str, str], int]]:
        """The cells of a worksheet that name a cell format, or ``every_cell`` (row and column from 1, attributes,
        where the start tag ends): as the fast scan reads markup every known writer produces, or following every tag
        as the exact scan does where the sheet needed it."""
        if info.filename not in self.exact:
            for match in (_CELL_START if every_cell else _STYLED_CELL).finditer(sheet):
                yield int(match.group(2)), _column_number(match.group(1)), _cell_attributes(match.group(3)), match.end()
            return
        for row, column, match in _placed_cells(sheet, _Extent()):
            if not match.group(2).endswith(b"/"):  # (an empty cell, <c …/>, holds no number)
                yield row, column, _attributes(match.group(2)), match.end() + 1

    def named(self, part: str) -> str:
        """The name the package gives ``part``, whatever its case (two entries named alike are refused before the
        scan); KeyError when it has none."""
        if part in self.archive.NameToInfo:
            return part
        wanted = part.casefold()
        for info in self.archive.infolist():
            if info.filename.casefold() == wanted:
                return info.filename
        raise KeyError(part)

    def styles_elsewhere(self) -> str | None:
        """The part the workbook's styles relationship names, when it is not xl/styles.xml: Excel follows the link,
        but the spreadsheet reader looks for xl/styles.xml only, so without it every cell would be read as General (a
        date as the count 45306, 95 shown as 95.00万元 as 95 yuan)."""
        return _styles_elsewhere(self.texts.get(WORKBOOK_RELATIONSHIPS, b""), posixpath.dirname(self.workbook))

    def uncalculated(self) -> bool:
        """Whether the workbook asks to be calculated in full when opened and holds no calculation chain, as a
        program that writes formulas without calculating them saves one (xlsxwriter, exceljs…)."""
        return _calculates_on_open(self.texts.get(WORKBOOK, b"")) and CALCULATION_CHAIN.lower() not in {
            info.filename.lower() for info in self.archive.infolist()}

    def sheet_name(self, part: str) -> str | None:
        """The name a worksheet part goes by in the workbook, when the workbook says it."""
        return _sheet_names(self.texts.get(WORKBOOK_RELATIONSHIPS, b""), self.texts.get(WORKBOOK, b""),
                            self.workbook).get(part.casefold())


@lru_cache(maxsize=64)  # every copy of a bid-form template carries the same workbook part (the same bytes object,
def _calculates_on_open(workbook: bytes) -> bool:  # remembered with its part: looked up by the hash it keeps)
    """Whether a workbook part asks to be calculated in full when opened (``fullCalcOnLoad``)."""
    return _FULL_CALCULATION_ON_OPEN.search(workbook) is not None


# The cell formats (by index, as a cell's s attribute gives it) whose number format writes a unit the number is not
# in, each with what stands for its cells, by the styles part and the tender's currency: every copy of a bid-form
# template carries the same styles, worked out once per process.
MAX_REMEMBERED_STYLES_BYTES = 256 * 1024
# (a number's, a text's): what stands for the cell, from its number as the sheet shows it (None: it shows the number)
_ShownAs = tuple[Callable[[str], Unreadable | None] | None, Callable[[str], Unreadable | None] | None]
_SHOWN_FORMATS: dict[tuple[bytes, str | None, bool], dict[str, _ShownAs]] = {}


@lru_cache(maxsize=64)  # every copy of a bid-form template names its sheets alike (and every form's sheet is named:
def _sheet_names(relationships: bytes, workbook: bytes, part: str) -> dict[str, str]:  # its percent cells' notes)
    """:meth:`_PartScan.sheet_name` of each worksheet part (its name folded) the ``workbook`` part (named ``part``)
    and its ``relationships`` name: the first sheet entry whose relationship targets it. Not to be changed by its
    caller."""
    folder = posixpath.dirname(part)
    relations = {}
    for match in _RELATIONSHIP.finditer(relationships):
        attributes = _attributes(match.group(1))
        relations[attributes.get("Id")] = _resolved(folder, attributes.get("Target", ""))
    names: dict[str, str] = {}
    for match in _SHEET_ENTRY.finditer(workbook):
        attributes = _attributes(match.group(1))
        relation = next((v for k, v in attributes.items() if k == "id" or k.endswith(":id")), None)
        if relation in relations and "name" in attributes:
            names.setdefault(relations[relation].casefold(), attributes["name"])
    return names


@lru_cache(maxsize=64)  # every copy of a bid-form template keeps the same parts
def _attribute_twice(text: bytes) -> tuple[str, str, str, str] | None:
    """The first start tag of an XML part's ``text`` that gives an attribute twice: (the tag's name without its
    prefix, the attribute's, its first value, its second), or None."""
    for match in _START_TAG.finditer(text):
        named: dict[str, str] = {}
        for name, value in _attribute_pairs(match.group(2)):
            if name in named:
                return match.group(1).decode("utf-8", "replace"), name, named[name], value
            named[name] = value
    return None


@lru_cache(maxsize=64)  # every copy of a bid-form template names its sheets alike
def _sheet_named_twice(workbook: bytes) -> tuple[str, str] | None:
    """The names of the first two sheets a workbook part lists under one name, its letters' case aside, or None."""
    seen: dict[str, str] = {}
    for match in _SHEET_ENTRY.finditer(workbook):
        sheet = _attributes(match.group(1)).get("name")
        if sheet is not None:
            if sheet.casefold() in seen:
                return seen[sheet.casefold()], sheet
            seen[sheet.casefold()] = sheet
    return None


@lru_cache(maxsize=64)  # every copy of a bid-form template names its sheets alike
def _hidden_sheets(workbook: bytes) -> frozenset[str]:
    """:meth:`_PartScan.hidden_sheets` of a workbook part."""
    if b"state" not in workbook:
        return frozenset()
    hidden = set()
    for match in _SHEET_ENTRY.finditer(workbook):
        attributes = _attributes(match.group(1))
        if attributes.get("state", "").strip() in ("hidden", "veryHidden") and "name" in attributes:
            hidden.add(attributes["name"])
    return frozenset(hidden)


def _table_totals(head: bytes) -> tuple[TableTotal, ...]:
    """The total rows of an Excel table, from its part's head: the last ``totalsRowCount`` rows of its range (``ref``,
    which holds the header row, the data and the total row); none when the count is 0 or the range unusable."""
    tag = _TABLE.search(head)
    attributes = _attributes(tag.group(1)) if tag else {}
    count = attributes.get("totalsRowCount", "").strip()
    corners = [_parse_cell_ref(corner.strip()) for corner in attributes.get("ref", "").split(":")]
    if not (count.isascii() and count.isdigit() and int(count) > 0) or len(corners) != 2 or None in corners:
        return ()
    (top, first), (bottom, last) = corners  # type: ignore[misc]
    if max(top, bottom) > MAX_ROWS or max(first, last) > MAX_COLUMNS:  # beyond any sheet: no row of it is read
        return ()
    top, bottom = min(top, bottom), max(top, bottom)
    name = attributes.get("displayName") or attributes.get("name") or ""
    # (Excel writes 0 or 1; a larger count is taken at its word, for a few rows at most)
    return tuple(TableTotal(name, row, min(first, last), max(first, last))
                 for row in range(max(bottom - min(int(count[:7]), 8) + 1, top + 1), bottom + 1))


# Cell format indices drawn struck through, by the styles part: worked out once per distinct styles part.
_STRUCK_FORMATS: dict[bytes, frozenset[str]] = {}
_NOTHING_STRUCK: frozenset[str] = frozenset()
# What a conditional format's differential format does to a cell: what stands for a number cell and for a text cell
# shown through its number format when that writes a unit (None: none), whether its font strikes through, and in a bid
# workbook the percent format it shows a number through (None: none), and the inside of its font and of its fill when
# it gives a cell a font colour, a fill or a number format naming a colour (None: none of these; b'' or '': that one
# unsaid), which may draw a value in its background's colour.
_Inking = tuple[bytes, bytes, str]
_Rule = tuple[_ShownAs | None, bool, str | None, _Inking | None]
_Look = tuple[str | None, str | None, str]  # a rule's font and fill colours (None: the cell's own) and colour-naming format
# What note_styled_cells looks for (cell formats shown through a unit, cell formats struck through, differential
# formats shown through a unit or striking, or giving a colour that may hide a value: :meth:`_PartScan.hiding_rules`),
# by the styles part (whole), the theme part's head, the tender's currency and the workbook's role.
_Styled = tuple[dict[str, _ShownAs], frozenset[str], dict[str, _Rule]]
_STYLED: dict[tuple[bytes, bytes, str | None, bool], _Styled] = {}
# Whether a rule's own differential format (Excel 2010's) may hide a value, by the key of _STYLED and its inside
_OWN_HIDES: dict[tuple[tuple[bytes, bytes, str | None, bool], bytes], bool] = {}


def _struck_formats(styles: bytes) -> frozenset[str]:
    """The cell formats (by index, as a cell's ``s`` gives it) whose font is struck through: ``<strike/>``, or
    ``<strike val="1"/>`` / ``"true"`` (``val="0"`` / ``"false"`` is not struck), in the styles' ``<fonts>``.
    Differential formats (conditional formatting's ``<dxfs>``) are not fonts of a cell format."""
    known = _STRUCK_FORMATS.get(styles)
    if known is not None:
        return known
    struck_fonts = {str(i) for i, font in enumerate(_items(styles, _FONTS, _FONT)) if font_strikes(font)}
    cells = _CELL_FORMATS.search(styles) if struck_fonts else None
    struck = frozenset() if cells is None else frozenset(
        str(index) for index, xf in enumerate(map(_attributes, _CELL_FORMAT.findall(cells.group(1))))
        if _style_index(xf.get("fontId", "0")) in struck_fonts)
    if len(styles) <= MAX_REMEMBERED_STYLES_BYTES:
        if len(_STRUCK_FORMATS) >= MAX_REMEMBERED_PARTS:
            _STRUCK_FORMATS.clear()
        _STRUCK_FORMATS[styles] = struck
    return struck


def _items(styles: bytes, section: re.Pattern[bytes], start: re.Pattern[bytes]) -> list[bytes]:
    """The insides of the items of a list of the styles (its fonts, its fills), in order: b'' for an empty one."""
    found = section.search(styles)
    inside = found.group(1) if found else b""
    starts = list(start.finditer(inside))
    return [b"" if match.group(1) == b"/" else inside[match.end():starts[i + 1].start() if i + 1 < len(starts)
                                                     else len(inside)] for i, match in enumerate(starts)]


# What the colours of a workbook's cell formats hide (by the styles part and the theme part): the cell formats (by
# index) drawing a number or a text in their fill's colour, each with what stands for such a cell (InvisibleInk);
# every cell format's font and fill colours where both are told (a rich text's runs are compared with its fill); the
# backgrounds of those fills (a run in one of those colours may be unseen); and the number formats of those that name
# a colour ([White]0.00: a conditional format's fill may hide what they draw)
_Inks = tuple[dict[str, "_ShownAs"], dict[str, tuple[str, str]], frozenset[str], dict[str, str]]
_INK_FORMATS: dict[tuple[bytes, bytes], _Inks] = {}
_Inked = tuple[tuple[str, str | None], ...]  # a text in runs, each with its own font's colour (None: the cell's font's)


def _ink_formats(styles: bytes, theme: bytes) -> _Inks:
    """:data:`_Inks` of a styles part (whole), by the head of the workbook's theme part (:func:`_theme_scheme`). Worked
    out once per styles and theme: every copy of a bid-form template carries the same."""
    known = _INK_FORMATS.get((styles, theme))
    if known is not None:
        return known
    from .ink import background, fill_colour, font_colour, palette
    from .number_formats import BUILT_IN_FORMATS

    scheme, indexed = _theme_scheme(theme), palette(styles)
    fonts = [font_colour(font, scheme, indexed) for font in _items(styles, _FONTS, _FONT)]
    fills = [fill_colour(fill, scheme, indexed) for fill in _items(styles, _FILLS, _FILL)]
    declared = _NUMBER_FORMATS.search(styles) if b"numFmt" in styles else None
    codes = {**BUILT_IN_FORMATS,  # ids 38 and 40 draw a negative number red, named by id alone
             **{_style_index(said.get("numFmtId", "")): said.get("formatCode", "")
                for said in map(_attributes, _NUMBER_FORMAT.findall(declared.group(1) if declared else b""))}}
    section = _CELL_FORMATS.search(styles)
    hiding: dict[str, _ShownAs] = {}
    drawn: dict[str, tuple[str, str]] = {}
    painted: dict[str, str] = {}
    for index, xf in enumerate(map(_attributes, _CELL_FORMAT.findall(section.group(1) if section else b""))):
        font, fill = (_nth(found, xf.get(key, "0")) for found, key in ((fonts, "fontId"), (fills, "fillId")))
        if font is None or fill is None:  # a colour not told (a patterned fill, a theme colour unsaid): not compared
            continue
        drawn[str(index)] = (font, fill)
        code = codes.get(_style_index(xf.get("numFmtId", "0")), "")
        pair = _ink_pair(font, fill, code, indexed)
        if pair != (None, None):
            hiding[str(index)] = pair
        if "[" in code and _names_colour(code):
            painted[str(index)] = code
    found = hiding, drawn, frozenset(background(fill) for _, fill in drawn.values()), painted
    if len(styles) <= MAX_REMEMBERED_STYLES_BYTES:
        if len(_INK_FORMATS) >= MAX_REMEMBERED_PARTS:
            _INK_FORMATS.clear()
        _INK_FORMATS[(styles, theme)] = found
    return found


def _nth(items: list[str | None], written: str) -> str | None:
    """The item of a styles' list a cell format names by its index (None: no such item)."""
    index = _style_index(written)
    return items[int(index)] if index.isdigit() and int(index) < len(items) else None


def _either(first: _ShownAs | None, then: _ShownAs | None) -> _ShownAs:
    """What stands for a number cell and a text cell by ``first`` (a number format's), else by ``then``; what a
    reader may read of ``first`` (:data:`_READ_AS_SHOWN`: a yes/no's 1 shown as 是) gives way to what ``then`` says
    (drawn in the fill's colour: nobody sees the 是)."""
    if first is None or then is None:
        return first or then or (None, None)

    def one(a: Callable[[str], Unreadable | None] | None,
            b: Callable[[str], Unreadable | None] | None) -> Callable[[str], Unreadable | None] | None:
        if a is None or b is None:
            return a or b
        return lambda held: _first_unread(a(held), lambda: b(held))

    return one(first[0], then[0]), one(first[1], then[1])


def _first_unread(noted: Unreadable | None, then: Callable[[], Unreadable | None]) -> Unreadable | None:
    """``noted``, or what ``then`` notes when ``noted`` is None or a note a reader may read (:data:`_READ_AS_SHOWN`):
    what else keeps the cell from being seen as its format shows it is told first."""
    if noted is None or isinstance(noted, _READ_AS_SHOWN):
        return then() or noted
    return noted


# The notes of a cell's own format that a reader may read, the sheet showing what the cell holds: a yes/no's 1 shown as
# 是 (conform14), a number shown in 万 in a field asked in 万元 (conform12). Drawn in the fill's colour, or under a
# conditional format that may show otherwise, the cell is told as such (verify14: read, nobody having seen it).
_READ_AS_SHOWN = (ConstantFormat, TenThousandsFormat)


def _ink_pair(font: str, fill: str, code: str, indexed: tuple[str, ...]) -> _ShownAs:
    """What stands for a number cell and for a text cell of a cell format drawn in its fill's colour (``font``, or a
    colour its number format ``code`` names: ``[White]General``): an :class:`InvisibleInk`; None when drawn in
    another."""
    from .ink import background, named_colour
    from .number_formats import drawn_colours

    by_sign, text, conditional = drawn_colours(code) if "[" in code else ((None, None, None), None, False)
    back = background(fill)

    def ink(name: str | None) -> tuple[str, str]:  # the colour drawn in, and the format that names it ('' the font's)
        named = named_colour(name, indexed) if name else None
        return (named, code) if named else (font, "")

    signs = [ink(name) for name in by_sign]
    hidden = [drawn == back for drawn, _ in signs]
    if conditional and any(hidden):  # which section applies is not worked out: one unseen is taken for all
        signs, hidden = [signs[hidden.index(True)]] * 3, [True] * 3
    text_ink, text_format = ink(text)

    def number_as(number: str) -> Unreadable | None:
        try:
            value = Decimal(number)
        except InvalidOperation:  # not a number as the file saved it: the reader's to refuse
            return None
        at = 0 if value.is_nan() else 1 if value < 0 else 2 if value == 0 else 0  # (NaN: by the first, not compared)
        drawn, named = signs[at]
        return InvisibleInk(number, named, drawn, fill) if hidden[at] else None

    return (number_as if any(hidden) else None,
            partial(InvisibleInk, format=text_format, ink=text_ink, fill=fill) if text_ink == back else None)


SHARED_STRINGS = "xl/sharedStrings.xml"  # the shared-string table python-calamine reads (its name, whatever its case)
_SHARED_STRINGS_FOLDED = SHARED_STRINGS.casefold()
_STRIKE_WORD = on_first_use(rb"strike")
_RGB = on_first_use(rb"rgb")
_RAISE_WORD = on_first_use(rb"vertAlign")
MAX_STRUCK_STRINGS = 1000  # shared strings with a struck run looked for by their index; more, and every cell is read


def _says_further(stream: _EntryReader, decoder: codecs.IncrementalDecoder | None, carry: bytes,
                  said: tuple[bool, bool, bool]) -> tuple[bool, bool, bool]:
    """Whether a part says ``strike`` (:func:`~bideval.rich_text.says_strike`), ``vertAlign``
    (:func:`~bideval.rich_text.says_raise`) and ``rPr`` (:func:`~bideval.rich_text.says_rich`): so far (``said``), or
    in the rest read in pieces until all are said or it ends; ``carry``: the last bytes read before (a word cut between
    them and the rest)."""
    strike, raise_, rich = said
    for text in _more_text(stream, decoder, SHEET_CHUNK_BYTES):
        joined = carry + text
        strike = strike or says_strike(joined)
        raise_ = raise_ or says_raise(joined)
        rich = rich or says_rich(joined)
        if strike and raise_ and rich:
            break
        carry = text[-8:]  # (a word cut between two pieces)
    return strike, raise_, rich


def _string_cells(sheet: bytes, indices: list[bytes]) -> Iterator[re.Match[bytes]]:
    """The cells (their start tags, as the fast scan reads them) whose value is the index of one of a few shared strings
    (``indices``; a number's too: told apart later), written as a reader reads it (01 and " +1 " are 1), or as
    python-calamine reads it (a value it cannot parse as a count, +1 or " 1", is 0)."""
    taken = [rb"\s*\+?0*(?:" + b"|".join(indices) + rb")\s*"]
    if b"0" in indices:
        taken += [b"[0-9]*[^0-9&<][^&<]*", b"0*[1-9][0-9]{19,}"]
    values = re.compile(rb"<" + _PREFIX + rb"v(?:\s[^>]*)?>(?:" + b"|".join(taken) + rb")(?=[&<])")
    return _cells_around(sheet, (match.start() for match in values.finditer(sheet)))


def _cells_around(sheet: bytes, positions: Iterable[int]) -> Iterator[re.Match[bytes]]:
    """The cell (its start tag, as the fast scan reads it) that each position of a worksheet's XML comes after."""
    for position in positions:
        start = sheet.rfind(b'<c r="', 0, position)
        match = _CELL_START.match(sheet, start) if start >= 0 else None
        if match is not None:
            yield match


# A theme part's colours, by its head (as the check kept it)
_THEMES: dict[bytes, tuple[str | None, ...]] = {}


def _theme_scheme(theme: bytes) -> tuple[str | None, ...]:
    """The colours of a theme part's head (:func:`bideval.ink.theme_colours`); without one, Excel's window background
    and text for theme 0 and 1, no other. Worked out once per distinct theme."""
    from .ink import DEFAULT_THEME, theme_colours

    if not theme:
        return DEFAULT_THEME
    scheme = _THEMES.get(theme)
    if scheme is None:
        scheme = theme_colours(theme)
        if len(_THEMES) >= MAX_REMEMBERED_PARTS:
            _THEMES.clear()
        _THEMES[theme] = scheme
    return scheme


@lru_cache(maxsize=64)  # every copy of a bid-form template links its parts alike
def _theme_part(relationships: bytes, folder: str) -> str | None:
    """The theme part a workbook's relationship part names (the workbook part in ``folder``); None when none."""
    for match in _RELATIONSHIP.finditer(relationships):
        attributes = _attributes(match.group(1))
        if attributes.get("Type", "").rstrip("/").rsplit("/", 1)[-1] == "theme":
            return _resolved(folder, attributes.get("Target", ""))
    return None


@lru_cache(maxsize=64)  # every copy of a bid-form template links its parts alike
def _styles_elsewhere(relationships: bytes, folder: str = "xl") -> str | None:
    """:meth:`_PartScan.styles_elsewhere` of a workbook's relationship part (the workbook part in ``folder``)."""
    for match in _RELATIONSHIP.finditer(relationships):
        attributes = _attributes(match.group(1))
        if attributes.get("Type", "").rstrip("/").rsplit("/", 1)[-1] != "styles":
            continue
        path = _resolved(folder, attributes.get("Target", ""))
        if path.casefold() != STYLES.casefold():
            return path
    return None


def _style_index(written: str) -> str:
    """A cell's format index as the cell formats are numbered (``"01"`` and ``" 1 "`` are 1), as a reader reads it."""
    written = written.strip(" \t\r\n")
    return str(int(written)) if written.isascii() and written.isdigit() else written


def _styles_first(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The entries of ``archive``, the styles part (xl/styles.xml, whatever its case) first, the others in order."""
    infos = archive.infolist()
    styles = archive.NameToInfo.get(STYLES) or next(
        (info for info in infos if info.filename.casefold() == _STYLES_FOLDED), None)
    if styles is None or infos[0] is styles:
        return infos
    at = infos.index(styles)
    return [styles, *infos[:at], *infos[at + 1:]]


_STYLES_FOLDED = STYLES.casefold()
# A bid workbook's cell formats showing a number otherwise than General does, each with its format, by the styles
# part (whole)
_NOTED_FORMATS: dict[bytes, dict[str, str]] = {}


def _noted_formats(styles: bytes) -> dict[str, str]:
    """The cell formats (by index, as a cell's ``s`` gives it) whose number format shows a number otherwise than
    General does, each with that format: Excel's built-in ones a cell names by id alone
    (:data:`bideval.number_formats.BUILT_IN_FORMATS`: ``0``, ``0.00``, ``#,##0``, ``0%`` …), and any format declared
    but ``General`` and ``@``. A bid's reader refuses a percentage (:func:`bideval.number_formats.real_percent`) over
    a price, a number or a count, and reads a text or a choice as the sheet shows it."""
    known = _NOTED_FORMATS.get(styles)
    if known is not None:
        return known
    from .number_formats import BUILT_IN_FORMATS, shows_as_typed

    codes = dict(BUILT_IN_FORMATS)  # number format id → its format
    declared = _NUMBER_FORMATS.search(styles) if b"numFmt" in styles else None
    for attributes in map(_attributes, _NUMBER_FORMAT.findall(declared.group(1) if declared else b"")):
        number, code = _style_index(attributes.get("numFmtId", "")), attributes.get("formatCode", "")
        if not shows_as_typed(code):
            codes[number] = code
        else:
            codes.pop(number, None)
    section = _CELL_FORMATS.search(styles)
    found = {} if section is None else {
        str(index): codes[number] for index, xf in enumerate(map(_attributes, _CELL_FORMAT.findall(section.group(1))))
        if (number := _style_index(xf.get("numFmtId", "0"))) in codes}
    if len(styles) <= MAX_REMEMBERED_STYLES_BYTES:
        if len(_NOTED_FORMATS) >= MAX_REMEMBERED_PARTS:
            _NOTED_FORMATS.clear()
        _NOTED_FORMATS[styles] = found
    return found


def _shown_formats(styles: bytes, currency: str | None, panel: bool = False) -> dict[str, _ShownAs]:
    """By cell format index, what stands for a number cell and for a text cell shown through it (None: what the
    cell holds is what it shows)."""
    known = _SHOWN_FORMATS.get((styles, currency, panel))
    if known is not None:
        return known
    formats: dict[str, _ShownAs] = {}
    if panel:  # the built-in percent formats, which the styles use without declaring
        formats.update({number: (partial(PercentFormat, format=code), None)
                        for number, code in BUILT_IN_PERCENT.items()})
    declared = _NUMBER_FORMATS.search(styles)  # (not a conditional format's, in <dxfs>: no cell format names those)
    for attributes in map(_attributes, _NUMBER_FORMAT.findall(declared.group(1) if declared else b"")):
        pair = _shown_pair(attributes.get("formatCode", ""), currency, panel)
        if pair != (None, None):
            formats[attributes.get("numFmtId", "")] = pair
    section = _CELL_FORMATS.search(styles) if formats else None
    shown = {} if section is None else {
        str(index): formats[xf.get("numFmtId", "")]
        for index, xf in enumerate(map(_attributes, _CELL_FORMAT.findall(section.group(1))))
        if xf.get("numFmtId", "") in formats}
    if len(styles) <= MAX_REMEMBERED_STYLES_BYTES:
        if len(_SHOWN_FORMATS) >= MAX_REMEMBERED_PARTS:
            _SHOWN_FORMATS.clear()
        _SHOWN_FORMATS[(styles, currency, panel)] = shown
    return shown


def _ruled_formats(styles: bytes, currency: str | None, panel: bool = False) -> dict[str, _Rule]:
    """By differential format index (a conditional format rule's dxfId), what a rule giving it does to a cell
    (:func:`_differential_format`), for those that write a unit or strike through."""
    section = _DIFFERENTIAL_FORMATS.search(styles) if b"dxf" in styles else None
    ruled: dict[str, _Rule] = {}
    for index, differential in enumerate(_DIFFERENTIAL_FORMAT.finditer(section.group(1) if section else b"")):
        rule = _differential_format(differential.group(1) or b"", currency, panel)
        if rule is not None:
            ruled[str(index)] = rule
    return ruled


def _differential_format(inside: bytes, currency: str | None, panel: bool) -> _Rule | None:
    """What a differential format (the inside of a ``<dxf>``: the styles' or, in Excel 2010's extension list, a rule's
    own) does to a cell it is given to: what stands for a number cell and for a text cell shown through its number
    format, when that writes a unit (None: what the cell holds is what it shows), whether its font strikes through
    (``<strike/>``, ``val="1"`` / ``"true"``), and in a bid workbook its number format when that shows a number as a
    percentage (a bid's reader refuses it over a price, a number or a count only); None when it does none of these."""
    number_format = _NUMBER_FORMAT.search(inside) if b"numFmt" in inside else None
    code = None if number_format is None else _attributes(number_format.group(1)).get("formatCode", "")
    pair = None if code is None else _shown_pair(code, currency, panel, True)
    shown = pair if pair is not None and pair != (None, None) else None
    strikes = b"strike" in inside and font_strikes(inside)
    percent = code if shown is None and code and currency is not None and not panel and real_percent(code) else None
    font = _DIFFERENTIAL_FONT.search(inside) if b"font" in inside else None
    font_said = font.group(1) or b"" if font is not None and b"color" in (font.group(1) or b"") else b""
    fill = _DIFFERENTIAL_FILL.search(inside) if b"fill" in inside else None
    fill_said = fill.group(1) or b"" if fill is not None else b""
    painted = code if code and "[" in code and _names_colour(code) else ""  # ([White]General: drawn white)
    inking = (font_said, fill_said, painted) if font_said or fill_said or painted else None
    return (shown, strikes, percent, inking) if shown is not None or strikes or percent or inking else None


def _names_colour(code: str) -> bool:
    """Whether a number format names a colour in a section (``[White]General``, ``0;[Color2]-0``)."""
    from .number_formats import section_colours

    return any(section_colours(code))


# A range of a worksheet's conditional formats that draws its cells through a unit or struck through: its first row,
# first column, last row, last column (from 1), what stands for a cell shown through a unit, for each of its rules
# that shows one (None: none), the range as the sheet writes it when it strikes through (None: it does not), and in a
# bid workbook the percent format it shows a number through (None: none), and the fonts, fills and colours named by
# number formats its rules give a cell (None: none; :data:`_Rule`)
_RuledRange = tuple[int, int, int, int, tuple[_ShownAs, ...] | None, str | None, str | None,
                    tuple[_Inking, ...] | None]


def _ruled_ranges(sheet: bytes, ruled: dict[str, _Rule], currency: str | None,
                  panel: bool = False) -> list[_RuledRange]:
    """The ranges of a worksheet's conditional formats one of whose rules gives a cell a unit or strikes it through: by
    a differential format among ``ruled`` (by its dxfId), or by its own (a rule of Excel 2010's extension list:
    ``<x14:conditionalFormatting>``, its ``<x14:cfRule>`` holding an ``<x14:dxf>``, its ranges in ``<xm:sqref>``).
    Whether a rule holds for a cell is not worked out: every cell in its range is taken as drawn through it, by each of
    its rules (which of them Excel applies, by priority, is not worked out either)."""
    at = sheet.find(_CONDITIONAL)
    if at < 0:
        return []
    ranges: list[_RuledRange] = []
    # (only colours given: a rule for empty cells, as a template's on each answer cell, is passed over unread)
    blanks_pass = all(rule[:3] == (None, False, None) for rule in ruled.values())
    own: dict[bytes, _Rule | None] = {}  # a rule's own differential format, worked out once per inside
    for block in _CONDITIONAL_FORMAT.finditer(sheet, max(sheet.rfind(b"<", 0, at), 0)):
        inside = block.group(2)
        rules: list[_Rule | None] = []
        starts = list(_RULE.finditer(inside))
        for number, rule in enumerate(starts):
            said = rule.group(1)
            end = starts[number + 1].start() if number + 1 < len(starts) else len(inside)
            has_own = b"dxf" in inside[rule.end():end]  # (a rule of the extension list carries its format itself)
            if blanks_pass and not has_own and any(kind.encode() in said for kind in _NO_VALUE_RULES):
                continue
            attributes = _attributes(said)
            given = ruled.get(_style_index(attributes.get("dxfId", "")))
            if has_own and (differential := _DIFFERENTIAL_FORMAT.search(inside, rule.end(), end)) is not None:
                written = differential.group(1) or b""
                if written not in own:
                    own[written] = _differential_format(written, currency, panel)
                given = own[written]
            rules.append(_unless_blank(given, attributes.get("type", "")))
        pairs = tuple(dict.fromkeys(rule[0] for rule in rules if rule is not None and rule[0] is not None))
        strikes = any(rule is not None and rule[1] for rule in rules)
        percent = next((rule[2] for rule in rules if rule is not None and rule[2] is not None), None)
        inking = tuple(dict.fromkeys(rule[3] for rule in rules if rule is not None and rule[3] is not None))
        if not pairs and not strikes and percent is None and not inking:
            continue
        refs = _attributes(block.group(1)).get("sqref", "").split()
        refs += [ref for listed in _SQREF.findall(inside)
                 for ref in html.unescape(listed.decode("utf-8", "replace")).split()]
        ranges += [(*span, pairs or None, ref if strikes else None, percent, inking or None) for ref in refs
                   if (span := _range_span(ref)) is not None]
    return ranges


# Conditional format rule types that hold only for a cell holding no value to read: an empty cell (an answer cell
# yellow until filled), an error (hidden in white, the usual way to blank #N/A out; refused as an error already)
_NO_VALUE_RULES = ("containsBlanks", "containsErrors")


def _drawn_colours(drawn: dict[str, tuple[str, str]], painted: dict[str, str],
                   indexed: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """The colours the cell formats (``drawn``: each one's font and fill colours; ``painted``: their number formats
    naming a colour, in the palette ``indexed``) draw values in, and the backgrounds they show (the sheet's white among
    them): a conditional format's colour matched by one may hide a value (:meth:`_PartScan.rule_looks`)."""
    from .ink import NO_FILL, background

    named = (_inks_named(code, indexed)[0] for code in set(painted.values()))
    return (frozenset(font for font, _ in drawn.values()).union(*named),
            frozenset(background(fill) for _, fill in drawn.values()) | {background(NO_FILL)})


def _unless_blank(rule: _Rule | None, kind: str) -> _Rule | None:
    """A conditional format's rule (of the rule type ``kind``), without the colours it gives when it holds only for a
    cell holding no value (:data:`_NO_VALUE_RULES`), which then draw no value."""
    if rule is None or kind not in _NO_VALUE_RULES or rule[3] is None:
        return rule
    return None if rule[:3] == (None, False, None) else (*rule[:3], None)


MAX_RULED_RANGES = 1000  # conditional formats' ranges (showing a unit, striking) one sheet may have: a refusal beyond
# Distinct colours that conditional formats' rules may hide one sheet's values with (which hide a cell is worked out
# once per cell format, kind and sign: _HidingLooks), and distinct number formats writing a unit or hiding (each
# compared with every cell in its ranges, a number's outcome depending on its value: 8 cost a crafted sheet of
# 100,000 numbers about 3 s more): a refusal beyond. A form has none, or one or two.
MAX_RULE_LOOKS = 64
MAX_RULE_UNITS = 8
_Value = TypeVar("_Value")


class _Ruling(Generic[_Value]):
    """Which of a worksheet's conditional formats (the first range's in the sheet's order) draws a cell, by row and
    column, from ranges (first row, first column, last row, last column, and what they give: :func:`_ruled_ranges`):
    the ranges over a row are worked out once for each band of rows they all cover, and the columns of a band cut into
    spans, each found by bisection. A cell costs O(log ranges), not a look at every range."""

    def __init__(self, ranges: list[tuple[int, int, int, int, _Value]]):
        self.ranges = ranges
        self.edges = sorted({top for top, *_ in ranges} | {bottom + 1 for _, _, bottom, _, _ in ranges})
        self.bands: dict[int, tuple[list[int], list[_Value | None]]] = {}  # band → column edges, each span's

    def at(self, row: int, column: int) -> _Value | None:
        """What the first range over the cell at ``row`` and ``column`` (from 1) gives; None outside every range."""
        band = bisect_right(self.edges, row) - 1
        if band < 0:
            return None
        found = self.bands.get(band)
        if found is None:
            found = self.bands[band] = _first_over(
                [(left, right, pair) for top, left, bottom, right, pair in self.ranges
                 if top <= self.edges[band] <= bottom])
        edges, spans = found
        span = bisect_right(edges, column) - 1
        return spans[span] if 0 <= span < len(spans) else None


class _Rulings(Generic[_Value]):
    """Every value the ranges of a worksheet's conditional formats give a cell, not only the first range's: one
    :class:`_Ruling` for each distinct value (a rule's unit), each found by bisection. A cell costs
    O(values × log ranges); a sheet may give at most :data:`MAX_RULE_UNITS` distinct values."""

    def __init__(self, ranges: list[tuple[int, int, int, int, _Value]]):
        groups: dict[_Value, list[tuple[int, int, int, int, _Value]]] = {}
        for found in ranges:
            groups.setdefault(found[4], []).append(found)
        self.rulings = [_Ruling(group) for group in groups.values()]

    def __len__(self) -> int:
        return len(self.rulings)

    def every(self, row: int, column: int) -> Iterator[_Value]:
        """What each range over the cell at ``row`` and ``column`` (from 1) gives, each distinct value once."""
        for ruling in self.rulings:
            value = ruling.at(row, column)
            if value is not None:
                yield value


class _HidingLooks:
    """The looks the ranges of a worksheet's conditional formats give their cells that may hide a value (first row,
    first column, last row, last column, look: :meth:`_PartScan.inked_ranges`), one that hides a cell found by a
    bisection or two, however many there are: which looks hide a cell depends only on its cell format, the kind of its
    value and, for a number, its sign (:func:`_ruled_ink`), so it is worked out once for each of those, and the ranges
    of the looks that hide such a cell looked through by a :class:`_Ruling` (one per distinct set of looks)."""

    def __init__(self, ranges: list[tuple[int, int, int, int, _Look]], drawn: dict[str, tuple[str, str]],
                 painted: dict[str, str], indexed: tuple[str, ...]):
        self.ranges, self.drawn, self.painted, self.indexed = ranges, drawn, painted, indexed
        self.looks = tuple(dict.fromkeys(look for *_, look in ranges))
        self.over = _Ruling(ranges)  # (whether any look is given the cell at all)
        self.by_cell: dict[tuple[str, str, int], _Ruling[_Look] | None] = {}
        self.by_looks: dict[frozenset[_Look], _Ruling[_Look]] = {}

    def at(self, row: int, column: int, attributes: dict[str, str], sheet: bytes, after: int) -> InvisibleInk | None:
        """What stands for the cell at ``row`` and ``column`` (from 1; its attributes, where its start tag ends) that a
        look over it hides: :func:`_ruled_ink` of the first range over it whose look does; None when none does."""
        if self.over.at(row, column) is None:
            return None
        index, kind = _style_index(attributes.get("s", "0")), attributes.get("t", "n")
        own, own_code = self.drawn.get(index), self.painted.get(index, "")
        key = (index, kind, _sign(kind, _saved_value(sheet, after)))
        if key not in self.by_cell:
            hiding = frozenset(look for look in self.looks
                               if _ruled_ink(look, own, own_code, attributes, sheet, after, self.indexed) is not None)
            if hiding and hiding not in self.by_looks:
                self.by_looks[hiding] = _Ruling([found for found in self.ranges if found[4] in hiding])
            self.by_cell[key] = self.by_looks[hiding] if hiding else None
        ruling = self.by_cell[key]
        look = ruling.at(row, column) if ruling is not None else None
        return _ruled_ink(look, own, own_code, attributes, sheet, after, self.indexed) if look is not None else None


def _sign(kind: str, saved: str) -> int:
    """What a look's hiding a cell depends on of its saved value (:func:`_ruled_ink`): a number's sign (-1, 0, 1; 2 for
    none, 3 for NaN, 4 for one that is no number), a TRUE or FALSE's being one as Excel saves it (1, else 0); 0 for a
    text."""
    if kind == "b":
        return int(saved in ("0", "1"))
    if kind != "n":
        return 0
    if not saved:
        return 2
    try:
        value = Decimal(_as_shown(saved))
    except InvalidOperation:
        return 4
    return 3 if value.is_nan() else (value > 0) - (value < 0)


def _first_over(ranges: list[tuple[int, int, _Value]]) -> tuple[list[int], list[_Value | None]]:
    """Column edges, and the value of the first of ``ranges`` (first column, last column, value) over each span between
    two edges (None: none): each span is given its value once, the spans given skipped by a union-find."""
    edges = sorted({left for left, _, _ in ranges} | {right + 1 for _, right, _ in ranges})
    spans: list[_Value | None] = [None] * len(edges)
    after = list(range(len(edges) + 1))  # the next span from each not given a value yet (itself when not given)

    def next_open(at: int) -> int:
        while after[at] != at:
            after[at] = after[after[at]]
            at = after[at]
        return at

    for left, right, pair in ranges:
        span, end = next_open(bisect_left(edges, left)), bisect_left(edges, right + 1)
        while span < end:
            spans[span] = pair
            after[span] = span + 1
            span = next_open(span + 1)
    return edges, spans


def _shown_pair(code: str, currency: str | None, panel: bool = False, by_rule: bool = False) -> _ShownAs:
    """What stands for a number cell and for a text cell shown through the number format ``code`` (``by_rule``: a
    conditional format's)."""
    from .number_formats import hides, text_section

    text = text_section(code)  # a text cell is shown through it as a number is through the whole
    numbers_hidden, text_hidden = hides(code)
    blank = partial(HiddenByFormat, format=code, by_rule=by_rule)
    number = (blank if numbers_hidden else _shown_as(code, currency, panel, by_rule) or _other_number(code, by_rule)
              or (_rounded(code, by_rule) if panel else None))
    return number, blank if text_hidden else None if text is None else _shown_as(text, currency, by_rule=by_rule)


def _rounded(code: str, by_rule: bool = False) -> Callable[[str], Unreadable | None] | None:
    """On a panel sheet, what stands for a number cell shown through the number format ``code`` with fewer decimal
    places than it has (4.25 through ``0.0`` is shown 4.3): None for a number it shows whole, for a format that shows
    every number as typed, and for one bid-eval does not reproduce (:func:`bideval.number_formats.excel_text`)."""
    from .number_formats import excel_text, shows_as_typed

    if shows_as_typed(code):
        return None

    def held(number: str) -> Unreadable | None:
        try:
            value = Decimal(number)
            shown = excel_text(value, code) if value.is_finite() else None
            if shown is None or Decimal(shown.replace(",", "")) == value:
                return None
        except InvalidOperation:  # not a number as the file saved it: the reader's to refuse
            return None
        return RoundedFormat(number, code, shown, by_rule=by_rule)

    return held


def _other_number(code: str, by_rule: bool = False) -> Callable[[str], Unreadable | None] | None:
    """What stands for a number cell shown through the number format ``code`` as another number than it holds,
    without a unit word (:func:`bideval.number_formats.other_number`): a constant, nothing, or the number divided by
    1,000; None when the format shows every number as it is."""
    from .number_formats import other_number

    sections = other_number(code)
    if sections is None:
        return None

    def held(number: str) -> Unreadable | None:
        try:
            value = Decimal(number)
        except InvalidOperation:  # not a number as the file saved it: the reader's to refuse
            return None
        section = sections.of(value)
        if section is None:
            return None
        if section.constant == "":
            return HiddenByFormat(number, code, by_rule=by_rule)
        if section.constant is not None:
            return ConstantFormat(number, code, section.constant, by_rule=by_rule)
        return DividedFormat(number, code, section.thousands, section.shows(value), by_rule=by_rule)

    return held


def _shown_cell(pair: _ShownAs, attributes: dict[str, str], sheet: bytes, after: int) -> Unreadable | None:
    """What stands for a cell (its attributes, where its start tag ends) shown through a number format (``pair``:
    what stands for a number, and for a text): None for a cell it shows as it is, or an empty one."""
    number_as, text_as = pair
    kind = attributes.get("t", "n")
    if kind == "n" and number_as is not None and (saved := _saved_value(sheet, after)):
        return number_as(_as_shown(saved))
    if kind in ("s", "str", "inlineStr") and text_as is not None:
        return text_as("")  # its text is the reader's: put in by put_errors
    return None


def _ruled_ink(look: _Look, own: tuple[str, str] | None, own_code: str, attributes: dict[str, str], sheet: bytes,
               after: int, indexed: tuple[str, ...]) -> InvisibleInk | None:
    """What stands for a cell (its attributes, where its start tag ends) that a conditional format draws in the ``look``
    it gives (its font and fill colours, None: the cell's ``own`` font's or fill's, None when those are not told; and
    its number format naming a colour, '': none): a value drawn in its background's colour, whether the rule holds for
    it or not (not worked out), is one nobody may see, as a cell format's (:func:`_ink_pair`, the same rule). Where the
    rule names no colour, the cell's own number format naming one (``own_code``: [White]0.00 on its black fill, under
    the rule's white fill) is compared, and the font without it: either may hide the value. A number, a text or a TRUE
    or FALSE (drawn in the font's colour, whatever the number format); None for an empty cell, or one drawn in another
    colour."""
    from .ink import background

    font, fill, code = look
    font, fill = font or (own[0] if own else None), fill if fill is not None else (own[1] if own else None)
    if font is None or fill is None:
        return None
    kind, saved = attributes.get("t", "n"), _saved_value(sheet, after)
    if kind == "b":
        return InvisibleInk("TRUE" if saved == "1" else "FALSE", "", font, fill, by_rule=True) \
            if saved in ("0", "1") and font == background(fill) else None
    for drawn_through in (code,) if code or not own_code else ("", own_code):
        number_as, text_as = _ink_pair(font, fill, drawn_through, indexed)
        if kind in ("s", "str", "inlineStr"):  # its text is the reader's: put in by put_errors
            held = text_as("") if text_as is not None else None
        else:
            held = number_as(_as_shown(saved)) if kind == "n" and saved and number_as is not None else None
        if isinstance(held, InvisibleInk):
            return replace(held, by_rule=True)
    return None


def _first_told(found: Iterable[Unreadable | None]) -> Unreadable | None:
    """The first of what may stand for a cell (each rule's over it) that a reader may not read as shown (not
    :data:`_READ_AS_SHOWN`), else the first noted; None when none is: a rule that hides the value is told, wherever it
    stands among the others."""
    first = None
    for held in found:
        if held is not None and not isinstance(held, _READ_AS_SHOWN):
            return held
        first = first or held
    return first


def _inks_named(code: str, indexed: tuple[str, ...]) -> tuple[frozenset[str], bool]:
    """The colours a number format ``code`` draws some value in (``[White]General``: FFFFFF), in the palette
    ``indexed``, and whether it draws some value in the font's colour (a section, or a text, naming none)."""
    if not code:
        return frozenset(), True
    from .ink import named_colour
    from .number_formats import drawn_colours

    by_sign, text, _ = drawn_colours(code)
    colours = [named_colour(name, indexed) if name else None for name in (*by_sign, text)]
    return frozenset(colour for colour in colours if colour), None in colours


def _unseen_boolean(colours: tuple[str, str] | None, sheet: bytes, after: int) -> InvisibleInk | None:
    """What stands for a TRUE or FALSE cell (where its start tag ends) of a cell format whose font (``colours``: its
    font's and its fill's) is its background's colour. Excel draws TRUE and FALSE in the font's colour: a number format
    does not change how Excel writes them, so only the font's colour is compared."""
    from .ink import background

    saved = _saved_value(sheet, after)
    if colours is None or saved not in ("0", "1"):  # no boolean as Excel saves one: the reader's to take or refuse
        return None
    font, fill = colours
    return InvisibleInk("TRUE" if saved == "1" else "FALSE", "", font, fill) if font == background(fill) else None


def _range_span(ref: str) -> tuple[int, int, int, int] | None:
    """The first row, first column, last row and last column (from 1) of a range as a conditional format gives it
    (C5, C5:D9, C:C, 5:5); None when malformed."""
    corners = ref.split(":")
    if len(corners) == 2 and (columns := _WHOLE_COLUMNS.fullmatch(ref)):
        first, last = sorted(_column_number(letters.upper()) for letters in columns.groups())
        return 1, first, MAX_ROWS, last
    if len(corners) == 2 and (rows := _WHOLE_ROWS.fullmatch(ref)):
        top, bottom = sorted(map(int, rows.groups()))
        return top, 1, bottom, MAX_COLUMNS
    places = [_parse_cell_ref(corner) for corner in corners]
    if not 1 <= len(places) <= 2 or None in places:
        return None
    (top, left), (bottom, right) = places[0], places[-1]  # type: ignore[misc]
    return min(top, bottom), min(left, right), max(top, bottom), max(left, right)


def _shown_as(code: str, currency: str | None, panel: bool = False,
              by_rule: bool = False) -> Callable[[str], Unreadable] | None:
    """What stands for a number cell shown through the number format ``code``, when it writes a unit the number is
    not in: 万 or 亿, another scale (千, K, W, million…); in a bid workbook (``currency``, the tender's, given) or a
    panel workbook (``panel``), a percentage (a bid's percent field reads it); in a bid workbook, the % sign as text
    or another currency. None for a format that only changes how a number looks."""
    from .currency import other_currency_written
    from .number_formats import percent_written, scale_written

    scale = scale_written(code)
    if scale in ("万", "亿") or (scale is None and ("万" in code or "亿" in code)):
        return partial(TenThousandsFormat, format=code, by_rule=by_rule)
    if scale is not None:
        return partial(ScaleWordFormat, format=code, word=scale, by_rule=by_rule)
    if panel and real_percent(code):
        return partial(PercentFormat, format=code, by_rule=by_rule)
    if currency is None:
        return None
    other = other_currency_written(code, currency)
    if other is not None:
        return partial(OtherCurrencyFormat, format=code, currency=other, tender=currency, by_rule=by_rule)
    sign = percent_written(code)
    return None if sign is None else partial(LiteralPercentFormat, format=code, sign=sign, by_rule=by_rule)


def _as_shown(saved: str) -> str:
    """A number as the file saved it, as the sheet shows it (0.92099999999999993 is 0.921, 1980.0 is 1980); text
    that is no number as it stands."""
    from .values import number_as_shown

    if len(saved) <= 15 and _SHOWN_AS_SAVED.fullmatch(saved):  # (a bid's many percent cells: 0.95 is 0.95)
        return saved
    try:
        return number_as_shown(float(saved))
    except ValueError:
        return saved


# A number the sheet shows as the file saved it (15 characters at most: 15 digits at most), no exponent, no zero ending its fraction, fewer
# than 4 zeros after a point right after 0 (0.00001 is shown 1e-05)
_SHOWN_AS_SAVED = on_first_use(r"-?(?:[1-9][0-9]*(?:\.[0-9]*[1-9])?|0(?:\.(?!0000)[0-9]*[1-9])?)")


def _keeping_tail(chunks: Iterable[bytes], tail: list[bytes]) -> Iterator[bytes]:
    """`chunks` unchanged, keeping their last TAIL_BYTES in tail[0]."""
    for chunk in chunks:
        tail[0] = chunk[-TAIL_BYTES:] if len(chunk) >= TAIL_BYTES else (tail[0] + chunk)[-TAIL_BYTES:]
        yield chunk


def _closes(text: bytes, root: bytes) -> bool:
    """Whether an XML part's last bytes close its root element, as a part cut short never does."""
    tail = text[-TAIL_BYTES:]
    if tail.rstrip(b" \t\r\n\x00").endswith(b"</" + root + b">"):
        return True  # how every writer ends a part; the pattern below finds the same, slower
    name = rb"(?:" + _XML_NAME + rb":)?" + re.escape(root)
    return re.search(rb"(?:</" + name + rb"\s*>|<" + name + rb"(?:\s[^<]*)?/>)" + _TRAILER + rb"\Z",
                     tail, re.DOTALL) is not None


def _broken(name: str, error: Exception) -> Finding:
    """A part whose compressed bytes are corrupt."""
    return _f("part_broken", part=name, detail=_reason(error))


@lru_cache(maxsize=64)  # every copy of a bid-form template carries the same content types (the same bytes object,
def _says_macro_enabled(content_types: bytes) -> bool:  # remembered with its part: looked up by the hash it keeps)
    """Whether a package's [Content_Types].xml says ``macroEnabled`` (in any case): an .xlsm's."""
    return b"macroenabled" in content_types.lower()


def _encoding_of(raw: bytes) -> str | None:
    """The codec for a part's bytes: None for UTF-8/ASCII, a UTF-16 codec, or 'unreadable'."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff", b"\x00\x00")):
        return "unreadable"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if raw.startswith(b"<\x00"):
        return "utf-16-le"
    if raw.startswith(b"\x00<"):
        return "utf-16-be"
    return None


def _more_text(stream: _EntryReader, decoder: codecs.IncrementalDecoder | None, size: int) -> Iterator[bytes]:
    """The rest of `stream` as UTF-8 text, read `size` bytes at a time."""
    while True:
        raw = stream.read(size)
        text = decoder.decode(raw, final=not raw).encode("utf-8", "replace") if decoder else raw
        if text:
            yield text
        if not raw:
            return


def _inspect_head(name: str, text: bytes, complete: bool, looks_like_xml: bool) -> bytes:
    """The local name of a part's root element (b'' when none); refuses DTDs and foreign encodings."""
    declared = _ENCODING.match(text)
    if declared and declared.group(1).decode("ascii", "replace").strip().lower() not in ALLOWED_ENCODINGS:
        raise _Refused("encoding", part=name, encoding=declared.group(1).decode("ascii", "replace"))
    # ("<!" found by its "!", rare in a part's markup and text: a plain search for so short a word is slowed by every "<")
    declaration = _MARKUP_DECLARATION.search(text) if holds(text, b"<!", 1) else None
    if declaration:
        raise _Refused("doctype", part=name, declaration=declaration.group(0).decode("ascii", "replace"))
    prolog = _PROLOG.match(text)  # always matches: every part of it is optional
    root = _ROOT.match(text, prolog.end() if prolog else 0)
    if root:
        return root.group(1)
    if looks_like_xml and not complete:
        raise _Refused("padding", part=name, limit=XML_PREFIX_BYTES)
    return b""


_STRING_COUNT = re.compile(r"\s*\+?([0-9]+)\s*")  # a uniqueCount as _check_string_count reads it


def _check_string_count(name: str, text: bytes, size: int) -> None:
    """Refuse a shared-string table whose ``uniqueCount`` claims more strings than its bytes can hold (each is
    at least ``<si/>``): python-calamine sets aside room for that many before reading one, and 4,294,967,296
    strings is 96 GiB, an allocation that aborts the process."""
    start = _SHARED_STRINGS.search(text)
    claimed = _attributes(start.group(1)).get("uniqueCount") if start else None
    count = _STRING_COUNT.fullmatch(claimed or "")
    if count and int(count.group(1)) * MIN_STRING_BYTES > size:
        raise _Refused("string_count", part=name, count=int(count.group(1)), size=size)


def _attributes(markup: bytes) -> dict[str, str]:
    """The attributes in the inside of a start tag, unescaped."""
    return dict(_attribute_pairs(markup))


@lru_cache(maxsize=256)
def _cell_attributes(markup: bytes) -> dict[str, str]:
    """:func:`_attributes` of a cell's start tag after its reference, remembered: a sheet's cells repeat the few ways
    their tags are written (`` s="2" t="n"``), and a bid's percent cells are many. Not to be changed by its caller."""
    return _attributes(markup)


def _attribute_pairs(markup: bytes) -> Iterator[tuple[str, str]]:
    """Each attribute in the inside of a start tag as (name, value unescaped), in order, a name given twice twice."""
    for match in _ATTRIBUTE.finditer(markup):
        value = match.group(2) if match.group(2) is not None else match.group(3)
        yield match.group(1).decode("utf-8", "replace"), html.unescape(value.decode("utf-8", "replace"))


def _whole_rows(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """`chunks` re-cut so that no row, cell or tag is split between two pieces (the last chunk is kept whole): a
    cell's value is read from its start tag on, and a row's cells are all in one piece, so that a cell given twice
    is seen within one piece. A row too long for a piece (over a megabyte) is cut between two cells."""
    carry = b""
    held: bytes | None = None
    for chunk in chunks:
        if held is not None:
            data = carry + held
            cut = _piece_end(data)
            if cut > 0:
                yield data[:cut]
                data = data[cut:]
            carry = data
            if len(carry) > MAX_MARKUP_RUN:
                raise _Refused("markup_run", limit=MAX_MARKUP_RUN)
        held = chunk
    if held is not None or carry:
        yield carry + (held or b"")


def _piece_end(data: bytes) -> int:
    """Where a piece of a worksheet's XML ends (0: nowhere): before the start tag of its last row, else of its last
    cell (prefixed or not), else of its last tag."""
    for marker in (b"<row", b":row", b"<c ", b":c "):
        at = data.rfind(marker)
        if at > 0 and marker[0] != 60:  # (not "<"): the prefix's start
            at = data.rfind(b"<", 0, at)
        if at > 0:
            return at
    return data.rfind(b"<")


def _measure_sheet(chunks: Iterable[bytes], extent: _Extent, exact: bool) -> bool:
    """Fold a worksheet's cells, rows and dimension into `extent`; False when the fast scan cannot."""
    for piece in _whole_rows(chunks):
        if extent.before_rows:  # sheetFormatPr comes before sheetData
            end = piece.find(b"sheetData")
            extent.before_rows = end < 0
            sheet_format = _SHEET_FORMAT.search(piece, 0, len(piece) if end < 0 else end)
            if sheet_format is not None:
                rows_hidden, columns_hidden = _sheet_defaults(sheet_format.group(1))
                extent.hidden_by_default = extent.hidden_by_default or rows_hidden
                extent.columns_hidden_by_default = extent.columns_hidden_by_default or columns_hidden
        if b"col" in piece:  # <cols> comes before sheetData; looked for anywhere all the same (one search, not two)
            _note_hidden_columns(piece, extent)
        extent.strikes = extent.strikes or says_strike(piece)
        if not (extent.raises and extent.colours):  # (one look at each g for both words)
            raises, colours = says_raise_or_rgb(piece)
            if colours and not extent.colours:  # (an inline string's run is in a cell: not an Excel 2010 rule's colour)
                colours = _rgb_in_cells(piece, extent)
            extent.raises, extent.colours = extent.raises or raises, extent.colours or colours
        if extent.conditional or _says_conditional(piece):
            extent.conditional = True  # (a rule's own differential format follows, in this piece or a later one)
            first = piece.find(b"dxf")
            if first >= 0:
                _note_own_formats(piece, max(piece.rfind(b"<", 0, first), 0), extent)
        at = piece.find(b"dimension")
        while at >= 0:
            match = _DIMENSION.match(piece, max(piece.rfind(b"<", 0, at), 0))
            ref = _dimension_ref(match.group(1)) if match else None
            if ref is not None:
                extent.dimensions.append(ref)
            at = piece.find(b"dimension", at + 9)
        if exact:
            _exact_cells(piece, extent)
        elif not _fast_cells(piece, extent):
            return False
        if extent.cell_count > MAX_CELLS or extent.row_count > MAX_ROWS:
            break  # already refused; stop spending time on it
    return True


MAX_REMEMBERED_REF = 64  # a dimension's inside and range remembered up to this length (every form's is short and alike)


def _dimension_ref(inside: bytes) -> str | None:
    """The ``ref`` of a ``<dimension>`` tag (the inside after its name); remembered when short, as every copy of a
    bid-form template declares the same range."""
    return (_cell_attributes if len(inside) <= MAX_REMEMBERED_REF else _attributes)(inside).get("ref")


_SHEET_DATA_END = on_first_use(rb"</" + _PREFIX + rb"sheetData\s*>")


def _rgb_in_cells(piece: bytes, extent: _Extent) -> bool:
    """Whether a piece of a worksheet that says "rgb" says it before the end of its cells (``</sheetData>``, which no
    text holds): an inline string's run may have a colour of its own; after them, an Excel 2010 rule's colour (its
    differential format's, a data bar's) is no run's, and costs no second read for runs."""
    if extent.after_cells:
        return False
    end = _SHEET_DATA_END.search(piece) if b"sheetData" in piece else None
    if end is None:
        return True
    extent.after_cells = True
    return says_raise_or_rgb(piece[:end.start()])[1]


MAX_OWN_FORMATS = 64  # rules' own differential formats told apart in a worksheet's scan; more, and it is read again
MAX_OWN_FORMAT_BYTES = 4096  # … each this long at most


def _note_own_formats(piece: bytes, at: int, extent: _Extent) -> None:
    """Note in ``extent`` the differential formats of rules' own (``<x14:dxf>``) in a piece of a worksheet from ``at``:
    their insides, each once; None for all when one is cut between pieces, too long, or there are too many."""
    first = _OWN_DIFFERENTIAL_FORMAT.search(piece, at)  # (a sheet's own rules' "dxfId" says none: one look)
    if first is None:
        return
    extent.own_rules = True
    for start in _OWN_DIFFERENTIAL_FORMAT.finditer(piece, first.start()):
        whole = _DIFFERENTIAL_FORMAT.match(piece, start.start())
        if extent.own_formats is None or whole is None or whole.end() - whole.start() > MAX_OWN_FORMAT_BYTES:
            extent.own_formats = None
            return
        extent.own_formats.add(whole.group(1) or b"")
        if len(extent.own_formats) > MAX_OWN_FORMATS:
            extent.own_formats = None
            return


def _says_conditional(piece: bytes) -> bool:
    """Whether a piece of a worksheet says ``conditionalFormatting`` (a conditional format, after the cells): in a
    long piece, found by the word's g, rare in a sheet's markup; in a short one (a bid form's sheet), by a plain
    search, quicker there than a look at each of its few g's."""
    return _CONDITIONAL in piece if len(piece) <= 8192 else holds(piece, _CONDITIONAL, 20)


def _fast_cells(piece: bytes, extent: _Extent) -> bool:
    """The furthest cell and row in `piece`, for markup as every known writer produces it."""
    tags = _ROW_TAG_FAST.findall(piece)
    numbers = dict(tags)  # (each row's number once)
    # (a colon is rare in a sheet's cells: found with memchr, the pattern looked for only in a piece holding one)
    if _ODD_TAG in numbers or (b":" in piece and _PREFIXED_CELL_OR_ROW.search(piece)) or _LATE_R.search(piece):
        return False
    cells = _CELL_TAG.findall(piece)
    letters = dict(cells)  # (each column's letters once)
    if _ODD_TAG in letters:
        return False
    if cells:
        last = max(map(_column_number, letters))
        extent.columns = max(extent.columns, last)
        rows = list(map(int, set(map(itemgetter(1), cells))))
        first_row, last_row = min(rows), max(rows)
        # A cell given twice: within this piece, or in a row an earlier piece reached (rows are whole in a piece, and
        # every writer writes them in order). Looked for again, rare: _cell_given_twice.
        extent.placed_again = extent.placed_again or len(set(cells)) < len(cells) or first_row <= extent.rows
        extent.rows = max(extent.rows, last_row)
        if extent.noted:
            _note_formatted_cells(piece, extent, last, first_row, last_row)
    if tags:
        extent.row_tag = max(extent.row_tag, max(map(int, numbers)))
    extent.cell_count += len(cells)
    extent.row_count += len(tags)
    # Cells no reader can give a value for, rare: an error (#DIV/0!), a formula saved without its result.
    # A value written where python-calamine does not take it: rare, each cell then looked at.
    odd_values = _LATE_AFTER_VALUE.search(piece) is not None or _LATE_AFTER_INLINE.search(piece) is not None
    odd_strings = False  # a shared-text cell whose value is not a plain count: rare, each cell then looked at
    if _T_ERROR_OR_ODD_VALUE.search(piece):
        _note_unreadable(_ERROR_CELL, piece, extent)
        odd_values = odd_values or _ODD_INLINE.search(piece) is not None
        odd_strings = _ODD_STRING.search(piece) is not None
    elif b"#" in piece and _T_ERROR.search(piece):
        # An error cell whose type is written with spaces round its '=' (t = "e"), which the pass for t= does not
        # see: it was read as empty, without a word. Its value (#DIV/0!, or &#35;… escaped) holds a '#', which a
        # clean sheet's cells seldom do: one memchr, then the look as the exact scan makes it.
        _note_unreadable(_ERROR_CELL, piece, extent)
    if holds(piece, b"<f", 1):  # (not "><f": a writer that indents its XML puts spaces between <c> and <f>)
        _note_unreadable(_FORMULA_CELL, piece, extent)
    if odd_values or odd_strings:
        for match in _CELL_START.finditer(piece):
            if not match.group(3).endswith(b"/"):
                found = _odd_value(match.group(3), piece, match.end(), odd_values, odd_strings)
                if found is not None:
                    extent.errors.setdefault((int(match.group(2)) - 1, _column_number(match.group(1)) - 1), found)
    if extent.hidden_by_default or any(map(itemgetter(1), tags)):  # a row that may be hidden, rare: each looked at
        extent.hidden.update(int(match.group(1)) for match in _ROW_TAG.finditer(piece)
                             if _hides(match.group(2), extent.hidden_by_default))
    return True


def _note_formatted_cells(piece: bytes, extent: _Extent, last: int, first_row: int, last_row: int) -> None:
    """Note the cells of ``piece`` (a bid sheet's, read by the fast scan: its cells reach column ``last``, rows
    ``first_row`` to ``last_row``) whose cell format shows a number otherwise than General does (``extent.noted``: a
    percentage, zeros padding it …), each as its format's index, its column and its row (2C15), by the style
    attribute as every known writer puts it, right after the reference (``<c r="C15" s="2">``): found by the
    attribute itself (the few formatted cells of a sheet that has any, not its every cell), the reference read behind
    it. Where such a style stands elsewhere in the piece (a row's own format, an attribute between: ``<c r="C15"
    t="n" s="2">``), each one found is looked at on its own; where the workbook's default format (0, a cell's with no
    style) is such a format, every cell is. A style spelt as no writer spells it (``s='2'``, ``s="02"``) is not
    looked for."""
    if "0" in extent.noted:  # the workbook's default format is noted: a cell written with no style is in it
        cells = b" ".join(b"%s%s%s" % (index.encode(), match.group(1), match.group(2))
                          for match in _CELL_START.finditer(piece) if not match.group(3).endswith(b"/")
                          and (index := _style_index(_attributes(match.group(3)).get("s", "0"))) in extent.noted)
    else:
        pattern = _noted_cell_pattern(extent.noted, 1 if last <= 26 else 2 if last <= 702 else 3,
                                      len(str(first_row)), len(str(last_row)))
        found = pattern.findall(piece)
        if not found:
            return
        cells = b" ".join(map(b"".join, found))
        if b'"' in cells:  # a style no reference stands right before (see _noted_cell_pattern): each one looked at
            cells = b" ".join(_noted_cells_around(piece, pattern))
    if cells:
        extent.noted_cells.append(cells)


def _noted_cells_around(piece: bytes, pattern: re.Pattern[bytes]) -> Iterator[bytes]:
    """The cells (2C15) whose noted style ``pattern`` finds in ``piece``: read behind it as it finds them, or from
    the start tag holding the style (a cell's, the style after another attribute: ``<c r="C15" t="n" s="2">``; not a
    row's own format, ``<row r="15" s="2" customFormat="1">``, which no cell holds)."""
    for match in pattern.finditer(piece):
        if match.group(pattern.groups) is None:
            yield b"".join(match.groups(b"")[:-1])
            continue
        tag = _CELL_START.match(piece, piece.rfind(b"<", 0, match.start()))  # (no "<" in a value: XML forbids it)
        if tag is not None and tag.end() > match.start():
            yield match.group(1) + tag.group(1) + tag.group(2)


@lru_cache(maxsize=64)
def _noted_cell_pattern(indices: tuple[str, ...], letters: int, shortest: int, longest: int) -> re.Pattern[bytes]:
    """The style attributes ``s="2"`` naming one of the cell formats ``indices``, each found with the cell's format
    index, column letters and row read behind it (groups, a pair for each width of reference: a look behind is of
    one width, and a piece's references have 1 to ``letters`` letters, ``shortest`` to ``longest`` digits), or with
    a quote (its last group) where no such reference stands right before it (a row's format, an attribute between)."""
    behind = [rb'(?<=<c r="([A-Z]{%d})([0-9]{%d})" s="[0-9]{%d}")' % (width, digits, size)
              for size in sorted({len(index) for index in indices}) for width in range(1, letters + 1)
              for digits in range(shortest, longest + 1)]
    return re.compile(rb'" s="(' + b"|".join(index.encode() for index in indices) + rb')"(?:'
                      + b"|".join(behind) + rb'|(?<=(")))')


def _hides(attributes: bytes, by_default: bool = False) -> bool:
    """Whether a row's start tag (the inside after its name or its r) says the row is hidden in Excel: ``hidden="1"``
    or ``"true"``, or a height (``ht``) of 0, in any place among the attributes, quoted either way, as an XML reader
    reads it. ``by_default``: the sheet hides rows by default (zeroHeight); then a row is hidden unless it has a
    height above 0 of its own."""
    if not by_default and b"hidden" not in attributes and b"ht" not in attributes:
        return False
    own_height = False  # a height above 0 of the row's own
    for name, value in _attribute_pairs(attributes):
        value = value.strip(" \t\r\n")
        if name == "hidden" and value in ("1", "true"):
            return True
        if name == "ht":
            try:
                height = Decimal(value)
            except ArithmeticError:  # not a number: Excel would not open the file; the reader ignores it
                continue
            if height.is_finite() and height <= 0:
                return True
            own_height = height.is_finite()
    return by_default and not own_height


def _sheet_defaults(attributes: bytes) -> tuple[bool, bool]:
    """Whether a sheet's default format (the inside of its ``<sheetFormatPr>``) hides its rows (``zeroHeight`` true:
    ``1`` or ``true``) and its columns (``defaultColWidth`` 0 or less), as an XML reader reads the attributes:
    ``"&#49;"``, ``"tru&#101;"``, ``"0e0"`` and ``"-0"`` say so as plainly as ``"1"`` and ``"0"`` do.

    >>> _sheet_defaults(b' defaultRowHeight="15" zeroHeight="tru&#101;"'), _sheet_defaults(b' defaultColWidth="0e0"')
    ((True, False), (False, True))
    """
    if b"zeroHeight" not in attributes and b"defaultColWidth" not in attributes:
        return False, False
    rows = columns = False
    for name, value in _attribute_pairs(attributes):
        value = value.strip(" \t\r\n")
        if name == "zeroHeight":
            rows = value in ("1", "true")
        elif name == "defaultColWidth":
            columns = _zero_or_less(value)
    return rows, columns


def _zero_or_less(value: str) -> bool:
    """Whether an attribute's value (unescaped, spaces trimmed), read as a number (xsd:double: ``0``, ``-0``, ``0e0``,
    ``0.0``), is 0 or less: a row's height or a column's width that hides it. A value that is no number is not."""
    try:
        number = Decimal(value)
    except ArithmeticError:  # not a number: Excel would not open the file; the reader ignores it
        return False
    return number.is_finite() and number <= 0


def _note_hidden_columns(piece: bytes, extent: _Extent) -> None:
    """Note the columns each column tag of ``piece`` hides (``<col min="11" max="11" hidden="1"/>``, prefixed or not),
    and those it gives a width to: the tags are found by their names alone, never by a pass of a pattern over the
    whole piece (rows and cells follow them in the same piece)."""
    for marker in (b"<col", b":col"):
        at = piece.find(marker)
        while at >= 0:
            match = _COLUMN_TAG.match(piece, at if marker == b"<col" else max(piece.rfind(b"<", 0, at), 0))
            span = _column_span(match.group(1)) if match else None
            if span is not None:
                (extent.hidden_columns if span[2] else extent.shown_columns).append(span[:2])
            at = piece.find(marker, at + len(marker))


def _column_span(attributes: bytes) -> tuple[int, int, bool] | None:
    """The columns (first, last, from 1) a column tag (the inside after its name) is about, and whether it hides
    them in Excel: ``hidden="1"`` or ``"true"``, or a width of 0 (Excel shows such a column as hidden; LibreOffice
    shows it at its default width), as an XML reader reads the attributes. None when the tag neither hides nor
    gives a width (its columns keep the sheet's default width), or has no usable ``min`` and ``max`` (which Excel
    would not open). A narrow column that still shows is not hidden."""
    if b"hidden" not in attributes and b"width" not in attributes:
        return None
    hides = False
    width: Decimal | None = None
    bounds: dict[str, int] = {}
    for name, value in _attribute_pairs(attributes):
        value = value.strip(" \t\r\n")
        if name == "hidden" and value in ("1", "true"):
            hides = True
        elif name == "width":
            try:
                width = Decimal(value)
            except ArithmeticError:  # not a number: the reader ignores it
                continue
            hides = hides or (width.is_finite() and width <= 0)
        elif name in ("min", "max") and name not in bounds and value.isascii() and value.isdigit():
            bounds[name] = int(value) if len(value) <= 10 else MAX_COLUMNS + 1
    if not (hides or (width is not None and width.is_finite())) or len(bounds) < 2 \
            or bounds["min"] > min(bounds["max"], MAX_COLUMNS):
        return None
    return max(bounds["min"], 1), min(bounds["max"], MAX_COLUMNS), hides


def _default_width_hides(extent: _Extent) -> list[tuple[int, int]]:
    """The columns a sheet hides by its default width of 0 (``<sheetFormatPr defaultColWidth="0"/>``): up to its
    furthest cell, every column no column tag gives a width of its own."""
    if not extent.columns_hidden_by_default:
        return []
    spans, reached = [], 0
    for first, last in sorted(extent.shown_columns) + [(extent.columns + 1, extent.columns + 1)]:
        if first > reached + 1:
            spans.append((reached + 1, first - 1))
        reached = max(reached, last)
    return spans


def _columns_within(spans: list[tuple[int, int]], last: int) -> frozenset[int]:
    """The columns (from 1) of ``spans`` up to ``last`` (the furthest column with a cell: none further holds
    anything), each once however many spans name it."""
    found: list[int] = []
    reached = 0
    for first, end in sorted(spans):
        first, end = max(first, reached + 1), min(end, last)
        if first <= end:
            found.extend(range(first, end + 1))
            reached = end
    return frozenset(found)


def _note_unreadable(cells: re.Pattern[bytes], piece: bytes, extent: _Extent) -> None:
    """Note the cells ``cells`` finds (reference letters, digits, the rest of the start tag) that hold no value."""
    for match in cells.finditer(piece):
        found = _unreadable(match.group(3), piece, match.end())
        if found is not None:
            _note(extent, (int(match.group(2)) - 1, _column_number(match.group(1)) - 1), found, piece, match.end())


def _note(extent: _Extent, at: tuple[int, int], found: Unreadable, piece: bytes, after: int) -> None:
    """Note a cell (``at``: row and column from 0) that holds no value, and whether it is an error python-calamine
    cannot parse (one whose value this piece does not hold counts as one: :func:`readable_copy` looks again)."""
    extent.errors[at] = found
    if isinstance(found, CellError) and piece[after - 2:after] != b"/>" \
            and not _calamine_parses(_value_at(piece, after)):
        extent.unparsed.add(at)


def _unreadable(attributes: bytes, piece: bytes, after: int) -> Unreadable | None:
    """What stands for a cell no reader can give a value for (its start tag's attributes, the position after
    that tag): an error cell, or a formula with no saved result; None for a cell with a value."""
    if _T_ERROR.search(attributes):
        return CellError(_saved_value(piece, after))
    formula = _FORMULA_AFTER.match(piece, after)
    if formula is None:
        return None
    value = _VALUE_AFTER.match(piece, formula.end())
    if value is None:  # a value follows, or the cell goes on in the next piece
        return None
    saved = value.group(1)
    text = formula.group(1) or b""
    if saved is not None and saved.strip() == b"0" and not _T_NOT_NUMBER.search(attributes):
        return PlaceholderResult(_unescaped(text))  # kept only where nothing calculated it: _PartScan.error_cells
    if saved is not None and (saved.strip() or _T_TEXT.search(attributes)):
        return None  # a result, or the empty text a text formula gave
    return UncalculatedFormula(_unescaped(text))


def _odd_value(attributes: bytes, piece: bytes, after: int, misplaced: bool,
               strings: bool) -> MisplacedValue | OddStringIndex | None:
    """What stands for a cell (its start tag's attributes, where that tag ends) whose value python-calamine would read
    otherwise than the file states it: one written where it is not taken (looked for when ``misplaced``), else a
    shared-string reference that is not a plain count (when ``strings``); None for any other cell."""
    found = _misplaced_value(attributes, piece, after) if misplaced else None
    return found if found is not None or not strings else _odd_string_index(attributes, piece, after)


def _misplaced_value(attributes: bytes, piece: bytes, after: int) -> MisplacedValue | None:
    """A cell (its start tag's attributes, where that tag ends) that states a value python-calamine does not take:
    its value children out of the file format's order (at most a formula, then one value), or an inline-text cell
    whose last child is a <v>, which python-calamine, taking the last child, reads as empty; None for any other
    cell."""
    children: list[tuple[bytes, bytes]] = []
    at = after
    while (child := _VALUE_CHILD.match(piece, at)) is not None:
        children.append((child.group(1), child.group(2) or b""))
        at = child.end()
    names = tuple(name for name, _ in children)
    inline_in_v = names[-1:] == (b"v",) and _T_INLINE.search(attributes) is not None
    if names in _USUAL_CHILDREN and not inline_in_v:
        return None
    values = [_unescaped(_TAG.sub(b"", inside)) for name, inside in children if name != b"f"]
    stated = next((at for at, text in enumerate(values) if text), None)
    value = "" if stated is None else values[stated]
    if not value and b"f" not in names:  # nothing stated: nothing lost
        return None
    if inline_in_v:  # read as empty, whatever comes before its <v>
        markup = "inline_in_v" if stated in (None, len(values) - 1) else "before_v"
    elif b"f" in names[1:]:
        markup = "before_formula"
    else:
        markup = "two_values"
    return MisplacedValue(value, markup)


def _odd_string_index(attributes: bytes, piece: bytes, after: int) -> OddStringIndex | None:
    """A shared-text cell (``t="s"``; its start tag's attributes, where that tag ends) whose value, after its formula
    if any, is not a count python-calamine reads as written: anything but digits (+1, " 1", 1.0, x, an entity: &#49;
    is read as empty, 1&#48; as 1; markup: <![CDATA[1]]> is read as empty), or digits past 2⁶⁴; None for any other
    cell, and for one with no value (read as empty: nothing stated, nothing lost). Leading zeros are read as Excel
    reads them (01 is 1).

    >>> [_odd_string_index(b' t="s"', b'<c t="s"><v>' + value + b'</v></c>', 9) for value in (b"01", b"+1", b"")]
    [None, OddStringIndex(text='+1'), None]
    """
    if not _T_STRING.search(attributes):
        return None
    formula = _FORMULA_AFTER.match(piece, after)
    value = _VALUE_TEXT.match(piece, formula.end() if formula else after)
    if value is None:
        return None
    text, closed = value.group(1), piece.startswith(b"</", value.end())
    if closed and (not text or _count(text) is not None):
        return None
    if not closed:  # markup inside the value (<![CDATA[1]]>, a comment): shown up to the value's end
        text = piece[value.start(1):value.start(1) + MAX_SHOWN_BYTES].split(b"</", 1)[0].strip()
    return OddStringIndex(text[:MAX_SHOWN_BYTES].decode("utf-8", "replace"))


def _count(digits: bytes) -> int | None:
    """The count python-calamine reads from a shared-string reference written ``digits``: ASCII digits only, leading
    zeros as many as may be, below 2⁶⁴; None for any other text (which it reads as 0, or as nothing).

    >>> [_count(text) for text in (b"01", b"0" * 30 + b"7", b"18446744073709551616", b"+1", b" 1", b"")]
    [1, 7, None, None, None, None]
    """
    if not (digits.isascii() and digits.isdigit()):
        return None
    significant = digits.lstrip(b"0") or b"0"  # (never int() of thousands of digits: Python refuses past 4,300)
    count = int(significant) if len(significant) <= 20 else 2 ** 64
    return count if count < 2 ** 64 else None


def _unescaped(markup: bytes) -> str:
    """An element's text as it reads: entities replaced, spaces trimmed."""
    return html.unescape(markup.decode("utf-8", "replace")).strip()


def _saved_value(piece: bytes, start: int) -> str:
    """A cell's saved value (its <v>, after its formula if any), from the end of its start tag; '' when the file
    does not say or says it in the next piece: the text an error cell shows, the number a styled cell holds."""
    value = _value_at(piece, start)
    saved = value.group(1) if value else None
    return _unescaped(saved) if saved else ""


def _value_at(piece: bytes, start: int) -> re.Match[bytes] | None:
    """Where a cell's saved value stands, from the end of its start tag: a match whose group 1 is its <v>'s text as
    written (None for no value, ``<v/>`` or the cell's end); None when the piece does not say it there."""
    formula = _FORMULA_AFTER.match(piece, start)
    return _VALUE_AFTER.match(piece, formula.end() if formula else start)


def _string_index(sheet: bytes, after: int) -> int | None:
    """The shared string python-calamine reads for a cell of type ``s`` whose start tag ends at ``after``: its value's
    text as written up to the first entity or tag, digits only (01 is 1); a text it cannot parse as a count (+1, " 1",
    1.0, a count past 2⁶⁴) is 0, not refused. None for a cell it reads as empty (no value, or one starting with an
    entity or a tag).

    >>> [_string_index(b'<c r="A1" t="s"><v>' + value + b'</v></c>', 16) for value in (b"01", b"+1", b"&#49;", b"")]
    [1, 0, None, None]
    """
    formula = _FORMULA_AFTER.match(sheet, after)
    value = _STRING_VALUE.match(sheet, formula.end() if formula else after)
    head = value.group(1) if value is not None else b""
    if not head:
        return None
    count = _count(head)
    return 0 if count is None else count


def _calamine_parses(value: re.Match[bytes] | None) -> bool:
    """Whether python-calamine parses an error cell whose saved value is ``value`` (:func:`_value_at`'s)."""
    return value is not None and (value.group(1) is None or value.group(1) in _CALAMINE_ERRORS)


def _exact_cells(piece: bytes, extent: _Extent) -> None:
    """Follow every row and cell tag as a reader does, including cells placed without a reference."""
    odd_values = _ODD_INLINE.search(piece) is not None or _LATE_CHILD.search(piece) is not None  # rare
    odd_strings = _ODD_STRING.search(piece) is not None  # rare too
    for row, column, match in _placed_cells(piece, extent):
        place = row * MAX_COLUMNS + column
        if place <= extent.last_cell:  # out of reading order: maybe a cell given twice (_cell_given_twice)
            extent.placed_again = True
        extent.last_cell = place
        unreadable = _unreadable(match.group(2), piece, match.end() + 1)  # (an empty cell's /> is followed by no f)
        if unreadable is None and (odd_values or odd_strings) and not match.group(2).endswith(b"/"):
            unreadable = _odd_value(match.group(2), piece, match.end() + 1, odd_values, odd_strings)
        if unreadable is not None:
            _note(extent, (row - 1, column - 1), unreadable, piece, match.end() + 1)
        if extent.noted and (b"s" in match.group(2) or "0" in extent.noted) and not match.group(2).endswith(b"/") \
                and (index := _style_index(_attributes(match.group(2)).get("s", "0"))) in extent.noted:
            extent.noted_cells.append(b"%s%s%d" % (index.encode(), _column_letters(column).encode(), row))
    for letters, digits in _ANY_CELL_REF.findall(piece):
        extent.rows = max(extent.rows, int(digits))
        extent.columns = max(extent.columns, _column_number(letters.upper()))


def _placed_cells(piece: bytes, extent: _Extent) -> Iterator[tuple[int, int, re.Match[bytes]]]:
    """Every cell tag of ``piece`` with the row and column (from 1) a reader puts it at, following row and cell tags
    as a reader does (cells placed without a reference included); rows, cells and bad references noted in
    ``extent``."""
    for match in _ROW_OR_CELL.finditer(piece):
        refs = [html.unescape((double or single).decode("utf-8", "replace"))  # "…" or '…'
                for double, single in _R_ATTRIBUTE.findall(match.group(2))]
        if len(refs) > 1:  # which one a reader takes depends on the reader: python-calamine took the far one
            extent.twice = extent.twice or ("row" if match.group(1) == b"row" else "cell", tuple(refs))
            continue
        ref = refs[0] if refs else None
        if match.group(1) == b"row":
            extent.row_count += 1
            if ref is None:
                extent.cursor_row += 1
            elif ref.isascii() and ref.isdigit() and len(ref) <= 10 and int(ref) > 0:
                extent.cursor_row = int(ref)
            else:
                extent.bad_ref = extent.bad_ref or ("row", ref)
                continue
            extent.row_tag = max(extent.row_tag, extent.cursor_row)
            extent.cursor_column = 0
            if _hides(match.group(2), extent.hidden_by_default):
                extent.hidden.add(extent.cursor_row)
            continue
        if ref is None:
            row, column = max(extent.cursor_row, 1), extent.cursor_column + 1
        else:
            parsed = _parse_cell_ref(ref)
            if parsed is None:
                extent.bad_ref = extent.bad_ref or ("cell", ref)
                continue
            row, column = parsed
        extent.cell_count += 1
        extent.cursor_column = column
        extent.rows = max(extent.rows, row)
        extent.columns = max(extent.columns, column)
        yield row, column, match


def _cell_given_twice(chunks: Iterable[bytes], rows: int, columns: int) -> str | None:
    """The first cell (its reference) a worksheet gives a second time, in its XML (``chunks``) followed as a reader
    follows it, who would take the last one given; None when no cell is given twice. ``rows`` and ``columns``: how
    far its cells reach (at most MAX_CELLS cells from A1: one byte each)."""
    seen = bytearray(rows * columns)
    extent = _Extent()
    for piece in _whole_rows(chunks):
        for row, column, _ in _placed_cells(piece, extent):
            at = (row - 1) * columns + column - 1
            if row <= rows and column <= columns:
                if seen[at]:
                    return f"{_column_letters(column)}{row}"
                seen[at] = 1
    return None


def _sheet_findings(extent: _Extent) -> list[Finding]:
    """What is wrong with a measured worksheet, each said after the sheet's name."""
    findings = [problem for ref in extent.dimensions
                if not (len(ref) <= MAX_REMEMBERED_REF and _dimension_fine(ref)) and (problem := _dimension_problem(ref))]
    if extent.bad_ref:
        findings.append(_f("bad_ref", kind=extent.bad_ref[0], ref=extent.bad_ref[1]))
    if extent.twice:
        findings.append(_f("ref_twice", kind=extent.twice[0], refs=extent.twice[1]))
    if extent.cell_count > MAX_CELLS or extent.row_count > MAX_ROWS:
        findings.append(_f("too_many", cells=MAX_CELLS, rows=MAX_ROWS))
    if extent.row_tag > MAX_ROWS:
        findings.append(_f("row_beyond", row=extent.row_tag, last=MAX_ROWS))
    if extent.rows > MAX_ROWS or extent.columns > MAX_COLUMNS:
        findings.append(_f("beyond_excel", column=_column_letters(extent.columns), row=extent.rows,
                           max_columns=MAX_COLUMNS, max_rows=MAX_ROWS))
    elif extent.rows * extent.columns > MAX_CELLS:
        findings.append(_f("too_large", column=_column_letters(extent.columns), row=extent.rows,
                           columns=extent.columns, rows=extent.rows, cells=extent.rows * extent.columns,
                           limit=MAX_CELLS))
    return findings


def _dimension_problem(ref: str) -> Finding | None:
    """What is wrong with a declared used range, counted from A1 as the readers lay it out."""
    corners = [_parse_cell_ref(corner.strip()) for corner in ref.split(":")]
    if not 1 <= len(corners) <= 2 or None in corners:
        return _f("bad_dimension", ref=ref)
    rows = max(row for row, _ in corners)  # type: ignore[misc]
    columns = max(column for _, column in corners)  # type: ignore[misc]
    if rows > MAX_ROWS or columns > MAX_COLUMNS:
        return _f("dimension_beyond", ref=ref, max_columns=MAX_COLUMNS, max_rows=MAX_ROWS)
    if rows * columns > MAX_CELLS:
        return _f("dimension_too_large", ref=ref, columns=columns, rows=rows, cells=rows * columns, limit=MAX_CELLS)
    return None


@lru_cache(maxsize=256)  # every copy of a bid-form template declares the same range
def _dimension_fine(ref: str) -> bool:
    """Whether a declared used range has no :func:`_dimension_problem`."""
    return _dimension_problem(ref) is None


def _parse_cell_ref(ref: str) -> tuple[int, int] | None:
    """(row, column), both from 1, of a reference such as 'AB12'; None when malformed."""
    match = _CELL_REF.fullmatch(ref)
    if not match or int(match.group(2)) == 0:
        return None
    return int(match.group(2)), _column_number(match.group(1).upper())


def _column_number(letters: bytes | str) -> int:
    """The column number of letters such as 'A' (1) or 'XFD' (16384)."""
    number = 0
    for letter in letters.decode("ascii") if isinstance(letters, bytes) else letters:
        number = number * 26 + ord(letter) - 64
    return number


def _column_letters(number: int) -> str:
    """The letters of a column number: 1 → A, 16384 → XFD."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters or "A"


def _reason(error: BaseException) -> str:
    """The first line of an exception's text, short enough for a message."""
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0][:160]
