"""A judge's blank score sheet: rows, ranges, Excel validation, and the round trip back through read_panel."""
from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pytest

from bideval.cli import main
from bideval.errors import PanelError
from bideval.evaluation import check_bids, evaluate
from bideval.labels import Label, Named
from bideval.panel import read_panel
from bideval.result import FINAL, INCOMPLETE, PROVISIONAL
from bideval.rubric import parse_rubric
from bideval.scoresheet import write_score_sheet
from conftest import EXAMPLE_RUBRIC, VENDOR_A, VENDOR_B, good_bid, make_bidset, write_form, write_panel

VENDOR_C = "91310000MA1FL0000X"  # invalid: no operating licence
TIERS = {(VENDOR_A, "ops_plan"): "t3", (VENDOR_B, "ops_plan"): "t2"}


@pytest.fixture
def bidset(rubric):
    return make_bidset(rubric, good_bid(VENDOR_B, name="乙公司", rate_per_call=0.9), good_bid(VENDOR_A, name="甲公司"),
                       good_bid(VENDOR_C, name="丙公司", business_license="否"))


def valid_bids(rubric, bidset):
    checks = check_bids(rubric, bidset.bids)
    return [b for b in bidset.bids if checks[b.vendor_id].valid]


def sheet_rows(path: Path, sheet: str = "Scores") -> list[tuple]:
    return list(openpyxl.load_workbook(path)[sheet].iter_rows(values_only=True))


def validations(path: Path) -> dict[str, tuple]:
    """Score cell → (type, operator, formula1, formula2) of its data validation."""
    found = {}
    for dv in openpyxl.load_workbook(path)["Scores"].data_validations.dataValidation:
        for cell in str(dv.sqref).split():
            found[cell] = (dv.type, dv.operator or "between", dv.formula1, dv.formula2)  # between is the default
    return found


def fill(path: Path, scores: dict[tuple[str, str], object], comment: str = "") -> None:
    """Type scores into the score column as a judge would: (vendor_id, criterion) → score."""
    book = openpyxl.load_workbook(path)
    sheet = book["Scores"]
    for row in sheet.iter_rows(min_row=2):
        key = (row[1].value, row[3].value)
        if key in scores:
            row[8].value = scores[key]
            row[9].value = comment or None
    book.save(path)


def read_back(rubric, bidset, *paths):
    checks = check_bids(rubric, bidset.bids)
    return read_panel(rubric, bidset.bids, [v for v, c in checks.items() if not c.valid], paths)


def test_one_row_per_valid_bid_and_panel_criterion_with_the_agreed_tier(rubric, bidset, tmp_path: Path):
    path = tmp_path / "sheet.xlsx"
    write_score_sheet(rubric, valid_bids(rubric, bidset), TIERS, "王评委", path)
    assert openpyxl.load_workbook(path).sheetnames == ["Scores", "说明"]
    assert sheet_rows(path) == [
        ("评委 / judge", "统一社会信用代码 / vendor_id", "投标人 / vendor", "评分项 / criterion", "名称 / name",
         "档次 / tier", "最低 / min", "最高 / max", "得分 / score", "备注 / comment"),
        ("王评委", VENDOR_A, "甲公司", "ops_plan", "运营管理能力", "t3 三档", 10.1, 15, None, None),
        ("王评委", VENDOR_A, "甲公司", "service_design", "服务方案", "", 0, 5, None, None),
        ("王评委", VENDOR_B, "乙公司", "ops_plan", "运营管理能力", "t2 二档", 5.1, 10, None, None),
        ("王评委", VENDOR_B, "乙公司", "service_design", "服务方案", "", 0, 5, None, None),
    ]


@pytest.mark.parametrize("lang, line", [
    ("zh", "本评分表为招标项目 #3（评标委员会测试）制作，只能导入该项目；其他项目（包括同一评分办法的其他分包）不接受。"),
    ("en", "Made for tender #3 (评标委员会测试): it is imported into that tender only; any other tender, another lot of "
           "the same rubric too, refuses it."),
    ("zh", None)])  # the command line's sheet: no tender
