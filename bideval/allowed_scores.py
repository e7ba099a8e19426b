"""What a judge may score, and why a score is refused — the one place that decides it.

:func:`check_score` says whether one judge's score for one bid on one panel
criterion is allowed, given the agreed tier, and returns a
:class:`ScoreRefusal` (data: the reason, what was typed, the range, the tier,
the grades, the step, the decimals) when it is not. The panel workbook reader,
the store (``Store.set_score`` and the consensus score) and the app's scoring
grid all call it; :func:`parse_score_entry` reads what a judge typed into an
exact Decimal first and refuses, with the same data, what is not a number. A
refused score is raised as :class:`ScoreRefused`, which carries the refusal;
:mod:`bideval.messages` builds its sentence in Chinese or English. The store
checks a score against the rubric with :func:`raise_if_refused`, the grid shows
:func:`allowed_text`, and a tier the store cannot record is a
:class:`TierRefused`.

The checks, in order, each before any rounding or clamping so the refusal
names what was typed: a panel criterion; a finite Decimal (NaN, Infinity, a
float, an int or a text is ``not_a_number``: a score is kept exactly or not
at all); not negative (−0 too); no more decimals than the criterion keeps,
counted exactly (when the caller asks: the app does, the command line's panel
workbook keeps what it reads); 0..max; an agreed tier for a tiered
criterion, and inside it; a grade for a graded one; the step, for a tiered
or judged criterion that has one (whole points inside the agreed tier 13–18).

A judged criterion may list grades (优 8–10 / 良 5–7 / 一般 1–4, or fixed points
有 8 / 无 0) and a step (whole points): a score must then equal a fixed point or
lie in a range, on the step. :func:`grade_choices` lists the scores a judge can
pick from (for the score sheet's drop-down and the app's grid), each with its
grade in both languages, and :func:`parse_choice` reads such a choice back, or
a grade of fixed points named alone (``有``: 8).
:func:`parse_grade_entry` reads a grade picked in the app's grid and refuses,
as data, what the panel workbook reader refuses in a score cell
(:func:`grade_refusal`: a grade that does not go with its score, or no grade at
all); :func:`allowed_text` says what a row of the grid allows. A score typed with its unit, ``4分`` or ``4 分``, is
the number (:func:`without_points`), in the grid and in a panel workbook alike.

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

import math
import re
from dataclasses import dataclass, replace
from decimal import Decimal

from .errors import BidEvalError
from .labels import Label, Named
from .patterns import on_first_use
from .rubric import Criterion, Grade, Judged, Rubric, Stepped, Tier, Tiered
from .values import COMMA_AFTER_ZERO, ValueProblem, fold, normalise, parse_number, plain_number, read_number

NOT_PANEL = "not_a_panel_criterion"
NOT_A_NUMBER = "not_a_number"
# COMMA_AFTER_ZERO (from values): 0,500 or 0,000 typed, a comma after a leading 0, which no thousands separator can be
NEGATIVE = "negative"
SIGNED_ZERO = "signed_zero"  # -0 typed where 0 is allowed: the sign alone is refused (it cannot be kept as typed)
TOO_MANY_DECIMALS = "too_many_decimals"
NO_TIER = "no_agreed_tier"
OUTSIDE_RANGE = "outside_range"
OUTSIDE_TIER = "outside_tier"
NOT_A_GRADE = "not_a_grade"
OFF_STEP = "off_step"
GRADE_MISMATCH = "grade_mismatch"  # ``8 · 无`` where 8 is 有: the grade named is not the one the score lies in
NO_GRADES = "no_grades"  # a grade picked for a criterion that has none: its score is typed
SCORE_AND_GRADE = "score_and_grade"  # a score typed and a grade picked in one edit of one row, naming two scores


def allowed_range(criterion: Criterion, tier_id: str | None) -> tuple[Decimal, Decimal, Tier | None] | None:
    """(low, high, agreed tier) a judge may score in: the agreed tier's range, or 0..max for a judged
    criterion; None for a tiered criterion whose tier is not agreed yet."""
    if not isinstance(criterion, Tiered):
        return Decimal(0), criterion.max, None
    tier = criterion.tier(tier_id) if tier_id else None
    return None if tier is None else (tier.min, tier.max, tier)


@dataclass(frozen=True)
class GradeMismatch:
    """A choice whose grade is not the one its score lies in (``8 · 无`` where 8 is 有), as data."""

    score: Decimal
    label: str  # the grade as written beside the score
    named: Grade | None  # the grade that label names, if any
    grade: Grade | None  # the grade the score lies in, if any


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
    typed: str | None = None  # what the judge typed, exactly (``8.255``, ``-1``, ``八``)
    decimals: int | None = None  # the decimals the criterion keeps, when they were checked
    mismatch: GradeMismatch | None = None  # a grade named beside the score that is not the score's (GRADE_MISMATCH)
    grade_typed: str | None = None  # the grade given with a score in one edit (SCORE_AND_GRADE; '' when cleared)
    point: str | None = None  # what was typed with its comma made a decimal point (COMMA_AFTER_ZERO: 0,500 → 0.500)

    @property
    def allowed(self) -> tuple[Decimal, Decimal] | None:
        """The range allowed, when the refusal names one."""
        return None if self.low is None or self.high is None else (self.low, self.high)

    def expected(self, lang: str = "en") -> str:
        """What the score should have been, as the panel reader's ``expected …, found …`` says it."""
        from .errors import Expected
        from .messages import expected_text

        return expected_text(Expected("refusal", {"refusal": self}), lang, ids=True)

    def message(self, lang: str = "en") -> str:
        """The refusal in one sentence, in ``lang`` (:mod:`bideval.messages` holds the sentences)."""
        from .messages import sentence

        return sentence("score.refused", {"refusal": self}, lang, ids=True)


