"""Ranking with Order 87 art. 55 tie rules, and the candidate cut."""
from decimal import Decimal as D

import pytest

from bideval.ranking import Entry, candidates, rank


def entries(*rows):
    return [Entry(v, D(t), D(p)) for v, t, p in rows]


def test_higher_total_first_then_lower_price_then_shared_rank():
    ranked = rank(entries(("d", 70, 1), ("c", 80, 9), ("b", 80, 9), ("a", 80, 5), ("e", 90, 100)))
    assert [(r, e.vendor_id) for r, e in ranked] == [(1, "e"), (2, "a"), (3, "b"), (3, "c"), (5, "d")]


def test_candidates_widen_when_a_shared_rank_straddles_the_cut():
    ranked = rank(entries(("a", 90, 1), ("b", 80, 1), ("c", 80, 1), ("d", 70, 1)))
    assert candidates(ranked, 2) == (("a", "b", "c"), True)
    assert candidates(ranked, 3) == (("a", "b", "c"), False)
    assert candidates(ranked, 1) == (("a",), False)
    assert candidates(ranked, 9) == (("a", "b", "c", "d"), False)


@pytest.mark.parametrize("order", [[0, 1, 2, 3], [3, 2, 1, 0], [2, 0, 3, 1]])
def test_input_order_never_changes_the_ranking(order):
    rows = entries(("a", 90, 1), ("b", 80, 2), ("c", 80, 2), ("d", 80, 1))
    assert rank([rows[i] for i in order]) == rank(rows)


def test_equal_amounts_written_differently_are_one_total_and_one_price():
    """rank sorts by each amount's place among the different ones (speed14): 80, 80.0 and 80.00 are one total."""
    ranked = rank([Entry("b", D("80.0"), D("5.00")), Entry("a", D("80"), D("5")), Entry("c", D("80.00"), D("4.99")),
                   Entry("d", D("90"), D("9"))])
    assert [(r, e.vendor_id) for r, e in ranked] == [(1, "d"), (2, "c"), (3, "a"), (3, "b")]