def test_a_sheet_made_for_a_tender_names_it_on_its_instructions_and_in_its_properties(rubric, bidset, tmp_path, lang,
                                                                                       line):
    """app8 A8-1: the tender showed only in the file's name, which the judge may change."""
    from bideval.rubric_mark import TenderMark

    path = tmp_path / "sheet.xlsx"
    tender = TenderMark(3, "评标委员会测试", "0f" * 16) if line else None
    write_score_sheet(rubric, valid_bids(rubric, bidset), TIERS, "王评委", path, lang, tender)
    book = openpyxl.load_workbook(path)
    assert [row[0].value for row in book.worksheets[1].iter_rows(min_row=1, max_row=2)][1:] == \
        [line or "只填写黄色的“得分”列（可在“备注”列写评语），其他列请勿修改。"]
    assert {p.name: p.value for p in book.custom_doc_props.props if p.name.startswith("bid-eval tender")} == (
        {"bid-eval tender": "3", "bid-eval tender name": "评标委员会测试", "bid-eval tender token": "0f" * 16}
        if line else {})
    fill(path, {(VENDOR_A, "service_design"): 4})
    assert [x.score for x in read_back(rubric, bidset, path).scores if x.score] == [4]  # read as before: no tender


def test_each_score_cell_is_validated_to_its_range(rubric, bidset, tmp_path: Path):
    path = tmp_path / "sheet.xlsx"
    write_score_sheet(rubric, valid_bids(rubric, bidset), TIERS, "王评委", path)
    assert validations(path) == {
        "I2": ("decimal", "between", "10.1", "15"),
        "I3": ("decimal", "between", "0", "5"),
        "I4": ("decimal", "between", "5.1", "10"),
        "I5": ("decimal", "between", "0", "5"),
    }
    (prompt,) = [dv.prompt for dv in openpyxl.load_workbook(path)["Scores"].data_validations.dataValidation
                 if str(dv.sqref) == "I4"]
    assert prompt == "t2 二档 / Tier 2: 5.1 – 10"


def test_without_an_agreed_tier_the_row_says_so_and_allows_the_whole_range(rubric, bidset, tmp_path: Path):
    path = tmp_path / "sheet.xlsx"
    write_score_sheet(rubric, valid_bids(rubric, bidset), {}, "王评委", path, lang="en")
    rows = sheet_rows(path)
    assert rows[0] == ("judge", "vendor_id", "vendor", "criterion", "name", "tier", "min", "max", "score", "comment")
    assert rows[1] == ("王评委", VENDOR_A, "甲公司", "ops_plan", "Operations management plan", "tier not agreed",
                       0, 15, None, None)
    assert validations(path)["I2"] == ("decimal", "between", "0", "15")
    assert openpyxl.load_workbook(path).sheetnames == ["Scores", "Instructions"]


@pytest.mark.parametrize("lang, refused, untold", [
    ("zh", "读回时这些行将被拒绝", "单独排序“得分”列会把得分移到其他投标人名下，读回时无法发现"),
    ("en", "such rows are refused", "the score column sorted alone moves scores onto other bidders, which cannot be told"),
])
def test_the_instructions_say_a_score_column_sorted_alone_cannot_be_told(rubric, lang, refused, untold):
    """They said a column sorted on its own is refused when read back: true of the name columns, not of the scores."""
    from bideval.scoresheet import instruction_lines

    line = instruction_lines(rubric, "王评委", lang)[2]
    assert refused in line and untold in line


