"""Scoring one criterion: objective criteria from the bid, panel aggregates, price methods.

Functions here are pure and return unrounded Decimals; the evaluation rounds
each criterion score half-up to the rubric's decimals.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Mapping, Sequence, TypeVar

from .benchmark import (Benchmark, counted_deviation, deviation_percent, deviation_scores, form_benchmark, ratio_scores,
                        relative_to_lowest_scores)
from .rubric import (Aggregate, BenchmarkDeviationPrice, Checklist, Count, Criterion, FormulaPrice, Linear,
                     LinearMinmaxPrice, LowestRatioPrice, PanelRules, Price, RatioPrice, RelativeToLowestPrice)

ZERO = Decimal(0)


def linear_score(points: Sequence[tuple[Decimal, Decimal]], x: Decimal) -> Decimal:
    """Piecewise linear through ``points`` (x ascending), clamped at both ends.

    >>> linear_score([(Decimal("0.92"), Decimal(7)), (Decimal("0.96"), Decimal(10))], Decimal("0.94"))
    Decimal('8.5')
    """
    if x <= points[0][0]:
        return points[0][1]
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        if x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return points[-1][1]


def objective_score(criterion: Criterion, values: Mapping[str, Any]) -> Decimal:
    """The unrounded score of a checklist, count or linear criterion for a bid's values."""
    if isinstance(criterion, Checklist):
        return checklist_score(criterion, [item.when.holds(values) for item in criterion.items])
    if not isinstance(criterion, (Count, Linear)):
        raise ValueError(f"{criterion.id} is {criterion.kind.value}, not an objective criterion")
    value = values.get(criterion.field)
    if value is None:
        return ZERO  # a bidder who commits to nothing gets nothing
    if isinstance(criterion, Count):
        return min(criterion.max, criterion.points_per_unit * Decimal(value))
    return linear_score(criterion.points, Decimal(value))


def checklist_score(criterion: Checklist, held: Sequence[bool]) -> Decimal:
    """The unrounded score of a checklist whose items hold or not as ``held`` says, item by item: the points of
    those that hold, capped at max."""
    return min(criterion.max, sum((item.points for item, holds in zip(criterion.items, held) if holds), ZERO))


def aggregate(scores: Sequence[Decimal], rules: PanelRules) -> Decimal:
    """The panel's score for one bid and criterion: mean, or trimmed mean with enough judges.

    >>> aggregate([Decimal(1), Decimal(5), Decimal(6), Decimal(7), Decimal(10)],
    ...           PanelRules(Aggregate.TRIMMED_MEAN, trim=1, min_judges_for_trim=5))
    Decimal('6')
    """
    if not scores:
        return ZERO
    left_out = trimmed_away(dict(enumerate(scores)), rules)
    kept = [score for i, score in enumerate(scores) if i not in left_out]
    return sum(kept, ZERO) / len(kept)


LOWEST, HIGHEST = "lowest", "highest"
Judge = TypeVar("Judge", str, int)  # a judge's name, or a score's place in a list (aggregate)


def trimmed_away(scores: Mapping[Judge, Decimal], rules: PanelRules) -> dict[Judge, str]:
    """The judges whose scores the trimmed mean leaves out, each with ``lowest`` or ``highest``: the ``trim`` lowest and
    highest of the scores present when there are at least ``min_judges_for_trim`` (none otherwise, or under another
    aggregate). Equal scores are taken in judges' name order: which of two equal scores is left out changes no
    figure, and the sheet that shows it names one all the same.

    >>> trimmed_away({"A": Decimal(1), "B": Decimal(5), "C": Decimal(6), "D": Decimal(7), "E": Decimal(10)},
    ...              PanelRules(Aggregate.TRIMMED_MEAN, trim=1, min_judges_for_trim=5))
    {'A': 'lowest', 'E': 'highest'}
    """
    if rules.aggregate is not Aggregate.TRIMMED_MEAN or len(scores) < rules.min_judges_for_trim or not rules.trim:
        return {}
    lowest = sorted(scores, key=lambda judge: (scores[judge], judge))[:rules.trim]
    highest = sorted((j for j in scores if j not in lowest), key=lambda judge: (-scores[judge], judge))[:rules.trim]
    return {**{j: LOWEST for j in lowest}, **{j: HIGHEST for j in highest}}


