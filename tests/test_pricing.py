"""Quoted contract price per pricing model, with the seed examples."""
from decimal import Decimal as D

import pytest

from bideval.pricing import Demand, PricingModel, Unit, formula_text, quoted_price

DEMAND = Demand(months=D(12), seats=D(30), calls_per_month=D(50000), sales_per_month=D(2000000),
                devices=D(80), units=(Unit("pc", D(120)), Unit("server", D(10))))


@pytest.mark.parametrize("model, values, expected", [
    (PricingModel.LUMP_SUM, {"total_price": D("1020000")}, "1020000.00"),
    (PricingModel.PER_SEAT_MONTH, {"rate_per_seat_month": D("5500")}, "1980000.00"),  # 5500 × 30 × 12
    # (seed) 10086 inbound: 0.85 元 per effective call, 50,000 calls a month, 12 months
    (PricingModel.PER_CALL, {"rate_per_call": D("0.85")}, "510000.00"),
    (PricingModel.BASE_PLUS_COMMISSION, {"base_per_seat_month": D("1500"), "commission_rate": D("0.02")},
     "1020000.00"),  # 1500 × 30 × 12 + 0.02 × 2,000,000 × 12
    (PricingModel.PER_UNIT_MONTH, {"rate_pc": D("40"), "rate_server": D("300")}, "93600.00"),  # (4800 + 3000) × 12
    # (seed) IT outsourcing over 50 devices: 3000 + 50 × (devices − 50) a month; 80 devices, 12 months
    (PricingModel.BASE_PLUS_EXCESS, {"base_fee_month": D(3000), "included_devices": 50, "excess_rate": D(50)},
     "54000.00"),
    (PricingModel.BASE_PLUS_EXCESS, {"base_fee_month": D(3000), "included_devices": 100, "excess_rate": D(50)},
     "36000.00"),  # fewer devices than included: no excess
    (PricingModel.PER_CALL, {"rate_per_call": D("0.8333333")}, "499999.98"),  # rounded to the cent, half-up
])
def test_quoted_price(model, values, expected):
    assert quoted_price(model, values, DEMAND) == D(expected)


@pytest.mark.parametrize("spelling, model", [
    ("per_call", PricingModel.PER_CALL), ("按通计费", PricingModel.PER_CALL), ("Per call", PricingModel.PER_CALL),
    ("  LUMP_SUM ", PricingModel.LUMP_SUM), ("总价包干", PricingModel.LUMP_SUM), ("hourly", None),
    # per_unit_month's label names no kind of unit (a staffing form's units are people); its former label still reads
    ("按计价单位按月计费", PricingModel.PER_UNIT_MONTH), ("按设备按月计费", PricingModel.PER_UNIT_MONTH),
    # the bid form's hint as a bidder copies it (author5 A5-5): both labels, any brackets, spaces and case
    ("按通计费 (Per call)", PricingModel.PER_CALL), ("按通计费（Per call）", PricingModel.PER_CALL),
    ("按通计费(per call)", PricingModel.PER_CALL), ("按通计费 / Per call", PricingModel.PER_CALL),
    ("Per  call", PricingModel.PER_CALL), ("ＰＥＲ_ＣＡＬＬ", PricingModel.PER_CALL),
    ("按席位按月计费 (Per seat-month)", PricingModel.PER_SEAT_MONTH), ("按通计费 (Lump sum)", None),
])
def test_model_aliases(spelling, model):
    assert PricingModel.from_alias(spelling) is model


