"""The rubric: what a bid must state and how each criterion is scored.

``load_rubric`` reads a YAML file (formats.md §1), checks every rule listed
there and returns a frozen :class:`Rubric`, or raises one ``RubricError``
naming every mistake with its criterion or field.
"""
from __future__ import annotations

import enum
import hashlib
import re
from dataclasses import dataclass, field as dc_field, replace
from decimal import Decimal, InvalidOperation
from functools import cached_property
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, TypeVar

import yaml

from .errors import Problem, RubricError
from .labels import Label
from .pricing import PRICE_MODEL_FIELD, Demand, Pricing, PricingModel
from .values import FieldType, ValueProblem, fold, parser_for, to_decimal, TEN_THOUSAND_UNIT


class Kind(enum.Enum):
    """How a criterion is scored."""

    GATE = "gate"
    CHECKLIST = "checklist"
    COUNT = "count"
    LINEAR = "linear"
    TIERED = "tiered"
    JUDGED = "judged"
    PRICE = "price"

    @property
    def is_panel(self) -> bool:
        """Scored by the judges rather than computed from the bid."""
        return self in (Kind.TIERED, Kind.JUDGED)


class PriceMethod(enum.Enum):
    """How evaluated prices become price scores."""

    LOWEST_RATIO = "lowest_ratio"
    LINEAR_MINMAX = "linear_minmax"
    BENCHMARK_DEVIATION = "benchmark_deviation"


class Aggregate(enum.Enum):
    """How the judges' scores for one bid and criterion are combined."""

    MEAN = "mean"
    TRIMMED_MEAN = "trimmed_mean"


class Op(enum.Enum):
    """Comparison operators a condition may use."""

    EQ = "=="
    NE = "!="
    LT = "<"
    LE = "<="
    GT = ">"
    GE = ">="
    IN = "in"
    TRUTHY = "truthy"


GROUP_ORDER = ("qualification", "commercial", "operations", "price")
GROUP_LABELS = {
    "qualification": Label("资格", "Qualification"),
    "commercial": Label("商务", "Commercial"),
    "operations": Label("运营", "Operations"),
    "price": Label("价格", "Price"),
}
FIXED_FIELD_IDS = ("vendor_id", "vendor_name", "sme")


def group_label(group: str) -> Label:
    """The display name of a criterion group (other groups go by their id)."""
    return GROUP_LABELS.get(group, Label(group, group))


@dataclass(frozen=True)
class Field:
    """One thing a bid states: a row of the bid form, a column of the Bids sheet."""

    id: str
    label: Label
    type: FieldType
    required: bool = False
    unit: str | None = None
    choices: tuple[str, ...] = ()
    note: Label | None = None
    non_negative: bool = False
    origin: str = "rubric"  # fixed | rubric | price

    @cached_property
    def parse(self) -> Callable[[object], Any]:
        """The parser turning a cell into this field's value (None when empty)."""
        if self.id == PRICE_MODEL_FIELD:
            return parse_price_model
        return parser_for(self.type, self.unit, self.choices, self.non_negative)

    def expected(self) -> str:
        """What a cell of this field must hold, in words."""
        try:
            self.parse(object())
        except ValueProblem as problem:
            return problem.expected
        return self.type.value  # pragma: no cover


def parse_price_model(raw: object) -> PricingModel | None:
    """A pricing model named by its id or its label in either language."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    model = PricingModel.from_alias(str(raw)) if isinstance(raw, str) else None
    if model is None:
        names = ", ".join(f"{m.value} ({m.label.zh})" for m in PricingModel)
        raise ValueProblem("a pricing model: " + names, raw)
    return model


@dataclass(frozen=True)
class Condition:
    """``{field, op, value}``: data, never code."""

    field: str
    op: Op
    value: Any = None

    def holds(self, values: Mapping[str, Any]) -> bool:
        """Whether the condition is true of a bid's values; false on an empty field."""
        actual = values.get(self.field)
        if actual is None:
            return False
        if self.op is Op.TRUTHY:
            return bool(actual)
        if self.op is Op.IN:
            return any(_equal(actual, v) for v in self.value)
        if self.op is Op.EQ:
            return _equal(actual, self.value)
        if self.op is Op.NE:
            return not _equal(actual, self.value)
        if self.op is Op.LT:
            return actual < self.value
        if self.op is Op.LE:
            return actual <= self.value
        if self.op is Op.GT:
            return actual > self.value
        return actual >= self.value

    def describe(self, lang: str = "en") -> str:
        """The condition in words, for tables."""
        if self.op is Op.TRUTHY:
            return self.field
        value = ", ".join(map(str, self.value)) if self.op is Op.IN else self.value
        return f"{self.field} {self.op.value} {value}"


