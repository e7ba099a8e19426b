"""Ranking valid bids (Order 87 art. 55) and choosing the recommended candidates.

Highest total first; equal totals, lower quoted price first; equal total and
equal quoted price share a rank (1, 2, 2, 4) and stand in vendor_id order.
"""
from __future__ import annotations

from decimal import Decimal
from operator import itemgetter
from typing import Iterable, NamedTuple, Sequence


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
    # Each different total and price by its place among them (equal amounts alike: 80 and 80.0), so that the sort
    # compares small whole numbers rather than 50,000 bids' Decimals again and again
    by_total = _places(map(itemgetter(1), entries), highest_first=True)
    by_price = _places(map(itemgetter(2), entries))
    ordered = sorted(zip(map(by_total.__getitem__, map(itemgetter(1), entries)),
                         map(by_price.__getitem__, map(itemgetter(2), entries)), map(itemgetter(0), entries), entries))
    ranked: list[tuple[int, Entry]] = []
    place, before = 0, None
    for position, (total, price, _, entry) in enumerate(ordered, 1):
        if (total, price) != before:  # (equal total and price: the rank above is shared)
            place, before = position, (total, price)
        ranked.append((place, entry))
    return ranked


def _places(amounts: Iterable[Decimal], highest_first: bool = False) -> dict[Decimal, int]:
    """Each different amount and its place in order (equal amounts one)."""
    return {amount: i for i, amount in enumerate(sorted(set(amounts), reverse=highest_first))}


def candidates(ranked: Sequence[tuple[int, Entry]], count: int) -> tuple[tuple[str, ...], bool]:
    """The top ``count`` vendors in order, widened to every bid sharing the last rank; and whether it was widened."""
    if len(ranked) <= count:
        return tuple(e.vendor_id for _, e in ranked), False
    cut_rank = ranked[count - 1][0]
    chosen = [e.vendor_id for r, e in ranked if r <= cut_rank]
    return tuple(chosen), len(chosen) > count
