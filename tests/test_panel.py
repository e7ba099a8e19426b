"""Reading the panel's workbooks: tiers, judges, scores, and every bad-row class with its file, sheet and cell."""
from datetime import datetime
from decimal import Decimal as D
from pathlib import Path
import zipfile

import openpyxl
import pytest
import xlsxwriter

from bideval.bids import read_bids
from bideval.cli import main
from bideval.errors import BidsError, PanelError
from bideval.evaluation import check_bids, evaluate, run
from bideval.panel import PanelInput, Score, judge_name, read_panel
from bideval.result import FINAL, INCOMPLETE, PROVISIONAL
from bideval.rubric import load_rubric
from conftest import EXAMPLE_RUBRIC, VENDOR_A, VENDOR_B, good_bid, make_bidset, write_form, write_panel, write_xlsx

VENDOR_C = "91310000MA1FL0000X"  # invalid: no operating licence
TIERS = [[VENDOR_A, "ops_plan", "t3"], [VENDOR_B, "ops_plan", "t2"]]
TIER_LIST = "t1 一档 (0–5), t2 二档 (5.1–10), t3 三档 (10.1–15)"
PANEL_CRITERIA = "ops_plan 运营管理能力, service_design 服务方案"


@pytest.fixture
def bidset(rubric):
    return make_bidset(rubric, good_bid(VENDOR_A), good_bid(VENDOR_B, rate_per_call=0.9),
                       good_bid(VENDOR_C, business_license="否"))


def read(rubric, bidset, *paths) -> PanelInput:
    checks = check_bids(rubric, bidset.bids)
    return read_panel(rubric, bidset.bids, [v for v, c in checks.items() if not c.valid], paths)


def problems_of(rubric, bidset, *paths) -> list[str]:
    with pytest.raises(PanelError) as caught:
        read(rubric, bidset, *paths)
    return [str(p) for p in caught.value.problems]


def full_panel(judges=("王评委", "李评委"), ops=(12, 13), design=(4, 4.5)):
    """Every judge scores both valid bids on both panel criteria."""
    return [[j, v, c, s, ""] for v in (VENDOR_A, VENDOR_B) for j, o, d in zip(judges, ops, design)
            for c, s in (("ops_plan", o if v == VENDOR_A else o - 4), ("service_design", d))]


# --------------------------------------------------------------------------- one row per error class

ERRORS = [
    pytest.param([["王评委", "NOSUCHVENDOR", "service_design", 4]], TIERS, None,
                 ["Scores!B2: expected the vendor_id of a bid, found 'NOSUCHVENDOR'"], id="unknown-vendor"),
    pytest.param([["王评委", VENDOR_A[:-1] + "C", "service_design", 4]], TIERS, None,
                 [f"Scores!B2: expected the vendor_id of a bid; did you mean {VENDOR_A}?, found '{VENDOR_A[:-1]}C'"],
                 id="unknown-vendor-close-to-a-bid"),
    # Another bidder's code (a bid missing from the run) shares 91 and a region with the bids read: no "did you mean"
    pytest.param([["王评委", "91110108MA01C2D30Q", "service_design", 4]], TIERS, None,
                 ["Scores!B2: expected the vendor_id of a bid, found '91110108MA01C2D30Q'"],
                 id="unknown-vendor-another-bidder-s-code"),
    pytest.param([["王评委", "", "service_design", 4]], TIERS, None,
                 ["Scores!B2: expected the vendor_id of a bid, found an empty cell"], id="empty-vendor"),
    pytest.param([["王评委", VENDOR_A, "design", 4]], TIERS, None,
                 [f"Scores!C2: expected a panel criterion ({PANEL_CRITERIA}), found 'design'"],
                 id="unknown-criterion"),
    pytest.param([["王评委", VENDOR_A, "price", 30]], TIERS, None,
                 ["Scores!C2: 'price' is a price criterion, computed from the bid and never scored by a judge; "
                  f"expected a panel criterion ({PANEL_CRITERIA})"], id="objective-criterion"),
    pytest.param([["王评委", VENDOR_A, "行业经验", 3]], TIERS, None,
                 ["Scores!C2: 'experience' is a count criterion, computed from the bid and never scored by a judge; "
                  f"expected a panel criterion ({PANEL_CRITERIA})"], id="objective-criterion-by-name"),
    pytest.param([["王评委", VENDOR_A, "service_design", "good"]], TIERS, None,
                 ["Scores!D2: expected a number from 0 to 5, found 'good'"], id="text-for-a-number"),
    pytest.param([["王评委", VENDOR_A, "ops_plan", "十二"]], TIERS, None,
                 ["Scores!D2: expected a number from 10.1 to 15 (the agreed tier t3 三档), found '十二'"],
                 id="text-for-a-tiered-number"),
    # a comma after a leading 0 is no thousands separator: 0,500 had been read as 500 (refused as out of range), 0,000
    # as 0; both are refused as ambiguous, asking for the decimal point
    pytest.param([["王评委", VENDOR_A, "service_design", "0,500"]], TIERS, None,
                 ["Scores!D2: expected a number from 0 to 5, written with a decimal point (0.500): a comma after a "
                  "leading 0 is no thousands separator, found '0,500'"], id="comma-after-zero"),
    pytest.param([["王评委", VENDOR_A, "service_design", "0,000"]], TIERS, None,
                 ["Scores!D2: expected a number from 0 to 5, written with a decimal point (0.000): a comma after a "
                  "leading 0 is no thousands separator, found '0,000'"], id="comma-after-zero-not-0"),
    # with its unit 分 it is the same slip, said the same way (it had been "expected a number", as if 0,5 were no number)
    pytest.param([["王评委", VENDOR_A, "service_design", "0,5分"]], TIERS, None,
                 ["Scores!D2: expected a number from 0 to 5, written with a decimal point (0.5): a comma after a "
                  "leading 0 is no thousands separator, found '0,5分'"], id="comma-after-zero-with-points"),
    pytest.param([["王评委", VENDOR_A, "service_design", True]], TIERS, None,
                 ["Scores!D2: expected a number from 0 to 5, found the boolean True"], id="boolean-for-a-number"),
    pytest.param([["王评委", VENDOR_A, "service_design", 5.5]], TIERS, None,
                 ["Scores!D2: expected a score from 0 to 5 for 'service_design', found 5.5"], id="above-max"),
    pytest.param([["王评委", VENDOR_A, "service_design", -1]], TIERS, None,
                 ["Scores!D2: expected a score from 0 to 5 for 'service_design', found -1"], id="below-zero"),
    pytest.param([["王评委", VENDOR_A, "service_design", -0.0]], TIERS, None,
                 # refused for its sign: the message quotes the -0 the cell holds and asks for it without its sign (it
                 # said "expected a score from 0 to 5", as if 0 were refused)
                 ["Scores!D2: expected a score from 0 to 5 for 'service_design', written without a minus sign, found -0"],
                 id="negative-zero"),
    pytest.param([["王评委", VENDOR_A, "service_design", "-0.0"]], TIERS, None,
                 ["Scores!D2: expected a score from 0 to 5 for 'service_design', written without a minus sign, found -0"],
                 id="negative-zero-text"),
    pytest.param([["王评委", VENDOR_A, "ops_plan", -1]], TIERS, None,
                 # below zero with a tier agreed: the tier's range, as for a score above it, not 0 to the maximum
                 ["Scores!D2: expected a score inside the agreed tier t3 三档 (10.1–15) for 'ops_plan', found -1"],
                 id="tiered-below-zero"),
    pytest.param([["王评委", VENDOR_A, "ops_plan", -0.0]], [[VENDOR_A, "ops_plan", "t1"]], None,
                 ["Scores!D2: expected a score inside the agreed tier t1 一档 (0–5) for 'ops_plan', written without a "
                  "minus sign, found -0"], id="tiered-negative-zero"),
    pytest.param([["王评委", VENDOR_A, "ops_plan", "-0"]], [[VENDOR_A, "ops_plan", "t2"]], None,
                 # 0 is outside the tier: that is what is said, the sign aside
                 ["Scores!D2: expected a score inside the agreed tier t2 二档 (5.1–10) for 'ops_plan', found -0"],
                 id="tiered-negative-zero-outside-the-tier"),
    pytest.param([["王评委", VENDOR_A, "ops_plan", -1]], [], None,
                 # no tier agreed yet: 0 to the maximum is all that can be said
                 ["Scores!D2: expected a score from 0 to 15 for 'ops_plan', found -1"], id="tiered-below-zero-no-tier"),
    pytest.param([["王评委", VENDOR_A, "ops_plan", 16]], TIERS, None,
                 # above the maximum, with a tier agreed: the tier's range is the one to keep to
                 ["Scores!D2: expected a score inside the agreed tier t3 三档 (10.1–15) for 'ops_plan', found 16"],
                 id="tiered-above-max"),
    pytest.param([["王评委", VENDOR_B, "ops_plan", 12]], TIERS, None,
                 ["Scores!D2: expected a score inside the agreed tier t2 二档 (5.1–10) for 'ops_plan', found 12"],
                 id="outside-the-tier"),
    pytest.param([["王评委", VENDOR_B, "ops_plan", "5.05"]], TIERS, None,
                 ["Scores!D2: expected a score inside the agreed tier t2 二档 (5.1–10) for 'ops_plan', found 5.05"],
                 id="in-the-gap-below-the-tier"),
    pytest.param([["王评委", VENDOR_A, "ops_plan", 12]], [[VENDOR_B, "ops_plan", "t2"]], None,
                 [f"Scores!D2: no tier agreed for {VENDOR_A} on 'ops_plan': expected the panel to record it on "
                  f"the Tiers sheet ({TIER_LIST}) before scoring, found score 12"], id="no-agreed-tier"),
    pytest.param([["王评委", VENDOR_A, "ops_plan", 12]], [[VENDOR_A, "ops_plan", None]], None,
                 [f"Scores!D2: no tier agreed for {VENDOR_A} on 'ops_plan': expected the panel to record it on "
                  f"the Tiers sheet ({TIER_LIST}) before scoring, found score 12"], id="blank-tier-is-not-agreed"),
    pytest.param([], [[VENDOR_A, "ops_plan", "t4"]], None,
                 [f"Tiers!C2: expected a tier of 'ops_plan': {TIER_LIST}, found 't4'"], id="unknown-tier"),
    pytest.param([], [[VENDOR_A, "ops_plan", 3]], None,
                 # a number cell quoted as the sheet shows it, not as the reader's float 3.0
                 [f"Tiers!C2: expected a tier of 'ops_plan': {TIER_LIST}, found 3"], id="numeric-tier"),
    pytest.param([], [[VENDOR_A, "ops_plan", 2.5]], None,
                 [f"Tiers!C2: expected a tier of 'ops_plan': {TIER_LIST}, found 2.5"], id="fractional-tier"),
    pytest.param([], [[VENDOR_A, 2, "t1"]], None,
                 ["Tiers!B2: expected a tiered criterion (ops_plan 运营管理能力), found 2"], id="numeric-criterion"),
    pytest.param([], [[VENDOR_A, "service_design", "t1"]], None,
                 ["Tiers!B2: 'service_design' is a judged criterion and has no tiers; "
                  "expected a tiered criterion (ops_plan 运营管理能力)"], id="tier-for-an-untiered-criterion"),
    pytest.param([], [["NOSUCHVENDOR", "ops_plan", "t1"]], None,
                 ["Tiers!A2: expected the vendor_id of a bid, found 'NOSUCHVENDOR'"], id="tier-for-an-unknown-vendor"),
    pytest.param([], [[VENDOR_A, "ops", "t1"]], None,
                 ["Tiers!B2: expected a tiered criterion (ops_plan 运营管理能力), found 'ops'"],
                 id="tier-for-an-unknown-criterion"),
    pytest.param([], [[VENDOR_A, "ops_plan", "t1"], [VENDOR_A, "运营管理能力", "二档"]], None,
                 [f"Tiers!C3: tier t2 for {VENDOR_A} on 'ops_plan', but tier t1 was already agreed at "
                  "Tiers!C2; expected one agreed tier"], id="two-tiers-for-one-bid"),
    pytest.param([["王评委", VENDOR_A, "service_design", 4], ["王评委", VENDOR_A, "service_design", 4.5]], TIERS, None,
                 [f"Scores!D3: 王评委 already scored {VENDOR_A} on 'service_design' at Scores!D2; "
                  "expected one row per judge, vendor and criterion"], id="same-score-twice"),
    pytest.param([["王评委", VENDOR_A, "service_design", 4], [" 王评委 ", VENDOR_A.lower(), "服务方案", None]], TIERS,
                 None,
                 [f"Scores!D3: 王评委 already scored {VENDOR_A} on 'service_design' at Scores!D2; "
                  "expected one row per judge, vendor and criterion"], id="same-score-twice-spelled-differently"),
    pytest.param([["王评委", VENDOR_A, "service_design", 4]], TIERS, ["李评委", "张评委"],
                 ["Scores!A2: expected a judge on the Judges sheet (李评委, 张评委), found '王评委'"],
                 id="judge-not-on-the-judges-sheet"),
    pytest.param([[None, VENDOR_A, "service_design", 4, "备注"]], TIERS, None,
                 ["Scores!A2: expected the judge's name, found an empty cell"], id="empty-judge"),
    # a braille blank (U+2800) shows nothing: it names no judge, on Scores nor on Judges (hostile8 H8-4's variant)
    pytest.param([["\u2800", VENDOR_A, "service_design", 4]], TIERS, None,
                 ["Scores!A2: expected the judge's name, found '\u2800'"], id="braille-blank-judge"),
    pytest.param([["王评委", VENDOR_A, "service_design", 4]], TIERS, ["王评委", "\u2800"],
                 ["Judges!A3: expected the judge's name, found '\u2800'"], id="braille-blank-member"),
]


