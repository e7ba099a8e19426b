"""Tenders kept in a database, and the service every page and script goes through.

Every :class:`Store` method takes the acting user (:class:`bideval.rights.Actor`)
and refuses, with :class:`RightRefused`, what that user's role on the tender may
not do, and with :class:`StageRefused` what the tender's stage does not allow.
Each change runs in one transaction that first locks the tender (``SELECT …
FOR UPDATE``; ``BEGIN IMMEDIATE`` on SQLite), checks, writes, bumps the
tender's ``version`` and appends to its hash-chained audit trail. Reads that
evaluate run in one snapshot. Nothing lives only in a process's memory.
"""
from __future__ import annotations

import hashlib
import json
import re
import tempfile
from dataclasses import dataclass, field, replace
from functools import cached_property
from datetime import datetime
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from typing import Any, Callable, Collection, Iterable, Mapping, Sequence

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from . import audit
from .analysis import panel_bids
from .accounts import Accounts, account_named, acting_account, username_of, grant, roles_of, seat_work
from .bids import (Bid, BidSet, FileRead, Reading, SharedVendors, read_upload_file, unplaced_fields,
                   vendors_in_other_files)
from .allowed_scores import ScoreRefused, TierRefused, raise_if_refused
from .database import FIRST_TENDER_LOCK, Database, database_url
from .documents import (Document, DocumentKind, DocumentRefused, Envelope, StoredDocument, check_document,
                        is_document, refused as document_refused)
from .errors import BidEvalError, BidsError, InputErrors, PanelError, Problem, RubricError, raise_if
from .evaluation import check_bids, evaluate
from .filenames import distinct_names
from .labels import Named, with_role
from .panel import judge_name, read_panel, seat_name
from .panel_input import PanelInput, Score
from .result import Result
from .rights import Action, Actor, RightRefused, Role, SeatLost, allowed
from .rubric import Aggregate, Rubric, Tiered, parse_rubric
from .rubric_mark import TenderMark, made_from_warning, one_warning_per_version, rubric_text_sha256
from .rubric_yaml import declared_rubric_id
from .schema import (AccountRecord, AuditEvent, BidRecord, ConsensusRecord, DeclarationRecord, DocumentRecord,
                     FindingRecord, JudgeRecord, ScoreRecord, TenderRecord, TenderRoleRecord, TierRecord, UploadRecord)
from .sheets import InputFile, uploaded_archive
from .uploads import BIDS, DOCUMENT, Said, Upload, UploadedFile, decode_files, encode_files
from .value_codec import decode_values, encode_values
from .values import fold, typed
from .workflow import (AgreedScore, Blockers, ChairFinding, FindingKind, FinaliseRefused, Flag, SignOff, Stage,
                       StageRefused, SubmitRefused, blockers, check_stage, findings_about, flags_to_resolve, owed_by,
                       scored_by)

__all__ = ["Store", "Capabilities", "WriteConflict", "database_url"]

# Actions an administrator may take on any tender without holding a role on it.
ADMIN_ACTIONS = frozenset({Action.READ_TENDER, Action.READ_AUDIT, Action.GIVE_ROLES})
# What an observer reads only once the result is final.
OBSERVER_AFTER_FINAL = frozenset({Action.READ_RESULT, Action.READ_PANEL, Action.READ_BIDS})
# Audit entries that carry the panel's work (scores, tiers, findings, consensus): an actor refused the panel only
# until the result is final (an observer) reads who did what to which bid and when, the values withheld.
PANEL_ENTRIES = frozenset({"set_score", "set_tier", "finding", "void_finding", "consensus", "replace_panel"})
# What is done on a tender (managing accounts is not: it is the administrator's, on no tender).
TENDER_ACTIONS = frozenset(Action) - {Action.MANAGE_ACCOUNTS}
# A judge's own work: done through their panel seat, whatever their roles.
SEAT_WORK = frozenset({Action.SCORE, Action.DECLARE, Action.SUBMIT})
# The panel's work, which a seat still scoring neither reads nor does whatever its holder's other roles
# (:meth:`Store._view`). The few reads that give such a seat its own part (its own result, the progress counts, the
# upload history) open the action with ``partial=True`` and say themselves what that part is.
PANEL_WORK = frozenset({Action.READ_RESULT, Action.READ_PANEL, Action.READ_AUDIT, Action.EXPORT,
                        Action.RECORD_FINDING, Action.SET_CONSENSUS, Action.FINALISE})
# The actions read in part (``partial=True``: the upload history, the audit's verdict; the progress counts, a bid's
# workbook; a seat's own result), reported by Capabilities.partly. Those that show the bids (which are valid, a bid,
# a result of them) read through a seat only once it has declared for every bidder, as reading the bids does.
PARTIAL_READS = frozenset({Action.READ_AUDIT, Action.READ_PANEL, Action.READ_RESULT})
PARTIAL_BIDS = frozenset({Action.READ_PANEL, Action.READ_RESULT})


class WriteConflict(BidEvalError):
    """Someone changed the value since the caller read it, or the tender since a preview: nothing was overwritten.

    Carries what was being changed (``what``: ``score``, ``tier``, ``finding``, ``consensus``, or ``panel`` /
    ``sheet`` for a preview, with its facts in ``facts``), the version the caller saw and the version (and value)
    there now.
    """

    code = "store.write_conflict"

    def __init__(self, what: str, seen: int, current: int, value: str | None = None, **facts: Any):
        from .messages import sentence

        self.what = what
        self.seen = seen
        self.current = current
        self.value = value
        self.facts = facts
        self.data = {"what": what, "seen": seen, "current": current, "value": value, **facts}
        super().__init__(sentence(self.code, self.data, "en", ids=True))


@dataclass(frozen=True)
class TenderSummary:
    """A tender as listed: id, name, rubric id, stage and counts."""

    id: int
    name: str
    rubric_id: str
    version: int
    bids: int
    created_at: datetime
    stage: Stage = Stage.SETUP


@dataclass(frozen=True)
class TenderInfo:
    """One tender's settings and state in the app (what :meth:`Store.tender` returns); what heads its filed documents
    is a :class:`bideval.tender.DocumentHeading`."""

    id: int
    name: str
    stage: Stage
    version: int
    hide_prices: bool
    finalised_by: str | None
    finalised_at: datetime | None


@dataclass(frozen=True)
class ScoreEntry:
    """One stored score with the version a caller passes back to change it."""

    judge: str
    vendor_id: str
    criterion: str
    score: str | None
    comment: str
    version: int


@dataclass(frozen=True)
class PendingScore:
    """A judge's change to one of their own scores, with the version of the score they changed (0: none yet)."""

    vendor_id: str
    criterion: str
    score: Decimal | None
    comment: str
    expected_version: int


@dataclass(frozen=True)
class KeptDocuments:
    """A replaced bid's documents, kept by the new bid, as the importer may be told of them: by name those they may
    open (:meth:`Store.documents`), the rest only counted (``sealed``: their panel seat still scores)."""

    named: tuple[str, ...] = ()
    sealed: int = 0

    @property
    def count(self) -> int:
        """How many documents the new bid keeps."""
        return len(self.named) + self.sealed


@dataclass
class ImportReport:
    """What an upload did: bids accepted per file, documents attached, and every problem of each refused file.

    The same report is kept in the database (:meth:`Store.uploads`); ``upload`` is its id there.
    """

    accepted: dict[str, list[str]] = field(default_factory=dict)  # file → vendor ids
    refused: dict[str, list[Problem]] = field(default_factory=dict)  # file → its problems (bideval.messages renders them)
    warned: dict[str, list[Problem]] = field(default_factory=dict)  # an accepted file → what it warned of (a field with
    # no column: its bids were read as not stating it)
    attached: dict[str, str] = field(default_factory=dict)  # document file → the vendor id of its bid
    renamed: dict[str, str] = field(default_factory=dict)  # a workbook's name here → the name it was uploaded as
    already: dict[str, tuple[str, str]] = field(default_factory=dict)  # a document whose bytes its bid holds already
    # → (vendor_id, the name it is held under): kept once, nothing stored
    replaced: dict[str, KeptDocuments] = field(default_factory=dict)  # a vendor whose earlier bid this upload
    # replaced → that bid's documents, which stay with the new bid, as the importer may be told of them
    upload: int | None = None

    @property
    def ok(self) -> bool:
        """Whether every file was accepted."""
        return not self.refused

    @property
    def problem_count(self) -> int:
        """How many problems the refused files have between them."""
        return sum(len(problems) for problems in self.refused.values())


@dataclass(frozen=True)
class ImportProgress:
    """How far an import has come: files read of all the files, the one just read, problems found so far."""

    files_read: int
    files: int
    name: str
    problems: int


@dataclass(frozen=True)
class ScoreChange:
    """One line of a score sheet preview: what the judge's score is now and what the sheet would make it."""

    vendor_id: str
    criterion: str
    old: Decimal | None
    new: Decimal | None
    old_comment: str
    new_comment: str


@dataclass(frozen=True)
class SheetPreview:
    """What importing one judge's returned score sheet would change (nothing is written by a preview)."""

    judge: str
    file: str
    sha256: str
    version: int  # the tender's version the preview was made at: any change since makes it stale
    changes: tuple[ScoreChange, ...]
    unchanged: int
    warnings: tuple[Problem, ...]
    blank: int = 0  # rows left blank (score and comment): nothing given, so what is stored stays as it is


@dataclass(frozen=True)
class PanelReplacement:
    """What replacing the whole panel with a workbook's would remove and bring (nothing is written by a preview)."""

    file: str
    sha256: str
    version: int  # the tender's version the preview was made at: any change since makes it stale
    judges_removed: tuple[str, ...]
    judges_added: tuple[str, ...]
    scores_removed: int
    scores_added: int
    tiers_changed: int
    warnings: tuple[Problem, ...]


@dataclass(frozen=True)
class Progress:
    """Who has scored what: per judge (given, due, submitted), per bid the panel scores (given, due) and per such bid
    and panel criterion (the judges who have scored it), and the stage. Counts only, never a score. The bids are
    :func:`~bideval.analysis.panel_bids`: the valid bids, less those out after a pass mark the panel has scored."""

    stage: Stage
    judges: tuple[tuple[str, int, int, bool], ...]
    bids: tuple[tuple[str, int, int], ...]
    scored: tuple[tuple[str, str, int], ...] = ()


@dataclass(frozen=True)
class Seat:
    """A judge's own seat on a panel: the name it carries and when its scores were submitted (None: not yet)."""

    name: str
    submitted_at: datetime | None

    @property
    def blind(self) -> bool:
        """Whether its holder still reads as a judge scoring, whatever their other roles: until the seat submits."""
        return self.submitted_at is None


@dataclass(frozen=True)
class ActorView:
    """How an actor reads a tender now (:meth:`Store._view`): through a panel seat, or with their roles."""

    seat: JudgeRecord | None  # whose limits apply to the bids: declared first, recused bidders out, prices sealed
    blind: bool  # their own seat has yet to submit: they read their own scores only, whatever their roles
    panel: bool  # whether they may read every judge's scores and what is made of them (results, flags, exports)


@dataclass(frozen=True)
class Capabilities:
    """What an actor may do on one tender now (:meth:`Store.capabilities`), and the refusal every other action meets.

    ``now``: the actions a call may do now, as far as the actor, their roles, their own seat and the tender's stage
    go (what the call asks for — a bid, a score, a reason — it checks itself). ``refused``: for each other action,
    the RightRefused or StageRefused a call of it meets first.
    """

    stage: Stage
    now: frozenset[Action]
    refused: Mapping[Action, BidEvalError]
    partly: frozenset[Action] = frozenset()  # the actions a call reading its part of them (``partial=True``:
    # the upload history, the audit's verdict, the progress counts, a bid's workbook, a seat's own result) may read now
    givable: frozenset[Role] = frozenset()  # the roles a call giving one may give now (GIVE_ROLES now; a judge's
    # seat only while the panel may change: Store.open_for_role)
    seat: Seat | None = None  # the actor's own panel seat, for saying what it keeps from them (after_submitting)
    roles: frozenset[Role] = frozenset()  # the roles the actor holds on the tender (a judge's: a seat held)

    def holds(self, action: Action) -> bool:
        """Whether the actor may do ``action`` now or, their roles allowing it, in another stage of the tender."""
        return action in self.now or isinstance(self.refused.get(action), StageRefused)

    def role_allows(self, action: Action) -> bool:
        """Whether the actor's roles allow ``action`` on the tender, now or once what refuses it for now has moved on
        (the stage, their own seat, the panel, the result not yet final)."""
        refused = self.refused.get(action)
        return action in self.now or isinstance(refused, StageRefused) \
            or (isinstance(refused, RightRefused) and refused.why not in ("", "no_account"))

    def after_submitting(self, action: Action) -> bool:
        """Whether ``action`` is refused only because the actor's own panel seat has yet to submit."""
        refused = self.refused.get(action)
        return isinstance(refused, RightRefused) and refused.why == "blind"


@dataclass(frozen=True)
class Declaration:
    """A judge's declaration for one bidder."""

    judge: str
    vendor_id: str
    conflict: bool
    note: str
    declared_at: datetime


def _tender_mark(record: TenderRecord) -> TenderMark:
    """The tender as the score sheets made for it carry it: id, name and token."""
    return TenderMark(record.id, record.name, record.token or "")


def _panel_workbook(s: Session, tender_id: int) -> tuple[InputFile, ...]:
    """The workbook that last replaced the whole panel, by the name and SHA-256 :meth:`Store.replace_panel` kept on
    the tender: an input of every result since, listed with the rubric and the bids on the Audit sheet (report6
    D6-3). None when the panel was never replaced by a workbook."""
    record = s.get(TenderRecord, tender_id)  # (the record every caller has opened: no query on each evaluation)
    name, sha256 = (record.panel_file, record.panel_sha256) if record is not None else (None, None)
    return (InputFile(name, sha256, "panel"),) if name is not None and sha256 is not None else ()


def _held_by(username: str) -> str:
    """How a ``remove_judge`` audit entry's detail starts: the account that held the seat (``-``: none), which
    :meth:`Store.seat_lost` looks for."""
    return f"held by: {username}; "


def _agreed_scores(s: Session, tender_id: int) -> dict[tuple[str, str], AgreedScore]:
    """The tender's agreed (consensus) scores by (vendor_id, criterion), in the order they were first entered."""
    return {(c.vendor_id, c.criterion): AgreedScore(c.vendor_id, c.criterion, Decimal(c.score), c.reason, c.by, c.at,
                                                    c.version)
            for c in s.execute(select(ConsensusRecord).where(ConsensusRecord.tender_id == tender_id)
                               .order_by(ConsensusRecord.id)).scalars()}


def _recusals(s: Session, tender_id: int) -> frozenset[tuple[str, str]]:
    """(judge, vendor_id) of every declared conflict of interest in the tender."""
    return frozenset(s.execute(select(DeclarationRecord.judge, DeclarationRecord.vendor_id).where(
        DeclarationRecord.tender_id == tender_id, DeclarationRecord.conflict.is_(True))).all())


