"""The shipped rubrics in criteria/: they load, add up, and keep the seeds' numbers."""
from __future__ import annotations

import dataclasses
import re
from decimal import Decimal
from pathlib import Path

import pytest

from bideval.labels import Label
from bideval.pricing import PricingModel, quoted_price
from bideval.rubric import Criterion, Gate, Kind, PriceMethod, Rubric, Tiered, load_rubric
from bideval.values import FieldType, round_half_up

CRITERIA = Path(__file__).resolve().parent.parent / "criteria"
RUBRIC_FILES = sorted(CRITERIA.glob("*.yaml"))
SHIPPED = {"cs-outsourcing", "it-outsourcing", "dev-staffing"}
CJK = re.compile(r"[\u4e00-\u9fff]")

files = pytest.mark.parametrize("path", RUBRIC_FILES, ids=[p.stem for p in RUBRIC_FILES])
SEED_FILES = [p for p in RUBRIC_FILES if p.stem in SHIPPED]  # the three built from the seeds
seed_files = pytest.mark.parametrize("path", SEED_FILES, ids=[p.stem for p in SEED_FILES])


def rubric(name: str) -> Rubric:
    return load_rubric(CRITERIA / f"{name}.yaml")


def criterion(name: str, cid: str) -> Criterion:
    found = rubric(name).criterion_index.get(cid)
    assert found is not None, f"{name} has no criterion {cid}"
    return found


def linear_score(points: tuple[tuple[Decimal, Decimal], ...], x: Decimal) -> Decimal:
    """Piecewise linear through ``points``, clamped at both ends (rules.md), to the cent."""
    if x <= points[0][0]:
        return points[0][1]
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        if x <= x1:
            return round_half_up(y0 + (y1 - y0) * (x - x0) / (x1 - x0), 2)
    return points[-1][1]


def labels(node: object) -> list[Label]:
    """Every Label reachable from a rubric's dataclasses and tuples."""
    if isinstance(node, Label):
        return [node]
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        return [label for f in dataclasses.fields(node) for label in labels(getattr(node, f.name))]
    if isinstance(node, (tuple, list)):
        return [label for item in node for label in labels(item)]
    return []


# --------------------------------------------------------------------------- every rubric


def test_the_three_rubrics_ship():
    assert SHIPPED <= {p.stem for p in RUBRIC_FILES}


@files
def test_loads_and_is_named_after_its_file(path: Path):
    r = load_rubric(path)
    assert r.id == path.stem


@files
def test_declares_its_total(path: Path):
    r = load_rubric(path)
    assert r.total is not None and r.total == r.max_total


@seed_files
def test_total_is_the_sum_of_the_maxima(path: Path):
    r = load_rubric(path)
    assert r.total is not None
    assert r.total == r.max_total == sum(c.max for c in r.criteria if c.kind is not Kind.GATE)


@seed_files
@pytest.mark.parametrize("kind", [Kind.GATE, Kind.TIERED, Kind.LINEAR, Kind.PRICE])
def test_has_a_criterion_of_each_core_kind(path: Path, kind: Kind):
    assert any(c.kind is kind for c in load_rubric(path).criteria)


ENGLISH_ONLY = {"qcbs-consultancy"}  # an English-language tender writes every text once, in English


@files
def test_every_label_has_chinese_and_english(path: Path):
    r = load_rubric(path)
    found = labels(r.title) + labels(r.fields) + labels(r.criteria)
    assert len(found) > (20 if path.stem in SHIPPED else 10)
    for label in found:
        assert isinstance(label.zh, str) and label.zh.strip(), label
        assert isinstance(label.en, str) and label.en.strip(), label
        if path.stem in ENGLISH_ONLY:
            assert label.zh == label.en and not CJK.search(label.en), label
        else:
            assert CJK.search(label.zh), f"zh text has no Chinese: {label.zh!r}"


@files
def test_every_criterion_is_explained(path: Path):
    for c in load_rubric(path).criteria:
        if isinstance(c, Gate):
            assert c.reason is not None, c.id
        else:
            assert c.description is not None, c.id
        for tier in c.tiers if isinstance(c, Tiered) else ():
            assert tier.description is not None, (c.id, tier.id)


@files
def test_gates_read_required_fields(path: Path):
    """An empty answer is reported as a missing required field, not only as a failed gate."""
    r = load_rubric(path)
    for c in r.criteria:
        if isinstance(c, Gate):
            assert r.field_index[c.when.field].required, c.id


