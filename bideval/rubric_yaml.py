"""Reading a rubric from YAML (formats.md §1) into the model of :mod:`bideval.rubric`.

``load_rubric`` reads a file, ``parse_rubric`` text; both check every rule
formats.md lists and return a frozen :class:`~bideval.rubric.Rubric`, or raise
one ``RubricError`` naming every mistake with its criterion or field. The
reader checks what only the document can say (unknown keys, types, field
references); each criterion type checks that its own parts fit together.
"""
from __future__ import annotations

import enum
import hashlib
import math
import re
import stat
from dataclasses import MISSING, fields as dataclass_fields, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Collection, Hashable, Iterable, Iterator, Mapping, TypeVar

import yaml

from .benchmark import BASE_LABELS, RULES, Base, BenchmarkRule, DeviationRounding, MeanBenchmark
from .errors import Problem, RubricError, shown_name
from .groups import Group, group_max, weighted_max
from .patterns import on_first_use
from .sme import SmeCategory
from .labels import Label, Named
from .currency import ISO_4217, notation_of
from .deductions import unrequired_count_warnings
from .pricing import PRICE_MODEL_FIELD, Demand, Pricing, PricingModel, Unit, UnitName
from .rubric import (CRITERION_TYPES, FIXED_FIELDS, FIXED_FIELD_IDS, Aggregate, BenchmarkedPrice, ChecklistItem,
                     Condition, Count, Criterion, Deduction, DeductionItem, Field, Grade, InvalidCriterion, Kind, Op,
                     PanelRules, PRICE_TYPES, Price, PriceMethod, ProcurementObject, Rubric, SharedCap, Tier, Tiered,
                     full_marks, fix_step, group_full_marks, group_label, is_order87, lowering_caps, overlap_fix,
                     price_fields_of, scored_maxima)
from .rubric_mark import rubric_text_sha256
from .values import (LARGEST, FieldType, ValueProblem, fold, normalise, odd_digits, parse_percent, round_half_up,
                     to_decimal, TEN_THOUSAND_UNIT)
from .yaml_slips import operator_slip, quoted, reserved_value, syntax_slip

_SLUG = re.compile(r"[a-z0-9][a-z0-9_-]*")  # a letter or digit first (2026-wuye, as the docs' words allow: conform14)
# A number YAML reads as text ("40" quoted, 1e30 without a point): digits, a point, a sign, an exponent; not "40分",
# "20%", "1,000" or "¥1200".
_PLAIN_NUMBER = on_first_use(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")

_WHOLE_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.0*)?")  # 2, and 2.0: a whole number written with its point
_FIELD_ID = re.compile(r"[a-z][a-z0-9_]*")
_TOP_KEYS = {"id", "title", "currency", "decimals", "total", "candidates", "contract_months",
             "regime", "panel", "fields", "criteria", "pricing", "tender_number", "procurement_method", "caps",
             "groups", "procurement_object"}
_GROUP_KEYS = {"id", "label", "pass_mark", "scale_to_best", "weight"}
_PANEL_KEYS = {"aggregate", "trim", "min_judges_for_trim", "outlier_share"}
_FIELD_KEYS = {"id", "label", "type", "required", "unit", "choices", "note", "example", "allow_negative"}
_COMMON_KEYS = {"id", "name", "group", "kind", "description", "decimals", "scale_to_best"}
_KIND_KEYS = {
    Kind.GATE: {"when", "reason"},
    Kind.CHECKLIST: {"max", "items"},
    Kind.COUNT: {"max", "field", "points_per_unit"},
    Kind.LINEAR: {"max", "field", "points"},
    Kind.TIERED: {"max", "tiers", "step"},
    Kind.JUDGED: {"max", "grades", "step"},
    Kind.PRICE: {"max", "method", "above_penalty", "below_penalty", "budget_ceiling",
                 "sme_deduction", "abnormal_low_share", "benchmark", "deviation_rounding"},
    Kind.DEDUCTION: {"max", "items"},
    Kind.PENALTY: {"max", "items"},
}
# The keys of a price criterion that only some methods use (each price type holds those of its method), and the stem
# of the mistake refusing one: <stem>_not_used when the method does not use it, <stem>_missing when it needs it.
_METHOD_KEYS = {"above_penalty": "penalties", "below_penalty": "penalties", "benchmark": "benchmark",
                "deviation_rounding": "rounding"}
# What stands in for a key a method needs and the rubric leaves out. The criterion is refused for that key; the type
# is still built, with these (none breaks a rule), so that every value the rubric does give is checked.
_STAND_INS: dict[str, Any] = {"above_penalty": Decimal(0), "below_penalty": Decimal(0),
                              "benchmark": MeanBenchmark()}
_SME_CATEGORY_KEYS = {"id", "label", "rate"}
_CAP_KEYS = {"id", "label", "max", "criteria"}
_GRADE_KEYS = {"label", "min", "max", "points"}
_BENCHMARK_KEYS = {"base", "coefficient", "min_bids", "trim", "ceiling_weight", "ceiling_coefficient"}
_ITEM_KEYS = {"label", "points", "when"}
_DEDUCTION_ITEM_KEYS = {"label", "field", "points"}
_COUNTED = (FieldType.INTEGER, FieldType.BOOL)  # how many times a shortfall occurs, or yes for once
_TIER_KEYS = {"id", "label", "min", "max", "description"}
_CONDITION_KEYS = {"field", "op", "value"}
_PRICING_KEYS = {"demand", "models"}
_DEMAND_KEYS = {"seats", "calls_per_month", "sales_per_month", "devices", "units", "months", "discount_base",
                "min_discount"}
_UNIT_KEYS = {"count", "label", "per", "ceiling", "months"}
_NUMERIC = (FieldType.INTEGER, FieldType.NUMBER, FieldType.MONEY, FieldType.PERCENT)
#: Every key and named value of the format, as an author writes them (``pass_mark``, ``trimmed_mean`` …): a message
#: in Chinese about a rubric quotes them as written.
KEYWORDS = frozenset().union(
    _TOP_KEYS, _GROUP_KEYS, _PANEL_KEYS, _FIELD_KEYS, _COMMON_KEYS, *_KIND_KEYS.values(), _SME_CATEGORY_KEYS,
    _CAP_KEYS, _GRADE_KEYS, _BENCHMARK_KEYS, _ITEM_KEYS, _DEDUCTION_ITEM_KEYS, _TIER_KEYS, _CONDITION_KEYS,
    _PRICING_KEYS, _DEMAND_KEYS, _UNIT_KEYS,
    *({str(m.value) for m in vocabulary} for vocabulary in (Kind, PriceMethod, Base, DeviationRounding, Aggregate,
                                                              PricingModel, FieldType, Op, ProcurementObject)))


def rubric_warnings(rubric: Rubric) -> tuple[Problem, ...]:
    """What a rubric may say but seldom means, for ``check`` to tell and not refuse: no criterion scores the price
    the bid form asks for (refused under ``regime: order87``); a shared cap below one of its criteria's own max,
    which that criterion can then never reach (a cap of 50 over a criterion of 60: one of the two is a typo), or at
    or above all its criteria's maxima together, which never takes a point off (15 over 8 + 3); groups' weights
    that do not add up to 1 where no ``total`` checks the weighted maxima (0.7 + 0.4); a group scaled to 1 point
    (``scale_to_best: 1``) whose criteria give more, where ``true`` was likely meant; in a
    per_unit_month tender a budget ceiling below the number of units, which looks like a unit rate (4.5 元/㎡/月)
    though it caps the whole contract price Q (author6 A6-3: every bid was invalid, silently); a benchmark
    coefficient K above 1 (95 meant as 95 %); a ``procurement_object`` without ``regime: order87``, where it changes
    nothing; a deduction or penalty counting a field that is not ``required``, which a bid may leave empty to lose
    nothing (:func:`~bideval.deductions.unrequired_count_warnings`)."""
    out = []
    for cap in rubric.caps:
        for part in cap.criteria:
            criterion = rubric.criterion_index[part]
            if criterion.max > cap.max:
                out.append(Problem.of("rubric.cap_below_part", rubric.source, where=f"cap {cap.id!r}", cap=cap.id,
                                      cap_max=cap.max, criterion=part, max=criterion.max))
        maxima = tuple(rubric.criterion_index[part].max for part in cap.criteria)
        if cap.max >= sum(maxima):  # 15 over 8 + 3: never takes a point off, so one of the figures is a typo
            out.append(Problem.of("rubric.cap_never_binds", rubric.source, where=f"cap {cap.id!r}", cap=cap.id,
                                  cap_max=cap.max, criteria=cap.criteria, maxima=maxima))
    weights = tuple((g, weight) for g in rubric.groups if (weight := rubric.group(g).weight) is not None)
    if weights and rubric.total is None and sum(w for _, w in weights) != 1:  # 0.7 + 0.4, and no total checks them
        out.append(Problem.of("rubric.weights_not_one", rubric.source, where="groups", weights=weights,
                              full=rubric.max_total))
    for g in rubric.groups:  # `scale_to_best: 1` where `true` was meant: the group then counts 1 point
        group, raw = rubric.group(g), group_full_marks(rubric.criteria, rubric.caps, g)
        if group.scale_to == 1 and raw > 1:
            out.append(Problem.of("rubric.scaled_to_one", rubric.source, where=f"group {g!r}", group=g, max=raw))
    price = rubric.price_criterion
    if price is None:
        asked = tuple(Named(f.id, f.label) for f in rubric.price_fields if f.id != PRICE_MODEL_FIELD)
        out.append(Problem.of("rubric.no_price", rubric.source, where="top", fields=asked))
    demand = rubric.pricing.demand
    units = sum((unit.count for unit in demand.units), Decimal(0))
    if (price is not None and price.budget_ceiling is not None and PricingModel.PER_UNIT_MONTH in rubric.pricing.models
            and price.budget_ceiling < units):  # less than 1 a unit for the whole contract: a unit rate copied here
        out.append(Problem.of("rubric.ceiling_like_rate", rubric.source, where=f"criterion {price.id!r}",
                              criterion=price.id, ceiling=price.budget_ceiling, units=units, months=demand.months))
    if isinstance(price, BenchmarkedPrice) and price.benchmark.coefficient > 1:  # 95 meant as 95 %
        out.append(Problem.of("rubric.coefficient_above_one", rubric.source, where=f"criterion {price.id!r}",
                              criterion=price.id, coefficient=price.benchmark.coefficient))
    if rubric.procurement_object is not None and not rubric.under_order87:  # it sets order87's price floor only
        out.append(Problem.of("rubric.procurement_object_unused", rubric.source, where="procurement_object",
                              bought=rubric.procurement_object.value))
    return tuple(out) + unrequired_count_warnings(rubric) + order87_warnings(rubric)


def rubric_text_warnings(data: bytes | str, source: str) -> tuple[Problem, ...]:
    """The warnings (:func:`rubric_warnings`) of a rubric given as YAML text, as ``check`` prints them: for the app to
    show when an officer picks a rubric, before a tender is made of it. RubricError (every problem) when it does not
    load."""
    return rubric_warnings(parse_rubric(data, source))


