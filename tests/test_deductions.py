"""Deductions (扣分制) and penalties (issue 7, item 1), with the issue's worked examples as oracles.

M 30, 2 per unmet key (#) item, 0.5 per other unmet item: 1 key + 1 other → 27.5; 12 key + 20 other → 0.
A penalty subtracts from the total: 2 bad records at 2 each, at most 6 → −4.
"""
from decimal import Decimal as D

import openpyxl
import pytest
from hypothesis import given, settings, strategies as st

from bideval.deductions import deduction_lines, deduction_score
from bideval.errors import RubricError
from bideval.evaluation import evaluate
from bideval.export import write_workbook
from bideval.result import result_document
from bideval.rubric import Deduction, Penalty, parse_rubric
from bideval.rubric_view import describe_rubric
from conftest import VENDOR_A, VENDOR_B, make_bidset

RUBRIC = """
id: goods
title: {zh: 货物采购, en: Goods}
total: 40
fields:
  - {id: unmet_key, label: {zh: 不满足的带#号条款数, en: Unmet key items}, type: integer, required: true}
  - {id: unmet_other, label: {zh: 不满足的其他条款数, en: Other unmet items}, type: integer}
  - {id: bad_records, label: {zh: 不良记录数, en: Bad records}, type: integer}
  - {id: late_last_year, label: {zh: 上年度逾期交货, en: Late delivery last year}, type: bool}
criteria:
  - id: compliance
    name: {zh: 技术响应, en: Technical compliance}
    group: technical
    kind: deduction
    max: 30
    items:
      - {label: {zh: 带#号条款不满足, en: Unmet key item}, field: unmet_key, points: 2}
      - {label: {zh: 其他条款不满足, en: Other unmet item}, field: unmet_other, points: 0.5}
  - id: records
    name: {zh: 不良记录, en: Bad records}
    group: commercial
    kind: penalty
    max: 6
    items:
      - {label: {zh: 不良记录, en: Bad record}, field: bad_records, points: 2}
      - {label: {zh: 逾期交货, en: Late delivery}, field: late_last_year, points: 1}
  - {id: price, name: {zh: 价格, en: Price}, group: price, kind: price, max: 10, method: lowest_ratio}
"""
GOODS = parse_rubric(RUBRIC, "goods.yaml")
COMPLIANCE = GOODS.criterion_index["compliance"]
RECORDS = GOODS.criterion_index["records"]


def score(criterion, **values):
    return deduction_score(criterion, deduction_lines(criterion, values))


@pytest.mark.parametrize("key, other, expected", [
    (1, 1, "27.5"),     # the oracle
    (12, 20, "0"),      # 24 + 10 = 34 > 30: never below 0 (扣完为止)
    (0, 0, "30"), (None, None, "30"),  # nothing unmet (an empty answer counts none)
    (15, 0, "0"), (14, 3, "0.5"),
])
def test_deduction_worked_examples(key, other, expected):
    assert score(COMPLIANCE, unmet_key=key, unmet_other=other) == D(expected)


@pytest.mark.parametrize("records, late, expected", [
    (2, False, "-4"),   # the oracle: 2 bad records at 2 each, at most 6
    (0, False, "0"), (None, None, "0"),
    (2, True, "-5"),    # yes counts once
    (5, True, "-6"),    # at most 6
])
def test_penalty_worked_examples(records, late, expected):
    assert score(RECORDS, bad_records=records, late_last_year=late) == D(expected)


def bid(vendor, price, **values):
    return {"vendor_id": vendor, "vendor_name": f"公司{vendor[-3:]}", "total_price": price, **values}


@pytest.fixture(scope="module")
def result():
    bids = make_bidset(GOODS, bid(VENDOR_A, 100000, unmet_key=1, unmet_other=1, bad_records=2),
                       bid(VENDOR_B, 100000, unmet_key=0, unmet_other=0, bad_records=0))
    return evaluate(GOODS, bids)


def test_a_penalty_lowers_the_total(result):
    a = result.standing(VENDOR_A)
    assert a.criteria == {"compliance": D("27.5"), "records": D(-4), "price": D(10)}
    assert a.total == D("33.5") and a.groups == {"commercial": D(-4), "price": D(10), "technical": D("27.5")}
    assert result.standing(VENDOR_B).total == 40 and result.ranking[0].vendor_id == VENDOR_B


def test_the_penalty_adds_nothing_to_the_full_marks():
    assert GOODS.max_total == 40  # 30 + 10; the penalty's best is 0
    with pytest.raises(RubricError, match="the criteria maxima add up to 40, not the declared total 46"):
        parse_rubric(RUBRIC.replace("total: 40", "total: 46"), "x.yaml")


