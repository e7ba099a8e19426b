"""A display name is unique among accounts in the database too, compared as the store compares it (without case or
spaces, ``accounts.name_key``): two accounts made at the same moment, each past the check before either writes,
cannot share a name (the audit trail and the panel list name people by it).

The key is filled for the accounts there are, oldest first; an account whose name an older one already has keeps no
key (NULL never collides), so the upgrade never fails on names given before the rule. The check before writing
still compares every account's name, keyed or not.

Revision ID: 0007
Revises: 0006
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("account", sa.Column("display_key", sa.String(200), nullable=True))
    account = sa.table("account", sa.column("id", sa.Integer), sa.column("display_name", sa.String),
                       sa.column("display_key", sa.String))
    connection = op.get_bind()
    seen: set[str] = set()
    for account_id, name in connection.execute(sa.select(account.c.id, account.c.display_name)
                                               .order_by(account.c.id)).all():
        key = "".join((name or "").split()).casefold()  # accounts.name_key as it is at this revision
        if key and key not in seen:
            seen.add(key)
            connection.execute(account.update().where(account.c.id == account_id).values(display_key=key))
    op.create_index("ix_account_display_key", "account", ["display_key"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_account_display_key", table_name="account")
    # plain ALTER TABLE … DROP COLUMN (SQLite 3.35 and later too): a batch copy of the account table would drop it
    # first, and with it, through ON DELETE CASCADE, the accounts' sessions and roles
    op.drop_column("account", "display_key")
