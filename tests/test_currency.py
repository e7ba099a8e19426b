"""What an amount in the rubric's currency is called, and the one unit a chart counts it in."""
from decimal import Decimal as D

import pytest

from bideval.currency import currency, money_amount, money_unit


@pytest.mark.parametrize("largest, code, lang, label, divisor", [
    ("99999.99", "CNY", "zh", "元", 1),
    ("100000", "CNY", "zh", "万元", 10000),
    ("1872000", "CNY", "zh", "万元", 10000),
    ("350000000", "CNY", "zh", "万元", 10000),  # 35,000 万元: Chinese tenders write 万元 at any size
    ("99999.99", "CNY", "en", "CNY", 1),
    ("1872000", "CNY", "en", "thousand CNY", 1000),
    ("350000000", "CNY", "en", "million CNY", 1000000),
    ("1872000", "USD", "zh", "万美元", 10000),
    ("5000", "EUR", "zh", "欧元", 1),
    ("1872000", "GBP", "en", "thousand GBP", 1000),
    ("1872000", "CHF", "zh", "万CHF", 10000),  # a code without a Chinese name is named by its code
    ("-250000", "CNY", "zh", "万元", 10000),  # by size, whatever the sign
])
def test_money_unit_is_chosen_by_the_largest_amount(largest, code, lang, label, divisor):
    unit = money_unit([D("1"), D(largest)], code, lang)
    assert (unit.label, unit.divisor) == (label, divisor)


def test_money_unit_scales_every_amount_alike():
    unit = money_unit([D("750000"), D("1872000")], "CNY", "zh")
    assert [unit.scale(D(a)) for a in ("750000", "1872000")] == [75.0, 187.2]


def test_no_amounts_are_in_the_plain_unit():
    assert money_unit([], "CNY", "zh").label == "元"


@pytest.mark.parametrize("amount, code, lang, text", [
    ("1872000", "CNY", "zh", "1,872,000.00 元"),
    ("1872000", "CNY", "en", "¥1,872,000.00"),
    ("98000.5", "USD", "en", "$98,000.50"),
    ("98000.5", "USD", "zh", "98,000.50 美元"),
    ("0.005", "EUR", "en", "€0.01"),  # half-up to the cent
    ("-12", "GBP", "en", "-£12.00"),
    ("12", "CHF", "en", "CHF 12.00"),
])
def test_money_amount(amount, code, lang, text):
    assert money_amount(D(amount), code, lang) == text


@pytest.mark.parametrize("code, lang, text", [
    ("USD", "zh", "650,000 美元"),  # was "650,000 USD" where every other place says 美元 (report6 D6-8)
    ("USD", "en", "650,000 US dollars"),
    ("CNY", "zh", "650,000 元"),
])
def test_how_q_was_reached_names_the_currency_as_the_document_does(code, lang, text):
    from bideval.pricing import Demand, PricingModel, formula_text

    assert formula_text(PricingModel.LUMP_SUM, {"total_price": D(650000)}, Demand(), lang, code) == text


def test_currency_names():
    assert (currency("CNY").name.zh, currency("USD").symbol, currency("XYZ").name.en) == ("元", "$", "XYZ")


# -- the tender's currency in rubrics and money cells (issue 7, item 9)

import openpyxl  # noqa: E402

from bideval.bids import read_bids  # noqa: E402
from bideval.errors import BidsError, RubricError  # noqa: E402
from bideval.evaluation import evaluate, run  # noqa: E402
from bideval.export import write_workbook  # noqa: E402
from bideval.rubric import load_rubric, parse_rubric  # noqa: E402
from bideval.rubric_view import describe_rubric  # noqa: E402
from bideval.template import write_bid_form  # noqa: E402
from bideval.values import parse_money  # noqa: E402
from conftest import ROOT, VENDOR_A, VENDOR_B, make_bidset, write_form  # noqa: E402

USD = """
id: consultancy
title: {en: Consultancy services}
currency: USD
fields:
  - {id: team_cost, label: {en: Monthly team cost}, type: money}
groups:
  - {id: technical, label: {en: Technical}}
  - {id: financial, label: {zh: 财务部分}}
criteria:
  - {id: approach, name: {en: Approach and methodology}, group: technical, kind: judged, max: 70}
  - {id: price, name: {en: Financial proposal}, group: financial, kind: price, max: 30, method: lowest_ratio,
     budget_ceiling: 500000}
"""
CONSULTANCY = parse_rubric(USD, "consultancy.yaml")


