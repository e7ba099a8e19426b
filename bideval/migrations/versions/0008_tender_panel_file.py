"""A tender keeps the name and SHA-256 of the workbook that last replaced its panel as data (review6 R6-7, R6-8):
every result lists it among its inputs, and it had been found on each evaluation by searching the tender's whole
audit trail and reading the digest back out of the entry's sentence.

The columns are filled, for the tenders there are, from the last ``replace_panel`` entry of each tender's audit
chain (its subject is the file's name; its detail begins ``sha256=<64 hex digits>``), once, here.

Revision ID: 0008
Revises: 0007
"""
import re

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_RECORDED_SHA256 = re.compile(r"sha256=([0-9a-f]{64})")


def upgrade() -> None:
    op.add_column("tender", sa.Column("panel_file", sa.String(300), nullable=True))
    op.add_column("tender", sa.Column("panel_sha256", sa.String(64), nullable=True))
    tender = sa.table("tender", sa.column("id", sa.Integer), sa.column("panel_file", sa.String),
                      sa.column("panel_sha256", sa.String))
    audit = sa.table("audit_event", sa.column("chain", sa.String), sa.column("seq", sa.Integer),
                     sa.column("action", sa.String), sa.column("subject", sa.String), sa.column("detail", sa.Text))
    connection = op.get_bind()
    last: dict[str, tuple[str, str]] = {}
    for chain, subject, detail in connection.execute(
            sa.select(audit.c.chain, audit.c.subject, audit.c.detail)
            .where(audit.c.action == "replace_panel").order_by(audit.c.chain, audit.c.seq)).all():
        found = _RECORDED_SHA256.match(detail or "")
        if found:
            last[chain] = (subject, found.group(1))
    for chain, (name, sha256) in last.items():
        if chain.startswith("tender:") and chain.removeprefix("tender:").isdigit():
            connection.execute(tender.update().where(tender.c.id == int(chain.removeprefix("tender:")))
                               .values(panel_file=name, panel_sha256=sha256))


def downgrade() -> None:
    # plain ALTER TABLE … DROP COLUMN (SQLite 3.35 and later too): a batch copy of the tender table would drop it
    # first, and with it, through ON DELETE CASCADE, every row that belongs to a tender
    op.drop_column("tender", "panel_sha256")
    op.drop_column("tender", "panel_file")
