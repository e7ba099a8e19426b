"""SME categories (issue 7, item 8): a table of deduction rates, the bid states its category.

Oracle: a consortium at rate 0.02 on Q = 1,000,000 → E = 980,000.00. The bid form asks for the
category with a drop-down; `check`, the JSON and the Price sheet say which category and rate applied;
a rubric with one rate (every shipped rubric) is unchanged (tests/test_golden.py).
"""
import io
import json
from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pytest

from bideval.bids import read_bids
from bideval.errors import BidsError, RubricError
from bideval.evaluation import evaluate
from bideval.export import write_workbook
from bideval.result import result_json
from bideval.rubric import parse_rubric
from bideval.rubric_view import describe_rubric
from bideval.template import write_bid_form
from conftest import make_bidset, write_form

CATEGORIES = """
    sme_deduction:
      - {id: small, label: {zh: 小型企业, en: Small enterprise}, rate: 0.10}
      - {id: micro, label: {zh: 微型企业, en: Micro enterprise}, rate: 0.10}
      - id: consortium
        label: {zh: 联合体（中小企业协议合同金额占比≥30%）, en: Consortium with an SME share of at least 30 %}
        rate: 0.02
"""


def sme_rubric(sme: str = CATEGORIES) -> str:
    return f"""
id: sme-test
title: {{zh: 中小企业类别测试, en: SME categories test}}
fields: []
pricing: {{demand: {{months: 12}}, models: [lump_sum]}}
criteria:
  - id: price
    name: {{zh: 价格, en: Price}}
    group: price
    kind: price
    max: 30
    method: lowest_ratio
{sme}
"""


VENDORS = ["91110000802100433B", "91440300708461136T", "91510107MA6CJ5NU8U", "91330106MA2H8B1R7X"]


@pytest.fixture
def rubric():
    return parse_rubric(sme_rubric(), "sme.yaml")


def result_for(rubric, answers):
    bids = make_bidset(rubric, *({"vendor_id": VENDORS[i], "vendor_name": f"公司{i}", "sme": answer,
                                  "total_price": "1000000"} for i, answer in enumerate(answers)))
    return evaluate(rubric, bids)


@pytest.mark.parametrize("answer, category, evaluated", [
    ("consortium", "consortium", "980000.00"),   # the oracle: 1,000,000 × (1 − 0.02)
    ("联合体（中小企业协议合同金额占比≥30%）", "consortium", "980000.00"),  # by its label
    ("Consortium with an SME share of at least 30 %", "consortium", "980000.00"),
    ("小型企业", "small", "900000.00"),
    ("MICRO", "micro", "900000.00"),
    ("否", None, "1000000.00"),
    ("N", None, "1000000.00"),
    (None, None, "1000000.00"),                   # empty: not an SME
])
def test_the_category_sets_the_rate(rubric, answer, category, evaluated):
    result = result_for(rubric, [answer])
    (line,) = result.prices
    assert (line.sme_category.id if line.sme_category else None) == category
    assert line.evaluated == D(evaluated)
    assert result.ranking[0].evaluated_price == D(evaluated)
    assert result.ranking[0].sme is (category is not None)


@pytest.mark.parametrize("answer", ["是", "yes", "medium", "1"])
def test_yes_alone_or_an_unknown_category_is_refused(rubric, answer):
    with pytest.raises(ValueError) as caught:
        rubric.field_index["sme"].parse(answer)
    assert caught.value.expected == ("an SME category: 小型企业 (Small enterprise), 微型企业 (Micro enterprise), "
                                     "联合体（中小企业协议合同金额占比≥30%） (Consortium with an SME share of at least "
                                     "30 %), or 否 (no)")


def test_a_bad_answer_in_a_bid_form_names_the_cell(rubric, tmp_path):
    form = write_form(tmp_path / "a.xlsx", {"vendor_id": VENDORS[0], "vendor_name": "甲", "sme": "是",
                                            "total_price": 1000000})
    with pytest.raises(BidsError) as caught:
        read_bids(rubric, [form])
    (problem,) = caught.value.problems
    assert (problem.sheet, problem.cell) == ("Bid", "C4")
    assert "expected an SME category: 小型企业 (Small enterprise)" in problem.message
    assert problem.message.endswith("found '是'")


def test_the_bid_form_asks_for_the_category_with_a_drop_down(rubric, tmp_path):
    path = tmp_path / "form.xlsx"
    write_bid_form(rubric, path, "en")
    sheet = openpyxl.load_workbook(path)["Bid"]
    row = next(r for r in range(2, 10) if sheet.cell(r, 1).value == "sme")
    validation = next(v for v in sheet.data_validations.dataValidation if f"C{row}" in str(v.sqref))
    assert validation.type == "list"
    assert validation.formula1 == '"否,小型企业,微型企业,联合体（中小企业协议合同金额占比≥30%）"'
    note = sheet.cell(row, 4).value
    assert "否 (no) if none applies" in note and "Small enterprise" not in note.split(";")[0]
    # what the drop-down offers reads back as the category
    filled = write_form(tmp_path / "filled.xlsx", {"vendor_id": VENDORS[0], "vendor_name": "甲",
                                                   "sme": "微型企业", "total_price": 500000})
    (bid,) = read_bids(rubric, [filled]).bids
    assert bid.values["sme"] == "micro" and bid.sme is True