@pytest.mark.parametrize("raw, currency, expected", [
    ("$1,200", "USD", "1200"), ("USD 1,200", "USD", "1200"), ("1,200 usd", "USD", "1200"), ("US$ 3,000.50", "USD", "3000.50"),
    ("€5", "EUR", "5"), ("£12", "GBP", "12"), ("1200", "USD", "1200"), (1200.5, "USD", "1200.5"),
    ("¥1,200", "CNY", "1200"), ("45万", "CNY", "450000"), ("RMB 100", "CNY", "100"),
])
def test_the_tenders_own_notation_is_read(raw, currency, expected):
    assert parse_money(raw, currency=currency) == D(expected)


@pytest.mark.parametrize("raw, currency, notation", [
    ("$1,200", "CNY", "not US dollar notation '$'"),    # the examples
    ("¥1,200", "USD", "not Chinese yuan notation '¥'"),
    ("12万", "USD", "not Chinese yuan notation '万'"),    # 万 is yuan only
    ("1,200元", "USD", "not Chinese yuan notation '元'"),
    ("€5", "USD", "not euro notation '€'"), ("GBP 5", "EUR", "not pound sterling notation 'gbp'"),
    ("1,200澳元", "CNY", "not AUD notation '澳元'"), ("100美金", "CNY", "not US dollar notation '美金'"),
    ("₩1,200", "CNY", "not KRW notation '₩'"),  # the names a number format is read for, a cell's text too
])
def test_another_currencys_notation_is_refused(raw, currency, notation):
    with pytest.raises(ValueError) as caught:
        parse_money(raw, currency=currency)
    assert notation in caught.value.expected and f"this tender is in {currency}" in caught.value.expected


def test_a_money_cell_in_another_notation_is_an_error_naming_the_cell(tmp_path):
    form = write_form(tmp_path / "a.xlsx", {"vendor_id": VENDOR_A, "vendor_name": "Alpha LLC",
                                            "team_cost": "¥80,000", "total_price": "$450,000"})
    with pytest.raises(BidsError) as caught:
        read_bids(CONSULTANCY, [form])
    (problem,) = caught.value.problems
    assert str(problem) == (f"{form}:Bid!C4: expected an amount in USD, 0 or more (not Chinese yuan notation '¥': "
                            "this tender is in USD), found '¥80,000'")


@pytest.mark.parametrize("code, ok", [("USD", True), ("EUR", True), ("GBP", True), ("JPY", True), ("XAU", False),
                                      ("usd", False), ("DOLLARS", False), (840, False)])
def test_the_currency_is_an_iso_4217_code(code, ok):
    text = USD.replace("currency: USD", f"currency: {code}")
    if ok:
        assert parse_rubric(text, "x.yaml").currency == code
        return
    with pytest.raises(RubricError) as caught:
        parse_rubric(text, "x.yaml")
    (problem,) = caught.value.problems
    assert "currency: unknown currency" in str(problem) and problem.data["currency"] == code


@pytest.mark.parametrize("code, meant", [("RMB", "CNY"), ("usd", "USD"), ("人民币", "CNY"), ("DOLLARS", None)])
def test_a_currency_written_otherwise_is_said_with_its_code(code, meant):
    with pytest.raises(RubricError) as caught:
        parse_rubric(USD.replace("currency: USD", f"currency: {code}"), "x.yaml")
    (problem,) = caught.value.problems
    assert str(problem).endswith(f"; for {code!r} write {meant}" if meant else "EUR or GBP"), str(problem)


def test_the_default_currency_is_yuan():
    assert parse_rubric(USD.replace("currency: USD\n", ""), "x.yaml").currency == "CNY"


def test_ten_thousand_yuan_fields_are_for_yuan_tenders_only():
    text = USD.replace("type: money}", "type: money, unit: 10k CNY}")
    with pytest.raises(RubricError, match="field 'team_cost': a money field's unit must be the tender's currency USD"):
        parse_rubric(text, "x.yaml")


