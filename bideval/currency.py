"""Currencies: which ISO 4217 codes a rubric may name, how a money cell may write an amount in it,
what an amount is called on screen, and the unit a chart counts it in.

The rubric's ``currency`` is an ISO 4217 code (default CNY). A money cell may
carry the tender's own notation (``$1,200`` or ``USD 1,200`` in a USD tender;
``¥``, ``元``, ``RMB``, ``人民币`` and ``万`` in a CNY one) and nothing else: another
currency's notation is an error naming the cell (:func:`notation_of` tells
which currency a mark writes). 万 (10,000) is yuan notation only.

A chart of tender prices reads best in one unit chosen by the size of its
largest amount: in Chinese 元 or 万元 (美元 or 万美元…), in English the code or
thousands of it.

>>> money_unit([Decimal("1872000")], "CNY", "zh").label
'万元'
>>> money_unit([Decimal("1872000")], "CNY", "en").label
'thousand CNY'
>>> money_unit([Decimal("98000")], "USD", "zh").label
'美元'
>>> notation_of("€"), notation_of("万"), notation_of("eur")
('EUR', 'CNY', 'EUR')
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable

from .labels import Label
from .number_formats import literal_texts
from .patterns import on_first_use
from .values import decimal_text, fold, money_text, normalise


# ISO 4217 active currency codes (list one, 2025), without the fund, precious-metal and testing codes.
ISO_4217 = frozenset("""
AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF
CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG
HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA
MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD
RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX
USD UYU UZS VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG
""".split())


@dataclass(frozen=True)
class Currency:
    """An ISO 4217 currency as people read and write it: its name in each language, its symbol, its notation."""

    code: str
    name: Label  # 元 / yuan: the word after an amount
    symbol: str  # ¥, $, €: the sign before an amount in English
    full_name: Label | None = None  # 人民币 / Chinese yuan: the currency itself, in messages
    marks: tuple[str, ...] = ()  # what may stand before or after an amount in a money cell, folded

    @property
    def title(self) -> Label:
        """The currency's own name (人民币 / Chinese yuan), the code when there is none."""
        return self.full_name or Label(self.code, self.code)

    @property
    def notation(self) -> tuple[str, ...]:
        """Every mark of this currency a money cell may carry: its marks, its symbol and its code."""
        return tuple(dict.fromkeys((*self.marks, self.symbol.strip().casefold(), self.code.casefold())))

    @property
    def excel_format(self) -> str:
        """The number format of money cells: ``#,##0.00`` for yuan (as always), the symbol or the code otherwise."""
        if self.code == "CNY":
            return "#,##0.00"
        if self.code in CURRENCIES:
            return f'"{self.symbol}"#,##0.00'
        return f'#,##0.00 "{self.code}"'


CURRENCIES = {c.code: c for c in (
    Currency("CNY", Label("元", "yuan"), "¥", Label("人民币", "Chinese yuan"), ("¥", "rmb", "人民币", "元", "万", "万元")),
    Currency("USD", Label("美元", "US dollars"), "$", Label("美元", "US dollar"), ("$", "us$", "美元")),
    Currency("EUR", Label("欧元", "euros"), "€", Label("欧元", "euro"), ("€", "欧元")),
    Currency("GBP", Label("英镑", "pounds"), "£", Label("英镑", "pound sterling"), ("£", "英镑")),
    Currency("HKD", Label("港元", "Hong Kong dollars"), "HK$", Label("港元", "Hong Kong dollar"), ("hk$", "港元", "港币")),
    Currency("JPY", Label("日元", "yen"), "JP¥", Label("日元", "Japanese yen"), ("¥", "円", "日元")),
)}

