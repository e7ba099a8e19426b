"""Groups with pass marks (stages), scaling to the best and weights (issue 7, items 5 and 6).

Oracles from the issue: technical pass mark 50, price 30 by lowest_ratio, A (60, 500,000), B (40, 300,000),
C (66, 625,000) → B fails, A's price 30.00, C's 24.00; raw technical 60 and 66 scaled to 70 → 63.64 and
70.00; technical 80 of 100 at weight 0.8 and financial 100 × 400,000 / 500,000 = 80 at weight 0.2 → 80.00.
"""
import io
import json
import shutil
import subprocess
from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings, strategies as st

from bideval.errors import RubricError
from bideval.evaluation import evaluate
from bideval.export import write_workbook
from bideval.panel import PanelInput, Score
from bideval.result import FINAL, PROVISIONAL, result_json
from bideval.rubric import parse_rubric
from bideval.rubric_view import describe_rubric
from bideval.scoring import price_outcome
from conftest import make_bidset

A, B, C, D_ = "91110000802100433B", "91440300708461136T", "91510107MA6CJ5NU8U", "91330106MA2H8B1R7X"
JUDGE = "王评委"


def rubric_text(groups: str, technical_max: int = 70, price_max: int = 30, total: str = "",
                price_group: str = "price", method: str = "lowest_ratio") -> str:
    return f"""
id: staged
title: {{zh: 分阶段评审, en: Staged evaluation}}
{total}
pricing: {{demand: {{months: 12}}, models: [lump_sum]}}
fields: []
groups:
{groups}
criteria:
  - {{id: approach, name: {{zh: 技术方案, en: Technical approach}}, group: technical, kind: judged, max: {technical_max}}}
  - {{id: price, name: {{zh: 价格, en: Price}}, group: {price_group}, kind: price, max: {price_max},
     method: {method}}}
"""


STAGED = """\
  - {id: technical, label: {zh: 技术部分, en: Technical}, pass_mark: 50}
  - {id: price, label: {zh: 价格部分, en: Price}}"""


def run(text, bids, judges=(JUDGE,), missing=()):
    """Evaluate bids given as (vendor, technical score or None, price); ``missing`` vendors lack the score."""
    rubric = parse_rubric(text, "staged.yaml")
    bidset = make_bidset(rubric, *({"vendor_id": v, "vendor_name": f"公司{v[-3:]}", "total_price": str(p)}
                                   for v, _, p in bids))
    scores = tuple(Score(j, v, "approach", D(str(t))) for v, t, _ in bids for j in judges
                   if t is not None and v not in missing)
    return evaluate(rubric, bidset, PanelInput(tuple(judges), scores, {}))


WORKED = [(A, 60, 500000), (B, 40, 300000), (C, 66, 625000)]


def test_the_stage_example():
    result = run(rubric_text(STAGED), WORKED)
    price = {s.vendor_id: s.criteria["price"] for s in result.ranking}
    assert price == {A: D("30.00"), C: D("24.00")}  # E_min is A's 500,000, not B's 300,000
    (failed,) = result.invalid
    assert failed.vendor_id == B
    assert [r.code for r in failed.reasons] == ["below_pass_mark"]
    assert failed.reasons[0].render("zh") == "below_pass_mark: 技术部分得分 40，低于及格分 50"
    assert failed.reasons[0].render("en") == "below_pass_mark: Technical subtotal 40 is below the pass mark 50"
    assert (failed.stage.group, failed.stage.subtotal, failed.stage.pass_mark) == ("technical", D(40), D(50))
    assert result.status == FINAL
    line = next(p for p in result.prices if p.vendor_id == B)
    assert (line.valid, line.score) == (False, None)


def test_the_stage_in_json():
    document = json.loads(result_json(run(rubric_text(STAGED), WORKED), "en"))
    assert [e["vendor_id"] for e in document["ranking"]] == [A, C]
    (invalid,) = document["invalid"]
    assert invalid == {
        "vendor_id": B, "vendor_name": "公司36T",
        "reasons": ["below_pass_mark: Technical subtotal 40 is below the pass mark 50"],
        "stage": {"group": "technical", "subtotal": 40.0, "pass_mark": 50.0, "groups": {"technical": 40.0},
                  "criteria": {"approach": 40.0}, "incomplete": False}}
    assert document["ranking"][0]["subtotals"]["technical"] == {"raw": 60.0, "best": None, "scaled": 60.0,
                                                                "weight": None, "weighted": 60.0}


def test_a_bid_at_the_pass_mark_passes():
    result = run(rubric_text(STAGED), [(A, 50, 500000), (B, "49.99", 300000)])
    assert [s.vendor_id for s in result.ranking] == [A]
    assert [i.vendor_id for i in result.invalid] == [B]


@pytest.mark.parametrize("written, points, en, zh", [
    ("60%", D(42), "pass mark 42 (60% of 70)", "及格分 42（满分 70 的 60%）：低于 42 分"),
    ("60 %", D(42), "pass mark 42 (60% of 70)", "及格分 42（满分 70 的 60%）"),
    ("６０％", D(42), "pass mark 42 (60% of 70)", "及格分 42（满分 70 的 60%）"),
    ("62.5%", D("43.75"), "pass mark 43.75 (62.5% of 70)", "及格分 43.75（满分 70 的 62.5%）"),  # exact, not rounded
    ("42", D(42), "pass mark 42: a bid", "及格分 42：低于 42 分"),
])
def test_a_pass_mark_as_a_share_of_the_group_s_max(written, points, en, zh):
    rubric = parse_rubric(rubric_text(STAGED.replace("pass_mark: 50", f"pass_mark: {written}")), "s.yaml")
    assert rubric.group("technical").pass_mark == points
    assert en in describe_rubric(rubric, "en") and zh in describe_rubric(rubric, "zh")


