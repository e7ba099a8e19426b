"""The rubric: what a bid must state and how each criterion is scored.

One small frozen type per criterion kind (:class:`Gate`, :class:`Checklist`,
:class:`Count`, :class:`Linear`, :class:`Tiered`, :class:`Judged`, and
:class:`Price` with one subclass per price method), each checked when it is
built: a criterion whose parts do not fit together raises
:class:`InvalidCriterion` with every mistake as data.
Reading a rubric from YAML (formats.md §1) is :mod:`bideval.rubric_yaml`;
``load_rubric`` and ``parse_rubric`` are importable from here too.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field as dc_field
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Iterable, Mapping, TypeVar

from .benchmark import BenchmarkRule, DeviationRounding
from .currency import money_amount
from .errors import Expected
from .groups import Group, weighted_max
from .labels import Label, Named
from .sme import NOT_SME, SmeCategory, category_rate, parse_sme_category
from .pricing import DISCOUNT_RATE_FIELD, PRICE_MODEL_FIELD, Pricing, PricingModel, percent_text
from .values import (TEN_THOUSAND_UNIT, FieldType, ValueProblem, fold, name_key, parse_discount_rate, parse_vendor_id,
                     parse_vendor_name, parser_for, plain_number)

if TYPE_CHECKING:
    from .result import Reason


class Kind(enum.Enum):
    """How a criterion is scored."""

    GATE = "gate"
    CHECKLIST = "checklist"
    COUNT = "count"
    LINEAR = "linear"
    TIERED = "tiered"
    JUDGED = "judged"
    PRICE = "price"
    DEDUCTION = "deduction"
    PENALTY = "penalty"

    @property
    def is_panel(self) -> bool:
        """Scored by the judges rather than computed from the bid."""
        return self in (Kind.TIERED, Kind.JUDGED)


class PriceMethod(enum.Enum):
    """How evaluated prices become price scores (each method's criterion type: ``PRICE_TYPES``)."""

    LOWEST_RATIO = "lowest_ratio"
    LINEAR_MINMAX = "linear_minmax"
    BENCHMARK_DEVIATION = "benchmark_deviation"
    RATIO = "ratio"  # max × B / E, capped at max (bideval.benchmark)
    DEVIATION = "deviation"  # max − penalty × |d| from B, |d| counted as the rubric says
    RELATIVE_TO_LOWEST = "relative_to_lowest"  # max × (1 − (E − E_min) / E_min)


class ProcurementObject(enum.Enum):
    """What an Order 87 tender buys (采购标的), which sets the least share of the total its price may carry."""

    GOODS = "goods"  # 货物项目: price at least 30 % of the total (Order 87 art. 55)
    SERVICES = "services"  # 服务项目: at least 10 %

    @property
    def price_floor(self) -> Decimal:
        """The least share of the total the price may carry under Order 87 art. 55."""
        return ORDER87_PRICE_FLOORS[self]

    @property
    def label(self) -> Label:
        """What a tender calls it (采购标的: 货物, 服务), so ``procurement_object: 货物`` is told to write goods."""
        return Label("货物", "goods") if self is ProcurementObject.GOODS else Label("服务", "services")


class Aggregate(enum.Enum):
    """How the judges' scores for one bid and criterion are combined."""

    MEAN = "mean"
    TRIMMED_MEAN = "trimmed_mean"
    CONSENSUS = "consensus"  # the chair enters the panel's agreed score after every judge has submitted


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
ORDER87 = "order87"  # `regime:` of a tender under Order 87 (政府采购货物和服务招标投标管理办法): 综合评分法 scores price
ORDER87_PRICE_FLOORS = {ProcurementObject.GOODS: Decimal("0.3"), ProcurementObject.SERVICES: Decimal("0.1")}
MAX_TIER_GAP = Decimal("0.1")  # tiers are 0–5, 5.1–10, 10.1–15: each starts at most 0.1 above the last …
MAX_DECIMALS = 6


def tier_step(places: int) -> Decimal:
    """The most a tier may start above the previous one's end: one score step at ``places`` decimal places, and at
    least 0.1 (… or, with whole-point scores, 0–10, 11–20, 21–30: the standards' 一档0–10分、二档11–20分).

    >>> tier_step(2), tier_step(1), tier_step(0)
    (Decimal('0.1'), Decimal('0.1'), Decimal('1'))
    """
    return max(MAX_TIER_GAP, Decimal(1).scaleb(-places))


def overlap_fix(lower_min: Decimal, lower_max: Decimal, upper_min: Decimal, upper_max: Decimal,
                step: Decimal) -> dict[str, Decimal | None]:
    """Where the upper of two overlapping tiers could start (``start``) or the lower end (``end``) so the two no
    longer overlap, ``step`` apart: 优 8–10 and 良 6–8, as standards print them, become 优 8.1–10 (8 is 良) or
    良 6–7.9 (8 is 优). None where the tier would then be empty.

    >>> overlap_fix(Decimal(6), Decimal(8), Decimal(8), Decimal(10), Decimal(1))
    {'start': Decimal('9'), 'end': Decimal('7')}
    """
    start, end = lower_max + step, upper_min - step
    return {"start": start if start <= upper_max else None, "end": end if end >= lower_min else None}


def is_order87(regime: object) -> bool:
    """Whether a rubric's ``regime`` (as written: any case, full-width letters) puts the tender under Order 87.

    >>> is_order87("ORDER87"), is_order87("ｏｒｄｅｒ87"), is_order87(None), is_order87(87)
    (True, True, False, False)
    """
    return isinstance(regime, str) and fold(regime) == ORDER87


def fix_step(step: Decimal | None, places: int | None) -> Decimal:
    """How far apart an overlap's fix puts two tiers: the criterion's ``step``, else :func:`tier_step` of the places
    its scores are rounded to (its own ``decimals``, else the rubric's, which the rubric's reader knows), else 0.1."""
    if step is not None and step > 0:
        return step
    return MAX_TIER_GAP if places is None else tier_step(places)


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
    currency: str = "CNY"  # the tender's: a money cell in another currency's notation is refused
    example: str | None = None  # a percent field's example on the bid form (如 5%), as a bidder would type it

    @property
    def money_unit(self) -> tuple[str, int]:
        """A money field's unit as :func:`~bideval.currency.money_units_named` counts one: ``('CNY', 10000)`` for 万元."""
        return self.currency, 10000 if self.unit == TEN_THOUSAND_UNIT else 1

    @cached_property
    def parse(self) -> Callable[[object], Any]:
        """The parser turning a cell into this field's value (None when empty)."""
        if self.id == PRICE_MODEL_FIELD:  # its choices: the ids of the models the tender allows
            return partial(parse_price_model, allowed=tuple(map(PricingModel, self.choices)) or tuple(PricingModel))
        if self.id == DISCOUNT_RATE_FIELD and self.origin == "price":
            return parse_discount_rate
        if self.id == "vendor_name":
            return parse_vendor_name
        if self.id == "vendor_id":
            return parse_vendor_id
        return parser_for(self.type, self.unit, self.choices, self.non_negative, self.currency, self.example)

    def expected(self) -> str:
        """What a cell of this field must hold, in words."""
        try:
            self.parse(object())
        except ValueProblem as problem:
            return problem.expected
        return self.type.value  # pragma: no cover


def parse_price_model(raw: object, allowed: tuple[PricingModel, ...] = tuple(PricingModel)) -> PricingModel | None:
    """A pricing model named by its id, its label in either language or both as the bid form's hint writes them
    (:meth:`PricingModel.from_alias`). Any model is read (one the tender does not allow makes the bid invalid, with
    its reason); text naming none is refused listing the ``allowed`` models, as the form's hint does.

    >>> parse_price_model(" 按通计费 (Per call) "), parse_price_model("")
    (<PricingModel.PER_CALL: 'per_call'>, None)
    """
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    model = PricingModel.from_alias(str(raw)) if isinstance(raw, str) else None
    if model is None:
        raise ValueProblem(Expected("price_model", {"models": tuple(Named(m.value, m.label) for m in allowed)}), raw)
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
class Mistake:
    """One thing wrong with a criterion as built: its code (``rubric.<code>`` in bideval.messages, which words it
    in both languages) and its facts."""

    code: str
    data: Mapping[str, Any] = dc_field(default_factory=dict, compare=False, hash=False)

    @classmethod
    def of(cls, code: str, **facts: Any) -> "Mistake":
        """The mistake ``code`` with its facts."""
        return cls(code, facts)

    @property
    def message(self) -> str:
        """The command line's English."""
        from .messages import sentence

        return sentence(f"rubric.{self.code}", self.data, "en", ids=True)


class InvalidCriterion(ValueError):
    """A criterion whose parts do not fit together (tiers overlapping, points out of order …)."""

    def __init__(self, criterion: str, mistakes: Iterable[Mistake]):
        self.criterion = criterion
        self.mistakes = tuple(mistakes)
        super().__init__(f"criterion {criterion!r}: " + "; ".join(m.message for m in self.mistakes))


@dataclass(frozen=True, kw_only=True)
class Criterion:
    """One line of the scoring standard; each kind is a subclass checked when it is built."""

    kind: ClassVar[Kind]
    id: str
    name: Label
    group: str
    max: Decimal = Decimal(0)
    description: Label | None = None
    decimals: int | None = None  # rounding of this criterion's score; None: the rubric's
    scale_to_best: bool = False  # max × score / the best score among the bids still in (issue 7, item 6)

    def __post_init__(self) -> None:
        mistakes = self.mistakes()
        if mistakes:
            raise InvalidCriterion(self.id, mistakes)

    def mistakes(self) -> list[Mistake]:
        """What is wrong with this criterion as built (nothing, for a good one)."""
        out = []
        if self.max <= 0:
            out.append(Mistake.of("max_not_positive", max=self.max))
        if self.decimals is not None and not 0 <= self.decimals <= MAX_DECIMALS:
            out.append(Mistake.of("criterion_decimals", decimals=self.decimals, most=MAX_DECIMALS))
        if self.scale_to_best and self.kind in (Kind.PRICE, Kind.PENALTY):
            out.append(Mistake.of("scale_not_applicable", kind=self.kind.value))
        return out

    @property
    def is_panel(self) -> bool:
        """Scored by the judges rather than computed from the bid."""
        return self.kind.is_panel

    @property
    def is_scored(self) -> bool:
        """Gives points (every kind but a gate)."""
        return True

    @property
    def fields_read(self) -> tuple[str, ...]:
        """The bid fields this criterion reads."""
        return ()

    @property
    def points_range(self) -> tuple[Decimal, Decimal]:
        """The lowest and highest score the criterion can give (a penalty's are −max and 0)."""
        return Decimal(0), self.max

    @property
    def adds_to_total(self) -> Decimal:
        """What the criterion adds to the rubric's full marks (a penalty adds nothing: its best is 0)."""
        return self.max if self.is_scored else Decimal(0)


@dataclass(frozen=True, kw_only=True)
class Gate(Criterion):
    """Pass/fail: a failed gate makes the bid invalid."""

    kind: ClassVar[Kind] = Kind.GATE
    when: Condition
    reason: Label | None = None

    def mistakes(self) -> list[Mistake]:
        return []

    def failure_reason(self) -> "Reason":
        """Why a bid that fails the gate is invalid: its ``reason``, else 未满足：<name> / not met: <name> (the name
        alone, ``qual: 监理资质``, read as a qualification the bid holds, not one it lacks)."""
        from .result import Reason

        if self.reason is not None:
            return Reason(self.id, self.reason)
        return Reason.said(self.id, "reason.gate_not_met", criterion=Named(self.id, self.name))

    @property
    def failure(self) -> Label:
        """What a bid that fails the gate is told, in both languages."""
        return self.failure_reason().text

    @property
    def is_scored(self) -> bool:
        return False

    @property
    def fields_read(self) -> tuple[str, ...]:
        return (self.when.field,)


@dataclass(frozen=True, kw_only=True)
class Checklist(Criterion):
    """The points of the items whose condition holds, capped at max."""

    kind: ClassVar[Kind] = Kind.CHECKLIST
    items: tuple[ChecklistItem, ...]

    def mistakes(self) -> list[Mistake]:
        out = super().mistakes()
        if not self.items:
            out.append(Mistake.of("items_missing", kind=self.kind.value))
        return out

    @property
    def fields_read(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(item.when.field for item in self.items))


@dataclass(frozen=True, kw_only=True)
class Count(Criterion):
    """``points_per_unit`` × a bid's number, capped at max."""

    kind: ClassVar[Kind] = Kind.COUNT
    field: str
    points_per_unit: Decimal

    def mistakes(self) -> list[Mistake]:
        out = super().mistakes()
        if self.points_per_unit <= 0:
            out.append(Mistake.of("points_per_unit", points_per_unit=self.points_per_unit))
        return out

    @property
    def fields_read(self) -> tuple[str, ...]:
        return (self.field,)


@dataclass(frozen=True, kw_only=True)
class Linear(Criterion):
    """Piecewise linear through ``points`` (x ascending), clamped at both ends."""

    kind: ClassVar[Kind] = Kind.LINEAR
    field: str
    points: tuple[tuple[Decimal, Decimal], ...]

    def mistakes(self) -> list[Mistake]:
        out = super().mistakes()
        if len(self.points) < 2:
            out.append(Mistake.of("points_too_few"))
        for (x0, _), (x, _) in zip(self.points, self.points[1:]):
            if x <= x0:
                out.append(Mistake.of("points_order", x=x, previous=x0))
        for _, y in self.points:
            if not 0 <= y <= self.max:
                out.append(Mistake.of("point_outside", y=y, range=(Decimal(0), self.max)))
        return out

    @property
    def fields_read(self) -> tuple[str, ...]:
        return (self.field,)


def first_on_step(low: Decimal, step: Decimal) -> Decimal:
    """The first multiple of ``step`` at or above ``low``."""
    return (low / step).to_integral_value(rounding=ROUND_CEILING) * step


def step_scores(low: Decimal, high: Decimal, step: Decimal) -> tuple[Decimal, ...]:
    """Every multiple of ``step`` from ``low`` to ``high``, highest first (none when no multiple lies there).

    >>> step_scores(Decimal(13), Decimal(18), Decimal(1))[:2], step_scores(Decimal("5.2"), Decimal("5.8"), Decimal(1))
    ((Decimal('18'), Decimal('17')), ())
    """
    first = first_on_step(low, step)
    count = int((high - first) // step) + 1 if first <= high else 0
    return tuple(first + step * k for k in reversed(range(count)))


@dataclass(frozen=True, kw_only=True)
class Stepped(Criterion):
    """A panel criterion whose judges may be held to multiples of a step (``step: 1``: whole points); the panel's
    score, a mean of such scores, keeps the criterion's decimals."""

    step: Decimal | None = None

    @property
    def step_refused(self) -> bool:
        """A step of 0 or less: refused, and no score can be checked against it."""
        return self.step is not None and self.step <= 0

    def mistakes(self) -> list[Mistake]:
        out = super().mistakes()
        if self.step_refused:
            out.append(Mistake.of("step_not_positive", step=self.step))
        return out

    def on_step(self, score: Decimal) -> bool:
        """Whether a judge's score is a multiple of the step (any score, without one)."""
        return self.step is None or score % self.step == 0


@dataclass(frozen=True, kw_only=True)
class Tiered(Stepped):
    """The panel agrees each bid's tier; every judge scores inside it (on the step, if one is set)."""

    kind: ClassVar[Kind] = Kind.TIERED
    tiers: tuple[Tier, ...]

    def mistakes(self) -> list[Mistake]:
        out = super().mistakes()
        if not self.tiers:
            return out + [Mistake.of("tiers_missing")]
        ordered = self.lowest_first
        ids: set[str] = set()
        for before, tier in zip((None,) + ordered, ordered):
            facts = {"tier": tier.id, "range": (tier.min, tier.max)}
            if tier.id in ids:
                out.append(Mistake.of("tier_twice", **facts))
            ids.add(tier.id)
            if tier.min < 0 or tier.max < 0:
                out.append(Mistake.of("tier_negative", **facts))
            if tier.min > tier.max:
                out.append(Mistake.of("tier_reversed", **facts))
            elif self.step is not None and not self.step_refused and first_on_step(tier.min, self.step) > tier.max:
                out.append(Mistake.of("tier_no_score", **facts, step=self.step))
            if before is None:
                if tier.min != 0:
                    out.append(Mistake.of("tier_first", **facts))
            elif tier.min <= before.max:
                out.append(Mistake.of("tier_overlap", **facts, other=before.id, other_range=(before.min, before.max),
                                      **overlap_fix(before.min, before.max, tier.min, tier.max,
                                                  fix_step(self.step, self.decimals))))
        if ordered[-1].max != self.max:
            out.append(Mistake.of("tier_last", tier=ordered[-1].id, max=self.max, last=ordered[-1].max))
        return out


    @property
    def lowest_first(self) -> tuple[Tier, ...]:
        """The tiers from the lowest up, however the rubric lists them (优 first, as standards print the table, or
        一档 first): their overlaps and gaps are between neighbours in this order."""
        return tuple(sorted(self.tiers, key=lambda t: (t.min, t.max)))

    def rounding_mistakes(self, places: int) -> list[Mistake]:
        """What is wrong with the tiers for scores rounded to ``places`` (the criterion's own decimals, else the
        rubric's, which only the rubric knows): a bound with more places, where a rounded panel score could fall
        outside its agreed tier; else a tier starting more than one score step (:func:`tier_step`) above the
        previous one's end, which leaves scores the criterion keeps belonging to no tier — unless the criterion's
        ``step`` leaves no score a judge may give between them (0–12, 13–18 with ``step: 1``). A judge's score must
        lie inside the agreed tier, and bounds with no more places than the scores keep the rounded panel score
        there too, so no panel score ever falls between two tiers."""
        precision = max(-int(b.as_tuple().exponent) for t in self.tiers for b in (t.min, t.max))
        if precision > places:
            return [Mistake.of("tier_decimals", criterion=self.id, decimals=places, tier_decimals=max(precision, 0),
                               own=self.decimals is not None)]
        step = tier_step(places)
        out = []
        ordered = self.lowest_first
        for before, tier in zip(ordered, ordered[1:]):
            if tier.min - before.max > step and not self.steps_across(before, tier):
                # with a step, the gap and the fix are in it (start t2 at 6 after 0–5, step: 1), not at 0.1
                above = self.above_on_step(before.max)
                whole = places > 0 and tier.min - before.max == 1 and all(
                    b == b.to_integral_value() for t in self.tiers for b in (t.min, t.max))
                out.append(Mistake.of("tier_gap", tier=tier.id, range=(tier.min, tier.max), other=before.id,
                                      other_range=(before.min, before.max), gap=step if above is None else self.step,
                                      places=places, start=before.max + step if above is None else above,
                                      whole=whole, step=None if above is None else self.step))
        return out

    def above_on_step(self, score: Decimal) -> Decimal | None:
        """The first multiple of the step above ``score`` (13 after 12 with ``step: 1``); None without a step."""
        if self.step is None or self.step_refused:
            return None
        return (score / self.step).to_integral_value(rounding=ROUND_FLOOR) * self.step + self.step

    def steps_across(self, lower: Tier, upper: Tier) -> bool:
        """Whether the step leaves no score a judge may give between two neighbouring tiers: ``upper`` starts at or
        below the first multiple of the step above ``lower``'s end (13 after 12 with ``step: 1``)."""
        above = self.above_on_step(lower.max)
        return above is not None and upper.min <= above  # no multiple of the step lies strictly between the two

    def tier(self, name: str) -> Tier | None:
        """The tier named by its id or, failing that, by its label in either language, both (``三档 / Tier 3``), or its
        id and label as the score sheet's tier column writes them (``t3 三档``), or as people add the id to a label
        (``t3 / 三档``, ``三档（t3）``); spaces between the parts do not matter."""
        found = _named(name, self.tiers, lambda t: (t.label.zh, t.label.en))
        if found is not None:
            return found
        wanted = name_key(name)
        return next((t for t in self.tiers if wanted in _tier_spellings(t)), None)


@dataclass(frozen=True)
class DeductionItem:
    """One kind of shortfall: the bid field counting it (a number, or yes for one) and the points per occurrence."""

    label: Label
    field: str
    points: Decimal


@dataclass(frozen=True, kw_only=True)
class Deduction(Criterion):
    """扣分制: max less the points of every shortfall the bid counts, never below 0."""

    kind: ClassVar[Kind] = Kind.DEDUCTION
    items: tuple[DeductionItem, ...]

    def mistakes(self) -> list[Mistake]:
        out = super().mistakes()
        if not self.items:
            out.append(Mistake.of("items_missing", kind=self.kind.value))
        for index, item in enumerate(self.items, 1):
            if item.points <= 0:
                out.append(Mistake.of("item_points", item=index, points=item.points))
        fields = [item.field for item in self.items]
        for field in dict.fromkeys(f for f in fields if fields.count(f) > 1):
            out.append(Mistake.of("item_field_twice", field_id=field))
        return out

    @property
    def fields_read(self) -> tuple[str, ...]:
        return tuple(item.field for item in self.items)


@dataclass(frozen=True, kw_only=True)
class Penalty(Deduction):
    """A penalty taken off the total (不良记录每项扣2分): 0 down to −max, shown negative."""

    kind: ClassVar[Kind] = Kind.PENALTY

    @property
    def points_range(self) -> tuple[Decimal, Decimal]:
        return -self.max, Decimal(0)

    @property
    def adds_to_total(self) -> Decimal:
        return Decimal(0)


@dataclass(frozen=True)
class Grade:
    """A grade of a judged criterion (优 8–10, 有 8): a range of scores, or fixed points when min = max."""

    label: Label
    min: Decimal
    max: Decimal

    @property
    def fixed(self) -> bool:
        """A grade of fixed points (有得8分) rather than a range."""
        return self.min == self.max

    def contains(self, score: Decimal) -> bool:
        """Whether a judge's score lies in this grade."""
        return self.min <= score <= self.max

    def scores(self, step: Decimal | None) -> tuple[Decimal, ...] | None:
        """Every score the grade allows, highest first, when they can be listed (fixed points, or a step); else None."""
        if self.fixed:
            return (self.min,) if step is None or self.min % step == 0 else ()
        return None if step is None else step_scores(self.min, self.max, step)

    def text(self, lang: str | None = None) -> str:
        """``优 8–10`` (``lang`` None: both languages, ``优 / Excellent 8–10``)."""
        label = self.label.both() if lang is None else self.label.text(lang)
        span = plain_number(self.min) if self.fixed else f"{plain_number(self.min)}–{plain_number(self.max)}"
        return f"{label} {span}"


@dataclass(frozen=True, kw_only=True)
class Judged(Stepped):
    """Every judge scores 0..max; with grades, only a score a grade allows (and a multiple of step, if set)."""

    kind: ClassVar[Kind] = Kind.JUDGED
    grades: tuple[Grade, ...] = ()

    def mistakes(self) -> list[Mistake]:
        out = super().mistakes()
        if self.step_refused:
            return out
        labels: set[str] = set()
        for grade in self.grades:
            facts = {"grade": grade.label, "range": (grade.min, grade.max)}
            if fold(grade.label.zh) in labels or fold(grade.label.en) in labels:
                out.append(Mistake.of("grade_twice", **facts))
            labels |= {fold(grade.label.zh), fold(grade.label.en)}
            if grade.min > grade.max:
                out.append(Mistake.of("grade_reversed", **facts))
            elif not 0 <= grade.min <= grade.max <= self.max:
                out.append(Mistake.of("grade_outside", **facts, max=self.max))
            elif grade.scores(self.step) == ():
                out.append(Mistake.of("grade_no_score", **facts, step=self.step))
        ordered = sorted(self.grades, key=lambda g: (g.min, g.max))
        for low, high in zip(ordered, ordered[1:]):
            if high.min < low.max:
                out.append(Mistake.of("grades_overlap", grades=(low.label, high.label),
                                      ranges=((low.min, low.max), (high.min, high.max))))
        return out

    def allowed_scores(self) -> tuple[Decimal, ...] | None:
        """Every score the grades (or 0..max) allow, highest first, when they can be listed (fixed points, or a
        step); None when a range has no step."""
        found: list[Decimal] = []
        for grade in self.grades or (Grade(Label("", ""), Decimal(0), self.max),):
            scores = grade.scores(self.step)
            if scores is None:
                return None
            found.extend(scores)
        return tuple(sorted(set(found), reverse=True))

    def grade_of(self, score: Decimal) -> Grade | None:
        """The grade a score lies in (the higher one on a shared boundary)."""
        return max((g for g in self.grades if g.contains(score)), key=lambda g: g.max, default=None)


@dataclass(frozen=True, kw_only=True)
class Price(Criterion):
    """The price score of each valid bid from its evaluated price: one subclass per :class:`PriceMethod`, each holding
    only the keys its method uses (``PRICE_TYPES``); this base holds what every method has and, having no method, is
    never built itself (nor are the shared parts :class:`PenalisedPrice` and :class:`BenchmarkedPrice`)."""

    kind: ClassVar[Kind] = Kind.PRICE
    method: ClassVar[PriceMethod]
    budget_ceiling: Decimal | None = None
    sme_deduction: Decimal | None = None
    abnormal_low_share: Decimal | None = None
    # One YAML key, sme_deduction, gives one rate or a table of rates, never both: sme_both refuses both when built.
    sme_categories: tuple[SmeCategory, ...] = ()  # a table of rates; then a bid's sme names its category

    def __post_init__(self) -> None:
        if type(self) not in PRICE_TYPES.values():  # Price, PenalisedPrice, BenchmarkedPrice: no method to score by
            raise TypeError(f"{type(self).__name__} names no price method: build one of PRICE_TYPES")
        super().__post_init__()

    def sme_rate(self, answer: object) -> tuple[SmeCategory | None, Decimal]:
        """The category and deduction rate a bid's parsed ``sme`` answer earns (0 for no)."""
        if self.sme_categories:
            return category_rate(self.sme_categories, answer)
        return None, (self.sme_deduction or Decimal(0)) if answer else Decimal(0)

    def mistakes(self) -> list[Mistake]:
        out = super().mistakes()
        for key, value, good, rule in self.value_checks():
            if value is not None and not good(value):
                out.append(Mistake.of("price_value", key=key, rule=rule, **{key: value}))
        return out + self.benchmark_mistakes() + self.sme_mistakes()

    def value_checks(self) -> tuple[tuple[str, Decimal | None, Callable[[Decimal], bool], str], ...]:
        """The key, its value, whether it is good, and the rule it breaks (bideval.messages words it)."""
        return (
            ("budget_ceiling", self.budget_ceiling, lambda v: v > 0, "positive"),
            ("sme_deduction", self.sme_deduction, lambda v: 0 <= v < 1, "rate"),
            ("abnormal_low_share", self.abnormal_low_share, lambda v: 0 < v <= 1, "share"),
        )

    def benchmark_mistakes(self) -> list[Mistake]:
        """What is wrong with how the benchmark B is formed (nothing, for a method without one)."""
        return []

    def sme_mistakes(self) -> list[Mistake]:
        """What is wrong with a table of SME categories (issue 7, item 8)."""
        out: list[Mistake] = []
        if self.sme_categories and self.sme_deduction is not None:
            out.append(Mistake.of("sme_both"))
        seen: dict[str, str] = {}
        for category in self.sme_categories:
            facts = {"category": category.id, "rate": category.rate}
            if not 0 <= category.rate < 1:
                out.append(Mistake.of("sme_rate", **facts))
            said: set[str] = set()  # one line for each other category its names name (a copied label is one slip)
            for name in dict.fromkeys(map(fold, category.names())):
                other = seen.setdefault(name, category.id)
                if other != category.id and other not in said:
                    said.add(other)
                    out.append(Mistake.of("sme_name_twice", **facts, name=name, other=other))
            if fold(NOT_SME.zh) in map(fold, category.names()) or fold(NOT_SME.en) in map(fold, category.names()):
                out.append(Mistake.of("sme_named_no", **facts))
        return out


@dataclass(frozen=True, kw_only=True)
class PenalisedPrice(Price):
    """A method taking points per 1 % from a benchmark: benchmark_deviation and deviation."""

    above_penalty: Decimal
    below_penalty: Decimal

    def value_checks(self) -> tuple[tuple[str, Decimal | None, Callable[[Decimal], bool], str], ...]:
        return (("above_penalty", self.above_penalty, lambda v: v >= 0, "non_negative"),
                ("below_penalty", self.below_penalty, lambda v: v >= 0, "non_negative")) + super().value_checks()


@dataclass(frozen=True, kw_only=True)
class BenchmarkedPrice(Price):
    """A method scoring against a benchmark B the rubric forms (``benchmark:``): ratio and deviation (issue 7, item 3)."""

    benchmark: BenchmarkRule

    def benchmark_mistakes(self) -> list[Mistake]:
        """What is wrong with the benchmark: what its rule says of its own settings, and a budget ceiling it needs and
        the criterion lacks (a setting its base does not take is refused where the rubric is read: the base's type
        has no place for it)."""
        rule = self.benchmark
        out = [Mistake.of(code, **facts) for code, facts in rule.mistakes()]
        if rule.needs_ceiling and self.budget_ceiling is None:
            out.append(Mistake.of("ceiling_missing", base=rule.base.value))
        return out


@dataclass(frozen=True, kw_only=True)
class LowestRatioPrice(Price):
    """低价优先法: max × E_min / E."""

    method: ClassVar[PriceMethod] = PriceMethod.LOWEST_RATIO


@dataclass(frozen=True, kw_only=True)
class LinearMinmaxPrice(Price):
    """max at the lowest E, 0 at the highest, linear between."""

    method: ClassVar[PriceMethod] = PriceMethod.LINEAR_MINMAX


@dataclass(frozen=True, kw_only=True)
class BenchmarkDeviationPrice(PenalisedPrice):
    """max less the penalties per 1 % from the mean of the evaluated prices, never below 0."""

    method: ClassVar[PriceMethod] = PriceMethod.BENCHMARK_DEVIATION


@dataclass(frozen=True, kw_only=True)
class RatioPrice(BenchmarkedPrice):
    """max × B / E, capped at max (bideval.benchmark)."""

    method: ClassVar[PriceMethod] = PriceMethod.RATIO


@dataclass(frozen=True, kw_only=True)
class DeviationPrice(BenchmarkedPrice, PenalisedPrice):
    """max − penalty × |d| from B, |d| counted as ``deviation_rounding`` says (default: pro rata)."""

    method: ClassVar[PriceMethod] = PriceMethod.DEVIATION
    deviation_rounding: DeviationRounding = DeviationRounding.NONE


@dataclass(frozen=True, kw_only=True)
class RelativeToLowestPrice(Price):
    """max × (1 − (E − E_min) / E_min), never below 0."""

    method: ClassVar[PriceMethod] = PriceMethod.RELATIVE_TO_LOWEST


#: The price criterion's type for each method (the rubric's ``method:`` picks it).
PRICE_TYPES: dict[PriceMethod, type[Price]] = {
    cls.method: cls for cls in (LowestRatioPrice, LinearMinmaxPrice, BenchmarkDeviationPrice, RatioPrice,
                                DeviationPrice, RelativeToLowestPrice)
}


#: The price methods scored by one formula of bideval.benchmark (issue 7): ratio and deviation against a benchmark B,
#: relative_to_lowest against the lowest E. Their outcome keeps B and each bid's d, and their rule is said as the formula.
FormulaPrice = RatioPrice | DeviationPrice | RelativeToLowestPrice

#: Each kind's type; for price the base, which is never built itself (``PRICE_TYPES`` picks the type by method).
CRITERION_TYPES: dict[Kind, type[Criterion]] = {
    cls.kind: cls for cls in (Gate, Checklist, Count, Linear, Tiered, Judged, Price, Deduction, Penalty)
}


@dataclass(frozen=True)
class PanelRules:
    """How the panel's scores are combined and checked."""

    aggregate: Aggregate = Aggregate.MEAN
    trim: int = 1
    min_judges_for_trim: int = 5
    outlier_share: Decimal = Decimal("0.2")


@dataclass(frozen=True)
class SharedCap:
    """Several criteria under one cap (每个项目2分，每个证书1分，合计最高10分).

    The parts' combined score is min(max, Σ parts). The points over the cap come
    off the parts listed last: each part keeps its score, in the order of
    ``criteria``, while the cap has room for it (see :mod:`bideval.caps`).
    """

    id: str
    label: Label
    max: Decimal
    criteria: tuple[str, ...]


def full_marks(maxima: Mapping[str, Decimal], caps: Iterable[SharedCap] = ()) -> Decimal:
    """The rubric's full marks from each criterion's contribution (its max; 0 for a penalty or a gate):
    a shared cap counts min(its max, the Σ of its parts' maxima) instead of its parts.

    >>> full_marks({"a": Decimal(8), "b": Decimal(5), "c": Decimal(30)},
    ...            [SharedCap("cap", Label("合计", "Together"), Decimal(10), ("a", "b"))])
    Decimal('40')
    """
    caps = tuple(caps)
    capped = {c for cap in caps for c in cap.criteria}
    free = sum((m for cid, m in maxima.items() if cid not in capped), Decimal(0))
    return free + sum((min(cap.max, sum((maxima.get(c, Decimal(0)) for c in cap.criteria), Decimal(0)))
                       for cap in caps), Decimal(0))


def lowering_caps(maxima: Mapping[str, Decimal], caps: Iterable[SharedCap]) -> tuple[tuple[str, Decimal, tuple[str, ...], Decimal], ...]:
    """The shared caps that count less than their parts' maxima add up to, as (cap, its max, its parts, the parts'
    maxima added up): what a message about the full marks names, so that a cap set too low is found.

    >>> lowering_caps({"a": Decimal(8), "b": Decimal(5)}, [SharedCap("cap", Label("合计", "Together"), Decimal(10), ("a", "b"))])
    (('cap', Decimal('10'), ('a', 'b'), Decimal('13')),)
    """
    out = []
    for cap in caps:
        parts = sum((maxima.get(c, Decimal(0)) for c in cap.criteria), Decimal(0))
        if cap.max < parts:
            out.append((cap.id, cap.max, cap.criteria, parts))
    return tuple(out)


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
    procurement_object: ProcurementObject | None = None  # goods or services: the price's least share under order87
    tender_number: str | None = None  # heads the evaluation report and the ranked workbook
    procurement_method: Label | None = None  # default: 综合评分法 / Comprehensive scoring (bideval.tender)
    panel: PanelRules = dc_field(default_factory=PanelRules)
    pricing: Pricing = dc_field(default_factory=Pricing)
    caps: tuple[SharedCap, ...] = ()
    source: str = ""
    sha256: str = ""  # of the file's bytes, as the result names its inputs
    # of its text, as the workbooks made from it are marked (bideval.rubric_mark); follows sha256, not compared apart
    text_sha256: str = dc_field(default="", compare=False)
    declared_groups: tuple[Group, ...] = ()  # `groups:` in the order given: labels, pass marks, scaling, weights

    @cached_property
    def bid_fields(self) -> tuple[Field, ...]:
        """Every field of a bid in form order: fixed, the rubric's, then price."""
        return fixed_fields(self.price_criterion) + self.fields + self.price_fields

    @cached_property
    def price_fields(self) -> tuple[Field, ...]:
        """``price_model`` and the parameters of every allowed pricing model."""
        return price_fields_of(self.pricing, self.currency)

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
        return tuple(c for c in self.criteria if c.is_scored)

    @cached_property
    def panel_criteria(self) -> tuple[Criterion, ...]:
        """Criteria the judges score (tiered and judged)."""
        return tuple(c for c in self.criteria if c.is_panel)

    @cached_property
    def price_criterion(self) -> Price | None:
        """The price criterion, if the rubric scores price."""
        return next((c for c in self.criteria if isinstance(c, Price)), None)

    @cached_property
    def gates(self) -> tuple[Gate, ...]:
        """The criteria a bid must pass to be valid, in rubric order."""
        return tuple(c for c in self.criteria if isinstance(c, Gate))

    @cached_property
    def required_fields(self) -> tuple[Field, ...]:
        """The rubric's fields a bid must state to be valid."""
        return tuple(f for f in self.fields if f.required)

    @cached_property
    def groups(self) -> tuple[str, ...]:
        """Groups of the scored criteria: as declared under ``groups:``, else the standard four in order, then
        others as they appear."""
        present = [c.group for c in self.scored_criteria]
        if self.declared_groups:
            return tuple(g.id for g in self.declared_groups if g.id in present)
        known = [g for g in GROUP_ORDER if g in present]
        others = list(dict.fromkeys(g for g in present if g not in GROUP_ORDER))
        return tuple(known + others)

    def places(self, criterion: Criterion) -> int:
        """The decimals a criterion's score is rounded to: its own, else the rubric's."""
        return self.decimals if criterion.decimals is None else criterion.decimals

    @cached_property
    def total_places(self) -> int:
        """The decimals of subtotals and totals: the rubric's, or the most of any criterion when that is more (a sum
        of rounded scores keeps every place; formats.md rounds totals to the rubric's ``decimals``)."""
        return max([self.decimals] + [self.places(c) for c in self.scored_criteria])

    @property
    def max_total(self) -> Decimal:
        """The full marks: the sum of the criteria maxima (a penalty's is not among them: its best is 0;
        a shared cap counts at most its own max); with scaled or weighted groups, the sum of the groups'
        weighted maxima."""
        if any(g.scale_to is not None or g.weight is not None for g in self.declared_groups):
            return sum((weighted_max(self.group(g), self.group_raw_max(g)) for g in self.groups), Decimal(0))
        return full_marks(scored_maxima(self.criteria), self.caps)

    @property
    def under_order87(self) -> bool:
        """Whether the tender is under Order 87 (``regime: order87``): 综合评分法 with price scored lowest-first."""
        return is_order87(self.regime)

    def price_points(self) -> tuple[Decimal, Decimal] | None:
        """The points the price criterion carries in the total, scaled and weighted with its group as the total is,
        and the total (:attr:`max_total`); None without a price criterion, or without full marks."""
        price, whole = self.price_criterion, self.max_total
        if price is None or whole <= 0:
            return None
        carried = price.max
        if any(g.scale_to is not None or g.weight is not None for g in self.declared_groups):
            raw = self.group_raw_max(price.group)
            carried = self.group_total_max(price.group) * price.max / raw if raw > 0 else Decimal(0)
        return carried, whole

    def price_share(self) -> Decimal | None:
        """The share of the full marks the price criterion carries (None without one, or without full marks)."""
        points = self.price_points()
        return None if points is None else points[0] / points[1]

    def cap_of(self, criterion_id: str) -> SharedCap | None:
        """The shared cap a criterion is a part of, if any."""
        return next((cap for cap in self.caps if criterion_id in cap.criteria), None)

    # -- groups as declared (issue 7, items 5 and 6)
    def group(self, group_id: str) -> Group:
        """The group as declared, or by default: its standard label, no pass mark, scaling or weight."""
        declared = next((g for g in self.declared_groups if g.id == group_id), None)
        return declared or Group(group_id, group_label(group_id))

    def group_raw_max(self, group_id: str) -> Decimal:
        """The most a group's criteria can add up to, before any scaling or weight."""
        return group_full_marks(self.scored_criteria, self.caps, group_id)

    def group_total_max(self, group_id: str) -> Decimal:
        """What a group can add to the total: its criteria's maxima, scaled and weighted as declared."""
        return weighted_max(self.group(group_id), self.group_raw_max(group_id))

    @cached_property
    def has_group_rules(self) -> bool:
        """Whether a group has a pass mark, is scaled to the best or carries a weight."""
        return any(g.has_rules for g in self.declared_groups)

    @cached_property
    def staged(self) -> bool:
        """Whether a group has a pass mark."""
        return any(g.pass_mark is not None for g in self.declared_groups)

    def criterion_named(self, name: str) -> Criterion | None:
        """A criterion named by its id or, failing that, by its name in either language."""
        by_id, by_name = self._criterion_index
        wanted = fold(name)
        return by_id.get(wanted) or by_name.get(wanted)

    @cached_property
    def _criterion_index(self) -> tuple[dict[str, Criterion], dict[str, Criterion]]:
        """:func:`_named`'s answer for every criterion, looked up once (a panel sheet names one per row)."""
        by_id: dict[str, Criterion] = {}
        by_name: dict[str, Criterion] = {}
        for c in self.criteria:
            by_id.setdefault(fold(c.id), c)
            for name in (c.name.zh, c.name.en):
                by_name.setdefault(fold(name), c)
        return by_id, by_name


_Named = TypeVar("_Named", Tier, Criterion)


def _tier_spellings(tier: Tier) -> set[str]:
    """A tier's id and labels put together as people write them, folded and without spaces."""
    i, zh, en = tier.id, tier.label.zh, tier.label.en
    spellings = {f"{zh}/{en}", f"{en}/{zh}"}
    for label in (zh, en):
        spellings |= {f"{i}{label}", f"{i}/{label}", f"{label}/{i}", f"{label}({i})", f"{i}({label})"}
    return {name_key(text) for text in spellings}


def _named(name: str, things: Iterable[_Named], names: Callable[[_Named], tuple[str, ...]]) -> _Named | None:
    """The thing whose id is ``name``, else the first whose name is: an id always wins over a name."""
    wanted = fold(name)
    return (next((t for t in things if fold(t.id) == wanted), None)
            or next((t for t in things if wanted in map(fold, names(t))), None))


def price_fields_of(pricing: Pricing, currency: str = "CNY") -> tuple[Field, ...]:
    """``price_model`` and the parameters of every model ``pricing`` allows, as bid fields."""
    model_field = Field(PRICE_MODEL_FIELD, Label("报价方式", "Pricing model"), FieldType.CHOICE,
                        choices=tuple(m.value for m in pricing.models), origin="price",
                        note=Label(" / ".join(m.label.zh for m in pricing.models),
                                   " / ".join(m.label.en for m in pricing.models)))
    parameters = tuple(
        Field(p.id, p.label, p.type, unit=None if p.unit == "CNY" else p.unit, non_negative=True, origin="price",
              currency=currency, example=p.example, note=_price_note(p.id, pricing, currency))
        for p in pricing.all_parameters()
    )
    return (model_field,) + parameters


def _price_note(field_id: str, pricing: Pricing, currency: str) -> Label | None:
    """What the bidder's figure becomes, where the field alone does not say it: a 下浮率 comes off the tender's base
    (``报价 = 1,200,000.00 元 × (1 − 下浮率)``)."""
    base, least = pricing.demand.discount_base, pricing.demand.min_discount
    if field_id != DISCOUNT_RATE_FIELD or base is None:
        return None
    note = Label(f"报价 = {money_amount(base, currency, 'zh')} × (1 − 下浮率)",
                 f"quote = {money_amount(base, currency, 'en')} × (1 − discount rate)")
    if least is None:
        return note
    return Label(f"{note.zh}；下浮率不得低于 {percent_text(least)}",
                 f"{note.en}; a discount rate below {percent_text(least)} makes the bid invalid")


def scored_maxima(criteria: Iterable[Criterion]) -> dict[str, Decimal]:
    """What each scored criterion adds to the total at most, by id (a penalty's best is 0)."""
    return {c.id: c.adds_to_total for c in criteria if c.is_scored}


def group_full_marks(criteria: Iterable[Criterion], caps: Iterable[SharedCap], group_id: str) -> Decimal:
    """The most a group's criteria can add up to, before any scaling or weight: their maxima, a shared cap
    over criteria of this group counting at most its max."""
    inside = scored_maxima(c for c in criteria if c.group == group_id)
    return full_marks(inside, [cap for cap in caps if set(cap.criteria) <= set(inside)])


@dataclass(frozen=True)
class SmeField(Field):
    """The fixed ``sme`` field under a table of SME categories: the bid names its category, or says no."""

    categories: tuple[SmeCategory, ...] = ()

    @cached_property
    def parse(self) -> Callable[[object], Any]:
        """The category's id, False for no, None when empty; yes alone is refused."""
        return partial(parse_sme_category, categories=self.categories)


def fixed_fields(price: Price | None) -> tuple[Field, ...]:
    """The fixed fields; ``sme`` asks for the category when the price criterion has a table of SME rates."""
    if price is None or not price.sme_categories:
        return FIXED_FIELDS
    categories = price.sme_categories
    sme = SmeField("sme", FIXED_FIELDS[2].label, FieldType.CHOICE, origin="fixed",
                   choices=(NOT_SME.zh,) + tuple(c.label.zh for c in categories), categories=categories,
                   note=Label("选择所属类别；不属于以上类别选“否”",
                              "choose the category; 否 (no) if none applies: "
                              + ", ".join(c.label.en for c in categories)))
    return FIXED_FIELDS[:2] + (sme,)


FIXED_FIELDS = (
    Field("vendor_id", Label("统一社会信用代码", "Unified social credit code"), FieldType.TEXT,
          required=True, origin="fixed", note=Label("18位", "18 characters")),
    Field("vendor_name", Label("投标人名称", "Bidder name"), FieldType.TEXT, required=True, origin="fixed"),
    Field("sme", Label("中小企业", "Small or micro enterprise"), FieldType.BOOL, origin="fixed",
          note=Label("小微企业填“是”", "yes for a small or micro enterprise")),
)



def load_rubric(path: str | Path) -> Rubric:
    """Read and check a rubric YAML file (the reader lives in :mod:`bideval.rubric_yaml`)."""
    from .rubric_yaml import load_rubric as load

    return load(path)


def parse_rubric(data: bytes | str, source: str) -> Rubric:
    """Check a rubric given as YAML text; ``source`` names it in messages."""
    from .rubric_yaml import parse_rubric as parse

    return parse(data, source)