def test_the_instructions_sheet_lists_each_panel_criterion_and_tier_with_its_description(tmp_path: Path):
    text = EXAMPLE_RUBRIC.read_text(encoding="utf-8").replace(
        "min: 10.1, max: 15}", "min: 10.1, max: 15, description: {zh: 方案完整可行, en: 'A complete, workable plan'}}")
    rubric = parse_rubric(text, "described.yaml")
    bids = make_bidset(rubric, good_bid(VENDOR_A, name="甲公司"))
    path = tmp_path / "sheet.xlsx"
    write_score_sheet(rubric, bids.bids, {(VENDOR_A, "ops_plan"): "t3"}, "王评委", path)
    rows = sheet_rows(path, "说明")
    assert rows[0][0] == "客服业务外包项目评分标准——王评委 评分表"
    table = [r for r in rows if r[0] in ("ops_plan", "service_design")]
    assert table == [
        ("ops_plan", "运营管理能力", 15, "t1 一档", 0, 5, None),
        ("ops_plan", "运营管理能力", 15, "t2 二档", 5.1, 10, None),
        ("ops_plan", "运营管理能力", 15, "t3 三档", 10.1, 15, "方案完整可行"),
        ("service_design", "服务方案", 5, None, 0, 5, None),
    ]
    (prompt,) = [dv.prompt for dv in openpyxl.load_workbook(path)["Scores"].data_validations.dataValidation
                 if str(dv.sqref) == "I2"]
    assert prompt == "t3 三档 / Tier 3: 10.1 – 15\n方案完整可行 / A complete, workable plan"


def test_text_from_a_bid_is_never_written_as_a_formula(rubric, tmp_path: Path):
    bids = make_bidset(rubric, good_bid(VENDOR_A, name='=HYPERLINK("http://x","甲")'))
    path = tmp_path / "sheet.xlsx"
    write_score_sheet(rubric, bids.bids, {}, "=1+1", path)
    cells = openpyxl.load_workbook(path)["Scores"]
    assert (cells["A2"].data_type, cells["C2"].data_type) == ("s", "s")
    assert cells["C2"].value == '=HYPERLINK("http://x","甲")'


def test_filled_sheet_round_trips_through_read_panel_into_the_evaluation(rubric, bidset, tmp_path: Path):
    tiers = write_panel(tmp_path / "tiers.xlsx", tiers=[[v, c, t] for (v, c), t in TIERS.items()])
    sheets = []
    for judge, scores in (("王评委", {(VENDOR_A, "ops_plan"): 12, (VENDOR_A, "service_design"): 4,
                                      (VENDOR_B, "ops_plan"): 8, (VENDOR_B, "service_design"): 3.5}),
                          ("李评委", {(VENDOR_A, "ops_plan"): 13.5, (VENDOR_A, "service_design"): 4.5,
                                      (VENDOR_B, "ops_plan"): "9", (VENDOR_B, "service_design"): 3})):
        path = tmp_path / f"{judge}.xlsx"
        write_score_sheet(rubric, valid_bids(rubric, bidset), TIERS, judge, path)
        fill(path, scores, comment="已阅")
        sheets.append(path)
    panel = read_back(rubric, bidset, tiers, *sheets)
    assert panel.judges == ("王评委", "李评委")
    assert panel.tiers == TIERS
    first = panel.scores[0]
    assert (first.judge, first.vendor_id, first.criterion, first.score, first.comment, first.where) == (
        "王评委", VENDOR_A, "ops_plan", D(12), "已阅", f"{sheets[0]}:Scores!I2")
    result = evaluate(rubric, bidset, panel)
    assert result.status == FINAL
    assert result.standing(VENDOR_A).criteria["ops_plan"] == D("12.75")
    assert result.standing(VENDOR_A).criteria["service_design"] == D("4.25")
    assert result.standing(VENDOR_B).criteria["ops_plan"] == D("8.5")
    assert result.standing(VENDOR_B).criteria["service_design"] == D("3.25")


def test_a_partly_filled_sheet_is_read_as_missing_scores(rubric, bidset, tmp_path: Path):
    tiers = write_panel(tmp_path / "tiers.xlsx", tiers=[[v, c, t] for (v, c), t in TIERS.items()])
    path = tmp_path / "sheet.xlsx"
    write_score_sheet(rubric, valid_bids(rubric, bidset), TIERS, "王评委", path)
    fill(path, {(VENDOR_A, "ops_plan"): 14, (VENDOR_A, "service_design"): 5})
    result = evaluate(rubric, bidset, read_back(rubric, bidset, tiers, path))
    assert result.status == PROVISIONAL
    assert INCOMPLETE in result.standing(VENDOR_B).flags and INCOMPLETE not in result.standing(VENDOR_A).flags
    assert result.standing(VENDOR_A).criteria["ops_plan"] == D(14)


