"""Parsing one cell into a typed value, with every spelling formats.md allows.

A parser takes what a reader found in a cell (str, int, float, bool, a date,
or None) and returns a typed value, ``None`` for an empty cell, or raises
:class:`ValueProblem` saying what it expected.

>>> parse_money("45万", "CNY")
Decimal('450000')
>>> parse_percent("96%")
Decimal('0.96')
"""
from __future__ import annotations

import enum
import math
import re
import unicodedata
from datetime import date, datetime, time, timedelta
from decimal import Context, Decimal, InvalidOperation, ROUND_HALF_UP
from functools import partial
from typing import TYPE_CHECKING, Any, Callable, Iterable

from .cell_errors import (ConstantFormat, FormattedNumber, HiddenByFormat, InvisibleInk, ShownNumber, TenThousandsFormat,
                          Unreadable)
from .errors import Expected
from .labels import Label
from .patterns import on_first_use

if TYPE_CHECKING:
    from .rubric import Field


class ValueProblem(ValueError):
    """A cell that does not hold a value of the expected type: what was expected (as data) and what was found."""

    def __init__(self, expectation: Expected | str, found: object):
        self.expectation = expectation if isinstance(expectation, Expected) else Expected("text", {"text": expectation})
        self.found = found
        super().__init__(f"expected {expectation}, found {found!r}")

    @property
    def expected(self) -> str:
        """What was expected, in the command line's English."""
        return str(self.expectation)


class FieldType(enum.Enum):
    """The types a bid field may declare."""

    BOOL = "bool"
    INTEGER = "integer"
    NUMBER = "number"
    MONEY = "money"
    PERCENT = "percent"
    TEXT = "text"
    CHOICE = "choice"


TEN_THOUSAND_UNIT = "10k CNY"
_TRUE = {"是", "yes", "true", "y", "1", "✓", "√", "✔"}
_FALSE = {"否", "no", "false", "n", "0", "✗", "×", "✘"}
# Thousands separators only in groups of three, so a European "1,5" is never read as 15.
_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+")
_MONEY = re.compile(  # the currency named before the number or after it (1,728,000 CNY, 1200万元人民币), as in USD;
    # yuan after it as 元 (800,000 yuan: the form's own words, 元 / yuan)
    r"(?P<pre>¥|rmb|cny|人民币)?\s*(?P<num>[^\s万元]+?)\s*(?P<suf>万\s*元|万|元)?(?:\s*(?P<post>rmb|cny|人民币|yuan))?"
)


def normalise(text: str) -> str:
    """NFKC, trimmed, without invisible formatting characters: full-width digits, ``，``, ``％`` and ``￥`` become
    ASCII, and a zero-width space, byte-order mark or soft hyphen pasted into a credit code or a name is dropped, so
    it cannot make one bidder, judge or criterion two; the minus sign − (U+2212, which NFKC keeps) becomes ``-``, so
    ``−18`` is the number −18 (hostile8 H8-3: refused as no number). The form a value is parsed and compared in; free
    text is filed as :func:`typed`.

    >>> normalise(" －18 "), normalise("−18")
    ('-18', '-18')
    """
    if text.isascii() and text.isprintable():  # (NFKC leaves ASCII as it is; no control character, none invisible)
        return text.strip()
    text = unicodedata.normalize("NFKC", text)
    return typed(text if text.isascii() else text.replace("\u2212", "-"))


def typed(text: str) -> str:
    """Free text as it is filed (a text answer, a bidder's name, a judge's comment): trimmed and without invisible
    formatting characters, otherwise as typed — ``①``, ``（``, ``½``, ``℃`` and full-width digits stay as written
    (hostile7 H7-3: NFKC had filed ``北京智汇(中关村)`` for ``北京智汇（中关村）``). Comparisons fold it (:func:`fold`,
    :func:`name_key`), so a condition on it or a name matched against it reads ``（`` as ``(``."""
    if not text.isascii() or not text.isprintable():
        text = _INVISIBLE.sub("", text)
    return text.strip()


# The most characters a person's name keeps once filed (a panel seat's, an account's user name and name): the
# length of the database's columns (bideval/schema.py makes them so); PostgreSQL refuses a longer one, SQLite keeps it.
LONGEST_NAME = 100


def shows_nothing(text: str) -> bool:
    """Whether a text as filed (:func:`typed`) draws nothing on screen: empty, spaces, or the braille pattern blank
    (U+2800, which is neither a space nor a formatting character, and shows as a gap). A name of nothing visible
    names nobody: a judge, a panel member, an account's name (hostile8 H8-4).

    >>> shows_nothing("\u2800"), shows_nothing(" \u2800\u3000"), shows_nothing("王\u2800")
    (True, True, False)
    """
    return not text.replace("\u2800", "").strip()