def test_a_bid_below_a_share_pass_mark_fails_the_stage():
    result = run(rubric_text(STAGED.replace("pass_mark: 50", "pass_mark: 60%")), [(A, 42, 500000), (B, "41.99", 300000)])
    assert [s.vendor_id for s in result.ranking] == [A]
    assert result.invalid[0].reasons[0].render("en") == ("below_pass_mark: Technical subtotal 41.99 is below the "
                                                         "pass mark 42")


def test_provisional_while_the_panel_has_not_finished_a_staged_group():
    two = (JUDGE, "李评委")
    # B has only one judge's 40: it fails on the score present, but the stage is not settled.
    result = run(rubric_text(STAGED), WORKED + [], judges=two, missing=())
    assert result.status == FINAL
    rubric = parse_rubric(rubric_text(STAGED), "s.yaml")
    bidset = make_bidset(rubric, *({"vendor_id": v, "vendor_name": v, "total_price": str(p)} for v, _, p in WORKED))
    scores = tuple(Score(j, v, "approach", D(t)) for v, t, _ in WORKED for j in two if (v, j) != (B, "李评委"))
    result = evaluate(rubric, bidset, PanelInput(two, scores, {}))
    assert [i.vendor_id for i in result.invalid] == [B]
    assert result.invalid[0].stage.incomplete is True
    assert all("incomplete" not in s.flags for s in result.ranking)
    assert result.status == PROVISIONAL


@pytest.mark.parametrize("agreed, ranked, status", [
    ({}, [A, C], "awaiting_agreed"),  # the judges' mean (40) stands in: the stage waits for the agreed score
    ({A: 60, B: 55, C: 66}, [A, C, B], FINAL),  # agreed above the pass mark: ranked
    ({A: 60, B: 45, C: 66}, [A, C], FINAL),  # agreed below it: out, settled
])
def test_under_consensus_the_agreed_score_settles_the_pass_mark(agreed, ranked, status):
    """The mean put B out and nothing waited for the chair's agreed score, which counts instead (sweep 14b)."""
    from bideval.workflow import blockers

    rubric = parse_rubric(rubric_text(STAGED).replace("groups:", "panel: {aggregate: consensus}\ngroups:"), "s.yaml")
    bidset = make_bidset(rubric, *({"vendor_id": v, "vendor_name": v, "total_price": str(p)} for v, _, p in WORKED))
    scores = tuple(Score(JUDGE, v, "approach", D(t)) for v, t, _ in WORKED)
    result = evaluate(rubric, bidset, PanelInput((JUDGE,), scores, {},
                                                 consensus={(v, "approach"): D(s) for v, s in agreed.items()}))
    assert sorted(s.vendor_id for s in result.ranking) == sorted(ranked) and result.status_shown == status
    waiting = blockers(result, (), {JUDGE: True}).awaiting_agreed
    assert B in waiting if not agreed else B not in waiting


def test_a_judge_recused_from_a_bid_below_the_pass_mark_is_not_waited_for():
    """A recused member scores the bid never: its stage failure is settled by the others' scores, not incomplete."""
    two = (JUDGE, "李评委")
    rubric = parse_rubric(rubric_text(STAGED), "s.yaml")
    bidset = make_bidset(rubric, *({"vendor_id": v, "vendor_name": v, "total_price": str(p)} for v, _, p in WORKED))
    scores = tuple(Score(j, v, "approach", D(t)) for v, t, _ in WORKED for j in two if (v, j) != (B, "李评委"))
    result = evaluate(rubric, bidset, PanelInput(two, scores, {}, recused=frozenset({("李评委", B)})))
    assert [i.vendor_id for i in result.invalid] == [B]
    assert result.invalid[0].stage.incomplete is False
    assert result.status == FINAL


def test_scores_owed_counts_a_bid_out_after_an_unfinished_stage_and_not_a_recused_judge_s_bids():
    """Who owes which scores under a provisional status (the terminal summary names them): a bid out after a
    stage the panel has not finished is owed on every panel criterion (here the staged group's only); a judge recused from a bid owes none
    for it, and a judge who owes nothing is not named."""
    from bideval.workflow import scores_owed

    three = (JUDGE, "李评委", "张评委")
    rubric = parse_rubric(rubric_text(STAGED), "s.yaml")
    bidset = make_bidset(rubric, *({"vendor_id": v, "vendor_name": v, "total_price": str(p)} for v, _, p in WORKED))
    missing = {(B, "李评委"), (A, "张评委"), (C, "张评委")}
    scores = tuple(Score(j, v, "approach", D(t)) for v, t, _ in WORKED for j in three if (v, j) not in missing)
    result = evaluate(rubric, bidset, PanelInput(three, scores, {}, recused=frozenset({("张评委", A)})))
    assert result.status == PROVISIONAL and result.invalid[0].stage.incomplete is True
    assert [(o.judge, o.missing) for o in scores_owed(result)] == [("李评委", ((B, "approach"),)),
                                                                   ("张评委", ((C, "approach"),))]



@pytest.mark.parametrize("lang, detail, counted", [
    ("en", "李评委: Technical approach (1 missing); the mean of the scores present stands in", "not scored"),
    ("zh", "李评委：技术方案（1 项）；暂按已有评分的平均分计", "未评分"),
])
def test_a_missing_score_is_named_in_the_report_and_the_panel_sheet(lang, detail, counted, tmp_path):
    """report6 D6-4: the flag names who owes which score and what stands in; the Panel sheet says "not scored"."""
    from bideval.report import findings

    two = (JUDGE, "李评委")
    rubric = parse_rubric(rubric_text(STAGED), "s.yaml")
    bidset = make_bidset(rubric, *({"vendor_id": v, "vendor_name": v, "total_price": str(p)} for v, _, p in WORKED))
    scores = tuple(Score(j, v, "approach", None if (v, j) == (C, "李评委") else D(t)) for v, t, _ in WORKED for j in two)
    result = evaluate(rubric, bidset, PanelInput(two, scores, {}))  # a row with an empty score, as a panel file has
    assert [(f.vendor_id, f.detail) for f in findings(result, lang)] == [(C, detail)]
    write_workbook(result, tmp_path / "r.xlsx", lang=lang)
    rows = [[c.value for c in row] for row in openpyxl.load_workbook(tmp_path / "r.xlsx")["Panel"].iter_rows()]
    assert sorted((r[0], r[6], r[10]) for r in rows if r[1] == C) == [("李评委", None, counted),
                                                                      (JUDGE, 66, "是" if lang == "zh" else "yes")]

