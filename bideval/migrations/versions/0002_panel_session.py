"""A real panel session: accounts, roles, stages, declarations, consensus, findings, versions, a hash-chained audit.

The old ``event`` table is copied entry by entry, in order, into ``audit_event``
(each tender's entries become the start of its hash chain) and then dropped.
Tenders that existed before are in the ``scoring`` stage: their panels were
already scoring.

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

from bideval.audit import GENESIS, entry_hash, tender_chain

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("tender", sa.Column("stage", sa.String(20), nullable=False, server_default="scoring"))
    op.add_column("tender", sa.Column("hide_prices", sa.Boolean, nullable=False, server_default=sa.false()))
    op.add_column("tender", sa.Column("finalised_by", sa.String(100), nullable=True))
    op.add_column("tender", sa.Column("finalised_at", sa.DateTime, nullable=True))
    op.add_column("judge", sa.Column("account_id", sa.Integer, nullable=True))
    op.add_column("judge", sa.Column("submitted_at", sa.DateTime, nullable=True))
    op.create_index("ix_judge_account_id", "judge", ["account_id"])
    op.add_column("tier", sa.Column("version", sa.Integer, nullable=False, server_default="1"))
    op.add_column("score", sa.Column("version", sa.Integer, nullable=False, server_default="1"))

    op.create_table(
        "account",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("username", sa.String(100), nullable=False, unique=True),
        sa.Column("display_name", sa.String(100), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=True),
        sa.Column("must_change_password", sa.Boolean, nullable=False),
        sa.Column("administrator", sa.Boolean, nullable=False),
        sa.Column("creates_tenders", sa.Boolean, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("failed_attempts", sa.Integer, nullable=False),
        sa.Column("locked_until", sa.DateTime, nullable=True),
        sa.Column("email", sa.String(200), nullable=True, unique=True),
        sa.Column("external_subject", sa.String(300), nullable=True, unique=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "web_session",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("account_id", sa.Integer, sa.ForeignKey("account.id", ondelete="CASCADE"), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("expires_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_web_session_account_id", "web_session", ["account_id"])
    op.create_table(
        "invitation",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("code_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("tender_id", sa.Integer, sa.ForeignKey("tender.id", ondelete="CASCADE"), nullable=True),
        sa.Column("role", sa.String(20), nullable=True),
        sa.Column("judge_name", sa.String(100), nullable=True),
        sa.Column("created_by", sa.String(100), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("expires_at", sa.DateTime, nullable=False),
        sa.Column("used_at", sa.DateTime, nullable=True),
        sa.Column("used_by", sa.Integer, sa.ForeignKey("account.id"), nullable=True),
    )
    op.create_table(
        "tender_role",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("tender_id", sa.Integer, sa.ForeignKey("tender.id", ondelete="CASCADE"), nullable=False),
        sa.Column("account_id", sa.Integer, sa.ForeignKey("account.id", ondelete="CASCADE"), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.UniqueConstraint("tender_id", "account_id", "role"),
    )
    op.create_index("ix_tender_role_tender_id", "tender_role", ["tender_id"])
    op.create_index("ix_tender_role_account_id", "tender_role", ["account_id"])
    op.create_table(
        "declaration",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("tender_id", sa.Integer, sa.ForeignKey("tender.id", ondelete="CASCADE"), nullable=False),
        sa.Column("judge", sa.String(100), nullable=False),
        sa.Column("vendor_id", sa.String(64), nullable=False),
        sa.Column("conflict", sa.Boolean, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("declared_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("tender_id", "judge", "vendor_id"),
    )
    op.create_index("ix_declaration_tender_id", "declaration", ["tender_id"])
    op.create_table(
        "consensus",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("tender_id", sa.Integer, sa.ForeignKey("tender.id", ondelete="CASCADE"), nullable=False),
        sa.Column("vendor_id", sa.String(64), nullable=False),
        sa.Column("criterion", sa.String(100), nullable=False),
        sa.Column("score", sa.String(40), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("by", sa.String(100), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.UniqueConstraint("tender_id", "vendor_id", "criterion"),
    )
    op.create_index("ix_consensus_tender_id", "consensus", ["tender_id"])
    op.create_table(
        "finding",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("tender_id", sa.Integer, sa.ForeignKey("tender.id", ondelete="CASCADE"), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("vendor_id", sa.String(64), nullable=False),
        sa.Column("criterion", sa.String(100), nullable=False),
        sa.Column("judge", sa.String(100), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("by", sa.String(100), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.UniqueConstraint("tender_id", "kind", "vendor_id", "criterion", "judge"),
    )
    op.create_index("ix_finding_tender_id", "finding", ["tender_id"])
    audit_event = op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("chain", sa.String(40), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("tender_id", sa.Integer, nullable=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("action", sa.String(60), nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("old_value", sa.Text, nullable=True),
        sa.Column("new_value", sa.Text, nullable=True),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.UniqueConstraint("chain", "seq"),
    )
    op.create_index("ix_audit_event_chain", "audit_event", ["chain"])
    op.create_index("ix_audit_event_tender_id", "audit_event", ["tender_id"])
    audit_head = op.create_table(
        "audit_head",
        sa.Column("chain", sa.String(40), primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    _copy_events(audit_event, audit_head)
    op.drop_index("ix_event_tender_id", table_name="event")
    op.drop_table("event")


def _copy_events(audit_event: sa.Table, audit_head: sa.Table) -> None:
    """Every old event, in order, as the start of its tender's chain; every tender gets a head."""
    bind = op.get_bind()
    old = sa.table("event", sa.column("id", sa.Integer), sa.column("tender_id", sa.Integer),
                   sa.column("at", sa.DateTime), sa.column("actor", sa.String), sa.column("action", sa.String),
                   sa.column("detail", sa.Text))
    tender = sa.table("tender", sa.column("id", sa.Integer))
    heads = {tender_id: (0, GENESIS) for (tender_id,) in bind.execute(sa.select(tender.c.id))}
    rows = []
    for _, tender_id, at, actor, action, detail in bind.execute(sa.select(old).order_by(old.c.id)):
        seq, prev = heads.get(tender_id, (0, GENESIS))
        seq += 1
        chain = tender_chain(tender_id)
        digest = entry_hash(prev, seq, chain, tender_id, at, actor or "", action, "", None, None, "", detail or "")
        rows.append({"chain": chain, "seq": seq, "tender_id": tender_id, "at": at, "actor": actor or "",
                     "action": action, "subject": "", "old_value": None, "new_value": None, "reason": "",
                     "detail": detail or "", "prev_hash": prev, "hash": digest})
        heads[tender_id] = (seq, digest)
    if rows:
        op.bulk_insert(audit_event, rows)
    op.bulk_insert(audit_head, [{"chain": tender_chain(t), "seq": seq, "hash": h} for t, (seq, h) in heads.items()]
                   + [{"chain": "accounts", "seq": 0, "hash": GENESIS}])


def downgrade() -> None:
    raise NotImplementedError("bid-eval does not go back to a schema without accounts and the hash-chained audit")