# Every invisible formatting character (Unicode's category Cf: zero-width spaces and joiners, direction marks,
# the byte-order mark, the soft hyphen…, as Unicode 14 lists them) and every other code point Unicode says to show
# as nothing (Default_Ignorable_Code_Point: the combining grapheme joiner, variation selectors such as the one an
# emoji keyboard adds after ✔, Hangul fillers, Mongolian and Khmer invisible marks); tests/test_values.py checks it.
# And the control characters but tab and line breaks (U+0001 from `_x0001_` in a cell: verify21b, a bidder's name
# that differed from another's by one no one sees; NUL, which PostgreSQL files in no text: verify21a, a traceback).
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u17b4\u17b5"
    "\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0000-\U000e0fff]")


def fold(text: str) -> str:
    """The form two spellings are compared in: NFKC, trimmed, case folded."""
    return normalise(text).casefold()


def name_key(text: str) -> str:
    """A name as a careful reader compares two: NFKC (full- and half-width brackets, digits and letters alike),
    case folded, without spaces.

    >>> name_key(" 北京ＡＢＣ客服（北京）有限公司 ") == name_key("北京abc客服(北京)有限公司")
    True
    """
    return "".join(fold(text).split())


def to_decimal(number: int | float | Decimal) -> Decimal:
    """A number as Decimal, going through ``str`` for floats (0.1 stays 0.1)."""
    if isinstance(number, Decimal):
        return number
    if isinstance(number, float):
        return Decimal(repr(number))
    return Decimal(number)


EXCEL_DIGITS = 15  # the significant digits Excel keeps of a number typed and shows of any number


def cell_decimal(number: int | float) -> Decimal:
    """A spreadsheet cell's number as Decimal, as Excel shows it: a float to 15 significant digits.

    A formula's result is saved as the nearest binary fraction, written with 17 digits: =92.1/100 is saved
    as 0.92099999999999993 and shown as 92.1%, and 92.1% is what the bidder stated (read with 17 digits it
    scored one hundredth less; =0.07*100 read as 7.000000000000001 was "not a whole number"). A typed
    number never has more than 15 digits, so it is read as it was typed (0.1 stays 0.1).

    >>> cell_decimal(0.92099999999999993), cell_decimal(7.000000000000001), cell_decimal(0.1), cell_decimal(12)
    (Decimal('0.921'), Decimal('7'), Decimal('0.1'), Decimal('12'))
    """
    if isinstance(number, float):
        return Decimal(format(number, f".{EXCEL_DIGITS}g"))
    return Decimal(number)


def round_half_up(value: Decimal, decimals: int) -> Decimal:
    """Round half-up in decimal: 2.675 → 2.68. A figure with more digits than Decimal's default 28 (a quote of 32
    digits) is rounded all the same, never refused.

    >>> round_half_up(Decimal("2.675"), 2)
    Decimal('2.68')
    >>> round_half_up(Decimal("1E+30"), 2)
    Decimal('1000000000000000000000000000000.00')
    """
    quantum = _QUANTA[decimals] if decimals < len(_QUANTA) else Decimal(1).scaleb(-decimals)
    try:
        return value.quantize(quantum, rounding=ROUND_HALF_UP)
    except InvalidOperation:  # the rounded figure needs more digits than the context holds
        if not value.is_finite():
            raise
        wide = Context(prec=max(value.adjusted(), 0) + decimals + 2, rounding=ROUND_HALF_UP)
        return value.quantize(quantum, context=wide)


_QUANTA = tuple(Decimal(1).scaleb(-places) for places in range(10))

# What each parser expects, made once: parsers run for every cell of every bid.
_EXPECT_BOOL = Expected("bool")
_EXPECT_PERCENT = Expected("percent")
_EXPECT_TEXT_AS_SHOWN = Expected("text_as_shown")
_EXPECT_INTEGER = {sign: Expected("integer", {"non_negative": sign}) for sign in (False, True)}
_EXPECT_NUMBER = {sign: Expected("number", {"non_negative": sign}) for sign in (False, True)}
_EXPECT_MONEY = {(in_10k, sign): Expected("money", {"unit": TEN_THOUSAND_UNIT if in_10k else None, "non_negative": sign})
                 for in_10k in (False, True) for sign in (False, True)}


# Excel keeps 15 significant digits: a number of 16 digits or more before the point is not the one typed,
# and no tender's amount or count comes near it. A cell beyond it is refused, as a typo or a hostile file.
LARGEST = Decimal(10) ** EXCEL_DIGITS


EXCEL_CELL_CHARACTERS = 32_767  # the most text an Excel cell holds


def _below_largest(value: Decimal, expected: Expected, raw: object) -> Decimal:
    """``value``, or the cell refused when it is LARGEST or more either side of 0."""
    if abs(value) >= LARGEST:
        raise ValueProblem(Expected("below_largest", {"within": expected, "largest": LARGEST}), raw)
    return value


def is_blank(raw: object) -> bool:
    """Whether a cell is empty: nothing, or only spaces."""
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _reject_non_numbers(raw: object, expected: Expected) -> None:
    if isinstance(raw, bool) or isinstance(raw, (date, datetime, time)) or isinstance(raw, Unreadable):
        raise ValueProblem(expected, raw)