class ScoreRefused(BidEvalError):
    """A score that was not saved. ``refusal`` (a :class:`ScoreRefusal`) says why when the score itself is not
    allowed; a refusal about its context — no such bid, a tier that does not fit the scores given, a judge who
    declared a conflict or has not declared yet — is a coded error (``code``, ``data``) with ``refusal`` None."""

    def __init__(self, message: str, refusal: ScoreRefusal | None = None):
        super().__init__(message)
        self.refusal = refusal

    @classmethod
    def of(cls, refusal: ScoreRefusal) -> "ScoreRefused":
        """The error raising ``refusal`` (its English text is the command line's)."""
        return cls(refusal.message("en"), refusal)

    @property
    def reason(self) -> str:
        """The refusal's reason, or the coded error's code without its ``score.`` prefix."""
        return self.refusal.reason if self.refusal is not None else self.code.removeprefix("score.")


class TierRefused(ScoreRefused):
    """A tier that cannot be recorded: unknown (``score.unknown_tier``), or scores already given lie outside it
    (``score.scores_outside_tier``: the judges and their scores as data)."""

    @property
    def outside(self) -> tuple[tuple[str, Decimal], ...]:
        """(judge, score) of each score outside the tier that the actor may see (``data["others"]``: how many more)."""
        return tuple(self.data.get("scores", ()))

    @property
    def judges(self) -> tuple[str, ...]:
        """The judges of the scores in :attr:`outside`."""
        return tuple(j for j, _ in self.outside)