def _undeclared_score(file: str, score: Score, conflict: bool | None) -> Problem:
    """A workbook's score its judge may not give, at its cell: they declared a conflict of interest with that bidder
    (``conflict`` True), or have not yet declared for it (None)."""
    place, cell = score.where.rsplit("!", 1)
    code = "panel.recused_score" if conflict else "panel.undeclared_score"
    return Problem.of(code, file, place.rsplit(":", 1)[1], cell, judge=score.judge, vendor_id=score.vendor_id,
                      criterion=score.criterion)


def _waits_for_final(roles: frozenset[Role], administrator: bool, stage: Stage, action: Action) -> bool:
    """Whether ``action`` waits for the final result: an observer's read (``OBSERVER_AFTER_FINAL``), before the
    final result, when no other role of theirs allows it."""
    return action in OBSERVER_AFTER_FINAL and stage is not Stage.FINAL \
        and not allowed(roles - {Role.OBSERVER}, action) and not administrator


def _role_refused(role: Role, stage: Stage, tender_id: int) -> StageRefused | None:
    """What refuses giving ``role`` in ``stage`` to whoever may give roles, or None: a judge's seat only while the
    panel may change (``MANAGE_PANEL``'s stages)."""
    if role is Role.JUDGE:
        try:
            check_stage(Action.MANAGE_PANEL, stage, tender_id)
        except StageRefused as refused:
            return refused
    return None


def _text(score: Decimal | None) -> str | None:
    return None if score is None else str(score)


def _number(score: str | None) -> Decimal | None:
    """A stored score's value (None: no score): 12.5 and 12.50 are one score."""
    return None if score is None else Decimal(score)


def _subject(flag: Flag) -> str:
    """A finding as its audit entries name it: ``outlier 9144… ops_plan 王评委``."""
    return " ".join(x for x in (flag.kind.value, flag.vendor_id, flag.criterion, flag.judge) if x)


def _named(rubric: Rubric, criterion_id: str) -> Named | str:
    """A criterion as a message names it (by label), or its id when the rubric has no such criterion."""
    criterion = rubric.criterion_index.get(criterion_id)
    return criterion_id if criterion is None else Named(criterion.id, criterion.name)


def _agreed_tier(s: Session, record: TenderRecord, vendor_id: str, criterion_id: str) -> str | None:
    """The tier agreed for a bid on a criterion, or None, read in the caller's transaction: one that holds the
    tender's lock, so no tier changes between this read and the score's write."""
    return s.execute(select(TierRecord.tier).where(TierRecord.tender_id == record.id, TierRecord.vendor_id == vendor_id,
                                                   TierRecord.criterion == criterion_id)).scalar_one_or_none()


_DOCUMENT_COLUMNS = (DocumentRecord.id, DocumentRecord.vendor_id, DocumentRecord.name, DocumentRecord.kind,
                     DocumentRecord.envelope, DocumentRecord.size, DocumentRecord.pages, DocumentRecord.sha256,
                     DocumentRecord.added_by, DocumentRecord.added_at)


def _stored(row: Sequence[Any]) -> StoredDocument:
    """A document's columns (``_DOCUMENT_COLUMNS``, in order) as a StoredDocument."""
    id_, vendor_id, name, kind, envelope, size, pages, sha256, by, at = row
    return StoredDocument(id_, vendor_id, name, DocumentKind(kind), Envelope(envelope), size, pages, sha256, by, at)


def _view_of(record: TenderRecord, roles: frozenset[Role], seat: JudgeRecord | None) -> ActorView:
    """How an actor with ``roles`` and their own ``seat`` (None: none) reads the tender (:meth:`Store._view`)."""
    blind = seat is not None and Seat(seat.name, seat.submitted_at).blind
    through = seat if seat is not None and (blind or not roles - {Role.JUDGE}) else None
    panel = not blind and (seat is not None or allowed(roles - {Role.OBSERVER}, Action.READ_PANEL)
                           or (Role.OBSERVER in roles and record.stage == Stage.FINAL.value))
    return ActorView(through, blind, panel)


class _Standing:
    """The actor on one tender as :meth:`Store._refusal` reads them, inside one transaction: their account, roles and
    own seat read once (on opening), what else a rule needs read once when first needed. :meth:`Store.capabilities`
    asks every action of one standing, so a render costs a handful of statements, not a few per action."""

    def __init__(self, s: Session, actor: Actor, record: TenderRecord, now: datetime):
        self.s, self.actor, self.record = s, actor, record
        self.account = acting_account(s, actor, now)
        self.seat = Store._seat(s, actor, record.id)
        self.roles = roles_of(s, actor.account_id, record.id, seated=self.seat is not None)

    @cached_property
    def view(self) -> ActorView:
        return _view_of(self.record, self.roles, self.seat)

    def undeclared(self, action: Action) -> RightRefused | None:
        """The refusal of ``action`` while the seat the actor reads through (or their own) has a bidder to declare
        for."""
        vendors = self.undeclared_vendors
        return None if not vendors else RightRefused(self.actor, self.roles, action, self.record.id, "declare_first",
                                                     vendors=vendors)

    @cached_property
    def undeclared_vendors(self) -> tuple[str, ...]:
        seat = self.view.seat or self.seat
        return () if seat is None else Store._undeclared_vendors(self.s, self.record, seat)

    @cached_property
    def submitted(self) -> tuple[str, ...]:
        """The panel seats that have submitted, in the order they were added."""
        return tuple(name for name, at in self.s.execute(
            select(JudgeRecord.name, JudgeRecord.submitted_at).where(JudgeRecord.tender_id == self.record.id)
            .order_by(JudgeRecord.id)) if at is not None)


def says_no_conflict(note: str) -> bool:
    """Whether a judge's note beside a bidder says only that there is no conflict of interest, as a 回避声明 is
    usually filled in: 无, 否, 没有, 无利害关系, 与该公司无关联, 不存在利益冲突, 无需回避, none, no, N/A, a dash.
    A note saying anything more (本人与该公司无关联，但配偶曾任职) is no such note.

    >>> [says_no_conflict(n) for n in ("无", "与该公司无关联。", "N/A", "-", "无法判断", "曾在该公司任职", "无关联，但配偶曾任职")]
    [True, True, True, True, False, False, False]
    """
    return _NO_CONFLICT.fullmatch(re.sub(r"[\s。.；;！!]+", "", fold(note))) is not None


_NO_CONFLICT = re.compile(
    r"(?:本人)?(?:与(?:该|此|本|贵)?(?:公司|投标人|单位|供应商|企业|投标单位)?)?(?:无|没有|不存在|未有)(?:任何)?"
    r"(?:利害关系|利益关系|关联关系|关联|关系|利益冲突|冲突|需回避的?情形|回避情形|应回避的?情形)?"
    r"|否|不涉及|无需回避|不需回避|不需要回避|无须回避"
    r"|none|no|nil|n/?a|notapplicable|noconflict(?:ofinterest)?|[-—–/]+", re.IGNORECASE)


