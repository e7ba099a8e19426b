"""Grades for judged criteria (issue 7, item 2), with the issue's worked examples as oracles.

优 8–10 / 良 5–7 / 一般 1–4: 7.5 and 0 are refused with a message naming the grades; judges 8, 9, 6 → 7.67.
Fixed points {0, 8}: 5 is refused; judges 8, 8, 0 → 5.33. One function (bideval.allowed_scores.check_score)
decides for the panel workbook, the store and the app's grid; the score sheet offers the grades as a drop-down.
"""
import json
import subprocess
import sys
from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from bideval.allowed_scores import (COMMA_AFTER_ZERO, GRADE_MISMATCH, NO_GRADES, NOT_A_GRADE, OFF_STEP, OUTSIDE_RANGE, OUTSIDE_TIER,
                                    ScoreRefused, TOO_MANY_DECIMALS, allowed_text, check_score, grade_choices,
                                    grades_text, parse_choice, parse_grade_entry, parse_score_entry)
from bideval.labels import Label
from bideval.rubric import Judged, Tier, Tiered
from bideval import messages
from bideval.bids import read_bids
from bideval.errors import PanelError, RubricError
from bideval.evaluation import evaluate
from bideval.panel import PanelInput, Score, read_panel
from bideval.rubric import parse_rubric
from bideval.rubric_view import describe_rubric
from bideval.scoresheet import INSTRUCTIONS_SHEET, write_score_sheet
from bideval.storage import Store
from conftest import (ROOT, VENDOR_A, VENDOR_B, admin_call, admin_of, chair_tender, make_bidset, open_app, seat_judge,
                      write_form, write_panel)

RUBRIC = """
id: graded
title: {zh: 分等级评分, en: Graded}
fields: []
criteria:
  - id: design
    name: {zh: 设计方案, en: Design}
    group: technical
    kind: judged
    max: 10
    grades:
      - {label: {zh: 优, en: Excellent}, min: 8, max: 10}
      - {label: {zh: 良, en: Good}, min: 5, max: 7}
      - {label: {zh: 一般, en: Fair}, min: 1, max: 4}
  - id: sample
    name: {zh: 样品, en: Sample}
    group: technical
    kind: judged
    max: 8
    grades:
      - {label: {zh: 有, en: Provided}, points: 8}
      - {label: {zh: 无, en: None}, points: 0}
  - id: plan
    name: {zh: 实施计划, en: Plan}
    group: technical
    kind: judged
    max: 10
    step: 1
    grades:
      - {label: {zh: 优, en: Excellent}, min: 8, max: 10}
      - {label: {zh: 良, en: Good}, min: 5, max: 8}
"""
GRADED = parse_rubric(RUBRIC, "graded.yaml")
DESIGN, SAMPLE, PLAN = (GRADED.criterion_index[c] for c in ("design", "sample", "plan"))
STEPS = Judged(id="steps", name=Label("步骤", "Steps"), group="technical", max=D(10), step=D(1))  # a step, no grades
PLAIN = Judged(id="free", name=Label("自由", "Free"), group="technical", max=D(10))  # any score 0..max
TIERED = Tiered(id="ops", name=Label("运营", "Ops"), group="technical", max=D(10),
                tiers=(Tier("t1", Label("一档", "Tier 1"), D(0), D(5)), Tier("t2", Label("二档", "Tier 2"), D("5.1"), D(10))))


@pytest.mark.parametrize("criterion, score, reason", [
    (DESIGN, "7.5", NOT_A_GRADE), (DESIGN, "0", NOT_A_GRADE),   # the oracles: in a gap, below the lowest grade
    (DESIGN, "8", None), (DESIGN, "10", None), (DESIGN, "4", None), (DESIGN, "9.5", None),
    (DESIGN, "11", OUTSIDE_RANGE),
    (SAMPLE, "5", NOT_A_GRADE), (SAMPLE, "8", None), (SAMPLE, "0", None),  # fixed points
    (PLAN, "8", None), (PLAN, "8.5", OFF_STEP), (PLAN, "4", NOT_A_GRADE),  # a shared boundary; whole points
])
def test_which_scores_a_grade_allows(criterion, score, reason):
    refusal = check_score(criterion, None, D(score))
    assert (refusal.reason if refusal else None) == reason
    if reason in (NOT_A_GRADE, OFF_STEP):
        assert refusal.grades == criterion.grades and refusal.score == D(score)


def test_the_refusal_names_the_grades():
    refusal = check_score(DESIGN, None, D("7.5"))
    assert refusal.message("zh") == "7.5 不是 设计方案 的等级所允许的得分：优 8–10、良 5–7、一般 1–4"
    assert refusal.message("en") == "7.5 is not a score the grades of Design allow: Excellent 8–10, Good 5–7, Fair 1–4"
    assert check_score(PLAN, None, D("8.5")).message("en").endswith("Excellent 8–10, Good 5–8 (whole points)")


