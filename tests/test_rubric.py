"""Rubric loading: the formats.md example loads; every listed mistake names its criterion."""
import re
import time
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from bideval.errors import RubricError
from bideval.errors import Expected
from bideval.messages import message
from bideval.rubric import Kind, load_rubric, parse_rubric
from bideval.values import ValueProblem

from conftest import EXAMPLE_RUBRIC

EXAMPLE = EXAMPLE_RUBRIC.read_text(encoding="utf-8")


def test_formats_example_loads(rubric):
    assert rubric.id == "cs-outsourcing"
    assert rubric.max_total == 70
    assert [c.kind for c in rubric.criteria][:2] == [Kind.GATE, Kind.CHECKLIST]
    assert rubric.groups == ("commercial", "operations", "price")
    assert [f.id for f in rubric.bid_fields][:3] == ["vendor_id", "vendor_name", "sme"]
    assert all(f.non_negative for f in rubric.fields)  # no field of it says allow_negative
    assert len(rubric.sha256) == 64


def broken(old: str, new: str) -> str:
    assert old in EXAMPLE, old
    return EXAMPLE.replace(old, new, 1)


@pytest.mark.parametrize("text, message", [
    (broken("field: similar_projects", "field: similar_project"), "criterion 'experience': unknown field 'similar_project'"),
    (broken('value: 1000}', 'value: lots}'), "criterion 'company': value 'lots' does not parse as field 'registered_capital'"),
    (broken("min: 5.1,", "min: 5,"), "criterion 'ops_plan': tier t2 (5–10) overlaps tier t1 (0–5)"),
    (broken("candidates: 3", "candidates: 3\nprocurement_object: works"),
     "procurement_object: unknown procurement_object 'works' (expected one of: goods, services)"),
    (broken("min: 10.1,", "min: 10.5,"), "criterion 'ops_plan': tier t3 starts at 10.5, leaving a gap"),
    (broken("min: 10.1, max: 15}", "min: 10.1, max: 16}"), "criterion 'ops_plan': the highest tier must end at max 15"),
    (broken("min: 0,    max: 5}", "min: 1,    max: 5}"), "criterion 'ops_plan': the lowest tier must start at 0"),
    (broken("[[0.92, 7], [0.96, 10]]", "[[0.96, 7], [0.92, 10]]"), "criterion 'dial_test': x values must be strictly increasing"),
    (broken("[[0.92, 7], [0.96, 10]]", "[[0.92, 7], [0.96, 11]]"), "criterion 'dial_test': y 11 lies outside 0..10"),
    (broken("kind: judged", "kind: juged"), "criterion 'service_design': unknown kind 'juged'"),
    (broken("method: lowest_ratio", "method: cheapest"), "criterion 'price': unknown price method 'cheapest'"),
    (broken("method: lowest_ratio", "method: benchmark_deviation"), "criterion 'price': benchmark_deviation needs above_penalty"),
    (broken("models: [lump_sum,", "models: [lump_sum, per_hour,"), "pricing: unknown pricing model 'per_hour'"),
    (broken("    seats: 30\n", ""), "pricing: model per_seat_month needs demand figure(s) seats"),
    (broken("total: 70", "total: 75"), "total: the criteria maxima add up to 70, not the declared total 75"),
    (broken("min_judges_for_trim: 5", "min_judges_for_trim: 2"), "panel: min_judges_for_trim (2) must be more than 2 × trim (1)"),
    (broken("    points_per_unit: 1\n", "    points_per_unit: 1\n    colour: red\n"), "criterion 'experience': unknown key 'colour'"),
    (broken("candidates: 3", "candidates: 3\ncandidate: 3"), "unknown key 'candidate'"),
    (broken("decimals: 2", "decimals: 2\ndecimals: 3"), "key 'decimals' appears twice"),
    (broken("type: percent}", "type: percentage}"), "field 'dial_test_accuracy': unknown type 'percentage'"),
    (broken("op: \"<=\"", "op: \"=<\""), "criterion 'company': unknown op '=<'"),
    (broken("id: service_design", "id: dial_test"), "criterion 'dial_test': the id is used twice"),
    (broken("label: {zh: 同类项目数量, en: Similar projects}", "label: {zh: 同类项目数量, fr: Projets}"),
     "field 'similar_projects': label must give its text in Chinese, English or both"),
    (broken("id: experience\n", "id: experience\n    when: {field: sme}\n"), "criterion 'experience': unknown key 'when'"),
    (broken("candidates: 3", "candidates: 3\ntender_number: [1]"), "tender_number: must be text"),
    (broken("candidates: 3", "candidates: 3\ntender_number: '  '"), "tender_number: must be text"),
    (broken("candidates: 3", "candidates: 3\nprocurement_method: [综合评分法]"),
     "procurement_method: procurement_method must give its text in Chinese, English or both"),
    ("[1, 2", "not valid YAML"),
    (broken("type: percent}", "type: percent, example: 105%}"),
     "field 'dial_test_accuracy': example must be a percentage such as 96% (or a fraction 0..1 such as 0.96), "
     "found '105%'"),
    (broken("type: percent}", "type: percent, example: ''}"), "field 'dial_test_accuracy': example must be an answer"),
    (broken("type: integer}", "type: integer, example: 3}"), "field 'itss_level': example is only for a percent field"),
    (broken("type: percent}", "type: percent, allow_negative: true}"),
     "field 'dial_test_accuracy': allow_negative is only for an integer, number or money field, not percent"),
    (broken("type: integer}", "type: integer, allow_negative: yes please}"),
     "field 'itss_level': allow_negative must be true or false"),
    (broken("en: Similar projects}, type: integer}", "en: Similar projects}, type: integer, allow_negative: true}"),
     "field 'similar_projects': criterion 'experience' counts this field, so a negative answer cannot be allowed"),
])
def test_each_mistake_is_named(text, message):
    with pytest.raises(RubricError) as caught:
        parse_rubric(text, "criteria/x.yaml")
    rendered = str(caught.value)
    assert message in rendered, rendered
    assert rendered.startswith("criteria/x.yaml")


@pytest.mark.parametrize("allow, cell, value", [
    ("", -1, None), ("", 0, 0), ("", "-1", None), (", allow_negative: false", -2, None),
    (", allow_negative: true", -2, -2), (", allow_negative: true", "-2", -2),
])
def test_a_number_field_is_zero_or_more_unless_the_rubric_allows_negatives(allow, cell, value):
    field = parse_rubric(broken("type: integer}", f"type: integer{allow}}}"), "x.yaml").field_index["itss_level"]
    if value is None:
        with pytest.raises(ValueProblem) as refused:
            field.parse(cell)
        assert refused.value.expectation == Expected("integer", {"non_negative": True})
    else:
        assert field.parse(cell) == value


def test_all_mistakes_are_reported_together():
    text = broken("field: similar_projects", "field: nope").replace("min: 5.1,", "min: 5,")
    with pytest.raises(RubricError) as caught:
        parse_rubric(text, "x.yaml")
    assert len(caught.value.problems) == 2


def test_a_checklist_above_its_max_is_fine():
    text = broken("max: 5\n    items:", "max: 2\n    items:").replace("total: 70", "total: 67")
    rubric = parse_rubric(text, "x.yaml")
    assert rubric.criterion_index["company"].max == 2


def test_condition_values_parse_with_their_field(tmp_path: Path):
    text = broken("value: 1000}", 'value: "¥10,000,000"}')
    rubric = parse_rubric(text, "x.yaml")
    item = rubric.criterion_index["company"].items[2]
    assert item.when.value == 1000  # 10,000,000 yuan in a 10k CNY field


def test_unreadable_file_is_a_rubric_error(tmp_path: Path):
    with pytest.raises(RubricError, match="cannot read the rubric"):
        load_rubric(tmp_path / "missing.yaml")
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes("id: caf\xe9".encode("latin-1"))
    with pytest.raises(RubricError, match="UTF-8"):
        load_rubric(bad)


def test_yaml_anchors_and_merge_keys_are_allowed():
    text = broken("  - id: dial_test\n", "  - id: dial_test\n    <<: {group: operations}\n").replace(
        "    group: operations\n    kind: linear", "    kind: linear")
    assert parse_rubric(text, "x.yaml").criterion_index["dial_test"].group == "operations"


def test_a_key_written_in_a_mapping_overrides_the_merged_one():
    text = broken("  - id: dial_test\n", "  - id: dial_test\n    <<: {group: commercial, name: {zh: 旧, en: Old}}\n")
    dial_test = parse_rubric(text, "x.yaml").criterion_index["dial_test"]
    assert (dial_test.group, dial_test.name.en) == ("operations", "Dial-test accuracy")
    with pytest.raises(RubricError, match="key 'group' appears twice"):  # written twice in the mapping itself
        parse_rubric(broken("    group: operations\n", "    group: operations\n    group: price\n"), "x.yaml")


