"""Price benchmark B and the methods ratio, deviation, relative_to_lowest (issue 7, item 3), the issue's worked
example as the oracle, through the engine, `check`, the JSON and the ranked workbook."""
import io
import json
import re
from dataclasses import fields
from decimal import Decimal as D

import openpyxl
import pytest
import yaml
from hypothesis import given, settings, strategies as st

from bideval.benchmark import (BenchmarkRule, CeilingAndMeanBenchmark, LowestBenchmark, MeanBenchmark,
                               TrimmedMeanBenchmark, form_benchmark)
from bideval.errors import RubricError
from bideval.evaluation import evaluate
from bideval.export import write_workbook
from bideval.result import result_json
from bideval.rubric import (BenchmarkDeviationPrice, DeviationPrice, LinearMinmaxPrice, LowestRatioPrice, Price,
                            PriceMethod, RatioPrice, RelativeToLowestPrice, parse_rubric)
from bideval.rubric_view import describe_rubric
from bideval.scoring import price_outcome
from bideval.values import round_half_up
from conftest import make_bidset

WORKED = (900000, 950000, 1000000, 1050000, 1300000)  # the five valid evaluated prices
VENDORS = [f"9144030070846113{n:02d}" for n in range(10)]


def price_rubric(price: str, extra_top: str = "") -> str:
    """A rubric scoring price only (max 30), lump-sum quotes; ``price`` is the criterion's extra YAML lines."""
    lines = "\n".join("    " + line for line in price.strip().splitlines())
    return f"""
id: bench
title: {{zh: 基准价测试, en: Benchmark test}}
{extra_top}
pricing: {{demand: {{months: 12}}, models: [lump_sum]}}
fields: []
criteria:
  - id: price
    name: {{zh: 价格, en: Price}}
    group: price
    kind: price
    max: 30
{lines}
"""


DEVIATION = """
method: deviation
benchmark: {base: trimmed_mean, coefficient: 0.95}
above_penalty: 1
below_penalty: 0.5
deviation_rounding: up
"""
RATIO = "method: ratio\nbenchmark: {base: trimmed_mean, coefficient: 0.95}"
RELATIVE = "method: relative_to_lowest"


def bids_at(rubric, prices):
    return make_bidset(rubric, *({"vendor_id": VENDORS[i], "vendor_name": f"公司{i}", "total_price": str(p)}
                                 for i, p in enumerate(prices)))


def scores(price_yaml, prices=WORKED):
    rubric = parse_rubric(price_rubric(price_yaml), "bench.yaml")
    result = evaluate(rubric, bids_at(rubric, prices))
    by_vendor = {s.vendor_id: s.criteria["price"] for s in result.ranking}
    return [by_vendor[VENDORS[i]] for i in range(len(prices))], result


@pytest.mark.parametrize("price_yaml, expected", [
    (DEVIATION, ["27.00", "30.00", "24.00", "19.00", "0.00"]),  # |d| 5.263 → 6, 0, 6, 10.526 → 11, 36.84 → 37
    (RATIO, ["30.00", "30.00", "28.50", "27.14", "21.92"]),     # 30 × B / E capped at 30
    (RELATIVE, ["30.00", "28.33", "26.67", "25.00", "16.67"]),  # 30 × (1 − (E − 900,000) / 900,000)
])
def test_the_worked_example(price_yaml, expected):
    got, _ = scores(price_yaml)
    assert got == [D(x) for x in expected]


def test_trimmed_mean_and_coefficient_form_b():
    _, result = scores(DEVIATION)
    b = result.price_benchmark
    assert b.basis == D(1000000)  # mean of the middle three
    assert b.dropped == (D(1300000), D(900000))
    assert b.value == D("950000.00")  # × K 0.95
    counted = {line.vendor_id: line.counted_deviation for line in result.prices}
    assert [counted[VENDORS[i]] for i in range(5)] == [D(6), D(0), D(6), D(11), D(37)]
    assert round_half_up(result.prices[0].deviation, 3) == D("-5.263")


def test_four_prices_take_the_plain_mean():
    four = [D(p) for p in WORKED[:4]]
    b = form_benchmark(TrimmedMeanBenchmark(), four)
    assert (b.value, b.dropped) == (D("975000.00"), ())
    assert form_benchmark(TrimmedMeanBenchmark(min_bids=4), four).value == D("975000.00")  # (950+1000)/2
    assert form_benchmark(TrimmedMeanBenchmark(min_bids=4), four).dropped == (D(1050000), D(900000))


