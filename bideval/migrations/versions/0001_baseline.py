"""The schema of main at 9147466, frozen: what databases made before migrations existed have.

Revision ID: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "tender",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("rubric_yaml", sa.Text, nullable=False),
        sa.Column("rubric_source", sa.String(300), nullable=False),
        sa.Column("rubric_sha256", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "bid",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("tender_id", sa.Integer, sa.ForeignKey("tender.id", ondelete="CASCADE"), nullable=False),
        sa.Column("vendor_id", sa.String(64), nullable=False),
        sa.Column("vendor_name", sa.String(300), nullable=False),
        sa.Column("file_name", sa.String(300), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.Column("sheet", sa.String(64), nullable=False),
        sa.Column("row", sa.Integer, nullable=True),
        sa.Column("values_json", sa.Text, nullable=False),
        sa.Column("cells_json", sa.Text, nullable=False),
        sa.Column("imported_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("tender_id", "vendor_id"),
    )
    op.create_index("ix_bid_tender_id", "bid", ["tender_id"])
    op.create_table(
        "judge",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("tender_id", sa.Integer, sa.ForeignKey("tender.id", ondelete="CASCADE"), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.UniqueConstraint("tender_id", "name"),
    )
    op.create_index("ix_judge_tender_id", "judge", ["tender_id"])
    op.create_table(
        "tier",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("tender_id", sa.Integer, sa.ForeignKey("tender.id", ondelete="CASCADE"), nullable=False),
        sa.Column("vendor_id", sa.String(64), nullable=False),
        sa.Column("criterion", sa.String(100), nullable=False),
        sa.Column("tier", sa.String(100), nullable=False),
        sa.UniqueConstraint("tender_id", "vendor_id", "criterion"),
    )
    op.create_index("ix_tier_tender_id", "tier", ["tender_id"])
    op.create_table(
        "score",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("tender_id", sa.Integer, sa.ForeignKey("tender.id", ondelete="CASCADE"), nullable=False),
        sa.Column("judge", sa.String(100), nullable=False),
        sa.Column("vendor_id", sa.String(64), nullable=False),
        sa.Column("criterion", sa.String(100), nullable=False),
        sa.Column("score", sa.String(40), nullable=True),
        sa.Column("comment", sa.Text, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("tender_id", "judge", "vendor_id", "criterion"),
    )
    op.create_index("ix_score_tender_id", "score", ["tender_id"])
    op.create_table(
        "event",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("tender_id", sa.Integer, sa.ForeignKey("tender.id", ondelete="CASCADE"), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("action", sa.String(60), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
    )
    op.create_index("ix_event_tender_id", "event", ["tender_id"])


def downgrade() -> None:
    for table in ("event", "score", "tier", "judge", "bid", "tender"):
        op.drop_table(table)