def aliases(levels: int) -> str:
    """A rubric whose tender_number is a list of ten lists of ten …, ``levels`` deep, written with aliases."""
    lines = "".join(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}" if i else "x"] * 10) + "]\n" for i in range(levels))
    return broken("candidates: 3\n", f"candidates: 3\n{lines}tender_number: *a{levels - 1}\n")


def test_aliases_that_expand_to_a_billion_values_are_refused_at_once():
    started = time.perf_counter()
    with pytest.raises(RubricError) as caught:
        parse_rubric(aliases(9), "x.yaml")  # 10^9 values from 1 KB
    assert time.perf_counter() - started < 5  # expanding them would take hours; counting the nodes takes 0.3 s
    assert str(caught.value) == (
        "x.yaml: line 11, column 5: refused: the list or mapping here holds more than 100,000 values once each alias "
        "(*name) is counted as all it stands for (or it holds itself); a rubric holds a few hundred")
    with pytest.raises(RubricError) as caught:  # 10^4 values are read: the value found is quoted in part only
        parse_rubric(aliases(4), "x.yaml")
    lines = str(caught.value).splitlines()  # the unknown keys a0 … a3, and tender_number
    assert lines[-1].startswith("x.yaml: tender_number: must be text") and lines[-1].endswith("…")
    assert all(len(line) < 400 for line in lines)


AREA = "  - {id: area, label: {zh: 区号, en: Area code}, type: text}\n"


def area_gate(value: str) -> str:
    """The example with a text field ``area`` and a gate on it whose value is written ``value``."""
    text = broken("  - {id: similar_projects", AREA + "  - {id: similar_projects")
    return text.replace("when: {field: business_license}\n", f"when: {{field: area, op: in, value: {value}}}\n", 1)


@pytest.mark.parametrize("value, message", [
    ('[010, "021", 0755]', 'YAML reads 010 as the number 8, 0755 as the number 493, not as a text: put it in quotes: '
                           'value: ["010", "021", "0755"]'),
    ("[NO, Yes]", 'YAML reads NO as false, Yes as true, not as a text: put it in quotes: value: ["NO", "Yes"]'),
    ("[1.50, 1:30, 2026_018, 0x1F]",
     "YAML reads 1.50 as the number 1.5, 1:30 as the number 90, 2026_018 as the number 2026018, 0x1F as the number 31"),
    ("[.nan]", 'YAML reads .nan as the number nan, not as a text: put it in quotes: value: [".nan"]'),
    ('["a, b", 010]', 'YAML reads 010 as the number 8, not as a text: put it in quotes: value: ["a, b", "010"]'),
    # stored as 2026-01-05T10:00:00, which no bidder's answer matches: the gate would fail without a word
    ("[2026-01-05 10:00:00]", "YAML reads 2026-01-05 10:00:00 as the date and time 2026-01-05 10:00:00, not as a "
                              'text: put it in quotes: value: ["2026-01-05 10:00:00"]'),
    ("[2026-01-05]", 'YAML reads 2026-01-05 as the date 2026-01-05, not as a text: put it in quotes: '
                     'value: ["2026-01-05"]'),
])
def test_a_text_value_yaml_reads_as_another_thing_is_refused_asking_for_quotes(value, message):
    with pytest.raises(RubricError) as caught:
        parse_rubric(area_gate(value), "x.yaml")
    assert str(caught.value).startswith(f"x.yaml: criterion 'licence': value for field 'area' (line 25): written "
                                        f"without quotes, {message}"), str(caught.value)


def test_plain_digits_and_quoted_codes_are_texts():
    gate = parse_rubric(area_gate('[20260018, "010", -5, abc]'), "x.yaml").criterion_index["licence"]
    assert gate.when.value == ("20260018", "010", "-5", "abc")


@pytest.mark.parametrize("old, new, ids", [
    # a slug may start with a digit, as "lower-case letters, digits, - and _" allows (conform14: refused)
    ("id: cs-outsourcing", "id: 2026-cs", ("2026-cs", "company", "experience")),
    ("id: cs-outsourcing", "id: 2026", ("2026", "company", "experience")),  # plain digits, read as written
    ("  - id: company", '  - id: "1"', ("cs-outsourcing", "1", "experience")),
    ("  - id: experience", "  - id: 2", ("cs-outsourcing", "company", "2")),
])
def test_an_id_may_start_with_a_digit(old, new, ids):
    rubric = parse_rubric(broken(old, new), "x.yaml")
    assert (rubric.id, rubric.criteria[1].id, rubric.criteria[2].id) == ids


def test_a_tier_id_in_plain_digits_is_the_text_written():
    text = EXAMPLE.replace("{id: t1, label", "{id: 1, label").replace("{id: t2, label", '{id: "2", label')
    assert [t.id for t in parse_rubric(text, "x.yaml").criterion_index["ops_plan"].tiers] == ["1", "2", "t3"]


@pytest.mark.parametrize("new", ["  - id: _x", "  - id: -x"])
def test_an_id_starting_otherwise_is_no_slug(new):
    assert any("must be a slug" in line for line in refusals(broken("  - id: experience", new)))


def test_an_id_of_digits_with_a_leading_zero_is_refused_asking_for_quotes():
    """010 is YAML's 8, not the digits written: refused, saying so, as every id YAML reads as another thing."""
    assert refusals(broken("  - id: experience", "  - id: 010")) == [
        "criterion '010': id (line 35): written without quotes, YAML reads 010 as the number 8, not as a text: "
        "put it in quotes: id: '010'"]


@pytest.mark.parametrize("written, choices", [
    ("[1, 2, 3]", ("1", "2", "3")),  # conform14: refused asking for quotes, which a condition's value does not need
    ('[1, "2级", 三级]', ("1", "2级", "三级")),
])
def test_plain_digits_are_choices_as_written(written, choices):
    text = broken("  - {id: similar_projects", "  - {id: level, label: {zh: 等级, en: Level}, type: choice, "
                                               f"choices: {written}}}\n  - {{id: similar_projects")
    assert parse_rubric(text, "x.yaml").field_index["level"].choices == choices


@pytest.mark.parametrize("old, new, message", [
    ("candidates: 3\n", "candidates: 3\ntender_number: 0755\n",
     'tender_number: line 7: written without quotes, YAML reads 0755 as the number 493, not as a text: put it in '
     'quotes: tender_number: "0755"'),
    ("candidates: 3\n", "candidates: 3\ntender_number: 2026_018\n", "YAML reads 2026_018 as the number 2026018"),
    ("candidates: 3\n", "candidates: 3\ntender_number: 1:30:00\n", "YAML reads 1:30:00 as the number 5400"),
    ("candidates: 3\n", "candidates: 3\ntender_number: 2026-01-05\n", "YAML reads 2026-01-05 as the date 2026-01-05"),
    ("en: Similar projects}", "en: No}",
     "field 'similar_projects': label en (line 17): written without quotes, YAML reads No as false, not as a text: "
     'put it in quotes: label: {zh: "同类项目数量", en: "No"}'),
    ("{zh: 同类项目数量, en: Similar projects}", "{zh: 1:30, en: Similar projects}",
     'YAML reads 1:30 as the number 90, not as a text: put it in quotes: label: {zh: "1:30", en: "Similar projects"}'),
    # every text is quoted in the fix, so copying it keeps a comma or a ': ' inside the text
    ("{zh: 同类项目数量, en: Similar projects}", '{zh: "同类项目, 数量", en: No}',
     'put it in quotes: label: {zh: "同类项目, 数量", en: "No"}'),
    ("{zh: 同类项目数量, en: Similar projects}", '{zh: "注: 同类", en: No}', 'label: {zh: "注: 同类", en: "No"}'),
    ("title: {zh: 客服业务外包项目评分标准, en: Customer-service outsourcing}", "title: 2024",
     'title: line 2: written without quotes, YAML reads 2024 as the number 2024, not as a text: put it in '
     'quotes: title: "2024"'),
    # regime, a field's unit and choices: quoted as written (Off, not "False" or a guessed "no")
    ("candidates: 3\n", "candidates: 3\nregime: Off\n",
     'regime: line 7: written without quotes, YAML reads Off as false, not as a text: put it in quotes: regime: "Off"'),
    ("projects}, type: integer}", "projects}, type: integer, unit: 1:30}",
     "field 'similar_projects': unit (line 17): written without quotes, YAML reads 1:30 as the number 90, not as a "
     'text: put it in quotes: unit: "1:30"'),
    ("projects}, type: integer}", "projects}, type: choice, choices: [On, Off, partial, 010]}",
     "field 'similar_projects': choices (line 17): written without quotes, YAML reads On as true, Off as false, 010 "
     'as the number 8, not as a text: put it in quotes: choices: ["On", "Off", "partial", "010"]'),
])
def test_a_text_key_yaml_reads_as_another_thing_is_refused_asking_for_quotes(old, new, message):
    with pytest.raises(RubricError) as caught:
        parse_rubric(broken(old, new), "x.yaml")
    assert message in str(caught.value), str(caught.value)


