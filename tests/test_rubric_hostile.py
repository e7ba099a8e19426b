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
