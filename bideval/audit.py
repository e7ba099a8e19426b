"""The audit trail: append-only entries, each carrying the SHA-256 of the entry before it and of its own content.

One chain per tender (``tender:<id>``) and one for accounts (``accounts``).
Entries are only ever added, inside the transaction of the change they
record, while that transaction holds the chain's head row; :func:`verify_chain`
recomputes every hash and names the first entry that was edited, removed or
moved.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Collection, Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from .schema import AuditEvent, AuditHead

GENESIS = "0" * 64
ACCOUNTS_CHAIN = "accounts"
# Why a chain is broken (Verdict.why).
MISSING, OUT_OF_ORDER, LINK, CONTENT, TAIL_REMOVED = "missing", "out_of_order", "link", "content", "tail_removed"
BREAKS = (MISSING, OUT_OF_ORDER, LINK, CONTENT, TAIL_REMOVED)
# What an entry shows in place of a value its reader may not read yet (:func:`withheld`; words: messages.audit_value).
WITHHELD = "\u2026withheld\u2026"


def withheld(entry: AuditEvent) -> AuditEvent:
    """A copy of ``entry``, in no session, with its values (old, new, why, detail) shown as ``WITHHELD``: who did what
    to which subject and when stay, and so does its hash."""
    columns = {c.key: getattr(entry, c.key) for c in AuditEvent.__table__.columns}
    return AuditEvent(**{**columns, **dict.fromkeys(("old_value", "new_value", "reason", "detail"), WITHHELD)})


def actor_shown(entry: AuditEvent, lang: str) -> str:
    """Who made an entry as the trail shows it: the display name, then the account's user name when it differs
    (a display name is its holder's choice; the user name is unique).

    >>> actor_shown(AuditEvent(actor="管理员 admin", username="zhao38"), "zh")
    '管理员 admin（zhao38）'
    >>> actor_shown(AuditEvent(actor="pat", username="pat"), "en")
    'pat'
    """
    if not entry.username or entry.username == entry.actor:
        return entry.actor
    return f"{entry.actor}（{entry.username}）" if lang == "zh" else f"{entry.actor} ({entry.username})"


def tender_chain(tender_id: int) -> str:
    """The chain name of a tender's audit trail.

    >>> tender_chain(7)
    'tender:7'
    """
    return f"tender:{tender_id}"


def entry_hash(prev_hash: str, seq: int, chain: str, tender_id: int | None, at: datetime, actor: str, action: str,
               subject: str, old_value: str | None, new_value: str | None, reason: str, detail: str,
               username: str | None = None) -> str:
    """The SHA-256 of an entry's content together with the hash of the entry before it (the acting account's user
    name too when the entry has one: entries made before it was kept hash as they did)."""
    content = [prev_hash, seq, chain, tender_id, at.isoformat(timespec="microseconds"), actor, action, subject,
               old_value, new_value, reason, detail] + ([username] if username is not None else [])
    return hashlib.sha256(json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")).hexdigest()


def append(s: Session, chain: str, tender_id: int | None, at: datetime, actor: str, action: str, subject: str = "",
           old_value: str | None = None, new_value: str | None = None, reason: str = "", detail: str = "",
           username: str | None = None) -> AuditEvent:
    """Add one entry at the end of ``chain`` inside the caller's transaction, locking the chain's head row;
    ``actor`` is the display name, ``username`` the acting account's user name (None: the system)."""
    head = s.execute(select(AuditHead).where(AuditHead.chain == chain).with_for_update()).scalar_one_or_none()
    if head is None:
        head = AuditHead(chain=chain, seq=0, hash=GENESIS)
        s.add(head)
    seq = head.seq + 1
    digest = entry_hash(head.hash, seq, chain, tender_id, at, actor, action, subject, old_value, new_value, reason,
                        detail, username)
    entry = AuditEvent(chain=chain, seq=seq, tender_id=tender_id, at=at, actor=actor, username=username,
                       action=action, subject=subject,
                       old_value=old_value, new_value=new_value, reason=reason, detail=detail, prev_hash=head.hash,
                       hash=digest)
    s.add(entry)
    head.seq, head.hash = seq, digest
    return entry