def test_decimals_must_hold_the_tier_bounds():
    with pytest.raises(RubricError, match="decimals: 0 is fewer than the 1 decimal place"):
        parse_rubric(broken("decimals: 2", "decimals: 0"), "x.yaml")


@pytest.mark.parametrize("addition, number, method", [
    ("", None, None),
    ("tender_number: ZB-2026-018\nprocurement_method: {zh: 公开招标（综合评分法）, en: Open tender (comprehensive scoring)}\n",
     "ZB-2026-018", ("公开招标（综合评分法）", "Open tender (comprehensive scoring)")),
    ("tender_number: 20260018\n", "20260018", None),  # YAML reads it as a number; it is kept as written
])
def test_the_tender_number_and_method_are_optional(addition, number, method):
    rubric = parse_rubric(broken("candidates: 3\n", "candidates: 3\n" + addition), "x.yaml")
    assert rubric.tender_number == number
    assert (rubric.procurement_method.zh, rubric.procurement_method.en) == method if method else \
        rubric.procurement_method is None


# -- each criterion kind is its own type, checked when it is built

from decimal import Decimal as D  # noqa: E402

from bideval.benchmark import MeanBenchmark  # noqa: E402
from bideval.labels import Label  # noqa: E402
from bideval.rubric import (BenchmarkDeviationPrice, BenchmarkedPrice, Checklist, Condition, Count, Gate,  # noqa: E402
                            InvalidCriterion, Judged, Linear, LowestRatioPrice, Op, PenalisedPrice, Price, Tier, Tiered)

NAME = Label("名称", "Name")


def tier(tid: str, low: str, high: str) -> Tier:
    return Tier(tid, Label(tid, tid), D(low), D(high))


@pytest.mark.parametrize("build, message, data", [
    (lambda: Judged(id="j", name=NAME, group="g", max=D(0)), "max must be more than 0, found 0", {"max": D(0)}),
    (lambda: Count(id="c", name=NAME, group="g", max=D(5), field="n", points_per_unit=D(0)),
     "points_per_unit must be more than 0", {"points_per_unit": D(0)}),
    (lambda: Linear(id="l", name=NAME, group="g", max=D(10), field="x", points=((D(1), D(7)), (D(1), D(10)))),
     "x values must be strictly increasing: 1 after 1", {"x": D(1), "previous": D(1)}),
    (lambda: Linear(id="l", name=NAME, group="g", max=D(10), field="x", points=((D(1), D(7)), (D(2), D(11)))),
     "y 11 lies outside 0..10", {"y": D(11), "range": (D(0), D(10))}),
    (lambda: Tiered(id="t", name=NAME, group="g", max=D(10), tiers=(tier("t1", "0", "5"), tier("t2", "5", "10"))),
     "tier t2 (5–10) overlaps tier t1 (0–5)", {"tier": "t2", "range": (D(5), D(10)), "other": "t1"}),
    (lambda: Tiered(id="t", name=NAME, group="g", max=D(10), tiers=(tier("t1", "0", "5"), tier("t2", "5.1", "9"))),
     "the highest tier must end at max 10, not 9", {"tier": "t2", "max": D(10)}),
    (lambda: Checklist(id="k", name=NAME, group="g", max=D(5), items=()), "a checklist needs items", {}),
    (lambda: BenchmarkDeviationPrice(id="p", name=NAME, group="price", max=D(30), above_penalty=D(-1),
                                     below_penalty=D(1)),
     "above_penalty must be 0 or more, found -1", {"above_penalty": D(-1)}),
    (lambda: LowestRatioPrice(id="p", name=NAME, group="price", max=D(30), sme_deduction=D(1)),
     "sme_deduction must be 0 or more and less than 1, found 1", {"sme_deduction": D(1)}),
])
def test_a_criterion_is_checked_when_it_is_built(build, message, data):
    with pytest.raises(InvalidCriterion) as caught:
        build()
    mistake = next(m for m in caught.value.mistakes if message in m.message)
    assert {key: mistake.data.get(key) for key in data} == data  # the facts named (a coded mistake carries more)


@pytest.mark.parametrize("shared, own", [  # the base and the shared parts, each with every key it needs
    (Price, {}),
    (PenalisedPrice, {"above_penalty": D(1), "below_penalty": D(1)}),
    (BenchmarkedPrice, {"benchmark": MeanBenchmark()}),
])
def test_a_price_type_without_a_method_is_not_built(shared, own):
    with pytest.raises(TypeError, match="names no price method"):
        shared(id="p", name=NAME, group="price", max=D(30), **own)


def test_the_reader_passes_each_mistake_on_with_its_data():
    with pytest.raises(RubricError) as caught:
        parse_rubric(broken("min: 5.1,", "min: 5,"), "x.yaml")
    (problem,) = caught.value.problems
    expected = {"criterion": "ops_plan", "tier": "t2", "range": (D(5), D(10)), "other": "t1", "other_range": (D(0), D(5))}
    assert {key: problem.data.get(key) for key in expected} == expected


def test_kinds_and_what_they_read(rubric):
    kinds = {c.id: type(c) for c in rubric.criteria}
    assert kinds["licence"] is Gate and kinds["company"] is Checklist and kinds["ops_plan"] is Tiered
    assert [c.id for c in rubric.criteria if c.is_panel] == ["ops_plan", "service_design"]
    assert not rubric.criterion_index["licence"].is_scored
    assert rubric.criterion_index["dial_test"].fields_read == ("dial_test_accuracy",)
    assert Gate(id="g", name=NAME, group="q", when=Condition("lic", Op.TRUTHY)).fields_read == ("lic",)


# -- a value left blank is a mistake named at its key, never a key left out (a criterion dropped, exit 0)

def refusals(text: str) -> list[str]:
    """What the reader says about a rubric it refuses, one line per problem, without the file name."""
    with pytest.raises(RubricError) as caught:
        parse_rubric(text, "x.yaml")
    return [str(p).removeprefix("x.yaml: ") for p in caught.value.problems]


@pytest.mark.parametrize("blank", ["", " ~", " null", " NULL"])
@pytest.mark.parametrize("old, new, message", [  # @ stands for the blank
    ("    kind: price\n    max: 30", "    kind: price\n    max:@", "criterion 'price': max is empty; expected a number"),
    ("    kind: judged\n    max: 5", "    kind: judged\n    max:@", "criterion 'service_design': max is empty"),
    ("    name: {zh: 服务方案, en: Service design}", "    name:@",
     "criterion 'service_design': name is empty; expected a text in Chinese, English or both"),
    ("    points_per_unit: 1", "    points_per_unit:@", "criterion 'experience': points_per_unit is empty"),
    ("    kind: judged\n", "    kind: judged\n    step:@\n", "criterion 'service_design': step is empty"),
    ("min: 5.1,  max: 10}", "min: 5.1,  max:@}", "criterion 'ops_plan': tier t2 max is empty"),
    ("min: 5.1,", "min:@,", "criterion 'ops_plan': tier t2 min is empty"),
    ("points: 1, when: {field: business_license}", "points:@, when: {field: business_license}",
     "criterion 'company': item 1 points is empty"),
    ("budget_ceiling: 1200000", "budget_ceiling:@", "criterion 'price': budget_ceiling is empty; expected a number"),
    ("sme_deduction: 0.10", "sme_deduction:@", "criterion 'price': sme_deduction is empty; expected a number"),
    ("abnormal_low_share: 0.8", "abnormal_low_share:@", "criterion 'price': abnormal_low_share is empty"),
    ("    group: operations\n    kind: judged", "    group:@\n    kind: judged",
     "criterion 'service_design': group is empty"),
    ("    kind: judged", "    kind:@", "criterion 'service_design': kind is empty; expected one of: gate, checklist"),
    ("    when: {field: business_license}\n", "    when:@\n",
     "criterion 'licence': when is empty; expected a condition"),
    ("title: {zh: 客服业务外包项目评分标准, en: Customer-service outsourcing}", "title:@",
     "title: is empty; expected a text in Chinese, English or both"),
    ("decimals: 2", "decimals:@", "decimals: is empty; expected a whole number of at least 0"),
    ("total: 70", "total:@", "total: is empty; expected a number"),
    ("type: percent}", "type:@}", "field 'dial_test_accuracy': type is empty; expected one of: bool, integer"),
    ("  aggregate: mean", "  aggregate:@", "panel: aggregate is empty; expected one of: mean, trimmed_mean"),
    ("    seats: 30", "    seats:@", "pricing.demand: seats is empty; expected a number"),
])
def test_a_blank_value_is_refused_at_its_key(blank, old, new, message):
    said = refusals(broken(old, new.replace("@", blank)))
    assert any(line.startswith(message) for line in said), said
    assert not any(line.startswith("total:") and "add up" in line for line in said), said  # no false total