# author7 A7-3: 去掉两个最高价和两个最低价后的算术平均值, by hand: of the seven, 1,300,000 and 1,250,000 and 900,000 and
# 920,000 are dropped; (950,000 + 1,000,000 + 1,050,000) / 3 = 1,000,000, × 0.95 = 950,000.
SEVEN_BIDS = (920000, 900000, 950000, 1000000, 1050000, 1250000, 1300000)
TRIM_2 = "method: ratio\nbenchmark: {base: trimmed_mean, min_bids: 7, trim: 2, coefficient: 0.95}"


def test_trim_two_drops_two_of_each():
    got, result = scores(TRIM_2, SEVEN_BIDS)
    b = result.price_benchmark
    assert (b.basis, b.value) == (D(1000000), D("950000.00"))
    assert b.dropped == (D(1300000), D(1250000), D(900000), D(920000))
    assert json.loads(result_json(result, "en"))["price_benchmark"]["dropped"] == [1300000.0, 1250000.0, 900000.0,
                                                                                   920000.0]
    assert got[3] == round_half_up(D(30) * D(950000) / D(1000000), 2)  # 28.50
    assert b.describe("zh") == ("B = (去掉 2 个最高价 1,300,000.00、1,250,000.00 和 2 个最低价 900,000.00、920,000.00 后其余 3 "
                                "家评审价格的平均值 1,000,000.00) × 0.95 = 950,000.00")
    assert "after dropping the 2 highest 1,300,000.00, 1,250,000.00 and the 2 lowest 900,000.00, 920,000.00" \
        in b.describe("en")
    six = form_benchmark(TrimmedMeanBenchmark(min_bids=7, trim=2), [D(p) for p in SEVEN_BIDS[:6]])
    assert (six.dropped, six.basis) == ((), D(6070000) / 6)  # below min_bids: the plain mean


@pytest.mark.parametrize("lang, words", [
    ("zh", "有效评审价格去掉2个最高价和2个最低价后的算术平均值（不足7家时为算术平均值）"),
    ("en", "the mean of the valid evaluated prices after dropping the 2 highest and the 2 lowest (with fewer than 7, "
           "the plain mean)"),
])
def test_check_says_how_many_are_dropped(lang, words):
    assert words in describe_rubric(parse_rubric(price_rubric(TRIM_2), "b.yaml"), lang)


@pytest.mark.parametrize("rule, ceiling, expected", [
    (LowestBenchmark(), None, "900000.00"),
    (MeanBenchmark(), None, "1040000.00"),
    (MeanBenchmark(coefficient=D("0.9")), None, "936000.00"),
    # 0.3 × 1,200,000 + 0.7 × 1,040,000 = 1,088,000
    (CeilingAndMeanBenchmark(ceiling_weight=D("0.3")), D(1200000), "1088000.00"),
    (MeanBenchmark(), None, "1040000.00"),
])
def test_benchmark_bases(rule, ceiling, expected):
    assert form_benchmark(rule, [D(p) for p in WORKED], ceiling).value == D(expected)


def test_b_is_rounded_to_the_cent():
    b = form_benchmark(MeanBenchmark(), [D(100), D(100), D("100.01")])
    assert b.basis == D("100.01") / 3 + D(200) / 3 and b.value == D("100.00")


# report6 D6-1: a mean that is not a whole cent is printed with its decimals and "…", so the equation holds as written
# (1,432,857.14 × 0.95 would give …214.28, not B).
SEVEN = [D(1432857)] * 6 + [D(10030000 - 6 * 1432857)]


@pytest.mark.parametrize("rule, ceiling, lang, text", [
    (MeanBenchmark(D("0.95")), None, "zh",
     "B = (7 家评审价格的平均值 1,432,857.142857…) × 0.95 = 1,361,214.29"),
    (MeanBenchmark(), None, "en", "B = the mean of 7 evaluated prices: 1,432,857.142857… = 1,432,857.14"),
    (CeilingAndMeanBenchmark(D("0.9"), ceiling_weight=D("0.5")), D(2000000), "en",
     "B = (0.5 × the budget ceiling 2,000,000.00 + 0.5 × the mean of 7 evaluated prices 1,432,857.142857…)"
     " × 0.9 = 1,716,428.571428… × 0.9 = 1,544,785.71"),
    (MeanBenchmark(D("0.95")), None, "en",  # a whole cent stays as it was
     "B = (the mean of 7 evaluated prices: 1,432,857.00) × 0.95 = 1,361,214.15"),
])
def test_an_inexact_mean_is_printed_so_the_formula_holds(rule, ceiling, lang, text):
    prices = SEVEN if "142857" in text else [D(1432857)] * 7
    assert form_benchmark(rule, prices, ceiling).describe(lang) == text