@pytest.mark.parametrize("criterion, raw, decimals, found", [
    (SAMPLE, "8 · 有 / Provided", None, D(8)), (SAMPLE, "8 · Provided", None, D(8)), (SAMPLE, "0 无", None, D(0)),
    (SAMPLE, "８", None, D(8)), (SAMPLE, None, None, None), (SAMPLE, " ", None, None),  # a plain number; cleared
    (SAMPLE, "8 · 无", None, GRADE_MISMATCH), (DESIGN, "9 良", None, GRADE_MISMATCH), (PLAN, "7 · 优", None, GRADE_MISMATCH),
    (SAMPLE, "5", None, NOT_A_GRADE), (SAMPLE, "⁸ · 有", None, NOT_A_GRADE), (SAMPLE, "很好", None, NOT_A_GRADE),
    (PLAN, "8.5 · 优", None, OFF_STEP), (DESIGN, "9.125 · 优", 2, TOO_MANY_DECIMALS), (DESIGN, "9.125 · 优", None, D("9.125")),
    (STEPS, "7", None, D(7)), (STEPS, "7.5", None, OFF_STEP), (STEPS, "7 · 优", None, NOT_A_GRADE),  # choices: numbers
    (PLAIN, "8", None, NO_GRADES), (TIERED, "8 · 有", None, NO_GRADES),  # scored by typing, never by grade
    # a plain number with a comma after a leading 0: the comma's message, as for a typed score, not the grades'
    (STEPS, "0,5", None, COMMA_AFTER_ZERO), (SAMPLE, "0,5", None, COMMA_AFTER_ZERO), (STEPS, "0,5分", None, COMMA_AFTER_ZERO),
    (STEPS, "7分", None, D(7)),  # a plain-number grade is read as a typed score is, its unit 分 too
])
def test_a_grade_picked_in_the_grid_is_read_or_refused_as_data(criterion, raw, decimals, found):
    if not isinstance(found, str):
        assert parse_grade_entry(criterion, "t2", raw, decimals) == found
        return
    with pytest.raises(ScoreRefused) as caught:
        parse_grade_entry(criterion, "t2", raw, decimals)
    refusal = caught.value.refusal
    assert refusal.reason == found and refusal.criterion == criterion
    if found in (GRADE_MISMATCH, NOT_A_GRADE):
        assert refusal.grades == criterion.grades and refusal.step == criterion.step
    assert (refusal.mismatch is not None) == (found == GRADE_MISMATCH)


@pytest.mark.parametrize("typed", ["0,5", "0,5分", "０，５"])
def test_a_comma_after_a_leading_0_is_said_alike_as_a_grade_picked_or_a_score_typed(typed):
    """One rule (values.COMMA_AFTER_ZERO): a plain-number grade 0,5 had been refused as no grade of the criterion."""
    said = []
    for parse in (parse_grade_entry, parse_score_entry):
        with pytest.raises(ScoreRefused) as caught:
            parse(STEPS, None, typed)
        said.append([messages.sentence("score.refused", {"refusal": caught.value.refusal}, lang) for lang in ("en", "zh")])
    assert said[0] == said[1] and "(0.5)" in said[0][0] and "（0.5）" in said[0][1]


@pytest.mark.parametrize("criterion, cell, en, zh", [
    (PLAN, "8 · 有", "'8 · 有' is not a grade that goes with its score on Plan (Excellent 8–10, Good 5–8 (whole points)): "
     "8 is the grade Excellent, and '有' is none of its grades",
     "“8 · 有”不是 实施计划 中与得分相符的等级（优 8–10、良 5–8（整数分））：8 分属于等级“优”，且“有”不是该项的等级"),
    (SAMPLE, "⁸ · 有", "'⁸ · 有' is not a score the grades of Sample allow: Provided 8, None 0",
     "“⁸ · 有”不是 样品 的等级所允许的得分：有 8、无 0"),
    (PLAIN, "8 · 有", "'8 · 有' is not a grade of Free, which is not scored by grade: type its score",
     "“8 · 有”不是 自由 的等级（该项不按等级打分，请直接填写得分）"),
])
def test_a_grade_refused_in_the_grid_is_said_in_both_languages(criterion, cell, en, zh):
    with pytest.raises(ScoreRefused) as caught:
        parse_grade_entry(criterion, None, cell)
    said = [messages.sentence("score.refused", {"refusal": caught.value.refusal}, lang) for lang in ("en", "zh")]
    assert said == [en, zh]


@pytest.mark.parametrize("criterion, tier, lang, text", [
    (SAMPLE, None, "zh", "有 8、无 0"), (PLAN, None, "en", "Excellent 8–10, Good 5–8 (whole points)"),
    (STEPS, None, "en", "whole points"), (PLAIN, None, "en", "0–10"), (TIERED, "t2", "zh", "5.1–10"),
    (TIERED, None, "en", "—"),  # a tiered criterion waits for its agreed tier
])
def test_the_grid_says_what_each_row_allows(criterion, tier, lang, text):
    assert allowed_text(criterion, tier, lang) == text


@pytest.mark.parametrize("criterion, scores, expected", [
    ("design", ("8", "9", "6"), "7.67"),   # mean 7.666… → 7.67
    ("sample", ("8", "8", "0"), "5.33"),   # 16 / 3 → 5.33
])
def test_the_panel_mean_of_graded_scores(criterion, scores, expected):
    judges = ("甲", "乙", "丙")
    panel = PanelInput(judges, tuple(Score(j, VENDOR_A, criterion, D(s)) for j, s in zip(judges, scores)), {})
    bids = make_bidset(GRADED, {"vendor_id": VENDOR_A, "vendor_name": "甲公司", "total_price": 1000})
    assert evaluate(GRADED, bids, panel).standing(VENDOR_A).criteria[criterion] == D(expected)