def check_score(criterion: Criterion, tier_id: str | None, score: Decimal | None, decimals: int | None = None,
                typed: str | None = None) -> ScoreRefusal | None:
    """None when a judge may give ``score`` (None: no score yet, always allowed); else why not.

    ``decimals``: refuse a score with more decimal places than that (:func:`decimal_places`; the app's rule: a
    typed score is kept exactly as typed or not at all); ``typed``: the text the judge typed, for the refusal
    (default: ``score``). A score that is not a finite Decimal is refused as ``not_a_number``, never raised on.
    """
    if not criterion.is_panel:
        return ScoreRefusal(NOT_PANEL, criterion, score)
    if score is None:
        return None  # withdrawing a score is always allowed
    if not isinstance(score, Decimal) or not score.is_finite():
        # NaN, Infinity, a float, an int, a text: a score is an exact Decimal, kept as given or not at all
        return ScoreRefusal(NOT_A_NUMBER, criterion, None, typed=str(score) if typed is None else typed)
    typed = _typed(score) if typed is None else typed
    allowed = allowed_range(criterion, tier_id)
    if score.is_signed():  # −0 too: it cannot be kept as typed
        # the range the judge may use: the agreed tier's when there is one, as for a score outside it
        low, high, tier = allowed if allowed is not None else (Decimal(0), criterion.max, None)
        if not score:  # −0: refused as 0 is where 0 is (outside the tier, no grade), else for its sign alone
            unsigned = check_score(criterion, tier_id, score.copy_abs(), decimals, typed)
            return (ScoreRefusal(SIGNED_ZERO, criterion, score, low, high, tier, typed=typed) if unsigned is None
                    else replace(unsigned, score=score))
        return ScoreRefusal(NEGATIVE, criterion, score, low, high, tier, typed=typed)
    if decimals is not None and decimal_places(score) > decimals:
        return ScoreRefusal(TOO_MANY_DECIMALS, criterion, score, typed=typed, decimals=decimals)
    if allowed is not None and allowed[2] is not None and not allowed[2].contains(score):
        # the agreed tier's range, even above the maximum: it is the range the judge may use (on its step)
        return ScoreRefusal(OUTSIDE_TIER, criterion, score, *allowed, step=_step(criterion), typed=typed)
    if not score <= criterion.max:
        return ScoreRefusal(OUTSIDE_RANGE, criterion, score, Decimal(0), criterion.max, typed=typed)
    if allowed is None:
        return ScoreRefusal(NO_TIER, criterion, score, typed=typed)
    low, high, tier = allowed
    grades = criterion.grades if isinstance(criterion, Judged) else ()
    if grades and not any(g.contains(score) for g in grades):
        return ScoreRefusal(NOT_A_GRADE, criterion, score, low, high, None, grades, _step(criterion), typed=typed)
    if isinstance(criterion, Stepped) and not criterion.on_step(score):
        # a tiered criterion's step applies inside the agreed tier (whole points in 中 13–18), as a grade's does
        return ScoreRefusal(OFF_STEP, criterion, score, low, high, tier, grades, criterion.step, typed=typed)
    return None


def _step(criterion: Criterion) -> Decimal | None:
    """The step a judge's score must be a multiple of on ``criterion`` (None: any score)."""
    return criterion.step if isinstance(criterion, Stepped) else None


def decimal_places(score: Decimal) -> int:
    """The decimal places a finite score has once its trailing zeros go, counted exactly (``normalize()`` would
    round to the context's 28 digits first, and 4.009999999999999999999999999999 would count 2).

    >>> decimal_places(Decimal("8.250")), decimal_places(Decimal("4.009999999999999999999999999999"))
    (2, 30)
    >>> decimal_places(Decimal("1E+1")), decimal_places(Decimal("0.000"))
    (0, 0)
    """
    _, digits, exponent = score.as_tuple()
    if not isinstance(exponent, int):
        raise ValueError(f"{score} is not a finite number: it has no decimal places")
    significant = len("".join(map(str, digits)).rstrip("0"))
    return max(0, -(exponent + len(digits) - significant)) if significant else 0


def read_score_text(criterion: Criterion, raw: object) -> Decimal | None:
    """What a judge typed as an exact Decimal (floats through ``str``), None when empty; :class:`ScoreRefused`
    (reason ``not_a_number``, with what was typed) when it is not a number.

    >>> from bideval.labels import Label
    >>> from bideval.rubric import Judged
    >>> c = Judged(id="plan", name=Label("方案", "Plan"), group="technical", max=Decimal(10))
    >>> read_score_text(c, " 8.25 "), read_score_text(c, 8.25), read_score_text(c, "８．５"), read_score_text(c, "")
    (Decimal('8.25'), Decimal('8.25'), Decimal('8.5'), None)
    >>> read_score_text(c, "8分"), read_score_text(c, "8.5 分")
    (Decimal('8'), Decimal('8.5'))
    """
    if raw is None or (isinstance(raw, float) and math.isnan(raw)):
        return None
    try:  # the panel workbook's digits: a superscript, circled or Arabic-Indic ٨ is no 8
        return read_number(without_points(raw))
    except ValueProblem as problem:
        # 0,500: a comma after a leading 0 is no thousands separator (values.comma_after_zero): said so, with the point
        reason = COMMA_AFTER_ZERO if problem.expectation.kind == COMMA_AFTER_ZERO else NOT_A_NUMBER
        raise ScoreRefused.of(ScoreRefusal(reason, criterion, None, typed=str(raw),
                                           point=problem.expectation.facts.get("point"))) from None