@pytest.mark.parametrize("blank", ["~", "null"])
def test_a_blank_y_of_a_linear_point_is_refused(blank):
    assert refusals(broken("[[0.92, 7], [0.96, 10]]", f"[[0.92, {blank}], [0.96, 10]]")) == [
        "criterion 'dial_test': point 1 y is empty; expected a number"]


def test_a_blank_criterion_keeps_the_rubric_from_ranking_without_it(tmp_path: Path):
    """The tester's case: `max:` left blank on the price criterion dropped it, `check` exited 0 with full marks 40
    and `evaluate` ranked without price (so without the budget ceiling and the SME deduction)."""
    said = refusals(broken("    kind: price\n    max: 30", "    kind: price\n    max:"))
    assert said == ["criterion 'price': max is empty; expected a number"]


def test_a_blank_in_a_list_is_refused_too():
    assert "criterion #2: a criterion is empty; expected a mapping (key: value)" in refusals(
        broken("  - id: company\n", "  -\n  - id: company\n"))
    assert any("pricing model is empty" in line for line in refusals(broken("models: [lump_sum,", "models: [~,")))
    assert any("value for field 'itss_level' is empty" in line
               for line in refusals(broken('op: "<=", value: 2}', 'op: "<=", value: ~}')))


# -- `total` is checked only when every criterion and cap was read: a refused one left out looked like a wrong total

WEIGHTED = "groups:\n  - {id: commercial, weight: 1}\n  - {id: operations, weight: 1}\n  - {id: price, weight: 1}\n"


@pytest.mark.parametrize("text, mistake", [
    (broken("id: service_design", "id: dial_test"), "criterion 'dial_test': the id is used twice"),
    (broken("    kind: judged\n    max: 5", "    kind: judged\n    max: -5"),
     "criterion 'service_design': max must be more than 0, found -5"),
    (broken("[[0.92, 7], [0.96, 10]]", "[[0.96, 10], [0.92, 7]]"), "criterion 'dial_test': x values must be strictly"),
    (broken("candidates: 3\n", "candidates: 3\n" + WEIGHTED).replace("[[0.92, 7], [0.96, 10]]", "[[0.96, 10], [0.92, 7]]"),
     "criterion 'dial_test': x values must be strictly"),
    (broken("candidates: 3\n", "candidates: 3\n" + WEIGHTED).replace("min: 10.1,", "min: 11,"),
     "criterion 'ops_plan': tier t3 starts at 11, leaving a gap"),
    (broken("candidates: 3\n", "candidates: 3\n" + WEIGHTED.replace("commercial, weight: 1", "commercial, weight: -1")),
     "group 'commercial': weight must be more than 0, found -1"),
    (broken("candidates: 3\n", "candidates: 3\ncaps:\n  - {id: experience, label: {zh: 合计}, max: 8, "
                               "criteria: [experience, company]}\n"),
     "cap 'experience': the id is already used by a criterion or another cap"),
    (broken("    kind: judged\n", "    kind: judge\n"), "criterion 'service_design': unknown kind 'judge'"),
])
def test_a_refused_criterion_is_not_also_a_wrong_total(text, mistake):
    said = refusals(text)
    assert any(line.startswith(mistake) for line in said), said
    assert not [line for line in said if line.startswith("total:")], said  # fixing `total` would break a good rubric


def test_the_total_is_still_checked_beside_other_mistakes():
    said = refusals(broken("total: 70", "total: 75").replace("label: {zh: 同类项目数量, en: Similar projects}",
                                                               "label: {zh: 同类项目数量, en: itss_level}"))
    assert "total: the criteria maxima add up to 70, not the declared total 75" in said


# -- full-width punctuation and tabs: the character named, and what to type instead

@pytest.mark.parametrize("old, new, message", [
    ("    kind: judged\n    max: 5", "    kind： judged\n    max: 5",
     r"line 61, column 5: not valid YAML: could not find expected ':'; line 61 holds the full-width '：': where it is "
     r"YAML punctuation, type the ASCII ':' \(switch the input method to half-width\)"),
    ("  - {id: similar_projects, label: {zh: 同类项目数量, en: Similar projects}, type: integer}",
     "  - {id: similar_projects， label: {zh: 同类项目数量, en: Similar projects}, type: integer}",
     r"line 17, column \d+: not valid YAML: expected ',' or '}', but got ':'; line 17 holds the full-width '，': where it "
     r"is YAML punctuation, type the ASCII ','.*"),
    ("points: [[0.92, 7], [0.96, 10]]", "points: ［[0.92, 7], [0.96, 10]］",  # YAML reads a text, not a list
     r"criterion 'dial_test': points must list at least two \[x, y\] pairs; it holds the full-width '［' and '］': YAML "
     r"needs the ASCII '\[' and '\]'.*"),
    ("max: 5\n    items:", "max: 5\n\titems:",
     r"line \d+, column 1: not valid YAML: found character '\\t' that cannot start any token; indent with spaces: YAML "
     r"does not allow a tab"),
])
def test_a_typing_slip_that_breaks_the_yaml_is_named(old, new, message):
    (line,) = refusals(broken(old, new))
    assert re.fullmatch(message, line), line


@pytest.mark.parametrize("typed, hint", [
    ("kind： judged", "it holds the full-width '：': YAML needs the ASCII ':'"),
    ("kind:\u3000judged", "it holds a full-width space: YAML needs an ASCII space"),
])
def test_a_full_width_colon_or_space_in_a_flow_mapping_names_the_key(typed, hint):
    text = broken("  - id: service_design\n    name: {zh: 服务方案, en: Service design}\n    group: operations\n"
                  "    kind: judged\n    max: 5\n",
                  "  - {id: service_design, name: {zh: 服务方案, en: Service design}, group: operations, "
                  f"{typed}, max: 5}}\n")
    said = refusals(text)
    assert any(line.startswith("criterion 'service_design': unknown key") and line.endswith(
        hint + " (switch the input method to half-width)") for line in said), said
    assert "criterion 'service_design': missing 'kind'" in said


def test_a_full_width_word_in_a_value_is_named():
    said = refusals(broken("method: lowest_ratio", "method: lowest_ratio，"))
    assert said == ["criterion 'price': unknown price method 'lowest_ratio，' (expected one of: lowest_ratio, "
                    "linear_minmax, benchmark_deviation, ratio, deviation, relative_to_lowest); it holds the "
                    "full-width '，': YAML needs the ASCII ',' (switch the input method to half-width)"]


def test_chinese_punctuation_in_a_label_is_no_mistake():
    rubric = parse_rubric(broken("en: Operating licence}, points: 1", "en: Operating licence（副本）}, points: 1"), "x.yaml")
    assert rubric.criterion_index["company"].items[0].label.en == "Operating licence（副本）"


# -- Order 87: 综合评分法 scores price

NO_PRICE = broken("total: 70", "total: 40").replace(
    "  - id: price\n    name: {zh: 价格, en: Price}\n    group: price\n    kind: price\n    max: 30\n"
    "    method: lowest_ratio\n    budget_ceiling: 1200000\n    sme_deduction: 0.10\n    abnormal_low_share: 0.8\n", "")


def test_order87_needs_a_price_criterion():
    assert "price" not in NO_PRICE.split("criteria:")[1].split("pricing:")[0]
    said = refusals(NO_PRICE.replace("candidates: 3", "candidates: 3\nregime: order87"))
    assert said == ["regime: order87 (综合评分法) scores price (Order 87 art. 55), but no criterion is of kind price: "
                    "add a price criterion, or remove the regime"]


def test_without_order87_no_price_is_allowed_with_a_warning():
    from bideval.rubric_yaml import rubric_warnings

    rubric = parse_rubric(NO_PRICE, "x.yaml")
    (warning,) = rubric_warnings(rubric)
    assert str(warning) == ("x.yaml: no criterion scores the price, yet the bid form asks every bidder for a price "
                            "(total_price, rate_per_seat_month, rate_per_call, base_per_seat_month, commission_rate): "
                            "add a price criterion if the price is to count")
    assert rubric_warnings(parse_rubric(EXAMPLE, "x.yaml")) == ()


