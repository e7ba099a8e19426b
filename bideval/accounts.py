"""Accounts: local passwords (argon2), sign-in with a per-account limit on failures, sessions that expire,
one-time invitation codes, the first administrator, and a hook for an external identity provider.

A user name, an e-mail address (compared without case, kept in lower case) and an external identity each belong to
one account: checked in the transaction that writes them, and a clash the database finds between the check and the
write (two administrators at once) is told as the same refusal, never as the database's error.

Everything lives in the database (sessions and failure counters too), so
several app replicas share it. Times come from the database's clock, which
tests replace.
"""
from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from . import audit
from .database import Database
from .errors import BidEvalError
from .rights import Action, Actor, RightRefused, Role
from .values import LONGEST_NAME, shows_nothing, typed
from .workflow import StageRefused
from .schema import (LONGEST_EMAIL, AccountRecord, DeclarationRecord, InvitationRecord, JudgeRecord, ScoreRecord,
                     SessionRecord, TenderRecord, TenderRoleRecord)

MIN_PASSWORD = 10
MAX_FAILURES = 5  # wrong passwords in a row before the account is locked
LOCK_MINUTES = 15
SESSION_HOURS = 12
INVITATION_DAYS = 7
ADMIN_USERNAME = "admin"
ADMIN_NAME = "管理员 admin"
log = logging.getLogger("bideval")
_hasher = PasswordHasher()


class SignInRefused(BidEvalError):
    """Signing in (or using a session) was refused.

    ``reason``: ``wrong`` (unknown name or wrong password: not told apart),
    ``locked`` (until ``locked_until``), ``inactive``, ``expired`` (the session),
    ``must_change_password``, ``unknown_identity`` (an external sign-in no account maps to), ``email_shared`` (the
    e-mail address of an external sign-in belongs to several ``accounts``, made before addresses were kept unique).
    """

    code = "signin.refused"

    def __init__(self, reason: str, username: str = "", locked_until: datetime | None = None,
                 accounts: tuple[str, ...] = ()):
        from .messages import sentence

        self.reason = reason
        self.username = username
        self.locked_until = locked_until
        self.accounts = accounts
        self.data = {"reason": reason, "username": username, "locked_until": locked_until, "accounts": accounts}
        super().__init__(sentence(self.code, self.data, "en", ids=True))


class AccountRefused(BidEvalError):
    """An account change that cannot be made: the ``field`` concerned and ``why`` (a code: ``short_password``,
    ``same_password``, ``seat_taken``, ``seated_as``, ``username_needed``, ``name_needed``, ``too_long``,
    ``username_taken``, ``email_taken``, ``subject_taken``, ``no_account``, ``role_needed``, ``bad_code``, ``invitation_void``, ``invitation_cancelled``)
    with its facts."""

    code = "account.refused"

    def __init__(self, field: str, why: str, **facts: object):
        from .messages import sentence

        self.field = field
        self.why = why
        self.facts = facts
        self.data = {"field": field, "why": why, **facts}
        super().__init__(sentence(self.code, self.data, "en", ids=True))


@dataclass(frozen=True)
class Account:
    """An account as listed to the administrator (never its password hash)."""

    id: int
    username: str
    display_name: str
    administrator: bool
    creates_tenders: bool
    active: bool
    must_change_password: bool
    locked_until: datetime | None
    email: str | None
    external_subject: str | None


@dataclass(frozen=True)
class SignedIn:
    """A successful sign-in: the session token (kept by the browser session only), who, and until when."""

    token: str
    actor: Actor
    expires_at: datetime
    must_change_password: bool


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _account(record: AccountRecord) -> Account:
    return Account(record.id, record.username, record.display_name, record.administrator, record.creates_tenders,
                   record.active, record.must_change_password, record.locked_until, record.email,
                   record.external_subject)


def live_session_account(row: Any, now: datetime) -> AccountRecord:
    """The account of a session still on (``row``: its record and its account's, or None: gone); SignInRefused when
    it has ended, saying why: ``inactive`` when the account was switched off (which ends its sessions and keeps them,
    for this), else ``expired``."""
    if row is None or row[0].expires_at <= now:
        if row is not None and not row[1].active:
            raise SignInRefused("inactive", row[1].username)
        raise SignInRefused("expired")
    account: AccountRecord = row[1]
    return account


