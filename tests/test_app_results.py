"""The results page in AppTest: ranking beside price, flags, invalid bids, charts; both languages."""
from decimal import Decimal
from pathlib import Path

import pytest

from bideval.storage import Store
from conftest import admin_call, admin_of, chair_tender, replace_panel, seat_judge, EXAMPLE_RUBRIC, VENDOR_A, VENDOR_B, good_bid, open_app, write_form, write_panel

VENDOR_C = "91310000MA1FL0000X"


@pytest.fixture
def tender(app_db: str, tmp_path: Path) -> int:
    """A tender of the formats.md rubric with two valid bids, one invalid, and a complete panel."""
    store = Store(app_db)
    tender = chair_tender(store, "测试项目", EXAMPLE_RUBRIC.read_text(encoding="utf-8"), EXAMPLE_RUBRIC.name)
    files = [write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A, name="甲公司")),
             write_form(tmp_path / "b.xlsx", good_bid(VENDOR_B, name="乙公司", rate_per_call=0.6)),
             write_form(tmp_path / "c.xlsx", good_bid(VENDOR_C, name="丙公司", business_license="否"))]
    report = store.import_bids(admin_of(store), tender, [(f.name, f.read_bytes()) for f in files])
    assert report.ok, report.refused
    panel = write_panel(tmp_path / "panel.xlsx",
                        scores=[[j, v, c, s, ""] for j, bump in (("王", 0), ("李", 1)) for v in (VENDOR_A, VENDOR_B)
                                for c, s in (("ops_plan", 11 + bump), ("service_design", 3 + bump))],
                        tiers=[[VENDOR_A, "ops_plan", "t3"], [VENDOR_B, "ops_plan", "t3"]])
    replace_panel(store, tender, panel)
    return tender


@pytest.mark.parametrize("lang, title, ranking", [("zh", "评标结果", "排名"), ("en", "Evaluation results", "Ranking")])
def test_results_page_shows_the_ranking(tender, lang, title, ranking):
    app = open_app("results", lang=lang, tender_id=tender)
    assert not app.exception
    assert app.title[0].value == title
    assert ranking in [h.value for h in app.subheader]
    table = app.dataframe[0].value
    assert list(table.iloc[:, 1]) == ["乙公司", "甲公司"]  # cheaper B wins on price
    store = Store()
    result = store.evaluate(admin_of(store), tender)
    assert [round(float(s.total), 2) for s in result.ranking] == list(table.iloc[:, table.columns.get_loc(
        "总分" if lang == "zh" else "Total")])
    errors = " ".join(e.value for e in app.error)
    reason = "未提供业务经营许可证" if lang == "zh" else "No operating licence"
    assert "丙公司" in errors and reason in errors and "licence:" not in errors  # the reason's text, not its code
    said = " ".join(m.value for m in app.markdown)
    places = "**推荐中标候选人：** 1. 乙公司，2. 甲公司" if lang == "zh" else "**Recommended candidates:** 1. 乙公司, 2. 甲公司"
    assert places in said  # each numbered by its rank (Result.candidate_places)


def test_results_page_on_a_fresh_database_loads_the_sample_tender(app_db):
    app = open_app()
    assert not app.exception
    assert admin_call("tenders"), "the sample tender is created on first start"
    assert app.title[0].value == "评标结果"


DEDUCTING = """
id: goods
title: {zh: 货物采购, en: Goods}
fields:
  - {id: unmet_key, label: {zh: 不满足的带#号条款数, en: Unmet key items}, type: integer}
  - {id: bad_records, label: {zh: 不良记录数, en: Bad records}, type: integer}
criteria:
  - id: compliance
    name: {zh: 技术响应, en: Technical compliance}
    group: technical
    kind: deduction
    max: 30
    items: [{label: {zh: 带#号条款不满足, en: Unmet key item}, field: unmet_key, points: 2}]
  - id: records
    name: {zh: 不良记录, en: Bad records}
    group: commercial
    kind: penalty
    max: 6
    items: [{label: {zh: 不良记录, en: Bad record}, field: bad_records, points: 2}]
"""


