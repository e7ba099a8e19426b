"""Panel workbooks in shapes an independent tester found read wrongly: each is now refused at its place, never a
score lost, joined up or booked without a word."""
from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from bideval.errors import PanelError
from bideval.evaluation import check_bids
from bideval.panel import read_panel
from bideval.storage import Store
from conftest import (EXAMPLE_RUBRIC, VENDOR_A, VENDOR_B, admin_of, chair_tender, good_bid, make_bidset,
                      replace_panel, seat_judge, write_form, write_openpyxl, write_panel, write_ranked)

SCORES = ["judge", "vendor_id", "criterion", "score", "comment"]
BESIDE = "move its rows there, or delete this sheet if it is a draft or a copy of rows already there"


@pytest.fixture
def bids(rubric):
    return make_bidset(rubric, good_bid(VENDOR_A), good_bid(VENDOR_B, name="乙公司")).bids


def scores_of(*judges: str, points=12):
    return [[j, v, c, s, ""] for j in judges for v in (VENDOR_A, VENDOR_B)
            for c, s in (("ops_plan", points), ("service_design", 4))]


TIERS = [["vendor_id", "criterion", "tier"], [VENDOR_A, "ops_plan", "t3"], [VENDOR_B, "ops_plan", "t3"]]


def openpyxl_panel(path: Path, sheets: dict[str, list[list]], hidden: dict[str, list[int]] | None = None) -> Path:
    """A panel workbook written by openpyxl (formulas saved without results, as openpyxl does), rows hidden as given
    (numbers from 1)."""
    return write_openpyxl(path, sheets, hidden)


def problems(rubric, bids, path) -> list[str]:
    invalid = [v for v, c in check_bids(rubric, bids).items() if not c.valid]
    with pytest.raises(PanelError) as caught:
        read_panel(rubric, bids, invalid, [path])
    return [str(p).removeprefix(f"{path}:") for p in caught.value.problems]


@pytest.mark.parametrize("cell, shown", [('="C"', "saved without its result"), ("=NA()", "saved without its result")])
def test_a_judges_cell_that_names_nobody_is_refused_not_dropped_from_the_panel(rubric, bids, tmp_path, cell, shown):
    """A Judges cell holding a formula with no saved result made judge C vanish: the result said final though C
    had scored nothing."""
    path = openpyxl_panel(tmp_path / "p.xlsx", {"Scores": [SCORES, *scores_of("A", "B")], "Tiers": TIERS,
                                                 "Judges": [["judge"], ["A"], ["B"], [cell]]})
    (problem,) = problems(rubric, bids, path)
    assert problem.startswith("Judges!A4: expected the judge's name, found the formula") and shown in problem


@pytest.mark.parametrize("name", ["评分", "Score", "Sheet1", "Scores (2)"])
def test_scores_in_a_sheet_not_read_are_refused_not_ignored(rubric, bids, tmp_path, name):
    """Beside a Tiers sheet, a scores sheet not called Scores was passed over: every panel score 0, no word."""
    path = write_panel(tmp_path / "p.xlsx", tiers=[row for row in TIERS[1:]])
    sheets = {"Tiers": TIERS, name: [SCORES, *scores_of("A", "B")]}
    if name == "Scores (2)":
        sheets["Scores"] = [SCORES, *scores_of("A", "B")[:1]]
    path = openpyxl_panel(tmp_path / "p.xlsx", sheets)
    found = problems(rubric, bids, path)
    advice = BESIDE if name == "Scores (2)" else "rename it 'Scores', or move its rows there"  # (no renaming beside it)
    assert found == [f"{name}: this sheet holds scores (its header names the judge, vendor_id, criterion and score "
                     f"columns), but only the sheet 'Scores' is read: {advice}"]


def test_the_ranked_workbook_given_as_the_panel_is_told_for_the_result_it_is(rubric, bids, tmp_path):
    """Found by a tester: bid-eval's own ranked workbook given as the panel was told to rename its Panel sheet to
    Scores, which would feed an earlier evaluation's scores back in as the panel's."""
    assert problems(rubric, bids, write_ranked(tmp_path, "zh")) == [
        " this is a result of bid-eval (a ranked workbook, sheets 'Ranking', 'Scores', 'Panel', 'Price', 'Invalid', "
        "'Rubric', 'Audit'), not a panel workbook: its scores are an earlier evaluation's; give the panel workbook the "
        "judges' scores are in"]


def test_a_sheet_of_notes_beside_the_panel_sheets_is_fine(rubric, bids, tmp_path):
    path = openpyxl_panel(tmp_path / "p.xlsx", {"Scores": [SCORES, *scores_of("A", "B")], "Tiers": TIERS,
                                                 "说明": [["请在 Scores 表打分"], ["judge 为评委姓名"]]})
    invalid = [v for v, c in check_bids(rubric, bids).items() if not c.valid]
    assert len(read_panel(rubric, bids, invalid, [path]).scores) == 8


def test_a_hidden_score_row_is_refused_an_empty_hidden_row_is_blank(rubric, bids, tmp_path):
    """A hidden row of judge C scoring 15 moved a bid's mean, though nobody looking at the sheet saw it."""
    rows = [SCORES, *scores_of("A", "B"), ["C", VENDOR_A, "ops_plan", 15, ""], [], ["A", VENDOR_A, "ops_plan", None]]
    path = openpyxl_panel(tmp_path / "p.xlsx", {"Scores": rows[:-1], "Tiers": TIERS},
                          hidden={"Scores": [10, 11]})
    assert problems(rubric, bids, path) == [
        "Scores!A10: row 10 is hidden (by hand or by a filter) and is not empty: show the row (or clear the filter) "
        "and save the workbook to have it read, or delete the row"]


STRUCK = "Delete the row if the {0} was withdrawn, or remove the strikethrough if it stands, and save the workbook"


