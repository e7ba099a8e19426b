"""The outcome of an evaluation, and its JSON form (formats.md §5).

A :class:`Result` holds everything the exports need: the ranking, every
criterion score, the panel's raw scores, how each price was reached, the
invalid bids with their reasons, and the input files with their hashes.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any, Callable, Collection, Iterator, Mapping, Sequence, overload

import orjson

from .benchmark import Benchmark, CeilingAndMeanBenchmark
from .errors import Problem
from .caps import CapLine
from .deductions import DeductionLine
from .groups import StageFailure, Subtotal
from .labels import FINDING_NAMES, Label, with_role
from .sme import SmeCategory
from .pricing import PricingModel
from .rubric import Aggregate, Rubric
from .sheets import InputFile
from .values import decimal_text, round_half_up

PROVISIONAL = "provisional"
FINAL = "final"
ABNORMAL_LOW = "abnormal_low_price"
BELOW_PASS_MARK = "below_pass_mark"  # the reason code of a bid that fails a stage
# the reason code, in a judge's own result, of a bid the whole panel has settled out at a pass mark
SETTLED_OUT_BY_PANEL = "settled_out_by_panel"
INCOMPLETE = "incomplete"

FLAG_LABELS = {flag: FINDING_NAMES[flag] for flag in (ABNORMAL_LOW, INCOMPLETE)}  # a finding is named as its flag
# `incomplete` under `panel.aggregate: consensus` when every judge has scored and the chair's agreed score is what is
# missing (the command line cannot enter it): the judges are not the ones to chase.
AGREED_MISSING = Label("合议分未录入", "Agreed score not entered")
#: The status of a provisional result that waits only for agreed (consensus) scores, for the labels of a status.
AWAITING_AGREED = "awaiting_agreed"
#: :data:`AWAITING_AGREED` in words, as the report, the workbook, the terminal and the app all state it.
AWAITING_AGREED_LABEL = Label(
    f"临时结果：评委均已评分，尚缺组长在评审页录入的合议分（标记“{AGREED_MISSING.zh}”）；各项暂按评委平均分，不能据此定标",
    f"Provisional: every judge has scored, but the chair's agreed (consensus) scores are not entered on the Review page "
    f"(flag \"{AGREED_MISSING.en}\"); the judges' mean stands in meanwhile, and no award may rest on it")
#: A provisional result's status in words (some judges' scores are missing), as the report, the workbook, the
#: terminal and the app all state it; :data:`PROVISIONAL_FLAGGED_LABEL` when a ranked bid shows the flag.
PROVISIONAL_LABEL = Label("临时结果：尚缺评委评分，不能据此定标",
                          "Provisional: some panel scores are missing; no award may rest on it")
PROVISIONAL_FLAGGED_LABEL = Label(
    f"临时结果：尚缺评委评分（标记“{FLAG_LABELS[INCOMPLETE].zh}”），不能据此定标",
    f"Provisional: some panel scores are missing (flag \"{FLAG_LABELS[INCOMPLETE].en}\"); no award may rest on it")

#: A judge's own result (:attr:`Result.own_of`) with every score of theirs given: it is provisional (it is theirs, not
#: the panel's, and the panel's waits at least for their submitting), and says why in these words.
OWN_COMPLETE_LABEL = Label("临时结果：您的评分已全部录入，评标委员会的结果尚未确定（尚待您提交评分，或尚缺其他评委评分、合议分或组长审核），不能据此定标",
                           "Provisional: your scores are complete; the panel's result is still open (your submitting, "
                           "other judges' scores, agreed scores or the chair's review); no award may rest on it")


def none_ranked_yet(result: "Result") -> Label | None:
    """With no bid ranked, while bids below a pass mark wait for the panel's scores (:attr:`Result.unsettled_stages`,
    a QCBS tender before its scores): nothing is ranked yet, which the report, the workbook, the terminal and the app
    state in these words where they would say the tender has failed (废标). None otherwise."""
    if result.ranking or not result.unsettled_stages:
        return None
    count = len(result.unsettled_stages)
    return Label(f"尚无排名：{count} 份投标低于及格分，尚待评委评分，招标并未失败",
                 f"Nothing ranked yet: {count} bid{'s' if count > 1 else ''} below a pass mark wait for the panel's "
                 f"scores; the tender has not failed")


def provisional_label(result: "Result") -> Label | None:
    """Why ``result`` is provisional, in words: the judges' scores or only the chair's agreed scores are missing (None:
    the result is final). The flag is named only when a ranked bid shows it: a bid out after a pass mark, still
    unscored, keeps the result provisional without a row flagged."""
    shown = result.status_shown
    if shown == PROVISIONAL and result.own_of and not result.owes_own:
        return OWN_COMPLETE_LABEL
    if shown == AWAITING_AGREED:
        return AWAITING_AGREED_LABEL
    if shown != PROVISIONAL:
        return None
    return PROVISIONAL_FLAGGED_LABEL if any(INCOMPLETE in s.flags for s in result.ranking) else PROVISIONAL_LABEL


def flag_label(standing: "Standing | None", flag: str) -> Label:
    """A bid's flag in words: ``incomplete`` says what is missing, the judges' scores or the agreed score (``None``:
    a bid no longer ranked, whose flag is named as such)."""
    if flag == INCOMPLETE and standing is not None and standing.awaiting_agreed:
        return AGREED_MISSING
    return FLAG_LABELS.get(flag, Label(flag, flag))


@dataclass(frozen=True)
class Reason:
    """Why a bid is invalid: a code (a gate's id or a fixed code) and what it is about.

    A fixed code's reason holds its ``facts`` (the amounts, the field, the unit), and its text is built from them in
    each language by ``message`` (bideval/messages.py); a gate's reason holds the words the rubric wrote for it
    (``written``)."""

    code: str
    written: Label | None = None
    message: str = ""
    facts: Mapping[str, Any] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        if (self.written is None) == (not self.message):
            raise ValueError(f"a reason has words of the rubric or a message with its facts, not both: {self.code}")

    @classmethod
    def said(cls, code: str, message: str, **facts: Any) -> "Reason":
        """A fixed code's reason, worded by ``message`` from ``facts``.

        >>> Reason.said("above_budget_ceiling", "reason.above_budget_ceiling", quoted=Decimal(5), ceiling=Decimal(4),
        ...             currency="USD").text
        Label(zh='投标报价 5.00 美元超过最高限价 4.00 美元', en='quoted price $5.00 is above the budget ceiling $4.00')
        """
        return cls(code, message=message, facts=facts)

    @cached_property
    def text(self) -> Label:
        """The reason's text in both languages, worded once (the JSON, each workbook's Invalid sheet and the report
        read it)."""
        from .messages import reason_label

        return self.written if self.written is not None else reason_label(self.message, **self.facts)

    def render(self, lang: str) -> str:
        """``code: text`` in ``lang`` (the JSON and the command line, formats.md §5)."""
        return f"{self.code}: {self.text.text(lang)}"

    def labelled(self, rubric: Rubric, lang: str) -> str:
        """The reason as a filed document says it, never by id: a gate's name before its text
        (``业务外包模式：本项目为业务外包，不接受人力外包``); a fixed code's text alone, which already names
        what it is about (``未填写报价方式``)."""
        text = self.text.text(lang)
        gate = rubric.criterion_index.get(self.code)
        if gate is None or self.message == "reason.gate_not_met":
            # a sentence of its own (未满足：监理资质 names its gate already): capitalised in English (it followed its code)
            return text[:1].upper() + text[1:]
        return f"{gate.name.text(lang)}：{text}" if lang == "zh" else f"{gate.name.text(lang)}: {text}"


@dataclass(frozen=True)
class InvalidBid:
    """A bid that is not scored nor ranked, with every reason."""

    vendor_id: str
    vendor_name: str
    reasons: tuple[Reason, ...]
    file: str
    stage: StageFailure | None = None  # a valid bid below a group's pass mark: its marks (reason below_pass_mark)


@dataclass(frozen=True)
class PriceLine:
    """How one bid's evaluated price was reached.

    ``parameters`` holds the price fields the bid stated (``rate_per_call``…);
    the exports write the formula text from them in their language
    (:func:`bideval.pricing.formula_text`).
    """

    vendor_id: str
    vendor_name: str
    model: PricingModel | None
    parameters: Mapping[str, object]
    quoted: Decimal | None
    sme: bool
    deduction: Decimal
    evaluated: Decimal | None
    score: Decimal | None
    valid: bool
    deviation: Decimal | None = None  # d = 100 × (E − B) / B in percent, unrounded (method deviation)
    counted_deviation: Decimal | None = None  # |d| as the rubric counts it (whole percent when it says so)
    sme_category: SmeCategory | None = None  # the category the bid stated, under a table of SME rates


@dataclass(frozen=True)
class PanelScore:
    """One judge's raw score for one bid and criterion, as entered."""

    judge: str
    vendor_id: str
    criterion: str
    score: Decimal | None
    tier: str | None
    comment: str


