"""The ranked workbook (formats.md §6): sheets, formulas with cached values, text kept as text."""
from __future__ import annotations

import datetime
import io
import shutil
import subprocess
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import openpyxl
import pandas as pd
import python_calamine
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bideval import __version__
from bideval.export import SHEETS, workbook_sheets, write_workbook
from bideval.labels import Label
from bideval.pricing import PricingModel
from bideval.result import (ABNORMAL_LOW, FINAL, INCOMPLETE, PROVISIONAL, PROVISIONAL_LABEL, InvalidBid, Outlier,
                            PanelScore, PriceLine, Reason, Result, Standing)
from bideval.rubric import Rubric, parse_rubric
from bideval.sheets import InputFile
from bideval.tender import DocumentHeading
from pypdf import PdfReader
from conftest import EXAMPLE_RUBRIC

RUBRIC_YAML = EXAMPLE_RUBRIC.read_text(encoding="utf-8")  # the formats.md example, tests/data/

HYPERLINK = '=HYPERLINK("http://x","y")'
HOSTILE = (HYPERLINK, "+1", "-1", "@x", "=SUM(A1:A9)", "@judge")

VENDOR_A = "91110000802100433B"
VENDOR_B = "91440300708461136T"
VENDOR_C = "91310115MA1K3YJ21X"
VENDOR_D = "91320500MA1MXXXX0A"

D = Decimal


def build_standing(rubric: Rubric, rank: int, vendor_id: str, name: str, criteria: dict[str, str],
                   quoted: str, evaluated: str, flags: tuple[str, ...] = (), sme: bool = False) -> Standing:
    """A ranked bid whose subtotals and total are the sums of its rounded criterion scores."""
    scores = {c.id: D(criteria[c.id]) for c in rubric.scored_criteria}
    groups = {g: sum((scores[c.id] for c in rubric.scored_criteria if c.group == g), D(0)) for g in rubric.groups}
    return Standing(rank, vendor_id, name, sum(scores.values(), D(0)), groups, scores, D(quoted), D(evaluated),
                    flags, sme)


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return parse_rubric(RUBRIC_YAML, "criteria/cs.yaml")


@pytest.fixture(scope="module")
def result(rubric: Rubric) -> Result:
    standings = [
        build_standing(rubric, 0, VENDOR_A, HYPERLINK,
                       {"company": "3", "experience": "5", "ops_plan": "13.2", "dial_test": "8.5",
                        "service_design": "4.25", "price": "30"}, "1020000", "918000", sme=True),
        build_standing(rubric, 0, VENDOR_B, "+1",
                       {"company": "2", "experience": "4", "ops_plan": "9.67", "dial_test": "10",
                        "service_design": "3.5", "price": "27.69"}, "994500", "994500", (ABNORMAL_LOW,)),
        build_standing(rubric, 0, VENDOR_C, "-1 华南客服有限公司",
                       {"company": "1", "experience": "3", "ops_plan": "4.33", "dial_test": "7",
                        "service_design": "2.75", "price": "25.71"}, "1071200", "1071200", (INCOMPLETE,)),
    ]
    standings.sort(key=lambda s: (-s.total, s.quoted_price))
    ranking = tuple(replace(s, rank=k) for k, s in enumerate(standings, start=1))
    panel = (
        PanelScore("王评委", VENDOR_A, "ops_plan", D("13.5"), "t3", "方案完整"),
        PanelScore("李评委", VENDOR_A, "ops_plan", D("10.1"), "t3", "=SUM(A1:A9)"),
        PanelScore("@judge", VENDOR_A, "ops_plan", D("15"), "t3", "-1"),
        PanelScore("王评委", VENDOR_B, "service_design", D("3.5"), None, "+1"),
        PanelScore("王评委", VENDOR_C, "service_design", None, None, ""),
    )
    prices = (
        PriceLine(VENDOR_A, HYPERLINK, PricingModel.LUMP_SUM, {"total_price": D("1020000")}, D("1020000.00"), True, D("0.10"),
                  D("918000.00"), D("30.00"), True),
        PriceLine(VENDOR_B, "+1", PricingModel.PER_CALL, {"rate_per_call": D("1.6575")}, D("994500.00"),
                  False, D(0), D("994500.00"), D("27.69"), True),
        PriceLine(VENDOR_C, "-1 华南客服有限公司", PricingModel.PER_SEAT_MONTH, {"rate_per_seat_month": D("2975.56")},
                  D("1071200.00"), False, D(0), D("1071200.00"), D("25.71"), True),
        PriceLine(VENDOR_D, "@x", PricingModel.LUMP_SUM, {"total_price": D("1300000")}, D("1300000.00"), False, D(0), None, None,
                  False),
    )
    invalid = (InvalidBid(VENDOR_D, "@x", (
        Reason("licence", Label("未提供业务经营许可证", "No operating licence")),
        Reason("above_budget_ceiling", Label("投标报价超过最高限价", "Quoted price above the budget ceiling")),
    ), "bids/@x.xlsx"),)
    return Result(
        rubric=rubric, status=PROVISIONAL, ranking=ranking,
        candidates=tuple(s.vendor_id for s in ranking), candidates_tied=False,
        outliers=(Outlier("李评委", VENDOR_A, "ops_plan", D("10.1"), D("12.86666666666666666666666667")),),
        invalid=invalid, prices=prices, panel_scores=panel, judges=("王评委", "李评委", "@judge"),
        inputs=(InputFile("criteria/cs.yaml", "a" * 64, "rubric"), InputFile("bids/all.xlsx", "b" * 64, "bids")),
        price_mean=D("994566.6666666666666666666667"),
    )