def test_scaling_to_the_best():
    groups = """\
  - {id: technical, label: {zh: 技术部分, en: Technical}, scale_to_best: true}
  - {id: price, label: {zh: 价格部分, en: Price}}"""
    result = run(rubric_text(groups), [(A, 60, 500000), (C, 66, 500000)])
    scaled = {s.vendor_id: s.groups["technical"] for s in result.ranking}
    assert scaled == {A: D("63.64"), C: D("70.00")}  # 70 × 60 / 66, rounded after scaling
    assert {s.vendor_id: s.subtotals["technical"].raw for s in result.ranking} == {A: D(60), C: D(66)}
    assert {s.vendor_id: s.total for s in result.ranking} == {A: D("93.64"), C: D("100.00")}


def test_scaling_to_given_points_and_to_nothing_when_the_best_is_zero():
    groups = """\
  - {id: technical, label: {zh: 技术部分, en: Technical}, scale_to_best: 70}
  - {id: price, label: {zh: 价格部分, en: Price}}"""
    result = run(rubric_text(groups, technical_max=100, total="total: 100"), [(A, 60, 500000), (C, 66, 500000)])
    assert {s.vendor_id: s.groups["technical"] for s in result.ranking} == {A: D("63.64"), C: D("70.00")}
    zero = run(rubric_text(groups, technical_max=100), [(A, 0, 500000), (C, 0, 600000)])
    assert {s.vendor_id: s.groups["technical"] for s in zero.ranking} == {A: D(0), C: D(0)}


QCBS = """\
  - {id: technical, label: {zh: 技术部分, en: Technical}, weight: 0.8}
  - {id: financial, label: {zh: 商务部分, en: Financial}, weight: 0.2}"""


def test_weights():
    result = run(rubric_text(QCBS, technical_max=100, price_max=100, total="total: 100", price_group="financial"),
                 [(A, 80, 500000), (C, 70, 400000)])
    a = result.standing(A)
    assert a.groups == {"technical": D(80), "financial": D(80)}  # 100 × 400,000 / 500,000
    assert a.total == D("80.00")  # 0.8 × 80 + 0.2 × 80
    assert (a.subtotals["technical"].weighted, a.subtotals["financial"].weighted) == (D("64.00"), D("16.00"))
    assert result.standing(C).total == D("76.00")  # 0.8 × 70 + 0.2 × 100


def test_a_weight_may_be_written_as_a_percent():
    """weight: 80% is 0.8 exactly, as the other shares and rates may be written (a standard prints 技术 80%)."""
    args = dict(technical_max=100, price_max=100, total="total: 100", price_group="financial")
    as_percent = parse_rubric(rubric_text(QCBS.replace("0.8}", "80%}").replace("0.2}", "20%}"), **args), "x.yaml")
    assert [g.weight for g in as_percent.declared_groups] == [D("0.8"), D("0.2")]
    assert as_percent.declared_groups == parse_rubric(rubric_text(QCBS, **args), "x.yaml").declared_groups


def test_scaling_stages_and_weights_together():
    groups = """\
  - {id: technical, label: {zh: 技术部分, en: Technical}, pass_mark: 50, scale_to_best: true, weight: 0.8}
  - {id: financial, label: {zh: 商务部分, en: Financial}, weight: 0.2}"""
    result = run(rubric_text(groups, technical_max=100, price_max=100, total="total: 100", price_group="financial"),
                 [(A, 60, 500000), (B, 95, 300000), (C, 66, 625000), (D_, 45, 200000)])
    # D fails the stage: the best technical among the rest is B's 95, E_min B's 300,000.
    assert [i.vendor_id for i in result.invalid] == [D_]
    a = result.standing(A)
    assert a.subtotals["technical"].scaled == D("63.16")  # 100 × 60 / 95
    assert a.subtotals["technical"].weighted == D("50.53")  # 0.8 × 63.16 = 50.528
    assert a.groups["financial"] == D("60.00")  # 100 × 300,000 / 500,000
    assert a.total == D("62.53")  # 50.53 + 12.00


@pytest.mark.parametrize("lang, lines", [
    ("en", ["  Technical (technical): max 100; pass mark 50: a bid below it takes no part in the later groups, the "
            "price evaluation or the ranking; scaled to the best: the best bid gets 100, the others 100 × their "
            "subtotal / the best; weight 0.8",
            "  Financial (financial): max 100; weight 0.2",
            "total = 0.8 × Technical + 0.2 × Financial (each part rounded, then added)"]),
    ("zh", ["  技术部分 (technical)：满分 100；及格分 50：低于 50 分的投标不再参加后续评审、价格评审和排名；按最高分折算：得分最高者得 "
            "100 分，其余为 100 × 本组得分 / 最高得分；权重 0.8",
            "  商务部分 (financial)：满分 100；权重 0.2",
            "总分 = 0.8 × 技术部分 + 0.2 × 商务部分（各项四舍五入后相加）"]),
])
def test_check_explains_the_groups(lang, lines):
    groups = QCBS.replace("weight: 0.8}", "pass_mark: 50, scale_to_best: true, weight: 0.8}")
    text = describe_rubric(parse_rubric(rubric_text(groups, 100, 100, "total: 100", "financial"), "q.yaml"), lang)
    for line in lines:
        assert line in text.splitlines()
    assert ("满分 100" if lang == "zh" else "total 100") in text