# A number, then 分 (points, the unit of a score) after it: ``4分``, ``4 分``
_POINTS = re.compile(r"(?P<number>.*?\S)\s*分", re.DOTALL)


def without_points(raw: object) -> object:
    """What a judge typed as a score, without the unit 分 (points) written after a number: ``4分`` and ``4 分`` are
    the score 4, ``４分`` too (the digits :func:`~bideval.values.read_number` reads); anything else as it is (a grade
    named after a number, ``4 优``, stays for the grades to read; ``优（4分）`` is no number with its unit). A number
    with a comma after a leading 0 loses its 分 too, so ``0,5分`` is refused as ``0,5`` is (``COMMA_AFTER_ZERO``,
    asking for 0.5), not as no number.

    >>> without_points("4分"), without_points(" ４ 分 "), without_points(4), without_points("0,5分")
    ('4', '４', 4, '0,5')
    >>> without_points("优（4分）"), without_points("分"), without_points("4 优")
    ('优（4分）', '分', '4 优')
    """
    if not isinstance(raw, str):
        return raw
    written = _POINTS.fullmatch(raw.strip())
    if written is None:
        return raw
    try:
        read_number(written["number"])
    except ValueProblem as problem:
        if problem.expectation.kind != COMMA_AFTER_ZERO:
            return raw
    return written["number"]


def parse_score_entry(criterion: Criterion, tier_id: str | None, raw: object,
                      decimals: int | None = None) -> Decimal | None:
    """A score typed in the grid, read and checked by :func:`check_score`; None when the cell was cleared;
    :class:`ScoreRefused` with the refusal's data otherwise."""
    value = read_score_text(criterion, raw)
    refusal = check_score(criterion, tier_id, value, decimals, typed=None if raw is None else normalise(str(raw)))
    if refusal is not None:
        raise ScoreRefused.of(refusal)
    return value


def raise_if_refused(rubric: Rubric, criterion_id: str, tier_id: str | None, score: Decimal | None) -> None:
    """:class:`ScoreRefused` unless ``score`` may be given on the rubric's criterion ``criterion_id`` with
    ``tier_id`` agreed: :func:`check_score`, with the decimals the criterion keeps (the store's check of every score
    it writes)."""
    criterion = rubric.criterion_index.get(criterion_id)
    if criterion is None:
        raise ScoreRefused.coded("score.not_panel", criterion=criterion_id)
    refusal = check_score(criterion, tier_id, score, rubric.places(criterion))
    if refusal is not None:
        raise ScoreRefused.of(refusal)



def same_score(entered: Decimal | None, stored: Decimal | None) -> bool:
    """Whether a score read from what a judge typed is the stored one as kept: the same number with the same decimals
    (``８.２５`` or `` 8.25 `` over 8.25 changes nothing; ``8.250`` over 8.25 is kept as typed, so it is a change).

    >>> same_score(read_number("８．２５"), Decimal("8.25")), same_score(Decimal("8.250"), Decimal("8.25"))
    (True, False)
    >>> same_score(None, None), same_score(None, Decimal(0))
    (True, False)
    """
    if entered is None or stored is None:
        return entered is stored
    return entered == stored and entered.as_tuple().exponent == stored.as_tuple().exponent


def _typed(score: Decimal) -> str:
    """A Decimal as a judge would have typed it: ``8.250`` stays, ``1E+1`` is ``10``."""
    return f"{score:f}" if "E" in str(score) else str(score)