def test_grade_choices_list_every_allowed_score_with_its_grade():
    assert [c.text() for c in grade_choices(SAMPLE)] == ["8 · 有 / Provided", "0 · 无 / None"]
    plan = [c.text("zh") for c in grade_choices(PLAN)]
    assert plan == ["10 · 优", "9 · 优", "8 · 优", "7 · 良", "6 · 良", "5 · 良"]  # 8 in 优: the higher on a boundary
    assert grade_choices(DESIGN) is None  # ranges without a step cannot be listed


@pytest.mark.parametrize("raw, expected", [
    ("8 · 有 / Provided", "8"), ("8 有", "8"), ("0 · None", "0"), ("8 · 无", None), ("八", None), (8, None),
    ("８ · 有", "8"), ("８", "8"), ("⁸ · 有", None), ("٨", None), ("①", None),  # full-width digits only, as any number
])
def test_parse_choice(raw, expected):
    assert parse_choice(SAMPLE, raw) == (None if expected is None else D(expected))


@pytest.mark.parametrize("criterion, raw, expected", [
    (SAMPLE, "有", "8"), (SAMPLE, "无", "0"), (SAMPLE, "Provided", "8"), (SAMPLE, " provided ", "8"),
    (SAMPLE, "有 / Provided", "8"), (SAMPLE, "有/Provided", "8"), (SAMPLE, "None", "0"), (SAMPLE, "Ｐｒｏｖｉｄｅｄ", "8"),
    (SAMPLE, "有 / None", None), (SAMPLE, "有了", None),  # two grades, or none, named
    (DESIGN, "优", None), (DESIGN, "Excellent", None), (PLAN, "良 / Good", None),  # a range: which score is not said
])
def test_a_grade_of_fixed_points_named_alone_is_read_as_its_points(criterion, raw, expected):
    """A judge typed 优 for the grade 优 4 and was refused, although the drop-down's 4 · 优 was read."""
    assert parse_choice(criterion, raw) == (None if expected is None else D(expected))
    if expected is not None:
        assert parse_grade_entry(criterion, None, raw) == D(expected)


@pytest.mark.parametrize("lang, expected", [
    ("zh", ["评委按等级打分：优 8–10、良 5–7、一般 1–4", "评委按等级打分：有 8、无 0", "优 8–10、良 5–8（整数分）"]),
    ("en", ["each judge scores a grade: Excellent 8–10, Good 5–7, Fair 1–4", "Provided 8, None 0",
            "Excellent 8–10, Good 5–8 (whole points)"]),
])
def test_check_explains_the_grades(lang, expected):
    text = describe_rubric(GRADED, lang)
    for rule in expected:
        assert rule in text


@pytest.mark.parametrize("old, new, message", [
    ("{label: {zh: 一般, en: Fair}, min: 1, max: 4}", "{label: {zh: 一般, en: Fair}, min: 1, max: 12}",
     "criterion 'design': grade 一般 1–12 lies outside 0..10"),
    ("min: 5, max: 8}", "min: 5.2, max: 5.8}", "criterion 'plan': grade 良 5.2–5.8 leaves no score possible in steps of 1"),
    ("{label: {zh: 良, en: Good}, min: 5, max: 7}", "{label: {zh: 良, en: Good}, min: 5, max: 9}",
     "criterion 'design': grades 良 5–9 and 优 8–10 overlap"),
    ("{label: {zh: 无, en: None}, points: 0}", "{label: {zh: 有, en: Present}, points: 0}",
     "criterion 'sample': grade '有 / Present' is listed twice"),
    ("{label: {zh: 无, en: None}, points: 0}", "{label: {zh: 无, en: None}, points: 0, min: 0, max: 1}",
     "criterion 'sample': grade 2 gives points and a range"),
    ("    step: 1\n", "    step: 0\n", "criterion 'plan': step must be more than 0"),
])
def test_grade_mistakes_name_the_criterion(old, new, message):
    assert old in RUBRIC
    with pytest.raises(RubricError) as caught:
        parse_rubric(RUBRIC.replace(old, new, 1), "x.yaml")
    assert message in str(caught.value)


def test_a_grade_leaving_no_score_carries_its_data():
    with pytest.raises(RubricError) as caught:
        parse_rubric(RUBRIC.replace("min: 5, max: 8}", "min: 5.2, max: 5.8}"), "x.yaml")
    problem = next(p for p in caught.value.problems if "no score possible" in str(p))
    assert problem.data["criterion"] == "plan" and problem.data["step"] == 1
    assert problem.data["grade"].zh == "良" and problem.data["range"] == (D("5.2"), D("5.8"))


# -- the panel workbook, the store and the score sheet all refuse through check_score


def bids(tmp_path: Path):
    forms = [write_form(tmp_path / f"{v}.xlsx", {"vendor_id": v, "vendor_name": n, "total_price": 1000})
             for v, n in ((VENDOR_A, "甲公司"), (VENDOR_B, "乙公司"))]
    return read_bids(GRADED, forms)