def actor_of(record: AccountRecord, token: str | None = None) -> Actor:
    """The actor an account acts as (through the session ``token``, when signed in to the app)."""
    return Actor(record.id, record.display_name, record.administrator, _digest(token) if token else None)


def acting_account(s: Session, actor: Actor, now: datetime) -> AccountRecord | None:
    """The account ``actor`` acts as, read inside a store call's transaction (None when it is gone);
    SignInRefused (``expired``) when the app session they act through has ended — signed out (in another tab too),
    expired, or ended by a password change or reset — so that call reads and writes nothing."""
    if actor.session is not None:
        live_session_account(s.execute(select(SessionRecord, AccountRecord).join(
            AccountRecord, AccountRecord.id == SessionRecord.account_id).where(
            SessionRecord.token_hash == actor.session, SessionRecord.account_id == actor.account_id)).first(), now)
    return s.get(AccountRecord, actor.account_id)


def username_of(s: Session, actor: Actor) -> str | None:
    """The acting account's user name, which the audit trail keeps beside the display name (None: no such account)."""
    record = s.get(AccountRecord, actor.account_id)  # read already by the call's check: no second query
    return record.username if record is not None else None


def email_address(email: str | None) -> str | None:
    """An e-mail address as it is kept: trimmed, in lower case (sign-ins compare addresses without case); None for
    none.

    >>> email_address("  Wang@Example.org "), email_address("")
    ('wang@example.org', None)
    """
    return (email or "").strip().lower() or None


def kept_email(email: str | None) -> str | None:
    """An e-mail address an account is to keep (:func:`email_address`); AccountRefused (``too_long``) for one longer
    than the database keeps, which had been a traceback on PostgreSQL (verify21a)."""
    address = email_address(email)
    if address is not None and len(address) > LONGEST_EMAIL:
        raise AccountRefused("email", "too_long", limit=LONGEST_EMAIL, length=len(address))
    return address


def name_key(display_name: str) -> str:
    """What two display names are compared by: without case or spaces, so ``管理员 ADMIN`` is ``管理员admin``.

    >>> name_key(" 管理员  ADMIN "), name_key("王\u3000评委")
    ('管理员admin', '王评委')
    """
    return "".join(display_name.split()).casefold()


def account_names(username: str, display_name: str) -> tuple[str, str]:
    """A new account's user name and name as filed (:func:`~bideval.values.typed`: trimmed, invisible formatting
    characters dropped, so ``wang`` and ``wang`` with a zero-width space are one user name), or AccountRefused
    ``username_needed`` / ``name_needed`` when nothing is left of either (a blank, a zero-width space).

    >>> account_names(" wang ", "\u200b王评委 ")
    ('wang', '王评委')
    """
    username, display_name = typed(username), typed(display_name)
    if shows_nothing(username):
        raise AccountRefused("username", "username_needed")
    if shows_nothing(display_name):  # (a braille blank: a name nobody sees)
        raise AccountRefused("display_name", "name_needed")
    for field, text in (("username", username), ("display_name", display_name)):
        if len(text) > LONGEST_NAME:  # (PostgreSQL's column refused it: a traceback)
            raise AccountRefused(field, "too_long", limit=LONGEST_NAME, length=len(text))
    return username, display_name


