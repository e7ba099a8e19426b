"""Hostile rubrics (verify21r): each slip is one located problem that says what was written, never a meaning
changed without a word."""
import pytest

from bideval.errors import RubricError
from bideval.rubric import parse_rubric

from conftest import EXAMPLE_RUBRIC

EXAMPLE = EXAMPLE_RUBRIC.read_text(encoding="utf-8")


def broken(old: str, new: str) -> str:
    assert old in EXAMPLE, old
    return EXAMPLE.replace(old, new, 1)


def refusals(text: str | bytes) -> list[str]:
    with pytest.raises(RubricError) as caught:
        parse_rubric(text, "r.yaml")
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize("other", ["T1", "ｔ１", "Ｔ1"])
def test_tier_ids_differing_only_by_case_or_width_are_refused(other):
    """The Tiers sheet names a tier by its id without case or width: `T1` beside `t1` was accepted, and a panel's
    `T1` (meant for the second tier) was taken as t1."""
    text = broken("{id: t2, label: {zh: 二档", "{id: " + other + ", label: {zh: 二档")
    assert refusals(text) == [f"r.yaml: criterion 'ops_plan': tier {other!r}: id {other!r} is also the id of tier "
                              f"'t1'; expected an id that names only one tier"]


WHOLE_POINT_TIERS = """
    step: 1
    tiers:
      - {id: t1, label: {zh: 一档, en: Tier 1}, min: 0,  max: 5}
      - {id: t2, label: {zh: 二档, en: Tier 2}, min: 7,  max: 10}
      - {id: t3, label: {zh: 三档, en: Tier 3}, min: 11, max: 15}
"""


def test_a_gap_between_tiers_of_a_stepped_criterion_is_said_in_its_step():
    """With `step: 1` a tier may start 1 above the one below: the gap 5 → 7 was said as 'at most 0.1 … start t2 at
    5.1', a start no judge could score at."""
    text = broken("""
    tiers:
      - {id: t1, label: {zh: 一档, en: Tier 1}, min: 0,    max: 5}
      - {id: t2, label: {zh: 二档, en: Tier 2}, min: 5.1,  max: 10}
      - {id: t3, label: {zh: 三档, en: Tier 3}, min: 10.1, max: 15}
""", WHOLE_POINT_TIERS)
    assert refusals(text) == ["r.yaml: criterion 'ops_plan': tier t2 starts at 7, leaving a gap after t1 ending at 5 "
                              "(at most one step, 1, as the criterion's step: 1 says): scores between 5 and 7 would "
                              "belong to no tier; start t2 at 6"]


@pytest.mark.parametrize("written", ["yes", "on", "Off", "true"])
def test_a_yes_no_word_where_a_number_belongs_is_said_as_yaml_read_it(written):
    """`max: on` was refused as 'max must be a number, found True': a value nobody wrote, and no word of why."""
    text = broken("kind: judged\n    max: 5", f"kind: judged\n    max: {written}")
    flag = "false" if written == "Off" else "true"
    assert refusals(text) == [f"r.yaml: criterion 'service_design': max was read by YAML as {flag} (yes, no, on, off, "
                              "true and false written without quotes are a yes or no, not a number); expected a number"]


@pytest.mark.parametrize("old, new, said", [
    ("candidates: 3", "candidates: on", "r.yaml: candidates: read by YAML as true (yes, no, on, off, true and false "
                                        "written without quotes are a yes or no, not a number); expected a whole "
                                        "number of at least 1"),
    ("value: 1000}", "value: yes}", "r.yaml: criterion 'company': value for field 'registered_capital' was read by YAML "
                                    "as true (yes, no, on, off, true and false written without quotes are a yes or no, "
                                    "not a number); expected an amount in 10,000 yuan (万元), 0 or more"),
])
def test_a_yes_no_word_is_said_so_at_the_top_and_in_a_condition(old, new, said):
    assert refusals(broken(old, new)) == [said]