@pytest.mark.parametrize("scores, tiers, judges, expected", ERRORS)
def test_each_bad_row_is_refused_with_its_cell(rubric, bidset, tmp_path: Path, scores, tiers, judges, expected):
    path = write_panel(tmp_path / "panel.xlsx", scores, tiers, judges)
    assert problems_of(rubric, bidset, path) == [f"{path}:{e}" for e in expected]


def test_a_name_read_on_one_row_is_read_the_same_on_the_next(rubric, bidset, tmp_path: Path):
    """Each spelling of a judge, bid or criterion is read once and remembered; what names nothing is still
    told on every row it is on, and a spelling that differs only in width or spaces names the same thing."""
    rows = [["王评委", f" {VENDOR_A.lower()} ", "ops_plan", 12, ""], ["王评委", VENDOR_A, "service_design", 4, ""],
            ["Ｘ评委", "NOSUCHVENDOR", "design", 4, ""], ["王评委", "NOSUCHVENDOR", "design", 5, ""],
            ["王评委\u3000", VENDOR_B, "运营管理能力", 8, ""]]
    path = write_panel(tmp_path / "panel.xlsx", rows, TIERS, ["王评委"])
    assert problems_of(rubric, bidset, path) == [
        f"{path}:Scores!A4: expected a judge on the Judges sheet (王评委), found 'Ｘ评委'",
        f"{path}:Scores!B4: expected the vendor_id of a bid, found 'NOSUCHVENDOR'",
        f"{path}:Scores!C4: expected a panel criterion ({PANEL_CRITERIA}), found 'design'",
        f"{path}:Scores!B5: expected the vendor_id of a bid, found 'NOSUCHVENDOR'",
        f"{path}:Scores!C5: expected a panel criterion ({PANEL_CRITERIA}), found 'design'",
    ]
    del rows[2:4]
    panel = read(rubric, bidset, write_panel(tmp_path / "good.xlsx", rows, TIERS, ["王评委"]))
    assert [(s.judge, s.vendor_id, s.criterion, s.score) for s in panel.scores] == [
        ("王评委", VENDOR_A, "ops_plan", 12), ("王评委", VENDOR_A, "service_design", 4),
        ("王评委", VENDOR_B, "ops_plan", 8)]


def test_a_score_taken_on_one_row_is_judged_afresh_under_another_tier_criterion_or_sign(rubric, bidset,
                                                                                        tmp_path: Path):
    """The panel reader remembers a score it has taken (the same 8 is written on thousands of rows): the same cell
    under another agreed tier or another criterion is checked again, and a -0 after a 0 is still refused."""
    tiers = [[VENDOR_A, "ops_plan", "t3"], [VENDOR_B, "ops_plan", "t2"]]
    rows = [["王评委", VENDOR_A, "ops_plan", 12, ""], ["李评委", VENDOR_A, "ops_plan", 12, ""],
            ["王评委", VENDOR_B, "ops_plan", 12, ""],  # 12 is in t3, not in B's t2
            ["王评委", VENDOR_A, "service_design", "4", ""], ["李评委", VENDOR_A, "service_design", "4", ""],
            ["王评委", VENDOR_B, "service_design", 0.0, ""], ["李评委", VENDOR_B, "service_design", -0.0, ""],
            ["李评委", VENDOR_B, "ops_plan", 8, ""]]
    path = write_panel(tmp_path / "panel.xlsx", rows, tiers)
    assert problems_of(rubric, bidset, path) == [
        f"{path}:Scores!D4: expected a score inside the agreed tier t2 二档 (5.1–10) for 'ops_plan', found 12",
        f"{path}:Scores!D8: expected a score from 0 to 5 for 'service_design', written without a minus sign, found -0",
    ]
    rows[2][3], rows[6][3] = 9, 0
    rows.append(["张评委", VENDOR_A, "service_design", 12, ""])  # 12 taken for ops_plan, above service_design's 5
    path = write_panel(tmp_path / "again.xlsx", rows, tiers)
    assert problems_of(rubric, bidset, path) == [
        f"{path}:Scores!D10: expected a score from 0 to 5 for 'service_design', found 12"]
    del rows[-1]
    panel = read(rubric, bidset, write_panel(tmp_path / "good.xlsx", rows, tiers))
    assert [(s.judge, s.vendor_id, s.criterion, s.score) for s in panel.scores] == [
        ("王评委", VENDOR_A, "ops_plan", 12), ("李评委", VENDOR_A, "ops_plan", 12), ("王评委", VENDOR_B, "ops_plan", 9),
        ("王评委", VENDOR_A, "service_design", 4), ("李评委", VENDOR_A, "service_design", 4),
        ("王评委", VENDOR_B, "service_design", 0), ("李评委", VENDOR_B, "service_design", 0),
        ("李评委", VENDOR_B, "ops_plan", 8)]


def test_a_bad_row_reports_each_of_its_problems(rubric, bidset, tmp_path: Path):
    path = write_panel(tmp_path / "panel.xlsx", [["赵评委", "NOSUCHVENDOR", "design", 4]], TIERS, ["王评委"])
    assert problems_of(rubric, bidset, path) == [
        f"{path}:Scores!A2: expected a judge on the Judges sheet (王评委), found '赵评委'",
        f"{path}:Scores!B2: expected the vendor_id of a bid, found 'NOSUCHVENDOR'",
        f"{path}:Scores!C2: expected a panel criterion ({PANEL_CRITERIA}), found 'design'",
    ]


def test_every_problem_in_every_workbook_is_reported_at_once(rubric, bidset, tmp_path: Path):
    first = write_panel(tmp_path / "a.xlsx", [["王评委", VENDOR_A, "ops_plan", 3], ["王评委", VENDOR_A, "price", 1],
                                               ["王评委", VENDOR_B, "service_design", "n/a"]],
                        [[VENDOR_A, "ops_plan", "t3"], [VENDOR_B, "ops_plan", "t9"]])
    second = write_xlsx(tmp_path / "b.xlsx", {"Scores": [["judge", "vendor_id", "criterion", "score"],
                                                         ["李评委", VENDOR_A, "service_design", 7],
                                                         ["李评委", "X", "service_design", 1]]})
    found = problems_of(rubric, bidset, first, second)
    assert [p.split(": ")[0] for p in found] == [
        f"{first}:Tiers!C3", f"{first}:Scores!D2", f"{first}:Scores!C3", f"{first}:Scores!D4",
        f"{second}:Scores!D2", f"{second}:Scores!B3",
    ]


# --------------------------------------------------------------------------- whole-workbook problems

def test_a_workbook_without_a_scores_sheet_is_refused(rubric, bidset, tmp_path: Path):
    path = write_xlsx(tmp_path / "panel.xlsx", {"Sheet1": [["judge", "vendor_id", "criterion", "score"]]})
    assert problems_of(rubric, bidset, path) == [
        f"{path}: expected a sheet 'Scores' (judge, vendor_id, criterion, score, comment) or 'Tiers', "
        "found: 'Sheet1'"]


def test_a_workbook_with_only_tiers_is_a_panel_workbook(rubric, bidset, tmp_path: Path):
    path = write_xlsx(tmp_path / "tiers.xlsx", {"Tiers": [["vendor_id", "criterion", "tier"], *TIERS]})
    panel = read(rubric, bidset, path)
    assert panel.scores == () and panel.judges == ()
    assert panel.tiers == {(VENDOR_A, "ops_plan"): "t3", (VENDOR_B, "ops_plan"): "t2"}


@pytest.mark.parametrize("header, expected", [
    (["judge", "vendor_id", "criterion", "comment"],
     "Scores!A1: expected a column 'score' (headed score or 得分 or 分数 or 评分) in the header row, "
     "found: 'judge', 'vendor_id', 'criterion', 'comment'"),
    (["评委", "投标人", "评分项", "得分"],
     "Scores!A1: expected a column 'vendor_id' (headed vendor_id or vendor id or 统一社会信用代码 or 投标人代码) "
     "in the header row, found: '评委', '投标人', '评分项', '得分'"),
    (["judge", "vendor_id", "criterion", "score", "得分"],
     "Scores!E1: the column 'score' appears twice (also D1); expected it once"),
    # a header row with a number in it (a sheet without its header): quoted as it shows, 1, not 1.0
    (["judge", "vendor_id", "criterion", 1],
     "Scores!A1: expected a column 'score' (headed score or 得分 or 分数 or 评分) in the header row, "
     "found: 'judge', 'vendor_id', 'criterion', '1'"),
], ids=["no-score", "no-vendor-id", "score-twice", "numbers-quoted-as-shown"])
def test_a_missing_or_repeated_column_is_refused(rubric, bidset, tmp_path: Path, header, expected):
    path = write_xlsx(tmp_path / "panel.xlsx", {"Scores": [header, ["王评委", VENDOR_A, "service_design", 4]]})
    assert problems_of(rubric, bidset, path) == [f"{path}:{expected}"]


def test_a_header_wrapped_onto_two_lines_names_its_column(rubric, bidset, tmp_path: Path):
    """A header wrapped in its cell (评委⏎姓名, Alt+Enter) or spaced names its column as written on one line."""
    header = ["评委\n姓名", "统一社会\n信用代码", "投标人\r\n名称", "评分项", "得 分"]
    path = write_xlsx(tmp_path / "panel.xlsx", {"Scores": [header, ["王评委", VENDOR_A, "别家公司", "service_design", 4]]})
    assert problems_of(rubric, bidset, path)[0].startswith(f"{path}:Scores!C2: this row is for {VENDOR_A}")
    path = write_xlsx(tmp_path / "panel2.xlsx", {"Scores": [header, ["王评委", VENDOR_A, "北京示例客服有限公司",
                                                                       "service_design", 4]]})
    (score,) = read(rubric, bidset, path).scores
    assert (score.judge, score.vendor_id, score.criterion, score.score) == ("王评委", VENDOR_A, "service_design", D(4))


def test_a_tiers_sheet_without_its_tier_column_is_refused(rubric, bidset, tmp_path: Path):
    path = write_xlsx(tmp_path / "panel.xlsx", {"Tiers": [["vendor_id", "criterion"], [VENDOR_A, "ops_plan"]]})
    (problem,) = problems_of(rubric, bidset, path)
    assert problem.startswith(f"{path}:Tiers!A1: expected a column 'tier' (headed tier or 档次 or 档位)")