class Store:
    """The database behind the app, with every right and stage rule enforced."""

    def __init__(self, url: str | None = None, clock: Callable[[], datetime] | None = None):
        self.db = Database(url, clock)
        self.url = self.db.url
        self.engine = self.db.engine
        self.accounts = Accounts(self.db, self)
        self._rubrics: dict[str, Rubric] = {}  # by SHA-256 of the YAML: the same text is the same rubric anywhere

    # -- the checks every method starts with
    def _open(self, s: Session, actor: Actor, tender_id: int, action: Action, lock: bool = False,
              partial: bool = False) -> tuple[TenderRecord, frozenset[Role]]:
        """The tender (locked for a change), once :meth:`_refusal` finds nothing refusing ``action`` to the actor.

        ``partial``: the call reads less than the panel's work (``PANEL_WORK``) and gives a seat still scoring its
        own part, which the call itself limits.
        """
        query = select(TenderRecord).where(TenderRecord.id == tender_id)
        record = s.execute(query.with_for_update() if lock else query).scalar_one_or_none()
        if record is None:
            raise BidEvalError.coded("store.no_tender", tender=tender_id)
        standing = _Standing(s, actor, record, self.db.clock())
        refused = self._refusal(standing, action, partial)
        if refused is not None:
            raise refused
        return record, standing.roles

    def _refusal(self, standing: _Standing, action: Action,
                 partial: bool = False) -> RightRefused | StageRefused | None:
        """What refuses ``action`` to the actor on the tender before the call looks at what it asks for, or None: the
        one rule every call checks (:meth:`_open`) and :meth:`capabilities` reports.

        In order: an account switched off; roles that do not allow it (an administrator reads any tender and its
        audit trail and gives roles on it); an observer before the result is final; the tender's stage; then the
        actor's own seat — a judge's own work needs one (``no_seat``), a score one not yet submitted (``submitted``),
        submitting, and reading the bids through it, a declaration for every bidder (``declare_first``), and the
        panel's work one that has submitted (``blind``) — and the tender's panel: consensus only under a consensus
        rubric (``not_consensus``), a whole new panel only while no seat has submitted (``seat_submitted``).
        """
        actor, record, account, roles = standing.actor, standing.record, standing.account, standing.roles
        if account is None or not account.active:
            return RightRefused(actor, (), action, record.id, "no_account")
        if not allowed(roles, action) and not (account.administrator and action in ADMIN_ACTIONS):
            return RightRefused(actor, roles, action, record.id)
        stage = Stage(record.stage)
        if _waits_for_final(roles, account.administrator, stage, action):
            return RightRefused(actor, roles, action, record.id, "observer_before_final")
        try:
            check_stage(action, stage, record.id)
        except StageRefused as refused:
            return refused
        if action in SEAT_WORK:
            seat = standing.seat
            if seat is None:
                return RightRefused(actor, roles, action, record.id, "no_seat")
            if action is Action.SCORE:
                return self._locked(standing, action, (seat.name,))
            if action is Action.SUBMIT and seat.submitted_at is None:
                return standing.undeclared(action)
        if action in PANEL_WORK and not partial and standing.view.blind:
            return RightRefused(actor, roles, action, record.id, "blind")
        if action is Action.READ_BIDS and standing.view.seat is not None:
            return standing.undeclared(action)
        if partial and action in PARTIAL_BIDS and standing.view.seat is not None:
            return standing.undeclared(Action.READ_BIDS)  # they show the bids: said as reading them
        if action is Action.SET_CONSENSUS:
            aggregate = self._rubric_of(record).panel.aggregate
            if aggregate is not Aggregate.CONSENSUS:
                return RightRefused(actor, roles, action, record.id, "not_consensus", aggregate=aggregate.value)
        if action is Action.REPLACE_PANEL:
            return self._locked(standing, action, None)
        return None

    def capabilities(self, actor: Actor, tender_id: int) -> Capabilities:
        """What the actor may do on the tender now, and what refuses the rest: for every action, :meth:`_refusal`,
        the very check each call of it makes first, read in one transaction. Pages offer a control only for what
        this allows; the store still refuses every call on its own."""
        with self.db.read() as s:
            record = s.get(TenderRecord, tender_id)
            if record is None:
                raise BidEvalError.coded("store.no_tender", tender=tender_id)
            standing = _Standing(s, actor, record, self.db.clock())  # the actor read once, for every action
            refused = {action: why for action in TENDER_ACTIONS
                       if (why := self._refusal(standing, action)) is not None}
            stage = Stage(record.stage)
            givable = frozenset() if Action.GIVE_ROLES in refused else \
                frozenset(r for r in Role if _role_refused(r, stage, tender_id) is None)
            seat = None if standing.seat is None else Seat(standing.seat.name, standing.seat.submitted_at)
            partly = frozenset(a for a in PARTIAL_READS if self._refusal(standing, a, partial=True) is None)
            return Capabilities(stage, TENDER_ACTIONS - refused.keys(), refused, partly, givable, seat,
                                standing.roles)

    def _touch(self, s: Session, record: TenderRecord, actor: Actor, action: str, subject: str = "",
               old: str | None = None, new: str | None = None, reason: str = "", detail: str = "") -> None:
        record.version += 1
        audit.append(s, audit.tender_chain(record.id), record.id, self.db.clock(), actor.name, action, subject, old,
                     new, reason, detail, username_of(s, actor))

    def _open_seat(self, s: Session, actor: Actor, tender_id: int,
                   action: Action) -> tuple[TenderRecord, frozenset[Role], JudgeRecord]:
        """The tender, locked, and the actor's panel seat, for a judge's own change; RightRefused without a seat."""
        record, roles = self._open(s, actor, tender_id, action, lock=True)
        seat = self._seat(s, actor, tender_id)
        if seat is None:  # refused by _open already: a judge's own work needs their seat
            raise RightRefused(actor, roles, action, tender_id, "no_seat")
        return record, roles, seat

    @staticmethod
    def _seat(s: Session, actor: Actor, tender_id: int) -> JudgeRecord | None:
        return s.execute(select(JudgeRecord).where(JudgeRecord.tender_id == tender_id,
                                                   JudgeRecord.account_id == actor.account_id)).scalar_one_or_none()

    def _view(self, s: Session, actor: Actor, record: TenderRecord, roles: frozenset[Role]) -> ActorView:
        """How the actor reads the tender: the one place that says it.

        A panel seat limits what its holder reads, whatever their other roles (chair, procurement …), until it has
        submitted: the bids only once they have declared for every bidder, never a bidder they are recused from,
        prices sealed while the tender seals them, and no other judge's score nor anything made of the panel's
        scores (the result, flags, findings, exports, the audit trail). Once it has submitted, their roles apply in
        full; a judge with no other role still reads the bids through their seat (recused bidders stay out), and
        every judge's scores. Reading the bids through a seat waits for its declarations (:meth:`_refusal`).
        """
        return _view_of(record, roles, self._seat(s, actor, record.id))

    def _check_declared(self, s: Session, actor: Actor, record: TenderRecord, roles: frozenset[Role],
                        seat: JudgeRecord) -> None:
        """RightRefused (``declare_first``, reading the bids, the bidders) unless the seat has declared for every
        bidder."""
        vendors = self._undeclared_vendors(s, record, seat)
        if vendors:
            raise RightRefused(actor, roles, Action.READ_BIDS, record.id, "declare_first", vendors=vendors)

    @staticmethod
    def _undeclared_vendors(s: Session, record: TenderRecord, seat: JudgeRecord) -> tuple[str, ...]:
        """The bidders the seat has yet to declare for, sorted."""
        vendors = set(s.execute(select(BidRecord.vendor_id).where(BidRecord.tender_id == record.id)).scalars())
        declared = set(s.execute(select(DeclarationRecord.vendor_id).where(
            DeclarationRecord.tender_id == record.id, DeclarationRecord.judge == seat.name)).scalars())
        return tuple(sorted(vendors - declared))

    def _refuse_recused(self, s: Session, actor: Actor, tender_id: int, vendor_id: str, criterion_id: str,
                        what: str) -> None:
        """ScoreRefused (``score.recused_agree``) when the actor's seat declared a conflict of interest with the
        bidder: a chair recused from a bidder agrees neither its tier nor its consensus score, which bound or set the
        score the rest of the panel gives it."""
        seat = self._seat(s, actor, tender_id)
        if seat is not None and (seat.name, vendor_id) in _recusals(s, tender_id):
            raise ScoreRefused.coded("score.recused_agree", vendor_id=vendor_id, criterion=criterion_id, what=what)

    @staticmethod
    def _locked(standing: _Standing, action: Action, judges: Iterable[str] | None) -> RightRefused | None:
        """The refusal when a seat among ``judges`` (None: any) has submitted, or None: its scores are locked, whoever
        would write them — its holder typing (``submitted``), the chair importing its returned score sheet or
        replacing the whole panel (``seat_submitted``, naming the seats) — until reopening scoring unlocks every
        submission."""
        actor, record, roles, own = standing.actor, standing.record, standing.roles, standing.seat
        wanted = None if judges is None else set(judges)
        submitted = tuple(name for name in standing.submitted if wanted is None or name in wanted)
        if not submitted:
            return None
        if own is not None and submitted == (own.name,):
            return RightRefused(actor, roles, action, record.id, "submitted")
        return RightRefused(actor, roles, action, record.id, "seat_submitted", judges=submitted)

    def _rubric_of(self, record: TenderRecord) -> Rubric:
        rubric = self._rubrics.get(record.rubric_sha256)
        if rubric is None:
            rubric = parse_rubric(record.rubric_yaml, record.rubric_source)
            self._rubrics[record.rubric_sha256] = rubric
        return rubric

    # -- tenders
    def tenders(self, actor: Actor) -> list[TenderSummary]:
        """The tenders the actor holds a role on (an administrator: every tender), newest first."""
        with self.db.read() as s:
            account = acting_account(s, actor, self.db.clock())
            if account is None or not account.active:
                return []
            query = select(TenderRecord).order_by(TenderRecord.id.desc())
            if not account.administrator:
                mine = select(TenderRoleRecord.tender_id).where(TenderRoleRecord.account_id == actor.account_id) \
                    .union(select(JudgeRecord.tender_id).where(JudgeRecord.account_id == actor.account_id))
                query = query.where(TenderRecord.id.in_(mine))
            rows = s.execute(query).scalars().all()
            counts = dict(s.execute(select(BidRecord.tender_id, func.count(BidRecord.id))
                                    .group_by(BidRecord.tender_id)).all())
        return [TenderSummary(t.id, t.name, self._listed_rubric_id(t), t.version, counts.get(t.id, 0), t.created_at,
                              Stage(t.stage)) for t in rows]

    def other_versions(self, actor: Actor, tender_id: int) -> list[TenderSummary]:
        """The tenders the actor sees that were made from another version of ``tender_id``'s rubric (its id, another
        text): an amended rubric makes a new tender, and these keep their bids, scores and results under theirs."""
        listed = {t.id: t for t in self.tenders(actor)}
        this = listed.get(tender_id)
        alike = [t.id for t in listed.values() if this is not None and t.rubric_id == this.rubric_id]
        if len(alike) < 2:
            return []
        with self.db.read() as s:  # (their texts read here alone: the tender list, read on every page, needs none)
            texts = dict(s.execute(select(TenderRecord.id, TenderRecord.rubric_yaml)
                                   .where(TenderRecord.id.in_(alike))).all())  # (each row a pair)
        version = rubric_text_sha256(texts[tender_id])  # (a version is the text: line ends and a BOM aside)
        return [listed[t] for t in alike if t in texts and rubric_text_sha256(texts[t]) != version]

    def _listed_rubric_id(self, record: TenderRecord) -> str:
        """The id of a tender's rubric as the tender list shows it. A rubric filed by an earlier version that this
        version's reader refuses (a stricter check since) is listed by the id it declares, or its file's name: the
        list is every tender's way in, and the tender itself tells what is wrong with its rubric when opened."""
        try:
            return self._rubric_of(record).id
        except RubricError:
            return declared_rubric_id(record.rubric_yaml) or record.rubric_source

    def create_tender(self, actor: Actor, name: str, rubric_yaml: str | bytes, source: str) -> int:
        """A new tender from a rubric's YAML (text, or a file's bytes), its creator its procurement officer and, when
        an administrator, its chair too; RubricError (every problem) and nothing created when the rubric is wrong."""
        text, rubric = self._rubric_text(rubric_yaml, source)
        with self.db.write() as s:
            return self._new_tender(s, actor, name, text, source, rubric)

    def create_first_tender(self, actor: Actor, name: str, rubric_yaml: str | bytes, source: str) -> int | None:
        """A tender as :meth:`create_tender` makes it, only on a database that holds none yet (the first start's
        sample): None when one exists. The test and the creation run under one lock, so replicas starting together
        make one tender. Every start of the app asks: a database holding a tender answers from a plain read, without
        the rubric parsed or the lock taken."""
        with self.db.read() as s:
            if s.execute(select(TenderRecord.id).limit(1)).first():
                return None
        text, rubric = self._rubric_text(rubric_yaml, source)
        with self.db.write() as s:
            self.db.one_at_a_time(s, FIRST_TENDER_LOCK)
            if s.execute(select(TenderRecord.id).limit(1)).first():  # made meanwhile by a replica starting too
                return None
            return self._new_tender(s, actor, name, text, source, rubric)

    @staticmethod
    def _rubric_text(rubric_yaml: str | bytes, source: str) -> tuple[str, Rubric]:
        """The rubric's text (a file's bytes decoded, without a byte-order mark) and the rubric it gives. The
        rubric is read first: its reader refuses bytes that are not UTF-8, so the decoding cannot fail."""
        rubric = parse_rubric(rubric_yaml, source)
        return (rubric_yaml.decode("utf-8-sig") if isinstance(rubric_yaml, bytes) else rubric_yaml), rubric

    def _new_tender(self, s: Session, actor: Actor, name: str, rubric_yaml: str, source: str, rubric: Rubric) -> int:
        account = acting_account(s, actor, self.db.clock())
        if account is None or not account.active or not (account.creates_tenders or account.administrator):
            raise RightRefused(actor, (), Action.CONFIGURE, None, "cannot_create")
        record = TenderRecord(name=typed(name) or rubric.title.zh, rubric_yaml=rubric_yaml,
                              rubric_source=source, rubric_sha256=rubric.sha256, version=0,
                              created_at=self.db.clock(), stage=Stage.SETUP.value, hide_prices=False)
        s.add(record)
        s.flush()
        self._touch(s, record, actor, "create_tender", record.name, new=f"{source} sha256={rubric.sha256}")
        # An administrator may run a tender alone: procurement and chair. A procurement officer who creates one does
        # not chair its panel: the chair is given to someone else (Accounts and roles page, give_role).
        for role in (Role.PROCUREMENT, Role.CHAIR) if account.administrator else (Role.PROCUREMENT,):
            self.grant_role(s, actor, record, account, role)
        return record.id

    def tender(self, actor: Actor, tender_id: int) -> TenderInfo:
        """A tender's name, stage, version, two-envelope setting and signature."""
        with self.db.read() as s:
            t, _ = self._open(s, actor, tender_id, Action.READ_TENDER)
            return TenderInfo(t.id, t.name, Stage(t.stage), t.version, t.hide_prices, t.finalised_by, t.finalised_at)

    def roles(self, actor: Actor, tender_id: int) -> frozenset[Role]:
        """The roles the actor holds on a tender."""
        with self.db.read() as s:
            return roles_of(s, actor.account_id, tender_id)

    def rubric(self, actor: Actor, tender_id: int) -> Rubric:
        """The tender's rubric snapshot."""
        with self.db.read() as s:
            record, _ = self._open(s, actor, tender_id, Action.READ_TENDER)
            return self._rubric_of(record)

    def version(self, actor: Actor, tender_id: int) -> int:
        """The tender's version: it changes whenever anything about the tender does."""
        with self.db.read() as s:
            return self._open(s, actor, tender_id, Action.READ_TENDER)[0].version

    def set_hide_prices(self, actor: Actor, tender_id: int, hide: bool) -> None:
        """Two envelopes: hide prices from each judge until that judge has submitted the technical scores."""
        with self.db.write() as s:
            record, _ = self._open(s, actor, tender_id, Action.CONFIGURE, lock=True)
            old = record.hide_prices
            record.hide_prices = hide
            self._touch(s, record, actor, "set_hide_prices", "", str(old), str(hide))

    def give_role(self, actor: Actor, tender_id: int, username: str, role: Role,
                  judge_name: str | None = None) -> None:
        """Give an account a role on the tender (procurement or an administrator); a judge takes a panel seat."""
        with self.db.write() as s:
            record = self.open_for_role(s, actor, tender_id, role)
            self.grant_role(s, actor, record, account_named(s, username), role, judge_name)

    def open_for_role(self, s: Session, giver: Actor, tender_id: int, role: Role) -> TenderRecord:
        """Inside the caller's transaction: the tender, locked, once ``giver`` may give ``role`` on it now (procurement
        or an administrator, in a stage that gives roles; a judge's seat only while the panel may change).
        RightRefused or StageRefused otherwise. Giving a role and redeeming an invitation both start here."""
        record, _ = self._open(s, giver, tender_id, Action.GIVE_ROLES, lock=True)
        refused = _role_refused(role, Stage(record.stage), tender_id)
        if refused is not None:
            raise refused
        return record

    def grant_role(self, s: Session, giver: Actor, record: TenderRecord, account: AccountRecord, role: Role,
                   judge_name: str | None = None, detail: str = "") -> str:
        """Inside the caller's transaction, on a tender :meth:`open_for_role` opened: give the role (a judge: the
        seat), bump the tender's version and audit it as ``giver``'s. Returns what was given."""
        given = grant(s, record.id, account, role, judge_name)
        self._touch(s, record, giver, "give_role", account.username, new=given, detail=detail)
        return given

    def take_role(self, actor: Actor, tender_id: int, username: str, role: Role) -> None:
        """Take a role back (a judge's seat stays with its declarations and scores, no longer held by the account,
        which alone may take it up again once it has any: :meth:`remove_judge` takes them off the panel)."""
        with self.db.write() as s:
            record, _ = self._open(s, actor, tender_id, Action.GIVE_ROLES, lock=True)
            account = account_named(s, username)
            if role is Role.JUDGE:
                seat = self._seat(s, Actor(account.id, account.display_name), tender_id)
                if seat is not None:
                    seat.account_id = None
            else:
                s.execute(delete(TenderRoleRecord).where(TenderRoleRecord.tender_id == tender_id,
                                                         TenderRoleRecord.account_id == account.id,
                                                         TenderRoleRecord.role == role.value))
            self._touch(s, record, actor, "take_role", account.username, old=role.value)

    def members(self, actor: Actor, tender_id: int) -> list[tuple[str, str, str]]:
        """Who holds which role on the tender: (user name, display name, role or ``judge <seat>``)."""
        with self.db.read() as s:
            self._open(s, actor, tender_id, Action.READ_TENDER)
            rows = [(a.username, a.display_name, r.role) for r, a in s.execute(
                select(TenderRoleRecord, AccountRecord).join(AccountRecord, AccountRecord.id == TenderRoleRecord.account_id)
                .where(TenderRoleRecord.tender_id == tender_id).order_by(TenderRoleRecord.id))]
            rows += [(a.username, a.display_name, f"judge {j.name}") for j, a in s.execute(
                select(JudgeRecord, AccountRecord).join(AccountRecord, AccountRecord.id == JudgeRecord.account_id)
                .where(JudgeRecord.tender_id == tender_id).order_by(JudgeRecord.id))]
            return rows

    # -- audit
    def events(self, actor: Actor, tender_id: int) -> list[AuditEvent]:
        """The tender's audit trail, oldest first (it records every score: not while the actor's own seat is blind).
        An observer reads it in every stage, but before the result is final each entry of the panel's work
        (``PANEL_ENTRIES``) comes with its values withheld (``audit.WITHHELD``): they read no score before the result
        is final, as on every other page."""
        with self.db.read() as s:
            record, roles = self._open(s, actor, tender_id, Action.READ_AUDIT)
            entries = list(s.execute(select(AuditEvent).where(AuditEvent.chain == audit.tender_chain(tender_id))
                                     .order_by(AuditEvent.id)).scalars())
            # An administrator without a role on the tender reads its trail (ADMIN_ACTIONS), the panel's values as
            # an observer does: only once the result is final (they keep the accounts, not the evaluation).
            if not _waits_for_final(roles, False, Stage(record.stage), Action.READ_PANEL):
                return entries
            return [audit.withheld(e) if e.action in PANEL_ENTRIES else e for e in entries]

    def verify_audit(self, actor: Actor, tender_id: int) -> audit.Verdict:
        """Recompute the tender's audit chain: intact, or the first entry edited, removed or moved (it shows no entry:
        also while the actor's own seat still scores)."""
        with self.db.read() as s:
            self._open(s, actor, tender_id, Action.READ_AUDIT, partial=True)
            return audit.verify(s, [audit.tender_chain(tender_id)])[0]

    # -- bids
    def import_bids(self, actor: Actor, tender_id: int, files: Sequence[tuple[str, bytes]], replace: bool = False,
                    progress: Callable[[ImportProgress], None] | None = None) -> ImportReport:
        """Import uploaded workbooks file by file: a bad file imports nothing, a good one all its bids.

        Every workbook is read before any is stored: a vendor in two files of the upload is refused in each of them
        (:func:`~bideval.bids.vendors_in_other_files`), so nothing of it is written. A vendor already in the tender
        is refused unless ``replace`` is true (replacing is for a bid of an earlier upload); the replacement keeps the
        earlier bid's documents, each named in the audit entry and in ``report.replaced`` as the actor may see them (a
        document their panel seat may not open yet counted, not named). PDF and image files in
        the same upload are documents (:mod:`bideval.documents`, technical envelope): attached to the bid when the
        upload imports exactly one, refused otherwise. ``progress`` is told after each file how far the import has
        come (:class:`ImportProgress`), and once more when storing refused a file. Each workbook is read from its
        bytes, once. What became of every file is kept (:meth:`uploads`).
        """
        rubric = self.rubric(actor, tender_id)
        with self.db.read() as s:
            self._open(s, actor, tender_id, Action.IMPORT_BIDS)  # refuse before reading any file
        report = ImportReport()
        kept: list[UploadedFile] = []
        workbooks = _distinct(report, [(Path(n).name or "upload.xlsx", c) for n, c in files if not is_document(n)])
        documents = _distinct(report, [(n, c) for n, c in files if is_document(n)])
        reading = Reading.of(rubric)
        reads: list[FileRead] = []
        told = read_problems = 0
        shared_so_far = SharedVendors()  # (kept up file by file: vendors_in_other_files again each time was quadratic)
        for done, (name, content) in enumerate(workbooks, 1):
            archived = uploaded_archive(name, content)  # an archive: named for what it lists, never opened
            read = FileRead(None, (), (archived,)) if archived else read_upload_file(reading, name, content, apart=True)
            reads.append(read)
            read_problems += len(read.problems)
            told = read_problems + shared_so_far.add(read)
            if progress:
                progress(ImportProgress(done, len(files), name, told))
        for (name, content), read, shared in zip(workbooks, reads, vendors_in_other_files(reads)):
            digest = hashlib.sha256(content).hexdigest()
            try:
                raise_if([*read.problems, *shared], BidsError)
                vendors, replaced = self._store_bids(actor, tender_id, read.bids, name, content, replace,
                                                      _made_from(read.warnings))
                report.accepted[name] = vendors
                report.replaced.update(replaced)
                if read.warnings:
                    report.warned[name] = list(read.warnings)
                kept.append(UploadedFile(name, digest, len(content), BIDS, uploaded_as=report.renamed.get(name),
                                         vendors=tuple((b.vendor_id, b.vendor_name) for b in read.bids),
                                         warnings=tuple(Said.of(w, rubric) for w in read.warnings)))
            except InputErrors as error:
                report.refused[name] = list(error.problems)
                kept.append(UploadedFile(name, digest, len(content), BIDS, uploaded_as=report.renamed.get(name),
                                         problems=tuple(Said.of(p, rubric) for p in report.refused[name])))
        if progress and workbooks and report.problem_count != told:  # storing refused a file the reading passed
            progress(ImportProgress(len(workbooks), len(files), workbooks[-1][0], report.problem_count))
        imported = [v for vendors in report.accepted.values() for v in vendors]
        for done, (name, content) in enumerate(documents, len(workbooks) + 1):
            if len(imported) == 1:
                kept.append(self._add_document(actor, tender_id, imported[0], name, content, Envelope.TECHNICAL,
                                               report))
            else:
                problem = document_refused(name, "document.which_bid", bids=len(imported)).problems[0]
                kept.append(self._refused_document(name, content, [problem], report))
            if progress:
                progress(ImportProgress(done, len(files), name, report.problem_count))
        report.upload = self._keep_upload(actor, tender_id, None, replace, kept)
        return report

    def _store_bids(self, actor: Actor, tender_id: int, bids: Iterable[Bid], name: str, content: bytes,
                    replace: bool, made_from: str | None = None) -> tuple[list[str], dict[str, KeptDocuments]]:
        """Store one workbook's bids (``made_from``: the rubric version it was made from, when another than the
        tender's): the vendor ids, and for each bid replaced the documents it keeps.

        A replaced bid's documents (a proposal, scans attached on the Bids page) belong to the vendor's submission,
        not to one bid form: they stay with the new bid, and the ``replace_bids`` audit entry names them, so a
        correction never drops nor silently carries over a document. The actor is told of them as
        :meth:`documents` would show them (:meth:`_told`): a name can carry what their panel seat may not read yet
        (报价明细-总价98万.pdf). The audit entry names every one: a seat still scoring reads no audit trail."""
        digest = hashlib.sha256(content).hexdigest()
        bids = list(bids)
        with self.db.write() as s:
            record, roles = self._open(s, actor, tender_id, Action.IMPORT_BIDS, lock=True)
            existing = set(s.execute(select(BidRecord.vendor_id).where(BidRecord.tender_id == tender_id)).scalars())
            clash = [b.vendor_id for b in bids if b.vendor_id in existing]
            if clash and not replace:
                raise BidsError([Problem.of("bids.vendor_exists", name, vendor_id=v) for v in clash])
            scored = self._scored(s, tender_id, clash)
            if scored:  # the panel scored the bid it opened: a new file must not inherit those scores
                raise BidsError([Problem.of("bids.scored_replace", name, vendor_id=v, scores=n)
                                 for v, n in scored.items()])
            kept: dict[str, list[StoredDocument]] = {v: [] for v in clash}
            if clash:
                for row in s.execute(select(*_DOCUMENT_COLUMNS).where(
                        DocumentRecord.tender_id == tender_id, DocumentRecord.vendor_id.in_(clash))
                        .order_by(DocumentRecord.vendor_id, DocumentRecord.name)):
                    document = _stored(row)
                    kept[document.vendor_id].append(document)
                s.execute(delete(BidRecord).where(BidRecord.tender_id == tender_id, BidRecord.vendor_id.in_(clash)))
            for bid in bids:
                s.add(BidRecord(tender_id=tender_id, vendor_id=bid.vendor_id, vendor_name=bid.vendor_name,
                                file_name=name, sha256=digest, content=content, sheet=bid.sheet, row=bid.row,
                                values_json=encode_values(dict(bid.values)),
                                cells_json=json.dumps(dict(bid.cells), sort_keys=True), imported_at=self.db.clock(),
                                made_from=made_from))
            action = "replace_bids" if clash else "import_bids"
            self._touch(s, record, actor, action, name, new=", ".join(b.vendor_id for b in bids),
                        detail=f"sha256={digest}" + "".join(f"; {v} {_kept_text([d.name for d in documents])}"
                                                            for v, documents in kept.items()))
            self._void_findings(s, record, actor, f"the bid was replaced by {name}", bids=clash)
            told = self._told(s, record, self._view(s, actor, record, roles).seat, kept)
        return [b.vendor_id for b in bids], told

    def _told(self, s: Session, record: TenderRecord, seat: JudgeRecord | None,
              kept: dict[str, list[StoredDocument]]) -> dict[str, KeptDocuments]:
        """Documents, by vendor, as an actor reading through ``seat`` (:meth:`_view`; None: no seat limits them) may
        be told of them: named when :meth:`documents` would list them, else counted. Through a seat with a bidder
        still to declare for (the bids just stored counted) it lists none, so none is named."""
        undeclared = seat is not None and bool(self._undeclared_vendors(s, record, seat))
        told: dict[str, KeptDocuments] = {}
        for vendor, documents in kept.items():
            named = tuple(d.name for d in documents if not undeclared and not self._sealed(s, record, seat, d))
            told[vendor] = KeptDocuments(named, len(documents) - len(named))
        return told

    @staticmethod
    def _scored(s: Session, tender_id: int, vendors: Sequence[str]) -> dict[str, int]:
        """How many scores, agreed tiers and consensus scores the panel has recorded for each of ``vendors`` that has
        any."""
        counts: dict[str, int] = {}
        for model in (ScoreRecord, TierRecord, ConsensusRecord):
            for vendor, n in s.execute(select(model.vendor_id, func.count(model.id)).where(
                    model.tender_id == tender_id, model.vendor_id.in_(vendors)).group_by(model.vendor_id)):
                counts[vendor] = counts.get(vendor, 0) + n
        return counts

    def remove_bid(self, actor: Actor, tender_id: int, vendor_id: str, reason: str = "") -> None:
        """Remove a vendor's bid and the panel's tiers, scores, consensus scores, declarations and the chair's
        findings for it (a bid imported later under that vendor ID is a new bid: its flags need findings of their
        own, :meth:`_void_findings`).

        A bid the panel has worked on (any of those recorded) needs the reason, kept in the audit trail with how many
        of each went; a vendor with no bid in the tender is refused, nothing written."""
        reason = typed(reason)
        with self.db.write() as s:
            record, _ = self._open(s, actor, tender_id, Action.IMPORT_BIDS, lock=True)
            if s.execute(select(BidRecord.vendor_id).where(BidRecord.tender_id == tender_id,
                                                           BidRecord.vendor_id == vendor_id)).first() is None:
                raise BidEvalError.coded("store.no_bids", vendors=(vendor_id,), tender=tender_id)
            work = {name: s.execute(select(func.count()).select_from(model).where(
                        model.tender_id == tender_id, model.vendor_id == vendor_id)).scalar_one()
                    for name, model in (("scores", ScoreRecord), ("tiers", TierRecord),
                                        ("consensus", ConsensusRecord), ("declarations", DeclarationRecord),
                                        ("findings", FindingRecord))}
            if any(work.values()) and not reason:
                raise BidEvalError.coded("store.reason_needed", what="remove", vendor_id=vendor_id, **work)
            for model in (BidRecord, TierRecord, ScoreRecord, ConsensusRecord, DeclarationRecord, DocumentRecord):
                s.execute(delete(model).where(model.tender_id == tender_id, model.vendor_id == vendor_id))
            self._touch(s, record, actor, "remove_bid", vendor_id, reason=reason,
                        detail=", ".join(f"{count} {name}" for name, count in work.items() if count))
            self._void_findings(s, record, actor, "the bid was removed", reason, bids=(vendor_id,))

    # -- documents (proposals, price schedules, scans): checked by bideval.documents, written here
    def add_documents(self, actor: Actor, tender_id: int, vendor_id: str, files: Sequence[tuple[str, bytes]],
                      envelope: Envelope = Envelope.TECHNICAL,
                      progress: Callable[[ImportProgress], None] | None = None) -> ImportReport:
        """Attach documents to one bid (procurement), each file checked whole: a refused one stores nothing.

        ``report.attached`` names the files attached, ``report.refused`` every other file's problem; the upload is
        kept (:meth:`uploads`) like one of bid workbooks.
        """
        with self.db.read() as s:
            self._open(s, actor, tender_id, Action.IMPORT_BIDS)  # refuse before reading any file
        report = ImportReport()
        kept = []
        for done, (name, content) in enumerate(_distinct(report, files), 1):
            kept.append(self._add_document(actor, tender_id, vendor_id, name, content, envelope, report))
            if progress:
                progress(ImportProgress(done, len(files), name, report.problem_count))
        report.upload = self._keep_upload(actor, tender_id, vendor_id, False, kept)
        return report

    def _add_document(self, actor: Actor, tender_id: int, vendor_id: str, name: str, content: bytes,
                      envelope: Envelope, report: ImportReport) -> UploadedFile:
        """Check one document (outside any transaction: it may take a while) and store it, or say why not."""
        try:
            document = check_document(name, content)
            held = self._store_document(actor, tender_id, vendor_id, document, content, envelope)
        except DocumentRefused as error:
            return self._refused_document(name, content, list(error.problems), report)
        if held is not None:  # the same bytes under another name (re-uploaded with Replace, renamed): kept once
            kept = UploadedFile(document.name, document.sha256, document.size, DOCUMENT, attached_to=vendor_id,
                                envelope=held[1], uploaded_as=report.renamed.get(name), already=held[0])
            # (the report names the document held only where the upload history would: '' for a sealed one)
            report.already[document.name] = (vendor_id, self._told_to(actor, tender_id, kept).already or "")
            return kept
        report.attached[document.name] = vendor_id
        return UploadedFile(document.name, document.sha256, document.size, DOCUMENT, attached_to=vendor_id,
                            envelope=envelope.value, uploaded_as=report.renamed.get(name))

    @staticmethod
    def _refused_document(name: str, content: bytes, problems: list[Problem], report: ImportReport) -> UploadedFile:
        shown = problems[0].file
        report.refused[shown] = problems
        return UploadedFile(shown, hashlib.sha256(content).hexdigest(), len(content), DOCUMENT,
                            uploaded_as=report.renamed.get(name), problems=tuple(Said.of(p) for p in problems))

    def _store_document(self, actor: Actor, tender_id: int, vendor_id: str, document: Document, content: bytes,
                        envelope: Envelope) -> tuple[str, str] | None:
        """Write a checked document to its bid, in one transaction with the checks that need the database; or, when
        the bid holds the same bytes already (under any name, in either envelope), write nothing and give that
        document's name and envelope: a file is kept once per bid (the same PDF uploaded again under a new name, with
        Replace, had been stored twice)."""
        with self.db.write() as s:
            record, _ = self._open(s, actor, tender_id, Action.IMPORT_BIDS, lock=True)
            if not s.execute(select(BidRecord.id).where(BidRecord.tender_id == tender_id,
                                                        BidRecord.vendor_id == vendor_id)).first():
                raise document_refused(document.name, "document.no_bid", vendor_id=vendor_id)
            held = s.execute(select(DocumentRecord.name, DocumentRecord.envelope).where(
                DocumentRecord.tender_id == tender_id, DocumentRecord.vendor_id == vendor_id,
                DocumentRecord.sha256 == document.sha256).order_by(DocumentRecord.id)).first()
            if held is not None:
                return held.name, held.envelope
            if s.execute(select(DocumentRecord.id).where(DocumentRecord.tender_id == tender_id,
                                                         DocumentRecord.vendor_id == vendor_id,
                                                         DocumentRecord.name == document.name)).first():
                raise document_refused(document.name, "document.name_taken", vendor_id=vendor_id)
            s.add(DocumentRecord(tender_id=tender_id, vendor_id=vendor_id, name=document.name,
                                 kind=document.kind.value, envelope=envelope.value, size=document.size,
                                 pages=document.pages, sha256=document.sha256, content=content, added_by=actor.name,
                                 added_at=self.db.clock()))
            self._touch(s, record, actor, "add_document", f"{vendor_id} {document.name}",
                        new=f"{document.kind.value}, {document.size} bytes, {envelope.value} envelope",
                        detail=f"sha256={document.sha256}")
            return None

    def _keep_upload(self, actor: Actor, tender_id: int, vendor_id: str | None, replace: bool,
                     files: Sequence[UploadedFile]) -> int | None:
        """Keep what became of an upload's files (the import report) and say so in the audit trail."""
        if not files:
            return None
        with self.db.write() as s:
            record, _ = self._open(s, actor, tender_id, Action.IMPORT_BIDS, lock=True)
            row = UploadRecord(tender_id=tender_id, at=self.db.clock(), actor=actor.name, vendor_id=vendor_id,
                               replace=replace, files_json=encode_files(files))
            s.add(row)
            s.flush()
            refused = [f for f in files if f.refused]
            # Audited, but the tender's version stays: what an upload changed has bumped it already, a refusal
            # changes nothing that is evaluated.
            audit.append(s, audit.tender_chain(record.id), record.id, self.db.clock(), actor.name, "upload",
                         vendor_id or "", None, ", ".join(f.name for f in files), "",
                         f"{len(files) - len(refused)} accepted, {len(refused)} refused"
                         + "".join(f"; refused {f.name} sha256={f.sha256}" for f in refused)
                         + "".join(f"; {f.name} kept once: the bid holds its bytes as {f.already}" for f in files
                                   if f.already),
                         username_of(s, actor))
            return row.id

    def uploads(self, actor: Actor, tender_id: int) -> list[Upload]:
        """Every upload of the tender, newest first: who, when, which files, what each became (no score: also while the
        actor's own seat still scores)."""
        with self.db.read() as s:
            record, roles = self._open(s, actor, tender_id, Action.READ_AUDIT, partial=True)
            seat, undeclared = self._seat_limits(s, actor, record, roles)
            rows = s.execute(select(UploadRecord).where(UploadRecord.tender_id == tender_id)
                             .order_by(UploadRecord.id.desc())).scalars().all()
            return [Upload(r.id, r.at, r.actor, r.vendor_id, r.replace,
                           tuple(self._told_file(s, record, seat, undeclared, f, r.vendor_id)
                                 for f in decode_files(r.files_json))) for r in rows]

    def _told_to(self, actor: Actor, tender_id: int, file: UploadedFile) -> UploadedFile:
        """A file just uploaded as ``actor`` may be told of it in the import report: by :meth:`_told_file`, the upload
        history's rule, so the report names no document the history would withhold from the actor's seat (a price
        schedule whose bytes a proposal uploaded again repeats, while the seat still scores)."""
        with self.db.read() as s:
            record, roles = self._open(s, actor, tender_id, Action.IMPORT_BIDS)
            seat, undeclared = self._seat_limits(s, actor, record, roles)
            return self._told_file(s, record, seat, undeclared, file, file.attached_to)

    def _seat_limits(self, s: Session, actor: Actor, record: TenderRecord,
                     roles: frozenset[Role]) -> tuple[JudgeRecord | None, bool]:
        """The seat an actor reads the tender through (:meth:`_view`; None: none) and whether it has a bidder still to
        declare for (then it may be told of no document)."""
        seat = self._view(s, actor, record, roles).seat
        return seat, seat is not None and bool(self._undeclared_vendors(s, record, seat))

    def _told_file(self, s: Session, record: TenderRecord, seat: JudgeRecord | None, undeclared: bool,
                   file: UploadedFile, vendor_id: str | None) -> UploadedFile:
        """An uploaded file as an actor reading through ``seat`` may be told of it: a document :meth:`documents` would
        not list (a price envelope's while prices are hidden, a recused bidder's, any while a bidder is undeclared) is
        sealed, its name, the name it came with and its problems withheld (a price schedule's name can carry a
        price)."""
        if seat is None or file.kind != DOCUMENT:
            return file
        vendor = file.attached_to or vendor_id
        envelope = Envelope(file.envelope) if file.envelope else None
        if undeclared or vendor is None or self._withheld(s, record, seat, vendor, envelope):
            return replace(file, name="", uploaded_as=None, problems=(), already=None, sealed=True)
        return file

    def documents(self, actor: Actor, tender_id: int, vendor_id: str | None = None) -> list[StoredDocument]:
        """The documents the actor may open (of one bid when given), by bid and name.

        Through a panel seat (:meth:`_view`): only after declaring for every bidder, never those of a bidder they
        are recused from, and no price-envelope document while the tender hides prices and the seat has not
        submitted.
        """
        with self.db.read() as s:
            record, roles = self._open(s, actor, tender_id, Action.READ_BIDS)  # declared first, through a seat
            seat = self._view(s, actor, record, roles).seat
            query = select(*_DOCUMENT_COLUMNS).where(DocumentRecord.tender_id == tender_id)
            if vendor_id is not None:
                query = query.where(DocumentRecord.vendor_id == vendor_id)
            rows = [_stored(row) for row in s.execute(query.order_by(DocumentRecord.vendor_id, DocumentRecord.name))]
            return [d for d in rows if not self._sealed(s, record, seat, d)]

    def document(self, actor: Actor, tender_id: int, document_id: int) -> tuple[StoredDocument, bytes]:
        """One document and its bytes, when the actor may open it (as :meth:`documents`); RightRefused otherwise."""
        with self.db.read() as s:
            record, roles = self._open(s, actor, tender_id, Action.READ_BIDS)  # declared first, through a seat
            seat = self._view(s, actor, record, roles).seat
            row = s.execute(select(*_DOCUMENT_COLUMNS, DocumentRecord.content).where(
                DocumentRecord.tender_id == tender_id, DocumentRecord.id == document_id)).first()
            if row is None:
                raise BidEvalError.coded("document.unknown", document=document_id, tender=tender_id)
            stored = _stored(row[:-1])
            why = self._sealed(s, record, seat, stored)
            if why:
                raise RightRefused(actor, roles, Action.READ_BIDS, tender_id, why, vendor_id=stored.vendor_id)
            content: bytes = row.content
            return stored, content

    def _sealed(self, s: Session, record: TenderRecord, seat: JudgeRecord | None, document: StoredDocument) -> str:
        """Why an actor reading through their seat may not open a document (``recused``, ``price_envelope``), or ''."""
        if seat is None:
            return ""
        return self._withheld(s, record, seat, document.vendor_id, document.envelope)

    @staticmethod
    def _withheld(s: Session, record: TenderRecord, seat: JudgeRecord, vendor_id: str, envelope: Envelope | None) -> str:
        """Why a seat may not open a document of ``vendor_id`` in ``envelope`` (``recused``, ``price_envelope``), or ''."""
        if s.execute(select(DeclarationRecord.id).where(
                DeclarationRecord.tender_id == record.id, DeclarationRecord.judge == seat.name,
                DeclarationRecord.vendor_id == vendor_id, DeclarationRecord.conflict.is_(True))).first():
            return "recused"
        if envelope is Envelope.PRICE and record.hide_prices and seat.submitted_at is None:
            return "price_envelope"
        return ""

    def remove_document(self, actor: Actor, tender_id: int, document_id: int, reason: str = "") -> None:
        """Remove a document from its bid (procurement); the removal is audited with the document's SHA-256."""
        with self.db.write() as s:
            record, _ = self._open(s, actor, tender_id, Action.IMPORT_BIDS, lock=True)
            found = s.execute(select(DocumentRecord).where(DocumentRecord.tender_id == tender_id,
                                                           DocumentRecord.id == document_id)).scalar_one_or_none()
            if found is None:
                raise BidEvalError.coded("document.unknown", document=document_id, tender=tender_id)
            s.delete(found)
            self._touch(s, record, actor, "remove_document", f"{found.vendor_id} {found.name}",
                        old=f"sha256={found.sha256}", reason=typed(reason))

    def bidders(self, actor: Actor, tender_id: int) -> list[tuple[str, str]]:
        """(vendor_id, name) of every bid: what a judge declares conflicts against before seeing any bid."""
        with self.db.read() as s:
            self._open(s, actor, tender_id, Action.READ_TENDER)
            return [tuple(r) for r in s.execute(select(BidRecord.vendor_id, BidRecord.vendor_name)  # type: ignore[misc]
                                                .where(BidRecord.tender_id == tender_id)
                                                .order_by(BidRecord.vendor_id))]

    def bidset(self, actor: Actor, tender_id: int) -> BidSet:
        """The tender's bids in vendor_id order, as the actor may see them.

        Through a panel seat (:meth:`_view`): only after declaring for every bidder, never a bidder they declared
        a conflict with, and no price while the tender hides prices and the seat has not submitted.
        """
        with self.db.read() as s:
            record, roles = self._open(s, actor, tender_id, Action.READ_BIDS)  # declared first, through a seat
            return self._bidset(s, record, self._view(s, actor, record, roles).seat)

    def bids_to_score(self, actor: Actor, tender_id: int) -> list[tuple[str, str]]:
        """(vendor_id, name) of the bids the actor scores on this panel, in vendor_id order: the valid bids, less
        those they declared a conflict with — what their grid holds and ``submit`` expects. After declaring only;
        it tells which bids are valid, never a price (two envelopes)."""
        with self.db.read() as s:
            record, roles = self._open(s, actor, tender_id, Action.READ_BIDS)
            seat = self._seat(s, actor, tender_id)
            if seat is None:
                raise RightRefused(actor, roles, Action.SCORE, tender_id, "no_seat")
            self._check_declared(s, actor, record, roles, seat)
            return self._bids_scored_by(s, record, seat.name)

    def _bids_scored_by(self, s: Session, record: TenderRecord, judge: str) -> list[tuple[str, str]]:
        """(vendor_id, name) of the bids ``judge`` scores, in vendor_id order (:func:`~bideval.workflow.scored_by`)."""
        return scored_by(self._evaluated(s, record, None)[2], judge)

    def score_sheet(self, actor: Actor, tender_id: int, judge: str, lang: str = "zh") -> bytes:
        """A judge's blank score sheet (.xlsx bytes) for procurement or the chair to hand out: one row per panel
        criterion and bid that judge scores — the bids of their grid (:meth:`bids_to_score`), so none they are recused
        from and none out after a pass mark, which :meth:`import_score_sheet` would refuse — with the agreed tiers."""
        from .scoresheet import write_score_sheet

        with self.db.read() as s:
            record, roles = self._open(s, actor, tender_id, Action.EXPORT)
            name = seat_name(judge)
            bidset, panel, result = self._evaluated(s, record, None)
            scored = {v for v, _ in scored_by(result, name)}
        out = BytesIO()
        write_score_sheet(self._rubric_of(record), [b for b in bidset.bids if b.vendor_id in scored],
                          dict(panel.tiers), name, out, lang, _tender_mark(record))
        return out.getvalue()

    def _bidset(self, s: Session, record: TenderRecord, seat: JudgeRecord | None) -> BidSet:
        rubric = self._rubric_of(record)
        rows = s.execute(select(BidRecord.vendor_id, BidRecord.vendor_name, BidRecord.values_json,
                                BidRecord.file_name, BidRecord.sheet, BidRecord.cells_json, BidRecord.row,
                                BidRecord.sha256, BidRecord.made_from)
                         .where(BidRecord.tender_id == record.id).order_by(BidRecord.vendor_id)).all()
        hidden: set[str] = set()
        price_fields: set[str] = set()
        sealed = seat is not None and record.hide_prices and seat.submitted_at is None
        if seat is not None:
            hidden = set(s.execute(select(DeclarationRecord.vendor_id).where(
                DeclarationRecord.tender_id == record.id, DeclarationRecord.judge == seat.name,
                DeclarationRecord.conflict.is_(True))).scalars())
            if sealed:
                price_fields = {f.id for f in rubric.price_fields}
        bids = []
        read_from: dict[tuple[str, str], list[Bid]] = {}  # the bids on record of each file (name, SHA-256)
        made_from: dict[tuple[str, str], str] = {}  # a file made from another version of the rubric: that version
        for vendor_id, name, values_json, file_name, sheet, cells_json, row, digest, version in rows:
            if vendor_id in hidden:
                continue
            values = decode_values(rubric, values_json)
            values.update({f: None for f in price_fields})
            bids.append(Bid(vendor_id, name, bool(values.get("sme")), values, file_name, sheet,
                            json.loads(cells_json), row))
            read_from.setdefault((file_name, digest), []).append(bids[-1])
            if version is not None and version != rubric.text_sha256:
                made_from[file_name, digest] = version
        # the bid files by name, as the command line lists them, each with the warnings reading it gave (a field its
        # sheet has no column for, made from another rubric version) as its bids on record still give them: a bid
        # replaced or removed takes them with it
        by_name = sorted(read_from)
        files = {name + digest: InputFile(name, digest, "bids") for name, digest in by_name}
        warnings = one_warning_per_version([
            w for key in by_name for w in (*unplaced_fields(rubric, read_from[key]),
                                           *([made_from_warning(key[0], rubric, "bids", made_from[key])]
                                             if key in made_from else []))])
        shown = {b.vendor_id for b in bids}
        for vendor_id, name, digest, envelope in s.execute(  # documents: listed in the Audit sheet with their hash
                select(DocumentRecord.vendor_id, DocumentRecord.name, DocumentRecord.sha256, DocumentRecord.envelope)
                .where(DocumentRecord.tender_id == record.id).order_by(DocumentRecord.vendor_id, DocumentRecord.name)):
            if vendor_id in shown and not (sealed and envelope == Envelope.PRICE.value):
                files.setdefault(f"{vendor_id}/{name}" + digest, InputFile(f"{vendor_id}/{name}", digest, "document"))
        return BidSet(tuple(bids), tuple(files.values()), tuple(warnings))

    def bid_file(self, actor: Actor, tender_id: int, vendor_id: str) -> tuple[str, bytes] | None:
        """The original workbook a vendor's bid came from (procurement, chair; observer once final); through a panel
        seat as the bids are read (:meth:`_view`), and never while it seals prices (the workbook holds them)."""
        with self.db.read() as s:
            record, roles = self._open(s, actor, tender_id, Action.READ_PANEL, partial=True)
            seat = self._view(s, actor, record, roles).seat  # declared for every bidder: _open checked
            if seat is not None:
                recused = s.execute(select(DeclarationRecord.id).where(
                    DeclarationRecord.tender_id == tender_id, DeclarationRecord.judge == seat.name,
                    DeclarationRecord.vendor_id == vendor_id, DeclarationRecord.conflict.is_(True))).first()
                if recused:
                    raise RightRefused(actor, roles, Action.READ_BIDS, tender_id, "recused", vendor_id=vendor_id)
                if record.hide_prices and seat.submitted_at is None:
                    raise RightRefused(actor, roles, Action.READ_BIDS, tender_id, "prices_sealed")
            row = s.execute(select(BidRecord.file_name, BidRecord.content).where(
                BidRecord.tender_id == tender_id, BidRecord.vendor_id == vendor_id)).first()
        return (row[0], row[1]) if row else None

    # -- panel
    def judges(self, actor: Actor, tender_id: int) -> list[str]:
        """The panel's seats in the order they were added."""
        with self.db.read() as s:
            self._open(s, actor, tender_id, Action.READ_TENDER)
            return self._judges(s, tender_id)

    def panel_roles(self, actor: Actor, tender_id: int) -> dict[str, str]:
        """The panel's seats in the order they were added, each with the member's role on the panel that the Judges
        sheet gave it in brackets after the name ("": none); a list of the panel shows them as the report and workbook
        do, :func:`~bideval.labels.with_role` (王评委（组长）)."""
        with self.db.read() as s:
            self._open(s, actor, tender_id, Action.READ_TENDER)
            return {name: role or "" for name, role in self._seats(s, tender_id).items()}

    @staticmethod
    def _seats(s: Session, tender_id: int) -> dict[str, str | None]:
        """The panel's seats in the order they were added, each with the member's role (None: none)."""
        return {name: role for name, role in s.execute(
            select(JudgeRecord.name, JudgeRecord.role).where(JudgeRecord.tender_id == tender_id)
            .order_by(JudgeRecord.id))}

    @staticmethod
    def _judges(s: Session, tender_id: int) -> list[str]:
        return list(s.execute(select(JudgeRecord.name).where(JudgeRecord.tender_id == tender_id)
                              .order_by(JudgeRecord.id)).scalars())

    def add_judge(self, actor: Actor, tender_id: int, name: str) -> str:
        """Add a seat to the panel (a trimmed NFKC name, held by no account yet); adding one twice is harmless."""
        name = seat_name(name)
        with self.db.write() as s:
            record, _ = self._open(s, actor, tender_id, Action.MANAGE_PANEL, lock=True)
            known = s.execute(select(JudgeRecord.id).where(JudgeRecord.tender_id == tender_id,
                                                           JudgeRecord.name == name)).first()
            if not known:
                s.add(JudgeRecord(tender_id=tender_id, name=name))
                self._touch(s, record, actor, "add_judge", name)
        return name

    def remove_judge(self, actor: Actor, tender_id: int, name: str, reason: str = "") -> None:
        """Take a seat off the panel with its declarations and scores (procurement or the chair, while the panel may
        change); its account, if any, no longer sits on the panel.

        A seat that has declared or scored needs the reason, kept in the audit trail with every score removed. This
        is how a seat's work leaves the panel: such a seat is never handed to another account (:func:`grant`), a new
        seat is added for the new judge instead.
        """
        name, reason = judge_name(name), typed(reason)
        with self.db.write() as s:
            record, _ = self._open(s, actor, tender_id, Action.MANAGE_PANEL, lock=True)
            seat = s.execute(select(JudgeRecord).where(JudgeRecord.tender_id == tender_id,
                                                       JudgeRecord.name == name)).scalar_one_or_none()
            if seat is None:
                raise BidEvalError.coded("store.no_seat", judge=name, tender=tender_id)
            work = seat_work(s, tender_id, name)
            if any(work.values()) and not reason:
                raise BidEvalError.coded("store.reason_needed", what="remove_judge", judge=name, **work)
            removed = [f"{r.vendor_id} {r.criterion} {r.score or '-'}" for r in s.execute(
                select(ScoreRecord).where(ScoreRecord.tender_id == tender_id, ScoreRecord.judge == name)
                .order_by(ScoreRecord.vendor_id, ScoreRecord.criterion)).scalars()]
            holder = s.get(AccountRecord, seat.account_id) if seat.account_id is not None else None
            for model in (ScoreRecord, DeclarationRecord):
                s.execute(delete(model).where(model.tender_id == tender_id, model.judge == name))
            s.delete(seat)
            self._touch(s, record, actor, "remove_judge", name,
                        old=f"{work['declarations']} declarations, {work['scores']} scores", reason=reason,
                        detail=f"{_held_by(holder.username if holder else '-')}scores removed: "
                               f"{'; '.join(removed) or '-'}")
            self._void_findings(s, record, actor, "the judge was removed", reason, judges=(name,))

    def seat_lost(self, actor: Actor, tender_id: int) -> SeatLost | None:
        """How the actor's panel seat on the tender was last taken from them, while they hold none there now: their
        judge role taken back (``take_role``) or the seat removed from the panel (``remove_judge``, with its reason),
        by whom and when, from the audit trail. None for an actor who holds a seat, or never lost one: nothing is said
        about a tender they had no part in. The judge typing in their grid meanwhile is told why it was not saved
        (app8 A8-3: they read that the tender did not exist)."""
        with self.db.read() as s:
            username = username_of(s, actor)
            if username is None or self._seat(s, actor, tender_id) is not None:
                return None
            taken = (AuditEvent.action == "take_role") & (AuditEvent.subject == username) \
                & (AuditEvent.old_value == Role.JUDGE.value)
            removed = (AuditEvent.action == "remove_judge") & AuditEvent.detail.startswith(_held_by(username),
                                                                                          autoescape=True)
            event = s.execute(select(AuditEvent).where(AuditEvent.chain == audit.tender_chain(tender_id),
                                                       taken | removed)
                              .order_by(AuditEvent.seq.desc()).limit(1)).scalar_one_or_none()
            if event is None:
                return None
            if event.action == "take_role":
                return SeatLost(tender_id, event.actor, event.at)
            return SeatLost(tender_id, event.actor, event.at, removed=True, seat=event.subject, reason=event.reason)

    def my_seat(self, actor: Actor, tender_id: int) -> str | None:
        """The actor's name on the tender's panel, if they hold a seat."""
        with self.db.read() as s:
            seat = self._seat(s, actor, tender_id)
            return seat.name if seat else None

    def seat(self, actor: Actor, tender_id: int) -> Seat | None:
        """The actor's own panel seat on the tender — its name and when they submitted — if they hold one."""
        with self.db.read() as s:
            seat = self._seat(s, actor, tender_id)
            return Seat(seat.name, seat.submitted_at) if seat else None

    def tiers(self, actor: Actor, tender_id: int) -> dict[tuple[str, str], str]:
        """Agreed tiers by (vendor_id, criterion)."""
        return {k: v[0] for k, v in self.tier_versions(actor, tender_id).items()}

    def tier_versions(self, actor: Actor, tender_id: int) -> dict[tuple[str, str], tuple[str, int]]:
        """Agreed tiers with the version a caller passes back to change one."""
        with self.db.read() as s:
            _, roles = self._open(s, actor, tender_id, Action.READ_TENDER)
            if roles and roles <= {Role.OBSERVER}:  # the panel's work, which an observer reads once the result is final
                self._open(s, actor, tender_id, Action.READ_PANEL)
            rows = s.execute(select(TierRecord.vendor_id, TierRecord.criterion, TierRecord.tier, TierRecord.version)
                             .where(TierRecord.tender_id == tender_id)).all()
        return {(v, c): (t, n) for v, c, t, n in rows}

    def set_tier(self, actor: Actor, tender_id: int, vendor_id: str, criterion_id: str, tier_id: str | None,
                 expected_version: int | None = None) -> None:
        """Record (or clear, with None) the agreed tier; refused when a score already given lies outside it.

        ``expected_version``: the tier's version the caller saw (0: none yet); WriteConflict when it moved since.
        """
        with self.db.write() as s:
            record, roles = self._open(s, actor, tender_id, Action.SET_TIER, lock=True)
            self._refuse_recused(s, actor, tender_id, vendor_id, criterion_id, "tier")
            rubric = self._rubric_of(record)
            criterion = rubric.criterion_index.get(criterion_id)
            if not isinstance(criterion, Tiered):
                raise ScoreRefused.coded("score.not_tiered", criterion=criterion_id)
            named = Named(criterion.id, criterion.name)
            tier = criterion.tier(tier_id) if tier_id else None
            if tier_id and tier is None:
                raise TierRefused.coded("score.unknown_tier", tier=tier_id, criterion=named, vendor_id=vendor_id)
            current = s.execute(select(TierRecord).where(TierRecord.tender_id == tender_id,
                                                         TierRecord.vendor_id == vendor_id,
                                                         TierRecord.criterion == criterion_id)).scalar_one_or_none()
            seen = current.version if current else 0
            if expected_version is not None and expected_version != seen:
                raise WriteConflict("tier", expected_version, seen, current.tier if current else None,
                                    vendor_id=vendor_id, criterion=named, typed=tier_id or None,
                                    tiers=tuple(Named(t.id, t.label) for t in criterion.tiers))
            if tier is not None:
                scores = s.execute(select(ScoreRecord.judge, ScoreRecord.score).where(
                    ScoreRecord.tender_id == tender_id, ScoreRecord.vendor_id == vendor_id,
                    ScoreRecord.criterion == criterion_id, ScoreRecord.score.is_not(None))).all()
                outside = tuple((j, Decimal(v)) for j, v in scores if v is not None and not tier.contains(Decimal(v)))
                if outside:
                    view = self._view(s, actor, record, roles)
                    shown = outside if view.panel else tuple(  # a chair still scoring is told only their own
                        (j, v) for j, v in outside if view.seat is not None and j == view.seat.name)
                    raise TierRefused.coded("score.scores_outside_tier", tier=tier, scores=shown, criterion=named,
                                            vendor_id=vendor_id, others=len(outside) - len(shown))
            old = current.tier if current else None
            if tier is None:
                if current is not None:
                    s.delete(current)
            elif current is None:
                s.add(TierRecord(tender_id=tender_id, vendor_id=vendor_id, criterion=criterion_id, tier=tier.id,
                                 version=1))
            else:
                current.tier, current.version = tier.id, current.version + 1
            self._touch(s, record, actor, "set_tier", f"{vendor_id} {criterion_id}", old, tier.id if tier else None)

    def scores(self, actor: Actor, tender_id: int, judge: str | None = None) -> list[ScoreEntry]:
        """Scores of the tender (of one judge when given). Whoever holds a seat that has not submitted — a judge, or
        a chair or procurement officer who also scores — reads only their own (:meth:`_view`)."""
        with self.db.read() as s:
            record, roles = self._open(s, actor, tender_id, Action.READ_TENDER)
            query = select(ScoreRecord).where(ScoreRecord.tender_id == tender_id)
            view = self._view(s, actor, record, roles)
            if not view.panel:
                seat = view.seat
                if seat is None:
                    raise RightRefused(actor, roles, Action.READ_PANEL, tender_id)
                if judge is not None and judge_name(judge) != seat.name:
                    raise RightRefused(actor, roles, Action.READ_PANEL, tender_id, "blind")
                judge = seat.name
            if judge is not None:
                query = query.where(ScoreRecord.judge == judge_name(judge))
            return [ScoreEntry(r.judge, r.vendor_id, r.criterion, r.score, r.comment, r.version)
                    for r in s.execute(query.order_by(ScoreRecord.id)).scalars()]

    def set_score(self, actor: Actor, tender_id: int, vendor_id: str, criterion_id: str, score: Decimal | None,
                  comment: str = "", expected_version: int | None = None) -> int:
        """Save the actor's own score as entered, inside the agreed tier; returns the score's new version.

        ScoreRefused (with what was typed and the allowed range), RightRefused (not a judge here, or submitted),
        WriteConflict when ``expected_version`` (0: no score yet) is not the version stored now.
        """
        with self.db.write() as s:
            record, roles, seat = self._open_seat(s, actor, tender_id, Action.SCORE)
            return self._write_score(s, record, actor, seat.name, vendor_id, criterion_id, score, comment,
                                     expected_version)

    def _write_score(self, s: Session, record: TenderRecord, actor: Actor, judge: str, vendor_id: str,
                     criterion_id: str, score: Decimal | None, comment: str, expected_version: int | None) -> int:
        """Check and write one score inside the caller's locked transaction."""
        rubric = self._rubric_of(record)
        bid = s.execute(select(BidRecord.id).where(BidRecord.tender_id == record.id,
                                                   BidRecord.vendor_id == vendor_id)).first()
        if not bid:
            raise ScoreRefused.coded("score.no_bid", vendor_id=vendor_id, criterion=criterion_id)
        declared = s.execute(select(DeclarationRecord.conflict).where(
            DeclarationRecord.tender_id == record.id, DeclarationRecord.judge == judge,
            DeclarationRecord.vendor_id == vendor_id)).scalar_one_or_none()
        if declared is None:
            raise ScoreRefused.coded("score.not_declared", vendor_id=vendor_id, criterion=criterion_id)
        if declared:
            raise ScoreRefused.coded("score.recused", vendor_id=vendor_id, criterion=criterion_id)
        raise_if_refused(rubric, criterion_id, _agreed_tier(s, record, vendor_id, criterion_id), score)
        current = s.execute(select(ScoreRecord).where(ScoreRecord.tender_id == record.id, ScoreRecord.judge == judge,
                                                      ScoreRecord.vendor_id == vendor_id,
                                                      ScoreRecord.criterion == criterion_id)).scalar_one_or_none()
        seen = current.version if current else 0
        if expected_version is not None and expected_version != seen:
            raise WriteConflict("score", expected_version, seen, current.score if current else None, judge=judge,
                                vendor_id=vendor_id, criterion=_named(rubric, criterion_id), typed=_text(score))
        old = current.score if current else None
        comment = typed(comment)  # filed as a score sheet's comment is, whichever way it came in
        if current is None:
            current = ScoreRecord(tender_id=record.id, judge=judge, vendor_id=vendor_id, criterion=criterion_id,
                                  score=_text(score), comment=comment, updated_at=self.db.clock(), version=1)
            s.add(current)
        else:
            current.score, current.comment = _text(score), comment
            current.updated_at, current.version = self.db.clock(), current.version + 1
        self._touch(s, record, actor, "set_score", f"{judge} {vendor_id} {criterion_id}", old, _text(score),
                    detail=comment)
        if _number(old) != score:
            self._void_findings(s, record, actor, f"the score changed: {old or '-'} → {_text(score) or '-'}",
                                scores=((judge, vendor_id, criterion_id),))
        return current.version

    # -- conflicts of interest
    def declare(self, actor: Actor, tender_id: int, conflicts: Mapping[str, str],
                noted: Mapping[str, str] | None = None) -> None:
        """The actor's declaration for every bidder not declared yet: a conflict (vendor → note) or none.

        A declaration, once made, stays; a bidder added later needs its own declaration. A conflict with a bidder the
        seat already holds scores for (a panel workbook gave them) is refused, naming them, and nothing is declared:
        a recused judge has no score for that bidder, so the chair removes them first. ``noted``: what was typed as
        the note beside bidders not declared a conflict (vendor → note); a note there is refused, naming them by name
        and code, and nothing is declared (app8: a judge who wrote 本人近三年曾在该公司任职 without ticking the box was
        filed as no conflict, the note dropped, and given that bidder to score; a declaration cannot be changed); a
        note that says there is none (:func:`says_no_conflict`: 无, 与该公司无关联, N/A) is filed with the declaration
        of no conflict, kept as written (hostile11 H11-14: the usual 回避声明 wording had been refused).
        """
        conflicts = {vendor: typed(note) for vendor, note in conflicts.items()}
        kept = {v: said for v, note in (noted or {}).items() if v not in conflicts and (said := typed(note))}
        with self.db.write() as s:
            record, roles, seat = self._open_seat(s, actor, tender_id, Action.DECLARE)
            names = {vendor: name for vendor, name in s.execute(select(BidRecord.vendor_id, BidRecord.vendor_name)
                     .where(BidRecord.tender_id == tender_id).order_by(BidRecord.vendor_id))}
            vendors = list(names)
            unticked = tuple(sorted(v for v, note in kept.items() if not says_no_conflict(note)))
            if unticked:
                raise BidEvalError.coded("store.note_without_conflict", vendors=unticked,
                                         names={v: names[v] for v in unticked if v in names})
            unknown = sorted(set(conflicts) - set(vendors))
            if unknown:
                raise BidEvalError.coded("store.no_bids", vendors=tuple(unknown), tender=tender_id)
            unsaid = tuple(sorted(v for v, note in conflicts.items() if not note))
            if unsaid:  # a recusal the chair and the file can account for: what the conflict is
                raise BidEvalError.coded("store.reason_needed", what="conflict", vendors=unsaid)
            done = set(s.execute(select(DeclarationRecord.vendor_id).where(
                DeclarationRecord.tender_id == tender_id, DeclarationRecord.judge == seat.name)).scalars())
            rubric = self._rubric_of(record)
            held = tuple((r.vendor_id, _named(rubric, r.criterion), r.score) for r in s.execute(
                select(ScoreRecord).where(ScoreRecord.tender_id == tender_id, ScoreRecord.judge == seat.name,
                                          ScoreRecord.vendor_id.in_(set(conflicts) - done),
                                          ScoreRecord.score.is_not(None))
                .order_by(ScoreRecord.vendor_id, ScoreRecord.id)).scalars())
            if held:  # a panel workbook gave the seat scores for a bidder its judge now says they may not score
                raise BidEvalError.coded("store.recusal_over_scores", judge=seat.name, scores=held)
            now = self.db.clock()
            for vendor in vendors:
                if vendor in done:
                    continue
                conflict = vendor in conflicts
                note = conflicts.get(vendor, "") if conflict else kept.get(vendor, "")
                s.add(DeclarationRecord(tender_id=tender_id, judge=seat.name, vendor_id=vendor, conflict=conflict,
                                        note=note, declared_at=now))
                self._touch(s, record, actor, "declare", f"{seat.name} {vendor}", None,
                            "conflict" if conflict else "no conflict", detail=note)

    def declarations(self, actor: Actor, tender_id: int) -> list[Declaration]:
        """Declarations made: every judge's for the chair and procurement, one's own for a judge."""
        with self.db.read() as s:
            record, roles = self._open(s, actor, tender_id, Action.READ_TENDER)
            query = select(DeclarationRecord).where(DeclarationRecord.tender_id == tender_id)
            if not allowed(roles - {Role.JUDGE, Role.OBSERVER}, Action.READ_PANEL):
                seat = self._seat(s, actor, tender_id)
                query = query.where(DeclarationRecord.judge == (seat.name if seat else ""))
            return [Declaration(d.judge, d.vendor_id, d.conflict, d.note, d.declared_at)
                    for d in s.execute(query.order_by(DeclarationRecord.id)).scalars()]

    def recusals(self, actor: Actor, tender_id: int) -> list[Declaration]:
        """Who is recused from which bidder (a declared conflict of interest)."""
        return [d for d in self.declarations(actor, tender_id) if d.conflict]

    # -- evaluation
    def _panel_input(self, s: Session, tender_id: int, only: str | None = None,
                     whole: Result | None = None) -> PanelInput:
        """The panel as the engine takes it; ``only``: one judge's own scores, and no consensus, with what ``whole``
        (the whole panel's result) settles: the bids it still scores left open at a pass mark, those it has settled
        out at one out (:class:`~bideval.panel_input.PanelInput`)."""
        seats = self._seats(s, tender_id)
        judges = tuple(seats)
        query = select(ScoreRecord.judge, ScoreRecord.vendor_id, ScoreRecord.criterion, ScoreRecord.score,
                       ScoreRecord.comment).where(ScoreRecord.tender_id == tender_id)
        if only is not None:
            judges = (only,)
            query = query.where(ScoreRecord.judge == only)
        rows = s.execute(query.order_by(ScoreRecord.id)).all()  # plain rows: thousands of scores on every rerun
        scores = tuple(Score(judge, vendor, criterion, None if score is None else Decimal(score), comment)
                       for judge, vendor, criterion, score, comment in rows)
        tiers = {(v, c): t for v, c, t in s.execute(select(TierRecord.vendor_id, TierRecord.criterion, TierRecord.tier)
                                                     .where(TierRecord.tender_id == tender_id))}
        recused = _recusals(s, tender_id)
        consensus = {} if only is not None else {k: a.score for k, a in _agreed_scores(s, tender_id).items()}
        files = () if only is not None else _panel_workbook(s, tender_id)
        roles = {judge: role for judge, role in seats.items() if role}
        panel = PanelInput(judges, scores, tiers, recused=recused, consensus=consensus, files=files, roles=roles)
        if only is None or whole is None:
            return panel
        return replace(panel, own_of=only, open_stages=frozenset(v for v, _ in panel_bids(whole)),
                       settled_out={b.vendor_id: b.stage.group for b in whole.invalid
                                    if b.stage is not None and not b.stage.incomplete})

    def panel_input(self, actor: Actor, tender_id: int) -> PanelInput:
        """The whole panel as the engine takes it (for those who may read every score)."""
        with self.db.read() as s:
            record, roles = self._open(s, actor, tender_id, Action.READ_TENDER)
            view = self._view(s, actor, record, roles)
            if not view.panel:
                raise RightRefused(actor, roles, Action.READ_PANEL, tender_id, "blind" if view.blind else "")
            return self._panel_input(s, tender_id)

    def evaluate(self, actor: Actor, tender_id: int) -> Result:
        """The whole evaluation as it stands, read in one snapshot (for those who may read every score)."""
        with self.db.read() as s:
            record, _ = self._open(s, actor, tender_id, Action.READ_RESULT)
            return self._evaluate(s, record, None)

    def result_for(self, actor: Actor, tender_id: int) -> Result:
        """The evaluation the actor may read: the whole one, or — for a seat that has not submitted, whatever its
        holder's other roles — one made from their own scores only (no other judge's score, no panel mean, no
        deviations, no outliers).

        The results page and every download call this.
        """
        with self.db.read() as s:
            record, roles = self._open(s, actor, tender_id, Action.READ_RESULT, partial=True)
            view = self._view(s, actor, record, roles)
            if view.panel:
                return self._evaluate(s, record, None)
            seat = view.seat  # declared for every bidder: _open checked
            if seat is None:
                raise RightRefused(actor, roles, Action.READ_RESULT, tender_id)
            if record.hide_prices:
                raise RightRefused(actor, roles, Action.READ_RESULT, tender_id, "prices_sealed")
            return self._evaluate(s, record, seat)

    def _evaluate(self, s: Session, record: TenderRecord, seat: JudgeRecord | None) -> Result:
        return self._evaluated(s, record, seat)[2]

    def _evaluated(self, s: Session, record: TenderRecord,
                   seat: JudgeRecord | None) -> tuple[BidSet, PanelInput, Result]:
        """The bids and panel as stored (as ``seat`` may see them) and the evaluation they give.

        ``seat``'s own scores do not settle a pass mark: a bid the whole panel still scores (its grid, what submitting
        asks) stays unsettled in the seat's own result, so what that result says they owe is what submitting asks
        (seat15: their own 1s had put every QCBS bid out, the result final and nothing owed, submitting refused
        for 4 scores). Nor does it undo what the panel settles: a bid the panel has settled out at a pass mark is out of
        it, and it is provisional, always (the panel's cannot be finalised before the seat submits). It learns which
        bids the panel still scores, as the grid does, and which it has settled out; never a score of another."""
        bidset = self._bidset(s, record, seat)
        if seat is None:
            panel = self._panel_input(s, record.id)
        else:
            panel = self._panel_input(s, record.id, seat.name, self._evaluated(s, record, None)[2])
        rubric_file = InputFile(record.rubric_source, record.rubric_sha256, "rubric")
        return bidset, panel, evaluate(self._rubric_of(record), bidset, panel, rubric_file=rubric_file)


    # -- panel workbooks
    def _read_workbook(self, s: Session, record: TenderRecord, name: str, content: bytes,
                       app_tiers: bool = False, members: Iterable[str] = ()) -> PanelInput:
        """A panel workbook read against the tender's rubric and bids; PanelError names the upload, not a temp path.
        A score sheet made for another tender is refused (:func:`~bideval.rubric_mark.other_tender`), in the
        transaction of the write it guards."""
        rubric = self._rubric_of(record)
        bids = self._bidset(s, record, None).bids
        checks = check_bids(rubric, bids)
        invalid = [v for v, c in checks.items() if not c.valid]
        agreed = {(v, c): t for v, c, t in s.execute(select(TierRecord.vendor_id, TierRecord.criterion,
                                                             TierRecord.tier)
                                                      .where(TierRecord.tender_id == record.id))}
        with tempfile.TemporaryDirectory(prefix="bideval-panel-") as folder:
            path = Path(folder) / (Path(name).name or "panel.xlsx")
            path.write_bytes(content)
            shown = str(path)
            try:
                panel = read_panel(rubric, bids, invalid, [path], agreed_tiers=agreed if app_tiers else None,
                                   exact_decimals=True, apart=True, tender=_tender_mark(record), members=members)
            except PanelError as error:
                raise PanelError([p.renamed(shown, path.name) for p in error.problems]) from None
        return replace(panel, warnings=tuple(w.renamed(shown, path.name) for w in panel.warnings))

    def preview_replace_panel(self, actor: Actor, tender_id: int, name: str, content: bytes) -> PanelReplacement:
        """What replacing the whole panel (judges, tiers, scores) with a workbook's would remove and bring."""
        with self.db.read() as s:
            record, roles = self._open(s, actor, tender_id, Action.REPLACE_PANEL)
            return self._replacement(s, actor, roles, record, name, content)

    def _replacement(self, s: Session, actor: Actor, roles: frozenset[Role], record: TenderRecord, name: str,
                     content: bytes) -> PanelReplacement:
        panel = self._read_workbook(s, record, name, content)
        recused = _recusals(s, record.id)
        refused = [x for x in panel.scores if x.score is not None and (x.judge, x.vendor_id) in recused]
        if refused:  # a seat kept by name keeps its declarations: its judge still does not score that bidder
            raise PanelError([_undeclared_score(Path(name).name, x, True) for x in refused])
        judges = self._judges(s, record.id)
        scores = s.execute(select(func.count(ScoreRecord.id)).where(ScoreRecord.tender_id == record.id)).scalar_one()
        tiers = {(v, c): t for v, c, t in s.execute(select(TierRecord.vendor_id, TierRecord.criterion, TierRecord.tier)
                                                     .where(TierRecord.tender_id == record.id))}
        changed = sum(1 for k in set(tiers) | set(panel.tiers) if tiers.get(k) != panel.tiers.get(k))
        return PanelReplacement(Path(name).name, hashlib.sha256(content).hexdigest(), record.version,
                                tuple(j for j in judges if j not in panel.judges),
                                tuple(j for j in panel.judges if j not in judges), scores,
                                sum(1 for x in panel.scores), changed, panel.warnings)

    def replace_panel(self, actor: Actor, tender_id: int, name: str, content: bytes,
                      confirmed: PanelReplacement) -> tuple[Problem, ...]:
        """Replace the panel's seats, tiers and scores with a workbook's, as previewed and confirmed.

        WriteConflict when the panel changed since the preview; PanelError leaves everything as it was.
        Seats keep the accounts that held them when the same name comes back.
        """
        with self.db.write() as s:
            record, roles = self._open(s, actor, tender_id, Action.REPLACE_PANEL, lock=True)
            now = self._replacement(s, actor, roles, record, name, content)
            if now != confirmed:
                raise WriteConflict("panel", confirmed.version, record.version, preview=True)
            panel = self._read_workbook(s, record, name, content)
            holders = {name: (holder, last) for name, holder, last in s.execute(
                select(JudgeRecord.name, JudgeRecord.account_id, JudgeRecord.last_account_id)
                .where(JudgeRecord.tender_id == tender_id))}
            before = {(r.judge, r.vendor_id, r.criterion): r.score for r in s.execute(
                select(ScoreRecord).where(ScoreRecord.tender_id == tender_id)
                .order_by(ScoreRecord.judge, ScoreRecord.vendor_id, ScoreRecord.criterion)).scalars()}
            removed = [f"{j} {v} {c} {score or '-'}" for (j, v, c), score in before.items()]
            for model in (JudgeRecord, TierRecord, ScoreRecord):
                s.execute(delete(model).where(model.tender_id == tender_id))
            for judge in panel.judges:
                holder, last = holders.get(judge, (None, None))
                s.add(JudgeRecord(tender_id=tender_id, name=judge, account_id=holder, last_account_id=last,
                                  role=panel.roles.get(judge) or None))
            for (vendor_id, criterion), tier in panel.tiers.items():
                s.add(TierRecord(tender_id=tender_id, vendor_id=vendor_id, criterion=criterion, tier=tier, version=1))
            stamp = self.db.clock()
            for score in panel.scores:
                s.add(ScoreRecord(tender_id=tender_id, judge=score.judge, vendor_id=score.vendor_id,
                                  criterion=score.criterion, score=_text(score.score), comment=score.comment,
                                  updated_at=stamp, version=1))
            record.panel_file, record.panel_sha256 = confirmed.file, confirmed.sha256
            self._touch(s, record, actor, "replace_panel", confirmed.file,
                        old=f"{len(holders)} judges, {confirmed.scores_removed} scores",
                        new=f"{len(panel.judges)} judges, {len(panel.scores)} scores",
                        detail=f"sha256={confirmed.sha256}; removed judges: {', '.join(confirmed.judges_removed) or '-'}"
                               f"; judges: {', '.join(with_role(j, panel.roles.get(j, '')) for j in panel.judges) or '-'}"
                               f"; scores removed: {'; '.join(removed) or '-'}")
            after = {(x.judge, x.vendor_id, x.criterion): x.score for x in panel.scores}
            changed = {k for k in before.keys() | after.keys() if _number(before.get(k)) != after.get(k)}
            self._void_findings(s, record, actor, f"the panel was replaced by {confirmed.file}",
                                judges=[j for j in holders if j not in panel.judges], scores=changed)
            return panel.warnings

    def preview_score_sheet(self, actor: Actor, tender_id: int, judge: str, name: str, content: bytes) -> SheetPreview:
        """What importing ``judge``'s returned score sheet would change: only that judge's scores, against the
        tiers agreed in the app (the sheet needs no Tiers sheet; rows of other judges are refused, and so are rows
        whose bidder or criterion name is another's, by the command line's own check, ``_PanelReader.names_agree``)."""
        with self.db.read() as s:
            record, roles = self._open(s, actor, tender_id, Action.IMPORT_SCORES)
            return self._sheet_preview(s, actor, roles, record, judge, name, content)

    def _sheet_preview(self, s: Session, actor: Actor, roles: frozenset[Role], record: TenderRecord, judge: str,
                       name: str, content: bytes) -> SheetPreview:
        judge = judge_name(judge)
        if not s.execute(select(JudgeRecord.id).where(JudgeRecord.tender_id == record.id,
                                                      JudgeRecord.name == judge)).first():
            raise BidEvalError.coded("store.no_seat", judge=judge, tender=record.id)
        view = self._view(s, actor, record, roles)
        if view.blind and view.seat is not None and judge != view.seat.name:  # a preview shows a judge's scores
            raise RightRefused(actor, roles, Action.IMPORT_SCORES, record.id, "blind")
        locked = self._locked(_Standing(s, actor, record, self.db.clock()), Action.IMPORT_SCORES, (judge,))
        if locked is not None:
            raise locked
        # the seats are the members: a judge's workbook listing the panel (评委名单) adds nobody
        panel = self._read_workbook(s, record, name, content, app_tiers=True, members=self._judges(s, record.id))
        others = sorted({x.judge for x in panel.scores if x.judge != judge})
        if others:
            raise PanelError([Problem.of("panel.other_judges", Path(name).name, "Scores", judge=judge,
                                         others=tuple(others))])
        # A blank cell keeps what is stored, a score's and a comment's alike: the sheet handed out shows neither, so an
        # empty cell is not the judge clearing it (that is done in the grid). A row with a comment and no score keeps
        # the comment, with the stored score, if any.
        given = [x for x in panel.scores if x.score is not None or x.comment]
        declared = dict(s.execute(select(DeclarationRecord.vendor_id, DeclarationRecord.conflict).where(
            DeclarationRecord.tender_id == record.id, DeclarationRecord.judge == judge)).all())
        undeclared = [_undeclared_score(Path(name).name, x, declared.get(x.vendor_id)) for x in given
                      if declared.get(x.vendor_id) is not False]
        if undeclared:  # told to the chair at the row now, not as the judge's own refusal when writing
            raise PanelError(undeclared)
        current = {(r.vendor_id, r.criterion): r for r in s.execute(select(ScoreRecord).where(
            ScoreRecord.tender_id == record.id, ScoreRecord.judge == judge)).scalars()}
        changes, same = [], 0
        for x in given:
            before = current.get((x.vendor_id, x.criterion))
            old = None if before is None or before.score is None else Decimal(before.score)
            old_comment = before.comment if before else ""
            new = old if x.score is None else x.score
            new_comment = x.comment or old_comment
            if old == new and old_comment == new_comment:
                same += 1
                continue
            changes.append(ScoreChange(x.vendor_id, x.criterion, old, new, old_comment, new_comment))
        return SheetPreview(judge, Path(name).name, hashlib.sha256(content).hexdigest(), record.version,
                            tuple(changes), same, panel.warnings, blank=len(panel.scores) - len(given))

    def import_score_sheet(self, actor: Actor, tender_id: int, confirmed: SheetPreview, content: bytes) -> int:
        """Write a previewed score sheet's changes as that judge's scores; WriteConflict when anything moved since.

        Each change is checked as a typed score would be (declarations, tier, decimals) and audited.
        """
        with self.db.write() as s:
            record, roles = self._open(s, actor, tender_id, Action.IMPORT_SCORES, lock=True)
            now = self._sheet_preview(s, actor, roles, record, confirmed.judge, confirmed.file, content)
            if now != confirmed:
                raise WriteConflict("sheet", confirmed.version, record.version, preview=True, judge=confirmed.judge)
            for change in confirmed.changes:
                self._write_score(s, record, actor, confirmed.judge, change.vendor_id, change.criterion, change.new,
                                  change.new_comment, None)
            return len(confirmed.changes)

    # -- the workflow
    def _stage(self, s: Session, record: TenderRecord, actor: Actor, to: Stage, reason: str = "") -> None:
        old = record.stage
        record.stage = to.value
        self._touch(s, record, actor, "stage", "", old, to.value, reason)

    def open_scoring(self, actor: Actor, tender_id: int) -> None:
        """setup → scoring: judges may declare and score."""
        with self.db.write() as s:
            record, _ = self._open(s, actor, tender_id, Action.OPEN_SCORING, lock=True)
            self._stage(s, record, actor, Stage.SCORING)

    def submit(self, actor: Actor, tender_id: int, changes: Sequence[PendingScore] = ()) -> None:
        """The actor submits their scores: every valid bid they are not recused from, every panel criterion.

        ``changes`` (a cell still being edited when the judge clicked submit) are saved first, in the same
        transaction, each checked as :meth:`set_score` checks it: one refused (its ScoreRefused, WriteConflict or
        RightRefused) saves nothing and submits nothing. Their scores lock; SubmitRefused lists every missing one.
        """
        with self.db.write() as s:
            record, roles, seat = self._open_seat(s, actor, tender_id, Action.SUBMIT)
            if changes:  # the right to change a score (not submitted, scoring open), as set_score asks it
                self._open_seat(s, actor, tender_id, Action.SCORE)
            for change in changes:
                self._write_score(s, record, actor, seat.name, change.vendor_id, change.criterion, change.score,
                                  change.comment, change.expected_version)
            if seat.submitted_at is not None:
                return
            _, _, result = self._evaluated(s, record, None)  # (the panel evaluated, not read again)
            missing = owed_by(result, seat.name)  # what the summary and report say the judge owes
            if missing:
                raise SubmitRefused(seat.name, missing)
            seat.submitted_at = self.db.clock()
            self._touch(s, record, actor, "submit", seat.name)

    def progress(self, actor: Actor, tender_id: int) -> Progress:
        """Scores given and due per judge and per valid bid (counts only), and who has submitted. It tells which bids
        are valid: through a seat, after declaring only (:meth:`_view`)."""
        with self.db.read() as s:
            record, roles = self._open(s, actor, tender_id, Action.READ_PANEL, partial=True)  # through a seat:
            # declared for every bidder
            _, panel, result = self._evaluated(s, record, None)
            seats = {j.name: j.submitted_at is not None for j in s.execute(
                select(JudgeRecord).where(JudgeRecord.tender_id == tender_id).order_by(JudgeRecord.id)).scalars()}
        valid = [v for v, _ in panel_bids(result)]  # and the bids below a pass mark the panel has yet to score
        criteria = [c.id for c in result.rubric.panel_criteria]
        given = {(x.judge, x.vendor_id, x.criterion) for x in result.panel_scores if x.score is not None}
        per_judge = tuple((j, sum(1 for v in valid for c in criteria if (j, v, c) in given),
                           sum(len(criteria) for v in valid if (j, v) not in panel.recused), done)
                          for j, done in seats.items())
        per_bid = tuple((v, sum(1 for j in seats for c in criteria if (j, v, c) in given),
                         sum(len(criteria) for j in seats if (j, v) not in panel.recused)) for v in valid)
        per_cell = tuple((v, c, sum(1 for j in seats if (j, v, c) in given)) for v in valid for c in criteria)
        return Progress(Stage(record.stage), per_judge, per_bid, per_cell)

    def close_scoring(self, actor: Actor, tender_id: int, reason: str = "") -> None:
        """scoring → review (the chair); with judges yet to submit, a reason is required."""
        reason = typed(reason)
        with self.db.write() as s:
            record, roles = self._open(s, actor, tender_id, Action.CLOSE_SCORING, lock=True)
            waiting = list(s.execute(select(JudgeRecord.name).where(JudgeRecord.tender_id == tender_id,
                                                                    JudgeRecord.submitted_at.is_(None))).scalars())
            if waiting and not reason:
                raise RightRefused(actor, roles, Action.CLOSE_SCORING, tender_id, "waiting", judges=tuple(waiting))
            self._stage(s, record, actor, Stage.REVIEW, reason)

    def record_finding(self, actor: Actor, tender_id: int, kind: FindingKind, vendor_id: str, text: str,
                       criterion: str = "", judge: str = "", expected_version: int | None = None) -> int:
        """The chair's written finding on a flag (outlier, abnormal-low price, incomplete); returns its version."""
        text = typed(text)
        if not text:
            raise BidEvalError.coded("store.reason_needed", what="finding")
        with self.db.write() as s:
            record, roles = self._open(s, actor, tender_id, Action.RECORD_FINDING, lock=True)
            current = s.execute(select(FindingRecord).where(
                FindingRecord.tender_id == tender_id, FindingRecord.kind == kind.value,
                FindingRecord.vendor_id == vendor_id, FindingRecord.criterion == criterion,
                FindingRecord.judge == judge)).scalar_one_or_none()
            seen = current.version if current else 0
            if expected_version is not None and expected_version != seen:
                raise WriteConflict("finding", expected_version, seen, current.text if current else None,
                                    kind=kind, vendor_id=vendor_id)
            old = current.text if current else None
            if current is None and not self._flag_may_be(s, record, Flag(kind, vendor_id, criterion, judge)):
                known = self._rubric_of(record).criterion_index.get(criterion)
                raise BidEvalError.coded("store.no_flag", kind=kind.value, vendor_id=vendor_id, judge=judge,
                                         criterion=Named(criterion, known.name) if known else criterion)
            if current is None:
                current = FindingRecord(tender_id=tender_id, kind=kind.value, vendor_id=vendor_id,
                                        criterion=criterion, judge=judge, text=text, by=actor.name,
                                        at=self.db.clock(), version=1)
                s.add(current)
            else:
                current.text, current.by, current.at = text, actor.name, self.db.clock()
                current.version += 1
            self._touch(s, record, actor, "finding", _subject(Flag(kind, vendor_id, criterion, judge)), old,
                        text)
            return current.version

    def _flag_may_be(self, s: Session, record: TenderRecord, flag: Flag) -> bool:
        """Whether a finding may be written on ``flag``: one the evaluation raises, or one it could have raised (a bid
        of the tender; for an outlier, a panel criterion and a panel member): a finding on a flag since resolved
        stays possible, a typo in a vendor, criterion or judge (a finding on nothing) is not."""
        if flag in flags_to_resolve(self._evaluate(s, record, None)):
            return True
        bids = set(s.execute(select(BidRecord.vendor_id).where(BidRecord.tender_id == record.id)).scalars())
        if flag.vendor_id not in bids:
            return False
        if flag.kind is not FindingKind.OUTLIER:
            return not flag.criterion and not flag.judge
        panel = {c.id for c in self._rubric_of(record).panel_criteria}
        return flag.criterion in panel and flag.judge in self._panel_input(s, record.id).judges

    def _void_findings(self, s: Session, record: TenderRecord, actor: Actor, cause: str, reason: str = "",
                       bids: Collection[str] = (), judges: Collection[str] = (),
                       scores: Collection[tuple[str, str, str]] = ()) -> None:
        """Remove, inside the caller's transaction, the chair's findings about the evidence it removes or replaces
        (:func:`~bideval.workflow.findings_about`: the bids, seats and scores given), each with an audit entry that
        keeps its text, who wrote it and why it went. A finding answers the flag raised on what it saw, never one
        raised later on a new bid or a changed score: every change that removes or replaces a bid, a seat or a score
        (removing or replacing a bid, removing a judge, replacing the panel, writing a score) calls this."""
        rows = {Flag(FindingKind(f.kind), f.vendor_id, f.criterion, f.judge): f for f in s.execute(
            select(FindingRecord).where(FindingRecord.tender_id == record.id).order_by(FindingRecord.id)).scalars()}
        for flag in findings_about(rows, bids, judges, scores):
            row = rows[flag]
            s.delete(row)
            self._touch(s, record, actor, "void_finding", _subject(flag), old=row.text, reason=reason,
                        detail=f"{cause}; written by {row.by}")

    def findings(self, actor: Actor, tender_id: int) -> list[tuple[Flag, str, str, int]]:
        """Recorded findings: (flag, text, by, version)."""
        with self.db.read() as s:
            record, _ = self._open(s, actor, tender_id, Action.READ_PANEL)
            return [(Flag(FindingKind(f.kind), f.vendor_id, f.criterion, f.judge), f.text, f.by, f.version)
                    for f in s.execute(select(FindingRecord).where(FindingRecord.tender_id == tender_id)
                                       .order_by(FindingRecord.id)).scalars()]

    def sign_off(self, actor: Actor, tender_id: int) -> SignOff:
        """What the exported workbook and the report state: the stage, who finalised the result and when, the
        chair's findings and the agreed scores with their reasons (to those who may read every score; none while the
        actor's own seat has not submitted)."""
        with self.db.read() as s:
            record, roles = self._open(s, actor, tender_id, Action.READ_TENDER)
            found: tuple[ChairFinding, ...] = ()
            agreed: tuple[AgreedScore, ...] = ()
            if self._view(s, actor, record, roles).panel:
                found = tuple(ChairFinding(Flag(FindingKind(f.kind), f.vendor_id, f.criterion, f.judge), f.text, f.by,
                                           f.at)
                              for f in s.execute(select(FindingRecord).where(FindingRecord.tender_id == tender_id)
                                                 .order_by(FindingRecord.id)).scalars())
                agreed = tuple(_agreed_scores(s, tender_id).values())
            return SignOff(Stage(record.stage), record.finalised_by, record.finalised_at, found, agreed)

    def agreed_scores(self, actor: Actor, tender_id: int) -> dict[tuple[str, str], AgreedScore]:
        """The panel's agreed scores by (vendor_id, criterion), each with its reason on record and the version a
        caller passes back to change it (for those who may read every score)."""
        with self.db.read() as s:
            record, roles = self._open(s, actor, tender_id, Action.READ_TENDER)
            view = self._view(s, actor, record, roles)
            if not view.panel:
                raise RightRefused(actor, roles, Action.READ_PANEL, tender_id, "blind" if view.blind else "")
            return _agreed_scores(s, tender_id)

    def set_consensus(self, actor: Actor, tender_id: int, vendor_id: str, criterion_id: str, score: Decimal | None,
                      reason: str, expected_version: int | None = None) -> int:
        """The panel's agreed score for a bid and criterion (rubric aggregate ``consensus``), with its reason: the same
        score again with a new reason is a new version. No score (a cleared cell) is refused, saying so: an agreed score
        is changed, with its reason, never taken away (the review page had passed a cleared cell over in silence)."""
        if score is None:
            raise BidEvalError.coded("store.consensus_empty", vendor_id=vendor_id, criterion=criterion_id)
        reason = typed(reason)
        if not reason:
            raise BidEvalError.coded("store.reason_needed", what="consensus")
        with self.db.write() as s:
            record, roles = self._open(s, actor, tender_id, Action.SET_CONSENSUS, lock=True)
            self._refuse_recused(s, actor, tender_id, vendor_id, criterion_id, "consensus")
            rubric = self._rubric_of(record)
            raise_if_refused(rubric, criterion_id, _agreed_tier(s, record, vendor_id, criterion_id), score)
            current = s.execute(select(ConsensusRecord).where(
                ConsensusRecord.tender_id == tender_id, ConsensusRecord.vendor_id == vendor_id,
                ConsensusRecord.criterion == criterion_id)).scalar_one_or_none()
            seen = current.version if current else 0
            if expected_version is not None and expected_version != seen:
                raise WriteConflict("consensus", expected_version, seen, current.score if current else None,
                                    vendor_id=vendor_id, criterion=_named(rubric, criterion_id), typed=_text(score))
            old = current.score if current else None
            if current is None:
                current = ConsensusRecord(tender_id=tender_id, vendor_id=vendor_id, criterion=criterion_id,
                                          score=str(score), reason=reason, by=actor.name, at=self.db.clock(),
                                          version=1)
                s.add(current)
            else:
                current.score, current.reason, current.by = str(score), reason, actor.name
                current.at, current.version = self.db.clock(), current.version + 1
            self._touch(s, record, actor, "consensus", f"{vendor_id} {criterion_id}", old, str(score), reason)
            return current.version

    def blockers(self, actor: Actor, tender_id: int) -> Blockers:
        """What stands between the tender and finalisation (flags name judges and prices: not while blind)."""
        with self.db.read() as s:
            record, _ = self._open(s, actor, tender_id, Action.READ_PANEL)
            return self._blockers(s, record)

    def _blockers(self, s: Session, record: TenderRecord) -> Blockers:
        result = self._evaluate(s, record, None)
        found = [Flag(FindingKind(f.kind), f.vendor_id, f.criterion, f.judge) for f in s.execute(
            select(FindingRecord).where(FindingRecord.tender_id == record.id)).scalars()]
        submitted = {j.name: j.submitted_at is not None for j in s.execute(
            select(JudgeRecord).where(JudgeRecord.tender_id == record.id)).scalars()}
        return blockers(result, found, submitted, self._panel_input(s, record.id).recused)

    def finalise(self, actor: Actor, tender_id: int) -> None:
        """review → final, signed by the chair; FinaliseRefused lists every incomplete bid and unanswered flag."""
        with self.db.write() as s:
            record, roles = self._open(s, actor, tender_id, Action.FINALISE, lock=True)
            found = self._blockers(s, record)
            if found:
                raise FinaliseRefused(tender_id, found)
            record.finalised_by, record.finalised_at = actor.name, self.db.clock()
            self._stage(s, record, actor, Stage.FINAL)

    def reopen(self, actor: Actor, tender_id: int, reason: str) -> None:
        """Back one stage, by the chair with a reason: final → review, or review → scoring (submissions unlock)."""
        reason = typed(reason)
        with self.db.write() as s:
            record, roles = self._open(s, actor, tender_id, Action.REOPEN, lock=True)
            if not reason:
                raise RightRefused(actor, roles, Action.REOPEN, tender_id, "reason_needed")
            if record.stage == Stage.FINAL.value:
                record.finalised_by, record.finalised_at = None, None
                self._stage(s, record, actor, Stage.REVIEW, reason)
            else:
                for seat in s.execute(select(JudgeRecord).where(JudgeRecord.tender_id == tender_id)).scalars():
                    seat.submitted_at = None
                self._stage(s, record, actor, Stage.SCORING, reason)


def _kept_text(documents: Sequence[str]) -> str:
    """What a replaced bid's documents became, as its audit entry says it: ``keeps its 2 documents: 方案.pdf, 资质.png``."""
    if not documents:
        return "had no documents"
    return f"keeps its {len(documents)} document{'s' if len(documents) > 1 else ''}: {', '.join(documents)}"


def _distinct(report: ImportReport, files: Sequence[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """An upload's files each under a name of its own (:func:`bideval.filenames.distinct_names`), the renamed ones
    noted in ``report.renamed`` with the name they came with: two documents or workbooks of one name, from two
    folders, were attached and refused, or imported and lost, under one name."""
    names = distinct_names([name for name, _ in files])
    report.renamed.update({new: was for new, (was, _) in zip(names, files) if new != was})
    return [(new, content) for new, (_, content) in zip(names, files)]


def _made_from(warnings: Iterable[Problem]) -> str | None:
    """The rubric version a bid workbook was made from, when its read warned it is another than the tender's."""
    return next((w.data["made_from"] for w in warnings if w.code == "files.other_version"), None)
