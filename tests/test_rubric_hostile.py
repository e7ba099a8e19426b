"""Hostile rubrics (verify21r): each slip is one located problem that says what was written, never a meaning
changed without a word."""
from decimal import Decimal

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


def test_a_rubric_saved_in_gbk_is_told_where_and_how_to_save_it():
    """Notepad's 'ANSI' on a Chinese Windows writes GBK: it said only 'expected a UTF-8 text file (YAML)', with no
    line and no way forward."""
    text = EXAMPLE
    line = next(k for k, row in enumerate(text.splitlines(), 1) if any("\u4e00" <= ch <= "\u9fff" for ch in row))
    column = next(k for k, ch in enumerate(text.splitlines()[line - 1], 1) if "\u4e00" <= ch <= "\u9fff")
    found = "".join(f"\\x{b:02x}" for b in text.splitlines()[line - 1][column - 1].encode("gbk")[:1])
    assert refusals(text.encode("gbk")) == [
        f"r.yaml: expected a UTF-8 text file (YAML), found bytes that are not UTF-8 on line {line}, column {column} "
        f"({found}); it reads as Chinese GBK, what Notepad saves as ANSI: save it as UTF-8 (Save As, Encoding: UTF-8)"]


def at(text: str, mark: str) -> str:
    """``line L, column C`` of the first ``mark`` in ``text``, counted in characters."""
    before = text[:text.index(mark)]
    return f"line {before.count(chr(10)) + 1}, column {len(before) - before.rfind(chr(10))}"


LATIN1 = broken("en: Tier 2}", "en: Tier é}")


@pytest.mark.parametrize("data, said", [
    ("\ufeffid: x".encode("utf-16-le"), "on line 1, column 1 (\\xff); it is saved as UTF-16 (Unicode): save it"),
    (LATIN1.encode("utf-8").replace("é".encode(), b"\xe9"),
     f"found bytes that are not UTF-8 on {at(LATIN1, 'é')} (\\xe9): save it as UTF-8 (Save As, Encoding: UTF-8)"),
])
def test_other_bytes_that_are_not_utf8_are_named_on_their_line(data, said):
    assert said in refusals(data)[0]


def test_a_control_character_is_named_on_its_line_in_one_sentence():
    """A NUL byte gave PyYAML's two lines, 'position 2507' and its '<unicode string>'."""
    text = broken("en: Tier 2}", "en: Tier\x002}")
    assert refusals(text) == [f"r.yaml: {at(text, chr(0))}: not valid YAML: a control character U+0000 is not "
                              "allowed in YAML"]


# Every hostile rubric of verify21r's list, as bytes, and the one line it is refused with (after the file's name):
# the command line and the app's upload must say that line, once, and nothing else.
HOSTILE = {
    "gbk": (EXAMPLE.encode("gbk"), "expected a UTF-8 text file (YAML), found bytes that are not UTF-8 on line 2"),
    "nul": (broken("en: Tier 2}", "en: Tier\x002}").encode(), "not valid YAML: a control character U+0000"),
    "yes": (broken("kind: judged\n    max: 5", "kind: judged\n    max: yes").encode(),
            "criterion 'service_design': max was read by YAML as true"),
    "tier ids": (broken("{id: t2, label: {zh: 二档", "{id: T1, label: {zh: 二档").encode(),
                 "criterion 'ops_plan': tier 'T1': id 'T1' is also the id of tier 't1'"),
    "duplicate key": (broken("decimals: 2", "decimals: 2\ndecimals: 3").encode(), "key 'decimals' appears twice"),
    "tab": (broken("    kind: judged\n", "\tkind: judged\n").encode(), "indent with spaces: YAML does not allow a tab"),
    # a key copied with a non-breaking or zero-width space: said once, not also as missing
    "nbsp key": (broken("kind: judged\n    max: 5", "kind: judged\n    \u00a0max: 5").encode(),
                 "unknown key '\\xa0max': it is 'max' written with U+00A0"),
    "zero-width key": (broken("decimals: 2", "decimals\u200b: 2").encode(),
                       "unknown key 'decimals\\u200b': it is 'decimals' written with U+200B"),
    "full-width space key": (broken("kind: judged\n    max: 5", "kind: judged\n    \u3000max: 5").encode(),
                             "it holds a full-width space: YAML needs an ASCII space"),
    # a tab after the colon is no indentation: it had been told to "indent with spaces"
    "tab after a colon": (broken("    kind: judged\n", "    kind:\tjudged\n").encode(),
                          "write a space instead of the tab: YAML does not allow a tab there"),
    "billion laughs": ((EXAMPLE + "x: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n" + "".join(
        f"x{k}: &a{k} [{', '.join(['*a' if k == 0 else f'*a{k - 1}'] * 10)}]\n" for k in range(8))).encode(),
        "values once each alias (*name) is counted as all it stands for"),
    "deep": (broken("decimals: 2", "decimals: " + "[" * 3000 + "]" * 3000).encode(), "not a rubric: its YAML is nested"),
    "10 MB": (EXAMPLE.encode() + b"#" * 10_000_000, "refused: the rubric is larger than 2.0 MB"),
    "5,000 digits": (broken("decimals: 2", "decimals: " + "9" * 5000).encode(),
                     "not valid YAML: a number of 5,000 characters is far longer than any figure of a rubric"),
}


