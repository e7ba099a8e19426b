"""Alembic's entry: run the migrations on the connection bid-eval hands over (bideval.database.upgrade)."""
from alembic import context

from bideval.schema import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
