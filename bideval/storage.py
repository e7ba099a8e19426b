"""Tenders kept in a database: rubric snapshot, bids, tiers, judges, scores and an audit trail.

SQLAlchemy 2 models and one :class:`Store` whose methods are the only way the
app reads or writes them. Each write runs in one transaction and bumps the
tender's ``version``, which keys every cache above. SQLite by default,
PostgreSQL through ``DATABASE_URL``; nothing lives only in a process's memory.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable, Sequence

from sqlalchemy import (ForeignKey, LargeBinary, String, Text, UniqueConstraint, create_engine, delete, event, func,
                        select, update)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from .bids import Bid, BidSet, read_bids
from .errors import BidEvalError, BidsError, InputErrors, PanelError, Problem
from .labels import Named
from .evaluation import check_bids, evaluate
from .allowed_scores import ScoreRefusal, allowed_range, check_score
from .panel import PanelInput, Score, judge_name, read_panel
from .pricing import PRICE_MODEL_FIELD, PricingModel
from .result import Result
from .rubric import Rubric, Tiered, parse_rubric
from .sheets import InputFile
from .values import FieldType

DEFAULT_DATABASE = Path("data") / "bid_eval.sqlite3"


def database_url() -> str:
    """``DATABASE_URL`` when set, else the embedded SQLite file."""
    return os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_DATABASE}"


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Base(DeclarativeBase):
    """Base of the storage models."""


class TenderRecord(Base):
    """A tender: its rubric snapshot and a version bumped on every change."""

    __tablename__ = "tender"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    rubric_yaml: Mapped[str] = mapped_column(Text)
    rubric_source: Mapped[str] = mapped_column(String(300))
    rubric_sha256: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=_now)


class BidRecord(Base):
    """One vendor's bid: parsed values and the original workbook it came from."""

    __tablename__ = "bid"
    __table_args__ = (UniqueConstraint("tender_id", "vendor_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    tender_id: Mapped[int] = mapped_column(ForeignKey("tender.id", ondelete="CASCADE"), index=True)
    vendor_id: Mapped[str] = mapped_column(String(64))
    vendor_name: Mapped[str] = mapped_column(String(300))
    file_name: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    sheet: Mapped[str] = mapped_column(String(64))
    row: Mapped[int | None]
    values_json: Mapped[str] = mapped_column(Text)
    cells_json: Mapped[str] = mapped_column(Text)
    imported_at: Mapped[datetime] = mapped_column(default=_now)


class JudgeRecord(Base):
    """A member of the tender's panel."""

    __tablename__ = "judge"
    __table_args__ = (UniqueConstraint("tender_id", "name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    tender_id: Mapped[int] = mapped_column(ForeignKey("tender.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))


class TierRecord(Base):
    """The tier the panel agreed for one bid on one tiered criterion."""

    __tablename__ = "tier"
    __table_args__ = (UniqueConstraint("tender_id", "vendor_id", "criterion"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    tender_id: Mapped[int] = mapped_column(ForeignKey("tender.id", ondelete="CASCADE"), index=True)
    vendor_id: Mapped[str] = mapped_column(String(64))
    criterion: Mapped[str] = mapped_column(String(100))
    tier: Mapped[str] = mapped_column(String(100))


class ScoreRecord(Base):
    """One judge's score (kept as exact decimal text) for one bid and panel criterion."""

    __tablename__ = "score"
    __table_args__ = (UniqueConstraint("tender_id", "judge", "vendor_id", "criterion"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    tender_id: Mapped[int] = mapped_column(ForeignKey("tender.id", ondelete="CASCADE"), index=True)
    judge: Mapped[str] = mapped_column(String(100))
    vendor_id: Mapped[str] = mapped_column(String(64))
    criterion: Mapped[str] = mapped_column(String(100))
    score: Mapped[str | None] = mapped_column(String(40))
    comment: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=_now)


class EventRecord(Base):
    """An append-only audit trail entry: who did what to a tender, when."""

    __tablename__ = "event"
    id: Mapped[int] = mapped_column(primary_key=True)
    tender_id: Mapped[int] = mapped_column(ForeignKey("tender.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(default=_now)
    actor: Mapped[str] = mapped_column(String(100), default="")
    action: Mapped[str] = mapped_column(String(60))
    detail: Mapped[str] = mapped_column(Text, default="")


class ScoreRefused(BidEvalError):
    """A score the rubric or the agreed tier does not allow; ``refusal`` holds why, as data, when it is a score's."""

    def __init__(self, message: str, refusal: ScoreRefusal | None = None):
        super().__init__(message)
        self.refusal = refusal


@dataclass(frozen=True)
class TenderSummary:
    """A tender as listed: id, name, rubric id and counts."""

    id: int
    name: str
    rubric_id: str
    version: int
    bids: int
    created_at: datetime


@dataclass
class ImportReport:
    """What an upload did: bids accepted per file, and every problem of each refused file."""

    accepted: dict[str, list[str]] = field(default_factory=dict)  # file → vendor ids
    refused: dict[str, list[Problem]] = field(default_factory=dict)  # file → its problems (bideval.messages renders them)

    @property
    def ok(self) -> bool:
        """Whether every file was accepted."""
        return not self.refused


def encode_values(values: dict[str, Any]) -> str:
    """A bid's parsed values as JSON text (Decimals as exact strings)."""
    def plain(value: Any) -> Any:
        if isinstance(value, Decimal):
            return str(value)
        if isinstance(value, PricingModel):
            return value.value
        return value

    return json.dumps({k: plain(v) for k, v in values.items()}, ensure_ascii=False, sort_keys=True)


def decode_values(rubric: Rubric, text: str) -> dict[str, Any]:
    """Parsed values back from JSON, each in its field's type."""
    raw = json.loads(text)
    values: dict[str, Any] = {}
    for f in rubric.bid_fields:
        value = raw.get(f.id)
        if value is None:
            values[f.id] = None
        elif f.id == PRICE_MODEL_FIELD:
            values[f.id] = PricingModel(value)
        elif f.type in (FieldType.MONEY, FieldType.NUMBER, FieldType.PERCENT):
            values[f.id] = Decimal(value)
        else:
            values[f.id] = value
    return values


def score_range(rubric: Rubric, criterion_id: str, tier_id: str | None) -> tuple[Decimal, Decimal]:
    """The range a judge may score in: the agreed tier's, or 0..max; ScoreRefused when there is none."""
    criterion = rubric.criterion_index.get(criterion_id)
    if criterion is None or not criterion.is_panel:
        raise ScoreRefused.coded("score.not_panel", criterion=criterion_id)
    allowed = allowed_range(criterion, tier_id)
    if allowed is None:
        raise ScoreRefused.coded("score.no_tier", criterion=Named(criterion.id, criterion.name))
    return allowed[0], allowed[1]


class Store:
    """The database behind the app."""

    def __init__(self, url: str | None = None):
        self.url = url or database_url()
        if self.url.startswith("sqlite:///") and not self.url.startswith("sqlite:///:memory:"):
            Path(self.url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        self.engine: Engine = create_engine(self.url, future=True)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        Base.metadata.create_all(self.engine)
        self._rubrics: dict[str, Rubric] = {}

    def session(self) -> Session:
        """A new session; use ``with store.session() as s, s.begin():`` for a transaction."""
        return Session(self.engine, expire_on_commit=False)

    # -- tenders
    def tenders(self) -> list[TenderSummary]:
        """Every tender, newest first."""
        with self.session() as s:
            rows = s.execute(select(TenderRecord).order_by(TenderRecord.id.desc())).scalars().all()
            counts = dict(s.execute(select(BidRecord.tender_id, func.count(BidRecord.id)).group_by(BidRecord.tender_id)).all())
        return [TenderSummary(t.id, t.name, self._parse(t).id, t.version, counts.get(t.id, 0), t.created_at)
                for t in rows]

    def create_tender(self, name: str, rubric_yaml: str, source: str, actor: str = "") -> int:
        """A new tender from a rubric's YAML text; RubricError when the rubric is wrong."""
        rubric = parse_rubric(rubric_yaml, source)
        with self.session() as s, s.begin():
            record = TenderRecord(name=name.strip() or rubric.title.zh, rubric_yaml=rubric_yaml,
                                  rubric_source=source, rubric_sha256=rubric.sha256)
            s.add(record)
            s.flush()
            s.add(EventRecord(tender_id=record.id, actor=actor, action="create_tender",
                              detail=f"{source} sha256={rubric.sha256}"))
            return record.id

    def rubric(self, tender_id: int) -> Rubric:
        """The tender's rubric snapshot."""
        with self.session() as s:
            return self._parse(self._tender(s, tender_id))

    def version(self, tender_id: int) -> int:
        """The tender's version: it changes whenever anything about the tender does."""
        with self.session() as s:
            return self._tender(s, tender_id).version

    def _parse(self, record: TenderRecord) -> Rubric:
        rubric = self._rubrics.get(record.rubric_sha256)
        if rubric is None:
            rubric = parse_rubric(record.rubric_yaml, record.rubric_source)
            self._rubrics[record.rubric_sha256] = rubric
        return rubric

    @staticmethod
    def _tender(s: Session, tender_id: int) -> TenderRecord:
        record = s.get(TenderRecord, tender_id)
        if record is None:
            raise BidEvalError.coded("store.no_tender", tender=tender_id)
        return record

    @staticmethod
    def _touch(s: Session, tender_id: int, actor: str, action: str, detail: str) -> None:
        s.execute(update(TenderRecord).where(TenderRecord.id == tender_id)
                  .values(version=TenderRecord.version + 1))
        s.add(EventRecord(tender_id=tender_id, actor=actor, action=action, detail=detail))

    def events(self, tender_id: int) -> list[EventRecord]:
        """The tender's audit trail, oldest first."""
        with self.session() as s:
            return list(s.execute(select(EventRecord).where(EventRecord.tender_id == tender_id)
                                  .order_by(EventRecord.id)).scalars())

    # -- bids
    def import_bids(self, tender_id: int, files: Sequence[tuple[str, bytes]], replace: bool = False,
                    actor: str = "", progress=None) -> ImportReport:
        """Import uploaded workbooks file by file: a bad file imports nothing, a good one all its bids.

        A vendor already in the tender is refused unless ``replace`` is true.
        ``progress(done, total, name)`` is called after each file.
        """
        rubric = self.rubric(tender_id)
        report = ImportReport()
        with tempfile.TemporaryDirectory(prefix="bideval-upload-") as folder:
            for done, (name, content) in enumerate(files, 1):
                safe = Path(name).name or "upload.xlsx"
                path = Path(folder) / f"{done:05d}" / safe
                path.parent.mkdir()
                path.write_bytes(content)
                try:
                    bidset = read_bids(rubric, [path])
                    vendors = self._store_bids(tender_id, bidset.bids, safe, content, replace, actor)
                    report.accepted[safe] = vendors
                except InputErrors as error:
                    report.refused[safe] = [p.renamed(str(path), safe) for p in error.problems]
                if progress:
                    progress(done, len(files), safe)
        return report

    def _store_bids(self, tender_id: int, bids: Iterable[Bid], name: str, content: bytes, replace: bool,
                    actor: str) -> list[str]:
        digest = hashlib.sha256(content).hexdigest()
        bids = list(bids)
        with self.session() as s, s.begin():
            existing = set(s.execute(select(BidRecord.vendor_id).where(BidRecord.tender_id == tender_id)).scalars())
            clash = [b.vendor_id for b in bids if b.vendor_id in existing]
            if clash and not replace:
                raise BidsError([Problem.of("bids.vendor_exists", name, vendor_id=v) for v in clash])
            if clash:
                s.execute(delete(BidRecord).where(BidRecord.tender_id == tender_id, BidRecord.vendor_id.in_(clash)))
            for bid in bids:
                s.add(BidRecord(tender_id=tender_id, vendor_id=bid.vendor_id, vendor_name=bid.vendor_name,
                                file_name=name, sha256=digest, content=content, sheet=bid.sheet, row=bid.row,
                                values_json=encode_values(dict(bid.values)),
                                cells_json=json.dumps(dict(bid.cells), sort_keys=True)))
            action = "replace_bids" if clash else "import_bids"
            self._touch(s, tender_id, actor, action, f"{name} sha256={digest}: {', '.join(b.vendor_id for b in bids)}")
        return [b.vendor_id for b in bids]

    def remove_bid(self, tender_id: int, vendor_id: str, actor: str = "") -> None:
        """Remove a vendor's bid and the panel's tiers and scores for it."""
        with self.session() as s, s.begin():
            for model in (BidRecord, TierRecord, ScoreRecord):
                s.execute(delete(model).where(model.tender_id == tender_id, model.vendor_id == vendor_id))
            self._touch(s, tender_id, actor, "remove_bid", vendor_id)

    def bidset(self, tender_id: int) -> BidSet:
        """The tender's bids, in vendor_id order, with the files they came from."""
        rubric = self.rubric(tender_id)
        with self.session() as s:
            rows = s.execute(select(BidRecord.vendor_id, BidRecord.vendor_name, BidRecord.values_json,
                                    BidRecord.file_name, BidRecord.sheet, BidRecord.cells_json, BidRecord.row,
                                    BidRecord.sha256)
                             .where(BidRecord.tender_id == tender_id).order_by(BidRecord.vendor_id)).all()
        bids = []
        files: dict[str, InputFile] = {}
        for vendor_id, name, values_json, file_name, sheet, cells_json, row, digest in rows:
            values = decode_values(rubric, values_json)
            bids.append(Bid(vendor_id, name, bool(values.get("sme")), values, file_name, sheet,
                            json.loads(cells_json), row))
            files.setdefault(file_name + digest, InputFile(file_name, digest, "bids"))
        return BidSet(tuple(bids), tuple(files.values()))

    def bid_file(self, tender_id: int, vendor_id: str) -> tuple[str, bytes] | None:
        """The original workbook a vendor's bid came from."""
        with self.session() as s:
            row = s.execute(select(BidRecord.file_name, BidRecord.content).where(
                BidRecord.tender_id == tender_id, BidRecord.vendor_id == vendor_id)).first()
        return (row[0], row[1]) if row else None

    # -- panel
    def judges(self, tender_id: int) -> list[str]:
        """The panel's members in the order they were added."""
        with self.session() as s:
            return list(s.execute(select(JudgeRecord.name).where(JudgeRecord.tender_id == tender_id)
                                  .order_by(JudgeRecord.id)).scalars())

    def add_judge(self, tender_id: int, name: str, actor: str = "") -> str:
        """Add a panel member (a trimmed NFKC name); adding one twice is harmless."""
        name = judge_name(name)
        if not name:
            raise BidEvalError.coded("store.judge_needs_name")
        with self.session() as s, s.begin():
            known = s.execute(select(JudgeRecord.id).where(JudgeRecord.tender_id == tender_id,
                                                           JudgeRecord.name == name)).first()
            if not known:
                s.add(JudgeRecord(tender_id=tender_id, name=name))
                self._touch(s, tender_id, actor, "add_judge", name)
        return name

    def tiers(self, tender_id: int) -> dict[tuple[str, str], str]:
        """Agreed tiers by (vendor_id, criterion)."""
        with self.session() as s:
            rows = s.execute(select(TierRecord.vendor_id, TierRecord.criterion, TierRecord.tier)
                             .where(TierRecord.tender_id == tender_id)).all()
        return {(v, c): t for v, c, t in rows}

    def set_tier(self, tender_id: int, vendor_id: str, criterion_id: str, tier_id: str | None,
                 actor: str = "") -> None:
        """Record (or clear, with None) the agreed tier; scores outside a new tier are refused later, not dropped."""
        rubric = self.rubric(tender_id)
        criterion = rubric.criterion_index.get(criterion_id)
        if not isinstance(criterion, Tiered):
            raise ScoreRefused.coded("score.not_tiered", criterion=criterion_id)
        tier = criterion.tier(tier_id) if tier_id else None
        if tier_id and tier is None:
            raise ScoreRefused.coded("score.unknown_tier", tier=tier_id, criterion=Named(criterion.id, criterion.name))
        with self.session() as s, s.begin():
            if tier is not None:
                scores = s.execute(select(ScoreRecord.judge, ScoreRecord.score).where(
                    ScoreRecord.tender_id == tender_id, ScoreRecord.vendor_id == vendor_id,
                    ScoreRecord.criterion == criterion_id, ScoreRecord.score.is_not(None))).all()
                outside = tuple((j, v) for j, v in scores if not tier.contains(Decimal(v)))
                if outside:
                    raise ScoreRefused.coded("score.scores_outside_tier", tier=tier, scores=outside,
                                             criterion=Named(criterion.id, criterion.name), vendor_id=vendor_id)
            s.execute(delete(TierRecord).where(TierRecord.tender_id == tender_id, TierRecord.vendor_id == vendor_id,
                                               TierRecord.criterion == criterion_id))
            if tier is not None:
                s.add(TierRecord(tender_id=tender_id, vendor_id=vendor_id, criterion=criterion_id, tier=tier.id))
            self._touch(s, tender_id, actor, "set_tier", f"{vendor_id} {criterion_id} → {tier.id if tier else '-'}")

    def scores(self, tender_id: int, judge: str | None = None) -> list[ScoreRecord]:
        """Scores of the tender (of one judge when given)."""
        query = select(ScoreRecord).where(ScoreRecord.tender_id == tender_id)
        if judge is not None:
            query = query.where(ScoreRecord.judge == judge)
        with self.session() as s:
            return list(s.execute(query.order_by(ScoreRecord.id)).scalars())

    def set_score(self, tender_id: int, judge: str, vendor_id: str, criterion_id: str, score: Decimal | None,
                  comment: str = "") -> None:
        """Save one score as entered; ScoreRefused (with the allowed range) when it is out of range."""
        rubric = self.rubric(tender_id)
        judge = judge_name(judge)
        criterion = rubric.criterion_index.get(criterion_id)
        if criterion is None:
            raise ScoreRefused.coded("score.not_panel", criterion=criterion_id)
        with self.session() as s, s.begin():
            # The agreed tier is read, locked, in the transaction that writes the score: the check and the write agree.
            tier_id = s.execute(select(TierRecord.tier).where(
                TierRecord.tender_id == tender_id, TierRecord.vendor_id == vendor_id,
                TierRecord.criterion == criterion_id).with_for_update()).scalar_one_or_none()
            refusal = check_score(criterion, tier_id, score)
            if refusal is not None:
                raise ScoreRefused(refusal.message("en"), refusal)
            if not s.execute(select(BidRecord.id).where(BidRecord.tender_id == tender_id,
                                                        BidRecord.vendor_id == vendor_id)).first():
                raise ScoreRefused.coded("score.no_bid", vendor_id=vendor_id)
            if not s.execute(select(JudgeRecord.id).where(JudgeRecord.tender_id == tender_id,
                                                          JudgeRecord.name == judge)).first():
                s.add(JudgeRecord(tender_id=tender_id, name=judge))
            s.execute(delete(ScoreRecord).where(ScoreRecord.tender_id == tender_id, ScoreRecord.judge == judge,
                                                ScoreRecord.vendor_id == vendor_id,
                                                ScoreRecord.criterion == criterion_id))
            s.add(ScoreRecord(tender_id=tender_id, judge=judge, vendor_id=vendor_id, criterion=criterion_id,
                              score=None if score is None else str(score), comment=comment.strip()))
            self._touch(s, tender_id, judge, "set_score", f"{vendor_id} {criterion_id} = {score}")

    def import_panel(self, tender_id: int, name: str, content: bytes, actor: str = "") -> tuple[Problem, ...]:
        """Replace the panel's judges, tiers and scores with a panel workbook's; PanelError leaves all as it was."""
        rubric = self.rubric(tender_id)
        bidset = self.bidset(tender_id)
        checks = check_bids(rubric, bidset.bids)
        invalid = [v for v, c in checks.items() if not c.valid]
        with tempfile.TemporaryDirectory(prefix="bideval-panel-") as folder:
            path = Path(folder) / (Path(name).name or "panel.xlsx")
            path.write_bytes(content)
            shown = str(path)
            try:
                panel = read_panel(rubric, bidset.bids, invalid, [path])
            except PanelError as error:
                raise PanelError([p.renamed(shown, path.name) for p in error.problems]) from None
            warnings = tuple(w.renamed(shown, path.name) for w in panel.warnings)
        with self.session() as s, s.begin():
            for model in (JudgeRecord, TierRecord, ScoreRecord):
                s.execute(delete(model).where(model.tender_id == tender_id))
            for judge in panel.judges:
                s.add(JudgeRecord(tender_id=tender_id, name=judge))
            for (vendor_id, criterion), tier in panel.tiers.items():
                s.add(TierRecord(tender_id=tender_id, vendor_id=vendor_id, criterion=criterion, tier=tier))
            for score in panel.scores:
                s.add(ScoreRecord(tender_id=tender_id, judge=score.judge, vendor_id=score.vendor_id,
                                  criterion=score.criterion, score=None if score.score is None else str(score.score),
                                  comment=score.comment))
            self._touch(s, tender_id, actor, "import_panel",
                        f"{path.name} sha256={hashlib.sha256(content).hexdigest()}")
        return warnings

    def panel_input(self, tender_id: int) -> PanelInput:
        """The panel as the engine takes it."""
        judges = tuple(self.judges(tender_id))
        with self.session() as s:  # plain rows, not ORM objects: thousands of scores on every rerun
            rows = s.execute(select(ScoreRecord.judge, ScoreRecord.vendor_id, ScoreRecord.criterion,
                                    ScoreRecord.score, ScoreRecord.comment)
                             .where(ScoreRecord.tender_id == tender_id).order_by(ScoreRecord.id)).all()
        scores = tuple(Score(judge, vendor, criterion, None if score is None else Decimal(score), comment)
                       for judge, vendor, criterion, score, comment in rows)
        return PanelInput(judges, scores, self.tiers(tender_id))

    # -- evaluation
    def evaluate(self, tender_id: int) -> Result:
        """Evaluate the tender as it stands now."""
        rubric = self.rubric(tender_id)
        with self.session() as s:
            record = self._tender(s, tender_id)
            rubric_file = InputFile(record.rubric_source, record.rubric_sha256, "rubric")
        bidset = self.bidset(tender_id)
        return evaluate(rubric, bidset, self.panel_input(tender_id), rubric_file=rubric_file)


def _sqlite_pragmas(connection, _record) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()