def identity_taken(s: Session, username: str | None = None, email: str | None = None, subject: str | None = None,
                   owner: str | None = None, display_name: str | None = None) -> AccountRefused | None:
    """The refusal when an account other than ``owner`` (a user name) already has this user name, e-mail address (in
    any case), external identity or display name (:func:`name_key`: the audit trail and the panel list name people by
    it, so a judge may not take the administrator's); None when none does."""

    def holder(condition) -> str | None:
        query = select(AccountRecord.username).where(condition)
        if owner is not None:
            query = query.where(AccountRecord.username != owner)
        return s.execute(query.order_by(AccountRecord.id).limit(1)).scalar_one_or_none()

    if username and holder(AccountRecord.username == username):
        return AccountRefused("username", "username_taken", username=username)
    if email and (other := holder(func.lower(AccountRecord.email) == func.lower(email))):
        return AccountRefused("email", "email_taken", email=email, username=other)
    if subject and (other := holder(AccountRecord.external_subject == subject)):
        return AccountRefused("subject", "subject_taken", subject=subject, username=other)
    if display_name:
        wanted = name_key(display_name)
        others = select(AccountRecord.display_name).where(AccountRecord.username != owner) if owner is not None \
            else select(AccountRecord.display_name)
        if any(name_key(name) == wanted for name in s.execute(others).scalars()):
            return AccountRefused("display_name", "display_name_taken", name=display_name)
    return None


def check_password(password: str) -> None:
    """AccountRefused unless the password is long enough to be one."""
    if len(password) < MIN_PASSWORD:
        raise AccountRefused("password", "short_password", minimum=MIN_PASSWORD, length=len(password))


def account_named(s: Session, username: str) -> AccountRecord:
    """The account with this user name, locked for a change in the caller's transaction; AccountRefused if none."""
    record = s.execute(select(AccountRecord).where(AccountRecord.username == typed(username))
                       .with_for_update()).scalar_one_or_none()
    if record is None:
        raise AccountRefused("username", "no_account", username=username)
    return record


def roles_of(s: Session, account_id: int, tender_id: int, seated: bool | None = None) -> frozenset[Role]:
    """The roles an account holds on a tender (judge: a panel seat it holds; ``seated``: whether it holds one, when
    the caller has read its seat already)."""
    roles = {Role(r) for r in s.execute(select(TenderRoleRecord.role).where(
        TenderRoleRecord.tender_id == tender_id, TenderRoleRecord.account_id == account_id)).scalars()}
    if seated is None:
        seated = s.execute(select(JudgeRecord.id).where(JudgeRecord.tender_id == tender_id,
                                                        JudgeRecord.account_id == account_id)).first() is not None
    if seated:
        roles.add(Role.JUDGE)
    return frozenset(roles)


def seat_work(s: Session, tender_id: int, name: str) -> dict[str, int]:
    """How many declarations and score entries a panel seat has made (what an account taking it up would inherit)."""
    return {what: s.execute(select(func.count()).select_from(model).where(model.tender_id == tender_id,
                                                                         model.judge == name)).scalar_one()
            for what, model in (("declarations", DeclarationRecord), ("scores", ScoreRecord))}


def grant(s: Session, tender_id: int, account: AccountRecord, role: Role, judge_name: str | None = None) -> str:
    """Give ``account`` a role on a tender inside the caller's transaction; a judge gets (or takes up) a panel seat.

    A seat goes to a new account only while it has neither declared nor scored, or when it was never held and holds
    only a panel workbook's scores: otherwise only the account that held it may take it up again (AccountRefused
    ``seat_has_work``, with the counts).
    The tender is locked first, as every write of a declaration or score locks it, so the seat's work cannot grow
    between the check and the handover. Returns what was given, for the audit trail.
    """
    if role is Role.JUDGE:
        from .panel import seat_name

        name = seat_name(judge_name or account.display_name)  # refused as add_judge refuses it when nothing is left
        s.execute(select(TenderRecord.id).where(TenderRecord.id == tender_id).with_for_update())
        seat = s.execute(select(JudgeRecord).where(JudgeRecord.tender_id == tender_id, JudgeRecord.name == name)) \
            .scalar_one_or_none()
        if seat is not None and seat.account_id not in (None, account.id):
            raise AccountRefused("judge_name", "seat_taken", name=name)
        held = s.execute(select(JudgeRecord).where(JudgeRecord.tender_id == tender_id,
                                                   JudgeRecord.account_id == account.id)).scalar_one_or_none()
        if held is not None and held.name != name:
            raise AccountRefused("judge_name", "seated_as", username=account.username, name=held.name)
        previous = seat.last_account_id if seat is not None else None
        if seat is not None and previous != account.id:
            work = seat_work(s, tender_id, name)
            # The new holder would act with another person's declarations and scores. A seat never held may carry
            # scores a panel workbook gave it; a declaration comes only from a holder (one taken back before seats
            # kept their last holder, too).
            if work["declarations"] or (previous is not None and work["scores"]):
                raise AccountRefused("judge_name", "seat_has_work", seat=name, **work)
        if seat is None:
            s.add(JudgeRecord(tender_id=tender_id, name=name, account_id=account.id, last_account_id=account.id))
        else:
            seat.account_id = seat.last_account_id = account.id
        if previous in (None, account.id):
            return f"judge {name}"
        before = s.get(AccountRecord, previous)
        return f"judge {name} (handed over from {before.username if before else previous})"
    known = s.execute(select(TenderRoleRecord.id).where(
        TenderRoleRecord.tender_id == tender_id, TenderRoleRecord.account_id == account.id,
        TenderRoleRecord.role == role.value)).first()
    if not known:
        s.add(TenderRoleRecord(tender_id=tender_id, account_id=account.id, role=role.value))
    return role.value


