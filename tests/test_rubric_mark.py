"""A bid form or score sheet says which rubric it was made from: another lot's is refused, another version's is
read with a warning, and a form whose column D states another unit than the rubric reads is refused at its cell."""
from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from bideval.bids import read_bids
from bideval.errors import BidsError, PanelError, Problem
from bideval.labels import Label, Named
from bideval.messages import message
from bideval.panel import read_panel
from bideval.rubric_mark import read_mark
from bideval.rubric_yaml import parse_rubric
from bideval.scoresheet import write_score_sheet
from bideval.template import write_bid_form
from conftest import EXAMPLE_RUBRIC, VENDOR_A, good_bid, make_bid

TEXT = EXAMPLE_RUBRIC.read_text(encoding="utf-8")
LOT2 = TEXT.replace("id: cs-outsourcing", "id: cs-outsourcing-lot2", 1)
RESAVED = "\ufeff" + TEXT.replace("\n", "\r\n")  # the same rubric saved on Windows: the same mark
COMMENTED = TEXT + "# 澄清一：评分办法不变\n"  # another version, every unit as it was
IN_YUAN = TEXT.replace("type: money, unit: 10k CNY}", "type: money}", 1)  # registered_capital amended to yuan
NOTE_LIKE_A_UNIT = TEXT.replace("en: Similar projects}, type: integer}",  # a note reads like the form's unit
                                "en: Similar projects}, type: integer, note: {zh: 单位：个, en: 'unit: projects'}}", 1)
AMENDED_WARNING = ("this bid form was made from another version of rubric 'cs-outsourcing' (SHA-256 {made}…; "
                   "this version {now}…): read against this version; check that its fields and notes still ask what "
                   "the bidder answered")
OTHER_UNIT = ("Bid!C7: the form says 万元 / 10,000 yuan but the rubric reads 'registered_capital' in 元 / yuan: {why}")


def _rubric(text: str):
    return parse_rubric(text, "rubric.yaml")


def _filled_form(tmp_path: Path, made_from: str, name: str = "a.xlsx", **answers) -> Path:
    """The form bid-eval writes from ``made_from``, filled in and saved by another program (openpyxl) as a bidder's
    spreadsheet does."""
    path = tmp_path / name
    write_bid_form(_rubric(made_from), path)
    book = openpyxl.load_workbook(path)
    values = {**good_bid(registered_capital=3000), **answers}
    for row in book["Bid"].iter_rows(min_row=2):
        if row[0].value in values:
            row[2].value = values[row[0].value]
    book.save(path)
    return path


def _digest(text: str) -> str:
    return _rubric(text).text_sha256[:12]


@pytest.mark.parametrize("made_from, read_with, refused, warned", [
    (TEXT, TEXT, [], []),
    (TEXT, RESAVED, [], []),
    (NOTE_LIKE_A_UNIT, NOTE_LIKE_A_UNIT, [], []),
    (LOT2, TEXT, ["a.xlsx: a bid form for rubric 'cs-outsourcing-lot2', not 'cs-outsourcing': it was made for another "
                  "tender or lot (its document properties name the rubric); give the bid form made from "
                  "'cs-outsourcing'"], []),
    (TEXT, COMMENTED, [], ["a.xlsx: " + AMENDED_WARNING.format(made=_digest(TEXT), now=_digest(COMMENTED))]),
    (TEXT, IN_YUAN, ["a.xlsx:" + OTHER_UNIT.format(why="the form was made from another version of the rubric; have "
                                                       "the bidder answer on a form made from this version")], []),
])
def test_a_bid_form_is_read_only_by_the_rubric_it_was_made_from(tmp_path, made_from, read_with, refused, warned):
    form = _filled_form(tmp_path, made_from)
    assert read_mark(None) is None
    try:
        bidset = read_bids(_rubric(read_with), [form])
    except BidsError as error:
        assert [str(p).replace(f"{tmp_path}/", "") for p in error.problems] == refused
        return
    assert refused == []
    assert [str(w).replace(f"{tmp_path}/", "") for w in bidset.warnings] == warned
    assert bidset.bids[0].value("registered_capital") == 3000


