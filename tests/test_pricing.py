"""Quoted contract price per pricing model, with the seed examples."""
from decimal import Decimal as D

import pytest

from bideval.pricing import Demand, PricingModel, formula_text, quoted_price

DEMAND = Demand(months=D(12), seats=D(30), calls_per_month=D(50000), sales_per_month=D(2000000),
                devices=D(80), units=(("pc", D(120)), ("server", D(10))))


@pytest.mark.parametrize("model, values, expected", [
    (PricingModel.LUMP_SUM, {"total_price": D("1020000")}, "1020000.00"),
    (PricingModel.PER_SEAT_MONTH, {"rate_per_seat_month": D("5500")}, "1980000.00"),  # 5500 × 30 × 12
    # (seed) 10086 inbound: 0.85 元 per effective call, 50,000 calls a month, 12 months
    (PricingModel.PER_CALL, {"rate_per_call": D("0.85")}, "510000.00"),
    (PricingModel.BASE_PLUS_COMMISSION, {"base_per_seat_month": D("1500"), "commission_rate": D("0.02")},
     "1020000.00"),  # 1500 × 30 × 12 + 0.02 × 2,000,000 × 12
    (PricingModel.PER_UNIT_MONTH, {"rate_pc": D("40"), "rate_server": D("300")}, "93600.00"),  # (4800 + 3000) × 12
    # (seed) IT outsourcing over 50 devices: 3000 + 50 × (devices − 50) a month; 80 devices, 12 months
    (PricingModel.BASE_PLUS_EXCESS, {"base_fee_month": D(3000), "included_devices": 50, "excess_rate": D(50)},
     "54000.00"),
    (PricingModel.BASE_PLUS_EXCESS, {"base_fee_month": D(3000), "included_devices": 100, "excess_rate": D(50)},
     "36000.00"),  # fewer devices than included: no excess
    (PricingModel.PER_CALL, {"rate_per_call": D("0.8333333")}, "499999.98"),  # rounded to the cent, half-up
])
def test_quoted_price(model, values, expected):
    assert quoted_price(model, values, DEMAND) == D(expected)


@pytest.mark.parametrize("spelling, model", [
    ("per_call", PricingModel.PER_CALL), ("按通计费", PricingModel.PER_CALL), ("Per call", PricingModel.PER_CALL),
    ("  LUMP_SUM ", PricingModel.LUMP_SUM), ("总价包干", PricingModel.LUMP_SUM), ("hourly", None),
    # per_unit_month's label names no kind of unit (a staffing form's units are people); its former label still reads
    ("按计价单位按月计费", PricingModel.PER_UNIT_MONTH), ("按设备按月计费", PricingModel.PER_UNIT_MONTH),
    # the bid form's hint as a bidder copies it (author5 A5-5): both labels, any brackets, spaces and case
    ("按通计费 (Per call)", PricingModel.PER_CALL), ("按通计费（Per call）", PricingModel.PER_CALL),
    ("按通计费(per call)", PricingModel.PER_CALL), ("按通计费 / Per call", PricingModel.PER_CALL),
    ("Per  call", PricingModel.PER_CALL), ("ＰＥＲ_ＣＡＬＬ", PricingModel.PER_CALL),
    ("按席位按月计费 (Per seat-month)", PricingModel.PER_SEAT_MONTH), ("按通计费 (Lump sum)", None),
])
def test_model_aliases(spelling, model):
    assert PricingModel.from_alias(spelling) is model


@pytest.mark.parametrize("model, values, zh, en", [
    (PricingModel.LUMP_SUM, {"total_price": D("1020000")}, "1,020,000 元", "1,020,000 yuan"),
    (PricingModel.PER_SEAT_MONTH, {"rate_per_seat_month": D("5500")},
     "5,500 元 × 30 席 × 12 个月", "5,500 yuan × 30 seats × 12 months"),
    (PricingModel.PER_CALL, {"rate_per_call": D("0.85")},
     "0.85 元 × 50,000 通/月 × 12 个月", "0.85 yuan × 50,000 calls a month × 12 months"),
    (PricingModel.BASE_PLUS_COMMISSION, {"base_per_seat_month": D("1500"), "commission_rate": D("0.02")},
     "1,500 元 × 30 席 × 12 个月 + 2% × 2,000,000 元销售额/月 × 12 个月",
     "1,500 yuan × 30 seats × 12 months + 2% × 2,000,000 yuan of sales a month × 12 months"),
    (PricingModel.PER_UNIT_MONTH, {"rate_pc": D("40"), "rate_server": D("300")},
     "(40 元 × 120 台 pc + 300 元 × 10 台 server) × 12 个月",
     "(40 yuan × 120 pc + 300 yuan × 10 server) × 12 months"),
    (PricingModel.BASE_PLUS_EXCESS, {"base_fee_month": D(3000), "included_devices": 50, "excess_rate": D(50)},
     "(3,000 元 + 50 元 × max(0, 80 − 50) 台) × 12 个月",
     "(3,000 yuan + 50 yuan × max(0, 80 − 50) devices) × 12 months"),
    (PricingModel.PER_CALL, {"rate_per_call": D("0.8333333")},  # every decimal the vendor gave is shown
     "0.8333333 元 × 50,000 通/月 × 12 个月", "0.8333333 yuan × 50,000 calls a month × 12 months"),
])
def test_formula_text_in_each_language(model, values, zh, en):
    assert formula_text(model, values, DEMAND, "zh") == zh
    assert formula_text(model, values, DEMAND, "en") == en
