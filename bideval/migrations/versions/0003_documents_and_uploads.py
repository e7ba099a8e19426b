"""Bid documents (proposals, price schedules, scans) and the kept report of every upload.

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "bid_document",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("tender_id", sa.Integer, sa.ForeignKey("tender.id", ondelete="CASCADE"), nullable=False),
        sa.Column("vendor_id", sa.String(64), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("envelope", sa.String(20), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("pages", sa.Integer, nullable=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.Column("added_by", sa.String(100), nullable=False),
        sa.Column("added_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("tender_id", "vendor_id", "name"),
    )
    op.create_index("ix_bid_document_tender_id", "bid_document", ["tender_id"])
    op.create_table(
        "upload",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("tender_id", sa.Integer, sa.ForeignKey("tender.id", ondelete="CASCADE"), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("vendor_id", sa.String(64), nullable=True),
        sa.Column("replace", sa.Boolean, nullable=False),
        sa.Column("files_json", sa.Text, nullable=False),
    )
    op.create_index("ix_upload_tender_id", "upload", ["tender_id"])


def downgrade() -> None:
    op.drop_index("ix_upload_tender_id", table_name="upload")
    op.drop_table("upload")
    op.drop_index("ix_bid_document_tender_id", table_name="bid_document")
    op.drop_table("bid_document")