@dataclass(frozen=True)
class PanelAggregate:
    """How the judges' scores for one bid on one panel criterion became the panel's score: their plain mean (what an
    outlier is measured from), the judges the trimmed mean left out (judge → ``lowest`` or ``highest``), and the
    score counted, rounded to the criterion's places (the agreed score under consensus), before any cap or scaling."""

    mean: Decimal | None  # None when no judge has scored it
    left_out: Mapping[str, str]
    score: Decimal


@dataclass(frozen=True)
class Outlier:
    """A judge's score far from the panel's plain mean (评分畸高畸低)."""

    judge: str
    vendor_id: str
    criterion: str
    score: Decimal
    panel_mean: Decimal


@dataclass(frozen=True)
class Standing:
    """A valid bid's place in the ranking with its scores."""

    rank: int
    vendor_id: str
    vendor_name: str
    total: Decimal
    groups: Mapping[str, Decimal]
    criteria: Mapping[str, Decimal]
    quoted_price: Decimal
    evaluated_price: Decimal
    flags: tuple[str, ...]
    sme: bool = False
    deductions: Mapping[str, tuple[DeductionLine, ...]] = field(default_factory=dict)  # criterion id → its items
    caps: Mapping[str, CapLine] = field(default_factory=dict)  # shared cap id → its parts
    subtotals: Mapping[str, Subtotal] = field(default_factory=dict)  # group → raw, scaled, weighted (group rules)
    criteria_raw: Mapping[str, Decimal] = field(default_factory=dict)  # criteria scaled to the best: before scaling
    # incomplete only for want of the chair's agreed score under consensus (every seated judge has scored): the
    # scores shown are the judges' mean meanwhile (not in the JSON: the flag stays `incomplete`, formats.md §5)
    awaiting_agreed: bool = False

    @property
    def unscaled_criteria(self) -> dict[str, Decimal]:
        """Every criterion's rounded score before any scaling to the best (``criteria_raw`` where it was scaled)."""
        return {**self.criteria, **self.criteria_raw}

    def unscaled_groups(self, rubric: Rubric) -> dict[str, Decimal]:
        """Each group's sum of its criterion scores before any scaling or weight: what a pass mark is compared with
        (docs/rubrics.md); ``subtotals[g].raw`` is the sum after a criterion's scaling, which a group's own scaling
        reads."""
        unscaled = self.unscaled_criteria
        return {g: sum((unscaled[c.id] for c in rubric.scored_criteria if c.group == g), Decimal(0))
                for g in rubric.groups}