@pytest.fixture(scope="module")
def workbook_path(result: Result, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "ranked.xlsx"
    write_workbook(result, path)
    return path


def header(ws) -> list:
    return [c.value for c in ws[1]]


def column(ws, title: str, rows: int) -> list:
    col = header(ws).index(title) + 1
    return [ws.cell(row=r, column=col) for r in range(2, rows + 2)]


def test_sheets_in_order(workbook_path: Path) -> None:
    assert SHEETS == ("Ranking", "Scores", "Panel", "Price", "Invalid", "Rubric", "Audit")
    assert openpyxl.load_workbook(workbook_path).sheetnames == list(SHEETS)


def test_the_test_result_is_ranked_by_total(result: Result) -> None:
    assert [s.vendor_id for s in result.ranking] == [VENDOR_A, VENDOR_B, VENDOR_C]
    assert result.ranking[0].total == D("63.95")


def test_pandas_reads_totals_and_subtotals_as_numbers(workbook_path: Path, result: Result) -> None:
    frames = pd.read_excel(workbook_path, sheet_name=None, engine="openpyxl")
    assert list(frames) == list(SHEETS)
    ranking = frames["Ranking"].head(len(result.ranking))
    assert list(ranking["统一社会信用代码"]) == [s.vendor_id for s in result.ranking]
    assert list(ranking["排名"]) == [1, 2, 3]
    assert [round(v, 2) for v in ranking["总分"]] == [float(s.total) for s in result.ranking]
    for group, title in (("commercial", "商务"), ("operations", "运营"), ("price", "价格")):
        assert [round(v, 2) for v in ranking[title]] == [float(s.groups[group]) for s in result.ranking]
    assert [round(v, 2) for v in ranking["投标报价"]] == [float(s.quoted_price) for s in result.ranking]
    assert [round(v, 2) for v in ranking["评审价格"]] == [float(s.evaluated_price) for s in result.ranking]

    scores = frames["Scores"]
    assert len(scores) == len(result.ranking)
    assert [round(v, 2) for v in scores["总分"]] == [float(s.total) for s in result.ranking]
    assert list(scores["运营管理能力 (15)"]) == [float(s.criteria["ops_plan"]) for s in result.ranking]
    assert [round(v, 2) for v in scores["运营"]] == [float(s.groups["operations"]) for s in result.ranking]


def test_scores_columns_grouped_with_subtotals(workbook_path: Path) -> None:
    ws = openpyxl.load_workbook(workbook_path)["Scores"]
    assert header(ws) == ["统一社会信用代码", "投标人", "公司资质 (5)", "行业经验 (5)", "运营管理能力 (15)",
                          "质量拨测 (10)", "服务方案 (5)", "价格 (30)", "商务", "运营", "价格", "总分"]
    assert [ws.cell(row=2, column=c).value for c in range(9, 13)] == [
        "=SUM(C2:D2)", "=SUM(E2:G2)", "=SUM(H2)", "=SUM(C2:H2)"]


def test_totals_are_formulas_with_cached_values(workbook_path: Path, result: Result) -> None:
    formulas = openpyxl.load_workbook(workbook_path)
    values = openpyxl.load_workbook(workbook_path, data_only=True)
    n = len(result.ranking)
    for title, group in (("商务", "commercial"), ("运营", "operations"), ("价格", "price"), ("总分", None)):
        for sheet, prefix in (("Scores", "=SUM("), ("Ranking", "=Scores!")):
            cells = column(formulas[sheet], title, n)
            assert all(c.data_type == "f" and c.value.startswith(prefix) for c in cells), (sheet, title)
            cached = [c.value for c in column(values[sheet], title, n)]
            expected = [s.total if group is None else s.groups[group] for s in result.ranking]
            assert [round(D(str(v)), 2) for v in cached] == expected, (sheet, title)
    ranking = formulas["Ranking"]
    assert ranking["D2"].value == "=Scores!I2"
    assert ranking["I2"].value == "=Scores!L2"
    assert ranking["J2"].value is None  # no flag: an empty cell


def test_only_subtotals_and_totals_are_formulas(workbook_path: Path) -> None:
    book = openpyxl.load_workbook(workbook_path)
    found = {(ws.title, cell.column_letter) for ws in book for row in ws.iter_rows() for cell in row
             if cell.data_type == "f"}
    assert found == {("Scores", col) for col in "IJKL"} | {("Ranking", col) for col in "DEFI"}


@pytest.mark.parametrize("sheet, column", [("Ranking", "C"), ("Scores", "B"), ("Panel", "C"), ("Price", "B"),
                                           ("Invalid", "B")])
def test_bidder_names_wrap_top_aligned(workbook_path: Path, sheet: str, column: str) -> None:
    """report6 D6-6: a long name was cut off at the column's edge; it wraps and its row grows, as Rubric!F does."""
    ws = openpyxl.load_workbook(workbook_path)[sheet]
    assert ws[f"{column}1"].value in ("投标人名称", "投标人")
    cell = ws[f"{column}2"]
    assert cell.value and cell.alignment.wrap_text and cell.alignment.vertical == "top"


def test_text_from_bids_stays_text(workbook_path: Path) -> None:
    book = openpyxl.load_workbook(workbook_path)
    seen: dict[str, set[str]] = {}
    for ws in book:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value in HOSTILE or (isinstance(cell.value, str) and cell.value.startswith("-1 ")):
                    assert cell.data_type == "s", (ws.title, cell.coordinate, cell.value)
                    seen.setdefault(cell.value, set()).add(ws.title)
    assert seen[HYPERLINK] == {"Ranking", "Scores", "Panel", "Price"}
    assert seen["+1"] >= {"Ranking", "Scores", "Panel", "Price"}  # a vendor, and a comment on the Panel sheet
    assert seen["-1"] == {"Panel"}
    assert seen["@x"] == {"Price", "Invalid"}
    assert seen["=SUM(A1:A9)"] == {"Panel"}
    assert seen["@judge"] == {"Panel"}
    assert book["Ranking"]["C2"].value == HYPERLINK
    assert book["Ranking"]["C2"].hyperlink is None


def test_headers_follow_the_language(result: Result, tmp_path: Path) -> None:
    write_workbook(result, tmp_path / "zh.xlsx", lang="zh")
    write_workbook(result, tmp_path / "en.xlsx", lang="en")
    zh = openpyxl.load_workbook(tmp_path / "zh.xlsx")
    en = openpyxl.load_workbook(tmp_path / "en.xlsx")
    assert en.sheetnames == zh.sheetnames == list(SHEETS)
    assert header(zh["Ranking"]) == ["排名", "统一社会信用代码", "投标人", "商务", "运营", "价格", "投标报价",
                                     "评审价格", "总分", "标记"]
    assert header(en["Ranking"]) == ["Rank", "Vendor ID", "Vendor", "Commercial", "Operations", "Price",
                                     "Quoted price", "Evaluated price", "Total", "Flags"]
    assert header(en["Scores"])[2] == "Company credentials (5)"
    assert en["Ranking"]["J3"].value == "Abnormally low price"
    assert zh["Ranking"]["J3"].value == "异常低价"
    # the reasons by the gate's name, never its id (issue 10, item 3); the JSON keeps `code: text`
    assert zh["Invalid"]["D2"].value == "业务经营许可证：未提供业务经营许可证\n投标报价超过最高限价"
    assert en["Invalid"]["D2"].value == ("Operating licence: No operating licence\n"
                                         "Quoted price above the budget ceiling")
    with pytest.raises(ValueError):
        write_workbook(result, tmp_path / "fr.xlsx", lang="fr")


def test_ranking_sheet_shows_candidates_and_status(workbook_path: Path, result: Result) -> None:
    ws = openpyxl.load_workbook(workbook_path)["Ranking"]
    texts = [c.value for row in ws.iter_rows(min_row=len(result.ranking) + 2) for c in row if c.value]
    assert "推荐中标候选人" in texts
    assert f"1. {VENDOR_A} {HYPERLINK}" in texts
    assert f"3. {VENDOR_C} -1 华南客服有限公司" in texts
    assert any(t.startswith("临时结果") for t in texts)
    assert ws.freeze_panes == "D2"
    assert ws.auto_filter.ref == "A1:J4"
    rules = [rule for rng in ws.conditional_formatting for rule in rng.rules]
    assert [rule.formula for rule in rules] == [["LEN($J2)>0"]]


def test_panel_sheet_marks_the_outlier(workbook_path: Path) -> None:
    ws = openpyxl.load_workbook(workbook_path)["Panel"]
    assert header(ws) == ["评委", "统一社会信用代码", "投标人", "评分项编号", "评分项", "档次", "得分", "备注",
                          "畸高畸低", "评委算术平均分（据此判断畸高畸低）", "是否计入", "评委评分结果（计入该项得分）"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2, max_row=6)]
    assert rows[1][:10] == ["李评委", VENDOR_A, HYPERLINK, "ops_plan", "运营管理能力", "三档", 10.1, "=SUM(A1:A9)", "是",
                            pytest.approx(12.8667, abs=1e-4)]
    assert [r[8] for r in rows] == [None, "是", None, None, None]
    assert rows[4][6] is None  # a score not yet given stays empty
    assert [r[5] for r in rows[3:]] == [None, None]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_panel_sheet_shows_how_the_judges_scores_became_the_panel_s(lang, tmp_path: Path) -> None:
    """Under a trimmed mean a judge can retrace each panel score: which score was left out, the plain mean outliers
    are measured from, and the score counted, which is the criterion's score in the ranking."""
    from bideval.evaluation import run
    from bideval.values import round_half_up

    result = run("criteria/cs-outsourcing.yaml", ["sample_bids/cs-outsourcing"], ["sample_bids/cs-outsourcing-panel.xlsx"])
    path = tmp_path / "ranked.xlsx"
    write_workbook(result, path, lang=lang)
    ws = openpyxl.load_workbook(path)["Panel"]
    titles = header(ws)
    rows = [dict(zip(titles, (c.value for c in row))) for row in ws.iter_rows(min_row=2) if row[0].value]
    judge, vendor, criterion, score = (titles[i] for i in (0, 1, 3, 6))
    mean, counted, panel_score = titles[9], titles[10], titles[11]
    yes, lowest, highest = {"zh": ("是", "去掉（最低分）", "去掉（最高分）"),
                            "en": ("yes", "left out (lowest)", "left out (highest)")}[lang]
    ranked = {s.vendor_id: s for s in result.ranking}
    checked = 0
    for vendor_id, standing in ranked.items():
        for criterion_id in ("ops_plan", "service_design"):
            mine = [r for r in rows if r[vendor] == vendor_id and r[criterion] == criterion_id]
            assert len(mine) == 5 and sorted(r[counted] for r in mine) == sorted([yes] * 3 + [lowest, highest])
            kept = sorted(Decimal(str(r[score])) for r in mine if r[counted] == yes)
            ordered = sorted(Decimal(str(r[score])) for r in mine)
            assert kept == ordered[1:4]
            assert next(r[score] for r in mine if r[counted] == lowest) == float(ordered[0])
            places = result.rubric.places(result.rubric.criterion_index[criterion_id])
            assert {r[panel_score] for r in mine} == {float(standing.criteria[criterion_id])}
            assert standing.criteria[criterion_id] == round_half_up(sum(kept) / 3, places)
            assert all(r[mean] == pytest.approx(float(sum(ordered) / 5)) for r in mine)
            checked += 1
    assert checked == 2 * len(ranked) >= 10


