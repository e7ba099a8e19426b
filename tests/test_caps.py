"""Shared caps (issue 7, item 7): several criteria under one cap, combined = min(cap, Σ parts).

Oracle: 4 projects × 2 = 8 and 3 certificates × 1 = 3 under a cap of 10 → 10, not 11. The points over
the cap come off the criteria listed last, so totals stay sums of what is shown (JSON and workbook).
"""
from decimal import Decimal as D

import openpyxl
import pytest
from hypothesis import given, settings, strategies as st

from bideval.caps import apply_caps
from bideval.errors import RubricError
from bideval.evaluation import evaluate
from bideval.export import write_workbook
from bideval.result import result_document
from bideval.rubric import parse_rubric
from bideval.rubric_view import describe_rubric
from conftest import VENDOR_A, VENDOR_B, make_bidset

RUBRIC = """
id: capped
title: {zh: 共享上限, en: Shared cap}
total: 40
fields:
  - {id: projects, label: {zh: 同类项目数, en: Similar projects}, type: integer}
  - {id: certificates, label: {zh: 证书数, en: Certificates}, type: integer}
criteria:
  - {id: projects, name: {zh: 项目业绩, en: Projects}, group: commercial, kind: count, field: projects,
     points_per_unit: 2, max: 8}
  - {id: certificates, name: {zh: 证书, en: Certificates}, group: commercial, kind: count, field: certificates,
     points_per_unit: 1, max: 5}
  - {id: price, name: {zh: 价格, en: Price}, group: price, kind: price, max: 30, method: lowest_ratio}
caps:
  - id: track_record
    label: {zh: 业绩与证书合计, en: Projects and certificates together}
    max: 10
    criteria: [projects, certificates]
"""
CAPPED = parse_rubric(RUBRIC, "capped.yaml")


@pytest.mark.parametrize("projects, certificates, counted, combined", [
    (4, 3, {"projects": "8", "certificates": "2"}, "10"),   # the oracle: 8 + 3 = 11 → 10
    (2, 3, {"projects": "4", "certificates": "3"}, "7"),    # under the cap: nothing changes
    (4, 5, {"projects": "8", "certificates": "2"}, "10"),
    (0, 5, {"projects": "0", "certificates": "5"}, "5"),
])
def test_the_cap_worked_examples(projects, certificates, counted, combined):
    bids = make_bidset(CAPPED, {"vendor_id": VENDOR_A, "vendor_name": "甲", "total_price": 1000,
                                "projects": projects, "certificates": certificates})
    s = evaluate(CAPPED, bids).standing(VENDOR_A)
    line = s.caps["track_record"]
    assert line.combined == D(combined)
    assert {c: s.criteria[c] for c in counted} == {c: D(v) for c, v in counted.items()}
    assert line.parts == {"projects": D(min(8, 2 * projects)), "certificates": D(min(5, certificates))}
    assert s.total == D(combined) + 30 == sum(s.criteria.values())
    assert s.groups["commercial"] == D(combined)


def test_full_marks_count_the_cap():
    assert CAPPED.max_total == 40  # 10 + 30, not 8 + 5 + 30
    with pytest.raises(RubricError, match=r"add up to 40 \(the shared cap track_record counts projects \+ "
                                         r"certificates \(13\) at most 10\), not the declared total 43"):
        parse_rubric(RUBRIC.replace("total: 40", "total: 43"), "x.yaml")


@pytest.fixture(scope="module")
def result():
    bids = make_bidset(CAPPED, {"vendor_id": VENDOR_A, "vendor_name": "甲", "total_price": 1000, "projects": 4,
                                "certificates": 3},
                       {"vendor_id": VENDOR_B, "vendor_name": "乙", "total_price": 1000, "projects": 1,
                        "certificates": 1})
    return evaluate(CAPPED, bids)


def test_json_shows_the_cap_with_its_parts(result):
    entry = next(e for e in result_document(result)["ranking"] if e["vendor_id"] == VENDOR_A)
    assert entry["criteria"] == {"projects": 8.0, "certificates": 2.0, "price": 30.0}
    assert entry["total"] == 40.0 and entry["groups"] == {"commercial": 10.0, "price": 30.0}
    assert entry["caps"] == {"track_record": {"max": 10.0, "combined": 10.0,
                                              "parts": {"projects": 8.0, "certificates": 3.0},
                                              "counted": {"projects": 8.0, "certificates": 2.0}}}


def test_workbook_agrees_with_the_json(tmp_path, result):
    path = tmp_path / "ranked.xlsx"
    write_workbook(result, path, "en")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[:3] == ["Ranking", "Scores", "Caps"]
    cached = openpyxl.load_workbook(path, data_only=True)
    scores = {r[0]: r for r in cached["Scores"].iter_rows(min_row=2, values_only=True)}
    assert scores[VENDOR_A][2:] == (8, 2, 30, 10, 30, 40)  # criteria, group subtotals, total: sums of what is shown
    caps = [r for r in book["Caps"].iter_rows(min_row=2, values_only=True) if r[0] == VENDOR_A]
    assert [r[2:8] for r in caps] == [("track_record Projects and certificates together", 10, "projects", "Projects", 8, 8),
                                      ("track_record Projects and certificates together", 10, "certificates",
                                       "Certificates", 3, 2)]
    assert caps[0][8].startswith("=MIN(D") and caps[1][8] is None
    combined = [r[8] for r in cached["Caps"].iter_rows(min_row=2, values_only=True) if r[0] == VENDOR_A]
    assert combined == [10, None]