@pytest.mark.parametrize("lang, words", [
    # a separator between a category and its rate: "at least 30 % 2%" read as one figure (report6 D6-10)
    ("zh", "中小企业按类别扣除：小型企业：10%、微型企业：10%、联合体（中小企业协议合同金额占比≥30%）：2%（E = Q × (1 − 扣除比例)）"),
    ("en", "SME deduction by category: Small enterprise: 10%, Micro enterprise: 10%, Consortium with an SME share of "
           "at least 30 %: 2% (E = Q × (1 − rate))"),
])
def test_check_explains_the_table(rubric, lang, words):
    assert words in describe_rubric(rubric, lang)


def test_json_and_price_sheet_name_the_category(rubric):
    result = result_for(rubric, ["consortium", "否", "small"])
    document = json.loads(result_json(result, "en"))
    assert {e["vendor_id"]: e["sme_category"] for e in document["ranking"]} == {
        VENDORS[0]: "consortium", VENDORS[1]: None, VENDORS[2]: "small"}
    assert {e["vendor_id"]: e["evaluated_price"] for e in document["ranking"]} == {
        VENDORS[0]: 980000.0, VENDORS[1]: 1000000.0, VENDORS[2]: 900000.0}
    buffer = io.BytesIO()
    write_workbook(result, buffer, "en")
    sheet = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))["Price"]
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, max_row=4, values_only=True)}
    assert rows[VENDORS[0]][5:8] == ("Consortium with an SME share of at least 30 %", 0.02, 980000)
    assert rows[VENDORS[1]][5:8] == ("no", 0, 1000000)


def test_one_rate_keeps_yes_and_no():
    rubric = parse_rubric(sme_rubric("    sme_deduction: 0.10"), "one.yaml")
    result = result_for(rubric, ["是", "否"])
    assert [line.evaluated for line in result.prices] == [D("900000.00"), D("1000000.00")]
    assert "sme_category" not in json.loads(result_json(result))["ranking"][0]


@pytest.mark.parametrize("sme, message", [
    ("    sme_deduction: []", "criterion 'price': sme_deduction must be a rate such as 0.10 or a non-empty list"),
    ("    sme_deduction:\n      - {id: small, label: {zh: 小型, en: Small}, rate: 1.2}",
     "criterion 'price': sme_deduction category 'small': rate must be 0 or more and less than 1, found 1.2"),
    ("    sme_deduction:\n      - {id: small, label: {zh: 小型, en: Small}, rate: 0.1}\n"
     "      - {id: small, label: {zh: 微型, en: Micro}, rate: 0.1}",
     "criterion 'price': sme_deduction category 'small' is listed twice"),
    ("    sme_deduction:\n      - {id: small, label: {zh: 小型, en: Small}, rate: 0.1}\n"
     "      - {id: micro, label: {zh: 小型, en: Micro}, rate: 0.1}",
     "criterion 'price': sme_deduction category 'micro': '小型' also names category 'small'"),
    ("    sme_deduction:\n      - {id: none, label: {zh: 否, en: None}, rate: 0.1}",
     "criterion 'price': sme_deduction category 'none': 否 / no means not an SME"),
    ("    sme_deduction:\n      - {id: small, label: {zh: 小型, en: Small}}",
     "criterion 'price': missing 'rate'"),
    ("    sme_deduction:\n      - {id: Small Co, label: {zh: 小型, en: Small}, rate: 0.1}",
     "criterion 'price': sme_deduction category 1: id must be a lower-case identifier"),
    ("    sme_deduction:\n      - {id: small, label: {zh: 小型, en: Small}, rate: 0.1, share: 0.3}",
     "criterion 'price': unknown key 'share'"),
])
def test_table_mistakes_name_the_criterion(sme, message):
    with pytest.raises(RubricError) as caught:
        parse_rubric(sme_rubric(sme), "sme.yaml")
    assert any(message in str(p) for p in caught.value.problems), str(caught.value)


def test_a_mistake_carries_its_data():
    with pytest.raises(RubricError) as caught:
        parse_rubric(sme_rubric("    sme_deduction:\n      - {id: small, label: {zh: 小型, en: Small}, rate: 1.2}"),
                     "sme.yaml")
    (problem,) = caught.value.problems
    expected = {"criterion": "price", "category": "small", "rate": D("1.2")}
    assert {key: problem.data.get(key) for key in expected} == expected  # a coded problem carries more


def test_the_reference_example_is_a_working_table():
    """docs/rubrics.md's SME categories example reads and gives the oracle."""
    import yaml

    text = (Path(__file__).resolve().parent.parent / "docs" / "rubrics.md").read_text(encoding="utf-8")
    block = text.split("### SME categories")[1].split("```yaml\n")[1].split("```")[0]
    (criterion,) = yaml.safe_load(block)
    table = yaml.safe_dump({"sme_deduction": criterion["sme_deduction"]}, allow_unicode=True)
    rubric = parse_rubric(sme_rubric("\n".join("    " + line for line in table.splitlines())), "doc.yaml")
    assert result_for(rubric, ["consortium"]).prices[0].evaluated == D("980000.00")
