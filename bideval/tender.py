"""The tender a filed document belongs to: its name, number, procurement method and date.

The evaluation report and the ranked workbook head their pages with it. The
rubric may carry the number and the method (``tender_number``,
``procurement_method``); the command line and the app may give any of them.
The app adds the panel's sign-off (:class:`bideval.workflow.SignOff`): final or
not, who signed it and when, and the chair's findings.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from typing import TYPE_CHECKING

from .labels import Label
from .rubric import Rubric

if TYPE_CHECKING:
    from .workflow import SignOff

COMPREHENSIVE_SCORING = Label("综合评分法", "Comprehensive scoring")


@dataclass(frozen=True)
class DocumentHeading:
    """What heads a filed document: the tender's name and number, how it is procured, and the date."""

    name: Label
    number: str
    method: Label
    date: datetime.date
    sign_off: "SignOff | None" = None  # the panel session's, from the store; None for the command line


def document_heading(rubric: Rubric, name: str | None = None, number: str | None = None, method: str | None = None,
                     on: datetime.date | None = None, sign_off: "SignOff | None" = None) -> DocumentHeading:
    """The given values (shown as typed in both languages), else the rubric's title, ``tender_number`` and ``procurement_method``; else today.

    >>> from bideval.rubric import Rubric
    >>> info = document_heading(Rubric("x", Label("甲项目", "Project A"), (), ()), number=" ZB-2026-01 ",
    ...                         on=datetime.date(2026, 11, 30))
    >>> info.name.en, info.number, info.method.en, date_text(info.date, "zh")
    ('Project A', 'ZB-2026-01', 'Comprehensive scoring', '2026年11月30日')
    """
    return DocumentHeading(
        name=_same_in_both(name) or rubric.title,
        number=(number or "").strip() or (rubric.tender_number or ""),
        method=_same_in_both(method) or rubric.procurement_method or COMPREHENSIVE_SCORING,
        date=on or datetime.date.today(),
        sign_off=sign_off,
    )


def _same_in_both(text: str | None) -> Label | None:
    """A text someone typed, shown as typed in either language; None when blank."""
    text = (text or "").strip()
    return Label(text, text) if text else None


def date_text(day: datetime.date, lang: str) -> str:
    """``2026年11月30日`` in Chinese, ``2026-11-30`` in English."""
    return f"{day.year}年{day.month}月{day.day}日" if lang == "zh" else day.isoformat()