def test_json_lists_every_item(result):
    entry = next(e for e in result_document(result)["ranking"] if e["vendor_id"] == VENDOR_A)
    assert entry["criteria"]["records"] == -4.0
    assert entry["deductions"] == {
        "compliance": [{"field": "unmet_key", "count": 1, "points": 2.0, "deducted": 2.0},
                       {"field": "unmet_other", "count": 1, "points": 0.5, "deducted": 0.5}],
        "records": [{"field": "bad_records", "count": 2, "points": 2.0, "deducted": 4.0},
                    {"field": "late_last_year", "count": 0, "points": 1.0, "deducted": 0.0}],
    }
    assert list(entry)[-1] == "deductions"  # after every existing key


REQUIRED = RUBRIC.replace("type: integer}", "type: integer, required: true}").replace("type: bool}",
                                                                                       "type: bool, required: true}")


@pytest.mark.parametrize("text, warned", [
    (REQUIRED, []),
    (RUBRIC, ["criterion 'compliance': a bid that leaves 'unmet_other' empty is counted as having none and loses "
              "nothing: mark the field required: true (a bid that leaves it empty is then invalid)",
              "criterion 'records': a bid that leaves 'bad_records' empty",
              "criterion 'records': a bid that leaves 'late_last_year' empty"]),  # a yes/no too
    # docs/rubrics.md's penalty as its section had shown it: the field declared without required (hostile9 H9-5)
    (REQUIRED.replace("type: integer, required: true}\n  - {id: late", "type: integer}\n  - {id: late"),
     ["criterion 'records': a bid that leaves 'bad_records' empty"]),
])
def test_a_counted_field_a_bid_may_leave_empty_is_warned_of(text, warned):
    """hostile9 H9-5: an empty answer counts no occurrence, so a bid that left the cell blank lost nothing and
    outranked an honest one, with no word from check or evaluate."""
    from bideval.rubric_yaml import rubric_warnings

    said = [str(w).removeprefix("goods.yaml: ") for w in rubric_warnings(parse_rubric(text, "goods.yaml"))]
    assert len(said) == len(warned) and all(s.startswith(w) for s, w in zip(said, warned)), said


def test_an_evaluation_names_the_bids_that_left_a_counted_field_empty():
    bids = make_bidset(GOODS, bid(VENDOR_A, 100000, unmet_key=1, unmet_other=1, bad_records=2, late_last_year=False),
                       bid(VENDOR_B, 100000, unmet_key=0, late_last_year=False))
    result = evaluate(GOODS, bids)
    assert result.standing(VENDOR_B).total == 40 and result.ranking[0].vendor_id == VENDOR_B  # the blank's gain
    assert [str(w) for w in result.warnings] == [
        f"goods.yaml: criterion '{c}': a bid that leaves '{f}' empty is counted as having none and loses nothing "
        f"(公司{VENDOR_B[-3:]} left it empty): mark the field required: true (a bid that leaves it empty is then invalid)"
        for c, f in (("compliance", "unmet_other"), ("records", "bad_records"))]  # late_last_year: every bid answered


@pytest.mark.parametrize("lang, item, header, field", [
    ("zh", "带#号条款不满足", "不良记录 (−6)", "不满足的带#号条款数"),
    ("en", "Unmet key item", "Bad records (−6)", "Unmet key items"),
])
def test_workbook_shows_the_items(tmp_path, result, lang, item, header, field):
    path = tmp_path / "ranked.xlsx"
    write_workbook(result, path, lang)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[:3] == ["Ranking", "Scores", "Deductions"]
    assert header in [c.value for c in book["Scores"][1]]
    rows = [[c.value for c in r] for r in book["Deductions"].iter_rows(min_row=2)]
    at, first = next((n, r) for n, r in enumerate(rows, 2) if r[0] == VENDOR_A and r[4] == item)
    # the field by its label (report6 D6-9), count × points, the criterion's score, and the field's id
    assert first[5:] == [field, 1, 2, f"=G{at}*H{at}", 27.5, "unmet_key"]
    cached = openpyxl.load_workbook(path, data_only=True)["Deductions"]
    deducted = {(r[2], r[10]): r[8] for r in cached.iter_rows(min_row=2, values_only=True) if r[0] == VENDOR_A}
    assert deducted == {("compliance", "unmet_key"): 2, ("compliance", "unmet_other"): 0.5,
                        ("records", "bad_records"): 4, ("records", "late_last_year"): 0}