def _equal(a: Any, b: Any) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return fold(a) == fold(b)
    return bool(a == b)


@dataclass(frozen=True)
class Tier:
    """A band of a tiered criterion: the panel agrees the tier, judges score inside it."""

    id: str
    label: Label
    min: Decimal
    max: Decimal
    description: Label | None = None

    def contains(self, score: Decimal) -> bool:
        """Whether a judge's score lies inside this tier."""
        return self.min <= score <= self.max


@dataclass(frozen=True)
class ChecklistItem:
    """One line of a checklist: points when the condition holds."""

    label: Label
    points: Decimal
    when: Condition


@dataclass(frozen=True)
class Criterion:
    """One line of the scoring standard."""

    id: str
    name: Label
    group: str
    kind: Kind
    max: Decimal = Decimal(0)
    description: Label | None = None
    when: Condition | None = None  # gate
    reason: Label | None = None  # gate
    items: tuple[ChecklistItem, ...] = ()  # checklist
    field: str | None = None  # count, linear
    points_per_unit: Decimal | None = None  # count
    points: tuple[tuple[Decimal, Decimal], ...] = ()  # linear
    tiers: tuple[Tier, ...] = ()  # tiered
    method: PriceMethod | None = None  # price
    above_penalty: Decimal | None = None
    below_penalty: Decimal | None = None
    budget_ceiling: Decimal | None = None
    sme_deduction: Decimal | None = None
    abnormal_low_share: Decimal | None = None

    def tier(self, name: str) -> Tier | None:
        """The tier named by its id or, failing that, by its label in either language."""
        return _named(name, self.tiers, lambda t: (t.label.zh, t.label.en))


@dataclass(frozen=True)
class PanelRules:
    """How the panel's scores are combined and checked."""

    aggregate: Aggregate = Aggregate.MEAN
    trim: int = 1
    min_judges_for_trim: int = 5
    outlier_share: Decimal = Decimal("0.2")


@dataclass(frozen=True)
class Rubric:
    """A published scoring standard."""

    id: str
    title: Label
    fields: tuple[Field, ...]
    criteria: tuple[Criterion, ...]
    currency: str = "CNY"
    decimals: int = 2
    total: Decimal | None = None
    candidates: int = 3
    contract_months: Decimal | None = None
    regime: str | None = None
    tender_number: str | None = None  # heads the evaluation report and the ranked workbook
    procurement_method: Label | None = None  # default: 综合评分法 / Comprehensive scoring (bideval.tender)
    panel: PanelRules = dc_field(default_factory=PanelRules)
    pricing: Pricing = dc_field(default_factory=Pricing)
    source: str = ""
    sha256: str = ""

    @cached_property
    def bid_fields(self) -> tuple[Field, ...]:
        """Every field of a bid in form order: fixed, the rubric's, then price."""
        return FIXED_FIELDS + self.fields + self.price_fields

    @cached_property
    def price_fields(self) -> tuple[Field, ...]:
        """``price_model`` and the parameters of every allowed pricing model."""
        return price_fields_of(self.pricing)

    @cached_property
    def field_index(self) -> dict[str, Field]:
        """Bid fields by id."""
        return {f.id: f for f in self.bid_fields}

    @cached_property
    def criterion_index(self) -> dict[str, Criterion]:
        """Criteria by id."""
        return {c.id: c for c in self.criteria}

    @cached_property
    def scored_criteria(self) -> tuple[Criterion, ...]:
        """Every criterion that gives points (all but gates)."""
        return tuple(c for c in self.criteria if c.kind is not Kind.GATE)

    @cached_property
    def panel_criteria(self) -> tuple[Criterion, ...]:
        """Criteria the judges score (tiered and judged)."""
        return tuple(c for c in self.criteria if c.kind.is_panel)

    @property
    def price_criterion(self) -> Criterion | None:
        """The price criterion, if the rubric scores price."""
        return next((c for c in self.criteria if c.kind is Kind.PRICE), None)

    @cached_property
    def groups(self) -> tuple[str, ...]:
        """Groups of the scored criteria: the standard four in order, then others as they appear."""
        present = [c.group for c in self.scored_criteria]
        known = [g for g in GROUP_ORDER if g in present]
        others = list(dict.fromkeys(g for g in present if g not in GROUP_ORDER))
        return tuple(known + others)

    @property
    def max_total(self) -> Decimal:
        """The sum of the criteria maxima."""
        return sum((c.max for c in self.scored_criteria), Decimal(0))

    def criterion_named(self, name: str) -> Criterion | None:
        """A criterion named by its id or, failing that, by its name in either language."""
        return _named(name, self.criteria, lambda c: (c.name.zh, c.name.en))


