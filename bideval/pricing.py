"""Pricing models: how a vendor's quote becomes a quoted contract price.

Each model names the bid fields it needs (its parameters) and a formula
over the tender's demand profile (rules.md, Price step 1).
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, ROUND_HALF_UP, Context, Decimal, localcontext
from typing import Any, Mapping

from .currency import currency as currency_of, money_amount, rate_amount
from .labels import Label
from .values import FieldType, name_key, plain_number, round_half_up


class PricingModel(enum.Enum):
    """The seven ways a vendor may quote."""

    LUMP_SUM = "lump_sum"
    PER_SEAT_MONTH = "per_seat_month"
    PER_CALL = "per_call"
    BASE_PLUS_COMMISSION = "base_plus_commission"
    PER_UNIT_MONTH = "per_unit_month"
    BASE_PLUS_EXCESS = "base_plus_excess"
    DISCOUNT_RATE = "discount_rate"  # 下浮率: a percentage off the tender's stated base (budget, list total)

    @property
    def label(self) -> Label:
        """The model's name as vendors see it."""
        return _MODEL_LABELS[self]

    @property
    def choice_text(self) -> str:
        """The model as the bid form's hint lists it, and a bidder may type it: ``按通计费 (Per call)``."""
        return f"{self.label.zh} ({self.label.en})"

    @classmethod
    def from_alias(cls, text: str) -> "PricingModel | None":
        """The model an id, a label in either language, or both as the bid form's hint writes them (``按通计费 (Per
        call)``, or ``按通计费 / Per call``) names, compared as names are (:func:`name_key`: NFKC, case and spaces
        aside, so full-width brackets too); None when none does.

        >>> PricingModel.from_alias("按通计费（per call）"), PricingModel.from_alias("Per  call")
        (<PricingModel.PER_CALL: 'per_call'>, <PricingModel.PER_CALL: 'per_call'>)
        """
        return _ALIASES.get(name_key(text))


_MODEL_LABELS = {
    PricingModel.LUMP_SUM: Label("总价包干", "Lump sum"),
    PricingModel.PER_SEAT_MONTH: Label("按席位按月计费", "Per seat-month"),
    PricingModel.PER_CALL: Label("按通计费", "Per call"),
    PricingModel.BASE_PLUS_COMMISSION: Label("基础服务费加佣金", "Base fee plus commission"),
    # The units are a tender's own (devices, cleaners, engineers): "per device" had a staffing form price cleaners
    # as devices. The rate rows name the unit (保洁员 每人每月单价).
    PricingModel.PER_UNIT_MONTH: Label("按计价单位按月计费", "Per unit-month"),
    PricingModel.BASE_PLUS_EXCESS: Label("基础费加超出计费", "Base fee plus excess"),
    PricingModel.DISCOUNT_RATE: Label("下浮率报价", "Discount rate"),
}
# Labels a model had before, still read: a form filled then keeps its choice.
_FORMER_LABELS = {PricingModel.PER_UNIT_MONTH: ("按设备按月计费",)}
_ALIASES = {  # ids last, so an id always names its own model
    **{name_key(spelling): model for model in PricingModel
       for spelling in (model.label.zh, model.label.en, model.choice_text, model.label.both())},
    **{name_key(spelling): model for model, spellings in _FORMER_LABELS.items() for spelling in spellings},
    **{name_key(model.value): model for model in PricingModel},
}

PRICE_MODEL_FIELD = "price_model"
DISCOUNT_RATE_FIELD = "discount_rate"  # 下浮率: 0 ≤ d < 100 % (a bid of 100 % would quote nothing)


@dataclass(frozen=True)
class PriceParameter:
    """A bid field a pricing model needs."""

    id: str
    label: Label
    type: FieldType
    unit: str = "CNY"
    example: str | None = None  # a percent's example on the bid form: a commission is not 96%