@pytest.mark.parametrize("lang, expander, item", [("zh", "扣分明细", "不良记录"), ("en", "Deductions item by item", "Bad record")])
def test_results_page_lists_deductions_item_by_item(app_db, tmp_path, lang, expander, item):
    store = Store(app_db)
    tender = chair_tender(store, "货物", DEDUCTING, "goods.yaml")
    form = write_form(tmp_path / "a.xlsx", {"vendor_id": VENDOR_A, "vendor_name": "甲公司", "unmet_key": 3,
                                            "bad_records": 2, "total_price": 100000})
    assert store.import_bids(admin_of(store), tender, [(form.name, form.read_bytes())]).ok
    app = open_app("results", lang=lang, tender_id=tender)
    assert not app.exception
    assert expander in [e.label for e in app.expander]
    table = next(d.value for d in app.dataframe if d.key == "results_deductions" or len(d.value.columns) == 7)
    rows = table.values.tolist()
    assert ["甲公司", "技术响应" if lang == "zh" else "Technical compliance",
            "带#号条款不满足" if lang == "zh" else "Unmet key item", 3, 2.0, 6.0, 24.0] in rows
    assert any(r[2] == item and r[6] == -4.0 for r in rows)


@pytest.mark.parametrize("lang, expander", [("zh", "共享上限"), ("en", "Shared caps")])
def test_results_page_shows_a_shared_cap_with_its_parts(app_db, tmp_path, lang, expander):
    from test_caps import RUBRIC as CAPPED

    store = Store(app_db)
    tender = chair_tender(store, "上限", CAPPED, "capped.yaml")
    form = write_form(tmp_path / "a.xlsx", {"vendor_id": VENDOR_A, "vendor_name": "甲公司", "projects": 4,
                                            "certificates": 3, "total_price": 100000})
    assert store.import_bids(admin_of(store), tender, [(form.name, form.read_bytes())]).ok
    app = open_app("results", lang=lang, tender_id=tender)
    assert not app.exception
    assert expander in [e.label for e in app.expander]
    table = next(d.value for d in app.dataframe if len(d.value.columns) == 7 and d.value.iloc[0, 2] == 10)
    assert table.iloc[:, 4:].values.tolist() == [[8.0, 8.0, 10.0], [3.0, 2.0, 10.0]]


STAGED = """
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
  - id: price
    name: {zh: 价格, en: Price}
    group: financial
    kind: price
    max: 100
    method: deviation
    benchmark: {base: mean, coefficient: 0.95}
    above_penalty: 1
    below_penalty: 0.5
    deviation_rounding: up
"""


