"""How a bid's parsed values are kept in the database, and read back each in its field's type.

A bid's values (:attr:`bideval.bids.Bid.values`) are stored as one JSON object
with sorted keys: a Decimal as its exact text (``"1234.50"`` stays
``1234.50``, never a float), a pricing model as its id (``lump_sum``), everything else as
JSON has it. Reading back gives every field of the rubric, None where the bid
has no value.

>>> from bideval.labels import Label
>>> from bideval.rubric import Rubric
>>> text = encode_values({"total_price": Decimal("1234.50"), "vendor_name": "甲", "price_model": PricingModel.LUMP_SUM})
>>> text
'{"price_model": "lump_sum", "total_price": "1234.50", "vendor_name": "甲"}'
>>> values = decode_values(Rubric("x", Label("项目", "Project"), (), ()), text)
>>> values["total_price"], values["price_model"], values["vendor_name"], values["sme"]
(Decimal('1234.50'), <PricingModel.LUMP_SUM: 'lump_sum'>, '甲', None)
"""
from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from .pricing import PRICE_MODEL_FIELD, PricingModel
from .rubric import Rubric
from .values import FieldType


def encode_values(values: dict[str, Any]) -> str:
    """A bid's parsed values as JSON text (Decimals as exact strings)."""
    def plain(value: Any) -> Any:
        if isinstance(value, Decimal):
            return str(value)
        if isinstance(value, PricingModel):
            return value.value
        return value

    return json.dumps({k: plain(v) for k, v in values.items()}, ensure_ascii=False, sort_keys=True)


def decode_values(rubric: Rubric, text: str) -> dict[str, Any]:
    """Parsed values back from JSON, each in its field's type."""
    raw = json.loads(text)
    values: dict[str, Any] = {}
    for f in rubric.bid_fields:
        value = raw.get(f.id)
        if value is None:
            values[f.id] = None
        elif f.id == PRICE_MODEL_FIELD:
            values[f.id] = PricingModel(value)
        elif f.type in (FieldType.MONEY, FieldType.NUMBER, FieldType.PERCENT):
            values[f.id] = Decimal(value)
        else:
            values[f.id] = value
    return values