@pytest.mark.parametrize("name, content", [
    ("panel.csv", b"judge,vendor_id,criterion,score\n"),
    ("panel.xlsx", b"judge,vendor_id,criterion,score\n"),
    ("panel.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504),
], ids=["csv", "csv-renamed-xlsx", "ole-xls-renamed-xlsx"])
def test_a_file_that_is_not_an_xlsx_workbook_is_refused(rubric, bidset, tmp_path: Path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    (problem,) = problems_of(rubric, bidset, path)
    assert problem.startswith(f"{path}: not an .xlsx workbook")


def test_a_missing_panel_file_is_refused(rubric, bidset, tmp_path: Path):
    assert problems_of(rubric, bidset, tmp_path / "nope.xlsx") == [f"{tmp_path / 'nope.xlsx'}: no such file or folder"]


# --------------------------------------------------------------------------- what is accepted

@pytest.mark.parametrize("name", ["ops_plan", "运营管理能力", "Operations management plan",
                                  " OPERATIONS MANAGEMENT PLAN ", "ＯＰＳ＿ＰＬＡＮ"])
def test_a_criterion_is_named_by_id_or_by_its_name_in_either_language(rubric, bidset, tmp_path: Path, name):
    path = write_panel(tmp_path / "panel.xlsx", [["王评委", VENDOR_A, name, 12, "好"]], [[VENDOR_A, name, "t3"]])
    panel = read(rubric, bidset, path)
    assert panel.scores == (Score("王评委", VENDOR_A, "ops_plan", D(12), "好", f"{path}:Scores!D2"),)
    assert panel.tiers == {(VENDOR_A, "ops_plan"): "t3"}


@pytest.mark.parametrize("tier, tier_id", [("t3", "t3"), ("T3", "t3"), ("三档", "t3"), ("Tier 3", "t3"),
                                           (" tier 1 ", "t1"), ("二档", "t2"),
                                           ("t3 三档", "t3"), ("t2 Tier 2", "t2"), ("三档 / Tier 3", "t3"),
                                           ("三档/Tier 3", "t3"), ("t2 / 二档", "t2"), ("三档（t3）", "t3"),
                                           ("t2\u3000二档", "t2"), ("Tier 1/一档", "t1")])
def test_a_tier_is_named_by_id_or_label(rubric, bidset, tmp_path: Path, tier, tier_id):
    """By id, by label in either language or both, or as the score sheet's tier column writes it (``t3 三档``)."""
    path = write_panel(tmp_path / "panel.xlsx", [], [[VENDOR_A, "ops_plan", tier]])
    assert read(rubric, bidset, path).tiers == {(VENDOR_A, "ops_plan"): tier_id}


def test_a_tiers_row_naming_no_tier_is_told_once_not_again_at_each_score(rubric, bidset, tmp_path: Path):
    path = write_panel(tmp_path / "panel.xlsx", [["王评委", VENDOR_A, "ops_plan", 12, ""],
                                                 ["李评委", VENDOR_A, "ops_plan", 13, ""],
                                                 ["王评委", VENDOR_B, "ops_plan", 8, ""]],
                       [[VENDOR_A, "ops_plan", "第三档"]])
    assert problems_of(rubric, bidset, path) == [
        f"{path}:Tiers!C2: expected a tier of 'ops_plan': {TIER_LIST}, found '第三档'",
        f"{path}:Scores!D4: no tier agreed for {VENDOR_B} on 'ops_plan': expected the panel to record it on the Tiers "
        f"sheet ({TIER_LIST}) before scoring, found score 8"]


@pytest.mark.parametrize("cell, score", [(12, D(12)), (12.25, D("12.25")), ("12.5", D("12.5")), ("１３", D(13)),
                                         (" 15 ", D(15)), (10.1, D("10.1"))])
def test_a_score_is_a_number_cell_or_numeric_text(rubric, bidset, tmp_path: Path, cell, score):
    path = write_panel(tmp_path / "panel.xlsx", [["王评委", VENDOR_A, "ops_plan", cell]], TIERS)
    assert read(rubric, bidset, path).scores[0].score == score


def test_the_same_tier_recorded_twice_is_fine(rubric, bidset, tmp_path: Path):
    path = write_panel(tmp_path / "panel.xlsx", [], [[VENDOR_A, "ops_plan", "t3"], [VENDOR_A, "ops_plan", "三档"]])
    assert read(rubric, bidset, path).tiers == {(VENDOR_A, "ops_plan"): "t3"}


def test_several_workbooks_one_per_judge_are_read_as_one(rubric, bidset, tmp_path: Path):
    tiers = write_xlsx(tmp_path / "0-tiers.xlsx", {"Tiers": [["vendor_id", "criterion", "tier"], *TIERS],
                                                   "Judges": [["judge"], ["王评委"], ["李评委"]]})
    books = []
    for judge, ops, design in (("王评委", 12, 4), ("李评委", 13, 4.5)):
        books.append(write_xlsx(tmp_path / f"{judge}.xlsx", {"Scores": [
            ["judge", "vendor_id", "criterion", "score", "comment"],
            [judge, VENDOR_A, "ops_plan", ops, ""], [judge, VENDOR_A, "service_design", design, ""],
            [judge, VENDOR_B, "ops_plan", ops - 4, ""], [judge, VENDOR_B, "service_design", design, ""]]}))
    panel = read(rubric, bidset, tiers, *books)
    assert panel.judges == ("王评委", "李评委")
    assert len(panel.scores) == 8 and [f.path for f in panel.files] == [str(tiers), *map(str, books)]
    result = evaluate(rubric, bidset, panel)
    assert result.status == FINAL
    assert result.standing(VENDOR_A).criteria["ops_plan"] == D("12.5")
    assert result.standing(VENDOR_B).criteria["ops_plan"] == D("8.5")
    assert result.standing(VENDOR_A).criteria["service_design"] == D("4.25")


def test_a_folder_of_panel_workbooks_is_read_as_one(rubric, bidset, tmp_path: Path):
    folder = tmp_path / "panel"
    folder.mkdir()
    write_panel(folder / "a.xlsx", full_panel(judges=("王评委",), ops=(12,), design=(4,)), TIERS)
    write_panel(folder / "b.xlsx", full_panel(judges=("李评委",), ops=(14,), design=(5,)), TIERS)
    panel = read(rubric, bidset, folder)
    assert panel.judges == ("王评委", "李评委") and len(panel.scores) == 8


def test_a_judges_workbook_in_a_subfolder_is_told_not_passed_over(rubric, bidset, tmp_path: Path):
    """A folder read without the folders inside it had lost 评委C/C.xlsx without a word: judge C not counted, the
    result final. A subfolder of other workbooks (attachments) is fine; the command line exits 2."""
    folder = tmp_path / "panel"
    (folder / "评委C").mkdir(parents=True)
    (folder / "附件").mkdir()
    write_panel(folder / "a.xlsx", full_panel(judges=("王评委",), ops=(12,), design=(4,)), TIERS)
    write_panel(folder / "评委C" / "c.xlsx", full_panel(judges=("李评委",), ops=(14,), design=(5,)))
    write_xlsx(folder / "附件" / "notes.xlsx", {"说明": [["评分说明"]]})
    assert problems_of(rubric, bidset, folder) == [
        f"{folder / '评委C'}: this folder holds 1 Excel workbook, which is not read: a folder is read without the "
        "folders inside it; move it into the folder above, or name this folder too"]
    (folder / "评委C" / "c.xlsx").rename(folder / "c.xlsx")
    assert len(read(rubric, bidset, folder).scores) == 8


def test_the_same_score_in_two_workbooks_is_refused(rubric, bidset, tmp_path: Path):
    a = write_panel(tmp_path / "a.xlsx", [["王评委", VENDOR_A, "service_design", 4]], TIERS)
    b = write_panel(tmp_path / "b.xlsx", [["王评委", VENDOR_A, "service_design", 4]])
    assert problems_of(rubric, bidset, a, b) == [
        f"{b}:Scores!D2: 王评委 already scored {VENDOR_A} on 'service_design' at {a}:Scores!D2; "
        "expected one row per judge, vendor and criterion"]


def test_an_empty_score_is_missing_and_makes_the_result_provisional(rubric, bidset, tmp_path: Path):
    scores = full_panel()
    scores[-1][3] = None  # 李评委 has not yet scored VENDOR_B on service_design
    panel = read(rubric, bidset, write_panel(tmp_path / "panel.xlsx", scores, TIERS))
    assert Score("李评委", VENDOR_B, "service_design", None, "", f"{tmp_path / 'panel.xlsx'}:Scores!D9") in panel.scores
    result = evaluate(rubric, bidset, panel)
    assert result.status == PROVISIONAL
    assert INCOMPLETE in result.standing(VENDOR_B).flags
    assert INCOMPLETE not in result.standing(VENDOR_A).flags
    assert result.standing(VENDOR_B).criteria["service_design"] == D(4)  # the score present


def test_an_empty_score_needs_no_agreed_tier(rubric, bidset, tmp_path: Path):
    path = write_panel(tmp_path / "panel.xlsx", [["王评委", VENDOR_A, "ops_plan", None]])
    assert read(rubric, bidset, path).scores == (Score("王评委", VENDOR_A, "ops_plan", None, "", f"{path}:Scores!D2"),)


def test_a_judge_on_the_judges_sheet_who_scored_nothing_makes_every_bid_incomplete(rubric, bidset, tmp_path: Path):
    panel = read(rubric, bidset, write_panel(tmp_path / "panel.xlsx", full_panel(), TIERS, ["王评委", "李评委", "张评委"]))
    assert panel.judges == ("王评委", "李评委", "张评委")
    result = evaluate(rubric, bidset, panel)
    assert result.status == PROVISIONAL and all(INCOMPLETE in s.flags for s in result.ranking)


def test_a_score_for_an_invalid_bid_is_ignored_with_a_warning(rubric, bidset, tmp_path: Path):
    path = write_panel(tmp_path / "panel.xlsx", full_panel() + [["王评委", VENDOR_C, "service_design", 3],
                                                               ["王评委", VENDOR_C, "ops_plan", None]],
                       TIERS + [[VENDOR_C, "ops_plan", "t1"]])
    panel = read(rubric, bidset, path)
    assert all(s.vendor_id != VENDOR_C for s in panel.scores)
    (warning,) = panel.warnings
    assert str(warning) == (f"{path}:Scores!D10: score for invalid bid {VENDOR_C} ignored "
                            "(invalid bids are not scored)")
    assert warning.code == "panel.invalid_bid_score" and warning.data == {"vendor_id": VENDOR_C}
    result = evaluate(rubric, bidset, panel)
    assert result.status == FINAL and result.warnings == (warning,)
    assert [i.vendor_id for i in result.invalid] == [VENDOR_C]


@pytest.mark.parametrize("scores_row, tiers_row, cell", [
    (["评委签字：", None, None, None, "日期：2026-03-01"], None, "Scores!A10"),  # a line of the form (conform14)
    (None, ["组长签字：", None, None], "Tiers!A4"),
])
def test_a_row_naming_no_criterion_and_giving_no_score_is_warned_of(rubric, bidset, tmp_path: Path, scores_row,
                                                                    tiers_row, cell):
    """A signature line under the table was refused at each of its empty cells: it holds nothing to read."""
    path = write_panel(tmp_path / "panel.xlsx", full_panel() + ([scores_row] if scores_row else []),
                       TIERS + ([tiers_row] if tiers_row else []))
    panel = read(rubric, bidset, path)
    assert len(panel.scores) == 8 and [(w.code, str(w).split(": ")[0]) for w in panel.warnings] == [
        ("panel.row_not_read", f"{path}:{cell}")]


@pytest.mark.parametrize("row", [
    ["合计", None, None, 33.5],
    # a judge's row naming a bid, its criterion and score lost (the score typed in the comment): a judge whose every
    # row was so was passed over, and the result was final without them (verify14)
    ["张评委", VENDOR_A, None, None, "方案完整，13分"],
    ["张评委", VENDOR_A, None, None, "以上评分经本人确认"], ["张评委", "北京示例客服有限公司", None, None, "13分"],
])
def test_a_stray_score_or_a_bid_s_row_without_its_criterion_is_still_refused(rubric, bidset, tmp_path: Path, row):
    path = write_panel(tmp_path / "panel.xlsx", full_panel() + [row], TIERS)
    assert f"{path}:Scores!C10: expected a panel criterion ({PANEL_CRITERIA}), found an empty cell" in problems_of(
        rubric, bidset, path)


@pytest.mark.parametrize("scores_tail, tiers_tail, expected", [
    # typed alone in the score column far below the table: one problem at its cell, not one per empty cell beside it
    ([[None] * 5] * 20 + [[None, None, None, 7]], [],
     "Scores!D30: score 7 stands alone on row 30, 20 empty rows under row 9: expected its judge, vendor_id and "
     "criterion on the same row, or the cell cleared"),
    ([[None, None, None, "4.5", "补录"]], [],
     "Scores!D10: score '4.5' stands alone on row 10: expected its judge, vendor_id and criterion on the same row, "
     "or the cell cleared"),
    ([], [[None] * 3] * 5 + [[None, None, "t2"]],
     "Tiers!C9: tier 't2' stands alone on row 9, 5 empty rows under row 3: expected its vendor_id and criterion on "
     "the same row, or the cell cleared"),
])
def test_a_score_or_tier_alone_on_its_row_is_one_problem_at_its_cell(rubric, bidset, tmp_path: Path, scores_tail,
                                                                      tiers_tail, expected):
    path = write_panel(tmp_path / "panel.xlsx", full_panel() + scores_tail, TIERS + tiers_tail)
    assert problems_of(rubric, bidset, path) == [f"{path}:{expected}"]


def test_thousands_of_rows_naming_no_bid_are_told_in_a_moment(rubric, tmp_path: Path):
    """Each code naming no bid is looked for among the bids' as a slip of one (did you mean …?): 10,000 such rows against
    20 bids had taken 8 s of CPU, filling a table of edits for every bid on every row. One line per row all the same."""
    import time

    codes = [f"91110108MA01{i * 7919 % 100000:05d}Q" for i in range(40)]
    bidset = make_bidset(rubric, *(good_bid(code) for code in codes))
    rows = [["王评委", f"91110108MB{i:07d}X", "service_design", 4] for i in range(3000)]  # a column of other codes
    path = write_panel(tmp_path / "panel.xlsx", rows + [["王评委", codes[7][:-1] + "R", "service_design", 4]])
    started = time.process_time()  # CPU time: other work on the machine does not count (a bound, not a benchmark)
    problems = problems_of(rubric, bidset, path)
    assert time.process_time() - started < 2
    assert len(problems) == 3001 and problems[-1].endswith(f"did you mean {codes[7]}?, found '{codes[7][:-1]}R'")


def test_a_tiers_row_naming_a_bid_without_its_criterion_is_still_refused(rubric, bidset, tmp_path: Path):
    path = write_panel(tmp_path / "panel.xlsx", full_panel(), TIERS + [[VENDOR_A, None, None]])
    assert any(p.startswith(f"{path}:Tiers!B4: expected") for p in problems_of(rubric, bidset, path))


def test_the_score_sheets_tier_and_range_columns_and_other_extra_columns_are_ignored(rubric, bidset, tmp_path: Path):
    """Its bidder and criterion names are checked (test_scoresheet.py); its tier, min and max are not: the score is
    checked against the tier agreed now, which may have changed since the sheet was written."""
    header = ["评委 / judge", "统一社会信用代码 / vendor_id", "投标人 / vendor", "评分项 / criterion", "名称 / name",
              "档次 / tier", "最低 / min", "最高 / max", "得分 / score", "备注 / comment", "anything"]
    path = write_xlsx(tmp_path / "panel.xlsx", {
        "Scores": [header, ["王评委", VENDOR_A, "北京示例客服有限公司", "ops_plan", "运营管理能力", "nonsense", "x", "y",
                            11, "ok", "z"]],
        "Tiers": [["vendor_id", "criterion", "tier", "note"], [VENDOR_A, "ops_plan", "t3", "agreed 3 May"]]})
    assert read(rubric, bidset, path).scores == (Score("王评委", VENDOR_A, "ops_plan", D(11), "ok",
                                                       f"{path}:Scores!I2"),)


@pytest.mark.parametrize("header, refused", [
    (["judge", "vendor_id", "vendor_name", "criterion", "score"], ("C2", "panel.bidder_name_disagrees")),
    (["评委", "统一社会信用代码", "投标人名称", "评分项", "得分"], ("C2", "panel.bidder_name_disagrees")),
    (["judge", "bidder", "vendor_id", "criterion", "score"], ("B2", "panel.bidder_name_disagrees")),
    (["judge", "vendor_id", "criterion", "评分项名称", "score"], ("D2", "panel.criterion_name_disagrees")),
    # a bare name is the name of the column it stands right of: the score sheet's 名称 / name follows the criterion
    (["judge", "vendor_id", "name", "criterion", "score"], ("C2", "panel.bidder_name_disagrees")),
    (["judge", "vendor_id", "criterion", "名称 / name", "score"], ("D2", "panel.criterion_name_disagrees")),
    # anywhere else it says not whose name it is (a judge's full name, a contact): not read, as before
    (["judge", "name", "vendor_id", "criterion", "score"], None),
    (["judge", "vendor_id", "criterion", "score", "名称"], None),
])
def test_a_column_naming_the_rows_bidder_or_criterion_is_found_by_its_header(rubric, bidset, tmp_path: Path, header,
                                                                              refused):
    known = {"judge": "王评委", "评委": "王评委", "vendor_id": VENDOR_A, "统一社会信用代码": VENDOR_A,
             "criterion": "service_design", "评分项": "service_design", "score": 4, "得分": 4}
    path = write_xlsx(tmp_path / "panel.xlsx", {"Scores": [header, [known.get(h, "别家公司") for h in header]]})
    if refused is None:
        assert [(s.vendor_id, s.criterion, s.score) for s in read(rubric, bidset, path).scores] == [
            (VENDOR_A, "service_design", D(4))]
        return
    with pytest.raises(PanelError) as caught:
        read(rubric, bidset, path)
    assert [(p.cell, p.code, p.data["found"], p.data["owner"]) for p in caught.value.problems] == [
        (*refused, "别家公司", None)]



def test_a_tiers_row_beside_another_bidders_name_is_refused_and_its_scores_not_told_again(rubric, tmp_path: Path):
    """A Tiers sheet sorted one column at a time: the chair agreed 三档 looking at 乙's name, on A's row."""
    bidset = make_bidset(rubric, good_bid(VENDOR_A, name="甲公司"), good_bid(VENDOR_B, rate_per_call=0.9, name="乙公司"))
    names = {b.vendor_id: b.vendor_name for b in bidset.bids}
    tiers = [["vendor_id", "vendor_name", "criterion", "tier"], [VENDOR_A, names[VENDOR_B], "ops_plan", "t3"],
             [VENDOR_B, names[VENDOR_A], "ops_plan", "t2"]]
    path = write_xlsx(tmp_path / "panel.xlsx", {"Scores": [["judge", "vendor_id", "criterion", "score", "comment"],
                                                           *full_panel()], "Tiers": tiers})
    with pytest.raises(PanelError) as caught:
        read(rubric, bidset, path)
    problems = caught.value.problems
    assert [(p.sheet, p.cell, p.code, p.data["owner"], p.data["entered"]) for p in problems] == [
        ("Tiers", "B2", "panel.bidder_name_disagrees", VENDOR_B, "tier"),
        ("Tiers", "B3", "panel.bidder_name_disagrees", VENDOR_A, "tier")]
    assert "a tier typed beside that name would be booked on" in str(problems[0])
    assert "have the chair check the agreed tiers" in str(problems[0])
    tiers[1][1], tiers[2][1] = names[VENDOR_A], names[VENDOR_B]  # put back: read as agreed
    path = write_xlsx(tmp_path / "panel.xlsx", {"Scores": [["judge", "vendor_id", "criterion", "score", "comment"],
                                                           *full_panel()], "Tiers": tiers})
    assert read(rubric, bidset, path).tiers == {(VENDOR_A, "ops_plan"): "t3", (VENDOR_B, "ops_plan"): "t2"}

def test_chinese_headers(rubric, bidset, tmp_path: Path):
    path = write_xlsx(tmp_path / "panel.xlsx", {
        "Scores": [["评委", "统一社会信用代码", "评分项", "得分", "备注"],
                   ["王评委", VENDOR_A, "运营管理能力", 14, "方案完整"], ["王评委", VENDOR_A, "服务方案", 4.5, ""]],
        "Tiers": [["统一社会信用代码", "评分项", "档次"], [VENDOR_A, "运营管理能力", "三档"]],
        "Judges": [["评委"], ["王评委"]]})
    panel = read(rubric, bidset, path)
    assert panel.judges == ("王评委",) and panel.tiers == {(VENDOR_A, "ops_plan"): "t3"}
    assert [(s.criterion, s.score, s.comment) for s in panel.scores] == [("ops_plan", D(14), "方案完整"),
                                                                          ("service_design", D("4.5"), "")]


def test_a_comment_beside_an_empty_score_is_kept_with_a_score_not_yet_given(rubric, bidset, tmp_path: Path):
    """A note left while a clarification is pending: the score is still owed, and the note goes on the record."""
    path = write_xlsx(tmp_path / "panel.xlsx", {"Scores": [["judge", "vendor_id", "criterion", "score", "comment"],
                                                           ["王评委", VENDOR_A, "service_design", None, "待澄清"]]})
    assert [(s.criterion, s.score, s.comment, s.where) for s in read(rubric, bidset, path).scores] == [
        ("service_design", None, "待澄清", f"{path}:Scores!D2")]


def test_headers_and_data_may_start_below_blank_rows_and_blank_rows_are_skipped(rubric, bidset, tmp_path: Path):
    path = write_xlsx(tmp_path / "panel.xlsx", {"Scores": [
        [], ["judge", "vendor_id", "criterion", "score"], ["王评委", VENDOR_A, "service_design", 4], [],
        ["王评委", VENDOR_B, "service_design", "x"]]})
    assert problems_of(rubric, bidset, path) == [f"{path}:Scores!D5: expected a number from 0 to 5, found 'x'"]


def test_vendor_ids_and_judges_are_compared_after_normalising(rubric, bidset, tmp_path: Path):
    path = write_panel(tmp_path / "panel.xlsx", [["\u3000王评委 ", f" {VENDOR_A.lower()} ", "service_design", 4]],
                       judges=["王评委"])
    (score,) = read(rubric, bidset, path).scores
    assert (score.judge, score.vendor_id) == ("王评委", VENDOR_A)


SPELLING = ("written with other spaces or letter case; expected one judge's name written the same way in every row "
            "(two judges: list both on a Judges sheet)")


@pytest.mark.parametrize("typed, read_as", [("王 评委", "王 评委"), ("王\u3000评委", "王 评委"), ("王评 委", "王评 委")])
def test_a_judge_written_with_a_space_on_one_row_is_refused_there(rubric, bidset, tmp_path: Path, typed, read_as):
    """Without a Judges sheet, '王 评委' on one row and '王评委' on the rest made a sixth judge owing every other
    score: the result was provisional and nothing said who. Refused at the variant's first cell, naming both."""
    scores = full_panel()
    scores[0][0] = typed  # 王评委's own rows are then 3, 6 and 7
    path = write_panel(tmp_path / "panel.xlsx", scores, TIERS)
    assert problems_of(rubric, bidset, path) == [
        f"{path}:Scores!A2: judge '{read_as}' is '王评委' of 3 rows (Scores!A3–A7) {SPELLING}"]


def test_a_name_in_other_letter_case_is_the_same_judge(rubric, bidset, tmp_path: Path):
    scores = full_panel(judges=("Wang Ping", "Li Na"))
    scores[0][0] = scores[1][0] = "wang ping"  # A2 and A3, "Wang Ping" A6 and A7: as many rows, the first written kept
    path = write_panel(tmp_path / "panel.xlsx", scores, TIERS)
    assert problems_of(rubric, bidset, path) == [
        f"{path}:Scores!A6: judge 'Wang Ping' (on 2 rows) is 'wang ping' of 2 rows (Scores!A2–A3) {SPELLING}"]


def test_two_judges_whose_names_differ_by_a_space_are_two_when_the_judges_sheet_lists_both(rubric, bidset,
                                                                                          tmp_path: Path):
    """Listed apart on Judges they are two members; each owes what they have not scored, and the terminal says so
    under the provisional status."""
    from bideval.summary import summary_text

    scores = full_panel()
    scores[0][0] = "王 评委"
    panel = read(rubric, bidset, write_panel(tmp_path / "panel.xlsx", scores, TIERS, ["王评委", "王\u3000评委", "李评委"]))
    assert panel.judges == ("王评委", "王 评委", "李评委")
    result = evaluate(rubric, bidset, panel)
    assert result.status == PROVISIONAL
    assert summary_text(result, "en").splitlines()[1:3] == [
        f"  王评委: 1 score missing on 1 bid (first: {VENDOR_A} / ops_plan)",
        f"  王 评委: 3 scores missing on 2 bids (first: {VENDOR_A} / service_design)"]
    assert summary_text(result, "zh").splitlines()[2] == f"  王 评委：尚缺 3 项评分（2 家投标；首项 {VENDOR_A} / service_design）"


# --------------------------------------------------------------------------- the Judges sheet: notes and roles

@pytest.mark.parametrize("notes", [
    ["以上共2人"], [None, "以上共2人"], ["注：按姓氏笔画排序"], [None, "Total: 2"], ["共 2 名"], [None, 2],
    [None, "评委签字：", "日期：2026年3月1日"],
])
def test_a_note_under_the_list_of_members_is_warned_of_not_read_as_a_judge(rubric, bidset, tmp_path: Path, notes):
    """以上共5人 under the list had been read as a sixth member owing every score: the result stayed provisional,
    naming "以上共5人" as missing scores. A note (a count, a colon, a number cell) is passed over, warned of at its cell."""
    path = write_panel(tmp_path / "panel.xlsx", full_panel(), TIERS, ["王评委", "李评委", *notes])
    panel = read(rubric, bidset, path)
    assert panel.judges == ("王评委", "李评委")
    first = 4 + notes.index(next(n for n in notes if n is not None))
    assert [(w.code, w.where) for w in panel.warnings][0] == ("panel.member_note", f"{path}:Judges!A{first}")
    assert len(panel.warnings) == sum(n is not None for n in notes)
    assert evaluate(rubric, bidset, panel).status == FINAL


def test_a_name_below_an_empty_row_under_the_list_is_a_member_when_it_has_scores(rubric, bidset, tmp_path: Path):
    path = write_panel(tmp_path / "panel.xlsx", full_panel(), TIERS, ["王评委", None, "李评委"])
    panel = read(rubric, bidset, path)
    assert panel.judges == ("王评委", "李评委") and not panel.warnings


def test_a_name_below_an_empty_row_under_the_list_without_scores_is_refused_as_doubtful(rubric, bidset,
                                                                                       tmp_path: Path):
    """赵六 (who drew the list up, or a member who has not scored?) cannot be told: refused at its cell, never dropped
    in silence nor made a member the result waits for without a word."""
    path = write_panel(tmp_path / "panel.xlsx", full_panel(), TIERS, ["王评委", "李评委", None, "以上共2人", None, "赵六"])
    assert problems_of(rubric, bidset, path) == [
        f"{path}:Judges!A7: '赵六' stands below an empty row under the list of members (A2–A3) and has no row on "
        "'Scores': a member who has not scored yet and a note under the list cannot be told apart; if a member, delete "
        "the empty row above it, so the list is one; if not, delete it or move it off the judge column"]


@pytest.mark.parametrize("under, shown", [(["以上共2人"], "以上共2人"), (["制表人："], "制表人："), (["Total: 2"], "Total: 2"),
                                          ([2], "2"), (["注：按姓氏笔画排序", "以上共2人"], "注：按姓氏笔画排序")])
def test_a_name_below_a_note_under_the_list_without_scores_is_refused_as_doubtful(rubric, bidset, tmp_path: Path,
                                                                                   under, shown):
    """A note ends the list as an empty row does: 赵六 right under 以上共2人 (制表人：and the name below it) had been
    read as a third member without a word, and the result waited for scores nobody owed (verify15p)."""
    path = write_panel(tmp_path / "panel.xlsx", full_panel(), TIERS, ["王评委", "李评委", *under, "赵六"])
    assert problems_of(rubric, bidset, path) == [
        f"{path}:Judges!A{4 + len(under)}: '赵六' stands below the note {shown!r} (A4) under the list of "
        "members (A2–A3) and has no row on 'Scores': a member who has not scored yet and a note under the list cannot "
        "be told apart; if a member, move it above the note, so the list is one; if not, delete it or move it off the "
        "judge column"]
    scored = write_panel(tmp_path / "scored.xlsx", full_panel(judges=("王评委", "赵六")), TIERS,
                         ["王评委", "李评委", *under, "赵六"])  # with scores, a member (李评委 owes every score)
    assert read(rubric, bidset, scored).judges == ("王评委", "李评委", "赵六")


def test_a_signature_page_may_name_without_the_role_a_judge_scores_under_with_it(rubric, bidset, tmp_path: Path):
    """Without a Judges sheet, 王评委（组长） scoring on Scores and 王评委 on the signature page had been refused as a
    judge who scored nothing (verify15p): the role in brackets is no part of who they are, as on Judges. A
    department is (王伟 on the page is not 王伟（财务）)."""
    def book(name, scoring, signing):
        return write_xlsx(tmp_path / name, {"Scores": [["judge", "vendor_id", "criterion", "score"],
                                                       *(row[:4] for row in full_panel(judges=(scoring, "李评委")))],
                                            "Tiers": [["vendor_id", "criterion", "tier"], *TIERS],
                                            "签字页": [["评委", "签字", "日期"], [signing, None, None], ["李评委", None, None]]})
    panel = read(rubric, bidset, book("role.xlsx", "王评委（组长）", "王评委"))
    assert panel.judges == ("王评委(组长)", "李评委")  # (no Judges sheet: the name as Scores writes it)
    assert [p.split(": ")[1] for p in problems_of(rubric, bidset, book("dept.xlsx", "王伟（财务）", "王伟"))] == [
        "this sheet lists judges (its header names a judge column) and names 王伟, who scored nothing on 'Scores' "
        "(there is no sheet 'Judges')"]


@pytest.mark.parametrize("blank", [False, True])
def test_a_name_beside_a_label_of_the_form_is_a_note_not_a_member(rubric, bidset, tmp_path: Path, blank):
    """制表人： in the numbering column and the name beside it in the judge column, right under the list, had made
    张三 a third member owing every score, without a word; below an empty row, refused as doubtful (verify15p). A
    label ending in a colon left of the name says what the name is: the row is a line of the form, warned of."""
    judges = [["序号", "评委", "单位"], [1, "王评委（组长）", "甲大学"], [2, "李评委", "乙公司"], *([[]] if blank else []),
              ["制表人：", "张三"]]
    path = write_xlsx(tmp_path / "panel.xlsx", {"Scores": [["judge", "vendor_id", "criterion", "score"],
                                                          *(row[:4] for row in full_panel())],
                                                "Tiers": [["vendor_id", "criterion", "tier"], *TIERS],
                                                "Judges": judges})
    panel = read(rubric, bidset, path)
    assert panel.judges == ("王评委", "李评委")
    assert [(w.code, w.where, w.data["found"]) for w in panel.warnings] == [
        ("panel.member_note", f"{path}:Judges!B{len(judges)}", "制表人：张三")]
    assert evaluate(rubric, bidset, panel).status == FINAL


def test_a_member_s_name_beside_a_label_of_their_place_on_the_panel_is_a_member(rubric, bidset, tmp_path: Path):
    """组长： and 成员： before the names say who sits, not who drew the list up: members, never passed over as notes (a
    member yet to score dropped so would have let the result say final without them)."""
    path = write_xlsx(tmp_path / "panel.xlsx", {"Scores": [["judge", "vendor_id", "criterion", "score"],
                                                          *(row[:4] for row in full_panel())],
                                                "Tiers": [["vendor_id", "criterion", "tier"], *TIERS],
                                                "Judges": [["", "评委"], ["组长：", "王评委"], ["成员：", "李评委"],
                                                           [None, "赵六"]]})
    panel = read(rubric, bidset, path)
    assert panel.judges == ("王评委", "李评委", "赵六") and not panel.warnings
    assert evaluate(rubric, bidset, panel).status == PROVISIONAL  # 赵六 has yet to score


def test_a_heading_within_the_list_of_members_does_not_end_it(rubric, bidset, tmp_path: Path):
    """技术专家： and 经济专家： head the groups of one list: 赵六 under the second, yet to score, is a member (as seated in
    the app from a Judges sheet before anyone scores), not a name below the list's end. 制表人： ends it."""
    path = write_panel(tmp_path / "panel.xlsx", full_panel(), TIERS,
                       ["技术专家：", "王评委", "李评委", "经济专家：", "赵六"])
    panel = read(rubric, bidset, path)
    assert panel.judges == ("王评委", "李评委", "赵六")
    assert [w.where for w in panel.warnings] == [f"{path}:Judges!A{r}" for r in (2, 5)]
    assert "below the note '制表人：' (A4)" in problems_of(rubric, bidset, write_panel(
        tmp_path / "form.xlsx", full_panel(), TIERS, ["王评委", "李评委", "制表人：", "赵六"]))[0]


def test_judges_known_by_their_number_are_members(rubric, bidset, tmp_path: Path):
    """1号 and 2号 (judges kept anonymous by number) hold a letter, 号: names, not notes as a count or a date is."""
    path = write_panel(tmp_path / "panel.xlsx", full_panel(judges=("1号", "2号专家")), TIERS, ["1号", "2号专家"])
    panel = read(rubric, bidset, path)
    assert panel.judges == ("1号", "2号专家") and not panel.warnings


def test_a_member_s_place_on_the_panel_before_the_name_in_one_cell_is_a_member(rubric, bidset, tmp_path: Path):
    """组长：王评委 in the judge column had been read as a note (it holds a colon) and the member passed over: yet to
    score, the result said final without them (verify15p). A place on the panel before the colon (组长, 成员, 评委,
    chair, member) names a member: a role, 组长, is their role, as 王评委（组长） is."""
    path = write_panel(tmp_path / "panel.xlsx", full_panel(judges=("王评委", "Li Wei")), TIERS,
                       ["组长：王评委", "Member: Li Wei", "成员： 赵六", "负责人：孙七", "评委签字："])
    panel = read(rubric, bidset, path)  # (负责人：孙七: the officer in charge, maybe, is a note as before)
    assert panel.judges == ("王评委", "Li Wei", "赵六") and dict(panel.roles) == {"王评委": "组长"}
    assert [(w.code, w.where) for w in panel.warnings] == [("panel.member_note", f"{path}:Judges!A{r}") for r in (5, 6)]
    assert evaluate(rubric, bidset, panel).status == PROVISIONAL  # 赵六 has yet to score


@pytest.mark.parametrize("note", ["2026年3月1日", "2026-03-01", "2026.3.1", "5", "—", "/", "……"])
def test_a_cell_holding_no_letter_is_a_note_not_a_member(rubric, bidset, tmp_path: Path, note):
    """A date typed as text under the list (2026年3月1日), a count or a dash had been read as a member owing every
    score: the result stayed provisional, naming "2026年3月1日" as a judge with scores missing (verify15p). A name
    holds a letter; a cell with none (digits, dashes, a date's 年月日) is a note, as a date or number cell is."""
    path = write_panel(tmp_path / "panel.xlsx", full_panel(), TIERS, ["王评委", "李评委", note])
    panel = read(rubric, bidset, path)
    assert panel.judges == ("王评委", "李评委")
    assert [(w.code, w.where) for w in panel.warnings] == [("panel.member_note", f"{path}:Judges!A4")]
    assert evaluate(rubric, bidset, panel).status == FINAL


@pytest.mark.parametrize("listed, scoring", [
    ("王评委（组长）", "王评委"), ("王评委(组长)", "王评委"), ("王评委 【组长】", "王评委"), ("王评委（组长）", "王评委（组长）"),
    ("王评委（组长）", "王评委 (组长)"),
])
def test_a_role_in_brackets_after_a_member_s_name_is_read_as_their_role(rubric, bidset, tmp_path: Path, listed,
                                                                        scoring):
    """王评委（组长） on Judges and 王评委 on Scores had been refused as two judges."""
    path = write_panel(tmp_path / "panel.xlsx", full_panel(judges=(scoring, "Li Wei")), TIERS, [listed, "Li Wei (Chair)"])
    panel = read(rubric, bidset, path)
    assert panel.judges == ("王评委", "Li Wei") and dict(panel.roles) == {"王评委": "组长", "Li Wei": "Chair"}
    assert {s.judge for s in panel.scores} == {"王评委", "Li Wei"}
    assert evaluate(rubric, bidset, panel).status == FINAL


def test_the_ranked_workbook_lists_a_member_with_their_role(rubric, bidset, tmp_path: Path):
    from bideval.export import write_workbook

    path = write_panel(tmp_path / "panel.xlsx", full_panel(), TIERS, ["王评委（组长）", "李评委"])
    result = evaluate(rubric, bidset, read(rubric, bidset, path))
    write_workbook(result, tmp_path / "ranked.xlsx", "zh")
    cells = {c for row in openpyxl.load_workbook(tmp_path / "ranked.xlsx")["Panel"].iter_rows(values_only=True)
             for c in row if isinstance(c, str)}
    assert {"王评委（组长）", "李评委"} <= cells and result.judges == ("王评委", "李评委")


def test_words_in_brackets_that_are_no_role_are_part_of_the_name(rubric, bidset, tmp_path: Path):
    """Two 王伟 told apart by their department are two members: a bracket is read as a role only for a role's word."""
    path = write_panel(tmp_path / "panel.xlsx", full_panel(judges=("王伟（财务）", "王伟（技术）")), TIERS,
                       ["王伟（财务）", "王伟（技术）"])
    panel = read(rubric, bidset, path)
    assert panel.judges == ("王伟(财务)", "王伟(技术)") and not panel.roles  # (a name is read NFKC: ASCII brackets)


@pytest.mark.parametrize("scores, judges, expected", [
    # one name with and without a role, or with two roles, on Judges: two members never merged into one
    (full_panel(), ["王评委（组长）", "王评委", "李评委"],
     "Judges!A3: '王评委' and '王评委（组长）' (at Judges!A2) are one name, '王评委', with another role"),
    (full_panel(), ["王评委（组长）", "王评委（副组长）", "李评委"],
     "Judges!A3: '王评委(副组长)' and '王评委（组长）' (at Judges!A2) are one name, '王评委', with another role"),
    # a role on Scores the Judges sheet does not give that member names someone else
    (full_panel(judges=("王评委（副组长）", "李评委")), ["王评委（组长）", "李评委"],
     "Scores!A2: expected a judge on the Judges sheet (王评委, 李评委), found '王评委（副组长）'"),  # (as typed)
    (full_panel(judges=("王评委（组长）", "李评委")), ["王评委", "李评委"],
     "Scores!A2: expected a judge on the Judges sheet (王评委, 李评委), found '王评委（组长）'"),
])
def test_a_role_never_merges_two_judges(rubric, bidset, tmp_path: Path, scores, judges, expected):
    path = write_panel(tmp_path / "panel.xlsx", scores, TIERS, judges)
    assert problems_of(rubric, bidset, path)[0].startswith(f"{path}:{expected}")


def test_without_a_judges_sheet_a_name_with_a_role_on_one_row_is_refused_as_another_spelling(rubric, bidset,
                                                                                             tmp_path: Path):
    scores = full_panel()
    scores[0][0] = "王评委（组长）"
    path = write_panel(tmp_path / "panel.xlsx", scores, TIERS)
    assert problems_of(rubric, bidset, path) == [
        f"{path}:Scores!A2: judge '王评委(组长)' is '王评委' of 3 rows (Scores!A3–A7) written with other spaces, letter "
        "case or a role in brackets; expected one judge's name written the same way in every row (two judges: write "
        "their names so they differ and list both on a Judges sheet)"]


# --------------------------------------------------------------------------- the Judges sheet: rows that name nobody,
# a name listed twice, a group's heading

def judges_book(path: Path, judges: list[list], scores=None) -> Path:
    """A panel workbook (openpyxl: a date cell stays a date) with the full panel's scores, the tiers and the Judges
    sheet's rows as given."""
    from conftest import write_openpyxl

    return write_openpyxl(path, {"Scores": [["judge", "vendor_id", "criterion", "score"],
                                            *(row[:4] for row in (full_panel() if scores is None else scores))],
                                 "Tiers": [["vendor_id", "criterion", "tier"], *TIERS], "Judges": judges})


def evaluated(tmp_path: Path, capsys, panel: Path) -> tuple[int, list[str], str | None]:
    """``python -m bideval evaluate … --panel PANEL``: its exit code, what it told (each line without the workbook's
    path) and the JSON's status (None when nothing was written)."""
    import json

    bids = tmp_path / "bids"
    bids.mkdir(exist_ok=True)
    write_form(bids / "a.xlsx", good_bid(VENDOR_A))
    write_form(bids / "b.xlsx", good_bid(VENDOR_B, rate_per_call=0.9))
    out = tmp_path / "out.json"
    out.unlink(missing_ok=True)
    code = main(["evaluate", "--criteria", str(EXAMPLE_RUBRIC), "--bids", str(bids), "--panel", str(panel),
                 "--json", str(out), "--lang", "en"])
    told = [line.replace(f"{panel}:", "") for line in capsys.readouterr().err.splitlines()]
    return code, told, json.loads(out.read_text())["status"] if out.exists() else None


@pytest.mark.parametrize("judges, cell, found", [
    ([["评委", "单位"], ["王评委", "甲大学"], ["李评委", "乙公司"], [None, "赵六"]], "A4", ("B4", "赵六")),
    ([["序号", "评委"], [1, "王评委"], [2, "李评委"], ["赵六", None]], "B4", ("A4", "赵六")),
    # a member's details with the name left out: who sits cannot be told
    ([["评委", "单位", "职称"], ["王评委", "甲大学", "教授"], ["李评委", "乙公司", "高工"], [None, "丙研究院", "研究员"]], "A4",
     ("B4", "丙研究院")),
    ([["", "评委", "单位"], ["组长：", "王评委", None], ["成员：", "李评委", None], ["成员：", None, "赵六"]], "B4",
     ("C4", "赵六")),
    ([["评委", "备注"], ["王评委", None], [None, "成员：赵六"], ["李评委", None]], "A3", ("B3", "成员：赵六")),
])
def test_a_judges_row_without_a_name_but_a_name_beside_it_is_refused(rubric, bidset, tmp_path: Path, capsys, judges,
                                                                     cell, found):
    """A row of Judges with its judge cell empty had been passed over in silence: 赵六, typed one column off, was no
    member, and the result said final without their scores. A row that may name a member is refused at its judge
    cell, naming what stands beside it."""
    path = judges_book(tmp_path / "panel.xlsx", judges)
    at, text = found
    expected = (f"Judges!{cell}: the judge cell is empty, but {at} on its row holds {text!r}, which reads as a name: a "
                "member whose name was typed in another column, or left out? expected the member's name in this cell "
                "(delete the row if it names no member)")
    assert problems_of(rubric, bidset, path) == [f"{path}:{expected}"]
    assert evaluated(tmp_path, capsys, path) == (2, [expected], None)


@pytest.mark.parametrize("judges, cell, found", [
    ([["序号", "评委"], [1, "王评委"], [2, "李评委"], [3, None]], "B4", "'3' (A4)"),  # a numbered slot left empty
    ([["评委", "职务"], ["王评委", "组长"], ["李评委", None], [None, "组员"]], "A4", "'组员' (B4)"),  # a role, no name
    ([["评委", "职务"], ["王评委", "主任"], ["李评委", None], [None, "副主任"]], "A4", "'副主任' (B4)"),
    ([["评委", "签字日期"], ["王评委", None], ["李评委", None], [None, datetime(2026, 3, 1)]], "A4", "'2026-03-01' (B4)"),
    ([["序号", "评委", "单位"], [1, "王评委", "甲"], [2, "李评委", "乙"], ["制表人：", None, "张三"]], "B4",
     "'制表人：' (A4), '张三' (C4)"),  # who drew the list up: a line of the form, the name its
    ([["评委", "签字"], ["王评委", None], ["李评委", None], [None, "（签字）"]], "A4", "'（签字）' (B4)"),
])
def test_a_judges_row_without_a_name_holding_only_a_note_is_warned_of(rubric, bidset, tmp_path: Path, capsys, judges,
                                                                      cell, found):
    """A row with its judge cell empty and only a note beside it (a row number, a role, a date, a line of the form)
    names nobody: it is no member, and is warned of at its judge cell rather than passed over in silence."""
    path = judges_book(tmp_path / "panel.xlsx", judges)
    panel = read(rubric, bidset, path)
    assert panel.judges == ("王评委", "李评委")
    warning = (f"Judges!{cell}: the judge cell is empty and its row holds only {found}, no name: not read as a "
               "member")
    assert [str(w) for w in panel.warnings] == [f"{path}:{warning}"]
    assert evaluated(tmp_path, capsys, path) == (0, [f"warning: {warning}"], FINAL)


@pytest.mark.parametrize("judges, cells", [
    ([["评委"], ["王评委"], ["李评委"], ["王评委"]], ("A4", "A2")),
    ([["评委"], ["王评委（组长）"], ["李评委"], [" 王评委(组长)"]], ("A4", "A2")),
    # a row number differs on every row: the rows say the same
    ([["序号", "评委", "单位"], [1, "王评委", "甲大学"], [2, "李评委", "乙公司"], [3, "王评委", "甲大学"]], ("B4", "B2")),
])
def test_a_member_listed_twice_is_warned_of_naming_both_cells(rubric, bidset, tmp_path: Path, capsys, judges, cells):
    """Two rows naming one member had been merged without a word: a typing mistake the officer must see (or two people
    of one name, who must be told apart). The rows saying the same, the member is read once and the second row
    warned of, naming the first."""
    path = judges_book(tmp_path / "panel.xlsx", judges)
    panel = read(rubric, bidset, path)
    assert panel.judges == ("王评委", "李评委")
    second, first = cells
    warning = (f"Judges!{second}: '王评委' is listed twice, the same as at Judges!{first}: read as one member; delete "
               "one of the rows (two people of one name: write their names so they differ, 王伟（财务）, 王伟（技术）, on "
               "this sheet and on Scores)")
    assert [str(w) for w in panel.warnings] == [f"{path}:{warning}"]
    assert evaluated(tmp_path, capsys, path) == (0, [f"warning: {warning}"], FINAL)


@pytest.mark.parametrize("judges, second, cells, first, found", [
    ([["评委", "单位"], ["王伟", "甲大学"], ["李评委", "乙公司"], ["王伟", "丙公司"]], "A4", ("B2", "B4"), "'甲大学'", "'丙公司'"),
    ([["评委", "单位"], ["王伟", "甲大学"], ["李评委", "乙公司"], ["王伟", None]], "A4", ("B2", "B4"), "'甲大学'",
     "an empty cell"),
    ([["", "评委"], ["组长：", "王伟"], ["成员：", "李评委"], ["成员：", "王伟"]], "B4", ("A2", "A4"), "'组长：'", "'成员：'"),
    # numbers that are no row numbers, in a column without a header: an employer's id, a telephone, years of experience
    ([[None, "评委"], [10023, "王伟"], [10045, "李评委"], [10077, "王伟"]], "B4", ("A2", "A4"), "'10023'", "'10077'"),
    ([["评委", None], ["王伟", 13800000001], ["李评委", 13800000002], ["王伟", 13800000003]], "A4", ("B2", "B4"),
     "'13800000001'", "'13800000003'"),
    ([["评委", ""], ["王伟", 5], ["李评委", 12], ["王伟", 8]], "A4", ("B2", "B4"), "'5'", "'8'"),
    # 1, 2, 3 under a header that is no row number's
    ([["评委", "工龄"], ["王伟", 1], ["李评委", 2], ["王伟", 3]], "A4", ("B2", "B4"), "'1'", "'3'"),
    # row numbers, and beside them years of experience counting up by one but for a blank cell: still compared
    ([[None, "评委", None], [1, "王伟", 1], [2, "李评委", None], [3, "王伟", 2]], "B4", ("C2", "C4"), "'1'", "'2'"),
])
def test_a_name_listed_twice_on_rows_that_differ_is_refused(rubric, bidset, tmp_path: Path, capsys, judges, second,
                                                            cells, first, found):
    """王伟 of 甲大学 and 王伟 of 丙公司 are two people of one name, or one listed twice with a mistake: read as one
    member, the second could not be waited for. Refused at the second, naming both cells."""
    path = judges_book(tmp_path / "panel.xlsx", judges, full_panel(judges=("王伟", "李评委")))
    expected = (f"Judges!{second}: '王伟' is listed again (first at Judges!{second[0]}2), but its rows differ beside the "
                f"name ({cells[0]} {first}, {cells[1]} {found}): two people of one name, or one member listed "
                "twice with a mistake, cannot be told apart; expected each member listed once (two people of one "
                "name: write their names so they differ, 王伟（财务）, 王伟（技术）, on this sheet and on Scores)")
    assert problems_of(rubric, bidset, path) == [f"{path}:{expected}"]
    assert evaluated(tmp_path, capsys, path) == (2, [expected], None)


@pytest.mark.parametrize("judges, second, first", [
    # row numbers in a column with a blank header cell
    ([[None, "评委", "单位"], [1, "王评委", "甲大学"], [2, "李评委", "乙公司"], [3, "王评委", "甲大学"]], "B4", "B2"),
    ([["", "评委"], [1, "王评委"], [2, "李评委"], [3, "王评委"]], "B4", "B2"),
    # numbers typed as text, a member listed after the repeat
    ([[None, "评委"], ["1", "王评委"], ["2", "李评委"], ["3", "王评委"], ["4", "赵评委"]], "B4", "B2"),
])
def test_row_numbers_without_a_header_are_row_numbers(rubric, bidset, tmp_path: Path, capsys, judges, second, first):
    """Offices leave the 序号 column's header blank, or the list has no header row: 1, 2, 3 down the column are its row
    numbers still. The same name listed twice with only its row number differing had been refused as two people of
    one name, a message that misled the secretary: it is warned of as 序号 is, naming both cells."""
    members = tuple(dict.fromkeys(row[1] for row in judges if row and row[1] not in (None, "评委")))
    path = judges_book(tmp_path / "panel.xlsx", judges, full_panel(judges=members))
    panel = read(rubric, bidset, path)
    assert panel.judges == members
    warning = (f"Judges!{second}: '王评委' is listed twice, the same as at Judges!{first}: read as one member; delete "
               "one of the rows (two people of one name: write their names so they differ, 王伟（财务）, 王伟（技术）, on "
               "this sheet and on Scores)")
    assert [str(w) for w in panel.warnings] == [f"{path}:{warning}"]


def test_the_judges_sheets_of_several_workbooks_may_list_the_same_members(rubric, bidset, tmp_path: Path):
    """The chair's workbook and a judge's own may each carry the list: the Judges sheets are added together, and a
    member on both is no member listed twice."""
    chair = judges_book(tmp_path / "chair.xlsx", [["评委"], ["王评委"], ["李评委"]], [])
    own = judges_book(tmp_path / "own.xlsx", [["评委"], ["王评委"], ["李评委"]])
    panel = read(rubric, bidset, chair, own)
    assert panel.judges == ("王评委", "李评委") and not panel.warnings


@pytest.mark.parametrize("judges, headings", [
    (["技术组", "王评委", "商务组", "李评委"], (2, 4)),
    (["技术评审小组", "王评委", "商务组别", "李评委"], (2, 4)),
    (["Technical panel", "王评委", "Commercial team", "李评委"], (2, 4)),
    (["A组", "王评委", "B组", "李评委"], (2, 4)),
    (["王评委", None, "商务组", "李评委"], (4,)),  # below an empty row too: a heading, not a doubtful name
])
def test_a_group_s_heading_without_a_colon_is_warned_of_not_a_member(rubric, bidset, tmp_path: Path, capsys, judges,
                                                                     headings):
    """技术组 heading its judges, without a colon, had been read as a member: the result waited for scores from
    "技术组", provisional, naming it as owing every score. A short text ending in 组 (小组, 组别), or in panel, group or
    team, alone on its row and with no row on Scores, is a heading: warned of, no member."""
    path = write_panel(tmp_path / "panel.xlsx", full_panel(), TIERS, judges)
    panel = read(rubric, bidset, path)
    assert panel.judges == ("王评委", "李评委")
    assert [(w.code, w.where) for w in panel.warnings] == [("panel.group_heading", f"{path}:Judges!A{r}")
                                                           for r in headings]
    assert evaluate(rubric, bidset, panel).status == FINAL
    code, told, status = evaluated(tmp_path, capsys, path)
    shown = judges[headings[0] - 2]
    assert (code, status) == (0, FINAL) and told[0] == (
        f"warning: Judges!A{headings[0]}: {shown!r} reads as the heading of a group of the list (alone on its row, "
        f"it ends in 组, panel, group or team) and nobody scores as {shown!r} on 'Scores': not read as a member")


@pytest.mark.parametrize("judges, at", [
    (["王评委", "李评委", "陈组"], "A4"),  # 陈组, a member yet to score, last on the list
    (["技术组", "王评委", "李评委", "商务组"], "A5"),  # 商务组's members not filled in yet
    (["技术组", "商务组", "王评委", "李评委"], "A2"),
    (["Technical panel", "王评委", "李评委", None, "Price group"], "A6"),  # below an empty row
    (["王评委", "李评委", "Lee Team"], "A4"),
])
def test_a_heading_with_no_member_under_it_and_no_scores_is_refused(rubric, bidset, tmp_path: Path, capsys, judges,
                                                                    at):
    """A judge named 陈组 who had not scored yet, last on the list, was warned of as a group's heading and dropped: the
    result said final without their scores. A heading heads the members listed under it; one with no member under it
    (the last of the list, or right above another heading) and no row on Scores may be a member yet to score: refused,
    as a name below the list without scores is."""
    path = write_panel(tmp_path / "panel.xlsx", full_panel(), TIERS, judges)
    found = judges[int(at[1:]) - 2]
    expected = (f"Judges!{at}: {found!r} reads as the heading of a group of the list, but no member is listed under it "
                f"and nobody scores as {found!r} on 'Scores': a member yet to score, or a heading left over? expected "
                "the members of its group listed under it, or its row deleted if it names no member")
    assert problems_of(rubric, bidset, path) == [f"{path}:{expected}"]
    assert evaluated(tmp_path, capsys, path) == (2, [expected], None)


@pytest.mark.parametrize("judges, scores, members, status", [
    # a judge named like a heading who scores is a member
    ([["评委"], ["技术组"], ["李评委"]], full_panel(judges=("技术组", "李评委")), ("技术组", "李评委"), FINAL),
    # with something else on its row (a number, an employer) it is a member's row, and the result waits for them
    ([["序号", "评委", "单位"], [1, "王评委", "甲"], [2, "李评委", "乙"], [3, "专家组", "丙研究院"]], full_panel(),
     ("王评委", "李评委", "专家组"), PROVISIONAL),
])
def test_a_name_shaped_like_a_heading_is_a_member_when_it_scores_or_its_row_holds_more(rubric, bidset,
                                                                                       tmp_path: Path, judges,
                                                                                       scores, members, status):
    path = judges_book(tmp_path / "panel.xlsx", judges, scores)
    panel = read(rubric, bidset, path)
    assert panel.judges == members and not panel.warnings
    assert evaluate(rubric, bidset, panel).status == status


def test_the_summary_names_five_judges_owing_scores_and_counts_the_rest(rubric, bidset, tmp_path: Path):
    from bideval.summary import summary_text

    judges = ["王评委", "李评委"] + [f"评委{n}" for n in range(1, 7)]
    result = evaluate(rubric, bidset, read(rubric, bidset, write_panel(tmp_path / "panel.xlsx", full_panel(), TIERS,
                                                                       judges)))
    lines = summary_text(result, "en").splitlines()
    assert lines[1:7] == [f"  评委{n}: 4 scores missing on 2 bids (first: {VENDOR_A} / ops_plan)" for n in range(1, 6)] \
        + ["  … 1 more judge with scores missing"]
    assert not summary_text(evaluate(rubric, bidset, read(rubric, bidset, write_panel(
        tmp_path / "full.xlsx", full_panel(), TIERS)))).splitlines()[1].startswith("  ")  # final: nobody owes


@pytest.mark.parametrize("raw, name", [(" 王评委\u3000", "王评委"), ("ＡＢＣ", "ABC"), (None, ""), (7.0, "7")])
def test_judge_name(raw, name):
    assert judge_name(raw) == name


def test_run_reads_bids_and_panel_files(tmp_path: Path):
    bids = tmp_path / "bids"
    bids.mkdir()
    write_form(bids / "a.xlsx", good_bid(VENDOR_A))
    write_form(bids / "b.xlsx", good_bid(VENDOR_B, rate_per_call=0.9))
    panel = write_panel(tmp_path / "panel.xlsx", full_panel(), [[VENDOR_A, "ops_plan", "三档"],
                                                                [VENDOR_B, "Operations management plan", "Tier 2"]])
    result = run(EXAMPLE_RUBRIC, [bids], [panel])
    assert result.status == FINAL and result.judges == ("王评委", "李评委")
    assert [p.tier for p in result.panel_scores if p.criterion == "ops_plan"] == ["t3", "t3", "t2", "t2"]
    assert [f.role for f in result.inputs] == ["rubric", "bids", "bids", "panel"]


# --------------------------------------------------------------------------- what the panel secretary reads

def panel_messages(tmp_path: Path, capsys, panel: Path, lang: str) -> list[str]:
    """The lines `python -m bideval evaluate … --panel PANEL [--lang zh]` prints for a refused panel workbook, each
    without the workbook's path."""
    bids = tmp_path / "bids"
    bids.mkdir(exist_ok=True)
    write_form(bids / "a.xlsx", good_bid(VENDOR_A))
    write_form(bids / "b.xlsx", good_bid(VENDOR_B, rate_per_call=0.9))
    args = ["evaluate", "--criteria", str(EXAMPLE_RUBRIC), "--bids", str(bids), "--panel", str(panel),
            "--json", str(tmp_path / "out.json")] + (["--lang", "zh"] if lang == "zh" else [])
    assert main(args) == 2
    assert not (tmp_path / "out.json").exists()
    return [line.removeprefix(str(panel)) for line in capsys.readouterr().err.splitlines()]


def openpyxl_scores(path: Path, rows, tiers=TIERS) -> Path:
    """A panel workbook written by openpyxl rather than xlsxwriter."""
    book = openpyxl.Workbook()
    book.active.title = "Scores"
    for row in [["judge", "vendor_id", "criterion", "score"], *rows]:
        book["Scores"].append(row)
    tiers_sheet = book.create_sheet("Tiers")
    for row in [["vendor_id", "criterion", "tier"], *tiers]:
        tiers_sheet.append(row)
    book.save(path)
    return path


def formatted_score(path: Path, score, number_format: str) -> Path:
    """A panel workbook (xlsxwriter) whose one score cell is shown through ``number_format``."""
    book = xlsxwriter.Workbook(path)
    scores = book.add_worksheet("Scores")
    scores.write_row(0, 0, ["judge", "vendor_id", "criterion", "score"])
    scores.write_row(1, 0, ["王评委", VENDOR_A, "service_design"])
    scores.write_number(1, 3, score, book.add_format({"num_format": number_format}))
    tiers = book.add_worksheet("Tiers")
    for r, row in enumerate([["vendor_id", "criterion", "tier"], *TIERS]):
        tiers.write_row(r, 0, row)
    book.close()
    return path


MESSAGES = [
    pytest.param(lambda p: openpyxl_scores(p, [["王评委", VENDOR_A, "service_design", -0.0]]),
                 ":Scores!D2: expected a score from 0 to 5 for 'service_design', written without a minus sign, found -0",
                 ":Scores!D2：应为“服务方案”的得分，0 到 5，不带负号，实际为 -0", id="negative-zero"),
    pytest.param(lambda p: openpyxl_scores(p, [["王评委", VENDOR_B, "ops_plan", -1]]),
                 ":Scores!D2: expected a score inside the agreed tier t2 二档 (5.1–10) for 'ops_plan', found -1",
                 ":Scores!D2：应为“运营管理能力”已定档次二档（5.1–10）之内的得分，实际为 -1", id="tiered-below-zero"),
    pytest.param(lambda p: openpyxl_scores(p, [], [[VENDOR_A, "ops_plan", 3.0]]),
                 f":Tiers!C2: expected a tier of 'ops_plan': {TIER_LIST}, found 3",
                 ":Tiers!C2：应为“运营管理能力”的档次之一：一档（0–5）、二档（5.1–10）、三档（10.1–15），实际为 3",
                 id="numeric-tier"),
    # a score shown in 万: no money wording ("in the field's unit", yuan or 万 yuan) on a panel sheet
    pytest.param(lambda p: formatted_score(p, 4, '0"万"'),
                 ":Scores!D2: expected a number from 0 to 5, found the number 4 stored in the cell, but shown as 4万 "
                 "through the number format '0\"万\"': the sheet shows a number other than the 4 stored (enter a plain "
                 "number, with the cell's format General)",
                 ":Scores!D2：应为 0 到 5 之间的数字，实际为 单元格中存储的数字 4，但通过数字格式 “0\"万\"” 显示为 4万："
                 "表中显示的数与存储的 4 不同（请填写普通数字，单元格格式设为“常规”）", id="score-shown-in-wan"),
    pytest.param(lambda p: formatted_score(p, 40000, '0!.0000"万"'),
                 ":Scores!D2: expected a number from 0 to 5, found the number 40000 stored in the cell, but shown in 万 "
                 "or 亿 through the number format '0!.0000\"万\"': the sheet shows a number other than the 40000 "
                 "stored (enter a plain number, with the cell's format General)",
                 ":Scores!D2：应为 0 到 5 之间的数字，实际为 单元格中存储的数字 40000，但通过数字格式 “0!.0000\"万\"” "
                 "以“万”或“亿”显示：表中显示的数与存储的 40000 不同（请填写普通数字，单元格格式设为“常规”）",
                 id="score-shown-in-wan-point-moved"),
    # in thousands, as in 万: the sheet shows 4K, the cell holds 4
    pytest.param(lambda p: formatted_score(p, 4, '0"K"'),
                 ":Scores!D2: expected a number from 0 to 5, found the number 4 stored in the cell, but shown as 4K "
                 "through the number format '0\"K\"': the sheet shows a number other than the 4 stored (enter a plain "
                 "number, with the cell's format General)",
                 ":Scores!D2：应为 0 到 5 之间的数字，实际为 单元格中存储的数字 4，但通过数字格式 “0\"K\"” 显示为 4K："
                 "表中显示的数与存储的 4 不同（请填写普通数字，单元格格式设为“常规”）", id="score-shown-in-thousands"),
    pytest.param(lambda p: formatted_score(p, 4000, '#,##0,"千"'),
                 ":Scores!D2: expected a number from 0 to 5, found the number 4000 stored in the cell, but shown in "
                 "thousands (千) through the number format '#,##0,\"千\"': the sheet shows a number other than the "
                 "4000 stored (enter a plain number, with the cell's format General)",
                 ":Scores!D2：应为 0 到 5 之间的数字，实际为 单元格中存储的数字 4000，但通过数字格式 “#,##0,\"千\"” "
                 "以“千”显示：表中显示的数与存储的 4000 不同（请填写普通数字，单元格格式设为“常规”）",
                 id="score-shown-in-thousands-divided"),
    # a percent format: a judge typing 4 there stores 0.04 and sees 4% (built-in 0% and 0.00%, or a format of one's own)
    pytest.param(lambda p: formatted_score(p, 0.04, "0%"),
                 ":Scores!D2: expected a number from 0 to 5, found the number 0.04 stored in the cell, but shown as 4% "
                 "through the percent format '0%': a score is no percentage, and a score typed into such a cell is "
                 "stored divided by 100 (enter a plain number, with the cell's format General)",
                 ":Scores!D2：应为 0 到 5 之间的数字，实际为 单元格中存储的数字 0.04，但通过百分比格式 “0%” 显示为 4%："
                 "得分不是百分比，在此类单元格中输入的得分会被除以 100 存储（请填写普通数字，单元格格式设为“常规”）",
                 id="score-shown-as-percent"),
    pytest.param(lambda p: formatted_score(p, 0.045, "0.00%"),
                 ":Scores!D2: expected a number from 0 to 5, found the number 0.045 stored in the cell, but shown as "
                 "4.50% through the percent format '0.00%': a score is no percentage, and a score typed into such a "
                 "cell is stored divided by 100 (enter a plain number, with the cell's format General)",
                 ":Scores!D2：应为 0 到 5 之间的数字，实际为 单元格中存储的数字 0.045，但通过百分比格式 “0.00%” 显示为 "
                 "4.50%：得分不是百分比，在此类单元格中输入的得分会被除以 100 存储（请填写普通数字，单元格格式设为“常规”）",
                 id="score-shown-as-percent-two-places"),
    pytest.param(lambda p: formatted_score(p, 0.04, "0.0%;[Red]-0.0%"),
                 ":Scores!D2: expected a number from 0 to 5, found the number 0.04 stored in the cell, but shown "
                 "through the percent format '0.0%;[Red]-0.0%': a score is no percentage, and a score typed into such "
                 "a cell is stored divided by 100 (enter a plain number, with the cell's format General)",
                 ":Scores!D2：应为 0 到 5 之间的数字，实际为 单元格中存储的数字 0.04，但通过百分比格式 “0.0%;[Red]-0.0%” "
                 "显示为百分比：得分不是百分比，在此类单元格中输入的得分会被除以 100 存储（请填写普通数字，单元格格式设为“常规”）",
                 id="score-shown-as-percent-own-format"),
    # another number without a unit word: a constant written as the format (14 shown as 15.5), commas dividing by 1,000
    pytest.param(lambda p: formatted_score(p, 4, '"3.5"'),
                 ":Scores!D2: expected a number from 0 to 5, found the number 4 stored in the cell, but shown as '3.5' "
                 "through the number format '\"3.5\"', which shows that text in place of the number: the sheet shows "
                 "'3.5', not the 4 stored (enter the value itself, with the cell's format General)",
                 ":Scores!D2：应为 0 到 5 之间的数字，实际为 单元格中存储的数字 4，但数字格式 “\"3.5\"” 不显示数字，只显示文字“3.5”："
                 "表中显示的“3.5”并非存储的 4（请直接填写该值，单元格格式设为“常规”）", id="score-shown-as-a-constant"),
    pytest.param(lambda p: formatted_score(p, 4500, "0,"),
                 ":Scores!D2: expected a number from 0 to 5, found the number 4500 stored in the cell, but shown as 5 "
                 "through the number format '0,', whose comma after the last digit divides it by 1,000: the sheet shows "
                 "a number other than the 4500 stored (enter a plain number, with the cell's format General)",
                 ":Scores!D2：应为 0 到 5 之间的数字，实际为 单元格中存储的数字 4500，但数字格式 “0,” 末位数字后的逗号使其除以 "
                 "1,000 后显示为 5：表中显示的数与存储的 4500 不同（请填写普通数字，单元格格式设为“常规”）",
                 id="score-shown-divided"),
    # fewer decimal places shown than the score has (verify22p): the judge sees 4.3 (or 4 through 0) and 4.25 was read
    pytest.param(lambda p: formatted_score(p, 4.25, "0.0"),
                 ":Scores!D2: expected a number from 0 to 5, found the number 4.25 stored in the cell, but shown as 4.3 "
                 "through the number format '0.0', which shows fewer decimal places than the number has: the sheet "
                 "shows a number other than the 4.25 stored (enter the score as the sheet is to show it, with the "
                 "cell's format General or one showing every decimal place)",
                 ":Scores!D2：应为 0 到 5 之间的数字，实际为 单元格中存储的数字 4.25，但数字格式 “0.0” 显示的小数位数少于该数，"
                 "显示为 4.3：表中显示的数与存储的 4.25 不同（请按表中应显示的得分填写，单元格格式设为“常规”或显示全部小数位的格式）",
                 id="score-shown-rounded"),
    pytest.param(lambda p: formatted_score(p, 4.5, "#,##0_ "),
                 ":Scores!D2: expected a number from 0 to 5, found the number 4.5 stored in the cell, but shown as 5 "
                 "through the number format '#,##0_ ', which shows fewer decimal places than the number has: the sheet "
                 "shows a number other than the 4.5 stored (enter the score as the sheet is to show it, with the "
                 "cell's format General or one showing every decimal place)",
                 ":Scores!D2：应为 0 到 5 之间的数字，实际为 单元格中存储的数字 4.5，但数字格式 “#,##0_ ” 显示的小数位数少于该数，"
                 "显示为 5：表中显示的数与存储的 4.5 不同（请按表中应显示的得分填写，单元格格式设为“常规”或显示全部小数位的格式）",
                 id="score-shown-whole"),
    # a whole number cell is quoted as the sheet shows it, here as on a bid (one rule: found 7, not 7.0)
    pytest.param(lambda p: openpyxl_scores(p, [["王评委", VENDOR_A, "service_design", 7.0]]),
                 ":Scores!D2: expected a score from 0 to 5 for 'service_design', found 7",
                 ":Scores!D2：应为“服务方案”的得分，0 到 5，实际为 7", id="whole-float"),
]


@pytest.mark.parametrize("make, en, zh", MESSAGES)
def test_the_command_line_tells_the_panel_secretary_the_truth(tmp_path: Path, capsys, make, en, zh):
    """Each a refusal the independent tester found explained wrongly: the line names what the cell holds, the
    range the judge may use and the tier, in the command line's English and with `--lang zh`."""
    panel = make(tmp_path / "panel.xlsx")
    assert panel_messages(tmp_path, capsys, panel, "en") == [en]
    assert panel_messages(tmp_path, capsys, panel, "zh") == [zh]


@pytest.mark.parametrize("number_format", ['0"%"', '0.0"分"', "0.0", "0", "0.00_ ", "000"])
def test_a_score_shown_with_a_percent_sign_or_a_word_is_read_as_the_score(rubric, bidset, tmp_path: Path,
                                                                         number_format):
    """A % sign written as text matters where a percentage is read (a bid's percent field); a score is no
    percentage, and 4 shown as 4% is the 4 the judge gave."""
    panel = read(rubric, bidset, formatted_score(tmp_path / "panel.xlsx", 4, number_format))
    assert [(s.judge, s.vendor_id, s.criterion, s.score) for s in panel.scores] == [
        ("王评委", VENDOR_A, "service_design", D(4))]


def empty(path: Path) -> Path:
    """A panel workbook of 0 bytes (a failed upload or save)."""
    path.write_bytes(b"")
    return path


def truncated(path: Path) -> Path:
    """A panel workbook whose end was lost (an interrupted copy): no zip directory."""
    whole = write_panel(path, full_panel(), TIERS).read_bytes()
    path.write_bytes(whole[: len(whole) // 2])
    return path


@pytest.mark.parametrize("make, en, zh", [
    (empty,
     ": the file is empty (0 bytes), expected an .xlsx workbook; ask the panel secretary to send it again",
     "：文件是空的（0 字节），应为 .xlsx 工作簿；请评标委员会秘书重新提供"),
    (truncated,
     ": damaged .xlsx: the end of the file is missing (no zip directory), so it was probably truncated by an "
     "incomplete download or copy; ask the panel secretary to send the file again",
     "：文件已损坏：文件末尾缺失（没有压缩包目录），可能是下载或复制未完成而被截断；请评标委员会秘书重新提供该文件"),
], ids=["empty", "truncated"])
def test_a_damaged_panel_workbook_is_sent_back_to_the_panel_secretary_not_a_bidder(tmp_path: Path, capsys, make,
                                                                                    en, zh):
    """The package check advised "ask the bidder to send it again" for every file; a panel workbook comes from the
    panel secretary. The problem carries file_role=panel and the advice follows it; a bid file's is unchanged."""
    panel = make(tmp_path / "panel.xlsx")
    assert panel_messages(tmp_path, capsys, panel, "en") == [en]
    assert panel_messages(tmp_path, capsys, panel, "zh") == [zh]
    bid = make(tmp_path / "bids" / "c.xlsx")  # the same damage in a bid file: the bidder is asked, as before
    with pytest.raises(BidsError) as caught:
        read_bids(load_rubric(EXAMPLE_RUBRIC), [bid])
    assert [str(p).removeprefix(str(bid)) for p in caught.value.problems] == [
        en.replace("the panel secretary", "the bidder")]


def test_a_judge_merged_over_their_rows_is_told_once_as_merged_cells(rubric, bidset, tmp_path: Path):
    """A judge's name merged down their rows shows on each row but is kept in the first alone: one problem naming the
    merged cells, not 'expected the judge's name, found an empty cell' on every other row."""
    book = openpyxl.Workbook()
    scores = book.active
    scores.title = "Scores"
    scores.append(["judge", "vendor_id", "criterion", "score", "comment"])
    for vendor in (VENDOR_A, VENDOR_B):
        scores.append(["王评委", vendor, "service_design", 4, ""])
    scores.merge_cells("A2:A3")
    scores.merge_cells("D2:D3")  # a score merged over two rows
    scores.merge_cells("E2:E3")  # a comment merged over two rows: kept, not scored, so not refused
    tiers = book.create_sheet("Tiers")
    for row in [["vendor_id", "criterion", "tier"], *TIERS]:
        tiers.append(row)
    tiers.merge_cells("D1:F1")  # outside the columns read
    path = tmp_path / "panel.xlsx"
    book.save(path)
    assert problems_of(rubric, bidset, path) == [
        f"{path}:Scores!{span}: cells {span} are merged: Excel keeps the value shown across them in {span[:2]} alone, "
        "and the other cells are empty; unmerge them and write the value in each cell" for span in ("A2:A3", "D2:D3")]


def test_a_title_above_a_panel_sheets_header_is_passed_over(rubric, bidset, tmp_path: Path):
    """A panel secretary's sheet often opens with a title (评分汇总表) and a date above the header: it was refused
    as a header missing its columns. Up to three rows of one filled cell each are passed over when a header
    follows; a row of several cells above the header is still told."""
    path = write_xlsx(tmp_path / "panel.xlsx", {
        "Scores": [["评分汇总表"], [None, "2026-11-30"], ["评委", "统一社会信用代码", "评分项", "得分"],
                   ["王评委", VENDOR_A, "服务方案", 4.5]],
        "Tiers": [["档次确认表"], ["统一社会信用代码", "评分项", "档次"], [VENDOR_A, "运营管理能力", "三档"]],
        "Judges": [["评委名单"], ["评委"], ["王评委"]]})
    panel = read(rubric, bidset, path)
    assert panel.judges == ("王评委",) and panel.tiers == {(VENDOR_A, "ops_plan"): "t3"}
    assert [(s.criterion, s.score) for s in panel.scores] == [("service_design", D("4.5"))]
    wide = write_xlsx(tmp_path / "wide.xlsx", {"Scores": [["评分汇总表", "第一轮"], ["judge", "vendor_id", "criterion", "score"],
                                                          ["王评委", VENDOR_A, "service_design", 4]]})
    assert problems_of(rubric, bidset, wide)[0].startswith(f"{wide}:Scores!A1: ")


def test_an_archive_not_opened_in_a_panel_folder_is_a_warning_as_in_a_bids_folder(rubric, bidset, tmp_path: Path):
    """A .rar of scanned signature pages beside the judges' workbooks: told, not a refusal of the whole panel (the
    bids folder's rule, hostile11 H11-8; read_panel had made it a problem of its own)."""
    folder = tmp_path / "panel"
    folder.mkdir()
    write_panel(folder / "panel.xlsx", full_panel(), TIERS, None)
    (folder / "签字页扫描件.rar").write_bytes(b"Rar!\x1a\x07\x00")
    panel = read(rubric, bidset, folder)
    assert len(panel.scores) == 8
    assert any("签字页扫描件.rar" in str(w) for w in panel.warnings)


def test_a_judge_name_longer_than_the_database_keeps_is_refused_at_its_cell(rubric, bidset, tmp_path):
    """verify21a: a judge's name of over 100 characters on a panel workbook was a PostgreSQL traceback when the app
    stored it (its column keeps 100); it is refused at its cell, on the Judges and the Scores sheet alike."""
    long = "王" * 101
    scores = full_panel(judges=(long, "李评委"))
    path = write_panel(tmp_path / "p.xlsx", scores, TIERS, judges=[long, "李评委"])
    said = problems_of(rubric, bidset, path)
    expected = "expected a judge's name of at most 100 characters (this one has 101)"
    assert said[0].startswith(f"{path}:Judges!A2: {expected}, found '王王王")
    assert said[1:] and all(line.startswith(f"{path}:Scores!A") and expected in line for line in said[1:])
    assert len(said) == 1 + sum(1 for row in scores if row[0] == long)


@pytest.mark.parametrize("score, number_format", [(4.25, "0.00"), (4.2, "0.0"), (4.25, "General"), (4.25, "@"),
                                                  (4.125, "0.000"), (4.25, "0.0##")])
def test_a_score_its_format_shows_whole_is_read(rubric, bidset, tmp_path: Path, score, number_format):
    """verify22p: only a format showing fewer places than the score has is refused (4.25 through 0.0 shows 4.3); one
    that shows every place, or a format bid-eval does not reproduce, reads the score as before."""
    panel = read(rubric, bidset, formatted_score(tmp_path / "panel.xlsx", score, number_format))
    assert [s.score for s in panel.scores] == [D(str(score))]


def test_a_score_saved_with_a_binary_fraction_s_digits_is_read_as_shown(rubric, bidset, tmp_path: Path):
    """A score worked out by a formula is saved as the nearest binary fraction, with 17 digits: =1.1+2.2 is saved
    3.3000000000000003, shown 3.3 through 0.0 (Excel shows 15 digits) and read 3.3. The check of a format showing
    fewer places than the score has compares what it shows with the score as it is read, not with the 17 digits
    (review of verify22p: it does, the saved digits read as the sheet shows them first)."""
    score = 1.1 + 2.2
    assert repr(score) == "3.3000000000000003"
    path = openpyxl_scores(tmp_path / "panel.xlsx", [["王评委", VENDOR_A, "service_design", score]])
    book = openpyxl.load_workbook(path)
    book["Scores"]["D2"].number_format = "0.0"
    book.save(path)
    with zipfile.ZipFile(path) as saved:  # its 17 digits, as Excel saves them (openpyxl writes 3.3)
        parts = {info: saved.read(info) for info in saved.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as saving:
        for info, data in parts.items():
            if info.filename == "xl/worksheets/sheet1.xml":
                assert data.count(b"<v>3.3</v>") == 1
                data = data.replace(b"<v>3.3</v>", b"<v>3.3000000000000003</v>")
            saving.writestr(info, data)
    panel = read(rubric, bidset, path)
    assert [s.score for s in panel.scores] == [D("3.3")]