@pytest.mark.parametrize("model, values, zh, en", [
    (PricingModel.LUMP_SUM, {"total_price": D("1020000")}, "1,020,000 元", "1,020,000 yuan"),
    (PricingModel.PER_SEAT_MONTH, {"rate_per_seat_month": D("5500")},
     "5,500 元 × 30 席 × 12 个月", "5,500 yuan × 30 seats × 12 months"),
    (PricingModel.PER_CALL, {"rate_per_call": D("0.85")},
     "0.85 元 × 50,000 通/月 × 12 个月", "0.85 yuan × 50,000 calls a month × 12 months"),
    (PricingModel.BASE_PLUS_COMMISSION, {"base_per_seat_month": D("1500"), "commission_rate": D("0.02")},
     "1,500 元 × 30 席 × 12 个月 + 2% × 2,000,000 元销售额/月 × 12 个月",
     "1,500 yuan × 30 seats × 12 months + 2% × 2,000,000 yuan of sales a month × 12 months"),
    (PricingModel.PER_UNIT_MONTH, {"rate_pc": D("40"), "rate_server": D("300")},
     "(40 元 × 120 台 pc + 300 元 × 10 台 server) × 12 个月",
     "(40 yuan × 120 pc + 300 yuan × 10 server) × 12 months"),
    (PricingModel.BASE_PLUS_EXCESS, {"base_fee_month": D(3000), "included_devices": 50, "excess_rate": D(50)},
     "(3,000 元 + 50 元 × max(0, 80 − 50) 台) × 12 个月",
     "(3,000 yuan + 50 yuan × max(0, 80 − 50) devices) × 12 months"),
    (PricingModel.PER_CALL, {"rate_per_call": D("0.8333333")},  # every decimal the vendor gave is shown
     "0.8333333 元 × 50,000 通/月 × 12 个月", "0.8333333 yuan × 50,000 calls a month × 12 months"),
])
def test_formula_text_in_each_language(model, values, zh, en):
    assert formula_text(model, values, DEMAND, "zh") == zh
    assert formula_text(model, values, DEMAND, "en") == en


# -- a ceiling per unit (author6 A6-2): 物业 办公区 ≤ 4.5 元/㎡/月, 车库 ≤ 3.5, 超过任一单项限价的投标无效; the tester's r3 shape
PROPERTY = """
id: property
title: {zh: 物业服务}
contract_months: 36
pricing:
  demand:
    units:
      office: {count: 28000, label: {zh: 办公区建筑面积}, per: {zh: 平方米}, ceiling: %s}
      garage: {count: 12000, label: {zh: 地下车库面积}, per: {zh: 平方米}, ceiling: 3.5}
  models: [per_unit_month]
fields: []
criteria:
  - {id: price, name: {zh: 价格}, group: price, kind: price, max: 35, method: lowest_ratio, budget_ceiling: 6048000}
"""


def test_a_rate_above_its_units_ceiling_makes_the_bid_invalid_whatever_q_comes_to():
    from bideval.evaluation import evaluate
    from bideval.rubric import parse_rubric
    from conftest import make_bidset

    rubric = parse_rubric(PROPERTY % "4.5", "property.yaml")
    bids = make_bidset(rubric, *({"vendor_id": f"9144030070846113{n}", "vendor_name": name, "rate_office": office,
                                  "rate_garage": garage} for n, (name, office, garage) in
                                 enumerate([("城邦", "4.8", "2.5"), ("安居", "4.5", "3.5"), ("德润", "4.6", "3.6")], 10)))
    result = evaluate(rubric, bids)
    assert [line.quoted for line in result.prices] == [D("5918400.00"), D("6048000.00"), D("6192000.00")]  # 城邦 under 6,048,000
    assert [s.vendor_name for s in result.ranking] == ["安居"]  # at the ceilings exactly: valid
    reasons = {bid.vendor_name: [r.render("zh") for r in bid.reasons] for bid in result.invalid}
    assert reasons == {
        "城邦": ["above_unit_ceiling: 办公区建筑面积 每平方米每月单价 4.80 元超过单项限价 4.50 元"],
        "德润": ["above_unit_ceiling: 办公区建筑面积 每平方米每月单价 4.60 元超过单项限价 4.50 元",
                 "above_unit_ceiling: 地下车库面积 每平方米每月单价 3.60 元超过单项限价 3.50 元",
                 "above_budget_ceiling: 投标报价 6,192,000.00 元超过最高限价 6,048,000.00 元"]}
    first = result.invalid[0].reasons[0]  # the unit a fact, the English with it as the rubric names it (平方米)
    assert (first.code, first.facts["unit"], first.facts["quoted"], first.facts["ceiling"]) == \
        ("above_unit_ceiling", "office", D("4.8"), D("4.5"))
    assert first.text.en == "办公区建筑面积: rate per 平方米-month ¥4.80 is above its ceiling ¥4.50"  # the unit once