def _numeric_text(text: str, expected: Expected, raw: object) -> Decimal:
    """A number written as text: digits, one point, commas between groups of three; a space inside is refused
    (``1 3`` is not 13, nor ``1 200`` 1200: rules say thousands are separated by commas only). Its digits are
    ASCII or full-width: a superscript or circled digit (``10³万``, ``①②``), which NFKC would turn into a plain
    one, or another script's digit, is refused rather than read as a number nobody wrote. A comma after a leading 0
    (``0,500``, ``0,5``, ``0,000``) is refused as :data:`COMMA_AFTER_ZERO`: no thousands separator follows a 0 alone,
    so it is a decimal comma or a slip, and ``0,500`` had been read as 500 and ``0,000`` as 0."""
    if "," in text and text.lstrip("+-")[:1] == "0" and _COMMA_AFTER_ZERO.fullmatch(text) and not _odd(raw):
        raise ValueProblem(comma_after_zero(expected, raw), raw)
    if not _NUMBER.fullmatch(text) or _odd(raw):
        raise ValueProblem(expected, raw)
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        raise ValueProblem(expected, raw) from None


COMMA_AFTER_ZERO = "comma_after_zero"  # the Expected kind of a number written with a comma after a leading 0
_COMMA_AFTER_ZERO = on_first_use(r"[+-]?0+(?:,\d+)+(?:\.\d+)?")


def comma_after_zero(within: Expected, raw: object) -> Expected:
    """What a cell holding ``raw``, a number with a comma after a leading 0, should have held: ``within`` (what the
    cell asks for), written with a decimal point — ``point``, what was written with its one comma made a point
    (``0,500`` → ``0.500``, ``0,5%`` → ``0.5%``), None when it has more commas or a point already.

    >>> number = Expected("number")
    >>> comma_after_zero(number, "０，５%").facts["point"], comma_after_zero(number, "0,5,0").facts["point"]
    ('0.5%', None)
    """
    written = normalise(str(raw))
    point = written.replace(",", ".") if written.count(",") == 1 and "." not in written else None
    return Expected(COMMA_AFTER_ZERO, {"within": within, "point": point})


def said_as(problem: ValueProblem, expected: Expected) -> Expected:
    """What a reader that says ``expected`` of a cell it cannot read says of ``problem``'s cell: ``expected``, but a
    comma after a leading 0 still said as one (:func:`comma_after_zero`, within ``expected``)."""
    if problem.expectation.kind == COMMA_AFTER_ZERO:
        return Expected(COMMA_AFTER_ZERO, {**problem.expectation.facts, "within": expected})
    return expected


def _odd(raw: object) -> bool:
    return isinstance(raw, str) and not raw.isascii() and odd_digits(raw)


def odd_digits(text: str) -> bool:
    """Whether ``text`` holds a digit or number sign other than 0-9 and full-width ０-９."""
    return any(unicodedata.category(c) in _NUMBER_CATEGORIES for c in _MAYBE_ODD_DIGIT.findall(text))


_NUMBER_CATEGORIES = frozenset({"Nd", "No", "Nl"})
_MAYBE_ODD_DIGIT = re.compile("[^\x00-\x7f０-９]")  # (no ASCII character is a digit or number sign but 0-9)


def _number(raw: object, expected: Expected) -> Decimal:
    _reject_non_numbers(raw, expected)
    if isinstance(raw, (int, float)):
        value = cell_decimal(raw)
        if not value.is_finite():
            raise ValueProblem(expected, raw)
        return value
    return _numeric_text(normalise(str(raw)), expected, raw)


def parse_bool(raw: object) -> bool | None:
    """是/否, yes/no, true/false, Y/N, 1/0, ✓/✗, √/× and TRUE/FALSE cells."""
    if is_blank(raw):
        return None
    expected = _EXPECT_BOOL
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, (int, float)) and raw in (0, 1):
        return raw == 1
    if isinstance(raw, str):
        word = fold(raw)
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
    if isinstance(raw, ConstantFormat) and (shown := _shown_as_held(raw)) is not None:
        return shown
    raise ValueProblem(expected, raw)


def _shown_as_held(raw: ConstantFormat) -> bool | None:
    """A 1 or 0 shown through a format of texts alone (``"是";"是";"否"``) as the yes or no it means: the answer,
    when the sheet shows what the cell holds; None when the text shown says otherwise, or the format's conditions
    (``[=0]"是";"否"``) leave which text is shown untold.

    >>> _shown_as_held(ConstantFormat("1", '"是";"是";"否"', "是")), _shown_as_held(ConstantFormat("1", '"否"', "否"))
    (True, None)
    """
    from .number_formats import other_number

    try:
        held = {Decimal(1): True, Decimal(0): False}.get(Decimal(raw.number))
    except InvalidOperation:
        return None
    word = fold(raw.text)
    shown = True if word in _TRUE else False if word in _FALSE else None
    sections = other_number(raw.format)
    if held is None or shown is not held or sections is None or sections.conditional or raw.by_rule:
        return None  # (a conditional format's: whether the sheet shows it is not worked out)
    return shown