def test_price_sheet(workbook_path: Path) -> None:
    ws = openpyxl.load_workbook(workbook_path)["Price"]
    assert header(ws) == ["统一社会信用代码", "投标人", "报价方式", "报价计算", "投标报价 Q", "中小企业", "扣除比例",
                          "评审价格 E", "价格得分", "有效"]
    assert [c.value for c in ws[2]] == [VENDOR_A, HYPERLINK, "总价包干", "1,020,000 元", 1020000, "是", 0.1, 918000,
                                        30, "是"]
    assert ws["G2"].number_format == "0.00%"
    assert ws["E2"].number_format == "#,##0.00"
    assert [c.value for c in ws[5]][-4:] == [0, None, None, "否"]
    texts = {c.value: row for row in ws.iter_rows(min_row=6) for c in row if c.value}
    assert "低价优先法" in texts and "低价优先法 (lowest_ratio)" not in texts  # by its name, not its id
    assert "有效投标评审价格平均值" in texts
    numbers = [c.value for row in ws.iter_rows(min_row=6) for c in row if isinstance(c.value, float)]
    # the mean, then the abnormal-low line 0.8 × the mean (E_min 918,000 is whole, read as an int)
    assert numbers == [pytest.approx(994566.67, abs=0.01), pytest.approx(795653.33, abs=0.01)]


