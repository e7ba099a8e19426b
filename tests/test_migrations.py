"""The Alembic migrations make exactly the tables the models describe, on SQLite and on PostgreSQL."""
from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from bideval.database import Database, revision
from bideval.schema import Base
from test_storage import fresh_postgres

HEAD = "0003"


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'migrated.sqlite3'}"
    return fresh_postgres(request.getfixturevalue("postgres_url"), tmp_path)


def test_the_migrated_schema_is_the_models_schema(url):
    db = Database(url)
    try:
        assert revision(db.engine) == HEAD
        with db.engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}),
                                           Base.metadata)
        assert differences == []
    finally:
        db.dispose()
