"""The results' charts as figures (issue 10, item 5): titles, axis units, names, colours, the numbers written on them,
and the sentence that stands in for a chart with too little data; in zh and en.

Oracles: the sample tender of the README (totals 81.15, 79.77, 79.18, 79.18, 74.25, 66.00; evaluated prices
1,872,000 … ) and 张评委's deviation on 成都天府联信, worked by hand from the sample panel workbook:
ops_plan 10.2 against the mean 13.72 (−3.52), service_design 4.2 against 4.56 (−0.36): mean −1.94.
"""
import math
from dataclasses import replace
from decimal import Decimal as D
from pathlib import Path

import pytest

from bideval.charts import OTHERS_COLOUR, PALETTE, charts, judge_deviation, score_makeup, short_names, \
    value_for_money
from bideval.evaluation import evaluate, run
from bideval.panel import PanelInput, Score
from bideval.result import Standing
from bideval.rubric import parse_rubric
from conftest import VENDOR_A, VENDOR_B, good_bid, make_bidset

ROOT = Path(__file__).resolve().parent.parent
TIANFU = "91510107MA6CJ5NU8U"
JIAHE = "91330106MA2H8B1R7X"
XINGHAI = "91440101MA59K3T81K"
PENGCHENG = "91440300MA5EQ7LX3R"


@pytest.fixture(scope="module")
def sample():
    """The README's sample tender: six valid bids, one invalid, a five-judge panel."""
    return run(ROOT / "criteria" / "cs-outsourcing.yaml", sorted((ROOT / "sample_bids" / "cs-outsourcing").glob("*.xlsx")),
               [ROOT / "sample_bids" / "cs-outsourcing-panel.xlsx"])


def trace(figure, name):
    return next(t for t in figure.data if t.name == name)


# -- score make-up

@pytest.mark.parametrize("lang, title, x_title, y_title, legend", [
    ("zh", "各投标人得分构成（按类别，按排名）", "得分（分，满分 100）", "投标人（按排名）",
     ["商务（满分 10）", "运营（满分 60）", "价格（满分 30）"]),
    ("en", "Score make-up of each bid, by group, in rank order", "Score (points, out of 100)", "Bidder (in rank order)",
     ["Commercial (max 10)", "Operations (max 60)", "Price (max 30)"]),
])
def test_score_makeup_has_titles_group_maxima_and_totals(sample, lang, title, x_title, y_title, legend):
    chart = score_makeup(sample, lang)
    figure = chart.figure
    assert figure.layout.title.text == title
    assert figure.layout.xaxis.title.text == x_title
    assert figure.layout.yaxis.title.text == y_title
    bars = [t for t in figure.data if t.type == "bar"]
    assert [t.name for t in bars] == legend
    assert figure.layout.barmode == "relative" and all(t.orientation == "h" for t in bars)
    assert len({t.marker.color for t in bars}) == 3, "one discrete colour per group"
    (totals,) = [t for t in figure.data if t.type == "scatter"]
    assert list(totals.text) == ["81.15", "79.77", "79.18", "79.18", "74.25", "66.00"]
    assert totals.mode == "text" and totals.textposition == "middle right"
    assert list(bars[0].y) == ["成都天府联信客服外包", "杭州嘉禾云呼科技", "广州星海呼叫中心服务", "深圳鹏程客户联络服务",
                               "南京金陵智讯呼叫服务", "南宁八桂智联信息服务"]
    assert figure.layout.yaxis.autorange == "reversed", "rank 1 at the top"
    assert figure.layout.xaxis.range[1] > 100, "room for the total written after a full bar"
    hover = bars[0].hovertext[0]
    assert "成都天府联信客服外包有限公司" in hover and TIANFU in hover
    assert ("商务：10.00 / 10" if lang == "zh" else "Commercial: 10.00 / 10") in hover
    assert ("总分：81.15 / 100" if lang == "zh" else "Total: 81.15 / 100") in totals.hovertext[0]