def test_invalid_and_rubric_sheets(workbook_path: Path, rubric: Rubric) -> None:
    book = openpyxl.load_workbook(workbook_path)
    invalid = book["Invalid"]
    assert [c.value for c in invalid[2]][:3] == [VENDOR_D, "@x", "bids/@x.xlsx"]
    assert invalid["D2"].alignment.wrap_text
    ws = book["Rubric"]
    assert ws["B1"].value == "客服业务外包项目评分标准"
    assert ws["B2"].value == "cs-outsourcing"
    assert [c.value for c in ws[4]] == ["评分项编号", "评分项", "类别", "评分方式", "分值", "评分规则", "说明"]
    ids = [ws.cell(row=r, column=1).value for r in range(5, 5 + len(rubric.criteria))]
    assert ids == [c.id for c in rubric.criteria]
    details = {ws.cell(row=r, column=1).value: ws.cell(row=r, column=6).value for r in range(5, 12)}
    assert details["ops_plan"] == "一档 0–5；二档 5.1–10；三档 10.1–15"
    assert details["licence"] == "业务经营许可证（未提供业务经营许可证）"  # the field by its label, as the report says it
    assert ws["E5"].value is None and ws["E6"].value == 5


def test_audit_lists_inputs_and_version(workbook_path: Path, result: Result, rubric: Rubric) -> None:
    ws = openpyxl.load_workbook(workbook_path)["Audit"]
    cells = [[c.value for c in row] for row in ws.iter_rows()]
    facts = {row[0]: row[1] for row in cells if row[0]}
    assert facts["工具版本"] == __version__
    assert facts["评分标准编号"] == "cs-outsourcing"
    assert facts["评分标准 SHA-256"] == rubric.sha256 and len(rubric.sha256) == 64
    assert facts["评分标准文件"] == "criteria/cs.yaml"
    assert facts["状态"] == "临时结果：尚缺评委评分（标记“评分未完成”），不能据此定标"  # in words, not "provisional"
    table = [row[:3] for row in cells if row[2] in {f.sha256 for f in result.inputs}]
    assert table == [["评分标准", "criteria/cs.yaml", "a" * 64], ["投标文件", "bids/all.xlsx", "b" * 64]]


def test_same_result_same_bytes(result: Result, tmp_path: Path) -> None:
    write_workbook(result, tmp_path / "one.xlsx")
    write_workbook(result, tmp_path / "two.xlsx")
    stream = io.BytesIO()
    write_workbook(result, stream)
    assert (tmp_path / "one.xlsx").read_bytes() == (tmp_path / "two.xlsx").read_bytes() == stream.getvalue()
    props = openpyxl.load_workbook(tmp_path / "one.xlsx").properties
    assert props.creator == "bid-eval"
    assert props.created.year == 2000


def test_no_valid_bid_still_writes_every_sheet(result: Result, tmp_path: Path) -> None:
    failed = replace(result, status=FINAL, ranking=(), candidates=(), outliers=(), panel_scores=(), judges=(),
                     prices=result.prices[-1:], price_mean=None, inputs=())
    path = tmp_path / "failed.xlsx"
    write_workbook(failed, path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == list(SHEETS)
    texts = [c.value for row in book["Ranking"].iter_rows() for c in row if c.value]
    assert "无有效投标（废标）" in texts and "最终结果" in texts
    assert header(book["Scores"])[-1] == "总分" and book["Scores"].max_row == 1
    frames = pd.read_excel(path, sheet_name=None, engine="openpyxl")
    assert list(frames) == list(SHEETS)
    assert frames["Invalid"].iloc[0, 1] == "@x"


def test_no_invalid_bid_says_so(result: Result, tmp_path: Path) -> None:
    path = tmp_path / "clean.xlsx"
    write_workbook(replace(result, invalid=(), status=FINAL), path, lang="en")
    book = openpyxl.load_workbook(path)
    assert book["Invalid"]["A2"].value == "There are no invalid bids"
    texts = [c.value for row in book["Ranking"].iter_rows() for c in row if c.value]
    assert "Final" in texts


def test_candidates_tied_is_noted(result: Result, tmp_path: Path) -> None:
    path = tmp_path / "tied.xlsx"
    write_workbook(replace(result, candidates_tied=True), path, lang="en")
    texts = [c.value for row in openpyxl.load_workbook(path)["Ranking"].iter_rows() for c in row if c.value]
    assert any("straddle the cut" in t for t in texts if isinstance(t, str))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(st.characters(codec="utf-8"), min_size=1, max_size=40),
       comment=st.sampled_from(HOSTILE) | st.text(alphabet="=+-@_x05F(\"),:!", min_size=1, max_size=20))
def test_any_text_round_trips_as_text(result: Result, name: str, comment: str) -> None:
    standing = replace(result.ranking[0], vendor_name=name)
    panel = (replace(result.panel_scores[0], comment=comment, judge=comment),)
    stream = io.BytesIO()
    write_workbook(replace(result, ranking=(standing,) + result.ranking[1:], panel_scores=panel), stream)
    data = stream.getvalue()
    book = openpyxl.load_workbook(io.BytesIO(data))
    cells = (book["Ranking"]["C2"], book["Scores"]["B2"], book["Panel"]["A2"], book["Panel"]["H2"])
    assert all(cell.data_type == "s" for cell in cells)
    # python-calamine, the project's reader, undoes Excel's _xHHHH_ escapes exactly (openpyxl does not).
    calamine = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    rows = {sheet: calamine.get_sheet_by_name(sheet).to_python() for sheet in ("Ranking", "Scores", "Panel")}
    assert (rows["Ranking"][1][2], rows["Scores"][1][1]) == (name, name)
    assert (rows["Panel"][1][0], rows["Panel"][1][7]) == (comment, comment)


def _soffice_convert(source: Path, outdir: Path, target: str, profile: Path) -> Path:
    soffice = shutil.which("soffice")
    assert soffice is not None
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                    "--convert-to", target, "--outdir", str(outdir), str(source)],
                   check=True, capture_output=True, timeout=180)
    return outdir / f"{source.stem}.{target.split(':')[0]}"


