"""Which bids are valid (rules.md, Validity): gates, required fields, price terms.

All reasons are collected, not just the first.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Mapping

from .bids import Bid
from .labels import Named
from .pricing import PRICE_MODEL_FIELD, PriceParameter, PricingModel, quoted_price, rate_per
from .result import Reason
from .rubric import Field, Gate, Rubric


@dataclass(frozen=True)
class BidCheck:
    """A bid's pricing model, quoted contract price Q (when it can be computed) and invalidity reasons."""

    model: PricingModel | None
    quoted: Decimal | None
    reasons: tuple[Reason, ...]

    @property
    def valid(self) -> bool:
        """Whether the bid takes part in scoring and ranking."""
        return not self.reasons


class CheckMemory:
    """What the checks of one tender's bids share, remembered: bids state the same few values (是, √, 驻场运营) and
    prices again and again. The reasons a bid's gates and required fields give depend on the values of those fields
    alone, compared as the gates compare them (equal numbers alike); its price terms on its pricing model and the
    prices that model reads alone, and Q is rounded to the cent, so 4500 and 4500.0 give the same. Not remembered:
    price terms from a zero (0 and -0 are equal keys, not equal prices: Q keeps the sign), nor those of a model whose
    reasons quote a rate as stated (4.80 and 4.8 are worded apart)."""

    def __init__(self, rubric: Rubric) -> None:
        self.rubric = rubric
        self._fields = tuple(dict.fromkeys([gate.when.field for gate in rubric.gates]
                                           + [field.id for field in rubric.required_fields]))
        self._reasons: dict[tuple[Any, ...], tuple[Reason, ...]] = {}
        # By the id() of the model a bid states (hashing an Enum costs more than the rest): the prices that model
        # reads, and the terms of each way of stating them (None: not remembered)
        allowed = rubric.pricing.models
        self._terms: dict[int, tuple[tuple[str, ...], dict[tuple[Any, ...], PriceTerms] | None]] = {}
        for stated in (None, *PricingModel):
            model = allowed[0] if stated is None and len(allowed) == 1 else stated
            prices = tuple(p.id for p in rubric.pricing.parameters(model)) if model in allowed else ()
            self._terms[id(stated)] = prices, None if model in _QUOTING_RATES else {}

    def field_reasons(self, values: Mapping[str, Any]) -> tuple[Reason, ...]:
        """:func:`_field_reasons`, remembered."""
        key = tuple(map(values.get, self._fields))
        try:
            known = self._reasons.get(key)
        except TypeError:  # an unhashable value: no parser gives one, but asking the gates is always right
            return _field_reasons(self.rubric, values)
        if known is None:
            known = self._reasons[key] = _field_reasons(self.rubric, values)
        return known

    def price_terms(self, values: Mapping[str, Any]) -> PriceTerms:
        """:func:`_price_terms`, remembered where exact."""
        ids, known = self._terms.get(id(values.get(PRICE_MODEL_FIELD)), ((), None))
        if known is None:
            return _price_terms(self.rubric, values)
        prices = tuple(map(values.get, ids))
        try:
            terms = known.get(prices) if 0 not in prices else None
        except TypeError:  # (as above)
            return _price_terms(self.rubric, values)
        if terms is None:
            terms = _price_terms(self.rubric, values)
            if 0 not in prices:
                known[prices] = terms
        return terms


PriceTerms = tuple[PricingModel | None, Decimal | None, tuple[Reason, ...]]  # a bid's model, Q and price reasons
# The models whose reasons quote a rate the bid stated (its digits as written: 4.80 is not 4.8)
_QUOTING_RATES = frozenset({PricingModel.PER_UNIT_MONTH, PricingModel.DISCOUNT_RATE})


