"""A seat keeps the member's role on the panel (组长, 经济专家 …) that the Judges sheet of a panel workbook writes in
brackets after the name (王评委（组长）): the command line's report and workbook list it, the app's dropped it when the
workbook replaced the panel (seat15). The seats already there have none (NULL: the role was not kept). Nullable, as 0009's
token is: no batch copy of the table on SQLite.

Revision ID: 0010
Revises: 0009
"""
import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("judge", sa.Column("role", sa.String(100), nullable=True))


def downgrade() -> None:
    op.drop_column("judge", "role")  # plain ALTER TABLE … DROP COLUMN, as 0008's