def test_a_unit_rewritten_in_column_d_is_refused_and_many_forms_of_one_old_version_warn_once(tmp_path):
    """A bidder who writes 万元 over the form's 元 (the rubric unchanged) is refused at the cell as well; forms of
    one older version make one warning naming them all."""
    form = _filled_form(tmp_path, IN_YUAN)
    book = openpyxl.load_workbook(form)
    book["Bid"]["D7"].value = "万元 / 10,000 yuan"
    book.save(form)
    with pytest.raises(BidsError) as caught:
        read_bids(_rubric(IN_YUAN), [form])
    assert [str(p).replace(f"{tmp_path}/", "") for p in caught.value.problems] == ["a.xlsx:" + OTHER_UNIT.format(
        why="column D of the form was changed; ask the bidder which unit the answer is in, and have it given in the "
            "rubric's unit")]
    forms = [_filled_form(tmp_path, TEXT, f"{n}.xlsx", vendor_id=vendor) for n, vendor in
             (("a", VENDOR_A), ("b", "91440300708461136T"), ("c", "91310115MA1K3YJ45U"))]
    bidset = read_bids(_rubric(COMMENTED), forms)
    assert [str(w).replace(f"{tmp_path}/", "") for w in bidset.warnings] == [
        "a.xlsx: " + AMENDED_WARNING.format(made=_digest(TEXT), now=_digest(COMMENTED)).replace(
            "this bid form was", "this bid form and 2 more (b.xlsx, c.xlsx) were")]


def test_a_score_sheet_made_for_another_lot_is_refused_and_another_version_s_warned(tmp_path):
    rubric = _rubric(TEXT)
    bids = [make_bid(rubric, good_bid())]
    for made_from, name in ((LOT2, "王评委-第2包.xlsx"), (COMMENTED, "王评委.xlsx")):
        write_score_sheet(_rubric(made_from), bids, {(VENDOR_A, "ops_plan"): "t3"}, "王评委", tmp_path / name)
    with pytest.raises(PanelError) as caught:
        read_panel(rubric, bids, [], [tmp_path / "王评委-第2包.xlsx"])
    assert [str(p).split(": it was")[0] for p in caught.value.problems] == [
        f"{tmp_path / '王评委-第2包.xlsx'}: a score sheet for rubric 'cs-outsourcing-lot2', not 'cs-outsourcing'"]
    panel = read_panel(rubric, bids, [], [tmp_path / "王评委.xlsx"])
    assert [(w.code, w.data["role"]) for w in panel.warnings] == [("files.other_version", "panel")]


@pytest.mark.parametrize("written", ["万元/10,000 yuan", "单位：万元", "千元", "USD", "元 / yuan (单位：万元)", "万元 / yuan"])
def test_column_d_reworded_on_a_form_of_this_version_is_refused(tmp_path, written):
    """hostile8 H8-1: only the form's own wording of another unit (万元 / 10,000 yuan) was caught; a unit cell reworded
    any other way (no spaces, 单位：万元, 千元, USD, a bracket after the unit) let 0.52 be read as 0.52 yuan. On a form
    of this very version, column D must still hold the unit it was written with."""
    form = _filled_form(tmp_path, IN_YUAN)
    book = openpyxl.load_workbook(form)
    book["Bid"]["D7"].value = written
    book.save(form)
    with pytest.raises(BidsError) as caught:
        read_bids(_rubric(IN_YUAN), [form])
    assert [p.code for p in caught.value.problems] == ["bids.unit_changed"]
    assert caught.value.problems[0].data["stated"] == written


# similar_projects measured in hours, its note holding a `;` and a unit of its own (as it-outsourcing's response time)
IN_HOURS = TEXT.replace("en: Similar projects}, type: integer}", "en: Similar projects}, type: integer, unit: h, "
                        "note: {zh: 自到场起计；最长2小时, en: 'From arrival; at most 2 hours'}}", 1)


def _column_d(form: Path, field: str, written: str) -> str:
    """Column D of ``field``'s row rewritten (``{D}``: what it said); the answer's cell."""
    book = openpyxl.load_workbook(form)
    row = next(row for row in book["Bid"].iter_rows(min_row=2) if row[0].value == field)
    row[3].value = written.format(D=row[3].value)
    book.save(form)
    return row[2].coordinate