def grades_text(grades: tuple[Grade, ...], step: Decimal | None, lang: str | None = None) -> str:
    """``优 8–10, 良 5–7, 一般 1–4 (whole points)``, in Chinese ``优 8–10、良 5–7、一般 1–4（整数分）`` (``lang``
    None: both languages)."""
    text = ("、" if lang == "zh" else ", ").join(g.text(lang) for g in grades) if grades else ""
    if step is not None:
        note = step_text(step, lang)
        text = noted(text, note, lang) if text else note
    return text


def noted(text: str, note: str, lang: str | None) -> str:
    """``text`` with ``note`` in brackets, full-width in Chinese: ``13–18（整数分）``, ``13–18 (whole points)``."""
    return f"{text}（{note}）" if lang == "zh" else f"{text} ({note})"


def step_text(step: Decimal, lang: str | None = None) -> str:
    """What a step asks of a judge's score: ``whole points`` / ``整数分``, ``in steps of 0.5`` (``lang`` None: both).

    >>> step_text(Decimal(1), "en"), step_text(Decimal("0.5"))
    ('whole points', '每档以0.5分为单位 / in steps of 0.5')
    """
    words = {"zh": f"每档以{plain_number(step)}分为单位", "en": f"in steps of {plain_number(step)}"}
    if step == 1:
        words = {"zh": "整数分", "en": "whole points"}
    return words["zh"] if lang == "zh" else words["en"] if lang == "en" else f"{words['zh']} / {words['en']}"


def step_clause(step: Decimal, lang: str) -> str:
    """The step after a range, as a clause: ``in whole points`` / ``且为整数分``, ``in steps of 0.5``.

    >>> step_clause(Decimal(1), "en"), step_clause(Decimal("0.5"), "en"), step_clause(Decimal(1), "zh")
    ('in whole points', 'in steps of 0.5', '且为整数分')
    """
    if step == 1:
        return "且为整数分" if lang == "zh" else "in whole points"
    return step_text(step, lang)


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


def _graded(criterion: Criterion) -> Judged | None:
    """The criterion when a judge scores it by grade (a judged criterion with grades or a step), else None."""
    return criterion if isinstance(criterion, Judged) and (criterion.grades or criterion.step is not None) else None


def allowed_text(criterion: Criterion, tier_id: str | None, lang: str | None = None) -> str:
    """What a judge may score on a panel criterion, as the app's grid says it: the grades (:func:`grades_text`),
    else the agreed tier's range or 0..max, else ``—`` while a tiered criterion waits for its tier.

    >>> from bideval.labels import Label
    >>> from bideval.rubric import Judged
    >>> allowed_text(Judged(id="plan", name=Label("方案", "Plan"), group="technical", max=Decimal(10)), None)
    '0–10'
    """
    graded = _graded(criterion)
    if graded is not None:
        return grades_text(graded.grades, graded.step, lang)
    found = allowed_range(criterion, tier_id)
    if found is None:
        return "—"
    span, step = f"{plain_number(found[0])}–{plain_number(found[1])}", _step(criterion)
    return span if step is None else noted(span, step_text(step, lang), lang)  # a tiered step: 13–18 (whole points)


def grade_choices(criterion: Criterion) -> tuple[Choice, ...] | None:
    """Every score a judge can pick on a graded or stepped judged criterion, highest first; None when the
    scores cannot be listed (no grades and no step, or a range without a step)."""
    graded = _graded(criterion)
    scores = None if graded is None else graded.allowed_scores()
    if graded is None or scores is None:
        return None
    return tuple(Choice(s, graded.grade_of(s)) for s in scores)


# A score, then its grade after a dot or colon or a space, split as written (not NFKC'd: ``1⁰`` would become 10).
_CHOICE = on_first_use(r"\s*(?P<score>[^\s·・･:：]+)(?:(?:\s*[·・･:：]|\s)\s*(?P<grade>.*))?\s*")


