"""Figures the charts show, computed from a Result: score make-up, value for money, judge deviations."""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from .result import Result, Standing
from .scoring import ZERO, mean


def group_part(standing: Standing, group: str) -> Decimal:
    """What one group adds to a ranked bid's total: its weighted subtotal where groups are scaled or weighted,
    else the sum of its criterion scores."""
    step = standing.subtotals.get(group)
    return step.weighted if step is not None else standing.groups.get(group, ZERO)


def price_part(result: Result, standing: Standing) -> Decimal:
    """What price adds to a ranked bid's total: the price criterion's score, or, where its group is scaled or
    weighted, that group's weighted subtotal (the whole group: a scaled sum cannot be split by criterion)."""
    price = result.rubric.price_criterion
    if price is None:
        return ZERO
    if result.rubric.group(price.group).has_rules:
        return group_part(standing, price.group)
    return standing.criteria.get(price.id, ZERO)


def non_price_score(result: Result, vendor_id: str) -> Decimal:
    """A ranked bid's total less what price added to it: what it earned on quality."""
    standing = result.standing(vendor_id)
    if standing is None:
        raise KeyError(vendor_id)
    return standing.total - price_part(result, standing)


def judge_deviations(result: Result) -> dict[tuple[str, str], Decimal]:
    """Per (judge, vendor): the judge's mean signed distance from the panel's plain mean, over the panel criteria.

    Positive: the judge scored that bid above the panel; negative: below.
    """
    by_bid: dict[tuple[str, str], list[tuple[str, Decimal]]] = defaultdict(list)
    for s in result.panel_scores:
        if s.score is not None:
            by_bid[(s.vendor_id, s.criterion)].append((s.judge, s.score))
    gaps: dict[tuple[str, str], list[Decimal]] = defaultdict(list)
    for (vendor, _criterion), scores in by_bid.items():
        panel_mean = mean([score for _, score in scores])
        for judge, score in scores:
            gaps[(judge, vendor)].append(score - panel_mean)
    return {key: mean(values) for key, values in gaps.items()}


def panel_bids(result: Result) -> list[tuple[str, str]]:
    """(vendor_id, name) of the bids the panel scores: those ranked, and those below a pass mark while a judge has
    not scored them yet (:attr:`~bideval.result.Result.unsettled_stages`) — before the panel's scores every bid is below a pass mark the judged
    criteria make up, and a QCBS panel had been handed no bid to score (an empty grid and score sheet, 0 / 0 scores)."""
    return [(b.vendor_id, b.vendor_name) for b in result.ranking] + [
        (b.vendor_id, b.vendor_name) for b in result.unsettled_stages]


def panel_progress(result: Result) -> tuple[int, int]:
    """(scores given, scores expected) over the panel, the bids it scores (:func:`panel_bids`) and the panel
    criteria; a judge recused from a bid (回避) owes it no score and any score they gave it is not counted."""
    ranked = {v for v, _ in panel_bids(result)}
    recused = set(result.recused)
    due = sum(1 for judge in result.judges for vendor in ranked if (judge, vendor) not in recused)
    expected = due * len(result.rubric.panel_criteria)
    members = set(result.judges)
    given = sum(1 for s in result.panel_scores if s.score is not None and s.vendor_id in ranked
                and s.judge in members and (s.judge, s.vendor_id) not in recused)
    return given, expected