def test_libreoffice_recomputes_the_formulas(workbook_path: Path, result: Result, tmp_path: Path) -> None:
    if shutil.which("soffice") is None:
        pytest.fail("LibreOffice (soffice) is not installed: run the README's test command (bash scripts/test.sh)")
    # openpyxl keeps the formulas and drops every cached value, so LibreOffice must compute them.
    book = openpyxl.load_workbook(workbook_path)
    stripped = tmp_path / "stripped.xlsx"
    book.save(stripped)
    assert openpyxl.load_workbook(stripped, data_only=True)["Ranking"]["I2"].value is None
    converted = _soffice_convert(stripped, tmp_path / "out", "xlsx", tmp_path / "profile")
    values = openpyxl.load_workbook(converted, data_only=True)
    n = len(result.ranking)
    for sheet in ("Scores", "Ranking"):
        totals = [c.value for c in column(values[sheet], "总分", n)]
        assert [round(D(str(v)), 2) for v in totals] == [s.total for s in result.ranking], sheet
        for title, group in (("商务", "commercial"), ("运营", "operations"), ("价格", "price")):
            subtotals = [c.value for c in column(values[sheet], title, n)]
            assert [round(D(str(v)), 2) for v in subtotals] == [s.groups[group] for s in result.ranking]


# -- a fileable workbook: the tender on every printed page, print set-up, the formula text per language

TENDER = DocumentHeading(Label("市12345热线话务外包服务项目", "City 12345 hotline outsourcing"), "ZB-2026-018",
                    Label("公开招标，综合评分法", "Open tender, comprehensive scoring"), datetime.date(2026, 11, 30))


