"""Cell parsing: every spelling formats.md §2 lists, and the errors."""
import time
from datetime import datetime
from decimal import Decimal

import pytest

from bideval.cell_errors import ConstantFormat, HiddenByFormat, InvisibleInk, TenThousandsFormat
from bideval.messages import expected_text
from bideval.values import (TEN_THOUSAND_UNIT, FieldType, ValueProblem, parse_bool, parse_choice, parse_integer,
                            parse_money, parse_number, parse_percent, parse_text, parser_for, read_number,
                            round_half_up)


@pytest.mark.parametrize("raw, expected", [
    ("是", True), ("否", False), ("yes", True), ("No", False), ("TRUE", True), ("false", False),
    ("Y", True), ("n", False), ("1", True), ("0", False), ("✓", True), ("✗", False), ("√", True), ("×", False),
    (True, True), (False, False), (1, True), (0.0, False), ("", None), (None, None), ("  ", None),
    # a 1 or 0 shown through a format of texts as the yes or no it holds (conform14: 1 shown as 是 was refused)
    (ConstantFormat("1", '"是";"是";"否"', "是"), True), (ConstantFormat("1.0", '"✓";;"✗"', "✓"), True),
    (ConstantFormat("1", '"Yes"', "Yes"), True),
])
def test_bool_spellings(raw, expected):
    assert parse_bool(raw) is expected


@pytest.mark.parametrize("raw", ["maybe", 2, "有", datetime(2024, 1, 1),
                                 "x", "X", "t", "F",  # a Latin x ticks a box on many forms: not a spelling of no
                                 # shown as the other answer, as no answer, or through conditions not worked out
                                 ConstantFormat("1", '"否";"否";"是"', "否"), ConstantFormat("0", '"是"', "是"),
                                 ConstantFormat("2", '"是"', "是"), ConstantFormat("1", '"有"', "有"),
                                 ConstantFormat("1", '[=0]"是";"否"', "是"),
                                 # a conditional format's: whether the sheet shows it is not worked out (verify14)
                                 ConstantFormat("1", '"是"', "是", by_rule=True)])
def test_bool_rejects(raw):
    with pytest.raises(ValueProblem):
        parse_bool(raw)


@pytest.mark.parametrize("raw, unit, expected", [
    ("¥1,234,567.00", None, Decimal("1234567")),
    ("123.4万", None, Decimal("1234000")),
    ("45万", None, Decimal("450000")),
    ("¥800,000.00", None, Decimal("800000")),
    ("１２３", None, Decimal("123")),
    ("￥１，２３４", None, Decimal("1234")),
    ("5000元", None, Decimal("5000")),
    (0.85, None, Decimal("0.85")),
    ("1,200", TEN_THOUSAND_UNIT, Decimal("1200")),
    ("1200万", TEN_THOUSAND_UNIT, Decimal("1200")),
    ("¥12,000,000", TEN_THOUSAND_UNIT, Decimal("1200")),
    ("1200万元", TEN_THOUSAND_UNIT, Decimal("1200")),
    ("80万 元", None, Decimal("800000")),  # a space inside 万元, as 80 万 takes one before it
    ("80 万 元", TEN_THOUSAND_UNIT, Decimal("80")),
    (1200, TEN_THOUSAND_UNIT, Decimal("1200")),
    # the currency after the number, as a USD tender reads 1,200 USD (conform14: each was refused)
    ("1,728,000 CNY", None, Decimal("1728000")), ("1728000 RMB", None, Decimal("1728000")),
    ("1,728,000.00元人民币", None, Decimal("1728000")), ("1200万元人民币", TEN_THOUSAND_UNIT, Decimal("1200")),
    ("172.8万 RMB", None, Decimal("1728000")),
    # yuan, the form's own word beside 元 (元 / yuan): 800,000 yuan was refused as "expected an amount in yuan"
    ("800,000 yuan", None, Decimal("800000")), ("800000 Yuan", None, Decimal("800000")),
    ("120万 yuan", TEN_THOUSAND_UNIT, Decimal("120")),
])
def test_money_spellings(raw, unit, expected):
    assert parse_money(raw, unit) == expected


