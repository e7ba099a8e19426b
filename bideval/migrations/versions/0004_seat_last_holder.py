"""A seat remembers the account that held it last, so that its declarations and scores go back to that account only.

Seats held now are marked as last held by their holder; a seat nobody holds was never held as far as the database
knows (the account that held it was not kept).

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("judge", sa.Column("last_account_id", sa.Integer, nullable=True))
    op.execute("UPDATE judge SET last_account_id = account_id")


def downgrade() -> None:
    with op.batch_alter_table("judge") as batch:
        batch.drop_column("last_account_id")
