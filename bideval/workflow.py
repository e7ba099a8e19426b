"""The stages of a panel session — setup → scoring → review → final — and what each stage allows.

Pure rules; :class:`bideval.storage.Store` checks them inside the transaction
of each change. What a chair must still resolve before finalising is worked
out here from an evaluation and the findings recorded so far; :class:`SignOff`
is what a filed document (the ranked workbook, the evaluation report) states
about it: final or not, who signed it and when, and the chair's findings.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Collection, Iterable, Mapping, Sequence

from .allowed_scores import allowed_range
from .analysis import panel_bids
from .errors import BidEvalError
from .result import ABNORMAL_LOW, FINAL, INCOMPLETE, PROVISIONAL, Result, provisional_label
from .labels import Named
from .rights import Action
from .rubric import Criterion, Tiered


class Stage(enum.Enum):
    """Where a tender's evaluation stands."""

    SETUP = "setup"  # procurement sets up: rubric, bids, roles, settings
    SCORING = "scoring"  # judges declare and score; the chair agrees tiers
    REVIEW = "review"  # scoring closed: the chair records findings, consensus, finalises
    FINAL = "final"  # signed: nothing changes until the chair reopens with a reason


STAGE_NAMES_ZH = {Stage.SETUP: "准备", Stage.SCORING: "评分", Stage.REVIEW: "复核", Stage.FINAL: "已定稿"}

# The stages in which each changing action is allowed; reads are allowed in every stage.
ALLOWED_IN: dict[Action, frozenset[Stage]] = {
    Action.CONFIGURE: frozenset({Stage.SETUP}),
    Action.GIVE_ROLES: frozenset({Stage.SETUP, Stage.SCORING, Stage.REVIEW}),
    Action.IMPORT_BIDS: frozenset({Stage.SETUP, Stage.SCORING}),
    Action.OPEN_SCORING: frozenset({Stage.SETUP}),
    Action.SET_TIER: frozenset({Stage.SETUP, Stage.SCORING}),
    Action.MANAGE_PANEL: frozenset({Stage.SETUP, Stage.SCORING}),
    Action.REPLACE_PANEL: frozenset({Stage.SETUP, Stage.SCORING}),
    Action.IMPORT_SCORES: frozenset({Stage.SCORING}),
    Action.SCORE: frozenset({Stage.SCORING}),
    Action.DECLARE: frozenset({Stage.SETUP, Stage.SCORING}),
    Action.SUBMIT: frozenset({Stage.SCORING, Stage.REVIEW}),  # in review: a judge the chair closed on still signs
    Action.CLOSE_SCORING: frozenset({Stage.SCORING}),
    Action.RECORD_FINDING: frozenset({Stage.REVIEW}),
    Action.SET_CONSENSUS: frozenset({Stage.REVIEW}),
    Action.FINALISE: frozenset({Stage.REVIEW}),
    Action.REOPEN: frozenset({Stage.REVIEW, Stage.FINAL}),
}


class StageRefused(BidEvalError):
    """The action is not possible in the tender's current stage (a final result changes only after reopening);
    ``action``, ``stage``, ``tender_id`` and the stages ``allowed`` as fields."""

    code = "stage.refused"

    def __init__(self, action: Action, stage: Stage, tender_id: int):
        from .messages import sentence

        self.action = action
        self.stage = stage
        self.tender_id = tender_id
        self.allowed = tuple(s for s in Stage if s in ALLOWED_IN.get(action, frozenset(Stage)))
        self.data = {"action": action, "stage": stage, "tender": tender_id, "allowed": self.allowed}
        super().__init__(sentence(self.code, self.data, "en", ids=True))


def check_stage(action: Action, stage: Stage, tender_id: int) -> None:
    """StageRefused unless ``action`` is allowed in ``stage``."""
    if action in ALLOWED_IN and stage not in ALLOWED_IN[action]:
        raise StageRefused(action, stage, tender_id)


class FindingKind(enum.Enum):
    """What a chair's finding is about."""

    OUTLIER = "outlier"  # 评分畸高畸低: judge, bid and criterion
    ABNORMAL_LOW = "abnormal_low_price"  # a bid's price: the bidder's explanation and the panel's conclusion
    INCOMPLETE = "incomplete"  # a bid's missing scores: why


