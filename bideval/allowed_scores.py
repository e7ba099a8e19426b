"""What a judge may score, and why a score is refused — the one place that decides it.

:func:`check_score` says whether one judge's score for one bid on one panel
criterion is allowed, given the agreed tier, and returns a
:class:`ScoreRefusal` (data: the reason, the range, the tier, the grades, the
step) when it is not. The panel workbook reader, the store
(``Store.set_score``) and the app's scoring grid all call it; each builds its
sentence from the refusal's data in its own language.

A judged criterion may list grades (优 8–10 / 良 5–7 / 一般 1–4, or fixed points
有 8 / 无 0) and a step (whole points): a score must then equal a fixed point or
lie in a range, on the step. :func:`grade_choices` lists the scores a judge can
pick from (for the score sheet's drop-down and the app's grid), each with its
grade in both languages, and :func:`parse_choice` reads such a choice back.

>>> from bideval.labels import Label
>>> from bideval.rubric import Grade, Judged
>>> grades = (Grade(Label("优", "Excellent"), Decimal(8), Decimal(10)), Grade(Label("良", "Good"), Decimal(5), Decimal(7)))
>>> c = Judged(id="design", name=Label("设计", "Design"), group="technical", max=Decimal(10), grades=grades)
>>> check_score(c, None, Decimal("7.5")).reason
'not_a_grade'
>>> check_score(c, None, Decimal(9)) is None
True
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .labels import Label
from .rubric import Criterion, Grade, Judged, Tier, Tiered
from .values import normalise, plain_number

NOT_PANEL = "not_a_panel_criterion"
NO_TIER = "no_agreed_tier"
OUTSIDE_RANGE = "outside_range"
OUTSIDE_TIER = "outside_tier"
NOT_A_GRADE = "not_a_grade"
OFF_STEP = "off_step"


def allowed_range(criterion: Criterion, tier_id: str | None) -> tuple[Decimal, Decimal, Tier | None] | None:
    """(low, high, agreed tier) a judge may score in: the agreed tier's range, or 0..max for a judged
    criterion; None for a tiered criterion whose tier is not agreed yet."""
    if not isinstance(criterion, Tiered):
        return Decimal(0), criterion.max, None
    tier = criterion.tier(tier_id) if tier_id else None
    return None if tier is None else (tier.min, tier.max, tier)


@dataclass(frozen=True)
class ScoreRefusal:
    """Why a score is not allowed, as data; :meth:`message` and :meth:`expected` put it in words."""

    reason: str  # one of the constants above
    criterion: Criterion
    score: Decimal | None
    low: Decimal | None = None  # the allowed range, when there is one
    high: Decimal | None = None
    tier: Tier | None = None
    grades: tuple[Grade, ...] = ()
    step: Decimal | None = None

    def expected(self, lang: str = "en") -> str:
        """What the score should have been, as the panel reader's ``expected …, found …`` says it."""
        from .errors import Expected
        from .messages import expected_text

        return expected_text(Expected("refusal", {"refusal": self}), lang, ids=True)

    def message(self, lang: str = "en") -> str:
        """The refusal in one sentence, in ``lang`` (:mod:`bideval.messages` holds the sentences)."""
        from .messages import sentence

        return sentence("score.refused", {"refusal": self}, lang, ids=True)


def check_score(criterion: Criterion, tier_id: str | None, score: Decimal | None) -> ScoreRefusal | None:
    """None when a judge may give ``score`` (None: no score yet, always allowed); else why not."""
    if not criterion.is_panel:
        return ScoreRefusal(NOT_PANEL, criterion, score)
    if score is None:
        return None  # withdrawing a score is always allowed
    if not Decimal(0) <= score <= criterion.max:
        return ScoreRefusal(OUTSIDE_RANGE, criterion, score, Decimal(0), criterion.max)
    allowed = allowed_range(criterion, tier_id)
    if allowed is None:
        return ScoreRefusal(NO_TIER, criterion, score)
    low, high, tier = allowed
    if tier is not None and not tier.contains(score):
        return ScoreRefusal(OUTSIDE_TIER, criterion, score, low, high, tier)
    if isinstance(criterion, Judged):
        if criterion.grades and not any(g.contains(score) for g in criterion.grades):
            return ScoreRefusal(NOT_A_GRADE, criterion, score, low, high, None, criterion.grades, criterion.step)
        if criterion.step is not None and score % criterion.step != 0:
            return ScoreRefusal(OFF_STEP, criterion, score, low, high, None, criterion.grades, criterion.step)
    return None


def grades_text(grades: tuple[Grade, ...], step: Decimal | None, lang: str | None = None) -> str:
    """``优 8–10, 良 5–7, 一般 1–4 (whole points)`` (``lang`` None: both languages)."""
    text = ", ".join(g.text(lang) for g in grades) if grades else ""
    if step is not None:
        words = {"zh": f"每档以{plain_number(step)}分为单位", "en": f"in steps of {plain_number(step)}"}
        if step == 1:
            words = {"zh": "整数分", "en": "whole points"}
        note = words["zh"] if lang == "zh" else words["en"] if lang == "en" else f"{words['zh']} / {words['en']}"
        text = f"{text} ({note})" if text else note
    return text


@dataclass(frozen=True)
class Choice:
    """A score a judge can pick, with its grade: ``8 · 优 / Excellent``."""

    score: Decimal
    grade: Grade | None

    def text(self, lang: str | None = None) -> str:
        """The choice as a drop-down shows it (``lang`` None: both languages)."""
        if self.grade is None:
            return plain_number(self.score)
        label = self.grade.label.both() if lang is None else self.grade.label.text(lang)
        return f"{plain_number(self.score)} · {label}"


def grade_choices(criterion: Criterion) -> tuple[Choice, ...] | None:
    """Every score a judge can pick on a graded or stepped judged criterion, highest first; None when the
    scores cannot be listed (no grades and no step, or a range without a step)."""
    if not isinstance(criterion, Judged) or (not criterion.grades and criterion.step is None):
        return None
    scores = criterion.allowed_scores()
    if scores is None:
        return None
    return tuple(Choice(s, criterion.grade_of(s)) for s in scores)


_CHOICE = re.compile(r"\s*([+-]?\d+(?:\.\d+)?)\s*(?:[·・:：]\s*(.*))?")


def parse_choice(criterion: Criterion, raw: object) -> Decimal | None:
    """The score of a drop-down choice (``8 · 优 / Excellent``, ``8 优``) or of a plain number; None when ``raw``
    is not such a text. A grade named beside the score must be the grade the score lies in."""
    if not isinstance(raw, str) or not isinstance(criterion, Judged) or not criterion.grades:
        return None
    text = normalise(raw)
    match = _CHOICE.fullmatch(text) or re.fullmatch(r"\s*([+-]?\d+(?:\.\d+)?)\s+(.*)", text)
    if match is None:
        return None
    try:
        score = Decimal(match.group(1))
    except InvalidOperation:  # pragma: no cover - the pattern only lets numbers through
        return None
    named = (match.group(2) or "").strip()
    if named and not any(_names(g.label, named) for g in criterion.grades if g.contains(score)):
        return None
    return score


def _names(label: Label, text: str) -> bool:
    spellings = {label.zh, label.en, label.both(), f"{label.zh}/{label.en}"}
    return normalise(text).casefold() in {normalise(s).casefold() for s in spellings}
