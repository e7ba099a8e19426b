"""Deductions (扣分制) and penalties: points taken off for every shortfall a bid counts.

A ``deduction`` criterion starts at its max and loses each item's points per
occurrence, never going below 0 (每有一项#号条款不满足扣2分…扣完为止). A
``penalty`` criterion takes its points off the total (不良记录每项扣2分), at most
its max: its score runs from 0 down to −max. Each item reads one bid field: a
number of occurrences, or yes for one. An empty answer counts no occurrence.

>>> from bideval.labels import Label
>>> from bideval.rubric import Deduction, DeductionItem
>>> key = DeductionItem(Label("带#号条款", "Key item"), "unmet_key", Decimal(2))
>>> other = DeductionItem(Label("其他条款", "Other item"), "unmet_other", Decimal("0.5"))
>>> c = Deduction(id="tech", name=Label("技术", "Technical"), group="technical", max=Decimal(30), items=(key, other))
>>> deduction_score(c, deduction_lines(c, {"unmet_key": 1, "unmet_other": 1}))
Decimal('27.5')
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Mapping, Sequence

from .errors import Problem
from .labels import Label, Named
from .rubric import Deduction, Field, Penalty, Rubric

ZERO = Decimal(0)


@dataclass(frozen=True)
class DeductionLine:
    """One item of a deduction or penalty for one bid: how many times it occurred and what it cost."""

    criterion: str
    label: Label
    field: str
    count: Decimal
    points: Decimal  # per occurrence
    deducted: Decimal  # points × count


def occurrences(value: Any) -> Decimal:
    """How many times a shortfall occurred: a count as stated, yes as one, no or empty as none."""
    if value is None or value is False:
        return ZERO
    if value is True:
        return Decimal(1)
    return Decimal(value)


def deduction_lines(criterion: Deduction, values: Mapping[str, Any]) -> tuple[DeductionLine, ...]:
    """Every item of ``criterion`` with the bid's count of it and the points it costs."""
    lines = []
    for item in criterion.items:
        count = occurrences(values.get(item.field))
        lines.append(DeductionLine(criterion.id, item.label, item.field, count, item.points, item.points * count))
    return tuple(lines)


def deduction_score(criterion: Deduction, lines: Sequence[DeductionLine]) -> Decimal:
    """max − Σ deducted, never below 0; for a penalty, −Σ deducted, never below −max."""
    taken = sum((line.deducted for line in lines), ZERO)
    if isinstance(criterion, Penalty):
        return -min(criterion.max, taken)
    return max(ZERO, criterion.max - taken)


def unrequired_counts(rubric: Rubric) -> tuple[tuple[Deduction, Field], ...]:
    """Each deduction or penalty item whose field is not ``required``, with that field: a bid that leaves it empty
    counts no occurrence and loses nothing, so it outranks one that answers honestly (hostile9 H9-5)."""
    fields = rubric.field_index
    return tuple((criterion, fields[item.field]) for criterion in rubric.criteria if isinstance(criterion, Deduction)
                 for item in criterion.items if not fields[item.field].required)


def unrequired_count_warnings(rubric: Rubric, left_empty: Mapping[str, Sequence[str]] | None = None
                              ) -> tuple[Problem, ...]:
    """A warning for each of :func:`unrequired_counts`: ``check``'s (every one), or, given ``left_empty`` (field id →
    the bids, by name, that left it empty), an evaluation's (those some bid left empty, naming the bids)."""
    out = []
    for criterion, field in unrequired_counts(rubric):
        bids = () if left_empty is None else tuple(left_empty.get(field.id, ()))
        if left_empty is None or bids:
            out.append(Problem.of("rubric.count_not_required", rubric.source, where=f"criterion {criterion.id!r}",
                                  criterion=criterion.id, counted=Named(field.id, field.label), bids=bids))
    return tuple(out)