def test_score_makeup_of_a_penalty_stacks_below_zero_and_writes_the_total():
    rubric = parse_rubric("""
id: goods
title: {zh: 货物, en: Goods}
fields: [{id: bad_records, label: {zh: 不良记录数, en: Bad records}, type: integer}]
criteria:
  - {id: records, name: {zh: 不良记录, en: Bad records}, group: commercial, kind: penalty, max: 6,
     items: [{label: {zh: 不良记录, en: Bad record}, field: bad_records, points: 2}]}
  - {id: price, name: {zh: 价格, en: Price}, group: price, kind: price, max: 10, method: lowest_ratio}
""", "goods.yaml")
    result = evaluate(rubric, make_bidset(rubric, {"vendor_id": VENDOR_A, "vendor_name": "甲", "bad_records": 2,
                                                   "total_price": 100}))
    figure = score_makeup(result, "zh").figure
    assert [t.name for t in figure.data if t.type == "bar"] == ["商务（满分 0）", "价格（满分 10）"]
    assert list(figure.data[-1].text) == ["6.00"]  # 10 − 4
    assert figure.layout.xaxis.range[0] == -4.0


# -- value for money

@pytest.mark.parametrize("lang, title, x_title, y_title, names, quoted", [
    ("zh", "评审价格与非价格得分", "评审价格（万元）", "非价格得分（分，满分 70）", ["第1名", "第2名", "第3名", "其他有效投标"],
     "投标报价：1,872,000.00 元"),
    ("en", "Evaluated price against non-price score", "Evaluated price (thousand CNY)",
     "Non-price score (points, out of 70)", ["Rank 1", "Rank 2", "Rank 3", "Other valid bids"],
     "Quoted price: ¥1,872,000.00"),
])
def test_value_for_money_has_units_and_discrete_rank_colours(sample, lang, title, x_title, y_title, names, quoted):
    figure = value_for_money(sample, lang).figure
    assert figure.layout.title.text == title
    assert figure.layout.xaxis.title.text == x_title
    assert figure.layout.yaxis.title.text == y_title
    assert [t.name for t in figure.data] == names
    assert [t.marker.color for t in figure.data] == [*PALETTE[:3], OTHERS_COLOUR]
    first = trace(figure, names[0])
    assert list(first.x) == [187.2 if lang == "zh" else 1872.0]
    assert first.y[0] == pytest.approx(81.15 - 12.02)  # total less the price score
    assert list(first.text) == ["成都天府联信客服外包"]
    assert "成都天府联信客服外包有限公司" in first.hovertext[0] and TIANFU in first.hovertext[0]
    assert quoted in first.hovertext[0]
    # 广州星海 and 深圳鹏程 tie on the same spot: one point carries both names, the hover both bids
    (tied,) = trace(figure, names[2]).hovertext
    assert XINGHAI in tied and PENGCHENG in tied
    assert list(trace(figure, names[2]).text) == ["广州星海呼叫中心服务<br>深圳鹏程客户联络服务"]


@pytest.mark.parametrize("currency, lang, axis, amount", [
    ("USD", "zh", "评审价格（万美元）", "1,872,000.00 美元"),
    ("USD", "en", "Evaluated price (thousand USD)", "$1,872,000.00"),
    ("EUR", "en", "Evaluated price (thousand EUR)", "€1,872,000.00"),
    ("GBP", "zh", "评审价格（万英镑）", "1,872,000.00 英镑"),
])
def test_value_for_money_shows_the_rubrics_currency(sample, currency, lang, axis, amount):
    result = replace(sample, rubric=replace(sample.rubric, currency=currency))
    figure = value_for_money(result, lang).figure
    assert figure.layout.xaxis.title.text == axis
    assert amount in figure.data[0].hovertext[0]


def test_small_amounts_are_plotted_in_yuan(rubric):
    result = evaluate(rubric, make_bidset(rubric, good_bid(VENDOR_A, price_model="lump_sum", rate_per_call=None,
                                                           total_price=90000),
                                          good_bid(VENDOR_B, price_model="lump_sum", rate_per_call=None,
                                                   total_price=95000)))
    assert value_for_money(result, "zh").figure.layout.xaxis.title.text == "评审价格（元）"
    assert value_for_money(result, "en").figure.layout.xaxis.title.text == "Evaluated price (CNY)"
    assert sorted(x for t in value_for_money(result, "zh").figure.data for x in t.x) == [90000.0, 95000.0]


# -- judge × vendor deviation