class PriceLines(Sequence[PriceLine]):
    """A result's price lines, worked out the first time they are read.

    The ranking and the JSON never read them; the exported workbook's Price sheet, the report and the app's
    price table do. For 50,000 bids they cost 0.3 s, so a command that writes only the JSON does not pay
    it. Once worked out they are kept; a copy or a pickle holds them as a plain tuple.
    """

    __slots__ = ("_build", "_lines")

    def __init__(self, build: Callable[[], tuple[PriceLine, ...]]):
        self._build: Callable[[], tuple[PriceLine, ...]] | None = build
        self._lines: tuple[PriceLine, ...] | None = None

    def lines(self) -> tuple[PriceLine, ...]:
        """Every line, worked out now if not yet."""
        if self._lines is None:
            assert self._build is not None
            self._lines, self._build = self._build(), None
        return self._lines

    @overload
    def __getitem__(self, index: int) -> PriceLine: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[PriceLine, ...]: ...
    def __getitem__(self, index: int | slice) -> PriceLine | tuple[PriceLine, ...]:
        return self.lines()[index]

    def __len__(self) -> int:
        return len(self.lines())

    def __iter__(self) -> Iterator[PriceLine]:
        return iter(self.lines())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and self.lines() == tuple(other)

    __hash__ = None  # type: ignore[assignment]  # like the tuple it stands for, compared by its lines

    def __repr__(self) -> str:
        return repr(self.lines())

    def __reduce__(self) -> tuple[Any, ...]:
        return tuple, (self.lines(),)