@files
def test_every_scored_field_is_read_by_a_criterion(path: Path):
    """Text fields are for the panel to read; every other field feeds a score or a gate."""
    r = load_rubric(path)
    read = {f for c in r.criteria for f in c.fields_read}
    unused = [f.id for f in r.fields if f.type is not FieldType.TEXT and f.id not in read]
    assert not unused


@files
def test_tiered_criteria_have_three_seed_style_tiers(path: Path):
    for c in load_rubric(path).criteria:
        if isinstance(c, Tiered):
            assert [t.label.zh for t in c.tiers] == ["一档", "二档", "三档"]
            assert c.tiers[0].min == 0 and c.tiers[-1].max == c.max
            for before, after in zip(c.tiers, c.tiers[1:]):
                assert after.min - before.max == Decimal("0.1")


@files
def test_order87_rubrics_score_price_lowest_first(path: Path):
    """Order 87 art. 55: lowest price first, price at least 10 % of the total; SME deduction 10–20 %."""
    r = load_rubric(path)
    price = r.price_criterion
    if r.regime == "order87":
        assert price.method is PriceMethod.LOWEST_RATIO
        assert Decimal("0.10") <= price.sme_deduction <= Decimal("0.20")
        assert price.max / r.max_total >= Decimal("0.10")


# --------------------------------------------------------------------------- seed oracles


def test_cs_tiers_are_the_seeds():
    tiers = criterion("cs-outsourcing", "ops_plan").tiers
    assert [(t.min, t.max) for t in tiers] == [
        (Decimal("0"), Decimal("5")), (Decimal("5.1"), Decimal("10")), (Decimal("10.1"), Decimal("15"))]
    assert "广西本地社保证明" in tiers[1].description.zh
    assert "不少于50人团队服务外包经验" in tiers[2].description.zh


def test_cs_support_rate_breakpoints_are_the_seeds():
    assert criterion("cs-outsourcing", "support_rate").points == (
        (Decimal("0.010"), Decimal("5")), (Decimal("0.0105"), Decimal("3")), (Decimal("0.011"), Decimal("0")))


def test_cs_company_checklist_is_the_seeds_five_items():
    company = criterion("cs-outsourcing", "company")
    assert company.max == 5
    assert len(company.items) == 5 and all(i.points == 1 for i in company.items)
    assert rubric("cs-outsourcing").field_index["registered_capital"].unit == "10k CNY"


@pytest.mark.parametrize(
    "name, cid, x, expected",
    [
        # (seed) 质量拨测: ≥ 96 % full 10, ≤ 92 % gets 7, linear between
        ("cs-outsourcing", "dial_test", "0.94", "8.5"),
        ("cs-outsourcing", "dial_test", "0.96", "10"),
        ("cs-outsourcing", "dial_test", "0.99", "10"),
        ("cs-outsourcing", "dial_test", "0.92", "7"),
        ("cs-outsourcing", "dial_test", "0.85", "7"),
        # (seed) 服务请求支撑率: 1.1 % → 0, 1.05 % → 3, ≤ 1 % → 5
        ("cs-outsourcing", "support_rate", "0.0105", "3"),
        ("cs-outsourcing", "support_rate", "0.0108", "1.2"),
        ("cs-outsourcing", "support_rate", "0.008", "5"),
        ("cs-outsourcing", "support_rate", "0.011", "0"),
        ("cs-outsourcing", "support_rate", "0.02", "0"),
        # (seed) 二小时重复拨打率: challenge 14 % full 10, base 17 % gets 7; worse stays 7
        ("cs-outsourcing", "repeat_call", "0.14", "10"),
        ("cs-outsourcing", "repeat_call", "0.155", "8.5"),
        ("cs-outsourcing", "repeat_call", "0.17", "7"),
        ("cs-outsourcing", "repeat_call", "0.20", "7"),
        ("cs-outsourcing", "repeat_call", "0.10", "10"),
        # (seed) 在线监听: 95 % full 10, 90 % gets 7 (the seed's "37分" is an OCR slip)
        ("cs-outsourcing", "online_monitoring", "0.925", "8.5"),
        ("cs-outsourcing", "online_monitoring", "0.90", "7"),
        ("cs-outsourcing", "online_monitoring", "0.95", "10"),
        # 万次投诉率: challenge 3 full 5, base 5 gets 3.5
        ("cs-outsourcing", "complaint_rate", "3", "5"),
        ("cs-outsourcing", "complaint_rate", "4", "4.25"),
        ("cs-outsourcing", "complaint_rate", "5", "3.5"),
        # IT on-site response: 1 h full 10, 2 h gets 5
        ("it-outsourcing", "response_time", "0.5", "10"),
        ("it-outsourcing", "response_time", "1", "10"),
        ("it-outsourcing", "response_time", "1.5", "7.5"),
        ("it-outsourcing", "response_time", "2", "5"),
        # IT scheduled visits: the seed's two a month get 4 of 5
        ("it-outsourcing", "preventive_maintenance", "0", "0"),
        ("it-outsourcing", "preventive_maintenance", "1", "2"),
        ("it-outsourcing", "preventive_maintenance", "2", "4"),
        ("it-outsourcing", "preventive_maintenance", "3", "4.5"),
        ("it-outsourcing", "preventive_maintenance", "8", "5"),
        # developer staffing
        ("dev-staffing", "replacement", "3", "5"),
        ("dev-staffing", "replacement", "7.5", "4"),
        ("dev-staffing", "replacement", "15", "1.5"),
        ("dev-staffing", "replacement", "30", "0"),
        ("dev-staffing", "retention", "0.7", "0"),
        ("dev-staffing", "retention", "0.85", "1.5"),
        ("dev-staffing", "retention", "0.93", "4.2"),
        ("dev-staffing", "retention", "1", "5"),
    ],
)
def test_linear_criteria_give_the_expected_points(name: str, cid: str, x: str, expected: str):
    c = criterion(name, cid)
    assert c.kind is Kind.LINEAR
    assert linear_score(c.points, Decimal(x)) == Decimal(expected)


