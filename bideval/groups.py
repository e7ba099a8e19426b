"""Groups of criteria as a rubric declares them: stages, scaling to the best, weights (issue 7, items 5 and 6).

A group (技术部分, 商务部分, Technical, Financial) may carry

- a ``pass_mark``: a valid bid whose raw subtotal in the group (the sum of its
  rounded criterion scores, before any scaling or weight) is below it fails
  the stage — it gets no score in later groups and takes no part in the price
  evaluation or the ranking;
- ``scale_to_best``: the subtotal becomes S × raw / best raw among the bids
  still in the evaluation (S the group's max, or the points given), rounded;
  all 0 when the best is 0 or less;
- a ``weight``: the total is Σ round(weight × subtotal).

Rounding (the rubric's places for totals): the raw subtotal is an exact sum
of rounded criterion scores; the scaled subtotal is rounded half-up once,
after scaling; each weighted part is rounded half-up once; the total is the
exact sum of the weighted parts. The ranked workbook writes the same steps as
``ROUND`` formulas, so Excel reproduces every figure to the cent.

>>> technical = Group("technical", Label("技术部分", "Technical"), scale_to=Decimal(70))
>>> [s.scaled for s in subtotals((technical,), {"a": {"technical": Decimal(60)},
...                                              "b": {"technical": Decimal(66)}}, 2).values()
...  for s in s.values()]
[Decimal('63.64'), Decimal('70.00')]
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Mapping, Sequence

from .labels import Label
from .values import round_half_up

ZERO = Decimal(0)


@dataclass(frozen=True)
class Group:
    """A group as the rubric declares it (or as it is by default: no pass mark, no scaling, no weight)."""

    id: str
    label: Label
    pass_mark: Decimal | None = None
    scale_to: Decimal | None = None  # scale_to_best: the points the best bid gets
    weight: Decimal | None = None
    pass_share: Decimal | None = None  # the pass mark as the rubric wrote it, a share of the group's max (60% → 0.6)

    @property
    def has_rules(self) -> bool:
        """Whether the group does more than add up its criteria."""
        return self.pass_mark is not None or self.scale_to is not None or self.weight is not None


@dataclass(frozen=True)
class Subtotal:
    """One bid's subtotal in one group, step by step."""

    raw: Decimal  # Σ rounded criterion scores, before any scaling or weight
    scaled: Decimal  # what the group scores (the raw subtotal when the group is not scaled)
    weighted: Decimal  # weight × scaled, rounded (the scaled subtotal when the group has no weight)
    best: Decimal | None = None  # the best raw subtotal among the bids still in (scaled groups)


@dataclass(frozen=True)
class StageFailure:
    """A valid bid below a group's pass mark: out of the later groups, the price evaluation and the ranking."""

    group: str
    subtotal: Decimal  # its raw subtotal in that group
    pass_mark: Decimal
    criteria: Mapping[str, Decimal]  # its scores in that group and the groups before it
    groups: Mapping[str, Decimal]  # its raw subtotals in those groups
    incomplete: bool = False  # a judge has not yet scored it on a criterion of those groups


def stage_failure(groups: Sequence[Group], raw: Mapping[str, Decimal]) -> tuple[Group, Decimal] | None:
    """The first group, in order, whose pass mark the raw subtotals miss, with the subtotal; None if it passes."""
    for group in groups:
        subtotal = raw.get(group.id, ZERO)
        if group.pass_mark is not None and subtotal < group.pass_mark:
            return group, subtotal
    return None


def subtotals(groups: Sequence[Group], raw: Mapping[str, Mapping[str, Decimal]],
              places: int) -> dict[str, dict[str, Subtotal]]:
    """Every bid's subtotal in every group: ``raw`` by vendor then group, over the bids still in the evaluation."""
    best = {g.id: max((r.get(g.id, ZERO) for r in raw.values()), default=ZERO) for g in groups}
    out: dict[str, dict[str, Subtotal]] = {}
    for vendor, by_group in raw.items():
        out[vendor] = {}
        for g in groups:
            value = by_group.get(g.id, ZERO)
            scaled = value
            if g.scale_to is not None:
                scaled = ZERO if best[g.id] <= 0 else round_half_up(g.scale_to * value / best[g.id], places)
            weighted = scaled if g.weight is None else round_half_up(g.weight * scaled, places)
            out[vendor][g.id] = Subtotal(value, scaled, weighted, best[g.id] if g.scale_to is not None else None)
    return out


def group_max(group: Group, raw_max: Decimal) -> Decimal:
    """What the group can score before its weight: the points it is scaled to, else its criteria's maxima."""
    return raw_max if group.scale_to is None else group.scale_to


def weighted_max(group: Group, raw_max: Decimal) -> Decimal:
    """What the group can add to the total."""
    top = group_max(group, raw_max)
    return top if group.weight is None else group.weight * top
