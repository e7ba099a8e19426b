"""The bid form (formats.md §2): sheet Bid, one row per field, validations a vendor can rely on."""
from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
import python_calamine
from openpyxl.utils import get_column_letter

from bideval.rubric import Rubric, load_rubric
from bideval.template import HEADERS, SHEET, write_bid_form
from bideval.values import FieldType
from conftest import EXAMPLE_RUBRIC

CS_RUBRIC = EXAMPLE_RUBRIC.read_text(encoding="utf-8")  # the formats.md example, tests/data/

# Field types the sample lacks: text with a note, choices (one holding a comma, one list too
# long to inline), a required number, a yuan money field, and the device/unit pricing models.
EDGE_RUBRIC = """\
id: edge-case
title: {zh: 边界测试, en: Edge cases}
fields:
  - {id: lot_code, label: {zh: 标段编号, en: Lot code}, type: text, note: {zh: 保留前导零, en: keep leading zeros}}
  - {id: level, label: {zh: 等级, en: Level}, type: choice, choices: [一级, 二级, 三级]}
  - {id: region, label: {zh: 区域, en: Region}, type: choice, choices: ["North, upper", South]}
  - id: city
    label: {zh: 城市, en: City}
    type: choice
    choices: [%s]
  - {id: staff_ratio, label: {zh: 人员比例, en: Staff ratio}, type: number, required: true}
  - {id: deposit, label: {zh: 保证金, en: Deposit}, type: money}
  - id: long_one
    label: {zh: %s, en: %s}
    type: integer
    note: {zh: %s, en: %s}
criteria:
  - {id: plan, name: {zh: 方案, en: Plan}, group: operations, kind: judged, max: 5}
pricing:
  demand: {devices: 80, units: {pc: 120}, months: 12}
  models: [base_plus_excess, per_unit_month]
""" % (
    ", ".join(f"city_number_{i:03d}" for i in range(40)),
    "很长的标签" * 30, "A very long label " * 15, "很长的说明" * 30, "A very long note " * 15,
)


def _rubric(tmp_path: Path, text: str = CS_RUBRIC, name: str = "cs.yaml") -> Rubric:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_rubric(path)


@pytest.fixture
def rubric(tmp_path: Path) -> Rubric:
    return _rubric(tmp_path)


@pytest.fixture
def edge(tmp_path: Path) -> Rubric:
    return _rubric(tmp_path, EDGE_RUBRIC, "edge.yaml")


def _form(rubric: Rubric, tmp_path: Path, lang: str = "zh") -> Path:
    out = tmp_path / f"bid_form_{rubric.id}_{lang}.xlsx"
    write_bid_form(rubric, out, lang)
    return out


def _sheet(path: Path):
    return openpyxl.load_workbook(path)[SHEET]


def _validations(ws) -> dict[str, object]:
    """Each validated cell of column C to its validation."""
    found = {}
    for dv in ws.data_validations.dataValidation:
        for cell_range in dv.sqref.ranges:
            for row, col in cell_range.cells:
                found[f"{get_column_letter(col)}{row}"] = dv
    return found


def _row_of(ws, field_id: str) -> int:
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == field_id)


def test_sheet_bid_lists_every_bid_field_in_order_from_row_2(rubric, tmp_path):
    wb = openpyxl.load_workbook(_form(rubric, tmp_path))
    assert wb.sheetnames == ["Bid"]
    ws = wb["Bid"]
    ids = [f.id for f in rubric.bid_fields]
    assert ids[:3] == ["vendor_id", "vendor_name", "sme"]
    assert ids[-6:] == ["price_model", "total_price", "rate_per_seat_month", "rate_per_call",
                        "base_per_seat_month", "commission_rate"]
    assert [ws.cell(row, 1).value for row in range(2, 2 + len(ids))] == ids
    known = set(ids)
    # Every non-empty column A below the header is a field id: the importer errs on anything else.
    column_a = [ws.cell(row, 1).value for row in range(2, ws.max_row + 1)]
    assert [v for v in column_a if v is not None] == ids
    assert all(v is None or v in known for v in column_a)
    # Column C is left for the vendor.
    assert all(ws.cell(row, 3).value is None for row in range(2, 2 + len(ids)))