@pytest.mark.parametrize("made_from, field, written, stated", [
    # hostile9 H9-1: the form's unit kept, another named beside it (a part, a new line, or put first)
    *[(IN_YUAN, "registered_capital", written, stated) for written, stated in [
        ("{D}; 单位：万元", "单位：万元"), ("{D}; 万元", "万元"), ("{D}; 本行报价单位为万元", "本行报价单位为万元"),
        ("{D};（万元）", "（万元）"), ("{D}; 注：按万元填写", "注：按万元填写"), ("{D}\n单位：万元", "单位：万元"),
        ("单位：万元; {D}", "单位：万元"), ("{D}; USD", "USD"), ("{D}；单位：万", "单位：万")]],
    (TEXT, "registered_capital", "{D}; 单位：元", "单位：元"),
    (IN_HOURS, "similar_projects", "{D}; 单位：分钟", "单位：分钟"),
    (IN_HOURS, "similar_projects", "单位：h / unit: h; 按分钟填写", "按分钟填写"),
    (IN_HOURS, "similar_projects", "{D}; in days (天)", "in days (天)"),
    # hostile9 H9-6: a rewritten D is quoted by the part naming a unit, or whole when no part names one
    (IN_YUAN, "registered_capital", "不小于0 / 0 or more; 万元 / 10,000 yuan", "万元 / 10,000 yuan"),
    (IN_YUAN, "registered_capital", "必填; 单位：万元", "单位：万元"),
    (IN_HOURS, "similar_projects", "数字 / number; 单位：分钟 / unit: minutes", "单位：分钟 / unit: minutes"),
    (IN_YUAN, "registered_capital", "不小于0 / 0 or more; 按实际填写", "不小于0 / 0 or more; 按实际填写"),
    # hostile11 H11-2: 万元 said in other words, and minutes as 按分计
    *[(IN_YUAN, "registered_capital", f"{{D}}; {said}", said) for said in [
        "以万为单位", "按万填写", "（万）", "金额以万计", "填写时以“万”计", "in 10k CNY", "unit: 10k yuan", "x 10,000"]],
    (IN_HOURS, "similar_projects", "{D}; 按分计", "按分计"),
    # … but a part that is only the answer with its unit restates the answer's unit (H11-11 keeps it refused)
    (IN_YUAN, "registered_capital", "{D}; 3000万元", "3000万元"), (IN_HOURS, "similar_projects", "{D}; 约90分钟", "约90分钟"),
    # hostile11 H11-3: a price per seat-month said to be for another period
    *[(TEXT, "rate_per_seat_month", f"{{D}}; {said}", said) for said in [
        "元/席/年", "按年报价", "每年", "年度单价", "报价为年费", "per seat-year", "按季度"]],
    # hostile12: the period after a middle dot or in brackets (元/席·年, 元（年）), or an hour's price
    *[(TEXT, "rate_per_seat_month", said, said) for said in ["元/席·年", "元/(人·年)", "元（年）", "元/席/小时", "元/人年",
                                                             "元/席年", "yuan/seat/year", "yuan per seat per annum"]],
    (IN_YUAN, "registered_capital", "人民币万元", "人民币万元"), (IN_YUAN, "registered_capital", "万", "万"), (IN_YUAN, "registered_capital", "{D}; 元/人民币万元", "元/人民币万元"),
])
def test_column_d_naming_another_unit_anywhere_is_refused(tmp_path, made_from, field, written, stated):
    """hostile9 H9-1: a bidder who kept the form's `元 / yuan` and added 单位：万元 after it (or on a new line, or
    before it) had 0.52 read as 0.52 yuan; the refusal quotes the words naming the other unit (H9-6)."""
    form = _filled_form(tmp_path, made_from, price_model="per_seat_month", rate_per_seat_month=62400, rate_per_call=None)
    cell = _column_d(form, field, written)
    with pytest.raises(BidsError) as caught:
        read_bids(_rubric(made_from), [form])
    assert [(p.code, p.cell, p.data["stated"]) for p in caught.value.problems] == [("bids.unit_changed", cell, stated)]


