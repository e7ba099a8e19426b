"""A tender keeps a random token only it has (app8 A8-1): the score sheets the app writes carry it beside the tender's
id and name, and a sheet made for another tender is refused on import. The id alone cannot tell: two lots of one
procurement share a rubric, and a copy of the app on another machine has its own #3, perhaps of the same name.

The token is filled for the tenders there are, here, once. The column stays nullable, as 0007's key does: a NOT NULL
column added to SQLite takes a batch copy of the tender table, which drops it first and with it, through ON DELETE
CASCADE, every row of every tender. The store gives every new tender one.

Revision ID: 0009
Revises: 0008
"""
import uuid

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("tender", sa.Column("token", sa.String(32), nullable=True))
    tender = sa.table("tender", sa.column("id", sa.Integer), sa.column("token", sa.String))
    connection = op.get_bind()
    for (tender_id,) in connection.execute(sa.select(tender.c.id)).all():
        connection.execute(tender.update().where(tender.c.id == tender_id).values(token=uuid.uuid4().hex))
    op.create_index("ix_tender_token", "tender", ["token"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_tender_token", table_name="tender")
    # plain ALTER TABLE … DROP COLUMN: a batch copy of the tender table would drop it first, and every row of every
    # tender with it (ON DELETE CASCADE)
    op.drop_column("tender", "token")