def _parameters(unit: str | None = None) -> dict[PricingModel, tuple[PriceParameter, ...]]:
    money = FieldType.MONEY
    return {
        PricingModel.LUMP_SUM: (PriceParameter("total_price", Label("投标总价", "Total price"), money),),
        PricingModel.PER_SEAT_MONTH: (
            PriceParameter("rate_per_seat_month", Label("每席位每月单价", "Rate per seat-month"), money),
        ),
        PricingModel.PER_CALL: (PriceParameter("rate_per_call", Label("每通电话单价", "Rate per call"), money),),
        PricingModel.BASE_PLUS_COMMISSION: (
            PriceParameter("base_per_seat_month", Label("每席位每月基础服务费", "Base fee per seat-month"), money),
            PriceParameter("commission_rate", Label("佣金比例", "Commission rate"), FieldType.PERCENT, "%",
                           example="2%"),
        ),
        PricingModel.PER_UNIT_MONTH: (),
        PricingModel.BASE_PLUS_EXCESS: (
            PriceParameter("base_fee_month", Label("每月基础服务费", "Monthly base fee"), money),
            PriceParameter("included_devices", Label("基础费含设备数", "Devices included"), FieldType.INTEGER, "devices"),
            PriceParameter("excess_rate", Label("超出设备每台每月单价", "Rate per extra device-month"), money),
        ),
        PricingModel.DISCOUNT_RATE: (
            PriceParameter(DISCOUNT_RATE_FIELD, Label("下浮率", "Discount rate"), FieldType.PERCENT, "%",
                           example="12%"),
        ),
    }


_FIXED_PARAMETERS = _parameters()


@dataclass(frozen=True)
class UnitName:
    """How a per_unit_month unit is called: 初级工程师, priced per 人 (person)."""

    label: Label
    per: Label | None = None


@dataclass(frozen=True)
class Unit:
    """A unit a per_unit_month tender buys: its id, how many, its own name in the bid form, the most a bid may
    quote for one a month (物业: 办公区 ≤ 4.5 元/㎡/月) and the months it is bought for when fewer than the
    contract's (中巴 30 of 36: 寒暑假停租), when the tender says so; checked when built."""

    id: str
    count: Decimal
    name: UnitName | None = None
    ceiling: Decimal | None = None
    months: Decimal | None = None  # None: the demand's months

    def __post_init__(self) -> None:
        if self.ceiling is not None and not self.ceiling > 0:
            raise ValueError(f"a unit ceiling must be a positive amount: {self.id} {self.ceiling}")
        if self.months is not None and not self.months > 0:
            raise ValueError(f"a unit's months must be a positive number: {self.id} {self.months}")


def unit_parameter(unit: str, name: UnitName | None = None) -> PriceParameter:
    """The ``rate_<unit>`` field of the per-unit-month model: ``初级工程师 每人每月单价`` when the unit is named."""
    if name is None:
        label = Label(f"{unit} 每月单价", f"Rate per {unit}-month")
    elif name.per is None:
        label = Label(f"{name.label.zh} 每月单价", f"{name.label.en}: rate per month")
    else:
        label = Label(f"{name.label.zh} 每{name.per.zh}每月单价", f"{name.label.en}: rate per {name.per.en}-month")
    return PriceParameter(f"rate_{unit}", label, FieldType.MONEY)


def rate_per(unit: Unit) -> Label:
    """What a unit's monthly rate is a price of one of, as the rubric names it: its ``per`` (平方米, m²), else its
    name, else its id; an amount per it reads ``4.50 CNY/m²/month`` (:func:`bideval.currency.rate_amount`)."""
    if unit.name is None:
        return Label(unit.id, unit.id)
    return unit.name.per or unit.name.label