def check_bid(rubric: Rubric, bid: Bid, memory: CheckMemory | None = None) -> BidCheck:
    """Every reason ``bid`` is invalid, with its pricing model and Q (``memory``: what the checks of the tender's
    other bids found)."""
    memory = memory if memory is not None and memory.rubric is rubric else CheckMemory(rubric)
    model, quoted, price_reasons = memory.price_terms(bid.values)
    return BidCheck(model, quoted, memory.field_reasons(bid.values) + price_reasons)


def _field_reasons(rubric: Rubric, values: Mapping[str, Any]) -> tuple[Reason, ...]:
    """The reasons a bid's gates and required fields give: each gate failed, then each required field empty."""
    reasons: list[Reason] = []
    for gate in rubric.gates:
        if not gate.when.holds(values):
            reasons.append(_gate_reason(rubric, gate, values))
    for field in rubric.required_fields:
        if values.get(field.id) is None:
            reasons.append(Reason.said(f"required: {field.id}", "reason.required", field=_named(field)))
    return tuple(reasons)


def _price_terms(rubric: Rubric, values: Mapping[str, Any]) -> PriceTerms:
    """A bid's pricing model, Q and the reasons its price makes it invalid, from its ``values``."""
    allowed = rubric.pricing.models
    model = values.get(PRICE_MODEL_FIELD)
    if model is None:
        if len(allowed) != 1:
            return None, None, (Reason.said(f"required: {PRICE_MODEL_FIELD}", "reason.price_model_required"),)
        model = allowed[0]
    if model not in allowed:
        return model, None, (Reason.said("price_model_not_allowed", "reason.price_model_not_allowed",
                                         model=_model(model), allowed=tuple(_model(m) for m in allowed)),)
    parameters = rubric.pricing.parameters(model)
    missing = [p for p in parameters if values.get(p.id) is None]
    if missing:
        return model, None, (Reason.said("price_parameters_missing", "reason.price_parameters_missing",
                                         missing=tuple(_named(p) for p in missing)),)
    quoted = quoted_price(model, values, rubric.pricing.demand)
    reasons = []
    if quoted <= 0:
        reasons.append(Reason.said("price_not_positive", "reason.price_not_positive", quoted=quoted,
                                   currency=rubric.currency))
    if model is PricingModel.PER_UNIT_MONTH:  # 超过任一单项限价的投标无效, whatever Q comes to
        for unit, rate, ceiling in rubric.pricing.demand.above_unit_ceilings(values):
            parameter = next(p for p in parameters if p.id == f"rate_{unit.id}")
            reasons.append(Reason.said(  # one per unit over, each with its rate, ceiling and what the rate is per
                "above_unit_ceiling", "reason.above_unit_ceiling", rate=_named(parameter), unit=unit.id,
                per=rate_per(unit), quoted=rate, ceiling=ceiling, currency=rubric.currency))
    below = rubric.pricing.demand.below_min_discount(values) if model is PricingModel.DISCOUNT_RATE else None
    if below is not None:  # 下浮率低于 5 % 的投标无效
        reasons.append(Reason.said("below_min_discount", "reason.below_min_discount", rate=below,
                                   least=rubric.pricing.demand.min_discount))
    price = rubric.price_criterion
    if price is not None and price.budget_ceiling is not None and quoted > price.budget_ceiling:
        reasons.append(Reason.said("above_budget_ceiling", "reason.above_budget_ceiling", quoted=quoted,
                                   ceiling=price.budget_ceiling, currency=rubric.currency))
    return model, quoted, tuple(reasons)


def _gate_reason(rubric: Rubric, gate: Gate, values: Mapping[str, Any]) -> Reason:
    """A failed gate's reason: the rubric's words, or that the field it tests is empty (the words would be untrue)."""
    field = rubric.field_index.get(gate.when.field)
    if values.get(gate.when.field) is None and field is not None:
        return Reason.said(gate.id, "reason.gate_blank", field=_named(field))
    return gate.failure_reason()


def _named(field: Field | PriceParameter) -> Named:
    return Named(field.id, field.label)


def _model(model: PricingModel) -> Named:
    return Named(model.value, model.label)