def test_a_score_typed_past_the_validation_is_still_refused_on_reading(rubric, bidset, tmp_path: Path):
    tiers = write_panel(tmp_path / "tiers.xlsx", tiers=[[v, c, t] for (v, c), t in TIERS.items()])
    path = tmp_path / "sheet.xlsx"
    write_score_sheet(rubric, valid_bids(rubric, bidset), TIERS, "王评委", path)
    fill(path, {(VENDOR_B, "ops_plan"): 12, (VENDOR_B, "service_design"): "好"})
    with pytest.raises(PanelError) as caught:
        read_back(rubric, bidset, tiers, path)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:Scores!I4: expected a score inside the agreed tier t2 二档 (5.1–10) for 'ops_plan', found 12",
        f"{path}:Scores!I5: expected a number from 0 to 5, found '好'",
    ]


@pytest.fixture
def tender(tmp_path: Path) -> dict[str, Path]:
    bids = tmp_path / "bids"
    bids.mkdir()
    write_form(bids / "a.xlsx", good_bid(VENDOR_A, name="甲公司"))
    write_form(bids / "b.xlsx", good_bid(VENDOR_B, name="乙公司", rate_per_call=0.9))
    write_form(bids / "c.xlsx", good_bid(VENDOR_C, name="丙公司", business_license="否"))
    tiers = write_panel(tmp_path / "tiers.xlsx", tiers=[[VENDOR_A, "ops_plan", "三档"], [VENDOR_B, "ops_plan", "t2"]])
    return {"bids": bids, "tiers": tiers, "out": tmp_path / "sheet.xlsx"}


def scoresheet_args(t, *extra):
    return ["scoresheet", "--criteria", str(EXAMPLE_RUBRIC), "--bids", str(t["bids"]), "--tiers", str(t["tiers"]),
            "--judge", " 王评委 ", "--out", str(t["out"]), *extra]


def test_cli_writes_the_sheet_for_the_valid_bids(tender, capsys):
    assert main(scoresheet_args(tender)) == 0
    assert capsys.readouterr().out == f"wrote {tender['out']}: score sheet for 王评委, 2 bids × 2 criteria\n"
    rows = sheet_rows(tender["out"])
    assert [(r[0], r[1], r[3], r[5], r[6], r[7]) for r in rows[1:]] == [
        ("王评委", VENDOR_A, "ops_plan", "t3 三档", 10.1, 15), ("王评委", VENDOR_A, "service_design", "", 0, 5),
        ("王评委", VENDOR_B, "ops_plan", "t2 二档", 5.1, 10), ("王评委", VENDOR_B, "service_design", "", 0, 5)]
    assert validations(tender["out"])["I4"] == ("decimal", "between", "5.1", "10")


def test_cli_sheet_filled_in_is_accepted_by_evaluate(tender, tmp_path: Path, capsys):
    assert main(scoresheet_args(tender)) == 0
    fill(tender["out"], {(VENDOR_A, "ops_plan"): 13, (VENDOR_A, "service_design"): 4,
                         (VENDOR_B, "ops_plan"): 9, (VENDOR_B, "service_design"): 3})
    js = tmp_path / "result.json"
    assert main(["evaluate", "--criteria", str(EXAMPLE_RUBRIC), "--bids", str(tender["bids"]),
                 "--panel", str(tender["tiers"]), str(tender["out"]), "--json", str(js)]) == 0
    import json

    document = json.loads(js.read_text(encoding="utf-8"))
    assert document["status"] == "final"
    assert document["ranking"][0]["criteria"]["ops_plan"] == 13.0