@pytest.mark.parametrize("sheet, cells, expected", [
    ("Scores", ["D10"], f"Scores!D10: row 10 has cells struck through (D10): a withdrawn score? {STRUCK.format('score')}"),
    ("Tiers", ["A2", "B2", "C2"], f"Tiers!A2: row 2 is struck through (A2:C2): a withdrawn tier? {STRUCK.format('tier')}"),
    ("Scores", ["D1"], "Scores!D1: the header 'score' is struck through: is its column given up? Remove the "
                       "strikethrough and save the workbook to have the column read, or delete the column if it is not "
                       "to be read"),
])
def test_a_score_or_tier_struck_through_is_refused_at_its_row(rubric, bids, tmp_path, sheet, cells, expected):
    """Judge C's score struck through (withdrawn) was read, and moved a bid's mean; a struck header is refused too."""
    from openpyxl.styles import Font

    path = openpyxl_panel(tmp_path / "p.xlsx", {"Scores": [SCORES, *scores_of("A", "B"), ["C", VENDOR_A, "ops_plan", 15]],
                                                 "Tiers": TIERS})
    book = openpyxl.load_workbook(path)
    for cell in cells:
        book[sheet][cell].font = Font(strike=True)
    book.save(path)
    assert problems(rubric, bids, path) == [expected]


def test_a_score_a_conditional_format_may_strike_through_is_refused_at_its_cell(rubric, bids, tmp_path):
    """A rule striking through a score may mark it withdrawn: whether it holds is not worked out, so each score in
    its range is refused at its cell; a comment in it is read (a free text struck withdraws nothing)."""
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import Font

    path = openpyxl_panel(tmp_path / "p.xlsx", {"Scores": [SCORES, *scores_of("A", "B")], "Tiers": TIERS})
    book = openpyxl.load_workbook(path)
    book["Scores"].conditional_formatting.add("D8:E9", CellIsRule(operator="greaterThan", formula=["10"],
                                                                   font=Font(strike=True)))
    book["Scores"]["E8"] = "复核"
    book.save(path)
    assert problems(rubric, bids, path) == [
        f"Scores!D{row}: a conditional format (D8:E9) can draw this cell struck through, so whether it was "
        "withdrawn cannot be told: remove the strikethrough from the rule (Home > Conditional Formatting > Manage "
        "Rules) and save the workbook" for row in (8, 9)]


def test_a_struck_tier_row_holds_back_only_its_own_bid_s_missing_tier(rubric, bids, tmp_path):
    """A's Tiers row struck through had silenced every 'no tier agreed' message: B's, with no Tiers row at all, came
    only after the sheet was sent again. A comment struck through, ordinary editing of a free text, is read."""
    from openpyxl.styles import Font

    scores = [SCORES, *scores_of("A", "B")]
    scores[1][4] = "初稿有误"
    path = openpyxl_panel(tmp_path / "p.xlsx", {"Scores": scores, "Tiers": TIERS[:2]})
    book = openpyxl.load_workbook(path)
    for cell in ("A2", "B2", "C2", "E2"):
        book["Tiers" if cell != "E2" else "Scores"][cell].font = Font(strike=True)
    book.save(path)
    found = problems(rubric, bids, path)
    assert found[0].startswith("Tiers!A2: row 2 is struck through")
    assert found[1:] and all(VENDOR_B in line and VENDOR_A not in line for line in found[1:])


def test_a_tier_cell_that_shows_no_tier_is_refused_there(rubric, bids, tmp_path):
    """A Tiers cell with an uncalculated formula read as 'no tier agreed', and the message blamed the scores."""
    tiers = [TIERS[0], [VENDOR_A, "ops_plan", '="t3"'], TIERS[2]]
    path = openpyxl_panel(tmp_path / "p.xlsx", {"Scores": [SCORES, *scores_of("A")], "Tiers": tiers})
    found = problems(rubric, bids, path)
    assert found[0].startswith("Tiers!C2: expected a tier of 'ops_plan'") and "saved without its result" in found[0]


@pytest.mark.parametrize("typed", ["1 3", "1 2.5", "1 2"])
def test_a_score_with_a_space_inside_is_refused_not_joined_up(rubric, bids, tmp_path, typed):
    """'1 3' was read as 13: rules say thousands are separated by commas only, and a space splits two numbers."""
    rows = [SCORES, *scores_of("A", "B")]
    rows[1][3] = typed
    path = write_panel(tmp_path / "p.xlsx", scores=rows[1:], tiers=TIERS[1:])
    (problem,) = problems(rubric, bids, path)
    assert problem.startswith("Scores!D2: expected a number from 10.1 to 15") and f"found '{typed}'" in problem


def test_replacing_the_panel_refuses_a_score_its_judge_is_recused_from(tmp_path):
    """A seat kept by name keeps its declarations: a workbook scoring a bidder its judge is recused from was taken
    in silence (the score stored, left out of the mean)."""
    store = Store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    tender = chair_tender(store, "T")
    forms = [write_form(tmp_path / f"{v}.xlsx", good_bid(v, name=v)) for v in (VENDOR_A, VENDOR_B)]
    assert store.import_bids(admin_of(store), tender, [(f.name, f.read_bytes()) for f in forms]).ok
    seat_judge(store, tender, "王", conflicts=[VENDOR_A])
    seat_judge(store, tender, "李")
    path = write_panel(tmp_path / "panel.xlsx", scores=scores_of("王", "李"), tiers=TIERS[1:], judges=["王", "李"])
    with pytest.raises(PanelError) as caught:
        replace_panel(store, tender, path)
    assert [str(p) for p in caught.value.problems] == [
        f"panel.xlsx:Scores!D{row}: 王 declared a conflict of interest with {VENDOR_A} and does not score it (回避): "
        "remove this score, or the judge's declaration first if it was wrong" for row in (2, 3)]
    assert store.panel_scores(admin_of(store), tender) == [] if hasattr(store, "panel_scores") else True
    fixed = write_panel(tmp_path / "fixed.xlsx", scores=[r for r in scores_of("王", "李") if r[:2] != ["王", VENDOR_A]],
                        tiers=TIERS[1:], judges=["王", "李"])
    assert replace_panel(store, tender, fixed) == ()