_Named = TypeVar("_Named", Tier, Criterion)


def _named(name: str, things: Iterable[_Named], names: Callable[[_Named], tuple[str, ...]]) -> _Named | None:
    """The thing whose id is ``name``, else the first whose name is: an id always wins over a name."""
    wanted = fold(name)
    return (next((t for t in things if fold(t.id) == wanted), None)
            or next((t for t in things if wanted in map(fold, names(t))), None))


def price_fields_of(pricing: Pricing) -> tuple[Field, ...]:
    """``price_model`` and the parameters of every model ``pricing`` allows, as bid fields."""
    model_field = Field(PRICE_MODEL_FIELD, Label("报价方式", "Pricing model"), FieldType.CHOICE,
                        choices=tuple(m.value for m in pricing.models), origin="price",
                        note=Label(" / ".join(m.label.zh for m in pricing.models),
                                   " / ".join(m.label.en for m in pricing.models)))
    parameters = tuple(
        Field(p.id, p.label, p.type, unit=None if p.unit == "CNY" else p.unit, non_negative=True, origin="price")
        for p in pricing.all_parameters()
    )
    return (model_field,) + parameters


FIXED_FIELDS = (
    Field("vendor_id", Label("统一社会信用代码", "Unified social credit code"), FieldType.TEXT,
          required=True, origin="fixed", note=Label("18位", "18 characters")),
    Field("vendor_name", Label("投标人名称", "Bidder name"), FieldType.TEXT, required=True, origin="fixed"),
    Field("sme", Label("中小企业", "Small or micro enterprise"), FieldType.BOOL, origin="fixed",
          note=Label("小微企业填“是”", "yes for a small or micro enterprise")),
)

# --------------------------------------------------------------------------- loading

_SLUG = re.compile(r"[a-z][a-z0-9_-]*")
_FIELD_ID = re.compile(r"[a-z][a-z0-9_]*")
_TOP_KEYS = {"id", "title", "currency", "decimals", "total", "candidates", "contract_months",
             "regime", "panel", "fields", "criteria", "pricing", "tender_number", "procurement_method"}
_PANEL_KEYS = {"aggregate", "trim", "min_judges_for_trim", "outlier_share"}
_FIELD_KEYS = {"id", "label", "type", "required", "unit", "choices", "note"}
_COMMON_KEYS = {"id", "name", "group", "kind", "description"}
_KIND_KEYS = {
    Kind.GATE: {"when", "reason"},
    Kind.CHECKLIST: {"max", "items"},
    Kind.COUNT: {"max", "field", "points_per_unit"},
    Kind.LINEAR: {"max", "field", "points"},
    Kind.TIERED: {"max", "tiers"},
    Kind.JUDGED: {"max"},
    Kind.PRICE: {"max", "method", "above_penalty", "below_penalty", "budget_ceiling",
                 "sme_deduction", "abnormal_low_share"},
}
_ITEM_KEYS = {"label", "points", "when"}
_TIER_KEYS = {"id", "label", "min", "max", "description"}
_CONDITION_KEYS = {"field", "op", "value"}
_PRICING_KEYS = {"demand", "models"}
_DEMAND_KEYS = {"seats", "calls_per_month", "sales_per_month", "devices", "units", "months"}
_NUMERIC = (FieldType.INTEGER, FieldType.NUMBER, FieldType.MONEY, FieldType.PERCENT)
MAX_TIER_GAP = Decimal("0.1")


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe YAML loader that refuses a key given twice in one mapping."""


def _mapping_without_duplicates(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    loader.flatten_mapping(node)  # resolve `<<: *anchor` merges before looking for repeats
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"key {key!r} appears twice", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_duplicates)


def load_rubric(path: str | Path) -> Rubric:
    """Read and check a rubric YAML file."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise RubricError([Problem(str(path), f"cannot read the rubric: {error.strerror}")]) from None
    return parse_rubric(data, str(path))