def parse_integer(raw: object, non_negative: bool = False) -> int | None:
    """A whole number: a number cell or numeric text such as ``1,234``."""
    if is_blank(raw):
        return None
    expected = _EXPECT_INTEGER[non_negative]
    value = _below_largest(_number(raw, expected), expected, raw)
    if value != value.to_integral_value():
        raise ValueProblem(expected, raw)
    if non_negative and value < 0:
        raise ValueProblem(expected, raw)
    return int(value)


def parse_number(raw: object, non_negative: bool = False) -> Decimal | None:
    """A number: a number cell or numeric text such as ``1,234.5``."""
    if is_blank(raw):
        return None
    expected = _EXPECT_NUMBER[non_negative]
    value = _below_largest(_number(raw, expected), expected, raw)
    if non_negative and value < 0:
        raise ValueProblem(expected, raw)
    return value


def read_number(raw: object) -> Decimal | None:
    """A number as :func:`parse_number` reads it (the same digits, separators and spellings), of any size: for a
    value checked against a range of its own afterwards, whose refusal names the range. None when empty.

    >>> read_number("１２．５"), read_number("1,234"), read_number(10 ** 20)
    (Decimal('12.5'), Decimal('1234'), Decimal('100000000000000000000'))
    """
    if is_blank(raw):
        return None
    return _number(raw, _EXPECT_NUMBER[False])


def parse_money(raw: object, unit: str | None = None, non_negative: bool = False,
                currency: str = "CNY") -> Decimal | None:
    """An amount in the field's unit (yuan, or 10,000 yuan for ``unit: 10k CNY``; or the tender's currency).

    ``¥``/``元`` mark yuan and ``万``/``万元`` mark 10,000 yuan; a bare number is
    already in the field's unit. In another currency, its own marks only
    (``$1,200``, ``USD 1,200``); another currency's notation is refused.

    >>> parse_money("¥12,000,000", TEN_THOUSAND_UNIT)
    Decimal('1200')
    >>> parse_money("$1,200", currency="USD")
    Decimal('1200')
    """
    if is_blank(raw):
        return None
    if currency != "CNY":
        return _foreign_money(raw, currency, non_negative)
    try:
        return _yuan(raw, unit, non_negative)
    except ValueProblem as problem:
        raise _other_notation(raw, "CNY", problem) from None


def _yuan(raw: object, unit: str | None, non_negative: bool) -> Decimal:
    in_10k = unit == TEN_THOUSAND_UNIT
    expected = _EXPECT_MONEY[in_10k, non_negative]
    if in_10k and isinstance(raw, TenThousandsFormat) and _SHOWN_IN_WAN.fullmatch(raw.shown or ""):
        raw = float(raw.number)  # 1200 shown as 1200万元 where the answer is in 万元: the sheet says what the cell holds
    if raw.__class__ is float:  # (a number cell: the checks of other types passed over)
        value = cell_decimal(raw)
        if not value.is_finite():
            raise ValueProblem(expected, raw)
    elif isinstance(raw, (int, float)):  # (TRUE and FALSE refused there)
        value = _number(raw, expected)
    else:
        if raw.__class__ is not str:  # (a text is no TRUE, date or error)
            _reject_non_numbers(raw, expected)
        match = _MONEY.fullmatch(fold(str(raw)))
        if not match:
            raise ValueProblem(expected, raw)
        mark, number, unit, code = match.group("pre", "num", "suf", "post")
        if (code or mark not in (None, "¥")) and not unit and in_10k:
            # 1200 RMB (or RMB 1200) asked in 万元: 1200 yuan, or 1200万 in RMB? (¥ marks yuan, as formats.md says)
            raise ValueProblem(expected, raw)
        value = _numeric_text(number, expected, raw)
        if unit and unit[0] == "万":  # 万, 万元, 万 元
            yuan = value * 10000
        elif mark or unit == "元" or code:
            yuan = value
        else:
            yuan = None
        if yuan is not None:
            value = yuan / 10000 if in_10k else yuan
    if non_negative and value < 0:
        raise ValueProblem(expected, raw)
    _below_largest(value, expected, raw)
    return Decimal(int(value)) if value == value.to_integral_value() else value


_SHOWN_IN_WAN = on_first_use(r"[\d,.]+\s*万元?")  # a number a format only writes 万 or 万元 after (ShownNumber.shown)
_AMOUNT = on_first_use(r"(?P<pre>[^\d\s.,+-]*)\s*(?P<num>[+-]?[\d.,]+)\s*(?P<suf>[^\d\s]*)")


def _foreign_money(raw: object, code: str, non_negative: bool) -> Decimal:
    """An amount in a currency other than yuan: a number, with the currency's own marks around it only."""
    from .currency import currency

    expected = Expected("money", {"unit": None, "non_negative": non_negative, "currency": code})
    _reject_non_numbers(raw, expected)
    if isinstance(raw, (int, float)):
        value = _number(raw, expected)
    else:
        match = _AMOUNT.fullmatch(fold(str(raw)))
        if not match:
            raise _other_notation(raw, code, ValueProblem(expected, raw))
        own = currency(code).notation
        for mark in (match["pre"], match["suf"]):
            if mark and mark not in own:
                raise _other_notation(raw, code, ValueProblem(expected, raw))
        value = _numeric_text(match["num"], expected, raw)
    if non_negative and value < 0:
        raise ValueProblem(expected, raw)
    _below_largest(value, expected, raw)
    return Decimal(int(value)) if value == value.to_integral_value() else value


