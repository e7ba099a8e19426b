"""Quoted contract price per pricing model, with the seed examples."""
from decimal import Decimal as D

import pytest

from bideval.pricing import Demand, PricingModel, quoted_price

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
])
def test_model_aliases(spelling, model):
    assert PricingModel.from_alias(spelling) is model