@pytest.fixture(scope="module", params=["zh", "en"])
def filed(request: pytest.FixtureRequest, result: Result, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    path = tmp_path_factory.mktemp("filed") / f"ranked-{request.param}.xlsx"
    write_workbook(result, path, request.param, TENDER)
    return request.param, path


@pytest.mark.parametrize("sheet, title_rows", [
    ("Ranking", "$1:$1"), ("Scores", "$1:$1"), ("Panel", "$1:$1"), ("Price", "$1:$1"), ("Invalid", "$1:$1"),
    ("Rubric", "$4:$4"), ("Audit", "$13:$13"),
])
def test_every_sheet_prints_a4_landscape_one_page_wide(filed: tuple[str, Path], sheet: str, title_rows: str) -> None:
    lang, path = filed
    ws = openpyxl.load_workbook(path)[sheet]
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.paperSize == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    # one page wide (an absent fitToWidth is 1, ECMA-376's default), as many pages long as it takes
    assert (ws.page_setup.fitToWidth or 1, ws.page_setup.fitToHeight) == (1, 0)
    assert ws.print_title_rows == title_rows
    header, footer = ws.oddHeader, ws.oddFooter
    assert header.left.text == TENDER.name.text(lang)
    assert header.center.text == ("项目编号：ZB-2026-018" if lang == "zh" else "Tender number: ZB-2026-018")
    assert header.right.text == ("2026年11月30日" if lang == "zh" else "2026-11-30")
    assert footer.left.text == "&A"  # the sheet's name
    assert footer.center.text == ("第 &P 页 / 共 &N 页" if lang == "zh" else "Page &P of &N")


def test_the_table_stays_at_the_top_and_the_tender_follows_the_notes(filed: tuple[str, Path], result: Result) -> None:
    lang, path = filed
    ranking = pd.read_excel(path, sheet_name="Ranking", engine="openpyxl")
    assert list(ranking.columns[:3]) == (["排名", "统一社会信用代码", "投标人"] if lang == "zh"
                                         else ["Rank", "Vendor ID", "Vendor"])
    assert list(ranking.head(len(result.ranking)).iloc[:, 1]) == [s.vendor_id for s in result.ranking]
    rows = [[c.value for c in row] for row in openpyxl.load_workbook(path)["Ranking"].iter_rows()]
    facts = {row[0]: row[2] for row in rows[len(result.ranking) + 1:] if row[0]}
    expected = ({"项目名称": "市12345热线话务外包服务项目", "项目编号": "ZB-2026-018", "评标方法": "公开招标，综合评分法",
                 "日期": "2026年11月30日"} if lang == "zh" else
                {"Tender": "City 12345 hotline outsourcing", "Tender number": "ZB-2026-018",
                 "Procurement method": "Open tender, comprehensive scoring", "Date": "2026-11-30"})
    assert expected.items() <= facts.items()
    audit = {row[0].value: row[1].value for row in openpyxl.load_workbook(path)["Audit"].iter_rows() if row[0].value}
    assert expected.items() <= audit.items()
    assert openpyxl.load_workbook(path).properties.title == f"{TENDER.name.text(lang)} (cs-outsourcing)"


def test_price_formula_text_is_in_the_workbooks_language(filed: tuple[str, Path]) -> None:
    lang, path = filed
    ws = openpyxl.load_workbook(path)["Price"]
    texts = [ws.cell(row=r, column=4).value for r in range(2, 6)]
    assert texts == (["1,020,000 元", "1.6575 元 × 50,000 通/月 × 12 个月", "2,975.56 元 × 30 席 × 12 个月", "1,300,000 元"]
                     if lang == "zh" else
                     ["1,020,000 yuan", "1.6575 yuan × 50,000 calls a month × 12 months",
                      "2,975.56 yuan × 30 seats × 12 months", "1,300,000 yuan"])


@pytest.mark.parametrize("name, number", [
    ("A & B 联合体" * 40, "ZB&1"),  # ampersands are Excel codes: escaped, and a long name is clipped to fit
    ("短名", "N" * 300),
])
def test_a_long_or_odd_tender_name_still_makes_a_valid_page_header(result: Result, tmp_path: Path, name: str,
                                                                    number: str) -> None:
    path = tmp_path / "odd.xlsx"
    write_workbook(result, path, "en", replace(TENDER, name=Label(name, name), number=number))
    header = openpyxl.load_workbook(path)["Ranking"].oddHeader
    assert header.left.text.replace("&&", "&").startswith(name[:20]) and header.right.text == "2026-11-30"
    assert "&&" in header.left.text or "&" not in name
    assert len(header.left.text) + len(header.center.text or "") < 255


def test_the_default_tender_is_the_rubrics_title_and_today(result: Result, tmp_path: Path) -> None:
    path = tmp_path / "default.xlsx"
    write_workbook(result, path, "en")
    header = openpyxl.load_workbook(path)["Ranking"].oddHeader
    assert header.left.text == "Customer-service outsourcing"
    assert header.right.text == datetime.date.today().isoformat()


def test_libreoffice_prints_the_tender_and_page_numbers(result: Result, tmp_path: Path) -> None:
    if shutil.which("soffice") is None:
        pytest.fail("LibreOffice (soffice) is not installed: run the README's test command (bash scripts/test.sh)")
    path = tmp_path / "ranked.xlsx"
    write_workbook(result, path, "zh", TENDER)  # one language proves the page set-up prints; zh has the CJK text
    pdf = _soffice_convert(path, tmp_path / "pdf", "pdf", tmp_path / "profile")
    pages = [page.extract_text() for page in PdfReader(pdf).pages]
    assert len(pages) >= 7  # every sheet on its own page(s)
    assert all("市12345热线话务外包服务项目" in text and "2026年11月30日" in text for text in pages)
    assert f"第 1 页 / 共 {len(pages)} 页" in pages[0] and f"第 {len(pages)} 页 / 共 {len(pages)} 页" in pages[-1]


@pytest.mark.parametrize("lang, says", [("zh", "回避（声明有利害关系，不打分）："),
                                        ("en", "Recused (a declared conflict of interest, no score): ")])
def test_the_panel_sheet_says_who_is_recused_from_which_bidder(result: Result, tmp_path: Path, lang, says) -> None:
    """An auditor reading the workbook sees why a bid has fewer scores than the panel has members (a tester found
    no trace of a recusal in the filed files)."""
    judge = result.judges[0]
    path = tmp_path / "r.xlsx"
    write_workbook(replace(result, recused=((judge, VENDOR_A), (judge, VENDOR_B))), path, lang)
    rows = [row for row in openpyxl.load_workbook(path)["Panel"].iter_rows(values_only=True)]
    lines = [row[:2] for row in rows if isinstance(row[1], str) and row[1].startswith(says)]
    joiner = "、" if lang == "zh" else ", "
    names = {line.vendor_id: line.vendor_name for line in result.prices}  # the bidder by name with its code (D6-9)
    assert lines == [(judge, says + joiner.join(f"{names[v]} ({v})" for v in (VENDOR_A, VENDOR_B)))]


# -- every figure a number cell whose format shows it as the JSON holds it (a tester's findings)

ROOT = Path(__file__).resolve().parent.parent
PLAIN_NUMBER = __import__("re").compile(r"[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?\s*%?")


def _rich_results(folder: Path) -> dict[str, Result]:
    """Tenders that between them write every sheet: the README's sample with a trimmed mean and a demand profile
    (cs-outsourcing), deductions and caps (goods), stages and weights (qcbs), a
    criterion scaled to the best with SME categories and a benchmark (the tester's), weights with mixed places."""
    from bideval.evaluation import run
    from tester_tenders import STAGED_SCALED, THREE_PLACES, WEIGHTED

    results = {name: run(ROOT / "criteria" / f"{name}.yaml", [ROOT / "sample_bids" / name],
                         [ROOT / "sample_bids" / f"{name}-panel.xlsx"])
               for name in ("cs-outsourcing", "goods-procurement", "qcbs-consultancy")}
    for name, tender in (("staged", STAGED_SCALED), ("weighted", WEIGHTED), ("three", THREE_PLACES)):
        (folder / name).mkdir()
        results[name] = tender.evaluate(folder / name)
    return results


@pytest.fixture(scope="module")
def rich_books(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], openpyxl.Workbook]:
    folder = tmp_path_factory.mktemp("rich")
    books = {}
    for name, result in _rich_results(folder).items():
        for lang in ("zh", "en"):
            buffer = io.BytesIO()
            write_workbook(result, buffer, lang)
            buffer.seek(0)
            books[name, lang] = openpyxl.load_workbook(buffer)
            assert books[name, lang].sheetnames == list(workbook_sheets(result))  # what the Export page lists
    sheets = {ws.title for book in books.values() for ws in book.worksheets}
    assert {"Deductions", "Caps", "Stages"} <= sheets  # what the scans below must reach
    return books


def test_no_number_is_stored_as_text(rich_books) -> None:
    """Rubric!B15 '50', B16 '2', B17 '2' were text: Excel flags them and does not sum them. Text that looks like a
    number is allowed only where it is an identifier (a credit code, a bid's own text, a file's hash)."""
    found = []
    for (name, lang), book in rich_books.items():
        ids = {c.value for sheet in ("Price", "Panel") for c in book[sheet]["A"]}  # every credit code; judges
        for ws in book.worksheets:
            for row in ws.iter_rows():
                for c in row:
                    if isinstance(c.value, str) and PLAIN_NUMBER.fullmatch(c.value.strip()) and c.value not in ids:
                        found.append(f"{name} {lang} {ws.title}!{c.coordinate} {c.value!r}")
    assert not found


def test_every_number_has_a_format_that_shows_it_whole(rich_books) -> None:
    """`0.##` showed 8 as "8." in Excel (Deductions, Caps, Rubric, Stages): every number cell's format either is
    General or has at least one fixed decimal place when it has a decimal point at all."""
    bare = __import__("re").compile(r"\.#")  # a point whose places are all optional
    found = []
    for (name, lang), book in rich_books.items():
        for ws in book.worksheets:
            for row in ws.iter_rows():
                for c in row:
                    if isinstance(c.value, (int, float)) and not isinstance(c.value, bool) or (
                            isinstance(c.value, str) and c.value.startswith("=")):
                        if bare.search(c.number_format):
                            found.append(f"{name} {lang} {ws.title}!{c.coordinate} {c.number_format}")
    assert not found