@pytest.mark.parametrize(
    "name, model, values, expected",
    [
        # (seed) 10086: 0.85 元 per effective call, 50,000 calls a month, 12 months
        ("cs-outsourcing", PricingModel.PER_CALL, {"rate_per_call": "0.85"}, "510000"),
        # (seed) 客服外包: 1,500 元 base per seat-month + 2 % of sales
        ("cs-outsourcing", PricingModel.BASE_PLUS_COMMISSION,
         {"base_per_seat_month": "1500", "commission_rate": "0.02"}, "1020000"),
        # (seed) 5,500 元 per seat-month, the top of the range, is the budget ceiling
        ("cs-outsourcing", PricingModel.PER_SEAT_MONTH, {"rate_per_seat_month": "5500"}, "1980000"),
        # (seed) IT: 3000 + 50 × (devices − 50) a month, 80 devices, 12 months
        ("it-outsourcing", PricingModel.BASE_PLUS_EXCESS,
         {"base_fee_month": "3000", "included_devices": "50", "excess_rate": "50"}, "54000"),
        # (seed) PC 40 元/台/月, server 300 元/台/月, printers and network gear 10 元
        ("it-outsourcing", PricingModel.PER_UNIT_MONTH,
         {"rate_pc": "40", "rate_server": "300", "rate_printer": "10", "rate_network": "10"}, "40320"),
        # (seed) 15,000 / 18,000 / 22,000 元 per person-month for 6 / 4 / 2 people
        ("dev-staffing", PricingModel.PER_UNIT_MONTH,
         {"rate_junior": "15000", "rate_mid": "18000", "rate_senior": "22000"}, "2472000"),
    ],
)
def test_seed_prices_fit_under_the_budget_ceiling(name: str, model: PricingModel, values: dict, expected: str):
    r = rubric(name)
    assert model in r.pricing.models
    q = quoted_price(model, {k: Decimal(v) for k, v in values.items()}, r.pricing.demand)
    assert q == Decimal(expected)
    assert q <= r.price_criterion.budget_ceiling


def test_it_prices_against_the_mean_with_penalties():
    price = rubric("it-outsourcing").price_criterion
    assert price.method is PriceMethod.BENCHMARK_DEVIATION
    assert price.above_penalty == 1 and price.below_penalty == Decimal("0.5")


def test_dev_staffing_quotes_a_rate_per_level():
    r = rubric("dev-staffing")
    assert r.pricing.models == (PricingModel.PER_UNIT_MONTH, PricingModel.LUMP_SUM)
    assert {u.id: u.count for u in r.pricing.demand.units} == {"junior": 6, "mid": 4, "senior": 2}
    assert {"rate_junior", "rate_mid", "rate_senior"} <= set(r.field_index)
    assert r.price_criterion.sme_deduction == Decimal("0.20")