@pytest.mark.parametrize("raw", ["1,2", "12.3.4", "about 5", "¥", "1 200", True, datetime(2024, 1, 1), "NaN",
                                 "元人民币", "1728000人民币元", "1728000 USD"])
def test_money_rejects(raw):
    with pytest.raises(ValueProblem):
        parse_money(raw)


@pytest.mark.parametrize("raw", ["1200 RMB", "RMB 1200", "人民币1200", "CNY 1,200", "rmb1200 cny", "1200 yuan"])
def test_a_currency_beside_a_bare_number_asked_in_10k_yuan_is_refused(raw):
    """1200 RMB under 万元: 1,200 yuan, or 1,200 万 said to be in RMB? Refused rather than guessed (conform14); and so
    is RMB 1200, which had been read as 1,200 yuan, 0.12 万 (verify14). ¥ marks yuan, as formats.md says."""
    with pytest.raises(ValueProblem):
        parse_money(raw, TEN_THOUSAND_UNIT)
    assert parse_money(raw) == Decimal(1200)


def test_money_sign_rule():
    assert parse_money("-5") == Decimal(-5)
    with pytest.raises(ValueProblem, match="0 or more"):
        parse_money("-5", non_negative=True)


@pytest.mark.parametrize("raw, expected", [
    ("96%", Decimal("0.96")), ("1.05 %", Decimal("0.0105")), ("９６％", Decimal("0.96")),
    (0.96, Decimal("0.96")), ("0.96", Decimal("0.96")), (1, Decimal(1)), ("0", Decimal(0)), ("100%", Decimal(1)),
])
def test_percent_spellings(raw, expected):
    assert parse_percent(raw) == expected


@pytest.mark.parametrize("raw", ["96", 96, "150%", "-1%", True, "high"])
def test_percent_rejects(raw):
    with pytest.raises(ValueProblem, match="percentage"):
        parse_percent(raw)


@pytest.mark.parametrize("raw, expected", [("1,234", 1234), (12.0, 12), ("１２", 12), (7, 7), ("-3", -3)])
def test_integer(raw, expected):
    assert parse_integer(raw) == expected


@pytest.mark.parametrize("raw", ["1.5", 2.5, "12a", "-3"])
def test_integer_rejects_fractions_text_and_negative_counts(raw):
    with pytest.raises(ValueProblem):
        parse_integer(raw, non_negative=True)


@pytest.mark.parametrize("kind, unit, raw, expected", [
    (FieldType.NUMBER, "小时", "2小时", Decimal(2)), (FieldType.NUMBER, "小时", "2 小时", Decimal(2)),
    (FieldType.NUMBER, "h", "１．５　Ｈ", Decimal("1.5")), (FieldType.INTEGER, "份", "4份", 4),
    (FieldType.NUMBER, "㎡", "100m2", Decimal(100)), (FieldType.INTEGER, "小时", "2,000小时", 2000),
    # by any of the unit's names (hostile9 H9-7: 1.5小时 in `unit: h` was refused while 1.5h was read)
    *[(FieldType.NUMBER, "h", raw, Decimal("1.5")) for raw in ("1.5小时", "1.5 hours", "1.5个小时", "1.5 Hr")],
    (FieldType.NUMBER, "小时", "1.5h", Decimal("1.5")), (FieldType.INTEGER, "min", "90分钟", 90),
    (FieldType.INTEGER, "d", "3天", 3), (FieldType.INTEGER, "working days", "5个工作日", 5),
    (FieldType.INTEGER, "月", "2个月", 2)])
def test_a_number_may_carry_its_field_s_own_unit(kind, unit, raw, expected):
    assert parser_for(kind, unit, non_negative=True)(raw) == expected