def test_order87_with_a_price_criterion_refused_for_its_own_mistake_is_not_told_twice():
    said = refusals(broken("candidates: 3", "candidates: 3\nregime: order87").replace("kind: price", "kind: prise"))
    assert said == ["criterion 'price': unknown kind 'prise' (expected one of: gate, checklist, count, linear, tiered, "
                    "judged, price, deduction, penalty)"]


# -- smaller: money units, tier order, a missing group, quoted numbers

def test_a_money_unit_on_a_count_is_refused():
    said = refusals(broken("similar_projects, label: {zh: 同类项目数量, en: Similar projects}, type: integer}",
                           "similar_projects, label: {zh: 同类项目数量, en: Similar projects}, type: integer, "
                           "unit: 10k CNY}"))
    assert said == ["field 'similar_projects': unit '10k CNY' is a unit of money, but the field is integer: make it "
                    "type: money, or remove the unit"]
    hours = parse_rubric(broken("type: integer}", "type: integer, unit: 个}"), "x.yaml")  # a word for the form
    assert hours.field_index["itss_level"].unit == "个"




@pytest.mark.parametrize("old, new, line", [  # what check calls it, or the sign typed: the hint says what to write
    ("method: lowest_ratio", "method: 低价优先法",
     "criterion 'price': unknown price method '低价优先法' (expected one of: lowest_ratio, linear_minmax, "
     "benchmark_deviation, ratio, deviation, relative_to_lowest); for '低价优先法' write lowest_ratio"),
    ("method: lowest_ratio", "method: 基准价偏差法", "for '基准价偏差法' write benchmark_deviation or deviation"),
    ("method: lowest_ratio", "method: Lowest Ratio", "for 'Lowest Ratio' write lowest_ratio"),
    ("kind: judged", "kind: 评委评分", "for '评委评分' write judged"),
    ("kind: judged", "kind: 扣分项(从总分扣除)", "for '扣分项(从总分扣除)' write penalty"),  # an older label's addition
    ("kind: judged", "kind: deduction (down to 0)", "for 'deduction (down to 0)' write deduction"),
    ("aggregate: mean", "aggregate: 去掉最高分和最低分后的平均值", "for '去掉最高分和最低分后的平均值' write trimmed_mean"),
    ("candidates: 3", "candidates: 3\nprocurement_object: 货物", "procurement_object: unknown procurement_object '货物' "
     "(expected one of: goods, services); for '货物' write goods"),
    ("models: [lump_sum,", "models: [总价包干,", "pricing: unknown pricing model '总价包干' (expected one of: lump_sum, "
     "per_seat_month, per_call, base_plus_commission, per_unit_month, base_plus_excess, discount_rate); for '总价包干' "
     "write lump_sum"),
    ('op: "<="', 'op: "≤"', "criterion 'company': unknown op '≤' (expected one of: ==, !=, <, <=, >, >=, in); "
                           "for '≤' write <="),
    ('op: ">="', 'op: "≥"', "for '≥' write >="),
    ('op: "<="', 'op: "＜"', "for '＜' write <"),
    ('op: ">="', 'op: "＞"', "for '＞' write >"),
    ('op: ">="', 'op: "＝"', "for '＝' write =="),
    ('op: ">="', 'op: "=<"', "for '=<' write <="),
    # how a condition without an op is held, not an op: it would test "is yes" and drop the value
    ('op: "<="', "op: truthy", "criterion 'company': unknown op 'truthy' (expected one of: ==, !=, <, <=, >, >=, in)"),
])
def test_a_word_or_sign_for_a_value_of_the_format_says_how_it_is_written(old, new, line):
    said = refusals(broken(old, new))
    assert any(s.endswith(line) for s in said), said


def test_a_missing_group_is_said_once():
    assert refusals(broken("    group: operations\n    kind: judged", "    kind: judged")) == [
        "criterion 'service_design': missing 'group'"]


@pytest.mark.parametrize("old, new", [
    ("decimals: 2", 'decimals: "2"'),
    ("candidates: 3", "candidates: '3'"),
    ("  trim: 1", '  trim: "1"'),
    ("    kind: judged\n    max: 5", '    kind: judged\n    max: "5"'),
    ("budget_ceiling: 1200000", 'budget_ceiling: "1200000.00"'),
    ("sme_deduction: 0.10", "sme_deduction: '0.10'"),
    # a whole number written with its point (conform14: refused as no whole number)
    ("decimals: 2", "decimals: 2.0"), ("candidates: 3", "candidates: 3.0"), ("  trim: 1", '  trim: "1.0"'),
])
def test_a_quoted_plain_number_is_read_as_the_number(old, new):
    assert replace(parse_rubric(broken(old, new), "x.yaml"), sha256="") == replace(parse_rubric(EXAMPLE, "x.yaml"),
                                                                                   sha256="")


CAPITAL = 'op: ">=", value: 1000}'  # registered_capital, a money field in 万元 (line 34)


@pytest.mark.parametrize("old, new, message", [
    # hours written as on a clock, in a value a field's answer is compared with (hostile9 H9-4)
    (CAPITAL, 'op: ">=", value: 4:00}', "criterion 'company': value (line 34): 4:00 is read by YAML as the number 240 "
                                        "(base 60); write the number in the field's unit: 4 for hours, 240 for minutes"),
    (CAPITAL, 'op: ">=", value: 1:20}', "1:20 is read by YAML as the number 80 (base 60); write the number in the "
                                        "field's unit: about 1.3333 for hours, 80 for minutes"),
    (CAPITAL, 'op: in, value: [1000, 1:30]}', "criterion 'company': value (line 34): 1:30 is read by YAML as the "
                                              "number 90 (base 60)"),
    ("points: [[0.92, 7], [0.96, 10]]", "points: [[0.92, 7], [1:00, 10]]",
     "criterion 'dial_test': point 2 x (line 57): 1:00 is read by YAML as the number 60 (base 60)"),
    # a number of the rubric's own: max, points, a ceiling, decimals
    ("    points_per_unit: 1\n    max: 5", "    points_per_unit: 0b1\n    max: 1:30.5",
     "criterion 'experience': max (line 41): 1:30.5 is read by YAML as the number 90.5 (base 60); write the number "
     "itself\ncriterion 'experience': points_per_unit (line 40): 0b1 is read by YAML as the number 1 (base 2); write "
     "it in decimal digits, 1"),
    ("budget_ceiling: 1200000", "budget_ceiling: 0x1E3660",
     "criterion 'price': budget_ceiling (line 69): 0x1E3660 is read by YAML as the number 1980000 (base 16); write it "
     "in decimal digits, 1980000"),
    ("budget_ceiling: 1200000", "budget_ceiling: 33:00:00", "budget_ceiling (line 69): 33:00:00 is read by YAML as "
                                                            "the number 118800 (base 60); write the number itself"),
    ("decimals: 2", "decimals: 0x2", "decimals: line 4: 0x2 is read by YAML as the number 2 (base 16)"),
])
def test_a_number_yaml_reads_in_another_base_is_refused_saying_what_it_made_of_it(old, new, message):
    assert message in "\n".join(refusals(broken(old, new)))


@pytest.mark.parametrize("old, new", [
    ("budget_ceiling: 1200000", "budget_ceiling: 1_200_000"),  # digits grouped by _: decimal, read as written
    ("budget_ceiling: 1200000", "budget_ceiling: 01200000"),  # not YAML 1.1's octal (hostile8 H8-2)
    (CAPITAL, 'op: ">=", value: 01000}'),  # a field's value too, as a rubric's own figure is
    ("points: [[0.92, 7], [0.96, 10]]", "points: [[0.92, 07], [0.96, 010]]"),
])
def test_a_number_in_decimal_digits_is_read_as_the_digits_written(old, new):
    assert replace(parse_rubric(broken(old, new), "x.yaml"), sha256="") == replace(parse_rubric(EXAMPLE, "x.yaml"),
                                                                                   sha256="")


BENCHMARK = "method: ratio\n    benchmark: {base: ceiling_and_mean, coefficient: %s, ceiling_weight: %s}"
CATEGORIES = "sme_deduction:\n      - {id: small, label: 小型企业, rate: %s}"