def test_a_text_in_one_language_is_shown_in_it_in_both():
    r = CONSULTANCY
    assert r.title.zh == r.title.en == "Consultancy services"
    assert r.group("financial").label.en == "财务部分" and r.group("technical").label.zh == "Technical"
    for lang in ("zh", "en"):
        text = describe_rubric(r, lang)
        assert "Consultancy services" in text and "Approach and methodology" in text and "财务部分" in text


@pytest.fixture(scope="module")
def result():
    bids = make_bidset(CONSULTANCY, {"vendor_id": VENDOR_A, "vendor_name": "Alpha", "total_price": "$400,000"},
                       {"vendor_id": VENDOR_B, "vendor_name": "Beta", "total_price": "USD 600,000"})
    return evaluate(CONSULTANCY, bids)


def test_the_workbook_shows_the_currency(tmp_path, result):
    path = tmp_path / "ranked.xlsx"
    write_workbook(result, path, "en")
    book = openpyxl.load_workbook(path)
    ranking = book["Ranking"]
    quoted = next(c for c in ranking[1] if c.value == "Quoted price").column
    assert ranking.cell(2, quoted).value == 400000 and ranking.cell(2, quoted).number_format == '"$"#,##0.00'
    invalid = {i.vendor_id: i for i in result.invalid}
    assert [r.render("en") for r in invalid[VENDOR_B].reasons] == [
        "above_budget_ceiling: quoted price $600,000.00 is above the budget ceiling $500,000.00"]
    assert [r.render("zh") for r in invalid[VENDOR_B].reasons] == [
        "above_budget_ceiling: 投标报价 600,000.00 美元超过最高限价 500,000.00 美元"]


@pytest.mark.parametrize("lang, expected", [
    ("en", ["currency: US dollar (USD), amounts in its notation only", "budget ceiling $500,000.00"]),
    ("zh", ["币种：美元（USD），金额只接受该币种的写法", "最高限价 500,000.00 美元"]),
])
def test_check_states_the_currency(lang, expected):
    text = describe_rubric(CONSULTANCY, lang)
    for line in expected:
        assert line in text


@pytest.mark.parametrize("lang, unit", [("zh", "美元"), ("en", "US dollars")])
def test_the_bid_form_asks_in_the_currency(tmp_path, lang, unit):
    path = tmp_path / "form.xlsx"
    write_bid_form(CONSULTANCY, path, lang)
    rows = {r[0]: r for r in openpyxl.load_workbook(path)["Bid"].iter_rows(values_only=True) if r[0]}
    assert unit in rows["team_cost"][3] and unit in rows["total_price"][3]
    text = " ".join(str(v) for r in openpyxl.load_workbook(path)["Bid"].iter_rows(values_only=True) for v in r if v)
    assert ("金额单位为美元（USD）" if lang == "zh" else "Amounts are in USD") in text


@pytest.mark.parametrize("lang, label", [("zh", "初级工程师 每人每月单价"), ("en", "Junior developer: rate per person-month")])
def test_a_staffing_tenders_units_are_named_in_the_bid_form(tmp_path, lang, label):
    rubric = load_rubric(ROOT / "criteria" / "dev-staffing.yaml")
    assert rubric.field_index["rate_junior"].label.text(lang) == label
    path = tmp_path / "form.xlsx"
    write_bid_form(rubric, path, lang)
    rows = {r[0]: r for r in openpyxl.load_workbook(path)["Bid"].iter_rows(values_only=True) if r[0]}
    assert label in rows["rate_junior"][1]


def test_unit_labels_change_no_figure():
    """The staffing sample scores exactly as before its units were named (the golden files prove it byte for byte)."""
    result = run(ROOT / "criteria" / "dev-staffing.yaml", [ROOT / "sample_bids" / "dev-staffing.xlsx"],
                 [ROOT / "sample_bids" / "dev-staffing-panel.xlsx"])
    assert result.ranking[0].total > 0
    line = next(p for p in result.prices if p.model is not None and p.model.value == "per_unit_month")
    from bideval.pricing import formula_text

    assert "6 人 初级工程师" in formula_text(line.model, line.parameters, result.rubric.pricing.demand, "zh")


def test_unit_keys_are_checked():
    text = (ROOT / "criteria" / "dev-staffing.yaml").read_text(encoding="utf-8").replace("per: {zh: 人, en: person}}",
                                                                                          "each: {zh: 人, en: person}}", 1)
    with pytest.raises(RubricError, match=r"pricing.demand.units.junior: unknown key 'each'"):
        parse_rubric(text, "x.yaml")