def mean(values: Sequence[Decimal]) -> Decimal:
    """The plain arithmetic mean."""
    return sum(values, ZERO) / len(values)


@dataclass(frozen=True)
class PriceOutcome:
    """The unrounded price score of every bid in the price evaluation, and how it was reached.

    ``benchmark`` is B (ratio and deviation); ``deviations`` each bid's d in percent,
    unrounded and signed, and ``counted`` the |d| the score used (deviation).
    """

    points: Mapping[str, Decimal]
    benchmark: Benchmark | None = None
    deviations: Mapping[str, Decimal] = field(default_factory=dict)
    counted: Mapping[str, Decimal] = field(default_factory=dict)


def price_scores(criterion: Price, evaluated: Mapping[str, Decimal]) -> dict[str, Decimal]:
    """Unrounded price score of every valid bid from its evaluated price E."""
    return dict(price_outcome(criterion, evaluated).points)


def price_outcome(criterion: Price, evaluated: Mapping[str, Decimal]) -> PriceOutcome:
    """Every bid's unrounded price score from its evaluated price E, with B and d where the method has them.

    One bid scores full marks under every method; B and its d are still stated, but no counted |d|: the score did
    not use one (a counted 6 beside full marks read as if it had).
    """
    if not evaluated:
        return PriceOutcome({})
    top = criterion.max
    if isinstance(criterion, FormulaPrice):
        outcome = _benchmark_outcome(criterion, evaluated)
        if len(evaluated) == 1:
            return PriceOutcome({vendor: top for vendor in evaluated}, outcome.benchmark, outcome.deviations)
        return outcome
    if len(evaluated) == 1:
        return PriceOutcome({vendor: top for vendor in evaluated})
    low, high = min(evaluated.values()), max(evaluated.values())
    if isinstance(criterion, LowestRatioPrice):
        return PriceOutcome({vendor: top * low / e for vendor, e in evaluated.items()})
    if isinstance(criterion, LinearMinmaxPrice):
        if high == low:
            return PriceOutcome({vendor: top for vendor in evaluated})
        return PriceOutcome({vendor: top * (high - e) / (high - low) for vendor, e in evaluated.items()})
    assert isinstance(criterion, BenchmarkDeviationPrice)  # each other method is one of the types above
    benchmark = mean(list(evaluated.values()))
    out = {}
    for vendor, e in evaluated.items():
        deviation = 100 * (e - benchmark) / benchmark
        penalty = criterion.above_penalty if e > benchmark else criterion.below_penalty
        out[vendor] = max(ZERO, top - penalty * abs(deviation))
    return PriceOutcome(out)


def _benchmark_outcome(criterion: FormulaPrice, evaluated: Mapping[str, Decimal]) -> PriceOutcome:
    """The methods of issue 7: ratio and deviation against B, relative_to_lowest against E_min."""
    top = criterion.max
    if isinstance(criterion, RelativeToLowestPrice):
        return PriceOutcome(relative_to_lowest_scores(top, evaluated))
    benchmark = form_benchmark(criterion.benchmark, list(evaluated.values()), criterion.budget_ceiling)
    b = benchmark.value
    if isinstance(criterion, RatioPrice):
        return PriceOutcome(ratio_scores(top, b, evaluated), benchmark)
    deviations = {vendor: deviation_percent(e, b) for vendor, e in evaluated.items()}
    counted = {vendor: counted_deviation(d, criterion.deviation_rounding) for vendor, d in deviations.items()}
    points = deviation_scores(top, counted, {vendor: d > 0 for vendor, d in deviations.items()},
                              criterion.above_penalty, criterion.below_penalty)
    return PriceOutcome(points, benchmark, deviations, counted)
