"""An invitation remembers the account that made it, so that redeeming it checks that account may still give the role.

It kept only the inviter's name as shown, which two accounts may share. An invitation made before is given the
account whose name it kept when exactly one account has that name; otherwise the inviter stays unknown, and
redeeming it is refused (ask for a new invitation).

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("invitation", sa.Column("created_by_id", sa.Integer, nullable=True))
    op.execute("UPDATE invitation SET created_by_id = (SELECT min(account.id) FROM account "
               "WHERE account.display_name = invitation.created_by) "
               "WHERE (SELECT count(*) FROM account WHERE account.display_name = invitation.created_by) = 1")


def downgrade() -> None:
    with op.batch_alter_table("invitation") as batch:
        batch.drop_column("created_by_id")