def test_the_panel_workbook_refuses_a_score_between_grades(tmp_path):
    bidset = bids(tmp_path)
    path = write_panel(tmp_path / "panel.xlsx", scores=[["甲", VENDOR_A, "design", 7.5, ""],
                                                        ["甲", VENDOR_A, "sample", "8 · 无", ""]])
    with pytest.raises(PanelError) as caught:
        read_panel(GRADED, bidset.bids, [], [path])
    first, second = caught.value.problems
    assert str(first) == (f"{path}:Scores!D2: expected a score allowed by the grades of 'design': "
                          "Excellent 8–10, Good 5–7, Fair 1–4, found 7.5")
    assert first.data["reason"] == NOT_A_GRADE and first.data["grades"] == DESIGN.grades
    # the grade named beside the score is not the one the score lies in: said so, not only the grades listed
    assert str(second) == (f"{path}:Scores!D3: expected a grade that goes with its score on 'sample' (有 / Provided 8, "
                           "无 / None 0): 8 is the grade 有 / Provided, not '无', found '8 · 无'")


GRADE_LABELS = [
    pytest.param("sample", "8 · 无",
                 "expected a grade that goes with its score on 'sample' (有 / Provided 8, 无 / None 0): 8 is the grade "
                 "有 / Provided, not '无', found '8 · 无'",
                 "应为“样品”中与得分相符的等级（有 8、无 0）：8 分属于等级“有”，而非“无”，实际为 '8 · 无'", id="another-grade"),
    pytest.param("design", "9 良",
                 "expected a grade that goes with its score on 'design' (优 / Excellent 8–10, 良 / Good 5–7, 一般 / Fair "
                 "1–4): 9 is the grade 优 / Excellent, not '良', found '9 良'",
                 "应为“设计方案”中与得分相符的等级（优 8–10、良 5–7、一般 1–4）：9 分属于等级“优”，而非“良”，实际为 '9 良'",
                 id="another-grade-of-a-range"),
    pytest.param("sample", "5 · 有 / Provided",
                 "expected a grade that goes with its score on 'sample' (有 / Provided 8, 无 / None 0): 5 lies in no "
                 "grade, and '有 / Provided' is the grade 有 / Provided 8, found '5 · 有 / Provided'",
                 "应为“样品”中与得分相符的等级（有 8、无 0）：5 分不属于任何等级，而“有 / Provided”是等级 有 8，"
                 "实际为 '5 · 有 / Provided'", id="a-score-in-no-grade"),
    pytest.param("plan", "6 · 很好",
                 "expected a grade that goes with its score on 'plan' (优 / Excellent 8–10, 良 / Good 5–8 (整数分 / whole "
                 "points)): 6 is the grade 良 / Good, and '很好' is none of its grades, found '6 · 很好'",
                 "应为“实施计划”中与得分相符的等级（优 8–10、良 5–8（整数分））：6 分属于等级“良”，且“很好”不是该项的等级，"
                 "实际为 '6 · 很好'", id="no-such-grade"),
]


@pytest.mark.parametrize("criterion, cell, en, zh", GRADE_LABELS)
def test_a_grade_that_does_not_go_with_its_score_is_said_so(tmp_path, capsys, criterion, cell, en, zh):
    """A score sheet's drop-down choice edited by hand (8 · 无 where 8 is 有) was refused listing the grades only:
    the message now names the grade written, the grade the score lies in, and every grade, through the reader
    and the command line in both languages."""
    from bideval.cli import main
    from bideval.messages import render

    bidset = bids(tmp_path)
    path = write_panel(tmp_path / "panel.xlsx", scores=[["甲", VENDOR_A, criterion, cell, ""]])
    with pytest.raises(PanelError) as caught:
        read_panel(GRADED, bidset.bids, [], [path])
    (problem,) = caught.value.problems
    assert (str(problem), render(problem, "zh")) == (f"{path}:Scores!D2: {en}", f"{path}:Scores!D2：{zh}")
    rubric = tmp_path / "graded.yaml"
    rubric.write_text(RUBRIC, encoding="utf-8")
    for lang, line in (("en", f"{path}:Scores!D2: {en}"), ("zh", f"{path}:Scores!D2：{zh}")):
        assert main(["evaluate", "--criteria", str(rubric), "--bids", *(f.path for f in bidset.files),
                     "--panel", str(path), "--json", str(tmp_path / "out.json"), "--lang", lang]) == 2
        assert capsys.readouterr().err.splitlines() == [line]


@pytest.mark.parametrize("criterion, cell, en, zh", GRADE_LABELS)
def test_the_grid_refuses_a_grade_as_the_panel_workbook_does(criterion, cell, en, zh):
    """The grid's grade column and a score sheet's cell word one mistake alike: the refusal's facts are the reader's."""
    with pytest.raises(ScoreRefused) as caught:
        parse_grade_entry(GRADED.criterion_index[criterion], None, cell)
    refusal = caught.value.refusal
    assert (f"expected {refusal.expected('en')}, found {cell!r}", f"应为{refusal.expected('zh')}，实际为 {cell!r}") == (en, zh)


ODD_DIGITS = ["1⁰", "①", "⁸", "٨", "𝟖", "⁸ · 优 / Excellent", "٨ 优"]  # superscript, circled, Arabic-Indic, math bold


def evaluate_cli(tmp_path, bidset, path, lang="en"):
    """``evaluate`` on the graded rubric and ``path`` as the command line runs it: (exit code, stderr lines, JSON)."""
    rubric = tmp_path / "graded.yaml"
    rubric.write_text(RUBRIC, encoding="utf-8")
    out = tmp_path / "out.json"
    done = subprocess.run([sys.executable, "-m", "bideval", "evaluate", "--criteria", str(rubric), "--bids",
                           *(f.path for f in bidset.files), "--panel", str(path), "--json", str(out), "--lang", lang],
                          capture_output=True, text=True, cwd=ROOT)
    return done.returncode, done.stderr.splitlines(), json.loads(out.read_text()) if done.returncode == 0 else None


