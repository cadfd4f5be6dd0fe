"""The database: engine, sessions, and the SQLite settings that make it safe for many processes.

Reads use `read_session()`; anything that writes uses `write_session()`, which on SQLite
begins with `BEGIN IMMEDIATE`: a deferred transaction that reads and then writes fails at
once with SQLITE_BUSY, ignoring the busy timeout, while an immediate one waits its turn.
"""

import math
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import make_url
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from service.core.config import Settings

UNREACHABLE = (OperationalError, InterfaceError)  # a database down, restarting, cut off or busy
# ...except one OperationalError that waiting does not cure: no space left to write (see out_of_space)
POSTGRES_DISK_FULL = "53100"  # SQLSTATE disk_full: "could not extend file ...: No space left on device"

IMMEDIATE = "nnservice_begin_immediate"  # execution option read by the SQLite "begin" hook
# PostgreSQL ends a transaction left open this long (its process paused or hung), so the row
# locks it holds cannot keep a job from being rescued. Every transaction here takes milliseconds.
IDLE_IN_TRANSACTION_TIMEOUT_MS = 10_000
# libpq's: a silent network cut (no reset) is noticed in about half a minute, not hours.
POSTGRES_CONNECT_ARGS: dict[str, Any] = {  # libpq keywords: psycopg.connect(**kwargs) takes any
    "connect_timeout": 10,
    "keepalives": 1,
    "keepalives_idle": 10,
    "keepalives_interval": 5,
    "keepalives_count": 3,
    "tcp_user_timeout": 30_000,  # ms unacknowledged before the connection counts as dead
}


def out_of_space(exc: BaseException) -> bool:
    """Whether a database error says its disk is full: SQLite's SQLITE_FULL ("database or disk is
    full"), PostgreSQL's disk_full. Apart from "unreachable": retrying the same write only waits
    until an operator frees space, so a job fails at once with this reason instead."""
    orig = getattr(exc, "orig", None)
    if isinstance(orig, sqlite3.Error):
        return (getattr(orig, "sqlite_errorcode", 0) & 0xFF) == sqlite3.SQLITE_FULL  # extended codes keep it low
    return getattr(orig, "sqlstate", None) == POSTGRES_DISK_FULL


def upsert_insert(session: Session, table):
    """An INSERT on `table` with the dialect's ON CONFLICT clauses (PostgreSQL and SQLite share them)."""
    dialect = session.get_bind().dialect.name
    return (postgresql_insert if dialect == "postgresql" else sqlite_insert)(table)


class Database:
    def __init__(self, url: str, *, busy_timeout_ms: int = 5000):
        self.url = make_url(url)
        self.is_sqlite = self.url.get_backend_name() == "sqlite"
        if self.is_sqlite:
            if self.url.database and self.url.database != ":memory:":
                Path(self.url.database).parent.mkdir(parents=True, exist_ok=True)
            self.engine = create_engine(
                url, connect_args={"check_same_thread": False, "timeout": busy_timeout_ms / 1000}
            )
            _configure_sqlite(self.engine, busy_timeout_ms)
        else:
            self.engine = create_engine(url, pool_pre_ping=True, connect_args=POSTGRES_CONNECT_ARGS)
            _configure_postgresql(self.engine)
        self._reader = sessionmaker(self.engine, expire_on_commit=False)
        self._writer = sessionmaker(self.engine.execution_options(**{IMMEDIATE: True}), expire_on_commit=False)

    @contextmanager
    def read_session(self) -> Iterator[Session]:
        with self._reader() as session:
            yield session

    @contextmanager
    def write_session(self) -> Iterator[Session]:
        """A session whose transaction commits on success and rolls back on any error."""
        with self._writer() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()

    def probe_engine(self, timeout_seconds: float) -> Engine:
        """An engine for the health checks alone: one connection, apart from the pool that busy routes
        may hold, read-only, and whose waits (connecting, a lock, a statement) end within about
        `timeout_seconds`. An in-memory SQLite database lives in the app's connection: its engine."""
        if self.is_sqlite and (not self.url.database or self.url.database == ":memory:"):
            return self.engine
        pool: dict[str, Any] = {"pool_size": 1, "max_overflow": 0, "pool_timeout": timeout_seconds}
        if self.is_sqlite:
            engine = create_engine(
                self.url, **pool, connect_args={"check_same_thread": False, "timeout": timeout_seconds}
            )
            _configure_sqlite_probe(engine, timeout_seconds)
        else:
            connect_args = {
                **POSTGRES_CONNECT_ARGS,
                "connect_timeout": max(2, math.ceil(timeout_seconds)),  # libpq's least
                "tcp_user_timeout": int(timeout_seconds * 1000),
            }
            engine = create_engine(self.url, **pool, pool_pre_ping=True, connect_args=connect_args)
            _configure_postgresql_probe(engine, timeout_seconds)
        return engine


def _configure_sqlite(engine: Engine, busy_timeout_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        # Let SQLAlchemy's "begin" event emit BEGIN itself (pysqlite's own handling is deferred-only).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")  # readers never block the writer
        cursor.execute("PRAGMA synchronous=NORMAL")  # safe with WAL, much faster commits
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        immediate = connection.get_execution_options().get(IMMEDIATE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _configure_sqlite_probe(engine: Engine, timeout_seconds: float) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # autocommit: a read holds no transaction open
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={int(timeout_seconds * 1000)}")
        cursor.execute("PRAGMA query_only=ON")  # a probe never takes the write lock
        cursor.close()


def _configure_postgresql_probe(engine: Engine, timeout_seconds: float) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        autocommit, dbapi_connection.autocommit = dbapi_connection.autocommit, True
        ms = int(timeout_seconds * 1000)
        for setting in ("statement_timeout", "lock_timeout", "idle_in_transaction_session_timeout"):
            dbapi_connection.execute(f"SET {setting} = {ms}")
        dbapi_connection.execute("SET default_transaction_read_only = on")
        dbapi_connection.autocommit = autocommit


def _configure_postgresql(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        # A SET, not a startup option, so that it passes through PgBouncer too.
        autocommit, dbapi_connection.autocommit = dbapi_connection.autocommit, True
        dbapi_connection.execute(f"SET idle_in_transaction_session_timeout = {IDLE_IN_TRANSACTION_TIMEOUT_MS}")
        dbapi_connection.autocommit = autocommit


def database_from_settings(settings: Settings) -> Database:
    return Database(settings.resolved_database_url, busy_timeout_ms=settings.sqlite_busy_timeout_ms)