@pytest.mark.parametrize("nested, line, column", [
    ("decimals: " + "[" * 3000 + "]" * 3000, 4, 74),  # flow style: the 64th bracket of the line
    ("decimals:\n" + "".join(" " * k + "-\n" for k in range(1, 200)), 68, 65),  # block style: the 64th list's line
])
def test_a_rubric_nested_too_deep_is_refused_at_the_line_it_goes_too_deep(nested, line, column):
    """The refusal said only that the YAML was nested hundreds of levels deep, not where: it names the line and column
    where the list or mapping one level too deep starts (the limit counts the document's own mapping too)."""
    text = broken("decimals: 2", nested)
    assert text.splitlines()[line - 1][column - 1] in "[-"
    assert refusals(text) == [f"r.yaml: line {line}, column {column}: not a rubric: its YAML is nested more than 64 "
                              "levels deep here (a rubric is nested a few levels)"]


@pytest.mark.parametrize("name", HOSTILE)
def test_check_says_one_line_for_each_hostile_rubric_and_exits_2(tmp_path, name):
    import subprocess
    import sys
    from conftest import ROOT

    data, said = HOSTILE[name]
    rubric = tmp_path / "r.yaml"
    rubric.write_bytes(data)
    done = subprocess.run([sys.executable, "-m", "bideval", "check", "--criteria", str(rubric), "--lang", "en"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    lines = done.stderr.splitlines()
    assert (done.returncode, len(lines)) == (2, 1), done.stderr
    assert lines[0].startswith(f"{rubric}: ") and said in lines[0]


QCBS = (EXAMPLE_RUBRIC.parent.parent.parent / "criteria" / "qcbs-consultancy.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("text, said", [
    (QCBS.replace("weight: 0.2", "weight: yes", 1),
     "group 'financial': weight was read by YAML as true (yes, no, on, off, true and false written without quotes are "
     "a yes or no, not a number); expected a number"),
    (broken("    months: 12", "    months: on").replace("contract_months: 12\n", ""),  # no months to fall back on
     "pricing.demand: months was read by YAML as true (yes, no, on, off, true and false written without quotes are a "
     "yes or no, not a number); expected a number"),
])
def test_a_value_refused_for_its_own_mistake_is_not_also_said_missing(text, said):
    """A group's weight or a demand figure refused was also said to be missing (`weight is given for technical but
    not for financial`, `model per_seat_month needs demand figure(s) months`): two lines, the second false."""
    assert refusals(text) == [f"r.yaml: {said}"]


BEYOND = "must lie below 1,000,000,000,000,000 either side of 0, as every figure of a bid must (Excel keeps 15 digits)"


@pytest.mark.parametrize("written, said", [
    ("9" * 3000, f" (line 69) {BEYOND}, found {'9' * 200}… (3,000 digits)"),  # had been accepted
    ("1000000000000000", f" (line 69) {BEYOND}, found 1000000000000000 (16 digits)"),
    ("-2.5e+16", f" (line 69) {BEYOND}, found -2.5e+16"),
    # quoted: the number, on its line too (it had been said without one)
    ('"' + "9" * 40 + '"', f" (line 69) {BEYOND}, found '{'9' * 40}' (40 digits)"),
    ("'" + "9" * 3000 + "'", f" (line 69) {BEYOND}, found '{'9' * 199}… (3,000 digits)"),
    # an exponent past what a Decimal holds (YAML reads it as a text): a traceback; below it, no number to take
    ("1e99999999999999999999", f" (line 69) {BEYOND}, found '1e99999999999999999999'"),
    ('"1e-99999999999999999999"', " must be a number, found '1e-99999999999999999999'"),
])
def test_a_rubric_amount_beyond_what_a_bid_may_state_is_refused_at_its_key_and_line(written, said):
    """A budget ceiling of thousands of digits was accepted, where a bid's amount of 16 digits is refused at its cell:
    one bound for both (values.LARGEST), said with the key and, for a number written plain, its line."""
    assert refusals(broken("budget_ceiling: 1200000", f"budget_ceiling: {written}")) == [
        f"r.yaml: criterion 'price': budget_ceiling{said}"]


@pytest.mark.parametrize("written, found", [("9" * 3000, "9" * 200 + "…"), ('"' + "9" * 3000 + '"', f"'{'9' * 199}…")])
def test_a_count_beyond_what_a_bid_may_state_is_refused_too(written, found):
    assert refusals(broken("candidates: 3", "candidates: " + written)) == [
        f"r.yaml: candidates: the value on line 6 {BEYOND}, found {found} (3,000 digits)"]


@pytest.mark.parametrize("figure", ["999999999999999", "999999999999999.9"])
def test_a_rubric_amount_just_below_the_bound_is_read(figure):
    rubric = parse_rubric(broken("budget_ceiling: 1200000", f"budget_ceiling: {figure}"), "r.yaml")
    assert rubric.criterion_index["price"].budget_ceiling == Decimal(figure)


@pytest.mark.parametrize("written, yuan", [("120万", "1200000"), ('"120.5万元"', "1205000")])
def test_a_budget_written_in_wan_says_the_yuan_to_write(written, yuan):
    """A notice publishes the budget in 万元 (预算金额：198万元); the rubric's amounts are yuan. `budget_ceiling: 198万`
    said only 'must be a number', leaving the officer to guess the unit."""
    shown = written.strip('"')
    assert refusals(broken("budget_ceiling: 1200000", f"budget_ceiling: {written}")) == [
        f"r.yaml: criterion 'price': budget_ceiling must be a number, found {shown!r}; the rubric's amounts are in "
        f"yuan: for {shown} write {yuan}"]


def test_a_label_copied_whole_from_another_field_is_one_line():
    """A field row copied and its id changed, its `{zh, en}` label left: three lines (the Chinese, the English and
    the two together), for one slip."""
    text = broken("label: {zh: 注册资本金, en: Registered capital}", "label: {zh: 同类项目数量, en: Similar projects}")
    assert refusals(text) == ["r.yaml: field 'similar_projects': label '同类项目数量' is also the label of field "
                              "'registered_capital'; expected a label that names only one field"]  # the later field


def test_an_sme_category_copied_whole_from_another_is_one_line():
    text = broken("sme_deduction: 0.10", """sme_deduction:
      - {id: small, label: {zh: 小型企业, en: Small}, rate: 10%}
      - {id: micro, label: {zh: 小型企业, en: Small}, rate: 10%}""")
    assert refusals(text) == ["r.yaml: criterion 'price': sme_deduction category 'micro': '小型企业' also names "
                              "category 'small'; expected each category to be named only once"]


@pytest.mark.parametrize("digits", ["9" * 5000, "9" * 5000 + ".5"])
def test_a_number_longer_than_python_reads_is_a_yaml_error_on_its_line(digits):
    """5,000 digits of budget: a ValueError traceback (Python's 4,300-digit limit on int), or, with a point, read as
    infinity and said as 'found inf', a value nobody wrote."""
    text = broken("budget_ceiling: 1200000", f"budget_ceiling: {digits}")
    assert refusals(text) == [f"r.yaml: {at(text, digits)}: not valid YAML: a number of {len(digits):,} characters is "
                              "far longer than any figure of a rubric"]


@pytest.mark.parametrize("old, new, read", [
    ("budget_ceiling: 1200000", "budget_ceiling: 1200000.123456789012345",
     lambda r: r.price_criterion.budget_ceiling),
    ("sme_deduction: 0.10", "sme_deduction: 0.1000000000000000055511151231257827",
     lambda r: r.price_criterion.sme_deduction),
])
def test_a_decimal_with_more_digits_than_a_float_keeps_is_read_as_written(old, new, read):
    """YAML reads 1200000.123456789012345 as a float, 1200000.1234567890: the rubric kept the float's digits."""
    from decimal import Decimal

    assert read(parse_rubric(broken(old, new), "r.yaml")) == Decimal(new.split(": ")[1])


def test_a_whole_number_key_refuses_a_fraction_a_float_would_round_away():
    assert refusals(broken("decimals: 2", "decimals: 2.0000000000000000001")) == [
        "r.yaml: decimals: decimals must be a whole number of at least 0, found 2.0000000000000000001"]


def test_a_key_left_out_is_said_once():
    """`fields` and `criteria` left out were each said twice: `missing 'fields'` and `fields must be a list, found
    None`, a value nobody wrote."""
    assert refusals("id: x\ntitle: t\n") == ["r.yaml: missing 'fields'", "r.yaml: missing 'criteria'"]


def test_two_merge_keys_in_one_mapping_are_refused_not_one_dropped():
    """`{<<: *a, <<: *b}` kept b's keys and dropped a's without a word (verify21r: a max of 10 merged first became the
    3 merged second, where `<<: [*a, *b]` gives 10): the merge key given twice is a key given twice."""
    text = broken("  - id: service_design", "  - &sd\n    id: service_design")
    text = text.replace("  - id: price", "  - {<<: *sd, <<: *sd, id: extra, name: Extra}\n  - id: price", 1)
    assert refusals(text) == [f"r.yaml: {at(text, '<<: *sd, id')}: not valid YAML: the merge key '<<' appears twice: "
                              "merge several mappings with one list, <<: [*first, *second] (a key of the first listed "
                              "wins)"]


@pytest.mark.parametrize("old, new, said", [
    ("id: cs-outsourcing", "id: 2026-01-05",
     "r.yaml: id (line 1): written without quotes, YAML reads 2026-01-05 as the date 2026-01-05, not as a text: put it "
     "in quotes: id: '2026-01-05'"),
    ("  - id: licence", "  - id: no",
     "r.yaml: criterion 'no': id (line 20): written without quotes, YAML reads no as false, not as a text: put it in "
     "quotes: id: 'no'"),
    ("    group: qualification", "    group: on",
     "r.yaml: criterion 'licence': group (line 22): written without quotes, YAML reads on as true, not as a text: put "
     "it in quotes: group: 'on'"),
    ("{id: t1, label: {zh: 一档", "{id: yes, label: {zh: 一档",
     "r.yaml: criterion 'ops_plan': tier 'yes': id (line 48): written without quotes, YAML reads yes as true, not as "
     "a text: put it in quotes: id: 'yes'"),
])
def test_an_id_yaml_reads_as_a_date_or_a_yes_no_is_refused_asking_for_quotes(old, new, said):
    """`id: 2026-01-05` was refused as "must be a slug …, found datetime.date(2026, 1, 5)" (Python's words, and a
    slug it is, quoted); a tier's `id: yes` as having no id at all; a criterion's `id: no` as "not a slug", found
    False. Each is now one line saying what YAML read and how to write it; the id's other checks judge the text
    written, so nothing more is said of it."""
    assert refusals(broken(old, new)) == [said]


def test_a_field_id_yaml_reads_as_a_yes_no_is_refused_asking_for_quotes():
    text = broken("  - {id: business_license,", "  - {id: no,").replace("field: business_license", "field: 'no'")
    assert refusals(text) == ["r.yaml: field 'no': id (line 14): written without quotes, YAML reads no as false, not "
                              "as a text: put it in quotes: id: 'no'"]


@pytest.mark.parametrize("written", ["５", '"５"', "５.０"])
def test_full_width_digits_in_a_rubric_number_are_the_digits(written):
    """docs/rubrics.md: digits typed with a Chinese input method are the same digits."""
    rubric = parse_rubric(broken("kind: judged\n    max: 5", f"kind: judged\n    max: {written}"), "r.yaml")
    assert str(rubric.criterion_index["service_design"].max) in ("5", "5.0")
