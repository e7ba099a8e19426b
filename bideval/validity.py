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


class GateVerdicts:
    """Whether each gate of a rubric holds for a value, remembered: bids state the same few values (是, √, 驻场运营)
    again and again, and a gate's verdict depends on the one value its field holds."""

    def __init__(self) -> None:
        self._known: dict[int, dict[Any, bool]] = {}  # by the gate's id(): hashing a gate costs more than asking it

    def holds(self, gate: Gate, values: Mapping[str, Any]) -> bool:
        """``gate.when.holds(values)``."""
        known = self._known.get(id(gate))
        if known is None:
            known = self._known[id(gate)] = {}
        value = values.get(gate.when.field)
        try:
            verdict = known.get(value)
        except TypeError:  # an unhashable value: no parser gives one, but asking the gate is always right
            return gate.when.holds(values)
        if verdict is None:
            verdict = known[value] = gate.when.holds(values)
        return verdict


def check_bid(rubric: Rubric, bid: Bid, gates: GateVerdicts | None = None) -> BidCheck:
    """Every reason ``bid`` is invalid, with its pricing model and Q (``gates``: verdicts shared with other bids)."""
    reasons: list[Reason] = []
    values = bid.values
    gates = gates or GateVerdicts()
    for gate in rubric.gates:
        if not gates.holds(gate, values):
            reasons.append(_gate_reason(rubric, gate, values))
    for field in rubric.required_fields:
        if values.get(field.id) is None:
            reasons.append(Reason.said(f"required: {field.id}", "reason.required", field=_named(field)))
    model, quoted, price_reasons = _price_terms(rubric, bid)
    return BidCheck(model, quoted, tuple(reasons + price_reasons))


def _price_terms(rubric: Rubric, bid: Bid) -> tuple[PricingModel | None, Decimal | None, list[Reason]]:
    allowed = rubric.pricing.models
    model = bid.values.get(PRICE_MODEL_FIELD)
    if model is None:
        if len(allowed) != 1:
            return None, None, [Reason.said(f"required: {PRICE_MODEL_FIELD}", "reason.price_model_required")]
        model = allowed[0]
    if model not in allowed:
        return model, None, [Reason.said("price_model_not_allowed", "reason.price_model_not_allowed",
                                         model=_model(model), allowed=tuple(_model(m) for m in allowed))]
    parameters = rubric.pricing.parameters(model)
    missing = [p for p in parameters if bid.values.get(p.id) is None]
    if missing:
        return model, None, [Reason.said("price_parameters_missing", "reason.price_parameters_missing",
                                         missing=tuple(_named(p) for p in missing))]
    quoted = quoted_price(model, bid.values, rubric.pricing.demand)
    reasons = []
    if quoted <= 0:
        reasons.append(Reason.said("price_not_positive", "reason.price_not_positive", quoted=quoted,
                                   currency=rubric.currency))
    if model is PricingModel.PER_UNIT_MONTH:  # 超过任一单项限价的投标无效, whatever Q comes to
        for unit, rate, ceiling in rubric.pricing.demand.above_unit_ceilings(bid.values):
            parameter = next(p for p in parameters if p.id == f"rate_{unit.id}")
            reasons.append(Reason.said(  # one per unit over, each with its rate, ceiling and what the rate is per
                "above_unit_ceiling", "reason.above_unit_ceiling", rate=_named(parameter), unit=unit.id,
                per=rate_per(unit), quoted=rate, ceiling=ceiling, currency=rubric.currency))
    below = rubric.pricing.demand.below_min_discount(bid.values) if model is PricingModel.DISCOUNT_RATE else None
    if below is not None:  # 下浮率低于 5 % 的投标无效
        reasons.append(Reason.said("below_min_discount", "reason.below_min_discount", rate=below,
                                   least=rubric.pricing.demand.min_discount))
    price = rubric.price_criterion
    if price is not None and price.budget_ceiling is not None and quoted > price.budget_ceiling:
        reasons.append(Reason.said("above_budget_ceiling", "reason.above_budget_ceiling", quoted=quoted,
                                   ceiling=price.budget_ceiling, currency=rubric.currency))
    return model, quoted, reasons


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