@dataclass(frozen=True)
class Flag:
    """Something in an evaluation the chair must answer with a finding: kind, bid, criterion and judge ('' if none)."""

    kind: FindingKind
    vendor_id: str
    criterion: str = ""
    judge: str = ""


@dataclass(frozen=True)
class ChairFinding:
    """The chair's written finding on one flag: what it says, who wrote it and when."""

    flag: Flag
    text: str
    by: str
    at: datetime


@dataclass(frozen=True)
class AgreedScore:
    """The panel's agreed score on one bid and criterion (``panel.aggregate: consensus``) as the chair entered it:
    the score, its reason, who entered it and when, and the version a change passes back."""

    vendor_id: str
    criterion: str
    score: Decimal
    reason: str
    by: str
    at: datetime
    version: int = 1


def signed_text(text: str, by: str, lang: str) -> str:
    """What the chair wrote, as a document quotes it with who wrote it: ``已核实，属合理报价 — 张组长``."""
    return f"{text} — {by}" if lang == "zh" else f"{text} ({by})"


@dataclass(frozen=True)
class SignOff:
    """What a filed document states about the evaluation: its stage, the chair who finalised it and when (none
    until it is final), every finding the chair recorded, and every agreed score with its reason (consensus).

    >>> SignOff(Stage.FINAL, "张组长", datetime(2026, 11, 30, 10, 15)).text("zh")
    '已定稿：组长 张组长 于 2026-11-30 10:15（UTC）签署'
    >>> SignOff(Stage.REVIEW).text("en")
    'Not final: the tender is in the review stage and nobody has signed it'
    """

    stage: Stage
    signed_by: str | None = None
    signed_at: datetime | None = None
    findings: tuple[ChairFinding, ...] = ()
    agreed: tuple[AgreedScore, ...] = ()

    @property
    def final(self) -> bool:
        """Whether the chair has finalised the result (nothing about the tender changes until reopened)."""
        return self.stage is Stage.FINAL and self.signed_by is not None

    def text(self, lang: str) -> str:
        """Final or not, and who signed it when, in one line of ``lang``."""
        if self.final and self.signed_at is not None:
            stamp = f"{self.signed_at:%Y-%m-%d %H:%M}"
            return (f"已定稿：组长 {self.signed_by} 于 {stamp}（UTC）签署" if lang == "zh"
                    else f"Final: signed by the chair, {self.signed_by}, on {stamp} UTC")
        return (f"尚未定稿：当前处于“{STAGE_NAMES_ZH[self.stage]}”阶段，尚无人签署" if lang == "zh"
                else f"Not final: the tender is in the {self.stage.value} stage and nobody has signed it")

    def on(self, kind: FindingKind, vendor_id: str, criterion: str = "", judge: str = "") -> ChairFinding | None:
        """The chair's finding on one flag, if recorded."""
        wanted = Flag(kind, vendor_id, criterion, judge)
        return next((f for f in self.findings if f.flag == wanted), None)

    def finding_text(self, finding: ChairFinding, lang: str) -> str:
        """A finding as a document quotes it: ``已核实，属合理报价 — 张组长``."""
        return signed_text(finding.text, finding.by, lang)

    def agreed_on(self, vendor_id: str, criterion: str) -> AgreedScore | None:
        """The agreed score on one bid and criterion, if entered."""
        return next((a for a in self.agreed if (a.vendor_id, a.criterion) == (vendor_id, criterion)), None)

    def agreed_reason(self, vendor_id: str, criterion: str, lang: str) -> str:
        """An agreed score's reason as a document quotes it, with who entered it (``合议：方案较完整 — 张组长``); empty
        when none is entered."""
        agreed = self.agreed_on(vendor_id, criterion)
        return "" if agreed is None else signed_text(agreed.reason, agreed.by, lang)


COMPLETE = "complete"  # a filed copy's status: every score in, nobody has signed yet