@pytest.mark.parametrize("lang, rule", [
    ("zh", "单项限价：办公区建筑面积 每平方米每月单价不超过 4.50 元、地下车库面积 每平方米每月单价不超过 3.50 元"),
    ("en", "unit ceilings: 办公区建筑面积: rate per 平方米-month at most ¥4.50, "
           "地下车库面积: rate per 平方米-month at most ¥3.50")])
def test_check_states_each_units_ceiling_beside_the_budget_ceiling(lang, rule):
    from bideval.rubric import parse_rubric
    from bideval.rubric_view import criterion_rule

    rubric = parse_rubric(PROPERTY % "4.5", "property.yaml")
    assert rule in criterion_rule(rubric.price_criterion, rubric, lang)


@pytest.mark.parametrize("ceiling", ["0", "-4.5", "四块五"])
def test_a_units_ceiling_must_be_a_positive_amount(ceiling):
    from bideval.errors import RubricError
    from bideval.rubric import parse_rubric

    with pytest.raises(RubricError, match=r"pricing.demand.units.office: units.office.ceiling "):
        parse_rubric(PROPERTY % ceiling, "property.yaml")
    with pytest.raises(ValueError, match="unit ceiling"):
        Unit("office", D(28000), ceiling=D(0))


@pytest.mark.parametrize("budget_ceiling, warned", [("4.5", True), ("39999.99", True), ("40000", False),
                                                    ("6048000", False)])
def test_check_warns_of_a_budget_ceiling_that_looks_like_a_unit_rate(budget_ceiling, warned):
    """author6 A6-3: `budget_ceiling: 4.5` copied from 办公区 ≤ 4.5 元/㎡/月 made every bid invalid, with no word from
    check; it caps Q, the whole contract, so one below the 40,000 units the tender buys warns (and is not refused)."""
    from bideval.rubric import parse_rubric
    from bideval.rubric_yaml import rubric_warnings

    rubric = parse_rubric(PROPERTY.replace("6048000", budget_ceiling) % "4.5", "property.yaml")
    codes = [w.code for w in rubric_warnings(rubric)]
    assert codes == (["rubric.ceiling_like_rate"] if warned else [])


CARS = """
id: cars
title: {zh: 公务用车租赁}
pricing:
  demand:
    months: 36
    units:
      sedan: {count: 10, label: {zh: 5座轿车, en: Sedan}, per: {zh: 辆, en: car}}
      bus: {count: 2, label: {zh: 19座中型客车, en: Minibus}, per: {zh: 辆, en: bus}, months: %s}
  models: [per_unit_month]
fields: []
criteria:
  - {id: price, name: {zh: 价格}, group: price, kind: price, max: 30, method: lowest_ratio}
"""


def test_a_unit_rented_for_fewer_months_is_priced_for_its_own():
    """author7 A7-2: 轿车 10 辆 × 36 个月 beside 中巴 2 辆 × 30 个月 (寒暑假停租). By hand:
    4,200 × 10 × 36 + 11,000 × 2 × 30 = 1,512,000 + 660,000 = 2,172,000.00."""
    from bideval.rubric import parse_rubric
    from bideval.rubric_view import demand_line
    from bideval.pricing import demand_text

    rubric = parse_rubric(CARS % "30", "cars.yaml")
    demand, rates = rubric.pricing.demand, {"rate_sedan": D(4200), "rate_bus": D(11000)}
    assert quoted_price(PricingModel.PER_UNIT_MONTH, rates, demand) == D("2172000.00")
    assert formula_text(PricingModel.PER_UNIT_MONTH, rates, demand, "zh") == \
        "4,200 元 × 10 辆 5座轿车 × 36 个月 + 11,000 元 × 2 辆 19座中型客车 × 30 个月"
    assert formula_text(PricingModel.PER_UNIT_MONTH, rates, demand, "en") == \
        "4,200 yuan × 10 Sedan × 36 months + 11,000 yuan × 2 Minibus × 30 months"
    assert demand_text(demand, "zh") == "36 个月、10 辆 5座轿车、2 辆 19座中型客车（30 个月）"
    assert demand_line(rubric, "zh") == "需求：月数 36，5座轿车 10 辆，19座中型客车 2 辆（30 个月）"
    assert demand_line(rubric, "en").endswith("bus 2 (30 months)")