@pytest.mark.parametrize("unit, raw, zh, en", [
    # no number is suggested: 2天 is 48 hours, 2小时30分 is 2.5, 2年半 is 2.5 years, 5% is not 5
    *[(unit, raw, f"不小于 0 的数字，不带单位（本项单位为“{unit}”：换算成{unit}后只填数字）",
       f"a number (0 or more), without a unit (this field is in {unit}: convert to {unit} and type the number alone)")
      for unit, raw in [("小时", "2天"), ("小时", "2小时30分"), ("年", "2年半"), ("米", "2千米"), ("时", "2小时"),
                        ("m", "2 km"), ("元", "500万元"), ("h", "90分钟"),
                        ("working days", "5天")]],
    (None, "5%", "不小于 0 的数字，不带单位（只填数字）", "a number (0 or more), without a unit (type the number alone)"),
    ("小时", "-2小时", "不小于 0 的数字", "a number (0 or more)"),  # the unit is right, the number is not
])
def test_another_word_after_a_number_is_refused_saying_to_type_the_number_alone(unit, raw, zh, en):
    with pytest.raises(ValueProblem) as refused:
        parser_for(FieldType.NUMBER, unit, non_negative=True)(raw)
    assert refused.value.found == raw
    assert expected_text(refused.value.expectation, "zh") == zh
    assert refused.value.expected == en


@pytest.mark.parametrize("raw", ["中" * 32767, "1" + "中" * 32766, "1" + "a" * 32766])
def test_a_cell_as_long_as_excel_allows_is_refused_at_once(raw):
    started = time.perf_counter()
    with pytest.raises(ValueProblem):
        parser_for(FieldType.NUMBER, "小时", non_negative=True)(raw)
    assert time.perf_counter() - started < 5  # it took 44 s when every ending of the cell was folded


def test_number_goes_through_str_for_floats():
    assert parse_number(0.1) == Decimal("0.1")
    assert parse_number("1,234.5") == Decimal("1234.5")


def test_text_keeps_digits_of_number_cells():
    assert parse_text(123.0) == "123"
    assert parse_text("  Ａｃｍｅ  ") == "Ａｃｍｅ"  # filed as typed (trimmed); compared folded


@pytest.mark.parametrize("typed", ["北京智汇（中关村）科技有限公司", "扣分理由：①方案不完整；②驻场人员不足（仅½）；③未承诺25℃机房",
                                   "海淀区中关村大街１号３層 ２００㎡"])
def test_free_text_is_filed_as_typed_and_compared_folded(typed):
    """hostile7 H7-3: NFKC had filed （ as (, ① as 1, ½ as 1⁄2 and ℃ as °C in a name, a comment, a text answer."""
    from bideval.rubric import Condition, Op
    from bideval.values import normalise

    assert parse_text(f"\u3000{typed}\u200b ") == typed
    assert Condition("answer", Op.EQ, normalise(typed)).holds({"answer": parse_text(typed)})  # the rubric half-width


def test_a_duration_in_a_text_field_reads_as_excel_shows_it():
    """A number cell formatted [h]:mm:ss reaches a text field as a duration: read as the sheet shows it, not as
    Python's '45306 days, 0:00:00'."""
    from datetime import timedelta
    assert parse_text(timedelta(days=45306)) == "1087344:00:00"
    assert parse_text(timedelta(hours=7, minutes=30)) == "7:30:00"


@pytest.mark.parametrize("parse, raw, expected", [
    (parse_percent, 0.92099999999999993, Decimal("0.921")),  # =92.1/100 as Excel saves its result; shown 92.10%
    (parse_integer, 7.000000000000001, 7),  # =0.07*100, shown 7: a whole number
    (parse_number, 7.6499999999999995, Decimal("7.65")),  # =8.5*0.9: 7.7 at one place, not 7.6
    (parse_money, 1728000.0000000002, Decimal("1728000")),
    (parse_number, 0.30000000000000004, Decimal("0.3")),  # =0.1+0.2
    (parse_number, 123456789012345.67, Decimal("123456789012346")),  # Excel shows 15 digits
    (parse_text, 0.30000000000000004, "0.3"),
    (parse_text, 1.5e-7, "0.00000015"),
])
def test_a_formula_s_result_is_read_as_excel_shows_it_to_15_digits(parse, raw, expected):
    """Found by an independent import test: formula results read with 17 digits scored 7.07 where the bidder
    stated (and Excel shows) 92.1%, and refused 7 as no whole number."""
    assert parse(raw) == expected


@pytest.mark.parametrize("raw", [9.14501007084611e17, 914501007084611368, 1e15, -1e16])
def test_a_long_number_in_a_text_field_is_refused_its_digits_are_gone(raw):
    """An 18-digit credit code typed without an apostrophe is stored as 9.14501007084611E+17: read as its digits
    it named a code no bidder has (and two bidders sharing 15 digits were refused as one vendor twice)."""
    with pytest.raises(ValueProblem) as caught:
        parse_text(raw)
    assert caught.value.expectation.kind == "text_not_long_number"
    assert parse_text(999_999_999_999_999.0) == "999999999999999"