def test_declared_labels_head_the_tables():
    rubric = parse_rubric(rubric_text(QCBS, 100, 100, "total: 100", "financial"), "q.yaml")
    assert rubric.groups == ("technical", "financial")
    assert "Technical" in describe_rubric(rubric, "en") and "技术部分" in describe_rubric(rubric, "zh")


@pytest.mark.parametrize("groups, kwargs, message, data", [
    (STAGED.replace("pass_mark: 50", "pass_mark: 80"), {},
     "group 'technical': pass_mark 80 is above the group's max 70: no bid could pass",
     {"group": "technical", "pass_mark": D(80), "max": D(70)}),
    (QCBS.replace("0.2", "0.3"), dict(technical_max=100, price_max=100, total="total: 100", price_group="financial"),
     "total: the groups' weighted maxima add up to 110 (technical 0.8 × 100 + financial 0.3 × 100), not the declared "
     "total 100", {"total": D(100), "weighted_maxima": D(110)}),
    (QCBS.replace(", weight: 0.2", ""), dict(price_group="financial"),
     "groups: weight is given for technical but not for financial: give every group a weight, or none",
     {"weighted": ["technical"], "unweighted": ["financial"]}),
    ("  - {id: technical, label: {zh: 技术部分, en: Technical}}", {},
     "criterion 'price': group 'price' is not declared under groups (declared: technical)",
     {"criterion": "price", "group": "price"}),
    (STAGED + "\n  - {id: service, label: {zh: 服务, en: Service}}", {},
     "group 'service': no criterion belongs to this group", {"group": "service"}),
    (STAGED.replace("pass_mark: 50", "").replace("{id: price, label: {zh: 价格部分, en: Price}}",
                                                 "{id: price, label: {zh: 价格部分, en: Price}, pass_mark: 10}"), {},
     "group 'price': a pass mark cannot be on the group of the price criterion 'price'",
     {"group": "price", "criterion": "price"}),
    ("  - {id: price, label: {zh: 价格部分, en: Price}}\n"
     "  - {id: technical, label: {zh: 技术部分, en: Technical}, pass_mark: 50}", {},
     "group 'technical': a group with a pass mark must come before the price group 'price'",
     {"group": "technical", "price_group": "price"}),
    (STAGED + "\n  - {id: technical, label: {zh: 技术, en: Tech}}", {},
     "group 'technical': is declared twice", {"group": "technical"}),
    (STAGED.replace("pass_mark: 50", "pass_mark: 50, stage: 1"), {},
     "group 'technical': unknown key 'stage'", {}),
    (STAGED.replace("pass_mark: 50", "scale_to_best: lots"), {},
     "group 'technical': scale_to_best (true, or the points the best bid gets) must be a number, found 'lots'", {}),
    (STAGED.replace("pass_mark: 50", "weight: -1"), {}, "group 'technical': weight must be more than 0", {}),
    (STAGED.replace("pass_mark: 50", "pass_mark: 0"), {}, "group 'technical': pass_mark must be more than 0", {}),
    # 0.6 written as shares are elsewhere (sme_deduction: 0.10) would be 0.6 points: nobody would fail the stage
    (STAGED.replace("pass_mark: 50", "pass_mark: 0.6"), {},
     "group 'technical': pass_mark 0.6 is in points of the group's 70: for 60 % write 60% or 42",
     {"pass_mark": D("0.6"), "max": D(70), "points": D(42)}),
    (STAGED.replace("pass_mark: 50", "pass_mark: 60分"), {},
     "group 'technical': pass_mark must be points (a number such as 42) or a share of the group's max (such as "
     "60%), found '60分'", {"found": "60分"}),
    (STAGED.replace("pass_mark: 50", "pass_mark: 120%"), {},
     "group 'technical': pass_mark must be at most 100%, found 120%", {}),
    (STAGED.replace("pass_mark: 50", "pass_mark: 0%"), {}, "group 'technical': pass_mark must be more than 0", {}),
])
def test_group_mistakes_are_named(groups, kwargs, message, data):
    with pytest.raises(RubricError) as caught:
        parse_rubric(rubric_text(groups, **kwargs), "g.yaml")
    found = [p for p in caught.value.problems if message in str(p)]
    assert found, str(caught.value)
    assert {key: found[0].data.get(key) for key in data} == data  # the facts named (a coded problem carries more)


def test_the_total_counts_the_scaled_and_weighted_maxima():
    groups = """\
  - {id: technical, label: {zh: 技术部分, en: Technical}, scale_to_best: 70}
  - {id: price, label: {zh: 价格部分, en: Price}}"""
    assert parse_rubric(rubric_text(groups, technical_max=100, total="total: 100"), "t.yaml").max_total == 100
    rubric = parse_rubric(rubric_text(QCBS, 100, 100, "total: 100", "financial"), "q.yaml")
    assert rubric.max_total == D(100)


# -- the workbook: every step a formula that reproduces the engine's figure to the cent
QCBS_ALL = QCBS.replace("weight: 0.8}", "pass_mark: 50, scale_to_best: true, weight: 0.8}")
FOUR = [(A, "60.5", 500000), (B, "95.25", 312345.67), (C, "66.75", 625000), (D_, 45, 200000)]


@pytest.fixture
def qcbs_result():
    return run(rubric_text(QCBS_ALL, 100, 100, "total: 100", "financial"), FOUR)


def _values(data: bytes, sheet: str) -> list[list]:
    return [[c.value for c in row] for row in openpyxl.load_workbook(io.BytesIO(data))[sheet].iter_rows()]