def test_the_rubric_sheet_s_settings_are_numbers(rich_books) -> None:
    ws = rich_books["goods-procurement", "en"]["Rubric"]
    settings = {ws.cell(row=r, column=1).value: ws.cell(row=r, column=2) for r in range(1, ws.max_row + 1)}
    assert [(settings[k].value, settings[k].number_format) for k in ("Maximum total", "Decimals", "Candidates")] \
        == [(100, "General"), (2, "General"), (3, "General")]
    share = settings["Outlier threshold (share of max)"]
    assert (share.value, share.number_format) == (0.25, "0%")  # 25%


def test_the_chinese_workbook_words_the_rubric_as_the_report_does(rich_books) -> None:
    """A tester found ids and English in the Chinese workbook's judge-facing cells: `lowest_ratio; … < 80% × mean`,
    `trimmed_mean (trim 1, ≥ 4)`, `months 10, seats 4, calls_per_month 1000`, `final`, `1.5 × projects`."""
    book = rich_books["cs-outsourcing", "zh"]
    rubric = book["Rubric"]
    settings = {rubric.cell(row=r, column=1).value: rubric.cell(row=r, column=2).value
                for r in range(1, rubric.max_row + 1)}
    rules = {rubric.cell(row=r, column=1).value: rubric.cell(row=r, column=6).value for r in range(5, rubric.max_row)}
    assert rules["price"].startswith("低价优先法") and "异常低价：低于平均评审价格的" in rules["price"]
    assert "lowest_ratio" not in rules["price"] and "mean" not in rules["price"]
    price = book["Price"]
    assert rules["price"] in [c.value for row in price.iter_rows() for c in row]  # the same sentence under the table
    assert settings["评委分汇总方式"].startswith("去掉最高分和最低分各")
    assert "个月" in settings["需求"] and not any(ch.isascii() and ch.isalpha() for ch in settings["需求"])
    assert settings["允许的报价方式"].isascii() is False and "_" not in settings["允许的报价方式"]
    audit = {row[0].value: row[1].value for row in book["Audit"].iter_rows(max_col=2)}
    assert audit["状态"] in ("最终结果", PROVISIONAL_LABEL.zh)


def _price_notes(book: openpyxl.Workbook) -> dict[str, object]:
    """The Price sheet's rows under its table: label (column A) → figure or text (column D)."""
    ws = book["Price"]
    return {ws.cell(row=r, column=1).value: ws.cell(row=r, column=4).value
            for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=4).value is not None}


@pytest.mark.parametrize("name, lang, expected", [
    ("cs-outsourcing", "zh", {"最低评审价格 E最低": 750000, "价格得分计算": "价格得分 = 30 × E最低 / E",
                              "异常低价线（80% × 平均值）": 1268800}),  # 0.8 × 1,586,000
    ("cs-outsourcing", "en", {"Lowest evaluated price E_min": 750000, "How the price score is reached":
                              "price score = 30 × E_min / E", "Abnormally low below (80% × the mean)": 1268800}),
    ("weighted", "en", {"Lowest evaluated price E_min": 100000, "Highest evaluated price E_max": 300000,
                        "How the price score is reached":
                            "price score = 100 × (E_max − E) / (E_max − E_min); 100 when all are equal"}),
])
def test_the_price_sheet_states_the_figures_each_method_scores_with(rich_books, name, lang, expected) -> None:
    """The Price sheet explained B and d for ratio and deviation, but not E_min, E_max or the abnormal-low line."""
    notes = _price_notes(rich_books[name, lang])
    assert {key: notes.get(key) for key in expected} == expected


def test_benchmark_deviation_shows_each_bid_s_d_from_the_mean(tmp_path: Path) -> None:
    from tester_tenders import THREE_PLACES

    tender = replace(THREE_PLACES, rubric=THREE_PLACES.rubric.replace(
        "method: lowest_ratio", "method: benchmark_deviation, above_penalty: 1, below_penalty: 0.5"))
    result = tender.evaluate(tmp_path)
    buffer = io.BytesIO()
    write_workbook(result, buffer, "en")
    book = openpyxl.load_workbook(buffer)
    ws = book["Price"]
    assert header(ws)[10] == "Deviation d (%)"
    d = {row[0]: row[10] for row in ws.iter_rows(min_row=2, max_row=6, values_only=True)}
    mean = D(154000)  # (100,000 + 2 × 120,000 + 130,000 + 300,000) / 5
    assert d["91110000000000501A"] == float(round(100 * (D(100000) - mean) / mean, 4)) == -35.0649
    price = {s.vendor_id: s.criteria["price"] for s in result.ranking}["91110000000000501A"]
    assert price == D("12.5")  # 30 − 0.5 × 35.0649…, to the rubric's 1 place
    assert _price_notes(book)["How the price score is reached"].startswith("benchmark B = the mean evaluated price")


DEVIATION = "method: deviation, above_penalty: 1, below_penalty: 0.5, benchmark: {base: %s}"


@pytest.mark.parametrize("method, used", [
    ("method: lowest_ratio", False),
    (DEVIATION % "trimmed_mean", False),  # 5 bids: B from the mean of the middle 3
    (DEVIATION % "lowest", False),
    (DEVIATION % "mean", True),
    (DEVIATION % "trimmed_mean, min_bids: 6", True),  # too few bids to trim: the plain mean
    ("method: benchmark_deviation, above_penalty: 1, below_penalty: 0.5", True),
    ("method: lowest_ratio, abnormal_low_share: 0.8", True),
])
def test_the_plain_mean_says_when_it_is_only_for_reference(tmp_path: Path, method: str, used: bool) -> None:
    """Beside a B formed from a trimmed mean, an unlabelled plain mean read as a discrepancy in B (author7 A7-6)."""
    from tester_tenders import THREE_PLACES

    result = replace(THREE_PLACES, rubric=THREE_PLACES.rubric.replace("method: lowest_ratio", method)).evaluate(tmp_path)
    buffer = io.BytesIO()
    write_workbook(result, buffer, "en")
    labels = set(_price_notes(openpyxl.load_workbook(buffer)))
    plain = "Mean evaluated price of valid bids"
    unused = plain + " (for reference only: not used in scoring)"
    assert (plain in labels, unused in labels) == (used, not used)