def test_labels_are_bilingual_whatever_the_language(rubric, tmp_path):
    for lang in ("zh", "en"):
        ws = _sheet(_form(rubric, tmp_path, lang))
        for field in rubric.bid_fields:
            label = ws.cell(_row_of(ws, field.id), 2).value
            assert field.label.zh in label and field.label.en in label
            assert label == f"{field.label.zh} / {field.label.en}"


def test_header_row_follows_the_language(rubric, tmp_path):
    zh = _sheet(_form(rubric, tmp_path, "zh"))
    en = _sheet(_form(rubric, tmp_path, "en"))
    zh_header = [zh.cell(1, c).value for c in range(1, 5)]
    en_header = [en.cell(1, c).value for c in range(1, 5)]
    assert zh_header == ["字段", "项目", "填写内容", "单位/说明"] == list(HEADERS["zh"])
    assert en_header == ["Field id", "Item", "Your answer", "Unit / note"]
    assert zh_header != en_header
    assert zh.cell(1, 1).font.b and zh.cell(1, 1).fill.fgColor.rgb not in (None, "00000000")


def test_header_is_not_a_field_id(rubric, tmp_path):
    ids = {f.id for f in rubric.bid_fields}
    for lang in ("zh", "en"):
        assert _sheet(_form(rubric, tmp_path, lang)).cell(1, 1).value not in ids


def test_unknown_language_is_refused(rubric, tmp_path):
    with pytest.raises(ValueError):
        write_bid_form(rubric, tmp_path / "x.xlsx", "fr")
    assert not (tmp_path / "x.xlsx").exists()


def test_freeze_pane_widths_and_styles(rubric, tmp_path):
    ws = _sheet(_form(rubric, tmp_path))
    assert ws.freeze_panes == "A2"
    widths = {col: ws.column_dimensions[col].width for col in "ABCD"}
    assert 22 <= widths["A"] <= 26 and 40 <= widths["B"] <= 48
    assert 25 <= widths["C"] <= 31 and 36 <= widths["D"] <= 44
    row = _row_of(ws, "itss_level")
    assert ws.cell(row, 2).alignment.wrap_text and ws.cell(row, 4).alignment.wrap_text
    answer = ws.cell(row, 3)
    assert answer.protection.locked is False
    assert answer.fill.fgColor.rgb.upper().endswith("FFF2CC")
    for col in (1, 2, 4):  # read-only columns in grey
        assert ws.cell(row, col).font.color.rgb.upper().endswith("595959")
    assert not ws.protection.sheet


def test_unit_and_note_column(rubric, tmp_path):
    ws = _sheet(_form(rubric, tmp_path))
    note = {f.id: ws.cell(_row_of(ws, f.id), 4).value or "" for f in rubric.bid_fields}
    assert "万元 / 10,000 yuan" in note["registered_capital"]
    assert note["total_price"] == "元 / yuan; 不小于0 / 0 or more"  # as its input check says
    assert "96%" in note["dial_test_accuracy"] and "96%" not in note["commission_rate"]
    assert "whole number" in note["itss_level"]
    assert "0 or more" in note["similar_projects"]  # a count criterion's field may not be negative
    assert "是/否" in note["sme"] and "小微企业填“是”" in note["sme"]  # the field's note
    assert "18" in note["vendor_id"]
    for model in ("总价包干", "按席位按月计费", "按通计费", "基础服务费加佣金", "Lump sum", "Per call"):
        assert model in note["price_model"]
    assert "按计价单位按月计费" not in note["price_model"]  # not allowed by this rubric
    for field in rubric.bid_fields:
        assert ("必填 / required" in note[field.id]) is field.required


def test_required_rows_are_highlighted(rubric, tmp_path):
    ws = _sheet(_form(rubric, tmp_path))
    required = {f.id for f in rubric.bid_fields if f.required}
    assert required == {"vendor_id", "vendor_name", "business_license"}
    blanks_rules = set()
    for cf in ws.conditional_formatting:
        if any(rule.type == "containsBlanks" for rule in cf.rules):
            blanks_rules |= {str(r) for r in cf.sqref.ranges}
    for field in rubric.bid_fields:
        row = _row_of(ws, field.id)
        assert (f"C{row}" in blanks_rules) is field.required
        assert bool(ws.cell(row, 2).font.b) is field.required