# Other ways to write a currency, in a money cell's text or a number format's, folded: names and symbols of
# currencies without a notation above (a money cell's text in them is refused all the same, as not the tender's),
# and further names of those with one. Chinese names ending in 元 are whole names: 澳元 is the Australian dollar,
# not 元 (longest first, as every mark). A Latin word or a symbol starting or ending with a letter is one only
# standing alone (``"a$"`` in ``"A$"``, not in ``"CA$"``, which is its own).
OTHER_NOTATION: dict[str, tuple[str, ...]] = {
    "CNY": ("yuan", "renminbi"),
    "USD": ("美金", "美圆", "dollar", "dollars", "us dollar", "us dollars"),
    "EUR": ("euro", "euros"),
    "JPY": ("日圆", "yen"),
    "HKD": ("hong kong dollar", "hong kong dollars"),
    "AUD": ("澳元", "澳大利亚元", "澳币", "a$", "au$", "australian dollar", "australian dollars"),
    "CAD": ("加元", "加拿大元", "加币", "c$", "ca$", "canadian dollar", "canadian dollars"),
    "NZD": ("新西兰元", "纽元", "纽币", "nz$", "new zealand dollar", "new zealand dollars"),
    "SGD": ("新加坡元", "新元", "新币", "s$", "sg$", "singapore dollar", "singapore dollars"),
    "TWD": ("新台币", "台币", "nt$", "new taiwan dollar", "new taiwan dollars"),
    "MOP": ("澳门元", "澳门币", "mop$"),
    "KRW": ("₩", "韩元", "韩圆", "韩币"),
    "KPW": ("朝鲜元",),
    "INR": ("₹", "印度卢比"),
    "PKR": ("巴基斯坦卢比",),
    "LKR": ("斯里兰卡卢比",),
    "NPR": ("尼泊尔卢比",),
    "RUB": ("₽", "卢布", "俄罗斯卢布", "rouble", "roubles", "ruble", "rubles"),
    "VND": ("₫", "越南盾"),
    "THB": ("฿", "泰铢", "baht"),
    "PHP": ("₱", "菲律宾比索"),
    "MXN": ("墨西哥比索", "mx$"),
    "TRY": ("₺", "土耳其里拉"),
    "ILS": ("₪", "新谢克尔", "shekel", "shekels"),
    "BRL": ("r$", "雷亚尔", "巴西雷亚尔"),
    "MYR": ("林吉特", "马来西亚林吉特", "马币", "ringgit", "rm"),
    "IDR": ("印尼盾", "印度尼西亚盾", "rp"),
    "CHF": ("瑞士法郎", "瑞郎"),
    "SEK": ("瑞典克朗",), "NOK": ("挪威克朗",), "DKK": ("丹麦克朗",),
    "ZAR": ("兰特", "南非兰特"),
    "AED": ("阿联酋迪拉姆",), "SAR": ("沙特里亚尔",), "EGP": ("埃及镑",),
    "UAH": ("₴",), "KZT": ("₸",), "NGN": ("₦",), "MNT": ("₮", "图格里克"), "LAK": ("₭",), "PYG": ("₲",),
    "AZN": ("₼",), "GEL": ("₾",), "CRC": ("₡",),
    "BND": ("文莱元",), "FJD": ("斐济元",), "JMD": ("牙买加元",), "BSD": ("巴哈马元",), "BBD": ("巴巴多斯元",),
    "BZD": ("伯利兹元",), "BMD": ("百慕大元",), "KYD": ("开曼元", "开曼群岛元"), "XCD": ("东加勒比元",),
    "GYD": ("圭亚那元",), "LRD": ("利比里亚元",), "NAD": ("纳米比亚元",), "SBD": ("所罗门群岛元",),
    "TTD": ("特立尼达和多巴哥元",), "SRD": ("苏里南元",),
}

# Amounts from this size up are counted in 万 (zh) or thousands (en) on a chart's axis.
SCALE_FROM = Decimal(100000)
MILLIONS_FROM = Decimal(100000000)


def currency(code: str) -> Currency:
    """The currency of an ISO 4217 code; a code without a known name is named by the code itself."""
    return CURRENCIES.get(code, Currency(code, Label(code, code), f"{code} "))


def notation_of(mark: str) -> str | None:
    """The code of the currency a mark (``$``, ``€``, ``RMB``, ``万``, ``eur``…) writes, if any; ``¥`` is yuan."""
    folded = mark.strip().casefold()
    for code, known in CURRENCIES.items():
        if folded in known.notation:
            return code
    other = _OTHER_MARKS.get(folded)
    if other is not None:
        return other
    upper = folded.upper()
    return upper if upper in ISO_4217 else None