@dataclass(frozen=True)
class Result:
    """A whole evaluation."""

    rubric: Rubric
    status: str
    ranking: tuple[Standing, ...]
    candidates: tuple[str, ...]
    candidates_tied: bool
    outliers: tuple[Outlier, ...]
    invalid: tuple[InvalidBid, ...]
    prices: Sequence[PriceLine]  # in vendor_id order; a PriceLines from evaluate, worked out when read
    panel_scores: tuple[PanelScore, ...]  # every judge's score as entered, none for a bidder they are recused from
    judges: tuple[str, ...]
    warnings: tuple[Problem, ...] = ()  # the bids' (a field with no column) and a panel workbook's (a score for an
    # invalid bid), worded in each language
    inputs: tuple[InputFile, ...] = ()
    price_mean: Decimal | None = None  # mean of the valid evaluated prices (unrounded)
    price_benchmark: Benchmark | None = None  # B and how it was formed (methods ratio and deviation)
    recused: tuple[tuple[str, str], ...] = ()  # (judge, vendor_id) of each declared conflict of interest (回避), sorted
    judge_roles: Mapping[str, str] = field(default_factory=dict)  # member → role on the panel (组长), as the Judges
    # sheet wrote it after the name; the report and the workbook list the member with it (王评委（组长）)
    panel_aggregates: Mapping[tuple[str, str], PanelAggregate] = field(default_factory=dict)  # (vendor_id, criterion)
    # vendor_id → the values each bid stated, by field id (the workbook's Inputs sheet: a score traced to its input)
    stated: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    # a judge's own result (Store.result_for before they submit): that judge, whose scores alone it is made of; its
    # status is always provisional (the panel's cannot be finalised before that judge submits), and it never says it
    # waits only for agreed scores
    own_of: str = ""

    @cached_property
    def _by_vendor(self) -> dict[str, Standing]:
        return {s.vendor_id: s for s in self.ranking}

    def judge_listed(self, judge: str) -> str:
        """A member as the lists of the panel show them: the name, with their role after it when one was given."""
        return with_role(judge, self.judge_roles.get(judge, ""))

    def standing(self, vendor_id: str) -> Standing | None:
        """The ranked entry of a vendor, if its bid is valid."""
        return self._by_vendor.get(vendor_id)

    @property
    def candidate_places(self) -> tuple[tuple[int, Standing], ...]:
        """The recommended candidates in order, each numbered by its rank: bids sharing a rank share its number
        (1, 2, 3, 3 where the last two tie across the cut), as Order 87 art. 55 has them 并列, never 3 and 4."""
        return tuple((s.rank, s) for s in map(self._by_vendor.__getitem__, self.candidates))

    @cached_property
    def unsettled_stages(self) -> tuple[InvalidBid, ...]:
        """The bids below a pass mark while not every judge has scored them (``stage.incomplete``): out on the scores
        so far, not settled. The panel scores them as it scores a ranked bid (every panel criterion: they may yet pass,
        and then need them all), and the result waits for them."""
        return tuple(b for b in self.invalid if b.stage is not None and b.stage.incomplete)

    @property
    def status_shown(self) -> str:
        """The status as the outputs word it: :data:`AWAITING_AGREED` for a provisional result whose every incomplete
        bid waits only for the chair's agreed (consensus) score, else ``status`` (the JSON's is always ``status``)."""
        if self.own_of:  # their own scores, no agreed score: whether every judge has scored is not theirs to know
            return self.status
        waiting = [s for s in self.ranking if INCOMPLETE in s.flags]
        staged = self.unsettled_stages
        panel = {c.id for c in self.rubric.panel_criteria}  # owed on every panel criterion, as a ranked bid is
        if self.status == PROVISIONAL and (waiting or staged) and all(s.awaiting_agreed for s in waiting) \
                and all(self._judged(b.vendor_id, panel) and self.rubric.panel.aggregate is Aggregate.CONSENSUS
                        for b in staged):
            return AWAITING_AGREED
        return self.status

    @property
    def owes_own(self) -> bool:
        """In a judge's own result (:attr:`own_of`): whether a score of theirs is still missing, on a ranked bid or on
        one below a pass mark the panel still scores (every panel criterion, as submitting asks)."""
        panel = {c.id for c in self.rubric.panel_criteria}
        return any(INCOMPLETE in s.flags for s in self.ranking) \
            or not all(self._judged(b.vendor_id, panel) for b in self.unsettled_stages)

    def _judged(self, vendor_id: str, criteria: Collection[str]) -> bool:
        """Whether every judge not recused from the bid has scored it on each of these panel criteria (a panel with
        nobody on it has not)."""
        seated = [j for j in self.judges if (j, vendor_id) not in self.recused]
        given = {(p.judge, p.criterion) for p in self.panel_scores if p.vendor_id == vendor_id and p.score is not None}
        return bool(seated) and all((j, c.id) in given for j in seated
                                    for c in self.rubric.panel_criteria if c.id in criteria)

    def panel_mean_text(self, outlier: Outlier) -> str:
        """An outlying score's panel mean as the report states it and the app shows it: rounded half-up to the
        criterion's decimals (5.745 is 5.75; the JSON and the workbook's cell keep the mean exact)."""
        criterion = self.rubric.criterion_index.get(outlier.criterion)
        places = self.rubric.places(criterion) if criterion else self.rubric.decimals
        return decimal_text(outlier.panel_mean, places)