@pytest.mark.parametrize("lang, expected", [
    ("zh", ["共享上限：", "track_record 业绩与证书合计：projects + certificates 合计最高10分（超出部分从排在后面的评分项中扣除）",
            "与 certificates 合计最高10分（track_record）"]),
    ("en", ["shared caps:", "track_record Projects and certificates together: projects + certificates together at most "
            "10 (the points over the cap come off the criteria listed last)", "together with projects at most 10"]),
])
def test_check_explains_the_cap(lang, expected):
    text = describe_rubric(CAPPED, lang)
    for line in expected:
        assert line in text


@pytest.mark.parametrize("old, new, message, data", [
    ("criteria: [projects, certificates]", "criteria: [projects, certificatez]",
     "cap 'track_record': criterion 'certificatez' does not exist", {"cap": "track_record", "criterion": "certificatez"}),
    ("criteria: [projects, certificates]", "criteria: [projects]",
     "cap 'track_record': criteria must list the ids of two or more criteria", {"cap": "track_record"}),
    ("    max: 10\n", "    max: 0\n", "cap 'track_record': max must be more than 0", {}),
    ("  - id: track_record\n", "  - id: price\n", "cap 'price': the id is already used", {"cap": "price"}),
])
def test_mistakes_name_the_cap_and_criterion(old, new, message, data):
    with pytest.raises(RubricError) as caught:
        parse_rubric(RUBRIC.replace(old, new, 1), "x.yaml")
    problem = next(p for p in caught.value.problems if message in str(p))
    assert {key: problem.data.get(key) for key in data} == data  # the facts named (a coded problem carries more)


def test_a_criterion_under_two_caps_is_refused():
    text = RUBRIC + """  - id: again
    label: {zh: 再次, en: Again}
    max: 5
    criteria: [certificates, price]
"""
    with pytest.raises(RubricError, match="cap 'again': criterion 'certificates' is already under cap 'track_record'"):
        parse_rubric(text, "x.yaml")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.decimals(min_value=0, max_value=20, places=2), min_size=2, max_size=5),
       st.decimals(min_value="0.5", max_value=40, places=1))
def test_capped_parts_sum_to_the_combined_score(parts, top):
    from bideval.labels import Label
    from bideval.rubric import SharedCap

    ids = [f"c{i}" for i in range(len(parts))]
    cap = SharedCap("cap", Label("上限", "Cap"), top, tuple(ids))
    counted, lines = apply_caps([cap], dict(zip(ids, parts)))
    line = lines["cap"]
    assert line.combined == min(top, sum(parts)) == sum(counted[c] for c in ids)
    assert all(D(0) <= counted[c] <= p for c, p in zip(ids, parts))


# A cap below one of its criteria's own max: the criterion can never reach its max (one of the two is a typo).
LOW_CAP = RUBRIC.replace("    max: 10\n", "    max: 6\n")


def test_a_total_that_a_cap_lowers_names_the_cap():
    with pytest.raises(RubricError) as caught:
        parse_rubric(LOW_CAP, "x.yaml")
    assert [str(p) for p in caught.value.problems] == [
        "x.yaml: total: the criteria maxima add up to 36 (the shared cap track_record counts projects + certificates "
        "(13) at most 6), not the declared total 40"]
    weighted = LOW_CAP.replace("criteria:\n", "groups:\n  - {id: commercial, weight: 1}\n  - {id: price, weight: 1}\n"
                                              "criteria:\n", 1)
    with pytest.raises(RubricError, match=r"\(commercial 1 × 6 \+ price 1 × 30; the shared cap track_record counts "
                                          r"projects \+ certificates \(13\) at most 6\)"):
        parse_rubric(weighted, "x.yaml")


def test_check_warns_of_a_cap_below_a_criterion_s_own_max():
    from bideval.messages import render
    from bideval.rubric_yaml import rubric_warnings

    (warning,) = rubric_warnings(parse_rubric(LOW_CAP.replace("total: 40\n", ""), "x.yaml"))
    assert str(warning) == ("x.yaml: cap 'track_record': the cap's max 6 is below the max 8 of its criterion "
                            "'projects', which therefore can never reach 8: lower the criterion's max to 6, or raise "
                            "the cap")
    assert render(warning, "zh").startswith("x.yaml：共同上限 'track_record'：该共同上限 6 分低于其中评分项 'projects' 的满分 8")
    assert rubric_warnings(CAPPED) == ()  # 8 and 5 under 10: each part can reach its max


@pytest.mark.parametrize("cap, told", [(13, True), (15, True), (12, False), (10, False)])
def test_check_warns_of_a_cap_its_criteria_can_never_reach_together(cap, told):
    """verify21r: a cap of 15 over 8 + 3 never takes a point off (a typo for 10, or a cap that is not in the
    standard), and nothing was said."""
    from bideval.rubric_yaml import rubric_warnings

    rubric = parse_rubric(RUBRIC.replace("    max: 10\n", f"    max: {cap}\n").replace("total: 40\n", ""), "x.yaml")
    said = [str(w) for w in rubric_warnings(rubric)]
    assert said == ([f"x.yaml: cap 'track_record': the cap's max {cap} is not below the maxima of its criteria "
                     "together (8 + 5 = 13), so it never takes a point off: lower the cap, or remove it"] if told else [])