def test_the_notation_problem_is_data_and_reads_in_chinese(tmp_path):
    from bideval.messages import render

    form = write_form(tmp_path / "a.xlsx", {"vendor_id": VENDOR_A, "vendor_name": "Alpha LLC", "team_cost": "12万",
                                            "total_price": "$450,000"})
    with pytest.raises(BidsError) as caught:
        read_bids(CONSULTANCY, [form])
    (problem,) = caught.value.problems
    assert "金额（美元）（不能使用人民币的写法“万”：本项目币种为 USD）" in render(problem, "zh")


# -- a number shown in another currency by its cell's number format (the format writes what a person reads)

import subprocess  # noqa: E402
import sys  # noqa: E402

import xlsxwriter  # noqa: E402

from bideval import messages  # noqa: E402
from bideval.cell_errors import OtherCurrencyFormat  # noqa: E402
from bideval.currency import format_marks, other_currency_written  # noqa: E402
from bideval.storage import Store  # noqa: E402
from conftest import EXAMPLE_RUBRIC, admin_of, chair_tender, good_bid  # noqa: E402

EXAMPLE = load_rubric(EXAMPLE_RUBRIC)


def formatted_form(path, values, formats):
    """A bid form as a vendor's Excel stores it (xlsxwriter): numbers as numbers, ``formats`` by field."""
    book = xlsxwriter.Workbook(path, {"strings_to_numbers": False, "strings_to_formulas": False})
    sheet = book.add_worksheet("Bid")
    for r, (field, value) in enumerate(values.items()):
        sheet.write_string(r, 0, field)
        sheet.write(r, 2, value, book.add_format({"num_format": formats[field]}) if field in formats else None)
    book.close()
    return path


def lump_sum(price):
    return {**good_bid(VENDOR_A), "price_model": "lump_sum", "rate_per_call": None, "total_price": price}


@pytest.mark.parametrize("number_format, writes", [
    ('"$"#,##0.00', "USD"), ("$#,##0_);[Red]($#,##0)", "USD"), ("[$$-409]#,##0.00", "USD"),
    ('[$USD] #,##0.00', "USD"), ('#,##0.00" 美元"', "USD"), ("[$€-407] #,##0", "EUR"), ('"£"#,##0', "GBP"),
    ('"HK$"#,##0.00', "HKD"), ('#,##0.00 "CHF"', "CHF"), ("\\$#,##0", "USD"), ('#,##0.00 "ALL"', "ALL"),
    ('"TOTAL USD "#,##0', "USD"), ('"(CAD) "#,##0', "CAD"),
    # found by an independent tester: each was read as yuan
    ('#,##0.00"美金"', "USD"), ("₩#,##0", "KRW"), ("#,##0.00\\ \\U\\S\\D", "USD"), ('#,##0.00" dollars"', "USD"),
    ('"US Dollar "#,##0', "USD"), ("\\E\\U\\R #,##0", "EUR"), ("₹#,##0", "INR"),
    # Chinese names of other currencies that hold 元: the name, not 元, says the currency
    ('#,##0"澳元"', "AUD"), ('#,##0" 加元"', "CAD"), ('#,##0"韩元"', "KRW"), ('#,##0.00"新加坡元"', "SGD"),
    ('#,##0"新台币"', "TWD"), ('#,##0"台币"', "TWD"), ('#,##0"澳门元"', "MOP"), ('#,##0"港元"', "HKD"),
    ('#,##0"新西兰元"', "NZD"), ('#,##0"澳大利亚元"', "AUD"),
    # symbols
    ("₽#,##0", "RUB"), ("#,##0₫", "VND"), ("฿#,##0.00", "THB"), ("₱#,##0", "PHP"), ("₺#,##0", "TRY"), ("₪#,##0", "ILS"),
    ('"R$"#,##0.00', "BRL"), ('"A$"#,##0', "AUD"), ('"C$"#,##0', "CAD"), ('"S$"#,##0', "SGD"), ('"NT$"#,##0', "TWD"),
    ('"CA$"#,##0', "CAD"), ('"AU$"#,##0', "AUD"), ("[$₩-412]#,##0", "KRW"),
])
def test_a_number_shown_in_another_currency_by_its_format_is_refused_at_its_cell(tmp_path, number_format, writes):
    """1,728,000 formatted "$"#,##0.00 shows $1,728,000.00, a price in dollars: in a yuan tender it was read as
    1,728,000 yuan, the bare number, and ranked as such."""
    path = formatted_form(tmp_path / "form.xlsx", lump_sum(1728000), {"total_price": number_format})
    with pytest.raises(BidsError) as caught:
        read_bids(EXAMPLE, [path])
    (problem,) = caught.value.problems
    row = list(lump_sum(0)).index("total_price") + 1
    assert problem.cell == f"C{row}" and problem.data["found"] == OtherCurrencyFormat("1728000", number_format,
                                                                                      writes, "CNY")
    assert str(problem).startswith(f"{path}:Bid!C{row}: expected an amount in yuan, 0 or more, found the number "
                                   f"1728000 shown through the number format {number_format!r}, which writes ")
    assert str(problem).endswith(f"({writes}), not this tender's Chinese yuan (CNY) (enter the amount in Chinese "
                                 "yuan as a plain number, with the cell's format General)")


