"""The rubric reference (docs/rubrics.md) cannot drift from the tool: every YAML example in it (and in README.md) is
read by the real reader, and its worked examples give the figures it states.

How each ```yaml block is checked:

- a **whole rubric** (it has `id`, `title`, `fields` and `criteria`) must load as it is;
- a **fragment** must parse as YAML (keys given twice refused, as the reader does) and load once placed into a
  minimal rubric: a list of criteria becomes the rubric's criteria; top-level keys (`currency`, `fields`,
  `caps`, `groups`, `panel`, `pricing`, `decimals`, `total`, `criteria` …) are merged into it, over a judged
  criterion and a price criterion when the fragment brings no criteria. The fields a fragment reads are
  declared for it, from the declarations the reference itself shows (and `ASSUMED_FIELDS` below for those it
  only names);
- a block followed by a line ``Refused: `<message>` `` shows a deliberate mistake: the reader must refuse it
  with that very message (after the file name), as `check` prints it;
- a line ``` `check`: `<text>` ``` after a block (in the same section) must be what `check` prints for that
  block's rubric, in English or in Chinese, and so must the Chinese text right after it, ``(中文：`<text>`)``.

And every key and named value the reader accepts (its key tables, the values of kinds, methods, bases, roundings,
aggregates, pricing models, field types, ops) is said in its own section, in backticks or in a YAML example, so that
an officer finds each one without reading the code.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from bideval import rubric_yaml as reader  # its key tables: what the reference must say
from bideval.benchmark import Base, DeviationRounding
from bideval.errors import RubricError
from bideval.pricing import PricingModel
from bideval.rubric import ORDER87, Aggregate, Kind, Op, PriceMethod, ProcurementObject, parse_rubric
from bideval.rubric_view import describe_rubric
from bideval.rubric_yaml import _UniqueKeyLoader
from bideval.values import FieldType

DOC = Path(__file__).resolve().parent.parent / "docs" / "rubrics.md"
WHOLE = {"id", "title", "fields", "criteria"}
# Fields the reference names in its examples without declaring them there.
ASSUMED_FIELDS = [
    {"id": "itss_level", "label": {"zh": "ITSS 运维能力等级", "en": "ITSS level"}, "type": "integer"},
    {"id": "operation_mode", "label": {"zh": "运营模式", "en": "Operation mode"}, "type": "choice",
     "choices": ["驻场运营", "离场运营", "人力外包"]},
    {"id": "projects", "label": {"zh": "同类项目数", "en": "Projects"}, "type": "integer"},
    {"id": "certificates", "label": {"zh": "证书数", "en": "Certificates"}, "type": "integer"},
    {"id": "bad_records", "label": {"zh": "不良记录数", "en": "Bad records"}, "type": "integer"},
]
BASE_CRITERIA = [  # when a fragment brings none: something to score, in its groups
    {"id": "quality", "name": {"zh": "质量", "en": "Quality"}, "group": "commercial", "kind": "judged", "max": 70},
    {"id": "price", "name": {"zh": "价格", "en": "Price"}, "group": "price", "kind": "price", "max": 30,
     "method": "lowest_ratio"},
]


@dataclass(frozen=True)
class Block:
    """One ```yaml block of the reference: where it is, its text, what follows it in its section."""

    line: int
    text: str
    refused: str | None  # the message a deliberate mistake is refused with
    check: tuple[str, ...]  # what `check` prints for it, as the reference quotes it
    doc: str = "rubrics.md"

    @property
    def name(self) -> str:
        return f"{self.doc}:{self.line}"


def blocks(markdown: str, doc: str = "rubrics.md") -> list[Block]:
    """Every ```yaml block with the ``Refused:`` line right after it and the `check` lines of its section."""
    lines = markdown.splitlines()
    found: list[Block] = []
    k = 0
    while k < len(lines):
        if lines[k].strip() != "```yaml":
            k += 1
            continue
        end = lines.index("```", k + 1)
        after = end + 1
        while after < len(lines) and not lines[after].strip():
            after += 1
        refused = re.fullmatch(r"Refused: `(.+)`", lines[after].strip()) if after < len(lines) else None
        rest = []  # the section's text up to the next block or heading
        for line in lines[end + 1:]:
            if line.startswith("#") or line.strip() == "```yaml":
                break
            rest.append(line)
        # the English line, and the Chinese one when it follows in brackets: (中文：`…`)
        quoted = [q for pair in re.findall(r"`check`: `([^`]+)`(?: \(中文[^`]{0,12}`([^`]+)`)?", " ".join(rest))
                  for q in pair if q]
        found.append(Block(k + 1, "\n".join(lines[k + 1:end]), refused.group(1) if refused else None,
                           tuple(" ".join(q.split()) for q in quoted), doc))
        k = end + 1
    return found


# The README's ```yaml blocks too (it has none today: a rubric example belongs in the reference, but one added there
# is read as the reference's are).
BLOCKS = blocks(DOC.read_text(encoding="utf-8")) + blocks(
    (DOC.parent.parent / "README.md").read_text(encoding="utf-8"), "README.md")


def declared_fields() -> dict[str, dict]:
    """Every field some block of the reference declares, by id, and the fields it assumes."""
    fields = {f["id"]: f for f in ASSUMED_FIELDS}
    for block in BLOCKS:
        node = yaml.safe_load(block.text)
        if isinstance(node, dict) and isinstance(node.get("fields"), list):
            fields.update({f["id"]: f for f in node["fields"] if isinstance(f, dict) and "id" in f})
    return fields


def fields_read(node: Any) -> set[str]:
    """The bid fields a fragment reads: every ``field:`` in it (conditions, items, counts, linear criteria)."""
    if isinstance(node, dict):
        found = {node["field"]} if isinstance(node.get("field"), str) else set()
        return found.union(*(fields_read(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(fields_read(v) for v in node))
    return set()


def as_rubric(block: Block) -> str:
    """The block as a whole rubric: itself when it is one, else placed into a minimal rubric."""
    node = yaml.load(block.text, Loader=_UniqueKeyLoader)  # a fragment is YAML the reader accepts
    if isinstance(node, dict) and WHOLE <= set(node):
        return block.text
    document: dict[str, Any] = {"id": "doc-example", "title": {"zh": "文档示例", "en": "Documentation example"}}
    if isinstance(node, list):
        document["criteria"] = node
    elif isinstance(node, dict) and set(node) == {"when"}:  # a condition: what a gate tests
        document["criteria"] = [{"id": "condition", "name": {"zh": "条件", "en": "Condition"},
                                 "group": "qualification", "kind": "gate", "when": node["when"]}]
    else:
        assert isinstance(node, dict), f"{block.name}: neither a rubric, its keys nor a list of criteria"
        document.update(node)
    if not document.get("criteria"):
        groups = [g["id"] for g in document.get("groups", [])] or ["commercial", "price"]
        document["criteria"] = [dict(BASE_CRITERIA[0], group=groups[0]), dict(BASE_CRITERIA[1], group=groups[-1])]
    own = {f["id"] for f in document.get("fields", [])}
    pool = declared_fields()
    assumed = [pool[f] for f in sorted(fields_read(document["criteria"]) - own) if f in pool]
    document["fields"] = list(document.get("fields", [])) + assumed
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)


def test_the_reference_has_examples_of_every_kind():
    assert len(BLOCKS) >= 25
    assert sum(b.refused is not None for b in BLOCKS) >= 3  # the mistakes section shows real refusals
    assert sum(len(b.check) for b in BLOCKS) >= 10


@pytest.mark.parametrize("block", [b for b in BLOCKS if b.refused is None], ids=lambda b: b.name)
def test_every_example_loads_and_check_prints_what_the_reference_says(block: Block):
    try:
        rubric = parse_rubric(as_rubric(block), block.name)
    except RubricError as error:
        pytest.fail(f"{block.name} does not load:\n{error}\n---\n{as_rubric(block)}")
    printed = {lang: " ".join(describe_rubric(rubric, lang).split()) for lang in ("en", "zh")}
    for text in block.check:
        assert text in printed["en"] or text in printed["zh"], f"{block.name}: check prints\n{printed}"


@pytest.mark.parametrize("block", [b for b in BLOCKS if b.refused is not None], ids=lambda b: b.name)
def test_every_mistake_shown_is_refused_with_the_message_shown(block: Block):
    with pytest.raises(RubricError) as caught:
        parse_rubric(as_rubric(block), block.name)
    said = [str(p).removeprefix(f"{block.name}: ") for p in caught.value.problems]
    assert block.refused in said, said


def criteria_of(node: Any) -> list[dict]:
    """The criteria a block shows: itself when it is a list, else its `criteria`."""
    listed = node if isinstance(node, list) else node.get("criteria", []) if isinstance(node, dict) else []
    return [c for c in listed if isinstance(c, dict)]


@pytest.mark.parametrize("block", [b for b in BLOCKS if criteria_of(yaml.safe_load(b.text))], ids=lambda b: b.name)
def test_every_example_s_group_is_standard_or_declared(block: Block):
    """A copied example gives a Chinese result Chinese headings: a group of one's own (`technical`) is shown by its id
    unless declared under `groups` with a label (the tester copied `group: technical` and got `technical` after 价格)."""
    from bideval.rubric import GROUP_ORDER

    node = yaml.safe_load(block.text)
    declared = {g["id"] for g in node.get("groups", [])} if isinstance(node, dict) else set()
    for criterion in criteria_of(node):
        assert criterion.get("group") in set(GROUP_ORDER) | declared, (block.name, criterion.get("id"))


# -- the panel workbook reference (docs/panel.md): its header table is the reader's, its example is read as shown

PANEL_DOC = DOC.parent / "panel.md"


def tables(markdown: str) -> dict[str, list[list[str]]]:
    """Every markdown table under a line holding only `` `Name` `` (the panel reference's example sheets), and the
    headers table (under '| column |'), as rows of cells."""
    found: dict[str, list[list[str]]] = {}
    lines = markdown.splitlines()
    for k, line in enumerate(lines):
        name = re.fullmatch(r"`(\w+)`", line.strip())
        start = k + 2 if name else k if line.startswith("| column |") else None
        if start is None:
            continue
        rows = []
        for row in lines[start:]:
            if not row.startswith("|"):
                break
            rows.append([cell.strip() for cell in row.strip().strip("|").split("|")])
        found[name.group(1) if name else "headers"] = [r for r in rows if not set("".join(r)) <= set("-: ")]
    return found


PANEL_TABLES = tables(PANEL_DOC.read_text(encoding="utf-8"))


def test_the_panel_reference_lists_every_header_the_reader_knows():
    from bideval.panel import COLUMN_NAMES

    said = {row[0]: {h.strip("` ") for h in ", ".join(row[2:4]).split(",")} for row in PANEL_TABLES["headers"][1:]}
    assert said == {column: set(headers) for column, headers in COLUMN_NAMES.items()}


def test_the_panel_reference_s_example_is_read_as_it_says(tmp_path):
    from conftest import EXAMPLE_RUBRIC, good_bid, make_bidset, write_xlsx
    from bideval.panel import read_panel
    from bideval.rubric import load_rubric

    def cell(text: str) -> Any:
        return None if not text else float(text) if re.fullmatch(r"[0-9.]+", text) else text

    sheets = {name: [[cell(c) for c in row] for row in PANEL_TABLES[name] if row[0] != "…"]
              for name in ("Judges", "Tiers", "Scores")}
    rubric = load_rubric(EXAMPLE_RUBRIC)
    names = {row[0]: row[1] for row in PANEL_TABLES["Tiers"][1:]}  # vendor_name is checked against the bid's name
    bids = make_bidset(rubric, *(good_bid(v, name=names[v]) for v in sorted(names))).bids
    panel = read_panel(rubric, bids, (), [write_xlsx(tmp_path / "panel.xlsx", sheets)])
    assert panel.judges == ("王评委", "李评委")
    assert set(panel.tiers.values()) == {"t3", "t2"}  # 三档 by its label, t2 by its id; 运营管理能力 is ops_plan
    unscored = [s for s in panel.scores if s.score is None]  # the empty score: not yet given, not 0
    assert [(s.judge, s.criterion) for s in unscored] == [("李评委", "service_design")]


# -- every key and named value the reader accepts is in the reference, in its own section


def words(vocabulary: Any) -> frozenset[str]:
    """A key table's keys, or an enum's values as written (`truthy` is how a bare ``{field}`` is held, not an op)."""
    return frozenset(str(m.value) for m in vocabulary if m is not Op.TRUTHY) if isinstance(vocabulary, type) \
        else frozenset(vocabulary)


# (what the reader accepts, the headings of the sections that must say it: a section runs to the next heading of
# its level or above, so `pricing` holds its discount-rate subsection)
VOCABULARIES = [
    ("top-level keys", reader._TOP_KEYS | {ORDER87}, ("Top-level keys",)),
    ("procurement objects", ProcurementObject, ("Top-level keys",)),
    ("field keys", reader._FIELD_KEYS, ("Fields: what a bid states",)),
    ("field types", FieldType, ("Fields: what a bid states",)),
    ("condition keys", reader._CONDITION_KEYS, ("Conditions",)),
    ("ops", Op, ("Conditions",)),
    ("criterion keys", reader._COMMON_KEYS, ("Criteria: keys every kind shares",)),
    ("checklist items", reader._ITEM_KEYS, ("checklist — ",)),
    ("tiers", reader._TIER_KEYS, ("tiered — ",)),
    ("grades", reader._GRADE_KEYS, ("Grades — ",)),
    ("price methods", PriceMethod, ("price — ", "Price benchmark and methods")),
    ("benchmark keys", reader._BENCHMARK_KEYS, ("Price benchmark and methods",)),
    ("benchmark bases", Base, ("Price benchmark and methods",)),
    ("deviation roundings", DeviationRounding, ("Price benchmark and methods",)),
    ("SME categories", reader._SME_CATEGORY_KEYS, ("SME categories — ",)),
    ("deduction items", reader._DEDUCTION_ITEM_KEYS, ("deduction — ", "penalty — ")),
    ("caps", reader._CAP_KEYS, ("Shared caps — ",)),
    ("groups", reader._GROUP_KEYS, ("groups — ",)),
    ("panel keys", reader._PANEL_KEYS, ("panel — ",)),
    ("aggregates", Aggregate, ("panel — ",)),
    ("pricing keys", reader._PRICING_KEYS | reader._DEMAND_KEYS | reader._UNIT_KEYS, ("pricing — ",)),
    ("pricing models", PricingModel, ("pricing — ",)),
    *((f"{kind.value} keys", keys | {kind.value}, (f"{kind.value} — ",) if kind is not Kind.PRICE
       else ("price — ", "Price benchmark and methods", "SME categories — "))
      for kind, keys in reader._KIND_KEYS.items()),
]


def section(markdown: str, heading: str) -> str:
    """The text under the heading that starts with ``heading``, up to the next heading of its level or above."""
    lines = markdown.splitlines()
    fenced, inside = set(), False  # a line starting with # in a code block is a comment, not a heading
    for k, line in enumerate(lines):
        inside = inside != line.startswith("```")
        if inside or line.startswith("```"):
            fenced.add(k)
    headings = [(k, len(line) - len(line.lstrip("#"))) for k, line in enumerate(lines)
                if k not in fenced and re.match(r"#+ ", line)]
    starts = [(k, level) for k, level in headings if lines[k].lstrip("#").strip().startswith(heading)]
    assert len(starts) == 1, f"no one section '{heading}' in rubrics.md"
    start, level = starts[0]
    end = next((k for k, depth in headings if k > start and depth <= level), len(lines))
    return "\n".join(lines[start:end])


def said(text: str) -> set[str]:
    """What a text says in backticks (each word or sign of `deviation_rounding: half_up_2dp`), and every key and
    value of its ```yaml examples."""
    out: set[str] = set()
    for span in re.findall(r"`([^`\n]+)`", re.sub(r"```yaml\n.*?\n```", "", text, flags=re.S)):
        out.update(re.findall(r"[A-Za-z_][A-Za-z0-9_]*|[<>=!]=|[<>]", span))

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            out.update(str(k) for k in node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, str):
            out.add(node)

    for example in re.findall(r"```yaml\n(.*?)\n```", text, flags=re.S):
        walk(yaml.safe_load(example))
    return out


def undocumented(markdown: str, vocabulary: Any, headings: tuple[str, ...]) -> list[str]:
    """The words of a vocabulary none of its sections says."""
    return sorted(words(vocabulary) - set().union(*(said(section(markdown, h)) for h in headings)))


def test_every_key_table_of_the_reader_is_checked_against_the_reference():
    """A key table or vocabulary added to the reader must be given its section here (KEYWORDS is all of them)."""
    assert set().union(*(words(v) for _, v, _ in VOCABULARIES)) == reader.KEYWORDS - {Op.TRUTHY.value} | {ORDER87}


@pytest.mark.parametrize("name, vocabulary, headings", VOCABULARIES, ids=[v[0] for v in VOCABULARIES])
def test_every_key_the_reader_accepts_is_in_its_section_of_the_reference(name, vocabulary, headings):
    assert undocumented(DOC.read_text(encoding="utf-8"), vocabulary, headings) == [], name


@pytest.mark.parametrize("key, heading", [("min_discount", "pricing — "), ("allow_negative", "Fields: what a bid states"),
                                          ("half_up_2dp", "Price benchmark and methods")])
def test_a_key_taken_out_of_the_reference_is_missed(key, heading):
    markdown = DOC.read_text(encoding="utf-8").replace(key, "x")
    vocabulary = next(v for _, v, h in VOCABULARIES if heading in h and key in words(v))
    assert undocumented(markdown, vocabulary, (heading,)) == [key]


# -- the worked examples beside the blocks: the figures the reference states are what the tool computes (verify21r)

def block_rubric(marker: str):
    """The rubric of the one block holding ``marker`` (as :func:`as_rubric` places it)."""
    (block,) = [b for b in BLOCKS if marker in b.text and b.refused is None]
    return parse_rubric(as_rubric(block), block.name)


def said_in_reference(*texts: str) -> None:
    """Each of ``texts`` is in the reference, so that a figure changed there fails here too."""
    markdown = " ".join(DOC.read_text(encoding="utf-8").split())
    for text in texts:
        assert text in markdown, text


def test_the_worked_examples_give_the_figures_the_reference_states():
    from decimal import Decimal as D

    from bideval.caps import cap_line
    from bideval.deductions import deduction_lines, deduction_score
    from bideval.scoring import aggregate, objective_score
    from bideval.values import round_half_up

    def score(rubric, cid, values):
        criterion = rubric.criterion_index[cid]
        raw = deduction_score(criterion, deduction_lines(criterion, values)) if criterion.kind in (
            Kind.DEDUCTION, Kind.PENALTY) else objective_score(criterion, values)
        return round_half_up(raw, rubric.places(criterion))

    linear = block_rubric("points: [[0.92, 7], [0.96, 10]]     #")
    said_in_reference("94 % → 8.5")
    assert score(linear, "dial_test", {"dial_test_accuracy": D("0.94")}) == D("8.50")

    deduction = block_rubric("id: compliance")
    said_in_reference("1 key item and 1 other unmet → 30 − 2 − 0.5 = **27.5**", "12 key and 20 other → 30 − 24 − 10 < 0 → **0**")
    assert score(deduction, "compliance", {"unmet_key_items": 1, "unmet_other_items": 1}) == D("27.5")
    assert score(deduction, "compliance", {"unmet_key_items": 12, "unmet_other_items": 20}) == 0

    penalty = block_rubric("id: records")
    said_in_reference("2 bad records → **−4**; 5 bad records → −6 (at most 6)")
    assert [score(penalty, "records", {"bad_records": n}) for n in (2, 5)] == [D(-4), D(-6)]

    capped = block_rubric("id: track_record")
    said_in_reference("4 projects × 2 = 8 and 3 certificates × 1 = 3 → **10**, not 11",
                      "Above: projects counts 8, certificates counts 2")
    parts = {c: score(capped, c, v) for c, v in (("projects", {"projects": 4}), ("certificates", {"certificates": 3}))}
    line = cap_line(capped.caps[0], parts)
    assert (line.combined, line.counted) == (D(10), {"projects": D(8), "certificates": D(2)})

    grades = block_rubric("{label: {zh: 有, en: Provided}, points: 8}")
    said_in_reference("8, 9 and 6 → 7.666… → **7.67**; 8, 8 and 0 on `sample` → **5.33**")
    for cid, judges, panel in (("design", (8, 9, 6), "7.67"), ("sample", (8, 8, 0), "5.33")):
        mean = aggregate([D(j) for j in judges], grades.panel)
        assert round_half_up(mean, grades.places(grades.criterion_index[cid])) == D(panel)

    whole_points = block_rubric("step: 1                     # whole points: each tier")
    said_in_reference("15, 16 and 16 → **15.67**")
    mean = aggregate([D(15), D(16), D(16)], whole_points.panel)
    assert round_half_up(mean, whole_points.places(whole_points.criterion_index["plan"])) == D("15.67")


def test_the_readme_layout_names_every_module_of_the_package():
    """A newcomer finds each part of the package from the README's Layout table: a module added without its row there
    (fourteen had none) fails here."""
    readme = (DOC.parent.parent / "README.md").read_text(encoding="utf-8")
    layout = readme[readme.index("## Layout"):readme.index("\n## ", readme.index("## Layout") + 1)]
    package = DOC.parent.parent / "bideval"
    missing = [p.name for p in sorted(package.glob("*.py"))
               if p.name != "__init__.py" and f"`bideval/{p.name}`" not in layout]
    assert missing == []