@pytest.mark.parametrize("cell", ODD_DIGITS)
def test_a_graded_score_in_odd_digits_is_refused_at_its_cell_quoting_it(tmp_path, cell):
    """README, Reading values: a superscript or circled digit or another script's digit is refused at its cell. On a
    graded criterion the drop-down choice was read first, through NFKC and ``\\d``: ``1⁰`` was 10, ``①`` 1, ``⁸`` and
    ``٨`` 8, exit 0 (and a refusal quoted ``found 10``). Now refused as on an ungraded criterion, quoting the cell."""
    bidset = bids(tmp_path)
    path = write_panel(tmp_path / "panel.xlsx", scores=[["甲", VENDOR_A, "design", cell, ""]])
    code, lines, _ = evaluate_cli(tmp_path, bidset, path)
    assert (code, lines) == (2, [f"{path}:Scores!D2: expected a score allowed by the grades of 'design': "
                                 f"Excellent 8–10, Good 5–7, Fair 1–4, found {cell!r}"])
    code, lines, _ = evaluate_cli(tmp_path, bidset, path, "zh")
    assert code == 2 and len(lines) == 1 and lines[0].startswith(f"{path}:Scores!D2：") and lines[0].endswith(repr(cell))


@pytest.mark.parametrize("criterion, cell, read", [
    ("design", "8分", D(8)), ("design", "8 分", D(8)), ("design", " ８ 分 ", D(8)), ("sample", "0分", D(0)),
    ("plan", "9.0分", D("9.0")), ("design", "7.5分", "found 7.5"), ("design", "优（8分）", "found '优（8分）'"),
    ("design", "分", "found '分'"), ("design", "8分 优", "found '8分 优'"),
])
def test_a_score_typed_with_its_unit_is_the_number(tmp_path, criterion, cell, read):
    """hostile9 H9-8: ``4分`` / ``4 分`` (points with their unit) were refused, ``分`` taken for a grade's name. The
    number before 分 is the score, checked as any (7.5 lies in no grade); a grade with points in brackets, or 分 alone,
    is refused as before."""
    bidset = bids(tmp_path)
    path = write_panel(tmp_path / "panel.xlsx", scores=[["甲", VENDOR_A, criterion, cell, ""]])
    if isinstance(read, D):
        (score,) = (s for s in read_panel(GRADED, bidset.bids, [], [path]).scores if s.score is not None)
        assert score.score == read and score.score.as_tuple() == read.as_tuple()
        return
    with pytest.raises(PanelError) as caught:
        read_panel(GRADED, bidset.bids, [], [path])
    (problem,) = caught.value.problems
    assert problem.cell == "D2" and str(problem).endswith(read)


@pytest.mark.parametrize("cell", ["8 · 优 / Excellent", "8 · 优", "8 Excellent", "8", 8, "８", "８ · 优", " 8 ： 优 "])
def test_a_graded_score_in_plain_or_full_width_digits_is_read(tmp_path, cell):
    """The grade choices and plain numbers still read, full-width digits too (README: a number's digits are ASCII or
    full-width)."""
    bidset = bids(tmp_path)
    path = write_panel(tmp_path / "panel.xlsx", scores=[["甲", VENDOR_A, "design", cell, ""]])
    code, lines, result = evaluate_cli(tmp_path, bidset, path)
    assert (code, lines) == (0, [])
    assert next(r for r in result["ranking"] if r["vendor_id"] == VENDOR_A)["criteria"]["design"] == 8.0