def test_the_refusal_in_chinese_names_both_currencies(tmp_path):
    path = formatted_form(tmp_path / "form.xlsx", lump_sum(1728000), {"total_price": '"$"#,##0.00'})
    with pytest.raises(BidsError) as caught:
        read_bids(EXAMPLE, [path])
    (problem,) = caught.value.problems
    assert ("数字 1728000，其数字格式 “\"$\"#,##0.00” 显示美元（USD），不是本项目的币种人民币（CNY）"
            "（请以人民币填写普通数字，单元格格式设为“常规”）") in messages.render(problem, "zh")


@pytest.mark.parametrize("number_format", ["¥#,##0.00", "[$¥-804]#,##0.00", '#,##0.00"元"', '"RMB"#,##0.00',
                                           "#,##0.00", "0.00", 7, 44, '#,##0" pieces"', '#,##0" (ALL IN)"',
                                           '"TOP PRICE "#,##0', '#,##0" TRY AGAIN"', '"¥"#,##0.00', '#,##0"人民币元"',
                                           '#,##0.00" yuan"', '0.00" kg"', '0" months"', '0" dollarbird"',
                                           '0" Ramp"', '"Rpt "0'])
def test_the_tenders_own_currency_a_plain_format_or_a_built_in_one_is_read_as_the_number(tmp_path, number_format):
    """Built-in formats (7: currency, 44: accounting) show the computer's own currency: they say nothing."""
    path = formatted_form(tmp_path / "form.xlsx", lump_sum(1728000), {"total_price": number_format})
    (bid,) = read_bids(EXAMPLE, [path]).bids
    assert bid.values["total_price"] == 1728000


@pytest.mark.parametrize("number_format, ok", [('"$"#,##0.00', True), ("[$$-409]#,##0.00", True),
                                               ('#,##0.00" dollars"', True), ('#,##0.00"美金"', True),
                                               ("#,##0\\ \\U\\S\\D", True), ("¥#,##0.00", False),
                                               ('0.00"元"', False), ('"€"#,##0', False), ('0" yuan"', False),
                                               ('"A$"#,##0', False), ('#,##0"澳元"', False)])
def test_in_a_dollar_tender_dollars_are_read_and_yuan_refused(tmp_path, number_format, ok):
    values = {"vendor_id": VENDOR_A, "vendor_name": "Alpha LLC", "team_cost": 80000, "total_price": 450000}
    path = formatted_form(tmp_path / "a.xlsx", values, {"team_cost": number_format})
    if ok:
        (bid,) = read_bids(CONSULTANCY, [path]).bids
        assert bid.values["team_cost"] == 80000
        return
    with pytest.raises(BidsError) as caught:
        read_bids(CONSULTANCY, [path])
    (problem,) = caught.value.problems
    assert problem.cell == "C3" and "not this tender's US dollar (USD)" in str(problem)


@pytest.mark.parametrize("code", ["USD", "EUR", "GBP", "HKD", "JPY", "CHF", "CNY"])
def test_the_bid_forms_own_money_format_is_the_tenders_currency(code):
    """The bid form bid-eval writes for a tender formats its money cells in the tender's currency."""
    assert other_currency_written(currency(code).excel_format, code) is None