def test_validations_by_type(rubric, tmp_path):
    ws = _sheet(_form(rubric, tmp_path))
    dvs = _validations(ws)
    cell = {f.id: f"C{_row_of(ws, f.id)}" for f in rubric.bid_fields}

    for fid in ("sme", "business_license"):
        dv = dvs[cell[fid]]
        assert dv.type == "list" and dv.formula1 == '"是,否"'
    dv = dvs[cell["price_model"]]
    assert dv.type == "list" and dv.formula1 == '"总价包干,按席位按月计费,按通计费,基础服务费加佣金"'
    for fid in ("dial_test_accuracy", "commission_rate"):
        dv = dvs[cell[fid]]
        assert dv.type == "decimal" and dv.operator in (None, "between")
        assert (float(dv.formula1), float(dv.formula2)) == (0, 1)
    dv = dvs[cell["similar_projects"]]  # counted: non-negative
    assert dv.type == "whole" and dv.operator == "greaterThanOrEqual" and dv.formula1 == "0"
    dv = dvs[cell["itss_level"]]  # read by a gate only: still 0 or more
    assert dv.type == "whole" and dv.operator == "greaterThanOrEqual" and dv.formula1 == "0"
    assert dvs[cell["registered_capital"]].type == "decimal"
    for fid in ("total_price", "rate_per_call"):  # price parameters: decimal, 0 or more
        dv = dvs[cell[fid]]
        assert dv.type == "decimal" and dv.operator == "greaterThanOrEqual" and dv.formula1 == "0"
    dv = dvs[cell["vendor_id"]]
    assert dv.type == "textLength" and dv.operator == "equal" and dv.formula1 == "18"


def test_a_field_allowing_negatives_asks_for_any_number(tmp_path):
    text = CS_RUBRIC.replace("type: integer}", "type: integer, allow_negative: true}", 1)
    ws = _sheet(_form(_rubric(tmp_path, text), tmp_path))
    row = _row_of(ws, "itss_level")
    assert ws.cell(row, 4).value == "整数 / whole number"
    dv = _validations(ws)[f"C{row}"]
    assert dv.type == "whole" and dv.operator in (None, "between") and float(dv.formula1) < 0 < float(dv.formula2)


def test_every_answer_cell_has_bilingual_prompt_and_errors_within_excel_limits(rubric, edge, tmp_path):
    for r in (rubric, edge):
        ws = _sheet(_form(r, tmp_path))
        dvs = _validations(ws)
        for field in r.bid_fields:
            dv = dvs[f"C{_row_of(ws, field.id)}"]
            assert dv.showInputMessage and dv.promptTitle and dv.prompt
            assert len(dv.promptTitle) <= 32 and len(dv.prompt) <= 255
            assert field.label.zh[:4] in dv.prompt and field.label.en[:8] in dv.prompt
            if dv.type is not None:  # an answer that can be wrong has an error message
                assert dv.showErrorMessage and dv.errorTitle and dv.error
                assert len(dv.errorTitle) <= 32 and len(dv.error) <= 255


def test_number_formats_of_answer_cells(rubric, tmp_path):
    ws = _sheet(_form(rubric, tmp_path))
    for field in rubric.bid_fields:
        fmt = ws.cell(_row_of(ws, field.id), 3).number_format
        if field.type is FieldType.PERCENT:
            assert fmt == "0.00%"
        if field.type is FieldType.TEXT:
            assert fmt == "@"  # a code keeps its leading zeros
    assert ws.cell(_row_of(ws, "dial_test_accuracy"), 3).number_format == "0.00%"


def test_instructions_below_the_fields_with_column_a_empty(rubric, tmp_path):
    for lang, words in (("zh", "请在C列"), ("en", "Fill in column C")):
        ws = _sheet(_form(rubric, tmp_path, lang))
        last = 1 + len(rubric.bid_fields)
        below = [ws.cell(r, 2).value for r in range(last + 1, ws.max_row + 1)]
        text = "\n".join(v for v in below if v)
        assert rubric.title.text(lang) in text and "cs-outsourcing" in text
        assert words in text and ("万元" in text)
        assert all(ws.cell(r, 1).value is None for r in range(last + 1, ws.max_row + 1))
        merged = {str(m) for m in ws.merged_cells.ranges}
        assert merged and all(m.startswith("B") for m in merged)