@pytest.mark.parametrize("lang, title, x_title, bar", [
    ("zh", "评委评分与全体评委平均分之差（评委 × 投标人）", "评委", "偏差（分）"),
    ("en", "Each judge's difference from the panel mean (judge × bid)", "Judge", "Deviation (points)"),
])
def test_deviation_heat_map_writes_each_value_on_its_cell(sample, lang, title, x_title, bar):
    (heat,) = judge_deviation(sample, lang).figure.data
    figure = judge_deviation(sample, lang).figure
    assert figure.layout.title.text == title
    assert figure.layout.xaxis.title.text == x_title
    assert figure.layout.yaxis.title.text == ("投标人（按排名）" if lang == "zh" else "Bidder (in rank order)")
    assert heat.colorbar.title.text == bar
    assert list(heat.x) == ["王评委", "李评委", "张评委", "赵评委", "陈评委"]
    assert heat.y[0] == "成都天府联信客服外包"
    assert heat.texttemplate == "%{text}"
    assert heat.text[0][2] == "-1.94" and heat.text[0][1] == "+0.66"  # worked by hand: see the module docstring
    assert all(cell for row in heat.text for cell in row), "every judge scored every bid"
    assert heat.zmid == 0
    assert "成都天府联信客服外包有限公司" in heat.hovertext[0][2] and TIANFU in heat.hovertext[0][2]
    assert ("评委：张评委" if lang == "zh" else "Judge: 张评委") in heat.hovertext[0][2]


def test_a_cell_not_scored_is_blank(rubric):
    scores = [Score(j, v, c, D(s)) for j, s in (("王", "12"), ("李", "14")) for v in (VENDOR_A, VENDOR_B)
              for c in ("ops_plan", "service_design")][:-2]  # 李 has not scored B
    tiers = {(v, "ops_plan"): "t3" for v in (VENDOR_A, VENDOR_B)}
    scores = [replace(s, score=D("4")) if s.criterion == "service_design" else s for s in scores]
    result = evaluate(rubric, make_bidset(rubric, good_bid(VENDOR_A), good_bid(VENDOR_B, rate_per_call=0.9)),
                      PanelInput(("王", "李"), tuple(scores), tiers))
    (heat,) = judge_deviation(result, "zh").figure.data
    row = list(result.ranking).index(result.standing(VENDOR_B))
    assert list(heat.text[row]) == ["+0.00", ""]  # 王 alone scored B (he is its panel mean); 李 did not
    assert heat.z[row][0] == 0.0 and math.isnan(heat.z[row][1])  # a gap: no colour, no hover
    assert list(heat.text[1 - row]) == ["-0.50", "+0.50"]  # ops 12 and 14 (mean 13), design 4 and 4


# -- too little data: a sentence instead of an empty box

ONE_JUDGE = PanelInput(("王",), (Score("王", VENDOR_A, "ops_plan", D(12)), Score("王", VENDOR_A, "service_design", D(4))),
                       {(VENDOR_A, "ops_plan"): "t3"})


@pytest.mark.parametrize("case, chart, lang, says", [
    ("no valid bid", "makeup", "zh", "没有有效投标"),
    ("no valid bid", "value", "en", "No valid bid"),
    ("no valid bid", "deviation", "zh", "没有有效投标"),
    ("one valid bid", "value", "zh", "只有一个有效投标"),
    ("one valid bid", "value", "en", "at least two valid bids"),
    ("no judges", "deviation", "zh", "尚无评委"),
    ("no judges", "deviation", "en", "No judges yet"),
    ("no scores", "deviation", "zh", "尚无评委评分"),
    ("no scores", "deviation", "en", "No panel scores yet"),
    ("one judge", "deviation", "zh", "只有一位评委"),
    ("one judge", "deviation", "en", "at least two judges"),
    ("no panel criteria", "deviation", "zh", "没有评委评分项"),
    ("no panel criteria", "deviation", "en", "no criteria the panel scores"),
])
def test_too_little_data_says_so_in_words(rubric, case, chart, lang, says):
    bids = {"no valid bid": [good_bid(VENDOR_A, business_license="否")]}.get(case, [good_bid(VENDOR_A)])
    panel = {"no scores": PanelInput(("王", "李")), "one judge": ONE_JUDGE}.get(case)
    if case == "no panel criteria":
        rubric = replace(rubric, criteria=tuple(c for c in rubric.criteria if not c.is_panel))
    result = evaluate(rubric, make_bidset(rubric, *bids), panel)
    drawn = {c.name: c for c in charts(result, lang)}
    assert drawn[chart].figure is None
    assert says in drawn[chart].note


def test_one_valid_bid_still_has_its_score_make_up(rubric):
    result = evaluate(rubric, make_bidset(rubric, good_bid(VENDOR_A)))
    assert score_makeup(result, "zh").figure is not None
    assert value_for_money(result, "zh").figure is None