@pytest.mark.parametrize("rounding, expected", [
    ("none", "27.37"),     # 30 − 0.5 × 5.263…
    ("half_up", "27.50"),  # |d| 5.263 → 5
    ("up", "27.00"),       # |d| 5.263 → 6
    ("half_up_2dp", "27.37"),  # |d| 5.26 (30 − 2.63)
])
def test_deviation_rounding(rounding, expected):
    got, _ = scores(DEVIATION.replace("deviation_rounding: up", f"deviation_rounding: {rounding}"))
    assert got[0] == D(expected)


# 偏差率保留两位小数 (author6 A6-4): B = 1,100,000 (the mean), a bid of 1,000,000 has d = −9.0909 %, counted 9.09, and
# scores 48 − 0.5 × 9.09 = 43.455 → 43.46 (pro rata gave 43.45, the whole percent 43.50).
@pytest.mark.parametrize("rounding, expected, counted", [
    ("half_up_2dp", "43.46", 9.09), ("none", "43.45", 9.0909), ("half_up", "43.50", 9)])
def test_the_deviation_kept_to_two_decimals_of_a_percent(rounding, expected, counted):
    price = (f"method: deviation\nbenchmark: {{base: mean}}\nabove_penalty: 1\nbelow_penalty: 0.5\n"
             f"deviation_rounding: {rounding}")
    rubric = parse_rubric(price_rubric(price).replace("max: 30", "max: 48"), "p6.yaml")
    result = evaluate(rubric, bids_at(rubric, (1000000, 1200000)))
    assert result.price_benchmark.value == D("1100000.00")
    # the mean with no K is B itself, said once (author6 A6-14: it read "… 1,100,000.00 = 1,100,000.00")
    assert result.price_benchmark.describe("zh") == "B = 2 家评审价格的平均值 1,100,000.00"
    assert result.price_benchmark.describe("en") == "B = the mean of 2 evaluated prices: 1,100,000.00"
    low = json.loads(result_json(result, "zh"))["ranking"][0]
    assert (low["criteria"]["price"], low["price_deviation"], low["price_deviation_counted"]) == \
        (float(expected), -9.0909, counted)


def test_the_older_methods_are_unchanged():
    lowest, _ = scores("method: lowest_ratio")
    assert lowest == [D("30.00"), D("28.42"), D("27.00"), D("25.71"), D("20.77")]
    deviation, result = scores("method: benchmark_deviation\nabove_penalty: 1\nbelow_penalty: 0.5")
    assert result.price_benchmark is None  # B is the unrounded mean, as before; no new keys in the JSON
    assert "price_benchmark" not in json.loads(result_json(result))


def test_one_bid_scores_full_marks_and_still_states_b():
    """B and the bid's d are stated, but no counted |d|: full marks used none (a counted 6 beside 30 read as if it
    had cost 6 points)."""
    got, result = scores(DEVIATION, prices=[1200000])
    assert got == [D(30)]
    assert result.price_benchmark.value == D("1140000.00")
    (entry,) = json.loads(result_json(result, "en"))["ranking"]
    assert entry["price_deviation"] == 5.2632 and "price_deviation_counted" not in entry
    (line,) = result.prices
    assert line.deviation is not None and line.counted_deviation is None


def test_json_states_b_and_each_d():
    _, result = scores(DEVIATION)
    document = json.loads(result_json(result, "en"))
    assert document["price_benchmark"] == {
        "value": 950000.0, "base": "trimmed_mean", "coefficient": 0.95, "prices": 5, "basis": 1000000.0,
        "mean": 1000000.0, "dropped": [1300000.0, 900000.0], "ceiling": None, "ceiling_weight": None,
        "text": "B = (the mean of the other 3 evaluated prices after dropping the highest 1,300,000.00 and "
                "the lowest 900,000.00: 1,000,000.00) × 0.95 = 950,000.00"}
    entries = {e["vendor_id"]: e for e in document["ranking"]}
    assert entries[VENDORS[0]]["price_deviation"] == -5.2632
    assert entries[VENDORS[0]]["price_deviation_counted"] == 6.0
    assert entries[VENDORS[4]]["price_deviation"] == 36.8421
    assert list(document)[:7] == ["rubric", "status", "ranking", "candidates", "candidates_tied", "outliers",
                                  "invalid"]  # formats.md §5 keys first, untouched


