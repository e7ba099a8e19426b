"""The price benchmark (评标基准价) B and the price methods that score against it.

A rubric's price criterion may form B from the evaluated prices E of the bids
still in the evaluation — the ``lowest``, the ``mean``, the ``trimmed_mean``
(the ``trim`` highest and lowest dropped when there are at least ``min_bids``) or
``ceiling_and_mean`` (w × budget ceiling + (1 − w) × mean, the ceiling part
optionally × its own coefficient) — then multiply it by a coefficient K and
round it to the cent. The methods ``ratio`` and
``deviation`` score against B; ``relative_to_lowest`` against the lowest E.

Everything here is pure and exact (Decimal); :func:`form_benchmark` returns
the figures B was formed from, so the exports can say how.

>>> prices = [Decimal(p) for p in (900000, 950000, 1000000, 1050000, 1300000)]
>>> form_benchmark(TrimmedMeanBenchmark(coefficient=Decimal("0.95")), prices).value
Decimal('950000.00')
"""
from __future__ import annotations

import abc
import enum
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_DOWN, Decimal
from typing import Any, ClassVar, Mapping, Sequence

from .labels import Label
from .values import money_text, plain_number, round_half_up

FIGURE_PLACES = 6  # an inexact mean is printed to this many decimals, then "…"

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)
DEFAULT_MIN_BIDS = 5

#: One thing wrong with a rule's own settings: the code of the mistake (``rubric.<code>`` in bideval.messages, which
#: words it in both languages) and its facts; bideval.rubric turns each into a ``Mistake`` of the price criterion.
Fault = tuple[str, dict[str, Any]]


class Base(enum.Enum):
    """What B is formed from, before the coefficient."""

    LOWEST = "lowest"
    MEAN = "mean"
    TRIMMED_MEAN = "trimmed_mean"
    CEILING_AND_MEAN = "ceiling_and_mean"


class DeviationRounding(enum.Enum):
    """How the deviation |d| in percent is counted before the penalty applies."""

    NONE = "none"  # pro rata: 5.263 % counts 5.263
    UP = "up"  # to the next whole percent: 不足1%按1%计, 5.263 % counts 6
    HALF_UP = "half_up"  # half-up to a whole percent: 5.263 % counts 5, 5.5 % counts 6
    HALF_UP_2DP = "half_up_2dp"  # 偏差率保留两位小数: half-up to 0.01 %, 9.0909 % counts 9.09, 9.095 % counts 9.10


@dataclass(frozen=True)
class BenchmarkRule(abc.ABC):
    """How the rubric forms B: the coefficient K and the base, each base a type of its own holding the settings only
    it takes and saying what is wrong with them (:class:`LowestBenchmark`, :class:`MeanBenchmark`,
    :class:`TrimmedMeanBenchmark`, :class:`CeilingAndMeanBenchmark`)."""

    coefficient: Decimal = ONE
    base: ClassVar[Base]
    needs_ceiling: ClassVar[bool] = False  # whether B is formed from the budget ceiling, which the criterion must set

    def mistakes(self) -> list[Fault]:
        """What is wrong with the rule's own settings (nothing when it can form B)."""
        return [("coefficient", {"coefficient": self.coefficient})] if self.coefficient <= 0 else []

    def of_prices(self, ordered: Sequence[Decimal], ceiling: Decimal | None) -> tuple[Decimal, Decimal | None,
                                                                                   tuple[Decimal, ...]]:
        """The basis of B (before K) from the prices in ascending order, with the mean used and the prices
        dropped."""
        mean = _mean(ordered)
        return mean, mean, ()

    @abc.abstractmethod
    def words(self, zh: bool) -> str:
        """The base of B as the rubric states it, in words."""

    def figures(self, b: Benchmark, zh: bool) -> str:
        """The base of one evaluation's B in words, each with its figure (a plain mean here)."""
        return (f"{b.prices} 家评审价格的平均值 {exact_money_text(b.basis)}" if zh else
                f"the mean of {b.prices} evaluated prices: {exact_money_text(b.basis)}")


@dataclass(frozen=True)
class LowestBenchmark(BenchmarkRule):
    """B from the lowest evaluated price."""

    base: ClassVar[Base] = Base.LOWEST

    def of_prices(self, ordered: Sequence[Decimal], ceiling: Decimal | None) -> tuple[Decimal, Decimal | None,
                                                                                   tuple[Decimal, ...]]:
        return ordered[0], None, ()

    def words(self, zh: bool) -> str:
        return "最低评审价格" if zh else "the lowest evaluated price"

    def figures(self, b: Benchmark, zh: bool) -> str:
        return f"最低评审价格 {money_text(b.basis)}" if zh else f"the lowest evaluated price {money_text(b.basis)}"