@pytest.mark.parametrize("months, found", [("40", "at most 36"), ("0", "more than 0")])
def test_a_units_months_lie_within_the_contract(months, found):
    from bideval.errors import RubricError
    from bideval.rubric import parse_rubric

    with pytest.raises(RubricError, match=f"pricing.demand.units.bus: units.bus.months must be {found}"):
        parse_rubric(CARS % months, "cars.yaml")


# -- a price quoted as a discount rate (author7 A7-1): 食材配送, 评审价 = 年度预算 120 万元 × (1 − 下浮率), 下浮率不得低于 5 %
# (and, as a tender may also say it, a budget ceiling of 1,200,000 × 95 % = 1,140,000), 小微企业扣除 10 %, 低价优先法 30 分
FOOD = """
id: canteen-food
title: {zh: 机关食堂食材配送服务, en: Canteen food supply}
regime: order87
procurement_object: services
fields: []
criteria:
  - {id: plan, name: {zh: 配送服务方案, en: Delivery plan}, group: technical, kind: judged, max: 70}
  - {id: price, name: {zh: 价格, en: Price}, group: price, kind: price, max: 30, method: lowest_ratio,
     sme_deduction: 10%%, budget_ceiling: 1140000}
pricing:
  demand: {discount_base: %s, min_discount: 5%%}
  models: [discount_rate]
"""


def _food_bid(n: int, name: str, rate: object, sme: bool = False) -> dict:
    return {"vendor_id": f"9144030070846113{n}", "vendor_name": name, "sme": sme, "discount_rate": rate}


def test_a_discount_rate_comes_off_the_base_and_every_price_rule_works_on_the_quote():
    """By hand: Q = 1,200,000 × (1 − d), to the cent; E = Q × 0.9 for a 小微 bid; score = 30 × E_min / E.
    甲 12.345678 %: 1,200,000 × 0.87654322 = 1,051,851.864 → 1,051,851.86; 30 × 988,200 / 1,051,851.86 = 28.1845… → 28.18.
    乙 8.5 %, 小微: Q 1,098,000.00, E 988,200.00 (the lowest E: 30).
    丙 5 %: Q 1,140,000.00, at the ceiling, valid; 30 × 988,200 / 1,140,000 = 26.0052… → 26.01.
    丁 4 %: below the least rate 5 %, and so Q 1,152,000.00 above the ceiling: invalid, for both."""
    import json

    from bideval.evaluation import evaluate
    from bideval.result import result_json
    from bideval.rubric import parse_rubric
    from conftest import make_bidset

    rubric = parse_rubric(FOOD % "1200000", "food.yaml")
    bids = make_bidset(rubric, _food_bid(10, "甲", "12.345678%"), _food_bid(11, "乙", "8.5%", sme=True),
                       _food_bid(12, "丙", 0.05), _food_bid(13, "丁", "4 %"))
    result = evaluate(rubric, bids)
    document = json.loads(result_json(result))
    assert [(b["vendor_name"], D(str(b["quoted_price"])), D(str(b["evaluated_price"])), D(str(b["criteria"]["price"])))
            for b in document["ranking"]] == [("乙", D("1098000"), D("988200"), D(30)),
                                              ("甲", D("1051851.86"), D("1051851.86"), D("28.18")),
                                              ("丙", D("1140000"), D("1140000"), D("26.01"))]
    assert [(b["vendor_name"], b["reasons"]) for b in document["invalid"]] == [
        ("丁", ["below_min_discount: 下浮率 4% 低于最低下浮率 5%",
               "above_budget_ceiling: 投标报价 1,152,000.00 元超过最高限价 1,140,000.00 元"])]
    reason = result.invalid[0].reasons[0]
    assert (reason.facts, reason.text.en) == ({"rate": D("0.04"), "least": D("0.05")},
                                              "discount rate 4% is below the least allowed, 5%")
    line = next(p for p in result.prices if p.vendor_name == "甲")
    assert formula_text(line.model, line.parameters, rubric.pricing.demand, "zh") == "1,200,000 元 × (1 − 12.345678%)"
    assert formula_text(line.model, line.parameters, rubric.pricing.demand, "en") == \
        "1,200,000 yuan × (1 − 12.345678%)"