def _other_notation(raw: object, code: str, problem: ValueProblem) -> ValueProblem:
    """``problem``, saying so when the cell is written in another currency's notation (``$`` in a yuan tender)."""
    from .currency import currency, notation_of

    match = _AMOUNT.fullmatch(fold(str(raw))) if isinstance(raw, str) else None
    marks = [m for m in (match["pre"], match["suf"]) if m] if match else []
    for mark in marks:
        other = notation_of(mark)
        if other is not None and other != code and mark not in currency(code).notation:
            facts = {**problem.expectation.facts, "currency": code, "other": other, "mark": mark}
            return ValueProblem(Expected("money", facts), raw)
    return problem


def parse_percent(raw: object, expected: Expected = _EXPECT_PERCENT) -> Decimal | None:
    """A fraction 0..1: a number cell, ``0.96``, or a percentage ``96%``; refused as ``expected`` (a field's own
    example among its facts: :func:`parser_for`)."""
    if is_blank(raw):
        return None
    _reject_non_numbers(raw, expected)
    if isinstance(raw, str):
        text = normalise(raw)
        if text.endswith("%"):
            value = _numeric_text(text[:-1].rstrip(), expected, raw) / 100  # 96 % as well as 96%
        else:
            value = _numeric_text(text, expected, raw)
    else:
        value = _number(raw, expected)
    if not Decimal(0) <= value <= Decimal(1):
        raise ValueProblem(expected, raw)
    return value


_EXPECT_DISCOUNT_RATE = Expected("discount_rate", {"min": Decimal(0), "below": Decimal(1)})


def parse_discount_rate(raw: object) -> Decimal | None:
    """A 下浮率 as a fraction, read as a percent is (``12%``, ``0.12``, a 12 % cell), at least 0 and below 1: a
    discount of 100 % or more would quote nothing, or less than nothing, and is refused at its cell.

    >>> parse_discount_rate("12%"), parse_discount_rate(0.125), parse_discount_rate(" ")
    (Decimal('0.12'), Decimal('0.125'), None)
    """
    try:
        value = parse_percent(raw)
    except ValueProblem as problem:
        raise ValueProblem(said_as(problem, _EXPECT_DISCOUNT_RATE), raw) from None
    if value is not None and not value < 1:
        raise ValueProblem(_EXPECT_DISCOUNT_RATE, raw)
    return value


def parse_text(raw: object) -> str | None:
    """Any text; a number cell as the sheet shows it in General (``123`` not ``123.0``; the bid reader gives the text
    another format shows, ``010`` for 10 through ``000``), a TRUE or FALSE cell as Excel shows it. A cell showing a
    spreadsheet error, or a formula saved without its result, is no text (``#DIV/0!`` is not an answer).

    >>> parse_text(12.0), parse_text(True), parse_text(" 是 ")
    ('12', 'TRUE', '是')
    """
    if raw.__class__ is str:  # (most cells: the checks below are of other types)
        if not raw.strip():
            return None
        return _within_cell(typed(raw), raw)
    if is_blank(raw):
        return None
    if isinstance(raw, bool):
        return "TRUE" if raw else "FALSE"
    if isinstance(raw, FormattedNumber):
        raise ValueProblem(_EXPECT_TEXT_AS_SHOWN, raw)
    if isinstance(raw, ShownNumber):  # a 万 format, ;;;, invisible ink: the sheet shows other than the cell holds
        hidden = isinstance(raw, (HiddenByFormat, InvisibleInk))
        raise ValueProblem(Expected("text_as_held", {"held": raw.number, "hidden": hidden}), raw)
    if isinstance(raw, Unreadable):
        raise ValueProblem(Expected("not_an_error"), raw)
    if isinstance(raw, (int, float)):
        if isinstance(raw, float) and not math.isfinite(raw):  # not a number, or infinite: no text was typed
            raise ValueProblem(Expected("a_text"), raw)
        if abs(raw) >= LARGEST:  # a credit code typed as a number: its last digits are already gone
            raise ValueProblem(Expected("text_not_long_number", {"digits": EXCEL_DIGITS}), raw)
        if isinstance(raw, float):
            return str(int(raw)) if raw.is_integer() else plain_number(cell_decimal(raw))
    if isinstance(raw, (datetime, date)):
        return raw.isoformat()
    if isinstance(raw, timedelta):  # a cell formatted as a duration ([h]:mm:ss): as Excel shows it, not 45306 days
        return duration_text(raw)
    return _within_cell(typed(str(raw)), raw)


def normalise_vendor_id(raw: str) -> str:
    """The form a credit code is compared and stored in: NFKC, no spaces, upper case."""
    return "".join(normalise(raw).split()).upper()