def test_cli_with_a_bad_bids_file_exits_2_and_writes_nothing(tender, capsys):
    write_form(tender["bids"] / "b.xlsx", good_bid(VENDOR_B, dial_test_accuracy="ninety"))
    assert main(scoresheet_args(tender)) == 2
    err = capsys.readouterr().err
    assert f"{tender['bids'] / 'b.xlsx'}:Bid!C9: expected a percentage" in err and "Traceback" not in err
    assert not tender["out"].exists()
    assert list(tender["out"].parent.glob(".bideval-*")) == []


def test_cli_with_a_bad_tiers_file_exits_2_and_writes_nothing(tender, capsys):
    write_panel(tender["tiers"], tiers=[[VENDOR_A, "ops_plan", "t9"]])
    assert main(scoresheet_args(tender)) == 2
    assert capsys.readouterr().err.startswith(f"{tender['tiers']}:Tiers!C2: expected a tier of 'ops_plan'")
    assert not tender["out"].exists()


def test_cli_without_tiers_writes_every_tier_as_not_agreed(tender, capsys):
    args = scoresheet_args(tender)
    del args[args.index("--tiers"):args.index("--tiers") + 2]
    assert main(args + ["--lang", "en"]) == 0
    assert {r[5] for r in sheet_rows(tender["out"])[1:] if r[3] == "ops_plan"} == {"tier not agreed"}


# --------------------------------------------------------------------------- a sheet sorted one column at a time

def sort_one_column(path: Path, column: str) -> None:
    """Sort one column of the Scores sheet on its own, as Excel does with "Continue with the current selection":
    its cells change rows, every other column stays where it was."""
    book = openpyxl.load_workbook(path)
    cells = book["Scores"][column][1:]
    for cell, value in zip(cells, sorted(c.value for c in cells)):
        cell.value = value
    book.save(path)


def refusals(rubric, bidset, *paths) -> list[tuple]:
    """(cell, code, facts) of every problem reading ``paths`` back against the agreed TIERS."""
    with pytest.raises(PanelError) as caught:
        read_panel(rubric, valid_bids(rubric, bidset), [], paths, agreed_tiers=TIERS)
    return [(p.cell, p.code, dict(p.data)) for p in caught.value.problems]


A_NAME = {"vendor_id": VENDOR_A, "expected": "甲公司"}
B_NAME = {"vendor_id": VENDOR_B, "expected": "乙公司"}
OPS = Named("ops_plan", Label("运营管理能力", "Operations management plan"))
DESIGN = Named("service_design", Label("服务方案", "Service design"))


@pytest.mark.parametrize("column, refused", [
    # 甲公司, 甲公司, 乙公司, 乙公司 sorted alone: 乙公司 beside A's vendor_id, 甲公司 beside B's
    ("C", [("C2", "panel.bidder_name_disagrees", {**A_NAME, "found": "乙公司", "owner": VENDOR_B}),
           ("C3", "panel.bidder_name_disagrees", {**A_NAME, "found": "乙公司", "owner": VENDOR_B}),
           ("C4", "panel.bidder_name_disagrees", {**B_NAME, "found": "甲公司", "owner": VENDOR_A}),
           ("C5", "panel.bidder_name_disagrees", {**B_NAME, "found": "甲公司", "owner": VENDOR_A})]),
    # 运营管理能力, 服务方案, 运营管理能力, 服务方案 sorted alone: rows 3 and 4 still agree
    ("E", [("E2", "panel.criterion_name_disagrees", {"criterion": OPS, "found": "服务方案", "owner": DESIGN}),
           ("E5", "panel.criterion_name_disagrees", {"criterion": DESIGN, "found": "运营管理能力", "owner": OPS})]),
    # the criterion ids sorted instead: each score stays beside the name the judge read, the id under it moved
    ("D", [("E3", "panel.criterion_name_disagrees", {"criterion": OPS, "found": "服务方案", "owner": DESIGN}),
           ("E4", "panel.criterion_name_disagrees", {"criterion": DESIGN, "found": "运营管理能力", "owner": OPS})]),
])
def test_a_sheet_sorted_one_column_at_a_time_is_refused_at_each_name_that_left_its_row(rubric, bidset, tmp_path,
                                                                                       column, refused):
    """The judge typed each score looking at the bidder's and the criterion's names; once a name column is sorted on
    its own, a score typed beside 乙公司 would be booked on 甲公司. Nothing of the sheet is read."""
    path = tmp_path / "sheet.xlsx"
    write_score_sheet(rubric, valid_bids(rubric, bidset), TIERS, "王评委", path)
    fill(path, {(VENDOR_A, "ops_plan"): 12, (VENDOR_A, "service_design"): 4, (VENDOR_B, "ops_plan"): 8,
                (VENDOR_B, "service_design"): 3})
    assert len(read_panel(rubric, valid_bids(rubric, bidset), [], [path], agreed_tiers=TIERS).scores) == 4
    sort_one_column(path, column)
    assert refusals(rubric, bidset, path) == refused


