"""The shipped Chinese goods tender (criteria/goods-procurement.yaml, sample_bids/goods-procurement/): every
feature it shows, with its figures worked out here independently of the engine.

Deduction 30 − 2 per key clause − 0.5 per other; grades (技术方案 优/良/一般 ranges, 样品质量 fixed points,
安装调试 whole points); contracts (2 each, max 8) and certificates (1 each, max 5) under a cap of 10; a penalty of
2 per bad-conduct record off the total; the price (ratio, 30) rounded to 1 place, the rest to 2, against the
benchmark B = 0.95 × the mean of the five evaluated prices without the highest and the lowest; SME deductions by
category (small 10 %, consortium 4 %).
"""
from decimal import Decimal as D
import json
import shutil
import subprocess
import sys

import openpyxl
import pytest

from bideval.evaluation import run
from bideval.export import write_workbook
from bideval.result import ABNORMAL_LOW, FINAL, result_document, result_json
from bideval.values import round_half_up
from conftest import ROOT

RUBRIC = ROOT / "criteria" / "goods-procurement.yaml"
SAMPLES = ROOT / "sample_bids"
# The five valid evaluated prices: 康泰 1,700,000; 瑞康 1,500,000; 蓉新 1,650,000 less 10 % (small enterprise)
# = 1,485,000; 惠民 980,000; 中原 1,600,000 less 4 % (consortium) = 1,536,000. Five bids: the highest and the
# lowest are dropped, B = 0.95 × (1,500,000 + 1,485,000 + 1,536,000) / 3 = 0.95 × 1,507,000 = 1,431,650.00.
B = round_half_up(D("0.95") * (D(1500000) + D(1485000) + D(1536000)) / 3, 2)


def mean(*scores: int) -> D:
    return round_half_up(D(sum(scores)) / len(scores), 2)


def price(e: int) -> D:
    return round_half_up(min(D(30), 30 * B / D(e)), 1)  # 30 × B / E, at most 30; 价格分保留1位小数


# vendor → the criterion scores its bid and the panel's grades give (counted scores: the cap applied)
EXPECTED = {
    "广州康泰医疗设备有限公司": {
        "compliance": D("27.5"), "tech_plan": mean(8, 9, 6), "sample_quality": mean(4, 4, 3),
        "installation": mean(5, 6, 5), "delivery": D(10), "projects": D(8), "certificates": D(2),
        "bad_conduct": D(0), "price": price(1700000)},
    "南京瑞康医疗器械有限公司": {
        "compliance": D(22), "tech_plan": mean(6, 7, 5), "sample_quality": mean(3, 3, 3),
        "installation": mean(4, 4, 3), "delivery": round_half_up(D(10) - D(10) * 5 / 15, 2), "projects": D(4),
        "certificates": D(5), "bad_conduct": D(-4), "price": price(1500000)},
    "成都蓉新医疗科技有限公司": {
        "compliance": D("28.5"), "tech_plan": mean(7, 7, 8), "sample_quality": mean(3, 4, 3),
        "installation": mean(4, 5, 4), "delivery": round_half_up(D(10) - D(10) * 3 / 15, 2), "projects": D(2),
        "certificates": D(2), "bad_conduct": D(0), "price": price(1485000)},  # 1,650,000 × 0.90
    "武汉惠民医疗器械有限公司": {
        "compliance": D(0), "tech_plan": mean(2, 3, 1), "sample_quality": mean(1, 2, 1),
        "installation": mean(1, 2, 2), "delivery": D(0), "projects": D(0), "certificates": D(1),
        "bad_conduct": D(0), "price": price(980000)},  # 43.8 capped at 30
    "郑州中原医疗设备有限公司": {
        "compliance": D(29), "tech_plan": mean(5, 7, 6), "sample_quality": mean(3, 2, 3),
        "installation": mean(4, 3, 4), "delivery": round_half_up(D(10) * 5 / 15, 2), "projects": D(6),
        "certificates": D(4), "bad_conduct": D(-2), "price": price(1536000)},  # 1,600,000 × 0.96
}


