"""Rubric loading: the formats.md example loads; every listed mistake names its criterion."""
from pathlib import Path

import pytest

from bideval.errors import RubricError
from bideval.rubric import Kind, load_rubric, parse_rubric

from conftest import EXAMPLE_RUBRIC

EXAMPLE = EXAMPLE_RUBRIC.read_text(encoding="utf-8")


def test_formats_example_loads(rubric):
    assert rubric.id == "cs-outsourcing"
    assert rubric.max_total == 70
    assert [c.kind for c in rubric.criteria][:2] == [Kind.GATE, Kind.CHECKLIST]
    assert rubric.groups == ("commercial", "operations", "price")
    assert [f.id for f in rubric.bid_fields][:3] == ["vendor_id", "vendor_name", "sme"]
    assert rubric.field_index["similar_projects"].non_negative  # used by a count criterion
    assert len(rubric.sha256) == 64


def broken(old: str, new: str) -> str:
    assert old in EXAMPLE, old
    return EXAMPLE.replace(old, new, 1)


@pytest.mark.parametrize("text, message", [
    (broken("field: similar_projects", "field: similar_project"), "criterion 'experience': unknown field 'similar_project'"),
    (broken('value: 1000}', 'value: lots}'), "criterion 'company': value 'lots' does not parse as field 'registered_capital'"),
    (broken("min: 5.1,", "min: 5,"), "criterion 'ops_plan': tier t2 (5–10) overlaps tier t1 (0–5)"),
    (broken("min: 10.1,", "min: 10.5,"), "criterion 'ops_plan': tier t3 starts at 10.5, leaving a gap"),
    (broken("min: 10.1, max: 15}", "min: 10.1, max: 16}"), "criterion 'ops_plan': the last tier must end at max 15"),
    (broken("min: 0,    max: 5}", "min: 1,    max: 5}"), "criterion 'ops_plan': the first tier must start at 0"),
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
])
def test_each_mistake_is_named(text, message):
    with pytest.raises(RubricError) as caught:
        parse_rubric(text, "criteria/x.yaml")
    rendered = str(caught.value)
    assert message in rendered, rendered
    assert rendered.startswith("criteria/x.yaml")


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

from bideval.labels import Label  # noqa: E402
from bideval.rubric import (Checklist, Condition, Count, Gate, InvalidCriterion, Judged, Linear, Op, Price,  # noqa: E402
                            PriceMethod, Tier, Tiered)

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
     "the last tier must end at max 10, not 9", {"tier": "t2", "max": D(10)}),
    (lambda: Checklist(id="k", name=NAME, group="g", max=D(5), items=()), "a checklist needs items", {}),
    (lambda: Price(id="p", name=NAME, group="price", max=D(30), method=PriceMethod.BENCHMARK_DEVIATION),
     "benchmark_deviation needs above_penalty and below_penalty", {}),
    (lambda: Price(id="p", name=NAME, group="price", max=D(30), method=PriceMethod.LOWEST_RATIO, sme_deduction=D(1)),
     "sme_deduction must be 0 or more and less than 1, found 1", {"sme_deduction": D(1)}),
])
def test_a_criterion_is_checked_when_it_is_built(build, message, data):
    with pytest.raises(InvalidCriterion) as caught:
        build()
    mistake = next(m for m in caught.value.mistakes if message in m.message)
    assert {key: mistake.data.get(key) for key in data} == data  # the facts named (a coded mistake carries more)


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