def test_the_unrounded_mean_and_abnormal_low_line_show_their_decimals(tmp_path: Path) -> None:
    """Kept unrounded (what the abnormal-low check compared), shown to the cent they looked equal to a price a
    fraction of a cent away: they keep their further decimals on screen."""
    from bideval.evaluation import run

    result = run("criteria/cs-outsourcing.yaml", ["sample_bids/cs-outsourcing"])
    path = tmp_path / "ranked.xlsx"
    write_workbook(result, path, lang="en")
    ws = openpyxl.load_workbook(path)["Price"]
    cells = {str(row[0].value): row[3] for row in ws.iter_rows() if row[0].value}
    mean = cells["Mean evaluated price of valid bids"]
    line = next(c for label, c in cells.items() if label.startswith("Abnormally low below"))
    share = result.rubric.price_criterion.abnormal_low_share
    assert mean.value == float(result.price_mean) and line.value == float(share * result.price_mean)
    assert mean.number_format == line.number_format == "#,##0.00######"


def _shows_whole(value: float, number_format: str) -> bool:
    """Whether a cell's number format of the shape ``0.000`` shows every decimal place of its value."""
    places = len(number_format.split(".", 1)[1]) if "." in number_format else 0
    return Decimal(str(value)) == Decimal(str(value)).quantize(Decimal(1).scaleb(-places))


def test_the_panel_sheet_shows_each_score_with_all_its_places(tmp_path: Path) -> None:
    """verify22p: with the rubric at 1 place and a criterion at 3 (its own `decimals`), the Panel sheet wrote every
    judge's score and the panel score in the rubric's format `0.0`: 4.125 typed and counted was printed 4.1 there,
    while the Scores sheet and the JSON gave 4.125; a score typed with more places than its criterion keeps (the
    command line keeps them) was printed rounded too."""
    from bideval.evaluation import run
    from conftest import good_bid, write_form, write_panel

    text = RUBRIC_YAML.replace("decimals: 2", "decimals: 1", 1).replace(
        "    kind: judged\n    max: 5\n", "    kind: judged\n    max: 5\n    decimals: 3\n")
    assert "decimals: 3" in text and "decimals: 1" in text
    rubric_path = tmp_path / "rubric.yaml"
    rubric_path.write_text(text, encoding="utf-8")
    bid = write_form(tmp_path / "a.xlsx", dict(good_bid(VENDOR_A)))
    panel = write_panel(tmp_path / "panel.xlsx", [["王", VENDOR_A, "service_design", 4.125, ""],
                                                  ["李", VENDOR_A, "service_design", 4.5, ""],
                                                  ["王", VENDOR_A, "ops_plan", 12.25, ""],
                                                  ["李", VENDOR_A, "ops_plan", 12, ""]],
                        [[VENDOR_A, "ops_plan", "t3"]])
    result = run(rubric_path, [bid], [panel])
    assert result.ranking[0].criteria["service_design"] == Decimal("4.313")
    path = tmp_path / "ranked.xlsx"
    write_workbook(result, path, lang="en")
    ws = openpyxl.load_workbook(path)["Panel"]
    titles = header(ws)
    score, panel_score = titles.index("Score") + 1, len(titles)
    cells = [(row[score - 1], row[panel_score - 1]) for row in ws.iter_rows(min_row=2) if row[1].value == VENDOR_A]
    assert sorted(c.value for c, _ in cells) == [4.125, 4.5, 12, 12.25]
    hidden = [f"{c.coordinate} {c.value} {c.number_format}" for pair in cells for c in pair
              if not _shows_whole(c.value, c.number_format)]
    assert not hidden


def test_the_inputs_and_price_sheets_show_a_percent_with_all_its_places(tmp_path: Path) -> None:
    """verify22p: a bid's committed 92.555 % was written on the Inputs sheet as 92.56 % (format `0.00%`), though the
    linear score is taken from 92.555 %; an SME deduction of 12.125 % showed as 12.13 % on the Price sheet."""
    from bideval.evaluation import run
    from conftest import good_bid, write_form

    rubric_path = tmp_path / "rubric.yaml"
    rubric_path.write_text(RUBRIC_YAML.replace("sme_deduction: 0.10", "sme_deduction: 0.12125"), encoding="utf-8")
    bids = [write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A, dial_test_accuracy="92.555%", sme="是")),
            write_form(tmp_path / "b.xlsx", good_bid(VENDOR_B, name="乙公司"))]
    result = run(rubric_path, bids, [])
    assert result.stated[VENDOR_A]["dial_test_accuracy"] == Decimal("0.92555")
    path = tmp_path / "ranked.xlsx"
    write_workbook(result, path, lang="en")
    book = openpyxl.load_workbook(path)
    inputs = [c for row in book["Inputs"].iter_rows(min_row=2) for c in row if c.value == 0.92555]
    deduction = [c for row in book["Price"].iter_rows(min_row=2) for c in row if c.value == 0.12125]
    assert len(inputs) == 1 and len(deduction) == 1
    assert [c.number_format for c in inputs + deduction] == ["0.000%", "0.000%"]


def test_candidates_sharing_a_rank_share_its_number(result: Result, tmp_path: Path) -> None:
    """verify22p: two candidates tied at rank 2 were numbered 2. and 3., as if one came before the other; they share
    the rank (Order 87 art. 55: 并列), so they share its number, on the Ranking sheet as in the app."""
    first, second, third = result.ranking[:3]
    tied = replace(result, ranking=(first, second, replace(third, rank=second.rank)), candidates_tied=True)
    assert [place for place, _ in tied.candidate_places] == [1, 2, 2]
    path = tmp_path / "tied.xlsx"
    write_workbook(tied, path, lang="en")
    texts = [c.value for row in openpyxl.load_workbook(path)["Ranking"].iter_rows() for c in row if c.value]
    assert f"2. {second.vendor_id} {second.vendor_name}".rstrip() in texts
    assert f"2. {third.vendor_id} {third.vendor_name}".rstrip() in texts
    assert not any(isinstance(t, str) and t.startswith("3. ") for t in texts)
