"""A name stands for one thing: an id always wins over a name or label, and a rubric whose names could
point at two things is refused (criteria, the tiers of one criterion, bid fields)."""
from dataclasses import replace
from decimal import Decimal as D
from pathlib import Path

import pytest

from bideval.bids import read_bids
from bideval.errors import RubricError
from bideval.evaluation import check_bids, evaluate
from bideval.labels import Label
from bideval.panel import COLUMN_NAMES, _column_of, read_panel
from bideval.pricing import PricingModel
from bideval.result import FINAL, INCOMPLETE, PROVISIONAL
from bideval.rubric import Rubric, parse_rubric
from bideval.storage import Store
from bideval.values import fold
from conftest import admin_of, chair_tender, replace_panel, EXAMPLE_RUBRIC, VENDOR_A, VENDOR_B, good_bid, make_bidset, write_consolidated, write_form, \
    write_panel

EXAMPLE = EXAMPLE_RUBRIC.read_text(encoding="utf-8")
VENDOR_C = "91310000MA1FL0000X"  # invalid: no operating licence
TIERS = [[VENDOR_A, "ops_plan", "t3"], [VENDOR_B, "ops_plan", "t2"]]


def changed(old: str, new: str) -> str:
    assert old in EXAMPLE, old
    return EXAMPLE.replace(old, new, 1)


def renamed_criterion(rubric: Rubric, criterion_id: str, name: Label) -> Rubric:
    """The rubric with one criterion renamed, built as the engine would meet it (the loader refuses it)."""
    return replace(rubric, criteria=tuple(replace(c, name=name) if c.id == criterion_id else c
                                          for c in rubric.criteria))


def full_panel(judges=("王评委", "李评委")):
    return [[j, v, c, s, ""] for v in (VENDOR_A, VENDOR_B) for j in judges
            for c, s in (("ops_plan", 12 if v == VENDOR_A else 8), ("service_design", 4))]


def read(rubric, bidset, path):
    checks = check_bids(rubric, bidset.bids)
    return read_panel(rubric, bidset.bids, [v for v, c in checks.items() if not c.valid], [path])


# --------------------------------------------------------------------------- the loader refuses clashes

@pytest.mark.parametrize("text, message", [
    (changed("en: Industry experience}", "en: dial_test}"),
     "criterion 'experience': name 'dial_test' is also the id of criterion 'dial_test'; "
     "expected a name that names only one criterion"),
    (changed("en: Industry experience}", "en: Service design}"),
     "criterion 'service_design': name 'Service design' is also the name of criterion 'experience'"),
    (changed("{zh: 行业经验,", "{zh: 服务方案,"),
     "criterion 'service_design': name '服务方案' is also the name of criterion 'experience'"),
    (changed("en: Tier 1}", "en: T3}"),
     "criterion 'ops_plan': tier 't1': label 'T3' is also the id of tier 't3'; "
     "expected a label that names only one tier"),
    (changed("{zh: 二档,", "{zh: 一档,"),
     "criterion 'ops_plan': tier 't2': label '一档' is also the label of tier 't1'"),
    (changed("en: Similar projects}", "en: itss_level}"),
     "field 'similar_projects': label 'itss_level' is also the id of field 'itss_level'; "
     "expected a label that names only one field"),
    (changed("{zh: 同类项目数量,", "{zh: 投标人名称,"),  # a fixed field's label
     "field 'similar_projects': label '投标人名称' is also the label of field 'vendor_name'"),
    (changed("en: Similar projects}", "en: rate_per_call}"),  # a price field's id
     "field 'similar_projects': label 'rate_per_call' is also the id of field 'rate_per_call'"),
    (changed("en: Similar projects}", "en: PRICING MODEL}"),  # a price field's label, another case
     "field 'similar_projects': label 'PRICING MODEL' is also the label of field 'price_model'"),
])
def test_a_name_that_could_mean_two_things_is_refused_naming_both(text, message):
    with pytest.raises(RubricError) as caught:
        parse_rubric(text, "x.yaml")
    assert message in str(caught.value), str(caught.value)