class StatusTone(enum.Enum):
    """Which of the three states a stated status is in, so that a page's colour follows the sentence's branch."""

    PROVISIONAL = "provisional"  # the judges' scores or the chair's agreed scores missing: a warning
    COMPLETE = "complete"  # every score in, nobody has signed yet: a note
    FINAL = "final"  # signed by the chair: a success


@dataclass(frozen=True)
class Status:
    """A result's status as a page states it: its tone and its sentence."""

    tone: StatusTone
    text: str


def stated_status(result: Result, sign_off: SignOff, lang: str) -> Status:
    """A result's status in one sentence of ``lang``, as every page states it: provisional and why, complete scores
    not yet signed, or final and who signed it (:func:`filed_status` names the same three), with its tone."""
    zh = lang == "zh"
    provisional = provisional_label(result)  # the judges' scores missing, or only the chair's agreed scores
    if provisional is not None:
        return Status(StatusTone.PROVISIONAL, provisional.text(lang) + ("。" if zh else ". ") + sign_off.text(lang))
    if sign_off.final:
        return Status(StatusTone.FINAL, sign_off.text(lang) + ("。所有评委均已完成评分。" if zh
                                                               else ". Every judge has scored every valid bid."))
    return Status(StatusTone.COMPLETE, ("评分完整：所有评委均已完成评分。" if zh
                                        else "Scores complete: every judge has scored every valid bid. ")
                  + sign_off.text(lang) + ("。" if zh else "."))


def filed_status(result: Result, sign_off: SignOff | None) -> str:
    """What a filed copy of ``result`` (an export's file name, its status cell) calls its status: ``final`` only
    once the chair has signed it — or from the command line, which has no sign-off (``None``): there complete scores
    are the result — ``complete`` for complete scores nobody has signed, else the result's own status
    (``provisional``). The result JSON's ``status`` keeps the result's own (formats.md §5).
    """
    if result.status != FINAL or sign_off is None or sign_off.final:
        return result.status
    return COMPLETE


def flags_to_resolve(result: Result) -> list[Flag]:
    """Every outlier, abnormally low price and incomplete bid of an evaluation, in a fixed order. A bid waiting only
    for the chair's agreed score (consensus) asks for no written finding: the chair enters the score instead."""
    flags = [Flag(FindingKind.OUTLIER, o.vendor_id, o.criterion, o.judge) for o in result.outliers]
    for standing in result.ranking:
        if ABNORMAL_LOW in standing.flags:
            flags.append(Flag(FindingKind.ABNORMAL_LOW, standing.vendor_id))
        if INCOMPLETE in standing.flags and not standing.awaiting_agreed:
            flags.append(Flag(FindingKind.INCOMPLETE, standing.vendor_id))
    return flags


def findings_about(found: Iterable[Flag], bids: Collection[str] = (), judges: Collection[str] = (),
                   scores: Collection[tuple[str, str, str]] = ()) -> list[Flag]:
    """The recorded findings (``found``) about evidence a change removes or replaces, which no longer answer anything.

    A finding is about the evidence it saw: every finding about its bid, an outlier's also about that judge's score
    of that bid on that criterion. So a bid removed or imported anew (``bids``) takes every finding on it; a seat
    removed (``judges``) and a score changed, cleared or removed (``scores``: (judge, vendor_id, criterion)) take the
    outlier finding on it. A finding on an incomplete bid goes with its bid only: it never answers its flag (an
    incomplete bid blocks finalising whatever is written) and stays as the record of why the scores were missing.

    >>> found = [Flag(FindingKind.ABNORMAL_LOW, "A"), Flag(FindingKind.OUTLIER, "B", "plan", "王"),
    ...          Flag(FindingKind.INCOMPLETE, "B")]
    >>> [f.kind.value for f in findings_about(found, bids={"A"})]
    ['abnormal_low_price']
    >>> [f.kind.value for f in findings_about(found, scores={("王", "B", "plan")})]
    ['outlier']
    >>> findings_about(found, scores={("李", "B", "plan")})
    []
    """
    return [f for f in found if f.vendor_id in bids or (f.kind is FindingKind.OUTLIER and (
        f.judge in judges or (f.judge, f.vendor_id, f.criterion) in scores))]


