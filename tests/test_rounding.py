"""Rounding per criterion (issue 7, item 4): a criterion's own ``decimals`` overrides the rubric's.

Oracles: price 40 × 150,000 / 170,000 = 35.294… → 35.3 at 1 place; judges 3, 2.5, 2.5 → 2.666… → 2.67 at
2 places. Totals stay sums of the rounded criterion scores; the workbook's formulas sum the same cells.
"""
from decimal import Decimal as D

import openpyxl
import pytest

from bideval.errors import RubricError
from bideval.evaluation import evaluate
from bideval.export import write_workbook
from bideval.panel import PanelInput, Score
from bideval.result import result_document
from bideval.rubric import parse_rubric
from bideval.rubric_view import describe_rubric
from conftest import VENDOR_A, VENDOR_B, make_bidset

RUBRIC = """
id: rounding
title: {zh: 分项保留位数, en: Rounding per criterion}
decimals: {decimals}
total: 43
fields: []
criteria:
  - id: design
    name: {zh: 设计方案, en: Design}
    group: commercial
    kind: judged
    max: 3
    decimals: {design}
  - id: price
    name: {zh: 价格, en: Price}
    group: price
    kind: price
    max: 40
    method: lowest_ratio
    decimals: {price}
"""


def rubric(decimals=2, design=2, price=1):
    return parse_rubric(RUBRIC.replace("{decimals}", str(decimals)).replace("{design}", str(design))
                        .replace("{price}", str(price)), "rounding.yaml")


def bid(vendor, price):
    return {"vendor_id": vendor, "vendor_name": f"公司{vendor[-3:]}", "total_price": price}


def evaluated(r):
    panel = PanelInput(("甲", "乙", "丙"), tuple(Score(j, v, "design", D(s)) for v in (VENDOR_A, VENDOR_B)
                                               for j, s in zip(("甲", "乙", "丙"), ("3", "2.5", "2.5"))), {})
    return evaluate(r, make_bidset(r, bid(VENDOR_A, 150000), bid(VENDOR_B, 170000)), panel)


@pytest.mark.parametrize("decimals, design, price, expected_design, expected_price", [
    (2, 2, 1, "2.67", "35.3"),  # the oracles: price to 1 place, the rest to 2
    (1, 2, 1, "2.67", "35.3"),  # a criterion's own decimals override the rubric's either way
    (2, 0, 3, "3", "35.294"),
    (2, 2, 2, "2.67", "35.29"),
])
def test_each_criterion_rounds_to_its_own_places(decimals, design, price, expected_design, expected_price):
    result = evaluated(rubric(decimals, design, price))
    second = result.standing(VENDOR_B)
    assert second.criteria == {"design": D(expected_design), "price": D(expected_price)}
    assert second.total == D(expected_design) + D(expected_price)  # a sum of rounded scores
    line = next(p for p in result.prices if p.vendor_id == VENDOR_B)
    assert line.score == D(expected_price)


def test_json_and_workbook_agree_to_the_last_place(tmp_path):
    result = evaluated(rubric())
    document = result_document(result)
    entry = next(e for e in document["ranking"] if e["vendor_id"] == VENDOR_B)
    assert entry["criteria"] == {"design": 2.67, "price": 35.3} and entry["total"] == 37.97
    path = tmp_path / "ranked.xlsx"
    write_workbook(result, path)
    scores = openpyxl.load_workbook(path)["Scores"]
    row = next(r for r in scores.iter_rows(min_row=2) if r[0].value == VENDOR_B)
    assert [c.value for c in row[2:4]] == [2.67, 35.3]
    assert [c.number_format for c in row[2:4]] == ["0.00", "0.0"]
    assert row[-1].value.startswith("=SUM(C") and row[-1].number_format == "0.00"
    cached = openpyxl.load_workbook(path, data_only=True)["Scores"]
    assert cached.cell(row[-1].row, row[-1].column).value == 37.97


def test_check_states_the_criterion_rounding():
    assert "保留1位小数" in describe_rubric(rubric(), "zh")
    assert "rounded to 1 decimal place" in describe_rubric(rubric(), "en")


@pytest.mark.parametrize("text, message", [
    (RUBRIC.replace("decimals: {design}", "decimals: 7"), "criterion 'design': decimals must be a whole number from 0 to 6"),
    (RUBRIC.replace("decimals: {design}", "decimals: -1"), "criterion 'design': decimals must be a whole number of at least 0"),
])
def test_bad_decimals_are_named(text, message):
    with pytest.raises(RubricError) as caught:
        parse_rubric(text.replace("{decimals}", "2").replace("{price}", "1"), "x.yaml")
    assert message in str(caught.value)


def test_a_tiered_criterion_needs_places_for_its_tier_bounds(rubric_text=None):
    from conftest import EXAMPLE_RUBRIC

    text = EXAMPLE_RUBRIC.read_text(encoding="utf-8").replace("    kind: tiered\n", "    kind: tiered\n    decimals: 0\n")
    with pytest.raises(RubricError) as caught:
        parse_rubric(text, "x.yaml")
    (problem,) = caught.value.problems
    assert "criterion 'ops_plan': decimals 0 is fewer than the 1 decimal place(s) of the tier bounds" in str(problem)
    expected = {"criterion": "ops_plan", "decimals": 0, "tier_decimals": 1}
    assert {key: problem.data.get(key) for key in expected} == expected  # a coded problem carries more