@dataclass(frozen=True)
class MeanBenchmark(BenchmarkRule):
    """B from the mean of the evaluated prices."""

    base: ClassVar[Base] = Base.MEAN

    def words(self, zh: bool) -> str:
        return "有效评审价格的算术平均值" if zh else "the mean of the valid evaluated prices"


@dataclass(frozen=True, kw_only=True)
class TrimmedMeanBenchmark(BenchmarkRule):
    """B from the mean after dropping the ``trim`` highest and the ``trim`` lowest prices, once there are
    ``min_bids`` prices (the plain mean below that).

    >>> prices = [Decimal(p) for p in (800, 900, 1000, 1100, 1200, 1300, 1400)]
    >>> b = form_benchmark(TrimmedMeanBenchmark(min_bids=7, trim=2), prices)
    >>> b.basis, b.dropped
    (Decimal('1100'), (Decimal('1400'), Decimal('1300'), Decimal('800'), Decimal('900')))
    """

    base: ClassVar[Base] = Base.TRIMMED_MEAN
    min_bids: int = DEFAULT_MIN_BIDS
    trim: int = 1  # how many highest and how many lowest are dropped (去掉两个最高价和两个最低价: 2)

    def mistakes(self) -> list[Fault]:
        out = super().mistakes()
        if self.trim < 1:
            out.append(("trim_too_few", {"trim": self.trim}))
        elif self.min_bids < 2 * self.trim + 1:  # dropping them must leave a price to average
            out.append(("min_bids_too_few", {"min_bids": self.min_bids, "least": 2 * self.trim + 1, "trim": self.trim}))
        return out

    def of_prices(self, ordered: Sequence[Decimal], ceiling: Decimal | None) -> tuple[Decimal, Decimal | None,
                                                                                   tuple[Decimal, ...]]:
        if len(ordered) < self.min_bids:
            return super().of_prices(ordered, ceiling)
        n = self.trim
        mean = _mean(ordered[n:-n])
        return mean, mean, tuple(reversed(ordered[-n:])) + tuple(ordered[:n])  # the highest first, then the lowest

    def words(self, zh: bool) -> str:
        n, m = self.trim, self.min_bids
        if n == 1:
            return (f"有效评审价格去掉一个最高价和一个最低价后的算术平均值（不足{m}家时为算术平均值）" if zh else
                    f"the mean of the valid evaluated prices after dropping the highest and the lowest "
                    f"(with fewer than {m}, the plain mean)")
        return (f"有效评审价格去掉{n}个最高价和{n}个最低价后的算术平均值（不足{m}家时为算术平均值）" if zh else
                f"the mean of the valid evaluated prices after dropping the {n} highest and the {n} lowest "
                f"(with fewer than {m}, the plain mean)")

    def figures(self, b: Benchmark, zh: bool) -> str:
        if not b.trimmed:
            return (f"{b.prices} 家评审价格的平均值（不足 {self.min_bids} 家，不去掉最高最低价） {exact_money_text(b.basis)}"
                    if zh else f"the mean of {b.prices} evaluated prices (fewer than {self.min_bids}: none dropped): "
                               f"{exact_money_text(b.basis)}")
        n = len(b.dropped) // 2
        rest, mean = b.prices - 2 * n, exact_money_text(b.basis)
        if n == 1:
            high, low = b.dropped
            return (f"去掉最高价 {money_text(high)} 和最低价 {money_text(low)} 后其余 {rest} 家评审价格的平均值 {mean}"
                    if zh else f"the mean of the other {rest} evaluated prices after dropping the highest "
                               f"{money_text(high)} and the lowest {money_text(low)}: {mean}")
        highs, lows = ("、" if zh else ", ").join(map(money_text, b.dropped[:n])), \
            ("、" if zh else ", ").join(map(money_text, b.dropped[n:]))
        return (f"去掉 {n} 个最高价 {highs} 和 {n} 个最低价 {lows} 后其余 {rest} 家评审价格的平均值 {mean}" if zh else
                f"the mean of the other {rest} evaluated prices after dropping the {n} highest {highs} and the {n} "
                f"lowest {lows}: {mean}")