@pytest.mark.parametrize("lang, stage, benchmark, subtotals", [
    ("zh", "未通过阶段评审", "评标基准价", "分组得分：原始、折算、加权"),
    ("en", "Out after a stage", "Price benchmark", "Group subtotals: raw, scaled, weighted"),
])
def test_results_page_shows_stages_benchmark_and_weighted_subtotals(app_db, tmp_path, lang, stage, benchmark,
                                                                     subtotals):
    store = Store(app_db)
    tender = chair_tender(store, "咨询", STAGED, "staged.yaml")
    forms = [write_form(tmp_path / f"{v}.xlsx", {"vendor_id": v, "vendor_name": name, "tech": t, "total_price": p})
             for v, name, t, p in ((VENDOR_A, "甲公司", 60, 500000), (VENDOR_B, "乙公司", 40, 300000),
                                   (VENDOR_C, "丙公司", 66, 625000))]
    assert store.import_bids(admin_of(store), tender, [(f.name, f.read_bytes()) for f in forms]).ok
    app = open_app("results", lang=lang, tender_id=tender)
    assert not app.exception
    headings = [h.value for h in app.subheader]
    assert stage in headings and benchmark in headings
    assert (tr := {"zh": "无效投标", "en": "Invalid bids"}[lang]) not in headings, tr  # a stage failure is not invalid
    assert subtotals in [e.label for e in app.expander]
    # AppTest does not report a dataframe's key: the tables in page order are the ranking, the deviations,
    # the subtotals and the stage failures.
    ranking, deviations, steps, stages = (d.value for d in app.dataframe)
    (failed,) = stages.values.tolist()
    assert failed[:5] == ["乙公司", VENDOR_B, "技术部分" if lang == "zh" else "Technical", 40.0, 50.0]
    result = store.evaluate(admin_of(store), tender)
    b = result.price_benchmark.value  # mean of A and C only: 0.95 × 562,500
    assert b == 534375
    assert f"B = {b:,.2f}" in " ".join(m.value for m in app.markdown)
    from bideval.result import result_document  # d as the JSON gives it, to the last place (it was round(float))
    document = {e["vendor_id"]: e for e in result_document(result, lang)["ranking"]}
    names = {s.vendor_name: s.vendor_id for s in result.ranking}
    d = "偏差率 d（%）" if lang == "zh" else "Deviation d (%)"
    shown = {names[n]: x for n, x in zip(deviations.iloc[:, 0], deviations[d])}
    assert {v: Decimal(x) for v, x in shown.items()} == {v: Decimal(str(e["price_deviation"])) for v, e in document.items()}
    assert all(len(x.split(".")[1]) == 4 for x in shown.values())  # to the JSON's DEVIATION_PLACES
    assert len(deviations) == 2 and list(ranking.iloc[:, 1]) == ["丙公司", "甲公司"]  # C: 0.8 × 100 + 0.2 × 83 = 96.6
    assert [round(v, 2) for v in steps.iloc[:, -1]] == [float(s.total) for s in result.ranking]


SCALED_CRITERION = """
id: scaled
title: {zh: 按最高分折算, en: Scaled to the best}
total: 100
pricing: {demand: {months: 12}, models: [lump_sum]}
fields:
  - {id: tech, label: {zh: 技术得分, en: Technical points}, type: number}
criteria:
  - {id: approach, name: {zh: 技术方案, en: Technical approach}, group: operations, kind: linear, field: tech,
     max: 70, points: [[0, 0], [70, 70]], scale_to_best: true}
  - {id: price, name: {zh: 价格, en: Price}, group: price, kind: price, max: 30, method: lowest_ratio}
"""


@pytest.mark.parametrize("lang, expander, before, after", [
    ("zh", "按最高分折算的评分项：折算前、折算后", "技术方案 折算前", "技术方案 折算后"),
    ("en", "Criteria scaled to the best: before and after", "Technical approach before", "Technical approach scaled"),
])
def test_results_page_shows_a_scaled_criterion_before_and_after(app_db, tmp_path, lang, expander, before, after):
    store = Store(app_db)
    tender = chair_tender(store, "折算", SCALED_CRITERION, "scaled.yaml")
    forms = [write_form(tmp_path / f"{v}.xlsx", {"vendor_id": v, "vendor_name": name, "tech": t, "total_price": 500000})
             for v, name, t in ((VENDOR_A, "甲公司", 60), (VENDOR_C, "丙公司", 66))]
    assert store.import_bids(admin_of(store), tender, [(f.name, f.read_bytes()) for f in forms]).ok
    app = open_app("results", lang=lang, tender_id=tender)
    assert not app.exception
    assert expander in [e.label for e in app.expander]
    table = next(d.value for d in app.dataframe if before in d.value.columns)
    # the linear scores 60 and 66 scaled to the best: 70 × 60 / 66 = 63.64, and 70
    assert table[[before, after]].values.tolist() == [[66.0, 70.0], [60.0, 63.64]]


def plotly_charts(app) -> dict[str, tuple[dict, dict]]:
    """The page's plotly charts by key: (figure spec, plotly config) as the browser receives them."""
    import json

    return {chart.proto.id.rsplit("-", 1)[-1]: (json.loads(chart.proto.spec), json.loads(chart.proto.config))
            for chart in app.get("plotly_chart")}


