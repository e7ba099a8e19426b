"""Which bids are valid (rules.md, Validity): gates, required fields, price terms.

All reasons are collected, not just the first.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .bids import Bid
from .labels import Label
from .pricing import PRICE_MODEL_FIELD, PricingModel, quoted_price
from .result import Reason
from .rubric import Gate, Rubric
from .values import money_text


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


def check_bid(rubric: Rubric, bid: Bid) -> BidCheck:
    """Every reason ``bid`` is invalid, with its pricing model and Q."""
    reasons: list[Reason] = []
    values = bid.values
    for criterion in rubric.criteria:
        if isinstance(criterion, Gate) and not criterion.when.holds(values):
            reasons.append(Reason(criterion.id, criterion.reason or criterion.name))
    for field in rubric.fields:
        if field.required and values.get(field.id) is None:
            reasons.append(Reason(f"required: {field.id}",
                                  Label(f"未填写{field.label.zh}", f"{field.label.en} is not stated")))
    model, quoted, price_reasons = _price_terms(rubric, bid)
    return BidCheck(model, quoted, tuple(reasons + price_reasons))


def _price_terms(rubric: Rubric, bid: Bid) -> tuple[PricingModel | None, Decimal | None, list[Reason]]:
    allowed = rubric.pricing.models
    model = bid.values.get(PRICE_MODEL_FIELD)
    if model is None:
        if len(allowed) != 1:
            return None, None, [Reason(f"required: {PRICE_MODEL_FIELD}",
                                       Label("未填写报价方式", "Pricing model is not stated"))]
        model = allowed[0]
    if model not in allowed:
        names = Label("、".join(m.label.zh for m in allowed), ", ".join(m.label.en for m in allowed))
        return model, None, [Reason("price_model_not_allowed",
                                    Label(f"报价方式“{model.label.zh}”不在允许范围（{names.zh}）",
                                          f"pricing model '{model.label.en}' is not allowed ({names.en})"))]
    parameters = rubric.pricing.parameters(model)
    missing = [p for p in parameters if bid.values.get(p.id) is None]
    if missing:
        return model, None, [Reason("price_parameters_missing",
                                    Label("报价缺少：" + "、".join(p.label.zh for p in missing),
                                          "price lacks: " + ", ".join(p.label.en for p in missing)))]
    quoted = quoted_price(model, bid.values, rubric.pricing.demand)
    reasons = []
    if quoted <= 0:
        reasons.append(Reason("price_not_positive", Label(f"投标报价 {money_text(quoted)} 元不大于零",
                                                          f"quoted price {money_text(quoted)} is not above 0")))
    price = rubric.price_criterion
    if price is not None and price.budget_ceiling is not None and quoted > price.budget_ceiling:
        ceiling = money_text(price.budget_ceiling)
        reasons.append(Reason("above_budget_ceiling",
                              Label(f"投标报价 {money_text(quoted)} 元超过最高限价 {ceiling} 元",
                                    f"quoted price {money_text(quoted)} is above the budget ceiling {ceiling}")))
    return model, quoted, reasons