def test_the_store_refuses_with_the_grades_as_data(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    tender = chair_tender(store, "分等级", RUBRIC, "graded.yaml")
    form = write_form(tmp_path / "a.xlsx", {"vendor_id": VENDOR_A, "vendor_name": "甲公司", "total_price": 1000})
    assert store.import_bids(admin_of(store), tender, [(form.name, form.read_bytes())]).ok
    store.open_scoring(admin_of(store), tender)
    judge = seat_judge(store, tender, "甲")
    with pytest.raises(ScoreRefused) as caught:
        store.set_score(judge, tender, VENDOR_A, "sample", D(5))
    assert caught.value.refusal.reason == NOT_A_GRADE and caught.value.refusal.grades == SAMPLE.grades
    assert "Provided 8, None 0" in str(caught.value)
    store.set_score(judge, tender, VENDOR_A, "sample", D(8))
    assert [s.score for s in store.scores(judge, tender)] == ["8"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_score_sheet_offers_the_grades_as_a_drop_down(tmp_path, lang):
    bidset = bids(tmp_path)
    path = tmp_path / "sheet.xlsx"
    write_score_sheet(GRADED, bidset.bids, {}, "甲", path, lang)
    book = openpyxl.load_workbook(path)
    assert "Grades" in book.sheetnames
    grades = [r for r in book["Grades"].iter_rows(min_row=2, values_only=True)]
    assert ("sample", "8 · 有 / Provided") in grades and ("plan", "7 · 良 / Good") in grades
    scores = book["Scores"]
    rows = {(r[1].value, r[3].value): r[0].row for r in scores.iter_rows(min_row=2)}
    validations = {str(v.sqref): v for v in scores.data_validations.dataValidation}
    sample = validations[f"I{rows[(VENDOR_A, 'sample')]}"]
    assert sample.type == "list" and sample.formula1.startswith("Grades!$B$")
    design = validations[f"I{rows[(VENDOR_A, 'design')]}"]
    assert design.type == "custom" and "AND(I" in design.formula1  # ranges without a step: only the ranges
    assert "优 / Excellent 8–10" in design.prompt
    assert scores.cell(rows[(VENDOR_A, "design")], 6).value == grades_text(DESIGN.grades, None, lang)

    told = {"zh": "分值固定的等级也可只输入等级名称（有或 Provided），即得该等级的分值",
            "en": "A grade of fixed points may also be typed by its name alone (有 or Provided): it scores its points"}
    assert told[lang] + ("。" if lang == "zh" else ".") in [r[0] for r in book[INSTRUCTIONS_SHEET.text(lang)].iter_rows(
        values_only=True)]

    # a judge picks from the drop-down, or types a fixed grade's name; the sheet reads back as a panel workbook
    for (vendor, criterion), row in rows.items():
        sample = "有" if lang == "zh" else "8 · 有 / Provided"
        scores.cell(row, 9).value = {"design": 9, "sample": sample, "plan": "7 · 良 / Good"}[criterion]
    book.save(path)
    panel = read_panel(GRADED, bidset.bids, [], [path])
    assert {(s.criterion, s.score) for s in panel.scores} == {("design", 9), ("sample", 8), ("plan", 7)}


# -- the app's scoring grid offers the grade choices


def graded_grid(app_db: str, tmp_path: Path, lang: str):
    """A tender on the graded rubric with one bid, scoring open, and judge 甲's grid open: (tender, app)."""
    store = Store(app_db)
    tender = chair_tender(store, "分等级", RUBRIC, "graded.yaml")
    form = write_form(tmp_path / "a.xlsx", {"vendor_id": VENDOR_A, "vendor_name": "甲公司", "total_price": 1000})
    assert store.import_bids(admin_of(store), tender, [(form.name, form.read_bytes())]).ok
    store.open_scoring(admin_of(store), tender)
    seat_judge(store, tender, "甲")
    return tender, open_app("scoring", lang=lang, tender_id=tender, judge="甲")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_grid_offers_grade_choices(app_db, tmp_path, lang):
    tender, app = graded_grid(app_db, tmp_path, lang)
    assert not app.exception
    frame = app.data_editor[0].value
    assert "grade" in frame.columns
    names = list(frame["criterion"])
    row = next(i for i, c in enumerate(names) if c.startswith("样品" if lang == "zh" else "Sample"))
    assert frame["range"][row] == ("有 8、无 0" if lang == "zh" else "Provided 8, None 0")
    choice = "8 · 有" if lang == "zh" else "8 · Provided"
    app.session_state[app.data_editor[0].key] = {"edited_rows": {row: {"grade": choice}}, "added_rows": [],
                                                 "deleted_rows": []}
    app.run()
    assert not app.exception and not app.error
    assert [(s.criterion, s.score) for s in admin_call("scores", tender)] == [("sample", "8")]
    assert app.data_editor[0].value["grade"][row] == choice  # the saved score shows as its grade
    # a grade of another criterion is refused, naming this criterion's grades
    other = next(i for i, c in enumerate(names) if c.startswith("实施计划" if lang == "zh" else "Plan"))
    app.session_state[app.data_editor[0].key] = {"edited_rows": {other: {"grade": choice}}, "added_rows": [],
                                                 "deleted_rows": []}
    app.run()
    # said as the panel workbook reader says it of a score cell, through the package's refusal
    assert [e.value for e in app.error] == [
        f"{VENDOR_A} 甲公司 / 实施计划：“8 · 有”不是 实施计划 中与得分相符的等级（优 8–10、良 5–8（整数分））：8 分属于等级“优”，"
        "且“有”不是该项的等级，未保存。" if lang == "zh" else
        f"{VENDOR_A} 甲公司 / Plan: '8 · Provided' is not a grade that goes with its score on Plan (Excellent 8–10, "
        "Good 5–8 (whole points)): 8 is the grade Excellent, and 'Provided' is none of its grades; not saved."]
    assert [(s.criterion, s.score) for s in admin_call("scores", tender)] == [("sample", "8")]


def in_the_browser(app, edits: dict[int, dict[str, str]], key: str):
    """The grid as the judge's browser draws it after a run: a keyed editor with a fixed number of rows keeps its
    edits across a change of its values (Streamlit's data editor, given the same key), so each cell the judge edited
    still shows what they typed or picked; a new key (a fresh editor) shows the data alone."""
    frame = app.data_editor[0].value.copy()
    if app.data_editor[0].key == key:
        for position, cells in edits.items():
            for column, value in cells.items():
                frame.loc[position, column] = value
    return frame


@pytest.mark.parametrize("first, then, stored, grade", [
    ({"score": "9"}, {"grade": "6 · Good"}, "6", "6 · Good"),
    ({"grade": "9 · Excellent"}, {"score": "6"}, "6", "6 · Good"),
    ({"score": "9"}, {"grade": None}, None, None),  # the grade cleared withdraws the score
])
def test_a_score_changed_in_the_other_column_is_shown_in_both(app_db, tmp_path, first, then, stored, grade):
    """A judge typed 9 on a graded criterion, then picked the grade 6 · Good on the same row (or the other way
    round): 6 was saved, but the score cell still showed the 9 typed before (the editor keeps a cell's edit over the
    new value), and 9 typed again to put it back changed no cell, so nothing was saved: the grid said 9, the tender
    counted 6. Both cells now show what is stored."""
    tender, app = graded_grid(app_db, tmp_path, "en")
    row = next(i for i, c in enumerate(app.data_editor[0].value["criterion"]) if c.startswith("Plan"))
    edits: dict[str, str | None] = {}
    for cells in (first, then):
        key = app.data_editor[0].key
        edits.update(cells)  # the editor's edited_rows: every edit made in it so far
        app.session_state[key] = {"edited_rows": {row: dict(edits)}, "added_rows": [], "deleted_rows": []}
        app.run()
        assert not app.exception and not app.error
        if app.data_editor[0].key != key:  # a fresh editor: no edit of the old one shows
            edits = {}
    assert [s.score for s in admin_call("scores", tender) if s.criterion == "plan"] in ([stored], [] if stored is None
                                                                                        else [stored])
    shown = in_the_browser(app, {row: edits}, key)
    assert tuple(None if pd.isna(shown[c][row]) else shown[c][row] for c in ("score", "grade")) == (stored, grade)


@pytest.mark.parametrize("lang, cells, said", [
    ("en", {"score": "6", "grade": "9 · Excellent"}, "Plan: the score '6' and the grade '9 · Excellent' were given "
     "together for Plan and are not the same score: give the score or the grade, or both alike; not saved."),
    ("zh", {"score": "6", "grade": "9 · 优"}, "实施计划：实施计划同时填写了得分“6”与等级“9 · 优”，两者不是同一得分：请只填写得分或只"
     "选择等级，或使两者一致，未保存。"),
    ("en", {"score": None, "grade": "9 · Excellent"}, "Plan: the score cleared and the grade '9 · Excellent' were "
     "given together for Plan and are not the same score: give the score or the grade, or both alike; not saved."),
    ("en", {"score": "9", "grade": "9 · Excellent"}, None),  # the same score: kept
    ("en", {"score": "9.0", "grade": "9 · Excellent"}, None),  # the same number: kept as typed (step 1 allows 9.0)
])
def test_a_score_and_a_grade_given_together_must_agree(app_db, tmp_path, lang, cells, said):
    """A row pasted with a score and a grade (one edit, both cells): the grade won without a word, whatever the score
    said. Two scores in one row are refused naming both, nothing saved for the row; the same score is kept."""
    tender, app = graded_grid(app_db, tmp_path, lang)
    name = GRADED.criterion_index["plan"].name.text(lang)
    row = next(i for i, c in enumerate(app.data_editor[0].value["criterion"]) if c.startswith(name))
    app.session_state[app.data_editor[0].key] = {"edited_rows": {row: cells}, "added_rows": [], "deleted_rows": []}
    app.run()
    assert not app.exception
    if said is None:
        assert not app.error
        assert [(s.criterion, s.score) for s in admin_call("scores", tender)] == [("plan", cells["score"])]
    else:
        assert [e.value for e in app.error] == [f"{VENDOR_A} 甲公司 / {said}"]
        assert admin_call("scores", tender) == []


@pytest.mark.parametrize("lang, column, criterion, typed, refused, plain, saved", [
    ("en", "score", "design", "⁸", "'⁸' is not a number; not saved.", "８", "8"),
    ("zh", "score", "design", "1⁰", "“1⁰”不是数字，未保存。", "10", "10"),
    ("en", "score", "design", "٨", "'٨' is not a number; not saved.", "8", "8"),
    ("en", "grade", "sample", "⁸ · Provided", "'⁸ · Provided' is not a score the grades of Sample allow: Provided 8, "
     "None 0; not saved.", "８ · Provided", "8"),
    ("zh", "grade", "sample", "① · 有", "“① · 有”不是 样品 的等级所允许的得分：有 8、无 0，未保存。", "8 · 有", "8"),
])
def test_the_grid_refuses_odd_digits_on_a_graded_criterion_quoting_them(app_db, tmp_path, lang, column, criterion,
                                                                          typed, refused, plain, saved):
    """The app reads a typed score as the panel workbook does: ``⁸`` or ``٨`` typed in the grid (or a grade edited to
    ``⁸ · Provided``) was saved as 8 through the store; the same score in plain or full-width digits still is."""
    tender, app = graded_grid(app_db, tmp_path, lang)
    name = GRADED.criterion_index[criterion].name.text(lang)
    row = next(i for i, c in enumerate(app.data_editor[0].value["criterion"]) if c.startswith(name))
    for text in (typed, plain):
        app.session_state[app.data_editor[0].key] = {"edited_rows": {row: {column: text}}, "added_rows": [],
                                                     "deleted_rows": []}
        app.run()
        assert not app.exception
        if text == typed:
            assert app.error and refused in app.error[0].value
            assert admin_call("scores", tender) == []
    assert not app.error
    assert [(s.criterion, s.score) for s in admin_call("scores", tender)] == [(criterion, saved)]


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=0, max_value=10, places=1))
def test_an_allowed_score_lies_in_a_grade(score):
    refusal = check_score(DESIGN, None, score)
    assert (refusal is None) == any(g.contains(score) for g in DESIGN.grades)