@pytest.fixture(scope="module")
def result():
    return run(RUBRIC, [SAMPLES / "goods-procurement"], [SAMPLES / "goods-procurement-panel.xlsx"])


def test_every_criterion_score(result):
    assert result.status == FINAL and result.warnings == ()
    found = {s.vendor_name: dict(s.criteria) for s in result.ranking}
    assert found == EXPECTED
    for s in result.ranking:
        assert s.total == sum(EXPECTED[s.vendor_name].values())


def test_the_cases_the_sample_shows(result):
    kangtai = next(s for s in result.ranking if s.vendor_name == "广州康泰医疗设备有限公司")
    assert kangtai.rank == 1 and kangtai.total == D("89.47")
    assert kangtai.criteria["tech_plan"] == D("7.67")              # 8, 9, 6 → 7.666… → 7.67
    assert kangtai.criteria["price"] == D("25.3")                   # 30 × 1,431,650 / 1,700,000 = 25.26… → 25.3
    cap = kangtai.caps["track_record"]
    assert (cap.parts, cap.counted, cap.combined) == ({"projects": 8, "certificates": 3},
                                                       {"projects": 8, "certificates": 2}, 10)
    assert [(line.field, line.count, line.deducted) for line in kangtai.deductions["compliance"]] == [
        ("unmet_key_items", 1, 2), ("unmet_other_items", 1, D("0.5"))]
    rongxin = next(s for s in result.ranking if s.vendor_name == "成都蓉新医疗科技有限公司")
    assert rongxin.sme and rongxin.evaluated_price == D(1485000)
    zhongyuan = next(s for s in result.ranking if s.vendor_name == "郑州中原医疗设备有限公司")
    assert zhongyuan.evaluated_price == D(1536000)                  # a consortium: 1,600,000 × (1 − 0.04)
    lines = {line.vendor_name: line for line in result.prices}
    assert (lines["成都蓉新医疗科技有限公司"].sme_category.id, lines["郑州中原医疗设备有限公司"].sme_category.id) == \
        ("small", "consortium")
    assert result.price_benchmark.value == B == D("1431650.00")
    assert result.price_benchmark.dropped == (D(1700000), D(980000))
    huimin = next(s for s in result.ranking if s.vendor_name == "武汉惠民医疗器械有限公司")
    assert ABNORMAL_LOW in huimin.flags and huimin.criteria["compliance"] == 0  # 30 − 24 − 10 → 0
    (invalid,) = result.invalid
    assert invalid.vendor_name == "合肥安平医疗用品有限公司"
    assert [r.code for r in invalid.reasons] == ["licence", "above_budget_ceiling"]


@pytest.mark.parametrize("lang, line", [
    ("zh", "评标基准价：B = (去掉最高价 1,700,000.00 和最低价 980,000.00 后其余 3 家评审价格的平均值 1,507,000.00) "
           "× 0.95 = 1,431,650.00"),
    ("en", "price benchmark: B = (the mean of the other 3 evaluated prices after dropping the highest "
           "1,700,000.00 and the lowest 980,000.00: 1,507,000.00) × 0.95 = 1,431,650.00"),
])
def test_the_terminal_summary_states_the_benchmark(tmp_path, capsys, lang, line):
    from bideval.cli import main

    assert main(["evaluate", "--criteria", str(RUBRIC), "--bids", str(SAMPLES / "goods-procurement"),
                 "--panel", str(SAMPLES / "goods-procurement-panel.xlsx"), "--json", str(tmp_path / "r.json"),
                 "--lang", lang]) == 0
    out = capsys.readouterr().out.splitlines()
    assert line in out and f"{B:,.2f}" in line
    assert out.index(line) == len(out) - 3  # after the ranking, before the candidates and the invalid bid