def test_workbook_properties(rubric, tmp_path):
    wb = openpyxl.load_workbook(_form(rubric, tmp_path, "en"))
    assert wb.properties.creator == "bid-eval"
    assert wb.properties.subject == "cs-outsourcing"
    assert "客服业务外包项目评分标准" in wb.properties.title
    assert "Customer-service outsourcing" in wb.properties.title


def test_calamine_sees_the_same_rows_as_openpyxl(rubric, tmp_path):
    path = _form(rubric, tmp_path)
    rows = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Bid").to_python(
        skip_empty_area=False)
    ws = _sheet(path)
    calamine_a = {i + 1: row[0] for i, row in enumerate(rows) if row and row[0] != ""}
    openpyxl_a = {r: ws.cell(r, 1).value for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value is not None}
    assert calamine_a == openpyxl_a
    assert [calamine_a[r] for r in range(2, 2 + len(rubric.bid_fields))] == [f.id for f in rubric.bid_fields]
    assert rows[0][:4] == list(HEADERS["zh"])


def test_writes_to_a_binary_stream_and_is_deterministic(rubric, tmp_path):
    first, second = io.BytesIO(), io.BytesIO()
    write_bid_form(rubric, first)
    write_bid_form(rubric, second)
    assert first.getvalue() == second.getvalue()
    assert first.getvalue() == _form(rubric, tmp_path).read_bytes()
    assert openpyxl.load_workbook(io.BytesIO(first.getvalue())).sheetnames == ["Bid"]


def test_choices_commas_and_long_lists(edge, tmp_path):
    wb = openpyxl.load_workbook(_form(edge, tmp_path, "en"))
    ws = wb["Bid"]
    dvs = _validations(ws)
    cell = {f.id: f"C{_row_of(ws, f.id)}" for f in edge.bid_fields}
    assert dvs[cell["level"]].type == "list" and dvs[cell["level"]].formula1 == '"一级,二级,三级"'
    # A comma inside a choice, or a list beyond Excel's 255 characters, goes to a hidden sheet.
    assert wb.sheetnames == ["Bid", "Lists"] and wb["Lists"].sheet_state == "hidden"
    lists = wb["Lists"]
    for fid, choices in (("region", ["North, upper", "South"]),
                         ("city", [f"city_number_{i:03d}" for i in range(40)])):
        source = dvs[cell[fid]].formula1
        assert source.startswith("Lists!")
        assert [c.value for (c,) in lists[source.split("!")[1].replace("$", "")]] == choices
    assert "North, upper | South" in ws[cell["region"].replace("C", "D")].value
    assert ws[cell["lot_code"]].number_format == "@"
    assert "保留前导零 / keep leading zeros" in ws[cell["lot_code"].replace("C", "D")].value
    assert dvs[cell["staff_ratio"]].type == "decimal"
    assert ws[cell["deposit"].replace("C", "D")].value == "元 / yuan; 不小于0 / 0 or more"
    assert dvs[cell["included_devices"]].type == "whole"
    assert dvs[cell["price_model"]].formula1 == '"基础费加超出计费,按计价单位按月计费"'
    assert [f.id for f in edge.bid_fields][-5:] == ["price_model", "base_fee_month", "included_devices",
                                                     "excess_rate", "rate_pc"]