# The most characters a bidder's code keeps once normalised (the database's columns: bideval/schema.py makes them so).
LONGEST_VENDOR_ID = 64


def parse_vendor_id(raw: object) -> str | None:
    """A bidder's code as typed (:func:`parse_text`), refused when it is longer, once normalised
    (:func:`normalise_vendor_id`), than :data:`LONGEST_VENDOR_ID` characters."""
    text = parse_text(raw)
    length = 0 if text is None else len(normalise_vendor_id(text))
    if length > LONGEST_VENDOR_ID:
        raise ValueProblem(Expected("id_within", {"limit": LONGEST_VENDOR_ID, "length": length}), raw)
    return text


# The most characters a bidder's name keeps (the database's column: bideval/schema.py makes it so; PostgreSQL refuses
# a longer one where SQLite keeps it).
LONGEST_VENDOR_NAME = 300


def parse_vendor_name(raw: object) -> str | None:
    """A bidder's name: any text (:func:`parse_text`) of at most :data:`LONGEST_VENDOR_NAME` characters."""
    text = parse_text(raw)
    if text is not None and len(text) > LONGEST_VENDOR_NAME:
        raise ValueProblem(Expected("name_within", {"limit": LONGEST_VENDOR_NAME, "length": len(text)}), raw)
    return text


def _within_cell(text: str, raw: object) -> str:
    """``text``, or the cell refused when it is longer than a cell holds (not from Excel: the ranked workbook could
    not hold it whole)."""
    if len(text) > EXCEL_CELL_CHARACTERS:
        raise ValueProblem(Expected("text_within", {"limit": EXCEL_CELL_CHARACTERS, "length": len(text)}), raw)
    return text


