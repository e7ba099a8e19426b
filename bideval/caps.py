"""Shared caps: several criteria under one cap (每个项目2分，每个证书1分，合计最高10分).

The parts' combined score is min(cap, Σ parts), each part first rounded to its
own places. So that every subtotal and total stays the sum of the scores shown,
the points over the cap come off the parts listed last: in the order of the
cap's ``criteria``, each part keeps its score while the cap has room for it,
and the part that reaches the cap keeps only what is left.

>>> from bideval.labels import Label
>>> from bideval.rubric import SharedCap
>>> cap = SharedCap("track_record", Label("业绩与证书", "Track record"), Decimal(10), ("projects", "certificates"))
>>> line = cap_line(cap, {"projects": Decimal(8), "certificates": Decimal(3), "price": Decimal(30)})
>>> line.combined, line.counted
(Decimal('10'), {'projects': Decimal('8'), 'certificates': Decimal('2')})
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable, Mapping

from .rubric import SharedCap

ZERO = Decimal(0)


@dataclass(frozen=True)
class CapLine:
    """One shared cap for one bid: each part's own score, what of it counts, and the combined score."""

    cap: SharedCap
    parts: Mapping[str, Decimal]  # criterion id → its score before the cap
    counted: Mapping[str, Decimal]  # criterion id → what counts towards the total
    combined: Decimal  # min(cap, Σ parts) = Σ counted


def cap_line(cap: SharedCap, scores: Mapping[str, Decimal]) -> CapLine:
    """The cap applied to one bid's rounded criterion scores."""
    parts = {c: scores[c] for c in cap.criteria}
    room = cap.max
    counted: dict[str, Decimal] = {}
    for criterion, score in parts.items():
        counted[criterion] = max(ZERO, min(score, room))
        room -= counted[criterion]
    return CapLine(cap, parts, counted, sum(counted.values(), ZERO))


def apply_caps(caps: Iterable[SharedCap], scores: Mapping[str, Decimal]) -> tuple[dict[str, Decimal],
                                                                                   dict[str, CapLine]]:
    """Every criterion's counted score (capped parts replaced) and each cap's line, by cap id."""
    counted = dict(scores)
    lines: dict[str, CapLine] = {}
    for cap in caps:
        lines[cap.id] = cap_line(cap, scores)
        counted.update(lines[cap.id].counted)
    return counted, lines