@pytest.mark.parametrize("old, share, percent", [  # as pass_mark: 10% is 0.10 exactly, written as standards write it
    ("sme_deduction: 0.10", "sme_deduction: 0.10", "sme_deduction: 10%"),
    ("sme_deduction: 0.10", "sme_deduction: 0.10", 'sme_deduction: "10 ％"'),
    ("sme_deduction: 0.10", CATEGORIES % "0.02", CATEGORIES % "2%"),
    ("abnormal_low_share: 0.8", "abnormal_low_share: 0.8", "abnormal_low_share: 80%"),
    ("method: lowest_ratio", BENCHMARK % ("0.95", "0.3"), BENCHMARK % ("95%", "30%")),
    ("outlier_share: 0.2", "outlier_share: 0.25", "outlier_share: 25%"),
])
def test_a_share_or_rate_may_be_written_as_a_percent(old, share, percent):
    assert replace(parse_rubric(broken(old, percent), "x.yaml"), sha256="") == replace(
        parse_rubric(broken(old, share), "x.yaml"), sha256="")


@pytest.mark.parametrize("old, new, message", [
    ("sme_deduction: 0.10", "sme_deduction: 100%",
     "criterion 'price': sme_deduction must be 0 or more and less than 1, found 1"),
    ("abnormal_low_share: 0.8", "abnormal_low_share: 0%", "criterion 'price': abnormal_low_share must be"),
    ("method: lowest_ratio", BENCHMARK % ("-5%", "0.3"), "criterion 'price': benchmark coefficient must be more than 0"),
    ("outlier_share: 0.2", "outlier_share: 120%", "panel: outlier_share must be at most 1, found 120%"),
])
def test_a_share_written_as_a_percent_is_checked_as_the_share(old, new, message):
    said = refusals(broken(old, new))
    assert any(line.startswith(message) for line in said), said


@pytest.mark.parametrize("old, new, message", [
    ("decimals: 2", 'decimals: "2.5"', "decimals: decimals must be a whole number of at least 0, found '2.5'"),
    ("    kind: judged\n    max: 5", '    kind: judged\n    max: "5分"', "criterion 'service_design': max must be a number, "
                                                                         "found '5分'"),
    ("budget_ceiling: 1200000", 'budget_ceiling: "1,200,000"', "criterion 'price': budget_ceiling must be a number"),
    ("budget_ceiling: 1200000", 'budget_ceiling: "¥1200000"', "criterion 'price': budget_ceiling must be a number"),
    ("sme_deduction: 0.10", 'sme_deduction: "10分"', "criterion 'price': sme_deduction must be a number"),
    ("sme_deduction: 0.10", 'sme_deduction: "10%%"', "criterion 'price': sme_deduction must be a number"),
    ("abnormal_low_share: 0.8", 'abnormal_low_share: "80％ of mean"', "criterion 'price': abnormal_low_share must be"),
    ("    kind: judged\n    max: 5", '    kind: judged\n    max: "5%"', "criterion 'service_design': max must be a number"),
    # a superscript or circled digit is no digit the author typed as one (NFKC would make ⁵ a 5)
    ("    kind: judged\n    max: 5", '    kind: judged\n    max: "⁵"', "criterion 'service_design': max must be a number"),
    ("    kind: judged\n    max: 5", '    kind: judged\n    max: "⑤"', "criterion 'service_design': max must be a number"),
])
def test_a_quoted_text_that_is_no_plain_number_is_refused(old, new, message):
    said = refusals(broken(old, new))
    assert any(line.startswith(message) for line in said), said


def test_a_group_may_share_a_criterion_s_id_or_name():
    """docs/rubrics.md: the rule on names is about things of one kind. The price criterion `price` (价格 / Price)
    sits in the group `price` (价格 / Price) in every shipped rubric; nothing a bidder or the panel fills in names a
    group, so a group labelled like a criterion, or with its id, is no ambiguity."""
    groups = ("groups:\n  - {id: qualification}\n  - {id: commercial, label: {zh: 行业经验, en: Industry experience}}\n"
              "  - {id: operations}\n  - {id: price}\n")
    text = broken("candidates: 3\n", "candidates: 3\n" + groups)
    rubric = parse_rubric(text, "x.yaml")
    assert rubric.group("commercial").label == rubric.criterion_index["experience"].name
    assert rubric.criterion_index["price"].group == "price"


# -- tiers and the rounding of their scores: a tier starts at most one score step above the previous one's end

TIERS = ("      - {id: t1, label: {zh: 一档, en: Tier 1}, min: 0,    max: 5}\n"
         "      - {id: t2, label: {zh: 二档, en: Tier 2}, min: 5.1,  max: 10}\n"
         "      - {id: t3, label: {zh: 三档, en: Tier 3}, min: 10.1, max: 15}\n")


def tiered(bounds: str, decimals: str = "", step: str = "") -> str:
    """The example rubric with ops_plan's tiers at ``bounds`` (``0-5 6-10 11-15``), its own ``decimals`` and
    ``step``."""
    rows = "".join(f"      - {{id: t{n}, label: {{zh: {n}档, en: Tier {n}}}, min: {low}, max: {high}}}\n"
                   for n, (low, high) in enumerate((b.split("-") for b in bounds.split()), 1))
    text = broken(TIERS, rows)
    own = (f"    decimals: {decimals}\n" if decimals else "") + (f"    step: {step}\n" if step else "")
    return text.replace("    kind: tiered\n", f"    kind: tiered\n{own}")


@pytest.mark.parametrize("text", [
    tiered("0-5 6-10 11-15", decimals="0"),  # 一档0–5分、二档6–10分、三档11–15分, whole points
    tiered("0-5 6-10 11-15").replace("decimals: 2", "decimals: 0"),  # whole points for the whole rubric
    tiered("0-5 5.1-10 10.1-15", decimals="1"),  # formats.md's tiers, at 1 place as at 2
    tiered("0-5 6-10 11-15", step="1"),  # whole points for the judges, 2 places for the panel's mean (A5-1)
    tiered("0-5 5.5-10 10.5-15", step="0.5"),  # half points: 5.5 is the next score a judge may give after 5
    EXAMPLE,
])
def test_a_tier_may_start_one_score_step_above_the_previous_end(text):
    assert parse_rubric(text, "x.yaml").criterion_index["ops_plan"].tiers[1].min in (D(6), D("5.1"), D("5.5"))


@pytest.mark.parametrize("text, message", [
    (tiered("0-5 6-10 11-15"),  # at 2 places the gap leaves 5.5 in no tier: the way forward is said
     "criterion 'ops_plan': tier t2 starts at 6, leaving a gap after t1 ending at 5 (at most 0.1 at 2 decimal "
     "places, the step standards write tiers in: 0–5, 5.1–10): scores between 5 and 6 would belong to no tier; start t2 at 5.1, or, for whole-point tiers (0–5, "
     "6–10), give the criterion step: 1 (judges score whole points; the panel's mean keeps 2 decimal places); "
     "decimals: 0 would also round the panel's mean to whole points"),
    (tiered("0-4.5 5.5-10 10.1-15", step="1"),  # 5 is a whole point in no tier: the gap and the fix in the step
     "criterion 'ops_plan': tier t2 starts at 5.5, leaving a gap after t1 ending at 4.5 (at most one step, 1, as the "
     "criterion's step: 1 says): scores between 4.5 and 5.5 would belong to no tier; start t2 at 5"),
    (tiered("0-5 6-10 11-15", step="0.5"),  # 5.5 is a half point in no tier: whole points are the way
     "criterion 'ops_plan': tier t2 starts at 6, leaving a gap after t1 ending at 5 (at most one step, 0.5, as the "
     "criterion's step: 0.5 says): scores between 5 and 6 would belong to no tier; start t2 at 5.5, or, for whole-point tiers (0–5, "
     "6–10), give the criterion step: 1 (judges score whole points; the panel's mean keeps 2 decimal places); "
     "decimals: 0 would also round the panel's mean to whole points"),
    (tiered("0-5.1 5.2-5.8 5.9-15", step="1"),
     "criterion 'ops_plan': tier t2 (5.2–5.8) leaves no score possible in steps of 1"),
    (tiered("0-5 6-10 11-15", step="0"), "criterion 'ops_plan': step must be more than 0, found 0"),
    (tiered("0-5 7-10 11-15", decimals="0"),  # 6 would belong to no tier
     "criterion 'ops_plan': tier t2 starts at 7, leaving a gap after t1 ending at 5 (at most 1 with whole-point "
     "scores, decimals: 0): scores between 5 and 7 would belong to no tier; start t2 at 6"),
    (tiered("0-5 5.5-10 10.1-15", decimals="1"),
     "criterion 'ops_plan': tier t2 starts at 5.5, leaving a gap after t1 ending at 5 (at most 0.1 at 1 decimal "
     "place): scores between 5 and 5.5 would belong to no tier; start t2 at 5.1"),
    (tiered("0-5 5-10 11-15", decimals="0"), "criterion 'ops_plan': tier t2 (5–10) overlaps tier t1 (0–5): start t2 "
     "at 6 so that 5 is t1, or end t1 at 4 so that 5 is t2"),  # the fix one whole point apart
    (tiered("0-5 5-10 11-15").replace("decimals: 2", "decimals: 0"), "criterion 'ops_plan': tier t2 (5–10) overlaps "
     "tier t1 (0–5): start t2 at 6 so that 5 is t1, or end t1 at 4 so that 5 is t2"),  # the rubric's decimals: 0 too
    (tiered("0-5 5-10 10.5-15", step="0.5"), "criterion 'ops_plan': tier t2 (5–10) overlaps tier t1 (0–5): start t2 "
     "at 5.5 so that 5 is t1, or end t1 at 4.5 so that 5 is t2"),
    (tiered("0-5 5.1-10 10.1-15", decimals="0"),
     "criterion 'ops_plan': decimals 0 is fewer than the 1 decimal place(s) of the tier bounds: a rounded panel "
     "score could fall outside its agreed tier"),
])
def test_a_gap_a_score_could_fall_into_or_touching_tiers_are_refused(text, message):
    assert message in refusals(text)


