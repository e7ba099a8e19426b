"""SME categories: several price deduction rates, one per kind of small or medium enterprise (issue 7, item 8).

A rubric's ``sme_deduction`` is either one rate (a bid says yes or no to ``sme``)
or a table of categories — small enterprise, micro enterprise, a consortium
whose SME share is at least 30 % … — each with its own rate; then a bid's
``sme`` answer names its category, or says no.

>>> small = SmeCategory("small", Label("小型企业", "Small enterprise"), Decimal("0.10"))
>>> parse_sme_category("小型企业", (small,)), parse_sme_category("否", (small,))
('small', False)
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .errors import Expected
from .labels import Label, Named
from .values import ValueProblem, fold, parse_bool

NOT_SME = Label("否", "no")


@dataclass(frozen=True)
class SmeCategory:
    """One line of the deduction table: the category a bid may state and its rate."""

    id: str
    label: Label
    rate: Decimal

    def names(self) -> tuple[str, ...]:
        """Every spelling a bid may use for this category: its id and its label in either language."""
        return (self.id, self.label.zh, self.label.en, self.label.both())


def parse_sme_category(raw: object, categories: tuple[SmeCategory, ...]) -> str | bool | None:
    """A bid's ``sme`` answer under a category table: the category's id, False for no, None when empty.

    A category is named by its id or its label in either language; no by any spelling of no (否, N,
    FALSE …). Yes alone is refused: it does not say which rate applies.
    """
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, str):
        wanted = fold(raw)
        for category in categories:
            if wanted in map(fold, category.names()):
                return category.id
    try:
        if parse_bool(raw) is False:
            return False
    except ValueProblem:
        pass
    raise ValueProblem(Expected("sme_category", {"categories": tuple(Named(c.id, c.label) for c in categories)}), raw)


def category_rate(categories: tuple[SmeCategory, ...], answer: object) -> tuple[SmeCategory | None, Decimal]:
    """The category a parsed ``sme`` answer names and its rate (None and 0 for no or empty)."""
    for category in categories:
        if category.id == answer:
            return category, category.rate
    return None, Decimal(0)