@dataclass(frozen=True)
class Blockers:
    """Why a result cannot be finalised yet: bids with judges' scores missing, bids waiting only for the chair's
    agreed score (consensus), flags without a finding, judges yet to submit; with the bidders' names (``names``:
    vendor_id → name), to name each bid as the tables do."""

    incomplete: tuple[str, ...] = ()
    unresolved: tuple[Flag, ...] = ()
    not_submitted: tuple[str, ...] = ()
    nobody_may_score: tuple[str, ...] = ()  # incomplete bids every panel member is recused from: a judge must join
    untiered: tuple[tuple[str, Named], ...] = ()  # (vendor_id, tiered criterion) scored with no tier agreed
    awaiting_agreed: tuple[str, ...] = ()  # every seated judge has scored: only the chair's agreed score is missing
    names: Mapping[str, str] = field(default_factory=dict, compare=False)

    def __bool__(self) -> bool:
        return bool(self.incomplete or self.awaiting_agreed or self.unresolved or self.not_submitted
                    or self.untiered)


def blockers(result: Result, findings: Iterable[Flag], submitted: Mapping[str, bool],
             recused: Collection[tuple[str, str]] = ()) -> Blockers:
    """What stands between ``result`` and finalisation, given the findings recorded, who submitted and who is
    recused from which bidder ((judge, vendor_id))."""
    answered = set(findings)
    flagged = [s for s in result.ranking if INCOMPLETE in s.flags]
    # A bid below a pass mark on scores not all in: a judge's missing, or under consensus the agreed score (the mean
    # stood in for it, and had put the bid out with nothing blocking the sign-off).
    staged = result.unsettled_stages
    owing = {vendor for owed in scores_owed(result) for vendor, _ in owed.missing}
    # (or nobody may score it: every member recused, owing it nothing)
    owing |= {b.vendor_id for b in staged if result.judges and all((j, b.vendor_id) in recused for j in result.judges)}
    incomplete = [s.vendor_id for s in flagged if not s.awaiting_agreed] + [b.vendor_id for b in staged
                                                                             if b.vendor_id in owing]
    return Blockers(
        incomplete=tuple(incomplete),
        unresolved=tuple(f for f in flags_to_resolve(result) if f not in answered),
        not_submitted=tuple(j for j, done in submitted.items() if not done),
        nobody_may_score=tuple(v for v in incomplete
                               if result.judges and all((j, v) in recused for j in result.judges)),
        untiered=untiered(result),
        awaiting_agreed=tuple([s.vendor_id for s in flagged if s.awaiting_agreed]
                              + [b.vendor_id for b in staged if b.vendor_id not in owing]),
        names={**{s.vendor_id: s.vendor_name for s in result.ranking}, **{b.vendor_id: b.vendor_name for b in staged}},
    )


def untiered(result: Result) -> tuple[tuple[str, Named], ...]:
    """Each ranked bid and tiered criterion the judges scored with no tier agreed (the chair cleared it): rules.md
    wants every score inside the agreed tier, and the command line refuses such scores, so no result is final
    with one."""
    ranked = {s.vendor_id for s in result.ranking}
    criteria = result.rubric.criterion_index
    found = sorted({(p.vendor_id, p.criterion) for p in result.panel_scores
                    if p.score is not None and p.tier is None and p.vendor_id in ranked
                    and isinstance(criteria.get(p.criterion), Tiered)})
    return tuple((vendor, Named(c, criteria[c].name)) for vendor, c in found)