def test_scores_sheet_formulas_and_cached_values(qcbs_result):
    buffer = io.BytesIO()
    write_workbook(qcbs_result, buffer, "en")
    data = buffer.getvalue()
    formulas = _values(data, "Scores")
    assert formulas[0] == ["Vendor ID", "Vendor", "Technical approach (100)", "Price (100)", "Technical raw",
                           "Technical scaled (100)", "Technical × 0.8", "Financial", "Financial × 0.2", "Total"]
    assert formulas[1][4:] == ["=SUM(C2)", "=IF(MAX($E$2:$E$4)<=0,0,ROUND(100*E2/MAX($E$2:$E$4),2))",
                               "=ROUND(0.8*F2,2)", "=SUM(D2)", "=ROUND(0.2*H2,2)", "=SUM(G2,I2)"]
    cached = [[c.value for c in row] for row in
              openpyxl.load_workbook(io.BytesIO(data), data_only=True)["Scores"].iter_rows(min_row=2)]
    for row, s in zip(cached, qcbs_result.ranking):
        t, f = s.subtotals["technical"], s.subtotals["financial"]
        assert [D(str(v)) for v in row[4:]] == [t.raw, t.scaled, t.weighted, f.raw, f.weighted, s.total]
    ranking = _values(data, "Ranking")
    assert ranking[0][3:5] == ["Technical (before × 0.8)", "Financial (before × 0.2)"]
    assert ranking[1][3:5] == ["=Scores!F2", "=Scores!H2"] and ranking[1][7] == "=Scores!J2"


def test_stages_sheet(qcbs_result):
    buffer = io.BytesIO()
    write_workbook(qcbs_result, buffer, "en")
    book = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    assert book.sheetnames.index("Stages") == book.sheetnames.index("Price") + 1
    rows = [[c.value for c in row] for row in book["Stages"].iter_rows()]
    assert rows[0] == ["Vendor ID", "Vendor", "Group", "Subtotal", "Pass mark", "Passed"]
    assert [r[0] for r in rows[1:]] == [B, C, A, D_]  # ranked bids, then the failures
    assert rows[-1][2:] == ["Technical", 45, 50, "failed"]
    invalid = [[c.value for c in row] for row in book["Invalid"].iter_rows()]
    assert invalid[1][3] == "Technical subtotal 45 is below the pass mark 50"  # its text, without the code


@pytest.fixture(scope="module")
def staged_scaled(tmp_path_factory):
    from tester_tenders import STAGED_SCALED

    return STAGED_SCALED.evaluate(tmp_path_factory.mktemp("staged-scaled"))


def test_stages_sheet_shows_the_subtotal_the_pass_mark_read_before_any_scaling(staged_scaled):
    """A tester found 100 for B1 on the Stages sheet where the pass mark 60 read 20 + 20 + 50 = 90: the sheet showed
    the group's sum after its criterion `approach` was scaled to the best (50 → 60). It shows what was compared."""
    buffer = io.BytesIO()
    write_workbook(staged_scaled, buffer, "en")
    book = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    rows = {r[0]: r[3:] for r in book["Stages"].iter_rows(min_row=2, values_only=True)}
    assert rows == {"91110000000000101A": (90, 60, "yes"),  # 20 + 20 + 50 (approach 60 after scaling)
                    "91110000000000102A": (72.17, 60, "yes"),  # 16 + 15 + 41.17 (49.4 after scaling)
                    "91110000000000104A": (73.69, 60, "yes"), "91110000000000105A": (62.73, 60, "yes"),
                    "91110000000000106A": (63.83, 60, "yes"), "91110000000000103A": (34, 60, "failed")}
    b1 = staged_scaled.ranking[0]
    assert (b1.criteria["approach"], b1.subtotals["technical"].raw) == (D(60), D(100))  # what it showed before
    # The Scores sheet's group sum before the group's own scaling is not called raw: a criterion in it was scaled.
    headers = next(book["Scores"].iter_rows(max_row=1, values_only=True))
    assert "Technical sum of criteria (scaled ones after scaling)" in headers and "Technical raw" not in headers
    write_workbook(staged_scaled, buffer := io.BytesIO(), "zh")
    headers = next(openpyxl.load_workbook(buffer)["Scores"].iter_rows(max_row=1, values_only=True))
    assert "技术部分 各项得分之和（含折算后评分项）" in headers


@pytest.mark.parametrize("lang, headings", [("en", ["Technical (before × 0.25)", "Financial (before × 0.75)"]),
                                            ("zh", ["技术部分（加权前，权重 0.25）", "商务部分（加权前，权重 0.75）"])])
def test_ranking_group_columns_say_they_are_before_the_weight(tmp_path, lang, headings):
    """Technical 12.370 + Financial 100.000 is not the total 78.093: 0.25 × 12.370 + 0.75 × 100.000 is (each part
    rounded). The headings say so, in the workbook's language; the figures stay the subtotals before the weight."""
    from tester_tenders import WEIGHTED

    result = WEIGHTED.evaluate(tmp_path)
    buffer = io.BytesIO()
    write_workbook(result, buffer, lang)
    rows = list(openpyxl.load_workbook(io.BytesIO(buffer.getvalue()), data_only=True)["Ranking"].iter_rows(
        max_row=len(result.ranking) + 1, values_only=True))
    assert list(rows[0][3:5]) == headings and rows[0][7] == ("Total" if lang == "en" else "总分")
    technical, financial, total = (D(str(v)) for v in (rows[1][3], rows[1][4], rows[1][7]))
    assert (technical, financial, total) == (D("12.37"), D(100), D("78.093"))
    assert D("0.25") * technical + D("0.75") * financial == D("78.0925")  # each part rounded: 3.093 + 75.000