# -- a tiered criterion's step (author5 A5-1): 差 0–12 / 中 13–18 / 良 19–24 / 优 25–30 in whole points, the panel's
# mean to 2 places; the older `decimals: 0` still reads, and rounds the mean too

WHOLE_TIERS = """
      - {id: poor, label: {zh: 差, en: Poor}, min: 0, max: 12}
      - {id: fair, label: {zh: 中, en: Fair}, min: 13, max: 18}
      - {id: good, label: {zh: 良, en: Good}, min: 19, max: 24}
      - {id: excellent, label: {zh: 优, en: Excellent}, min: 25, max: 30}"""
TIERED_RUBRIC = f"""
id: tiers
title: {{zh: 整数分档, en: Whole-point tiers}}
decimals: 2
fields: []
criteria:
  - id: tech
    name: {{zh: 技术方案, en: Technical plan}}
    group: technical
    kind: tiered
    max: 30
    step: 1
    tiers:{WHOLE_TIERS}
  - id: old
    name: {{zh: 旧写法, en: Old spelling}}
    group: technical
    kind: tiered
    max: 30
    decimals: 0
    tiers:{WHOLE_TIERS}
"""
WHOLE = parse_rubric(TIERED_RUBRIC, "tiers.yaml")
TECH = WHOLE.criterion_index["tech"]