def order87_warnings(rubric: Rubric) -> tuple[Problem, ...]:
    """What Order 87 art. 55 asks of 综合评分法 that a ``regime: order87`` rubric does not do, for ``check`` to tell:
    a price scored by another method than lowest-first (低价优先法, ``lowest_ratio``), and a price carrying less of the
    total than 30 % for goods or 10 % for services (10 % when the rubric does not say which, naming the goods floor).
    Warned, not refused: the officer may be bound by a rule the tool does not know (a fixed-price item)."""
    price, points = rubric.price_criterion, rubric.price_points()
    if not rubric.under_order87 or price is None or points is None:
        return ()
    carried, whole = points
    share = carried / whole
    out = []
    where = f"criterion {price.id!r}"
    if price.method is not PriceMethod.LOWEST_RATIO:
        out.append(Problem.of("rubric.order87_method", rubric.source, where=where, regime=rubric.regime,
                              method=price.method.value))
    bought = rubric.procurement_object
    floor = bought.price_floor if bought else ProcurementObject.SERVICES.price_floor
    if share < floor:
        out.append(Problem.of("rubric.order87_price_share", rubric.source, where=where, regime=rubric.regime,
                              share=share, floor=floor,
                              bought=None if bought is None else bought.value, carried=carried, total=whole,
                              goods_floor=ProcurementObject.GOODS.price_floor))
    return tuple(out)


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe YAML loader that refuses a key given twice in one mapping."""


_RESOLVER = yaml.resolver.Resolver()  # what YAML reads a text written without quotes as
_MERGE_TAG = "tag:yaml.org,2002:merge"
_TEXT_TAG = "tag:yaml.org,2002:str"


def _not_as_written(value: Any, written: tuple[str, int]) -> bool:
    """Whether YAML read a scalar meant as a text, written without quotes (``written``: its text and line), as other
    than the text written: a bool (``NO``), a float (``1.50``), a date (``2026-01-05``), or a number not written as
    its plain digits (``010``, ``0x1F``, ``1:30``). Plain digits YAML keeps as written (``20260018``) are that text."""
    return isinstance(value, bool) or not isinstance(value, (str, int)) or str(value) != written[0]


def _key_meant(key: Any, allowed: set[str]) -> tuple[str, tuple[str, ...]] | None:
    """The allowed key ``key`` is but for spaces and invisible characters in it (a non-breaking or full-width space,
    a zero-width one: copied from a web page or a word processor), with those characters (``U+00A0``); else None."""
    if not isinstance(key, str):
        return None
    plain = normalise(key)  # (NFKC, without invisible characters, trimmed: as every name is compared)
    if plain == key or plain not in allowed:
        return None
    return plain, tuple(dict.fromkeys(f"U+{ord(c):04X}" for c in key if not normalise(c)))


def _mapping_without_duplicates(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    """The mapping, refused for a key written twice in it. A key merged in (``<<: *anchor``) may be written again:
    the mapping's own key overrides the merged one, as YAML's merge rule says."""
    seen = set()
    merges = 0
    for key_node, _ in node.value:
        if key_node.tag == _MERGE_TAG:  # `<<:` twice: PyYAML keeps the last one's keys and drops the first's in silence
            merges += 1
            if merges > 1:
                raise yaml.constructor.ConstructorError(
                    None, None, "the merge key '<<' appears twice: merge several mappings with one list, "
                    "<<: [*first, *second] (a key of the first listed wins)", key_node.start_mark)
            continue
        key = loader.construct_object(key_node, deep=deep)
        if not isinstance(key, Hashable):
            raise yaml.constructor.ConstructorError(
                None, None, f"a key must be a text or a number, found {type(key).__name__}", key_node.start_mark)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"key {key!r} appears twice", key_node.start_mark)
        seen.add(key)
    loader.flatten_mapping(node)  # the merged keys first, then the mapping's own: the own ones win
    mapping = loader.construct_mapping(node, deep=deep)
    if isinstance(loader, _RubricLoader):
        loader.note_written(mapping, ((loader.construct_object(k, deep=deep), v) for k, v in node.value))
    return mapping


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_duplicates)


class _Blank:
    """A value written as nothing (``max:``, ``max: ~``, ``max: null``). YAML reads it as None, the very value a key
    left out gives; the reader gets this instead, so a blank is never taken for "not given" and every reader refuses
    it as a value of the wrong kind (then said as "max is empty")."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "None"


BLANK = _Blank()


#: The most values (texts, numbers, lists and mappings) a rubric may hold, counting each alias (``*name``) as all it
#: stands for. A rubric holds a few hundred; a few lines of aliases, each a list of ten of the one before, hold
#: billions ("billion laughs"), and reading them would tie up the app's server for everyone.
MAX_RUBRIC_VALUES = 100_000


class _TooManyValues(Exception):
    """The YAML holds more than :data:`MAX_RUBRIC_VALUES` values once its aliases are expanded; ``mark``: where the
    first list or mapping that does so starts."""

    def __init__(self, mark: yaml.Mark):
        super().__init__(mark)
        self.mark = mark


#: The most lists and mappings a rubric's value may lie in. A rubric nests a few levels (a criterion's tiers' labels:
#: six); a hostile one nests thousands, which Python's recursion limit stopped without saying where.
MAX_RUBRIC_DEPTH = 64


class _TooDeep(_TooManyValues):
    """The YAML nests deeper than :data:`MAX_RUBRIC_DEPTH`; ``mark``: where the list or mapping one level too deep
    starts."""


def _count_values(root: yaml.Node) -> None:
    """Raise :class:`_TooManyValues` at the innermost list or mapping that holds more than :data:`MAX_RUBRIC_VALUES`
    values with its aliases expanded. Each node is counted once (an alias shares its anchor's node), so this takes
    time in the size of the file, not of what it expands to; a list that holds itself (``&a [*a]``) never ends."""
    sizes: dict[int, int] = {}

    def size(node: yaml.Node) -> int:
        if isinstance(node, yaml.ScalarNode):
            return 1
        if id(node) in sizes:
            return sizes[id(node)]
        sizes[id(node)] = MAX_RUBRIC_VALUES + 1  # while it is counted: met again inside itself, it is endless
        children = node.value if isinstance(node, yaml.SequenceNode) else [n for pair in node.value for n in pair]
        total = 1
        for child in children:
            total += size(child)
            if total > MAX_RUBRIC_VALUES:
                raise _TooManyValues(node.start_mark)
        sizes[id(node)] = total
        return total

    size(root)


class _RubricLoader(_UniqueKeyLoader):
    """The rubric's loader: :class:`_UniqueKeyLoader` with every blank value read as :data:`BLANK` (and ``op: >``
    alone on its line as :class:`_EmptyFolded`), refusing a document that aliases make huge."""

    def __init__(self, stream: str):
        super().__init__(stream)
        # For each list and mapping (by id), the values YAML read as other than text from a scalar written without
        # quotes (`010` as 8, `No` as false): the text as written and its line, by key or index.
        self.written: dict[int, dict[Any, tuple[str, int]]] = {}
        self.depth = 0  # the lists and mappings the node being composed lies in (compose_node)

    def construct_document(self, node: yaml.Node) -> Any:
        _count_values(node)
        return super().construct_document(node)

    def compose_sequence_node(self, anchor: Any) -> yaml.SequenceNode:  # (the stubs say a dict; YAML passes a name)
        """A list, as YAML composes it, refused as :class:`_TooDeep` where it lies more than :data:`MAX_RUBRIC_DEPTH`
        lists or mappings deep (a count kept on the way, by lists and mappings alone: a rubric does not notice it),
        so the refusal names its line; Python's own limit stopped it hundreds of levels deeper, saying nowhere."""
        self.deeper()
        node = super().compose_sequence_node(anchor)
        self.depth -= 1
        return node

    def compose_mapping_node(self, anchor: Any) -> yaml.MappingNode:
        """A mapping, as YAML composes it, refused as a list is where it lies too deep."""
        self.deeper()
        node = super().compose_mapping_node(anchor)
        self.depth -= 1
        return node

    def deeper(self) -> None:
        """One level deeper (an error ends the load, so no level is counted back then)."""
        self.depth += 1
        if self.depth > MAX_RUBRIC_DEPTH:
            raise _TooDeep(self.peek_event().start_mark)

    def note_written(self, container: list | dict, items: Iterable[tuple[Any, yaml.Node]]) -> None:
        """Keep what was written for each plain scalar in ``container`` that YAML read as other than text; a later
        key replaces an earlier one, as in the mapping."""
        notes = {}
        for key, node in items:
            if (isinstance(node, yaml.ScalarNode) and node.style is None
                    and node.tag not in (_TEXT_TAG, "tag:yaml.org,2002:null")):
                notes[key] = (node.value, node.start_mark.line + 1)
            else:
                notes.pop(key, None)
        if notes:
            self.written[id(container)] = notes


def _sequence(loader: _RubricLoader, node: yaml.SequenceNode) -> Iterator[list]:
    """A list, with what was written for its items (:meth:`_RubricLoader.note_written`)."""
    items: list = []
    yield items
    items.extend(loader.construct_sequence(node))
    loader.note_written(items, enumerate(node.value))


_RubricLoader.add_constructor("tag:yaml.org,2002:seq", _sequence)


_RubricLoader.add_constructor("tag:yaml.org,2002:null", lambda loader, node: BLANK)


class _ZeroPadded(int):
    """An integer YAML 1.1 read from digits written with a leading zero, as an octal number (``01200000`` as 327,680,
    ``030`` as 24); ``written`` keeps the digits, which a number of the rubric's own is read as (hostile8 H8-2: a
    budget ceiling of 01200000 had made every bid invalid, silently). A text written so is refused by what was written
    (:meth:`_RubricReader.texts_unquoted`), this value being YAML's."""

    written: str


_LEADING_ZERO = re.compile(r"[-+]?0[0-9_]+")


class _OtherBase:
    """A number YAML 1.1 read from a spelling other than decimal digits: base 60 (``4:00`` as 240, ``1:30`` as 90,
    hours written as on a clock), hexadecimal (``0x1E3660`` as 1,980,000) or binary (``0b111`` as 7). No number of
    the rubric is read so written (hostile9 H9-4: a 4-hour gate written ``4:00`` had passed a 72-hour answer,
    silently): :meth:`_RubricReader.plain` refuses it, saying what YAML made of it. A text so written is refused by
    what was written, asking for quotes, this value being YAML's. Digits grouped by ``_`` (``1_980_000``) are decimal
    and read as written, not refused."""

    written: str
    line: int
    base: int
    read: Decimal  # what YAML made of it


class _OtherBaseInt(_OtherBase, int):
    """:class:`_OtherBase` read as an integer (``1:30``, ``0x1F``, ``0b111``)."""


class _OtherBaseFloat(_OtherBase, float):
    """:class:`_OtherBase` read as a float (``1:30.5``, base 60 with a fraction)."""


def _base_of(written: str) -> int:
    """The base YAML 1.1 reads a plain number in: 60 with a colon, 16 after ``0x``, 2 after ``0b``, else 10."""
    if ":" in written:
        return 60
    digits = written.lstrip("+-")
    return {"0x": 16, "0b": 2}.get(digits[:2], 10)


def _spelled(value: Any, node: yaml.ScalarNode, cls: type[_OtherBase]) -> Any:
    """``value`` as YAML read it, kept as :class:`_OtherBase` (with what was written) when its base is not 10."""
    base = _base_of(node.value)
    if base == 10:
        return value
    spelled = cls(value)  # type: ignore[call-arg]
    spelled.written, spelled.line, spelled.base = node.value, node.start_mark.line + 1, base
    spelled.read = to_decimal(value)
    return spelled


def _too_long(node: yaml.ScalarNode) -> yaml.constructor.ConstructorError:
    """A number with more digits than Python makes an integer of (4,300), or a float of (it overflows): a YAML error on
    its line, not a traceback nor infinity."""
    return yaml.constructor.ConstructorError(
        None, None, f"a number of {len(node.value):,} characters is far longer than any figure of a rubric",
        node.start_mark)


class _ExactFloat(float):
    """A decimal YAML read as a float that keeps fewer digits than were written (``6048000.123456789012345`` as
    6048000.123456789): its ``repr`` and ``str`` are the digits written, so every reader of the rubric, which goes
    through them to a Decimal (:func:`~bideval.values.to_decimal`), reads the number written."""

    written: str

    def __repr__(self) -> str:
        return self.written

    __str__ = __repr__


class _Huge:
    """A plain number of :data:`~bideval.values.LARGEST` or more either side of 0 (a budget ceiling of 3,000 digits),
    with its ``line`` and the digits ``written``: :meth:`_RubricReader.number` refuses it there, as a bid's amount of
    that size is refused at its cell (Excel keeps 15 digits, and no figure of a tender comes near it)."""

    written: str
    line: int

    def __repr__(self) -> str:
        return self.written

    __str__ = __repr__


class _HugeInt(_Huge, int):
    """:class:`_Huge` read as an integer."""


class _HugeFloat(_Huge, float):
    """:class:`_Huge` read as a float (``1e20`` written ``1.0e+20``, or digits with a point)."""


_Marked = TypeVar("_Marked", bound=_Huge)


def _huge(huge: _Marked, node: yaml.ScalarNode) -> _Marked:
    """``huge`` with what was written and its line."""
    huge.written, huge.line = node.value, node.start_mark.line + 1
    return huge