@dataclass(frozen=True)
class Demand:
    """The tender's demand profile: what the contract buys, month by month."""

    months: Decimal | None = None
    seats: Decimal | None = None
    calls_per_month: Decimal | None = None
    sales_per_month: Decimal | None = None
    devices: Decimal | None = None
    units: tuple[Unit, ...] = ()  # per_unit_month
    discount_base: Decimal | None = None  # discount_rate: the amount the bid's 下浮率 comes off (预算金额, list total)
    min_discount: Decimal | None = None  # discount_rate: 下浮率不得低于 5 %, a bid below it is invalid

    def __post_init__(self) -> None:
        if self.discount_base is not None and not self.discount_base > 0:
            raise ValueError(f"a discount base must be a positive amount: {self.discount_base}")
        if self.min_discount is not None and not 0 <= self.min_discount < 1:
            raise ValueError(f"a least discount rate must be at least 0 and below 1: {self.min_discount}")

    def below_min_discount(self, values: Mapping[str, Any]) -> Decimal | None:
        """The bid's 下浮率 in ``values`` when it is below the tender's least one, else None.

        >>> Demand(discount_base=Decimal(1200000), min_discount=Decimal("0.05")).below_min_discount(
        ...     {"discount_rate": Decimal("0.04")})
        Decimal('0.04')
        """
        rate = values.get(DISCOUNT_RATE_FIELD)
        return rate if self.min_discount is not None and rate is not None and rate < self.min_discount else None

    @property
    def units_own_months(self) -> bool:
        """Whether a per_unit_month unit is bought for months of its own, so each unit's months are said."""
        return any(unit.months is not None for unit in self.units)

    def unit_months(self, unit: Unit) -> Decimal:
        """The months ``unit`` is bought for: its own, else the demand's."""
        return unit.months if unit.months is not None else self.figure("months")

    def rate_unit(self, field_id: str) -> Unit | None:
        """The unit whose rate the bid form's field ``field_id`` (``rate_office``) asks for, if any."""
        return next((unit for unit in self.units if f"rate_{unit.id}" == field_id), None)

    def above_unit_ceilings(self, values: Mapping[str, Any]) -> tuple[tuple[Unit, Decimal, Decimal], ...]:
        """The units whose rate in ``values`` is above the unit's ceiling, as (unit, rate, ceiling), in demand order.

        >>> [(unit.id, rate, ceiling) for unit, rate, ceiling in Demand(
        ...     units=(Unit("office", Decimal(28000), ceiling=Decimal("4.5")),)).above_unit_ceilings(
        ...     {"rate_office": Decimal("4.8")})]
        [('office', Decimal('4.8'), Decimal('4.5'))]
        """
        out = []
        for unit in self.units:
            rate = values.get(f"rate_{unit.id}")
            if unit.ceiling is not None and rate is not None and rate > unit.ceiling:
                out.append((unit, rate, unit.ceiling))
        return tuple(out)

    def missing_for(self, model: PricingModel) -> list[str]:
        """The demand figures ``model`` needs that this profile lacks."""
        needs = {
            PricingModel.LUMP_SUM: (),
            PricingModel.PER_SEAT_MONTH: ("months", "seats"),
            PricingModel.PER_CALL: ("months", "calls_per_month"),
            PricingModel.BASE_PLUS_COMMISSION: ("months", "seats", "sales_per_month"),
            PricingModel.PER_UNIT_MONTH: ("months", "units"),
            PricingModel.BASE_PLUS_EXCESS: ("months", "devices"),
            PricingModel.DISCOUNT_RATE: ("discount_base",),
        }[model]
        return [name for name in needs if not getattr(self, name)]

    def figure(self, name: str) -> Decimal:
        """A demand figure a pricing model needs; the rubric check (:meth:`missing_for`) refused a rubric lacking it."""
        value = getattr(self, name)
        if value is None:
            raise ValueError(f"the demand profile has no {name}")
        return Decimal(value)


@dataclass(frozen=True)
class Pricing:
    """The rubric's ``pricing`` block: demand profile and the models bids may use."""

    demand: Demand = field(default_factory=Demand)
    models: tuple[PricingModel, ...] = (PricingModel.LUMP_SUM,)

    def parameters(self, model: PricingModel) -> tuple[PriceParameter, ...]:
        """The bid fields ``model`` needs."""
        if model is PricingModel.PER_UNIT_MONTH:
            return tuple(unit_parameter(unit.id, unit.name) for unit in self.demand.units)
        return _FIXED_PARAMETERS[model]

    def all_parameters(self) -> tuple[PriceParameter, ...]:
        """Every price field of the allowed models, in model order, each once."""
        seen: dict[str, PriceParameter] = {}
        for model in self.models:
            for parameter in self.parameters(model):
                seen.setdefault(parameter.id, parameter)
        return tuple(seen.values())


def quoted_price(model: PricingModel, values: Mapping[str, object], demand: Demand) -> Decimal:
    """Quoted contract price Q, rounded to the cent; every parameter must be present.

    >>> quoted_price(PricingModel.PER_CALL, {"rate_per_call": Decimal("0.85")},
    ...              Demand(months=Decimal(12), calls_per_month=Decimal(50000)))
    Decimal('510000.00')
    """
    with localcontext(_EXACT):  # products of figures each below 10^15 may pass Decimal's 28 digits: kept exact
        return _quoted(model, values, demand)


# A context in which a product or sum of Decimals is exact (no rounding to 28 digits: 0.85 × (10^15 − 1)² had lost its
# cents), for the quoted price alone.
_EXACT = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN, rounding=ROUND_HALF_UP)