# -- a number format's currency: what a cell shows around its number is what a person reads

def format_marks(number_format: str) -> tuple[tuple[str, str], ...]:
    """The currency marks an Excel number format writes around its number, each with the code of the currency it
    writes: quoted text, escaped characters, ``$`` and other symbols, and a locale's symbol (``[$€-407]``).

    >>> format_marks('"$"#,##0.00'), format_marks('[$€-407] #,##0'), format_marks('#,##0.00" 美元"')
    ((('$', 'USD'),), (('€', 'EUR'),), (('美元', 'USD'),))
    >>> format_marks('#,##0.00 "AUD";[Red]-#,##0.00 "AUD"'), format_marks("0.00%"), format_marks("[$-804]yyyy年m月")
    ((('aud', 'AUD'), ('aud', 'AUD')), (), ())
    >>> format_marks('#,##0 "ALL"'), format_marks('#,##0" (ALL IN)"'), format_marks('"TOP "0'), format_marks('"TOTAL USD "0')
    ((('all', 'ALL'),), (), (('top', 'TOP'),), (('usd', 'USD'),))
    """
    found: list[tuple[str, str]] = []
    for piece in literal_texts(number_format):
        found += [(mark, code) for _, mark, code in _marks_in(piece)]
    return tuple(found)


def _marks_in(text: str) -> list[tuple[int, str, str]]:
    """Every currency mark in ``text`` (folded): where it starts, the mark, the code of the currency it writes."""
    found: list[tuple[int, str, str]] = []
    folded = fold(text)
    for mark, code in _MARKS:  # longest first: 美元 is not also 元, HK$ not also $
        at = folded.find(mark)
        while at >= 0:
            end = at + len(mark)
            if _stands_alone(folded, at, end):
                found.append((at, mark, code))
                folded = folded[:at] + " " * len(mark) + folded[end:]
            at = folded.find(mark, end)
    alone = text.strip(_AROUND_A_CODE)
    return found + [(m.start(), code.casefold(), code) for m in _CODE.finditer(text) if (code := m.group()) in ISO_4217
                    and code.casefold() not in _MARK_CODES and (code not in _WORD_CODES or alone == code)]


def money_units_named(text: str, code: str) -> tuple[tuple[str, int], ...]:
    """Each unit of money ``text`` states, in the order written: the currency's code and how many of it one counts
    (万元 and 10,000 yuan are ``('CNY', 10000)``); a multiple alone where a unit is said (``单位：万``, ``以万为单位``,
    ``按万填写``, ``（万）``, ``x 10,000``) counts ``code``'s. A unit right after a number is an amount, not the unit
    of anything (``预算500万元``, ``100万元以上``), and is left out (hostile11 H11-11).

    >>> money_units_named("元 / yuan; 本行报价单位为万元", "CNY"), money_units_named("单位：万; USD", "CNY")
    ((('CNY', 1), ('CNY', 1), ('CNY', 10000)), (('CNY', 10000), ('USD', 1)))
    >>> [money_units_named(t, "CNY") for t in ("以万为单位", "填写时以“万”计", "in 10k CNY", "x 10,000", "预算500万元")]
    [(('CNY', 10000),), (('CNY', 10000),), (('CNY', 10000),), (('CNY', 10000),), ()]
    >>> [money_units_named(t, "CNY") for t in ("人民币万元", "万元（人民币）", "人民币", "元/人民币万元")]
    [(('CNY', 10000),), (('CNY', 10000),), (('CNY', 1),), (('CNY', 1), ('CNY', 10000))]
    """
    text = normalise(text)  # (as _marks_in folds it: its positions are this text's)
    folded = text.casefold()
    found: list[tuple[int, int, tuple[str, int], bool]] = []  # (start, end, unit, the currency's name alone)
    for at, mark, other in _marks_in(text):
        multiple = _MULTIPLE_BEFORE.search(folded, 0, at)
        if not _AFTER_A_NUMBER.search(folded, 0, multiple.start() if multiple else at):
            found.append((multiple.start() if multiple else at, at + len(mark),
                          (other, _MULTIPLES[multiple.group(1)] if multiple else 1), not multiple and mark in _NAMES_ONLY))
    found += [(m.start(1), m.end(1), (code, _MULTIPLES[m.group(1)]), False)
              for pattern in (_MULTIPLE_ALONE, _TIMES_A_MULTIPLE) for m in pattern.finditer(folded)]
    found.sort()
    return tuple(unit for i, (start, end, unit, name_only) in enumerate(found) if not name_only or not any(
        other[2][0] == unit[0] and _BESIDE.fullmatch(folded[min(end, other[1]):max(start, other[0])])
        for other in found[max(i - 1, 0):i] + found[i + 1:i + 2]))