def test_json_carries_deductions_and_caps(result):
    document = result_document(result)
    first = document["ranking"][0]
    assert first["criteria"]["price"] == 25.3 and first["total"] == 89.47
    assert document["price_benchmark"]["value"] == 1431650.0 and document["price_benchmark"]["basis"] == 1507000.0
    assert [e["sme_category"] for e in document["ranking"]] == [None, "small", "consortium", None, None]
    assert first["caps"]["track_record"]["parts"] == {"projects": 8.0, "certificates": 3.0}
    assert [d["deducted"] for d in first["deductions"]["compliance"]] == [2.0, 0.5]
    assert document["ranking"][3]["deductions"]["bad_conduct"] == [
        {"field": "bad_records", "count": 2, "points": 2.0, "deducted": 4.0}]


def test_libreoffice_recomputes_the_workbook_to_the_cent(result, tmp_path):
    """Totals, subtotals, Caps and Deductions formulas recomputed without cached values agree with the JSON."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.fail("LibreOffice (soffice) is not installed: run the README's test command (bash scripts/test.sh)")
    path = tmp_path / "ranked.xlsx"
    write_workbook(result, path, "zh")
    stripped = tmp_path / "stripped.xlsx"
    openpyxl.load_workbook(path).save(stripped)  # openpyxl drops the cached values
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--norestore",
                    "--convert-to", "xlsx", "--outdir", str(tmp_path / "out"), str(stripped)],
                   check=True, capture_output=True, timeout=180)
    book = openpyxl.load_workbook(tmp_path / "out" / "stripped.xlsx", data_only=True)
    document = result_document(result)
    totals = {row[0]: row[-1] for row in book["Scores"].iter_rows(min_row=2, values_only=True)}
    assert {e["vendor_id"]: round(D(str(totals[e["vendor_id"]])), 2) for e in document["ranking"]} == \
        {e["vendor_id"]: round(D(str(e["total"])), 2) for e in document["ranking"]}
    combined = [r[8] for r in book["Caps"].iter_rows(min_row=2, values_only=True) if r[8] is not None]
    assert combined == [float(e["caps"]["track_record"]["combined"]) for e in document["ranking"]]
    deducted = [r[8] for r in book["Deductions"].iter_rows(min_row=2, values_only=True)]
    assert deducted == [d["deducted"] for e in document["ranking"] for c in ("compliance", "bad_conduct")
                        for d in e["deductions"][c]]


def test_committed_sample_is_up_to_date(tmp_path, result):
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_samples.py"), "--out", str(tmp_path)],
                          capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    fresh = run(RUBRIC, [tmp_path / "goods-procurement"], [tmp_path / "goods-procurement-panel.xlsx"])
    for lang in ("zh", "en"):
        assert json.loads(result_json(fresh, lang)) == json.loads(result_json(result, lang))


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", ["results", "bids", "tiers", "scoring", "export", "tenders"])
def test_every_page_runs_on_the_goods_tender(app_db, page, lang):
    from bideval.storage import Store
    from conftest import loaded_tender, open_app, seat_judge

    store = Store(app_db)
    forms = sorted((SAMPLES / "goods-procurement").glob("*.xlsx"))
    tender = loaded_tender(store, "医疗设备", RUBRIC, forms, SAMPLES / "goods-procurement-panel.xlsx")
    seat_judge(store, tender, "王评委")  # holds the seat the panel workbook gave that name, and has declared
    app = open_app(page, lang=lang, tender_id=tender, judge="王评委" if page == "scoring" else None)
    assert not app.exception, app.exception
    if page == "results":
        labels = [e.label for e in app.expander]
        assert ("扣分明细" if lang == "zh" else "Deductions item by item") in labels
        assert ("共享上限" if lang == "zh" else "Shared caps") in labels
    if page == "scoring":
        frame = app.data_editor[0].value
        assert "grade" in frame.columns and frame["grade"].notna().any()  # the panel's grades shown as choices