_number: Callable[[Decimal], float] = float  # a rounded Decimal as a JSON number (called for every figure)


def result_document(result: Result, lang: str = "zh") -> dict[str, Any]:
    """The result as the JSON document of formats.md §5 (keys in a fixed order), with the additions
    a rubric's features call for (each absent when the rubric does not use it)."""
    document: dict[str, Any] = {
        "rubric": result.rubric.id,
        "status": result.status,
        "ranking": [
            {
                "rank": s.rank,
                "vendor_id": s.vendor_id,
                "vendor_name": s.vendor_name,
                "total": _number(s.total),
                "groups": {g: _number(v) for g, v in s.groups.items()},
                "criteria": {c: _number(v) for c, v in s.criteria.items()},
                "quoted_price": _number(s.quoted_price),
                "evaluated_price": _number(s.evaluated_price),
                "flags": list(s.flags),
            }
            for s in result.ranking
        ],
        "candidates": list(result.candidates),
        "candidates_tied": result.candidates_tied,
        "outliers": [
            {"judge": o.judge, "vendor_id": o.vendor_id, "criterion": o.criterion,
             "score": _number(o.score), "panel_mean": _number(o.panel_mean)}
            for o in result.outliers
        ],
        "invalid": [
            {"vendor_id": i.vendor_id, "vendor_name": i.vendor_name,
             "reasons": [r.render(lang) for r in i.reasons]}
            for i in result.invalid
        ],
    }
    if any(s.deductions or s.caps for s in result.ranking):  # (after the flags, only where a rubric has them)
        for entry, s in zip(document["ranking"], result.ranking):
            entry.update(_deductions(s), **_caps(s))
    _add_price_benchmark(document, result, lang)
    _add_sme_categories(document, result)
    _add_group_rules(document, result)
    return document


def _add_group_rules(document: dict[str, Any], result: Result) -> None:
    """Each ranked bid's ``subtotals`` step by step, and each stage failure's ``stage`` (issue 7, items 5, 6)."""
    rubric = result.rubric
    for entry, s in zip(document["ranking"], result.ranking):
        if s.criteria_raw:
            entry["criteria_raw"] = {c: _number(v) for c, v in s.criteria_raw.items()}
    if not rubric.has_group_rules:
        return
    for entry, s in zip(document["ranking"], result.ranking):
        entry["subtotals"] = {
            g: {"raw": _number(step.raw), "best": None if step.best is None else _number(step.best),
                "scaled": _number(step.scaled), "weight": _optional(rubric.group(g).weight),
                "weighted": _number(step.weighted)}
            for g, step in s.subtotals.items()}
    for entry, bid in zip(document["invalid"], result.invalid):
        if bid.stage is not None:
            f = bid.stage
            entry["stage"] = {"group": f.group, "subtotal": _number(f.subtotal), "pass_mark": _number(f.pass_mark),
                              "groups": {g: _number(v) for g, v in f.groups.items()},
                              "criteria": {c: _number(v) for c, v in f.criteria.items()},
                              "incomplete": f.incomplete}


def _optional(value: Decimal | None) -> float | None:
    return None if value is None else _number(value)