def money_units_said(text: str, code: str) -> tuple[tuple[str, int], ...]:
    """:func:`money_units_named`, or, where ``text`` names none, a multiple alone in it read as in brackets: 万 in a
    price's unit cell or header bracket is 万元 (hostile12).

    >>> money_units_said("万", "CNY"), money_units_said("元", "CNY"), money_units_said("含税", "CNY")
    ((('CNY', 10000),), (('CNY', 1),), ())
    """
    return money_units_named(text, code) or money_units_named(f"({text})", code)


# A currency's own name that is no unit (人民币, not 元): beside a unit of it (万元人民币, 人民币万元, 万元（人民币）) it
# says which currency that unit is of, not another unit (hostile12: 人民币万元 under 万元 / 10,000 yuan was refused)
_NAMES_ONLY = frozenset(fold(c.full_name.zh) for c in CURRENCIES.values() if c.full_name and c.full_name != c.name)
_BESIDE = on_first_use(r"[\s()\[\]【】<>《》:\"'“”]*")


# A multiple written before a currency's name (万元, 10,000 yuan, 10k CNY, thousand USD), and one standing for the unit
# alone where a unit is said: after 单位, 以, 按 or a bracket, before 为单位, 计, 填 or nothing of a word (以“万”计)
_MULTIPLES = {"千": 1000, "万": 10000, "十万": 100000, "百万": 1000000, "千万": 10000000, "亿": 100000000,
              "thousand": 1000, "10,000": 10000, "10000": 10000, "10k": 10000, "ten thousand": 10000,
              "million": 1000000, "1,000": 1000, "1000": 1000}


def is_multiple(word: str) -> bool:
    """Whether ``word`` (folded) is a multiple alone, the first word of a unit written in words (10k CNY, 10,000 yuan).

    >>> is_multiple("10k"), is_multiple("10,000"), is_multiple("cny")
    (True, True, False)
    """
    return word in _MULTIPLES


_MULTIPLE_BEFORE = on_first_use(r"(十万|百万|千万|千|万|亿|10,000|10000|10k|ten thousand|thousand|million)\s*$")
_QUOTE = "[\"'“”‘’「」『』]?"
_MULTIPLE_ALONE = on_first_use(rf"(?:单位(?:为|是)?[:\s]*|[以按(]\s*){_QUOTE}(十万|百万|千万|千|万|亿){_QUOTE}"
                               r"(?=为(?:计量)?单位|计|填|[^\u3400-\u9fff$€£¥a-z]|$)")
_TIMES_A_MULTIPLE = on_first_use(r"(?:^|(?<=[\s(]))[x×*]\s*(10,000|10000|10k|1,000|1000)(?![\d,.])")
_AFTER_A_NUMBER = on_first_use(r"\d\s*$")  # (a unit right after a number is an amount: 500万元, 30 USD)


def other_currency_written(number_format: str, code: str) -> str | None:
    """The currency other than ``code`` (the tender's) a number format writes, if any: a number shown as ``$1,200``
    in a yuan tender. The tender's own notation is never another's (``¥`` in a yen tender is yen)."""
    own = currency(code).notation
    return next((other for mark, other in format_marks(number_format) if other != code and mark not in own), None)