@pytest.mark.parametrize("vendor, name", [
    ("北京abc客服(中国)有限公司", "Operations management plan"),  # brackets half-width, case, the other language
    ("北京ＡＢＣ 客服（中国）有限公司", "OPS_PLAN"),  # full-width letters, a space; the criterion by its id
    (VENDOR_A.lower(), " 运营 管理能力 "),  # the bidder by its vendor_id; spaces
    (None, None),  # cleared: names nothing, as on a sheet made by hand
])
def test_a_name_written_another_way_still_names_the_row_and_tier_and_range_are_not_compared(rubric, tmp_path, vendor,
                                                                                             name):
    """A careful officer reads 北京abc客服(中国) as 北京ＡＢＣ客服（中国）. The tier, min and max columns show the tier
    agreed when the sheet was written; the chair may agree another since, and the score is checked against that."""
    bidset = make_bidset(rubric, good_bid(VENDOR_A, name="北京ABC客服（中国）有限公司"), good_bid(VENDOR_B, name="乙公司"))
    path = tmp_path / "sheet.xlsx"
    write_score_sheet(rubric, bidset.bids, TIERS, "王评委", path)
    book = openpyxl.load_workbook(path)
    sheet = book["Scores"]
    assert (sheet["B2"].value, sheet["D2"].value, sheet["F2"].value) == (VENDOR_A, "ops_plan", "t3 三档")
    sheet["C2"], sheet["E2"], sheet["I2"] = vendor, name, 7  # t3 (10.1–15) when written, t2 (5.1–10) agreed since
    book.save(path)
    panel = read_panel(rubric, bidset.bids, [], [path], agreed_tiers={**TIERS, (VENDOR_A, "ops_plan"): "t2"})
    assert [(s.vendor_id, s.criterion, s.score) for s in panel.scores if s.score is not None] == [
        (VENDOR_A, "ops_plan", D(7))]


def test_cli_refuses_a_returned_sheet_sorted_one_column_at_a_time_and_writes_nothing(tender, tmp_path: Path, capsys):
    assert main(scoresheet_args(tender)) == 0
    fill(tender["out"], {(VENDOR_A, "ops_plan"): 13, (VENDOR_A, "service_design"): 4,
                         (VENDOR_B, "ops_plan"): 9, (VENDOR_B, "service_design"): 3})
    sort_one_column(tender["out"], "C")
    js = tmp_path / "result.json"
    capsys.readouterr()
    assert main(["evaluate", "--criteria", str(EXAMPLE_RUBRIC), "--bids", str(tender["bids"]),
                 "--panel", str(tender["tiers"]), str(tender["out"]), "--json", str(js)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 4 and "Traceback" not in "".join(err) and not js.exists()
    assert err[0] == (
        f"{tender['out']}:Scores!C2: this row is for {VENDOR_A} ('甲公司' in its bid), but its bidder name is '乙公司' "
        f"(the name of {VENDOR_B}): a score typed beside that name would be booked on {VENDOR_A}; the sheet's rows may "
        "have been sorted one column at a time (Excel's \"Continue with the current selection\") or names pasted in "
        "another order: put the rows back as the sheet was written (or give the judge a new score sheet), have the "
        "judge check the scores, and import it again")