@dataclass(frozen=True, kw_only=True)
class CeilingAndMeanBenchmark(BenchmarkRule):
    """B from w × the budget ceiling + (1 − w) × the mean, the ceiling part optionally × its own coefficient
    (最高限价 × K × 40 % + 平均值 × 60 %)."""

    base: ClassVar[Base] = Base.CEILING_AND_MEAN
    needs_ceiling: ClassVar[bool] = True
    ceiling_weight: Decimal  # w
    ceiling_coefficient: Decimal | None = None  # None: the rubric sets none (the ceiling part × 1, not said)

    def mistakes(self) -> list[Fault]:
        out = super().mistakes()
        if not ZERO <= self.ceiling_weight <= ONE:
            out.append(("ceiling_weight_range", {"ceiling_weight": self.ceiling_weight, "range": (ZERO, ONE)}))
        if self.ceiling_coefficient is not None and not ZERO < self.ceiling_coefficient <= ONE:
            # 0 is not 1, and above 1 the ceiling part passes the ceiling no valid bid may pass (95 meant as 95 %)
            out.append(("ceiling_coefficient", {"ceiling_coefficient": self.ceiling_coefficient}))
        return out

    def of_prices(self, ordered: Sequence[Decimal], ceiling: Decimal | None) -> tuple[Decimal, Decimal | None,
                                                                                   tuple[Decimal, ...]]:
        assert ceiling is not None and not self.mistakes(), "a rubric refuses these (BenchmarkedPrice.mistakes)"
        kc = ONE if self.ceiling_coefficient is None else self.ceiling_coefficient
        mean = _mean(ordered)
        return self.ceiling_weight * ceiling * kc + (ONE - self.ceiling_weight) * mean, mean, ()

    def _times(self) -> str:
        """`` × Kc`` after the ceiling when the ceiling part has its own coefficient, else nothing."""
        return "" if self.ceiling_coefficient is None else f" × {plain_number(self.ceiling_coefficient)}"

    def words(self, zh: bool) -> str:
        w, rest, kc = plain_number(self.ceiling_weight), plain_number(ONE - self.ceiling_weight), self._times()
        return (f"{w} × 最高限价{kc} + {rest} × 有效评审价格的算术平均值" if zh else
                f"{w} × the budget ceiling{kc} + {rest} × the mean of the valid evaluated prices")

    def figures(self, b: Benchmark, zh: bool) -> str:
        assert b.ceiling is not None and b.mean is not None
        w, rest = plain_number(self.ceiling_weight), plain_number(ONE - self.ceiling_weight)
        ceiling = money_text(b.ceiling) + self._times()
        return (f"{w} × 最高限价 {ceiling} + {rest} × {b.prices} 家评审价格平均值 {exact_money_text(b.mean)}" if zh else
                f"{w} × the budget ceiling {ceiling} + {rest} × the mean of {b.prices} evaluated prices "
                f"{exact_money_text(b.mean)}")


RULES: dict[Base, type[BenchmarkRule]] = {rule.base: rule for rule in (LowestBenchmark, MeanBenchmark,
                                                                         TrimmedMeanBenchmark, CeilingAndMeanBenchmark)}


@dataclass(frozen=True)
class Benchmark:
    """B as formed from the prices of one evaluation, with every figure it came from."""

    rule: BenchmarkRule
    value: Decimal  # B, rounded to the cent
    prices: int  # how many evaluated prices it was formed from
    basis: Decimal  # the lowest, the (trimmed) mean or the ceiling mix, before K, unrounded
    mean: Decimal | None = None  # the mean used (trimmed when trimmed), unrounded
    dropped: tuple[Decimal, ...] = ()  # the highest prices dropped, highest first, then the lowest, when trimmed
    ceiling: Decimal | None = None

    @property
    def trimmed(self) -> bool:
        """Whether the highest and the lowest prices were dropped."""
        return bool(self.dropped)

    def describe(self, lang: str) -> str:
        """How B was formed, with its figures, as :func:`benchmark_formula` says it: ``B = (the mean … 1,000,000.00)
        × 0.95 = 950,000.00``."""
        return "B = " + benchmark_formula(self.rule, lang, self)


def benchmark_formula(rule: BenchmarkRule, lang: str, formed: Benchmark | None = None) -> str:
    """What B equals, as one formula correct as written: every place that explains B says it with this (``check``,
    the Rubric sheet, the Price sheet, the JSON, the terminal, the report, the app).

    Without ``formed`` the rule (``check``); with it, one evaluation's figures beside their words, then what they
    come to. A base that is a sum is in brackets before K multiplies it; a base that is one figure, with no K, is B
    itself and is not repeated (``B = the mean of 2 evaluated prices: 1,100,000.00``).

    >>> rule = CeilingAndMeanBenchmark(Decimal("0.8"), ceiling_weight=Decimal("0.3"))
    >>> benchmark_formula(rule, "en")
    '(0.3 × the budget ceiling + 0.7 × the mean of the valid evaluated prices) × 0.8'
    >>> b = form_benchmark(rule, [Decimal(1392000), Decimal(1680000), Decimal(1612800), Decimal(1280000)],
    ...                    Decimal(3000000))
    >>> benchmark_formula(rule, "en", b)  # doctest: +NORMALIZE_WHITESPACE
    '(0.3 × the budget ceiling 3,000,000.00 + 0.7 × the mean of 4 evaluated prices 1,491,200.00) × 0.8
     = 1,943,840.00 × 0.8 = 1,555,072.00'
    """
    zh = lang == "zh"
    compound = rule.base is Base.CEILING_AND_MEAN
    if formed is None:
        words = rule.words(zh)
    else:
        words = rule.figures(formed, zh)
    k = plain_number(rule.coefficient)
    if rule.coefficient == ONE:
        formula = words
    elif compound or formed is not None:  # K multiplies the whole base: a sum, or words that end with a figure
        formula = f"({words}) × {k}"
    else:
        formula = f"{words} × {k}"
    if formed is None:
        return formula
    if not compound and rule.coefficient == ONE and formed.basis == formed.value:
        return formula  # the words end with B itself: "= B" would say it twice
    if compound and rule.coefficient != ONE:
        formula += f" = {exact_money_text(formed.basis)} × {k}"
    return formula + f" = {money_text(formed.value)}"