# -- names and downloads

def standing(vendor_id, name):
    return Standing(1, vendor_id, name, D(0), {}, {}, D(0), D(0), ())


@pytest.mark.parametrize("name, short", [
    ("成都天府联信客服外包有限公司", "成都天府联信客服外包"),
    ("北京示例科技股份有限公司", "北京示例科技"),
    ("上海某某信息技术有限责任公司", "上海某某信息技术"),
    ("内蒙古自治区呼和浩特市某某呼叫中心服务有限公司", "内蒙古自治区呼和浩…"),  # cut to fit, marked
    ("Acme Services Co., Ltd.", "Acme Services"),
    ("Pengcheng Customer Contact Services Limited", "Pengcheng Customer…"),
    ("公司", "公司"),  # nothing left to drop
    ("<b>Evil</b> & Co", "&lt;b&gt;Evil&lt;/b&gt; &amp; Co"),  # plotly would read the tags
    ("AT&T & Partners Co., Ltd.", "AT&amp;T &amp; Partners"),
])
def test_short_names(name, short):
    assert short_names([standing("91110000802100433B", name)]) == {"91110000802100433B": short}


def test_short_names_stay_unique_so_no_two_bids_share_a_bar():
    names = short_names([standing(VENDOR_A, "甲公司"), standing(VENDOR_B, "甲有限公司"), standing("X", "乙公司")])
    assert names == {VENDOR_A: "甲 ·433B", VENDOR_B: "甲 ·136T", "X": "乙"}


@pytest.mark.parametrize("lang, filename", [
    ("zh", "示例：客服业务外包项目_Sample_customer-service_outsourcing-得分构成"),
    ("en", "示例：客服业务外包项目_Sample_customer-service_outsourcing-Score_make-up"),
])
def test_download_button_gives_a_png_named_for_the_tender(sample, lang, filename):
    config = score_makeup(sample, lang).download_config("示例：客服业务外包项目 / Sample: customer-service outsourcing")
    assert config["toImageButtonOptions"] == {"format": "png", "scale": 2, "filename": filename}


WEIGHTED = """
id: staged
title: {zh: 分阶段评审, en: Staged evaluation}
total: 100
pricing: {demand: {months: 12}, models: [lump_sum]}
fields:
  - {id: tech, label: {zh: 技术得分, en: Technical points}, type: number}
groups:
  - {id: technical, label: {zh: 技术部分, en: Technical}, pass_mark: 50, scale_to_best: true, weight: 0.8}
  - {id: financial, label: {zh: 商务部分, en: Financial}, weight: 0.2}
criteria:
  - {id: approach, name: {zh: 技术方案, en: Technical approach}, group: technical, kind: linear, field: tech,
     max: 100, points: [[0, 0], [100, 100]]}
  - {id: price, name: {zh: 价格, en: Price}, group: financial, kind: price, max: 100, method: lowest_ratio}
"""


@pytest.mark.parametrize("lang, legend, y_title", [
    ("zh", ["技术部分（满分 80）", "商务部分（满分 20）"], "非价格得分（分，满分 80）"),
    ("en", ["Technical (max 80)", "Financial (max 20)"], "Non-price score (points, out of 80)"),
])
def test_weighted_groups_stack_to_the_total_with_their_weighted_maxima(lang, legend, y_title):
    rubric = parse_rubric(WEIGHTED, "staged.yaml")
    result = evaluate(rubric, make_bidset(rubric, *({"vendor_id": v, "vendor_name": n, "tech": t, "total_price": p}
                                                    for v, n, t, p in ((VENDOR_A, "甲", 60, 500000),
                                                                       (VENDOR_B, "乙", 66, 625000)))))
    makeup = score_makeup(result, lang).figure
    bars = [t for t in makeup.data if t.type == "bar"]
    assert [t.name for t in bars] == legend
    assert makeup.layout.xaxis.title.text.endswith("100）" if lang == "zh" else "100)")
    for i, s in enumerate(result.ranking):  # the bars add up to the total the ranking shows
        assert sum(t.x[i] for t in bars) == pytest.approx(float(s.total))
    # 乙 has the best technical score: scaled to 100, × 0.8 = 80, all of its non-price score
    value = value_for_money(result, lang).figure
    assert value.layout.yaxis.title.text == y_title
    ys = {t.hovertext[0].split("<br>")[1]: t.y[0] for t in value.data}
    assert ys[VENDOR_B] == 80.0