@pytest.mark.parametrize("made_from, field, written", [
    (IN_YUAN, "registered_capital", "{D}; 含税 / tax included"), (IN_YUAN, "registered_capital", "{D}\n以营业执照为准"),
    (IN_YUAN, "registered_capital", "{D}; 单位：元"), (IN_YUAN, "registered_capital", "{D}; 成都天府分公司"),
    (IN_HOURS, "similar_projects", "{D}; 按小时计，如 1.5 hours"), (IN_HOURS, "similar_projects", "{D}; 近三年每月一次"),
    (IN_HOURS, "similar_projects", "{D}; 2023年1月至今，承诺书3月15日签署"),
    (IN_HOURS, "similar_projects", "{D}"), (IN_HOURS, "similar_projects", "自到场起计；最长2小时 / From arrival; at most 2 hours"),
    # hostile11 H11-11: a unit right after a number is an amount or a time, not the answer's unit
    (IN_HOURS, "similar_projects", "{D}; 接报后30分钟内电话响应，2小时内到场"),
    (IN_YUAN, "registered_capital", "{D}; 报价含税，投标总价不超过预算500万元"),
    (TEXT, "similar_projects", "{D}; 合同金额均在100万元以上"), (TEXT, "rate_per_seat_month", "{D}; 每月按30天计，含税"),
    (TEXT, "rate_per_seat_month", "{D}; 坐席服务时间8小时/天"),
    # conform12: the form's unit rewritten in other words naming the same unit (元 for 元 / yuan)
    (IN_YUAN, "registered_capital", "元"), (IN_YUAN, "registered_capital", "人民币元; 含税"),
    (TEXT, "registered_capital", "万元"), (TEXT, "rate_per_seat_month", "元/席/月"), (IN_HOURS, "similar_projects", "小时"),
    (TEXT, "rate_per_seat_month", "元/人·月"), (TEXT, "rate_per_seat_month", "元/(席·月)（含税）"),
    (TEXT, "rate_per_seat_month", "元/人月"), (TEXT, "rate_per_seat_month", "yuan/person/month"),
    # hostile12: 人民币 beside the unit names the currency, not another unit (人民币万元 is 万元)
    (TEXT, "registered_capital", "人民币万元"), (TEXT, "registered_capital", "万元（人民币）; 含税"),
    (IN_YUAN, "registered_capital", "元人民币"), (TEXT, "registered_capital", "万; 含税"),  # (万 alone is 万元)
])
def test_column_d_naming_no_other_unit_is_read(tmp_path, made_from, field, written):
    """A note beside the form's unit (a note, 不小于0, the field's own unit again, words holding 天 or 年 as a
    character of another word) names no other unit: read as before."""
    form = _filled_form(tmp_path, made_from, registered_capital=30000000, similar_projects=2,
                        price_model="per_seat_month", rate_per_seat_month=5200, rate_per_call=None)
    _column_d(form, field, written)
    bid = read_bids(_rubric(made_from), [form]).bids[0]
    assert (bid.value("registered_capital"), bid.value("similar_projects")) == (30000000, 2)


def _without_mark(form: Path) -> None:
    """The form as a copy of its sheet into a new workbook leaves it: without the custom properties."""
    from openpyxl.packaging.custom import CustomPropertyList

    book = openpyxl.load_workbook(form)
    book.custom_doc_props = CustomPropertyList()
    book.save(form)


@pytest.mark.parametrize("made_from, field, written, refused", [
    (IN_YUAN, "registered_capital", "万元 / 10,000 yuan", True), (TEXT, "registered_capital", "元 / yuan", True),
    (IN_YUAN, "registered_capital", "元 / yuan; 不小于0 / 0 or more\n万元 / 10,000 yuan", True),
    (IN_HOURS, "similar_projects", "单位：分钟 / unit: minutes", True),
    # the same unit, no unit, or a unit in words bid-eval never writes: read as before
    (IN_HOURS, "similar_projects", "单位：小时 / unit: hours", False), (IN_YUAN, "registered_capital", "{D}", False),
    (IN_YUAN, "registered_capital", "单位：万元", False), (IN_YUAN, "registered_capital", "千元", False),
    (TEXT, "itss_level", "单位：级 / unit: level", False), (IN_YUAN, "registered_capital", "按营业执照填写", False),
])
def test_column_d_of_a_form_without_the_mark_naming_another_unit_in_bid_eval_s_words_is_refused(
        tmp_path, made_from, field, written, refused):
    """hostile9 H9-2: the Bid sheet copied into a new workbook loses the mark; column D rewritten 万元 / 10,000 yuan
    (bid-eval's own words) had 0.52 read as 0.52 yuan."""
    form = _filled_form(tmp_path, made_from, registered_capital=30000000, similar_projects=2)
    cell = _column_d(form, field, written)
    _without_mark(form)
    assert read_mark(zipfile.ZipFile(form).read("docProps/custom.xml")
                     if "docProps/custom.xml" in zipfile.ZipFile(form).namelist() else None) is None
    try:
        read_bids(_rubric(made_from), [form])
    except BidsError as error:
        assert [(p.code, p.cell, p.data["marked"]) for p in error.problems] == [("bids.unit_changed", cell, False)]
        assert "column D of the form names another unit" in str(error.problems[0])
        assert refused
        return
    assert not refused