_CODE = on_first_use(r"(?<![A-Za-z])[A-Z]{3}(?![A-Za-z])")  # an ISO 4217 code written in capitals
# Codes that are also English words: in a format's text they name a currency only standing alone ("ALL" is Albanian
# lek; "ALL IN" or "TOP PRICE" is wording).
_WORD_CODES = frozenset({"ALL", "AMD", "BAM", "BOB", "CAD", "CUP", "ERN", "GEL", "MAD", "MOP", "NAD", "PEN", "PHP",
                         "RON", "SOS", "TOP", "TRY"})
_AROUND_A_CODE = " \t\u00a0.,:;()[]/-"


def _stands_alone(text: str, start: int, end: int) -> bool:
    """Whether a mark is not part of a longer word: a mark starting or ending with a Latin letter (rmb, us$)
    must not touch another."""
    def letter(at: int) -> bool:
        return 0 <= at < len(text) and text[at].isascii() and text[at].isalpha()
    return not ((letter(start) and letter(start - 1)) or (letter(end - 1) and letter(end)))


_OTHER_MARKS = {mark: code for code, marks in OTHER_NOTATION.items() for mark in marks}
# Every known mark but 万 (a number format writing 万 is refused whatever the currency), longest first; ¥ is yuan.
_MARKS = tuple(sorted({**_OTHER_MARKS, **{mark: code for code, known in reversed(CURRENCIES.items())
                                          for mark in known.notation if "万" not in mark}}.items(),
                      key=lambda item: -len(item[0])))
_MARK_CODES = frozenset(code.casefold() for code in CURRENCIES)


@dataclass(frozen=True)
class MoneyUnit:
    """The unit a chart counts amounts in: divide by ``divisor``, call it ``label``."""

    divisor: Decimal
    label: str

    def scale(self, amount: Decimal) -> float:
        """An amount in this unit, as a number to plot."""
        return float(amount / self.divisor)


def money_unit(amounts: Iterable[Decimal], code: str, lang: str) -> MoneyUnit:
    """One unit for all of ``amounts``, chosen by the largest: 元 or 万元 in Chinese; CNY, thousand or million CNY in English."""
    largest = max((abs(a) for a in amounts), default=Decimal(0))
    money = currency(code)
    if lang == "en":
        if largest >= MILLIONS_FROM:
            return MoneyUnit(Decimal(1000000), f"million {money.code}")
        if largest >= SCALE_FROM:
            return MoneyUnit(Decimal(1000), f"thousand {money.code}")
        return MoneyUnit(Decimal(1), money.code)
    if largest >= SCALE_FROM:
        return MoneyUnit(Decimal(10000), f"万{money.name.zh}")
    return MoneyUnit(Decimal(1), money.name.zh)


def money_amount(amount: Decimal, code: str, lang: str) -> str:
    """An exact amount with its currency: ``1,872,000.00 元``, ``¥1,872,000.00``, ``$98,000.00``."""
    money = currency(code)
    if lang == "en":
        sign = "-" if amount < 0 else ""
        return f"{sign}{money.symbol}{money_text(abs(amount))}"
    return f"{money_text(amount)} {money.name.zh}"


def rate_amount(amount: Decimal, code: str, lang: str, per: Label | None = None) -> str:
    """A rate (a price per unit and month) with its currency, every decimal given kept and at least the cents:
    ``4.50 元`` (the Chinese rate's label says per what), ``3.3300001 元``; in English with its unit as the rubric
    names it, ``4.50 CNY/m²/month``, or, where the rate's label beside it says per what (``per`` not given), with
    its currency's symbol as an amount of money is written (``¥4.50``, ``$0.125``).

    >>> rate_amount(Decimal("4.5"), "CNY", "zh"), rate_amount(Decimal("4.5"), "CNY", "en", Label("平方米", "m²"))
    ('4.50 元', '4.50 CNY/m²/month')
    >>> rate_amount(Decimal("4.5"), "CNY", "en"), rate_amount(Decimal("0.125"), "USD", "en")
    ('¥4.50', '$0.125')
    """
    text = decimal_text(amount, max(2, -int(amount.as_tuple().exponent)), least=2, grouped=True)
    money = currency(code)
    if lang == "en":
        if per is not None:
            return f"{text} {money.code}/{per.en}/month"
        return f"{money.symbol}{text}"
    return f"{text} {money.name.zh}"