@pytest.mark.parametrize("raw", [float("nan"), float("inf"), float("-inf")])
def test_a_number_that_is_not_finite_is_no_text(raw):
    with pytest.raises(ValueProblem) as caught:  # it raised decimal.InvalidOperation, a traceback
        parse_text(raw)
    assert caught.value.expectation.kind == "a_text"


@pytest.mark.parametrize("raw, unit, expected", [
    (TenThousandsFormat("1200", '0"万元"'), TEN_THOUSAND_UNIT, Decimal(1200)),
    (TenThousandsFormat("1200.5", '#,##0.00"万元"'), TEN_THOUSAND_UNIT, Decimal("1200.5")),
    (TenThousandsFormat("1200", '0"万"'), TEN_THOUSAND_UNIT, Decimal(1200)),
    (TenThousandsFormat("1200", '0"万元"'), None, None),  # 1200 yuan shown as 1200万元: refused, as before
    (TenThousandsFormat("12000000", '0!.0000"万元"'), TEN_THOUSAND_UNIT, None),  # the point moved: yuan or 万?
    (TenThousandsFormat("12", '0"亿"'), TEN_THOUSAND_UNIT, None),
])
def test_a_number_in_wan_shown_with_wan_after_it_is_read_in_a_wan_field(raw, unit, expected):
    """conform12: a bidder's cell 1200 formatted 0"万元" in a field asked in 万元 shows what it holds; it was refused
    as 'cannot be told whether the number is in yuan or in 万 yuan'."""
    if expected is None:
        with pytest.raises(ValueProblem):
            parse_money(raw, unit)
    else:
        assert parse_money(raw, unit) == expected


@pytest.mark.parametrize("raw, hidden", [
    (TenThousandsFormat("12345", '0"万"'), False), (HiddenByFormat("12345", ";;;"), True),
    (InvisibleInk("12345", "", "FFFFFF", ""), True),
])
def test_a_text_field_refuses_a_cell_shown_otherwise_than_it_holds_saying_to_type_text(raw, hidden):
    """It said "expected a value (a typed answer, or a formula that works out)", words for a failed formula."""
    with pytest.raises(ValueProblem) as caught:
        parse_text(raw)
    assert (caught.value.expectation.kind, caught.value.expectation.facts) == (
        "text_as_held", {"held": "12345", "hidden": hidden})
    assert ("type the answer as text" in caught.value.expected) is not hidden


def test_choice_matches_after_folding_and_keeps_rubric_spelling():
    assert parse_choice("cmmi3", ("CMMI3", "CMMI5")) == "CMMI3"
    with pytest.raises(ValueProblem, match="one of CMMI3, CMMI5"):
        parse_choice("CMMI4", ("CMMI3", "CMMI5"))


@pytest.mark.parametrize("value, places, expected", [
    ("2.675", 2, "2.68"), ("2.665", 2, "2.67"), ("8.345", 2, "8.35"), ("0.125", 2, "0.13"),
    ("-2.675", 2, "-2.68"), ("12.5", 0, "13"),
])
def test_round_half_up_in_decimal(value, places, expected):
    assert round_half_up(Decimal(value), places) == Decimal(expected)


@pytest.mark.parametrize("value, places, expected", [
    ("1E+30", 2, "1000000000000000000000000000000.00"),  # more digits than Decimal's default 28
    ("123456789012345678901234567890.125", 2, "123456789012345678901234567890.13"),
    ("-123456789012345678901234567890.125", 2, "-123456789012345678901234567890.13"),
])
def test_round_half_up_of_a_figure_longer_than_28_digits(value, places, expected):
    assert str(round_half_up(Decimal(value), places)) == expected


