"""A bid keeps the SHA-256 of the rubric version its workbook was made from, when that is not the tender's rubric
(a form sent out before an amendment): the app's ranked workbook lists the warning (files.other_version) the command
line's does, for the bids on record (appaudit). The bids already there have none (NULL: not known). Nullable, as
0010's role is: no batch copy of the table on SQLite.

Revision ID: 0011
Revises: 0010
"""
import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("bid", sa.Column("made_from", sa.String(64), nullable=True))


def downgrade() -> None:
    op.drop_column("bid", "made_from")  # plain ALTER TABLE … DROP COLUMN, as 0010's