def test_a_warning_is_in_the_language_of_the_command_and_of_the_workbook(tmp_path, capsys):
    """A score for an invalid bid is a warning: it was in English under --lang zh, and in the ranked workbook."""
    from bideval.cli import main

    folder = tmp_path / "bids"
    folder.mkdir()
    write_form(folder / "a.xlsx", good_bid(VENDOR_A))
    write_form(folder / "b.xlsx", good_bid(VENDOR_B, name="乙公司", business_license="否"))  # fails a gate
    panel = write_panel(tmp_path / "p.xlsx", scores=scores_of("A"), tiers=TIERS[1:])
    out = tmp_path / "r.xlsx"
    assert main(["evaluate", "--criteria", str(EXAMPLE_RUBRIC), "--bids", str(folder), "--panel", str(panel),
                 "--out", str(out), "--lang", "zh"]) == 0
    warned = [line for line in capsys.readouterr().err.splitlines() if line.startswith(("警告", "warning:"))]
    assert warned and all(line.startswith("警告：") and "为无效投标" in line for line in warned)
    texts = [c.value for sheet in openpyxl.load_workbook(out).worksheets for row in sheet.iter_rows() for c in row
             if isinstance(c.value, str)]
    assert any("为无效投标，其评分已忽略" in t for t in texts)
    assert not any("invalid bids are not scored" in t for t in texts)


def test_a_scored_bid_cannot_be_replaced_a_removed_one_takes_its_scores_away(tmp_path):
    """Found by a tester in the app: a bid replaced in the scoring stage with a lower price kept the judges' 60
    scores of the bid they had opened, and rose to first without a word. Removal (audited, with a reason) takes
    the scores, tiers and consensus with it; then the new file imports."""
    from decimal import Decimal

    store = Store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    admin = admin_of(store)
    tender = chair_tender(store, "T")
    forms = [write_form(tmp_path / f"{v}.xlsx", good_bid(v, name=v)) for v in (VENDOR_A, VENDOR_B)]
    assert store.import_bids(admin, tender, [(f.name, f.read_bytes()) for f in forms]).ok
    cheaper = write_form(tmp_path / "cheaper.xlsx", good_bid(VENDOR_A, name=VENDOR_A, rate_per_call=0.5))
    content = [(cheaper.name, cheaper.read_bytes())]
    assert store.import_bids(admin, tender, content, replace=True).ok  # nothing scored yet: a correction
    store.set_tier(admin, tender, VENDOR_A, "ops_plan", "t3")
    judge = seat_judge(store, tender, "王评委")
    store.open_scoring(admin, tender)
    store.set_score(judge, tender, VENDOR_A, "ops_plan", Decimal("12.5"), "")
    report = store.import_bids(admin, tender, content, replace=True)
    (problem,) = report.refused[cheaper.name]
    assert problem.code == "bids.scored_replace" and problem.data == {"vendor_id": VENDOR_A, "scores": 2}
    assert str(problem).startswith(f"cheaper.xlsx: the bid of {VENDOR_A} cannot be replaced: the panel has already "
                                   "recorded 2 scores or tiers")
    assert [s.score for s in store.scores(admin, tender)] == ["12.5"]  # as typed
    store.remove_bid(admin, tender, VENDOR_A, "the bidder's corrected file, accepted by the committee")
    assert store.import_bids(admin, tender, content).ok
    assert store.scores(admin, tender) == [] and store.tiers(admin, tender) == {}


def test_the_panel_progress_owes_no_score_to_a_bid_its_judge_is_recused_from(rubric):
    """The results page said 'Scores complete' beside 'Panel scores 46 / 48': a recused judge's bid was counted
    as due. It counts only what is due, and a score a recused judge gave anyway counts for nothing."""
    from decimal import Decimal

    from bideval.analysis import panel_progress
    from bideval.evaluation import evaluate
    from bideval.panel import PanelInput, Score

    bidset = make_bidset(rubric, good_bid(VENDOR_A), good_bid(VENDOR_B, name="乙公司"))
    tiers = {(VENDOR_A, "ops_plan"): "t3", (VENDOR_B, "ops_plan"): "t3"}
    scores = [Score(j, v, c, Decimal(x)) for j in ("王", "李") for v in (VENDOR_A, VENDOR_B)
              for c, x in (("ops_plan", 12), ("service_design", 4)) if (j, v) != ("李", VENDOR_A)]
    result = evaluate(rubric, bidset, PanelInput(("王", "李"), tuple(scores), tiers, recused=frozenset({("李", VENDOR_A)})))
    assert result.status == "final" and result.recused == (("李", VENDOR_A),)
    assert panel_progress(result) == (6, 6)
    extra = Score("李", VENDOR_A, "ops_plan", Decimal(11))
    again = evaluate(rubric, bidset, PanelInput(("王", "李"), (*scores, extra), tiers,
                                                 recused=frozenset({("李", VENDOR_A)})))
    assert panel_progress(again) == (6, 6)


LONG = 911100008021004330  # an 18-digit credit code typed without its apostrophe: a number, shown as 9.111E+17
TEXT_AS_TYPED = "expected the text as typed: a number of more than 15 digits"


@pytest.mark.parametrize("sheet, row, column", [("Scores", 1, 0), ("Scores", 1, 1), ("Scores", 1, 2), ("Scores", 1, 4),
                                                ("Tiers", 1, 0), ("Tiers", 1, 2), ("Judges", 2, 0)])