def test_libreoffice_recomputes_every_step_to_the_cent(qcbs_result, tmp_path):
    if shutil.which("soffice") is None:
        pytest.fail("LibreOffice (soffice) is not installed: run the README's test command (bash scripts/test.sh)")
    path = tmp_path / "ranked.xlsx"
    write_workbook(qcbs_result, path, "en")
    stripped = tmp_path / "stripped.xlsx"
    openpyxl.load_workbook(path).save(stripped)  # openpyxl drops the cached values
    subprocess.run([shutil.which("soffice"), f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--headless", "--norestore", "--convert-to", "xlsx", "--outdir", str(tmp_path / "out"),
                    str(stripped)], check=True, capture_output=True, timeout=180)
    values = openpyxl.load_workbook(tmp_path / "out" / "stripped.xlsx", data_only=True)
    for row, s in zip(values["Scores"].iter_rows(min_row=2, values_only=True), qcbs_result.ranking):
        t, f = s.subtotals["technical"], s.subtotals["financial"]
        assert [round(D(str(v)), 2) for v in row[4:]] == [t.raw, t.scaled, t.weighted, f.raw, f.weighted, s.total]
    for row, s in zip(values["Ranking"].iter_rows(min_row=2, values_only=True), qcbs_result.ranking):
        assert round(D(str(row[7])), 2) == s.total


# -- properties
technical = st.decimals(min_value=D(0), max_value=D(100), places=2)
prices = st.decimals(min_value=D("1000.00"), max_value=D("2000000.00"), places=2)
BIDS = st.lists(st.tuples(technical, prices), min_size=1, max_size=7)
VENDORS = [f"9144030070846113{n:02d}" for n in range(10)]
STAGED_RATIO = parse_rubric(rubric_text(STAGED, technical_max=100, price_max=30,
                                        method="ratio, benchmark: {base: trimmed_mean, coefficient: 0.95}"), "p.yaml")
SCALED = parse_rubric(rubric_text(QCBS_ALL, 100, 100, "total: 100", "financial"), "s.yaml")


def _evaluate(rubric, bids):
    bidset = make_bidset(rubric, *({"vendor_id": VENDORS[i], "vendor_name": str(i), "total_price": str(p)}
                                   for i, (_, p) in enumerate(bids)))
    scores = tuple(Score(JUDGE, VENDORS[i], "approach", t) for i, (t, _) in enumerate(bids))
    return evaluate(rubric, bidset, PanelInput((JUDGE,), scores, {}))


@settings(max_examples=100, deadline=None)
@given(BIDS)
def test_a_stage_failure_changes_the_others_price_scores_only_through_b_and_e_min(bids):
    """The passing bids' price scores are exactly those of an evaluation of the passing bids alone."""
    result = _evaluate(STAGED_RATIO, bids)
    passing = [(t, p) for t, p in bids if t >= 50]
    assert len(result.ranking) == len(passing)
    alone = price_outcome(STAGED_RATIO.price_criterion,
                          {VENDORS[i]: p for i, (t, p) in enumerate(bids) if t >= 50})
    for s in result.ranking:
        assert s.criteria["price"] == round(alone.points[s.vendor_id], 2)
    assert {i.vendor_id for i in result.invalid} == {VENDORS[i] for i, (t, _) in enumerate(bids) if t < 50}


@settings(max_examples=100, deadline=None)
@given(BIDS)
def test_scaling_never_gives_more_than_max(bids):
    result = _evaluate(SCALED, bids)
    for s in result.ranking:
        assert 0 <= s.groups["technical"] <= 100
        assert s.subtotals["technical"].weighted <= D(80)
        assert s.total <= SCALED.max_total
    if result.ranking:
        assert max(s.groups["technical"] for s in result.ranking) in (D(100), D(0))


# -- a criterion scaled to the best
def scaled_criterion(groups: str = STAGED.replace(", pass_mark: 50", "")) -> str:
    return rubric_text(groups).replace("kind: judged, max: 70}", "kind: judged, max: 70, scale_to_best: true}")


def test_a_criterion_scaled_to_the_best():
    result = run(scaled_criterion(), [(A, 60, 500000), (C, 66, 500000)])
    assert {s.vendor_id: s.criteria["approach"] for s in result.ranking} == {A: D("63.64"), C: D("70.00")}
    assert {s.vendor_id: s.criteria_raw for s in result.ranking} == {A: {"approach": D(60)}, C: {"approach": D(66)}}
    assert {s.vendor_id: s.total for s in result.ranking} == {A: D("93.64"), C: D("100.00")}
    entry = json.loads(result_json(result))["ranking"][1]
    assert (entry["criteria"]["approach"], entry["criteria_raw"]) == (63.64, {"approach": 60.0})


@pytest.mark.parametrize("lang, header", [("zh", "技术方案 折算前得分"), ("en", "Technical approach before scaling")])
def test_the_scores_sheet_shows_a_scaled_criterion_s_score_before_scaling(lang, header):
    result = run(scaled_criterion(), [(A, 60, 500000), (C, 66, 500000)])
    buffer = io.BytesIO()
    write_workbook(result, buffer, lang)
    rows = [[c.value for c in row] for row in openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))["Scores"].iter_rows()]
    column = rows[0].index(header)
    assert column > rows[0].index("总分" if lang == "zh" else "Total")  # after the total: the sums stay contiguous
    scaled = next(k for k, h in enumerate(rows[0]) if str(h).startswith("技术方案" if lang == "zh" else "Technical approach"))
    assert {r[0]: (r[scaled], r[column]) for r in rows[1:]} == {C: (70, 66), A: (63.64, 60)}


def test_a_pass_mark_reads_the_score_before_scaling():
    # A's 45 scales to 70 × 45 / 50 = 63 ≥ 50, but the stage compares the unscaled 45.
    result = run(scaled_criterion(STAGED), [(A, 45, 500000), (C, 50, 600000)])
    assert [i.vendor_id for i in result.invalid] == [A]
    assert result.invalid[0].stage.subtotal == D(45)
    assert result.standing(C).criteria["approach"] == D("70.00")


@pytest.mark.parametrize("lang, words", [
    ("en", "0–70; scaled to the best: the best bid gets 70, the others 70 × score / the best score"),
    ("zh", "0–70；按最高分折算：得分最高者得70分，其余为 70 × 得分 / 最高得分"),
])
def test_check_explains_a_scaled_criterion(lang, words):
    assert words in describe_rubric(parse_rubric(scaled_criterion(), "s.yaml"), lang)