@pytest.mark.parametrize("text", [
    EXAMPLE,  # the gate 'licence' is named like the field business_license's label: different namespaces
    changed("en: Industry experience}", "en: Similar projects}"),  # a criterion named like a field
    changed("en: Tier 1}", "en: ops_plan}"),  # a tier labelled like a criterion id
    changed("{zh: 行业经验, en: Industry experience}", "{zh: experience, en: EXPERIENCE}"),  # its own id
])
def test_names_in_different_namespaces_or_of_the_same_thing_are_fine(text):
    rubric = parse_rubric(text, "x.yaml")  # a RubricError here is the failure
    assert rubric.criterion_named("ops_plan").id == "ops_plan"


# --------------------------------------------------------------------------- ids win over names

def test_a_panel_row_for_a_criterion_id_is_booked_on_that_criterion(rubric, tmp_path: Path):
    # ops_plan comes first and is named like service_design's id: the rows for service_design stay its own.
    clashing = renamed_criterion(rubric, "ops_plan", Label("service_design", "service_design"))
    assert clashing.criterion_named("service_design").id == "service_design"
    assert clashing.criterion_named("SERVICE_DESIGN").id == "service_design"
    bidset = make_bidset(clashing, good_bid(VENDOR_A), good_bid(VENDOR_B))
    path = write_panel(tmp_path / "panel.xlsx", full_panel(), TIERS)
    result = evaluate(clashing, bidset, read(clashing, bidset, path))
    expected = evaluate(rubric, bidset, read(rubric, bidset, path))
    assert result.status == FINAL
    assert result.standing(VENDOR_A).criteria == expected.standing(VENDOR_A).criteria
    assert result.standing(VENDOR_A).criteria["service_design"] == D(4)


def test_silently_the_rows_of_an_unscored_criterion_are_not_taken_by_another(rubric, tmp_path: Path):
    # Only service_design is scored, and ops_plan is named service_design: before, every row went to ops_plan.
    clashing = renamed_criterion(rubric, "ops_plan", Label("service_design", "service_design"))
    bidset = make_bidset(clashing, good_bid(VENDOR_A))
    path = write_panel(tmp_path / "panel.xlsx", [["王评委", VENDOR_A, "service_design", 4.5, ""]])
    panel = read(clashing, bidset, path)
    assert [(s.criterion, s.score) for s in panel.scores] == [("service_design", D("4.5"))]


def test_a_tier_id_wins_over_another_tiers_label(rubric, tmp_path: Path):
    ops_plan = rubric.criterion_index["ops_plan"]
    t1, t2, t3 = ops_plan.tiers
    clashing_plan = replace(ops_plan, tiers=(replace(t1, label=Label("t3", "t3")), t2, t3))
    clashing = replace(rubric, criteria=tuple(clashing_plan if c.id == "ops_plan" else c for c in rubric.criteria))
    assert clashing_plan.tier("t3") is t3 and clashing_plan.tier("T3") is t3
    bidset = make_bidset(clashing, good_bid(VENDOR_A))
    path = write_panel(tmp_path / "panel.xlsx", [["王评委", VENDOR_A, "ops_plan", 12, ""]], [[VENDOR_A, "ops_plan", "t3"]])
    panel = read(clashing, bidset, path)
    assert panel.tiers == {(VENDOR_A, "ops_plan"): "t3"} and panel.scores[0].score == D(12)


def labelled(rubric: Rubric, field_id: str, label: Label) -> Rubric:
    return replace(rubric, fields=tuple(replace(f, label=label) if f.id == field_id else f for f in rubric.fields))


def test_a_header_naming_a_field_id_is_that_field_even_when_another_field_has_it_as_label(rubric, tmp_path: Path):
    # itss_level comes before similar_projects and is labelled similar_projects.
    clashing = labelled(rubric, "itss_level", Label("similar_projects", "similar_projects"))
    path = write_consolidated(tmp_path / "all.xlsx", ["vendor_id", "vendor_name", "itss_level", "similar_projects"],
                              [[VENDOR_A, "甲公司", 2, 3]])
    (bid,) = read_bids(clashing, [path]).bids
    assert (bid.value("itss_level"), bid.value("similar_projects")) == (2, 3)