def test_filled_form_parses_back_through_the_fields(rubric, tmp_path):
    """A vendor's answers, typed as Excel stores them, read back with each field's parser."""
    path = _form(rubric, tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb["Bid"]
    answers = {"vendor_id": "01440300708461136T", "vendor_name": "甲公司", "sme": "是",
               "business_license": "否", "itss_level": 2, "registered_capital": 1200,
               "similar_projects": 4, "dial_test_accuracy": 0.96, "price_model": "按通计费",
               "rate_per_call": 0.85, "commission_rate": 0.005}
    for fid, value in answers.items():
        ws.cell(_row_of(ws, fid), 3).value = value
    filled = tmp_path / "filled.xlsx"
    wb.save(filled)
    rows = python_calamine.CalamineWorkbook.from_path(str(filled)).get_sheet_by_name("Bid").to_python(
        skip_empty_area=False)
    values = {row[0]: rubric.field_index[row[0]].parse(row[2] if row[2] != "" else None)
              for row in rows[1:] if row[0] in rubric.field_index}
    assert values["vendor_id"] == "01440300708461136T"
    assert values["sme"] is True and values["business_license"] is False
    assert values["registered_capital"] == Decimal(1200)
    assert values["dial_test_accuracy"] == Decimal("0.96")
    assert values["price_model"].value == "per_call"
    assert values["total_price"] is None


IT_RUBRIC = Path(__file__).resolve().parent.parent / "criteria" / "it-outsourcing.yaml"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_renewal_discount_shows_an_example_a_discount_would_have(tmp_path, lang):
    """A renewal discount of 5% is typed 5%: the form says so where it used to say 96%, which a bidder could
    take for the 96% still paid (a 4% discount) and which the checklist would read as a 96% discount."""
    rubric = load_rubric(IT_RUBRIC)
    ws = _sheet(_form(rubric, tmp_path, lang))
    row = _row_of(ws, "second_year_discount")
    dv = _validations(ws)[f"C{row}"]
    note = ws.cell(row, 4).value
    for text in (note, dv.prompt, dv.error):
        assert "如 5%" in text and "e.g. 5%" in text, text
        assert "96%" not in text, text
    assert "5% off is 5%, not 95%" in note and "降5%填5%，不填95%" in note
    # the example, typed as shown, is the discount the checklist scores (renewal discount of 5 % or more)
    field = rubric.field_index["second_year_discount"]
    assert field.parse(field.example) == Decimal("0.05")
    item = next(i for c in rubric.criteria if c.kind.value == "checklist" for i in c.items if i.when.field == field.id)
    assert item.when.holds({field.id: field.parse(field.example)})
    assert not item.when.holds({field.id: field.parse("4%")})


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_commission_rate_shows_a_commission_s_example(rubric, tmp_path, lang):
    """A bidder offering a 2 % commission was shown 如 96%; the built-in pricing field has an example of its own."""
    ws = _sheet(_form(rubric, tmp_path, lang))
    row = _row_of(ws, "commission_rate")
    dv = _validations(ws)[f"C{row}"]
    for text in (ws.cell(row, 4).value, dv.prompt, dv.error):
        assert "如 2%" in text and "e.g. 2%" in text and "96%" not in text, text
    field = rubric.field_index["commission_rate"]
    assert field.parse(field.example) == Decimal("0.02")


@pytest.mark.parametrize("currency, said", [("CNY", "单项限价 4.50 元 / ceiling ¥4.50"),
                                             ("USD", "单项限价 4.50 美元 / ceiling $4.50")])
def test_a_unit_s_ceiling_is_said_beside_its_rate(tmp_path, currency, said):
    """A rate above its unit's ceiling makes the bid invalid; the bid form did not say the ceiling. The rate's label
    beside it names the unit and the month: the ceiling does not again (``4.50 CNY/PCs/month``)."""
    text = EDGE_RUBRIC.replace("units: {pc: 120}", "units: {pc: {count: 120, label: {zh: 电脑, en: PCs}, ceiling: 4.5}, desk: 30}")
    ws = _sheet(_form(_rubric(tmp_path, text.replace("\ncriteria:", f"\ncurrency: {currency}\ncriteria:", 1)),
                      tmp_path))
    row = _row_of(ws, "rate_pc")
    assert "PCs: rate per month" in ws.cell(row, 2).value
    assert said in ws.cell(row, 4).value and "month" not in ws.cell(row, 4).value
    assert "单项限价" not in ws.cell(_row_of(ws, "rate_desk"), 4).value  # no ceiling on desks


def test_a_percent_field_without_its_own_example_keeps_96(rubric, tmp_path):
    ws = _sheet(_form(rubric, tmp_path))
    assert "如 96%" in ws.cell(_row_of(ws, "dial_test_accuracy"), 4).value


def test_the_english_form_instructions_have_no_chinese_punctuation(rubric, tmp_path):
    ws = _sheet(_form(rubric, tmp_path, "en"))
    last = 1 + len(rubric.bid_fields)
    below = "".join(ws.cell(r, 2).value or "" for r in range(last + 1, ws.max_row + 1))
    assert below and not set("（），：；。、“”") & set(below), below