@pytest.mark.parametrize("bounds", ["10.1-15 5.1-10 0-5", "5.1-10 0-5 10.1-15"])  # 优 first, as standards print it
def test_tiers_may_be_listed_in_any_order(bounds):
    from bideval.allowed_scores import check_score

    plan = parse_rubric(tiered(bounds), "x.yaml").criterion_index["ops_plan"]
    assert [(t.id, str(t.min)) for t in plan.tiers] == [(f"t{n}", b.split("-")[0])  # as listed, ids kept
                                                        for n, b in enumerate(bounds.split(), 1)]
    assert [t.min for t in plan.lowest_first] == [D(0), D("5.1"), D("10.1")]
    highest = plan.lowest_first[-1].id
    assert check_score(plan, highest, D(12)) is None and check_score(plan, highest, D(9)) is not None


def test_tiers_listed_highest_first_have_every_gap_said_at_once():
    assert refusals(tiered("11-15 6-10 0-5")) == [
        "criterion 'ops_plan': tier t2 starts at 6, leaving a gap after t3 ending at 5 (at most 0.1 at 2 decimal "
        "places, the step standards write tiers in: 0–5, 5.1–10): scores between 5 and 6 would belong to no tier; "
        "start t2 at 5.1, or, for whole-point tiers (0–5, 6–10), give the criterion step: 1 (judges score whole points; the panel's mean keeps 2 decimal places); "
        "decimals: 0 would also round the panel's mean to whole points",
        "criterion 'ops_plan': tier t1 starts at 11, leaving a gap after t2 ending at 10 (at most 0.1 at 2 decimal "
        "places, the step standards write tiers in: 0–5, 5.1–10): scores between 10 and 11 would belong to no tier; "
        "start t1 at 10.1, or, for whole-point tiers (6–10, 11–15), give the criterion step: 1 (judges score whole points; the panel's mean keeps 2 decimal places); "
        "decimals: 0 would also round the panel's mean to whole points"]


def test_no_panel_score_falls_between_whole_point_tiers():
    from bideval.allowed_scores import check_score
    from bideval.rubric import PanelRules
    from bideval.scoring import aggregate
    from bideval.values import round_half_up

    rubric = parse_rubric(tiered("0-5 6-10 11-15", decimals="0"), "x.yaml")
    plan = rubric.criterion_index["ops_plan"]
    typed = [D(n) / 2 for n in range(0, 31)]  # 0, 0.5 … 15: whatever a judge might type
    for tier in plan.tiers:
        allowed = [s for s in typed if check_score(plan, tier.id, s) is None]
        assert allowed == [s for s in typed if tier.min <= s <= tier.max]  # 5.5 and 10.5 in no tier
        for scores in ([allowed[0], allowed[-1]], [allowed[-1], allowed[-1], allowed[-2]], allowed):
            panel = round_half_up(aggregate(scores, PanelRules()), rubric.places(plan))
            assert tier.min <= panel <= tier.max, (tier.id, scores, panel)


# -- YAML slips typed by hand: the slip on its line, and what to write instead (in both languages: test_messages)

@pytest.mark.parametrize("old, new, message", [
    ("    kind: judged\n    max: 5", "    kind: judged\n    max:5",  # said on its own line, not the next one
     "line 62, column 5: not valid YAML: could not find expected ':'; line 62 holds 'max:5': YAML needs a space after "
     "the colon; write 'max: 5'"),
    ('op: "<=", value: 2}', "op: !=, value: 3}",  # ! starts a YAML tag (conform14: said without the fix)
     "line 33, column 113: not valid YAML: expected ',' or '}', but got ':'; line 33: a value that starts with '!' "
     "must be in quotes; write \"!=\""),
    ('op: ">="', "op: >=",  # `op: <=` works unquoted, so `>=` is typed the same way
     "line 34, column 110: not valid YAML: found character '>' that cannot start any token; line 34: a value that "
     "starts with '>' must be in quotes; write \">=\""),
    ("    kind: judged\n    max: 5", "    kind: judged\n    description: 注意: 方案须完整\n    max: 5",
     "line 62, column 20: not valid YAML: mapping values are not allowed here; line 62: the text '注意: 方案须完整' holds "
     "': ', which YAML reads as the start of a key; put the text in quotes (description: \"注意: 方案须完整\") or write "
     "the full-width '：'"),
    ("    group: operations\n    kind: judged", "    group: operations\n   kind: judged",
     "line 61, column 4: not valid YAML: expected <block end>, but found '<block mapping start>'; line 61: the key "
     "'kind' starts in column 4, but 'group' on line 60 in column 5: indent the keys of one mapping by the same number "
     "of spaces"),
    ("label: {zh: 业务经营许可证, en: Operating licence}, points: 1",
     "label: {zh: 业务经营许可证, en: Operating licence, copy}, points: 1",
     "criterion 'company': item 1 label: the text 'Operating licence, copy' holds a ',', which ends a text inside {…}: "
     "put the text in quotes: {zh: 业务经营许可证, en: \"Operating licence, copy\"}"),
    ("  - {id: dial_test_accuracy,", "  - {id: warranty, label: {zh: 质保, en: Warranty}, type: choice, "
                                     "choices: [yes, no, partial]}\n  - {id: dial_test_accuracy,",
     "field 'warranty': choices (line 18): written without quotes, YAML reads yes as true, no as false, not as a "
     "text: put it in quotes: choices: [\"yes\", \"no\", \"partial\"]"),
    ("    method: lowest_ratio\n", "",  # as every other key left out, not "unknown price method None"
     "criterion 'price': missing 'method' (one of: lowest_ratio, linear_minmax, benchmark_deviation, ratio, deviation, "
     "relative_to_lowest)"),
    # a type typo is said once, at its field: the criteria reading that field are not told it is unknown
    ("{id: similar_projects, label: {zh: 同类项目数量, en: Similar projects}, type: integer}",
     "{id: similar_projects, label: {zh: 同类项目数量, en: Similar projects}, type: int}",
     "field 'similar_projects': unknown type 'int' (expected one of: bool, integer, number, money, percent, text, "
     "choice)"),
    # two price criteria are said once: not also as maxima that miss the total (which price would count is unknown)
    ("  - id: price\n", "  - {id: price2, name: {zh: 价格二, en: Price 2}, group: price, kind: price, max: 0.01, "
                        "method: lowest_ratio}\n  - id: price\n",
     "a rubric may have only one price criterion"),
    # `op: >` in block style is a folded text YAML reads as empty: said as the flow style's `op: >` is
    ("      - {label: {zh: 注册资本金≥1000万元, en: Capital >= 10M CNY}, points: 1, when: {field: registered_capital, "
     "op: \">=\", value: 1000}}",
     "      - label: {zh: 注册资本金≥1000万元, en: Capital >= 10M CNY}\n        points: 1\n        when:\n"
     "          field: registered_capital\n          op: >\n          value: 1000",
     "criterion 'company': unknown op '' (expected one of: ==, !=, <, <=, >, >=, in); line 38: a value that starts "
     "with '>' must be in quotes; write \">\""),
])
def test_a_yaml_slip_is_said_with_its_line_and_its_fix(old, new, message):
    assert refusals(broken(old, new)) == [message]


def test_a_refused_field_read_by_a_gate_is_said_once():
    said = refusals(broken("type: bool, required: true}", "type: boolean, required: true}"))
    assert said == ["field 'business_license': unknown type 'boolean' (expected one of: bool, integer, number, money, "
                    "percent, text, choice)"]


@pytest.mark.parametrize("text", ["", "\n\n", "# 评分标准\n"])
def test_an_empty_rubric_file_says_it_is_empty(text):
    assert refusals(text) == ["the file is empty: a rubric is a YAML text with at least id, title, fields and "
                              "criteria (see docs/rubrics.md)"]