@pytest.mark.parametrize("lang, b_label, how", [
    ("zh", "评标基准价 B", "B = (去掉最高价 1,300,000.00 和最低价 900,000.00 后其余 3 家评审价格的平均值 "
                          "1,000,000.00) × 0.95 = 950,000.00"),
    ("en", "Benchmark price B", "B = (the mean of the other 3 evaluated prices after dropping the highest "
                                "1,300,000.00 and the lowest 900,000.00: 1,000,000.00) × 0.95 = 950,000.00"),
])
def test_price_sheet_states_b_how_and_each_d(lang, b_label, how):
    _, result = scores(DEVIATION)
    buffer = io.BytesIO()
    write_workbook(result, buffer, lang)
    sheet = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))["Price"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    header = rows[0]
    d_col = header.index("偏差率 d（%）" if lang == "zh" else "Deviation d (%)")
    counted_col = d_col + 1
    by_vendor = {r[0]: r for r in rows[1:6]}
    assert by_vendor[VENDORS[0]][d_col] == -5.2632 and by_vendor[VENDORS[0]][counted_col] == 6
    assert by_vendor[VENDORS[3]][counted_col] == 11
    labelled = {r[0]: r[3] for r in rows if r[0]}
    assert labelled[b_label] == 950000
    assert labelled["基准价计算" if lang == "zh" else "How B was formed"] == how
    # the method's name says no rounding (it said 按规定取整 when nothing was rounded); the rule line says how |d| counts
    assert labelled["价格评分方法" if lang == "zh" else "Price method"] == \
        ("基准价偏差法" if lang == "zh" else "Deviation from the benchmark B")


@pytest.mark.parametrize("lang, words", [
    ("en", "deviation: 30 at B, −1 per 1 % above B, −0.5 per 1 % below, |d| rounded up to a whole percent, never "
           "below 0; benchmark B = the mean of the valid evaluated prices after dropping the highest and the lowest "
           "(with fewer than 5, the plain mean) × 0.95, rounded to the cent"),
    ("zh", "偏差法：等于B得30分，每高于B 1%扣1分，每低于B 1%扣0.5分，偏差不足1%按1%计（向上取整到整数百分比），扣完为止；"
           "评标基准价B = 有效评审价格去掉一个最高价和一个最低价后的算术平均值（不足5家时为算术平均值） × 0.95，四舍五入到分"),
])
def test_check_explains_deviation(lang, words):
    assert words in describe_rubric(parse_rubric(price_rubric(DEVIATION), "b.yaml"), lang)


@pytest.mark.parametrize("price_yaml, lang, words", [
    (RATIO, "en", "ratio: 30 × B / E, at most 30; benchmark B = the mean of the valid evaluated prices after"),
    (RATIO, "zh", "比值法：30 × B / E，最高30分；评标基准价B = "),
    (RELATIVE, "en", "relative to the lowest: 30 × (1 − (E − E_min) / E_min), never below 0"),
    (RELATIVE, "zh", "相对最低价法：30 × (1 − (E − E最低) / E最低)，最低0分"),
    ("method: ratio\nbudget_ceiling: 1200000\nbenchmark: {base: ceiling_and_mean, ceiling_weight: 0.3, coefficient: 0.9}",
     "en", "benchmark B = (0.3 × the budget ceiling + 0.7 × the mean of the valid evaluated prices) × 0.9"),
    ("method: ratio\nbudget_ceiling: 1200000\nbenchmark: {base: ceiling_and_mean, ceiling_weight: 0.3}",
     "zh", "评标基准价B = 0.3 × 最高限价 + 0.7 × 有效评审价格的算术平均值，四舍五入到分"),
    ("method: ratio\nbenchmark: {base: lowest}", "en", "benchmark B = the lowest evaluated price, rounded"),
    ("method: deviation\nbenchmark: {base: mean}\nabove_penalty: 2\nbelow_penalty: 1", "en",
     "−2 per 1 % above B, −1 per 1 % below, pro rata, never below 0; benchmark B = the mean of the valid"),
    ("method: deviation\nbenchmark: {base: mean}\nabove_penalty: 2\nbelow_penalty: 1\ndeviation_rounding: half_up",
     "zh", "偏差四舍五入到整数百分比"),
    ("method: deviation\nbenchmark: {base: mean}\nabove_penalty: 2\nbelow_penalty: 1\ndeviation_rounding: half_up_2dp",
     "zh", "每低于B 1%扣1分，偏差率四舍五入保留两位小数，扣完为止"),
])
def test_check_explains_each_method(price_yaml, lang, words):
    assert words in describe_rubric(parse_rubric(price_rubric(price_yaml), "b.yaml"), lang)


@pytest.mark.parametrize("price_yaml, message", [
    ("method: ratio", "criterion 'price': ratio needs a benchmark: {base: lowest | mean | trimmed_mean | "
                      "ceiling_and_mean}"),
    ("method: deviation\nbenchmark: {base: mean}", "criterion 'price': deviation needs above_penalty and "
                                                   "below_penalty"),
    ("method: lowest_ratio\nbenchmark: {base: mean}", "criterion 'price': benchmark belongs to the methods ratio "
                                                      "and deviation, not lowest_ratio"),
    ("method: ratio\nbenchmark: {base: median}", "criterion 'price': unknown benchmark base 'median' (expected one "
                                                 "of: lowest, mean, trimmed_mean, ceiling_and_mean)"),
    ("method: ratio\nbenchmark: {coefficient: 0.9}", "criterion 'price': missing 'base'"),
    ("method: ratio\nbenchmark: {base: mean, k: 0.9}", "criterion 'price': unknown key 'k'"),
    ("method: ratio\nbenchmark: {base: mean, coefficient: 0}", "criterion 'price': benchmark coefficient must be "
                                                               "more than 0, found 0"),
    ("method: ratio\nbenchmark: {base: trimmed_mean, min_bids: 2}", "criterion 'price': benchmark min_bids must be "
                                                                    "at least 3"),
    ("method: ratio\nbenchmark: {base: mean, min_bids: 5}", "criterion 'price': benchmark min_bids belongs to the "
                                                            "base trimmed_mean, not mean"),
    ("method: ratio\nbenchmark: {base: trimmed_mean, min_bids: 4, trim: 2}", "criterion 'price': benchmark min_bids "
     "must be at least 5 (dropping the 2 highest and the 2 lowest must leave a price), found 4"),
    ("method: ratio\nbenchmark: {base: trimmed_mean, min_bids: 6, trim: 3}", "benchmark min_bids must be at least 7"),
    ("method: ratio\nbenchmark: {base: trimmed_mean, trim: 0}", "criterion 'price': benchmark trim"),
    ("method: ratio\nbenchmark: {base: mean, trim: 2}", "criterion 'price': benchmark trim belongs to the base "
                                                         "trimmed_mean, not mean"),
    ("method: ratio\nbenchmark: {base: ceiling_and_mean, ceiling_weight: 0.3}",
     "criterion 'price': benchmark base ceiling_and_mean needs the budget_ceiling it weighs"),
    ("method: ratio\nbudget_ceiling: 100\nbenchmark: {base: ceiling_and_mean}",
     "criterion 'price': benchmark base ceiling_and_mean needs ceiling_weight"),
    ("method: ratio\nbudget_ceiling: 100\nbenchmark: {base: ceiling_and_mean, ceiling_weight: 1.5}",
     "criterion 'price': benchmark ceiling_weight must lie in 0..1, found 1.5"),
    ("method: ratio\nbenchmark: {base: mean, ceiling_weight: 0.5}",
     "criterion 'price': benchmark ceiling_weight belongs to the base ceiling_and_mean, not mean"),
    ("method: ratio\nbenchmark: {base: mean}\ndeviation_rounding: up",
     "criterion 'price': deviation_rounding belongs to the method deviation, not ratio"),
    ("method: deviation\nbenchmark: {base: mean}\nabove_penalty: 1\nbelow_penalty: 1\ndeviation_rounding: floor",
     "criterion 'price': unknown deviation_rounding 'floor' (expected one of: none, up, half_up, half_up_2dp)"),
    ("method: relative_to_lowest\nabove_penalty: 1\nbelow_penalty: 1",
     "criterion 'price': above_penalty and below_penalty belong to the methods benchmark_deviation and deviation"),
])
def test_rubric_mistakes_name_the_criterion(price_yaml, message):
    with pytest.raises(RubricError) as caught:
        parse_rubric(price_rubric(price_yaml), "b.yaml")
    assert any(message in str(p) for p in caught.value.problems), str(caught.value)
    assert all(p.data.get("criterion", "price") == "price" for p in caught.value.problems)


def test_a_mistake_carries_its_data():
    with pytest.raises(RubricError) as caught:
        parse_rubric(price_rubric("method: ratio\nbudget_ceiling: 100\nbenchmark: {base: ceiling_and_mean, "
                                  "ceiling_weight: 1.5}"), "b.yaml")
    (problem,) = caught.value.problems
    expected = {"criterion": "price", "ceiling_weight": D("1.5"), "range": (D(0), D(1))}
    assert {key: problem.data.get(key) for key in expected} == expected  # a coded problem carries more


@pytest.mark.parametrize("price_yaml, expected, own", [  # each method's type holds the keys it uses, and only those
    ("method: lowest_ratio", LowestRatioPrice, set()),
    ("method: linear_minmax", LinearMinmaxPrice, set()),
    ("method: relative_to_lowest", RelativeToLowestPrice, set()),
    ("method: benchmark_deviation\nabove_penalty: 1\nbelow_penalty: 1", BenchmarkDeviationPrice,
     {"above_penalty", "below_penalty"}),
    ("method: ratio\nbenchmark: {base: mean}", RatioPrice, {"benchmark"}),
    (DEVIATION, DeviationPrice, {"above_penalty", "below_penalty", "benchmark", "deviation_rounding"}),
])
def test_method_picks_the_price_type(price_yaml, expected, own):
    price = parse_rubric(price_rubric(price_yaml), "b.yaml").price_criterion
    assert type(price) is expected and price.method is PriceMethod(yaml.safe_load(price_yaml)["method"])
    assert {f.name for f in fields(price)} - {f.name for f in fields(Price)} == own


@pytest.mark.parametrize("price_yaml, mistakes", [  # each mistake's code, and the key whose value it names
    ("method: deviation\nbenchmark: {base: mean, coefficient: 0}\nsme_deduction: 1.5",
     [("penalties_missing", None), ("max_not_positive", None), ("price_value", "sme_deduction"), ("coefficient", None)]),
    ("method: benchmark_deviation\nabove_penalty: -1",
     [("penalties_missing", None), ("max_not_positive", None), ("price_value", "above_penalty")]),
    ("method: deviation\nbelow_penalty: -2\nbenchmark: {base: mean, coefficient: 0}",
     [("penalties_missing", None), ("max_not_positive", None), ("price_value", "below_penalty"), ("coefficient", None)]),
    ("method: deviation\nabove_penalty: -1\nbelow_penalty: 1",
     [("benchmark_missing", None), ("max_not_positive", None), ("price_value", "above_penalty")]),
])
def test_a_key_the_method_needs_is_said_with_every_other_mistake(price_yaml, mistakes):
    """Every value given for a key the method uses is checked, even when a key it needs is left out."""
    with pytest.raises(RubricError) as caught:
        parse_rubric(price_rubric(price_yaml).replace("max: 30", "max: 0"), "b.yaml")
    assert [(p.code, p.data.get("key")) for p in caught.value.problems] == [
        (f"rubric.{code}", key) for code, key in mistakes]


# -- properties
PRICES = st.lists(st.decimals(min_value=D("1000.00"), max_value=D("2000000.00"), places=2), min_size=2, max_size=8)
METHODS = {
    "ratio": parse_rubric(price_rubric(RATIO), "r.yaml").price_criterion,
    "ratio_mean": parse_rubric(price_rubric("method: ratio\nbenchmark: {base: mean, coefficient: 1.1}"),
                               "r.yaml").price_criterion,
    "relative_to_lowest": parse_rubric(price_rubric(RELATIVE), "r.yaml").price_criterion,
    "lowest_ratio": parse_rubric(price_rubric("method: lowest_ratio"), "r.yaml").price_criterion,
}


@settings(max_examples=200, deadline=None)
@given(PRICES, st.data(), st.sampled_from(sorted(METHODS)))
def test_a_lower_price_never_lowers_the_price_score(prices, data, method):
    """With the other bids fixed, one bid lowering its E never lowers its own price score, but for the rounding of
    B to the cent: when B is formed from a mean that holds the bid's own E, a lower E lowers B, and B rounded to
    the cent can fall by a cent more than the exact B does. Under ``max × B / E`` that costs at most
    ``max × 0.01 / E`` (CI found one: prices 1,000 ×4 and 36,211.44 lowered to 36,211.32 under 1.1 × mean moved B
    from 8,846.52 to 8,846.49 and the unrounded score from 7.3290540 to 7.3290535)."""
    criterion = METHODS[method]
    index = data.draw(st.integers(0, len(prices) - 1))
    lower = data.draw(st.decimals(min_value=D("500.00"), max_value=prices[index], places=2))
    before = {str(i): p for i, p in enumerate(prices)}
    after = dict(before, **{str(index): lower})
    rounding_of_b = criterion.max * D("0.01") / lower
    assert price_outcome(criterion, after).points[str(index)] >= \
        price_outcome(criterion, before).points[str(index)] - rounding_of_b


def test_the_rounding_of_b_is_what_can_lower_a_lower_price_s_score():
    """The case CI found, pinned: the exact formula rises, the one with B to the cent falls by less than a cent's
    worth, and both round to the same 2-place score."""
    criterion = METHODS["ratio_mean"]
    before = {str(i): D("1000.00") for i in range(4)} | {"4": D("36211.44")}
    after = dict(before, **{"4": D("36211.32")})
    was, now = price_outcome(criterion, before).points["4"], price_outcome(criterion, after).points["4"]
    exact = [criterion.max * D("1.1") * sum(p.values()) / len(p) / p["4"] for p in (before, after)]
    assert exact[1] > exact[0] and now < was and was - now < criterion.max * D("0.01") / after["4"]
    assert round(was, 2) == round(now, 2) == D("7.33")


@settings(max_examples=200, deadline=None)
@given(PRICES, st.sampled_from(sorted(METHODS)))
def test_price_scores_stay_in_range_and_follow_price(prices, method):
    points = price_outcome(METHODS[method], {str(i): p for i, p in enumerate(prices)}).points
    assert all(0 <= points[str(i)] <= 30 for i in range(len(prices)))
    ordered = sorted(range(len(prices)), key=lambda i: prices[i])
    assert all(points[str(a)] >= points[str(b)] for a, b in zip(ordered, ordered[1:]))


def test_the_reference_example_scores_the_worked_example():
    """docs/rubrics.md's benchmark example is a working criterion giving the table it shows."""
    from pathlib import Path

    text = (Path(__file__).resolve().parent.parent / "docs" / "rubrics.md").read_text(encoding="utf-8")
    section = text.split("### Price benchmark and methods")[1]
    block = section.split("```yaml\n")[1].split("```")[0]
    (criterion,) = yaml.safe_load(block)
    shared = {"id", "name", "group", "kind", "max"}
    assert {k: criterion[k] for k in shared} == {"id": "price", "name": {"zh": "价格", "en": "Price"},
                                                 "group": "price", "kind": "price", "max": 30}
    got, result = scores(yaml.safe_dump({k: v for k, v in criterion.items() if k not in shared}))
    assert result.price_benchmark.value == D("950000.00")
    assert got == [D(x) for x in ("27.00", "30.00", "24.00", "19.00", "0.00")]
    for e, score in zip(WORKED, got):
        assert f"| {e:,} |" in section and f"{score} |" in section


# B from the budget ceiling and the mean, times K: the tester's rubric C. Every place that explains B writes one
# formula (bideval.benchmark.benchmark_formula), correct as written: it read "B = 0.8 × 0.3 × the budget ceiling …
# + 0.7 × the mean … = 1,943,840.00; B = 1,555,072.00", which is not what B is.
CEILING = ("method: ratio\nbudget_ceiling: 3000000\n"
           "benchmark: {base: ceiling_and_mean, ceiling_weight: 0.3, coefficient: 0.8}")
CEILING_PRICES = (1392000, 1680000, 1612800, 1280000)  # mean 1,491,200


@pytest.mark.parametrize("lang, how, rule", [
    ("en", "B = (0.3 × the budget ceiling 3,000,000.00 + 0.7 × the mean of 4 evaluated prices 1,491,200.00) × 0.8 "
           "= 1,943,840.00 × 0.8 = 1,555,072.00",
     "benchmark B = (0.3 × the budget ceiling + 0.7 × the mean of the valid evaluated prices) × 0.8, rounded to the cent"),
    ("zh", "B = (0.3 × 最高限价 3,000,000.00 + 0.7 × 4 家评审价格平均值 1,491,200.00) × 0.8 = 1,943,840.00 × 0.8 "
           "= 1,555,072.00",
     "评标基准价B = (0.3 × 最高限价 + 0.7 × 有效评审价格的算术平均值) × 0.8，四舍五入到分"),
])
def test_b_from_the_ceiling_and_the_mean_is_written_as_it_is_formed_everywhere(lang, how, rule):
    from bideval.summary import summary_text

    _, result = scores(CEILING, CEILING_PRICES)
    b = result.price_benchmark
    assert b.value == round_half_up((D("0.3") * 3000000 + D("0.7") * D(1491200)) * D("0.8"), 2) == D("1555072.00")
    assert b.describe(lang) == how
    assert json.loads(result_json(result, lang))["price_benchmark"]["text"] == how
    assert ("评标基准价：" if lang == "zh" else "price benchmark: ") + how in summary_text(result, lang).splitlines()
    buffer = io.BytesIO()
    write_workbook(result, buffer, lang)
    book = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    labelled = {r[0]: r[3] for r in book["Price"].iter_rows(values_only=True) if r[0]}
    assert labelled["基准价计算" if lang == "zh" else "How B was formed"] == how
    details = [cell for row in book["Rubric"].iter_rows(values_only=True) for cell in row
               if isinstance(cell, str) and "B = (" in cell]
    assert details and all(rule.split("B = ", 1)[1] in cell for cell in details)
    assert rule in describe_rubric(result.rubric, lang)  # check


# 评标基准价 = 最高投标限价 × K × 40 % + 有效报价平均值 × 60 % (author6 A6-1): K on the ceiling part only. The tester's
# figures: ceiling 2,650,000, three valid prices with mean 2,350,000 → B = 1,007,000 + 1,410,000 = 2,417,000.00 (K on
# the whole sum gave 2,346,500.00 and swapped the 2nd and the 3rd).
CEILING_K = ("method: deviation\nbudget_ceiling: 2650000\nabove_penalty: 1\nbelow_penalty: 0.5\n"
             "benchmark: {base: ceiling_and_mean, ceiling_weight: 40%, ceiling_coefficient: 0.95}")


@pytest.mark.parametrize("lang, how, rule", [
    ("zh", "B = 0.4 × 最高限价 2,650,000.00 × 0.95 + 0.6 × 3 家评审价格平均值 2,350,000.00 = 2,417,000.00",
     "评标基准价B = 0.4 × 最高限价 × 0.95 + 0.6 × 有效评审价格的算术平均值，四舍五入到分"),
    ("en", "B = 0.4 × the budget ceiling 2,650,000.00 × 0.95 + 0.6 × the mean of 3 evaluated prices 2,350,000.00 "
           "= 2,417,000.00",
     "benchmark B = 0.4 × the budget ceiling × 0.95 + 0.6 × the mean of the valid evaluated prices, rounded"),
])
def test_a_coefficient_on_the_ceiling_part_only(lang, how, rule):
    got, result = scores(CEILING_K, (2380000, 2520000, 2150000))
    assert result.price_benchmark.value == D("2417000.00")
    assert got == [D("29.23"), D("25.74"), D("24.48")]  # 30 − 0.5 × 1.5308, 30 − 4.2615, 30 − 0.5 × 11.0468
    assert result.price_benchmark.describe(lang) == how
    document = json.loads(result_json(result, lang))["price_benchmark"]
    assert (document["ceiling_coefficient"], document["coefficient"], document["text"]) == (0.95, 1.0, how)
    assert rule in describe_rubric(result.rubric, lang)
    _, plain = scores(CEILING.replace("coefficient: 0.8", "coefficient: 1"), CEILING_PRICES)
    assert "ceiling_coefficient" not in json.loads(result_json(plain, lang))["price_benchmark"]


@pytest.mark.parametrize("benchmark, message", [
    *[(f"{{base: ceiling_and_mean, ceiling_weight: 0.4, ceiling_coefficient: {k}}}",
       f"criterion 'price': benchmark ceiling_coefficient must be more than 0 and at most 1 (write 95% or 0.95, not "
       f"95), found {k}") for k in ("0", "95")],
    ("{base: mean, ceiling_coefficient: 0.95}",
     "criterion 'price': benchmark ceiling_coefficient belongs to the base ceiling_and_mean, not mean"),
])
def test_a_ceiling_coefficient_is_checked_when_built(benchmark, message):
    with pytest.raises(RubricError, match=re.escape(message)):
        parse_rubric(price_rubric(f"method: ratio\nbudget_ceiling: 100\nbenchmark: {benchmark}"), "b.yaml")


@pytest.mark.parametrize("rule, codes", [
    (MeanBenchmark(), []),
    (LowestBenchmark(D(0)), ["coefficient"]),
    (TrimmedMeanBenchmark(min_bids=4, trim=2), ["min_bids_too_few"]),
    (TrimmedMeanBenchmark(D(-1), trim=0), ["coefficient", "trim_too_few"]),
    (TrimmedMeanBenchmark(min_bids=5, trim=2), []),
    (CeilingAndMeanBenchmark(ceiling_weight=D("1.5"), ceiling_coefficient=D(0)),
     ["ceiling_weight_range", "ceiling_coefficient"]),  # found in review: `or ONE` made 0 act as 1 (B = 140)
    (CeilingAndMeanBenchmark(ceiling_weight=D("0.4"), ceiling_coefficient=D(95)), ["ceiling_coefficient"]),
])
def test_each_benchmark_type_checks_its_own_settings(rule, codes):
    """review6 R6-10: a base's checks travel with its type, so a rubric holding it refuses what it says."""
    assert [code for code, _ in rule.mistakes()] == codes


def test_a_benchmark_rule_names_its_base():
    with pytest.raises(TypeError):
        BenchmarkRule()  # type: ignore[abstract]  # it has no base to form B from


@pytest.mark.parametrize("k, warned", [("95", ["rubric.coefficient_above_one"]), ("95%", []), ("0.9", [])])
def test_a_benchmark_coefficient_above_1_is_warned_of(k, warned):
    """`coefficient: 95` meant as 95 % put B at 95 times the mean without a word."""
    from bideval.rubric_yaml import rubric_warnings

    rubric = parse_rubric(price_rubric(f"method: ratio\nbenchmark: {{base: mean, coefficient: {k}}}"), "b.yaml")
    assert [w.code for w in rubric_warnings(rubric)] == warned


@pytest.mark.parametrize("written, read", [("01200000", "1200000"), ("0755", "755"), ("1200000", "1200000")])
def test_a_zero_padded_figure_is_read_as_the_digits_written(written, read):
    """hostile8 H8-2: YAML 1.1 reads 01200000 as the octal 327,680; a budget ceiling so written made every bid invalid
    and the tender failed, silently. A rubric's own figure is the digits written."""
    from bideval.rubric import parse_rubric

    rubric = parse_rubric(price_rubric(f"method: lowest_ratio\nbudget_ceiling: {written}"), "b.yaml")
    assert rubric.price_criterion.budget_ceiling == D(read)