def _integer(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    try:
        value = loader.construct_yaml_int(node)
    except ValueError:
        raise _too_long(node) from None
    if abs(value) >= LARGEST:
        return _huge(_HugeInt(value), node)
    if _LEADING_ZERO.fullmatch(node.value):
        padded = _ZeroPadded(value)
        padded.written = node.value
        return padded
    return _spelled(value, node, _OtherBaseInt)


def _float(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> float:
    value = loader.construct_yaml_float(node)
    digits = node.value.replace("_", "")
    if _PLAIN_NUMBER.fullmatch(digits):  # decimal digits: the number written, exactly
        if math.isinf(value):
            raise _too_long(node)
        if abs(value) >= LARGEST:
            return _huge(_HugeFloat(value), node)
        if Decimal(digits) != Decimal(repr(value)):
            exact = _ExactFloat(value)
            exact.written = digits
            return exact
    return _spelled(value, node, _OtherBaseFloat)


_RubricLoader.add_constructor("tag:yaml.org,2002:int", _integer)
_RubricLoader.add_constructor("tag:yaml.org,2002:float", _float)


class _EmptyFolded(str):
    """The empty text YAML reads from ``op: >`` on a line of its own (a comparison not in quotes, read as a folded
    text with nothing in it). It is the empty text to every reader; it carries the slip (``write ">"``), so the
    message refusing it says what to write, as the parser's error does for ``{op: >}``."""

    slip: dict[str, Any]


class _HugeText(_Huge, str):
    """:class:`_Huge` written as a text (``budget_ceiling: "999…"``, or ``1e30``, which YAML reads as a text): a
    number quoted is still the number (:meth:`_RubricReader.number`), refused on its line as the plain one is, and
    quoted as the text it is."""

    __repr__ = str.__repr__
    __str__ = str.__str__


def _beyond_largest(plain: str) -> bool:
    """Whether a number written as text (:data:`_PLAIN_NUMBER`) lies :data:`~bideval.values.LARGEST` or more either
    side of 0: an exponent past what a Decimal holds too (``1e99999999999999999999``, a traceback), not one below it.

    >>> _beyond_largest("1" + "0" * 15), _beyond_largest("-999999999999999.9"), _beyond_largest("1e99999999999999999999")
    (True, False, True)
    """
    try:
        return Decimal(plain).copy_abs() >= LARGEST
    except InvalidOperation:
        return "e-" not in plain.casefold()


def _text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> str:
    """A text as YAML reads it; an empty folded one whose line holds a reserved character, with its slip; a number of
    :data:`~bideval.values.LARGEST` or more written as a text, with its line (:class:`_HugeText`)."""
    text = loader.construct_scalar(node)
    if _PLAIN_NUMBER.fullmatch(plain := normalise(text).strip()) and not odd_digits(text) and _beyond_largest(plain):
        return _huge(_HugeText(text), node)
    mark, buffer = node.start_mark, node.start_mark.buffer
    if text or node.style != ">" or not buffer:
        return text
    lines = buffer.splitlines()
    slip = reserved_value(lines, mark.line, mark.column) if mark.line < len(lines) else {}
    if not slip:
        return text
    empty = _EmptyFolded()
    empty.slip = slip
    return empty


_RubricLoader.add_constructor("tag:yaml.org,2002:str", _text)


MAX_RUBRIC_BYTES = 2 * 1024 * 1024  # a rubric is a few kilobytes of YAML; a file this large is not one


def load_rubric(path: str | Path) -> Rubric:
    """Read and check a rubric YAML file."""
    path = Path(path)
    try:
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode):  # a device or a pipe would be read forever
            raise RubricError([Problem.of("rubric.not_a_file", str(path), folder=stat.S_ISDIR(mode))])
        with open(path, "rb") as handle:
            data = handle.read(MAX_RUBRIC_BYTES + 1)
    except OSError as error:
        raise RubricError([Problem.of("rubric.cannot_read", str(path), detail=error.strerror)]) from None
    return parse_rubric(data, str(path))


def parse_rubric(data: bytes | str, source: str) -> Rubric:
    """Check a rubric given as YAML text; ``source`` names it in messages (and the Audit sheet: :func:`shown_name`)."""
    source = shown_name(source)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if len(raw) > MAX_RUBRIC_BYTES:
        raise RubricError([Problem.of("rubric.too_large", source, limit=MAX_RUBRIC_BYTES)])
    try:
        text = raw.decode("utf-8-sig")
        loader = _RubricLoader(text)
        try:
            document = loader.get_single_data()
        finally:
            loader.dispose()
    except UnicodeDecodeError as error:
        raise RubricError([Problem.of("rubric.not_utf8", source, **_not_utf8(raw, error))]) from None
    except yaml.reader.ReaderError as error:  # a control character (NUL, BEL …): said on its line, not at its offset
        line, column = _line_and_column(text, error.position)
        raise RubricError([Problem.of("rubric.not_yaml", source, line=line, column=column,
                                      detail=f"a control character U+{error.character:04X} is not allowed in YAML"
                                      if isinstance(error.character, int) else str(error.reason))]) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        key_mark = getattr(error, "context_mark", None)
        if "simple key" in (getattr(error, "context", None) or "") and key_mark is not None:
            mark = key_mark  # `max:20` or `kind： x`: the key's own line, not the next one YAML stopped at
        problem = getattr(error, "problem", None) or str(error)
        raise RubricError([Problem.of("rubric.not_yaml", source, line=mark.line + 1 if mark else None,
                                      column=mark.column + 1 if mark else None, detail=problem,
                                      **_typing_slips(text, error))]) from None
    except RecursionError:  # (aliases of aliases, each under the limit, nesting deeper than Python recurses)
        raise RubricError([Problem.of("rubric.too_deep", source, line=None, column=None,
                                      limit=MAX_RUBRIC_DEPTH)]) from None
    except _TooDeep as deep:
        raise RubricError([Problem.of("rubric.too_deep", source, line=deep.mark.line + 1, column=deep.mark.column + 1,
                                      limit=MAX_RUBRIC_DEPTH)]) from None
    except _TooManyValues as huge:
        raise RubricError([Problem.of("rubric.too_many_values", source, line=huge.mark.line + 1,
                                      column=huge.mark.column + 1, limit=MAX_RUBRIC_VALUES)]) from None
    if document is None:  # nothing but blanks and comments: YAML reads no document at all
        raise RubricError([Problem.of("rubric.empty_file", source)])
    reader = _RubricReader(source, loader.written)
    rubric = reader.read(document)
    if reader.problems or rubric is None:
        raise RubricError(reader.problems)
    return replace(rubric, source=source, sha256=hashlib.sha256(raw).hexdigest(),
                   text_sha256=rubric_text_sha256(text))


def _line_and_column(text: str, position: int) -> tuple[int, int]:
    """The line and column (from 1) of the character at ``position`` of ``text``."""
    line_start = text.rfind("\n", 0, position) + 1
    return text.count("\n", 0, position) + 1, position - line_start + 1


def _not_utf8(raw: bytes, error: UnicodeDecodeError) -> dict[str, Any]:
    """Where a rubric's bytes stop being UTF-8 (line, column, the bytes found there) and the encoding it was likely
    saved in: UTF-16 after its byte-order mark, or GBK (GB18030, Notepad's 'ANSI' on a Chinese Windows) when the whole
    file reads so with Chinese in it; None when neither."""
    start = error.start
    line_start = raw.rfind(b"\n", 0, start) + 1
    line, column = raw.count(b"\n", 0, start) + 1, len(raw[line_start:start].decode("utf-8", "replace")) + 1
    saved_as = None
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        saved_as = "UTF-16"
    else:
        try:
            saved_as = "GBK" if re.search(r"[\u4e00-\u9fff]", raw.decode("gb18030")) else None
        except UnicodeDecodeError:
            pass
    return {"line": line, "column": column, "found": raw[start:max(error.end, start + 1)][:4], "saved_as": saved_as}


#: Full-width punctuation a Chinese input method types where YAML needs the ASCII character, and that character.
FULL_WIDTH = {"，": ",", "：": ":", "［": "[", "］": "]", "（": "(", "）": ")", "｛": "{", "｝": "}", "；": ";",
              "\u3000": " "}


def declared_rubric_id(data: bytes | str) -> str | None:
    """The ``id`` a rubric's YAML declares, read without checking anything else (None when it cannot be told): what
    names a stored rubric this version's reader refuses."""
    try:
        loaded = yaml.safe_load(data)
    except (yaml.YAMLError, UnicodeDecodeError, ValueError):
        return None
    declared = loaded.get("id") if isinstance(loaded, dict) else None
    return declared if isinstance(declared, str) and declared.strip() else None


def full_width_in(text: str) -> tuple[str, ...]:
    """The full-width punctuation of :data:`FULL_WIDTH` in ``text``, each once, in order.

    >>> full_width_in("kind： judged，max")
    ('：', '，')
    """
    return tuple(dict.fromkeys(ch for ch in text if ch in FULL_WIDTH))


def _typing_slips(text: str, error: yaml.YAMLError) -> dict[str, Any]:
    """What likely broke the YAML, as facts for its message: full-width punctuation on the lines the error points at
    (the line it names, the one before, where ``kind：`` or an unclosed ``{`` usually is, and up to the flow mapping
    it was reading), or a tab."""
    marks = [m for m in (getattr(error, "context_mark", None), getattr(error, "problem_mark", None)) if m is not None]
    if not marks:
        return {}
    lines = text.splitlines()
    last = min(marks[-1].line, len(lines) - 1)
    first = max(0, last - 4, min([m.line for m in marks] + [last - 1]))
    facts: dict[str, Any] = {}
    for number in range(last, first - 1, -1):  # the nearest line first
        found = full_width_in(lines[number])
        if found:
            facts.update(full_width=found, full_width_line=number + 1)
            break
    tabbed = [lines[n] for n in range(last, first - 1, -1) if "\t" in lines[n]]  # the nearest line first
    if tabbed or "\\t" in str(getattr(error, "problem", "")):
        # in the indentation (`\tkind: x`), or between a key and its value (`kind:\tlinear`), which is no indent
        line = tabbed[0] if tabbed else ""
        facts["tab"] = "space" if tabbed and "\t" not in line[:len(line) - len(line.lstrip())] else "indent"
    return facts or syntax_slip(lines, error, KEYWORDS)


# What a value refused by each code must be, for the message that says it was left blank (bideval.messages
# words each in both languages), and the name of the key when the code's facts do not carry it.
_BLANK_EXPECTED = {
    "not_number": "number", "not_finite": "number", "out_of_range": "number", "not_whole": "whole",
    "not_text": "text", "not_text_value": "plain_text", "tender_number": "plain_text", "example_empty": "plain_text",
    "unknown_choice": "choice", "not_mapping": "mapping", "not_slug": "slug", "group_id": "slug",
    "sme_category_id": "field_id", "not_bool": "bool", "unknown_field": "field", "condition_field": "field",
    "currency_unknown": "currency", "not_list": "list", "caps_not_list": "list", "groups_not_list": "list",
    "models_not_list": "list", "cap_criteria": "list", "points_too_few": "points",
}
_BLANK_KEY = {"unknown_field": "field", "condition_field": "field", "group_id": "id", "sme_category_id": "id",
              "models_not_list": "models", "cap_criteria": "criteria", "example_empty": "example",
              "points_too_few": "points"}
# Codes whose key or value found is a word of the format (a key, a kind, a number), where full-width punctuation is
# a typing slip; not texts such as labels, where it is Chinese punctuation.
_SLIP_CODES = {"unknown_key", "unknown_choice", "not_number", "not_whole", "not_slug", "unknown_field",
               "condition_field", "point_not_pair", "points_too_few", "value_type", "not_list", "not_mapping"}


# The codes refusing a value that is no number, and what each expected (a field's own words for a condition's value):
# a yes or no YAML read there (`max: on`) is said as such, whatever reader refused it.
_NUMBER_EXPECTED = {"not_number": "number", "not_whole": "whole", "value_type": "field"}


def _yes_no_facts(code: str, facts: Mapping[str, Any]) -> dict[str, Any]:
    """The facts of ``rubric.yes_no`` for a problem ``code`` whose value YAML read as a yes or no: what it is, the
    yes or no, what was expected (``minimum`` of a whole number; the field and its expectation for a condition)."""
    kept = {key: facts[key] for key in ("what", "minimum", "field_id") if key in facts}
    expected = facts["expected"] if code == "value_type" else _NUMBER_EXPECTED[code]
    return {**kept, "found": facts["found"], "expected": expected}


def _blank_facts(code: str, facts: Mapping[str, Any]) -> dict[str, Any]:
    """The facts of ``rubric.empty`` for a problem ``code`` whose value was blank: what is empty, what it should be."""
    what = facts.get("what") or _BLANK_KEY.get(code)
    expected = "condition" if what == "when" else _BLANK_EXPECTED.get(code, "value")
    out: dict[str, Any] = {"what": what, "expected": expected}
    for key in ("choices", "minimum"):
        if key in facts:
            out[key] = facts[key]
    return out


def _unblank(value: Any) -> Any:
    """A fact with every :data:`BLANK` inside it as None, as YAML itself reads it (a problem's data stays plain)."""
    if value is BLANK:
        return None
    if isinstance(value, _EmptyFolded):
        return ""
    if type(value) is dict:
        return {_unblank(k): _unblank(v) for k, v in value.items()}
    if type(value) in (list, tuple):
        return type(value)(_unblank(v) for v in value)
    return value


def _split_by_comma(node: Any) -> tuple[str, str] | None:
    """A text in ``{zh: …, en: …}`` that a ``,`` cut short, YAML reading the rest as keys without values
    (``{zh: ISO9001, en: ISO 9001, quality}``): the text as written and the mapping with it quoted; else None.

    >>> _split_by_comma({"zh": "ISO9001", "en": "ISO 9001", "quality": BLANK})
    ('ISO 9001, quality', '{zh: ISO9001, en: "ISO 9001, quality"}')
    """
    if not isinstance(node, Mapping) or not node or next(iter(node)) not in ("zh", "en"):
        return None
    texts: dict[str, list[str]] = {}
    for key, value in node.items():
        if key in ("zh", "en") and isinstance(value, str):
            texts[key] = [value]
        elif isinstance(key, str) and value is BLANK and texts:
            texts[list(texts)[-1]].append(key)
        else:
            return None
    cut = [", ".join(parts) for parts in texts.values() if len(parts) > 1]
    if not cut:
        return None
    written = ", ".join(f'{lang}: "{", ".join(parts)}"' if len(parts) > 1 else f"{lang}: {parts[0]}"
                        for lang, parts in texts.items())
    return cut[0], "{" + written + "}"


def _enum_labels(cls: type[enum.Enum]) -> Mapping[Any, Label]:
    """What each value of a closed vocabulary of the format is called in words (``低价优先法`` for lowest_ratio). Only
    a word the format does not know is looked up: the rubric's words are imported then, not with every rubric read."""
    from .rubric_view import AGGREGATE_LABELS, KIND_LABELS, METHOD_LABELS

    labels: dict[type[enum.Enum], Mapping[Any, Label]] = {
        PriceMethod: METHOD_LABELS, Kind: KIND_LABELS, Aggregate: AGGREGATE_LABELS, Base: BASE_LABELS,
        PricingModel: {m: m.label for m in PricingModel}, ProcurementObject: {o: o.label for o in ProcurementObject}}
    return labels.get(cls, {})


def _meant(node: Any, cls: type[enum.Enum], choices: tuple[str, ...]) -> tuple[str, ...]:
    """The values an unknown word of a vocabulary likely stands for: the operator a sign means (``≤`` for ``<=``), the
    value a name in words has (``低价优先法`` for lowest_ratio, with or without what its name adds in brackets), or
    the value in other letters (``Trimmed Mean``).

    >>> _meant("低价优先法", PriceMethod, ()), _meant("基准价偏差法", PriceMethod, ()), _meant("≥", Op, (">=",))
    (('lowest_ratio',), ('benchmark_deviation', 'deviation'), ('>=',))
    """
    if not isinstance(node, str) or not node.strip():
        return ()
    if cls is Op:
        sign = operator_slip(node, choices)
        return (sign,) if sign else ()
    wanted = fold(node)
    out = []
    for member, label in _enum_labels(cls).items():
        names = {fold(text) for text in (label.zh, label.en)}
        names |= {_unbracketed(name) for name in names}  # 扣分项（从本组小计扣除）: 扣分项
        if wanted in names or _unbracketed(wanted) in names or re.sub(r"[\s-]+", "_", wanted) == member.value:
            out.append(str(member.value))
    return tuple(out)


def _unbracketed(name: str) -> str:
    """A name without the bracketed addition at its end: any addition, as an older label's (扣分项（从总分扣除）)."""
    return re.sub(r"\s*[(（].*[)）]$", "", name)


def _percent_share(node: Any) -> Decimal | None:
    """``60%`` (or ``60 %``) as the share 0.60, exactly; None for anything else (a bare number is not a percent).

    >>> _percent_share("62.5%"), _percent_share("10 %"), _percent_share("0.1"), _percent_share("十%")
    (Decimal('0.625'), Decimal('0.10'), None, None)
    """
    if not isinstance(node, str) or odd_digits(node):
        return None
    text = normalise(node).strip()
    digits = text[:-1].rstrip() if text.endswith("%") else None
    return Decimal(digits).scaleb(-2) if digits is not None and _PLAIN_NUMBER.fullmatch(digits) else None


def _clock_reading(written: str, read: Decimal) -> dict[str, Any]:
    """A base-60 field value written as hours and minutes on a clock (``1:30``, read as 90): the ``hours`` (to 4
    places, ``about`` when rounded) and the ``minutes`` (what YAML read), for the hint refusing it; nothing for
    another spelling (``33:00:00``).

    >>> _clock_reading("1:30", Decimal(90)), _clock_reading("1:20", Decimal(80))["about"]
    ({'hours': Decimal('1.5000'), 'about': False, 'minutes': Decimal('90')}, True)
    """
    if written.count(":") != 1:
        return {}
    hours = round_half_up(read / 60, 4)
    return {"hours": hours, "about": hours * 60 != read, "minutes": read}


class _RubricReader:
    """Builds a Rubric from parsed YAML, collecting every problem on the way."""

    def __init__(self, source: str, written: Mapping[int, Mapping[Any, tuple[str, int]]] | None = None):
        self.source = source
        self._written = written or {}  # see _RubricLoader.written
        self.problems: list[Problem] = []
        self.currency = "CNY"  # the rubric's, once read: money fields and values are read in it
        self.decimals: int | None = 2  # the rubric's, once read: a tiered criterion's scores are rounded to them
        self.kinds: dict[str, Kind | None] = {}  # every criterion id in the document and its kind
        self.kinds_listed: list[Kind | None] = []  # the kind of every criterion listed, whatever its id (None: unread)
        # Whether every criterion listed was built, each under its own id: only then do the maxima say what the full
        # marks are (a refused criterion left out of the sum made `total` look wrong on a correct rubric).
        self.criteria_read = False
        # Fields declared with a good id but refused for a mistake of their own (`type: int`): a criterion naming one
        # is left out without a line of its own, since "unknown field" would be false (the field's line says why).
        self.refused_fields: set[str] = set()
        self.waiting = 0  # how many times a criterion's part was left unread for a refused field

    # -- reporting
    def fail_as(self, where: str | None, code: str, **facts: Any) -> None:
        """Record a problem by its code (``rubric.<code>`` in bideval.messages, which words it in both languages);
        ``where`` names the criterion, field or key it belongs to (``top``/None: the document).

        A value refused because it is blank is said as such (``max is empty: expected a number``), whatever reader
        refused it; a key or a word with full-width punctuation (``kind：``) carries it for a hint."""
        if any(value is BLANK for value in facts.values()):
            code, facts = "empty", _blank_facts(code, facts)
        elif code in _NUMBER_EXPECTED and isinstance(facts.get("found"), bool):  # `max: on`: YAML's yes, not a number
            code, facts = "yes_no", _yes_no_facts(code, facts)
        for value in list(facts.values()):
            if isinstance(value, _EmptyFolded):  # `op: >`: what to write instead
                facts = {**value.slip, **facts}
        facts = {key: _unblank(value) for key, value in facts.items()}
        if code in _SLIP_CODES:
            slips = full_width_in("".join(str(facts.get(key, "")) for key in ("key", "found")))
            if slips:
                facts["full_width"] = slips
        if code == "unknown_key" and isinstance(facts.get("key"), str):  # {…, max:20}: one key YAML read as `max:20`
            glued = re.fullmatch(r"([A-Za-z_][A-Za-z0-9_]*):(\S.*)", facts["key"])
            if glued and glued.group(1) in facts.get("allowed", ()):
                facts["no_space"] = f"{glued.group(1)}: {glued.group(2)}"
        self.problems.append(Problem.of(f"rubric.{code}", self.source, where=where, **facts))

    def keys(self, where: str | None, node: Mapping, allowed: set[str], required: Iterable[str] = ()) -> None:
        """Refuse each key not ``allowed`` and each ``required`` one missing. A key that is an allowed one but for
        spaces or invisible characters YAML kept in it (``\xa0max``, ``max\u200b``, a full-width space) is said
        once, as that key so written; its value is then read as that key's (the rubric is refused all the same), so
        nothing says the key is missing or what hangs on it."""
        meant_keys = {}
        for key in node:
            if key not in allowed:
                meant = _key_meant(key, allowed)
                facts = {"meant": meant[0], "odd": meant[1]} if meant else {}
                self.fail_as(where, "unknown_key", key=key, allowed=tuple(sorted(allowed)), **facts)
                if meant and meant[0] not in node:
                    meant_keys[meant[0]] = key
        if meant_keys and isinstance(node, dict):
            node.update((meant, node[key]) for meant, key in meant_keys.items())
        for key in required:
            if key not in node:
                self.fail_as(where, "missing_key", key=key)

    def mapping(self, where: str | None, node: Any, what: str) -> Mapping | None:
        if not isinstance(node, Mapping):
            self.fail_as(where, "not_mapping", what=what, found=node if node is BLANK else type(node).__name__)
            return None
        return node

    def written(self, container: Any, key: Any) -> tuple[str, int] | None:
        """What was written, and on which line, for ``container[key]`` when YAML read that scalar, written without
        quotes, as other than text (``010`` as 8, ``No`` as false); None for a text, a quoted value or a list."""
        return self._written.get(id(container), {}).get(key)

    def id_text(self, container: Any, key: str | int, owner: str | None = None) -> Any:
        """``container[key]`` (a mapping's key or a list's index), an id: plain digits YAML read as a number
        (``id: 2026``) as the text written, as every text of the rubric reads them. Written without quotes and read by
        YAML as something else (``2026-01-05`` a date, ``no`` false, ``010`` the number 8, ``1.50`` 1.5), it is
        refused asking for quotes, as a text field's condition is, on the line of ``owner`` (``criterion``: the
        criterion of that id; None: the document), and the text written is returned, so that the id's own checks
        judge what was written and say nothing more of a slip already told. Anything else as it is."""
        node = container.get(key) if isinstance(container, Mapping) else container[key] \
            if isinstance(container, list) and isinstance(key, int) else None
        written = self.written(container, key) if node is not None else None
        if written is None:
            return node
        if not _not_as_written(node, written):
            return str(node)
        what = key if isinstance(key, str) else "id"
        where = f"{owner} {written[0]!r}" if owner is not None and key == "id" else owner
        self.unquoted(where, what, written, node, fix=f"{what}: '{written[0]}'" if isinstance(key, str)
                      else f"'{written[0]}'")
        return written[0]

    def unquoted(self, where: str | None, what: str, written: tuple[str, int], read: Any, fix: str,
                 **facts: Any) -> None:
        """Refuse a value that should be a text and that YAML read, written without quotes, as something else:
        quote what was written and how to write it (``fix``)."""
        self.fail_as(where, "needs_quotes", what=what, written=(written[0],), line=written[1], read=(read,), fix=fix,
                     **facts)

    def texts_unquoted(self, where: str, target: Field, values: list, written: list[tuple[str, int] | None],
                       in_list: bool) -> bool:
        """Whether a text or choice field's condition ``values`` hold one that YAML read, written without quotes, as
        other than the text written: a bool (``NO``), a float (``1.50``, ``.nan``), a date or time (``2026-01-05``,
        stored as ISO text no bidder writes for the time), or a number not written as its plain digits (``010``, ``0x1F``, ``2026_018``, ``1:30``); then refused, asking for quotes. Plain digits YAML
        keeps as written (``20260018``) are the text of those digits."""
        if target.type not in (FieldType.TEXT, FieldType.CHOICE):
            return False
        slips = {i: text for i, (value, text) in enumerate(zip(values, written))  # a date's str is as written
                 if text is not None and _not_as_written(value, text)}
        if not slips:
            return False

        def shown(index: int) -> str:  # every item quoted, so copying the fix keeps ["a, b", 010] two items
            text, value = written[index], values[index]
            return quoted(text[0] if text else str(value))

        fix = "value: [" + ", ".join(shown(i) for i in range(len(values))) + "]" if in_list else f"value: {shown(0)}"
        self.fail_as(where, "needs_quotes", what="value", field_id=target.id,
                     written=tuple(text for text, _ in slips.values()), line=next(iter(slips.values()))[1],
                     read=tuple(values[i] for i in slips), fix=fix)
        return True

    def label(self, where: str | None, parent: Mapping, key: str, what: str) -> Label | None:
        """``parent[key]``: a text in both languages, or in one (``{zh: 技术部分}``, or plain text): then shown as
        given in both UIs."""
        node = parent.get(key)
        if node is None:
            return None
        if isinstance(node, str) and node.strip():
            return Label(node.strip(), node.strip())
        written = self.written(parent, key)
        if written is not None:  # `name: 2024`, `label: No`
            self.unquoted(where, what, written, node, f"{key}: {quoted(written[0])}")
            return None
        if isinstance(node, Mapping) and node and set(node) <= {"zh", "en"}:
            texts = {lang: self.written(node, lang) for lang in node}
            slips = [(lang, text) for lang, text in texts.items() if text is not None]
            if slips:  # {zh: 许可证, en: No}, {zh: 1:30, …}
                fix = ", ".join(f"{lang}: {quoted(text[0] if text else str(node[lang]))}"
                                for lang, text in texts.items())
                self.unquoted(where, f"{what} {slips[0][0]}", slips[0][1], node[slips[0][0]], f"{key}: {{{fix}}}")
                return None
        split = _split_by_comma(node)
        if split is not None:  # {zh: ISO9001, en: ISO 9001, quality}: the ',' ended the text, `quality` became a key
            self.fail_as(where, "text_comma", what=what, text=split[0], fix=split[1])
            return None
        if not isinstance(node, Mapping) or not node or not set(node) <= {"zh", "en"} or not all(
                isinstance(v, str) and v.strip() for v in node.values()):
            self.fail_as(where, "not_text", what=what, found=node)
            return None
        zh, en = node.get("zh", node.get("en")), node.get("en", node.get("zh"))
        return Label(zh.strip(), en.strip())

    def plain(self, where: str | None, node: Any, what: str, answer: bool = False) -> Any:
        """``node`` as every number of the rubric is read: digits written with a leading zero as those decimal digits
        (``01200000``, not YAML 1.1's octal 327,680: hostile8 H8-2); one YAML read in base 60, 16 or 2 (``4:00`` as
        240) refused, saying what YAML made of it (:class:`_OtherBase`), and None returned; anything else as it is.
        ``answer``: a value compared with a field's answer, which a ``4:00`` gives as hours or minutes in the hint."""
        if isinstance(node, _ZeroPadded):
            return int(node.written.replace("_", ""), 10)
        if isinstance(node, _OtherBase):
            self.fail_as(where, "not_decimal", what=what, written=node.written, line=node.line, base=node.base,
                         read=node.read,
                         **(_clock_reading(node.written, node.read) if answer and node.base == 60 else {}))
            return None
        return node

    def number(self, where: str | None, node: Any, what: str, *, positive: bool = False, non_negative: bool = False,
               at_most: Decimal | None = None, below: Decimal | None = None, share: bool = False,
               money: bool = False) -> Decimal | None:
        """A number of the rubric's own; ``share``: a share or rate, which may also be written ``10%`` (0.10);
        ``money``: an amount in the tender's currency, refused written in 万 with the yuan to write."""
        node = self.plain(where, node, what)
        if node is None:
            return None
        if share and (percent := _percent_share(node)) is not None:
            value = percent  # as pass_mark: 10% is 0.10 exactly
        elif isinstance(node, _HugeText):
            value = LARGEST  # (its digits, or an exponent past a Decimal's: refused below, as written, on its line)
        elif isinstance(node, str) and _PLAIN_NUMBER.fullmatch(normalise(node).strip()) and not odd_digits(node):
            try:
                value = Decimal(normalise(node).strip())  # "40" as 40: a number quoted is still the number
            except InvalidOperation:  # 1e-99999999999999999999: an exponent past a Decimal's (a traceback)
                self.fail_as(where, "not_number", what=what, found=node)
                return None
        elif isinstance(node, bool) or not isinstance(node, (int, float)):
            self.fail_as(where, "not_number", what=what, found=node, **(self.in_yuan(node) if money else {}))
            return None
        else:
            value = to_decimal(node)
        if not value.is_finite():
            self.fail_as(where, "not_finite", what=what, found=node)
            return None
        if abs(value) >= LARGEST:  # the one bound of a bid's amounts (values.LARGEST), on the line of a plain number
            written = str(node)
            self.fail_as(where, "beyond_largest", what=what, found=node, line=getattr(node, "line", None),
                         digits=None if "e" in written.lower() else sum(map(str.isdigit, written)), largest=LARGEST)
            return None
        if positive and value <= 0:
            self.fail_as(where, "out_of_range", what=what, rule="positive", found=node)
        elif non_negative and value < 0:
            self.fail_as(where, "out_of_range", what=what, rule="non_negative", found=node)
        elif at_most is not None and value > at_most:
            self.fail_as(where, "out_of_range", what=what, rule="at_most", bound=at_most, found=node)
        elif below is not None and value >= below:
            self.fail_as(where, "out_of_range", what=what, rule="below", bound=below, found=node)
        return value

    def in_yuan(self, node: Any) -> dict[str, Decimal]:
        """An amount of a yuan tender written in 万 as the notice publishes it (``604.8万``, ``604.8万元``): the yuan
        it stands for, for the refusal to say what to write; nothing for anything else. The rubric's amounts are in
        yuan, as plain numbers, so that one figure never reads two ways."""
        found = re.fullmatch(r"([0-9]+(?:\.[0-9]+)?)\s*万元?", normalise(node).strip()) \
            if isinstance(node, str) and self.currency == "CNY" else None
        return {"yuan": Decimal(found.group(1)) * 10_000} if found else {}

    def integer(self, where: str | None, node: Any, what: str, minimum: int) -> int | None:
        node = self.plain(where, node, what)
        if node is None:
            return None
        written, line = node, getattr(node, "line", None)  # (a count quoted: said as written, on its line)
        if isinstance(node, str) and _WHOLE_NUMBER.fullmatch(normalise(node).strip()):
            node = int(Decimal(normalise(node).strip()))  # "2" as 2, as a quoted number is read everywhere
        elif isinstance(node, float) and math.isfinite(node) and to_decimal(node) % 1 == 0:
            node = int(node)  # decimals: 2.0 (conform14: refused as no whole number); 2.0000000000000000001 is not
        if isinstance(node, bool) or not isinstance(node, int) or node < minimum:
            self.fail_as(where, "not_whole", what=what, minimum=minimum, found=node)
            return None
        if node >= LARGEST:  # (a count of 3,000 digits: refused as an amount is)
            self.fail_as(where, "beyond_largest", what=what, found=written, line=line, digits=len(str(node)),
                         largest=LARGEST)
            return None
        return node

    def enum(self, where: str | None, node: Any, cls: type[enum.Enum], what: str) -> Any:
        # `truthy` is how a condition without an op is held, not an op to write: `op: truthy, value: false` would
        # test "is yes" and drop the value unread
        members = [m for m in cls if m is not Op.TRUTHY]
        for member in members:
            if node == member.value:
                return member
        choices = tuple(m.value for m in members)
        meant = _meant(node, cls, choices)
        self.fail_as(where, "unknown_choice", what=what, found=node, choices=choices,
                     **({"meant": meant} if meant else {}))
        return None

    # -- the document
    def read(self, doc: Any) -> Rubric | None:
        doc = self.mapping("top", doc, "the rubric")
        if doc is None:
            return None
        self.keys("top", doc, _TOP_KEYS, ("id", "title", "fields", "criteria"))
        rubric_id = self.id_text(doc, "id")
        if not isinstance(rubric_id, str) or not _SLUG.fullmatch(rubric_id):
            self.fail_as("id", "not_slug", found=rubric_id)
        title = self.label("title", doc, "title", "title")
        decimals = self.integer("decimals", doc.get("decimals", 2), "decimals", 0)
        if decimals is not None and decimals > 6:
            self.fail_as("decimals", "decimals_too_many", found=decimals)
        candidates = self.integer("candidates", doc.get("candidates", 3), "candidates", 1)
        contract_months = self.number("contract_months", doc.get("contract_months"), "contract_months", positive=True)
        total = self.number("total", doc.get("total"), "total", positive=True)
        currency = doc.get("currency", "CNY")
        if not isinstance(currency, str) or currency not in ISO_4217:  # (usd, RMB: said with the code meant)
            code = currency.strip().upper() if isinstance(currency, str) else None
            meant = code if code in ISO_4217 else "CNY" if code is not None and notation_of(currency) == "CNY" else None
            self.fail_as("currency", "currency_unknown", currency=currency, meant=meant)
            currency = "CNY"
        self.currency = currency
        self.decimals = decimals
        regime = doc.get("regime")
        written = self.written(doc, "regime")
        if written is not None:  # `regime: 87`, `regime: no`: quoted as written, not as YAML read it
            self.unquoted("regime", "regime", written, regime, f"regime: {quoted(written[0])}")
        elif regime is not None and not isinstance(regime, str):
            self.fail_as("regime", "not_text_value", found=regime)
        bought = doc.get("procurement_object")
        procurement_object = None if bought is None else self.enum(
            "procurement_object", bought, ProcurementObject, "procurement_object")
        tender_number = doc.get("tender_number")
        written = self.written(doc, "tender_number")
        if written is not None and (isinstance(tender_number, bool) or not isinstance(tender_number, int)
                                    or str(tender_number) != written[0]):
            # 0755 read as 493, 2026_018 as 2026018: the number would be filed, not what was written
            self.unquoted("tender_number", "tender_number", written, tender_number, f"tender_number: {quoted(written[0])}")
            tender_number = None
        elif tender_number is not None and (isinstance(tender_number, bool) or not isinstance(tender_number, (str, int))
                                          or not str(tender_number).strip()):
            self.fail_as("tender_number", "tender_number", found=tender_number)
            tender_number = None
        method = self.label("procurement_method", doc, "procurement_method", "procurement_method")
        panel = self.panel(doc.get("panel", {}))
        pricing = self.pricing(doc.get("pricing"), contract_months)
        fields = self.fields(doc.get("fields"), pricing)
        field_index = {f.id: f for f in FIXED_FIELDS + fields + price_fields_of(pricing or Pricing(), currency)}
        criteria = self.criteria(doc.get("criteria"), field_index)
        # The fixed and price fields first, so that a clash names the rubric's own field.
        ordered = sorted(field_index.values(), key=lambda f: f.origin == "rubric")
        self.clashes(None, "field", "label", [(f.id, (f.label.zh, f.label.en, f.label.both())) for f in ordered])
        self.clashes(None, "criterion", "name", [(c.id, (c.name.zh, c.name.en)) for c in criteria])
        for c in criteria:
            if isinstance(c, Tiered):
                self.clashes(f"criterion {c.id!r}", "tier", "label", [(t.id, (t.label.zh, t.label.en)) for t in c.tiers])
        for c in criteria:  # the tiers against the rounding of the scores: the criterion's own, else the rubric's
            places = decimals if c.decimals is None else c.decimals
            if not isinstance(c, Tiered) or places is None:
                continue
            for mistake in c.rounding_mistakes(places):
                rubric_wide = mistake.code == "tier_decimals" and c.decimals is None
                self.fail_as("decimals" if rubric_wide else f"criterion {c.id!r}", mistake.code, **mistake.data)
        before_caps = len(self.problems)
        caps = self.caps(doc.get("caps"))
        # The full marks are known when every criterion and cap was read as written; else `total` is not checked.
        countable = self.criteria_read and caps is not None and len(self.problems) == before_caps
        self.price_required(regime)
        for cap in caps or ():
            for part in cap.criteria:
                if any(c.id == part and c.scale_to_best for c in criteria):
                    self.fail_as(f"cap {cap.id!r}", "cap_scaled", cap=cap.id, criterion=part)
        listed = doc.get("criteria")
        built = {c.id for c in criteria}
        refused = frozenset(item["group"] for item in (listed if isinstance(listed, list) else ())
                            if isinstance(item, Mapping) and isinstance(item.get("group"), str)
                            and not (isinstance(item.get("id"), str) and item["id"] in built))
        groups = self.groups(doc.get("groups"), criteria, total if countable else None, caps or (), refused)
        weighed = any(g.scale_to is not None or g.weight is not None for g in groups)
        if total is not None and countable and caps is not None and not weighed:
            maxima = scored_maxima(criteria)
            scored = full_marks(maxima, caps)
            if scored != total:
                self.fail_as("total", "total_mismatch", total=total, maxima=scored, capped=bool(caps),
                             caps=lowering_caps(maxima, caps))
        signed = {f.id for f in fields if not f.non_negative}
        for c in criteria:  # a count of something, or of shortfalls, is never below 0
            if isinstance(c, (Count, Deduction)):
                for fid in sorted(signed & set(c.fields_read)):
                    self.fail_as(f"field {fid!r}", "negative_counted", criterion=c.id)
        if self.problems or title is None or decimals is None or candidates is None:
            if not self.problems:  # never refuse in silence: every exit 2 says why
                self.fail_as("top", "rubric_unread")
            return None
        return Rubric(
            id=rubric_id, title=title, fields=fields, criteria=criteria, currency=currency,
            decimals=decimals, total=total, candidates=candidates, contract_months=contract_months,
            regime=regime, procurement_object=procurement_object, panel=panel or PanelRules(),
            pricing=pricing or Pricing(), caps=caps or (),
            tender_number=None if tender_number is None else str(tender_number).strip(), procurement_method=method,
            declared_groups=groups,
        )

    def caps(self, node: Any) -> tuple[SharedCap, ...] | None:
        """The shared caps (None when one is wrong): each over two or more scored criteria, none in two caps."""
        if node is None:
            return ()
        if not isinstance(node, list) or not node:
            self.fail_as("caps", "caps_not_list", found=node)
            return None
        out: list[SharedCap] = []
        owner: dict[str, str] = {}
        good = True
        for index, item in enumerate(node, 1):
            cap_id = self.id_text(item, "id", "cap")
            where = f"cap {cap_id!r}" if isinstance(cap_id, str) and cap_id else f"cap #{index}"
            item = self.mapping(where, item, "a shared cap")
            if item is None:
                good = False
                continue
            self.keys(where, item, _CAP_KEYS, ("id", "label", "max", "criteria"))
            if not isinstance(cap_id, str) or not _SLUG.fullmatch(cap_id):
                self.fail_as(where, "not_slug", what="id", found=cap_id)
            elif cap_id in self.kinds or any(cap.id == cap_id for cap in out):
                self.fail_as(where, "cap_id_used", cap=cap_id)
            label = self.label(where, item, "label", "label")
            top = self.number(where, item.get("max"), "max", positive=True)
            parts = item.get("criteria")
            if isinstance(parts, list):  # [1, 2]: criteria of ids in digits, as each criterion's id reads them
                parts = [self.id_text(parts, i, where) for i in range(len(parts))]
            if not isinstance(parts, list) or len(parts) < 2 or not all(isinstance(p, str) for p in parts):
                self.fail_as(where, "cap_criteria", cap=cap_id, found=parts)
                good = False
                continue
            for part in parts:
                facts = {"cap": cap_id, "criterion": part}
                kind = self.kinds.get(part)
                if part not in self.kinds:
                    self.fail_as(where, "cap_unknown_criterion", **facts)
                elif kind in (Kind.GATE, Kind.PENALTY):
                    self.fail_as(where, "cap_not_scored", **facts, kind=kind.value)
                elif part in owner:
                    self.fail_as(where, "cap_twice", **facts, other=owner[part])
                else:
                    owner[part] = str(cap_id)
                    continue
                good = False
            if label is None or top is None:
                good = False
                continue
            out.append(SharedCap(str(cap_id), label, top, tuple(parts)))
        return tuple(out) if good else None

    # -- groups: labels, stages, scaling, weights (issue 7, items 5 and 6)
    def groups(self, node: Any, criteria: tuple[Criterion, ...], total: Decimal | None,
               caps: tuple[SharedCap, ...], refused: frozenset[Any] = frozenset()) -> tuple[Group, ...]:
        """``groups:`` — each ``{id, label, pass_mark, scale_to_best, weight}`` in order; checked against the
        criteria (every criterion's group declared, a pass mark within the group's max and before price, the
        weighted maxima adding up to ``total``). ``refused``: the groups named by criteria refused for their own
        mistakes (such a group is not also "without criteria" or "without a scored criterion": it may have had one)."""
        if node is None:
            return ()
        if not isinstance(node, list) or not node:
            self.fail_as("groups", "groups_not_list", found=node)
            return ()
        before = len(self.problems)
        out: list[Group] = []
        weight_refused: set[str] = set()
        for index, item in enumerate(node, 1):
            gid = self.id_text(item, "id", "group")
            where = f"group {gid!r}" if isinstance(gid, str) else f"group #{index}"
            item = self.mapping(where, item, "a group")
            if item is None:
                continue
            self.keys(where, item, _GROUP_KEYS, ("id",))
            if not isinstance(gid, str) or not _SLUG.fullmatch(gid):
                self.fail_as(where, "group_id", group=gid)
                continue
            if gid in {g.id for g in out}:
                self.fail_as(where, "group_twice", group=gid)
                continue
            label = self.label(where, item, "label", "label") if "label" in item else group_label(gid)
            pass_mark, pass_share = self.pass_mark(where, item.get("pass_mark"))
            weight = self.number(where, item.get("weight"), "weight", positive=True, share=True)
            scale = item.get("scale_to_best")
            scale_to = None
            if scale is not None and scale is not True and scale is not False:
                scale_to = self.number(where, scale, "scale_to_best (true, or the points the best bid gets)",
                                       positive=True)
            scored = [c for c in criteria if c.group == gid and c.is_scored]
            raw_max = group_full_marks(criteria, caps, gid)
            if scale is True:
                scale_to = raw_max
            if pass_share is not None and scored:  # 60% of 70 = 42: exact, the places the share and max have
                pass_mark = pass_share * raw_max
            elif pass_mark is not None and scored and 0 < pass_mark < 1 < raw_max:  # 0.6 meant as 60 %, not points
                self.fail_as(where, "pass_mark_share", group=gid, pass_mark=pass_mark, max=raw_max,
                             points=pass_mark * raw_max)
            if weight is None and item.get("weight") is not None:
                weight_refused.add(gid)  # said for its own mistake: not also "given for some groups only"
            if label is not None:
                out.append(Group(gid, label, pass_mark, scale_to, weight, pass_share))
            if gid in refused and not scored:
                pass  # its criterion's own mistake is said; nothing more is known of the group
            elif not any(c.group == gid for c in criteria):
                self.fail_as(where, "group_empty", group=gid)
            elif (item.get("pass_mark") is not None or scale is True or scale_to is not None or weight is not None) and not scored:
                self.fail_as(where, "group_unscored", group=gid)
            if pass_mark is not None and scored and pass_mark > raw_max:
                self.fail_as(where, "pass_mark_above_max", group=gid, pass_mark=pass_mark, max=raw_max)
        declared = [g.id for g in out]
        for c in criteria:
            if c.group not in declared and len(out) == len(node):
                self.fail_as(f"criterion {c.id!r}", "group_undeclared", criterion=c.id, group=c.group,
                             declared=tuple(declared))
        self.stage_order(out, criteria)
        # A group refused or read with a mistake (a weight of -1) would make the weighted maxima look wrong
        self.weights(out, criteria, total if len(self.problems) == before else None, caps, weight_refused)
        return tuple(out)

    def pass_mark(self, where: str, node: Any) -> tuple[Decimal | None, Decimal | None]:
        """A group's ``pass_mark``: points (``42``), or a share of the group's max (``60%``), returned as
        (points, None) or (None, share): the max is known once the group's criteria are."""
        if not isinstance(node, str) or _PLAIN_NUMBER.fullmatch(normalise(node).strip()):
            return self.number(where, node, "pass_mark", positive=True), None
        share = _percent_share(node)
        if share is None:
            self.fail_as(where, "pass_mark_not_number", found=node)
            return None, None
        if not 0 < share <= 1:
            self.fail_as(where, "out_of_range", what="pass_mark", found=node,
                         **({"rule": "positive"} if share <= 0 else {"rule": "at_most", "bound": "100%"}))
            return None, None
        return None, share

    def stage_order(self, groups: list[Group], criteria: tuple[Criterion, ...]) -> None:
        """A pass mark comes before price: price is scored only among the bids that pass every stage."""
        price = next((c for c in criteria if isinstance(c, Price)), None)
        if price is None:
            return
        order = [g.id for g in groups]
        for g in groups:
            if g.pass_mark is None:
                continue
            if g.id == price.group:
                self.fail_as(f"group {g.id!r}", "pass_mark_on_price", group=g.id, criterion=price.id)
            elif price.group in order and order.index(g.id) > order.index(price.group):
                self.fail_as(f"group {g.id!r}", "pass_mark_after_price", group=g.id, price_group=price.group)

    def weights(self, groups: list[Group], criteria: tuple[Criterion, ...], total: Decimal | None,
                caps: tuple[SharedCap, ...], refused: Collection[str] = ()) -> None:
        """Every scored group weighted or none (``refused``: groups whose weight was written but refused, said
        already); ``total`` checked against the weighted maxima."""
        used = [g for g in groups if any(c.group == g.id and c.is_scored for c in criteria)]
        weighted = [g.id for g in used if g.weight is not None]
        if weighted and len(weighted) != len(used):
            missing = [g.id for g in used if g.weight is None and g.id not in refused]
            if missing:
                self.fail_as("groups", "weights_partial", weighted=weighted, unweighted=missing)
            return
        if total is None:  # not given, or not checkable: a criterion, cap or group was refused
            return
        if not any(g.scale_to is not None or g.weight is not None for g in used):
            return
        parts = []  # (group, weight or None, its max after any scaling)
        full = Decimal(0)
        for g in used:
            raw_max = group_full_marks(criteria, caps, g.id)
            full += weighted_max(g, raw_max)
            parts.append((g.id, g.weight, group_max(g, raw_max)))
        if full != total:
            maxima = scored_maxima(criteria)
            inside = [cap for cap in caps if any(set(cap.criteria) <= {c.id for c in criteria if c.group == g.id}
                                                 for g in used)]  # a cap counted in a group's max
            self.fail_as("total", "weighted_total_mismatch", total=total, weighted_maxima=full, parts=tuple(parts),
                         caps=lowering_caps(maxima, inside))

    def clashes(self, where: str | None, what: str, called: str, things: list[tuple[str, tuple[str, ...]]]) -> None:
        """Refuse a name or label of one thing that is the id, name or label of another: a bid or panel
        workbook using it could not say which one it means."""
        owner: dict[str, tuple[str, str]] = {}  # folded spelling → (id, "id" or `called`)
        for tid, _ in things:  # two ids alike but for case or width (t1, T1) are one to a workbook naming them
            other, _ = owner.setdefault(fold(tid), (tid, "id"))
            if other != tid:
                self.fail_as(where or f"{what} {tid!r}", "name_clash", what=what, thing=tid, called="id", name=tid,
                             owned_as="id", other=other, inner=where is not None)
        for tid, names in things:
            said: set[str] = set()  # one line for each other thing a label names (a copied {zh, en} is one slip)
            for name in dict.fromkeys(names):
                other, kind = owner.setdefault(fold(name), (tid, called))
                if other != tid and other not in said:
                    said.add(other)
                    self.fail_as(where or f"{what} {tid!r}", "name_clash", what=what, thing=tid, called=called,
                                 name=name, owned_as=kind, other=other, inner=where is not None)

    def panel(self, node: Any) -> PanelRules | None:
        node = self.mapping("panel", node, "panel")
        if node is None:
            return None
        self.keys("panel", node, _PANEL_KEYS)
        aggregate = self.enum("panel", node.get("aggregate", "mean"), Aggregate, "aggregate")
        trim = self.integer("panel", node.get("trim", 1), "trim", 0)
        least = self.integer("panel", node.get("min_judges_for_trim", 5), "min_judges_for_trim", 1)
        share = self.number("panel", node.get("outlier_share", "0.2"), "outlier_share", positive=True, share=True,
                            at_most=Decimal(1))
        if trim is not None and least is not None and least <= 2 * trim:
            self.fail_as("panel", "trim_too_many", least=least, trim=trim)
        if aggregate is Aggregate.TRIMMED_MEAN and trim == 0:
            self.fail_as("panel", "trim_zero")
        if aggregate is None or trim is None or least is None or share is None:
            return None
        return PanelRules(aggregate, trim, least, share)

    def pricing(self, node: Any, contract_months: Decimal | None) -> Pricing | None:
        if node is None:
            return None
        node = self.mapping("pricing", node, "pricing")
        if node is None:
            return None
        self.keys("pricing", node, _PRICING_KEYS, ("models",))
        demand_node = self.mapping("pricing.demand", node.get("demand", {}), "pricing.demand") or {}
        self.keys("pricing.demand", demand_node, _DEMAND_KEYS)
        figures = {
            key: self.number("pricing.demand", demand_node.get(key), key, positive=True,
                             money=key in ("sales_per_month", "discount_base"))
            for key in ("seats", "calls_per_month", "sales_per_month", "devices", "months", "discount_base")
        }
        if figures["months"] is None:
            figures["months"] = contract_months
        if figures["discount_base"] is not None and figures["discount_base"] <= 0:  # refused above, as a seat count
            figures["discount_base"] = None
        units: list[Unit] = []
        units_node = demand_node.get("units")
        if units_node is not None:
            units_node = self.mapping("pricing.demand", units_node, "units") or {}
            for unit, count in units_node.items():
                if not isinstance(unit, str) or not _FIELD_ID.fullmatch(unit):
                    self.fail_as("pricing.demand", "unit_id", unit=unit)
                what = f"units.{unit}"
                if isinstance(count, Mapping):  # {count, label, per}: the unit named in the bid form
                    where = f"pricing.demand.units.{unit}"
                    self.keys(where, count, _UNIT_KEYS, ("count", "label"))
                    label = self.label(where, count, "label", "label")
                    per = self.label(where, count, "per", "per")
                    name = None if label is None else UnitName(label, per)
                    # 超过任一单项限价的投标无效: the most a bid may quote per unit and month
                    ceiling = self.number(where, count.get("ceiling"), f"units.{unit}.ceiling", positive=True,
                                          money=True)
                    # 中巴 30 of the contract's 36 months (author7 A7-2): no unit is bought past the contract's end
                    months = self.number(where, count.get("months"), f"units.{unit}.months", positive=True,
                                         at_most=figures["months"])
                    count, what = count.get("count"), f"units.{unit}.count"
                else:
                    name = ceiling = months = None
                value = self.number("pricing.demand", count, what, positive=True)
                if value is not None:
                    units.append(Unit(str(unit), value, name, ceiling if ceiling is not None and ceiling > 0 else None,
                                      months if months is not None and months > 0 else None))
        # 下浮率不得低于 5 %: written 5% or 0.05, below 1 (a least rate of 100 % leaves no bid a price)
        least = self.number("pricing.demand", demand_node.get("min_discount"), "min_discount", non_negative=True,
                            below=Decimal(1), share=True)
        demand = Demand(units=tuple(units), min_discount=least if least is not None and 0 <= least < 1 else None,
                        **figures)
        models_node = node.get("models")
        models: list[PricingModel] = []
        if not isinstance(models_node, list) or not models_node:
            self.fail_as("pricing", "models_not_list", found=models_node)
        else:
            for name in models_node:
                model = self.enum("pricing", name, PricingModel, "pricing model")
                if model is None:
                    continue
                if model in models:
                    self.fail_as("pricing", "model_twice", model=name)
                    continue
                models.append(model)
                # a figure written but refused for its own mistake (`months: yes`) is said there, not also missing
                missing = [m for m in demand.missing_for(model) if demand_node.get(m) is None]
                if missing:
                    self.fail_as("pricing", "model_demand", model=model.value, missing=tuple(missing))
        return Pricing(demand, tuple(models))

    def fields(self, node: Any, pricing: Pricing | None) -> tuple[Field, ...]:
        if node is None:  # left out: said once, as `missing 'fields'`
            return ()
        if not isinstance(node, list):
            self.fail_as("top", "not_list", what="fields", found=node)
            return ()
        reserved = set(FIXED_FIELD_IDS) | {PRICE_MODEL_FIELD}
        if pricing is not None:
            reserved |= {p.id for p in pricing.all_parameters()}
        else:
            reserved |= {"total_price"}
        out: list[Field] = []
        seen: set[str] = set()
        for index, item in enumerate(node, 1):
            fid = self.id_text(item, "id", "field") if isinstance(item, Mapping) else None
            where = f"field {fid!r}" if isinstance(fid, str) else f"field #{index}"
            item = self.mapping(where, item, "a field")
            if item is None:
                continue
            self.keys(where, item, _FIELD_KEYS, ("id", "label", "type"))
            if not isinstance(fid, str) or not _FIELD_ID.fullmatch(fid):
                self.fail_as(where, "field_id")
                continue
            if fid in seen:
                self.fail_as(where, "field_twice")
            if fid in reserved:
                self.fail_as(where, "field_reserved")
            seen.add(fid)
            label = self.label(where, item, "label", "label")
            kind = self.enum(where, item.get("type"), FieldType, "type")
            if label is None or kind is None:
                self.refused_fields.add(fid)
            required = item.get("required", False)
            if not isinstance(required, bool):
                self.fail_as(where, "not_bool", what="required", found=required)
            unit = item.get("unit")
            written = self.written(item, "unit")
            if written is not None:  # `unit: 1:30`, `unit: no`: quoted as written, not as YAML read it
                self.unquoted(where, "unit", written, unit, f"unit: {quoted(written[0])}")
                unit = None  # said once: not again as a money unit
            elif unit is not None and not isinstance(unit, str):
                self.fail_as(where, "not_text_value", what="unit", found=unit)
                unit = None
            units = {None, self.currency} | ({TEN_THOUSAND_UNIT} if self.currency == "CNY" else set())  # 万 for yuan only
            if kind is FieldType.MONEY and unit not in units:
                self.fail_as(where, "money_unit", field_id=fid, unit=unit, currency=self.currency,
                             ten_thousand=TEN_THOUSAND_UNIT)
            elif kind not in (None, FieldType.MONEY) and isinstance(unit, str) and (
                    unit.strip() == TEN_THOUSAND_UNIT or unit.strip() in ISO_4217):
                # a unit of money on a count or a number: the bid form would ask for 万元 and read a plain number
                self.fail_as(where, "unit_not_money", field_id=fid, unit=unit, type=kind.value)
            choices = item.get("choices")
            if kind is FieldType.CHOICE:
                listed: list = choices if isinstance(choices, list) else []
                slips = {i: text for i in range(len(listed))
                         if (text := self.written(listed, i)) is not None and _not_as_written(listed[i], text)}
                if not slips and listed:  # [1, 2, 3]: plain digits, the text of those digits (conform14: refused)
                    choices = [str(c) if isinstance(c, int) else c for c in listed]
                if slips:  # [Yes, No, partial]: YAML reads Yes and No as true and false, 010 as the number 8
                    fix = ", ".join(quoted(slips[i][0] if i in slips else str(c)) for i, c in enumerate(listed))
                    self.fail_as(where, "needs_quotes", what="choices", written=tuple(t for t, _ in slips.values()),
                                 line=next(iter(slips.values()))[1], read=tuple(listed[i] for i in slips),
                                 fix=f"choices: [{fix}]")
                    choices = []
                elif not isinstance(choices, list) or not choices or not all(isinstance(c, str) and c.strip() for c in choices):
                    self.fail_as(where, "choices_missing")
                    choices = []
                elif len({fold(c) for c in choices}) != len(choices):
                    self.fail_as(where, "choices_repeat")
            elif choices is not None:
                self.fail_as(where, "choices_not_choice")
            note = self.label(where, item, "note", "note")
            example = self.example(where, item.get("example"), kind)
            # Every number a bid states is 0 or more unless the rubric says a negative answer is a real one (−18 ℃)
            allow_negative = item.get("allow_negative", False)
            if not isinstance(allow_negative, bool):
                self.fail_as(where, "not_bool", what="allow_negative", found=allow_negative)
                allow_negative = False
            elif allow_negative and kind not in (None, FieldType.INTEGER, FieldType.NUMBER, FieldType.MONEY):
                self.fail_as(where, "negative_not_number", type=kind.value)
            if label is None or kind is None:
                continue
            out.append(Field(fid, label, kind, required is True, None if unit in ("CNY", self.currency) else unit,
                             tuple(c.strip() for c in choices or ()), note, non_negative=not allow_negative,
                             currency=self.currency, example=example))
        self.refused_fields -= {f.id for f in out}  # declared twice, once right: the criteria read that one
        return tuple(out)

    def example(self, where: str, raw: Any, kind: FieldType | None) -> str | None:
        """A percent field's example, as text the field's own parser reads (so the form never shows an answer
        the import would refuse)."""
        if raw is None:
            return None
        if kind is not FieldType.PERCENT:
            self.fail_as(where, "example_not_percent")
            return None
        raw = self.plain(where, raw, "example")
        if raw is None:
            return None
        text = str(raw).strip() if isinstance(raw, (str, int, float)) and not isinstance(raw, bool) else ""
        if not text:
            self.fail_as(where, "example_empty", found=raw)
            return None
        try:
            parse_percent(text)
        except ValueProblem as problem:
            self.fail_as(where, "example_value", found=raw, expected=problem.expectation)
            return None
        return text

    def criteria(self, node: Any, fields: Mapping[str, Field]) -> tuple[Criterion, ...]:
        if node is None:  # left out: said once, as `missing 'criteria'`
            return ()
        if not isinstance(node, list) or not node:
            self.fail_as("top", "not_list", what="criteria", found=node)
            return ()
        out: list[Criterion] = []
        seen: set[str] = set()
        unique = True
        for index, item in enumerate(node, 1):
            cid = self.id_text(item, "id", "criterion")
            where = f"criterion {cid!r}" if isinstance(cid, str) and cid else f"criterion #{index}"
            item = self.mapping(where, item, "a criterion")
            if item is None:
                self.kinds_listed.append(None)
                continue
            if "id" in item and (not isinstance(cid, str) or not _SLUG.fullmatch(cid)):  # missing: said already
                self.fail_as(where, "not_slug", what="id", found=cid)
            elif cid in seen:
                self.fail_as(where, "id_twice")
                unique = False
            seen.add(str(cid))
            kind = self.enum(where, item["kind"], Kind, "kind") if "kind" in item else None
            self.kinds_listed.append(kind)
            if isinstance(cid, str):
                self.kinds[cid] = kind
            if kind is None:  # its keys are still checked, against every kind's: `kind：` is a key with a typo
                self.keys(where, item, _COMMON_KEYS.union(*_KIND_KEYS.values()), ("id", "name", "group", "kind"))
                continue
            before, waiting = len(self.problems), self.waiting
            self.keys(where, item, _COMMON_KEYS | _KIND_KEYS[kind], ("id", "name", "group", "kind"))
            criterion = self.criterion(where, str(cid), kind, item, fields)
            if criterion is not None:
                out.append(criterion)
            elif len(self.problems) == before and self.waiting == waiting:  # never drop a criterion in silence: say at least that it was
                # (its missing keys are said by keys(); a blank or a wrong value by the reader of that key)
                self.fail_as(where, "criterion_unread", criterion=str(cid))
        two_prices = sum(1 for c in out if isinstance(c, Price)) > 1
        if two_prices:
            self.fail_as("top", "two_prices")
        # Two prices: which maximum counts is not known, so the maxima say nothing of `total` (no knock-on line)
        self.criteria_read = unique and not two_prices and len(out) == len(node)
        return tuple(out)

    def price_required(self, regime: Any) -> None:
        """Under ``regime: order87`` (综合评分法) price is scored (Order 87 art. 55): a rubric without a price criterion
        is refused. Said only when every criterion's kind was read (a price criterion with a typo in its kind is
        already named)."""
        if not is_order87(regime) or not self.kinds_listed:
            return
        if Kind.PRICE not in self.kinds_listed and None not in self.kinds_listed:
            self.fail_as("regime", "order87_price", regime=regime)

    def criterion(self, where: str, cid: str, kind: Kind, item: Mapping, fields: Mapping[str, Field]) -> Criterion | None:
        """Parse one criterion's keys, then build its type, which checks that the parts fit together."""
        name = self.label(where, item, "name", "name")
        description = self.label(where, item, "description", "description")
        group = self.id_text(item, "group", where)
        if "group" in item and (not isinstance(group, str) or not _SLUG.fullmatch(group)):  # missing: said already
            self.fail_as(where, "not_slug", what="group", found=group)
        parts: dict[str, Any] = {}
        if kind is not Kind.GATE:
            parts["max"] = self.number(where, item.get("max"), "max")
            if "max" not in item:
                self.fail_as(where, "missing_key", key="max")
        if "decimals" in item:
            if kind is Kind.GATE:
                self.fail_as(where, "gate_decimals")
            parts["decimals"] = self.integer(where, item["decimals"], "decimals", 0)
        if "scale_to_best" in item:
            if item["scale_to_best"] not in (True, False):
                self.fail_as(where, "not_bool", what="scale_to_best", found=item["scale_to_best"])
            elif kind is Kind.GATE:
                self.fail_as(where, "gate_scale")
            else:
                parts["scale_to_best"] = item["scale_to_best"]
        if kind is Kind.GATE:
            parts["when"] = self.condition(where, item.get("when"), fields)
            parts["reason"] = self.label(where, item, "reason", "reason")
        elif kind is Kind.CHECKLIST:
            parts["items"] = self.items(where, item.get("items"), fields)
        elif kind is Kind.COUNT:
            parts["field"] = self.field_ref(where, item.get("field"), fields, (FieldType.INTEGER, FieldType.NUMBER, FieldType.MONEY))
            parts["points_per_unit"] = self.number(where, item.get("points_per_unit"), "points_per_unit")
            if "points_per_unit" not in item:
                self.fail_as(where, "missing_key", key="points_per_unit")
        elif kind is Kind.LINEAR:
            parts["field"] = self.field_ref(where, item.get("field"), fields, _NUMERIC)
            parts["points"] = self.points(where, item.get("points"), fields.get(parts["field"] or ""))
        elif kind is Kind.TIERED:
            parts["tiers"] = self.tiers(where, item.get("tiers"))
        elif kind is Kind.PRICE:
            parts.update(self.price(where, item))
        elif kind is Kind.JUDGED:
            if "grades" in item:
                parts["grades"] = self.grades(where, item["grades"])
        elif kind in (Kind.DEDUCTION, Kind.PENALTY):
            parts["items"] = self.deduction_items(where, item.get("items"), fields)
        if kind.is_panel and "step" in item:  # judges score on the step (whole points), tiered or judged
            parts["step"] = self.number(where, item["step"], "step")
        optional = ("reason", "decimals", "above_penalty", "below_penalty", "budget_ceiling", "sme_deduction",
                    "abnormal_low_share", "benchmark", "deviation_rounding", "sme_categories")
        if name is None or not isinstance(group, str) or any(
                value is None for key, value in parts.items() if key not in optional):
            return None  # what is missing is already reported
        if any(item.get(key) is not None and parts.get(key) is None for key in ("benchmark", "deviation_rounding")) \
                or ("sme_categories" in parts and parts["sme_categories"] is None):
            return None  # given but unreadable: already reported
        cls, refused = self.price_type(where, cid, parts) if kind is Kind.PRICE else (CRITERION_TYPES[kind], False)
        criterion = self.build(where, cls, fields, id=cid, name=name, group=group, description=description, **parts)
        return None if refused else criterion  # a key the method does not use or lacks: said, with every other mistake

    def price_type(self, where: str, cid: str, parts: dict[str, Any]) -> tuple[type[Price], bool]:
        """The price type ``method:`` names, with ``parts`` left holding the keys it takes, and whether the criterion
        is refused: for a key given that the method does not use, or one it needs left out (each said here). A key it
        needs and lacks is stood in for (``_STAND_INS``), so that the type is still built: every value given for a key
        it uses is checked, and every other mistake of the criterion said too."""
        method: PriceMethod = parts.pop("method")
        cls = PRICE_TYPES[method]
        takes = {f.name: f for f in dataclass_fields(cls)}
        wrong: dict[str, dict[str, Any]] = {}  # each mistake once (one for the pair of penalties), in key order
        for key, stem in _METHOD_KEYS.items():
            value = parts.pop(key, None)
            if key not in takes:
                if value is not None:
                    facts = {"deviation_rounding": value.value} if key == "deviation_rounding" else {}
                    wrong.setdefault(f"{stem}_not_used", facts)
            elif value is not None:
                parts[key] = value
            elif takes[key].default is MISSING:
                wrong.setdefault(f"{stem}_missing", {})
                parts[key] = _STAND_INS[key]
        for code, facts in wrong.items():
            self.fail_as(where, code, criterion=cid, method=method.value, **facts)
        return cls, bool(wrong)

    def build(self, where: str, cls: type[Criterion], fields: Mapping[str, Field] | None = None,
              **parts: Any) -> Criterion | None:
        """The criterion of type ``cls``, or None with each of its mistakes reported (data kept)."""
        try:
            return cls(**parts)
        except InvalidCriterion as invalid:
            for mistake in invalid.mistakes:
                data = mistake.data
                if mistake.code == "tier_overlap" and parts.get("decimals") is None:  # rounded to the rubric's places
                    (low, high), (other_low, other_high) = data["range"], data["other_range"]
                    data = {**data, **overlap_fix(other_low, other_high, low, high,
                                                  fix_step(parts.get("step"), self.decimals))}
                if mistake.code == "points_order":  # said as the rubric writes them (92%), with the points in order
                    target = fields.get(parts["field"]) if fields is not None else None
                    data = {**data, "points": parts["points"],
                            "percent": target is not None and target.type is FieldType.PERCENT}
                self.fail_as(where, mistake.code, criterion=invalid.criterion, **data)
            return None

    def refused_field(self, node: Any) -> bool:
        """Whether ``node`` names a field refused for its own mistake (counted: the criterion is not left unexplained)."""
        if isinstance(node, str) and node in self.refused_fields:
            self.waiting += 1
            return True
        return False

    def field_ref(self, where: str, node: Any, fields: Mapping[str, Field], types: tuple[FieldType, ...]) -> str | None:
        if self.refused_field(node):
            return None
        if not isinstance(node, str) or node not in fields:
            self.fail_as(where, "unknown_field", found=node)
            return None
        if fields[node].type not in types:
            self.fail_as(where, "field_type", field_id=node, type=fields[node].type.value,
                         types=tuple(t.value for t in types))
            return None
        return node

    def condition(self, where: str, node: Any, fields: Mapping[str, Field]) -> Condition | None:
        node = self.mapping(where, node, "when")
        if node is None:
            return None
        self.keys(where, node, _CONDITION_KEYS, ("field",))
        name = node.get("field")
        if "field" not in node or self.refused_field(name):  # missing: said by keys() above, once
            return None
        if not isinstance(name, str) or name not in fields:
            self.fail_as(where, "condition_field", found=name)
            return None
        target = fields[name]
        if "op" not in node:
            if "value" in node:
                self.fail_as(where, "condition_no_op")
            return Condition(name, Op.TRUTHY)
        op = self.enum(where, node["op"], Op, "op")
        if op is None:
            return None
        if op in (Op.LT, Op.LE, Op.GT, Op.GE) and target.type not in _NUMERIC:
            self.fail_as(where, "op_numeric", op=op.value, field_id=name, type=target.type.value)
            return None
        if "value" not in node:
            self.fail_as(where, "op_value", op=op.value)
            return None
        if op is Op.IN:
            if not isinstance(node["value"], list) or not node["value"]:
                self.fail_as(where, "op_in_list")
                return None
            listed = node["value"]
            if self.texts_unquoted(where, target, listed, [self.written(listed, i) for i in range(len(listed))], True):
                return None
            values = [self.parse_value(where, target, v) for v in listed]  # each refused by itself
            return None if any(v is None for v in values) else Condition(name, op, tuple(values))
        if self.texts_unquoted(where, target, [node["value"]], [self.written(node, "value")], False):
            return None
        value = self.parse_value(where, target, node["value"])
        return None if value is None else Condition(name, op, value)

    def parse_value(self, where: str, target: Field, raw: Any, what: str = "value") -> Any:
        if raw is BLANK:
            self.fail_as(where, "value_empty", field_id=target.id)
            return None
        raw = self.plain(where, raw, what, answer=True)
        if raw is None:
            return None
        try:
            value = target.parse(raw)
        except ValueProblem as problem:
            self.fail_as(where, "value_type", found=raw, field_id=target.id, expected=problem.expectation)
            return None
        if value is None:
            self.fail_as(where, "value_empty", field_id=target.id)
        return value

    def items(self, where: str, node: Any, fields: Mapping[str, Field]) -> tuple[ChecklistItem, ...] | None:
        if not isinstance(node, list) or not node:
            self.fail_as(where, "items_missing", kind=Kind.CHECKLIST.value)
            return None
        out = []
        for index, item in enumerate(node, 1):
            item = self.mapping(where, item, f"item {index}")
            if item is None:
                continue
            self.keys(where, item, _ITEM_KEYS, ("label", "points", "when"))
            label = self.label(where, item, "label", f"item {index} label")
            points = self.number(where, item.get("points"), f"item {index} points", positive=True)
            when = self.condition(where, item.get("when"), fields)
            if label and points is not None and when:
                out.append(ChecklistItem(label, points, when))
        return tuple(out) if len(out) == len(node) else None

    def grades(self, where: str, node: Any) -> tuple[Grade, ...] | None:
        """优 8–10 as {label, min, max}; 有得8分 as {label, points}."""
        if not isinstance(node, list) or not node:
            self.fail_as(where, "grades_not_list")
            return None
        out = []
        for index, item in enumerate(node, 1):
            item = self.mapping(where, item, f"grade {index}")
            if item is None:
                continue
            self.keys(where, item, _GRADE_KEYS, ("label",))
            label = self.label(where, item, "label", f"grade {index} label")
            if "points" in item:
                if "min" in item or "max" in item:
                    self.fail_as(where, "grade_points_and_range", index=index)
                    continue
                low = high = self.number(where, item["points"], f"grade {index} points")
            elif "min" in item and "max" in item:
                low = self.number(where, item["min"], f"grade {index} min")
                high = self.number(where, item["max"], f"grade {index} max")
            else:
                self.fail_as(where, "grade_no_points", index=index)
                continue
            if label is not None and low is not None and high is not None:
                out.append(Grade(label, low, high))
        return tuple(out) if len(out) == len(node) else None

    def deduction_items(self, where: str, node: Any, fields: Mapping[str, Field]) -> tuple[DeductionItem, ...] | None:
        if not isinstance(node, list) or not node:
            self.fail_as(where, "deduction_items_not_list")
            return None
        out = []
        for index, item in enumerate(node, 1):
            item = self.mapping(where, item, f"item {index}")
            if item is None:
                continue
            self.keys(where, item, _DEDUCTION_ITEM_KEYS, ("label", "field", "points"))
            label = self.label(where, item, "label", f"item {index} label")
            field = self.field_ref(where, item.get("field"), fields, _COUNTED)
            points = self.number(where, item.get("points"), f"item {index} points")
            if label and field and points is not None:
                out.append(DeductionItem(label, field, points))
        return tuple(out) if len(out) == len(node) else None

    def points(self, where: str, node: Any, target: Field | None) -> tuple[tuple[Decimal, Decimal], ...] | None:
        if not isinstance(node, list) or len(node) < 2:
            self.fail_as(where, "points_too_few", found=node)
            return None
        out: list[tuple[Decimal, Decimal]] = []
        for index, pair in enumerate(node, 1):
            if not isinstance(pair, list) or len(pair) != 2:
                self.fail_as(where, "point_not_pair", found=pair)
                return None
            x = self.parse_value(where, target, pair[0], f"point {index} x") if target else None
            y = self.number(where, pair[1], f"point {index} y")  # as `item 1 points`, `tier t2 max`
            if x is not None and y is not None:
                out.append((Decimal(x), y))
        return tuple(out) if len(out) == len(node) else None  # every point's mistake told, [[1:00, 10], [2:00, 5]]

    def tiers(self, where: str, node: Any) -> tuple[Tier, ...] | None:
        if not isinstance(node, list) or not node:
            self.fail_as(where, "tiers_missing")
            return None
        out: list[Tier] = []
        for index, item in enumerate(node, 1):
            item = self.mapping(where, item, f"tier {index}")
            if item is None:
                return None
            self.keys(where, item, _TIER_KEYS, ("id", "label", "min", "max"))
            tid = self.id_text(item, "id", f"{where}: tier")  # (id: 1 as "1" is: conform14, said to need an id)
            if not isinstance(tid, str) or not tid.strip():
                self.fail_as(where, "tier_no_id", index=index)
                return None
            label = self.label(where, item, "label", f"tier {tid} label")
            low = self.number(where, item.get("min"), f"tier {tid} min")
            high = self.number(where, item.get("max"), f"tier {tid} max")
            description = self.label(where, item, "description", f"tier {tid} description")
            if label is None or low is None or high is None:
                return None
            out.append(Tier(tid, label, low, high, description))
        return tuple(out)

    def price(self, where: str, item: Mapping) -> dict[str, Any]:
        if "method" in item:
            out: dict[str, Any] = {"method": self.enum(where, item["method"], PriceMethod, "price method")}
        else:  # said as every other key left out is, with what it may be
            self.fail_as(where, "missing_key", key="method", choices=tuple(m.value for m in PriceMethod))
            out = {"method": None}
        for key in ("above_penalty", "below_penalty", "budget_ceiling", "abnormal_low_share"):
            out[key] = self.number(where, item.get(key), key, share=key == "abnormal_low_share",
                                   money=key == "budget_ceiling")
        if isinstance(item.get("sme_deduction"), list):
            out["sme_categories"] = self.sme_categories(where, item["sme_deduction"])
        else:
            out["sme_deduction"] = self.number(where, item.get("sme_deduction"), "sme_deduction", share=True)
        out["benchmark"] = self.benchmark(where, item.get("benchmark"), item.get("id"))
        if item.get("deviation_rounding") is not None:
            out["deviation_rounding"] = self.enum(where, item["deviation_rounding"], DeviationRounding,
                                                  "deviation_rounding")
        return out

    def sme_categories(self, where: str, node: list) -> tuple[SmeCategory, ...] | None:
        """``sme_deduction`` as a table: ``- {id, label, rate}`` per SME category (issue 7, item 8)."""
        if not node:
            self.fail_as(where, "sme_empty")
            return None
        out: list[SmeCategory] = []
        for index, entry in enumerate(node, 1):
            entry = self.mapping(where, entry, f"sme_deduction category {index}")
            if entry is None:
                continue
            self.keys(where, entry, _SME_CATEGORY_KEYS, ("id", "label", "rate"))
            cid = entry.get("id")
            if not isinstance(cid, str) or not _FIELD_ID.fullmatch(cid):
                self.fail_as(where, "sme_category_id", index=index, category=cid)
                continue
            if cid in {c.id for c in out}:
                self.fail_as(where, "sme_category_twice", category=cid)
            label = self.label(where, entry, "label", f"sme_deduction category {cid!r} label")
            rate = self.number(where, entry.get("rate"), f"sme_deduction category {cid!r} rate", share=True)
            if label is not None and rate is not None:
                out.append(SmeCategory(cid, label, rate))
        return tuple(out) if len(out) == len(node) else None

    def benchmark(self, where: str, node: Any, cid: Any) -> BenchmarkRule | None:
        """``benchmark: {base, coefficient, min_bids, trim, ceiling_weight, ceiling_coefficient}`` of a price criterion
        (issue 7, item 3; author6 A6-1; author7 A7-3): the base's type, holding the settings that base takes; a setting given to a base
        that does not take it is refused by name."""
        if node is None:
            return None
        node = self.mapping(where, node, "benchmark")
        if node is None:
            return None
        self.keys(where, node, _BENCHMARK_KEYS, ("base",))
        base = self.enum(where, node.get("base"), Base, "benchmark base") if "base" in node else None
        coefficient = self.number(where, node.get("coefficient", 1), "benchmark coefficient", share=True)
        settings = {"min_bids": self.integer(where, node.get("min_bids"), "benchmark min_bids", 0),
                    "trim": self.integer(where, node.get("trim"), "benchmark trim", 1),
                    "ceiling_weight": self.number(where, node.get("ceiling_weight"), "benchmark ceiling_weight",
                                                  share=True),
                    "ceiling_coefficient": self.number(where, node.get("ceiling_coefficient"),
                                                       "benchmark ceiling_coefficient", share=True)}
        if base is None or coefficient is None or any(node.get(key) is not None and value is None
                                                      for key, value in settings.items()):
            return None
        rule = RULES[base]
        takes = {f.name: f for f in dataclass_fields(rule) if f.name != "coefficient"}
        given = {key: value for key, value in settings.items() if value is not None}
        wrong = [(f"{key}_not_used", {key: value}) for key, value in given.items() if key not in takes]
        wrong += [(f"{key}_missing", {}) for key, taken in takes.items() if taken.default is MISSING and key not in given]
        for code, facts in wrong:
            self.fail_as(where, code, criterion=cid, base=base.value, **facts)
        return None if wrong else rule(coefficient, **given)