def _quoted(model: PricingModel, values: Mapping[str, object], demand: Demand) -> Decimal:
    v: Mapping[str, Any] = values
    d = demand
    if model is PricingModel.LUMP_SUM:
        q = v["total_price"]
    elif model is PricingModel.PER_SEAT_MONTH:
        q = v["rate_per_seat_month"] * d.figure("seats") * d.figure("months")
    elif model is PricingModel.PER_CALL:
        q = v["rate_per_call"] * d.figure("calls_per_month") * d.figure("months")
    elif model is PricingModel.BASE_PLUS_COMMISSION:
        q = (v["base_per_seat_month"] * d.figure("seats") * d.figure("months")
             + v["commission_rate"] * d.figure("sales_per_month") * d.figure("months"))
    elif model is PricingModel.PER_UNIT_MONTH and d.units_own_months:  # Σ rate × count × the unit's months
        q = sum((v[f"rate_{unit.id}"] * unit.count * d.unit_months(unit) for unit in d.units), Decimal(0))
    elif model is PricingModel.PER_UNIT_MONTH:
        q = sum((v[f"rate_{unit.id}"] * unit.count for unit in d.units), Decimal(0)) * d.figure("months")
    elif model is PricingModel.DISCOUNT_RATE:  # 评审价 = 预算 × (1 − 下浮率)
        q = d.figure("discount_base") * (1 - v[DISCOUNT_RATE_FIELD])
    else:
        extra = max(Decimal(0), d.figure("devices") - Decimal(v["included_devices"]))
        q = (v["base_fee_month"] + v["excess_rate"] * extra) * d.figure("months")
    return round_half_up(Decimal(q), 2)


def formula_text(model: PricingModel, values: Mapping[str, object], demand: Demand, lang: str = "zh",
                 currency: str = "CNY") -> str:
    """How Q was reached, written out with the figures used, in ``lang`` (for the Price sheet).

    >>> d = Demand(months=Decimal(12), seats=Decimal(30))
    >>> formula_text(PricingModel.PER_SEAT_MONTH, {"rate_per_seat_month": Decimal("2975.56")}, d, "zh")
    '2,975.56 元 × 30 席 × 12 个月'
    >>> formula_text(PricingModel.PER_SEAT_MONTH, {"rate_per_seat_month": Decimal("2975.56")}, d, "en")
    '2,975.56 yuan × 30 seats × 12 months'
    """
    words = dict(_FORMULA_WORDS[lang])
    if currency != "CNY":  # the currency's word after an amount, as the rest of the document says it: 美元, not USD
        word = currency_of(currency).name.text(lang)
        words.update(yuan=word, sales=_FORMULA_WORDS[lang]["sales"].replace(_FORMULA_WORDS[lang]["yuan"], word))
    v, d = values, demand

    def yuan(key: str) -> str:
        return f"{_figure(v[key])} {words['yuan']}"

    def units(unit: Unit) -> str:
        name = unit.name
        if name is None:
            return words["unit"].format(unit=unit.id)
        if lang == "zh":
            return f"{name.per.zh if name.per else '台'} {name.label.zh}"
        return name.label.en

    if model is PricingModel.LUMP_SUM:
        return yuan("total_price")  # a lump sum needs no months (a rubric may have none)
    if model is PricingModel.DISCOUNT_RATE:  # 1,200,000 元 × (1 − 12%): no months either
        return f"{_figure(d.discount_base)} {words['yuan']} × (1 − {percent_text(v[DISCOUNT_RATE_FIELD])})"
    months = f"{_figure(d.months)} {words['months']}"
    if model is PricingModel.PER_SEAT_MONTH:
        return f"{yuan('rate_per_seat_month')} × {_figure(d.seats)} {words['seats']} × {months}"
    if model is PricingModel.PER_CALL:
        return f"{yuan('rate_per_call')} × {_figure(d.calls_per_month)} {words['calls']} × {months}"
    if model is PricingModel.BASE_PLUS_COMMISSION:
        rate = percent_text(v["commission_rate"])
        return (f"{yuan('base_per_seat_month')} × {_figure(d.seats)} {words['seats']} × {months} + "
                f"{rate} × {_figure(d.sales_per_month)} {words['sales']} × {months}")
    if model is PricingModel.PER_UNIT_MONTH and d.units_own_months:  # each unit with its own months, no common factor
        return " + ".join(f"{yuan(f'rate_{unit.id}')} × {_figure(unit.count)} {units(unit)} × "
                          f"{_figure(d.unit_months(unit))} {words['months']}" for unit in d.units)
    if model is PricingModel.PER_UNIT_MONTH:
        parts = " + ".join(f"{yuan(f'rate_{unit.id}')} × {_figure(unit.count)} {units(unit)}" for unit in d.units)
        return f"({parts}) × {months}"
    return (f"({yuan('base_fee_month')} + {yuan('excess_rate')} × max(0, {_figure(d.devices)} − "
            f"{_figure(v['included_devices'])}) {words['devices']}) × {months}")