@pytest.mark.parametrize("parse, raw", [
    (parse_money, 1e300), (parse_money, -1e300), (parse_money, "1,000,000,000,000,000"), (parse_money, "¥1000000000000000"),
    (parse_money, "100000000000万"), (parse_money, 1e15), (parse_number, 1e15), (parse_number, "-1000000000000000.5"),
    (parse_integer, 10 ** 15), (parse_integer, "9" * 40), (parse_integer, 1e300),
])
def test_a_number_of_16_digits_or_more_is_refused_naming_the_limit(parse, raw):
    """Excel keeps 15 significant digits: 16 digits before the point are not what the bidder typed (a 1e300 price
    made Q too long to round to the cent, a traceback)."""
    with pytest.raises(ValueProblem) as caught:
        parse(raw)
    assert caught.value.expectation.kind == "below_largest"
    assert caught.value.expected.endswith(", below 1,000,000,000,000,000 (Excel keeps 15 digits)")


@pytest.mark.parametrize("parse, raw, expected", [
    (parse_money, 999_999_999_999_999, Decimal(999_999_999_999_999)), (parse_money, "99999999999万", Decimal("999999999990000")),
    (parse_number, "-999,999,999,999,999.99", Decimal("-999999999999999.99")), (parse_integer, 999_999_999_999_999, 999_999_999_999_999),
])
def test_the_largest_numbers_below_the_limit_are_read(parse, raw, expected):
    assert parse(raw) == expected


def test_a_text_longer_than_an_excel_cell_is_refused_saying_its_length():
    """Excel holds at most 32,767 characters in a cell: a longer text comes from a crafted file, and the ranked
    workbook (xlsxwriter) would have cut it where the JSON holds it whole."""
    assert parse_text("甲" * 32767) == "甲" * 32767
    with pytest.raises(ValueProblem) as caught:
        parse_text("甲" * 32768)
    assert caught.value.expectation.kind == "text_within"
    assert caught.value.expected == ("a text of at most 32,767 characters, the most an Excel cell holds (this one "
                                     "has 32,768)")
    with pytest.raises(ValueProblem):
        parse_choice("x" * 40000, ("x",))