def parse_choice(criterion: Criterion, raw: object) -> Decimal | None:
    """The score of a drop-down choice (``8 · 优 / Excellent``, ``8 优``) or of a plain number, or the points of a
    fixed-point grade named alone (:func:`fixed_grade_named`); None when ``raw`` is not such a text. A grade named
    beside the score must be the grade the score lies in."""
    split = _split_choice(criterion, raw)
    if split is None:
        return fixed_grade_named(criterion, raw)
    graded, score, named = split
    if named and not any(_names(g.label, named) for g in graded.grades if g.contains(score)):
        return None
    return score


def fixed_grade_named(criterion: Criterion, raw: object) -> Decimal | None:
    """The points of the one grade of fixed points that ``raw`` names by its label alone, in either language or both,
    as the drop-down writes it (``优``, ``Excellent``, ``优 / Excellent``); None otherwise. A judge typing the grade
    means its points when it has one number; a grade that is a range (``优 8–10``) still needs the score.

    >>> from bideval.labels import Label
    >>> from bideval.rubric import Grade, Judged
    >>> c = Judged(id="sample", name=Label("样品", "Sample"), group="technical", max=Decimal(8),
    ...            grades=(Grade(Label("有", "Provided"), Decimal(8), Decimal(8)), Grade(Label("无", "None"), Decimal(0),
    ...                                                                                   Decimal(0))))
    >>> fixed_grade_named(c, "有"), fixed_grade_named(c, "none"), fixed_grade_named(c, "有 / Provided")
    (Decimal('8'), Decimal('0'), Decimal('8'))
    """
    if not isinstance(raw, str) or not isinstance(criterion, Judged):
        return None
    named = {g.min for g in criterion.grades if g.fixed and _names(g.label, raw.strip())}
    return named.pop() if len(named) == 1 else None


def grade_mismatch(criterion: Criterion, raw: object) -> GradeMismatch | None:
    """Why :func:`parse_choice` read no score from a ``score · grade`` text whose score is a number: the grade
    written beside it is not the grade the score lies in; None for any other text."""
    split = _split_choice(criterion, raw)
    if split is None or not split[2] or parse_choice(criterion, raw) is not None:
        return None
    graded, score, label = split
    named = next((g for g in graded.grades if _names(g.label, label)), None)
    return GradeMismatch(score, label, named, graded.grade_of(score))


def grade_refusal(criterion: Criterion, raw: object) -> ScoreRefusal:
    """Why ``raw``, which holds no score of a graded criterion (neither a choice such as ``8 · 优`` nor a number),
    is refused: the grade written beside its score is not the one the score lies in (``grade_mismatch``, with the
    :class:`GradeMismatch`), or it is no score the grades allow (``not_a_grade``, no score). The panel workbook
    reader says it of a score cell, the app's grid of a grade picked (:func:`parse_grade_entry`)."""
    graded = _graded(criterion)
    grades, step = (graded.grades, graded.step) if graded is not None else ((), None)
    mismatch = grade_mismatch(criterion, raw)
    if mismatch is not None:
        return ScoreRefusal(GRADE_MISMATCH, criterion, mismatch.score, grades=grades, step=step, typed=str(raw),
                            mismatch=mismatch)
    return ScoreRefusal(NOT_A_GRADE, criterion, None, grades=grades, step=step, typed=str(raw))