def test_a_name_cell_holding_a_long_number_is_refused_at_its_cell(rubric, bids, tmp_path, sheet, row, column):
    """Such a number in a judge's, bid's, criterion's, tier's or comment's cell ended the command with a traceback
    (and the app's Tiers page with an uncaught error): it is told at its cell, as a bid's is. A refused tier is told
    there only, not again at each score it would bound."""
    sheets = {"Scores": [SCORES, *scores_of("A", "B")], "Tiers": [r[:] for r in TIERS],
              "Judges": [["judge"], ["A"], ["B"]]}
    sheets[sheet][row][column] = LONG
    path = openpyxl_panel(tmp_path / "p.xlsx", sheets)
    found = problems(rubric, bids, path)
    cell = f"{sheet}!{'ABCDE'[column]}{row + 1}"
    assert found[0].startswith(f"{cell}: {TEXT_AS_TYPED}"), found
    if (sheet, column) != ("Tiers", 0):  # a bid not known is not known at its scores either
        assert len(found) == 1 + 4 * (sheet == "Judges"), found  # (a refused member: B's 4 rows name no member)


def test_the_app_refuses_a_panel_with_a_long_number_for_a_bid(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    tender = chair_tender(store, "T")
    forms = [write_form(tmp_path / f"{v}.xlsx", good_bid(v, name=v)) for v in (VENDOR_A, VENDOR_B)]
    assert store.import_bids(admin_of(store), tender, [(f.name, f.read_bytes()) for f in forms]).ok
    rows = [SCORES, *scores_of("A", "B")]
    rows[1][1] = LONG
    path = openpyxl_panel(tmp_path / "p.xlsx", {"Scores": rows, "Tiers": TIERS})
    with pytest.raises(PanelError) as caught:
        replace_panel(store, tender, path)
    assert str(caught.value.problems[0]).startswith(f"p.xlsx:Scores!B2: {TEXT_AS_TYPED}")


def test_scores_below_a_title_on_a_sheet_not_read_are_refused(rubric, bids, tmp_path):
    """A second scores sheet under a one-cell title, as the Scores sheet itself may have, was passed over: judge C's
    scores lost, the result final."""
    path = openpyxl_panel(tmp_path / "p.xlsx", {"Scores": [SCORES, *scores_of("A", "B")], "Tiers": TIERS,
                                                 "Scores (2)": [["评委C打分表"], SCORES, *scores_of("C")]})
    assert problems(rubric, bids, path) == [
        "Scores (2): this sheet holds scores (its header names the judge, vendor_id, criterion and score columns), "
        f"but only the sheet 'Scores' is read: {BESIDE}"]


@pytest.mark.parametrize("name", ["评委名单", "Judges (2)"])
def test_members_on_a_sheet_not_read_are_refused(rubric, bids, tmp_path, name):
    """A member list on another sheet was passed over: a member who had scored nothing was not counted and the
    result said final."""
    path = openpyxl_panel(tmp_path / "p.xlsx", {"Scores": [SCORES, *scores_of("A", "B")], "Tiers": TIERS,
                                                 name: [["评委"], ["A"], ["B"], ["D"]]})
    assert problems(rubric, bids, path) == [
        f"{name}!A4: this sheet lists judges (its header names a judge column) and names D, who scored nothing on "
        "'Scores' (there is no sheet 'Judges'): only the sheet 'Judges' sets the panel's members, so they would not be "
        "counted: rename it 'Judges' if it is the list of members, or move its rows there; else correct or delete it"]


@pytest.mark.parametrize("name", ["定档", "Tiers (2)"])
def test_tiers_on_a_sheet_not_read_are_refused(rubric, bids, tmp_path, name):
    tiers = [["统一社会信用代码", "评分项", "档次"], [VENDOR_A, "ops_plan", "t2"], [VENDOR_B, "ops_plan", "t2"]]
    path = openpyxl_panel(tmp_path / "p.xlsx", {"Scores": [SCORES, *scores_of("A", "B")], "Tiers": TIERS,
                                                 name: tiers})
    assert problems(rubric, bids, path) == [
        f"{name}: this sheet holds agreed tiers (its header names the vendor_id, criterion and tier columns), but only "
        f"the sheet 'Tiers' is read: {BESIDE}"]


def test_a_table_head_with_nothing_below_on_another_sheet_is_fine(rubric, bids, tmp_path):
    """An empty copy of a panel sheet's header (a template's) holds nothing to lose."""
    path = openpyxl_panel(tmp_path / "p.xlsx", {"Scores": [SCORES, *scores_of("A", "B")], "Tiers": TIERS,
                                                 "空白": [["评委"]], "空白2": [SCORES]})
    invalid = [v for v, c in check_bids(rubric, bids).items() if not c.valid]
    assert len(read_panel(rubric, bids, invalid, [path]).scores) == 8


# --------------------------------------------------------------------------- tables of scores not read (hostile10)

def read_ok(rubric, bids, path):
    invalid = [v for v, c in check_bids(rubric, bids).items() if not c.valid]
    return read_panel(rubric, bids, invalid, [path])


NO_JUDGE = "no judge column: no heading is one bid-eval reads as the judge's"
LAYOUT = ("only the sheet 'Scores' is read, one row per judge, bid and criterion, headed judge, vendor_id, criterion, "
          "score and comment: move its scores there in that layout, each row with its judge's name, or delete this "
          "sheet if they are there already (a summary)")
NAME_A = "北京示例客服有限公司"  # VENDOR_A's name in its bid
C_ROWS = [[VENDOR_A, "甲公司", "ops_plan", 12, "好"], [VENDOR_B, "乙公司", "service_design", 4, ""]]


@pytest.mark.parametrize("sheet, rows, reasons", [
    # a judge's tab: no judge column, the sheet's name says who
    ("李评委", [["统一社会信用代码", "投标人名称", "评分项", "得分", "备注"], *C_ROWS], [NO_JUDGE]),
    # the usual 评分表: one row per bid, one column per criterion, with or without a judge column
    ("李评委", [["统一社会信用代码", "投标人名称", "运营管理能力", "服务方案", "合计"], [VENDOR_A, "甲公司", 12, 4, 16]],
     ["one column per criterion (ops_plan, service_design)", NO_JUDGE]),
    ("李评委", [["评委", "统一社会信用代码", "ops_plan / 运营", "service_design"], ["李", VENDOR_A, 12, 4]],
     ["one column per criterion (ops_plan, service_design)"]),
    # bidders by name, no vendor_id (hostile10 H10-2 a: it was told to be renamed 'Judges')
    ("Scores (2)", [["评委", "投标人名称", "评分项", "得分"], ["李", "甲公司", "ops_plan", 12]],
     ["bidders named without their vendor_id (统一社会信用代码)"]),
    # under a title in two cells
    ("李评委", [["客服业务外包项目评分表", None, None, None, "评委：李评委"], [], ["统一社会信用代码", "评分项", "得分"],
               [VENDOR_A, "ops_plan", 12]], [NO_JUDGE]),
    # hostile11 H11-1: the 专家打分表, criteria down and bidders across by name or by code; bidders down by name,
    # criteria across shortened (运营管理) or lengthened (服务方案评分)
    ("李评委", [["评分项", "分值", NAME_A, "乙公司"], ["运营管理能力", 30, 12, 10], ["服务方案", 30, 4, 4],
               ["合计", 60, 16, 14]], [f"one column per bidder ({NAME_A}, 乙公司), criteria down the rows", NO_JUDGE]),
    ("李评委", [["评分项", VENDOR_A, VENDOR_B], ["运营管理能力", 12, 10]],
     [f"one column per bidder ({VENDOR_A}, {VENDOR_B}), criteria down the rows", NO_JUDGE]),
    ("李评委", [["序号", "投标人", "运营管理", "服务方案评分", "合计"], [1, NAME_A, 12, 4, None], [2, "乙公司", 10, 4, None]],
     ["one column per criterion (ops_plan, service_design)", "bidders named without their vendor_id (统一社会信用代码)",
      NO_JUDGE]),
    # bidders down under headings read nowhere (技术分), by code under no heading
    ("李评委", [["单位", "技术分"], [NAME_A, 16], ["乙公司", 14]],
     ["no criterion column", "bidders named without their vendor_id (统一社会信用代码)", NO_JUDGE]),
    ("李评委", [[VENDOR_A, 16], [VENDOR_B, 14]], ["no criterion column", NO_JUDGE]),
])
def test_scores_in_a_layout_not_read_are_refused_not_passed_over(rubric, bids, tmp_path, sheet, rows, reasons):
    """hostile10 H10-1: a judge's scores on a sheet of their own without a judge column, or one column per criterion,
    were neither read nor refused: 4 of 5 judges dropped and the result final."""
    path = openpyxl_panel(tmp_path / "p.xlsx", {"Scores": [SCORES, *scores_of("A", "B")], "Tiers": TIERS, sheet: rows})
    (found,) = problems(rubric, bids, path)
    start = f"{sheet}: this sheet holds scores in a layout bid-eval does not read ("
    assert found.startswith(start) and found.endswith(LAYOUT), found
    said = found[len(start):].split("): only the sheet")[0]
    assert [part.split(" (judge, ")[0] for part in said.split("; ")] == reasons


@pytest.mark.parametrize("sheet, rows", [
    ("汇总", [["投标人", "王评委", "李评委"], [NAME_A, None, None], ["乙公司", "", ""]]),  # no number beside bidders
    ("汇总", [["项目", NAME_A, "乙公司"], ["合计", 16, 14], ["平均分", 16, 14], ["排名", 1, 2]]),  # totals across
    ("汇总", [["序号", "投标人", "总分", "排名"], [1, NAME_A, 16, 1], [2, "乙公司", 14, 2]]),  # totals down
    ("汇总", [["投标人", "运营管理能力（平均）", "合计"], [NAME_A, 16, 16], ["乙公司", 14, 14]]),  # each criterion's mean
    ("评标汇总表", [["投标人", "评标价", "综合得分", "排名"], [NAME_A, 1200000, 86.5, 1], ["乙公司", 1300000, 80, 2]]),
    ("汇总", [["投标人", "总得分"], [NAME_A, 16], ["乙公司", 14]]),  # the total, as 总分 is
    ("开标记录", [["投标人", "投标报价（元）"], [NAME_A, 1200000], ["乙公司", 1300000]]),  # prices, read from the bids
    ("评分标准", [["评分项", "分值", "评分标准"], ["运营管理能力", 30, "优 24-30"], ["服务方案", 30, "优 24-30"]]),
    ("签到表", [["序号", "姓名", "单位", "签字"], [1, "王", "某大学", None], [2, "李", "某院", None]]),
])
def test_a_sheet_beside_the_panel_that_holds_no_scores_is_left_alone(rubric, bids, tmp_path, sheet, rows):
    """hostile11 H11-1: a summary of totals, averages or ranks per bidder, a record of prices, the criteria's text
    and a sign-in sheet hold no judge's scores: read past."""
    path = openpyxl_panel(tmp_path / "p.xlsx", {"Scores": [SCORES, *scores_of("A", "B")], "Tiers": TIERS, sheet: rows})
    assert len(read_ok(rubric, bids, path).scores) == 8


@pytest.mark.parametrize("titles", [
    [["客服业务外包项目评分表"], ["评委：陈评委"], ["2026-11-30"], ["第2页"]],  # four titles, one more than read on Scores
    [["客服业务外包项目评分表", None, None, "评委：陈评委"]],  # a title in two cells
])
def test_a_scores_table_under_titles_of_any_shape_on_another_sheet_is_refused(rubric, bids, tmp_path, titles):
    path = openpyxl_panel(tmp_path / "p.xlsx", {"Scores": [SCORES, *scores_of("A", "B")], "Tiers": TIERS,
                                                 "Scores (2)": [*titles, SCORES, *scores_of("C")]})
    assert problems(rubric, bids, path) == [
        "Scores (2): this sheet holds scores (its header names the judge, vendor_id, criterion and score columns), "
        f"but only the sheet 'Scores' is read: {BESIDE}"]


@pytest.mark.parametrize("heading", ["专家", "评分人", "评审人", "专家姓名", "expert", "评审人 / expert"])
def test_a_judge_column_headed_as_panels_head_it_is_read(rubric, bids, tmp_path, heading):
    """hostile10 H10-1: a judge column headed 专家 (or 评分人, expert…) on a sheet beside Scores was passed over, and
    that judge dropped; on Scores itself the sheet was refused. Now it is a judge column on both."""
    header = [heading, *SCORES[1:]]
    path = openpyxl_panel(tmp_path / "p.xlsx", {"Scores": [header, *scores_of("A", "B")], "Tiers": TIERS})
    assert read_ok(rubric, bids, path).judges == ("A", "B")
    path = openpyxl_panel(tmp_path / "q.xlsx", {"Scores": [SCORES, *scores_of("A", "B")], "Tiers": TIERS,
                                                 "陈评委": [header, *scores_of("C")]})
    assert problems(rubric, bids, path)[0].startswith("陈评委: this sheet holds scores (its header names the judge")


@pytest.mark.parametrize("heading", ["评分理由", "评审意见", "扣分理由", "打分依据", "理由", "说明", "comments", "remarks",
                                     "备注（评分理由）", "评分说明", "打分理由", "专家意见"])
def test_a_comment_column_headed_as_panels_head_it_is_kept(rubric, bids, tmp_path, heading):
    """hostile10 H10-3: the judges' reasons under 评分理由 or remarks never reached the record, without a word; nor
    (hostile11 H11-13) under a comment word with a note in brackets, or a heading holding 理由, 说明 or 意见."""
    rows = scores_of("A", "B")
    rows[0][4] = "运营管理体系完整"
    path = openpyxl_panel(tmp_path / "p.xlsx", {"Scores": [[*SCORES[:4], heading], *rows], "Tiers": TIERS})
    panel = read_ok(rubric, bids, path)
    assert [s.comment for s in panel.scores if s.comment] == ["运营管理体系完整"] and panel.warnings == ()


@pytest.mark.parametrize("first, second", [("评分理由", "备注"), ("备注", "评分说明"), ("comment", "专家意见")])
def test_a_reasons_column_beside_a_remarks_column_keeps_both(rubric, bids, tmp_path, first, second):
    """hostile12: 评分理由 beside 备注, each a comment column, was refused as the column 'comment' twice; both are
    kept, the first's text before the second's."""
    rows = [[*row[:4], "方案完整", "现场答辩"] for row in scores_of("A", "B")]
    path = openpyxl_panel(tmp_path / "p.xlsx", {"Scores": [[*SCORES[:4], first, second], *rows], "Tiers": TIERS})
    panel = read_ok(rubric, bids, path)
    assert {s.comment for s in panel.scores} == {"方案完整\n现场答辩"} and panel.warnings == ()


@pytest.mark.parametrize("heading", ["最终得分", "调整后得分", "复核得分", "合议得分", "final score", "Revised Scores",
                                     "复核评分", "调整后评分", "Score after review", "Final mark", "Revised points"])
def test_a_second_column_of_scores_is_refused_naming_both(rubric, bids, tmp_path, heading):
    """hostile11 H11-13: the scores corrected after a review, in a column beside 得分, were only warned of as a column
    not read, and the first scores counted."""
    rows = [[*row, 12] for row in scores_of("A", "B")]
    path = openpyxl_panel(tmp_path / "p.xlsx", {"Scores": [[*SCORES[:3], "得分", "备注", heading], *rows],
                                                 "Tiers": TIERS})
    assert problems(rubric, bids, path) == [
        f"Scores!F1: two columns of scores (D 得分, F {heading}): only one is read, and which of them stands cannot be "
        "told: keep the one that stands, and delete the other or move it to another sheet"]


@pytest.mark.parametrize("heading, cell", [("满分分数", 12), ("Max score", 12), ("最高得分", 12), ("分数上限", 12),
                                           ("评分依据", "方案完整"), ("Score notes", "good")])
def test_a_column_of_full_marks_or_of_words_beside_the_scores_is_no_second_score_column(rubric, bids, tmp_path,
                                                                                         heading, cell):
    """hostile12: a column of each criterion's full mark (满分分数, max score) beside the scores was refused as a second
    column of scores, and so was any column whose heading holds 评分 or score over words: told as not read."""
    rows = [[*row, cell] for row in scores_of("A", "B")]
    path = openpyxl_panel(tmp_path / "p.xlsx", {"Scores": [[*SCORES[:3], "得分", "备注", heading], *rows],
                                                 "Tiers": TIERS})
    panel = read_ok(rubric, bids, path)
    assert len(panel.scores) == 8 and any(heading in str(w) for w in panel.warnings)


def test_a_header_that_only_contains_score_in_a_longer_word_is_no_second_score_column(rubric, bids, tmp_path):
    """'Scorer' (who scored) or 'scoreboard' is not a column of scores: told as a column not read, not refused."""
    rows = [[*row, "x"] for row in scores_of("A", "B")]
    path = openpyxl_panel(tmp_path / "p.xlsx", {"Scores": [[*SCORES[:3], "得分", "备注", "Scorer"], *rows],
                                                 "Tiers": TIERS})
    panel = read_ok(rubric, bids, path)
    assert len(panel.scores) == 8 and any("Scorer" in str(w) for w in panel.warnings)


def test_a_filled_column_not_read_on_a_panel_sheet_is_warned_of(rubric, bids, tmp_path):
    """A column whose header is not read (or that has none) is passed over, but not in silence: a warning names it
    and how many cells it fills. The columns a score sheet writes for the eye (tier, min, max, names) and a row
    number pass without a word, and so does anything beside a member's name on Judges."""
    header = ["序号", *SCORES[:2], "投标人 / vendor", *SCORES[2:4], "档次 / tier", "最低 / min", "最高 / max", "签名"]
    rows = [[n, *row[:4], "t3", 10.1, 15, "好" if n < 3 else None, "x" if n == 1 else None]
            for n, row in enumerate(scores_of("A", "B"), 1)]
    for row in rows:
        row[3:3] = [row[2]]  # (a bidder's code names it, as its name would)
    tiers = [[*TIERS[0], "备注"], [*TIERS[1], "一致同意"], TIERS[2]]
    path = openpyxl_panel(tmp_path / "p.xlsx", {"Scores": [header, *rows], "Tiers": tiers,
                                                 "Judges": [["评委", "工作单位"], ["A", "某大学"], ["B", "某院"]]})
    panel = read_ok(rubric, bids, path)
    assert len(panel.scores) == 8
    assert [str(w).removeprefix(f"{path}:") for w in panel.warnings] == [
        "Tiers!D1: the column '备注' is not one bid-eval reads on this sheet (vendor_id, criterion, tier), so its 1 "
        "filled cell is not read or kept: head it as a column read if it should be, or leave it if it is only for the "
        "eye",
        "Scores!J1: the column '签名' is not one bid-eval reads on this sheet (judge, vendor_id, criterion, score, "
        "comment), so its 2 filled cells are not read or kept: head it as a column read (comments: head it 备注 or "
        "comment) if it should be, or leave it if it is only for the eye",
        "Scores!K1: column K has no header, so its 1 filled cell is not read or kept: head it as a column read "
        "(comments: head it 备注 or comment) if it should be, or leave it if it is only for the eye"]


@pytest.mark.parametrize("judges, listed, refused", [
    (True, ["A", "B"], None),  # a signature page naming members only adds nobody (hostile10 H10-2 c)
    (True, ["A"], None),  # (some of them: the others sign elsewhere)
    (False, ["A", "B"], None),  # without Judges, the members are those who scored
    (True, ["A", "B", "D"], "A5"),
    (False, ["B", "D"], "A4"),
    (True, ["A（组长）", "B (member)"], None),  # hostile12: a member's role in brackets after the name
    (False, ["B", "D（组长）"], "A4"),
])
def test_a_sheet_naming_judges_is_refused_only_for_a_judge_not_on_the_panel(rubric, bids, tmp_path, judges, listed,
                                                                            refused):
    sheets = {"Scores": [SCORES, *scores_of("A", "B")], "Tiers": TIERS,
              "签字页": [["评标委员会签字表"], ["评委", "签字", "日期"], *([name, None, None] for name in listed)]}
    if judges:
        sheets["Judges"] = [["judge"], ["A"], ["B"]]
    path = openpyxl_panel(tmp_path / "p.xlsx", sheets)
    if refused is None:
        assert read_ok(rubric, bids, path).judges == ("A", "B")
        return
    (found,) = problems(rubric, bids, path)
    assert found.startswith(f"签字页!{refused}: this sheet lists judges (its header names a judge column) and names D")


def test_a_summary_of_totals_per_judge_is_left_alone(rubric, bids, tmp_path):
    """hostile10 H10-2 d: a summary 评委 / 投标人 / 合计 of the members was refused as a member list."""
    path = openpyxl_panel(tmp_path / "p.xlsx", {"Scores": [SCORES, *scores_of("A", "B")], "Tiers": TIERS,
                                                 "汇总": [["评委", "投标人", "合计"], ["A", "甲公司", 16]]})
    assert len(read_ok(rubric, bids, path).scores) == 8


@pytest.mark.parametrize("sheet, rows, said", [
    ("Scores (草稿)", [SCORES, *scores_of("A")], "holds scores (its header names the judge, vendor_id, criterion and "
     "score columns), but only the sheet 'Scores' is read: if it is a draft or an earlier copy, delete it (moving its "
     "rows would put them in twice); if its rows are wanted, show it and move its rows to 'Scores'"),
    ("李评委", [["统一社会信用代码", "评分项", "得分"], [VENDOR_A, "ops_plan", 12]], "holds scores in a layout"),
    ("名单", [["评委"], ["A"], ["D"]], "lists judges (its header names a judge column) and names D, "),
])
def test_a_hidden_sheet_refused_says_it_is_hidden_and_how_to_see_it(rubric, bids, tmp_path, sheet, rows, said):
    """hostile10 H10-7 a: a hidden draft 'Scores (草稿)' was told to be renamed 'Scores' or its rows moved there
    (doubling every score); the officer saw no such tab."""
    path = openpyxl_panel(tmp_path / "p.xlsx", {"Scores": [SCORES, *scores_of("A", "B")], "Tiers": TIERS, sheet: rows})
    book = openpyxl.load_workbook(path)
    book[sheet].sheet_state = "hidden"
    book.save(path)
    (found,) = problems(rubric, bids, path)
    assert found.split(": ", 1)[1].startswith(
        f"this sheet is hidden in Excel (right-click a sheet tab → Unhide to see it) and {said}"), found


def test_the_app_refuses_a_panel_with_a_judges_tab_it_cannot_read(tmp_path):
    """hostile10 H10-1, the app's path: replacing the panel previewed one judge added and no warning, then final."""
    store = Store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    tender = chair_tender(store, "T")
    forms = [write_form(tmp_path / f"{v}.xlsx", good_bid(v, name=v)) for v in (VENDOR_A, VENDOR_B)]
    assert store.import_bids(admin_of(store), tender, [(f.name, f.read_bytes()) for f in forms]).ok
    path = openpyxl_panel(tmp_path / "p.xlsx", {"Scores": [SCORES, *scores_of("A")], "Tiers": TIERS,
                                                 "B": [SCORES[1:], *(row[1:] for row in scores_of("B"))]})
    with pytest.raises(PanelError) as caught:
        replace_panel(store, tender, path)
    assert str(caught.value.problems[0]).startswith("p.xlsx:B: this sheet holds scores in a layout bid-eval does not")


@pytest.mark.parametrize("a, b", [("北京示例客服", "乙"), ("1号", "2号"), ("北京示例客服有限公司", "乙公司")])
def test_a_judges_tab_naming_bidders_in_its_own_way_under_a_bidder_heading_is_refused(rubric, bids, tmp_path, a, b):
    """hostile12 H12-13: 评委C's tab (投标人 | 技术分 | 商务分) naming the bidders by a short name or a number was passed
    over, and the result read final without that judge."""
    path = openpyxl_panel(tmp_path / "p.xlsx", {"Scores": [SCORES, *scores_of("A", "B")], "Tiers": TIERS,
                                                 "评委C": [["投标人", "技术分", "商务分"], [a, 20, 8], [b, 15, 7]]})
    said = problems(rubric, bids, path)
    assert len(said) == 1 and said[0].startswith("评委C") and "layout" in said[0], said


@pytest.mark.parametrize("heading, values", [("联系电话", (13800138000, 13900139000)), ("报价", (950000, 990000)),
                                             ("序号", (1, 2))])
def test_a_sheet_of_bidders_beside_numbers_that_are_no_points_is_left_alone(rubric, bids, tmp_path, heading, values):
    """A list of the bidders with their phone numbers, prices or row numbers holds no judge's scores."""
    path = openpyxl_panel(tmp_path / "p.xlsx", {"Scores": [SCORES, *scores_of("A", "B")], "Tiers": TIERS,
                                                 "投标人名单": [["投标人", heading], ["甲", values[0]], ["乙", values[1]]]})
    assert len(read_ok(rubric, bids, path).scores) == 8


# --------------------------------------------------------------------------- the shipped samples' Judges list, reshaped

def _judges_reshaped(judges: list[str]) -> dict[str, list[list]]:
    """The Judges sheet of a shipped sample written as offices write it, every member the same: a title, an empty row,
    a numbering column (a numbered slot left empty), the chair's role (in brackets, and as a place before a colon),
    notes under the list (a count, who drew it up beside its label, a date cell and a date typed as text), a
    signature page, groups headed without a colon (技术组)."""
    first, *rest = judges
    return {
        "plain+role": [["judge"], [f"{first}（组长）"], *[[j] for j in rest]],
        "title+numbered+notes": [["某项目评标委员会名单"], [None], ["序号", "评委", "单位"], [None, None, None],
                                 *[[i, j, "某单位"] for i, j in enumerate(judges, 1)], [len(judges) + 1, None, None],
                                 [None, f"以上共{len(judges)}人", None], ["制表人：", "张三", None],
                                 ["日期：", "2026年3月1日", None]],
        "placed": [["评委"], [f"组长：{first}"], *[[f"成员：{j}"] for j in rest], ["评委签字："]],
        "english+chair": [["Judge"], [f"{first} (Chair)"], *[[j] for j in rest], ["Total: %d" % len(judges)]],
        "groups": [["评委"], ["技术组"], *[[j] for j in judges[:2]], ["商务组"], *[[j] for j in judges[2:]]],
    }


@pytest.mark.parametrize("tender", ["cs-outsourcing", "qcbs-consultancy"])
def test_a_sample_s_judges_list_written_as_offices_write_it_gives_the_same_result(tmp_path: Path, tender):
    """Oracle: reshaping the Judges list (docs/panel.md: roles, notes, labels of the form, titles) changes nobody on
    the panel and no score, so every bid's total, rank and flags, and the status, are the sample's as shipped; the
    chair's role is read as the role, and the Scores rows written with it (as a per-judge workbook may) count too."""
    from conftest import ROOT
    from bideval.evaluation import run

    rubric, bids = ROOT / "criteria" / f"{tender}.yaml", sorted((ROOT / "sample_bids" / tender).glob("*.xlsx"))
    sample = ROOT / "sample_bids" / f"{tender}-panel.xlsx"

    def outcome(*panels: Path):
        result = run(rubric, bids, panels, workers=1)
        return (result.status, [(s.vendor_id, s.rank, s.total, s.flags) for s in result.ranking],
                sorted(b.vendor_id for b in result.invalid), result.judges)

    expected = outcome(sample)
    book = openpyxl.load_workbook(sample)
    sheets = {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in book}
    judges = [r[0] for r in sheets["Judges"][1:] if r and r[0]]
    for shape, rows in _judges_reshaped(judges).items():
        path = write_openpyxl(tmp_path / f"{shape}.xlsx", {**sheets, "Judges": rows})
        assert outcome(path) == expected, shape
    # the chair's workbook (Tiers, Judges with the role) and one workbook per judge, the chair's rows with the role
    chair = write_openpyxl(tmp_path / "chair.xlsx", {"Tiers": sheets["Tiers"],
                                                     "Judges": _judges_reshaped(judges)["plain+role"]})
    own = [write_openpyxl(tmp_path / f"judge{k}.xlsx", {"Scores": [sheets["Scores"][0], *(
        [f"{j}（组长）" if k == 0 else j, *row[1:]] for row in sheets["Scores"][1:] if row[0] == j)]})
        for k, j in enumerate(judges)]
    assert outcome(chair, *own) == expected
