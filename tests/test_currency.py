"""What an amount in the rubric's currency is called, and the one unit a chart counts it in."""
from decimal import Decimal as D

import pytest

from bideval.currency import currency, money_amount, money_unit


@pytest.mark.parametrize("largest, code, lang, label, divisor", [
    ("99999.99", "CNY", "zh", "元", 1),
    ("100000", "CNY", "zh", "万元", 10000),
    ("1872000", "CNY", "zh", "万元", 10000),
    ("350000000", "CNY", "zh", "万元", 10000),  # 35,000 万元: Chinese tenders write 万元 at any size
    ("99999.99", "CNY", "en", "CNY", 1),
    ("1872000", "CNY", "en", "thousand CNY", 1000),
    ("350000000", "CNY", "en", "million CNY", 1000000),
    ("1872000", "USD", "zh", "万美元", 10000),
    ("5000", "EUR", "zh", "欧元", 1),
    ("1872000", "GBP", "en", "thousand GBP", 1000),
    ("1872000", "CHF", "zh", "万CHF", 10000),  # a code without a Chinese name is named by its code
    ("-250000", "CNY", "zh", "万元", 10000),  # by size, whatever the sign
])
def test_money_unit_is_chosen_by_the_largest_amount(largest, code, lang, label, divisor):
    unit = money_unit([D("1"), D(largest)], code, lang)
    assert (unit.label, unit.divisor) == (label, divisor)


def test_money_unit_scales_every_amount_alike():
    unit = money_unit([D("750000"), D("1872000")], "CNY", "zh")
    assert [unit.scale(D(a)) for a in ("750000", "1872000")] == [75.0, 187.2]


def test_no_amounts_are_in_the_plain_unit():
    assert money_unit([], "CNY", "zh").label == "元"


@pytest.mark.parametrize("amount, code, lang, text", [
    ("1872000", "CNY", "zh", "1,872,000.00 元"),
    ("1872000", "CNY", "en", "¥1,872,000.00"),
    ("98000.5", "USD", "en", "$98,000.50"),
    ("98000.5", "USD", "zh", "98,000.50 美元"),
    ("0.005", "EUR", "en", "€0.01"),  # half-up to the cent
    ("-12", "GBP", "en", "-£12.00"),
    ("12", "CHF", "en", "CHF 12.00"),
])
def test_money_amount(amount, code, lang, text):
    assert money_amount(D(amount), code, lang) == text


def test_currency_names():
    assert (currency("CNY").name.zh, currency("USD").symbol, currency("XYZ").name.en) == ("元", "$", "XYZ")
