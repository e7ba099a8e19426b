"""Which bids are valid (rules.md, Validity): gates, required fields, price terms.

All reasons are collected, not just the first.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Mapping

from .bids import Bid
from .labels import Label, Named
from .messages import reason_label
from .pricing import PRICE_MODEL_FIELD, PriceParameter, PricingModel, quoted_price
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
            reasons.append(Reason(gate.id, _gate_text(rubric, gate, values)))
    for field in rubric.required_fields:
        if values.get(field.id) is None:
            reasons.append(Reason(f"required: {field.id}", reason_label("reason.required", field=_named(field))))
    model, quoted, price_reasons = _price_terms(rubric, bid)
    return BidCheck(model, quoted, tuple(reasons + price_reasons))


def _price_terms(rubric: Rubric, bid: Bid) -> tuple[PricingModel | None, Decimal | None, list[Reason]]:
    allowed = rubric.pricing.models
    model = bid.values.get(PRICE_MODEL_FIELD)
    if model is None:
        if len(allowed) != 1:
            return None, None, [Reason(f"required: {PRICE_MODEL_FIELD}", reason_label("reason.price_model_required"))]
        model = allowed[0]
    if model not in allowed:
        return model, None, [Reason("price_model_not_allowed",
                                    reason_label("reason.price_model_not_allowed", model=_model(model),
                                                 allowed=tuple(_model(m) for m in allowed)))]
    parameters = rubric.pricing.parameters(model)
    missing = [p for p in parameters if bid.values.get(p.id) is None]
    if missing:
        return model, None, [Reason("price_parameters_missing",
                                    reason_label("reason.price_parameters_missing",
                                                 missing=tuple(_named(p) for p in missing)))]
    quoted = quoted_price(model, bid.values, rubric.pricing.demand)
    reasons = []
    if quoted <= 0:
        reasons.append(Reason("price_not_positive", reason_label("reason.price_not_positive", quoted=quoted,
                                                                 **_currency(rubric))))
    if model is PricingModel.PER_UNIT_MONTH:  # 超过任一单项限价的投标无效, whatever Q comes to
        for unit, rate, ceiling in rubric.pricing.demand.above_unit_ceilings(bid.values):
            parameter = next(p for p in parameters if p.id == f"rate_{unit}")
            reasons.append(Reason("above_unit_ceiling", reason_label(  # one per unit over, named in the text
                "reason.above_unit_ceiling", rate=_named(parameter), quoted=rate, ceiling=ceiling, **_currency(rubric))))
    price = rubric.price_criterion
    if price is not None and price.budget_ceiling is not None and quoted > price.budget_ceiling:
        reasons.append(Reason("above_budget_ceiling", reason_label("reason.above_budget_ceiling", quoted=quoted,
                                                                   ceiling=price.budget_ceiling, **_currency(rubric))))
    return model, quoted, reasons


def _currency(rubric: Rubric) -> dict[str, str]:
    """The tender's currency as a fact of a money reason, when it is not yuan (yuan reasons stay as they were)."""
    return {} if rubric.currency == "CNY" else {"currency": rubric.currency}


def _gate_text(rubric: Rubric, gate: Gate, values: Mapping[str, Any]) -> Label:
    """A failed gate's text: the rubric's reason, or that the field it tests is empty (the reason would be untrue)."""
    field = rubric.field_index.get(gate.when.field)
    if values.get(gate.when.field) is None and field is not None:
        return reason_label("reason.gate_blank", field=_named(field))
    return gate.failure


def _named(field: Field | PriceParameter) -> Named:
    return Named(field.id, field.label)


def _model(model: PricingModel) -> Named:
    return Named(model.value, model.label)