@pytest.mark.parametrize("lang, headers", [
    ("zh", ["统一社会信用代码", "投标人", "不满足的带#号条款数", "不满足的其他条款数", "不良记录数", "上年度逾期交货"]),
    ("en", ["Vendor ID", "Vendor", "Unmet key items", "Other unmet items", "Bad records", "Late delivery last year"]),
])
def test_the_inputs_sheet_holds_what_each_bid_stated(tmp_path, result, lang, headers):
    """report6 D6-5: a score traced to the value it was applied to, one column per field headed by its label."""
    path = tmp_path / "ranked.xlsx"
    write_workbook(result, path, lang)
    rows = [list(r) for r in openpyxl.load_workbook(path)["Inputs"].iter_rows(values_only=True)]
    assert rows[0] == headers
    assert rows[1:] == [[VENDOR_A, "公司" + VENDOR_A[-3:], 1, 1, 2, None], [VENDOR_B, "公司" + VENDOR_B[-3:], 0, 0, 0, None]]


@pytest.mark.parametrize("lang, expected", [
    ("zh", ["满分30分，每项“带#号条款不满足”扣2分（unmet_key）；每项“其他条款不满足”扣0.5分（unmet_other）；扣完为止",
            "每项“不良记录”扣2分（bad_records）；每项“逾期交货”扣1分（late_last_year）；最多扣6分，从总分中扣除"]),
    ("en", ["30 less 2 per Unmet key item (unmet_key), 0.5 per Other unmet item (unmet_other); not below 0",
            "2 per Bad record (bad_records), 1 per Late delivery (late_last_year), taken off the total, at most 6"]),
])
def test_check_explains_them(lang, expected):
    text = describe_rubric(GOODS, lang)
    for rule in expected:
        assert rule in text
    assert "−6" in text


@pytest.mark.parametrize("old, new, message, data", [
    ("field: unmet_other, points: 0.5", "field: unmet_other, points: 0", "criterion 'compliance': item 2 points must be more than 0",
     {"criterion": "compliance", "item": 2, "points": D(0)}),
    ("field: unmet_other, points: 0.5", "field: unmet_key, points: 0.5",
     "criterion 'compliance': field 'unmet_key' is counted by two items", {"criterion": "compliance", "field_id": "unmet_key"}),
    ("field: bad_records, points: 2", "field: nope, points: 2", "criterion 'records': unknown field 'nope'", {}),
    ("    max: 6\n", "    max: 0\n", "criterion 'records': max must be more than 0", {"criterion": "records", "max": D(0)}),
])
def test_mistakes_are_named(old, new, message, data):
    assert old in RUBRIC
    with pytest.raises(RubricError) as caught:
        parse_rubric(RUBRIC.replace(old, new, 1), "x.yaml")
    problem = next(p for p in caught.value.problems if message in str(p))
    assert {key: problem.data.get(key) for key in data} == data  # the facts named (a coded problem carries more)


def test_a_text_field_cannot_count_shortfalls():
    text = RUBRIC.replace("type: integer, required: true}", "type: text, required: true}")
    with pytest.raises(RubricError, match="field 'unmet_key' is text; expected one of integer, bool"):
        parse_rubric(text, "x.yaml")


def test_counted_fields_refuse_negative_answers():
    assert GOODS.field_index["unmet_key"].non_negative and GOODS.field_index["bad_records"].non_negative


counts = st.one_of(st.none(), st.integers(0, 40))


@settings(max_examples=200, deadline=None)
@given(counts, counts, st.integers(0, 5), st.integers(0, 5))
def test_a_deduction_never_raises_a_score(key, other, more_key, more_other):
    before = score(COMPLIANCE, unmet_key=key, unmet_other=other)
    after = score(COMPLIANCE, unmet_key=(key or 0) + more_key, unmet_other=(other or 0) + more_other)
    assert 0 <= after <= before <= COMPLIANCE.max


@settings(max_examples=200, deadline=None)
@given(counts, st.one_of(st.none(), st.booleans()))
def test_a_penalty_is_never_positive(records, late):
    value = score(RECORDS, bad_records=records, late_last_year=late)
    assert -RECORDS.max <= value <= 0
    assert RECORDS.points_range == (-RECORDS.max, 0)


def test_types():
    assert isinstance(COMPLIANCE, Deduction) and not isinstance(COMPLIANCE, Penalty)
    assert isinstance(RECORDS, Penalty) and RECORDS.adds_to_total == 0
    assert RECORDS.fields_read == ("bad_records", "late_last_year")