# --------------------------------------------------------------------------- nothing dropped in silence


def value_paths(node: object, path: tuple = ()) -> list[tuple]:
    """The path to every value in a YAML document: each key of each mapping, each item of each list (by index)."""
    if isinstance(node, dict):
        return [p for key, value in node.items() for p in [path + (key,)] + value_paths(value, path + (key,))]
    if isinstance(node, list):
        return [p for index, value in enumerate(node) for p in [path + (index,)] + value_paths(value, path + (index,))]
    return []


def blanked(document: object, path: tuple) -> object:
    """A copy of ``document`` with the value at ``path`` left blank, as the reader gets `max:`, `max: ~` or
    `max: null` (only the mappings and lists on the path are copied: the reader changes nothing it reads)."""
    from bideval.rubric_yaml import BLANK

    if not path:
        return BLANK
    head, rest = path[0], path[1:]
    if isinstance(document, dict):
        return {**document, head: blanked(document[head], rest)}
    assert isinstance(document, list)
    return [blanked(item, rest) if index == head else item for index, item in enumerate(document)]


@files
def test_every_value_left_blank_is_refused_by_name(path: Path):
    """Each value of each shipped rubric, left blank in turn, is refused, a key's with a message naming that key: a
    blank value once dropped its criterion without a word (check exited 0, evaluate ranked without the price)."""
    import yaml

    from bideval.rubric_yaml import _RubricReader

    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    paths = value_paths(document)
    assert len(paths) > 80
    for key_path in paths:
        reader = _RubricReader(path.name)  # the document as YAML gives it, without parsing the text each time
        assert reader.read(blanked(document, key_path)) is None, key_path
        said = [p.message for p in reader.problems]
        assert not {p.code for p in reader.problems} & {"rubric.criterion_unread", "rubric.rubric_unread"}, \
            (key_path, said)  # said by the reader of that value, not by the safety net
        key = key_path[-1] if key_path[-1] not in ("zh", "en") else key_path[-2]  # a text's language: the text
        if isinstance(key, str):
            assert any(key in line for line in said), (key_path, said)


def test_a_criterion_is_never_dropped_without_a_word(monkeypatch):
    """The reader's safety net: were a reader of some key to refuse a criterion and say nothing, the criterion is
    still named, and the rubric refused (exit 2 with a message, never a table without it)."""
    from bideval import rubric_yaml
    from bideval.errors import RubricError

    monkeypatch.setattr(rubric_yaml._RubricReader, "tiers", lambda self, where, node: None)  # a silent reader
    with pytest.raises(RubricError) as caught:
        load_rubric(CRITERIA / "cs-outsourcing.yaml")
    assert [p.code for p in caught.value.problems] == ["rubric.criterion_unread"]
    assert caught.value.problems[0].data["criterion"] == "ops_plan"


@files
def test_check_in_chinese_says_its_own_words_in_chinese(path: Path):
    """`check --lang zh` mixed English into its rule words (`lowest_ratio; … 异常低价 < 80% × mean`, `评委汇总：
    trimmed_mean`, `需求：months 12`, `== True`): only the rubric's own ids and texts may be in Latin letters, and a
    key or value of the format only in brackets after its Chinese name (`低价优先法（lowest_ratio）`)."""
    from bideval.rubric_view import describe_rubric

    r = load_rubric(path)
    if path.stem in ENGLISH_ONLY:
        return
    own = " ".join([r.id] + [label.zh for label in labels(r.title) + labels(r.fields) + labels(r.criteria)]
                   + [f.id for f in r.bid_fields] + [c.id for c in r.criteria] + [cap.id for cap in r.caps]
                   + [g for g in r.groups] + [unit.id for unit in r.pricing.demand.units]
                   + [t.id for c in r.criteria if isinstance(c, Tiered) for t in c.tiers])
    allowed = set(re.findall(r"[A-Za-z]+", own)) | {"B", "E", "Q", "in"}  # the formulas' letters, the op `in`
    text = describe_rubric(r, "zh")
    said = set(re.findall(r"[A-Za-z]+", re.sub(r"（[a-z_]+）", "", text)))
    assert said - allowed == set(), text