def test_silently_a_count_is_not_read_into_the_other_field(rubric, tmp_path: Path):
    clashing = labelled(rubric, "itss_level", Label("similar_projects", "similar_projects"))
    path = write_consolidated(tmp_path / "all.xlsx", ["vendor_id", "vendor_name", "similar_projects"],
                              [[VENDOR_A, "甲公司", 3]])
    (bid,) = read_bids(clashing, [path]).bids
    assert (bid.value("itss_level"), bid.value("similar_projects")) == (None, 3)
    assert bid.cell("similar_projects").endswith("all.xlsx:Bids!C2")


def test_no_spelling_names_two_pricing_models_and_each_id_names_its_model():
    spellings = [fold(s) for m in PricingModel for s in (m.value, m.label.zh, m.label.en)]
    assert len(spellings) == len(set(spellings))
    assert all(PricingModel.from_alias(m.value) is m for m in PricingModel)


def test_no_spelling_names_two_panel_columns_and_a_whole_header_wins_over_its_sides():
    spellings = [s for names in COLUMN_NAMES.values() for s in names]
    assert len(spellings) == len(set(spellings))
    assert _column_of("评分 / criterion", tuple(COLUMN_NAMES)) == "criterion"  # a side names a column
    assert _column_of("score", ("criterion", "score")) == "score"


# --------------------------------------------------------------------------- every judge in Scores is a member

def test_a_judge_who_scored_only_invalid_bids_is_a_member_who_must_score_the_valid_ones(rubric, tmp_path: Path):
    bidset = make_bidset(rubric, good_bid(VENDOR_A), good_bid(VENDOR_B), good_bid(VENDOR_C, business_license="否"))
    path = write_panel(tmp_path / "panel.xlsx", full_panel() + [["张评委", VENDOR_C, "service_design", 3, ""]],
                       TIERS)
    panel = read(rubric, bidset, path)
    assert panel.judges == ("王评委", "李评委", "张评委")
    assert all(s.vendor_id != VENDOR_C for s in panel.scores)
    result = evaluate(rubric, bidset, panel)
    assert result.status == PROVISIONAL  # before: final, as if 张评委 were not on the panel
    assert all(INCOMPLETE in s.flags for s in result.ranking)


def test_the_store_keeps_that_judge_as_a_member(tmp_path: Path):
    store = Store(f"sqlite:///{tmp_path / 'bids.sqlite3'}")
    tender = chair_tender(store, "t", EXAMPLE, "example.yaml")
    for vendor, overrides in ((VENDOR_A, {}), (VENDOR_B, {}), (VENDOR_C, {"business_license": "否"})):
        form = write_form(tmp_path / f"{vendor}.xlsx", good_bid(vendor, **overrides))
        assert store.import_bids(admin_of(store), tender, [(form.name, form.read_bytes())]).refused == {}
    path = write_panel(tmp_path / "panel.xlsx", full_panel() + [["张评委", VENDOR_C, "service_design", 3, ""]],
                       TIERS)
    replace_panel(store, tender, path)
    assert store.judges(admin_of(store), tender) == ["王评委", "李评委", "张评委"]
    assert store.evaluate(admin_of(store), tender).status == PROVISIONAL


def test_the_criterion_index_answers_as_the_search_it_replaces(rubric):
    """criterion_named looks names up in an index built once; it must answer as searching the criteria does:
    ids first, then names in either language, folded, the first criterion winning."""
    from bideval.rubric import _named

    clashing = renamed_criterion(rubric, "ops_plan", Label("service_design", "Service Design"))
    for r in (rubric, clashing):
        asked = [c.id for c in r.criteria] + [n for c in r.criteria for n in (c.name.zh, c.name.en)]
        asked += [n.upper() for n in asked] + [f" {n}\u3000" for n in asked] + ["", "nothing", "ＳＥＲＶＩＣＥ_ＤＥＳＩＧＮ"]
        for name in asked:
            assert r.criterion_named(name) is _named(name, r.criteria, lambda c: (c.name.zh, c.name.en)), name
