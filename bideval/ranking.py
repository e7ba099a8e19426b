"""Ranking valid bids (Order 87 art. 55) and choosing the recommended candidates.

Highest total first; equal totals, lower quoted price first; equal total and
equal quoted price share a rank (1, 2, 2, 4) and stand in vendor_id order.
"""
from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple, Sequence


class Entry(NamedTuple):
    """What ranking looks at."""

    vendor_id: str
    total: Decimal
    quoted_price: Decimal


def rank(entries: Sequence[Entry]) -> list[tuple[int, Entry]]:
    """Entries in rank order with their (possibly shared) rank.

    >>> [r for r, _ in rank([Entry("a", Decimal(90), Decimal(5)), Entry("b", Decimal(80), Decimal(1)),
    ...                      Entry("c", Decimal(80), Decimal(1)), Entry("d", Decimal(70), Decimal(1))])]
    [1, 2, 2, 4]
    """
    ordered = sorted(entries, key=lambda e: (-e.total, e.quoted_price, e.vendor_id))
    ranked: list[tuple[int, Entry]] = []
    for position, entry in enumerate(ordered, 1):
        if ranked and (ranked[-1][1].total, ranked[-1][1].quoted_price) == (entry.total, entry.quoted_price):
            ranked.append((ranked[-1][0], entry))
        else:
            ranked.append((position, entry))
    return ranked


def candidates(ranked: Sequence[tuple[int, Entry]], count: int) -> tuple[tuple[str, ...], bool]:
    """The top ``count`` vendors in order, widened to every bid sharing the last rank; and whether it was widened."""
    if len(ranked) <= count:
        return tuple(e.vendor_id for _, e in ranked), False
    cut_rank = ranked[count - 1][0]
    chosen = [e.vendor_id for r, e in ranked if r <= cut_rank]
    return tuple(chosen), len(chosen) > count
