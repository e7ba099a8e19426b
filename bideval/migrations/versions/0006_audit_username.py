"""An audit entry names the account that acted by its user name too, beside the display name it kept.

A display name is chosen by its holder (a judge could call themselves 管理员 admin); the user name is unique and
never changes. Entries made before keep no user name (their hashes stay as they were); entries made since hash it.

Revision ID: 0006
Revises: 0005
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("audit_event", sa.Column("username", sa.String(100), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("audit_event") as batch:
        batch.drop_column("username")