def exact_money_text(amount: Decimal) -> str:
    """A figure B is formed from, as exact as a reader needs to redo the sum: to the cent when it is a whole cent,
    else every decimal up to six, and ``…`` when more digits follow. B itself is rounded, its parts are not.

    >>> exact_money_text(Decimal("1000000")), exact_money_text(Decimal("1200.125"))
    ('1,000,000.00', '1,200.125')
    >>> exact_money_text(Decimal(10030000) / 7)
    '1,432,857.142857…'
    """
    if amount == round_half_up(amount, 2):
        return money_text(amount)
    cut = amount.quantize(Decimal(1).scaleb(-FIGURE_PLACES), rounding=ROUND_DOWN)
    return f"{cut:,f}".rstrip("0") + ("" if cut == amount else "…")


def form_benchmark(rule: BenchmarkRule, prices: Sequence[Decimal], ceiling: Decimal | None = None) -> Benchmark:
    """B from the evaluated prices of the bids still in the evaluation (at least one)."""
    ordered = sorted(prices)
    basis, mean, dropped = rule.of_prices(ordered, ceiling)
    value = round_half_up(rule.coefficient * basis, 2)
    return Benchmark(rule, value, len(ordered), basis, mean, dropped, ceiling)


def deviation_percent(price: Decimal, benchmark: Decimal) -> Decimal:
    """d = 100 × (E − B) / B, unrounded: above B positive, below negative."""
    return HUNDRED * (price - benchmark) / benchmark


def counted_deviation(d: Decimal, rounding: DeviationRounding) -> Decimal:
    """|d| as the rubric counts it.

    >>> [counted_deviation(Decimal(x), DeviationRounding.UP) for x in ("-5.263", "5", "0")]
    [Decimal('6'), Decimal('5'), Decimal('0')]
    >>> counted_deviation(Decimal("5.5"), DeviationRounding.HALF_UP)
    Decimal('6')
    >>> counted_deviation(Decimal("-9.090909"), DeviationRounding.HALF_UP_2DP)
    Decimal('9.09')
    """
    size = abs(d)
    if rounding is DeviationRounding.UP:
        return size.to_integral_value(rounding=ROUND_CEILING)
    if rounding is DeviationRounding.HALF_UP:
        return round_half_up(size, 0)
    if rounding is DeviationRounding.HALF_UP_2DP:
        return round_half_up(size, 2)
    return size


def ratio_scores(top: Decimal, benchmark: Decimal, prices: Mapping[str, Decimal]) -> dict[str, Decimal]:
    """``ratio``: max × B / E, capped at max."""
    return {vendor: min(top, top * benchmark / e) for vendor, e in prices.items()}


def deviation_scores(top: Decimal, counted: Mapping[str, Decimal], above: Mapping[str, bool],
                     above_penalty: Decimal, below_penalty: Decimal) -> dict[str, Decimal]:
    """``deviation``: max − penalty × counted |d| (above or below B), never below 0."""
    return {vendor: max(ZERO, top - (above_penalty if above[vendor] else below_penalty) * size)
            for vendor, size in counted.items()}


def relative_to_lowest_scores(top: Decimal, prices: Mapping[str, Decimal]) -> dict[str, Decimal]:
    """``relative_to_lowest``: max × (1 − (E − E_min) / E_min), never below 0."""
    low = min(prices.values())
    return {vendor: max(ZERO, top * (ONE - (e - low) / low)) for vendor, e in prices.items()}


def _mean(values: Sequence[Decimal]) -> Decimal:
    return sum(values, ZERO) / len(values)


BASE_LABELS = {
    Base.LOWEST: Label("最低评审价格", "the lowest evaluated price"),
    Base.MEAN: Label("有效评审价格的算术平均值", "the mean of the evaluated prices"),
    Base.TRIMMED_MEAN: Label("去掉一个最高价和一个最低价后的算术平均值", "the mean after dropping the highest and the lowest"),
    Base.CEILING_AND_MEAN: Label("最高限价与平均值的加权", "the budget ceiling and the mean, weighted"),
}