def percent_text(fraction: object) -> str:
    """A fraction as the percentage a bidder typed: ``12%``, ``0.5%``.

    >>> percent_text(Decimal("0.125")), percent_text(Decimal("0.005"))
    ('12.5%', '0.5%')
    """
    return f"{plain_number(Decimal(str(fraction)) * 100)}%"


def demand_text(demand: Demand, lang: str = "zh", currency: str = "CNY") -> str:
    """The demand profile in words, each figure with what it counts (the Price sheet's formula words).

    >>> demand_text(Demand(months=Decimal(10), seats=Decimal(4), calls_per_month=Decimal(1000)), "zh")
    '10 个月、4 席、1,000 通/月'
    >>> demand_text(Demand(months=Decimal(10), seats=Decimal(4), calls_per_month=Decimal(1000)), "en")
    '10 months, 4 seats, 1,000 calls a month'
    """
    words = _FORMULA_WORDS[lang]
    parts = [f"{_figure(getattr(demand, name))} {words[word]}" for name, word in
             (("months", "months"), ("seats", "seats"), ("calls_per_month", "calls"), ("sales_per_month", "sales"),
              ("devices", "devices")) if getattr(demand, name)]
    for unit in demand.units:
        name = unit.name
        label = name.label.text(lang) if name else unit.id
        own = "" if unit.months is None else unit_months_text(unit.months, lang)
        parts.append(f"{_figure(unit.count)} {name.per.zh if name and name.per else '台'} {label}{own}" if lang == "zh"
                     else f"{_figure(unit.count)} {label}{own}")
    if demand.discount_base is not None:  # what a 下浮率 comes off: 下浮基数 1,200,000 元
        parts.append(Label("下浮基数 ", "discount base ").text(lang) + money_amount(demand.discount_base, currency, lang))
    if demand.min_discount is not None:
        parts.append(Label("最低下浮率 ", "least discount rate ").text(lang) + percent_text(demand.min_discount))
    return ("、" if lang == "zh" else ", ").join(parts)


def unit_months_text(months: Decimal, lang: str = "zh") -> str:
    """A unit's own months after its count: ``（30 个月）`` / `` (30 months)``."""
    text = f"{_figure(months)} {_FORMULA_WORDS[lang]['months']}"
    return f"（{text}）" if lang == "zh" else f" ({text})"


def unit_ceilings_text(demand: Demand, lang: str = "zh", currency: str = "CNY") -> str:
    """The per-unit ceilings in words, each unit by its rate's label (empty when the rubric sets none).

    >>> d = Demand(units=(Unit("office", Decimal(28000), UnitName(Label("办公区", "Offices"), Label("平方米", "m²")),
    ...                        Decimal("4.5")),))
    >>> unit_ceilings_text(d, "zh"), unit_ceilings_text(d, "en")
    ('单项限价：办公区 每平方米每月单价不超过 4.50 元', 'unit ceilings: Offices: rate per m²-month at most ¥4.50')
    """
    rates = [(unit_parameter(unit.id, unit.name).label.text(lang), rate_amount(unit.ceiling, currency, lang))
             for unit in demand.units if unit.ceiling is not None]
    if not rates:
        return ""
    if lang == "zh":
        return "单项限价：" + "、".join(f"{rate}不超过 {ceiling}" for rate, ceiling in rates)
    return "unit ceilings: " + ", ".join(f"{rate} at most {ceiling}" for rate, ceiling in rates)


_FORMULA_WORDS = {
    "zh": {"yuan": "元", "months": "个月", "seats": "席", "calls": "通/月", "sales": "元销售额/月",
           "unit": "台 {unit}", "devices": "台"},
    "en": {"yuan": "yuan", "months": "months", "seats": "seats", "calls": "calls a month",
           "sales": "yuan of sales a month", "unit": "{unit}", "devices": "devices"},
}


def _figure(value: object) -> str:
    """A figure with thousands separators and the decimals it was given: ``1,020,000``, ``1.6575``."""
    return f"{Decimal(str(value)):,f}"