@pytest.mark.parametrize("tier, score, reason", [
    ("good", "20", None), ("good", "19", None), ("fair", "13", None), ("good", "20.5", OFF_STEP),
    ("good", "25", OUTSIDE_TIER), ("fair", "12", OUTSIDE_TIER),
])
def test_a_tiered_step_holds_each_judge_to_whole_points_inside_the_tier(tier, score, reason):
    refusal = check_score(TECH, tier, D(score), WHOLE.places(TECH))
    assert (refusal.reason if refusal else None) == reason
    if refusal is not None:
        assert (refusal.tier.id, refusal.step, refusal.allowed) == (tier, D(1), (TECH.tier(tier).min, TECH.tier(tier).max))


@pytest.mark.parametrize("criterion, expected", [("tech", "20.67"), ("old", "21")])
def test_a_tiered_step_keeps_the_panel_mean_to_the_rubric_s_places(criterion, expected):
    judges = ("甲", "乙", "丙")
    scores = tuple(Score(j, VENDOR_A, criterion, D(s)) for j, s in zip(judges, ("20", "21", "21")))
    panel = PanelInput(judges, scores, {(VENDOR_A, criterion): "good"})
    bids = make_bidset(WHOLE, {"vendor_id": VENDOR_A, "vendor_name": "甲公司", "total_price": 1000})
    assert evaluate(WHOLE, bids, panel).standing(VENDOR_A).criteria[criterion] == D(expected)


def test_the_panel_workbook_refuses_a_score_off_the_tier_s_step(tmp_path):
    form = write_form(tmp_path / "a.xlsx", {"vendor_id": VENDOR_A, "vendor_name": "甲公司", "total_price": 1000})
    bidset = read_bids(WHOLE, [form])
    path = write_panel(tmp_path / "panel.xlsx", scores=[["甲", VENDOR_A, "tech", 20.5, ""]],
                       tiers=[[VENDOR_A, "tech", "good"], [VENDOR_A, "old", "good"]])
    with pytest.raises(PanelError) as caught:
        read_panel(WHOLE, bidset.bids, [], [path])
    (problem,) = caught.value.problems
    assert str(problem) == (f"{path}:Scores!D2: expected a score inside the agreed tier good 良 (19–24) for 'tech', "
                            "in whole points, found 20.5")
    assert (problem.data["reason"], problem.data["step"], problem.data["tier"]) == (OFF_STEP, 1, "good")
    assert messages.render(problem, "zh").endswith("应为“技术方案”已定档次良（19–24）之内的得分（整数分），实际为 20.5")


@pytest.mark.parametrize("tier, lang, text", [
    ("fair", "en", "13–18 (whole points)"), ("fair", "zh", "13–18（整数分）"), (None, "en", "—"),
])
def test_the_grid_shows_a_tiered_step_beside_the_tier_s_range(tier, lang, text):
    assert allowed_text(TECH, tier, lang) == text


def test_the_score_sheet_holds_a_tiered_score_to_its_step(tmp_path):
    form = write_form(tmp_path / "a.xlsx", {"vendor_id": VENDOR_A, "vendor_name": "甲公司", "total_price": 1000})
    path = tmp_path / "sheet.xlsx"
    write_score_sheet(WHOLE, read_bids(WHOLE, [form]).bids, {(VENDOR_A, "tech"): "good", (VENDOR_A, "old"): "good"},
                      "甲", path, "en")
    scores = openpyxl.load_workbook(path)["Scores"]
    rows = {r[3].value: r[0].row for r in scores.iter_rows(min_row=2)}
    validations = {str(v.sqref): v for v in scores.data_validations.dataValidation}
    tech, old = validations[f"I{rows['tech']}"], validations[f"I{rows['old']}"]
    cell = f"I{rows['tech']}"
    assert tech.type == "custom" and tech.formula1 == (f"AND(ISNUMBER({cell}),{cell}>=19,{cell}<=24,"
                                                      f"ABS({cell}/1-ROUND({cell}/1,0))<1E-9)")
    assert "19 – 24 (整数分 / whole points)" in tech.prompt and "in whole points" in tech.error
    assert old.type == "decimal" and (old.formula1, old.formula2) == ("19", "24")  # no step: any score in the tier