def parse_grade_entry(criterion: Criterion, tier_id: str | None, raw: object,
                      decimals: int | None = None) -> Decimal | None:
    """The score of a grade picked in the app's grid (``8 · 优``, or a plain number such as a stepped criterion's
    ``7``), checked by :func:`check_score`; None when the cell was cleared; :class:`ScoreRefused` with the
    refusal's data otherwise — :func:`grade_refusal`'s for what is no choice, ``no_grades`` on a criterion a judge
    does not score by grade.

    >>> from bideval.labels import Label
    >>> from bideval.rubric import Grade, Judged
    >>> c = Judged(id="sample", name=Label("样品", "Sample"), group="technical", max=Decimal(8),
    ...            grades=(Grade(Label("有", "Provided"), Decimal(8), Decimal(8)),))
    >>> parse_grade_entry(c, None, "8 · 有"), parse_grade_entry(c, None, " ")
    (Decimal('8'), None)
    >>> try:
    ...     parse_grade_entry(c, None, "8 · 无")
    ... except ScoreRefused as refused:
    ...     refused.reason
    'grade_mismatch'
    """
    if raw is None or (isinstance(raw, float) and math.isnan(raw)) or (isinstance(raw, str) and not raw.strip()):
        return None
    if _graded(criterion) is None:
        raise ScoreRefused.of(ScoreRefusal(NO_GRADES, criterion, None, typed=str(raw)))
    score = parse_choice(criterion, raw)
    if score is None and grade_mismatch(criterion, raw) is None:
        try:  # a plain number, as a score cell reads it (4分 too): a stepped criterion's choices are numbers
            score = read_score_text(criterion, raw)
        except ScoreRefused as refused:
            if refused.reason == COMMA_AFTER_ZERO:  # 0,5: said as where it is typed, asking for 0.5, not as no grade
                raise
    if score is None:
        raise ScoreRefused.of(grade_refusal(criterion, raw))
    refusal = check_score(criterion, tier_id, score, decimals)
    if refusal is not None:
        raise ScoreRefused.of(refusal)
    return score


def parse_score_and_grade(criterion: Criterion, tier_id: str | None, typed: object, picked: object,
                          decimals: int | None = None) -> Decimal | None:
    """A score typed and a grade picked in one edit of one row of the app's grid (a row pasted whole, or both cells
    changed before the grid was sent): each read and checked as alone (:func:`parse_score_entry`,
    :func:`parse_grade_entry`), then kept when both name the same score (the score as typed: ``8.0`` beside
    ``8 · 优`` keeps ``8.0``), both cleared too; when they name two scores, or one is cleared and the other is not,
    :class:`ScoreRefused` (``score_and_grade``, with both as given): neither is guessed to be the one meant.

    >>> from bideval.labels import Label
    >>> from bideval.rubric import Grade, Judged
    >>> c = Judged(id="sample", name=Label("样品", "Sample"), group="technical", max=Decimal(8),
    ...            grades=(Grade(Label("有", "Provided"), Decimal(8), Decimal(8)), Grade(Label("无", "None"), Decimal(0),
    ...                                                                                   Decimal(0))))
    >>> parse_score_and_grade(c, None, "8", "8 · 有")
    Decimal('8')
    >>> try:
    ...     parse_score_and_grade(c, None, "0", "8 · 有")
    ... except ScoreRefused as refused:
    ...     refused.reason, refused.refusal.typed, refused.refusal.grade_typed
    ('score_and_grade', '0', '8 · 有')
    """
    score = parse_score_entry(criterion, tier_id, typed, decimals)
    grade = parse_grade_entry(criterion, tier_id, picked, decimals)
    if score == grade:  # the same number (8.0 and 8 too), or both cleared
        return score

    def given(raw: object) -> str:
        return "" if raw is None or (isinstance(raw, float) and math.isnan(raw)) else normalise(str(raw)).strip()

    raise ScoreRefused.of(ScoreRefusal(SCORE_AND_GRADE, criterion, score, typed=given(typed),
                                       grade_typed=given(picked)))


def _split_choice(criterion: Criterion, raw: object) -> tuple[Judged, Decimal, str] | None:
    """The graded criterion, the score and the grade written beside it ('' when none) of a choice; None when
    ``criterion`` has no grades or ``raw`` is not such a text."""
    if not isinstance(raw, str) or not isinstance(criterion, Judged) or not criterion.grades:
        return None
    match = _CHOICE.fullmatch(raw)
    if match is None:
        return None
    try:  # read as any score cell is: a superscript, circled or other script's digit is not a number
        score = parse_number(match["score"])
    except ValueProblem:
        return None
    return None if score is None else (criterion, score, (match["grade"] or "").strip())


def _names(label: Label, text: str) -> bool:
    spellings = {label.zh, label.en, label.both(), f"{label.zh}/{label.en}"}
    return fold(text) in {fold(s) for s in spellings}