@pytest.mark.parametrize("change, message", [
    (lambda t: t.replace("method: lowest_ratio", "method: lowest_ratio, scale_to_best: true"),
     "criterion 'price': scale_to_best does not apply to a price criterion"),
    (lambda t: t.replace("scale_to_best: true", "scale_to_best: yes please"),
     "criterion 'approach': scale_to_best must be true or false, found 'yes please'"),
    (lambda t: t.replace("criteria:\n", "criteria:\n  - {id: lic, name: {zh: 许可, en: Licence}, group: technical, "
                                         "kind: gate, when: {field: ok}, scale_to_best: true}\n")
                .replace("fields: []", "fields: [{id: ok, label: {zh: 许可, en: OK}, type: bool}]"),
     "criterion 'lic': a gate has no score to scale"),
    (lambda t: t.replace("kind: judged, max: 70, scale_to_best: true}", "kind: judged}"),
     "criterion 'approach': missing 'max'"),
])
def test_criterion_scaling_mistakes(change, message):
    with pytest.raises(RubricError) as caught:
        parse_rubric(change(scaled_criterion()), "s.yaml")
    assert any(message in str(p) for p in caught.value.problems), str(caught.value)


def test_a_refused_price_criterion_is_said_once_not_again_as_its_groups_mistake(tmp_path):
    """Found by a tester: scale_to_best on the price criterion was refused, and its group, weighted, was then also
    said to need a scored criterion, which it has."""
    text = """id: test-g
title: Groups
fields:
  - {id: tech, label: Tech points, type: integer}
groups:
  - {id: technical, label: Technical, pass_mark: 50, scale_to_best: 70, weight: 0.8}
  - {id: financial, label: Financial, weight: 0.2}
criteria:
  - {id: t, name: Tech, group: technical, kind: count, field: tech, points_per_unit: 1, max: 100}
  - {id: price, name: Price, group: financial, kind: price, max: 30, method: lowest_ratio, scale_to_best: true}
"""
    with pytest.raises(RubricError) as caught:
        parse_rubric(text, "g.yaml")
    assert [str(p) for p in caught.value.problems] == [
        "g.yaml: criterion 'price': scale_to_best does not apply to a price criterion (price is already scored "
        "against the other bids; a penalty's best is 0)"]
    with pytest.raises(RubricError) as caught:  # with no criterion in it at all, the group is still said empty
        parse_rubric(text.replace("group: financial", "group: technical"), "g.yaml")
    assert any("group 'financial'" in str(p) for p in caught.value.problems)


def test_a_scaled_criterion_under_a_shared_cap_is_refused():
    text = scaled_criterion().replace("criteria:\n", "caps:\n  - {id: both, label: {zh: 合计, en: Both}, max: 80, "
                                                     "criteria: [approach, plan]}\ncriteria:\n  - {id: plan, name: "
                                                     "{zh: 计划, en: Plan}, group: technical, kind: judged, max: 10}\n")
    with pytest.raises(RubricError) as caught:
        parse_rubric(text, "s.yaml")
    assert "cap 'both': criterion 'approach' is scaled to the best: a scaled criterion cannot be under a shared cap" \
        in str(caught.value)


def test_rubric_sheet_states_the_group_rules(qcbs_result):
    buffer = io.BytesIO()
    write_workbook(qcbs_result, buffer, "en")
    rows = {r[0]: r[1] for r in openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))["Rubric"].iter_rows(values_only=True)
            if r[0] in ("Group rules", "How the total is formed", "Maximum total")}
    assert rows["How the total is formed"] == "total = 0.8 × Technical + 0.2 × Financial (each part rounded, then added)"
    assert rows["Group rules"].startswith("Financial (financial): max 100; weight 0.2")  # the last of the two rows
    assert rows["Maximum total"] == 100  # a number cell, not the text "100"


GATED = """\
  - {id: technical, label: {zh: 技术部分, en: Technical}}
  - {id: licence, label: {zh: 资格, en: Licence}, SCALING}
  - {id: price, label: {zh: 价格部分, en: Price}}"""


def gated(scaling: str) -> str:
    """A rubric with a group holding only a gate, the group given ``scaling``."""
    return (rubric_text(GATED.replace("SCALING", scaling))
            .replace("fields: []", "fields: [{id: ok, label: {zh: 许可, en: OK}, type: bool}]")
            .replace("criteria:\n", "criteria:\n  - {id: lic, name: {zh: 许可, en: Licence}, group: licence, "
                                    "kind: gate, when: {field: ok}}\n"))


@pytest.mark.parametrize("scaling", ["scale_to_best: true", "scale_to_best: 70", "weight: 0.5", "pass_mark: 1"])
def test_scaling_a_weight_or_a_pass_mark_on_a_group_of_gates_is_refused_alike(scaling):
    """Found by an independent reading of the rules: `true` alone went through (the group's max is 0)."""
    with pytest.raises(RubricError) as caught:
        parse_rubric(gated(scaling), "g.yaml")
    assert "group 'licence': a pass mark, scaling or weight needs a scored criterion in the group" in str(caught.value)


def test_scale_to_best_false_on_a_group_means_not_scaled():
    rubric = parse_rubric(gated("scale_to_best: false"), "g.yaml")
    assert rubric.group("licence").scale_to is None
    text = rubric_text(STAGED.replace("pass_mark: 50", "scale_to_best: false"))
    result = run(text, [(A, 60, 500000), (C, 66, 625000)])
    assert result.standing(A).groups["technical"] == D(60)  # as scored: not 70 × 60 / 66