def duration_text(value: timedelta) -> str:
    """A duration as Excel's ``[h]:mm:ss`` shows it.

    >>> duration_text(timedelta(days=45306)), duration_text(timedelta(hours=1, minutes=5, seconds=7))
    ('1087344:00:00', '1:05:07')
    """
    hours, rest = divmod(int(value.total_seconds()), 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"


def parse_choice(raw: object, choices: tuple[str, ...]) -> str | None:
    """One of ``choices``, compared after NFKC and case folding; the rubric's spelling is kept."""
    text = parse_text(raw)
    if text is None:
        return None
    wanted = fold(text)
    for choice in choices:
        if fold(choice) == wanted:
            return choice
    raise ValueProblem(Expected("choice", {"choices": choices}), raw)


def parser_for(
    kind: FieldType,
    unit: str | None = None,
    choices: tuple[str, ...] = (),
    non_negative: bool = False,
    currency: str = "CNY",
    example: str | None = None,
) -> Callable[[object], Any]:
    """The parser of one field, with its unit, choices, sign rule, the tender's currency and, for a percentage, the
    example its bid form gives (its refusal then gives the same example: ``5%`` for a discount, not ``96%``) bound.

    >>> try:
    ...     parser_for(FieldType.PERCENT, example="5%")("5")
    ... except ValueProblem as problem:
    ...     problem.expected
    'a percentage such as 5% (or a fraction 0..1 such as 0.05)'
    """
    if kind is FieldType.BOOL:
        return parse_bool
    if kind is FieldType.INTEGER:
        return lambda raw: _measured(parse_integer, raw, unit, non_negative)
    if kind is FieldType.NUMBER:
        return lambda raw: _measured(parse_number, raw, unit, non_negative)
    if kind is FieldType.MONEY:
        return lambda raw: parse_money(raw, unit, non_negative, currency)
    if kind is FieldType.PERCENT:
        return parse_percent if example is None else partial(
            parse_percent, expected=Expected("percent", {"example": parse_percent(example)}))
    if kind is FieldType.CHOICE:
        return lambda raw: parse_choice(raw, choices)
    return parse_text


def _measured(parse: Callable[[object, bool], Any], raw: object, unit: str | None, non_negative: bool) -> Any:
    """A number or whole number of a field measured in ``unit``: the bare number, or the number followed by the
    field's own unit as the bid form shows it beside the question, by any of its names (``2小时``, ``2 小时``, ``５年``,
    ``1.5 hours`` for ``unit: h``; :func:`unit_names`, compared after :func:`fold`). Any other text after the number
    is refused, saying to enter the number without a unit.

    >>> _measured(parse_number, "2 小时", "小时", True), _measured(parse_integer, "4份", "份", True)
    (Decimal('2'), 4)
    """
    try:
        return parse(raw, non_negative)
    except ValueProblem as problem:
        if not isinstance(raw, str):
            raise
        expectation = problem.expectation
        number = _without_unit(raw, unit)
        text = raw
        if number is not None:
            try:
                return parse(number, non_negative)
            except ValueProblem as again:  # 2.5份 as a whole number: refused for its number, quoting the cell as typed
                expectation, text = again.expectation, number  # 2千米 in metres: 千 is another word
        if expectation.kind in ("number", "integer") and len(text) <= _HINT_LENGTH \
                and (after := _UNIT_AFTER.fullmatch(normalise(text))) \
                and _reads(parse, after["number"], non_negative):
            expectation = Expected(expectation.kind, {**expectation.facts, "word_after": True, "unit": unit})
        raise ValueProblem(expectation, raw) from None


def _reads(parse: Callable[[object, bool], Any], text: str, non_negative: bool) -> bool:
    try:
        parse(text, non_negative)
    except ValueProblem:
        return False
    return True


# A number followed by a word: 2天, 5 years (text after the number that does not go on with digits).
_UNIT_AFTER = on_first_use(rf"(?P<number>{_NUMBER.pattern})\s*[^\d\s.,+-].*")
_HINT_LENGTH = 64  # a longer cell is a sentence, not a number with its unit: no hint about the unit


# The names of one unit, folded: a field measured in any of them reads a number followed by any other (``1.5小时``
# and ``1.5 hours`` in ``unit: h``), and a bid form's column D naming one of them names that unit (bideval.rubric_mark).
# A unit not listed here has one name, its own.
UNIT_NAMES: tuple[frozenset[str], ...] = tuple(frozenset(names) for names in (
    ("h", "hr", "hrs", "hour", "hours", "小时", "个小时", "钟头", "个钟头"),
    ("min", "mins", "minute", "minutes", "分钟"),
    ("s", "sec", "secs", "second", "seconds", "秒", "秒钟"),
    ("d", "day", "days", "天", "日", "自然日", "calendar day", "calendar days"),
    ("working day", "working days", "workday", "workdays", "business day", "business days", "工作日", "个工作日"),
    ("week", "weeks", "周", "星期", "个星期"),
    ("month", "months", "月", "个月"),
    ("year", "years", "年"),
))
_UNIT_NAMES_OF = {name: names for names in UNIT_NAMES for name in names}


def unit_names(unit: str) -> frozenset[str]:
    """Every name of ``unit`` (:data:`UNIT_NAMES`), folded; its own alone when the table has none.

    >>> sorted(unit_names("Hours"))[:4], unit_names("份")
    (['h', 'hour', 'hours', 'hr'], frozenset({'份'}))
    """
    folded = fold(unit)
    return _UNIT_NAMES_OF.get(folded, frozenset({folded}))


def _without_unit(text: str, unit: str | None) -> str | None:
    """``text`` without a trailing ``unit`` by any of its names (:func:`unit_names`, compared after :func:`fold`,
    so 小时, hours, ｈ and H alike), or None when it does not end in one; what is left is not folded, so its digits
    are checked as typed."""
    names = unit_names(unit) if unit and fold(unit) else frozenset()
    if not names:
        return None
    text = text.rstrip()
    longest = max(len(name) for name in names)
    # Only the last few characters can fold to the unit (a few per folded code point, as combining marks compose,
    # plus some invisible ones), so a 32,767-character cell is not folded 32,767 times.
    for cut in range(max(1, len(text) - 4 * longest - 18), len(text)):  # the longest name first: 个小时, not 小时
        if fold(text[cut:]) in names:
            return text[:cut] if text[:cut].strip() else None
    return None


def plain_number(value: Decimal) -> str:
    """A number as people write it: no exponent, no trailing zeros.

    >>> plain_number(Decimal("3E+1")), plain_number(Decimal("5.10")), plain_number(Decimal("0.00"))
    ('30', '5.1', '0')
    """
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def point_x_text(x: Decimal, percent: bool) -> str:
    """A linear criterion's x as the rubric writes it: ``92%`` on a percent field (not 0.92), else the number.

    >>> point_x_text(Decimal("0.0105"), True), point_x_text(Decimal("3"), False)
    ('1.05%', '3')
    """
    return f"{plain_number(x * 100)}%" if percent else plain_number(x)


def points_text(points: Iterable[tuple[Decimal, Decimal]], percent: bool) -> str:
    """Linear points as YAML writes them: ``[[92%, 7], [96%, 10]]``."""
    return "[" + ", ".join(f"[{point_x_text(x, percent)}, {plain_number(y)}]" for x, y in points) + "]"


def grouped_number(value: Decimal) -> str:
    """:func:`plain_number` with thousands separators: ``28,000``, ``1,234.5``.

    >>> grouped_number(Decimal("28000")), grouped_number(Decimal("1234.50")), grouped_number(Decimal("0.5"))
    ('28,000', '1,234.5', '0.5')
    >>> grouped_number(Decimal("-1234567.125")), grouped_number(Decimal("3E+1")), grouped_number(Decimal("-0.00"))
    ('-1,234,567.125', '30', '0')
    """
    if not value:
        return "0"  # not -0
    return decimal_text(value, -min(0, int(value.as_tuple().exponent)), least=0, grouped=True)


def number_as_shown(number: float | Decimal) -> str:
    """A cell's number as the sheet shows it, for a message to quote: to 15 significant digits (:func:`cell_decimal`),
    with no trailing zeros; a negative zero keeps its sign, so a message quotes the -0 it refuses, not a 0 it would
    have taken. A number with more than 16 digits before the point, or 5 zeros or more after it, keeps its exponent
    (``1e+300``), as a sheet's General format shows one too.

    >>> number_as_shown(3.0), number_as_shown(-1.0), number_as_shown(-0.0), number_as_shown(0.92099999999999993)
    ('3', '-1', '-0', '0.921')
    >>> number_as_shown(Decimal("16.50")), number_as_shown(Decimal("1E+3")), number_as_shown(1e300)
    ('16.5', '1000', '1e+300')
    """
    value = cell_decimal(number) if isinstance(number, float) else number
    if not value.is_finite() or not (value.is_zero() or -6 < value.adjusted() < 16):
        return str(number)
    return "-0" if value.is_zero() and value.is_signed() else plain_number(value)


def money_text(amount: Decimal) -> str:
    """Yuan with thousands separators and two decimals: ``1,234,567.00``."""
    return f"{round_half_up(amount, 2):,.2f}"


def decimal_text(value: Decimal, places: int, least: int | None = None, grouped: bool = False) -> str:
    """``value`` rounded half-up to ``places`` decimals, as the JSON, the workbook and the report give it (never
    ``round(float)`` nor ``format(Decimal, ".2f")``, which round 8.33335 and 5.745 down); ``least``: trailing zeros
    dropped down to that many decimals (a workbook's ``0.00##``); ``grouped``: thousands separators.

    >>> decimal_text(Decimal("8.33335"), 4), decimal_text(Decimal("5.745"), 2), decimal_text(Decimal("7"), 2)
    ('8.3334', '5.75', '7.00')
    >>> decimal_text(Decimal("1200.125"), 6, least=2, grouped=True), decimal_text(Decimal("1200"), 6, 2, True)
    ('1,200.125', '1,200.00')
    """
    rounded = round_half_up(value, places)
    text = f"{rounded:,f}" if grouped else f"{rounded:f}"
    if least is not None and "." in text:
        whole, fraction = text.split(".")
        fraction = fraction.rstrip("0").ljust(least, "0")
        text = f"{whole}.{fraction}" if fraction else whole
    return text


# An amount in 万 is shown to the cent: 6 decimals at most, 2 at least (the bid form's #,##0.00## shows 2 to 4).
TEN_THOUSANDS_PLACES = 6


def unit_label(field: "Field") -> Label | None:
    """The unit a field's value is given in, in both languages: the tender's currency (or 万 of it) for money,
    a percentage, the rubric's unit of a measured field; None when it has none.

    >>> from bideval.rubric import Field
    >>> unit_label(Field("price", Label("报价", "Price"), FieldType.MONEY, currency="USD"))
    Label(zh='美元', en='US dollars')
    >>> unit_label(Field("capital", Label("注册资本", "Capital"), FieldType.MONEY, unit=TEN_THOUSAND_UNIT))
    Label(zh='万元', en='10,000 yuan')
    """
    from .currency import currency

    if field.type is FieldType.MONEY:
        name = currency(field.currency).name
        return Label(f"万{name.zh}", f"10,000 {name.en}") if field.unit == TEN_THOUSAND_UNIT else name
    if field.type is FieldType.PERCENT:
        return Label("百分比（如 96%，或 0.96）", "percent (96%, or 0.96)")
    return Label(field.unit, field.unit) if field.unit else None


def value_text(field: "Field", value: Any, lang: str) -> str:
    """A bid's value of ``field`` as people read it in ``lang`` (its unit is :func:`unit_label`'s): money with
    thousands separators to the cent, rounded half-up (an amount in 万 keeps its cents: 1,200.125 万元); a percentage
    with %; yes or no; a whole number with separators; a pricing model by its label; empty for no value.

    >>> from bideval.rubric import Field
    >>> price = Field("price", Label("报价", "Price"), FieldType.MONEY)
    >>> value_text(price, Decimal("10.125"), "en"), value_text(price, None, "en")
    ('10.13', '')
    >>> value_text(Field("capital", Label("注册资本", "Capital"), FieldType.MONEY, unit=TEN_THOUSAND_UNIT),
    ...            Decimal("1200.125"), "zh")
    '1,200.125'
    >>> value_text(Field("accuracy", Label("正确率", "Accuracy"), FieldType.PERCENT), Decimal("0.945"), "en")
    '94.5%'
    """
    if value is None:
        return ""
    label = getattr(value, "label", None)
    if isinstance(label, Label):  # a pricing model
        return label.text(lang)
    if isinstance(value, bool) or field.type is FieldType.BOOL:
        return ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")
    if field.type is FieldType.MONEY:
        if field.unit == TEN_THOUSAND_UNIT:
            return decimal_text(Decimal(value), TEN_THOUSANDS_PLACES, least=2, grouped=True)
        return money_text(Decimal(value))
    if field.type is FieldType.PERCENT:
        return plain_number(Decimal(value) * 100) + "%"
    if field.type is FieldType.INTEGER:
        return f"{int(value):,}"
    if field.type is FieldType.NUMBER:
        return plain_number(Decimal(value))
    return str(value)
