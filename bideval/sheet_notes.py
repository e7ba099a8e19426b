"""What the package check notes of a workbook's sheets while it reads them, for the readers that come after it.

python-calamine gives a sheet's cells and nothing of how Excel shows them. The package check
(:mod:`bideval.xlsx_guard`) reads every worksheet's XML to its end anyway, and notes what a
reader needs and python-calamine does not say:

* the cells that hold no value a reader can use though they are not empty (:mod:`bideval.cell_errors`);
* the rows hidden in Excel (``<row r="7" hidden="1">``: hidden by hand, or by a filter left on). A person
  looking at the sheet does not see them, so a consolidated workbook's hidden row that holds anything is
  refused rather than read as a bid nobody saw, or skipped as if it were not there (:mod:`bideval.bids`);
* the columns hidden in Excel (``<col min="11" max="11" hidden="1"/>``, or a width of 0), for the same reason:
  a hidden column that holds anything in a row a reader reads is refused (:mod:`bideval.bids`,
  :mod:`bideval.panel`). Only columns up to the sheet's furthest cell are noted (none further holds anything):
  a sheet hiding every column after its last, as Excel users tidy one, notes none of those;
* the sheets hidden in Excel (``<sheet name="Bids" state="hidden"/>``, or ``veryHidden``): a bid or a panel sheet
  nobody can see on screen is refused, as a hidden row is (:mod:`bideval.bids`, :mod:`bideval.panel`);
* the cells drawn struck through (their cell format's font has ``<strike/>``, or every run of their rich text that
  holds more than spaces is struck): an office strikes a withdrawn bid's row through rather than delete it, and
  everybody looking at the sheet reads it as cancelled, so a reader refuses such a cell it reads rather than take it
  as a bid (:mod:`bideval.bids`, :mod:`bideval.panel`); and the cells whose text is struck through in part only (a
  run of it), with the parts struck, which a reader refuses as ambiguous. Looked for only when the styles hold a
  struck font, the shared strings hold a struck run, or a worksheet says ``strike`` at all;
* the cells a conditional format may draw struck through (a rule's differential format has a struck font: in the
  styles' ``<dxfs>``, or the rule's own in Excel 2010's extension list), with the rule's range: whether the rule holds
  for a cell is not worked out, so whether the cell shows struck through cannot be told, and a reader refuses such a
  cell it reads (:mod:`bideval.bids`, :mod:`bideval.panel`);
* the cells whose text is raised or lowered in part only (a run of rich text in superscript or subscript: ``2`` and a
  raised ``1``, a footnote mark, which a reader would read as 21), with the parts raised: what was meant cannot be
  told, so a reader refuses such a cell it reads (:mod:`bideval.bids`, :mod:`bideval.panel`). Looked for only when the
  shared strings or a worksheet say ``vertAlign`` at all. A cell format's superscript font raises the whole text: the
  same value drawn smaller, not noted;
* in a bid workbook, the cells a number format shows otherwise than General does, by their own cell format (a
  percentage, ``0%``: 7 typed is stored as 0.07 and shown as 7%; zeros padding the number, ``000``: 10 shown as 010;
  decimals, thousands …), or maybe as a percentage by a conditional format: right in a percent field, so only noted;
  the bid reader, which knows which cell is which field, refuses a percentage over a price, a number or a count, and
  reads a text or a choice as the sheet shows it (:mod:`bideval.bids`). Found while the sheet is read anyway, by the
  style attribute itself, never by a second read;
* the total rows of the Excel tables (Insert → Table, with Total Row on: ``totalsRowCount="1"`` in the table part
  a sheet links to): the row under the table's data that says ``Total`` (汇总) and its sums or counts, which a
  consolidated sheet would otherwise read as a bidder ``TOTAL`` (:mod:`bideval.bids`). Looked for only in a
  workbook holding a table with a total row;
* whether python-calamine would not find the workbook's parts as the package links them (a workbook part not at
  xl/workbook.xml, a link written ``./worksheets/sheet1.xml``, ``../xl/…`` or ``sheet%201.xml``, all valid): it reads a
  copy of the package relinked as it looks for them (:func:`bideval.xlsx_guard.readable_copy`);
* the error cells whose value python-calamine cannot parse (Excel 365's ``#SPILL!``, ``#CALC!`` …: it refuses the
  whole sheet on one), by worksheet part: python-calamine reads a copy of the package in which each holds one it
  can (:func:`bideval.xlsx_guard.readable_copy`), and the cell is read as its note, as any error cell is.

* the rubric a bid form or score sheet bid-eval wrote was made from (its custom properties: :mod:`bideval.rubric_mark`),
  read from the package's small ``docProps/custom.xml`` as every part is read.

:class:`bideval.sheets.Workbook` holds the notes of the workbook it reads.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Mapping

from .cell_errors import ErrorCells

if TYPE_CHECKING:
    from .rubric_mark import RubricMark

# sheet name → the numbers (from 1, as Excel shows them) of the rows hidden in Excel
HiddenRows = Mapping[str, frozenset[int]]
# sheet name → the numbers (from 1: A is 1) of the columns hidden in Excel, up to the sheet's furthest cell
HiddenColumns = Mapping[str, frozenset[int]]
# worksheet part (its name in the package) → the error cells (row, column, both from 0) whose value python-calamine
# cannot parse
UnparsedErrors = Mapping[str, frozenset[tuple[int, int]]]
# sheet name → the cells (row, column, both from 0) whose font Excel draws struck through, when the cell holds anything
# in the file (an empty cell's <c …/> is not noted; the reader still checks what it read)
StruckCells = Mapping[str, frozenset[tuple[int, int]]]
# sheet name → the cells (row, column, both from 0) whose text Excel draws struck through in part only, each with the
# parts struck (each stretch of struck runs, spaces trimmed), in the order of the text
StruckInPart = Mapping[str, Mapping[tuple[int, int], tuple[str, ...]]]
# sheet name → the cells (row, column, both from 0) whose text Excel draws raised or lowered in part only (superscript,
# subscript: a footnote mark, an exponent), each with the parts raised or lowered, in the order of the text
RaisedInPart = Mapping[str, Mapping[tuple[int, int], tuple[str, ...]]]
# sheet name → the cells (row, column, both from 0) holding something in the file that a conditional format's rule
# may draw struck through, each with that format's range as the sheet writes it (C2:C500)
StruckByRule = Mapping[str, Mapping[tuple[int, int], str]]


@dataclass(frozen=True)
class FormattedCells:
    """The cells of a bid sheet that a number format shows otherwise than General does (``0%``, ``0.00%``: 7 typed is
    stored as 0.07 and shown as 7%; ``000``: 10 shown as 010): by their own cell format (``cells``: each as its format's
    index, column letters and row, ``2C15``, one after another in the sheet's order, a space between; ``formats``:
    each such index's format), or maybe as a percentage by a conditional format (``by_rule``: row and column from 0 →
    its format; whether its rule holds is not worked out). Right in a percent field (0.96 shown as 96%); only the
    reader knows which cells are a price, a number or a count, where a percentage is not the number typed, and which
    are a text or a choice, read as the sheet shows them (:meth:`bideval.sheets.Workbook.formatted_numbers`)."""

    cells: bytes = b""
    formats: Mapping[str, str] = field(default_factory=dict)
    by_rule: Mapping[tuple[int, int], str] = field(default_factory=dict)


# sheet name → its cells shown through a number format other than General (a bid workbook's)
FormattedShown = Mapping[str, FormattedCells]


@dataclass(frozen=True)
class TableTotal:
    """The total row of an Excel table (Total Row on), where the sheet holds it."""

    table: str  # the table's name as Excel shows it (Table1, 表1)
    row: int  # from 1, as Excel shows it
    first: int  # the table's first and last columns, from 1 (A is 1)
    last: int


# sheet name → the total rows of the tables on it, top to bottom
TableTotals = Mapping[str, tuple[TableTotal, ...]]


@dataclass(frozen=True)
class SheetNotes:
    """The package check's notes of a workbook found fine, by sheet name: cells with no usable value, hidden rows and
    hidden columns, cells struck through (wholly or in part, or maybe by a conditional format), tables' total rows;
    and by worksheet part, the error cells python-calamine cannot parse as the package holds them."""

    errors: ErrorCells = field(default_factory=dict)
    hidden_rows: HiddenRows = field(default_factory=dict)
    hidden_columns: HiddenColumns = field(default_factory=dict)
    unparsed_errors: UnparsedErrors = field(default_factory=dict)
    hidden_sheets: frozenset[str] = frozenset()  # the names of the sheets hidden in Excel
    struck: StruckCells = field(default_factory=dict)
    table_totals: TableTotals = field(default_factory=dict)
    struck_in_part: StruckInPart = field(default_factory=dict)
    relink: bool = False  # python-calamine reads a copy of the package relinked as it finds parts
    struck_by_rule: StruckByRule = field(default_factory=dict)
    raised_in_part: RaisedInPart = field(default_factory=dict)
    formatted: FormattedShown = field(default_factory=dict)
    rubric_mark: RubricMark | None = None  # the rubric a bid-eval workbook says it was made from