def test_a_group_whose_only_criterion_is_refused_is_not_also_called_empty():
    text = rubric_text(STAGED).replace("method: lowest_ratio}", "method: lowest_ratio, scale_to_best: true}")
    with pytest.raises(RubricError) as caught:
        parse_rubric(text, "g.yaml")
    (problem,) = caught.value.problems
    assert "criterion 'price'" in str(problem) and "no criterion belongs" not in str(caught.value)


def test_weighted_parts_keep_the_rubric_s_places_when_every_criterion_has_fewer():
    """docs/rubrics.md, Where the rounding happens: totals keep the rubric's `decimals` (formats.md) or more."""
    text = (rubric_text(QCBS.replace("weight: 0.8}", "weight: 0.25}").replace("weight: 0.2}", "weight: 0.75}"), technical_max=100, price_max=100,
                        price_group="financial")
            .replace("id: staged\n", "id: staged\ndecimals: 3\n")
            .replace("kind: judged, max: 100}", "kind: judged, max: 100, decimals: 1}")
            .replace("method: lowest_ratio}", "method: lowest_ratio, decimals: 1}"))
    result = run(text, [(A, D("12.3"), 500000), (C, D("12.4"), 400000)])
    a = result.standing(A)
    assert a.subtotals["technical"].weighted == D("3.075")  # 0.25 × 12.3, at the rubric's 3 places
    assert a.total == D("3.075") + D("60.000")  # 0.75 × 80.0 (100 × 400,000 / 500,000)


# report6 D6-2: a penalty comes off its group's raw subtotal, so in a scaled or weighted group the rule says so
# (Beacon lost 1.60 of its total for a 2-point penalty in a technical group scaled to 70 and weighted 0.7).
@pytest.mark.parametrize("rules, lang, expected", [
    ("scale_to_best: true, weight: 0.8", "en", "taken off the Technical subtotal before scaling and weighting, at most 6"),
    ("weight: 0.8", "zh", "最多扣6分，从“技术部分”小计中扣除（在加权之前）"),
    ("scale_to_best: true", "zh", "最多扣6分，从“技术部分”小计中扣除（在折算之前）"),
    ("pass_mark: 10", "en", "(late_records), taken off the total, at most 6"),
])
def test_a_penalty_in_a_scaled_or_weighted_group_says_where_it_comes_off(rules, lang, expected):
    groups = (f"  - {{id: technical, label: {{zh: 技术部分, en: Technical}}, {rules}}}\n"
              "  - {id: financial, label: {zh: 商务部分, en: Financial}" + (", weight: 0.2}" if "weight" in rules else "}"))
    text = rubric_text(groups, 100, 100, "", "financial").replace(
        "fields: []", "fields: [{id: late_records, label: {zh: 逾期记录数, en: Late records}, type: integer}]"
    ) + ("  - {id: late, name: {zh: 逾期, en: Late}, group: technical, kind: penalty, max: 6,\n"
         "     items: [{label: {zh: 逾期记录, en: Late record}, field: late_records, points: 2}]}\n")
    assert expected in describe_rubric(parse_rubric(text, "q.yaml"), lang)


@pytest.mark.parametrize("pricing, demand", [("{demand: {months: 12}, models: [lump_sum]}", True),
                                             ("{models: [lump_sum]}", False)])
def test_the_rubric_sheet_has_a_demand_row_only_with_demand_figures(pricing, demand, tmp_path):
    """report6 D6-10: `Demand` was printed with an empty value when the rubric has no demand figures."""
    text = rubric_text(STAGED).replace("pricing: {demand: {months: 12}, models: [lump_sum]}", f"pricing: {pricing}")
    write_workbook(run(text, WORKED), tmp_path / "r.xlsx", lang="en")
    rows = {row[0]: row[1] for row in openpyxl.load_workbook(tmp_path / "r.xlsx")["Rubric"].iter_rows(values_only=True)}
    assert ("Demand" in rows) is demand and (not demand or rows["Demand"])


@pytest.mark.parametrize("financial, told", [("0.4", True), ("40%", True), ("0.3", False)])
def test_check_warns_of_weights_not_adding_up_to_one_when_no_total_checks_them(financial, told):
    """verify21r: weights 0.7 and 0.4 with no `total` made the full marks 110 in silence (with `total: 100` they are
    refused)."""
    from bideval.rubric_yaml import rubric_warnings
    from conftest import ROOT

    text = (ROOT / "criteria" / "qcbs-consultancy.yaml").read_text(encoding="utf-8")
    text = text.replace("weight: 0.8", "weight: 0.7", 1).replace("weight: 0.2", f"weight: {financial}", 1)
    text = text.replace("total: 100\n", "", 1)
    said = [str(w) for w in rubric_warnings(parse_rubric(text, "q.yaml")) if "weights add up" in str(w)]
    assert said == (["q.yaml: groups: the groups' weights add up to 1.1 (0.7 + 0.4), not 1, so the full marks are "
                     "110: correct the weights, or declare total: to have the weighted maxima checked"] if told else [])


@pytest.mark.parametrize("scale, told", [("1", True), ("1.0", True), ("true", False), ("100", False)])
def test_check_warns_of_a_group_scaled_to_one_point(scale, told):
    """verify21r: `scale_to_best: 1` (a yes, as the author meant it) scaled the technical group to 1 point in silence."""
    from bideval.rubric_yaml import rubric_warnings
    from conftest import ROOT

    text = (ROOT / "criteria" / "qcbs-consultancy.yaml").read_text(encoding="utf-8")
    text = text.replace("scale_to_best: true", f"scale_to_best: {scale}", 1).replace("total: 100\n", "", 1)
    said = [str(w) for w in rubric_warnings(parse_rubric(text, "q.yaml")) if "scale_to_best: 1" in str(w)]
    assert said == (["q.yaml: group 'technical': scale_to_best: 1 makes the best bid's subtotal 1 point, though the "
                     "group's criteria give up to 100, so the group counts 1 point of the total: write scale_to_best: "
                     "true to scale it to its own max (100), or the points the best bid is to get"] if told else [])