class RoleGiving(Protocol):
    """How roles on a tender are given, lent to invitations by :class:`bideval.storage.Store` (its one
    implementation), so that inviting and redeeming check and record exactly what giving a role by hand does."""

    def open_for_role(self, s: Session, giver: Actor, tender_id: int, role: Role) -> TenderRecord:
        """The tender, locked, once ``giver`` may give ``role`` on it now; RightRefused or StageRefused otherwise."""

    def grant_role(self, s: Session, giver: Actor, record: TenderRecord, account: AccountRecord, role: Role,
                   judge_name: str | None = None, detail: str = "") -> str:
        """Give the role on the opened tender: the tender's version moves and its audit trail says who gave what."""


class Accounts:
    """Signing in and out, sessions, invitations and the administrator's account management."""

    def __init__(self, db: Database, roles: RoleGiving):
        self.db = db
        self.roles = roles

    def _refuse_clash(self, error: IntegrityError, username: str | None = None, email: str | None = None,
                      subject: str | None = None, owner: str | None = None,
                      display_name: str | None = None) -> AccountRefused:
        """What the database's refusal of a unique value means, found again once the other writer has committed:
        the same AccountRefused the check before writing gives. Any other IntegrityError is a bug: raised as it is."""
        with self.db.read() as s:
            refusal = identity_taken(s, username, email, subject, owner, display_name)
        if refusal is None:
            raise error
        return refusal

    # -- the first start
    def ensure_administrator(self) -> str | None:
        """Create the administrator on first start with a one-time password, printed to the server log.

        Returns the password when it was created now, else None. The password must be changed at first sign-in.
        """
        with self.db.read() as s:
            if s.execute(select(AccountRecord.id).where(AccountRecord.administrator.is_(True))).first():
                return None
        password = secrets.token_urlsafe(12)
        try:
            with self.db.write() as s:
                if s.execute(select(AccountRecord.id).where(AccountRecord.administrator.is_(True))).first():
                    return None
                key = name_key(ADMIN_NAME)  # kept by an older account of that name: the administrator goes without
                taken = s.execute(select(AccountRecord.id).where(AccountRecord.display_key == key)).first()
                record = AccountRecord(username=ADMIN_USERNAME, display_name=ADMIN_NAME,
                                       display_key=None if taken else key,
                                       password_hash=_hasher.hash(password), must_change_password=True,
                                       administrator=True, creates_tenders=True, active=True, failed_attempts=0,
                                       created_at=self.db.clock())
                s.add(record)
                s.flush()
                self._log(s, "system", "create_administrator", ADMIN_USERNAME)
        except IntegrityError:  # another replica created it at the same moment
            return None
        log.warning("bid-eval: created the administrator account %r with the one-time password %s "
                    "(it must be changed at first sign-in)", ADMIN_USERNAME, password)
        return password

    def _log(self, s: Session, actor: Actor | AccountRecord | str, action: str, subject: str, old: str | None = None,
             new: str | None = None, reason: str = "") -> None:
        """One entry of the accounts' audit trail, made by an account (its display and user name) or by ``actor``
        as named (``system``, or a user name)."""
        if isinstance(actor, Actor):
            name, username = actor.name, username_of(s, actor)
        elif isinstance(actor, AccountRecord):
            name, username = actor.display_name, actor.username
        else:
            name, username = actor, None
        audit.append(s, audit.ACCOUNTS_CHAIN, None, self.db.clock(), name, action, subject, old, new, reason,
                     username=username)

    # -- signing in
    def sign_in(self, username: str, password: str) -> SignedIn:
        """A new session for the right password; SignInRefused otherwise. Failures count per account."""
        now = self.db.clock()
        refusal: SignInRefused | None = None
        with self.db.write() as s:
            record = s.execute(select(AccountRecord).where(AccountRecord.username == typed(username))
                               .with_for_update()).scalar_one_or_none()
            if record is None or record.password_hash is None:
                _hasher.hash(password)  # the same time for an unknown name as for a known one
                raise SignInRefused("wrong", username)
            if not record.active:
                raise SignInRefused("inactive", username)
            if record.locked_until is not None and record.locked_until > now:
                raise SignInRefused("locked", username, record.locked_until)
            try:
                _hasher.verify(record.password_hash, password)
            except (VerificationError, InvalidHashError):
                record.failed_attempts += 1
                if record.failed_attempts >= MAX_FAILURES:
                    record.locked_until = now + timedelta(minutes=LOCK_MINUTES)
                    record.failed_attempts = 0
                    self._log(s, username, "account_locked", username, new=f"{record.locked_until:%Y-%m-%dT%H:%M}")
                    refusal = SignInRefused("locked", username, record.locked_until)
                else:
                    refusal = SignInRefused("wrong", username)
            else:
                record.failed_attempts = 0
                record.locked_until = None
                s.execute(delete(SessionRecord).where(SessionRecord.expires_at <= now, SessionRecord.account_id.in_(
                    select(AccountRecord.id).where(AccountRecord.active.is_(True)))))  # a switched-off one's: kept
                token = secrets.token_urlsafe(32)
                expires = now + timedelta(hours=SESSION_HOURS)
                s.add(SessionRecord(token_hash=_digest(token), account_id=record.id, created_at=now,
                                    expires_at=expires))
                signed = SignedIn(token, actor_of(record, token), expires, record.must_change_password)
        if refusal is not None:
            raise refusal  # after the commit: the failure counts
        return signed

    def actor(self, token: str) -> Actor:
        """Who a session token belongs to; SignInRefused when it has expired or the password must change first."""
        now = self.db.clock()
        with self.db.read() as s:
            row = s.execute(select(SessionRecord, AccountRecord).join(
                AccountRecord, AccountRecord.id == SessionRecord.account_id).where(
                SessionRecord.token_hash == _digest(token))).first()
            record = live_session_account(row, now)
            if not record.active:
                raise SignInRefused("inactive", record.username)
            if record.must_change_password:
                raise SignInRefused("must_change_password", record.username)
            return actor_of(record, token)

    def sign_out(self, token: str) -> None:
        """End a session."""
        with self.db.write() as s:
            s.execute(delete(SessionRecord).where(SessionRecord.token_hash == _digest(token)))

    def change_password(self, token: str, old: str, new: str) -> Actor:
        """Change the password of the session's account (the old one must be right); ends its other sessions."""
        check_password(new)
        now = self.db.clock()
        with self.db.write() as s:
            row = s.execute(select(SessionRecord).where(SessionRecord.token_hash == _digest(token))).scalar_one_or_none()
            if row is None or row.expires_at <= now:
                raise SignInRefused("expired")
            record = s.get(AccountRecord, row.account_id, with_for_update=True)
            assert record is not None and record.password_hash is not None
            try:
                _hasher.verify(record.password_hash, old)
            except (VerificationError, InvalidHashError):
                raise SignInRefused("wrong", record.username) from None
            if old == new:
                raise AccountRefused("password", "same_password")
            record.password_hash = _hasher.hash(new)
            record.must_change_password = False
            s.execute(delete(SessionRecord).where(SessionRecord.account_id == record.id,
                                                  SessionRecord.token_hash != row.token_hash))
            self._log(s, record, "change_password", record.username)
            return actor_of(record, token)

    # -- the administrator
    def _admin(self, s: Session, actor: Actor) -> AccountRecord:
        record = acting_account(s, actor, self.db.clock())
        if record is None or not record.active or not record.administrator:
            raise RightRefused(actor, (), Action.MANAGE_ACCOUNTS, None, "administrator_only")
        return record

    def create_account(self, actor: Actor, username: str, display_name: str, administrator: bool = False,
                       creates_tenders: bool = False, email: str | None = None,
                       with_password: bool = True) -> tuple[Account, str | None]:
        """A new account (administrator only) and its one-time password, which must be changed at first sign-in.

        ``with_password=False`` makes an account that signs in only through an external identity (or not at all).
        """
        username, display_name = account_names(username, display_name)
        email = kept_email(email)
        password = secrets.token_urlsafe(12) if with_password else None
        password_hash = _hasher.hash(password) if password else None
        try:
            with self.db.write() as s:
                self._admin(s, actor)
                taken = identity_taken(s, username, email, display_name=display_name)
                if taken is not None:
                    raise taken
                record = AccountRecord(username=username, display_name=display_name,
                                       display_key=name_key(display_name), password_hash=password_hash,
                                       must_change_password=bool(password), administrator=administrator,
                                       creates_tenders=creates_tenders or administrator, active=True,
                                       failed_attempts=0, email=email, created_at=self.db.clock())
                s.add(record)
                s.flush()
                self._log(s, actor, "create_account", username,
                          new=f"administrator={administrator} creates_tenders={creates_tenders}")
        except IntegrityError as clash:  # made by someone else between the check and the write
            raise self._refuse_clash(clash, username, email, display_name=display_name) from None
        return _account(record), password

    def reset_password(self, actor: Actor, username: str) -> str:
        """A new one-time password for an account (administrator only); its sessions end and it is unlocked."""
        password = secrets.token_urlsafe(12)
        with self.db.write() as s:
            self._admin(s, actor)
            record = account_named(s, username)
            record.password_hash = _hasher.hash(password)
            record.must_change_password = True
            record.failed_attempts = 0
            record.locked_until = None
            s.execute(delete(SessionRecord).where(SessionRecord.account_id == record.id))
            self._log(s, actor, "reset_password", username)
        return password

    def set_active(self, actor: Actor, username: str, active: bool) -> None:
        """Switch an account on or off (administrator only); switching off ends its sessions, which are kept ended
        so that a page still open says the account was switched off (not that its session expired); switching it
        on again removes them."""
        with self.db.write() as s:
            self._admin(s, actor)
            record = account_named(s, username)
            old = record.active
            record.active = active
            if active and not old:
                s.execute(delete(SessionRecord).where(SessionRecord.account_id == record.id))
            elif not active:
                now = self.db.clock()
                s.execute(update(SessionRecord).where(SessionRecord.account_id == record.id,
                                                      SessionRecord.expires_at > now).values(expires_at=now))
            self._log(s, actor, "set_active", username, str(old), str(active))

    def accounts(self, actor: Actor) -> list[Account]:
        """Every account (administrator only)."""
        with self.db.read() as s:
            self._admin(s, actor)
            return [_account(r) for r in s.execute(select(AccountRecord).order_by(AccountRecord.id)).scalars()]

    def find(self, username: str) -> Account | None:
        """The account with this user name, if any."""
        with self.db.read() as s:
            record = s.execute(select(AccountRecord).where(AccountRecord.username == typed(username))) \
                .scalar_one_or_none()
            return _account(record) if record else None

    def account_of(self, actor: Actor) -> Account | None:
        """The actor's own account (user name, whether it may create tenders …), if it still exists."""
        with self.db.read() as s:
            record = acting_account(s, actor, self.db.clock())
            return _account(record) if record else None

    # -- invitations
    def invite(self, actor: Actor, tender_id: int | None, role: Role | None, judge_name: str | None = None,
               days: int = INVITATION_DAYS) -> str:
        """A one-time code that creates an account holding ``role`` on the tender (shown once; stored hashed).

        An administrator invites to anything; a tender's procurement officer invites to roles on that tender; either
        only while the tender's stage lets the role be given (a judge: setup and scoring), as ``Store.give_role``.
        """
        code = secrets.token_urlsafe(16)
        now = self.db.clock()
        with self.db.write() as s:
            account = acting_account(s, actor, now)
            if account is None or not account.active:
                raise RightRefused(actor, (), Action.GIVE_ROLES, tender_id, "no_account")
            if tender_id is None:
                if not account.administrator:
                    raise RightRefused(actor, (), Action.GIVE_ROLES, None)
            elif role is None:
                raise AccountRefused("role", "role_needed")
            else:
                self.roles.open_for_role(s, actor, tender_id, role)
            if role is Role.JUDGE and judge_name:  # refused now, not when the judge redeems the code; filed as named
                from .panel import seat_name

                judge_name = seat_name(judge_name)
            s.add(InvitationRecord(code_hash=_digest(code), tender_id=tender_id, role=role.value if role else None,
                                   judge_name=judge_name, created_by=actor.name, created_by_id=actor.account_id,
                                   created_at=now, expires_at=now + timedelta(days=days)))
            self._log(s, actor, "invite", f"tender {tender_id}" if tender_id else "", new=role.value if role else "")
        return code

    def redeem(self, code: str, username: str, display_name: str, password: str) -> SignedIn:
        """Create an account from an invitation code (once), with the role it gives, and sign it in.

        The role is given as ``Store.give_role`` gives it, in one transaction holding the tender's lock: the
        inviter must still be an active administrator or the tender's procurement officer, and the tender's stage
        must still let the role be given; the tender's version moves and its audit trail records the role given by
        the inviter, by invitation. When either no longer holds, the invitation is cancelled and AccountRefused
        (``invitation_void``) says why: it gives only what its maker could give now, and does not come back to life
        when the stage or the maker's roles change again. A mistake of the person redeeming (a user name taken, a
        seat another account holds) writes nothing and leaves the code usable.
        """
        check_password(password)
        now = self.db.clock()
        username, display_name = account_names(username, display_name)
        password_hash = _hasher.hash(password)
        cancelled: AccountRefused | None = None
        try:
            with self.db.write() as s:
                invitation = s.execute(select(InvitationRecord).where(
                    InvitationRecord.code_hash == _digest(code.strip())).with_for_update()).scalar_one_or_none()
                if invitation is not None and invitation.used_at is not None and invitation.used_by is None:
                    raise AccountRefused("code", "invitation_cancelled")
                if invitation is None or invitation.used_at is not None or invitation.expires_at <= now:
                    raise AccountRefused("code", "bad_code")
                try:
                    inviter, tender = self._inviter(s, invitation)
                except (RightRefused, StageRefused) as refused:
                    cancelled = self._cancel(s, invitation, refused, now)
                else:
                    taken = identity_taken(s, username, display_name=display_name)
                    if taken is not None:
                        raise taken
                    record = AccountRecord(username=username, display_name=display_name,
                                           display_key=name_key(display_name), password_hash=password_hash,
                                           must_change_password=False, administrator=False, creates_tenders=False,
                                           active=True, failed_attempts=0, created_at=now)
                    s.add(record)
                    s.flush()
                    invitation.used_at, invitation.used_by = now, record.id
                    given = ""
                    if tender is not None and invitation.role:
                        given = self.roles.grant_role(s, inviter, tender, record, Role(invitation.role),
                                                      invitation.judge_name, detail="by invitation")
                    self._log(s, username, "redeem_invitation", username, new=given)
        except IntegrityError as clash:  # the user name or display name was taken between the check and the write
            raise self._refuse_clash(clash, username, display_name=display_name) from None
        if cancelled is not None:
            raise cancelled  # after the commit: the invitation stays cancelled
        return self.sign_in(username, password)

    def _inviter(self, s: Session, invitation: InvitationRecord) -> tuple[Actor, TenderRecord | None]:
        """Who made the invitation, and for a role on a tender that tender, locked, once they may still give what it
        names now; RightRefused or StageRefused when they may not."""
        account = s.get(AccountRecord, invitation.created_by_id) if invitation.created_by_id is not None else None
        if account is None or not account.active:
            raise RightRefused(Actor(invitation.created_by_id or 0, invitation.created_by), (), Action.GIVE_ROLES,
                               invitation.tender_id, "no_account")
        inviter = actor_of(account)
        if invitation.tender_id is None or not invitation.role:
            if not account.administrator:
                raise RightRefused(inviter, (), Action.GIVE_ROLES, None)
            return inviter, None
        return inviter, self.roles.open_for_role(s, inviter, invitation.tender_id, Role(invitation.role))

    def _cancel(self, s: Session, invitation: InvitationRecord, refused: RightRefused | StageRefused,
                now: datetime) -> AccountRefused:
        """Cancel an invitation that can no longer give what it names, audited; the refusal that says why."""
        invitation.used_at = now
        role = Role(invitation.role) if invitation.role else None
        cause = {"cause": "stage", "stage": refused.stage} if isinstance(refused, StageRefused) else {"cause": "inviter"}
        why = AccountRefused("code", "invitation_void", tender=invitation.tender_id, role=role,
                             inviter=invitation.created_by, **cause)
        self._log(s, "system", "cancel_invitation", f"tender {invitation.tender_id}" if invitation.tender_id else "",
                  old=invitation.role, reason=str(why))
        return why

    # -- an external identity provider (OIDC through st.login)
    def link_external(self, actor: Actor, username: str, subject: str | None = None, email: str | None = None) -> None:
        """Map an external identity (the provider's subject, or an e-mail address) to an account (administrator only);
        AccountRefused (``subject_taken``, ``email_taken``, naming the account) when another account has it."""
        email = kept_email(email)
        try:
            with self.db.write() as s:
                self._admin(s, actor)
                record = account_named(s, username)
                taken = identity_taken(s, email=email, subject=subject, owner=record.username)
                if taken is not None:
                    raise taken
                old = f"{record.external_subject or ''} {record.email or ''}".strip()
                record.external_subject = subject or record.external_subject
                record.email = email or record.email
                self._log(s, actor, "link_external", username, old, f"{subject or ''} {email or ''}".strip())
        except IntegrityError as clash:  # linked to another account between the check and the write
            raise self._refuse_clash(clash, email=email, subject=subject, owner=typed(username)) from None

    def actor_for_external(self, subject: str, email: str | None = None) -> Actor:
        """The actor of the account mapped to an external identity: by subject, else by e-mail (then linked).

        SignInRefused(``unknown_identity``) when no account is mapped: accounts are never made on the fly;
        SignInRefused(``email_shared``) when the e-mail address is several accounts' (two made before addresses
        were kept unique, in different case): the administrator keeps it on one.
        """
        try:
            return self._actor_for_external(subject, email)
        except IntegrityError:  # a sign-in of the same identity linked it at the same moment: it is linked now
            return self._actor_for_external(subject, email)

    def _actor_for_external(self, subject: str, email: str | None) -> Actor:
        with self.db.write() as s:
            record = s.execute(select(AccountRecord).where(AccountRecord.external_subject == subject)) \
                .scalar_one_or_none()
            address = email_address(email)
            if record is None and address:
                found = s.execute(select(AccountRecord).where(func.lower(AccountRecord.email) == func.lower(address))
                                  .order_by(AccountRecord.id)).scalars().all()
                if len(found) > 1:
                    raise SignInRefused("email_shared", address, accounts=tuple(r.username for r in found))
                record = found[0] if found else None
                if record is not None and record.external_subject is None:
                    record.external_subject = subject
                    self._log(s, record, "link_external", record.username, None, subject)
            if record is None:
                raise SignInRefused("unknown_identity", email or subject)
            if not record.active:
                raise SignInRefused("inactive", record.username)
            return actor_of(record)