def parse_rubric(data: bytes | str, source: str) -> Rubric:
    """Check a rubric given as YAML text; ``source`` names it in messages."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        document = yaml.load(raw.decode("utf-8-sig"), Loader=_UniqueKeyLoader)
    except UnicodeDecodeError:
        raise RubricError([Problem(source, "expected a UTF-8 text file (YAML)")]) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise RubricError([Problem(source, f"{where}not valid YAML: {problem}")]) from None
    reader = _RubricReader(source)
    rubric = reader.read(document)
    if reader.problems or rubric is None:
        raise RubricError(reader.problems)
    return replace(rubric, source=source, sha256=hashlib.sha256(raw).hexdigest())


class _RubricReader:
    """Builds a Rubric from parsed YAML, collecting every problem on the way."""

    def __init__(self, source: str):
        self.source = source
        self.problems: list[Problem] = []
        self.tier_precision = 0  # most decimal places of any tier bound

    # -- reporting
    def fail(self, where: str | None, message: str) -> None:
        """Record a problem; ``where`` names the criterion, field or key it belongs to."""
        self.problems.append(Problem(self.source, f"{where}: {message}" if where and where != "top" else message))

    def keys(self, where: str | None, node: Mapping, allowed: set[str], required: Iterable[str] = ()) -> None:
        for key in node:
            if key not in allowed:
                self.fail(where, f"unknown key {key!r} (expected one of: {', '.join(sorted(allowed))})")
        for key in required:
            if key not in node:
                self.fail(where, f"missing {key!r}")

    def mapping(self, where: str | None, node: Any, what: str) -> Mapping | None:
        if not isinstance(node, Mapping):
            self.fail(where, f"{what} must be a mapping, found {type(node).__name__}")
            return None
        return node

    def label(self, where: str | None, node: Any, what: str) -> Label | None:
        if node is None:
            return None
        if not isinstance(node, Mapping) or set(node) != {"zh", "en"} or not all(
                isinstance(node[k], str) and node[k].strip() for k in ("zh", "en")):
            self.fail(where, f"{what} must give both {{zh: …, en: …}} texts, found {node!r}")
            return None
        return Label(node["zh"].strip(), node["en"].strip())

    def number(self, where: str | None, node: Any, what: str, *, positive: bool = False,
               non_negative: bool = False, at_most: Decimal | None = None, below: Decimal | None = None) -> Decimal | None:
        if node is None:
            return None
        if isinstance(node, bool) or not isinstance(node, (int, float, str)):
            self.fail(where, f"{what} must be a number, found {node!r}")
            return None
        try:
            value = to_decimal(node) if not isinstance(node, str) else Decimal(node.strip())
        except InvalidOperation:
            self.fail(where, f"{what} must be a number, found {node!r}")
            return None
        if not value.is_finite():
            self.fail(where, f"{what} must be a finite number, found {node!r}")
            return None
        if positive and value <= 0:
            self.fail(where, f"{what} must be more than 0, found {node}")
        elif non_negative and value < 0:
            self.fail(where, f"{what} must be 0 or more, found {node}")
        elif at_most is not None and value > at_most:
            self.fail(where, f"{what} must be at most {at_most}, found {node}")
        elif below is not None and value >= below:
            self.fail(where, f"{what} must be less than {below}, found {node}")
        return value

    def integer(self, where: str | None, node: Any, what: str, minimum: int) -> int | None:
        if node is None:
            return None
        if isinstance(node, bool) or not isinstance(node, int) or node < minimum:
            self.fail(where, f"{what} must be a whole number of at least {minimum}, found {node!r}")
            return None
        return node

    def enum(self, where: str | None, node: Any, cls: type[enum.Enum], what: str) -> Any:
        for member in cls:
            if node == member.value:
                return member
        choices = ", ".join(m.value for m in cls if m.value != "truthy")
        self.fail(where, f"unknown {what} {node!r} (expected one of: {choices})")
        return None

    # -- the document
    def read(self, doc: Any) -> Rubric | None:
        doc = self.mapping("top", doc, "the rubric")
        if doc is None:
            return None
        self.keys("top", doc, _TOP_KEYS, ("id", "title", "fields", "criteria"))
        rubric_id = doc.get("id")
        if not isinstance(rubric_id, str) or not _SLUG.fullmatch(rubric_id):
            self.fail("id", f"must be a slug (lower-case letters, digits, - and _), found {rubric_id!r}")
        title = self.label("title", doc.get("title"), "title")
        decimals = self.integer("decimals", doc.get("decimals", 2), "decimals", 0)
        if decimals is not None and decimals > 6:
            self.fail("decimals", f"must be at most 6, found {decimals}")
        candidates = self.integer("candidates", doc.get("candidates", 3), "candidates", 1)
        contract_months = self.number("contract_months", doc.get("contract_months"), "contract_months", positive=True)
        total = self.number("total", doc.get("total"), "total", positive=True)
        currency = doc.get("currency", "CNY")
        if currency != "CNY":
            self.fail("currency", f"only CNY is supported, found {currency!r}")
        regime = doc.get("regime")
        if regime is not None and not isinstance(regime, str):
            self.fail("regime", f"must be text, found {regime!r}")
        tender_number = doc.get("tender_number")
        if tender_number is not None and (isinstance(tender_number, bool) or not isinstance(tender_number, (str, int))
                                          or not str(tender_number).strip()):
            self.fail("tender_number", f"must be text such as \"ZB-2026-018\", found {tender_number!r}")
            tender_number = None
        method = self.label("procurement_method", doc.get("procurement_method"), "procurement_method")
        panel = self.panel(doc.get("panel", {}))
        pricing = self.pricing(doc.get("pricing"), contract_months)
        fields = self.fields(doc.get("fields"), pricing)
        field_index = {f.id: f for f in FIXED_FIELDS + fields + price_fields_of(pricing or Pricing())}
        criteria = self.criteria(doc.get("criteria"), field_index)
        # The fixed and price fields first, so that a clash names the rubric's own field.
        ordered = sorted(field_index.values(), key=lambda f: f.origin == "rubric")
        self.clashes(None, "field", "label", [(f.id, (f.label.zh, f.label.en, f.label.both())) for f in ordered])
        self.clashes(None, "criterion", "name", [(c.id, (c.name.zh, c.name.en)) for c in criteria])
        for c in criteria:
            self.clashes(f"criterion {c.id!r}", "tier", "label", [(t.id, (t.label.zh, t.label.en)) for t in c.tiers])
        if decimals is not None and self.tier_precision > decimals:
            self.fail("decimals", f"{decimals} is fewer than the {self.tier_precision} decimal place(s) of the tier "
                                  "bounds: a rounded panel score could fall outside its agreed tier")
        complete = isinstance(doc.get("criteria"), list) and len(criteria) == len(doc["criteria"])
        if total is not None and complete:
            scored = sum((c.max for c in criteria if c.kind is not Kind.GATE), Decimal(0))
            if scored != total:
                self.fail("total", f"the criteria maxima add up to {scored}, not the declared total {total}")
        if self.problems:
            return None
        counted = {c.field for c in criteria if c.kind is Kind.COUNT}
        fields = tuple(replace(f, non_negative=True) if f.id in counted else f for f in fields)
        return Rubric(
            id=rubric_id, title=title, fields=fields, criteria=criteria, currency=currency,
            decimals=decimals, total=total, candidates=candidates, contract_months=contract_months,
            regime=regime, panel=panel or PanelRules(), pricing=pricing or Pricing(),
            tender_number=None if tender_number is None else str(tender_number).strip(), procurement_method=method,
        )

    def clashes(self, where: str | None, what: str, called: str, things: list[tuple[str, tuple[str, ...]]]) -> None:
        """Refuse a name or label of one thing that is the id, name or label of another: a bid or panel
        workbook using it could not say which one it means."""
        owner: dict[str, tuple[str, str]] = {}  # folded spelling → (id, "id" or `called`)
        for tid, _ in things:
            owner.setdefault(fold(tid), (tid, "id"))
        for tid, names in things:
            for name in dict.fromkeys(names):
                other, kind = owner.setdefault(fold(name), (tid, called))
                if other != tid:
                    self.fail(where or f"{what} {tid!r}",
                              ("" if where is None else f"{what} {tid!r}: ") + f"{called} {name!r} is also the "
                              f"{kind} of {what} {other!r}; expected a {called} that names only one {what}")

    def panel(self, node: Any) -> PanelRules | None:
        node = self.mapping("panel", node, "panel")
        if node is None:
            return None
        self.keys("panel", node, _PANEL_KEYS)
        aggregate = self.enum("panel", node.get("aggregate", "mean"), Aggregate, "aggregate")
        trim = self.integer("panel", node.get("trim", 1), "trim", 0)
        least = self.integer("panel", node.get("min_judges_for_trim", 5), "min_judges_for_trim", 1)
        share = self.number("panel", node.get("outlier_share", "0.2"), "outlier_share", positive=True,
                            at_most=Decimal(1))
        if trim is not None and least is not None and least <= 2 * trim:
            self.fail("panel", f"min_judges_for_trim ({least}) must be more than 2 × trim ({trim}), "
                               "or trimming would leave no score")
        if aggregate is Aggregate.TRIMMED_MEAN and trim == 0:
            self.fail("panel", "trimmed_mean needs trim of at least 1")
        if None in (aggregate, trim, least, share):
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
            key: self.number("pricing.demand", demand_node.get(key), key, positive=True)
            for key in ("seats", "calls_per_month", "sales_per_month", "devices", "months")
        }
        if figures["months"] is None:
            figures["months"] = contract_months
        units: list[tuple[str, Decimal]] = []
        units_node = demand_node.get("units")
        if units_node is not None:
            units_node = self.mapping("pricing.demand", units_node, "units") or {}
            for unit, count in units_node.items():
                if not isinstance(unit, str) or not _FIELD_ID.fullmatch(unit):
                    self.fail("pricing.demand", f"unit {unit!r} must be a lower-case id (it names the field rate_<unit>)")
                value = self.number("pricing.demand", count, f"units.{unit}", positive=True)
                if value is not None:
                    units.append((str(unit), value))
        demand = Demand(units=tuple(units), **figures)
        models_node = node.get("models")
        models: list[PricingModel] = []
        if not isinstance(models_node, list) or not models_node:
            self.fail("pricing", f"models must be a non-empty list, found {models_node!r}")
        else:
            for name in models_node:
                model = self.enum("pricing", name, PricingModel, "pricing model")
                if model is None:
                    continue
                if model in models:
                    self.fail("pricing", f"pricing model {name!r} is listed twice")
                    continue
                models.append(model)
                missing = demand.missing_for(model)
                if missing:
                    self.fail("pricing", f"model {model.value} needs demand figure(s) {', '.join(missing)}"
                                         + (" (months from demand.months or contract_months)" if "months" in missing else ""))
        return Pricing(demand, tuple(models))

    def fields(self, node: Any, pricing: Pricing | None) -> tuple[Field, ...]:
        if not isinstance(node, list):
            self.fail("top", f"fields must be a list, found {node!r}")
            return ()
        reserved = set(FIXED_FIELD_IDS) | {PRICE_MODEL_FIELD}
        if pricing is not None:
            reserved |= {p.id for p in pricing.all_parameters()}
        else:
            reserved |= {"total_price"}
        out: list[Field] = []
        seen: set[str] = set()
        for index, item in enumerate(node, 1):
            fid = item.get("id") if isinstance(item, Mapping) else None
            where = f"field {fid!r}" if isinstance(fid, str) else f"field #{index}"
            item = self.mapping(where, item, "a field")
            if item is None:
                continue
            self.keys(where, item, _FIELD_KEYS, ("id", "label", "type"))
            if not isinstance(fid, str) or not _FIELD_ID.fullmatch(fid):
                self.fail(where, "id must be a lower-case identifier (letters, digits, _)")
                continue
            if fid in seen:
                self.fail(where, "is defined twice")
            if fid in reserved:
                self.fail(where, "clashes with a fixed or price field of the same id")
            seen.add(fid)
            label = self.label(where, item.get("label"), "label")
            kind = self.enum(where, item.get("type"), FieldType, "type")
            required = item.get("required", False)
            if not isinstance(required, bool):
                self.fail(where, f"required must be true or false, found {required!r}")
            unit = item.get("unit")
            if unit is not None and not isinstance(unit, str):
                self.fail(where, f"unit must be text, found {unit!r}")
            if kind is FieldType.MONEY and unit not in (None, "CNY", TEN_THOUSAND_UNIT):
                self.fail(where, f"a money field's unit must be CNY or {TEN_THOUSAND_UNIT!r}, found {unit!r}")
            choices = item.get("choices")
            if kind is FieldType.CHOICE:
                if not isinstance(choices, list) or not choices or not all(isinstance(c, str) and c.strip() for c in choices):
                    self.fail(where, "a choice field needs choices: a non-empty list of texts")
                    choices = []
                elif len({fold(c) for c in choices}) != len(choices):
                    self.fail(where, "choices repeat themselves")
            elif choices is not None:
                self.fail(where, "choices are only for a choice field")
            note = self.label(where, item.get("note"), "note")
            if label is None or kind is None:
                continue
            out.append(Field(fid, label, kind, required is True, None if unit == "CNY" else unit,
                             tuple(c.strip() for c in choices or ()), note))
        return tuple(out)

    def criteria(self, node: Any, fields: Mapping[str, Field]) -> tuple[Criterion, ...]:
        if not isinstance(node, list) or not node:
            self.fail("top", f"criteria must be a non-empty list, found {node!r}")
            return ()
        out: list[Criterion] = []
        seen: set[str] = set()
        for index, item in enumerate(node, 1):
            cid = item.get("id") if isinstance(item, Mapping) else None
            where = f"criterion {cid!r}" if isinstance(cid, str) and cid else f"criterion #{index}"
            item = self.mapping(where, item, "a criterion")
            if item is None:
                continue
            if not isinstance(cid, str) or not _SLUG.fullmatch(cid):
                self.fail(where, f"id must be a slug (lower-case letters, digits, - and _), found {cid!r}")
            elif cid in seen:
                self.fail(where, "the id is used twice")
            seen.add(cid)
            kind = self.enum(where, item.get("kind"), Kind, "kind")
            if kind is None:
                continue
            self.keys(where, item, _COMMON_KEYS | _KIND_KEYS[kind], ("id", "name", "group", "kind"))
            criterion = self.criterion(where, str(cid), kind, item, fields)
            if criterion is not None:
                out.append(criterion)
        if sum(1 for c in out if c.kind is Kind.PRICE) > 1:
            self.fail("top", "a rubric may have only one price criterion")
        return tuple(out)

    def criterion(self, where: str, cid: str, kind: Kind, item: Mapping, fields: Mapping[str, Field]) -> Criterion | None:
        name = self.label(where, item.get("name"), "name")
        description = self.label(where, item.get("description"), "description")
        group = item.get("group")
        if not isinstance(group, str) or not _SLUG.fullmatch(group):
            self.fail(where, f"group must be a slug such as commercial, found {group!r}")
        top = None
        if kind is not Kind.GATE:
            top = self.number(where, item.get("max"), "max", positive=True)
            if "max" not in item:
                self.fail(where, "missing 'max'")
        extra: dict[str, Any] = {}
        if kind is Kind.GATE:
            extra["when"] = self.condition(where, item.get("when"), fields)
            extra["reason"] = self.label(where, item.get("reason"), "reason")
        elif kind is Kind.CHECKLIST:
            extra["items"] = self.items(where, item.get("items"), fields)
        elif kind is Kind.COUNT:
            extra["field"] = self.field_ref(where, item.get("field"), fields, (FieldType.INTEGER, FieldType.NUMBER, FieldType.MONEY))
            extra["points_per_unit"] = self.number(where, item.get("points_per_unit"), "points_per_unit", positive=True)
            if "points_per_unit" not in item:
                self.fail(where, "missing 'points_per_unit'")
        elif kind is Kind.LINEAR:
            extra["field"] = self.field_ref(where, item.get("field"), fields, _NUMERIC)
            extra["points"] = self.points(where, item.get("points"), fields.get(extra["field"] or ""), top)
        elif kind is Kind.TIERED:
            extra["tiers"] = self.tiers(where, item.get("tiers"), top)
        elif kind is Kind.PRICE:
            extra.update(self.price(where, item))
        if name is None or top is None and kind is not Kind.GATE or not isinstance(group, str):
            return None
        if any(value is None for key, value in extra.items() if key in ("when", "field", "points_per_unit")):
            return None
        return Criterion(id=cid, name=name, group=group, kind=kind, max=top or Decimal(0),
                         description=description, **extra)

    def field_ref(self, where: str, node: Any, fields: Mapping[str, Field], types: tuple[FieldType, ...]) -> str | None:
        if node not in fields:
            self.fail(where, f"unknown field {node!r}")
            return None
        if fields[node].type not in types:
            self.fail(where, f"field {node!r} is {fields[node].type.value}; expected one of "
                             + ", ".join(t.value for t in types))
            return None
        return node

    def condition(self, where: str, node: Any, fields: Mapping[str, Field]) -> Condition | None:
        node = self.mapping(where, node, "when")
        if node is None:
            return None
        self.keys(where, node, _CONDITION_KEYS, ("field",))
        name = node.get("field")
        if name not in fields:
            self.fail(where, f"condition on unknown field {name!r}")
            return None
        target = fields[name]
        if "op" not in node:
            if "value" in node:
                self.fail(where, "a condition with a value needs an op")
            return Condition(name, Op.TRUTHY)
        op = self.enum(where, node["op"], Op, "op")
        if op is None:
            return None
        if op in (Op.LT, Op.LE, Op.GT, Op.GE) and target.type not in _NUMERIC:
            self.fail(where, f"op {op.value} needs a numeric field; {name!r} is {target.type.value}")
            return None
        if "value" not in node:
            self.fail(where, f"op {op.value} needs a value")
            return None
        if op is Op.IN:
            if not isinstance(node["value"], list) or not node["value"]:
                self.fail(where, "op in needs a non-empty list as its value")
                return None
            values = [self.parse_value(where, target, v) for v in node["value"]]
            return None if any(v is None for v in values) else Condition(name, op, tuple(values))
        value = self.parse_value(where, target, node["value"])
        return None if value is None else Condition(name, op, value)

    def parse_value(self, where: str, target: Field, raw: Any) -> Any:
        try:
            value = target.parse(raw)
        except ValueProblem as problem:
            self.fail(where, f"value {raw!r} does not parse as field {target.id!r}: expected {problem.expected}")
            return None
        if value is None:
            self.fail(where, f"value for field {target.id!r} is empty")
        return value

    def items(self, where: str, node: Any, fields: Mapping[str, Field]) -> tuple[ChecklistItem, ...]:
        if not isinstance(node, list) or not node:
            self.fail(where, "a checklist needs items: a non-empty list")
            return ()
        out = []
        for index, item in enumerate(node, 1):
            item = self.mapping(where, item, f"item {index}")
            if item is None:
                continue
            self.keys(where, item, _ITEM_KEYS, ("label", "points", "when"))
            label = self.label(where, item.get("label"), f"item {index} label")
            points = self.number(where, item.get("points"), f"item {index} points", positive=True)
            when = self.condition(where, item.get("when"), fields)
            if label and points is not None and when:
                out.append(ChecklistItem(label, points, when))
        return tuple(out)

    def points(self, where: str, node: Any, target: Field | None, top: Decimal | None) -> tuple:
        if not isinstance(node, list) or len(node) < 2:
            self.fail(where, "points must list at least two [x, y] pairs")
            return ()
        out: list[tuple[Decimal, Decimal]] = []
        for pair in node:
            if not isinstance(pair, list) or len(pair) != 2:
                self.fail(where, f"each point must be [x, y], found {pair!r}")
                return ()
            x = self.parse_value(where, target, pair[0]) if target else None
            y = self.number(where, pair[1], "y", non_negative=True)
            if x is None or y is None:
                return ()
            if top is not None and y > top:
                self.fail(where, f"y {pair[1]} lies outside 0..{top}")
            if out and x <= out[-1][0]:
                self.fail(where, f"x values must be strictly increasing: {pair[0]} after {out[-1][0]}")
            out.append((Decimal(x), y))
        return tuple(out)

    def tiers(self, where: str, node: Any, top: Decimal | None) -> tuple[Tier, ...]:
        if not isinstance(node, list) or not node:
            self.fail(where, "a tiered criterion needs tiers: a non-empty list")
            return ()
        out: list[Tier] = []
        ids: set[str] = set()
        for index, item in enumerate(node, 1):
            item = self.mapping(where, item, f"tier {index}")
            if item is None:
                return ()
            self.keys(where, item, _TIER_KEYS, ("id", "label", "min", "max"))
            tid = item.get("id")
            if not isinstance(tid, str) or not tid.strip():
                self.fail(where, f"tier {index} needs an id")
                return ()
            if tid in ids:
                self.fail(where, f"tier id {tid!r} is used twice")
            ids.add(tid)
            label = self.label(where, item.get("label"), f"tier {tid} label")
            low = self.number(where, item.get("min"), f"tier {tid} min", non_negative=True)
            high = self.number(where, item.get("max"), f"tier {tid} max", non_negative=True)
            description = self.label(where, item.get("description"), f"tier {tid} description")
            if label is None or low is None or high is None:
                return ()
            if low > high:
                self.fail(where, f"tier {tid} runs from {low} down to {high}")
            if not out and low != 0:
                self.fail(where, f"the first tier must start at 0, not {low}")
            if out:
                end = out[-1].max
                if low <= end:
                    self.fail(where, f"tier {tid} ({low}–{high}) overlaps tier {out[-1].id} ({out[-1].min}–{end})")
                elif low - end > MAX_TIER_GAP:
                    self.fail(where, f"tier {tid} starts at {low}, leaving a gap after {out[-1].id} ending at {end} "
                                     f"(at most {MAX_TIER_GAP})")
            out.append(Tier(tid, label, low, high, description))
        if top is not None and out and out[-1].max != top:
            self.fail(where, f"the last tier must end at max {top}, not {out[-1].max}")
        self.tier_precision = max([self.tier_precision] + [-t.min.as_tuple().exponent for t in out]
                                  + [-t.max.as_tuple().exponent for t in out])
        return tuple(out)

    def price(self, where: str, item: Mapping) -> dict[str, Any]:
        method = self.enum(where, item.get("method"), PriceMethod, "price method")
        out: dict[str, Any] = {"method": method}
        for key in ("above_penalty", "below_penalty"):
            out[key] = self.number(where, item.get(key), key, non_negative=True)
        if method is PriceMethod.BENCHMARK_DEVIATION and (out["above_penalty"] is None or out["below_penalty"] is None):
            self.fail(where, "benchmark_deviation needs above_penalty and below_penalty (points per 1 %)")
        elif method is not PriceMethod.BENCHMARK_DEVIATION and ("above_penalty" in item or "below_penalty" in item):
            self.fail(where, "above_penalty and below_penalty belong to benchmark_deviation only")
        out["budget_ceiling"] = self.number(where, item.get("budget_ceiling"), "budget_ceiling", positive=True)
        out["sme_deduction"] = self.number(where, item.get("sme_deduction"), "sme_deduction",
                                           non_negative=True, below=Decimal(1))
        out["abnormal_low_share"] = self.number(where, item.get("abnormal_low_share"), "abnormal_low_share",
                                                positive=True, at_most=Decimal(1))
        return out
