"""The database tables (SQLAlchemy 2 models).

The schema is created and changed only by the Alembic migrations in
``bideval/migrations``; these models describe the newest revision and a test
checks that the two agree.
"""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

from sqlalchemy import Boolean, ForeignKey, LargeBinary, String, Text, UniqueConstraint, false
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from .values import LONGEST_NAME, LONGEST_VENDOR_ID, LONGEST_VENDOR_NAME


def utc_now() -> datetime:
    """Now in UTC without a time zone, as every timestamp is stored."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


# The longest e-mail address an account keeps (bideval.accounts refuses a longer one: PostgreSQL had, in a traceback)
LONGEST_EMAIL = 200

# The largest id a table's Integer primary key holds on every database the app runs on (PostgreSQL's integer; SQLite
# keeps more): a number past it names no record, and asking for it is an error on either database.
LARGEST_ID = 2**31 - 1


def id_in_text(text: str) -> int | None:
    """The record id ``text`` names (a tender's in a page's address): decimal digits, spaces around them allowed, for a
    number from 1 to :data:`LARGEST_ID`; None for anything else, which names no record.

    >>> id_in_text(" 12 "), id_in_text("２"), id_in_text("²"), id_in_text("①"), id_in_text("-1"), id_in_text("2.0")
    (12, 2, None, None, None, None)
    >>> id_in_text("2147483647"), id_in_text("2147483648"), id_in_text("9" * 5000), id_in_text("0")
    (2147483647, None, None, None)
    """
    text = text.strip()
    if not text.isdecimal() or len(text) > len(str(LARGEST_ID)):  # "²" and "①" are digits to str.isdigit, not to int
        return None
    number = int(text)
    return number if 1 <= number <= LARGEST_ID else None


class Base(DeclarativeBase):
    """Base of the storage models."""


class TenderRecord(Base):
    """A tender: its rubric snapshot, its stage and a version bumped on every change."""

    __tablename__ = "tender"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    rubric_yaml: Mapped[str] = mapped_column(Text)
    rubric_source: Mapped[str] = mapped_column(String(300))
    rubric_sha256: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    # A new tender starts in setup; the database's own default, "scoring", is what migration 0002 gave the tenders
    # made before stages existed (their judges were already scoring).
    stage: Mapped[str] = mapped_column(String(20), default="setup", server_default="scoring")
    hide_prices: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    finalised_by: Mapped[str | None] = mapped_column(String(100))
    finalised_at: Mapped[datetime | None]
    # The workbook that last replaced the whole panel (Store.replace_panel): an input of every result since
    panel_file: Mapped[str | None] = mapped_column(String(300))
    panel_sha256: Mapped[str | None] = mapped_column(String(64))
    # A random token only this tender has, in every score sheet made for it (rubric_mark.TenderMark): its id is not
    # enough (another database has its own #3). Nullable only as migration 0009 adds it; every tender has one.
    token: Mapped[str | None] = mapped_column(String(32), index=True, unique=True, default=lambda: uuid.uuid4().hex)


class BidRecord(Base):
    """One vendor's bid: parsed values and the original workbook it came from."""

    __tablename__ = "bid"
    __table_args__ = (UniqueConstraint("tender_id", "vendor_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    tender_id: Mapped[int] = mapped_column(ForeignKey("tender.id", ondelete="CASCADE"), index=True)
    vendor_id: Mapped[str] = mapped_column(String(LONGEST_VENDOR_ID))
    vendor_name: Mapped[str] = mapped_column(String(LONGEST_VENDOR_NAME))
    file_name: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    sheet: Mapped[str] = mapped_column(String(64))
    row: Mapped[int | None]
    values_json: Mapped[str] = mapped_column(Text)
    cells_json: Mapped[str] = mapped_column(Text)
    imported_at: Mapped[datetime] = mapped_column(default=utc_now)
    # the SHA-256 of the rubric version the workbook was made from when another than the tender's (files.other_version)
    made_from: Mapped[str | None] = mapped_column(String(64))


class JudgeRecord(Base):
    """A seat on the tender's panel: the judge's name, the account that holds it, the account that held it last (its
    declarations and scores go to no other account), when they submitted, and their role on the panel as the Judges
    sheet of the workbook that seated them wrote it in brackets after the name (王评委（组长）: 组长)."""

    __tablename__ = "judge"
    __table_args__ = (UniqueConstraint("tender_id", "name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    tender_id: Mapped[int] = mapped_column(ForeignKey("tender.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(LONGEST_NAME))
    account_id: Mapped[int | None] = mapped_column(index=True)  # no foreign key: SQLite cannot add one in place
    submitted_at: Mapped[datetime | None]
    last_account_id: Mapped[int | None]  # the holder, or the last one once taken back (None: never held)
    role: Mapped[str | None] = mapped_column(String(100))  # None or "": none


class TierRecord(Base):
    """The tier the panel agreed for one bid on one tiered criterion."""

    __tablename__ = "tier"
    __table_args__ = (UniqueConstraint("tender_id", "vendor_id", "criterion"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    tender_id: Mapped[int] = mapped_column(ForeignKey("tender.id", ondelete="CASCADE"), index=True)
    vendor_id: Mapped[str] = mapped_column(String(LONGEST_VENDOR_ID))
    criterion: Mapped[str] = mapped_column(String(100))
    tier: Mapped[str] = mapped_column(String(100))
    version: Mapped[int] = mapped_column(default=1, server_default="1")  # 1: the tiers agreed before versions


class ScoreRecord(Base):
    """One judge's score (kept as exact decimal text) for one bid and panel criterion."""

    __tablename__ = "score"
    __table_args__ = (UniqueConstraint("tender_id", "judge", "vendor_id", "criterion"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    tender_id: Mapped[int] = mapped_column(ForeignKey("tender.id", ondelete="CASCADE"), index=True)
    judge: Mapped[str] = mapped_column(String(LONGEST_NAME))
    vendor_id: Mapped[str] = mapped_column(String(LONGEST_VENDOR_ID))
    criterion: Mapped[str] = mapped_column(String(100))
    score: Mapped[str | None] = mapped_column(String(40))
    comment: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=utc_now)
    version: Mapped[int] = mapped_column(default=1, server_default="1")  # 1: the scores given before versions


class AuditEvent(Base):
    """One entry of an append-only, hash-chained audit trail (the app never updates or deletes one)."""

    __tablename__ = "audit_event"
    __table_args__ = (UniqueConstraint("chain", "seq"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    chain: Mapped[str] = mapped_column(String(40), index=True)  # "tender:<id>" or "accounts"
    seq: Mapped[int]
    tender_id: Mapped[int | None] = mapped_column(index=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(100))
    # the acting account's (None: before 0006, the system)
    username: Mapped[str | None] = mapped_column(String(LONGEST_NAME))
    action: Mapped[str] = mapped_column(String(60))
    subject: Mapped[str] = mapped_column(Text, default="")
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text, default="")
    detail: Mapped[str] = mapped_column(Text, default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """The newest entry of each audit chain: its number and hash (so a removed last entry shows)."""

    __tablename__ = "audit_head"
    chain: Mapped[str] = mapped_column(String(40), primary_key=True)
    seq: Mapped[int]
    hash: Mapped[str] = mapped_column(String(64))


class AccountRecord(Base):
    """A person who signs in: local password (argon2) or an external identity."""

    __tablename__ = "account"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(LONGEST_NAME), unique=True)
    display_name: Mapped[str] = mapped_column(String(LONGEST_NAME))
    # accounts.name_key(display_name), unique: two accounts made at once cannot share a name (an account from before
    # migration 0007 whose name another already had keeps none; the check before writing still compares its name)
    display_key: Mapped[str | None] = mapped_column(String(200), index=True, unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(200))
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    administrator: Mapped[bool] = mapped_column(Boolean, default=False)
    creates_tenders: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_attempts: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    email: Mapped[str | None] = mapped_column(String(LONGEST_EMAIL), unique=True)
    external_subject: Mapped[str | None] = mapped_column(String(300), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)


class SessionRecord(Base):
    """A signed-in session: the SHA-256 of its token (the token itself is never stored) and when it expires."""

    __tablename__ = "web_session"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]


class InvitationRecord(Base):
    """A one-time invitation code (stored as its SHA-256): the role and tender it grants, and who made it (their right
    to give it is checked again when it is redeemed). Used: ``used_at`` and the account made (``used_by``);
    cancelled, because it could no longer give what it named when someone came with it: ``used_at`` alone."""

    __tablename__ = "invitation"
    id: Mapped[int] = mapped_column(primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    tender_id: Mapped[int | None] = mapped_column(ForeignKey("tender.id", ondelete="CASCADE"))
    role: Mapped[str | None] = mapped_column(String(20))
    judge_name: Mapped[str | None] = mapped_column(String(LONGEST_NAME))
    created_by: Mapped[str] = mapped_column(String(100))  # the name shown, as the audit trail has it
    created_by_id: Mapped[int | None]  # the account (None: made before migration 0005 by a name several accounts had)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    used_by: Mapped[int | None] = mapped_column(ForeignKey("account.id"))


class TenderRoleRecord(Base):
    """A role an account holds on a tender (a judge's role is their panel seat, :class:`JudgeRecord`)."""

    __tablename__ = "tender_role"
    __table_args__ = (UniqueConstraint("tender_id", "account_id", "role"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    tender_id: Mapped[int] = mapped_column(ForeignKey("tender.id", ondelete="CASCADE"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20))


class DeclarationRecord(Base):
    """A judge's declaration for one bidder: no conflict, or a conflict of interest (回避)."""

    __tablename__ = "declaration"
    __table_args__ = (UniqueConstraint("tender_id", "judge", "vendor_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    tender_id: Mapped[int] = mapped_column(ForeignKey("tender.id", ondelete="CASCADE"), index=True)
    judge: Mapped[str] = mapped_column(String(LONGEST_NAME))
    vendor_id: Mapped[str] = mapped_column(String(LONGEST_VENDOR_ID))
    conflict: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str] = mapped_column(Text, default="")
    declared_at: Mapped[datetime]


class ConsensusRecord(Base):
    """The panel's agreed score for one bid and criterion (rubric ``panel.aggregate: consensus``)."""

    __tablename__ = "consensus"
    __table_args__ = (UniqueConstraint("tender_id", "vendor_id", "criterion"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    tender_id: Mapped[int] = mapped_column(ForeignKey("tender.id", ondelete="CASCADE"), index=True)
    vendor_id: Mapped[str] = mapped_column(String(LONGEST_VENDOR_ID))
    criterion: Mapped[str] = mapped_column(String(100))
    score: Mapped[str] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(Text)
    by: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime]
    version: Mapped[int] = mapped_column(default=1)


class FindingRecord(Base):
    """The chair's written finding on a flag: an outlier, an abnormally low price or an incomplete score."""

    __tablename__ = "finding"
    __table_args__ = (UniqueConstraint("tender_id", "kind", "vendor_id", "criterion", "judge"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    tender_id: Mapped[int] = mapped_column(ForeignKey("tender.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    vendor_id: Mapped[str] = mapped_column(String(LONGEST_VENDOR_ID))
    criterion: Mapped[str] = mapped_column(String(100), default="")
    judge: Mapped[str] = mapped_column(String(LONGEST_NAME), default="")
    text: Mapped[str] = mapped_column(Text)
    by: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime]
    version: Mapped[int] = mapped_column(default=1)


class DocumentRecord(Base):
    """A document that came with a bid (a proposal, a price schedule, a scan): the original bytes and their SHA-256."""

    __tablename__ = "bid_document"
    __table_args__ = (UniqueConstraint("tender_id", "vendor_id", "name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    tender_id: Mapped[int] = mapped_column(ForeignKey("tender.id", ondelete="CASCADE"), index=True)
    vendor_id: Mapped[str] = mapped_column(String(LONGEST_VENDOR_ID))
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(10))  # pdf | png | jpeg
    envelope: Mapped[str] = mapped_column(String(20))  # technical | price
    size: Mapped[int]
    pages: Mapped[int | None]
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    added_by: Mapped[str] = mapped_column(String(100))
    added_at: Mapped[datetime]


class UploadRecord(Base):
    """One upload on the Bids page and what became of each of its files (the import report, kept)."""

    __tablename__ = "upload"
    id: Mapped[int] = mapped_column(primary_key=True)
    tender_id: Mapped[int] = mapped_column(ForeignKey("tender.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(100))
    vendor_id: Mapped[str | None] = mapped_column(String(LONGEST_VENDOR_ID))  # documents attached to one bid later
    replace: Mapped[bool] = mapped_column(Boolean, default=False)
    files_json: Mapped[str] = mapped_column(Text)  # bideval.uploads encodes and decodes it
