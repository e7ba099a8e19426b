"""The connection to the database: engine, transactions that lock what they check, one-snapshot reads, migrations.

SQLite: WAL, a busy timeout, and pysqlite's own transaction handling turned
off (SQLAlchemy's documented recipe) so that a write transaction starts with
``BEGIN IMMEDIATE`` — it takes the write lock before it reads what it checks —
and a read transaction with ``BEGIN``, one snapshot for all its statements.
PostgreSQL: writes lock the rows they check with ``SELECT … FOR UPDATE``;
reads run in one ``REPEATABLE READ`` transaction.
"""
from __future__ import annotations

import logging
import os
import threading
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterator

from sqlalchemy import create_engine, event, inspect, make_url, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session

from .schema import utc_now

DEFAULT_DATABASE = Path("data") / "bid_eval.sqlite3"
SQLITE_BUSY_TIMEOUT_MS = 30_000
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BASELINE_REVISION = "0001"  # the schema of main at 9147466, before migrations existed
# PostgreSQL advisory locks: what replicas starting together do one at a time.
MIGRATION_LOCK = 872145
FIRST_TENDER_LOCK = 872146
log = logging.getLogger("bideval")


def database_url() -> str:
    """``DATABASE_URL`` when set, else the embedded SQLite file."""
    return os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_DATABASE}"


class Database:
    """An engine with the two kinds of transaction the store uses, and a clock (replaceable in tests)."""

    def __init__(self, url: str | None = None, clock: Callable[[], datetime] | None = None, migrate: bool = True):
        self.url = url or database_url()
        self.clock = clock or utc_now
        if self.url.startswith("sqlite:///") and not self.url.startswith("sqlite:///:memory:"):
            Path(self.url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        self.engine: Engine = create_engine(self.url)
        self.sqlite = self.engine.dialect.name == "sqlite"
        self._writer: Engine
        self._reader: Engine
        if self.sqlite:
            event.listen(self.engine, "connect", _sqlite_connect)
            event.listen(self.engine, "begin", _sqlite_begin)
            self._writer = self.engine.execution_options(sqlite_immediate=True)
            self._reader = self.engine
        else:
            self._writer = self.engine
            self._reader = self.engine.execution_options(isolation_level="REPEATABLE READ")
        if migrate:
            upgrade(self.engine)

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction: committed when the block ends, rolled back on any error."""
        with Session(self._writer, expire_on_commit=False) as s, s.begin():
            yield s

    @contextmanager
    def read(self) -> Iterator[Session]:
        """One read-only transaction: every statement in it sees the same snapshot."""
        with Session(self._reader, expire_on_commit=False) as s, s.begin():
            yield s

    def one_at_a_time(self, s: Session, lock: int) -> None:
        """Hold ``lock`` until the write transaction ``s`` ends, so that transactions taking it run one after another,
        what each checks unchanged by the others until it commits.

        PostgreSQL: a transaction advisory lock (for a check no row can be locked for, such as "no tender yet").
        SQLite: nothing to do, as every write transaction already runs alone (``BEGIN IMMEDIATE``).
        """
        if not self.sqlite:
            s.execute(text("SELECT pg_advisory_xact_lock(:lock)"), {"lock": lock})

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


def shown_url(url: str) -> str:
    """A database address fit to show on a page: the password masked.

    >>> shown_url("postgresql+psycopg://bideval:s3cret@db.example.org/bideval")
    'postgresql+psycopg://bideval:***@db.example.org/bideval'
    >>> shown_url("sqlite:///data/bid_eval.sqlite3")
    'sqlite:///data/bid_eval.sqlite3'
    """
    return make_url(url).render_as_string(hide_password=True)


def _sqlite_connect(connection, _record) -> None:
    connection.isolation_level = None  # pysqlite must not BEGIN on its own: the "begin" hook does it
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    immediate = connection.get_execution_options().get("sqlite_immediate")
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _alembic_config(connection: Connection):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest revision; a database made before migrations is taken as the baseline first.

    On PostgreSQL an advisory lock makes replicas starting together migrate one after the other. Within one process
    the migrations run one at a time whatever the database: Alembic keeps the migration under way in module globals
    (``alembic.context``), so two run at once from two threads (two stores opened together) mixed their states.
    """
    with _MIGRATING:
        _upgrade(engine)


_MIGRATING = threading.Lock()


def _upgrade(engine: Engine) -> None:
    from alembic import command

    with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text(f"SELECT pg_advisory_lock({MIGRATION_LOCK})"))
            connection.commit()
        try:
            tables = set(inspect(connection).get_table_names())
            config = _alembic_config(connection)
            if "tender" in tables and "alembic_version" not in tables:
                log.info("bid-eval: database without migrations: taking it as revision %s", BASELINE_REVISION)
                command.stamp(config, BASELINE_REVISION)
            command.upgrade(config, "head")
            connection.commit()
        finally:
            if engine.dialect.name == "postgresql":
                connection.execute(text(f"SELECT pg_advisory_unlock({MIGRATION_LOCK})"))
                connection.commit()


def revision(engine: Engine) -> str | None:
    """The schema revision the database is at."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