@dataclass(frozen=True)
class Verdict:
    """What verifying one chain found: how many entries, and the first broken one (None when intact)."""

    chain: str
    entries: int
    broken_at: int | None = None  # the entry's id, or None
    broken_seq: int | None = None
    problem: str = ""
    # What broke, as a code (:data:`BREAKS`), with the entry number expected there (``missing``,
    # ``out_of_order``) or the number the head records (``tail_removed``); bideval.messages words it.
    why: str = ""
    expected: int | None = None

    @property
    def ok(self) -> bool:
        """Whether every entry is as it was written."""
        return not self.problem

    def __str__(self) -> str:
        if self.ok:
            return f"{self.chain}: {self.entries} entries, chain intact"
        where = f" at entry {self.broken_seq} (id {self.broken_at})" if self.broken_at is not None else ""
        return f"{self.chain}: broken{where}: {self.problem}"


def verify_chain(chain: str, entries: Sequence[AuditEvent], head: AuditHead | None) -> Verdict:
    """Check ``entries`` (in the order they were written, by id) against their hashes and the chain's head."""
    prev = GENESIS
    for expected, e in enumerate(entries, 1):
        if e.seq != expected:
            why = MISSING if e.seq > expected else OUT_OF_ORDER
            return Verdict(chain, len(entries), e.id, e.seq,
                           f"expected entry {expected} here, found entry {e.seq} (an entry is "
                           f"{why.replace('_', ' ')})", why, expected)
        if e.prev_hash != prev:
            return Verdict(chain, len(entries), e.id, e.seq, "its link to the entry before does not match", LINK)
        digest = entry_hash(e.prev_hash, e.seq, e.chain, e.tender_id, e.at, e.actor, e.action, e.subject,
                            e.old_value, e.new_value, e.reason, e.detail, e.username)
        if digest != e.hash:
            return Verdict(chain, len(entries), e.id, e.seq, "its content was changed after it was written", CONTENT)
        prev = e.hash
    head_seq, head_hash = (head.seq, head.hash) if head is not None else (0, GENESIS)
    if head_seq != len(entries) or head_hash != prev:
        return Verdict(chain, len(entries), None, None,
                       f"the chain ends at entry {len(entries)} but its head records entry {head_seq}: "
                       "entries at the end were removed", TAIL_REMOVED, head_seq)
    return Verdict(chain, len(entries))


def verify_database(url: str | None = None, tender_id: int | None = None) -> list[Verdict]:
    """Verify every chain of a database (or one tender's), reading it as it is without migrating it."""
    from .database import Database

    db = Database(url, migrate=False)
    try:
        with db.read() as s:
            if tender_id is not None:
                chains = [tender_chain(tender_id)]
            else:
                chains = list(s.execute(select(AuditHead.chain).order_by(AuditHead.chain)).scalars())
            return verify(s, chains)
    finally:
        db.dispose()


def verify(s: Session, chains: Iterable[str]) -> list[Verdict]:
    """Verify each chain as the database holds it now."""
    verdicts = []
    for chain in chains:
        entries = list(s.execute(select(AuditEvent).where(AuditEvent.chain == chain).order_by(AuditEvent.id))
                       .scalars())
        head = s.get(AuditHead, chain)
        verdicts.append(verify_chain(chain, entries, head))
    return verdicts


def entry_bids(entry: AuditEvent, vendor_ids: Collection[str]) -> frozenset[str]:
    """The bids of ``vendor_ids`` an entry is about: a score, tier, declaration, finding or consensus names its
    bid in its subject; an import lists the bids it brought in its new value.

    >>> e = AuditEvent(action="set_score", subject="王评委 91110000802100433B ops_plan", new_value="12")
    >>> sorted(entry_bids(e, {"91110000802100433B", "91440300708461136T"}))
    ['91110000802100433B']
    """
    words = set((entry.subject or "").split()) | set((entry.new_value or "").replace(",", " ").split())
    return frozenset(v for v in vendor_ids if v in words)