def missing_scores(vendors: Iterable[str], criteria: Sequence[Criterion],
                   given: Collection[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """(vendor_id, criterion) of every score a judge still owes, in order: each bid they score (``vendors``: the valid
    bids less those they declared a conflict with) on each panel criterion, less those ``given``. Submitting waits
    for every one.

    >>> from decimal import Decimal
    >>> from bideval.labels import Label
    >>> from bideval.rubric import Judged
    >>> plan = Judged(id="plan", name=Label("方案", "Plan"), group="technical", max=Decimal(10))
    >>> missing_scores(["A", "B"], [plan], {("A", "plan")})
    (('B', 'plan'),)
    """
    return tuple((v, c.id) for v in vendors for c in criteria if (v, c.id) not in given)


@dataclass(frozen=True)
class ScoresOwed:
    """A panel member's scores a provisional result still waits for: (vendor_id, criterion) each, in order."""

    judge: str
    missing: tuple[tuple[str, str], ...]

    @property
    def bids(self) -> int:
        """How many bids the missing scores are for."""
        return len({vendor for vendor, _ in self.missing})


def scores_owed(result: Result) -> tuple[ScoresOwed, ...]:
    """Each panel member with a score missing, in the panel's order, and what they owe (:func:`owed_by`). Why a
    result is provisional, by judge; none under consensus when only the chair's agreed scores are missing, nor for a
    panel without members.
    """
    if result.status != PROVISIONAL or not result.judges:
        return ()
    owed = (ScoresOwed(judge, owed_by(result, judge)) for judge in result.judges)
    return tuple(o for o in owed if o.missing)


def owed_by(result: Result, judge: str) -> tuple[tuple[str, str], ...]:
    """(vendor_id, criterion) of every score ``judge`` still owes, in vendor_id and rubric order: each bid the panel
    scores (:func:`~bideval.analysis.panel_bids`: ranked, or below a pass mark while not every judge has scored it)
    less the bidders they are recused from, on every panel criterion (:func:`missing_scores`). One rule for what a
    judge is told they owe and what submitting asks of them: a bid below a pass mark so far is owed on the criteria
    after its stage too, since it may yet pass (a judge told they owed nothing had been refused on submitting)."""
    given = {(p.vendor_id, p.criterion) for p in result.panel_scores if p.judge == judge and p.score is not None}
    return missing_scores([v for v, _ in scored_by(result, judge)], result.rubric.panel_criteria, given)


def scored_by(result: Result, judge: str) -> list[tuple[str, str]]:
    """(vendor_id, name) of the bids ``judge`` scores, in vendor_id order: those the panel scores
    (:func:`~bideval.analysis.panel_bids`: ranked, or below a pass mark while not every judge has scored it), less
    those the judge declared a conflict of interest with: their grid, their score sheet, what they owe."""
    recused = {vendor for j, vendor in result.recused if j == judge}
    return sorted(b for b in panel_bids(result) if b[0] not in recused)


@dataclass(frozen=True)
class SeatProgress:
    """One judge's own grid in counts (:func:`seat_progress`): scores given of those due, those still missing, and
    those waiting for the chair to agree a tier (a tiered criterion is scored inside its agreed tier only)."""

    given: int
    due: int
    missing: int
    awaiting_tier: int


def seat_progress(vendors: Sequence[str], criteria: Sequence[Criterion], given: Collection[tuple[str, str]],
                  tiers: Mapping[tuple[str, str], str]) -> SeatProgress:
    """A judge's progress on their own grid: ``vendors`` (the bids they score) on the panel ``criteria``, the
    (vendor_id, criterion) they have ``given`` a score, and the agreed ``tiers`` by (vendor_id, criterion)."""
    due = len(vendors) * len(criteria)
    missing = len(missing_scores(vendors, criteria, given))
    awaiting = sum(1 for v in vendors for c in criteria if allowed_range(c, tiers.get((v, c.id))) is None)
    return SeatProgress(due - missing, due, missing, awaiting)


class FinaliseRefused(BidEvalError):
    """The result cannot be finalised: incomplete scores, flags without a finding, or judges yet to submit
    (``blockers``: a :class:`Blockers`)."""

    code = "finalise.refused"

    def __init__(self, tender_id: int, found: Blockers):
        from .messages import sentence

        self.tender_id = tender_id
        self.blockers = found
        self.data = {"tender": tender_id, "blockers": found}
        super().__init__(sentence(self.code, self.data, "en", ids=True))


class SubmitRefused(BidEvalError):
    """A judge cannot submit yet: the (vendor_id, criterion) scores still missing."""

    code = "store.submit_missing"

    def __init__(self, judge: str, missing: tuple[tuple[str, str], ...]):
        from .messages import sentence

        self.judge = judge
        self.missing = missing
        self.data = {"judge": judge, "missing": missing}
        super().__init__(sentence(self.code, self.data, "en", ids=True))
