"""Currencies: what an amount in the rubric's currency is called on screen, and the unit a chart counts it in.

The rubric's ``currency`` is an ISO 4217 code. A chart of tender prices reads
best in one unit chosen by the size of its largest amount: in Chinese 元 or
万元 (美元 or 万美元…), in English the code or thousands of it.

>>> money_unit([Decimal("1872000")], "CNY", "zh").label
'万元'
>>> money_unit([Decimal("1872000")], "CNY", "en").label
'thousand CNY'
>>> money_unit([Decimal("98000")], "USD", "zh").label
'美元'
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable

from .labels import Label
from .values import money_text


@dataclass(frozen=True)
class Currency:
    """An ISO 4217 currency as people read it: its name in each language and its symbol."""

    code: str
    name: Label  # 元 / yuan: the word after an amount
    symbol: str  # ¥, $, €: the sign before an amount in English


CURRENCIES = {c.code: c for c in (
    Currency("CNY", Label("元", "yuan"), "¥"),
    Currency("USD", Label("美元", "US dollars"), "$"),
    Currency("EUR", Label("欧元", "euros"), "€"),
    Currency("GBP", Label("英镑", "pounds"), "£"),
    Currency("HKD", Label("港元", "Hong Kong dollars"), "HK$"),
    Currency("JPY", Label("日元", "yen"), "JP¥"),
)}

# Amounts from this size up are counted in 万 (zh) or thousands (en) on a chart's axis.
SCALE_FROM = Decimal(100000)
MILLIONS_FROM = Decimal(100000000)


def currency(code: str) -> Currency:
    """The currency of an ISO 4217 code; a code without a known name is named by the code itself."""
    return CURRENCIES.get(code, Currency(code, Label(code, code), f"{code} "))


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