def test_every_invisible_formatting_character_is_dropped_before_comparing():
    """normalise drops Unicode's every format character (category Cf), as this Python's Unicode lists them."""
    import unicodedata

    from bideval.values import normalise

    invisible = [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cf"]
    assert len(invisible) > 150
    assert [c for c in invisible if normalise("甲" + c + "乙") != "甲乙"] == []
    assert normalise(" 9133\u200b0106 ") == "91330106" and normalise("Ａ１") == "A1"
    # shown as nothing though not Cf: a combining grapheme joiner, variation selectors, Hangul fillers, Khmer and
    # Mongolian invisible marks, a supplementary variation selector
    for ignorable in "\u034f\ufe0f\ufe00\u180b\u17b4\u115f\u3164\uffa0\U000e0100":
        assert normalise("甲" + ignorable + "乙") == "甲乙", hex(ord(ignorable))
    assert parse_bool("✔\ufe0f") is True  # what an emoji keyboard types for ✔


@pytest.mark.parametrize("parse, raw", [
    (parse_money, "10³万"), (parse_money, "①②万元"), (parse_integer, "2⁵"), (parse_number, "⁴"),
    (parse_number, "٣"), (parse_percent, "９⁶%"), (parse_number, "Ⅲ"), (parse_money, "¥1,2⁰0"),
    (read_number, "⁴"), (read_number, "1⁰"), (read_number, "٨"), (read_number, "①"),
])
def test_a_superscript_circled_or_other_script_digit_is_refused_not_read_as_a_plain_one(parse, raw):
    with pytest.raises(ValueProblem):
        parse(raw)


@pytest.mark.parametrize("parse, raw, value", [
    (parse_money, "１２００万", Decimal(12000000)), (parse_number, "４．２", Decimal("4.2")),
    (parse_percent, "９６％", Decimal("0.96")), (parse_integer, "３", 3), (read_number, "１０", Decimal(10)),
])
def test_full_width_digits_are_still_read(parse, raw, value):
    assert parse(raw) == value


@pytest.mark.parametrize("field, value, lang, shown", [
    ("registered_capital", Decimal("1200"), "zh", "1,200.00"),
    ("registered_capital", Decimal("1200.125"), "en", "1,200.125"),  # 12,001,250 元: not 1,200.12
    ("registered_capital", Decimal("0.000001"), "en", "0.000001"),  # one cent, in 万
    ("rate_per_call", Decimal("0.85"), "en", "0.85"),
    ("rate_per_call", Decimal("10.125"), "en", "10.13"),  # half-up, as money_text: not 10.12
    ("rate_per_call", Decimal("1234567.005"), "zh", "1,234,567.01"),
    ("dial_test_accuracy", Decimal("0.945"), "en", "94.5%"),
    ("dial_test_accuracy", Decimal("1"), "zh", "100%"),
    ("business_license", True, "zh", "是"),
    ("business_license", False, "en", "no"),
    ("similar_projects", 1234, "en", "1,234"),
    ("itss_level", None, "zh", ""),
])
def test_a_bid_value_is_shown_as_people_read_it(field, value, lang, shown):
    from bideval.rubric import load_rubric
    from bideval.values import value_text
    from conftest import EXAMPLE_RUBRIC

    assert value_text(load_rubric(EXAMPLE_RUBRIC).field_index[field], value, lang) == shown


@pytest.mark.parametrize("value, places, least, shown", [
    (Decimal("8.33335"), 4, None, "8.3334"),  # round(float) gives 8.3333
    (Decimal("5.745"), 2, None, "5.75"),  # format(Decimal, ".2f") gives 5.74
    (Decimal("-2.5"), 0, None, "-3"),
    (Decimal("11.733333"), 4, 2, "11.7333"),
    (Decimal("7.1"), 4, 2, "7.10"),
    (Decimal("7"), 4, 0, "7"),
])
def test_a_figure_is_rounded_half_up_as_the_exports_round_it(value, places, least, shown):
    from bideval.values import decimal_text

    assert decimal_text(value, places, least) == shown


@pytest.mark.parametrize("written", ["−18", "－18", "-18", "−18 ℃"])
def test_the_minus_sign_is_a_minus(written):
    """hostile8 H8-3: the minus sign U+2212 (the docs' own −18 ℃), which NFKC keeps, was refused as no number."""
    from decimal import Decimal

    from bideval.values import parse_number

    assert parse_number(written.replace(" ℃", "")) == Decimal(-18)


@pytest.mark.parametrize("control", ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1f", "\x7f", "\x85", "\x9f"])
def test_a_control_character_is_dropped_as_an_invisible_one(control):
    """verify21b: `_x0001_` in a cell puts U+0001 in a bidder's name, which Excel shows as nothing, so two names that
    read alike differed; a control character is dropped as the invisible formatting characters are. A tab and a line
    break in a text answer stay."""
    from bideval.values import normalise, typed

    assert typed("北京" + control + "示例") == "北京示例" and typed("ABC" + control + " Co") == "ABC Co"
    assert normalise("9133" + control + "0106") == "91330106"
    assert typed("第一行\n第二行\tB") == "第一行\n第二行\tB"


@pytest.mark.parametrize("parse, raw, point", [
    (parse_number, "0,500", "0.500"), (parse_number, "0,000", "0.000"), (parse_number, "-0,5", "-0.5"),
    (parse_number, "０，５００", "0.500"), (parse_integer, "0,000", "0.000"), (read_number, "0,500", "0.500"),
    (parse_money, "0,5", "0.5"), (parse_money, "¥0,5", "¥0.5"), (parse_percent, "0,5", "0.5"),
    (parse_percent, "0,5%", "0.5%"), (parse_number, "0,500,000", None), (parse_number, "0,500.5", None),
])
def test_a_comma_after_a_leading_0_is_no_thousands_separator(parse, raw, point):
    """0,500 had been read as 500 and 0,000 as 0: a comma after a leading 0 is refused, asking for the decimal point
    (the number as written with its one comma made a point, when it has one comma only)."""
    with pytest.raises(ValueProblem) as caught:
        parse(raw)
    expected = caught.value.expectation
    assert (expected.kind, expected.facts["point"]) == ("comma_after_zero", point)
    assert "a comma after a leading 0 is no thousands separator" in str(caught.value)
    assert "0 后的逗号不会是千位分隔符" in expected_text(expected, "zh")


@pytest.mark.parametrize("raw, value", [("1,500", Decimal(1500)), ("10,000.5", Decimal("10000.5")),
                                        ("0.500", Decimal("0.500"))])
def test_thousands_separators_after_other_digits_still_read(raw, value):
    assert parse_number(raw) == value