def test_a_format_writing_two_currencies_names_the_other(tmp_path):
    assert format_marks('"US$"#,##0" / 港元"') == (("us$", "USD"), ("港元", "HKD"))
    assert other_currency_written('"US$"#,##0" / 港元"', "USD") == "HKD"
    assert other_currency_written('"美元"0', "CNY") == "USD"  # 美元 is not 元
    assert other_currency_written('"plus$"0', "CNY") == "USD" and other_currency_written('"rmbx"0', "USD") is None


@pytest.mark.parametrize("number_format, tender, other", [
    ('"A$"#,##0', "AUD", None), ('#,##0"澳元"', "AUD", None), ('"$"#,##0', "AUD", "USD"), ('"¥"#,##0', "JPY", None),
    ('#,##0"日元"', "JPY", None), ('#,##0"元"', "JPY", "CNY"), ('#,##0"韩元"', "KRW", None), ("₩#,##0", "KRW", None),
    ('#,##0" yen"', "JPY", None), ('#,##0" yen"', "CNY", "JPY"), ('"NT$"0', "TWD", None), ('"NT$"0', "USD", "TWD"),
])
def test_the_tenders_own_names_and_symbols_are_never_another_currency(number_format, tender, other):
    """¥ is yen in a yen tender, 澳元 and A$ Australian dollars in an AUD one; elsewhere they are another currency."""
    assert other_currency_written(number_format, tender) == other


def test_a_format_writes_a_code_in_escaped_letters_and_names_stand_alone():
    assert format_marks("#,##0.00\\ \\U\\S\\D") == (("usd", "USD"),)
    assert format_marks('"U"\\S"D"0') == (("usd", "USD"),)  # pieces side by side are one text
    assert format_marks('"US"0"D"') == ()  # the number in between: no code
    assert format_marks('"CA$"0') == (("ca$", "CAD"),) and format_marks('"RMB"0') == (("rmb", "CNY"),)
    assert format_marks('0" dollars"') == (("dollars", "USD"),) and format_marks('0" dollarbird"') == ()
    assert format_marks('0"新加坡元"') == (("新加坡元", "SGD"),) and format_marks('0"澳门元"') == (("澳门元", "MOP"),)


def test_a_text_in_a_cell_formatted_in_dollars_is_read_as_its_text(tmp_path):
    """A format applies to numbers: a text in the cell reads as what it says."""
    path = formatted_form(tmp_path / "form.xlsx", lump_sum("1,728,000元"), {"total_price": '"$"#,##0.00'})
    (bid,) = read_bids(EXAMPLE, [path]).bids
    assert bid.values["total_price"] == 1728000


def test_a_consolidated_workbook_with_a_dollar_price_imports_nothing(tmp_path):
    """The app's import: the whole workbook is refused at the cell; nothing is stored."""
    fields = list(lump_sum(0))
    path = tmp_path / "bids.xlsx"
    book = xlsxwriter.Workbook(path, {"strings_to_numbers": False, "strings_to_formulas": False})
    sheet = book.add_worksheet("Bids")
    dollars = book.add_format({"num_format": '"$"#,##0.00'})
    sheet.write_row(0, 0, fields)
    for r, vendor in enumerate((VENDOR_A, VENDOR_B), start=1):
        for c, field in enumerate(fields):
            value = lump_sum(1728000 + r)[field] if field != "vendor_id" else vendor
            sheet.write(r, c, value, dollars if (field, r) == ("total_price", 2) else None)
    book.close()
    store = Store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    tender = chair_tender(store, "T")
    report = store.import_bids(admin_of(store), tender, [("bids.xlsx", path.read_bytes())])
    assert report.accepted == {}
    (problem,) = report.refused["bids.xlsx"]
    assert problem.sheet == "Bids" and problem.cell == f"{chr(ord('A') + fields.index('total_price'))}3"
    result = subprocess.run([sys.executable, "-m", "bideval", "evaluate", "--criteria", str(EXAMPLE_RUBRIC),
                             "--bids", str(path), "--json", str(tmp_path / "r.json")],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2 and "which writes US dollar (USD)" in result.stderr
    assert not (tmp_path / "r.json").exists() and "Traceback" not in result.stderr
