"""What an Excel number format writes around a number, beside the digits: the text a person reads there.

A reader gets the number stored; a person reads what the format shows. Most formats only change how a number
looks (``#,##0.00``, ``0.00%``, ``"¥"#,##0.00``, ``0.00" kg"``), but some write a unit the stored number is
not in: a scale (``#,##0"千元"`` shows 1,980 as 1,980千元, 1,980,000 yuan), a % sign as text (``0.00"%"`` shows
1 as 1.00%, while the cell holds 1, which is 100 %), or a currency (:func:`bideval.currency.format_marks`).
This module finds the first two in a format's literal text: quoted text, escaped characters, a locale's
symbol and characters that are not format codes. What a format's codes do themselves (``0.00%`` multiplies by
100, ``#,##0,`` divides by 1,000) is Excel's, not text.

>>> scale_written('#,##0"千元"'), scale_written('0.000"M"'), scale_written('0.00" kg"'), scale_written('0"千克"')
('千', 'M', None, None)
>>> percent_written('0.00"%"'), percent_written('0.0\\\\%'), percent_written('0.00%')
('%', '%', None)
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .labels import Label
from .patterns import on_first_use

# A format's parts: "quoted text", \x, [$symbol-locale], and characters that are not format codes ($, €, 元…);
# [Red], [>100], _x (a space as wide as x) and *x (x repeated to fill) write no text; a lone % is a real percent.
_FORMAT_PART = re.compile(r'"([^"]*)"?|\\(.)|\[\$([^\]-]*)[^\]]*\]|\[[^\]]*\]?|[_*].?|(.)', re.DOTALL)


def literal_texts(number_format: str) -> list[str]:
    """The text a number format writes as it stands, each run of it one piece: quoted text, escaped characters,
    a locale's symbol (``[$€-407]``) and characters that are not format codes (``$``, ``€``, ``元``); pieces
    next to each other are one (``\\U\\S\\D`` writes USD).

    >>> literal_texts('#,##0.00\\\\ \\\\U\\\\S\\\\D'), literal_texts('"US$"#,##0" / 港元"'), literal_texts('0.00%')
    ([' USD'], ['US$', ' / 港元'], [])
    """
    pieces: list[str] = []
    ended = -1  # where the last literal part ended
    for match in _FORMAT_PART.finditer(number_format):
        quoted, escaped, symbol, single = match.groups()
        if single is not None and single != "$" and single.isascii():
            continue  # a format code: 0 # , . % E …
        text = next((t for t in (quoted, escaped, symbol, single) if t is not None), None)
        if text is None:
            continue  # [Red], _), *-: writes no text, and parts either side of it are apart
        if match.start() == ended and pieces:
            pieces[-1] += text
        else:
            pieces.append(text)
        ended = match.end()
    return [piece for piece in pieces if piece]


# -- a scale: the stored number may be in units, or in thousands, millions … (the format may also divide by them)

# 千 before these is a unit of measure (千克 kg, 千米 km, 千瓦 kW …), not a thousand of something; 千分 is per mille.
_MEASURED = "克米瓦帕卡焦赫伏牛安欧升兆字比位周秒分"
_CHINESE_SCALE = on_first_use(rf"[十百千][万亿]|[万亿]|千(?![{_MEASURED}])")
# Latin scale words, each a word of its own ("kg", "km", "MB" and " months" are not scales); K, M and B in the
# case that means a scale (m is metres, b bits); W or w, the colloquial 万 (247.2W is 2,472,000).
_LATIN_SCALE = on_first_use(r"(?<![A-Za-z0-9])(?:[Kk]|M|B|[Ww]|(?i:mn|mln|bn|thousands?|millions?|billions?"
                            r"|trillions?))(?![A-Za-z0-9])")

SCALES = {  # a scale word, folded → how much it counts, in words
    "十万": Label("十万", "hundreds of thousands"), "百万": Label("百万", "millions"),
    "千万": Label("千万", "tens of millions"), "十亿": Label("十亿", "billions"), "百亿": Label("百亿", "tens of billions"),
    "千亿": Label("千亿", "hundreds of billions"), "万": Label("万", "tens of thousands"),
    "亿": Label("亿", "hundreds of millions"), "千": Label("千", "thousands"), "k": Label("千", "thousands"),
    "thousand": Label("千", "thousands"), "thousands": Label("千", "thousands"), "m": Label("百万", "millions"),
    "mn": Label("百万", "millions"), "mln": Label("百万", "millions"), "million": Label("百万", "millions"),
    "millions": Label("百万", "millions"), "b": Label("十亿", "billions"), "bn": Label("十亿", "billions"),
    "billion": Label("十亿", "billions"), "billions": Label("十亿", "billions"),
    "trillion": Label("万亿", "trillions"), "trillions": Label("万亿", "trillions"), "w": Label("万", "tens of thousands"),
}


def scale_written(number_format: str) -> str | None:
    """The first scale word a number format writes, as written: 万 or 亿 (and 十万, 百万, 千万 …), 千 counting money
    or things (``"千元"``, ``"千美元"``, not ``"千克"``), or K, M, B, W (万), mn, bn, thousand(s), million(s),
    billion(s) as words of their own.

    >>> scale_written('#,##0.00"K"'), scale_written('#,##0,\\\\k'), scale_written('0" thousand"'), scale_written('0.0"W"')
    ('K', 'k', 'thousand', 'W')
    >>> scale_written('0"百万元"'), scale_written('0"千万"'), scale_written('0.0"万千瓦"')
    ('百万', '千万', '万')
    >>> scale_written('0" months"'), scale_written('0.0"km"'), scale_written('0"千瓦时"'), scale_written('0.00 "MB"')
    (None, None, None, None)
    """
    for piece in literal_texts(number_format):
        text = unicodedata.normalize("NFKC", piece)
        found = [m for m in (_CHINESE_SCALE.search(text), _LATIN_SCALE.search(text)) if m is not None]
        if found:
            return min(found, key=lambda m: m.start()).group()
    return None


def scale_name(word: str) -> Label:
    """How much a scale word counts, in words: 千 / thousands for ``K``."""
    return SCALES[unicodedata.normalize("NFKC", word).casefold()]


# -- a % sign written as text: Excel multiplies by 100 only for a real %, so 1 shown as 1.00% is stored as 1

_SIGNS = "%％﹪‰‱"


def sections_of(number_format: str) -> list[str]:
    """A number format's sections (positive; negative; zero; text), split at each ``;`` that is a code, not text.

    >>> sections_of('0.00;"a;b"0;;@'), sections_of("General")
    (['0.00', '"a;b"0', '', '@'], ['General'])
    """
    sections, start = [], 0
    for match in _FORMAT_PART.finditer(number_format):
        if match.group(4) == ";":
            sections.append(number_format[start:match.start()])
            start = match.end()
    sections.append(number_format[start:])
    return sections


def text_section(number_format: str) -> str | None:
    """The section of a number format that shows a text cell, when it writes something around the text: the
    section holding ``@`` (the text itself), the last of four. None when text is shown as typed.

    >>> text_section('@"万元"'), text_section('0.00;-0.00;0;@" 美元"'), text_section("0.00"), text_section('@')
    ('@"万元"', '@" 美元"', None, None)
    """
    for section in sections_of(number_format):
        if any(match.group(4) == "@" for match in _FORMAT_PART.finditer(section)):
            return section if literal_texts(section) else None
    return None


def hides(number_format: str) -> tuple[bool, bool]:
    """Whether a number format shows nothing for a number, and for a text: ``;;;`` (every section empty), the way
    a cell is blanked out on screen while it keeps its value. A format that hides only zeros (``0;-0;;@``) is not
    counted: its numbers show.

    >>> hides(";;;"), hides(";;"), hides("0;-0;;@"), hides('0.00;;;'), hides("General")
    ((True, True), (True, False), (False, False), (False, True), (False, False))
    """
    sections = sections_of(number_format)
    if len(sections) < 2:
        return False, False
    numbers = all(not section.strip() for section in sections[:3])
    return numbers, len(sections) >= 4 and not sections[3].strip()


def real_percent(number_format: str) -> bool:
    """Whether a number format has a real % (unquoted, unescaped): Excel shows the number times 100 with a % sign,
    so a cell showing 4% holds 0.04.

    >>> real_percent("0%"), real_percent("0.00%;[Red]-0.00%"), real_percent('0.00"%"'), real_percent("0.0\\\\%")
    (True, True, False, False)
    """
    return any(match.group(4) == "%" for match in _FORMAT_PART.finditer(number_format))


def percent_written(number_format: str) -> str | None:
    """The % sign (or ‰) a number format writes as text, as written, when it has no real % (a ``%`` unquoted,
    which multiplies the number by 100 to show it: 0.01 through ``0.00%`` is 1.00%).

    >>> percent_written('0.0"％"'), percent_written('0.00%" %"'), percent_written('0.0"‰"'), percent_written("0.00")
    ('％', None, '‰', None)
    """
    if real_percent(number_format):
        return None
    for piece in literal_texts(number_format):
        sign = next((c for c in piece if c in _SIGNS), None)
        if sign is not None:
            return sign
    return None


# -- another number than the one stored: a section that shows a constant, or commas that divide by 1,000

# What shows the number itself in a section: a digit placeholder, General, @, or a date or time code (a date format
# shows the number as a date, which the reader reads as one); [h], [mm], [ss]: elapsed time.
_SHOWS_NUMBER = re.compile(r"[0#?@yYmMdDhHsSeEgGbB]")
_ELAPSED = on_first_use(r"\[(?:h+|m+|s+)\]", re.IGNORECASE)
_CONDITION = re.compile(r"\[\s*(?:[<>]=?|=|<>)")
# A zero section's text that means zero or nothing (``_-¥* "-"??_-`` shows a dash, ``0;-0;"否"`` 否 for 0)
_MEANS_NOTHING = on_first_use(r"[\s\-‐‑‒–—―−_.·0]*|零|无|否|no|none|nil")


@dataclass(frozen=True)
class SectionShows:
    """What one section of a number format shows in place of the number it is given: a constant (its literal text,
    ``"1,980,000"`` or ``"否"``: no digit placeholder), or the number divided by 1,000 for each comma after its last
    digit placeholder (``#,##0,`` shows 15,500 as 16)."""

    constant: str | None  # the text shown instead of any number ('' for nothing); None when the number is shown
    thousands: int = 0  # how many times the number is divided by 1,000
    places: int = 0  # decimal places shown
    grouped: bool = False  # thousands separators shown

    def shows(self, number: Decimal) -> str:
        """What the section shows for ``number``: the constant, or the number divided and rounded as Excel does.

        >>> SectionShows(None, 1, 0, True).shows(Decimal(15500)), SectionShows(None, 2, 1).shows(Decimal(2472000))
        ('16', '2.5')
        """
        if self.constant is not None:
            return self.constant
        shown = number.scaleb(-3 * self.thousands).quantize(Decimal(1).scaleb(-self.places), ROUND_HALF_UP)
        return f"{shown:,f}" if self.grouped else f"{shown:f}"


@dataclass(frozen=True)
class OtherNumber:
    """The sections of a number format that shows some numbers as another number or a constant: which one shows a
    given number (:meth:`of`). With conditions (``[>100]``), which section applies is not worked out: the first
    that shows another number is taken for every number."""

    sections: tuple[SectionShows, ...]
    conditional: bool

    def of(self, number: Decimal) -> SectionShows | None:
        """What the format shows ``number`` as, when that is not the number stored: None when the section for it
        shows the number, or shows a zero as a dash, 零, 否 (what a stored 0 means).

        >>> other_number('#,##0;-#,##0;"-"') is None, other_number('0;"负数"').of(Decimal(-1))
        (True, SectionShows(constant='负数', thousands=0, places=0, grouped=False))
        >>> other_number('"否"').of(Decimal(0)) is None, other_number('"否"').of(Decimal(1)).constant
        (True, '否')
        """
        if self.conditional:
            section = next(s for s in self.sections if s.constant is not None or s.thousands)
        else:
            count = len(self.sections)
            at = 1 if number < 0 and count >= 2 else 2 if number == 0 and count >= 3 else 0
            section = self.sections[at]
        if section.constant is None and not section.thousands:
            return None
        if number == 0 and section.constant is not None and _means_nothing(section.constant):
            return None
        return section


def _means_nothing(text: str) -> bool:
    return _MEANS_NOTHING.fullmatch(unicodedata.normalize("NFKC", text).strip().casefold()) is not None


def other_number(number_format: str) -> OtherNumber | None:
    """How a number format shows a number cell as another number than the one stored, without a unit word: a
    section with no digit placeholder shows its literal text instead (``"1,980,000"``, ``"15.5"``, ``"否"``; an
    empty one shows nothing), commas after a section's last digit placeholder divide by 1,000 each (``#,##0,``).
    None when every section shows the number (``General``, ``#,##0.00``, ``0.00%``, a date), or only a zero as a
    dash or 零 (``_-¥* #,##0.00_-;-¥* #,##0.00_-;_-¥* "-"??_-;_-@_-``, ``0;-0;"-"``).

    >>> [other_number(f) is None for f in ("General", "#,##0.00", '_-¥* #,##0.00_-;-¥* #,##0.00_-;_-¥* "-"??_-;_-@_-',
    ...                                    "0.00_ ", "[Red]0.0", "yyyy-mm-dd", "[h]:mm", "mmm d, yyyy", '0;-0;"-"')]
    [True, True, True, True, True, True, True, True, True]
    >>> [other_number(f).sections[0] for f in ('#,##0,', '"1,980,000"', '0.0,,')]  # doctest: +NORMALIZE_WHITESPACE
    [SectionShows(constant=None, thousands=1, places=0, grouped=True),
     SectionShows(constant='1,980,000', thousands=0, places=0, grouped=False),
     SectionShows(constant=None, thousands=2, places=1, grouped=False)]
    """
    sections = sections_of(number_format)[:3]
    if len(sections) > 1 and "@" in _codes(sections[-1]):
        sections.pop()  # 0.00;@: the second section is the text's
    shows = tuple(_section_shows(section) for section in sections)
    conditional = any(_CONDITION.search(section) for section in sections)
    found = OtherNumber(shows, conditional)
    if all(s.constant is None and not s.thousands for s in shows):
        return None
    if not conditional and len(shows) >= 3 and not any(s.constant is not None or s.thousands for s in shows[:2]) \
            and _means_nothing(shows[2].constant or ""):
        return None  # only a zero is shown as a dash (or nothing, or 零): a stored 0 is what it means
    return found


def _codes(section: str) -> str:
    """The format codes of a section as they stand, its literal text, colours and conditions left out."""
    return "".join(match.group(4) for match in _FORMAT_PART.finditer(section)
                   if match.group(4) is not None and match.group(4).isascii() and match.group(4) != "$")


def _section_shows(section: str) -> SectionShows:
    """What a section shows (:class:`SectionShows`)."""
    codes = _codes(section)
    if _SHOWS_NUMBER.search(codes) is None and _ELAPSED.search(section) is None:
        return SectionShows(_shown_text(section))
    number = re.search(r"[0#?][0#?,.]*", codes)  # the number's placeholders, commas and point (not E+00's)
    if number is None or "," not in number.group():
        return SectionShows(None)
    digits = number.group().rstrip(",.")
    whole, _, fraction = number.group().partition(".")
    thousands = len(whole) - len(whole.rstrip(",")) + len(fraction) - len(fraction.rstrip(","))
    return SectionShows(None, thousands, sum(c in "0#?" for c in fraction), "," in digits.split(".")[0].strip(","))


def _shown_text(section: str) -> str:
    """The text a section with no digit placeholder shows: its literal text and the punctuation written bare
    (``-``, ``(``); _x as a space."""
    shown = []
    for match in _FORMAT_PART.finditer(section):
        quoted, escaped, symbol, single = match.groups()
        text = next((t for t in (quoted, escaped, symbol, single) if t is not None), None)
        if text is not None:
            shown.append(text)
        elif match.group().startswith("_"):
            shown.append(" ")
    return "".join(shown).strip()


# -- a number as Excel shows it: what a text or choice field reads from a number cell

# Excel's built-in number formats a cell names by id alone (the styles need not declare them), beside General (0)
# and Text (49, @), which show a number as the reader reads it anyway; the dates and times (14–22, 45–47, and the
# Chinese ones 27–36, 50–58) are read as dates. The locale's currency and accounting formats (5–8, 41–44) and the
# other locales' (23–26, 59–81) show what the computer opening the file uses: not noted, read as General.
BUILT_IN_FORMATS = {"1": "0", "2": "0.00", "3": "#,##0", "4": "#,##0.00", "9": "0%", "10": "0.00%", "11": "0.00E+00",
                    "12": "# ?/?", "13": "# ??/??", "37": "#,##0 ;(#,##0)", "38": "#,##0 ;[Red](#,##0)",
                    "39": "#,##0.00;(#,##0.00)", "40": "#,##0.00;[Red](#,##0.00)", "48": "##0.0E+0"}


def shows_as_typed(number_format: str) -> bool:
    """Whether a number format shows a number as General does (``General``, or Text ``@``): what a reader reads.

    >>> shows_as_typed("General"), shows_as_typed("@"), shows_as_typed("000"), shows_as_typed("0")
    (True, True, False, False)
    """
    return number_format.strip().casefold() in ("general", "@", "")


# The formats whose every number bid-eval shows exactly as Excel does: digits padded with zeros to the count of 0s
# (000 shows 10 as 010), or grouped by thousands (#,##0); a fixed count of decimals; a real % (the number times 100).
_EXACT = on_first_use(r"(?:(#,##0)|(0+))(?:\.(0+))?(%?)")


def excel_text(number: Decimal, number_format: str) -> str | None:
    """What Excel shows for ``number`` (as :func:`bideval.values.cell_decimal` reads a cell) through
    ``number_format``, when it is one bid-eval shows exactly: ``0``, ``000`` (zeros padding the digits), ``0.00``,
    ``#,##0``, ``#,##0.00``, ``0%``, ``0.0%``; rounded half away from zero as Excel rounds. A trailing ``_x`` (the
    width of an ``x`` left blank: Chinese Excel's 数值 formats ``0_ ``, ``#,##0.00_ ``) or a trailing space (Excel's
    built-in 37, ``#,##0 ;(#,##0)``) draws only a space, which a text is trimmed of; of a format in sections, the section that shows this number (``0.00_);[Red]\\(0.00\\)`` shows 5 as
    ``5.00``; its negative section is none of these). None for any other format (text, colours, an exponent, a
    fraction, a date), and for a negative number shown as zero (-0.2 through ``0``), which spreadsheet programs show
    as ``-0`` or ``0``.

    >>> [excel_text(Decimal(n), f) for n, f in (("10", "000"), ("0.5", "0%"), ("1234.5", "#,##0.00"), ("2.5", "0"),
    ...                                         ("-3", "000"), ("0.125", "0.0%"), ("755", "0000"))]
    ['010', '50%', '1,234.50', '3', '-003', '12.5%', '0755']
    >>> red = r"0.00_);[Red]\\(0.00\\)"
    >>> [excel_text(Decimal(n), f) for n, f in (("12", "0_ "), ("1234.5", "#,##0.00_ "), ("5", red), ("-5", red),
    ...                                         ("0", "0;-0;000"))]
    ['12', '1,234.50', '5.00', None, '000']
    >>> excel_text(Decimal(5), "#,##0 ;(#,##0)"), excel_text(Decimal(1234), "#,##0 ;[Red](#,##0)")
    ('5', '1,234')
    >>> excel_text(Decimal(10), "0.0E+00"), excel_text(Decimal("-0.2"), "0"), excel_text(Decimal(10), '000" 号"')
    (None, None, None)
    >>> excel_text(Decimal("123456789012345"), "0." + "0" * 14)  # more digits than Decimal's default 28
    '123456789012345.00000000000000'
    """
    from .values import round_half_up  # (values imports this module's neighbours: imported when first used)

    sections = sections_of(number_format)
    if len(sections) > 1 and number < 0:
        return None  # a negative section: a sign of its own, brackets, a colour
    section = sections[2] if len(sections) > 2 and number.is_zero() else sections[0]
    match = _EXACT.fullmatch(_PADDING.sub("", section))
    if match is None:
        return None
    grouped, zeros, places, percent = match.groups()
    value = number.scaleb(2) if percent else number
    shown = round_half_up(value, len(places or ""))
    if shown.is_zero() and value < 0:
        return None
    whole, _, fraction = f"{shown.copy_abs():f}".partition(".")  # (abs() rounds to the context's 28 digits)
    whole = f"{int(whole):,}" if grouped else whole.zfill(len(zeros))
    return f"{'-' if shown < 0 else ''}{whole}{'.' if fraction else ''}{fraction}{percent}"


# The blanks a section ends with, which a text is trimmed of: widths left blank (_ , _)) and spaces written as such
# (Excel's built-in 37 and 38, ``#,##0 ;(#,##0)``, show 5 as ``5 ``)
_PADDING = on_first_use(r"(?:_.| )+$")


# -- the colour a section names ([Red], [White], [Color 9]): the text of a number it shows is drawn in it

_BRACKET = on_first_use(r"\[([^\]]*)\]")
_COLOUR_NAME = on_first_use(r"\s*(?:black|white|red|green|blue|yellow|magenta|cyan|colou?r\s*[0-9]{1,2})\s*",
                            re.IGNORECASE)


def section_colours(number_format: str) -> list[str | None]:
    """The colour each section of a number format names, as written (``White``, ``Color 9``; None: it names none, the
    font's colour draws it): Excel's eight names and ``Color n`` (of the palette), in brackets, not quoted.

    >>> section_colours("[White]General"), section_colours('0;[Red]-0;;[Yellow]@'), section_colours('[>100][Blue]0')
    (['White'], [None, 'Red', None, 'Yellow'], ['Blue'])
    >>> section_colours('[DBNum1]0"[White]"'), section_colours('[$-804]0;[Color 2]-0')
    ([None], [None, 'Color 2'])
    """
    found: list[str | None] = []
    for section in sections_of(number_format):
        names = [match.group(1) for match in _BRACKET.finditer(_without_quotes(section))
                 if _COLOUR_NAME.fullmatch(match.group(1))]
        found.append(names[0] if names else None)
    return found


def _without_quotes(section: str) -> str:
    """A section with its quoted and escaped text left out (a bracket there is text, not a colour)."""
    return "".join(match.group() for match in _FORMAT_PART.finditer(section)
                   if match.group(1) is None and match.group(2) is None)


def drawn_colours(number_format: str) -> tuple[tuple[str | None, str | None, str | None], str | None, bool]:
    """The colour (:func:`section_colours`; None: the font's) a number format draws a positive number, a negative one
    and a zero in, as its sections apply to them; a text's (its text section's, else its first section's: Excel draws
    a text through ``[Red]General`` red); and whether sections go by conditions (``[>100]``: which applies to a number
    is not worked out).

    >>> drawn_colours("[White]General"), drawn_colours('0;[Red]-0')
    ((('White', 'White', 'White'), 'White', False), ((None, 'Red', None), None, False))
    >>> drawn_colours('0.00;[Yellow]@'), drawn_colours('[>100][White]0;0')
    (((None, None, None), 'Yellow', False), (('White', None, 'White'), 'White', True))
    """
    colours, sections = section_colours(number_format), sections_of(number_format)
    numbers = colours[:3]
    if len(numbers) > 1 and "@" in _codes(sections[len(numbers) - 1]):
        numbers = numbers[:-1]  # 0.00;@: the second section is the text's
    count = len(numbers)
    by_sign = (numbers[0], numbers[1] if count >= 2 else numbers[0], numbers[2] if count >= 3 else numbers[0])
    text_at = next((i for i, section in enumerate(sections) if "@" in _codes(section)), 3 if len(sections) >= 4 else 0)
    return by_sign, colours[text_at], any(_CONDITION.search(section) for section in sections[:3])