def test_a_gate_without_a_reason_says_it_is_not_met():
    """`qual: 监理资质` read as a qualification the bid holds; the default says it failed, `criterion id: text`."""
    from bideval.evaluation import check_bids
    from bideval.rubric_view import describe_rubric
    from conftest import VENDOR_A, good_bid, make_bidset

    rubric = parse_rubric(broken("    reason: {zh: 未提供业务经营许可证, en: No operating licence}\n", ""), "x.yaml")
    bids = make_bidset(rubric, good_bid(VENDOR_A, business_license="否"))
    (reason,) = check_bids(rubric, bids.bids)[VENDOR_A].reasons
    assert reason == rubric.criterion_index["licence"].failure_reason()  # worded in one place
    assert reason.text is reason.text  # and once (review6 R6-16): the JSON, each workbook and the report read it
    assert (reason.render("zh"), reason.render("en")) == ("licence: 未满足：业务经营许可证", "licence: not met: Operating licence")
    assert reason.labelled(rubric, "zh") == "未满足：业务经营许可证"  # named once in the report, not 业务经营许可证：未满足：…
    assert reason.labelled(rubric, "en") == "Not met: Operating licence"
    assert "business_license (not met: Operating licence)" in describe_rubric(rubric, "en")


@pytest.mark.parametrize("when, lang, line", [
    ("{field: business_license, op: '==', value: yes}", "zh", "业务经营许可证为是（未提供业务经营许可证）"),
    ("{field: business_license, op: '==', value: yes}", "en", "business_license == yes (No operating licence)"),
    ("{field: dial_test_accuracy, op: '>=', value: 90%}", "zh", "质量拨测正确率承诺 >= 90%"),  # not 0.9
    ("{field: dial_test_accuracy, op: '>=', value: 90%}", "en", "dial_test_accuracy >= 90%"),
])
def test_a_gate_s_value_reads_as_the_bid_form_s_answer(when, lang, line):
    """Found in review: a gate read `… >= 0.9` beside the linear rule's 92%, and English `== True`."""
    from bideval.rubric_view import describe_rubric

    rubric = parse_rubric(broken("when: {field: business_license}\n", f"when: {when}\n"), "x.yaml")
    assert line in describe_rubric(rubric, lang)


@pytest.mark.parametrize("lang, line", [
    ("zh", "服务请求支撑率承诺值：(1%, 5) → (1.05%, 3) → (1.1%, 0)，两端封顶"),  # the field's label, as in the standard
    ("en", "support_rate: (1%, 5) → (1.05%, 3) → (1.1%, 0), clamped"),  # the id, for scripts reading the table
])
def test_check_shows_a_percent_field_s_points_as_percentages(lang, line):
    from bideval.rubric_view import describe_rubric

    rubric = load_rubric(Path(__file__).resolve().parent.parent / "criteria" / "cs-outsourcing.yaml")
    assert line in describe_rubric(rubric, lang)


@pytest.mark.parametrize("lang, note", [("zh", "（整数分）"), ("en", " (whole points)")])
def test_a_step_note_has_the_language_s_brackets(lang, note):
    from bideval.allowed_scores import grades_text
    from bideval.rubric import Grade
    from bideval.labels import Label

    grades = (Grade(Label("优", "Good"), Decimal(8), Decimal(10)),)
    assert grades_text(grades, Decimal(1), lang).endswith(note)


ORDER87 = broken("candidates: 3", "candidates: 3\nregime: order87")


@pytest.mark.parametrize("bought, price, method, warned", [
    ("", "3", "lowest_ratio", ["criterion 'price': regime order87: the price carries 3 / 43 = 6.98% of the total, "
                               "below the 10% Order 87 art. 55 sets for services (for goods it is 30%; say which with "
                               "procurement_object: goods or services)"]),
    ("goods", "5", "lowest_ratio", ["criterion 'price': regime order87: the price carries 5 / 45 = 11.11% of the "
                                    "total, below the 30% Order 87 art. 55 sets for goods"]),
    ("services", "5", "lowest_ratio", []),
    ("goods", "30", "linear_minmax", ["criterion 'price': regime order87: price is scored by method linear_minmax, "
                                      "but Order 87 art. 55 scores price lowest-first (低价优先法) in 综合评分法: use "
                                      "method: lowest_ratio, unless this tender is not under Order 87"]),
])
def test_order87_warns_of_a_price_method_or_share_art_55_does_not_allow(bought, price, method, warned):
    from bideval.rubric_yaml import rubric_warnings

    text = ORDER87.replace("regime: order87", f"regime: order87\nprocurement_object: {bought}" if bought else
                           "regime: order87").replace("total: 70", f"total: {40 + int(price)}")
    text = text.replace("    max: 30\n    method: lowest_ratio", f"    max: {price}\n    method: {method}")
    rubric = parse_rubric(text, "x.yaml")
    assert [str(w).removeprefix("x.yaml: ") for w in rubric_warnings(rubric)] == warned


def test_order87_share_warning_counts_the_price_s_points_as_the_weighted_total_does():
    """Found in review: with group weights the warning printed the price's own 30 points over a total of 24."""
    from bideval.rubric_yaml import rubric_warnings

    groups = "".join(f"  - {{id: {g}{w}}}\n" for g, w in [("qualification", ""), ("commercial", ", weight: 30%"),
                                                          ("operations", ", weight: 50%"), ("price", ", weight: 20%")])
    text = ORDER87.replace("regime: order87", f"regime: order87\nprocurement_object: goods\ngroups:\n{groups}")
    warned = rubric_warnings(parse_rubric(text.replace("total: 70\n", ""), "x.yaml"))
    assert [str(w).removeprefix("x.yaml: ") for w in warned] == [
        "criterion 'price': regime order87: the price carries 6 / 24 = 25% of the total, below the 30% Order 87 art. "
        "55 sets for goods"]


@pytest.mark.parametrize("top, warned", [("procurement_object: goods", ["rubric.procurement_object_unused"]),
                                         ("regime: ORDER87\nprocurement_object: services", [])])
def test_procurement_object_without_order87_is_warned_of_as_changing_nothing(top, warned):
    from bideval.rubric_yaml import rubric_warnings

    rubric = parse_rubric(broken("candidates: 3", f"candidates: 3\n{top}"), "x.yaml")
    assert [w.code for w in rubric_warnings(rubric)] == warned


# -- linear points written in the standard's order, or with a jump: the refusal says what to write

@pytest.mark.parametrize("points, en, zh", [
    # 基础值 first, 挑战值 second, as a lower-is-better standard states them: the points as written, then sorted
    ("[[96%, 10], [92%, 7]]",
     "x values must be strictly increasing: 92% after 96%; list the points from the lowest x up: "
     "[[92%, 7], [96%, 10]]",
     "x 值必须严格递增：96% 之后是 92%；请按 x 从小到大列出各点：[[92%, 7], [96%, 10]]"),
    # 达到基础值得7分，否则不得分: a jump at 92 %, two points at one x
    ("[[92%, 0], [92%, 7], [96%, 10]]",
     "x values must be strictly increasing: 92% twice; a linear criterion cannot jump at one x: score the jump "
     "with a checklist item beside it (see the reference, linear: a score that jumps at a threshold)",
     "x 值必须严格递增：92% 出现两次；线性插值不能在同一个 x 上跳变：请另设一个逐项得分（checklist）的条件项给出跳变的分数"
     "（见评分标准参考文档“线性插值：在某个值上跳变的得分”）"),
])
def test_linear_points_out_of_order_are_refused_with_what_to_write(points, en, zh):
    with pytest.raises(RubricError) as caught:
        parse_rubric(broken("[[0.92, 7], [0.96, 10]]", points), "x.yaml")
    (problem,) = caught.value.problems
    assert str(problem) == f"x.yaml: criterion 'dial_test': {en}"
    assert message(problem, "zh") == f"评分项 'dial_test'：{zh}"


def test_linear_points_out_of_order_on_a_number_field_are_shown_as_numbers():
    text = broken("[[0.92, 7], [0.96, 10]]", "[[0.96, 10], [0.92, 7]]").replace("type: percent}", "type: number}")
    assert refusals(text) == ["criterion 'dial_test': x values must be strictly increasing: 0.92 after 0.96; list the "
                              "points from the lowest x up: [[0.92, 7], [0.96, 10]]"]


def test_a_condition_without_its_field_is_said_once():
    """`missing 'field'`, not also `condition on unknown field None` (an officer writing {all: […]} for 且 got both)."""
    text = broken('when: {field: registered_capital, op: ">=", value: 1000}', 'when: {op: ">=", value: 1000}')
    assert refusals(text) == ["criterion 'company': missing 'field'"]