@pytest.mark.parametrize("typed", ["100%", "1", "105%", "-3%", "12", "下浮12%"])
def test_a_discount_rate_of_100_percent_or_more_or_not_a_rate_is_refused_at_its_cell_with_the_range(tmp_path, typed):
    from bideval.bids import read_bids
    from bideval.errors import BidsError
    from bideval.messages import render
    from bideval.rubric import parse_rubric
    from conftest import write_form

    rubric = parse_rubric(FOOD % "1200000", "food.yaml")
    path = write_form(tmp_path / "a.xlsx", _food_bid(10, "甲", typed))
    with pytest.raises(BidsError) as caught:
        read_bids(rubric, [path])
    (problem,) = caught.value.problems
    expected = problem.data["expected"]
    assert (problem.cell, expected.kind, expected.facts) == ("C5", "discount_rate", {"min": D(0), "below": D(1)})
    assert "下浮率：应为不小于 0% 且小于 100% 的下浮率，如 12%" in render(problem, "zh")


@pytest.mark.parametrize("old, new, refused", [
    ("discount_base: %s", "discount_base: 0", "pricing.demand: discount_base "),
    ("discount_base: %s", "discount_base: -1200000", "pricing.demand: discount_base "),
    ("discount_base: %s", "discount_base: 一百二十万", "pricing.demand: discount_base "),
    ("discount_base: %s, ", "", "pricing: model discount_rate needs demand figure\\(s\\) discount_base"),
    ("min_discount: 5%%", "min_discount: 5", "pricing.demand: min_discount "),  # 5 meant as 5 %: 500 %
    ("min_discount: 5%%", "min_discount: 100%%", "pricing.demand: min_discount "),
    ("min_discount: 5%%", "min_discount: -5%%", "pricing.demand: min_discount ")])
def test_a_discount_base_must_be_a_positive_amount_and_a_least_rate_below_100_percent(old, new, refused):
    from bideval.errors import RubricError
    from bideval.rubric import parse_rubric

    with pytest.raises(RubricError, match=refused):
        parse_rubric(FOOD.replace(old, new) % (() if "%s" not in FOOD.replace(old, new) else "1200000"), "food.yaml")
    with pytest.raises(ValueError, match="discount base"):
        Demand(discount_base=D(0))
    with pytest.raises(ValueError, match="least discount rate"):
        Demand(min_discount=D(1))


@pytest.mark.parametrize("lang, rule", [
    ("zh", "低价优先法（lowest_ratio）；最高限价 1,140,000.00 元；下浮率报价：报价 = 1,200,000.00 元 × (1 − 下浮率)，"
           "下浮率不低于 5%；中小企业扣除 10%"),
    ("en", "lowest_ratio; budget ceiling 1,140,000.00; discount rate: quote = 1,200,000.00 × (1 − rate), "
           "rate at least 5%; SME deduction 10%")])
def test_the_price_rule_says_what_a_discount_rate_comes_off(lang, rule):
    """What check, the Rubric and Price sheets and the report say of the price criterion."""
    from bideval.rubric import parse_rubric
    from bideval.rubric_view import criterion_rule

    rubric = parse_rubric(FOOD % "1200000", "food.yaml")
    assert criterion_rule(rubric.price_criterion, rubric, lang) == rule


def test_the_bid_form_says_what_the_discount_rate_comes_off():
    from bideval.rubric import parse_rubric
    from bideval.template import _row_for

    rubric = parse_rubric(FOOD % "1200000", "food.yaml")
    row = _row_for(rubric.field_index["discount_rate"])
    assert row.note == ("%，如 12% / %, e.g. 12%; 报价 = 1,200,000.00 元 × (1 − 下浮率)；下浮率不得低于 5% / "
                        "quote = ¥1,200,000.00 × (1 − discount rate); a discount rate below 5% makes the bid invalid")
    assert row.validation["maximum"] < 1  # Excel refuses 100 %, as the import does
