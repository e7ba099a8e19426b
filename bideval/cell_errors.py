"""Cells that hold no value a reader can use, though they are not empty.

* A cell that shows a spreadsheet error (``#DIV/0!``, ``#N/A``, ``#REF!`` …): a :class:`CellError`.
* A formula with no saved result (:class:`UncalculatedFormula`): a workbook written by a program that does
  not calculate (openpyxl, a script) stores ``=B2*12`` without its value; Excel works it out on opening,
  a reader cannot.
* A number shown through a format that writes a unit the number is not in (a :class:`ShownNumber`):

  - 万 or 亿 (:class:`TenThousandsFormat`): whether the stored number is in yuan or in 万 yuan depends on how
    the format is written, and a person reads what it shows;
  - another scale (:class:`ScaleWordFormat`): 千, K, M, million … (``#,##0"千元"`` shows 1,980 as 1,980千元,
    1,980,000 yuan), for the same reason as 万;
  - the % sign as text (:class:`LiteralPercentFormat`): ``0.00"%"`` shows 1 as 1.00%, but the cell holds 1,
    which is 100 %; only a real % (``0.00%``) shows 0.01 as 1.00%;
  - a percentage (:class:`PercentFormat`) in a cell that holds no percentage: a score cell formatted ``0%`` shows
    0.04 as 4%, so a judge who typed 4 there reads 4 on screen, while the cell holds 0.04; so a bid's price, number
    or count (a bid's percent field reads its cell as stored: 0.96 shown as 96% is the 96 % meant). A panel's are
    noted by the package check; a bid's by the bid reader, which alone knows which cell is which field
    (:meth:`bideval.sheets.Workbook.formatted_numbers`);
  - in a text or choice field, a number shown through a format bid-eval does not show exactly
    (:class:`FormattedNumber`): the answer is what the sheet shows, which cannot be told; one it shows exactly
    (``000`` shows 10 as 010) is read as shown, by the bid reader;
  - another number without a unit word: a section with only text (:class:`ConstantFormat`: ``"1,980,000"`` shows
    990,000 as 1,980,000, ``"否"`` shows 1 as 否), or commas after the last digit (:class:`DividedFormat`:
    ``#,##0,`` shows 15,500 as 16);
  - nothing at all (:class:`HiddenByFormat`: ``;;;``), or a value drawn in its background's colour
    (:class:`InvisibleInk`: white on no fill, ``[White]General``, a white run of rich text): nobody sees it;
  - another currency than the tender's (:class:`OtherCurrencyFormat`): ``"$"#,##0.00`` in a yuan tender shows
    1,200 as $1,200.00, a price in dollars, so the number is not an amount in yuan, and converting it is not
    the reader's to do.
* A value written where python-calamine does not take it (:class:`MisplacedValue`): an inline-text cell
  (``t="inlineStr"``) whose text is in ``<v>`` rather than ``<is>``, a value written before the cell's formula, two
  values in one cell. python-calamine reads such a cell as empty (or as its last value), and what Excel shows for
  markup outside the file format's order (a formula, then one value) is not known.
* A shared-text cell (``t="s"``) whose reference to the workbook's shared strings is not a whole number
  (:class:`OddStringIndex`): ``<v>+1</v>``, ``<v> 1</v>``, ``<v>1.0</v>``, ``<v>x</v>``, ``<v>&#49;</v>``, or one
  past any count (2⁶⁴ and more). Excel never writes one; python-calamine reads such a cell as the first shared string
  (another cell's text: often a header's) or, when the value starts with an entity, as empty, without a word. A
  damaged or crafted file, refused at the cell.
* A formula whose saved result is a placeholder (:class:`PlaceholderResult`): xlsxwriter and other writers
  that do not calculate save ``0`` as every formula's result unless told one, and ask the spreadsheet
  program to calculate the whole workbook when it opens it. Excel then shows the real result; a reader
  would see the 0.

python-calamine reads an error and a formula without a result as an empty string (python-calamine#105), a
placeholder as 0 and a formatted number as the bare number, so a price whose formula failed or was never worked
out would look like an answer left blank or a real 0 (the bid invalid for a missing or non-positive price, or a
count scored 0, without a word about the formula), and a price in 万, in thousands or in dollars like one in yuan
(or 1.00% as 100 %). The package check (:mod:`bideval.xlsx_guard`) reads every worksheet's XML to its end
anyway; it notes each such cell, and :meth:`bideval.sheets.Workbook.rows` puts the object in that cell's place.
No parser accepts one, so the cell is refused with what it holds named, like any other wrong value.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, Mapping

from .patterns import on_first_use

# A number format that only writes the number and a unit after it: 0"万", 0.00"万元", #,##0.00"万元", 0.0\% (not one
# that moves the point, 0!.0000"万元", nor one with sections or colours: what they show is not worked out here).
_NUMBER_AND_UNIT = on_first_use(r'(#,##)?0(?:\.(0+))?(?:"([^"]*)"|((?:\\.)+))')


@dataclass(frozen=True)
class CellError:
    """A cell that shows a spreadsheet error; ``str()`` is the error as Excel shows it."""

    text: str  # '' when the file does not say which error

    def __str__(self) -> str:
        return self.text or "#ERROR"


# The error values python-calamine parses, exactly as a cell's <v> must hold them (calamine's CellErrorType::from_str in
# src/xlsx/mod.rs, calamine 0.37 under python-calamine 0.9: no other spelling, no space around). Any other value of an
# error cell makes it fail the whole sheet ("Unsupported cell error value"): Excel 365's #SPILL!, #CALC!, #FIELD!,
# #BLOCKED!, #CONNECT!, #BUSY!, #UNKNOWN!, #PYTHON!, #EXTERNAL!, #GETTING_DATA … So python-calamine reads a copy of
# such a workbook in which each is replaced by STAND_IN_ERROR (:func:`bideval.xlsx_guard.readable_copy`), while the
# cell's CellError, noted from the original, keeps what Excel shows.
CALAMINE_ERRORS = frozenset({"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!"})
STAND_IN_ERROR = "#N/A"


@dataclass(frozen=True)
class UncalculatedFormula:
    """A formula cell saved without its result; ``str()`` is the formula as Excel shows it."""

    formula: str

    def __str__(self) -> str:
        return f"={self.formula}"


@dataclass(frozen=True)
class PlaceholderResult:
    """A formula cell saved with the result 0 in a workbook that no spreadsheet program has calculated: the
    workbook asks to be calculated in full when opened and has no calculation chain, which Excel writes
    whenever it saves formulas. ``str()`` is the formula as Excel shows it."""

    formula: str

    def __str__(self) -> str:
        return f"={self.formula}"


@dataclass(frozen=True)
class MisplacedValue:
    """A cell whose value is written where python-calamine does not take it; ``str()`` is the value as written."""

    value: str  # the first value the cell's markup writes ('' when it writes only a formula after an empty one)
    markup: str  # how: inline_in_v (an inline-text cell's text in <v>), before_v (before an inline-text cell's last
    # <v>), before_formula, two_values

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class OddStringIndex:
    """A shared-text cell (``t="s"``) whose shared-string reference is not a whole number python-calamine reads as
    written; ``str()`` is the reference as the file writes it (entities not replaced: ``&#49;``)."""

    text: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class ShownNumber:
    """A number cell shown through a number format that writes a unit the number is not in: what the sheet shows is
    not the number a reader gets. ``str()`` says the number (as the sheet shows it) and the format.

    ``by_rule``: the format is a conditional format's (Home > Conditional Formatting), not the cell's own: Excel shows
    the cell through it whenever the rule holds, which is not worked out here (the cell is refused all the same)."""

    number: str
    format: str
    by_rule: bool = field(default=False, kw_only=True)

    def __str__(self) -> str:
        return f"{self.number} [{self.format}]"

    @property
    def shown(self) -> str | None:
        """What the sheet shows, when the format only writes the number and a unit after it (4 through ``0"万"``
        is 4万); None for any other format.

        >>> TenThousandsFormat("172.8", '#,##0.00"万元"').shown, TenThousandsFormat("4", '0!.0000"万元"').shown
        ('172.80万元', None)
        >>> ScaleWordFormat("1980", '#,##0"千元"', "千").shown, LiteralPercentFormat("96", '0.0\\\\%', "%").shown
        ('1,980千元', '96.0%')
        """
        match = _NUMBER_AND_UNIT.fullmatch(self.format)
        if match is None:
            return None
        try:  # Excel rounds half away from zero
            shown = Decimal(self.number).quantize(Decimal(1).scaleb(-len(match.group(2) or "")), ROUND_HALF_UP)
        except InvalidOperation:  # not a number as the file saved it
            return None
        unit = match.group(3) if match.group(3) is not None else match.group(4)[1::2]
        return f"{shown:,f}{unit}" if match.group(1) else f"{shown:f}{unit}"


@dataclass(frozen=True)
class TenThousandsFormat(ShownNumber):
    """A number shown through a number format that writes 万 or 亿 (``0.00"万元"``): the format may only add the
    text (172.8 shown as 172.80万元, meaning 1,728,000 yuan) or move the point too (``0!.0000"万元"``: 12,345,678
    shown as 1234.5678万元), so the stored number means yuan or 万 yuan and cannot be taken either way."""


@dataclass(frozen=True)
class ScaleWordFormat(ShownNumber):
    """A number shown through a number format that writes a scale other than 万 or 亿: 千, 百万, K, M, B, million…
    (``#,##0"千元"``: 1,980 shown as 1,980千元, meaning 1,980,000 yuan). As with 万, the format may only add the word
    or divide too (``#,##0,"K"``: 1,980,000 shown as 1,980K), so the stored number means units or thousands (or
    millions…) and cannot be taken either way."""

    word: str  # the scale word as the format writes it: 千, K, million


@dataclass(frozen=True)
class LiteralPercentFormat(ShownNumber):
    """A number shown through a number format that writes the % sign (or ‰) as text, ``0.00"%"`` or ``0.0\\%``:
    1 is shown as 1.00%, but the cell holds 1, which as a fraction is 100 %. Only a real % (``0.00%``, unquoted)
    makes Excel multiply by 100 to show it, so 1.00% is stored as 0.01."""

    sign: str  # the sign as the format writes it: %, ％, ‰

    @property
    def meant(self) -> Decimal | None:
        """The fraction the sheet shows: 0.01 for 1 shown as 1%, 0.0015 for 1.5 shown as 1.5‰.

        >>> LiteralPercentFormat("1", '0"%"', "%").meant, LiteralPercentFormat("1.5", '0.0"‰"', "‰").meant
        (Decimal('0.01'), Decimal('0.0015'))
        """
        try:
            number = Decimal(self.number)
        except InvalidOperation:
            return None
        return number.scaleb(-{"‰": 3, "‱": 4}.get(self.sign, 2))


@dataclass(frozen=True)
class OtherCurrencyFormat(ShownNumber):
    """A number shown through a number format that writes a currency other than the tender's (``"$"#,##0.00`` in a
    yuan tender: 1200 shown as $1,200.00)."""

    currency: str  # the ISO 4217 code of the currency the format writes
    tender: str  # the tender's


@dataclass(frozen=True)
class PercentFormat(ShownNumber):
    """A number shown through a percent format (``0%``, ``0.00%``): 0.04 is shown as 4%. A score, a price, a number or
    a count is no percentage, and Excel stores 4 typed into such a cell as 0.04, so the number read is not the one the
    judge or the bidder saw. A bid's percent field reads its cell as stored, never as one of these.

    >>> PercentFormat("0.04", "0%").shown
    '4%'
    """

    @property
    def shown(self) -> str | None:
        match = _PERCENT_ONLY.fullmatch(self.format)
        if match is None:
            return None
        try:  # Excel rounds half away from zero
            shown = (Decimal(self.number) * 100).quantize(Decimal(1).scaleb(-len(match.group(1) or "")),
                                                          ROUND_HALF_UP)
        except InvalidOperation:
            return None
        return f"{shown:f}%"


@dataclass(frozen=True)
class ConstantFormat(ShownNumber):
    """A number shown through a number format whose section for it has no digit placeholder, only text
    (``"1,980,000"``, ``"15.5"``, ``"否"``): the sheet shows that text whatever the cell holds (990,000 shown as
    1,980,000; 1 shown as 否).

    >>> ConstantFormat("990000", '"1,980,000"', "1,980,000").shown
    '1,980,000'
    """

    text: str  # what the sheet shows

    @property
    def shown(self) -> str | None:
        return self.text


@dataclass(frozen=True)
class DividedFormat(ShownNumber):
    """A number shown through a number format with a comma after its last digit placeholder (``#,##0,``): Excel
    divides the number by 1,000 for each such comma to show it, so 15,500 is shown as 16, with no unit word."""

    thousands: int  # how many commas: the number is shown divided by 1,000 that many times
    shows: str  # what the sheet shows

    @property
    def shown(self) -> str | None:
        return self.shows

    @property
    def divisor(self) -> int:
        """What the number is divided by to be shown: 1,000 for one comma, 1,000,000 for two.

        >>> DividedFormat("15500", "#,##0,", 1, "16").divisor
        1000
        """
        return 1000 ** self.thousands


@dataclass(frozen=True)
class RoundedFormat(ShownNumber):
    """A panel sheet's score shown through a number format with fewer decimal places than it has (4.25 through ``0.0``
    is shown 4.3, through ``0`` 4): the judge sees one score and another would be read. (A bid's figure is read as
    stored, as Excel computes with it; a score is what the judge gave, and the sheet the panel signs shows it.)"""

    shows: str  # what the sheet shows

    @property
    def shown(self) -> str | None:
        return self.shows


@dataclass(frozen=True)
class HiddenByFormat(ShownNumber):
    """A value shown as nothing through its number format (``;;;``): the cell looks empty on screen but keeps its
    value, so reading it would take what nobody saw, as a hidden row's."""

    @property
    def shown(self) -> str | None:
        return ""


@dataclass(frozen=True)
class FormattedNumber(ShownNumber):
    """A number in a text or choice field shown through a number format bid-eval does not show exactly as Excel does
    (``0.0E+00``, ``0" 号"``, sections, or a conditional format's, which may or may not hold): the answer is the text
    on screen (10 through ``000`` is 010), and what that is cannot be told here. A format it shows exactly is read as
    shown (:func:`bideval.number_formats.excel_text`)."""


@dataclass(frozen=True)
class InvisibleInk(ShownNumber):
    """A value drawn in the colour of its cell's background (white on no fill, yellow on a yellow fill): the cell
    looks empty on screen, or shows only part of its value, while a reader would take all of it, as a hidden row's.
    The colour is the font's (``format`` ''), a number format's section's (``[White]General``: ``format`` says it), or
    a run's of rich text (``parts``: the text of the runs drawn so, when another run is seen: ``2`` and a white
    ``1`` is 21 read, 2 seen)."""

    ink: str  # the text's colour, six hex digits (FFFFFF)
    fill: str  # the colour of the cell's solid fill; '' for no fill (the sheet's white shows)
    parts: tuple[str, ...] = ()  # the parts unseen, when the rest is seen

    @property
    def shown(self) -> str | None:
        return None if self.parts else ""


_PERCENT_ONLY = on_first_use(r"0(?:\.(0+))?%")  # 0%, 0.00%: the built-in percent formats and their like

Unreadable = (CellError | UncalculatedFormula | PlaceholderResult | MisplacedValue | OddStringIndex
              | TenThousandsFormat | ScaleWordFormat | LiteralPercentFormat | OtherCurrencyFormat | PercentFormat
              | HiddenByFormat | ConstantFormat | DividedFormat | RoundedFormat | FormattedNumber | InvisibleInk)
# sheet name → (row, column), both from 0 → what stands in that cell's place
ErrorCells = Mapping[str, Mapping[tuple[int, int], Unreadable]]


def put_errors(rows: list[list[Any]], errors: Mapping[tuple[int, int], Unreadable]) -> list[list[Any]]:
    """``rows`` (a sheet read from A1) with each unreadable cell's object in its place. python-calamine ends a sheet
    at its last cell with a value, so a row or column of such cells only past it is added ('' around it): a
    Judges row holding only ``=NA()`` is a row that names nobody, not no row at all."""
    for (row, column), found in errors.items():
        if isinstance(found, ShownNumber) and not found.number:  # a text cell shown through a format's text section
            held = rows[row][column] if row < len(rows) and column < len(rows[row]) else ""
            if held is None or held == "":
                continue
            found = replace(found, number=held if isinstance(held, str) else format(held, ".15g"))
        while row >= len(rows):
            rows.append([])
        if column >= len(rows[row]):
            rows[row].extend([""] * (column + 1 - len(rows[row])))
        rows[row][column] = found
    return rows