@pytest.mark.parametrize("lang, tabs, makeup, price_axis, filename", [
    ("zh", ["得分构成", "性价比", "评委偏差"], "各投标人得分构成（按类别，按排名）", "评审价格（万元）", "测试项目-得分构成"),
    ("en", ["Score make-up", "Value for money", "Judge deviations"], "Score make-up of each bid, by group, in rank order",
     "Evaluated price (thousand CNY)", "测试项目-Score_make-up"),
])
def test_results_page_charts_explain_themselves(tender, lang, tabs, makeup, price_axis, filename):
    app = open_app("results", lang=lang, tender_id=tender)
    assert not app.exception
    assert [t.label for t in app.tabs] == tabs
    drawn = plotly_charts(app)
    assert set(drawn) == {"chart_makeup", "chart_value", "chart_deviation"}
    spec, config = drawn["chart_makeup"]
    assert spec["layout"]["title"]["text"] == makeup
    assert config["toImageButtonOptions"] == {"format": "png", "scale": 2, "filename": filename}
    assert drawn["chart_value"][0]["layout"]["xaxis"]["title"]["text"] == price_axis
    heat = drawn["chart_deviation"][0]["data"][0]
    assert heat["type"] == "heatmap" and heat["text"] == [["-0.50", "+0.50"], ["-0.50", "+0.50"]]
    assert "乙公司" in heat["hovertext"][0][0] and VENDOR_B in heat["hovertext"][0][0]


@pytest.mark.parametrize("lang, says", [("zh", ["只有一个有效投标", "尚无评委"]),
                                        ("en", ["Only one valid bid", "No judges yet"])])
def test_results_page_says_when_a_chart_has_too_little_data(app_db, tmp_path, lang, says):
    store = Store(app_db)
    tender = chair_tender(store, "单一投标", EXAMPLE_RUBRIC.read_text(encoding="utf-8"), EXAMPLE_RUBRIC.name)
    form = write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A, name="甲公司"))
    assert store.import_bids(admin_of(store), tender, [(form.name, form.read_bytes())]).ok
    app = open_app("results", lang=lang, tender_id=tender)
    assert not app.exception
    assert set(plotly_charts(app)) == {"chart_makeup"}  # one bid still has its score make-up
    notes = [i.value for i in app.info]
    assert len(notes) == 2 and all(any(s in n for n in notes) for s in says)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_vendor_name_is_shown_as_written_not_as_markdown(app_db, tmp_path, lang):
    """A bidder's name is text from its form: 星*辰*科技 (or a name holding a link, `[…](http://…)`) showed on the
    Results page as 星辰科技 with 辰 in italics among the candidates and the invalid bids, and on the Bids page above
    an invalid bid's reasons: the page's Markdown read its characters. Each is now shown as written."""
    store = Store(app_db)
    tender = chair_tender(store, "名称", EXAMPLE_RUBRIC.read_text(encoding="utf-8"), EXAMPLE_RUBRIC.name)
    valid, invalid = "星*辰*科技", "[丙公司](http://example.cn)"
    files = [write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A, name=valid)),
             write_form(tmp_path / "c.xlsx", good_bid(VENDOR_C, name=invalid, business_license="否"))]
    assert store.import_bids(admin_of(store), tender, [(f.name, f.read_bytes()) for f in files]).ok
    results = open_app("results", lang=lang, tender_id=tender)
    assert not results.exception
    said = [m.value for m in results.markdown] + [e.value for e in results.error]
    assert [t for t in said if "星\\*辰\\*科技" in t] and not [t for t in said if "星*辰*科技" in t]
    assert [t for t in said if "\\[丙公司\\](http://example.cn)" in t] and not [t for t in said if invalid in t]
    bids = open_app("bids", lang=lang, tender_id=tender)
    assert not bids.exception
    warned = [w.value for w in bids.warning]
    assert [t for t in warned if "\\[丙公司\\](http://example.cn)" in t] and not [t for t in warned if invalid in t]