def _add_sme_categories(document: dict[str, Any], result: Result) -> None:
    """Each ranked bid's ``sme_category`` (its id, or null) under a table of SME rates (issue 7, item 8)."""
    price = result.rubric.price_criterion
    if price is None or not price.sme_categories:
        return
    lines = {line.vendor_id: line for line in result.prices}
    for entry in document["ranking"]:
        category = lines[entry["vendor_id"]].sme_category
        entry["sme_category"] = None if category is None else category.id


DEVIATION_PLACES = 4  # d and the counted |d| in the JSON, in percent


def _add_price_benchmark(document: dict[str, Any], result: Result, lang: str) -> None:
    """``price_benchmark`` (B and how it was formed) and each ranked bid's ``price_deviation`` (issue 7, item 3)."""
    b = result.price_benchmark
    if b is None:
        return
    lines = {line.vendor_id: line for line in result.prices}
    for entry in document["ranking"]:
        line = lines.get(entry["vendor_id"])
        if line is not None and line.deviation is not None:
            entry["price_deviation"] = _number(round_half_up(line.deviation, DEVIATION_PLACES))
            if line.counted_deviation is not None:  # none when one valid bid took full marks without it
                entry["price_deviation_counted"] = _number(round_half_up(line.counted_deviation, DEVIATION_PLACES))
    document["price_benchmark"] = {
        "value": _number(b.value),
        "base": b.rule.base.value,
        "coefficient": _number(b.rule.coefficient),
        "prices": b.prices,
        "basis": _number(b.basis),
        "mean": None if b.mean is None else _number(b.mean),
        "dropped": [_number(p) for p in b.dropped],
        "ceiling": None,
        "ceiling_weight": None,
        "text": b.describe(lang),
    }
    if isinstance(b.rule, CeilingAndMeanBenchmark):
        assert b.ceiling is not None, "ceiling_and_mean is formed with the budget ceiling"
        document["price_benchmark"].update(ceiling=_number(b.ceiling), ceiling_weight=_number(b.rule.ceiling_weight))
        if b.rule.ceiling_coefficient is not None:  # only for a rubric that sets it (author6 A6-1)
            document["price_benchmark"]["ceiling_coefficient"] = _number(b.rule.ceiling_coefficient)


def _deductions(s: Standing) -> dict[str, Any]:
    """``deductions``, item by item, for a rubric with deduction or penalty criteria (nothing otherwise)."""
    if not s.deductions:
        return {}
    return {"deductions": {
        criterion: [{"field": line.field, "count": int(line.count), "points": _number(line.points),
                     "deducted": _number(line.deducted)} for line in lines]
        for criterion, lines in s.deductions.items()}}


def _caps(s: Standing) -> dict[str, Any]:
    """``caps``: each shared cap with its parts before the cap and what of each counts (for a rubric with caps)."""
    if not s.caps:
        return {}
    return {"caps": {
        cap_id: {"max": _number(line.cap.max), "combined": _number(line.combined),
                 "parts": {c: _number(v) for c, v in line.parts.items()},
                 "counted": {c: _number(v) for c, v in line.counted.items()}}
        for cap_id, line in s.caps.items()}}


def result_json(result: Result, lang: str = "zh", indent: int | None = None) -> str:
    """The result JSON text: the same inputs always give the same bytes (see :func:`result_json_bytes`)."""
    return result_json_bytes(result, lang, indent).decode("utf-8")


def result_json_bytes(result: Result, lang: str = "zh", indent: int | None = None) -> bytes:
    """The result JSON as written to its file (UTF-8): the same inputs always give the same bytes.

    One compact line by default, written by orjson (five to six times faster than Python's C encoder on a
    50,000-bid result); ``indent=2`` gives the indented text earlier versions wrote, key for key and figure for
    figure. Both write each figure as the shortest decimal that reads back as the same double, as Python's
    ``repr`` does (a figure below 0.0001 in exponent form: orjson ``5e-5``, the indented text ``5e-05``).
    """
    document = result_document(result, lang)
    if indent is None:
        return orjson.dumps(document) + b"\n"
    return (json.dumps(document, ensure_ascii=False, indent=indent) + "\n").encode("utf-8")


def result_sha256(result: Result, lang: str) -> str:
    """The SHA-256 of the result JSON as ``bideval evaluate --json --lang`` writes it (one line): the report names
    it, and the workbook's Audit sheet when the JSON is written beside it."""
    return hashlib.sha256(result_json_bytes(result, lang)).hexdigest()