@pytest.mark.parametrize("written, refused", [("元/席/年", True), ("元 / yuan per year", True), ("元/席/月", False),
                                             ("元 / yuan; 每月按30天计", False)])
def test_a_monthly_rate_said_to_be_a_year_s_on_a_form_without_the_mark_is_refused(tmp_path, written, refused):
    """hostile12: the Bid sheet copied into a new workbook, 元/席/年 beside the monthly rate had 62,400 a seat-year
    read as a month's rate: the period is compared with or without the mark."""
    form = _filled_form(tmp_path, TEXT, price_model="per_seat_month", rate_per_seat_month=62400, rate_per_call=None)
    cell = _column_d(form, "rate_per_seat_month", written)
    _without_mark(form)
    if not refused:
        assert [b.value("rate_per_seat_month") for b in read_bids(_rubric(TEXT), [form]).bids] == [62400]
        return
    with pytest.raises(BidsError) as caught:
        read_bids(_rubric(TEXT), [form])
    assert [(p.code, p.cell, p.data["stated"]) for p in caught.value.problems] == [("bids.unit_changed", cell, written)]


@pytest.mark.parametrize("stated, marked, zh", [
    ("万元 / 10,000 yuan", False, "填报表注明单位为“万元”，但评分标准按“元”读取该字段：D 列注明的单位与评分标准不同；"
                                  "请向投标人确认所填数值的单位，并按评分标准的单位填写"),
    # words a bidder added are quoted whole, not cut at their first ' / ' (H9-6)
    ("元 / yuan (单位：万元)", True, "填报表注明单位为“元 / yuan (单位：万元)”，但评分标准按“元”读取该字段：D 列的单位被改过；"
                                 "请向投标人确认所填数值的单位，并按评分标准的单位填写"),
])
def test_the_unit_refusal_quotes_what_column_d_says(stated, marked, zh):
    problem = Problem.of("bids.unit_changed", "a.xlsx", "Bid", "C7", field=Named("capital", Label("注册资本", "Capital")),
                         stated=stated, unit="元 / yuan", amended=False, marked=marked)
    assert message(problem, "zh") == zh


def test_the_period_refusal_names_the_field_s_period():
    """hostile11 H11-3: a price per seat-month said to be per year is refused naming the period the rubric reads."""
    problem = Problem.of("bids.unit_changed", "a.xlsx", "Bid", "C20", stated="元/席/年", unit="元 / yuan",
                         field=Named("rate_per_seat_month", Label("每席位每月单价", "Rate per seat-month")),
                         period=Label("月", "month"), amended=False, marked=True)
    assert str(problem).startswith(
        "a.xlsx:Bid!C20: the form says 元/席/年 but the rubric reads 'rate_per_seat_month' in 元 / yuan per month: ")
    assert message(problem, "zh").startswith("填报表注明单位为“元/席/年”，但评分标准按“元/月”读取该字段")


def test_the_apps_result_warns_of_forms_of_another_version_as_the_command_line_does(tmp_path):
    """appaudit: forms made before an amendment are warned of in the command line's Audit sheet (one warning naming
    them all); the app's result, and so its workbook, said nothing once the upload's report was gone. The bid keeps
    the version it was made from (migration 0011): the app's result gives the command line's warning, and a bid
    removed takes its file out of it."""
    from bideval.storage import Store
    from conftest import admin_of, chair_tender

    forms = [_filled_form(tmp_path, TEXT, f"{n}.xlsx", vendor_id=vendor) for n, vendor in
             (("b", VENDOR_A), ("a", "91440300708461136T"))]
    forms.append(_filled_form(tmp_path, COMMENTED, "c.xlsx", vendor_id="91310115MA1K3YJ45U"))
    said = [str(w).replace(f"{tmp_path}/", "") for w in read_bids(_rubric(COMMENTED), sorted(forms)).warnings]
    assert len(said) == 1 and "and 1 more (b.xlsx)" in said[0], said
    store = Store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    admin, tender = admin_of(store), chair_tender(store, "T", COMMENTED)
    assert store.import_bids(admin, tender, [(p.name, p.read_bytes()) for p in forms]).ok
    assert [str(w) for w in store.result_for(admin, tender).warnings] == said
    store.remove_bid(admin, tender, "91440300708461136T", "withdrawn")
    assert [str(w) for w in store.result_for(admin, tender).warnings] == [
        "b.xlsx: " + AMENDED_WARNING.format(made=_digest(TEXT), now=_digest(COMMENTED))]
